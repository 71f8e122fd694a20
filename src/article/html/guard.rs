//! Bounds on what the HTML parser is given, so that reading a page stays linear in its size.
//!
//! html5ever's tree builder scans its stack of open elements for many start and end tags,
//! and its tokenizer compares each attribute with the tag's earlier ones: a page of
//! 60,000 nested elements took 40 s to parse, and one tag with 40,000 attributes 5 s.
//! This pass scans the page's tags once (no tree, no stack scans) and, only where a page
//! goes beyond what real pages use, rewrites it: a start tag that would open an element
//! deeper than [`MAX_DEPTH`] is dropped with its end tag (its text is kept, as browsers
//! keep the text of elements they flatten), and attributes past the [`MAX_ATTRIBUTES`]th
//! of a tag are dropped. A dropped tag becomes one space (unless one precedes it), so words never run
//! together.
//!
//! The depth is over-estimated on purpose: every start tag of an element that can hold
//! content counts one level (an implied end, such as a `<p>` closing the one before, is
//! not seen) and every end tag one level less. The parser's stack grows only through start
//! tags (and a few elements it adds, such as a table's body and row), so it stays within
//! a small multiple of this count. Real news pages stay below 30 (93 saved pages of about
//! 80 sites), far from the bound.
//!
//! **Invariant:** a page within the bounds is returned unchanged (borrowed); the scan is
//! one pass over the bytes with constant work per byte.

use std::borrow::Cow;
use std::collections::HashMap;

/// The deepest element nesting passed to the parser (counted as described above).
pub(crate) const MAX_DEPTH: usize = 128;
/// The most attributes of one tag passed to the parser.
pub(crate) const MAX_ATTRIBUTES: usize = 64;

/// A page within the bounds, and what was dropped to get there.
#[derive(Debug)]
pub(crate) struct Bounded<'a> {
    pub html: Cow<'a, str>,
    /// Start tags dropped for depth (their end tags go too).
    pub dropped_tags: usize,
    /// Attributes dropped for number.
    pub dropped_attributes: usize,
    /// The sum of the depths of the elements passed on: what walks that look at every
    /// element's ancestors or descendants cost.
    pub nesting_work: usize,
}

/// Elements that never have content (and so no end tag).
const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img", "input", "keygen",
    "link", "meta", "param", "source", "track", "wbr",
];

/// Elements whose content is raw text up to their end tag.
const RAW_TEXT: &[&str] =
    &["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"];

/// HTML start tags that end SVG or MathML content (the parser leaves foreign content).
const BREAKOUT: &[&str] = &[
    "b",
    "big",
    "blockquote",
    "body",
    "br",
    "center",
    "code",
    "dd",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "hr",
    "i",
    "img",
    "li",
    "listing",
    "menu",
    "meta",
    "nobr",
    "ol",
    "p",
    "pre",
    "ruby",
    "s",
    "small",
    "span",
    "strong",
    "strike",
    "sub",
    "sup",
    "table",
    "tt",
    "u",
    "ul",
    "var",
];

/// Elements inside SVG or MathML whose content is HTML again.
const INTEGRATION_POINTS: &[&str] =
    &["foreignobject", "desc", "title", "annotation-xml", "mi", "mo", "mn", "ms", "mtext"];

/// How many of the surely open elements a start tag closes (the parser's same-name and
/// sibling rules: a `<p>` closes an open `<p>`, a `<td>` an open cell, a `<tr>` an open
/// row and its cell), popped from `sure`.
///
/// Not `<option>`: the parser closes one only when it is the current node, and a
/// formatting element it re-opens (a `<b>` closed by `</div>`) may stand above it.
fn closed_by_start_tag(name: &str, sure: &mut Vec<String>) -> usize {
    let top_is = |sure: &Vec<String>, names: &[&str]| sure.last().is_some_and(|t| names.contains(&t.as_str()));
    let mut closed = 0;
    let mut close = |sure: &mut Vec<String>| {
        sure.pop();
        closed += 1;
    };
    match name {
        "p" | "li" if top_is(sure, &[name]) => close(sure),
        "dt" | "dd" if top_is(sure, &["dt", "dd"]) => close(sure),
        "td" | "th" if top_is(sure, &["td", "th"]) => close(sure),
        "tr" => {
            if top_is(sure, &["td", "th"]) {
                close(sure);
            }
            if top_is(sure, &["tr"]) {
                close(sure);
            }
        }
        _ => {}
    }
    closed
}

