//! Posts held: who holds which post, of what, with what status.
//!
//! Patterns (rule ids in brackets):
//! - a title before a name, with what owns the post before it: "Sen. Marco Rubio",
//!   "Iran's U.N. Ambassador X", "Iranian General X", "AP reporter X", "F Jane Roe"; a
//!   party-state tag after the name gives the state ("Sen. X, R-Ohio"), a plural title is
//!   held by each listed name ("Sens. X and Y"); an organisation noun before the title
//!   ("company CEO X") or an "of" phrase after the name ("Analyst X, of Y") gives the owner
//!   (`owner_near.rs`) (`post.prenominal`);
//! - an apposition after the name: "X, a spokesperson for the Trump transition", "X, an
//!   Ottawa New Democrat MP,", "X, Director of Y, and Chairman of Z", "X, PG&E's principal
//!   meteorologist", "X, president and COO of Y" (the phrase itself: `phrase.rs`)
//!   (`post.apposition`);
//! - an apposition before the name: "the Afghan team's coach, X", "the president of the
//!   Lombardy region, X" (`post.apposition`);
//! - a copula: "X is the chief executive of Y" (with "was": former) (`post.copular`);
//! - a selection: "X for secretary of state", "named X as Y" (designate)
//!   (`post.selection`);
//! - a resignation: "X resigned as foreign affairs minister" (former) (`post.resignation`).
//!
//! Status comes from markers ("former", "-elect", "acting", "nominee"), else incumbent. A
//! title that another of the same holder contains ("ambassador" beside "ambassador to the
//! United States") is dropped.

use std::ops::Range;

use super::entities::Resolved;
use super::index::CandidatesAt;
use super::mentions::{Candidate, Kind};
use super::{EntityId, Holding, HoldingStatus, PostPattern};
use crate::rules::{EntityClass, OrgHint, Rules, Title, TitleKind, WordClass};
use crate::text::{Doc, TokenKind};

mod joined;
mod owner;
mod owner_near;
mod phrase;
use phrase::title_phrase;

/// What the patterns look at.
struct Ctx<'a> {
    doc: &'a Doc<'a>,
    rules: &'a Rules,
    candidates: &'a [Candidate],
    resolved: &'a Resolved,
    /// Where each candidate starts and ends.
    at: &'a CandidatesAt,
    /// Per token, whether a kept candidate covers it.
    named: Vec<bool>,
    /// The kept candidates that are organisations, as (end, start, entity), by end and
    /// then in candidate order: "the organisation named last" is a binary search.
    organisations: Vec<(usize, usize, EntityId)>,
}

impl Ctx<'_> {
    fn lower(&self, i: usize) -> &str {
        self.doc.lower(i)
    }

    /// The entity of the longest kept candidate with exactly these tokens.
    fn entity_at(&self, tokens: &Range<usize>) -> Option<EntityId> {
        self.at
            .starting_at(tokens.start)
            .iter()
            .copied()
            .find(|&i| self.candidates[i].tokens == *tokens)
            .and_then(|i| self.resolved.of_candidate[i])
    }

    /// The longest kept candidate starting at `t` that is no person: (entity, end).
    fn organisation_at(&self, t: usize) -> Option<(EntityId, usize)> {
        self.at
            .starting_at(t)
            .iter()
            .map(|&i| (i, &self.candidates[i]))
            .filter_map(|(i, c)| self.resolved.of_candidate[i].map(|e| (e, c.tokens.end)))
            .filter(|&(e, _)| self.resolved.entities[e].class != EntityClass::Person)
            .max_by_key(|&(_, end)| end)
    }

    /// The longest kept candidate ending at `t` that is no person: (entity, start).
    fn organisation_ending_at(&self, t: usize) -> Option<(EntityId, usize)> {
        self.at
            .ending_at(t)
            .iter()
            .map(|&i| (i, &self.candidates[i]))
            .filter(|(_, c)| !matches!(c.kind, Kind::Described { .. }))
            .filter_map(|(i, c)| self.resolved.of_candidate[i].map(|e| (e, c.tokens.start)))
            .filter(|&(e, _)| self.resolved.entities[e].class.base() != EntityClass::Person)
            .max_by_key(|&(_, start)| std::cmp::Reverse(start))
    }

    /// An exact-case title written in lower case at `t` ("center"); the abbreviations
    /// ("F", "DL") are titles only right before a name, never in an apposition ("X, D-Ohio").
    fn exact_word_title(&self, t: usize) -> Option<&Title> {
        let tok = self.doc.tok(t);
        self.rules.lexicons.exact_title(tok).filter(|_| tok.chars().any(char::is_lowercase))
    }

    /// The longest title starting at `s` (lower-cased words): (end, title).
    fn title_at(&self, s: usize, end: usize) -> Option<(usize, Title)> {
        let lex = &self.rules.lexicons;
        let max = lex.title_max_tokens.min(end.saturating_sub(s));
        (1..=max)
            .rev()
            .find_map(|k| {
                let words: Vec<&str> = (s..s + k).map(|i| self.lower(i)).collect();
                lex.titles.get(&words.join(" ")).map(|t| (s + k, t.clone()))
            })
            .or_else(|| self.exact_word_title(s).filter(|_| s < end).map(|t| (s + 1, t.clone())))
    }

    /// The longest title ending just before `e` (lower-cased words): (start, title).
    fn title_ending_at(&self, from: usize, e: usize) -> Option<(usize, Title)> {
        let lex = &self.rules.lexicons;
        let max = lex.title_max_tokens.min(e - from);
        (1..=max)
            .rev()
            .find_map(|k| {
                let words: Vec<&str> = (e - k..e).map(|i| self.lower(i)).collect();
                lex.titles.get(&words.join(" ")).map(|t| (e - k, t.clone()))
            })
            .or_else(|| self.exact_word_title(e.checked_sub(1)?).filter(|_| e > from).map(|t| (e - 1, t.clone())))
    }
}

