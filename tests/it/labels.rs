//! Entity labels: one name per spelling, whatever its case. A name that differs from the
//! label only in case is no alternative label, and the label is the gazetteer's form, else
//! the mixed-case form rather than the capitals of a dateline or headline. Sentences
//! written for these tests, with negative cases.

use newskg::article::read_plain;
use newskg::extract::Entity;
use newskg::{extract, Rules};

fn entities(text: &str) -> Vec<Entity> {
    let rules = Rules::builtin().expect("built-in rules load");
    extract(&read_plain("test", text.to_owned()), &rules).entities
}

fn entity<'a>(all: &'a [Entity], key: &str) -> &'a Entity {
    all.iter().find(|e| e.label.to_lowercase() == key).unwrap_or_else(|| panic!("no entity {key:?} in {all:#?}"))
}

#[test]
fn a_dateline_in_capitals_is_no_alt_label_of_the_gazetteer_name() {
    let all = entities("WASHINGTON - Officials met in Washington on Monday.\n");
    let washington = entity(&all, "washington");
    assert_eq!(washington.label, "Washington");
    assert!(!washington.alt_labels.contains("WASHINGTON"), "{washington:#?}");
}

#[test]
fn the_mixed_case_form_is_the_label_even_when_the_capitals_come_first() {
    let all =
        entities("ZENTROVA TRADING COMPANY said on Monday it would expand. Zentrova Trading Company shares rose.\n");
    let company = entity(&all, "zentrova trading company");
    assert_eq!(company.label, "Zentrova Trading Company");
    assert!(company.alt_labels.iter().all(|a| a.to_lowercase() != "zentrova trading company"), "{company:#?}");
}

#[test]
fn names_that_differ_in_more_than_case_stay_alt_labels() {
    let all =
        entities("The Baltic Shipping Council (BSC) said prices fell. Later the BALTIC SHIPPING COUNCIL said more.\n");
    let council = entity(&all, "baltic shipping council");
    assert_eq!(council.label, "Baltic Shipping Council");
    assert_eq!(council.alt_labels.iter().collect::<Vec<_>>(), ["BSC"], "{council:#?}");
}

#[test]
fn a_name_only_in_capitals_keeps_its_capitals() {
    let all = entities("ZENTROVA TRADING COMPANY said on Monday it would expand.\n");
    assert_eq!(entity(&all, "zentrova trading company").label, "ZENTROVA TRADING COMPANY");
}
