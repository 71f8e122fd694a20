//! Posts held (issue 12): titles with complements, compound titles, appositions, party-state
//! tags, sports and trade roles, status markers; on sentences written for these tests, with
//! negative cases.

use newskg::extract::{EntityId, HoldingStatus};

use crate::extract_text;

/// One post as (holder, title, owner label, status).
pub(crate) type Post = (String, String, Option<String>, HoldingStatus);

/// Every post of `text` as (holder, title, owner label, status).
pub(crate) fn posts(text: &str) -> Vec<Post> {
    let ex = extract_text(text);
    let label = |e: EntityId| ex.entities[e].label.clone();
    ex.holdings.iter().map(|h| (label(h.holder), h.title.clone(), h.of.map(label), h.status)).collect()
}

fn person_labels(text: &str) -> Vec<String> {
    let ex = extract_text(text);
    ex.entities.iter().map(|e| e.label.clone()).collect()
}

/// The post of `holder` titled `title`, or a panic listing all posts.
pub(crate) fn post<'a>(all: &'a [Post], holder: &str, title: &str) -> &'a Post {
    all.iter()
        .find(|p| p.0 == holder && p.1 == title)
        .unwrap_or_else(|| panic!("{holder}: {title} missing from {all:?}"))
}

#[test]
fn sports_positions_before_names() {
    let all = posts("Hawks winger Tom Vale scored twice. Falcons defenseman Ray Obi left hurt. Lions goalie Sam Reyes stopped 30 shots. Rams running back Lee Park ran for 90 yards.");
    post(&all, "Tom Vale", "winger");
    post(&all, "Ray Obi", "defenseman");
    post(&all, "Sam Reyes", "goalie");
    post(&all, "Lee Park", "running back");
}

#[test]
fn lower_case_center_is_a_position_but_not_in_a_place_name() {
    let all = posts("Hawks center Tom Vale won the faceoff.");
    post(&all, "Tom Vale", "center");
    let all = posts("Fans filled the Vale Center on Monday, and Ray Obi spoke at the center of the city.");
    assert!(all.is_empty(), "{all:?}");
}

#[test]
fn sports_abbreviations_are_titles_and_not_part_of_the_name() {
    let text = "Hawks: F Tom Vale missed his third game. Falcons DL Ray Obi was fined.";
    let all = posts(text);
    post(&all, "Tom Vale", "forward");
    post(&all, "Ray Obi", "DL");
    let names = person_labels(text);
    assert!(names.contains(&"Tom Vale".to_owned()) && names.contains(&"Ray Obi".to_owned()), "{names:?}");
    assert!(!names.iter().any(|n| n.starts_with("F ") || n.starts_with("DL ")), "{names:?}");
    // "De" in a name is a particle, not the abbreviation "DE" (defensive end).
    let all = posts("Actor Marco De Luca arrived.");
    assert!(!all.iter().any(|p| p.1 == "DE"), "{all:?}");
}

#[test]
fn compound_titles_keep_their_modifiers_and_complements() {
    let all = posts("Dan Cole, a senior military analyst at Lima Group, said it. Rosa Quispe, deputy associate administrator for exploration at the Andes Agency, spoke. Tom Vale, a professor of international studies at the University of Lima who studies trade, agreed. Ann Moss, head of fundamental research at Vale Capital, said.");
    assert_eq!(post(&all, "Dan Cole", "senior military analyst").2.as_deref(), Some("Lima Group"));
    assert_eq!(
        post(&all, "Rosa Quispe", "deputy associate administrator for exploration").2.as_deref(),
        Some("Andes Agency")
    );
    assert_eq!(post(&all, "Tom Vale", "professor of international studies").2.as_deref(), Some("University of Lima"));
    post(&all, "Ann Moss", "head of fundamental research");
}

#[test]
fn a_complement_needs_a_boundary_and_no_determiner() {
    // "the city" is what the head heads, not part of a title; "heads of" runs into a clause.
    let all = posts("Dan Cole, the head of the city council, spoke.");
    assert!(!all.iter().any(|p| p.1.contains("city")), "{all:?}");
    let all = posts("Dan Cole, a professor of law who teaches here, spoke.");
    post(&all, "Dan Cole", "professor of law");
}