/// A person's name that posts are looked for around.
struct Named {
    holder: EntityId,
    /// The name's tokens.
    tokens: Range<usize>,
    /// The token range of its sentence.
    sentence: Range<usize>,
}

/// Finds the posts held in a document.
pub fn find(
    doc: &Doc,
    rules: &Rules,
    candidates: &[Candidate],
    at: &CandidatesAt,
    resolved: &Resolved,
) -> Vec<Holding> {
    let mut named = vec![false; doc.tokens.len()];
    for (i, c) in candidates.iter().enumerate() {
        if resolved.of_candidate[i].is_some() {
            named[c.tokens.clone()].fill(true);
        }
    }
    let mut organisations: Vec<(usize, usize, EntityId)> = candidates
        .iter()
        .zip(&resolved.of_candidate)
        .filter_map(|(c, e)| e.map(|e| (c.tokens.end, c.tokens.start, e)))
        .filter(|&(_, _, e)| resolved.entities[e].class.base() == EntityClass::Organization)
        .collect();
    organisations.sort_by_key(|&(end, _, _)| end); // stable: candidate order within one end
    let cx = Ctx { doc, rules, candidates, resolved, at, named, organisations };
    let mut out: Vec<Holding> = Vec::new();
    let person = |i: usize| resolved.of_candidate[i].filter(|&e| resolved.entities[e].class == EntityClass::Person);
    for (ci, c) in candidates.iter().enumerate() {
        let Some(holder) = person(ci) else { continue };
        let sentence = doc.sentences[doc.sentence_of(c.tokens.start)].clone();
        let name = Named { holder, tokens: c.tokens.clone(), sentence };
        prenominal(&cx, c, &name, &mut out);
        out.extend(joined::title_to_place(&cx, &name));
        appositions_after(&cx, &name, &mut out);
        out.extend(apposition_before(&cx, &name));
        out.extend(copular(&cx, &name));
        out.extend(resignation(&cx, &name));
        out.extend(selection(&cx, &name));
    }
    national_posts(&cx, &mut out);
    owner::drop_nationality_owners(&cx, &mut out);
    out.sort_by(|a, b| a.evidence.cmp(&b.evidence));
    drop_subsumed(merge_same_post(out))
}

