//! Bulk loading of many articles: batches of whole articles, each committed at once.
//!
//! **Invariant:** the store never holds part of an article: an article's quads are
//! committed in one batch with other whole articles, or replace its graph in one
//! transaction; a crash loses at most the batch in progress, and a batch holds at most
//! [`BULK_BATCH_QUADS`] quads, [`BULK_BATCH_WORK`] of work (the process's CPU time) and
//! [`BULK_BATCH_TIME`] of wall time.
//!
//! Why the batches are large (measured on 10,000 and 30,000 articles, README
//! "Performance"): each commit ingests the batch's sorted files into RocksDB, and their
//! keys (hashes) overlap everything stored, so each commit sets off a compaction that
//! rewrites the stored data; with a commit every 1,000 articles that was 40% of the CPU of
//! an ingest. A batch is therefore committed only when it holds [`BULK_BATCH_QUADS`] quads
//! or has cost [`BULK_BATCH_WORK`] of CPU time (about a minute of two busy cores; on a
//! quiet machine both bounds come at about the same article). The work is counted in CPU
//! time, not wall time, because that is what a crash loses and a second ingest spends
//! again: on a machine shared with other work, a minute of wall time was a fraction of
//! that work, and the batches it cut cost a third more compaction at 30,000 articles (245
//! against 210 CPU seconds, README "Performance"). [`BULK_BATCH_TIME`] still bounds a
//! batch in wall time, for input that arrives slowly without costing CPU. Its quads go to Oxigraph's bulk loader a chunk of
//! [`BULK_CHUNK_QUADS`] at a time, which writes them into sorted files on a background
//! thread while extraction goes on: the loader's memory is bounded by the chunk (two
//! chunks of owned quads, one building and one being gathered), whatever the batch.

use std::collections::HashSet;
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::time::{Duration, Instant};

use oxigraph::model::{NamedNode, Quad};
use oxigraph::store::BulkLoader;

use super::work::WorkClock;
use super::Store;
use crate::error::Result;

/// Quads at most per committed batch (a larger article is stored in its own transaction).
const BULK_BATCH_QUADS: usize = 10_000_000;
/// Work at most per committed batch: a batch is committed with the first article that
/// arrives after the process has spent this much CPU time (all its threads) since the
/// batch's first article.
const BULK_BATCH_WORK: Duration = Duration::from_secs(120);
/// Wall time at most per committed batch, counted the same way.
const BULK_BATCH_TIME: Duration = Duration::from_secs(600);
/// Quads handed to Oxigraph's bulk loader at once. Each chunk becomes one sorted file per
/// index; owned quads take about 550 bytes each, so a chunk is about 28 MB while gathered
/// and about as much again while its files are built. Smaller chunks sort faster: the
/// bulk loader sorts each index's keys as separately allocated vectors, and comparing
/// them (`memcmp` on keys scattered over the heap) was a fifth of an ingest's CPU with
/// chunks of 200,000 quads; with 50,000 an ingest of 10,000 articles took 7% less CPU
/// and 40% less memory (66.8 against 71.9 s, 282 against 482 MiB), though each batch
/// brings RocksDB four times as many files to merge.
const BULK_CHUNK_QUADS: usize = 50_000;
/// Background threads building the files of the chunks (more would hold more chunks in
/// memory, and the machine's cores are busy with extraction and RocksDB's compaction).
const BULK_THREADS: usize = 1;

/// A hidden hook for the crash and concurrency tests: `NEWSKG_TEST_BATCH_ARTICLES=N`
/// commits a batch every N articles too (see [`Loader::with_batch_articles`]), so that a
/// test sees several batches without feeding millions of quads.
#[doc(hidden)]
pub const BATCH_ARTICLES_VAR: &str = "NEWSKG_TEST_BATCH_ARTICLES";
/// A hidden hook for the crash and concurrency tests: with `NEWSKG_TEST_PAUSE_IN_BATCH=N`
/// the loader stops in the middle of its Nth bulk batch (the earlier ones committed, part
/// of this one written to the bulk loader's files, nothing of it committed), creates
/// [`PAUSED_FILE`] in the store folder, and goes on once that file is removed. A test waits
/// for the file, then kills the process (a crash at a known point) or looks at the store
/// (refused while the writer holds it) and removes the file; no test depends on timing.
#[doc(hidden)]
pub const PAUSE_IN_BATCH_VAR: &str = "NEWSKG_TEST_PAUSE_IN_BATCH";
/// The same hook at a batch boundary: `NEWSKG_TEST_PAUSE_AFTER_BATCH=N` pauses right after
/// the Nth bulk batch is committed, before anything of the next one is handed over.
#[doc(hidden)]
pub const PAUSE_AFTER_BATCH_VAR: &str = "NEWSKG_TEST_PAUSE_AFTER_BATCH";
/// The file the loader creates in the store folder while paused (see [`PAUSE_IN_BATCH_VAR`]).
#[doc(hidden)]
pub const PAUSED_FILE: &str = "newskg-test-paused";
/// How long a paused loader waits for its file to go before it goes on by itself, so that
/// a test that died never leaves a writer behind for long.
const PAUSE_AT_MOST: Duration = Duration::from_secs(600);

