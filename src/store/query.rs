//! SPARQL on the store: one entry point for queries ([`Store::query`], with
//! [`QueryOptions`]) and one for updates.
//!
//! **Invariant:** `SERVICE` calls fail: oxigraph is built without its HTTP client, so no
//! query makes newskg fetch other addresses.

use oxigraph::model::{NamedNode, Term, Variable};
use oxigraph::sparql::{CancellationToken, QueryResults, SparqlEvaluator};
use spargebra::algebra::GraphPattern;
use spargebra::Query;

use super::fingerprints::remove_fingerprints;
use super::Store;
use crate::bindings::bind_variables;
use crate::error::{Error, Result};

/// How [`Store::query`] runs a query. The default: over the union of the article graphs,
/// no bindings, every row, no deadline.
#[derive(Clone, Default)]
pub struct QueryOptions {
    /// Variables bound for the whole query (see [`bind_variables`]).
    pub bindings: Vec<(Variable, Term)>,
    /// What the query's default graph is.
    pub default_graph: DefaultGraph,
    /// The named graphs the query may use (`named-graph-uri`); when empty, all of them.
    pub named_graphs: Vec<NamedNode>,
    /// Stops a SELECT query after this many rows (as `LIMIT` would, on top of the query's
    /// own modifiers).
    pub max_rows: Option<usize>,
    /// Stops the evaluation with an error when cancelled (a deadline, a lost race).
    pub cancellation: Option<CancellationToken>,
}

/// The default graph of a query.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum DefaultGraph {
    /// The union of the article graphs, whatever `FROM` clauses the query has (the
    /// command line, and the queries newskg runs itself).
    #[default]
    Union,
    /// The query's own `FROM` clauses, or the union of the article graphs when it has none
    /// (the SPARQL 1.1 Protocol).
    QueryOrUnion,
    /// The merge of these graphs (the protocol's `default-graph-uri`).
    Merge(Vec<NamedNode>),
}

impl Store {
    /// Runs a SPARQL query. A query that is not valid SPARQL gives [`Error::InvalidQuery`],
    /// one that fails while it runs (or is cancelled) [`Error::QueryFailed`].
    pub fn query(&self, sparql: &str, options: &QueryOptions) -> Result<QueryResults<'static>> {
        let query = spargebra::SparqlParser::new().parse_query(sparql).map_err(Error::InvalidQuery)?;
        self.query_parsed(query, options)
    }

    /// [`Store::query`] for a query already parsed (or rewritten: a query's algebra does
    /// not always survive being written out as SPARQL and parsed again).
    pub fn query_parsed(&self, query: Query, options: &QueryOptions) -> Result<QueryResults<'static>> {
        let has_dataset = match &query {
            Query::Select { dataset, .. }
            | Query::Construct { dataset, .. }
            | Query::Describe { dataset, .. }
            | Query::Ask { dataset, .. } => dataset.is_some(),
        };
        let mut query = bind_variables(query, &options.bindings)?;
        if let (Some(n), Query::Select { pattern, .. }) = (options.max_rows, &mut query) {
            let inner = std::mem::replace(pattern, GraphPattern::Bgp { patterns: Vec::new() });
            *pattern = GraphPattern::Slice { inner: Box::new(inner), start: 0, length: Some(n) };
        }
        let evaluator = match &options.cancellation {
            Some(token) => SparqlEvaluator::new().with_cancellation_token(token.clone()),
            None => SparqlEvaluator::new(),
        };
        let mut prepared = evaluator.for_query(query);
        let dataset = prepared.dataset_mut();
        match &options.default_graph {
            DefaultGraph::Union => dataset.set_default_graph_as_union(),
            DefaultGraph::QueryOrUnion if !has_dataset => dataset.set_default_graph_as_union(),
            DefaultGraph::QueryOrUnion => {}
            DefaultGraph::Merge(graphs) => dataset.set_default_graph(graphs.iter().cloned().map(Into::into).collect()),
        }
        if !options.named_graphs.is_empty() {
            dataset.set_available_named_graphs(options.named_graphs.iter().cloned().map(Into::into).collect());
        }
        Ok(prepared.on_store(&self.inner).execute()?)
    }

    /// Runs a SPARQL update. One that is not valid SPARQL gives [`Error::InvalidUpdate`],
    /// one that fails [`Error::UpdateFailed`]. An update can change any article graph, so
    /// it also removes every ingest fingerprint, in the same transaction: the next ingest
    /// re-extracts every article instead of skipping one whose graph was changed.
    pub fn update(&self, sparql: &str) -> Result<()> {
        let update = SparqlEvaluator::new().parse_update(sparql).map_err(Error::InvalidUpdate)?;
        let mut tx = self.inner.start_transaction().map_err(|e| self.error(e))?;
        update.on_transaction(&mut tx).execute()?;
        remove_fingerprints(&mut tx, None).map_err(|e| self.error(e))?;
        tx.commit().map_err(|e| self.error(e))
    }
}