/// The titles before the name ("Sen. X", "Iran's U.N. Ambassador X"), but no honorific or
/// religious title, with what owns the post: named in the title ("Chief Executive of GM")
/// or right before it.
fn prenominal(cx: &Ctx, c: &Candidate, name: &Named, out: &mut Vec<Holding>) {
    // "Sen. Jane Roe, R-Ohio": the state a legislator's title is of.
    let state = party_state(cx, name.tokens.end);
    for t in &c.titles {
        if matches!(t.title.kind, TitleKind::Honorific | TitleKind::Religious) {
            continue;
        }
        // "CNN's chief medical correspondent X", "Salesforce founder and co-CEO X".
        let (a, modifiers) = joined::widen(cx, name.sentence.start, t.tokens.start);
        let title = if modifiers.is_empty() { t.title.title.clone() } else { format!("{modifiers} {}", t.title.title) };
        let first = joined::joined_before(cx, name.sentence.start, a);
        let a = first.as_ref().map_or(a, |(s, _, _)| *s);
        let of =
            t.of.as_ref()
                .and_then(|r| cx.entity_at(r).map(|e| (e, t.tokens.start)))
                .or_else(|| {
                    let (o, s) = owner::post_owner_before(cx, a, &title)?;
                    Some(owner_near::outlet_before_beat(cx, o, s).unwrap_or((o, s)))
                })
                .or_else(|| owner_near::org_noun_before(cx, name.sentence.start, a))
                .or(state.map(|e| (e, t.tokens.start)))
                .or_else(|| owner_near::of_after_name(cx, name).map(|e| (e, a)));
        let status = t.status.unwrap_or(HoldingStatus::Incumbent);
        let start = of.map_or(a, |(_, s)| s).min(a);
        let holding = |holder: EntityId, end: usize| Holding {
            holder,
            title: title.clone(),
            of: of.map(|(e, _)| e),
            status,
            pattern: PostPattern::Prenominal,
            evidence: PostPattern::Prenominal.evidence(cx.doc.span(start, end)),
        };
        out.push(holding(name.holder, name.tokens.end));
        if let Some((_, first, first_status)) = &first {
            out.push(Holding {
                title: first.title.clone(),
                status: first_status.unwrap_or(HoldingStatus::Incumbent),
                ..holding(name.holder, name.tokens.end)
            });
        }
        // "Sens. Jane Roe and Tom Vale": a plural title is held by each name it lists.
        if plural_title(cx, &t.tokens) {
            out.extend(listed_persons(cx, name.tokens.end).into_iter().map(|(other, o_end)| holding(other, o_end)));
        }
    }
}

/// ", a spokesperson for the Trump transition", ", Director of Y, and Chairman of Z" (not
/// after "according to X," where the comma closes the phrase).
fn appositions_after(cx: &Ctx, name: &Named, out: &mut Vec<Holding>) {
    let doc = cx.doc;
    let (q, end) = (name.tokens.end, name.sentence.end);
    let according = name.tokens.start >= 2 && cx.lower(name.tokens.start - 2) == "according";
    if q + 1 >= end || doc.tok(q) != "," || according {
        return;
    }
    let mut p = q + 1;
    while p < end {
        if matches!(cx.lower(p), "a" | "an" | "the") {
            p += 1;
        }
        let found = title_phrase(cx, name, p, HoldingStatus::Incumbent, PostPattern::Apposition);
        let Some(last) = found.last() else { break };
        let stop = doc.tokens.partition_point(|t| t.start < last.evidence.span.end);
        out.extend(found);
        // A second apposition joined by ", and" ("X, Director of Y, and Chairman of Z").
        match (stop..end).find(|&k| doc.tok(k) == ",") {
            Some(k) if k + 2 < end && cx.lower(k + 1) == "and" => p = k + 2,
            _ => break,
        }
    }
}

/// "X is the chief executive of Y", "X was the ..." (former), also in a relative clause
/// with "then" or "serving as" ("X, who was then serving as the mayor's physician").
fn copular(cx: &Ctx, name: &Named) -> Vec<Holding> {
    let end = name.sentence.end;
    let mut q = name.tokens.end;
    if q + 2 < end && cx.doc.tok(q) == "," && cx.lower(q + 1) == "who" {
        q += 2;
    }
    if q + 2 >= end || !matches!(cx.lower(q), "is" | "was") {
        return Vec::new();
    }
    let mut status = if cx.lower(q) == "was" { HoldingStatus::Former } else { HoldingStatus::Incumbent };
    let mut d = q + 1;
    if d < end && matches!(cx.lower(d), "also" | "now" | "currently") {
        d += 1;
    }
    if let Some(m) = cx.rules.lexicons.status_markers.get(cx.lower(d)) {
        status = m.status;
        d += 1;
    }
    if d + 2 < end && matches!(cx.lower(d), "serving" | "working") && cx.lower(d + 1) == "as" {
        d += 2;
    }
    if d + 1 >= end || !matches!(cx.lower(d), "the" | "a" | "an") {
        return Vec::new();
    }
    title_phrase(cx, name, d + 1, status, PostPattern::Copular)
}

