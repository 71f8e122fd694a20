//! The embedded store: the only module that opens an Oxigraph `Store`. One `impl Store`
//! per concern: opening and upkeep here, the article graphs in `graphs.rs`, SPARQL in
//! `query.rs`, bulk loading in `loader.rs`; the cross-process lock in `lock.rs`.
//!
//! **Invariant:** each article lives in its own named graph (the article IRI), and an
//! article's graph is always written whole: replacing it is one transaction, and a new
//! article loaded in bulk ([`Loader`]) is committed in one batch with other whole
//! articles. So a store never holds half an article and ingesting the same article twice
//! leaves the same triples. Queries see the union of the article graphs as their default
//! graph.
//!
//! Concurrency: one writer, or any number of readers (see `lock.rs`). [`Store::open`]
//! takes the store's lock exclusively, [`Store::open_read_only`] shared; either fails with
//! a [`LockError`] naming the other process ("store in use by another newskg process (PID
//! N) ...").

mod fingerprints;
mod graphs;
mod loader;
mod lock;
mod query;
mod work;

use std::fs::File;
use std::path::{Path, PathBuf};

use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;
use oxigraph::store::StorageError;

use crate::error::{Error, Result};

pub use loader::Loader;
#[doc(hidden)]
pub use loader::{BATCH_ARTICLES_VAR, PAUSED_FILE, PAUSE_AFTER_BATCH_VAR, PAUSE_IN_BATCH_VAR};
pub use lock::{LockError, LOCK_FILE};
pub use query::{DefaultGraph, QueryOptions};

/// An open store.
pub struct Store {
    inner: oxigraph::store::Store,
    path: PathBuf,
    /// The locked [`LOCK_FILE`]: exclusive for a writer, shared for a reader (`None` for a
    /// store in memory or on read-only media). Declared after `inner`, so the database is
    /// closed before the lock is released.
    _lock: Option<File>,
}

