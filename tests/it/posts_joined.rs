//! Posts (issue 12, brief h-quotes2): compound titles before a name, titles joined by
//! "and", "ambassador to X", an owner the scanner did not recognise, capitalised
//! complements, copulas in relative clauses and passive naming; on sentences written for
//! these tests, with negative cases.

use newskg::extract::HoldingStatus;

use super::posts::{post, posts};

#[test]
fn lower_case_modifiers_before_a_title_after_a_possessive() {
    let all = posts("As Globex's chief medical correspondent Dr. Peter Malley noted, the risk is moderate.");
    post(&all, "Peter Malley", "chief medical correspondent");
    // Not after a verb, nor an adverb or a naming verb.
    let all = posts("The voters re-elected President Tom Vale in May.");
    assert!(!all.iter().any(|p| p.1.contains("re-elected")), "{all:?}");
    let all = posts("The board's recently named chair Ann Moss spoke.");
    assert!(!all.iter().any(|p| p.1.contains("named")), "{all:?}");
}

#[test]
fn a_title_joined_by_and_before_a_name_or_an_apposition() {
    let all = posts("Kestrel Securities founder and co-CEO Marcus Tellman spoke on Tuesday.");
    assert_eq!(post(&all, "Marcus Tellman", "founder").2.as_deref(), Some("Kestrel Securities"));
    assert_eq!(post(&all, "Marcus Tellman", "co-CEO").2.as_deref(), Some("Kestrel Securities"));
    let all = posts("The fund's founder and former chief executive, Adam Rensberg, left the firm.");
    assert_eq!(post(&all, "Adam Rensberg", "chief executive").3, HoldingStatus::Former);
    post(&all, "Adam Rensberg", "founder");
    // A title that belongs to another person's selection is not joined.
    let all = posts("The team includes Sen. Ann Moss for secretary of state and Rep. Tom Vale for trade adviser.");
    assert!(!all.iter().any(|p| p.0 == "Tom Vale" && p.1 == "secretary of state"), "{all:?}");
}

#[test]
fn ambassador_to_a_country_before_the_name() {
    let all = posts("China's ambassador to Britain Wu Jianguo has said that the talks will go on.");
    assert_eq!(post(&all, "Wu Jianguo", "ambassador to Britain").2.as_deref(), Some("China"));
    // A capitalised title before "to" is left to the name scanner; "flew to Britain" is no post.
    let all = posts("The pilot flew to Britain Wu Jianguo said.");
    assert!(!all.iter().any(|p| p.1.contains("to Britain")), "{all:?}");
}

#[test]
fn an_unrecognised_possessive_owner_still_gives_the_post() {
    let all = posts("The storm should pass, said Tom Harlow, QX&Z's principal meteorologist.");
    assert_eq!(post(&all, "Tom Harlow", "principal meteorologist").2, None);
    let all = posts("Dr. Ronald Fisk, who was then serving as the mayor's physician, suggested a change.");
    assert_eq!(post(&all, "Ronald Fisk", "physician").3, HoldingStatus::Former);
    // A possessive that opens the main clause is no apposition.
    let all = posts("Despite his contempt for Tom Vale, Peru's president has offered talks.");
    assert!(!all.iter().any(|p| p.0 == "Tom Vale"), "{all:?}");
}

#[test]
fn a_capitalised_complement_that_names_nothing() {
    let all = posts("Nobody was hurt, said Rita Mohan, Head of Fundamental Research at Kestrel Securities.");
    assert_eq!(post(&all, "Rita Mohan", "head of fundamental research").2.as_deref(), Some("Kestrel Securities"));
    // A named organisation is the owner, not part of the title.
    let all = posts("Nobody was hurt, said Rita Mohan, Director of Kestrel Securities.");
    assert_eq!(post(&all, "Rita Mohan", "director").2.as_deref(), Some("Kestrel Securities"));
}

#[test]
fn relative_copulas_and_passive_naming() {
    let all = posts("In a letter to Kevin Marsh, who was the acting director of the Department of Homeland Security, the doctors asked for help.");
    let p = post(&all, "Kevin Marsh", "director");
    assert_eq!((p.2.as_deref(), p.3), (Some("Department of Homeland Security"), HoldingStatus::Former));
    let all = posts("Gerald Pike, who is also an executive at Kestrel Securities, agreed.");
    assert_eq!(post(&all, "Gerald Pike", "executive").2.as_deref(), Some("Kestrel Securities"));
    let all = posts("Pike resigned and Carl Benton has been named new DHS acting secretary.");
    assert_eq!(post(&all, "Carl Benton", "secretary").3, HoldingStatus::Acting);
    // "who was named in the report" names no post.
    let all = posts("Carl Benton, who was named in the report, declined to comment.");
    assert!(!all.iter().any(|p| p.0 == "Carl Benton"), "{all:?}");
}

#[test]
fn an_owner_named_before_the_title() {
    let all = posts("Alex Hale, the Health and Human Services secretary, said the plan would work.");
    post(&all, "Alex Hale", "secretary");
}
