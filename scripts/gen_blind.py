#!/usr/bin/python3
"""Blind evaluation-set generator for chartscan.

    /usr/bin/python3 scripts/gen_blind.py --out DIR --seed S --docs N --patients P [--no-check]

Writes synthetic scanned chart documents under DIR/box-NNN/folder-NNN/<name>.<ext>
(PNG, JPEG, TIFF G4/G3/LZW, image-only PDF) and their ground truth to DIR/truth.jsonl,
one JSON object per document, in the same shape as scripts/gen_charts.py output
(source, pages, doc_type, patient_key, layout, format, fields, rotation, notes), so the
existing scorer can read it.

This is a BLIND set: its page layouts, label wordings, name and date formats, text and
name/clinic pools were written independently of the extractor and of the layouts in
scripts/gen_charts.py (only the rendering/degradation/saving helpers of gen_charts.py are
reused: font, pt, degrade, choose_degradation, save, EXT).  Nothing in src/ or tests/ was
consulted.  All layout names start with "blind_".

All people, numbers and organisations are synthetic, drawn from a seeded RNG (phone
numbers use the fictional 555-01xx range); output is deterministic for a given seed.

Ground-truth conventions (per shared/notes/fields.md):
  * patient_name: "Given [Middle] Family [Suffix]" exactly as the page gives it (a middle
    initial becomes a single letter without a dot; a full printed middle name is kept in
    full; hyphens, apostrophes and particles kept, particle case as in "de la Cruz").
  * provider: "First [M] Last" of the responsible/authoring clinician, no titles/degrees.
  * encounter_date / date_of_birth: ISO.  mrn: printed value with separators removed.
  * Fields absent from the document are null.  Every non-null field is printed on the
    page that carries the patient fields (page 1, or page 2 after a fax cover sheet).
  * rotation: clockwise rotation (deg) applied to that page.
  * notes: fax_cover, blank_page:N, rotated_page:N:DEG, no_mrn, same_name_as:PKEY,
    repeat_header, bilevel, skew:DEG, dpi:XxY, distractor:<kind>, plus these extra tags:
    name_suffix (truth name ends in Jr/Sr/III), middle_full (a full middle name is printed
    and kept in the truth), split_name (Last/First/MI cells), checkbox_sex, circled_sex,
    prose_only_patient, prose_dates, stamp, hole_punch, highlighter, low_contrast.
  * Distractor kinds: referring, pcp, cc, addressee, consultant, witness, dictated_by
    (also scribes/transcriptionists), lab_director, prescriber, emergency_contact,
    guarantor, guardian, subscriber, insurance_ids, account_no, encounter_no, accession,
    claim_no, npi, lab_dates, signature_date, printed_timestamp, fax_header, fax_cover_names,
    received_stamp, next_appt, scheduled_date, return_date, prior_study, discharge_date,
    statement_date, notice_date, payment_date, date_range, start_dates, last_updated,
    expiry_date, other_names, phone_fax.

Layouts (--list-layouts prints them; --layouts a,b restricts generation to some):
  intake_form: blind_reg_cells, blind_facesheet, blind_intake_lines
  progress_note: blind_pn_banner, blind_pn_twocol, blind_pn_sticker
  lab_report: blind_lab_infobox, blind_lab_mono
  discharge_summary: blind_dc_ehr, blind_dc_letter
  referral_letter: blind_ref_prose, blind_ref_consult, blind_ref_form
  radiology_report: blind_rad_boxed, blind_rad_mono
  medication_list: blind_med_patient, blind_med_recon
  consent_form: blind_consent_proc, blind_consent_roi, blind_consent_general
  other: blind_other_statement, blind_other_excuse, blind_other_eob
After generation a self-check verifies that each truth value's printed form is on the
patient page and that an unprinted MRN/DOB does not appear anywhere (--no-check skips).
"""
import argparse
import copy
import json
import math
import os
import random
import sys
from datetime import date, timedelta

import numpy as np
from PIL import Image, ImageDraw

sys.dont_write_bytecode = True  # do not leave scripts/__pycache__ behind
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_charts as gc  # noqa: E402  (rendering / degradation / saving infrastructure only)

W, H = gc.W, gc.H
pt = gc.pt

# ----------------------------------------------------------------------------- fonts
FAM = {
    "sans": [("liberation2/LiberationSans-Regular.ttf", "liberation2/LiberationSans-Bold.ttf", "liberation2/LiberationSans-Italic.ttf"),
             ("dejavu/DejaVuSans.ttf", "dejavu/DejaVuSans-Bold.ttf", "dejavu/DejaVuSans-Oblique.ttf"),
             ("freefont/FreeSans.ttf", "freefont/FreeSansBold.ttf", "freefont/FreeSansOblique.ttf"),
             ("dejavu/DejaVuSansCondensed.ttf", "dejavu/DejaVuSansCondensed-Bold.ttf", "dejavu/DejaVuSansCondensed-Oblique.ttf")],
    "serif": [("liberation2/LiberationSerif-Regular.ttf", "liberation2/LiberationSerif-Bold.ttf", "liberation2/LiberationSerif-Italic.ttf"),
              ("dejavu/DejaVuSerif.ttf", "dejavu/DejaVuSerif-Bold.ttf", "dejavu/DejaVuSerif-Italic.ttf"),
              ("freefont/FreeSerif.ttf", "freefont/FreeSerifBold.ttf", "freefont/FreeSerifItalic.ttf")],
    "mono": [("liberation2/LiberationMono-Regular.ttf", "liberation2/LiberationMono-Bold.ttf", "liberation2/LiberationMono-Italic.ttf"),
             ("dejavu/DejaVuSansMono.ttf", "dejavu/DejaVuSansMono-Bold.ttf", "dejavu/DejaVuSansMono-Oblique.ttf")],
}
MONO_FONTS = FAM["mono"]

# ----------------------------------------------------------------------------- pools (own lists)
GIVEN_F = ["Adaeze", "Beatriz", "Colleen", "Dolores", "Esperanza", "Fern", "Gwendolyn", "Hollis", "Imogen",
           "Josefina", "Kateryna", "Lorraine", "Mirela", "Noreen", "Odalys", "Paloma", "Rosalind", "Siobhan",
           "Thuy", "Ursula", "Valentina", "Winifred", "Xiomara", "Yolanda", "Bernadette", "Harriet", "Joanna",
           "Renata", "Mary Ann", "Anne-Marie", "Marie-Claire", "Ana Sofia", "Lucia", "Priscilla", "Marguerite",
           "Tallulah", "Ingrid", "Delia", "Constance", "Maeve"]
GIVEN_M = ["Abdul", "Bartholomew", "Cedric", "Desmond", "Emeka", "Fitzgerald", "Gunnar", "Horace", "Ignacio",
           "Jerome", "Kwame", "Lucien", "Malcolm", "Nikolai", "Osvaldo", "Percival", "Quentin", "Rashid",
           "Sheldon", "Thaddeus", "Ulrich", "Vaughn", "Wendell", "Xavier", "Yusuf", "Zoltan", "Jean-Luc",
           "Juan Carlos", "Luis Miguel", "Billy Ray", "Ambrose", "Clifford", "Ezra", "Reginald", "Tobiah",
           "Lamar", "Ewan", "Dragan", "Hamish", "Rafferty"]
MID_F = ["Ann", "Louise", "Marie", "Jean", "Grace", "Elaine", "Rose", "Beth", "Lynn", "Claire", "Joy", "Renee",
         "Dawn", "Hope", "Irene", "Noelle"]
MID_M = ["James", "Lee", "Allen", "Wayne", "Edward", "Ray", "Dean", "Paul", "Thomas", "Joseph", "Otis", "Glenn",
         "Hugh", "Kofi", "Anselm", "Bruce"]
FAMILY = ["Abernethy", "Blackwood", "Castellanos", "Dunleavy", "Eskildsen", "Fairweather", "Gutierrez", "Halvorsen",
          "Ibarra", "Jankowski", "Kilbride", "Lachance", "Mwangi", "Nakashima", "Oyelaran", "Pacheco", "Quintero",
          "Szabo", "Trujillo", "Umberger", "Valdivia", "Wojcik", "Yamamoto", "Zielinski", "Achterberg", "Bello",
          "Cardenas", "Everly", "Foss", "Greer", "Holm", "Jovanovic", "Kaur", "Lindahl", "Moreau", "Nwosu",
          "Ostrowski", "Pruitt", "Rhee", "Soto", "Tran", "Underhill", "Whitlock", "Yoder", "Ferreira", "Hawkes"]
FAMILY_SPECIAL = ["O'Neil", "O'Malley", "D'Souza", "de la Cruz", "de los Santos", "Van Buren", "van der Berg",
                  "St. Pierre", "McKinnon", "MacLeod", "Smith-Okafor", "Hernandez-Ruiz", "Lloyd-Jones", "Ben-David",
                  "Al-Masri", "Du Bois", "La Rosa", "LeBlanc", "Dos Santos", "O'Dowd-Farrell"]
CLIN_FIRST = ["Adebayo", "Bronwyn", "Cornelius", "Delphine", "Emmett", "Farah", "Gideon", "Isolde", "Jasper",
              "Keiko", "Leopold", "Marisol", "Nathaniel", "Octavia", "Pradeep", "Rosalie", "Sebastian", "Tamsin",
              "Umar", "Vivienne", "Wilhelm", "Yara", "Zachariah", "Annika", "Bertrand", "Celeste", "Dorian",
              "Magnus", "Soraya", "Thelma", "Ravi", "Hedda"]
CLIN_LAST = ["Achebe", "Brightwater", "Cavanaugh", "Dalrymple", "Ekstrom", "Fontaine", "Gudmundsson", "Hawthorne",
             "Iwasaki", "Jorgensen", "Kapoor", "Lindquist", "Montgomery", "Nwachukwu", "Orozco", "Prescott",
             "Quarles", "Rosenthal", "Sandoval", "Tanaka", "Villanueva", "Whitaker", "Yilmaz", "Zamora",
             "Ashworth", "Bhattacharya", "Demir", "Okoro", "Lefebvre", "Szymanski", "Ferraro", "Haugen"]
MI_POOL = "ABCDEFGHJKLMNPRSTW"
CREDS = ["MD", "MD", "MD", "MD", "DO", "NP", "PA-C", "M.D.", "MD, FACP", "D.O.", "APRN, FNP-C", "MD, PhD"]
STAFF = ["Tina Rowe", "Marcus Bell", "Gloria Estevez", "Dana Kruger", "Lionel Pratt", "Shauna Pike",
         "Ruth Ann Cole", "Kendra Mays", "Omar Said", "Bea Lindon", "Corey Vance", "Jolene Ruiz"]
SPECIALTIES = ["Cardiology", "Neurology", "Gastroenterology", "Rheumatology", "Pulmonary Medicine",
               "Endocrinology", "Urology", "Orthopaedic Surgery", "Dermatology", "Otolaryngology",
               "Hematology/Oncology", "Nephrology"]
AREA = ["217", "312", "419", "515", "608", "704", "828", "919", "563", "262", "406", "207"]
CITIES = [("Bramble Falls", "OR", "973"), ("Cutler Springs", "KS", "670"), ("Harlow", "VT", "054"),
          ("New Esker", "MN", "556"), ("Pellston Bay", "WA", "982"), ("Quarry Hill", "PA", "173"),
          ("Salt Meadow", "NE", "683"), ("Tamsworth", "GA", "305"), ("Vellmar", "WI", "541")]
STREETS = ["Larkspur Ln", "Quarry Rd", "Old Mill Pike", "Juniper Ct", "Tannery St", "Heron Way",
           "Foundry Ave", "Beacon Hill Rd", "Orchard Row", "Kestrel Dr", "Sawgrass Blvd", "Wicklow Pl"]
CLINICS = ["Bramblewood Family Health", "Copper Basin Internal Medicine", "Three Rivers Health Partners",
           "Harrowgate Orthopaedics", "Meadowlark Pediatrics", "Glenhaven Cardiology Associates",
           "Foxglove Primary Care", "Ironwood Neurology Group", "Saltmarsh Gastroenterology",
           "Whistler Creek Medical Group"]
HOSPITALS = ["St. Aldric Regional Medical Center", "North Fork Community Hospital", "Bellhaven General Hospital",
             "Marrowstone Valley Medical Center"]
LABS = ["Tidewater Reference Laboratory", "Kestrel Diagnostics", "Northstar Clinical Labs",
        "Bellhaven General Hospital Laboratory"]
IMAGING = ["Prairie Sky Imaging", "Lumen Teleradiology Partners", "St. Aldric Department of Radiology",
           "Clearview Diagnostic Imaging"]
PAYERS = ["Keystone Valley Health Plan", "Cascade Mutual Insurance", "Heartland Care PPO", "Evergreen Advantage HMO",
          "Pinnacle Employee Health Trust"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]

DXS = [("Essential (primary) hypertension", "I10"), ("Type 2 diabetes mellitus with hyperglycemia", "E11.65"),
       ("Mixed hyperlipidemia", "E78.2"), ("Chronic migraine without aura", "G43.709"),
       ("Moderate persistent asthma, uncomplicated", "J45.40"), ("Generalized anxiety disorder", "F41.1"),
       ("Primary osteoarthritis, left hip", "M16.12"), ("Obstructive sleep apnea", "G47.33"),
       ("Chronic systolic heart failure", "I50.22"), ("Hypothyroidism, acquired", "E03.9"),
       ("Irritable bowel syndrome with diarrhea", "K58.0"), ("Plantar fasciitis, right foot", "M72.2"),
       ("Vitamin B12 deficiency anemia", "D51.9"), ("Gout, unspecified", "M10.9"),
       ("Allergic rhinitis due to pollen", "J30.1"), ("Cervicalgia", "M54.2"), ("Overactive bladder", "N32.81"),
       ("Paroxysmal atrial fibrillation", "I48.0"), ("Chronic kidney disease, stage 3b", "N18.32")]
MEDS = [("Hydrochlorothiazide", "25 mg", "PO", "daily"), ("Rosuvastatin", "10 mg", "PO", "nightly"),
        ("Glipizide", "5 mg", "PO", "twice daily"), ("Montelukast", "10 mg", "PO", "at bedtime"),
        ("Tamsulosin", "0.4 mg", "PO", "daily"), ("Escitalopram", "10 mg", "PO", "daily"),
        ("Carvedilol", "12.5 mg", "PO", "twice daily"), ("Pantoprazole", "40 mg", "PO", "before breakfast"),
        ("Fluticasone nasal spray", "50 mcg", "nasal", "2 sprays daily"), ("Allopurinol", "100 mg", "PO", "daily"),
        ("Cyanocobalamin", "1000 mcg", "PO", "daily"), ("Meloxicam", "7.5 mg", "PO", "daily with food"),
        ("Sumatriptan", "50 mg", "PO", "as needed for migraine"), ("Insulin glargine", "20 units", "SC", "at bedtime"),
        ("Oxybutynin ER", "5 mg", "PO", "daily"), ("Spironolactone", "25 mg", "PO", "daily"),
        ("Budesonide-formoterol", "160/4.5 mcg", "inhaled", "2 puffs twice daily"), ("Cetirizine", "10 mg", "PO", "daily"),
        ("Acetaminophen", "500 mg", "PO", "every 6 h as needed"), ("Levothyroxine", "88 mcg", "PO", "every morning"),
        ("Apixaban", "5 mg", "PO", "twice daily"), ("Colchicine", "0.6 mg", "PO", "daily")]
LABPANELS = {
    "COMPREHENSIVE METABOLIC PANEL": [("Sodium", 136, 145, 0, "mmol/L"), ("Potassium", 3.5, 5.1, 1, "mmol/L"),
                                      ("Chloride", 98, 107, 0, "mmol/L"), ("Carbon Dioxide", 21, 31, 0, "mmol/L"),
                                      ("Glucose", 70, 99, 0, "mg/dL"), ("Urea Nitrogen (BUN)", 6, 24, 0, "mg/dL"),
                                      ("Creatinine", 0.57, 1.27, 2, "mg/dL"), ("Calcium", 8.7, 10.2, 1, "mg/dL"),
                                      ("Protein, Total", 6.0, 8.5, 1, "g/dL"), ("Albumin", 3.8, 4.9, 1, "g/dL"),
                                      ("Bilirubin, Total", 0.1, 1.2, 1, "mg/dL"), ("Alkaline Phosphatase", 44, 121, 0, "IU/L"),
                                      ("AST (SGOT)", 5, 40, 0, "IU/L"), ("ALT (SGPT)", 5, 32, 0, "IU/L")],
    "CBC WITH PLATELETS": [("WBC", 3.4, 10.8, 1, "x10E3/uL"), ("RBC", 3.77, 5.28, 2, "x10E6/uL"),
                           ("Hemoglobin", 11.1, 15.9, 1, "g/dL"), ("Hematocrit", 34.0, 46.6, 1, "%"),
                           ("MCV", 79, 97, 0, "fL"), ("MCH", 26.6, 33.0, 1, "pg"), ("RDW", 11.7, 15.4, 1, "%"),
                           ("Platelets", 150, 450, 0, "x10E3/uL")],
    "LIPID PANEL": [("Cholesterol, Total", 100, 199, 0, "mg/dL"), ("Triglycerides", 30, 149, 0, "mg/dL"),
                    ("HDL Cholesterol", 40, 90, 0, "mg/dL"), ("VLDL Cholesterol Cal", 5, 40, 0, "mg/dL"),
                    ("LDL Chol Calc (NIH)", 20, 99, 0, "mg/dL")],
    "THYROID CASCADE": [("TSH", 0.45, 4.5, 3, "uIU/mL"), ("Free T4 (Direct)", 0.82, 1.77, 2, "ng/dL")],
    "HEMOGLOBIN A1C": [("Hemoglobin A1c", 4.8, 5.6, 1, "%")],
    "IRON AND TIBC": [("Iron", 27, 159, 0, "ug/dL"), ("TIBC", 250, 450, 0, "ug/dL"), ("Ferritin", 15, 150, 0, "ng/mL")],
}
EXAMS = {
    "CT HEAD WITHOUT CONTRAST": (["No acute intracranial hemorrhage, mass effect or midline shift.",
                                  "Gray-white matter differentiation is preserved.",
                                  "Ventricles and sulci are proportionate and age-appropriate.",
                                  "Scattered periventricular white matter hypodensities, likely chronic small vessel change.",
                                  "The visualized paranasal sinuses and mastoid air cells are clear."],
                                 ["No acute intracranial abnormality.", "Mild chronic small vessel ischemic change."]),
    "XR CHEST 2 VIEWS": (["The lungs are clear without focal consolidation, pleural effusion or pneumothorax.",
                          "The cardiomediastinal silhouette is within normal limits.",
                          "Degenerative change of the thoracic spine. No acute osseous abnormality."],
                         ["No acute cardiopulmonary process."]),
    "US RIGHT UPPER QUADRANT": (["The gallbladder contains several mobile, shadowing echogenic stones.",
                                 "No gallbladder wall thickening or pericholecystic fluid. Sonographic Murphy sign negative.",
                                 "Common bile duct measures 4 mm. Liver is normal in size and echotexture.",
                                 "Right kidney without hydronephrosis."],
                                ["Cholelithiasis without sonographic evidence of acute cholecystitis."]),
    "CT ABDOMEN AND PELVIS WITH IV CONTRAST": (["Liver, spleen, pancreas and adrenal glands are unremarkable.",
                                                "Small hiatal hernia. The appendix is normal.",
                                                "Sigmoid diverticulosis without inflammatory change.",
                                                "No free fluid or free air. No lymphadenopathy."],
                                               ["Sigmoid diverticulosis without diverticulitis.", "Small hiatal hernia."]),
    "MRI CERVICAL SPINE WITHOUT CONTRAST": (["Alignment is maintained. Vertebral body heights are preserved.",
                                            "C5-C6: disc osteophyte complex with mild left foraminal narrowing.",
                                            "C6-C7: small central disc protrusion without cord compression.",
                                            "The spinal cord is normal in signal and caliber."],
                                           ["Mild degenerative disc disease at C5-C6 and C6-C7.",
                                            "Mild left C5-C6 foraminal narrowing."]),
    "XR RIGHT ANKLE 3 VIEWS": (["No acute fracture or dislocation.", "Ankle mortise is congruent.",
                                "Lateral soft tissue swelling. Small plantar calcaneal spur."],
                               ["No acute osseous injury.", "Lateral soft tissue swelling."]),
    "CTA CHEST PULMONARY EMBOLISM PROTOCOL": (["Adequate opacification of the pulmonary arteries.",
                                              "No filling defect to suggest pulmonary embolism.",
                                              "Mild dependent atelectasis bilaterally. No effusion.",
                                              "Heart size is normal. No pericardial effusion."],
                                             ["No evidence of pulmonary embolism.", "Mild bibasilar atelectasis."]),
}
PROCS = ["diagnostic colonoscopy with possible biopsy and polyp removal", "left total knee arthroplasty",
         "right carpal tunnel release", "cystoscopy with ureteral stent placement", "lumbar puncture",
         "excisional biopsy of right axillary lymph node", "transesophageal echocardiogram with sedation",
         "cataract extraction with intraocular lens implant, left eye"]
PROCS_CHILD = ["tonsillectomy and adenoidectomy", "bilateral myringotomy with tube placement",
               "closed reduction of left forearm fracture under sedation"]


def rdate(rng, a, b):
    return a + timedelta(days=rng.randint(0, (b - a).days))


def fdate(d, f):
    """Own formats on top of gc.fmt_date's."""
    mon = MONTHS[d.month - 1]
    if f == "dBY":
        return "%02d %s %04d" % (d.day, mon[:3].upper(), d.year)
    if f == "dbY_up":
        return "%02d-%s-%04d" % (d.day, mon[:3].upper(), d.year)
    if f == "bd_Y":
        return "%s %d, %04d" % (mon[:3], d.day, d.year)
    if f == "mdy0":
        return "%02d/%02d/%02d" % (d.month, d.day, d.year % 100)
    if f == "dBY_long":
        return "%d %s %04d" % (d.day, mon, d.year)
    return gc.fmt_date(d, f)


DATE_FMTS = ["mdY", "mdY", "mdY", "mdY", "md_Y", "md_Y", "mdy", "dbY", "BdY", "BdY", "iso", "m-d-Y", "bdY",
             "dBY", "dbY_up", "bd_Y", "mdy0"]
NUMERIC_FMTS = ["mdY", "md_Y", "mdy0", "m-d-Y", "iso", "mdY"]


def phone(rng):
    ac = rng.choice(AREA)
    n = "01%02d" % rng.randint(0, 99)
    return rng.choice(["(%s) 555-%s", "%s-555-%s", "%s.555.%s"]) % (ac, n)


def digits(rng, n):
    return "".join(rng.choice("0123456789") for _ in range(n))


def npi(rng):
    return "1" + digits(rng, 9)


def wrap_lines(text, f, width):
    out, cur = [], ""
    for w in text.split():
        t = (cur + " " + w) if cur else w
        if f.getlength(t) <= width or not cur:
            cur = t
        else:
            out.append(cur)
            cur = w
    if cur:
        out.append(cur)
    return out


# ----------------------------------------------------------------------------- people
def make_clinicians(seed, n=48):
    rng = random.Random("%s:clinicians" % seed)
    out, seen = [], set()
    while len(out) < n:
        fi, la = rng.choice(CLIN_FIRST), rng.choice(CLIN_LAST)
        if (fi, la) in seen:
            continue
        seen.add((fi, la))
        out.append({"first": fi, "mi": rng.choice(MI_POOL) if rng.random() < 0.75 else None, "last": la,
                    "cred": rng.choice(CREDS), "spec": rng.choice(SPECIALTIES), "npi": npi(rng)})
    return out


def make_mrn(rng):
    k = rng.random()
    if k < 0.35:
        canon = "00" + digits(rng, 6)
    elif k < 0.55:
        canon = "0" + digits(rng, rng.choice([6, 7, 8]))
    elif k < 0.8:
        canon = str(rng.randint(1, 9)) + digits(rng, rng.choice([6, 7, 8]))
    else:
        canon = rng.choice(["M", "E", "K", "MR", "HN", "V"]) + digits(rng, rng.choice([6, 7]))
    return canon


def person_name(rng, family, sex=None, avoid=()):
    while True:
        sx = sex or rng.choice("FM")
        g = rng.choice(GIVEN_F if sx == "F" else GIVEN_M)
        if g not in avoid:
            return {"given": g, "family": family, "sex": sx}


