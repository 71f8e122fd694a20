//! Events on sentences written for these tests, with negative cases: trigger forms made
//! from the lemmas of `event-lemmas.tsv` by rule (all inflections), the constraints of a
//! lemma row (an object after "charged", no "fired up", no "added 25 points"), and
//! statements whose speaker is found as a quotation's is (the subject of the speech verb,
//! a pronoun by gender, a participle's name; a description names no one).

use std::sync::OnceLock;

use newskg::article::read_plain;
use newskg::extract::Extraction;
use newskg::rules::EventType;
use newskg::{extract, Rules};

pub(crate) fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| Rules::builtin().expect("built-in rules load"))
}

pub(crate) fn run(text: &str) -> Extraction {
    extract(&read_plain("test", text.to_owned()), rules())
}

/// The participants' labels of each event of type `kind`, in order.
pub(crate) fn events(text: &str, kind: EventType) -> Vec<Vec<String>> {
    let ex = run(text);
    ex.events
        .iter()
        .filter(|e| e.kind == kind)
        .map(|e| e.participants.iter().map(|&p| ex.entities[p].label.clone()).collect())
        .collect()
}

pub(crate) fn any_with(text: &str, kind: EventType, label: &str) -> bool {
    events(text, kind).iter().any(|parts| parts.iter().any(|p| p == label))
}

#[test]
fn inflections_generated_from_lemmas_are_triggers() {
    // Third person, past, -ing and a multiword lemma, none of them listed by hand.
    assert!(any_with("Acme Corp. sues Victor Hale over the patents.", EventType::LegalAction, "Victor Hale"));
    assert!(any_with("Acme Corp. is suing Victor Hale over the patents.", EventType::LegalAction, "Victor Hale"));
    assert!(any_with("A jury convicted Victor Hale on Monday.", EventType::LegalAction, "Victor Hale"));
    assert!(any_with("Brazil extradited Victor Hale to Peru.", EventType::LegalAction, "Victor Hale"));
    let sanctions = events("The United States imposed sanctions on Iran.", EventType::Sanction);
    assert!(
        sanctions.iter().any(|p| p.contains(&"United States".to_owned()) && p.contains(&"Iran".to_owned())),
        "{sanctions:?}"
    );
    assert!(any_with("Maria Lopez condemned the decision.", EventType::Statement, "Maria Lopez"));
    assert!(any_with("Maria Lopez criticised the decision.", EventType::Statement, "Maria Lopez"));
    assert!(any_with("Maria Lopez reiterates her support.", EventType::Statement, "Maria Lopez"));
}

#[test]
fn a_verb_that_needs_an_object_has_one_or_is_passive() {
    assert!(any_with("Prosecutors charged Victor Hale with fraud.", EventType::LegalAction, "Victor Hale"));
    assert!(any_with("Victor Hale was charged with fraud.", EventType::LegalAction, "Victor Hale"));
    // Titles and determiners may open the object's noun phrase.
    assert!(any_with("Police charged former Mayor Anna Berg with fraud.", EventType::LegalAction, "Anna Berg"));
    assert!(any_with(
        "Victor Hale fled. The FBI investigates him.",
        EventType::LegalAction,
        "Federal Bureau of Investigation"
    ));
    // Negative: "charged batteries" charges no one; "investigates the leak" names no one.
    assert!(events("Tesla Motors charged batteries overnight.", EventType::LegalAction).is_empty());
    assert!(events("The FBI investigates the leak.", EventType::LegalAction).is_empty());
}

#[test]
fn a_blocking_next_word_makes_no_trigger() {
    assert!(events("A band hired by Acme Corp. fired up the crowd.", EventType::Attack).is_empty());
    assert!(events("Victor Hale added 25 points for the Lakers.", EventType::Statement).is_empty());
    assert!(events("Ana Lima, the talk show host, laughed.", EventType::Meeting).is_empty());
    // The same forms with their event meaning.
    assert!(any_with("Victor Hale added that the team was tired.", EventType::Statement, "Victor Hale"));
    assert!(run("Russian troops fired on Mariupol.").events.iter().any(|e| e.kind == EventType::Attack));
}

