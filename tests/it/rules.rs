//! Each rule family on minimal sentences written for these tests, with negative cases.

use std::sync::OnceLock;

use newskg::article::read_plain;
use newskg::extract::{Extraction, HoldingStatus, Speaker};
use newskg::rules::{EntityClass, EventType, Modality};
use newskg::{extract, Rules};

fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| Rules::builtin().expect("built-in rules load"))
}

fn run(text: &str) -> (String, Extraction) {
    let article = read_plain("test", text.to_owned());
    let ex = extract(&article, rules());
    (article.text, ex)
}

/// (base class, label) of every entity.
fn entities(text: &str) -> Vec<(EntityClass, String)> {
    run(text).1.entities.iter().map(|e| (e.class.base(), e.label.clone())).collect()
}

fn has(text: &str, class: EntityClass, label: &str) -> bool {
    entities(text).iter().any(|(c, l)| *c == class && l == label)
}

use EntityClass::{Organization as Org, Person, Place};

#[test]
fn capitalised_names_with_connectors_and_particles() {
    assert!(has("Officials of the Bank of Portugal met on Monday.", Org, "Bank of Portugal"));
    assert!(has("The envoy spoke with Kim Jong-un at length.", Person, "Kim Jong-un"));
    assert!(has("Reporters asked Carlo de Benedetti about the sale.", Person, "Carlo de Benedetti"));
}

#[test]
fn a_sentence_initial_common_word_is_not_a_name() {
    let e = entities("However, the talks ended. Meanwhile prices rose in Peru.");
    assert!(e.iter().all(|(_, l)| l != "However" && l != "Meanwhile"), "{e:?}");
    assert!(e.contains(&(Place, "Peru".into())));
}

#[test]
fn titles_make_persons_and_are_not_part_of_the_name() {
    assert!(has("President-elect Maria Olsen thanked voters.", Person, "Maria Olsen"));
    assert!(has("Sen. Tom Reyes voted no.", Person, "Tom Reyes"));
    assert!(has("The ruling angered Supreme Leader Omar Faris.", Person, "Omar Faris"));
}

#[test]
fn surnames_and_title_plus_surname_join_the_full_name() {
    let (_, ex) = run("Elena Marsh arrived in Lisbon. Marsh later met President Marsh's aides.");
    let people: Vec<_> = ex.entities.iter().filter(|e| e.class == Person).collect();
    assert_eq!(people.len(), 1, "{people:?}");
    assert_eq!(people[0].label, "Elena Marsh");
    assert!(people[0].alt_labels.contains("Marsh"));
}

#[test]
fn acronyms_join_the_name_that_introduces_them() {
    let (_, ex) = run("The Baltic Shipping Council (BSC) said prices fell. Later the BSC said more.");
    let orgs: Vec<_> = ex.entities.iter().filter(|e| e.class.base() == Org).collect();
    assert_eq!(orgs.len(), 1, "{orgs:?}");
    assert!(orgs[0].alt_labels.contains("BSC"));
}

#[test]
fn demonyms_stand_for_their_country() {
    let (_, ex) = run("Peruvian officials denied it.");
    assert!(ex.entities.iter().any(|e| e.label == "Peru" && e.alt_labels.contains("Peruvian")));
}

#[test]
fn gazetteer_entries_carry_wikidata_ids() {
    let (_, ex) = run("Talks were held in France.");
    let france = ex.entities.iter().find(|e| e.label == "France").expect("France found");
    assert_eq!(france.wikidata.as_deref(), Some("Q142"));
}

#[test]
fn washington_the_city_and_george_washington_the_person() {
    assert!(has("The delegation flew to Washington on Friday.", Place, "Washington"));
    assert!(has("A portrait of George Washington was sold.", Person, "George Washington"));
}

#[test]
fn jordan_the_country_and_a_person_named_jordan() {
    assert!(has("Refugees crossed into Jordan last year.", Place, "Jordan"));
    assert!(has("Coach Michael Jordan spoke to reporters.", Person, "Michael Jordan"));
}

#[test]
fn described_organisations_by_country_and_head() {
    let (_, ex) = run("The Peruvian foreign ministry said no. Peru's foreign ministry later agreed.");
    let m: Vec<_> = ex.entities.iter().filter(|e| e.label.contains("foreign ministry")).collect();
    assert_eq!(m.len(), 1, "{:?}", ex.entities);
    assert_eq!(m[0].class.base(), Org);
}

