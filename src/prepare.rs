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

/// The factor to resample a page by so text reaches the size Tesseract reads best
/// (about 300 dpi); low-resolution scans are enlarged, nothing is shrunk.
pub fn scale_for(dpi: f32) -> f32 {
    if dpi > 0.0 && dpi < 230.0 {
        (300.0 / dpi).min(3.0)
    } else {
        1.0
    }
}

/// Applies `p` to a decoded page: quarter turns, then deskew, then resampling.
pub fn apply(img: &GrayImage, p: &Preparation) -> Option<Pix> {
    let mut pix = Pix::from_gray(img);
    if !p.rotation.is_multiple_of(360) {
        pix = pix.rotate_orth(p.rotation / 90)?;
    }
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
    fn low_resolution_is_enlarged_only() {
        assert_eq!(scale_for(300.0), 1.0);
        assert_eq!(scale_for(600.0), 1.0);
        assert!((scale_for(150.0) - 2.0).abs() < 1e-6);
        assert_eq!(scale_for(50.0), 3.0);
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
