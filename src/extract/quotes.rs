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
//! Within `quote.after` and `quote.before`, the verb may stand further off in the quotation's
//! sentence ("X said on Monday that Y was “…”", "“…” announced in May, said X"), behind
//! auxiliaries ("X had said") or an apposition ("X, a spokesperson for Y, said"); "told X"
//! names the one spoken to, not the speaker. Pronouns and descriptions ("she said", "the
//! president said", "the company said") are resolved by `speakers`. An unnamed speaker ("a
//! spokesman said", "said a company spokesperson") is anonymous: no `speaker`, but a source.
//! A report or statement speaks for whoever issued it ("…,” said a report from X"); a
//! name cited with "according to" in the quotation's sentence speaks it ("X, according to
//! the White House, had a “quick exam and labs”", "“…,” according to X") (`quote.according-to`).
//! A partial quotation after a describing verb ("X called it “…”", "X introduced Y as
//! “…”") is the verb's subject's (`quotes/described.rs`, `quote.described`). A surname the
//! name scanner left alone ("said Sowers") speaks for the one person of that surname; "it"
//! and "they" also go to the latest quotation's speaker a few sentences back.
//! A place (save a country) never speaks.

use std::cell::Cell;
use std::ops::Range;

use super::index::{Mention, MentionIndex};
use super::sources::report_by;
use super::sources::subjects::name_in_description;
use super::speakers::{fits_pronoun, person_by_surname, quoted_tokens, resolve_nominal, resolve_pronoun};
use super::{EntityId, Evidence, Quote, Speaker};
use crate::rules::{EntityClass, Rules, SpeechKind, WordClass};
use crate::text::{is_closing_quote, is_opening_quote, Doc, TokenKind};

mod described;
mod subject;
use subject::first_speaker_before;
pub(crate) use subject::relative_clause_opening;
pub use subject::speech_subject;

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

/// What the speaker rules read: the document, the rules, the mentions, which tokens lie
/// inside quotation marks, and the speech verbs outside them (in text order).
struct Ctx<'a, 'd> {
    doc: &'a Doc<'d>,
    rules: &'a Rules,
    index: &'a MentionIndex<'a>,
    quoted: Vec<bool>,
    verbs: Vec<usize>,
    /// The latest quotation's opening mark and its named speaker.
    recent: Cell<Option<(usize, EntityId)>>,
}

/// Finds the quotations of a document.
pub fn find(doc: &Doc, rules: &Rules, index: &MentionIndex) -> Vec<Quote> {
    let mut out: Vec<Quote> = Vec::new();
    let verbs = speech_verbs_outside_quotes(doc, rules);
    let ctx = Ctx { doc, rules, index, quoted: quoted_tokens(doc), verbs, recent: Cell::new(None) };
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
        let mut found = after(&ctx, &m).or_else(|| before(&ctx, &m)).or_else(|| described::described(&ctx, &m));
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
            found = introduced(&ctx, para - 1);
        }
        if found.is_none() {
            // The latest reported speaker before it in its paragraph ("Professor X said he
            // is alarmed. "..."), or, for a quotation opening a paragraph, in the one before.
            let here = doc.paragraphs[para].start..m.open;
            found = reported_speaker(&ctx, here).or_else(|| {
                (opens_paragraph && para > 0)
                    .then(|| reported_speaker(&ctx, doc.paragraphs[para - 1].clone()))
                    .flatten()
            });
        }
        // A cited headline ("“Storm hits coast” — Example News, May 3") is no quotation.
        let citation = m.closed
            && m.close + 2 < doc.tokens.len()
            && matches!(doc.tok(m.close + 1), "\u{2014}" | "\u{2013}" | "-")
            && doc.tok(m.close + 2).starts_with(char::is_uppercase);
        if words < 4 || (found.is_none() && words < 8) || citation {
            continue;
        }
        let evidence_end = if m.closed && m.close < doc.tokens.len() { doc.tokens[m.close].end } else { end };
        let (speaker, attribution, rule) = match found {
            Some((s, a, r)) => (Some(s), a, r),
            None => (None, None, "quote.unattributed"),
        };
        previous = Some((para, speaker.clone(), !m.closed));
        if let Some(Speaker::Entity(e)) = speaker {
            ctx.recent.set(Some((m.open, e)));
        }
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

/// Whether token `t` may stand between a speaker and the speech verb ("has", "also").
fn is_auxiliary(rules: &Rules, doc: &Doc, t: usize) -> bool {
    rules.lexicons.is(WordClass::SpeechAuxiliary, doc.lower(t))
}

fn is_say(rules: &Rules, doc: &Doc, t: usize) -> bool {
    doc.tokens[t].kind == TokenKind::Word && rules.lexicons.speech_verbs.get(doc.lower(t)) == Some(&SpeechKind::Say)
}

