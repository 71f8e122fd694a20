//! The subject of a speech verb, for quotations, statements and sources: a participle's is
//! the sentence's first speaker; else the name right before the verb (or its auxiliaries),
//! a name in apposition to a description before it ("The company that runs X, Y, denies"),
//! the sentence's opening name before an apposition or relative clause ("X, which owns Y,
//! said"), a pronoun's antecedent, or a description's ("the president said", "the utility
//! said"; `speakers`).

use super::{skip_auxiliaries, speaker_class};
use crate::extract::index::{Mention, MentionIndex};
use crate::extract::speakers::{person_by_surname, resolve_nominal, resolve_pronoun};
use crate::extract::EntityId;
use crate::rules::{Rules, WordClass};
use crate::text::{Doc, TokenKind};

/// The first mention of a possible speaker in a sentence (from token `sentence_start`)
/// that ends before token `v`, outside quotation marks: the subject of a participle
/// ("X rejected the plan, calling it …", "X said so, adding: …").
pub(crate) fn first_speaker_before<'i>(
    index: &'i MentionIndex,
    quoted: &[bool],
    sentence_start: usize,
    v: usize,
) -> Option<&'i Mention> {
    index
        .starting_within(sentence_start, v)
        .iter()
        .find(|mm| mm.tokens.end <= v && !quoted[mm.tokens.start] && speaker_class(index.class(mm.entity)))
}

/// The subject of the speech verb at `v` (see `subject_of`), for other stages; `quoted`
/// marks the tokens inside quotation marks (`speakers::quoted_tokens`).
pub fn speech_subject(
    doc: &Doc,
    rules: &Rules,
    index: &MentionIndex,
    quoted: &[bool],
    v: usize,
) -> Option<(EntityId, usize)> {
    let sentence = doc.sentences[doc.sentence_of(v)].clone();
    let speaks = |mm: &&Mention| speaker_class(index.class(mm.entity));
    if doc.tok(v).ends_with("ing") {
        // "with Boswell stating: ..." names its own subject; else the sentence's first speaker.
        if let Some(mention) = index.ending_at(v).filter(speaks) {
            return Some((mention.entity, mention.tokens.start));
        }
        let first = first_speaker_before(index, quoted, sentence.start, v)?;
        return Some((first.entity, first.tokens.start));
    }
    let s = skip_auxiliaries(doc, rules, sentence.start, v);
    // "The company that owns X said": the description speaks, not the name in its clause.
    if let Some(relative) = relative_clause_opening(doc, rules, sentence.start, s) {
        return resolve_nominal(doc, rules, index, relative).filter(|&(_, the)| the == sentence.start);
    }
    if let Some(mention) = index.ending_at(s).filter(speaks) {
        return Some((mention.entity, mention.tokens.start));
    }
    if let Some(e) = (s > sentence.start).then(|| person_by_surname(doc, index, s - 1)).flatten() {
        return Some((e, s - 1));
    }
    if s > sentence.start + 1 && doc.tok(s - 1) == "," {
        // A name in apposition to a description opening the sentence ("The company that
        // runs X, Y Corp., denies"): the name between the last two commas.
        let apposition = index.ending_at(s - 1).filter(speaks).filter(|mm| {
            mm.tokens.start > sentence.start + 2
                && doc.tok(mm.tokens.start - 1) == ","
                && opens_with_description(doc, rules, sentence.start)
        });
        if let Some(mention) = apposition {
            return Some((mention.entity, mention.tokens.start));
        }
        // The name opening the sentence, before its first comma ("Cmdr. X, a spokesperson
        // for Y, the operation against Z, told reporters").
        if let Some(c0) = (sentence.start..s - 1).find(|&c| doc.tok(c) == ",") {
            let opening = index.ending_at(c0).filter(speaks).filter(|mm| {
                (sentence.start..mm.tokens.start).all(|k| doc.tokens[k].kind == TokenKind::Word)
                    && mm.tokens.start <= sentence.start + 3
            });
            if let Some(mention) = opening {
                return Some((mention.entity, mention.tokens.start));
            }
        }
        if let Some(c1) = (sentence.start..s - 1).rev().find(|&c| doc.tok(c) == ",") {
            if let Some(mention) = index.ending_at(c1).filter(speaks) {
                return Some((mention.entity, mention.tokens.start));
            }
        }
    }
    if s > sentence.start {
        if let Some(e) = resolve_pronoun(doc, rules, index, quoted, s - 1, s - 1) {
            return Some((e, s - 1));
        }
    }
    resolve_nominal(doc, rules, index, s)
}

/// Whether a sentence starting at token `start` opens with a determiner and a lower-case
/// word ("The company that ...", "A group of ...").
fn opens_with_description(doc: &Doc, rules: &Rules, start: usize) -> bool {
    start + 1 < doc.tokens.len()
        && rules.lexicons.is(WordClass::Determiner, doc.lower(start))
        && doc.tokens[start + 1].kind == TokenKind::Word
        && doc.tok(start + 1).starts_with(char::is_lowercase)
}

/// The longest relative clause read between a description and its speech verb.
const MAX_RELATIVE: usize = 12;

/// A sentence from token `start` that opens with a description of a possible speaker and a
/// relative clause running, with no comma, to the verb's clause at `s` ("The utility that
/// serves the valley said", "The company which owns X said"): the relative word's token.
pub(crate) fn relative_clause_opening(doc: &Doc, rules: &Rules, start: usize, s: usize) -> Option<usize> {
    let lex = &rules.lexicons;
    let relative = (start + 2..s.min(start + 4)).find(|&k| matches!(doc.lower(k), "that" | "which" | "who"))?;
    let head = doc.lower(relative - 1);
    let speaker_noun =
        lex.speaker_nouns.contains_key(head) || lex.source_nouns.contains(head) || lex.titles.contains_key(head);
    let plain = s - relative <= MAX_RELATIVE
        && (start..s)
            .all(|k| matches!(doc.tokens[k].kind, TokenKind::Word | TokenKind::Possessive | TokenKind::Number));
    (speaker_noun && plain && opens_with_description(doc, rules, start)).then_some(relative)
}
