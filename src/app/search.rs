//! `search` (words in entity names, quotations and article texts, through the word index)
//! and `reindex` (the index rebuilt from the store); [`IndexKeeper`], how the writing
//! commands keep the index in step.

use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use oxigraph::model::{NamedNode, Quad};

use super::input::read_progress;
use crate::cli::SearchIn;
use newskg::search::{self, IndexUpdate, Kind, SearchIndex};
use newskg::store::Store;

/// The marks around a matching word in a printed snippet.
const MARK: &str = "**";

/// Prints the hits of a search, one line each: date, article id, kind, title, snippet
/// (tab-separated); the number of hits on stderr.
pub(super) fn search(words: &str, within: Option<SearchIn>, limit: usize, store: &Path) -> Result<ExitCode> {
    let kind = within.map(|w| match w {
        SearchIn::Names => Kind::Name,
        SearchIn::Quotes => Kind::Quote,
        SearchIn::Text => Kind::Text,
    });
    let query = search::Query::new(words, kind, limit)?;
    let store = Store::open_read_only(store)?;
    let index = SearchIndex::open_existing(store.path())?;
    if let Some(warning) = index.freshness().warning() {
        eprintln!("newskg: warning: {warning}");
    }
    let (total, hits) = index.search(&store, &query)?;
    let mut out = BufWriter::new(io::stdout().lock());
    for hit in &hits {
        let date = if hit.date.is_empty() { "-" } else { &hit.date };
        let title = if hit.title.is_empty() { "-" } else { &hit.title };
        writeln!(
            out,
            "{date}\t{}\t{}\t{}\t{}",
            one_line(&hit.article),
            hit.kind.name(),
            one_line(title),
            one_line(&marked(&hit.snippet, &hit.marks))
        )?;
    }
    out.flush()?;
    let shown =
        if hits.len() < total { format!(" (showing {}; --limit N for more)", hits.len()) } else { String::new() };
    eprintln!("newskg: {total} hit{}{shown}", if total == 1 { "" } else { "s" });
    Ok(ExitCode::SUCCESS)
}

/// `text` with [`MARK`] around each of the byte ranges `marks`.
fn marked(text: &str, marks: &[std::ops::Range<usize>]) -> String {
    search::pieces(text, marks)
        .into_iter()
        .map(|(mark, piece)| if mark { format!("{MARK}{piece}{MARK}") } else { piece.to_owned() })
        .collect()
}

/// `text` on one line: tabs and line breaks become spaces.
fn one_line(text: &str) -> String {
    text.split(['\t', '\n', '\r']).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ")
}

/// Rebuilds the word index from the store.
pub(super) fn reindex(store: &Path) -> Result<ExitCode> {
    let store = Store::open(store)?;
    let progress = read_progress();
    let mut seen = 0;
    let rebuilt = search::rebuild(&store, |n| {
        while seen < n {
            progress.inc();
            seen += 1;
        }
    })?;
    progress.finish();
    eprintln!(
        "newskg: indexed {} article{} ({} documents) in {}",
        rebuilt.articles,
        if rebuilt.articles == 1 { "" } else { "s" },
        rebuilt.documents,
        store.path().join(search::INDEX_DIR).display()
    );
    Ok(ExitCode::SUCCESS)
}

/// How a writing command keeps the word index in step: begun before the first store
/// write, told of each article written or removed, committed after the store.
pub(super) struct IndexKeeper(Option<IndexUpdate>);

impl IndexKeeper {
    /// Begins (see [`IndexUpdate::begin`]); says so when the store has no index.
    pub(super) fn begin(store: &Store) -> Result<IndexKeeper> {
        let update = IndexUpdate::begin(store)?;
        if update.is_none() {
            eprintln!("newskg: note: this store has no word index; `newskg reindex` builds it");
        }
        Ok(IndexKeeper(update))
    }

    pub(super) fn replace_article(&mut self, graph: &NamedNode, quads: &[Quad]) -> newskg::Result<()> {
        if let Some(update) = &mut self.0 {
            update.replace_article(graph, quads)?;
        }
        Ok(())
    }

    /// After a failed store write: the index no longer follows the store, and its
    /// commit leaves it stale.
    pub(super) fn lose_step(&mut self) {
        if let Some(update) = &mut self.0 {
            update.lose_step();
        }
    }

    pub(super) fn remove_article(&mut self, graph: &NamedNode) {
        if let Some(update) = &mut self.0 {
            update.remove_article(graph);
        }
    }

    /// Commits the index: call it after the store has committed.
    pub(super) fn commit(self) -> Result<()> {
        if let Some(update) = self.0 {
            update.commit()?;
        }
        Ok(())
    }
}

/// Marks the index stale before a store write that does not keep it, and says so.
pub(super) fn mark_stale(store: &Store) -> Result<()> {
    if search::mark_stale(store)? {
        eprintln!("newskg: note: the word index no longer follows the store; `newskg reindex` rebuilds it");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_mark_their_words_on_one_line() {
        assert_eq!(marked("Anna Keller said", &[0..4, 12..16]), "**Anna** Keller **said**");
        assert_eq!(marked("Müller", std::slice::from_ref(&(0..7))), "**Müller**");
        assert_eq!(one_line("a\tb\n\nc"), "a b c");
    }
}
