//! What the word index holds of one article graph: one document per named node (its
//! label and other names, and its roles: the [`ROLE_PREDICATES`] that point to it in the
//! graph, alone and with each class of their subject), per quotation (its text, with its
//! speaker) and one for the article itself (headline and text), read from the graph's quads.
//!
//! **Invariant:** the documents depend only on the graph's quads, so indexing an article
//! at ingest and rebuilding the index from the store give the same documents.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use oxigraph::model::{NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term};

use crate::error::Result;
use crate::rdf::vocab::{nif, nkg, schema, skos};
use crate::store::Store;
use oxigraph::model::vocab::{rdf, rdfs};

/// The kinds of documents, searched separately with `--in`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// An entity's (or any labelled node's) names.
    Name,
    /// A quotation's text.
    Quote,
    /// An article's headline and text.
    Text,
}

impl Kind {
    /// The name stored in the index and given to `--in`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Name => "names",
            Kind::Quote => "quotes",
            Kind::Text => "text",
        }
    }

    /// The kind of a stored name.
    pub fn from_name(name: &str) -> Option<Kind> {
        [Kind::Name, Kind::Quote, Kind::Text].into_iter().find(|k| k.name() == name)
    }
}

/// One document of the index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub kind: Kind,
    /// The article graph.
    pub graph: String,
    /// The node the document is about: the entity, the quotation, the article.
    pub node: String,
    /// What is shown as the hit's title: the entity's label, the speaker's label, the
    /// headline (empty when there is none).
    pub title: String,
    /// The speaker of a quotation (an IRI), else empty.
    pub speaker: String,
    /// The words searched: the names (label first, then the others, after "; "), the quotation, headline and text.
    pub words: String,
    /// A name's roles: for each quad `S P node` of the graph whose `P` is one of the
    /// [`ROLE_PREDICATES`], [`role_term`] of `P` alone and of `P` with each `rdf:type` of
    /// `S` in the graph (sorted, distinct; empty for quotations and texts).
    pub roles: Vec<String>,
}

/// The article's metadata that every hit shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleInfo {
    pub id: String,
    /// `schema:datePublished` as written (empty when unknown).
    pub date: String,
}

/// The predicates [`of_graph`] reads, with `rdf:type` (the others are ignored).
pub const PREDICATES: &[NamedNodeRef<'static>] = &[
    schema::IDENTIFIER,
    schema::DATE_PUBLISHED,
    schema::HEADLINE,
    nif::IS_STRING,
    rdfs::LABEL,
    skos::ALT_LABEL,
    nkg::TEXT,
    nkg::SPEAKER,
    nkg::HOLDER,
    nkg::ROLE_OF,
    nkg::PARTICIPANT,
    nkg::PLACE_OF,
    nkg::ATTRIBUTED_TO,
    nkg::AFFILIATION,
];

