//! The reflection pane of the Today screen: the morning check-in
//! (intention, confidence) or the evening reflection (the prompts' answers,
//! mood, confidence), with the lines that lead into it, and the popup that
//! writes each field. Uses the popups, the widgets and the key table.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::{Moment, Pane, TodayState};
use crate::domain::prompts::Prompts;
use crate::domain::words::{count, prompt_for_day, times};
use crate::domain::{DayView, Resurface};
use crate::model::Glyph;
use crate::model::fit;
use crate::ui::Screen;
use crate::ui::hits::{Area, Target};
use crate::ui::keymap::Action;
use crate::ui::screens::Ctx;
use crate::ui::screens::popup::Popup;
use crate::ui::screens::popup::rating::{Rating, RatingPurpose};
use crate::ui::screens::popup::text::{TextInput, TextPurpose};
use crate::ui::widgets::{one_line, pane, put_line, rating_spans, wrap_line};

/// One field of the reflection pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field {
    Intention,
    CheckinConfidence,
    Answer { key: String, prompt: String },
    Mood,
    ReflectConfidence,
}

/// The fields of the reflection pane at `moment`, in order.
pub fn fields(moment: Moment, prompts: &Prompts) -> Vec<Field> {
    match moment {
        Moment::Morning => vec![Field::Intention, Field::CheckinConfidence],
        Moment::Evening => {
            let mut fields: Vec<Field> = prompts
                .evening
                .iter()
                .map(|p| Field::Answer {
                    key: p.key.clone(),
                    prompt: p.text.clone(),
                })
                .collect();
            fields.push(Field::Mood);
            fields.push(Field::ReflectConfidence);
            fields
        }
    }
}

/// The popup that writes `field` of `day`, holding what is there.
pub(super) fn open(field: &Field, day: &DayView, prompts: &Prompts) -> Popup {
    let checkin = day.checkin.as_ref();
    let reflection = day.reflection.as_ref();
    match field {
        Field::Intention => {
            let text = checkin.and_then(|c| c.intention.clone());
            TextInput::new(TextPurpose::Intention, &text.unwrap_or_default(), prompts).into()
        }
        Field::Answer { key, .. } => {
            let text = reflection.and_then(|r| r.answers.get(key).cloned());
            let purpose = TextPurpose::Answer(key.clone());
            TextInput::new(purpose, &text.unwrap_or_default(), prompts).into()
        }
        Field::CheckinConfidence => Rating::new(
            RatingPurpose::CheckinConfidence,
            checkin.and_then(|c| c.confidence),
            prompts,
        )
        .into(),
        Field::Mood => Rating::new(
            RatingPurpose::Mood,
            reflection.and_then(|r| r.mood),
            prompts,
        )
        .into(),
        Field::ReflectConfidence => Rating::new(
            RatingPurpose::ReflectConfidence,
            reflection.and_then(|r| r.confidence),
            prompts,
        )
        .into(),
    }
}

/// The pane's short name, in the compact tab strip.
pub(super) fn short_title(moment: Moment) -> &'static str {
    match moment {
        Moment::Morning => "Check-in",
        Moment::Evening => "Reflection",
    }
}