#[test]
fn a_noun_in_ing_after_a_determiner_is_no_verb_trigger() {
    assert!(events("Ana Lima issued a warning on Monday.", EventType::Statement).is_empty());
    assert!(any_with(
        "Jordan objected, with Omar Haddad warning of consequences.",
        EventType::Statement,
        "Omar Haddad"
    ));
}

#[test]
fn a_statements_speaker_is_the_subject_of_its_verb() {
    // Apposition: the name before it speaks, not the organisation inside it.
    let parts = events("Tom Diaz, a teacher at Acme Corp., condemned the plan.", EventType::Statement);
    assert_eq!(parts, [["Tom Diaz"]]);
    // A pronoun goes to a name of its gender, not to the latest name.
    let parts = events("Ana Lima met Tom Diaz on Monday. She denied the reports.", EventType::Statement);
    assert_eq!(parts, [["Ana Lima"]]);
    // Negative: a description names no speaker, even with a name inside it.
    assert!(events("One Washington-based trade expert warned of delays.", EventType::Statement).is_empty());
    assert!(events("A California transit chief says trains are late.", EventType::Statement).is_empty());
    // Negative: "states" as a noun is no statement.
    assert!(events("Voters in key states like Ohio are split.", EventType::Statement).is_empty());
}

#[test]
fn said_before_a_name_names_the_speaker_only_after_a_quotation_or_comma() {
    assert!(any_with("“We will win,” said Tom Diaz.", EventType::Statement, "Tom Diaz"));
    // Negative: "but said X would" reports X, X does not speak.
    assert!(!any_with("Ana Lima met voters but said Tom Diaz would win.", EventType::Statement, "Tom Diaz"));
    // Negative: "responded by" is an action, not a statement.
    assert!(events("Victor Hale responded by hitting the wall.", EventType::Statement).is_empty());
}

#[test]
fn a_nominal_triggers_subject_stands_near_it() {
    let contact = events("Iran has initiated contact with Elon Musk.", EventType::Communication);
    assert!(
        contact.iter().any(|p| p.contains(&"Iran".to_owned()) && p.contains(&"Elon Musk".to_owned())),
        "{contact:?}"
    );
    assert!(any_with("Kenya's peace deal was praised.", EventType::Agreement, "Kenya"));
    // Negative: a name far before the noun does not govern it.
    assert!(events("Beijing wants supply and demand to dictate future trade deals.", EventType::Agreement).is_empty());
}

#[test]
fn an_appointment_goes_to_a_person() {
    assert!(any_with("President Ana Lima appointed Tom Diaz on Monday.", EventType::Appointment, "Tom Diaz"));
    // Negative: organisations selected for contracts hold no post.
    assert!(events("Lockheed Martin and SpaceX were selected for the contracts.", EventType::Appointment).is_empty());
}

#[test]
fn a_coordinated_subject_takes_every_member() {
    let parts = events("Peru and Chile sharply criticised the plan.", EventType::Statement);
    assert!(parts.iter().any(|p| p.contains(&"Peru".to_owned()) && p.contains(&"Chile".to_owned())), "{parts:?}");
    // Negative: "Lima, Peru" is a place and its country, no list.
    let parts = events("Officials in Lima, Peru condemned the plan.", EventType::Statement);
    assert!(parts.iter().all(|p| !p.contains(&"Lima".to_owned())), "{parts:?}");
}

#[test]
fn statements_are_one_per_speaker_and_addressee() {
    // Two speakers who told the same outlet made two statements.
    let parts = events(
        "Ana Lima told Al Jazeera the vote was fair. Tom Diaz told Al Jazeera it was not.",
        EventType::Statement,
    );
    assert_eq!(parts.len(), 2, "{parts:?}");
    // One speaker twice to one addressee: one statement.
    let parts = events(
        "Ana Lima told Al Jazeera the vote was fair. Later Ana Lima told Al Jazeera it was close.",
        EventType::Statement,
    );
    assert_eq!(parts.len(), 1, "{parts:?}");
    // Negative: no speaker, no statement ("sources told X").
    assert!(events("Two sources told Al Jazeera the vote was fair.", EventType::Statement).is_empty());
}