/// How large a batch may grow before it is committed, and how its quads are handed over.
#[derive(Debug, Clone, Copy)]
struct Bounds {
    articles: usize,
    quads: usize,
    work: Duration,
    time: Duration,
    chunk_quads: usize,
}

/// Loads many articles quickly with the same result as calling [`Store::replace_graph`]
/// for each in turn.
///
/// Articles whose graphs are not in the store are gathered into batches of whole articles
/// (see the module's comment for the bounds) and each batch is written by Oxigraph's bulk
/// loader, a chunk at a time, into sorted files that are ingested all at once when the
/// batch is committed: the store never holds part of an article, and a crash loses at most
/// the batch in progress. An article whose graph is already in the store, or was already
/// gathered in this batch, is replaced in one transaction after the batch is committed (so
/// that the batch cannot bring back the old graph). With
/// [`Loader::with_batch_articles`]`(1)` every article is its own transaction (for live
/// input, where readers expect each article as soon as it arrives).
/// Call [`Loader::finish`] at the end: articles not yet committed are lost without it.
pub struct Loader<'a> {
    store: &'a Store,
    bounds: Bounds,
    /// Quads of whole articles not yet handed to the bulk loader (less than a chunk).
    chunk: Vec<Quad>,
    /// The bulk loader of the batch in progress, once a chunk has been handed to it.
    bulk: Option<BulkLoader<'a>>,
    /// Quads in the batch in progress (handed over or waiting in `chunk`).
    batch_quads: usize,
    /// The work and time of the batch in progress since its first article.
    batch_clock: WorkClock,
    /// Hashes of the graphs in the batch in progress (a hash collision only costs an early
    /// commit).
    batch_graphs: HashSet<u64>,
    /// Bulk batches begun so far (for the test hooks).
    batches: usize,
    /// The bulk batch to pause in, and the one to pause after (the test hooks), if any.
    pause_in_batch: Option<usize>,
    pause_after_batch: Option<usize>,
}

impl Store {
    /// A loader for many articles at once (see [`Loader`]).
    pub fn loader(&self) -> Loader<'_> {
        let var = |name: &str| std::env::var(name).ok().and_then(|n| n.parse().ok());
        Loader {
            store: self,
            bounds: Bounds {
                articles: var(BATCH_ARTICLES_VAR).unwrap_or(usize::MAX),
                quads: BULK_BATCH_QUADS,
                work: BULK_BATCH_WORK,
                time: BULK_BATCH_TIME,
                chunk_quads: BULK_CHUNK_QUADS,
            },
            chunk: Vec::new(),
            bulk: None,
            batch_quads: 0,
            batch_clock: WorkClock::start(),
            batch_graphs: HashSet::new(),
            batches: 0,
            pause_in_batch: var(PAUSE_IN_BATCH_VAR),
            pause_after_batch: var(PAUSE_AFTER_BATCH_VAR),
        }
    }
}

impl<'a> Loader<'a> {
    /// At most `n` articles per batch (at least 1); 1 stores each article in its own
    /// transaction as it comes.
    pub fn with_batch_articles(mut self, n: usize) -> Self {
        self.bounds.articles = n.max(1);
        self
    }

    /// Replaces the graph `graph` by `quads` (whose graph names must be `graph`).
    pub fn replace_graph(&mut self, graph: NamedNode, quads: Vec<Quad>) -> Result<()> {
        let key = graph_key(&graph);
        if self.bounds.articles == 1
            || self.batch_graphs.contains(&key)
            || quads.len() >= self.bounds.quads
            || self.store.has_graph(graph.as_ref())?
        {
            self.commit()?;
            return self.store.replace_graph(&graph, &quads);
        }
        if self.batch_quads + quads.len() > self.bounds.quads {
            self.commit()?;
        }
        if self.batch_graphs.is_empty() {
            self.batches += 1;
            self.batch_clock = WorkClock::start();
        }
        self.batch_graphs.insert(key);
        self.batch_quads += quads.len();
        self.chunk.extend(quads);
        if self.batch_graphs.len() >= self.bounds.articles
            || self.batch_clock.work() >= self.bounds.work
            || self.batch_clock.wall() >= self.bounds.time
        {
            self.commit()?;
        } else if self.chunk.len() >= self.bounds.chunk_quads {
            self.hand_over_chunk()?;
        }
        Ok(())
    }

