//! N-Quads lines: written straight into a byte buffer, and the order of quads by their
//! lines, both without going through `core::fmt`.
//!
//! Writing gives the same bytes as oxttl's serialisers (`writeln!(w, "{} .", quad)` with
//! oxrdf's `Display`), about ten times faster because nothing goes through `core::fmt` one
//! character at a time. Ordering ([`cmp_nquads`], [`sort_quads`]) gives the order of the
//! lines (`q.to_string()`) without writing them out: exports and article graphs are sorted
//! by it, so output is byte-identical run to run.
//!
//! Invariant: for every quad, `write_line` writes byte for byte `format!("{q} .\n")` (and
//! the triple form without the graph), and `cmp_nquads(a, b)` is the order of those lines;
//! the tests below check both on arbitrary terms, escapes included. Both use one table of
//! how oxrdf escapes a character ([`escape`]). Terms this module does not write itself
//! (language-tagged literals, and any kind added by a later oxrdf) are written through
//! oxrdf's `Display`.

use std::cmp::Ordering;

use std::io::Write as _;

use oxigraph::model::vocab::xsd;
use oxigraph::model::{GraphNameRef, LiteralRef, NamedOrBlankNode, NamedOrBlankNodeRef, Quad, QuadRef, TermRef};

/// Appends the N-Quads line of `q`, or its N-Triples line when `with_graph` is false.
pub fn write_line(out: &mut Vec<u8>, q: QuadRef<'_>, with_graph: bool) {
    match q.subject {
        NamedOrBlankNodeRef::NamedNode(n) => iri(out, n.as_str()),
        NamedOrBlankNodeRef::BlankNode(b) => blank(out, b.as_str()),
        #[allow(unreachable_patterns)]
        other => display(out, &other),
    }
    out.push(b' ');
    iri(out, q.predicate.as_str());
    out.push(b' ');
    match q.object {
        TermRef::NamedNode(n) => iri(out, n.as_str()),
        TermRef::BlankNode(b) => blank(out, b.as_str()),
        TermRef::Literal(l) => literal(out, l),
        #[allow(unreachable_patterns)]
        other => display(out, &other),
    }
    if with_graph {
        match q.graph_name {
            GraphNameRef::DefaultGraph => {}
            GraphNameRef::NamedNode(n) => {
                out.push(b' ');
                iri(out, n.as_str());
            }
            GraphNameRef::BlankNode(b) => {
                out.push(b' ');
                blank(out, b.as_str());
            }
        }
    }
    out.extend_from_slice(b" .\n");
}

fn display(out: &mut Vec<u8>, term: &dyn std::fmt::Display) {
    // Writing into a Vec cannot fail.
    let _ = write!(out, "{term}");
}

fn iri(out: &mut Vec<u8>, iri: &str) {
    out.push(b'<');
    out.extend_from_slice(iri.as_bytes());
    out.push(b'>');
}

fn blank(out: &mut Vec<u8>, id: &str) {
    out.extend_from_slice(b"_:");
    out.extend_from_slice(id.as_bytes());
}

fn literal(out: &mut Vec<u8>, l: LiteralRef<'_>) {
    if l.language().is_some() {
        return display(out, &l);
    }
    quoted(out, l.value());
    let datatype = l.datatype();
    if datatype != xsd::STRING {
        out.extend_from_slice(b"^^");
        iri(out, datatype.as_str());
    }
}

/// A quoted string, escaped as oxrdf's `print_quoted_str` does.
fn quoted(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    let bytes = s.as_bytes();
    let mut done = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Only these bytes can start a character that is escaped (U+FFFE and U+FFFF are
        // EF BF BE and EF BF BF); any other byte is copied as it is.
        if !matches!(bytes[i], 0x00..=0x1F | b'"' | b'\\' | 0x7F | 0xEF) {
            i += 1;
            continue;
        }
        let c = s[i..].chars().next().expect("a char starts here");
        let Some(seq) = escape(c) else {
            i += 1;
            continue;
        };
        out.extend_from_slice(&bytes[done..i]);
        out.push(b'\\');
        match seq {
            EscapeSeq::Short(e) => out.push(e as u8),
            EscapeSeq::Unicode(u) => {
                let _ = write!(out, "u{u:04X}");
            }
        }
        i += c.len_utf8();
        done = i;
    }
    out.extend_from_slice(&bytes[done..]);
    out.push(b'"');
}

