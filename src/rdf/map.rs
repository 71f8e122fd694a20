//! The mapping from an article and its extraction to quads in the article's named graph.
//!
//! Invariant: the output is a pure function of (article, extraction, base IRI): same input,
//! same quads; offsets are written as Unicode code points (NIF), end exclusive.

use std::collections::BTreeSet;
use std::ops::Range;

use oxigraph::model::vocab::{rdf, rdfs, xsd};
use oxigraph::model::{Literal, NamedNode, NamedOrBlankNode, Quad, Term};

use super::graph::{ArticleGraph, GraphBuilder};
use super::mint::Minter;
use super::vocab::{self, nif, nkg, owl, schema, skos};
use crate::article::Article;
use crate::error::Result;
use crate::extract::{Evidence, Extraction, Fact, SentenceId, Source, Speaker};
use crate::rules::{EntityClass, EventType};

/// Byte offsets → code-point offsets, for one text.
///
/// Holds the code-point count at every 64th byte (4 bytes per 64 bytes of text, where a
/// table of every char took 16 bytes per char) and counts the chars of the rest of the
/// block.
pub struct CodePoints<'a> {
    text: &'a str,
    /// For each block of `BLOCK` bytes, the number of chars that start before it; then
    /// the number of chars.
    block_starts: Vec<u32>,
}

const BLOCK: usize = 64;

impl<'a> CodePoints<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut chars = 0u32;
        let mut block_starts: Vec<u32> = text
            .as_bytes()
            .chunks(BLOCK)
            .map(|block| {
                let before = chars;
                chars += block.iter().filter(|&&b| is_char_start(b)).count() as u32;
                before
            })
            .collect();
        // The end of a text whose length is a multiple of BLOCK starts a block of its own.
        block_starts.push(chars);
        CodePoints { text, block_starts }
    }

    /// The code-point offset of a byte offset (a byte inside a char counts as that char's
    /// start).
    pub fn of(&self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        let block = byte / BLOCK;
        let before = self.block_starts[block];
        let bytes = &self.text.as_bytes()[block * BLOCK..byte];
        let in_block = bytes.iter().filter(|&&b| is_char_start(b)).count();
        // A byte inside a char belongs to the char it continues.
        let inside = byte < self.text.len() && !is_char_start(self.text.as_bytes()[byte]);
        before as usize + in_block - usize::from(inside)
    }
}

/// Whether a byte of UTF-8 starts a char (is not a continuation byte).
fn is_char_start(b: u8) -> bool {
    (b as i8) >= -0x40
}

struct Out<'a> {
    triples: GraphBuilder,
    minter: &'a Minter,
    article: NamedNode,
    text: &'a str,
    cps: CodePoints<'a>,
    spans: BTreeSet<(usize, usize)>,
}

impl Out<'_> {
    fn add(&mut self, s: impl Into<NamedOrBlankNode>, p: oxigraph::model::NamedNodeRef<'_>, o: impl Into<Term>) {
        self.triples.add(Term::from(s.into()), p, o);
    }

    /// A span node for `text[range]` (bytes), written once per article.
    fn span(
        &mut self,
        kind: &str,
        class: oxigraph::model::NamedNodeRef<'_>,
        range: &Range<usize>,
    ) -> Result<NamedNode> {
        let (b, e) = (self.cps.of(range.start), self.cps.of(range.end));
        let node = self.minter.fact(&self.article, kind, b, e)?;
        if self.spans.insert((b, e)) || kind != "span" {
            self.add(node.clone(), rdf::TYPE, class.into_owned());
            if class != nkg::SPAN {
                self.add(node.clone(), rdf::TYPE, nkg::SPAN.into_owned());
            }
            self.add(
                node.clone(),
                nif::BEGIN_INDEX,
                Literal::new_typed_literal(b.to_string(), xsd::NON_NEGATIVE_INTEGER),
            );
            self.add(
                node.clone(),
                nif::END_INDEX,
                Literal::new_typed_literal(e.to_string(), xsd::NON_NEGATIVE_INTEGER),
            );
            self.add(node.clone(), nif::ANCHOR_OF, Literal::new_simple_literal(&self.text[range.clone()]));
            self.add(node.clone(), nif::REFERENCE_CONTEXT, self.article.clone());
        }
        Ok(node)
    }

    fn evidence(&mut self, subject: &NamedNode, ev: &Evidence) -> Result<()> {
        let span = self.span("span", nkg::SPAN, &ev.span)?;
        self.add(subject.clone(), nkg::EVIDENCE, span);
        Ok(())
    }

    fn literal(&mut self, s: &NamedNode, p: oxigraph::model::NamedNodeRef<'_>, value: &str) {
        self.add(s.clone(), p, Literal::new_simple_literal(value));
    }

    /// A name (`rdfs:label` or `skos:altLabel`) and its lookup key (`nkg:nameKey`, the name
    /// lowercased as SPARQL's LCASE does), so that queries find a name in any case through
    /// an index.
    fn name(&mut self, s: &NamedNode, p: oxigraph::model::NamedNodeRef<'_>, value: &str) {
        self.literal(s, p, value);
        self.literal(s, nkg::NAME_KEY, &value.to_lowercase());
    }
}

