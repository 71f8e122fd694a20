//! Quotation speakers (brief h-quotes2): partial quotations after describing verbs, a
//! surname that is also an English word, "it"/"they" after an organisation's quotations,
//! and a quotation followed by a dash that is no cited headline; on sentences written for
//! these tests, with negative cases.

use newskg::extract::Speaker;

use crate::extract_text;

/// The (text, speaker) of each quotation: a label, "anonymous" or "none".
fn quotes(text: &str) -> Vec<(String, String)> {
    let ex = extract_text(text);
    ex.quotes
        .iter()
        .map(|q| {
            let speaker = match &q.speaker {
                Some(Speaker::Entity(e)) => ex.entities[*e].label.clone(),
                Some(Speaker::Anonymous(_)) => "anonymous".to_owned(),
                None => "none".to_owned(),
            };
            (text[q.text.clone()].to_owned(), speaker)
        })
        .collect()
}

fn speaker_of(all: &[(String, String)], words: &str) -> String {
    all.iter()
        .find(|(t, _)| t.contains(words))
        .unwrap_or_else(|| panic!("no quotation with {words:?} in {all:?}"))
        .1
        .clone()
}

#[test]
fn a_describing_verb_gives_its_subject_the_partial_quotation() {
    let all =
        quotes("Mara Quell introduced Dan Ortiz to the summit audience as \"someone who changed the city\" on Monday.");
    assert_eq!(speaker_of(&all, "someone who changed"), "Mara Quell");
    let all = quotes(
        "Jane Abbot rejected the plan on Friday, calling it \u{201C}a gift to developers\u{201D} in a statement.",
    );
    assert_eq!(speaker_of(&all, "a gift to developers"), "Jane Abbot");
    // No named subject, or a verb with a preposition after it ("call for"): no speaker,
    // and a short quotation with no speaker is no quotation.
    let all = quotes("Critics called it \u{201C}a waste of money\u{201D} last week.");
    assert!(all.is_empty(), "{all:?}");
    let all =
        quotes("Orvana Mining Corp. cut its forecast. They call for \u{201C}urgent action on every mine\u{201D} now.");
    assert!(all.is_empty(), "{all:?}");
}

#[test]
fn a_surname_that_is_an_english_word_still_speaks() {
    let all = quotes("Eyamba Price met voters on Tuesday.\n\n\u{201C}He has me thinking now,\u{201D} said Price, who is also weighing other candidates.");
    assert_eq!(speaker_of(&all, "He has me thinking"), "Eyamba Price");
    let all =
        quotes("Tom Young met voters on Tuesday.\n\n\u{201C}The town needs a new school and soon,\u{201D} Young said.");
    assert_eq!(speaker_of(&all, "The town needs"), "Tom Young");
    // The word is no one's surname: not the person named before.
    let all = quotes("Tom Price met voters on Tuesday.\n\n\u{201C}The town needs a new school and a new library,\u{201D} said Young.");
    assert_ne!(speaker_of(&all, "The town needs"), "Tom Price");
}

#[test]
fn it_and_they_stay_with_the_organisation_that_was_quoted() {
    let text = "Orvana Records Inc. has twice denied doing anything wrong.\n\n\"At no point did we say the singer could not perform at the show,\" they said in a statement.\n\n\"In fact, we do not have the right to keep her from performing anywhere.\"\n\nNow they've put out another statement to the organisers of the show.\n\n\"We have agreed to grant all licenses of our artists' performances to stream,\" it says.";
    let all = quotes(text);
    assert_eq!(speaker_of(&all, "We have agreed"), "Orvana Records Inc.");
    // A person's quotation does not make "it" speak.
    let text = "Jane Abbot spoke first.\n\n\"We are going to fight this ruling in every court,\" she said.\n\nThe weather turned. Rain fell. Roads closed.\n\n\"We cannot move anything out of the valley this week at all,\" it said.";
    assert_eq!(speaker_of(&quotes(text), "We cannot move"), "none");
}

#[test]
fn a_dash_after_a_quotation_makes_a_citation_only_before_a_name() {
    let all = quotes("Jane Abbot praised her rival as \"someone who has redefined what it means to lead a city\"\u{2014}and a friend.");
    assert_eq!(speaker_of(&all, "someone who has redefined"), "Jane Abbot");
    let all =
        quotes("\u{201C}Storm hits the coast as thousands flee their homes\u{201D} \u{2014} Example News, May 3.");
    assert!(all.is_empty(), "{all:?}");
}