/// Sorts quads by their N-Quads form, so output is byte-identical run to run, and drops
/// duplicates.
pub fn sort_quads(quads: &mut Vec<Quad>) {
    quads.sort_unstable_by(cmp_nquads);
    quads.dedup();
}

/// The order of two quads' N-Quads forms (`q.to_string()`), without writing them out.
///
/// Comparing the terms one by one, each by its N-Quads form with a shorter form first when
/// it is a prefix of the other, gives the order of the whole lines: a term's form is never
/// a proper prefix of another's except where the longer one goes on with a character
/// above the space that separates terms (`_:b1`/`_:b12`, `"x"`/`"x"@en`/`"x"^^<..>`).
pub fn cmp_nquads(a: &Quad, b: &Quad) -> Ordering {
    cmp_subject(&a.subject, &b.subject)
        .then_with(|| cmp_iri(a.predicate.as_str(), b.predicate.as_str()))
        .then_with(|| cmp_term(a.object.as_ref(), b.object.as_ref()))
        .then_with(|| cmp_graph(a.graph_name.as_ref(), b.graph_name.as_ref()))
}

/// `<a>` against `<b>`: the IRIs with their closing `>` (which no IRI contains).
fn cmp_iri(a: &str, b: &str) -> Ordering {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let n = a.len().min(b.len());
    match a[..n].cmp(&b[..n]) {
        Ordering::Equal => match (a.get(n), b.get(n)) {
            (None, None) => Ordering::Equal,
            (None, Some(c)) => b'>'.cmp(c),
            (Some(c), _) => c.cmp(&b'>'),
        },
        o => o,
    }
}

fn cmp_subject(a: &NamedOrBlankNode, b: &NamedOrBlankNode) -> Ordering {
    match (a, b) {
        (NamedOrBlankNode::NamedNode(a), NamedOrBlankNode::NamedNode(b)) => cmp_iri(a.as_str(), b.as_str()),
        (NamedOrBlankNode::BlankNode(a), NamedOrBlankNode::BlankNode(b)) => a.as_str().cmp(b.as_str()),
        _ => a.to_string().cmp(&b.to_string()),
    }
}

fn cmp_graph(a: GraphNameRef<'_>, b: GraphNameRef<'_>) -> Ordering {
    match (a, b) {
        (GraphNameRef::DefaultGraph, GraphNameRef::DefaultGraph) => Ordering::Equal,
        (GraphNameRef::DefaultGraph, _) => Ordering::Less,
        (_, GraphNameRef::DefaultGraph) => Ordering::Greater,
        (GraphNameRef::NamedNode(a), GraphNameRef::NamedNode(b)) => cmp_iri(a.as_str(), b.as_str()),
        (GraphNameRef::BlankNode(a), GraphNameRef::BlankNode(b)) => a.as_str().cmp(b.as_str()),
        _ => a.to_string().cmp(&b.to_string()),
    }
}

/// The order of two terms' N-Quads forms (also the order of the lines that differ only
/// there: see [`cmp_nquads`]).
pub(crate) fn cmp_term(a: TermRef<'_>, b: TermRef<'_>) -> Ordering {
    match (a, b) {
        (TermRef::NamedNode(a), TermRef::NamedNode(b)) => cmp_iri(a.as_str(), b.as_str()),
        (TermRef::BlankNode(a), TermRef::BlankNode(b)) => a.as_str().cmp(b.as_str()),
        (TermRef::Literal(a), TermRef::Literal(b)) => cmp_literal(a, b),
        // Different kinds: the first characters differ (`"` < `<` < `_`), so the kinds
        // decide without writing the terms out (which the sort of a graph's terms, where
        // every kind meets every other, would do often).
        _ => match (first_char_rank(a), first_char_rank(b)) {
            (Some(x), Some(y)) => x.cmp(&y),
            _ => a.to_string().cmp(&b.to_string()),
        },
    }
}

