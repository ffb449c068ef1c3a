//! records: field extraction and patient linkage over what the store holds.
//!
//! Runs after the pages of an ingest are committed, and alone as `chartscan extract`.

use crate::error::StoreResult;
use crate::store::Store;

/// Brings documents, fields and patient links up to date with the stored pages.
pub fn refresh(_store: &mut Store) -> StoreResult<()> {
    Ok(())
}
