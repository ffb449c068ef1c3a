//! PDF pages through PDFium: use the text layer when it can be trusted, otherwise render the
//! page at the resolution of its scanned image so OCR sees the pixels the scanner made.
//!
//! PDFium is not thread-safe; `pdfium-render`'s `thread_safe` feature serialises every call, and
//! chartscan only decodes PDFs on the one decoder thread anyway.

use super::{check_size, DecodeOptions, DecodedPage, PageContent, PageReader};
use crate::error::DecodeError;
use crate::model::{BBox, PageText, Word};
use pdfium_render::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The bound PDFium library (one per process: PDFium can only be bound once).
pub struct PdfiumHandle {
    pdfium: Pdfium,
    pub path: PathBuf,
}

/// Where setup.sh installs PDFium.
pub const DEFAULT_PDFIUM_DIR: &str = "/usr/local/lib/chartscan";

static PDFIUM: OnceLock<Result<PdfiumHandle, String>> = OnceLock::new();

/// Candidate library paths in search order: `--pdfium` flag, `CHARTSCAN_PDFIUM` (a file or a
/// directory), the directory setup.sh installs into, the executable's own directory.
fn candidates(explicit: Option<&Path>) -> Vec<PathBuf> {
    let mut c = Vec::new();
    let mut push = |p: PathBuf| {
        if p.is_dir() {
            c.push(p.join("libpdfium.so"));
        } else {
            c.push(p);
        }
    };
    if let Some(p) = explicit {
        push(p.to_path_buf());
        return c;
    }
    if let Some(p) = std::env::var_os("CHARTSCAN_PDFIUM") {
        push(PathBuf::from(p));
        return c;
    }
    push(PathBuf::from(DEFAULT_PDFIUM_DIR));
    if let Some(dir) = std::env::current_exe()
        .ok()
        .and_then(|e| e.parent().map(Path::to_path_buf))
    {
        push(dir);
    }
    c
}

/// Binds PDFium once per process and returns it. Later calls return the same binding (the
/// `explicit` path of the first call wins).
pub fn load_pdfium(explicit: Option<&Path>) -> Result<&'static PdfiumHandle, DecodeError> {
    PDFIUM
        .get_or_init(|| {
            let cands = candidates(explicit);
            let mut tried = Vec::new();
            for p in &cands {
                if !p.exists() {
                    tried.push(format!("{} (missing)", p.display()));
                    continue;
                }
                match Pdfium::bind_to_library(p) {
                    Ok(b) => {
                        return Ok(PdfiumHandle {
                            pdfium: Pdfium::new(b),
                            path: p.clone(),
                        })
                    }
                    Err(e) => tried.push(format!("{} ({e:?})", p.display())),
                }
            }
            Err(format!(
                "no usable libpdfium.so; tried {} (run scripts/setup.sh, or pass --pdfium / set CHARTSCAN_PDFIUM)",
                tried.join(", ")
            ))
        })
        .as_ref()
        .map_err(|e| DecodeError::NoPdfium(e.clone()))
}

pub struct PdfReader<'a> {
    doc: PdfDocument<'a>,
    pages: u32,
    opts: DecodeOptions,
}

fn pdf_err(e: PdfiumError) -> DecodeError {
    match e {
        PdfiumError::PdfiumLibraryInternalError(PdfiumInternalError::PasswordError) => {
            DecodeError::Encrypted
        }
        PdfiumError::PdfiumLibraryInternalError(PdfiumInternalError::SecurityError) => {
            DecodeError::Encrypted
        }
        PdfiumError::PdfiumLibraryInternalError(i) => {
            DecodeError::corrupt("pdf", format!("PDFium cannot open it ({i:?})"))
        }
        other => DecodeError::corrupt("pdf", format!("{other:?}")),
    }
}

impl<'a> PdfReader<'a> {
    pub fn open(
        h: &'a PdfiumHandle,
        path: &Path,
        opts: &DecodeOptions,
    ) -> Result<Self, DecodeError> {
        let doc = h.pdfium.load_pdf_from_file(path, None).map_err(pdf_err)?;
        let n = doc.pages().len() as i64;
        if n <= 0 {
            return Err(DecodeError::corrupt("pdf", "document has no pages"));
        }
        Ok(PdfReader {
            doc,
            pages: n as u32,
            opts: opts.clone(),
        })
    }
}

/// Resolution of the page's largest embedded image, in dpi along its width, when there is one.
fn embedded_image_dpi(page: &PdfPage) -> Option<f32> {
    let mut best: Option<(f32, f32)> = None; // (area in points², dpi)
    for obj in page.objects().iter() {
        if let Some(img) = obj.as_image_object() {
            let px = img.width().ok()? as f32;
            let b = obj.bounds().ok()?;
            let (wpt, hpt) = (b.width().value.abs(), b.height().value.abs());
            if wpt < 1.0 || px < 1.0 {
                continue;
            }
            let area = wpt * hpt;
            if best.map(|(a, _)| area > a).unwrap_or(true) {
                best = Some((area, px / (wpt / 72.0)));
            }
        }
    }
    best.map(|(_, d)| d)
}

