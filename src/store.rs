//! The embedded store: the only module that opens an Oxigraph `Store`.
//!
//! Invariant: each article lives in its own named graph (the article IRI), and replacing
//! an article's graph is one transaction, so a store never holds half an article and
//! ingesting the same article twice leaves the same triples. Queries see the union of the
//! article graphs as their default graph.

use std::path::{Path, PathBuf};

use oxigraph::model::{GraphNameRef, NamedNode, NamedNodeRef, Quad, Term, Variable};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use spargebra::algebra::GraphPattern;
use spargebra::term::GroundTerm;

use crate::error::{Error, Result};
use crate::rdf::map::sort_quads;

/// An open store.
pub struct Store {
    inner: oxigraph::store::Store,
    path: PathBuf,
}

/// Counts reported by `newskg stats`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    pub articles: u64,
    pub triples: u64,
    /// (class IRI, distinct entities), sorted by class IRI.
    pub entities_by_type: Vec<(String, u64)>,
}

impl Store {
    /// Opens (creating if needed) the store in `path` for reading and writing.
    pub fn open(path: &Path) -> Result<Store> {
        std::fs::create_dir_all(path).map_err(|e| Error::Store { path: path.to_owned(), reason: e.to_string() })?;
        let inner = oxigraph::store::Store::open(path).map_err(|e| open_error(path, &e.to_string()))?;
        Ok(Store { inner, path: path.to_owned() })
    }

    /// Opens an existing store for reading only (works while another process writes).
    pub fn open_read_only(path: &Path) -> Result<Store> {
        if !path.join("CURRENT").exists() {
            return Err(Error::Store {
                path: path.to_owned(),
                reason: "no store here (create one with `newskg ingest`)".into(),
            });
        }
        let inner = oxigraph::store::Store::open_read_only(path).map_err(|e| open_error(path, &e.to_string()))?;
        Ok(Store { inner, path: path.to_owned() })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn err(&self, e: impl std::fmt::Display) -> Error {
        Error::Store { path: self.path.clone(), reason: e.to_string() }
    }

    /// Replaces the graph `graph` by `quads` (whose graph names must be `graph`) in one
    /// transaction.
    pub fn replace_graph(&self, graph: &NamedNode, quads: &[Quad]) -> Result<()> {
        let mut tx = self.inner.start_transaction().map_err(|e| self.err(e))?;
        tx.clear_graph(graph.as_ref()).map_err(|e| self.err(e))?;
        tx.extend(quads.iter());
        tx.commit().map_err(|e| self.err(e))
    }

    /// Removes an article's graph; returns whether it was there.
    pub fn remove_graph(&self, graph: &NamedNode) -> Result<bool> {
        let there = self.inner.contains_named_graph(graph.as_ref()).map_err(|e| self.err(e))?;
        if there {
            self.inner.remove_named_graph(graph.as_ref()).map_err(|e| self.err(e))?;
        }
        Ok(there)
    }

    /// The article graph whose `schema:identifier` is `id`, if any.
    pub fn graph_of_id(&self, id: &str) -> Result<Option<NamedNode>> {
        let q = "SELECT ?g WHERE { GRAPH ?g { ?g <https://schema.org/identifier> ?id } } LIMIT 1";
        let results =
            self.query(q, &[(Variable::new_unchecked("id"), oxigraph::model::Literal::new_simple_literal(id).into())])?;
        if let QueryResults::Solutions(mut s) = results {
            if let Some(row) = s.next() {
                let row = row.map_err(|e| Error::Sparql(e.to_string()))?;
                if let Some(Term::NamedNode(n)) = row.get("g") {
                    return Ok(Some(n.clone()));
                }
            }
        }
        Ok(None)
    }

    /// Whether the store has this named graph.
    pub fn has_graph(&self, graph: NamedNodeRef<'_>) -> Result<bool> {
        self.inner.contains_named_graph(graph).map_err(|e| self.err(e))
    }

    /// Runs a SPARQL query over the union of the article graphs, with variables bound
    /// to the given values.
    pub fn query(&self, sparql: &str, bindings: &[(Variable, Term)]) -> Result<QueryResults<'static>> {
        let query = spargebra::SparqlParser::new()
            .parse_query(sparql)
            .map_err(|e| Error::Sparql(format!("invalid SPARQL query: {e}")))?;
        let query = bind_variables(query, bindings)?;
        let mut prepared = SparqlEvaluator::new().for_query(query);
        prepared.dataset_mut().set_default_graph_as_union();
        prepared.on_store(&self.inner).execute().map_err(|e| Error::Sparql(e.to_string()))
    }