pub(super) fn draw(s: &TodayState, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
    let theme = ctx.theme;
    let focused = s.pane == Pane::Reflection;
    let r = ctx.keys.key(Screen::Today, Action::SwitchReflection);
    let title = match s.moment {
        Moment::Morning => format!(" Morning check-in · {r}: evening "),
        Moment::Evening => format!(" Evening reflection · {r}: morning "),
    };
    let block = pane(title, focused, theme);
    let inner = block.inner(area);
    block.render(area, buf);
    ctx.hits
        .add(area, Target::Pane(Area::Today(Pane::Reflection)));
    let width = inner.width as usize;
    let is_today = s.day == ctx.today;
    let mut lines = match s.moment {
        Moment::Morning => morning_lead(s, is_today, ctx, width),
        Moment::Evening => evening_lead(s, ctx, width),
    };
    // The line where each field starts.
    let mut field_rows = Vec::new();
    let prompts = &ctx.config.prompts;
    for (i, field) in fields(s.moment, prompts).iter().enumerate() {
        field_rows.push(lines.len());
        let selected = focused && i == s.field_sel;
        let (label, value) = field_text(field, &s.view, prompts, ctx);
        let label = prompt_for_day(&label, is_today);
        let label_style = if selected { theme.title } else { theme.dim };
        let pointer = match selected {
            true => format!("{} ", theme.glyph(Glyph::Pointer)),
            false => "  ".to_string(),
        };
        // A prompt and its answer are sentences: they wrap, under the
        // pointer and four columns in.
        for (j, part) in fit::wrap(&label, width.saturating_sub(2))
            .into_iter()
            .enumerate()
        {
            let lead = if j == 0 { pointer.clone() } else { "  ".into() };
            let mut line = Line::from(vec![Span::raw(lead), Span::styled(part, label_style)]);
            if selected {
                line = line.style(theme.selected);
            }
            lines.push(line);
        }
        for part in wrap_line(&Line::from(value), width.saturating_sub(4)) {
            let mut spans = vec![Span::raw("    ")];
            spans.extend(part.spans);
            lines.push(Line::from(spans));
        }
    }
    // Keep the selected field in view.
    let sel_row = field_rows.get(s.field_sel).copied().unwrap_or(0);
    let height = inner.height as usize;
    let sel_end = field_rows
        .get(s.field_sel + 1)
        .copied()
        .unwrap_or(lines.len());
    let start = sel_end.saturating_sub(height).min(sel_row);
    for (row, line) in lines.iter().skip(start).take(height).enumerate() {
        put_line(buf, inner, row as u16, line);
    }
    record_fields(ctx, inner, &field_rows, start);
}

/// Records each field in view, label and value, for the mouse: `rows` are
/// the lines where fields start, scrolled by `start`.
fn record_fields(ctx: &Ctx, inner: Rect, rows: &[usize], start: usize) {
    let height = inner.height as usize;
    for (i, first) in rows.iter().enumerate() {
        if let Some(row) = first.checked_sub(start).filter(|r| *r < height) {
            let lines = rows.get(i + 1).map_or(2, |next| next - first);
            let tall = (height - row).min(lines) as u16;
            let at = Rect::new(inner.x, inner.y + row as u16, inner.width, tall);
            ctx.hits
                .add(at, Target::Row(Area::Today(Pane::Reflection), i));
        }
    }
}

/// Above the morning fields: yesterday's promises left blank, offered for
/// marking, yesterday's thought on what to adjust, and the lesson of each
/// of yesterday's misses.
fn morning_lead(s: &TodayState, is_today: bool, ctx: &Ctx, width: usize) -> Vec<Line<'static>> {
    let theme = ctx.theme;
    let mut lines = Vec::new();
    if !s.yesterday_blanks.is_empty() {
        let n = s.yesterday_blanks.len();
        let text = format!(
            "Yesterday {} left blank: {}. Press {} to mark the ones you remember; a blank day is not a miss.",
            if n == 1 {
                "one promise was"
            } else {
                "some promises were"
            },
            s.yesterday_blanks.join(", "),
            ctx.keys.key(Screen::Today, Action::PrevDay)
        );
        for part in fit::wrap(&text, width) {
            lines.push(Line::from(Span::styled(part, theme.accent)));
        }
    }
    if let Some(adjust) = &s.view.previous_adjust {
        let lead = if is_today {
            "Yesterday you thought of adjusting: "
        } else {
            "The day before, you thought of adjusting: "
        };
        let line = Line::from(vec![
            Span::styled(lead, theme.dim),
            Span::raw(one_line(adjust)),
        ]);
        lines.extend(wrap_line(&line, width));
    }
    for (promise, lesson) in &s.view.previous_lessons {
        let when = if is_today {
            "Yesterday"
        } else {
            "The day before"
        };
        lines.push(Line::from(vec![
            Span::styled(
                format!("{when}'s lesson for “{}”: ", one_line(promise)),
                theme.dim,
            ),
            Span::raw(one_line(lesson)),
        ]));
    }
    lines
}