#[test]
fn posts_from_titles_possessives_appositions_and_selections() {
    let (_, ex) = run("Peru's U.N. Ambassador Rosa Quispe arrived. Dan Cole, a spokesperson for the Lima Group, declined. The cabinet includes Sen. Ann Moss for secretary of state.");
    let post = |holder: &str, title: &str| {
        ex.holdings
            .iter()
            .find(|h| ex.entities[h.holder].label == holder && h.title == title)
            .unwrap_or_else(|| panic!("{holder}: {title} missing from {:?}", ex.holdings))
    };
    let amb = post("Rosa Quispe", "U.N. ambassador");
    assert_eq!(amb.of.map(|e| ex.entities[e].label.as_str()), Some("Peru"));
    let spokes = post("Dan Cole", "spokesperson");
    assert_eq!(spokes.of.map(|e| ex.entities[e].label.as_str()), Some("Lima Group"));
    assert_eq!(post("Ann Moss", "senator").status, HoldingStatus::Incumbent);
    assert_eq!(post("Ann Moss", "secretary of state").status, HoldingStatus::Designate);
}

#[test]
fn status_markers() {
    let (_, ex) = run("Former President Luis Vega and acting Gov. Ana Ruiz met.");
    let status = |who: &str| ex.holdings.iter().find(|h| ex.entities[h.holder].label == who).map(|h| h.status);
    assert_eq!(status("Luis Vega"), Some(HoldingStatus::Former));
    assert_eq!(status("Ana Ruiz"), Some(HoldingStatus::Acting));
}

#[test]
fn an_honorific_is_no_post() {
    let (_, ex) = run("Mr. Paul Grant left early.");
    assert!(ex.holdings.is_empty(), "{:?}", ex.holdings);
    assert!(ex.entities.iter().any(|e| e.label == "Paul Grant" && e.class == Person));
}

#[test]
fn quotations_with_speakers_before_after_and_by_pronoun() {
    let text = "\u{201C}We will rebuild the bridge by spring,\u{201D} said Mayor Ines Duarte. \u{201C}Nobody will be left behind in this city,\u{201D} she added.\nThe Harbour Board said: \"Our ships are ready for the season.\"";
    let (t, ex) = run(text);
    assert_eq!(ex.quotes.len(), 3, "{:?}", ex.quotes);
    let speaker = |i: usize| match &ex.quotes[i].speaker {
        Some(Speaker::Entity(e)) => ex.entities[*e].label.clone(),
        other => format!("{other:?}"),
    };
    assert_eq!(&t[ex.quotes[0].text.clone()], "We will rebuild the bridge by spring");
    assert_eq!(speaker(0), "Ines Duarte");
    assert_eq!(speaker(1), "Ines Duarte");
    assert_eq!(speaker(2), "Harbour Board");
}

#[test]
fn scare_quotes_are_not_quotations() {
    let (_, ex) = run("The army was put on \"high alert\" after the \"incident\" at the border.");
    assert!(ex.quotes.is_empty(), "{:?}", ex.quotes);
}

#[test]
fn an_unnamed_speaker_gives_no_speaker() {
    let (_, ex) = run("\u{201C}The plant will stay closed until further notice,\u{201D} a company spokesman said.");
    assert_eq!(ex.quotes.len(), 1);
    assert!(matches!(ex.quotes[0].speaker, Some(Speaker::Anonymous(_))));
    assert_eq!(ex.anonymous_sources.len(), 1);
}

#[test]
fn meetings_with_place_and_resolved_weekday() {
    let article = newskg::article::read_plain(
        "t",
        "Talks\n\nFriday, May 3, 2019\n\nPrime Minister Ravi Nair met Chancellor Eva Brandt in Berlin on Tuesday."
            .to_owned(),
    );
    let ex = extract(&article, rules());
    let m = ex.events.iter().find(|e| e.kind == EventType::Meeting).expect("a meeting");
    let names: Vec<&str> = m.participants.iter().map(|&p| ex.entities[p].label.as_str()).collect();
    assert_eq!(names, ["Ravi Nair", "Eva Brandt"]);
    assert_eq!(m.place.map(|p| ex.entities[p].label.as_str()), Some("Berlin"));
    assert_eq!(m.date.map(|d| d.to_string()).as_deref(), Some("2019-04-30"));
}

