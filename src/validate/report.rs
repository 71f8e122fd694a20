//! Validation results and how they are written: a text report for people (grouped by
//! graph, with a summary line) and an `sh:ValidationReport` in Turtle.
//!
//! **Invariant:** results are sorted (graph, focus node, path, component, value, shape),
//! so the same data gives the same report, byte for byte.

use std::cmp::Ordering;
use std::io::Write;

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::vocab::rdf;
use oxigraph::model::{BlankNode, GraphName, Literal, NamedNode, Quad, Term, TripleRef};

use super::shapes::Component;
use crate::error::{Error, Result};
use crate::rdf::nquads::sort_quads;
use crate::rdf::vocab::{nkgsh, sh, PREFIXES};

/// The prefixes of reports, besides those of exports.
const REPORT_PREFIXES: [(&str, &str); 2] = [("sh", sh::NS), ("nkgsh", nkgsh::NS)];

/// One validation result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The article graph (or file) the result is about.
    pub graph: String,
    pub focus: Term,
    /// The property (none for SPARQL constraints).
    pub path: Option<NamedNode>,
    pub value: Option<Term>,
    pub component: Component,
    pub shape: Term,
    /// How the text report names the shape.
    pub shape_label: String,
    /// `sh:Violation`, `sh:Warning` or `sh:Info`.
    pub severity: NamedNode,
    pub message: String,
}

impl Finding {
    /// The sort key: graph, focus node, path, component, value, shape (as N-Triples).
    fn key(&self) -> (String, String, String, String, String, String) {
        (
            self.graph.clone(),
            self.focus.to_string(),
            self.path.as_ref().map(NamedNode::to_string).unwrap_or_default(),
            self.component.iri().to_string(),
            self.value.as_ref().map(Term::to_string).unwrap_or_default(),
            self.shape.to_string(),
        )
    }
}

impl PartialOrd for Finding {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Finding {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key().cmp(&other.key()).then_with(|| self.message.cmp(&other.message))
    }
}

/// What validation found.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// **Invariant:** sorted, without duplicates.
    pub findings: Vec<Finding>,
    /// How many graphs were validated.
    pub graphs: usize,
}

impl Report {
    /// Whether the data conforms: no result of severity `sh:Violation`.
    pub fn conforms(&self) -> bool {
        !self.findings.iter().any(|f| f.severity == sh::VIOLATION)
    }

    /// Results of a severity (`Violation`, `Warning`, `Info`).
    pub fn count(&self, severity: &str) -> usize {
        self.findings.iter().filter(|f| f.severity.as_str().strip_prefix(sh::NS) == Some(severity)).count()
    }

    /// The report for people: one line per result, grouped by graph, and a summary.
    pub fn write_text(&self, mut w: impl Write, graph_names: &dyn Fn(&str) -> String) -> Result<()> {
        let mut current = None;
        for f in &self.findings {
            if current != Some(&f.graph) {
                writeln!(w, "{}", graph_names(&f.graph))?;
                current = Some(&f.graph);
            }
            let severity = f.severity.as_str().strip_prefix(sh::NS).unwrap_or(f.severity.as_str());
            writeln!(w, "  {severity}: {}: {}  [{}]", show(&f.focus), f.message, f.shape_label)?;
        }
        let (violations, warnings) = (self.count("Violation"), self.count("Warning"));
        writeln!(
            w,
            "{}: {} graph{} validated, {violations} violation{}, {warnings} warning{}",
            if self.conforms() { "conforms" } else { "does not conform" },
            self.graphs,
            plural(self.graphs),
            plural(violations),
            plural(warnings),
        )?;
        Ok(())
    }

    /// The report as an `sh:ValidationReport` graph.
    pub fn to_quads(&self) -> Vec<Quad> {
        let g = GraphName::DefaultGraph;
        let report = BlankNode::new_unchecked("report");
        let mut quads = vec![
            Quad::new(report.clone(), rdf::TYPE, sh::VALIDATION_REPORT, g.clone()),
            Quad::new(report.clone(), sh::CONFORMS, Literal::from(self.conforms()), g.clone()),
        ];
        for (i, f) in self.findings.iter().enumerate() {
            let r = BlankNode::new_unchecked(format!("r{}", i + 1));
            quads.push(Quad::new(report.clone(), sh::RESULT, r.clone(), g.clone()));
            let mut add = |predicate, object: Term| quads.push(Quad::new(r.clone(), predicate, object, g.clone()));
            add(rdf::TYPE, sh::VALIDATION_RESULT.into());
            add(sh::FOCUS_NODE, f.focus.clone());
            if let Some(p) = &f.path {
                add(sh::RESULT_PATH, p.clone().into());
            }
            if let Some(v) = &f.value {
                add(sh::VALUE, v.clone());
            }
            add(sh::SOURCE_CONSTRAINT_COMPONENT, f.component.iri().into());
            add(sh::SOURCE_SHAPE, f.shape.clone());
            add(sh::RESULT_SEVERITY, f.severity.clone().into());
            let message = format!("{} (in graph <{}>)", f.message, f.graph);
            add(sh::RESULT_MESSAGE, Literal::new_simple_literal(message).into());
        }
        quads
    }

    /// The report as Turtle.
    pub fn write_turtle(&self, w: impl Write) -> Result<()> {
        let mut quads = self.to_quads();
        sort_quads(&mut quads);
        let mut s = RdfSerializer::from_format(RdfFormat::Turtle);
        for (p, iri) in REPORT_PREFIXES.iter().chain(PREFIXES.iter()) {
            s = s.with_prefix(*p, *iri).map_err(|e| Error::Iri { iri: iri.to_string(), reason: e.to_string() })?;
        }
        let mut w = s.for_writer(w);
        for q in &quads {
            w.serialize_triple(TripleRef::new(&q.subject, &q.predicate, &q.object))?;
        }
        w.finish()?.flush()?;
        Ok(())
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// A short name for an IRI (`nkg:speaker`), or `<iri>`.
pub fn short(iri: &str) -> String {
    for (p, ns) in PREFIXES.iter().chain(REPORT_PREFIXES.iter()) {
        if let Some(local) = iri.strip_prefix(ns) {
            if !local.is_empty() && local.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-') {
                return format!("{p}:{local}");
            }
        }
    }
    format!("<{iri}>")
}

/// A term as reports show it: IRIs short, other terms as N-Triples cut at 80 characters.
pub(super) fn show(t: &Term) -> String {
    match t {
        Term::NamedNode(n) => short(n.as_str()),
        other => {
            let s = other.to_string();
            if s.chars().count() > 80 {
                format!("{}…", s.chars().take(79).collect::<String>())
            } else {
                s
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_use_the_prefixes() {
        assert_eq!(short("https://w3id.org/newskg/ontology#speaker"), "nkg:speaker");
        assert_eq!(short("http://www.w3.org/ns/shacl#Violation"), "sh:Violation");
        assert_eq!(short("https://w3id.org/newskg/shapes#Span"), "nkgsh:Span");
        assert_eq!(short("https://example.org/x/y"), "<https://example.org/x/y>");
    }
}
