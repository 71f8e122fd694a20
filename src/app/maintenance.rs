//! The store's upkeep: `remove` (article graphs, and their documents in the word index), `stats` (counts) and `optimize`
//! (compaction).

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

use super::search::IndexKeeper;
use super::{resolve_graph, Failures};
use newskg::rdf::Minter;
use newskg::store::Store;

/// Removes articles by id or graph IRI; one that is not in the store is reported and the
/// others are removed.
pub(super) fn remove(articles: &[String], store: &Path) -> Result<ExitCode> {
    let store = Store::open(store)?;
    let mut index = IndexKeeper::begin(&store)?;
    let minter = Minter::default();
    let mut failures = Failures::default();
    for a in articles {
        match resolve_graph(&store, &minter, a)? {
            Some(g) => {
                store.remove_graph(&g)?;
                index.remove_article(&g);
                eprintln!("newskg: removed {g}");
            }
            None => failures.report(&format!("{a}: no such article in {}", store.path().display())),
        }
    }
    index.commit()?;
    Ok(failures.exit_code())
}

/// Prints the number of articles, triples, and entities by type.
pub(super) fn stats(store: &Path) -> Result<ExitCode> {
    let stats = Store::open_read_only(store)?.stats()?;
    let mut out = io::stdout().lock();
    writeln!(out, "articles\t{}", stats.articles)?;
    writeln!(out, "triples\t{}", stats.triples)?;
    for (t, n) in &stats.entities_by_type {
        let name = t.rsplit('#').next().unwrap_or(t);
        writeln!(out, "{}\t{n}", name.to_lowercase())?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Compacts the store.
pub(super) fn optimize(store: &Path) -> Result<ExitCode> {
    Store::open(store)?.optimize()?;
    Ok(ExitCode::SUCCESS)
}
