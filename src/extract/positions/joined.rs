//! What completes a title written before a name or before an apposition's comma: the
//! lower-case modifiers the mention scanner left off ("CNN's chief medical correspondent
//! Dr. X"), a second title joined by "and" ("Salesforce founder and co-CEO X", "WeWork's
//! founder and former CEO, X"), and a title completed by "to" and a place ("China's
//! ambassador to Britain X").

use super::{owner_before, Ctx, Named};
use crate::extract::{EntityId, Holding, HoldingStatus, PostPattern};
use crate::rules::{EntityClass, Title, TitleKind, WordClass};
use crate::text::TokenKind;

/// Up to three lower-case modifiers before a lower-case title starting at `a` ("chief
/// medical"), when a possessive or a determiner opens their noun phrase. Returns the new
/// start and the modifiers.
pub(super) fn widen(cx: &Ctx, from: usize, a: usize) -> (usize, String) {
    let mut m = a;
    // No "and", adverb or naming verb ("recently named executive chair").
    let modifies = |k: usize| {
        let w = cx.lower(k);
        super::phrase::modifier(cx, k)
            && w != "and"
            && !w.ends_with("ly")
            && !cx.rules.lexicons.is(WordClass::Naming, w)
    };
    while m > from && a - m < 3 && modifies(m - 1) {
        m -= 1;
    }
    if m == a {
        return (a, String::new());
    }
    // Only a lower-case title is completed, and only inside a noun phrase opened by a
    // possessive or a determiner ("re-elected President X" is no title "re-elected president").
    let opens = cx.doc.tokens[m - 1].kind == TokenKind::Possessive
        || cx.rules.lexicons.is(WordClass::TitleOpener, cx.lower(m - 1));
    if !opens || cx.doc.tok(a).starts_with(char::is_uppercase) {
        return (a, String::new());
    }
    (m, cx.doc.slice(m, a).to_lowercase())
}

/// "TITLE and" right before token `a` ("founder and co-CEO"), perhaps with up to two
/// lower-case modifiers of the second title between ("founder and longtime CEO"): the first
/// title's start, the title and the status a marker before it gives ("former").
pub(super) fn joined_before(cx: &Ctx, from: usize, a: usize) -> Option<(usize, Title, Option<HoldingStatus>)> {
    let modifiers = (1..=2).find(|&n| {
        a >= from + 2 + n && cx.lower(a - n - 1) == "and" && (a - n..a).all(|k| super::phrase::modifier(cx, k))
    });
    let a = a - modifiers.unwrap_or(0);
    if a < from + 2 || cx.lower(a - 1) != "and" {
        return None;
    }
    let (s, title) = cx.title_ending_at(from, a - 1)?;
    if matches!(title.kind, TitleKind::Honorific | TitleKind::Religious) {
        return None;
    }
    let (s, status) = marker_before(cx, from, s);
    // The first title opens its noun phrase ("WeWork's founder and", "Norvex founder and"),
    // so it is no other person's ("X for secretary of state and Rep. Y").
    let opens = s == from
        || cx.doc.tokens[s - 1].kind == TokenKind::Possessive
        || cx.rules.lexicons.is(WordClass::TitleOpener, cx.lower(s - 1))
        || owner_before(cx, s).is_some();
    opens.then_some((s, title, status))
}

/// A status marker right before token `s` ("former CEO"): the new start and the status.
pub(super) fn marker_before(cx: &Ctx, from: usize, s: usize) -> (usize, Option<HoldingStatus>) {
    if s > from {
        if let Some(m) = cx.rules.lexicons.status_markers.get(cx.lower(s - 1)) {
            return (s - 1, Some(m.status));
        }
    }
    (s, None)
}

/// "China's ambassador to Britain X", "envoy to the United Nations X": a lower-case title,
/// "to", a place or organisation, then the name.
pub(super) fn title_to_place(cx: &Ctx, name: &Named) -> Option<Holding> {
    let (doc, from) = (cx.doc, name.sentence.start);
    let n = name.tokens.start;
    let (place, p_start) = cx.organisation_ending_at(n)?;
    if cx.resolved.entities[place].class.base() == EntityClass::Person {
        return None;
    }
    let mut to = p_start.checked_sub(1)?;
    if cx.lower(to) == "the" {
        to = to.checked_sub(1)?;
    }
    if to <= from || cx.lower(to) != "to" {
        return None;
    }
    let (t_start, title) = cx.title_ending_at(from, to)?;
    if title.kind != TitleKind::Office || !doc.tok(t_start).chars().all(|c| c.is_lowercase() || c == '-') {
        return None;
    }
    let owner: Option<(EntityId, usize)> = owner_before(cx, t_start);
    let start = owner.map_or(t_start, |(_, s)| s);
    Some(Holding {
        holder: name.holder,
        title: format!("{} {}", title.title, doc.slice(to, n)),
        of: owner.map(|(e, _)| e),
        status: HoldingStatus::Incumbent,
        pattern: PostPattern::Prenominal,
        evidence: PostPattern::Prenominal.evidence(doc.span(start, name.tokens.end)),
    })
}