/// The order of a term's first character in N-Quads: `"` for literals, `<` for IRIs, `_`
/// for blank nodes; `None` for any other kind (a later oxrdf's), compared written out.
fn first_char_rank(t: TermRef<'_>) -> Option<u8> {
    match t {
        TermRef::Literal(_) => Some(b'"'),
        TermRef::NamedNode(_) => Some(b'<'),
        TermRef::BlankNode(_) => Some(b'_'),
        #[allow(unreachable_patterns)]
        _ => None,
    }
}

/// `"value"` and what follows (nothing, `@lang`, `^^<datatype>`), with the value escaped
/// as oxrdf writes it.
fn cmp_literal(a: LiteralRef<'_>, b: LiteralRef<'_>) -> Ordering {
    match cmp_escaped(a.value(), b.value()) {
        Ordering::Equal => {}
        o => return o,
    }
    // The closing quotes match; then nothing < `@lang` < `^^<datatype>`.
    let rank = |l: &LiteralRef<'_>| match (l.language(), l.datatype() == xsd::STRING) {
        (Some(_), _) => 1,
        (None, true) => 0,
        (None, false) => 2,
    };
    match (rank(&a), rank(&b)) {
        (1, 1) => a.language().cmp(&b.language()).then_with(|| a.to_string().cmp(&b.to_string())),
        (2, 2) => cmp_iri(a.datatype().as_str(), b.datatype().as_str()),
        (ra, rb) if ra != rb => ra.cmp(&rb),
        _ => a.to_string().cmp(&b.to_string()),
    }
}

/// How oxrdf escapes a character in a quoted string, if it does.
fn escape(c: char) -> Option<EscapeSeq> {
    Some(match c {
        '\u{8}' => EscapeSeq::Short('b'),
        '\t' => EscapeSeq::Short('t'),
        '\n' => EscapeSeq::Short('n'),
        '\u{C}' => EscapeSeq::Short('f'),
        '\r' => EscapeSeq::Short('r'),
        '"' => EscapeSeq::Short('"'),
        '\\' => EscapeSeq::Short('\\'),
        '\0'..='\u{1F}' | '\u{7F}' | '\u{FFFE}' | '\u{FFFF}' => EscapeSeq::Unicode(u32::from(c)),
        _ => return None,
    })
}

/// An escape sequence after its backslash.
#[derive(PartialEq, Eq)]
enum EscapeSeq {
    Short(char),
    Unicode(u32),
}

impl EscapeSeq {
    fn text(&self) -> String {
        match self {
            EscapeSeq::Short(c) => c.to_string(),
            EscapeSeq::Unicode(u) => format!("u{u:04X}"),
        }
    }
}

/// Two string values in the order of their quoted, escaped forms followed by the closing
/// quote.
fn cmp_escaped(a: &str, b: &str) -> Ordering {
    let common = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    let mut k = common;
    while !a.is_char_boundary(k) {
        k -= 1;
    }
    // Up to `k` both escape the same way; the first characters after it decide.
    let (ca, cb) = (a[k..].chars().next(), b[k..].chars().next());
    let first = |c: Option<char>| -> u8 {
        match c {
            None => b'"',
            Some(c) if escape(c).is_some() => b'\\',
            Some(c) => {
                let mut buf = [0u8; 4];
                c.encode_utf8(&mut buf).as_bytes()[0]
            }
        }
    };
    match (ca, cb) {
        (None, None) => Ordering::Equal,
        (Some(x), Some(y)) => match (escape(x), escape(y)) {
            (None, None) => x.cmp(&y),
            (Some(ex), Some(ey)) => ex.text().cmp(&ey.text()),
            _ => first(ca).cmp(&first(cb)),
        },
        _ => first(ca).cmp(&first(cb)),
    }
}

