//! Extraction: pure functions from an analysed article to standoff facts.
//!
//! The pipeline is a sequence of stages, each a plain function whose signature says what
//! it reads and what it adds: `Doc::analyze` (tokens, sentences) → [`mentions::find`]
//! (candidate names, overlaps resolved longest-first) → [`entities::resolve`] (typing and
//! in-article coreference: one [`Entity`] per real entity) → [`positions::find`] (posts
//! held) → [`quotes::find`] (quotations and speakers) → [`events::find`] (events with
//! participants, place, resolved date; merged) → [`sources::find`] (cited sources and
//! what rests on them).
//!
//! Invariant: extraction never fails and never touches RDF; odd input gives fewer facts.
//! Every fact carries the byte spans it was read from and the id of the rule that made it.

pub mod entities;
pub mod events;
pub mod index;
pub mod mentions;
pub mod positions;
pub mod quotes;
pub mod sources;
pub mod speakers;
pub mod time;

use std::collections::BTreeSet;
use std::ops::Range;

use chrono::NaiveDate;

use crate::article::Article;
use crate::rules::{EntityClass, RuleId, Rules};
use crate::text::Doc;

/// A stretch of article text that a fact was read from (byte offsets).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Evidence {
    pub span: Range<usize>,
    pub rule: RuleId,
}

impl Ord for Evidence {
    /// Text order: by start, then end, then rule id.
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.span.start, self.span.end, self.rule).cmp(&(other.span.start, other.span.end, other.rule))
    }
}

impl PartialOrd for Evidence {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// One real-world entity as the article names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    pub class: EntityClass,
    /// The fullest name the article uses (or the gazetteer's canonical name).
    pub label: String,
    /// Every other form the article uses.
    pub alt_labels: BTreeSet<String>,
    /// One per mention, in text order.
    pub mentions: Vec<Evidence>,
    pub wikidata: Option<String>,
    /// The rule that decided the entity's type.
    pub rule: RuleId,
}

/// The status of a post held (the contract's four values).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HoldingStatus {
    Incumbent,
    Designate,
    Former,
    Acting,
}

impl HoldingStatus {
    /// From the lexicon's status names; anything unknown is incumbent.
    pub fn from_name(s: &str) -> Self {
        match s {
            "designate" => HoldingStatus::Designate,
            "former" => HoldingStatus::Former,
            "acting" => HoldingStatus::Acting,
            _ => HoldingStatus::Incumbent,
        }
    }
}

/// A post held by a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holding {
    /// Entity index of the person.
    pub holder: usize,
    /// The normalised title ("senator", "U.N. ambassador").
    pub title: String,
    /// Entity index of the organisation or place the post belongs to.
    pub of: Option<usize>,
    pub status: HoldingStatus,
    pub evidence: Evidence,
}

/// Who spoke a quotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Speaker {
    /// A named entity (index).
    Entity(usize),
    /// An unnamed speaker described in the text ("a spokesman"), by its span.
    Anonymous(Range<usize>),
}

/// A direct quotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// The quoted words, without the quote marks.
    pub text: Range<usize>,
    pub speaker: Option<Speaker>,
    /// The words that attribute it ("said KCNA").
    pub attribution: Option<Range<usize>>,
    /// The quotation with its marks.
    pub evidence: Evidence,
}

/// An event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// One of the contract's event types (`rules::EVENT_TYPES`).
    pub kind: &'static str,
    /// Entity indices, subject first.
    pub participants: Vec<usize>,
    pub place: Option<usize>,
    pub date: Option<NaiveDate>,
    /// The time words the date was read from.
    pub time_text: Option<Range<usize>>,
    /// "future", "hypothetical" or "negated"; `None` for an asserted event.
    pub modality: Option<&'static str>,
    /// One per mention of the event (its trigger or attribution), sorted.
    pub evidence: Vec<Evidence>,
    /// The sentence of its first mention.
    pub sentence: usize,
    /// Whether its first mention is a definite nominal one ("the meeting").
    pub definite: bool,
}

/// An unnamed source the article cites ("a U.S. official").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnonymousSource {
    /// The description as written.
    pub label: String,
    /// The entity the source belongs to ("U.S." → United States).
    pub affiliation: Option<usize>,
    pub evidence: Evidence,
}

/// A source: a named entity or an anonymous source (indices).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    Entity(usize),
    Anonymous(usize),
}

/// A fact that can be attributed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fact {
    /// A sentence, as a claim.
    Sentence(usize),
    Event(usize),
    Quote(usize),
}

/// "fact rests on source's word".
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Attribution {
    pub fact: Fact,
    pub source: Source,
    pub rule: RuleId,
}

/// Everything extracted from one article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extraction {
    /// Paragraph byte ranges.
    pub paragraphs: Vec<Range<usize>>,
    /// Sentence byte ranges.
    pub sentences: Vec<Range<usize>>,
    /// Entities, ordered by first mention.
    pub entities: Vec<Entity>,
    /// Posts held, in text order.
    pub holdings: Vec<Holding>,
    pub quotes: Vec<Quote>,
    pub events: Vec<Event>,
    pub anonymous_sources: Vec<AnonymousSource>,
    pub attributions: Vec<Attribution>,
    /// The entity index of the dateline place, when the dateline names a known entity.
    pub dateline_place: Option<usize>,
    /// Entity indices of the people named in the contributor lines.
    pub contributors: Vec<usize>,
}

/// Runs every stage on one article.
pub fn extract(article: &Article, rules: &Rules) -> Extraction {
    let doc = Doc::analyze(article, &rules.abbreviations);
    let mut candidates = mentions::find(&doc, rules);
    if let Some(dl) = &article.metadata.dateline {
        if let Some(span) = &dl.span {
            mentions::add_dateline(&doc, rules, span.clone(), &mut candidates);
        }
    }
    let resolved = entities::resolve(&doc, rules, &candidates);
    let holdings = positions::find(&doc, rules, &candidates, &resolved);
    let index = index::MentionIndex::new(&candidates, &resolved);
    let quotes = quotes::find(&doc, rules, &index);
    let events = events::find(&doc, rules, &index, &holdings, &quotes, article.metadata.date);
    let (anonymous_sources, attributions) = sources::find(&doc, rules, &index, &quotes, &events);
    let entities = resolved.entities;
    let find_entity = |span: &Range<usize>| {
        entities.iter().position(|e| e.mentions.iter().any(|m| m.span.start >= span.start && m.span.end <= span.end))
    };
    let dateline_place = article
        .metadata
        .dateline
        .as_ref()
        .and_then(|d| d.span.as_ref())
        .and_then(&find_entity)
        .filter(|&i| entities[i].class.base() == EntityClass::Place);
    let notes: Vec<&Range<usize>> =
        article.metadata.contribution_notes.iter().filter_map(|n| n.span.as_ref()).collect();
    let contributors = (0..entities.len())
        .filter(|&i| entities[i].class == EntityClass::Person)
        .filter(|&i| {
            entities[i].mentions.iter().any(|m| notes.iter().any(|n| m.span.start >= n.start && m.span.end <= n.end))
        })
        .collect();
    Extraction {
        paragraphs: doc.paragraphs.iter().map(|p| doc.span(p.start, p.end)).collect(),
        sentences: doc.sentences.iter().map(|s| doc.span(s.start, s.end)).collect(),
        entities,
        holdings,
        quotes,
        events,
        anonymous_sources,
        attributions,
        dateline_place,
        contributors,
    }
}