impl PageReader for PdfReader<'_> {
    fn page_count(&self) -> u32 {
        self.pages
    }

    fn read_page(&mut self, page_no: u32) -> Result<DecodedPage, DecodeError> {
        let page = self.doc.pages().get((page_no - 1) as _).map_err(|e| {
            DecodeError::page(page_no, format!("PDFium cannot load the page: {e:?}"))
        })?;
        let (wpt, hpt) = (page.width().value, page.height().value);
        // Half an inch: no paper scan is smaller; damaged files report boxes of a few points.
        if !(wpt.is_finite() && hpt.is_finite()) || wpt < 36.0 || hpt < 36.0 {
            return Err(DecodeError::page(
                page_no,
                format!("page box is {wpt:.1}x{hpt:.1} points, too small to be a scanned page (damaged PDF?)"),
            ));
        }
        // A scanned page always carries an image (even a blank sheet is a white image); a page
        // with no content objects at all is what damaged files reconstruct to.
        if page.objects().is_empty() {
            return Err(DecodeError::page(
                page_no,
                "page has no content at all (no image or text): damaged or empty PDF page",
            ));
        }
        // Text layer first: if trustworthy, no rendering and no OCR.
        if let Some(text) = (!self.opts.force_render)
            .then(|| page.text().ok())
            .flatten()
        {
            let all = text.all();
            if text_layer_is_trustworthy(&all) {
                let dpi = self.opts.pdf_dpi;
                let scale = dpi / 72.0;
                let (w, h) = ((wpt * scale).round() as u32, (hpt * scale).round() as u32);
                let words = words_from_chars(&text, hpt, scale);
                return Ok(DecodedPage {
                    page_no,
                    width: w,
                    height: h,
                    dpi,
                    content: PageContent::Text(PageText {
                        text: all,
                        mean_conf: if words.is_empty() {
                            None
                        } else {
                            Some(TEXT_LAYER_CONF)
                        },
                        words,
                        marks: Vec::new(),
                    }),
                });
            }
        }
        let dpi = self.opts.render_dpi.unwrap_or_else(|| {
            embedded_image_dpi(&page)
                .map(|d| d.max(200.0))
                .unwrap_or(self.opts.pdf_dpi)
        });
        let scale = dpi / 72.0;
        let (w, h) = ((wpt * scale).round() as u64, (hpt * scale).round() as u64);
        check_size(page_no, w, h, self.opts.max_megapixels)?;
        let cfg = PdfRenderConfig::new()
            .set_target_width(w as i32)
            .set_target_height(h as i32)
            .render_form_data(false)
            .render_annotations(true);
        let bitmap = page.render_with_config(&cfg).map_err(|e| {
            DecodeError::page(page_no, format!("PDFium could not render the page: {e:?}"))
        })?;
        let img = bitmap
            .as_image()
            .map_err(|e| DecodeError::page(page_no, format!("rendered page unreadable: {e:?}")))?;
        let mut gray = super::to_gray(img);
        super::normalize_polarity(&mut gray);
        let (gw, gh) = gray.dimensions();
        Ok(DecodedPage {
            page_no,
            width: gw,
            height: gh,
            dpi,
            content: PageContent::Image(gray),
        })
    }
}

/// Nominal confidence given to words of a trusted text layer (they were not OCR'd by us).
pub const TEXT_LAYER_CONF: f32 = 95.0;