#[test]
fn meeting_expectations_is_no_meeting() {
    let (_, ex) = run("Sales at Acme Corp. are meeting expectations, Tom Diaz said.");
    assert!(ex.events.iter().all(|e| e.kind != EventType::Meeting), "{:?}", ex.events);
}

#[test]
fn a_definite_mention_joins_the_earlier_event() {
    let (_, ex) = run("Ana Lima met Joao Silva in Porto. The meeting lasted an hour.");
    assert_eq!(ex.events.iter().filter(|e| e.kind == EventType::Meeting).count(), 1, "{:?}", ex.events);
}

#[test]
fn future_events_are_marked() {
    let (_, ex) = run("Ana Lima will meet Joao Silva in Porto.");
    let m = ex.events.iter().find(|e| e.kind == EventType::Meeting).expect("a meeting");
    assert_eq!(m.modality, Some(Modality::Future));
}

#[test]
fn legal_actions_and_attacks() {
    let (_, ex) = run("Prosecutors charged Victor Hale with fraud. Russian forces attacked Kyiv on Sunday.");
    assert!(ex
        .events
        .iter()
        .any(|e| e.kind == EventType::LegalAction
            && e.participants.iter().any(|&p| ex.entities[p].label == "Victor Hale")));
    assert!(ex.events.iter().any(|e| e.kind == EventType::Attack));
}

#[test]
fn sources_named_and_anonymous() {
    let (_, ex) = run("According to a Chilean official, the deal is off. The plan was first reported by Reuters.");
    assert!(ex
        .anonymous_sources
        .iter()
        .any(|s| s.label == "a Chilean official" && s.affiliation.is_some_and(|a| ex.entities[a].label == "Chile")));
    assert!(ex
        .attributions
        .iter()
        .any(|a| matches!(a.source, newskg::extract::Source::Entity(e) if ex.entities[e].label == "Reuters")));
}

#[test]
fn a_sentence_is_cited_as_a_claim_unless_its_quotation_is_the_speakers() {
    use newskg::extract::{Fact, Source};
    let sentence_sources = |text: &str| -> Vec<String> {
        let (_, ex) = run(text);
        ex.attributions
            .iter()
            .filter(|a| matches!(a.fact, Fact::Sentence(_)))
            .filter_map(|a| match a.source {
                Source::Entity(e) => Some(ex.entities[e].label.clone()),
                Source::Anonymous(_) => None,
            })
            .collect()
    };
    // The quotation carries the attribution; the sentence adds nothing.
    let quoted = "\u{201c}We will not give up,\u{201d} Anna Keller said on Monday.";
    assert_eq!(sentence_sources(quoted), Vec::<String>::new());
    let (_, ex) = run(quoted);
    assert!(ex.attributions.iter().any(|a| matches!(a.fact, Fact::Quote(_))));
    // Reported speech without a quotation: the sentence is the claim.
    assert_eq!(sentence_sources("Anna Keller said the talks would resume on Monday."), ["Anna Keller"]);
}

#[test]
fn every_span_quotes_the_text() {
    let text = std::fs::read_to_string(super::fixture("wire-summit.txt")).unwrap();
    let (t, ex) = run(&text);
    for e in &ex.entities {
        for m in &e.mentions {
            assert!(t.get(m.span.clone()).is_some(), "bad span {:?}", m.span);
        }
    }
    for q in &ex.quotes {
        assert!(t[q.evidence.span.clone()].contains(&t[q.text.clone()]));
    }
}

#[test]
fn a_selection_is_an_appointment_of_one_appointee() {
    let (_, ex) = run("Mayor Lena Ortiz named Paul Grady as police chief and Rita Moss as fire chief.");
    let appointees: Vec<&str> = ex
        .events
        .iter()
        .filter(|e| e.kind == EventType::Appointment)
        .map(|e| ex.entities[e.participants[0]].label.as_str())
        .collect();
    assert!(appointees.contains(&"Paul Grady"), "{:?}", ex.events);
}

#[test]
fn a_negated_event_is_no_event() {
    let (_, ex) = run("Ana Lima did not meet Joao Silva in Porto.");
    assert!(ex.events.iter().all(|e| e.kind != EventType::Meeting), "{:?}", ex.events);
}

