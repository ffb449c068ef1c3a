//! prepare: make a decoded page ready for OCR — blank test, deskew, orientation, resolution.
//!
//! A `Preparation` records exactly what was done, so that `chartscan show` can redo it and hand
//! a reviewer the very image whose pixel coordinates the word boxes refer to, without the
//! database having to keep page images.

use crate::lepto::Pix;
use crate::model::Preparation;
use image::GrayImage;

/// Tiles of this many pixels square are the unit of the blank-page test.
const TILE: u32 = 8;
/// A tile counts as inked when at least this many of its pixels are dark: isolated specks of
/// scanner noise do not reach it, any stroke of text does.
const INKED_PIXELS: u32 = 6;

/// Tells whether a page carries no content worth reading.
///
/// The page is cut into 8x8 tiles (ignoring a 3 % margin where scanner borders and punch
/// holes live) and a tile counts when it holds several dark pixels; the page is blank when
/// fewer than `max_inked_share` of tiles count. Noise specks spread thinly and do not make
/// tiles count; a line of text makes dozens.
pub fn is_blank(img: &GrayImage, max_inked_share: f64) -> bool {
    let (w, h) = img.dimensions();
    let (mx, my) = (w * 3 / 100, h * 3 / 100);
    let (x0, x1, y0, y1) = (mx, w.saturating_sub(mx), my, h.saturating_sub(my));
    if x1 <= x0 + TILE || y1 <= y0 + TILE {
        return true;
    }
    let raw = img.as_raw();
    let cols = ((x1 - x0) / TILE) as usize;
    let rows = ((y1 - y0) / TILE) as usize;
    let mut inked = 0usize;
    let mut counts = vec![0u32; cols];
    for ty in 0..rows {
        counts.iter_mut().for_each(|c| *c = 0);
        for dy in 0..TILE {
            let y = y0 + ty as u32 * TILE + dy;
            let row = &raw[(y * w) as usize..(y * w + w) as usize];
            for (tx, c) in counts.iter_mut().enumerate() {
                let start = (x0 + tx as u32 * TILE) as usize;
                *c += row[start..start + TILE as usize]
                    .iter()
                    .filter(|v| **v < 128)
                    .count() as u32;
            }
        }
        inked += counts.iter().filter(|c| **c >= INKED_PIXELS).count();
    }
    (inked as f64) < max_inked_share * (rows * cols) as f64
}

/// Scans below this resolution whose letters cannot be measured (too few of them) are brought
/// to about 300 dpi, the resolution Tesseract is tuned for.
pub const LOW_DPI: f32 = 250.0;

/// Letters (the median ink component: x-height and capitals mixed) smaller than this are
/// enlarged to it: Tesseract's LSTM reads 16 px letters as well as larger ones, and below
/// that accuracy falls off. They are measured on every page, whatever its stated resolution
/// (the UNLV 8071_093 magazine spread, a 300-dpi scan, measures 11 px and is enlarged 1.45x).
///
/// Large letters are not shrunk. Shrinking them to 20 px (a 300-dpi chart in 11-pt type
/// measures about 28 px) cut Tesseract's page-layout work by a third, but its line
/// recogniser, most of the time, does not depend on resolution: a whole ingest took 1 % less
/// CPU (`scripts/bench-ingest 20 2`, 205 pages), and on the fresh blind evaluation set it lost
/// a birth date, an MRN and a tenth of the linkage recall. Shrinking to 16 px saved more but
/// lost MRN characters on the bundled sample.
pub const MIN_TEXT_PX: f32 = 16.0;

/// Resampling by less than this is not worth its cost or its blur.
const MIN_CHANGE: f32 = 0.15;

/// The factor to enlarge a page by so its letters reach `MIN_TEXT_PX`. With a measured text
/// height (`text_px`) that decides (up to 3x); without one (too few letters to measure),
/// low-resolution scans are brought to about 300 dpi and others left alone. Nothing is shrunk.
pub fn scale_for(dpi: f32, text_px: Option<f32>) -> f32 {
    let scale = match text_px {
        Some(px) if px > 0.0 => MIN_TEXT_PX / px,
        _ if dpi > 0.0 && dpi < LOW_DPI => 300.0 / dpi,
        _ => 1.0,
    };
    if scale < 1.0 + MIN_CHANGE {
        1.0
    } else {
        scale.min(3.0)
    }
}

/// Tells whether a page is clearly wider than tall (a letter page on its side is 1.29:1).
pub fn is_landscape(width: u32, height: u32) -> bool {
    u64::from(width) * 10 > u64::from(height) * 12
}

/// The median height in pixels of the page's letter-sized ink components, or `None` when there
/// are too few to tell. Specks (under 5 px), rules and boxes (wider than three heights or
/// taller than a twentieth of the page) are left out, so what remains is letters and digits.
pub fn text_height(pix: &Pix) -> Option<f32> {
    let page_h = pix.width().min(pix.height());
    let mut heights: Vec<u32> = pix
        .component_sizes()?
        .into_iter()
        .filter(|&(w, h)| h >= 5 && h * 20 <= page_h && w <= 3 * h)
        .map(|(_, h)| h)
        .collect();
    if heights.len() < 40 {
        return None;
    }
    let mid = heights.len() / 2;
    Some(*heights.select_nth_unstable(mid).1 as f32)
}

/// Applies `p` to a decoded page: quarter turns, then deskew, then resampling.
pub fn apply(img: &GrayImage, p: &Preparation) -> Option<Pix> {
    let mut pix = Pix::from_gray(img);
    if !p.rotation.is_multiple_of(360) {
        pix = pix.rotate_orth(p.rotation / 90)?;
    }
    straighten(pix, p)
}