/// What went wrong with a store; [`Error::Store`] adds the store's folder.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A store is read, but the folder holds none.
    #[error("no store here (create one with `newskg ingest`)")]
    Missing,
    /// The store folder could not be created.
    #[error("{0}")]
    CreateFolder(#[source] std::io::Error),
    /// The store's lock is held by another newskg process (or cannot be taken).
    #[error(transparent)]
    Lock(#[from] LockError),
    /// Oxigraph could not open, read or write the store (its message's first line).
    #[error("{}", first_line(.0))]
    Storage(#[from] StorageError),
}

fn first_line(e: &StorageError) -> String {
    let message = e.to_string();
    message.lines().next().unwrap_or_default().to_owned()
}

/// Counts reported by `newskg stats` (ingest's bookkeeping triples not counted).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    pub articles: u64,
    pub triples: u64,
    /// (class IRI, distinct entities), sorted by class IRI.
    pub entities_by_type: Vec<(String, u64)>,
}

impl Store {
    /// Opens (creating if needed) the store in `path` for reading and writing. Fails with
    /// [`LockError::HeldByWriter`] while another writer has it, and
    /// [`LockError::HeldByReaders`] while readers keep it for longer than a writer waits.
    pub fn open(path: &Path) -> Result<Store> {
        let fail = |source: StoreError| Error::Store { path: path.to_owned(), source };
        std::fs::create_dir_all(path).map_err(|e| fail(StoreError::CreateFolder(e)))?;
        let lock = lock::lock_writer(path).map_err(|e| fail(e.into()))?;
        let inner = oxigraph::store::Store::open(path).map_err(|e| fail(e.into()))?;
        Ok(Store { inner, path: path.to_owned(), _lock: Some(lock) })
    }

    /// Opens an existing store for reading only. Takes the store's lock shared, so any
    /// number of readers work at once; fails with [`LockError::BeingWritten`] while a
    /// writer has it (Oxigraph reading a store that another process writes is undefined
    /// behaviour: it can crash). Each reader sees the store as it was when it opened.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        let fail = |source: StoreError| Error::Store { path: path.to_owned(), source };
        if !path.join("CURRENT").exists() {
            return Err(fail(StoreError::Missing));
        }
        let lock = lock::lock_reader(path).map_err(|e| fail(e.into()))?;
        let inner = oxigraph::store::Store::open_read_only(path).map_err(|e| fail(e.into()))?;
        Ok(Store { inner, path: path.to_owned(), _lock: lock })
    }

    /// A store in memory (for validating files), gone when dropped.
    pub fn in_memory() -> Result<Store> {
        let path = PathBuf::from("(memory)");
        match oxigraph::store::Store::new() {
            Ok(inner) => Ok(Store { inner, path, _lock: None }),
            Err(e) => Err(Error::Store { path, source: e.into() }),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The library error for a failure of this store.
    fn error(&self, source: impl Into<StoreError>) -> Error {
        Error::Store { path: self.path.clone(), source: source.into() }
    }

    /// Articles, triples, and entities by type.
    pub fn stats(&self) -> Result<Stats> {
        let articles = self.graph_count() as u64;
        let triples = self.inner.len().map_err(|e| self.error(e))? as u64 - self.fingerprint_count()?;
        let mut entities_by_type = Vec::new();
        let q = "PREFIX nkg: <https://w3id.org/newskg/ontology#>
                 SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE {
                   VALUES ?type { nkg:Person nkg:Organization nkg:Place }
                   ?e a ?type } GROUP BY ?type ORDER BY ?type";
        if let QueryResults::Solutions(rows) = self.query(q, &QueryOptions::default())? {
            for row in rows {
                let row = row?;
                if let (Some(Term::NamedNode(t)), Some(Term::Literal(n))) = (row.get("type"), row.get("n")) {
                    entities_by_type.push((t.as_str().to_owned(), n.value().parse().unwrap_or(0)));
                }
            }
        }
        Ok(Stats { articles, triples, entities_by_type })
    }

    /// Writes buffered data to disk.
    pub fn flush(&self) -> Result<()> {
        self.inner.flush().map_err(|e| self.error(e))
    }

    /// Compacts the store (Oxigraph's optimize): the same quads, in fewer files.
    pub fn optimize(&self) -> Result<()> {
        self.inner.optimize().map_err(|e| self.error(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_errors_are_told_apart_by_their_type() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s");
        let writer = Store::open(&path).unwrap();
        let pid = Some(std::process::id());
        match Store::open(&path) {
            Err(Error::Store { source: StoreError::Lock(LockError::HeldByWriter { pid: p }), .. }) => {
                assert_eq!(p, pid)
            }
            other => panic!("a second writer: {:?}", other.err()),
        }
        match Store::open_read_only(&path) {
            Err(Error::Store { source: StoreError::Lock(LockError::BeingWritten { pid: p }), .. }) => {
                assert_eq!(p, pid)
            }
            other => panic!("a reader during a write: {:?}", other.err()),
        }
        drop(writer);
        assert!(Store::open_read_only(&path).is_ok());
        match Store::open_read_only(&dir.path().join("none")) {
            Err(Error::Store { source: StoreError::Missing, .. }) => {}
            other => panic!("no store: {:?}", other.err()),
        }
    }

    #[test]
    fn query_errors_keep_their_kind() {
        let store = Store::in_memory().unwrap();
        let options = QueryOptions::default();
        assert!(matches!(store.query("SELECT WHERE {", &options), Err(Error::InvalidQuery(_))));
        assert!(matches!(store.update("INSERT DATA {"), Err(Error::InvalidUpdate(_))));
        let cancelled = oxigraph::sparql::CancellationToken::new();
        cancelled.cancel();
        let options = QueryOptions { cancellation: Some(cancelled), ..QueryOptions::default() };
        store.update("INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> <urn:c> } }").unwrap();
        let rows = match store.query("SELECT * WHERE { ?s ?p ?o }", &options) {
            Ok(QueryResults::Solutions(rows)) => rows.collect::<Result<Vec<_>, _>>().map_err(Error::from),
            Ok(_) => panic!("a SELECT query gives rows"),
            Err(e) => Err(e),
        };
        assert!(matches!(rows, Err(Error::QueryFailed(_))), "{rows:?}");
    }

    #[test]
    fn the_default_graph_is_the_union_or_what_the_query_and_options_say() {
        let store = Store::in_memory().unwrap();
        store
            .update("INSERT DATA { GRAPH <urn:g1> { <urn:a> <urn:p> 1 } GRAPH <urn:g2> { <urn:a> <urn:p> 2 } }")
            .unwrap();
        let values = |sparql: &str, default_graph: DefaultGraph| -> Vec<String> {
            let options = QueryOptions { default_graph, ..QueryOptions::default() };
            let QueryResults::Solutions(rows) = store.query(sparql, &options).unwrap() else { panic!("rows") };
            rows.map(|r| r.unwrap().get("o").unwrap().to_string()).collect()
        };
        let all = "SELECT ?o WHERE { ?s ?p ?o } ORDER BY ?o";
        let from = "SELECT ?o FROM <urn:g2> WHERE { ?s ?p ?o } ORDER BY ?o";
        let (one, two) =
            ("\"1\"^^<http://www.w3.org/2001/XMLSchema#integer>", "\"2\"^^<http://www.w3.org/2001/XMLSchema#integer>");
        assert_eq!(values(all, DefaultGraph::Union), [one, two]);
        assert_eq!(values(from, DefaultGraph::Union), [one, two], "FROM is not honoured");
        assert_eq!(values(all, DefaultGraph::QueryOrUnion), [one, two]);
        assert_eq!(values(from, DefaultGraph::QueryOrUnion), [two]);
        let g1 = oxigraph::model::NamedNode::new_unchecked("urn:g1");
        assert_eq!(values(from, DefaultGraph::Merge(vec![g1])), [one]);
    }
}
