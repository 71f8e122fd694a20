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
//! **Invariant:** a statement's first participant is its speaker (`events::find` drops a
//! statement without one).

use super::super::Event;
use crate::rules::EventType;

/// Merges events that tell the same event (see the module comment). Participants,
/// evidence and a missing place or date are pooled; a definite mention with no earlier
/// event of its type and no participant is dropped. The result is in text order.
pub(super) fn merge(events: Vec<Event>) -> Vec<Event> {
    let mut out: Vec<Event> = Vec::new();
    for e in events {
        let compatible = |o: &Event| {
            o.kind == e.kind
                && o.modality == e.modality
                && (o.date.is_none() || e.date.is_none() || o.date == e.date)
                && (o.place.is_none() || e.place.is_none() || o.place == e.place)
        };
        let same = if e.definite {
            // "the meeting" joins the latest meeting, unless it names other participants
            // ("the assassination of X" after a plot against Y).
            out.iter_mut().rev().find(|o| compatible(o))
        } else {
            out.iter_mut().find(|o| compatible(o) && same_event(o, &e))
        };
        if same.is_none() && e.participants.is_empty() {
            continue;
        }
        match same {
            Some(o) => {
                for p in e.participants {
                    if !o.participants.contains(&p) {
                        o.participants.push(p);
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
            }
            None => out.push(e),
        }
    }
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
