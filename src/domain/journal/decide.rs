//! Deciding on a suggestion: accepting carries it out, and either way the
//! decision is recorded in the week's review — all of it one action, saved
//! in one transaction and taken back by one undo.
//!
//! A suggestion that needs the person's words first (add one new promise,
//! find a smaller version) is decided when those words are saved
//! ([`Journal::add_promise_deciding`], [`Journal::edit_promise_deciding`]):
//! a form closed without saving records nothing.
//!
//! Every decision is recorded as a sentence that reads as a decision
//! ("Grew “Read” to 10 pages."), never as the question that was put.
//!
//! May use: `store`, `model` and the rest of `domain`.

use super::Journal;
use super::promises::{NewPromise, PromiseEdit};
use crate::domain::Result;
use crate::domain::evidence::{Proposal, Suggestion};
use crate::domain::undo::Change;
use crate::model::{Decision, Promise};

impl Journal {
    /// Accepts or dismisses a suggestion. Accepting carries it out (a new
    /// target from today, the smaller version as the promise's words from
    /// today, its earlier words back, or archiving the others); either way
    /// the decision is recorded with the date, and one `undo` takes all of
    /// it back. Returns what happened, in words.
    pub fn decide(&mut self, suggestion: &Suggestion, accept: bool) -> Result<String> {
        let mut change = Change::default();
        let (message, decided) = if accept {
            self.carry_out(&mut change, suggestion)?
        } else {
            (
                "Set aside; the journal won't suggest it again for two weeks.".to_string(),
                self.set_aside_words(suggestion)?,
            )
        };
        self.record_decision(&mut change, suggestion, accept, decided)?;
        self.commit(change, label(suggestion, accept))?;
        Ok(message)
    }

    /// Adds a promise as the accepted answer to `suggestion` ("add one new
    /// tiny promise"): the promise and the decision are one action.
    pub fn add_promise_deciding(
        &mut self,
        new: NewPromise,
        suggestion: &Suggestion,
    ) -> Result<Promise> {
        let mut change = Change::default();
        let p = self.added_into(&mut change, new)?;
        let decided = format!("Added “{}”.", p.text);
        self.record_decision(&mut change, suggestion, true, decided)?;
        self.commit(change, label(suggestion, true))?;
        Ok(p)
    }

    /// Edits a promise as the accepted answer to `suggestion` ("find a
    /// smaller version"): the edit and the decision are one action.
    pub fn edit_promise_deciding(
        &mut self,
        id: &str,
        edit: PromiseEdit,
        suggestion: &Suggestion,
    ) -> Result<Promise> {
        let mut change = Change::default();
        let p = self.edit_into(&mut change, id, &edit, self.today())?;
        let decided = match &p.smaller {
            Some(smaller) => format!("Gave “{}” a smaller version: “{smaller}”.", p.text),
            None => format!("Changed “{}”.", p.text),
        };
        self.record_decision(&mut change, suggestion, true, decided)?;
        self.commit(change, label(suggestion, true))?;
        Ok(p)
    }

    /// Adds what accepting `suggestion` changes to `change`; returns what
    /// it does, in words, and the decision as recorded.
    fn carry_out(&self, change: &mut Change, suggestion: &Suggestion) -> Result<(String, String)> {
        let id = suggestion.promise_id.as_deref().unwrap_or_default();
        match &suggestion.proposal {
            Proposal::UseSmaller { smaller } => self.shrink(change, id, smaller),
            Proposal::GrowBack { text } => self.grow_back(change, id, text),
            Proposal::LowerTarget { amount } => self.retarget(change, id, *amount, "Lowered"),
            Proposal::RaiseTarget { amount } => self.retarget(change, id, *amount, "Grew"),
            Proposal::KeepOnlyOne { keep_id } => self.keep_only(change, keep_id),
            Proposal::StillKeeping { .. } => {
                let p = self.promise_by_id(id)?;
                Ok((
                    "Still keeping it. A blank day stays blank until you mark it.".to_string(),
                    format!("Still keeping “{}”.", p.text),
                ))
            }
            Proposal::AskSmaller => {
                let p = self.promise_by_id(id)?;
                Ok((
                    "Done; it's in this week's review.".to_string(),
                    format!("Chose to find a smaller version of “{}”.", p.text),
                ))
            }
            Proposal::AddOne => Ok((
                "Done; it's in this week's review.".to_string(),
                "Chose to add one new tiny promise.".to_string(),
            )),
        }
    }

    /// The smaller version as the promise's words from today (a measure
    /// asks for the least there is); the days before keep theirs.
    fn shrink(&self, change: &mut Change, id: &str, smaller: &str) -> Result<(String, String)> {
        let today = self.today();
        let before = self.promise_by_id(id)?;
        let edit = PromiseEdit {
            text: Some(smaller.to_string()),
            smaller: Some(String::new()),
            target: before.target_on(today).map(|t| t.min(1.0)),
            ..PromiseEdit::default()
        };
        let p = self.edit_into(change, id, &edit, today)?;
        let size = p
            .target_label(today)
            .map(|t| format!(" ({t})"))
            .unwrap_or_default();
        Ok((
            format!(
                "“{smaller}”{size} it is, from today; the days before keep “{}”, and the review will offer it back once the smaller one comes easily.",
                before.text
            ),
            format!("Shrank “{}” to “{smaller}” for now.", before.text),
        ))
    }

