//! Speakers resolved by `extract/speakers.rs` and `extract/quotes/subject.rs`, on sentences
//! written for these tests, with negative cases: a definite noun naming a kind of
//! organisation ("the utility said") goes to the organisation of that kind
//! (`speaker-nouns.tsv`), an unknown noun or a kind with no such name to no one; "it" and
//! "they" prefer a clause's subject to a name hanging on a preposition, and "they" after two
//! people names no organisation; a name in apposition to a description or a description
//! with a relative clause before the verb; "the doctors" speak for a group the article
//! names with that word, else they stay an anonymous source.

use newskg::extract::Extraction;
use newskg::rules::EventType;

use crate::{cited_sources, extract_text, quote_speakers as speakers};

/// The participants of every statement, sorted.
fn statements(text: &str) -> Vec<String> {
    let ex: Extraction = extract_text(text);
    let mut out: Vec<String> = ex
        .events
        .iter()
        .filter(|e| e.kind == EventType::Statement)
        .flat_map(|e| e.participants.iter().map(|&p| ex.entities[p].label.clone()))
        .collect();
    out.sort();
    out.dedup();
    out
}

#[test]
fn a_noun_of_a_kind_goes_to_the_organisation_named_with_that_kind() {
    // The utility is the company whose name says "Electric", not the latest company.
    let text = "Crestline Electric Co. cut power to 20,000 homes after Halvorsen Logistics warned of delays.\n\n\u{201C}We will restore service to every home by Friday night,\u{201D} the utility said.";
    assert_eq!(speakers(text), ["Crestline Electric Co."]);
    let league = "On Tuesday, the Atlantic Rugby League fined Stormhaven Rovers.\n\nThe league said the fine was final and could not be appealed.";
    assert_eq!(statements(league), ["Atlantic Rugby League"]);
    let agency = "The Federal Maritime Administration grounded the ferries. Senator Jane Roe praised Ostrava Shipping.\n\nThe agency said the ban would last a week.";
    assert!(statements(agency).contains(&"Federal Maritime Administration".to_owned()));
}

#[test]
fn a_kind_with_no_such_name_or_an_unknown_noun_names_no_one() {
    // "the party" guesses no organisation when none is named as a party.
    let party = "Lindqvist Holdings hired Jane Roe in May.\n\n\u{201C}This was never about money for any of the members,\u{201D} the party said.";
    assert_eq!(speakers(party), ["none"]);
    // "the outfit" is no noun of the lexicon.
    let unknown = "Lindqvist Holdings hired Jane Roe in May.\n\n\u{201C}This was never about money for any of the members,\u{201D} the outfit said.";
    assert_eq!(speakers(unknown), ["none"]);
}

#[test]
fn it_and_they_prefer_a_subject_to_a_name_after_a_preposition() {
    let text = "Greenfield Records has denied blocking the singer. Its catalogue was sold to a fund run by Oakmere Capital in May.\n\n\u{201C}We never stopped her from performing anywhere she wanted,\u{201D} they said in a statement.";
    assert_eq!(speakers(text), ["Greenfield Records"]);
    // With no subject among the recent names, the name after the preposition still counts.
    let only = "The plant was sold in May to Oakmere Capital.\n\n\u{201C}We will keep every worker on the payroll this year,\u{201D} it said.";
    assert_eq!(speakers(only), ["Oakmere Capital"]);
}

#[test]
fn they_after_two_people_names_no_organisation() {
    let text = "Her video ran in a Streamly series. It drew two senators: Senator Jane Roe and Senator Mark Vale.\n\n\u{201C}This deal hurts every artist who signed with the label,\u{201D} they said.";
    assert_ne!(speakers(text), ["Streamly"]);
}

#[test]
fn a_name_in_apposition_to_a_description_speaks() {
    let text = "The company that owns the Lakeside Arena, Harbor Sports Group, denies that the deal is done.";
    assert_eq!(statements(text), ["Harbor Sports Group"]);
    assert!(cited_sources(text).contains(&"Harbor Sports Group".to_owned()));
    // A relative clause after a description of a kind, with no comma.
    let relative = "Crestline Electric Co. serves the valley.\n\nThe utility that serves the valley said power would return on Friday.";
    assert_eq!(statements(relative), ["Crestline Electric Co."]);
    // A name inside the relative clause does not speak.
    let inside = "The company that owns Harbor Sports Group said the deal was done.";
    assert!(!statements(inside).contains(&"Harbor Sports Group".to_owned()));
    assert!(!cited_sources(inside).contains(&"Harbor Sports Group".to_owned()));
    // "The fact that X said" is no relative clause of a speaker: X speaks.
    let fact = "The fact that Harbor Sports Group said the deal was done surprised fans.";
    assert_eq!(statements(fact), ["Harbor Sports Group"]);
}

#[test]
fn the_doctors_speak_for_a_group_the_article_names() {
    let text = "The doctors, members of a new group called Doctors for Clean Air, wrote to the mayor.\n\n\u{201C}We cannot wait for another summer of smog in this valley,\u{201D} the doctors stated.";
    assert_eq!(speakers(text), ["Doctors for Clean Air"]);
    assert!(cited_sources(text).contains(&"Doctors for Clean Air".to_owned()));
    // No group named with the word: the doctors stay anonymous.
    let anonymous = "Clinics in Ostrava ran out of beds.\n\n\u{201C}We cannot wait for another winter like the last one,\u{201D} the doctors stated.";
    assert_eq!(speakers(anonymous), ["anonymous"]);
}

#[test]
fn speech_verbs_in_all_their_inflections_attribute_quotations() {
    for verb in ["denies", "insisted", "noted", "warned", "tweeted", "wrote", "countered", "conceded", "vowed"] {
        let text = format!(
            "Crestline Electric Co. raised its prices.\n\n\u{201C}Nobody in this valley will pay more than last winter,\u{201D} Jane Roe {verb}."
        );
        assert_eq!(speakers(&text), ["Jane Roe"], "{verb}");
    }
    // A participle speaks for the sentence's subject.
    let text = "Jane Roe rejected the report on Monday, denying \u{201C}every single claim the auditors made about the plant.\u{201D}";
    assert_eq!(speakers(text), ["Jane Roe"]);
}
