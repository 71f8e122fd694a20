//! The first rows of a ready-made query ordered by article (`# order: article`: rows
//! sorted by the article's `schema:datePublished`, newest first, then by the article IRI)
//! whose word filters matched some names: found a batch of articles at a time, newest
//! first, until enough rows are found, instead of evaluating the restricted query for
//! every matching (article, node) pair and sorting all its rows.
//!
//! Why: the restricted query ([`restrict`]) reads the store's indexes from each pair, a
//! few random reads each (about 0.1 ms per pair on a 100,000-article store), so a common
//! name (7,000 pairs) cost most of a second; the first 1,000 rows usually come from the
//! newest few hundred or thousand articles. The articles are ordered by the dates the
//! word index holds, so no store read is needed to order them.
//!
//! **Invariant:** the rows are the whole restricted query's first rows, in its order: each
//! batch holds whole articles, later batches hold only articles that sort after every
//! article of the earlier ones, and each batch's rows are sorted by the query itself.
//! This needs the dates to sort as SPARQL sorts them: every matched article's indexed
//! date is a day `YYYY-MM-DD` (newskg writes `schema:datePublished` as such an
//! `xsd:date`, whose order is the order of its text) or empty (no date: such articles
//! come last, as an unbound `?published` does in `DESC`); otherwise [`first_rows_by_article`]
//! gives `None` and the caller runs the whole query.

use std::cmp::Reverse;

use oxigraph::model::Variable;
use oxigraph::sparql::{QueryResults, QuerySolution};
use spargebra::Query;

use super::find::NameMatches;
use super::restrict::restrict;
use crate::error::{Error, Result};
use crate::store::{QueryOptions, Store};

/// The articles of the first batch; later batches are sized by the rows found so far.
const FIRST_BATCH: usize = 64;

/// One word filter of a query, matched: the pairs its words found, and the variables
/// (`# words: PARAM ?VAR ...`) the nodes are bound to.
#[derive(Debug, Clone)]
pub struct WordMatches {
    pub matches: NameMatches,
    pub variables: Vec<Variable>,
}

/// A SELECT query's variables and rows.
pub type Rows = (Vec<Variable>, Vec<QuerySolution>);

/// `query` restricted by every filter in turn (see [`restrict`]).
pub fn restrict_all(query: Query, filters: &[WordMatches]) -> Result<Query> {
    filters.iter().try_fold(query, |query, f| restrict(query, &f.matches.pairs, &f.variables))
}

/// The first `n + 1` rows of `query` (ordered by article, see the module documentation)
/// restricted by `filters`, run with `options` (whose `max_rows` is replaced); `None` when
/// the matched articles' dates cannot be ordered without the store.
pub fn first_rows_by_article(
    store: &Store,
    query: &Query,
    filters: &[WordMatches],
    n: usize,
    options: &QueryOptions,
) -> Result<Option<Rows>> {
    let Some(articles) = articles_newest_first(filters) else { return Ok(None) };
    let restricted = Restricted { store, query, filters, options };
    let mut variables = None;
    let mut rows: Vec<QuerySolution> = Vec::new();
    let (mut done, mut batch) = (0, FIRST_BATCH);
    while done < articles.len() && rows.len() <= n {
        let graphs = &articles[done..(done + batch).min(articles.len())];
        let (batch_variables, mut batch_rows) = restricted.rows_of_batch(graphs, n + 1 - rows.len())?;
        variables.get_or_insert(batch_variables);
        rows.append(&mut batch_rows);
        done += graphs.len();
        batch = next_batch(batch, done, rows.len(), n + 1);
    }
    let variables = match variables {
        Some(variables) => variables,
        // No article matched: the query's variables, from its run on none.
        None => restricted.rows_of(&[], 1)?.0,
    };
    Ok(Some((variables, rows)))
}

/// The query, its filters and its options: what every batch of articles is run with.
struct Restricted<'a> {
    store: &'a Store,
    query: &'a Query,
    filters: &'a [WordMatches],
    options: &'a QueryOptions,
}

