//! link: documents → patients. Plain data in, plain data out.
//!
//! Rules: same MRN with compatible DOB and name → same patient; no MRN → exact DOB and a
//! close name (Jaro-Winkler via `strsim`, middle initial optional) → same patient, but only
//! when exactly one patient fits; same name with a different DOB or MRN → different
//! patients, always; never on name alone. Same MRN with different DOBs is flagged
//! `conflict:mrn_dob`, never resolved silently: on every document involved, or, when several
//! documents agree on one birth date, on the odd ones only (likewise for names). Documents
//! are visited in a fixed order (by source path), so the result does not depend on the
//! order documents were ingested in.

use crate::extract::names::similarity;
use std::collections::BTreeMap;

/// Minimum name similarity for "the same person" (with exact DOB or same MRN).
pub const NAME_MATCH: f64 = 0.92;

#[derive(Debug, Clone, Default)]
pub struct LinkDoc {
    pub doc_id: i64,
    /// Sort key: source path and first page.
    pub key: String,
    pub name: Option<String>,
    pub dob: Option<String>,
    pub mrn: Option<String>,
    pub sex: Option<String>,
    /// The MRN was read at or above the review threshold.
    pub mrn_sure: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Patient {
    pub mrn: Option<String>,
    pub name: Option<String>,
    pub dob: Option<String>,
    pub sex: Option<String>,
    /// Document ids, in key order.
    pub docs: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DocLink {
    /// Index into `Linkage::patients`.
    pub patient: Option<usize>,
    /// mrn | dob_name | new | none
    pub method: &'static str,
    pub flags: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Linkage {
    pub patients: Vec<Patient>,
    pub docs: BTreeMap<i64, DocLink>,
}

fn names_compatible(a: &Option<String>, b: &Option<String>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => similarity(a, b) >= NAME_MATCH,
        _ => true,
    }
}

/// Groups documents into patients.
pub fn link(docs: &[LinkDoc]) -> Linkage {
    let mut order: Vec<&LinkDoc> = docs.iter().collect();
    order.sort_by(|a, b| a.key.cmp(&b.key).then(a.doc_id.cmp(&b.doc_id)));
    let mut out = Linkage::default();
    // Clusters under construction: (mrn, dob, names seen, member docs).
    struct Cl<'a> {
        mrn: Option<String>,
        dob: Option<String>,
        members: Vec<&'a LinkDoc>,
    }
    let mut clusters: Vec<Cl> = Vec::new();
    let set = |out: &mut Linkage,
               d: &LinkDoc,
               patient: Option<usize>,
               method: &'static str,
               flag: Option<String>| {
        let e = out.docs.entry(d.doc_id).or_insert(DocLink {
            patient,
            method,
            flags: vec![],
        });
        e.patient = patient;
        e.method = method;
        if let Some(f) = flag {
            if !e.flags.contains(&f) {
                e.flags.push(f);
            }
        }
    };

    // 1. By MRN.
    let mut by_mrn: BTreeMap<&str, Vec<&LinkDoc>> = BTreeMap::new();
    for d in &order {
        if let Some(m) = d.mrn.as_deref() {
            by_mrn.entry(m).or_default().push(d);
        }
    }
    // Clusters of one MRN split because their names disagree, flagged once all are known.
    let mut name_splits: Vec<Vec<usize>> = Vec::new();
    for (mrn, group) in by_mrn {
        let dobs: std::collections::BTreeSet<&str> =
            group.iter().filter_map(|d| d.dob.as_deref()).collect();
        let conflict = dobs.len() > 1;
        // A birth date printed alike on several documents, against one-off readings: the
        // odd ones carry the conflict (an OCR slip, or a record filed under the wrong MRN).
        let agreed = outvoted(group.iter().filter_map(|d| d.dob.as_deref()));
        for d in &group {
            if conflict && (agreed.is_none() || d.dob.as_deref() != agreed) {
                set(&mut out, d, None, "none", Some("conflict:mrn_dob".into()));
            }
            if conflict && d.dob.is_none() {
                set(&mut out, d, None, "none", Some("unlinked".into()));
                continue;
            }
            // Join the cluster with this MRN (and DOB when in conflict) whose names agree.
            let found = clusters.iter().position(|c| {
                c.mrn.as_deref() == Some(mrn)
                    && (!conflict || c.dob == d.dob)
                    && c.members.iter().all(|m| names_compatible(&m.name, &d.name))
            });
            let idx = match found {
                Some(i) => i,
                None => {
                    // Same MRN, different person's name: do not merge.
                    let same_mrn: Vec<usize> = (0..clusters.len())
                        .filter(|&i| clusters[i].mrn.as_deref() == Some(mrn))
                        .collect();
                    clusters.push(Cl {
                        mrn: Some(mrn.to_string()),
                        dob: None,
                        members: vec![],
                    });
                    if !same_mrn.is_empty() {
                        name_splits.push([same_mrn, vec![clusters.len() - 1]].concat());
                    }
                    clusters.len() - 1
                }
            };
            let c = &mut clusters[idx];
            if c.dob.is_none() {
                c.dob = d.dob.clone();
            }
            c.members.push(d);
            set(&mut out, d, Some(idx), "mrn", None);
        }
    }

    // A name printed alike on several documents of the MRN, against one-off readings: the
    // odd ones are flagged. Without such a majority, every document of the MRN is.
    for split in &name_splits {
        let size = |i: &usize| clusters[*i].members.len();
        let agreed = outvoted(split.iter().flat_map(|i| std::iter::repeat_n(*i, size(i))));
        for &i in split.iter().filter(|i| Some(**i) != agreed) {
            for m in &clusters[i].members {
                let p = out.docs.get(&m.doc_id).and_then(|x| x.patient);
                set(&mut out, m, p, "mrn", Some("conflict:mrn_name".into()));
            }
        }
    }

    // 1b. The same name and DOB under two MRNs: one MRN misread by OCR (a wrong digit keeps
    // the syntax valid), or one person with two records. Either way a person must look; the
    // records stay apart. Compared within a DOB only, so the cost stays linear in practice.
    let mut by_dob: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, c) in clusters.iter().enumerate() {
        if let (Some(_), Some(dob)) = (&c.mrn, c.dob.as_deref()) {
            by_dob.entry(dob).or_default().push(i);
        }
    }
    let mut twins: Vec<&LinkDoc> = Vec::new();
    for group in by_dob.values() {
        for (x, &i) in group.iter().enumerate() {
            for &j in &group[x + 1..] {
                let (a, b) = (&clusters[i], &clusters[j]);
                let close = a.members.iter().any(|m| {
                    b.members.iter().any(|n| match (&m.name, &n.name) {
                        (Some(p), Some(q)) => similarity(p, q) >= NAME_MATCH,
                        _ => false,
                    })
                });
                if !close || a.mrn == b.mrn {
                    continue;
                }
                // An MRN one keystroke away from the MRN several documents agree on is that
                // MRN misread: only its documents need a look. Two MRNs unlike each other
                // may be one person registered twice: all of them do.
                let slip = match (&a.mrn, &b.mrn) {
                    (Some(p), Some(q)) => strsim::levenshtein(p, q) <= 1,
                    _ => false,
                };
                // As many documents on each side: an MRN read surely against one read
                // doubtfully is the doubtful one misread (on 40 generated sets, 9 of 9 such
                // pairs), and the doubtful one's documents are flagged anyway.
                let (na, nb) = (a.members.len(), b.members.len());
                let sure = |c: &Cl| c.members.iter().all(|m| m.mrn_sure);
                let doubtful = |c: &Cl| c.members.iter().all(|m| !m.mrn_sure);
                if slip && na >= 2 && na > nb {
                    twins.extend(b.members.iter().copied());
                } else if slip && nb >= 2 && nb > na {
                    twins.extend(a.members.iter().copied());
                } else if slip && na == nb && sure(a) && doubtful(b) {
                    twins.extend(b.members.iter().copied());
                } else if slip && na == nb && sure(b) && doubtful(a) {
                    twins.extend(a.members.iter().copied());
                } else {
                    twins.extend(a.members.iter().chain(b.members.iter()).copied());
                }
            }
        }
    }
    for d in twins {
        let p = out.docs.get(&d.doc_id).and_then(|x| x.patient);
        set(&mut out, d, p, "mrn", Some("conflict:mrn_name_dob".into()));
    }

