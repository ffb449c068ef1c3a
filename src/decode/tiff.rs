//! TIFF, single or multi-page: the pure-Rust `tiff` crate for everything it reads
//! (uncompressed, LZW, PackBits, Deflate, CCITT G4, JPEG), Leptonica for CCITT G3 fax pages,
//! which the crate does not decode. The page chain is walked once up front so that a looping
//! or truncated chain is reported as a corrupt file instead of spinning forever.

use super::{
    check_size, normalize_polarity, sane_dpi, DecodeOptions, DecodedPage, PageContent, PageReader,
};
use crate::error::DecodeError;
use crate::lepto::Pix;
use image::GrayImage;
use std::collections::HashSet;
use std::io::Cursor;
use std::path::Path;
use std::sync::Arc;
use tiff::decoder::{Decoder, DecodingResult, Limits};
use tiff::tags::Tag;
use tiff::ColorType;

/// Hard cap on pages per file: far beyond any chart, small enough to stop runaway chains.
const MAX_PAGES: u32 = 10_000;

/// The file's bytes, shared (not copied) between the page-chain walk and the decoder.
type Bytes = Arc<[u8]>;

pub struct TiffReader {
    data: Bytes,
    pages: u32,
    opts: DecodeOptions,
    decoder: Decoder<Cursor<Bytes>>,
    /// Index of the page the decoder is positioned on.
    at: u32,
}

fn corrupt(e: impl ToString) -> DecodeError {
    DecodeError::corrupt("tiff", e)
}

fn limits(opts: &DecodeOptions) -> Limits {
    let mut l = Limits::default();
    // Room for the largest allowed page at 16-bit RGBA.
    l.decoding_buffer_size = (opts.max_megapixels * 1e6 * 8.0) as usize;
    l
}

impl TiffReader {
    pub fn open(path: &Path, opts: &DecodeOptions) -> Result<Self, DecodeError> {
        let data: Bytes = std::fs::read(path)?.into();
        let mut dec = Decoder::new(Cursor::new(data.clone()))
            .map_err(corrupt)?
            .with_limits(limits(opts));
        let mut seen = HashSet::new();
        let mut pages = 1u32;
        if let Some(p) = dec.ifd_pointer() {
            seen.insert(p.0);
        }
        while dec.more_images() {
            dec.next_image()
                .map_err(|e| corrupt(format!("page {}: {e}", pages + 1)))?;
            if let Some(p) = dec.ifd_pointer() {
                if !seen.insert(p.0) {
                    return Err(corrupt(format!(
                        "page chain loops back after page {pages} (IFD offset {} repeats)",
                        p.0
                    )));
                }
            }
            pages += 1;
            if pages > MAX_PAGES {
                return Err(corrupt(format!("more than {MAX_PAGES} pages")));
            }
        }
        let decoder = Decoder::new(Cursor::new(data.clone()))
            .map_err(corrupt)?
            .with_limits(limits(opts));
        Ok(TiffReader {
            data,
            pages,
            opts: opts.clone(),
            decoder,
            at: 0,
        })
    }

    fn seek(&mut self, index: u32) -> Result<(), DecodeError> {
        if index < self.at {
            self.decoder = Decoder::new(Cursor::new(self.data.clone()))
                .map_err(corrupt)?
                .with_limits(limits(&self.opts));
            self.at = 0;
        }
        while self.at < index {
            self.decoder
                .next_image()
                .map_err(|e| DecodeError::page(self.at + 2, e))?;
            self.at += 1;
        }
        Ok(())
    }

    fn resolution(&mut self) -> Option<f32> {
        let x = match self.decoder.find_tag(Tag::XResolution).ok()?? {
            tiff::decoder::ifd::Value::Rational(n, d) if d != 0 => n as f32 / d as f32,
            v => v.into_f32().ok()?,
        };
        // ResolutionUnit: 1 none, 2 inch (default), 3 centimetre.
        match self
            .decoder
            .find_tag_unsigned::<u16>(Tag::ResolutionUnit)
            .ok()
            .flatten()
        {
            Some(3) => Some(x * 2.54),
            Some(1) => None,
            _ => Some(x),
        }
    }
}

