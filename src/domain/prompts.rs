//! The questions the journal asks are data: `assets/prompts.toml`, loaded
//! with any list replaced from the config file by `crate::config` into
//! [`Prompts`]. What the domain itself knows about them lives here.
//!
//! May use: `model`.

pub use crate::model::{Prompt, Prompts};

/// The key of the evening answer shown again the next morning.
pub const ADJUST_KEY: &str = "adjust";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Config;

    #[test]
    fn the_built_in_prompts_ask_for_the_adjustment_shown_next_morning() {
        let p = Config::default().prompts;
        assert!(p.evening.iter().any(|p| p.key == ADJUST_KEY));
    }

    #[test]
    fn prompts_never_scold() {
        let p = Config::default().prompts;
        assert!(!p.morning.is_empty());
        let all: Vec<String> = p
            .morning
            .iter()
            .chain(&p.evening)
            .chain(&p.after_miss)
            .chain(&p.weekly)
            .map(|p| p.text.to_lowercase())
            .chain(p.examples.iter().map(|e| e.to_lowercase()))
            .collect();
        for word in [
            "fail",
            "broke",
            "streak",
            "lazy",
            "should have",
            "why didn't",
        ] {
            assert!(
                all.iter().all(|t| !t.contains(word)),
                "prompt uses {word:?}"
            );
        }
    }
}
