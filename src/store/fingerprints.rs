//! The fingerprints of ingested articles in the store (see [`crate::fingerprint`]): looking
//! one up, and removing them when an article graph is written some other way.
//!
//! **Invariant:** a stored fingerprint means the article graph is exactly what ingest
//! wrote: ingest writes it in the same batch or transaction as the graph; `remove` and a
//! Graph Store PUT or DELETE replace or drop the whole graph with it; a Graph Store POST
//! removes the fingerprints of the graphs it adds to, and a SPARQL update removes every
//! fingerprint, each in the write's own transaction (an update can touch any graph).

use oxigraph::model::{GraphNameRef, NamedNode, Quad, Term};
use oxigraph::store::{StorageError, Transaction};

use super::Store;
use crate::error::Result;
use crate::fingerprint::is_bookkeeping;
use crate::rdf::vocab::nkg;

impl Store {
    /// The fingerprint stored with the article graph `graph` (lowercase hex), if any.
    pub fn fingerprint(&self, graph: &NamedNode) -> Result<Option<String>> {
        let g = GraphNameRef::NamedNode(graph.as_ref());
        match self.inner.quads_for_pattern(None, Some(nkg::EXTRACTION_FINGERPRINT), None, Some(g)).next() {
            Some(Ok(q)) => Ok(match q.object {
                Term::Literal(l) => Some(l.value().to_owned()),
                _ => None,
            }),
            Some(Err(e)) => Err(self.error(e)),
            None => Ok(None),
        }
    }

    /// How many fingerprints the store holds (bookkeeping triples, left out of the counts
    /// of `stats`).
    pub(super) fn fingerprint_count(&self) -> Result<u64> {
        let mut n = 0;
        for q in self.inner.quads_for_pattern(None, Some(nkg::EXTRACTION_FINGERPRINT), None, None) {
            q.map_err(|e| self.error(e))?;
            n += 1;
        }
        Ok(n)
    }
}

/// Removes, in `tx`, the fingerprints of the graph `graph`, or of every graph.
pub(super) fn remove_fingerprints(tx: &mut Transaction<'_>, graph: Option<&NamedNode>) -> Result<(), StorageError> {
    let g = graph.map(|g| GraphNameRef::NamedNode(g.as_ref()));
    let stored: Vec<Quad> =
        tx.quads_for_pattern(None, Some(nkg::EXTRACTION_FINGERPRINT), None, g).collect::<Result<_, _>>()?;
    for q in &stored {
        debug_assert!(is_bookkeeping(q));
        tx.remove(q);
    }
    Ok(())
}
