//! Undo: what each action wrote, and how to take it back.
//!
//! Every action a person takes through the [`Journal`](super::Journal) is
//! one [`Change`]: the records it writes, saved in one transaction by the
//! store, which hands back the change that takes it back (see
//! `model/change.rs`). Once saved, that becomes one [`Group`] in the
//! [`History`], however many records it touched (accepting a suggestion can
//! edit a promise, archive others and record the decision), so one undo
//! takes back exactly one action. The history holds the last [`DEPTH`]
//! actions; older ones drop off the front whole.
//!
//! Undo expects to find exactly what the action left. A record changed
//! elsewhere since (another window, a command in a shell) is left as it
//! is, and [`Undone::message`] says so in one sentence.
//!
//! May use: `model`.

use std::collections::VecDeque;

pub(crate) use crate::model::change::Change;
use crate::model::change::{Kind, Left};

/// Actions kept for undo in one session.
pub const DEPTH: usize = 100;

/// One action in the history: what it was, in words, and the change that
/// takes it back.
#[derive(Debug)]
pub(crate) struct Group {
    label: String,
    undo: Change,
}

impl Group {
    pub fn new(label: String, undo: Change) -> Group {
        Group { label, undo }
    }

    /// The change that takes the action back.
    pub fn undo(&self) -> &Change {
        &self.undo
    }

    /// What was done, like `added “Stretch”`.
    pub fn label(&self) -> &str {
        &self.label
    }
}

/// What one undo did: the action it took back, and what it left as it
/// was because it had been changed elsewhere since.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undone {
    /// What was undone, like `added “Stretch”`.
    pub label: String,
    pub left: Vec<Left>,
}

impl Undone {
    /// What to tell the person: `Undone: added a win.`, and one more
    /// sentence when something was left as it is.
    pub fn message(&self) -> String {
        match self.left_sentence() {
            Some(left) => format!("Undone: {}. {left}", self.label),
            None => format!("Undone: {}.", self.label),
        }
    }

    /// One sentence about what was left, or `None` when nothing was.
    pub fn left_sentence(&self) -> Option<String> {
        let first = self.left.first()?;
        if self.left.iter().any(|l| l.kind != first.kind) {
            return Some(
                "Some of it was changed elsewhere since; that part was left as it is.".into(),
            );
        }
        let deleted = self.left.iter().all(|l| l.deleted);
        let (verb, rest) = if deleted {
            ("deleted", ", so it stays deleted")
        } else {
            ("changed", "; left as it is")
        };
        if self.left.len() == 1 {
            let what = match first.kind {
                Kind::Promise => "That promise",
                Kind::Check => "That day",
                Kind::Win => "That win",
                Kind::CheckIn => "That check-in",
                Kind::Reflection => "That reflection",
                Kind::Review => "That weekly review",
                Kind::Order => "The order of your promises",
            };
            return Some(format!("{what} was {verb} elsewhere since{rest}."));
        }
        let what = match first.kind {
            Kind::Promise => "promises",
            Kind::Check => "days",
            Kind::Win => "wins",
            Kind::CheckIn => "check-ins",
            Kind::Reflection => "reflections",
            Kind::Review => "weekly reviews",
            Kind::Order => "parts of the order",
        };
        let rest = if deleted {
            ", so they stay deleted"
        } else {
            "; left as they are"
        };
        Some(format!(
            "{} {what} were {verb} elsewhere since{rest}.",
            self.left.len()
        ))
    }
}

/// The last [`DEPTH`] actions of a session, oldest first.
#[derive(Debug, Default)]
pub(crate) struct History {
    groups: VecDeque<Group>,
}

impl History {
    /// Remembers an action; the oldest one drops off, whole, when full.
    pub fn push(&mut self, group: Group) {
        if self.groups.len() == DEPTH {
            self.groups.pop_front();
        }
        self.groups.push_back(group);
    }

    /// The newest action, to take back.
    pub fn pop(&mut self) -> Option<Group> {
        self.groups.pop_back()
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    pub fn clear(&mut self) {
        self.groups.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(label: &str) -> Group {
        Group::new(label.to_string(), Change::default())
    }

    #[test]
    fn a_full_history_drops_its_oldest_action_whole() {
        let mut h = History::default();
        for i in 0..DEPTH + 3 {
            h.push(group(&format!("action {i}")));
        }
        let mut labels = Vec::new();
        while let Some(g) = h.pop() {
            labels.push(g.label().to_string());
        }
        assert_eq!(labels.len(), DEPTH);
        assert_eq!(labels.first().map(String::as_str), Some("action 102"));
        assert_eq!(labels.last().map(String::as_str), Some("action 3"));
        assert!(h.is_empty());
    }

    fn undone(left: &[(Kind, bool)]) -> String {
        Undone {
            label: "marked “Stretch” kept".into(),
            left: left
                .iter()
                .map(|&(kind, deleted)| Left { kind, deleted })
                .collect(),
        }
        .message()
    }

    #[test]
    fn what_was_left_is_said_in_one_plain_sentence() {
        assert_eq!(undone(&[]), "Undone: marked “Stretch” kept.");
        assert_eq!(
            undone(&[(Kind::Check, false)]),
            "Undone: marked “Stretch” kept. That day was changed elsewhere since; left as it is."
        );
        assert_eq!(
            undone(&[(Kind::Win, true)]),
            "Undone: marked “Stretch” kept. That win was deleted elsewhere since, so it stays deleted."
        );
        assert_eq!(
            undone(&[(Kind::Promise, false), (Kind::Promise, false)]),
            "Undone: marked “Stretch” kept. 2 promises were changed elsewhere since; left as they are."
        );
        assert_eq!(
            undone(&[(Kind::Promise, false), (Kind::Check, false)]),
            "Undone: marked “Stretch” kept. Some of it was changed elsewhere since; that part was left as it is."
        );
    }
}
