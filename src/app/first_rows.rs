//! The first rows of a ready-made query whose rows come in article order (`# order:
//! article`: `ORDER BY DESC(?published) ?article ...`), without computing and sorting all
//! the others.
//!
//! Two ways give the same rows: the whole query (Oxigraph computes every row, then sorts),
//! and a walk over the article graphs, newest first, running the query on one graph at a
//! time until enough rows are found. The walk wins when rows are frequent (no parameter,
//! or a filter that most articles pass); the whole query wins when a parameter is
//! selective and reaches an index (one article, one exact name). Without parameters the
//! walk runs alone; with parameters both run, on two threads, and the first to finish
//! gives the rows while the other is cancelled.
//!
//! Invariant: both ways give the rows of the whole query, in its order (tested in
//! `tests/it/queries.rs` with each way forced through `NEWSKG_ORDERED_QUERY=walk|whole`).

use std::sync::mpsc;

use anyhow::{anyhow, bail, Result};
use oxigraph::model::{NamedNode, Term, Variable};
use oxigraph::sparql::{CancellationToken, QueryResults, QuerySolution};

use newskg::store::{QueryOptions, Store};

/// Variables and rows.
type Rows = (Vec<Variable>, Vec<QuerySolution>);

/// The environment variable that forces one way (`walk` or `whole`), for tests.
const FORCE: &str = "NEWSKG_ORDERED_QUERY";

/// The first `n + 1` rows of `sparql` (a query with `# order: article`) with `bindings`;
/// `None` when the store holds no article graph.
pub fn of_article_ordered_query(
    store: &Store,
    sparql: &str,
    bindings: &[(Variable, Term)],
    n: usize,
) -> Result<Option<Rows>> {
    let forced = std::env::var(FORCE).ok();
    match forced.as_deref() {
        Some("walk") => return walk(store, sparql, bindings, n, &CancellationToken::new()),
        Some("whole") => return whole(store, sparql, bindings, n, &CancellationToken::new()).map(Some),
        Some(other) => bail!("{FORCE}={other:?}: give walk or whole"),
        None if bindings.is_empty() => return walk(store, sparql, bindings, n, &CancellationToken::new()),
        None => {}
    }
    let (walk_cancel, whole_cancel) = (CancellationToken::new(), CancellationToken::new());
    let (tx, rx) = mpsc::channel();
    std::thread::scope(|scope| {
        let walk_tx = tx.clone();
        let cancel = walk_cancel.clone();
        scope.spawn(move || walk_tx.send((Way::Walk, walk(store, sparql, bindings, n, &cancel))));
        let cancel = whole_cancel.clone();
        scope.spawn(move || tx.send((Way::Whole, whole(store, sparql, bindings, n, &cancel).map(Some))));
        let mut first_error = None;
        for (way, result) in rx.iter().take(2) {
            match result {
                Ok(rows) => {
                    match way {
                        Way::Walk => whole_cancel.cancel(),
                        Way::Whole => walk_cancel.cancel(),
                    }
                    return Ok(rows);
                }
                Err(e) => {
                    first_error.get_or_insert(e);
                }
            }
        }
        Err(first_error.unwrap_or_else(|| anyhow!("the query's threads stopped without a result")))
    })
}

enum Way {
    Walk,
    Whole,
}

/// The whole query's first `n + 1` rows.
fn whole(
    store: &Store,
    sparql: &str,
    bindings: &[(Variable, Term)],
    n: usize,
    cancel: &CancellationToken,
) -> Result<Rows> {
    select(store, sparql, bindings.to_vec(), Some(n + 1), Some(cancel))
}

/// The variables and (at most `max_rows`) rows of a SELECT query.
fn select(
    store: &Store,
    sparql: &str,
    bindings: Vec<(Variable, Term)>,
    max_rows: Option<usize>,
    cancel: Option<&CancellationToken>,
) -> Result<Rows> {
    let options = QueryOptions { bindings, max_rows, cancellation: cancel.cloned(), ..QueryOptions::default() };
    let QueryResults::Solutions(solutions) = store.query(sparql, &options)? else {
        bail!("not a SELECT query: {sparql}");
    };
    let variables = solutions.variables().to_vec();
    let rows = solutions.collect::<Result<Vec<_>, _>>().map_err(newskg::Error::from)?;
    Ok((variables, rows))
}

