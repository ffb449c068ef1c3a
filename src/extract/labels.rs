//! The label lexicon: what a printed label announces, and the distractor labels whose values
//! must never be taken (they also end the value of the label before them).

use super::layout::{Line, Tok};

/// Which service date a label announces (the encounter date depends on the document type).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateKind {
    Service,
    Visit,
    Admission,
    Exam,
    Referral,
    Letter,
    Signature,
    /// A review of the chart or the medicines ("Review date"): the service of a medication
    /// regimen review, anything else's later look at it.
    Review,
    Generic,
}

/// Which clinician a label names. Who counts as the provider depends on the document type
/// (fields.md): the radiologist for a radiology report, the ordering provider for a lab.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Attending, treating, visit, performing, author: the document's own clinician.
    Treating,
    /// Ordering or requesting: the provider of a lab, the referrer of an imaging study.
    Ordering,
    /// Radiologist, "interpreted by", "read by": who read a study.
    Reader,
    /// "Signed by": whoever signed, often but not always the author.
    Signer,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Name,
    Dob,
    Mrn,
    Sex,
    Encounter(DateKind),
    Provider(Role),
    /// One part of a name printed in separate boxes: 0 first, 1 middle, 2 last, 3 suffix.
    NamePart(u8),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A patient or document field, with a priority (higher wins).
    Field(Target, i32),
    /// A distractor; `section` ones (guarantor, emergency contact...) also poison the
    /// labels after them on the same line and the lines just below a heading.
    Neg { section: bool },
}

pub struct LabelDef {
    pub words: &'static [&'static str],
    pub kind: Kind,
    /// Ambiguous words ("name", "provider", "re"): only a label when followed by ':' or a gap.
    pub weak: bool,
}

const fn f(words: &'static [&'static str], t: Target, p: i32) -> LabelDef {
    LabelDef {
        words,
        kind: Kind::Field(t, p),
        weak: false,
    }
}
const fn weak(words: &'static [&'static str], t: Target, p: i32) -> LabelDef {
    LabelDef {
        words,
        kind: Kind::Field(t, p),
        weak: true,
    }
}
const fn neg(words: &'static [&'static str]) -> LabelDef {
    LabelDef {
        words,
        kind: Kind::Neg { section: false },
        weak: false,
    }
}
const fn sect(words: &'static [&'static str]) -> LabelDef {
    LabelDef {
        words,
        kind: Kind::Neg { section: true },
        weak: false,
    }
}

use DateKind::*;
use Role::*;
use Target::*;

