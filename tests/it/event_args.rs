//! Arguments of found events on sentences written for these tests, with negative cases:
//! which mentions of one type tell one event and which tell two occasions (`merge.rs`).

use newskg::rules::EventType;

use super::events::events;

/// The participants of each event, sorted, for comparisons that ignore order.
fn sorted(mut parts: Vec<Vec<String>>) -> Vec<Vec<String>> {
    for p in &mut parts {
        p.sort();
    }
    parts
}

#[test]
fn one_party_with_different_others_in_other_sentences_is_two_occasions() {
    let parts = sorted(events(
        "Acme Corp. met Initech Inc. and Globex Corp. on Monday. \
         Weeks later, Acme Corp. met Hooli Inc. and the Umbrella Corp. board.",
        EventType::Meeting,
    ));
    assert_eq!(parts.len(), 2, "{parts:?}");
    assert!(parts.iter().all(|p| p.len() == 3), "{parts:?}");
    assert!(parts.iter().all(|p| p.contains(&"Acme Corp.".to_owned())), "{parts:?}");
}

#[test]
fn the_same_parties_told_again_are_one_event() {
    // Two shared participants: one meeting, told twice.
    let parts = events(
        "Maria Lopez met Victor Hale and Ana Berg in Oslo. Later, Maria Lopez and Victor Hale met Tom Diaz.",
        EventType::Meeting,
    );
    assert_eq!(parts.len(), 1, "{parts:?}");
    // One side names no one new: one meeting.
    let parts =
        events("Maria Lopez met Victor Hale in Oslo. Victor Hale met Maria Lopez and Ana Berg.", EventType::Meeting);
    assert_eq!(parts.len(), 1, "{parts:?}");
    // Within one sentence, one shared participant still makes one event.
    let parts = events("Maria Lopez met Victor Hale, and Maria Lopez met Ana Berg.", EventType::Meeting);
    assert_eq!(parts.len(), 1, "{parts:?}");
}
