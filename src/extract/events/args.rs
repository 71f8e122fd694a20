//! Argument cues of event triggers beyond the nearest name (hooks of `events::Ctx`):
//!
//! - A plural demonym ("Indians", "North Koreans") names people of a country, not the
//!   country: no participant ("300 Indians were deported by Mexican authorities" is
//!   Mexico's act, not India's; the adjective "Mexican" still stands for Mexico).
//! - "X's ruling": a name in the possessive or as a compound modifier right before a
//!   nominal trigger (or before one lower-case word before it) is its subject, even after a
//!   preposition ("attributed the rally to the court's ruling", "the outcome of the Nevada
//!   governorship election").
//! - ", saying ...": a participle after a comma speaks for the subject of its sentence
//!   ("X decided on Monday to weigh in, saying ..."), the first name of the sentence, or
//!   the last of a chain of names and titles that opens it ("Acme chief Ana Lima").
//! - "the move announced on Monday by X": a statement verb's participle with no subject
//!   speaks for the name after "by" (a few words on, before any punctuation).
//! - Time words inside a name ("USA Today") tell no time of an event.
//! - "told the company", "sued the firm": a definite description right after a trigger
//!   stands for the organisation or person named before (`speakers::resolve_nominal`).
//! - "…, where he was arrested": a clause opened after a comma by a `clause-opener` word
//!   has a subject of its own; names before the comma are not the subject of a trigger in it.

use std::ops::Range;

use super::super::index::{pronoun_classes, Mention, MentionIndex};
use super::super::{speakers, EntityId};
use crate::rules::{token_key, EntityClass, Rules, WordClass};
use crate::text::{Doc, TokenKind};

/// How many words may stand between two names of the chain that opens a sentence
/// ("Acme chief operating officer Ana Lima").
const CHAIN_GAP: usize = 3;

/// Whether mention `m` is a plural demonym ("Indians"): its text is a demonym whose
/// singular ("Indian") is one too.
pub(super) fn plural_demonym(doc: &Doc, rules: &Rules, m: &Mention) -> bool {
    let key = token_key((m.tokens.start..m.tokens.end).map(|k| doc.tok(k)));
    let gaz = &rules.gazetteer;
    key.strip_suffix('s').is_some_and(|singular| gaz.demonym(singular).is_some()) && gaz.demonym(&key).is_some()
}

/// Whether mention `m` modifies the nominal trigger starting at `trigger`: in the
/// possessive ("the court's ruling") or as a compound modifier ("the Nevada governorship
/// election"), right before it or before one lower-case word that precedes it.
pub(super) fn modifies(doc: &Doc, rules: &Rules, m: &Mention, trigger: usize) -> bool {
    let end = m.tokens.end + usize::from(doc.tokens[m.tokens.end].kind == TokenKind::Possessive);
    end == trigger
        || (end + 1 == trigger
            && doc.tokens[end].kind == TokenKind::Word
            && doc.tok(end).starts_with(char::is_lowercase)
            // "X said talks ...": a verb between is no modifier.
            && !rules.lexicons.speech_verbs.contains_key(doc.lower(end)))
}

/// The subject of the sentence starting at `start` for a participle at `v` after a comma
/// (see the module comment): the last name of the chain of names that opens the sentence,
/// or the person or organisation a pronoun opening it stands for.
pub(super) fn sentence_subject(
    doc: &Doc,
    rules: &Rules,
    index: &MentionIndex,
    usable: impl Fn(&Mention) -> bool,
    start: usize,
    v: usize,
) -> Option<EntityId> {
    if v == 0 || doc.tok(v - 1) != "," {
        return None;
    }
    let party = |m: &Mention| matches!(index.class(m.entity).base(), EntityClass::Person | EntityClass::Organization);
    let Some(classes) = pronoun_classes(doc, rules, start) else {
        // The sentence must open with a name (after at most determiners, titles and
        // other capitalised words).
        let subject = opening_name(doc, rules, index, start..v)?;
        return (party(subject) && usable(subject)).then_some(subject.entity);
    };
    // "She criticised the plan on Monday, saying ...".
    antecedent(index, start, classes).map(|m| m.entity)
}

/// How many tokens back a pronoun that is an event's subject looks for what it stands for.
const PRONOUN_REACH: usize = 80;

/// What the pronoun at token `p`, of the classes `classes`, stands for: the latest mention
/// of one of them within `PRONOUN_REACH` tokens before it.
pub(super) fn antecedent<'i>(index: &'i MentionIndex, p: usize, classes: &[EntityClass]) -> Option<&'i Mention> {
    index.latest_before(p.saturating_sub(PRONOUN_REACH), p, |c| classes.contains(&c))
}