pub static LABELS: &[LabelDef] = &[
    // Patient name
    f(&["patient", "name"], Name, 10),
    f(&["patients", "name"], Name, 10),
    f(&["pt", "name"], Name, 10),
    f(&["patient", "nm"], Name, 10),
    f(&["pt", "nm"], Name, 10),
    f(&["name", "of", "patient"], Name, 10),
    f(&["patient", "full", "name"], Name, 10),
    f(&["patient", "legal", "name"], Name, 10),
    weak(&["patient"], Name, 9),
    weak(&["pt"], Name, 8),
    weak(&["name"], Name, 7),
    weak(&["re"], Name, 7),
    weak(&["regarding"], Name, 7),
    weak(&["client"], Name, 7),
    // Behavioral health calls the patient a client; "Client Name:" is its patient label.
    f(&["client", "name"], Name, 9),
    // Nursing homes and long-term care call the patient a resident.
    weak(&["resident"], Name, 8),
    f(&["resident", "name"], Name, 9),
    // Claims and statements name the patient as the one served.
    f(&["claim", "for"], Name, 8),
    f(&["for", "services", "to"], Name, 8),
    f(&["services", "provided", "to"], Name, 8),
    f(&["patient", "served"], Name, 9),
    // A payer's notice or prior authorization names the patient as its member, with the
    // member's birth date; without that date, "Member" is an insurance line's subscriber
    // (`page_labels` turns it into a distractor).
    f(&["member"], Name, 7),
    f(&["member", "name"], Name, 8),
    f(&["member", "dob"], Dob, 9),
    f(&["member", "date", "of", "birth"], Dob, 9),
    // Date of birth
    f(&["dob"], Dob, 10),
    f(&["patient", "dob"], Dob, 11),
    f(&["pt", "dob"], Dob, 11),
    f(&["date", "of", "birth"], Dob, 10),
    f(&["birth", "date"], Dob, 10),
    f(&["birthdate"], Dob, 10),
    f(&["birth", "dt"], Dob, 10),
    f(&["d0b"], Dob, 9),
    // Tesseract's reading of a small sans-serif "DOB" beside a large handwritten-looking
    // value (a prescription pad's "DOB 09/22/1932" read "pop §=09/22/1932"): a birth date
    // still, less surely.
    f(&["pop"], Dob, 7),
    // The same caption read other ways on such pads: the D as p or b, the O as a zero, the
    // B as an eight, p or n ("poB", "pon", "bop", "p08"). (A bare "d08" is no caption.)
    f(&["pob"], Dob, 7),
    f(&["pon"], Dob, 7),
    f(&["bop"], Dob, 7),
    f(&["p08"], Dob, 7),
    f(&["born"], Dob, 7),
    f(&["birthday"], Dob, 9),
    // MRN
    f(&["mrn"], Mrn, 10),
    f(&["mrn#"], Mrn, 10),
    f(&["mrn", "#"], Mrn, 10),
    f(&["mr#"], Mrn, 10),
    f(&["mr", "#"], Mrn, 10),
    f(&["mr", "no"], Mrn, 10),
    // "MRNO.:", "MR NO." run together.
    f(&["mrno"], Mrn, 10),
    f(&["mr", "number"], Mrn, 10),
    f(&["medical", "record", "#"], Mrn, 10),
    f(&["medical", "record", "number"], Mrn, 10),
    f(&["medical", "record", "no"], Mrn, 10),
    f(&["medical", "record"], Mrn, 9),
    f(&["med", "rec", "#"], Mrn, 10),
    f(&["med", "rec", "no"], Mrn, 10),
    f(&["chart", "#"], Mrn, 9),
    f(&["chart#"], Mrn, 9),
    f(&["chart", "no"], Mrn, 9),
    f(&["chart", "number"], Mrn, 9),
    f(&["chart", "id"], Mrn, 9),
    f(&["record", "#"], Mrn, 8),
    f(&["record", "no"], Mrn, 8),
    f(&["record", "number"], Mrn, 8),
    f(&["patient", "id"], Mrn, 8),
    f(&["pt", "id"], Mrn, 8),
    f(&["patient", "#"], Mrn, 7),
    f(&["patient", "no"], Mrn, 7),
    f(&["patient", "number"], Mrn, 7),
    f(&["unit", "no"], Mrn, 6),
    weak(&["chart"], Mrn, 6),
    f(&["file", "#"], Mrn, 7),
    f(&["file", "no"], Mrn, 7),
    f(&["file", "number"], Mrn, 7),
    f(&["our", "file"], Mrn, 7),
    // Sex
    f(&["sex"], Sex, 10),
    f(&["gender"], Sex, 10),
    f(&["sex", "at", "birth"], Sex, 10),
    f(&["birth", "sex"], Sex, 10),
    f(&["sex", "gender"], Sex, 10),
    f(&["agesex"], Sex, 9),
    f(&["age", "sex"], Sex, 9),
    f(&["age", "gender"], Sex, 9),
    // Encounter dates
    f(&["date", "of", "service"], Encounter(Service), 10),
    f(&["dates", "of", "service"], Encounter(Service), 4),
    f(&["dos"], Encounter(Service), 10),
    f(&["service", "date"], Encounter(Service), 10),
    f(&["svc", "date"], Encounter(Service), 10),
    f(&["dt", "of", "service"], Encounter(Service), 10),
    f(&["visit", "date"], Encounter(Visit), 10),
    f(&["date", "of", "visit"], Encounter(Visit), 10),
    // A flow sheet's current entry ("VISIT OF 4/17/1979").
    f(&["visit", "of"], Encounter(Visit), 9),
    f(&["encounter", "date"], Encounter(Visit), 10),
    f(&["date", "of", "encounter"], Encounter(Visit), 10),
    f(&["appointment", "date"], Encounter(Visit), 6),
    // Filled in by the patient at the visit ("Today's Date" on a registration form).
    f(&["todays", "date"], Encounter(Visit), 8),
    f(&["admission", "date"], Encounter(Admission), 10),
    f(&["admit", "date"], Encounter(Admission), 10),
    f(&["date", "of", "admission"], Encounter(Admission), 10),
    f(&["admitted"], Encounter(Admission), 9),
    f(&["admission"], Encounter(Admission), 8),
    f(&["exam", "date"], Encounter(Exam), 10),
    f(&["date", "of", "exam"], Encounter(Exam), 10),
    f(&["examination", "date"], Encounter(Exam), 10),
    f(&["date", "of", "examination"], Encounter(Exam), 10),
    f(&["study", "date"], Encounter(Exam), 10),
    f(&["date", "of", "study"], Encounter(Exam), 10),
    f(&["procedure", "date"], Encounter(Exam), 9),
    f(&["date", "of", "procedure"], Encounter(Exam), 9),
    f(&["date", "of", "operation"], Encounter(Exam), 10),
    f(&["operation", "date"], Encounter(Exam), 10),
    f(&["date", "of", "surgery"], Encounter(Exam), 10),
    f(&["surgery", "date"], Encounter(Exam), 10),
    f(&["date", "of", "test"], Encounter(Exam), 9),
    f(&["test", "date"], Encounter(Exam), 9),
    f(&["referral", "date"], Encounter(Referral), 10),
    f(&["date", "of", "referral"], Encounter(Referral), 10),
    f(&["date", "referred"], Encounter(Referral), 10),
    f(&["review", "date"], Encounter(Review), 9),
    f(&["date", "reviewed"], Encounter(Review), 9),
    f(&["date", "of", "review"], Encounter(Review), 9),
    f(&["date", "signed"], Encounter(Signature), 10),
    f(&["signature", "date"], Encounter(Signature), 10),
    f(&["patient", "signature", "date"], Encounter(Signature), 10),
    f(&["date", "of", "signature"], Encounter(Signature), 10),
    weak(&["date"], Encounter(Generic), 5),
    // Provider
    f(&["attending"], Provider(Treating), 10),
    f(&["attending", "physician"], Provider(Treating), 10),
    f(&["attending", "provider"], Provider(Treating), 10),
    f(&["attending", "md"], Provider(Treating), 10),
    f(&["rendering", "provider"], Provider(Treating), 10),
    f(&["treating", "provider"], Provider(Treating), 10),
    f(&["treating", "physician"], Provider(Treating), 10),
    f(&["visit", "provider"], Provider(Treating), 10),
    f(&["ordering", "provider"], Provider(Ordering), 10),
    f(&["ordering", "physician"], Provider(Ordering), 10),
    f(&["ordering", "clinician"], Provider(Ordering), 10),
    f(&["ordering"], Provider(Ordering), 9),
    f(&["ordered", "by"], Provider(Ordering), 9),
    f(&["radiologist"], Provider(Reader), 10),
    f(&["reading", "radiologist"], Provider(Reader), 10),
    f(&["interpreting", "radiologist"], Provider(Reader), 10),
    f(&["interpreted", "by"], Provider(Reader), 10),
    f(&["read", "by"], Provider(Reader), 9),
    // A reviewer (often a nurse or pharmacist) ranks under an attending or a signer.
    f(&["reviewed", "by"], Provider(Treating), 8),
    f(
        &["reviewed", "with", "patient", "by"],
        Provider(Treating),
        9,
    ),
    f(&["requesting", "provider"], Provider(Ordering), 10),
    f(&["requesting", "physician"], Provider(Ordering), 10),
    f(&["performing", "physician"], Provider(Treating), 10),
    f(&["performing", "provider"], Provider(Treating), 10),
    f(&["surgeon"], Provider(Treating), 8),
    f(&["seen", "by"], Provider(Treating), 9),
    f(&["clinician"], Provider(Treating), 8),
    // Clinicians other than physicians who author their own records.
    f(&["therapist"], Provider(Treating), 8),
    f(&["treating", "therapist"], Provider(Treating), 10),
    f(&["evaluating", "therapist"], Provider(Treating), 10),
    f(&["dentist"], Provider(Treating), 9),
    f(&["midwife"], Provider(Treating), 8),
    f(&["author"], Provider(Treating), 8),
    f(&["electronically", "signed", "by"], Provider(Signer), 7),
    f(&["signed", "by"], Provider(Signer), 6),
    weak(&["signed"], Provider(Signer), 5),
    weak(&["provider"], Provider(Treating), 9),
    weak(&["physician"], Provider(Treating), 8),
    weak(&["doctor"], Provider(Treating), 6),
    f(&["admitting", "physician"], Provider(Treating), 4),
    // Names in separate boxes
    f(&["last", "name"], NamePart(2), 10),
    f(&["patient", "last", "name"], NamePart(2), 10),
    f(&["family", "name"], NamePart(2), 10),
    f(&["surname"], NamePart(2), 10),
    f(&["first", "name"], NamePart(0), 10),
    f(&["patient", "first", "name"], NamePart(0), 10),
    f(&["given", "name"], NamePart(0), 10),
    f(&["middle", "name"], NamePart(1), 10),
    f(&["middle", "initial"], NamePart(1), 10),
    f(&["suffix"], NamePart(3), 9),
    weak(&["mi"], NamePart(1), 9), // with a colon or a gap: "MI" is also a state
    // More wordings seen on forms
    f(&["name", "last", "first"], Name, 10),
    f(&["name", "last", "first", "mi"], Name, 10),
    f(&["name", "last", "first", "middle"], Name, 10),
    f(&["patient", "name", "last", "first"], Name, 10),
    f(&["patient", "name", "last", "first", "mi"], Name, 10),
    f(&["patients", "full", "name"], Name, 10),
    f(&["patients", "legal", "name"], Name, 10),
    f(&["legal", "name"], Name, 9),
    f(&["patient", "name", "last", "first", "middle"], Name, 10),
    f(&["name", "of", "patient", "last", "first"], Name, 10),
    f(&["unit#"], Mrn, 7),
    f(&["record#"], Mrn, 8),
    f(&["patient#"], Mrn, 7),
    f(&["pt#"], Mrn, 7),
    f(&["hosp", "#"], Mrn, 8),
    f(&["hosp#"], Mrn, 8),
    f(&["hosp", "no"], Mrn, 8),
    f(&["mr", "num"], Mrn, 10),
    f(&["med", "rec"], Mrn, 9),
    f(&["med", "rec#"], Mrn, 10),
    f(&["sex", "assigned", "at", "birth"], Sex, 10),
    f(&["legal", "sex"], Sex, 10),
    f(&["date", "of", "birth", "mmddyyyy"], Dob, 10),
    f(&["d", "o", "b"], Dob, 10),
    f(&["dobage"], Dob, 10),
    f(&["agedob"], Dob, 10),
    f(&["dob", "age"], Dob, 10),
    f(&["date", "of", "birth", "age"], Dob, 10),
    f(&["patient", "date", "of", "birth"], Dob, 11),
    f(&["patient", "birth", "date"], Dob, 11),
    f(&["mrn", "no"], Mrn, 10),
    f(&["medical", "rec", "#"], Mrn, 10),
    f(&["medical", "rec", "no"], Mrn, 10),
    f(&["med", "rec", "number"], Mrn, 10),
    f(&["med", "record", "#"], Mrn, 10),
    f(&["med", "record", "no"], Mrn, 10),
    f(&["hospital", "#"], Mrn, 8),
    f(&["hospital", "no"], Mrn, 8),
    f(&["hospital", "number"], Mrn, 8),
    f(&["unit", "#"], Mrn, 7),
    // A nursing home's record number ("Resident #", "Resident No.").
    f(&["resident", "#"], Mrn, 8),
    f(&["resident", "no"], Mrn, 8),
    f(&["resident", "number"], Mrn, 8),
    f(&["unit", "number"], Mrn, 7),
    f(&["emr", "#"], Mrn, 9),
    f(&["emr", "no"], Mrn, 9),
    f(&["pt", "#"], Mrn, 7),
    f(&["date", "seen"], Encounter(Visit), 10),
    f(&["seen", "on"], Encounter(Visit), 8),
    f(&["appt", "date"], Encounter(Visit), 6),
    f(&["service", "dt"], Encounter(Service), 10),
    f(&["svc", "dt"], Encounter(Service), 10),
    f(&["visit", "dt"], Encounter(Visit), 10),
    f(&["dates", "of", "service"], Encounter(Service), 4),
    f(&["date", "of", "consultation"], Encounter(Service), 10),
    f(&["consultation", "date"], Encounter(Service), 10),
    f(&["consult", "date"], Encounter(Service), 10),
    f(&["admit", "dt"], Encounter(Admission), 10),
    f(&["adm", "date"], Encounter(Admission), 10),
    weak(&["adm"], Encounter(Admission), 9),
    f(&["reconciled", "by"], Provider(Treating), 9),
    f(&["completed", "by"], Provider(Treating), 7),
    f(&["ord", "dr"], Provider(Ordering), 9),
    f(&["ord", "md"], Provider(Ordering), 9),
    f(&["ordering", "dr"], Provider(Ordering), 9),
    f(&["ordering", "md"], Provider(Ordering), 9),
    f(&["att", "dr"], Provider(Treating), 9),
    f(&["attending", "dr"], Provider(Treating), 10),
    neg(&["ref", "dr"]),
    neg(&["ref", "md"]),
    neg(&["disch"]),
    f(&["date", "of", "admit"], Encounter(Admission), 10),
    f(&["admission", "dt"], Encounter(Admission), 10),
    f(&["exam", "dt"], Encounter(Exam), 10),
    f(&["study", "dt"], Encounter(Exam), 10),
    f(&["examined", "by"], Provider(Treating), 9),
    f(&["performed", "by"], Provider(Treating), 9),
    f(&["reading", "physician"], Provider(Reader), 10),
    f(&["interpreting", "physician"], Provider(Reader), 10),
    f(&["reported", "by"], Provider(Reader), 9),
    // A tracing's over-reader ("Confirmed by: RADCLIFFE, NATHANIEL DO").
    f(&["confirmed", "by"], Provider(Reader), 9),
    f(&["dictating", "physician"], Provider(Treating), 6),
    f(&["treating", "clinician"], Provider(Treating), 10),
    f(&["responsible", "physician"], Provider(Treating), 10),
    f(&["responsible", "provider"], Provider(Treating), 10),
    f(&["authoring", "provider"], Provider(Treating), 10),
    f(&["service", "provider"], Provider(Treating), 10),
    neg(&["pcp", "name"]),
    neg(&["printed", "name"]),
    neg(&["run", "date"]),
    f(&["enc", "date"], Encounter(Visit), 10),
    f(&["enc", "dt"], Encounter(Visit), 10),
    neg(&["print", "name"]),
    neg(&["name", "printed"]),
    neg(&["referring", "md"]),
    neg(&["referred", "by"]),
    neg(&["referral", "source"]),
    neg(&["emergency", "contact", "name"]),
    sect(&["mother"]),
    sect(&["father"]),
    sect(&["insured", "name"]),
    sect(&["insureds", "name"]),
    sect(&["policyholder", "name"]),
    sect(&["policy", "holder", "name"]),
    sect(&["policy", "holder", "dob"]),
    sect(&["responsible", "party", "name"]),
    sect(&["guardian", "name"]),
    sect(&["parent", "name"]),
    neg(&["patient", "account"]),
    neg(&["patient", "account", "#"]),
    neg(&["patient", "account", "no"]),
    neg(&["acct", "no"]),
    neg(&["visit", "id"]),
    neg(&["order", "#"]),
    neg(&["order", "no"]),
    neg(&["requisition"]),
    neg(&["specimen", "#"]),
    neg(&["specimen", "id"]),
    neg(&["member", "#"]),
    neg(&["subscriber", "id"]),
    neg(&["medicaid"]),
    neg(&["medicare"]),
    neg(&["date", "printed"]),
    neg(&["printed", "on"]),
    neg(&["date", "of", "report"]),
    neg(&["transcribed"]),
    neg(&["date", "dictated"]),
    neg(&["dictated"]),
    neg(&["date", "faxed"]),
    neg(&["faxed"]),
    neg(&["next", "appointment", "date"]),
    neg(&["follow", "up"]),
    neg(&["last", "visit"]),
    neg(&["prior", "exam"]),
    neg(&["previous", "exam"]),
    // Distractors
    neg(&["referring"]),
    neg(&["referring", "physician"]),
    neg(&["referring", "provider"]),
    neg(&["ref"]),
    neg(&["ref", "provider"]),
    neg(&["ref", "phys"]),
    neg(&["pcp"]),
    neg(&["primary", "care"]),
    neg(&["primary", "care", "physician"]),
    neg(&["primary", "care", "provider"]),
    neg(&["primary", "physician"]),
    neg(&["family", "physician"]),
    neg(&["family", "doctor"]),
    neg(&["my", "doctor"]),
    neg(&["cc"]),
    neg(&["copy", "to"]),
    neg(&["copies", "to"]),
    neg(&["witness"]),
    // The caption under a signature line names whose scribble is above it; the line below
    // is someone else's ("Signature of patient  Printed name" over the witness's line).
    neg(&["signature", "of", "patient"]),
    neg(&["patient", "signature"]),
    neg(&["witnessed", "by"]),
    neg(&["consultant"]),
    neg(&["consultants"]),
    neg(&["consulting"]),
    neg(&["consulting", "physician"]),
    neg(&["laboratory", "director"]),
    neg(&["lab", "director"]),
    neg(&["medical", "director"]),
    neg(&["director"]),
    neg(&["dictated", "by"]),
    neg(&["transcribed", "by"]),
    neg(&["transcriptionist"]),
    neg(&["refer", "to"]),
    neg(&["referred", "to"]),
    neg(&["to"]),
    neg(&["dear"]),
    neg(&["attn"]),
    neg(&["sender"]),
    neg(&["from"]),
    sect(&["emergency", "contact"]),
    sect(&["emergency"]),
    sect(&["contact"]),
    sect(&["contact", "name"]),
    sect(&["guarantor"]),
    // Abbreviated on old forms ("GUAR. D.O.B.", "RESP. PARTY").
    sect(&["guar"]),
    sect(&["resp", "party"]),
    sect(&["guarantor", "dob"]),
    sect(&["guarantor", "name"]),
    sect(&["guarantor", "date", "of", "birth"]),
    sect(&["subscriber"]),
    sect(&["subscriber", "dob"]),
    sect(&["subscriber", "name"]),
    sect(&["subscriber", "date", "of", "birth"]),
    sect(&["insured"]),
    sect(&["insureds", "dob"]),
    sect(&["policy", "holder"]),
    sect(&["policyholder"]),
    sect(&["responsible", "party"]),
    // "Guarantor: SAME AS PATIENT": the patient is named elsewhere, this is no patient label.
    neg(&["same", "as", "patient"]),
    // An insurer's "Provider Network: Out-of-network" names no clinician.
    neg(&["provider", "network"]),
    neg(&["network", "status"]),
    sect(&["next", "of", "kin"]),
    // "If signed by a personal representative:", "Legal representative name".
    sect(&["representative"]),
    sect(&["personal", "representative"]),
    sect(&["legal", "representative"]),
    sect(&["authorized", "representative"]),
    sect(&["guardian"]),
    sect(&["parent"]),
    sect(&["parentguardian"]),
    sect(&["spouse"]),
    sect(&["relationship"]),
    sect(&["relation"]),
    neg(&["insurance"]),
    neg(&["primary", "insurance"]),
    neg(&["secondary", "insurance"]),
    neg(&["policy"]),
    neg(&["policy", "#"]),
    neg(&["policy", "no"]),
    neg(&["member", "id"]),
    neg(&["group"]),
    neg(&["group", "#"]),
    neg(&["group", "no"]),
    neg(&["account"]),
    neg(&["account", "#"]),
    neg(&["account", "no"]),
    neg(&["account", "number"]),
    neg(&["acct"]),
    neg(&["acct", "#"]),
    neg(&["accession"]),
    neg(&["accession", "#"]),
    neg(&["acc"]),
    neg(&["encounter", "#"]),
    neg(&["encounter", "no"]),
    neg(&["encounter", "number"]),
    neg(&["encounter", "id"]),
    neg(&["visit", "#"]),
    neg(&["visit", "no"]),
    neg(&["fin"]),
    neg(&["auth"]),
    neg(&["auth", "#"]),
    neg(&["authorization", "#"]),
    neg(&["claim"]),
    neg(&["npi"]),
    neg(&["ssn"]),
    neg(&["phone"]),
    neg(&["fax"]),
    neg(&["tel"]),
    neg(&["telephone"]),
    neg(&["cell"]),
    neg(&["ph"]),
    neg(&["collected"]),
    neg(&["collection", "date"]),
    neg(&["date", "collected"]),
    neg(&["received"]),
    neg(&["date", "received"]),
    neg(&["reported"]),
    neg(&["date", "reported"]),
    neg(&["report", "date"]),
    neg(&["resulted"]),
    neg(&["printed"]),
    neg(&["print", "date"]),
    neg(&["next", "appointment"]),
    neg(&["next", "appt"]),
    neg(&["next", "visit"]),
    neg(&["return", "visit"]),
    neg(&["return"]),
    neg(&["followup"]),
    neg(&["followup", "appointment"]),
    neg(&["comparison"]),
    neg(&["prior", "study"]),
    neg(&["discharge", "date"]),
    neg(&["date", "of", "discharge"]),
    neg(&["discharged"]),
    neg(&["statement", "date"]),
    neg(&["payment", "due"]),
    neg(&["due", "date"]),
    neg(&["expires"]),
    neg(&["expiration", "date"]),
    neg(&["effective", "date"]),
    neg(&["age"]),
    neg(&["address"]),
    neg(&["allergies"]),
    neg(&["location"]),
    neg(&["room"]),
    neg(&["marital"]),
    neg(&["admit", "time"]),
    neg(&["time"]),
    neg(&["priority"]),
    neg(&["specialty"]),
    neg(&["pharmacy"]),
    neg(&["diagnosis"]),
    neg(&["language"]),
    neg(&["race"]),
    neg(&["email"]),
    neg(&["clia"]),
    neg(&["page"]),
];

