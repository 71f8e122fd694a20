//! Tests of binding values: every rewrite gives the rows of the VALUES join.
use super::*;
use oxigraph::model::{GraphName, Quad};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};

const EX: &str = "http://example.org/";

fn iri(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{EX}{local}"))
}

/// Two article graphs with names, keys, a link and an optional value.
fn store() -> oxigraph::store::Store {
    let store = oxigraph::store::Store::new().unwrap();
    let lit = |s: &str| Term::from(Literal::new_simple_literal(s));
    let facts: &[(&str, &str, &str, Term)] = &[
        ("g1", "e1", "label", lit("Anna Keller")),
        ("g1", "e1", "key", lit("anna keller")),
        ("g1", "e1", "alt", lit("Keller")),
        ("g1", "e1", "key", lit("keller")),
        ("g1", "e1", "p", iri("e2").into()),
        ("g1", "e2", "label", lit("Mark Dunn")),
        ("g1", "e2", "key", lit("mark dunn")),
        ("g2", "e1", "label", lit("Anna Keller")),
        ("g2", "e1", "key", lit("anna keller")),
        ("g2", "e3", "label", lit("keller")),
        ("g2", "e3", "key", lit("keller")),
        ("g2", "e3", "p", iri("e1").into()),
    ];
    for (g, s, p, o) in facts {
        store.insert(&Quad::new(iri(s), iri(p), o.clone(), GraphName::NamedNode(iri(g)))).unwrap();
    }
    store
}

/// The rows of `query` on `store`, sorted, as text.
fn rows(store: &oxigraph::store::Store, query: Query) -> Vec<String> {
    let mut prepared = SparqlEvaluator::new().for_query(query);
    prepared.dataset_mut().set_default_graph_as_union();
    let solutions = match prepared.on_store(store).execute().unwrap() {
        QueryResults::Solutions(solutions) => solutions,
        QueryResults::Boolean(answer) => return vec![answer.to_string()],
        QueryResults::Graph(_) => panic!("not a SELECT or ASK query"),
    };
    let mut rows: Vec<String> = solutions
        .map(|s| {
            let s = s.unwrap();
            let mut cells: Vec<String> = s.iter().map(|(v, t)| format!("{v}={t}")).collect();
            cells.sort();
            cells.join(" ")
        })
        .collect();
    rows.sort();
    rows
}

fn parse(sparql: &str) -> Query {
    let sparql = format!("BASE <{EX}> {sparql}");
    spargebra::SparqlParser::new().parse_query(&sparql).unwrap()
}

fn var(name: &str) -> Variable {
    Variable::new_unchecked(name)
}

/// Queries with bindings that exercise every rule, some of them where writing the value
/// in would change the rows (OPTIONAL, MINUS, inner filters, HAVING, sub-queries).
fn cases() -> Vec<(&'static str, Vec<Binding>)> {
    let lit = |s: &str| Term::from(Literal::new_simple_literal(s));
    let node = |s: &str| Term::from(iri(s));
    vec![
        ("SELECT * WHERE { GRAPH ?g { ?e <label> ?l } FILTER(?l = ?name) }", vec![(var("name"), lit("Anna Keller"))]),
        (
            "SELECT * WHERE { GRAPH ?g { ?e <key> ?k . ?e <label> ?l } FILTER(?k = LCASE(STR(?name))) }",
            vec![(var("name"), lit("ANNA KELLER"))],
        ),
        (
            "SELECT * WHERE { GRAPH ?g { ?e <key> ?k ; <label> ?l } FILTER(?k = LCASE(STR(?name))) }",
            vec![(var("name"), lit("Keller"))],
        ),
        ("SELECT * WHERE { ?e <label> ?l OPTIONAL { ?e <p> ?x } }", vec![(var("x"), node("e2"))]),
        ("SELECT * WHERE { ?e <label> ?l OPTIONAL { ?e <p> ?x } }", vec![(var("x"), node("nothing"))]),
        ("SELECT * WHERE { ?e <label> ?l OPTIONAL { ?e <p> ?y FILTER(?y != ?x) } }", vec![(var("x"), node("e2"))]),
        ("SELECT * WHERE { { ?e <label> ?l FILTER(!BOUND(?name)) } }", vec![(var("name"), lit("x"))]),
        ("SELECT * WHERE { { ?e <label> ?v } UNION { ?e <alt> ?v } }", vec![(var("v"), lit("Keller"))]),
        ("SELECT * WHERE { ?e <label> ?l MINUS { ?e <p> ?x } }", vec![(var("x"), node("e1"))]),
        ("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", vec![(var("g"), node("g1"))]),
        ("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", vec![(var("p"), lit("not an IRI"))]),
        ("SELECT * WHERE { ?s <label> ?l }", vec![(var("s"), lit("a literal"))]),
        (
            "SELECT * WHERE { GRAPH ?g { ?e <label> ?l } FILTER(COALESCE(?g = ?only, true)) }",
            vec![(var("only"), node("g2"))],
        ),
        ("SELECT * WHERE { GRAPH ?g { ?e <label> ?l } FILTER(COALESCE(?g = ?only, true)) }", vec![]),
        (
            "SELECT * WHERE { GRAPH ?g { ?e <label> ?l } FILTER(COALESCE(?l = ?only, true)) }",
            vec![(var("only"), lit("keller"))],
        ),
        ("SELECT ?e ?u WHERE { ?e <label> ?l BIND(UCASE(?name) AS ?u) }", vec![(var("name"), lit("Anna"))]),
        (
            "SELECT * WHERE { ?e <label> ?l FILTER(COALESCE(CONTAINS(LCASE(?l), LCASE(?f)), true)) }",
            vec![(var("f"), lit("KEL"))],
        ),
        (
            "SELECT ?e (COUNT(*) AS ?n) WHERE { ?e <label> ?l } GROUP BY ?e HAVING(!BOUND(?name))",
            vec![(var("name"), lit("Anna Keller"))],
        ),
        (
            "SELECT ?l (COUNT(*) AS ?n) WHERE { ?e <label> ?l FILTER(?l = ?name) } GROUP BY ?l",
            vec![(var("name"), lit("keller"))],
        ),
        ("SELECT * WHERE { { SELECT ?e WHERE { ?e <label> ?name } } }", vec![(var("name"), lit("Anna Keller"))]),
        (
            "SELECT * WHERE { ?e <key> ?k FILTER(?k = ?a && ?k = ?b) }",
            vec![(var("a"), lit("keller")), (var("b"), lit("x"))],
        ),
    ]
}

