//! Text lines rebuilt from word boxes, and the label → value geometry.

use crate::model::{BBox, Mark, Word};

/// One word as the extractor sees it.
#[derive(Debug, Clone)]
pub struct Tok {
    /// As printed (OCR text).
    pub raw: String,
    /// Lower case, letters/digits/# only ("D.O.B.:" → "dob", "MR#" → "mr#").
    pub key: String,
    pub conf: f32,
    /// Box in an upright frame (differs from `stored` when the page was read sideways).
    pub bbox: BBox,
    /// Box in pixels of the page image as stored (what exports show).
    pub stored: BBox,
    /// A mark that read as no letter or digit ("|", "/") sat just before this word: words
    /// around it may have lost a letter there ("Cedric | Foss" for "Cedric J Foss").
    pub mark_before: bool,
    /// A symbol OCR puts for a letter ("£" for "E") sat right after this word, within a
    /// line height: the word after it may be lost ("Ibarra, Thuy £" for "Thuy E").
    pub mark_after: bool,
    /// A circle read as a glyph ("©", "○") sat just before this word: on a form, a circled
    /// option OCR could not read ("Sex: M © (circle one)" with F circled).
    pub circle_before: bool,
    /// A check box seen in the page's pixels right before this word: `Some(true)` ticked,
    /// `Some(false)` empty (OCR's reading of the box itself is dropped).
    pub box_before: Option<bool>,
}

fn is_circle(text: &str) -> bool {
    matches!(text, "©" | "®" | "@" | "○" | "◯" | "©)" | "(©")
}

/// Single marks that OCR makes of a thin letter (I, J, l) and that are dropped as words.
fn is_lost_letter(text: &str) -> bool {
    // An initial keeps its dot ("Delphine |. Bergstrom").
    let text = match text.strip_suffix(['.', ',']) {
        Some(t) if !t.is_empty() => t,
        _ => text,
    };
    matches!(
        text,
        "|" | "/" | "\\" | "!" | "(" | ")" | "[" | "]" | "{" | "}"
    ) || is_letter_symbol(text)
}

/// A symbol OCR reads for a capital letter of a plain font ("£" for E, "¥" for Y, "§" for S,
/// "€" for C or E). Unlike a bar or a bracket, it is no table rule or box outline.
fn is_letter_symbol(text: &str) -> bool {
    matches!(text, "£" | "€" | "¥" | "§" | "¢")
}

/// A visual line: words whose boxes share a band of the page, left to right.
#[derive(Debug, Clone)]
pub struct Line {
    pub toks: Vec<Tok>,
    pub top: u32,
    pub bottom: u32,
    /// Median word height: the unit for gaps.
    pub h: f32,
    /// Marks OCR read as no letter or digit ("|", "[", "£") on this line, dropped from
    /// `toks`: where a value should be, one may be a lost letter ("|" for an initial I).
    pub marks: Vec<BBox>,
}

impl Line {
    /// Running text: at least `min_words` words, half or more of them starting lower-case.
    pub fn is_prose(&self, min_words: usize) -> bool {
        let lower = self
            .toks
            .iter()
            .filter(|t| t.raw.starts_with(|c: char| c.is_lowercase()))
            .count();
        self.toks.len() >= min_words && lower * 2 >= self.toks.len()
    }
    /// Horizontal gap before token `i + 1`, in line heights.
    pub fn gap_after(&self, i: usize) -> f32 {
        match (self.toks.get(i), self.toks.get(i + 1)) {
            (Some(a), Some(b)) => {
                (b.bbox.x as f32 - a.bbox.right() as f32).max(0.0) / self.h.max(1.0)
            }
            _ => f32::INFINITY,
        }
    }
    pub fn center(&self) -> f32 {
        (self.top + self.bottom) as f32 / 2.0
    }
}

pub fn key_of(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric() || *c == '#')
        .flat_map(|c| c.to_lowercase())
        .collect()
}

/// Groups words into lines: Tesseract's own lines first, then lines that share a vertical
/// band merged (two-column headers come out of Tesseract as separate blocks).
pub fn lines(words: &[Word]) -> Vec<Line> {
    lines_with_marks(words, &[])
}