def make_patients(seed, n):
    rng = random.Random("%s:patients" % seed)
    pats = []
    for i in range(n):
        key = "P%04d" % (i + 1)
        clone = rng.choice(pats) if pats and rng.random() < 0.14 and not pats[-1].get("clone_of") else None
        if clone is not None:
            given, middle, family, suffix, sex = (clone["given"], clone["middle"], clone["family"],
                                                  clone["suffix"], clone["sex"])
        else:
            sex = rng.choices("FMOU", [48, 48, 2, 2])[0]
            fpool = sex == "F" or (sex in "OU" and rng.random() < 0.5)
            given = rng.choice(GIVEN_F if fpool else GIVEN_M)
            middle = None if rng.random() < 0.22 else rng.choice(MID_F if fpool else MID_M)
            family = rng.choice(FAMILY_SPECIAL) if rng.random() < 0.35 else rng.choice(FAMILY)
            suffix = rng.choice(["Jr", "Sr", "III"]) if sex == "M" and rng.random() < 0.08 else None
        band = rng.random()
        if band < 0.14:
            dob = rdate(rng, date(2006, 1, 1), date(2019, 12, 31))
        elif band < 0.75:
            dob = rdate(rng, date(1950, 1, 1), date(2003, 12, 31))
        else:
            dob = rdate(rng, date(1928, 6, 1), date(1949, 12, 31))
        mrn = make_mrn(rng)
        city, st, z = rng.choice(CITIES)
        p = {"key": key, "given": given, "middle": middle, "family": family, "suffix": suffix, "sex": sex,
             "dob": dob, "mrn": mrn, "street": "%d %s" % (rng.randint(12, 9800), rng.choice(STREETS)),
             "city": city, "state": st, "zip": z + digits(rng, 2), "phone": phone(rng), "cell": phone(rng),
             "same_as": [], "clone_of": clone["key"] if clone else None}
        p["child"] = (date(2024, 1, 1) - dob).days < 18 * 365
        # family members (same surname often) with their own DOBs
        avoid = {given}
        if p["child"]:
            par = person_name(rng, family if rng.random() < 0.8 else rng.choice(FAMILY), avoid=avoid)
            par["dob"] = rdate(rng, date(1968, 1, 1), date(1995, 12, 31))
            par["rel"] = "Mother" if par["sex"] == "F" else "Father"
            p["guardian"] = par
            p["guarantor"] = par
            ec = person_name(rng, family, avoid=avoid | {par["given"]})
            ec["rel"] = rng.choice(["Grandmother", "Aunt", "Mother"] if ec["sex"] == "F" else ["Grandfather", "Uncle", "Father"])
        else:
            sp = person_name(rng, family if rng.random() < 0.6 else rng.choice(FAMILY), avoid=avoid)
            sp["dob"] = dob + timedelta(days=rng.randint(-3000, 3000))
            sp["rel"] = "Spouse"
            p["guardian"] = None
            p["guarantor"] = sp if rng.random() < 0.45 else None  # None = self
            if rng.random() < 0.5:
                ec = sp
            else:
                ec = person_name(rng, family, avoid=avoid)
                ec["rel"] = rng.choice(["Daughter", "Sister", "Niece"] if ec["sex"] == "F" else ["Son", "Brother", "Nephew"])
        ec = dict(ec)
        ec["phone"] = phone(rng)
        p["ec"] = ec
        sub = p["guarantor"]
        p["ins"] = {"payer": rng.choice(PAYERS), "member": "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(3)) + digits(rng, 9),
                    "group": rng.choice(["GRP-", "", "G"]) + digits(rng, rng.choice([5, 6, 7])),
                    "sub": sub}
        if clone is not None:
            clone["same_as"].append(key)
            p["same_as"].append(clone["key"])
        pats.append(p)
    return pats


class PName:
    """One document's rendering of the patient's name (middle-name mode fixed per document)."""

    def __init__(self, p, mode):
        self.g, self.m, self.f, self.sfx, self.sex = p["given"], p["middle"], p["family"], p["suffix"], p["sex"]
        if not self.m:
            mode = "none"
        self.mode = mode
        self.mid = {"init_dot": (self.m or " ")[0] + ".", "init": (self.m or " ")[0], "full": self.m or "", "none": ""}[mode]
        tm = {"init_dot": (self.m or " ")[0], "init": (self.m or " ")[0], "full": self.m, "none": None}[mode]
        self.truth = " ".join(x for x in [self.g, tm, self.f, self.sfx] if x)
        self.child = p["child"]

    def fml(self, caps=False):
        s = " ".join(x for x in [self.g, self.mid, self.f] if x) + (" " + self.sfx if self.sfx else "")
        return s.upper() if caps else s

    def lfm(self, caps=False, tight=False):
        last = self.f + (" " + self.sfx if self.sfx else "")
        first = " ".join(x for x in [self.g, self.mid] if x)
        s = last + ("," if tight else ", ") + first
        return s.upper() if caps else s

    def title(self, married=False):
        if self.child or self.sex not in "FM":
            return None
        return "Mr." if self.sex == "M" else ("Mrs." if married else "Ms.")

    def short(self, married=False):
        t = self.title(married)
        if t is None:
            return self.g
        return "%s %s" % (t, self.f[0].upper() + self.f[1:] if self.f[0].islower() else self.f)


class PForm:
    def __init__(self, c, show_mi, dot):
        self.c = c
        self.first, self.last, self.cred = c["first"], c["last"], c["cred"]
        self.mi = c["mi"] if (c["mi"] and show_mi) else None
        self.mis = (self.mi + ("." if dot else "")) if self.mi else None
        self.truth = " ".join(x for x in [self.first, self.mi, self.last] if x)

    def fml(self):
        return " ".join(x for x in [self.first, self.mis, self.last] if x)

    def is_dr(self):
        return self.cred.replace(".", "").split(",")[0] in ("MD", "DO")

    def form(self, kind):
        n = self.fml()
        if kind == "dr" and not self.is_dr():
            kind = "cred"
        if kind == "cred":
            return "%s, %s" % (n, self.cred)
        if kind == "dr":
            return "Dr. " + n
        if kind == "lf":
            return "%s, %s" % (self.last, " ".join(x for x in [self.first, self.mis] if x))
        if kind == "lf_cred":
            return "%s, %s %s" % (self.last, " ".join(x for x in [self.first, self.mis] if x), self.cred.split(",")[0])
        if kind == "LF":
            return ("%s, %s %s" % (self.last, " ".join(x for x in [self.first, self.mi] if x), self.cred.split(",")[0].replace(".", ""))).upper()
        if kind == "LFt":
            return ("%s,%s" % (self.last, " ".join(x for x in [self.first, self.mi] if x))).upper()
        if kind == "CAPS":
            return ("%s %s" % (" ".join(x for x in [self.first, self.mi, self.last] if x), self.cred.split(",")[0].replace(".", ""))).upper()
        if kind == "plain":
            return n
        raise ValueError(kind)

    def drlast(self):
        return ("Dr. " + self.last) if self.is_dr() else self.form("cred")


# ----------------------------------------------------------------------------- style / page
class Style:
    def __init__(self, rng, fam=None, base=None):
        self.fam = fam or rng.choice(["sans"] * 5 + ["serif"] * 3 + ["mono"])
        self.reg, self.bold, self.ital = rng.choice(FAM[self.fam])
        self.base = base or rng.choice([8, 9, 9, 9.5, 10, 10, 10, 10.5, 10.5, 11, 11, 12])
        self.lbold = rng.random() < 0.55
        self.colon = rng.random() < 0.88
        self.ucl = rng.random() < 0.25
        self.ml = rng.randint(150, 260)
        self.mr = W - rng.randint(150, 260)
        self.mt = rng.randint(150, 250)
        self.mb = H - rng.randint(180, 260)
        self.rw = rng.choice([2, 3, 3, 4])
        self.mono = rng.choice(MONO_FONTS)
        self.fill = rng.choice(["ital", "mono", "reg", "ital"])  # font used for filled-in form values

    def f(self, size=None, bold=False, ital=False, mono=False):
        px = pt(size or self.base)
        if mono:
            path = self.mono[1 if bold else 0]
        elif ital:
            path = self.ital
        else:
            path = self.bold if bold else self.reg
        return gc.font(path, px)

    def L(self, s, colon=None):
        s = s.upper() if self.ucl else s
        if (self.colon if colon is None else colon) and not s.endswith(":") and not s.endswith("#"):
            s += ":"
        elif (self.colon if colon is None else colon) and s.endswith("#"):
            s += ":"
        return s

    def lh(self, size=None, lead=1.42):
        return int(pt(size or self.base) * lead)


class Page:
    def __init__(self, st):
        self.st = st
        self.im = Image.new("L", (W, H), 255)
        self.d = ImageDraw.Draw(self.im)
        self.log = []
        self.prot = []

    def t(self, x, y, s, size=None, bold=False, ital=False, mono=False, fill=0, align="l", prot=False, font=None,
          maxw=None):
        f = font or self.st.f(size, bold, ital, mono)
        if maxw:
            sz = size or self.st.base
            while f.getlength(s) > maxw and sz > 6:
                sz -= 0.5
                f = self.st.f(sz, bold, ital, mono) if font is None else gc.font(f.path, pt(sz))
        w = f.getlength(s)
        if align == "r":
            x -= w
        elif align == "c":
            x -= w / 2
        x, y = int(round(x)), int(round(y))
        self.d.text((x, y), s, font=f, fill=fill)
        self.log.append(s)
        if prot:
            self.prot.append(self.d.textbbox((x, y), s, font=f))
        return x + w

    def tw(self, s, size=None, bold=False, ital=False, mono=False):
        return self.st.f(size, bold, ital, mono).getlength(s)

    def line(self, x0, y0, x1, y1, w=None, fill=0):
        self.d.line([(int(x0), int(y0)), (int(x1), int(y1))], fill=fill, width=w or self.st.rw)

    def dashed(self, x0, y, x1, w=2, dash=18):
        x = x0
        while x < x1:
            self.d.line([(int(x), int(y)), (int(min(x + dash, x1)), int(y))], fill=0, width=w)
            x += dash * 2

    def rect(self, x0, y0, x1, y1, w=None, fill=None, outline=0):
        self.d.rectangle([int(x0), int(y0), int(x1), int(y1)], fill=fill, outline=outline, width=w or self.st.rw)

    def shade(self, x0, y0, x1, y1, g=228):
        self.d.rectangle([int(x0), int(y0), int(x1), int(y1)], fill=g)

    def lv(self, x, y, label, value, size=None, vx=None, gap=None, lbold=None, prot=True, vbold=False, vital=False,
           vmono=False, maxw=None):
        lb = self.st.lbold if lbold is None else lbold
        lab = self.st.L(label)
        ex = self.t(x, y, lab, size, bold=lb)
        if vx is None:
            vx = ex + (gap if gap is not None else pt(size or self.st.base) * 0.45)
        end = self.t(vx, y, value, size, bold=vbold, ital=vital, mono=vmono, maxw=maxw)
        if prot:
            self.prot.append((int(x), int(y), int(end), int(y + pt(size or self.st.base) * 1.2)))
        return end

    def para(self, x, y, width, text, size=None, lead=1.4, ital=False, bold=False, mono=False, prot=False):
        f = self.st.f(size, bold, ital, mono)
        for ln in wrap_lines(text, f, width):
            self.t(x, y, ln, font=f, prot=prot)
            y += int(pt(size or self.st.base) * lead)
        return y

    def checkbox(self, x, y, s, checked, size=None, mark="X"):
        px = pt(size or self.st.base)
        b = int(px * 0.8)
        yy = y + int(px * 0.15)
        self.d.rectangle([x, yy, x + b, yy + b], outline=0, width=3)
        if checked:
            if mark == "X":
                self.d.line([(x + 6, yy + 6), (x + b - 6, yy + b - 6)], fill=0, width=5)
                self.d.line([(x + 6, yy + b - 6), (x + b - 6, yy + 6)], fill=0, width=5)
            else:
                self.d.rectangle([x + 7, yy + 7, x + b - 7, yy + b - 7], fill=0)
        return self.t(x + b + int(px * 0.3), y, s, size)

    def circle_word(self, x, y, s, size=None):
        """Draw a hand-drawn ellipse around text starting at x,y (text must already be drawn)."""
        px = pt(size or self.st.base)
        w = self.tw(s, size)
        self.d.ellipse([x - 16, y - 10, x + w + 16, y + px * 1.25], outline=20, width=5)

    def scribble(self, rng, x, y, w, h=70):
        n = rng.randint(7, 12)
        pts = []
        for i in range(n * 4):
            t = i / (n * 4 - 1)
            px = x + w * t
            py = y + h * 0.5 * math.sin(t * n * math.pi + rng.random() * 0.6) * (0.4 + 0.6 * rng.random())
            pts.append((px, py))
        self.d.line(pts, fill=30, width=5, joint="curve")


class Flow:
    """Flows body blocks down the page, starting new pages via newpage() -> (Page, y)."""

    def __init__(self, C, pg, y, newpage, x0=None, x1=None, bottom=None, maxpages=4):
        self.C, self.pg, self.y, self.newpage = C, pg, y, newpage
        st = C.st
        self.x0 = st.ml if x0 is None else x0
        self.x1 = st.mr if x1 is None else x1
        self.bottom = bottom or st.mb
        self.maxpages = maxpages
        self.dead = False
        self.on_newpage = None

    def need(self, h):
        if self.dead:
            return False
        if self.y + h > self.bottom:
            if len(self.C.pages) >= self.maxpages:
                self.dead = True
                return False
            self.pg, self.y = self.newpage()
            if self.on_newpage:
                self.on_newpage()
        return True

    def heading(self, s, size=None, bold=True, shade=False, under=False, caps=False):
        st = self.C.st
        size = size or st.base
        lh = st.lh(size, 1.5)
        if not self.need(lh * 2.5):
            return
        self.y += int(pt(size) * 0.3)
        s = s.upper() if caps else s
        if shade:
            self.pg.shade(self.x0 - 10, self.y - 8, self.x1, self.y + pt(size) * 1.3)
        self.pg.t(self.x0, self.y, s, size, bold=bold)
        if under:
            self.pg.line(self.x0, self.y + pt(size) * 1.25, self.x0 + self.pg.tw(s, size, bold), self.y + pt(size) * 1.25, 2)
        self.y += lh

    def para(self, text, size=None, indent=0, lead=1.4, ital=False, mono=False, after=0.35, lead_label=None):
        st = self.C.st
        f = st.f(size, ital=ital, mono=mono)
        lh = st.lh(size, lead)
        x = self.x0 + indent
        width = self.x1 - x
        if lead_label:
            fb = st.f(size, bold=True, mono=mono)
            lw = fb.getlength(lead_label + " ")
            lines = wrap_lines(text, f, width - lw)
            first = True
            for ln in lines:
                if not self.need(lh):
                    return
                if first:
                    self.pg.t(x, self.y, lead_label, font=fb)
                    self.pg.t(x + lw, self.y, ln, font=f)
                    first = False
                else:
                    self.pg.t(x + lw, self.y, ln, font=f)
                self.y += lh
        else:
            for ln in wrap_lines(text, f, width):
                if not self.need(lh):
                    return
                self.pg.t(x, self.y, ln, font=f)
                self.y += lh
        self.y += int(lh * after)

    def text(self, s, size=None, bold=False, mono=False, indent=0, lead=1.4):
        lh = self.C.st.lh(size, lead)
        if not self.need(lh):
            return
        self.pg.t(self.x0 + indent, self.y, s, size, bold=bold, mono=mono)
        self.y += lh

    def space(self, k=0.6):
        self.y += int(pt(self.C.st.base) * k)

    def table(self, cols, header, rows, size=None, rules="h", shade_head=True, mono=False, head_bold=True):
        st = self.C.st
        size = size or st.base
        lh = st.lh(size, 1.6)
        x0 = self.x0
        tot = sum(cols)
        scale = (self.x1 - self.x0) / tot
        cw = [c * scale for c in cols]

        def draw_row(cells, bold, shade):
            y = self.y
            if shade:
                self.pg.shade(x0, y - 6, x0 + sum(cw), y + lh - 6)
            x = x0
            for c, w in zip(cells, cw):
                self.pg.t(x + 10, y + 2, str(c), size, bold=bold, mono=mono, maxw=w - 16)
                x += w
            if rules in ("h", "grid"):
                self.pg.line(x0, y + lh - 6, x0 + sum(cw), y + lh - 6, 2)
            if rules == "grid":
                x = x0
                for w in cw + [0]:
                    self.pg.line(x, y - 6, x, y + lh - 6, 2)
                    x += w
            self.y += lh

        if not self.need(lh * 3):
            return
        if rules in ("h", "grid"):
            self.pg.line(x0, self.y - 6, x0 + sum(cw), self.y - 6, 2)
        draw_row(header, head_bold, shade_head)
        for r in rows:
            before = len(self.C.pages)
            if not self.need(lh):
                return
            if len(self.C.pages) != before:
                if rules in ("h", "grid"):
                    self.pg.line(x0, self.y - 6, x0 + sum(cw), self.y - 6, 2)
                draw_row(header, head_bold, shade_head)
            draw_row(r, False, False)
        self.y += int(lh * 0.4)


def cells_row(pg, x0, x1, y, items, h=None, size=None, lab_size=None, fillfont=None, rw=2, shade_label=False):
    """Boxed form cells, label small in the top-left corner and value below it.
    items: list of (label, value, weight)."""
    st = pg.st
    size = size or st.base
    lab_size = lab_size or max(6.5, size - 2.5)
    h = h or int(pt(lab_size) * 1.3 + pt(size) * 1.6)
    tot = sum(it[2] for it in items)
    x = x0
    xs = []
    cells_row.xs = xs
    for lab, val, wgt in items:
        w = (x1 - x0) * wgt / tot
        if shade_label:
            pg.shade(x, y, x + w, y + pt(lab_size) * 1.3)
        pg.rect(x, y, x + w, y + h, w=rw)
        pg.t(x + 10, y + 6, lab, lab_size, bold=st.lbold)
        if val:
            if fillfont == "ital":
                pg.t(x + 18, y + pt(lab_size) * 1.35, val, size, ital=True, prot=True, maxw=w - 30)
            elif fillfont == "mono":
                pg.t(x + 18, y + pt(lab_size) * 1.35, val, size, mono=True, prot=True, maxw=w - 30)
            else:
                pg.t(x + 18, y + pt(lab_size) * 1.35, val, size, prot=True, maxw=w - 30)
        xs.append((x, w))
        x += w
    return y + h


def blank_line(pg, x, y, label, value, x_end, size=None, fill="ital", lbold=None, prot=True):
    """'Label: ________' with value written on the underline."""
    st = pg.st
    size = size or st.base
    ex = pg.t(x, y, st.L(label) if label else "", size, bold=st.lbold if lbold is None else lbold)
    ux = ex + 14
    base_y = y + pt(size) * 1.12
    pg.line(ux, base_y, x_end, base_y, 2)
    if value:
        pg.t(ux + 18, y - 2, value, size, ital=(fill == "ital"), mono=(fill == "mono"), prot=prot, maxw=x_end - ux - 24)
    return x_end


# ----------------------------------------------------------------------------- document context
FIELDS = ["patient_name", "date_of_birth", "mrn", "sex", "encounter_date", "provider"]
SEXWORD = {"F": "Female", "M": "Male", "O": "Other", "U": "Unknown"}


class Ctx:
    def __init__(self, rng, pat, clins, doc_type):
        self.rng = rng
        self.pat = pat
        self.clins = clins
        self.doc_type = doc_type
        self.st = Style(rng)
        mode = rng.choices(["init", "init_dot", "full", "none"], [38, 32, 12, 18])[0]
        self.nm = PName(pat, mode)
        lo = max(date(2018, 3, 1), pat["dob"] + timedelta(days=40))
        self.enc = rdate(rng, lo, date(2024, 9, 30))
        self.df = rng.choice(DATE_FMTS)
        self.dobf = self.df if rng.random() < 0.7 else rng.choice(DATE_FMTS)
        self.has_mrn = rng.random() > 0.1
        m = pat["mrn"]
        k = rng.random()
        if m.isdigit():
            if k < 0.45:
                self.mrn_p = m
            elif k < 0.7:
                h = len(m) // 2
                self.mrn_p = m[:h] + "-" + m[h:]
            elif k < 0.85:
                self.mrn_p = "-".join(m[i:i + 3] for i in range(0, len(m), 3))
            else:
                h = len(m) // 2
                self.mrn_p = m[:h] + " " + m[h:]
        else:
            i = len(m.rstrip("0123456789"))
            self.mrn_p = m if k < 0.5 else (m[:i] + "-" + m[i:] if k < 0.8 else m[:i] + " " + m[i:])
        self.used = set()
        self.pv = self.clin(md=doc_type in ("discharge_summary", "radiology_report", "consent_form"))
        self.first_fac = None
        self.truth = {f: None for f in FIELDS}
        self.reg = {f: [] for f in FIELDS}
        self.notes = []
        self.pages = []
        self.footer = None
        self.dxs = rng.sample(DXS, 4)
        self.fax_hint = False
        self.long = rng.random() < 0.4
        self.xlong = self.long and rng.random() < 0.35

    # --- people
    def clin(self, md=False):
        while True:
            c = self.rng.choice(self.clins)
            if md and c["cred"].replace(".", "").split(",")[0] not in ("MD", "DO"):
                continue
            if id(c) not in self.used:
                self.used.add(id(c))
                return PForm(c, self.rng.random() < 0.7, self.rng.random() < 0.6)

    def staff(self):
        return self.rng.choice(STAFF)

    def new_page(self):
        pg = Page(self.st)
        self.pages.append(pg)
        return pg

    # --- registered (truth-bearing) strings
    def _r(self, f, s, v):
        self.truth[f] = v
        self.reg[f].append(s)
        return s

    def NAME(self, kind="fml"):
        n = self.nm
        s = {"fml": n.fml(), "FML": n.fml(True), "lfm": n.lfm(), "LFM": n.lfm(True), "lfmt": n.lfm(tight=True),
             "LFMt": n.lfm(True, True)}[kind]
        if n.sfx:
            self.note("name_suffix")
        if n.mode == "full":
            self.note("middle_full")
        return self._r("patient_name", s, n.truth)

    def NAME_parts(self):
        n = self.nm
        self._r("patient_name", n.g, n.truth)
        self.reg["patient_name"].append(n.f)
        if n.sfx:
            self.note("name_suffix")
        if n.mode == "full":
            self.note("middle_full")
        self.note("split_name")
        mid = n.m if n.mode == "full" else (n.m[0] if n.mode != "none" else "")
        return n.f, n.g, mid, n.sfx or ""

    def DOB(self, f=None):
        return self._r("date_of_birth", fdate(self.pat["dob"], f or self.dobf), self.pat["dob"].isoformat())

    def MRN(self):
        assert self.has_mrn
        return self._r("mrn", self.mrn_p, self.pat["mrn"])

    def SEX(self, kind="letter"):
        sx = self.pat["sex"]
        s = sx if kind == "letter" else SEXWORD[sx]
        if kind == "caps":
            s = SEXWORD[sx].upper()
        return self._r("sex", s, sx)

    def ENC(self, f=None):
        return self._r("encounter_date", fdate(self.enc, f or self.df), self.enc.isoformat())

    def PROV(self, kind="cred", pv=None):
        pv = pv or self.pv
        return self._r("provider", pv.form(kind), pv.truth)

    def D(self, d, f=None):
        return fdate(d, f or self.df)

    def dis(self, *k):
        for x in k:
            self.note("distractor:" + x)

    def note(self, s):
        if s not in self.notes:
            self.notes.append(s)

    def age(self, at=None):
        at = at or self.enc
        b = self.pat["dob"]
        return at.year - b.year - ((at.month, at.day) < (b.month, b.day))

    def off(self, a, b):
        """a date offset from the encounter by a..b days, never 0."""
        while True:
            k = self.rng.randint(a, b)
            if k:
                return self.enc + timedelta(days=k)

    def sexword(self):
        a = self.age()
        sx = self.pat["sex"]
        if sx == "F":
            return "girl" if a < 13 else ("young woman" if a < 18 else "woman")
        if sx == "M":
            return "boy" if a < 13 else ("young man" if a < 18 else "man")
        return "patient"

    def fac(self, kind):
        rng = self.rng
        name = rng.choice({"clinic": CLINICS, "hospital": HOSPITALS, "lab": LABS, "imaging": IMAGING,
                           "payer": PAYERS}[kind])
        city, st, z = rng.choice(CITIES)
        f = {"name": name, "addr": "%d %s%s" % (rng.randint(10, 4999), rng.choice(STREETS),
                                                    rng.choice(["", "", ", Suite %d" % rng.randint(100, 450)])),
                "city": "%s, %s %s%s" % (city, st, z, digits(rng, 2)), "phone": phone(rng), "fax": phone(rng)}
        if self.first_fac is None and kind != "payer":
            self.first_fac = f
        return f

    def ts(self, d, sep=" "):
        rng = self.rng
        if rng.random() < 0.5:
            return "%s%s%02d:%02d" % (self.D(d), sep, rng.randint(6, 19), rng.randint(0, 59))
        h = rng.randint(1, 12)
        return "%s%s%d:%02d %s" % (self.D(d), sep, h, rng.randint(0, 59), rng.choice(["AM", "PM"]))