/// The entity a definite description starting at token `start` stands for ("the company",
/// "the Treasury secretary"), when it is one.
pub(super) fn described_at(doc: &Doc, rules: &Rules, index: &MentionIndex, start: usize) -> Option<EntityId> {
    if start >= doc.tokens.len() || doc.lower(start) != "the" || index.starting_at(start + 1).is_some() {
        return None;
    }
    (start + 2..=(start + 3).min(doc.tokens.len()))
        .rev()
        .filter(|&end| end == doc.tokens.len() || doc.tokens[end].kind != TokenKind::Possessive)
        .find_map(|end| speakers::resolve_nominal(doc, rules, index, end).filter(|&(_, the)| the == start))
        .map(|(e, _)| e)
}

/// Whether the tokens `tokens` lie inside one mention ("Today" in "USA Today").
pub(super) fn inside_mention(index: &MentionIndex, tokens: &Range<usize>) -> bool {
    index
        .starting_within(tokens.start.saturating_sub(MAX_NAME_TOKENS), tokens.start)
        .iter()
        .any(|m| m.tokens.start <= tokens.start && m.tokens.end >= tokens.end)
}

/// How many tokens before a time expression a name containing it may start.
const MAX_NAME_TOKENS: usize = 12;

/// How many words may stand between a participle and the "by" of its agent ("announced
/// on Monday by X").
const AGENT_GAP: usize = 4;

/// The agent of the participle ending before token `end`: the name after "by" within
/// `AGENT_GAP` words, before the clause's end `right` and any punctuation.
pub(super) fn passive_agent<'i>(
    doc: &Doc,
    rules: &Rules,
    index: &'i MentionIndex,
    end: usize,
    right: usize,
) -> Option<&'i Mention> {
    if end == 0 || !doc.lower(end - 1).ends_with("ed") {
        return None;
    }
    // "was reportedly rejected by X" is a passive, not a participle: no statement.
    let before = (0..end - 1).rev().find(|&k| !ly_adverb(doc.lower(k)));
    if before.is_some_and(|k| rules.lexicons.is(WordClass::PassiveAuxiliary, doc.lower(k))) {
        return None;
    }
    let by = (end..right.min(end + AGENT_GAP + 1))
        .take_while(|&k| doc.tokens[k].kind == TokenKind::Word)
        .find(|&k| doc.lower(k) == "by")?;
    opening_name(doc, rules, index, by + 1..right)
}

/// The name that opens `range` after at most determiners, titles and other capitalised
/// words: the last of a chain of names and titles ("US Secretary of State Jane Roe",
/// with "of" inside a title;
/// "Acme chief Ana Lima").
fn opening_name<'i>(doc: &Doc, rules: &Rules, index: &'i MentionIndex, range: Range<usize>) -> Option<&'i Mention> {
    let lex = &rules.lexicons;
    let opener = |k: usize| {
        doc.tokens[k].kind == TokenKind::Possessive
            || (doc.tokens[k].kind == TokenKind::Word
                && (lex.is(WordClass::Determiner, doc.lower(k))
                    || lex.titles.contains_key(doc.lower(k))
                    || doc.tok(k).starts_with(char::is_uppercase)))
    };
    let start = range.start;
    let mentions = index.outermost_in(range);
    // "Secretary of State Jane Roe": "of" inside a title.
    let opener = |k: usize| opener(k) || (k > start && doc.lower(k) == "of");
    let mut name = *mentions.first().filter(|m| (start..m.tokens.start).all(opener))?;
    for m in mentions.iter().skip(1) {
        let gap = name.tokens.end..m.tokens.start;
        if gap.len() > CHAIN_GAP || !gap.clone().all(opener) {
            break;
        }
        name = m;
    }
    Some(name)
}

/// Where the subject of a trigger at `trigger` may start, from `from` on: after a
/// `clause-opener` word that follows a comma ("…, where he was arrested"), when no other
/// comma closes that clause before the trigger; else `from`.
pub(super) fn subject_clause_start(doc: &Doc, rules: &Rules, from: usize, trigger: usize) -> usize {
    (from + 1..trigger)
        .rev()
        .take_while(|&i| doc.tok(i) != ",")
        .find(|&i| doc.tok(i - 1) == "," && rules.lexicons.is(WordClass::ClauseOpener, doc.lower(i)))
        .map_or(from, |i| i + 1)
}

/// Whether a lower-cased word is taken for an adverb between a subject and its verb: a word
/// in "-ly" of more than four letters ("reportedly", "sharply"; not "only").
pub(super) fn ly_adverb(word: &str) -> bool {
    word.ends_with("ly") && word.len() > 4
}
