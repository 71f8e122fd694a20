//! What a trigger's event is, given the classes of its participants: some events are no
//! event of their trigger's type, or of another type.
//!
//! - An appointment goes to a person. Organisations selected, picked or named by another
//!   ("NASA selected Acme and Initech for lunar deliveries") were awarded a contract: an
//!   agreement between them (at least two organisations, no person). Any other appointment
//!   without a person is none.
//! - A contact whose only participants are news organisations ("when contacted by
//!   Reuters") is the reporting itself, not an event of the story.

use super::super::index::MentionIndex;
use super::super::EntityId;
use crate::rules::{EntityClass, EventType};

/// The type of the event that a trigger of type `kind` with these participants tells, or
/// none when it tells no event (see the module comment).
pub(super) fn kind_for(index: &MentionIndex, kind: EventType, participants: &[EntityId]) -> Option<EventType> {
    if participants.is_empty() {
        return Some(kind);
    }
    let class = |e: &EntityId| index.class(*e);
    match kind {
        EventType::Appointment if !participants.iter().any(|e| class(e) == EntityClass::Person) => {
            let organisations = participants.iter().all(|e| class(e).base() == EntityClass::Organization);
            (organisations && participants.len() >= 2).then_some(EventType::Agreement)
        }
        EventType::Communication if participants.iter().all(|e| class(e) == EntityClass::NewsOrganization) => None,
        _ => Some(kind),
    }
}