    /// Hands the waiting quads to the bulk loader of the batch in progress (which builds
    /// their files in the background); nothing is committed.
    fn hand_over_chunk(&mut self) -> Result<()> {
        if self.chunk.is_empty() {
            return Ok(());
        }
        let store = self.store;
        // The bulk loader's own batches are the chunks: it splits what it is given into
        // batches of (memory in MB * 1000 / threads) quads.
        let megabytes = self.bounds.chunk_quads.div_ceil(1000) * BULK_THREADS;
        let bulk = self.bulk.get_or_insert_with(|| {
            store.inner.bulk_loader().with_num_threads(BULK_THREADS).with_max_memory_size_in_megabytes(megabytes)
        });
        if self.pause_in_batch == Some(self.batches) {
            self.pause_in_batch = None;
            let second_half = self.chunk.split_off(self.chunk.len() / 2);
            bulk.load_quads(self.chunk.drain(..)).map_err(|e| store.error(e))?;
            pause(&store.path);
            self.chunk = second_half;
        }
        bulk.load_quads(self.chunk.drain(..)).map_err(|e| store.error(e))
    }

    /// Writes the articles of the batch in progress into the store, all at once.
    fn commit(&mut self) -> Result<()> {
        if self.batch_graphs.is_empty() {
            return Ok(());
        }
        self.hand_over_chunk()?;
        if let Some(bulk) = self.bulk.take() {
            bulk.commit().map_err(|e| self.store.error(e))?;
        }
        self.batch_graphs.clear();
        self.batch_quads = 0;
        if self.pause_after_batch == Some(self.batches) {
            pause(&self.store.path);
        }
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
    fn the_loader_holds_less_than_a_chunk_and_commits_the_batch_whole() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("s")).unwrap();
        let mut loader = store.loader();
        loader.bounds.chunk_quads = 5;
        let names = ["a", "b", "c", "d", "e", "f", "g"];
        let articles: Vec<_> = names.iter().map(|g| article(g, "v1", 3)).collect();
        for (g, quads) in names.iter().zip(&articles) {
            loader.replace_graph(graph(g), quads.clone()).unwrap();
            assert!(loader.chunk.len() < 5, "the quads waiting are handed over once they make a chunk");
        }
        assert!(loader.bulk.is_some(), "chunks were handed to the bulk loader");
        assert!(store.quads(None).unwrap().is_empty(), "nothing is committed before the batch ends");
        loader.finish().unwrap();
        assert_holds(&store, &articles);
    }

    #[test]
    fn chunks_handed_over_are_lost_with_their_batch_only() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("s")).unwrap();
        let mut loader = store.loader().with_batch_articles(3);
        loader.bounds.chunk_quads = 2;
        for g in ["a", "b", "c", "d", "e"] {
            loader.replace_graph(graph(g), article(g, "v1", 3)).unwrap();
        }
        // "d" and "e" are in the bulk loader's files, their batch not committed.
        assert!(loader.bulk.is_some());
        drop(loader);
        assert_holds(&store, &[article("a", "v1", 3), article("b", "v1", 3), article("c", "v1", 3)]);
    }

    /// Stores two articles with the loader's bounds set by `bound`, then drops it.
    fn batches_of_two_articles(bound: impl Fn(&mut super::Bounds)) -> usize {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("s")).unwrap();
        let mut loader = store.loader();
        bound(&mut loader.bounds);
        for g in ["a", "b"] {
            loader.replace_graph(graph(g), article(g, "v1", 2)).unwrap();
        }
        let batches = loader.batches;
        let committed = store.quads(None).unwrap().len();
        drop(loader);
        if batches == 2 {
            assert_holds(&store, &[article("a", "v1", 2), article("b", "v1", 2)]);
        } else {
            assert_eq!(committed, 0, "one batch, not yet committed");
        }
        batches
    }

    #[test]
    fn a_batch_is_committed_once_its_work_or_its_time_is_up() {
        use std::time::Duration;
        assert_eq!(batches_of_two_articles(|b| b.work = Duration::ZERO), 2, "each article was a batch of its own");
        assert_eq!(batches_of_two_articles(|b| b.time = Duration::ZERO), 2, "each article was a batch of its own");
        // Neither bound is near: one batch (the default bounds, a minute of CPU time or ten of wall time).
        assert_eq!(batches_of_two_articles(|_| {}), 1);
    }

    #[test]
    fn a_batch_is_committed_before_it_would_pass_its_quads() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("s")).unwrap();
        let mut loader = store.loader();
        loader.bounds.quads = 5;
        loader.replace_graph(graph("a"), article("a", "v1", 3)).unwrap();
        loader.replace_graph(graph("b"), article("b", "v1", 3)).unwrap();
        // "a" was committed alone (3 + 3 > 5); "b" waits.
        assert_holds(&store, &[article("a", "v1", 3)]);
        // An article of at least a batch's quads is its own transaction.
        loader.replace_graph(graph("c"), article("c", "v1", 5)).unwrap();
        assert_holds(&store, &[article("a", "v1", 3), article("b", "v1", 3), article("c", "v1", 5)]);
        loader.finish().unwrap();
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