/// Block elements whose end tag closes every element opened inside them (when none of
/// those bounds the parser's scope).
const BLOCK_END_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "dd",
    "details",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "li",
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "ul",
];

/// Elements that bound the parser's scope: an end tag does not close what is outside them.
const SCOPE_BOUNDS: &[&str] = &[
    "applet", "button", "caption", "html", "marquee", "math", "object", "ol", "select", "svg", "table", "td",
    "template", "th", "ul",
];

/// How many of the surely open elements an end tag closes: the last one opened when it has
/// that name, or a block and everything opened inside it; 0 when that is not known (then
/// `sure` is cleared).
fn closed_by_end_tag(name: &str, sure: &mut Vec<String>) -> usize {
    let Some(at) = sure.iter().rposition(|t| t == name) else {
        sure.clear();
        return 0;
    };
    let inside = &sure[at + 1..];
    if inside.is_empty()
        || (BLOCK_END_TAGS.contains(&name) && inside.iter().all(|t| !SCOPE_BOUNDS.contains(&t.as_str())))
    {
        let closed = sure.len() - at;
        sure.truncate(at);
        return closed;
    }
    sure.clear();
    0
}

/// One tag as scanned.
struct Tag {
    /// Lower-cased name.
    name: String,
    end: bool,
    self_closing: bool,
    /// Byte range of the whole tag, `<` to `>` included.
    range: std::ops::Range<usize>,
    /// Byte ranges of the attributes past the limit.
    extra_attributes: Vec<std::ops::Range<usize>>,
}

/// The page, rewritten only where it goes beyond [`MAX_DEPTH`] or [`MAX_ATTRIBUTES`].
pub(crate) fn bound(html: &str) -> Bounded<'_> {
    let mut w = Rewriter { html, out: None, copied: 0, dropped_tags: 0, dropped_attributes: 0, nesting_work: 0 };
    let bytes = html.as_bytes();
    let mut depth = 0usize;
    // SVG/MathML elements open, and integration points open inside them.
    let (mut foreign, mut integration) = (0usize, 0usize);
    // Per name, start tags dropped whose end tag has not been seen.
    let mut dropped_open: HashMap<String, usize> = HashMap::new();
    // The top of the parser's stack as far as it is known for sure: the elements opened
    // since the last end tag that did not close the last of them.
    let mut sure: Vec<String> = Vec::new();
    let mut i = 0;
    while let Some(lt) = memchr(b'<', &bytes[i..]).map(|p| p + i) {
        let Some(tag) = scan_tag(html, lt) else {
            i = skip_markup(bytes, lt);
            continue;
        };
        i = tag.range.end;
        if tag.end {
            match dropped_open.get_mut(&tag.name) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    w.drop_range(tag.range.clone());
                }
                _ => {
                    depth = depth.saturating_sub(closed_by_end_tag(&tag.name, &mut sure).max(1));
                    if tag.name == "svg" || tag.name == "math" {
                        foreign = foreign.saturating_sub(1);
                    } else if foreign > 0 && INTEGRATION_POINTS.contains(&tag.name.as_str()) {
                        integration = integration.saturating_sub(1);
                    }
                }
            }
            continue;
        }
        if foreign > 0 && integration == 0 && BREAKOUT.contains(&tag.name.as_str()) {
            foreign = 0;
        }
        let in_foreign = foreign > 0 && integration == 0;
        let raw_text = RAW_TEXT.contains(&tag.name.as_str()) && !in_foreign;
        if raw_text {
            i = raw_text_end(bytes, i, &tag.name);
        }
        let self_closed = tag.self_closing && in_foreign;
        let opens = !self_closed && !VOID.contains(&tag.name.as_str());
        // `<p>` after an open `<p>` (or `<li>` after `<li>`...) closes it first.
        if opens && !in_foreign {
            depth = depth.saturating_sub(closed_by_start_tag(&tag.name, &mut sure));
        }
        if opens && depth >= MAX_DEPTH {
            w.dropped_tags += 1;
            if raw_text {
                // A script or style dropped whole: its text is no page text.
                let end = scan_tag(html, i).map_or(i, |t| t.range.end);
                w.drop_range(tag.range.start..end);
                i = end;
            } else {
                *dropped_open.entry(tag.name.clone()).or_default() += 1;
                w.drop_range(tag.range.clone());
            }
            continue;
        }
        for r in &tag.extra_attributes {
            w.drop_range(r.clone());
            w.dropped_attributes += 1;
        }
        if !opens {
            continue;
        }
        depth += 1;
        w.nesting_work += depth;
        if sure.len() < MAX_DEPTH {
            sure.push(tag.name.clone());
        } else {
            sure.clear();
        }
        if tag.name == "svg" || tag.name == "math" {
            foreign += 1;
        } else if in_foreign && INTEGRATION_POINTS.contains(&tag.name.as_str()) {
            integration += 1;
        }
    }
    w.finish()
}

