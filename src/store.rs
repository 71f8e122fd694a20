//! The embedded store: the only module that opens an Oxigraph `Store`.
//!
//! Invariant: each article lives in its own named graph (the article IRI), and an
//! article's graph is always written whole: replacing it is one transaction, and a new
//! article loaded in bulk ([`Loader`]) is committed in one batch with other whole
//! articles. So a store never holds half an article and ingesting the same article twice
//! leaves the same triples. Queries see the union of the article graphs as their default
//! graph.
//!
//! Concurrency: one writer, or any number of readers. [`Store::open`] takes an advisory
//! lock on [`LOCK_FILE`] inside the store folder exclusively and writes its PID there;
//! [`Store::open_read_only`] takes it shared. Oxigraph reading a store that another process
//! writes is undefined behaviour (it crashed in our tests), so a reader during a write, or
//! a writer during a read, gets "store in use by another newskg process (PID N) ...". The
//! lock is the kernel's, so it goes away with the process however it ends (a leftover file
//! is harmless).

use std::collections::HashSet;
use std::fs::{File, OpenOptions};
use std::hash::{Hash, Hasher};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use oxigraph::model::{GraphNameRef, NamedNode, NamedNodeRef, Quad, Term, Variable};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};

pub use crate::bindings::bind_variables;
use crate::error::{Error, Result};
use crate::rdf::nquads::sort_quads;

/// The file inside a store folder that a writer holds locked, with its PID in it.
pub const LOCK_FILE: &str = "newskg.lock";

/// An open store.
pub struct Store {
    inner: oxigraph::store::Store,
    path: PathBuf,
    /// The locked [`LOCK_FILE`]: exclusive for a writer, shared for a reader (`None` for a
    /// store in memory or on read-only media). Declared after `inner`, so the database is
    /// closed before the lock is released.
    _lock: Option<File>,
}

/// Counts reported by `newskg stats`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    pub articles: u64,
    pub triples: u64,
    /// (class IRI, distinct entities), sorted by class IRI.
    pub entities_by_type: Vec<(String, u64)>,
}

impl Store {
    /// Opens (creating if needed) the store in `path` for reading and writing. Fails with
    /// "store in use by another newskg process (PID N)" while another writer has it.
    pub fn open(path: &Path) -> Result<Store> {
        std::fs::create_dir_all(path).map_err(|e| Error::Store { path: path.to_owned(), reason: e.to_string() })?;
        let lock = lock_writer(path)?;
        let inner = oxigraph::store::Store::open(path).map_err(|e| open_error(path, &e.to_string()))?;
        Ok(Store { inner, path: path.to_owned(), _lock: Some(lock) })
    }

