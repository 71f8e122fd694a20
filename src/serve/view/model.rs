//! One article graph in memory, read as the facts the pages show: the article's metadata
//! and text, and every fact of the graph (entities, posts, events, quotations, sources,
//! claims) with its evidence spans as code-point ranges.
//!
//! **Invariant:** facts come in one fixed order (by kind, then first evidence, then IRI),
//! so a fact's index is the same on every page that loads the same graph: the article
//! page's anchors (`#m{index}-{span}`) are linked from the fact pages.

use std::collections::BTreeSet;

use oxigraph::model::{NamedNode, NamedNodeRef, Term};
use rustc_hash::FxHashMap;

use super::{Ctx, ViewResult};
use crate::rdf::vocab::{nif, nkg, owl, schema, skos};

const RDF_TYPE: NamedNodeRef<'static> = oxigraph::model::vocab::rdf::TYPE;
const RDFS_LABEL: NamedNodeRef<'static> = oxigraph::model::vocab::rdfs::LABEL;

/// The triples of one graph, by subject.
pub struct Graph {
    by_subject: FxHashMap<Term, Vec<(NamedNode, Term)>>,
}

impl Graph {
    /// Loads the graph named `graph`.
    pub fn load(ctx: &Ctx<'_>, graph: &NamedNode) -> ViewResult<Graph> {
        let rows = ctx.rows(&format!("SELECT ?s ?p ?o WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}"))?;
        let mut by_subject: FxHashMap<Term, Vec<(NamedNode, Term)>> = FxHashMap::default();
        for row in rows {
            if let (Some(s), Some(Term::NamedNode(p)), Some(o)) = (row.get("s"), row.get("p"), row.get("o")) {
                by_subject.entry(s.clone()).or_default().push((p.clone(), o.clone()));
            }
        }
        for values in by_subject.values_mut() {
            values.sort_by_cached_key(|(p, o)| (p.clone(), o.to_string()));
        }
        Ok(Graph { by_subject })
    }

    /// The predicate-object pairs of `subject`, sorted.
    pub fn about(&self, subject: &Term) -> &[(NamedNode, Term)] {
        self.by_subject.get(subject).map_or(&[], Vec::as_slice)
    }

    pub fn objects<'a>(
        &'a self,
        subject: &Term,
        predicate: NamedNodeRef<'static>,
    ) -> impl Iterator<Item = &'a Term> + 'a {
        self.about(subject).iter().filter(move |(p, _)| p.as_ref() == predicate).map(|(_, o)| o)
    }

    /// The first literal value of `predicate`.
    pub fn literal(&self, subject: &Term, predicate: NamedNodeRef<'static>) -> Option<&str> {
        self.objects(subject, predicate).find_map(|o| if let Term::Literal(l) = o { Some(l.value()) } else { None })
    }

    /// Every literal value of `predicate`.
    pub fn literals<'a>(&'a self, subject: &Term, predicate: NamedNodeRef<'static>) -> Vec<&'a str> {
        self.objects(subject, predicate)
            .filter_map(|o| if let Term::Literal(l) = o { Some(l.value()) } else { None })
            .collect()
    }

    /// Every IRI value of `predicate`.
    pub fn iris<'a>(&'a self, subject: &Term, predicate: NamedNodeRef<'static>) -> Vec<&'a NamedNode> {
        self.objects(subject, predicate)
            .filter_map(|o| if let Term::NamedNode(n) = o { Some(n) } else { None })
            .collect()
    }

    pub fn iri(&self, subject: &Term, predicate: NamedNodeRef<'static>) -> Option<&NamedNode> {
        self.iris(subject, predicate).into_iter().next()
    }

    pub fn has_type(&self, subject: &Term, class: NamedNodeRef<'static>) -> bool {
        self.objects(subject, RDF_TYPE).any(|o| matches!(o, Term::NamedNode(n) if n.as_ref() == class))
    }

    /// The node's `rdfs:label` in this graph, else the last segment of its IRI.
    pub fn label(&self, node: &NamedNode) -> String {
        self.literal(&node.clone().into(), RDFS_LABEL).map_or_else(|| iri_tail(node.as_str()), str::to_owned)
    }

    /// A `[begin, end)` code-point range of a span node.
    pub fn span(&self, span: &Term) -> Option<(usize, usize)> {
        let begin = self.literal(span, nif::BEGIN_INDEX)?.parse().ok()?;
        let end = self.literal(span, nif::END_INDEX)?.parse().ok()?;
        (begin <= end).then_some((begin, end))
    }

    fn subjects(&self) -> impl Iterator<Item = &Term> {
        self.by_subject.keys()
    }
}

