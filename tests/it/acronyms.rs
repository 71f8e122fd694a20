//! Acronyms, codes and labels, on sentences written for these tests with negative cases: a
//! name introduced with its acronym in brackets, an outlet's acronym after a dateline place,
//! market codes after a dot, prefixed time words, "Group A" labels, all-capitals
//! subheadings and unknown acronyms listed with organisations.

use newskg::extract::Extraction;
use newskg::rules::EntityClass;

use super::extract_text;

use EntityClass::{Organization as Org, Place};

/// (base class, label, other labels) of every entity.
fn entities(x: &Extraction) -> Vec<(EntityClass, String, Vec<String>)> {
    x.entities.iter().map(|e| (e.class.base(), e.label.clone(), e.alt_labels.iter().cloned().collect())).collect()
}

fn labels(text: &str) -> Vec<(EntityClass, String)> {
    extract_text(text).entities.iter().map(|e| (e.class.base(), e.label.clone())).collect()
}

#[test]
fn a_name_introduced_with_its_acronym_is_one_organisation_whatever_its_parts() {
    // "New Jersey" is a known place, which would otherwise split the name.
    let x = extract_text(
        "The New Jersey Regional Ferry Transit (NJRFT) cancelled crossings on Monday. A NJRFT boat was later towed.",
    );
    let e = entities(&x);
    let ferry = e.iter().find(|(_, l, _)| l == "New Jersey Regional Ferry Transit").unwrap_or_else(|| panic!("{e:?}"));
    assert_eq!(ferry.0, Org, "{e:?}");
    assert!(ferry.2.contains(&"NJRFT".to_owned()), "{e:?}");
    assert!(!e.iter().any(|(c, _, _)| *c == Place), "the place is part of the name: {e:?}");
    // The initials must spell the acronym: otherwise the parts stay what they were.
    let e = labels("Commuters in the New Jersey Rapid Ferries (XYZ) zone waited.");
    assert!(!e.iter().any(|(_, l)| l == "New Jersey Rapid Ferries"), "{e:?}");
    // Function words and hyphenated parts: "Asia-Pacific Council of Ports (APCP)".
    let e = labels("The Asia-Pacific Council of Ports (APCP) met in Manila.");
    assert!(e.contains(&(Org, "Asia-Pacific Council of Ports".into())), "{e:?}");
}

#[test]
fn an_outlets_acronym_after_a_dateline_place_is_not_that_place() {
    for text in [
        "SPRINGFIELD, Ill. (AP) \u{2014} The mayor resigned on Monday.",
        "DENVER (AP) \u{2014} The mayor resigned on Monday.",
    ] {
        let e = entities(&extract_text(text));
        let place = e.iter().find(|(c, _, _)| *c == Place).unwrap_or_else(|| panic!("{text}: {e:?}"));
        assert!(!place.2.iter().any(|l| l == "AP"), "{text}: {e:?}");
        assert!(e.iter().any(|(c, l, alt)| *c == Org && (l == "AP" || alt.contains(&"AP".into()))), "{text}: {e:?}");
    }
    // Negative: an acronym that a place's name spells still explains it.
    let e = entities(&extract_text("Fighting spread in the Democratic Republic of the Congo (DRC) on Monday."));
    assert!(!e.iter().any(|(_, l, _)| l == "DRC"), "{e:?}");
}

#[test]
fn a_known_acronym_explains_only_a_name_it_spells() {
    // The acronym of a longer company name (its initials go on past it) still joins.
    let e = entities(&extract_text(
        "Shares of International Business Machines Corporation (IBM) rose. IBM said sales grew.",
    ));
    assert_eq!(e.iter().filter(|(c, _, _)| *c == Org).count(), 1, "{e:?}");
    // A name whose initials the outlet's acronym does not spell is another entity.
    let e = entities(&extract_text("Police in HOLLOWAY FALLS (AP) searched the river."));
    assert!(!e.iter().any(|(_, l, alt)| l.contains("HOLLOWAY") && alt.contains(&"AP".into())), "{e:?}");
}

#[test]
fn market_codes_after_a_dot_are_no_names() {
    let e = labels("The Vantor Composite .VNTX rose 2% and the Harlow Average .IBM fell 1%, while (.QRSX) was flat.");
    for code in ["VNTX", "IBM", "QRSX"] {
        assert!(!e.iter().any(|(_, l)| l == code), "{code}: {e:?}");
    }
    // Negative: an acronym after a sentence's full stop is still a name.
    let e = labels("Trading was thin. QRSX Holdings said it would buy the rival.");
    assert!(e.iter().any(|(_, l)| l.starts_with("QRSX")), "{e:?}");
}

#[test]
fn a_prefixed_common_word_and_a_lettered_label_are_no_names() {
    let e = labels("Tariffs start in mid-December, and the talks resume in early-March in Geneva.");
    assert_eq!(e, vec![(Place, "Geneva".to_owned())], "{e:?}");
    let e = labels("Spain topped Group B and Ostrovia won Pool C on Sunday.");
    assert!(!e.iter().any(|(_, l)| l.starts_with("Group") || l.starts_with("Pool")), "{e:?}");
    // Negative: a prefix before a known name is still a mention ("anti-Israel").
    let e = labels("Thousands joined an anti-Israel rally in Berlin.");
    assert!(e.iter().any(|(_, l)| l == "Israel"), "{e:?}");
    // Negative: a given name and an initial is a person's name.
    let e = labels("Malcolm X spoke in Harlem.");
    assert!(e.iter().any(|(_, l)| l == "Malcolm X"), "{e:?}");
}

#[test]
fn an_all_capitals_subheading_names_only_known_places() {
    let text = "The draw was long.\n\nRIVALS FALTER\n\nCanada beat Chile on Sunday.\n\nPERU CRUISES\n\nThe side won.\n";
    let e = labels(text);
    assert!(!e.iter().any(|(_, l)| l.contains("RIVALS") || l.contains("FALTER")), "{e:?}");
    assert!(e.contains(&(Place, "Peru".into())), "{e:?}");
    // Negative: an all-capitals dateline opening a sentence of prose is still read.
    let e = labels("LIMA \u{2014} The minister resigned on Monday.");
    assert!(e.contains(&(Place, "Lima".into())), "{e:?}");
}

#[test]
fn an_organisation_cue_before_a_name_types_that_name_not_the_word_before() {
    let e =
        labels("Global investment firm Harwell Capital bought the stake. Leading insurance company Ostrava Re agreed.");
    assert!(!e.iter().any(|(_, l)| l == "Global" || l == "Leading"), "{e:?}");
    // Negative: a name before a modifier and a cue is still typed by it.
    let e = labels("Shares of Velmora insurance company fell.");
    assert!(e.contains(&(Org, "Velmora".into())), "{e:?}");
}

#[test]
fn an_unknown_acronym_listed_with_organisations_is_one() {
    let e = labels("Brokers named KVB and Ostrava Bank as the main winners.");
    assert!(e.contains(&(Org, "KVB".into())), "{e:?}");
    // Negative: an acronym with no support stays out ("UTC" style codes).
    let e = labels("The launch is at 0400 GMT and 0500 XTC on Friday.");
    assert!(!e.iter().any(|(_, l)| l == "XTC"), "{e:?}");
}
