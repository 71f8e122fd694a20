//! Where a name starts and ends (`extract/mentions/`), on sentences written for these tests
//! with negative cases: organisation names joined over "of/for/and/&/in", groups and
//! offices, hyphenated compounds of two names, capitalised common nouns before a name,
//! all-capitals datelines in a record's body, and outlets with a hyphen or a section.

use newskg::article::{read_json, read_plain};
use newskg::extract;
use newskg::rules::EntityClass;

use crate::builtin_rules;
use EntityClass::{Organization as Org, Person, Place};

/// (base class, label) of every entity.
fn entities(text: &str) -> Vec<(EntityClass, String)> {
    let article = read_plain("test", text.to_owned());
    extract(&article, builtin_rules()).entities.iter().map(|e| (e.class.base(), e.label.clone())).collect()
}

fn read_record(name: &str, record: &str) -> newskg::article::Article {
    read_json(name, record).into_iter().next().expect("one record").expect("record reads")
}

fn labels(e: &[(EntityClass, String)]) -> Vec<&str> {
    e.iter().map(|(_, l)| l.as_str()).collect()
}

#[test]
fn agencies_run_over_and_after_an_office_of_something() {
    let e = entities("A memo from the Office of Management and Budget reached the Senate on Monday.");
    assert!(e.contains(&(Org, "Office of Management and Budget".into())), "{e:?}");
    let e = entities("The Ministry of Agriculture and Forestry issued a warning.");
    assert!(e.contains(&(Org, "Ministry of Agriculture and Forestry".into())), "{e:?}");
    let e = entities("The Ninth Circuit Court of Appeals ruled against the plan on Tuesday.");
    assert!(e.contains(&(Org, "Ninth Circuit Court of Appeals".into())), "{e:?}");
    // Negative cases: a second body or a known place after "and" is its own name.
    let e = entities("The Department of Justice and Microsoft reached a deal.");
    assert!(e.iter().filter(|(c, _)| *c == Org).count() == 2, "{e:?}");
    assert!(!labels(&e).iter().any(|l| l.contains("and Microsoft")), "{e:?}");
    let e = entities("The University of Oregon and Ohio State played to a draw.");
    assert!(!labels(&e).iter().any(|l| l.contains(" and ")), "{e:?}");
}

#[test]
fn names_ending_in_a_head_run_over_and_in_and_ampersands() {
    let e = entities("The Bureau said Dakota Power & Light Co. cut service to the Refugees in Cities Project.");
    assert!(e.contains(&(Org, "Dakota Power & Light Co.".into())), "{e:?}");
    assert!(e.contains(&(Org, "Refugees in Cities Project".into())), "{e:?}");
    assert!(!labels(&e).contains(&"Light Co."), "{e:?}");
    let e = entities("She spoke to Tourism and Heritage Services about the permit.");
    assert!(e.contains(&(Org, "Tourism and Heritage Services".into())), "{e:?}");
    // Negative cases: a plural before "and" lists two bodies; a common word opening the
    // sentence is no part of a name; a known name before "in" is its own mention.
    let e = entities("Critics called on Republicans and Senate Finance Committee members to act.");
    assert!(!labels(&e).iter().any(|l| l.starts_with("Republicans")), "{e:?}");
    let e = entities("Officials in Harbor Point Authority offices declined to comment.");
    assert!(!labels(&e).iter().any(|l| l.starts_with("Officials")), "{e:?}");
    let e = entities("Engineers from Google in Redwood Valley Project housing were moved.");
    assert!(!labels(&e).iter().any(|l| l.contains("Google in")), "{e:?}");
}

#[test]
fn groups_named_by_members_and_a_cause_are_organisations() {
    let e = entities("The nurses, members of a new group Nurses for Safe Staffing, marched.");
    assert!(e.contains(&(Org, "Nurses for Safe Staffing".into())), "{e:?}");
    let e = entities("Lawyers for Prison Reform said the rule was unfair.");
    assert!(e.contains(&(Org, "Lawyers for Prison Reform".into())), "{e:?}");
    assert!(!labels(&e).contains(&"Prison Reform"), "{e:?}");
    // Negative case: lawyers for a person are no group.
    let e = entities("Lawyers for Jonathan Hale said he would appeal.");
    assert!(!labels(&e).iter().any(|l| l.starts_with("Lawyers")), "{e:?}");
    assert!(e.contains(&(Person, "Jonathan Hale".into())), "{e:?}");
}

