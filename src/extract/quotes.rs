//! Direct quotations and their speakers.
//!
//! Quote marks: curly pairs, straight quotes toggling within a paragraph, and a quotation
//! left open at a paragraph's end that goes on in the next one. Scare quotes (fewer than
//! four words, or fewer than eight with no attribution) are no quotations.
//!
//! Speakers, in order [rule ids]: right after the quote, "said X", "X said", "she said"
//! [`quote.after`]; right before it, "X said:", "X told reporters," and a participle
//! ("..., stating, “...”") whose subject opens the sentence [`quote.before`]; a quotation
//! with no attribution that follows another in the same paragraph, or continues one from
//! the previous paragraph, has its speaker [`quote.continued`]. Pronouns go to the latest
//! compatible mention (the previous speaker first). A description ("a spokesman said") is
//! an anonymous speaker: no `speaker`, but a source.

use std::ops::Range;

use super::index::{pronoun_classes, MentionIndex};
use super::{Evidence, Quote, Speaker};
use crate::rules::{EntityClass, Rules};
use crate::text::{is_closing_quote, is_opening_quote, Doc, TokenKind};

fn lower(doc: &Doc, i: usize) -> String {
    doc.tok(i).to_lowercase()
}

/// A pair of quote marks: token indices of the opening mark and of the closing mark (or
/// the paragraph end when the quotation runs on).
struct Marks {
    open: usize,
    close: usize,
    closed: bool,
}

fn quote_marks(doc: &Doc) -> Vec<Marks> {
    let mut out = Vec::new();
    for p in &doc.paragraphs {
        let mut open: Option<usize> = None;
        for t in p.clone() {
            if doc.tokens[t].kind != TokenKind::Punct {
                continue;
            }
            let c = doc.tok(t).chars().next().unwrap_or(' ');
            match (c, open) {
                ('\u{201C}', None) => open = Some(t),
                ('\u{201C}', Some(_)) => open = Some(t),
                ('\u{201D}', Some(o)) | ('"', Some(o)) => {
                    out.push(Marks { open: o, close: t, closed: true });
                    open = None;
                }
                ('"', None) => open = Some(t),
                _ => {}
            }
        }
        if let Some(o) = open {
            out.push(Marks { open: o, close: p.end, closed: false });
        }
    }
    out
}

/// Finds the quotations of a document.
pub fn find(doc: &Doc, rules: &Rules, index: &MentionIndex) -> Vec<Quote> {
    let mut out: Vec<Quote> = Vec::new();
    let mut previous: Option<(usize, Option<Speaker>, bool)> = None; // (paragraph, speaker, ran on)
    for m in quote_marks(doc) {
        if m.close <= m.open + 1 {
            continue;
        }
        let words = (m.open + 1..m.close).filter(|&t| doc.tokens[t].kind == TokenKind::Word).count();
        let para = doc.paragraphs.partition_point(|p| p.end <= m.open);
        let start = doc.tokens[m.open].end;
        let end = if m.close < doc.tokens.len() && m.closed {
            doc.tokens[m.close].start
        } else {
            doc.tokens[m.close - 1].end
        };
        let text = trim_span(doc.text, start..end);
        let mut found = after(doc, rules, index, &m, previous.as_ref())
            .or_else(|| before(doc, rules, index, &m, previous.as_ref()));
        if found.is_none() {
            if let Some((pp, speaker, ran_on)) = &previous {
                let same_paragraph = *pp == para;
                let continues = *ran_on && *pp + 1 == para;
                if same_paragraph || continues {
                    found = speaker.clone().map(|s| (s, None, "quote.continued"));
                }
            }
        }
        if words < 4 || (found.is_none() && words < 8) {
            continue;
        }
        let evidence_end = if m.closed && m.close < doc.tokens.len() { doc.tokens[m.close].end } else { end };
        let (speaker, attribution, rule) = match found {
            Some((s, a, r)) => (Some(s), a, r),
            None => (None, None, "quote.unattributed"),
        };
        previous = Some((para, speaker.clone(), !m.closed));
        out.push(Quote {
            text,
            speaker,
            attribution,
            evidence: Evidence { span: doc.tokens[m.open].start..evidence_end, rule },
        });
    }
    out
}

/// Trims white space and a trailing comma off a byte range.
fn trim_span(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let t = s.trim_end();
    let t = t.strip_suffix(',').unwrap_or(t).trim_end();
    r.start + lead..r.start + t.len()
}

