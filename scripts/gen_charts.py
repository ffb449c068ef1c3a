#!/usr/bin/python3
"""Synthetic scanned-chart generator for chartscan.

Renders fake (entirely synthetic) paper medical chart documents at 300 dpi, degrades
them like scans/faxes, saves them as PNG/JPEG/TIFF/PDF under
DIR/box-NNN/folder-NNN/ and writes the ground truth to DIR/truth.jsonl.

    /usr/bin/python3 scripts/gen_charts.py --out DIR --seed S --docs N --patients P \
        [--profile sample|eval] [--layouts train|holdout|all]

Every name, date, MRN, phone number and ID is produced by a seeded random generator;
no real patient data is involved.  Output is byte-for-byte reproducible for a seed.

Ground-truth conventions (see fixtures/README.md):
  * rotation: clockwise rotation in degrees applied to the page that carries the
    patient fields (0/90/180/270); rotate counter-clockwise by it to make it upright.
  * pages: number of pages/frames in the file (fax covers and blank pages included).
  * notes: "fax_cover", "blank_page:N", "rotated_page:N:DEG", "no_mrn",
    "same_name_as:PKEY", "distractor:<kind>", "bilevel", "dpi:X", ...
"""
import argparse
import io
import json
import os
import random
import sys
import zlib
from datetime import date, timedelta

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

W, H = 2550, 3300  # US letter at 300 dpi
FD = "/usr/share/fonts/truetype/"
FAMILIES = {
    "sans": [("liberation2/LiberationSans-Regular.ttf", "liberation2/LiberationSans-Bold.ttf"),
             ("dejavu/DejaVuSans.ttf", "dejavu/DejaVuSans-Bold.ttf"),
             ("freefont/FreeSans.ttf", "freefont/FreeSansBold.ttf")],
    "serif": [("liberation2/LiberationSerif-Regular.ttf", "liberation2/LiberationSerif-Bold.ttf"),
              ("dejavu/DejaVuSerif.ttf", "dejavu/DejaVuSerif-Bold.ttf"),
              ("freefont/FreeSerif.ttf", "freefont/FreeSerifBold.ttf")],
    "mono": [("liberation2/LiberationMono-Regular.ttf", "liberation2/LiberationMono-Bold.ttf"),
             ("dejavu/DejaVuSansMono.ttf", "dejavu/DejaVuSansMono-Bold.ttf")],
}
HELV = FD + "liberation2/LiberationSans-Regular.ttf"  # metric-compatible with Helvetica/Arial
FIELDS = ["patient_name", "date_of_birth", "mrn", "sex", "encounter_date", "provider"]
_FC = {}


def font(path, px):
    key = (path, px)
    if key not in _FC:
        _FC[key] = ImageFont.truetype(FD + path if not path.startswith("/") else path, px)
    return _FC[key]


def pt(p):
    return int(round(p * 300 / 72))


# ----------------------------------------------------------------------------- data pools
FIRST_F = ["Jane", "Maria", "Linda", "Patricia", "Susan", "Karen", "Nancy", "Lisa", "Betty", "Sandra",
           "Ashley", "Dorothy", "Kimberly", "Emily", "Donna", "Michelle", "Carol", "Amanda", "Melissa",
           "Deborah", "Rebecca", "Laura", "Sharon", "Cynthia", "Kathleen", "Angela", "Brenda", "Pamela",
           "Nicole", "Anna", "Rosa", "Joan", "Evelyn", "Grace", "Ruth", "Teresa", "Ana-Lucia", "Mary"]
FIRST_M = ["John", "Robert", "Michael", "William", "David", "Richard", "Joseph", "Thomas", "Charles",
           "Daniel", "Matthew", "Anthony", "Mark", "Donald", "Steven", "Paul", "Andrew", "Joshua",
           "Kenneth", "Kevin", "Brian", "George", "Edward", "Ronald", "Timothy", "Jason", "Jeffrey",
           "Ryan", "Jacob", "Gary", "Nicholas", "Eric", "Jonathan", "Larry", "Frank", "Scott", "Jean-Paul"]
LAST = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez",
        "Martinez", "Hernandez", "Lopez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson",
        "Martin", "Lee", "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young",
        "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams",
        "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "Kowalski",
        "Novak", "Fischer", "Lindqvist", "Okafor", "Haddad", "Petrov", "Brennan", "Gallagher"]
LAST_SPECIAL = ["O'Connor-Smith", "O'Brien", "D'Angelo", "McAllister", "Garcia-Lopez", "St. Clair",
                "MacDonald", "Van Dyke", "O'Neill", "Smith-Jones", "DeLuca"]
PROV_FIRST = ["Alan", "Priya", "Helen", "Omar", "Grace", "Victor", "Naomi", "Samuel", "Irene", "Marcus",
              "Leah", "Rajesh", "Caroline", "Felix", "Yvonne", "Gordon", "Hannah", "Tobias", "Mei",
              "Walter", "Esther", "Dmitri", "Fiona", "Curtis", "Lydia", "Arjun", "Beatrice", "Conrad"]
PROV_LAST = ["Whitfield", "Ramanathan", "Castellano", "Okonkwo", "Pemberton", "Albright", "Lindgren",
             "Sorensen", "Takahashi", "Vasquez", "Holloway", "Chandra", "Fairbanks", "Eriksen",
             "Marchetti", "Abernathy", "Kaufman", "Delacroix", "Hargrove", "Nakamura", "Beaumont",
             "Rasmussen", "Iyer", "Gallardo", "Wexler", "Thornton", "Ellison", "Mbeki"]
CREDS = ["MD", "MD", "MD", "DO", "NP", "PA-C", "MD", "M.D.", "D.O."]
FACILITIES = [
    ("Riverside Family Medicine", "1200 River Rd, Suite 4", "Springfield, IL 62701"),
    ("Northgate Medical Center", "800 Northgate Blvd", "Fairview, OH 44126"),
    ("Cedar Valley Hospital", "45 Cedar Valley Pkwy", "Cedar Falls, IA 50613"),
    ("Lakeview Internal Medicine", "310 Shoreline Dr", "Lakeview, MI 49201"),
    ("Summit Orthopedic Associates", "77 Summit Ave", "Boulder, CO 80302"),
    ("Harbor Cardiology Group", "19 Harbor St, Floor 2", "Portland, ME 04101"),
    ("Pine Ridge Pediatrics", "5 Pine Ridge Ct", "Asheville, NC 28801"),
    ("Westbrook Gastroenterology", "920 Westbrook Ln", "Madison, WI 53703"),
]
LABS_CO = ["Lakeview Clinical Laboratory", "Meridian Reference Labs", "Tri-County Pathology Services",
           "Cedar Valley Hospital Laboratory"]
IMAGING_CO = ["Summit Imaging Associates", "Cedar Valley Hospital - Radiology", "Northgate Diagnostic Imaging"]
PAYERS = ["Acme Health Plan", "BlueRiver PPO", "Medicare Part B", "Keystone Mutual HMO", "United Valley Insurance",
          "Statewide Medicaid", "Liberty Employee Benefits"]
STREETS = ["Oak St", "Maple Ave", "Elm Dr", "Washington Blvd", "Lincoln Rd", "Park Ln", "Hillcrest Way",
           "Birch Ct", "Sunset Blvd", "Church St", "Mill Rd", "Lakeshore Dr"]
CITIES = [("Springfield", "IL", "627"), ("Fairview", "OH", "441"), ("Cedar Falls", "IA", "506"),
          ("Lakeview", "MI", "492"), ("Madison", "WI", "537"), ("Asheville", "NC", "288")]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
DX = [("Essential hypertension", "I10"), ("Type 2 diabetes mellitus without complications", "E11.9"),
      ("Hyperlipidemia, unspecified", "E78.5"), ("Gastro-esophageal reflux disease", "K21.9"),
      ("Major depressive disorder, single episode, mild", "F32.0"), ("Low back pain", "M54.50"),
      ("Chronic obstructive pulmonary disease", "J44.9"), ("Hypothyroidism, unspecified", "E03.9"),
      ("Osteoarthritis of right knee", "M17.11"), ("Acute upper respiratory infection", "J06.9"),
      ("Iron deficiency anemia", "D50.9"), ("Atrial fibrillation, unspecified", "I48.91"),
      ("Obesity, BMI 30-39", "E66.9"), ("Migraine without aura", "G43.009"), ("Asthma, mild persistent", "J45.30"),
      ("Chronic kidney disease, stage 3a", "N18.31"), ("Vitamin D deficiency", "E55.9")]
MEDS = [("Lisinopril", ["10 mg", "20 mg", "40 mg"], "tablet", "once daily"),
        ("Metformin", ["500 mg", "850 mg", "1000 mg"], "tablet", "twice daily with meals"),
        ("Atorvastatin", ["10 mg", "20 mg", "40 mg"], "tablet", "at bedtime"),
        ("Levothyroxine", ["50 mcg", "75 mcg", "100 mcg"], "tablet", "every morning"),
        ("Amlodipine", ["5 mg", "10 mg"], "tablet", "once daily"),
        ("Omeprazole", ["20 mg", "40 mg"], "capsule", "before breakfast"),
        ("Sertraline", ["50 mg", "100 mg"], "tablet", "once daily"),
        ("Albuterol HFA", ["90 mcg/act"], "inhaler", "2 puffs q4-6h PRN"),
        ("Metoprolol succinate", ["25 mg", "50 mg"], "tablet ER", "once daily"),
        ("Gabapentin", ["100 mg", "300 mg"], "capsule", "three times daily"),
        ("Apixaban", ["5 mg"], "tablet", "twice daily"), ("Furosemide", ["20 mg", "40 mg"], "tablet", "once daily"),
        ("Vitamin D3", ["1000 IU", "2000 IU"], "capsule", "once daily"),
        ("Aspirin", ["81 mg"], "tablet EC", "once daily"), ("Losartan", ["25 mg", "50 mg"], "tablet", "once daily")]
LABTESTS = {
    "CBC WITH DIFFERENTIAL": [("WBC", "10^3/uL", 4.0, 11.0, 1), ("RBC", "10^6/uL", 4.20, 5.90, 2),
                              ("Hemoglobin", "g/dL", 12.0, 17.5, 1), ("Hematocrit", "%", 36.0, 50.0, 1),
                              ("MCV", "fL", 80, 100, 0), ("Platelets", "10^3/uL", 150, 400, 0),
                              ("Neutrophils", "%", 40, 75, 0), ("Lymphocytes", "%", 20, 45, 0)],
    "BASIC METABOLIC PANEL": [("Sodium", "mmol/L", 135, 145, 0), ("Potassium", "mmol/L", 3.5, 5.1, 1),
                              ("Chloride", "mmol/L", 98, 107, 0), ("CO2", "mmol/L", 22, 29, 0),
                              ("BUN", "mg/dL", 7, 20, 0), ("Creatinine", "mg/dL", 0.60, 1.30, 2),
                              ("Glucose", "mg/dL", 70, 99, 0), ("Calcium", "mg/dL", 8.5, 10.5, 1)],
    "LIPID PANEL": [("Cholesterol, Total", "mg/dL", 100, 199, 0), ("Triglycerides", "mg/dL", 30, 149, 0),
                    ("HDL Cholesterol", "mg/dL", 40, 90, 0), ("LDL Cholesterol, calc", "mg/dL", 40, 99, 0)],
    "ENDOCRINE": [("Hemoglobin A1c", "%", 4.0, 5.6, 1), ("TSH", "uIU/mL", 0.45, 4.50, 2),
                  ("Free T4", "ng/dL", 0.80, 1.80, 2), ("Vitamin D, 25-Hydroxy", "ng/mL", 30, 100, 0)],
}
EXAMS = [("CT CHEST WITHOUT CONTRAST", "CT"), ("XR CHEST PA AND LATERAL", "XR"), ("MRI LUMBAR SPINE WITHOUT CONTRAST", "MR"),
         ("US ABDOMEN COMPLETE", "US"), ("CT ABDOMEN AND PELVIS WITH CONTRAST", "CT"), ("XR LEFT KNEE 3 VIEWS", "XR"),
         ("MAMMOGRAM SCREENING BILATERAL", "MG"), ("US THYROID", "US")]
PROCEDURES = ["colonoscopy with possible biopsy and polypectomy", "right knee arthroscopy with partial meniscectomy",
              "left heart catheterization with possible stent placement", "upper endoscopy (EGD) with biopsy",
              "excision of skin lesion, left forearm", "epidural steroid injection, lumbar",
              "laparoscopic cholecystectomy"]
SPECIALTIES = ["Cardiology", "Gastroenterology", "Orthopedics", "Endocrinology", "Neurology", "Pulmonology",
               "Nephrology", "Dermatology"]


def fmt_date(d, f):
    m, dd, y = d.month, d.day, d.year
    if f == "mdY":
        return "%02d/%02d/%04d" % (m, dd, y)
    if f == "mdy":
        return "%d/%d/%02d" % (m, dd, y % 100)
    if f == "md_Y":
        return "%d/%d/%04d" % (m, dd, y)
    if f == "dbY":
        return "%02d-%s-%04d" % (dd, MONTHS[m - 1][:3], y)
    if f == "BdY":
        return "%s %d, %04d" % (MONTHS[m - 1], dd, y)
    if f == "iso":
        return "%04d-%02d-%02d" % (y, m, dd)
    if f == "m-d-Y":
        return "%02d-%02d-%04d" % (m, dd, y)
    if f == "bdY":
        return "%s %d %04d" % (MONTHS[m - 1][:3], dd, y)
    if f == "BDY":  # stamp style
        return "%s %02d %04d" % (MONTHS[m - 1][:3].upper(), dd, y)
    raise ValueError(f)


DOB_FMTS = ["mdY", "mdY", "mdy", "dbY", "BdY", "iso", "m-d-Y", "bdY", "md_Y"]
DOC_DATE_FMTS = ["mdY", "mdY", "mdY", "md_Y", "dbY", "BdY", "iso", "m-d-Y", "bdY"]


def rdate(rng, a, b):
    return a + timedelta(days=rng.randint(0, (b - a).days))


def phone(rng):
    return "(%d) 555-01%02d" % (rng.choice([212, 217, 312, 319, 414, 440, 517, 608, 614, 828, 970]), rng.randint(0, 99))