# ----------------------------------------------------------------------------- shared pieces
def letterhead(C, pg, fac, kind=None, y=None):
    st, rng = C.st, C.rng
    kind = kind or rng.choice(["center", "left", "bar", "split"])
    y = st.mt if y is None else y
    big = st.base + rng.choice([4, 5, 6, 7])
    sm = max(7.5, st.base - 1)
    C.dis("phone_fax")
    if kind == "center":
        pg.t(W / 2, y, fac["name"], big, bold=True, align="c")
        y += st.lh(big, 1.3)
        pg.t(W / 2, y, "%s  |  %s" % (fac["addr"], fac["city"]), sm, align="c")
        y += st.lh(sm, 1.3)
        pg.t(W / 2, y, "Phone %s   Fax %s" % (fac["phone"], fac["fax"]), sm, align="c")
        y += st.lh(sm, 1.3) + 10
        pg.line(st.ml, y, st.mr, y, 4)
        pg.line(st.ml, y + 10, st.mr, y + 10, 1)
        return y + 45
    if kind == "left":
        pg.t(st.ml, y, fac["name"], big, bold=True)
        pg.t(st.mr, y, fac["addr"], sm, align="r")
        pg.t(st.mr, y + st.lh(sm, 1.25), fac["city"], sm, align="r")
        pg.t(st.mr, y + 2 * st.lh(sm, 1.25), "T %s  F %s" % (fac["phone"], fac["fax"]), sm, align="r")
        y += max(st.lh(big, 1.3), 3 * st.lh(sm, 1.25)) + 10
        pg.line(st.ml, y, st.mr, y, 3)
        return y + 40
    if kind == "bar":
        h = int(pt(big) * 1.7)
        pg.shade(st.ml, y, st.mr, y + h, 55)
        pg.t(st.ml + 30, y + int(pt(big) * 0.3), fac["name"], big, bold=True, fill=255)
        y += h + 12
        pg.t(st.ml, y, "%s, %s   Tel %s   Fax %s" % (fac["addr"], fac["city"], fac["phone"], fac["fax"]), sm)
        return y + st.lh(sm) + 30
    # split: round "logo" with initials
    r = int(pt(big) * 0.95)
    cx, cy = st.ml + r, y + r
    pg.d.ellipse([cx - r, cy - r, cx + r, cy + r], outline=0, width=6)
    ini = "".join(w[0] for w in fac["name"].replace("St.", "S").split() if w[0].isupper())[:3]
    pg.t(cx, cy - pt(big - 5) * 0.62, ini, big - 5, bold=True, align="c", maxw=2 * r - 30)
    x = st.ml + 2 * r + 40
    pg.t(x, y, fac["name"], big, bold=True)
    pg.t(x, y + st.lh(big, 1.25), "%s  -  %s" % (fac["addr"], fac["city"]), sm)
    pg.t(x, y + st.lh(big, 1.25) + st.lh(sm, 1.25), "Telephone %s  -  Facsimile %s" % (fac["phone"], fac["fax"]), sm)
    y = max(y + 2 * r, y + st.lh(big, 1.25) + 2 * st.lh(sm, 1.25)) + 25
    pg.line(st.ml, y, st.mr, y, 2)
    return y + 40


def kv_col(pg, x, y, pairs, lab_w, size=None, lead=1.45, vmaxw=None):
    st = pg.st
    for lab, val in pairs:
        pg.lv(x, y, lab, val, size, vx=x + lab_w, maxw=vmaxw)
        y += st.lh(size, lead)
    return y


def lab_w(pg, labels, size=None, bold=None):
    b = pg.st.lbold if bold is None else bold
    return max(pg.tw(pg.st.L(l), size, bold=b) for l in labels) + pt(size or pg.st.base) * 0.8


def page_footer(C, left=None, right_fmt="Page {i} of {n}", size=None, center=None):
    st = C.st
    size = size or max(7, st.base - 1.5)

    def fn(pg, i, n):
        y = H - 150
        if left:
            pg.t(st.ml, y, left, size)
        if right_fmt:
            pg.t(st.mr, y, right_fmt.format(i=i, n=n), size, align="r")
        if center:
            pg.t(W / 2, y, center, size, align="c")
    return fn


SYMPT = ["intermittent headaches", "mild fatigue", "lower back stiffness", "occasional dizziness on standing",
         "nocturnal cough", "heartburn after meals", "left knee pain with stairs", "increased urinary frequency",
         "poor sleep", "ankle swelling by evening"]


def hpi_text(C, n=4, skip_first=False):
    rng = C.rng
    who = C.nm.short(married=rng.random() < 0.4)
    if C.doc_type == "discharge_summary":
        first = "%s is a %d-year-old %s who presented to the emergency department with %s and was found to have %s." % (
            who, C.age(), C.sexword(), rng.choice(SYMPT), C.dxs[0][0].lower())
    elif C.doc_type == "referral_letter":
        first = "%s is a %d-year-old %s with a history of %s." % (who, C.age(), C.sexword(), C.dxs[0][0].lower())
    else:
        first = "%s is a %d-year-old %s who presents for follow-up of %s." % (who, C.age(), C.sexword(), C.dxs[0][0].lower())
    S = [first,
         "Reports %s for the past %d %s." % (rng.choice(SYMPT), rng.randint(2, 9), rng.choice(["days", "weeks"])),
         "Denies fever, chills, chest pain, palpitations or shortness of breath.",
         "Medication adherence is good and no side effects are reported.",
         "Home blood pressure readings have averaged %d/%d." % (rng.randint(118, 152), rng.randint(70, 94)),
         "Sleep has been fair; appetite and weight are stable.",
         "No emergency department visits or hospital stays since the last visit.",
         "Walks about %d minutes most days." % rng.randint(10, 45),
         "Symptoms are worse in the evening and improve with rest.",
         "Tried over-the-counter remedies with partial relief.",
         "Accompanied today by a family member who helps with medications."]
    rest = rng.sample(S[1:], min(n - 1, len(S) - 1))
    return " ".join(rest if skip_first else [S[0]] + rest)


EXAM = ["General: alert, well-appearing, in no acute distress.", "HEENT: normocephalic, atraumatic; oropharynx clear.",
        "Neck: supple, no lymphadenopathy or thyromegaly.", "Lungs: clear to auscultation bilaterally, no wheezes.",
        "Heart: regular rate and rhythm, no murmurs, rubs or gallops.", "Abdomen: soft, non-tender, non-distended; normal bowel sounds.",
        "Extremities: trace bilateral ankle edema; pulses 2+ and symmetric.", "Neuro: alert and oriented x3; strength 5/5 throughout.",
        "Skin: warm and dry, no rashes.", "Psych: normal mood and affect; good insight."]
PLAN = ["Continue current regimen without changes.", "Basic metabolic panel and lipid panel before the next visit.",
        "Discussed diet, exercise and weight goals; handout provided.", "Increase dose as discussed; recheck in four weeks.",
        "Referral placed for physical therapy, twice weekly for six weeks.", "Patient instructed to call with any worsening symptoms.",
        "Influenza vaccine administered today, left deltoid.", "Home monitoring log reviewed and returned to patient.",
        "Sleep study ordered.", "Reviewed recent outside records with the patient."]


def vitals(C):
    rng = C.rng
    return "BP %d/%d   HR %d   Temp %.1f F   RR %d   SpO2 %d%%   Wt %d lb" % (
        rng.randint(104, 158), rng.randint(62, 96), rng.randint(56, 104), rng.uniform(97.1, 99.4), rng.randint(12, 20),
        rng.randint(93, 100), rng.randint(28, 95) if C.age() < 12 else rng.randint(110, 260))


def soap(C, fl, heads, n_hpi=4, size=None):
    rng = C.rng
    fl.heading(heads[0], size, caps=rng.random() < 0.5)
    fl.para(hpi_text(C, n_hpi), size)
    if rng.random() < 0.6:
        fl.para(hpi_text(C, 3, skip_first=True), size)
    fl.heading(heads[1], size, caps=rng.random() < 0.5)
    fl.para(vitals(C), size)
    for e in rng.sample(EXAM, rng.randint(4, 7)):
        fl.text(e, size, indent=20)
    fl.heading(heads[2], size, caps=rng.random() < 0.5)
    for i, (d, c) in enumerate(C.dxs[:rng.randint(2, 4)]):
        fl.text("%d. %s (%s)" % (i + 1, d, c), size, indent=20)
    fl.heading(heads[3], size, caps=rng.random() < 0.5)
    for pl in rng.sample(PLAN, rng.randint(3, 5)):
        fl.text("- " + pl, size, indent=20)


def sig_block(C, pg, x, y, pv_str, rng, extra=None, size=None):
    pg.scribble(rng, x + 20, y + 40, rng.randint(380, 560))
    y += 95
    pg.line(x, y, x + 800, y, 2)
    y += 12
    pg.t(x, y, pv_str, size)
    y += C.st.lh(size)
    for e in extra or []:
        pg.t(x, y, e, max(7, (size or C.st.base) - 1))
        y += C.st.lh(size)
    return y


# ============================================================================= layouts
# ---------------------------------------------------------------- intake_form
def L_reg_cells(C):
    """Registration form: boxed cells with labels ABOVE values, split Last/First/MI, sex checkboxes."""
    st, rng, p = C.st, C.rng, C.pat
    st.base = min(st.base, 11)
    fac = C.fac("clinic")
    pg = C.new_page()
    y = letterhead(C, pg, fac)
    title = rng.choice(["PATIENT REGISTRATION FORM", "NEW PATIENT REGISTRATION", "PATIENT DEMOGRAPHIC INFORMATION"])
    pg.t(W / 2, y, title, st.base + 4, bold=True, align="c")
    y += st.lh(st.base + 4) + 4
    pg.t(W / 2, y, "Please print clearly. All information is kept confidential.", st.base - 1, ital=True, align="c")
    y += st.lh() + 24
    x0, x1 = st.ml, st.mr
    ff = st.fill
    shade_g = rng.choice([200, 215, 230])

    def sec(y, s):
        pg.shade(x0, y, x1, y + pt(st.base) * 1.55, shade_g)
        pg.t(x0 + 14, y + 6, s, st.base, bold=True)
        return y + int(pt(st.base) * 1.55)

    y = sec(y, "PATIENT INFORMATION")
    last, first, mid, sfx = C.NAME_parts()
    items = [("LAST NAME", last, 3.2), ("FIRST NAME", first, 3), ("MIDDLE NAME" if C.nm.mode == "full" else "M.I.", mid, 1.6 if C.nm.mode == "full" else 0.8)]
    if sfx:
        items.append(("SUFFIX (Jr, Sr, III)", sfx, 1.2))
    y = cells_row(pg, x0, x1, y, items, fillfont=ff)
    sex_lab = rng.choice(["SEX", "SEX AT BIRTH", "GENDER"])
    y2 = cells_row(pg, x0, x1, y, [("DATE OF BIRTH (MM/DD/YYYY)" if C.dobf == "mdY" else "DATE OF BIRTH", C.DOB(), 2.2),
                                   ("AGE", str(C.age()), 0.7), (sex_lab, "", 2.6),
                                   ("MARITAL STATUS", rng.choice(["Single", "Married", "Married", "Divorced"] + (["Widowed"] if C.age() > 55 else [])) if not p["child"] else "Single", 1.6),
                                   ("SSN (last 4)", "XXX-XX-" + digits(rng, 4), 1.6)], fillfont=ff)
    sx, sw = cells_row.xs[2]
    bx = sx + 14
    by = y + pt(st.base - 2.5) * 1.4
    for lab, code in [("F", "F"), ("M", "M"), ("Other", "O")]:
        bx = pg.checkbox(bx, by, lab, p["sex"] == code, st.base - 0.5) + 26
    if p["sex"] in "FMO":
        C.SEX("letter")
    C.note("checkbox_sex")
    y = y2
    y = cells_row(pg, x0, x1, y, [("STREET ADDRESS", p["street"], 3.5), ("CITY", p["city"], 2), ("STATE", p["state"], 0.8), ("ZIP", p["zip"], 1.2)], fillfont=ff)
    y = cells_row(pg, x0, x1, y, [("HOME PHONE", p["phone"], 2), ("CELL PHONE", p["cell"], 2),
                                  ("PREFERRED LANGUAGE", rng.choice(["English", "Spanish", "English", "Polish", "Vietnamese"]), 2),
                                  ("EMPLOYER / SCHOOL", rng.choice(["Retired", "Self-employed", "Vellmar Schools", "Harlow Freight", "County Library"]), 2.4)], fillfont=ff)
    y += 26
    y = sec(y, "RESPONSIBLE PARTY / GUARANTOR")
    g = p["guarantor"]
    if g:
        C.dis("guarantor")
        y = cells_row(pg, x0, x1, y, [("NAME (Last, First)", "%s, %s" % (g["family"], g["given"]), 3.2), ("RELATIONSHIP", g["rel"], 1.6),
                                      ("DATE OF BIRTH", C.D(g["dob"], C.dobf), 1.8), ("PHONE", phone(rng), 2)], fillfont=ff)
    else:
        y = cells_row(pg, x0, x1, y, [("NAME (Last, First)", "SAME AS PATIENT", 3.2), ("RELATIONSHIP", "Self", 1.6),
                                      ("DATE OF BIRTH", "", 1.8), ("PHONE", "", 2)], fillfont=ff)
    y += 26
    y = sec(y, "INSURANCE")
    ins = p["ins"]
    C.dis("insurance_ids")
    y = cells_row(pg, x0, x1, y, [("PRIMARY INSURANCE", ins["payer"], 3), ("MEMBER ID", ins["member"], 2.4), ("GROUP #", ins["group"], 1.8)], fillfont=ff)
    sub = ins["sub"]
    if sub:
        C.dis("subscriber")
        y = cells_row(pg, x0, x1, y, [("SUBSCRIBER NAME", "%s %s" % (sub["given"], sub["family"]), 3), ("SUBSCRIBER DOB", C.D(sub["dob"], C.dobf), 2.4),
                                      ("RELATIONSHIP TO PATIENT", sub["rel"] if sub["rel"] != "Spouse" else "Spouse", 1.8)], fillfont=ff)
    else:
        y = cells_row(pg, x0, x1, y, [("SUBSCRIBER NAME", "Self", 3), ("SUBSCRIBER DOB", "", 2.4), ("RELATIONSHIP TO PATIENT", "Self", 1.8)], fillfont=ff)
    y += 26
    y = sec(y, "EMERGENCY CONTACT")
    ec = p["ec"]
    C.dis("emergency_contact")
    y = cells_row(pg, x0, x1, y, [("NAME", "%s %s" % (ec["given"], ec["family"]), 3), ("RELATIONSHIP", ec["rel"], 2), ("PHONE", ec["phone"], 2)], fillfont=ff)
    y += 40
    pg.para(x0, y, x1 - x0, "I certify that the information above is correct. I authorize release of information needed to process "
            "insurance claims and assign benefits to the practice.", st.base - 1)
    y += st.lh() * 2 + 30
    pg.scribble(rng, x0 + 40, y + 30, 500)
    pg.line(x0, y + 80, x0 + 1100, y + 80, 2)
    pg.t(x0, y + 90, "Signature of Patient or Parent/Guardian", st.base - 1.5)
    pg.t(x0 + 1300, y + 20, fdate(C.enc, C.df), st.base, ital=ff == "ital", mono=ff == "mono")
    pg.line(x0 + 1250, y + 80, x1, y + 80, 2)
    pg.t(x0 + 1250, y + 90, "Date", st.base - 1.5)
    y += 200
    # office box
    oy0 = y
    pg.rect(x0, oy0, x1, oy0 + st.lh() * 4 + 30, w=4)
    pg.t(x0 + 20, oy0 + 14, "FOR OFFICE USE ONLY", st.base - 0.5, bold=True)
    yy = oy0 + 14 + st.lh()
    enc_lab = rng.choice(["Appt Date", "Visit Date", "Date of First Visit", "Appointment Date"])
    pg.lv(x0 + 20, yy, enc_lab, C.ENC(), st.base - 0.5)
    if C.has_mrn:
        pg.lv(x0 + 1150, yy, rng.choice(["Chart #", "Chart No.", "MRN", "Patient ID"]), C.MRN(), st.base - 0.5)
    yy += st.lh()
    if rng.random() < 0.6:
        pg.lv(x0 + 20, yy, rng.choice(["Provider", "Scheduled with", "Physician"]), C.PROV(rng.choice(["cred", "dr", "lf_cred"])), st.base - 0.5)
    else:
        pcp = C.clin()
        C.dis("pcp")
        pg.lv(x0 + 20, yy, "PCP", pcp.form("dr"), st.base - 0.5)
    pg.lv(x0 + 1150, yy, "Copay collected", "$%d.00" % rng.choice([0, 15, 20, 25, 40]), st.base - 0.5)
    yy += st.lh()
    pg.lv(x0 + 20, yy, "Entered by", "".join(w[0] for w in C.staff().split()), st.base - 0.5)
    pg.lv(x0 + 1150, yy, "Ins. card scanned", "Y", st.base - 0.5)


def L_facesheet(C):
    """Hospital face sheet: dense small-font EHR printout, boxed top row, two-column sections."""
    st, rng, p = C.st, C.rng, C.pat
    if not C.pv.is_dr():
        C.pv = C.clin(md=True)
    st.base = rng.choice([8, 8.5, 9, 9, 9.5])
    if st.fam == "serif" and rng.random() < 0.6:
        st.reg, st.bold, st.ital = FAM["sans"][0]
    fac = C.fac("hospital")
    pg = C.new_page()
    x0, x1 = st.ml, st.mr
    y = st.mt
    pg.t(x0, y, fac["name"], st.base + 5, bold=True)
    pg.t(x1, y, rng.choice(["INPATIENT FACE SHEET", "ADMISSION RECORD", "HOSPITAL FACE SHEET"]), st.base + 5, bold=True, align="r")
    y += st.lh(st.base + 5)
    pg.t(x0, y, "%s, %s  %s" % (fac["addr"], fac["city"], fac["phone"]), st.base - 0.5)
    C.dis("phone_fax")
    y += st.lh() + 10
    pg.line(x0, y, x1, y, 5)
    y += 20
    acct = digits(rng, rng.choice([8, 9, 10]))
    C.dis("account_no")
    adm = C.ENC()
    mrn_lab = rng.choice(["MED REC #", "MRN", "UNIT NO.", "MR NUMBER"])
    y = cells_row(pg, x0, x1, y, [("PATIENT NAME", C.NAME("LFM"), 4), (mrn_lab, C.MRN() if C.has_mrn else "", 2),
                                  ("ACCOUNT #", acct, 2), ("ADMIT DATE", adm, 2), ("ROOM/BED", "%d%s-%d" % (rng.randint(2, 7), rng.choice("WESN"), rng.randint(100, 460)), 1.3)],
                  size=st.base + 1.5, shade_label=True)
    y += 30
    colw = (x1 - x0) // 2
    xl, xr = x0, x0 + colw + 20

    def bar(x, y, w, s):
        pg.shade(x, y, x + w, y + pt(st.base) * 1.5, 60)
        pg.t(x + 12, y + 5, s, st.base, bold=True, fill=255)
        return y + int(pt(st.base) * 1.5) + 14

    yl = bar(xl, y, colw - 20, "PATIENT DEMOGRAPHICS")
    yr = bar(xr, y, colw - 20, "ADMISSION INFORMATION")
    att = C.PROV(rng.choice(["LF", "lf_cred", "cred"]))
    ref, pcp = C.clin(), C.clin()
    C.dis("referring", "pcp", "encounter_no")
    left = [("Address", p["street"]), ("City/State/Zip", "%s, %s %s" % (p["city"], p["state"], p["zip"])),
            ("Home Phone", p["phone"]), ("Date of Birth", C.DOB()), ("Age", "%d Y" % C.age()),
            (rng.choice(["Sex", "Gender"]), C.SEX(rng.choice(["letter", "word"]))),
            ("Marital Status", "S" if p["child"] else rng.choice(["S", "M", "W", "D"])), ("Language", rng.choice(["ENGLISH", "SPANISH", "ENGLISH"])),
            ("Religion", rng.choice(["NONE", "CATHOLIC", "LUTHERAN", "DECLINED"])), ("Race", rng.choice(["WHITE", "BLACK", "ASIAN", "OTHER", "DECLINED"]))]
    right = [("Admit Date/Time", "%s %02d:%02d" % (adm, rng.randint(0, 23), rng.randint(0, 59))),
             ("Admission Type", rng.choice(["EMERGENCY", "ELECTIVE", "URGENT"])),
             ("Admit Source", rng.choice(["EMERGENCY DEPT", "PHYSICIAN REFERRAL", "TRANSFER"])),
             ("Hospital Service", rng.choice(["MEDICINE", "SURGERY", "CARDIOLOGY", "ORTHOPEDICS"])),
             ("Attending Physician", att), ("Referring Physician", ref.form("LF")), ("Primary Care Phys", pcp.form("LF")),
             ("Encounter #", "E" + digits(rng, 9)), ("Admitting Dx", C.dxs[0][0][:34])]
    lw = lab_w(pg, [l for l, _ in left])
    kv_col(pg, xl, yl, left, lw, vmaxw=colw - lw - 40)
    lw = lab_w(pg, [l for l, _ in right])
    y = max(kv_col(pg, xr, yr, right, lw, vmaxw=colw - lw - 40), yl + len(left) * st.lh(None, 1.45)) + 30
    g = p["guarantor"]
    yl = bar(xl, y, colw - 20, "GUARANTOR")
    yr = bar(xr, y, colw - 20, "NEXT OF KIN / EMERGENCY CONTACT")
    if g:
        C.dis("guarantor")
        gl = [("Name", ("%s, %s" % (g["family"], g["given"])).upper()), ("Relationship", g["rel"].upper()),
              ("Date of Birth", C.D(g["dob"], C.dobf)), ("Employer", rng.choice(["HARLOW FREIGHT", "SELF", "VELLMAR SCHOOLS", "TAMSWORTH COUNTY"]))]
    else:
        gl = [("Name", "SELF"), ("Relationship", "SELF"), ("Employer", rng.choice(["RETIRED", "UNEMPLOYED", "QUARRY HILL FOODS"]))]
    ec = p["ec"]
    C.dis("emergency_contact")
    er = [("Name", ("%s, %s" % (ec["family"], ec["given"])).upper()), ("Relationship", ec["rel"].upper()), ("Phone", ec["phone"])]
    lw = lab_w(pg, [l for l, _ in gl])
    a = kv_col(pg, xl, yl, gl, lw)
    lw = lab_w(pg, [l for l, _ in er])
    y = max(a, kv_col(pg, xr, yr, er, lw)) + 30
    ins = p["ins"]
    C.dis("insurance_ids")
    for k, nm in enumerate(["PRIMARY INSURANCE", "SECONDARY INSURANCE"] if rng.random() < 0.5 else ["PRIMARY INSURANCE"]):
        y2 = bar(x0, y, x1 - x0, nm)
        sub = ins["sub"]
        if k == 0:
            pairs_l = [("Plan", ins["payer"].upper()), ("Member ID", ins["member"]), ("Group #", ins["group"])]
            pairs_r = [("Subscriber", ("%s, %s" % (sub["family"], sub["given"])).upper() if sub else "SELF"),
                       ("Subscriber DOB", C.D(sub["dob"], C.dobf) if sub else ""), ("Auth #", "A" + digits(rng, 8))]
            if sub:
                C.dis("subscriber")
        else:
            pairs_l = [("Plan", rng.choice(["MEDICARE PART A", "STATE MEDICAID", "COUNTY INDIGENT PROGRAM"])), ("Member ID", digits(rng, 4) + rng.choice("ABCDEFG") + digits(rng, 6))]
            pairs_r = [("Subscriber", "SELF"), ("Policy #", "P" + digits(rng, 8))]
        lw = lab_w(pg, [l for l, _ in pairs_l])
        a = kv_col(pg, xl, y2, pairs_l, lw)
        lw = lab_w(pg, [l for l, _ in pairs_r])
        y = max(a, kv_col(pg, xr, y2, pairs_r, lw)) + 24
    y += 20
    pg.t(x0, y, "Chief complaint / reason for admission:", st.base, bold=True)
    y += st.lh()
    pg.para(x0 + 30, y, x1 - x0 - 30, "%s; %s." % (rng.choice(SYMPT).capitalize(), C.dxs[1][0].lower()), st.base)
    pr = C.off(1, 400)
    C.dis("printed_timestamp")
    C.footer = page_footer(C, left="Printed: %s by %s" % (C.ts(pr), rng.choice(["REGCLERK2", "ADMIT04", "jsmythe", "HIM_PRINT"])))