type Found = (Speaker, Option<Range<usize>>, &'static str);

fn is_say(rules: &Rules, doc: &Doc, t: usize) -> bool {
    doc.tokens[t].kind == TokenKind::Word && rules.lexicons.speech_verbs.get(&lower(doc, t)) == Some(&true)
}

/// "…,” said X / X said / she said / a spokesman said
fn after(
    doc: &Doc,
    rules: &Rules,
    index: &MentionIndex,
    m: &Marks,
    previous: Option<&(usize, Option<Speaker>, bool)>,
) -> Option<Found> {
    if !m.closed {
        return None;
    }
    let end = doc.paragraphs.iter().find(|p| p.contains(&m.close))?.end;
    let mut t = m.close + 1;
    while t < end && matches!(doc.tok(t), "," | "\u{2014}" | "\u{2013}") {
        t += 1;
    }
    if t >= end {
        return None;
    }
    let span = |a: usize, b: usize| Some(doc.span(a, b));
    // said X (titles may stand between: "said Mayor X")
    if is_say(rules, doc, t) && t + 1 < end {
        let near = (t + 1..(t + 4).min(end))
            .take_while(|&k| doc.tokens[k].kind == TokenKind::Word)
            .find_map(|k| index.starting_at(k));
        if let Some(mention) = near {
            return Some((Speaker::Entity(mention.entity), span(t, mention.tokens.end), "quote.after"));
        }
        if let Some(e) = pronoun(doc, index, t + 1, m.open, previous) {
            return Some((Speaker::Entity(e), span(t, t + 2), "quote.after"));
        }
    }
    // X said
    if let Some(mention) = index.starting_at(t) {
        if mention.tokens.end < end && is_say(rules, doc, mention.tokens.end) {
            return Some((Speaker::Entity(mention.entity), span(t, mention.tokens.end + 1), "quote.after"));
        }
    }
    // she said
    if t + 1 < end && is_say(rules, doc, t + 1) {
        if let Some(e) = pronoun(doc, index, t, m.open, previous) {
            return Some((Speaker::Entity(e), span(t, t + 2), "quote.after"));
        }
    }
    // a spokesman said
    if let Some((d_end, _)) = description(doc, rules, t, end) {
        if d_end < end && is_say(rules, doc, d_end) {
            return Some((Speaker::Anonymous(doc.span(t, d_end)), span(t, d_end + 1), "quote.after"));
        }
    }
    None
}

/// X said: “…” / X said, “…” / …, stating, “…”
fn before(
    doc: &Doc,
    rules: &Rules,
    index: &MentionIndex,
    m: &Marks,
    previous: Option<&(usize, Option<Speaker>, bool)>,
) -> Option<Found> {
    let para = doc.paragraphs.iter().find(|p| p.contains(&m.open))?;
    let mut t = m.open;
    while t > para.start && matches!(doc.tok(t - 1), "," | ":" | "\u{2014}") {
        t -= 1;
    }
    if t == para.start {
        return None;
    }
    // The speech verb within the last three tokens ("X told reporters: ").
    let verb = (t.saturating_sub(3).max(para.start)..t).rev().find(|&v| is_say(rules, doc, v));
    let Some(v) = verb else {
        // "X: “…”"
        if doc.tok(t) == ":" || (t < m.open && doc.tok(t) == ":") {
            if let Some(mention) = index.ending_at(t) {
                return Some((
                    Speaker::Entity(mention.entity),
                    Some(doc.span(mention.tokens.start, t)),
                    "quote.before",
                ));
            }
        }
        return None;
    };
    let sentence = doc.sentences[doc.sentence_of(v)].clone();
    if doc.tok(v).ends_with("ing") {
        // A participle: the subject opens the sentence.
        let first = index.mentions.iter().find(|mm| {
            mm.tokens.start >= sentence.start && mm.tokens.end <= v && speaker_class(index.class(mm.entity))
        })?;
        return Some((
            Speaker::Entity(first.entity),
            Some(doc.span(first.tokens.start, first.tokens.end)),
            "quote.before",
        ));
    }
    if let Some(mention) = index.ending_at(v) {
        if speaker_class(index.class(mention.entity)) {
            return Some((
                Speaker::Entity(mention.entity),
                Some(doc.span(mention.tokens.start, v + 1)),
                "quote.before",
            ));
        }
    }
    if v > sentence.start {
        if let Some(e) = pronoun(doc, index, v - 1, m.open, previous) {
            return Some((Speaker::Entity(e), Some(doc.span(v - 1, v + 1)), "quote.before"));
        }
    }
    None
}

/// Persons and organisations speak; so do countries in news ("North Korea said").
fn speaker_class(c: EntityClass) -> bool {
    c.base() != EntityClass::Place || c == EntityClass::Country
}

/// A pronoun at `t` resolved to the previous speaker or the latest compatible mention
/// before `before`.
fn pronoun(
    doc: &Doc,
    index: &MentionIndex,
    t: usize,
    before: usize,
    previous: Option<&(usize, Option<Speaker>, bool)>,
) -> Option<usize> {
    let classes = pronoun_classes(doc, t)?;
    if let Some((_, Some(Speaker::Entity(e)), _)) = previous {
        if classes.contains(&index.class(*e)) {
            return Some(*e);
        }
    }
    let para_start = doc.paragraphs.iter().find(|p| p.contains(&t)).map_or(0, |p| p.start);
    let from = para_start.saturating_sub(200);
    index.latest_before(from, before, |c| classes.contains(&c)).map(|m| m.entity)
}

/// An anonymous description starting at `t`: an optional determiner or number, lower-case
/// or capitalised modifiers, and a source noun ("a U.S. official", "police", "two
/// diplomats"). Returns the token after it and the head noun's index.
pub fn description(doc: &Doc, rules: &Rules, t: usize, end: usize) -> Option<(usize, usize)> {
    let mut p = t;
    if p < end
        && matches!(
            lower(doc, p).as_str(),
            "a" | "an" | "the" | "two" | "three" | "several" | "some" | "one" | "many" | "other"
        )
    {
        p += 1;
    }
    for k in p..(p + 4).min(end) {
        if doc.tokens[k].kind != TokenKind::Word {
            return None;
        }
        if rules.lexicons.source_nouns.contains(&lower(doc, k)) {
            return Some((k + 1, k));
        }
    }
    None
}

/// Whether `c` opens or closes a quotation (for other stages that skip quoted text).
pub fn is_quote_mark(c: char) -> bool {
    is_opening_quote(c) || is_closing_quote(c)
}
