//! Archive-scale benchmark (not a test): fills a database with synthetic pages, patients,
//! documents and fields directly (no OCR), then times MRN lookup, name search, a full-text
//! query and a patient timeline through the same library calls the CLI makes.
//! The FHIR export's rate and peak memory are measured by scripts/bench-archive, which runs
//! the real binary under /usr/bin/time -v.
//!
//!   archive fill  --db FILE --pages N --patients M
//!   archive query --db FILE [--runs R]
//!
//! All data is synthetic (made-up names, numbers and words).

use chartscan::search::{self, SearchQuery};
use chartscan::store::Store;
use rusqlite::params;
use std::path::PathBuf;
use std::time::Instant;

/// xorshift64*: small, deterministic, good enough for synthetic data.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545F4914F6CDD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a>(&mut self, v: &'a [&'a str]) -> &'a str {
        v[self.below(v.len() as u64) as usize]
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

const GIVEN: &[&str] = &[
    "James",
    "Mary",
    "Robert",
    "Patricia",
    "John",
    "Jennifer",
    "Michael",
    "Linda",
    "David",
    "Elizabeth",
    "William",
    "Barbara",
    "Richard",
    "Susan",
    "Joseph",
    "Jessica",
    "Thomas",
    "Sarah",
    "Charles",
    "Karen",
    "Daniel",
    "Lisa",
    "Matthew",
    "Nancy",
    "Anthony",
    "Betty",
    "Mark",
    "Margaret",
    "Donald",
    "Sandra",
    "Steven",
    "Ashley",
    "Paul",
    "Kimberly",
    "Andrew",
    "Emily",
    "Joshua",
    "Donna",
    "Kenneth",
    "Michelle",
    "Kevin",
    "Carol",
    "Brian",
    "Amanda",
    "George",
    "Melissa",
    "Timothy",
    "Deborah",
    "Ronald",
    "Stephanie",
    "Jason",
    "Rebecca",
    "Edward",
    "Sharon",
    "Jeffrey",
    "Laura",
    "Ryan",
    "Cynthia",
    "Jacob",
    "Amy",
    "Gary",
    "Kathleen",
    "Nicholas",
    "Angela",
    "Eric",
    "Shirley",
    "Jonathan",
    "Brenda",
    "Stephen",
    "Emma",
    "Larry",
    "Anna",
    "Justin",
    "Pamela",
    "Scott",
    "Nicole",
    "Brandon",
    "Samantha",
    "Benjamin",
    "Katherine",
    "Samuel",
    "Christine",
    "Gregory",
    "Helen",
    "Alexander",
    "Debra",
    "Patrick",
    "Rachel",
    "Frank",
    "Carolyn",
    "Raymond",
    "Janet",
    "Jack",
    "Maria",
    "Dennis",
    "Olivia",
    "Jerry",
    "Heather",
    "Tyler",
    "Diane",
];
const FAMILY_HEAD: &[&str] = &[
    "Ab", "Bar", "Cal", "Dor", "El", "Fen", "Gar", "Hal", "Ing", "Jor", "Kow", "Lind", "Mar",
    "Nor", "Ok", "Pem", "Quin", "Ros", "Sal", "Thor", "Ul", "Val", "Wes", "Yor", "Zan", "Ash",
    "Bren", "Cor", "Dun", "Fair", "Gold", "Hart", "Kel", "Mac", "O'Bri", "Smith-", "Van", "Whit",
    "Mil", "Had",
];
const FAMILY_TAIL: &[&str] = &[
    "ernathy", "rett", "lahan", "sey", "lison", "wick", "ner", "stead", "ram", "dan", "alski",
    "gren", "tin", "ton", "onkwo", "berton", "lan", "sen", "vador", "ley", "rich", "ence", "son",
    "ke", "der", "ford", "stein", "ley", "can", "banks", "berg", "well", "ly", "Kay", "en",
    "Jones", "Dyke", "aker", "ler", "dad",
];
const DOC_TYPES: &[&str] = &[
    "progress_note",
    "lab_report",
    "discharge_summary",
    "radiology_report",
    "referral_letter",
    "consent_form",
    "medication_list",
    "intake_form",
    "other",
];
const PROVIDERS: &[&str] = &[
    "Leah D Okonkwo",
    "Helen Marchetti",
    "Fiona A Abernathy",
    "Dmitri Pemberton",
    "Hannah L Thornton",
    "Caroline Hargrove",
    "Gordon Lindgren",
    "Yvonne Albright",
    "Omar Kaufman",
    "Naomi Reyes",
];
/// Words every page draws from (common), and rarer clinical terms.
const COMMON: &[&str] = &[
    "patient",
    "history",
    "reports",
    "denies",
    "pain",
    "blood",
    "pressure",
    "normal",
    "exam",
    "follow",
    "up",
    "weeks",
    "plan",
    "continue",
    "medication",
    "daily",
    "tablet",
    "mg",
    "left",
    "right",
    "chest",
    "abdomen",
    "soft",
    "non",
    "tender",
    "heart",
    "regular",
    "rate",
    "rhythm",
    "lungs",
    "clear",
    "bilaterally",
    "no",
    "acute",
    "distress",
    "alert",
    "oriented",
    "times",
    "three",
    "assessment",
    "stable",
    "improved",
    "return",
    "clinic",
    "if",
    "symptoms",
    "worsen",
    "labs",
    "reviewed",
    "within",
    "limits",
    "the",
    "and",
    "of",
    "with",
    "was",
    "for",
    "is",
    "on",
    "to",
];
const RARE: &[&str] = &[
    "metformin",
    "lisinopril",
    "atorvastatin",
    "warfarin",
    "amoxicillin",
    "levothyroxine",
    "cholecystectomy",
    "appendicitis",
    "pneumothorax",
    "cellulitis",
    "hyperlipidemia",
    "osteoarthritis",
    "thrombocytopenia",
    "pyelonephritis",
    "sarcoidosis",
];

