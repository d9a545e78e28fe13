//! The preview of a message for someone you trust (`S` on Today and on
//! Review): the parts that may go in, each toggled with Space, and below
//! them the message exactly as it will be copied or saved (the app itself
//! sends nothing). `c` hands it to the app to copy (the app writes the
//! OSC 52 sequence through its own output, then redraws), `s` asks where to
//! save it (a file only its owner can read). After either the preview
//! stays open, saying what was done on a status line, until `Esc` (or `q`)
//! closes it. The words are the domain's ([`ShareSource::message`]); the
//! preview only shows them.
//!
//! Uses the key table, the box rules in `input.rs`, the theme, the widgets
//! and domain values; the only file it touches is the one it is told to
//! save.

use std::fs;
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use ratatui_textarea::{CursorMove, TextArea};

use super::input::{paste_into, type_into};
use super::{Reply, Submission, frame};
use crate::domain::share::{ShareScope, ShareSource, whose};
use crate::model::fit;
use crate::model::{ShareExtra, ShareInclude};
use crate::ui::keymap::{Action, Context, Keymap, PopupKind};
use crate::ui::scroll::VerticalScroll;
use crate::ui::theme::Theme;
use crate::ui::widgets::{fit_hints, fit_line, put_line, wrap_hints};

/// The longest path the save box takes.
const PATH_LEN: usize = 4096;

/// What the preview hands to the app.
#[derive(Debug, Clone, PartialEq)]
pub enum ShareRequest {
    /// Put this message on the clipboard; `about` names it ("today").
    Copy { about: String, text: String },
    /// Write this message to the file typed.
    Save { path: String, text: String },
}

pub struct SharePopup {
    source: ShareSource,
    include: ShareInclude,
    /// The message as it stands: exactly what is copied or saved.
    text: String,
    /// The part Space toggles, in [`ShareExtra::ALL`].
    cursor: usize,
    /// The first row of the message in view, stopped at the end the last
    /// draw found.
    scroll: VerticalScroll,
    /// Asking where to save: the path as typed.
    path: Option<TextArea<'static>>,
    pub error: Option<String>,
    /// What the last copy or save did ("Sent … to the terminal's
    /// clipboard."), until the next key.
    status: Option<String>,
    /// Whether the message was copied or saved since the preview opened.
    done: bool,
}

impl SharePopup {
    /// The preview of `source`, with the extras the config includes.
    pub fn new(source: ShareSource, include: ShareInclude) -> SharePopup {
        let text = source.message(include);
        SharePopup {
            source,
            include,
            text,
            cursor: 0,
            scroll: VerticalScroll::default(),
            path: None,
            error: None,
            status: None,
            done: false,
        }
    }

    /// The message exactly as it will be copied or saved.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The extras going in.
    pub fn include(&self) -> ShareInclude {
        self.include
    }

    /// Whether the path box is open.
    pub fn asking_where(&self) -> bool {
        self.path.is_some()
    }

    /// What the last copy or save did, shown on the preview's status line.
    pub fn status(&self) -> Option<&str> {
        self.status.as_deref()
    }

    /// The app copied or saved the message: the preview stays open, back
    /// from the path box, saying so.
    pub(super) fn finished(&mut self, sentence: String) {
        self.path = None;
        self.error = None;
        self.status = Some(sentence);
        self.done = true;
    }