#[test]
fn organisations_selected_together_made_an_agreement() {
    let parts =
        events("The European Space Agency selected Acme Corp. and Initech Inc. for the lander.", EventType::Agreement);
    assert!(parts.iter().any(|p| p.contains(&"Initech Inc.".to_owned())), "{parts:?}");
    assert!(events(
        "The European Space Agency selected Acme Corp. and Initech Inc. for the lander.",
        EventType::Appointment
    )
    .is_empty());
    // A person selected is appointed, no agreement.
    assert!(events("President Ana Lima selected Tom Diaz as her deputy.", EventType::Agreement).is_empty());
}

#[test]
fn deals_and_partnerships_are_agreements() {
    assert!(any_with(
        "Acme Corp. agreed to a takeover by Initech Inc. last month.",
        EventType::Agreement,
        "Acme Corp."
    ));
    assert!(any_with(
        "It is the result of a partnership between Acme Corp. and Initech Inc.",
        EventType::Agreement,
        "Initech Inc."
    ));
    // Negative: agreeing with a view is no deal.
    assert!(events("Tom Diaz agreed with the critics.", EventType::Agreement).is_empty());
    // Negative: a link word far from the noun belongs to another phrase.
    let parts = events(
        "A trade deal, once expected within weeks of a summit between Peru and Chile, stalled.",
        EventType::Agreement,
    );
    assert!(parts.is_empty(), "{parts:?}");
}

#[test]
fn attacks_and_contacts_need_real_participants() {
    assert!(any_with("Tom Diaz hit Victor Hale in the head.", EventType::Attack, "Victor Hale"));
    // Negative: the place of an attack is no participant.
    assert!(events("A stabbing killed a passenger on a Bay Area train.", EventType::Attack).is_empty());
    // Negative: the outlet that asked is no party to a contact.
    assert!(
        events("The company declined to comment when contacted by Al Jazeera.", EventType::Communication).is_empty()
    );
}

#[test]
fn the_charge_is_no_participant() {
    let parts = events("Tom Diaz accused Victor Hale of helping Peru.", EventType::Accusation);
    assert!(parts.iter().any(|p| p.contains(&"Victor Hale".to_owned())), "{parts:?}");
    assert!(parts.iter().all(|p| !p.contains(&"Peru".to_owned())), "{parts:?}");
}

#[test]
fn a_statement_without_its_own_time_is_dated_by_the_lede() {
    let text = "LIMA, Peru (AP) — Hours before the vote on Tuesday, Ana Lima spoke to voters.\n\n\
                “We will win,” Ana Lima said.\n";
    let mut article = read_plain("test", text.to_owned());
    article.metadata.date = chrono::NaiveDate::from_ymd_opt(2024, 3, 7);
    let ex = extract(&article, rules());
    let statement = ex.events.iter().find(|e| e.kind == EventType::Statement).expect("a statement");
    assert_eq!(statement.date, chrono::NaiveDate::from_ymd_opt(2024, 3, 5));
    // Negative: a statement that gives its own day keeps it.
    let text = "LIMA, Peru (AP) — Hours before the vote on Tuesday, Ana Lima spoke to voters.\n\n\
                Tom Diaz said on Monday that the count was slow.\n";
    let mut article = read_plain("test", text.to_owned());
    article.metadata.date = chrono::NaiveDate::from_ymd_opt(2024, 3, 7);
    let ex = extract(&article, rules());
    let statement = ex.events.iter().find(|e| e.kind == EventType::Statement).expect("a statement");
    assert_eq!(statement.date, chrono::NaiveDate::from_ymd_opt(2024, 3, 4));
}