def L_intake_lines(C):
    """Patient information sheet: values typed/handwritten onto underlined blanks, circled sex, history checklist."""
    st, rng, p = C.st, C.rng, C.pat
    fac = C.fac("clinic")
    pg = C.new_page()
    y = letterhead(C, pg, fac)
    x0, x1 = st.ml, st.mr
    ff = "mono" if st.fill == "mono" else "ital"
    title = rng.choice(["Patient Information Sheet", "New Patient Intake", "Health History Questionnaire"])
    pg.t(x0, y, title, st.base + 5, bold=True)
    vd_lab = rng.choice(["Visit date", "Date of visit", "Today's visit date"])
    ex = pg.t(x1 - 700, y + pt(st.base + 5) * 0.3, st.L(vd_lab), st.base)
    pg.line(ex + 12, y + pt(st.base + 5) * 0.3 + pt(st.base) * 1.12, x1, y + pt(st.base + 5) * 0.3 + pt(st.base) * 1.12, 2)
    pg.t(ex + 24, y + pt(st.base + 5) * 0.3 - 2, C.ENC(), st.base, ital=ff == "ital", mono=ff == "mono", prot=True)
    y += st.lh(st.base + 5) + 40
    lh = st.lh(None, 2.05)
    lab = "Patient Name (Last, First, Middle)" if C.nm.mode == "full" else rng.choice(["Patient Name (Last, First, MI)", "Name (Last, First, M.I.)"])
    blank_line(pg, x0, y, lab, C.NAME(rng.choice(["lfm", "LFM"])), x1, fill=ff)
    y += lh
    mid = x0 + (x1 - x0) * 0.45
    blank_line(pg, x0, y, rng.choice(["Birth Date", "Date of Birth", "Birthdate", "DOB"]), C.DOB(), mid - 40, fill=ff)
    blank_line(pg, mid, y, "Age", str(C.age()), mid + 300, fill=ff)
    sx = p["sex"]
    gx = mid + 360
    if sx in "FM" or rng.random() < 0.5:
        ex = pg.t(gx, y, st.L(rng.choice(["Sex", "Gender", "Sex at birth"])), bold=st.lbold)
        xx = ex + 30
        for code in ["M", "F"]:
            pg.t(xx, y, code)
            if sx == code:
                pg.circle_word(xx, y, code)
            xx += pg.tw(code) + 70
        pg.t(xx, y, "(circle one)", st.base - 2, ital=True)
        if sx in "FM":
            C.SEX("letter")
            C.note("circled_sex")
    else:
        blank_line(pg, gx, y, "Gender", SEXWORD[sx], x1, fill=ff)
        C.SEX("word")
    y += lh
    blank_line(pg, x0, y, "Street Address", p["street"], x1, fill=ff)
    y += lh
    blank_line(pg, x0, y, "City / State / ZIP", "%s, %s %s" % (p["city"], p["state"], p["zip"]), x1, fill=ff)
    y += lh
    blank_line(pg, x0, y, "Home phone", p["phone"], mid - 40, fill=ff)
    blank_line(pg, mid, y, "Cell phone", p["cell"], x1, fill=ff)
    y += lh
    if p["child"]:
        g = p["guardian"]
        C.dis("guardian")
        blank_line(pg, x0, y, "Parent/Guardian name", "%s %s" % (g["given"], g["family"]), mid + 200, fill=ff)
        blank_line(pg, mid + 240, y, "Guardian DOB", C.D(g["dob"], C.dobf), x1, fill=ff)
        y += lh
    ec = p["ec"]
    C.dis("emergency_contact")
    blank_line(pg, x0, y, "Emergency contact", "%s %s (%s)" % (ec["given"], ec["family"], ec["rel"].lower()), mid + 200, fill=ff)
    blank_line(pg, mid + 240, y, "Phone", ec["phone"], x1, fill=ff)
    y += lh
    pcp = C.clin()
    C.dis("pcp")
    blank_line(pg, x0, y, rng.choice(["Primary care doctor", "Your PCP"]), pcp.form("dr"), mid + 200, fill=ff)
    if rng.random() < 0.5:
        ref = C.clin()
        C.dis("referring")
        blank_line(pg, mid + 240, y, "Referred by", ref.drlast(), x1, fill=ff)
    y += lh
    blank_line(pg, x0, y, "Pharmacy (name / phone)", "%s Pharmacy  %s" % (rng.choice(["Corner", "Hilltop", "Riverbend", "Main Street"]), phone(rng)), x1, fill=ff)
    y += lh + 10
    pg.t(x0, y, "Have you ever been told you have any of the following? (check all that apply)", st.base, bold=True)
    y += st.lh() + 6
    conds = ["Diabetes", "High blood pressure", "Asthma / COPD", "Heart disease", "Stroke", "Cancer", "Thyroid disease",
             "Kidney disease", "Depression / anxiety", "Arthritis", "Seizures", "Acid reflux"]
    cw = (x1 - x0) / 3
    for i, c in enumerate(conds):
        pg.checkbox(x0 + 20 + cw * (i % 3), y + st.lh(None, 1.6) * (i // 3), c, rng.random() < 0.25, st.base - 0.5)
    y += st.lh(None, 1.6) * 4 + 20
    meds = rng.sample(MEDS, rng.randint(1, 4))
    blank_line(pg, x0, y, "Current medications", "; ".join("%s %s" % (m[0], m[1]) for m in meds[:2]), x1, fill=ff)
    y += lh
    blank_line(pg, x0, y, "", "; ".join("%s %s" % (m[0], m[1]) for m in meds[2:]), x1, fill=ff)
    y += lh
    blank_line(pg, x0, y, "Allergies", rng.choice(["NKDA", "Penicillin (rash)", "Sulfa", "Latex, shellfish", "None known"]), x1, fill=ff)
    y += lh + 30
    pg.scribble(rng, x0 + 40, y + 30, 480)
    pg.line(x0, y + 80, x0 + 1100, y + 80, 2)
    pg.t(x0, y + 90, "Signature (patient or guardian)", st.base - 1.5)
    pg.t(x0 + 1320, y + 18, fdate(C.enc, C.df), st.base, ital=ff == "ital", mono=ff == "mono")
    pg.line(x0 + 1250, y + 80, x1, y + 80, 2)
    pg.t(x0 + 1250, y + 90, "Date", st.base - 1.5)
    y += 190
    pg.dashed(x0, y, x1)
    y += 24
    pg.t(x0, y, "Office use:", st.base - 1, bold=True)
    xx = x0 + pg.tw("Office use:", st.base - 1, True) + 30
    if C.has_mrn:
        xx = pg.lv(xx, y, rng.choice(["Chart No.", "MR #", "Record No."]), C.MRN(), st.base - 1) + 60
    if rng.random() < 0.55:
        pg.lv(xx, y, rng.choice(["Provider", "Seen by", "Clinician"]), C.PROV(rng.choice(["cred", "dr", "lf"])), st.base - 1)


# ---------------------------------------------------------------- progress_note
def L_pn_banner(C):
    """EHR printout: one-line patient banner repeated on every page, encounter header, printed-on footer."""
    st, rng, p = C.st, C.rng, C.pat
    if rng.random() < 0.5:
        st.reg, st.bold, st.ital = FAM["sans"][rng.randrange(4)]
    st.base = min(st.base, 10.5)
    fac = C.fac("clinic")
    mrn_lab = rng.choice(["MRN", "MR#", "Med Rec #", "Patient ID"])
    sex_lab = rng.choice(["Sex", "Gender", "Sex"])
    name = C.NAME(rng.choice(["LFM", "LFM", "lfm", "LFMt"]))
    dob = C.DOB()
    mrn = C.MRN() if C.has_mrn else None
    sex = C.SEX(rng.choice(["letter", "word"]))
    csn = "1" + digits(rng, 9)
    mono = rng.random() < 0.35
    C.note("repeat_header")

    def banner(pg):
        y = st.mt
        bs = st.base + 0.5
        x = pg.t(st.ml, y, name, bs, bold=True, mono=mono, prot=True)
        parts = []
        if mrn:
            parts.append("%s: %s" % (mrn_lab, mrn))
        parts.append("DOB: %s (%d yo)" % (dob, C.age()))
        parts.append("%s: %s" % (sex_lab, sex))
        if not mrn:
            parts.append("CSN: %s" % csn)
        pg.t(x + 50, y, "   ".join(parts), bs, mono=mono, prot=True)
        y += st.lh(bs) + 4
        pg.line(st.ml, y, st.mr, y, 3)
        return y + 30

    pg = C.new_page()
    y = banner(pg)
    pg.t(st.ml, y, "%s  -  %s, %s" % (fac["name"], fac["addr"], fac["city"]), st.base - 1)
    y += st.lh() + 20
    pg.t(st.ml, y, rng.choice(["Progress Notes", "Office Visit", "Clinic Progress Note", "Outpatient Visit Note"]), st.base + 4, bold=True)
    y += st.lh(st.base + 4) + 10
    enc_lab = rng.choice(["Encounter Date", "Visit Date", "Date of Service", "DOS", "Service Date"])
    prov_lab = rng.choice(["Provider", "Attending", "Seen by", "Clinician", "Rendering Provider"])
    x2 = st.ml + (st.mr - st.ml) * 0.52
    pg.lv(st.ml, y, enc_lab, C.ENC())
    pg.lv(x2, y, "Visit Type", rng.choice(["Office Visit", "Follow-Up", "Telehealth - Video", "Annual Exam"]), prot=False)
    y += st.lh()
    pg.lv(st.ml, y, prov_lab, C.PROV(rng.choice(["cred", "cred", "lf_cred"])))
    pg.lv(x2, y, "Department", rng.choice(["Internal Medicine", "Family Medicine", "Pediatrics" if p["child"] else "Geriatrics"]), prot=False)
    y += st.lh()
    pcp = C.clin()
    C.dis("pcp", "encounter_no")
    pg.lv(st.ml, y, "PCP", pcp.form("cred"), prot=False)
    pg.lv(x2, y, rng.choice(["CSN", "Encounter #", "Visit #"]), csn, prot=False)
    y += st.lh() + 10
    pg.line(st.ml, y, st.mr, y, 1)
    y += 30

    def newpage():
        pg2 = C.new_page()
        return pg2, banner(pg2)

    fl = Flow(C, pg, y, newpage)
    if rng.random() < 0.5:
        fl.heading("Chief Complaint")
        fl.para(rng.choice(["Follow-up of chronic conditions.", "Medication review.", "%s." % rng.choice(SYMPT).capitalize()]))
    if C.long:
        extra_sections(C, fl)
    soap(C, fl, rng.choice([["History of Present Illness", "Physical Exam", "Assessment", "Plan"],
                            ["Subjective", "Objective", "Assessment", "Plan"]]), n_hpi=rng.randint(4, 9 if C.long else 7))
    if rng.random() < 0.5:
        fl.heading("Orders Placed This Encounter")
        for o in rng.sample(["LIPID PANEL", "HEMOGLOBIN A1C", "TSH", "CBC WITH DIFF", "XR CHEST 2 VIEWS", "REFERRAL TO PHYSICAL THERAPY"], 3):
            fl.text(o, indent=20)
    if C.xlong:
        instructions(C, fl)
    fl.space(1)
    sig = C.off(1, 4) if rng.random() < 0.7 else C.enc
    C.dis("signature_date")
    fl.text("Electronically signed by %s on %s" % (C.pv.form("cred"), C.ts(sig, " at ")), bold=rng.random() < 0.5)
    pr = C.off(5, 700)
    C.dis("printed_timestamp")
    C.footer = page_footer(C, left="Printed on %s by %s" % (C.ts(pr), rng.choice(["MEDREC1", "kdobbs", "ROI_CLERK", "hperez"])))


def L_pn_twocol(C):
    """Letterhead + boxed two-column header (Born / Record No. / Seen by), SOAP body, next appt and cc."""
    st, rng, p = C.st, C.rng, C.pat
    fac = C.fac("clinic")
    pg = C.new_page()
    y = letterhead(C, pg, fac)
    title = rng.choice(["OFFICE VISIT NOTE", "CLINIC NOTE", "FOLLOW-UP VISIT", "PROGRESS NOTE"])
    pg.t(W / 2, y, title, st.base + 3, bold=True, align="c")
    y += st.lh(st.base + 3) + 20
    x0, x1 = st.ml, st.mr
    mid = x0 + (x1 - x0) * 0.5
    left = [(rng.choice(["Patient", "Pt Name", "Name", "Client"]), C.NAME(rng.choice(["fml", "lfm", "FML"]))),
            (rng.choice(["Born", "DOB", "D.O.B.", "Birth Date"]), C.DOB())]
    if C.has_mrn:
        left.append((rng.choice(["Record No.", "Chart #", "MR No.", "Medical Record #"]), C.MRN()))
    left.append((rng.choice(["Gender", "Sex"]), C.SEX(rng.choice(["word", "letter"]))))
    ref = C.clin()
    C.dis("referring", "insurance_ids")
    right = [(rng.choice(["Date of Service", "Visit Date", "DOS", "Date Seen"]), C.ENC()),
             (rng.choice(["Seen by", "Provider", "Physician", "Clinician"]), C.PROV(rng.choice(["cred", "dr", "cred"]))),
             (rng.choice(["Referring Physician", "Referred by", "Ref. Provider"]), ref.form(rng.choice(["cred", "dr"]))),
             ("Insurance ID", p["ins"]["member"])]
    n = max(len(left), len(right))
    bh = n * st.lh(None, 1.5) + 40
    if rng.random() < 0.5:
        pg.shade(x0, y, x1, y + bh, 238)
    pg.rect(x0, y, x1, y + bh, w=3)
    pg.line(mid, y, mid, y + bh, 2)
    lw = lab_w(pg, [l for l, _ in left])
    kv_col(pg, x0 + 24, y + 22, left, lw, lead=1.5, vmaxw=mid - x0 - lw - 50)
    lw = lab_w(pg, [l for l, _ in right])
    kv_col(pg, mid + 24, y + 22, right, lw, lead=1.5, vmaxw=x1 - mid - lw - 50)
    y += bh + 40
    short = rng.random() < 0.6
    if short:
        C.note("repeat_header")

    def newpage():
        pg2 = C.new_page()
        yy = st.mt
        if short:
            pg2.t(st.ml, yy, "%s   DOB %s   %s" % (C.nm.lfm(), fdate(p["dob"], C.dobf), fdate(C.enc, C.df)), st.base - 0.5)
            pg2.t(st.mr, yy, "(continued)", st.base - 0.5, ital=True, align="r")
            yy += st.lh() + 6
            pg2.line(st.ml, yy, st.mr, yy, 1)
            yy += 30
        return pg2, yy

    fl = Flow(C, pg, y, newpage)
    soap(C, fl, rng.choice([["SUBJECTIVE:", "OBJECTIVE:", "ASSESSMENT:", "PLAN:"], ["S:", "O:", "A:", "P:"],
                            ["History", "Examination", "Impression", "Recommendations"]]), n_hpi=rng.randint(4, 8))
    if C.long:
        extra_sections(C, fl)
    fl.space(0.6)
    nxt = C.off(14, 150)
    C.dis("next_appt")
    fl.para("Return to clinic in %d weeks. Next appointment: %s at %d:%02d %s." % (
        max(2, (nxt - C.enc).days // 7), C.D(nxt), rng.randint(8, 11), rng.choice([0, 15, 30, 45]), "AM"))
    fl.space(1)
    if fl.need(st.lh() * 6):
        yy = sig_block(C, fl.pg, fl.x0, fl.y, C.pv.form("cred"), rng)
        fl.y = yy + 10
    tr = C.off(1, 6)
    fl.text("D: %s   T: %s   %s" % (fdate(C.enc, "mdy0"), fdate(tr, "mdy0"), rng.choice(["ab", "jq", "tmr", "lk"])), max(7, st.base - 2))
    cc = C.clin()
    C.dis("cc")
    fl.text("cc: %s" % cc.form(rng.choice(["cred", "dr"])), max(7, st.base - 1))


def L_pn_sticker(C):
    """Paper progress note: patient ID label sticker top-right, handwritten-style entries on ruled lines."""
    st, rng, p = C.st, C.rng, C.pat
    fac = C.fac("clinic")
    pg = C.new_page()
    x0, x1 = st.ml, st.mr
    y = st.mt
    pg.t(x0, y, fac["name"], st.base + 2, bold=True)
    pg.t(x0, y + st.lh(st.base + 2), "%s, %s" % (fac["addr"], fac["city"]), st.base - 1)
    pg.t(x0, y + st.lh(st.base + 2) * 2 + 30, rng.choice(["PROGRESS NOTE", "PROGRESS NOTES", "CLINIC VISIT RECORD"]), st.base + 5, bold=True)
    # sticker
    sw, sh = 980, 330
    sx, sy = x1 - sw, y - 20
    pg.d.rounded_rectangle([sx, sy, sx + sw, sy + sh], radius=30, outline=0, width=3)
    ms = rng.choice([9, 9.5, 10])
    yy = sy + 28
    pg.t(sx + 30, yy, C.NAME(rng.choice(["LFM", "LFMt"])), ms + 1, mono=True, bold=True, prot=True, maxw=sw - 60)
    yy += st.lh(ms, 1.5)
    pg.t(sx + 30, yy, "DOB: %s  SEX: %s" % (C.DOB(), C.SEX("letter")), ms, mono=True, prot=True)
    yy += st.lh(ms, 1.5)
    if C.has_mrn:
        pg.t(sx + 30, yy, "%s: %s" % (rng.choice(["MRN", "MR#", "UNIT#"]), C.MRN()), ms, mono=True, prot=True)
        yy += st.lh(ms, 1.5)
    pg.t(sx + 30, yy, "ACCT: %s" % digits(rng, 9), ms, mono=True)
    C.dis("account_no")
    y = sy + sh + 60
    ff = "ital" if st.fill != "mono" else "mono"
    blank_line(pg, x0, y, "Date", C.ENC(), x0 + 800, fill=ff)
    blank_line(pg, x0 + 860, y, rng.choice(["Clinician", "Provider", "Seen by"]), C.PROV(rng.choice(["cred", "dr"])), x1, fill=ff)
    y += st.lh(None, 2.1)
    blank_line(pg, x0, y, "Chief complaint", rng.choice(SYMPT), x1, fill=ff)
    y += st.lh(None, 2.1)
    # vitals boxes
    vit = [("BP", "%d/%d" % (rng.randint(104, 158), rng.randint(62, 96))), ("Pulse", str(rng.randint(56, 104))),
           ("Temp", "%.1f" % rng.uniform(97.1, 99.4)), ("Resp", str(rng.randint(12, 20))), ("Wt", "%d lb" % rng.randint(30, 250)),
           ("SpO2", "%d%%" % rng.randint(93, 100))]
    y = cells_row(pg, x0, x1, y, [(a, b, 1) for a, b in vit], fillfont=ff)
    y += 40
    lh = st.lh(None, 1.9)
    lines = []
    f = st.f(None, ital=ff == "ital", mono=ff == "mono")
    for txt in [hpi_text(C, rng.randint(3, 5)), " ".join(rng.sample(EXAM, 3)),
                "A/P: " + "; ".join(d for d, _ in C.dxs[:2]) + ". " + " ".join(rng.sample(PLAN, 2))]:
        lines += wrap_lines(txt, f, x1 - x0 - 40) + [""]
    while y < st.mb - 520:
        pg.line(x0, y + pt(st.base) * 1.15, x1, y + pt(st.base) * 1.15, 1, fill=120)
        if lines:
            pg.t(x0 + 20, y - 4, lines.pop(0), font=f)
        y += lh
    y = st.mb - 480
    pg.t(x0, y, st.L("Signature"), bold=st.lbold)
    pg.scribble(rng, x0 + 330, y + 20, 450)
    pg.line(x0 + 300, y + 60, x0 + 1000, y + 60, 2)
    pg.lv(x0 + 1080, y, "Printed name", C.pv.form("cred"), prot=False)
    y += st.lh(None, 2.2)
    scribe = C.staff()
    C.dis("dictated_by")
    pg.lv(x0, y, rng.choice(["Scribe", "Documented by (scribe)", "Recorded by"]), scribe, prot=False)
    pg.lv(x0 + 1080, y, "Time", "%d:%02d" % (rng.randint(8, 17), rng.randint(0, 59)), prot=False)
    y += st.lh(None, 2.2)
    nxt = C.off(7, 120)
    C.dis("next_appt")
    pg.lv(x0, y, rng.choice(["Return visit", "Next appt", "F/U"]), C.D(nxt), prot=False)


# ---------------------------------------------------------------- lab_report
def lab_rows(C, panels):
    rng = C.rng
    out = []
    for pn in panels:
        rows = []
        for nm, lo, hi, dec, unit in LABPANELS[pn]:
            span = hi - lo
            if rng.random() < 0.22:
                v = hi + span * rng.uniform(0.05, 0.5) if rng.random() < 0.6 else max(0, lo - span * rng.uniform(0.05, 0.3))
                flag = "H" if v > hi else "L"
            else:
                v, flag = rng.uniform(lo + span * 0.05, hi - span * 0.05), ""
            fmtv = ("%." + str(dec) + "f") % v
            ref = ("%." + str(dec) + "f-%." + str(dec) + "f") % (lo, hi)
            rows.append((nm, fmtv, flag, ref, unit))
        out.append((pn, rows))
    return out


def lab_dates(C):
    rng = C.rng
    coll = C.enc if rng.random() < 0.5 else C.off(-3, 2)
    recd = coll + timedelta(days=rng.choice([0, 0, 1]))
    rept = recd + timedelta(days=rng.randint(1, 3))
    C.dis("lab_dates")
    return coll, recd, rept


def L_lab_infobox(C):
    """Reference-lab report: lab identity top-left, bordered patient box top-right, row of dated cells, ruled table."""
    st, rng, p = C.st, C.rng, C.pat
    st.base = min(st.base, 10.5)
    lab = C.fac("lab")
    pg = C.new_page()
    x0, x1 = st.ml, st.mr
    y = st.mt
    pg.t(x0, y, lab["name"], st.base + 5, bold=True)
    yy = y + st.lh(st.base + 5)
    for s in [lab["addr"], lab["city"], "Tel %s   CLIA # %sD%s" % (lab["phone"], digits(rng, 2), digits(rng, 7))]:
        pg.t(x0, yy, s, st.base - 1)
        yy += st.lh(st.base - 1)
    C.dis("phone_fax")
    bx0 = x0 + (x1 - x0) * rng.choice([0.5, 0.54, 0.58])
    name = C.NAME(rng.choice(["LFM", "LFM", "lfm"]))
    rows = [("PATIENT" if rng.random() < 0.6 else "PATIENT NAME", name),
            (rng.choice(["DOB", "DATE OF BIRTH", "BIRTH DATE"]), "%s   AGE: %d" % (C.DOB(), C.age())),
            (rng.choice(["SEX", "GENDER"]), C.SEX(rng.choice(["letter", "caps"])))]
    if C.has_mrn:
        rows.append((rng.choice(["PATIENT ID", "MRN", "CHART #", "MED REC NO."]), C.MRN()))
    rows.append(("PHONE", p["phone"]))
    bh = len(rows) * st.lh(None, 1.45) + 40
    pg.rect(bx0, y - 10, x1, y - 10 + bh, w=4)
    lw = lab_w(pg, [r[0] for r in rows], bold=True)
    kv_col(pg, bx0 + 24, y + 12, rows, lw, vmaxw=x1 - bx0 - lw - 50)
    y = max(yy, y - 10 + bh) + 40
    coll, recd, rept = lab_dates(C)
    acc = "%s%s-%s" % (rng.choice(["TW", "KD", "NS", "A"]), fdate(C.enc, "iso")[2:4], digits(rng, 6))
    C.dis("accession")
    dos_lab = rng.choice(["DATE OF SERVICE", "VISIT DATE", "DOS", "SERVICE DATE"])
    tm = lambda: " %02d:%02d" % (rng.randint(6, 20), rng.randint(0, 59))
    y = cells_row(pg, x0, x1, y, [("ACCESSION #", acc, 1.4), (dos_lab, C.ENC(), 1.4), ("COLLECTED", C.D(coll) + tm(), 1.7),
                                  ("RECEIVED", C.D(recd) + tm(), 1.7), ("REPORTED", C.D(rept) + tm(), 1.7)], shade_label=rng.random() < 0.5)
    cc = C.clin()
    C.dis("cc", "account_no")
    clinic = rng.choice(CLINICS)
    y = cells_row(pg, x0, x1, y, [("ORDERING PHYSICIAN", C.PROV(rng.choice(["LF", "lf_cred", "cred"])), 2.2),
                                  ("CLIENT / ACCOUNT", "%s  #%s" % (clinic, digits(rng, 6)), 3),
                                  ("COPY TO", cc.form("LF"), 2), ("FASTING", rng.choice(["YES", "NO", "UNK"]), 0.7)])
    y += 40
    hdr = (C.nm.lfm(True), fdate(p["dob"], C.dobf), C.mrn_p if C.has_mrn else None, acc)
    C.note("repeat_header")

    def newpage():
        pg2 = C.new_page()
        yy = st.mt
        s = "%s   DOB: %s" % hdr[:2] + ("   ID: %s" % hdr[2] if hdr[2] else "") + "   Accession: %s" % hdr[3]
        pg2.t(st.ml, yy, s, st.base - 0.5, bold=True)
        yy += st.lh() + 4
        pg2.line(st.ml, yy, st.mr, yy, 3)
        return pg2, yy + 30

    fl = Flow(C, pg, y, newpage, bottom=st.mb - 120)
    panels = rng.sample(list(LABPANELS), rng.randint(4, 6) if C.long else rng.randint(2, 4))
    rules = rng.choice(["h", "grid", "none"])
    for pn, rws in lab_rows(C, panels):
        fl.heading(pn, st.base, shade=rules == "none")
        fl.table([4, 1.6, 0.8, 2, 1.5], ["TEST", "RESULT", "FLAG", "REFERENCE INTERVAL", "UNITS"], rws, rules=rules,
                 shade_head=rules != "none")
    fl.para("Results flagged H or L are outside the reference interval. This test was performed at %s." % lab["name"], st.base - 1.5)
    ld = C.clin()
    C.dis("lab_director")
    C.footer = page_footer(C, left="Laboratory Director: %s, PhD  -  FINAL REPORT" % ld.form("cred").split(",")[0] if rng.random() < 0.5 else
                           "Lab Director: %s" % ld.form("cred"))


def L_lab_mono(C):
    """Hospital LIS printout in monospace: fixed-width header block repeated each page, dotted result lines."""
    st, rng, p = C.st, C.rng, C.pat
    st.base = rng.choice([8.5, 9, 9, 9.5, 10])
    hosp = C.fac("hospital")
    sz = st.base
    cwid = st.f(sz, mono=True).getlength("M")
    ncol = int((st.mr - st.ml) / cwid)
    name = C.NAME(rng.choice(["LFMt", "LFM"]))
    dobf = rng.choice(["mdy0", "mdY", "dbY_up", "mdY"])
    C.dobf = dobf
    dob = C.DOB()
    mrn = C.MRN() if C.has_mrn else None
    sex = C.SEX("letter")
    encf = rng.choice(["mdy0", "mdY", "dbY_up"])
    C.df = encf
    enc = C.ENC()
    ordd = C.PROV(rng.choice(["LF", "LFt"]))
    acct = "V" + digits(rng, 8)
    C.dis("account_no", "printed_timestamp", "lab_dates", "accession")
    coll, recd, rept = lab_dates(C)
    run = rept + timedelta(days=C.rng.randint(0, 30))
    run_s = "%s %02d%02d" % (fdate(run, encf), rng.randint(0, 23), rng.randint(0, 59))
    loc = rng.choice(["MED/4W-412", "ER", "OP LAB", "ICU-07", "SURG/3E-310"])
    enc_lab = rng.choice(["VISIT DATE", "SERVICE DATE", "DOS", "ENC DATE"])
    mrn_lab = rng.choice(["UNIT#", "MED REC#", "MRN", "HOSP NO."])
    C.note("repeat_header")

    def row(a, b, w=None):
        w = w or ncol // 2
        return a.ljust(w)[:w] + b

    def header(pg, pno):
        y = st.mt
        lines = [row(hosp["name"].upper()[:ncol // 2 - 1], "LABORATORY REPORT"),
                 row("RUN DATE: %s" % run_s, "PAGE %d" % pno),
                 "-" * ncol,
                 row("PT NAME: %s" % name, ("%s: %s" % (mrn_lab, mrn)) if mrn else "ACCT#: %s" % acct),
                 row("DOB: %s  AGE: %d  SEX: %s" % (dob, C.age(), sex), "LOC: %s" % loc),
                 row("%s: %s" % (enc_lab, enc), "ORD DR: %s" % ordd),
                 row(("ACCT#: %s" % acct) if mrn else "STATUS: %s" % rng.choice(["ADM IN", "REG ER", "REG CLI"]), "ATT DR: SEE CHART"),
                 "-" * ncol]
        for ln in lines:
            pg.t(st.ml, y, ln, sz, mono=True, prot=True)
            y += st.lh(sz, 1.35)
        return y + 20

    pg = C.new_page()
    pages = {"n": 1}
    y = header(pg, 1)

    def newpage():
        pages["n"] += 1
        pg2 = C.new_page()
        return pg2, header(pg2, pages["n"])

    fl = Flow(C, pg, y, newpage)
    panels = rng.sample(list(LABPANELS), rng.randint(4, 6) if C.long else rng.randint(2, 4))
    for pn, rws in lab_rows(C, panels):
        fl.space(0.5)
        spec = "%s:%s%s" % (fdate(coll, "iso")[5:].replace("-", ""), rng.choice("HCBU"), digits(rng, 5))
        fl.text("SPEC #: %s   COLL: %s-%02d%02d   RECD: %s-%02d%02d" % (spec, fdate(coll, encf), rng.randint(5, 11), rng.randint(0, 59),
                                                                   fdate(recd, encf), rng.randint(11, 18), rng.randint(0, 59)), sz, mono=True)
        fl.text("ORDERED: %s" % pn, sz, mono=True, bold=True)
        fl.text("%-26s %-10s %-5s %-14s %s" % ("TEST", "RESULT", "FLAG", "REF RANGE", "UNITS"), sz, mono=True)
        for nm, v, fg, ref, unit in rws:
            fl.text("%s %-10s %-5s %-14s %s" % ((nm.upper() + " ").ljust(26, "."), v, fg, ref, unit), sz, mono=True)
        fl.text("STATUS: FINAL   VERIFIED %s %02d%02d BY %s" % (fdate(rept, encf), rng.randint(0, 23), rng.randint(0, 59),
                                                            rng.choice(["MLT04", "JKR", "AUTOVERIF", "CLS12"])), sz, mono=True)
    fl.space(1)
    fl.text("** END OF REPORT **", sz, mono=True)


# ---------------------------------------------------------------- discharge_summary
def hosp_course(C, n):
    rng = C.rng
    S = ["The patient was admitted to the medical floor and started on intravenous fluids and empiric antibiotics.",
         "Blood cultures remained negative at 48 hours and antibiotics were narrowed accordingly.",
         "Cardiology was consulted and recommended continuation of beta blockade with outpatient monitoring.",
         "Renal function improved with hydration; creatinine returned to baseline prior to discharge.",
         "Pain was controlled with scheduled acetaminophen and minimal opioid use.",
         "Physical therapy evaluated the patient and cleared discharge home with a rolling walker.",
         "Home medications were resumed with the changes listed below.",
         "The patient remained hemodynamically stable throughout the stay and tolerated a regular diet.",
         "Glucose was managed with basal insulin and a correction scale during the admission.",
         "Telemetry showed no significant arrhythmia.", "Chest radiograph on the second hospital day showed interval improvement."]
    return " ".join(rng.sample(S, n))


def L_dc_ehr(C):
    """Discharge summary: Date of Admission / Date of Discharge grid, consultants, dictated-by, D:/T: lines."""
    st, rng, p = C.st, C.rng, C.pat
    hosp = C.fac("hospital")
    pg = C.new_page()
    x0, x1 = st.ml, st.mr
    y = letterhead(C, pg, hosp, kind=rng.choice(["center", "left", "bar"]))
    pg.t(W / 2, y, rng.choice(["DISCHARGE SUMMARY", "HOSPITAL DISCHARGE SUMMARY", "DISCHARGE SUMMARY REPORT"]), st.base + 4, bold=True, align="c")
    y += st.lh(st.base + 4) + 20
    dis = C.enc + timedelta(days=rng.randint(1, 9))
    C.dis("discharge_date", "consultant", "pcp")
    cons = [C.clin() for _ in range(rng.randint(1, 2))]
    pcp = C.clin()
    mrn_lab = rng.choice(["MRN", "Medical Record #", "Hosp No.", "MR #"])
    left = [(rng.choice(["Patient Name", "Patient", "Name"]), C.NAME(rng.choice(["lfm", "fml", "LFM"]))),
            (rng.choice(["Date of Birth", "DOB", "Birth Date"]), C.DOB())]
    if C.has_mrn:
        left.append((mrn_lab, C.MRN()))
    left.append((rng.choice(["Sex", "Gender"]), C.SEX(rng.choice(["word", "letter"]))))
    left.append(("PCP", pcp.form("cred")))
    right = [(rng.choice(["Date of Admission", "Admission Date", "Admit Date", "Admitted"]), C.ENC()),
             (rng.choice(["Date of Discharge", "Discharge Date", "Discharged"]), C.D(dis)),
             (rng.choice(["Attending Physician", "Attending", "Attending of Record"]), C.PROV(rng.choice(["cred", "cred", "lf_cred"])))]
    for c in cons:
        right.append(("Consultant", "%s (%s)" % (c.form("cred"), c.c["spec"])))
    lw = lab_w(pg, [l for l, _ in left])
    mid = x0 + (x1 - x0) * 0.47
    a = kv_col(pg, x0, y, left, lw, vmaxw=mid - x0 - lw - 30)
    lw = lab_w(pg, [l for l, _ in right])
    b = kv_col(pg, mid, y, right, lw, vmaxw=x1 - mid - lw - 10)
    y = max(a, b) + 20
    pg.line(x0, y, x1, y, 2)
    y += 30
    rep = rng.random() < 0.65
    if rep:
        C.note("repeat_header")

    def newpage():
        pg2 = C.new_page()
        yy = st.mt
        if rep:
            s = "Patient: %s   %s" % (C.nm.fml(), ("MRN %s" % C.mrn_p) if C.has_mrn else "DOB %s" % fdate(p["dob"], C.dobf))
            pg2.t(st.ml, yy, s, st.base - 0.5, bold=True)
            pg2.t(st.mr, yy, "Discharge Summary (cont.)", st.base - 0.5, align="r")
            yy += st.lh() + 4
            pg2.line(st.ml, yy, st.mr, yy, 2)
            yy += 30
        return pg2, yy

    fl = Flow(C, pg, y, newpage)
    hd = lambda s: fl.heading(s, caps=True, under=rng.random() < 0.3)
    hd("Admission Diagnosis")
    fl.para(C.dxs[0][0])
    hd("Discharge Diagnoses")
    for i, (d, c) in enumerate(C.dxs[:3]):
        fl.text("%d. %s" % (i + 1, d), indent=20)
    hd("History of Present Illness")
    fl.para(hpi_text(C, rng.randint(3, 6)))
    hd("Hospital Course")
    for _ in range(rng.randint(7, 10) if C.xlong else rng.randint(3, 5) if C.long else rng.randint(1, 3)):
        fl.para(hosp_course(C, rng.randint(3, 5)))
    if C.long:
        hd("Pertinent Results")
        pn, rws = lab_rows(C, [rng.choice(list(LABPANELS))])[0]
        fl.table([4, 1.6, 0.8, 2, 1.5], ["Test", "Result", "Flag", "Reference", "Units"], rws, rules="h", shade_head=False)
    if rng.random() < 0.5:
        hd("Procedures")
        pd = C.enc + timedelta(days=rng.randint(1, max(1, (dis - C.enc).days)))
        C.dis("date_range")
        fl.para("%s on %s." % (rng.choice(["Transthoracic echocardiogram", "Upper endoscopy", "CT abdomen/pelvis", "PICC line placement"]), C.D(pd)))
    hd("Discharge Medications")
    fl.table([3, 1.4, 1, 2.2], ["Medication", "Dose", "Route", "Frequency"], [m for m in rng.sample(MEDS, rng.randint(3, 7))],
             rules=rng.choice(["h", "none"]), shade_head=False)
    hd("Follow-up")
    nxt = dis + timedelta(days=rng.randint(5, 21))
    C.dis("next_appt")
    fl.para("Follow up with %s on %s. Call sooner for fever, worsening pain or shortness of breath." % (pcp.form("dr"), C.D(nxt)))
    hd("Condition at Discharge")
    fl.para(rng.choice(["Stable. Discharged home.", "Improved. Discharged home with home health.", "Stable; discharged to skilled nursing facility."]))
    fl.space(1)
    dict_by = C.clin() if rng.random() < 0.7 else None
    if dict_by:
        C.dis("dictated_by")
        fl.text("Dictated by: %s" % dict_by.form("cred"))
    fl.text("Electronically signed by: %s (Attending) %s" % (C.pv.form("cred"), C.ts(dis + timedelta(days=rng.randint(0, 3)))))
    fl.text("D: %s  T: %s  Job #%s" % (fdate(dis, "mdy0"), fdate(dis + timedelta(days=1), "mdy0"), digits(rng, 6)), max(7, st.base - 1.5))
    C.footer = page_footer(C, left=hosp["name"])


def L_dc_letter(C):
    """Discharge summary written as a letter to the PCP; admission/discharge dates only in prose."""
    st, rng, p = C.st, C.rng, C.pat
    hosp = C.fac("hospital")
    pg = C.new_page()
    x0, x1 = st.ml, st.mr
    y = letterhead(C, pg, hosp)
    dis = C.enc + timedelta(days=rng.randint(2, 8))
    ld = dis + timedelta(days=rng.randint(1, 4))
    C.dis("discharge_date", "addressee", "statement_date")
    pg.t(x0, y, C.D(ld), st.base)
    y += st.lh() * 2
    pcp = C.clin()
    for s in [pcp.form("cred"), rng.choice(CLINICS), "%d %s" % (rng.randint(10, 999), rng.choice(STREETS)), "%s, %s" % rng.choice(CITIES)[:2]]:
        pg.t(x0, y, s)
        y += st.lh()
    y += st.lh()
    pg.t(x0, y, rng.choice(["DISCHARGE SUMMARY", "Hospital Discharge Summary"]), st.base + 1, bold=True)
    y += st.lh(st.base + 1) + 10
    re_lab = rng.choice(["RE", "Re", "Regarding", "Patient"])
    pg.lv(x0, y, re_lab, C.NAME(rng.choice(["fml", "LFM", "lfm"])), lbold=True)
    y += st.lh()
    ind = x0 + pg.tw(st.L(re_lab) + "  ", bold=True)
    parts = ["DOB %s" % C.DOB()]
    if C.has_mrn:
        parts.append("%s %s" % (rng.choice(["Hosp No.", "MRN", "Medical Record No."]), C.MRN()))
    pg.t(ind, y, "   ".join(parts), prot=True)
    y += st.lh() * 2
    pg.t(x0, y, "Dear %s," % pcp.drlast())
    y += st.lh() * 1.6
    fw = "BdY" if rng.random() < 0.6 else C.df
    adm_s = C._r("encounter_date", fdate(C.enc, fw), C.enc.isoformat())
    who = C.nm.short()
    prov = C.PROV(rng.choice(["cred", "plain"]))
    C.note("prose_dates")
    y = pg.para(x0, y, x1 - x0, "Your patient %s was admitted to the %s service at %s on %s under the care of %s and was "
                "discharged %s on %s. I am writing to summarise the hospital stay." % (
                    who, rng.choice(["hospitalist", "internal medicine", "cardiology"]), hosp["name"], adm_s, prov,
                    rng.choice(["home", "home with home health services", "to a rehabilitation facility"]), fdate(dis, fw)), prot=True)
    y += st.lh() * 0.6

    def newpage():
        return C.new_page(), st.mt

    fl = Flow(C, pg, y, newpage)
    fl.para("Presenting problem: " + hpi_text(C, 3))
    fl.para("Hospital course: " + hosp_course(C, rng.randint(4, 6)))
    fl.para("Discharge diagnoses: " + "; ".join(d for d, _ in C.dxs[:3]) + ".")
    fl.para("Medications at discharge: " + ", ".join("%s %s %s" % (m[0], m[1], m[3]) for m in rng.sample(MEDS, rng.randint(3, 5))) + ".")
    nxt = dis + timedelta(days=rng.randint(5, 20))
    C.dis("next_appt")
    fl.para("We would be grateful if you could see %s in your office within two weeks; an appointment has been made for %s." % (
        who, C.D(nxt)))
    fl.para("Please do not hesitate to contact me with any questions.")
    fl.space(1)
    fl.text("Sincerely,")
    if fl.need(st.lh() * 5):
        fl.y = sig_block(C, fl.pg, fl.x0, fl.y, C.pv.form("cred"), rng, extra=["Hospital Medicine, %s" % hosp["name"]])
    cc = C.clin()
    C.dis("cc")
    fl.space(0.5)
    fl.text("cc: %s; medical records" % cc.form("cred"), max(7, st.base - 1))


# ---------------------------------------------------------------- referral_letter
def L_ref_prose(C):
    """Referral letter whose only patient mention is inline prose: 'I am referring Mrs. X (DOB ...)'."""
    st, rng, p = C.st, C.rng, C.pat
    fac = C.fac("clinic")
    pg = C.new_page()
    x0, x1 = st.ml, st.mr
    y = letterhead(C, pg, fac)
    pg.t(x0, y, C.ENC(rng.choice(["BdY", "BdY", "mdY", "dBY_long"])), prot=True)
    y += st.lh() * 2
    spec = C.clin()
    C.dis("addressee")
    for s in [spec.form("cred"), spec.c["spec"], rng.choice(HOSPITALS + CLINICS), "%d %s" % (rng.randint(10, 999), rng.choice(STREETS)),
              "%s, %s" % rng.choice(CITIES)[:2]]:
        pg.t(x0, y, s)
        y += st.lh()
    y += st.lh()
    pg.t(x0, y, "Dear %s," % spec.drlast())
    y += st.lh() * 1.6
    nm = C.NAME("fml")
    who = ((C.nm.title(rng.random() < 0.4) + " ") if C.nm.title() else "") + nm
    dob = C.DOB(rng.choice(["md_Y", "mdY", "mdy", "BdY"]))
    mrn = (" (our chart no. %s)" % C.MRN()) if (C.has_mrn and rng.random() < 0.4) else ""
    C.note("prose_only_patient")
    fam = p["ec"]
    s1 = rng.choice(["I am writing to refer %s, born %s%s, for your opinion regarding %s.",
                     "Thank you for agreeing to see %s (DOB %s)%s, whom I saw in clinic today for %s."]) % (
        who, dob, mrn, C.dxs[0][0].lower())
    s2 = hpi_text(C, rng.randint(3, 5), skip_first=True)
    y = pg.para(x0, y, x1 - x0, s1 + " " + s2, prot=True)
    y += st.lh() * 0.5

    def newpage():
        return C.new_page(), st.mt

    fl = Flow(C, pg, y, newpage)
    fl.para("Current medications include " + ", ".join("%s %s" % (m[0], m[1]) for m in rng.sample(MEDS, 3)) +
            ". Relevant history: " + "; ".join(d for d, _ in C.dxs[1:3]).lower() + ".")
    if rng.random() < 0.6:
        C.dis("emergency_contact")
        fl.para("%s %s, the patient's %s, helps coordinate appointments and can be reached at %s." % (
            fam["given"], fam["family"], fam["rel"].lower(), fam["phone"]))
    fl.para("I would appreciate your assessment and recommendations. Recent laboratory results and imaging are enclosed. "
            "Please send your report to my office at the fax number above.")
    fl.space(0.5)
    fl.text(rng.choice(["Sincerely,", "Kind regards,", "With thanks,"]))
    if fl.need(st.lh() * 6):
        C.dis("npi")
        fl.y = sig_block(C, fl.pg, fl.x0, fl.y, C.PROV(rng.choice(["cred", "cred", "plain"])), rng,
                         extra=["%s  |  NPI %s" % (fac["name"], C.pv.c["npi"])])
    if rng.random() < 0.6:
        cc = C.clin()
        C.dis("cc")
        fl.space(0.5)
        fl.text("cc: %s" % cc.form("cred"), max(7, st.base - 1))
    fl.text("Enclosures: labs, imaging report", max(7, st.base - 1))


def L_ref_consult(C):
    """Consultation reply letter with a 'Regarding / DOB / Date of Service' block; letter date differs."""
    st, rng, p = C.st, C.rng, C.pat
    fac = C.fac("clinic")
    pg = C.new_page()
    x0, x1 = st.ml, st.mr
    y = letterhead(C, pg, fac)
    y -= 20
    pg.t(x0, y, "%s  -  %s" % (C.PROV(rng.choice(["cred", "cred", "dr"])), C.pv.c["spec"]), st.base, bold=True, prot=True)
    y += st.lh() * 1.8
    ld = C.off(2, 14)
    C.dis("statement_date", "addressee", "referring")
    pg.t(x1 if rng.random() < 0.5 else x0, y, C.D(ld), align="r" if rng.random() < 0.5 else "l")
    y += st.lh() * 2
    ref = C.clin()
    for s in [ref.form("cred"), rng.choice(CLINICS), "%d %s" % (rng.randint(10, 999), rng.choice(STREETS)), "%s, %s" % rng.choice(CITIES)[:2]]:
        pg.t(x0, y, s)
        y += st.lh()
    y += st.lh()
    labs = [(rng.choice(["Regarding", "Re", "Patient", "RE"]), C.NAME(rng.choice(["fml", "FML", "lfm"]))),
            (rng.choice(["Date of Birth", "DOB", "D.O.B."]), C.DOB())]
    if C.has_mrn and rng.random() < 0.6:
        labs.append((rng.choice(["MRN", "Chart #", "Our file"]), C.MRN()))
    labs.append((rng.choice(["Date of Service", "Date of Consultation", "Visit Date", "DOS"]), C.ENC()))
    lw = lab_w(pg, [l for l, _ in labs], bold=True)
    y = kv_col(pg, x0, y, [(l, v) for l, v in labs], lw)
    y += st.lh()
    pg.t(x0, y, "Dear %s," % ref.drlast())
    y += st.lh() * 1.6
    who = C.nm.short()
    y = pg.para(x0, y, x1 - x0, "Thank you for referring %s, whom I saw in %s consultation for %s. My findings and recommendations follow." % (
        who, C.pv.c["spec"].lower(), C.dxs[0][0].lower()))
    y += st.lh() * 0.5

    def newpage():
        pg2 = C.new_page()
        yy = st.mt
        pg2.t(st.ml, yy, "%s - page 2" % C.nm.fml(), st.base - 1)
        return pg2, yy + st.lh() * 2

    fl = Flow(C, pg, y, newpage)
    fl.heading(rng.choice(["History", "HISTORY OF PRESENT ILLNESS"]))
    fl.para(hpi_text(C, rng.randint(4, 7)))
    if C.long:
        extra_sections(C, fl)
    fl.heading(rng.choice(["Examination", "PHYSICAL EXAMINATION"]))
    fl.para(vitals(C) + ". " + " ".join(rng.sample(EXAM, 4)))
    fl.heading(rng.choice(["Impression", "ASSESSMENT"]))
    for i, (d, c) in enumerate(C.dxs[:2]):
        fl.text("%d. %s" % (i + 1, d), indent=20)
    fl.heading(rng.choice(["Recommendations", "PLAN"]))
    for pl in rng.sample(PLAN, 3):
        fl.text("- " + pl, indent=20)
    fl.para("I will see %s again in %d months. Thank you for this kind referral." % (who, rng.randint(2, 6)))
    fl.text("Yours sincerely,")
    if fl.need(st.lh() * 6):
        fl.y = sig_block(C, fl.pg, fl.x0, fl.y, C.pv.form("cred"), rng, extra=[C.pv.c["spec"]])
    pcp = C.clin()
    C.dis("cc")
    fl.text("cc: %s; %s" % (ref.form("dr"), pcp.form("dr")), max(7, st.base - 1))


def L_ref_form(C):
    """Faxed referral request form: boxes, specialty checkboxes, Requesting Provider signs, 'Refer To' addressee."""
    st, rng, p = C.st, C.rng, C.pat
    st.base = min(st.base, 10.5)
    fac = C.fac("clinic")
    C.fax_hint = True
    pg = C.new_page()
    x0, x1 = st.ml, st.mr
    y = st.mt + 40
    pg.t(x0, y, fac["name"], st.base + 2, bold=True)
    pg.t(x1, y, rng.choice(["OUTPATIENT REFERRAL FORM", "SPECIALTY REFERRAL REQUEST", "REFERRAL / CONSULT REQUEST"]), st.base + 3, bold=True, align="r")
    y += st.lh(st.base + 3)
    pg.t(x0, y, "Phone %s  Fax %s" % (fac["phone"], fac["fax"]), st.base - 1)
    C.dis("phone_fax")
    y += st.lh() + 20
    ff = st.fill
    xm = x0 + (x1 - x0) * 0.45
    ex = pg.t(x0, y, st.L("Referral Date"), bold=True)
    pg.t(ex + 20, y, C.ENC(), prot=True, ital=ff == "ital", mono=ff == "mono")
    xx = pg.t(xm, y, "Priority:", bold=True) + 20
    urg = rng.random() < 0.3
    xx = pg.checkbox(xx, y, "Routine", not urg) + 30
    pg.checkbox(xx, y, "Urgent (within 72 h)", urg)
    y += st.lh() + 20

    def sec(y, s):
        pg.shade(x0, y, x1, y + pt(st.base) * 1.5, 205)
        pg.t(x0 + 12, y + 5, s, st.base, bold=True)
        return y + int(pt(st.base) * 1.5)

    y = sec(y, "PATIENT")
    last, first, mid, sfx = C.NAME_parts()
    y = cells_row(pg, x0, x1, y, [("Last Name", last + (" " + sfx if sfx else ""), 3), ("First Name", first, 3),
                                  ("Middle Name" if C.nm.mode == "full" else "MI", mid, 1.5 if C.nm.mode == "full" else 0.7)], fillfont=ff)
    items = [("Date of Birth", C.DOB(), 2), (rng.choice(["Sex", "Gender"]), C.SEX("letter"), 1), ("Phone", p["phone"], 2)]
    if C.has_mrn:
        items.append((rng.choice(["MRN / Chart #", "Patient ID", "Chart No."]), C.MRN(), 2))
    y = cells_row(pg, x0, x1, y, items, fillfont=ff)
    C.dis("insurance_ids")
    y = cells_row(pg, x0, x1, y, [("Insurance", p["ins"]["payer"], 3), ("Member ID", p["ins"]["member"], 2.2),
                                  ("Authorization #", rng.choice(["", "AUTH" + digits(rng, 7)]), 2)], fillfont=ff)
    y += 24
    y = sec(y, "REFER TO")
    y += 16
    spec = C.clin()
    C.dis("addressee")
    cw = (x1 - x0) / 4
    sp = SPECIALTIES[:]
    for i, s in enumerate(sp[:12]):
        pg.checkbox(x0 + 20 + cw * (i % 4), y + st.lh(None, 1.55) * (i // 4), s, s == spec.c["spec"], st.base - 1)
    y += st.lh(None, 1.55) * 3 + 16
    y = cells_row(pg, x0, x1, y, [("Specialist / Facility", "%s - %s" % (spec.form("cred"), rng.choice(CLINICS + HOSPITALS)), 4),
                                  ("Specialist Fax", phone(rng), 1.5)], fillfont=ff)
    y += 24
    y = sec(y, "REASON FOR REFERRAL")
    y += 14
    pg.t(x0 + 20, y, "Diagnosis / ICD-10: %s  %s" % (C.dxs[0][1], C.dxs[0][0]), prot=False)
    y += st.lh()
    y = pg.para(x0 + 20, y, x1 - x0 - 40, "Clinical question: please evaluate and advise on management. " + hpi_text(C, 3, skip_first=True), ital=ff == "ital")
    y += 24
    y = sec(y, rng.choice(["REQUESTING PROVIDER", "ORDERING / REQUESTING CLINICIAN"]))
    C.dis("npi")
    y = cells_row(pg, x0, x1, y, [("Name", C.PROV(rng.choice(["cred", "lf_cred"])), 3.2), ("NPI", C.pv.c["npi"], 1.6),
                                  ("Phone", fac["phone"], 1.6), ("Fax", fac["fax"], 1.6)], fillfont=ff)
    y += 30
    pg.t(x0, y + 20, st.L("Signature"), bold=True)
    pg.scribble(rng, x0 + 320, y + 40, 460)
    pg.line(x0 + 290, y + 80, x0 + 1200, y + 80, 2)
    pg.t(x0 + 1260, y + 20, st.L("Date"), bold=True)
    pg.t(x0 + 1420, y + 20, fdate(C.enc, C.df), ital=ff == "ital", mono=ff == "mono")
    pg.line(x0 + 1400, y + 80, x1, y + 80, 2)
    y += 150
    pg.rect(x0, y, x1, y + st.lh() * 3 + 20, w=2)
    pg.t(x0 + 16, y + 10, "FOR SPECIALIST OFFICE USE", st.base - 1, bold=True)
    if rng.random() < 0.5:
        ap = C.off(7, 60)
        C.dis("next_appt")
        pg.lv(x0 + 16, y + 10 + st.lh(), "Appointment scheduled for", "%s %d:%02d" % (C.D(ap), rng.randint(8, 16), rng.choice([0, 15, 30, 45])), st.base - 1, prot=False)
    else:
        pg.lv(x0 + 16, y + 10 + st.lh(), "Appointment scheduled for", "________________", st.base - 1, prot=False)


# ---------------------------------------------------------------- radiology_report
EXAM_IND = {"CT HEAD WITHOUT CONTRAST": ["Headache and dizziness", "Fall with head strike", "Confusion"],
            "XR CHEST 2 VIEWS": ["Cough for three weeks", "Shortness of breath", "Preoperative evaluation"],
            "US RIGHT UPPER QUADRANT": ["Right upper quadrant pain after meals", "Elevated liver enzymes"],
            "CT ABDOMEN AND PELVIS WITH IV CONTRAST": ["Left lower quadrant pain", "Abdominal pain, nausea"],
            "MRI CERVICAL SPINE WITHOUT CONTRAST": ["Neck pain radiating to the left arm", "Cervical radiculopathy"],
            "XR RIGHT ANKLE 3 VIEWS": ["Inversion injury, lateral ankle pain", "Ankle swelling after fall"],
            "CTA CHEST PULMONARY EMBOLISM PROTOCOL": ["Pleuritic chest pain, tachycardia", "Dyspnea, elevated D-dimer"]}
ROS = ["Constitutional: negative for fever, chills and weight loss.", "Eyes: negative for visual changes.",
       "ENT: negative for sore throat or hearing loss.", "Cardiovascular: negative for chest pain and palpitations.",
       "Respiratory: negative for cough and dyspnea.", "GI: positive for intermittent heartburn; negative for nausea.",
       "GU: negative for dysuria and hematuria.", "Musculoskeletal: positive for morning joint stiffness.",
       "Skin: negative for rash.", "Neurological: negative for focal weakness or numbness.",
       "Psychiatric: negative for depressed mood.", "Endocrine: negative for polyuria and polydipsia."]
SOCIAL = ["Lives with family. Never smoker. Drinks alcohol socially. Works part-time.",
          "Former smoker, quit 10 years ago. No alcohol. Retired.", "Lives alone; daughter nearby. No tobacco. Walks daily.",
          "Attends school; lives with parents. No tobacco exposure at home."]


INSTR = ["Take all medications exactly as prescribed and bring your medication list to every visit.",
         "Check your blood pressure at home twice a day and write the readings in your log.",
         "Call the office or go to the nearest emergency department for chest pain, severe shortness of breath, fainting, or new weakness.",
         "Limit salt to less than 2 grams per day and avoid processed foods.",
         "Aim for 30 minutes of moderate activity, such as walking, at least five days a week.",
         "Lab work should be done in the morning after fasting for 8 hours; water is allowed.",
         "Do not stop any medication without talking to your clinician first.",
         "Your results will be posted to the patient portal; we will call you if any change is needed."]


def instructions(C, fl):
    fl.heading("Patient Instructions")
    for _ in range(C.rng.randint(2, 4)):
        fl.para(" ".join(C.rng.sample(INSTR, 4)))


def extra_sections(C, fl, size=None):
    """More body text for long documents (pushes them onto further pages)."""
    rng = C.rng
    fl.heading("Past Medical History", size)
    for d, c in rng.sample(DXS, 4):
        fl.text("- %s" % d, size, indent=20)
    fl.heading("Current Medications", size)
    fl.table([3, 1.3, 1, 2.4], ["Medication", "Dose", "Route", "Directions"], rng.sample(MEDS, rng.randint(4, 9)),
             size=size, rules="h", shade_head=False)
    fl.heading("Review of Systems", size)
    for r in rng.sample(ROS, rng.randint(6, 11)):
        fl.text(r, size, indent=20)
    fl.heading("Social History", size)
    fl.para(SOCIAL[3] if C.age() < 18 else rng.choice(SOCIAL[:3]), size)


def rad_body(C, fl, exam, cmp_s, hist):
    rng = C.rng
    fnd, imp = EXAMS[exam]
    fl.heading(rng.choice(["CLINICAL HISTORY:", "INDICATION:", "HISTORY:"]), bold=True)
    fl.para(hist)
    fl.heading("TECHNIQUE:", bold=True)
    fl.para(rng.choice(["Standard departmental protocol was followed.", "Multiplanar images were obtained without intravenous contrast.",
                        "Routine views were obtained.", "Images were acquired and reviewed on PACS."]))
    fl.heading("COMPARISON:", bold=True)
    fl.para(cmp_s)
    fl.heading("FINDINGS:", bold=True)
    for f in fnd:
        fl.para(f, after=0.1)
    fl.heading("IMPRESSION:", bold=True)
    for i, s in enumerate(imp):
        fl.text("%d. %s" % (i + 1, s), indent=20, bold=rng.random() < 0.3)


def L_rad_boxed(C):
    """Imaging report with a ruled two-column header table; ordering physician and prior-study distractors."""
    st, rng, p = C.st, C.rng, C.pat
    img = C.fac("imaging")
    pg = C.new_page()
    x0, x1 = st.ml, st.mr
    y = letterhead(C, pg, img)
    pg.t(W / 2, y, rng.choice(["DIAGNOSTIC IMAGING REPORT", "RADIOLOGY REPORT", "IMAGING CONSULTATION"]), st.base + 3, bold=True, align="c")
    y += st.lh(st.base + 3) + 20
    exam = rng.choice(list(EXAMS))
    ordp = C.clin()
    C.dis("referring", "accession")
    acc = digits(rng, 8)
    cells = [(rng.choice(["Patient Name", "Patient", "Name"]), C.NAME(rng.choice(["lfm", "LFM", "fml"])),
              rng.choice(["Exam Date", "Date of Exam", "Exam Date/Time", "Date of Service"]), C.ENC() + ("  %02d:%02d" % (rng.randint(7, 22), rng.randint(0, 59)) if rng.random() < 0.5 else "")),
             (rng.choice(["DOB", "Date of Birth", "Birthdate"]), C.DOB(), "Accession #", acc),
             (rng.choice(["Sex", "Gender"]), C.SEX(rng.choice(["letter", "word"])), rng.choice(["Ordering Physician", "Ordered by", "Referring Physician"]), ordp.form(rng.choice(["cred", "LF"]))),
             (rng.choice(["MRN", "MR #", "Patient ID", "Med Rec No."]) if C.has_mrn else "Acct #", C.MRN() if C.has_mrn else digits(rng, 9), "Location", rng.choice(["Outpatient", "ED", "Inpatient 5N", "Clinic"]))]
    if not C.has_mrn:
        C.dis("account_no")
    rh = st.lh(None, 1.65)
    cw = [0.17, 0.33, 0.2, 0.3]
    xs = [x0]
    for c in cw:
        xs.append(xs[-1] + (x1 - x0) * c)
    yy = y
    for r in cells:
        for k in range(4):
            if k % 2 == 0:
                pg.shade(xs[k], yy, xs[k + 1], yy + rh, 232)
            pg.t(xs[k] + 14, yy + rh * 0.18, r[k], bold=(k % 2 == 0), prot=True, maxw=xs[k + 1] - xs[k] - 24)
        yy += rh
    for k in range(5):
        pg.line(xs[k], y, xs[k], yy, 2)
    for i in range(len(cells) + 1):
        pg.line(x0, y + i * rh, x1, y + i * rh, 2)
    y = yy + 40
    pg.t(x0, y, "EXAM: " + exam, bold=True)
    y += st.lh() * 1.5
    if rng.random() < 0.75:
        pd = C.off(-1500, -60)
        C.dis("prior_study")
        cmp_s = "%s dated %s." % (rng.choice(["Prior study", "Outside CT", "Radiographs", "Prior examination"]), C.D(pd))
    else:
        cmp_s = "None available."

    def newpage():
        pg2 = C.new_page()
        pg2.t(st.ml, st.mt, "%s  |  %s  |  %s" % (C.nm.lfm(), exam, fdate(C.enc, C.df)), st.base - 1)
        return pg2, st.mt + st.lh() * 2

    fl = Flow(C, pg, y, newpage)
    rad_body(C, fl, exam, cmp_s, "%s. History of %s." % (rng.choice(EXAM_IND[exam]), C.dxs[0][0].lower()))
    fl.space(1.2)
    lab = rng.choice(["Interpreted by", "Interpreting Radiologist", "Radiologist", "Read by"])
    pv = C.PROV(rng.choice(["cred", "cred", "lf_cred"]))
    # the radiologist must be on the patient page: put him in the page-1 header zone too if the flow moved on
    fl.text("%s: %s" % (lab, pv), bold=True)
    sd = C.enc + timedelta(days=rng.choice([0, 0, 1, 2]))
    C.dis("signature_date")
    fl.text("Electronically signed %s" % C.ts(sd))
    if rng.random() < 0.6:
        C.dis("dictated_by")
        fl.text("Transcribed by: %s  %s" % (rng.choice(["kmw", "RT", "jlp", "VoiceRec"]), fdate(sd, "mdy0")), max(7, st.base - 1.5))


def L_rad_mono(C):
    """Teleradiology final report in monospace; AGE/SEX combined field, READING RADIOLOGIST, comparison date."""
    st, rng, p = C.st, C.rng, C.pat
    st.base = rng.choice([9, 9.5, 10, 10.5])
    sz = st.base
    img = C.fac("imaging")
    pg = C.new_page()
    C.fax_hint = rng.random() < 0.5
    cwid = st.f(sz, mono=True).getlength("M")
    ncol = int((st.mr - st.ml) / cwid)
    y = st.mt + 40
    exam = rng.choice(list(EXAMS))
    ordp = C.clin()
    C.dis("referring", "accession")
    ef = rng.choice(["mdY", "mdy0", "dbY_up", "iso"])
    C.df = ef
    C.dobf = rng.choice([ef, "mdY"])
    name = C.NAME(rng.choice(["LFM", "LFMt"]))
    L = lambda a, b: a.ljust(ncol // 2)[:ncol // 2] + b
    sexs = C.SEX("letter")
    lines = [img["name"].upper(), "%s  %s" % (img["addr"].upper(), img["city"].upper()), "",
             "*** FINAL REPORT ***".center(ncol), "",
             L("PATIENT: %s" % name, "AGE/SEX: %dY/%s" % (C.age(), sexs)),
             L("DOB:     %s" % C.DOB(), ("MRN: %s" % C.MRN()) if C.has_mrn else "VISIT#: %s" % digits(rng, 10)),
             L("EXAM:    %s" % exam[:ncol // 2 - 10], ""),
             L("DATE OF EXAM: %s %02d:%02d" % (C.ENC(), rng.randint(0, 23), rng.randint(0, 59)), "ACC#: %s" % ("RA" + digits(rng, 7))),
             L("REFERRING: %s" % ordp.form("LFt"), "SITE: %s" % rng.choice(["ST ALDRIC ED", "BELLHAVEN OP", "NFCH ER", "MARROWSTONE"])),
             "READING RADIOLOGIST: %s" % C.PROV("CAPS"), "-" * ncol]
    if len(exam) > ncol // 2 - 10:
        lines[7] = "EXAM:    %s" % exam
    for ln in lines:
        pg.t(st.ml, y, ln, sz, mono=True, prot=True)
        y += st.lh(sz, 1.35)
    y += 20
    if rng.random() < 0.8:
        pd = C.off(-1800, -30)
        C.dis("prior_study")
        cmp_s = "%s %s." % (rng.choice(["CT OF", "EXAM OF", "OUTSIDE STUDY", "PRIOR"]), fdate(pd, ef))
    else:
        cmp_s = "NONE."

    def newpage():
        pg2 = C.new_page()
        pg2.t(st.ml, st.mt, "PATIENT: %s   (CONTINUED)" % name, sz, mono=True)
        return pg2, st.mt + st.lh() * 2

    st_reg = (st.reg, st.bold)
    st.reg, st.bold = st.mono[0], st.mono[1]
    fl = Flow(C, pg, y, newpage)
    rad_body(C, fl, exam, cmp_s, "%s." % rng.choice(EXAM_IND[exam]).upper())
    fl.space(1)
    if rng.random() < 0.5:
        C.dis("consultant")
        fl.para("Findings were communicated by telephone to %s at %02d:%02d." % (ordp.form("dr").upper(), rng.randint(0, 23), rng.randint(0, 59)))
    fl.text("** ELECTRONICALLY SIGNED BY: %s  %s %02d:%02d **" % (C.pv.form("cred").upper(), fdate(C.enc, ef), rng.randint(0, 23), rng.randint(0, 59)))
    st.reg, st.bold = st_reg


# ---------------------------------------------------------------- medication_list
def id_sticker(C, pg, x, y, w=960, with_acct=True, ms=None):
    rng, st = C.rng, C.st
    ms = ms or rng.choice([9, 9.5, 10])
    rows = [C.NAME(rng.choice(["LFM", "LFMt"])), "DOB: %s" % C.DOB()]
    if C.has_mrn:
        rows.append("%s: %s" % (rng.choice(["MRN", "MR#", "UNIT#", "MED REC"]), C.MRN()))
    if with_acct:
        rows.append("ACCT# %s" % digits(rng, 9))
        C.dis("account_no")
    h = len(rows) * st.lh(ms, 1.5) + 50
    pg.d.rounded_rectangle([x, y, x + w, y + h], radius=28, outline=0, width=3)
    yy = y + 25
    for i, r in enumerate(rows):
        pg.t(x + 28, yy, r, ms + (1 if i == 0 else 0), mono=True, bold=i == 0, prot=True, maxw=w - 56)
        yy += st.lh(ms, 1.5)
    return y + h


def L_med_patient(C):
    """Patient-completed medication list: handwritten-style entries, 'who prescribed' and 'date started' columns."""
    st, rng, p = C.st, C.rng, C.pat
    pg = C.new_page()
    x0, x1 = st.ml, st.mr
    y = st.mt
    ff = "mono" if st.fill == "mono" else "ital"
    title = rng.choice(["My Medication List", "Personal Medicine Record", "MEDICINES I TAKE", "My Medicines"])
    pg.t(x0, y, title, st.base + 8, bold=True)
    if rng.random() < 0.45:
        id_sticker(C, pg, x1 - 900, y - 30, 900, with_acct=rng.random() < 0.5)
    else:
        C.has_mrn = False
    y += st.lh(st.base + 8)
    pg.t(x0, y, "Keep this list with you. Bring it to every appointment and update it when anything changes.", st.base - 1, ital=True)
    y += st.lh() * 2 + 20
    mid = x0 + (x1 - x0) * 0.55
    lh = st.lh(None, 2.0)
    blank_line(pg, x0, y, rng.choice(["Name", "My name", "Patient name"]), C.NAME(rng.choice(["fml", "fml", "lfm"])), mid - 40, fill=ff)
    blank_line(pg, mid, y, rng.choice(["Date of birth", "Birthday", "DOB"]), C.DOB(rng.choice(["md_Y", "mdY", "mdy", "BdY"])), x1, fill=ff)
    y += lh
    if rng.random() < 0.3:
        blank_line(pg, x0, y, "Sex", C.SEX("word"), mid - 40, fill=ff)
        blank_line(pg, mid, y, "Phone", p["phone"], x1, fill=ff)
        y += lh
    blank_line(pg, x0, y, "Allergies", rng.choice(["Penicillin - hives", "none", "Codeine (vomiting)", "Sulfa drugs", "latex"]), x1, fill=ff)
    y += lh
    pcp = C.clin()
    C.dis("pcp")
    blank_line(pg, x0, y, rng.choice(["My doctor", "Primary doctor"]), pcp.form("dr"), mid - 40, fill=ff)
    blank_line(pg, mid, y, "Phone", phone(rng), x1, fill=ff)
    y += lh
    blank_line(pg, x0, y, "Pharmacy", "%s Drug  %s" % (rng.choice(["Hilltop", "Corner", "Lakeside", "Family"]), phone(rng)), x1, fill=ff)
    y += lh
    ec = p["ec"]
    C.dis("emergency_contact")
    blank_line(pg, x0, y, "In case of emergency call", "%s %s  %s" % (ec["given"], ec["family"], ec["phone"]), x1, fill=ff)
    y += lh + 20
    cols = [("Medicine name and strength", 3.2), ("How much and when", 2.6), ("What it is for", 2.2), ("Who prescribed it", 2.2), ("Date started", 1.6)]
    tot = sum(w for _, w in cols)
    xs = [x0]
    for _, w in cols:
        xs.append(xs[-1] + (x1 - x0) * w / tot)
    rh = st.lh(None, 2.1)
    pg.shade(x0, y, x1, y + rh, 225)
    for k, (c, _) in enumerate(cols):
        pg.t(xs[k] + 12, y + rh * 0.22, c, st.base - 1, bold=True, maxw=xs[k + 1] - xs[k] - 20)
    y0 = y
    y += rh
    meds = rng.sample(MEDS, rng.randint(4, 9))
    pres = [C.clin() for _ in range(2)]
    C.dis("prescriber", "start_dates")
    upd = C.off(-10, 200)
    for i in range(max(len(meds) + 3, 10)):
        if i < len(meds):
            m = meds[i]
            sd = upd - timedelta(days=rng.randint(20, 2000))
            vals = ["%s %s" % (m[0], m[1]), "1 %s" % m[3], rng.choice(["blood pressure", "cholesterol", "sugar", "stomach", "pain", "sleep", "thyroid", "mood", "heart"]),
                    rng.choice(pres).drlast(), fdate(sd, rng.choice(["md_Y", "mdy", "bdY"])) if rng.random() < 0.8 else "years ago"]
            for k, v in enumerate(vals):
                pg.t(xs[k] + 14, y + rh * 0.18, v, st.base, ital=ff == "ital", mono=ff == "mono", maxw=xs[k + 1] - xs[k] - 24)
        y += rh
        if y > st.mb - 400:
            break
    for yy in range(int(y0), int(y) + 1, rh):
        pg.line(x0, yy, x1, yy, 2)
    for xx in xs:
        pg.line(xx, y0, xx, y - rh + rh, 2)
    y += 40
    pg.t(x0, y, "Vitamins, herbals and over-the-counter medicines:", st.base, bold=True)
    pg.t(x0 + 40, y + st.lh(), rng.choice(["fish oil, vitamin D", "baby aspirin", "melatonin at night", "none", "ibuprofen sometimes"]), st.base, ital=ff == "ital", mono=ff == "mono")
    y += st.lh() * 3
    C.dis("last_updated")
    blank_line(pg, x0, y, "Last updated", fdate(upd, rng.choice(["md_Y", "mdY", "BdY"])), x0 + 900, fill=ff)


def L_med_recon(C):
    """Medication reconciliation (EHR): shaded patient info band, prescriber and action columns, 'Reconciled by'."""
    st, rng, p = C.st, C.rng, C.pat
    st.base = min(st.base, 10.5)
    fac = C.fac(rng.choice(["hospital", "clinic"]))
    pg = C.new_page()
    x0, x1 = st.ml, st.mr
    y = st.mt
    pg.t(x0, y, fac["name"], st.base + 1, bold=True)
    pg.t(x1, y, fac["phone"], st.base - 1, align="r")
    y += st.lh(st.base + 1) + 10
    kind = rng.choice(["Admission", "Clinic Visit", "Transition of Care", "Outpatient"])
    pg.t(x0, y, "MEDICATION RECONCILIATION - %s" % kind.upper(), st.base + 4, bold=True)
    y += st.lh(st.base + 4) + 10
    enc_lab = {"Admission": rng.choice(["Admit Date", "Admission Date"])}.get(kind, rng.choice(["Encounter Date", "Visit Date", "Date of Service"]))
    info = [(rng.choice(["Patient", "Name", "Patient Name"]), C.NAME(rng.choice(["lfm", "LFM", "fml"]))),
            (rng.choice(["DOB", "Birth Date"]), "%s (%d y)" % (C.DOB(), C.age())),
            (rng.choice(["Sex", "Gender", "Sex at birth"]), C.SEX(rng.choice(["letter", "word"])))]
    if C.has_mrn:
        info.append((rng.choice(["MRN", "MR #", "Med Rec No."]), C.MRN()))
    info += [(enc_lab, C.ENC()), ("Location", rng.choice(["3 West", "Clinic B", "ED Obs", "Cardiology Clinic"])),
             ("Allergies", rng.choice(["NKDA", "Penicillin", "Sulfa, Iodine", "Codeine"])), ("Weight", "%d kg" % rng.randint(15, 120))]
    ncol = 2 if rng.random() < 0.5 else 3
    rows = (len(info) + ncol - 1) // ncol
    bh = rows * st.lh(None, 1.5) + 36
    pg.shade(x0, y, x1, y + bh, rng.choice([225, 235, 242]))
    pg.rect(x0, y, x1, y + bh, w=2)
    cw = (x1 - x0) / ncol
    for k in range(ncol):
        col = info[k * rows:(k + 1) * rows]
        if col:
            lw = lab_w(pg, [l for l, _ in col])
            kv_col(pg, x0 + 20 + k * cw, y + 20, col, lw, lead=1.5, vmaxw=cw - lw - 40)
    y += bh + 30
    srcs = ["Patient", "Family/caregiver", "Pharmacy fill history", "Outside records"]
    xx = pg.t(x0, y, "Source of information:", bold=True) + 20
    for s in srcs:
        xx = pg.checkbox(xx, y, s, rng.random() < 0.5, st.base - 0.5) + 30
    y += st.lh() * 1.8

    def newpage():
        pg2 = C.new_page()
        pg2.t(st.ml, st.mt, "%s  DOB %s  - Medication Reconciliation (cont.)" % (C.nm.lfm(), fdate(p["dob"], C.dobf)), st.base - 1)
        return pg2, st.mt + st.lh() * 2

    fl = Flow(C, pg, y, newpage)
    pres = [C.clin() for _ in range(3)]
    C.dis("prescriber")
    rws = []
    for m in rng.sample(MEDS, rng.randint(14, 22) if C.long else rng.randint(4, 10)):
        ld = C.off(-3, 0) if rng.random() < 0.5 else C.enc
        rws.append((m[0], m[1], m[2], m[3], fdate(ld, "mdy0") if rng.random() < 0.7 else "unknown", rng.choice(pres).form("lf"),
                    rng.choice(["Continue", "Continue", "Hold", "Discontinue", "Modify", "Continue"])))
    fl.table([3, 1.3, 1, 2.2, 1.3, 2.2, 1.4], ["Home Medication", "Dose", "Route", "Frequency", "Last Dose", "Prescriber", "Action"],
             rws, rules=rng.choice(["h", "grid"]), size=st.base - 0.5)
    fl.space(0.6)
    fl.para("New medications this encounter: " + ", ".join("%s %s %s" % (m[0], m[1], m[3]) for m in rng.sample(MEDS, rng.randint(1, 2))) + ".")
    fl.space(0.8)
    rl = rng.choice(["Reconciled by", "Reviewed and reconciled by", "Completed by"])
    if fl.need(st.lh() * 3):
        fl.pg.lv(fl.x0, fl.y, rl, C.PROV(rng.choice(["cred", "cred", "lf_cred"])))
        fl.pg.lv(fl.x0 + (fl.x1 - fl.x0) * 0.6, fl.y, "Date/Time", C.ts(C.enc), prot=False)
        fl.y += st.lh() * 1.5
    if rng.random() < 0.5:
        ec = p["ec"]
        fl.text("Reviewed with: patient and %s %s (%s)" % (ec["given"], ec["family"], ec["rel"].lower()))
        C.dis("emergency_contact")
    pr = C.off(1, 300)
    C.dis("printed_timestamp")
    C.footer = page_footer(C, left="Printed %s" % C.ts(pr))


# ---------------------------------------------------------------- consent_form
BOIL_PROC = [
    "The nature and purpose of the procedure, the expected benefits, the reasonable alternatives (including no treatment), and the "
    "risks have been explained to me. Risks include, but are not limited to, bleeding, infection, injury to nearby structures, "
    "reaction to medications, and the possible need for further procedures.",
    "I consent to the administration of anesthesia or sedation as may be considered necessary by the physician or anesthesia "
    "provider, and I understand that it carries its own risks.",
    "I consent to the transfusion of blood or blood products if deemed necessary, unless I have initialled my refusal here: ____.",
    "I authorize the hospital pathologist to examine and dispose of any tissue or specimens removed, in accordance with usual practice.",
    "I understand that no guarantee or assurance has been made as to the results that may be obtained.",
    "I consent to the presence of observers or students for educational purposes and to photography of the procedure for the medical record.",
    "If an unforeseen condition arises during the procedure, I authorize my physician to perform such additional procedures as are in his or "
    "her professional judgment necessary and desirable.",
]


def inline(pg, x, y, parts, size=None, fill="ital"):
    """Sequential text and underlined fill-in values on one line; returns end x."""
    for kind, s, *rest in parts:
        if kind == "t":
            x = pg.t(x, y, s, size)
        else:
            w = max(rest[0] if rest else 0, pg.tw(s, size, ital=fill == "ital", mono=fill == "mono") + 40)
            pg.line(x + 6, y + pt(size or pg.st.base) * 1.12, x + w, y + pt(size or pg.st.base) * 1.12, 2)
            pg.t(x + 20, y - 2, s, size, ital=fill == "ital", mono=fill == "mono", prot=True)
            x += w + 10
    return x


def L_consent_proc(C):
    """Procedure consent: 'I, ___, authorize Dr. ___', scheduled-date distractor, patient/witness/physician signatures."""
    st, rng, p = C.st, C.rng, C.pat
    st.base = min(st.base, 10.5)
    hosp = C.fac(rng.choice(["hospital", "clinic"]))
    pg = C.new_page()
    x0, x1 = st.ml, st.mr
    y = letterhead(C, pg, hosp, kind=rng.choice(["center", "left", "split"]))
    ff = "mono" if st.fill == "mono" else "ital"
    title = rng.choice(["CONSENT FOR SURGICAL OR MEDICAL PROCEDURE", "INFORMED CONSENT FOR PROCEDURE",
                        "AUTHORIZATION AND CONSENT TO OPERATION OR PROCEDURE"])
    use_sticker = rng.random() < 0.5
    if use_sticker:
        pg.t(x0, y + 20, title, st.base + 2, bold=True, maxw=x1 - x0 - 1000)
        y = id_sticker(C, pg, x1 - 920, y - 10, 920, with_acct=rng.random() < 0.4) + 40
        pname = C.nm.fml()
        C.reg["patient_name"].append(pname)
    else:
        pg.t(W / 2, y, title, st.base + 2, bold=True, align="c")
        y += st.lh(st.base + 2) + 20
        x = pg.lv(x0, y, rng.choice(["Patient Name", "Patient"]), C.NAME(rng.choice(["fml", "lfm"])))
        x = pg.lv(max(x + 60, x0 + 1150), y, rng.choice(["DOB", "Date of Birth"]), C.DOB())
        if C.has_mrn:
            ml = rng.choice(["MRN", "MR #"])
            if x + 60 + pg.tw(st.L(ml) + " " + C.mrn_p, bold=True) > x1:
                y += st.lh() * 1.3
                x = x0 + 1090
            pg.lv(max(x + 60, x0 + 1150), y, ml, C.MRN())
        y += st.lh() * 1.6
        pname = C.nm.fml()
    pg.line(x0, y, x1, y, 2)
    y += 30
    proc = rng.choice(PROCS_CHILD if p["child"] else PROCS)
    phys = C.PROV("plain")
    x = inline(pg, x0, y, [("t", "1.  I, "), ("f", pname, 900), ("t", ", hereby authorize Dr.")], fill=ff)
    y += st.lh(None, 1.9)
    x = inline(pg, x0 + 60, y, [("f", phys, 900), ("t", " and such assistants as may be selected")], fill=ff)
    y += st.lh(None, 1.9)
    pg.t(x0 + 60, y, "to perform the following procedure(s):")
    y += st.lh(None, 1.9)
    inline(pg, x0 + 60, y, [("f", proc[0].upper() + proc[1:], x1 - x0 - 100)], fill=ff)
    y += st.lh(None, 2.0)
    sched = C.off(2, 40)
    C.dis("scheduled_date")
    inline(pg, x0, y, [("t", "2.  The procedure is scheduled for "), ("f", C.D(sched), 420), ("t", " at %s." % hosp["name"])], fill=ff)
    y += st.lh(None, 2.0)
    sig_h = st.lh() * 16
    k = 3
    for b in rng.sample(BOIL_PROC, rng.randint(3, len(BOIL_PROC))):
        need = len(wrap_lines(b, st.f(), x1 - x0 - 60)) * st.lh(None, 1.35) + 12
        if y + need > st.mb - sig_h:
            continue
        pg.t(x0, y, "%d." % k)
        y = pg.para(x0 + 60, y, x1 - x0 - 60, b, lead=1.35) + 12
        k += 1
    y += 20
    sig = C.enc
    sl = max(7.5, st.base - 1)

    def sigrow(y, label, name, date_s, scrib=True):
        if scrib:
            pg.scribble(rng, x0 + 40, y + 25, 420)
        pg.line(x0, y + 70, x0 + 900, y + 70, 2)
        pg.t(x0, y + 78, label, sl)
        if name:
            pg.t(x0 + 960, y + 10, name, ital=ff == "ital", mono=ff == "mono")
        pg.line(x0 + 950, y + 70, x0 + 1600, y + 70, 2)
        pg.t(x0 + 950, y + 78, "Printed name", sl)
        if date_s:
            pg.t(x0 + 1680, y + 10, date_s, ital=ff == "ital", mono=ff == "mono", prot=True)
        pg.line(x0 + 1660, y + 70, x1, y + 70, 2)
        pg.t(x0 + 1660, y + 78, "Date / Time", sl)
        return y + 78 + st.lh(sl) + 20

    tm = " %d:%02d" % (rng.randint(7, 18), rng.randint(0, 59))
    if p["child"]:
        g = p["guardian"]
        C.dis("guardian")
        y = sigrow(y, "Signature of parent / legal guardian (relationship: %s)" % g["rel"].lower(), "%s %s" % (g["given"], g["family"]), C.ENC() + tm)
    else:
        y = sigrow(y, "Signature of patient", pname, C.ENC() + tm)
    wit = C.staff()
    C.dis("witness")
    y = sigrow(y, "Signature of witness", wit, fdate(sig, C.df) + tm)
    y += 10
    y = pg.para(x0, y, x1 - x0, "PHYSICIAN STATEMENT: I have explained the procedure, its risks, benefits and alternatives to the patient "
                "or the patient's representative and have answered all questions.", sl, lead=1.3) + 10
    sigrow(y, "Signature of physician", C.pv.form("cred"), fdate(sig, C.df))
    if rng.random() < 0.3:
        pg2 = C.new_page()
        yy = pg2.t(st.ml, st.mt, "%s - %s  (page 2)" % (title.title(), C.nm.fml()), st.base - 1)
        fl = Flow(C, pg2, st.mt + st.lh() * 2, lambda: (C.new_page(), st.mt))
        fl.heading("Additional information about your procedure")
        for b in rng.sample(BOIL_PROC, 4):
            fl.para(b)
        fl.para("Please ask your care team about anything on this form that you do not understand before signing.")


def L_consent_roi(C):
    """Authorization for release of health information: recipient, records date range, expiry, patient signature date."""
    st, rng, p = C.st, C.rng, C.pat
    st.base = min(st.base, 10.5)
    fac = C.fac(rng.choice(["clinic", "hospital"]))
    pg = C.new_page()
    x0, x1 = st.ml, st.mr
    y = letterhead(C, pg, fac)
    ff = "mono" if st.fill == "mono" else "ital"
    pg.t(W / 2, y, rng.choice(["AUTHORIZATION FOR RELEASE OF PROTECTED HEALTH INFORMATION", "AUTHORIZATION TO USE OR DISCLOSE HEALTH INFORMATION",
                               "RELEASE OF MEDICAL RECORDS"]), st.base + 2, bold=True, align="c")
    y += st.lh(st.base + 2) + 24
    lh = st.lh(None, 2.0)
    mid = x0 + (x1 - x0) * 0.55

    def sec(y, s):
        pg.t(x0, y, s, st.base, bold=True)
        return y + st.lh() + 10

    y = sec(y, "SECTION 1 - PATIENT")
    blank_line(pg, x0, y, rng.choice(["Patient name", "Name of patient", "Patient's legal name"]), C.NAME(rng.choice(["fml", "lfm"])), mid - 40, fill=ff)
    blank_line(pg, mid, y, rng.choice(["Date of birth", "DOB", "Birthdate"]), C.DOB(), x1, fill=ff)
    y += lh
    if p["sex"] == "F" and not p["child"] and rng.random() < 0.35:
        C.dis("other_names")
        blank_line(pg, x0, y, "Other names used", "%s %s" % (p["given"], rng.choice(FAMILY)), mid - 40, fill=ff)
    else:
        blank_line(pg, x0, y, "Phone", p["phone"], mid - 40, fill=ff)
    blank_line(pg, mid, y, rng.choice(["Medical record #", "Patient ID", "MRN"]), C.MRN() if C.has_mrn else "", x1, fill=ff)
    y += lh
    blank_line(pg, x0, y, "Address", "%s, %s, %s %s" % (p["street"], p["city"], p["state"], p["zip"]), x1, fill=ff)
    y += lh + 10
    y = sec(y, "SECTION 2 - I AUTHORIZE")
    blank_line(pg, x0, y, "Release from", fac["name"], x1, fill=ff)
    y += lh
    if rng.random() < 0.5:
        dr = C.clin()
        rec = "%s, %s" % (dr.form("cred"), rng.choice(CLINICS))
    else:
        rec = rng.choice(["Halberd & Crane LLP, Attorneys at Law", "Cascade Mutual Insurance - Claims Dept", "Meadowlark Pediatrics",
                          "Vellmar Unified School District - Nurse's Office"])
    C.dis("addressee")
    blank_line(pg, x0, y, "Release to (name / organization)", rec, x1, fill=ff)
    y += lh
    blank_line(pg, x0, y, "Address", "%d %s, %s, %s" % ((rng.randint(10, 999), rng.choice(STREETS)) + rng.choice(CITIES)[:2]), mid + 300, fill=ff)
    blank_line(pg, mid + 340, y, "Fax", phone(rng), x1, fill=ff)
    y += lh + 10
    y = sec(y, "SECTION 3 - INFORMATION TO BE RELEASED")
    items = ["Entire medical record", "Office/progress notes", "Laboratory results", "Imaging reports", "Discharge summary",
             "Immunization record", "Medication list", "Billing records"]
    cw = (x1 - x0) / 3
    for i, it in enumerate(items):
        pg.checkbox(x0 + 20 + cw * (i % 3), y + st.lh(None, 1.6) * (i // 3), it, rng.random() < 0.35, st.base - 0.5)
    y += st.lh(None, 1.6) * 3 + 10
    a = C.off(-900, -200)
    b = C.off(-60, -1)
    C.dis("date_range")
    inline(pg, x0, y, [("t", "Dates of service: from "), ("f", C.D(a), 380), ("t", " to "), ("f", C.D(b), 380)], fill=ff)
    y += lh + 10
    y = sec(y, "SECTION 4 - PURPOSE")
    xx = x0 + 20
    for it in ["Continuity of care", "Legal", "Insurance", "Personal use", "School"]:
        xx = pg.checkbox(xx, y, it, rng.random() < 0.3, st.base - 0.5) + 40
    y += lh
    exp = C.off(180, 400)
    C.dis("expiry_date")
    y = pg.para(x0, y, x1 - x0, "This authorization expires on %s or one year from the date signed. I may revoke it in writing at any time, "
                "except to the extent action has already been taken. Treatment may not be conditioned on signing. Information "
                "disclosed may be re-disclosed by the recipient and no longer protected by federal privacy law." % C.D(exp), st.base - 1, lead=1.35)
    y += 40
    pg.scribble(rng, x0 + 40, y + 25, 480)
    pg.line(x0, y + 70, x0 + 1200, y + 70, 2)
    pg.t(x0, y + 78, "Signature of patient or legal representative", st.base - 1.5)
    pg.t(x0 + 1330, y + 10, C.ENC(), ital=ff == "ital", mono=ff == "mono", prot=True)
    pg.line(x0 + 1300, y + 70, x1, y + 70, 2)
    pg.t(x0 + 1300, y + 78, rng.choice(["Date signed", "Date"]), st.base - 1.5)
    y += 150
    if p["child"]:
        g = p["guardian"]
        C.dis("guardian")
        blank_line(pg, x0, y, "If signed by representative: name / authority", "%s %s, %s" % (g["given"], g["family"], g["rel"].lower()), x1, fill=ff)
    else:
        blank_line(pg, x0, y, "If signed by representative: name / authority", "", x1, fill=ff)
    y += lh + 20
    pg.dashed(x0, y, x1)
    y += 24
    proc = C.off(1, 15)
    C.dis("received_stamp")
    pg.t(x0, y, "HIM use only - Request received by %s on %s.  Log # %s" % (C.staff(), C.D(proc), digits(rng, 5)), st.base - 1.5)


BOIL_GEN = [("Consent to treatment", "I voluntarily consent to care, including diagnostic procedures, examinations and treatment by the physicians, "
             "advanced practice clinicians and staff of this practice as they judge necessary."),
            ("Financial responsibility", "I understand that I am financially responsible for all charges not paid by my insurance, and I "
             "assign insurance benefits directly to the practice."),
            ("Release of information", "I authorize release of information necessary to obtain payment and to coordinate my care with other providers."),
            ("Notice of privacy practices", "I acknowledge that I was offered a copy of the Notice of Privacy Practices."),
            ("Communication", "I agree that appointment reminders and results may be left on my voicemail or sent by text message."),
            ("Personal valuables", "The practice is not responsible for the loss of personal belongings brought to the facility.")]


def L_consent_general(C):
    """General consent / conditions of service: boxed name cells, numbered clauses, patient-or-guardian signature table."""
    st, rng, p = C.st, C.rng, C.pat
    st.base = min(st.base, 10.5)
    fac = C.fac(rng.choice(["clinic", "hospital"]))
    pg = C.new_page()
    x0, x1 = st.ml, st.mr
    y = letterhead(C, pg, fac)
    pg.t(x0, y, rng.choice(["GENERAL CONSENT FOR TREATMENT", "CONDITIONS OF SERVICE AND CONSENT TO TREAT", "CONSENT TO TREATMENT"]), st.base + 3, bold=True)
    y += st.lh(st.base + 3) + 20
    ff = st.fill
    items = [(rng.choice(["PATIENT LEGAL NAME", "PATIENT NAME (First, Middle, Last)"]), C.NAME("fml"), 4), ("DATE OF BIRTH", C.DOB(), 2)]
    if C.has_mrn:
        items.append((rng.choice(["MRN", "PATIENT ID", "MEDICAL RECORD #"]), C.MRN(), 2))
    else:
        items.append(("ACCOUNT #", digits(rng, 8), 2))
        C.dis("account_no")
    y = cells_row(pg, x0, x1, y, items, fillfont=ff, shade_label=rng.random() < 0.5)
    y += 40
    for i, (h, b) in enumerate(rng.sample(BOIL_GEN, rng.randint(4, 6))):
        pg.t(x0, y, "%d. %s." % (i + 1, h), bold=True)
        y += st.lh()
        y = pg.para(x0 + 40, y, x1 - x0 - 40, b, lead=1.35) + 16
    if p["guarantor"]:
        C.dis("guarantor")
        g = p["guarantor"]
        y = pg.para(x0, y, x1 - x0, "Guarantor (financially responsible party): %s %s, %s, date of birth %s." % (
            g["given"], g["family"], g["rel"].lower(), C.D(g["dob"], C.dobf)), lead=1.35) + 20
    y += 20
    rh = st.lh(None, 2.6)
    cols = [0, 0.3, 0.52, 0.82, 1.0]
    xs = [x0 + (x1 - x0) * c for c in cols]
    pg.shade(x0, y, x1, y + st.lh(None, 1.6), 225)
    for k, hname in enumerate(["Signer", "Signature", "Printed name / relationship", "Date"]):
        pg.t(xs[k] + 12, y + 8, hname, st.base - 1, bold=True, maxw=xs[k + 1] - xs[k] - 20)
    yy = y + st.lh(None, 1.6)
    fill = dict(ital=ff == "ital", mono=ff == "mono")
    rows = ["Patient", "Parent / Guardian / Legal Representative", "Witness (staff)"]
    for r in rows:
        pg.t(xs[0] + 12, yy + 20, r, st.base - 1, maxw=xs[1] - xs[0] - 20)
        signer = (r == "Patient" and not p["child"]) or (r.startswith("Parent") and p["child"]) or r.startswith("Witness")
        if signer:
            pg.scribble(rng, xs[1] + 30, yy + rh * 0.5, xs[2] - xs[1] - 80, 50)
            if r == "Patient":
                nm = C.nm.fml()
            elif r.startswith("Parent"):
                g = p["guardian"]
                nm = "%s %s (%s)" % (g["given"], g["family"], g["rel"].lower())
                C.dis("guardian")
            else:
                nm = C.staff()
                C.dis("witness")
            pg.t(xs[2] + 12, yy + 20, nm, maxw=xs[3] - xs[2] - 20, **fill)
            pg.t(xs[3] + 12, yy + 20, C.ENC() if r != "Witness (staff)" else fdate(C.enc, C.df), prot=True, maxw=xs[4] - xs[3] - 20, **fill)
        yy += rh
    for k in range(int((yy - y - st.lh(None, 1.6)) / rh) + 1):
        pg.line(x0, y + st.lh(None, 1.6) + k * rh, x1, y + st.lh(None, 1.6) + k * rh, 2)
    pg.rect(x0, y, x1, yy, w=2)
    for xx in xs[1:-1]:
        pg.line(xx, y, xx, yy, 2)
    C.footer = page_footer(C, left="Form %s-%d  Rev. %d/%d" % (rng.choice(["GC", "ADM", "REG"]), rng.randint(100, 999), rng.randint(1, 12), rng.randint(15, 23)), right_fmt=None)


# ---------------------------------------------------------------- other
def L_other_statement(C):
    """Patient billing statement: statement date / due date / account box, guarantor address block, DOS in charges table."""
    st, rng, p = C.st, C.rng, C.pat
    st.base = min(st.base, 10.5)
    fac = C.fac(rng.choice(["clinic", "hospital"]))
    pg = C.new_page()
    x0, x1 = st.ml, st.mr
    y = st.mt
    pg.t(x0, y, fac["name"], st.base + 3, bold=True)
    pg.t(x0, y + st.lh(st.base + 3), "Patient Billing Office", st.base - 0.5)
    pg.t(x0, y + st.lh(st.base + 3) + st.lh(), "%s, %s" % (fac["addr"], fac["city"]), st.base - 0.5)
    pg.t(x0, y + st.lh(st.base + 3) + 2 * st.lh(), "Billing questions: %s" % fac["phone"], st.base - 0.5)
    C.dis("phone_fax", "statement_date", "account_no")
    stmt = C.off(20, 70)
    due = stmt + timedelta(days=rng.choice([21, 25, 30]))
    acct = digits(rng, rng.choice([7, 8, 9]))
    bx = x0 + (x1 - x0) * 0.58
    rows = [("Statement Date", C.D(stmt)), ("Account Number", acct), ("Amount Due", None), ("Please Pay By", C.D(due))]
    pg.t(bx, y, "STATEMENT", st.base + 5, bold=True)
    yy = y + st.lh(st.base + 5) + 10
    by0 = yy
    charges = []
    cpts = [("99214", "Office visit, established, moderate", 210), ("99203", "Office visit, new patient", 185), ("36415", "Venipuncture", 18),
            ("80053", "Comprehensive metabolic panel", 46), ("93000", "Electrocardiogram, complete", 62), ("71046", "Chest x-ray, 2 views", 95),
            ("90686", "Influenza vaccine", 38)]
    for c in rng.sample(cpts, rng.randint(1, 3)):
        charges.append(c)
    tot = sum(c[2] for c in charges)
    ins_paid = round(tot * rng.uniform(0.4, 0.8), 2)
    due_amt = round(tot - ins_paid, 2)
    rows[2] = ("Amount Due", "$%.2f" % due_amt)
    rh = st.lh(None, 1.55)
    for lab, val in rows:
        pg.rect(bx, yy, x1, yy + rh, w=2)
        pg.shade(bx + 2, yy + 2, bx + (x1 - bx) * 0.5, yy + rh - 2, 230)
        pg.t(bx + 12, yy + rh * 0.15, lab, st.base - 0.5, bold=True)
        pg.t(bx + (x1 - bx) * 0.5 + 14, yy + rh * 0.15, val, st.base, bold=lab == "Amount Due")
        yy += rh
    y = max(yy, y + 5 * st.lh()) + 60
    g = p["guarantor"]
    if g:
        C.dis("guarantor")
        gname = ("%s %s" % (g["given"], g["family"])).upper()
    else:
        gname = C.nm.fml(True)
    for s in [gname, p["street"].upper(), ("%s %s %s" % (p["city"], p["state"], p["zip"])).upper()]:
        pg.t(x0 + 120, y, s, st.base, mono=rng.random() < 0.5)
        y += st.lh()
    y += 60
    x = pg.lv(x0, y, rng.choice(["Patient", "Patient Name", "For services to"]), C.NAME(rng.choice(["fml", "FML", "lfm"])))
    if rng.random() < 0.45:
        pg.lv(x + 80, y, rng.choice(["Patient DOB", "Date of Birth"]), C.DOB())
    y += st.lh() * 1.8
    dos_lab = rng.choice(["Date of Service", "Service Date", "DOS"])
    dos = C.ENC(rng.choice(NUMERIC_FMTS))
    rws = [(dos if i == 0 else dos, c[0], c[1], "%.2f" % c[2], "", "") for i, c in enumerate(charges)]
    payd = stmt - timedelta(days=rng.randint(3, 12))
    C.dis("payment_date")
    rws.append((fdate(payd, rng.choice(NUMERIC_FMTS)), "", "Insurance payment - %s" % p["ins"]["payer"], "", "-%.2f" % ins_paid, ""))
    rws.append(("", "", "Balance due from patient", "", "", "%.2f" % due_amt))

    def newpage():
        return C.new_page(), st.mt

    fl = Flow(C, pg, y, newpage)
    fl.table([1.6, 0.9, 3.6, 1.1, 1.2, 1.1], [dos_lab, "Code", "Description", "Charges", "Pmt/Adj", "Balance"], rws, rules=rng.choice(["h", "grid"]))
    fl.space(1)
    fl.table([1, 1, 1, 1, 1], ["Current", "31-60 days", "61-90 days", "Over 90", "Total due"],
             [("%.2f" % due_amt, "0.00", "0.00", "0.00", "%.2f" % due_amt)], rules="grid")
    fl.para("Your insurance has processed this claim. The balance shown is your responsibility. Payment plans are available; "
            "please call the billing office.", st.base - 1)
    yb = st.mb - 420
    pg.dashed(x0, yb, x1)
    pg.t(W / 2, yb + 10, "Please detach and return this portion with your payment", st.base - 2, ital=True, align="c")
    yb += st.lh() + 30
    for i, (a, b) in enumerate([("Account Number", acct), ("Statement Date", C.D(stmt)), ("Amount Due", "$%.2f" % due_amt), ("Guarantor", gname)]):
        pg.lv(x0 + (i % 2) * (x1 - x0) / 2, yb + (i // 2) * st.lh(None, 1.6), a, b, st.base - 0.5, prot=False)
    pg.t(x0, yb + 2 * st.lh(None, 1.6) + 10, "Amount enclosed: $ __________", st.base - 0.5)


def L_other_excuse(C):
    """Work / school excuse note: 'was seen in our office on <date>', return-to-work date distractor, provider signs."""
    st, rng, p = C.st, C.rng, C.pat
    fac = C.fac("clinic")
    pg = C.new_page()
    x0, x1 = st.ml, st.mr
    y = letterhead(C, pg, fac)
    ld = C.enc if rng.random() < 0.7 else C.off(1, 3)
    if ld != C.enc:
        C.dis("statement_date")
    pg.t(x1, y, C.D(ld), align="r")
    y += st.lh() * 2
    school = p["child"] or C.age() < 22
    pg.t(W / 2, y, rng.choice(["SCHOOL EXCUSE", "EXCUSE FROM SCHOOL", "MEDICAL EXCUSE NOTE"]) if school else
         rng.choice(["WORK EXCUSE", "RETURN TO WORK NOTE", "WORK / SCHOOL EXCUSE"]), st.base + 4, bold=True, align="c")
    y += st.lh(st.base + 4) * 2
    pg.t(x0, y, "To Whom It May Concern:")
    y += st.lh() * 1.8
    who = C.NAME(rng.choice(["fml", "fml", "FML"]))
    dob = C.DOB()
    seen = C.ENC()
    ret = C.off(1, 7)
    C.dis("return_date")
    y = pg.para(x0, y, x1 - x0, "Please excuse %s (date of birth %s) from %s. This patient was seen in our office on %s and may return "
                "on %s." % (who, dob, "school" if school else "work", seen, C.D(ret)), lead=1.6, prot=True)
    y += st.lh()
    restr = rng.random() < 0.4
    pg.checkbox(x0 + 40, y, "No restrictions", not restr)
    y += st.lh(None, 1.7)
    pg.checkbox(x0 + 40, y, "With the following restrictions: " + (rng.choice(["no lifting over 15 lb for 2 weeks", "no physical education until cleared",
                                                                               "seated duty only", "may need frequent restroom breaks"]) if restr else ""), restr)
    y += st.lh() * 2.5
    if p["child"]:
        g = p["guardian"]
        C.dis("guardian")
        y = pg.para(x0, y, x1 - x0, "Parent/guardian %s %s was present at the visit." % (g["given"], g["family"]), lead=1.5)
        y += st.lh()
    y = pg.para(x0, y, x1 - x0, "If you have any questions, please contact our office at %s." % fac["phone"], lead=1.5)
    y += st.lh() * 2
    pg.t(x0, y, rng.choice(["Sincerely,", "Respectfully,", ""]))
    y = sig_block(C, pg, x0, y + 10, C.PROV(rng.choice(["cred", "cred", "plain"])), rng, extra=[fac["name"]])
    if C.has_mrn and rng.random() < 0.3:
        pg.t(x0, st.mb - 60, "%s %s" % (rng.choice(["Chart #", "MRN", "Acct/Chart"]), C.MRN()), st.base - 2, prot=True)


def L_other_eob(C):
    """Payer explanation of benefits: member (subscriber) vs patient, claim number, rendering provider, service date."""
    st, rng, p = C.st, C.rng, C.pat
    st.base = min(st.base, 10.5)
    payer = C.fac("payer")
    pg = C.new_page()
    x0, x1 = st.ml, st.mr
    y = st.mt
    pg.t(x0, y, p["ins"]["payer"], st.base + 6, bold=True)
    y += st.lh(st.base + 6)
    pg.t(x0, y, "P.O. Box %d, %s" % (rng.randint(1000, 99999), payer["city"]), st.base - 1)
    y += st.lh() + 30
    pg.t(x0, y, "EXPLANATION OF BENEFITS", st.base + 4, bold=True)
    pg.t(x0, y + st.lh(st.base + 4), "THIS IS NOT A BILL", st.base + 1, bold=True)
    notice = C.off(15, 60)
    C.dis("notice_date", "insurance_ids")
    sub = p["ins"]["sub"]
    member = ("%s %s" % (sub["given"], sub["family"])).upper() if sub else C.nm.fml(True)
    if sub:
        C.dis("subscriber")
    rows = [("Statement Date", C.D(notice)), ("Member", member), ("Member ID", p["ins"]["member"]), ("Group Number", p["ins"]["group"])]
    bx = x0 + (x1 - x0) * 0.55
    yy = y
    pg.rect(bx, yy - 14, x1, yy + len(rows) * st.lh(None, 1.5) + 14, w=2)
    lw = lab_w(pg, [r[0] for r in rows], bold=True)
    kv_col(pg, bx + 20, yy, rows, lw, lead=1.5, vmaxw=x1 - bx - lw - 40)
    y = yy + len(rows) * st.lh(None, 1.5) + 80
    for s in [member, p["street"].upper(), ("%s %s %s" % (p["city"], p["state"], p["zip"])).upper()]:
        pg.t(x0 + 100, y, s)
        y += st.lh()
    y += 60
    pg.shade(x0, y, x1, y + st.lh(None, 1.5), 210)
    pg.t(x0 + 14, y + 6, "CLAIM DETAIL", bold=True)
    y += st.lh(None, 1.5) + 20
    claim = rng.choice(["", "E", "CLM"]) + digits(rng, 12)
    rec = C.off(3, 12)
    left = [(rng.choice(["Patient", "Patient Name", "Claim for"]), C.NAME(rng.choice(["fml", "FML"]))),
            ("Claim Number", claim), ("Claim Received", C.D(rec))]
    right = [(rng.choice(["Provider", "Rendering Provider", "Treating Provider"]), C.PROV(rng.choice(["cred", "LF", "cred"]))),
             ("Provider Network", rng.choice(["In-network", "Out-of-network"])), ("Facility", rng.choice(CLINICS))]
    C.dis("claim_no")
    lw = lab_w(pg, [l for l, _ in left])
    a = kv_col(pg, x0, y, left, lw, vmaxw=(x1 - x0) * 0.5 - lw - 30)
    lw = lab_w(pg, [l for l, _ in right])
    b = kv_col(pg, x0 + (x1 - x0) * 0.52, y, right, lw, vmaxw=(x1 - x0) * 0.48 - lw)
    y = max(a, b) + 40
    dos = C.ENC(rng.choice(NUMERIC_FMTS))
    svcs = rng.sample([("Office visit", 185, 120), ("Lab - blood draw", 18, 9), ("Comprehensive metabolic panel", 46, 14),
                       ("ECG", 62, 31), ("X-ray chest", 95, 52), ("Vaccine administration", 38, 25)], rng.randint(1, 3))
    rws = []
    for nm, bill, allowed in svcs:
        paid = round(allowed * 0.8, 2)
        rws.append((dos, nm, "%.2f" % bill, "%.2f" % allowed, "%.2f" % paid, "%.2f" % (allowed - paid)))

    def newpage():
        return C.new_page(), st.mt

    fl = Flow(C, pg, y, newpage)
    fl.table([1.5, 3, 1.2, 1.2, 1.2, 1.3], [rng.choice(["Service Date", "Date(s) of Service", "Dates of Service"]), "Service Description",
                                           "Amount Billed", "Allowed", "Plan Paid", "You May Owe"], rws, rules=rng.choice(["h", "grid"]))
    fl.space(1)
    fl.para("Remark codes: PR1 - deductible/coinsurance applied. If you disagree with this decision you may file an appeal within 180 "
            "days of the statement date. Call Member Services at %s (TTY 711)." % payer["phone"], st.base - 1)
    ded = C.off(-200, -30)
    fl.para("Year-to-date deductible met as of %s: $%d of $%d." % (C.D(ded), rng.randint(100, 900), rng.choice([1000, 1500, 2500])), st.base - 1)


# ============================================================================= assembly
LAYOUTS = {
    "blind_reg_cells": ("intake_form", L_reg_cells),
    "blind_facesheet": ("intake_form", L_facesheet),
    "blind_intake_lines": ("intake_form", L_intake_lines),
    "blind_pn_banner": ("progress_note", L_pn_banner),
    "blind_pn_twocol": ("progress_note", L_pn_twocol),
    "blind_pn_sticker": ("progress_note", L_pn_sticker),
    "blind_lab_infobox": ("lab_report", L_lab_infobox),
    "blind_lab_mono": ("lab_report", L_lab_mono),
    "blind_dc_ehr": ("discharge_summary", L_dc_ehr),
    "blind_dc_letter": ("discharge_summary", L_dc_letter),
    "blind_ref_prose": ("referral_letter", L_ref_prose),
    "blind_ref_consult": ("referral_letter", L_ref_consult),
    "blind_ref_form": ("referral_letter", L_ref_form),
    "blind_rad_boxed": ("radiology_report", L_rad_boxed),
    "blind_rad_mono": ("radiology_report", L_rad_mono),
    "blind_med_patient": ("medication_list", L_med_patient),
    "blind_med_recon": ("medication_list", L_med_recon),
    "blind_consent_proc": ("consent_form", L_consent_proc),
    "blind_consent_roi": ("consent_form", L_consent_roi),
    "blind_consent_general": ("consent_form", L_consent_general),
    "blind_other_statement": ("other", L_other_statement),
    "blind_other_excuse": ("other", L_other_excuse),
    "blind_other_eob": ("other", L_other_eob),
}
DOC_TYPES = {"intake_form", "progress_note", "lab_report", "discharge_summary", "referral_letter", "radiology_report",
             "medication_list", "consent_form", "other"}
FORMATS = ["png", "png", "jpeg", "jpeg", "tiff-g4", "tiff-g4", "tiff-g3", "tiff-lzw", "tiff-lzw", "pdf-image", "pdf-image"]
MULTI_FORMATS = ["tiff-g4", "tiff-g3", "tiff-lzw", "pdf-image"]


def fax_cover(C, npages, fax_d):
    st = Style(C.rng, fam=C.rng.choice(["sans", "serif"]), base=C.rng.choice([10, 11, 12]))
    rng = C.rng
    pg = Page(st)
    x0, x1 = st.ml, st.mr
    y = st.mt + 60
    sender = C.first_fac or C.fac("clinic")
    pg.t(x0, y, rng.choice(["FAX", "FACSIMILE TRANSMITTAL", "Fax Cover Sheet"]), st.base + 16, bold=True)
    y += st.lh(st.base + 16) + 20
    pg.t(x0, y, sender["name"], st.base + 2, bold=True)
    y += st.lh(st.base + 2)
    pg.t(x0, y, "%s, %s" % (sender["addr"], sender["city"]), st.base - 1)
    y += st.lh() * 2
    to_p, from_p = C.clin(), C.clin()
    to_name = rng.choice([to_p.form("dr"), "Medical Records", "Referral Coordinator", to_p.form("cred")])
    rows = [("To", to_name, "From", rng.choice([from_p.form("cred"), C.staff(), "Health Information Mgmt"])),
            ("Fax", phone(rng), "Fax", sender["fax"]), ("Phone", phone(rng), "Phone", sender["phone"]),
            ("Date", C.D(fax_d), "Pages", "%d (including cover)" % npages)]
    rh = st.lh(None, 1.9)
    mid = x0 + (x1 - x0) / 2
    for a, b, c, d in rows:
        pg.t(x0, y, a + ":", bold=True)
        pg.t(x0 + 260, y, b)
        pg.t(mid, y, c + ":", bold=True)
        pg.t(mid + 260, y, d)
        pg.line(x0, y + rh - 14, x1, y + rh - 14, 1)
        y += rh
    pg.t(x0, y, "Re:", bold=True)
    pg.t(x0 + 260, y, rng.choice({"referral_letter": ["Referral", "Consult report", "Patient referral"],
                                  "lab_report": ["Results", "Lab results"], "radiology_report": ["Imaging report", "Results"],
                                  "consent_form": ["Signed forms", "Requested records"],
                                  "discharge_summary": ["Discharge summary", "Requested records"]}.get(
        C.doc_type, ["Requested records", "Patient information", "Records"])))
    y += rh * 1.4
    xx = x0
    for s in ["Urgent", "For Review", "Please Comment", "Please Reply"]:
        xx = pg.checkbox(xx, y, s, rng.random() < 0.25) + 60
    y += rh * 2
    pg.t(x0, y, "Comments:", bold=True)
    y += st.lh()
    y = pg.para(x0, y, x1 - x0, rng.choice(["Please see attached.", "As requested, attached are the records for your review.",
                                            "Please call our office to schedule.", "Attached for your records."]), ital=True)
    y = st.mb - 500
    pg.rect(x0, y, x1, y + 360, w=2)
    pg.para(x0 + 30, y + 30, x1 - x0 - 60, "CONFIDENTIALITY NOTICE: This facsimile contains confidential health information that is "
            "legally privileged. It is intended only for the use of the recipient named above. If you have received this fax in error, "
            "notify the sender immediately and destroy the documents. Re-disclosure without consent is prohibited.", st.base - 1.5, lead=1.35)
    C.dis("fax_cover_names")
    return pg


def fax_header(pg, text, y=48):
    f = gc.font(MONO_FONTS[0][0], pt(7.5))
    pg.d.text((pg.st.ml - 60, y), text, font=f, fill=0)
    pg.log.append(text)


def add_stamp(C, pg, rng, text_lines):
    """Rubber stamp avoiding protected (field) rectangles."""
    f = gc.font(FAM["sans"][0][1], pt(rng.choice([12, 14, 16])))
    wmax = max(f.getlength(s) for s in text_lines)
    lh = int(f.size * 1.25)
    sw, sh = int(wmax + 60), int(lh * len(text_lines) + 40)
    lay = Image.new("L", (sw, sh), 255)
    d = ImageDraw.Draw(lay)
    d.rectangle([3, 3, sw - 4, sh - 4], outline=0, width=7)
    for i, s in enumerate(text_lines):
        d.text(((sw - f.getlength(s)) / 2, 20 + i * lh), s, font=f, fill=0)
    lay = lay.rotate(rng.uniform(-12, 12), expand=True, fillcolor=255, resample=Image.BICUBIC)
    ink = rng.randint(70, 130)
    arr = np.asarray(lay, dtype=np.float32) / 255.0
    for _ in range(40):
        x = rng.randint(150, W - lay.size[0] - 150)
        y = rng.randint(150, H - lay.size[1] - 150)
        box = (x, y, x + lay.size[0], y + lay.size[1])
        if all(box[2] < r[0] - 20 or box[0] > r[2] + 20 or box[3] < r[1] - 20 or box[1] > r[3] + 20 for r in pg.prot):
            base = np.asarray(pg.im, dtype=np.float32)
            reg = base[y:y + lay.size[1], x:x + lay.size[0]]
            st_ink = ink + (255 - ink) * arr
            base[y:y + lay.size[1], x:x + lay.size[0]] = np.minimum(reg, st_ink)
            pg.im = Image.fromarray(base.astype(np.uint8), "L")
            pg.d = ImageDraw.Draw(pg.im)
            pg.log.extend(text_lines)
            return True
    return False


def add_extras(C, pages, pidx, rng, gray):
    if rng.random() < 0.22:
        target = pages[pidx] if rng.random() < 0.6 else rng.choice(pages)
        kind = rng.choice(["RECEIVED", "RECEIVED", "SCANNED", "REVIEWED", "COPY"])
        if kind == "COPY":
            lines = ["COPY"]
        else:
            d = C.off(1, 25)
            lines = [kind, fdate(d, rng.choice(["BDY", "dBY", "mdY"])), rng.choice(["MEDICAL RECORDS", "HIM DEPT", "BY: ____", ""])]
            lines = [l for l in lines if l]
            C.dis("received_stamp")
        if add_stamp(C, target, rng, lines):
            C.note("stamp")
    if rng.random() < 0.12:
        C.note("hole_punch")
        side = rng.choice(["left", "top"])
        for pg in pages:
            for k in range(rng.choice([2, 3])):
                if side == "left":
                    cx, cy = 80, int(H * (0.2 + 0.6 * k / 2)) if True else 0
                else:
                    cx, cy = int(W * (0.3 + 0.4 * k / 2)), 80
                pg.d.ellipse([cx - 38, cy - 38, cx + 38, cy + 38], fill=rng.choice([20, 45, 235]))
    if rng.random() < 0.12 and pages[pidx].prot:
        C.note("highlighter")
        pg = pages[pidx]
        r = rng.choice(pg.prot[:6])
        a = np.asarray(pg.im, dtype=np.float32)
        x0, y0, x1, y1 = max(0, r[0] - 12), max(0, r[1] - 10), min(W, r[2] + 12), min(H, r[3] + 10)
        a[y0:y1, x0:x1] *= rng.uniform(0.78, 0.86)
        pg.im = Image.fromarray(a.astype(np.uint8), "L")
        pg.d = ImageDraw.Draw(pg.im)


def on_page(C, pidx=0):
    txt = " ".join(C.pages[pidx].log)
    bad = []
    for f in FIELDS:
        if C.truth[f] is not None and not any(s in txt for s in C.reg[f]):
            bad.append(f)
    return bad


def build_doc(idx, seed, pat, layout, clins, fmt, outdir, rel):
    doc_type, fn = LAYOUTS[layout]
    for attempt in range(10):
        rng = random.Random("%s:blind:%d:%d" % (seed, idx, attempt))
        C = Ctx(rng, pat, clins, doc_type)
        fn(C)
        if not on_page(C):
            break
    else:
        raise RuntimeError("doc %d (%s): fields not on patient page: %s" % (idx, layout, on_page(C)))
    nrng = np.random.default_rng(rng.getrandbits(63))
    pages = C.pages
    n = len(pages)
    if C.footer:
        for i, pg in enumerate(pages):
            C.footer(pg, i + 1, n)
    notes = C.notes
    # fax cover / blank page
    faxed = C.fax_hint or rng.random() < 0.15
    cover = faxed and rng.random() < (0.6 if C.fax_hint else 0.8)
    blank_at = None
    if len(pages) + cover < 4 and rng.random() < 0.08:
        blank_at = rng.randint(1, len(pages))  # index in body pages after which a blank page sits
    body = list(pages)
    if blank_at is not None:
        bp = Page(C.st)
        body.insert(blank_at, bp)
    allp = ([None] if cover else []) + body
    total = len(allp)
    pidx = 1 if cover else 0
    if cover:
        fax_d = C.off(1, 20)
        allp[0] = fax_cover(C, total, fax_d)
        notes.insert(0, "fax_cover")
    if faxed:
        fax_d = fax_d if cover else C.off(1, 20)
        C.dis("fax_header")
        tsend = "%02d:%02d" % (rng.randint(7, 18), rng.randint(0, 59))
        src = "%s" % phone(rng)
        style = rng.choice(["a", "b"])
        for i, pg in enumerate(allp):
            if style == "a":
                s = "%s %s  FROM: %s  TO: %s   P.%d/%d" % (fdate(fax_d, "dbY_up"), tsend, src, phone(rng) if i == 0 else "", i + 1, total)
            else:
                s = "%s %s    %s    %s    PAGE %03d OF %03d" % (fdate(fax_d, "mdY"), tsend, src, (C.first_fac or C.fac("clinic"))["name"].upper()[:24], i + 1, total)
            fax_header(pg, s)
    if blank_at is not None:
        notes.append("blank_page:%d" % (blank_at + 1 + (1 if cover else 0)))
    if not fmt or (total > 1 and fmt in ("png", "jpeg")):
        fmt = rng.choice(MULTI_FORMATS)
    if faxed and rng.random() < 0.6:
        fmt = rng.choice(["tiff-g3", "tiff-g4", "pdf-image"])
    o = gc.choose_degradation(rng, fmt, "eval")
    if not o["bilevel"] and rng.random() < 0.15:
        o["ink"] = round(rng.uniform(0.28, 0.4), 3)
        o.pop("blur", None)
        notes.append("low_contrast")
    if rng.random() < 0.09 and C.st.base >= 10 and fmt not in ("tiff-g3",):
        o["dpi"] = (150, 150)
    add_extras(C, body, pidx - (1 if cover else 0), rng, not o["bilevel"])
    rot = 0
    if rng.random() < 0.06:
        rot = rng.choice([90, 180, 180, 270])
        notes.append("rotated_page:%d:%d" % (pidx + 1, rot))
    ims = []
    for i, pg in enumerate(allp):
        oo = dict(o)
        if oo.get("skew") and i != pidx:
            oo["skew"] = round(oo["skew"] + rng.uniform(-0.4, 0.4), 2)
        im = gc.degrade(pg.im, rng, nrng, oo)
        if i == pidx and rot:
            im = im.transpose({90: Image.Transpose.ROTATE_270, 180: Image.Transpose.ROTATE_180, 270: Image.Transpose.ROTATE_90}[rot])
        ims.append(im)
    if o["bilevel"]:
        notes.append("bilevel")
    if o.get("skew"):
        notes.append("skew:%s" % o["skew"])
    notes.append("dpi:%dx%d" % o["dpi"])
    if C.truth["mrn"] is None:
        notes.append("no_mrn")
    for k in pat["same_as"]:
        notes.append("same_name_as:%s" % k)
    path = os.path.join(outdir, rel + "." + gc.EXT.get(fmt, "tif"))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    gc.save(path, fmt, ims, o["dpi"], rng)
    dbg = os.environ.get("BLIND_DEBUG_PNG")
    if dbg:  # development aid: downscaled copies of the degraded pages
        os.makedirs(dbg, exist_ok=True)
        for i, im in enumerate(ims):
            im.convert("L").resize((1100, int(1100 * im.size[1] / im.size[0]))).save(
                os.path.join(dbg, "%04d-%s-p%d.png" % (idx, layout, i + 1)))
    src = os.path.relpath(path, outdir).replace(os.sep, "/")
    rec = {"source": src, "pages": total, "doc_type": doc_type, "patient_key": pat["key"], "layout": layout, "format": fmt,
           "fields": dict(C.truth), "rotation": rot, "notes": notes}
    logs = [" ".join(p.log) for p in allp]
    return rec, logs, C


# ============================================================================= self-check
def count_frames(path):
    if path.endswith(".pdf"):
        data = open(path, "rb").read()
        return data.count(b"/Type /Page") - data.count(b"/Type /Pages")
    with Image.open(path) as im:
        return getattr(im, "n_frames", 1)


def self_check(outdir, recs, extra):
    import re
    probs = []
    iso = re.compile(r"^\d{4}-\d{2}-\d{2}$")
    for rec, (logs, C) in zip(recs, extra):
        f = rec["fields"]
        tag = rec["source"]
        if rec["doc_type"] not in DOC_TYPES:
            probs.append((tag, "doc_type"))
        for k in ("date_of_birth", "encounter_date"):
            if f[k] is not None and not iso.match(f[k]):
                probs.append((tag, k + " not ISO"))
        if f["mrn"] is not None and not f["mrn"].isalnum():
            probs.append((tag, "mrn not alnum"))
        if f["sex"] not in (None, "F", "M", "O", "U"):
            probs.append((tag, "sex"))
        pidx = 1 if "fax_cover" in rec["notes"] else 0
        txt = logs[pidx]
        for k in FIELDS:
            if f[k] is not None and not any(s in txt for s in C.reg[k]):
                probs.append((tag, "%s not printed on patient page" % k))
        squash = re.sub(r"[^0-9A-Za-z]", "", " ".join(logs))
        if f["mrn"] is None and C.pat["mrn"] in squash:
            probs.append((tag, "MRN printed but truth null"))
        if f["mrn"] is not None and f["mrn"] != C.pat["mrn"]:
            probs.append((tag, "mrn mismatch"))
        if f["date_of_birth"] is None:
            for fm in set(DATE_FMTS):
                if fdate(C.pat["dob"], fm) in " ".join(logs):
                    probs.append((tag, "DOB printed but truth null"))
                    break
        if f["patient_name"] is not None and f["patient_name"] != C.nm.truth:
            probs.append((tag, "name mismatch"))
        if f["provider"] is not None and f["provider"] != C.pv.truth:
            probs.append((tag, "provider is not the main clinician"))
        if f["encounter_date"] is not None and f["encounter_date"] != C.enc.isoformat():
            probs.append((tag, "encounter mismatch"))
        n = count_frames(os.path.join(outdir, rec["source"]))
        if n != rec["pages"]:
            probs.append((tag, "pages %d != file frames %d" % (rec["pages"], n)))
    return probs


# ============================================================================= main
def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", default="1")
    ap.add_argument("--docs", type=int, default=30)
    ap.add_argument("--patients", type=int, default=None)
    ap.add_argument("--layouts", default="all", help="comma-separated layout names or 'all'")
    ap.add_argument("--no-check", action="store_true")
    ap.add_argument("--list-layouts", action="store_true")
    a = ap.parse_args()
    if a.list_layouts:
        for k, (dt, fn) in LAYOUTS.items():
            print("%-24s %-18s %s" % (k, dt, (fn.__doc__ or "").strip()))
        return
    P = a.patients or max(1, round(a.docs / 3))
    pats = make_patients(a.seed, P)
    clins = make_clinicians(a.seed)
    rng = random.Random("%s:plan" % a.seed)
    names = list(LAYOUTS) if a.layouts == "all" else a.layouts.split(",")
    for nme in names:
        if nme not in LAYOUTS:
            sys.exit("unknown layout %s" % nme)
    lay = []
    while len(lay) < a.docs:
        cyc = names[:]
        rng.shuffle(cyc)
        lay += cyc
    lay = lay[:a.docs]
    fmts = []
    while len(fmts) < a.docs:
        c = FORMATS[:]
        rng.shuffle(c)
        fmts += c
    who = list(range(P)) + [rng.randrange(P) for _ in range(max(0, a.docs - P))]
    rng.shuffle(who)
    who = who[:a.docs]
    os.makedirs(a.out, exist_ok=True)
    recs, extra = [], []
    for i in range(a.docs):
        box, folder = 1 + i // 40, 1 + (i % 40) // 8
        prefix = rng.choice(["scan", "IMG", "doc", "chart", "SCN", "page"])
        rel = "box-%03d/folder-%03d/%s-%04d" % (box, folder, prefix, i + 1)
        rec, logs, C = build_doc(i + 1, a.seed, pats[who[i]], lay[i], clins, fmts[i], a.out, rel)
        recs.append(rec)
        extra.append((logs, C))
        print("%s  %-22s %-17s %-9s %dp" % (rec["source"], rec["layout"], rec["doc_type"], rec["format"], rec["pages"]), flush=True)
    with open(os.path.join(a.out, "truth.jsonl"), "w") as fh:
        for r in recs:
            fh.write(json.dumps(r) + "\n")
    if not a.no_check:
        probs = self_check(a.out, recs, extra)
        for t, m in probs:
            print("CHECK FAIL %s: %s" % (t, m))
        print("self-check: %d documents, %d problems" % (len(recs), len(probs)))
        if probs:
            sys.exit(1)


if __name__ == "__main__":
    main()
