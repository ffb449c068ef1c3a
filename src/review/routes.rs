//! HTTP routes of the review workstation.

use super::auth::{self, Caller};
use super::validate::validate;
use super::App;
use crate::error::StoreError;
use crate::store::{QueueFilter, ReviewAction, ReviewDocument, Store, FIELD_NAMES};
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Extension, Form, Router};
use minijinja::context;
use serde::Deserialize;
use serde_json::json;
use std::sync::Arc;

pub fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/", get(|| async { Redirect::to("/queue") }))
        .route("/queue", get(queue))
        .route("/doc/{id}", get(document).post(action))
        .route("/patients/{id}", get(patient))
        .route("/reviewer", axum::routing::post(set_reviewer))
        .route("/page/{id}/image", get(page_image))
        .route(
            "/static/review.js",
            get(|| async {
                (
                    [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
                    include_str!("static/review.js"),
                )
            }),
        )
        .route(
            "/static/review.css",
            get(|| async {
                (
                    [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
                    include_str!("static/review.css"),
                )
            }),
        )
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            auth::require_token,
        ))
        .with_state(app)
}

/// What can go wrong in a handler, each with its status and a page that says it.
#[derive(Debug)]
enum AppError {
    NotFound(String),
    BadRequest(String),
    Forbidden(String),
    Conflict { doc: i64, message: String },
    Internal(String),
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound(m) => AppError::NotFound(m),
            StoreError::Invalid(m) => AppError::BadRequest(m),
            StoreError::Conflict(m) => AppError::Conflict { doc: 0, message: m },
            other => AppError::Internal(other.to_string()),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, title, message, doc) = match self {
            AppError::NotFound(m) => (StatusCode::NOT_FOUND, "Not found", m, None),
            AppError::BadRequest(m) => (StatusCode::UNPROCESSABLE_ENTITY, "Not saved", m, None),
            AppError::Forbidden(m) => (StatusCode::FORBIDDEN, "Refused", m, None),
            AppError::Conflict { doc, message } => (
                StatusCode::CONFLICT,
                "Not saved: the document changed meanwhile",
                message,
                Some(doc),
            ),
            AppError::Internal(m) => {
                // Store and image errors name tables, pages and files, never field values.
                tracing::error!(error = %m, "review request failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Server error",
                    "the server could not do that; see its log".to_string(),
                    None,
                )
            }
        };
        let body = super::templates::environment()
            .get_template("message.html")
            .and_then(|t| t.render(context! { title, message, doc, status => status.as_u16() }))
            .unwrap_or_else(|_| "error".into());
        (status, Html(body)).into_response()
    }
}

async fn with_store<T, F>(app: &Arc<App>, f: F) -> Result<T, AppError>
where
    T: Send + 'static,
    F: FnOnce(&mut Store) -> Result<T, AppError> + Send + 'static,
{
    let app = app.clone();
    tokio::task::spawn_blocking(move || {
        let mut s = app.store.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut s)
    })
    .await
    .map_err(|e| AppError::Internal(format!("worker failed: {e}")))?
}

fn render(app: &App, name: &str, ctx: minijinja::Value) -> Result<Html<String>, AppError> {
    app.env
        .get_template(name)
        .and_then(|t| t.render(ctx))
        .map(Html)
        .map_err(|e| AppError::Internal(format!("template {name}: {e}")))
}

fn reviewer_of(app: &App, caller: &Caller) -> Option<String> {
    app.reviewer.clone().or_else(|| caller.reviewer.clone())
}

/// The numeric id in a path; anything else is a page that does not exist.
fn parse_id(id: &str, what: &str) -> Result<i64, AppError> {
    id.parse()
        .map_err(|_| AppError::NotFound(format!("no such {what}")))
}

/// Refuses a form without this session's CSRF token.
fn check_csrf(caller: &Caller, submitted: Option<&str>) -> Result<(), AppError> {
    if caller.csrf_ok(submitted) {
        Ok(())
    } else {
        Err(AppError::Forbidden(
            "missing or wrong CSRF token: reload the page and try again".into(),
        ))
    }
}

