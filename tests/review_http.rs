//! HTTP-level tests of `chartscan review` against the real binary on a really ingested sample.

mod review_support;

use review_support::{flagged_doc_with_dob, fresh_db, Server, BIN};
use rusqlite::{params, Connection};
use std::process::Command;

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .max_redirects(0)
        .max_redirects_will_error(false)
        .http_status_as_error(false)
        .build()
        .into()
}

/// A browser-like client: a session cookie from `?token=`, and the page's CSRF token.
struct Browser {
    agent: ureq::Agent,
    cookie: String,
}

impl Browser {
    fn login(s: &Server) -> Browser {
        let agent = agent();
        let r = agent
            .get(&s.url(&format!("/queue?token={}", s.token)))
            .call()
            .unwrap();
        assert_eq!(r.status(), 303);
        let set = r
            .headers()
            .get("set-cookie")
            .expect("a session cookie")
            .to_str()
            .unwrap()
            .to_string();
        assert!(
            set.contains("HttpOnly") && set.contains("SameSite=Strict"),
            "{set}"
        );
        assert_eq!(
            r.headers().get("location").unwrap().to_str().unwrap(),
            "/queue",
            "token removed from the address"
        );
        let cookie = set.split(';').next().unwrap().to_string();
        Browser { agent, cookie }
    }

    fn get(&self, s: &Server, path: &str) -> (u16, String) {
        let mut r = self
            .agent
            .get(&s.url(path))
            .header("Cookie", &self.cookie)
            .call()
            .unwrap();
        (
            r.status().as_u16(),
            r.body_mut().read_to_string().unwrap_or_default(),
        )
    }

    fn post(&self, s: &Server, path: &str, form: &[(&str, &str)]) -> (u16, String, Option<String>) {
        let mut r = self
            .agent
            .post(&s.url(path))
            .header("Cookie", &self.cookie)
            .header("Origin", &s.base)
            .send_form(form.iter().copied())
            .unwrap();
        let loc = r
            .headers()
            .get("location")
            .map(|l| l.to_str().unwrap().to_string());
        (
            r.status().as_u16(),
            r.body_mut().read_to_string().unwrap_or_default(),
            loc,
        )
    }
}

impl Browser {
    /// A review action on document `doc`: `form` after the CSRF token and the version.
    fn act(
        &self,
        s: &Server,
        doc: i64,
        csrf: &str,
        version: &str,
        form: &[(&str, &str)],
    ) -> (u16, String, Option<String>) {
        let mut all = vec![("csrf", csrf), ("version", version)];
        all.extend_from_slice(form);
        self.post(s, &format!("/doc/{doc}"), &all)
    }

    /// Corrects `field` of document `doc` to `value`.
    fn correct(
        &self,
        s: &Server,
        doc: i64,
        csrf: &str,
        version: &str,
        field: &str,
        value: &str,
    ) -> (u16, String, Option<String>) {
        let form = [("op", "correct"), ("field", field), ("value", value)];
        self.act(s, doc, csrf, version, &form)
    }
}

/// `name="csrf" value="..."` and the document version from a document page.
fn form_tokens(html: &str) -> (String, String) {
    let grab = |name: &str| {
        let pat = format!("name=\"{name}\" value=\"");
        let i = html
            .find(&pat)
            .unwrap_or_else(|| panic!("no {name} in page"))
            + pat.len();
        html[i..].split('"').next().unwrap().to_string()
    };
    (grab("csrf"), grab("version"))
}

fn db(path: &std::path::Path) -> Connection {
    Connection::open(path).unwrap()
}

/// The document's current version, as a form field.
fn version_of(c: &Connection, doc: i64) -> String {
    c.query_row(
        "SELECT version FROM documents WHERE id = ?1",
        params![doc],
        |r| r.get::<_, i64>(0),
    )
    .unwrap()
    .to_string()
}

