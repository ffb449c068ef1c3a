//! Access control of the review server: the shared token, sessions, CSRF and Origin checks.
//!
//! - Every request needs the token: `Authorization: Bearer T`, or the session cookie that a
//!   first `GET ...?token=T` sets (HttpOnly, SameSite=Strict; the token is then removed from
//!   the address by a redirect so it does not linger in history).
//! - State-changing requests (POST) from a session must carry that session's CSRF token in the
//!   form, and are refused when the browser says they come from another site (Origin,
//!   Sec-Fetch-Site). Bearer requests need no CSRF token: browsers never attach that header on
//!   their own.

use super::App;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

/// A browser session: its CSRF token and the reviewer name given in the page.
#[derive(Debug, Clone)]
pub struct Session {
    pub csrf: String,
    pub reviewer: Option<String>,
    pub last_used: Instant,
}

/// Who is asking, put into the request's extensions by [`require_token`].
#[derive(Debug, Clone)]
pub struct Caller {
    /// Session id, None for Bearer requests.
    pub sid: Option<String>,
    pub csrf: Option<String>,
    pub reviewer: Option<String>,
}

impl Caller {
    /// Whether a submitted form's CSRF token is acceptable for this caller.
    pub fn csrf_ok(&self, submitted: Option<&str>) -> bool {
        match (&self.sid, &self.csrf) {
            (None, _) => true, // Bearer
            (Some(_), Some(expected)) => {
                submitted.is_some_and(|s| ct_eq(s.as_bytes(), expected.as_bytes()))
            }
            _ => false,
        }
    }
}

const MAX_SESSIONS: usize = 1000;
/// A session unused this long is forgotten: the reviewer opens the address with the token again.
const SESSION_IDLE: std::time::Duration = std::time::Duration::from_secs(12 * 3600);

/// `n` random bytes from the OS as lowercase hex.
pub fn random_hex(n: usize) -> String {
    let mut b = vec![0u8; n];
    getrandom::fill(&mut b).expect("the operating system's random source failed");
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// Constant-time comparison (no early exit on the first differing byte).
pub fn ct_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn cookie_value<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

fn unauthorized() -> Response {
    (
        StatusCode::UNAUTHORIZED,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8"), (header::WWW_AUTHENTICATE, "Bearer")],
        "chartscan review: a token is required. Open the address printed when the server started (it ends in ?token=...).\n",
    )
        .into_response()
}

fn forbidden(why: &'static str) -> Response {
    (
        StatusCode::FORBIDDEN,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        why,
    )
        .into_response()
}

/// The query string without its `token` parameter.
fn strip_token(query: &str) -> String {
    query
        .split('&')
        .filter(|kv| !kv.is_empty() && !kv.starts_with("token="))
        .collect::<Vec<_>>()
        .join("&")
}

/// Middleware: token / session check, Origin check on state-changing requests, security headers.
pub async fn require_token(State(app): State<Arc<App>>, mut req: Request, next: Next) -> Response {
    let headers = req.headers();
    let mut caller: Option<Caller> = None;

    if let Some(auth) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
    {
        match auth.strip_prefix("Bearer ") {
            Some(t) if ct_eq(t.trim().as_bytes(), app.token.as_bytes()) => {
                caller = Some(Caller {
                    sid: None,
                    csrf: None,
                    reviewer: None,
                });
            }
            _ => return unauthorized(),
        }
    }
    if caller.is_none() {
        if let Some(sid) = cookie_value(headers, &app.cookie_name) {
            let mut sessions = app.sessions.lock().unwrap();
            if sessions
                .get(sid)
                .is_some_and(|s| s.last_used.elapsed() > SESSION_IDLE)
            {
                sessions.remove(sid);
            }
            if let Some(s) = sessions.get_mut(sid) {
                s.last_used = Instant::now();
                caller = Some(Caller {
                    sid: Some(sid.to_string()),
                    csrf: Some(s.csrf.clone()),
                    reviewer: s.reviewer.clone(),
                });
            }
        }
    }
    if caller.is_none() {
        // First visit with ?token=: start a session and drop the token from the address.
        let query = req.uri().query().unwrap_or("");
        let given = query.split('&').find_map(|kv| kv.strip_prefix("token="));
        match given {
            Some(t) if req.method() == Method::GET && ct_eq(t.as_bytes(), app.token.as_bytes()) => {
                let sid = random_hex(32);
                {
                    let mut sessions = app.sessions.lock().unwrap();
                    if sessions.len() >= MAX_SESSIONS {
                        if let Some(oldest) = sessions
                            .iter()
                            .min_by_key(|(_, s)| s.last_used)
                            .map(|(k, _)| k.clone())
                        {
                            sessions.remove(&oldest);
                        }
                    }
                    sessions.insert(
                        sid.clone(),
                        Session {
                            csrf: random_hex(32),
                            reviewer: None,
                            last_used: Instant::now(),
                        },
                    );
                }
                let rest = strip_token(query);
                let location = if rest.is_empty() {
                    req.uri().path().to_string()
                } else {
                    format!("{}?{rest}", req.uri().path())
                };
                let cookie = format!(
                    "{}={sid}; HttpOnly; SameSite=Strict; Path=/",
                    app.cookie_name
                );
                let mut resp =
                    (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response();
                if let Ok(v) = HeaderValue::from_str(&cookie) {
                    resp.headers_mut().insert(header::SET_COOKIE, v);
                }
                security_headers(resp.headers_mut());
                return resp;
            }
            _ => return unauthorized(),
        }
    }
    let caller = caller.expect("set above");

    if req.method() != Method::GET && req.method() != Method::HEAD {
        let headers = req.headers();
        if headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) == Some("cross-site") {
            return forbidden("cross-site request refused\n");
        }
        if let Some(origin) = headers.get(header::ORIGIN) {
            let host = headers
                .get(header::HOST)
                .and_then(|h| h.to_str().ok())
                .unwrap_or("");
            let ok = origin
                .to_str()
                .map(|o| o == format!("http://{host}"))
                .unwrap_or(false);
            if !ok {
                return forbidden("request from another origin refused\n");
            }
        }
    }
    req.extensions_mut().insert(caller);
    let mut resp = next.run(req).await;
    security_headers(resp.headers_mut());
    resp
}

fn security_headers(h: &mut HeaderMap) {
    let set = |h: &mut HeaderMap, k: &'static str, v: &'static str| {
        h.insert(k, HeaderValue::from_static(v));
    };
    set(
        h,
        "content-security-policy",
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    );
    set(h, "x-content-type-options", "nosniff");
    // Not no-referrer: with it browsers send `Origin: null` on same-origin form posts.
    set(h, "referrer-policy", "same-origin");
    set(h, "x-frame-options", "DENY");
    if !h.contains_key(header::CACHE_CONTROL) {
        set(h, "cache-control", "no-store");
    }
}

/// Session table shared by the handlers.
pub type Sessions = std::sync::Mutex<HashMap<String, Session>>;
