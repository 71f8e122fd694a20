//! Who a pronoun or a definite description stands for, when it is the subject of a speech
//! verb ("he said", "the president said", "the company said").
//!
//! Pronouns: "he"/"she" go to a person of that gender (a given name's
//! gender from `first-name-genders.tsv`, or "Mr."/"Mrs."/"Ms." before a mention) or of no
//! known gender; "it"/"they" to an organisation or country. Among the compatible mentions
//! outside quotation marks, the latest sentence that has one wins, and in it the first
//! (the subject: "Suter, who joked about Parise, ...; “...,” he said" is Suter); "it" and
//! "they" look no further back than two sentences.
//! Descriptions: "the president" goes to the person mentioned latest of those named
//! with that title before ("President Jane Roe ... Roe's plan"); "the company" and the nouns of
//! `speaker-nouns.tsv` to the latest entity of their classes.

use super::index::{pronoun_classes, MentionIndex};
use super::EntityId;
use crate::rules::{EntityClass, Gender, Rules};
use crate::text::{Doc, TokenKind};

/// How far back (in tokens) an antecedent is looked for.
const WINDOW: usize = 250;

/// How many sentences back "it" or "they" may find its organisation.
const ORG_SENTENCES: usize = 2;

/// The token positions inside quotation marks of a document (tracked per paragraph), so
/// that names inside quotations are not taken as antecedents.
pub fn quoted_tokens(doc: &Doc) -> Vec<bool> {
    let mut inside_at = vec![false; doc.tokens.len()];
    for p in &doc.paragraphs {
        let mut inside = false;
        for t in p.clone() {
            let c = doc.tok(t).chars().next().unwrap_or(' ');
            if doc.tokens[t].kind == TokenKind::Punct && matches!(c, '"' | '\u{201C}' | '\u{201D}') {
                inside = if c == '"' { !inside } else { c == '\u{201C}' };
                continue;
            }
            inside_at[t] = inside;
        }
    }
    inside_at
}

/// The gender an entity's name or its honorifics show, if any.
pub fn gender_of(doc: &Doc, rules: &Rules, index: &MentionIndex, entity: EntityId) -> Option<Gender> {
    let e = &index.entities[entity];
    if e.class != EntityClass::Person {
        return None;
    }
    let first = e.label.split([' ', '-']).next().unwrap_or("");
    if let Some(&g) = rules.lexicons.first_name_genders.get(first) {
        return Some(g);
    }
    index.mentions_of(entity).filter(|m| m.tokens.start > 0).find_map(|m| match doc.lower(m.tokens.start - 1) {
        "mr." | "mr" => Some(Gender::Male),
        "mrs." | "mrs" | "ms." | "ms" => Some(Gender::Female),
        _ => None,
    })
}

/// The entity a pronoun at token `t` stands for, looking before token `before`; `quoted`
/// marks the tokens inside quotation marks.
pub fn resolve_pronoun(
    doc: &Doc,
    rules: &Rules,
    index: &MentionIndex,
    quoted: &[bool],
    t: usize,
    before: usize,
) -> Option<EntityId> {
    pronoun_classes(doc, rules, t)?;
    let gender = pronoun_gender(doc, t);
    let fits = |entity: EntityId| fits_pronoun(doc, rules, index, t, entity);
    let from = before.saturating_sub(WINDOW);
    let candidates: Vec<_> = index
        .starting_within(from, before)
        .iter()
        .filter(|m| m.tokens.end <= before && !quoted[m.tokens.start] && fits(m.entity))
        .filter(|m| !nested(index, m.tokens.clone()))
        .collect();
    let latest = candidates.iter().max_by_key(|m| m.tokens.end)?;
    let sentence = doc.sentence_of(latest.tokens.start);
    // "it" and "they" also stand for things and unnamed groups: only a recent name counts.
    if gender.is_none() && doc.sentence_of(t) > sentence + ORG_SENTENCES {
        return None;
    }
    candidates.iter().find(|m| doc.sentence_of(m.tokens.start) == sentence).map(|m| m.entity)
}

/// Whether a mention lies inside a longer one (a place inside an organisation's name).
fn nested(index: &MentionIndex, tokens: std::ops::Range<usize>) -> bool {
    index
        .starting_within(tokens.start.saturating_sub(12), tokens.start)
        .iter()
        .any(|o| o.tokens != tokens && o.tokens.start <= tokens.start && o.tokens.end >= tokens.end)
}

