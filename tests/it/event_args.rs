//! Arguments of found events on sentences written for these tests, with negative cases:
//! which mentions of one type tell one event and which tell two occasions (`merge.rs`),
//! and the argument cues of `events/args.rs` (plural demonyms, possessive subjects, ",
//! saying", "the company", "announced by X", time words inside names).

use chrono::NaiveDate;
use newskg::article::read_plain;
use newskg::extract;
use newskg::rules::EventType;

use super::events::{any_with, events, rules};

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

#[test]
fn a_plural_demonym_names_people_not_their_country() {
    let text = "More than 300 Indians were deported by Mexican authorities on Friday.";
    assert!(any_with(text, EventType::LegalAction, "Mexico"), "{:?}", events(text, EventType::LegalAction));
    // (The adjective "Mexican" still stands for its country, above.)
    assert!(!any_with(text, EventType::LegalAction, "India"));
}

#[test]
fn a_name_in_the_possessive_before_a_nominal_trigger_is_its_subject() {
    let text = "Analysts attributed the rally to the Supreme Court's ruling on Acme Corp.";
    let parts = events(text, EventType::LegalAction);
    assert!(parts.iter().flatten().any(|p| p.starts_with("Supreme Court")), "{parts:?}");
    // Negative: a name after a preposition and not in the possessive is no subject.
    let text = "Analysts attributed the rally to Acme Corp. and a ruling on Monday.";
    assert!(!any_with(text, EventType::LegalAction, "Acme Corp."), "{:?}", events(text, EventType::LegalAction));
}

#[test]
fn a_participle_after_a_comma_speaks_for_the_sentence_subject() {
    let text = "Acme chief executive Ana Lima weighed in on Monday, saying the plan was flawed.";
    assert!(any_with(text, EventType::Statement, "Ana Lima"), "{:?}", events(text, EventType::Statement));
    // Negative: a sentence that does not open with a name has no such subject.
    let text = "Rebels shelled the outskirts of Kyiv on Monday, saying the city was next.";
    assert!(events(text, EventType::Statement).is_empty(), "{:?}", events(text, EventType::Statement));
}

#[test]
fn a_definite_description_after_a_trigger_stands_for_the_organisation_named_before() {
    let text = "Acme Corp. reported losses. Prosecutors sued the company on Monday.";
    assert!(any_with(text, EventType::LegalAction, "Acme Corp."), "{:?}", events(text, EventType::LegalAction));
    // Negative: a description of nothing named before names no one ("charged the batteries").
    assert!(events("Tesla Motors charged the batteries overnight.", EventType::LegalAction).is_empty());
}

#[test]
fn a_statement_participle_speaks_for_the_name_after_by() {
    let text = "The EU condemned the plan announced on Monday by Secretary of State Jane Roe.";
    assert!(any_with(text, EventType::Statement, "Jane Roe"), "{:?}", events(text, EventType::Statement));
    // Negative: a passive ("was reportedly rejected by X") is no statement of X.
    let text = "The plan was reportedly rejected by Prime Minister Tom Vale.";
    assert!(!any_with(text, EventType::Statement, "Tom Vale"), "{:?}", events(text, EventType::Statement));
}

#[test]
fn time_words_inside_a_name_date_no_event() {
    let text = "Ana Lima, via USA Today, said the team was tired.";
    let mut article = read_plain("test", text.to_owned());
    article.metadata.date = NaiveDate::from_ymd_opt(2024, 3, 7);
    let ex = extract(&article, rules());
    let statement = ex.events.iter().find(|e| e.kind == EventType::Statement).expect("a statement");
    assert_eq!(statement.date, None);
    // Negative: "today" outside a name is the article's day.
    let text = "Ana Lima said today that the team was tired.";
    let mut article = read_plain("test", text.to_owned());
    article.metadata.date = NaiveDate::from_ymd_opt(2024, 3, 7);
    let ex = extract(&article, rules());
    let statement = ex.events.iter().find(|e| e.kind == EventType::Statement).expect("a statement");
    assert_eq!(statement.date, NaiveDate::from_ymd_opt(2024, 3, 7));
}

#[test]
fn a_statement_participle_takes_no_place_from_what_was_said() {
    let text = "Ana Lima said that the army could be deployed in Bergen, warning of unrest.";
    let ex = super::events::run(text);
    assert!(ex.events.iter().any(|e| e.kind == EventType::Statement));
    assert!(ex.events.iter().filter(|e| e.kind == EventType::Statement).all(|e| e.place.is_none()));
}

#[test]
fn a_clause_opened_after_a_comma_takes_no_subject_from_before_it() {
    // The group named in the subject's description is not who was arrested.
    let text = "A member of the inner circle called the Blue Order was taken back to an office in Denver, \
                where he was questioned by a lawyer and then arrested.";
    assert!(!any_with(text, EventType::LegalAction, "Blue Order"), "{:?}", events(text, EventType::LegalAction));
    // The clause's own subject is found, and the name before the comma is not it.
    let text = "Tom Brandt flew to Denver, where Acme Corp. sued Globex Corp. on Monday.";
    assert!(any_with(text, EventType::LegalAction, "Acme Corp."), "{:?}", events(text, EventType::LegalAction));
    assert!(!any_with(text, EventType::LegalAction, "Tom Brandt"), "{:?}", events(text, EventType::LegalAction));
    // A clause closed by its own comma does not hide the subject before it.
    let text = "Acme Corp., where the talks began, sued Globex Corp. on Monday.";
    assert!(any_with(text, EventType::LegalAction, "Globex Corp."), "{:?}", events(text, EventType::LegalAction));
}