#[cfg(test)]
mod tests {
    use super::{cmp_nquads, sort_quads, write_line};
    use oxigraph::model::{BlankNode, GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term, TripleRef};
    use proptest::prelude::*;

    /// Strings made of the characters that escaping and ordering treat apart.
    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just('a'),
                Just('b'),
                Just(' '),
                Just('!'),
                Just('#'),
                Just('"'),
                Just('\\'),
                Just('\n'),
                Just('\r'),
                Just('\t'),
                Just('\u{8}'),
                Just('\u{C}'),
                Just('\u{0}'),
                Just('\u{1}'),
                Just('\u{1F}'),
                Just('\u{7F}'),
                Just('\u{80}'),
                Just('é'),
                Just('’'),
                Just('\u{FFFD}'),
                Just('\u{FFFE}'),
                Just('\u{FFFF}'),
                Just('\u{EFFF}'),
                Just('😀'),
            ],
            0..8,
        )
        .prop_map(|cs| cs.into_iter().collect())
    }

    fn iri() -> impl Strategy<Value = NamedNode> {
        "[ab0-9/#%.-]{0,6}".prop_map(|s| NamedNode::new_unchecked(format!("http://e.org/{s}")))
    }

    fn blank() -> impl Strategy<Value = BlankNode> {
        "[ab1]{1,3}".prop_map(BlankNode::new_unchecked)
    }

    fn quad() -> impl Strategy<Value = Quad> {
        let subject = prop_oneof![iri().prop_map(NamedOrBlankNode::from), blank().prop_map(NamedOrBlankNode::from)];
        let object = prop_oneof![
            iri().prop_map(Term::from),
            blank().prop_map(Term::from),
            text().prop_map(|v| Term::from(Literal::new_simple_literal(v))),
            (text(), prop_oneof![Just("en"), Just("en-GB"), Just("en-gb"), Just("e")])
                .prop_map(|(v, l)| Term::from(Literal::new_language_tagged_literal_unchecked(v, l))),
            (text(), iri()).prop_map(|(v, d)| Term::from(Literal::new_typed_literal(v, d))),
        ];
        let graph = prop_oneof![
            Just(GraphName::DefaultGraph),
            iri().prop_map(GraphName::from),
            blank().prop_map(GraphName::from),
        ];
        (subject, iri(), object, graph).prop_map(|(s, p, o, g)| Quad::new(s, p, o, g))
    }

    proptest! {
        #[test]
        fn lines_are_what_oxrdf_writes(q in quad()) {
            let mut nq = Vec::new();
            write_line(&mut nq, q.as_ref(), true);
            prop_assert_eq!(String::from_utf8(nq).unwrap(), format!("{q} .\n"));
            let mut nt = Vec::new();
            write_line(&mut nt, q.as_ref(), false);
            prop_assert_eq!(String::from_utf8(nt).unwrap(), format!("{} .\n", TripleRef::from(q.as_ref())));
        }

        #[test]
        fn quads_compare_as_their_nquads_lines(a in quad(), b in quad()) {
            prop_assert_eq!(cmp_nquads(&a, &b), a.to_string().cmp(&b.to_string()), "{} | {}", a, b);
        }

        #[test]
        fn sorting_matches_sorting_the_lines(mut quads in proptest::collection::vec(quad(), 0..30)) {
            let mut lines: Vec<String> = quads.iter().map(ToString::to_string).collect();
            lines.sort();
            lines.dedup();
            sort_quads(&mut quads);
            prop_assert_eq!(quads.iter().map(ToString::to_string).collect::<Vec<_>>(), lines);
        }
    }
}