/// The first token of a speech verb's clause, skipping up to two auxiliaries before `v`
/// ("officials have stated", "X had also said"), not before `from`.
pub(crate) fn skip_auxiliaries(doc: &Doc, rules: &Rules, from: usize, v: usize) -> usize {
    let mut s = v;
    while s > from && v - s < 2 && is_auxiliary(rules, doc, s - 1) {
        s -= 1;
    }
    s
}

/// "…,” said X / X said / she said / a spokesman said / team member X told the press /
/// X, a spokesperson for Y, said / the president said; else a speech verb later in the
/// quotation's sentence ("…” announced in May, said X").
fn after(ctx: &Ctx, m: &Marks) -> Option<Found> {
    let (doc, rules, index) = (ctx.doc, ctx.rules, ctx.index);
    if !m.closed {
        return None;
    }
    let end = doc.paragraph_of(m.close)?.end;
    let mut t = m.close + 1;
    while t < end && matches!(doc.tok(t), "," | "\u{2014}" | "\u{2013}") {
        t += 1;
    }
    if t >= end {
        return None;
    }
    if let Some(found) = said_x(ctx, t, end, m.open) {
        return Some(found);
    }
    if doc.lower(t) == "according" {
        return according_to(ctx, t, (t + 9).min(end));
    }
    let span = |a: usize, b: usize| Some(doc.span(a, b));
    // X said, with descriptors before the name ("team member X told the press", "the
    // 14th-ranked X said"), auxiliaries ("X had said") or an apposition ("X, a
    // spokesperson for Y, said").
    for k in t..(t + 6).min(end) {
        if !(t..k).all(|x| matches!(doc.tokens[x].kind, TokenKind::Word | TokenKind::Number) || doc.tok(x) == "-") {
            break;
        }
        if let Some(mention) = index.starting_at(k).filter(|mm| speaker_class(index.class(mm.entity))) {
            if let Some(v) = verb_after_subject(ctx, mention.tokens.end, end) {
                if let Some((a, b)) = name_in_description(doc, rules, index, t, mention.tokens.end) {
                    return Some((Speaker::Anonymous(doc.span(a, b)), span(t, v + 1), "quote.after"));
                }
                return Some((Speaker::Entity(mention.entity), span(t, v + 1), "quote.after"));
            }
        }
    }
    // "Sowers said": a surname the name scanner left alone.
    if let Some(e) = person_by_surname(doc, index, t) {
        if let Some(v) = verb_after_subject(ctx, t + 1, end) {
            return Some((Speaker::Entity(e), span(t, v + 1), "quote.after"));
        }
    }
    // she said / the president said / the company said
    let verb = (t + 1..(t + 4).min(end)).find(|&v| is_say(rules, doc, v));
    if let Some(v) = verb {
        if v == t + 1 {
            if let Some(e) = resolve_pronoun(doc, rules, index, &ctx.quoted, t, m.open).or_else(|| recent(ctx, t)) {
                return Some((Speaker::Entity(e), span(t, t + 2), "quote.after"));
            }
        }
    }
    // the company said / the doctors said (of a group the article names)
    if let Some(v) = verb {
        if let Some((e, a)) = resolve_nominal(doc, rules, index, v).filter(|&(_, a)| a == t) {
            return Some((Speaker::Entity(e), span(a, v + 1), "quote.after"));
        }
    }
    // a spokesman said
    if let Some((d_end, _)) = description(doc, rules, t, end) {
        if d_end < end && is_say(rules, doc, d_end) {
            return Some((Speaker::Anonymous(doc.span(t, d_end)), span(t, d_end + 1), "quote.after"));
        }
    }
    // A speech verb further on in the sentence, before any other quotation.
    let sentence_end = doc.sentences[doc.sentence_of(m.close)].end.min(end);
    let limit = (t..sentence_end.min(t + 15)).find(|&k| ctx.quoted[k]).unwrap_or(sentence_end.min(t + 15));
    let later = ctx.verbs.get(ctx.verbs.partition_point(|&v| v <= t)).copied().filter(|&v| v < limit)?;
    said_x(ctx, later, end, m.open).or_else(|| {
        subject_of(ctx, later)
            .filter(|&(_, a)| a > m.close)
            .map(|(e, a)| (Speaker::Entity(e), Some(doc.span(a, later + 1)), "quote.after"))
    })
}