    /// Opens an existing store for reading only. Takes the store's lock shared, so any
    /// number of readers work at once; fails with "store in use by another newskg process
    /// (PID N) that is writing it" while a writer has it (Oxigraph reading a store that
    /// another process writes is undefined behaviour: it can crash). Each reader sees the
    /// store as it was when it opened.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        if !path.join("CURRENT").exists() {
            return Err(Error::Store {
                path: path.to_owned(),
                reason: "no store here (create one with `newskg ingest`)".into(),
            });
        }
        let lock = lock_reader(path)?;
        let inner = oxigraph::store::Store::open_read_only(path).map_err(|e| open_error(path, &e.to_string()))?;
        Ok(Store { inner, path: path.to_owned(), _lock: lock })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn err(&self, e: impl std::fmt::Display) -> Error {
        Error::Store { path: self.path.clone(), reason: e.to_string() }
    }

    /// Replaces the graph `graph` by `quads` (whose graph names must be `graph`) in one
    /// transaction.
    pub fn replace_graph(&self, graph: &NamedNode, quads: &[Quad]) -> Result<()> {
        let mut tx = self.inner.start_transaction().map_err(|e| self.err(e))?;
        tx.clear_graph(graph.as_ref()).map_err(|e| self.err(e))?;
        tx.extend(quads.iter());
        tx.commit().map_err(|e| self.err(e))
    }

    /// A loader for many articles at once (see [`Loader`]).
    pub fn loader(&self) -> Loader<'_> {
        Loader { store: self, max_articles: BULK_BATCH_ARTICLES, batch: Vec::new(), batch_graphs: HashSet::new() }
    }

    /// Removes an article's graph; returns whether it was there.
    pub fn remove_graph(&self, graph: &NamedNode) -> Result<bool> {
        let there = self.inner.contains_named_graph(graph.as_ref()).map_err(|e| self.err(e))?;
        if there {
            self.inner.remove_named_graph(graph.as_ref()).map_err(|e| self.err(e))?;
        }
        Ok(there)
    }

    /// The article graph whose `schema:identifier` is `id`, if any.
    pub fn graph_of_id(&self, id: &str) -> Result<Option<NamedNode>> {
        let q = "SELECT ?g WHERE { GRAPH ?g { ?g <https://schema.org/identifier> ?id } } LIMIT 1";
        let results =
            self.query(q, &[(Variable::new_unchecked("id"), oxigraph::model::Literal::new_simple_literal(id).into())])?;
        if let QueryResults::Solutions(mut s) = results {
            if let Some(row) = s.next() {
                let row = row.map_err(|e| Error::Sparql(e.to_string()))?;
                if let Some(Term::NamedNode(n)) = row.get("g") {
                    return Ok(Some(n.clone()));
                }
            }
        }
        Ok(None)
    }

    /// Whether the store has this named graph.
    pub fn has_graph(&self, graph: NamedNodeRef<'_>) -> Result<bool> {
        self.inner.contains_named_graph(graph).map_err(|e| self.err(e))
    }

    /// Runs a SPARQL query over the union of the article graphs, with variables bound
    /// to the given values.
    pub fn query(&self, sparql: &str, bindings: &[(Variable, Term)]) -> Result<QueryResults<'static>> {
        self.query_limited(sparql, bindings, None, None)
    }

    /// [`Store::query`] that stops a SELECT query after `max_rows` rows (as `LIMIT` would,
    /// on top of the query's own modifiers), and stops its evaluation with an error when
    /// `cancellation` is cancelled.
    pub fn query_limited(
        &self,
        sparql: &str,
        bindings: &[(Variable, Term)],
        max_rows: Option<usize>,
        cancellation: Option<&oxigraph::sparql::CancellationToken>,
    ) -> Result<QueryResults<'static>> {
        let mut query = bind_variables(parse_query(sparql)?, bindings)?;
        if let (Some(n), spargebra::Query::Select { pattern, .. }) = (max_rows, &mut query) {
            let inner = std::mem::replace(pattern, spargebra::algebra::GraphPattern::Bgp { patterns: Vec::new() });
            *pattern = spargebra::algebra::GraphPattern::Slice { inner: Box::new(inner), start: 0, length: Some(n) };
        }
        let mut prepared = evaluator(cancellation).for_query(query);
        prepared.dataset_mut().set_default_graph_as_union();
        prepared.on_store(&self.inner).execute().map_err(|e| Error::Sparql(e.to_string()))
    }

    /// Runs a SPARQL update.
    pub fn update(&self, sparql: &str) -> Result<()> {
        SparqlEvaluator::new()
            .parse_update(sparql)
            .map_err(|e| Error::Sparql(format!("invalid SPARQL update: {e}")))?
            .on_store(&self.inner)
            .execute()
            .map_err(|e| Error::Sparql(e.to_string()))
    }

    /// All quads, or those of one graph, sorted.
    pub fn quads(&self, graph: Option<&NamedNode>) -> Result<Vec<Quad>> {
        let g = graph.map(|g| GraphNameRef::NamedNode(g.as_ref()));
        let mut quads = self
            .inner
            .quads_for_pattern(None, None, None, g)
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|e| self.err(e))?;
        sort_quads(&mut quads);
        Ok(quads)
    }

    /// Articles, triples, and entities by type.
    pub fn stats(&self) -> Result<Stats> {
        let articles = self.graph_count() as u64;
        let triples = self.inner.len().map_err(|e| self.err(e))? as u64;
        let mut entities_by_type = Vec::new();
        let q = "PREFIX nkg: <https://w3id.org/newskg/ontology#>
                 SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE {
                   VALUES ?type { nkg:Person nkg:Organization nkg:Place }
                   ?e a ?type } GROUP BY ?type ORDER BY ?type";
        if let QueryResults::Solutions(rows) = self.query(q, &[])? {
            for row in rows {
                let row = row.map_err(|e| Error::Sparql(e.to_string()))?;
                if let (Some(Term::NamedNode(t)), Some(Term::Literal(n))) = (row.get("type"), row.get("n")) {
                    entities_by_type.push((t.as_str().to_owned(), n.value().parse().unwrap_or(0)));
                }
            }
        }
        Ok(Stats { articles, triples, entities_by_type })
    }

    /// Writes buffered data to disk.
    pub fn flush(&self) -> Result<()> {
        self.inner.flush().map_err(|e| self.err(e))
    }

    /// Compacts the store (Oxigraph's optimize): the same quads, in fewer files.
    pub fn optimize(&self) -> Result<()> {
        self.inner.optimize().map_err(|e| self.err(e))
    }
}

