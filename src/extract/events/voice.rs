//! Who made a statement, or whose event a nominal trigger tells, when no name is its
//! subject (hooks of `events::Ctx`):
//!
//! - A spokesperson speaks for an organisation: "an Acme spokesperson said", "Acme's
//!   spokesman said" (over speech auxiliaries and adverbs before the verb), or "…,” said a
//!   Acme spokeswoman" (after a comma or quotation mark) is Acme's statement. The
//!   quotation itself still names no speaker (the contract wants none for "a spokesman
//!   said"); only the event is the organisation's. Nouns: the `voice-noun` word class.
//! - "a statement from X", "a statement by the company": an `issuer-link` word right
//!   after a nominal statement trigger names who made it (a name, or a definite
//!   description that `speakers::resolve_nominal` resolves).
//! - "his re-election bid", "its trade deal": a possessive pronoun (`possessive-person`,
//!   `possessive-group`) right before a nominal trigger, or one word before it, stands for
//!   the latest person (or organisation or country) named within `args::antecedent`'s
//!   reach.
//! - "X said Tuesday in a fireside chat with Y", "X said in an Oct. 3 letter to Z", "In a
//!   letter to Z, X said": the speaker of a statement verb right before a nominal trigger
//!   (a place preposition, a determiner and time words between), or after one opening its
//!   sentence with "In", took part in it, on the statement's day when it has none.
//! - An election's place is the place that names it ("the Nevada governorship election").

use super::super::index::{Mention, MentionIndex};
use super::super::EntityId;
use std::ops::Range;

use super::{args, quotes, time, Ctx, Trigger};
use crate::rules::{EntityClass, EventType, Rules, TriggerForm, WordClass};
use crate::text::{Doc, TokenKind};

/// How many words may stand between a statement verb and the occasion it was made at
/// ("said Tuesday in a fireside chat").
const OCCASION_GAP: usize = 4;

/// How many auxiliaries and adverbs may stand between a spokesperson and the verb ("an Acme
/// spokesperson has also said").
const VERB_GAP: usize = 2;

