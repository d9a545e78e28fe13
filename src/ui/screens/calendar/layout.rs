//! How the Calendar screen lays out its months at a size: how many, in how
//! many columns and rows, how wide a day and how tall a week, and whether
//! the day pane fits beside them.
//!
//! Uses nothing of ours but the month grid's sizes.

use ratatui::layout::Rect;

use super::month::{COMPACT_DAY, ROOMY_DAY, month_h};

/// Width of the day pane, and the narrower one it gives way to when that
/// fits another column of months.
const DETAIL_W: u16 = 38;
const DETAIL_MIN: u16 = 32;
/// The most months shown: the year the calendar reads.
pub const MOST_MONTHS: u16 = 12;

/// How the months are laid out at a size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthsLayout {
    /// Width of the day pane, 0 when there is no room for it.
    pub detail_w: u16,
    /// Columns a day takes.
    pub day_w: u16,
    /// Rows a week takes: 2 leaves a blank row between weeks.
    pub row_h: u16,
    cols: u16,
    rows: u16,
    /// Rows between two rows of months (0 when that fits another row).
    gap: u16,
}

impl MonthsLayout {
    /// How many months fit.
    pub fn count(&self) -> u16 {
        (self.cols * self.rows).min(MOST_MONTHS)
    }

    /// The part of `area` that `n` months take, centred in it, so a
    /// journal of a month or two sits in the middle of a large window.
    pub fn centred(&self, n: u16, area: Rect) -> Rect {
        let n = n.clamp(1, self.count().max(1));
        let (cols, rows) = (n.min(self.cols), n.div_ceil(self.cols));
        let w = cols * (7 * self.day_w + 1) - 1;
        let h = rows * (month_h(self.row_h) + self.gap) - self.gap;
        let (w, h) = (w.min(area.width), h.min(area.height));
        Rect {
            x: area.x + (area.width - w) / 2,
            y: area.y + (area.height - h) / 2,
            width: w,
            height: h,
        }
    }

    /// Where the `i`th month goes in `area`, if it is in it at all.
    pub fn place(&self, i: u16, area: Rect) -> Option<Rect> {
        let month_w = 7 * self.day_w;
        let h = month_h(self.row_h);
        let (col, row) = (i % self.cols, i / self.cols);
        let (x, y) = (col * (month_w + 1), row * (h + self.gap));
        (y < area.height).then(|| Rect {
            x: area.x + x,
            y: area.y + y,
            width: month_w.min(area.width.saturating_sub(x)),
            height: h.min(area.height - y),
        })
    }

    /// The layout for `wanted` months in `area`, under a legend of
    /// `legend_h(width)` rows: as many of the months as fit beside the day
    /// pane, then the roomiest days (wide enough for the win mark), then a
    /// blank row between weeks, then the wider day pane; without the day
    /// pane only when it cannot fit.
    pub fn at(area: Rect, wanted: u16, legend_h: &dyn Fn(u16) -> u16) -> MonthsLayout {
        let wanted = wanted.clamp(1, MOST_MONTHS);
        let fits =
            |detail_w: u16, day_w: u16, row_h: u16| fit(area, legend_h, detail_w, day_w, row_h);
        let score = |l: &MonthsLayout| (l.count().min(wanted), l.day_w, l.row_h, l.detail_w);
        let mut options = Vec::new();
        for detail_w in [DETAIL_W, DETAIL_MIN] {
            for day_w in [ROOMY_DAY, COMPACT_DAY] {
                for row_h in [2, 1] {
                    options.extend(fits(detail_w, day_w, row_h));
                }
            }
        }
        options
            .into_iter()
            .max_by_key(score)
            .or_else(|| fits(0, ROOMY_DAY, 1))
            .or_else(|| fits(0, COMPACT_DAY, 1))
            .unwrap_or(MonthsLayout {
                detail_w: 0,
                day_w: COMPACT_DAY,
                row_h: 1,
                cols: 1,
                rows: 1,
                gap: 1,
            })
    }
}

/// The layout with these sizes in `area`, if a month fits at all.
fn fit(
    area: Rect,
    legend_h: &dyn Fn(u16) -> u16,
    detail_w: u16,
    day_w: u16,
    row_h: u16,
) -> Option<MonthsLayout> {
    let month_w = 7 * day_w;
    let inner_w = area.width.saturating_sub(detail_w + 2);
    if inner_w < month_w {
        return None;
    }
    let inner_h = area.height.saturating_sub(2 + legend_h(inner_w));
    let h = month_h(row_h);
    if row_h > 1 && inner_h < h {
        return None;
    }
    let cols = ((inner_w + 1) / (month_w + 1)).max(1);
    let spaced = ((inner_h + 1) / (h + 1)).max(1);
    let tight = (inner_h / h).max(1);
    let (rows, gap) = if (cols * spaced).min(MOST_MONTHS) >= (cols * tight).min(MOST_MONTHS) {
        (spaced, 1)
    } else {
        (tight, 0)
    };
    Some(MonthsLayout {
        detail_w,
        day_w,
        row_h,
        cols,
        rows,
        gap,
    })
}
