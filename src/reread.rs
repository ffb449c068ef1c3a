//! reread: a second reading of a doubtful field's region, as evidence of its first reading.
//!
//! Tesseract reads a whole page under one segmentation. A value on a bold banner, in a table
//! cell or on a fax line often comes out right but at a word confidence of 0-30, and its
//! document goes to review for nothing. Reading only the value's region again, enlarged to
//! a comfortable text height and as a single line (page segmentation mode 7), is a second,
//! differently made reading: when it says the same words at a good confidence, that
//! confidence stands in for the first one, and two fair readings that agree support each
//! other (`FieldValue::confirm_ocr`). Only the OCR part of the field's confidence is
//! replaced; how well the value validates (syntax, label, rivals) is kept, so a value taken
//! from the wrong place stays doubtful however clearly its words read.
//!
//! Measured before it was built (README, issue 3): of 289 values under the review threshold
//! on six generated sets, 261 right and 28 wrong, a second reading agreed at a word
//! confidence of 80 or more for 175 right ones and for 1 wrong one (a family name cut from
//! its particles, "Cruz" for "de la Cruz", whose validation alone holds it at 0.14).
//!
//! Names read without an initial are read again too, however sure: the page's reading can
//! run a middle initial into the given name ("EMEKAF"), and the region's reading keeps the
//! space (`initial_apart`).

use crate::extract::dates::{parse_date, YearRule};
use crate::extract::layout::weighted_conf;
use crate::extract::mrn::parse_mrn;
use crate::extract::names::title_case;
use crate::extract::{Blank, ExtractedDocument, FieldValue};
use crate::lepto::Pix;
use crate::model::{BBox, Word};
use crate::ocr::{Engine, OcrOptions};
use crate::show;
use crate::store::PageRow;
use chrono::NaiveDate;
use image::GrayImage;
use rayon::prelude::*;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

/// Page segmentation mode for the second reading: the region is one line of text.
const PSM_SINGLE_LINE: i32 = 7;
/// Margin around the value's box, in box heights: enough for whole glyphs, too little for
/// the label or a neighbour's words.
const MARGIN: f64 = 0.35;
/// The value's box height the region is enlarged to (pixels); never shrunk.
const TARGET_HEIGHT: f64 = 40.0;

/// Where the pages are and how to read them.
#[derive(Debug, Clone)]
pub struct RereadOptions {
    /// Tesseract language(s), as the pages were read.
    pub lang: String,
    /// Worker threads (one engine each).
    pub jobs: usize,
    /// libpdfium for PDF pages (else the usual search order).
    pub pdfium: Option<PathBuf>,
    /// The archive's root now, if it moved since ingest.
    pub root: Option<PathBuf>,
}

/// What a pass did, for the run summary.
#[derive(Debug, Clone, Copy, Default, serde::Serialize)]
pub struct RereadSummary {
    /// Doubtful fields read again.
    pub reread: usize,
    /// Of those, fields whose second reading agreed and lifted the confidence.
    pub confirmed: usize,
    /// Names whose second reading set apart an initial the first had run into a word.
    pub initials_apart: usize,
    /// Names whose empty middle-initial box the page shows blank.
    pub blanks: usize,
    /// Names with ink OCR did not read right after them (a suffix lost, say).
    pub unread_ink: usize,
    /// MRNs and birth dates whose second reading said another value.
    pub disputed: usize,
    /// Fields that could not be read again (source moved or unreadable).
    pub unavailable: usize,
}

impl std::ops::AddAssign for RereadSummary {
    fn add_assign(&mut self, o: Self) {
        self.reread += o.reread;
        self.confirmed += o.confirmed;
        self.initials_apart += o.initials_apart;
        self.blanks += o.blanks;
        self.unread_ink += o.unread_ink;
        self.disputed += o.disputed;
        self.unavailable += o.unavailable;
    }
}

/// Whether a field is worth a second reading: under the threshold now, and able to reach it
/// if its words were read with certainty.
pub fn wanted(f: &FieldValue, threshold: f64) -> bool {
    f.confidence < threshold && f.ceiling() >= threshold && f.bbox.w > 0 && f.bbox.h > 0
}

