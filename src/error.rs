//! The library's error type: one enum, each variant naming what went wrong and where.

use std::path::PathBuf;

/// Everything that can fail in the library. Messages are one line, lowercase, and name the
/// input or file concerned, so the binary can print them as `newskg: error: {error}`.
/// Variants that wrap another error keep it as their `source()` (for programs to match
/// on) and also give its message in their own, so a printer stops at this error.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An input file or directory could not be read.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// An input is not valid UTF-8.
    #[error("{input}: not valid UTF-8 (first bad byte at offset {offset})")]
    InvalidUtf8 { input: String, offset: usize },
    /// An input looks like a binary file.
    #[error("{input}: looks like a binary file (NUL byte at offset {offset}), skipped")]
    Binary { input: String, offset: usize },
    /// An input is empty or holds only white space.
    #[error("{input}: empty article, nothing to extract")]
    Empty { input: String },
    /// An input is larger than the configured limit.
    #[error("{input}: article is {size} bytes, over the limit of {limit} bytes (--max-article-bytes), skipped")]
    TooLarge { input: String, size: usize, limit: usize },
    /// A JSON or JSONL record could not be read as an article.
    #[error("{input}: {reason}")]
    BadRecord { input: String, reason: String },
    /// A rules file is malformed.
    #[error("{file}:{line}: {reason}")]
    Rules { file: String, line: usize, reason: String },
    /// A file named as RDF is not RDF by its extension.
    #[error("{file}: not an RDF file (by its extension: .ttl, .nt, .nq, .trig, .rdf, .jsonld)")]
    NotRdf { file: String },
    /// An RDF file (data or SHACL shapes) could not be read or does not parse. (`error`
    /// is kept but not chained as a source: the message already says it.)
    #[error("{file}: {error}")]
    RdfFile { file: String, error: oxigraph::io::RdfParseError },
    /// A SHACL shapes file holds no shapes to run.
    #[error("{file}: {reason}")]
    Shapes { file: String, reason: String },
    /// A SHACL shape is malformed or uses a feature `validate` does not support.
    #[error("{file}: shape {shape}: {reason}")]
    Shape { file: String, shape: String, reason: String },
    /// The store could not be opened, locked, read or written.
    #[error("store {path}: {source}")]
    Store { path: PathBuf, source: crate::store::StoreError },
    /// The word index beside the store could not be opened, read or written.
    #[error("store {path}: {source}")]
    Search { path: PathBuf, source: crate::search::SearchError },
    /// A SPARQL query or update is invalid or failed.
    #[error("{0}")]
    Sparql(String),
    /// A SPARQL query is not valid SPARQL.
    #[error("invalid SPARQL query: {0}")]
    InvalidQuery(#[source] spargebra::SparqlSyntaxError),
    /// A SPARQL update is not valid SPARQL.
    #[error("invalid SPARQL update: {0}")]
    InvalidUpdate(#[source] spargebra::SparqlSyntaxError),
    /// A SPARQL query failed while it ran, or was cancelled.
    #[error("{0}")]
    QueryFailed(#[from] oxigraph::sparql::QueryEvaluationError),
    /// A SPARQL update failed while it ran.
    #[error("{0}")]
    UpdateFailed(#[from] oxigraph::sparql::UpdateEvaluationError),
    /// An IRI could not be built.
    #[error("invalid IRI {iri:?}: {reason}")]
    Iri { iri: String, reason: String },
    /// An HTTP server or client failed (`serve`, `push`).
    #[error("{0}")]
    Http(String),
    /// Writing output failed.
    #[error("writing output: {0}")]
    Output(#[from] std::io::Error),
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
