//! A small safe owner of Leptonica `PIX` images, for the few operations chartscan needs from
//! Leptonica (skew search, rotation, CCITT G3 TIFF pages) and for handing pages to Tesseract
//! without re-encoding them. The `leptess` safe API does not expose these, so this module is
//! the one place with `unsafe` Leptonica calls.

use crate::model::BBox;
use image::GrayImage;
use leptess::capi;
use std::os::raw::c_int;

/// An owned 8-bit grayscale (or other depth) Leptonica image; destroyed on drop.
pub struct Pix(*mut capi::Pix);

// A PIX is plain heap memory with no thread affinity; we never share it between threads.
unsafe impl Send for Pix {}

impl Drop for Pix {
    fn drop(&mut self) {
        unsafe { capi::pixDestroy(&mut self.0) };
    }
}

/// Leptonica stores pixels in 32-bit words, most significant byte first; on little-endian
/// machines byte `i` of a row therefore lives at `i ^ 3` in memory.
#[inline]
fn byte_index(i: usize) -> usize {
    if cfg!(target_endian = "little") {
        i ^ 3
    } else {
        i
    }
}

impl Pix {
    fn from_raw(p: *mut capi::Pix) -> Option<Pix> {
        if p.is_null() {
            None
        } else {
            Some(Pix(p))
        }
    }

    pub fn as_ptr(&self) -> *mut capi::Pix {
        self.0
    }

    /// Copies an 8-bit gray image into a new PIX.
    pub fn from_gray(img: &GrayImage) -> Pix {
        let (w, h) = img.dimensions();
        unsafe {
            let p = capi::pixCreate(w as c_int, h as c_int, 8);
            assert!(!p.is_null(), "pixCreate failed for {w}x{h}");
            let wpl = capi::pixGetWpl(p) as usize;
            let data = capi::pixGetData(p) as *mut u8;
            let raw = img.as_raw();
            for y in 0..h as usize {
                let row = data.add(y * wpl * 4);
                let src = &raw[y * w as usize..(y + 1) * w as usize];
                for (x, v) in src.iter().enumerate() {
                    *row.add(byte_index(x)) = *v;
                }
            }
            Pix(p)
        }
    }

    pub fn width(&self) -> u32 {
        unsafe { (*self.0).w }
    }
    pub fn height(&self) -> u32 {
        unsafe { (*self.0).h }
    }
    pub fn depth(&self) -> u32 {
        unsafe { (*self.0).d }
    }

    /// Converts any depth to an 8-bit gray image (colormaps removed, 1-bit expanded with
    /// 0 = white as Leptonica defines it).
    pub fn to_gray(&self) -> Option<GrayImage> {
        unsafe {
            let p8 = Pix::from_raw(capi::pixConvertTo8(self.0, 0))?;
            let (w, h) = (p8.width() as usize, p8.height() as usize);
            let wpl = capi::pixGetWpl(p8.0) as usize;
            let data = capi::pixGetData(p8.0) as *const u8;
            let mut out = vec![0u8; w * h];
            for y in 0..h {
                let row = data.add(y * wpl * 4);
                for x in 0..w {
                    out[y * w + x] = *row.add(byte_index(x));
                }
            }
            GrayImage::from_raw(w as u32, h as u32, out)
        }
    }

    /// Reads page `index` (0-based) of a TIFF held in memory. Leptonica reads CCITT G3,
    /// which the pure-Rust decoder does not.
    pub fn read_tiff_page(data: &[u8], index: usize) -> Option<Pix> {
        let mut offset: usize = 0;
        for i in 0..=index {
            let p = unsafe {
                capi::pixReadMemFromMultipageTiff(data.as_ptr(), data.len(), &mut offset)
            };
            let pix = Pix::from_raw(p)?;
            if i == index {
                return Some(pix);
            }
            if offset == 0 {
                return None;
            }
        }
        None
    }

    /// Measures the skew of the text lines, in degrees, with Leptonica's sweep-and-search on a
    /// binarised copy. Returns `None` when there is too little structure to tell.
    pub fn find_skew(&self) -> Option<f32> {
        unsafe {
            let bin = Pix::from_raw(capi::pixConvertTo1(self.0, 160))?;
            let mut angle: f32 = 0.0;
            let mut conf: f32 = 0.0;
            let r = capi::pixFindSkew(bin.0, &mut angle, &mut conf);
            // Leptonica reports conf < ~3 when the result is unreliable.
            if r != 0 || conf < 3.0 {
                None
            } else {
                Some(angle)
            }
        }
    }

    /// Sizes (width, height) of the 8-connected ink components of a copy binarised at 160:
    /// the raw material for measuring how tall the page's letters stand.
    pub fn component_sizes(&self) -> Option<Vec<(u32, u32)>> {
        unsafe {
            let bin = Pix::from_raw(capi::pixConvertTo1(self.0, 160))?;
            let mut boxa = capi::pixConnCompBB(bin.0, 8);
            if boxa.is_null() {
                return None;
            }
            let n = capi::boxaGetCount(boxa).max(0);
            let mut sizes = Vec::with_capacity(n as usize);
            for i in 0..n {
                let (mut x, mut y, mut w, mut h) = (0, 0, 0, 0);
                if capi::boxaGetBoxGeometry(boxa, i, &mut x, &mut y, &mut w, &mut h) == 0 {
                    sizes.push((w.max(0) as u32, h.max(0) as u32));
                }
            }
            capi::boxaDestroy(&mut boxa);
            Some(sizes)
        }
    }