/// Whether a name is worth a second reading for an initial that OCR ran into the word
/// before it ("DELGADO, EMEKAF" for EMEKA F): a person's name read without any initial. Its
/// page's reading decided the spaces from the whole page's gaps, and a tight gap before a
/// capital went; the value's region alone, enlarged, read as one line, keeps it. On the
/// blind sets the glued form was read at 0.85-0.96 and never doubted, so however sure the
/// name, it is read again (measured: about 2 s per 80 documents, against about 80 s of OCR).
pub fn initial_wanted(field: &str, f: &FieldValue) -> bool {
    matches!(field, "patient_name" | "provider")
        && f.bbox.w > 0
        && f.bbox.h > 0
        && !f.normalized.split(' ').any(|w| w.chars().count() == 1)
}

/// Whether a field's doubt waits on a region of its page being blank (an empty
/// middle-initial box: `Evidence::blank`).
pub fn blank_wanted(f: &FieldValue) -> bool {
    f.evidence.blank.is_some()
}

/// Whether a field's page is to be looked at again for any of the reasons above.
fn worth_a_look(name: &str, f: &FieldValue, threshold: f64) -> bool {
    wanted(f, threshold) || initial_wanted(name, f) || blank_wanted(f) || check_wanted(name, f)
}

/// Ink left in a region once its rule lines are taken out (rows or columns dark almost
/// end to end: a form box's borders and fill-in line, which run past the region, with a
/// pixel beside them for their blur; a letter's strokes are shorter), in the inkiest
/// stretch of the region as wide as it is high, as a share of the region's height
/// squared. A printed capital letter the region's height leaves about 0.06 or more (the
/// thin "I": a stroke of about an eighth of its height); a scan's specks a few pixels.
pub fn ink(img: &GrayImage, b: BBox) -> Option<f64> {
    let (x0, y0) = (b.x.min(img.width()), b.y.min(img.height()));
    let (x1, y1) = ((b.x + b.w).min(img.width()), (b.y + b.h).min(img.height()));
    let (w, h) = (
        x1.saturating_sub(x0) as usize,
        y1.saturating_sub(y0) as usize,
    );
    if w < 4 || h < 4 {
        return None;
    }
    let dark = |x: usize, y: usize| img.get_pixel(x0 + x as u32, y0 + y as u32)[0] < 128;
    let rule = |n: usize, len: usize| n * 100 > len * 85;
    let rows: Vec<bool> = (0..h)
        .map(|y| rule((0..w).filter(|&x| dark(x, y)).count(), w))
        .collect();
    let cols: Vec<bool> = (0..w)
        .map(|x| rule((0..h).filter(|&y| dark(x, y)).count(), h))
        .collect();
    let near = |v: &[bool], i: usize| v[i.saturating_sub(1)..(i + 2).min(v.len())].contains(&true);
    let per_col: Vec<usize> = (0..w)
        .map(|x| {
            if near(&cols, x) {
                return 0;
            }
            (0..h).filter(|&y| !near(&rows, y) && dark(x, y)).count()
        })
        .collect();
    // The inkiest stretch one region-height wide: a letter's ink is together, a long
    // region's specks are spread out.
    let span = h.min(w);
    let mut sum: usize = per_col[..span].iter().sum();
    let mut n = sum;
    for x in span..w {
        sum = sum + per_col[x] - per_col[x - span];
        n = n.max(sum);
    }
    Some(n as f64 / (h * h) as f64)
}

/// The doubt a value takes for ink OCR did not read where a word of it would be
/// (`Blank::checked`): under the review threshold from a sure reading.
const UNREAD_INK: f64 = 0.82;

/// Below this share of ink (`ink`) a region is blank.
const BLANK_INK: f64 = 0.03;

/// Whether a field is an identifier read a second time however sure: an MRN or a birth
/// date. A page's reading can take one digit for another at a high confidence where the
/// value's region read alone does not ("Hosp No. 0018-5079" read "9018-5079" at 0.92; the
/// region alone reads 0018-5079), and a wrong identifier files a page under another
/// patient. (Visit dates were read again too for a while: over six sets the region alone
/// misread four right dates, large written-looking values, and caught one wrong one.)
pub fn check_wanted(field: &str, f: &FieldValue) -> bool {
    matches!(field, "mrn" | "date_of_birth") && f.bbox.w > 0 && f.bbox.h > 0
}

