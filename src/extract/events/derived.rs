//! Events told by other stages' facts: a selection for a post or a resignation (a
//! holding of `positions::find`) is an appointment; a quotation's named speaker made a
//! statement.

use super::super::index::MentionIndex;
use super::super::{Event, Evidence, Holding, PostPattern, Quote, SentenceId, Speaker};
use super::after_preposition;
use crate::rules::{EntityClass, EventType, Rules};
use crate::text::Doc;

/// A selection for a post ("X for secretary of state", "named X as Y") or a resignation
/// ("X resigned as minister") is an appointment event: the holder, and for a selection
/// whoever named them (the first person of the sentence).
pub(super) fn appointments(doc: &Doc, index: &MentionIndex, holdings: &[Holding]) -> Vec<Event> {
    let mut events = Vec::new();
    for h in holdings.iter().filter(|h| matches!(h.pattern, PostPattern::Selection | PostPattern::Resignation)) {
        let a = doc.tokens.partition_point(|t| t.end <= h.evidence.span.start);
        let si = doc.sentence_of(a.min(doc.tokens.len().saturating_sub(1)));
        let mut participants = vec![h.holder];
        if h.pattern == PostPattern::Selection {
            let s = doc.sentences[si].clone();
            if let Some(m) = index
                .starting_within(s.start, a)
                .iter()
                .find(|m| m.tokens.end <= a && index.class(m.entity) == EntityClass::Person && m.entity != h.holder)
            {
                participants.push(m.entity);
            }
        }
        events.push(Event {
            kind: EventType::Appointment,
            participants,
            place: None,
            date: None,
            time_text: None,
            modality: None,
            evidence: vec![Evidence { span: h.evidence.span.clone(), rule: "event.Appointment.post" }],
            sentence: SentenceId::new(si),
            definite: false,
        });
    }
    events
}

/// A quotation's named speaker made a statement.
pub(super) fn quote_statements(doc: &Doc, rules: &Rules, quotes: &[Quote]) -> Vec<Event> {
    let mut events = Vec::new();
    for q in quotes {
        if let Some(Speaker::Entity(e)) = q.speaker {
            let span = q.attribution.clone().unwrap_or(q.evidence.span.clone());
            // "a letter seen by X says": the name after a preposition did not speak.
            let first = doc.tokens.partition_point(|t| t.end <= span.start);
            if q.attribution.is_some() && first < doc.tokens.len() && after_preposition(doc, rules, first) {
                continue;
            }
            let si = doc
                .sentences
                .partition_point(|s| doc.tokens[s.end - 1].end <= span.start)
                .min(doc.sentences.len().saturating_sub(1));
            events.push(Event {
                kind: EventType::Statement,
                participants: vec![e],
                place: None,
                date: None,
                time_text: None,
                modality: None,
                evidence: vec![Evidence { span, rule: "event.Statement.quote" }],
                sentence: SentenceId::new(si),
                definite: false,
            });
        }
    }
    events
}
