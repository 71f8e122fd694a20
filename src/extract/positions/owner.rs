//! Whether a name before a title owns the post or only describes its holder: a party
//! before an elected office is the holder's affiliation ("Republican Gov. X"; in "Kentucky
//! GOP Gov. X" the state before the party owns the post), and a country before an
//! occupation that serves no state is the holder's nationality ("Nigerian actress X").
//!
//! **Invariant:** these only ever remove or narrow an owner; they never add one that the
//! text does not name right before the title.

use super::{owner_before, Ctx};
use crate::extract::{EntityId, Holding};
use crate::rules::{EntityClass, WordClass};
use crate::text::TokenKind;

/// The owner named right before a title starting at token `t` ([`owner_before`]), unless
/// it is a party word before an elected office: then a place named right before the party,
/// if any. Returns the entity and the first token of its mention.
pub(super) fn post_owner_before(cx: &Ctx, t: usize, title: &str) -> Option<(EntityId, usize)> {
    let (owner, start) = owner_before(cx, t)?;
    let lex = &cx.rules.lexicons;
    let elected = title.rsplit(' ').next().is_some_and(|w| lex.is(WordClass::ElectedOffice, w));
    let party =
        (start..t).all(|k| lex.is(WordClass::PartyWord, cx.lower(k)) || cx.doc.tokens[k].kind == TokenKind::Possessive);
    if !elected || !party {
        return Some((owner, start));
    }
    cx.organisation_ending_at(start)
        .filter(|&(place, _)| cx.resolved.entities[place].class.base() == EntityClass::Place)
}

/// Drops the owner of a holding whose title is an occupation serving no state when that
/// owner is a country: "Nigerian actress X" is no actress of Nigeria.
pub(super) fn drop_nationality_owners(cx: &Ctx, holdings: &mut [Holding]) {
    let lex = &cx.rules.lexicons;
    for h in holdings.iter_mut() {
        let private = h.title.rsplit(' ').next().is_some_and(|w| lex.is(WordClass::PrivateOccupation, w));
        if private && h.of.is_some_and(|o| cx.resolved.entities[o].class == EntityClass::Country) {
            h.of = None;
        }
    }
}
