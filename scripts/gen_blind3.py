#!/usr/bin/python3
"""Third blind evaluation-set generator for chartscan ("b3" layouts).

    /usr/bin/python3 scripts/gen_blind3.py --out DIR --seed S --docs N [--patients P] [--no-check]
    /usr/bin/python3 scripts/gen_blind3.py --list-layouts
    /usr/bin/python3 scripts/gen_blind3.py --out DIR --seed S --docs N --layouts b3_pn_ed_record,b3_other_ekg

Writes synthetic scanned chart documents under DIR/box-NNN/folder-NNN/<name>.<ext> (PNG,
JPEG, TIFF G4/G3/LZW, image-only PDF; multi-page TIFF/PDF for multi-page documents) and
their ground truth to DIR/truth.jsonl, one JSON object per document with the keys
source, pages, doc_type, patient_key, layout, format, fields, rotation, notes (the shape
scripts/eval_extract.py reads).  Output is deterministic for a seed.  Every person, date,
number and organisation is synthetic and drawn from a seeded RNG (phone and fax numbers
use the fictional 555-01xx range).  By default ~3 documents per patient; a few pairs of
different patients share a name (different DOB and MRN); some documents of a patient
do not print the MRN (note no_mrn).

Independence: the layouts, label wordings, print forms, body texts and the people /
organisation pools below were written for this file without looking at the extractor or
at any existing layout.  Consulted: shared/notes/fields.md (field definitions), the scorer
scripts/eval_extract.py, the module docstring of scripts/gen_blind2.py (truth conventions
and its layout names, to avoid the same designs), its import lines and main()/self-check
code (CLI and truth-row shape), and in scripts/gen_charts.py lines 1-200 (the DX / MEDS /
LABTESTS / EXAMS / PROCEDURES / SPECIALTIES / PAYERS / LABS_CO / IMAGING_CO pools are
reused) plus the helpers font, degrade, choose_degradation, save, EXT (imported and reused
for font loading, scan degradation and saving).  Not consulted: anything under src/ or tests/, the layout functions of
gen_blind.py, gen_blind2.py and gen_charts.py.

Ground truth (per shared/notes/fields.md; null when the document does not print it):
  * patient_name: "Given [Middle] Family [Suffix]" as this document prints it: a printed
    middle initial becomes one letter without a dot, a printed full middle name is kept,
    an unprinted middle is left out; hyphens/apostrophes/inner spaces of the family name
    kept; a printed suffix is kept at the end without a dot (Jr, Sr, II, III).
  * date_of_birth, encounter_date: ISO YYYY-MM-DD.  encounter_date: visit/service date;
    admission date for discharge/transfer summaries and face sheets; exam date for
    radiology; labelled date of service for labs (null when a lab report only labels
    collected/received/reported dates); letter date for consultation letters unless a
    date of consultation is labelled; the date on a referral (pad) form; signature date for
    consents; date of operation for operative reports; null for pharmacy printouts,
    portal demographics, immunization records, records letters and prior-auth requests.
  * mrn: as printed with separators removed, leading zeros and letters kept.
    Account, encounter, accession, Rx, member, group, policy and NPI numbers are not MRNs.
  * sex: F/M where the page says so (null when not printed).
  * provider: "First [M] Last" of the responsible/authoring clinician (visit provider,
    attending, ordering/submitting physician on labs, radiologist, author of letters,
    physician named on a procedure consent, surgeon, interpreting cardiologist), without
    titles/degrees; the middle initial only when printed.
  * rotation: clockwise rotation (0/90/180/270) of the page carrying the patient fields.
  * notes: fax_cover, blank_page:N, rotated_page:N:DEG, landscape, no_mrn,
    same_name_as:PKEY, repeat_header, bilevel, dpi:XxY, skew:DEG, low_dpi, fax_header,
    handwritten, typewriter, split_name, checkbox_sex, name_suffix, middle_full,
    prose_inline, distractor:<kind>.
  Every non-null value is printed on the patient page (page 1, or page 2 after a fax
  cover).  The self-check (default on; --no-check skips it) verifies that each recorded
  printed form is among the text drawn on that page, that printed dates parse back to the
  truth, that the printed MRN reduces to the truth and that an unprinted MRN or DOB
  appears nowhere in the document text.

Layouts (all "b3_"; --layouts a,b restricts generation):
  intake_form:       b3_intake_adt_facesheet, b3_intake_portal_demographics, b3_intake_dental_history
  progress_note:     b3_pn_wellchild, b3_pn_ed_record, b3_pn_handwritten, b3_pn_pt_eval, b3_pn_ob_prenatal
  lab_report:        b3_lab_pathology, b3_lab_cumulative
  discharge_summary: b3_dc_typed_1970s, b3_dc_transfer_expired
  referral_letter:   b3_ref_consult_letterhead, b3_ref_rx_pad
  radiology_report:  b3_rad_mammo, b3_rad_dexa
  medication_list:   b3_med_pharmacy_profile, b3_med_snf_review
  consent_form:      b3_consent_surgical_witness, b3_consent_hipaa_ack
  other:             b3_other_operative, b3_other_ekg, b3_other_immunization,
                     b3_other_attorney_letter, b3_other_priorauth_request
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
import gen_charts as gc  # noqa: E402  (degradation and saving helpers, data pools)

W, H = 2550, 3300
FIELDS = gc.FIELDS
FD = "/usr/share/fonts/truetype/"

FONTS = {
    "sans": [("liberation2/LiberationSans-Regular.ttf", "liberation2/LiberationSans-Bold.ttf"),
             ("freefont/FreeSans.ttf", "freefont/FreeSansBold.ttf"),
             ("dejavu/DejaVuSansCondensed.ttf", "dejavu/DejaVuSansCondensed-Bold.ttf")],
    "serif": [("liberation2/LiberationSerif-Regular.ttf", "liberation2/LiberationSerif-Bold.ttf"),
              ("freefont/FreeSerif.ttf", "freefont/FreeSerifBold.ttf"),
              ("dejavu/DejaVuSerifCondensed.ttf", "dejavu/DejaVuSerifCondensed-Bold.ttf")],
    "mono": [("liberation2/LiberationMono-Regular.ttf", "liberation2/LiberationMono-Bold.ttf"),
             ("freefont/FreeMono.ttf", "freefont/FreeMonoBold.ttf"),
             ("dejavu/DejaVuSansMono.ttf", "dejavu/DejaVuSansMono-Bold.ttf")],
    "hand": [("freefont/FreeSerifItalic.ttf", "freefont/FreeSerifBoldItalic.ttf"),
             ("liberation2/LiberationSerif-Italic.ttf", "liberation2/LiberationSerif-BoldItalic.ttf"),
             ("dejavu/DejaVuSans-Oblique.ttf", "dejavu/DejaVuSans-BoldOblique.ttf"),
             ("freefont/FreeSansOblique.ttf", "freefont/FreeSansBoldOblique.ttf")],
}


def F(path, px):
    return gc.font(path, int(px))


# ----------------------------------------------------------------------------- pools (b3 only)
GIVEN_F = ["Dolores", "Maribel", "Judith", "Yolanda", "Loretta", "Kendra", "Tamika", "Xiomara", "Gwendolyn",
           "Rosalind", "Harriet", "Imelda", "Bernadette", "Consuelo", "Marguerite", "Shanice", "Leticia",
           "Francine", "Annmarie", "Colleen", "Priscilla", "Wilma", "Opal", "Agnes", "Lucille", "Brianna",
           "Destiny", "Mei-Ling", "Siobhan", "Ingrid", "Thuy", "Rochelle"]
GIVEN_M = ["Reginald", "Clarence", "Wendell", "Ignacio", "Dwayne", "Lamar", "Thaddeus", "Mortimer", "Alfonso",
           "Cornelius", "Desmond", "Everett", "Fitzgerald", "Horace", "Lionel", "Mauricio", "Otis", "Rufus",
           "Sherman", "Terrance", "Vernon", "Wilbur", "Augustin", "Bartholomew", "Cedric", "Darnell", "Emmett",
           "Gustavo", "Jun", "Tyrone", "Luis-Angel"]
MIDDLES = ["Ann", "Lee", "Marie", "James", "Louise", "Ray", "Edward", "Jean", "Lynn", "Allen", "Rose", "Dale",
           "Eugene", "Faye", "Wayne", "Irene", "Kay", "Oscar", "Beth", "Neil", "Hope", "Paul", "Yvette", "Carl"]
FAMILY = ["Yancey", "Quintero", "Oyelaran", "Blankenship", "Castellanos", "Dubois", "Eckhardt", "Fontaine",
          "Grabowski", "Hollister", "Ivanova", "Jaramillo", "Kirkpatrick", "Lindstrom", "Mahoney", "Nakashima",
          "Ostrowski", "Pacheco", "Quarles", "Rutherford", "Schaefer", "Trujillo", "Underwood", "Villanueva",
          "Whitaker", "Yamamoto", "Zielinski", "Boudreaux", "Chavira", "Dunleavy", "Esposito", "Fairweather",
          "Gutierrez", "Hatfield", "Iacovelli", "Jorgensen", "Kuznetsov", "Lachance", "Mbatha", "Norquist"]
FAMILY_SPECIAL = ["O'Connor-Smith", "O'Hara", "D'Souza", "McKinnon", "LaRue", "De la Cruz", "Van der Berg",
                  "St. John", "Hughes-Wright", "MacPherson"]
SUFFIXES = [("Jr", ["Jr.", "JR", "Jr"]), ("Sr", ["Sr.", "SR"]), ("II", ["II"]), ("III", ["III"])]
CL_FIRST = ["Anita", "Bertrand", "Celeste", "Dominic", "Elaine", "Franklin", "Gloria", "Howard", "Ines", "Jerome",
            "Katrina", "Leonard", "Miriam", "Nathaniel", "Ophelia", "Preston", "Rosalyn", "Stanley", "Theresa",
            "Ulrich", "Valerie", "Warren", "Yasmin", "Zachary", "Deepa", "Kwame", "Soo-Jin", "Tomasz"]
CL_LAST = ["Ashworth", "Bhattacharya", "Cavanaugh", "Drummond", "Estrada", "Fitzwilliam", "Goldberg", "Hendricks",
           "Ibarra", "Jablonski", "Kessler", "Lockhart", "Montgomery", "Nwosu", "Prescott", "Quimby", "Radcliffe",
           "Sandoval", "Tremblay", "Upton", "Vanderpool", "Wainwright", "Yoshida", "Zimmerman", "Halvorsen",
           "Mukherjee", "Ferreira", "Lindqvist-Bauer"]
DEGREES = {"md": ["MD", "M.D.", "MD", "DO", "D.O.", "MD, FACP", "MD, PhD"], "np": ["NP", "FNP-C", "APRN", "PA-C"],
           "pt": ["PT, DPT", "PT", "DPT"], "dds": ["DDS", "DMD", "D.D.S."], "cnm": ["CNM", "MD", "DO"],
           "rn": ["RN", "LPN", "RN, BSN"]}
ORGS = [("Tamarack Valley Clinic", "2210 Tamarack Rd", "Boise, ID 83702", "208"),
        ("St. Brendan's Hospital", "1 Abbey Plaza", "Worcester, MA 01608", "508"),
        ("Prairie Hills Medical Group", "4400 Prairie Hills Pkwy", "Wichita, KS 67205", "316"),
        ("Bayou Regional Medical Center", "90 Levee St", "Houma, LA 70360", "985"),
        ("Copper Canyon Health", "15 Mesa Verde Dr", "Tucson, AZ 85711", "520"),
        ("Allegheny Ridge Physicians", "620 Ridgeview Ave", "Altoona, PA 16601", "814"),
        ("Blue Heron Community Health Center", "303 Marsh Ln", "Savannah, GA 31401", "912"),
        ("Granite State Family Practice", "88 Quarry Rd", "Concord, NH 03301", "603"),
        ("Willamette Valley Medical Associates", "1717 Orchard Way", "Salem, OR 97301", "503"),
        ("Mercy Crossroads Hospital", "500 Crossroads Blvd", "Joplin, MO 64801", "417")]
LAWFIRMS = ["Hargrove, Pell & Whitcomb, LLP", "Delgado Law Offices", "Sutter & Kline, Attorneys at Law",
            "Marchbanks Injury Lawyers, P.C."]
PHARMACIES = ["Corner Drug #0412", "ValuCare Pharmacy #2281", "Main Street Apothecary", "HealthMart Rx #77"]
RELS = ["Mother", "Father", "Spouse", "Daughter", "Son", "Sister", "Brother", "Friend", "Grandmother"]
TOWNS = [("Boise", "ID", "837"), ("Wichita", "KS", "672"), ("Houma", "LA", "703"), ("Tucson", "AZ", "857"),
         ("Altoona", "PA", "166"), ("Salem", "OR", "973"), ("Joplin", "MO", "648"), ("Concord", "NH", "033")]
ROADS = ["Juniper Ln", "Bluebonnet Dr", "Quail Run", "Harvest Ct", "Kingfisher Rd", "Osage Ave", "Cottonwood St",
         "Fox Hollow Rd", "Magnolia Blvd", "Sycamore Ter"]

MON = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
       "November", "December"]


# ----------------------------------------------------------------------------- dates
def fmtd(d, f):
    m, dd, y = d.month, d.day, d.year
    return {
        "mdY": "%02d/%02d/%04d" % (m, dd, y),
        "md_Y": "%d/%d/%04d" % (m, dd, y),
        "mdy-": "%d-%d-%02d" % (m, dd, y % 100),
        "mdy/": "%02d/%02d/%02d" % (m, dd, y % 100),
        "dBY": "%02d %s %04d" % (dd, MON[m - 1][:3].upper(), y),
        "d-b-Y": "%d-%s-%04d" % (dd, MON[m - 1][:3], y),
        "BdY": "%s %d, %04d" % (MON[m - 1], dd, y),
        "bdY": "%s. %d, %04d" % (MON[m - 1][:3], dd, y) if m != 5 else "May %d, %04d" % (dd, y),
        "iso": "%04d-%02d-%02d" % (y, m, dd),
        "m-d-Y": "%02d-%02d-%04d" % (m, dd, y),
        "BDY": "%s %d %04d" % (MON[m - 1][:3].upper(), dd, y),
    }[f]


ALL_DFMTS = ["mdY", "md_Y", "mdy-", "mdy/", "dBY", "d-b-Y", "BdY", "bdY", "iso", "m-d-Y", "BDY"]
TWO_DIGIT = ("mdy-", "mdy/")


def parse_date(s):
    s = s.strip()
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})$", s)
    if m:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = re.match(r"^(\d{1,2})[/-](\d{1,2})[/-](\d{2}|\d{4})$", s)
    if m:
        y = int(m.group(3))
        if len(m.group(3)) == 2:
            y += 2000 if y < 30 else 1900
        return date(y, int(m.group(1)), int(m.group(2)))
    mons = [x[:3].lower() for x in MON]
    m = re.match(r"^(\d{1,2})[ -]([A-Za-z]{3})[ -](\d{4})$", s)
    if m:
        return date(int(m.group(3)), mons.index(m.group(2).lower()) + 1, int(m.group(1)))
    m = re.match(r"^([A-Za-z]+)\.? (\d{1,2}),? (\d{4})$", s)
    if m:
        return date(int(m.group(3)), mons.index(m.group(1)[:3].lower()) + 1, int(m.group(2)))
    raise ValueError("cannot parse date %r" % s)


def rdate(rng, a, b):
    if b < a:
        b = a
    return a + timedelta(days=rng.randint(0, (b - a).days))


def tel(rng, area):
    return "(%s) 555-01%02d" % (area, rng.randint(0, 99))


def dig(rng, n):
    return "".join(str(rng.randint(0, 9)) for _ in range(n))


# ----------------------------------------------------------------------------- people
class Patient:
    pass


class Clin:
    def __init__(self, first, mi, last, kind, deg):
        self.first, self.mi, self.last, self.kind, self.deg = first, mi, last, kind, deg


def make_clinicians(rng):
    out = []
    firsts, lasts = CL_FIRST[:], CL_LAST[:]
    rng.shuffle(firsts)
    rng.shuffle(lasts)
    kinds = ["md"] * 14 + ["np"] * 4 + ["pt"] * 3 + ["dds"] * 2 + ["cnm"] * 2 + ["rn"] * 3
    for i, k in enumerate(kinds):
        mi = rng.choice("ABCDEFGHJKLMNPRSTW") if rng.random() < 0.6 else None
        out.append(Clin(firsts[i % len(firsts)], mi, lasts[i % len(lasts)], k, rng.choice(DEGREES[k])))
    return out


def make_patients(rng, n):
    pats = []
    used = set()
    for i in range(n):
        p = Patient()
        p.key = "P3-%04d" % (i + 1)
        p.sex = rng.choice("FM")
        p.first = rng.choice(GIVEN_F if p.sex == "F" else GIVEN_M)
        p.middle = rng.choice(MIDDLES) if rng.random() < 0.7 else None
        p.last = rng.choice(FAMILY_SPECIAL) if rng.random() < 0.15 else rng.choice(FAMILY)
        p.suffix = None
        if p.sex == "M" and rng.random() < 0.15:
            p.suffix = rng.choice(SUFFIXES)
        p.dob = rdate(rng, date(1922, 1, 1), date(2016, 12, 31))
        style = rng.random()
        if style < 0.4:
            p.mrn = "0" * rng.randint(1, 2) + dig(rng, 6)
        elif style < 0.65:
            p.mrn = str(rng.randint(1, 9)) + dig(rng, 6)
        elif style < 0.85:
            p.mrn = rng.choice("MHKE") + dig(rng, 7)
        else:
            p.mrn = str(rng.randint(1, 9)) + dig(rng, 8)
        while p.mrn in used:
            p.mrn = str(rng.randint(1, 9)) + dig(rng, 8)
        used.add(p.mrn)
        t = rng.choice(TOWNS)
        p.addr = ("%d %s" % (rng.randint(12, 9899), rng.choice(ROADS)), "%s, %s %s%s" % (t[0], t[1], t[2], dig(rng, 2)))
        p.phone = tel(rng, rng.choice(["208", "316", "520", "814", "503"]))
        p.same_as = None
        pats.append(p)
    # a few pairs of different patients share a name (different DOB / MRN)
    npairs = max(1, n // 12)
    idx = list(range(n))
    rng.shuffle(idx)
    for k in range(npairs):
        if 2 * k + 1 >= len(idx):
            break
        a, b = pats[idx[2 * k]], pats[idx[2 * k + 1]]
        b.sex, b.first, b.last, b.middle, b.suffix = a.sex, a.first, a.last, a.middle, a.suffix
        if rng.random() < 0.5:
            b.middle = None if a.middle is None else rng.choice([m for m in MIDDLES if m[0] != a.middle[0]])
        while b.dob == a.dob:
            b.dob = rdate(rng, date(1922, 1, 1), date(2016, 12, 31))
        b.same_as = a.key
    return pats


# ----------------------------------------------------------------------------- page
class Page:
    def __init__(self, landscape=False):
        self.landscape = landscape
        self.w, self.h = (H, W) if landscape else (W, H)
        self.im = Image.new("L", (self.w, self.h), 255)
        self.d = ImageDraw.Draw(self.im)
        self.texts = []
        self.rng = None
        self.style = None

    def all_text(self):
        return "\n".join(self.texts)

    def t(self, x, y, s, f, fill=0, style=None, record=True):
        """Draw s at (x, y) (top-left); returns the x after the text."""
        s = str(s)
        style = style or self.style
        if record:
            self.texts.append(s)
        if style == "type" and self.rng is not None:
            cx = x
            for ch in s:
                jy = self.rng.choice([0, 0, 0, 1, -1, 2])
                ink = self.rng.choice([0, 0, 20, 40, 70])
                self.d.text((cx, y + jy), ch, font=f, fill=ink)
                cx += self.d.textlength(ch, font=f)
            return cx
        if style == "hand" and self.rng is not None:
            cx = x
            for w in s.split(" "):
                jy = self.rng.randint(-5, 5)
                self.d.text((cx, y + jy), w, font=f, fill=self.rng.choice([0, 10, 30]))
                cx += self.d.textlength(w + " ", font=f) + self.rng.randint(-3, 8)
            return cx
        self.d.text((x, y), s, font=f, fill=fill)
        return x + self.d.textlength(s, font=f)

    def tr(self, xr, y, s, f, **kw):  # right aligned
        return self.t(xr - self.d.textlength(str(s), font=f), y, s, f, **kw)

    def tc(self, xc, y, s, f, **kw):  # centred
        return self.t(xc - self.d.textlength(str(s), font=f) / 2, y, s, f, **kw)

    def tw(self, s, f):
        return self.d.textlength(str(s), font=f)

    def line(self, x0, y0, x1, y1, w=3, fill=0):
        self.d.line([(x0, y0), (x1, y1)], fill=fill, width=w)

    def rect(self, x0, y0, x1, y1, w=3, fill=None):
        self.d.rectangle([x0, y0, x1, y1], outline=0, width=w, fill=fill)

    def checkbox(self, x, y, size, checked, label, f):
        self.rect(x, y, x + size, y + size, w=3)
        if checked:
            self.line(x + 6, y + 6, x + size - 6, y + size - 6, w=5)
            self.line(x + 6, y + size - 6, x + size - 6, y + 6, w=5)
            self.texts.append("[X] " + label)
        self.t(x + size + 14, y - 4, label, f)

    def para(self, x, y, text, f, width, lh=None, style=None):
        lh = lh or int(f.size * 1.35)
        words = text.split()
        line = ""
        for w in words:
            cand = (line + " " + w).strip()
            if self.tw(cand, f) > width and line:
                self.t(x, y, line, f, style=style)
                y += lh
                line = w
            else:
                line = cand
        if line:
            self.t(x, y, line, f, style=style)
            y += lh
        return y


# ----------------------------------------------------------------------------- body text
HPI = ["Patient reports intermittent symptoms over the past several weeks without clear trigger.",
       "Denies fever, chills, night sweats or unintentional weight loss.",
       "Has been taking medications as prescribed and reports no side effects.",
       "Sleep and appetite are unchanged. No recent travel or sick contacts.",
       "Symptoms are worse with exertion and improve with rest.",
       "Family history reviewed and unchanged from prior visit.",
       "Reports mild fatigue in the afternoons; drinks two cups of coffee daily.",
       "Occasional heartburn after large meals, relieved by antacids.",
       "No chest pain, palpitations, orthopnea or leg swelling.",
       "Home blood pressure log reviewed, readings mostly in the 130s over 80s."]
EXAM = ["Alert, oriented, in no acute distress.", "Lungs clear to auscultation bilaterally.",
        "Heart regular rate and rhythm, no murmurs, rubs or gallops.", "Abdomen soft, non-tender, non-distended.",
        "Extremities without edema; pulses 2+ and symmetric.", "Skin warm and dry, no rashes.",
        "Neurologic exam grossly non-focal.", "HEENT: tympanic membranes clear, oropharynx benign."]
PLAN = ["Continue current regimen and recheck labs in three months.", "Discussed diet, exercise and weight goals.",
        "Return precautions reviewed; patient verbalized understanding.", "Follow up in 6 weeks or sooner as needed.",
        "Referral placed as discussed; patient to schedule.", "Medication list reconciled and updated today."]
COURSE = ["The patient was admitted to the medical floor and started on intravenous fluids.",
          "Serial labs showed gradual improvement over the first 48 hours.",
          "Physical therapy evaluated the patient and recommended home with assistance.",
          "Pain was controlled with oral analgesics by hospital day two.",
          "Cultures remained negative and antibiotics were narrowed accordingly.",
          "The patient tolerated a regular diet prior to discharge.",
          "Telemetry showed no significant arrhythmia during the stay."]


def pick(rng, pool, n):
    return " ".join(rng.sample(pool, min(n, len(pool))))


# ----------------------------------------------------------------------------- document context
class Doc:
    def __init__(self, rng, pat, clins, layout, era):
        self.rng = rng
        self.pat = pat
        self.clins = clins
        self.layout = layout
        self.pages = []
        self.patient_page = 0
        self.printed = {}
        self.fields = {f: None for f in FIELDS}
        self.notes = []
        self.fax = False
        self.no_mrn = rng.random() < 0.14
        self.org = rng.choice(ORGS)
        y0, y1 = era
        lo = max(date(y0, 1, 1), pat.dob + timedelta(days=30))
        self.enc = rdate(rng, lo, max(lo, date(y1, 12, 28)))
        self.when = self.enc
        # one decision per document on how the name is printed
        self.show_mid = pat.middle is not None and rng.random() < 0.75
        self.mid_full = self.show_mid and rng.random() < 0.25
        self.sfx_print = rng.choice(pat.suffix[1]) if pat.suffix and rng.random() < 0.8 else None
        self.used_clins = set()
        self.fam = None

    # -- people and fields
    def clin(self, kind="md"):
        cands = [c for c in self.clins if c.kind == kind and id(c) not in self.used_clins]
        if not cands:
            cands = [c for c in self.clins if id(c) not in self.used_clins]
        c = self.rng.choice(cands)
        self.used_clins.add(id(c))
        return c

    def rec(self, field, truth, printed):
        self.fields[field] = truth
        self.printed.setdefault(field, []).append(printed)

    def name_parts(self):
        p = self.pat
        mid = None
        if self.show_mid:
            mid = p.middle if self.mid_full else p.middle[0]
        return p.first, mid, p.last, self.sfx_print

    def name_truth(self):
        first, mid, last, sfx = self.name_parts()
        t = " ".join(x for x in [first, mid, last] if x)
        if sfx:
            t += " " + self.pat.suffix[0]
        return t

    def name(self, form, record=True, upper=None):
        """Printed patient name.  form: LFM (Last, First M), FML (First M. Last), LF_sp (Last First M),
        and the same with trailing _U for upper case."""
        first, mid, last, sfx = self.name_parts()
        up = form.endswith("_U")
        form = form[:-2] if up else form
        if form == "LFM":
            s = "%s%s, %s%s" % (last, (" " + sfx) if sfx else "", first, (" " + mid) if mid else "")
        elif form == "LFMd":
            s = "%s, %s%s%s" % (last, first, (" " + mid + ("." if len(mid) == 1 else "")) if mid else "",
                                (", " + sfx) if sfx else "")
        elif form == "FML":
            s = "%s%s %s%s" % (first, (" " + mid + ("." if len(mid) == 1 else "")) if mid else "", last,
                               (", " + sfx) if sfx else "")
        elif form == "FML_nodot":
            s = "%s%s %s%s" % (first, (" " + mid) if mid else "", last, (" " + sfx) if sfx else "")
        elif form == "LF_sp":
            s = "%s %s%s%s" % (last, first, (" " + mid) if mid else "", (" " + sfx) if sfx else "")
        else:
            raise ValueError(form)
        if up:
            s = s.upper()
        if record:
            self.rec("patient_name", self.name_truth(), s)
            if sfx and "name_suffix" not in self.notes:
                self.notes.append("name_suffix")
            if self.mid_full and mid and "middle_full" not in self.notes:
                self.notes.append("middle_full")
        return s

    def dob(self, fmt=None, record=True):
        d = self.pat.dob
        fmts = ["mdY", "mdY", "md_Y", "dBY", "BdY", "bdY", "iso", "m-d-Y", "d-b-Y", "BDY"]
        if d.year >= 1930 and self.enc.year - d.year < 70:
            fmts += ["mdy-", "mdy/"]
        fmt = fmt or self.rng.choice(fmts)
        if fmt in TWO_DIGIT and not (d.year >= 1930 and self.enc.year - d.year < 70):
            fmt = "mdY"
        s = fmtd(d, fmt)
        if record:
            self.rec("date_of_birth", d.isoformat(), s)
        return s

    def date_s(self, d, fmt=None):
        return fmtd(d, fmt or self.rng.choice(["mdY", "mdY", "md_Y", "dBY", "BdY", "bdY", "iso", "m-d-Y", "mdy/", "d-b-Y"]))

    def enc_s(self, fmt=None, d=None):
        d = d or self.enc
        s = self.date_s(d, fmt)
        self.rec("encounter_date", d.isoformat(), s)
        return s

    def mrn(self, style=None, force=False):
        """Printed MRN or None when this document does not print it."""
        if self.no_mrn and not force:
            if "no_mrn" not in self.notes:
                self.notes.append("no_mrn")
            return None
        m = self.pat.mrn
        style = style or self.rng.choice(["plain", "plain", "dash4", "space", "dash3", "dash2"])
        if m[0].isalpha():
            s = m if style in ("plain", "space") else m[0] + "-" + m[1:]
        elif style == "dash4":
            s = m[:-4] + "-" + m[-4:]
        elif style == "space":
            s = m[:len(m) // 2] + " " + m[len(m) // 2:]
        elif style == "dash3":
            s = "-".join([m[i:i + 3] for i in range(0, len(m), 3)])
        elif style == "dash2":
            s = m[:2] + "-" + m[2:4] + "-" + m[4:]
        else:
            s = m
        self.rec("mrn", m, s)
        return s

    def sex(self, form="F"):
        s = self.pat.sex
        out = {"F": s, "Female": "Female" if s == "F" else "Male", "FEMALE": "FEMALE" if s == "F" else "MALE"}[form]
        self.rec("sex", s, out)
        return out

    def sex_boxes(self, pg, x, y, f, labels=("Female", "Male"), size=None):
        size = size or int(f.size * 0.9)
        is_f = self.pat.sex == "F"
        x1 = x
        for lab in labels:
            chk = (lab.lower().startswith("f") and is_f) or (lab.lower().startswith("m") and not is_f)
            pg.checkbox(x1, y, size, chk, lab, f)
            x1 += size + 40 + pg.tw(lab, f) + 50
        self.fields["sex"] = self.pat.sex
        self.printed.setdefault("sex", []).append("[X] " + (labels[0] if is_f else labels[1]))
        if "checkbox_sex" not in self.notes:
            self.notes.append("checkbox_sex")
        return x1

    def prov(self, c, form=None, record=True):
        form = form or self.rng.choice(["FMLd", "FMLd", "Dr", "LFM_U", "FL_deg", "FML_nodeg"])
        mi = c.mi
        show_mi = mi is not None and form in ("FMLd", "LFM_U", "FML_nodeg")
        # a clinician printed again on the same document keeps the middle-initial decision
        # of the recorded print, so the truth ("middle initial only when printed") stays consistent
        if not hasattr(self, "mi_shown"):
            self.mi_shown = {}
        if record:
            self.mi_shown[id(c)] = show_mi
        elif id(c) in self.mi_shown and not self.mi_shown[id(c)]:
            show_mi = False
        if form == "FMLd":
            s = "%s %s%s, %s" % (c.first, (mi + ". ") if show_mi else "", c.last, c.deg)
        elif form == "Dr":
            s = "Dr. %s %s" % (c.first, c.last)
        elif form == "LFM_U":
            s = ("%s, %s%s %s" % (c.last, c.first, (" " + mi) if show_mi else "", c.deg.replace(".", ""))).upper()
        elif form == "FL_deg":
            s = "%s %s %s" % (c.first, c.last, c.deg.split(",")[0])
        elif form == "FML_nodeg":
            s = "%s %s%s" % (c.first, (mi + ". ") if show_mi else "", c.last)
        else:
            raise ValueError(form)
        if record:
            self.rec("provider", " ".join(x for x in [c.first, mi if show_mi else None, c.last] if x), s)
        return s

    def other_name(self, c, form="FMLd"):  # distractor clinician, not recorded
        return self.prov(c, form, record=False)

    def distract(self, kind):
        self.notes.append("distractor:" + kind)

    def fam_fonts(self, family=None):
        family = family or self.rng.choice(["sans", "serif", "sans", "mono"])
        reg, bold = self.rng.choice(FONTS[family])
        self.fam = family
        return reg, bold

    def page(self, landscape=False, style=None):
        pg = Page(landscape)
        pg.rng = self.rng
        pg.style = style
        self.pages.append(pg)
        return pg

    def other_person(self, sex=None, last=None):
        sex = sex or self.rng.choice("FM")
        first = self.rng.choice(GIVEN_F if sex == "F" else GIVEN_M)
        while first == self.pat.first:
            first = self.rng.choice(GIVEN_F if sex == "F" else GIVEN_M)
        return first, self.rng.choice("ABCDEGJKLMRST"), last or self.rng.choice(FAMILY)

    def other_dob(self, lo=1925, hi=2000):
        d = rdate(self.rng, date(lo, 1, 1), date(hi, 12, 28))
        while d == self.pat.dob:
            d = rdate(self.rng, date(lo, 1, 1), date(hi, 12, 28))
        return d


def related(d, same_last=True):
    """A plausible guarantor / guardian / subscriber for the patient: (first, mi, last, relation, dob)."""
    rng, p = d.rng, d.pat
    ref = d.enc or d.when
    age = (ref - p.dob).days // 365
    if age < 18:
        rel = rng.choice(["Mother", "Father", "Mother", "Grandmother"])
        lo, hi = (18, 42) if rel != "Grandmother" else (38, 70)
        dob = p.dob - timedelta(days=rng.randint(365 * lo, 365 * hi))
    elif age > 70 or rng.random() < 0.4:
        rel = rng.choice(["Daughter", "Son"])
        dob = p.dob + timedelta(days=rng.randint(365 * 19, 365 * 38))
        if dob > ref - timedelta(days=365 * 18):
            rel, dob = "Spouse", p.dob + timedelta(days=rng.randint(-3000, 3000))
    else:
        rel = "Spouse"
        dob = p.dob + timedelta(days=rng.randint(-3000, 3000))
    if dob == p.dob:
        dob += timedelta(days=1)
    sex = {"Mother": "F", "Grandmother": "F", "Daughter": "F", "Father": "M", "Son": "M"}.get(rel, "M" if p.sex == "F" else "F")
    first, mi, last = d.other_person(sex, p.last if same_last else None)
    return first, mi, last, rel, dob


def letterhead(d, pg, reg, bold, y=120, align="c", small=False):
    org = d.org
    x = pg.w / 2
    fs = pt(20 if not small else 15)
    f1, f2 = F(bold, fs), F(reg, pt(9.5))
    if align == "c":
        pg.tc(x, y, org[0], f1)
        pg.tc(x, y + fs + 20, "%s  \u2022  %s" % (org[1], org[2]), f2)
        pg.tc(x, y + fs + 20 + pt(13), "Tel %s   Fax %s" % (tel(d.rng, org[3]), tel(d.rng, org[3])), f2)
    else:
        pg.t(150, y, org[0], f1)
        pg.t(150, y + fs + 20, org[1] + ", " + org[2], f2)
        pg.t(150, y + fs + 20 + pt(13), "Phone %s  |  Fax %s" % (tel(d.rng, org[3]), tel(d.rng, org[3])), f2)
    return y + fs + 20 + pt(13) + pt(22)


def pt(p):
    return int(round(p * 300 / 72))


def footer(d, pg, reg, i, n, extra=None):
    f = F(reg, pt(8))
    txt = "Page %d of %d" % (i, n)
    pg.tr(pg.w - 150, pg.h - 150, txt, f)
    if extra:
        pg.t(150, pg.h - 150, extra, f)


def short_header(d, pg, reg, i, n, with_dob=False):
    """Continuation-page header: name (no middle) and MRN when printed."""
    f = F(reg, pt(9))
    p = d.pat
    s = "Patient: %s, %s" % (p.last.upper(), p.first.upper())
    if not d.no_mrn:
        s += "    MRN: %s" % p.mrn
    if with_dob and d.fields["date_of_birth"] is not None:
        s += "    DOB: %s" % d.printed["date_of_birth"][0]
    pg.t(150, 110, s, f)
    pg.tr(pg.w - 150, 110, "Page %d of %d" % (i, n), f)
    pg.line(150, 110 + pt(14), pg.w - 150, 110 + pt(14), w=2)
    if "repeat_header" not in d.notes:
        d.notes.append("repeat_header")
    return 110 + pt(26)


# ============================================================================= layouts
# ---------------------------------------------------------------- intake forms
def L_intake_adt_facesheet(d):
    """1990s mainframe ADT face sheet, mono, boxed, 'PATIENT NAME (LAST, FIRST, MI)'."""
    reg, bold = d.fam_fonts("mono")
    pg = d.page()
    f, fb, fs = F(reg, pt(10)), F(bold, pt(11)), F(reg, pt(7))
    rng = d.rng
    pg.tc(pg.w / 2, 110, d.org[0].upper(), F(bold, pt(14)))
    pg.tc(pg.w / 2, 110 + pt(18), "INPATIENT FACE SHEET / ADMISSION RECORD", fb)
    acct = dig(rng, 9)
    x0, x1 = 150, pg.w - 150
    y = 320
    rowh = pt(30)

    def cells(y, spec):
        x = x0
        tot = sum(w for w, _, _ in spec)
        for w, cap, val in spec:
            ww = (x1 - x0) * w / tot
            pg.rect(x, y, x + ww, y + rowh, w=2)
            pg.t(x + 10, y + 6, cap, fs)
            if val:
                pg.t(x + 14, y + 6 + pt(10), val, f)
            x += ww
        return y + rowh

    d.distract("account_number")
    adm = d.enc_s("mdy/" if d.enc.year < 2000 else "mdY")
    y = cells(y, [(3, "ACCOUNT NO.", acct), (2, "MED REC NO.", d.mrn("plain") or ""),
                  (2, "ADMIT DATE", adm), (1, "ADM TIME", "%02d%02d" % (rng.randint(0, 23), rng.randint(0, 59))),
                  (1, "RM/BED", "%d-%s" % (rng.randint(200, 580), rng.choice("AB")))])
    y = cells(y, [(5, "PATIENT NAME (LAST, FIRST, MI)", d.name("LFM_U")), (2, "BIRTH DATE", d.dob("mdy/" if rng.random() < .5 else "mdY")),
                  (1, "AGE", str((d.enc - d.pat.dob).days // 365)), (1, "SEX", d.sex("F")),
                  (1, "MS", rng.choice("SMWD")), (1, "RACE", rng.choice(["W", "B", "H", "A", "O"]))])
    y = cells(y, [(5, "PATIENT ADDRESS", d.pat.addr[0].upper()), (4, "CITY/STATE/ZIP", d.pat.addr[1].upper()),
                  (3, "HOME PHONE", d.pat.phone)])
    att = d.clin("md")
    refp = d.clin("md")
    d.distract("referring_physician")
    y = cells(y, [(6, "ATTENDING PHYSICIAN", d.prov(att, "LFM_U")), (6, "REFERRING PHYSICIAN", d.other_name(refp, "LFM_U"))])
    y = cells(y, [(12, "ADMITTING DIAGNOSIS", rng.choice(gc.DX)[0].upper())])
    y += pt(14)
    pg.t(x0, y, "GUARANTOR INFORMATION", fb)
    y += pt(16)
    if rng.random() < 0.35 and (d.enc - d.pat.dob).days > 365 * 21:
        g = (d.pat.first, d.pat.middle[0] if d.show_mid else "", d.pat.last)
        gd, grel = None, "SELF"
    else:
        g1, g2, g3, grel, gd = related(d)
        g, grel = (g1, g2, g3), grel.upper()
        d.distract("guarantor_dob")
    y = cells(y, [(5, "GUARANTOR NAME", ("%s, %s %s" % (g[2], g[0], g[1])).strip().upper()), (2, "GUAR DOB", fmtd(gd, "mdy/") if gd else "SAME"),
                  (2, "RELATIONSHIP", grel), (3, "GUAR EMPLOYER", rng.choice(["RETIRED", "SELF", "ACME MFG", "COUNTY SCHOOLS"]))])
    pg.t(x0, y + pt(12), "INSURANCE", fb)
    y += pt(28)
    d.distract("policy_number")
    for k in range(rng.randint(1, 2)):
        y = cells(y, [(4, "PLAN %d" % (k + 1), rng.choice(gc.PAYERS).upper()), (3, "POLICY #", rng.choice("XYZW") + dig(rng, 9)),
                      (2, "GROUP #", dig(rng, 6)), (3, "SUBSCRIBER", ("%s, %s" % (g[2], g[0])).upper())])
    pg.t(x0, y + pt(12), "EMERGENCY CONTACT", fb)
    y += pt(28)
    e = d.other_person()
    y = cells(y, [(5, "NAME", ("%s %s" % (e[0], e[2])).upper()), (3, "RELATION", rng.choice(RELS).upper()),
                  (4, "PHONE", tel(rng, "316"))])
    y += pt(20)
    pg.t(x0, y, "ADMIT SOURCE: %s    ADMIT TYPE: %s    FIN CLASS: %s" % (rng.choice(["ER", "PHYS REF", "TRANSFER"]),
                                                                     rng.choice(["URGENT", "ELECTIVE", "EMERGENCY"]), rng.choice(["MC", "BC", "SP", "CO"])), f)
    y += pt(30)
    pg.t(x0, y, "PRINTED %s %02d:%02d  BY ADTREG%02d" % (fmtd(d.enc + timedelta(days=rng.randint(0, 2)), "mdy/"),
                                                        rng.randint(0, 23), rng.randint(0, 59), rng.randint(1, 40)), fs)


def L_intake_portal_demographics(d):
    """Patient-portal printout: 'Name: Last, First', DOB spelled out, PCP listed, printed-on stamp."""
    reg, bold = d.fam_fonts("sans")
    pg = d.page()
    rng = d.rng
    f, fb, fsm = F(reg, pt(10.5)), F(bold, pt(11)), F(reg, pt(7.5))
    when = d.enc
    pg.t(100, 60, "%s, %d:%02d %s" % (fmtd(when, "md_Y"), rng.randint(1, 12), rng.randint(0, 59), rng.choice(["AM", "PM"])), fsm)
    pg.tc(pg.w / 2, 60, "MyChart-style Patient Portal - My Health Information", fsm)
    pg.t(150, 200, d.org[0] + " Patient Portal", F(bold, pt(18)))
    pg.t(150, 200 + pt(26), "Personal Information", F(reg, pt(14)))
    pg.line(150, 200 + pt(46), pg.w - 150, 200 + pt(46), w=2)
    y = 200 + pt(60)
    rows = [("Name", d.name(rng.choice(["LFM", "LFMd"]) if d.show_mid else "LFM")),
            ("Date of birth", d.dob("BdY")),
            ("Legal sex", d.sex("Female")),
            ("Address", d.pat.addr[0] + ", " + d.pat.addr[1]),
            ("Home phone", d.pat.phone)]
    m = d.mrn(rng.choice(["plain", "dash4"]))
    if m:
        rows.insert(3, ("Medical record number", m))
    pcp = d.clin("md")
    rows.append(("Primary care provider", d.other_name(pcp, "FMLd")))
    d.distract("pcp")
    e = d.other_person()
    rows.append(("Emergency contact", "%s %s (%s) %s" % (e[0], e[2], rng.choice(RELS), tel(rng, "503"))))
    d.distract("emergency_contact")
    rows.append(("Preferred pharmacy", rng.choice(PHARMACIES)))
    rows.append(("Insurance", "%s - Member ID %s" % (rng.choice(gc.PAYERS), rng.choice("ABQ") + dig(rng, 10))))
    d.distract("member_id")
    for k, v in rows:
        pg.t(170, y, k, fb)
        pg.t(900, y, v, f)
        y += pt(24)
        pg.line(170, y - pt(6), pg.w - 170, y - pt(6), w=1, fill=170)
    y += pt(20)
    pg.t(150, y, "Upcoming appointments", F(reg, pt(14)))
    y += pt(26)
    for k in range(rng.randint(1, 3)):
        ad = when + timedelta(days=rng.randint(5, 120))
        pg.t(170, y, "%s  %s  with %s" % (fmtd(ad, "bdY"), rng.choice(["Office Visit", "Lab Only", "Annual Physical"]),
                                           d.other_name(pcp, "Dr")), f)
        y += pt(20)
    d.distract("appointment_date")
    pg.t(100, pg.h - 110, "https://portal.example.org/mychart/Demographics   1/1", fsm)


def L_intake_dental_history(d):
    """Dental office registration & health history with tooth chart and checkbox sex."""
    reg, bold = d.fam_fonts(d.rng.choice(["sans", "serif"]))
    pg = d.page()
    rng = d.rng
    f, fb, fs = F(reg, pt(10)), F(bold, pt(10)), F(reg, pt(7.5))
    y = letterhead(d, pg, reg, bold, align="l", small=True)
    pg.t(150, y, "PATIENT REGISTRATION & DENTAL HEALTH HISTORY", F(bold, pt(13)))
    y += pt(26)
    pg.t(150, y, "Today's Date:", fb)
    pg.t(150 + pg.tw("Today's Date: ", fb), y, d.enc_s("md_Y"), f)
    dent = d.clin("dds")
    pg.t(1300, y, "Dentist:", fb)
    pg.t(1300 + pg.tw("Dentist: ", fb), y, d.prov(dent, rng.choice(["FMLd", "Dr"])), f)
    y += pt(28)
    # split name: last / first / MI boxes
    p = d.pat
    first, mid, last, sfx = d.name_parts()
    mid1 = mid[0] if mid else None
    d.show_mid, d.mid_full = (mid is not None), False
    lastp = last + ((" " + sfx) if sfx else "")
    boxes = [("Patient's Last Name", lastp, 900), ("First", first, 700), ("M.I.", mid1 or "", 200)]
    x = 150
    for cap, val, w in boxes:
        pg.rect(x, y, x + w, y + pt(34), w=2)
        pg.t(x + 8, y + 4, cap, fs)
        pg.t(x + 16, y + pt(14), val, f, style="hand")
        x += w
    truth = " ".join(v for v in [first, mid1, last] if v) + ((" " + p.suffix[0]) if sfx else "")
    d.fields["patient_name"] = truth
    d.printed["patient_name"] = [v for v in [lastp, first, mid1] if v]
    d.notes.append("split_name")
    if sfx:
        d.notes.append("name_suffix")
    y += pt(44)
    pg.t(150, y, "Birthdate:", fb)
    pg.t(150 + pg.tw("Birthdate: ", fb), y, d.dob(rng.choice(["md_Y", "mdy/", "mdY"])), f, style="hand")
    pg.t(900, y, "Sex:", fb)
    d.sex_boxes(pg, 900 + pg.tw("Sex: ", fb), y + 6, f, labels=("F", "M"))
    m = d.mrn("plain")
    pg.t(1500, y, "Chart #:", fb)
    if m:
        pg.t(1500 + pg.tw("Chart #: ", fb), y, m, f)
    y += pt(26)
    pg.t(150, y, "Address: " + p.addr[0] + ", " + p.addr[1], f, style="hand")
    y += pt(22)
    pg.t(150, y, "Home phone: " + p.phone, f)
    y += pt(26)
    rp = related(d, same_last=rng.random() < .7)
    pg.t(150, y, "Responsible Party: %s %s %s    Birthdate: %s    Relationship: %s" % (
        rp[0], rp[1], rp[2], fmtd(rp[4], "md_Y"), rp[3]), f)
    d.distract("responsible_party_dob")
    y += pt(22)
    pg.t(150, y, "Dental Insurance: %s   Subscriber ID: %s   Group: %s" % (rng.choice(["Delta Dental", "MetLife Dental", "Guardian"]),
                                                                           dig(rng, 11), dig(rng, 5)), f)
    y += pt(34)
    pg.t(150, y, "MEDICAL HISTORY  (check any that apply)", fb)
    y += pt(22)
    conds = ["Heart disease", "High blood pressure", "Diabetes", "Asthma", "Bleeding disorder", "Hepatitis",
             "Artificial joint", "Pregnant", "Latex allergy", "Penicillin allergy", "Tobacco use", "Fainting"]
    for i, cnd in enumerate(conds):
        cx = 170 + (i % 3) * 750
        cy = y + (i // 3) * pt(22)
        pg.checkbox(cx, cy + 8, pt(9), rng.random() < 0.2 and not (cnd == "Pregnant" and p.sex == "M"), cnd, f)
    y += pt(22) * 4 + pt(16)
    pg.t(150, y, "TOOTH CHART", fb)
    y += pt(20)
    cw = (pg.w - 300) / 16
    for row, nums in enumerate([range(1, 17), range(32, 16, -1)]):
        for i, n in enumerate(nums):
            x = 150 + i * cw
            pg.rect(x, y, x + cw, y + pt(40), w=2)
            pg.tc(x + cw / 2, y + 6, str(n), fs)
            if rng.random() < 0.15:
                pg.tc(x + cw / 2, y + pt(18), rng.choice(["X", "MO", "DO", "C", "RCT"]), f, style="hand")
        y += pt(44)
    y += pt(20)
    pg.t(150, y, "Signature of patient/guardian: ______________________________   Date: %s" % fmtd(d.enc, "md_Y"), f)


# ---------------------------------------------------------------- progress notes
def L_pn_wellchild(d):
    """Pediatric well-child visit: parent/guardian name and guardian DOB as distractors, growth table."""
    reg, bold = d.fam_fonts(d.rng.choice(["sans", "serif"]))
    rng = d.rng
    p = d.pat
    # encounter within childhood
    lo = p.dob + timedelta(days=14)
    d.enc = rdate(rng, lo, p.dob + timedelta(days=365 * rng.choice([1, 2, 4, 6, 9, 12, 15])))
    age_m = (d.enc - p.dob).days // 30
    pg = d.page()
    f, fb, fs = F(reg, pt(10)), F(bold, pt(10.5)), F(reg, pt(8))
    y = letterhead(d, pg, reg, bold)
    visit = "%d-month" % age_m if age_m < 24 else "%d-year" % (age_m // 12)
    pg.tc(pg.w / 2, y, "WELL CHILD VISIT - %s" % visit.upper(), F(bold, pt(14)))
    y += pt(30)
    pg.rect(150, y, pg.w - 150, y + pt(96), w=3)
    yy = y + 20
    pg.t(180, yy, "Child's Name:", fb)
    pg.t(180 + pg.tw("Child's Name: ", fb), yy, d.name(rng.choice(["FML", "LFM"])), f)
    pg.t(1500, yy, "Visit Date:", fb)
    pg.t(1500 + pg.tw("Visit Date: ", fb), yy, d.enc_s(), f)
    yy += pt(22)
    pg.t(180, yy, "DOB:", fb)
    pg.t(180 + pg.tw("DOB: ", fb), yy, d.dob(), f)
    pg.t(800, yy, "Gender:", fb)
    pg.t(800 + pg.tw("Gender: ", fb), yy, d.sex("Female"), f)
    m = d.mrn()
    if m:
        pg.t(1500, yy, "Record No.:", fb)
        pg.t(1500 + pg.tw("Record No.: ", fb), yy, m, f)
    yy += pt(22)
    g = related(d, same_last=rng.random() < .8)
    pg.t(180, yy, "Parent/Guardian: %s %s. %s   (DOB %s)" % (g[0], g[1], g[2], fmtd(g[4], "mdY")), f)
    d.distract("guardian_name")
    d.distract("guardian_dob")
    pg.t(1500, yy, "Accompanied by: %s" % rng.choice(["mother", "father", "grandmother", "both parents"]), f)
    y += pt(110)
    pg.t(150, y, "GROWTH", fb)
    y += pt(20)
    cols = ["Measure", "Value", "Percentile"]
    rows = [("Weight", "%.1f kg" % (3.5 + age_m * 0.2), "%dth" % rng.randint(5, 95)),
            ("Length/Height", "%.1f cm" % (50 + age_m * 0.9), "%dth" % rng.randint(5, 95)),
            ("Head circ.", "%.1f cm" % (35 + min(age_m, 36) * 0.3), "%dth" % rng.randint(5, 95)),
            ("BMI", "%.1f" % rng.uniform(14, 19), "%dth" % rng.randint(5, 95))]
    for r, row in enumerate([cols] + rows):
        for c, v in enumerate(row):
            pg.rect(170 + c * 500, y, 170 + (c + 1) * 500, y + pt(20), w=2)
            pg.t(185 + c * 500, y + 8, v, fb if r == 0 else f)
        y += pt(20)
    y += pt(18)
    pg.t(150, y, "DEVELOPMENTAL MILESTONES", fb)
    y += pt(20)
    for ms in rng.sample(["Social smile", "Rolls over", "Sits without support", "Pulls to stand", "Walks alone",
                          "Says 2-3 words", "Runs", "Draws a circle", "Hops on one foot", "Reads simple words"], 4):
        pg.checkbox(180, y + 8, pt(9), True, ms, f)
        y += pt(20)
    y += pt(14)
    pg.t(150, y, "IMMUNIZATIONS GIVEN TODAY", fb)
    y += pt(20)
    for v in rng.sample(["DTaP #%d" % rng.randint(1, 5), "IPV", "Hep B", "MMR", "Varicella", "PCV13", "Hib", "Influenza"], 3):
        pg.t(180, y, "%s   lot %s%s   %s" % (v, rng.choice("ABCUX"), dig(rng, 5), rng.choice(["L thigh IM", "R thigh IM", "L deltoid IM"])), f)
        y += pt(18)
    y += pt(14)
    pg.t(150, y, "ANTICIPATORY GUIDANCE / PLAN", fb)
    y += pt(20)
    y = pg.para(180, y, "Car seat safety, safe sleep, dental care and screen time discussed with caregiver. " +
                pick(rng, PLAN, 2), f, pg.w - 360)
    nxt = d.enc + timedelta(days=rng.randint(60, 365))
    pg.t(180, y + 10, "Next well visit: %s" % fmtd(nxt, "mdY"), f)
    d.distract("next_appointment")
    y += pt(40)
    prov = d.clin(rng.choice(["md", "np"]))
    pg.t(150, y, "Provider: " + d.prov(prov, rng.choice(["FMLd", "FL_deg"])), f)
    pg.t(1400, y, "Signed " + fmtd(d.enc + timedelta(days=rng.randint(0, 3)), "mdY"), f)


def L_pn_ed_record(d):
    """Emergency department record: triage time grid, 'Arrival date', triage RN & PCP distractors."""
    reg, bold = d.fam_fonts(d.rng.choice(["sans", "mono"]))
    pg = d.page()
    rng = d.rng
    f, fb, fs = F(reg, pt(9.5)), F(bold, pt(10)), F(reg, pt(7))
    pg.rect(100, 100, pg.w - 100, 100 + pt(40), w=4, fill=None)
    pg.t(130, 120, d.org[0].upper() + " - EMERGENCY DEPARTMENT RECORD", F(bold, pt(14)))
    y = 100 + pt(52)
    # addressograph-like block right, arrival data left
    arr = d.enc_s(rng.choice(["mdY", "mdy/", "md_Y"]))
    ah, am = rng.randint(0, 23), rng.randint(0, 59)
    pg.t(130, y, "Arrival date: %s" % arr, fb)
    pg.t(130, y + pt(18), "Arrival time: %02d%02d   Mode: %s" % (ah, am, rng.choice(["Ambulance", "Walk-in", "Private car"])), f)
    pg.t(130, y + pt(36), "Acct #: %s   Visit #: %s" % (dig(rng, 10), "E" + dig(rng, 7)), f)
    d.distract("account_number")
    pg.t(130, y + pt(54), "ESI Level: %d    Chief complaint: %s" % (rng.randint(2, 4), rng.choice(
        ["chest pain", "fall", "abdominal pain", "shortness of breath", "laceration L hand", "headache"])), f)
    bx = 1450
    pg.rect(bx, y - 10, pg.w - 120, y + pt(76), w=2)
    pg.t(bx + 20, y, d.name("LFM_U"), F(bold, pt(10.5)))
    m = d.mrn("plain")
    pg.t(bx + 20, y + pt(18), ("MR# %s" % m) if m else "MR#", f)
    pg.t(bx + 20, y + pt(36), "DOB %s   %s" % (d.dob(rng.choice(["mdY", "mdy/"])), d.sex("F")), f)
    pcp = d.clin("md")
    pg.t(bx + 20, y + pt(54), "PCP: %s" % d.other_name(pcp, "LFM_U"), fs)
    d.distract("pcp")
    y += pt(90)
    pg.t(130, y, "TRIAGE / VITAL SIGNS", fb)
    y += pt(18)
    cols = ["Time", "BP", "HR", "RR", "Temp", "SpO2", "Pain", "Init"]
    cw = (pg.w - 260) / len(cols)
    t0 = ah * 60 + am
    for r in range(5):
        for c, name in enumerate(cols):
            x = 130 + c * cw
            pg.rect(x, y, x + cw, y + pt(20), w=2)
            if r == 0:
                v = name
            elif r <= 3:
                tm = (t0 + 35 * (r - 1)) % 1440
                v = ["%02d%02d" % (tm // 60, tm % 60), "%d/%d" % (rng.randint(100, 170), rng.randint(60, 100)),
                     str(rng.randint(58, 120)), str(rng.randint(12, 24)), "%.1f" % rng.uniform(97.0, 101.2),
                     "%d%%" % rng.randint(90, 100), str(rng.randint(0, 9)), rng.choice(["KM", "JT", "RB", "LS"])][c]
            else:
                v = ""
            pg.t(x + 12, y + 8, v, fb if r == 0 else f)
        y += pt(20)
    y += pt(14)
    rn = d.clin("rn")
    pg.t(130, y, "Triage nurse: %s" % d.other_name(rn, "FL_deg"), f)
    d.distract("triage_nurse")
    y += pt(26)
    for title, pool, n in [("HISTORY OF PRESENT ILLNESS", HPI, 3), ("PHYSICAL EXAM", EXAM, 4), ("ED COURSE / MDM", PLAN, 2)]:
        pg.t(130, y, title, fb)
        y += pt(18)
        y = pg.para(150, y, pick(rng, pool, n), f, pg.w - 300) + pt(8)
    pg.t(130, y, "DIAGNOSIS: %s (%s)" % rng.choice(gc.DX), fb)
    y += pt(22)
    pg.t(130, y, "DISPOSITION: %s   Time: %02d%02d" % (rng.choice(["Discharged home", "Admitted", "Transferred"]),
                                                    (ah + 3) % 24, rng.randint(0, 59)), f)
    y += pt(30)
    doc = d.clin("md")
    pg.t(130, y, "ED Physician:", fb)
    pg.t(130 + pg.tw("ED Physician: ", fb), y, d.prov(doc, rng.choice(["FMLd", "FL_deg", "LFM_U"])), f)


def L_pn_handwritten(d):
    """Handwritten-style clinic note (italic 'script'), lined paper, abbreviations 'Pt:', 'D.O.B'."""
    reg, bold = d.fam_fonts("hand")
    rng = d.rng
    pg = d.page(style="hand")
    printed_reg = FONTS["sans"][0][0]
    fpr = F(printed_reg, pt(8.5))
    f = F(reg, pt(rng.choice([13, 14, 15])))
    # pre-printed progress-note paper
    pg.t(150, 110, d.org[0], F(FONTS["sans"][0][1], pt(11)), style="plain")
    pg.t(150, 110 + pt(15), "PROGRESS NOTES", fpr, style="plain")
    lh = pt(26)
    for yy in range(450, pg.h - 200, lh):
        pg.line(150, yy, pg.w - 150, yy, w=2, fill=175)
    pg.line(420, 450 - lh, 420, pg.h - 200, w=2, fill=140)
    y = 300
    pg.t(170, y, "Pt:", fpr, style="plain")
    pg.t(250, y - 10, d.name(rng.choice(["FML", "LFM", "FML_nodot"])), f)
    pg.t(1450, y, "D.O.B", fpr, style="plain")
    pg.t(1600, y - 10, d.dob(rng.choice(["md_Y", "mdy-", "mdy/"])), f)
    y += pt(22)
    m = d.mrn(rng.choice(["plain", "dash4"]))
    pg.t(170, y, "Hosp #", fpr, style="plain")
    if m:
        pg.t(320, y - 10, m, f)
    y = 450 + lh - pt(22)
    pg.t(170, y, d.enc_s(rng.choice(["md_Y", "mdy-", "mdy/"])), f)
    pg.t(450, y, "%s  %s" % (rng.choice(["f/u", "F/U visit", "recheck", "sick visit"]), d.sex("F")), f)
    y += lh
    lines = ["S: " + rng.choice(HPI), "  " + rng.choice(HPI), "O: BP %d/%d  P %d  T %.1f  Wt %d" % (
        rng.randint(100, 160), rng.randint(60, 95), rng.randint(56, 100), rng.uniform(97, 99.5), rng.randint(90, 240)),
        "  " + rng.choice(EXAM), "  " + rng.choice(EXAM), "A: " + rng.choice(gc.DX)[0],
        "P: " + rng.choice(PLAN), "  " + rng.choice(gc.MEDS)[0] + " " + rng.choice(gc.MEDS[0][1]) + " #30 RF x2",
        "  RTC %d wks" % rng.randint(2, 12)]
    for ln in lines:
        pg.t(450, y, ln, f)
        y += lh
    y += lh
    doc = d.clin(rng.choice(["md", "np"]))
    pg.t(1300, y, d.prov(doc, rng.choice(["FMLd", "FL_deg", "Dr"])), f)
    d.notes.append("handwritten")


def L_pn_pt_eval(d):
    """Physical therapy initial evaluation: 'Client', referring physician distractor, therapist = provider."""
    reg, bold = d.fam_fonts(d.rng.choice(["sans", "serif"]))
    rng = d.rng
    pages = 2 if rng.random() < 0.5 else 1
    pg = d.page()
    f, fb = F(reg, pt(10)), F(bold, pt(10.5))
    y = letterhead(d, pg, reg, bold, align="l", small=True)
    pg.tr(pg.w - 150, 130, "Outpatient Rehabilitation", F(reg, pt(11)))
    pg.t(150, y, "PHYSICAL THERAPY INITIAL EVALUATION", F(bold, pt(14)))
    y += pt(28)
    items = [("Client", d.name(rng.choice(["FML", "LFM", "FML_nodot"]))),
             ("Birthdate", d.dob()), ("Gender", d.sex(rng.choice(["F", "Female"]))),
             ("Date of Evaluation", d.enc_s())]
    m = d.mrn()
    items.append(("Unit #", m or ""))
    refd = d.clin("md")
    items.append(("Referring Physician", d.other_name(refd, rng.choice(["FMLd", "Dr"]))))
    d.distract("referring_physician")
    onset = d.enc - timedelta(days=rng.randint(10, 300))
    items.append(("Date of Onset/Injury", fmtd(onset, "mdY")))
    items.append(("Visits authorized", "%d  (Auth # %s)" % (rng.randint(6, 24), "PA" + dig(rng, 8))))
    d.distract("authorization_number")
    colx = [150, 1300]
    for i, (k, v) in enumerate(items):
        x = colx[i % 2]
        yy = y + (i // 2) * pt(22)
        pg.t(x, yy, k + ":", fb)
        pg.t(x + pg.tw(k + ":  ", fb), yy, v, f)
    y += pt(22) * ((len(items) + 1) // 2) + pt(16)
    pg.t(150, y, "Diagnosis: %s (%s)" % rng.choice(gc.DX[5:9]), f)
    y += pt(26)
    for title in ["Subjective", "Objective"]:
        pg.t(150, y, title.upper(), fb)
        y += pt(18)
        y = pg.para(170, y, pick(rng, HPI if title == "Subjective" else EXAM, 3), f, pg.w - 340) + pt(6)
    pg.t(150, y, "RANGE OF MOTION (degrees)", fb)
    y += pt(18)
    for r, row in enumerate([("Motion", "Left", "Right", "Normal")] + [
            (mo, str(rng.randint(40, 140)), str(rng.randint(40, 140)), nm) for mo, nm in
            [("Shoulder flexion", "180"), ("Hip flexion", "120"), ("Knee flexion", "135"), ("Lumbar flexion", "60")]]):
        for c, v in enumerate(row):
            pg.rect(170 + c * 450, y, 170 + (c + 1) * 450, y + pt(19), w=2)
            pg.t(185 + c * 450, y + 7, v, fb if r == 0 else f)
        y += pt(19)
    y += pt(16)
    pg.t(150, y, "ASSESSMENT / GOALS", fb)
    y += pt(18)
    y = pg.para(170, y, "Patient presents with decreased strength and mobility consistent with referral diagnosis. "
                "Good rehab potential. STG (2 wks): independent HEP. LTG (6 wks): return to prior level of function.",
                f, pg.w - 340) + pt(10)
    ther = d.clin("pt")
    sig = "Therapist: " + d.prov(ther, rng.choice(["FMLd", "FL_deg"]))
    if pages == 1:
        pg.t(150, y + pt(10), sig, f)
        pg.t(1400, y + pt(10), "Date: %s" % fmtd(d.enc, "mdY"), f)
        footer(d, pg, reg, 1, 1)
    else:
        footer(d, pg, reg, 1, 2)
        pg2 = d.page()
        y2 = short_header(d, pg2, reg, 2, 2)
        pg2.t(150, y2, "PLAN OF CARE", fb)
        y2 = pg2.para(170, y2 + pt(18), "Frequency 2-3x/week for 6 weeks. Therapeutic exercise, manual therapy, "
                      "neuromuscular re-education, gait training and home exercise program.", f, pg2.w - 340)
        pg2.t(150, y2 + pt(20), "Physician certification: I have reviewed this plan of care.", f)
        pg2.t(150, y2 + pt(44), "______________________ %s   Date ________" % d.other_name(refd, "Dr"), f)
        # the therapist (provider) must be on the patient page
        pg.t(150, y + pt(10), sig, f)


def L_pn_ob_prenatal(d):
    """Obstetric prenatal flow record: EDD / LMP as date distractors, partner name distractor."""
    reg, bold = d.fam_fonts(d.rng.choice(["sans", "serif"]))
    rng = d.rng
    p = d.pat
    lo = p.dob + timedelta(days=365 * 17)
    hi = p.dob + timedelta(days=365 * 42)
    d.enc = rdate(rng, max(lo, date(1975, 1, 1)), max(max(lo, date(1975, 1, 1)), min(hi, date(2024, 6, 1))))
    pg = d.page()
    f, fb, fs = F(reg, pt(9.5)), F(bold, pt(10)), F(reg, pt(7))
    pg.t(150, 110, "PRENATAL RECORD", F(bold, pt(16)))
    pg.tr(pg.w - 150, 110, d.org[0], F(reg, pt(10)))
    y = 110 + pt(30)
    gw = rng.randint(8, 38)
    lmp = d.enc - timedelta(days=gw * 7 + rng.randint(0, 6))
    edd = lmp + timedelta(days=280)
    d.distract("lmp_edd")
    grid = [[("NAME", d.name(rng.choice(["LFM_U", "LFM"]))), ("BIRTH DATE", d.dob()), ("AGE", str((d.enc - p.dob).days // 365))],
            [("HOSP. NO.", d.mrn() or ""), ("G / P", "G%d P%d" % (rng.randint(1, 5), rng.randint(0, 3))), ("BLOOD TYPE", rng.choice(["O+", "A+", "B-", "AB+"]))],
            [("LMP", fmtd(lmp, "mdY")), ("EDD", fmtd(edd, "mdY")), ("PARTNER", "%s %s" % d.other_person("M")[0::2])]]
    d.distract("partner_name")
    cw = (pg.w - 300) / 3
    for row in grid:
        for c, (k, v) in enumerate(row):
            x = 150 + c * cw
            pg.rect(x, y, x + cw, y + pt(32), w=2)
            pg.t(x + 10, y + 6, k, fs)
            pg.t(x + 20, y + pt(13), v, f)
        y += pt(32)
    d.fields["sex"] = None
    y += pt(16)
    pg.t(150, y, "VISIT OF", fb)
    pg.t(150 + pg.tw("VISIT OF  ", fb), y, d.enc_s(rng.choice(["mdY", "md_Y", "bdY"])), f)
    mw = d.clin("cnm")
    pg.t(1300, y, "Provider:", fb)
    pg.t(1300 + pg.tw("Provider:  ", fb), y, d.prov(mw, rng.choice(["FMLd", "FL_deg"])), f)
    y += pt(26)
    pg.t(150, y, "PRENATAL FLOW SHEET", fb)
    y += pt(16)
    cols = ["Date", "GA wks", "Wt", "BP", "Urine P/G", "Fundal ht", "FHR", "Edema", "Next"]
    cw = (pg.w - 300) / len(cols)
    dates = sorted([d.enc - timedelta(days=28 * k) for k in range(rng.randint(2, 4))])
    for r in range(len(dates) + 3):
        for c, nm in enumerate(cols):
            x = 150 + c * cw
            pg.rect(x, y, x + cw, y + pt(20), w=2)
            if r == 0:
                v = nm
            elif r <= len(dates):
                dd = dates[r - 1]
                g2 = gw - (d.enc - dd).days // 7
                v = [fmtd(dd, "mdy/"), str(g2), str(rng.randint(120, 200)), "%d/%d" % (rng.randint(100, 135), rng.randint(60, 85)),
                     "neg/neg", str(max(g2 - 2, 0)) if g2 > 20 else "-", str(rng.randint(120, 160)) if g2 > 10 else "-",
                     rng.choice(["0", "tr", "1+"]), "%dw" % rng.choice([2, 4])][c]
            else:
                v = ""
            pg.t(x + 8, y + 8, v, fb if r == 0 else fs if c == 0 else f)
        y += pt(20)
    d.distract("prior_visit_dates")
    y += pt(18)
    pg.t(150, y, "COMMENTS", fb)
    y = pg.para(170, y + pt(18), "Feels well. Positive fetal movement. No bleeding, leakage of fluid or contractions. "
                "Reviewed warning signs. Prenatal vitamins daily.", f, pg.w - 340)


# ---------------------------------------------------------------- lab reports
def L_lab_pathology(d):
    """Surgical pathology report: collected/received/reported dates, pathologist (not the provider)."""
    reg, bold = d.fam_fonts(d.rng.choice(["serif", "sans", "mono"]))
    rng = d.rng
    pg = d.page()
    f, fb, fs = F(reg, pt(10)), F(bold, pt(10)), F(reg, pt(7.5))
    lab = rng.choice(gc.LABS_CO)
    pg.tc(pg.w / 2, 110, lab.upper(), F(bold, pt(15)))
    pg.tc(pg.w / 2, 110 + pt(20), "Anatomic Pathology  \u2022  CLIA #%sD%s" % (dig(rng, 2), dig(rng, 7)), fs)
    pg.tc(pg.w / 2, 110 + pt(40), "SURGICAL PATHOLOGY REPORT", F(bold, pt(13)))
    y = 110 + pt(64)
    pg.line(150, y, pg.w - 150, y, w=4)
    y += pt(10)
    coll = d.enc
    has_dos = rng.random() < 0.65
    recv = coll + timedelta(days=rng.randint(0, 1))
    rep = recv + timedelta(days=rng.randint(1, 6))
    d.distract("collected_received_reported")
    sub = d.clin("md")
    pthl = d.clin("md")
    left = [("Patient Name:", d.name(rng.choice(["LFM_U", "LFMd", "FML"]))),
            ("DOB:", d.dob()), ("Sex:", d.sex(rng.choice(["F", "Female"])))]
    m = d.mrn()
    left.append(("MRN:", m or ""))
    left.append(("Accession #:", "S%02d-%05d" % (d.enc.year % 100, rng.randint(1, 40000))))
    d.distract("accession_number")
    right = []
    if has_dos:
        right.append(("Date of Service:", d.enc_s(rng.choice(["mdY", "md_Y"]))))
    right += [("Date Collected:", fmtd(coll, "mdY")), ("Date Received:", fmtd(recv, "mdY")), ("Date Reported:", fmtd(rep, "mdY")),
              ("Submitting Physician:", d.prov(sub, rng.choice(["FMLd", "LFM_U", "FL_deg"])))]
    for i, (k, v) in enumerate(left):
        pg.t(150, y + i * pt(20), k, fb)
        pg.t(560, y + i * pt(20), v, f)
    for i, (k, v) in enumerate(right):
        pg.t(1280, y + i * pt(20), k, fb)
        pg.t(1280 + pg.tw("Submitting Physician:  ", fb), y + i * pt(20), v, f)
    y += pt(20) * max(len(left), len(right)) + pt(10)
    pg.t(150, y, "Copy to: %s" % d.other_name(d.clin("md"), "Dr"), fs)
    d.distract("cc")
    y += pt(16)
    pg.line(150, y, pg.w - 150, y, w=2)
    y += pt(12)
    site, dx = rng.choice([sd for sd in [("Colon, sigmoid, polyp", "TUBULAR ADENOMA. NEGATIVE FOR HIGH-GRADE DYSPLASIA."),
                           ("Skin, left forearm, shave", "BENIGN SEBORRHEIC KERATOSIS."),
                           ("Stomach, antrum, biopsy", "CHRONIC INACTIVE GASTRITIS; H. PYLORI IMMUNOSTAIN NEGATIVE."),
                           ("Breast, right, 10 o'clock, core biopsy", "FIBROADENOMA. NO ATYPIA IDENTIFIED."),
                           ("Gallbladder", "CHRONIC CHOLECYSTITIS WITH CHOLELITHIASIS."),
                           ("Prostate, left base, needle core", "BENIGN PROSTATIC TISSUE. NEGATIVE FOR CARCINOMA.")]
                           if not (sd[0].startswith("Prostate") and d.pat.sex == "F") and not (sd[0].startswith("Breast") and d.pat.sex == "M")])
    for title, text in [("SPECIMEN", "A. " + site),
                        ("CLINICAL HISTORY", rng.choice(["Screening.", "Lesion, rule out malignancy.", "Abdominal pain.", "Abnormal imaging."])),
                        ("FINAL DIAGNOSIS", site.upper() + ": " + dx),
                        ("GROSS DESCRIPTION", "Received in formalin labeled with the patient's name and medical record number is a "
                         "tan-pink soft tissue fragment measuring %.1f x %.1f x %.1f cm. Entirely submitted in cassette A1." % (
                             rng.uniform(0.2, 3), rng.uniform(0.2, 2), rng.uniform(0.1, 1))),
                        ("MICROSCOPIC DESCRIPTION", "Sections show the features summarized above. Appropriate controls reviewed.")]:
        pg.t(150, y, title, fb)
        y = pg.para(180, y + pt(18), text, f, pg.w - 360) + pt(10)
    y += pt(20)
    pg.t(150, y, "Electronically signed out by %s, Pathologist, on %s" % (d.other_name(pthl, "FMLd"), fmtd(rep, "mdY")), f)
    d.distract("pathologist")
    footer(d, pg, reg, 1, 1, extra="%s  |  Lab Director: %s" % (lab, d.other_name(d.clin("md"), "FMLd")))


def L_lab_cumulative(d):
    """Landscape cumulative lab report: several dated result columns, labelled 'Visit Date'."""
    reg, bold = d.fam_fonts("mono")
    rng = d.rng
    pg = d.page(landscape=True)
    d.notes.append("landscape")
    f, fb, fs = F(reg, pt(8.5)), F(bold, pt(9)), F(reg, pt(7))
    pg.t(120, 90, "%s  CUMULATIVE LABORATORY SUMMARY" % rng.choice(gc.LABS_CO).upper(), F(bold, pt(12)))
    pg.tr(pg.w - 120, 90, "RUN %s %02d:%02d" % (fmtd(d.enc + timedelta(days=rng.randint(1, 5)), "mdY"), rng.randint(0, 23), rng.randint(0, 59)), fs)
    d.distract("run_date")
    y = 90 + pt(22)
    m = d.mrn(rng.choice(["plain", "dash4"]))
    ordp = d.clin(rng.choice(["md", "np"]))
    line1 = "PATIENT: %s   DOB: %s   SEX: %s" % (d.name("LFM_U"), d.dob(rng.choice(["mdY", "mdy/"])), d.sex("F"))
    pg.t(120, y, line1, fb)
    y += pt(16)
    pg.t(120, y, ("MRN: %s   " % m if m else "") + "LOC: %s   ACCT: %s" % (rng.choice(["OP-IM", "CLINIC 3", "OUTPT"]), dig(rng, 9)), f)
    d.distract("account_number")
    y += pt(16)
    pg.t(120, y, "ORDERING: %s" % d.prov(ordp, rng.choice(["LFM_U", "FMLd"])), f)
    pg.t(1500, y, "VISIT DATE: %s" % d.enc_s("mdY"), fb)
    y += pt(22)
    pg.line(120, y, pg.w - 120, y, w=3)
    y += pt(8)
    ncol = rng.randint(4, 6)
    dates = [d.enc] + sorted([d.enc - timedelta(days=rng.randint(30, 900)) for _ in range(ncol - 1)], reverse=True)
    d.distract("prior_result_dates")
    x_test, x0 = 120, 900
    cw = (pg.w - 120 - x0 - 300) / ncol
    pg.t(x_test, y, "TEST", fb)
    for i, dd in enumerate(dates):
        pg.t(x0 + i * cw, y, fmtd(dd, "mdy/"), fb)
        tm = "%02d%02d" % (rng.randint(6, 17), rng.randint(0, 59))
        pg.t(x0 + i * cw, y + pt(12), tm, fs)
    pg.t(pg.w - 400, y, "REF RANGE", fb)
    y += pt(30)
    for panel in rng.sample(list(gc.LABTESTS), 2):
        pg.t(x_test, y, panel, fb)
        y += pt(14)
        for name, unit, lo, hi, dp in gc.LABTESTS[panel]:
            pg.t(x_test + 30, y, name, f)
            for i in range(ncol):
                v = rng.uniform(lo * 0.85, hi * 1.15)
                s = ("%." + str(dp) + "f") % v
                if v < lo:
                    s += " L"
                elif v > hi:
                    s += " H"
                if rng.random() < 0.15 and i > 0:
                    s = "--"
                pg.t(x0 + i * cw, y, s, f)
            pg.t(pg.w - 400, y, "%s-%s %s" % (lo, hi, unit), fs)
            y += pt(13)
        y += pt(8)
    pg.t(120, pg.h - 110, "H=High L=Low  Results through %s.  END OF REPORT" % fmtd(d.enc, "mdY"), fs)


# ---------------------------------------------------------------- discharge summaries
def L_dc_typed_1970s(d):
    """1970s typewritten discharge summary, ALL CAPS header block, D:/T: dictation dates, cc list."""
    reg, bold = d.fam_fonts("mono")
    rng = d.rng
    lo = max(date(1970, 1, 1), d.pat.dob + timedelta(days=200))
    d.enc = rdate(rng, lo, max(lo, date(1989, 12, 1)))
    npg = rng.choice([1, 2, 2])
    pg = d.page(style="type")
    f = F(reg, pt(11))
    pg.tc(pg.w / 2, 150, d.org[0].upper(), f)
    pg.tc(pg.w / 2, 150 + pt(16), d.org[2].upper(), f)
    pg.tc(pg.w / 2, 150 + pt(44), "DISCHARGE SUMMARY", F(bold, pt(12)))
    y = 150 + pt(80)
    dis = d.enc + timedelta(days=rng.randint(2, 14))
    att = d.clin("md")
    m = d.mrn(rng.choice(["plain", "dash2", "space"]))
    rows = [("NAME:", d.name(rng.choice(["LFM_U", "LF_sp_U"]))),
            ("UNIT NO.:" if rng.random() < .5 else "HOSP. NO.:", m or ""),
            ("ADMITTED:", d.enc_s(rng.choice(["mdy/", "mdy-", "md_Y"]))),
            ("DISCHARGED:", fmtd(dis, rng.choice(["mdy/", "md_Y"]))),
            ("ATTENDING:", d.prov(att, rng.choice(["LFM_U", "FMLd"])))]
    if rng.random() < 0.6:
        rows.insert(2, ("BIRTHDATE:", d.dob(rng.choice(["mdy/", "mdy-", "md_Y"]))))
    for k, v in rows:
        pg.t(200, y, k, f)
        pg.t(700, y, v, f)
        y += pt(17)
    y += pt(17)
    body = [("ADMITTING DIAGNOSIS:", rng.choice(gc.DX)[0].upper()),
            ("HISTORY:", "THIS %d-YEAR-OLD PATIENT WAS ADMITTED WITH %s. " % ((d.enc - d.pat.dob).days // 365,
                                                                           rng.choice(["CHEST PAIN", "PNEUMONIA", "DEHYDRATION", "A FALL"]))
             + pick(rng, HPI, 2).upper()),
            ("HOSPITAL COURSE:", pick(rng, COURSE, 4).upper()),
            ("DISCHARGE MEDICATIONS:", ", ".join("%s %s" % (mm[0].upper(), mm[1][0].upper()) for mm in rng.sample(gc.MEDS, 3))),
            ("DISPOSITION:", "HOME. FOLLOW UP IN OFFICE IN TWO WEEKS.")]
    d.fields["sex"] = None
    for i, (k, v) in enumerate(body):
        if npg == 2 and i == 3:
            break
        pg.t(200, y, k, f)
        y = pg.para(200, y + pt(17), v, f, pg.w - 400, lh=pt(17)) + pt(12)
    if npg == 2:
        footer(d, pg, reg, 1, 2)
        pg = d.page(style="type")
        y = 200
        if rng.random() < 0.5:
            pg.t(200, y, "RE: %s, %s   PAGE 2" % (d.pat.last.upper(), d.pat.first.upper()), f)
            d.notes.append("repeat_header")
            y += pt(34)
        for k, v in body[3:]:
            pg.t(200, y, k, f)
            y = pg.para(200, y + pt(17), v, f, pg.w - 400, lh=pt(17)) + pt(12)
    y += pt(30)
    pg.t(1300, y, "_" * 24, f)
    pg.t(1300, y + pt(17), d.other_name(att, "FMLd").upper() if npg == 2 else d.other_name(att, "FMLd").upper(), f)
    y += pt(60)
    pg.t(200, y, "D: %s  T: %s" % (fmtd(dis + timedelta(days=1), "mdy/"), fmtd(dis + timedelta(days=3), "mdy/")), f)
    pg.t(200, y + pt(17), "%s/%s" % (att.last[:2].upper(), rng.choice(["jk", "mt", "rs", "lw"])), f)
    cc = d.clin("md")
    pg.t(200, y + pt(34), "CC: %s" % d.other_name(cc, "Dr").upper(), f)
    d.distract("dictation_dates")
    d.distract("cc")
    d.notes.append("typewriter")


def L_dc_transfer_expired(d):
    """Transfer / death summary: 'Date of Admission', 'Date of Transfer' or 'Date of Death', receiving facility."""
    reg, bold = d.fam_fonts(d.rng.choice(["sans", "serif"]))
    rng = d.rng
    pg = d.page()
    f, fb = F(reg, pt(10)), F(bold, pt(10.5))
    y = letterhead(d, pg, reg, bold)
    expired = rng.random() < 0.4
    title = "DEATH SUMMARY" if expired else "INTERFACILITY TRANSFER SUMMARY"
    pg.tc(pg.w / 2, y, title, F(bold, pt(14)))
    y += pt(30)
    end = d.enc + timedelta(days=rng.randint(1, 20))
    att = d.clin("md")
    items = [("Name of Patient", d.name(rng.choice(["FML", "LFMd", "FML_nodot"]))),
             ("Born", d.dob(rng.choice(["BdY", "bdY", "mdY"]))),
             ("Sex", d.sex("Female"))]
    m = d.mrn()
    if m:
        items.append(("Med. Rec. No.", m))
    items += [("Date of Admission", d.enc_s()),
              ("Date of Death" if expired else "Date of Transfer", fmtd(end, rng.choice(["mdY", "BdY"]))),
              ("Attending Physician", d.prov(att, rng.choice(["FMLd", "FL_deg", "LFM_U"])))]
    if not expired:
        rf = rng.choice([o for o in ORGS if o != d.org])
        acc = d.clin("md")
        items += [("Receiving Facility", rf[0]), ("Accepting Physician", d.other_name(acc, "FMLd"))]
        d.distract("accepting_physician")
    for k, v in items:
        pg.t(180, y, k + ":", fb)
        pg.t(800, y, v, f)
        y += pt(20)
    y += pt(14)
    secs = [("Reason for Admission", rng.choice(gc.DX)[0] + "."), ("Hospital Course", pick(rng, COURSE, 4))]
    if expired:
        secs.append(("Circumstances of Death", "Patient was made comfort care after discussion with family. Pronounced at %02d%02d. "
                     "Family notified. Autopsy %s." % (rng.randint(0, 23), rng.randint(0, 59), rng.choice(["declined", "requested"]))))
    else:
        secs.append(("Reason for Transfer", "Requires %s not available at this facility." % rng.choice(
            ["cardiac catheterization", "neurosurgical evaluation", "inpatient rehabilitation", "ECMO evaluation"])))
        secs.append(("Condition at Transfer", "Hemodynamically stable on room air. Report called to receiving RN."))
    for k, v in secs:
        pg.t(180, y, k.upper(), fb)
        y = pg.para(200, y + pt(18), v, f, pg.w - 400) + pt(10)
    y += pt(20)
    pg.t(180, y, "Dictated by: %s" % d.other_name(d.clin("np"), "FL_deg"), f)
    d.distract("dictated_by")
    pg.t(180, y + pt(20), "Authenticated by: %s   %s" % (d.other_name(att, "Dr"), fmtd(end + timedelta(days=rng.randint(1, 9)), "mdY")), f)


# ---------------------------------------------------------------- referral letters
def L_ref_consult_letterhead(d):
    """Consultation letter to the PCP on specialist letterhead, 'Date of consultation' labelled (sometimes)."""
    reg, bold = d.fam_fonts(d.rng.choice(["serif", "sans"]))
    rng = d.rng
    npg = rng.choice([1, 2])
    pg = d.page()
    f, fb = F(reg, pt(11)), F(bold, pt(11))
    spec = rng.choice(gc.SPECIALTIES)
    author = d.clin("md")
    pg.t(150, 120, "%s %s" % (d.org[0], spec), F(bold, pt(17)))
    pg.t(150, 120 + pt(22), d.org[1] + "  |  " + d.org[2] + "  |  " + tel(rng, d.org[3]), F(reg, pt(9)))
    pg.line(150, 120 + pt(38), pg.w - 150, 120 + pt(38), w=3)
    y = 120 + pt(56)
    letter_d = d.enc + timedelta(days=rng.randint(1, 12))
    labelled = rng.random() < 0.5
    if labelled:
        pg.t(150, y, fmtd(letter_d, "BdY"), f)
        d.distract("letter_date")
    else:
        d.enc = letter_d
        pg.t(150, y, d.enc_s("BdY"), f)
    y += pt(34)
    pcp = d.clin("md")
    for ln in [d.other_name(pcp, "FMLd"), rng.choice(ORGS)[0], "Fax " + tel(rng, "814")]:
        pg.t(150, y, ln, f)
        y += pt(15)
    d.distract("addressee")
    y += pt(20)
    nm = d.name(rng.choice(["FML", "FML_nodot"]))
    pg.t(150, y, "RE:", fb)
    pg.t(300, y, nm, fb)
    y += pt(16)
    pg.t(300, y, "DOB: " + d.dob(), f)
    m = d.mrn()
    if m:
        pg.t(900, y, "Our chart #: " + m, f)
    y += pt(16)
    if labelled:
        pg.t(300, y, "Date of consultation: " + d.enc_s(rng.choice(["mdY", "md_Y"])), f)
        y += pt(16)
    y += pt(20)
    pg.t(150, y, "Dear Dr. %s:" % pcp.last, f)
    y += pt(28)
    txt = ("Thank you for asking me to see %s in %s consultation. As you know, this is a %d-year-old patient with %s. %s %s" % (
        nm, spec.lower(), (d.enc - d.pat.dob).days // 365,
        rng.choice(gc.DX)[0].lower(), pick(rng, HPI, 2), pick(rng, EXAM, 2)))
    d.fields["sex"] = None
    y = pg.para(150, y, txt, f, pg.w - 300, lh=pt(16)) + pt(12)
    y = pg.para(150, y, "IMPRESSION AND RECOMMENDATIONS: " + pick(rng, PLAN, 3), f, pg.w - 300, lh=pt(16)) + pt(12)
    if npg == 2:
        footer(d, pg, reg, 1, 2)
        pg = d.page()
        y = 200
        pg.t(150, y, "%s  -  %s" % (nm, fmtd(letter_d, "BdY")), F(reg, pt(9)))
        pg.tr(pg.w - 150, y, "Page 2", F(reg, pt(9)))
        y += pt(40)
        y = pg.para(150, y, pick(rng, PLAN, 3) + " I will see the patient back in follow-up and keep you informed.",
                    f, pg.w - 300, lh=pt(16)) + pt(12)
    y = pg.para(150, y, "Thank you for allowing me to participate in this patient's care.", f, pg.w - 300) + pt(20)
    pg.t(150, y, "Sincerely,", f)
    sig = d.prov(author, rng.choice(["FMLd", "FL_deg"]), record=(npg == 1))
    pg.t(150, y + pt(50), sig, f)
    pg.t(150, y + pt(66), spec, f)
    pg.t(150, y + pt(96), "cc: %s" % d.other_name(d.clin("md"), "FMLd"), F(reg, pt(9)))
    d.distract("cc")
    if npg == 2:
        # letterhead author line on page 1 so the provider is on the patient page
        p1 = d.pages[0]
        p1.tr(p1.w - 150, 120 + pt(4), d.prov(author, "FMLd"), F(reg, pt(9)))


def L_ref_rx_pad(d):
    """Referral written on a prescription pad: prescriber pre-printed at the top, referral date."""
    reg, bold = d.fam_fonts("sans")
    hand = d.rng.choice(FONTS["hand"])[0]
    rng = d.rng
    pg = d.page()
    # the pad occupies the upper-left part of a copier page
    px0, py0 = 250, 250
    px1, py1 = px0 + 1500, py0 + 2100
    pg.rect(px0, py0, px1, py1, w=3)
    doc = d.clin("md")
    fh = F(hand, pt(16))
    fp, fpb = F(reg, pt(9)), F(bold, pt(11))
    pg.tc((px0 + px1) / 2, py0 + 40, d.prov(doc, rng.choice(["FMLd", "FL_deg"])), fpb)
    pg.tc((px0 + px1) / 2, py0 + 40 + pt(15), d.org[0], fp)
    pg.tc((px0 + px1) / 2, py0 + 40 + pt(28), d.org[1] + ", " + d.org[2], fp)
    pg.tc((px0 + px1) / 2, py0 + 40 + pt(41), "DEA# %s%s   NPI %s" % (rng.choice("ABFM"), rng.choice("ABCDEFGH") + dig(rng, 7), dig(rng, 10)), fp)
    d.distract("npi")
    y = py0 + 40 + pt(64)
    pg.line(px0 + 40, y, px1 - 40, y, w=2)
    y += pt(14)
    pg.t(px0 + 50, y + 14, "Name", fp)
    pg.t(px0 + 200, y, d.name(rng.choice(["FML", "FML_nodot", "LFM"])), fh, style="hand")
    y += pt(30)
    pg.t(px0 + 50, y + 14, "DOB", fp)
    pg.t(px0 + 200, y, d.dob(rng.choice(["md_Y", "mdy/", "mdy-"])), fh, style="hand")
    pg.t(px0 + 800, y + 14, "Date", fp)
    pg.t(px0 + 920, y, d.enc_s(rng.choice(["md_Y", "mdy/", "mdy-"])), fh, style="hand")
    y += pt(30)
    pg.t(px0 + 50, y + 14, "Address", fp)
    y += pt(50)
    pg.t(px0 + 50, y, "Rx", F(bold, pt(30)))
    y += pt(10)
    spec = rng.choice(gc.SPECIALTIES)
    for ln in ["Referral to %s" % spec, "Dx: %s" % rng.choice(gc.DX)[0], "Eval & treat", rng.choice(["Please see within 2 wks", "Routine", "ASAP please"])]:
        pg.t(px0 + 250, y, ln, fh, style="hand")
        y += pt(28)
    m = d.mrn()
    if m and rng.random() < 0.8:
        pg.t(px0 + 250, y, "MRN " + m, fh, style="hand")
        y += pt(28)
    elif m:
        d.fields["mrn"] = None
        d.printed.pop("mrn", None)
        d.notes.append("no_mrn")
    pg.t(px0 + 50, py1 - pt(40), "Substitution permitted ____________   Dispense as written ____________", fp)
    pg.t(px0 + 700, py1 - pt(80), "~ " + doc.last + " ~", F(hand, pt(20)), style="hand", record=False)
    d.fields["sex"] = None
    d.notes.append("handwritten")
    # fax transmittal stamp below the pad
    pg.t(px0, py1 + pt(30), "Faxed to %s %s on %s" % (spec, tel(rng, "520"), fmtd(d.enc + timedelta(days=rng.randint(0, 2)), "md_Y")),
         F(reg, pt(9)))
    d.distract("fax_date")


# ---------------------------------------------------------------- radiology
def L_rad_mammo(d):
    """Mammography report with BI-RADS, prior study date, technologist and referring distractors."""
    reg, bold = d.fam_fonts(d.rng.choice(["sans", "serif"]))
    rng = d.rng
    pg = d.page()
    f, fb, fs = F(reg, pt(10)), F(bold, pt(10)), F(reg, pt(8))
    y = letterhead(d, pg, reg, bold, align="l")
    pg.tr(pg.w - 150, 130, "BREAST IMAGING CENTER", F(bold, pt(12)))
    exam = rng.choice(["SCREENING MAMMOGRAM, BILATERAL, WITH TOMOSYNTHESIS", "DIAGNOSTIC MAMMOGRAM, LEFT",
                       "DIAGNOSTIC MAMMOGRAM AND ULTRASOUND, RIGHT", "SCREENING MAMMOGRAM, BILATERAL (2D)"])
    rad = d.clin("md")
    refp = d.clin(rng.choice(["md", "np"]))
    tech = d.clin("rn")
    m = d.mrn()
    rows = [("Patient", d.name(rng.choice(["LFMd", "LFM_U", "FML"]))), ("D.O.B", d.dob()),
            ("Exam Date", d.enc_s()), ("Exam", exam),
            ("Referring", d.other_name(refp, "FL_deg")), ("Accession", "MG" + dig(rng, 8))]
    if m:
        rows.insert(2, ("Patient ID", m))
    d.distract("referring")
    d.distract("accession_number")
    for i, (k, v) in enumerate(rows):
        pg.t(150, y, k + ":", fb)
        pg.t(600, y, v, f)
        y += pt(19)
    y += pt(14)
    prior = d.enc - timedelta(days=rng.randint(330, 800))
    d.distract("prior_study_date")
    secs = [("HISTORY", rng.choice(["Annual screening. No complaints.", "Palpable lump, left breast, 2 o'clock.",
                                    "Family history of breast cancer (mother, age 52)."])),
            ("COMPARISON", "Prior mammogram dated %s." % fmtd(prior, "mdY")),
            ("BREAST COMPOSITION", rng.choice(["The breasts are almost entirely fatty.", "There are scattered areas of fibroglandular density.",
                                               "The breasts are heterogeneously dense, which may obscure small masses."])),
            ("FINDINGS", "No suspicious masses, calcifications or architectural distortion. Skin and nipples are unremarkable."),
            ("IMPRESSION", rng.choice(["BI-RADS 1: NEGATIVE.", "BI-RADS 2: BENIGN.", "BI-RADS 0: INCOMPLETE - NEED ADDITIONAL IMAGING."])),
            ("RECOMMENDATION", "Annual screening mammography in 12 months.")]
    for k, v in secs:
        pg.t(150, y, k + ":", fb)
        y = pg.para(180, y + pt(17), v, f, pg.w - 360) + pt(10)
    y += pt(10)
    pg.t(150, y, "Technologist: %s" % d.other_name(tech, "FL_deg"), fs)
    d.distract("technologist")
    y += pt(30)
    pg.t(150, y, "Interpreted by: " + d.prov(rad, rng.choice(["FMLd", "LFM_U", "FL_deg"])), f)
    pg.t(150, y + pt(18), "Result letter mailed to patient %s" % fmtd(d.enc + timedelta(days=rng.randint(2, 10)), "mdY"), fs)
    d.fields["sex"] = None


def L_rad_dexa(d):
    """Bone densitometry (DXA) report with T-score table; radiologist signs; 'Date of Study'."""
    reg, bold = d.fam_fonts(d.rng.choice(["sans", "mono"]))
    rng = d.rng
    pg = d.page()
    f, fb, fs = F(reg, pt(9.5)), F(bold, pt(10)), F(reg, pt(7.5))
    pg.t(150, 120, rng.choice(gc.IMAGING_CO), F(bold, pt(15)))
    pg.t(150, 120 + pt(20), "BONE DENSITOMETRY REPORT (DXA)", F(reg, pt(12)))
    y = 120 + pt(46)
    pg.rect(150, y, pg.w - 150, y + pt(72), w=2)
    rad = d.clin("md")
    refp = d.clin("md")
    yy = y + 20
    pg.t(180, yy, "Name: " + d.name(rng.choice(["LFM", "LFM_U"])), f)
    pg.t(1300, yy, "Date of Study: " + d.enc_s(rng.choice(["mdY", "dBY", "iso"])), f)
    yy += pt(17)
    pg.t(180, yy, "Birthdate: " + d.dob(), f)
    pg.t(800, yy, "Sex: " + d.sex("F"), f)
    pg.t(1300, yy, "Ethnicity: " + rng.choice(["White", "Black", "Hispanic", "Asian"]), f)
    yy += pt(17)
    m = d.mrn()
    pg.t(180, yy, "Patient ID: " + (m or ""), f)
    pg.t(1300, yy, "Referring Physician: " + d.other_name(refp, "Dr"), f)
    d.distract("referring_physician")
    y += pt(86)
    pg.t(150, y, "RESULTS", fb)
    y += pt(18)
    cols = ["Region", "BMD (g/cm2)", "T-score", "Z-score", "WHO class."]
    cw = (pg.w - 300) / len(cols)
    for r, reg_ in enumerate([None, "L1-L4", "Left femoral neck", "Left total hip", "Right femoral neck"]):
        for c, nm in enumerate(cols):
            x = 150 + c * cw
            pg.rect(x, y, x + cw, y + pt(19), w=2)
            if r == 0:
                v = nm
            else:
                t = rng.uniform(-3.2, 0.8)
                v = [reg_, "%.3f" % rng.uniform(0.6, 1.2), "%.1f" % t, "%.1f" % (t + rng.uniform(0, 1.5)),
                     "Osteoporosis" if t <= -2.5 else "Osteopenia" if t < -1 else "Normal"][c]
            pg.t(x + 10, y + 7, v, fb if r == 0 else f)
        y += pt(19)
    y += pt(16)
    prior = d.enc - timedelta(days=rng.randint(700, 1500))
    for k, v in [("COMPARISON", "Prior DXA %s: L1-L4 BMD %.3f g/cm2." % (fmtd(prior, "mdY"), rng.uniform(0.7, 1.2))),
                 ("FRAX 10-yr probability", "Major osteoporotic fracture %.1f%%, hip fracture %.1f%%." % (rng.uniform(3, 25), rng.uniform(0.3, 6))),
                 ("IMPRESSION", rng.choice(["Osteopenia. Recommend calcium, vitamin D and weight-bearing exercise.",
                                            "Osteoporosis. Consider pharmacologic therapy.", "Normal bone density."])),
                 ("FOLLOW-UP", "Repeat DXA in 2 years on the same machine.")]:
        pg.t(150, y, k + ":", fb)
        y = pg.para(180, y + pt(17), v, f, pg.w - 360) + pt(8)
    d.distract("prior_study_date")
    y += pt(20)
    pg.t(150, y, "Reading Radiologist: " + d.prov(rad, rng.choice(["FMLd", "LFM_U"])), f)
    pg.t(150, y + pt(18), "Signed: %s %02d:%02d" % (fmtd(d.enc + timedelta(days=rng.randint(0, 3)), "mdY"), rng.randint(7, 18), rng.randint(0, 59)), fs)


# ---------------------------------------------------------------- medication lists
def L_med_pharmacy_profile(d):
    """Pharmacy patient-profile printout: Rx #, fill dates, several prescribers (no provider, no encounter)."""
    reg, bold = d.fam_fonts("mono")
    rng = d.rng
    pg = d.page()
    f, fb, fs = F(reg, pt(8.5)), F(bold, pt(9)), F(reg, pt(7.5))
    ph = rng.choice(PHARMACIES)
    pg.t(120, 110, ph.upper(), F(bold, pt(13)))
    pg.t(120, 110 + pt(16), "%s   PH %s" % (rng.choice(TOWNS)[0].upper(), tel(rng, "316")), f)
    pg.tr(pg.w - 120, 110, "PATIENT MEDICATION PROFILE", fb)
    printed = d.enc + timedelta(days=rng.randint(0, 30))
    pg.tr(pg.w - 120, 110 + pt(16), "PRINTED: " + fmtd(printed, "mdY"), f)
    d.distract("printed_date")
    y = 110 + pt(40)
    pg.line(120, y, pg.w - 120, y, w=2)
    y += pt(8)
    pg.t(120, y, "PATIENT: " + d.name(rng.choice(["LFM_U", "LF_sp_U"])), fb)
    pg.t(1400, y, "DOB: " + d.dob(rng.choice(["mdY", "mdy/"])), fb)
    y += pt(15)
    pg.t(120, y, "ADDR: %s %s" % (d.pat.addr[0].upper(), d.pat.addr[1].upper()), f)
    pg.t(1400, y, "GENDER: " + d.sex("F"), f)
    y += pt(15)
    pg.t(120, y, "ALLERGIES: %s" % rng.choice(["NKDA", "PENICILLIN", "SULFA", "CODEINE"]), f)
    pg.t(1400, y, "PLAN: %s  ID %s" % (rng.choice(gc.PAYERS).upper()[:18], dig(rng, 11)), f)
    d.distract("member_id")
    y += pt(20)
    pg.line(120, y, pg.w - 120, y, w=2)
    y += pt(8)
    cols = [("RX#", 120), ("DRUG / STRENGTH", 400), ("QTY", 1180), ("DS", 1320), ("FILLED", 1440), ("RF", 1700), ("PRESCRIBER", 1800)]
    for nm, x in cols:
        pg.t(x, y, nm, fb)
    y += pt(16)
    presc = [d.clin("md"), d.clin("md"), d.clin("np")]
    d.distract("prescribers")
    for mm in rng.sample(gc.MEDS, rng.randint(5, 9)):
        fd = printed - timedelta(days=rng.randint(0, 200))
        pr = rng.choice(presc)
        vals = [dig(rng, 7), ("%s %s %s" % (mm[0], rng.choice(mm[1]), mm[2])).upper()[:34], str(rng.choice([30, 60, 90])),
                str(rng.choice([30, 90])), fmtd(fd, "mdy/"), str(rng.randint(0, 5)), ("%s, %s" % (pr.last, pr.first[0])).upper()]
        for (nm, x), v in zip(cols, vals):
            pg.t(x, y, v, f)
        y += pt(13)
        pg.t(400, y, "SIG: " + mm[3].upper(), fs)
        y += pt(16)
    y += pt(20)
    pg.t(120, y, "*** THIS PROFILE IS FOR INFORMATIONAL PURPOSES ONLY ***", f)