/// [`lines`], with the page's check boxes put before the words they precede.
pub fn lines_with_marks(words: &[Word], boxes: &[Mark]) -> Vec<Line> {
    let mut ls = lines_of_words(words);
    // Boxes are in the stored frame: used only when the words needed no turning.
    let upright = ls.iter().flat_map(|l| &l.toks).all(|t| t.bbox == t.stored);
    if upright && !boxes.is_empty() {
        for l in &mut ls {
            attach_boxes(l, boxes);
        }
    }
    ls
}

/// Strokes of a check box's outline as OCR reads them into the word after it.
const BOX_MARKS: &str = "|[](){}/\\&!";

/// Marks each word that a check box precedes, dropping OCR's reading of the box: a word
/// lying inside a box goes, and a word that starts inside one ("LIF" for "☐ F") loses the
/// characters the box covers (in proportion to its width, at least one, and marks read from
/// the box's outline after them).
fn attach_boxes(line: &mut Line, boxes: &[Mark]) {
    let (top, bottom, h) = (line.top as f32, line.bottom as f32, line.h);
    let near: Vec<&Mark> = boxes
        .iter()
        .filter(|m| {
            let cy = m.bbox.y as f32 + m.bbox.h as f32 / 2.0;
            cy >= top - 0.3 * h && cy <= bottom + 0.3 * h
        })
        .collect();
    if near.is_empty() {
        return;
    }
    let mut out: Vec<Tok> = Vec::with_capacity(line.toks.len());
    for t in line.toks.drain(..) {
        let (x, r) = (t.bbox.x as f32, t.bbox.right() as f32);
        // A word inside a box is the box misread.
        if near
            .iter()
            .any(|m| x >= m.bbox.x as f32 - 3.0 && r <= m.bbox.right() as f32 + 3.0)
        {
            continue;
        }
        let before = near
            .iter()
            .filter(|m| {
                let mr = m.bbox.right() as f32;
                mr <= x + 0.7 * (r - x) && mr >= x - 1.5 * h && (m.bbox.x as f32) < x + 1.0
            })
            .max_by_key(|m| m.bbox.right());
        let Some(m) = before else {
            out.push(t);
            continue;
        };
        let mr = m.bbox.right() as f32;
        let chars: Vec<char> = t.raw.chars().collect();
        let n = chars.len();
        // The box's own characters: those under it (in proportion to the word's width, at
        // least one), or an opening mark its outline made ("&IM" for "☒ M"); then the strokes
        // after them.
        let mut cut = if n < 2 {
            0
        } else if mr > x + 2.0 {
            let covered = (((mr - x) / (r - x).max(1.0)) * n as f32).ceil() as usize;
            covered.clamp(1, n - 1)
        } else {
            usize::from(BOX_MARKS.contains(chars[0]))
        };
        while cut > 0
            && cut + 1 < n
            && (BOX_MARKS.contains(chars[cut]) || "Il".contains(chars[cut]))
        {
            cut += 1;
        }
        let mut t = if cut > 0 {
            let byte = t
                .raw
                .char_indices()
                .nth(cut)
                .map_or(t.raw.len(), |(i, _)| i);
            split_at(t, byte).pop().expect("two parts")
        } else {
            t
        };
        t.box_before = Some(m.checked);
        out.push(t);
    }
    line.toks = out;
}

