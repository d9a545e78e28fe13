//! One vertical scroll for everything taller than its pane (help, a
//! promise's page, the share preview, the review's evidence), as gitui's
//! `VerticalScroll`: the update moves the first row in view, the draw
//! records how far it can go (the draw is the only one who knows how tall
//! the content came out at this width), and the next update stops there.
//! Nobody re-derives the layout to clamp.
//!
//! A leaf module: uses ratatui's buffer only.

use std::cell::Cell;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

#[derive(Debug, Default)]
pub struct VerticalScroll {
    /// The first row in view, as the updates moved it.
    top: u16,
    /// The furthest `top` can go, as the last draw found it (`None` until
    /// drawn, or after the content changed).
    max_top: Cell<Option<u16>>,
}

/// Where the view stands in what it scrolls over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// Everything fits (or nothing was drawn yet).
    Whole,
    /// There is more below.
    More,
    /// At the end of something taller than the view.
    End,
}

impl VerticalScroll {
    /// Back to the top, the length unknown (other content).
    pub fn reset(&mut self) {
        self.top = 0;
        self.max_top.set(None);
    }

    /// The content changed its length: the next draw records it again.
    pub fn forget_length(&self) {
        self.max_top.set(None);
    }

    /// `rows` down or up, never past the end the last draw found.
    pub fn scroll(&mut self, rows: u16, down: bool) {
        let top = self.top();
        self.top = if down {
            let next = top.saturating_add(rows);
            self.max_top.get().map_or(next, |max| next.min(max))
        } else {
            top.saturating_sub(rows)
        };
    }

    /// The first row in view.
    pub fn top(&self) -> u16 {
        self.max_top.get().map_or(self.top, |max| self.top.min(max))
    }

    /// While drawing: `total` rows shown `visible` at a time. Records how
    /// far the view can scroll and returns the first row to draw.
    pub fn update(&self, total: usize, visible: usize) -> u16 {
        let total = u16::try_from(total).unwrap_or(u16::MAX);
        let visible = u16::try_from(visible).unwrap_or(u16::MAX);
        self.max_top.set(Some(total.saturating_sub(visible)));
        self.top()
    }

    /// Where the view stands, as the last draw found it.
    pub fn position(&self) -> Position {
        match self.max_top.get() {
            None | Some(0) => Position::Whole,
            Some(max) if self.top() < max => Position::More,
            Some(_) => Position::End,
        }
    }

    /// The hint for the bottom of the pane: "↓ j more", "↑ k back", or
    /// nothing when everything fits.
    pub fn hint(&self, down_key: &str, up_key: &str) -> Option<String> {
        match self.position() {
            Position::Whole => None,
            Position::More => Some(format!("↓ {down_key} more")),
            Position::End => Some(format!("↑ {up_key} back")),
        }
    }

    /// While drawing something composed on a canvas as tall as it is
    /// (`whole`): records its height and copies the rows in view into
    /// `area`.
    pub fn show(&self, whole: &Buffer, area: Rect, buf: &mut Buffer) {
        let top = self.update(whole.area.height.into(), area.height.into());
        for row in 0..area.height {
            let y = top + row;
            if y >= whole.area.height {
                break;
            }
            for x in 0..area.width.min(whole.area.width) {
                buf[(area.x + x, area.y + row)] = whole[(x, y)].clone();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrolling_stops_where_the_last_draw_ended() {
        let mut s = VerticalScroll::default();
        // Before any draw the length is unknown: it moves freely.
        s.scroll(3, true);
        assert_eq!(s.top(), 3);
        // Ten rows in a view of eight: two to scroll; the draw clamps.
        assert_eq!(s.update(10, 8), 2);
        assert_eq!(s.position(), Position::End);
        s.scroll(5, true);
        assert_eq!(s.top(), 2);
        // One step up is one row from the end, not from where the keys
        // pushed past it.
        s.scroll(1, false);
        assert_eq!(s.top(), 1);
        assert_eq!(s.position(), Position::More);
        assert_eq!(s.hint("j", "k").as_deref(), Some("↓ j more"));
        // Content that fits: nothing to say, top row in view.
        assert_eq!(s.update(5, 8), 0);
        assert_eq!(s.hint("j", "k"), None);
        s.reset();
        assert_eq!((s.top(), s.position()), (0, Position::Whole));
    }

    #[test]
    fn show_copies_the_rows_in_view() {
        let mut whole = Buffer::empty(Rect::new(0, 0, 3, 5));
        for y in 0..5 {
            whole.set_string(0, y, y.to_string(), ratatui::style::Style::default());
        }
        let mut s = VerticalScroll::default();
        s.scroll(9, true);
        let area = Rect::new(1, 1, 3, 2);
        let mut buf = Buffer::empty(Rect::new(0, 0, 5, 4));
        s.show(&whole, area, &mut buf);
        assert_eq!(buf[(1, 1)].symbol(), "3");
        assert_eq!(buf[(1, 2)].symbol(), "4");
        assert_eq!(s.position(), Position::End);
    }
}
