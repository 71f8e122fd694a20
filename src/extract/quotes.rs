//! Direct quotations and their speakers.
//!
//! Quote marks: curly pairs, straight quotes toggling within a paragraph, and a quotation
//! left open at a paragraph's end that goes on in the next one. Scare quotes (fewer than
//! four words, or fewer than eight with no attribution) are no quotations.
//!
//! Speakers, in order (rule ids in brackets): right after the quote, "said X", "X said", "she said",
//! "team member X told" (`quote.after`); right before it, "X said:", "X told reporters,",
//! "X, a spokesperson, said", and a participle ("..., stating, “...”") whose subject opens
//! the sentence (`quote.before`); a quotation with no attribution that follows another in
//! its paragraph, continues one from the previous paragraph, or fills the paragraph after
//! a quoted one, has its speaker (`quote.continued`); a paragraph ending in "X stated," or
//! "X has called it ...:" introduces the next paragraph's quotation (`quote.introduced`);
//! else the latest reported speaker before it ("X said he was alarmed. “...”"), in its
//! paragraph or, for a quotation opening a paragraph, the one before (`quote.reported`).
//! Pronouns go to the latest compatible mention before them. A description ("a spokesman
//! said") is an anonymous speaker: no `speaker`, but a source.

use std::ops::Range;

use super::index::{pronoun_classes, MentionIndex};
use super::{EntityId, Evidence, Quote, Speaker};
use crate::rules::{EntityClass, Rules, SpeechKind, WordClass};
use crate::text::{is_closing_quote, is_opening_quote, Doc, TokenKind};

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
    let verbs = speech_verbs_outside_quotes(doc, rules);
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
        let mut found = after(doc, rules, index, &m).or_else(|| before(doc, rules, index, &m));
        let opens_paragraph = (doc.paragraphs[para].start..m.open).all(|t| doc.tokens[t].kind == TokenKind::Punct);
        if found.is_none() {
            // A quotation going on from the one before: same paragraph, a paragraph it ran
            // into, or a new paragraph that is all quotation.
            if let Some((pp, speaker, ran_on)) = &previous {
                let follows = *pp == para || ((*ran_on || opens_paragraph) && *pp + 1 == para);
                if follows {
                    found = speaker.clone().map(|s| (s, None, "quote.continued"));
                }
            }
        }
        if found.is_none() && opens_paragraph && para > 0 {
            found = introduced(doc, rules, index, para - 1);
        }
        if found.is_none() {
            // The latest reported speaker before it in its paragraph ("Professor X said he
            // is alarmed. "..."), or, for a quotation opening a paragraph, in the one before.
            let here = doc.paragraphs[para].start..m.open;
            found = reported_speaker(doc, rules, &verbs, index, here).or_else(|| {
                (opens_paragraph && para > 0)
                    .then(|| reported_speaker(doc, rules, &verbs, index, doc.paragraphs[para - 1].clone()))
                    .flatten()
            });
        }
        // A cited headline ("“Storm hits coast” — Example News, May 3") is no quotation.
        let citation =
            m.closed && m.close + 1 < doc.tokens.len() && matches!(doc.tok(m.close + 1), "\u{2014}" | "\u{2013}" | "-");
        if words < 4 || (found.is_none() && words < 8) || citation {
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
    doc.tokens[t].kind == TokenKind::Word && rules.lexicons.speech_verbs.get(doc.lower(t)) == Some(&SpeechKind::Say)
}

