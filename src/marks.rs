//! Form check boxes, found in a page's pixels. OCR reads a drawn box as a stray letter
//! ("☐ F ☒ M" comes out as "LIF &IM"), so which option of a choice list is ticked cannot be
//! told from the text; the pixels tell it. Part of the OCR stage: page image and words in,
//! marks out, in the frame of the words' boxes.

use crate::lepto::Pix;
use crate::model::{Mark, Word};

/// Inked share of a box's inside above which it counts as ticked (an empty box scanned
/// with noise stays well under it; a thin X or tick is above it).
const CHECKED_INK: f32 = 0.06;

/// The check boxes of a page: square outlines about as tall as its words (a third to twice
/// the median word height), ticked when ink sits inside.
pub fn find(pix: &Pix, words: &[Word]) -> Vec<Mark> {
    let mut hs: Vec<u32> = words
        .iter()
        .filter(|w| w.text.chars().any(char::is_alphanumeric))
        .map(|w| w.bbox.h)
        .collect();
    if hs.len() < 5 {
        return Vec::new();
    }
    let mid = hs.len() / 2;
    let h = *hs.select_nth_unstable(mid).1;
    let (min, max) = ((h / 2).max(8), (2 * h).max(16));
    pix.square_outlines(min, max)
        .unwrap_or_default()
        .into_iter()
        .map(|(bbox, ink)| Mark {
            bbox,
            checked: ink > CHECKED_INK,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::BBox;
    use image::{GrayImage, Luma};

    fn word(x: u32, y: u32, text: &str) -> Word {
        Word {
            text: text.into(),
            conf: 90.0,
            bbox: BBox::new(x, y, 20 * text.len() as u32, 30),
            block: 1,
            par: 1,
            line: 1,
        }
    }

    /// A white page with a 30 px box at `x` (2 px outline), crossed when `ticked`, and a
    /// round letter-like ring beside it.
    fn page(boxes: &[(u32, bool)]) -> GrayImage {
        let mut img = GrayImage::from_pixel(600, 200, Luma([255]));
        for &(x0, ticked) in boxes {
            let (y0, s) = (80u32, 30u32);
            for t in 0..s {
                for b in 0..2 {
                    img.put_pixel(x0 + t, y0 + b, Luma([0]));
                    img.put_pixel(x0 + t, y0 + s - 1 - b, Luma([0]));
                    img.put_pixel(x0 + b, y0 + t, Luma([0]));
                    img.put_pixel(x0 + s - 1 - b, y0 + t, Luma([0]));
                }
                if ticked && (4..s - 4).contains(&t) {
                    for d in 0..2 {
                        img.put_pixel(x0 + t + d, y0 + t, Luma([0]));
                        img.put_pixel(x0 + s - 1 - t - d, y0 + t, Luma([0]));
                    }
                }
            }
        }
        // An "O": a ring, as square as a box but open along its sides' ends.
        for a in 0..360 {
            let r = (a as f32).to_radians();
            for k in 0..3 {
                let rr = 13.0 - k as f32;
                let (x, y) = (520.0 + rr * r.cos(), 95.0 + rr * r.sin());
                img.put_pixel(x as u32, y as u32, Luma([0]));
            }
        }
        img
    }

    #[test]
    fn finds_empty_and_ticked_boxes_and_not_letters() {
        let img = page(&[(100, false), (250, true), (400, false)]);
        let words: Vec<Word> = (0..6).map(|i| word(40 + 90 * i, 80, "Ab")).collect();
        let mut marks = find(&Pix::from_gray(&img), &words);
        marks.sort_by_key(|m| m.bbox.x);
        let got: Vec<(u32, bool)> = marks.iter().map(|m| (m.bbox.x, m.checked)).collect();
        assert_eq!(got, vec![(100, false), (250, true), (400, false)]);
        assert_eq!(marks[0].bbox, BBox::new(100, 80, 30, 30));
    }

    #[test]
    fn boxes_far_from_word_size_are_not_check_boxes() {
        let img = page(&[(100, true)]);
        // Words ten times taller than the box: the box is a speck beside them.
        let words: Vec<Word> = (0..6)
            .map(|i| Word {
                bbox: BBox::new(40 + 90 * i, 0, 60, 300),
                ..word(0, 0, "Ab")
            })
            .collect();
        assert!(find(&Pix::from_gray(&img), &words).is_empty());
    }
}