    pub(super) fn key(&mut self, key: &KeyEvent, keys: &Keymap) -> Reply {
        if self.path.is_some() {
            return self.path_key(key, keys);
        }
        self.error = None;
        self.status = None;
        let n = ShareExtra::ALL.len();
        match keys.action_for(key, Context::Popup(PopupKind::Share)) {
            Some(Action::Close) if self.done => return Reply::Close(None),
            Some(Action::Close) => {
                return Reply::Close(Some("Nothing was copied or saved.".into()));
            }
            Some(Action::NextField) => self.cursor = (self.cursor + 1) % n,
            Some(Action::PrevField) => self.cursor = (self.cursor + n - 1) % n,
            Some(Action::ToggleInclude) => {
                self.include.toggle(ShareExtra::ALL[self.cursor]);
                self.text = self.source.message(self.include);
                self.scroll.forget_length();
            }
            Some(Action::ScrollDown) => self.scroll.scroll(1, true),
            Some(Action::ScrollUp) => self.scroll.scroll(1, false),
            Some(Action::Copy) => {
                return Reply::Submit(Submission::Share(ShareRequest::Copy {
                    about: self.source.about(),
                    text: self.text.clone(),
                }));
            }
            Some(Action::Save) => {
                let mut path = TextArea::new(vec![default_path(&self.source)]);
                path.move_cursor(CursorMove::End);
                self.path = Some(path);
            }
            _ => return Reply::Ignored,
        }
        Reply::Stay
    }

    /// A key in the path box: Enter saves, Esc goes back to the preview.
    fn path_key(&mut self, key: &KeyEvent, keys: &Keymap) -> Reply {
        let Some(path) = self.path.as_mut() else {
            return Reply::Stay;
        };
        match keys.action_for(key, Context::Popup(PopupKind::Text)) {
            Some(Action::Cancel) => {
                self.path = None;
                self.error = None;
            }
            Some(Action::Save) => {
                return Reply::Submit(Submission::Share(ShareRequest::Save {
                    path: path.lines().join(""),
                    text: self.text.clone(),
                }));
            }
            Some(Action::NewLine) => {}
            _ => self.error = type_into(path, key, PATH_LEN),
        }
        Reply::Stay
    }

    /// A paste goes into the path box, if it is open.
    pub(super) fn paste(&mut self, text: &str) -> bool {
        match self.path.as_mut() {
            Some(path) => {
                self.error = paste_into(path, text, false, PATH_LEN);
                true
            }
            None => false,
        }
    }

    /// Draws the preview as tall as the message needs, up to the window.
    pub(super) fn draw(&self, theme: &Theme, keys: &Keymap, area: Rect, buf: &mut Buffer) {
        let w = area.width.saturating_sub(4).clamp(10, 76);
        let width = w.saturating_sub(2) as usize;
        let mut rows: Vec<Line<'static>> = self.toggle_lines(theme, width);
        let footer = self.footer(theme, keys, width);
        let message = message_lines(&self.text, width);
        let label = fit_line(
            Line::from(Span::styled(
                "Exactly what will be copied or saved:",
                theme.dim,
            )),
            width,
        );
        // The toggles, the label, the message, a blank line, the footer.
        let wanted = rows.len() + message.len() + footer.len() + 4;
        let h = (wanted as u16).clamp(3, area.height.saturating_sub(2).max(3));
        let title = format!("Share {}", self.source.about());
        let inner = frame(theme, &title, w, h, area, buf);
        if inner.height == 0 || inner.width == 0 {
            return;
        }
        // The label goes first when room is short; the row under the
        // message stays blank, or says there is more of it.
        let spare = (inner.height as usize).saturating_sub(rows.len() + footer.len());
        if spare >= message.len() + 2 || spare >= 8 {
            rows.push(label);
        }
        let room = (inner.height as usize)
            .saturating_sub(rows.len() + footer.len())
            .saturating_sub(1);
        let len = message.len();
        let top = self.scroll.update(len, room);
        let shown = message.into_iter().skip(top.into()).take(room);
        rows.extend(shown.map(Line::from));
        rows.resize(
            rows.len().max(inner.height as usize - footer.len() - 1),
            Line::raw(""),
        );
        rows.push(scroll_note(theme, keys, width, &self.scroll));
        for (y, line) in rows.iter().enumerate() {
            put_line(buf, inner, y as u16, line);
        }
        let top = inner.height.saturating_sub(footer.len() as u16);
        for (i, line) in footer.iter().enumerate() {
            put_line(buf, inner, top + i as u16, line);
        }
        // The box goes beside "Save to:", the footer's last line but one.
        if let Some(path) = &self.path {
            let row = inner.height.saturating_sub(2);
            let box_area = Rect {
                x: inner.x + 9,
                y: inner.y + row,
                width: inner.width.saturating_sub(9),
                height: 1,
            };
            path.render(box_area, buf);
        }
    }