def digits(rng, n):
    return "".join(str(rng.randint(0, 9)) for _ in range(n))


# ----------------------------------------------------------------------------- people
class Person:
    def __init__(self, first, middle, last):
        self.first, self.middle, self.last = first, middle, last


def make_providers(rng, n=28):
    firsts, lasts = PROV_FIRST[:], PROV_LAST[:]
    rng.shuffle(firsts)
    rng.shuffle(lasts)
    out = []
    for i in range(n):
        p = Person(firsts[i % len(firsts)], rng.choice("ABCDEFGHJKLMNPRSTW") if rng.random() < 0.5 else None,
                   lasts[i % len(lasts)])
        p.cred = rng.choice(CREDS)
        p.npi = "1" + digits(rng, 9)
        out.append(p)
    return out


def make_patients(rng, n, providers):
    pats = []
    used = set()
    for i in range(n):
        sex = rng.choices(["F", "M", "O", "U"], [48, 48, 2, 2])[0]
        while True:
            pool = FIRST_F if sex == "F" else FIRST_M if sex == "M" else FIRST_F + FIRST_M
            first = rng.choice(pool)
            last = rng.choice(LAST_SPECIAL) if (i % 7 == 3 or rng.random() < 0.06) else rng.choice(LAST)
            if (first, last) not in used:
                used.add((first, last))
                break
        p = Person(first, rng.choice("ABCDEFGHJKLMNPRSTVW") if rng.random() < 0.7 else None, last)
        p.key = "P%04d" % (i + 1)
        p.sex = sex
        p.dob = rdate(rng, date(1932, 1, 1), date(2016, 12, 31))
        scheme = rng.choices(["d8", "d7", "MR", "A"], [55, 20, 15, 10])[0]
        if scheme == "d8":
            p.mrn = "00" + digits(rng, 6) if rng.random() < 0.6 else str(rng.randint(1, 9)) + digits(rng, 7)
        elif scheme == "d7":
            p.mrn = digits(rng, 7)
        elif scheme == "MR":
            p.mrn = "MR" + digits(rng, 6)
        else:
            p.mrn = "A" + digits(rng, 7)
        p.scheme = scheme
        p.phone = phone(rng)
        c = rng.choice(CITIES)
        p.addr = ("%d %s" % (rng.randint(10, 9899), rng.choice(STREETS)), "%s, %s %s%02d" % (c[0], c[1], c[2], rng.randint(1, 99)))
        p.pcp = rng.choice(providers)
        p.payer = rng.choice(PAYERS)
        p.member_id = rng.choice(["XJH", "W", "MBR", "ZQ", ""]) + digits(rng, rng.choice([9, 10, 11]))
        p.group = rng.choice(["GRP ", "G", ""]) + digits(rng, 5)
        p.same_name_as = None
        pats.append(p)
    # hard linkage case: two different patients with exactly the same name
    if n >= 4:
        a, b = pats[0], pats[1]
        b.first, b.middle, b.last, b.sex = a.first, a.middle, a.last, a.sex
        b.same_name_as, a.same_name_as = a.key, b.key
        while b.dob == a.dob:
            b.dob = rdate(rng, date(1932, 1, 1), date(2016, 12, 31))
    return pats


def norm_person(first, middle, last):
    return " ".join(x for x in [first, middle, last] if x)


def name_form(p, form):
    """Printed patient name and its normalised truth for a form code."""
    m = p.middle
    if form == "LFM" and m:
        return "%s, %s %s" % (p.last.upper(), p.first.upper(), m), norm_person(p.first, m, p.last)
    if form == "FM.L" and m:
        return "%s %s. %s" % (p.first, m, p.last), norm_person(p.first, m, p.last)
    if form == "LFM_t" and m:
        return "%s, %s %s." % (p.last, p.first, m), norm_person(p.first, m, p.last)
    if form in ("LF", "LFM"):
        return "%s, %s" % (p.last.upper(), p.first.upper()), norm_person(p.first, None, p.last)
    if form in ("Lf", "LFM_t"):
        return "%s, %s" % (p.last, p.first), norm_person(p.first, None, p.last)
    if form == "FL_U":
        return "%s %s" % (p.first.upper(), p.last.upper()), norm_person(p.first, None, p.last)
    return "%s %s" % (p.first, p.last), norm_person(p.first, None, p.last)  # "FL" / FM.L without middle


NAME_FORMS = ["LFM", "LFM", "FM.L", "FM.L", "LF", "FL", "Lf", "LFM_t", "FL_U"]


def prov_form(p, rng, form=None):
    """Printed clinician name and its normalised truth ("First [M] Last")."""
    form = form or rng.choice(["Dr FL", "FL, C", "FML, C", "L, F C", "FL C", "Dr FML", "FML"])
    m = p.middle
    cred = p.cred
    if form.startswith("FML") or form == "Dr FML":
        if not m:
            form = form.replace("FML", "FL")
    if form == "Dr FL":
        return "Dr. %s %s" % (p.first, p.last), norm_person(p.first, None, p.last)
    if form == "Dr FML":
        return "Dr. %s %s. %s" % (p.first, m, p.last), norm_person(p.first, m, p.last)
    if form == "FL, C":
        return "%s %s, %s" % (p.first, p.last, cred), norm_person(p.first, None, p.last)
    if form == "FML, C":
        return "%s %s. %s, %s" % (p.first, m, p.last, cred), norm_person(p.first, m, p.last)
    if form == "FML":
        return "%s %s %s" % (p.first, m, p.last), norm_person(p.first, m, p.last)
    if form == "L, F C":
        return "%s, %s %s" % (p.last.upper(), p.first.upper(), cred.replace(".", "")), norm_person(p.first, None, p.last)
    return "%s %s %s" % (p.first, p.last, cred), norm_person(p.first, None, p.last)


# ----------------------------------------------------------------------------- page drawing
class Style:
    def __init__(self, rng, family=None):
        self.family = family or rng.choice(["sans", "sans", "serif", "serif", "mono"])
        self.fonts = rng.choice(FAMILIES[self.family])
        self.mono = rng.choice(FAMILIES["mono"])
        self.pt = rng.choice([10, 10.5, 11, 11, 11.5, 12, 12])
        self.body = pt(self.pt)
        self.small = pt(10)
        self.big = pt(rng.choice([12, 13, 14]))
        self.title = pt(rng.choice([15, 16, 18, 20]))
        self.upper = rng.random() < 0.45
        self.colon = rng.random() < 0.8
        self.underline = rng.random() < 0.3
        self.margin = rng.randint(150, 230)

    def L(self, s, colon=None):
        s = s.upper() if self.upper else s
        c = self.colon if colon is None else colon
        return s + ":" if c and not s.endswith(":") and not s.endswith("#") else s


class Page:
    def __init__(self, st):
        self.st = st
        self.im = Image.new("L", (W, H), 255)
        self.d = ImageDraw.Draw(self.im)
        self.words = []  # (x, baseline, size_px, word, width_px) for PDF text layers
        self.kind = "content"

    def f(self, size=None, bold=False, mono=False):
        fam = self.st.mono if mono else self.st.fonts
        return font(fam[1] if bold else fam[0], size or self.st.body)

    def text(self, x, y, s, size=None, bold=False, mono=False, right=False, center=False, fill=0):
        if not s:
            return 0
        fo = self.f(size, bold, mono)
        w = fo.getlength(s)
        if right:
            x -= w
        elif center:
            x -= w / 2
        self.d.text((x, y), s, font=fo, fill=fill)
        asc = fo.getmetrics()[0]
        pos = 0
        for word in s.split(" "):
            if word:
                self.words.append((x + fo.getlength(s[:pos]), y + asc, fo.size, word, fo.getlength(word)))
            pos += len(word) + 1
        return w

    def lh(self, size=None):
        return int((size or self.st.body) * 1.4)

    def line(self, x1, y1, x2, y2, w=3):
        self.d.line((x1, y1, x2, y2), fill=0, width=w)

    def rect(self, x, y, w, h, lw=3, fill=None):
        self.d.rectangle((x, y, x + w, y + h), outline=0, width=lw, fill=fill)

    def para(self, x, y, text, maxw=None, size=None, bold=False):
        maxw = maxw or (W - x - self.st.margin)
        fo = self.f(size, bold)
        words, line = text.split(), ""
        for wd in words:
            t = (line + " " + wd).strip()
            if fo.getlength(t) > maxw and line:
                self.text(x, y, line, size, bold)
                y += self.lh(size)
                line = wd
            else:
                line = t
        if line:
            self.text(x, y, line, size, bold)
            y += self.lh(size)
        return y

    def lv(self, x, y, label, value, vx=None, size=None, bold_label=None, underline=None):
        """label then value on one line (value at vx if given)."""
        if bold_label is None:
            bold_label = not self.st.upper
        w = self.text(x, y, label, size, bold=bold_label)
        vx = vx if vx is not None else x + w + self.f(size).getlength("  ")
        vw = self.text(vx, y, value, size)
        ul = self.st.underline if underline is None else underline
        if ul and value:
            s = size or self.st.body
            self.line(vx - 5, y + s * 1.2, vx + max(vw, 300) + 10, y + s * 1.2, 2)
        return vx + vw

    def boxes(self, x, y, rows, total_w=None, h=None):
        """Rows of ruled boxes with a small label above the value: rows = [[(label, value, frac), ...], ...]."""
        total_w = total_w or (W - x - self.st.margin)
        h = h or int(self.st.small * 1.3 + self.st.big * 1.5 + 20)
        for row in rows:
            cx = x
            for label, value, frac in row:
                bw = int(total_w * frac)
                self.rect(cx, y, bw, h, 3)
                self.text(cx + 12, y + 8, label.upper() if self.st.upper else label, self.st.small)
                self.text(cx + 16, y + 12 + int(self.st.small * 1.3), value or "", self.st.big)
                cx += bw
            y += h
        return y + 20

    def table(self, x, y, headers, rows, colx, size=None, rules=True, bold_header=True, mono=False):
        size = size or self.st.body
        for hdr, cx in zip(headers, colx):
            self.text(x + cx, y, hdr, size, bold=bold_header, mono=mono)
        y += self.lh(size)
        if rules:
            self.line(x, y, W - self.st.margin, y, 2)
            y += 10
        for r in rows:
            for v, cx in zip(r, colx):
                self.text(x + cx, y, v, size, mono=mono)
            y += self.lh(size)
        if rules:
            self.line(x, y + 4, W - self.st.margin, y + 4, 2)
        return y + 20

    def field_line(self, x, y, w, value, caption, size=None):
        """Value written on an underline with the caption below it (forms)."""
        size = size or self.st.big
        self.text(x + 10, y, value or "", size)
        self.line(x, y + int(size * 1.25), x + w - 30, y + int(size * 1.25), 2)
        self.text(x, y + int(size * 1.25) + 8, caption, self.st.small)


# ----------------------------------------------------------------------------- content filler
def vitals(rng):
    return ("BP %d/%d  HR %d  Temp %.1f F  RR %d  SpO2 %d%%  Wt %d lb  Ht %d in" %
            (rng.randint(104, 168), rng.randint(58, 98), rng.randint(54, 108), rng.uniform(97.0, 100.4),
             rng.randint(12, 20), rng.randint(91, 100), rng.randint(98, 260), rng.randint(58, 76)))


def sentences(rng, kind, n):
    pool = {
        "hpi": ["Patient reports %d days of intermittent symptoms, worse in the evening.",
                "Denies fever, chills, chest pain or shortness of breath.",
                "Has been taking medications as prescribed with no missed doses in the last %d weeks.",
                "Home blood pressure readings have ranged from %d to 150 systolic.",
                "Sleep is fair; reports about %d hours per night.",
                "No recent hospitalizations. Last labs were reviewed with the patient today.",
                "Appetite stable, weight down %d lb since the last visit.",
                "Pain is rated %d/10 and is relieved by rest and ice."],
        "plan": ["Continue current medications; refills sent to pharmacy.",
                 "Recheck basic metabolic panel and A1c in %d months.",
                 "Counseled on diet, exercise and smoking cessation for %d minutes.",
                 "Return to clinic sooner if symptoms worsen.",
                 "Increase dose as tolerated; call the office with any side effects.",
                 "Referral placed; patient given written instructions.",
                 "Physical therapy twice weekly for %d weeks."],
        "hosp": ["The patient was admitted for further evaluation and management.",
                 "Hospital course was uncomplicated and vital signs remained stable.",
                 "IV fluids were given and electrolytes were repleted as needed.",
                 "Pain was controlled with oral analgesics by hospital day %d.",
                 "Physical therapy evaluated the patient and cleared for discharge home.",
                 "Blood cultures remained negative at %d hours.",
                 "Diet was advanced without difficulty."],
        "rad": ["No focal consolidation, pleural effusion or pneumothorax.",
                "The cardiomediastinal silhouette is within normal limits.",
                "Mild degenerative changes are noted without acute fracture.",
                "A %d mm nodule is unchanged in size and likely benign.",
                "No hydronephrosis. The liver and spleen are normal in size.",
                "Soft tissues are unremarkable.", "Mild disc bulge at L%d-L%d without canal stenosis."],
        "letter": ["Thank you for allowing us to participate in the care of this patient.",
                   "I saw the patient in consultation today for evaluation of the problem noted above.",
                   "Please see my recommendations below; I would be happy to see the patient again.",
                   "We discussed the risks and benefits of further testing in detail.",
                   "Recent laboratory results and imaging were reviewed.",
                   "I have asked the patient to follow up in %d weeks or sooner as needed."],
    }[kind]
    out = []
    for _ in range(n):
        s = rng.choice(pool)
        while "%d" in s:
            s = s.replace("%d", str(rng.randint(2, 9)), 1)
        out.append(s)
    return " ".join(out)


def lab_rows(rng, panel):
    rows = []
    for name, unit, lo, hi, dec in LABTESTS[panel]:
        v = rng.uniform(lo - 0.2 * (hi - lo), hi + 0.3 * (hi - lo))
        v = max(v, 0.1)
        flag = "H" if v > hi else "L" if v < lo else ""
        fmt = "%%.%df" % dec
        rows.append([name, fmt % v, flag, unit, (fmt % lo) + " - " + (fmt % hi)])
    return rows


