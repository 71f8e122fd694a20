//! Posts held: who holds which post, of what, with what status.
//!
//! Patterns (rule ids in brackets):
//! - a title before a name, with what owns the post before it: "Sen. Marco Rubio",
//!   "Iran's U.N. Ambassador X", "Iranian General X", "AP reporter X" (`post.prenominal`);
//! - an apposition after the name: "X, a spokesperson for the Trump transition", "X, an
//!   Ottawa New Democrat MP,", "X, Director of Y, and Chairman of Z" (`post.apposition`);
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
use super::mentions::{Candidate, Kind};
use super::{EntityId, Holding, HoldingStatus, PostPattern};
use crate::rules::{EntityClass, OrgHint, Rules, Title, TitleKind, WordClass};
use crate::text::{Doc, TokenKind};

/// What the patterns look at.
struct Ctx<'a> {
    doc: &'a Doc<'a>,
    rules: &'a Rules,
    candidates: &'a [Candidate],
    resolved: &'a Resolved,
}

impl Ctx<'_> {
    fn lower(&self, i: usize) -> &str {
        self.doc.lower(i)
    }

    /// The entity of the longest kept candidate with exactly these tokens.
    fn entity_at(&self, tokens: &Range<usize>) -> Option<EntityId> {
        self.candidates.iter().position(|c| c.tokens == *tokens).and_then(|i| self.resolved.of_candidate[i])
    }

    /// The longest kept candidate starting at `t` that is no person: (entity, end).
    fn organisation_at(&self, t: usize) -> Option<(EntityId, usize)> {
        self.candidates
            .iter()
            .enumerate()
            .filter(|(_, c)| c.tokens.start == t)
            .filter_map(|(i, c)| self.resolved.of_candidate[i].map(|e| (e, c.tokens.end)))
            .filter(|&(e, _)| self.resolved.entities[e].class != EntityClass::Person)
            .max_by_key(|&(_, end)| end)
    }

    /// The longest kept candidate ending at `t` that is no person: (entity, start).
    fn organisation_ending_at(&self, t: usize) -> Option<(EntityId, usize)> {
        self.candidates
            .iter()
            .enumerate()
            .filter(|(_, c)| c.tokens.end == t && !matches!(c.kind, Kind::Described { .. }))
            .filter_map(|(i, c)| self.resolved.of_candidate[i].map(|e| (e, c.tokens.start)))
            .filter(|&(e, _)| self.resolved.entities[e].class.base() != EntityClass::Person)
            .max_by_key(|&(_, start)| std::cmp::Reverse(start))
    }

    /// The longest title starting at `s` (lower-cased words): (end, title).
    fn title_at(&self, s: usize, end: usize) -> Option<(usize, Title)> {
        let lex = &self.rules.lexicons;
        let max = lex.title_max_tokens.min(end.saturating_sub(s));
        (1..=max).rev().find_map(|k| {
            let words: Vec<&str> = (s..s + k).map(|i| self.lower(i)).collect();
            lex.titles.get(&words.join(" ")).map(|t| (s + k, t.clone()))
        })
    }

    /// The longest title ending just before `e` (lower-cased words): (start, title).
    fn title_ending_at(&self, from: usize, e: usize) -> Option<(usize, Title)> {
        let lex = &self.rules.lexicons;
        let max = lex.title_max_tokens.min(e - from);
        (1..=max).rev().find_map(|k| {
            let words: Vec<&str> = (e - k..e).map(|i| self.lower(i)).collect();
            lex.titles.get(&words.join(" ")).map(|t| (e - k, t.clone()))
        })
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
pub fn find(doc: &Doc, rules: &Rules, candidates: &[Candidate], resolved: &Resolved) -> Vec<Holding> {
    let cx = Ctx { doc, rules, candidates, resolved };
    let mut out: Vec<Holding> = Vec::new();
    let person = |i: usize| resolved.of_candidate[i].filter(|&e| resolved.entities[e].class == EntityClass::Person);
    for (ci, c) in candidates.iter().enumerate() {
        let Some(holder) = person(ci) else { continue };
        let sentence = doc.sentences[doc.sentence_of(c.tokens.start)].clone();
        let name = Named { holder, tokens: c.tokens.clone(), sentence };
        prenominal(&cx, c, &name, &mut out);
        appositions_after(&cx, &name, &mut out);
        out.extend(apposition_before(&cx, &name));
        out.extend(copular(&cx, &name));
        out.extend(resignation(&cx, &name));
        out.extend(selection(&cx, &name));
    }
    national_posts(&cx, &mut out);
    out.sort_by(|a, b| a.evidence.cmp(&b.evidence));
    drop_subsumed(merge_same_post(out))
}

/// The titles before the name ("Sen. X", "Iran's U.N. Ambassador X"), but no honorific or
/// religious title, with what owns the post: named in the title ("Chief Executive of GM")
/// or right before it.
fn prenominal(cx: &Ctx, c: &Candidate, name: &Named, out: &mut Vec<Holding>) {
    for t in &c.titles {
        if matches!(t.title.kind, TitleKind::Honorific | TitleKind::Religious) {
            continue;
        }
        let of =
            t.of.as_ref()
                .and_then(|r| cx.entity_at(r).map(|e| (e, t.tokens.start)))
                .or_else(|| owner_before(cx, t.tokens.start));
        let status = t.status.unwrap_or(HoldingStatus::Incumbent);
        let start = of.map_or(t.tokens.start, |(_, s)| s).min(t.tokens.start);
        out.push(Holding {
            holder: name.holder,
            title: t.title.title.clone(),
            of: of.map(|(e, _)| e),
            status,
            pattern: PostPattern::Prenominal,
            evidence: PostPattern::Prenominal.evidence(cx.doc.span(start, name.tokens.end)),
        });
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
        let Some(h) = title_phrase(cx, name, p, HoldingStatus::Incumbent, PostPattern::Apposition) else { break };
        let stop = doc.tokens.partition_point(|t| t.start < h.evidence.span.end);
        out.push(h);
        // A second apposition joined by ", and" ("X, Director of Y, and Chairman of Z").
        match (stop..end).find(|&k| doc.tok(k) == ",") {
            Some(k) if k + 2 < end && cx.lower(k + 1) == "and" => p = k + 2,
            _ => break,
        }
    }
}

/// "X is the chief executive of Y", "X was the ..." (former).
fn copular(cx: &Ctx, name: &Named) -> Option<Holding> {
    let q = name.tokens.end;
    if q + 2 >= name.sentence.end
        || !matches!(cx.lower(q), "is" | "was")
        || !matches!(cx.lower(q + 1), "the" | "a" | "an")
    {
        return None;
    }
    let status = if cx.lower(q) == "was" { HoldingStatus::Former } else { HoldingStatus::Incumbent };
    title_phrase(cx, name, q + 2, status, PostPattern::Copular)
}

/// "X resigned as foreign affairs minister", "X was forced to step down as CEO" (former).
fn resignation(cx: &Ctx, name: &Named) -> Option<Holding> {
    let q = name.tokens.end;
    let a = (q..(q + 6).min(name.sentence.end)).find(|&k| cx.lower(k) == "as")?;
    let resign = (q..a).any(|k| cx.rules.lexicons.is(WordClass::Resignation, cx.lower(k)));
    if !resign {
        return None;
    }
    title_phrase(cx, name, a + 1, HoldingStatus::Former, PostPattern::Resignation)
}

/// "X for secretary of state", "Y named X as chief executive" (designate; of Y when Y is
/// an organisation).
fn selection(cx: &Ctx, name: &Named) -> Option<Holding> {
    let q = name.tokens.end;
    if q + 1 >= name.sentence.end || !matches!(cx.lower(q), "for" | "as") {
        return None;
    }
    let naming = preceded_by_naming(cx, name.tokens.start);
    if cx.lower(q) != "for" && naming.is_none() {
        return None;
    }
    let mut h = title_phrase(cx, name, q + 1, HoldingStatus::Designate, PostPattern::Selection)?;
    if h.of.is_none() {
        h.of = naming
            .and_then(|v| cx.organisation_ending_at(v))
            .map(|(e, _)| e)
            .filter(|&e| cx.resolved.entities[e].class.base() == EntityClass::Organization);
    }
    Some(h)
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

/// A naming verb ("named", "appointed") up to three words before: the verb's token index.
fn preceded_by_naming(cx: &Ctx, start: usize) -> Option<usize> {
    (start.saturating_sub(3)..start).rev().find(|&t| cx.rules.lexicons.is(WordClass::Naming, cx.lower(t)))
}

/// The entity that owns a title starting at token `t`: "Iran's" (possessive), "Iranian"
/// (demonym), "AP" (an organisation or place name right before). Returns the entity and
/// the first token of its mention.
fn owner_before(cx: &Ctx, t: usize) -> Option<(EntityId, usize)> {
    let mut end = t;
    if end > 0 && cx.doc.tokens[end - 1].kind == TokenKind::Possessive {
        end -= 1;
    }
    cx.organisation_ending_at(end)
}

/// A title phrase at `p` (up to four modifiers before it, "an Ottawa New Democrat MP"),
/// then "to the prime minister" or "of/for/at (the) Y".
fn title_phrase(cx: &Ctx, name: &Named, p: usize, mut status: HoldingStatus, pattern: PostPattern) -> Option<Holding> {
    let lex = &cx.rules.lexicons;
    let doc = cx.doc;
    let (holder, start, end) = (name.holder, name.tokens.start, name.sentence.end);
    let mut found = None;
    for skip in 0..=4 {
        let s = p + skip;
        if s >= end {
            break;
        }
        if let Some((t_end, t)) = cx.title_at(s, end) {
            if let Some(m) = (p..s).find_map(|i| lex.status_markers.get(cx.lower(i))) {
                status = m.status;
            }
            found = Some((t_end, t));
            break;
        }
        // Only words may stand before the title, and no person ("X, a friend of Y").
        if doc.tokens[s].kind != TokenKind::Word || lex.is(WordClass::TitlePhraseBreak, cx.lower(s)) {
            break;
        }
    }
    let (t_end, mut title) = found?;
    if matches!(title.kind, TitleKind::Honorific) {
        return None;
    }
    // Capitalised modifiers that name nothing complete the title ("Foreign Affairs
    // minister"); names ("an Ottawa New Democrat MP") and adjectives do not.
    let t_start = t_end - title.title.split(' ').count().min(t_end - p);
    let mut m = t_start;
    let named = |t: usize| {
        cx.candidates.iter().zip(&cx.resolved.of_candidate).any(|(c, e)| e.is_some() && c.tokens.contains(&t))
    };
    while m > p && doc.tok(m - 1).starts_with(char::is_uppercase) && !named(m - 1) {
        m -= 1;
    }
    if m < t_start && m == p {
        title.title = format!("{} {}", doc.slice(m, t_start).to_lowercase(), title.title);
    }
    let mut stop = t_end;
    // "undersecretary to the prime minister": a title completed by another title.
    if t_end + 1 < end && cx.lower(t_end) == "to" {
        let o = if cx.lower(t_end + 1) == "the" { t_end + 2 } else { t_end + 1 };
        if let Some((e2, t2)) = cx.title_at(o, end) {
            title.title = format!("{} to the {}", title.title, t2.title);
            stop = e2;
        }
    }
    let mut of = None;
    if stop == t_end && t_end + 1 < end && matches!(cx.lower(t_end), "of" | "for" | "at" | "to" | "with") {
        let o = if cx.lower(t_end + 1) == "the" && t_end + 2 < end { t_end + 2 } else { t_end + 1 };
        if let Some((e, e_end)) = cx.organisation_at(o) {
            of = Some(e);
            stop = e_end;
        }
    }
    Some(Holding { holder, title: title.title, of, status, pattern, evidence: pattern.evidence(doc.span(start, stop)) })
}

/// A title (and what it is of) right before a comma that precedes the name: "the Afghan
/// team's coach, X", "the president of the Lombardy region, X", "a Scientology attorney, X".
fn apposition_before(cx: &Ctx, name: &Named) -> Option<Holding> {
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
    let (t_start, title, of, start) = match cx.title_ending_at(from, e) {
        Some((t_start, title)) => {
            let owner = owner_before(cx, t_start);
            (t_start, title, owner.map(|(o, _)| o), owner.map_or(t_start, |(_, s)| s))
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
    // sentence start before it ("the coach", "team's coach", "a Scientology attorney").
    let ok_before = t_start == from
        || cx.rules.lexicons.is(WordClass::TitleOpener, cx.lower(t_start - 1))
        || doc.tokens[t_start - 1].kind == TokenKind::Possessive
        || doc.tok(t_start - 1).starts_with(char::is_uppercase);
    ok_before.then(|| Holding {
        holder,
        title: title.title,
        of,
        status: HoldingStatus::Incumbent,
        pattern: PostPattern::Apposition,
        evidence: PostPattern::Apposition.evidence(doc.span(start.min(t_start), name_end)),
    })
}
