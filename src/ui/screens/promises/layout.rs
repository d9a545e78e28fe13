//! Where the checkmark grid's columns go at a width, which days are in
//! view, and the two rows over the days (the weeks, and each day's
//! weekday with today marked). Pure layout: reads no state.

use chrono::{Datelike, NaiveDate, Weekday};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::ui::screens::Ctx;

/// Pointer, number and a space before each promise's name.
pub(super) const LEAD: usize = 5;
/// The fewest columns of days worth drawing beside the names.
const MIN_DAYS: usize = 15;

/// What stands beside each row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Figures {
    /// Strength, the last 30 times asked, and (with an N-times-a-week
    /// promise listed) this week.
    All {
        week: bool,
    },
    Strength,
    None,
}

impl Figures {
    fn width(self) -> usize {
        match self {
            Figures::All { week: true } => 29,
            Figures::All { week: false } => 19,
            Figures::Strength => 9,
            Figures::None => 0,
        }
    }
}

/// Where the grid's columns go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Columns {
    pub name: usize,
    pub days: usize,
    pub figures: Figures,
}

impl Columns {
    /// The columns at `width` for names as wide as `widest`: the most
    /// figures that leave room for a couple of weeks of days.
    pub(super) fn at(width: usize, widest: usize, week: bool) -> Columns {
        let natural = widest.clamp(6, 28).min((width / 4).max(12));
        for figures in [Figures::All { week }, Figures::Strength] {
            let room = width.saturating_sub(LEAD + 1 + figures.width());
            let name = natural.min(room.saturating_sub(MIN_DAYS));
            if name >= natural.min(12) {
                return Columns {
                    name,
                    days: room - name,
                    figures,
                };
            }
        }
        let room = width.saturating_sub(LEAD + 1);
        let name = (natural.min(room.saturating_sub(MIN_DAYS)))
            .max(natural.min(8))
            .min(room);
        Columns {
            name,
            days: room - name,
            figures: Figures::None,
        }
    }
}

/// How many days ending with `end` fit in `width` columns, one column a
/// day and one between weeks; the first a week's first day when more than
/// the week of `end` fits (a week is not cut at the left edge).
fn days_that_fit(end: NaiveDate, width: usize, week_starts_on: Weekday) -> usize {
    let (mut used, mut n, mut day, mut whole) = (0, 0, end, 0);
    loop {
        let gap = usize::from(
            n > 0
                && day
                    .succ_opt()
                    .is_some_and(|d| d.weekday() == week_starts_on),
        );
        if used + 1 + gap > width {
            break;
        }
        used += 1 + gap;
        n += 1;
        if day.weekday() == week_starts_on {
            whole = n;
        }
        match day.pred_opt() {
            Some(d) => day = d,
            None => break,
        }
    }
    if whole > 0
        && n > whole
        && whole
            > (end - crate::domain::day::week_start(end, week_starts_on)).num_days() as usize + 1
    {
        whole
    } else {
        n
    }
}

/// The days in view at `width` columns: as many as fit, ending with `end`
/// (today at most) moved by whole weeks until `cursor` is among them.
pub(super) fn window(
    end: NaiveDate,
    cursor: NaiveDate,
    width: usize,
    week_starts_on: Weekday,
    today: NaiveDate,
) -> (NaiveDate, NaiveDate) {
    let span = |end: NaiveDate| {
        let n = days_that_fit(end, width, week_starts_on).max(1);
        (end - chrono::Duration::days(n as i64 - 1), end)
    };
    let weeks = |days: i64| chrono::Duration::weeks((days + 6) / 7);
    let mut end = end.min(today);
    for _ in 0..4 {
        let (from, to) = span(end);
        if cursor > to {
            end = (to + weeks((cursor - to).num_days())).min(today);
        } else if cursor < from {
            end = to - weeks((from - cursor).num_days());
        } else {
            return (from, to);
        }
    }
    // Narrower than a week: the days in view end with the cursor.
    span(cursor.min(today))
}

/// The days in view and where the grid's columns go, for one draw.
pub(super) struct View<'a> {
    pub ctx: &'a Ctx<'a>,
    pub cols: Columns,
    pub days: &'a [NaiveDate],
    pub week_starts_on: Weekday,
    /// Every promise listed is new: the figures are plain counts, and
    /// their heading says so instead of naming strength.
    pub all_new: bool,
}

