//! Incremental ingest: before extraction, each article's fingerprint (see
//! `newskg::fingerprint`) is compared with the one stored with its graph, on the worker
//! threads (one index lookup per article); an article stored unchanged by the same
//! extractor is skipped (no extraction, no write), any other is extracted and stored with
//! its new fingerprint, in the same batch or transaction as its graph. `--force` skips the
//! lookup and re-extracts everything.
//!
//! **Invariant:** the store after an incremental ingest holds exactly what a forced one
//! would write. An article skipped by a worker is stored unchanged as of the last commit;
//! if this run has written the same graph since (an article given twice), the sink, which
//! sees the articles in input order, re-extracts it unless this run wrote the same
//! fingerprint.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use oxigraph::model::{NamedNode, Quad};

use super::input::InputConfig;
use super::search::IndexKeeper;
use newskg::article::Article;
use newskg::fingerprint::{Fingerprint, Fingerprinter};
use newskg::store::{Loader, Store};

/// What the workers need to judge an article.
pub(super) struct Incremental<'a> {
    input: &'a InputConfig,
    store: &'a Store,
    fingerprinter: Fingerprinter,
    /// Re-extract every article (`--force`).
    force: bool,
}

/// A worker's verdict on one article.
pub(super) enum Verdict {
    /// Stored already with the same fingerprint (as of the last commit).
    Unchanged { graph: NamedNode, fingerprint: Fingerprint, article: Box<Article> },
    /// Extracted, to be stored; `stored_before` says whether the store had its graph.
    Extracted { graph: NamedNode, quads: Vec<Quad>, fingerprint: Fingerprint, stored_before: bool },
}

impl<'a> Incremental<'a> {
    pub(super) fn new(input: &'a InputConfig, store: &'a Store, force: bool) -> Self {
        Incremental { input, store, fingerprinter: input.fingerprinter(), force }
    }

    /// Judges one article (or passes on its input error): runs on the worker threads.
    pub(super) fn examine(&self, article: Result<Article, newskg::Error>) -> Result<Verdict, newskg::Error> {
        let article = self.input.prepare(article)?;
        let graph = self.input.graph_name(&article)?;
        let fingerprint = self.fingerprinter.of(&article);
        let stored = if self.force { None } else { self.store.fingerprint(&graph)? };
        if stored.as_deref() == Some(fingerprint.to_hex().as_str()) {
            return Ok(Verdict::Unchanged { graph, fingerprint, article: Box::new(article) });
        }
        let stored_before = stored.is_some() || self.store.has_graph(graph.as_ref())?;
        let (graph, quads) = self.graph_of(&article, fingerprint)?;
        Ok(Verdict::Extracted { graph, quads, fingerprint, stored_before })
    }

    /// A prepared article's graph name and quads, its fingerprint among them.
    fn graph_of(&self, article: &Article, fingerprint: Fingerprint) -> Result<(NamedNode, Vec<Quad>), newskg::Error> {
        let (graph, mut quads) = self.input.graph_of(article)?;
        quads.push(fingerprint.quad(&graph));
        Ok((graph, quads))
    }
}

/// The articles new, changed and unchanged so far, and what this run wrote.
#[derive(Default)]
pub(super) struct Tally {
    pub(super) new: usize,
    pub(super) changed: usize,
    pub(super) unchanged: usize,
    /// Triples written (bookkeeping not counted).
    pub(super) triples: usize,
    /// The fingerprint this run wrote for each graph, by a hash of the graph's name (a
    /// collision only costs a re-extraction).
    written: HashMap<u64, Fingerprint>,
}

impl Tally {
    /// Stores a verdict (in input order, on the sink's thread) and counts it. An article
    /// that this run has stored already with the same fingerprint (given twice) is counted
    /// unchanged and not written again.
    pub(super) fn store(
        &mut self,
        incremental: &Incremental<'_>,
        verdict: Verdict,
        loader: &mut Loader<'_>,
        index: &mut IndexKeeper,
    ) -> Result<(), newskg::Error> {
        let (graph, quads, fingerprint, stored_before) = match verdict {
            Verdict::Unchanged { graph, fingerprint, article } => match self.written.get(&graph_key(&graph)) {
                // This run wrote another version of it after the worker looked.
                Some(written) if *written != fingerprint => {
                    let (graph, quads) = incremental.graph_of(&article, fingerprint)?;
                    (graph, quads, fingerprint, true)
                }
                _ => {
                    self.unchanged += 1;
                    return Ok(());
                }
            },
            Verdict::Extracted { graph, quads, fingerprint, stored_before } => {
                (graph, quads, fingerprint, stored_before)
            }
        };
        match self.written.insert(graph_key(&graph), fingerprint) {
            Some(written) if written == fingerprint => {
                self.unchanged += 1;
                return Ok(());
            }
            Some(_) => self.changed += 1,
            None if stored_before => self.changed += 1,
            None => self.new += 1,
        }
        // Every extracted graph holds one bookkeeping quad, its fingerprint.
        self.triples += quads.len() - 1;
        index.replace_article(&graph, &quads)?;
        loader.replace_graph(graph, quads).inspect_err(|_| index.lose_step())
    }

    /// "N new, N changed, N unchanged".
    pub(super) fn summary(&self) -> String {
        format!("{} new, {} changed, {} unchanged", self.new, self.changed, self.unchanged)
    }
}

fn graph_key(graph: &NamedNode) -> u64 {
    let mut h = DefaultHasher::new();
    graph.as_str().hash(&mut h);
    h.finish()
}
