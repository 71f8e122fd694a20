//! A cluster's entity class: gazetteer and described organisations first, then venues and
//! named evidence, context votes (`cues.rs`), and the default for untyped names (a person,
//! unless the name stands after "the" where no person's name does); or `None` to drop it.

use super::cues;
use crate::extract::index::CandidatesAt;
use crate::extract::mentions::{Candidate, Kind};
use crate::rules::{EntityClass, Rules, WordClass};
use crate::text::{is_all_caps, Doc, TokenKind};

/// Decides a cluster's class, or `None` to drop it.
pub(super) fn cluster_class(
    doc: &Doc,
    rules: &Rules,
    candidates: &[Candidate],
    class: &[Option<EntityClass>],
    words: &[Vec<&str>],
    at: &CandidatesAt,
    members: &[usize],
) -> Option<(EntityClass, &'static str)> {
    // A name of something that is no entity (a product, an index, an event) takes its
    // cluster with it.
    if members.iter().any(|&i| class[i] == Some(EntityClass::Other)) {
        return None;
    }
    // A country named only by demonyms is kept where one stands for the state or its people
    // ("Iranian officials", "the Iranian foreign ministry", "Russian President X",
    // "Afghans"); "a European plane maker" or "Irish airline" names no country.
    if members.iter().all(|&i| matches!(candidates[i].kind, Kind::Demonym(_)))
        && !members.iter().any(|&i| demonym_for_state(doc, rules, &candidates[i]))
    {
        return None;
    }
    // Gazetteer and described organisations first, then venues, then named evidence.
    if let Some(&i) = members.iter().find(|&&i| !matches!(candidates[i].kind, Kind::Name(_))) {
        return class[i].map(|c| (c, candidates[i].rule));
    }
    // "Jr." alone (left over from "X Jr." after a title word) names no one.
    if members.iter().all(|&i| words[i].iter().all(|w| rules.lexicons.is(WordClass::NameSuffix, w))) {
        return None;
    }
    // "General Assembly" read as a title and a name: a government body's head word alone,
    // typed a person by the title, is no person.
    let body_word = |i: usize| {
        let c = &candidates[i];
        c.tokens.len() == 1
            && rules
                .lexicons
                .org_heads
                .get(doc.tok(c.tokens.start))
                .is_some_and(|h| h.class == EntityClass::GovernmentOrganization)
    };
    // "Brent LCOc1": a code (`is_code`) is no part of a person's name.
    let coded = |i: usize| {
        let c = &candidates[i];
        (c.tokens.start..c.tokens.end).any(|t| doc.tokens[t].kind == TokenKind::Word && is_code(doc.tok(t)))
    };
    let person = members.iter().any(|&i| class[i] == Some(EntityClass::Person));
    if person && (members.iter().all(|&i| body_word(i)) || members.iter().all(|&i| coded(i))) {
        return None;
    }
    let longest = members.iter().copied().max_by_key(|&i| words[i].len())?;
    let not_person = members.iter().all(|&i| class[i].is_none_or(|c| c.base() != EntityClass::Person));
    if not_person && cues::venue(doc, rules, candidates, class, at, members, longest) {
        return Some((EntityClass::Place, "type.venue"));
    }
    if let Some(&i) = members.iter().find(|&&i| class[i].is_some()) {
        return class[i].map(|c| (c, candidates[i].rule));
    }
    // Untyped names made only of common words are no names ("September", "Foreign Affairs").
    let common_only = |i: usize| {
        (candidates[i].tokens.start..candidates[i].tokens.end)
            .filter(|&t| doc.tokens[t].kind == TokenKind::Word)
            .all(|t| rules.lexicons.is_common(doc.tok(t)))
    };
    if members.iter().all(|&i| common_only(i)) {
        return None;
    }
    // An unknown acronym is an organisation only with support: a context cue, or an
    // article before it ("the KPA"); codes such as "UTC", "USD" or "A400M" are dropped.
    let acronym = {
        let c = &candidates[longest];
        let w = doc.slice(c.tokens.start, c.tokens.end);
        c.tokens.len() == 1 && is_all_caps(w)
    };
    if acronym {
        let w = doc.tok(candidates[longest].tokens.start);
        // Organisations next to it in a list ("X and Acme Bank") support it too.
        let supported = members.iter().any(|&i| {
            let t = candidates[i].tokens.start;
            candidates[i].context.is_some() || (t > 0 && doc.tok(t - 1).eq_ignore_ascii_case("the"))
        }) || cues::votes(doc, rules, candidates, class, at, members)
            .into_iter()
            .max_by_key(|(c, v)| (*v, std::cmp::Reverse(*c)))
            .is_some_and(|(c, _)| c.base() == EntityClass::Organization);
        let letters_only = w.chars().all(|c| c.is_alphabetic() || c == '.' || c == '&');
        // "FTSE 100", "S&P 500": an index, not an organisation.
        let before_number = members.iter().all(|&i| {
            let t = candidates[i].tokens.end;
            t < doc.tokens.len() && doc.tokens[t].kind == TokenKind::Number
        });
        return (supported && letters_only && !before_number).then_some((EntityClass::Organization, "type.acronym"));
    }
    // "Pittsburgh Post-Gazette": a head word inside a hyphenated last word.
    if let Some(h) = cues::hyphen_head(doc, rules, &candidates[longest]) {
        return Some((h.class, "type.hyphen-head"));
    }
    // Context hints, by vote.
    let votes = cues::votes(doc, rules, candidates, class, at, members);
    if let Some((c, _)) = votes.into_iter().max_by_key(|(c, v)| (*v, std::cmp::Reverse(*c))) {
        return Some((c, "type.context"));
    }
    if !person_like(doc, rules, &candidates[longest], words[longest].len()) {
        return None;
    }
    // "the Hells Keepers biker gang": read as a full name, but where no person's name stands.
    if let Some(class) = cues::after_the(doc, rules, candidates, members) {
        return Some((class, "type.after-the"));
    }
    Some((EntityClass::Person, "type.default-person"))
}