/// A class name for readers: "GovernmentOrganization" gives "Government organization".
pub fn class_name(local: &str) -> String {
    let mut out = String::new();
    for (i, c) in local.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push(' ');
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The last path segment or fragment of an IRI, percent-decoded: a readable name for a
/// node without a label.
pub fn iri_tail(iri: &str) -> String {
    let tail = iri.trim_end_matches('/').rsplit(['/', '#']).next().unwrap_or(iri);
    percent_decode(tail)
}

fn percent_decode(s: &str) -> String {
    let bytes: Vec<u8> = form_urlencoded::parse(format!("x={}", s.replace('+', "%2B")).as_bytes())
        .next()
        .map(|(_, v)| v.into_owned().into_bytes())
        .unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_else(|_| s.to_owned())
}

/// What a fact is, in the order the pages list them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Person,
    Organization,
    Place,
    Post,
    Event,
    Quotation,
    Source,
    /// A sentence the article cites a source for.
    Claim,
}

impl Kind {
    /// The CSS class of its highlights.
    pub fn class(self) -> &'static str {
        match self {
            Kind::Person => "k-person",
            Kind::Organization => "k-org",
            Kind::Place => "k-place",
            Kind::Post => "k-post",
            Kind::Event => "k-event",
            Kind::Quotation => "k-quote",
            Kind::Source => "k-source",
            Kind::Claim => "k-claim",
        }
    }

    pub fn heading(self) -> &'static str {
        match self {
            Kind::Person => "People",
            Kind::Organization => "Organizations",
            Kind::Place => "Places",
            Kind::Post => "Posts held",
            Kind::Event => "Events",
            Kind::Quotation => "Quotations",
            Kind::Source => "Anonymous sources",
            Kind::Claim => "Claims attributed to a source",
        }
    }
}

/// The kind of a node of the graph, from its types.
pub fn kind_of(graph: &Graph, node: &Term) -> Option<Kind> {
    let is = |c| graph.has_type(node, c);
    Some(if is(nkg::PERSON) {
        Kind::Person
    } else if is(nkg::ORGANIZATION) {
        Kind::Organization
    } else if is(nkg::PLACE) {
        Kind::Place
    } else if is(nkg::POSITION_HOLDING) {
        Kind::Post
    } else if is(nkg::EVENT) {
        Kind::Event
    } else if is(nkg::QUOTATION) {
        Kind::Quotation
    } else if is(nkg::ANONYMOUS_SOURCE) {
        Kind::Source
    } else if is(nkg::SENTENCE) && graph.objects(node, nkg::ATTRIBUTED_TO).next().is_some() {
        Kind::Claim
    } else {
        return None;
    })
}

/// A fact of the article with its evidence.
pub struct Fact {
    pub node: NamedNode,
    pub kind: Kind,
    /// Evidence spans, `[begin, end)` in code points, in text order.
    pub spans: Vec<(usize, usize)>,
    /// The id of the rule that made it.
    pub rule: Option<String>,
}

/// An article graph read for the pages.
pub struct ArticleModel {
    pub iri: NamedNode,
    pub graph: Graph,
    /// The article text (`nif:isString`); empty when the graph has none.
    pub text: String,
    pub facts: Vec<Fact>,
}

impl ArticleModel {
    pub fn load(ctx: &Ctx<'_>, article: &NamedNode) -> ViewResult<ArticleModel> {
        let graph = Graph::load(ctx, article)?;
        Ok(Self::from_graph(article.clone(), graph))
    }

    pub fn from_graph(iri: NamedNode, graph: Graph) -> ArticleModel {
        let me: Term = iri.clone().into();
        let text = graph.literal(&me, nif::IS_STRING).unwrap_or("").to_owned();
        let mut facts = Vec::new();
        for subject in graph.subjects() {
            let Term::NamedNode(node) = subject else { continue };
            let Some(kind) = kind_of(&graph, subject) else { continue };
            let mut spans: Vec<(usize, usize)> = if kind == Kind::Claim {
                graph.span(subject).into_iter().collect()
            } else {
                graph.objects(subject, nkg::EVIDENCE).filter_map(|s| graph.span(s)).collect()
            };
            spans.sort_unstable();
            spans.dedup();
            let rule = graph.literal(subject, nkg::RULE).map(str::to_owned);
            facts.push(Fact { node: node.clone(), kind, spans, rule });
        }
        facts.sort_by(|a, b| (a.kind, a.spans.first(), &a.node).cmp(&(b.kind, b.spans.first(), &b.node)));
        ArticleModel { iri, graph, text, facts }
    }

    pub fn fact_index(&self, node: &NamedNode) -> Option<usize> {
        self.facts.iter().position(|f| &f.node == node)
    }

    /// A literal field of the article node.
    pub fn field(&self, predicate: NamedNodeRef<'static>) -> Option<&str> {
        self.graph.literal(&self.iri.clone().into(), predicate)
    }

