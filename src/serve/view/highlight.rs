//! Evidence in the text: code-point offsets (NIF) turned into byte ranges, text rendered
//! as escaped HTML with nested `<mark>` elements for the spans, and the sentence around a
//! span found with the extractor's own sentence splitter.
//!
//! **Invariant:** every character of text goes through the HTML escaper; marks are
//! properly nested (a span that crosses the end of an enclosing one is cut in pieces that
//! share its `data-f`), and only the first piece carries the span's `id`.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fmt::Write;
use std::ops::Range;
use std::sync::OnceLock;

use maud::{Escaper, Markup, PreEscaped};

use crate::text::{tokenize_paragraph, Abbreviations};

/// A text with the byte offset of each of its characters, to read code-point offsets.
pub struct Chars<'a> {
    pub text: &'a str,
    /// The byte offset of each character, and the text's length at the end.
    starts: Vec<usize>,
}

impl<'a> Chars<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        starts.push(text.len());
        Chars { text, starts }
    }

    /// The number of characters.
    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    /// The byte range of the code-point range `[begin, end)`, if it lies in the text.
    pub fn bytes(&self, begin: usize, end: usize) -> Option<Range<usize>> {
        (begin <= end && end <= self.len()).then(|| self.starts[begin]..self.starts[end])
    }

    /// The code point at byte offset `byte` (which must be a character boundary or the end).
    pub fn code_point(&self, byte: usize) -> usize {
        self.starts.partition_point(|&b| b < byte)
    }
}

/// One highlighted span.
#[derive(Debug, Clone)]
pub struct Mark {
    /// `[begin, end)` in code points.
    pub begin: usize,
    pub end: usize,
    /// The fact's index on the page (`data-f`).
    pub fact: usize,
    /// Which of the fact's spans this is (the id is `m{fact}-{span}`).
    pub span: usize,
    /// CSS class.
    pub class: &'static str,
    /// Tooltip: the fact and its rule.
    pub title: String,
}

/// A piece of a mark still to open. Pieces open by smallest begin, then longest (so the
/// outer one opens first), then by fact and mark for a fixed order.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct Piece {
    begin: usize,
    end: Reverse<usize>,
    fact: usize,
    /// The index of its mark.
    mark: usize,
    /// Whether it is the mark's first piece (which carries the id).
    first: bool,
}

/// Renders the code-point range `window` of `chars` as escaped HTML with `marks`
/// (clipped to the window) as nested `<mark>` elements. `ids` gives the first piece of
/// each mark its `id`.
pub fn render(chars: &Chars<'_>, window: Range<usize>, marks: &[Mark], ids: bool) -> Markup {
    let window = window.start.min(chars.len())..window.end.min(chars.len());
    let mut queue: BinaryHeap<Reverse<Piece>> = marks
        .iter()
        .enumerate()
        .filter_map(|(i, m)| {
            let (begin, end) = (m.begin.max(window.start), m.end.min(window.end));
            (begin < end && m.begin <= m.end).then_some(Reverse(Piece {
                begin,
                end: Reverse(end),
                fact: m.fact,
                mark: i,
                first: true,
            }))
        })
        .collect();
    let mut out = String::with_capacity(chars.bytes(window.start, window.end).map_or(0, |r| r.len()) * 2);
    let mut open: Vec<usize> = Vec::new(); // ends of the open marks, innermost last
    let mut at = window.start;
    let text = |out: &mut String, from: usize, to: usize| {
        if let Some(r) = chars.bytes(from, to) {
            let _ = Escaper::new(out).write_str(&chars.text[r]);
        }
    };
    while let Some(Reverse(Piece { begin, end: Reverse(mut end), mark: i, first, .. })) = queue.pop() {
        while let Some(&top) = open.last() {
            if top > begin {
                break;
            }
            text(&mut out, at, top);
            out.push_str("</mark>");
            at = top;
            open.pop();
        }
        text(&mut out, at, begin);
        at = begin;
        if let Some(&limit) = open.last() {
            if end > limit {
                queue.push(Reverse(Piece {
                    begin: limit,
                    end: Reverse(end),
                    fact: marks[i].fact,
                    mark: i,
                    first: false,
                }));
                end = limit;
            }
        }
        let m = &marks[i];
        out.push_str("<mark class=\"");
        out.push_str(m.class);
        out.push('"');
        if ids && first {
            let _ = write!(out, " id=\"m{}-{}\"", m.fact, m.span);
        }
        let _ = write!(out, " data-f=\"{}\" title=\"", m.fact);
        let _ = Escaper::new(&mut out).write_str(&m.title);
        out.push_str("\">");
        open.push(end);
    }
    while let Some(top) = open.pop() {
        text(&mut out, at, top);
        out.push_str("</mark>");
        at = top;
    }
    text(&mut out, at, window.end);
    PreEscaped(out)
}

/// The abbreviations of the built-in rules, parsed once.
fn abbreviations() -> &'static Abbreviations {
    static ABBREVIATIONS: OnceLock<Abbreviations> = OnceLock::new();
    ABBREVIATIONS.get_or_init(|| crate::Rules::builtin().map(|r| r.abbreviations).unwrap_or_default())
}