impl PageReader for TiffReader {
    fn page_count(&self) -> u32 {
        self.pages
    }

    fn read_page(&mut self, page_no: u32) -> Result<DecodedPage, DecodeError> {
        self.seek(page_no - 1)?;
        let (w, h) = self
            .decoder
            .dimensions()
            .map_err(|e| DecodeError::page(page_no, e))?;
        check_size(page_no, w as u64, h as u64, self.opts.max_megapixels)?;
        let compression = self
            .decoder
            .find_tag_unsigned::<u16>(Tag::Compression)
            .ok()
            .flatten()
            .unwrap_or(1);
        let photometric = self
            .decoder
            .find_tag_unsigned::<u16>(Tag::PhotometricInterpretation)
            .ok()
            .flatten();
        let dpi = self.resolution();
        let mut gray = if compression == 2 || compression == 3 {
            // CCITT RLE / Group 3: Leptonica (libtiff) decodes these.
            Pix::read_tiff_page(&self.data, (page_no - 1) as usize)
                .and_then(|p| p.to_gray())
                .ok_or_else(|| DecodeError::page(page_no, "CCITT G3 page could not be decoded"))?
        } else {
            let color = self
                .decoder
                .colortype()
                .map_err(|e| DecodeError::page(page_no, e))?;
            let result = self
                .decoder
                .read_image()
                .map_err(|e| DecodeError::page(page_no, e))?;
            to_gray8(result, color, w, h, photometric).ok_or_else(|| {
                DecodeError::page(page_no, format!("unsupported pixel layout {color:?}"))
            })?
        };
        normalize_polarity(&mut gray);
        Ok(DecodedPage {
            page_no,
            width: w,
            height: h,
            dpi: sane_dpi(dpi, w, h, self.opts.default_dpi),
            content: PageContent::Image(gray),
        })
    }
}

/// Expands 1-bit rows (most significant bit first, each row padded to whole bytes) to 8-bit
/// gray: a set bit is white (255) unless `white_is_zero`, where it is black.
///
/// Whole bytes are looked up as eight finished pixels: most chart scans are 1-bit G4, and
/// testing and pushing bit by bit cost about 110 million instructions per letter page, more
/// than a percent of the page's whole ingest; the table does the same in a tenth of it.
fn expand_bits(b: &[u8], w: usize, h: usize, stride: usize, white_is_zero: bool) -> Vec<u8> {
    let (one, zero) = if white_is_zero {
        (0u8, 255u8)
    } else {
        (255, 0)
    };
    let mut table = [[0u8; 8]; 256];
    for (byte, px) in table.iter_mut().enumerate() {
        for (i, v) in px.iter_mut().enumerate() {
            *v = if (byte >> (7 - i)) & 1 == 1 {
                one
            } else {
                zero
            };
        }
    }
    let mut out = vec![0u8; w * h];
    if w == 0 {
        return out;
    }
    let (full, rest) = (w / 8, w % 8);
    for (dst, src) in out.chunks_exact_mut(w).zip(b.chunks(stride)) {
        let (head, tail) = dst.split_at_mut(full * 8);
        for (d, s) in head.chunks_exact_mut(8).zip(src) {
            d.copy_from_slice(&table[usize::from(*s)]);
        }
        if rest > 0 {
            tail.copy_from_slice(&table[usize::from(src[full])][..rest]);
        }
    }
    out
}