#[test]
fn an_office_named_by_a_body_a_title_and_a_field_is_one_name() {
    let e = entities("The United Nations Special Envoy for Youth Affairs said the camp was full.");
    assert!(e.contains(&(Org, "United Nations Special Envoy for Youth Affairs".into())), "{e:?}");
    assert!(e.contains(&(Org, "United Nations".into())), "the body's own mention stays: {e:?}");
    assert!(!labels(&e).contains(&"Youth Affairs"), "{e:?}");
    // Negative case: a title with a name after its complement is a person's title.
    let e = entities("European Union Commissioner for Trade Cecilia Malmstrom said talks would go on.");
    assert!(e.iter().any(|(c, l)| *c == Person && l.contains("Malmstrom")), "{e:?}");
    assert!(!labels(&e).iter().any(|l| l.contains("Commissioner for")), "{e:?}");
}

#[test]
fn hyphenated_compounds_of_two_names_are_two_mentions() {
    let e = entities("Hopes for a Japan-Brazil trade pact lifted stocks in Tokyo.");
    assert!(e.contains(&(Place, "Japan".into())) && e.contains(&(Place, "Brazil".into())), "{e:?}");
    assert!(!labels(&e).contains(&"Japan-Brazil"), "{e:?}");
    let e = entities("Traffic on the Lisbon-Madrid motorway was slow.");
    assert!(e.contains(&(Place, "Lisbon".into())) && e.contains(&(Place, "Madrid".into())), "{e:?}");
    // Evidence of each part is its own half of the token.
    let text = "The Kenyan-Ugandan border reopened.";
    let x = extract(&read_plain("t", text.to_owned()), builtin_rules());
    assert!(!x.entities.iter().any(|e| e.label.contains('-')), "{:?}", x.entities);
    for e in &x.entities {
        for m in &e.mentions {
            assert!(!text[m.span.clone()].contains('-'), "{:?}", &text[m.span.clone()]);
        }
    }
    // Negative cases: a hyphenated surname stays one person; an abbreviation cut at its
    // period is no name.
    let e = entities("Rep. Maria Lopez-Garcia said the vote would be close.");
    assert!(e.iter().any(|(c, l)| *c == Person && l.contains("Lopez-Garcia")), "{e:?}");
    let e = entities("Kenyan-U.S. relations improved.");
    assert!(!labels(&e).iter().any(|l| l.ends_with("-U") || l.ends_with("-U.")), "{e:?}");
}

#[test]
fn a_capitalised_common_noun_before_a_given_name_is_no_part_of_it() {
    let e = entities("Cashier Maria Gonzalez told the paper the store had closed.");
    assert!(e.contains(&(Person, "Maria Gonzalez".into())), "{e:?}");
    let e = entities("The store said Volunteer John Whitaker had left.");
    assert!(e.contains(&(Person, "John Whitaker".into())), "{e:?}");
    // Negative case: a given name that is also a word stays in the name.
    let e = entities("The film starred Rose Whitaker, the studio said.");
    assert!(e.contains(&(Person, "Rose Whitaker".into())), "{e:?}");
}

#[test]
fn an_all_capitals_dateline_in_a_records_body_gives_the_place() {
    let record =
        r#"{"id": "d1", "title": "T", "body": "NEW DELHI: The ministry said trains would run.\n\nIt said more."}"#;
    let x = extract(&read_record("d1.json", record), builtin_rules());
    assert!(x.entities.iter().any(|e| e.class.base() == Place && e.label == "New Delhi"), "{:?}", x.entities);
    let record = r#"{"id": "d2", "title": "T", "body": "MADRID — Talks went on.\n\nNOTE: the talks ended."}"#;
    let x = extract(&read_record("d2.json", record), builtin_rules());
    assert!(x.entities.iter().any(|e| e.class.base() == Place && e.label == "Madrid"), "{:?}", x.entities);
    // Negative case: an all-capitals word that is no place gives nothing.
    assert!(!x.entities.iter().any(|e| e.label.eq_ignore_ascii_case("note")), "{:?}", x.entities);
}

