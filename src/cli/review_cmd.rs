//! `chartscan review`: serve the review workstation, or list/summarise the queue for scripts.

use crate::review::{self, ServeOptions};
use crate::store::{QueueFilter, Store};
use anyhow::{Context, Result};
use clap::{Args, Subcommand};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args, Debug)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct ReviewArgs {
    #[command(subcommand)]
    pub command: Option<ReviewCommand>,
    /// Without a subcommand: serve (same options as `review serve`).
    #[command(flatten)]
    pub serve: ServeArgs,
}

#[derive(Subcommand, Debug)]
pub enum ReviewCommand {
    /// Serve the review workstation (the default).
    Serve(ServeArgs),
    /// List the documents waiting for review, oldest first.
    List(ListArgs),
    /// Queue size by reason, documents reviewed today, actions by reviewer.
    Stats(StatsArgs),
}

#[derive(Args, Debug)]
pub struct ServeArgs {
    /// The chartscan database (SQLite).
    #[arg(long, value_name = "FILE", required = true)]
    pub db: Option<PathBuf>,
    /// Address to listen on; anything but loopback needs --token. Port 0 picks a free port.
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR:PORT")]
    pub listen: SocketAddr,
    /// Shared access token (at least 16 characters) [default: a random one, printed with the URL].
    #[arg(
        long,
        env = "CHARTSCAN_REVIEW_TOKEN",
        value_name = "T",
        hide_env_values = true
    )]
    pub token: Option<String>,
    /// Reviewer name recorded with every decision (else each reviewer enters theirs in the page).
    #[arg(long, value_name = "NAME")]
    pub reviewer: Option<String>,
    /// The archive's root now, if it moved since ingest.
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// Path to libpdfium.so.
    #[arg(long, value_name = "PATH")]
    pub pdfium: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct ListArgs {
    /// The chartscan database (SQLite).
    #[arg(long, value_name = "FILE")]
    pub db: PathBuf,
    /// JSON output (an array).
    #[arg(long)]
    pub json: bool,
    /// Only documents with this reason (exact, or its kind before ':').
    #[arg(long)]
    pub reason: Option<String>,
    /// Only documents whose source path starts with this folder/box prefix.
    #[arg(long, value_name = "PREFIX")]
    pub prefix: Option<String>,
    /// Only documents of this type.
    #[arg(long = "type", value_name = "TYPE")]
    pub doc_type: Option<String>,
    /// Only documents linked to this patient id.
    #[arg(long, value_name = "ID")]
    pub patient: Option<i64>,
}

#[derive(Args, Debug)]
pub struct StatsArgs {
    /// The chartscan database (SQLite).
    #[arg(long, value_name = "FILE")]
    pub db: PathBuf,
    /// JSON output.
    #[arg(long)]
    pub json: bool,
}

pub fn cmd_review(a: ReviewArgs) -> Result<ExitCode> {
    match a.command {
        None => serve(a.serve),
        Some(ReviewCommand::Serve(s)) => serve(s),
        Some(ReviewCommand::List(l)) => list(l),
        Some(ReviewCommand::Stats(s)) => stats(s),
    }
}

fn serve(a: ServeArgs) -> Result<ExitCode> {
    let db = a.db.context("--db FILE is required")?;
    review::serve(ServeOptions {
        db,
        listen: a.listen,
        token: a.token,
        reviewer: a
            .reviewer
            .map(|r| r.trim().to_string())
            .filter(|r| !r.is_empty()),
        root: a.root,
        pdfium: a.pdfium,
    })?;
    Ok(ExitCode::SUCCESS)
}

fn list(a: ListArgs) -> Result<ExitCode> {
    let store = Store::open_existing(&a.db)?;
    let items = store.review_queue(&QueueFilter {
        reason: a.reason,
        prefix: a.prefix,
        doc_type: a.doc_type,
        patient_id: a.patient,
        all: false,
    })?;
    if a.json {
        println!("{}", serde_json::to_string_pretty(&items)?);
    } else {
        for d in &items {
            println!(
                "{}\t{}\tp{}-{}\t{}\t{}\t{}",
                d.id,
                d.path,
                d.first_page,
                d.last_page,
                d.doc_type,
                d.patient_id
                    .map(|p| format!("patient {p}"))
                    .unwrap_or_else(|| "unlinked".into()),
                d.reasons.join(",")
            );
        }
        eprintln!("{} document(s) to review", items.len());
    }
    Ok(ExitCode::SUCCESS)
}

fn stats(a: StatsArgs) -> Result<ExitCode> {
    let store = Store::open_existing(&a.db)?;
    let s = store.review_stats()?;
    if a.json {
        println!("{}", serde_json::to_string_pretty(&s)?);
        return Ok(ExitCode::SUCCESS);
    }
    println!("queue: {} document(s) need review", s.queue);
    for (r, n) in &s.by_reason {
        println!("  {n:>5}  {r}");
    }
    println!(
        "reviewed today: {} document(s) accepted, {} action(s)",
        s.documents_reviewed_today, s.actions_today
    );
    if !s.by_reviewer.is_empty() {
        println!("by reviewer (today: actions, documents accepted; all time: actions):");
        for (who, today, docs, all) in &s.by_reviewer {
            println!("  {who}: {today}, {docs}; {all}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
