//! One article's graph held compactly: every distinct term once, each triple as three
//! `u32` term numbers, sorted in the order of its N-Quads lines.
//!
//! Owned oxrdf quads cost about 550 bytes each (four owned terms, the graph name and the
//! predicate included, each its own allocation); a 2 MB article has over 200,000 of them.
//! Here a triple is 12 bytes and a term is stored once however often it is used (a span
//! node is the subject of six triples and the object of one), so the whole graph takes
//! about a tenth of that, and the output formats read the quads from it as `QuadRef`s
//! without copying them.
//!
//! **Invariant:** terms are numbered in the order of their N-Quads forms, so the triples,
//! sorted as number triples and deduplicated, are in the order of their N-Quads lines
//! (the order [`super::nquads::sort_quads`] gives owned quads).

use std::io::Write;

use indexmap::IndexSet;
use oxigraph::model::{
    GraphName, GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNodeRef, Quad, QuadRef, Term, TermRef,
};
use rustc_hash::{FxBuildHasher, FxHashMap};

use super::nquads::{cmp_term, write_line};

/// Collects the triples of one graph, each term numbered once.
pub struct GraphBuilder {
    graph: GraphName,
    terms: IndexSet<Term, FxBuildHasher>,
    /// The numbers of the predicates, by IRI: found without making a term (a few dozen
    /// predicates make every triple).
    predicates: FxHashMap<Box<str>, u32>,
    triples: Vec<[u32; 3]>,
}

impl GraphBuilder {
    /// A builder of the triples of `graph`.
    pub fn new(graph: GraphName) -> Self {
        GraphBuilder { graph, terms: IndexSet::default(), predicates: FxHashMap::default(), triples: Vec::new() }
    }

    /// Adds a triple (a subject that is no named node or blank node is ignored: the
    /// mapping writes none).
    pub fn add(&mut self, subject: impl Into<Term>, predicate: NamedNodeRef<'_>, object: impl Into<Term>) {
        let s = self.number(subject.into());
        let p = match self.predicates.get(predicate.as_str()) {
            Some(&p) => p,
            None => {
                let p = self.number(Term::NamedNode(predicate.into_owned()));
                self.predicates.insert(predicate.as_str().into(), p);
                p
            }
        };
        let o = self.number(object.into());
        self.triples.push([s, p, o]);
    }

    fn number(&mut self, term: Term) -> u32 {
        let (i, _) = self.terms.insert_full(term);
        u32::try_from(i).expect("an article's graph has fewer than 2^32 terms")
    }

    /// The graph, its triples sorted in N-Quads line order and deduplicated.
    pub fn finish(self) -> ArticleGraph {
        let mut terms: Vec<Option<Term>> = self.terms.into_iter().map(Some).collect();
        let mut by_form: Vec<u32> = (0..terms.len() as u32).collect();
        by_form.sort_unstable_by(|&a, &b| {
            let term = |i: u32| terms[i as usize].as_ref().expect("not taken yet").as_ref();
            cmp_term(term(a), term(b))
        });
        let mut rank = vec![0u32; terms.len()];
        for (r, &i) in by_form.iter().enumerate() {
            rank[i as usize] = r as u32;
        }
        let sorted_terms: Vec<Term> =
            by_form.iter().map(|&i| terms[i as usize].take().expect("each term is taken once")).collect();
        let mut triples = self.triples;
        for t in &mut triples {
            *t = t.map(|i| rank[i as usize]);
        }
        triples.sort_unstable();
        triples.dedup();
        triples.shrink_to_fit();
        ArticleGraph { graph: self.graph, terms: sorted_terms, triples }
    }
}

/// The quads of one graph, sorted and deduplicated (see the module comment).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleGraph {
    graph: GraphName,
    terms: Vec<Term>,
    triples: Vec<[u32; 3]>,
}

impl ArticleGraph {
    /// How many quads.
    pub fn len(&self) -> usize {
        self.triples.len()
    }

    pub fn is_empty(&self) -> bool {
        self.triples.is_empty()
    }

