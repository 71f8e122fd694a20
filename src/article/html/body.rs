//! The article body of a page: trafilatura's main-content extraction, rendered as lines of
//! text without the headings around the body; and, when it finds nothing, the densest
//! block of text on the page.
//!
//! **Invariant:** the body text is one paragraph per line (a block element, a list item or
//! a `<br>` ends a line), white space inside a line collapsed to single spaces, no blank
//! lines; every walk here is iterative and visits each node once.

use ego_tree::iter::Edge;
use ego_tree::NodeRef;
use scraper::{Html, Node};

/// Elements that end a line of text before and after them.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "caption",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "tr",
    "ul",
];

/// Elements whose text is never page text.
const HIDDEN: &[&str] = &["script", "style", "noscript", "template", "head", "title", "iframe", "object", "svg"];

/// Elements whose text is left out of the densest block: navigation and page furniture.
const FURNITURE: &[&str] = &["nav", "header", "footer", "aside", "form", "button", "select", "menu"];

/// What trafilatura found on a page: the body as lines of text, and its metadata.
pub(crate) struct Extracted {
    pub text: String,
    pub metadata: trafilatura::Metadata,
}

/// The page's main content by trafilatura (precision favoured; with its readability
/// fallback when `with_fallback`), or `None` when it finds none.
pub(crate) fn main_content(html: &str, with_fallback: bool) -> Option<Extracted> {
    let mut options = trafilatura::Options::default();
    options.enable_fallback = with_fallback;
    options.focus = trafilatura::ExtractionFocus::FavorPrecision;
    let result = trafilatura::extract(html, &options).ok()?;
    let fragment = Html::parse_fragment(&result.content_html);
    let text = without_outer_headings(render_lines(fragment.tree.root()));
    Some(Extracted { text, metadata: result.metadata })
}

/// The text of the block element holding the most text of its own (text not inside a
/// nested block), outside scripts and page furniture; empty if the page has no text.
pub(crate) fn densest_block(doc: &Html) -> String {
    // One walk: each text node's length goes to the nearest enclosing block.
    let mut blocks: Vec<NodeRef<Node>> = vec![doc.tree.root()];
    let mut own_text: Vec<usize> = vec![0];
    let mut stack: Vec<usize> = vec![0];
    let mut skipped = 0usize;
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(e) if skipped > 0 || HIDDEN.contains(&e.name()) || FURNITURE.contains(&e.name()) => {
                    skipped += 1;
                }
                Node::Element(e) if BLOCKS.contains(&e.name()) => {
                    blocks.push(node);
                    own_text.push(0);
                    stack.push(blocks.len() - 1);
                }
                Node::Text(t) if skipped == 0 => {
                    let top = *stack.last().expect("the root is never popped");
                    own_text[top] += t.trim().chars().count();
                }
                _ => {}
            },
            Edge::Close(node) => match node.value() {
                Node::Element(_) if skipped > 0 => skipped -= 1,
                Node::Element(e) if BLOCKS.contains(&e.name()) => {
                    stack.pop();
                }
                _ => {}
            },
        }
    }
    let best = own_text.iter().enumerate().max_by_key(|(i, n)| (**n, std::cmp::Reverse(*i)));
    match best {
        Some((i, n)) if *n > 0 => render(blocks[i]),
        _ => String::new(),
    }
}

/// The text below `root`, one line per block (see the module's invariant).
pub(crate) fn render(root: NodeRef<Node>) -> String {
    render_lines(root).into_iter().map(|l| l.text).collect::<Vec<_>>().join("\n")
}

/// The lines joined, without the headings before the first line of body text (the title,
/// the standfirst) and after the last (newsletter boxes, lists of other stories); headings
/// between paragraphs stay. Only headings: all of them.
fn without_outer_headings(lines: Vec<Line>) -> String {
    let first = lines.iter().position(|l| !l.heading).unwrap_or(0);
    let last = lines.iter().rposition(|l| !l.heading).unwrap_or(lines.len().saturating_sub(1));
    let kept = lines.get(first..=last).unwrap_or(&[]);
    kept.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join("\n")
}

