//! Error types of the library. Each names what failed so that a person can act on it;
//! the file path is added by the caller that knows it (the file row, the CLI).

use thiserror::Error;

/// Why a file or one of its pages could not be turned into page images.
#[derive(Debug, Error)]
pub enum DecodeError {
    #[error("cannot read file: {0}")]
    Io(#[from] std::io::Error),
    #[error("page {page}: image is {width}x{height} pixels ({megapixels:.1} MP), over the {limit} MP limit (decompression-bomb guard; raise --max-megapixels to allow it)")]
    TooLarge {
        page: u32,
        width: u64,
        height: u64,
        megapixels: f64,
        limit: f64,
    },
    #[error("corrupt or unreadable {format} file: {reason}")]
    Corrupt {
        format: &'static str,
        reason: String,
    },
    #[error("page {page}: {reason}")]
    Page { page: u32, reason: String },
    #[error("PDF is encrypted and needs a password")]
    Encrypted,
    #[error("PDF support is not available: {0}")]
    NoPdfium(String),
}

impl DecodeError {
    pub fn corrupt(format: &'static str, reason: impl ToString) -> Self {
        DecodeError::Corrupt {
            format,
            reason: reason.to_string(),
        }
    }
    pub fn page(page: u32, reason: impl ToString) -> Self {
        DecodeError::Page {
            page,
            reason: reason.to_string(),
        }
    }
}

/// Why the OCR engine could not read a page.
#[derive(Debug, Error)]
pub enum OcrError {
    #[error(
        "could not start Tesseract with language '{lang}' (is tesseract-ocr-{lang} installed?)"
    )]
    Init { lang: String },
    #[error("OCR exceeded the per-page time limit of {0} s")]
    Timeout(u64),
    #[error("OCR failed: {0}")]
    Failed(String),
}

/// Errors of the record store.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("database schema migration failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("{0}")]
    Json(#[from] serde_json::Error),
    #[error("not found: {0}")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    Invalid(String),
}

pub type StoreResult<T> = Result<T, StoreError>;