def med_rows(rng, n, prescribers=None):
    rows = []
    for m in rng.sample(MEDS, n):
        rows.append([m[0], rng.choice(m[1]), m[2], m[3]])
    return rows


# ----------------------------------------------------------------------------- document context
class Ctx:
    def __init__(self, rng, pat, providers, profile):
        self.rng = rng
        self.p = pat
        self.st = Style(rng)
        self.fields = {k: None for k in FIELDS}
        self.notes = []
        self.omit_mrn = rng.random() < 0.15
        self.date_f = rng.choice(DOC_DATE_FMTS)
        self.enc = rdate(rng, date(2014, 1, 1), date(2024, 6, 30))
        if self.enc < pat.dob:
            self.enc = pat.dob + timedelta(days=rng.randint(30, 400))
        self.fac = rng.choice(FACILITIES)
        pool = providers[:]
        rng.shuffle(pool)
        self.prov = pool[0]
        self.others = [x for x in pool[1:] if x is not pat.pcp]
        self.lab = {
            "name": rng.choice(["Patient Name", "Name", "Patient", "Pt Name", "Patient"]),
            "dob": rng.choice(["DOB", "Date of Birth", "Birth Date", "D.O.B.", "Birthdate"]),
            "mrn": rng.choice(["MRN", "MRN", "MR#", "MR No.", "Medical Record #", "Medical Record Number",
                               "Chart No.", "Chart #", "Patient ID"]),
            "sex": rng.choice(["Sex", "Sex", "Gender"]),
        }
        self.name_s = None

    def note(self, s):
        if s not in self.notes:
            self.notes.append(s)

    def L(self, s, colon=None):
        return self.st.L(s, colon)

    def name(self, forms=None):
        s, n = name_form(self.p, self.rng.choice(forms or NAME_FORMS))
        self.fields["patient_name"] = n
        self.name_s = s
        return s

    def short_name(self):
        return "%s, %s" % (self.p.last, self.p.first)

    def dob(self):
        self.fields["date_of_birth"] = self.p.dob.isoformat()
        f = self.rng.choice(DOB_FMTS)
        if f == "mdy" and not (1935 <= self.p.dob.year <= 1999):
            f = "mdY"
        return fmt_date(self.p.dob, f)

    def mrn(self):
        if self.omit_mrn:
            self.note("no_mrn")
            return None
        m = self.p.mrn
        self.fields["mrn"] = m
        r = self.rng.random()
        if m.isdigit() and len(m) == 8 and r < 0.3:
            return m[:4] + "-" + m[4:]
        if m.isdigit() and len(m) == 8 and r < 0.45:
            return m[:4] + " " + m[4:]
        if m.isdigit() and len(m) == 7 and r < 0.3:
            return m[:3] + "-" + m[3:]
        return m

    def sex(self, label=None):
        s = self.p.sex
        self.fields["sex"] = s
        long = {"F": "Female", "M": "Male", "O": "Other", "U": "Unknown"}[s]
        if (label or self.lab["sex"]) == "Gender":
            v = long if self.rng.random() < 0.7 else s
        else:
            v = s if self.rng.random() < 0.7 else long
        return v.upper() if self.st.upper and self.rng.random() < 0.5 else v

    def d(self, dt, f=None):
        return fmt_date(dt, f or self.date_f)

    def enc_s(self):
        self.fields["encounter_date"] = self.enc.isoformat()
        return self.d(self.enc)

    def provider(self, form=None):
        s, n = prov_form(self.prov, self.rng, form)
        self.fields["provider"] = n
        return s

    def other(self, role, form=None):
        p = self.others.pop(0) if self.others else self.prov
        self.note("distractor:" + role)
        return prov_form(p, self.rng, form)[0]

    def pcp(self):
        self.note("distractor:pcp")
        return prov_form(self.p.pcp, self.rng)[0]

    def ec(self):
        self.note("distractor:emergency_contact")
        r = self.rng
        same = r.random() < 0.6
        rel = r.choice(["Spouse", "Daughter", "Son", "Mother", "Father", "Sister", "Brother", "Friend"])
        first = r.choice(FIRST_F if rel in ("Daughter", "Mother", "Sister") else FIRST_M if rel in ("Son", "Father", "Brother")
                         else FIRST_F + FIRST_M)
        last = self.p.last if same else r.choice(LAST)
        return "%s %s" % (first, last), rel, phone(r)

    def guarantor(self):
        self.note("distractor:guarantor")
        r = self.rng
        first = r.choice(FIRST_F + FIRST_M)
        last = self.p.last if r.random() < 0.7 else r.choice(LAST)
        gdob = rdate(r, date(1940, 1, 1), date(1995, 12, 31))
        return "%s %s" % (first, last), fmt_date(gdob, r.choice(DOB_FMTS[:2] + ["dbY"])), r.choice(["Spouse", "Parent", "Self", "Other"])

    def ins(self):
        self.note("distractor:insurance_ids")
        return self.p.payer, self.p.member_id, self.p.group

    def acct(self):
        self.note("distractor:account_no")
        return self.rng.choice(["", "A", "ACC"]) + digits(self.rng, self.rng.choice([8, 9, 10]))

    def encno(self):
        self.note("distractor:encounter_no")
        return digits(self.rng, 9)

    def accession(self):
        self.note("distractor:accession")
        return self.rng.choice(["L", "AC", "RAD", "24-"]) + digits(self.rng, 8)

    def ph(self):
        self.note("distractor:phone_fax")
        return phone(self.rng)

    def later(self, a, b):
        return self.enc + timedelta(days=self.rng.randint(a, b))

    def letterhead(self, pg, y, name=None, center=None):
        st = self.st
        name = name or self.fac[0]
        center = self.rng.random() < 0.5 if center is None else center
        x = W // 2 if center else st.margin
        pg.text(x, y, name, st.title, bold=True, center=center)
        y += int(st.title * 1.35)
        pg.text(x, y, "%s, %s" % (self.fac[1], self.fac[2]), st.body, center=center)
        y += pg.lh()
        pg.text(x, y, "Phone %s   Fax %s" % (self.ph(), phone(self.rng)), st.body, center=center)
        y += pg.lh() + 20
        pg.line(st.margin, y, W - st.margin, y, 4)
        return y + 40

    def pid_items(self, with_sex=True):
        items = [(self.lab["name"], self.name()), (self.lab["dob"], self.dob())]
        m = self.mrn()
        if m:
            items.append((self.lab["mrn"], m))
        if with_sex:
            items.append((self.lab["sex"], self.sex()))
        return items


