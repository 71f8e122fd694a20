//! Property tests: any string as a name, headline, author or quote gives quads whose
//! N-Quads and TriG re-parse to the same terms, with every `nif:anchorOf` equal to the text
//! at its offsets; the readers never panic on arbitrary bytes; IRI minting turns any string
//! into a valid IRI, distinct up to the documented normalisation.

use std::io::Write as _;

use newskg::article::{read_inputs, read_json, read_jsonl_line, read_plain, Layout, ReadOptions};
use newskg::extract::entities::name_key;
use newskg::rdf::Minter;
use newskg::rules::EntityClass;
use newskg::{Article, Metadata, Rules};
use oxigraph::model::{NamedNode, Term};
use proptest::prelude::*;

use super::invariants::check_article;

fn rules() -> &'static Rules {
    static RULES: std::sync::OnceLock<Rules> = std::sync::OnceLock::new();
    RULES.get_or_init(|| Rules::builtin().unwrap())
}

/// Any string, or one made of the characters that break naive serialisers.
fn awkward() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[\"'<>\\\\\\n\\r\\t\\x00-\\x1f\\x7f\\u{202e}\\u{5d0}-\\u{5ea}\\u{1f600}-\\u{1f64f}a-zA-Z .,!?“”‘’—-]{0,40}",
        "([A-Z][a-z]{0,8} ){1,4}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn any_name_and_quote_give_round_tripping_quads_and_exact_anchors(name in awkward(), quote in awkward()) {
        // As plain text, where extraction finds the name and the quote...
        let text = format!("Sen. {name} said, \"{quote}\" on Monday.\n“{quote},” {name} said.");
        check_article(&read_plain("prop.txt", text.clone()), rules());
        // ...and as a JSON record, where they are also the headline, author and id.
        let metadata = Metadata {
            layout: Layout::Json,
            headline: Some(newskg::article::Field::detached(name.clone())),
            authors: vec![newskg::article::Field::detached(quote.clone())],
            source: Some(newskg::article::Field::detached(name.clone())),
            prose: std::iter::once(0..text.len()).collect(),
            ..Metadata::default()
        };
        let article = Article::new("prop.json", Some(name.clone()), text.clone(), metadata);
        let quads = check_article(&article, rules());
        let literal = |p: &str| quads.iter().find(|q| q.predicate.as_str() == p).map(|q| match &q.object {
            Term::Literal(l) => l.value().to_owned(),
            other => other.to_string(),
        });
        prop_assert_eq!(literal("https://schema.org/headline"), Some(name.clone()));
        prop_assert_eq!(literal("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#isString"), Some(text));
    }

    #[test]
    fn the_readers_never_panic_on_arbitrary_text(text in any::<String>(), json in "[\\[\\]{}\":,0-9a-z\\\\ ]{0,200}") {
        for t in [&text, &json] {
            let a = read_plain("p.txt", t.clone());
            prop_assert_eq!(&a.text, t);
            for r in read_json("j.json", t) {
                if let Err(e) = r {
                    prop_assert!(e.to_string().starts_with("j.json"));
                }
            }
            if let Err(e) = read_jsonl_line("l.jsonl", 3, t) {
                prop_assert!(e.to_string().starts_with("l.jsonl:3: "));
            }
        }
    }

    #[test]
    fn the_readers_never_panic_on_arbitrary_bytes_in_files(
        bytes in proptest::collection::vec(any::<u8>(), 0..600),
        ext in prop::sample::select(vec!["txt", "json", "jsonl"]),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(format!("input.{ext}"));
        std::fs::File::create(&path).unwrap().write_all(&bytes).unwrap();
        let options = ReadOptions { max_article_bytes: 300, format: None, ..ReadOptions::default() };
        for item in read_inputs(std::slice::from_ref(&path), options) {
            match item {
                Ok(a) => prop_assert!(!a.text.trim().is_empty()),
                Err(e) => {
                    let msg = e.to_string();
                    prop_assert!(msg.starts_with(&path.display().to_string()), "{}", msg);
                    prop_assert!(!msg.contains('\n'), "{}", msg);
                }
            }
        }
    }

    #[test]
    fn any_string_mints_a_valid_iri_and_distinct_ids_distinct_iris(a in any::<String>(), b in any::<String>(), long in "[a-zé%/ ]{150,400}") {
        let m = Minter::default();
        for s in [&a, &b, &long] {
            let iri = m.article(s).unwrap();
            prop_assert!(NamedNode::new(iri.as_str()).is_ok());
            prop_assert!(iri.as_str().len() < 300, "{}", iri);
            let rest = &iri.as_str()[newskg::rdf::mint::DEFAULT_BASE.len()..];
            prop_assert!(rest.bytes().all(|c| c.is_ascii_alphanumeric() || b"-._~%/".contains(&c)), "{}", iri);
        }
        if a != b {
            prop_assert_ne!(m.article(&a).unwrap(), m.article(&b).unwrap());
        }
        let cut = format!("{long}x");
        prop_assert_ne!(m.article(&long).unwrap(), m.article(&cut).unwrap());
    }

    #[test]
    fn entity_iris_are_equal_exactly_when_normalised_names_are(a in awkward(), b in awkward()) {
        let m = Minter::default();
        let (ea, eb) = (m.entity(EntityClass::Person, &a).unwrap(), m.entity(EntityClass::Person, &b).unwrap());
        prop_assert_eq!(ea == eb, name_key(&a) == name_key(&b), "{:?} {:?} -> {} {}", a, b, ea, eb);
        // The type is part of the IRI: a person and a place never share one.
        prop_assert_ne!(ea, m.entity(EntityClass::City, &a).unwrap());
    }
}

#[test]
fn a_name_without_letters_does_not_take_the_iri_of_a_person_named_unnamed() {
    let m = Minter::default();
    assert_ne!(m.entity(EntityClass::Person, "!!!").unwrap(), m.entity(EntityClass::Person, "Unnamed").unwrap());
    assert_eq!(m.entity(EntityClass::Person, "!!!").unwrap(), m.entity(EntityClass::Person, "???").unwrap());
}