    /// "[x] mood  [ ] confidence  …", wrapped to `width`, the chosen part
    /// highlighted.
    fn toggle_lines(&self, theme: &Theme, width: usize) -> Vec<Line<'static>> {
        let mut lines: Vec<Vec<Span<'static>>> = vec![Vec::new()];
        let mut used = 0;
        for (i, extra) in ShareExtra::ALL.iter().enumerate() {
            let mark = if self.include.has(*extra) { "x" } else { " " };
            let label = format!("[{mark}] {}", extra.name());
            let len = label.chars().count();
            if used > 0 && used + 2 + len > width {
                lines.push(Vec::new());
                used = 0;
            }
            let style = if i == self.cursor && self.path.is_none() {
                theme.selected
            } else {
                theme.base
            };
            if let Some(row) = lines.last_mut() {
                if used > 0 {
                    row.push(Span::raw("  "));
                    used += 2;
                }
                row.push(Span::styled(label, style));
                used += len;
            }
        }
        lines.into_iter().map(Line::from).collect()
    }

    /// What the last copy or save did, the hint line, the path box's
    /// label, or why something was refused.
    fn footer(&self, theme: &Theme, keys: &Keymap, width: usize) -> Vec<Line<'static>> {
        let mut lines = Vec::new();
        if let Some(status) = &self.status {
            lines.extend(
                fit::wrap(status, width)
                    .into_iter()
                    .map(|l| Line::from(Span::styled(l, theme.status))),
            );
        }
        if let Some(error) = &self.error {
            lines.extend(
                fit::wrap(error, width)
                    .into_iter()
                    .map(|l| Line::from(Span::styled(l, theme.error))),
            );
        }
        if self.path.is_some() {
            lines.push(Line::from(Span::styled("Save to:", theme.accent)));
            let hint = keys.hint_line(PopupKind::Text, |a| a != Action::NewLine);
            lines.push(Line::from(Span::styled(fit_hints(&hint, width), theme.dim)));
        } else if self.error.is_none() {
            let hint = keys.hint_line(PopupKind::Share, |_| true);
            lines.extend(
                wrap_hints(&hint, width)
                    .into_iter()
                    .map(|l| Line::from(Span::styled(l, theme.dim))),
            );
        }
        lines
    }
}

/// Under the message, on the right: how to see the rest of it, if it
/// does not fit.
fn scroll_note(
    theme: &Theme,
    keys: &Keymap,
    width: usize,
    scroll: &VerticalScroll,
) -> Line<'static> {
    let here = Context::Popup(PopupKind::Share);
    let key = |a| keys.label_of(here, a);
    let text = scroll
        .hint(&key(Action::ScrollDown), &key(Action::ScrollUp))
        .unwrap_or_default();
    let pad = width.saturating_sub(text.chars().count());
    Line::from(Span::styled(
        format!("{}{text}", " ".repeat(pad)),
        theme.dim,
    ))
}

/// The message's lines wrapped to `width`; a blank line stays.
fn message_lines(text: &str, width: usize) -> Vec<String> {
    text.trim_end()
        .lines()
        .flat_map(|line| {
            let wrapped = fit::wrap(line, width);
            if wrapped.is_empty() {
                vec![String::new()]
            } else {
                wrapped
            }
        })
        .collect()
}