#[test]
fn a_national_post_belongs_to_the_main_country() {
    let text = "Peru raised taxes. Peru's economy grew, and Peru exported more copper than Chile.\nPrime Minister Rosa Quispe defended the plan.";
    let (_, ex) = run(text);
    let h = ex.holdings.iter().find(|h| ex.entities[h.holder].label == "Rosa Quispe").expect("a post");
    assert_eq!(h.of.map(|e| ex.entities[e].label.as_str()), Some("Peru"));
}

#[test]
fn appositions_before_the_name() {
    let (_, ex) = run("The coach of the Lima Rowing Club, Dario Vela, resigned.");
    let h = ex.holdings.iter().find(|h| ex.entities[h.holder].label == "Dario Vela").expect("a post");
    assert_eq!(h.title, "coach");
    assert_eq!(h.of.map(|e| ex.entities[e].label.as_str()), Some("Lima Rowing Club"));
}

#[test]
fn named_products_indices_and_events_are_no_entities_and_hide_their_inner_names() {
    // A maker and a model code name a product, not the maker.
    let e = entities("The Airbus A380 landed in Oslo after a test flight.");
    assert!(e.iter().all(|(_, l)| l != "Airbus"), "{e:?}");
    assert!(e.contains(&(Place, "Oslo".into())));
    // Negative: the maker alone, or followed by a plain number of planes, is the company.
    assert!(has("Airbus said orders rose.", Org, "Airbus"));
    assert!(has("Airbus 12 times beat its rival.", Org, "Airbus"));
    // An index is no person, by the gazetteer or by its head word.
    let e = entities("The Hang Seng fell while the Tarvo Lemmik index rose.");
    assert!(e.iter().all(|(_, l)| l != "Hang Seng" && !l.contains("Tarvo")), "{e:?}");
    // A named event hides the city inside it; the city on its own is still a place.
    let e = entities("Orders were announced at the Lisbon Air Show on Monday.");
    assert!(e.iter().all(|(_, l)| l != "Lisbon"), "{e:?}");
    assert!(has("Orders were announced in Lisbon on Monday.", Place, "Lisbon"));
}

#[test]
fn a_name_before_flight_and_a_number_is_the_airline() {
    assert!(has("The crash of Jonas Air Flight 271 killed nine.", Org, "Jonas Air"));
    let e = entities("The crash of Jonas Air Flight 271 killed nine.");
    assert!(e.iter().all(|(c, _)| *c != Person), "{e:?}");
}

#[test]
fn a_place_and_dictionary_words_name_a_body() {
    assert!(has("Shares of Lisbon Mutual fell sharply.", Org, "Lisbon Mutual"));
    // Negative: a place and a title, a given name or a direction is no body.
    assert!(!has("Shares fell in Lisbon on Monday.", Org, "Lisbon"));
    assert!(
        has("The crowd in Northern Portugal cheered.", Place, "Northern Portugal")
            || has("The crowd in Northern Portugal cheered.", Place, "Portugal")
    );
}

#[test]
fn a_country_named_only_by_an_adjective_is_kept_where_it_stands_for_the_state() {
    // "a Norwegian shipping firm" names no country...
    let e = entities("A Norwegian shipping firm bought the vessel.");
    assert!(e.iter().all(|(_, l)| l != "Norway"), "{e:?}");
    // ...but officials, a ministry, a title or the people do.
    assert!(has("Norwegian officials denied the report.", Place, "Norway"));
    assert!(has("The Norwegian foreign ministry denied the report.", Place, "Norway"));
    assert!(has("Norwegian Prime Minister Ola Berg denied the report.", Place, "Norway"));
    assert!(has("Many Norwegians denied the report.", Place, "Norway"));
}

#[test]
fn a_seat_of_government_stands_for_its_country() {
    let (_, ex) = run("The White House said on Monday that the United States would respond.");
    let us: Vec<_> = ex.entities.iter().filter(|e| e.label == "United States").collect();
    assert_eq!(us.len(), 1, "{:?}", ex.entities);
    assert!(us[0].alt_labels.contains("White House"));
}