/// Which paragraphs and sentences of the article become span nodes.
///
/// Paragraphs and sentences are NIF document structure: no fact points to them as evidence,
/// and on typical news they are about a third of an article's quads and most of its bytes
/// (each carries its whole text as `nif:anchorOf`). So by default only the sentences that
/// something is attributed to (`nkg:attributedTo` on a sentence) are written, which keeps
/// every IRI in the graph described.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Segments {
    /// Only sentences that are the subject of an attribution.
    #[default]
    Cited,
    /// Every paragraph and every sentence.
    All,
}

/// All quads of one article, in its named graph, sorted (owned: see [`to_graph`] for the
/// same quads held compactly).
pub fn to_quads(article: &Article, ex: &Extraction, minter: &Minter, segments: Segments) -> Result<Vec<Quad>> {
    Ok(to_graph(article, ex, minter, segments)?.into_quads())
}

/// All quads of one article, in its named graph, sorted, held compactly.
pub fn to_graph(article: &Article, ex: &Extraction, minter: &Minter, segments: Segments) -> Result<ArticleGraph> {
    let iri = minter.article(&article.id)?;
    let mut out = Out {
        triples: GraphBuilder::from(iri.clone()),
        minter,
        article: iri.clone(),
        text: &article.text,
        cps: CodePoints::new(&article.text),
        spans: BTreeSet::new(),
    };
    article_quads(&mut out, article)?;

    let mut entity_iris = Vec::with_capacity(ex.entities.len());
    for e in &ex.entities {
        let node = minter.entity_of(&iri, e)?;
        out.add(node.clone(), rdf::TYPE, vocab::class_iri(e.class).into_owned());
        let base = e.class.base();
        if base != e.class {
            out.add(node.clone(), rdf::TYPE, vocab::class_iri(base).into_owned());
        }
        out.name(&node, rdfs::LABEL, &e.label);
        for alt in &e.alt_labels {
            out.name(&node, skos::ALT_LABEL, alt);
        }
        if let Some(q) = &e.wikidata {
            if let Ok(wd) = NamedNode::new(format!("{}{q}", vocab::wd::NS)) {
                out.add(node.clone(), owl::SAME_AS, wd);
            }
        }
        out.literal(&node, nkg::RULE, e.rule);
        for m in &e.mentions {
            out.evidence(&node, m)?;
        }
        out.add(iri.clone(), nkg::MENTIONS, node.clone());
        entity_iris.push(node);
    }
    for h in &ex.holdings {
        let (b, e) = (out.cps.of(h.evidence.span.start), out.cps.of(h.evidence.span.end));
        let node = minter.keyed_fact(&iri, "holding", &format!("{b}-{e}-{}", h.title))?;
        out.add(node.clone(), rdf::TYPE, nkg::POSITION_HOLDING.into_owned());
        out.add(node.clone(), nkg::HOLDER, entity_iris[h.holder.index()].clone());
        out.literal(&node, nkg::ROLE_TITLE, &h.title);
        if let Some(of) = h.of {
            out.add(node.clone(), nkg::ROLE_OF, entity_iris[of.index()].clone());
        }
        out.add(node.clone(), nkg::STATUS, vocab::status_iri(h.status).into_owned());
        out.literal(&node, nkg::RULE, h.evidence.rule);
        out.evidence(&node, &h.evidence)?;
    }
    let mut event_iris = Vec::with_capacity(ex.events.len());
    for ev in &ex.events {
        let first = &ev.evidence[0].span;
        let (b, e) = (out.cps.of(first.start), out.cps.of(first.end));
        let node = minter.keyed_fact(&iri, "event", &format!("{b}-{e}-{}", ev.kind.name()))?;
        out.add(node.clone(), rdf::TYPE, vocab::event_class_iri(ev.kind).into_owned());
        out.add(node.clone(), rdf::TYPE, nkg::EVENT.into_owned());
        for &p in &ev.participants {
            out.add(node.clone(), nkg::PARTICIPANT, entity_iris[p.index()].clone());
        }
        if let Some(p) = ev.place {
            out.add(node.clone(), nkg::PLACE_OF, entity_iris[p.index()].clone());
        }
        if let Some(d) = ev.date {
            out.add(node.clone(), nkg::DATE, Literal::new_typed_literal(d.format("%Y-%m-%d").to_string(), xsd::DATE));
        }
        if let Some(t) = &ev.time_text {
            let words = out.text[t.clone()].to_owned();
            out.literal(&node, nkg::TIME_EXPRESSION, &words);
        }
        if let Some(m) = ev.modality {
            out.literal(&node, nkg::MODALITY, m.name());
        }
        out.literal(&node, nkg::RULE, ev.evidence[0].rule);
        for evd in &ev.evidence {
            out.evidence(&node, evd)?;
        }
        event_iris.push(node);
    }
    let mut quote_iris = Vec::with_capacity(ex.quotes.len());
    for q in &ex.quotes {
        let (b, e) = (out.cps.of(q.evidence.span.start), out.cps.of(q.evidence.span.end));
        let node = minter.fact(&iri, "quote", b, e)?;
        out.add(node.clone(), rdf::TYPE, nkg::QUOTATION.into_owned());
        let words = out.text[q.text.clone()].to_owned();
        out.literal(&node, nkg::TEXT, &words);
        if let Some(Speaker::Entity(s)) = q.speaker {
            out.add(node.clone(), nkg::SPEAKER, entity_iris[s.index()].clone());
            let statement = ex.events.iter().position(|ev| {
                ev.kind == EventType::Statement
                    && ev.participants.contains(&s)
                    && q.attribution.as_ref().is_some_and(|a| ev.evidence.iter().any(|x| x.span == *a))
            });
            if let Some(i) = statement {
                out.add(node.clone(), nkg::IN_STATEMENT, event_iris[i].clone());
            }
        }
        out.literal(&node, nkg::RULE, q.evidence.rule);
        out.evidence(&node, &q.evidence)?;
        quote_iris.push(node);
    }
    let mut source_iris = Vec::with_capacity(ex.anonymous_sources.len());
    for a in &ex.anonymous_sources {
        let node =
            minter.keyed_fact(&iri, "source", &crate::extract::entities::name_key(&a.label).replace(' ', "-"))?;
        out.add(node.clone(), rdf::TYPE, nkg::ANONYMOUS_SOURCE.into_owned());
        out.name(&node, rdfs::LABEL, &a.label);
        if let Some(e) = a.affiliation {
            out.add(node.clone(), nkg::AFFILIATION, entity_iris[e.index()].clone());
        }
        out.literal(&node, nkg::RULE, a.evidence.rule);
        out.evidence(&node, &a.evidence)?;
        source_iris.push(node);
    }
    for at in &ex.attributions {
        let fact = match at.fact {
            Fact::Sentence(i) => {
                let r = &ex.sentences[i];
                minter.fact(&iri, "sentence", out.cps.of(r.start), out.cps.of(r.end))?
            }
            Fact::Event(i) => event_iris[i.index()].clone(),
            Fact::Quote(i) => quote_iris[i.index()].clone(),
        };
        let source = match at.source {
            Source::Entity(i) => entity_iris[i.index()].clone(),
            Source::Anonymous(i) => source_iris[i.index()].clone(),
        };
        out.add(fact, nkg::ATTRIBUTED_TO, source);
    }
    if let Some(i) = ex.dateline_place {
        out.add(iri.clone(), nkg::DATELINE_PLACE, entity_iris[i.index()].clone());
    }
    for &i in &ex.contributors {
        out.add(iri.clone(), schema::CONTRIBUTOR, entity_iris[i.index()].clone());
    }
    let cited: BTreeSet<SentenceId> = ex
        .attributions
        .iter()
        .filter_map(|at| match at.fact {
            Fact::Sentence(i) => Some(i),
            _ => None,
        })
        .collect();
    if segments == Segments::All {
        for p in &ex.paragraphs {
            out.span("paragraph", nkg::PARAGRAPH, p)?;
        }
    }
    for (i, s) in ex.sentences.iter().enumerate() {
        if segments == Segments::All || cited.contains(&SentenceId::new(i)) {
            out.span("sentence", nkg::SENTENCE, s)?;
        }
    }
    Ok(out.triples.finish())
}