/// A label found on a line: tokens `start..end`.
#[derive(Debug, Clone, Copy)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// An ambiguous word taken as a label, or a label OCR glued to its value.
    pub weak: bool,
}

/// "Sexi F", "DOBl": a one-word label whose colon OCR read as a letter.
fn colon_misread(key: &str, word: &str) -> bool {
    word.len() >= 3
        && key.len() == word.len() + 1
        && key.starts_with(word)
        && key.ends_with(['i', 'l', '1'])
}

/// "D.O.B." as OCR reads it written by hand or faxed: the O as a zero, the B as an eight
/// ("d.0.8"), a dot lost ("d.oB"), a pen's lead-in stroke as a letter before it ("bd.o.B",
/// with both dots). The dots make it an abbreviation, not a word or a number.
fn dotted_dob(raw: &str) -> bool {
    let t = raw.trim_end_matches([':', '.', ',']);
    let dots = t.matches('.').count();
    if dots == 0 {
        return false;
    }
    let letters = dob_letters(t);
    letters == "dob"
        || (dots >= 2
            && letters.len() == 4
            && letters.ends_with("dob")
            && letters.starts_with(|c: char| c.is_ascii_alphabetic())
            && t.find('.') == Some(2))
}

/// A DOB caption's letters without its dots, its look-alike digits read as the letters
/// ("d.0.8" → "dob").
fn dob_letters(t: &str) -> String {
    t.chars()
        .filter(|&c| c != '.')
        .map(|c| match c.to_ascii_lowercase() {
            '0' => 'o',
            '8' => 'b',
            c => c,
        })
        .collect()
}