/// The first column of every row of `sql`.
fn column<T: rusqlite::types::FromSql>(
    c: &Connection,
    sql: &str,
    args: impl rusqlite::Params,
) -> Vec<T> {
    c.prepare(sql)
        .unwrap()
        .query_map(args, |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// The part of `html` from the element with this id to the end of its table row.
fn row<'a>(html: &'a str, id: &str) -> &'a str {
    let i = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no #{id} in page"));
    let rest = &html[i..];
    &rest[..rest.find("</tr>").unwrap_or(rest.len())]
}

#[test]
fn every_request_needs_the_token() {
    let (_d, path) = fresh_db();
    let s = Server::start(&path, &["--reviewer", "tester"]);
    let a = agent();
    for p in [
        "/",
        "/queue",
        "/doc/1",
        "/patients/1",
        "/page/1/image",
        "/static/review.js",
    ] {
        let r = a.get(&s.url(p)).call().unwrap();
        assert_eq!(r.status(), 401, "{p} without a token");
    }
    assert_eq!(
        a.get(&s.url("/queue?token=wrong")).call().unwrap().status(),
        401
    );
    assert_eq!(
        a.get(&s.url("/queue"))
            .header("Authorization", "Bearer wrong")
            .call()
            .unwrap()
            .status(),
        401
    );
    assert_eq!(
        a.get(&s.url("/queue"))
            .header("Cookie", "chartscan_review_1=forged")
            .call()
            .unwrap()
            .status(),
        401
    );
    let r = a
        .post(&s.url("/doc/1"))
        .send_form([("op", "accept_document"), ("version", "1")])
        .unwrap();
    assert_eq!(r.status(), 401);
    let r = a
        .get(&s.url("/queue"))
        .header("Authorization", &format!("Bearer {}", s.token))
        .call()
        .unwrap();
    assert_eq!(r.status(), 200);
    let csp = r
        .headers()
        .get("content-security-policy")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(csp.contains("script-src 'self'"));
    let b = Browser::login(&s);
    assert_eq!(b.get(&s, "/queue").0, 200);
}

#[test]
fn queue_lists_the_flagged_documents_oldest_first_with_filters() {
    let (_d, path) = fresh_db();
    let c = db(&path);
    let flagged: Vec<i64> = column(
        &c,
        "SELECT id FROM documents WHERE needs_review = 1 ORDER BY coalesce(extracted_at, ''), id",
        [],
    );
    let unflagged: Vec<i64> = column(&c, "SELECT id FROM documents WHERE needs_review = 0", []);
    assert!(!flagged.is_empty(), "the sample has flagged documents");
    let s = Server::start(&path, &["--reviewer", "tester"]);
    let b = Browser::login(&s);
    let (st, html) = b.get(&s, "/queue");
    assert_eq!(st, 200);
    assert!(
        html.contains(&format!("{} document", flagged.len())),
        "count shown"
    );
    let positions: Vec<usize> = flagged
        .iter()
        .map(|id| {
            html.find(&format!("class=\"doclink\" href=\"/doc/{id}\""))
                .unwrap_or_else(|| panic!("doc {id} listed"))
        })
        .collect();
    let mut sorted = positions.clone();
    sorted.sort();
    assert_eq!(positions, sorted, "oldest first");
    for id in unflagged {
        assert!(
            !html.contains(&format!("href=\"/doc/{id}\"")),
            "doc {id} is not flagged"
        );
    }
    // Filter by a reason that exists, and by folder prefix.
    let reason: String = c
        .query_row("SELECT j.value FROM documents d, json_each(d.review_reasons) j WHERE d.needs_review = 1 LIMIT 1", [], |r| r.get(0))
        .unwrap();
    let with_reason: i64 = c
        .query_row(
            "SELECT count(*) FROM documents d WHERE needs_review = 1 AND EXISTS (SELECT 1 FROM json_each(d.review_reasons) j WHERE j.value = ?1)",
            params![reason],
            |r| r.get(0),
        )
        .unwrap();
    let (_, html) = b.get(&s, &format!("/queue?reason={}", reason.replace(':', "%3A")));
    assert_eq!(
        html.matches("class=\"doclink\"").count() as i64,
        with_reason
    );
    let (_, html) = b.get(&s, "/queue?prefix=box-999");
    assert_eq!(html.matches("class=\"doclink\"").count(), 0);
    assert!(html.contains("Nothing to review"));
}

