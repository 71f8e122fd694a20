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
//! The facts and their typed ids are in `model.rs`.
//!
//! **Invariant:** extraction never fails and never touches RDF; odd input gives fewer
//! facts. Every fact carries the byte spans it was read from and the id of the rule that
//! made it (output only: the stages branch on enums and typed fields, never on rule ids).

pub mod entities;
pub mod events;
pub mod index;
pub mod mentions;
mod model;
pub mod positions;
pub mod quotes;
pub mod sources;
pub mod speakers;
pub mod time;

use std::ops::Range;

pub use crate::rules::HoldingStatus;
pub use model::{
    AnonymousSource, Attribution, Entity, EntityId, Event, EventId, Evidence, Extraction, Fact, Holding, Identity,
    PostPattern, Quote, QuoteId, SentenceId, Source, SourceId, Speaker,
};

use crate::article::Article;
use crate::rules::{EntityClass, Rules};
use crate::text::Doc;

/// The longest text extraction reads: the typed ids are `u32`, and an article yields at
/// most a few items (candidates, entities, sentences, facts) per byte.
const MAX_TEXT_BYTES: usize = 1 << 30;

/// Runs every stage on one article. An article of over 1 GiB yields no facts (see
/// `MAX_TEXT_BYTES`; the readers' default limit is 8 MiB).
pub fn extract(article: &Article, rules: &Rules) -> Extraction {
    if article.text.len() > MAX_TEXT_BYTES {
        return Extraction::default();
    }
    let doc = Doc::analyze(article, &rules.abbreviations);
    let mut candidates = mentions::find(&doc, rules);
    if let Some(dl) = &article.metadata.dateline {
        if let Some(span) = &dl.span {
            mentions::add_dateline(&doc, rules, span.clone(), &mut candidates);
        }
    }
    let candidates_at = index::CandidatesAt::new(&candidates);
    let resolved = entities::resolve(&doc, rules, &candidates, &candidates_at);
    let holdings = positions::find(&doc, rules, &candidates, &candidates_at, &resolved);
    let index = index::MentionIndex::new(&candidates, &resolved);
    let quotes = quotes::find(&doc, rules, &index);
    let events = events::find(&doc, rules, &index, &holdings, &quotes, article.metadata.date);
    let (anonymous_sources, attributions) = sources::find(&doc, rules, &index, &quotes, &events);
    let entities = resolved.entities;
    let ids = || (0..entities.len()).map(EntityId::new);
    let inside = |m: &Evidence, span: &Range<usize>| m.span.start >= span.start && m.span.end <= span.end;
    let dateline_place = article
        .metadata
        .dateline
        .as_ref()
        .and_then(|d| d.span.as_ref())
        .and_then(|span| ids().find(|&e| entities[e].mentions.iter().any(|m| inside(m, span))))
        .filter(|&e| entities[e].class.base() == EntityClass::Place);
    let notes: Vec<&Range<usize>> =
        article.metadata.contribution_notes.iter().filter_map(|n| n.span.as_ref()).collect();
    let contributors = ids()
        .filter(|&e| entities[e].class == EntityClass::Person)
        .filter(|&e| entities[e].mentions.iter().any(|m| notes.iter().any(|n| inside(m, n))))
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
