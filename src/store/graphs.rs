//! The article graphs of a store: reading, replacing, adding to and removing them.
//!
//! **Invariant:** every write here is one transaction, so an article's graph is replaced
//! whole or not at all.

use oxigraph::model::{
    GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, NamedOrBlankNodeRef, Quad, Term,
    Variable,
};
use oxigraph::sparql::QueryResults;
use oxigraph::store::StorageError;

use super::fingerprints::remove_fingerprints;
use super::{QueryOptions, Store};
use crate::error::Result;
use crate::fingerprint::is_bookkeeping;
use crate::rdf::nquads::sort_quads;

impl Store {
    /// Replaces the graph `graph` by `quads` (whose graph names must be `graph`) in one
    /// transaction.
    pub fn replace_graph(&self, graph: &NamedNode, quads: &[Quad]) -> Result<()> {
        let write = || -> Result<(), StorageError> {
            let mut tx = self.inner.start_transaction()?;
            tx.clear_graph(graph.as_ref())?;
            tx.extend(quads.iter());
            tx.commit()
        };
        write().map_err(|e| self.error(e))
    }

    /// Adds quads (a Graph Store Protocol POST) in one transaction. A graph added to is no
    /// longer what ingest wrote: its fingerprint goes (see `fingerprints.rs`), and
    /// fingerprints among `quads` are not added.
    pub fn add_quads(&self, quads: &[Quad]) -> Result<()> {
        let write = || -> Result<(), StorageError> {
            let mut tx = self.inner.start_transaction()?;
            let mut touched: Vec<&NamedNode> = quads
                .iter()
                .filter_map(|q| if let GraphName::NamedNode(g) = &q.graph_name { Some(g) } else { None })
                .collect();
            touched.sort();
            touched.dedup();
            for g in touched {
                remove_fingerprints(&mut tx, Some(g))?;
            }
            tx.extend(quads.iter().filter(|q| !is_bookkeeping(*q)));
            tx.commit()
        };
        write().map_err(|e| self.error(e))
    }

    /// Removes an article's graph; returns whether it was there.
    pub fn remove_graph(&self, graph: &NamedNode) -> Result<bool> {
        let there = self.has_graph(graph.as_ref())?;
        if there {
            self.inner.remove_named_graph(graph.as_ref()).map_err(|e| self.error(e))?;
        }
        Ok(there)
    }

    /// Whether the store has this named graph.
    pub fn has_graph(&self, graph: NamedNodeRef<'_>) -> Result<bool> {
        self.inner.contains_named_graph(graph).map_err(|e| self.error(e))
    }

    /// The article graph whose `schema:identifier` is `id`, if any.
    pub fn graph_of_id(&self, id: &str) -> Result<Option<NamedNode>> {
        let q = "SELECT ?g WHERE { GRAPH ?g { ?g <https://schema.org/identifier> ?id } } LIMIT 1";
        let options = QueryOptions {
            bindings: vec![(Variable::new_unchecked("id"), Literal::new_simple_literal(id).into())],
            ..QueryOptions::default()
        };
        if let QueryResults::Solutions(mut rows) = self.query(q, &options)? {
            if let Some(row) = rows.next() {
                if let Some(Term::NamedNode(n)) = row?.get("g") {
                    return Ok(Some(n.clone()));
                }
            }
        }
        Ok(None)
    }

    /// All quads, or those of one graph, sorted; without ingest's bookkeeping (the
    /// fingerprints), so exports, pushes and Graph Store reads give the articles' content.
    pub fn quads(&self, graph: Option<&NamedNode>) -> Result<Vec<Quad>> {
        let g = graph.map(|g| GraphNameRef::NamedNode(g.as_ref()));
        let mut quads = self
            .inner
            .quads_for_pattern(None, None, None, g)
            .filter(|q| q.as_ref().map_or(true, |q| !is_bookkeeping(q)))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.error(e))?;
        sort_quads(&mut quads);
        Ok(quads)
    }

    /// The quads of one graph with one of these predicates (read from the index that
    /// starts with graph and predicate, so the graph's other quads are not decoded).
    pub fn quads_with_predicates(&self, graph: &NamedNode, predicates: &[NamedNodeRef<'_>]) -> Result<Vec<Quad>> {
        let g = GraphNameRef::NamedNode(graph.as_ref());
        let mut quads = Vec::new();
        for p in predicates {
            for q in self.inner.quads_for_pattern(None, Some(*p), None, Some(g)) {
                quads.push(q.map_err(|e| self.error(e))?);
            }
        }
        Ok(quads)
    }

    /// The quads of `graph` with the subject `subject` and the predicate `predicate`.
    pub fn quads_of_subject(
        &self,
        graph: &NamedNode,
        subject: NamedOrBlankNodeRef<'_>,
        predicate: NamedNodeRef<'_>,
    ) -> Result<Vec<Quad>> {
        let g = GraphNameRef::NamedNode(graph.as_ref());
        let quads = self.inner.quads_for_pattern(Some(subject), Some(predicate), None, Some(g));
        quads.map(|q| q.map_err(|e| self.error(e))).collect()
    }

    /// How many named graphs the store holds (without collecting and sorting their names).
    pub fn graph_count(&self) -> usize {
        self.inner.named_graphs().count()
    }

    /// The named graphs of the store, sorted.
    pub fn graph_names(&self) -> Result<Vec<NamedNode>> {
        let mut names = Vec::new();
        for g in self.inner.named_graphs() {
            if let NamedOrBlankNode::NamedNode(n) = g.map_err(|e| self.error(e))? {
                names.push(n);
            }
        }
        names.sort();
        Ok(names)
    }
}
