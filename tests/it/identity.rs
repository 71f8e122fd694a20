//! Identity across articles: an entity IRI that is global means one real entity. Two
//! articles ingested into one store share the IRIs of full names and gazetteer entries,
//! and keep apart the entities known only by one word ("Liu") or by an acronym nobody
//! expanded, whose IRIs are scoped to their article.

use super::{newskg, temp_store};

/// The distinct IRIs of the entities labelled `label` in the store, sorted.
fn iris_labelled(store: &str, label: &str) -> Vec<String> {
    let sparql = format!(
        "SELECT DISTINCT ?e WHERE {{ GRAPH ?g {{ ?e <http://www.w3.org/2000/01/rdf-schema#label> \"{label}\" }} }} ORDER BY ?e"
    );
    let out = newskg().args(["query", "--store", store, "-e", &sparql, "--format", "csv"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().lines().skip(1).map(|l| l.trim().to_owned()).collect()
}

#[test]
fn one_word_names_are_scoped_to_their_article_and_full_names_are_shared() {
    let (dir, store) = temp_store();
    let s = store.to_str().unwrap();
    let first = serde_json::json!({"id": "identity-a", "date": "2024-11-12",
        "body": "Jane Roe met officials in Paris on Monday. Liu said the talks went well. The PUC said it would review the plan."});
    let second = serde_json::json!({"id": "identity-b", "date": "2024-11-13",
        "body": "Liu told reporters in Paris that the vote was close. Jane Roe said it was fair. The PUC said it would appeal."});
    let input = dir.path().join("two.jsonl");
    std::fs::write(&input, format!("{first}\n{second}\n")).unwrap();
    newskg().args(["ingest", "--store", s]).arg(&input).assert().success();

    let liu = iris_labelled(s, "Liu");
    assert_eq!(liu.len(), 2, "one Liu per article: {liu:?}");
    assert!(liu[0].contains("/article/identity-a/person/liu"), "{liu:?}");
    assert!(liu[1].contains("/article/identity-b/person/liu"), "{liu:?}");
    let puc = iris_labelled(s, "PUC");
    assert_eq!(puc.len(), 2, "an unexpanded acronym is scoped too: {puc:?}");
    assert!(puc.iter().all(|iri| iri.contains("/article/identity-")), "{puc:?}");

    // Negative cases: a full name and a gazetteer entry keep one global IRI.
    assert_eq!(iris_labelled(s, "Jane Roe"), ["https://w3id.org/newskg/id/person/jane-roe"]);
    assert_eq!(iris_labelled(s, "Paris"), ["https://w3id.org/newskg/id/place/paris"]);
}

#[test]
fn a_one_word_name_joined_to_a_full_name_is_the_full_name() {
    let (dir, store) = temp_store();
    let s = store.to_str().unwrap();
    let first = serde_json::json!({"id": "identity-c", "date": "2024-11-12",
        "body": "Wei Liu, a trader, said prices rose. Liu said more gains were likely."});
    let second = serde_json::json!({"id": "identity-d", "date": "2024-11-13",
        "body": "Analyst Wei Liu expects a rebound."});
    let input = dir.path().join("two.jsonl");
    std::fs::write(&input, format!("{first}\n{second}\n")).unwrap();
    newskg().args(["ingest", "--store", s]).arg(&input).assert().success();
    assert_eq!(iris_labelled(s, "Wei Liu"), ["https://w3id.org/newskg/id/person/wei-liu"]);
    assert!(iris_labelled(s, "Liu").is_empty(), "\"Liu\" is an other name of Wei Liu, not an entity of its own");
}
