//! Owners of a post named near it but not right before its title: an organisation noun
//! standing for the organisation named last ("company CEO X", "agency spokesperson X"), an
//! "of" phrase after the name ("Senior researcher X, of the University of Y"), and an
//! organisation after a title set off by commas ("X, Director, Y Securities."); and the
//! news outlet before a reporter's beat ("VOA Pentagon correspondent X": VOA's, not the
//! Pentagon's).
//!
//! **Invariant:** each returns an organisation or place the article names, never a person;
//! the holding's evidence is not widened to the owner's words after the name.

use super::phrase::last_organisation_before;
use super::{Ctx, Named};
use crate::extract::EntityId;
use crate::rules::{EntityClass, WordClass};
use crate::text::TokenKind;

/// "company CEO X", "the agency spokesperson X": an organisation noun right before a title
/// starting at token `a` stands for the organisation named last before it. Returns the
/// entity and the noun's token.
pub(super) fn org_noun_before(cx: &Ctx, from: usize, a: usize) -> Option<(EntityId, usize)> {
    let noun = a.checked_sub(1).filter(|&n| n >= from)?;
    if !cx.rules.lexicons.is(WordClass::OrgNoun, cx.lower(noun)) || !cx.doc.tok(noun).starts_with(char::is_lowercase) {
        return None;
    }
    Some((last_organisation_before(cx, noun)?, noun))
}

/// "X, of the University of Y" or "X of Acme" right after the name: the organisation or
/// place the "of" phrase names, when no capitalised word goes on after it (it may end in a
/// possessive: "of the University of Y's school of public health").
pub(super) fn of_after_name(cx: &Ctx, name: &Named) -> Option<EntityId> {
    let (doc, end) = (cx.doc, name.sentence.end);
    let mut k = name.tokens.end;
    if k < end && doc.tok(k) == "," {
        k += 1;
    }
    if k + 1 >= end || cx.lower(k) != "of" {
        return None;
    }
    k += 1;
    if cx.lower(k) == "the" && k + 1 < end {
        k += 1;
    }
    let (e, e_end) = cx.organisation_at(k)?;
    let closed =
        e_end >= end || !(doc.tokens[e_end].kind == TokenKind::Word && doc.tok(e_end).starts_with(char::is_uppercase));
    closed.then_some(e)
}

/// ", Y Securities." right after a title phrase ending at token `stop`: an organisation set
/// off by a comma that ends the clause (the sentence, punctuation, or a speech verb after
/// a comma: "X, Director, Y Securities, said"). Returns the entity and the owner's end.
pub(super) fn org_after_comma(cx: &Ctx, stop: usize, end: usize) -> Option<(EntityId, usize)> {
    let doc = cx.doc;
    if stop + 1 >= end || doc.tok(stop) != "," {
        return None;
    }
    let (e, e_end) = cx.organisation_at(stop + 1)?;
    let closed = e_end >= end
        || (doc.tokens[e_end].kind == TokenKind::Punct && doc.tok(e_end) != ",")
        || (doc.tok(e_end) == ","
            && e_end + 1 < end
            && cx.rules.lexicons.speech_verbs.contains_key(cx.lower(e_end + 1)));
    closed.then_some((e, e_end))
}

/// "VOA Pentagon correspondent X", "CBS Sports NFL insider X": when the owner found before
/// a title (starting at token `start`) is no news outlet and a news outlet is named right
/// before it, the post is the outlet's and the owner found was the beat. Returns the outlet
/// and its first token.
pub(super) fn outlet_before_beat(cx: &Ctx, owner: EntityId, start: usize) -> Option<(EntityId, usize)> {
    let class = |e: EntityId| cx.resolved.entities[e].class;
    if class(owner) == EntityClass::NewsOrganization {
        return None;
    }
    cx.organisation_ending_at(start).filter(|&(o, _)| o != owner && class(o) == EntityClass::NewsOrganization)
}