/// Whether an untyped name of `len` words reads as a person's full name: two to four
/// name-like words, one of them no dictionary word ("Foreign Affairs" is none).
pub(super) fn person_like(doc: &Doc, rules: &Rules, c: &Candidate, len: usize) -> bool {
    let tokens = c.tokens.start..c.tokens.end;
    let unusual = tokens.clone().any(|t| !rules.lexicons.is_english(doc.tok(t)));
    (2..=4).contains(&len) && unusual && tokens.clone().all(|t| name_like(doc, rules, t))
}

/// Whether a demonym mention stands for its country as a state or a people: it is plural
/// ("Afghans"), or a title, a government head or a source noun follows it, perhaps after
/// one modifier ("Iranian military officials", "the Chinese state media").
fn demonym_for_state(doc: &Doc, rules: &Rules, c: &Candidate) -> bool {
    let lex = &rules.lexicons;
    let last = doc.tok(c.tokens.end - 1);
    if last.ends_with('s') && c.tokens.len() == 1 {
        let singular = &last[..last.len() - 1];
        if rules.gazetteer.demonym(&crate::rules::token_key([singular])).is_some() {
            return true;
        }
    }
    let word = |t: usize| (t < doc.tokens.len() && doc.tokens[t].kind == TokenKind::Word).then(|| doc.lower(t));
    let t = c.tokens.end;
    let state = |w: &str, next: Option<&str>| {
        lex.titles.contains_key(w)
            || lex.org_lower_heads.contains_key(w)
            || next.is_some_and(|n| lex.org_lower_heads.contains_key(&format!("{w} {n}")))
            || (lex.source_nouns.contains(w) && !lex.is(WordClass::PrivateSource, w))
    };
    match (word(t), word(t + 1)) {
        (Some(a), b) if state(a, b) => true,
        (Some(_), Some(b)) => state(b, word(t + 2)),
        _ => false,
    }
}

/// A word that can be part of a person's name: capitalised, not all capitals (but
/// initials are fine), no code (`is_code`), not a common word, not a known place, demonym, or
/// organisation or place head, and not a compound such as "Scientology-related" or one with
/// a place or demonym in it ("China-US", "Israeli-Palestinian").
fn name_like(doc: &Doc, rules: &Rules, t: usize) -> bool {
    let w = doc.tok(t);
    let lex = &rules.lexicons;
    let key = crate::rules::token_key([w]);
    let lowercase_compound = w.split_once('-').is_some_and(|(_, b)| b.starts_with(char::is_lowercase) && b.len() > 3);
    let gaz = &rules.gazetteer;
    let place_compound = w.contains('-')
        && w.split('-').any(|part| {
            let key = crate::rules::token_key([part]);
            gaz.demonym(&key).is_some()
                || gaz.lookup(&key).iter().any(|&e| gaz.entry(e).class.base() == EntityClass::Place)
        });
    doc.tokens[t].kind == TokenKind::Word
        && !is_code(w)
        && !place_compound
        && (!is_all_caps(w) || w.len() <= 2)
        && !lex.is_common(w)
        && !lowercase_compound
        && !lex.org_heads.contains_key(w)
        && !lex.place_heads.contains_key(w)
        && !lex.titles.contains_key(&w.to_lowercase())
        && rules.gazetteer.demonym(&key).is_none()
        && rules.gazetteer.lookup(&key).is_empty()
        && (w.starts_with(char::is_uppercase) || lex.particles.contains(&w.to_lowercase()))
}

/// A code such as a ticker or model ("LCOc1", "A400M"): digits and two or more capitals.
fn is_code(w: &str) -> bool {
    w.chars().any(|c| c.is_ascii_digit()) && w.chars().filter(|c| c.is_uppercase()).count() >= 2
}