fn family(rng: &mut Rng) -> String {
    format!("{}{}", rng.pick(FAMILY_HEAD), rng.pick(FAMILY_TAIL))
}

fn date(rng: &mut Rng, from_year: i64, years: i64) -> (String, String) {
    let y = from_year + rng.below(years as u64) as i64;
    let m = 1 + rng.below(12);
    let d = 1 + rng.below(28);
    (
        format!("{y:04}-{m:02}-{d:02}"),
        format!("{m:02}/{d:02}/{y:04}"),
    )
}

fn fill(db: &PathBuf, pages: u64, patients: u64) -> anyhow::Result<()> {
    let _ = std::fs::remove_file(db);
    let _ = std::fs::remove_file(db.with_extension("db-wal"));
    let _ = std::fs::remove_file(db.with_extension("db-shm"));
    let store = Store::open(db)?;
    let c = store.conn();
    c.execute_batch("PRAGMA synchronous = OFF; PRAGMA cache_size = -262144;")?;
    let t0 = Instant::now();
    let mut rng = Rng(0x9E3779B97F4A7C15);

    c.execute_batch("BEGIN")?;
    {
        let mut st = c.prepare("INSERT INTO patients (id, mrn, name, given, family, dob, sex, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, '2026-01-01T00:00:00Z')")?;
        for id in 1..=patients {
            let given = rng.pick(GIVEN).to_string();
            let fam = family(&mut rng);
            let initial = (b'A' + rng.below(26) as u8) as char;
            let name = format!("{given} {initial} {fam}");
            let (dob, _) = date(&mut rng, 1930, 90);
            let sex = ["F", "M", "F", "M", "U"][rng.below(5) as usize];
            let mrn = format!("{:08}", 10_000_000 + id * 7 + rng.below(7));
            st.execute(params![
                id as i64,
                mrn,
                name,
                format!("{given} {initial}"),
                fam,
                dob,
                sex
            ])?;
        }
    }
    c.execute_batch("COMMIT")?;
    eprintln!(
        "bench: {patients} patients in {:.1} s",
        t0.elapsed().as_secs_f64()
    );

    // Files of 1-3 pages, one document each, linked to a random patient.
    let mut page_total = 0u64;
    let mut file_id = 0i64;
    let mut text = String::with_capacity(1024);
    c.execute_batch("BEGIN")?;
    let mut st_file = c.prepare(
        "INSERT INTO files (id, root, path, size, mtime_ns, blake3, sha1, format, page_count, status, ingested_at)
         VALUES (?1, '/archive', ?2, ?3, 0, NULL, ?4, ?5, ?6, 'ingested', '2026-01-01T00:00:00Z')",
    )?;
    let mut st_page = c.prepare(
        "INSERT INTO pages (file_id, page_no, status, text_source, mean_conf, word_count, text, width, height, dpi)
         VALUES (?1, ?2, 'ok', 'ocr', ?3, ?4, ?5, 2550, 3300, 300)",
    )?;
    let mut st_doc = c.prepare(
        "INSERT INTO documents (id, file_id, first_page, last_page, doc_type, doc_type_confidence, patient_id, link_method, needs_review, review_reasons, extracted_at)
         VALUES (?1, ?1, 1, ?2, ?3, 0.9, ?4, 'mrn', ?5, ?6, '2026-01-01T00:00:00Z')",
    )?;
    let mut st_field = c.prepare(
        "INSERT INTO fields (document_id, name, value, normalized, confidence, page_no, x, y, w, h) VALUES (?1, ?2, ?3, ?4, ?5, 1, 100, 200, 400, 40)",
    )?;
    let mut st_pat = c.prepare_cached("SELECT mrn, name, dob, sex FROM patients WHERE id = ?1")?;
    while page_total < pages {
        file_id += 1;
        let n = (1 + rng.below(3)).min(pages - page_total);
        let pid = 1 + rng.below(patients) as i64;
        let (mrn, name, dob, sex): (String, String, String, String) = st_pat
            .query_row(params![pid], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?;
        let doc_type = rng.pick(DOC_TYPES);
        let format = ["tiff", "pdf", "png", "jpeg"][rng.below(4) as usize];
        let path = format!(
            "box-{:04}/folder-{:03}/scan-{file_id:07}.{format}",
            file_id / 10_000,
            (file_id / 100) % 1000
        );
        let sha: [u8; 20] = std::array::from_fn(|_| rng.below(256) as u8);
        use base64::Engine;
        let sha = base64::engine::general_purpose::STANDARD.encode(sha);
        st_file.execute(params![
            file_id,
            path,
            20_000 + rng.below(400_000) as i64,
            sha,
            format,
            n as i64
        ])?;
        let (enc_iso, enc_us) = date(&mut rng, 2000, 26);
        let provider = rng.pick(PROVIDERS);
        for page_no in 1..=n {
            text.clear();
            text.push_str(&format!(
                "{} Patient: {name} MRN: {mrn} DOB: {dob} Date of service: {enc_us} Provider: Dr. {provider}\n",
                doc_type.replace('_', " ").to_uppercase()
            ));
            let words = 40 + rng.below(60);
            for _ in 0..words {
                let w = if rng.chance(0.01) {
                    rng.pick(RARE)
                } else {
                    rng.pick(COMMON)
                };
                text.push_str(w);
                text.push(' ');
            }
            st_page.execute(params![
                file_id,
                page_no as i64,
                70.0 + rng.below(30) as f64,
                words as i64 + 12,
                text
            ])?;
        }
        let needs_review = rng.chance(0.1);
        st_doc.execute(params![
            file_id,
            n as i64,
            doc_type,
            pid,
            needs_review,
            if needs_review {
                "[\"low_confidence:mrn\"]"
            } else {
                "[]"
            }
        ])?;
        let (_, dob_us) = {
            let p: Vec<&str> = dob.split('-').collect();
            ((), format!("{}/{}/{}", p[1], p[2], p[0]))
        };
        for (fname, value, norm) in [
            ("patient_name", name.as_str(), name.as_str()),
            ("date_of_birth", dob_us.as_str(), dob.as_str()),
            ("mrn", mrn.as_str(), mrn.as_str()),
            ("sex", sex.as_str(), sex.as_str()),
            ("encounter_date", enc_us.as_str(), enc_iso.as_str()),
            ("provider", provider, provider),
        ] {
            st_field.execute(params![
                file_id,
                fname,
                value,
                norm,
                0.8 + rng.below(20) as f64 / 100.0
            ])?;
        }
        page_total += n;
        if file_id % 20_000 == 0 {
            c.execute_batch("COMMIT; BEGIN")?;
            eprintln!(
                "bench: {page_total} pages, {file_id} documents, {:.0} s",
                t0.elapsed().as_secs_f64()
            );
        }
    }
    drop((st_file, st_page, st_doc, st_field, st_pat));
    c.execute_batch("COMMIT")?;
    eprintln!("bench: optimizing the full-text index and analyzing");
    c.execute_batch("INSERT INTO pages_fts(pages_fts) VALUES ('optimize'); ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);")?;
    eprintln!(
        "bench: filled {page_total} pages, {file_id} documents, {patients} patients in {:.0} s",
        t0.elapsed().as_secs_f64()
    );
    Ok(())
}

fn median_ms(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// CPU time of this process (user + system), ms: unlike wall time, not inflated when other
/// work shares the cores.
fn cpu_ms() -> f64 {
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut u) };
    let t = |tv: libc::timeval| tv.tv_sec as f64 * 1000.0 + tv.tv_usec as f64 / 1000.0;
    t(u.ru_utime) + t(u.ru_stime)
}

