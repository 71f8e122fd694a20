//! The commands, one module per family: `extract` (extract, ingest), `query` (query,
//! update, queries), `export` (export, validate), `remote` (serve, push) and `maintenance`
//! (remove, stats, optimize). Each command resolves its arguments into a configuration once
//! (`Config::from_args`: formats, dates, rules, bindings, the SPARQL text), then runs on it;
//! per-input errors are reported on stderr and the batch goes on.
//!
//! **Invariant:** this is the only place (with `main`) that prints or decides exit codes:
//! 0 everything went well, 1 some inputs failed ([`Failures`]), 2 usage or fatal error
//! (from `main`).

mod export;
mod extract;
mod first_rows;
mod incremental;
mod input;
mod maintenance;
mod ordered;
mod query;
mod remote;
mod search;
mod timing;

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::CommandFactory;
use oxigraph::io::{JsonLdProfileSet, RdfFormat};
use oxigraph::model::NamedNode;

use crate::cli::{Cli, Command, RdfFormatArg};
use newskg::rdf::Minter;
use newskg::store::Store;

/// Runs one command.
pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Extract { input, format, output } => {
            extract::extract(extract::ExtractConfig::from_args(input, format, output)?)
        }
        Command::Ingest { input, store, force } => {
            extract::ingest(extract::IngestConfig::from_args(input, store, force)?)
        }
        Command::Remove { articles, store } => maintenance::remove(&articles, &store.store),
        Command::Stats { store } => maintenance::stats(&store.store),
        Command::Optimize { store } => maintenance::optimize(&store.store),
        Command::Search { words, within, limit, store } => {
            search::search(&words.join(" "), within, limit, &store.store)
        }
        Command::Reindex { store } => search::reindex(&store.store),
        Command::Query(args) => query::query(query::QueryConfig::from_args(args)?),
        Command::Update { file, expression, store } => query::update(file.as_deref(), expression, &store.store),
        Command::Export { store, graph, format, output } => {
            export::export(&store.store, graph.as_deref(), format.into(), output.as_deref())
        }
        Command::Queries => query::list_queries(),
        Command::Serve(args) => remote::serve(remote::ServeConfig::from_args(args)?),
        Command::Push(args) => remote::push(remote::PushConfig::from_args(args)?),
        Command::Validate { files, store, shapes, format } => {
            export::validate(export::ValidateConfig::from_args(files, store, shapes.as_deref(), format)?)
        }
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "newskg", &mut io::stdout());
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => {
            let mut out = BufWriter::new(io::stdout().lock());
            clap_mangen::Man::new(Cli::command()).render(&mut out)?;
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The exit code of a command that went well (0) or not (1; fatal errors, 2, come from
/// `main`).
fn exit_code(all_went_well: bool) -> ExitCode {
    if all_went_well {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// The inputs of a batch that failed: each is reported on stderr as it happens, and the
/// batch goes on.
#[derive(Debug, Default)]
struct Failures(usize);

impl Failures {
    /// Reports one failed input and counts it.
    fn report(&mut self, err: &dyn std::fmt::Display) {
        self.0 += 1;
        eprintln!("newskg: error: {err}");
    }

    fn count(&self) -> usize {
        self.0
    }

    /// 0 when no input failed, else 1.
    fn exit_code(&self) -> ExitCode {
        exit_code(self.0 == 0)
    }
}

impl From<RdfFormatArg> for RdfFormat {
    fn from(format: RdfFormatArg) -> RdfFormat {
        match format {
            RdfFormatArg::Turtle => RdfFormat::Turtle,
            RdfFormatArg::Trig => RdfFormat::TriG,
            RdfFormatArg::Ntriples => RdfFormat::NTriples,
            RdfFormatArg::Nquads => RdfFormat::NQuads,
            RdfFormatArg::Rdfxml => RdfFormat::RdfXml,
            RdfFormatArg::Jsonld => RdfFormat::JsonLd { profile: JsonLdProfileSet::empty() },
        }
    }
}

/// stdout, or a file created for writing.
fn output(path: Option<&Path>) -> Result<Box<dyn Write>> {
    Ok(match path {
        Some(p) => Box::new(BufWriter::new(File::create(p).with_context(|| p.display().to_string())?)),
        None => Box::new(BufWriter::new(io::stdout().lock())),
    })
}

/// An article graph named by IRI or by article id.
fn resolve_graph(store: &Store, minter: &Minter, what: &str) -> Result<Option<NamedNode>> {
    if let Ok(iri) = NamedNode::new(what) {
        if store.has_graph(iri.as_ref())? {
            return Ok(Some(iri));
        }
    }
    if let Some(g) = store.graph_of_id(what)? {
        return Ok(Some(g));
    }
    let minted = minter.article(what)?;
    Ok(store.has_graph(minted.as_ref())?.then_some(minted))
}
