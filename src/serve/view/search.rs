//! Finding entities by name: any case, any word's beginning ("ira" finds "Amir Saeid
//! Iravani"), listed with their type and article count.
//!
//! SPARQL has no index for "a word of the name starts with": a text filter reads every
//! name of the store (seconds on 100,000 articles). So the server keeps the names in
//! memory: [`NameIndex`] holds every word-start suffix of every `nkg:nameKey` (the
//! lower-cased names) in sorted order, so a search is a binary search. It is part of the
//! server's catalog (`catalog.rs`, built in the background); until the catalog is ready, a
//! search reads the store with a text filter instead.
//!
//! **Invariant:** the index and the text-filter fallback find the same entities for a
//! query (tested); counts and labels shown are read from the store when the page is
//! made, so an entity that has left the store since the index was built is not listed.

use maud::{html, Markup};
use oxigraph::model::{Literal, NamedNode, Variable};
use rustc_hash::FxHashMap;

use super::{iri, layout, link, number, text, Ctx, ViewResult};

/// Entities listed at most.
const MAX_HITS: usize = 50;

/// How well a name matches a query.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Quality {
    /// The whole name.
    Exact,
    /// The name's beginning.
    Start,
    /// The beginning of a later word.
    Word,
}

/// One entity found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub entity: NamedNode,
    /// The name (lower-cased) that matched best.
    pub key: String,
    pub quality: Quality,
}

/// The names of the store's entities, for word-prefix search.
pub struct NameIndex {
    entities: Vec<NamedNode>,
    /// Articles per entity when the index was built (for ranking).
    articles: Vec<u64>,
    /// (name, entity) pairs.
    keys: Vec<(Box<str>, u32)>,
    /// (key, byte offset of a word start), sorted by the name's text from that offset.
    suffixes: Vec<(u32, u32)>,
}

/// Where words start in a name: at its beginning and after any character that is not a
/// letter or digit.
pub fn word_starts(key: &str) -> impl Iterator<Item = usize> + '_ {
    let mut previous_is_word = false;
    key.char_indices().filter_map(move |(i, c)| {
        let word = c.is_alphanumeric();
        let start = word && !previous_is_word;
        previous_is_word = word;
        start.then_some(i)
    })
}

