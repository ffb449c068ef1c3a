#!/usr/bin/python3
"""Second blind evaluation-set generator for chartscan ("b2" layouts).

    /usr/bin/python3 scripts/gen_blind2.py --out DIR --seed S --docs N [--patients P] [--no-check]
    /usr/bin/python3 scripts/gen_blind2.py --list-layouts

Writes synthetic scanned chart documents under DIR/box-NNN/folder-NNN/<name>.<ext> (PNG,
JPEG, TIFF G4/G3/LZW, image-only PDF; multi-page TIFF/PDF for multi-page documents) and
their ground truth to DIR/truth.jsonl, one JSON object per document:
source, pages, doc_type, patient_key, layout, format, fields, rotation, notes -- the shape
scripts/eval_extract.py reads.  Output is deterministic for a seed.  Every person, date,
number and organisation is synthetic and drawn from a seeded RNG (phone and fax numbers
use the fictional 555-01xx range).  By default ~3 documents per patient; a few pairs of
different patients share a name (different DOB and MRN).

Independence: the page layouts, label wordings, name/date/MRN print forms, document
designs, body texts and people/organisation pools below were written for this file
without looking at the extractor or at any existing layout.  Consulted: the field
definitions in shared/notes/fields.md, the scorer scripts/eval_extract.py, the module
docstring of scripts/gen_blind.py (truth format conventions only) and, in
scripts/gen_charts.py, lines 1-200 (module docstring, font tables and the DX/MEDS/
LABTESTS/EXAMS/PROCEDURES/SPECIALTIES data pools, reused here) and the helpers font, pt,
degrade, choose_degradation, save, EXT, TIFF_COMP, write_text_pdf (imported and reused
for rendering, scan degradation and saving).  Not consulted: anything under src/ or
tests/, the layout functions of scripts/gen_blind.py and of scripts/gen_charts.py.

Ground truth (per shared/notes/fields.md; null when the document does not print it):
  * patient_name: "Given [Middle] Family [Suffix]" as this document prints it: a printed
    middle initial becomes one letter without a dot, a printed full middle name is kept,
    an unprinted middle is left out; hyphens/apostrophes kept; Jr/Sr/II/III kept at the end.
  * date_of_birth, encounter_date: ISO YYYY-MM-DD.  encounter_date follows fields.md
    (visit/service date, admission date for discharge summaries and face sheets, exam date
    for radiology, labelled date of service for labs, letter date for letters unless a
    date of service is labelled, referral date for referral forms, signature date for
    consents; null for patient-completed lists and letters that record no service).
  * mrn: as printed with separators removed, leading zeros and letters kept.
  * sex: F/M/O/U where the page says so (null when not printed).
  * provider: "First [M] Last" of the responsible/authoring clinician, no titles/degrees.
  * rotation: clockwise rotation (0/90/180/270) of the page carrying the patient fields;
    rotate it counter-clockwise by that much to make it upright.
  * notes: fax_cover, blank_page:N, rotated_page:N:DEG, landscape, no_mrn,
    same_name_as:PKEY, repeat_header, bilevel, dpi:XxY, skew:DEG, heavy_blur, low_dpi,
    fax_header, small_print, typewriter, addressograph, prose_inline, split_name,
    checkbox_sex, name_suffix, middle_full, distractor:<kind>.
  Every non-null value is printed on the patient page (page 1, or page 2 after a fax
  cover sheet); the self-check (on by default, --no-check skips it) verifies that the
  printed form of every truth value is among the text drawn on that page, that printed
  dates parse back to the truth, and that an unprinted MRN or DOB appears nowhere in the file.

Layouts (all "b2_"; --layouts a,b restricts generation):
  intake_form:       b2_intake_typewriter, b2_intake_captions_below, b2_facesheet_grid
  progress_note:     b2_pn_addressograph, b2_pn_rightblock, b2_pn_threecol, b2_pn_behavioral
  lab_report:        b2_lab_wide_landscape, b2_lab_mono_small, b2_lab_outreach
  discharge_summary: b2_dc_dictated, b2_dc_boxgrid, b2_dc_snf_resident
  referral_letter:   b2_ref_prose_inline, b2_ref_consult_reply, b2_ref_fax_form
  radiology_report:  b2_rad_modern, b2_rad_typewriter
  medication_list:   b2_med_patient_form, b2_med_recon_admit
  consent_form:      b2_consent_procedure, b2_consent_roi, b2_consent_general_old
  other:             b2_other_reminder_letter, b2_other_work_excuse, b2_other_superbill
"""
import argparse
import json
import os
import random
import re
import sys
import time
from datetime import date, timedelta

import numpy as np
from PIL import Image, ImageDraw

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_charts as gc  # noqa: E402  (rendering, degradation and saving helpers)

W, H = 2550, 3300  # US letter at 300 dpi
FIELDS = gc.FIELDS

FONTSETS = {
    "sans": [("liberation2/LiberationSans-Regular.ttf", "liberation2/LiberationSans-Bold.ttf"),
             ("dejavu/DejaVuSansCondensed.ttf", "dejavu/DejaVuSansCondensed-Bold.ttf"),
             ("freefont/FreeSans.ttf", "freefont/FreeSansBold.ttf")],
    "serif": [("liberation2/LiberationSerif-Regular.ttf", "liberation2/LiberationSerif-Bold.ttf"),
              ("dejavu/DejaVuSerifCondensed.ttf", "dejavu/DejaVuSerifCondensed-Bold.ttf"),
              ("freefont/FreeSerif.ttf", "freefont/FreeSerifBold.ttf")],
    "mono": [("freefont/FreeMono.ttf", "freefont/FreeMonoBold.ttf"),
             ("liberation2/LiberationMono-Regular.ttf", "liberation2/LiberationMono-Bold.ttf"),
             ("dejavu/DejaVuSansMono.ttf", "dejavu/DejaVuSansMono-Bold.ttf")],
}
HAND = ["liberation2/LiberationSerif-Italic.ttf", "freefont/FreeSerifItalic.ttf", "dejavu/DejaVuSerif-Italic.ttf"]

# ----------------------------------------------------------------------------- pools (b2's own)
GIVEN_F = ["Doris", "Marisol", "Yolanda", "Bernadette", "Tamika", "Ingrid", "Lucinda", "Priscilla", "Mei-Ling",
           "Rosalind", "Consuelo", "Harriet", "Imani", "Gwendolyn", "Svetlana", "Colleen", "Lorraine", "Anh",
           "Marguerite", "Delphine", "Shonda", "Wilhelmina", "Beverly", "Adaeze", "Mary-Kate", "Josefina"]
GIVEN_M = ["Clarence", "Desmond", "Rigoberto", "Wendell", "Tyrone", "Lars", "Ignatius", "Mortimer", "Hiroshi",
           "Bartholomew", "Emeka", "Reginald", "Thaddeus", "Luis", "Cornelius", "Duane", "Vernon", "Khalid",
           "Otis", "Seamus", "Jean-Luc", "Ezekiel", "Rowan", "Alonzo", "Dwight", "Kwame"]
MIDDLES_F = ["Ann", "Marie", "Louise", "Beatrice", "Irene", "Rose", "Jo", "Kay", "Nadine", "Opal", "Grace", "Lee"]
MIDDLES_M = ["James", "Ray", "Eugene", "Wayne", "Dean", "Allen", "Francis", "Victor", "Paul", "Theodore", "Lee"]
FAMILY = ["Abernethy", "Bustamante", "Czarnecki", "Delgado", "Eckhardt", "Fairweather", "Gutierrez", "Hollister",
          "Ivanova", "Jablonski", "Kettering", "Lundquist", "Mbatha", "Nakashima", "Oyelaran", "Pellegrino",
          "Quintero", "Radcliffe", "Szymanski", "Trujillo", "Underwood", "Valdivia", "Whitcomb", "Yamamoto",
          "Zielinski", "Bergstrom", "Castellanos", "Dubois", "Esposito", "Fitzgerald", "Gundersen", "Hakimi"]
FAMILY_SPECIAL = ["O'Malley", "D'Souza", "Nguyen-Tran", "McKenna", "LaFleur", "O'Connor-Smith", "Ruiz-Ortega",
                  "MacPherson", "DeWitt", "N'Diaye"]
SUFFIXES = ["Jr", "Sr", "II", "III"]
CLIN_FIRST = ["Ambrose", "Bettina", "Cyrus", "Danielle", "Edmund", "Farah", "Gideon", "Henrietta", "Isidore",
              "Jocelyn", "Kenji", "Lorena", "Malcolm", "Nadia", "Octavio", "Philippa", "Quentin", "Rosalyn",
              "Stellan", "Tabitha", "Ulysses", "Valentina", "Winston", "Ximena"]
CLIN_LAST = ["Ashworth", "Bhattacharya", "Cormier", "Drummond", "Etheridge", "Fontaine", "Gottlieb", "Halvorsen",
             "Ingersoll", "Jovanovic", "Kirkpatrick", "Lachance", "Montalvo", "Nordstrom", "Osei", "Prendergast",
             "Quimby", "Rutherford", "Sandoval", "Tremblay", "Umberger", "Vanterpool", "Wainwright", "Yoshida"]
DEGREES = ["MD", "MD", "M.D.", "DO", "D.O.", "NP", "PA-C", "MD, FACP", "MD, PhD", "FNP-C"]
NONCLIN = [("Brenda", "Hutchins", "Office Manager"), ("Carla", "Moody", "Patient Accounts"),
           ("Tina", "Ybarra", "Health Information Management"), ("Roger", "Pike", "Business Office")]
ORGS = [  # name, street, city/state/zip, area code
    ("Mercy Hollow Community Hospital", "2200 Hospital Dr", "Ridgefield, KY 40511", 859),
    ("Tri-Valley Medical Group", "14 Orchard Plaza", "Brookhaven, PA 19015", 610),
    ("St. Bartholomew Medical Center", "600 Cathedral Ave", "Marlow, NH 03456", 603),
    ("Prairie Sky Family Practice", "8801 Old Mill Rd", "Hays, KS 67601", 785),
    ("Bayou Bend Internal Medicine", "3 Levee St, Ste 210", "Houma, LA 70360", 985),
    ("Granite Peak Health Partners", "455 Quarry Way", "Barre, VT 05641", 802),
    ("Desert Willow Clinic", "1717 Mesquite Ave", "Tucson, AZ 85705", 520),
    ("Harborlight Behavioral Health", "90 Wharf St, 3rd Fl", "New Bedford, MA 02740", 508),
    ("Copper Ridge Regional Hospital", "1 Medical Pkwy", "Butte, MT 59701", 406),
    ("Willamette Crossing Medical Associates", "320 Ferry St", "Salem, OR 97301", 503),
]
SNF = ["Autumn Glen Care Center", "Maple Terrace Nursing & Rehabilitation", "Fox Run Skilled Nursing"]
LABS = ["Crescent Reference Laboratories", "Allied Pathology Consultants", "NorthStar Clinical Labs"]
IMAGING = ["Bluestem Imaging Associates", "Lakeshore Diagnostic Radiology", "Foothills Open MRI & CT"]
PAYERS = ["Heartland Mutual PPO", "Medicare", "Keystate Medicaid", "Pioneer Health Alliance HMO",
          "Tricounty Teachers Benefit Plan", "Great Plains BCBS"]
STREETS = ["Juniper Ln", "Quail Run", "Beacon St", "Cottonwood Dr", "N 4th St", "Magnolia Ct", "Ridge Rd",
           "Harvest Ave", "Linden Pl", "Old County Rd 12"]
TOWNS = [("Ridgefield", "KY", "405"), ("Brookhaven", "PA", "190"), ("Hays", "KS", "676"), ("Houma", "LA", "703"),
         ("Barre", "VT", "056"), ("Tucson", "AZ", "857"), ("Salem", "OR", "973"), ("Butte", "MT", "597")]
RELATION = ["Spouse", "Daughter", "Son", "Mother", "Father", "Sister", "Brother"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
ABBR_DOT = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]

ERAS = {"old": (date(1979, 1, 1), date(1996, 12, 31)), "mid": (date(1994, 1, 1), date(2008, 12, 31)),
        "new": (date(2009, 1, 1), date(2025, 10, 31))}

# ----------------------------------------------------------------------------- dates
DATE_FORMATS = ["mdY", "mdy", "dbY", "dBY", "BdY", "iso", "m-d-Y", "m.d.Y", "b.dY", "m/d/Y"]


def fmt_date(d, f):
    m, dd, y = d.month, d.day, d.year
    if f == "mdY":
        return "%02d/%02d/%04d" % (m, dd, y)
    if f == "m/d/Y":
        return "%d/%d/%04d" % (m, dd, y)
    if f == "mdy":
        return "%d/%d/%02d" % (m, dd, y % 100)
    if f == "mdy0":
        return "%02d/%02d/%02d" % (m, dd, y % 100)
    if f == "dbY":
        return "%02d-%s-%04d" % (dd, MONTHS[m - 1][:3], y)
    if f == "dBY":
        return "%02d %s %04d" % (dd, MONTHS[m - 1][:3].upper(), y)
    if f == "BdY":
        return "%s %d, %04d" % (MONTHS[m - 1], dd, y)
    if f == "iso":
        return "%04d-%02d-%02d" % (y, m, dd)
    if f == "m-d-Y":
        return "%02d-%02d-%04d" % (m, dd, y)
    if f == "m.d.Y":
        return "%d.%d.%04d" % (m, dd, y)
    if f == "b.dY":
        return "%s %d, %04d" % (ABBR_DOT[m - 1], dd, y)
    raise ValueError(f)


_MON = {}
for _i, _m in enumerate(MONTHS):
    _MON[_m.lower()] = _i + 1
    _MON[_m[:3].lower()] = _i + 1
_MON["sept"] = 9


def parse_date(s):
    """Independent parse-back of every print form above (used by the self-check)."""
    s = s.strip()
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", s)
    if m:
        return date(int(m[1]), int(m[2]), int(m[3]))
    m = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})", s)
    if m:
        y = int(m[3])
        if len(m[3]) == 2:
            y += 1900 if y > 29 else 2000
        return date(y, int(m[1]), int(m[2]))
    m = re.fullmatch(r"(\d{1,2})[- ]([A-Za-z]{3})[- ](\d{4})", s)
    if m:
        return date(int(m[3]), _MON[m[2].lower()], int(m[1]))
    m = re.fullmatch(r"([A-Za-z]+)\.? (\d{1,2}), (\d{4})", s)
    if m:
        return date(int(m[3]), _MON[m[1].lower()], int(m[2]))
    raise ValueError("unparsable date %r" % s)