/// The byte range of the sentence(s) holding the byte range `span`, by the extractor's
/// splitter on the span's line; the line itself when the splitter finds no sentence there.
pub fn sentence_around(text: &str, span: Range<usize>) -> Range<usize> {
    let lines = crate::article::lines_in(text, 0..text.len());
    let Some(line) = lines.into_iter().find(|l| l.start <= span.start && span.start < l.end.max(l.start + 1)) else {
        return span;
    };
    let (tokens, sentences) = tokenize_paragraph(text, line.clone(), abbreviations());
    let bounds: Vec<Range<usize>> =
        sentences.iter().filter(|s| !s.is_empty()).map(|s| tokens[s.start].start..tokens[s.end - 1].end).collect();
    let first = bounds.iter().find(|b| b.end > span.start);
    let last = bounds.iter().rev().find(|b| b.start < span.end.max(span.start + 1));
    match (first, last) {
        (Some(f), Some(l)) if f.start <= l.end => f.start.min(span.start)..l.end.max(span.end.min(line.end)),
        _ => line,
    }
}

/// A window of at most about `max` characters around the code-point span `[begin, end)`:
/// its sentence, cut around the span when the sentence is longer. Returns the window and
/// whether text was cut before and after it.
pub fn snippet(chars: &Chars<'_>, begin: usize, end: usize, max: usize) -> (Range<usize>, bool, bool) {
    let Some(bytes) = chars.bytes(begin, end) else { return (0..0, false, false) };
    let sentence = sentence_around(chars.text, bytes);
    let (mut from, mut to) = (chars.code_point(sentence.start), chars.code_point(sentence.end));
    if to - from > max {
        let room = max.saturating_sub(end - begin) / 2;
        from = from.max(begin.saturating_sub(room));
        to = to.min(end + room).max(end);
        // Start and end on word boundaries.
        let is_space = |cp: usize| chars.bytes(cp, cp + 1).is_some_and(|r| chars.text[r].trim().is_empty());
        while from < begin && from > 0 && !is_space(from - 1) {
            from += 1;
        }
        while to > end && to < chars.len() && !is_space(to) {
            to -= 1;
        }
    }
    let cut_before = from > chars.code_point(sentence.start);
    let cut_after = to < chars.code_point(sentence.end);
    (from..to, cut_before, cut_after)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(begin: usize, end: usize, fact: usize, title: &str) -> Mark {
        Mark { begin, end, fact, span: 0, class: "k", title: title.into() }
    }

    #[test]
    fn marks_nest_and_crossing_marks_are_cut() {
        let t = "abcdefghij";
        let c = Chars::new(t);
        let html = render(&c, 0..10, &[mark(1, 5, 0, "x"), mark(2, 3, 1, "y"), mark(4, 8, 2, "z")], true).into_string();
        assert_eq!(
            html,
            "a<mark class=\"k\" id=\"m0-0\" data-f=\"0\" title=\"x\">b<mark class=\"k\" id=\"m1-0\" data-f=\"1\" title=\"y\">c</mark>d\
             <mark class=\"k\" id=\"m2-0\" data-f=\"2\" title=\"z\">e</mark></mark>\
             <mark class=\"k\" data-f=\"2\" title=\"z\">fgh</mark>ij"
        );
    }

    #[test]
    fn text_and_titles_are_escaped() {
        let t = "<script>alert(\"x\")</script> & é";
        let c = Chars::new(t);
        let html = render(&c, 0..c.len(), &[mark(0, 8, 0, "\"><img src=x onerror=alert(1)>")], false).into_string();
        assert!(!html.contains("<script>"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains(">&lt;script&gt;</mark>alert(&quot;x&quot;)&lt;/script&gt; &amp; é"), "{html}");
        assert!(html.contains("title=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\""), "{html}");
    }

    #[test]
    fn code_points_not_bytes() {
        let t = "Iran’s U.N. mission met Musk—today";
        let c = Chars::new(t);
        let begin = t[..t.find("Musk").unwrap()].chars().count();
        let html = render(&c, 0..c.len(), &[mark(begin, begin + 4, 0, "Musk")], false).into_string();
        assert!(html.contains(">Musk</mark>—today"), "{html}");
    }

    #[test]
    fn marks_outside_the_text_or_window_are_clipped_or_dropped() {
        let c = Chars::new("abc");
        let html = render(&c, 1..3, &[mark(0, 2, 0, "a"), mark(2, 99, 1, "b"), mark(5, 4, 2, "c")], false);
        assert_eq!(
            html.into_string(),
            "<mark class=\"k\" data-f=\"0\" title=\"a\">b</mark><mark class=\"k\" data-f=\"1\" title=\"b\">c</mark>"
        );
    }

    #[test]
    fn the_sentence_around_a_span() {
        let t = "Title line\nSen. Marco Rubio met Musk in Washington. He said nothing. Then he left.";
        let at = t.find("Musk").unwrap();
        assert_eq!(&t[sentence_around(t, at..at + 4)], "Sen. Marco Rubio met Musk in Washington.");
        let at = t.find("nothing").unwrap();
        let both = sentence_around(t, at..t.find("left").unwrap());
        assert_eq!(&t[both], "He said nothing. Then he left.");
    }

    #[test]
    fn snippets_cut_long_sentences_around_the_span() {
        let t = format!("{} Musk said {}.", "word ".repeat(100), "more ".repeat(100));
        let c = Chars::new(&t);
        let b = t.find("Musk").unwrap();
        let (w, before, after) = snippet(&c, b, b + 4, 60);
        assert!(before && after);
        let s: String = t.chars().skip(w.start).take(w.len()).collect();
        assert!(s.contains("Musk said") && s.chars().count() <= 60, "{s:?}");
        assert!(s.starts_with("word") && s.ends_with("more"), "{s:?}");
    }
}
