//! Searching the word index: hits with a snippet for `newskg search` and `/search`, and
//! the (article, entity) pairs whose names hold some words, for the word filters of the
//! ready-made queries.
//!
//! **Invariant:** a document matches when it holds every word of the query (after the
//! analyzer of `fields.rs`: any case, accents folded, punctuation ignored); hits come
//! most relevant first (BM25), ties in the index's order.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use oxigraph::model::{NamedNode, Term as RdfTerm, Variable};
use oxigraph::sparql::QueryResults;
use tantivy::collector::{Count, DocSetCollector, TopDocs};
use tantivy::columnar::StrColumn;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query as TantivyQuery, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

use super::documents::{article_words, Kind};
use super::fields::analyzer;
use super::roles::Roles;
use super::{fail, SearchError, SearchIndex};
use crate::error::Result;
use crate::store::{QueryOptions, Store};

/// The most characters of a snippet.
const SNIPPET_CHARS: usize = 200;

/// A search: the words, the kind of documents, how many hits at most.
#[derive(Debug, Clone)]
pub struct Query {
    words: Vec<String>,
    pub kind: Option<Kind>,
    pub limit: usize,
}

impl Query {
    /// The query for `text` (its words, cut and normalised like the index's); fails when
    /// `text` holds no word.
    pub fn new(text: &str, kind: Option<Kind>, limit: usize) -> std::result::Result<Query, SearchError> {
        let mut analyzer = analyzer();
        let mut stream = analyzer.token_stream(text);
        let mut words = Vec::new();
        while let Some(token) = stream.next() {
            if !words.contains(&token.text) {
                words.push(token.text.clone());
            }
        }
        if words.is_empty() {
            return Err(SearchError::NoWords(text.to_owned()));
        }
        Ok(Query { words, kind, limit })
    }

    /// The normalised words searched for.
    pub fn words(&self) -> &[String] {
        &self.words
    }
}

/// One hit.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub kind: Kind,
    pub graph: String,
    pub article: String,
    pub date: String,
    /// The entity, quotation or article.
    pub node: String,
    /// The entity's label, the quotation's speaker, the article's headline.
    pub title: String,
    /// The speaker of a quotation (an IRI), else empty.
    pub speaker: String,
    /// A part of the matching text and the byte ranges of the matching words in it.
    pub snippet: String,
    pub marks: Vec<Range<usize>>,
}

impl SearchIndex {
    fn tantivy_query(&self, query: &Query, kind: Option<Kind>) -> BooleanQuery {
        let f = self.fields;
        let mut clauses: Vec<(Occur, Box<dyn TantivyQuery>)> = query
            .words
            .iter()
            .map(|w| {
                let q = TermQuery::new(Term::from_field_text(f.words, w), IndexRecordOption::WithFreqs);
                (Occur::Must, Box::new(q) as Box<dyn TantivyQuery>)
            })
            .collect();
        if let Some(kind) = kind {
            let q = TermQuery::new(Term::from_field_text(f.kind, kind.name()), IndexRecordOption::Basic);
            clauses.push((Occur::Must, Box::new(BoostQuery::new(Box::new(q), 0.0))));
        }
        BooleanQuery::new(clauses)
    }

    /// `query` limited to the names that have all roles of one of `roles`' alternatives
    /// (`query` itself when there is none, or the index records no roles).
    fn with_roles(&self, query: BooleanQuery, roles: &Roles) -> BooleanQuery {
        let Some(field) = self.fields.roles.filter(|_| !roles.any_of.is_empty()) else { return query };
        let alternatives: Vec<(Occur, Box<dyn TantivyQuery>)> = roles
            .any_of
            .iter()
            .map(|all| {
                let each: Vec<(Occur, Box<dyn TantivyQuery>)> = all
                    .iter()
                    .map(|role| {
                        let q = TermQuery::new(Term::from_field_text(field, role), IndexRecordOption::Basic);
                        (Occur::Must, Box::new(q) as Box<dyn TantivyQuery>)
                    })
                    .collect();
                (Occur::Should, Box::new(BooleanQuery::new(each)) as Box<dyn TantivyQuery>)
            })
            .collect();
        BooleanQuery::new(vec![
            (Occur::Must, Box::new(query) as Box<dyn TantivyQuery>),
            (Occur::Must, Box::new(BooleanQuery::new(alternatives))),
        ])
    }