impl Ctx<'_> {
    /// The entity that made the event of trigger `tr` when no name is its subject (see the
    /// module comment): for a statement verb, the organisation of its spokesperson; for a
    /// statement noun, the issuer after it; for any nominal trigger, what a possessive
    /// pronoun before it stands for.
    pub(super) fn voice(&self, tr: &Trigger) -> Option<(EntityId, Option<usize>)> {
        let statement = tr.kind == EventType::Statement;
        let found = match tr.form {
            TriggerForm::Verb if statement => self.spokesperson_org(tr.tokens.start, tr.tokens.end),
            TriggerForm::Noun if statement => self.issuer(tr.tokens.end),
            _ => None,
        };
        let found = found.or_else(|| {
            (tr.form == TriggerForm::Noun)
                .then(|| possessive_pronoun_subject(self.doc, self.rules, self.index, tr.tokens.start))
                .flatten()
                .filter(|m| self.usable(m))
                .map(|m| m.entity)
        });
        let found =
            found.or_else(|| (tr.form == TriggerForm::Noun && !statement).then(|| self.occasion_speaker(tr)).flatten());
        found.map(|e| (e, None))
    }

    /// "X said Tuesday in a fireside chat with Y": the speaker of a statement verb shortly
    /// before a nominal trigger, with only a place preposition, a determiner and time words
    /// between them and no name, spoke at that occasion and took part in it.
    fn occasion_speaker(&self, tr: &Trigger) -> Option<EntityId> {
        let prev = &self.triggers[self.occasion_of(tr)?];
        self.speaker(prev.tokens.start).map(|(e, _)| e)
    }

    /// The index of the statement verb whose occasion the nominal trigger `tr` is (see
    /// `occasion_speaker`): the statement verb right before it ("said Tuesday in a
    /// fireside chat with Y", "said in an Oct. 3 letter to Z"), or the first one after it
    /// when it opens its sentence after "In" ("In a letter to Z, X said").
    fn occasion_of(&self, tr: &Trigger) -> Option<usize> {
        let (doc, lex) = (self.doc, &self.rules.lexicons);
        if tr.form != TriggerForm::Noun || tr.kind == EventType::Statement {
            return None;
        }
        let s = doc.sentences[doc.sentence_of(tr.tokens.start)].clone();
        let statement = |p: &Trigger| p.kind == EventType::Statement && p.form == TriggerForm::Verb;
        let place_word = |k: usize| lex.is(WordClass::PlacePreposition, doc.lower(k));
        let opening = tr.tokens.start <= s.start + 2 && place_word(s.start);
        if opening {
            return self
                .triggers
                .iter()
                .position(|p| p.tokens.start >= tr.tokens.end && p.tokens.start < s.end && statement(p));
        }
        let pi = self.triggers.iter().rposition(|p| p.tokens.end <= tr.tokens.start && p.tokens.start >= s.start)?;
        let gap = self.triggers[pi].tokens.end..tr.tokens.start;
        let plain = |k: usize| {
            matches!(doc.tokens[k].kind, TokenKind::Word | TokenKind::Number) && self.index.starting_at(k).is_none()
        };
        let fits = statement(&self.triggers[pi])
            && gap.len() <= OCCASION_GAP
            && gap.clone().any(place_word)
            && gap.clone().all(plain);
        fits.then_some(pi)
    }

    /// The time of the statement whose occasion trigger `ti` is ("said Tuesday in a
    /// fireside chat": the chat was on Tuesday).
    pub(super) fn occasion_time(&self, ti: usize, s: &Range<usize>) -> Option<time::TimeExpr> {
        self.occasion_of(&self.triggers[ti]).and_then(|pi| self.nearest_time(pi, s))
    }

    /// The organisation whose spokesperson is the subject of the statement verb at `v`
    /// (ending before `end`): before it, or after it when the verb follows a comma or a
    /// quotation mark.
    fn spokesperson_org(&self, v: usize, end: usize) -> Option<EntityId> {
        let (doc, lex) = (self.doc, &self.rules.lexicons);
        let gap = (v.saturating_sub(VERB_GAP)..v)
            .rev()
            .take_while(|&k| {
                let w = doc.lower(k);
                doc.tokens[k].kind == TokenKind::Word && (lex.is(WordClass::SpeechAuxiliary, w) || args::ly_adverb(w))
            })
            .count();
        let noun = v - gap;
        if noun > 0 && lex.is(WordClass::VoiceNoun, doc.lower(noun - 1)) {
            return self.organisation_before(noun - 1);
        }
        let inverted = v > 0 && {
            let before = doc.tok(v - 1);
            before == "," || before.starts_with(|c: char| quotes::is_quote_mark(c) || c == '\'')
        };
        if !inverted || end >= doc.tokens.len() {
            return None;
        }
        let first = end + usize::from(lex.is(WordClass::Determiner, doc.lower(end)));
        let m = self.index.starting_at(first).filter(|m| self.usable(m))?;
        let noun = m.tokens.end
            + usize::from(m.tokens.end < doc.tokens.len() && doc.tokens[m.tokens.end].kind == TokenKind::Possessive);
        (noun < doc.tokens.len() && lex.is(WordClass::VoiceNoun, doc.lower(noun)) && self.organisation(m))
            .then_some(m.entity)
    }

    /// The organisation named right before the noun at `noun`, bare or in the possessive
    /// ("an Acme spokesperson", "Acme's spokesman").
    fn organisation_before(&self, noun: usize) -> Option<EntityId> {
        let doc = self.doc;
        let end = if noun > 0 && doc.tokens[noun - 1].kind == TokenKind::Possessive { noun - 1 } else { noun };
        let m = self.index.ending_at(end).filter(|m| self.usable(m))?;
        self.organisation(m).then_some(m.entity)
    }

    fn organisation(&self, m: &Mention) -> bool {
        self.index.class(m.entity).base() == EntityClass::Organization
    }

    /// "a statement from X", "a statement by the company": the person or organisation
    /// after an `issuer-link` word at `end`.
    fn issuer(&self, end: usize) -> Option<EntityId> {
        let (doc, lex, index) = (self.doc, &self.rules.lexicons, self.index);
        if end + 1 >= doc.tokens.len() || !lex.is(WordClass::IssuerLink, doc.lower(end)) {
            return None;
        }
        let party = |e: EntityId| matches!(index.class(e).base(), EntityClass::Person | EntityClass::Organization);
        let at = end + 1;
        let named =
            index.starting_at(at).or_else(|| (doc.lower(at) == "the").then(|| index.starting_at(at + 1)).flatten());
        match named {
            Some(m) => (self.usable(m) && party(m.entity)).then_some(m.entity),
            None => args::described_at(doc, self.rules, index, at).filter(|&e| party(e)),
        }
    }
}

/// The mention a possessive pronoun right before the nominal trigger at `trigger` (or one
/// word before it: "his failed re-election bid") stands for: the latest person before it
/// for `possessive-person`, organisation or country for `possessive-group`.
fn possessive_pronoun_subject<'i>(
    doc: &Doc,
    rules: &Rules,
    index: &'i MentionIndex,
    trigger: usize,
) -> Option<&'i Mention> {
    let lex = &rules.lexicons;
    let p = (trigger.saturating_sub(2)..trigger).rev().find(|&k| {
        let w = doc.lower(k);
        lex.is(WordClass::PossessivePerson, w) || lex.is(WordClass::PossessiveGroup, w)
    })?;
    // One modifier at most, a lower-case word ("his failed bid"), not a name.
    if p + 1 < trigger && !doc.tok(p + 1).starts_with(char::is_lowercase) {
        return None;
    }
    let person = lex.is(WordClass::PossessivePerson, doc.lower(p));
    let classes: Vec<EntityClass> = if person {
        vec![EntityClass::Person]
    } else {
        use EntityClass::*;
        vec![Organization, NewsOrganization, GovernmentOrganization, InternationalOrganization, Company, Country]
    };
    args::antecedent(index, p, &classes)
}

/// The place of an election of kind `kind`: the place among its participants, which names
/// it ("the Nevada governorship election"); none for other events.
pub(super) fn election_place(index: &MentionIndex, kind: EventType, participants: &[EntityId]) -> Option<EntityId> {
    let place = |e: &&EntityId| index.class(**e).base() == EntityClass::Place;
    (kind == EventType::Election).then(|| participants.iter().find(place).copied()).flatten()
}
