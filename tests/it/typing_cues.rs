//! Names that read as full names but have no person evidence, on sentences written for these
//! tests with negative cases: a body or place noun in apposition, and a name after "the"
//! where no person's name stands; who publishes data; a known company and its legal form;
//! a state before a known national body.

use newskg::rules::EntityClass;

use super::extract_text;

use EntityClass::{Organization as Org, Person, Place};

fn class_of(text: &str, label: &str) -> Option<EntityClass> {
    extract_text(text).entities.iter().find(|e| e.label == label).map(|e| e.class.base())
}

#[test]
fn a_body_or_place_noun_in_apposition_types_the_name() {
    assert_eq!(class_of("Velka Tovarna, a chemical company in Brno, cut jobs.", "Velka Tovarna"), Some(Org));
    assert_eq!(class_of("Colegio Marzana, a catholic school, must pay the tax.", "Colegio Marzana"), Some(Org));
    assert_eq!(class_of("Dolni Pavlov, a village near the border, flooded.", "Dolni Pavlov"), Some(Place));
    // Negative: a person noun after the modifiers, or an organisation noun that only
    // modifies it, leaves a person.
    assert_eq!(class_of("Tomasz Wrobel, a former company director, was charged.", "Tomasz Wrobel"), Some(Person));
    assert_eq!(class_of("Ilse Varga, a bank teller, was hurt.", "Ilse Varga"), Some(Person));
}

#[test]
fn a_name_after_the_without_person_evidence_is_no_person() {
    assert_eq!(class_of("She had ties to the Hells Keepers biker gang.", "Hells Keepers"), Some(Org));
    assert_eq!(class_of("The final was played at the \"Caja Velka\" (Magic Box) court.", "Caja Velka"), Some(Org));
    assert_eq!(class_of("Residents of the Dolni Pavlov area were moved.", "Dolni Pavlov"), Some(Place));
    // Negative: a person's name after "the" that modifies a noun stays a person, and so
    // does one without "the".
    assert_eq!(class_of("The Ilse Varga trial opened on Monday.", "Ilse Varga"), Some(Person));
    assert_eq!(class_of("She met Ilse Varga in March.", "Ilse Varga"), Some(Person));
}

#[test]
fn who_publishes_data_is_an_organisation_not_a_place() {
    assert_eq!(class_of("Yields rose to 6%, according to data from Tradevix.", "Tradevix"), Some(Org));
    assert_eq!(class_of("The figures compiled by Marvoll show a fall.", "Marvoll"), Some(Org));
    // Negative: "from" alone still says where someone comes from.
    assert_eq!(class_of("The delegates flew in from Tradevix on Monday.", "Tradevix"), Some(Place));
}

#[test]
fn a_known_company_and_its_legal_form_are_that_company() {
    let x = extract_text("Sony Corp said sales rose. Sony shares fell anyway.");
    let sony: Vec<_> = x.entities.iter().filter(|e| e.label.starts_with("Sony")).collect();
    assert_eq!(sony.len(), 1, "{:?}", x.entities);
    assert_eq!(sony[0].class.base(), Org);
    assert!(sony[0].alt_labels.iter().any(|l| l == "Sony Corp"), "{:?}", sony[0]);
    // Negative: a head word that is no legal form still names another body.
    let x = extract_text("Sony Foundation said grants rose. Sony shares fell anyway.");
    assert!(x.entities.iter().any(|e| e.label == "Sony Foundation"), "{:?}", x.entities);
    // Negative: a place and a suffix word is a body of its own, not the place.
    let x = extract_text("Analysts at Lima Group said sales rose.");
    assert!(x.entities.iter().any(|e| e.label == "Lima Group" && e.class.base() == Org), "{:?}", x.entities);
}

#[test]
fn a_state_before_a_known_national_body_names_the_states_own_body() {
    let x = extract_text("The Vermont Department of Agriculture said prices rose.");
    let labels: Vec<_> = x.entities.iter().map(|e| (e.class.base(), e.label.as_str())).collect();
    assert_eq!(labels, vec![(Org, "Vermont Department of Agriculture")], "{labels:?}");
    // Negative: a country before it names the national body and the country.
    let x = extract_text("The US Department of Agriculture said prices rose.");
    let labels: Vec<_> = x.entities.iter().map(|e| (e.class.base(), e.label.as_str())).collect();
    assert!(labels.contains(&(Org, "Department of Agriculture")), "{labels:?}");
    assert!(labels.contains(&(Place, "United States")), "{labels:?}");
    // Negative: apart, they are the state and the national body.
    let x = extract_text("Farmers in Vermont said the Department of Agriculture agreed.");
    assert_eq!(x.entities.len(), 2, "{:?}", x.entities);
}