/// The rest of `apply` for a page already given its quarter turns: deskew, then resampling.
/// Rotating first, at the scan's own resolution, matters: a 2-column page shrunk and then
/// rotated lost its column structure in Tesseract's layout analysis (`ocrmypdf_skew.pdf`:
/// CER 19 % against 1 % rotated first), though rotation and scaling commute geometrically.
pub fn straighten(mut pix: Pix, p: &Preparation) -> Option<Pix> {
    if p.skew.abs() >= 0.05 {
        pix = pix.rotate(p.skew)?;
    }
    if (p.scale - 1.0).abs() > 1e-3 {
        pix = pix.scale(p.scale)?;
    }
    Some(pix)
}

/// Tells whether a reading came from a page lying on its side: most of its longer words have
/// boxes taller than wide (upright text is never set that way on a chart).
pub fn looks_sideways(words: &[crate::model::Word]) -> bool {
    let long: Vec<_> = words
        .iter()
        .filter(|w| w.text.chars().filter(|c| c.is_alphanumeric()).count() >= 4)
        .collect();
    let tall = long.iter().filter(|w| w.bbox.h > w.bbox.w).count();
    long.len() >= 5 && tall * 2 > long.len()
}

/// Measures the correction for skew (degrees, clockwise-positive as `Pix::rotate` takes it)
/// on a page already turned upright. Tiny angles are ignored: rotating costs sharpness.
pub fn measure_deskew(pix: &Pix) -> f32 {
    match pix.find_skew() {
        // Leptonica's angle is the skew; rotating by it (its sign convention) straightens.
        Some(a) if a.abs() >= 0.1 && a.abs() <= 10.0 => a,
        _ => 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_and_speckled_pages_are_blank_text_is_not() {
        let white = GrayImage::from_pixel(800, 1000, image::Luma([250]));
        assert!(is_blank(&white, 0.0002));
        let mut specks = white.clone();
        for i in 0..2000u32 {
            let (x, y) = ((i * 7919) % 800, (i * 104729) % 1000);
            specks.put_pixel(x, y, image::Luma([0]));
        }
        assert!(is_blank(&specks, 0.0002));
        let mut text = white.clone();
        for line in 0..10u32 {
            for x in 100..700u32 {
                for y in 0..20u32 {
                    if (x / 6) % 2 == 0 {
                        text.put_pixel(x, 150 + line * 60 + y, image::Luma([10]));
                    }
                }
            }
        }
        assert!(!is_blank(&text, 0.0002));
    }

    #[test]
    fn tall_word_boxes_mean_a_sideways_page() {
        let word = |w: u32, h: u32| crate::model::Word {
            text: "Patient".into(),
            conf: 90.0,
            bbox: crate::model::BBox::new(0, 0, w, h),
            block: 1,
            par: 1,
            line: 1,
        };
        assert!(looks_sideways(&vec![word(30, 160); 8]));
        assert!(!looks_sideways(&vec![word(160, 30); 8]));
        assert!(
            !looks_sideways(&vec![word(30, 160); 3]),
            "too few words to tell"
        );
    }

    #[test]
    fn small_letters_are_enlarged_at_any_resolution() {
        // Measured letters decide, whatever the resolution says.
        assert_eq!(scale_for(200.0, Some(18.0)), 1.0, "within 15 %");
        assert_eq!(
            scale_for(200.0, Some(15.0)),
            1.0,
            "under 15 % is not worth it"
        );
        assert!((scale_for(150.0, Some(8.0)) - 2.0).abs() < 1e-6);
        assert_eq!(scale_for(50.0, Some(3.0)), 3.0);
        assert!(
            (scale_for(300.0, Some(10.0)) - 1.6).abs() < 1e-6,
            "small print"
        );
        // Large letters are left alone.
        assert_eq!(scale_for(300.0, Some(28.0)), 1.0);
        assert_eq!(scale_for(600.0, Some(60.0)), 1.0);
        // Without a measurement, resolution decides.
        assert_eq!(scale_for(300.0, None), 1.0);
        assert_eq!(scale_for(600.0, None), 1.0);
        assert!((scale_for(150.0, None) - 2.0).abs() < 1e-6);
        assert_eq!(scale_for(50.0, None), 3.0);
    }

    #[test]
    fn letter_height_is_the_median_of_letter_sized_ink() {
        let mut img = GrayImage::from_pixel(1000, 1300, image::Luma([255]));
        // 60 "letters" 12 px wide and 20 px tall, a long rule, and specks.
        for i in 0..60u32 {
            let (x0, y0) = (50 + (i % 20) * 40, 100 + (i / 20) * 60);
            for y in y0..y0 + 20 {
                for x in x0..x0 + 12 {
                    img.put_pixel(x, y, image::Luma([0]));
                }
            }
        }
        for x in 50..950 {
            img.put_pixel(x, 600, image::Luma([0]));
        }
        for i in 0..200u32 {
            img.put_pixel(20 + (i * 37) % 960, 700 + (i * 53) % 500, image::Luma([0]));
        }
        assert_eq!(text_height(&Pix::from_gray(&img)), Some(20.0));
        let few = GrayImage::from_pixel(1000, 1300, image::Luma([255]));
        assert_eq!(text_height(&Pix::from_gray(&few)), None);
    }

    #[test]
    fn landscape_means_clearly_wider() {
        assert!(is_landscape(3300, 2550));
        assert!(!is_landscape(2550, 3300));
        assert!(!is_landscape(1000, 900));
    }

    #[test]
    fn apply_redoes_rotation_and_scale() {
        let img = GrayImage::from_pixel(100, 50, image::Luma([255]));
        let p = Preparation {
            rotation: 90,
            skew: 0.0,
            scale: 2.0,
        };
        let pix = apply(&img, &p).unwrap();
        assert_eq!((pix.width(), pix.height()), (100, 200));
    }
}