/// One line of rendered text.
pub(crate) struct Line {
    pub text: String,
    /// Whether all of its text is inside headings (`<h1>` to `<h6>`).
    pub heading: bool,
}

/// The lines of text below `root` (see the module's invariant).
fn render_lines(root: NodeRef<Node>) -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::new();
    let mut line = String::new();
    let (mut hidden, mut in_heading, mut body_text) = (0usize, 0usize, false);
    let end_line = |line: &mut String, body_text: &mut bool, lines: &mut Vec<Line>| {
        let collapsed = collapse(line);
        if !collapsed.is_empty() {
            lines.push(Line { text: collapsed, heading: !*body_text });
        }
        line.clear();
        *body_text = false;
    };
    let is_heading = |name: &str| matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(e) if hidden > 0 || HIDDEN.contains(&e.name()) => hidden += 1,
                Node::Element(e) if e.name() == "br" || BLOCKS.contains(&e.name()) => {
                    end_line(&mut line, &mut body_text, &mut lines);
                    in_heading += usize::from(is_heading(e.name()));
                }
                Node::Element(e) if matches!(e.name(), "td" | "th") => line.push(' '),
                Node::Text(t) if hidden == 0 => {
                    line.push_str(t);
                    body_text |= in_heading == 0 && !t.trim().is_empty();
                }
                _ => {}
            },
            Edge::Close(node) => match node.value() {
                Node::Element(_) if hidden > 0 => hidden -= 1,
                Node::Element(e) if BLOCKS.contains(&e.name()) => {
                    end_line(&mut line, &mut body_text, &mut lines);
                    in_heading -= usize::from(is_heading(e.name()));
                }
                _ => {}
            },
        }
    }
    end_line(&mut line, &mut body_text, &mut lines);
    lines
}

/// White space collapsed to single spaces, trimmed.
pub(crate) fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_and_breaks_end_lines_and_white_space_collapses() {
        let doc = Html::parse_fragment(
            "<h2>Head</h2><p>One  <b>bold</b>\n word.</p><ul><li>a</li><li>b<br>c</li></ul>\
             <table><tr><td>x</td><td>y</td></tr></table><script>no()</script>",
        );
        assert_eq!(render(doc.tree.root()), "Head\nOne bold word.\na\nb\nc\nx y");
    }

    #[test]
    fn headings_around_the_body_are_left_out_and_those_inside_kept() {
        let lines = |html: &str| without_outer_headings(render_lines(Html::parse_fragment(html).tree.root()));
        let page = "<h1>Title</h1><h2>Standfirst</h2><p>First.</p><h3>Section</h3><p>Second <b>bold</b>.</p>\
                    <h3>Newsletter</h3><ul><li><h4>Other story</h4></li></ul>";
        assert_eq!(lines(page), "First.\nSection\nSecond bold.");
        assert_eq!(lines("<h2>Only</h2><h3>headings</h3>"), "Only\nheadings");
    }

    #[test]
    fn the_densest_block_is_the_one_with_most_text_of_its_own() {
        let doc = Html::parse_document(
            "<html><body><nav><div>Home News Sport Weather and a long list of sections to pick</div></nav>\
             <div id=story>The court charged the former mayor on Tuesday.<br>Prosecutors said the \
             contracts were rigged.<div>short</div></div><footer>Copyright and a very long legal notice \
             that goes on</footer></body></html>",
        );
        assert_eq!(
            densest_block(&doc),
            "The court charged the former mayor on Tuesday.\nProsecutors said the contracts were rigged.\nshort"
        );
        assert_eq!(densest_block(&Html::parse_document("<html><body><nav>x</nav></body></html>")), "");
    }
}