/// A word OCR cut in two, its halves' boxes touching or overlapping ("Jor" "gensen" in a
/// slanted hand, the second half starting lower-case): one word again. Words, even in a
/// tight hand, keep a space between them.
fn join_split_words(l: &mut Line) {
    let wordlike = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphabetic() || c == '-' || c == '\'')
    };
    let mut out: Vec<Tok> = Vec::with_capacity(l.toks.len());
    for t in l.toks.drain(..) {
        if let Some(prev) = out.last_mut() {
            let gap = t.bbox.x as f32 - prev.bbox.right() as f32;
            let split = gap <= 0.05 * l.h
                && wordlike(&prev.raw)
                && prev.raw.ends_with(|c: char| c.is_ascii_alphabetic())
                && wordlike(&t.raw)
                && t.raw.starts_with(|c: char| c.is_ascii_lowercase())
                && !t.mark_before
                && t.box_before.is_none();
            if split {
                prev.raw.push_str(&t.raw);
                prev.key = key_of(&prev.raw);
                prev.conf = prev.conf.min(t.conf);
                prev.bbox = prev.bbox.union(&t.bbox);
                prev.stored = prev.stored.union(&t.stored);
                prev.mark_after = t.mark_after;
                continue;
            }
        }
        out.push(t);
    }
    l.toks = out;
}