/// Builds the rewritten page lazily: nothing is copied until something is dropped.
struct Rewriter<'a> {
    html: &'a str,
    out: Option<String>,
    copied: usize,
    dropped_tags: usize,
    dropped_attributes: usize,
    nesting_work: usize,
}

impl<'a> Rewriter<'a> {
    /// Replaces `range` by one space (attributes: by nothing, the space before them stays).
    fn drop_range(&mut self, range: std::ops::Range<usize>) {
        debug_assert!(range.start >= self.copied, "ranges are dropped in page order");
        let out = self.out.get_or_insert_with(|| String::with_capacity(self.html.len()));
        out.push_str(&self.html[self.copied..range.start]);
        if self.html.as_bytes()[range.start] == b'<' && !out.ends_with(|c: char| c.is_ascii_whitespace()) {
            out.push(' ');
        }
        self.copied = range.end;
    }

    fn finish(self) -> Bounded<'a> {
        let html = match self.out {
            Some(mut out) => {
                out.push_str(&self.html[self.copied..]);
                Cow::Owned(out)
            }
            None => Cow::Borrowed(self.html),
        };
        Bounded {
            html,
            dropped_tags: self.dropped_tags,
            dropped_attributes: self.dropped_attributes,
            nesting_work: self.nesting_work,
        }
    }
}

fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|b| *b == needle)
}

/// Where markup that is not a tag ends: a comment, a doctype or processing instruction,
/// or a `<` that starts nothing (then just past it).
fn skip_markup(bytes: &[u8], lt: usize) -> usize {
    let rest = &bytes[lt..];
    if rest.starts_with(b"<!--") {
        return find(bytes, lt + 4, b"-->").map_or(bytes.len(), |p| p + 3);
    }
    if rest.len() > 1 && matches!(rest[1], b'!' | b'?') {
        return memchr(b'>', &bytes[lt..]).map_or(bytes.len(), |p| lt + p + 1);
    }
    lt + 1
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes[from..].windows(needle.len()).position(|w| w == needle).map(|p| p + from)
}

/// The tag starting at `lt` (`<name` or `</name`), or `None` if no tag starts there.
fn scan_tag(html: &str, lt: usize) -> Option<Tag> {
    let bytes = html.as_bytes();
    let end = bytes.get(lt + 1) == Some(&b'/');
    let name_start = lt + 1 + usize::from(end);
    if !bytes.get(name_start)?.is_ascii_alphabetic() {
        return None;
    }
    let mut i = name_start;
    while i < bytes.len() && !matches!(bytes[i], b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>') {
        i += 1;
    }
    let name = html[name_start..i].to_ascii_lowercase();
    let mut extra_attributes = Vec::new();
    let mut attributes = 0usize;
    let mut self_closing = false;
    // Attributes, as the tokenizer reads them: a name, then `=` and a value, quoted or not.
    loop {
        while i < bytes.len() && matches!(bytes[i], b'\t' | b'\n' | b'\x0c' | b'\r' | b' ') {
            i += 1;
        }
        match bytes.get(i) {
            None => break,
            Some(b'>') => {
                i += 1;
                break;
            }
            Some(b'/') => {
                i += 1;
                self_closing = bytes.get(i) == Some(&b'>');
                continue;
            }
            _ => {}
        }
        let start = i;
        i += 1; // A name may start with `=`.
        while i < bytes.len() && !matches!(bytes[i], b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>' | b'=') {
            i += 1;
        }
        let mut j = i;
        while j < bytes.len() && matches!(bytes[j], b'\t' | b'\n' | b'\x0c' | b'\r' | b' ') {
            j += 1;
        }
        if bytes.get(j) == Some(&b'=') {
            j += 1;
            while j < bytes.len() && matches!(bytes[j], b'\t' | b'\n' | b'\x0c' | b'\r' | b' ') {
                j += 1;
            }
            match bytes.get(j) {
                Some(&q @ (b'"' | b'\'')) => {
                    j = memchr(q, &bytes[j + 1..]).map_or(bytes.len(), |p| j + 1 + p + 1);
                }
                _ => {
                    while j < bytes.len() && !matches!(bytes[j], b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'>') {
                        j += 1;
                    }
                }
            }
            i = j;
        }
        attributes += 1;
        if attributes > MAX_ATTRIBUTES && !end {
            extra_attributes.push(start..i);
        }
    }
    Some(Tag { name, end, self_closing, range: lt..i, extra_attributes })
}