    // 2. No MRN: exact DOB and a close name, with exactly one patient fitting.
    for d in order.iter().filter(|d| d.mrn.is_none()) {
        let (Some(dob), Some(name)) = (d.dob.as_deref(), d.name.as_deref()) else {
            set(&mut out, d, None, "none", Some("unlinked".into()));
            continue;
        };
        let fits: Vec<usize> = clusters
            .iter()
            .enumerate()
            .filter(|(_, c)| {
                c.dob.as_deref() == Some(dob)
                    && c.members.iter().any(|m| {
                        m.name
                            .as_deref()
                            .is_some_and(|n| similarity(n, name) >= NAME_MATCH)
                    })
                    && c.members.iter().all(|m| names_compatible(&m.name, &d.name))
            })
            .map(|(i, _)| i)
            .collect();
        match fits.len() {
            0 => {
                clusters.push(Cl {
                    mrn: None,
                    dob: Some(dob.to_string()),
                    members: vec![d],
                });
                set(&mut out, d, Some(clusters.len() - 1), "new", None);
            }
            1 => {
                clusters[fits[0]].members.push(d);
                set(&mut out, d, Some(fits[0]), "dob_name", None);
            }
            _ => set(&mut out, d, None, "none", Some("ambiguous_link".into())),
        }
    }