/// "X resigned as foreign affairs minister", "X was forced to step down as CEO" (former).
fn resignation(cx: &Ctx, name: &Named) -> Vec<Holding> {
    let q = name.tokens.end;
    let Some(a) = (q..(q + 6).min(name.sentence.end)).find(|&k| cx.lower(k) == "as") else { return Vec::new() };
    let resign = (q..a).any(|k| cx.rules.lexicons.is(WordClass::Resignation, cx.lower(k)));
    if !resign {
        return Vec::new();
    }
    title_phrase(cx, name, a + 1, HoldingStatus::Former, PostPattern::Resignation)
}

/// "X for secretary of state", "Y named X as chief executive" (designate; of Y when Y is
/// an organisation), "X has been named (the) new acting secretary".
fn selection(cx: &Ctx, name: &Named) -> Vec<Holding> {
    let q = name.tokens.end;
    if let Some(p) = passive_naming(cx, q, name.sentence.end) {
        return title_phrase(cx, name, p, HoldingStatus::Designate, PostPattern::Selection);
    }
    if q + 1 >= name.sentence.end || !matches!(cx.lower(q), "for" | "as") {
        return Vec::new();
    }
    let naming = preceded_by_naming(cx, name.tokens.start);
    if cx.lower(q) != "for" && naming.is_none() {
        return Vec::new();
    }
    let mut found = title_phrase(cx, name, q + 1, HoldingStatus::Designate, PostPattern::Selection);
    for h in found.iter_mut().filter(|h| h.of.is_none()) {
        h.of = naming
            .and_then(|v| cx.organisation_ending_at(v))
            .map(|(e, _)| e)
            .filter(|&e| cx.resolved.entities[e].class.base() == EntityClass::Organization);
    }
    found
}

/// One holding per holder and title: the first mention's evidence, the owner where one
/// mention names it, and a marked status ("-elect", "former") over the default.
fn merge_same_post(all: Vec<Holding>) -> Vec<Holding> {
    let mut out: Vec<Holding> = Vec::new();
    for h in all {
        match out
            .iter_mut()
            .find(|o| o.holder == h.holder && o.title == h.title && (o.of.is_none() || h.of.is_none() || o.of == h.of))
        {
            Some(o) => {
                o.of = o.of.or(h.of);
                if o.status == HoldingStatus::Incumbent {
                    o.status = h.status;
                }
            }
            None => out.push(h),
        }
    }
    out
}

/// A national post with no owner in the text ("Prime Minister X", "the environment
/// minister") belongs to the article's country: the country mentioned at least twice as
/// often as any other, when the post's paragraph names no other country.
fn national_posts(cx: &Ctx, out: &mut [Holding]) {
    let entities = &cx.resolved.entities;
    let countries: Vec<(EntityId, usize)> = entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.class == EntityClass::Country)
        .map(|(i, e)| (EntityId::new(i), e.mentions.len()))
        .collect();
    let Some(&(main, n)) = countries.iter().max_by_key(|(i, n)| (*n, std::cmp::Reverse(*i))) else { return };
    let second = countries.iter().filter(|(i, _)| *i != main).map(|(_, n)| *n).max().unwrap_or(0);
    if n < 2 * second {
        return;
    }
    let national = |title: &str| {
        let words: Vec<&str> = title.split(' ').collect();
        let (first, last) = (words[0], words[words.len() - 1]);
        cx.rules
            .lexicons
            .titles
            .values()
            .any(|t| [title, first, last].contains(&t.title.as_str()) && t.org_hint == Some(OrgHint::Country))
    };
    for h in out.iter_mut().filter(|h| h.of.is_none() && national(&h.title)) {
        let para =
            cx.doc.paragraphs.iter().map(|p| cx.doc.span(p.start, p.end)).find(|p| p.contains(&h.evidence.span.start));
        let Some(para) = para else { continue };
        let other = countries.iter().any(|&(c, _)| {
            c != main && entities[c].mentions.iter().any(|m| m.span.start >= para.start && m.span.end <= para.end)
        });
        if !other {
            h.of = Some(main);
        }
    }
}