/// Above the evening fields: the kept line, the record on a hard day, and
/// what is still unmarked.
fn evening_lead(s: &TodayState, ctx: &Ctx, width: usize) -> Vec<Line<'static>> {
    let theme = ctx.theme;
    let mut lines = Vec::new();
    if let Some(kept) = s.view.kept_line() {
        for part in fit::wrap(&kept, width) {
            lines.push(Line::from(Span::styled(part, theme.kept)));
        }
    }
    if let Some(r) = &s.resurface {
        let mut text = hard_day(r);
        if let Some(w) = &r.win {
            text.push_str(&format!(
                " On {} you wrote: “{}”",
                w.day.format("%-d %b"),
                one_line(&w.text)
            ));
        }
        for part in fit::wrap(&text, width) {
            lines.push(Line::from(Span::styled(part, theme.accent)));
        }
    }
    let key = |action| ctx.keys.key(Screen::Today, action);
    let unmarked = s.view.blanks().count();
    if unmarked > 0 {
        lines.extend(wrap_line(&Line::from(Span::styled(
            format!(
                "{unmarked} promise{} still unmarked above: {} kept · {} partly · {} smaller · {} missed",
                if unmarked == 1 { "" } else { "s" },
                key(Action::ToggleKept),
                key(Action::MarkPartial),
                key(Action::MarkSmaller),
                key(Action::MarkMissed),
            ),
            theme.dim,
        )), width));
    }
    lines
}

/// What the record says on a hard evening, that day's wins and promises
/// counted too: "A hard day. The record still says: you have shown up for
/// a promise twice and written down 1 win so far."
fn hard_day(r: &Resurface) -> String {
    let shown = format!("shown up for a promise {}", times(r.kept_so_far));
    let wins = format!("written down {}", count(r.wins_so_far, "win", "wins"));
    match (r.kept_so_far, r.wins_so_far) {
        (0, 0) => {
            "A hard day. Writing it down still counts; the record is here whenever you are ready."
                .into()
        }
        (_, 0) => format!("A hard day. The record still says: you have {shown} so far."),
        (0, _) => format!("A hard day. The record still says: you have {wins} so far."),
        _ => format!("A hard day. The record still says: you have {shown} and {wins} so far."),
    }
}

/// A field's label and its value as drawn.
fn field_text(
    field: &Field,
    day: &DayView,
    prompts: &Prompts,
    ctx: &Ctx,
) -> (String, Vec<Span<'static>>) {
    let theme = ctx.theme;
    let checkin = day.checkin.as_ref();
    let reflection = day.reflection.as_ref();
    match field {
        Field::Intention => (
            prompts.morning("intention").to_string(),
            text_value(checkin.and_then(|c| c.intention.as_deref()), ctx),
        ),
        Field::CheckinConfidence => (
            prompts.morning("confidence").to_string(),
            rating_spans(checkin.and_then(|c| c.confidence), theme),
        ),
        Field::Answer { key, prompt } => (
            prompt.clone(),
            text_value(
                reflection.and_then(|r| r.answers.get(key).map(String::as_str)),
                ctx,
            ),
        ),
        Field::Mood => (
            "Mood".to_string(),
            rating_spans(reflection.and_then(|r| r.mood), theme),
        ),
        Field::ReflectConfidence => (
            "Evening confidence".to_string(),
            rating_spans(reflection.and_then(|r| r.confidence), theme),
        ),
    }
}

fn text_value(text: Option<&str>, ctx: &Ctx) -> Vec<Span<'static>> {
    let theme = ctx.theme;
    match text {
        Some(t) if !t.trim().is_empty() => vec![Span::raw(one_line(t))],
        _ => {
            let enter = ctx.keys.key(Screen::Today, Action::Open);
            vec![Span::styled(format!("— {enter} to write"), theme.dim)]
        }
    }
}
