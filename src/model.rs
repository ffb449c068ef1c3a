//! Plain data that flows between the stages. Nothing here does I/O.

use serde::{Deserialize, Serialize};

/// A rectangle in pixels of a stored (prepared) page image: x, y of the top-left corner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct BBox {
    pub x: u32,
    pub y: u32,
    pub w: u32,
    pub h: u32,
}

impl BBox {
    pub fn new(x: u32, y: u32, w: u32, h: u32) -> Self {
        BBox { x, y, w, h }
    }
    pub fn right(&self) -> u32 {
        self.x + self.w
    }
    pub fn bottom(&self) -> u32 {
        self.y + self.h
    }
    /// Smallest box holding both.
    pub fn union(&self, o: &BBox) -> BBox {
        let x = self.x.min(o.x);
        let y = self.y.min(o.y);
        BBox::new(
            x,
            y,
            self.right().max(o.right()) - x,
            self.bottom().max(o.bottom()) - y,
        )
    }
    pub fn as_array(&self) -> [u32; 4] {
        [self.x, self.y, self.w, self.h]
    }
}

/// One recognised word with where it sits on the page and how sure the engine was.
/// `block`, `par`, `line` are Tesseract's layout numbers; together they identify a text line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Word {
    pub text: String,
    /// Engine confidence 0–100 (text-layer words carry a nominal value, see `TextSource`).
    pub conf: f32,
    pub bbox: BBox,
    pub block: u32,
    pub par: u32,
    pub line: u32,
}

/// Where a page's text came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TextSource {
    /// Tesseract read the page image.
    Ocr,
    /// A trustworthy PDF text layer was used as is; no OCR.
    TextLayer,
    /// No text: blank page, or the page failed.
    None,
}

impl TextSource {
    pub fn as_str(&self) -> &'static str {
        match self {
            TextSource::Ocr => "ocr",
            TextSource::TextLayer => "text_layer",
            TextSource::None => "none",
        }
    }
}

/// Input file formats chartscan reads, recognised by content (magic bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Png,
    Jpeg,
    Tiff,
    Pdf,
}

impl Format {
    pub fn as_str(&self) -> &'static str {
        match self {
            Format::Png => "png",
            Format::Jpeg => "jpeg",
            Format::Tiff => "tiff",
            Format::Pdf => "pdf",
        }
    }
    /// MIME type, as FHIR attachments and HTTP want it.
    pub fn mime(&self) -> &'static str {
        match self {
            Format::Png => "image/png",
            Format::Jpeg => "image/jpeg",
            Format::Tiff => "image/tiff",
            Format::Pdf => "application/pdf",
        }
    }
}

/// The outcome of OCR (or text-layer extraction) for one page: everything the store keeps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PageText {
    pub text: String,
    pub words: Vec<Word>,
    /// Mean word confidence 0–100 (None when there are no words).
    pub mean_conf: Option<f32>,
    /// Check boxes drawn on the page, seen in its pixels (OCR reads them as stray letters).
    #[serde(default)]
    pub marks: Vec<Mark>,
}

/// A form check box found in a page image, in the same pixel frame as the words' boxes.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Mark {
    pub bbox: BBox,
    /// Ink inside the box: ticked, crossed or filled.
    pub checked: bool,
}

/// How a page image was turned before reading; enough to redo it exactly for `show`.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Preparation {
    /// Clockwise quarter-turn applied to make the text upright: 0, 90, 180 or 270.
    pub rotation: u32,
    /// Deskew angle applied, in degrees (positive = rotated clockwise to correct).
    pub skew: f32,
    /// Resampling factor applied before OCR (1.0 = none); boxes are in the scaled image.
    pub scale: f32,
}