# ----------------------------------------------------------------------------- layouts
def grid_lv(ctx, pg, y, items, cols=2, colw=None):
    st = ctx.st
    colw = colw or (W - 2 * st.margin) // cols
    lw = max(pg.f(None, not st.upper).getlength(ctx.L(l)) for l, _ in items) + 40
    aligned = ctx.rng.random() < 0.6
    for i, (l, v) in enumerate(items):
        cx = st.margin + (i % cols) * colw
        cy = y + (i // cols) * pg.lh() * 1.25
        pg.lv(cx, cy, ctx.L(l), v, vx=cx + lw if aligned and cols <= 2 else None)
    return int(y + ((len(items) + cols - 1) // cols) * pg.lh() * 1.25 + 30)


def section(ctx, pg, y, title):
    st = ctx.st
    t = title.upper() if (st.upper or ctx.rng.random() < 0.5) else title
    pg.text(st.margin, y, t, st.big, bold=True)
    y += int(st.big * 1.4)
    if ctx.rng.random() < 0.5:
        pg.line(st.margin, y - 6, W - st.margin, y - 6, 2)
        y += 8
    return y


def body_block(ctx, pg, y, kind, n_par=2, title=None):
    if title:
        y = section(ctx, pg, y, title)
    for _ in range(n_par):
        y = pg.para(ctx.st.margin, y, sentences(ctx.rng, kind, ctx.rng.randint(2, 4))) + 15
    return y + 10


def sig_block(ctx, pg, y, who, label="Electronically signed by", date_=None):
    st = ctx.st
    if date_ is None:
        date_ = ctx.later(0, 3)
    ctx.note("distractor:signature_date")
    pg.text(st.margin, y, "%s %s on %s at %02d:%02d" % (label, who, ctx.d(date_), ctx.rng.randint(7, 20), ctx.rng.randint(0, 59)))
    return y + pg.lh() + 20


def next_appt(ctx, pg, y):
    ctx.note("distractor:next_appt")
    d = ctx.later(14, 150)
    pg.text(ctx.st.margin, y, ctx.L(ctx.rng.choice(["Next Appointment", "Follow-up Appointment", "Return Visit"])) + " " +
            ctx.d(d) + " at %d:%02d %s" % (ctx.rng.randint(1, 11), ctx.rng.choice([0, 15, 30, 45]), ctx.rng.choice(["AM", "PM"])))
    return y + pg.lh() + 10


def printed_footer(ctx, pg):
    ctx.note("distractor:printed_timestamp")
    d = ctx.later(1, 400)
    pg.text(ctx.st.margin, H - 190, "Printed %s %02d:%02d by user %s" % (ctx.d(d), ctx.rng.randint(0, 23), ctx.rng.randint(0, 59),
                                                                      ctx.rng.choice(["jdoe2", "mkt14", "rn_ward3", "hsc_clerk"])), ctx.st.small)


# --- intake forms
def intake_a(ctx):  # registration form, label: value grid
    pg = Page(ctx.st)
    r = ctx.rng
    y = ctx.letterhead(pg, 120)
    pg.text(W // 2, y, "PATIENT REGISTRATION FORM", ctx.st.title, bold=True, center=True)
    y += int(ctx.st.title * 1.6)
    y = section(ctx, pg, y, "Patient Information")
    items = ctx.pid_items()
    items += [("Address", ctx.p.addr[0]), ("City/State/Zip", ctx.p.addr[1]), ("Home Phone", ctx.p.phone),
              ("Marital Status", r.choice(["Single", "Married", "Widowed", "Divorced"])),
              ("Visit Date", ctx.enc_s())]
    if r.random() < 0.5:
        items.append(("Provider", ctx.provider()))
    items.append(("Primary Care Physician", ctx.pcp()))
    y = grid_lv(ctx, pg, y, items)
    y = section(ctx, pg, y, "Emergency Contact")
    n, rel, ph = ctx.ec()
    y = grid_lv(ctx, pg, y, [("Name", n), ("Relationship", rel), ("Phone", ph)])
    y = section(ctx, pg, y, "Insurance / Guarantor")
    payer, mid, grp = ctx.ins()
    g, gd, grel = ctx.guarantor()
    y = grid_lv(ctx, pg, y, [("Insurance", payer), ("Member ID", mid), ("Group #", grp), ("Subscriber", g),
                             ("Subscriber DOB", gd), ("Relationship to Patient", grel), ("Account #", ctx.acct())])
    y = section(ctx, pg, y, "Signature")
    y = pg.para(ctx.st.margin, y, "I certify that the information above is true and correct to the best of my knowledge "
                "and I authorize release of information necessary to process insurance claims.") + 30
    pg.line(ctx.st.margin, y + 60, ctx.st.margin + 900, y + 60)
    pg.text(ctx.st.margin, y + 70, "Patient/Guardian Signature", ctx.st.small)
    pg.text(ctx.st.margin + 1200, y + 60 - int(ctx.st.big * 1.2), ctx.d(ctx.enc), ctx.st.big)
    pg.line(ctx.st.margin + 1150, y + 60, ctx.st.margin + 1700, y + 60)
    pg.text(ctx.st.margin + 1150, y + 70, "Date", ctx.st.small)
    return [pg]


def intake_b(ctx):  # hospital face sheet with many boxes
    pg = Page(ctx.st)
    r = ctx.rng
    st = ctx.st
    pg.text(st.margin, 130, ctx.fac[0].upper(), st.title, bold=True)
    pg.text(W - st.margin, 130, "FACE SHEET", st.title, bold=True, right=True)
    y = 130 + int(st.title * 1.6)
    g, gd, grel = ctx.guarantor()
    payer, mid, grp = ctx.ins()
    n, rel, ph = ctx.ec()
    m = ctx.mrn()
    rows = [[(ctx.lab["name"], ctx.name(), 0.5), (ctx.lab["mrn"], m, 0.25) if m else ("Room", "%d-%s" % (r.randint(200, 899), r.choice("AB")), 0.25),
             ("Account No", ctx.acct(), 0.25)],
            [(ctx.lab["dob"], ctx.dob(), 0.25), (ctx.lab["sex"], ctx.sex(), 0.15), ("Age", str((ctx.enc - ctx.p.dob).days // 365), 0.1),
             ("Marital", r.choice(["S", "M", "W", "D"]), 0.15), ("Phone", ctx.p.phone, 0.35)],
            [("Address", ctx.p.addr[0] + ", " + ctx.p.addr[1], 1.0)],
            [("Admit Date", ctx.enc_s(), 0.25), ("Admit Time", "%02d:%02d" % (r.randint(0, 23), r.randint(0, 59)), 0.15),
             ("Discharge Date", "", 0.25), ("Encounter #", ctx.encno(), 0.35)],
            [("Attending Physician", ctx.provider(), 0.5), ("Referring Physician", ctx.other("referring"), 0.5)],
            [("Primary Care Physician", ctx.pcp(), 0.5), ("Admitting Dx", r.choice(DX)[0], 0.5)],
            [("Emergency Contact", n, 0.4), ("Relationship", rel, 0.25), ("Phone", ph, 0.35)],
            [("Guarantor", g, 0.4), ("Guarantor DOB", gd, 0.25), ("Relation", grel, 0.35)],
            [("Primary Insurance", payer, 0.4), ("Policy / Member ID", mid, 0.35), ("Group", grp, 0.25)],
            [("Secondary Insurance", r.choice(["None", PAYERS[0], PAYERS[2]]), 0.4), ("Subscriber", g, 0.35), ("Group", r.choice(["", "G" + digits(r, 5)]), 0.25)]]
    y = pg.boxes(st.margin, y, rows)
    pg.text(st.margin, y + 20, "Advance Directive: %s     Language: English     Religion: %s" % (r.choice(["Yes", "No"]), r.choice(["None", "Declined", "Other"])))
    printed_footer(ctx, pg)
    return [pg]


def intake_c(ctx):  # demographic form: values on lines with captions below
    pg = Page(ctx.st)
    st = ctx.st
    r = ctx.rng
    y = ctx.letterhead(pg, 120)
    pg.text(st.margin, y, "New Patient Information", st.title, bold=True)
    y += int(st.title * 2)
    fw = W - 2 * st.margin
    lines = []
    m = ctx.mrn()
    nm = ctx.name(["FM.L", "FL", "LFM_t", "Lf"])
    lines.append([(nm, "Patient name (First, Middle, Last)" if "," not in nm else "Patient name (Last, First)", 0.65), (ctx.dob(), "Date of birth", 0.35)])
    lines.append([(ctx.sex(), "Sex", 0.2), (ctx.p.phone, "Home phone", 0.4), (m or "", "Chart number (office use)", 0.4)])
    lines.append([(ctx.p.addr[0], "Street address", 0.55), (ctx.p.addr[1], "City, State, ZIP", 0.45)])
    n, rel, ph = ctx.ec()
    lines.append([(n, "Emergency contact", 0.45), (rel, "Relationship", 0.25), (ph, "Phone", 0.3)])
    g, gd, grel = ctx.guarantor()
    lines.append([(g, "Responsible party / guarantor", 0.45), (gd, "Guarantor date of birth", 0.3), (grel, "Relationship", 0.25)])
    payer, mid, grp = ctx.ins()
    lines.append([(payer, "Insurance company", 0.4), (mid, "Member ID", 0.35), (grp, "Group number", 0.25)])
    lines.append([(ctx.pcp(), "Primary care doctor", 0.5), (ctx.enc_s(), "Date of visit", 0.5)])
    for row in lines:
        x = st.margin
        for v, cap, frac in row:
            pg.field_line(x, y, int(fw * frac), v, cap)
            x += int(fw * frac)
        y += int(st.big * 1.3 + st.small * 1.4 + 70)
    y = section(ctx, pg, y + 20, "Medical History (check all that apply)")
    conds = ["Diabetes", "High blood pressure", "Asthma", "Heart disease", "Cancer", "Depression", "Thyroid disease", "Arthritis"]
    for i, c in enumerate(conds):
        x = st.margin + (i % 4) * (fw // 4)
        yy = y + (i // 4) * pg.lh() * 1.4
        pg.rect(x, yy + 8, 36, 36, 3)
        if r.random() < 0.35:
            pg.line(x + 4, yy + 12, x + 32, yy + 40, 4)
            pg.line(x + 32, yy + 12, x + 4, yy + 40, 4)
        pg.text(x + 55, yy, c)
    return [pg]


# --- progress notes
def progress_a(ctx):  # one-line header bar + SOAP
    pg = Page(ctx.st)
    st = ctx.st
    r = ctx.rng
    y = ctx.letterhead(pg, 110)
    items = ctx.pid_items()
    x = st.margin
    for i, (l, v) in enumerate(items):
        lab = "" if i == 0 and r.random() < 0.5 else ctx.L(l) + " "
        w = pg.text(x, y, lab + v, bold=(i == 0))
        x += w + 70
        if x > W - 700 and i < len(items) - 1:
            x = st.margin
            y += pg.lh()
    y += pg.lh() + 10
    pg.lv(st.margin, y, ctx.L(r.choice(["Date of Service", "Visit Date", "DOS", "Encounter Date"])), ctx.enc_s())
    pg.lv(st.margin + 1100, y, ctx.L(r.choice(["Provider", "Seen by", "Attending"])), ctx.provider())
    y += pg.lh() * 2
    y = section(ctx, pg, y, "Chief Complaint")
    y = pg.para(st.margin, y, r.choice(["Follow-up of chronic conditions.", "Cough and congestion.", "Knee pain.",
                                        "Medication refill.", "Annual physical examination."])) + 20
    y = body_block(ctx, pg, y, "hpi", 2, "History of Present Illness")
    y = section(ctx, pg, y, "Vitals")
    y = pg.para(st.margin, y, vitals(r)) + 20
    y = section(ctx, pg, y, "Assessment and Plan")
    for i, (dx, code) in enumerate(r.sample(DX, 3)):
        y = pg.para(st.margin, y, "%d. %s (%s). %s" % (i + 1, dx, code, sentences(r, "plan", 1)))
    y += 30
    y = next_appt(ctx, pg, y)
    pg.text(st.margin, y, "cc: " + ctx.other("cc"))
    y += pg.lh() + 30
    sig_block(ctx, pg, y, prov_form(ctx.prov, r, "FL, C")[0])
    return [pg]


def progress_b(ctx):  # two-column header
    pg = Page(ctx.st)
    st = ctx.st
    r = ctx.rng
    pg.text(st.margin, 140, ctx.fac[0], st.title, bold=True)
    pg.text(W - st.margin, 140, r.choice(["OFFICE VISIT", "PROGRESS NOTE", "Clinic Visit Note"]), st.title, bold=True, right=True)
    y = 140 + int(st.title * 1.8)
    pg.line(st.margin, y, W - st.margin, y, 3)
    y += 30
    left = ctx.pid_items()
    right = [(r.choice(["Visit Date", "Date of Visit", "Service Date"]), ctx.enc_s()),
             (r.choice(["Provider", "Rendering Provider", "Attending"]), ctx.provider()),
             ("Referring Physician", ctx.other("referring")), ("Location", r.choice(["Clinic B", "Suite 4", "Main Campus"])),
             ("Encounter #", ctx.encno())]
    ly = y
    for l, v in left:
        pg.lv(st.margin, ly, ctx.L(l), v, vx=st.margin + 420)
        ly += pg.lh() * 1.2
    ry = y
    for l, v in right:
        pg.lv(1330, ry, ctx.L(l), v, vx=1330 + 480)
        ry += pg.lh() * 1.2
    y = int(max(ly, ry)) + 20
    pg.line(st.margin, y, W - st.margin, y, 3)
    y += 40
    y = body_block(ctx, pg, y, "hpi", 2, "Subjective")
    y = section(ctx, pg, y, "Objective")
    y = pg.table(st.margin, y, ["BP", "Pulse", "Temp", "Resp", "SpO2", "Weight"],
                 [["%d/%d" % (r.randint(100, 170), r.randint(60, 99)), str(r.randint(55, 105)), "%.1f" % r.uniform(97, 100.2),
                   str(r.randint(12, 20)), "%d%%" % r.randint(92, 100), "%d lb" % r.randint(100, 250)]],
                 [0, 330, 620, 900, 1150, 1450])
    y = section(ctx, pg, y, "Assessment")
    for dx, code in r.sample(DX, 2):
        pg.text(st.margin + 40, y, "- %s  %s" % (code, dx))
        y += pg.lh()
    y = body_block(ctx, pg, y + 20, "plan", 1, "Plan")
    y = next_appt(ctx, pg, y)
    sig_block(ctx, pg, y + 30, prov_form(ctx.prov, r, "FL C")[0], "Signed:")
    return [pg]


def progress_c(ctx):  # boxed header, labels above values, dictated-by distractor
    pg = Page(ctx.st)
    st = ctx.st
    r = ctx.rng
    pg.text(W // 2, 130, ctx.fac[0].upper(), st.title, bold=True, center=True)
    pg.text(W // 2, 130 + int(st.title * 1.4), "CLINIC NOTE", st.big, bold=True, center=True)
    y = 130 + int(st.title * 1.4 + st.big * 2)
    m = ctx.mrn()
    rows = [[(ctx.lab["name"], ctx.name(), 0.45), (ctx.lab["dob"], ctx.dob(), 0.3), (ctx.lab["sex"], ctx.sex(), 0.25)],
            [(ctx.lab["mrn"] if m else "Acct #", m or ctx.acct(), 0.3), ("Date of Service", ctx.enc_s(), 0.3),
             ("Provider", ctx.provider(), 0.4)],
            [("PCP", ctx.pcp(), 0.5), ("Encounter No.", ctx.encno(), 0.5)]]
    y = pg.boxes(st.margin, y, rows)
    y = body_block(ctx, pg, y + 20, "hpi", 3, "History")
    y = section(ctx, pg, y, "Exam")
    y = pg.para(st.margin, y, vitals(r) + ". General: alert, no distress. Lungs clear. Heart regular rate and rhythm.") + 20
    y = section(ctx, pg, y, "Impression / Plan")
    for dx, code in r.sample(DX, 2):
        y = pg.para(st.margin, y, "%s - %s. %s" % (dx, code, sentences(r, "plan", 2)))
    y += 30
    d = ctx.later(0, 5)
    ctx.note("distractor:dictated_by")
    pg.text(st.margin, y, "Dictated by: %s   D: %s   T: %s" % (ctx.other("dictated_by", "FL, C"), ctx.d(d), ctx.d(d + timedelta(days=1))))
    y += pg.lh() + 10
    next_appt(ctx, pg, y)
    printed_footer(ctx, pg)
    return [pg]


# --- lab reports
def lab_a(ctx):
    pg = Page(ctx.st)
    st = ctx.st
    r = ctx.rng
    labname = r.choice(LABS_CO)
    y = ctx.letterhead(pg, 110, labname)
    coll = ctx.later(0, 2)
    recv = coll + timedelta(days=r.randint(0, 1))
    rep = recv + timedelta(days=r.randint(1, 3))
    ctx.note("distractor:lab_dates")
    left = ctx.pid_items()
    right = [("Accession #", ctx.accession()), (r.choice(["Ordering Provider", "Ordering Physician"]), ctx.provider()),
             (r.choice(["Date of Service", "Service Date"]), ctx.enc_s()), ("Collected", ctx.d(coll) + " %02d:%02d" % (r.randint(6, 17), r.randint(0, 59))),
             ("Received", ctx.d(recv)), ("Reported", ctx.d(rep))]
    ly = ry = y
    for l, v in left:
        pg.lv(st.margin, ly, ctx.L(l), v, vx=st.margin + 400)
        ly += pg.lh() * 1.15
    for l, v in right:
        pg.lv(1280, ry, ctx.L(l), v, vx=1280 + 470)
        ry += pg.lh() * 1.15
    y = int(max(ly, ry)) + 30
    panels = r.sample(list(LABTESTS), 2)
    for pn in panels:
        y = section(ctx, pg, y, pn)
        y = pg.table(st.margin, y, ["Test", "Result", "Flag", "Units", "Reference Range"], lab_rows(r, pn), [0, 750, 1050, 1250, 1650])
    pg.text(st.margin, y + 20, "Copy to: " + ctx.pcp())
    pg.text(st.margin, y + 20 + pg.lh(), "Laboratory Director: " + ctx.other("lab_director", "FL, C") + "   CLIA 14D" + digits(r, 7))
    return [pg]


def lab_b(ctx):  # mono printout
    ctx.st.family = "mono"
    pg = Page(ctx.st)
    st = ctx.st
    r = ctx.rng
    labname = r.choice(LABS_CO).upper()
    pg.text(st.margin, 120, labname, st.big, bold=True, mono=True)
    pg.text(st.margin, 120 + pg.lh(), "FINAL REPORT", st.big, mono=True)
    y = 140 + pg.lh() * 3
    m = ctx.mrn()
    coll = ctx.later(0, 2)
    rep = coll + timedelta(days=r.randint(1, 3))
    ctx.note("distractor:lab_dates")
    lines = ["PATIENT: %-32s %s %s" % (ctx.name(["LFM", "LF"]), ctx.lab["dob"].upper() + ":", ctx.dob()),
             "%s %-10s  %s %s   %s" % ("SEX:", ctx.sex(), (ctx.lab["mrn"].upper() + ":") if m else "", m or "", "ACCT: " + ctx.acct()),
             "DATE OF SERVICE: %s   COLLECTED: %s   REPORTED: %s" % (ctx.enc_s(), ctx.d(coll), ctx.d(rep)),
             "ORDERING: %s   NPI %s" % (ctx.provider("L, F C"), ctx.prov.npi),
             "ACCESSION: %s   PHONE %s" % (ctx.accession(), ctx.ph())]
    ctx.note("distractor:npi")
    for ln in lines:
        pg.text(st.margin, y, ln, mono=True)
        y += pg.lh()
    y += 20
    pg.text(st.margin, y, "-" * 78, mono=True)
    y += pg.lh()
    for pn in r.sample(list(LABTESTS), 2):
        pg.text(st.margin, y, pn, bold=True, mono=True)
        y += pg.lh()
        for row in lab_rows(r, pn):
            pg.text(st.margin, y, "  %-24s %8s %-2s %-9s %s" % tuple(row), mono=True)
            y += pg.lh()
        y += 20
    pg.text(st.margin, y, "-" * 78, mono=True)
    y += pg.lh()
    pg.text(st.margin, y, "CC: " + ctx.other("cc", "L, F C"), mono=True)
    return [pg]


def lab_c(ctx):  # boxed header
    pg = Page(ctx.st)
    st = ctx.st
    r = ctx.rng
    labname = r.choice(LABS_CO)
    pg.text(st.margin, 120, labname, st.title, bold=True)
    pg.text(W - st.margin, 120, "LABORATORY RESULTS", st.big, bold=True, right=True)
    y = 150 + st.title
    coll = ctx.later(0, 2)
    recv = coll + timedelta(days=r.randint(0, 1))
    ctx.note("distractor:lab_dates")
    m = ctx.mrn()
    rows = [[("Patient", ctx.name(), 0.4), (ctx.lab["dob"], ctx.dob(), 0.2), (ctx.lab["sex"], ctx.sex(), 0.15), (ctx.lab["mrn"] if m else "Phone", m or ctx.p.phone, 0.25)],
            [("Service Date", ctx.enc_s(), 0.25), ("Collection Date", ctx.d(coll), 0.25), ("Received Date", ctx.d(recv), 0.25), ("Specimen ID", ctx.accession(), 0.25)],
            [("Ordering Provider", ctx.provider(), 0.5), ("Referring Physician", ctx.other("referring"), 0.5)]]
    y = pg.boxes(st.margin, y, rows)
    for pn in r.sample(list(LABTESTS), r.choice([1, 2])):
        y = section(ctx, pg, y + 10, pn.title())
        y = pg.table(st.margin, y, ["Component", "Value", "Ref Range", "Units", "Flag"],
                     [[a, b, e, d, c] for a, b, c, d, e in lab_rows(r, pn)], [0, 750, 1050, 1500, 1850])
    pg.text(st.margin, y + 20, "Results reported %s by %s laboratory.  Medical Director: %s" % (ctx.d(recv + timedelta(days=1)), labname.split()[0], ctx.other("lab_director", "Dr FL")))
    return [pg]


# --- discharge summaries
def dc_a(ctx):
    pg = Page(ctx.st)
    st = ctx.st
    r = ctx.rng
    y = ctx.letterhead(pg, 110, r.choice(["Cedar Valley Hospital", "Northgate Medical Center", "St. Brendan Regional Hospital"]))
    pg.text(W // 2, y, "DISCHARGE SUMMARY", st.title, bold=True, center=True)
    y += int(st.title * 1.8)
    dis = ctx.later(2, 9)
    items = ctx.pid_items() + [(r.choice(["Admission Date", "Date of Admission", "Admit Date"]), ctx.enc_s()),
                               (r.choice(["Discharge Date", "Date of Discharge"]), ctx.d(dis)),
                               (r.choice(["Attending Physician", "Attending"]), ctx.provider()),
                               ("Primary Care Physician", ctx.pcp()), ("Consultants", ctx.other("consultant"))]
    ctx.note("distractor:discharge_date")
    y = grid_lv(ctx, pg, y, items)
    y = section(ctx, pg, y, "Admission Diagnosis")
    y = pg.para(st.margin, y, "%s (%s)" % r.choice(DX)) + 20
    y = body_block(ctx, pg, y, "hosp", 2, "Hospital Course")
    y = section(ctx, pg, y, "Discharge Medications")
    for row in med_rows(r, 4):
        pg.text(st.margin + 40, y, "%s %s %s, %s" % tuple(row))
        y += pg.lh()
    y = next_appt(ctx, pg, y + 20)
    d = dis + timedelta(days=r.randint(0, 2))
    pg.text(st.margin, y + 20, "Dictated by: %s  %s" % (ctx.other("dictated_by"), ctx.d(d)))
    return [pg]


def dc_b(ctx):  # two-column header, multi-page body
    pg = Page(ctx.st)
    st = ctx.st
    r = ctx.rng
    pg.text(st.margin, 120, r.choice(["Cedar Valley Hospital", "Northgate Medical Center"]), st.title, bold=True)
    pg.text(st.margin, 120 + int(st.title * 1.4), "Inpatient Discharge Summary", st.big)
    y = 160 + int(st.title * 1.4) + st.big * 2
    pg.line(st.margin, y, W - st.margin, y, 3)
    y += 30
    dis = ctx.later(1, 12)
    ctx.note("distractor:discharge_date")
    left = ctx.pid_items()
    right = [("Admitted", ctx.enc_s()), ("Discharged", ctx.d(dis)), ("Attending", ctx.provider()),
             ("Referring", ctx.other("referring")), ("Acct", ctx.acct())]
    ly = ry = y
    for l, v in left:
        pg.lv(st.margin, ly, ctx.L(l), v)
        ly += pg.lh() * 1.2
    for l, v in right:
        pg.lv(1350, ry, ctx.L(l), v)
        ry += pg.lh() * 1.2
    y = int(max(ly, ry)) + 40
    y = section(ctx, pg, y, "Principal Diagnosis")
    y = pg.para(st.margin, y, "%s (%s)" % r.choice(DX)) + 10
    y = body_block(ctx, pg, y, "hosp", 3, "Brief Hospital Course")
    y = section(ctx, pg, y, "Pertinent Results")
    y = pg.table(st.margin, y, ["Test", "Result", "Flag", "Units", "Range"], lab_rows(r, "BASIC METABOLIC PANEL")[:5], [0, 700, 1000, 1200, 1600])
    y = body_block(ctx, pg, y, "plan", 1, "Disposition")
    y = next_appt(ctx, pg, y)
    pg.text(st.margin, y + 10, "cc: " + ctx.pcp())
    return [pg]


def dc_c(ctx):  # compact one-line header with abbreviations
    pg = Page(ctx.st)
    st = ctx.st
    r = ctx.rng
    pg.text(st.margin, 120, "DISCHARGE SUMMARY", st.title, bold=True)
    pg.text(W - st.margin, 120, r.choice(["Cedar Valley Hospital", "St. Brendan Regional Hospital"]), st.body, right=True)
    y = 140 + st.title
    pg.rect(st.margin - 20, y, W - 2 * st.margin + 40, pg.lh() * 3 + 40, 3)
    y += 20
    m = ctx.mrn()
    dis = ctx.later(1, 6)
    ctx.note("distractor:discharge_date")
    pg.text(st.margin, y, "%s   %s %s   %s %s" % (ctx.name(["LFM", "LF", "Lf"]), ctx.L("DOB"), ctx.dob(), ctx.L("Sex"), ctx.sex("Sex")), bold=True)
    y += pg.lh()
    pg.text(st.margin, y, ("%s %s   " % (ctx.L(ctx.lab["mrn"]), m) if m else "") + "%s %s   %s %s" % (ctx.L("Adm"), ctx.enc_s(), ctx.L("Disch"), ctx.d(dis)))
    y += pg.lh()
    pg.text(st.margin, y, "%s %s   %s %s" % (ctx.L("Attending"), ctx.provider(), ctx.L("PCP"), ctx.pcp()))
    y += pg.lh() + 60
    y = body_block(ctx, pg, y, "hosp", 2, "Hospital Course")
    y = section(ctx, pg, y, "Medications at Discharge")
    y = pg.table(st.margin, y, ["Medication", "Dose", "Form", "Directions"], med_rows(r, 5), [0, 650, 950, 1350])
    y = section(ctx, pg, y, "Follow-up")
    y = next_appt(ctx, pg, y)
    pg.text(st.margin, y, "Consultants: %s (%s)" % (ctx.other("consultant"), r.choice(SPECIALTIES)))
    return [pg]


# --- referral letters
def ref_a(ctx):  # letter with inline RE: line
    pg = Page(ctx.st)
    st = ctx.st
    r = ctx.rng
    y = ctx.letterhead(pg, 110)
    y += 20
    pg.text(st.margin, y, ctx.enc_s())
    y += pg.lh() * 2
    addressee = ctx.other("addressee", "Dr FL")
    spec = r.choice(SPECIALTIES)
    for ln in [addressee, spec, r.choice(FACILITIES)[1], r.choice(FACILITIES)[2]]:
        pg.text(st.margin, y, ln)
        y += pg.lh()
    y += pg.lh()
    m = ctx.mrn()
    nm = ctx.name(["FL", "FM.L", "Lf", "LFM_t"])
    re = "RE: %s, DOB %s" % (nm, ctx.dob()) + (", %s %s" % (r.choice(["MRN", "MR#", "Chart #"]), m) if m else "")
    pg.text(st.margin, y, re, bold=True)
    y += pg.lh() * 2
    pg.text(st.margin, y, "Dear %s:" % addressee.split(",")[0])
    y += pg.lh() * 1.5
    y = pg.para(st.margin, y, "I am referring my patient, %s, a %d-year-old %s, for evaluation of %s. %s" %
                (nm, (ctx.enc - ctx.p.dob).days // 365, {"F": "woman", "M": "man"}.get(ctx.p.sex, "patient"), r.choice(DX)[0].lower(),
                 sentences(r, "hpi", 2))) + 20
    ctx.fields["sex"] = None  # not labelled on the page
    y = pg.para(st.margin, y, "Current medications include " + ", ".join("%s %s" % (a[0], a[1]) for a in med_rows(r, 3)) + ". " + sentences(r, "letter", 2)) + 20
    y = pg.para(st.margin, y, "Please contact my office at %s with any questions." % ctx.ph()) + 40
    pg.text(st.margin, y, "Sincerely,")
    y += pg.lh() * 3
    pg.text(st.margin, y, ctx.provider(r.choice(["FL, C", "FML, C"])))
    y += pg.lh()
    pg.text(st.margin, y, ctx.fac[0])
    y += pg.lh() * 2
    pg.text(st.margin, y, "cc: " + ctx.pcp())
    return [pg]


def ref_b(ctx):  # consultation reply letter
    pg = Page(ctx.st)
    st = ctx.st
    r = ctx.rng
    spec = r.choice(SPECIALTIES)
    y = ctx.letterhead(pg, 110, ctx.fac[0] + " - " + spec)
    pg.text(W - st.margin, y, ctx.enc_s(), right=True)
    y += pg.lh() * 2
    ref = ctx.other("referring", "Dr FL")
    pg.text(st.margin, y, ref)
    y += pg.lh()
    pg.text(st.margin, y, r.choice(FACILITIES)[0])
    y += pg.lh() * 2
    items = ctx.pid_items()
    for l, v in items:
        pg.lv(st.margin, y, ctx.L(l), v)
        y += pg.lh()
    y += pg.lh()
    pg.text(st.margin, y, "Dear %s," % ref)
    y += pg.lh() * 1.5
    y = pg.para(st.margin, y, sentences(r, "letter", 3) + " " + sentences(r, "hpi", 2)) + 20
    y = section(ctx, pg, y, "Impression")
    for dx, code in r.sample(DX, 2):
        y = pg.para(st.margin, y, "- %s (%s)" % (dx, code))
    y = section(ctx, pg, y + 20, "Recommendations")
    y = pg.para(st.margin, y, sentences(r, "plan", 3)) + 20
    y = next_appt(ctx, pg, y)
    pg.text(st.margin, y + 20, "With kind regards,")
    y += pg.lh() * 4
    pg.text(st.margin, y, ctx.provider(r.choice(["FL, C", "FML, C", "FL C"])))
    pg.text(st.margin, y + pg.lh(), spec)
    pg.text(st.margin, y + pg.lh() * 3, "cc: " + ctx.pcp())
    return [pg]


def ref_c(ctx):  # faxed referral form
    pg = Page(ctx.st)
    st = ctx.st
    r = ctx.rng
    pg.text(W // 2, 140, "REFERRAL / AUTHORIZATION REQUEST", st.title, bold=True, center=True)
    y = 160 + st.title * 2
    m = ctx.mrn()
    to = ctx.other("addressee", "Dr FL")
    payer, mid, grp = ctx.ins()
    rows = [[("Referral Date", ctx.enc_s(), 0.3), ("Priority", r.choice(["Routine", "Urgent"]), 0.3), ("Auth #", digits(r, 9), 0.4)],
            [("Patient Name", ctx.name(), 0.5), ("DOB", ctx.dob(), 0.25), ("Sex", ctx.sex("Sex"), 0.25)],
            [("Chart #" if m else "Home Phone", m or ctx.p.phone, 0.35), ("Insurance", payer, 0.35), ("Member ID", mid, 0.3)],
            [("Requesting Provider", ctx.provider(r.choice(["FL, C", "Dr FL"])), 0.5), ("NPI", ctx.prov.npi, 0.2), ("Phone", ctx.ph(), 0.3)],
            [("Refer To", to, 0.5), ("Specialty", r.choice(SPECIALTIES), 0.5)],
            [("PCP", ctx.pcp(), 0.5), ("Fax", phone(r), 0.5)]]
    ctx.note("distractor:npi")
    y = pg.boxes(st.margin, y, rows)
    y = section(ctx, pg, y + 10, "Reason for Referral")
    y = pg.para(st.margin, y, "%s (%s). %s" % (r.choice(DX) + (sentences(r, "hpi", 2),))) + 20
    y = section(ctx, pg, y, "Requested Services")
    y = pg.para(st.margin, y, r.choice(["Consult and treat", "Evaluation only", "Consult, diagnostics and treatment"]) + "; number of visits: %d" % r.randint(1, 6)) + 60
    pg.line(st.margin, y + 60, st.margin + 1000, y + 60)
    pg.text(st.margin, y + 70, "Requesting provider signature", st.small)
    pg.text(st.margin + 1250, y + 60 - int(st.big * 1.2), ctx.d(ctx.enc), st.big)
    pg.line(st.margin + 1200, y + 60, st.margin + 1800, y + 60)
    pg.text(st.margin + 1200, y + 70, "Date", st.small)
    return [pg]


# --- radiology
def rad_a(ctx):
    pg = Page(ctx.st)
    st = ctx.st
    r = ctx.rng
    y = ctx.letterhead(pg, 110, r.choice(IMAGING_CO))
    exam = r.choice(EXAMS)
    prior = ctx.enc - timedelta(days=r.randint(60, 900))
    ctx.note("distractor:prior_study")
    items = ctx.pid_items() + [(r.choice(["Exam Date", "Date of Exam", "Study Date"]), ctx.enc_s()),
                               ("Accession", ctx.accession()), (r.choice(["Ordering Physician", "Referring Physician"]), ctx.other("referring"))]
    y = grid_lv(ctx, pg, y, items)
    y = section(ctx, pg, y, "Exam")
    y = pg.para(st.margin, y, exam[0]) + 10
    y = section(ctx, pg, y, "Clinical History")
    y = pg.para(st.margin, y, r.choice(DX)[0] + ".") + 10
    y = section(ctx, pg, y, "Comparison")
    y = pg.para(st.margin, y, "%s %s dated %s." % (exam[1], r.choice(["study", "exam"]), ctx.d(prior))) + 10
    y = body_block(ctx, pg, y, "rad", 2, "Findings")
    y = section(ctx, pg, y, "Impression")
    y = pg.para(st.margin, y, "1. " + sentences(r, "rad", 1)) + 40
    pg.text(st.margin, y, "Interpreted by: " + ctx.provider(r.choice(["FL, C", "FML, C"])))
    y += pg.lh()
    sig_block(ctx, pg, y, "", "Electronically signed", ctx.later(0, 1))
    return [pg]


def rad_b(ctx):
    pg = Page(ctx.st)
    st = ctx.st
    r = ctx.rng
    pg.text(st.margin, 120, r.choice(IMAGING_CO), st.title, bold=True)
    pg.text(W - st.margin, 120, "RADIOLOGY REPORT", st.big, bold=True, right=True)
    y = 150 + st.title
    m = ctx.mrn()
    exam = r.choice(EXAMS)
    rows = [[(ctx.lab["name"], ctx.name(), 0.45), (ctx.lab["dob"], ctx.dob(), 0.3), (ctx.lab["sex"], ctx.sex(), 0.25)],
            [(ctx.lab["mrn"] if m else "Account", m or ctx.acct(), 0.3), ("Date of Exam", ctx.enc_s(), 0.3), ("Accession No.", ctx.accession(), 0.4)],
            [("Referring Physician", ctx.other("referring"), 0.5), ("Exam", exam[0], 0.5)]]
    y = pg.boxes(st.margin, y, rows)
    prior = ctx.enc - timedelta(days=r.randint(60, 900))
    ctx.note("distractor:prior_study")
    y = pg.para(st.margin, y + 20, "TECHNIQUE: Standard protocol. COMPARISON: Prior %s of %s." % (exam[1], ctx.d(prior))) + 20
    y = body_block(ctx, pg, y, "rad", 3, "Findings")
    y = section(ctx, pg, y, "Impression")
    y = pg.para(st.margin, y, sentences(r, "rad", 2)) + 40
    who = ctx.provider(r.choice(["FL, C", "FML, C", "L, F C"]))
    y = sig_block(ctx, pg, y, who, "Electronically signed by:", ctx.later(0, 1))
    pg.text(st.margin, y, "cc: " + ctx.pcp())
    return [pg]


def rad_c(ctx):  # mono, one-line header, DOS abbreviations
    ctx.st.family = "mono"
    pg = Page(ctx.st)
    st = ctx.st
    r = ctx.rng
    y = 130
    pg.text(st.margin, y, r.choice(IMAGING_CO).upper(), st.big, bold=True, mono=True)
    y += pg.lh() * 2
    m = ctx.mrn()
    exam = r.choice(EXAMS)
    pg.text(st.margin, y, "%s  DOB %s  %s" % (ctx.name(["LFM", "LF"]), ctx.dob(), ("MR# " + m) if m else ""), mono=True)
    y += pg.lh()
    pg.text(st.margin, y, "SEX %s   DOS %s   ACC %s" % (ctx.sex("Sex"), ctx.enc_s(), ctx.accession()), mono=True)
    y += pg.lh()
    pg.text(st.margin, y, "REF: %s   PCP: %s" % (ctx.other("referring", "L, F C"), ctx.pcp()), mono=True)
    y += pg.lh() * 2
    pg.text(st.margin, y, "EXAM: " + exam[0], mono=True)
    y += pg.lh() * 2
    prior = ctx.enc - timedelta(days=r.randint(60, 900))
    ctx.note("distractor:prior_study")
    pg.text(st.margin, y, "COMPARISON: %s" % ctx.d(prior), mono=True)
    y += pg.lh() * 2
    y = body_block(ctx, pg, y, "rad", 2, "FINDINGS")
    y = body_block(ctx, pg, y, "rad", 1, "IMPRESSION")
    pg.text(st.margin, y, "Reading Radiologist: " + ctx.provider("L, F C"), mono=True)
    y += pg.lh()
    d = ctx.later(0, 2)
    ctx.note("distractor:dictated_by")
    pg.text(st.margin, y, "D: %s %02d:%02d  T: %s  Dictated by: %s" % (ctx.d(d), r.randint(0, 23), r.randint(0, 59), ctx.d(d + timedelta(days=1)), ctx.other("dictated_by", "FL")), mono=True)
    return [pg]


# --- medication lists
def med_a(ctx):  # reconciliation form
    pg = Page(ctx.st)
    st = ctx.st
    r = ctx.rng
    y = ctx.letterhead(pg, 110)
    pg.text(W // 2, y, "MEDICATION RECONCILIATION", st.title, bold=True, center=True)
    y += int(st.title * 1.7)
    items = ctx.pid_items() + [("Visit Date", ctx.enc_s()), ("Allergies", r.choice(["NKDA", "Penicillin (rash)", "Sulfa", "Latex"]))]
    y = grid_lv(ctx, pg, y, items)
    rows = [[a, b, c, d, r.choice(["Continue", "Continue", "Stop", "Change"])] for a, b, c, d in med_rows(r, r.randint(5, 8))]
    y = pg.table(st.margin, y, ["Medication", "Dose", "Form", "Frequency", "Action"], rows, [0, 600, 900, 1250, 1850])
    y += 40
    pg.text(st.margin, y, "Reviewed with patient by: " + ctx.provider())
    y += pg.lh()
    sig_block(ctx, pg, y, "", "Signed", ctx.enc)
    pg.text(st.margin, y + pg.lh() * 2, "Pharmacy: %s Pharmacy  Phone %s" % (r.choice(["Main Street", "Corner", "Valley"]), ctx.ph()))
    return [pg]


def med_b(ctx):  # patient-completed list: no encounter date, no provider
    pg = Page(ctx.st)
    st = ctx.st
    r = ctx.rng
    pg.text(st.margin, 160, "My Medication List", st.title, bold=True)
    y = 200 + st.title
    pg.lv(st.margin, y, ctx.L("Name"), ctx.name(["FL", "FM.L", "Lf"]), underline=True)
    pg.lv(st.margin + 1300, y, ctx.L("Date of Birth"), ctx.dob(), underline=True)
    y += pg.lh() * 2
    if r.random() < 0.5:
        m = ctx.mrn()
        if m:
            pg.lv(st.margin, y, ctx.L(ctx.lab["mrn"]), m)
            y += pg.lh() * 2
    else:
        ctx.note("no_mrn")
    pg.lv(st.margin, y, ctx.L("My doctor"), ctx.pcp(), underline=True)
    pg.lv(st.margin + 1300, y, ctx.L("Pharmacy phone"), ctx.ph(), underline=True)
    y += pg.lh() * 2
    rows = med_rows(r, r.randint(4, 7))
    y = pg.table(st.margin, y, ["Medicine", "Strength", "How I take it", "What it is for"],
                 [[a, b, d, r.choice(["blood pressure", "sugar", "cholesterol", "thyroid", "stomach", "mood", "pain"])] for a, b, c, d in rows],
                 [0, 600, 950, 1650])
    for i in range(4):
        pg.line(st.margin, y + 80 * (i + 1), W - st.margin, y + 80 * (i + 1), 2)
    y += 420
    y = pg.para(st.margin, y, "Bring this list to every appointment. Include vitamins, herbal products and over-the-counter medicines.")
    return [pg]


def med_c(ctx):  # pharmacy-style profile with prescriber column
    pg = Page(ctx.st)
    st = ctx.st
    r = ctx.rng
    y = ctx.letterhead(pg, 110)
    pg.text(st.margin, y, "Current Medications - Reconciled", st.big, bold=True)
    y += pg.lh() * 2
    m = ctx.mrn()
    pg.text(st.margin, y, "%s %s    %s %s    %s %s" % (ctx.L("Patient"), ctx.name(), ctx.L(ctx.lab["dob"]), ctx.dob(), ctx.L(ctx.lab["sex"]), ctx.sex()))
    y += pg.lh()
    pg.text(st.margin, y, ("%s %s    " % (ctx.L(ctx.lab["mrn"]), m) if m else "") + "%s %s    %s %s" % (ctx.L("Encounter Date"), ctx.enc_s(), ctx.L("Reconciled by"), ctx.provider()))
    y += pg.lh() * 2
    pres = [ctx.other("prescriber", "FL C"), ctx.pcp()]
    rows = [[a + " " + b, d, r.choice(pres), ctx.d(ctx.enc - timedelta(days=r.randint(20, 700)))] for a, b, c, d in med_rows(r, r.randint(5, 8))]
    ctx.note("distractor:start_dates")
    y = pg.table(st.margin, y, ["Medication", "Sig", "Prescriber", "Start Date"], rows, [0, 620, 1300, 1850], size=pt(10))
    printed_footer(ctx, pg)
    return [pg]


# --- consents
def consent_a(ctx):  # procedure consent with physician named
    pg = Page(ctx.st)
    st = ctx.st
    r = ctx.rng
    y = ctx.letterhead(pg, 110)
    pg.text(W // 2, y, "CONSENT FOR PROCEDURE", st.title, bold=True, center=True)
    y += int(st.title * 1.8)
    items = ctx.pid_items(with_sex=r.random() < 0.5)
    y = grid_lv(ctx, pg, y, items)
    proc = r.choice(PROCEDURES)
    doc = ctx.provider(r.choice(["Dr FL", "Dr FML", "FL, C"]))
    y = pg.para(st.margin, y, "I, %s, hereby authorize %s and such assistants as may be selected to perform the following procedure: %s." % (ctx.name_s, doc, proc)) + 20
    y = pg.para(st.margin, y, "The nature and purpose of the procedure, possible alternative methods of treatment, the risks involved and "
                "the possibility of complications have been explained to me. I acknowledge that no guarantee or assurance has been given "
                "as to the results that may be obtained. I consent to the administration of anesthesia and to the disposal of any tissue removed.") + 60
    for lab, val in [("Patient Signature", ""), ("Witness", ctx.other("witness", "FL")), ("Physician", doc)]:
        pg.text(st.margin + 10, y, val, st.big)
        pg.line(st.margin, y + 60, st.margin + 1000, y + 60)
        pg.text(st.margin, y + 70, lab, st.small)
        pg.text(st.margin + 1250, y, ctx.enc_s() if lab == "Patient Signature" else ctx.d(ctx.enc), st.big)
        pg.line(st.margin + 1200, y + 60, st.margin + 1800, y + 60)
        pg.text(st.margin + 1200, y + 70, "Date", st.small)
        y += 200
    return [pg]


def consent_b(ctx):  # general consent: no provider
    pg = Page(ctx.st)
    st = ctx.st
    r = ctx.rng
    y = ctx.letterhead(pg, 110)
    pg.text(st.margin, y, "General Consent for Treatment", st.title, bold=True)
    y += int(st.title * 1.8)
    items = ctx.pid_items(with_sex=False)
    x = st.margin
    for l, v in items:
        x += pg.lv(x, y, ctx.L(l), v) - x + 80
    y += pg.lh() * 2
    for t in ["I voluntarily consent to medical treatment, routine diagnostic procedures and care provided by the physicians, nurses and staff of %s." % ctx.fac[0],
              "I understand that I am responsible for charges not covered by insurance and I assign insurance benefits to the practice.",
              "I acknowledge that I have received the Notice of Privacy Practices. Questions may be directed to the privacy office at %s." % ctx.ph(),
              "This consent remains in effect until revoked in writing."]:
        y = pg.para(st.margin, y, t) + 25
    y += 40
    g, gd, grel = ctx.guarantor()
    pg.lv(st.margin, y, ctx.L("Responsible Party"), g + " (" + grel + ")")
    pg.lv(st.margin + 1400, y, ctx.L("DOB"), gd)
    y += pg.lh() * 3
    pg.line(st.margin, y, st.margin + 1000, y)
    pg.text(st.margin, y + 10, "Signature of Patient or Legal Representative", st.small)
    pg.text(st.margin + 1200, y - 55, ctx.enc_s(), st.big)
    pg.line(st.margin + 1200, y, st.margin + 1800, y)
    pg.text(st.margin + 1200, y + 10, "Date Signed", st.small)
    return [pg]


def consent_c(ctx):  # release of information
    pg = Page(ctx.st)
    st = ctx.st
    r = ctx.rng
    y = ctx.letterhead(pg, 110)
    pg.text(W // 2, y, "AUTHORIZATION FOR RELEASE OF HEALTH INFORMATION", st.big, bold=True, center=True)
    y += pg.lh() * 2
    m = ctx.mrn()
    rows = [[("Patient Name", ctx.name(), 0.6), ("Date of Birth", ctx.dob(), 0.4)],
            [("Medical Record Number" if m else "Phone", m or ctx.p.phone, 0.5), ("Address", ctx.p.addr[1], 0.5)]]
    y = pg.boxes(st.margin, y, rows)
    a = ctx.enc - timedelta(days=r.randint(200, 1500))
    b = ctx.enc - timedelta(days=r.randint(1, 150))
    ctx.note("distractor:date_range")
    recip = r.choice(FACILITIES)
    for t in ["I authorize %s to release my health information to: %s, %s, %s. Fax %s." % (ctx.fac[0], recip[0], recip[1], recip[2], ctx.ph()),
              "Information to be released: office notes, laboratory results and imaging reports for dates of service from %s to %s." % (ctx.d(a), ctx.d(b)),
              "Purpose: %s." % r.choice(["continuity of care", "insurance", "personal use", "legal"]),
              "This authorization expires on %s. I may revoke it at any time in writing." % ctx.d(ctx.later(180, 365))]:
        y = pg.para(st.margin, y + 10, t) + 15
    y += 100
    pg.line(st.margin, y, st.margin + 1000, y)
    pg.text(st.margin, y + 10, "Signature of Patient", st.small)
    pg.text(st.margin + 1200, y - 55, ctx.enc_s(), st.big)
    pg.line(st.margin + 1200, y, st.margin + 1800, y)
    pg.text(st.margin + 1200, y + 10, "Date", st.small)
    return [pg]


# --- other
def other_a(ctx):  # billing statement
    pg = Page(ctx.st)
    st = ctx.st
    r = ctx.rng
    y = ctx.letterhead(pg, 110)
    pg.text(W - st.margin, y, "PATIENT STATEMENT", st.title, bold=True, right=True)
    y += int(st.title * 1.8)
    stmt = ctx.later(20, 60)
    ctx.note("distractor:statement_date")
    g, gd, grel = ctx.guarantor()
    items = [("Statement Date", ctx.d(stmt)), ("Account Number", ctx.acct()), (ctx.lab["name"], ctx.name()),
             (ctx.lab["dob"], ctx.dob()), ("Guarantor", g), ("Payment Due", ctx.d(stmt + timedelta(days=30)))]
    m = ctx.mrn()
    if m:
        items.append((ctx.lab["mrn"], m))
    y = grid_lv(ctx, pg, y, items)
    amt = [r.randint(80, 900) + r.choice([0, 0.5, 0.25]) for _ in range(3)]
    rows = [[ctx.enc_s(), "992%d%d" % (r.randint(1, 4), r.randint(2, 5)), "Office visit", "%.2f" % amt[0], "%.2f" % (amt[0] * 0.6), "%.2f" % (amt[0] * 0.4)],
            [ctx.d(ctx.enc), "%05d" % r.randint(80000, 89999), "Laboratory", "%.2f" % amt[1], "%.2f" % (amt[1] * 0.8), "%.2f" % (amt[1] * 0.2)]]
    y = pg.table(st.margin, y, ["Date of Service", "Code", "Description", "Charges", "Ins Paid", "Balance"], rows, [0, 480, 750, 1250, 1600, 1950])
    pg.text(st.margin, y + 30, "Insurance: %s  Member ID %s" % ctx.ins()[:2])
    pg.text(st.margin, y + 30 + pg.lh(), "Questions about your bill? Call %s Monday-Friday 8-5." % ctx.ph())
    return [pg]


def other_b(ctx):  # generic correspondence from office staff (no clinician author)
    pg = Page(ctx.st)
    st = ctx.st
    r = ctx.rng
    y = ctx.letterhead(pg, 110)
    pg.text(st.margin, y + 20, ctx.enc_s())
    y += pg.lh() * 3
    nm = ctx.name(["FL", "FM.L"])
    for ln in [nm, ctx.p.addr[0], ctx.p.addr[1]]:
        pg.text(st.margin, y, ln)
        y += pg.lh()
    y += pg.lh()
    pg.text(st.margin, y, "RE: %s   DOB: %s" % (ctx.L("Appointment reminder", False), ctx.dob()), bold=True)
    y += pg.lh() * 2
    pg.text(st.margin, y, "Dear %s %s," % (r.choice(["Mx.", "Patient"]) if ctx.p.sex not in "FM" else ("Ms." if ctx.p.sex == "F" else "Mr."), ctx.p.last))
    y += pg.lh() * 1.5
    d = ctx.later(10, 60)
    ctx.note("distractor:next_appt")
    y = pg.para(st.margin, y, "This is a reminder that you have an appointment with %s on %s at %d:%02d. Please arrive 15 minutes early and bring your insurance card and a list of your medications." %
                (ctx.pcp(), ctx.d(d), r.randint(8, 11), r.choice([0, 15, 30, 45]))) + 20
    y = pg.para(st.margin, y, "If you need to reschedule, please call %s at least 24 hours in advance." % ctx.ph()) + 40
    pg.text(st.margin, y, "Sincerely,")
    pg.text(st.margin, y + pg.lh() * 3, "%s %s, Practice Manager" % (r.choice(FIRST_F), r.choice(LAST)))
    return [pg]


def other_c(ctx):  # prior-authorization determination (payer fax)
    pg = Page(ctx.st)
    st = ctx.st
    r = ctx.rng
    payer, mid, grp = ctx.ins()
    pg.text(st.margin, 130, payer.upper(), st.title, bold=True)
    pg.text(st.margin, 130 + int(st.title * 1.4), "Utilization Management - Notice of Determination", st.big)
    y = 180 + int(st.title * 1.4) + st.big
    pg.line(st.margin, y, W - st.margin, y, 3)
    y += 40
    notice = ctx.later(3, 20)
    ctx.note("distractor:notice_date")
    items = [("Notice Date", ctx.d(notice)), ("Reference #", "UM" + digits(r, 8)), ("Member", ctx.name()), ("Member DOB", ctx.dob()),
             ("Member ID", mid), ("Group", grp), ("Requesting Provider", ctx.provider(r.choice(["FL, C", "Dr FL"]))),
             ("Provider NPI", ctx.prov.npi), ("Date of Service", ctx.enc_s()), ("Service", r.choice(EXAMS)[0])]
    ctx.note("distractor:npi")
    y = grid_lv(ctx, pg, y, items, cols=2)
    y = section(ctx, pg, y, "Determination")
    y = pg.para(st.margin, y, r.choice(["APPROVED. ", "APPROVED WITH MODIFICATION. ", "PENDED FOR CLINICAL REVIEW. "]) +
                "This determination is valid for services rendered within 60 days of the notice date. It is not a guarantee of payment.") + 20
    y = pg.para(st.margin, y, "Questions may be directed to Provider Services at %s. Appeals must be submitted within 180 days." % ctx.ph())
    return [pg]


LAYOUTS = {  # name: (doc_type, function, split)
    "intake_a": ("intake_form", intake_a, "train"), "intake_b": ("intake_form", intake_b, "train"),
    "intake_c": ("intake_form", intake_c, "holdout"),
    "progress_a": ("progress_note", progress_a, "train"), "progress_b": ("progress_note", progress_b, "train"),
    "progress_c": ("progress_note", progress_c, "holdout"),
    "lab_a": ("lab_report", lab_a, "train"), "lab_b": ("lab_report", lab_b, "train"), "lab_c": ("lab_report", lab_c, "holdout"),
    "dc_a": ("discharge_summary", dc_a, "train"), "dc_b": ("discharge_summary", dc_b, "train"),
    "dc_c": ("discharge_summary", dc_c, "holdout"),
    "ref_a": ("referral_letter", ref_a, "train"), "ref_b": ("referral_letter", ref_b, "train"),
    "ref_c": ("referral_letter", ref_c, "holdout"),
    "rad_a": ("radiology_report", rad_a, "train"), "rad_b": ("radiology_report", rad_b, "train"),
    "rad_c": ("radiology_report", rad_c, "holdout"),
    "med_a": ("medication_list", med_a, "train"), "med_b": ("medication_list", med_b, "train"),
    "med_c": ("medication_list", med_c, "holdout"),
    "consent_a": ("consent_form", consent_a, "train"), "consent_b": ("consent_form", consent_b, "train"),
    "consent_c": ("consent_form", consent_c, "holdout"),
    "other_a": ("other", other_a, "train"), "other_b": ("other", other_b, "train"), "other_c": ("other", other_c, "holdout"),
}
DOC_WEIGHTS = {"intake_form": 10, "progress_note": 20, "lab_report": 16, "discharge_summary": 9, "referral_letter": 11,
               "radiology_report": 11, "medication_list": 8, "consent_form": 8, "other": 7}


# ----------------------------------------------------------------------------- extra pages
def continuation(ctx, kind):
    pg = Page(ctx.st)
    st = ctx.st
    pg.cont = True
    y = 250
    y = body_block(ctx, pg, y, kind, ctx.rng.randint(3, 6), ctx.rng.choice(["Additional Notes", "Continued", "Addendum", None]))
    if kind in ("hosp", "hpi") and ctx.rng.random() < 0.5:
        y = section(ctx, pg, y, "Medications")
        for row in med_rows(ctx.rng, 4):
            pg.text(st.margin + 40, y, "%s %s %s, %s" % tuple(row))
            y += pg.lh()
    return pg


def fax_cover(ctx, npages):
    st = Style(ctx.rng)
    pg = Page(st)
    pg.kind = "fax_cover"
    r = ctx.rng
    pg.text(W // 2, 200, r.choice(["FAX", "FACSIMILE TRANSMITTAL", "Fax Cover Sheet"]), pt(28), bold=True, center=True)
    y = 450
    ctx.note("fax_cover")
    ctx.note("distractor:fax_cover_names")
    to_p = ctx.other("fax_to", "Dr FL")
    items = [("To", to_p), ("Fax", phone(r)), ("From", ctx.fac[0]), ("Phone", ctx.ph()), ("Date", ctx.d(ctx.later(1, 20))),
             ("Pages (including cover)", str(npages)), ("Re", r.choice(["Records", "Referral", "Results", "Requested documents"]))]
    for l, v in items:
        pg.lv(st.margin + 100, y, st.L(l), v, vx=st.margin + 800, size=pt(13))
        y += int(pt(13) * 1.8)
    y += 150
    pg.para(st.margin, y, "CONFIDENTIALITY NOTICE: This facsimile contains protected health information that is privileged and "
            "confidential. If you are not the intended recipient, any review, disclosure, copying or distribution is prohibited. "
            "If you received this fax in error, please notify the sender immediately and destroy all copies.", size=pt(11))
    return pg


def blank_page():
    pg = Page(Style(random.Random(0), "sans"))
    pg.kind = "blank"
    return pg


def add_fax_header(ctx, pg, i, n, when, src_fax):
    pg.text(70, 85, "%s %02d:%02d  FROM: %s  %s   P.%03d/%03d" % (fmt_date(when, "dbY").upper(), ctx.rng.randint(7, 18), ctx.rng.randint(0, 59), src_fax,
                                                         ctx.fac[0][:26].upper(), i, n), pt(10), mono=True)


def received_stamp(ctx, pg, when):
    ctx.note("distractor:received_stamp")
    st = Image.new("L", (700, 260), 255)
    d = ImageDraw.Draw(st)
    d.rectangle((5, 5, 694, 254), outline=0, width=7)
    f1 = font(FAMILIES["sans"][0][1], pt(20))
    f2 = font(FAMILIES["sans"][0][1], pt(15))
    d.text((350, 30), "RECEIVED", font=f1, fill=0, anchor="ma")
    d.text((350, 150), fmt_date(when, "BDY"), font=f2, fill=0, anchor="ma")
    st = st.rotate(ctx.rng.uniform(-6, 6), fillcolor=255, expand=True, resample=Image.BICUBIC)
    x = W - ctx.st.margin - st.size[0] - ctx.rng.randint(0, 300)
    y = ctx.rng.choice([60, H - 700])
    region = pg.im.crop((x, y, x + st.size[0], y + st.size[1]))
    pg.im.paste(Image.fromarray(np.minimum(np.asarray(region, dtype=np.float32),
                                                 255 - (255 - np.asarray(st, dtype=np.float32)) * 0.65).astype(np.uint8)), (x, y))


def page_header(ctx, pg, i, n):
    s = "%s   %s   Page %d of %d" % (ctx.short_name(), ("MRN " + ctx.p.mrn) if ctx.fields["mrn"] else ctx.d(ctx.enc), i, n)
    pg.text(ctx.st.margin, 150, s, pt(10))


# ----------------------------------------------------------------------------- scan simulation
def degrade(img, rng, nrng, o):
    """Turn a clean 300 dpi page into a scanned-looking page. Returns PIL image (L or 1) at o['dpi']."""
    if o.get("skew"):
        img = img.rotate(o["skew"], resample=Image.BICUBIC, fillcolor=255)
    if o.get("blur"):
        img = img.filter(ImageFilter.GaussianBlur(o["blur"]))
    a = np.asarray(img, dtype=np.float32) / 255.0
    h, w = a.shape
    paper = o.get("paper", 0.97)
    if o.get("uneven"):
        yy = np.linspace(0, 1, h, dtype=np.float32)[:, None]
        xx = np.linspace(0, 1, w, dtype=np.float32)[None, :]
        gx, gy = o["uneven"]
        paper = paper - gx * xx - gy * yy
    ink = o.get("ink", 0.08)
    a = ink + (paper - ink) * a
    if o.get("gauss"):
        a = a + nrng.normal(0, o["gauss"], a.shape).astype(np.float32)
    a = np.clip(a * 255, 0, 255).astype(np.uint8)
    im = Image.fromarray(a, "L")
    xdpi, ydpi = o["dpi"]
    if (xdpi, ydpi) != (300, 300):
        im = im.resize((int(round(8.5 * xdpi)), int(round(11 * ydpi))), Image.LANCZOS)
    if o.get("jpeg_q") and not o.get("bilevel"):
        b = io.BytesIO()
        im.save(b, "JPEG", quality=o["jpeg_q"])
        im = Image.open(io.BytesIO(b.getvalue())).convert("L")
    a = np.asarray(im).copy()
    if o.get("border"):
        bw = o["border"]
        side = o["border_side"]
        if "l" in side:
            a[:, :bw] = np.minimum(a[:, :bw], 40)
        if "t" in side:
            a[:bw, :] = np.minimum(a[:bw, :], 40)
        if "r" in side:
            a[:, -bw:] = np.minimum(a[:, -bw:], 40)
        if "b" in side:
            a[-bw:, :] = np.minimum(a[-bw:, :], 40)
    if o.get("bilevel"):
        a = np.where(a < o.get("thresh", 150), 0, 255).astype(np.uint8)
    if o.get("sp"):
        m = nrng.random(a.shape)
        a[m < o["sp"] / 2] = 0
        a[m > 1 - o["sp"] / 2] = 255
    im = Image.fromarray(a, "L")
    if o.get("bilevel"):
        im = im.convert("1", dither=Image.NONE)
    return im


def choose_degradation(rng, fmt, profile):
    o = {}
    bilevel = fmt in ("tiff-g4", "tiff-g3") or (fmt in ("png", "tiff-lzw", "tiff-packbits", "tiff-deflate", "tiff-none", "pdf-image") and rng.random() < 0.6)
    if fmt in ("tiff-none",):
        bilevel = True
    if profile == "sample" and fmt in ("png", "tiff-packbits", "tiff-deflate", "pdf-image", "pdf-garbagelayer"):
        bilevel = True
    o["bilevel"] = bilevel
    if rng.random() < 0.6:
        o["skew"] = round(rng.choice([-1, 1]) * rng.uniform(0.3, 3.0 if rng.random() < 0.3 else 1.5), 2)
    if rng.random() < 0.4:
        o["blur"] = round(rng.uniform(0.4, 1.0), 2)
    o["paper"] = round(rng.uniform(0.9, 1.0), 3)
    if rng.random() < 0.4:
        o["uneven"] = (round(rng.uniform(0, 0.12), 3), round(rng.uniform(0, 0.12), 3))
    o["ink"] = round(rng.uniform(0.03, 0.2), 3)
    if not bilevel and rng.random() < 0.5:
        o["gauss"] = round(rng.uniform(0.01, 0.04), 3)
    if rng.random() < (0.2 if profile == "sample" else 0.45):
        o["sp"] = round(rng.uniform(0.0003, 0.002 if profile == "sample" else 0.004), 5)
    if rng.random() < 0.12:
        o["border"] = rng.randint(12, 40)
        o["border_side"] = rng.choice(["l", "t", "lt", "r", "lb", "ltrb"])
    o["thresh"] = rng.randint(120, 175)
    if fmt == "jpeg" or (not bilevel and rng.random() < 0.3):
        o["jpeg_q"] = rng.randint(30, 70)
    if profile == "sample" and fmt in ("jpeg", "pdf-textlayer") and not bilevel:
        o["gauss"] = 0.0
    dpi = (300, 300)
    if rng.random() < 0.35 or (profile == "sample" and not bilevel):
        dpi = (200, 200)
    if fmt in ("tiff-g3",) or (fmt in ("tiff-g4", "pdf-image") and rng.random() < 0.25):
        dpi = (204, 196)
    if fmt == "tiff-none":
        dpi = (200, 200)
    o["dpi"] = dpi
    return o


# ----------------------------------------------------------------------------- writers
def pdf_escape(s):
    return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def write_text_pdf(path, pages, rng, garbage):
    """Minimal PDF: each page = one image XObject + invisible (3 Tr) Helvetica text at word positions.

    pages: list of (image, words) with words in 300 dpi page pixel coordinates."""
    helv = font(HELV, 1000)
    objs = {}
    kids = []
    n = 4
    for im, words in pages:
        pw, ph = 612.0, 792.0
        if im.size[0] > im.size[1]:
            pw, ph = 792.0, 612.0
        if im.mode == "1":
            data = zlib.compress(im.tobytes(), 9)
            imgdict = "/BitsPerComponent 1 /ColorSpace /DeviceGray /Filter /FlateDecode"
        else:
            b = io.BytesIO()
            im.save(b, "JPEG", quality=60)
            data = b.getvalue()
            imgdict = "/BitsPerComponent 8 /ColorSpace /DeviceGray /Filter /DCTDecode"
        img_id, cont_id, page_id = n, n + 1, n + 2
        n += 3
        objs[img_id] = ("<< /Type /XObject /Subtype /Image /Width %d /Height %d %s /Length %d >>\nstream\n" %
                        (im.size[0], im.size[1], imgdict, len(data))).encode() + data + b"\nendstream"
        ops = ["q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q" % (pw, ph), "BT 3 Tr"]
        k = 72.0 / 300.0
        for x, base, size, word, wpx in words:
            if garbage:
                word = "".join(rng.choice("~#%&*@!?^ZqXjKvQw;:|{}") for _ in word)
            fs = max(size * k, 1.0)
            hw = helv.getlength(word) / 1000.0 * fs
            tz = 100.0 * (wpx * k) / hw if hw > 0 else 100.0
            # trailing space so text extractors see word breaks; Tz fits the word itself to the scan
            ops.append("/F1 %.2f Tf %.1f Tz 1 0 0 1 %.2f %.2f Tm (%s ) Tj" % (fs, tz, x * k, ph - base * k, pdf_escape(word)))
        ops.append("ET")
        content = zlib.compress("\n".join(ops).encode("latin-1"), 9)
        objs[cont_id] = ("<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content)).encode() + content + b"\nendstream"
        objs[page_id] = ("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources << /Font << /F1 3 0 R >> "
                         "/XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>" % (pw, ph, img_id, cont_id)).encode()
        kids.append(page_id)
    objs[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objs[2] = ("<< /Type /Pages /Kids [%s] /Count %d >>" % (" ".join("%d 0 R" % k for k in kids), len(kids))).encode()
    objs[3] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offs = {}
    for i in range(1, n):
        offs[i] = len(out)
        out += b"%d 0 obj\n" % i + objs[i] + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % n
    for i in range(1, n):
        out += b"%010d 00000 n \n" % offs[i]
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (n, xref)
    with open(path, "wb") as fh:
        fh.write(bytes(out))


TIFF_COMP = {"tiff-g4": "group4", "tiff-g3": "group3", "tiff-lzw": "tiff_lzw", "tiff-packbits": "packbits",
             "tiff-deflate": "tiff_adobe_deflate", "tiff-none": None}
EXT = {"png": "png", "jpeg": "jpg", "pdf-image": "pdf", "pdf-textlayer": "pdf", "pdf-garbagelayer": "pdf"}


def save(path, fmt, ims, dpi, rng, words=None):
    if fmt == "png":
        ims[0].save(path, "PNG", dpi=dpi)
    elif fmt == "jpeg":
        ims[0].save(path, "JPEG", quality=rng.randint(55, 80), dpi=dpi)
    elif fmt.startswith("tiff"):
        kw = {"dpi": dpi}
        if TIFF_COMP[fmt]:
            kw["compression"] = TIFF_COMP[fmt]
        ims[0].save(path, "TIFF", save_all=len(ims) > 1, append_images=ims[1:], **kw)
    elif fmt == "pdf-image":
        ims[0].save(path, "PDF", resolution=float(dpi[0]), save_all=True, append_images=ims[1:],
                    creationDate=None, modDate=None, title="scan", producer=None)
    elif fmt in ("pdf-textlayer", "pdf-garbagelayer"):
        write_text_pdf(path, list(zip(ims, words)), rng, fmt == "pdf-garbagelayer")
    else:
        raise ValueError(fmt)


# ----------------------------------------------------------------------------- document assembly
CONT_KIND = {"progress_note": "hpi", "discharge_summary": "hosp", "lab_report": "hpi", "radiology_report": "rad",
             "referral_letter": "letter", "other": "letter", "intake_form": "hpi", "medication_list": "hpi", "consent_form": "letter"}


def make_doc(idx, seed, pat, layout, providers, profile, plan):
    rng = random.Random("%s:doc:%d" % (seed, idx))
    nrng = np.random.default_rng(rng.getrandbits(63))
    doc_type, fn, _ = LAYOUTS[layout]
    ctx = Ctx(rng, pat, providers, profile)
    if plan.get("no_mrn"):
        ctx.omit_mrn = True
    if pat.same_name_as:
        ctx.note("same_name_as:" + pat.same_name_as)
    content = fn(ctx)
    # continuation pages
    single = plan.get("format") in ("png", "jpeg")
    if single:
        plan = dict(plan, extra_pages=0, blank=False, fax=False)
    extra = plan.get("extra_pages")
    if extra is None:
        extra = 0
        if doc_type in ("discharge_summary", "progress_note", "lab_report", "radiology_report", "referral_letter") and rng.random() < 0.3:
            extra = rng.choice([1, 1, 2])
    for _ in range(extra):
        content.append(continuation(ctx, CONT_KIND[doc_type]))
    ncontent = len(content)
    if ncontent > 1:
        rep = rng.random() < 0.6
        for i, pg in enumerate(content[1:], start=2):
            if rep:
                page_header(ctx, pg, i, ncontent)
            pg.text(W // 2, H - 130, "Page %d of %d" % (i, ncontent), pt(10), center=True)
        if rep:
            ctx.note("repeat_header")
    # fax cover / blank page
    faxed = plan.get("fax")
    if faxed is None:
        faxed = doc_type in ("referral_letter", "lab_report", "other", "progress_note", "radiology_report") and rng.random() < 0.15
    pages = list(content)
    if plan.get("blank") or (plan.get("blank") is None and ncontent > 1 and rng.random() < 0.12):
        pos = rng.randint(1, len(pages))
        pages.insert(pos, blank_page())
    if faxed:
        pages.insert(0, fax_cover(ctx, len(pages) + 1))
    for i, pg in enumerate(pages):
        if pg.kind == "blank":
            ctx.note("blank_page:%d" % (i + 1))
    # format
    fmt = plan.get("format")
    if fmt is None:
        if faxed:
            fmt = rng.choice(["tiff-g4", "tiff-g3", "tiff-g3", "pdf-image"])
        elif len(pages) > 1:
            fmt = rng.choices(["tiff-g4", "tiff-lzw", "tiff-packbits", "tiff-deflate", "tiff-none", "pdf-image"], [30, 12, 8, 8, 5, 37])[0]
        else:
            fmt = rng.choices(["png", "jpeg", "tiff-g4", "tiff-g3", "tiff-lzw", "tiff-packbits", "tiff-deflate", "tiff-none", "pdf-image"],
                              [15, 15, 16, 5, 8, 5, 5, 4, 18])[0]
    if faxed or (fmt in ("tiff-g3",)):
        when = ctx.later(1, 20)
        src = phone(rng)
        ctx.note("distractor:fax_header")
        for i, pg in enumerate(pages):
            if pg.kind != "blank":
                add_fax_header(ctx, pg, i + 1, len(pages), when, src)
    fpi = next(i for i, pg in enumerate(pages) if pg.kind == "content")  # field page index
    if plan.get("received", rng.random() < 0.15):
        received_stamp(ctx, pages[fpi], ctx.later(2, 14))
    o = choose_degradation(rng, fmt, profile)
    if plan.get("bilevel") is not None:
        o["bilevel"] = plan["bilevel"]
    if plan.get("dpi"):
        o["dpi"] = plan["dpi"]
    if fmt in ("tiff-g4", "tiff-g3"):
        o["bilevel"] = True
    if fmt == "jpeg":
        o["bilevel"] = False
    if fmt in ("pdf-textlayer", "pdf-garbagelayer"):
        o.pop("skew", None)
    rotation = plan.get("rotation", 0 if profile == "sample" else None)
    if rotation is None:
        rotation = rng.choice([90, 180, 270]) if (rng.random() < 0.05 and fmt not in ("pdf-textlayer", "pdf-garbagelayer")) else 0
    ims = []
    for i, pg in enumerate(pages):
        po = dict(o)
        if pg.kind == "blank":
            po.pop("skew", None)
        if "skew" in po and i > 0:
            po["skew"] = round(po["skew"] + rng.uniform(-0.4, 0.4), 2)
        im = degrade(pg.im, rng, nrng, po)
        if i == fpi and rotation:
            im = im.rotate(-rotation, expand=True)  # clockwise
            ctx.note("rotated_page:%d:%d" % (i + 1, rotation))
        ims.append(im)
    if o["bilevel"]:
        ctx.note("bilevel")
    if "skew" in o:
        ctx.note("skew:%.2f" % o["skew"])
    ctx.note("dpi:%dx%d" % o["dpi"])
    return ctx, doc_type, pages, ims, fmt, rotation, o["dpi"]


def sample_plan():
    """(patient index, layout, plan) for the committed fixture set."""
    return [
        (0, "intake_b", {"format": "png", "bilevel": True}),
        (0, "progress_a", {"format": "jpeg", "dpi": (200, 200)}),
        (1, "progress_b", {"format": "pdf-textlayer", "bilevel": False, "dpi": (200, 200), "no_mrn": False}),
        (1, "lab_a", {"format": "tiff-g4", "extra_pages": 1, "blank": False, "fax": False}),
        (2, "ref_c", {"format": "tiff-g3", "fax": True, "blank": False, "extra_pages": 0}),
        (2, "dc_a", {"format": "pdf-image", "extra_pages": 1, "blank": True, "fax": False, "bilevel": True}),
        (3, "rad_a", {"format": "tiff-lzw", "rotation": 90, "bilevel": True, "extra_pages": 0, "fax": False}),
        (3, "med_a", {"format": "tiff-packbits", "bilevel": True}),
        (4, "consent_a", {"format": "tiff-deflate", "bilevel": True}),
        (4, "other_a", {"format": "tiff-none", "bilevel": True}),
        (5, "lab_b", {"format": "pdf-garbagelayer", "bilevel": True, "extra_pages": 0, "fax": False}),
        (5, "ref_a", {"format": "png", "rotation": 180, "bilevel": True, "extra_pages": 0, "fax": False, "no_mrn": True}),
        (0, "med_b", {"format": "tiff-g4", "extra_pages": 0}),
        (3, "consent_c", {"format": "jpeg", "dpi": (200, 200)}),
        (1, "rad_c", {"format": "pdf-image", "bilevel": True, "extra_pages": 0, "fax": False}),
        (2, "progress_c", {"format": "png", "bilevel": True, "extra_pages": 0, "fax": False}),
    ]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", default="1")
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--patients", type=int, default=60)
    ap.add_argument("--profile", choices=["sample", "eval"], default="eval")
    ap.add_argument("--layouts", choices=["train", "holdout", "all"], default="all")
    a = ap.parse_args(argv)
    seed = str(a.seed)
    prng = random.Random("%s:patients" % seed)
    providers = make_providers(prng)
    npat = max(1, a.patients)
    pats = make_patients(prng, npat, providers)
    allowed = [k for k, v in LAYOUTS.items() if a.layouts == "all" or v[2] == a.layouts]
    by_type = {}
    for k in allowed:
        by_type.setdefault(LAYOUTS[k][0], []).append(k)
    arng = random.Random("%s:assign" % seed)
    jobs = []
    if a.profile == "sample":
        for pi, lay, plan in sample_plan()[:a.docs]:
            if lay not in allowed:
                lay = arng.choice(by_type.get(LAYOUTS[lay][0]) or allowed)
            jobs.append((pats[pi % npat], lay, plan))
    else:
        owners = [pats[i % npat] for i in range(a.docs)]
        arng.shuffle(owners)
        types = sorted(by_type)
        wts = [DOC_WEIGHTS[t] for t in types]
        for p in owners:
            t = arng.choices(types, wts)[0]
            jobs.append((p, arng.choice(by_type[t]), {}))
    os.makedirs(a.out, exist_ok=True)
    truth = []
    for i, (pat, lay, plan) in enumerate(jobs):
        ctx, doc_type, pages, ims, fmt, rotation, dpi = make_doc(i, seed, pat, lay, providers, a.profile, plan)
        box = "box-%03d" % (i // 40 + 1)
        folder = "folder-%03d" % ((i // 8) % 5 + 1)
        stem = ["scan", "IMG", "doc", "chart"][i % 4] + "-%04d" % (i + 1)
        ext = EXT.get(fmt, "tif")
        rel = "%s/%s/%s.%s" % (box, folder, stem, ext)
        os.makedirs(os.path.join(a.out, box, folder), exist_ok=True)
        words = None
        if fmt in ("pdf-textlayer", "pdf-garbagelayer"):
            words = [pg.words for pg in pages]
        save(os.path.join(a.out, rel), fmt, ims, dpi, ctx.rng, words)
        truth.append({"source": rel, "pages": len(ims), "doc_type": doc_type, "patient_key": pat.key, "layout": lay,
                      "format": fmt, "fields": ctx.fields, "rotation": rotation, "notes": ctx.notes})
        print("%-36s %-18s %-12s %-16s %d" % (rel, doc_type, lay, fmt, len(ims)), file=sys.stderr)
    with open(os.path.join(a.out, "truth.jsonl"), "w") as fh:
        for t in truth:
            fh.write(json.dumps(t, sort_keys=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