    fn searcher(&self, store: &Store) -> Result<Searcher> {
        let reader = self.index.reader().map_err(|e| fail(store.path(), e))?;
        Ok(reader.searcher())
    }

    /// The number of matching documents and the first `query.limit` hits, each with its
    /// snippet (an article's text is read from `store`).
    pub fn search(&self, store: &Store, query: &Query) -> Result<(usize, Vec<Hit>)> {
        let searcher = self.searcher(store)?;
        let tq = self.tantivy_query(query, query.kind);
        let top = TopDocs::with_limit(query.limit.max(1));
        let (total, found) = searcher.search(&tq, &(Count, top)).map_err(|e| fail(store.path(), e))?;
        let mut snippets =
            SnippetGenerator::create(&searcher, &tq, self.fields.words).map_err(|e| fail(store.path(), e))?;
        snippets.set_max_num_chars(SNIPPET_CHARS);
        let mut hits = Vec::new();
        for (_, address) in found.into_iter().take(query.limit) {
            hits.push(self.hit(store, &searcher, &snippets, address)?);
        }
        Ok((total, hits))
    }

    fn hit(&self, store: &Store, searcher: &Searcher, snippets: &SnippetGenerator, at: DocAddress) -> Result<Hit> {
        let doc: TantivyDocument = searcher.doc(at).map_err(|e| fail(store.path(), e))?;
        let f = self.fields;
        let text = |field| doc.get_first(field).and_then(|v| v.as_str()).unwrap_or_default().to_owned();
        let kind = Kind::from_name(&text(f.kind)).unwrap_or(Kind::Text);
        let graph = text(f.graph);
        let words = match kind {
            Kind::Text => article_text(store, &graph)?,
            Kind::Name | Kind::Quote => text(f.shown),
        };
        let snippet = snippets.snippet(&words);
        let (snippet, marks) = if snippet.fragment().is_empty() {
            (words.chars().take(SNIPPET_CHARS).collect(), Vec::new())
        } else {
            (snippet.fragment().to_owned(), snippet.highlighted().to_vec())
        };
        Ok(Hit {
            kind,
            article: text(f.article),
            date: text(f.date),
            node: text(f.node),
            title: text(f.title),
            speaker: text(f.speaker),
            graph,
            snippet,
            marks,
        })
    }

    /// The (article graph, node) pairs whose names hold every word of `query`, with each
    /// article's publication date as indexed. Read from the fast fields of an index built
    /// with them, else (an older index) from the stored documents.
    /// Only names with the `roles` (see `roles.rs`) count, when the index records roles.
    pub fn names_matching(&self, store: &Store, query: &Query, roles: &Roles) -> Result<NameMatches> {
        let searcher = self.searcher(store)?;
        let tq = self.with_roles(self.tantivy_query(query, Some(Kind::Name)), roles);
        let found = searcher.search(&tq, &DocSetCollector).map_err(|e| fail(store.path(), e))?;
        let mut by_segment: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
        for address in &found {
            by_segment.entry(address.segment_ord).or_default().push(address.doc_id);
        }
        let f = self.fields;
        let schema = searcher.schema();
        // An index built before these fields were fast reads the stored documents.
        let has_columns = [f.graph, f.node, f.date].iter().all(|&field| schema.get_field_entry(field).is_fast());
        let mut matches = NameMatches::default();
        for (segment, mut docs) in by_segment {
            docs.sort_unstable();
            let reader = searcher.segment_reader(segment);
            let fast = reader.fast_fields();
            let column = |name: &str| match has_columns {
                true => fast.str(name).map_err(|e| fail(store.path(), e)),
                false => Ok(None),
            };
            match (column("graph")?, column("node")?, column("date")?) {
                (Some(graph), Some(node), Some(date)) => {
                    let read = |column: &StrColumn| {
                        values_of(column, &docs).map_err(|e| fail(store.path(), tantivy::TantivyError::from(e)))
                    };
                    let (graphs, nodes, dates) = (read(&graph)?, read(&node)?, read(&date)?);
                    for ((g, n), d) in graphs.into_iter().zip(nodes).zip(dates) {
                        matches.add(g, n, d);
                    }
                }
                _ => {
                    for doc in docs {
                        let stored: TantivyDocument =
                            searcher.doc(DocAddress::new(segment, doc)).map_err(|e| fail(store.path(), e))?;
                        let text =
                            |field| stored.get_first(field).and_then(|v| v.as_str()).unwrap_or_default().to_owned();
                        matches.add(text(f.graph), text(f.node), text(f.date));
                    }
                }
            }
        }
        Ok(matches)
    }
}

