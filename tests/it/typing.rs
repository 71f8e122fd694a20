//! A found name's class and which names are one entity, on sentences written for these
//! tests, with negative cases: organisation head words, cues around a name, venues, news
//! outlets, and person names with middle initials, suffixes or unlisted given names.

use std::sync::OnceLock;

use newskg::article::read_plain;
use newskg::extract::Entity;
use newskg::rules::EntityClass;
use newskg::{extract, Rules};

use EntityClass::{Organization as Org, Person, Place};

fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| Rules::builtin().expect("built-in rules load"))
}

fn entities(text: &str) -> Vec<Entity> {
    extract(&read_plain("test", text.to_owned()), rules()).entities
}

/// (base class, label) of every entity.
fn classes(text: &str) -> Vec<(EntityClass, String)> {
    entities(text).iter().map(|e| (e.class.base(), e.label.clone())).collect()
}

#[test]
fn company_head_words_beat_a_given_name() {
    let e = classes("The show was made by Harold Venn Productions, the network said.");
    assert!(e.contains(&(Org, "Harold Venn Productions".into())), "{e:?}");
    let e = classes("The forecast came from Ostrava Institutional Equities on Monday.");
    assert!(e.contains(&(Org, "Ostrava Institutional Equities".into())), "{e:?}");
    let e = classes("Lunar landers were built by Tenacious Machines and others.");
    assert!(e.contains(&(Org, "Tenacious Machines".into())), "{e:?}");
    // Negative: a given name and a surname stay a person.
    let e = classes("The show was made by Harold Venn, the network said.");
    assert!(e.contains(&(Person, "Harold Venn".into())), "{e:?}");
}

#[test]
fn words_around_a_name_vote_for_its_class() {
    // "X's founder", "shares of X" and "TITLE at X" say organisation, though "X said".
    let e = classes("Veltrix said it would cut jobs. Veltrix's founder left last year.");
    assert!(e.contains(&(Org, "Veltrix".into())), "{e:?}");
    let e = classes("Jane Roe, an analyst at Ostrova Tabrik, expects a fall.");
    assert!(e.contains(&(Org, "Ostrova Tabrik".into())), "an employer, not a place: {e:?}");
    // "in X's arm": the preposition governs the possessed noun, not the name.
    let e = classes("Jobs will go in Quorvex's venture arm. Quorvex declined to comment.");
    assert!(!e.contains(&(Place, "Quorvex".into())), "{e:?}");
    // "the X settlement": a place noun after the name.
    let e = classes("The minister visited the Nahal Keret settlement on Monday.");
    assert!(e.contains(&(Place, "Nahal Keret".into())), "{e:?}");
    // Negative: a bare "in X" still reads a place, and "X said" still a person.
    let e = classes("Floods hit homes in Kervalo on Monday.");
    assert!(e.contains(&(Place, "Kervalo".into())), "{e:?}");
    let e = classes("\"We are ready,\" Dravik Olunde said.");
    assert!(e.contains(&(Person, "Dravik Olunde".into())), "{e:?}");
}

#[test]
fn venues_are_places_with_a_clear_cue() {
    let e = classes("The Hawks won 101-99 at the Verdant Center on Friday.");
    assert!(e.contains(&(Place, "Verdant Center".into())), "{e:?}");
    let e = classes("Teachers surrounded the Ohio Statehouse on Tuesday.");
    assert!(e.contains(&(Place, "Ohio Statehouse".into())), "{e:?}");
    // Negative: a centre that speaks is an organisation; a given name and a venue word
    // is a person.
    let e = classes("The Verdant Center said the study was flawed.");
    assert!(e.contains(&(Org, "Verdant Center".into())), "{e:?}");
    let e = classes("The award went to Sally Field at the gala.");
    assert!(e.contains(&(Person, "Sally Field".into())), "{e:?}");
}

#[test]
fn a_head_inside_a_hyphenated_word_names_an_outlet() {
    let e = classes("The story first ran in the Dunmore Post-Courier last week.");
    assert!(e.contains(&(Org, "Dunmore Post-Courier".into())), "{e:?}");
    // Negative: a hyphenated surname with no head word stays a person.
    let e = classes("The bill was backed by Jane Ortiz-Varela, the senator said.");
    assert!(e.contains(&(Person, "Jane Ortiz-Varela".into())), "{e:?}");
}

#[test]
fn news_outlets_are_known() {
    let e = entities("The ruling was first reported by the Pittsburgh Post-Gazette and CBS Sports.");
    for name in ["Pittsburgh Post-Gazette", "CBS Sports"] {
        let found = e.iter().find(|x| x.label == name).unwrap_or_else(|| panic!("{name}: {e:?}"));
        assert_eq!(found.class, EntityClass::NewsOrganization);
    }
    assert!(!e.iter().any(|x| x.label == "CBS"), "the network inside the outlet's name is no mention");
}