def rdate(rng, a, b):
    if b < a:
        b = a
    return a + timedelta(days=rng.randint(0, (b - a).days))


def phone(rng, area=None):
    return "(%d) 555-01%02d" % (area or rng.choice([231, 308, 417, 520, 603, 785, 859, 985]), rng.randint(0, 99))


def digits(rng, n):
    return "".join(str(rng.randint(0, 9)) for _ in range(n))


# ----------------------------------------------------------------------------- people
class Patient:
    def __init__(self, key, first, middle, last, suffix, sex, dob, mrn):
        self.key, self.first, self.middle, self.last, self.suffix = key, first, middle, last, suffix
        self.sex, self.dob, self.mrn = sex, dob, mrn
        self.same_name_as = None
        self.street = self.town = self.phone = None


class Clinician:
    def __init__(self, first, mi, last, degree):
        self.first, self.mi, self.last, self.degree = first, mi, last, degree


def make_mrn(rng):
    k = rng.random()
    if k < 0.45:
        return "00" + digits(rng, rng.choice([5, 6]))
    if k < 0.75:
        return str(rng.randint(1, 9)) + digits(rng, rng.choice([6, 7]))
    if k < 0.9:
        return rng.choice("MEHK") + digits(rng, 7)
    return "0" + digits(rng, 8)