/// The article node: identity, metadata and text.
fn article_quads(out: &mut Out, article: &Article) -> Result<()> {
    let iri = out.article.clone();
    let m = &article.metadata;
    out.add(iri.clone(), rdf::TYPE, nkg::ARTICLE.into_owned());
    out.literal(&iri, schema::IDENTIFIER, &article.id);
    out.add(iri.clone(), nif::IS_STRING, Literal::new_simple_literal(&article.text));
    if let Some(h) = &m.headline {
        out.literal(&iri, schema::HEADLINE, &h.value);
    }
    if let Some(d) = m.date {
        out.add(
            iri.clone(),
            schema::DATE_PUBLISHED,
            Literal::new_typed_literal(d.format("%Y-%m-%d").to_string(), xsd::DATE),
        );
    }
    if let Some(u) = &m.url {
        match NamedNode::new(u.clone()) {
            Ok(n) => out.add(iri.clone(), schema::URL, n),
            Err(_) => out.literal(&iri, schema::URL, u),
        }
    }
    if let Some(l) = article.language() {
        out.literal(&iri, schema::IN_LANGUAGE, l);
    }
    if let Some(d) = &m.dateline {
        out.literal(&iri, nkg::DATELINE, &d.value);
    }
    if let Some(c) = &m.photo_credit {
        out.literal(&iri, nkg::PHOTO_CREDIT, &c.value);
    }
    if let Some(s) = &m.source {
        out.literal(&iri, nkg::SOURCE_NAME, &s.value);
    }
    for n in &m.contribution_notes {
        out.literal(&iri, nkg::CONTRIBUTION_NOTE, &n.value);
    }
    for a in &m.authors {
        let person = out.minter.entity(EntityClass::Person, &a.value)?;
        out.add(iri.clone(), schema::AUTHOR, person.clone());
        out.add(person.clone(), rdf::TYPE, nkg::PERSON.into_owned());
        out.name(&person, rdfs::LABEL, &a.value);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::CodePoints;

    #[test]
    fn byte_offsets_become_code_points() {
        let t = "Iran’s U.N.";
        let cps = CodePoints::new(t);
        assert_eq!(cps.of(0), 0);
        assert_eq!(cps.of(t.find('s').unwrap()), 5);
        assert_eq!(cps.of(t.len()), t.chars().count());
    }

    /// Every byte offset, on a char boundary or inside a char, against counting the chars,
    /// on texts longer than a block, ending at a block's end or not.
    #[test]
    fn code_points_agree_with_counting_across_blocks() {
        for t in ["a’b".repeat(40), "x".repeat(128), "é".repeat(64), format!("{}😀", "y".repeat(63))] {
            let cps = CodePoints::new(&t);
            for byte in 0..=t.len() {
                let containing = (0..=byte).rev().find(|&b| t.is_char_boundary(b)).unwrap();
                assert_eq!(cps.of(byte), t[..containing].chars().count(), "{t:?} at {byte}");
            }
        }
    }
}
