//! Bulk loading of many articles: batches of whole articles, each committed at once.
//!
//! **Invariant:** the store never holds part of an article: an article's quads are
//! committed in one batch with other whole articles, or replace its graph in one
//! transaction; a crash loses at most the batch in progress.

use std::collections::HashSet;
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::time::{Duration, Instant};

use oxigraph::model::{NamedNode, Quad};

use super::Store;
use crate::error::Result;

/// Quads at most per bulk-loader batch (a larger article is stored in its own
/// transaction).
const BULK_BATCH_QUADS: usize = 250_000;
/// Articles at most per bulk-loader batch, so that a long ingest of small articles shows
/// its progress to readers and a crash loses little work.
const BULK_BATCH_ARTICLES: usize = 1_000;

/// A hidden hook for the crash and concurrency tests: with `NEWSKG_TEST_PAUSE_IN_BATCH=N`
/// the loader stops in the middle of its Nth bulk batch (the earlier ones committed, half
/// of this one written to the bulk loader's files, nothing of it committed), creates
/// [`PAUSED_FILE`] in the store folder, and goes on once that file is removed. A test waits
/// for the file, then kills the process (a crash at a known point) or looks at the store
/// (refused while the writer holds it) and removes the file; no test depends on timing.
#[doc(hidden)]
pub const PAUSE_IN_BATCH_VAR: &str = "NEWSKG_TEST_PAUSE_IN_BATCH";
/// The file the loader creates in the store folder while paused (see [`PAUSE_IN_BATCH_VAR`]).
#[doc(hidden)]
pub const PAUSED_FILE: &str = "newskg-test-paused";
/// How long a paused loader waits for its file to go before it goes on by itself, so that
/// a test that died never leaves a writer behind for long.
const PAUSE_AT_MOST: Duration = Duration::from_secs(600);

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
    /// Bulk batches begun so far (for the test hook).
    batches: usize,
    /// The bulk batch to pause in (the test hook), if any.
    pause_in_batch: Option<usize>,
}

impl Store {
    /// A loader for many articles at once (see [`Loader`]).
    pub fn loader(&self) -> Loader<'_> {
        Loader {
            store: self,
            max_articles: BULK_BATCH_ARTICLES,
            batch: Vec::new(),
            batch_graphs: HashSet::new(),
            batches: 0,
            pause_in_batch: std::env::var(PAUSE_IN_BATCH_VAR).ok().and_then(|n| n.parse().ok()),
        }
    }
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
        self.batches += 1;
        let store = self.store;
        let mut bulk = store.inner.bulk_loader();
        if self.pause_in_batch == Some(self.batches) {
            let second_half = self.batch.split_off(self.batch.len() / 2);
            bulk.load_quads(self.batch.drain(..)).map_err(|e| store.error(e))?;
            pause(&store.path);
            self.batch = second_half;
        }
        bulk.load_quads(self.batch.drain(..)).map_err(|e| store.error(e))?;
        bulk.commit().map_err(|e| store.error(e))?;
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

/// The test hook's pause (see [`PAUSE_IN_BATCH_VAR`]): creates [`PAUSED_FILE`] in `folder`
/// and waits until it is gone (or [`PAUSE_AT_MOST`] has passed, or it cannot be created).
fn pause(folder: &Path) {
    let file = folder.join(PAUSED_FILE);
    if std::fs::write(&file, format!("{}\n", std::process::id())).is_err() {
        return;
    }
    let started = Instant::now();
    while file.exists() && started.elapsed() < PAUSE_AT_MOST {
        std::thread::sleep(Duration::from_millis(10));
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
