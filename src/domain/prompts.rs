//! The questions the journal asks. They are data: `assets/prompts.toml`,
//! embedded at build time, with any list replaceable from the config file.

use serde::{Deserialize, Serialize};

const DEFAULT_PROMPTS: &str = include_str!("../../assets/prompts.toml");

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prompt {
    pub key: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Prompts {
    pub morning: Vec<Prompt>,
    pub evening: Vec<Prompt>,
    pub after_miss: Vec<Prompt>,
    pub weekly: Vec<Prompt>,
    pub examples: Vec<String>,
}

/// Lists a config file may replace; anything left out keeps the default.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PromptOverrides {
    pub morning: Option<Vec<Prompt>>,
    pub evening: Option<Vec<Prompt>>,
    pub after_miss: Option<Vec<Prompt>>,
    pub weekly: Option<Vec<Prompt>>,
    pub examples: Option<Vec<String>>,
}

impl Default for Prompts {
    fn default() -> Self {
        // The asset is part of the build and covered by a test below.
        toml::from_str(DEFAULT_PROMPTS).unwrap_or_else(|_| Prompts {
            morning: vec![],
            evening: vec![],
            after_miss: vec![],
            weekly: vec![],
            examples: vec![],
        })
    }
}

impl Prompts {
    pub fn with_overrides(mut self, o: PromptOverrides) -> Prompts {
        if let Some(v) = o.morning.filter(|v| !v.is_empty()) {
            self.morning = v;
        }
        if let Some(v) = o.evening.filter(|v| !v.is_empty()) {
            self.evening = v;
        }
        if let Some(v) = o.after_miss.filter(|v| !v.is_empty()) {
            self.after_miss = v;
        }
        if let Some(v) = o.weekly.filter(|v| !v.is_empty()) {
            self.weekly = v;
        }
        if let Some(v) = o.examples.filter(|v| !v.is_empty()) {
            self.examples = v;
        }
        self
    }

    /// The text of a prompt by key, from any list.
    pub fn text(&self, key: &str) -> Option<&str> {
        self.morning
            .iter()
            .chain(&self.evening)
            .chain(&self.after_miss)
            .chain(&self.weekly)
            .find(|p| p.key == key)
            .map(|p| p.text.as_str())
    }

    /// The morning prompt with this key, or the first one.
    pub fn morning(&self, key: &str) -> &str {
        self.morning
            .iter()
            .find(|p| p.key == key)
            .map(|p| p.text.as_str())
            .unwrap_or("")
    }
}

/// The key of the evening answer shown again the next morning.
pub const ADJUST_KEY: &str = "adjust";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_prompts_parse_and_cover_every_moment() {
        let parsed: Prompts = toml::from_str(DEFAULT_PROMPTS).expect("assets/prompts.toml parses");
        assert!(!parsed.morning.is_empty());
        assert!(parsed.evening.iter().any(|p| p.key == ADJUST_KEY));
        assert!(!parsed.after_miss.is_empty());
        assert!(!parsed.weekly.is_empty());
        assert!(parsed.examples.len() >= 3);
        assert_eq!(Prompts::default(), parsed);
    }

    #[test]
    fn prompts_never_scold() {
        let p = Prompts::default();
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

    #[test]
    fn overrides_replace_only_the_lists_they_name() {
        let o = PromptOverrides {
            evening: Some(vec![Prompt {
                key: "one".into(),
                text: "One thing?".into(),
            }]),
            ..Default::default()
        };
        let p = Prompts::default().with_overrides(o);
        assert_eq!(p.evening.len(), 1);
        assert_eq!(p.text("one"), Some("One thing?"));
        assert_eq!(p.morning, Prompts::default().morning);
    }
}
