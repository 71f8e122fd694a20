//! Cited sources (brief h-quotes2): "according to the X" (an organisation named after
//! "the", else a description), "his office said", and "the governor said" resolved to the
//! governor mentioned latest; on sentences written for these tests, with negative cases.

use crate::cited_sources as sources;

#[test]
fn according_to_the_organisation() {
    let text = "According to the World Health Organization, the outbreak has peaked.";
    assert_eq!(sources(text), ["World Health Organization"]);
    // A demonym and a noun are a description, not the country.
    let text = "According to the Peruvian government, the outbreak has peaked in Lima.";
    assert_eq!(sources(text), ["the Peruvian government"]);
}

#[test]
fn a_possessive_office_and_court_papers_are_anonymous_sources() {
    let text = "Governor Ann Moss skipped the rally. Her office said she was traveling.";
    assert!(sources(text).contains(&"Her office".to_owned()), "{:?}", sources(text));
    let text = "The plant will close, according to court papers filed on Monday.";
    assert_eq!(sources(text), ["court papers"]);
}

#[test]
fn the_governor_is_the_governor_mentioned_latest() {
    let text = "Gov. Ann Moss met teachers. They spoke as Ohio Gov. Tom Vale, who lost his bid, did last year. The rally came before Moss's budget vote.\n\nThe governor said she was waiting for a pay commission.";
    assert_eq!(sources(text), ["Ann Moss"]);
    // No governor named: no source from "the governor".
    let text = "Ann Moss met teachers on Monday.\n\nThe governor said the budget was fair.";
    assert!(!sources(text).contains(&"Ann Moss".to_owned()), "{:?}", sources(text));
}