def make_patients(rng, n):
    pats = []
    used = set()
    for i in range(n):
        sex = rng.choice("FM")
        if rng.random() < 0.04:
            sex = rng.choice("OU")
        pool = GIVEN_F if sex == "F" else GIVEN_M if sex == "M" else GIVEN_F + GIVEN_M
        while True:
            first = rng.choice(pool)
            last = rng.choice(FAMILY_SPECIAL) if rng.random() < 0.2 else rng.choice(FAMILY)
            if (first, last) not in used:
                break
        used.add((first, last))
        middle = rng.choice(MIDDLES_F if sex == "F" else MIDDLES_M if sex == "M" else MIDDLES_F + MIDDLES_M)
        middle = middle if rng.random() < 0.75 else None
        suffix = rng.choice(SUFFIXES) if sex == "M" and rng.random() < 0.12 else None
        dob = rdate(rng, date(1924, 1, 1), date(2004, 12, 31))
        mrn = make_mrn(rng)
        p = Patient("P%04d" % (i + 1), first, middle, last, suffix, sex, dob, mrn)
        t = rng.choice(TOWNS)
        p.street = "%d %s" % (rng.randint(10, 9899), rng.choice(STREETS))
        p.town = "%s, %s %s%02d" % (t[0], t[1], t[2], rng.randint(1, 99))
        p.phone = phone(rng)
        pats.append(p)
    # a few pairs of different patients sharing a name (different DOB and MRN)
    npairs = max(1, n // 10)
    idx = list(range(n))
    rng.shuffle(idx)
    for a, b in zip(idx[0:2 * npairs:2], idx[1:2 * npairs:2]):
        pa, pb = pats[a], pats[b]
        pb.first, pb.last, pb.sex, pb.suffix = pa.first, pa.last, pa.sex, pa.suffix
        if rng.random() < 0.5:
            pb.middle = pa.middle
        pb.same_name_as, pa.same_name_as = pa.key, pb.key
        while pb.dob == pa.dob:
            pb.dob = rdate(rng, date(1924, 1, 1), date(2004, 12, 31))
    seen = set()
    for p in pats:  # MRNs must be unique
        while p.mrn in seen:
            p.mrn = make_mrn(rng)
        seen.add(p.mrn)
    return pats


def make_clinicians(rng, n=22):
    fs, ls = CLIN_FIRST[:], CLIN_LAST[:]
    rng.shuffle(fs)
    rng.shuffle(ls)
    return [Clinician(fs[i % len(fs)], rng.choice("ABCDEFGHJKLMNPRSTW") if rng.random() < 0.55 else None,
                      ls[i % len(ls)], rng.choice(DEGREES)) for i in range(n)]


def clin_str(c, form):
    """A clinician's printed name.  Returns (printed, normalised)."""
    mi = c.mi
    norm = "%s %s%s" % (c.first, (mi + " ") if mi else "", c.last)
    if form == "dr":  # Dr. First Last (middle dropped)
        return "Dr. %s %s" % (c.first, c.last), "%s %s" % (c.first, c.last)
    if form == "full_deg":
        return "%s %s%s, %s" % (c.first, (mi + ". ") if mi else "", c.last, c.degree), norm
    if form == "caps_last":
        return "%s, %s%s %s" % (c.last.upper(), c.first.upper(), (" " + mi) if mi else "", c.degree.upper()), norm
    if form == "caps":
        return "%s %s%s, %s" % (c.first.upper(), (mi + ". ") if mi else "", c.last.upper(), c.degree.upper()), norm
    if form == "plain":
        return "%s %s%s" % (c.first, (mi + " ") if mi else "", c.last), norm
    raise ValueError(form)


# ----------------------------------------------------------------------------- body text
SENT = {
    "hpi": ["Presents for follow-up of {dx}.", "Reports adherence to {med} without side effects.",
            "Denies chest pain, dyspnea, fever or chills.", "Sleep has been fair; appetite unchanged.",
            "Home readings reviewed and are mostly at goal.", "Brought a list of questions, addressed today.",
            "Symptoms began about {n} weeks ago and are gradually improving.",
            "No emergency visits or hospital stays since the last appointment."],
    "exam": ["Alert, oriented, in no acute distress.", "Lungs clear to auscultation bilaterally.",
             "Heart regular rate and rhythm, no murmur.", "Abdomen soft, non-tender, bowel sounds present.",
             "No pedal edema.", "Gait steady; strength 5/5 in all extremities.", "Skin warm and dry."],
    "plan": ["Continue {med}.", "Recheck labs in {n} weeks.", "Diet and activity counselling provided.",
             "Return sooner for any new or worsening symptoms.", "Medication list reconciled at this visit.",
             "Will obtain outside records for review.", "Referral placed as discussed."],
    "hosp": ["Admitted through the emergency department for management of {dx}.",
             "Treated with intravenous fluids and {med} with steady improvement.",
             "Physical therapy evaluated and cleared for discharge home.",
             "Course was otherwise uncomplicated; tolerating a regular diet at discharge.",
             "Telemetry showed no significant arrhythmia.", "Pain controlled on oral agents at discharge."],
    "rad": ["No acute cardiopulmonary process.", "No focal consolidation, effusion or pneumothorax.",
            "Mild degenerative change without acute fracture.", "Soft tissues are unremarkable.",
            "Stable appearance compared with the prior examination.", "No suspicious mass is identified.",
            "Small nonspecific nodule, follow-up imaging may be considered."],
    "consult": ["I reviewed the records you forwarded and examined the patient today.",
                "The history is most consistent with {dx}.", "I have started {med} and reviewed its effects.",
                "We will see the patient again in {n} weeks.", "Please do not hesitate to call with any questions.",
                "I agree with your current management and have suggested a few additions."],
    "bh": ["Client engaged throughout the session and completed the homework assignment.",
           "Mood described as 'better than last month'; affect congruent.",
           "Reviewed coping strategies for work-related stress.", "Denies suicidal or homicidal ideation.",
           "Practised a brief grounding exercise in session.", "Goals on the treatment plan reviewed."],
}


def prose(rng, kind, n):
    out = []
    pool = SENT[kind][:]
    rng.shuffle(pool)
    for s in pool[:n]:
        out.append(s.format(dx=rng.choice(gc.DX)[0].lower(), med=rng.choice(gc.MEDS)[0], n=rng.randint(2, 12)))
    return " ".join(out)


# ----------------------------------------------------------------------------- page canvas
class Page:
    def __init__(self, fam, landscape=False):
        self.fam = fam
        self.landscape = landscape
        self.w, self.h = (H, W) if landscape else (W, H)
        self.im = Image.new("L", (self.w, self.h), 255)
        self.d = ImageDraw.Draw(self.im)
        self.texts = []

    def font(self, size, bold=False, path=None):
        return gc.font(path or self.fam[1 if bold else 0], gc.pt(size))

    def text(self, x, y, s, size=10, bold=False, anchor="la", path=None, fill=0):
        f = self.font(size, bold, path)
        self.d.text((x, y), s, font=f, fill=fill, anchor=anchor)
        self.texts.append(s)
        return x + f.getlength(s)

    def width(self, s, size=10, bold=False, path=None):
        return self.font(size, bold, path).getlength(s)

    def lv(self, x, y, label, value, size=10, gap=18, bold_label=True, vpath=None):
        x2 = self.text(x, y, label, size, bold_label)
        self.text(x2 + gap, y, value, size, path=vpath)
        return y + lh(size)

    def hline(self, x0, x1, y, w=3):
        self.d.line([(x0, y), (x1, y)], fill=0, width=w)

    def vline(self, x, y0, y1, w=3):
        self.d.line([(x, y0), (x, y1)], fill=0, width=w)

    def box(self, x0, y0, x1, y1, w=3, fill=None):
        self.d.rectangle([x0, y0, x1, y1], outline=0, width=w, fill=fill)

    def checkbox(self, x, y, label, checked, size=10):
        s = gc.pt(size) * 0.8
        self.box(x, y + 4, x + s, y + 4 + s, w=3)
        if checked:
            self.d.line([(x + 6, y + 10), (x + s - 6, y + s - 2)], fill=0, width=5)
            self.d.line([(x + s - 6, y + 10), (x + 6, y + s - 2)], fill=0, width=5)
        self.texts.append(("[X] " if checked else "[ ] ") + label)
        f = self.font(size)
        self.d.text((x + s + 14, y), label, font=f, fill=0)
        return x + s + 14 + f.getlength(label)

    def para(self, x, y, width, text, size=10, path=None, gap=1.35):
        f = self.font(size, path=path)
        line = ""
        for word in text.split():
            t = (line + " " + word).strip()
            if f.getlength(t) > width and line:
                self.text(x, y, line, size, path=path)
                y += int(gc.pt(size) * gap)
                line = word
            else:
                line = t
        if line:
            self.text(x, y, line, size, path=path)
            y += int(gc.pt(size) * gap)
        return y

    def all_text(self):
        return "\n".join(self.texts)


def lh(size, k=1.45):
    return int(gc.pt(size) * k)


# ----------------------------------------------------------------------------- document context
class Ctx:
    """Everything one layout needs; collects the truth as the layout prints fields."""

    def __init__(self, rng, pat, clins, era):
        self.rng = rng
        self.pat = pat
        self.clins = clins
        self.era = era
        self.fields = {f: None for f in FIELDS}
        self.printed = {}
        self.notes = []
        self.pages = []
        self.patient_page = 0
        self.fax = False
        self.small = False
        fam_kind = "mono" if era == "old" and rng.random() < 0.7 else rng.choice(["sans", "serif", "sans"])
        self.fam = rng.choice(FONTSETS[fam_kind])
        self.hand = rng.choice(HAND)
        self.org = rng.choice(ORGS)
        a, b = ERAS[era]
        lo = max(a, pat.dob + timedelta(days=400))
        self.enc_date = rdate(rng, lo, b if b > lo else date(2025, 10, 31))
        self.date_fmt = rng.choice(["mdy", "mdY", "dBY"] if era == "old" else DATE_FORMATS)
        others = list(clins)
        rng.shuffle(others)
        self.prov_c = others[0]
        self.others = others[1:]

    def hospital(self):
        """Switch the document's organisation to a hospital (for inpatient-style paperwork)."""
        self.org = self.rng.choice([o for o in ORGS if "Hospital" in o[0] or "Center" in o[0]])

    # --- pages
    def page(self, landscape=False, fam=None):
        p = Page(fam or self.fam, landscape)
        self.pages.append(p)
        return p

    def note(self, tag):
        if tag not in self.notes:
            self.notes.append(tag)

    def distractor(self, *kinds):
        for k in kinds:
            self.note("distractor:" + k)

    def d(self, dt, f=None):
        f = f or self.date_fmt
        if f.startswith("mdy") and not 1930 <= dt.year <= 2029:
            f = "mdY"
        return fmt_date(dt, f)

    # --- truth-recording printers
    def name(self, form=None):
        p = self.rng
        pat = self.pat
        forms = ["LFM", "LFM", "Lfm", "FmL", "FmL", "FL", "LF", "FML_full", "FMLcaps", "Lfull"]
        form = form or p.choice(forms)
        mid = pat.middle
        if not mid and form in ("FML_full", "Lfull"):
            form = "FmL"
        if form in ("LFM", "Lfm", "FmL", "FMLcaps") and mid:
            mpr, mtr = mid[0], mid[0]
        elif form in ("FML_full", "Lfull") and mid:
            mpr, mtr = mid, mid
            self.note("middle_full")
        else:
            mpr = mtr = None
        suf = pat.suffix
        if suf:
            self.note("name_suffix")
        sp = (" " + suf) if suf else ""
        spd = (" " + suf + ("." if suf in ("Jr", "Sr") else "")) if suf else ""
        if form == "LFM":
            s = "%s, %s%s%s" % (pat.last, pat.first, (" " + mpr) if mpr else "", sp)
            s = s.upper()
        elif form == "Lfm":
            s = "%s%s, %s%s" % (pat.last, spd, pat.first, (" " + mpr + ".") if mpr else "")
        elif form == "FmL":
            s = "%s %s%s%s" % (pat.first, (mpr + ". ") if mpr else "", pat.last, spd and ("," + spd) or "")
        elif form == "FL":
            s = "%s %s%s" % (pat.first, pat.last, spd)
        elif form == "LF":
            s = ("%s, %s%s" % (pat.last, pat.first, sp)).upper()
        elif form == "FML_full":
            s = "%s %s %s%s" % (pat.first, mpr, pat.last, spd)
        elif form == "FMLcaps":
            s = ("%s %s%s%s" % (pat.first, (mpr + " ") if mpr else "", pat.last, sp)).upper()
        elif form == "Lfull":
            s = "%s, %s %s%s" % (pat.last, pat.first, mpr, sp)
        else:
            raise ValueError(form)
        truth = " ".join(x for x in [pat.first, mtr, pat.last, suf] if x)
        self.fields["patient_name"] = truth
        self.printed["patient_name"] = [s]
        if pat.same_name_as:
            self.note("same_name_as:" + pat.same_name_as)
        return s

    def split_name(self):
        """Last / First / MI printed in separate cells."""
        pat = self.pat
        last = pat.last + ((" " + pat.suffix) if pat.suffix else "")
        mi = pat.middle[0] if pat.middle else ""
        self.fields["patient_name"] = " ".join(x for x in [pat.first, mi or None, pat.last, pat.suffix] if x)
        self.printed["patient_name"] = [x for x in [last, pat.first, mi] if x]
        self.note("split_name")
        if pat.suffix:
            self.note("name_suffix")
        if pat.same_name_as:
            self.note("same_name_as:" + pat.same_name_as)
        return last, pat.first, mi

    def dob(self, f=None):
        f = f or (self.date_fmt if self.rng.random() < 0.6 else self.rng.choice(DATE_FORMATS))
        s = self.d(self.pat.dob, f)
        self.fields["date_of_birth"] = self.pat.dob.isoformat()
        self.printed["date_of_birth"] = [s]
        return s

    def mrn(self, style=None):
        m = self.pat.mrn
        style = style or self.rng.choice(["plain", "plain", "plain", "dash", "space"])
        if style == "dash" and len(m) >= 6:
            k = len(m) // 2
            s = m[:k] + "-" + m[k:]
        elif style == "space" and len(m) >= 6:
            s = " ".join(m[i:i + 3] for i in range(0, len(m), 3))
        else:
            s = m
        self.fields["mrn"] = m
        self.printed["mrn"] = [s]
        return s

    def sex(self, style=None):
        sx = self.pat.sex
        style = style or self.rng.choice(["letter", "word", "WORD"])
        words = {"F": "Female", "M": "Male", "O": "Other", "U": "Unknown"}
        s = sx if style == "letter" else words[sx] if style == "word" else words[sx].upper()
        self.fields["sex"] = sx
        self.printed["sex"] = [s]
        return s

    def sex_checkbox(self, pg, x, y, size=10):
        sx = self.pat.sex
        opts = [("F", "Female"), ("M", "Male"), ("U", "Unknown")] if sx != "O" else [("F", "Female"), ("M", "Male"), ("O", "Other")]
        for code, lab in opts:
            x = pg.checkbox(x, y, lab, code == sx, size) + 40
        self.fields["sex"] = sx
        self.printed["sex"] = ["[X] " + dict(opts)[sx]]
        self.note("checkbox_sex")

    def enc(self, f=None, when=None):
        when = when or self.enc_date
        s = self.d(when, f)
        self.fields["encounter_date"] = when.isoformat()
        self.printed["encounter_date"] = [s]
        return s

    def prov(self, form=None, c=None):
        c = c or self.prov_c
        form = form or self.rng.choice(["dr", "full_deg", "full_deg", "caps_last", "caps"])
        s, norm = clin_str(c, form)
        self.fields["provider"] = norm
        self.printed["provider"] = [s]
        return s

    def other_clin(self, form=None):
        c = self.others.pop()
        return clin_str(c, form or self.rng.choice(["dr", "full_deg", "caps_last"]))[0]

    # --- reusable blocks
    def letterhead(self, pg, y, align="left", size=15, org=None):
        org = org or self.org
        x = 170 if align == "left" else pg.w // 2
        anc = "la" if align == "left" else "ma"
        pg.text(x, y, org[0].upper() if self.rng.random() < 0.5 else org[0], size, True, anchor=anc)
        y += lh(size)
        pg.text(x, y, "%s  *  %s" % (org[1], org[2]), 9, anchor=anc)
        y += lh(9)
        pg.text(x, y, "Tel %s   Fax %s" % (phone(self.rng, org[3]), phone(self.rng, org[3])), 9, anchor=anc)
        self.distractor("phone_fax")
        return y + lh(9) + 20

    def relative_given(self, pool=None):
        """A relative's given name, never the patient's own."""
        return self.rng.choice([g for g in (pool or GIVEN_F + GIVEN_M) if g != self.pat.first])

    def emergency_contact(self):
        rel = self.rng.choice(RELATION)
        g = self.relative_given(GIVEN_F if rel in ("Mother", "Daughter", "Sister") else
                                GIVEN_M if rel in ("Father", "Son", "Brother") else None)
        self.distractor("emergency_contact")
        return "%s %s" % (g, self.pat.last), rel, phone(self.rng)

    def other_dob(self):
        """A guarantor/subscriber DOB distinct from the patient's."""
        while True:
            d = rdate(self.rng, date(1930, 1, 1), date(1990, 12, 31))
            if d != self.pat.dob:
                return d

    def other_date(self, lo_days, hi_days):
        d = self.enc_date + timedelta(days=self.rng.randint(lo_days, hi_days))
        while d == self.enc_date or d == self.pat.dob:
            d += timedelta(days=1)
        return d

    def account(self, n=None):
        return digits(self.rng, n or self.rng.choice([7, 8, 9]))

    def npi(self):
        self.distractor("npi")
        return "1" + digits(self.rng, 9)

    def continuation(self, kind, header="short", n_par=4):
        """A body page; header: None, 'short' (name + MRN if printed) or 'page'."""
        pg = self.page()
        y = 170
        if header == "short":
            bits = [self.pat.last.upper() + ", " + self.pat.first.upper()]
            if self.fields["mrn"]:
                bits.append(self.printed["mrn"][0])
            pg.text(170, y, "   ".join(bits), 9)
            pg.text(pg.w - 170, y, "Page %d" % len(self.pages), 9, anchor="ra")
            self.note("repeat_header")
            y += lh(9) + 40
        elif header == "page":
            pg.text(pg.w // 2, pg.h - 150, "- %d -" % len(self.pages), 9, anchor="ma")
        for _ in range(n_par):
            y = pg.para(170, y, pg.w - 340, prose(self.rng, kind, 5), 11) + 40
        return pg


# ----------------------------------------------------------------------------- layouts
def results_table(c, pg, x, y, cols, size=9, n=None):
    panel = c.rng.choice(list(gc.LABTESTS))
    rows = gc.LABTESTS[panel]
    pg.text(x, y, panel, size + 1, True)
    y += lh(size + 1)
    for i, h in enumerate(["TEST", "RESULT", "FLAG", "UNITS", "REFERENCE"]):
        pg.text(x + cols[i], y, h, size, True)
    y += lh(size)
    pg.hline(x, x + cols[-1] + 500, y - 8, 2)
    for name, unit, lo, hi, dp in rows[:n]:
        v = c.rng.uniform(lo * 0.8, hi * 1.15)
        flag = "H" if v > hi else "L" if v < lo else ""
        vals = [name, "%.*f" % (dp, v), flag, unit, "%.*f-%.*f" % (dp, lo, dp, hi)]
        for i, s in enumerate(vals):
            if s:
                pg.text(x + cols[i], y, s, size)
        y += lh(size)
    return y + 20


def b2_intake_typewriter(c):
    """1980s patient information card, all caps typewriter, label: value on rules."""
    c.hospital()
    pg = c.page()
    c.note("typewriter")
    S = 11
    y = 200
    pg.text(pg.w // 2, y, c.org[0].upper(), 14, True, anchor="ma")
    y += lh(14)
    pg.text(pg.w // 2, y, "PATIENT INFORMATION / REGISTRATION", 12, anchor="ma")
    y += lh(12) + 60

    def row(y, items):
        x = 170
        for lab, val, w in items:
            x2 = pg.text(x, y, lab, S)
            pg.text(x2 + 20, y - 6, val, S)
            pg.hline(x2 + 10, x + w - 30, y + gc.pt(S) + 2, 2)
            x += w
        return y + lh(S) + 36

    y = row(y, [("VISIT DT:", c.enc("mdy" if c.rng.random() < 0.5 else None), 820), ("CLINIC:", "GEN MED", 600),
                ("UNIT NO.", c.mrn(), 790)])
    y = row(y, [("NAME OF PATIENT:", c.name("LFM"), 2210)])
    y = row(y, [("ADDRESS:", c.pat.street.upper() + ", " + c.pat.town.upper(), 2210)])
    y = row(y, [("BIRTHDATE:", c.dob(), 820), ("SEX:", c.sex("letter"), 400), ("PHONE:", c.pat.phone, 990)])
    y = row(y, [("MARITAL:", c.rng.choice(["S", "M", "W", "D"]), 500),
                ("RELIGION:", c.rng.choice(["CATH", "PROT", "NONE", "JEWISH"]), 700),
                ("OCCUPATION:", c.rng.choice(["RETIRED", "FARMER", "TEACHER", "MACHINIST", "CLERK"]), 1010)])
    y += 30
    nk, rel, ph = c.emergency_contact()
    y = row(y, [("NEAREST RELATIVE:", nk.upper(), 1300), ("REL:", rel.upper(), 910)])
    y = row(y, [("REL. PHONE:", ph, 1300)])
    sub_dob = c.other_dob()
    c.distractor("subscriber", "insurance_ids")
    sub = "%s %s" % (c.relative_given().upper(), c.pat.last.upper())
    y = row(y, [("INSURED'S NAME:", sub, 1300), ("INSURED'S BIRTHDATE:", c.d(sub_dob), 910)])
    y = row(y, [("INS. CO.:", c.rng.choice(PAYERS).upper(), 2210)])
    y = row(y, [("POLICY NO.", c.account(9), 1300), ("GROUP", digits(c.rng, 5), 910)])
    if c.rng.random() < 0.6:
        y = row(y, [("PHYSICIAN:", c.prov("caps"), 1300), ("REFERRED BY:", c.other_clin("dr").upper(), 910)])
        c.distractor("referring")
    else:
        y = row(y, [("REFERRED BY:", c.other_clin("dr").upper(), 2210)])
        c.distractor("referring")
    y += 60
    pg.para(170, y, pg.w - 340, "I CERTIFY THAT THE ABOVE INFORMATION IS CORRECT TO THE BEST OF MY KNOWLEDGE. "
            "I AUTHORIZE PAYMENT OF MEDICAL BENEFITS TO THE UNDERSIGNED PHYSICIAN.", 10)
    y += 260
    pg.hline(170, 1300, y, 2)
    pg.text(170, y + 10, "SIGNATURE", 9)


def b2_intake_captions_below(c):
    """1990s/2000s registration form: values written on lines, small captions underneath."""
    pg = c.page()
    y = c.letterhead(pg, 150, "center")
    pg.text(pg.w // 2, y, "New Patient Registration", 16, True, anchor="ma")
    y += lh(16) + 50
    V, C = 12, 7

    def cells(y, items):
        x = 170
        for cap, val, w, path in items:
            if val:
                pg.text(x + 10, y, val, V, path=path)
            pg.hline(x, x + w - 40, y + gc.pt(V) + 14, 2)
            pg.text(x, y + gc.pt(V) + 22, cap, C)
            x += w
        return y + gc.pt(V) + 22 + lh(C) + 40

    hp = c.hand if c.rng.random() < 0.6 else None
    y = cells(y, [("Today's Date", c.enc(), 700, hp), ("Chart #  (office use)", c.mrn(), 800, None),
                  ("Preferred language", "English", 710, hp)])
    last, first, mi = c.split_name()
    y = cells(y, [("Patient Last Name", last, 1000, hp), ("First", first, 900, hp), ("M.I.", mi, 310, hp)])
    y = cells(y, [("Birthdate (mm/dd/yyyy)", c.dob("mdY"), 800, hp), ("Social Security No.", "XXX-XX-" + digits(c.rng, 4), 800, hp),
                  ("Marital status", c.rng.choice(["Married", "Single", "Widowed"]), 610, hp)])
    pg.text(170, y, "Sex at birth:", 10, True)
    c.sex_checkbox(pg, 520, y, 10)
    y += lh(10) + 40
    y = cells(y, [("Street address", c.pat.street, 1100, hp), ("City, State, ZIP", c.pat.town, 1110, hp)])
    y = cells(y, [("Home phone", c.pat.phone, 700, hp), ("Primary care provider (if any)", c.other_clin("dr"), 1510, hp)])
    c.distractor("pcp")
    y += 10
    pg.text(170, y, "EMERGENCY CONTACT", 11, True)
    y += lh(11) + 10
    nk, rel, ph = c.emergency_contact()
    y = cells(y, [("Name", nk, 1000, hp), ("Relationship", rel, 600, hp), ("Phone", ph, 610, hp)])
    pg.text(170, y, "RESPONSIBLE PARTY / GUARANTOR (if not the patient)", 11, True)
    y += lh(11) + 10
    g = "%s %s" % (c.relative_given(), c.pat.last)
    gdob = c.other_dob()
    grel = "Parent" if gdob < c.pat.dob else "Spouse"
    y = cells(y, [("Guarantor name", g, 1000, hp), ("Guarantor birthdate", c.d(gdob, "mdY"), 600, hp),
                  ("Relationship", grel, 610, hp)])
    c.distractor("guarantor")
    pg.text(170, y, "INSURANCE", 11, True)
    y += lh(11) + 10
    y = cells(y, [("Carrier", c.rng.choice(PAYERS), 900, hp), ("Member ID", c.rng.choice("XYZ") + digits(c.rng, 9), 700, hp),
                  ("Group #", digits(c.rng, 6), 610, hp)])
    y = cells(y, [("Subscriber", g, 900, hp), ("Subscriber DOB", c.d(gdob, "mdY"), 700, hp), ("", "", 610, hp)])
    c.distractor("subscriber", "insurance_ids")


def b2_facesheet_grid(c):
    """Hospital face sheet: ruled grid, header cells with the values in the row beneath."""
    c.hospital()
    pg = c.page()
    S, Hs = 10, 7
    y = 140
    pg.text(170, y, c.org[0].upper(), 13, True)
    pg.text(pg.w - 170, y, "INPATIENT FACE SHEET", 13, True, anchor="ra")
    y += lh(13) + 30
    x0, x1 = 150, pg.w - 150

    def grid_row(y, cells):
        widths = [w for _, _, w in cells]
        tot = sum(widths)
        x = x0
        hgt = gc.pt(Hs) + gc.pt(S) + 50
        for hdr, val, w in cells:
            cw = (x1 - x0) * w / tot
            pg.box(x, y, x + cw, y + hgt, 2)
            pg.text(x + 10, y + 6, hdr, Hs, True)
            if val:
                pg.text(x + 14, y + gc.pt(Hs) + 22, val, S)
            x += cw
        return y + hgt

    acct = c.account(9)
    c.distractor("account_no", "discharge_date", "admitting")
    y = grid_row(y, [("PATIENT NAME (LAST, FIRST MI)", c.name("LFM"), 5), ("HOSP #", c.mrn(), 2), ("ACCT #", acct, 2),
                     ("ROOM/BED", "%d-%s" % (c.rng.randint(201, 640), c.rng.choice("AB")), 1)])
    y = grid_row(y, [("ADMIT DATE", c.enc(), 2), ("ADMIT TIME", "%02d:%02d" % (c.rng.randint(0, 23), c.rng.randint(0, 59)), 1),
                     ("DISCH DATE", c.d(c.other_date(2, 9)), 2), ("ADM TYPE", c.rng.choice(["EMERGENCY", "ELECTIVE", "URGENT"]), 2),
                     ("SERVICE", c.rng.choice(["MED", "SURG", "CARD", "ORTH"]), 1)])
    age = (c.enc_date - c.pat.dob).days // 365
    y = grid_row(y, [("BIRTHDATE", c.dob(), 2), ("AGE", str(age), 1), ("SEX", c.sex("letter"), 1),
                     ("MARITAL", c.rng.choice(["M", "S", "W", "D"]), 1), ("RACE", c.rng.choice(["W", "B", "A", "O", "U"]), 1),
                     ("RELIGION", c.rng.choice(["CATHOLIC", "BAPTIST", "NONE", "LUTHERAN"]), 2)])
    y = grid_row(y, [("STREET", c.pat.street.upper(), 4), ("CITY / STATE / ZIP", c.pat.town.upper(), 4), ("PHONE", c.pat.phone, 2)])
    y = grid_row(y, [("ATTENDING", c.prov("caps_last"), 3), ("ADMITTING", c.other_clin("caps_last"), 3),
                     ("PCP", c.other_clin("caps_last"), 3)])
    c.distractor("pcp")
    nk, rel, ph = c.emergency_contact()
    y = grid_row(y, [("NEXT OF KIN", nk.upper(), 4), ("RELATIONSHIP", rel.upper(), 2), ("NOK PHONE", ph, 2)])
    g = "%s, %s" % (c.pat.last.upper(), c.relative_given().upper())
    y = grid_row(y, [("GUARANTOR", g, 4), ("GUAR DOB", c.d(c.other_dob()), 2), ("GUAR EMPLOYER", "SELF", 2)])
    c.distractor("guarantor")
    y = grid_row(y, [("PRIMARY INS", c.rng.choice(PAYERS).upper(), 3), ("POLICY #", c.rng.choice("ABWX") + digits(c.rng, 9), 2),
                     ("GROUP #", digits(c.rng, 6), 2), ("AUTH #", "A" + digits(c.rng, 7), 2)])
    c.distractor("insurance_ids")
    y += 40
    pg.text(170, y, "ADMITTING DIAGNOSIS:", 10, True)
    pg.text(700, y, c.rng.choice(gc.DX)[0].upper(), 10)
    y += lh(10) * 2
    pg.text(170, pg.h - 200, "PRINTED %s %02d:%02d  BY %s" % (c.d(c.other_date(0, 3)), c.rng.randint(0, 23),
                                                               c.rng.randint(0, 59), "ADMREG" + digits(c.rng, 2)), 7)
    c.distractor("printed_timestamp")


def b2_pn_addressograph(c):
    """Ruled physician progress-note sheet with an embossed addressograph imprint (no labels)."""
    pg = c.page()
    c.note("addressograph")
    y = 150
    pg.text(170, y, c.org[0].upper(), 12, True)
    pg.text(170, y + lh(12), "PHYSICIAN PROGRESS NOTES", 14, True)
    emb = ("freefont/FreeMonoBold.ttf", "freefont/FreeMonoBold.ttf")
    bx = 1350
    pg.box(bx - 30, 120, pg.w - 120, 520, 2)
    ip = Page(emb)  # only for font lookup
    f = ip.font(11, True)
    name = c.name("LFM")
    variant = c.rng.random()
    if variant < 0.5:
        lines = ["%s" % name, "%s   %s   %s" % (c.mrn(), c.dob("mdY"), c.sex("letter")),
                 "ADM %s" % c.d(c.other_date(-30, -1), "mdy"), "ACCT %s" % c.account(8)]
        c.distractor("account_no", "admission_date")
    else:
        lines = ["%s   MRN %s" % (name, c.mrn()), "DOB %s / %s" % (c.dob(), c.sex("letter")),
                 "PCP %s" % c.other_clin("caps_last").split(",")[0]]
        c.distractor("pcp")
    yy = 150
    for ln in lines:
        pg.d.text((bx, yy), ln, font=f, fill=60)
        pg.texts.append(ln)
        yy += lh(11)
    y = 600
    pg.hline(150, pg.w - 150, y, 3)
    pg.text(170, y + 10, "DATE", 10, True)
    pg.text(560, y + 10, "NOTES  (sign each entry)", 10, True)
    y += lh(10) + 20
    pg.hline(150, pg.w - 150, y, 2)
    pg.vline(520, 600, pg.h - 200, 2)
    ey = y + 20
    pg.text(170, ey, c.enc(c.rng.choice(["mdy", "mdY", "m.d.Y"])), 10)
    body = "S: " + prose(c.rng, "hpi", 3) + " O: " + prose(c.rng, "exam", 3) + " A/P: " + prose(c.rng, "plan", 3)
    ey = pg.para(560, ey, pg.w - 760, body, 11, path=c.hand, gap=1.6)
    pg.text(560, ey + 20, "Seen by: " + c.prov(c.rng.choice(["dr", "full_deg"])), 11, path=c.hand)
    ey += lh(11) * 2 + 40
    for yy in range(y + 80, pg.h - 200, 90):
        pg.hline(150, pg.w - 150, yy, 1)


def b2_pn_rightblock(c):
    """EHR clinic note: letterhead left, right-aligned patient block with short labels."""
    pg = c.page()
    y = c.letterhead(pg, 150, "left", 14)
    xr = pg.w - 170
    yy = 150
    items = [("Pt:", c.name(c.rng.choice(["FmL", "FL", "FML_full"]))), ("Med Rec:", c.mrn()), ("Born:", c.dob()),
             ("Gender:", c.sex("word")), ("Visit Dt:", c.enc()), ("Rendering Provider:", c.prov("full_deg"))]
    lw = max(pg.width(lab, 9, True) for lab, _ in items)
    vw = max(pg.width(v, 10) for _, v in items)
    x0 = xr - vw - lw - 30
    for lab, val in items:
        pg.text(x0, yy, lab, 9, True)
        pg.text(xr, yy, val, 10, anchor="ra")
        yy += lh(10)
    y = max(y, yy) + 40
    pg.hline(170, pg.w - 170, y, 4)
    y += 40
    pg.text(170, y, "OFFICE VISIT - " + c.rng.choice(["FOLLOW UP", "ESTABLISHED PATIENT", "ACUTE VISIT"]), 13, True)
    y += lh(13) + 20
    ref = c.other_clin("full_deg")
    c.distractor("referring")
    y = pg.lv(170, y, "Referring:", ref, 10)
    for title, kind in [("Subjective", "hpi"), ("Objective", "exam"), ("Assessment & Plan", "plan")]:
        pg.text(170, y + 20, title, 11, True)
        y = pg.para(170, y + 20 + lh(11), pg.w - 340, prose(c.rng, kind, 4), 10) + 20
    nxt = c.other_date(30, 120)
    y = pg.lv(170, y + 20, "Next appointment:", "%s at %d:%02d %s" % (c.d(nxt), c.rng.randint(8, 11), c.rng.choice([0, 15, 30, 45]),
                                                                    "AM"), 10)
    c.distractor("next_appt")
    pg.text(170, pg.h - 180, "Printed %s by %s" % (c.d(c.other_date(1, 60), "mdY"), "frontdesk" + digits(c.rng, 2)), 7)
    c.distractor("printed_timestamp")


def b2_pn_threecol(c):
    """Progress note with a three-column header band, labels above values."""
    pg = c.page()
    y = c.letterhead(pg, 150, "center", 14)
    pg.box(150, y, pg.w - 150, y + 3 * (lh(7) + lh(10)) + 70, 3)
    colx = [180, 180 + 760, 180 + 1520]
    acct = c.account(8)
    c.distractor("account_no", "pcp")
    cols = [[("Patient Nm", c.name()), ("Birthdate", c.dob()), ("Sex", c.sex())],
            [("MR No", c.mrn()), ("Service Date", c.enc()), ("Location", c.rng.choice(["Clinic B", "Suite 210", "Telehealth"]))],
            [(c.rng.choice(["Seen by", "Author"]), c.prov("full_deg")), ("PCP", c.other_clin("full_deg")), ("Acct #", acct)]]
    for x, col in zip(colx, cols):
        yy = y + 20
        for lab, val in col:
            pg.text(x, yy, lab, 7, True)
            pg.text(x, yy + lh(7), val, 10)
            yy += lh(7) + lh(10) + 10
    y += 3 * (lh(7) + lh(10)) + 110
    for title, kind, n in [("CHIEF COMPLAINT / HPI", "hpi", 5), ("EXAM", "exam", 4), ("ASSESSMENT AND PLAN", "plan", 4)]:
        pg.text(170, y, title, 10, True)
        y = pg.para(170, y + lh(10), pg.w - 340, prose(c.rng, kind, n), 10) + 30
    sd = c.other_date(1, 6)
    pg.text(170, y + 40, "Electronically signed by %s on %s %02d:%02d" % (clin_str(c.prov_c, "plain")[0], c.d(sd),
                                                                         c.rng.randint(7, 20), c.rng.randint(0, 59)), 9)
    c.distractor("signature_date")
    if c.rng.random() < 0.4:
        c.continuation("hpi", "short", 3)


def b2_pn_behavioral(c):
    """Behavioral-health session note: Client Name / Record No. / DOS / Clinician."""
    pg = c.page()
    y = c.letterhead(pg, 150, "left", 13, org=ORGS[7])
    pg.text(170, y, "INDIVIDUAL THERAPY PROGRESS NOTE", 13, True)
    y += lh(13) + 30
    rows = [("Client Name:", c.name(c.rng.choice(["FL", "FmL", "Lfm"])), "Record No.:", c.mrn()),
            ("Birthdate:", c.dob(), "Sex at birth:", c.sex("word")),
            ("DOS:", c.enc(), "Session:", "%d:%02d - %d:%02d" % (c.rng.randint(9, 15), 0, c.rng.randint(9, 15), 50)),
            ("Clinician:", c.prov("full_deg"),
             "Case manager:", "%s %s" % (c.rng.choice(GIVEN_F), c.rng.choice(CLIN_LAST)))]
    c.distractor("case_manager")
    for a, b, cc, d in rows:
        pg.text(170, y, a, 10, True)
        pg.text(520, y, b, 10)
        pg.text(1330, y, cc, 10, True)
        pg.text(1700, y, d, 10)
        y += lh(10) + 8
    y += 30
    pg.hline(170, pg.w - 170, y, 2)
    y += 30
    pg.text(170, y, "Service: 90834 Psychotherapy, 45 min     Dx: " + c.rng.choice(["F41.1", "F32.1", "F43.23", "F33.0"]), 10)
    y += lh(10) + 20
    for title in ["Session content", "Interventions", "Response / progress", "Plan"]:
        pg.text(170, y, title, 11, True)
        y = pg.para(170, y + lh(11), pg.w - 340, prose(c.rng, "bh", 3), 10) + 25
    nxt = c.other_date(7, 21)
    pg.lv(170, y + 20, "Next session:", c.d(nxt), 10)
    c.distractor("next_appt")


def b2_lab_wide_landscape(c):
    """Landscape lab printout: one wide header table row, values beneath the header."""
    pg = c.page(landscape=True)
    c.note("landscape")
    y = 130
    lab = c.rng.choice(LABS)
    pg.text(150, y, lab.upper(), 14, True)
    pg.text(pg.w - 150, y, "CUMULATIVE RESULTS REPORT", 12, True, anchor="ra")
    y += lh(14) + 30
    acc = "%s%02d-%06d" % (c.rng.choice(["A", "LN", "C"]), c.enc_date.year % 100, c.rng.randint(1, 999999))
    coll = c.enc_date
    recv = c.enc_date + timedelta(days=c.rng.choice([0, 1]))
    rep = c.other_date(1, 4)
    c.distractor("accession", "lab_dates", "lab_director")
    head = [("Patient Nm", c.name("LFM")), ("MR No", c.mrn()), ("Birthdate", c.dob()), ("Sex", c.sex("letter")),
            ("DOS", c.enc()), ("Ordering", c.prov("caps_last")), ("Accession", acc),
            ("Collected", c.d(coll) + " 07:%02d" % c.rng.randint(0, 59)), ("Received", c.d(recv)), ("Reported", c.d(rep))]
    x = 150
    S = 8
    pos = []
    for lab_, val in head:
        w = max(pg.width(lab_, S, True), pg.width(val, S)) + 45
        pos.append((x, lab_, val))
        x += w
    pg.box(140, y - 10, pg.w - 140, y + lh(S) * 2 + 20, 2)
    for x, lab_, val in pos:
        pg.text(x, y, lab_, S, True)
        pg.text(x, y + lh(S) + 6, val, S)
    y += lh(S) * 2 + 60
    cols = [0, 700, 1000, 1150, 1500]
    y = results_table(c, pg, 150, y, cols, 9)
    y = results_table(c, pg, 150, y + 20, cols, 9, 5)
    pg.text(150, pg.h - 160, "Laboratory Director: %s   CLIA %sD%s" % (c.other_clin("full_deg"), digits(c.rng, 2), digits(c.rng, 7)), 7)


def b2_lab_mono_small(c):
    """Dense 8-pt hospital LIS printout (mono), many dates and numbers around the fields."""
    c.hospital()
    pg = c.page(fam=FONTSETS["mono"][c.rng.randint(0, 2)])
    c.small = True
    c.note("small_print")
    S = 8
    x = 150
    y = 150
    ln = lh(S, 1.3)
    acct = c.account(9)
    c.distractor("account_no", "lab_dates", "accession", "printed_timestamp")
    lines = [
        "%-44s%s" % (c.org[0].upper() + " - LABORATORY", "RUN DATE: %s %02d:%02d" % (
            c.d(c.other_date(2, 5), "mdy0"), c.rng.randint(0, 23), c.rng.randint(0, 59))),
        "-" * 96,
        "PATIENT: %-34sUNIT NO.: %-14sACCT: %s" % (c.name("LFM"), c.mrn(c.rng.choice(["plain", "dash"])), acct),
        "D.O.B.: %-12s AGE: %-4s SEX: %-3s LOC: %-8s ROOM: %s" % (
            c.dob("mdY"), (c.enc_date - c.pat.dob).days // 365, c.sex("letter"), c.rng.choice(["4W", "ICU", "ER", "OP"]),
            c.rng.randint(100, 499)),
        "SERVICE DATE: %-12s ORDERING: %s" % (c.enc("mdY"), c.prov("caps_last")),
        "ATTN DR COPY TO: %s" % c.other_clin("caps_last"),
        "-" * 96,
    ]
    c.distractor("cc")
    for s in lines:
        pg.text(x, y, s, S)
        y += ln
    for _ in range(3):
        spec = "%02d%03d%04d" % (c.enc_date.year % 100, c.enc_date.timetuple().tm_yday, c.rng.randint(0, 9999))
        coll = c.enc_date
        rec = c.enc_date + timedelta(days=c.rng.choice([0, 1]))
        pg.text(x, y, "SPEC #: %s   COLL: %s %02d:%02d   RECD: %s %02d:%02d   STATUS: FINAL" % (
            spec, c.d(coll, "mdY"), c.rng.randint(5, 9), c.rng.randint(0, 59), c.d(rec, "mdY"), c.rng.randint(9, 23),
            c.rng.randint(0, 59)), S)
        y += ln
        panel = c.rng.choice(list(gc.LABTESTS))
        pg.text(x, y, "  " + panel, S, True)
        y += ln
        for name, unit, lo, hi, dp in gc.LABTESTS[panel]:
            v = c.rng.uniform(lo * 0.85, hi * 1.1)
            flag = "H" if v > hi else "L" if v < lo else " "
            pg.text(x, y, "    %-26s %10s %s  %-10s (%s-%s)" % (name.upper(), "%.*f" % (dp, v), flag, unit, "%.*f" % (dp, lo),
                                                               "%.*f" % (dp, hi)), S)
            y += ln
        y += ln
    pg.text(x, y + ln, "** END OF REPORT **   PAGE 1", S)


def b2_lab_outreach(c):
    """Reference-lab report: patient box left, client/physician box right, requisition numbers."""
    pg = c.page()
    lab = c.rng.choice(LABS)
    y = 140
    pg.text(170, y, lab, 17, True)
    pg.text(pg.w - 170, y + 10, "Final Report", 12, True, anchor="ra")
    y += lh(17)
    pg.text(170, y, "%d Commerce Dr, Suite %d  |  Client Services %s" % (c.rng.randint(100, 999), c.rng.randint(1, 40),
                                                                      phone(c.rng)), 8)
    y += lh(8) + 30
    top = y
    mid = pg.w // 2 + 40
    pg.box(150, top, mid - 30, top + 560, 3)
    pg.box(mid, top, pg.w - 150, top + 560, 3)
    pg.text(175, top + 15, "PATIENT INFORMATION", 9, True)
    pg.text(mid + 25, top + 15, "CLIENT / PHYSICIAN INFORMATION", 9, True)
    yy = top + 15 + lh(9) + 10
    for lab_, val in [("Name", c.name(c.rng.choice(["LFM", "Lfm", "Lfull"]))), ("Hosp #", c.mrn()),
                      ("D.O.B.", c.dob()), ("Sex at birth", c.sex("word")),
                      ("Date of Service", c.enc()), ("Phone", c.pat.phone)]:
        pg.text(180, yy, lab_, 8)
        pg.text(520, yy, val, 10)
        yy += lh(10) + 4
    yy = top + 15 + lh(9) + 10
    rep = c.other_date(1, 5)
    c.distractor("lab_dates", "accession", "npi", "account_no")
    for lab_, val in [("Client #", digits(c.rng, 5)), ("Ordering Physician", c.prov("caps_last")), ("NPI", c.npi()),
                      ("Specimen ID", "%s%s" % (c.rng.choice("SQW"), digits(c.rng, 9))),
                      ("Collected", c.d(c.enc_date) + " 08:%02d" % c.rng.randint(0, 59)),
                      ("Received", c.d(c.enc_date + timedelta(days=1))), ("Reported", c.d(rep))]:
        pg.text(mid + 30, yy, lab_, 8)
        pg.text(mid + 420, yy, val, 10)
        yy += lh(10) - 2
    y = top + 600
    y = results_table(c, pg, 170, y, [0, 800, 1100, 1250, 1650], 10)
    y = results_table(c, pg, 170, y + 20, [0, 800, 1100, 1250, 1650], 10)
    pg.text(170, pg.h - 200, "Medical Director: %s" % c.other_clin("full_deg"), 8)
    c.distractor("lab_director")


def b2_dc_dictated(c):
    """Transcribed discharge summary (1990s), DICTATED BY/D:/T: lines, cc list, multi-page."""
    c.hospital()
    pg = c.page()
    y = 160
    pg.text(pg.w // 2, y, c.org[0].upper(), 13, True, anchor="ma")
    y += lh(13)
    pg.text(pg.w // 2, y, "DISCHARGE SUMMARY", 13, True, anchor="ma")
    y += lh(13) + 50
    dis = c.other_date(2, 12)
    c.distractor("discharge_date", "dictated_by", "cc", "signature_date")
    for a, b in [("PATIENT:", c.name(c.rng.choice(["LFM", "LF", "Lfull"]))), ("HOSP #:", c.mrn()),
                 ("D.O.B.:", c.dob()), ("ADMIT DATE:", c.enc()), ("DISCHARGE DATE:", c.d(dis)),
                 ("ATTENDING:", c.prov(c.rng.choice(["caps", "caps_last"])))]:
        pg.text(170, y, a, 11)
        pg.text(720, y, b, 11)
        y += lh(11)
    y += 40
    for title, kind in [("ADMITTING DIAGNOSIS:", None), ("HOSPITAL COURSE:", "hosp"), ("DISCHARGE MEDICATIONS:", None),
                        ("CONDITION ON DISCHARGE:", None)]:
        pg.text(170, y, title, 11, True)
        y += lh(11)
        if kind:
            y = pg.para(170, y, pg.w - 340, prose(c.rng, kind, 6), 11) + 30
        elif title.startswith("ADMITTING"):
            y = pg.para(170, y, pg.w - 340, c.rng.choice(gc.DX)[0] + ".", 11) + 30
        elif title.startswith("DISCHARGE MED"):
            for m in c.rng.sample(gc.MEDS, 4):
                pg.text(230, y, "%s %s %s" % (m[0], m[1][0], m[3]), 11)
                y += lh(11)
            y += 30
        else:
            y = pg.para(170, y, pg.w - 340, "Stable. Follow up with primary physician in one to two weeks.", 11) + 30
    res = c.other_clin("caps")
    dd = dis + timedelta(days=c.rng.randint(0, 3))
    td = dd + timedelta(days=c.rng.randint(1, 4))
    y += 40
    pg.text(170, y, "DICTATED BY: %s" % res, 10)
    y += lh(10)
    pg.text(170, y, "D: %s   T: %s   JOB #%s" % (c.d(dd), c.d(td), digits(c.rng, 6)), 10)
    y += lh(10)
    pg.text(170, y, "cc: %s" % c.other_clin("dr"), 10)
    if c.rng.random() < 0.6:
        c.continuation("hosp", c.rng.choice(["short", "page"]), 4)


def b2_dc_boxgrid(c):
    """Modern discharge summary: bordered grid with small labels above values."""
    c.hospital()
    pg = c.page()
    y = c.letterhead(pg, 140, "left", 14)
    pg.text(pg.w - 170, 150, "Discharge Summary", 18, True, anchor="ra")
    dis = c.other_date(1, 8)
    c.distractor("discharge_date", "pcp", "encounter_no")
    cells = [[("Name of Patient", c.name(c.rng.choice(["FmL", "Lfm", "FML_full"]))), ("MRN", c.mrn()),
              ("Date of Birth", c.dob()), ("Gender", c.sex("word"))],
             [("Admit Date", c.enc()), ("Discharge Date", c.d(dis)), ("Encounter #", c.account(10)),
              ("Attending", c.prov("full_deg"))],
             [("Primary Care", c.other_clin("full_deg")), ("Disposition", c.rng.choice(["Home", "Home w/ services", "SNF"])),
              ("Unit", c.rng.choice(["5 East", "Tele 3", "Ortho 2"])), ("LOS", "%d days" % (dis - c.enc_date).days)]]
    x0, x1 = 150, pg.w - 150
    cw = (x1 - x0) / 4
    hgt = lh(7) + lh(10) + 30
    for row in cells:
        for i, (lab, val) in enumerate(row):
            xx = x0 + i * cw
            pg.box(xx, y, xx + cw, y + hgt, 2)
            pg.text(xx + 12, y + 8, lab, 7)
            pg.text(xx + 12, y + 8 + lh(7), val, 9 if len(val) > 22 else 10)
        y += hgt
    y += 50
    for title, kind, n in [("Reason for Admission", "hpi", 3), ("Hospital Course", "hosp", 6), ("Follow-up", "plan", 3)]:
        pg.text(170, y, title, 12, True)
        y = pg.para(170, y + lh(12), pg.w - 340, prose(c.rng, kind, n), 10) + 30
    if c.rng.random() < 0.5:
        c.continuation("hosp", "short", 3)


def b2_dc_snf_resident(c):
    """Skilled-nursing facility discharge/transfer summary: 'Resident', responsible party."""
    org = (c.rng.choice(SNF), "%d Parkside Dr" % c.rng.randint(10, 999), c.rng.choice(ORGS)[2], c.rng.choice([308, 417, 603]))
    pg = c.page()
    y = c.letterhead(pg, 150, "center", 14, org=org)
    pg.text(pg.w // 2, y, "RESIDENT DISCHARGE / TRANSFER SUMMARY", 13, True, anchor="ma")
    y += lh(13) + 40
    dis = c.other_date(10, 60)
    rp, rel, ph = c.emergency_contact()
    c.distractor("discharge_date", "guardian")
    lines = [("Resident:", c.name(c.rng.choice(["Lfm", "LFM", "FmL"])), "Record No.:", c.mrn()),
             ("Birthdate:", c.dob(), "Sex:", c.sex("word")),
             ("Admit Date:", c.enc(), "Discharge Date:", c.d(dis)),
             ("Attending Physician:", c.prov(c.rng.choice(["dr", "full_deg"])), "Room:", str(c.rng.randint(100, 160))),
             ("Responsible Party:", "%s (%s)" % (rp, rel.lower()), "Phone:", ph)]
    for a, b, cc, d in lines:
        pg.text(170, y, a, 10, True)
        pg.text(650, y, b, 10)
        pg.text(1500, y, cc, 10, True)
        pg.text(1880, y, d, 10)
        y += lh(10) + 10
    y += 30
    pg.text(170, y, "Discharged to:", 10, True)
    pg.text(650, y, c.rng.choice(["Home with family", "Cedar Valley Hospital ED", "Assisted living"]), 10)
    y += lh(10) + 30
    for title, kind in [("Summary of stay", "hosp"), ("Functional status", "exam"), ("Instructions", "plan")]:
        pg.text(170, y, title, 11, True)
        y = pg.para(170, y + lh(11), pg.w - 340, prose(c.rng, kind, 4), 10) + 30
    pg.hline(170, 1100, y + 120, 2)
    pg.text(170, y + 130, "Nurse completing form: %s %s, RN" % (c.rng.choice(GIVEN_F), c.rng.choice(FAMILY)), 8)
    c.distractor("nurse")


def b2_ref_prose_inline(c):
    """Referral letter with the patient only inline: 'Re: Jane Q. Doe (DOB ..., MRN ...)'."""
    pg = c.page()
    c.note("prose_inline")
    y = c.letterhead(pg, 150, "center", 15)
    pg.hline(170, pg.w - 170, y, 2)
    y += 60
    pg.text(170, y, c.enc("BdY" if c.rng.random() < 0.6 else None), 11)
    y += lh(11) * 2
    addressee = c.others.pop()
    spec = c.rng.choice(gc.SPECIALTIES)
    for s in [clin_str(addressee, "full_deg")[0], spec, c.rng.choice(ORGS)[0], "Fax %s" % phone(c.rng)]:
        pg.text(170, y, s, 11)
        y += lh(11)
    c.distractor("addressee", "cc")
    y += 40
    nm = c.name(c.rng.choice(["FmL", "FL", "FML_full"]))
    dob = c.dob(c.rng.choice(["mdy", "m/d/Y", "mdY"]))
    if c.rng.random() < 0.3:
        re_line = "Re: %s (DOB %s)" % (nm, dob)
    else:
        re_line = "Re: %s (DOB %s, MRN %s)" % (nm, dob, c.mrn())
    pg.text(170, y, re_line, 11, True)
    y += lh(11) * 2
    pg.text(170, y, "Dear Dr. %s:" % addressee.last, 11)
    y += lh(11) * 2
    y = pg.para(170, y, pg.w - 340, "I am writing to refer the above patient to you for evaluation of %s. %s" % (
        c.rng.choice(gc.DX)[0].lower(), prose(c.rng, "hpi", 4)), 11) + 30
    y = pg.para(170, y, pg.w - 340, "Current medications include %s. Recent results and the last two office notes are "
                "enclosed. Thank you for seeing this patient." % ", ".join(m[0] for m in c.rng.sample(gc.MEDS, 3)), 11) + 50
    pg.text(170, y, "Sincerely,", 11)
    y += 230
    pg.text(170, y, c.prov("full_deg"), 11)
    y += lh(11)
    pg.text(170, y, c.org[0], 11)
    y += lh(11) * 2
    pg.text(170, y, "cc: %s" % c.other_clin("full_deg"), 9)


def b2_ref_consult_reply(c):
    """Consultant's reply letter; a labelled Date of Service differs from the letter date."""
    pg = c.page()
    spec = c.rng.choice(gc.SPECIALTIES)
    org = (c.org[0].replace("Medical", spec) if "Medical" in c.org[0] else "%s %s Associates" % (c.org[0].split()[0], spec),
           c.org[1], c.org[2], c.org[3])
    y = c.letterhead(pg, 150, "left", 15, org=org)
    letter = c.other_date(3, 20)
    pg.text(pg.w - 170, 160, c.d(letter, "BdY"), 11, anchor="ra")
    c.distractor("letter_date", "addressee", "cc")
    y += 40
    ref = c.others.pop()
    for s in [clin_str(ref, "full_deg")[0], c.rng.choice(ORGS)[0]]:
        pg.text(170, y, s, 11)
        y += lh(11)
    y += 40
    for a, b in [("Patient:", c.name(c.rng.choice(["FmL", "FL", "LFM"]))), ("Date of Birth:", c.dob()),
                 ("Chart No.:", c.mrn()), ("Date of Service:", c.enc())]:
        pg.text(170, y, a, 11, True)
        pg.text(600, y, b, 11)
        y += lh(11)
    y += 40
    pg.text(170, y, "Dear Dr. %s," % ref.last, 11)
    y += lh(11) * 2
    y = pg.para(170, y, pg.w - 340, "Thank you for asking me to see your patient in %s consultation. %s" % (
        spec.lower(), prose(c.rng, "consult", 5)), 11) + 30
    y = pg.para(170, y, pg.w - 340, "Impression: " + c.rng.choice(gc.DX)[0] + ". " + prose(c.rng, "plan", 3), 11) + 50
    pg.text(170, y, "With kind regards,", 11)
    y += 220
    pg.text(170, y, c.prov("full_deg"), 11)
    y += lh(11)
    pg.text(170, y, spec, 11)
    y += lh(11) * 2
    pg.text(170, y, "cc: %s; patient chart" % clin_str(ref, "dr")[0], 9)


def fax_cover(c, npages, sender):
    pg = c.page(fam=FONTSETS["sans"][0])
    y = 200
    pg.text(170, y, "FAX", 40, True)
    pg.text(pg.w - 170, y + 40, sender[0], 12, True, anchor="ra")
    y += lh(40) + 40
    pg.hline(170, pg.w - 170, y, 6)
    y += 50
    to = c.others.pop()
    c.distractor("fax_cover_names")
    for a, b in [("To:", clin_str(to, "dr")[0] + " / Referrals"), ("Fax:", phone(c.rng)), ("From:", sender[0]),
                 ("Phone:", phone(c.rng, sender[3])), ("Date:", c.d(c.fax_date)), ("Pages:", "%d (including cover)" % npages),
                 ("Re:", c.rng.choice(["Referral", "Records request", "Patient referral - please schedule"]))]:
        pg.text(170, y, a, 13, True)
        pg.text(550, y, b, 13)
        y += lh(13) + 10
    y += 80
    pg.para(170, y, pg.w - 340, "CONFIDENTIALITY NOTICE: This facsimile contains protected health information that is "
            "privileged and confidential. If you have received it in error, please notify the sender by telephone and "
            "destroy all copies.", 9)
    return pg


def b2_ref_fax_form(c):
    """Faxed referral request form (always preceded by a fax cover sheet)."""
    c.fax = True
    c.fax_date = c.enc_date + timedelta(days=c.rng.randint(0, 2))
    fax_cover(c, 2, c.org)
    c.patient_page = 1
    pg = c.page()
    y = c.letterhead(pg, 150, "left", 13)
    pg.text(pg.w - 170, 160, "REFERRAL REQUEST", 16, True, anchor="ra")
    pg.box(150, y, pg.w - 150, y + 80, 3, fill=225)
    pg.text(170, y + 15, "Referral Date:", 11, True)
    pg.text(560, y + 15, c.enc(), 11)
    pg.text(1300, y + 15, "Urgency:", 11, True)
    pg.text(1560, y + 15, c.rng.choice(["Routine", "Urgent", "STAT"]), 11)
    y += 130
    pg.text(170, y, "PATIENT", 11, True)
    y += lh(11)
    pg.text(170, y, "Name of Patient:", 10)
    pg.text(560, y, c.name(c.rng.choice(["Lfm", "LFM", "FmL"])), 10)
    pg.text(1300, y, "Chart #:", 10)
    pg.text(1560, y, c.mrn(), 10)
    y += lh(10) + 6
    pg.text(170, y, "D.O.B.:", 10)
    pg.text(560, y, c.dob(), 10)
    pg.text(1300, y, "Gender:", 10)
    pg.text(1560, y, c.sex("word"), 10)
    y += lh(10) + 6
    pg.text(170, y, "Insurance:", 10)
    pg.text(560, y, c.rng.choice(PAYERS), 10)
    pg.text(1300, y, "Member ID:", 10)
    pg.text(1560, y, c.rng.choice("HJK") + digits(c.rng, 9), 10)
    c.distractor("insurance_ids", "npi", "auth_no")
    y += lh(10) + 40
    pg.text(170, y, "REFERRED TO", 11, True)
    y += lh(11)
    to = c.others.pop()
    pg.lv(170, y, "Specialist:", clin_str(to, "full_deg")[0] + " - " + c.rng.choice(gc.SPECIALTIES), 10)
    y += lh(10) + 40
    pg.text(170, y, "REQUESTING PROVIDER", 11, True)
    y += lh(11)
    pg.lv(170, y, "Name:", c.prov("full_deg"), 10)
    pg.lv(1300, y, "NPI:", c.npi(), 10)
    y += lh(10) + 6
    pg.lv(170, y, "Prior auth #:", "PA" + digits(c.rng, 8), 10)
    y += lh(10) + 40
    pg.text(170, y, "Reason for referral / pertinent history:", 11, True)
    y = pg.para(170, y + lh(11), pg.w - 340, c.rng.choice(gc.DX)[0] + ". " + prose(c.rng, "hpi", 4), 10) + 40
    pg.text(170, y, "Requested: consult and treat.  Please fax appointment date to %s." % phone(c.rng), 10)


def b2_rad_modern(c):
    """Imaging-center report: two-column header, Interpreted by, prior study and signed dates."""
    pg = c.page()
    center = (c.rng.choice(IMAGING), "%d Medical Plaza Dr" % c.rng.randint(100, 999), c.org[2], c.org[3])
    y = c.letterhead(pg, 140, "center", 15, org=center)
    pg.hline(150, pg.w - 150, y, 3)
    y += 30
    acc = "RAD" + digits(c.rng, 8)
    c.distractor("accession", "referring", "prior_study", "signature_date")
    left = [("Patient:", c.name()), ("MR No:", c.mrn()), ("DOB:", c.dob()), ("Sex:", c.sex())]
    right = [("Exam Date:", c.enc()), ("Accession:", acc), ("Ordering:", c.other_clin("full_deg")),
             ("Location:", c.rng.choice(["Outpatient", "ED", "Inpatient 4N"]))]
    yy = y
    for (a, b), (cc, d) in zip(left, right):
        pg.text(170, yy, a, 10, True)
        pg.text(450, yy, b, 10)
        pg.text(1350, yy, cc, 10, True)
        pg.text(1650, yy, d, 10)
        yy += lh(10) + 6
    y = yy + 40
    ex = c.rng.choice(gc.EXAMS)
    pg.text(170, y, "EXAMINATION: " + ex[0], 11, True)
    y += lh(11) + 20
    prior = c.pat.dob + timedelta(days=(c.enc_date - c.pat.dob).days - c.rng.randint(200, 900))
    for title, text in [("CLINICAL HISTORY:", c.rng.choice(gc.DX)[0] + "."),
                        ("COMPARISON:", "%s dated %s." % (ex[1], c.d(prior))),
                        ("TECHNIQUE:", "Standard departmental protocol."),
                        ("FINDINGS:", prose(c.rng, "rad", 5)), ("IMPRESSION:", prose(c.rng, "rad", 2))]:
        pg.text(170, y, title, 10, True)
        y = pg.para(600, y, pg.w - 770, text, 10) + 20
    y += 40
    pg.text(170, y, "Interpreted by: " + c.prov(c.rng.choice(["full_deg", "caps"])) + ", Radiologist", 10)
    y += lh(10)
    pg.text(170, y, "Electronically signed %s %02d:%02d" % (c.d(c.other_date(0, 2)), c.rng.randint(7, 22), c.rng.randint(0, 59)), 9)


def b2_rad_typewriter(c):
    """1980s radiology consultation report, all caps typewriter."""
    c.hospital()
    pg = c.page(fam=FONTSETS["mono"][0])
    c.note("typewriter")
    S = 11
    y = 170
    pg.text(pg.w // 2, y, c.org[0].upper(), 12, anchor="ma")
    y += lh(12)
    pg.text(pg.w // 2, y, "DEPARTMENT OF RADIOLOGY", 12, anchor="ma")
    y += lh(12)
    pg.text(pg.w // 2, y, "RADIOLOGY CONSULTATION REPORT", 12, True, anchor="ma")
    y += lh(12) + 60
    age = (c.enc_date - c.pat.dob).days // 365
    xno = "%02d-%05d" % (c.enc_date.year % 100, c.rng.randint(0, 99999))
    c.distractor("referring", "accession")
    rows = ["NAME: %-30s HOSP NO: %s" % (c.name(c.rng.choice(["LFM", "LF"])), c.mrn()),
            "AGE: %-3d  SEX: %-2s  BIRTHDATE: %s" % (age, c.sex("letter"), c.dob(c.rng.choice(["mdy", "mdY", "dBY"]))),
            "DATE OF EXAM: %-12s X-RAY NO: %s" % (c.enc(c.rng.choice(["mdy", "mdY"])), xno),
            "REF PHYS: %s" % c.other_clin("dr").upper()]
    for r in rows:
        pg.text(170, y, r, S)
        y += lh(S)
    y += 60
    ex = c.rng.choice(gc.EXAMS)
    pg.text(170, y, ex[0] + ":", S)
    y += lh(S) * 2
    y = pg.para(170, y, pg.w - 340, prose(c.rng, "rad", 5).upper(), S) + 40
    pg.text(170, y, "IMPRESSION:", S)
    y = pg.para(170, y + lh(S), pg.w - 340, prose(c.rng, "rad", 2).upper(), S) + 150
    pg.hline(1200, 2200, y, 2)
    pg.text(1200, y + 10, c.prov("caps"), S)
    pg.text(1200, y + 10 + lh(S), "INTERPRETED BY", S)
    y += lh(S) * 4
    td = c.enc_date + timedelta(days=c.rng.randint(1, 3))
    initials = "".join(c.rng.sample("ABCDEFGHJKLMNPRS", 2)).lower()
    pg.text(170, y, "D: %s  T: %s  %s" % (c.d(c.enc_date, "mdy"), c.d(td, "mdy"), initials), S)
    c.distractor("transcription_date")


def b2_med_patient_form(c):
    """Patient-completed medicine list: no MRN, no service date, no provider."""
    pg = c.page()
    y = 160
    pg.text(pg.w // 2, y, "My Medicines", 22, True, anchor="ma")
    y += lh(22)
    pg.text(pg.w // 2, y, "Bring this list to every visit - %s" % c.org[0], 10, anchor="ma")
    y += lh(10) + 50
    hp = c.hand
    c.note("no_mrn")
    pg.text(170, y, "Name", 11, True)
    pg.text(420, y - 10, c.name(c.rng.choice(["FL", "FmL", "FML_full"])), 14, path=hp)
    pg.hline(400, 1500, y + lh(11), 2)
    pg.text(1560, y, "Birthdate", 11, True)
    pg.text(1820, y - 10, c.dob(c.rng.choice(["mdy", "m/d/Y", "mdY"])), 14, path=hp)
    pg.hline(1800, pg.w - 170, y + lh(11), 2)
    y += lh(11) + 50
    upd = c.enc_date
    pg.text(170, y, "Last updated", 11, True)
    pg.text(500, y - 10, c.d(upd, "m/d/Y"), 14, path=hp)
    pg.hline(480, 1100, y + lh(11), 2)
    c.distractor("last_updated", "pharmacy", "emergency_contact", "phone_fax")
    pg.text(1160, y, "Pharmacy", 11, True)
    pg.text(1420, y - 10, "%s  %s" % (c.rng.choice(["Corner Drug", "ValuRx #212", "Main St Pharmacy"]), phone(c.rng)), 12, path=hp)
    pg.hline(1400, pg.w - 170, y + lh(11), 2)
    y += lh(11) + 50
    nk, rel, ph = c.emergency_contact()
    pg.text(170, y, "In an emergency call", 11, True)
    pg.text(700, y - 10, "%s (%s) %s" % (nk, rel.lower(), ph), 13, path=hp)
    pg.hline(680, pg.w - 170, y + lh(11), 2)
    y += lh(11) + 60
    cols = [170, 900, 1300, 1850, pg.w - 170]
    hdr = ["Medicine name", "How much", "When do I take it", "What is it for"]
    pg.box(cols[0], y, cols[-1], y + lh(11) + 20, 3, fill=220)
    for i, h in enumerate(hdr):
        pg.text(cols[i] + 15, y + 10, h, 11, True)
    y += lh(11) + 20
    meds = c.rng.sample(gc.MEDS, c.rng.randint(4, 8))
    for i in range(10):
        pg.box(cols[0], y, cols[-1], y + 110, 2)
        for xx in cols[1:-1]:
            pg.vline(xx, y, y + 110, 2)
        if i < len(meds):
            m = meds[i]
            why = c.rng.choice(["blood pressure", "sugar", "cholesterol", "thyroid", "stomach", "mood", "pain"])
            for j, s in enumerate([m[0], m[1][0], m[3], why]):
                pg.text(cols[j] + 15, y + 25, s, 12, path=hp)
        y += 110
    y += 40
    pg.text(170, y, "Allergies:", 11, True)
    pg.text(450, y - 8, c.rng.choice(["Penicillin - rash", "None known", "Sulfa", "Codeine (nausea)"]), 13, path=hp)


def b2_med_recon_admit(c):
    """Admission medication reconciliation: Pt / Med Rec / Admit Date / Attending, RN reviewer."""
    c.hospital()
    pg = c.page()
    y = c.letterhead(pg, 140, "left", 13)
    pg.text(pg.w - 170, 150, "ADMISSION MEDICATION", 13, True, anchor="ra")
    pg.text(pg.w - 170, 150 + lh(13), "RECONCILIATION", 13, True, anchor="ra")
    y += 20
    pg.box(150, y, pg.w - 150, y + 3 * lh(10) + 40, 3)
    yy = y + 20
    for (a, b), (cc, d) in [(("Pt:", c.name(c.rng.choice(["LFM", "Lfm"]))), ("Med Rec:", c.mrn())),
                            (("DOB:", c.dob()), ("Sex:", c.sex("letter"))),
                            (("Admit Date:", c.enc()), ("Attending:", c.prov(c.rng.choice(["dr", "full_deg", "caps_last"]))))]:
        pg.text(180, yy, a, 10, True)
        pg.text(480, yy, b, 10)
        pg.text(1300, yy, cc, 10, True)
        pg.text(1620, yy, d, 10)
        yy += lh(10)
    y += 3 * lh(10) + 80
    pg.text(170, y, "Source of list:", 10, True)
    x = 520
    for lab in ["Patient", "Family", "Pharmacy", "Outside records"]:
        x = pg.checkbox(x, y, lab, c.rng.random() < 0.4, 10) + 40
    y += lh(10) + 30
    cols = [170, 900, 1200, 1600, 1900, pg.w - 170]
    hdr = ["Home medication", "Dose", "Frequency", "Last taken", "Action"]
    pg.hline(cols[0], cols[-1], y, 3)
    for i, h in enumerate(hdr):
        pg.text(cols[i] + 10, y + 10, h, 9, True)
    y += lh(9) + 20
    pg.hline(cols[0], cols[-1], y, 2)
    c.distractor("last_taken_dates", "nurse")
    for m in c.rng.sample(gc.MEDS, c.rng.randint(5, 9)):
        last = c.enc_date - timedelta(days=c.rng.randint(0, 1))
        vals = [m[0], m[1][0], m[3], c.d(last, "m/d/Y") if c.rng.random() < 0.5 else "unknown",
                c.rng.choice(["Continue", "Hold", "Stop", "Modify"])]
        for i, s in enumerate(vals):
            pg.text(cols[i] + 10, y + 12, s, 9)
        y += lh(9) + 26
        pg.hline(cols[0], cols[-1], y, 1)
    y += 80
    pg.text(170, y, "Reviewed by: %s %s, RN   %s" % (c.rng.choice(GIVEN_F), c.rng.choice(FAMILY), c.d(c.enc_date)), 9)
    y += lh(9)
    pg.text(170, y, "Physician review: ______________________", 9)


def b2_consent_procedure(c):
    """Consent for operation/procedure naming the physician; signature date = encounter."""
    pg = c.page()
    y = c.letterhead(pg, 150, "center", 13)
    pg.text(pg.w // 2, y, "CONSENT TO OPERATION, ANESTHESIA AND SPECIAL PROCEDURES", 12, True, anchor="ma")
    y += lh(12) + 40
    pg.text(170, y, "Name of Patient:", 10, True)
    pg.text(580, y, c.name(c.rng.choice(["FmL", "FL", "Lfm", "FML_full"])), 10)
    pg.text(1550, y, "Chart #", 10, True)
    pg.text(1780, y, c.mrn(), 10)
    y += lh(10) + 10
    pg.text(170, y, "Birthdate:", 10, True)
    pg.text(580, y, c.dob(), 10)
    y += lh(10) + 40
    proc = c.rng.choice(gc.PROCEDURES)
    sched = c.other_date(2, 20)
    c.distractor("witness", "scheduled_date", "interpreter")
    text = ("1. I hereby authorize %s and such assistants as may be selected to perform the following procedure: %s, "
            "scheduled for %s." % (c.prov(c.rng.choice(["dr", "full_deg"])), proc, c.d(sched)))
    y = pg.para(170, y, pg.w - 340, text, 11) + 20
    for t in ["2. The nature and purpose of the procedure, possible alternative methods of treatment, the risks involved and "
              "the possibility of complications have been explained to me. No guarantee has been given as to the result.",
              "3. I consent to the administration of anesthesia and to the disposal of any tissue removed.",
              "4. I certify that I have read and fully understand the above consent and that all blanks were filled in "
              "before I signed."]:
        y = pg.para(170, y, pg.w - 340, t, 11) + 20
    y += 120
    sig = c.enc(c.rng.choice([None, "mdY", "m/d/Y"]))
    pg.hline(170, 1400, y, 2)
    pg.text(170, y + 10, "Signature of patient or legally authorized representative", 8)
    pg.text(1500, y - lh(11), sig, 11, path=c.hand)
    pg.hline(1480, 2100, y, 2)
    pg.text(1500, y + 10, "Date", 8)
    y += 220
    wit = "%s %s" % (c.rng.choice(GIVEN_F + GIVEN_M), c.rng.choice(FAMILY))
    pg.text(170, y - lh(11), wit, 11, path=c.hand)
    pg.hline(170, 1400, y, 2)
    pg.text(170, y + 10, "Witness", 8)
    pg.text(1500, y - lh(11), sig, 11, path=c.hand)
    pg.hline(1480, 2100, y, 2)
    pg.text(1500, y + 10, "Date", 8)
    y += 200
    pg.text(170, y, "Interpreter used:", 9)
    pg.checkbox(500, y, "No", True, 9)
    pg.checkbox(700, y, "Yes - ID # _______", False, 9)


def b2_consent_roi(c):
    """Authorization to release health information; no provider, signature date = encounter."""
    pg = c.page()
    y = c.letterhead(pg, 150, "left", 13)
    pg.text(170, y, "AUTHORIZATION FOR RELEASE OF PROTECTED HEALTH INFORMATION", 12, True)
    y += lh(12) + 40
    pg.lv(170, y, "Patient name:", c.name(c.rng.choice(["FmL", "FL", "Lfm"])), 10)
    pg.lv(1500, y, "Date of birth:", c.dob(), 10)
    y += lh(10) + 10
    if c.rng.random() < 0.5:
        pg.lv(170, y, "Medical record # (if known):", c.mrn(), 10)
    else:
        c.note("no_mrn")
        pg.lv(170, y, "Medical record # (if known):", "", 10)
    pg.lv(1500, y, "Phone:", c.pat.phone, 10)
    y += lh(10) + 40
    rec = "%s, Health Information Dept., %s" % (c.rng.choice(ORGS)[0], phone(c.rng))
    y = pg.para(170, y, pg.w - 340, "I authorize %s to release the records described below to: %s" % (c.org[0], rec), 10) + 20
    d1 = c.other_date(-900, -400)
    d2 = c.other_date(-60, -1)
    c.distractor("date_range", "expiry_date")
    pg.text(170, y, "Records:", 10, True)
    x = 400
    for lab in ["Office notes", "Lab results", "Imaging reports", "Entire record"]:
        x = pg.checkbox(x, y, lab, c.rng.random() < 0.5, 10) + 40
    y += lh(10) + 10
    pg.lv(170, y, "Dates of service: from", "%s  to  %s" % (c.d(d1), c.d(d2)), 10)
    y += lh(10) + 10
    pg.lv(170, y, "Purpose:", c.rng.choice(["Continuity of care", "Insurance", "Personal use", "Legal"]), 10)
    y += lh(10) + 30
    exp = c.enc_date + timedelta(days=365)
    y = pg.para(170, y, pg.w - 340, "This authorization expires on %s unless revoked earlier in writing. I understand that "
                "treatment will not be conditioned on signing this form and that information disclosed may be redisclosed "
                "by the recipient." % c.d(exp), 10) + 120
    sig = c.enc()
    pg.hline(170, 1400, y, 2)
    pg.text(170, y + 10, "Signature of patient / personal representative", 8)
    pg.text(1500, y - lh(11), sig, 11, path=c.hand)
    pg.hline(1480, 2100, y, 2)
    pg.text(1500, y + 10, "Date signed", 8)


def b2_consent_general_old(c):
    """1980s conditions of admission / assignment of benefits (typewriter), signed by guarantor too."""
    c.hospital()
    pg = c.page(fam=FONTSETS["mono"][c.rng.randint(0, 1)])
    c.note("typewriter")
    S = 10
    y = 170
    pg.text(pg.w // 2, y, c.org[0].upper(), 12, True, anchor="ma")
    y += lh(12)
    pg.text(pg.w // 2, y, "CONDITIONS OF ADMISSION AND TREATMENT", 12, anchor="ma")
    y += lh(12) + 50
    pg.text(170, y, "PATIENT: %s" % c.name(c.rng.choice(["LFM", "LF"])), S)
    pg.text(1500, y, "MED REC NO: %s" % c.mrn(), S)
    y += lh(S)
    pg.text(170, y, "BORN: %s" % c.dob(c.rng.choice(["mdy", "mdY", "dBY"])), S)
    pg.text(1500, y, "SEX: %s" % c.sex("letter"), S)
    y += lh(S) + 40
    for t in ["1. CONSENT TO TREATMENT. THE UNDERSIGNED CONSENTS TO THE PROCEDURES WHICH MAY BE PERFORMED DURING THIS "
              "HOSPITALIZATION OR ON AN OUTPATIENT BASIS, INCLUDING EMERGENCY TREATMENT.",
              "2. RELEASE OF INFORMATION. THE HOSPITAL MAY RELEASE INFORMATION FROM THE MEDICAL RECORD TO INSURERS AS "
              "NECESSARY FOR PAYMENT.",
              "3. PERSONAL VALUABLES. THE HOSPITAL IS NOT LIABLE FOR LOSS OF MONEY, JEWELRY OR OTHER ARTICLES.",
              "4. ASSIGNMENT OF BENEFITS. I ASSIGN TO THE HOSPITAL ALL INSURANCE BENEFITS OTHERWISE PAYABLE TO ME.",
              "5. FINANCIAL AGREEMENT. THE UNDERSIGNED AGREES TO PAY THE ACCOUNT OF THE HOSPITAL IN ACCORDANCE WITH ITS "
              "REGULAR RATES AND TERMS."]:
        y = pg.para(170, y, pg.w - 340, t, S) + 20
    y += 100
    sig = c.enc(c.rng.choice(["mdy", "mdY"]))
    pg.hline(170, 1300, y, 2)
    pg.text(170, y + 10, "PATIENT SIGNATURE", 8)
    pg.text(1450, y - lh(S), "DATE " + sig, S)
    y += 200
    g = "%s %s" % (c.relative_given().upper(), c.pat.last.upper())
    gd = c.other_dob()
    pg.text(170, y - lh(S), g, S)
    pg.hline(170, 1300, y, 2)
    pg.text(170, y + 10, "RESPONSIBLE PARTY (GUARANTOR)", 8)
    pg.text(1450, y - lh(S), "GUAR. D.O.B. %s" % c.d(gd, "mdy"), S)
    y += 150
    pg.text(170, y, "WITNESS: %s" % ("".join(c.rng.sample("ABCDEFGHJKLMNPRSTW", 2))), S)
    c.distractor("guarantor", "witness")


def b2_other_reminder_letter(c):
    """Business-office letter to the patient (appointment reminder or balance due): no MRN/DOB."""
    pg = c.page()
    y = c.letterhead(pg, 150, "left", 14)
    letter = c.enc_date
    pg.text(pg.w - 170, 160, c.d(letter, c.rng.choice(["BdY", "b.dY", "mdY"])), 11, anchor="ra")
    c.note("no_mrn")
    c.distractor("account_no", "next_appt", "statement_date", "other_names")
    y += 80
    nm = c.name(c.rng.choice(["FmL", "FL", "FMLcaps"]))
    for s in [nm, c.pat.street, c.pat.town]:
        pg.text(250, y, s, 11)
        y += lh(11)
    y += 60
    acct = c.account(7)
    pg.lv(170, y, "Account No.:", acct, 11)
    y += lh(11) * 2
    pg.text(170, y, "Dear %s %s," % (c.pat.first, c.pat.last), 11)
    y += lh(11) * 2
    appt = c.other_date(10, 40)
    dr = c.other_clin("dr")
    if c.rng.random() < 0.5:
        txt = ("This is a friendly reminder of your upcoming appointment with %s on %s at %d:%02d. Please arrive 15 minutes "
               "early and bring your insurance card and a list of your current medicines. If you need to reschedule, "
               "please call us at %s." % (dr, c.d(appt), c.rng.randint(8, 15), c.rng.choice([0, 15, 30, 45]), phone(c.rng)))
    else:
        txt = ("Our records show a balance of $%d.%02d remaining on your account for services provided by %s. Payment is due "
               "by %s. If you have questions about this balance or would like to set up a payment plan, please call the "
               "business office at %s." % (c.rng.randint(20, 900), c.rng.randint(0, 99), dr, c.d(appt), phone(c.rng)))
    y = pg.para(170, y, pg.w - 340, txt, 11) + 60
    pg.text(170, y, "Sincerely,", 11)
    who = c.rng.choice(NONCLIN)
    y += 200
    pg.text(170, y, "%s %s" % (who[0], who[1]), 11)
    y += lh(11)
    pg.text(170, y, who[2], 11)


def b2_other_work_excuse(c):
    """Work/school excuse: 'Seen on' date, signing clinician, usually no MRN."""
    pg = c.page()
    y = c.letterhead(pg, 150, "center", 14)
    pg.text(pg.w // 2, y + 20, "WORK / SCHOOL EXCUSE", 16, True, anchor="ma")
    y += lh(16) + 100
    pg.text(170, y, "Patient:", 11, True)
    pg.text(500, y, c.name(c.rng.choice(["FL", "FmL"])), 11)
    pg.text(1400, y, "Birthdate:", 11, True)
    pg.text(1700, y, c.dob(), 11)
    y += lh(11) + 10
    if c.rng.random() < 0.3:
        pg.text(170, y, "Chart #:", 11, True)
        pg.text(500, y, c.mrn(), 11)
        y += lh(11) + 10
    else:
        c.note("no_mrn")
    pg.text(170, y, "Seen on:", 11, True)
    pg.text(500, y, c.enc(), 11)
    y += lh(11) + 60
    ret = c.other_date(1, 7)
    c.distractor("return_date")
    y = pg.para(170, y, pg.w - 340, "The above patient was seen in our office and may return to %s on %s %s." % (
        c.rng.choice(["work", "school", "regular duty"]), c.d(ret), c.rng.choice(["without restrictions", "with light duty for one week",
                                                                                 "with no lifting over 10 lb"])), 12) + 200
    pg.hline(170, 1200, y, 2)
    pg.text(170, y - lh(12), clin_str(c.prov_c, "plain")[0], 12, path=c.hand)
    y += 10
    pg.text(170, y, c.prov("full_deg"), 10)


def b2_other_superbill(c):
    """Encounter form / superbill: DOS, Rendering Provider, Chart #, CPT checkboxes."""
    pg = c.page()
    c.small = True
    y = 120
    pg.text(170, y, c.org[0], 13, True)
    pg.text(pg.w - 170, y, "ENCOUNTER FORM", 13, True, anchor="ra")
    y += lh(13) + 10
    c.distractor("account_no", "referring", "npi", "insurance_ids", "guarantor")
    rows = [[("Patient Nm", c.name(c.rng.choice(["LFM", "Lfm"]))), ("Chart #", c.mrn()), ("Acct #", c.account(6))],
            [("Birthdate", c.dob()), ("Sex", c.sex("letter")), ("DOS", c.enc())],
            [("Rendering Provider", c.prov("caps_last")), ("NPI", c.npi()), ("Referring Provider", c.other_clin("caps_last"))],
            [("Guarantor", "%s, %s" % (c.pat.last.upper(), c.relative_given().upper())),
             ("Guar DOB", c.d(c.other_dob())),
             ("Primary Ins / ID", c.rng.choice(PAYERS) + " / " + c.rng.choice("QRZ") + digits(c.rng, 8))]]
    x0, x1 = 150, pg.w - 150
    cw = (x1 - x0) / 3
    hgt = lh(7) + lh(9) + 20
    for row in rows:
        for i, (lab, val) in enumerate(row):
            xx = x0 + i * cw
            pg.box(xx, y, xx + cw, y + hgt, 2)
            pg.text(xx + 10, y + 6, lab, 7)
            pg.text(xx + 10, y + 6 + lh(7), val, 9 if len(val) < 30 else 8)
        y += hgt
    y += 30
    cpts = [("99202", "New pt, straightforward"), ("99203", "New pt, low"), ("99212", "Est pt, straightforward"),
            ("99213", "Est pt, low"), ("99214", "Est pt, moderate"), ("99215", "Est pt, high"), ("36415", "Venipuncture"),
            ("81002", "Urinalysis, dip"), ("93000", "ECG, complete"), ("90471", "Immunization admin"),
            ("90686", "Flu vaccine, quad"), ("94010", "Spirometry"), ("G0439", "Annual wellness, subsequent"),
            ("99396", "Preventive, 40-64"), ("20610", "Arthrocentesis, major joint"), ("11102", "Tangential biopsy")]
    colx = [170, 170 + 1120]
    half = (len(cpts) + 1) // 2
    pg.text(170, y, "CPT / SERVICE", 9, True)
    pg.text(170 + 1120, y, "CPT / SERVICE", 9, True)
    y += lh(9) + 10
    for i, (code, desc) in enumerate(cpts):
        cx = colx[i // half]
        cy = y + (i % half) * (lh(9) + 14)
        pg.checkbox(cx, cy, "%s  %s" % (code, desc), c.rng.random() < 0.15, 9)
    y += half * (lh(9) + 14) + 40
    pg.text(170, y, "DIAGNOSIS (ICD-10)", 9, True)
    y += lh(9) + 6
    for dx in c.rng.sample(gc.DX, 3):
        pg.text(190, y, "%-8s %s" % (dx[1], dx[0]), 9)
        y += lh(9) + 4
    y += 40
    nxt = c.other_date(14, 180)
    pg.lv(170, y, "Return visit:", c.d(nxt), 9)
    pg.lv(1300, y, "Copay collected: $", str(c.rng.choice([0, 20, 25, 40])), 9)
    c.distractor("next_appt")


LAYOUTS = {  # name: (doc_type, function, era choices)
    "b2_intake_typewriter": ("intake_form", b2_intake_typewriter, ["old"]),
    "b2_intake_captions_below": ("intake_form", b2_intake_captions_below, ["mid", "new"]),
    "b2_facesheet_grid": ("intake_form", b2_facesheet_grid, ["mid", "new"]),
    "b2_pn_addressograph": ("progress_note", b2_pn_addressograph, ["old", "mid"]),
    "b2_pn_rightblock": ("progress_note", b2_pn_rightblock, ["new"]),
    "b2_pn_threecol": ("progress_note", b2_pn_threecol, ["mid", "new"]),
    "b2_pn_behavioral": ("progress_note", b2_pn_behavioral, ["new"]),
    "b2_lab_wide_landscape": ("lab_report", b2_lab_wide_landscape, ["mid", "new"]),
    "b2_lab_mono_small": ("lab_report", b2_lab_mono_small, ["old", "mid"]),
    "b2_lab_outreach": ("lab_report", b2_lab_outreach, ["new"]),
    "b2_dc_dictated": ("discharge_summary", b2_dc_dictated, ["old", "mid"]),
    "b2_dc_boxgrid": ("discharge_summary", b2_dc_boxgrid, ["new"]),
    "b2_dc_snf_resident": ("discharge_summary", b2_dc_snf_resident, ["mid", "new"]),
    "b2_ref_prose_inline": ("referral_letter", b2_ref_prose_inline, ["old", "mid", "new"]),
    "b2_ref_consult_reply": ("referral_letter", b2_ref_consult_reply, ["mid", "new"]),
    "b2_ref_fax_form": ("referral_letter", b2_ref_fax_form, ["mid", "new"]),
    "b2_rad_modern": ("radiology_report", b2_rad_modern, ["new"]),
    "b2_rad_typewriter": ("radiology_report", b2_rad_typewriter, ["old"]),
    "b2_med_patient_form": ("medication_list", b2_med_patient_form, ["mid", "new"]),
    "b2_med_recon_admit": ("medication_list", b2_med_recon_admit, ["new"]),
    "b2_consent_procedure": ("consent_form", b2_consent_procedure, ["mid", "new"]),
    "b2_consent_roi": ("consent_form", b2_consent_roi, ["mid", "new"]),
    "b2_consent_general_old": ("consent_form", b2_consent_general_old, ["old"]),
    "b2_other_reminder_letter": ("other", b2_other_reminder_letter, ["mid", "new"]),
    "b2_other_work_excuse": ("other", b2_other_work_excuse, ["mid", "new"]),
    "b2_other_superbill": ("other", b2_other_superbill, ["mid", "new"]),
}
FAXABLE = {"lab_report", "radiology_report", "referral_letter", "discharge_summary", "progress_note"}


# ----------------------------------------------------------------------------- degradation and saving
def fax_header(c, pg, i, n):
    s = "%s %02d:%02d   FROM: %s   %s   P.%03d/%03d" % (c.d(c.fax_date, "mdY"), c.rng.randint(7, 18), c.rng.randint(0, 59),
                                                       phone(c.rng, c.org[3]), c.org[0].upper()[:28], i + 1, n)
    pg.text(120, 40, s, 8, path=FONTSETS["mono"][1][0])


def pick_degradation(c, fmt):
    rng = c.rng
    o = gc.choose_degradation(rng, fmt, "eval")
    if c.fax:
        o["bilevel"] = True
        o["dpi"] = (204, 196)
        o.pop("jpeg_q", None)
        o.pop("gauss", None)
        o["thresh"] = rng.randint(135, 170)
    else:
        if rng.random() < 0.25:
            o["dpi"] = rng.choice([(150, 150), (150, 150), (200, 200)])
        if rng.random() < 0.15:
            o["blur"] = round(rng.uniform(1.0, 1.5), 2)
    if o["dpi"][0] < 200 and (o.get("bilevel") or c.small):
        o["dpi"] = (200, 200)  # keep small or bilevel print legible
    if c.small:
        o["blur"] = min(o.get("blur", 0), 0.6)
    if o.get("bilevel") and o.get("blur", 0) > 1.1:
        o["blur"] = 1.1
    if o.get("bilevel"):
        o["thresh"] = max(o.get("thresh", 150), 140)
        o["ink"] = min(o.get("ink", 0.1), 0.12)
    return o


def render(c, o, seed):
    """Degrade every page; returns the list of images (rotation applied afterwards)."""
    out = []
    for i, pg in enumerate(c.pages):
        nrng = np.random.default_rng([seed, i])
        im = pg.im.transpose(Image.ROTATE_90) if pg.landscape else pg.im
        im = gc.degrade(im, c.rng, nrng, o)
        if pg.landscape and not getattr(pg, "keep_portrait", False):
            im = im.transpose(Image.ROTATE_270)
        out.append(im)
    return out


ROT = {90: Image.ROTATE_270, 180: Image.ROTATE_180, 270: Image.ROTATE_90}  # clockwise -> PIL transpose


def make_doc(idx, seed, pat, layout, clins, rotate=False):
    rng = random.Random("%d/%d" % (seed, idx))
    doc_type, fn, eras = LAYOUTS[layout]
    c = Ctx(rng, pat, clins, rng.choice(eras))
    fn(c)
    if c.fields["mrn"] is None:
        c.note("no_mrn")
    # optional fax cover sheet for faxable clinical documents
    if not c.fax and doc_type in FAXABLE and rng.random() < 0.1 and not any(p.landscape for p in c.pages):
        c.fax = True
        c.fax_date = c.enc_date + timedelta(days=rng.randint(1, 400))
        cover = fax_cover(c, len(c.pages) + 1, c.org)
        c.pages.remove(cover)
        c.pages.insert(0, cover)
        c.patient_page = 1
    if c.fax:
        c.note("fax_cover")
        c.note("fax_header")
        for i, pg in enumerate(c.pages):
            fax_header(c, pg, i, len(c.pages))
    if rng.random() < 0.07:
        c.pages.append(Page(c.fam))
        c.note("blank_page:%d" % len(c.pages))
    rotation = 0
    ppage = c.pages[c.patient_page]
    if ppage.landscape:
        if rotate or rng.random() < 0.5:
            ppage.keep_portrait = True  # landscape print fed through the scanner upright
            rotation = 270
    elif rotate:
        rotation = rng.choice([90, 180, 180, 270])
    # format
    n = len(c.pages)
    if c.fax:
        fmt = rng.choice(["tiff-g3", "tiff-g4", "pdf-image"])
    elif n > 1:
        fmt = rng.choice(["tiff-g4", "tiff-lzw", "pdf-image", "tiff-g3"])
    else:
        fmt = rng.choice(["png", "jpeg", "jpeg", "tiff-g4", "tiff-g3", "tiff-lzw", "pdf-image", "pdf-image"])
    o = pick_degradation(c, fmt)
    ims = render(c, o, seed * 100003 + idx)
    if rotation and not ppage.landscape:
        ims[c.patient_page] = ims[c.patient_page].transpose(ROT[rotation])
    if rotation:
        c.note("rotated_page:%d:%d" % (c.patient_page + 1, rotation))
    if o.get("bilevel"):
        c.note("bilevel")
    c.note("dpi:%dx%d" % o["dpi"])
    if o["dpi"][0] < 200:
        c.note("low_dpi")
    if o.get("blur", 0) >= 1.0:
        c.note("heavy_blur")
    if o.get("skew"):
        c.note("skew:%s" % o["skew"])
    return c, doc_type, fmt, o, ims, rotation


# ----------------------------------------------------------------------------- self-check
def check_doc(c, truth_fields):
    errs = []
    ptext = c.pages[c.patient_page].all_text()
    for f in FIELDS:
        v = truth_fields[f]
        if v is None:
            continue
        pr = c.printed.get(f)
        if not pr:
            errs.append("%s has truth %r but nothing recorded as printed" % (f, v))
            continue
        for s in pr:
            if s not in ptext:
                errs.append("%s printed form %r not drawn on patient page" % (f, s))
        if f in ("date_of_birth", "encounter_date"):
            try:
                if parse_date(pr[0]).isoformat() != v:
                    errs.append("%s %r parses to %s, truth %s" % (f, pr[0], parse_date(pr[0]), v))
            except ValueError as e:
                errs.append(str(e))
        if f == "mrn" and re.sub(r"[^0-9A-Za-z]", "", pr[0]) != v:
            errs.append("mrn printed %r != truth %r" % (pr[0], v))
    alltext = "\n".join(p.all_text() for p in c.pages)
    if truth_fields["mrn"] is None:
        flat = re.sub(r"[^0-9A-Za-z]", "", alltext)
        if c.pat.mrn in flat:
            errs.append("unprinted MRN %s appears in the document text" % c.pat.mrn)
    if truth_fields["date_of_birth"] is None:
        for f in DATE_FORMATS + ["mdy0"]:
            if fmt_date(c.pat.dob, f) in alltext:
                errs.append("unprinted DOB appears as %r" % fmt_date(c.pat.dob, f))
    return errs


# ----------------------------------------------------------------------------- main
def plan_docs(rng, ndocs, pats, layouts):
    order = []
    while len(order) < ndocs:
        block = layouts[:]
        rng.shuffle(block)
        order.extend(block)
    order = order[:ndocs]
    owners = []
    while len(owners) < ndocs:
        block = pats[:]
        rng.shuffle(block)
        owners.extend(block[:ndocs - len(owners)])
    rng.shuffle(owners)  # patients are dealt round-robin, so each has docs//patients documents or one more
    return list(zip(order, owners[:ndocs]))


def main(argv=None):
    ap = argparse.ArgumentParser(description="Second blind chart-scan evaluation set (b2 layouts)")
    ap.add_argument("--out")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--docs", type=int, default=80)
    ap.add_argument("--patients", type=int, default=None, help="default: about 3 documents per patient")
    ap.add_argument("--layouts", default=None, help="comma-separated subset of layout names")
    ap.add_argument("--no-check", action="store_true", help="skip the printed-text self-check")
    ap.add_argument("--list-layouts", action="store_true")
    a = ap.parse_args(argv)
    if a.list_layouts:
        for k, (dt, _, eras) in LAYOUTS.items():
            print("%-28s %-18s %s" % (k, dt, ",".join(eras)))
        return 0
    if not a.out:
        ap.error("--out is required")
    layouts = list(LAYOUTS) if not a.layouts else [s.strip() for s in a.layouts.split(",") if s.strip()]
    for s in layouts:
        if s not in LAYOUTS:
            ap.error("unknown layout %s" % s)
    npat = a.patients or max(2, round(a.docs / 2.7))
    t0 = time.time()
    rng = random.Random(a.seed)
    pats = make_patients(rng, npat)
    clins = make_clinicians(rng)
    plan = plan_docs(rng, a.docs, pats, layouts)
    rotated = set(rng.sample(range(a.docs), max(1, a.docs // 14)))
    os.makedirs(a.out, exist_ok=True)
    problems = []
    rows = []
    for idx, (layout, pat) in enumerate(plan):
        c, doc_type, fmt, o, ims, rotation = make_doc(idx, a.seed, pat, layout, clins, idx in rotated)
        box = "box-%03d" % (idx // 20 + 1)
        folder = "folder-%03d" % (idx // 4 + 1)
        stem = "%s_%04d" % (rng.choice(["scan", "doc", "img", "chart", "IMG"]) if not c.fax else "fax", idx + 1)
        ext = gc.EXT.get(fmt, "tif")
        rel = "%s/%s/%s.%s" % (box, folder, stem, ext)
        path = os.path.join(a.out, box, folder, stem + "." + ext)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        gc.save(path, fmt, ims, o["dpi"], c.rng)
        fields = dict(c.fields)
        row = {"source": rel, "pages": len(ims), "doc_type": doc_type, "patient_key": pat.key, "layout": layout,
               "format": fmt, "fields": fields, "rotation": rotation, "notes": c.notes}
        rows.append(row)
        if not a.no_check:
            for e in check_doc(c, fields):
                problems.append("%s (%s): %s" % (rel, layout, e))
    with open(os.path.join(a.out, "truth.jsonl"), "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, sort_keys=True) + "\n")
    dt = time.time() - t0
    nomrn = sum(1 for r in rows if r["fields"]["mrn"] is None)
    print("wrote %d documents (%d patients, %d without MRN) to %s in %.1f s" % (len(rows), len({r["patient_key"] for r in rows}),
                                                                             nomrn, a.out, dt))
    if not a.no_check:
        if problems:
            print("self-check FAILED (%d problems):" % len(problems))
            for p in problems:
                print("  " + p)
            return 1
        print("self-check OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