/// Quads at most per bulk-loader batch (a larger article is stored in its own
/// transaction).
const BULK_BATCH_QUADS: usize = 250_000;
/// Articles at most per bulk-loader batch, so that a long ingest of small articles shows
/// its progress to readers and a crash loses little work.
const BULK_BATCH_ARTICLES: usize = 1_000;

/// Loads many articles quickly with the same result as calling [`Store::replace_graph`]
/// for each in turn.
///
/// Articles whose graphs are not in the store are gathered into batches of whole articles
/// (at most [`BULK_BATCH_QUADS`] quads and [`BULK_BATCH_ARTICLES`] articles) and each
/// batch is written by Oxigraph's bulk loader, which writes sorted SST files on
/// background threads (much faster than transactions) and ingests them at once when the
/// batch is committed: the store never holds part of an article, and a crash loses at
/// most the batch in progress. An article whose graph is already in the store, or was
/// already gathered in this batch, is replaced in one transaction after the batch is
/// committed (so that the batch cannot bring back the old graph). With
/// [`Loader::with_batch_articles`]`(1)` every article is its own transaction (for live
/// input, where readers expect each article as soon as it arrives).
/// Call [`Loader::finish`] at the end: articles not yet committed are lost without it.
pub struct Loader<'a> {
    store: &'a Store,
    max_articles: usize,
    /// Quads of whole articles waiting for the bulk loader.
    batch: Vec<Quad>,
    /// Hashes of the graphs in `batch` (a hash collision only costs an early commit).
    batch_graphs: HashSet<u64>,
}

impl Loader<'_> {
    /// At most `n` articles per batch (at least 1); 1 stores each article in its own
    /// transaction as it comes.
    pub fn with_batch_articles(mut self, n: usize) -> Self {
        self.max_articles = n.max(1);
        self
    }

    /// Replaces the graph `graph` by `quads` (whose graph names must be `graph`).
    pub fn replace_graph(&mut self, graph: NamedNode, quads: Vec<Quad>) -> Result<()> {
        let key = graph_key(&graph);
        if self.max_articles == 1
            || self.batch_graphs.contains(&key)
            || quads.len() >= BULK_BATCH_QUADS
            || self.store.has_graph(graph.as_ref())?
        {
            self.commit()?;
            return self.store.replace_graph(&graph, &quads);
        }
        if self.batch.len() + quads.len() > BULK_BATCH_QUADS {
            self.commit()?;
        }
        self.batch_graphs.insert(key);
        self.batch.extend(quads);
        if self.batch_graphs.len() >= self.max_articles {
            self.commit()?;
        }
        Ok(())
    }

    /// Writes the waiting articles into the store, all at once.
    fn commit(&mut self) -> Result<()> {
        if self.batch.is_empty() {
            return Ok(());
        }
        let store = self.store;
        let mut bulk = store.inner.bulk_loader();
        bulk.load_quads(self.batch.drain(..)).map_err(|e| store.err(e))?;
        bulk.commit().map_err(|e| store.err(e))?;
        self.batch_graphs.clear();
        Ok(())
    }

    /// Commits what is left.
    pub fn finish(mut self) -> Result<()> {
        self.commit()
    }
}

