//! The word index beside the store (tantivy, in the store's folder under
//! [`INDEX_DIR`]): entity names, quotations, article headlines and texts, found by their
//! words in any case (`newskg search`, `/search` in serve, and the word filters of the
//! ready-made queries).
//!
//! Kept in step with the store: a writer calls [`IndexUpdate::begin`] before its first
//! store write, adds or removes the documents of each article it writes, and commits after
//! the store has committed. The store's generation (a number in [`GENERATION_FILE`],
//! raised by every `begin`) and the index's (its commit payload) tell whether the index
//! saw every store write.
//!
//! **Invariant:** the index's generation equals the store's only if the index holds the
//! documents of exactly the store's article graphs. `begin` raises the store's number
//! before any store write; the index takes the new number only when it was in step
//! before and commits after the store. A crash in between, or a write that does not keep
//! the index ([`mark_stale`]: SPARQL updates, writes through serve), leaves the numbers
//! apart, and [`Freshness::Stale`] says so until `newskg reindex` rebuilds the index.

mod documents;
mod fields;
mod filtered;
mod find;
mod restrict;
mod roles;

use std::path::{Path, PathBuf};

use oxigraph::model::{NamedNode, Quad};
use tantivy::{Index, IndexWriter, TantivyDocument, Term};

pub use documents::{article_words, ArticleInfo, Document, Kind};
pub use filtered::{first_rows_by_article, restrict_all, Rows, WordMatches};
pub use find::{pieces, Hit, NameMatches, Query};
pub use restrict::restrict;
pub use roles::{required_roles, Roles};

use crate::error::{Error, Result};
use crate::store::Store;
use fields::Fields;

/// The index's folder inside the store's folder.
pub const INDEX_DIR: &str = "search-index";
/// The file in the store's folder that holds the store's generation.
pub const GENERATION_FILE: &str = "newskg-generation";
/// Memory for the index writer's buffers (it writes a segment when they are full).
const WRITER_MEMORY: usize = 100_000_000;

/// What went wrong with the word index; [`Error::Search`] adds the store's folder.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// Tantivy could not open, read or write the index.
    #[error("word index: {0}")]
    Index(#[from] tantivy::TantivyError),
    /// The generation file could not be read or written.
    #[error("{GENERATION_FILE}: {0}")]
    Generation(#[source] std::io::Error),
    /// The store has no word index.
    #[error("no word index (build it with `newskg reindex`)")]
    Missing,
    /// A search gave no word to look for.
    #[error("nothing to search for in {0:?}: give at least one word (letters or digits)")]
    NoWords(String),
}

/// Whether the index saw every write of the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freshness {
    Fresh,
    /// The store was written since (or while) the index was last kept in step.
    Stale {
        store: u64,
        index: u64,
    },
}

impl Freshness {
    /// A one-line warning for a stale index, `None` when fresh.
    pub fn warning(self) -> Option<String> {
        match self {
            Freshness::Fresh => None,
            Freshness::Stale { store, index } => Some(format!(
                "the word index is stale (store generation {store}, index {index}): \
                 results may be missing or out of date; `newskg reindex` rebuilds it"
            )),
        }
    }
}

/// An open word index.
pub struct SearchIndex {
    index: Index,
    fields: Fields,
    freshness: Freshness,
}

fn fail(store: &Path, source: impl Into<SearchError>) -> Error {
    Error::Search { path: store.to_owned(), source: source.into() }
}

impl SearchIndex {
    /// Opens the word index of the store in `store_dir`; `None` when it has none.
    pub fn open(store_dir: &Path) -> Result<Option<SearchIndex>> {
        let dir = store_dir.join(INDEX_DIR);
        if !dir.join("meta.json").exists() {
            return Ok(None);
        }
        let index = Index::open_in_dir(&dir).map_err(|e| fail(store_dir, e))?;
        let fields = Fields::of(&index).map_err(|e| fail(store_dir, e))?;
        let index_generation = generation_of(&index).map_err(|e| fail(store_dir, e))?;
        let store_generation = read_generation(store_dir)?;
        let freshness = match index_generation {
            Some(g) if g == store_generation => Freshness::Fresh,
            g => Freshness::Stale { store: store_generation, index: g.unwrap_or(0) },
        };
        Ok(Some(SearchIndex { index, fields, freshness }))
    }

