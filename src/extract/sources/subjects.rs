//! Which speech words are speech acts, and the long descriptions that can be their subjects.
//!
//! Not a speech act: a speech verb right before a number ("added 25 points", "claimed 12
//! lives"; the forms of "say" do report figures: "said 25 people died"), before "by" and a
//! participle ("responded by hitting him"), and a bare form right after a name that
//! itself follows a determiner or modifier: a noun the name modifies ("a future
//! Palestinian state", "a Trump tweet"; not "WHO say"), and an -s form right after a
//! demonym ("the Syrian claims are false").
//! Long descriptions: a source noun with a post-modifier ("two people briefed on the talks
//! said", "employees of a car dealership said") is labelled with it; one with a relative
//! clause ("a spokesperson who asked not to be named said", "Israeli settlers, who ...,
//! said") is labelled without it, as the contract's labels are. A name in the
//! post-modifier ("a spokesperson for the ministry said") is not the source.

use super::super::index::MentionIndex;
use super::description_ending_at;
use crate::rules::{Rules, WordClass};
use crate::text::{Doc, TokenKind};

/// How many tokens a subject description with its modifier may span before its verb.
const MAX_SUBJECT: usize = 30;

/// How many tokens a post-modifier ("briefed on last weekend's trade phone call") may span.
const MAX_POST_MODIFIER: usize = 10;

/// Whether the speech word at `t` (of a sentence ending at `end`) is used as no speech act.
pub fn not_speech(doc: &Doc, rules: &Rules, index: &MentionIndex, t: usize, end: usize) -> bool {
    let w = doc.lower(t);
    let next = t + 1;
    if next < end && doc.tokens[next].kind == TokenKind::Number && !is_say_form(w) {
        return true;
    }
    if next + 1 < end && doc.lower(next) == "by" && doc.lower(next + 1).ends_with("ing") {
        return true;
    }
    // "the Russian and Syrian claims are false": a demonym (an adjective) before an -s
    // form makes it a plural noun, whose nation says nothing.
    if w.ends_with('s') && !is_say_form(w) {
        if let Some(m) = index.ending_at(t).filter(|m| m.tokens.len() == 1) {
            let key = crate::rules::token_key([doc.tok(m.tokens.start)]);
            if rules.gazetteer.demonym(&key).is_some() {
                return true;
            }
        }
    }
    if is_bare_form(w) {
        if let Some(m) = index.ending_at(t).filter(|m| m.tokens.start > 0) {
            // The name modifies the word: it follows a determiner or a modifier ("a future
            // Palestinian state"), not a clause's start ("WHO say", "that Britain and Japan
            // say").
            let before = m.tokens.start - 1;
            let b = doc.tok(before);
            return doc.tokens[before].kind == TokenKind::Word
                && b.chars().next().is_some_and(char::is_lowercase)
                && !lex_break(rules, doc.lower(before));
        }
    }
    false
}

fn lex_break(rules: &Rules, w: &str) -> bool {
    rules.lexicons.is(WordClass::SourceClauseBreak, w)
}

/// The forms of "say", which may report a figure ("said 25 people died").
fn is_say_form(w: &str) -> bool {
    matches!(w, "say" | "says" | "said" | "saying")
}

/// A verb's bare form ("state", "tweet"), which no singular name can be the subject of.
fn is_bare_form(w: &str) -> bool {
    !(w.ends_with('s') || w.ends_with("ed") || w.ends_with("ing") || matches!(w, "said" | "told" | "wrote"))
}

/// A description with a post-modifier or a relative clause ending right before the speech
/// verb at `t`, in a sentence starting at `start`: the token range of its label.
pub fn described_subject(doc: &Doc, rules: &Rules, start: usize, t: usize) -> Option<(usize, usize)> {
    let lex = &rules.lexicons;
    let from = start.max(t.saturating_sub(MAX_SUBJECT));
    // The first source noun whose words up to the verb modify it.
    (from..t.saturating_sub(1)).find_map(|head| {
        if !lex.source_nouns.contains(doc.lower(head)) {
            return None;
        }
        let label_end = modifier_end(doc, rules, head + 1, t)?;
        let a = description_ending_at(doc, rules, start, head + 1)?;
        Some((a, label_end))
    })
}

/// A description whose post-modifier ends in the name right before the speech verb at `t`
/// ("a spokesperson for the British Foreign Office said": an anonymous source, not the
/// office): the token range of its label.
pub fn name_in_description(
    doc: &Doc,
    rules: &Rules,
    index: &MentionIndex,
    start: usize,
    t: usize,
) -> Option<(usize, usize)> {
    let name = index.ending_at(t)?;
    described_subject(doc, rules, start, t).filter(|&(a, b)| a < name.tokens.start && b == t)
}

/// Whether tokens `m..t` modify the noun before `m`: a post-modifier ("familiar with the
/// matter", "of a car dealership") gives the label's end `t`; a relative clause
/// (", who asked not to be named,") gives `m`, the label without it.
fn modifier_end(doc: &Doc, rules: &Rules, m: usize, t: usize) -> Option<usize> {
    let lex = &rules.lexicons;
    if m >= t {
        return None;
    }
    let comma = doc.tok(m) == ",";
    let r = if comma { m + 1 } else { m };
    if r < t && matches!(doc.lower(r), "who" | "whose") {
        // A relative clause: no comma inside it; one after it closes an opening one.
        let inner_end = if doc.tok(t - 1) == "," { t - 1 } else { t };
        let clean = (r..inner_end).all(|k| !matches!(doc.tok(k), "," | ";" | ":") && !is_quote(doc, k));
        return (clean && (!comma || inner_end < t)).then_some(m);
    }
    if comma || t - m > MAX_POST_MODIFIER || !lex.is(WordClass::Familiarity, doc.lower(m)) {
        return None;
    }
    let plain = (m..t).all(|k| match doc.tokens[k].kind {
        TokenKind::Word => {
            let w = doc.lower(k);
            !lex.is(WordClass::SourceClauseBreak, w) && !lex.speech_verbs.contains_key(w) && w != "who"
        }
        TokenKind::Possessive | TokenKind::Number => true,
        _ => doc.tok(k) == "-",
    });
    plain.then_some(t)
}

fn is_quote(doc: &Doc, k: usize) -> bool {
    doc.tokens[k].kind == TokenKind::Punct
        && doc.tok(k).chars().next().is_some_and(crate::extract::quotes::is_quote_mark)
}