/// Groups PDF characters into words (split at whitespace and at gaps) with pixel boxes.
fn words_from_chars(text: &PdfPageText, page_h_pt: f32, scale: f32) -> Vec<Word> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut rect: Option<(f32, f32, f32, f32)> = None; // left, top, right, bottom in points (y up)
    let mut line = 0u32;
    let mut last_bottom: Option<f32> = None;
    let flush = |cur: &mut String,
                 rect: &mut Option<(f32, f32, f32, f32)>,
                 line: u32,
                 words: &mut Vec<Word>| {
        if let Some((l, t, r, b)) = rect.take() {
            if !cur.trim().is_empty() {
                let x = (l * scale).max(0.0);
                let y = ((page_h_pt - t) * scale).max(0.0);
                words.push(Word {
                    text: std::mem::take(cur),
                    conf: TEXT_LAYER_CONF,
                    bbox: BBox::new(
                        x as u32,
                        y as u32,
                        ((r - l) * scale).max(1.0) as u32,
                        ((t - b) * scale).max(1.0) as u32,
                    ),
                    block: 0,
                    par: 0,
                    line,
                });
            }
        }
        cur.clear();
    };
    for ch in text.chars().iter() {
        let Some(c) = ch.unicode_char() else { continue };
        if c.is_whitespace() || c.is_control() {
            flush(&mut cur, &mut rect, line, &mut words);
            continue;
        }
        let Ok(bx) = ch.loose_bounds() else { continue };
        let (l, t, r, b) = (
            bx.left().value,
            bx.top().value,
            bx.right().value,
            bx.bottom().value,
        );
        // A new line when the baseline jumps by more than half a character height.
        if let Some(lb) = last_bottom {
            if (lb - b).abs() > (t - b).abs().max(1.0) * 0.5 {
                flush(&mut cur, &mut rect, line, &mut words);
                line += 1;
            }
        }
        // A gap wider than ~a third of the char height also ends a word.
        if let Some((_, _, pr, _)) = rect {
            if l - pr > (t - b).abs() * 0.35 {
                flush(&mut cur, &mut rect, line, &mut words);
            }
        }
        last_bottom = Some(b);
        cur.push(c);
        rect = Some(match rect {
            None => (l, t, r, b),
            Some((a, bt, c2, d)) => (a.min(l), bt.max(t), c2.max(r), d.min(b)),
        });
    }
    flush(&mut cur, &mut rect, line, &mut words);
    words
}

/// Decides whether a PDF text layer can stand in for OCR.
///
/// Scanner software and earlier OCR runs leave text layers behind that can be anything from
/// excellent to garbage (a wrong encoding, glyph ids instead of letters). The test is on the
/// text alone, so it costs nothing: enough characters, and most tokens must look like words of
/// a Latin-script language or numbers/dates; replacement, private-use and control characters
/// sink it.
pub fn text_layer_is_trustworthy(text: &str) -> bool {
    let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    if chars.len() < 40 {
        return false;
    }
    let bad = chars
        .iter()
        .filter(|c| **c == '\u{FFFD}' || c.is_control() || ('\u{E000}'..='\u{F8FF}').contains(*c))
        .count();
    if bad * 100 > chars.len() {
        return false;
    }
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let mut good_chars = 0usize;
    let mut total_chars = 0usize;
    for t in &tokens {
        let core: String = t.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
        let n = t.chars().count();
        total_chars += n;
        if core.is_empty() {
            continue;
        }
        if looks_like_word(&core) {
            good_chars += n;
        }
    }
    total_chars > 0 && good_chars as f32 / total_chars as f32 >= 0.7 && tokens.len() >= 8
}

fn looks_like_word(t: &str) -> bool {
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    let digits = t.chars().filter(|c| c.is_ascii_digit()).count();
    let n = t.chars().count();
    if digits > 0 && letters == 0 {
        return true; // numbers, dates, IDs
    }
    if letters == 0 {
        return false;
    }
    if n == 1 {
        return matches!(t, "a" | "A" | "I" | "&");
    }
    let lower: String = t.to_lowercase();
    let vowels = lower
        .chars()
        .filter(|c| "aeiouyàáâäèéêëìíîïòóôöùúûü".contains(*c))
        .count();
    // Words have vowels; mixed-case soup ("xQzKp") and long consonant runs do not.
    let mut run = 0;
    let mut max_run = 0;
    for c in lower.chars() {
        if c.is_alphabetic() && !"aeiouyàáâäèéêëìíîïòóôöùúûü".contains(c) {
            run += 1;
            max_run = max_run.max(run);
        } else {
            run = 0;
        }
    }
    let case_flips = t
        .chars()
        .collect::<Vec<_>>()
        .windows(2)
        .filter(|w| w[0].is_lowercase() && w[1].is_uppercase())
        .count();
    vowels > 0 && max_run <= 5 && case_flips <= 1 && digits * 2 <= n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_prose_is_trusted() {
        let t = "Patient seen today for follow up of hypertension. Blood pressure 132/84. \
                 Continue lisinopril 10 mg daily and return in three months.";
        assert!(text_layer_is_trustworthy(t));
    }

    #[test]
    fn garbage_layers_are_not_trusted() {
        assert!(!text_layer_is_trustworthy(
            "xQzKp 7vWq Jjkl3 zzrtq Pfftz qqwxz Mnbvc Lkjhg Poiuy Trewq Zxcvb"
        ));
        assert!(!text_layer_is_trustworthy("\u{FFFD}\u{FFFD}\u{FFFD} abc \u{FFFD}\u{FFFD} def \u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}"));
        assert!(!text_layer_is_trustworthy("Page 1"));
        assert!(!text_layer_is_trustworthy(""));
    }
}