/// "DOB" as OCR reads it hand-lettered or faxed: "cos", "pos", "vos", "D088",
/// "v.oB", "0.0.8", "bd.oB": a lead letter or two, the O (or two), then the B as b, 8 or
/// s. Title-case words ("Bob", "Rob") are names; "DOS" is its own label (date of service).
fn dob_scrawl(raw: &str) -> bool {
    let t = raw.trim_end_matches([':', '.', ',', ';']);
    let title =
        t.starts_with(|c: char| c.is_uppercase()) && t.chars().skip(1).all(|c| c.is_lowercase());
    let m = dob_letters(t);
    let lead = m.trim_end_matches(['b', 's']);
    let tail = m.len() - lead.len();
    let core = lead.trim_end_matches('o');
    let os = lead.len() - core.len();
    // (A number is a value: "MED REC NO: 008 759 2".)
    !title
        && t.contains(|c: char| c.is_alphabetic() || c == '.')
        && (3..=5).contains(&m.len())
        && (1..=2).contains(&tail)
        && (1..=2).contains(&os)
        && core.len() <= 2
        && core
            .chars()
            .all(|c| matches!(c, 'd' | 'p' | 'b' | 'c' | 'v' | '2'))
        && !matches!(m.as_str(), "dos" | "bob" | "boss")
}