fn graph_key(graph: &NamedNode) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    graph.as_str().hash(&mut h);
    h.finish()
}

/// How long a writer waits for readers to finish before it gives up.
const READERS_WAIT: Duration = Duration::from_secs(5);

/// Takes the writer's lock of the store in `path` (exclusive) and writes this process's
/// PID into it.
fn lock_writer(path: &Path) -> Result<File> {
    let file_path = path.join(LOCK_FILE);
    let fail = |e: std::io::Error| Error::Store { path: path.to_owned(), reason: format!("{LOCK_FILE}: {e}") };
    let mut file = open_lock_file(&file_path).map_err(fail)?;
    let started = std::time::Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => break,
            Err(std::fs::TryLockError::WouldBlock) => {
                // Readers hold the lock shared, a writer exclusively: a shared lock of our
                // own tells which. Queries and stats are short, so wait a little for them.
                let readers = File::open(&file_path).is_ok_and(|f| f.try_lock_shared().is_ok());
                if readers && started.elapsed() < READERS_WAIT {
                    std::thread::sleep(Duration::from_millis(50));
                    continue;
                }
                let reason = if readers { in_use_by_readers() } else { in_use(holder_pid(&file_path)) };
                return Err(Error::Store { path: path.to_owned(), reason });
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(fail(e)),
        }
    }
    file.set_len(0).map_err(fail)?;
    file.write_all(format!("{}\n", std::process::id()).as_bytes()).map_err(fail)?;
    file.flush().map_err(fail)?;
    Ok(file)
}

/// Takes the store's lock shared, for a reader. A store whose folder cannot hold a lock
/// file (read-only media) is read without one: no writer can lock it either.
fn lock_reader(path: &Path) -> Result<Option<File>> {
    let file_path = path.join(LOCK_FILE);
    let file = open_lock_file(&file_path).or_else(|_| File::open(&file_path));
    let Ok(file) = file else { return Ok(None) };
    match file.try_lock_shared() {
        Ok(()) => Ok(Some(file)),
        Err(std::fs::TryLockError::WouldBlock) => Err(Error::Store {
            path: path.to_owned(),
            reason: format!(
                "{} that is writing it; reading a store while it is written is unsafe, so try again when it \
                 has finished (or query through `newskg serve --writable`)",
                in_use_who(holder_pid(&file_path))
            ),
        }),
        Err(std::fs::TryLockError::Error(e)) => {
            Err(Error::Store { path: path.to_owned(), reason: format!("{LOCK_FILE}: {e}") })
        }
    }
}

/// Opens the lock file for reading and writing, creating it if needed (its content, a
/// writer's PID, is left as it is).
fn open_lock_file(file_path: &Path) -> std::io::Result<File> {
    OpenOptions::new().read(true).write(true).create(true).truncate(false).open(file_path)
}

