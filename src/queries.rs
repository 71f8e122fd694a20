//! The ready-made SPARQL queries of `queries/`, compiled into the binary.
//!
//! Each file starts with comment lines `# name: ...`, `# description: ...`, one
//! `# param: NAME  description` per parameter, `# words: NAME ?VAR ...` for a parameter
//! matched by words against the names of the nodes bound to `?VAR` (see
//! [`CannedQuery::word_filters`]), and `# order: article` when the rows are
//! ordered by article, newest first (so the first rows can be found one article at a
//! time, see [`CannedQuery::by_article`]). Parameters are bound as variables
//! (`--param name=Trump` binds `?name`) for the whole WHERE clause, like a VALUES block at
//! its start: under SPARQL's bottom-up semantics a FILTER inside a GRAPH or OPTIONAL group
//! does not see them, so queries test parameters in top-level filters, and behave sensibly
//! when they are not given. [`crate::bindings`] writes given values into the query where
//! that gives the same rows, so that a filter like `?key = LCASE(STR(?name))` on an
//! `nkg:nameKey` is answered from an index.

/// The files of `queries/`.
const FILES: &[&str] = &[
    include_str!("../queries/articles-mentioning.rq"),
    include_str!("../queries/entity-profile.rq"),
    include_str!("../queries/events.rq"),
    include_str!("../queries/posts-held.rq"),
    include_str!("../queries/quotes-by-speaker.rq"),
    include_str!("../queries/sources-cited.rq"),
    include_str!("../queries/who-met-whom.rq"),
];

/// A parameter of a ready-made query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Param {
    pub name: String,
    pub description: String,
}

/// A ready-made query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CannedQuery {
    pub name: String,
    pub description: String,
    pub params: Vec<Param>,
    pub sparql: &'static str,
    /// The header says `# order: article`: the query's ORDER BY starts with
    /// `DESC(?published) ?article`, where `?article` is the graph every row comes from and
    /// `?published` its article's `schema:datePublished` (unbound without one), so running
    /// it on each article graph, newest first and by IRI within a day, and concatenating
    /// gives the same rows in the same order.
    pub by_article: bool,
    /// The parameters matched by their words through the word index (`# words: NAME ?VAR
    /// ...`): the nodes of `?VAR` whose names hold every word (see
    /// [`crate::search::restrict`]); the query's own filter on the parameter is the slow
    /// way, for a store without an index.
    pub word_filters: Vec<WordFilter>,
}

/// A parameter matched by words against the names of the nodes bound to some variables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordFilter {
    pub param: String,
    pub variables: Vec<String>,
}

fn parse(sparql: &'static str) -> CannedQuery {
    let mut q = CannedQuery {
        name: String::new(),
        description: String::new(),
        params: Vec::new(),
        sparql,
        by_article: false,
        word_filters: Vec::new(),
    };
    for line in sparql.lines().take_while(|l| l.starts_with('#')) {
        let line = line.trim_start_matches('#').trim();
        if let Some(v) = line.strip_prefix("name:") {
            q.name = v.trim().to_owned();
        } else if let Some(v) = line.strip_prefix("description:") {
            q.description = v.trim().to_owned();
        } else if let Some(v) = line.strip_prefix("order:") {
            q.by_article = v.trim() == "article";
        } else if let Some(v) = line.strip_prefix("words:") {
            let mut parts = v.split_whitespace();
            let param = parts.next().unwrap_or_default().to_owned();
            let variables = parts.map(|p| p.trim_start_matches(['?', '$']).to_owned()).collect();
            q.word_filters.push(WordFilter { param, variables });
        } else if let Some(v) = line.strip_prefix("param:") {
            let v = v.trim();
            let (name, description) = v.split_once(char::is_whitespace).unwrap_or((v, ""));
            q.params.push(Param { name: name.to_owned(), description: description.trim().to_owned() });
        }
    }
    q
}

/// Every ready-made query, sorted by name.
pub fn all() -> Vec<CannedQuery> {
    let mut v: Vec<CannedQuery> = FILES.iter().map(|s| parse(s)).collect();
    v.sort_by(|a, b| a.name.cmp(&b.name));
    v
}

/// The ready-made query with this name.
pub fn find(name: &str) -> Option<CannedQuery> {
    all().into_iter().find(|q| q.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_query_has_a_name_a_description_and_parses() {
        let all = all();
        assert_eq!(all.len(), FILES.len());
        for q in &all {
            assert!(!q.name.is_empty() && !q.description.is_empty(), "{q:?}");
            if let Err(e) = oxigraph::sparql::SparqlEvaluator::new().parse_query(q.sparql) {
                panic!("{}: {e}", q.name);
            }
            for w in &q.word_filters {
                assert!(q.params.iter().any(|p| p.name == w.param), "{}: # words: names no # param: {w:?}", q.name);
                assert!(!w.variables.is_empty(), "{}: # words: {} names no variable", q.name, w.param);
            }
        }
    }
}