/// "ID", or its I read as a bracket, a bar or a quote ("Patient [D", "MRN |D:", "'D:"):
/// the mark is no letter, so the key lost it.
pub fn id_word(tok: &Tok) -> bool {
    let raw = tok.raw.as_str();
    tok.key == "id"
        || tok.key == "d"
            && raw.starts_with(['[', '|', ']', '\'', '’', '‘', '`'])
            && raw[raw.chars().next().map_or(0, char::len_utf8)..].starts_with('D')
}

/// A printed word read as a label word. In labels of two words or more, a long word may
/// carry one OCR slip ("Numbey", "Recard"): the other words anchor the match.
fn word_matches(tok: &Tok, word: &str, label_len: usize) -> bool {
    let key = tok.key.as_str();
    if key == word {
        return true;
    }
    if word == "id" && id_word(tok) {
        return true;
    }
    // A possessive is the word's own label ("Patient's Last Name", "Physician's Name").
    let bare = tok.raw.trim_end_matches(|c: char| !c.is_alphanumeric());
    if (bare.ends_with("'s") || bare.ends_with("’s")) && key.strip_suffix('s') == Some(word) {
        return true;
    }
    if label_len == 1 && colon_misread(key, word) {
        return true;
    }
    if word == "dob" && dotted_dob(&tok.raw) {
        return true;
    }
    // "Exam Date/Time", "Admit Date/Time": a date label whose value carries a time too.
    if word == "date" && key == "datetime" {
        return true;
    }
    // OCR reads I as l, 1 or J ("Ml", "M1.", "MJ." for "MI"): the same label.
    let as_i = |s: &str| s.replace(['l', '1', 'j'], "i");
    if key.len() == word.len() && key.contains(['l', '1', 'j']) && as_i(key) == as_i(word) {
        return true;
    }
    // A plural is another word ("Medical Records" is a department, not "Medical Record"),
    // and a letter before the word is the last word's, run into it ("THOMAS NMember DOB":
    // the middle initial N).
    label_len >= 2
        && key.strip_suffix('s') != Some(word)
        && !(key.len() == word.len() + 1 && key.ends_with(word))
        && word.len() >= 6
        && key.len() + 1 >= word.len()
        && key.len() <= word.len() + 1
        && strsim::levenshtein(key, word) <= 1
}

