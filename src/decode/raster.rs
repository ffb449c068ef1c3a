//! PNG and JPEG: always one page.

use super::{
    check_size, dpi, normalize_polarity, sane_dpi, to_gray, DecodeOptions, DecodedPage,
    PageContent, PageReader,
};
use crate::error::DecodeError;
use crate::model::Format;
use image::ImageReader;
use std::io::Cursor;
use std::path::Path;

pub struct RasterReader {
    data: Vec<u8>,
    format: Format,
    opts: DecodeOptions,
}

impl RasterReader {
    pub fn open(path: &Path, format: Format, opts: &DecodeOptions) -> Result<Self, DecodeError> {
        Ok(RasterReader {
            data: std::fs::read(path)?,
            format,
            opts: opts.clone(),
        })
    }
}

impl PageReader for RasterReader {
    fn page_count(&self) -> u32 {
        1
    }

    fn read_page(&mut self, page_no: u32) -> Result<DecodedPage, DecodeError> {
        let name = self.format.as_str();
        let imgfmt = match self.format {
            Format::Png => image::ImageFormat::Png,
            _ => image::ImageFormat::Jpeg,
        };
        let reader = || ImageReader::with_format(Cursor::new(&self.data[..]), imgfmt);
        let (w, h) = reader()
            .into_dimensions()
            .map_err(|e| DecodeError::corrupt(name, e))?;
        check_size(page_no, w as u64, h as u64, self.opts.max_megapixels)?;
        let mut r = reader();
        let mut limits = image::Limits::default();
        limits.max_alloc = Some((self.opts.max_megapixels * 1e6 * 8.0) as u64);
        r.limits(limits);
        let img = r.decode().map_err(|e| DecodeError::corrupt(name, e))?;
        let mut gray = to_gray(img);
        normalize_polarity(&mut gray);
        let claimed = match self.format {
            Format::Png => dpi::png_dpi(&self.data),
            _ => dpi::jpeg_dpi(&self.data),
        };
        Ok(DecodedPage {
            page_no,
            width: w,
            height: h,
            dpi: sane_dpi(claimed, w, h, self.opts.default_dpi),
            content: PageContent::Image(gray),
        })
    }
}
