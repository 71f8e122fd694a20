//! The word filters of the ready-made queries: a query whose header says
//! `# words: PARAM ?VAR ...` matches PARAM's words against the names of the nodes bound to
//! `?VAR` through the word index, instead of scanning every name with `CONTAINS`. The
//! index gives the (article graph, node) pairs whose names hold the words, and
//! [`restrict`] joins them to the query as a `VALUES` block, laterally (the block is
//! evaluated once per pair, with its values), so that Oxigraph starts from those nodes in
//! those graphs.
//!
//! **Invariant:** the restricted query gives the rows of the query whose `GRAPH ?article`
//! block is limited to those pairs (with several variables, the rows where any of them
//! is one of the pairs' nodes: a `UNION`, one branch per variable, so meant for `SELECT
//! DISTINCT` queries); the parameter itself is left unbound, so its `CONTAINS` filter,
//! written as `COALESCE(..., true)`, lets every row through.

use std::collections::BTreeSet;

use oxigraph::model::{NamedNode, Variable};
use spargebra::algebra::GraphPattern;
use spargebra::term::{GroundTerm, NamedNodePattern};
use spargebra::Query;

use crate::bindings::map_modifier;
use crate::error::{Error, Result};

/// `query` with its top-level `GRAPH ?article { ... }` block joined to the pairs (article
/// graph IRI, node IRI) bound to `?article` and each of `variables` in turn. Fails when the
/// query has no such block below its modifiers, filters and grouping.
pub fn restrict(query: Query, pairs: &BTreeSet<(String, String)>, variables: &[Variable]) -> Result<Query> {
    let Query::Select { dataset, pattern, base_iri } = query else {
        return Err(Error::Sparql("a word filter needs a SELECT query".into()));
    };
    let rows: Vec<(NamedNode, NamedNode)> =
        pairs.iter().filter_map(|(g, n)| Some((NamedNode::new(g).ok()?, NamedNode::new(n).ok()?))).collect();
    let mut found = false;
    let pattern = rewrite(pattern, &rows, variables, &mut found);
    if !found {
        return Err(Error::Sparql("a word filter needs a top-level GRAPH ?variable block".into()));
    }
    Ok(Query::Select { dataset, pattern, base_iri })
}

fn rewrite(p: GraphPattern, rows: &[(NamedNode, NamedNode)], vars: &[Variable], found: &mut bool) -> GraphPattern {
    match p {
        GraphPattern::Graph { name: NamedNodePattern::Variable(article), inner } => {
            *found = true;
            let graph = GraphPattern::Graph { name: NamedNodePattern::Variable(article.clone()), inner };
            // LATERAL (SEP-0006, which Oxigraph evaluates): the GRAPH block once per pair,
            // with the pair's values in it, so it reads the indexes from those nodes; a plain
            // join would compute the block over every graph and join by hashing.
            let joined = |var: &Variable| GraphPattern::Lateral {
                left: Box::new(GraphPattern::Values {
                    variables: vec![article.clone(), var.clone()],
                    bindings: rows
                        .iter()
                        .map(|(g, n)| {
                            vec![Some(GroundTerm::NamedNode(g.clone())), Some(GroundTerm::NamedNode(n.clone()))]
                        })
                        .collect(),
                }),
                right: Box::new(graph.clone()),
            };
            let mut branches = vars.iter().map(joined);
            let first = branches.next().unwrap_or_else(|| graph.clone());
            branches.fold(first, |left, right| GraphPattern::Union { left: Box::new(left), right: Box::new(right) })
        }
        // Modifiers, grouping and filters: the block is below them.
        other => map_modifier(other, |inner| rewrite(inner, rows, vars, found), |other| other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{QueryOptions, Store};
    use oxigraph::sparql::QueryResults;

    fn rows(store: &Store, query: &Query) -> Vec<String> {
        let QueryResults::Solutions(rows) = store.query_parsed(query.clone(), &QueryOptions::default()).unwrap() else {
            panic!()
        };
        rows.map(|r| r.unwrap().iter().map(|(v, t)| format!("{}={t}", v.as_str())).collect::<Vec<_>>().join(" "))
            .collect()
    }

    #[test]
    fn the_pairs_limit_the_graph_block_for_any_of_the_variables() {
        let store = Store::in_memory().unwrap();
        store
            .update(
                "INSERT DATA { GRAPH <urn:g1> { <urn:m> <urn:with> <urn:a>, <urn:b> . }
                               GRAPH <urn:g2> { <urn:m> <urn:with> <urn:a>, <urn:c> . } }",
            )
            .unwrap();
        let parse = |s: &str| spargebra::SparqlParser::new().parse_query(s).unwrap();
        let sparql = parse("SELECT DISTINCT ?x ?y ?g WHERE { GRAPH ?g { ?m <urn:with> ?x, ?y FILTER(STR(?x) < STR(?y)) } } ORDER BY ?g ?x ?y");
        let pairs: BTreeSet<(String, String)> =
            [("urn:g2".into(), "urn:a".into()), ("urn:g1".into(), "urn:b".into())].into();
        let one = restrict(sparql.clone(), &pairs, &[Variable::new_unchecked("x")]).unwrap();
        assert_eq!(rows(&store, &one), ["x=<urn:a> y=<urn:c> g=<urn:g2>"]);
        let either =
            restrict(sparql.clone(), &pairs, &[Variable::new_unchecked("x"), Variable::new_unchecked("y")]).unwrap();
        assert_eq!(rows(&store, &either), ["x=<urn:a> y=<urn:b> g=<urn:g1>", "x=<urn:a> y=<urn:c> g=<urn:g2>"]);
        let none = restrict(sparql.clone(), &BTreeSet::new(), &[Variable::new_unchecked("x")]).unwrap();
        assert!(rows(&store, &none).is_empty());
        assert!(restrict(parse("SELECT * WHERE { ?s ?p ?o }"), &pairs, &[Variable::new_unchecked("s")]).is_err());
    }

    #[test]
    fn every_word_filter_of_the_ready_made_queries_has_its_graph_block_and_variables() {
        let mut filters = 0;
        for q in crate::queries::all() {
            for w in &q.word_filters {
                filters += 1;
                let query = spargebra::SparqlParser::new().parse_query(q.sparql).unwrap();
                let vars: Vec<Variable> = w.variables.iter().map(|v| Variable::new_unchecked(v.as_str())).collect();
                assert!(restrict(query, &BTreeSet::new(), &vars).is_ok(), "{}", q.name);
                for v in &w.variables {
                    assert!(q.sparql.contains(&format!("?{v} ")), "{}: no ?{v}", q.name);
                }
            }
        }
        assert_eq!(filters, 3);
    }
}
