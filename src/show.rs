//! show: follow a page's link back to its source and reproduce the image OCR saw.
//!
//! The store keeps no page images: it keeps the source path, the page number and the exact
//! preparation applied (quarter turns, deskew angle, resampling). Decoding the source page and
//! applying that preparation again yields the very image whose pixel coordinates the stored
//! word and field boxes refer to.

use crate::decode::{self, DecodeOptions, PageContent};
use crate::model::Format;
use crate::prepare;
use crate::store::{PageRow, Store};
use image::GrayImage;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum ShowError {
    #[error("{0}")]
    Store(#[from] crate::error::StoreError),
    #[error("{path}: {source}")]
    Decode {
        path: String,
        #[source]
        source: crate::error::DecodeError,
    },
    #[error("page {0} has no image (its file is a {1}, status {2})")]
    NoImage(i64, String, String),
    #[error("source file {0} is no longer there (moved? pass --root)")]
    Missing(String),
}

/// Where the page's source file is now: `root_override` replaces the stored ROOT.
pub fn source_path(page: &PageRow, root_override: Option<&Path>) -> PathBuf {
    root_override
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from(&page.root))
        .join(&page.path)
}

/// Decodes the page's source again and applies its stored preparation.
pub fn page_image(
    store: &Store,
    page_id: i64,
    root_override: Option<&Path>,
    pdfium: Option<&Path>,
) -> Result<(PageRow, GrayImage), ShowError> {
    let page = store.page(page_id)?;
    let img = prepared_image(&page, root_override, pdfium)?;
    Ok((page, img))
}

/// The prepared image of a page already read from the store: the image its word and field
/// boxes refer to. Needs no store, so workers can call it in parallel.
pub fn prepared_image(
    page: &PageRow,
    root_override: Option<&Path>,
    pdfium: Option<&Path>,
) -> Result<GrayImage, ShowError> {
    let page_id = page.id;
    let format = match page.format.as_str() {
        "png" => Format::Png,
        "jpeg" => Format::Jpeg,
        "tiff" => Format::Tiff,
        "pdf" => Format::Pdf,
        other => {
            return Err(ShowError::NoImage(
                page_id,
                other.to_string(),
                page.status.clone(),
            ))
        }
    };
    let path = source_path(page, root_override);
    if !path.exists() {
        return Err(ShowError::Missing(path.display().to_string()));
    }
    let derr = |source| ShowError::Decode {
        path: page.path.clone(),
        source,
    };
    let h = if format == Format::Pdf {
        Some(decode::load_pdfium(pdfium).map_err(derr)?)
    } else {
        None
    };
    let mut opts = DecodeOptions {
        max_megapixels: f64::MAX,
        ..DecodeOptions::default()
    };
    opts.force_render = true;
    if page.text_source == "text_layer" {
        opts.render_dpi = Some(page.dpi);
    }
    let mut reader = decode::open(&path, format, &opts, h).map_err(derr)?;
    let decoded = reader.read_page(page.page_no).map_err(derr)?;
    let gray = match decoded.content {
        PageContent::Image(g) => g,
        PageContent::Text(_) => {
            return Err(ShowError::NoImage(
                page_id,
                page.format.clone(),
                page.status.clone(),
            ))
        }
    };
    let img = if page.status == "ok" && page.text_source == "ocr" {
        prepare::apply(&gray, &page.prep)
            .and_then(|p| p.to_gray())
            .unwrap_or(gray)
    } else {
        gray
    };
    Ok(img)
}