/// A query as the names are kept: lower case, single spaces.
pub fn normalize(query: &str) -> String {
    query.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

impl NameIndex {
    /// An index of `(entity, name)` pairs, with article counts for ranking.
    pub fn new(pairs: impl IntoIterator<Item = (NamedNode, String)>, counts: &FxHashMap<NamedNode, u64>) -> Self {
        let mut ids: FxHashMap<NamedNode, u32> = FxHashMap::default();
        let mut entities = Vec::new();
        let mut keys = Vec::new();
        for (entity, key) in pairs {
            let id = *ids.entry(entity.clone()).or_insert_with(|| {
                entities.push(entity);
                (entities.len() - 1) as u32
            });
            keys.push((key.into_boxed_str(), id));
        }
        keys.sort_unstable();
        keys.dedup();
        let mut suffixes: Vec<(u32, u32)> = keys
            .iter()
            .enumerate()
            .flat_map(|(k, (key, _))| word_starts(key).map(move |at| (k as u32, at as u32)))
            .collect();
        suffixes.sort_unstable_by(|a, b| Self::suffix_of(&keys, *a).cmp(Self::suffix_of(&keys, *b)).then(a.cmp(b)));
        let articles = entities.iter().map(|e| counts.get(e).copied().unwrap_or(0)).collect();
        NameIndex { entities, articles, keys, suffixes }
    }

    fn suffix_of(keys: &[(Box<str>, u32)], (k, at): (u32, u32)) -> &str {
        &keys[k as usize].0[at as usize..]
    }

    /// Reads the names and article counts of the store.
    pub fn read(ctx: &Ctx<'_>) -> ViewResult<NameIndex> {
        let pairs = ctx.rows("SELECT DISTINCT ?e ?k WHERE { ?e nkg:nameKey ?k }")?;
        let counts: FxHashMap<NamedNode, u64> = ctx
            .rows("SELECT ?e (COUNT(?g) AS ?n) WHERE { GRAPH ?g { ?g nkg:mentions ?e } } GROUP BY ?e")?
            .iter()
            .filter_map(|r| Some((iri(r, "e")?, number(r, "n"))))
            .collect();
        Ok(Self::new(pairs.iter().filter_map(|r| Some((iri(r, "e")?, text(r, "k")?))), &counts))
    }

    /// The entities with a name a word of which starts with `query` (normalised), best
    /// first: by how the name matches, then by articles (when the index was built), then
    /// by name. At most `limit`.
    pub fn find(&self, query: &str, limit: usize) -> Vec<Hit> {
        let q = normalize(query);
        if q.is_empty() {
            return Vec::new();
        }
        let from = self.suffixes.partition_point(|s| Self::suffix_of(&self.keys, *s) < q.as_str());
        let mut best: FxHashMap<u32, (Quality, u32)> = FxHashMap::default();
        for &(k, at) in &self.suffixes[from..] {
            let suffix = Self::suffix_of(&self.keys, (k, at));
            if !suffix.starts_with(q.as_str()) {
                break;
            }
            let quality = match (at, suffix.len() == q.len()) {
                (0, true) => Quality::Exact,
                (0, false) => Quality::Start,
                _ => Quality::Word,
            };
            let entity = self.keys[k as usize].1;
            let entry = best.entry(entity).or_insert((quality, k));
            if (quality, k) < *entry {
                *entry = (quality, k);
            }
        }
        let mut hits: Vec<(Quality, std::cmp::Reverse<u64>, &str, u32)> = best
            .into_iter()
            .map(|(e, (quality, k))| {
                (quality, std::cmp::Reverse(self.articles[e as usize]), &*self.keys[k as usize].0, e)
            })
            .collect();
        hits.sort_unstable();
        hits.into_iter()
            .take(limit)
            .map(|(quality, _, key, e)| Hit { entity: self.entities[e as usize].clone(), key: key.to_owned(), quality })
            .collect()
    }
}

/// Hits without the index: every name of the store read with a text filter.
fn scan(ctx: &Ctx<'_>, query: &str, limit: usize) -> ViewResult<Vec<Hit>> {
    let q = normalize(query);
    let rows = ctx.rows_with(
        "SELECT DISTINCT ?e ?k WHERE { ?e nkg:nameKey ?k FILTER(CONTAINS(?k, ?q)) }",
        vec![(Variable::new_unchecked("q"), Literal::new_simple_literal(q).into())],
    )?;
    let pairs = rows.iter().filter_map(|r| Some((iri(r, "e")?, text(r, "k")?)));
    Ok(NameIndex::new(pairs, &FxHashMap::default()).find(query, limit))
}

/// The search page.
pub fn page(ctx: &Ctx<'_>, query: &str) -> ViewResult<Markup> {
    let q = normalize(query);
    let index = ctx.catalog.as_ref().map(|c| &c.catalog.names);
    let hits = match (index, q.is_empty()) {
        (_, true) => Vec::new(),
        (Some(index), false) => index.find(&q, MAX_HITS),
        (None, false) => scan(ctx, &q, MAX_HITS)?,
    };
    let mut rows = Vec::new();
    for hit in &hits {
        let articles = ctx
            .rows(&format!("SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?g nkg:mentions {} }} }}", hit.entity))?
            .first()
            .map_or(0, |r| number(r, "n"));
        if articles == 0 {
            continue;
        }
        rows.push((hit, ctx.label(&hit.entity)?, super::entity::types(ctx, &hit.entity)?, articles));
    }
    let body = html! {
        h1 { "Search" }
        (super::words::tabs(query, crate::search::Kind::Name))
        @if index.is_none() && !q.is_empty() {
            p.note #building { "The name index is still being built: the store was read name by name, and the list is by name." }
        }
        @if q.is_empty() {
            p { "Type a name, or the beginning of any of its words, in the box above (any case)." }
        } @else if rows.is_empty() {
            p { "No entity has a name with a word starting with “" (query.trim()) "”." }
        } @else {
            p.note {
                (rows.len()) " entit" @if rows.len() == 1 { "y" } @else { "ies" } " named “" (query.trim()) "…”"
                @if hits.len() == MAX_HITS { " (the first " (MAX_HITS) ")" }
                "."
            }
            table.list #hits {
                tr { th { "Name" } th { "Type" } th { "Articles" } }
                @for (hit, label, types, articles) in &rows { tr {
                    td {
                        (link(&hit.entity, label))
                        @if label.to_lowercase() != hit.key { span.note { " (“" (hit.key) "”)" } }
                    }
                    td { @if let Some(t) = types.first() { span.badge { (t) } } }
                    td { (articles) }
                } }
            }
        }
    };
    Ok(layout(if q.is_empty() { "Search" } else { query.trim() }, query.trim(), body))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(s: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("http://example.org/{s}"))
    }

    fn index() -> NameIndex {
        let pairs = [
            ("iravani", "amir saeid iravani"),
            ("musk", "elon musk"),
            ("musk", "musk"),
            ("mission", "iran’s u.n. mission"),
            ("iran", "iran"),
            ("iran", "iranian"),
            ("irish", "irish times"),
        ];
        let counts: FxHashMap<NamedNode, u64> =
            [(node("iran"), 50), (node("irish"), 3), (node("iravani"), 1)].into_iter().collect();
        NameIndex::new(pairs.iter().map(|(e, k)| (node(e), k.to_string())), &counts)
    }

    fn found(index: &NameIndex, q: &str) -> Vec<String> {
        index
            .find(q, 10)
            .into_iter()
            .map(|h| h.entity.as_str().trim_start_matches("http://example.org/").to_owned())
            .collect()
    }

    #[test]
    fn word_starts_follow_letters_and_digits() {
        let k = "iran’s u.n. mission 2024";
        let words: Vec<&str> = word_starts(k).map(|i| &k[i..]).collect();
        assert_eq!(
            words,
            [
                "iran’s u.n. mission 2024",
                "s u.n. mission 2024",
                "u.n. mission 2024",
                "n. mission 2024",
                "mission 2024",
                "2024"
            ]
        );
    }

    #[test]
    fn any_word_prefix_in_any_case_best_match_first() {
        let ix = index();
        assert_eq!(found(&ix, "IRA"), ["iran", "mission", "iravani"]);
        assert_eq!(found(&ix, "iran"), ["iran", "mission"]);
        assert_eq!(found(&ix, "  Elon   MU "), ["musk"]);
        assert_eq!(found(&ix, "mus"), ["musk"]);
        assert_eq!(found(&ix, "ir"), ["iran", "irish", "mission", "iravani"]);
        assert!(found(&ix, "sk").is_empty(), "a word's middle is no match");
        assert!(found(&ix, "").is_empty());
        assert!(found(&ix, "zz").is_empty());
    }

    #[test]
    fn one_hit_per_entity_with_its_best_name() {
        let ix = index();
        let hits = ix.find("musk", 10);
        assert_eq!(hits.len(), 1);
        assert_eq!((hits[0].key.as_str(), hits[0].quality), ("musk", Quality::Exact));
    }
}
