//! chartscan: turns folders of scanned paper medical charts into a searchable, shareable
//! electronic record.
//!
//! The modules follow the data's path, one stage each, in one direction:
//! `scan` (find files, fingerprint) → `decode` (file → pages) → `prepare` (blank, deskew,
//! orientation) → `ocr` (page → words) → `extract` (words → fields) → `link` (documents →
//! patients) → `store` (SQLite) → `review`, `search`, `export`. `ingest` wires the first
//! stages together with threads; `records` runs extraction and linkage over the store.
//! Only `store` speaks SQL; `cli` is the command line at the edge.

pub mod cli;
pub mod decode;
pub mod error;
pub mod export;
pub mod extract;
pub mod ingest;
pub mod lepto;
pub mod link;
pub mod marks;
pub mod model;
pub mod ocr;
pub mod prepare;
pub mod records;
pub mod reread;
pub mod review;
pub mod scan;
pub mod search;
pub mod show;
pub mod store;