#[test]
fn writing_values_in_gives_the_rows_of_the_values_join() {
    let store = store();
    for (sparql, bindings) in cases() {
        let joined = rows(&store, join_values(parse(sparql), &bindings).unwrap());
        let written = rows(&store, bind_variables(parse(sparql), &bindings).unwrap());
        assert_eq!(written, joined, "{sparql} with {bindings:?}");
    }
}

/// A sub-select's variables are its own: a value bound for the query is joined outside
/// the sub-select, never written into it (regression: both ways wrote it into it).
#[test]
fn a_sub_select_keeps_its_own_variables() {
    let store = store();
    let name = || vec![(var("name"), Term::from(Literal::new_simple_literal("Anna Keller")))];
    for (sparql, meaning) in [
        (
            "SELECT ?e WHERE { { SELECT ?e WHERE { ?e <label> ?name } } }",
            "SELECT ?e WHERE { VALUES ?name { \"Anna Keller\" } { SELECT ?e WHERE { ?e <label> ?name } } }",
        ),
        (
            "ASK { { SELECT ?e WHERE { ?e <label> ?name FILTER(?name = \"nobody\") } } }",
            "ASK { VALUES ?name { \"Anna Keller\" } { SELECT ?e WHERE { ?e <label> ?name FILTER(?name = \"nobody\") } } }",
        ),
        (
            "SELECT ?e ?n WHERE { { SELECT ?e (COUNT(*) AS ?n) WHERE { ?e <label> ?name } GROUP BY ?e } FILTER(?n > 0) }",
            "SELECT ?e ?n WHERE { VALUES ?name { \"Anna Keller\" } { SELECT ?e (COUNT(*) AS ?n) WHERE { ?e <label> ?name } GROUP BY ?e } FILTER(?n > 0) }",
        ),
    ] {
        let expected = rows(&store, parse(meaning));
        assert!(expected.len() > 1 || sparql.starts_with("ASK"), "{meaning}: {expected:?}");
        assert_eq!(rows(&store, join_values(parse(sparql), &name()).unwrap()), expected, "{sparql}");
        assert_eq!(rows(&store, bind_variables(parse(sparql), &name()).unwrap()), expected, "{sparql}");
    }
}

#[test]
fn a_key_filter_becomes_an_index_lookup() {
    let q = "SELECT * WHERE { GRAPH ?g { ?e <key> ?k . ?e <label> ?l } FILTER(?k = LCASE(STR(?name))) }";
    let bound = bind_variables(parse(q), &[(var("name"), Literal::new_simple_literal("Anna KELLER").into())]);
    let text = bound.unwrap().to_string();
    assert!(text.contains(&format!("<{EX}key> \"anna keller\"")), "{text}");
}

#[test]
fn a_value_inside_optional_is_not_written_in() {
    let q = "SELECT * WHERE { ?e <label> ?l OPTIONAL { ?e <p> ?x } }";
    let text = bind_variables(parse(q), &[(var("x"), iri("e2").into())]).unwrap().to_string();
    assert!(text.contains("?x"), "{text}");
    assert!(!text.contains(&format!("<{EX}p> <{EX}e2>")), "{text}");
}

#[test]
fn blank_nodes_are_refused() {
    let b = oxigraph::model::BlankNode::default();
    assert!(bind_variables(parse("SELECT * WHERE { ?s ?p ?o }"), &[(var("s"), b.into())]).is_err());
}
