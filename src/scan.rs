//! scan: find the files under ROOT, recognise their format by content, fingerprint them.
//!
//! The walk is sorted by file name so that two runs over the same tree see files in the same
//! order (reproducible databases, resumable runs). Symlinks are followed; walkdir detects loops
//! and reports them as errors instead of recursing forever.

use crate::model::Format;
use sha1::Digest;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;
use walkdir::WalkDir;

/// What a file turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Supported(Format),
    /// Not a page image; the string says what it looks like (recorded, not an error).
    Unsupported(String),
}

/// A file found under ROOT.
#[derive(Debug, Clone)]
pub struct ScannedFile {
    pub abs: PathBuf,
    /// Path relative to ROOT with `/` separators: the file's identity in the store.
    pub rel: String,
    pub size: u64,
    /// Modification time in nanoseconds since the epoch (0 when unknown).
    pub mtime_ns: i64,
}

/// A problem met while walking (unreadable directory, symlink loop): reported, walk goes on.
#[derive(Debug, Clone)]
pub struct WalkProblem {
    pub path: String,
    pub reason: String,
}

/// Walks `root` and returns every regular file in a deterministic order.
pub fn walk(root: &Path) -> (Vec<ScannedFile>, Vec<WalkProblem>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for entry in WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
    {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let rel = relative(root, e.path());
                match e.metadata() {
                    Ok(md) => files.push(ScannedFile {
                        abs: e.path().to_path_buf(),
                        rel,
                        size: md.len(),
                        mtime_ns: md
                            .modified()
                            .ok()
                            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                            .map(|d| d.as_nanos() as i64)
                            .unwrap_or(0),
                    }),
                    Err(err) => problems.push(WalkProblem {
                        path: rel,
                        reason: err.to_string(),
                    }),
                }
            }
            Ok(_) => {}
            Err(err) => problems.push(WalkProblem {
                path: err
                    .path()
                    .map(|p| relative(root, p))
                    .unwrap_or_else(|| root.display().to_string()),
                reason: err.to_string(),
            }),
        }
    }
    (files, problems)
}

/// `path` relative to `root`, with forward slashes.
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.is_empty() {
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    } else {
        parts.join("/")
    }
}

/// Recognises a file by its first bytes; the extension is only a hint for naming what is
/// not supported.
pub fn sniff(head: &[u8], name: &str) -> Kind {
    if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Kind::Supported(Format::Png);
    }
    if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Kind::Supported(Format::Jpeg);
    }
    if head.starts_with(b"II*\0")
        || head.starts_with(b"MM\0*")
        || head.starts_with(b"II+\0")
        || head.starts_with(b"MM\0+")
    {
        return Kind::Supported(Format::Tiff);
    }
    // PDF allows junk before the header (within the first 1024 bytes).
    if head.windows(5).take(1024).any(|w| w == b"%PDF-") {
        return Kind::Supported(Format::Pdf);
    }
    let what = if head.starts_with(b"GIF8") {
        "gif"
    } else if head.starts_with(b"BM") {
        "bmp"
    } else if head.starts_with(b"PK\x03\x04") {
        "zip"
    } else if head.starts_with(b"RIFF") && head.get(8..12) == Some(b"WEBP") {
        "webp"
    } else if head.is_empty() {
        "empty"
    } else if std::str::from_utf8(&head[..head.len().min(512)]).is_ok() {
        "text"
    } else {
        let ext = Path::new(name)
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        return Kind::Unsupported(if ext.is_empty() {
            "unknown".into()
        } else {
            format!("unknown (.{ext})")
        });
    };
    Kind::Unsupported(what.to_string())
}

/// Content fingerprints of a file, computed in one read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    /// BLAKE3, hex: identity of the content (changed/unchanged, duplicates).
    pub blake3: String,
    /// SHA-1, base64: what FHIR's `Attachment.hash` carries.
    pub sha1_b64: String,
    /// The first bytes, for `sniff`.
    pub head: Vec<u8>,
}

pub fn fingerprint(path: &Path) -> std::io::Result<Fingerprint> {
    use base64::Engine;
    let mut f = std::fs::File::open(path)?;
    let mut b3 = blake3::Hasher::new();
    let mut s1 = sha1::Sha1::new();
    let mut buf = vec![0u8; 1 << 16];
    let mut head = Vec::new();
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        if head.len() < 1024 {
            let take = (1024 - head.len()).min(n);
            head.extend_from_slice(&buf[..take]);
        }
        b3.update(&buf[..n]);
        s1.update(&buf[..n]);
    }
    Ok(Fingerprint {
        blake3: b3.finalize().to_hex().to_string(),
        sha1_b64: base64::engine::general_purpose::STANDARD.encode(s1.finalize()),
        head,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_by_content_not_extension() {
        assert_eq!(
            sniff(b"\x89PNG\r\n\x1a\nxxxx", "a.tif"),
            Kind::Supported(Format::Png)
        );
        assert_eq!(
            sniff(b"II*\0\x08\0\0\0", "scan.png"),
            Kind::Supported(Format::Tiff)
        );
        assert_eq!(
            sniff(b"MM\0*\0\0\0\x08", "x"),
            Kind::Supported(Format::Tiff)
        );
        assert_eq!(
            sniff(b"\xFF\xD8\xFF\xE0", "x.pdf"),
            Kind::Supported(Format::Jpeg)
        );
        assert_eq!(
            sniff(b"junk\n%PDF-1.4", "x.bin"),
            Kind::Supported(Format::Pdf)
        );
        assert_eq!(
            sniff(b"hello world", "notes.txt"),
            Kind::Unsupported("text".into())
        );
        assert_eq!(sniff(b"GIF89a", "x.gif"), Kind::Unsupported("gif".into()));
        assert_eq!(sniff(b"", "x"), Kind::Unsupported("empty".into()));
    }

    #[test]
    fn relative_paths_use_forward_slashes() {
        assert_eq!(
            relative(Path::new("/a/b"), Path::new("/a/b/c/d.tif")),
            "c/d.tif"
        );
    }
}
