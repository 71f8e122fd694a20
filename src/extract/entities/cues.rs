//! Evidence for the class of a name that nothing in the gazetteer or its own words types:
//! the words around each of its mentions vote, and specific cues weigh more than a bare
//! preposition or speech verb ("WeWork's founder" and "an analyst at X" say organisation;
//! "in WeWork's arm" says nothing about WeWork being a place). Also the venue and hyphen
//! head readings of a name's own last word, which the chunker's head lists do not make, and
//! the class of a full name that stands where no person's name does ("the X biker gang").

use rustc_hash::FxHashMap;

use crate::extract::index::CandidatesAt;
use crate::extract::mentions::Candidate;
use crate::rules::{EntityClass, HeadClass, Rules, WordClass};
use crate::text::{is_closing_quote, is_opening_quote, Doc, TokenKind};

/// Weight of a cue that only a few kinds of words pass (a possessed noun, a title before
/// "at"); a bare preposition or speech verb weighs 1.
const SPECIFIC: usize = 2;

/// Sums the class votes of a cluster's mentions: the chunker's context hint (a place
/// preposition counts only when the name is not a possessive's owner; after "TITLE at" it is
/// an employer, an organisation), organisation nouns governing the name, place nouns after
/// it, who publishes data ("data from X", `data-noun`), an age or a body or place noun in
/// apposition ("X, 45,", "X, a chip company,"), "at
/// the X," and organisations next to a one-word
/// name in a list ("Astrobotic, Deep Space Systems, Draper"). `class` is each candidate's
/// class so far.
pub(super) fn votes(
    doc: &Doc,
    rules: &Rules,
    candidates: &[Candidate],
    class: &[Option<EntityClass>],
    at: &CandidatesAt,
    members: &[usize],
) -> FxHashMap<EntityClass, usize> {
    let mut votes: FxHashMap<EntityClass, usize> = FxHashMap::default();
    for &i in members {
        let c = &candidates[i];
        let (p, q) = (c.tokens.start, c.tokens.end);
        match c.context {
            Some(EntityClass::Place) if possessive(doc, q) => {}
            Some(EntityClass::Place) if employer(doc, rules, p) => {
                *votes.entry(EntityClass::Organization).or_default() += SPECIFIC;
            }
            Some(class) => *votes.entry(class).or_default() += 1,
            None => {}
        }
        if let Some(class) = specific_cue(doc, rules, p, q) {
            *votes.entry(class).or_default() += SPECIFIC;
        }
        if c.context.is_none() && q - p >= 2 && place_after_the(doc, rules, p, q) {
            *votes.entry(EntityClass::Place).or_default() += 1;
        }
        // One unknown word among companies in a list is one more ("Draper"); a full name
        // or a dictionary word is left to its own evidence.
        let lone_word = q == p + 1 && !rules.lexicons.is_english(doc.tok(p));
        let org_next = lone_word
            && list_others(doc, candidates, at, i)
                .iter()
                .any(|&k| class[k].is_some_and(|c| c.base() == EntityClass::Organization));
        if lone_word && org_next {
            *votes.entry(EntityClass::Organization).or_default() += 1;
        }
    }
    votes
}

/// "at the X Y," / "in the X Y.": a place preposition and "the" before a name that heads its
/// phrase (no lower-case noun or possessive after it, which "the" would belong to: "in the
/// X report"). The caller asks for two words or more: "at the Oscars" is an event.
fn place_after_the(doc: &Doc, rules: &Rules, p: usize, q: usize) -> bool {
    p >= 2
        && doc.lower(p - 1) == "the"
        && rules.lexicons.is(WordClass::PlacePreposition, doc.lower(p - 2))
        && doc.sentence_of(p - 2) == doc.sentence_of(p)
        && (q >= doc.tokens.len() || doc.tokens[q].kind == TokenKind::Punct)
}

/// The other names of the list candidate `i` is in: names joined by commas, "and" or
/// "or" in one sentence, three or more, or two joined by "and"/"or" ("X, Y," is an
/// apposition, no list). At most 20 on each side; walked through `at`, so in time
/// linear in the list, not in the article.
fn list_others(doc: &Doc, candidates: &[Candidate], at: &CandidatesAt, i: usize) -> Vec<usize> {
    let sentence = doc.sentence_of(candidates[i].tokens.start);
    let joint = |t: usize| t < doc.tokens.len() && matches!(doc.tok(t), "," | "and" | "or");
    let mut items = Vec::new();
    let mut conjunction = false;
    // Leftwards: the joint before the item, ", and" as one.
    let mut k = i;
    while items.len() < 20 {
        let p = candidates[k].tokens.start;
        let Some(t) = (p >= 1 && joint(p - 1)).then(|| p - 1) else { break };
        let t = if doc.tok(t) != "," && t >= 1 && doc.tok(t - 1) == "," { t - 1 } else { t };
        let Some(&prev) = at.ending_at(t).first().filter(|&&j| doc.sentence_of(candidates[j].tokens.start) == sentence)
        else {
            break;
        };
        conjunction |= doc.tok(p - 1) != ",";
        items.push(prev);
        k = prev;
    }
    let mut k = i;
    let mut right = 0;
    while right < 20 {
        let q = candidates[k].tokens.end;
        if !joint(q) {
            break;
        }
        let start = if doc.tok(q) == "," && q + 1 < doc.tokens.len() && matches!(doc.tok(q + 1), "and" | "or") {
            q + 2
        } else {
            q + 1
        };
        let Some(&next) =
            at.starting_at(start).first().filter(|&&j| doc.sentence_of(candidates[j].tokens.start) == sentence)
        else {
            break;
        };
        conjunction |= start == q + 2 || doc.tok(q) != ",";
        items.push(next);
        k = next;
        right += 1;
    }
    if items.len() >= 2 || (items.len() == 1 && conjunction) {
        items
    } else {
        Vec::new()
    }
}