/// The first value of each of `docs` in a string column (empty when it has none): the
/// values of all are read in one pass over the column's dictionary, in the order of their
/// term ordinals (looking each up alone reads a dictionary block per value).
fn values_of(column: &StrColumn, docs: &[u32]) -> std::io::Result<Vec<String>> {
    let ords: Vec<Option<u64>> = docs.iter().map(|&doc| column.term_ords(doc).next()).collect();
    let mut sorted: Vec<u64> = ords.iter().flatten().copied().collect();
    sorted.sort_unstable();
    sorted.dedup();
    let mut terms = Vec::with_capacity(sorted.len());
    column.dictionary().sorted_ords_to_term_cb(sorted.iter().copied(), |bytes| {
        terms.push(String::from_utf8_lossy(bytes).into_owned());
        Ok(())
    })?;
    let term = |ord: u64| sorted.binary_search(&ord).ok().and_then(|i| terms.get(i)).cloned();
    Ok(ords.into_iter().map(|ord| ord.and_then(term).unwrap_or_default()).collect())
}

/// The nodes whose names hold some words, as (article graph, node) pairs, and the
/// publication date of each of their articles as the index holds it (`schema:datePublished`
/// as written; empty when unknown).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NameMatches {
    pub pairs: BTreeSet<(String, String)>,
    pub dates: BTreeMap<String, String>,
}

impl NameMatches {
    fn add(&mut self, graph: String, node: String, date: String) {
        self.dates.insert(graph.clone(), date);
        self.pairs.insert((graph, node));
    }
}

/// The searched words of an article (headline and text), read from its graph.
fn article_text(store: &Store, graph: &str) -> Result<String> {
    let Ok(g) = NamedNode::new(graph) else { return Ok(String::new()) };
    let sparql = "SELECT ?h ?t WHERE { GRAPH ?g {
        ?g <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#isString> ?t
        OPTIONAL { ?g <https://schema.org/headline> ?h } } } LIMIT 1";
    let options = QueryOptions { bindings: vec![(Variable::new_unchecked("g"), g.into())], ..QueryOptions::default() };
    if let QueryResults::Solutions(mut rows) = store.query(sparql, &options)? {
        if let Some(row) = rows.next() {
            let row = row.map_err(crate::Error::from)?;
            let value = |v: &str| match row.get(v) {
                Some(RdfTerm::Literal(l)) => l.value().to_owned(),
                _ => String::new(),
            };
            return Ok(article_words(&value("h"), &value("t")));
        }
    }
    Ok(String::new())
}

/// `text` cut into (marked, piece) by the byte ranges `marks` (in order; ranges that
/// overlap, leave the text or cut a character are skipped).
pub fn pieces<'t>(text: &'t str, marks: &[std::ops::Range<usize>]) -> Vec<(bool, &'t str)> {
    let mut out = Vec::new();
    let mut at = 0;
    for m in marks {
        if m.start < at || m.end > text.len() || !text.is_char_boundary(m.start) || !text.is_char_boundary(m.end) {
            continue;
        }
        out.push((false, &text[at..m.start]));
        out.push((true, &text[m.clone()]));
        at = m.end;
    }
    out.push((false, &text[at..]));
    out.retain(|(_, p)| !p.is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_follow_the_marks() {
        assert_eq!(pieces("a tariff b", &[2..8, 9..10]), [(false, "a "), (true, "tariff"), (false, " "), (true, "b")]);
        assert_eq!(pieces("Müller", std::slice::from_ref(&(0..2))), [(false, "Müller")], "a cut character is no mark");
        assert_eq!(pieces("Müller", std::slice::from_ref(&(0..7))), [(true, "Müller")]);
        assert_eq!(
            pieces("ab", &[0..1, 0..1, 1..9]),
            [(true, "a"), (false, "b")],
            "overlapping and outside marks are skipped"
        );
    }
}