/// Times `f`: (wall ms, CPU ms, result).
fn time<T>(f: impl FnOnce() -> T) -> ((f64, f64), T) {
    let c = cpu_ms();
    let t = Instant::now();
    let r = f();
    ((t.elapsed().as_secs_f64() * 1000.0, cpu_ms() - c), r)
}

/// Misspells a name the way a typist or OCR would: one letter doubled or dropped late in the word.
fn slip(s: &str, rng: &mut Rng) -> String {
    let mut c: Vec<char> = s.chars().collect();
    if c.len() > 5 {
        let i = 3 + rng.below(c.len() as u64 - 4) as usize;
        if rng.chance(0.5) {
            c.remove(i);
        } else {
            c.insert(i, c[i]);
        }
    }
    c.into_iter().collect()
}

fn query(db: &std::path::Path, runs: usize) -> anyhow::Result<()> {
    let store = Store::open_existing(db)?;
    let c = store.conn();
    let (patients, pages, docs): (i64, i64, i64) = c.query_row(
        "SELECT (SELECT max(id) FROM patients), (SELECT count(*) FROM pages), (SELECT count(*) FROM documents)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let mut rng = Rng(42);
    let random_patient = |rng: &mut Rng| -> anyhow::Result<(i64, String, String, String)> {
        let id = 1 + rng.below(patients as u64) as i64;
        Ok(c.query_row(
            "SELECT id, mrn, given, family FROM patients WHERE id = ?1",
            params![id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?)
    };
    let mut load = [0f64; 3];
    unsafe { libc::getloadavg(load.as_mut_ptr(), 3) };
    println!(
        "database: {pages} pages, {docs} documents, {patients} patients; median of {runs} runs (warm cache); load average {:.1}",
        load[0]
    );
    let mut results = serde_json::Map::new();
    let mut report = |label: &str, key: &str, v: Vec<(f64, f64)>, extra: String| {
        let wall: Vec<f64> = v.iter().map(|x| x.0).collect();
        let cpu: Vec<f64> = v.iter().map(|x| x.1).collect();
        let (m, c) = (median_ms(wall.clone()), median_ms(cpu));
        let max = wall.iter().cloned().fold(0.0, f64::max);
        println!("{label:<46} median {m:>8.2} ms (CPU {c:>8.2} ms)  max {max:>8.2} ms  {extra}");
        results.insert(
            key.into(),
            serde_json::json!({"median_ms": m, "median_cpu_ms": c, "max_ms": max}),
        );
    };
    // MRN lookup: search --mrn (documents of the patient with that MRN), as the CLI runs it.
    let mut t = Vec::new();
    let mut found = 0;
    for _ in 0..runs {
        let (_, mrn, _, _) = random_patient(&mut rng)?;
        let (ms, r) = time(|| {
            search::search(
                &store,
                &SearchQuery {
                    mrn: Some(mrn),
                    limit: 20,
                    ..Default::default()
                },
            )
        });
        found += r?.hits.len();
        t.push(ms);
    }
    report(
        "MRN lookup (search --mrn)",
        "mrn_lookup",
        t,
        format!("{:.1} hits/query", found as f64 / runs as f64),
    );

    // Name search with a slip in the family name.
    let mut t = Vec::new();
    let mut found = 0;
    for _ in 0..runs {
        let (_, _, given, family) = random_patient(&mut rng)?;
        let q = format!(
            "{} {}",
            given.split_whitespace().next().unwrap_or(""),
            slip(&family, &mut rng)
        );
        let (ms, r) = time(|| {
            search::search(
                &store,
                &SearchQuery {
                    name: Some(q),
                    limit: 20,
                    ..Default::default()
                },
            )
        });
        found += r?.name_matches.len();
        t.push(ms);
    }
    report(
        "name search, misspelt (search --name)",
        "name_search",
        t,
        format!("{:.1} patients/query", found as f64 / runs as f64),
    );

    // Name search whose first letter is wrong: prefix candidates miss, every patient is scanned.
    let mut t = Vec::new();
    for _ in 0..runs.min(10) {
        let (_, _, given, family) = random_patient(&mut rng)?;
        let q = format!(
            "{} Q{}",
            given.split_whitespace().next().unwrap_or(""),
            &family[1..]
        );
        let (ms, r) = time(|| {
            search::search(
                &store,
                &SearchQuery {
                    name: Some(q),
                    limit: 20,
                    ..Default::default()
                },
            )
        });
        r?;
        t.push(ms);
    }
    report(
        "name search, first letter wrong (full scan)",
        "name_search_full_scan",
        t,
        String::new(),
    );

    // Full text: a rare clinical term (about 1% of words are rare terms, 15 of them).
    for (label, key, terms) in [
        ("FTS query, clinical term (search WORD)", "fts_rare", RARE),
        (
            "FTS query, two terms (search WORD WORD)",
            "fts_two",
            &[
                "metformin lisinopril",
                "warfarin cellulitis",
                "sarcoidosis pain",
            ][..],
        ),
        (
            "FTS query, word on every page ('patient')",
            "fts_common",
            &["patient"][..],
        ),
    ] {
        let mut t = Vec::new();
        for i in 0..runs.min(if key == "fts_common" { 5 } else { runs }) {
            let q = terms[i % terms.len()].to_string();
            let (ms, r) = time(|| {
                search::search(
                    &store,
                    &SearchQuery {
                        text: Some(q),
                        limit: 20,
                        ..Default::default()
                    },
                )
            });
            r?;
            t.push(ms);
        }
        report(label, key, t, String::new());
    }
    // FTS combined with a field filter.
    let mut t = Vec::new();
    for i in 0..runs.min(11) {
        let q = RARE[i % RARE.len()].to_string();
        let (ms, r) = time(|| {
            search::search(
                &store,
                &SearchQuery {
                    text: Some(q),
                    doc_type: Some("lab_report".into()),
                    from: chrono::NaiveDate::from_ymd_opt(2020, 1, 1),
                    to: chrono::NaiveDate::from_ymd_opt(2021, 12, 31),
                    limit: 20,
                    ..Default::default()
                },
            )
        });
        r?;
        t.push(ms);
    }
    report(
        "FTS + --type + --from/--to",
        "fts_filtered",
        t,
        String::new(),
    );

    // Timeline.
    let mut t = Vec::new();
    let mut n = 0;
    for _ in 0..runs {
        let (id, _, _, _) = random_patient(&mut rng)?;
        let (ms, r) = time(|| search::timeline(&store, id));
        n += r?.documents.len();
        t.push(ms);
    }
    report(
        "patient timeline (patient --id)",
        "timeline",
        t,
        format!("{:.1} documents/patient", n as f64 / runs as f64),
    );
    println!("{}", serde_json::to_string(&results)?);
    Ok(())
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let get = |k: &str| {
        args.iter()
            .position(|a| a == k)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let db = PathBuf::from(get("--db").unwrap_or_else(|| "/tmp/chartscan-bench/archive.db".into()));
    match args.first().map(String::as_str) {
        Some("fill") => fill(
            &db,
            get("--pages")
                .map(|s| s.parse())
                .transpose()?
                .unwrap_or(1_000_000),
            get("--patients")
                .map(|s| s.parse())
                .transpose()?
                .unwrap_or(100_000),
        ),
        Some("plan") => {
            // EXPLAIN QUERY PLAN (and timing) of SQL on stdin, with the bundled SQLite.
            let mut sql = String::new();
            std::io::Read::read_to_string(&mut std::io::stdin(), &mut sql)?;
            let store = Store::open_existing(&db)?;
            if let Ok(p) = std::env::var("BENCH_PRAGMAS") {
                store.conn().execute_batch(&p)?;
            }
            let mut st = store.conn().prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
            let mut rows = st.query([])?;
            while let Some(r) = rows.next()? {
                println!(
                    "{} {} {}",
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(3)?
                );
            }
            let ((wall, cpu), n) = time(|| -> anyhow::Result<usize> {
                let mut st = store.conn().prepare(&sql)?;
                let mut rows = st.query([])?;
                let mut n = 0;
                while rows.next()?.is_some() {
                    n += 1;
                }
                Ok(n)
            });
            println!("{} rows in {wall:.1} ms (CPU {cpu:.1} ms)", n?);
            Ok(())
        }
        Some("query") => query(
            &db,
            get("--runs").map(|s| s.parse()).transpose()?.unwrap_or(51),
        ),
        _ => {
            eprintln!("usage: archive fill --db FILE --pages N --patients M | archive query --db FILE [--runs R]");
            Ok(())
        }
    }
}