/// The properties of the ontology that point to an entity, recorded as a name's roles
/// (the word filters of the queries skip the names that lack a role the query requires;
/// see `roles.rs`). All are among [`PREDICATES`]; their subjects' classes are read too
/// ([`quads_of_article`]).
pub const ROLE_PREDICATES: &[NamedNodeRef<'static>] =
    &[nkg::SPEAKER, nkg::HOLDER, nkg::ROLE_OF, nkg::PARTICIPANT, nkg::PLACE_OF, nkg::ATTRIBUTED_TO, nkg::AFFILIATION];

/// The quads of the article graph `graph` that [`of_graph`] reads: those of the
/// [`PREDICATES`], and the `rdf:type` quads of the subjects of [`ROLE_PREDICATES`] (read
/// subject by subject: an article holds many more types than roles).
pub fn quads_of_article(store: &Store, graph: &NamedNode) -> Result<Vec<Quad>> {
    let mut quads = store.quads_with_predicates(graph, PREDICATES)?;
    let subjects: HashSet<NamedOrBlankNode> =
        quads.iter().filter(|q| ROLE_PREDICATES.contains(&q.predicate.as_ref())).map(|q| q.subject.clone()).collect();
    for subject in &subjects {
        quads.extend(store.quads_of_subject(graph, subject.as_ref(), rdf::TYPE)?);
    }
    Ok(quads)
}

/// Reads the documents of one article graph from its quads (in any order): those of the
/// [`PREDICATES`] and `rdf:type` (others are ignored).
pub fn of_graph(graph: &NamedNode, quads: &[Quad]) -> (ArticleInfo, Vec<Document>) {
    let mut info = ArticleInfo::default();
    let (mut headline, mut text) = (String::new(), String::new());
    // Per node: its label and other names; per quotation: text and speaker. BTreeMaps,
    // so the documents come in one order.
    let mut labels: BTreeMap<&str, (Option<&str>, Vec<&str>)> = BTreeMap::new();
    let mut quotes: BTreeMap<&str, (Option<&str>, Option<&str>)> = BTreeMap::new();
    let mut role_quads: Vec<(&NamedOrBlankNode, &str, &str)> = Vec::new();
    let mut classes: HashMap<&NamedOrBlankNode, Vec<&str>> = HashMap::new();
    for q in quads {
        if let Term::NamedNode(o) = &q.object {
            if ROLE_PREDICATES.contains(&q.predicate.as_ref()) {
                role_quads.push((&q.subject, q.predicate.as_str(), o.as_str()));
            } else if q.predicate == rdf::TYPE {
                classes.entry(&q.subject).or_default().push(o.as_str());
            }
        }
        let NamedOrBlankNode::NamedNode(s) = &q.subject else { continue };
        let (p, value) = (q.predicate.as_ref(), literal(&q.object));
        if s == graph {
            match (p, value) {
                (p, Some(v)) if p == schema::IDENTIFIER => info.id = v.to_owned(),
                (p, Some(v)) if p == schema::DATE_PUBLISHED => info.date = v.to_owned(),
                (p, Some(v)) if p == schema::HEADLINE => headline = v.to_owned(),
                (p, Some(v)) if p == nif::IS_STRING => text = v.to_owned(),
                _ => {}
            }
            continue;
        }
        match (p, value) {
            (p, Some(v)) if p == rdfs::LABEL => labels.entry(s.as_str()).or_default().0 = Some(v),
            (p, Some(v)) if p == skos::ALT_LABEL => labels.entry(s.as_str()).or_default().1.push(v),
            (p, Some(v)) if p == nkg::TEXT => quotes.entry(s.as_str()).or_default().0 = Some(v),
            (p, None) if p == nkg::SPEAKER => {
                if let Term::NamedNode(o) = &q.object {
                    quotes.entry(s.as_str()).or_default().1 = Some(o.as_str());
                }
            }
            _ => {}
        }
    }
    let mut roles: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for (subject, predicate, node) in role_quads {
        let of_node = roles.entry(node).or_default();
        of_node.insert(role_term(predicate, None));
        for class in classes.get(subject).into_iter().flatten() {
            of_node.insert(role_term(predicate, Some(class)));
        }
    }
    let mut docs = Vec::new();
    for (node, (label, others)) in labels.iter_mut() {
        let Some(label) = label else { continue };
        others.sort_unstable();
        others.dedup();
        let mut words = label.to_string();
        for other in others.iter() {
            words.push_str("; ");
            words.push_str(other);
        }
        docs.push(Document {
            kind: Kind::Name,
            graph: graph.as_str().to_owned(),
            node: (*node).to_owned(),
            title: (*label).to_owned(),
            speaker: String::new(),
            words,
            roles: roles.remove(node).map(|r| r.into_iter().collect()).unwrap_or_default(),
        });
    }
    for (node, (quote, speaker)) in &quotes {
        let Some(quote) = quote else { continue };
        let speaker_label = speaker.and_then(|s| labels.get(s)).and_then(|(l, _)| *l).unwrap_or_default();
        docs.push(Document {
            kind: Kind::Quote,
            graph: graph.as_str().to_owned(),
            node: (*node).to_owned(),
            title: speaker_label.to_owned(),
            speaker: speaker.unwrap_or_default().to_owned(),
            words: (*quote).to_owned(),
            roles: Vec::new(),
        });
    }
    docs.push(Document {
        kind: Kind::Text,
        graph: graph.as_str().to_owned(),
        node: graph.as_str().to_owned(),
        title: headline.clone(),
        speaker: String::new(),
        words: article_words(&headline, &text),
        roles: Vec::new(),
    });
    (info, docs)
}

/// The term a name's role is indexed as: the property's IRI, and the class's after a
/// space when the role is a subject of that class's (IRIs hold no spaces).
pub fn role_term(predicate: &str, class: Option<&str>) -> String {
    match class {
        Some(class) => format!("{predicate} {class}"),
        None => predicate.to_owned(),
    }
}

/// The searched words of an article: its headline, a blank line, its text (the same
/// string the snippets are cut from).
pub fn article_words(headline: &str, text: &str) -> String {
    if headline.is_empty() {
        text.to_owned()
    } else {
        format!("{headline}\n\n{text}")
    }
}

fn literal(term: &Term) -> Option<&str> {
    match term {
        Term::Literal(l) => Some(l.value()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{GraphName, Literal};

    fn quad(s: &str, p: oxigraph::model::NamedNodeRef<'_>, o: Term, g: &NamedNode) -> Quad {
        Quad::new(NamedNode::new_unchecked(s), p, o, GraphName::NamedNode(g.clone()))
    }

    #[test]
    fn an_article_gives_names_quotes_and_its_text() {
        let g = NamedNode::new_unchecked("urn:a");
        let lit = |v: &str| Term::from(Literal::new_simple_literal(v));
        let quads = vec![
            quad("urn:a", schema::IDENTIFIER, lit("a-1"), &g),
            quad("urn:a", schema::HEADLINE, lit("Talks resume"), &g),
            quad("urn:a", nif::IS_STRING, lit("Anna Keller said talks resume."), &g),
            quad("urn:p", rdfs::LABEL, lit("Anna Keller"), &g),
            quad("urn:p", skos::ALT_LABEL, lit("Keller"), &g),
            quad("urn:q", nkg::TEXT, lit("We agreed"), &g),
            quad("urn:q", nkg::SPEAKER, NamedNode::new_unchecked("urn:p").into(), &g),
            quad("urn:x", nkg::TEXT, lit("no speaker"), &g),
            quad("urn:m", nkg::PARTICIPANT, NamedNode::new_unchecked("urn:p").into(), &g),
            quad("urn:m", nkg::PARTICIPANT, NamedNode::new_unchecked("urn:o").into(), &g),
            quad("urn:o", rdfs::LABEL, lit("Bern Council"), &g),
            quad("urn:h", nkg::ROLE_OF, NamedNode::new_unchecked("urn:o").into(), &g),
            quad("urn:m", rdf::TYPE, nkg::MEETING.into(), &g),
            quad("urn:m", rdf::TYPE, nkg::EVENT.into(), &g),
            quad("urn:p", rdf::TYPE, nkg::PERSON.into(), &g),
        ];
        let (info, docs) = of_graph(&g, &quads);
        assert_eq!(info, ArticleInfo { id: "a-1".into(), date: String::new() });
        let summary: Vec<_> =
            docs.iter().map(|d| (d.kind, d.node.as_str(), d.title.as_str(), d.words.as_str())).collect();
        assert_eq!(
            summary,
            [
                (Kind::Name, "urn:o", "Bern Council", "Bern Council"),
                (Kind::Name, "urn:p", "Anna Keller", "Anna Keller; Keller"),
                (Kind::Quote, "urn:q", "Anna Keller", "We agreed"),
                (Kind::Quote, "urn:x", "", "no speaker"),
                (Kind::Text, "urn:a", "Talks resume", "Talks resume\n\nAnna Keller said talks resume."),
            ]
        );
        let short = |iri: &str| iri.rsplit('#').next().unwrap_or_default().to_owned();
        let roles: Vec<Vec<String>> = docs
            .iter()
            .map(|d| d.roles.iter().map(|r| r.split(' ').map(short).collect::<Vec<_>>().join("@")).collect())
            .collect();
        assert_eq!(
            roles[0],
            ["participant", "participant@Event", "participant@Meeting", "roleOf"],
            "sorted; no class of urn:h"
        );
        assert_eq!(
            roles[1],
            ["participant", "participant@Event", "participant@Meeting", "speaker"],
            "not its own class"
        );
        assert!(roles[2..].iter().all(Vec::is_empty), "only names have roles");
    }
}