/// Turns a decoded TIFF buffer into 8-bit gray.
fn to_gray8(
    r: DecodingResult,
    color: ColorType,
    w: u32,
    h: u32,
    photometric: Option<u16>,
) -> Option<GrayImage> {
    let (w_us, h_us) = (w as usize, h as usize);
    let n = w_us * h_us;
    // Photometric 0 = WhiteIsZero: small values are light.
    let white_is_zero = photometric == Some(0);
    let buf: Vec<u8> = match (r, color) {
        (DecodingResult::U8(b), ColorType::Gray(1)) => {
            let stride = w_us.div_ceil(8);
            if b.len() < stride * h_us {
                return None;
            }
            expand_bits(&b, w_us, h_us, stride, white_is_zero)
        }
        (DecodingResult::U8(b), ColorType::Gray(8)) => {
            let mut b = b;
            b.truncate(n);
            if white_is_zero {
                b.iter_mut().for_each(|v| *v = 255 - *v);
            }
            b
        }
        (DecodingResult::U16(b), ColorType::Gray(16)) => {
            b.iter().take(n).map(|v| (v >> 8) as u8).collect()
        }
        (DecodingResult::U8(b), ColorType::GrayA(8)) => b
            .chunks_exact(2)
            .take(n)
            .map(|p| ((p[0] as u32 * p[1] as u32 + 255 * (255 - p[1] as u32)) / 255) as u8)
            .collect(),
        (DecodingResult::U8(b), ColorType::RGB(8))
        | (DecodingResult::U8(b), ColorType::YCbCr(8)) => b
            .chunks_exact(3)
            .take(n)
            .map(|p| super::luma(p[0], p[1], p[2]))
            .collect(),
        (DecodingResult::U8(b), ColorType::RGBA(8)) => b
            .chunks_exact(4)
            .take(n)
            .map(|p| super::blend_white(super::luma(p[0], p[1], p[2]), p[3]))
            .collect(),
        (DecodingResult::U16(b), ColorType::RGB(16)) => b
            .chunks_exact(3)
            .take(n)
            .map(|p| super::luma((p[0] >> 8) as u8, (p[1] >> 8) as u8, (p[2] >> 8) as u8))
            .collect(),
        (DecodingResult::U16(b), ColorType::RGBA(16)) => b
            .chunks_exact(4)
            .take(n)
            .map(|p| {
                super::blend_white(
                    super::luma((p[0] >> 8) as u8, (p[1] >> 8) as u8, (p[2] >> 8) as u8),
                    (p[3] >> 8) as u8,
                )
            })
            .collect(),
        (DecodingResult::U8(b), ColorType::CMYK(8)) => b
            .chunks_exact(4)
            .take(n)
            .map(|p| {
                let k = 255 - p[3] as u32;
                let c = |v: u8| ((255 - v as u32) * k / 255) as u8;
                super::luma(c(p[0]), c(p[1]), c(p[2]))
            })
            .collect(),
        _ => return None,
    };
    if buf.len() != n {
        return None;
    }
    GrayImage::from_raw(w, h, buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bit-by-bit expansion `expand_bits` replaces, as the reference.
    fn slow(b: &[u8], w: usize, h: usize, stride: usize, white_is_zero: bool) -> Vec<u8> {
        let mut out = Vec::new();
        for y in 0..h {
            for x in 0..w {
                let bit = (b[y * stride + x / 8] >> (7 - (x % 8))) & 1 == 1;
                out.push(if bit != white_is_zero { 255 } else { 0 });
            }
        }
        out
    }

    #[test]
    fn one_bit_rows_expand_to_gray_pixel_for_pixel() {
        for w in [1usize, 7, 8, 9, 16, 37] {
            let (h, stride) = (5usize, w.div_ceil(8));
            let b: Vec<u8> = (0..stride * h).map(|i| (i * 97 + 13) as u8).collect();
            for wiz in [false, true] {
                assert_eq!(
                    expand_bits(&b, w, h, stride, wiz),
                    slow(&b, w, h, stride, wiz)
                );
                let img = to_gray8(
                    DecodingResult::U8(b.clone()),
                    ColorType::Gray(1),
                    w as u32,
                    h as u32,
                    Some(if wiz { 0 } else { 1 }),
                )
                .unwrap();
                assert_eq!(img.into_raw(), slow(&b, w, h, stride, wiz), "width {w}");
            }
        }
    }
}