/// The PID written in a held lock file. The holder writes it just after locking, so a
/// reader may come in between: look again a few times before giving up.
fn holder_pid(file_path: &Path) -> Option<u32> {
    for _ in 0..20 {
        let mut s = String::new();
        if File::open(file_path).and_then(|mut f| f.read_to_string(&mut s)).is_ok() {
            if let Ok(pid) = s.trim().parse() {
                return Some(pid);
            }
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    None
}

fn in_use_who(pid: Option<u32>) -> String {
    match pid {
        Some(pid) => format!("store in use by another newskg process (PID {pid})"),
        None => "store in use by another newskg process".to_owned(),
    }
}

fn in_use(pid: Option<u32>) -> String {
    format!("{}; one writer at a time, and not while others read", in_use_who(pid))
}

fn in_use_by_readers() -> String {
    "store in use by other newskg processes that are reading it (query, export, stats or serve); \
     a store is written only when nothing reads it (or through `newskg serve --writable`)"
        .to_owned()
}

fn parse_query(sparql: &str) -> Result<spargebra::Query> {
    spargebra::SparqlParser::new().parse_query(sparql).map_err(|e| Error::Sparql(format!("invalid SPARQL query: {e}")))
}

/// An evaluator that stops with an error when `cancellation` is cancelled.
fn evaluator(cancellation: Option<&oxigraph::sparql::CancellationToken>) -> SparqlEvaluator {
    match cancellation {
        Some(token) => SparqlEvaluator::new().with_cancellation_token(token.clone()),
        None => SparqlEvaluator::new(),
    }
}

fn open_error(path: &Path, message: &str) -> Error {
    let lower = message.to_lowercase();
    let reason = if lower.contains("lock") {
        // RocksDB's own lock: held by a program that does not use newskg's lock file.
        format!("store in use by another process ({})", message.lines().next().unwrap_or(message))
    } else {
        message.lines().next().unwrap_or(message).to_owned()
    };
    Error::Store { path: path.to_owned(), reason }
}

/// How [`Store::query_with`] runs a query (the SPARQL 1.1 Protocol's options).
#[derive(Clone, Default)]
pub struct QueryOptions {
    /// Variables bound for the whole query (see [`bind_variables`]).
    pub bindings: Vec<(Variable, Term)>,
    /// The default graph as the merge of these graphs (`default-graph-uri`); when empty,
    /// the query's own `FROM` clauses, or else the union of the article graphs.
    pub default_graphs: Vec<NamedNode>,
    /// The named graphs the query may use (`named-graph-uri`); when empty, all of them.
    pub named_graphs: Vec<NamedNode>,
    /// Stops the evaluation when cancelled (a query timeout).
    pub cancellation: Option<oxigraph::sparql::CancellationToken>,
}

impl Store {
    /// Runs a parsed SPARQL query with protocol options (the caller parses it, to tell a
    /// malformed query from a failed one). Unlike [`Store::query`], a query's own
    /// `FROM`/`FROM NAMED` clauses are honoured. `SERVICE` calls fail: oxigraph is built
    /// without its HTTP client, so a server never fetches other addresses for its clients.
    pub fn query_with(&self, query: spargebra::Query, options: &QueryOptions) -> Result<QueryResults<'static>> {
        let has_dataset = match &query {
            spargebra::Query::Select { dataset, .. }
            | spargebra::Query::Construct { dataset, .. }
            | spargebra::Query::Describe { dataset, .. }
            | spargebra::Query::Ask { dataset, .. } => dataset.is_some(),
        };
        let query = bind_variables(query, &options.bindings)?;
        let mut prepared = evaluator(options.cancellation.as_ref()).for_query(query);
        let dataset = prepared.dataset_mut();
        if !options.default_graphs.is_empty() {
            dataset.set_default_graph(options.default_graphs.iter().cloned().map(Into::into).collect());
        } else if !has_dataset {
            dataset.set_default_graph_as_union();
        }
        if !options.named_graphs.is_empty() {
            dataset.set_available_named_graphs(options.named_graphs.iter().cloned().map(Into::into).collect());
        }
        prepared.on_store(&self.inner).execute().map_err(|e| Error::Sparql(e.to_string()))
    }

    /// A store in memory (for validating files), gone when dropped.
    pub fn in_memory() -> Result<Store> {
        let path = PathBuf::from("(memory)");
        let inner =
            oxigraph::store::Store::new().map_err(|e| Error::Store { path: path.clone(), reason: e.to_string() })?;
        Ok(Store { inner, path, _lock: None })
    }

    /// Adds quads (a Graph Store Protocol POST) in one transaction.
    pub fn add_quads(&self, quads: &[Quad]) -> Result<()> {
        let mut tx = self.inner.start_transaction().map_err(|e| self.err(e))?;
        tx.extend(quads.iter());
        tx.commit().map_err(|e| self.err(e))
    }

    /// How many named graphs the store holds (without collecting and sorting their names).
    pub fn graph_count(&self) -> usize {
        self.inner.named_graphs().count()
    }

    /// The named graphs of the store, sorted.
    pub fn graph_names(&self) -> Result<Vec<NamedNode>> {
        let mut names = Vec::new();
        for g in self.inner.named_graphs() {
            if let oxigraph::model::NamedOrBlankNode::NamedNode(n) = g.map_err(|e| self.err(e))? {
                names.push(n);
            }
        }
        names.sort();
        Ok(names)
    }
}

#[cfg(test)]
mod tests {
    use super::Store;
    use oxigraph::model::{GraphName, Literal, NamedNode, Quad};

    fn graph(n: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("http://example.org/article/{n}"))
    }

    /// The quads of an article graph `g`, version `v`.
    fn article(g: &str, v: &str, n: usize) -> Vec<Quad> {
        (0..n)
            .map(|i| {
                Quad::new(
                    graph(g),
                    NamedNode::new_unchecked(format!("http://example.org/p{i}")),
                    Literal::new_simple_literal(v),
                    GraphName::NamedNode(graph(g)),
                )
            })
            .collect()
    }

    /// Asserts that the store holds exactly these articles' quads.
    fn assert_holds(store: &Store, articles: &[Vec<Quad>]) {
        let mut want = articles.concat();
        crate::rdf::nquads::sort_quads(&mut want);
        assert_eq!(store.quads(None).unwrap(), want);
    }

    #[test]
    fn the_loader_replaces_graphs_like_replace_graph() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("s")).unwrap();
        store.replace_graph(&graph("old"), &article("old", "v1", 3)).unwrap();
        let mut loader = store.loader();
        loader.replace_graph(graph("a"), article("a", "v1", 5)).unwrap();
        loader.replace_graph(graph("b"), article("b", "v1", 2)).unwrap();
        // Again in the same run, with fewer quads: the first version must not come back.
        loader.replace_graph(graph("a"), article("a", "v2", 1)).unwrap();
        loader.replace_graph(graph("c"), article("c", "v1", 4)).unwrap();
        loader.replace_graph(graph("old"), article("old", "v2", 1)).unwrap();
        loader.finish().unwrap();
        assert_holds(
            &store,
            &[article("a", "v2", 1), article("b", "v1", 2), article("c", "v1", 4), article("old", "v2", 1)],
        );
    }

    #[test]
    fn an_article_of_a_committed_batch_is_replaced_in_a_later_one() {
        // Batches of two articles: {a, b} is committed, then the second "a" (after "c")
        // must replace the committed one.
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("s")).unwrap();
        let mut loader = store.loader().with_batch_articles(2);
        loader.replace_graph(graph("a"), article("a", "v1", 5)).unwrap();
        loader.replace_graph(graph("b"), article("b", "v1", 2)).unwrap();
        loader.replace_graph(graph("c"), article("c", "v1", 4)).unwrap();
        loader.replace_graph(graph("a"), article("a", "v2", 1)).unwrap();
        loader.replace_graph(graph("d"), article("d", "v1", 3)).unwrap();
        loader.replace_graph(graph("e"), article("e", "v1", 1)).unwrap();
        loader.replace_graph(graph("f"), article("f", "v1", 1)).unwrap();
        loader.finish().unwrap();
        assert_holds(
            &store,
            &[
                article("a", "v2", 1),
                article("b", "v1", 2),
                article("c", "v1", 4),
                article("d", "v1", 3),
                article("e", "v1", 1),
                article("f", "v1", 1),
            ],
        );
    }

    #[test]
    fn a_dropped_loader_leaves_whole_batches_only() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("s")).unwrap();
        let mut loader = store.loader().with_batch_articles(2);
        for g in ["a", "b", "c"] {
            loader.replace_graph(graph(g), article(g, "v1", 3)).unwrap();
        }
        drop(loader);
        assert_holds(&store, &[article("a", "v1", 3), article("b", "v1", 3)]);
    }
}