fn empty_none(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

#[derive(Deserialize, Default)]
struct QueueQuery {
    reason: Option<String>,
    prefix: Option<String>,
    doc_type: Option<String>,
    patient: Option<String>,
    all: Option<String>,
    done: Option<i64>,
}

async fn queue(
    State(app): State<Arc<App>>,
    Extension(caller): Extension<Caller>,
    Query(q): Query<QueueQuery>,
) -> Result<Html<String>, AppError> {
    let filter = QueueFilter {
        reason: empty_none(q.reason),
        prefix: empty_none(q.prefix),
        doc_type: empty_none(q.doc_type),
        patient_id: empty_none(q.patient).and_then(|p| p.parse().ok()),
        all: q.all.as_deref() == Some("1"),
    };
    let f2 = filter.clone();
    let (items, counts, types) = with_store(&app, move |s| {
        Ok((
            s.review_queue(&f2)?,
            s.review_counts()?,
            s.review_doc_types()?,
        ))
    })
    .await?;
    render(
        &app,
        "queue.html",
        context! {
            items, counts, types, filter,
            done => q.done,
            csrf => caller.csrf.clone(),
            reviewer => reviewer_of(&app, &caller),
            reviewer_fixed => app.reviewer.is_some(),
            back => "/queue",
        },
    )
}

/// A patient's timeline: demographics with the document and page each came from, and the
/// documents in date order. The same data as `chartscan patient` ([`crate::search::timeline`]).
async fn patient(
    State(app): State<Arc<App>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> Result<Html<String>, AppError> {
    let id = parse_id(&id, "patient")?;
    let t = with_store(&app, move |s| Ok(crate::search::timeline(s, id)?)).await?;
    let demographics: Vec<serde_json::Value> = t
        .demographics
        .iter()
        .map(|d| {
            let mut v = json!(d);
            v["label"] = json!(label(&d.field));
            v["confidence"] = json!(d.from.as_ref().and_then(|f| f.confidence).map(percent));
            v
        })
        .collect();
    render(
        &app,
        "patient.html",
        context! {
            patient => t.patient,
            demographics,
            documents => t.documents,
            csrf => caller.csrf.clone(),
            reviewer => reviewer_of(&app, &caller),
            reviewer_fixed => app.reviewer.is_some(),
            back => format!("/patients/{id}"),
        },
    )
}

#[derive(Deserialize, Default)]
struct DocQuery {
    field: Option<String>,
    pq: Option<String>,
    saved: Option<String>,
}

async fn document(
    State(app): State<Arc<App>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    Query(q): Query<DocQuery>,
) -> Result<Response, AppError> {
    let id = parse_id(&id, "document")?;
    let view = DocView {
        focus: q.field,
        pq: q.pq,
        notice: q.saved.map(|s| format!("Saved: {s}")),
        ..DocView::default()
    };
    doc_page(&app, &caller, id, view, StatusCode::OK).await
}

/// What the document view shows besides the document.
#[derive(Default)]
struct DocView {
    /// The field to focus (else the first open one).
    focus: Option<String>,
    /// Patient search words.
    pq: Option<String>,
    notice: Option<String>,
    error: Option<String>,
    /// (field, value) typed into a refused save, shown again for correcting.
    typed: Option<(String, String)>,
}

/// Renders the document view (also after a refused save, with the error and the typed value).
async fn doc_page(
    app: &Arc<App>,
    caller: &Caller,
    id: i64,
    view: DocView,
    status: StatusCode,
) -> Result<Response, AppError> {
    let DocView {
        focus,
        pq,
        notice,
        error,
        typed,
    } = view;
    let pq2 = pq.clone();
    let (doc, queue, types, found) = with_store(app, move |s| {
        let doc = s.review_document(id)?;
        let queue = s.review_queue(&QueueFilter::default())?;
        let types = s.review_doc_types()?;
        let found = match pq2.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
            Some(q) => s.review_search_patients(q)?,
            None => Vec::new(),
        };
        Ok((doc, queue, types, found))
    })
    .await?;
    let ids: Vec<i64> = queue.iter().map(|d| d.id).collect();
    let pos = ids.iter().position(|&d| d == id);
    let (prev, next) = match pos {
        Some(p) => (p.checked_sub(1).map(|p| ids[p]), ids.get(p + 1).copied()),
        None => (None, ids.first().copied()),
    };
    let fields: Vec<serde_json::Value> = doc
        .fields
        .iter()
        .map(|f| field_json(&doc, f, typed.as_ref()))
        .collect();
    let focus = focus
        .filter(|f| doc.fields.iter().any(|x| &x.name == f))
        .or_else(|| doc.fields.iter().find(|f| f.open).map(|f| f.name.clone()))
        .or_else(|| doc.fields.first().map(|f| f.name.clone()));
    let html = render(
        app,
        "document.html",
        context! {
            doc, fields, types, found, focus, notice, error, prev, next,
            pq => pq.unwrap_or_default(),
            position => pos.map(|p| p + 1),
            queue_len => ids.len(),
            csrf => caller.csrf.clone(),
            reviewer => reviewer_of(app, caller),
            reviewer_fixed => app.reviewer.is_some(),
            back => format!("/doc/{id}"),
        },
    )?;
    Ok((status, html).into_response())
}

fn field_json(
    doc: &ReviewDocument,
    f: &crate::store::ReviewField,
    typed: Option<&(String, String)>,
) -> serde_json::Value {
    let page = f
        .page_id
        .and_then(|pid| doc.pages.iter().find(|p| p.id == pid));
    let effective = match &f.review {
        Some(r) if r.action == "corrected" => r.normalized.clone().or(r.value.clone()),
        Some(r) if r.action == "absent" => None,
        _ => f.normalized.clone().or(f.value.clone()),
    };
    let input = match typed {
        Some((n, v)) if *n == f.name => v.clone(),
        _ => effective.clone().unwrap_or_default(),
    };
    json!({
        "name": f.name,
        "label": label(&f.name),
        "value": f.value,
        "normalized": f.normalized,
        "effective": effective,
        "input": input,
        "confidence": f.confidence.map(percent),
        "low": f
            .confidence
            .is_some_and(|c| c < crate::records::Thresholds::default().of(&f.name)),
        "page_id": page.map(|p| p.id),
        "page_no": f.page_no,
        "box": match (f.bbox, page) { (Some(b), Some(_)) => Some(format!("{},{},{},{}", b[0], b[1], b[2], b[3])), _ => None },
        "reasons": f.reasons,
        "required": f.required,
        "open": f.open,
        "extracted": f.extracted,
        "review": f.review,
    })
}

fn percent(c: f64) -> String {
    format!("{:.0}%", c * 100.0)
}

fn label(name: &str) -> String {
    match name {
        "patient_name" => "Patient name".into(),
        "date_of_birth" => "Date of birth".into(),
        "mrn" => "MRN".into(),
        "sex" => "Sex".into(),
        "encounter_date" => "Encounter date".into(),
        "provider" => "Provider".into(),
        other => other.replace('_', " "),
    }
}

#[derive(Deserialize, Debug)]
struct ActionForm {
    csrf: Option<String>,
    version: Option<i64>,
    op: String,
    field: Option<String>,
    value: Option<String>,
    doc_type: Option<String>,
    patient_id: Option<String>,
    page_id: Option<i64>,
    unreadable: Option<String>,
}

async fn action(
    State(app): State<Arc<App>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    Form(f): Form<ActionForm>,
) -> Result<Response, AppError> {
    check_csrf(&caller, f.csrf.as_deref())?;
    let id = parse_id(&id, "document")?;
    let Some(reviewer) = reviewer_of(&app, &caller) else {
        return Err(AppError::BadRequest(
            "enter your reviewer name at the top of the page first".into(),
        ));
    };
    let version = f.version.ok_or_else(|| {
        AppError::BadRequest("the form carries no document version: reload the page".into())
    })?;
    let field = f.field.clone().unwrap_or_default();
    let need_field = || -> Result<String, AppError> {
        if FIELD_NAMES.contains(&field.as_str())
            || (!field.is_empty() && field.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        {
            Ok(field.clone())
        } else {
            Err(AppError::BadRequest("no such field".into()))
        }
    };
    let act = match f.op.as_str() {
        "accept" => ReviewAction::AcceptField {
            name: need_field()?,
        },
        "absent" => ReviewAction::AbsentField {
            name: need_field()?,
        },
        "correct" => {
            let name = need_field()?;
            let typed = f.value.clone().unwrap_or_default();
            match validate(&name, &typed) {
                Ok(normalized) => ReviewAction::CorrectField {
                    name,
                    value: typed.trim().to_string(),
                    normalized,
                },
                Err(msg) => {
                    tracing::info!(document = id, field = %name, "correction refused by validation");
                    let error = format!("{}: {msg}", name.replace('_', " "));
                    let view = DocView {
                        focus: Some(name.clone()),
                        error: Some(error),
                        typed: Some((name, typed)),
                        ..DocView::default()
                    };
                    return doc_page(&app, &caller, id, view, StatusCode::UNPROCESSABLE_ENTITY)
                        .await;
                }
            }
        }
        "doc_type" => {
            let t = empty_none(f.doc_type.clone())
                .ok_or_else(|| AppError::BadRequest("choose a document type".into()))?;
            if t.len() > 64 || !t.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                return Err(AppError::BadRequest("not a document type".into()));
            }
            ReviewAction::SetDocType { doc_type: t }
        }
        "link" => match f.patient_id.as_deref().map(str::trim) {
            Some("new") => ReviewAction::NewPatient,
            Some(p) => ReviewAction::LinkPatient {
                patient_id: p
                    .parse()
                    .map_err(|_| AppError::BadRequest("choose a patient".into()))?,
            },
            None => return Err(AppError::BadRequest("choose a patient".into())),
        },
        "unreadable" => ReviewAction::PageUnreadable {
            page_id: f
                .page_id
                .ok_or_else(|| AppError::BadRequest("which page?".into()))?,
            unreadable: f.unreadable.as_deref() != Some("0"),
        },
        "accept_document" => ReviewAction::AcceptDocument,
        _ => return Err(AppError::BadRequest("unknown action".into())),
    };
    let op = f.op.clone();
    let act2 = act.clone();
    let result = with_store(&app, move |s| {
        match s.review_apply(id, version, &reviewer, &act2) {
            Ok(v) => Ok(Ok(v)),
            Err(StoreError::Conflict(m)) => Ok(Err((StatusCode::CONFLICT, m))),
            Err(StoreError::Invalid(m)) => Ok(Err((StatusCode::UNPROCESSABLE_ENTITY, m))),
            Err(e) => Err(e.into()),
        }
    })
    .await?;
    match result {
        Ok(_) => {
            tracing::info!(document = id, op = %op, field = %field, "review action saved");
            if let ReviewAction::AcceptDocument = act {
                let next = with_store(&app, move |s| {
                    Ok(s.review_queue(&QueueFilter::default())?
                        .into_iter()
                        .map(|d| d.id)
                        .find(|&d| d != id))
                })
                .await?;
                let to = match next {
                    Some(n) => format!("/doc/{n}?saved=document+{id}+accepted"),
                    None => format!("/queue?done={id}"),
                };
                return Ok(Redirect::to(&to).into_response());
            }
            let next_field = match &act {
                ReviewAction::AcceptField { name }
                | ReviewAction::CorrectField { name, .. }
                | ReviewAction::AbsentField { name } => {
                    let i = FIELD_NAMES
                        .iter()
                        .position(|n| n == name)
                        .map(|i| i + 1)
                        .unwrap_or(0);
                    FIELD_NAMES
                        .get(i)
                        .map(|s| s.to_string())
                        .unwrap_or_else(|| name.clone())
                }
                _ => String::new(),
            };
            let what = op.replace('_', "+");
            Ok(Redirect::to(&format!("/doc/{id}?field={next_field}&saved={what}")).into_response())
        }
        Err((StatusCode::CONFLICT, m)) => {
            tracing::info!(document = id, op = %op, "stale save refused");
            Err(AppError::Conflict {
                doc: id,
                message: m,
            })
        }
        Err((_, m)) => {
            let view = DocView {
                focus: Some(field.clone()).filter(|f| !f.is_empty()),
                error: Some(m),
                ..DocView::default()
            };
            doc_page(&app, &caller, id, view, StatusCode::UNPROCESSABLE_ENTITY).await
        }
    }
}

#[derive(Deserialize)]
struct ReviewerForm {
    csrf: Option<String>,
    name: String,
    back: Option<String>,
}

async fn set_reviewer(
    State(app): State<Arc<App>>,
    Extension(caller): Extension<Caller>,
    Form(f): Form<ReviewerForm>,
) -> Result<Response, AppError> {
    check_csrf(&caller, f.csrf.as_deref())?;
    let name = f.name.trim().to_string();
    if name.is_empty() || name.chars().count() > 64 || name.chars().any(char::is_control) {
        return Err(AppError::BadRequest(
            "a reviewer name is 1 to 64 characters".into(),
        ));
    }
    let Some(sid) = caller.sid else {
        return Err(AppError::BadRequest(
            "bearer clients cannot set a reviewer name; start the server with --reviewer".into(),
        ));
    };
    if let Some(s) = app.sessions.lock().unwrap().get_mut(&sid) {
        s.reviewer = Some(name);
    }
    let back = f
        .back
        .filter(|b| b.starts_with('/') && !b.starts_with("//") && !b.contains('\\'))
        .unwrap_or_else(|| "/queue".into());
    Ok(Redirect::to(&back).into_response())
}

#[derive(Deserialize)]
struct ImageQuery {
    w: Option<u32>,
}

/// The page image as OCR saw it (the one boxes refer to), scaled to `w` pixels wide, as PNG.
/// Only by the id of a page in the database; the source path comes from the database.
async fn page_image(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    Query(q): Query<ImageQuery>,
) -> Result<Response, AppError> {
    let id = parse_id(&id, "page")?;
    let width = q.w.unwrap_or(1200).clamp(200, 2400);
    if let Some(png) = app.images.lock().unwrap().get(&(id, width)).cloned() {
        return Ok(png_response(png));
    }
    let app2 = app.clone();
    let png = tokio::task::spawn_blocking(move || -> Result<Arc<Vec<u8>>, AppError> {
        let s = app2.image_store.lock().unwrap_or_else(|p| p.into_inner());
        let s = &*s;
        if !s.page_exists(id)? {
            return Err(AppError::NotFound(format!("no page {id}")));
        }
        let (_, img) = crate::show::page_image(s, id, app2.root.as_deref(), app2.pdfium.as_deref())
            .map_err(|e| {
                tracing::warn!(page = id, "page image could not be made");
                tracing::debug!(page = id, error = %e, "page image error");
                AppError::NotFound(format!(
                    "the image of page {id} cannot be shown (source file moved or unreadable)"
                ))
            })?;
        let img = if img.width() > width {
            let h =
                ((img.height() as u64 * width as u64) / img.width().max(1) as u64).max(1) as u32;
            image::imageops::resize(&img, width, h, image::imageops::FilterType::Triangle)
        } else {
            img
        };
        let mut buf = std::io::Cursor::new(Vec::new());
        image::DynamicImage::ImageLuma8(img)
            .write_to(&mut buf, image::ImageFormat::Png)
            .map_err(|e| AppError::Internal(format!("encoding page {id}: {e}")))?;
        Ok(Arc::new(buf.into_inner()))
    })
    .await
    .map_err(|e| AppError::Internal(format!("worker failed: {e}")))??;
    {
        let mut cache = app.images.lock().unwrap();
        if cache.len() >= 64 {
            cache.clear();
        }
        cache.insert((id, width), png.clone());
    }
    Ok(png_response(png))
}

fn png_response(png: Arc<Vec<u8>>) -> Response {
    (
        [
            (header::CONTENT_TYPE, "image/png"),
            (header::CACHE_CONTROL, "private, max-age=600"),
        ],
        png.as_ref().clone(),
    )
        .into_response()
}
