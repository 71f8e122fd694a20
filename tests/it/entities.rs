//! Entity names on minimal sentences written for these tests, with negative cases: areas
//! named by a place and a head ("San Diego County"), sports clubs and the places inside
//! their names, and the generated gazetteers.

use std::sync::OnceLock;

use newskg::article::read_plain;
use newskg::rules::EntityClass;
use newskg::{extract, Rules};

use EntityClass::{Organization as Org, Person, Place};

fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| Rules::builtin().expect("built-in rules load"))
}

/// (base class, label) of every entity.
fn entities(text: &str) -> Vec<(EntityClass, String)> {
    let article = read_plain("test", text.to_owned());
    extract(&article, rules()).entities.iter().map(|e| (e.class.base(), e.label.clone())).collect()
}

#[test]
fn a_place_and_an_area_head_name_one_area() {
    let e = entities("Officials in San Diego County said the power was out.");
    assert!(e.contains(&(Place, "San Diego County".into())), "{e:?}");
    assert!(!e.iter().any(|(_, l)| l == "San Diego"), "the city inside the county's name is no mention: {e:?}");
    let e = entities("Crews worked through the night in Marin County.");
    assert!(e.contains(&(Place, "Marin County".into())), "a given name before County is no person: {e:?}");
    // Negative cases: a given name and a natural feature's word stays a person; a place and
    // an ordinary word is still an organisation ("Washington Mutual").
    let e = entities("The film was directed by Michael Bay, a studio said.");
    assert!(e.contains(&(Person, "Michael Bay".into())), "{e:?}");
    let e = entities("Shares of Washington Mutual fell.");
    assert!(e.contains(&(Org, "Washington Mutual".into())), "{e:?}");
}

#[test]
fn a_city_and_city_is_not_read_as_an_area() {
    let e = entities("Fans of Manchester City cheered.");
    assert!(!e.contains(&(Place, "Manchester City".into())), "{e:?}");
}

#[test]
fn generated_cities_are_places_and_filtered_words_are_not() {
    let e = entities("The plant in Bochum closed, and workers in Tomsk went on strike.");
    assert!(e.contains(&(Place, "Bochum".into())) && e.contains(&(Place, "Tomsk".into())), "{e:?}");
    // Cities whose names are English words or frequent surnames are left out of the list.
    let e = entities("Reading the report, Chandler said the mobile network was down.");
    assert!(!e.iter().any(|(c, _)| *c == Place), "{e:?}");
}

#[test]
fn clubs_are_organisations_and_the_city_in_their_name_is_no_place() {
    let e = entities("The Houston Rockets lost to Bayern Munich fans' favourite team, the Knicks, in a friendly.");
    assert!(e.contains(&(Org, "Houston Rockets".into())), "{e:?}");
    assert!(e.contains(&(Org, "Bayern Munich".into())), "{e:?}");
    assert!(e.contains(&(Org, "New York Knicks".into())), "a nickname that is no English word: {e:?}");
    assert!(!e.iter().any(|(_, l)| l == "Houston" || l == "Munich"), "{e:?}");
    // Negative case: a nickname that is an ordinary word is not a team on its own.
    let e = entities("The Heat wave hit Miami on Sunday.");
    assert!(!e.iter().any(|(c, _)| *c == Org), "{e:?}");
}

#[test]
fn a_place_stays_a_place_before_a_bracketed_agency() {
    let e = entities("Talks in Geneva (AFP) ended on Sunday.");
    assert!(e.contains(&(Place, "Geneva".into())), "{e:?}");
    // Negative case: a name and the acronym it introduces are still one entity.
    let e = entities("The Kohala Valley Water Board (KVWB) met on Monday. The KVWB said no.");
    assert_eq!(e.iter().filter(|(c, _)| *c == Org).count(), 1, "{e:?}");
}
