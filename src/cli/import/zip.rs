//! Loop Habit Tracker's zips (its CSV export, or its backup zipped by
//! hand), read through the `zip` crate: one member at a time, straight
//! from the file, each checked by its CRC-32 as it is read. Every member
//! is bounded as it unpacks, and so are all of them together, so a zip
//! bomb stops at the limit instead of filling memory or the disk.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, Read, Write};

use ::zip::ZipArchive;
use ::zip::result::ZipError;

/// The most one CSV file of the archive may unpack to (as a file of an
/// import folder may hold).
pub const MAX_FILE: u64 = crate::files::MEMBER_CAP;
/// The most all members read together may unpack to; a Loop backup inside
/// a zip may be this large on its own.
pub const MAX_TOTAL: u64 = 256 << 20;

/// Whether `head` (a file's first bytes) start like a zip file.
pub fn is_zip(head: &[u8]) -> bool {
    head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06")
}

/// An open archive: its members by name (`\` read as `/`, folders left
/// out), and how much was unpacked from it so far.
pub struct Archive {
    zip: ZipArchive<File>,
    names: BTreeMap<String, usize>,
    unpacked: u64,
}

impl Archive {
    /// The archive in `file`, or why it could not be read (a phrase that
    /// follows "the zip").
    pub fn open(file: File) -> Result<Archive, String> {
        let zip = ZipArchive::new(file).map_err(|e| why(&e))?;
        let mut names = BTreeMap::new();
        for (index, name) in zip.file_names().enumerate() {
            let name = name.map_err(|e| why(&e))?.replace('\\', "/");
            if !name.ends_with('/') {
                names.insert(name, index);
            }
        }
        Ok(Archive {
            zip,
            names,
            unpacked: 0,
        })
    }

    /// Every file's name in the archive, in order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.names.keys().map(String::as_str)
    }

    /// The member `name` unpacked (at most `cap` bytes), `None` when the
    /// archive holds no such file.
    pub fn read(&mut self, name: &str, cap: u64) -> Result<Option<Vec<u8>>, String> {
        let mut out = Vec::new();
        Ok(self.copy(name, cap, &mut out)?.map(|_| out))
    }

    /// The member `name` unpacked into `to` (at most `cap` bytes): how many
    /// bytes it held, `None` when the archive holds no such file.
    pub fn copy(
        &mut self,
        name: &str,
        cap: u64,
        to: &mut impl Write,
    ) -> Result<Option<u64>, String> {
        let Some(&index) = self.names.get(name) else {
            return Ok(None);
        };
        let room = cap.min(MAX_TOTAL.saturating_sub(self.unpacked));
        let member = self.zip.by_index(index).map_err(|e| why(&e))?;
        if member.size() > room {
            return Err(too_large());
        }
        // The declared size may lie: read one byte past the room to know.
        let mut limited = member.take(room + 1);
        let n = io::copy(&mut limited, to).map_err(|e| damaged(name, &e))?;
        if n > room {
            return Err(too_large());
        }
        self.unpacked += n;
        Ok(Some(n))
    }
}

fn too_large() -> String {
    format!(
        "unpacks to more than an export of a habit tracker would ({} a file, {} in all)",
        crate::files::size_words(MAX_FILE),
        crate::files::size_words(MAX_TOTAL)
    )
}

fn damaged(name: &str, e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::InvalidData | io::ErrorKind::UnexpectedEof | io::ErrorKind::Other => {
            format!("has a damaged file ({name})")
        }
        _ => format!("could not be read ({e})"),
    }
}

/// A phrase that follows "the zip".
fn why(e: &ZipError) -> String {
    match e {
        ZipError::Io(e) if e.kind() != io::ErrorKind::UnexpectedEof => {
            format!("could not be read ({e})")
        }
        ZipError::UnsupportedArchive(_) | ZipError::CompressionMethodNotSupported(_) => {
            "packs its files in a way this reader does not know (Loop writes plain deflate)".into()
        }
        ZipError::InvalidPassword => "is encrypted".into(),
        _ => "is damaged or cut short".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ::zip::write::SimpleFileOptions;
    use std::io::Seek;

    fn archive(members: &[(&str, &[u8])]) -> File {
        let mut file = tempfile::tempfile().expect("temp file");
        let mut zip = ::zip::ZipWriter::new(&mut file);
        for (name, data) in members {
            zip.start_file(*name, SimpleFileOptions::default())
                .expect("member");
            zip.write_all(data).expect("write");
        }
        zip.finish().expect("finish");
        file.rewind().expect("rewind");
        file
    }

    #[test]
    fn members_are_read_by_name_and_checked() {
        let mut a =
            Archive::open(archive(&[("Habits.csv", b"a,b\n"), ("x\\y.csv", b"1")])).expect("zip");
        assert_eq!(a.names().collect::<Vec<_>>(), ["Habits.csv", "x/y.csv"]);
        assert_eq!(
            a.read("Habits.csv", 100).expect("read"),
            Some(b"a,b\n".to_vec())
        );
        assert_eq!(a.read("missing.csv", 100).expect("read"), None);
        assert!(a.read("Habits.csv", 2).is_err(), "past its cap");
    }

    #[test]
    fn junk_is_refused_in_words() {
        let mut file = tempfile::tempfile().expect("temp file");
        file.write_all(b"PK\x03\x04 not really").expect("write");
        file.rewind().expect("rewind");
        assert!(Archive::open(file).is_err());
        assert!(!is_zip(b"Position,Name"));
    }
}