impl View<'_> {
    /// The columns the days in view take, and one after them.
    pub(super) fn drawn_width(&self) -> usize {
        self.day_columns()
            .last()
            .map_or(0, |(x, _)| *x as usize + 2)
    }

    /// Each day's column among the days' columns.
    pub(super) fn day_columns(&self) -> Vec<(u16, NaiveDate)> {
        let mut x = 0u16;
        self.days
            .iter()
            .enumerate()
            .map(|(i, day)| {
                if i > 0 && day.weekday() == self.week_starts_on {
                    x += 1;
                }
                let at = x;
                x += 1;
                (at, *day)
            })
            .collect()
    }

    /// Each week's first day in view over its column: "16 Nov".
    pub(super) fn week_labels(&self) -> Line<'static> {
        let lead = LEAD + self.cols.name + 1;
        let mut text = " ".repeat(lead);
        let columns = self.day_columns();
        for (i, (x, day)) in columns.iter().enumerate() {
            let starts = i == 0 || day.weekday() == self.week_starts_on;
            if !starts || (text.width() > lead + *x as usize) {
                continue;
            }
            let room = columns[i..]
                .iter()
                .skip(1)
                .find(|(_, d)| d.weekday() == self.week_starts_on)
                .map_or(self.drawn_width(), |(next, _)| *next as usize)
                - *x as usize;
            let label = day.format("%-d %b").to_string();
            if label.width() <= room {
                text.push_str(&" ".repeat(lead + *x as usize - text.width()));
                text.push_str(&label);
            }
        }
        Line::from(Span::styled(text, self.ctx.theme.dim))
    }

    /// The weekday of each day, today's marked; then the figures' names.
    pub(super) fn header(&self) -> Line<'static> {
        let theme = self.ctx.theme;
        let mut spans = vec![Span::raw(" ".repeat(LEAD + self.cols.name + 1))];
        for (i, day) in self.days.iter().enumerate() {
            if i > 0 && day.weekday() == self.week_starts_on {
                spans.push(Span::raw(" "));
            }
            let letter = &day.weekday().to_string()[..1];
            let style = if *day == self.ctx.today {
                theme.accent.add_modifier(Modifier::UNDERLINED)
            } else {
                theme.dim
            };
            spans.push(Span::styled(letter.to_string(), style));
        }
        let used: usize = spans.iter().map(|s| s.width()).sum();
        let pad = (LEAD + self.cols.name + 1 + self.drawn_width()).saturating_sub(used);
        spans.push(Span::raw(" ".repeat(pad)));
        let names = match self.cols.figures {
            Figures::All { week: true } if self.all_new => {
                format!(" {:>16}  {:<10}", "so far", "this week")
            }
            Figures::All { week: false } if self.all_new => format!(" {:>16}", "so far"),
            Figures::All { week: true } => {
                format!(" {:>8} {:>7}  {:<10}", "strength", "last 30", "this week")
            }
            Figures::All { week: false } => format!(" {:>8} {:>7}", "strength", "last 30"),
            Figures::Strength => format!(" {:>8}", "strength"),
            Figures::None => String::new(),
        };
        spans.push(Span::styled(names, theme.dim));
        Line::from(spans)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    #[test]
    fn days_fit_with_a_column_between_weeks() {
        // Sat 21 Nov 2026, weeks from Monday: Mon–Sat is 6 columns, then a gap.
        assert_eq!(days_that_fit(d("2026-11-21"), 6, Weekday::Mon), 6);
        assert_eq!(days_that_fit(d("2026-11-21"), 7, Weekday::Mon), 6);
        assert_eq!(days_that_fit(d("2026-11-21"), 8, Weekday::Mon), 7);
        assert_eq!(days_that_fit(d("2026-11-21"), 14, Weekday::Mon), 13);
        // No week is cut at the left edge: 9–21 Nov, not 8–21 Nov.
        assert_eq!(days_that_fit(d("2026-11-21"), 16, Weekday::Mon), 13);
        assert_eq!(days_that_fit(d("2026-11-21"), 22, Weekday::Mon), 20);
    }

    #[test]
    fn the_days_in_view_follow_the_cursor_a_week_at_a_time() {
        let today = d("2026-11-21");
        let at = |cursor: &str| window(today, d(cursor), 14, Weekday::Mon, today);
        assert_eq!(at("2026-11-21"), (d("2026-11-09"), today));
        assert_eq!(at("2026-11-09"), (d("2026-11-09"), today));
        // One day past the left edge: the days go back a week.
        assert_eq!(at("2026-11-08"), (d("2026-11-02"), d("2026-11-14")));
        // From there, past the right edge: forward a week, never past today.
        let back = window(d("2026-11-14"), d("2026-11-15"), 14, Weekday::Mon, today);
        assert_eq!(back, (d("2026-11-09"), today));
        // Narrower than a week, the days end with the cursor.
        let narrow = window(today, d("2026-11-17"), 3, Weekday::Mon, today);
        assert!(
            narrow.0 <= d("2026-11-17") && d("2026-11-17") <= narrow.1,
            "{narrow:?}"
        );
    }

    #[test]
    fn the_figures_give_way_before_the_days_do() {
        let wide = Columns::at(118, 23, false);
        assert_eq!(wide.figures, Figures::All { week: false });
        assert!(wide.days >= 60, "{wide:?}");
        let narrow = Columns::at(38, 23, true);
        assert_eq!(narrow.figures, Figures::None);
        assert!(narrow.days >= MIN_DAYS, "{narrow:?}");
        assert_eq!(LEAD + 1 + narrow.name + narrow.days, 38);
    }
}
