//! End-to-end test of the review workstation in a real browser: Debian's headless chromium
//! driven through chromedriver (WebDriver) with fantoccini.
//!
//! Opens the queue with the token, opens a flagged document, focuses its date of birth with the
//! keyboard and checks the highlight box sits over the right spot of the page image, corrects
//! the value with the keyboard only, and checks the database. Writes a screenshot of the
//! document view to target/tmp/review-document.png (and to docs/review-document.png when
//! CHARTSCAN_UPDATE_DOCS=1). A second test follows the patient link of a document view to the
//! patient's timeline and back.

mod review_support;

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::{Client, ClientBuilder, Locator};
use review_support::{flagged_doc_with_dob, fresh_db, Server};
use rusqlite::{params, Connection};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

struct Driver {
    child: Child,
    port: u16,
    _profile: tempfile::TempDir,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn start_chromedriver() -> Driver {
    assert!(
        Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists(),
        "this test needs Debian's chromium and chromium-driver (scripts/setup.sh installs them)"
    );
    let port = free_port();
    let child = Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("starting chromedriver");
    // Ready when its WebDriver status says so: chromedriver accepts connections before it
    // serves them, and a session asked for in between was reset by the peer.
    let ready = || -> bool {
        use std::io::{Read, Write};
        let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", port)) else {
            return false;
        };
        let _ = s.set_read_timeout(Some(Duration::from_secs(5)));
        let request = "GET /status HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
        if s.write_all(request.as_bytes()).is_err() {
            return false;
        }
        // (Whatever arrived before the peer closed or the timeout: the status is small.)
        let mut body = Vec::new();
        let _ = s.read_to_end(&mut body);
        String::from_utf8_lossy(&body)
            .replace(' ', "")
            .contains("\"ready\":true")
    };
    let t = Instant::now();
    while !ready() {
        assert!(
            t.elapsed() < Duration::from_secs(30),
            "chromedriver did not start"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    Driver {
        child,
        port,
        _profile: tempfile::tempdir().unwrap(),
    }
}

async fn wait_until<F, Fut>(what: &str, mut f: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let t = Instant::now();
    while !f().await {
        assert!(
            t.elapsed() < Duration::from_secs(30),
            "timed out waiting for {what}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Types `keys` on the keyboard into whatever has the focus (no clicks, no refocusing).
async fn press(client: &Client, keys: &str) {
    let mut seq = KeyActions::new("keyboard".to_string());
    for c in keys.chars() {
        seq = seq
            .then(KeyAction::Down { value: c })
            .then(KeyAction::Up { value: c });
    }
    client.perform_actions(seq).await.unwrap();
}

/// A headless chromium session on the queue, entered with the token once (the session
/// cookie carries on).
async fn open_queue(driver: &Driver, server: &Server) -> Client {
    let profile = driver._profile.path().display().to_string();
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": CHROMIUM,
            "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--no-first-run", "--window-size=1400,1000", format!("--user-data-dir={profile}")]
        }),
    );
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    let client = ClientBuilder::new(connector)
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await
        .expect("connecting to chromedriver");
    client
        .goto(&server.url(&format!("/?token={}", server.token)))
        .await
        .unwrap();
    let url = client.current_url().await.unwrap();
    assert_eq!(url.path(), "/queue");
    assert!(
        url.query().is_none(),
        "the token does not stay in the address bar"
    );
    client
}

/// Clicks the link `link` and waits until the browser shows `path`.
async fn follow(client: &Client, link: Locator<'_>, path: &str) {
    client
        .find(link)
        .await
        .unwrap_or_else(|e| panic!("no link to {path}: {e}"))
        .click()
        .await
        .unwrap();
    wait_until(path, || async {
        client
            .current_url()
            .await
            .map(|u| u.path() == path)
            .unwrap_or(false)
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn review_a_field_in_a_real_browser() {
    let (_d, db) = fresh_db();
    let (doc, page) = flagged_doc_with_dob(&db);
    let (bx, by, bw, bh, pw, ph): (f64, f64, f64, f64, f64, f64) = Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT f.x, f.y, f.w, f.h, p.width, p.height FROM fields f JOIN pages p ON p.id = f.page_id
             WHERE f.document_id = ?1 AND f.name = 'date_of_birth'",
            params![doc],
            |r| Ok((r.get::<_, i64>(0)? as f64, r.get::<_, i64>(1)? as f64, r.get::<_, i64>(2)? as f64, r.get::<_, i64>(3)? as f64, r.get::<_, i64>(4)? as f64, r.get::<_, i64>(5)? as f64)),
        )
        .unwrap();
    let server = Server::start(&db, &["--reviewer", "browser-test"]);
    let driver = start_chromedriver();
    let client = open_queue(&driver, &server).await;
    let link = format!("#queue a.doclink[href='/doc/{doc}']");
    follow(&client, Locator::Css(&link), &format!("/doc/{doc}")).await;
    let img_sel = format!(".pagebox[data-page='{page}'] img");
    wait_until("the page image", || async {
        client
            .execute(&format!("const i = document.querySelector(\"{img_sel}\"); return !!i && i.complete && i.naturalWidth > 0;"), vec![])
            .await
            .map(|v| v == serde_json::json!(true))
            .unwrap_or(false)
    })
    .await;

    // Move the focus to the date of birth with j/k only.
    for _ in 0..10 {
        let id = client
            .active_element()
            .await
            .unwrap()
            .attr("id")
            .await
            .unwrap()
            .unwrap_or_default();
        if id == "field-date_of_birth" {
            break;
        }
        let order: Vec<String> = {
            let mut v = Vec::new();
            for e in client.find_all(Locator::Css("li.field")).await.unwrap() {
                v.push(e.attr("id").await.unwrap().unwrap_or_default());
            }
            v
        };
        let here = order.iter().position(|x| *x == id).unwrap_or(0);
        let target = order
            .iter()
            .position(|x| x == "field-date_of_birth")
            .unwrap();
        let key = if here < target { "j" } else { "k" };
        press(&client, key).await;
    }
    let active = client.active_element().await.unwrap();
    assert_eq!(
        active.attr("id").await.unwrap().as_deref(),
        Some("field-date_of_birth")
    );

    // The highlight is visible and sits over the field's box on the page image.
    let hl = client
        .find(Locator::Css(&format!(".pagebox[data-page='{page}'] .hl")))
        .await
        .unwrap();
    assert!(hl.is_displayed().await.unwrap(), "highlight visible");
    let img = client.find(Locator::Css(&img_sel)).await.unwrap();
    let (ix, iy, iw, ih) = img.rectangle().await.unwrap();
    let (hx, hy, hw, hh) = hl.rectangle().await.unwrap();
    let sx = iw / pw;
    let sy = ih / ph;
    let tol = 4.0 + 0.01 * iw;
    assert!(
        (hx - (ix + bx * sx)).abs() < tol,
        "left {hx} vs {}",
        ix + bx * sx
    );
    assert!(
        (hy - (iy + by * sy)).abs() < tol,
        "top {hy} vs {}",
        iy + by * sy
    );
    assert!(
        (hw - bw * sx).abs() < 2.0 * tol,
        "width {hw} vs {}",
        bw * sx
    );
    assert!(
        (hh - bh * sy).abs() < 2.0 * tol,
        "height {hh} vs {}",
        bh * sy
    );
    assert!(
        hx >= ix - tol && hy >= iy - tol && hx + hw <= ix + iw + tol && hy + hh <= iy + ih + tol,
        "inside the image"
    );

    let shot = client.screenshot().await.unwrap();
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("review-document.png");
    std::fs::write(&out, &shot).unwrap();
    if std::env::var_os("CHARTSCAN_UPDATE_DOCS").is_some() {
        std::fs::write(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/review-document.png"),
            &shot,
        )
        .unwrap();
    }

    // Keyboard only: e (edit, value selected), type, Enter (save).
    press(&client, "e").await;
    let input = client.active_element().await.unwrap();
    assert_eq!(input.attr("name").await.unwrap().as_deref(), Some("value"));
    press(&client, "03/04/1959\u{E007}").await;
    wait_until("the save", || async {
        client
            .current_url()
            .await
            .map(|u| u.query().unwrap_or("").contains("saved="))
            .unwrap_or(false)
    })
    .await;
    let notice = client
        .find(Locator::Id("notice"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(notice.contains("correct"), "{notice}");
    // After a save the next field has the focus, ready for the next keystroke.
    let next = client
        .active_element()
        .await
        .unwrap()
        .attr("id")
        .await
        .unwrap();
    assert_eq!(next.as_deref(), Some("field-mrn"));

    let c = Connection::open(&db).unwrap();
    let (action, norm, reviewer): (String, String, String) = c
        .query_row(
            "SELECT action, normalized, reviewer FROM field_reviews WHERE document_id = ?1 AND name = 'date_of_birth'",
            params![doc],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(
        (action.as_str(), norm.as_str(), reviewer.as_str()),
        ("corrected", "1959-03-04", "browser-test")
    );
    let audit: i64 = c
        .query_row("SELECT count(*) FROM audit WHERE document_id = ?1 AND field = 'date_of_birth' AND action = 'correct' AND new_value = '1959-03-04'", params![doc], |r| r.get(0))
        .unwrap();
    assert_eq!(audit, 1);
    client.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn from_a_document_to_its_patient_and_back() {
    let (_d, db) = fresh_db();
    let (doc, pid): (i64, i64) = Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT id, patient_id FROM documents WHERE patient_id IS NOT NULL ORDER BY id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("the sample has a linked document");
    let server = Server::start(&db, &["--reviewer", "browser-test"]);
    let driver = start_chromedriver();
    let client = open_queue(&driver, &server).await;
    client
        .goto(&server.url(&format!("/doc/{doc}")))
        .await
        .unwrap();
    follow(
        &client,
        Locator::Id("patient-link"),
        &format!("/patients/{pid}"),
    )
    .await;
    let back = format!("#timeline a.tl-doc[href='/doc/{doc}']");
    follow(&client, Locator::Css(&back), &format!("/doc/{doc}")).await;
    client.close().await.unwrap();
}
