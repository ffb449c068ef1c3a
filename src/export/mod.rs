//! export: the record leaves the building (FHIR R4 Bulk Data, CSV).

pub mod csv;
pub mod fhir;