/// The labels of a page's lines (`find`), read with the page: a "Member" name label counts
/// only when the page prints the member's birth date too.
pub fn page_labels(lines: &[Line]) -> Vec<Vec<Hit>> {
    let mut hits: Vec<Vec<Hit>> = lines.iter().map(find).collect();
    // "Last Name  First  M." / "Mul.": a short word starting with M in the column right
    // after the given name's caption is the middle initial's caption, read badly. (After
    // "First Name:" the word is its value: "Mae".)
    for (l, hs) in lines.iter().zip(hits.iter_mut()) {
        let after_first: Vec<usize> = hs
            .iter()
            .filter(|h| matches!(h.kind, Kind::Field(Target::NamePart(0), _)))
            .filter(|h| !l.toks[h.end - 1].raw.ends_with(':') && l.gap_after(h.end - 1) > 1.5)
            .map(|h| h.end)
            .filter(|&e| !hs.iter().any(|o| o.start == e))
            .collect();
        for e in after_first {
            let Some(t) = l.toks.get(e) else { continue };
            if t.raw.starts_with('M') && (1..=3).contains(&t.key.len()) && t.key.starts_with('m') {
                hs.push(Hit {
                    start: e,
                    end: e + 1,
                    kind: Kind::Field(Target::NamePart(1), 8),
                    weak: true,
                });
            }
        }
        hs.sort_by_key(|h| h.start);
    }
    // "Pt: Terrance Yancey cos 10-14-68": on the patient's line, after the name, a
    // hand-lettered or faxed "DOB" read as another short word, right before a number.
    for (l, hs) in lines.iter().zip(hits.iter_mut()) {
        let Some(name_end) = hs
            .iter()
            .find(|h| matches!(h.kind, Kind::Field(Target::Name, _)))
            .map(|h| h.end)
        else {
            continue;
        };
        // Within the name's value: before any other label.
        let value_end = hs
            .iter()
            .map(|h| h.start)
            .filter(|&s| s >= name_end)
            .min()
            .unwrap_or(l.toks.len())
            .min(l.toks.len().saturating_sub(1));
        let caption = (name_end + 1..value_end).find(|&i| {
            dob_scrawl(&l.toks[i].raw)
                && super::dates::clean(&l.toks[i + 1].raw).starts_with(|c: char| c.is_ascii_digit())
        });
        if let Some(i) = caption {
            if !hs
                .iter()
                .any(|h| h.start > i && matches!(h.kind, Kind::Field(Target::Dob, _)))
            {
                hs.push(Hit {
                    start: i,
                    end: i + 1,
                    kind: Kind::Field(Target::Dob, 6),
                    weak: true,
                });
                hs.sort_by_key(|h| h.start);
            }
        }
    }
    let member = |line: &Line, h: &Hit| line.toks[h.start].key == "member";
    let member_dob = lines.iter().zip(&hits).any(|(l, hs)| {
        hs.iter()
            .any(|h| matches!(h.kind, Kind::Field(Target::Dob, _)) && member(l, h))
    });
    if !member_dob {
        for (l, hs) in lines.iter().zip(hits.iter_mut()) {
            for h in hs.iter_mut() {
                if matches!(h.kind, Kind::Field(Target::Name, _)) && member(l, h) {
                    h.kind = Kind::Neg { section: false };
                }
            }
        }
    }
    hits
}