#[test]
fn middle_initials_and_suffixes_are_one_person() {
    let e = entities("John Q. Devereaux Jr. spoke on Monday. John Devereaux left. Devereaux said he was tired.");
    let people: Vec<_> = e.iter().filter(|x| x.class == Person).collect();
    assert_eq!(people.len(), 1, "{e:?}");
    assert_eq!(people[0].label, "John Q. Devereaux Jr.");
    assert!(people[0].alt_labels.contains("John Devereaux") && people[0].alt_labels.contains("Devereaux"));
    // Negative: Jr. and Sr. are two people; two middle initials that differ are two people.
    let e = entities("John Devereaux Jr. spoke. John Devereaux Sr. listened.");
    assert_eq!(e.iter().filter(|x| x.class == Person).count(), 2, "{e:?}");
    let e = entities("George H. Marlow met George W. Marlow.");
    assert_eq!(e.iter().filter(|x| x.class == Person).count(), 2, "{e:?}");
}

#[test]
fn a_surname_joins_a_full_name_whose_given_name_no_list_has() {
    let e = entities("Zebulon Quarry, the company's president, spoke. Quarry said costs rose.");
    let people: Vec<_> = e.iter().filter(|x| x.class == Person).collect();
    assert_eq!(people.len(), 1, "{e:?}");
    assert!(people[0].alt_labels.contains("Quarry"), "{e:?}");
    // Negative: a lone word is not joined to an organisation's name ending in it.
    let e = classes("Tenacious Machines won. Machines are useful.");
    assert!(!e.iter().any(|(c, l)| *c == Person && l.contains("Machines")), "{e:?}");
}

#[test]
fn one_unknown_word_in_a_list_of_companies_is_a_company() {
    let e = classes("Contracts went to Orvane Aerospace, Kestrel Dynamics, Zorbex and Lumora Robotics.");
    assert!(e.contains(&(Org, "Zorbex".into())), "{e:?}");
    // Negative: an apposition is no list ("the company that runs X, Y Productions"), and a
    // full name among companies keeps its own evidence.
    let e = classes("The firm that runs the Zorbex, Orvane Productions, denied it.");
    assert!(!e.iter().any(|(_, l)| l == "Zorbex"), "{e:?}");
    let e = classes("Talks included Orvane Aerospace, Dravik Olunde and Lumora Robotics.");
    assert!(e.contains(&(Person, "Dravik Olunde".into())), "{e:?}");
}

#[test]
fn a_name_heading_a_phrase_after_at_the_is_a_place() {
    let e = classes("The clinic opened at the Tavaro Quenil, California, crossing last year.");
    assert!(!e.contains(&(Person, "Tavaro Quenil".into())), "{e:?}");
    let e = classes("Vaccines were offered at the Tavaro Quenil, officials said.");
    assert!(e.contains(&(Place, "Tavaro Quenil".into())), "{e:?}");
    // Negative: the name modifies a noun ("in the Dravik Olunde report").
    let e = classes("The error was in the Dravik Olunde report, Dravik Olunde said.");
    assert!(e.contains(&(Person, "Dravik Olunde".into())), "{e:?}");
}

#[test]
fn a_place_owns_a_venue_and_nouns_after_a_name_type_it() {
    let e = classes("The show was held at Denver's Verdant Center last week.");
    assert!(e.iter().any(|(c, l)| *c == Place && l.ends_with("Verdant Center")), "{e:?}");
    let e = classes("Teachers from the Marrow Eastern schools drove to the rally.");
    assert!(e.contains(&(Org, "Marrow Eastern".into())), "{e:?}");
    let e = classes("Protesters disputed the Kaduma State governorship election.");
    assert!(e.contains(&(Place, "Kaduma State".into())), "{e:?}");
}

#[test]
fn compounds_of_places_codes_and_lone_body_words_are_no_people() {
    let e = classes("The China-Brazil talks stalled, and Israeli-Palestinian ties froze.");
    assert!(!e.iter().any(|(c, _)| *c == Person), "{e:?}");
    let e = classes("Crude futures Brent LCOc1 fell 2%.");
    assert!(!e.iter().any(|(c, _)| *c == Person), "{e:?}");
    let e = classes("The resolution passed the General Assembly on Monday.");
    assert!(!e.contains(&(Person, "Assembly".into())), "{e:?}");
    // Negative: a hyphenated surname and a titled surname stay people.
    let e = classes("The bill was backed by Jane Ortiz-Varela on Monday.");
    assert!(e.contains(&(Person, "Jane Ortiz-Varela".into())), "{e:?}");
    let e = classes("The plan was backed by Gen. Hollister on Monday.");
    assert!(e.contains(&(Person, "Hollister".into())), "{e:?}");
}