/// What the preview says after a copy: "Sent today's message to the
/// terminal's clipboard." (and, inside tmux, what that needs). The app
/// cannot tell whether the terminal took it (tmux drops the sequence
/// unless told otherwise), so it never says "copied".
pub fn copied(about: &str) -> String {
    let whose = whose(about);
    // Short enough for the message line of an 80-column window.
    let tmux = if crate::clipboard::in_tmux() {
        " (in tmux: set-clipboard on)"
    } else {
        ""
    };
    format!("Sent {whose} to the terminal's clipboard{tmux}.")
}

/// `~/smallwins-2026-11-21.txt` (a week: `~/smallwins-week-2026-11-16.txt`),
/// with `-2`, `-3`… added while a file of that name exists; in the current
/// folder when there is no home folder.
pub fn default_path(source: &ShareSource) -> String {
    let stem = match source.scope {
        ShareScope::Day(day) => format!("smallwins-{day}"),
        ShareScope::Week(start) => format!("smallwins-week-{start}"),
    };
    let home = home();
    (1..1000)
        .map(|n| match n {
            1 => format!("{stem}.txt"),
            n => format!("{stem}-{n}.txt"),
        })
        .find(|name| {
            let place = home.as_ref().map_or(PathBuf::from(name), |h| h.join(name));
            !place.exists()
        })
        .map(|name| match home {
            Some(_) => format!("~/{name}"),
            None => name,
        })
        .unwrap_or_else(|| format!("{stem}.txt"))
}

fn home() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf())
}

/// Writes `text` to a new file at `typed` (`~/` is the home folder),
/// readable only by its owner. Returns the sentence that says where it
/// went, or the one that says why it could not.
pub fn save(typed: &str, text: &str) -> Result<String, String> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Err("Type where to save the message, like ~/message.txt.".into());
    }
    let path = match (typed.strip_prefix("~/"), home()) {
        (Some(rest), Some(home)) => home.join(rest),
        _ => PathBuf::from(typed),
    };
    let shown = std::path::absolute(&path).unwrap_or_else(|_| path.clone());
    write_private(&path, text).map_err(|e| match e.kind() {
        ErrorKind::AlreadyExists => format!(
            "{} already exists and is left as it is; choose a new name.",
            shown.display()
        ),
        _ => format!(
            "The message could not be saved to {}: {}; choose another place.",
            shown.display(),
            reason(&e)
        ),
    })?;
    Ok(format!(
        "Saved the message to {}, readable only by you.",
        shown.display()
    ))
}

/// A new file (never one that exists), mode 0600 on Unix.
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .inspect_err(|_| {
            fs::remove_file(path).ok();
        })
}

/// Plain words for why a file could not be written.
fn reason(e: &std::io::Error) -> String {
    match e.kind() {
        ErrorKind::NotFound => "that folder does not exist".into(),
        ErrorKind::PermissionDenied => "permission was denied".into(),
        ErrorKind::IsADirectory => "that is a folder".into(),
        ErrorKind::StorageFull => "the disk is full".into(),
        ErrorKind::ReadOnlyFilesystem => "the disk is read-only".into(),
        _ => {
            let text = e.to_string();
            let text = text.split(" (os error").next().unwrap_or_default();
            text.to_lowercase()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_message_is_a_new_file_only_its_owner_reads() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("message.txt");
        let typed = path.display().to_string();
        let said = save(&typed, "Today: a win.\n").expect("saved");
        assert!(said.contains("readable only by you"), "{said}");
        assert_eq!(fs::read_to_string(&path).expect("read"), "Today: a win.\n");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let again = save(&typed, "other").expect_err("never written over");
        assert!(again.contains("already exists"), "{again}");
        assert_eq!(fs::read_to_string(&path).expect("read"), "Today: a win.\n");
        let nowhere = dir.path().join("no/such/folder/m.txt");
        let e = save(&nowhere.display().to_string(), "x").expect_err("no folder");
        assert!(e.contains("does not exist"), "{e}");
    }

    #[test]
    fn a_wrapped_message_keeps_its_blank_lines() {
        assert_eq!(
            message_lines("one two three\n\nfour\n", 8),
            ["one two", "three", "", "four"]
        );
    }
}
