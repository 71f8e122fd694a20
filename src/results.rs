//! The one writer of SPARQL query results, for the command line and the server: SELECT and
//! ASK results as a table for people or in a W3C results format (TSV, CSV, JSON, XML),
//! CONSTRUCT and DESCRIBE results as RDF (sorted, with the fixed prefixes of `export`).
//!
//! **Invariant:** the caller picks a format that fits the kind of results (a results
//! format for rows and booleans, an RDF format for triples); a format that does not fit
//! is an error, never a silent conversion.

use std::io::Write;

use oxigraph::io::RdfFormat;
use oxigraph::model::{GraphName, Term};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{QueryResults, QuerySolutionIter};

use crate::error::{Error, Result};
use crate::export::write_quads;

/// How query results are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultsFormat {
    /// Rows (or a boolean) as aligned columns for people to read.
    Table,
    /// Rows (or a boolean) in a W3C results format.
    Sparql(QueryResultsFormat),
    /// Triples (CONSTRUCT, DESCRIBE) in an RDF format.
    Rdf(RdfFormat),
}

/// Writes `results` in `format` (which must fit their kind, see the module's invariant).
pub fn write_results(results: QueryResults<'_>, format: ResultsFormat, mut out: impl Write) -> Result<()> {
    match (results, format) {
        (QueryResults::Graph(triples), ResultsFormat::Rdf(format)) => {
            let quads = triples.map(|t| Ok(t?.in_graph(GraphName::DefaultGraph))).collect::<Result<Vec<_>>>()?;
            write_quads(&quads, format, out)
        }
        (QueryResults::Boolean(b), ResultsFormat::Table) => Ok(writeln!(out, "{b}")?),
        (QueryResults::Boolean(b), ResultsFormat::Sparql(format)) => {
            QueryResultsSerializer::from_format(format).serialize_boolean_to_writer(out, b)?;
            Ok(())
        }
        (QueryResults::Solutions(rows), ResultsFormat::Table) => write_table(rows, out),
        (QueryResults::Solutions(rows), ResultsFormat::Sparql(format)) => {
            let mut w = QueryResultsSerializer::from_format(format)
                .serialize_solutions_to_writer(out, rows.variables().to_vec())?;
            for row in rows {
                w.serialize(&row?)?;
            }
            w.finish()?;
            Ok(())
        }
        (QueryResults::Graph(_), format) => {
            Err(Error::Sparql(format!("CONSTRUCT and DESCRIBE results are RDF, not {format:?}")))
        }
        (_, format) => Err(Error::Sparql(format!("SELECT and ASK results are rows, not {format:?}"))),
    }
}

/// The widest a table cell gets (longer values are clipped with an ellipsis).
const MAX_CELL_CHARS: usize = 60;

/// Rows as a table: a header, a rule, aligned columns, and the row count.
fn write_table(rows: QuerySolutionIter<'_>, mut out: impl Write) -> Result<()> {
    let vars: Vec<String> = rows.variables().iter().map(|v| v.as_str().to_owned()).collect();
    let mut cells: Vec<Vec<String>> = Vec::new();
    for row in rows {
        let row = row?;
        cells.push(vars.iter().map(|v| row.get(v.as_str()).map(display_term).unwrap_or_default()).collect());
    }
    let clip = |s: &str| -> String {
        if s.chars().count() > MAX_CELL_CHARS {
            s.chars().take(MAX_CELL_CHARS - 1).chain(std::iter::once('…')).collect()
        } else {
            s.to_owned()
        }
    };
    let widths: Vec<usize> = (0..vars.len())
        .map(|i| cells.iter().map(|r| clip(&r[i]).chars().count()).chain([vars[i].len()]).max().unwrap_or(0))
        .collect();
    let line = |out: &mut dyn Write, cells: Vec<String>| -> std::io::Result<()> {
        let padded: Vec<String> = cells.iter().zip(&widths).map(|(c, w)| format!("{c:w$}")).collect();
        writeln!(out, "{}", padded.join("  ").trim_end())
    };
    line(&mut out, vars.clone())?;
    line(&mut out, widths.iter().map(|w| "-".repeat(*w)).collect())?;
    for r in &cells {
        line(&mut out, r.iter().map(|c| clip(c)).collect())?;
    }
    writeln!(out, "({} row{})", cells.len(), if cells.len() == 1 { "" } else { "s" })?;
    Ok(())
}

/// A term as a person reads it: IRIs bare, literals without quotes or datatypes.
fn display_term(t: &Term) -> String {
    match t {
        Term::NamedNode(n) => n.as_str().to_owned(),
        Term::BlankNode(b) => b.to_string(),
        Term::Literal(l) => l.value().replace('\n', " "),
        #[allow(unreachable_patterns)]
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{QueryOptions, Store};

    fn store() -> Store {
        let store = Store::in_memory().unwrap();
        store
            .update(
                "INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:name> \"Ann\\nLee\" . \
                 <urn:b> <urn:name> \"a name much longer than sixty characters, which the table clips at sixty\" } }",
            )
            .unwrap();
        store
    }

    fn written(sparql: &str, format: ResultsFormat) -> Result<String> {
        let results = store().query(sparql, &QueryOptions::default())?;
        let mut out = Vec::new();
        write_results(results, format, &mut out)?;
        Ok(String::from_utf8(out).unwrap())
    }

    const NAMES: &str = "SELECT ?s ?name WHERE { ?s <urn:name> ?name } ORDER BY ?s";

    #[test]
    fn rows_as_a_table_are_aligned_clipped_and_counted() {
        let table = written(NAMES, ResultsFormat::Table).unwrap();
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines[0], "s      name");
        assert_eq!(lines[1], format!("-----  {}", "-".repeat(60)));
        assert_eq!(lines[2], "urn:a  Ann Lee");
        assert_eq!(lines[3].chars().count(), 7 + 60);
        assert!(lines[3].ends_with('…'));
        assert_eq!(lines[4], "(2 rows)");
        assert_eq!(written("ASK { ?s ?p ?o }", ResultsFormat::Table).unwrap(), "true\n");
    }

    #[test]
    fn rows_and_booleans_in_w3c_formats() {
        let csv = written(NAMES, ResultsFormat::Sparql(QueryResultsFormat::Csv)).unwrap();
        assert!(csv.starts_with("s,name\r\nurn:a,\"Ann\nLee\"\r\n"), "{csv}");
        let json = written("ASK { ?s ?p ?o }", ResultsFormat::Sparql(QueryResultsFormat::Json)).unwrap();
        assert_eq!(json, "{\"head\":{},\"boolean\":true}");
    }

    #[test]
    fn triples_as_sorted_rdf() {
        let construct = "CONSTRUCT { ?s <urn:n> ?name } WHERE { ?s <urn:name> ?name }";
        let nt = written(construct, ResultsFormat::Rdf(RdfFormat::NTriples)).unwrap();
        assert!(nt.starts_with("<urn:a> <urn:n> \"Ann\\nLee\" .\n<urn:b> <urn:n> "), "{nt}");
    }

    #[test]
    fn a_format_that_does_not_fit_the_results_is_an_error() {
        let construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }";
        assert!(matches!(written(construct, ResultsFormat::Table), Err(Error::Sparql(_))));
        assert!(matches!(written(NAMES, ResultsFormat::Rdf(RdfFormat::Turtle)), Err(Error::Sparql(_))));
    }
}