/// Drops a holding whose title words another holding of the same holder contains, with
/// the same or a known owner ("ambassador" beside "ambassador to the United States").
fn drop_subsumed(all: Vec<Holding>) -> Vec<Holding> {
    let words = |h: &Holding| h.title.split(' ').map(str::to_owned).collect::<std::collections::BTreeSet<_>>();
    all.iter()
        .enumerate()
        .filter(|(i, h)| {
            !all.iter().enumerate().any(|(j, o)| {
                *i != j
                    && o.holder == h.holder
                    && (h.of.is_none() || h.of == o.of)
                    && words(o).is_superset(&words(h))
                    && (words(o).len() > words(h).len() || (o.of.is_some() && h.of.is_none()))
            })
        })
        .map(|(_, h)| h.clone())
        .collect()
}

/// Whether the title tokens are a plural abbreviation of a title: "Sens." beside "Sen.",
/// "Reps." beside "Rep." (not "Pres.", whose "Pre." is no title).
fn plural_title(cx: &Ctx, tokens: &Range<usize>) -> bool {
    if tokens.is_empty() {
        return false;
    }
    let last = cx.lower(tokens.end - 1);
    last.strip_suffix("s.").is_some_and(|stem| cx.rules.lexicons.titles.contains_key(&format!("{stem}.")))
}

/// The persons listed right after token `q` ("and Tom Vale", ", Tom Vale and Ann Moss")
/// with no title of their own: (entity, end token).
fn listed_persons(cx: &Ctx, q: usize) -> Vec<(EntityId, usize)> {
    let mut out = Vec::new();
    let mut k = q;
    while k < cx.doc.tokens.len() && out.len() < 5 {
        let mut next = k;
        while next < cx.doc.tokens.len() && matches!(cx.lower(next), "," | "and") {
            next += 1;
        }
        if next == k || cx.doc.sentence_of(next.min(cx.doc.tokens.len() - 1)) != cx.doc.sentence_of(q - 1) {
            break;
        }
        let Some((e, end)) = cx
            .candidates
            .iter()
            .zip(&cx.resolved.of_candidate)
            .filter(|(c, _)| c.tokens.start == next && c.titles.is_empty())
            .filter_map(|(c, e)| e.map(|e| (e, c.tokens.end)))
            .find(|&(e, _)| cx.resolved.entities[e].class == EntityClass::Person)
        else {
            break;
        };
        out.push((e, end));
        k = end;
    }
    out
}

/// The state of a party-state tag at token `q`, right after a name: ", R-Ohio", "(D-N.Y.)".
fn party_state(cx: &Ctx, q: usize) -> Option<EntityId> {
    let doc = cx.doc;
    if q + 3 >= doc.tokens.len() || !matches!(doc.tok(q), "," | "(") || !matches!(doc.tok(q + 1), "R" | "D" | "I") {
        return None;
    }
    if doc.tok(q + 2) != "-" || doc.sentence_of(q) != doc.sentence_of(q + 3) {
        return None;
    }
    cx.candidates
        .iter()
        .zip(&cx.resolved.of_candidate)
        .filter(|(c, _)| c.tokens.start == q + 3)
        .filter_map(|(_, e)| *e)
        .find(|&e| cx.resolved.entities[e].class.base() == EntityClass::Place)
}

/// "has been named (as) (the) new", "was appointed": a passive naming verb right after the
/// name ending before `q`; returns where the title phrase starts.
fn passive_naming(cx: &Ctx, q: usize, end: usize) -> Option<usize> {
    let mut v = q;
    while v < end && v < q + 2 && matches!(cx.lower(v), "has" | "have" | "had" | "been" | "was" | "is" | "were") {
        v += 1;
    }
    if v == q || v + 1 >= end || !cx.rules.lexicons.is(WordClass::Naming, cx.lower(v)) || !cx.lower(v).ends_with("ed") {
        return None;
    }
    let mut p = v + 1;
    if cx.lower(p) == "as" {
        p += 1;
    }
    if p < end && matches!(cx.lower(p), "the" | "a" | "an" | "its") {
        p += 1;
    }
    (p < end).then_some(p)
}

/// A naming verb ("named", "appointed") up to three words before: the verb's token index.
fn preceded_by_naming(cx: &Ctx, start: usize) -> Option<usize> {
    (start.saturating_sub(3)..start).rev().find(|&t| cx.rules.lexicons.is(WordClass::Naming, cx.lower(t)))
}