#[test]
fn joined_titles_share_their_owner() {
    let all = posts("Rosa Quispe, president and chief operating officer of Lumo Corp., said so.");
    assert_eq!(post(&all, "Rosa Quispe", "president").2.as_deref(), Some("Lumo Corp."));
    assert_eq!(post(&all, "Rosa Quispe", "chief operating officer").2.as_deref(), Some("Lumo Corp."));
    // "and" before another titled person starts a new person, not a second title.
    let all = posts("The team includes Sen. Ann Moss for secretary of state and Rep. Tom Vale for trade adviser.");
    assert!(!all.iter().any(|p| p.0 == "Ann Moss" && p.1 == "representative"), "{all:?}");
}

#[test]
fn a_possessive_owner_in_an_apposition() {
    let all = posts("Rain is coming, said Dan Cole, Vale Energy's principal meteorologist.");
    assert_eq!(post(&all, "Dan Cole", "principal meteorologist").2.as_deref(), Some("Vale Energy"));
    let all = posts("Lumo Corp. builds landers. Rosa Quispe, the company's chief operating officer, said so.");
    assert_eq!(post(&all, "Rosa Quispe", "chief operating officer").2.as_deref(), Some("Lumo Corp."));
    // Not an apposition: the possessive opens the main clause.
    let all = posts("Despite his contempt for Tom Vale, Peru's president has offered talks.");
    assert!(!all.iter().any(|p| p.0 == "Tom Vale"), "{all:?}");
}

#[test]
fn party_state_tags_give_the_state() {
    let all = posts("Sen. Jane Roe, R-Ohio, said no. Rep. Tom Vale (D-W.Va.) agreed.");
    assert_eq!(post(&all, "Jane Roe", "senator").2.as_deref(), Some("Ohio"));
    assert_eq!(post(&all, "Tom Vale", "representative").2.as_deref(), Some("West Virginia"));
    // The tag is no post ("D" is no defenseman here) and no person.
    assert!(!all.iter().any(|p| p.1 == "defenseman"), "{all:?}");
    assert!(!person_labels("Sen. Jane Roe, R-Ohio, said no.").iter().any(|n| n.contains("R-")));
    // No tag: a hyphenated word after a comma is left alone.
    let all = posts("Sen. Jane Roe, whose D-Day film won, spoke.");
    assert_eq!(post(&all, "Jane Roe", "senator").2, None);
}

#[test]
fn a_plural_title_is_held_by_each_listed_name() {
    let all = posts("Sens. Jane Roe and Tom Vale have struggled.");
    post(&all, "Jane Roe", "senator");
    post(&all, "Tom Vale", "senator");
    // A singular title is not shared: "Pres." is no plural of "Pre.".
    let all = posts("Sen. Jane Roe and Tom Vale met. Pres. Ann Moss and Dan Cole spoke.");
    assert!(!all.iter().any(|p| p.0 == "Tom Vale" || p.0 == "Dan Cole"), "{all:?}");
}

#[test]
fn status_markers_before_and_glued_to_titles() {
    let all = posts("Ex-President Tom Vale attended. The late Sen. John Roe was honored. Interim Police Chief Ed Alvarez spoke. Rosa Quispe, then the president of Lumo Corp., refused. Dan Cole, the acting director of the agency, agreed.");
    assert_eq!(post(&all, "Tom Vale", "president").3, HoldingStatus::Former);
    assert_eq!(post(&all, "John Roe", "senator").3, HoldingStatus::Former);
    assert_eq!(post(&all, "Ed Alvarez", "police chief").3, HoldingStatus::Acting);
    assert_eq!(post(&all, "Rosa Quispe", "president").3, HoldingStatus::Former);
    assert_eq!(post(&all, "Dan Cole", "director").3, HoldingStatus::Acting);
    // A hyphenated status word that is no marker leaves the status alone.
    let all = posts("Vice-President Ann Moss spoke.");
    assert_eq!(post(&all, "Ann Moss", "vice president").3, HoldingStatus::Incumbent);
}

#[test]
fn a_post_found_once_holds_for_every_mention_without_duplicates() {
    let all = posts("Lumo Corp. chief executive Rosa Quispe spoke. Later Quispe, the chief executive of Lumo Corp., left. Quispe declined to comment.");
    let n = all.iter().filter(|p| p.0 == "Rosa Quispe" && p.1 == "chief executive").count();
    assert_eq!(n, 1, "{all:?}");
}
