//! Who a pronoun or a definite description stands for, when it is the subject of a speech
//! verb ("he said", "the president said", "the company said").
//!
//! Pronouns: "he"/"she" go to a person of that gender (a given name's
//! gender from `first-name-genders.tsv`, or "Mr."/"Mrs."/"Ms." before a mention) or of no
//! known gender; "it"/"they" to an organisation or country. Among the compatible mentions
//! outside quotation marks, the latest sentence that has one wins, and in it the first
//! (the subject: "Suter, who joked about Parise, ...; “...,” he said" is Suter); "it" and
//! "they" look no further back than two sentences.
//! "It" and "they" prefer the subject of a recent clause to a name hanging on a preposition
//! ("a fund run by X"), and "they" after "A and B" (two people) names no organisation.
//! Descriptions: "the president" goes to the person mentioned latest of those named
//! with that title before ("President Jane Roe ... Roe's plan"); "the company" and the nouns of
//! `speaker-nouns.tsv` to an organisation of their kind named before (its name has one of
//! the row's head words: "the utility" → "... Electric"), else, for the rows that say so,
//! the latest entity of their classes; "the doctors" (a plural source noun) to a group named with that word ("Doctors
//! for X"), else no one.

use super::index::{pronoun_classes, MentionIndex};
use super::EntityId;
use crate::rules::{EntityClass, Gender, Rules, WordClass};
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
    let first_in = |s: usize| candidates.iter().find(|m| doc.sentence_of(m.tokens.start) == s);
    if gender.is_some() {
        return first_in(sentence).map(|m| m.entity);
    }
    // "it" and "they" also stand for things and unnamed groups: only a recent name counts.
    let here = doc.sentence_of(t);
    if here > sentence + ORG_SENTENCES {
        return None;
    }
    // The subject of a recent clause, not a name attached by a preposition ("X denied it.
    // Its catalogue went to a fund run by Y. “…,” they said": X).
    let subject = candidates
        .iter()
        .rev()
        .filter(|m| doc.sentence_of(m.tokens.start) + ORG_SENTENCES >= here && !attached(doc, rules, m.tokens.start))
        .map(|m| doc.sentence_of(m.tokens.start))
        .next()
        .and_then(|s| {
            candidates.iter().find(|m| doc.sentence_of(m.tokens.start) == s && !attached(doc, rules, m.tokens.start))
        });
    let found = subject.or_else(|| first_in(sentence))?;
    // "They" after "A and B" (two people) stands for them, not for an organisation before.
    let people_between = doc.lower(t) == "they"
        && index.starting_within(found.tokens.end, before).iter().any(|m| {
            index.class(m.entity) == EntityClass::Person && coordinated_person_follows(doc, index, m.tokens.end)
        });
    (!people_between).then_some(found.entity)
}

/// How many words a name attached by a preposition may stand after it ("in an upcoming X
/// documentary").
const ATTACHMENT_GAP: usize = 3;

/// Whether the name starting at token `start` hangs on a preposition a few lower-case words
/// before it ("to a fund run by X", "in an upcoming X documentary"): no clause's subject.
fn attached(doc: &Doc, rules: &Rules, start: usize) -> bool {
    let lex = &rules.lexicons;
    for k in (start.saturating_sub(ATTACHMENT_GAP)..start).rev() {
        let w = doc.lower(k);
        if doc.tokens[k].kind != TokenKind::Word || !doc.tok(k).starts_with(char::is_lowercase) {
            return false;
        }
        if lex.is(WordClass::AttachmentPreposition, w) || lex.is(WordClass::PlacePreposition, w) {
            return true;
        }
    }
    false
}

/// Whether "and" and a person's name follow token `end` ("A and B").
fn coordinated_person_follows(doc: &Doc, index: &MentionIndex, end: usize) -> bool {
    end + 1 < doc.tokens.len()
        && doc.lower(end) == "and"
        && index.starting_at(end + 1).is_some_and(|m| index.class(m.entity) == EntityClass::Person)
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
    if let Some(group) = named_group(doc, rules, index, the, head) {
        return Some((group, the));
    }
    let noun = lex.speaker_nouns.get(doc.lower(head))?;
    let fits = |c: EntityClass| noun.classes.contains(&c);
    // An organisation of the noun's kind, named anywhere before ("Norvex Electric ... the
    // utility said"), else the latest of its classes.
    let of_kind = index.starting_within(0, the).iter().rev().find(|m| {
        m.tokens.end <= the
            && fits(index.class(m.entity))
            && has_name_head(&index.entities[m.entity].label, &noun.name_heads)
    });
    let m = of_kind.or_else(|| noun.otherwise_latest.then(|| index.latest_before(from, the, fits)).flatten())?;
    Some((m.entity, the))
}

/// Whether an organisation's label has one of the head words of a kind ("Electric"; the
/// heads are lower case).
fn has_name_head(label: &str, heads: &[String]) -> bool {
    !heads.is_empty()
        && label.split(|c: char| !c.is_alphanumeric()).any(|w| heads.iter().any(|h| h.eq_ignore_ascii_case(w)))
}

/// A group named in the article that a plural source noun after "the" at token `the`
/// stands for: the latest organisation before whose name has that noun ("Doctors for Safe
/// Water ... the doctors said"). A group the article does not name is no speaker (the noun
/// stays an anonymous source).
pub fn named_group(doc: &Doc, rules: &Rules, index: &MentionIndex, the: usize, head: usize) -> Option<EntityId> {
    let noun = doc.lower(head);
    if !noun.ends_with('s') || !rules.lexicons.source_nouns.contains(noun) {
        return None;
    }
    let named = |e: EntityId| {
        index.class(e).base() == EntityClass::Organization
            && index.entities[e].label.split(|c: char| !c.is_alphanumeric()).any(|w| w.eq_ignore_ascii_case(noun))
    };
    index.starting_within(0, the).iter().rev().find(|m| m.tokens.end <= the && named(m.entity)).map(|m| m.entity)
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