/// The entity a definite description ending right before token `end` stands for ("the
/// president", "the company", "the Treasury secretary"): returns it with the first token
/// of the description.
pub fn resolve_nominal(doc: &Doc, rules: &Rules, index: &MentionIndex, end: usize) -> Option<(EntityId, usize)> {
    let lex = &rules.lexicons;
    let head = end.checked_sub(1)?;
    if doc.tokens[head].kind != TokenKind::Word {
        return None;
    }
    // The determiner: "the" one or two words before the end.
    let the = (head.saturating_sub(2)..head).rev().find(|&k| doc.lower(k) == "the")?;
    if (the + 1..end).any(|k| doc.tokens[k].kind != TokenKind::Word) {
        return None;
    }
    let phrase: Vec<&str> = (the + 1..end).map(|k| doc.lower(k)).collect();
    let from = the.saturating_sub(WINDOW * 2);
    if let Some(title) = lex.titles.get(&phrase.join(" ")).or_else(|| lex.titles.get(doc.lower(head))) {
        // The person named latest before of those named with this title before ("Gov. Jane
        // Roe ... Gov. Tom Vale of Ohio ... Roe's budget. The governor said": Roe).
        let before: Vec<_> = index.starting_within(from, the).iter().filter(|m| m.tokens.end <= the).collect();
        let holders: Vec<EntityId> = before
            .iter()
            .filter(|m| {
                index.class(m.entity) == EntityClass::Person && titled(doc, rules, m.tokens.start, &title.title)
            })
            .map(|m| m.entity)
            .collect();
        let named = before.iter().rev().find(|m| holders.contains(&m.entity));
        return named.map(|m| (m.entity, the));
    }
    let classes = lex.speaker_nouns.get(doc.lower(head))?;
    let m = index.latest_before(from, the, |c| classes.contains(&c))?;
    Some((m.entity, the))
}

/// Whether the words right before token `start` are the title `title` ("President Roe",
/// "U.S. President Roe", "Treasury Secretary Roe").
fn titled(doc: &Doc, rules: &Rules, start: usize, title: &str) -> bool {
    let lex = &rules.lexicons;
    (1..=lex.title_max_tokens.min(start)).any(|n| {
        let surface: Vec<&str> = (start - n..start).map(|k| doc.lower(k)).collect();
        lex.titles.get(&surface.join(" ")).is_some_and(|t| t.title == title || t.title.ends_with(&format!(" {title}")))
    })
}

/// The person whose name ends with the capitalised word at token `t` ("Sowers" for
/// "Eyamba Sowers"), when exactly one person of the article has that surname and no kept
/// mention covers the word: a surname that is also an English word ("Price", "Young") is
/// not always kept as a name on its own.
pub fn person_by_surname(doc: &Doc, index: &MentionIndex, t: usize) -> Option<EntityId> {
    let tok = doc.tok(t);
    if doc.tokens[t].kind != TokenKind::Word || !tok.starts_with(char::is_uppercase) || tok.chars().count() < 2 {
        return None;
    }
    if index.starting_within(t.saturating_sub(12), t).iter().any(|m| m.tokens.contains(&t)) {
        return None;
    }
    index.person_by_surname(tok)
}

/// Whether the pronoun at token `t` can stand for `entity` (by class and gender): the
/// speaker of a recent quotation stays the referent of "it said" / "they said" past the
/// few sentences a name is looked for ("X denied it. “…,” they said. “…” Now they have
/// put out another statement. “…,” it says.").
pub fn fits_pronoun(doc: &Doc, rules: &Rules, index: &MentionIndex, t: usize, entity: EntityId) -> bool {
    let Some(classes) = pronoun_classes(doc, rules, t) else { return false };
    classes.contains(&index.class(entity))
        && pronoun_gender(doc, t).is_none_or(|g| gender_of(doc, rules, index, entity).is_none_or(|h| h == g))
}

/// The gender a pronoun at token `t` names ("he", "her"), if any.
fn pronoun_gender(doc: &Doc, t: usize) -> Option<Gender> {
    match doc.lower(t) {
        "he" | "him" => Some(Gender::Male),
        "she" | "her" => Some(Gender::Female),
        _ => None,
    }
}