#[test]
fn outlets_with_a_hyphen_or_a_section_are_kept_whole() {
    let e = entities("The quote was first reported by the Toledo Post-Gazette and by NBC Sports.");
    assert!(e.contains(&(Org, "Toledo Post-Gazette".into())), "{e:?}");
    assert!(e.contains(&(Org, "NBC Sports".into())), "{e:?}");
    assert!(!labels(&e).contains(&"Post-Gazette") && !labels(&e).contains(&"NBC"), "{e:?}");
    let e = entities("He told the Harbor Star-Tribune that CNN Business had called.");
    assert!(e.contains(&(Org, "Harbor Star-Tribune".into())), "{e:?}");
    assert!(e.contains(&(Org, "CNN Business".into())), "{e:?}");
    // Negative case: an outlet's name before a person's title and name stays the outlet.
    let e = entities("CBS correspondent Jane Roe said the game was close.");
    assert!(e.contains(&(Org, "CBS".into())), "{e:?}");
}

#[test]
fn a_country_and_a_lower_case_ministry_is_an_organisation() {
    let e = entities("Japan's trade ministry said the talks had ended.");
    assert!(e.contains(&(Org, "Japan's trade ministry".into())), "{e:?}");
}

#[test]
fn a_title_before_only_organisation_heads_is_part_of_the_name() {
    let e = entities("The motion went to the General Assembly on Friday.");
    assert!(e.contains(&(Org, "General Assembly".into())), "{e:?}");
    assert!(!e.iter().any(|(c, _)| *c == Person), "{e:?}");
    // Negative case: a title before a name is still a title.
    let e = entities("General Mark Bowen said the troops would stay.");
    assert!(e.contains(&(Person, "Mark Bowen".into())), "{e:?}");
}

#[test]
fn a_dictionary_word_opening_the_sentence_before_a_known_name_is_no_part_of_it() {
    let e = entities("Senior Hamas officials said the talks had failed.");
    assert!(labels(&e).contains(&"Hamas"), "{e:?}");
    assert!(!labels(&e).iter().any(|l| l.starts_with("Senior")), "{e:?}");
    // Negative case: a word and a country ending the chunk name a body.
    let e = entities("Air Canada said flights would resume.");
    assert!(e.contains(&(Org, "Air Canada".into())), "{e:?}");
    assert!(!e.iter().any(|(c, _)| *c == Place), "{e:?}");
}

#[test]
fn a_place_and_a_direction_ending_the_chunk_name_one_place() {
    let e = entities("Police in Harbin East district made arrests.");
    assert!(e.contains(&(Place, "Harbin East".into())), "{e:?}");
    assert!(!labels(&e).contains(&"Harbin"), "{e:?}");
    // Negative case: a direction before the place is read as before.
    let e = entities("Floods hit Northern Harbin on Monday.");
    assert!(!labels(&e).contains(&"Harbin East"), "{e:?}");
}

#[test]
fn a_body_led_by_a_place_ends_before_a_title_after_its_head() {
    let e = entities("Ohio State Nurses Association President Keith Gambill told the crowd to go home.");
    assert!(e.contains(&(Org, "Ohio State Nurses Association".into())), "{e:?}");
    assert!(e.contains(&(Person, "Keith Gambill".into())), "{e:?}");
    // Negative case: capitalised words after a place and no head stay as before.
    let e = entities("Ohio Governor Mike DeWine spoke on Monday.");
    assert!(e.contains(&(Person, "Mike DeWine".into())), "{e:?}");
}

#[test]
fn a_head_word_that_opens_a_title_stays_in_the_title() {
    let e = entities("\"We will wait,\" said Jane Roe, the White House Press Secretary.");
    assert!(!labels(&e).iter().any(|l| l.ends_with("Press")), "{e:?}");
}

#[test]
fn a_place_that_is_a_given_name_before_a_surname_is_a_person() {
    let e = entities("Senator Florence Whitcombe-Oduya and Rep. Victoria Lindqvist voted no.");
    assert!(e.iter().any(|(c, l)| *c == Person && l.contains("Whitcombe-Oduya")), "{e:?}");
    assert!(!e.iter().any(|(c, _)| *c == Place), "{e:?}");
    // Negative cases: a place and a dictionary word or a head is no person.
    let e = entities("The Houston Chronicle reported that tourists visited Victoria Falls.");
    assert!(!e.iter().any(|(c, _)| *c == Person), "{e:?}");
}