    /// The graph every quad is in.
    pub fn graph_name(&self) -> GraphNameRef<'_> {
        self.graph.as_ref()
    }

    /// The same triples in the default graph (for formats without named graphs); the order
    /// stays sorted, because every quad was in the one graph.
    pub fn into_default_graph(mut self) -> Self {
        self.graph = GraphName::DefaultGraph;
        self
    }

    /// The quads, in N-Quads line order.
    pub fn quads(&self) -> impl ExactSizeIterator<Item = QuadRef<'_>> + '_ {
        let graph = self.graph.as_ref();
        self.triples.iter().map(move |t| {
            let subject = match self.terms[t[0] as usize].as_ref() {
                TermRef::NamedNode(n) => NamedOrBlankNodeRef::NamedNode(n),
                TermRef::BlankNode(b) => NamedOrBlankNodeRef::BlankNode(b),
                other => unreachable!("GraphBuilder::add takes only nodes as subjects, not {other}"),
            };
            let TermRef::NamedNode(predicate) = self.terms[t[1] as usize].as_ref() else {
                unreachable!("GraphBuilder::add takes only named nodes as predicates")
            };
            QuadRef::new(subject, predicate, self.terms[t[2] as usize].as_ref(), graph)
        })
    }

    /// Owned quads, for the callers that keep them.
    pub fn into_quads(self) -> Vec<Quad> {
        self.quads().map(QuadRef::into_owned).collect()
    }

    /// Writes the N-Quads lines (or N-Triples lines without `with_graph`) to `out`, a few
    /// kilobytes at a time.
    pub fn write_lines(&self, out: &mut impl Write, with_graph: bool) -> std::io::Result<()> {
        const CHUNK: usize = 64 * 1024;
        let mut buf = Vec::with_capacity(CHUNK + 1024);
        for q in self.quads() {
            write_line(&mut buf, q, with_graph);
            if buf.len() >= CHUNK {
                out.write_all(&buf)?;
                buf.clear();
            }
        }
        out.write_all(&buf)
    }
}

impl From<NamedNode> for GraphBuilder {
    fn from(graph: NamedNode) -> Self {
        GraphBuilder::new(GraphName::NamedNode(graph))
    }
}

#[cfg(test)]
mod tests {
    use super::GraphBuilder;
    use crate::rdf::nquads::sort_quads;
    use oxigraph::model::{BlankNode, GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};
    use proptest::prelude::*;

    fn iri() -> impl Strategy<Value = NamedNode> {
        "[ab0-9/#%.-]{0,4}".prop_map(|s| NamedNode::new_unchecked(format!("http://e.org/{s}")))
    }

    fn object() -> impl Strategy<Value = Term> {
        prop_oneof![
            iri().prop_map(Term::from),
            "[ab1]{1,2}".prop_map(|b| Term::from(BlankNode::new_unchecked(b))),
            "[ab \"\\\\\n\u{0}é]{0,4}".prop_map(|v| Term::from(Literal::new_simple_literal(v))),
            ("[ab]{0,3}", prop_oneof![Just("en"), Just("en-gb")])
                .prop_map(|(v, l)| Term::from(Literal::new_language_tagged_literal_unchecked(v, l))),
            ("[ab1]{0,3}", iri()).prop_map(|(v, d)| Term::from(Literal::new_typed_literal(v, d))),
        ]
    }

    fn subject() -> impl Strategy<Value = NamedOrBlankNode> {
        prop_oneof![
            iri().prop_map(NamedOrBlankNode::from),
            "[ab1]{1,2}".prop_map(|b| NamedOrBlankNode::from(BlankNode::new_unchecked(b))),
        ]
    }

    proptest! {
        /// The compact graph holds the quads that sorting owned quads gives, in that order,
        /// and writes their lines.
        #[test]
        fn holds_the_sorted_quads(triples in proptest::collection::vec((subject(), iri(), object()), 0..40)) {
            let graph = NamedNode::new_unchecked("http://e.org/g");
            let mut builder = GraphBuilder::from(graph.clone());
            let mut want = Vec::new();
            for (s, p, o) in &triples {
                builder.add(Term::from(s.clone()), p.as_ref(), o.clone());
                want.push(Quad::new(s.clone(), p.clone(), o.clone(), GraphName::NamedNode(graph.clone())));
            }
            sort_quads(&mut want);
            let built = builder.finish();
            prop_assert_eq!(built.len(), want.len());
            let mut lines = Vec::new();
            built.write_lines(&mut lines, true).unwrap();
            let want_lines: String = want.iter().map(|q| format!("{q} .\n")).collect();
            prop_assert_eq!(String::from_utf8(lines).unwrap(), want_lines);
            prop_assert_eq!(built.into_quads(), want);
        }
    }
}