/// Whether a second reading says another identifier than the first: both parse, with the
/// same look-alike repairs, and to different values. A reading that does not parse is no
/// evidence (the enlarged region's reading is noisier in its own ways: "Q2-24-1928").
pub fn disputes(field: &str, normalized: &str, words: &[Word], today: NaiveDate) -> bool {
    let texts: Vec<&str> = words
        .iter()
        .map(|w| w.text.as_str())
        .filter(|t| t.chars().any(char::is_alphanumeric))
        .collect();
    let second = match field {
        "mrn" => parse_mrn(&texts, &vec![0.5; texts.len()]).map(|m| m.normalized),
        "date_of_birth" => parse_date(&texts, YearRule::Birth, today)
            .map(|d| d.date.format("%Y-%m-%d").to_string()),
        _ => None,
    };
    second.is_some_and(|s| !s.eq_ignore_ascii_case(normalized))
}

/// The doubt a disputed identifier takes: under the review threshold from any confidence.
const DISPUTED: f64 = 0.7;

/// The pages (ids) holding fields of `docs` worth a second reading.
pub fn pages_wanted(docs: &[ExtractedDocument], threshold: f64) -> Vec<i64> {
    let mut ids: Vec<i64> = docs
        .iter()
        .flat_map(|d| d.fields.iter())
        .filter(|(name, f)| worth_a_look(name, f, threshold))
        .map(|(_, f)| f.page_id)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// The region to read again: the value's box with a margin, enlarged so the box is about
/// `TARGET_HEIGHT` pixels high. Returns the crop and its scale.
pub fn region(img: &GrayImage, b: BBox) -> Option<(GrayImage, f64)> {
    let m = (b.h as f64 * MARGIN) as i64;
    let (iw, ih) = (img.width() as i64, img.height() as i64);
    let x0 = (b.x as i64 - m).clamp(0, iw);
    let y0 = (b.y as i64 - m).clamp(0, ih);
    let x1 = (b.x as i64 + b.w as i64 + m).clamp(0, iw);
    let y1 = (b.y as i64 + b.h as i64 + m).clamp(0, ih);
    if x1 - x0 < 2 || y1 - y0 < 2 {
        return None;
    }
    let crop = image::imageops::crop_imm(
        img,
        x0 as u32,
        y0 as u32,
        (x1 - x0) as u32,
        (y1 - y0) as u32,
    )
    .to_image();
    let scale = (TARGET_HEIGHT / b.h.max(1) as f64).max(1.0);
    if scale < 1.05 {
        return Some((crop, 1.0));
    }
    let (w, h) = (
        (crop.width() as f64 * scale).round() as u32,
        (crop.height() as f64 * scale).round() as u32,
    );
    let big = image::imageops::resize(&crop, w, h, image::imageops::FilterType::Lanczos3);
    Some((big, scale))
}

/// Lower-case letters and digits of each word, with the hyphens and apostrophes inside it
/// ("Al-Masri" is not "Almasri"); words of punctuation alone are dropped at
/// the ends of the line (a table rule or a speck beside the value) and kept, empty, inside
/// it, where they stand for a character the first reading did not have.
fn words_of<'a>(texts: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut w: Vec<String> = texts
        .map(|t| {
            t.trim_matches(|c: char| !c.is_alphanumeric())
                .chars()
                .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '\''))
                .flat_map(char::to_lowercase)
                .collect()
        })
        .collect();
    while w.first().is_some_and(|t| t.is_empty()) {
        w.remove(0);
    }
    while w.last().is_some_and(|t| t.is_empty()) {
        w.pop();
    }
    w
}

/// The OCR confidence (0..1) of a second reading that says what `value` says: the same
/// letters and digits, in the same order (case, spacing and punctuation at word ends aside:
/// "Sep 151951" and "Sep 15 1951" are one reading), weighted like the first reading's: half the mean,
/// half the weakest word. `None` when the readings differ, or when the second reading has a
/// mark of no letter between its words ("LUCIA | QUINTERO": a letter the first reading lost).
pub fn agreement(value: &str, words: &[Word]) -> Option<f64> {
    let first: String = words_of(value.split_whitespace()).concat();
    let second = words_of(words.iter().map(|w| w.text.as_str()));
    if first.is_empty() || second.iter().any(String::is_empty) || first != second.concat() {
        return None;
    }
    // The confidences of the words that matched (edge punctuation words were dropped).
    Some(weighted_conf(
        words
            .iter()
            .filter(|w| w.text.chars().any(char::is_alphanumeric))
            .map(|w| w.conf),
    ))
}