fn lines_of_words(words: &[Word]) -> Vec<Line> {
    use std::collections::BTreeMap;
    // Geometry runs on upright boxes; tokens keep the stored ones for output.
    let upright = upright_frame(words);
    let stored: Vec<BBox> = words.iter().map(|w| w.bbox).collect();
    let words: &[Word] = &upright;
    let mut groups: BTreeMap<(u32, u32, u32), Vec<&Word>> = BTreeMap::new();
    let mut marks: Vec<BBox> = Vec::new();
    let mut circles: Vec<BBox> = Vec::new();
    let mut commas: Vec<BBox> = Vec::new();
    // A glyph twice as tall as the word it follows, close after it and no wider than a
    // letter, is a box's border read as a letter where text runs into it ("MRN 097 977 02P"
    // for "... 023" touching the imprint's edge): like a bar, it may have taken a
    // character of the word before. (A title's "I" is as tall as the words beside it.)
    let border = |g: &Word| {
        let (cy, h) = ((g.bbox.y + g.bbox.h / 2) as f32, g.bbox.h as f32);
        g.text.trim().chars().count() <= 2
            && !key_of(&g.text).is_empty()
            && words.iter().any(|w| {
                let wh = w.bbox.h as f32;
                let gap = g.bbox.x as f32 - w.bbox.right() as f32;
                h >= 1.8 * wh
                    && (g.bbox.w as f32) < wh
                    && (0.0..wh).contains(&gap)
                    && cy >= w.bbox.y as f32
                    && cy <= (w.bbox.bottom() as f32 + wh)
                    && !key_of(&w.text).is_empty()
            })
    };
    for w in words {
        if border(w) {
            marks.push(w.bbox);
            continue;
        }
        if key_of(&w.text).is_empty() {
            if w.text.trim() == "," {
                commas.push(w.bbox);
            } else if is_lost_letter(w.text.trim()) {
                marks.push(w.bbox);
            } else if is_circle(w.text.trim()) {
                circles.push(w.bbox);
            }
            continue;
        }
        groups.entry((w.block, w.par, w.line)).or_default().push(w);
    }
    let mut ls: Vec<(f32, f32, Vec<&Word>)> = groups
        .into_values()
        .map(|ws| {
            let mut hs: Vec<u32> = ws.iter().map(|w| w.bbox.h).collect();
            hs.sort_unstable();
            let h = hs[hs.len() / 2] as f32;
            let mut cs: Vec<f32> = ws
                .iter()
                .map(|w| w.bbox.y as f32 + w.bbox.h as f32 / 2.0)
                .collect();
            cs.sort_by(f32::total_cmp);
            (cs[cs.len() / 2], h, ws)
        })
        .collect();
    ls.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut merged: Vec<(f32, f32, Vec<&Word>)> = Vec::new();
    for (c, h, ws) in ls {
        if let Some(last) = merged.last_mut() {
            let tol = 0.45 * last.1.min(h).max(1.0);
            // Merge only when the two do not overlap horizontally (side-by-side columns).
            let overlap = ws.iter().any(|w| {
                last.2
                    .iter()
                    .any(|v| w.bbox.x < v.bbox.right() && v.bbox.x < w.bbox.right())
            });
            if (c - last.0).abs() <= tol && !overlap {
                last.2.extend(ws);
                continue;
            }
        }
        merged.push((c, h, ws));
    }
    let mut ls: Vec<Line> = merged
        .into_iter()
        .map(|(_, _, mut ws)| {
            // The median word height of the whole line: lines OCR gave as two (a form's
            // small values between its larger captions) are measured as one.
            let mut hs: Vec<u32> = ws.iter().map(|w| w.bbox.h).collect();
            hs.sort_unstable();
            let h = hs[hs.len() / 2] as f32;
            ws.sort_by_key(|w| w.bbox.x);
            let top = ws.iter().map(|w| w.bbox.y).min().unwrap_or(0);
            let bottom = ws.iter().map(|w| w.bbox.bottom()).max().unwrap_or(0);
            // Centre of the previous word: a mark between two word centres sat between them
            // (OCR boxes of neighbours may overlap it).
            let mut prev_mid = None;
            Line {
                toks: ws
                    .iter()
                    .flat_map(|w| {
                        let mid = w.bbox.x + w.bbox.w / 2;
                        let between = |ms: &[BBox]| {
                            prev_mid.is_some_and(|pm| {
                                ms.iter().any(|m| {
                                    let (cx, cy) = (m.x + m.w / 2, m.y + m.h / 2);
                                    cy >= top && cy <= bottom && cx > pm && cx < mid
                                })
                            })
                        };
                        let (mark_before, circle_before) = (between(&marks), between(&circles));
                        prev_mid = Some(mid);
                        split_glued(Tok {
                            raw: w.text.clone(),
                            key: key_of(&w.text),
                            conf: w.conf,
                            bbox: w.bbox,
                            stored: stored[index_of(words, w)],
                            mark_before,
                            mark_after: false,
                            circle_before,
                            box_before: None,
                        })
                    })
                    .collect(),
                top,
                bottom,
                h: h.max(1.0),
                marks: Vec::new(),
            }
        })
        .collect();
    for l in &mut ls {
        join_split_words(l);
    }
    // A comma OCR read as a word of its own ("LACHANCE , FITZGERALD"): the word before it
    // ends with it, as printed (it tells the family name from the given name).
    for c in commas {
        for t in words_just_before(&mut ls, c) {
            if !t.raw.ends_with(',') {
                t.raw.push(',');
            }
        }
    }
    // A letter symbol, or a bar or bracket at word spacing after a word ("FAIRWEATHER,
    // GWENDOLYN |" for the initial I): a letter may be lost there.
    for m in marks {
        for t in words_just_before(&mut ls, m) {
            t.mark_after = true;
        }
        let cy = m.y + m.h / 2;
        if let Some(l) = ls.iter_mut().find(|l| cy >= l.top && cy <= l.bottom) {
            l.marks.push(m);
        }
    }
    // The same comma read at the start of the next word ("ST. PIERRE ,;MARIE-CLAIRE"): it
    // ends the word before.
    for l in &mut ls {
        for k in 1..l.toks.len() {
            let rest = l.toks[k].raw.trim_start_matches([',', ';', '.']);
            let letters = rest.chars().take_while(|c| c.is_alphabetic()).count();
            let near = l.gap_after(k - 1) < 1.5;
            if l.toks[k].raw.starts_with(',')
                && letters >= 2
                && near
                && l.toks[k - 1].key.len() >= 2
            {
                l.toks[k].raw = rest.to_string();
                let before = &mut l.toks[k - 1].raw;
                if !before.ends_with(',') {
                    before.push(',');
                }
            }
        }
    }
    ls
}