    /// Linked nodes of the article node (authors, contributors, dateline place).
    pub fn links(&self, predicate: NamedNodeRef<'static>) -> Vec<&NamedNode> {
        self.graph.iris(&self.iri.clone().into(), predicate)
    }

    /// The headline, else the article id, else the IRI's tail.
    pub fn title(&self) -> String {
        self.field(schema::HEADLINE)
            .or_else(|| self.field(schema::IDENTIFIER))
            .map_or_else(|| iri_tail(self.iri.as_str()), str::to_owned)
    }

    /// A one-line plain-text description of a fact (used in titles and pop-ups).
    pub fn summary(&self, fact: &Fact) -> String {
        let g = &self.graph;
        let node: Term = fact.node.clone().into();
        let name = |n: Option<&NamedNode>| n.map(|n| g.label(n));
        match fact.kind {
            Kind::Person | Kind::Organization | Kind::Place => g.label(&fact.node),
            Kind::Post => {
                let mut s = name(g.iri(&node, nkg::HOLDER)).unwrap_or_else(|| "(no holder)".into());
                s.push_str(": ");
                s.push_str(g.literal(&node, nkg::ROLE_TITLE).unwrap_or("post"));
                if let Some(of) = name(g.iri(&node, nkg::ROLE_OF)) {
                    s.push_str(" of ");
                    s.push_str(&of);
                }
                if let Some(status) = g.iri(&node, nkg::STATUS) {
                    s.push_str(&format!(" ({})", iri_tail(status.as_str()).to_lowercase()));
                }
                s
            }
            Kind::Event => {
                let mut s = event_class(g, &node);
                let who: Vec<String> = g.iris(&node, nkg::PARTICIPANT).into_iter().map(|p| g.label(p)).collect();
                if !who.is_empty() {
                    s.push_str(": ");
                    s.push_str(&who.join(", "));
                }
                if let Some(place) = name(g.iri(&node, nkg::PLACE_OF)) {
                    s.push_str(&format!(", in {place}"));
                }
                if let Some(date) = g.literal(&node, nkg::DATE) {
                    s.push_str(&format!(", {date}"));
                }
                if let Some(m) = g.literal(&node, nkg::MODALITY) {
                    s.push_str(&format!(" ({m})"));
                }
                s
            }
            Kind::Quotation => {
                let who = name(g.iri(&node, nkg::SPEAKER)).unwrap_or_else(|| "unnamed speaker".into());
                format!("{who}: “{}”", shorten(g.literal(&node, nkg::TEXT).unwrap_or(""), 90))
            }
            Kind::Source => g.label(&fact.node),
            Kind::Claim => {
                let by: Vec<String> = g.iris(&node, nkg::ATTRIBUTED_TO).into_iter().map(|n| g.label(n)).collect();
                format!("attributed to {}", by.join(", "))
            }
        }
    }
}

/// The most specific class name of an event ("Meeting"), "Event" when only that.
pub fn event_class(graph: &Graph, node: &Term) -> String {
    let classes: BTreeSet<String> = graph
        .iris(node, RDF_TYPE)
        .into_iter()
        .filter(|c| c.as_str().starts_with(nkg::NS) && c.as_ref() != nkg::EVENT)
        .map(|c| iri_tail(c.as_str()))
        .collect();
    classes.into_iter().next().unwrap_or_else(|| "Event".into())
}

/// At most `max` characters of `s`, with "…" when cut.
pub fn shorten(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", s[..i].trim_end()),
        None => s.to_owned(),
    }
}

/// Other names and links of an entity in this graph (alternative labels, Wikidata).
pub fn alt_labels<'a>(graph: &'a Graph, node: &Term) -> Vec<&'a str> {
    graph.literals(node, skos::ALT_LABEL)
}

pub fn same_as<'a>(graph: &'a Graph, node: &Term) -> Vec<&'a NamedNode> {
    graph.iris(node, owl::SAME_AS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tails_are_decoded() {
        assert_eq!(
            iri_tail("https://w3id.org/newskg/id/article/sha256%3Aab/holding/1-2-U.N.%20ambassador"),
            "1-2-U.N. ambassador"
        );
        assert_eq!(iri_tail("https://w3id.org/newskg/ontology#Meeting"), "Meeting");
        assert_eq!(iri_tail("http://example.org/a+b"), "a+b");
    }

    #[test]
    fn class_names_read_as_words() {
        assert_eq!(class_name("GovernmentOrganization"), "Government organization");
        assert_eq!(class_name("Person"), "Person");
    }

    #[test]
    fn shorten_cuts_on_characters() {
        assert_eq!(shorten("héllo wörld", 5), "héllo…");
        assert_eq!(shorten("short", 10), "short");
    }
}
