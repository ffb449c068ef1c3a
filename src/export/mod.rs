//! export: the record out of the store, streamed one document at a time.

pub mod jsonl;

use clap::ValueEnum;

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One JSON object per document (see `jsonl`).
    Jsonl,
}