/// Whether token `t` is a possessive ending ("X's").
fn possessive(doc: &Doc, t: usize) -> bool {
    t < doc.tokens.len() && doc.tokens[t].kind == TokenKind::Possessive
}

/// "an analyst at X", "professor at X": a title right before "at" makes the name an employer.
fn employer(doc: &Doc, rules: &Rules, p: usize) -> bool {
    p >= 2 && doc.lower(p - 1) == "at" && doc.is_word(p - 2) && rules.lexicons.titles.contains_key(doc.lower(p - 2))
}

/// The class one mention's neighbourhood names by a specific cue, if any.
fn specific_cue(doc: &Doc, rules: &Rules, p: usize, q: usize) -> Option<EntityClass> {
    let lex = &rules.lexicons;
    let org_noun = |t: usize| doc.is_word(t) && lex.is(WordClass::OrgCueNoun, doc.lower(t));
    let same_sentence = |t: usize| doc.sentence_of(t) == doc.sentence_of(p);
    // "X's founder", "X's former CEO" (one modifier may come between).
    if possessive(doc, q) && (org_noun(q + 1) || (lowercase_word(doc, q + 1) && org_noun(q + 2))) {
        return Some(EntityClass::Organization);
    }
    // "a X shareholder", "X employees": the name modifies the noun.
    if org_noun(q) {
        return Some(EntityClass::Organization);
    }
    // "the founder of X", "employees of X".
    if p >= 2 && same_sentence(p - 2) && doc.lower(p - 1) == "of" && org_noun(p - 2) {
        return Some(EntityClass::Organization);
    }
    // "data from X", "figures compiled by X": who publishes them.
    let data_noun = |t: usize| doc.is_word(t) && lex.is(WordClass::DataNoun, doc.lower(t));
    let by_or_from = |t: usize| doc.is_word(t) && matches!(doc.lower(t), "from" | "by");
    if p >= 2 && same_sentence(p - 2) && by_or_from(p - 1) && (data_noun(p - 2) || (p >= 3 && data_noun(p - 3))) {
        return Some(EntityClass::Organization);
    }
    // "the X settlement", "the X theater".
    if p >= 1 && doc.lower(p - 1) == "the" && doc.is_word(q) && lex.is(WordClass::PlaceCueNoun, doc.tok(q)) {
        return Some(EntityClass::Place);
    }
    // "X, a catholic school in Y", "X, a village near Y": a noun in apposition that names
    // a kind of body or place.
    if let Some(class) = apposition_noun(doc, rules, q) {
        return Some(class);
    }
    // "X, 45, said": an age in apposition.
    let age = q + 2 < doc.tokens.len()
        && doc.tok(q) == ","
        && doc.tokens[q + 1].kind == TokenKind::Number
        && doc.tok(q + 1).parse::<u32>().is_ok_and(|n| (1..=120).contains(&n))
        && doc.tok(q + 2) == ",";
    age.then_some(EntityClass::Person)
}

/// The class a noun in apposition after a name ending at `q` names: ", a/an/the", at most
/// two lower-case modifiers, then an organisation noun (`context-cues.tsv` after the name,
/// "a chip company"; a lower-case head, "the country's space agency") or a place noun
/// (`place-cue-noun`, "a village near Y"), ending the phrase (before punctuation, a capital
/// or a `complement-boundary` or `place-preposition` word: "a company founder" is a person).
fn apposition_noun(doc: &Doc, rules: &Rules, q: usize) -> Option<EntityClass> {
    let lex = &rules.lexicons;
    if q + 2 >= doc.tokens.len() || doc.tok(q) != "," || !matches!(doc.lower(q + 1), "a" | "an" | "the") {
        return None;
    }
    let sentence = doc.sentence_of(q);
    let mut t = q + 2;
    while t < q + 5 && t < doc.tokens.len() && doc.sentence_of(t) == sentence && lowercase_word(doc, t) {
        let w = doc.lower(t);
        let ends = t + 1 >= doc.tokens.len()
            || !lowercase_word(doc, t + 1)
            || doc.sentence_of(t + 1) != sentence
            || lex.is(WordClass::ComplementBoundary, doc.lower(t + 1))
            || lex.is(WordClass::PlacePreposition, doc.lower(t + 1));
        if ends {
            if lex.cue_after.get(w) == Some(&EntityClass::Organization) || lex.org_lower_heads.contains_key(w) {
                return Some(EntityClass::Organization);
            }
            if lex.is(WordClass::PlaceCueNoun, w) {
                return Some(EntityClass::Place);
            }
            return None;
        }
        t += 1;
    }
    None
}

