//! Names at the edges of what the scanner reads, on sentences written for these tests with
//! negative cases: a place that is also a given name before a surname, and a website's host
//! name kept as one word.

use newskg::extract::Extraction;
use newskg::rules::EntityClass;

use super::extract_text;

use EntityClass::{Organization as Org, Person, Place};

/// (base class, label) of every entity.
fn classes(x: &Extraction) -> Vec<(EntityClass, String)> {
    x.entities.iter().map(|e| (e.class.base(), e.label.clone())).collect()
}

fn has(text: &str, class: EntityClass, label: &str) -> bool {
    classes(&extract_text(text)).contains(&(class, label.to_owned()))
}

#[test]
fn a_place_that_is_a_common_given_name_before_a_surname_is_a_person() {
    // A surname that is no dictionary word needs no cue.
    for (text, name) in [
        ("Jordan Okafor scored twice in the second half.", "Jordan Okafor"),
        ("The award went to Georgia Lindqvist on Friday.", "Georgia Lindqvist"),
        ("Austin Mbeki led the team in rebounds.", "Austin Mbeki"),
    ] {
        let x = extract_text(text);
        assert!(classes(&x).contains(&(Person, name.into())), "{text}: {:?}", classes(&x));
        assert!(!classes(&x).iter().any(|(c, _)| *c == Place), "no place in {text}: {:?}", classes(&x));
    }
    // A dictionary word after it needs a person cue: a title, a naming verb, an age.
    assert!(has("The board said Chad Fox has been named interim director.", Person, "Chad Fox"));
    assert!(has("Jordan Black, 41, was arrested on Tuesday.", Person, "Jordan Black"));
    let x = extract_text("Sen. Georgia Black voted against the bill on Monday.");
    assert!(classes(&x).contains(&(Person, "Georgia Black".into())), "{:?}", classes(&x));
    assert_eq!(x.holdings.len(), 1, "the title is kept for the person: {:?}", x.holdings);
}

#[test]
fn a_place_before_a_dictionary_word_without_a_person_cue_is_no_person() {
    // Negative: bodies and places named after a place stay what they were.
    for (text, name) in [
        ("Shares of Georgia Marble fell on Monday.", "Georgia Marble"),
        ("Tourists flocked to Victoria Falls last year.", "Victoria Falls"),
        ("Jordan Black closed its doors on Monday.", "Jordan Black"),
    ] {
        assert!(!has(text, Person, name), "{text}: {:?}", classes(&extract_text(text)));
    }
    // A place that is rarely a given name stays a place before a surname-like word.
    assert!(!has("Washington Ostrova signed the deal.", Person, "Washington Ostrova"));
    // A head word after the place names a place or a body, no person.
    assert!(!has("Flights from Sydney Airport resumed.", Person, "Sydney Airport"));
}

#[test]
fn a_host_name_is_one_organisation() {
    let x = extract_text("Analysts told Ostrova.info the claims were false. Ostrova.info has reported on the camp.");
    let c = classes(&x);
    assert_eq!(c.iter().filter(|(_, l)| l == "Ostrova.info").count(), 1, "{c:?}");
    assert!(c.contains(&(Org, "Ostrova.info".into())), "{c:?}");
    // A host name whose first label is a known organisation is that organisation.
    let x = extract_text("The story ran on BBC.co.uk on Monday, and the BBC stood by it.");
    let c = classes(&x);
    assert_eq!(c.iter().filter(|(class, _)| *class == Org).count(), 1, "{c:?}");
    // A city's name as the first label names the website, not the city.
    let c = classes(&extract_text("Boston.com reported the fire first."));
    assert!(c.contains(&(Org, "Boston.com".into())), "{c:?}");
    assert!(!c.iter().any(|(class, _)| *class == Place), "{c:?}");
    // Negative: an unknown top-level domain is no host name.
    let c = classes(&extract_text("The Vortex.xyz page was taken down."));
    assert!(!c.iter().any(|(_, l)| l.contains('.')), "{c:?}");
}

#[test]
fn a_place_prefix_takes_the_known_name_after_it() {
    for (text, name) in [
        ("Climbers died on Mount Kenya last year.", "Mount Kenya"),
        ("Fishing on Lake Victoria has fallen.", "Lake Victoria"),
        ("Snow fell early in the Sierra Nevada foothills.", "Sierra Nevada"),
    ] {
        let x = extract_text(text);
        let c = classes(&x);
        assert!(c.contains(&(Place, name.into())), "{text}: {c:?}");
        assert_eq!(c.len(), 1, "no mention of the country or state alone: {c:?}");
    }
    // Negative: a gazetteer name that starts with the prefix word is that entry.
    assert!(has("Sierra Leone held elections.", Place, "Sierra Leone"));
}

#[test]
fn names_before_the_plural_of_an_area_head_are_places() {
    let c = classes(&extract_text("Fires burned in parts of Zelkova and Quorvale counties on Monday."));
    assert!(c.contains(&(Place, "Zelkova".into())) && c.contains(&(Place, "Quorvale".into())), "{c:?}");
    let c = classes(&extract_text("Rain fell in Dravska and Velkor provinces."));
    assert!(c.contains(&(Place, "Dravska".into())) && c.contains(&(Place, "Velkor".into())), "{c:?}");
    // Negative: other plural nouns after such names say nothing of places.
    let c = classes(&extract_text("Talks between Zorvex and Quorvale executives ended."));
    assert!(!c.iter().any(|(class, _)| *class == Place), "{c:?}");
}

#[test]
fn a_country_after_of_ending_a_body_led_by_a_place_is_no_part_of_its_name() {
    let c = classes(&extract_text("Scientists at Nevada State University of the US and others found it."));
    assert!(c.contains(&(Org, "Nevada State University".into())), "{c:?}");
    assert!(c.contains(&(Place, "United States".into())), "{c:?}");
    // Negative: another field after "of" is part of the name.
    let c = classes(&extract_text("Scientists at the Nevada Institute of Marine Biology found it."));
    assert!(c.contains(&(Org, "Nevada Institute of Marine Biology".into())), "{c:?}");
}
