//! Deciding on a suggestion: accepting carries it out, and either way the
//! decision is recorded in the week's review — all of it one action, saved
//! in one transaction and taken back by one undo.
//!
//! May use: `store`, `model` and the rest of `domain`.

use super::Journal;
use super::promises::PromiseEdit;
use crate::domain::Result;
use crate::domain::evidence::{Proposal, Suggestion};
use crate::domain::undo::Change;
use crate::model::Decision;

impl Journal {
    /// Accepts or dismisses a suggestion. Accepting carries it out (a new
    /// target from today, the smaller version as the promise, or archiving
    /// the others); either way the decision is recorded with the date, and
    /// one `undo` takes all of it back. Returns what happened, in words.
    pub fn decide(&mut self, suggestion: &Suggestion, accept: bool) -> Result<String> {
        let mut change = Change::default();
        let (message, label) = if accept {
            (
                self.carry_out(&mut change, suggestion)?,
                format!("accepted “{}”", suggestion.headline),
            )
        } else {
            (
                "Set aside for now; the record will speak again.".to_string(),
                format!("set aside “{}”", suggestion.headline),
            )
        };
        self.record_decision(&mut change, suggestion, accept)?;
        self.commit(change, label)?;
        Ok(message)
    }

    /// Adds what accepting `suggestion` changes to `change`; returns what
    /// it does, in words.
    fn carry_out(&self, change: &mut Change, suggestion: &Suggestion) -> Result<String> {
        let id = suggestion.promise_id.as_deref().unwrap_or_default();
        match &suggestion.proposal {
            Proposal::UseSmaller { smaller } => {
                let before = self.promise_by_id(id)?;
                let edit = PromiseEdit {
                    text: Some(smaller.clone()),
                    smaller: Some(String::new()),
                    ..PromiseEdit::default()
                };
                self.edit_into(change, id, &edit)?;
                Ok(format!(
                    "“{smaller}” it is, from today. “{}” can come back any time.",
                    before.text
                ))
            }
            Proposal::LowerTarget { amount } | Proposal::RaiseTarget { amount } => {
                let edit = PromiseEdit {
                    target: Some(*amount),
                    ..PromiseEdit::default()
                };
                let p = self.edit_into(change, id, &edit)?;
                Ok(format!(
                    "New target from today: {}. Earlier days keep theirs.",
                    p.target_label(self.today()).unwrap_or_default()
                ))
            }
            Proposal::KeepOnlyOne { keep_id } => {
                // The one to keep must still be there, or every other
                // promise would be archived for nothing.
                self.promise_by_id(keep_id)?;
                let others: Vec<String> = self
                    .promises(false)?
                    .into_iter()
                    .filter(|p| &p.id != keep_id)
                    .map(|p| p.id)
                    .collect();
                for other in &others {
                    self.archive_into(change, other, true)?;
                }
                Ok(format!(
                    "Keeping one for now; {} archived with their history.",
                    others.len()
                ))
            }
            Proposal::AskSmaller | Proposal::AddOne => {
                Ok("Done; it's in this week's review.".to_string())
            }
        }
    }

    /// Adds the decision, dated today, to this week's review in `change`.
    fn record_decision(
        &self,
        change: &mut Change,
        suggestion: &Suggestion,
        accepted: bool,
    ) -> Result<()> {
        let week_start = self.week_start(self.today());
        let before = self.review_record(week_start)?;
        let mut review = before
            .clone()
            .unwrap_or_else(|| self.new_review(week_start));
        review.decisions.push(Decision {
            key: suggestion.key.clone(),
            accepted,
            on: self.today(),
            headline: suggestion.headline.clone(),
        });
        review.updated_at = self.now();
        change.review(review, before);
        Ok(())
    }
}