    /// Opens the word index, or fails with [`SearchError::Missing`].
    pub fn open_existing(store_dir: &Path) -> Result<SearchIndex> {
        Self::open(store_dir)?.ok_or_else(|| fail(store_dir, SearchError::Missing))
    }

    pub fn freshness(&self) -> Freshness {
        self.freshness
    }
}

/// The index's generation: its last commit's payload.
fn generation_of(index: &Index) -> tantivy::Result<Option<u64>> {
    Ok(index.load_metas()?.payload.and_then(|p| p.trim().parse().ok()))
}

/// The store's generation (0 when it has never been written with an index).
fn read_generation(store_dir: &Path) -> Result<u64> {
    match std::fs::read_to_string(store_dir.join(GENERATION_FILE)) {
        Ok(s) => Ok(s.trim().parse().unwrap_or(0)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(0),
        Err(e) => Err(fail(store_dir, SearchError::Generation(e))),
    }
}

/// Writes the store's generation durably (a new file renamed over the old one).
fn write_generation(store_dir: &Path, generation: u64) -> Result<()> {
    let write = || -> std::io::Result<()> {
        let tmp = store_dir.join(format!("{GENERATION_FILE}.new"));
        let mut file = std::fs::File::create(&tmp)?;
        std::io::Write::write_all(&mut file, format!("{generation}\n").as_bytes())?;
        file.sync_all()?;
        std::fs::rename(&tmp, store_dir.join(GENERATION_FILE))
    };
    write().map_err(|e| fail(store_dir, SearchError::Generation(e)))
}

/// Raises the store's generation, so that the index reads as stale: for a store write
/// that does not keep the index (a SPARQL update). Call it before the write, holding the
/// store's writer lock. Returns whether the store has an index (that is now stale).
pub fn mark_stale(store: &Store) -> Result<bool> {
    let dir = store.path();
    if !dir.is_dir() {
        return Ok(false); // a store in memory has no index
    }
    write_generation(dir, read_generation(dir)? + 1)?;
    Ok(dir.join(INDEX_DIR).join("meta.json").exists())
}

/// The index kept in step with one run of store writes (see the module documentation).
pub struct IndexUpdate {
    writer: IndexWriter,
    fields: Fields,
    store_dir: PathBuf,
    /// The generation the index takes when it commits.
    commit_as: u64,
    /// The generation the index had (it keeps it when it cannot follow the store).
    had: u64,
}

impl IndexUpdate {
    /// Begins a run of store writes: raises the store's generation. Creates the index when
    /// the store holds no article yet; `None` when the store has articles but no index
    /// (`newskg reindex` builds it).
    pub fn begin(store: &Store) -> Result<Option<IndexUpdate>> {
        let dir = store.path().to_owned();
        if !dir.is_dir() {
            return Ok(None); // a store in memory has no index
        }
        let stored = read_generation(&dir)?;
        let opened = match SearchIndex::open(&dir)? {
            Some(open) => Some(open),
            None if store.graph_count() == 0 => Some(create(&dir, stored)?),
            None => None,
        };
        let next = stored + 1;
        write_generation(&dir, next)?;
        let Some(open) = opened else { return Ok(None) };
        let (commit_as, had) = match open.freshness {
            Freshness::Fresh => (next, stored),
            Freshness::Stale { index, .. } => (index, index),
        };
        let writer = open.index.writer(WRITER_MEMORY).map_err(|e| fail(&dir, e))?;
        Ok(Some(IndexUpdate { writer, fields: open.fields, store_dir: dir, commit_as, had }))
    }

    /// After a failed store write: the index can no longer tell what the store holds, so
    /// its commit keeps the generation it had (stale).
    pub fn lose_step(&mut self) {
        self.commit_as = self.had;
    }

    /// Replaces the documents of the article graph `graph` by those of `quads`.
    pub fn replace_article(&mut self, graph: &NamedNode, quads: &[Quad]) -> Result<()> {
        self.remove_article(graph);
        let (info, docs) = documents::of_graph(graph, quads);
        for doc in &docs {
            let doc: TantivyDocument = self.fields.document(&info, doc);
            self.writer.add_document(doc).map_err(|e| fail(&self.store_dir, e))?;
        }
        Ok(())
    }

    /// Removes the documents of the article graph `graph`.
    pub fn remove_article(&mut self, graph: &NamedNode) {
        self.writer.delete_term(Term::from_field_text(self.fields.graph, graph.as_str()));
    }

    /// Commits the index (after the store has committed its writes).
    pub fn commit(mut self) -> Result<()> {
        let dir = self.store_dir.clone();
        let mut prepared = self.writer.prepare_commit().map_err(|e| fail(&dir, e))?;
        prepared.set_payload(&self.commit_as.to_string());
        prepared.commit().map_err(|e| fail(&dir, e))?;
        self.writer.wait_merging_threads().map_err(|e| fail(&dir, e))
    }
}

/// Creates an empty index of the generation `generation`.
fn create(store_dir: &Path, generation: u64) -> Result<SearchIndex> {
    let dir = store_dir.join(INDEX_DIR);
    std::fs::create_dir_all(&dir).map_err(|e| fail(store_dir, SearchError::Generation(e)))?;
    let index = Index::create_in_dir(&dir, fields::schema()).map_err(|e| fail(store_dir, e))?;
    let fields = Fields::of(&index).map_err(|e| fail(store_dir, e))?;
    let mut writer: IndexWriter = index.writer(WRITER_MEMORY).map_err(|e| fail(store_dir, e))?;
    let mut prepared = writer.prepare_commit().map_err(|e| fail(store_dir, e))?;
    prepared.set_payload(&generation.to_string());
    prepared.commit().map_err(|e| fail(store_dir, e))?;
    Ok(SearchIndex { index, fields, freshness: Freshness::Fresh })
}

/// What a rebuild did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rebuilt {
    pub articles: usize,
    pub documents: usize,
}