/// The entity that owns a title starting at token `t`: "Iran's" (possessive), "Iranian"
/// (demonym), "AP" (an organisation or place name right before); not a compound adjective
/// whose last part is lower-case ("Oscar-winning actress"). Returns the entity and the
/// first token of its mention.
fn owner_before(cx: &Ctx, t: usize) -> Option<(EntityId, usize)> {
    let mut end = t;
    if end > 0 && cx.doc.tokens[end - 1].kind == TokenKind::Possessive {
        end -= 1;
    }
    let adjective = end > 0
        && cx
            .doc
            .tok(end - 1)
            .rsplit_once('-')
            .is_some_and(|(_, last)| !last.is_empty() && last.chars().all(|c| c.is_lowercase()));
    if adjective {
        return None;
    }
    cx.organisation_ending_at(end)
}

/// A title (and what it is of) right before a comma that precedes the name: "the Afghan
/// team's coach, X", "the president of the Lombardy region, X", "a Scientology attorney, X".
fn apposition_before(cx: &Ctx, name: &Named) -> Vec<Holding> {
    apposition_before_parts(cx, name).unwrap_or_default()
}

/// [`apposition_before`]'s holdings, if its pattern is there.
fn apposition_before_parts(cx: &Ctx, name: &Named) -> Option<Vec<Holding>> {
    let doc = cx.doc;
    let (holder, from, name_end) = (name.holder, name.sentence.start, name.tokens.end);
    if name.tokens.start < from + 2 || doc.tok(name.tokens.start - 1) != "," {
        return None;
    }
    let comma = name.tokens.start - 1;
    let mut e = comma;
    // Skip a bracketed aside: "the secretary general of CEI (Italian Episcopal Conference), X".
    if e > from && doc.tok(e - 1) == ")" {
        e = (from..e - 1).rev().find(|&k| doc.tok(k) == "(")?;
    }
    let mut joined_first = None;
    let mut status = HoldingStatus::Incumbent;
    let (t_start, title, of, start) = match cx.title_ending_at(from, e) {
        Some((t_start, title)) => {
            // "WeWork's founder and former CEO, X": a marker, and a title joined before.
            let (mut o, marked) = joined::marker_before(cx, from, t_start);
            status = marked.unwrap_or(status);
            if let Some((s, first, first_status)) = joined::joined_before(cx, from, o) {
                joined_first = Some((first, first_status.unwrap_or(HoldingStatus::Incumbent)));
                o = s;
            }
            let owner = owner::post_owner_before(cx, o, &title.title);
            (o, title, owner.map(|(o, _)| o), owner.map_or(o, |(_, s)| s))
        }
        None => {
            // "... of (the) Y (region)": the owner ends at `e` or one lower-case word before.
            let (o, o_start) = cx.organisation_ending_at(e).or_else(|| {
                (e > from + 1 && doc.tok(e - 1).chars().all(char::is_lowercase))
                    .then(|| cx.organisation_ending_at(e - 1))
                    .flatten()
            })?;
            let mut k = o_start;
            if k > from && cx.lower(k - 1) == "the" {
                k -= 1;
            }
            if k <= from || !matches!(cx.lower(k - 1), "of" | "for" | "at") {
                return None;
            }
            let (t_start, title) = cx.title_ending_at(from, k - 1)?;
            (t_start, title, Some(o), t_start)
        }
    };
    if matches!(title.kind, TitleKind::Honorific | TitleKind::Religious) {
        return None;
    }
    // The title must open its noun phrase: a determiner, a possessive, a name or the
    // sentence start before it ("the coach", "team's coach", "a Scientology attorney"); a
    // sentence's first word is capitalised whatever it is ("Moving forward, X said").
    let ok_before = t_start == from
        || cx.rules.lexicons.is(WordClass::TitleOpener, cx.lower(t_start - 1))
        || doc.tokens[t_start - 1].kind == TokenKind::Possessive
        || (doc.tok(t_start - 1).starts_with(char::is_uppercase) && (t_start - 1 > from || cx.named[t_start - 1]));
    if !ok_before {
        return None;
    }
    let holding = |title: String, status: HoldingStatus| Holding {
        holder,
        title,
        of,
        status,
        pattern: PostPattern::Apposition,
        evidence: PostPattern::Apposition.evidence(doc.span(start.min(t_start), name_end)),
    };
    let mut out = vec![holding(title.title, status)];
    out.extend(joined_first.map(|(first, first_status)| holding(first.title, first_status)));
    Some(out)
}
