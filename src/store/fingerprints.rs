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

#[cfg(test)]
mod tests {
    use oxigraph::model::{GraphName, Literal, NamedNode, Quad};

    use crate::fingerprint::is_bookkeeping;
    use crate::rdf::vocab::nkg;
    use crate::store::Store;

    fn graph(n: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("http://example.org/article/{n}"))
    }

    fn quad(g: &str, p: oxigraph::model::NamedNodeRef<'_>, o: &str) -> Quad {
        Quad::new(graph(g), p, Literal::new_simple_literal(o), GraphName::NamedNode(graph(g)))
    }

    /// A store with articles "a" and "b", each with one triple and a fingerprint.
    fn store() -> Store {
        let store = Store::in_memory().unwrap();
        for g in ["a", "b"] {
            store
                .replace_graph(&graph(g), &[quad(g, nkg::RULE, "r"), quad(g, nkg::EXTRACTION_FINGERPRINT, g)])
                .unwrap();
        }
        store
    }

    #[test]
    fn fingerprints_are_read_back_and_left_out_of_reads_and_counts() {
        let store = store();
        assert_eq!(store.fingerprint(&graph("a")).unwrap().as_deref(), Some("a"));
        assert_eq!(store.fingerprint(&graph("c")).unwrap(), None);
        let quads = store.quads(None).unwrap();
        assert_eq!(quads.len(), 2);
        assert!(!quads.iter().any(is_bookkeeping));
        let stats = store.stats().unwrap();
        assert_eq!((stats.articles, stats.triples), (2, 2));
        assert!(store.remove_graph(&graph("a")).unwrap());
        assert_eq!(store.fingerprint(&graph("a")).unwrap(), None, "removed with its graph");
    }

    #[test]
    fn adding_to_a_graph_removes_its_fingerprint_only() {
        let store = store();
        store.add_quads(&[quad("a", nkg::TEXT, "more")]).unwrap();
        assert_eq!(store.fingerprint(&graph("a")).unwrap(), None);
        assert_eq!(store.fingerprint(&graph("b")).unwrap().as_deref(), Some("b"));
        // A fingerprint given with the quads is not stored.
        store.add_quads(&[quad("c", nkg::RULE, "r"), quad("c", nkg::EXTRACTION_FINGERPRINT, "c")]).unwrap();
        assert_eq!(store.fingerprint(&graph("c")).unwrap(), None);
    }

    #[test]
    fn an_update_removes_every_fingerprint_and_a_failed_one_none() {
        let store = store();
        assert!(store
            .update("INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> <urn:c> } } ; LOAD <file:///none>")
            .is_err());
        assert_eq!(store.fingerprint(&graph("a")).unwrap().as_deref(), Some("a"));
        store.update("INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> <urn:c> } }").unwrap();
        assert_eq!(store.fingerprint(&graph("a")).unwrap(), None);
        assert_eq!(store.fingerprint(&graph("b")).unwrap(), None);
        assert_eq!(store.quads(None).unwrap().len(), 3);
    }
}