    /// Runs a SPARQL update.
    pub fn update(&self, sparql: &str) -> Result<()> {
        SparqlEvaluator::new()
            .parse_update(sparql)
            .map_err(|e| Error::Sparql(format!("invalid SPARQL update: {e}")))?
            .on_store(&self.inner)
            .execute()
            .map_err(|e| Error::Sparql(e.to_string()))
    }

    /// All quads, or those of one graph, sorted.
    pub fn quads(&self, graph: Option<&NamedNode>) -> Result<Vec<Quad>> {
        let g = graph.map(|g| GraphNameRef::NamedNode(g.as_ref()));
        let mut quads = self
            .inner
            .quads_for_pattern(None, None, None, g)
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|e| self.err(e))?;
        sort_quads(&mut quads);
        Ok(quads)
    }

    /// Articles, triples, and entities by type.
    pub fn stats(&self) -> Result<Stats> {
        let articles = self.inner.named_graphs().count() as u64;
        let triples = self.inner.len().map_err(|e| self.err(e))? as u64;
        let mut entities_by_type = Vec::new();
        let q = "PREFIX nkg: <https://w3id.org/newskg/ontology#>
                 SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE {
                   VALUES ?type { nkg:Person nkg:Organization nkg:Place }
                   ?e a ?type } GROUP BY ?type ORDER BY ?type";
        if let QueryResults::Solutions(rows) = self.query(q, &[])? {
            for row in rows {
                let row = row.map_err(|e| Error::Sparql(e.to_string()))?;
                if let (Some(Term::NamedNode(t)), Some(Term::Literal(n))) = (row.get("type"), row.get("n")) {
                    entities_by_type.push((t.as_str().to_owned(), n.value().parse().unwrap_or(0)));
                }
            }
        }
        Ok(Stats { articles, triples, entities_by_type })
    }

    /// Writes buffered data to disk.
    pub fn flush(&self) -> Result<()> {
        self.inner.flush().map_err(|e| self.err(e))
    }
}

/// Binds variables to values for the whole query: a one-row `VALUES` joined to the query's
/// WHERE pattern, below the solution modifiers, grouping and top-level filters, so that
/// filters and aggregates see the values (unlike substitution, the variables need not be
/// projected).
pub fn bind_variables(query: spargebra::Query, bindings: &[(Variable, Term)]) -> Result<spargebra::Query> {
    use spargebra::Query;
    if bindings.is_empty() {
        return Ok(query);
    }
    let mut row = Vec::with_capacity(bindings.len());
    for (var, value) in bindings {
        row.push(Some(match value {
            Term::NamedNode(n) => GroundTerm::NamedNode(n.clone()),
            Term::Literal(l) => GroundTerm::Literal(l.clone()),
            other => return Err(Error::Sparql(format!("cannot bind ?{var} to {other}"))),
        }));
    }
    let values =
        GraphPattern::Values { variables: bindings.iter().map(|(v, _)| v.clone()).collect(), bindings: vec![row] };
    fn inject(p: GraphPattern, values: &GraphPattern) -> GraphPattern {
        let b = |inner: Box<GraphPattern>| Box::new(inject(*inner, values));
        match p {
            GraphPattern::Slice { inner, start, length } => GraphPattern::Slice { inner: b(inner), start, length },
            GraphPattern::Distinct { inner } => GraphPattern::Distinct { inner: b(inner) },
            GraphPattern::Reduced { inner } => GraphPattern::Reduced { inner: b(inner) },
            GraphPattern::Project { inner, variables } => GraphPattern::Project { inner: b(inner), variables },
            GraphPattern::OrderBy { inner, expression } => GraphPattern::OrderBy { inner: b(inner), expression },
            GraphPattern::Extend { inner, variable, expression } => {
                GraphPattern::Extend { inner: b(inner), variable, expression }
            }
            GraphPattern::Group { inner, variables, aggregates } => {
                GraphPattern::Group { inner: b(inner), variables, aggregates }
            }
            GraphPattern::Filter { expr, inner } => GraphPattern::Filter { expr, inner: b(inner) },
            other => GraphPattern::Join { left: Box::new(values.clone()), right: Box::new(other) },
        }
    }
    Ok(match query {
        Query::Select { dataset, pattern, base_iri } => {
            Query::Select { dataset, pattern: inject(pattern, &values), base_iri }
        }
        Query::Construct { template, dataset, pattern, base_iri } => {
            Query::Construct { template, dataset, pattern: inject(pattern, &values), base_iri }
        }
        Query::Describe { dataset, pattern, base_iri } => {
            Query::Describe { dataset, pattern: inject(pattern, &values), base_iri }
        }
        Query::Ask { dataset, pattern, base_iri } => {
            Query::Ask { dataset, pattern: inject(pattern, &values), base_iri }
        }
    })
}