    /// Square outlines drawn on the page (form check boxes), with sides between `min_side` and
    /// `max_side` pixels: each as its box and the share of inked pixels inside it (0 for an
    /// empty box, more for a ticked or filled one). A component counts as an outline when
    /// ink covers nearly every position along each of its four sides, which letters (even
    /// round ones such as O and D) never do.
    pub fn square_outlines(&self, min_side: u32, max_side: u32) -> Option<Vec<(BBox, f32)>> {
        unsafe {
            let bin = Pix::from_raw(capi::pixConvertTo1(self.0, 160))?;
            let mut boxa = capi::pixConnCompBB(bin.0, 8);
            if boxa.is_null() {
                return None;
            }
            let (pw, ph) = (bin.width() as i32, bin.height() as i32);
            let wpl = capi::pixGetWpl(bin.0) as usize;
            let data = capi::pixGetData(bin.0) as *const u32;
            let ink = |x: i32, y: i32| -> bool {
                if x < 0 || y < 0 || x >= pw || y >= ph {
                    return false;
                }
                let word = *data.add(y as usize * wpl + x as usize / 32);
                (word >> (31 - (x as u32 % 32))) & 1 == 1
            };
            let n = capi::boxaGetCount(boxa).max(0);
            let mut out = Vec::new();
            for i in 0..n {
                let (mut x, mut y, mut w, mut h) = (0, 0, 0, 0);
                if capi::boxaGetBoxGeometry(boxa, i, &mut x, &mut y, &mut w, &mut h) != 0 {
                    continue;
                }
                let side = w.max(h);
                if side < min_side as i32 || side > max_side as i32 || (w - h).abs() * 5 > side {
                    continue;
                }
                // Along each side, the share of positions with ink in the outer band.
                let band = (side / 10).max(2);
                let covered = |horizontal: bool, from_start: bool| -> f32 {
                    let (len, hit) = if horizontal { (w, 0) } else { (h, 0) };
                    let mut hits = hit;
                    for t in 0..len {
                        let any = (0..band).any(|b| {
                            if horizontal {
                                let yy = if from_start { y + b } else { y + h - 1 - b };
                                ink(x + t, yy)
                            } else {
                                let xx = if from_start { x + b } else { x + w - 1 - b };
                                ink(xx, y + t)
                            }
                        });
                        hits += i32::from(any);
                    }
                    hits as f32 / len.max(1) as f32
                };
                let sides = [
                    covered(true, true),
                    covered(true, false),
                    covered(false, true),
                    covered(false, false),
                ];
                if sides.iter().any(|&c| c < 0.9) {
                    continue;
                }
                // Ink inside, away from the outline.
                let inset = (side / 5).max(band + 1);
                let (ix0, iy0, ix1, iy1) = (x + inset, y + inset, x + w - inset, y + h - inset);
                if ix1 <= ix0 || iy1 <= iy0 {
                    continue;
                }
                let mut inked = 0u32;
                for yy in iy0..iy1 {
                    for xx in ix0..ix1 {
                        inked += u32::from(ink(xx, yy));
                    }
                }
                let area = ((ix1 - ix0) * (iy1 - iy0)) as f32;
                out.push((
                    BBox::new(x as u32, y as u32, w as u32, h as u32),
                    inked as f32 / area,
                ));
            }
            capi::boxaDestroy(&mut boxa);
            Some(out)
        }
    }

    /// Rotates by `degrees` (positive = clockwise on screen), filling with white, keeping size.
    pub fn rotate(&self, degrees: f32) -> Option<Pix> {
        let radians = degrees.to_radians();
        unsafe {
            Pix::from_raw(capi::pixRotate(
                self.0,
                radians,
                capi::L_ROTATE_AREA_MAP as c_int,
                capi::L_BRING_IN_WHITE as c_int,
                0,
                0,
            ))
        }
    }

    /// Rotates by a number of clockwise quarter turns (0–3).
    pub fn rotate_orth(&self, quads: u32) -> Option<Pix> {
        unsafe { Pix::from_raw(capi::pixRotateOrth(self.0, (quads % 4) as c_int)) }
    }

    /// Scales by `factor` with smoothing suited to the direction (area-map down, linear up).
    pub fn scale(&self, factor: f32) -> Option<Pix> {
        unsafe { Pix::from_raw(capi::pixScale(self.0, factor, factor)) }
    }

    pub fn set_resolution(&self, dpi: u32) {
        unsafe {
            capi::pixSetResolution(self.0, dpi as c_int, dpi as c_int);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gray_round_trip_keeps_every_pixel() {
        let img = GrayImage::from_fn(37, 11, |x, y| image::Luma([((x * 7 + y * 13) % 256) as u8]));
        let back = Pix::from_gray(&img).to_gray().unwrap();
        assert_eq!(img, back);
    }

    #[test]
    fn orth_rotation_swaps_dimensions() {
        let img = GrayImage::from_pixel(40, 10, image::Luma([200]));
        let r = Pix::from_gray(&img).rotate_orth(1).unwrap();
        assert_eq!((r.width(), r.height()), (10, 40));
    }
}