impl Restricted<'_> {
    /// The first `max` rows of the query restricted to the articles `graphs` (in order), on
    /// two threads when they are many: the earlier half of the articles on this one, the
    /// later on another, and the later half's rows after the earlier's (a whole half may be
    /// found for nothing, when the earlier half gives enough rows).
    fn rows_of_batch(&self, graphs: &[&str], max: usize) -> Result<Rows> {
        if graphs.len() < 2 * FIRST_BATCH {
            return self.rows_of(graphs, max);
        }
        let (earlier, later) = graphs.split_at(graphs.len() / 2);
        std::thread::scope(|scope| {
            let later = scope.spawn(|| self.rows_of(later, max));
            let (variables, mut rows) = self.rows_of(earlier, max)?;
            let (_, later_rows) = later.join().map_err(|_| Error::Sparql("a query thread panicked".into()))??;
            rows.extend(later_rows);
            rows.truncate(max);
            Ok((variables, rows))
        })
    }

    /// The first `max` rows of the query restricted to the articles `graphs`.
    fn rows_of(&self, graphs: &[&str], max: usize) -> Result<Rows> {
        let within: Vec<WordMatches> = self.filters.iter().map(|f| only_in(f, graphs)).collect();
        let options = QueryOptions { max_rows: Some(max), ..self.options.clone() };
        let QueryResults::Solutions(solutions) =
            self.store.query_parsed(restrict_all(self.query.clone(), &within)?, &options)?
        else {
            return Err(Error::Sparql("a word filter needs a SELECT query".into()));
        };
        let variables = solutions.variables().to_vec();
        let rows = solutions.collect::<std::result::Result<Vec<_>, _>>().map_err(Error::from)?;
        Ok((variables, rows))
    }
}

/// The articles every filter matched, newest first (then by IRI), or `None` when some
/// date is neither a day nor empty.
fn articles_newest_first(filters: &[WordMatches]) -> Option<Vec<&str>> {
    let (first, others) = filters.split_first()?;
    let mut articles: Vec<(&str, &str)> = Vec::new();
    for (graph, date) in &first.matches.dates {
        if !(date.is_empty() || is_day(date)) {
            return None;
        }
        if others.iter().all(|f| f.matches.dates.contains_key(graph)) {
            articles.push((date, graph));
        }
    }
    articles.sort_unstable_by_key(|&(date, graph)| (Reverse(date), graph));
    Some(articles.into_iter().map(|(_, graph)| graph).collect())
}

/// Whether `date` is written `YYYY-MM-DD`.
fn is_day(date: &str) -> bool {
    let b = date.as_bytes();
    b.len() == 10 && b.iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() })
}

/// The filter's pairs in `graphs` (distinct) only.
fn only_in(filter: &WordMatches, graphs: &[&str]) -> WordMatches {
    let mut matches = NameMatches::default();
    for graph in graphs {
        let from = (graph.to_string(), String::new());
        let pairs = filter.matches.pairs.range(from..).take_while(|(g, _)| g == graph);
        matches.pairs.extend(pairs.cloned());
    }
    WordMatches { matches, variables: filter.variables.clone() }
}

/// The number of articles of the next batch: enough, at the rate of rows per article seen
/// so far, for the rows still `wanted` (with a margin), at most four times the last batch;
/// twice the last batch while no row was found.
fn next_batch(last: usize, articles_done: usize, rows: usize, wanted: usize) -> usize {
    if rows == 0 {
        return last * 2;
    }
    let still = wanted.saturating_sub(rows);
    let estimate = (still * articles_done).div_ceil(rows) * 5 / 4 + 16;
    estimate.clamp(16, last * 4)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_days_and_no_date_order_the_articles() {
        let filter = |dates: &[(&str, &str)]| WordMatches {
            matches: NameMatches {
                pairs: dates.iter().map(|(g, _)| (g.to_string(), format!("{g}#n"))).collect(),
                dates: dates.iter().map(|(g, d)| (g.to_string(), d.to_string())).collect(),
            },
            variables: vec![Variable::new_unchecked("x")],
        };
        let f = filter(&[("urn:b", "2024-01-02"), ("urn:a", "2024-01-02"), ("urn:c", ""), ("urn:d", "2025-12-31")]);
        assert_eq!(articles_newest_first(std::slice::from_ref(&f)).unwrap(), ["urn:d", "urn:a", "urn:b", "urn:c"]);
        let g = filter(&[("urn:a", "2024-01-02"), ("urn:c", "")]);
        assert_eq!(articles_newest_first(&[f, g]).unwrap(), ["urn:a", "urn:c"], "articles both filters matched");
        for odd in ["2024-01-02T10:00:00Z", "24-01-02", "2024/01/02"] {
            assert!(articles_newest_first(&[filter(&[("urn:a", odd)])]).is_none(), "{odd}");
        }
    }

    #[test]
    fn batches_grow_with_the_rows_still_wanted() {
        assert_eq!(next_batch(64, 64, 0, 1001), 128);
        assert_eq!(next_batch(64, 64, 64, 1001), 256, "one row per article: at most four times");
        assert_eq!(next_batch(256, 320, 900, 1001), 16 + (101 * 320usize).div_ceil(900) * 5 / 4);
        assert_eq!(next_batch(64, 64, 1001, 1001), 16);
    }
}