    // Patients in a fixed order: by their first document's key.
    let mut idx: Vec<usize> = (0..clusters.len())
        .filter(|&i| !clusters[i].members.is_empty())
        .collect();
    idx.sort_by(|&a, &b| clusters[a].members[0].key.cmp(&clusters[b].members[0].key));
    let mut remap = vec![None; clusters.len()];
    for (new, &old) in idx.iter().enumerate() {
        remap[old] = Some(new);
        let c = &clusters[old];
        let first =
            |f: fn(&LinkDoc) -> &Option<String>| c.members.iter().find_map(|m| f(m).clone());
        out.patients.push(Patient {
            mrn: c.mrn.clone(),
            name: first(|m| &m.name),
            dob: c.dob.clone(),
            sex: first(|m| &m.sex),
            docs: c.members.iter().map(|m| m.doc_id).collect(),
        });
    }
    for l in out.docs.values_mut() {
        l.patient = l.patient.and_then(|p| remap[p]);
        if l.patient.is_none() && !l.flags.iter().any(|f| f == "unlinked") {
            l.flags.push("unlinked".into());
        }
    }
    // A document's patient must list it (conflict flags may have been set on members).
    for (pi, p) in out.patients.iter().enumerate() {
        for d in &p.docs {
            if let Some(l) = out.docs.get_mut(d) {
                l.patient = Some(pi);
            }
        }
    }
    out
}

