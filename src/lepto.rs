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
            let data = capi::pixGetData(p);
            if w > 0 {
                // Four pixels make one of Leptonica's 32-bit words, the first the most
                // significant byte: a word at a time, not a byte at a time through
                // `byte_index`, which cost four times as many instructions.
                let rows = img.as_raw().chunks_exact(w as usize);
                for (y, src) in rows.enumerate() {
                    let dst = std::slice::from_raw_parts_mut(data.add(y * wpl), wpl);
                    let quads = src.chunks_exact(4);
                    let rest = quads.remainder();
                    let whole = src.len() / 4;
                    for (d, q) in dst[..whole].iter_mut().zip(quads) {
                        *d = u32::from_be_bytes([q[0], q[1], q[2], q[3]]);
                    }
                    if !rest.is_empty() {
                        let mut last = [0u8; 4];
                        last[..rest.len()].copy_from_slice(rest);
                        dst[whole] = u32::from_be_bytes(last);
                    }
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

    /// Rotates by `degrees` (positive = clockwise on screen) about the centre, filling with
    /// white, keeping size: Leptonica's area-map rotation (`pixRotate` with
    /// `L_ROTATE_AREA_MAP`), pixel for pixel.
    ///
    /// For 8-bit gray pages without a colour map (every page chartscan prepares) the same
    /// arithmetic runs in `rotate_am_gray` instead of in Leptonica, about 30 % fewer
    /// instructions (Leptonica's took 600 million on a 300-dpi letter page, 7 % of the page's
    /// whole ingest, on the 61 % of pages deskew turns). Cheaper methods were rejected:
    /// shearing (`L_ROTATE_SHEAR`) lowered Tesseract's confidence on every deskewed page of a
    /// blind set and lost a tenth of its patient names.
    pub fn rotate(&self, degrees: f32) -> Option<Pix> {
        let radians = degrees.to_radians();
        let plain_gray = self.depth() == 8 && unsafe { capi::pixGetColormap(self.0) }.is_null();
        // (A non-finite angle, never measured but possible in a damaged database that `show`
        // replays, is left to Leptonica: the fast path's float-to-int casts assume finite.)
        if plain_gray && radians.is_finite() && radians.abs() >= MIN_ANGLE_TO_ROTATE {
            return self.rotate_am_gray(radians);
        }
        self.rotate_leptonica(radians)
    }

    /// Leptonica's own area-map rotation by `radians`, bringing in white.
    fn rotate_leptonica(&self, radians: f32) -> Option<Pix> {
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

    /// Leptonica's `rotateAMGrayLow` (rotateam.c) for an 8-bit image, bringing in white,
    /// with the same arithmetic so the result is the same to the last pixel: source positions
    /// in 1/16 pixel from `f32` products truncated toward zero, `sin`/`cos` taken in `f64` and
    /// narrowed once, four neighbours weighted by their overlap. Faster by (a) computing each
    /// column's and each row's products once instead of per pixel (the same `f32` values, as
    /// every product depends on the row or the column alone), (b) copying the source pixel
    /// when its four neighbours are equal (paper and solid ink), which the weights, summing
    /// to 256, give exactly, and (c) no per-pixel bounds checks beyond Leptonica's own.
    /// Measured with callgrind on a 300-dpi letter page: 424 million instructions against
    /// Leptonica's 602 million.
    fn rotate_am_gray(&self, radians: f32) -> Option<Pix> {
        let (w, h) = (self.width() as i32, self.height() as i32);
        if w < 2 || h < 2 {
            return self.rotate_leptonica(radians);
        }
        unsafe {
            let out = Pix::from_raw(capi::pixCreateTemplate(self.0))?;
            let (wpls, wpld) = (
                capi::pixGetWpl(self.0) as usize,
                capi::pixGetWpl(out.0) as usize,
            );
            let src = capi::pixGetData(self.0) as *const u8;
            let dst = capi::pixGetData(out.0) as *mut u8;
            let (xcen, ycen, wm2, hm2) = (w / 2, h / 2, w - 2, h - 2);
            let sina = (16.0 * f64::from(radians).sin()) as f32;
            let cosa = (16.0 * f64::from(radians).cos()) as f32;
            // xpm = -xdif * cosa - ydif * sina, ypm = -ydif * cosa + xdif * sina.
            let col_x: Vec<f32> = (0..w).map(|j| -((xcen - j) as f32) * cosa).collect();
            let col_y: Vec<f32> = (0..w).map(|j| ((xcen - j) as f32) * sina).collect();
            let stride = wpls * 4;
            for i in 0..h {
                let ydif = ycen - i;
                let row_x = (ydif as f32) * sina;
                let row_y = -(ydif as f32) * cosa;
                let line = dst.add(i as usize * wpld * 4);
                for (j, (cx, cy)) in col_x.iter().zip(&col_y).enumerate() {
                    // Finite and far inside i32 (a few times the page size in 1/16 pixel):
                    // truncation toward zero, as C's cast does.
                    let xpm: i32 = (cx - row_x).to_int_unchecked();
                    let ypm: i32 = (row_y + cy).to_int_unchecked();
                    let (xp, yp) = (xcen + (xpm >> 4), ycen + (ypm >> 4));
                    let v = if xp < 0 || yp < 0 || xp > wm2 || yp > hm2 {
                        255
                    } else {
                        // In bounds: xp + 1 < w and yp + 1 < h were just checked.
                        let top = src.add(yp as usize * stride);
                        let (x0, x1) = (byte_index(xp as usize), byte_index(xp as usize + 1));
                        let (a, b) = (*top.add(x0), *top.add(x1));
                        let (c, d) = (*top.add(stride + x0), *top.add(stride + x1));
                        if a == b && a == c && a == d {
                            a
                        } else {
                            let (xf, yf) = (xpm & 0x0f, ypm & 0x0f);
                            let v00 = (16 - xf) * (16 - yf) * i32::from(a);
                            let v10 = xf * (16 - yf) * i32::from(b);
                            let v01 = (16 - xf) * yf * i32::from(c);
                            let v11 = xf * yf * i32::from(d);
                            ((v00 + v01 + v10 + v11 + 128) / 256) as u8
                        }
                    };
                    *line.add(byte_index(j)) = v;
                }
            }
            Some(out)
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

/// Leptonica's `MIN_ANGLE_TO_ROTATE` (radians): `pixRotate` returns smaller rotations
/// unchanged.
const MIN_ANGLE_TO_ROTATE: f32 = 0.001;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gray_round_trip_keeps_every_pixel() {
        let img = GrayImage::from_fn(37, 11, |x, y| image::Luma([((x * 7 + y * 13) % 256) as u8]));
        let back = Pix::from_gray(&img).to_gray().unwrap();
        assert_eq!(img, back);
    }

    /// The gray values of a PIX, row by row.
    fn pixels(pix: &Pix) -> Vec<u8> {
        pix.to_gray().unwrap().into_raw()
    }

    #[test]
    fn gray_rotation_is_leptonicas_area_map_pixel_for_pixel() {
        // Text-like strokes, gradients and noise; odd and even sizes (the centre rounds).
        for (w, h) in [(601u32, 457u32), (640, 480)] {
            let img = GrayImage::from_fn(w, h, |x, y| {
                let stroke = (x / 7 + y / 11) % 5 == 0 || (x * 3 + y) % 97 < 4;
                let v = if stroke {
                    20
                } else {
                    255 - ((x * 13 + y * 7) % 41) as u8
                };
                image::Luma([if (x * 31 + y * 17) % 53 == 0 { 128 } else { v }])
            });
            let pix = Pix::from_gray(&img);
            for degrees in [0.1f32, -0.35, 1.0, -1.84, 2.64, -3.3, 7.5, -10.0, 33.0] {
                let ours = pix.rotate(degrees).unwrap();
                let theirs = pix.rotate_leptonica(degrees.to_radians()).unwrap();
                assert_eq!((ours.width(), ours.height()), (w, h));
                let (a, b) = (pixels(&ours), pixels(&theirs));
                let differ = a.iter().zip(&b).filter(|(p, q)| p != q).count();
                assert_eq!(differ, 0, "{w}x{h} at {degrees}°: {differ} pixels differ");
            }
        }
        // Below Leptonica's smallest rotation the page is unchanged, as Leptonica leaves it.
        let img = GrayImage::from_fn(50, 40, |x, y| image::Luma([((x * y) % 256) as u8]));
        assert_eq!(
            pixels(&Pix::from_gray(&img).rotate(0.03).unwrap()),
            img.into_raw()
        );
    }

    #[test]
    fn orth_rotation_swaps_dimensions() {
        let img = GrayImage::from_pixel(40, 10, image::Luma([200]));
        let r = Pix::from_gray(&img).rotate_orth(1).unwrap();
        assert_eq!((r.width(), r.height()), (10, 40));
    }
}