    /// The words (and target) the promise had before it shrank, from today.
    fn grow_back(&self, change: &mut Change, id: &str, text: &str) -> Result<(String, String)> {
        let today = self.today();
        let before = self.promise_by_id(id)?;
        let earlier = before.versions.iter().rev().nth(1).cloned();
        let edit = PromiseEdit {
            text: Some(text.to_string()),
            cue: earlier.as_ref().map(|v| v.cue.clone().unwrap_or_default()),
            smaller: earlier
                .as_ref()
                .map(|v| v.smaller.clone().unwrap_or_default()),
            target: earlier_target(&before, today),
            ..PromiseEdit::default()
        };
        self.edit_into(change, id, &edit, today)?;
        Ok((
            format!(
                "“{text}” is back from today; the days before keep “{}”.",
                before.text
            ),
            format!("Grew “{}” back to “{text}”.", before.text),
        ))
    }

    /// A new target from today; `verb` says which way ("Lowered", "Grew").
    fn retarget(
        &self,
        change: &mut Change,
        id: &str,
        amount: f64,
        verb: &str,
    ) -> Result<(String, String)> {
        let today = self.today();
        let before = self.promise_by_id(id)?;
        let edit = PromiseEdit {
            target: Some(amount),
            ..PromiseEdit::default()
        };
        let p = self.edit_into(change, id, &edit, today)?;
        let label = p.target_label(today).unwrap_or_default();
        Ok((
            format!("New target from today: {label}. Earlier days keep theirs."),
            format!("{verb} “{}” to {label}.", before.text),
        ))
    }

    /// Archives every promise but `keep_id`, with their history.
    fn keep_only(&self, change: &mut Change, keep_id: &str) -> Result<(String, String)> {
        // The one to keep must still be there, or every other promise
        // would be archived for nothing.
        let keep = self.promise_by_id(keep_id)?;
        let others: Vec<String> = self
            .promises(false)?
            .into_iter()
            .filter(|p| p.id != keep_id)
            .map(|p| p.id)
            .collect();
        for other in &others {
            self.archive_into(change, other, true)?;
        }
        Ok((
            format!(
                "Keeping one for now; {} archived with their history.",
                others.len()
            ),
            format!(
                "Kept just “{}” for a while; the others are archived with their history.",
                keep.text
            ),
        ))
    }

    /// The decision to leave things as they are, in words.
    fn set_aside_words(&self, suggestion: &Suggestion) -> Result<String> {
        let promise = match suggestion.promise_id.as_deref() {
            Some(id) => Some(self.promise_by_id(id)?),
            None => None,
        };
        let text = promise.as_ref().map(|p| p.text.clone()).unwrap_or_default();
        let today = self.today();
        Ok(match &suggestion.proposal {
            Proposal::LowerTarget { .. } | Proposal::RaiseTarget { .. } => {
                let at = promise
                    .as_ref()
                    .and_then(|p| p.target_label(today))
                    .unwrap_or_default();
                format!("Kept “{text}” at {at} for now.")
            }
            Proposal::AddOne => "No new promise for now.".to_string(),
            Proposal::KeepOnlyOne { .. } => "Kept every promise for now.".to_string(),
            Proposal::StillKeeping { .. } => format!("Left “{text}” as it is for now."),
            Proposal::UseSmaller { .. } | Proposal::AskSmaller | Proposal::GrowBack { .. } => {
                format!("Kept “{text}” as it is for now.")
            }
        })
    }

    /// Adds the decision, dated today, to this week's review in `change`.
    fn record_decision(
        &self,
        change: &mut Change,
        suggestion: &Suggestion,
        accepted: bool,
        decided: String,
    ) -> Result<()> {
        let week_start = self.week_start(self.today());
        let mut review = self
            .review_record(week_start)?
            .unwrap_or_else(|| self.new_review(week_start));
        review.decisions.push(Decision {
            key: suggestion.key.clone(),
            accepted,
            on: self.today(),
            headline: suggestion.headline.clone(),
            decided,
        });
        review.updated_at = self.stamp();
        change.review(review);
        Ok(())
    }
}

/// The target the promise had before its words changed last, when it
/// differs from today's: growing back brings it back too.
fn earlier_target(p: &Promise, today: chrono::NaiveDate) -> Option<f64> {
    let now = p.versions.last()?;
    let then = p.target_on(now.from.pred_opt()?)?;
    (Some(then) != p.target_on(today)).then_some(then)
}

/// What the undo history calls a decision: "accepted — Grow “Read” to 10
/// pages" (the undo message ends the sentence).
fn label(suggestion: &Suggestion, accepted: bool) -> String {
    let verb = if accepted { "accepted" } else { "set aside" };
    let put = suggestion.headline.trim().trim_end_matches(['.', '?']);
    format!("{verb} — {put}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_undo_label_never_doubles_the_quotes() {
        let s = Suggestion {
            key: "narrow:x".into(),
            promise_id: None,
            headline: "Shrink “Stretch” to “touch my toes once” for now.".into(),
            reason: String::new(),
            proposal: Proposal::AddOne,
        };
        let l = label(&s, true);
        assert_eq!(
            l,
            "accepted — Shrink “Stretch” to “touch my toes once” for now"
        );
        assert!(!l.contains("““") && !l.contains("””"));
    }
}