#[test]
fn a_statement_verb_in_the_passive_is_no_statement() {
    let (_, ex) = run("The Latvian team had been denied visas to enter Norway.");
    assert!(ex.events.iter().all(|e| e.kind != EventType::Statement), "{:?}", ex.events);
    // Negative: the active verb with a speaker is one.
    let (_, ex) = run("Minister Ola Berg denied the report on Monday.");
    assert!(ex.events.iter().any(|e| e.kind == EventType::Statement), "{:?}", ex.events);
}

/// The built-in rules plus the rows of `files` (path under `rules/`, contents), read from
/// a `--rules` folder.
fn rules_with(files: &[(&str, &str)]) -> newskg::Result<Rules> {
    let dir = tempfile::tempdir().expect("temp dir");
    for (path, content) in files {
        let file = dir.path().join(path);
        std::fs::create_dir_all(file.parent().expect("a folder")).expect("rules folder");
        std::fs::write(file, content).expect("rule file");
    }
    Rules::builtin_with_dir(dir.path())
}

#[test]
fn a_bad_value_in_a_rule_file_names_the_file_and_line() {
    let cases = [
        (
            "lexicons/event-triggers.tsv",
            "trigger\ttype\tform\nparley\tParley\tnoun\n",
            "rules/lexicons/event-triggers.tsv:2: unknown event type \"Parley\"",
        ),
        (
            "lexicons/modality-cues.tsv",
            "cue\tmodality\n# a comment\nperhaps\tlikely\n",
            "rules/lexicons/modality-cues.tsv:3: unknown modality \"likely\"",
        ),
        (
            "lexicons/status-markers.tsv",
            "surface\tstatus\tposition\nonetime\tformer\tbefore\n",
            "rules/lexicons/status-markers.tsv:2: unknown position \"before\"",
        ),
        (
            "lexicons/word-classes.tsv",
            "word\tclass\nwhom\tpronoun\n",
            "rules/lexicons/word-classes.tsv:2: unknown word class \"pronoun\"",
        ),
        (
            "lexicons/time-words.tsv",
            "words\tkind\toffset\nformer\tshift\t2\n",
            "rules/lexicons/time-words.tsv:2: a shift is -1 or 1",
        ),
        (
            "lexicons/pronouns.tsv",
            "pronoun\tclasses\nwe\tPerson|Crowd\n",
            "rules/lexicons/pronouns.tsv:2: unknown class \"Crowd\"",
        ),
        (
            "lexicons/titles.tsv",
            "surface\ttitle\tkind\torg_hint\nreeve\treeve\toffice\tvillage\n",
            "rules/lexicons/titles.tsv:2: unknown org_hint \"village\"",
        ),
    ];
    for (file, content, message) in cases {
        let error = rules_with(&[(file, content)]).expect_err(file).to_string();
        assert_eq!(error, message);
    }
    // Negative: good values load.
    rules_with(&[("lexicons/modality-cues.tsv", "cue\tmodality\nperhaps\thypothetical\n")]).expect("good rows load");
}

#[test]
fn modality_cues_and_word_classes_are_data_a_rules_folder_extends() {
    let meeting = |rules: &Rules, text: &str| {
        let ex = extract(&read_plain("t", text.to_owned()), rules);
        ex.events.into_iter().find(|e| e.kind == EventType::Meeting).map(|e| e.modality)
    };
    let text = "Perhaps Ann Moss met Luis Vega in Lima on Monday.";
    assert_eq!(meeting(rules(), text), Some(None), "no cue: asserted");
    let extended = rules_with(&[("lexicons/modality-cues.tsv", "cue\tmodality\nperhaps\thypothetical\n")]).unwrap();
    assert_eq!(meeting(&extended, text), Some(Some(Modality::Hypothetical)));
    // A cue of several words needs all of them: "plans to" (built in), not "plans" alone.
    assert_eq!(meeting(rules(), "Ann Moss plans to meet Luis Vega in Lima."), Some(Some(Modality::Future)));

    let peru = |rules: &Rules| {
        let ex = extract(&read_plain("t", "The trans-Peru highway opened.".to_owned()), rules);
        ex.entities.iter().any(|e| e.label == "Peru")
    };
    assert!(!peru(rules()), "\"trans\" is no hyphen prefix by default");
    let extended = rules_with(&[("lexicons/word-classes.tsv", "word\tclass\ntrans\thyphen-prefix\n")]).unwrap();
    assert!(peru(&extended));
}
