//! Reading a file a person named (the config, a file to import, each file
//! of an import folder): opened once, read only if the opened handle is a
//! regular file, and never past a stated size.
//!
//! The type is asked of the handle itself (fstat), not of the path before
//! opening it, so nothing can swap the file in between; the open does not
//! wait for a writer, so a named pipe is refused at once instead of
//! hanging; and `/dev/zero`, a pipe or a folder behind a symlink is
//! refused before a byte is read. A regular file that grows while it is
//! read still stops at the cap.
//!
//! Uses nothing else of ours.

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

/// The most a config file may hold (prompts included).
pub const CONFIG_CAP: u64 = 1 << 20;
/// The most a file given to `import` may hold.
pub const IMPORT_CAP: u64 = 1 << 30;
/// The most one file of an import folder or zip may hold (or unpack to).
pub const MEMBER_CAP: u64 = 64 << 20;

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    /// Opening or reading failed (it does not exist, permission, ...).
    Io(io::Error),
    /// It is not a regular file: "a folder", "a named pipe", "a device".
    NotAFile(&'static str),
    /// It holds more than the cap allows.
    TooLarge(u64),
}

impl ReadError {
    /// What went wrong, as a phrase that follows the file's name in a
    /// sentence: "is a named pipe, not a file".
    pub fn phrase(&self, io_words: impl Fn(&io::Error) -> String) -> String {
        match self {
            ReadError::Io(e) => format!("could not be read ({})", io_words(e)),
            ReadError::NotAFile(kind) => format!("is {kind}, not a file"),
            ReadError::TooLarge(cap) => format!("holds more than {}", size_words(*cap)),
        }
    }

    pub fn is_not_found(&self) -> bool {
        matches!(self, ReadError::Io(e) if e.kind() == io::ErrorKind::NotFound)
    }
}

/// "1 MB", "64 MB", "1 GB": a cap in words.
pub fn size_words(bytes: u64) -> String {
    if bytes >= 1 << 30 && bytes.is_multiple_of(1 << 30) {
        format!("{} GB", bytes >> 30)
    } else if bytes >= 1 << 20 {
        format!("{} MB", bytes >> 20)
    } else {
        format!("{} KB", bytes.div_ceil(1 << 10))
    }
}

/// `path` opened for reading, if what it names (after symlinks) is a
/// regular file of at most `cap` bytes.
pub fn open(path: &Path, cap: u64) -> Result<Capped, ReadError> {
    let file = open_nonblocking(path).map_err(ReadError::Io)?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotAFile(kind_of(&meta)));
    }
    if meta.len() > cap {
        return Err(ReadError::TooLarge(cap));
    }
    Ok(Capped {
        file,
        left: cap,
        cap,
    })
}

/// The whole of `path`, if it is a regular file of at most `cap` bytes.
pub fn read(path: &Path, cap: u64) -> Result<Vec<u8>, ReadError> {
    let mut capped = open(path, cap)?;
    let mut out = Vec::new();
    capped.read_to_end(&mut out).map_err(|e| capped.error(e))?;
    Ok(out)
}

/// An open regular file that refuses to be read past its cap: a read past
/// it fails with an error [`Capped::error`] turns into
/// [`ReadError::TooLarge`].
pub struct Capped {
    file: File,
    left: u64,
    cap: u64,
}

impl Capped {
    /// Back to the start of the file, to read it again (the same file,
    /// opened once), its cap whole again.
    pub fn rewind_to_start(&mut self) -> io::Result<()> {
        use std::io::Seek;
        self.file.rewind()?;
        self.left = self.cap;
        Ok(())
    }

    /// The file itself, for a reader that seeks in it (a zip): checked to
    /// be a regular file within the cap when it was opened.
    pub fn into_file(self) -> File {
        self.file
    }

    /// The [`ReadError`] for an error met while reading.
    pub fn error(&self, e: io::Error) -> ReadError {
        if self.left == 0 && e.kind() == io::ErrorKind::FileTooLarge {
            ReadError::TooLarge(self.cap)
        } else {
            ReadError::Io(e)
        }
    }
}

impl Read for Capped {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.left == 0 {
            // At the cap: fine if the file ends here, an error if it goes on.
            let mut probe = [0u8; 1];
            return match self.file.read(&mut probe)? {
                0 => Ok(0),
                _ => Err(io::Error::from(io::ErrorKind::FileTooLarge)),
            };
        }
        let room = usize::try_from(self.left).unwrap_or(usize::MAX);
        let want = buf.len().min(room);
        let n = self.file.read(&mut buf[..want])?;
        self.left -= n as u64;
        Ok(n)
    }
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    // A named pipe opens at once without a writer; the type check below
    // then refuses it. On a regular file the flag changes nothing.
    let flags = rustix::fs::OFlags::NONBLOCK.bits();
    OpenOptions::new()
        .read(true)
        .custom_flags(i32::try_from(flags).unwrap_or(0))
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    OpenOptions::new().read(true).open(path)
}

/// What a non-regular file is, in words.
fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a named pipe";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
    }
    "not a regular file"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regular_file_is_read_whole_up_to_its_cap() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("f");
        std::fs::write(&path, b"12345").expect("write");
        assert_eq!(read(&path, 5).expect("read"), b"12345");
        assert!(matches!(read(&path, 4), Err(ReadError::TooLarge(4))));
    }

    #[cfg(unix)]
    #[test]
    fn devices_folders_and_pipes_are_refused_without_reading() {
        let dir = tempfile::tempdir().expect("dir");
        assert!(matches!(
            read(Path::new("/dev/zero"), 10),
            Err(ReadError::NotAFile("a device"))
        ));
        assert!(matches!(
            read(dir.path(), 10),
            Err(ReadError::NotAFile("a folder"))
        ));
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo");
        assert!(made.success());
        assert!(matches!(
            read(&fifo, 10),
            Err(ReadError::NotAFile("a named pipe"))
        ));
    }

    #[test]
    fn caps_read_as_sizes() {
        assert_eq!(size_words(CONFIG_CAP), "1 MB");
        assert_eq!(size_words(MEMBER_CAP), "64 MB");
        assert_eq!(size_words(IMPORT_CAP), "1 GB");
    }
}