/// A label and its value printed without a space ("Sex:M", "MR#MR404636") become two
/// tokens, boxes split in proportion to the characters.
fn split_glued(t: Tok) -> Vec<Tok> {
    // "#A1190179", "#:.208-061-91": the number sign of "Chart #" or "MR #:" glued to the
    // number (with its colon and a speck).
    if t.raw.starts_with('#') {
        let k = t.raw.find(|c: char| c.is_ascii_alphanumeric());
        if let Some(k) = k.filter(|&k| t.raw[1..k].chars().all(|c| matches!(c, ':' | '.' | ';'))) {
            return split_at(t, k);
        }
    }
    // "SofiaC": a middle initial glued to the name before it (a capital after three or more
    // lower-case letters ends the word; "PhD", "McDonald" are left alone).
    let chars: Vec<char> = t.raw.chars().collect();
    if chars.len() >= 5
        && chars[0].is_uppercase()
        && chars[chars.len() - 1].is_ascii_uppercase()
        && chars[1..chars.len() - 1].iter().all(|c| c.is_lowercase())
        && chars.len() - 2 >= 3
    {
        let cut = t.raw.len() - 1;
        return split_at(t, cut);
    }
    // "van der-Berg,": a lower-case particle joined by a dash to the capitalised family name
    // after it (OCR's reading of a space): two words. ("Al-Masri" and "de-los" stay whole.)
    if let Some(i) = t.raw.find('-') {
        let (head, tail) = (&t.raw[..i], &t.raw[i + 1..]);
        if !head.is_empty()
            && head.chars().all(|c| c.is_ascii_lowercase())
            && super::names::is_particle(head)
            && tail.chars().next().is_some_and(char::is_uppercase)
            && tail.chars().filter(|c| c.is_alphabetic()).count() >= 2
        {
            let mut parts = split_at(t, i + 1);
            parts[0].raw.pop();
            parts[0].key = key_of(&parts[0].raw);
            return parts;
        }
    }
    // "O'DOWD-FARRELL,MAEVE": a name's comma with its space lost.
    let comma = t.raw.char_indices().find_map(|(i, c)| {
        if c != ',' {
            return None;
        }
        let (head, tail) = (&t.raw[..i], &t.raw[i + 1..]);
        let letters = |s: &str| s.chars().filter(|c| c.is_alphabetic()).count() >= 2;
        (c == ','
            && letters(head)
            && letters(tail)
            && head.chars().all(|c| c.is_alphabetic() || "'-.".contains(c))
            && tail
                .chars()
                .all(|c| c.is_alphabetic() || "'-.,".contains(c)))
        .then_some(i + 1)
    });
    let cut = comma.or_else(|| {
        t.raw.char_indices().find_map(|(i, c)| {
            if (c == ':' || c == '#') && i + c.len_utf8() < t.raw.len() {
                let head = &t.raw[..i];
                let ok = head.chars().filter(|c| c.is_alphabetic()).count() >= 2
                    && head.chars().all(|c| c.is_alphabetic() || c == '.');
                ok.then_some(i + c.len_utf8())
            } else {
                None
            }
        })
    });
    // "NO..M8961319": the "No." of "Unit No." run into its number.
    let cut = cut.or_else(|| {
        let dots = t.raw.find('.')?;
        let head = &t.raw[..dots];
        let rest = t.raw[dots..].trim_start_matches(['.', ':']);
        let digits = rest.chars().filter(|c| c.is_ascii_digit()).count();
        (matches!(head.to_ascii_lowercase().as_str(), "no" | "nr" | "num")
            && digits >= 4
            && rest.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        .then(|| t.raw.len() - rest.len())
    });
    let Some(cut) = cut else { return vec![t] };
    if key_of(&t.raw[cut..]).is_empty() {
        return vec![t];
    }
    split_at(t, cut)
}

/// Two tokens from one at byte `cut`, the box shared in proportion to the characters.
fn split_at(t: Tok, cut: usize) -> Vec<Tok> {
    let (a, b) = t.raw.split_at(cut);
    let n = t.raw.chars().count().max(1) as u32;
    let na = a.chars().count() as u32;
    let part = |bb: BBox, from: u32, len: u32| {
        BBox::new(bb.x + bb.w * from / n, bb.y, (bb.w * len / n).max(1), bb.h)
    };
    let mk = |s: &str, from: u32, len: u32| Tok {
        mark_before: t.mark_before && from == 0,
        mark_after: t.mark_after && from + len == n,
        circle_before: t.circle_before && from == 0,
        box_before: t.box_before.filter(|_| from == 0),
        raw: s.to_string(),
        key: key_of(s),
        conf: t.conf,
        bbox: part(t.bbox, from, len),
        stored: if t.stored == t.bbox {
            part(t.stored, from, len)
        } else {
            t.stored
        },
    };
    let nb = n - na;
    vec![mk(a, 0, na), mk(b, na, nb)]
}

/// Union of the stored boxes of some tokens.
pub fn bbox_of(toks: &[Tok]) -> BBox {
    let mut it = toks.iter();
    let first = it.next().map(|t| t.stored).unwrap_or_default();
    it.fold(first, |acc, t| acc.union(&t.stored))
}

fn index_of(words: &[Word], w: &Word) -> usize {
    // `w` is an element of `words`: its index from the pointer offset.
    (w as *const Word as usize - words.as_ptr() as usize) / std::mem::size_of::<Word>()
}

/// Pages whose text runs down or up (a sideways page the engine read without turning it):
/// the reading direction inside Tesseract's lines shows it. Returns the words with boxes
/// turned so that text runs left to right.
fn upright_frame(words: &[Word]) -> Vec<Word> {
    let (mut dx, mut dy) = (0i64, 0i64);
    for pair in words.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        if (a.block, a.par, a.line) == (b.block, b.par, b.line) {
            dx += b.bbox.x as i64 - a.bbox.x as i64;
            dy += b.bbox.y as i64 - a.bbox.y as i64;
        }
    }
    let max_x = words.iter().map(|w| w.bbox.right()).max().unwrap_or(0);
    let max_y = words.iter().map(|w| w.bbox.bottom()).max().unwrap_or(0);
    let turn = |b: BBox| -> BBox {
        if dy.abs() > dx.abs() * 2 {
            if dy > 0 {
                // Text runs down: reading x is y, reading y is from the right edge.
                BBox::new(b.y, max_x - b.right(), b.h, b.w)
            } else {
                BBox::new(max_y - b.bottom(), b.x, b.h, b.w)
            }
        } else if dx < 0 && dx.abs() > dy.abs() * 2 {
            BBox::new(max_x - b.right(), max_y - b.bottom(), b.w, b.h)
        } else {
            b
        }
    };
    words
        .iter()
        .map(|w| Word {
            bbox: turn(w.bbox),
            ..w.clone()
        })
        .collect()
}