/// The first `n + 1` rows found one article graph at a time, newest first; stops early
/// (with an error) when `cancel` is cancelled.
fn walk(
    store: &Store,
    sparql: &str,
    bindings: &[(Variable, Term)],
    n: usize,
    cancel: &CancellationToken,
) -> Result<Option<Rows>> {
    let article = Variable::new_unchecked("article");
    let mut variables = None;
    let mut rows = Vec::new();
    for graph in ArticlesNewestFirst::new(store)? {
        if cancel.is_cancelled() {
            bail!("cancelled");
        }
        let mut b = bindings.to_vec();
        b.push((article.clone(), graph?.into()));
        let (graph_variables, mut graph_rows) = select(store, sparql, b, Some(n + 1 - rows.len()), Some(cancel))?;
        variables.get_or_insert(graph_variables);
        rows.append(&mut graph_rows);
        if rows.len() > n {
            break;
        }
    }
    Ok(variables.map(|v| (v, rows)))
}

/// The article graphs in the order of `ORDER BY DESC(?published) ?article` (`?published`
/// the article's `schema:datePublished`; articles without one last), listed one publication
/// day at a time: decoding all graph names of a large store first would take longer than
/// the query (0.6 s for 100,000 articles), while the days come from an index of inline
/// values.
struct ArticlesNewestFirst<'a> {
    store: &'a Store,
    /// Publication days not yet listed, newest last; `None` stands for "no date".
    days: Vec<Option<Term>>,
    /// Graphs of the current day, in reverse order.
    graphs: Vec<NamedNode>,
}

impl<'a> ArticlesNewestFirst<'a> {
    const DAYS: &'static str = "PREFIX schema: <https://schema.org/>
        SELECT ?day WHERE { GRAPH ?g { ?g schema:datePublished ?day } } GROUP BY ?day ORDER BY ?day";
    const OF_DAY: &'static str = "PREFIX schema: <https://schema.org/>
        SELECT ?g WHERE { GRAPH ?g { ?g schema:datePublished ?day } }";
    const UNDATED: &'static str = "PREFIX schema: <https://schema.org/>
        SELECT ?g WHERE { GRAPH ?g { } FILTER NOT EXISTS { GRAPH ?g { ?g schema:datePublished ?day } } }";

    fn new(store: &'a Store) -> Result<Self> {
        let mut days = vec![None];
        days.extend(select_column(store, Self::DAYS, Vec::new())?.into_iter().map(Some));
        Ok(ArticlesNewestFirst { store, days, graphs: Vec::new() })
    }
}

impl Iterator for ArticlesNewestFirst<'_> {
    type Item = Result<NamedNode>;

    fn next(&mut self) -> Option<Result<NamedNode>> {
        while self.graphs.is_empty() {
            let day = self.days.pop()?;
            let graphs = match day {
                Some(day) => select_column(self.store, Self::OF_DAY, vec![(Variable::new_unchecked("day"), day)]),
                None => select_column(self.store, Self::UNDATED, Vec::new()),
            };
            let graphs = match graphs {
                Ok(g) => g,
                Err(e) => return Some(Err(e)),
            };
            self.graphs =
                graphs.into_iter().filter_map(|t| if let Term::NamedNode(n) = t { Some(n) } else { None }).collect();
            self.graphs.sort_unstable_by(|a, b| b.cmp(a));
            self.graphs.dedup();
        }
        self.graphs.pop().map(Ok)
    }
}

/// The values of the only variable of a SELECT query, in the query's order.
fn select_column(store: &Store, sparql: &str, bindings: Vec<(Variable, Term)>) -> Result<Vec<Term>> {
    let (_, rows) = select(store, sparql, bindings, None, None)?;
    Ok(rows.into_iter().filter_map(|row| row.get(0).cloned()).collect())
}
