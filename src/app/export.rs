//! `export` (the store, or one article graph, as sorted RDF) and `validate` (SHACL
//! validation of the store or of RDF files).

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{anyhow, Context, Result};
use oxigraph::io::RdfFormat;

use super::{exit_code, output, resolve_graph};
use crate::cli::{ReportFormat, StoreArgs};
use newskg::export::write_quads;
use newskg::rdf::Minter;
use newskg::store::Store;
use newskg::validate::{load_files, validate as check, Shapes};

/// Writes the store's quads, or one article graph's, sorted.
pub(super) fn export(store: &Path, graph: Option<&str>, format: RdfFormat, out: Option<&Path>) -> Result<ExitCode> {
    let store = Store::open_read_only(store)?;
    let graph = match graph {
        Some(g) => {
            Some(resolve_graph(&store, &Minter::default(), g)?.ok_or_else(|| anyhow!("{g}: no such article graph"))?)
        }
        None => None,
    };
    let quads = store.quads(graph.as_ref())?;
    let mut w = output(out)?;
    write_quads(&quads, format, &mut w)?;
    w.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// What `validate` needs, resolved from the arguments.
pub(super) struct ValidateConfig {
    shapes: Shapes,
    /// RDF files to validate instead of the store.
    files: Vec<PathBuf>,
    store: PathBuf,
    format: ReportFormat,
}

impl ValidateConfig {
    pub(super) fn from_args(
        files: Vec<PathBuf>,
        store: StoreArgs,
        shapes: Option<&Path>,
        format: ReportFormat,
    ) -> Result<Self> {
        let shapes = match shapes {
            Some(p) => Shapes::parse(
                &std::fs::read_to_string(p).with_context(|| p.display().to_string())?,
                &p.display().to_string(),
            )?,
            None => Shapes::builtin()?,
        };
        Ok(ValidateConfig { shapes, files, store: store.store, format })
    }
}

/// Validates every article graph on its own and prints the report; exit code 1 when a
/// graph does not conform.
pub(super) fn validate(config: ValidateConfig) -> Result<ExitCode> {
    let (store, names) = if config.files.is_empty() {
        (Store::open_read_only(&config.store)?, Vec::new())
    } else {
        load_files(&config.files)?
    };
    let report = check(&store, &config.shapes)?;
    let mut out = BufWriter::new(io::stdout().lock());
    match config.format {
        ReportFormat::Turtle => report.write_turtle(&mut out)?,
        ReportFormat::Text => {
            let name = |g: &str| -> String {
                names.iter().find(|(iri, _)| iri == g).map(|(_, f)| f.clone()).unwrap_or_else(|| format!("<{g}>"))
            };
            report.write_text(&mut out, &name)?;
        }
    }
    out.flush()?;
    Ok(exit_code(report.conforms()))
}