/// Where the raw text of a `<script>` (or `<style>`, `<textarea>`...) ends: at its end tag,
/// or at the end of the page (`<plaintext>` never ends).
fn raw_text_end(bytes: &[u8], from: usize, name: &str) -> usize {
    if name == "plaintext" {
        return bytes.len();
    }
    let mut i = from;
    while let Some(p) = memchr(b'<', &bytes[i..]).map(|p| p + i) {
        let after = p + 2 + name.len();
        if bytes.get(p + 1) == Some(&b'/')
            && bytes.get(p + 2..after).is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
            && bytes.get(after).is_none_or(|b| matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>'))
        {
            return p;
        }
        i = p + 1;
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_pages_pass_unchanged() {
        let page = "<!DOCTYPE html><html><head><title>a<b></title><script>if (a<b) x='<div>'</script></head>\
                    <body><div class=x><p>One<br>two<p>Three</div><svg><path d='M0'/></svg></body></html>";
        let b = bound(page);
        assert!(matches!(b.html, Cow::Borrowed(_)));
        assert_eq!((b.dropped_tags, b.dropped_attributes), (0, 0));
    }

    #[test]
    fn nesting_past_the_limit_is_flattened_and_its_text_kept() {
        let n = MAX_DEPTH + 100;
        let page = format!("{}deep{}<p>after</p>", "<div>".repeat(n), "</div>".repeat(n));
        let b = bound(&page);
        assert_eq!(b.dropped_tags, 100);
        assert_eq!(b.html.matches("<div>").count(), MAX_DEPTH);
        assert_eq!(b.html.matches("</div>").count(), MAX_DEPTH);
        assert!(b.html.contains("deep") && b.html.ends_with("<p>after</p>"));
        // Bounded output is within the bounds: a second pass changes nothing.
        assert!(matches!(bound(&b.html).html, Cow::Borrowed(_)));
    }

    #[test]
    fn self_closing_html_elements_count_as_open_but_svg_ones_do_not() {
        let page = "<div/>".repeat(MAX_DEPTH + 1);
        assert_eq!(bound(&page).dropped_tags, 1, "the parser opens <div/>");
        let svg = format!("<svg>{}</svg>", "<path/>".repeat(1000));
        assert_eq!(bound(&svg).dropped_tags, 0);
        let breakout = format!("<svg>{}", "<div/>".repeat(MAX_DEPTH + 1));
        assert!(bound(&breakout).dropped_tags > 0, "HTML start tags leave SVG");
        let integration = format!("<svg><foreignObject>{}", "<x/>".repeat(MAX_DEPTH + 1));
        assert!(bound(&integration).dropped_tags > 0, "HTML again inside foreignObject");
    }

    #[test]
    fn unclosed_paragraphs_list_items_and_cells_do_not_count_as_nesting() {
        let page = format!(
            "<body><p>One{}<ul>{}</ul><table>{}</table><dl>{}</dl>",
            "<p>Para <a href=x>link</a> more".repeat(1000),
            "<li><a href=x>item</a> text".repeat(1000),
            "<tr><td>a<td>b<th>c".repeat(1000),
            "<dt>term<dd>definition".repeat(1000)
        );
        let b = bound(&page);
        assert!(matches!(b.html, Cow::Borrowed(_)), "{} tags dropped", b.dropped_tags);
        // An end tag that is not the last element opened makes the top unknown: counted.
        let uncertain = "<p><span></x>".repeat(MAX_DEPTH);
        assert!(bound(&uncertain).dropped_tags > 0);
    }

    #[test]
    fn attributes_past_the_limit_are_dropped() {
        let attrs: Vec<String> = (0..MAX_ATTRIBUTES + 10).map(|i| format!("a{i}=\"v>{i}\"")).collect();
        let page = format!("<p {}>text</p>", attrs.join(" "));
        let b = bound(&page);
        assert_eq!(b.dropped_attributes, 10);
        assert!(b.html.contains(&format!("a{}=\"v>{}\"", MAX_ATTRIBUTES - 1, MAX_ATTRIBUTES - 1)));
        assert!(!b.html.contains(&format!("a{}=", MAX_ATTRIBUTES)));
        assert!(b.html.ends_with(">text</p>"));
    }
}
