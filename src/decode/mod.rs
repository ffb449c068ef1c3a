//! decode: a source file → its pages, one at a time.
//!
//! Pages are produced lazily (`PageReader::read_page`) so that a 500-page TIFF never sits in
//! memory whole. Every page comes out as 8-bit grayscale (what OCR wants) with the resolution
//! the file claims, sanity-checked, or as text when a PDF page carries a trustworthy text layer.
//! The megapixel guard runs before any pixel buffer is allocated.

mod dpi;
mod pdf;
mod raster;
mod tiff;

pub use pdf::{load_pdfium, text_layer_is_trustworthy, PdfiumHandle};

use crate::error::DecodeError;
use crate::model::{Format, PageText};
use image::{DynamicImage, GrayImage};
use std::path::Path;

/// Limits and defaults for decoding.
#[derive(Debug, Clone)]
pub struct DecodeOptions {
    /// Largest page, in megapixels, that will be decoded (decompression-bomb guard).
    pub max_megapixels: f64,
    /// Resolution assumed when a file gives none, or one that cannot be true.
    pub default_dpi: f32,
    /// Render resolution for PDF pages without an embedded image to match.
    pub pdf_dpi: f32,
    /// Render PDF pages even when their text layer is trustworthy (to show them).
    pub force_render: bool,
    /// Render PDF pages at exactly this resolution instead of matching the embedded image.
    pub render_dpi: Option<f32>,
}

impl Default for DecodeOptions {
    fn default() -> Self {
        DecodeOptions {
            max_megapixels: 50.0,
            default_dpi: 300.0,
            pdf_dpi: 300.0,
            force_render: false,
            render_dpi: None,
        }
    }
}

/// What a page holds after decoding.
pub enum PageContent {
    /// Pixels to OCR.
    Image(GrayImage),
    /// Text from a PDF text layer that passed the trust test; boxes are in pixels at `dpi`.
    Text(PageText),
}

/// One decoded page.
pub struct DecodedPage {
    /// 1-based page number within the file.
    pub page_no: u32,
    pub width: u32,
    pub height: u32,
    /// Resolution in dots per inch (after sanity checks).
    pub dpi: f32,
    pub content: PageContent,
}

/// Reads the pages of one open file in order.
pub trait PageReader {
    fn page_count(&self) -> u32;
    /// Decodes page `page_no` (1-based).
    fn read_page(&mut self, page_no: u32) -> Result<DecodedPage, DecodeError>;
}

/// Opens `path` as `format`. PDF needs a bound PDFium library.
pub fn open<'a>(
    path: &Path,
    format: Format,
    opts: &DecodeOptions,
    pdfium: Option<&'a PdfiumHandle>,
) -> Result<Box<dyn PageReader + 'a>, DecodeError> {
    match format {
        Format::Png | Format::Jpeg => Ok(Box::new(raster::RasterReader::open(path, format, opts)?)),
        Format::Tiff => Ok(Box::new(tiff::TiffReader::open(path, opts)?)),
        Format::Pdf => {
            let pdfium = pdfium.ok_or_else(|| {
                DecodeError::NoPdfium("PDFium library was not found (see --pdfium)".into())
            })?;
            Ok(Box::new(pdf::PdfReader::open(pdfium, path, opts)?))
        }
    }
}

/// Refuses a page whose pixel count is over the limit, before allocating it.
pub(crate) fn check_size(
    page: u32,
    width: u64,
    height: u64,
    limit: f64,
) -> Result<(), DecodeError> {
    let megapixels = width as f64 * height as f64 / 1e6;
    if megapixels > limit || width == 0 || height == 0 {
        if width == 0 || height == 0 {
            return Err(DecodeError::page(
                page,
                format!("image has no pixels ({width}x{height})"),
            ));
        }
        return Err(DecodeError::TooLarge {
            page,
            width,
            height,
            megapixels,
            limit,
        });
    }
    Ok(())
}

/// Converts any decoded image to 8-bit gray, flattening transparency onto white paper
/// (a transparent background must not turn into a black page).
pub fn to_gray(img: DynamicImage) -> GrayImage {
    match img {
        DynamicImage::ImageLuma8(g) => g,
        DynamicImage::ImageLumaA8(ga) => {
            let (w, h) = ga.dimensions();
            GrayImage::from_fn(w, h, |x, y| {
                let p = ga.get_pixel(x, y).0;
                image::Luma([blend_white(p[0], p[1])])
            })
        }
        other if other.color().has_alpha() => {
            let rgba = other.to_rgba8();
            let (w, h) = rgba.dimensions();
            GrayImage::from_fn(w, h, |x, y| {
                let [r, g, b, a] = rgba.get_pixel(x, y).0;
                image::Luma([blend_white(luma(r, g, b), a)])
            })
        }
        other => other.to_luma8(),
    }
}

#[inline]
fn luma(r: u8, g: u8, b: u8) -> u8 {
    ((r as u32 * 299 + g as u32 * 587 + b as u32 * 114) / 1000) as u8
}

#[inline]
fn blend_white(v: u8, a: u8) -> u8 {
    ((v as u32 * a as u32 + 255 * (255 - a as u32)) / 255) as u8
}

/// Paper is light. A page whose pixels are overwhelmingly dark was stored with inverted
/// photometry (min-is-black read as min-is-white, or the reverse): turn it back.
pub fn normalize_polarity(img: &mut GrayImage) -> bool {
    let raw = img.as_raw();
    if raw.is_empty() {
        return false;
    }
    let step = (raw.len() / 200_000).max(1);
    let (mut dark, mut n) = (0usize, 0usize);
    for v in raw.iter().step_by(step) {
        n += 1;
        if *v < 96 {
            dark += 1;
        }
    }
    if dark * 100 > n * 80 {
        image::imageops::invert(img);
        true
    } else {
        false
    }
}

pub use dpi::sane_dpi;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transparent_background_becomes_white() {
        let img = image::RgbaImage::from_pixel(4, 4, image::Rgba([0, 0, 0, 0]));
        let g = to_gray(DynamicImage::ImageRgba8(img));
        assert!(g.pixels().all(|p| p.0[0] == 255));
    }

    #[test]
    fn inverted_page_is_turned_back() {
        let mut img = GrayImage::from_pixel(100, 100, image::Luma([0]));
        img.put_pixel(5, 5, image::Luma([255]));
        assert!(normalize_polarity(&mut img));
        assert_eq!(img.get_pixel(0, 0).0[0], 255);
        let mut normal = GrayImage::from_pixel(100, 100, image::Luma([250]));
        assert!(!normalize_polarity(&mut normal));
    }

    #[test]
    fn size_guard_names_the_page() {
        let e = check_size(3, 35000, 35000, 50.0).unwrap_err().to_string();
        assert!(e.contains("page 3") && e.contains("1225.0 MP"), "{e}");
        assert!(check_size(1, 2550, 3300, 50.0).is_ok());
    }
}
