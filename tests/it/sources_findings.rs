//! Cited sources (brief h-posts3): findings ("researchers found", "recent reports have
//! revealed"), descriptions before speech auxiliaries ("officials have stated"), a
//! possessive in a description ("the report's authors"), an unnamed body with a
//! post-modifier after "according to", and a demonym before an -s form that is a noun ("the
//! Syrian claims"); on sentences written for these tests, with negative cases.

use crate::cited_sources as sources;

#[test]
fn a_source_description_before_a_finding_verb_is_cited() {
    let text = "The scientists found that crop yields would fall by 2050.";
    assert_eq!(sources(text), ["The scientists"]);
    let text = "Recent reports have revealed that the plant was unsafe.";
    assert_eq!(sources(text), ["Recent reports"]);
    let text = "Education advocacy groups estimated that a 9% increase was needed.";
    assert_eq!(sources(text), ["Education advocacy groups"]);
    // A determiner after the verb makes it no finding; a name is no finding's source here.
    let text = "Police found the car near the river on Monday.";
    assert!(sources(text).is_empty(), "{:?}", sources(text));
    let text = "Mara Quell found a new job in Lyon.";
    assert!(sources(text).is_empty(), "{:?}", sources(text));
}

#[test]
fn a_description_before_speech_auxiliaries_and_with_a_possessive_is_cited() {
    let text = "Harbor officials have stated they never received the files.";
    assert_eq!(sources(text), ["Harbor officials"]);
    let text = "The study's authors say salt intake is too low.";
    assert_eq!(sources(text), ["The study's authors"]);
    // A relative pronoun ends the description.
    let text = "The file, which media have said is long, was sent.";
    assert_eq!(sources(text), ["media"]);
}

#[test]
fn an_unnamed_body_with_a_post_modifier_is_cited_after_according_to() {
    let text = "More than 9,000 people lost phone service, according to a group representing rural counties in Oregon.";
    assert_eq!(sources(text), ["a group representing rural counties in Oregon"]);
    // Without the post-modifier it says too little.
    let text = "More than 9,000 people lost phone service, according to a group.";
    assert!(sources(text).is_empty(), "{:?}", sources(text));
}

#[test]
fn an_s_form_after_a_demonym_is_a_noun_not_the_nations_claim() {
    let text = "Analysts told reporters the Russian and Syrian claims are false.";
    let found = sources(text);
    assert!(!found.iter().any(|s| s == "Syria" || s == "Russia"), "{found:?}");
    // A country's own verb still cites it.
    let text = "Syria claims the base is illegal.";
    assert_eq!(sources(text), ["Syria"]);
}

#[test]
fn a_description_joined_by_and_before_a_subject_is_cited_too() {
    let text = "The navy denied it, and both independent analysts and sources in the port told reporters the claims are false.";
    let found = sources(text);
    assert!(found.contains(&"independent analysts".to_owned()), "{found:?}");
    assert!(found.contains(&"sources in the port".to_owned()), "{found:?}");
    // A name joined by "and" is no description.
    let text = "Mara Quell and analysts said the claims are false.";
    assert!(!sources(text).iter().any(|s| s.contains("Quell and")), "{:?}", sources(text));
}

#[test]
fn according_to_a_titled_person_cites_the_person() {
    let text = "According to Peruvian Ambassador to the United States Rosa Alvarado, the team made real progress.";
    assert_eq!(sources(text), ["Rosa Alvarado"]);
    // A country alone, or one followed by no title, stays the source.
    let text = "According to Peru, the team made real progress.";
    assert_eq!(sources(text), ["Peru"]);
}