/// The value that occurs at least twice and more often than any other, if there is one.
fn outvoted<T: Ord + Copy>(values: impl Iterator<Item = T>) -> Option<T> {
    let mut counts: BTreeMap<T, usize> = BTreeMap::new();
    for v in values {
        *counts.entry(v).or_default() += 1;
    }
    let mut ranked: Vec<(usize, T)> = counts.into_iter().map(|(v, n)| (n, v)).collect();
    ranked.sort_by_key(|r| std::cmp::Reverse(r.0));
    match ranked.as_slice() {
        [(n, v), rest @ ..] if *n >= 2 && rest.first().is_none_or(|r| r.0 < *n) => Some(*v),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(id: i64, name: Option<&str>, dob: Option<&str>, mrn: Option<&str>) -> LinkDoc {
        LinkDoc {
            doc_id: id,
            key: format!("f{id:03}"),
            name: name.map(Into::into),
            dob: dob.map(Into::into),
            mrn: mrn.map(Into::into),
            sex: None,
            mrn_sure: false,
        }
    }
    fn same(l: &Linkage, a: i64, b: i64) -> bool {
        l.docs[&a].patient.is_some() && l.docs[&a].patient == l.docs[&b].patient
    }

    #[test]
    fn same_mrn_same_patient() {
        let l = link(&[
            d(1, Some("Jane Q Doe"), Some("1962-03-14"), Some("00123")),
            d(2, Some("Jane Doe"), None, Some("00123")),
        ]);
        assert!(same(&l, 1, 2));
        assert_eq!(l.patients.len(), 1);
        assert!(l.docs[&1].flags.is_empty());
    }

    #[test]
    fn same_name_different_dob_are_different_patients() {
        let l = link(&[
            d(1, Some("Kenneth Miller"), Some("1978-10-22"), None),
            d(2, Some("Kenneth Miller"), Some("2005-01-18"), None),
        ]);
        assert!(!same(&l, 1, 2));
        let l = link(&[
            d(
                1,
                Some("Kenneth Miller"),
                Some("1978-10-22"),
                Some("111111"),
            ),
            d(
                2,
                Some("Kenneth Miller"),
                Some("1978-10-22"),
                Some("222222"),
            ),
        ]);
        assert!(
            !same(&l, 1, 2),
            "different MRNs are different patients even with the same name and DOB"
        );
    }

    #[test]
    fn never_merge_on_name_alone() {
        let l = link(&[
            d(1, Some("Jane Doe"), None, None),
            d(2, Some("Jane Doe"), None, None),
        ]);
        assert!(!same(&l, 1, 2));
        assert!(l.docs[&1].flags.contains(&"unlinked".to_string()));
        assert!(l.docs[&1].patient.is_none());
    }

    #[test]
    fn dob_and_close_name_links_without_mrn() {
        let l = link(&[
            d(
                1,
                Some("Jacob N Kowalski"),
                Some("1994-04-22"),
                Some("00053829"),
            ),
            d(2, Some("Jacob Kowalski"), Some("1994-04-22"), None),
        ]);
        assert!(same(&l, 1, 2));
        assert_eq!(l.docs[&2].method, "dob_name");
    }

    #[test]
    fn ambiguous_no_mrn_document_is_flagged_not_guessed() {
        let l = link(&[
            d(1, Some("Jane Doe"), Some("1962-03-14"), Some("111111")),
            d(2, Some("Jane Doe"), Some("1962-03-14"), Some("222222")),
            d(3, Some("Jane Doe"), Some("1962-03-14"), None),
        ]);
        assert!(l.docs[&3].patient.is_none());
        assert!(l.docs[&3].flags.contains(&"ambiguous_link".to_string()));
    }

    #[test]
    fn same_name_and_dob_under_two_mrns_is_flagged_not_merged() {
        // A misread first digit (5 → 9) makes a valid-looking second MRN.
        let l = link(&[
            d(1, Some("Jane Q Doe"), Some("1962-03-14"), Some("50482913")),
            d(2, Some("Jane Doe"), Some("1962-03-14"), Some("90482913")),
            d(3, Some("Mark Roe"), Some("1962-03-14"), Some("70000001")),
        ]);
        assert!(!same(&l, 1, 2));
        for id in [1, 2] {
            assert!(l.docs[&id]
                .flags
                .contains(&"conflict:mrn_name_dob".to_string()));
            assert!(l.docs[&id].patient.is_some());
        }
        assert!(
            l.docs[&3].flags.is_empty(),
            "a different person sharing the DOB is left alone"
        );
    }

    #[test]
    fn mrn_dob_conflict_is_flagged_on_both() {
        let l = link(&[
            d(1, Some("Jane Doe"), Some("1962-03-14"), Some("00123")),
            d(2, Some("Jane Doe"), Some("1963-03-14"), Some("00123")),
        ]);
        assert!(l.docs[&1].flags.contains(&"conflict:mrn_dob".to_string()));
        assert!(l.docs[&2].flags.contains(&"conflict:mrn_dob".to_string()));
        assert!(!same(&l, 1, 2));
    }

    #[test]
    fn a_conflict_outvoted_by_agreeing_documents_flags_only_the_odd_one() {
        let has = |l: &Linkage, id: i64, f: &str| l.docs[&id].flags.iter().any(|x| x == f);
        // Three documents agree on the birth date, one reads 1997 for 1992.
        let l = link(&[
            d(
                1,
                Some("Gwendolyn De La Cruz"),
                Some("1992-07-29"),
                Some("302283495"),
            ),
            d(
                2,
                Some("Gwendolyn M De La Cruz"),
                Some("1992-07-29"),
                Some("302283495"),
            ),
            d(
                3,
                Some("Gwendolyn M De La Cruz"),
                Some("1997-07-29"),
                Some("302283495"),
            ),
        ]);
        assert!(has(&l, 3, "conflict:mrn_dob"));
        assert!(!has(&l, 1, "conflict:mrn_dob") && !has(&l, 2, "conflict:mrn_dob"));
        assert!(same(&l, 1, 2) && !same(&l, 1, 3));
        // One against one: nothing says which is right.
        let l = link(&[
            d(1, Some("Jane Doe"), Some("1962-03-14"), Some("00123")),
            d(2, Some("Jane Doe"), Some("1963-03-14"), Some("00123")),
            d(3, Some("Jane Doe"), None, Some("00123")),
        ]);
        assert!(has(&l, 1, "conflict:mrn_dob") && has(&l, 2, "conflict:mrn_dob"));
        // An MRN with one extra digit beside an MRN two documents share.
        let l = link(&[
            d(
                1,
                Some("Quentin Whitlock"),
                Some("2010-06-28"),
                Some("00495650"),
            ),
            d(
                2,
                Some("Quentin G Whitlock"),
                Some("2010-06-28"),
                Some("00495650"),
            ),
            d(
                3,
                Some("Quentin G Whitlock"),
                Some("2010-06-28"),
                Some("004956500"),
            ),
        ]);
        assert!(has(&l, 3, "conflict:mrn_name_dob"));
        assert!(!has(&l, 1, "conflict:mrn_name_dob") && !has(&l, 2, "conflict:mrn_name_dob"));
        assert!(!same(&l, 1, 3), "never merged");
        // Two unlike MRNs: perhaps one person registered twice; all are looked at.
        let l = link(&[
            d(
                1,
                Some("Quentin Whitlock"),
                Some("2010-06-28"),
                Some("00495650"),
            ),
            d(
                2,
                Some("Quentin G Whitlock"),
                Some("2010-06-28"),
                Some("00495650"),
            ),
            d(
                3,
                Some("Quentin G Whitlock"),
                Some("2010-06-28"),
                Some("71830042"),
            ),
        ]);
        assert!((1..=3).all(|id| has(&l, id, "conflict:mrn_name_dob")));
        // One document each, one keystroke apart: the MRN read doubtfully is the one
        // misread; read as surely (or as doubtfully) as each other, both are looked at.
        let pair = |sure1: bool, sure2: bool| {
            let mut a = d(1, Some("Jun Kay"), Some("1994-03-06"), Some("00853037"));
            let mut b = d(2, Some("Jun Kay"), Some("1994-03-06"), Some("0085303"));
            a.mrn_sure = sure1;
            b.mrn_sure = sure2;
            let l = link(&[a, b]);
            assert!(!same(&l, 1, 2), "never merged");
            (
                has(&l, 1, "conflict:mrn_name_dob"),
                has(&l, 2, "conflict:mrn_name_dob"),
            )
        };
        assert_eq!(pair(true, false), (false, true));
        assert_eq!(pair(false, true), (true, false));
        assert_eq!(pair(true, true), (true, true));
        assert_eq!(pair(false, false), (true, true));
        // A name unlike the one two documents of the MRN agree on.
        let l = link(&[
            d(
                1,
                Some("Imogen A O'Malley"),
                Some("1950-01-02"),
                Some("5551234"),
            ),
            d(
                2,
                Some("Imogen O'Malley"),
                Some("1950-01-02"),
                Some("5551234"),
            ),
            d(3, Some("Acan An"), Some("1950-01-02"), Some("5551234")),
        ]);
        assert!(has(&l, 3, "conflict:mrn_name"));
        assert!(!has(&l, 1, "conflict:mrn_name") && !has(&l, 2, "conflict:mrn_name"));
        assert!(same(&l, 1, 2) && !same(&l, 1, 3));
        // One against one: both.
        let l = link(&[
            d(
                1,
                Some("Imogen A O'Malley"),
                Some("1950-01-02"),
                Some("5551234"),
            ),
            d(3, Some("Acan An"), Some("1950-01-02"), Some("5551234")),
        ]);
        assert!(has(&l, 1, "conflict:mrn_name") && has(&l, 3, "conflict:mrn_name"));
    }

    #[test]
    fn order_does_not_matter() {
        let a = vec![
            d(1, Some("Jane Doe"), Some("1962-03-14"), None),
            d(2, Some("Jane Doe"), Some("1962-03-14"), Some("555")),
            d(3, Some("Jane Doe"), Some("1962-03-14"), None),
        ];
        let mut b = a.clone();
        b.reverse();
        let (la, lb) = (link(&a), link(&b));
        assert_eq!(la.docs, lb.docs);
        assert_eq!(la.patients, lb.patients);
    }
}