/// Builds the index anew from every article graph of the store (held as a writer), in a
/// new folder that replaces the old index when complete; the index is then fresh.
pub fn rebuild(store: &Store, mut progress: impl FnMut(usize)) -> Result<Rebuilt> {
    let dir = store.path().to_owned();
    let generation = read_generation(&dir)?;
    let building = dir.join(format!("{INDEX_DIR}.new"));
    let io_fail = |e| fail(&dir, SearchError::Generation(e));
    if building.exists() {
        std::fs::remove_dir_all(&building).map_err(io_fail)?;
    }
    std::fs::create_dir_all(&building).map_err(io_fail)?;
    let index = Index::create_in_dir(&building, fields::schema()).map_err(|e| fail(&dir, e))?;
    let fields = Fields::of(&index).map_err(|e| fail(&dir, e))?;
    let mut writer: IndexWriter = index.writer(WRITER_MEMORY).map_err(|e| fail(&dir, e))?;
    let mut done = Rebuilt { articles: 0, documents: 0 };
    for graph in store.graph_names()? {
        let quads = documents::quads_of_article(store, &graph)?;
        let (info, docs) = documents::of_graph(&graph, &quads);
        for doc in &docs {
            let doc: TantivyDocument = fields.document(&info, doc);
            writer.add_document(doc).map_err(|e| fail(&dir, e))?;
        }
        done.articles += 1;
        done.documents += docs.len();
        progress(done.articles);
    }
    let mut prepared = writer.prepare_commit().map_err(|e| fail(&dir, e))?;
    prepared.set_payload(&generation.to_string());
    prepared.commit().map_err(|e| fail(&dir, e))?;
    writer.wait_merging_threads().map_err(|e| fail(&dir, e))?;
    let target = dir.join(INDEX_DIR);
    if target.exists() {
        std::fs::remove_dir_all(&target).map_err(io_fail)?;
    }
    std::fs::rename(&building, &target).map_err(io_fail)?;
    Ok(done)
}

/// Runs `write`, a store write of the one article graph `graph` (a Graph Store Protocol
/// PUT, POST or DELETE), and keeps the index in step: afterwards the graph is read back
/// from the store and its documents replace the old ones (or are removed with it).
pub fn write_graph<T>(store: &Store, graph: &NamedNode, write: impl FnOnce() -> Result<T>) -> Result<T> {
    let update = IndexUpdate::begin(store)?;
    let written = write()?;
    if let Some(mut update) = update {
        if store.has_graph(graph.as_ref())? {
            update.replace_article(graph, &documents::quads_of_article(store, graph)?)?;
        } else {
            update.remove_article(graph);
        }
        update.commit()?;
    }
    Ok(written)
}
