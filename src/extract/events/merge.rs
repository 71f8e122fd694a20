//! One node per real event: the events found for each trigger, post and quotation are
//! merged when they tell the same event.
//!
//! Events of one type merge when they share a participant and their modality, dates and
//! places agree (or one has none); a definite nominal mention ("the meeting") joins the
//! latest event of its type. Two kinds of events are told apart by their first participant
//! rather than by any shared one: appointments (one per appointee: "X for A and Y for B"
//! are two) and statements (one per speaker: "X told CNN" and "Y told CNN" are two, while
//! the addressee is shared). Statements by one speaker to two different named addressees
//! ("X told CNN", later "X wrote to Y") are two occasions, not one.
//! Other events that share a participant are still two occasions when they are told in
//! different sentences, share only that one participant and each names a person or
//! organisation the other does not: "NASA selected A and B" and, later, "NASA selected C
//! and D" are two contract awards, while "X met Y" and a later "X met Y and Z" (one names
//! no one new), "X and Y met Z" after "X and Y met W" (two shared) or "the Italian court's
//! ruling" after "the court ruled on Acme" (a place is no party that tells occasions
//! apart) are one.
//! **Invariant:** a statement's first participant is its speaker (`events::find` drops a
//! statement without one).
//! **Invariant:** the work is linear in the events times the events that share a
//! participant with each (candidates are looked up by type and participant), not
//! quadratic in the article's events.

use rustc_hash::FxHashMap;

use super::super::index::MentionIndex;
use super::super::{EntityId, Event, SentenceId};
use crate::rules::{EntityClass, EventType};

/// The merged events so far, with what the look-ups need.
struct Merged<'a> {
    index: &'a MentionIndex<'a>,
    events: Vec<Event>,
    /// The sentences each merged event was told in.
    sentences: Vec<Vec<SentenceId>>,
    /// The merged events of each type that have each participant, in order.
    by_participant: FxHashMap<(EventType, EntityId), Vec<usize>>,
    /// The merged events of each type, in order.
    by_kind: FxHashMap<EventType, Vec<usize>>,
}

impl Merged<'_> {
    fn push(&mut self, e: Event) {
        let i = self.events.len();
        for &p in &e.participants {
            self.by_participant.entry((e.kind, p)).or_default().push(i);
        }
        self.by_kind.entry(e.kind).or_default().push(i);
        self.sentences.push(vec![e.sentence]);
        self.events.push(e);
    }

    /// Pools `e` into the merged event `i`.
    fn absorb(&mut self, i: usize, e: Event) {
        let o = &mut self.events[i];
        for p in e.participants {
            if !o.participants.contains(&p) {
                o.participants.push(p);
                self.by_participant.entry((o.kind, p)).or_default().push(i);
            }
        }
        o.place = o.place.or(e.place);
        if o.date.is_none() {
            o.date = e.date;
            o.time_text = e.time_text;
        }
        o.evidence.extend(e.evidence);
        o.evidence.sort();
        o.evidence.dedup();
        if !self.sentences[i].contains(&e.sentence) {
            self.sentences[i].push(e.sentence);
        }
    }

    /// The merged event that `e` tells again, if any (see the module comment).
    fn same_as(&self, e: &Event) -> Option<usize> {
        let compatible = |o: &Event| {
            o.kind == e.kind
                && o.modality == e.modality
                && (o.date.is_none() || e.date.is_none() || o.date == e.date)
                && (o.place.is_none() || e.place.is_none() || o.place == e.place)
        };
        if e.definite {
            // "the meeting" joins the latest meeting, unless it names other participants
            // ("the assassination of X" after a plot against Y).
            let of_kind = self.by_kind.get(&e.kind)?;
            return of_kind.iter().rev().copied().find(|&i| compatible(&self.events[i]));
        }
        // Every candidate shares a participant: the earliest that tells the same event.
        let mut candidates: Vec<usize> =
            e.participants.iter().filter_map(|&p| self.by_participant.get(&(e.kind, p))).flatten().copied().collect();
        candidates.sort_unstable();
        candidates.dedup();
        candidates.into_iter().find(|&i| {
            let o = &self.events[i];
            compatible(o) && same_event(o, e) && !other_occasion(self.index, o, &self.sentences[i], e)
        })
    }
}

/// Merges events that tell the same event (see the module comment). Participants,
/// evidence and a missing place or date are pooled; a definite mention with no earlier
/// event of its type and no participant is dropped. The result is in text order.
pub(super) fn merge(index: &MentionIndex, events: Vec<Event>) -> Vec<Event> {
    let mut merged = Merged {
        index,
        events: Vec::new(),
        sentences: Vec::new(),
        by_participant: FxHashMap::default(),
        by_kind: FxHashMap::default(),
    };
    for e in events {
        match merged.same_as(&e) {
            Some(i) => merged.absorb(i, e),
            None if e.participants.is_empty() => {}
            None => merged.push(e),
        }
    }
    let mut out = merged.events;
    out.sort_by(|a, b| a.evidence[0].cmp(&b.evidence[0]));
    out
}

/// Whether two compatible events of one type tell the same event, by their participants.
fn same_event(o: &Event, e: &Event) -> bool {
    match e.kind {
        EventType::Appointment => o.participants.first() == e.participants.first(),
        EventType::Statement => {
            let (Some(a), Some(b)) = (o.participants.split_first(), e.participants.split_first()) else {
                return false;
            };
            // The same speaker, and no two different addressees.
            a.0 == b.0 && (a.1.is_empty() || b.1.is_empty() || a.1.iter().any(|p| b.1.contains(p)))
        }
        _ => o.participants.iter().any(|p| e.participants.contains(p)),
    }
}

/// Whether `e`, sharing a participant with the merged event `o` (told in `o_sentences`),
/// is another occasion: an event of the `_` group of `same_event` told in another
/// sentence that shares exactly one participant with `o`, while each names a person or
/// organisation the other does not ("NASA selected A", later "NASA selected B").
fn other_occasion(index: &MentionIndex, o: &Event, o_sentences: &[SentenceId], e: &Event) -> bool {
    if matches!(e.kind, EventType::Appointment | EventType::Statement) || o_sentences.contains(&e.sentence) {
        return false;
    }
    let shared = e.participants.iter().filter(|p| o.participants.contains(p)).count();
    let party = |p: &EntityId| matches!(index.class(*p).base(), EntityClass::Person | EntityClass::Organization);
    let names_other = |a: &Event, b: &Event| a.participants.iter().any(|p| party(p) && !b.participants.contains(p));
    shared == 1 && names_other(e, o) && names_other(o, e)
}
