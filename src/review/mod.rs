//! review: the review workstation, a local web application (`chartscan review`).
//!
//! Staff check what the extractor flagged beside the exact spot of the scan it came from, and
//! decide in a keystroke. Server-rendered HTML (minijinja, autoescaped), a few lines of
//! JavaScript for keyboard shortcuts and box highlighting, no front-end build.
//!
//! Decisions go through `store::review` (audit row, original kept, optimistic versioning);
//! access control is in [`auth`]. Field values never reach the log.

pub mod auth;
mod routes;
mod templates;
pub mod validate;

use crate::store::Store;
use anyhow::{bail, Context, Result};
use std::collections::HashMap;
use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// How to run the server.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub db: PathBuf,
    pub listen: SocketAddr,
    /// Shared secret; generated when None (only allowed on a loopback address).
    pub token: Option<String>,
    /// Reviewer name for every session (else each reviewer types theirs in the page).
    pub reviewer: Option<String>,
    /// The archive's root now, if it moved since ingest.
    pub root: Option<PathBuf>,
    pub pdfium: Option<PathBuf>,
}

/// Rendered page PNGs by (page id, width in pixels).
pub(crate) type ImageCache = HashMap<(i64, u32), Arc<Vec<u8>>>;

/// Shared state of the running server.
pub struct App {
    pub(crate) store: Mutex<Store>,
    /// A second connection for page images, so a slow PDF render never holds up the forms.
    pub(crate) image_store: Mutex<Store>,
    pub(crate) token: String,
    pub(crate) cookie_name: String,
    pub(crate) sessions: auth::Sessions,
    pub(crate) reviewer: Option<String>,
    pub(crate) root: Option<PathBuf>,
    pub(crate) pdfium: Option<PathBuf>,
    pub(crate) env: minijinja::Environment<'static>,
    /// Rendered PNGs by (page id, width); small, cleared when full.
    pub(crate) images: Mutex<ImageCache>,
}

/// Checks the options, binds, prints the address (and the token when generated) on stdout,
/// and serves until Ctrl-C.
pub fn serve(opts: ServeOptions) -> Result<()> {
    if !opts.listen.ip().is_loopback() && opts.token.is_none() {
        bail!(
            "refusing to listen on {} (not a loopback address) without --token: anyone on the network could read the charts",
            opts.listen
        );
    }
    if let Some(t) = &opts.token {
        if t.len() < 16
            || !t
                .chars()
                .all(|c| c.is_ascii_graphic() && c != '&' && c != '%' && c != '+' && c != '#')
        {
            bail!("--token must be at least 16 printable characters, without & % + #");
        }
    }
    let generated = opts.token.is_none();
    let token = opts.token.clone().unwrap_or_else(|| auth::random_hex(24));
    let store = Store::open_existing(&opts.db)?;
    let image_store = Store::open_existing(&opts.db)?;

    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(opts.listen)
            .await
            .with_context(|| format!("listening on {}", opts.listen))?;
        let addr = listener.local_addr()?;
        let app = Arc::new(App {
            store: Mutex::new(store),
            image_store: Mutex::new(image_store),
            token: token.clone(),
            cookie_name: format!("chartscan_review_{}", addr.port()),
            sessions: Mutex::new(HashMap::new()),
            reviewer: opts.reviewer.clone(),
            root: opts.root.clone(),
            pdfium: opts.pdfium.clone(),
            env: templates::environment(),
            images: Mutex::new(HashMap::new()),
        });
        let host = if addr.ip().is_unspecified() {
            "127.0.0.1".to_string()
        } else {
            addr.ip().to_string()
        };
        let host = if addr.is_ipv6() {
            format!("[{host}]")
        } else {
            host
        };
        {
            let mut out = std::io::stdout().lock();
            writeln!(
                out,
                "chartscan review: listening on http://{host}:{}/",
                addr.port()
            )?;
            if generated {
                writeln!(
                    out,
                    "chartscan review: open http://{host}:{}/?token={token}",
                    addr.port()
                )?;
            } else {
                writeln!(
                    out,
                    "chartscan review: open http://{host}:{}/?token=<your --token>",
                    addr.port()
                )?;
            }
            out.flush()?;
        }
        tracing::info!(%addr, "review server started");
        axum::serve(listener, routes::router(app))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .context("serving")?;
        Ok(())
    })
}