/// "…,” said X / X said / she said / a spokesman said / team member X told the press
fn after(doc: &Doc, rules: &Rules, index: &MentionIndex, m: &Marks) -> Option<Found> {
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
    let words_until = |k: usize| (t..k).all(|x| doc.tokens[x].kind == TokenKind::Word);
    // said X (titles may stand between: "said Ambassador X")
    if is_say(rules, doc, t) && t + 1 < end {
        let near = (t + 1..(t + 4).min(end))
            .take_while(|&k| doc.tokens[k].kind == TokenKind::Word)
            .find_map(|k| index.starting_at(k));
        if let Some(mention) = near {
            return Some((Speaker::Entity(mention.entity), span(t, mention.tokens.end), "quote.after"));
        }
        if let Some(e) = pronoun(doc, rules, index, t + 1, m.open) {
            return Some((Speaker::Entity(e), span(t, t + 2), "quote.after"));
        }
    }
    // X said, with descriptors before the name ("team member X told the press")
    for k in t..(t + 5).min(end) {
        if !words_until(k) {
            break;
        }
        if let Some(mention) = index.starting_at(k) {
            if mention.tokens.end < end && is_say(rules, doc, mention.tokens.end) {
                return Some((Speaker::Entity(mention.entity), span(t, mention.tokens.end + 1), "quote.after"));
            }
        }
    }
    // she said
    if t + 1 < end && is_say(rules, doc, t + 1) {
        if let Some(e) = pronoun(doc, rules, index, t, m.open) {
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

/// X said: “…” / X said, “…” / …, stating, “…” / X, a spokesperson, said “…”
fn before(doc: &Doc, rules: &Rules, index: &MentionIndex, m: &Marks) -> Option<Found> {
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
        // "X: “…”", or a sentence introducing the quotation with a colon: its first person
        // ("Sunak defended the record ...: “…”").
        if doc.tok(t) == ":" {
            if let Some(mention) = index.ending_at(t) {
                return Some((
                    Speaker::Entity(mention.entity),
                    Some(doc.span(mention.tokens.start, t)),
                    "quote.before",
                ));
            }
            let sentence = doc.sentences[doc.sentence_of(t)].clone();
            let first = index
                .mentions
                .iter()
                .filter(|mm| mm.tokens.start >= sentence.start && mm.tokens.end <= t)
                .find(|mm| index.class(mm.entity) == EntityClass::Person)?;
            return Some((
                Speaker::Entity(first.entity),
                Some(doc.span(first.tokens.start, first.tokens.end)),
                "quote.before",
            ));
        }
        return None;
    };
    subject_of(doc, rules, index, v).map(|(e, a)| (Speaker::Entity(e), Some(doc.span(a, v + 1)), "quote.before"))
}

/// The subject of a speech verb at `v`: a participle's is the sentence's first speaker
/// ("X ... emphasized ..., stating"); else the mention right before the verb, or before an
/// apposition ("X, a spokesperson for Y, said"), or a pronoun's antecedent. Returns the
/// entity and the first token of the attribution.
fn subject_of(doc: &Doc, rules: &Rules, index: &MentionIndex, v: usize) -> Option<(EntityId, usize)> {
    let sentence = doc.sentences[doc.sentence_of(v)].clone();
    if doc.tok(v).ends_with("ing") {
        // "with Boswell stating: ..." names its own subject; else the sentence's first speaker.
        if let Some(mention) = index.ending_at(v).filter(|mm| speaker_class(index.class(mm.entity))) {
            return Some((mention.entity, mention.tokens.start));
        }
        let first = index.mentions.iter().find(|mm| {
            mm.tokens.start >= sentence.start && mm.tokens.end <= v && speaker_class(index.class(mm.entity))
        })?;
        return Some((first.entity, first.tokens.start));
    }
    if let Some(mention) = index.ending_at(v).filter(|mm| speaker_class(index.class(mm.entity))) {
        return Some((mention.entity, mention.tokens.start));
    }
    if v > sentence.start + 1 && doc.tok(v - 1) == "," {
        if let Some(c1) = (sentence.start..v - 1).rev().find(|&c| doc.tok(c) == ",") {
            if let Some(mention) = index.ending_at(c1).filter(|mm| speaker_class(index.class(mm.entity))) {
                return Some((mention.entity, mention.tokens.start));
            }
        }
    }
    if v > sentence.start {
        if let Some(e) = pronoun(doc, rules, index, v - 1, v - 1) {
            return Some((e, v - 1));
        }
    }
    None
}

/// A paragraph that introduces the next one's quotation: it ends with ":" or "," after a
/// speech verb ("Rathbun stated,") or after its subject's words ("X has called it
/// 'dangerous':").
fn introduced(doc: &Doc, rules: &Rules, index: &MentionIndex, para: usize) -> Option<Found> {
    let p = doc.paragraphs[para].clone();
    let last = p.end.checked_sub(1)?;
    if !matches!(doc.tok(last), ":" | ",") {
        return None;
    }
    let sentence = doc.sentences[doc.sentence_of(last)].clone();
    if let Some(v) = (sentence.start..last).rev().find(|&v| is_say(rules, doc, v)) {
        if let Some((e, a)) = subject_of(doc, rules, index, v) {
            return Some((Speaker::Entity(e), Some(doc.span(a, v + 1)), "quote.introduced"));
        }
    }
    let first = index
        .mentions
        .iter()
        .filter(|mm| {
            mm.tokens.start >= sentence.start && mm.tokens.end <= last && speaker_class(index.class(mm.entity))
        })
        .find(|mm| index.class(mm.entity) == EntityClass::Person)?;
    Some((Speaker::Entity(first.entity), Some(doc.span(first.tokens.start, first.tokens.end)), "quote.introduced"))
}

/// The latest reported speaker in token range `range`: the subject of its last speech verb
/// outside quotation marks.
fn reported_speaker(
    doc: &Doc,
    rules: &Rules,
    verbs: &[usize],
    index: &MentionIndex,
    range: Range<usize>,
) -> Option<Found> {
    let a = verbs.partition_point(|&v| v < range.start);
    let b = verbs.partition_point(|&v| v < range.end);
    // The last few speech verbs are enough: the nearest one that has a subject wins.
    verbs[a..b].iter().rev().take(8).find_map(|&v| {
        subject_of(doc, rules, index, v).map(|(e, a)| (Speaker::Entity(e), Some(doc.span(a, v + 1)), "quote.reported"))
    })
}

/// The speech verbs outside quotation marks, in text order (quote marks are tracked per
/// paragraph).
fn speech_verbs_outside_quotes(doc: &Doc, rules: &Rules) -> Vec<usize> {
    let mut verbs = Vec::new();
    for p in &doc.paragraphs {
        let mut inside = false;
        for t in p.clone() {
            let c = doc.tok(t).chars().next().unwrap_or(' ');
            if doc.tokens[t].kind == TokenKind::Punct && (c == '"' || c == '\u{201C}' || c == '\u{201D}') {
                inside = if c == '"' { !inside } else { c == '\u{201C}' };
            } else if !inside && is_say(rules, doc, t) {
                verbs.push(t);
            }
        }
    }
    verbs
}

/// Persons and organisations speak; so do countries in news ("North Korea said").
fn speaker_class(c: EntityClass) -> bool {
    c.base() != EntityClass::Place || c == EntityClass::Country
}

/// A pronoun at `t` resolved to the latest compatible mention before `before` (in its
/// paragraph or the few before it).
fn pronoun(doc: &Doc, rules: &Rules, index: &MentionIndex, t: usize, before: usize) -> Option<EntityId> {
    let classes = pronoun_classes(doc, rules, t)?;
    let para_start = doc.paragraphs.iter().find(|p| p.contains(&t)).map_or(0, |p| p.start);
    let from = para_start.saturating_sub(200);
    index.latest_before(from, before, |c| classes.contains(&c)).map(|m| m.entity)
}

/// An anonymous description starting at `t`: an optional determiner or number, lower-case
/// or capitalised modifiers, and a source noun ("a U.S. official", "police", "two
/// diplomats"). Returns the token after it and the head noun's index.
pub fn description(doc: &Doc, rules: &Rules, t: usize, end: usize) -> Option<(usize, usize)> {
    let mut p = t;
    if p < end && rules.lexicons.is(WordClass::DescriptionDeterminer, doc.lower(p)) {
        p += 1;
    }
    for k in p..(p + 4).min(end) {
        if doc.tokens[k].kind != TokenKind::Word {
            return None;
        }
        if rules.lexicons.source_nouns.contains(doc.lower(k)) {
            return Some((k + 1, k));
        }
    }
    None
}

/// Whether `c` opens or closes a quotation (for other stages that skip quoted text).
pub fn is_quote_mark(c: char) -> bool {
    is_opening_quote(c) || is_closing_quote(c)
}