fn open_error(path: &Path, message: &str) -> Error {
    let lower = message.to_lowercase();
    let reason = if lower.contains("lock") {
        "store in use by another newskg process (only one writer at a time; queries can use --read-only)".to_owned()
    } else {
        message.to_owned()
    };
    Error::Store { path: path.to_owned(), reason }
}

/// How [`Store::query_with`] runs a query (the SPARQL 1.1 Protocol's options).
#[derive(Clone, Default)]
pub struct QueryOptions {
    /// Variables bound for the whole query (see [`bind_variables`]).
    pub bindings: Vec<(Variable, Term)>,
    /// The default graph as the merge of these graphs (`default-graph-uri`); when empty,
    /// the query's own `FROM` clauses, or else the union of the article graphs.
    pub default_graphs: Vec<NamedNode>,
    /// The named graphs the query may use (`named-graph-uri`); when empty, all of them.
    pub named_graphs: Vec<NamedNode>,
    /// Stops the evaluation when cancelled (a query timeout).
    pub cancellation: Option<oxigraph::sparql::CancellationToken>,
}

impl Store {
    /// Runs a SPARQL query with protocol options. Unlike [`Store::query`], a query's own
    /// `FROM`/`FROM NAMED` clauses are honoured. `SERVICE` calls fail: oxigraph is built
    /// without its HTTP client, so a server never fetches other addresses for its clients.
    pub fn query_with(&self, sparql: &str, options: &QueryOptions) -> Result<QueryResults<'static>> {
        let query = spargebra::SparqlParser::new()
            .parse_query(sparql)
            .map_err(|e| Error::Sparql(format!("invalid SPARQL query: {e}")))?;
        let has_dataset = match &query {
            spargebra::Query::Select { dataset, .. }
            | spargebra::Query::Construct { dataset, .. }
            | spargebra::Query::Describe { dataset, .. }
            | spargebra::Query::Ask { dataset, .. } => dataset.is_some(),
        };
        let query = bind_variables(query, &options.bindings)?;
        let mut evaluator = SparqlEvaluator::new();
        if let Some(token) = &options.cancellation {
            evaluator = evaluator.with_cancellation_token(token.clone());
        }
        let mut prepared = evaluator.for_query(query);
        let dataset = prepared.dataset_mut();
        if !options.default_graphs.is_empty() {
            dataset.set_default_graph(options.default_graphs.iter().cloned().map(Into::into).collect());
        } else if !has_dataset {
            dataset.set_default_graph_as_union();
        }
        if !options.named_graphs.is_empty() {
            dataset.set_available_named_graphs(options.named_graphs.iter().cloned().map(Into::into).collect());
        }
        prepared.on_store(&self.inner).execute().map_err(|e| Error::Sparql(e.to_string()))
    }

    /// A store in memory (for validating files), gone when dropped.
    pub fn in_memory() -> Result<Store> {
        let path = PathBuf::from("(memory)");
        let inner =
            oxigraph::store::Store::new().map_err(|e| Error::Store { path: path.clone(), reason: e.to_string() })?;
        Ok(Store { inner, path })
    }

    /// Adds quads (a Graph Store Protocol POST) in one transaction.
    pub fn add_quads(&self, quads: &[Quad]) -> Result<()> {
        let mut tx = self.inner.start_transaction().map_err(|e| self.err(e))?;
        tx.extend(quads.iter());
        tx.commit().map_err(|e| self.err(e))
    }

    /// The named graphs of the store, sorted.
    pub fn graph_names(&self) -> Result<Vec<NamedNode>> {
        let mut names = Vec::new();
        for g in self.inner.named_graphs() {
            if let oxigraph::model::NamedOrBlankNode::NamedNode(n) = g.map_err(|e| self.err(e))? {
                names.push(n);
            }
        }
        names.sort();
        Ok(names)
    }
}