/// Finds labels on a line, longest match first, left to right.
pub fn find(line: &Line) -> Vec<Hit> {
    let mut out = Vec::new();
    let n = line.toks.len();
    let mut i = 0;
    while i < n {
        // (label words, its definition, tokens it spans)
        let mut best: Option<(usize, &LabelDef, usize)> = None;
        for d in LABELS {
            let k = d.words.len();
            // A label whose words OCR ran together ("PATIENTID:", "PtName:"): one token.
            let glued = k >= 2 && {
                let whole = d.words.concat();
                whole.len() >= 6 && line.toks[i].key == whole
            };
            // Its first two words run together ("DATE.OF SERVICE", "DATEOF BIRTH").
            let head_glued = !glued
                && k >= 3
                && i + k - 1 <= n
                && line.toks[i].key == d.words[..2].concat()
                && d.words[2..]
                    .iter()
                    .enumerate()
                    .all(|(j, w)| word_matches(&line.toks[i + 1 + j], w, k));
            // Its last two words run together ("Date of.consultation:").
            let tail_glued = !glued
                && !head_glued
                && k >= 3
                && i + k - 1 <= n
                && line.toks[i + k - 2].key == d.words[k - 2..].concat()
                && d.words[..k - 2]
                    .iter()
                    .enumerate()
                    .all(|(j, w)| word_matches(&line.toks[i + j], w, k));
            let span = if glued {
                1
            } else if head_glued || tail_glued {
                k - 1
            } else {
                k
            };
            if i + span > n || best.is_some_and(|(bk, _, _)| bk >= k) {
                continue;
            }
            if glued
                || head_glued
                || tail_glued
                || d.words
                    .iter()
                    .enumerate()
                    .all(|(j, w)| word_matches(&line.toks[i + j], w, k))
            {
                // Multi-word labels must be printed close together.
                if (i..i + span - 1).any(|j| line.gap_after(j) > 1.5) {
                    continue;
                }
                // "Dos Santos": a name particle that is also a label ("DOS", date of
                // service) starts a name when a capitalised word follows without a colon.
                if k == 1
                    && !line.toks[i].raw.ends_with(':')
                    && super::names::is_particle(&line.toks[i].raw)
                    && line.toks.get(i + 1).is_some_and(|t| {
                        super::dates::month_of(&t.raw).is_none()
                            && t.raw.starts_with(|c: char| c.is_uppercase())
                            && t.raw
                                .chars()
                                .all(|c| c.is_alphabetic() || ",'-".contains(c))
                    })
                {
                    continue;
                }
                if d.weak {
                    let last = &line.toks[i + span - 1].raw;
                    // ("Sexi": its colon read as a letter.)
                    let misread = k == 1 && colon_misread(&line.toks[i].key, d.words[0]);
                    // (A colon OCR read as a semicolon: "ID; 881775386".)
                    let colon = last.ends_with([':', ';', '#']) || misread;
                    // A gap after it, or a wide gap before it (the start of a form column).
                    let gap = line.gap_after(i + span - 1) > 1.5
                        || (i > 0 && line.gap_after(i - 1) > 2.5);
                    if !(colon || gap || i == 0) {
                        continue;
                    }
                    // Running text that ends on the word ("... for seeing this patient."):
                    // the line's end is no label's gap, and nothing below is its value.
                    let prose = i > 0
                        && line.toks[i - 1].raw.starts_with(|c: char| c.is_lowercase())
                        && (last.ends_with(['.', '!', '?'])
                            || (i + span == line.toks.len() && line.is_prose(6)));
                    if !colon && prose {
                        continue;
                    }
                }
                best = Some((k, d, span));
            }
        }
        match best {
            Some((_, d, k)) => {
                // "Primary doctor:", "My physician:", "Referring provider": a clinician
                // label under a modifier that makes it someone else than the author.
                // "Primary care doctor:": a distractor label run straight into it.
                // (Not across a column gap: "Encounter #     Attending" is two headers.)
                let after_neg = out.last().is_some_and(|h: &Hit| {
                    h.end == i && matches!(h.kind, Kind::Neg { .. }) && line.gap_after(i - 1) < 1.5
                });
                let other = i > 0
                    && matches!(d.kind, Kind::Field(Target::Provider(_), _))
                    && (after_neg
                        || matches!(
                            line.toks[i - 1].key.as_str(),
                            "primary"
                                | "referring"
                                | "family"
                                | "my"
                                | "usual"
                                | "regular"
                                | "personal"
                                | "consulting"
                                | "previous"
                                | "former"
                        ));
                let kind = if other {
                    Kind::Neg { section: false }
                } else {
                    d.kind
                };
                out.push(Hit {
                    start: i,
                    end: i + k,
                    kind,
                    weak: d.weak,
                });
                i += k;
            }
            None => {
                // "Provideftannah": a provider label OCR glued to the name. Its value cannot
                // be read, but the label is there: a weaker source must not pass as sure.
                let key = &line.toks[i].key;
                let glued = ["provider", "physician"]
                    .iter()
                    .any(|l| key.len() > l.len() + 1 && key.starts_with(&l[..l.len() - 1]));
                let after_neg = out
                    .last()
                    .is_some_and(|h: &Hit| h.end == i && matches!(h.kind, Kind::Neg { .. }));
                if glued && !after_neg {
                    out.push(Hit {
                        start: i,
                        end: i + 1,
                        kind: Kind::Field(Target::Provider(Role::Treating), 10),
                        weak: true,
                    });
                }
                // "Patient Last Name      First      MI": after a name-part caption, the
                // other parts' captions are single words, each a column of its own.
                let part = match key.as_str() {
                    "first" | "given" => Some(0),
                    "middle" => Some(1),
                    _ => None,
                };
                let after_part = out
                    .iter()
                    .any(|h| matches!(h.kind, Kind::Field(Target::NamePart(_), _)));
                let column = i > 0
                    && line.gap_after(i - 1) > 2.5
                    && (i + 1 == n || line.gap_after(i) > 1.5 || line.toks[i].raw.ends_with(':'));
                // "DE LA CRUZ, INGRID R   ID: 00103714": on a banner that starts with a
                // "FAMILY, GIVEN" name, a bare "ID:" after it is the patient's identifier
                // (tracings and device printouts); anywhere else it is anyone's. Devices
                // also print the name without its comma, in capitals ("O'HARA XIOMARA").
                let lead = &line.toks[..i];
                let caps_name = i <= 4
                    && lead.iter().all(|t| {
                        t.raw.chars().any(char::is_alphabetic)
                            && !t.raw.chars().any(char::is_lowercase)
                    });
                // (Its colon read as a semicolon: "TRUJILLO, DWAYNE 0 ID; 881775386".)
                let banner = id_word(&line.toks[i])
                    && line.toks[i].raw.ends_with([':', ';'])
                    && (2..=5).contains(&i)
                    && line.gap_after(i - 1) > 1.5
                    && out.is_empty()
                    && (lead.iter().any(|t| t.raw.ends_with(',')) || caps_name)
                    && lead
                        .iter()
                        .all(|t| t.raw == "0" || !t.raw.chars().any(|c| c.is_ascii_digit()));
                if banner {
                    out.push(Hit {
                        start: i,
                        end: i + 1,
                        kind: Kind::Field(Target::Mrn, 7),
                        weak: true,
                    });
                }
                if let Some(p) = part.filter(|_| after_part && column) {
                    out.push(Hit {
                        start: i,
                        end: i + 1,
                        kind: Kind::Field(Target::NamePart(p), 9),
                        weak: true,
                    });
                }
                i += 1;
            }
        }
    }
    // A word with a check box right before it is an option to tick ("☒ Patient  ☐ Family /
    // caregiver" for who gave a medication list), not a field's label: what stands below
    // it is no value of it (a table's header, "Dose Route", had been taken for a name).
    out.retain(|h| !matches!(h.kind, Kind::Field(..)) || line.toks[h.start].box_before.is_none());
    out
}