def L_med_snf_review(d):
    """Skilled-nursing 'Resident' medication regimen review signed by the attending physician."""
    reg, bold = d.fam_fonts(d.rng.choice(["sans", "serif"]))
    rng = d.rng
    pg = d.page()
    f, fb, fs = F(reg, pt(9.5)), F(bold, pt(10)), F(reg, pt(7.5))
    fac = rng.choice(["Whispering Pines Care Center", "Riverbend Skilled Nursing", "Maple Crest Rehabilitation & Nursing"])
    pg.tc(pg.w / 2, 110, fac, F(bold, pt(15)))
    pg.tc(pg.w / 2, 110 + pt(20), "MONTHLY MEDICATION REGIMEN REVIEW", F(reg, pt(12)))
    y = 110 + pt(44)
    att = d.clin("md")
    rph = d.clin("rn")
    cells = [("Resident", d.name(rng.choice(["LFM", "LFMd", "LFM_U"]))), ("Room", "%d%s" % (rng.randint(100, 330), rng.choice("AB"))),
             ("Birthdate", d.dob()), ("Gender", d.sex(rng.choice(["F", "Female"]))),
             ("Resident #", d.mrn("plain") or ""), ("Review date", d.enc_s()),
             ("Attending Physician", d.prov(att, rng.choice(["FMLd", "Dr", "FL_deg"]))), ("Admit date", fmtd(d.enc - timedelta(days=rng.randint(30, 900)), "mdY"))]
    d.distract("facility_admit_date")
    cw = (pg.w - 300) / 2
    for i, (k, v) in enumerate(cells):
        x = 150 + (i % 2) * cw
        yy = y + (i // 2) * pt(30)
        pg.rect(x, yy, x + cw, yy + pt(30), w=2)
        pg.t(x + 10, yy + 5, k, fs)
        pg.t(x + 30, yy + pt(12), v, f)
    y += pt(30) * 4 + pt(18)
    cols = [("Medication", 150), ("Dose", 900), ("Route", 1150), ("Frequency", 1350), ("Continue?", 1900), ("Comment", 2100)]
    for nm, x in cols:
        pg.t(x, y, nm, fb)
    y += pt(16)
    pg.line(150, y, pg.w - 150, y, w=2)
    y += pt(6)
    for mm in rng.sample(gc.MEDS, rng.randint(5, 10)):
        vals = [mm[0], rng.choice(mm[1]), "PO" if "inhaler" not in mm[2] else "INH", mm[3], rng.choice(["Yes", "Yes", "No"]), rng.choice(["", "", "GDR?", "hold SBP<100"])]
        for (nm, x), v in zip(cols, vals):
            pg.t(x, y, v, f)
        y += pt(17)
    y += pt(20)
    pg.t(150, y, "Consultant pharmacist: %s   Recommendations: %s" % (d.other_name(rph, "FL_deg"), rng.choice(["none", "see attached", "dose reduction trial"])), f)
    d.distract("pharmacist")
    y += pt(24)
    pg.t(150, y, "Physician signature: ________________________   Date: %s" % fmtd(d.enc + timedelta(days=rng.randint(0, 6)), "mdY"), f)


# ---------------------------------------------------------------- consents
def L_consent_surgical_witness(d):
    """Surgical/procedure consent: physician named in the text, witness and interpreter distractors."""
    reg, bold = d.fam_fonts(d.rng.choice(["serif", "sans"]))
    rng = d.rng
    pg = d.page()
    f, fb, fs = F(reg, pt(10.5)), F(bold, pt(11)), F(reg, pt(8))
    y = letterhead(d, pg, reg, bold)
    pg.tc(pg.w / 2, y, "AUTHORIZATION FOR SURGERY OR SPECIAL PROCEDURE", F(bold, pt(13)))
    y += pt(30)
    # addressograph plate imprint top right
    bx, by = 1500, y
    pg.rect(bx, by, pg.w - 150, by + pt(70), w=2)
    fm = F(FONTS["mono"][0][1], pt(9.5))
    pg.t(bx + 20, by + 14, d.name(rng.choice(["LFM_U", "LF_sp_U"])), fm)
    m = d.mrn(rng.choice(["plain", "dash4"]))
    pg.t(bx + 20, by + 14 + pt(15), ("MR %s" % m) if m else "ADM %s" % dig(rng, 8), fm)
    pg.t(bx + 20, by + 14 + pt(30), "%s  %s" % (d.dob(rng.choice(["mdy/", "mdY"])), d.sex("F")), fm)
    pg.t(bx + 20, by + 14 + pt(45), "ACCT %s" % dig(rng, 9), fm)
    d.distract("account_number")
    d.notes.append("addressograph")
    surg = d.clin("md")
    proc = rng.choice(gc.PROCEDURES)
    pg.t(150, y, "1. I hereby authorize", f)
    pg.t(150 + pg.tw("1. I hereby authorize ", f), y, d.prov(surg, rng.choice(["Dr", "FMLd"])), fb)
    y += pt(15)
    txt = "and such assistants as may be selected to perform the following procedure: %s." % proc
    y = pg.para(190, y, txt, f, 1260, lh=pt(15)) + pt(10)
    y = max(y, by + pt(80))
    for t in ["2. The nature and purpose of the procedure, possible alternative methods of treatment, the risks involved and "
              "the possibility of complications have been explained to me. No guarantee has been given as to the results.",
              "3. I consent to the administration of anesthesia and to the use of blood products if deemed necessary.",
              "4. I consent to the disposal of any tissue removed, and to photographing for medical education."]:
        y = pg.para(150, y, t, f, pg.w - 300, lh=pt(15)) + pt(10)
    y += pt(20)
    sd = d.enc
    sig_lines = [("Signature of Patient or Legally Authorized Representative", d.enc_s(rng.choice(["mdY", "md_Y", "mdy/"]))),
                 ("Witness: %s %s" % d.other_person()[0::2], fmtd(sd, "md_Y")),
                 ("Physician: %s" % d.other_name(surg, "FMLd"), fmtd(sd, "md_Y"))]
    d.distract("witness")
    for lab, dt in sig_lines:
        pg.line(150, y + pt(22), 1500, y + pt(22), w=2)
        pg.line(1700, y + pt(22), pg.w - 150, y + pt(22), w=2)
        pg.t(1720, y, dt, f, style="hand")
        pg.t(150, y + pt(26), lab, fs)
        pg.t(1720, y + pt(26), "Date", fs)
        y += pt(52)
    if rng.random() < 0.4:
        pg.t(150, y, "Interpreter used:  [ ] No   [X] Yes  Name/ID: %s %s #%s" % (d.other_person()[0], d.other_person()[2], dig(rng, 5)), f)
        d.distract("interpreter")
    pg.t(150, pg.h - 140, "FORM 3107-A  REV %s" % fmtd(date(rng.randint(min(1975, d.enc.year), d.enc.year), rng.randint(1, 12), 1), "mdy/"), fs)


def L_consent_hipaa_ack(d):
    """Acknowledgment of receipt of Notice of Privacy Practices (general, no provider)."""
    reg, bold = d.fam_fonts(d.rng.choice(["sans", "serif"]))
    rng = d.rng
    pg = d.page()
    f, fb, fs = F(reg, pt(11)), F(bold, pt(11)), F(reg, pt(8))
    y = letterhead(d, pg, reg, bold, align=rng.choice(["c", "l"]))
    pg.tc(pg.w / 2, y, "ACKNOWLEDGMENT OF RECEIPT OF", F(bold, pt(14)))
    pg.tc(pg.w / 2, y + pt(19), "NOTICE OF PRIVACY PRACTICES", F(bold, pt(14)))
    y += pt(50)
    y = pg.para(150, y, "I acknowledge that I have received a copy of the %s Notice of Privacy Practices, which describes how my "
                "health information may be used and disclosed and how I can get access to this information." % d.org[0], f, pg.w - 300) + pt(16)
    pg.t(150, y, "Patient's Name (print):", fb)
    pg.t(150 + pg.tw("Patient's Name (print):  ", fb), y - 8, d.name(rng.choice(["FML", "FML_nodot", "LFM"])), F(rng.choice(FONTS["hand"])[0], pt(15)), style="hand")
    y += pt(30)
    pg.t(150, y, "Date of Birth:", fb)
    pg.t(150 + pg.tw("Date of Birth:  ", fb), y - 8, d.dob(rng.choice(["md_Y", "mdY", "mdy/"])), F(rng.choice(FONTS["hand"])[0], pt(15)), style="hand")
    m = d.mrn()
    if m:
        pg.t(1400, y, "Acct/MRN label: MRN " + m, f)
    y += pt(34)
    pg.t(150, y, "Signature:  ______________________________", f)
    pg.t(1400, y, "Date:", fb)
    pg.t(1400 + pg.tw("Date:  ", fb), y - 8, d.enc_s(rng.choice(["md_Y", "mdY"])), F(rng.choice(FONTS["hand"])[0], pt(15)), style="hand")
    y += pt(40)
    pg.t(150, y, "If signed by a personal representative:", fb)
    y += pt(20)
    rp = related(d)
    pg.t(170, y, "Name: %s %s      Relationship: %s      Date of birth: %s" % (rp[0], rp[2], rp[3], fmtd(rp[4], "md_Y")), f)
    d.distract("representative_dob")
    y += pt(40)
    pg.rect(150, y, pg.w - 150, y + pt(120), w=2)
    pg.t(170, y + 10, "FOR OFFICE USE ONLY", fb)
    pg.t(170, y + 10 + pt(20), "We attempted to obtain written acknowledgment but could not because:", f)
    for i, r in enumerate(["Individual refused to sign", "Communication barriers", "Emergency situation", "Other"]):
        pg.checkbox(200, y + 20 + pt(40) + i * pt(18), pt(9), False, r, f)
    pg.t(1500, y + pt(100), "Staff initials: %s" % rng.choice(["KB", "TM", "AJ"]), f)
    pg.t(150, pg.h - 140, "NPP-ACK %d" % rng.randint(2003, 2022), fs)


# ---------------------------------------------------------------- other
def L_other_operative(d):
    """Operative report: Surgeon (provider), Assistant / Anesthesiologist distractors, Date of Operation."""
    reg, bold = d.fam_fonts(d.rng.choice(["serif", "sans", "mono"]))
    rng = d.rng
    npg = rng.choice([1, 2])
    pg = d.page()
    f, fb = F(reg, pt(10)), F(bold, pt(10.5))
    y = letterhead(d, pg, reg, bold, small=True)
    pg.tc(pg.w / 2, y, "OPERATIVE REPORT", F(bold, pt(14)))
    y += pt(30)
    surg, asst, anes = d.clin("md"), d.clin("md"), d.clin("md")
    m = d.mrn()
    hdr = [("PATIENT", d.name(rng.choice(["LFM_U", "LFMd"]))), ("MRN" if rng.random() < .5 else "HOSP #", m or ""),
           ("DOB", d.dob()), ("DATE OF OPERATION", d.enc_s()),
           ("SURGEON", d.prov(surg, rng.choice(["FMLd", "LFM_U", "FL_deg"]))), ("ASSISTANT", d.other_name(asst, "FMLd")),
           ("ANESTHESIOLOGIST", d.other_name(anes, "FMLd")), ("ANESTHESIA", rng.choice(["General endotracheal", "MAC", "Spinal"]))]
    d.distract("assistant")
    d.distract("anesthesiologist")
    for i, (k, v) in enumerate(hdr):
        x = 150 if i % 2 == 0 else 1300
        yy = y + (i // 2) * pt(19)
        pg.t(x, yy, k + ":", fb)
        pg.t(x + pg.tw(k + ":  ", fb), yy, v, f)
    y += pt(19) * 4 + pt(16)
    proc = rng.choice(gc.PROCEDURES)
    secs = [("PREOPERATIVE DIAGNOSIS", rng.choice(gc.DX)[0]), ("POSTOPERATIVE DIAGNOSIS", "Same"),
            ("PROCEDURE PERFORMED", proc.capitalize()), ("ESTIMATED BLOOD LOSS", "%d mL" % rng.choice([5, 10, 25, 50, 150])),
            ("SPECIMENS", rng.choice(["None", "To pathology"])), ("COMPLICATIONS", "None"),
            ("INDICATIONS", "The risks, benefits and alternatives were discussed and informed consent was obtained."),
            ("DESCRIPTION OF PROCEDURE", "The patient was brought to the operating room and placed supine. After induction of "
             "anesthesia the operative site was prepped and draped in the usual sterile fashion. A time-out was performed. "
             "The procedure was carried out without difficulty. Hemostasis was obtained. Counts were correct x2. "
             "The patient tolerated the procedure well and was taken to recovery in stable condition.")]
    cut = 6 if npg == 2 else len(secs)
    for k, v in secs[:cut]:
        pg.t(150, y, k + ":", fb)
        y = pg.para(180, y + pt(17), v, f, pg.w - 360) + pt(8)
    if npg == 2:
        footer(d, pg, reg, 1, 2)
        pg = d.page()
        y = short_header(d, pg, reg, 2, 2, with_dob=True)
        for k, v in secs[cut:]:
            pg.t(150, y, k + ":", fb)
            y = pg.para(180, y + pt(17), v, f, pg.w - 360) + pt(8)
    y += pt(20)
    pg.t(150, y, "Dictated: %s   Transcribed: %s" % (fmtd(d.enc, "mdy/"), fmtd(d.enc + timedelta(days=rng.randint(1, 4)), "mdy/")), f)
    pg.t(150, y + pt(20), "Electronically signed by %s" % d.other_name(surg, "FMLd"), f)
    d.fields["sex"] = None


def L_other_ekg(d):
    """12-lead ECG tracing report: measurements, tracing grid, 'Confirmed by' (provider); 'Referred by' distractor."""
    reg, bold = d.fam_fonts(d.rng.choice(["sans", "mono"]))
    rng = d.rng
    pg = d.page(landscape=rng.random() < 0.5)
    if pg.landscape:
        d.notes.append("landscape")
    f, fb, fs = F(reg, pt(9)), F(bold, pt(9.5)), F(reg, pt(7))
    x0 = 100
    y = 80
    nm = d.name(rng.choice(["LFM_U", "LF_sp_U", "LFM"]))
    m = d.mrn("plain")
    when = d.enc_s(rng.choice(["dBY", "d-b-Y", "mdY"]))
    tm = "%02d:%02d:%02d" % (rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59))
    pg.t(x0, y, nm, F(bold, pt(11)))
    pg.t(x0 + 1000, y, "ID: " + (m if m else "---"), f)
    pg.t(x0 + 1600, y, when + " " + tm, f)
    y += pt(14)
    pg.t(x0, y, d.dob(rng.choice(["dBY", "mdY"])) + " (%d yr)" % ((d.enc - d.pat.dob).days // 365), f)
    pg.t(x0 + 1000, y, d.sex(rng.choice(["Female", "FEMALE"])), f)
    pg.t(x0 + 1600, y, "Loc: %d  Room: %d" % (rng.randint(1, 40), rng.randint(100, 500)), f)
    y += pt(14)
    hr = rng.randint(48, 118)
    meas = "Vent. rate %d BPM   PR interval %d ms   QRS duration %d ms   QT/QTc %d/%d ms   P-R-T axes %d %d %d" % (
        hr, rng.randint(120, 210), rng.randint(78, 128), rng.randint(340, 440), rng.randint(400, 480),
        rng.randint(-10, 80), rng.randint(-30, 90), rng.randint(0, 80))
    pg.t(x0, y, meas, f)
    y += pt(16)
    interp = rng.choice(["Normal sinus rhythm. Normal ECG.", "Sinus bradycardia. Otherwise normal ECG.",
                         "Sinus rhythm with first degree AV block. Nonspecific T wave abnormality. Abnormal ECG.",
                         "Atrial fibrillation with controlled ventricular response. Left axis deviation."])
    pg.t(x0, y, interp, fb)
    y += pt(16)
    refp = d.clin("md")
    cardio = d.clin("md")
    pg.t(x0, y, "Referred by: %s" % d.other_name(refp, "LFM_U"), f)
    d.distract("referring")
    pg.t(x0 + 1000, y, "Confirmed by: %s" % d.prov(cardio, rng.choice(["LFM_U", "FMLd"])), f)
    pg.t(x0 + 1900, y, "(%d) on %s" % (rng.randint(1, 90), fmtd(d.enc + timedelta(days=rng.randint(0, 3)), "mdY")), f)
    y += pt(24)
    # tracing grid
    gx0, gy0, gx1, gy1 = x0, y, pg.w - x0, pg.h - 160
    for gx in range(int(gx0), int(gx1), 24):
        pg.line(gx, gy0, gx, gy1, w=1 if (gx - gx0) % 120 else 2, fill=200 if (gx - gx0) % 120 else 150)
    for gy in range(int(gy0), int(gy1), 24):
        pg.line(gx0, gy, gx1, gy, w=1 if (gy - gy0) % 120 else 2, fill=200 if (gy - gy0) % 120 else 150)
    leads = [["I", "aVR", "V1", "V4"], ["II", "aVL", "V2", "V5"], ["III", "aVF", "V3", "V6"], ["II"]]
    rowh = (gy1 - gy0) / 4
    beat = int(60.0 / hr * 25 * 12 * 0.4) + 60
    for r, row in enumerate(leads):
        base = gy0 + rowh * (r + 0.55)
        segw = (gx1 - gx0) / len(row)
        for c, lead in enumerate(row):
            sx = gx0 + c * segw
            pg.t(sx + 10, base - rowh * 0.4, lead, fb)
            pts = []
            amp = rng.uniform(0.5, 1.2) * (-1 if lead in ("aVR",) else 1)
            for xx in range(int(sx), int(sx + segw), 3):
                ph = (xx - sx + c * 37) % beat
                v = 0
                if 10 < ph < 30:
                    v = 10 * amp
                elif 50 < ph < 56:
                    v = -12 * amp
                elif 56 <= ph < 64:
                    v = 90 * amp
                elif 64 <= ph < 70:
                    v = -25 * amp
                elif 100 < ph < 140:
                    v = 18 * amp
                pts.append((xx, base - v))
            pg.d.line(pts, fill=0, width=3)
    pg.t(x0, pg.h - 130, "25 mm/s   10 mm/mV   0.05-150 Hz   %s" % rng.choice(["MAC 5500", "PageWriter TC70", "ELI 350"]), fs)


def L_other_immunization(d):
    """Immunization record (many dates in a table): no encounter date, no single provider."""
    reg, bold = d.fam_fonts(d.rng.choice(["sans", "serif"]))
    rng = d.rng
    pg = d.page()
    f, fb, fs = F(reg, pt(9.5)), F(bold, pt(10)), F(reg, pt(7.5))
    y = letterhead(d, pg, reg, bold, small=True)
    pg.tc(pg.w / 2, y, rng.choice(["IMMUNIZATION RECORD", "CERTIFICATE OF IMMUNIZATION", "VACCINATION HISTORY"]), F(bold, pt(14)))
    y += pt(30)
    pg.t(150, y, "Name:", fb)
    pg.t(150 + pg.tw("Name:  ", fb), y, d.name(rng.choice(["LFM", "FML", "LFM_U"])), f)
    pg.t(1350, y, "Date of Birth:", fb)
    pg.t(1350 + pg.tw("Date of Birth:  ", fb), y, d.dob(rng.choice(["mdY", "BdY", "md_Y"])), f)
    y += pt(20)
    m = d.mrn()
    if m:
        pg.t(150, y, "Record No.:", fb)
        pg.t(150 + pg.tw("Record No.:  ", fb), y, m, f)
    pg.t(1350, y, "Sex:", fb)
    pg.t(1350 + pg.tw("Sex:  ", fb), y, d.sex("F"), f)
    y += pt(20)
    pg.t(150, y, "State registry ID: %s" % dig(rng, 10), f)
    d.distract("registry_id")
    y += pt(28)
    cols = [("Vaccine", 150), ("Dose", 800), ("Date given", 950), ("Manufacturer / Lot", 1300), ("Site", 1800), ("Given by", 1980)]
    for nm, x in cols:
        pg.t(x, y, nm, fb)
    y += pt(16)
    pg.line(150, y, pg.w - 150, y, w=2)
    y += pt(6)
    giv = [d.clin("rn"), d.clin("rn"), d.clin("np")]
    vacc = ["DTaP", "IPV", "MMR", "Varicella", "Hep B", "Hep A", "Tdap", "HPV", "MenACWY", "Influenza", "Pneumococcal PCV20",
            "Zoster (RZV)", "COVID-19 mRNA", "Td"]
    t = d.pat.dob
    rows = []
    for v in rng.sample(vacc, rng.randint(6, 11)):
        for k in range(rng.randint(1, 3)):
            t2 = rdate(rng, d.pat.dob + timedelta(days=60), max(d.pat.dob + timedelta(days=61), min(date(2024, 6, 1), d.pat.dob + timedelta(days=365 * 70))))
            rows.append((t2, v, k + 1))
    rows.sort()
    del t
    for t2, v, k in rows[:18]:
        g = rng.choice(giv)
        vals = [v, str(k), fmtd(t2, "mdY"), "%s %s%s" % (rng.choice(["Merck", "GSK", "Sanofi", "Pfizer"]), rng.choice("ABCUX"), dig(rng, 5)),
                rng.choice(["LD", "RD", "LT", "RT"]), "%s. %s" % (g.first[0], g.last)]
        for (nm, x), val in zip(cols, vals):
            pg.t(x, y, val, f)
        y += pt(17)
    d.distract("vaccine_dates")
    y += pt(20)
    pg.t(150, y, "Certified true copy of our records.  ____________________  Date: %s" % fmtd(
        max(date(2000, 1, 1), rows[-1][0]) + timedelta(days=rng.randint(1, 400)), "mdY"), f)
    d.distract("certified_date")


def L_other_attorney_letter(d):
    """Physician's dictated letter to an attorney answering a records request (no encounter date)."""
    reg, bold = d.fam_fonts(d.rng.choice(["serif", "sans"]))
    rng = d.rng
    pg = d.page()
    f, fb = F(reg, pt(11)), F(bold, pt(11))
    y = letterhead(d, pg, reg, bold)
    ld = d.enc
    pg.t(150, y, fmtd(ld, "BdY"), f)
    d.distract("letter_date")
    y += pt(30)
    atty = d.other_person()
    firm = rng.choice(LAWFIRMS)
    for ln in ["%s %s. %s, Esq." % atty, firm, "%d %s, Suite %d" % (rng.randint(10, 999), rng.choice(ROADS), rng.randint(100, 900)),
               "%s, %s %s%s" % (rng.choice(TOWNS)[0], rng.choice(TOWNS)[1], rng.choice(TOWNS)[2], dig(rng, 2))]:
        pg.t(150, y, ln, f)
        y += pt(15)
    d.distract("attorney")
    y += pt(16)
    nm = d.name(rng.choice(["FML", "FML_nodot", "LFMd"]))
    pg.t(150, y, "Re:", fb)
    pg.t(280, y, "Our patient: " + nm, f)
    y += pt(15)
    pg.t(280, y, "Date of birth: " + d.dob(rng.choice(["BdY", "mdY"])), f)
    y += pt(15)
    m = d.mrn()
    if m:
        pg.t(280, y, "Record No.: " + m, f)
        y += pt(15)
    doi = d.enc - timedelta(days=rng.randint(60, 700))
    pg.t(280, y, "Date of injury: " + fmtd(doi, "mdY") + "     Your file: " + "%s-%s" % (dig(rng, 2), dig(rng, 5)), f)
    d.distract("date_of_injury")
    y += pt(30)
    pg.t(150, y, "Dear %s %s:" % (rng.choice(["Mr.", "Ms."]), atty[2]), f)
    y += pt(26)
    first_v = doi + timedelta(days=rng.randint(1, 20))
    last_v = first_v + timedelta(days=rng.randint(30, 300))
    he = "the patient"
    body = ("I am in receipt of your request dated %s, accompanied by a HIPAA-compliant authorization signed by the patient. "
            "Enclosed please find copies of office notes from %s through %s. In summary, the patient was seen for %s following "
            "the incident and %s was treated conservatively with physical therapy and medication. %s "
            "Our office charges a reasonable, cost-based fee for copies as permitted by state law." % (
                fmtd(ld - timedelta(days=rng.randint(7, 40)), "BdY"), fmtd(first_v, "mdY"), fmtd(last_v, "mdY"),
                rng.choice(["neck pain", "low back pain", "a right wrist injury", "headaches"]), he,
                rng.choice(["Maximum medical improvement was reached at the last visit.", "Further treatment may be required."])))
    d.distract("treatment_dates")
    d.fields["sex"] = None
    y = pg.para(150, y, body, f, pg.w - 300, lh=pt(16)) + pt(14)
    y = pg.para(150, y, "Please do not hesitate to contact my office should you require anything further.", f, pg.w - 300) + pt(24)
    doc = d.clin("md")
    pg.t(150, y, "Very truly yours,", f)
    pg.t(150, y + pt(50), d.prov(doc, rng.choice(["FMLd", "FL_deg"])), f)
    y += pt(90)
    pg.t(150, y, "%s:%s   Enclosures (%d pages)" % (doc.first[0] + doc.last[0], rng.choice(["mk", "tr", "dl"]), rng.randint(8, 60)), F(reg, pt(9)))
    d.prose = True
    d.enc = None


def L_other_priorauth_request(d):
    """Prior-authorization request form faxed by the clinic to a payer (no encounter date)."""
    reg, bold = d.fam_fonts("sans")
    rng = d.rng
    pg = d.page()
    f, fb, fs = F(reg, pt(9.5)), F(bold, pt(10)), F(reg, pt(7.5))
    payer = rng.choice(gc.PAYERS)
    pg.rect(120, 100, pg.w - 120, 100 + pt(36), w=0, fill=0)
    pg.t(150, 110, "%s  -  PRIOR AUTHORIZATION REQUEST" % payer.upper(), F(bold, pt(13)), fill=255)
    y = 100 + pt(46)
    pg.t(150, y, "Fax completed form to %s.  Incomplete requests will be returned." % tel(rng, "612"), fs)
    y += pt(18)

    def sect(title, y):
        pg.rect(120, y, pg.w - 120, y + pt(18), w=2, fill=215)
        pg.t(140, y + 6, title, fb)
        return y + pt(24)

    y = sect("SECTION A - MEMBER INFORMATION", y)
    sub = related(d)
    items = [("Member name", d.name(rng.choice(["LFM", "FML", "LFM_U"]))), ("Member DOB", d.dob()),
             ("Member ID", rng.choice("XWZ") + dig(rng, 9)), ("Group #", dig(rng, 6)),
             ("Subscriber", "%s %s (%s)" % (sub[0], sub[2], sub[3].lower())), ("Subscriber DOB", fmtd(sub[4], "mdY"))]
    d.distract("member_id")
    d.distract("subscriber")
    m = d.mrn()
    if m:
        items.append(("Practice MRN", m))
    items.append(("Gender", d.sex("F")))
    for i, (k, v) in enumerate(items):
        x = 150 + (i % 2) * 1150
        yy = y + (i // 2) * pt(19)
        pg.t(x, yy, k + ":", fb)
        pg.t(x + 420, yy, v, f)
    y += pt(19) * ((len(items) + 1) // 2) + pt(8)
    y = sect("SECTION B - REQUESTING PROVIDER", y)
    doc = d.clin("md")
    rows = [("Requesting provider", d.prov(doc, rng.choice(["FMLd", "LFM_U", "FL_deg"]))), ("NPI", dig(rng, 10)),
            ("Tax ID", "%s-%s" % (dig(rng, 2), dig(rng, 7))), ("Contact / phone", "%s %s" % (rng.choice(["Tina", "Marcus", "Gail"]), tel(rng, d.org[3])))]
    d.distract("npi")
    for i, (k, v) in enumerate(rows):
        x = 150 + (i % 2) * 1150
        yy = y + (i // 2) * pt(19)
        pg.t(x, yy, k + ":", fb)
        pg.t(x + 420, yy, v, f)
    y += pt(19) * 2 + pt(8)
    y = sect("SECTION C - SERVICE REQUESTED", y)
    ex = rng.choice(gc.EXAMS)[0]
    dx = rng.choice(gc.DX)
    planned = d.enc + timedelta(days=rng.randint(7, 40))
    for k, v in [("Service / CPT", "%s  (%d)" % (ex, rng.randint(70000, 78999))), ("Diagnosis / ICD-10", "%s  %s" % (dx[1], dx[0])),
                 ("Requested start date", fmtd(planned, "mdY")), ("Rendering facility", rng.choice(gc.IMAGING_CO))]:
        pg.t(150, y, k + ":", fb)
        pg.t(570, y, v, f)
        y += pt(19)
    d.distract("planned_date")
    y += pt(8)
    y = sect("SECTION D - CLINICAL JUSTIFICATION", y)
    y = pg.para(150, y, pick(rng, HPI, 2) + " Conservative therapy for 6 weeks has failed.", f, pg.w - 300) + pt(20)
    pg.t(150, y, "Prescriber signature: _____________________   Date signed: %s" % fmtd(d.enc, "mdY"), f)
    d.distract("signature_date")
    d.enc = None


# ============================================================================= registry
LAYOUTS = {  # name: (doc_type, function, (era_from, era_to), female_only)
    "b3_intake_adt_facesheet": ("intake_form", L_intake_adt_facesheet, (1984, 2004), False),
    "b3_intake_portal_demographics": ("intake_form", L_intake_portal_demographics, (2014, 2025), False),
    "b3_intake_dental_history": ("intake_form", L_intake_dental_history, (1978, 2022), False),
    "b3_pn_wellchild": ("progress_note", L_pn_wellchild, (1975, 2024), False),
    "b3_pn_ed_record": ("progress_note", L_pn_ed_record, (1988, 2024), False),
    "b3_pn_handwritten": ("progress_note", L_pn_handwritten, (1970, 2010), False),
    "b3_pn_pt_eval": ("progress_note", L_pn_pt_eval, (1995, 2024), False),
    "b3_pn_ob_prenatal": ("progress_note", L_pn_ob_prenatal, (1975, 2024), True),
    "b3_lab_pathology": ("lab_report", L_lab_pathology, (1985, 2024), False),
    "b3_lab_cumulative": ("lab_report", L_lab_cumulative, (1990, 2024), False),
    "b3_dc_typed_1970s": ("discharge_summary", L_dc_typed_1970s, (1970, 1989), False),
    "b3_dc_transfer_expired": ("discharge_summary", L_dc_transfer_expired, (1992, 2024), False),
    "b3_ref_consult_letterhead": ("referral_letter", L_ref_consult_letterhead, (1980, 2024), False),
    "b3_ref_rx_pad": ("referral_letter", L_ref_rx_pad, (1975, 2020), False),
    "b3_rad_mammo": ("radiology_report", L_rad_mammo, (1992, 2024), True),
    "b3_rad_dexa": ("radiology_report", L_rad_dexa, (1995, 2024), False),
    "b3_med_pharmacy_profile": ("medication_list", L_med_pharmacy_profile, (1995, 2024), False),
    "b3_med_snf_review": ("medication_list", L_med_snf_review, (1995, 2024), False),
    "b3_consent_surgical_witness": ("consent_form", L_consent_surgical_witness, (1975, 2024), False),
    "b3_consent_hipaa_ack": ("consent_form", L_consent_hipaa_ack, (2003, 2024), False),
    "b3_other_operative": ("other", L_other_operative, (1980, 2024), False),
    "b3_other_ekg": ("other", L_other_ekg, (1985, 2024), False),
    "b3_other_immunization": ("other", L_other_immunization, (1990, 2024), False),
    "b3_other_attorney_letter": ("other", L_other_attorney_letter, (1985, 2024), False),
    "b3_other_priorauth_request": ("other", L_other_priorauth_request, (2005, 2024), False),
}
FAXABLE = {"b3_ref_consult_letterhead", "b3_ref_rx_pad", "b3_lab_pathology", "b3_lab_cumulative", "b3_rad_mammo", "b3_rad_dexa",
           "b3_pn_ed_record", "b3_pn_pt_eval", "b3_dc_transfer_expired", "b3_other_operative", "b3_other_ekg",
           "b3_other_priorauth_request", "b3_med_pharmacy_profile", "b3_other_attorney_letter", "b3_consent_surgical_witness"}


# ============================================================================= assembly
def fax_cover(d, npages):
    rng = d.rng
    pg = Page()
    pg.rng = rng
    reg, bold = rng.choice(FONTS["sans"] + FONTS["serif"])
    f, fb = F(reg, pt(12)), F(bold, pt(12))
    pg.t(150, 150, rng.choice(["FAX", "FACSIMILE TRANSMITTAL", "Fax Cover Sheet"]), F(bold, pt(30)))
    src = rng.choice(ORGS)
    dst = rng.choice([o for o in ORGS if o != src])
    y = 150 + pt(60)
    for k, v in [("To:", rng.choice(["Medical Records", "Health Information Mgmt", "Referral Coordinator"]) + ", " + dst[0]),
                 ("Fax:", tel(rng, dst[3])), ("From:", src[0]), ("Phone:", tel(rng, src[3])),
                 ("Date:", fmtd(d.when + timedelta(days=rng.randint(0, 60)), "mdY")), ("Pages:", "%d (including cover)" % npages),
                 ("Re:", rng.choice(["Requested records", "Results", "Patient information", "Referral"]))]:
        pg.t(150, y, k, fb)
        pg.t(500, y, v, f)
        y += pt(24)
    y += pt(30)
    pg.para(150, y, "CONFIDENTIALITY NOTICE: This facsimile contains protected health information that is privileged and "
            "confidential. If you are not the intended recipient, any review, disclosure, copying or distribution is strictly "
            "prohibited. Please notify the sender by telephone and destroy all copies.", F(reg, pt(10)), pg.w - 300)
    return pg


def fax_banner(d, pg, i, n, when, num):
    f = F(FONTS["mono"][0][0], pt(8))
    s = "%s %02d:%02d   FROM: %s   TO: %s   P.%03d/%03d" % (fmtd(when, rng_fmt(d)), d.fax_hh, d.fax_mm, num, tel(d.rng, "417"), i, n)
    pg.t(60, 25, s, f)


def rng_fmt(d):
    return d.fax_fmt


def make_doc(idx, seed, pat, layout, clins, rotate):
    rng = random.Random("b3|%d|%d|%s" % (seed, idx, layout))
    doc_type, fn, era, _ = LAYOUTS[layout]
    d = Doc(rng, pat, clins, layout, era)
    fn(d)
    if pat.same_as:
        d.notes.append("same_name_as:" + pat.same_as)
    pages = list(d.pages)
    patient_page = 0
    # fax cover / fax banner
    if layout in FAXABLE and rng.random() < 0.3:
        d.fax = True
        d.fax_fmt = rng.choice(["bdY", "mdy/", "dBY"])
        d.fax_hh, d.fax_mm = rng.randint(7, 19), rng.randint(0, 59)
        when = d.when + timedelta(days=rng.randint(0, 40))
        if rng.random() < 0.6:
            pages.insert(0, fax_cover(d, len(pages) + 1))
            patient_page = 1
            d.notes.append("fax_cover")
        num = tel(rng, rng.choice(["208", "316", "985"]))
        for i, pg in enumerate(pages):
            fax_banner(d, pg, i + 1, len(pages), when, num)
        d.notes.append("fax_header")
        d.distract("fax_date")
    # blank page (back side scanned) after the patient page
    if rng.random() < 0.1:
        pos = rng.randint(patient_page + 1, len(pages))
        pages.insert(pos, Page())
        d.notes.append("blank_page:%d" % (pos + 1))
    d.pages = pages
    d.patient_page = patient_page
    # output format
    if len(pages) > 1:
        fmt = rng.choice(["tiff-g4", "tiff-g4", "tiff-g3", "tiff-lzw", "pdf-image", "pdf-image"])
    else:
        fmt = rng.choice(["png", "jpeg", "tiff-g4", "tiff-g3", "tiff-lzw", "pdf-image", "png", "jpeg"])
    if d.fax and fmt in ("png", "jpeg") and rng.random() < 0.7:
        fmt = "tiff-g3" if rng.random() < 0.5 else "tiff-g4"
    o = gc.choose_degradation(rng, fmt, "eval")
    if not o.get("bilevel") and rng.random() < 0.15 and fmt not in ("tiff-g3",):
        o["dpi"] = (150, 150)
        d.notes.append("low_dpi")
    if o.get("bilevel"):
        d.notes.append("bilevel")
    d.notes.append("dpi:%dx%d" % o["dpi"])
    if o.get("skew"):
        d.notes.append("skew:%s" % o["skew"])
    nrng = np.random.default_rng(rng.randint(0, 2 ** 31))
    ims = []
    rotation = 0
    rot_page = patient_page if rotate else None
    if rotate is None and rng.random() < 0.06 and len(pages) > 1:
        rot_page = rng.choice([i for i in range(len(pages)) if i != patient_page])
    for i, pg in enumerate(pages):
        oo = dict(o)
        if i != patient_page and oo.get("skew"):
            oo["skew"] = round(oo["skew"] * rng.uniform(0.3, 1.2), 2)
        im = pg.im
        if pg.landscape:
            im = im.transpose(Image.ROTATE_90)
            im = gc.degrade(im, rng, nrng, oo).transpose(Image.ROTATE_270)
        else:
            im = gc.degrade(im, rng, nrng, oo)
        if rot_page == i:
            deg = rng.choice([90, 180, 270, 180]) if not pg.landscape else rng.choice([90, 270])
            im = im.transpose({90: Image.ROTATE_270, 180: Image.ROTATE_180, 270: Image.ROTATE_90}[deg])
            if i == patient_page:
                rotation = deg
            d.notes.append("rotated_page:%d:%d" % (i + 1, deg))
        ims.append(im)
    if fmt == "pdf-image" or fmt.startswith("tiff"):
        # all frames in one mode
        mode = "1" if o.get("bilevel") else "L"
        ims = [im if im.mode == mode else im.convert(mode) for im in ims]
    return d, doc_type, fmt, o, ims, rotation


# ----------------------------------------------------------------------------- self-check
def check_doc(d, truth):
    errs = []
    ptext = d.pages[d.patient_page].all_text()
    for f in FIELDS:
        v = truth[f]
        if v is None:
            continue
        pr = d.printed.get(f)
        if not pr:
            errs.append("%s has truth %r but nothing recorded as printed" % (f, v))
            continue
        for s in pr:
            if s not in ptext:
                errs.append("%s printed form %r not drawn on patient page" % (f, s))
        if f in ("date_of_birth", "encounter_date"):
            for s in pr:
                try:
                    if parse_date(s).isoformat() != v:
                        errs.append("%s %r parses to %s, truth %s" % (f, s, parse_date(s), v))
                except ValueError as e:
                    errs.append(str(e))
        if f == "mrn":
            for s in pr:
                if re.sub(r"[^0-9A-Za-z]", "", s) != v:
                    errs.append("mrn printed %r != truth %r" % (s, v))
        if f == "patient_name":
            first = v.split()[0]
            if first.lower() != d.pat.first.lower():
                errs.append("name truth %r does not start with the given name" % v)
    for f in FIELDS:
        if truth[f] is None and d.printed.get(f):
            errs.append("%s null in truth but recorded as printed %r" % (f, d.printed[f]))
    alltext = "\n".join(p.all_text() for p in d.pages)
    if truth["mrn"] is None:
        flat = re.sub(r"[^0-9A-Za-z]", "", alltext)
        if d.pat.mrn in flat:
            errs.append("unprinted MRN %s appears in the document text" % d.pat.mrn)
    if truth["date_of_birth"] is None:
        for f in ALL_DFMTS:
            if fmtd(d.pat.dob, f) in alltext:
                errs.append("unprinted DOB appears as %r" % fmtd(d.pat.dob, f))
    return errs


# ----------------------------------------------------------------------------- main
def fits(layout, p):
    if LAYOUTS[layout][3] and p.sex != "F":
        return False
    if layout == "b3_pn_wellchild":
        return p.dob.year >= 1962
    if layout == "b3_pn_ob_prenatal":
        return 1936 <= p.dob.year <= 2004
    if layout == "b3_dc_typed_1970s":
        return p.dob.year <= 1962
    if layout == "b3_med_snf_review":
        return p.dob.year <= 1960
    return True


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
    # layouts with patient constraints (female, child-era, 1970s adult) get a compatible owner
    # by swapping owners with another document whose layout accepts either patient
    for i, lay in enumerate(order):
        if fits(lay, owners[i]):
            continue
        for j in range(ndocs):
            if fits(lay, owners[j]) and fits(order[j], owners[i]):
                owners[i], owners[j] = owners[j], owners[i]
                break
        else:
            # no swap possible: another patient who fits, else another requested layout that fits
            ok = [p for p in pats if fits(lay, p)]
            if ok:
                owners[i] = rng.choice(ok)
            else:
                alt = [x for x in layouts if fits(x, owners[i])]
                if alt:
                    order[i] = rng.choice(alt)
    return list(zip(order, owners))


def main(argv=None):
    ap = argparse.ArgumentParser(description="Third blind chart-scan evaluation set (b3 layouts)")
    ap.add_argument("--out")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--docs", type=int, default=80)
    ap.add_argument("--patients", type=int, default=None, help="default: about 3 documents per patient")
    ap.add_argument("--layouts", default=None, help="comma-separated subset of layout names")
    ap.add_argument("--no-check", action="store_true", help="skip the printed-text self-check")
    ap.add_argument("--list-layouts", action="store_true")
    a = ap.parse_args(argv)
    if a.list_layouts:
        for k, (dt, _, era, fem) in LAYOUTS.items():
            print("%-32s %-18s %d-%d%s" % (k, dt, era[0], era[1], "  (female patients)" if fem else ""))
        return 0
    if not a.out:
        ap.error("--out is required")
    layouts = list(LAYOUTS) if not a.layouts else [s.strip() for s in a.layouts.split(",") if s.strip()]
    for s in layouts:
        if s not in LAYOUTS:
            ap.error("unknown layout %s" % s)
    npat = a.patients or max(2, round(a.docs / 3.0))
    t0 = time.time()
    rng = random.Random(a.seed * 7919 + 3)
    pats = make_patients(rng, npat)
    clins = make_clinicians(rng)
    plan = plan_docs(rng, a.docs, pats, layouts)
    rotated = set(rng.sample(range(a.docs), max(1, a.docs // 15)))
    os.makedirs(a.out, exist_ok=True)
    problems = []
    rows = []
    for idx, (layout, pat) in enumerate(plan):
        d, doc_type, fmt, o, ims, rotation = make_doc(idx, a.seed, pat, layout, clins, True if idx in rotated else None)
        box = "box-%03d" % (idx // 25 + 1)
        folder = "folder-%03d" % (idx // 5 + 1)
        stem = "%s%05d" % ("fax_" if d.fax else rng.choice(["SCAN_", "rec_", "pg", "CHART-", "Image"]), idx + 1)
        ext = gc.EXT.get(fmt, "tif")
        rel = "%s/%s/%s.%s" % (box, folder, stem, ext)
        path = os.path.join(a.out, box, folder, stem + "." + ext)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        gc.save(path, fmt, ims, o["dpi"], d.rng)
        fields = dict(d.fields)
        row = {"source": rel, "pages": len(ims), "doc_type": doc_type, "patient_key": pat.key, "layout": layout,
               "format": fmt, "fields": fields, "rotation": rotation, "notes": d.notes}
        rows.append(row)
        if not a.no_check:
            for e in check_doc(d, fields):
                problems.append("%s (%s): %s" % (rel, layout, e))
    with open(os.path.join(a.out, "truth.jsonl"), "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, sort_keys=True) + "\n")
    dt = time.time() - t0
    nomrn = sum(1 for r in rows if r["fields"]["mrn"] is None)
    print("wrote %d documents (%d patients, %d without MRN) to %s in %.1f s" % (
        len(rows), len({r["patient_key"] for r in rows}), nomrn, a.out, dt))
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