#[test]
fn a_correction_is_stored_beside_the_original_and_audited() {
    let (_d, path) = fresh_db();
    let (doc, _) = flagged_doc_with_dob(&path);
    let c = db(&path);
    let (orig_value, orig_norm): (Option<String>, Option<String>) = c
        .query_row("SELECT value, normalized FROM fields WHERE document_id = ?1 AND name = 'date_of_birth'", params![doc], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    let s = Server::start(&path, &["--reviewer", "tester"]);
    let b = Browser::login(&s);
    let (st, html) = b.get(&s, &format!("/doc/{doc}"));
    assert_eq!(st, 200);
    assert!(html.contains("src=\"/page/"), "page image shown");
    let (csrf, version) = form_tokens(&html);

    // Not a real date: refused, nothing written.
    let (st, body, _) = b.correct(&s, doc, &csrf, &version, "date_of_birth", "02/30/1961");
    assert_eq!(st, 422);
    assert!(body.contains("not a real date"), "validation message shown");
    let n: i64 = c
        .query_row(
            "SELECT count(*) FROM field_reviews WHERE document_id = ?1",
            params![doc],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 0);

    let (st, _, loc) = b.correct(&s, doc, &csrf, &version, "date_of_birth", "2/3/1961");
    assert_eq!(st, 303, "saved and redirected");
    assert!(loc.unwrap().starts_with(&format!("/doc/{doc}?field=")));

    let (action, value, norm, reviewer): (String, String, String, String) = c
        .query_row(
            "SELECT action, value, normalized, reviewer FROM field_reviews WHERE document_id = ?1 AND name = 'date_of_birth'",
            params![doc],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(
        (
            action.as_str(),
            value.as_str(),
            norm.as_str(),
            reviewer.as_str()
        ),
        ("corrected", "2/3/1961", "1961-02-03", "tester")
    );
    // The original is untouched; the effective value is the reviewer's.
    let now: (Option<String>, Option<String>) = c
        .query_row("SELECT value, normalized FROM fields WHERE document_id = ?1 AND name = 'date_of_birth'", params![doc], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert_eq!(now, (orig_value.clone(), orig_norm));
    let eff: String = c
        .query_row("SELECT normalized FROM effective_fields WHERE document_id = ?1 AND name = 'date_of_birth'", params![doc], |r| r.get(0))
        .unwrap();
    assert_eq!(eff, "1961-02-03");
    let (reviewer, field, action, old, new, at): (String, String, String, Option<String>, Option<String>, String) = c
        .query_row(
            "SELECT reviewer, field, action, old_value, new_value, at FROM audit WHERE document_id = ?1 ORDER BY id DESC LIMIT 1",
            params![doc],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
        )
        .unwrap();
    assert_eq!(
        (reviewer.as_str(), field.as_str(), action.as_str()),
        ("tester", "date_of_birth", "correct")
    );
    assert_eq!(old, orig_value);
    assert_eq!(new.as_deref(), Some("1961-02-03"));
    assert!(at.starts_with("20"));
    let v: i64 = c
        .query_row(
            "SELECT version FROM documents WHERE id = ?1",
            params![doc],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(v, version.parse::<i64>().unwrap() + 1);
    // The page shows the decision.
    let (_, html) = b.get(&s, &format!("/doc/{doc}"));
    assert!(html.contains("1961-02-03"));
}

#[test]
fn a_stale_save_is_refused_not_overwritten() {
    let (_d, path) = fresh_db();
    let (doc, _) = flagged_doc_with_dob(&path);
    let s = Server::start(&path, &["--reviewer", "tester"]);
    let alice = Browser::login(&s);
    let bob = Browser::login(&s);
    let (_, html_a) = alice.get(&s, &format!("/doc/{doc}"));
    let (_, html_b) = bob.get(&s, &format!("/doc/{doc}"));
    let (csrf_a, v) = form_tokens(&html_a);
    let (csrf_b, v_b) = form_tokens(&html_b);
    assert_eq!(v, v_b);
    let (st, _, _) = alice.correct(&s, doc, &csrf_a, &v, "date_of_birth", "1961-02-03");
    assert_eq!(st, 303);
    // Bob saves against the version he loaded: refused with a clear message.
    let (st, body, _) = bob.correct(&s, doc, &csrf_b, &v_b, "date_of_birth", "1970-01-01");
    assert_eq!(st, 409);
    assert!(body.contains("changed by someone else"), "{body}");
    assert!(body.contains("not saved"));
    let c = db(&path);
    let norm: String = c
        .query_row("SELECT normalized FROM field_reviews WHERE document_id = ?1 AND name = 'date_of_birth'", params![doc], |r| r.get(0))
        .unwrap();
    assert_eq!(norm, "1961-02-03", "Alice's correction kept");
    let audits: i64 = c
        .query_row(
            "SELECT count(*) FROM audit WHERE document_id = ?1",
            params![doc],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(audits, 1);
}

#[test]
fn page_text_and_values_render_as_text_not_markup() {
    let (_d, path) = fresh_db();
    let (doc, page) = flagged_doc_with_dob(&path);
    let c = db(&path);
    c.execute(
        "UPDATE pages SET text = '<script>alert(1)</script> \"quoted\" & more' WHERE id = ?1",
        params![page],
    )
    .unwrap();
    c.execute("UPDATE fields SET value = '<img src=x onerror=alert(2)>' WHERE document_id = ?1 AND name = 'patient_name'", params![doc]).unwrap();
    let s = Server::start(&path, &["--reviewer", "<b>rev</b>"]);
    let b = Browser::login(&s);
    let (st, html) = b.get(&s, &format!("/doc/{doc}"));
    assert_eq!(st, 200);
    // minijinja also escapes '/' (as &#x2f;).
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;"),
        "page text escaped"
    );
    assert!(!html.contains("<script>alert(1)"));
    assert!(!html.contains("<img src=x"));
    assert!(html.contains("&lt;img src=x onerror=alert(2)&gt;"));
    assert!(!html.contains("<b>rev</b>"));
}

#[test]
fn images_only_by_existing_page_id() {
    let (_d, path) = fresh_db();
    let (_, page) = flagged_doc_with_dob(&path);
    let s = Server::start(&path, &["--reviewer", "tester"]);
    let b = Browser::login(&s);
    let mut r = b
        .agent
        .get(&s.url(&format!("/page/{page}/image")))
        .header("Cookie", &b.cookie)
        .call()
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers().get("content-type").unwrap(), "image/png");
    let png = r
        .body_mut()
        .with_config()
        .limit(50 << 20)
        .read_to_vec()
        .unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    for p in [
        "/page/999999/image",
        "/page/0/image",
        "/page/-1/image",
        "/page/abc/image",
        "/page/..%2F..%2Fetc%2Fpasswd/image",
        "/page/../../etc/passwd",
        "/page/%2e%2e/%2e%2e/etc/passwd",
        "/page/1%20OR%201=1/image",
        "/static/../Cargo.toml",
    ] {
        let mut r = b
            .agent
            .get(&s.url(p))
            .header("Cookie", &b.cookie)
            .call()
            .unwrap();
        let body = r.body_mut().read_to_string().unwrap_or_default();
        assert!(
            r.status() == 404 || r.status() == 400,
            "{p}: {}",
            r.status()
        );
        assert!(
            !body.contains("root:") && !body.contains("[package]"),
            "{p}"
        );
    }
}

#[test]
fn posts_need_the_session_csrf_token_and_same_origin() {
    let (_d, path) = fresh_db();
    let (doc, _) = flagged_doc_with_dob(&path);
    let s = Server::start(&path, &["--reviewer", "tester"]);
    let b = Browser::login(&s);
    let other = Browser::login(&s);
    let (_, html) = b.get(&s, &format!("/doc/{doc}"));
    let (csrf, version) = form_tokens(&html);
    let (_, html2) = other.get(&s, &format!("/doc/{doc}"));
    let (other_csrf, _) = form_tokens(&html2);
    assert_ne!(csrf, other_csrf, "CSRF tokens are per session");
    // No CSRF token.
    let (st, _, _) = b.post(
        &s,
        &format!("/doc/{doc}"),
        &[("version", &version), ("op", "absent"), ("field", "mrn")],
    );
    assert_eq!(st, 403);
    // Another session's token.
    let (st, _, _) = b.act(
        &s,
        doc,
        &other_csrf,
        &version,
        &[("op", "absent"), ("field", "mrn")],
    );
    assert_eq!(st, 403);
    // Right token, but sent from another site.
    for (header, value) in [
        ("Origin", "http://evil.example"),
        ("Sec-Fetch-Site", "cross-site"),
    ] {
        let r = b
            .agent
            .post(&s.url(&format!("/doc/{doc}")))
            .header("Cookie", &b.cookie)
            .header(header, value)
            .send_form([
                ("csrf", csrf.as_str()),
                ("version", version.as_str()),
                ("op", "absent"),
                ("field", "mrn"),
            ])
            .unwrap();
        assert_eq!(r.status(), 403, "{header}: {value}");
    }
    let c = db(&path);
    let n: i64 = c
        .query_row("SELECT count(*) FROM audit", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 0, "nothing was done");
    // With the token, same origin: done.
    let (st, _, _) = b.act(
        &s,
        doc,
        &csrf,
        &version,
        &[("op", "absent"), ("field", "mrn")],
    );
    assert_eq!(st, 303);
}

#[test]
fn accept_document_needs_required_fields_decided_then_leaves_the_queue() {
    let (_d, path) = fresh_db();
    let (doc, _) = flagged_doc_with_dob(&path);
    let s = Server::start(&path, &["--reviewer", "tester"]);
    let b = Browser::login(&s);
    let c = db(&path);
    let (_, html) = b.get(&s, &format!("/doc/{doc}"));
    let (csrf, _) = form_tokens(&html);
    let open: Vec<String> = {
        let reasons: String = c
            .query_row(
                "SELECT review_reasons FROM documents WHERE id = ?1",
                params![doc],
                |r| r.get(0),
            )
            .unwrap();
        let reasons: Vec<String> = serde_json::from_str(&reasons).unwrap();
        ["patient_name", "date_of_birth", "mrn"]
            .iter()
            .filter(|n| {
                let has: bool = c
                    .query_row("SELECT EXISTS (SELECT 1 FROM fields WHERE document_id = ?1 AND name = ?2 AND value IS NOT NULL)", params![doc, n], |r| r.get(0))
                    .unwrap();
                !has || reasons.iter().any(|r| r.split(':').any(|p| p == **n))
            })
            .map(|s| s.to_string())
            .collect()
    };
    if !open.is_empty() {
        let (st, body, _) = b.act(
            &s,
            doc,
            &csrf,
            &version_of(&c, doc),
            &[("op", "accept_document")],
        );
        assert_eq!(st, 422, "open: {open:?}");
        assert!(body.contains("still open"));
    }
    for name in &open {
        let has: bool = c
            .query_row("SELECT EXISTS (SELECT 1 FROM fields WHERE document_id = ?1 AND name = ?2 AND value IS NOT NULL)", params![doc, name], |r| r.get(0))
            .unwrap();
        let op = if has { "accept" } else { "absent" };
        let (st, body, _) = b.act(
            &s,
            doc,
            &csrf,
            &version_of(&c, doc),
            &[("op", op), ("field", name)],
        );
        assert_eq!(st, 303, "{op} {name}: {body}");
    }
    let (st, _, loc) = b.act(
        &s,
        doc,
        &csrf,
        &version_of(&c, doc),
        &[("op", "accept_document")],
    );
    assert_eq!(st, 303);
    assert!(
        !loc.unwrap().contains(&format!("/doc/{doc}?")),
        "moves on to the next document"
    );
    let (needs, by): (i64, String) = c
        .query_row(
            "SELECT needs_review, reviewed_by FROM documents WHERE id = ?1",
            params![doc],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((needs, by.as_str()), (0, "tester"));
    let actions: Vec<String> = column(
        &c,
        "SELECT action FROM audit WHERE document_id = ?1 ORDER BY id",
        params![doc],
    );
    assert_eq!(actions.last().map(String::as_str), Some("accept_document"));
    assert_eq!(actions.len(), open.len() + 1);
    let (_, html) = b.get(&s, "/queue");
    assert!(!html.contains(&format!("class=\"doclink\" href=\"/doc/{doc}\"")));

    // Scripts see the same: list excludes it, stats count the reviewer.
    let out = Command::new(BIN)
        .args(["review", "list", "--json", "--db"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success());
    let list: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(list.iter().all(|d| d["id"].as_i64() != Some(doc)));
    let queued: i64 = c
        .query_row(
            "SELECT count(*) FROM documents WHERE needs_review = 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(list.len() as i64, queued);
    let out = Command::new(BIN)
        .args(["review", "stats", "--db"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(&format!("queue: {queued} document")),
        "{text}"
    );
    assert!(
        text.contains("reviewed today: 1 document(s) accepted"),
        "{text}"
    );
    assert!(text.contains("tester:"), "{text}");
}

#[test]
fn doc_type_patient_link_and_unreadable_page_are_audited() {
    let (_d, path) = fresh_db();
    let (doc, page) = flagged_doc_with_dob(&path);
    let s = Server::start(&path, &["--reviewer", "tester"]);
    let b = Browser::login(&s);
    let c = db(&path);
    let (_, html) = b.get(&s, &format!("/doc/{doc}"));
    let (csrf, _) = form_tokens(&html);
    // The status of an action on the document as it is now.
    let status = |form: &[(&str, &str)]| b.act(&s, doc, &csrf, &version_of(&c, doc), form).0;
    assert_eq!(
        status(&[("op", "doc_type"), ("doc_type", "lab_report")]),
        303
    );
    assert_eq!(status(&[("op", "link"), ("patient_id", "new")]), 303);
    let pid: i64 = c
        .query_row(
            "SELECT patient_id FROM documents WHERE id = ?1",
            params![doc],
            |r| r.get(0),
        )
        .unwrap();
    let name: Option<String> = c
        .query_row(
            "SELECT name FROM patients WHERE id = ?1",
            params![pid],
            |r| r.get(0),
        )
        .unwrap();
    // The search box finds the new patient by a part of the name.
    if let Some(name) = &name {
        let part = name.split_whitespace().last().unwrap();
        let (_, html) = b.get(&s, &format!("/doc/{doc}?pq={part}"));
        assert!(
            html.contains(&format!("name=\"patient_id\" value=\"{pid}\"")),
            "search lists patient {pid}"
        );
    }
    assert_eq!(status(&[("op", "link"), ("patient_id", "987654")]), 422);
    assert_eq!(
        status(&[
            ("op", "unreadable"),
            ("page_id", &page.to_string()),
            ("unreadable", "1")
        ]),
        303
    );
    assert_eq!(
        status(&[
            ("op", "unreadable"),
            ("page_id", "999999"),
            ("unreadable", "1")
        ]),
        422
    );
    let (t, manual, unreadable): (String, i64, i64) = c
        .query_row(
            "SELECT d.reviewed_doc_type, d.patient_manual, p.marked_unreadable FROM documents d, pages p WHERE d.id = ?1 AND p.id = ?2",
            params![doc, page],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!((t.as_str(), manual, unreadable), ("lab_report", 1, 1));
    let actions: Vec<String> = column(
        &c,
        "SELECT action FROM audit WHERE document_id = ?1 ORDER BY id",
        params![doc],
    );
    assert_eq!(actions, ["set_doc_type", "new_patient", "page_unreadable"]);
}

#[test]
fn refuses_a_non_loopback_address_without_a_token() {
    let (_d, path) = fresh_db();
    let out = Command::new(BIN)
        .args(["review", "--listen", "0.0.0.0:0", "--db"])
        .arg(&path)
        .env_remove("CHARTSCAN_REVIEW_TOKEN")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("without --token"));
}

#[test]
fn field_values_never_reach_the_log() {
    let (dir, path) = fresh_db();
    let (doc, _) = flagged_doc_with_dob(&path);
    let log = dir.path().join("server.log");
    // -v: info level, more than the default; values must stay out of it all the same.
    let s = Server::start_with_stderr(
        &path,
        &["-v", "--reviewer", "tester"],
        std::fs::File::create(&log).unwrap().into(),
    );
    let b = Browser::login(&s);
    let (_, html) = b.get(&s, &format!("/doc/{doc}"));
    let (csrf, version) = form_tokens(&html);
    let (st, _, _) = b.correct(&s, doc, &csrf, &version, "date_of_birth", "1937-07-19");
    assert_eq!(st, 303);
    let (st, _, _) = b.correct(
        &s,
        doc,
        &csrf,
        &version,
        "patient_name",
        "Zebulon Quartermaine",
    );
    assert_eq!(st, 409);
    let next = (version.parse::<i64>().unwrap() + 1).to_string();
    let (st, _, _) = b.correct(&s, doc, &csrf, &next, "mrn", "Xylophone99!");
    assert_eq!(st, 422);
    drop(s);
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(
        text.contains("review action saved"),
        "the action is logged: {text}"
    );
    for v in ["1937", "Zebulon", "Quartermaine", "Xylophone"] {
        assert!(!text.contains(v), "value {v} in the log: {text}");
    }
}

#[test]
fn without_reviewer_flag_each_reviewer_gives_a_name_in_the_page() {
    let (_d, path) = fresh_db();
    let (doc, _) = flagged_doc_with_dob(&path);
    let s = Server::start(&path, &[]);
    let b = Browser::login(&s);
    let (_, html) = b.get(&s, &format!("/doc/{doc}"));
    assert!(html.contains("Enter your name"));
    let (csrf, version) = form_tokens(&html);
    let p = format!("/doc/{doc}");
    let (st, body, _) = b.act(
        &s,
        doc,
        &csrf,
        &version,
        &[("op", "absent"), ("field", "sex")],
    );
    assert_eq!(st, 422);
    assert!(body.contains("reviewer name"));
    let (st, _, loc) = b.post(
        &s,
        "/reviewer",
        &[("csrf", &csrf), ("name", "Sam Reviewer"), ("back", &p)],
    );
    assert_eq!((st, loc.as_deref()), (303, Some(p.as_str())));
    let (st, _, loc) = b.post(
        &s,
        "/reviewer",
        &[
            ("csrf", &csrf),
            ("name", "Evil"),
            ("back", "//evil.example/"),
        ],
    );
    assert_eq!(
        (st, loc.as_deref()),
        (303, Some("/queue")),
        "an off-site back address falls back to the queue"
    );
    let (st, _, _) = b.post(
        &s,
        "/reviewer",
        &[("csrf", &csrf), ("name", "Sam Reviewer"), ("back", &p)],
    );
    assert_eq!(st, 303);
    let (st, _, _) = b.act(
        &s,
        doc,
        &csrf,
        &version,
        &[("op", "absent"), ("field", "sex")],
    );
    assert_eq!(st, 303);
    let who: String = db(&path)
        .query_row(
            "SELECT reviewer FROM audit WHERE document_id = ?1",
            params![doc],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(who, "Sam Reviewer");
}

#[test]
fn patient_page_shows_the_timeline_with_reviewed_values_first() {
    let (_d, path) = fresh_db();
    let c = db(&path);
    let pid: i64 = c
        .query_row(
            "SELECT patient_id FROM documents WHERE patient_id IS NOT NULL
             GROUP BY patient_id ORDER BY count(*) DESC, patient_id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("the sample has linked documents");
    let docs: Vec<i64> = column(
        &c,
        "SELECT id FROM documents WHERE patient_id = ?1 ORDER BY id",
        params![pid],
    );
    assert!(docs.len() >= 2, "patient {pid} has several documents");
    let s = Server::start(&path, &["--reviewer", "tester"]);
    let page = format!("/patients/{pid}");
    assert_eq!(agent().get(&s.url(&page)).call().unwrap().status(), 401);
    let b = Browser::login(&s);

    // A reviewer moves the last document to the front by its date and names its provider.
    let moved = *docs.last().unwrap();
    let (_, html) = b.get(&s, &format!("/doc/{moved}"));
    assert!(
        html.contains(&format!("id=\"patient-link\" href=\"{page}\"")),
        "the document view links to its patient"
    );
    let (csrf, _) = form_tokens(&html);
    let extracted_provider: Option<String> = c
        .query_row(
            "SELECT value FROM fields WHERE document_id = ?1 AND name = 'provider'",
            params![moved],
            |r| r.get(0),
        )
        .unwrap_or(None);
    for (field, value) in [
        ("encounter_date", "01/02/1901"),
        ("provider", "Zelda Q Reviewer"),
    ] {
        let v = version_of(&c, moved);
        assert_eq!(b.correct(&s, moved, &csrf, &v, field, value).0, 303);
    }
    // And accepts the date of birth of the last document stating the patient's own.
    let dob_doc: i64 = c
        .query_row(
            "SELECT e.document_id FROM effective_fields e JOIN documents d ON d.id = e.document_id
             JOIN patients p ON p.id = d.patient_id
             WHERE d.patient_id = ?1 AND e.name = 'date_of_birth' AND e.normalized = p.dob
             ORDER BY e.document_id DESC LIMIT 1",
            params![pid],
            |r| r.get(0),
        )
        .expect("a document states the patient's date of birth");
    let form = [("op", "accept"), ("field", "date_of_birth")];
    let v = version_of(&c, dob_doc);
    assert_eq!(b.act(&s, dob_doc, &csrf, &v, &form).0, 303);

    let (st, html) = b.get(&s, &page);
    assert_eq!(st, 200);
    // Documents oldest first by their effective date (reviewer's over extractor's), undated last.
    let mut want: Vec<(Option<String>, i64)> = docs
        .iter()
        .map(|&d| {
            let date: Option<String> = c
                .query_row(
                    "SELECT coalesce(normalized, value) FROM effective_fields WHERE document_id = ?1 AND name = 'encounter_date'",
                    params![d],
                    |r| r.get(0),
                )
                .unwrap_or(None);
            (date, d)
        })
        .collect();
    want.sort_by(|a, b| match (&a.0, &b.0) {
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        _ => a.cmp(b),
    });
    let want: Vec<i64> = want.into_iter().map(|(_, d)| d).collect();
    assert_eq!(want[0], moved);
    let mut shown = docs.clone();
    shown.sort_by_key(|d| html.find(&format!("id=\"tl-doc-{d}\"")).expect("listed"));
    assert_eq!(shown, want, "date order");
    let moved_row = row(&html, &format!("tl-doc-{moved}"));
    assert!(moved_row.contains("1901-01-02"), "{moved_row}");
    assert!(moved_row.contains("Zelda Q Reviewer"), "{moved_row}");
    assert!(moved_row.contains(&format!("href=\"/doc/{moved}\"")));
    if let Some(p) = extracted_provider.filter(|p| p != "Zelda Q Reviewer") {
        assert!(!moved_row.contains(&p), "extracted provider replaced");
    }
    // The date of birth comes from the reviewed document, linked to its field.
    let dob_row = row(&html, "demo-date_of_birth");
    assert!(
        dob_row.contains(&format!("href=\"/doc/{dob_doc}?field=date_of_birth\"")),
        "{dob_row}"
    );
    assert!(dob_row.contains("reviewer accepted"), "{dob_row}");

    // The queue links to the patient page too.
    let (_, html) = b.get(&s, "/queue?all=1");
    assert!(html.contains(&format!("class=\"patientlink\" href=\"{page}\"")));

    // Values are text, not markup.
    c.execute(
        "UPDATE patients SET name = '<script>alert(3)</script>' WHERE id = ?1",
        params![pid],
    )
    .unwrap();
    let (_, html) = b.get(&s, &page);
    assert!(!html.contains("<script>alert(3)"));
    assert!(html.contains("&lt;script&gt;alert(3)"));

    for p in ["/patients/987654", "/patients/abc", "/patients/-1"] {
        assert_eq!(b.get(&s, p).0, 404, "{p}");
    }
}