/// The class of a name that reads as a full name but stands where a person's name does not:
/// after "the" (perhaps with an opening quote between), and before no lower-case word
/// (punctuation, a possessive, a capital: "the Ostrava Pavlin said") or before an
/// organisation or place noun within two words ("the Hells Keepers biker gang", "the Velka
/// Tovarna area"). A person's name after "the" modifies a noun ("the Ilse Varga trial") and
/// stays a person's.
pub(super) fn after_the(doc: &Doc, rules: &Rules, candidates: &[Candidate], members: &[usize]) -> Option<EntityClass> {
    let lex = &rules.lexicons;
    let quote = |t: usize| doc.tokens[t].kind == TokenKind::Punct && doc.tok(t).starts_with(is_opening_quote);
    let closing = |t: usize| doc.tokens[t].kind == TokenKind::Punct && doc.tok(t).starts_with(is_closing_quote);
    members.iter().find_map(|&i| {
        let (p, q) = (candidates[i].tokens.start, candidates[i].tokens.end);
        let the_at = |t: usize| doc.lower(t) == "the" && doc.sentence_of(t) == doc.sentence_of(p);
        let after_the = (p >= 1 && the_at(p - 1)) || (p >= 2 && quote(p - 1) && the_at(p - 2));
        if !after_the {
            return None;
        }
        let q = if q < doc.tokens.len() && closing(q) { q + 1 } else { q };
        if q >= doc.tokens.len() || !lowercase_word(doc, q) || doc.sentence_of(q) != doc.sentence_of(p) {
            return Some(EntityClass::Organization);
        }
        (q..(q + 2).min(doc.tokens.len())).take_while(|&t| lowercase_word(doc, t)).find_map(|t| {
            let w = doc.lower(t);
            if lex.cue_after.get(w) == Some(&EntityClass::Organization) || lex.org_lower_heads.contains_key(w) {
                Some(EntityClass::Organization)
            } else {
                lex.is(WordClass::PlaceCueNoun, w).then_some(EntityClass::Place)
            }
        })
    })
}

/// A lower-case word (a modifier such as "former" or "core").
fn lowercase_word(doc: &Doc, t: usize) -> bool {
    doc.is_word(t) && doc.tok(t).chars().next().is_some_and(char::is_lowercase)
}

/// Whether a name of the mention `c` names a venue: its last word is a venue head ("X
/// Stadium"), or a cued venue head ("X Center") and a place preposition (perhaps with
/// "the") or a place's possessive comes right before some mention of the cluster. A given name and one more word
/// stays a person ("Jane Field").
pub(super) fn venue(
    doc: &Doc,
    rules: &Rules,
    candidates: &[Candidate],
    class: &[Option<EntityClass>],
    at: &CandidatesAt,
    members: &[usize],
    longest: usize,
) -> bool {
    let lex = &rules.lexicons;
    let c = &candidates[longest];
    let (p, q) = (c.tokens.start, c.tokens.end);
    if q - p < 2 || !doc.is_word(q - 1) || (q - p == 2 && lex.first_names.contains(doc.tok(p))) {
        return false;
    }
    let last = doc.tok(q - 1);
    if lex.is(WordClass::VenueHead, last) {
        return true;
    }
    let after_place_preposition = |t: usize| {
        let before = |k: usize| (t >= k).then(|| doc.lower(t - k));
        let prep = |w: Option<&str>| w.is_some_and(|w| lex.is(WordClass::PlacePreposition, w));
        prep(before(1)) || (before(1) == Some("the") && prep(before(2)))
    };
    // "San Francisco's X Center": a place owns it.
    let place_owned = |t: usize| {
        t >= 2
            && possessive(doc, t - 1)
            && at.ending_at(t - 1).first().is_some_and(|&k| class[k].is_some_and(|c| c.base() == EntityClass::Place))
    };
    lex.is(WordClass::CuedVenueHead, last)
        && members.iter().any(|&i| {
            let t = candidates[i].tokens.start;
            (after_place_preposition(t) || place_owned(t)) && !possessive(doc, candidates[i].tokens.end)
        })
}

/// The organisation head a name's hyphenated last word ends in ("Post-Gazette",
/// "News-Register"), or that a news head opens ("Times-Picayune").
pub(super) fn hyphen_head<'r>(doc: &Doc, rules: &'r Rules, c: &Candidate) -> Option<&'r HeadClass> {
    let last = doc.tok(c.tokens.end - 1);
    let heads = &rules.lexicons.org_heads;
    let (first, _) = last.split_once('-')?;
    let tail = last.rsplit('-').next()?;
    heads.get(tail).or_else(|| heads.get(first).filter(|h| h.class == EntityClass::NewsOrganization))
}