/// A name whose second reading sets apart, at the end of one of its words, a single letter
/// that the first reading ran into that word ("EMEKAF" read again as "EMEKA F"), and
/// otherwise reads the same words: its value and normalized form with the initial apart.
/// `None` when the readings differ in any other way, or set nothing apart.
pub fn initial_apart(value: &str, normalized: &str, words: &[Word]) -> Option<(String, String)> {
    let raw: Vec<&str> = value.split_whitespace().collect();
    let first = words_of(raw.iter().copied());
    let second = words_of(words.iter().map(|w| w.text.as_str()));
    if first.len() != raw.len() || first.iter().chain(&second).any(String::is_empty) {
        return None;
    }
    let mut out = Vec::with_capacity(raw.len());
    let mut apart: Vec<(&str, &str, &str)> = Vec::new();
    let mut j = 0;
    for (i, w) in first.iter().enumerate() {
        if second.get(j) == Some(w) {
            out.push(raw[i].to_string());
            j += 1;
            continue;
        }
        let (a, b) = (second.get(j)?, second.get(j + 1)?);
        let initial = b.chars().count() == 1 && b.chars().all(char::is_alphabetic);
        if !(initial && a.chars().count() >= 2 && format!("{a}{b}") == *w) {
            return None;
        }
        // The raw word with a space before its last letter ("EMEKAF," → "EMEKA F,").
        let k = raw[i]
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_alphanumeric())?
            .0;
        out.push(format!("{} {}", &raw[i][..k], &raw[i][k..]));
        apart.push((w, a, b));
        j += 2;
    }
    if j != second.len() || apart.is_empty() {
        return None;
    }
    let mut norm: Vec<String> = normalized.split(' ').map(str::to_string).collect();
    for (glued, a, b) in apart {
        let w = norm.iter_mut().find(|n| n.to_lowercase() == glued)?;
        *w = format!("{} {}", title_case(a), b.to_uppercase());
    }
    Some((out.join(" "), norm.join(" ")))
}

/// One field to read again.
struct Job {
    /// Index of its document in the batch.
    doc: usize,
    field: String,
    bbox: BBox,
    /// Doubtful: its second reading may confirm it.
    confirm: bool,
    /// A name: its second reading may set apart an initial.
    initial: bool,
    /// An identifier: its second reading may dispute it.
    check: bool,
    /// A region that must be blank for the value to be whole.
    blank: Option<Blank>,
}

/// A field to read again, the words of its second reading (`None`: not to be had, or not
/// asked for) and the ink in its blank region.
struct Reading<'j> {
    job: &'j Job,
    words: Option<Vec<Word>>,
    /// Ink in the value's `Blank` regions (doubted, checked).
    ink: Option<(Option<f64>, Option<f64>)>,
}

thread_local! {
    /// A worker's single-line engine, made on first use and kept for the pass.
    static ENGINE: RefCell<Option<Engine>> = const { RefCell::new(None) };
}

/// Workers with a single-line Tesseract engine each.
pub struct Rereader {
    opts: RereadOptions,
    pool: rayon::ThreadPool,
}

impl Drop for Rereader {
    fn drop(&mut self) {
        // Engines are dropped on their own threads; Tesseract warns about leaks otherwise.
        self.pool
            .broadcast(|_| ENGINE.with(|e| e.borrow_mut().take()));
    }
}

