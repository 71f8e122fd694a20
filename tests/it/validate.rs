//! `newskg validate`: the extraction output conforms to the SHACL shapes of the contract,
//! and broken data is caught, constraint by constraint, with a text or Turtle report.
//! (`scripts/test-rdf-tools.sh` compares the results with pySHACL.)

use predicates::prelude::*;

use super::{fixture, newskg, temp_store};

fn store_with_fixtures() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, store) = temp_store();
    newskg().args(["ingest", "--store", store.to_str().unwrap(), fixture("").to_str().unwrap()]).assert().code(1);
    (dir, store)
}

#[test]
fn extraction_output_conforms() {
    let (_dir, store) = store_with_fixtures();
    newskg()
        .args(["validate", "--store", store.to_str().unwrap()])
        .assert()
        .success()
        .stdout(predicate::str::contains("conforms: 5 graphs validated, 0 violations"));
}

#[test]
fn broken_data_is_reported_per_constraint_and_exits_1() {
    let (_dir, store) = store_with_fixtures();
    let s = store.to_str().unwrap();
    newskg()
        .args(["update", "--store", s, "-e"])
        .arg(
            "PREFIX nkg: <https://w3id.org/newskg/ontology#>
             PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
             DELETE { GRAPH ?g { ?h nkg:holder ?p } } WHERE { GRAPH ?g { ?h nkg:holder ?p } } ;
             DELETE { GRAPH ?g { ?e a nkg:Event } } WHERE { GRAPH ?g { ?e a nkg:Meeting } } ;
             INSERT { GRAPH ?g { ?q nkg:text 42 } } WHERE { GRAPH ?g { ?q a nkg:Quotation } } ;
             INSERT { GRAPH ?g { ?x nkg:status nkg:Maybe } } WHERE { GRAPH ?g { ?x a nkg:PositionHolding } } ;
             INSERT { GRAPH ?g { ?s nif:endIndex \"0\"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger> } } WHERE { GRAPH ?g { ?s a nkg:Span } } ;
             DELETE { GRAPH ?g { ?s nif:anchorOf ?a } } INSERT { GRAPH ?g { ?s nif:anchorOf \"Not the text\" } } WHERE { GRAPH ?g { ?s a nkg:Sentence ; nif:anchorOf ?a } }",
        )
        .assert()
        .success();
    let out = newskg().args(["validate", "--store", s]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    for expected in [
        "Violation: ",
        "0 value(s) of nkg:holder, at least 1 required",
        "no value nkg:Event of rdf:type",
        "value \"42\"^^<http://www.w3.org/2001/XMLSchema#integer> of nkg:text is not a literal of type xsd:string",
        "2 values of nkg:text, at most 1 allowed",
        "value nkg:Maybe of nkg:status is not one of nkg:Incumbent, nkg:Designate, nkg:Former, nkg:Acting",
        "is not less than or equal to nif:endIndex",
        "nif:anchorOf is not the slice of the article text between nif:beginIndex and nif:endIndex: \"Not the text\"  [nkgsh:Span]",
        "does not conform:",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from:\n{text}");
    }
    // The Turtle report is an sh:ValidationReport that parses, and says the same.
    let out = newskg().args(["validate", "--store", s, "--format", "turtle"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let ttl = String::from_utf8(out.stdout).unwrap();
    let triples: Vec<String> = oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::Turtle)
        .for_slice(ttl.as_bytes())
        .map(|q| q.unwrap().to_string())
        .collect();
    assert!(triples.iter().any(|t| t.contains("<http://www.w3.org/ns/shacl#conforms> \"false\"")));
    assert!(triples.iter().any(|t| t.contains("<http://www.w3.org/ns/shacl#MinCountConstraintComponent>")));
    assert!(triples.iter().any(|t| t.contains("<http://www.w3.org/ns/shacl#InConstraintComponent>")));
    assert!(triples.iter().any(|t| t.contains("<http://www.w3.org/ns/shacl#SPARQLConstraintComponent>")));
    let again = newskg().args(["validate", "--store", s, "--format", "turtle"]).output().unwrap().stdout;
    assert!(again == ttl.as_bytes(), "the report is the same run to run");
    assert!(text.contains("[nkgsh:PositionHolding]"), "anonymous property shapes are named by their node shape");
}

#[test]
fn files_and_custom_shapes_are_validated_and_bad_shapes_refused() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data.ttl");
    std::fs::write(
        &data,
        "@prefix nkg: <https://w3id.org/newskg/ontology#> .
         <urn:q1> a nkg:Quotation ; nkg:text \"Hello\" ; nkg:rule \"r\" ; nkg:evidence <urn:s1> .
         <urn:s1> a nkg:Span .",
    )
    .unwrap();
    let out = newskg().args(["validate", data.to_str().unwrap()]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.starts_with(&format!("{}\n", data.display())), "results are named by file: {text}");
    assert!(text.contains("<urn:s1>") && text.contains("nif:beginIndex"), "{text}");
    assert!(!text.contains("<urn:q1>"), "the quotation itself is fine: {text}");

    let shapes = dir.path().join("shapes.ttl");
    std::fs::write(&shapes, "@prefix sh: <http://www.w3.org/ns/shacl#> . <urn:S> a sh:NodeShape ; sh:targetClass <https://w3id.org/newskg/ontology#Quotation> ; sh:property [ sh:path <urn:p> ; sh:minCount 1 ] .").unwrap();
    newskg()
        .args(["validate", "--shapes", shapes.to_str().unwrap(), data.to_str().unwrap()])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("<urn:q1>: 0 value(s) of <urn:p>, at least 1 required"));
    std::fs::write(&shapes, "@prefix sh: <http://www.w3.org/ns/shacl#> . <urn:S> a sh:NodeShape ; sh:targetClass <urn:C> ; sh:closed true .").unwrap();
    newskg().args(["validate", "--shapes", shapes.to_str().unwrap(), data.to_str().unwrap()]).assert().code(2).stderr(
        format!("newskg: error: {}: shape <urn:S>: unsupported node-shape constraint sh:closed\n", shapes.display()),
    );
    let not_rdf = dir.path().join("x.txt");
    newskg().args(["validate", not_rdf.to_str().unwrap()]).assert().code(2).stderr(format!(
        "newskg: error: {}: not an RDF file (by its extension: .ttl, .nt, .nq, .trig, .rdf, .jsonld)\n",
        not_rdf.display()
    ));
    // A file that does not parse, or cannot be read: one line naming it.
    let broken = dir.path().join("broken.ttl");
    std::fs::write(&broken, "<urn:a> <urn:b> .").unwrap();
    newskg()
        .args(["validate", broken.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(format!("newskg: error: {}: Parser error at line 1", broken.display())))
        .stderr(predicate::str::contains("\n").count(1));
    let missing = dir.path().join("missing.ttl");
    newskg().args(["validate", missing.to_str().unwrap()]).assert().code(2).stderr(format!(
        "newskg: error: {}: {}\n",
        missing.display(),
        std::fs::read(&missing).unwrap_err()
    ));
}

/// Validates `data` (Turtle) against `shapes` (Turtle, with the `sh:` and `xsd:` prefixes
/// declared) from files; returns the exit code, stdout and stderr.
fn validate_with_shapes(shapes: &str, data: &str) -> (Option<i32>, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let (shapes_file, data_file) = (dir.path().join("shapes.ttl"), dir.path().join("data.ttl"));
    let prefixes = "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n";
    std::fs::write(&shapes_file, format!("{prefixes}{shapes}")).unwrap();
    std::fs::write(&data_file, data).unwrap();
    let out = newskg()
        .args(["validate", "--shapes", shapes_file.to_str().unwrap(), data_file.to_str().unwrap()])
        .output()
        .unwrap();
    (out.status.code(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn deactivated_shapes_and_constraints_are_skipped_in_every_boolean_form() {
    let shapes = r#"
        <urn:On> a sh:NodeShape ; sh:targetClass <urn:C> ; sh:property [ sh:path <urn:p> ; sh:minCount 2 ] .
        <urn:OffOne> sh:targetClass <urn:C> ; sh:deactivated "1"^^xsd:boolean ;
            sh:property [ sh:path <urn:off1> ; sh:minCount 1 ] .
        <urn:OffTrue> sh:targetClass <urn:C> ; sh:deactivated "true"^^xsd:boolean ;
            sh:property [ sh:path <urn:off2> ; sh:minCount 1 ] .
        <urn:Mixed> sh:targetClass <urn:C> ;
            sh:property [ sh:path <urn:off3> ; sh:minCount 1 ; sh:deactivated "1"^^xsd:boolean ] ,
                        [ sh:path <urn:on2> ; sh:minCount 1 ; sh:deactivated "0"^^xsd:boolean ] ;
            sh:sparql [ sh:select "SELECT $this WHERE { $this a <urn:C> }" ; sh:message "off4" ; sh:deactivated true ] ,
                      [ sh:select "SELECT $this WHERE { $this a <urn:C> }" ; sh:message "on4" ; sh:deactivated false ] .
        <urn:Kept> sh:targetClass <urn:C> ; sh:deactivated false ; sh:property [ sh:path <urn:on3> ; sh:minCount 1 ] .
    "#;
    let (code, text, err) = validate_with_shapes(shapes, "<urn:a> a <urn:C> ; <urn:p> 1 .");
    assert_eq!(code, Some(1), "{text}{err}");
    for active in ["<urn:p>, at least 2", "<urn:on2>", "<urn:on3>", "on4"] {
        assert!(text.contains(active), "{active} is not deactivated: {text}");
    }
    for deactivated in ["off1", "off2", "off3", "off4"] {
        assert!(!text.contains(deactivated), "{deactivated} is deactivated: {text}");
    }
    // A value that is not a boolean is refused, not read as false.
    let (code, _, err) = validate_with_shapes(
        r#"<urn:S> sh:targetClass <urn:C> ; sh:deactivated "yes" ; sh:property [ sh:path <urn:p> ; sh:minCount 2 ] ."#,
        "<urn:a> a <urn:C> .",
    );
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("shapes.ttl: shape <urn:S>: sh:deactivated must be true or false"), "{err}");
}

#[test]
fn a_node_shape_message_is_used_for_its_sparql_results() {
    let shapes = r#"
        <urn:N> a sh:NodeShape ; sh:targetClass <urn:C> ; sh:message "every C needs a q" ;
            sh:sparql [ sh:select "SELECT $this WHERE { FILTER NOT EXISTS { $this <urn:q> ?x } }" ] ,
                      [ sh:select "SELECT $this ?value WHERE { $this <urn:p> ?value }" ; sh:message "p is set" ] .
        <urn:M> sh:targetClass <urn:C> ; sh:sparql [ sh:select "SELECT $this WHERE { $this <urn:p> 1 }" ] .
    "#;
    let (code, text, err) = validate_with_shapes(shapes, "<urn:a> a <urn:C> ; <urn:p> 1 .");
    assert_eq!(code, Some(1), "{text}{err}");
    for line in [
        "  Violation: <urn:a>: every C needs a q  [<urn:N>]",
        "  Violation: <urn:a>: p is set: \"1\"^^<http://www.w3.org/2001/XMLSchema#integer>  [<urn:N>]",
        "  Violation: <urn:a>: SPARQL constraint not met  [<urn:M>]",
    ] {
        assert!(text.lines().any(|l| l == line), "{line:?} missing from:\n{text}");
    }
    assert_eq!(text.lines().filter(|l| l.starts_with("  Violation")).count(), 3, "{text}");
}
