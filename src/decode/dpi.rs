//! Resolution metadata: read it where image crates do not expose it, and distrust it when the
//! page it implies could not be a sheet of paper (scanners write 72 or 1 when they know nothing).

/// Returns `claimed` when it makes the page a plausible physical size, otherwise an estimate
/// from the pixel size assuming the long side is a US-letter 11 inches.
pub fn sane_dpi(claimed: Option<f32>, width: u32, height: u32, default_dpi: f32) -> f32 {
    let long = width.max(height) as f32;
    if let Some(d) = claimed {
        if d.is_finite() && (50.0..=2400.0).contains(&d) {
            let inches = long / d;
            if (3.0..=20.0).contains(&inches) {
                return d;
            }
        }
    }
    if long <= 0.0 {
        return default_dpi;
    }
    let est = long / 11.0;
    if (est - default_dpi).abs() / default_dpi < 0.15 {
        default_dpi
    } else {
        est.clamp(50.0, 1200.0)
    }
}

/// pHYs chunk of a PNG, in dots per inch (only when the unit is metres).
pub fn png_dpi(data: &[u8]) -> Option<f32> {
    let mut i = 8;
    while i + 8 <= data.len() {
        let len = u32::from_be_bytes(data[i..i + 4].try_into().ok()?) as usize;
        let kind = &data[i + 4..i + 8];
        if kind == b"pHYs" && i + 8 + 9 <= data.len() {
            let d = &data[i + 8..i + 17];
            let ppm = u32::from_be_bytes(d[0..4].try_into().ok()?);
            if d[8] == 1 {
                return Some(ppm as f32 * 0.0254);
            }
            return None;
        }
        if kind == b"IDAT" || kind == b"IEND" {
            return None;
        }
        i += 12 + len;
    }
    None
}

/// JFIF APP0 density of a JPEG, in dots per inch.
pub fn jpeg_dpi(data: &[u8]) -> Option<f32> {
    let mut i = 2;
    while i + 4 <= data.len() && data[i] == 0xFF {
        let marker = data[i + 1];
        let len = u16::from_be_bytes([data[i + 2], data[i + 3]]) as usize;
        if marker == 0xE0 && i + 4 + 12 <= data.len() && &data[i + 4..i + 9] == b"JFIF\0" {
            let unit = data[i + 11];
            let x = u16::from_be_bytes([data[i + 12], data[i + 13]]) as f32;
            return match unit {
                1 => Some(x),
                2 => Some(x * 2.54),
                _ => None,
            };
        }
        if marker == 0xDA {
            break;
        }
        i += 2 + len;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lying_dpi_is_replaced_by_an_estimate() {
        // tickets.tif: 4123x5556 claims 72 dpi (a 77-inch page): estimate instead.
        let d = sane_dpi(Some(72.0), 4123, 5556, 300.0);
        assert!((d - 505.0).abs() < 1.0, "{d}");
        // witten.tif: 2293x3106 claims 1200 dpi (a 2.6-inch page).
        assert!(sane_dpi(Some(1200.0), 2293, 3106, 300.0) < 400.0);
        assert_eq!(sane_dpi(Some(300.0), 2550, 3300, 300.0), 300.0);
        assert_eq!(sane_dpi(None, 2550, 3300, 300.0), 300.0);
        assert_eq!(sane_dpi(Some(200.0), 1700, 2200, 300.0), 200.0);
    }
}