impl Rereader {
    pub fn new(opts: RereadOptions) -> Result<Rereader, rayon::ThreadPoolBuildError> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(opts.jobs.max(1))
            .thread_name(|i| format!("reread-{i}"))
            .build()?;
        Ok(Rereader { opts, pool })
    }

    /// Runs `f` with this worker's engine, made on first use; `None` if none can be made.
    fn with_engine<T>(&self, f: impl FnOnce(&mut Engine) -> T) -> Option<T> {
        ENGINE.with(|cell| {
            let mut slot = cell.borrow_mut();
            if slot.is_none() {
                let o = OcrOptions {
                    lang: self.opts.lang.clone(),
                    psm: PSM_SINGLE_LINE,
                    timeout_s: 10.0,
                };
                match Engine::new(&o) {
                    Ok(e) => *slot = Some(e),
                    Err(e) => {
                        tracing::warn!(error = %e, "second readings unavailable");
                        return None;
                    }
                }
            }
            slot.as_mut().map(f)
        })
    }

    /// Reads again, page by page in parallel, every field of `docs` worth a look (doubtful,
    /// a name without an initial, an identifier, an empty box) whose page is in `pages`:
    /// lifts the confidence of those whose reading agrees, sets apart initials, doubts
    /// disputed identifiers. `today` resolves two-digit birth years as extraction did.
    pub fn confirm(
        &self,
        docs: &mut [ExtractedDocument],
        pages: &HashMap<i64, PageRow>,
        threshold: f64,
        today: NaiveDate,
    ) -> RereadSummary {
        let mut by_page: BTreeMap<i64, Vec<Job>> = BTreeMap::new();
        for (i, d) in docs.iter().enumerate() {
            for (name, f) in &d.fields {
                if worth_a_look(name, f, threshold) {
                    by_page.entry(f.page_id).or_default().push(Job {
                        doc: i,
                        field: name.clone(),
                        bbox: f.bbox,
                        confirm: wanted(f, threshold),
                        initial: initial_wanted(name, f),
                        check: check_wanted(name, f),
                        blank: f.evidence.blank,
                    });
                }
            }
        }
        let mut summary = RereadSummary::default();
        let jobs: Vec<(i64, Vec<Job>)> = by_page.into_iter().collect();
        let results: Vec<Vec<Reading>> = self.pool.install(|| {
            jobs.par_iter()
                .map(|(page_id, fields)| self.read_page(pages.get(page_id), fields))
                .collect()
        });
        for Reading { job, words, ink } in results.into_iter().flatten() {
            let Some(f) = docs[job.doc].fields.get_mut(&job.field) else {
                continue;
            };
            // The box the value left empty is blank on the page: the doubt goes. Ink where
            // nothing was read after the value: a word OCR lost, the value doubtful.
            let (doubted, checked) = ink.unwrap_or((None, None));
            if doubted.is_some_and(|ink| ink < BLANK_INK) {
                f.clear_blank_doubt();
                summary.blanks += 1;
            }
            if checked.is_some_and(|ink| ink >= BLANK_INK) {
                f.doubt(UNREAD_INK);
                summary.unread_ink += 1;
            }
            f.evidence.blank = None;
            let Some(words) = words else {
                summary.unavailable += usize::from(job.confirm);
                continue;
            };
            // A second reading of an identifier that says another one: doubtful, however
            // sure the first reading was.
            if job.check && disputes(&job.field, &f.normalized, &words, today) {
                summary.disputed += 1;
                f.doubt(DISPUTED);
                f.reread = Some(0.0);
            }
            if job.confirm {
                let ocr = agreement(&f.value, &words).unwrap_or(0.0);
                summary.reread += 1;
                f.reread = Some((ocr * 1000.0).round() / 1000.0);
                let before = f.confidence;
                f.confirm_ocr(ocr);
                if f.confidence > before {
                    summary.confirmed += 1;
                }
            }
            if job.initial {
                if let Some((value, normalized)) = initial_apart(&f.value, &f.normalized, &words) {
                    summary.initials_apart += 1;
                    // (The same letters: the reading agrees, at its own confidence.)
                    let ocr = agreement(&f.value, &words).unwrap_or(0.0);
                    f.reread.get_or_insert((ocr * 1000.0).round() / 1000.0);
                    f.value = value;
                    f.normalized = normalized;
                }
            }
        }
        summary
    }

    /// One page's fields, each with the words of its second reading, or `None` when the
    /// page or the region could not be had.
    fn read_page<'j>(&self, page: Option<&PageRow>, fields: &'j [Job]) -> Vec<Reading<'j>> {
        let unavailable = || {
            fields
                .iter()
                .map(|job| Reading {
                    job,
                    words: None,
                    ink: None,
                })
                .collect()
        };
        let Some(page) = page.filter(|p| p.status == "ok" && p.text_source == "ocr") else {
            return unavailable();
        };
        let img = match show::prepared_image(
            page,
            self.opts.root.as_deref(),
            self.opts.pdfium.as_deref(),
        ) {
            Ok(img) => img,
            Err(e) => {
                tracing::debug!(page = page.id, error = %e, "page not available for a second reading");
                return unavailable();
            }
        };
        self.with_engine(|engine| {
            fields
                .iter()
                .map(|job| {
                    let words = (job.confirm || job.initial || job.check)
                        .then(|| region(&img, job.bbox))
                        .flatten()
                        .and_then(|(crop, scale)| {
                            let pix = Pix::from_gray(&crop);
                            let dpi = (page.dpi as f64 * scale).round() as u32;
                            Some(engine.recognize(&pix, dpi).ok()?.words)
                        });
                    let measure = |b: Option<BBox>| b.and_then(|b| ink(&img, b));
                    let ink = job.blank.map(|b| (measure(b.doubted), measure(b.checked)));
                    Reading { job, words, ink }
                })
                .collect()
        })
        .unwrap_or_else(unavailable)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(text: &str, conf: f32) -> Word {
        Word {
            text: text.into(),
            conf,
            bbox: BBox::new(0, 0, 10, 10),
            block: 1,
            par: 1,
            line: 1,
        }
    }

    #[test]
    fn an_identifier_read_otherwise_is_disputed_a_noisy_reading_is_not() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        let ws = |t: &str| t.split(' ').map(|x| w(x, 90.0)).collect::<Vec<_>>();
        // "Hosp No. 0018-5079" read "9018-5079" on the page, 0018-5079 alone.
        assert!(disputes("mrn", "90185079", &ws("0018-5079"), today));
        assert!(!disputes("mrn", "00185079", &ws("0018-5079"), today));
        // Look-alikes repaired alike, marks at the ends: the same value.
        assert!(!disputes("mrn", "MR019223", &ws("MRO19223."), today));
        assert!(!disputes("mrn", "00185079", &ws("| 0018-5079 )"), today));
        assert!(disputes(
            "date_of_birth",
            "1988-11-27",
            &ws("11-27-1938."),
            today
        ));
        assert!(!disputes(
            "date_of_birth",
            "1963-03-24",
            &ws("93/24/1963"),
            today
        ));
        // A reading that makes no value is no evidence.
        assert!(!disputes(
            "date_of_birth",
            "1973-05-05",
            &ws("5fo1 L973"),
            today
        ));
        assert!(!disputes("mrn", "00185079", &ws("sre"), today));
        assert!(!disputes("provider", "Jane Doe", &ws("John Doe"), today));
    }

    #[test]
    fn a_box_with_only_its_rules_and_specks_is_blank() {
        // A 60 x 40 box: borders, a fill-in line, a two-pixel speck.
        let mut img = GrayImage::from_pixel(100, 60, image::Luma([255]));
        for x in 10..70 {
            for y in [10, 11, 49, 50, 42] {
                img.put_pixel(x, y, image::Luma([0]));
            }
        }
        for y in 10..51 {
            for x in [10, 11, 68, 69] {
                img.put_pixel(x, y, image::Luma([0]));
            }
        }
        img.put_pixel(30, 25, image::Luma([0]));
        img.put_pixel(31, 25, image::Luma([0]));
        let b = BBox::new(8, 8, 64, 45);
        let empty = ink(&img, b).unwrap();
        assert!(empty < BLANK_INK, "{empty}");
        // The thinnest initial, an I of the box's text height (28 px, 4 px wide).
        for y in 16..44 {
            for x in 36..40 {
                img.put_pixel(x, y, image::Luma([0]));
            }
        }
        let filled = ink(&img, b).unwrap();
        assert!(filled > 1.5 * BLANK_INK, "{filled}");
        // A long region's specks, spread out, are no letter however many; a letter in it
        // is.
        let mut long = GrayImage::from_pixel(1200, 60, image::Luma([255]));
        for x in (20..1180).step_by(25) {
            long.put_pixel(x, 20 + (x % 17), image::Luma([0]));
            long.put_pixel(x + 1, 20 + (x % 17), image::Luma([0]));
        }
        let b = BBox::new(0, 8, 1200, 45);
        let specks = ink(&long, b).unwrap();
        assert!(specks < BLANK_INK, "{specks}");
        for y in 16..44 {
            for x in 900..904 {
                long.put_pixel(x, y, image::Luma([0]));
            }
        }
        let letter = ink(&long, b).unwrap();
        assert!(letter > 1.5 * BLANK_INK, "{letter}");
        // A region off the page is no evidence either way.
        assert_eq!(ink(&img, BBox::new(200, 200, 10, 10)), None);
    }

    #[test]
    fn same_words_agree_at_the_second_readings_confidence() {
        let c = agreement(
            "DOE, JANE Q.",
            &[w("Doe,", 90.0), w("Jane", 96.0), w("Q", 84.0)],
        );
        // mean 90, min 84
        assert_eq!(c, Some(0.87));
    }

    #[test]
    fn edge_specks_are_ignored_but_inner_ones_differ() {
        assert!(agreement(
            "11/14/89",
            &[w("|", 40.0), w("11/14/89", 95.0), w("©", 10.0)]
        )
        .is_some());
        // "LUCIA | QUINTERO": the bar is the middle initial the first reading lost.
        assert_eq!(
            agreement(
                "LUCIA QUINTERO",
                &[w("LUCIA", 95.0), w("|", 88.0), w("QUINTERO", 96.0)]
            ),
            None
        );
    }

    #[test]
    fn spacing_and_punctuation_do_not_make_another_reading() {
        assert!(agreement(
            "Sep 151951",
            &[w("Sep", 95.0), w("15", 95.0), w("1951", 95.0)]
        )
        .is_some());
        assert!(agreement(
            "BLACKWOOD, _BARTHOLOMEW",
            &[w("BLACKWOOD,", 95.0), w("BARTHOLOMEW", 95.0)]
        )
        .is_some());
        // A hyphen or an apostrophe inside a word is part of it.
        assert_eq!(
            agreement(
                "Thaddeus H Almasri",
                &[w("Thaddeus", 95.0), w("H", 95.0), w("Al-Masri", 95.0)]
            ),
            None
        );
    }

    #[test]
    fn an_initial_the_second_reading_sets_apart() {
        let ws = |t: &str| t.split(' ').map(|x| w(x, 90.0)).collect::<Vec<_>>();
        assert_eq!(
            initial_apart("DELGADO, EMEKAF", "Emekaf Delgado", &ws("DELGADO, EMEKA F")),
            Some(("DELGADO, EMEKA F".into(), "Emeka F Delgado".into()))
        );
        // Hyphens stay; the initial's dot and the word's comma stay where they were.
        assert_eq!(
            initial_apart(
                "Ruiz-Ortega, Mei-LingM.",
                "Mei-Lingm Ruiz-Ortega",
                &ws("Ruiz-Ortega, Mei-Ling M.")
            )
            .map(|v| v.1),
            Some("Mei-Ling M Ruiz-Ortega".into())
        );
        assert_eq!(
            initial_apart(
                "ConradM. Ramanathan,",
                "Conradm Ramanathan",
                &ws("Conrad M. Ramanathan,")
            )
            .map(|v| v.0),
            Some("Conrad M. Ramanathan,".into())
        );
        // The same words, another reading of a letter, or two letters apart: nothing.
        assert_eq!(
            initial_apart("DELGADO, EMEKA", "Emeka Delgado", &ws("DELGADO, EMEKA")),
            None
        );
        assert_eq!(
            initial_apart("DELGADO, EMEKAF", "Emekaf Delgado", &ws("DELGADO, EMEKA E")),
            None
        );
        assert_eq!(
            initial_apart("SMITH, JOHNII", "Johnii Smith", &ws("SMITH, JOHN II")),
            None
        );
        // A single letter cannot be the word before it.
        assert_eq!(initial_apart("DOE, JQ", "Jq Doe", &ws("DOE, J Q")), None);
        // More words in the second reading than the split explains: another reading.
        assert_eq!(
            initial_apart("DOE, JANEQ", "Jane Doe", &ws("DOE, JANE Q X")),
            None
        );
    }

    #[test]
    fn a_different_reading_does_not_agree() {
        assert_eq!(
            agreement("Gedric Lowe", &[w("Cedric", 95.0), w("Lowe", 95.0)]),
            None
        );
        assert_eq!(
            agreement("0027 5151", &[w("©6027", 90.0), w("5151", 90.0)]),
            None
        );
        assert_eq!(agreement("", &[]), None);
        assert_eq!(agreement("M", &[]), None);
    }

    #[test]
    fn the_region_is_enlarged_to_a_readable_height_and_kept_inside_the_page() {
        let img = GrayImage::new(200, 100);
        let (crop, scale) = region(&img, BBox::new(190, 90, 20, 20)).unwrap();
        assert_eq!(scale, 2.0);
        // 190-7 .. 200 wide, 90-7 .. 100 high, doubled.
        assert_eq!((crop.width(), crop.height()), (34, 34));
        let (_, scale) = region(&img, BBox::new(10, 10, 50, 50)).unwrap();
        assert_eq!(scale, 1.0);
        assert!(region(&img, BBox::new(300, 300, 10, 10)).is_none());
    }
}
