//! What the pages keep in memory about the store: the entity names for search
//! ([`NameIndex`]) and the publication day of every article graph (to list an entity's
//! articles newest first without joining every row with its date in SPARQL: Oxigraph joins
//! by hashing, so that join would read the date of every article of the store).
//!
//! A background thread builds the catalog when the server starts and again after the
//! store is written (at most every [`REBUILD_PAUSE`] or four build times, whichever is
//! longer). Pages work without it: they read the store instead, more slowly.
//!
//! **Invariant:** a page gives the same rows with or without the catalog (tested); once
//! the store has been written since the catalog was built, an article graph the catalog
//! does not know has its date read from the store.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use oxigraph::model::NamedNode;
use rustc_hash::FxHashMap;

use super::search::NameIndex;
use super::{iri, text, Ctx, ViewResult};
use crate::serve::Service;

/// The shortest pause between two builds after writes.
const REBUILD_PAUSE: Duration = Duration::from_secs(5);

/// The catalog of a store.
pub struct Catalog {
    pub names: NameIndex,
    /// The publication day of each dated article graph.
    dates: FxHashMap<NamedNode, String>,
    /// The number of writes to the store seen when the build started.
    writes: u64,
}

impl Catalog {
    /// Reads the catalog of the store; `writes` is the service's count of writes now.
    pub fn read(ctx: &Ctx<'_>, writes: u64) -> ViewResult<Catalog> {
        let mut dates: FxHashMap<NamedNode, String> = FxHashMap::default();
        for r in ctx.rows("SELECT ?g ?d WHERE { GRAPH ?g { ?g schema:datePublished ?d } }")? {
            if let (Some(g), Some(d)) = (iri(&r, "g"), text(&r, "d")) {
                let day = dates.entry(g).or_default();
                if d > *day {
                    *day = d;
                }
            }
        }
        Ok(Catalog { names: NameIndex::read(ctx)?, dates, writes })
    }
}

/// The catalog as a page sees it.
pub struct Snapshot {
    pub catalog: Arc<Catalog>,
    /// Whether the store has been written since the catalog was built.
    pub stale: bool,
}

impl Snapshot {
    /// The publication day of an article graph: `Some(None)` when it has none, `None` when
    /// the catalog cannot tell (the graph may have been written since it was built).
    pub fn date(&self, graph: &NamedNode) -> Option<Option<&str>> {
        match self.catalog.dates.get(graph) {
            Some(day) => Some(Some(day.as_str())),
            None if self.stale => None,
            None => Some(None),
        }
    }
}

/// The catalog of a service and the way to ask for a new one.
#[derive(Default)]
pub struct State {
    catalog: RwLock<Option<Arc<Catalog>>>,
    /// Writes to the store so far.
    writes: AtomicU64,
    /// Wakes the catalog thread (when one runs).
    changed: Mutex<Option<mpsc::Sender<()>>>,
}

impl State {
    /// The store was written: the catalog is stale, and rebuilt soon when a thread does it.
    pub fn store_changed(&self) {
        self.writes.fetch_add(1, Ordering::SeqCst);
        if let Ok(changed) = self.changed.lock() {
            if let Some(tx) = changed.as_ref() {
                let _ = tx.send(());
            }
        }
    }

    /// The catalog, when one has been built.
    pub fn current(&self) -> Option<Snapshot> {
        let catalog = self.catalog.read().ok().and_then(|c| c.clone())?;
        let stale = catalog.writes != self.writes.load(Ordering::SeqCst);
        Some(Snapshot { catalog, stale })
    }

    /// Builds the catalog now, in this thread.
    pub fn build(&self, ctx: &Ctx<'_>) -> ViewResult<()> {
        let catalog = Catalog::read(ctx, self.writes.load(Ordering::SeqCst))?;
        if let Ok(mut slot) = self.catalog.write() {
            *slot = Some(Arc::new(catalog));
        }
        Ok(())
    }
}

/// Starts the thread that builds the service's catalog, now and after writes. It stops
/// when the service is dropped.
pub fn start_indexer(service: &Arc<Service>) {
    let (tx, rx) = mpsc::channel::<()>();
    if let Ok(mut changed) = service.view.changed.lock() {
        *changed = Some(tx);
    }
    let service = Arc::downgrade(service);
    std::thread::spawn(move || loop {
        let Some(s) = service.upgrade() else { return };
        let started = Instant::now();
        if let Err(e) = s.view.build(&Ctx::unlimited(&s.store)) {
            eprintln!("newskg: warning: the pages' catalog could not be built ({}); pages read the store", e.message);
        }
        let took = started.elapsed();
        drop(s);
        if rx.recv().is_err() {
            return;
        }
        std::thread::sleep(REBUILD_PAUSE.max(took * 4));
        while rx.try_recv().is_ok() {}
    });
}