/// Mean OCR confidence of some tokens, 0..1.
pub fn conf_of(toks: &[Tok]) -> f64 {
    weighted_conf(toks.iter().map(|t| t.conf))
}

/// OCR word confidences (0..100) as one confidence of a value, 0..1: half the mean, half
/// the weakest word, which counts because one misread character makes the value wrong.
/// 0 for no words.
pub fn weighted_conf(confs: impl Iterator<Item = f32>) -> f64 {
    let (mut n, mut sum, mut min) = (0usize, 0f64, f32::INFINITY);
    for c in confs {
        n += 1;
        sum += c as f64;
        min = min.min(c);
    }
    if n == 0 {
        return 0.0;
    }
    ((0.5 * (sum / n as f64) + 0.5 * min as f64) / 100.0).clamp(0.0, 1.0)
}

/// On each line the centre of `b` falls in, the word ending just left of `b` (within a line
/// height): OCR read a mark of that word's as a box of its own (a comma, a letter's symbol).
/// The box may overlap the word's by a few pixels ("BLACKWOOD" to x=432, "," from x=424):
/// it starts right of the word's middle.
fn words_just_before(ls: &mut [Line], b: BBox) -> impl Iterator<Item = &mut Tok> {
    let cy = b.y + b.h / 2;
    ls.iter_mut()
        .filter(move |l| cy >= l.top && cy <= l.bottom)
        .filter_map(move |l| {
            let gap = l.h;
            l.toks.iter_mut().rev().find(|t| {
                t.bbox.x + t.bbox.w / 2 < b.x && (b.x as f32) - (t.bbox.right() as f32) < gap
            })
        })
}

#[cfg(test)]
pub mod testutil {
    use crate::model::{BBox, Word};