/// "said X" (titles may stand between: "said Ambassador X"), "said a company spokesman"
/// (anonymous), "said he": the speaker named after a speech verb at `t`.
fn said_x(ctx: &Ctx, t: usize, end: usize, open: usize) -> Option<Found> {
    let (doc, rules, index) = (ctx.doc, ctx.rules, ctx.index);
    // "told X": X is the one spoken to.
    if !is_say(rules, doc, t) || t + 1 >= end || is_tell(doc.lower(t)) {
        return None;
    }
    // The name in the next few words, a person before anything else ("said Norvex
    // spokesperson Jane Roe").
    let near = |from: usize| {
        let names: Vec<_> = (from..(from + 3).min(end))
            .take_while(|&k| doc.tokens[k].kind == TokenKind::Word)
            .filter_map(|k| index.starting_at(k))
            .filter(|mm| speaker_class(index.class(mm.entity)))
            .collect();
        names.iter().find(|mm| index.class(mm.entity) == EntityClass::Person).or(names.first()).copied()
    };
    // "said a report from Kotak": the one who issued the report or statement.
    if let Some(e) = report_by(doc, rules, index, t + 1, end).filter(|&e| speaker_class(index.class(e))) {
        return Some((Speaker::Entity(e), Some(doc.span(t, t + 1)), "quote.after"));
    }
    // "said a WeWork spokesperson": anonymous, unless a name follows the description.
    if let Some((d_end, _)) = description(doc, rules, t + 1, end) {
        if matches!(doc.lower(t + 1), "a" | "an" | "one" | "two" | "three" | "several" | "some")
            && near(d_end).is_none()
        {
            return Some((Speaker::Anonymous(doc.span(t + 1, d_end)), Some(doc.span(t, d_end)), "quote.after"));
        }
    }
    if let Some(mention) = near(t + 1) {
        return Some((Speaker::Entity(mention.entity), Some(doc.span(t, mention.tokens.end)), "quote.after"));
    }
    // "said Sowers": a surname the name scanner left alone, closing the clause.
    let closes = |k: usize| k >= end || !doc.tok(k).starts_with(char::is_uppercase);
    if let Some(e) = person_by_surname(doc, index, t + 1).filter(|_| closes(t + 2)) {
        return Some((Speaker::Entity(e), Some(doc.span(t, t + 2)), "quote.after"));
    }
    if let Some(e) = resolve_pronoun(doc, rules, index, &ctx.quoted, t + 1, open).or_else(|| recent(ctx, t + 1)) {
        return Some((Speaker::Entity(e), Some(doc.span(t, t + 2)), "quote.after"));
    }
    None
}

/// How many sentences back the latest quotation's speaker stays the referent of a pronoun.
const RECENT_SENTENCES: usize = 6;

/// The latest quotation's speaker, when it is a few sentences back and the pronoun at
/// token `t` fits it.
fn recent(ctx: &Ctx, t: usize) -> Option<EntityId> {
    let (at, e) = ctx.recent.get()?;
    let near = ctx.doc.sentence_of(t) <= ctx.doc.sentence_of(at) + RECENT_SENTENCES;
    (near && fits_pronoun(ctx.doc, ctx.rules, ctx.index, t, e)).then_some(e)
}

/// Whether a speech verb names its addressee after it ("told X", "telling X").
fn is_tell(word: &str) -> bool {
    matches!(word, "tell" | "tells" | "told" | "telling")
}

/// The speech verb of a subject ending before token `s`: right after it, after
/// auxiliaries ("has said"), or after an apposition ("X, a spokesperson for Y, said").
fn verb_after_subject(ctx: &Ctx, s: usize, end: usize) -> Option<usize> {
    let (doc, rules) = (ctx.doc, ctx.rules);
    let mut v = s;
    while v < end && v < s + 2 && is_auxiliary(rules, doc, v) {
        v += 1;
    }
    if v < end && is_say(rules, doc, v) {
        return Some(v);
    }
    if s < end && doc.tok(s) == "," {
        let close =
            (s + 1..(s + 20).min(end)).find(|&k| matches!(doc.tok(k), "," | "." | ";" | ":") || ctx.quoted[k])?;
        if doc.tok(close) == "," && close + 1 < end {
            let mut v = close + 1;
            while v < end && v < close + 3 && is_auxiliary(rules, doc, v) {
                v += 1;
            }
            return (v < end && is_say(rules, doc, v)).then_some(v);
        }
    }
    None
}

