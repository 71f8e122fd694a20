//! Events whose party no name in subject position gives (`events/voice.rs`), and the
//! multiword triggers of meetings, calls, settlements, contract awards and races
//! (`event-lemmas.tsv`), on sentences written for these tests, with negative cases.

use chrono::NaiveDate;
use newskg::article::read_plain;
use newskg::extract;
use newskg::rules::EventType;

use super::events::{any_with, events, rules};

#[test]
fn a_spokesperson_speaks_for_the_organisation() {
    for text in [
        "A Microsoft spokeswoman said the company would appeal.",
        "A Microsoft spokeswoman has also said the company would appeal.",
        "Microsoft's spokesman said the company would appeal.",
        "\"We will appeal,\" said a Microsoft spokesperson.",
    ] {
        assert!(any_with(text, EventType::Statement, "Microsoft"), "{text}: {:?}", events(text, EventType::Statement));
    }
    // No organisation named: no statement; the quotation names no speaker either.
    let text = "\"No comment,\" said a spokesperson.";
    assert!(events(text, EventType::Statement).is_empty());
    let ex = extract(&read_plain("test", text.to_owned()), rules());
    assert!(ex.quotes.iter().all(|q| q.speaker.is_none()), "{:?}", ex.quotes);
    // A person's name before the noun is no organisation: "a Harlan Voss spokesman".
    let text = "Harlan Voss met Ada Brandt. A Harlan Voss spokesman said the talks went well.";
    assert!(!any_with(text, EventType::Statement, "Harlan Voss"), "{:?}", events(text, EventType::Statement));
}

#[test]
fn a_statement_from_an_issuer_is_the_issuer_s() {
    let text = "Job cuts are coming, according to a statement from Siemens.";
    assert!(any_with(text, EventType::Statement, "Siemens"), "{:?}", events(text, EventType::Statement));
    // "from" after another noun names no issuer.
    let text = "Job cuts are coming, according to a source from Siemens.";
    assert!(events(text, EventType::Statement).is_empty(), "{:?}", events(text, EventType::Statement));
}

#[test]
fn a_possessive_pronoun_stands_for_a_nominal_trigger_s_subject() {
    let text = "Rita Okafor, who lost her re-election bid last week, endorsed the mayor.";
    assert_eq!(events(text, EventType::Election), [["Rita Okafor"]]);
    let text = "Boeing was fined in March. Its deal with the Federal Aviation Administration was signed.";
    assert!(any_with(text, EventType::Agreement, "Boeing"), "{:?}", events(text, EventType::Agreement));
    // "his" stands for a person: no organisation is the subject of his nomination.
    let text = "Siemens thanked the board. His nomination surprised analysts.";
    assert!(events(text, EventType::Appointment).is_empty(), "{:?}", events(text, EventType::Appointment));
}

#[test]
fn a_place_naming_an_election_is_its_place() {
    let text = "Protesters marched against the outcome of the Nevada governorship election.";
    let ex = extract(&read_plain("test", text.to_owned()), rules());
    let e = ex.events.iter().find(|e| e.kind == EventType::Election).expect("an election");
    assert_eq!(e.place.map(|p| ex.entities[p].label.as_str()), Some("Nevada"));
    // A place after "in" before the trigger is not the election's when a place names it.
    let text = "Protesters marched in Carson City against the outcome of the Nevada governorship election.";
    let ex = extract(&read_plain("test", text.to_owned()), rules());
    let e = ex.events.iter().find(|e| e.kind == EventType::Election).expect("an election");
    assert_eq!(e.place.map(|p| ex.entities[p].label.as_str()), Some("Nevada"));
    // Other events take no place from a participant.
    let text = "Vantor Systems signed a deal with Nevada.";
    let ex = extract(&read_plain("test", text.to_owned()), rules());
    assert!(ex.events.iter().all(|e| e.place.is_none()), "{:?}", ex.events);
}

#[test]
fn the_speaker_of_a_statement_took_part_in_its_occasion() {
    let mut article = read_plain(
        "test",
        "Apple CEO Tim Cook said Tuesday in a fireside chat with Salesforce founder Marc Benioff that privacy matters."
            .to_owned(),
    );
    article.metadata.date = NaiveDate::from_ymd_opt(2024, 3, 7);
    let ex = extract(&article, rules());
    let meeting = ex.events.iter().find(|e| e.kind == EventType::Meeting).expect("a meeting");
    let mut labels: Vec<&str> = meeting.participants.iter().map(|&p| ex.entities[p].label.as_str()).collect();
    labels.sort_unstable();
    assert_eq!(labels, ["Marc Benioff", "Tim Cook"]);
    // A name between the verb and the occasion ends the look-back.
    let text = "Tim Cook said Microsoft in a fireside chat with Marc Benioff was wrong.";
    assert!(!any_with(text, EventType::Meeting, "Tim Cook"), "{:?}", events(text, EventType::Meeting));
}

#[test]
fn multiword_triggers_of_meetings_calls_agreements_and_races() {
    let meeting = events("Governor Ana Lima sat down with Rafael Costa on Wednesday.", EventType::Meeting);
    assert_eq!(meeting.len(), 1, "{meeting:?}");
    assert!(meeting[0].contains(&"Rafael Costa".to_owned()));
    assert!(any_with("Lena Vogt spoke by phone with Tomas Rieger.", EventType::Communication, "Tomas Rieger"));
    assert!(any_with(
        "Boeing reached a settlement with the Federal Aviation Administration.",
        EventType::Agreement,
        "Federal Aviation Administration"
    ));
    let awarded = events(
        "The Pentagon awarded a contract to Vantor Systems and Ridgeway Aerospace for radars.",
        EventType::Agreement,
    );
    assert_eq!(awarded.len(), 1, "{awarded:?}");
    assert_eq!(awarded[0].len(), 3, "{awarded:?}");
    assert!(any_with("Dana Whitfield won the seat in a special election.", EventType::Election, "Dana Whitfield"));
    // Negative cases: a prize is no contract, a sports race no election, a chat by the
    // fire no meeting unless a "fireside chat".
    let text = "The Royal Society awarded a prize to Lena Vogt.";
    assert!(events(text, EventType::Agreement).is_empty(), "{:?}", events(text, EventType::Agreement));
    let text = "Lewis Hamilton won the race in Monaco.";
    assert!(events(text, EventType::Election).is_empty(), "{:?}", events(text, EventType::Election));
    let text = "Lena Vogt sat down on the bench with a book.";
    assert!(events(text, EventType::Meeting).is_empty(), "{:?}", events(text, EventType::Meeting));
}

#[test]
fn a_letter_a_statement_was_made_in_is_the_speaker_s_communication() {
    for text in [
        "In a letter to Congress, Treasury Secretary Janet Yellen said the limit would be reached in June.",
        "Janet Yellen said in a March 3 letter to Congress that the limit would be reached in June.",
    ] {
        let parts = events(text, EventType::Communication);
        assert_eq!(parts.len(), 1, "{text}: {parts:?}");
        assert!(parts[0].contains(&"Janet Yellen".to_owned()), "{text}: {parts:?}");
    }
    // A trigger after the statement that does not open the sentence is what was said.
    let text = "In Paris, Emmanuel Macron said the meeting with Olaf Scholz went well.";
    assert!(!any_with(text, EventType::Meeting, "Emmanuel Macron"), "{:?}", events(text, EventType::Meeting));
}