    /// Builds words for a test page: each `(y, x, text)` line is split on single spaces;
    /// words get 14 px per character, 20 px high, one space (10 px) apart. Two spaces
    /// in the text make a wide gap (80 px).
    pub fn page(lines: &[(u32, u32, &str)]) -> Vec<Word> {
        let mut out = Vec::new();
        for (li, (y, x0, text)) in lines.iter().enumerate() {
            let mut x = *x0;
            for (ci, chunk) in text.split("  ").enumerate() {
                if ci > 0 {
                    x += 80;
                }
                for w in chunk.split(' ').filter(|w| !w.is_empty()) {
                    let width = 14 * w.chars().count() as u32;
                    out.push(Word {
                        text: w.to_string(),
                        conf: 92.0,
                        bbox: BBox::new(x, *y, width, 20),
                        block: li as u32,
                        par: 0,
                        line: 0,
                    });
                    x += width + 10;
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn side_by_side_blocks_become_one_line() {
        let mut ws = testutil::page(&[
            (100, 50, "Patient: DOE, JANE"),
            (102, 700, "DOB: 03/14/1962"),
            (140, 50, "Next line"),
        ]);
        ws[3].block = 7;
        let ls = lines(&ws);
        assert_eq!(ls.len(), 2);
        assert_eq!(
            ls[0]
                .toks
                .iter()
                .map(|t| t.raw.as_str())
                .collect::<Vec<_>>(),
            ["Patient:", "DOE,", "JANE", "DOB:", "03/14/1962"]
        );
        assert_eq!(ls[0].toks[1].key, "doe");
    }

    /// The raw tokens of a one-line page.
    fn raws_of(text: &str) -> Vec<String> {
        lines(&testutil::page(&[(100, 50, text)]))[0]
            .toks
            .iter()
            .map(|t| t.raw.clone())
            .collect()
    }

    #[test]
    fn a_comma_glued_between_names_splits_the_word() {
        assert_eq!(
            raws_of("PATIENT: O'DOWD-FARRELL,MAEVE R"),
            ["PATIENT:", "O'DOWD-FARRELL,", "MAEVE", "R"]
        );
        // Numbers keep their commas; other characters are not cut through.
        assert_eq!(
            raws_of("Total 1,250.00 ©5/01/2018 Müller,Zoë"),
            ["Total", "1,250.00", "©5/01/2018", "Müller,", "Zoë"]
        );
    }

    #[test]
    fn a_particle_dashed_to_the_family_name_is_its_own_word() {
        assert_eq!(
            raws_of("PATIENT: van der-Berg, Percival"),
            ["PATIENT:", "van", "der", "Berg,", "Percival"]
        );
        assert_eq!(raws_of("Al-Masri, de-los"), ["Al-Masri,", "de-los"]);
    }

    #[test]
    fn a_word_cut_in_two_with_touching_halves_is_one() {
        let w = |x: u32, width: u32, t: &str| Word {
            text: t.into(),
            conf: 90.0,
            bbox: BBox::new(x, 100, width, 40),
            block: 1,
            par: 1,
            line: 1,
        };
        let ls = lines(&[
            w(600, 190, "Horace"),
            w(820, 120, "Lynn"),
            w(990, 90, "Jor"),
            w(1075, 200, "gensen"),
        ]);
        let raws: Vec<&str> = ls[0].toks.iter().map(|t| t.raw.as_str()).collect();
        assert_eq!(raws, ["Horace", "Lynn", "Jorgensen"]);
        assert_eq!(ls[0].toks[2].bbox, BBox::new(990, 100, 285, 40));
        // A word space, however tight, or a capital after the touch: two words.
        let ls = lines(&[
            w(990, 90, "Jor"),
            w(1088, 200, "gensen"),
            w(1290, 90, "Lynn"),
        ]);
        assert_eq!(ls[0].toks.len(), 3);
    }

    #[test]
    fn a_glued_middle_initial_is_its_own_word() {
        assert_eq!(
            raws_of("Hawkes, Ana SofiaC PhD McDonald"),
            ["Hawkes,", "Ana", "Sofia", "C", "PhD", "McDonald"]
        );
    }
}