/// X said: “…” / X said, “…” / …, stating, “…” / X, a spokesperson, said “…” / X said on
/// Monday that Y was “…”
fn before(ctx: &Ctx, m: &Marks) -> Option<Found> {
    let (doc, rules, index) = (ctx.doc, ctx.rules, ctx.index);
    let para = doc.paragraph_of(m.open)?;
    let mut t = m.open;
    while t > para.start && matches!(doc.tok(t - 1), "," | ":" | "\u{2014}") {
        t -= 1;
    }
    if t == para.start {
        return None;
    }
    // The speech verb within the last three tokens ("X told reporters: "), else the last
    // one before the quotation in its sentence.
    let sentence = doc.sentences[doc.sentence_of(m.open)].clone();
    let verb = (t.saturating_sub(3).max(para.start)..t).rev().find(|&v| is_say(rules, doc, v)).or_else(|| {
        let a = ctx.verbs.partition_point(|&v| v < sentence.start.max(para.start));
        let b = ctx.verbs.partition_point(|&v| v < t);
        ctx.verbs[a..b].last().copied()
    });
    let Some(v) = verb else {
        // "X, according to the White House, made a “quick exam”": the one cited.
        if let Some(found) = according_to(ctx, sentence.start.max(para.start), t) {
            return Some(found);
        }
        // "X: “…”", or a sentence introducing the quotation with a colon: its first person
        // ("Sunak defended the record ...: “…”").
        if doc.tok(t) == ":" {
            if let Some(mention) = index.ending_at(t).filter(|mm| speaker_class(index.class(mm.entity))) {
                return Some((
                    Speaker::Entity(mention.entity),
                    Some(doc.span(mention.tokens.start, t)),
                    "quote.before",
                ));
            }
            let first = index
                .mentions
                .iter()
                .filter(|mm| mm.tokens.start >= sentence.start && mm.tokens.end <= t && !ctx.quoted[mm.tokens.start])
                .find(|mm| index.class(mm.entity) == EntityClass::Person)?;
            return Some((
                Speaker::Entity(first.entity),
                Some(doc.span(first.tokens.start, first.tokens.end)),
                "quote.before",
            ));
        }
        return None;
    };
    let s = skip_auxiliaries(doc, rules, sentence.start, v);
    if let Some((a, b)) = name_in_description(doc, rules, index, sentence.start.max(para.start), s) {
        return Some((Speaker::Anonymous(doc.span(a, b)), Some(doc.span(a, v + 1)), "quote.before"));
    }
    subject_of(ctx, v).map(|(e, a)| (Speaker::Entity(e), Some(doc.span(a, v + 1)), "quote.before"))
}

/// "according to X" (a name that may speak) between tokens `from` and `to`, outside
/// quotation marks: X speaks the quotation after it.
fn according_to(ctx: &Ctx, from: usize, to: usize) -> Option<Found> {
    let (doc, index) = (ctx.doc, ctx.index);
    let a = (from..to.saturating_sub(2))
        .rev()
        .find(|&k| doc.lower(k) == "according" && doc.lower(k + 1) == "to" && !ctx.quoted[k])?;
    let name = if doc.lower(a + 2) == "the" { a + 3 } else { a + 2 };
    // The name is the whole noun phrase ("according to the Afghan team's coach" cites
    // the coach, not Afghanistan).
    let whole = |mm: &&Mention| {
        let e = mm.tokens.end;
        e <= to && (e == to || !matches!(doc.tokens[e].kind, TokenKind::Word | TokenKind::Possessive))
    };
    let mention = index.starting_at(name).filter(|mm| speaker_class(index.class(mm.entity))).filter(whole)?;
    Some((Speaker::Entity(mention.entity), Some(doc.span(a, mention.tokens.end)), "quote.according-to"))
}

/// The subject of a speech verb at `v`: a participle's is the sentence's first speaker
/// ("X ... emphasized ..., stating"); else the mention right before the verb (or before
/// auxiliaries: "X has said"), the sentence's opening name before an apposition ("X, a
/// spokesperson for Y, said"), a pronoun's antecedent, or a description's ("the
/// president said"). Returns the entity and the first token of the attribution.
fn subject_of(ctx: &Ctx, v: usize) -> Option<(EntityId, usize)> {
    speech_subject(ctx.doc, ctx.rules, ctx.index, &ctx.quoted, v)
}

/// A paragraph that introduces the next one's quotation: it ends with ":" or "," after a
/// speech verb ("Rathbun stated,") or after its subject's words ("X has called it
/// 'dangerous':").
fn introduced(ctx: &Ctx, para: usize) -> Option<Found> {
    let (doc, rules, index) = (ctx.doc, ctx.rules, ctx.index);
    let p = doc.paragraphs[para].clone();
    let last = p.end.checked_sub(1)?;
    if !matches!(doc.tok(last), ":" | ",") {
        return None;
    }
    let sentence = doc.sentences[doc.sentence_of(last)].clone();
    if let Some(v) = (sentence.start..last).rev().find(|&v| is_say(rules, doc, v)) {
        if let Some((e, a)) = subject_of(ctx, v) {
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
fn reported_speaker(ctx: &Ctx, range: Range<usize>) -> Option<Found> {
    let verbs = &ctx.verbs;
    let a = verbs.partition_point(|&v| v < range.start);
    let b = verbs.partition_point(|&v| v < range.end);
    // The last few speech verbs are enough: the nearest one that has a subject wins.
    verbs[a..b].iter().rev().take(8).find_map(|&v| {
        subject_of(ctx, v).map(|(e, a)| (Speaker::Entity(e), Some(ctx.doc.span(a, v + 1)), "quote.reported"))
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
