//! Posts held: who holds which post, of what, with what status.
//!
//! Patterns (rule ids in brackets):
//! - a title before a name, with what owns the post before it: "Sen. Marco Rubio",
//!   "Iran's U.N. Ambassador X", "Iranian General X", "AP reporter X"
//!   [`post.prenominal`];
//! - an apposition: "X, a spokesperson for the Trump transition", "X, the chief executive
//!   of Y" [`post.apposition`];
//! - a copula: "X is the chief executive of Y" (with "was": former) [`post.copular`];
//! - a selection: "X for secretary of state", "named X as Y" (designate)
//!   [`post.selection`].
//!
//! Status comes from markers ("former", "-elect", "acting", "nominee"), else incumbent.

use std::ops::Range;

use super::entities::Resolved;
use super::mentions::{Candidate, Kind};
use super::{Evidence, Holding, HoldingStatus};
use crate::rules::{EntityClass, Rules, TitleKind};
use crate::text::{Doc, TokenKind};

/// Finds the posts held in a document.
pub fn find(doc: &Doc, rules: &Rules, candidates: &[Candidate], resolved: &Resolved) -> Vec<Holding> {
    let mut out: Vec<Holding> = Vec::new();
    let entity_at = |tokens: &Range<usize>| -> Option<usize> {
        candidates.iter().position(|c| c.tokens == *tokens).and_then(|i| resolved.of_candidate[i])
    };
    let person = |i: usize| resolved.of_candidate[i].filter(|&e| resolved.entities[e].class == EntityClass::Person);
    for (ci, c) in candidates.iter().enumerate() {
        let Some(holder) = person(ci) else { continue };
        // Titles before the name.
        for t in &c.titles {
            if matches!(t.title.kind, TitleKind::Honorific | TitleKind::Religious) {
                continue;
            }
            let of =
                t.of.as_ref()
                    .and_then(|r| entity_at(r).map(|e| (e, t.tokens.start)))
                    .or_else(|| owner_before(doc, candidates, resolved, t.tokens.start));
            let status = t.status.as_deref().map(HoldingStatus::from_name).unwrap_or(HoldingStatus::Incumbent);
            let start = of.map_or(t.tokens.start, |(_, s)| s).min(t.tokens.start);
            out.push(Holding {
                holder,
                title: t.title.title.clone(),
                of: of.map(|(e, _)| e),
                status,
                evidence: Evidence { span: doc.span(start, c.tokens.end), rule: "post.prenominal" },
            });
        }
        let end = doc.sentences[doc.sentence_of(c.tokens.start)].end;
        let q = c.tokens.end;
        // ", a spokesperson for the Trump transition"
        if q + 2 < end && doc.tok(q) == "," {
            let mut p = q + 1;
            if matches!(lower(doc, p).as_str(), "a" | "an" | "the") {
                p += 1;
                if let Some(h) = title_phrase(
                    doc,
                    rules,
                    candidates,
                    resolved,
                    &entity_at,
                    holder,
                    p,
                    end,
                    HoldingStatus::Incumbent,
                    "post.apposition",
                    c.tokens.start,
                ) {
                    out.push(h);
                }
            }
        }
        // "X is the chief executive of Y", "X was the ..."
        if q + 2 < end
            && matches!(lower(doc, q).as_str(), "is" | "was")
            && matches!(lower(doc, q + 1).as_str(), "the" | "a" | "an")
        {
            let status = if lower(doc, q) == "was" { HoldingStatus::Former } else { HoldingStatus::Incumbent };
            if let Some(h) = title_phrase(
                doc,
                rules,
                candidates,
                resolved,
                &entity_at,
                holder,
                q + 2,
                end,
                status,
                "post.copular",
                c.tokens.start,
            ) {
                out.push(h);
            }
        }
        // "X for secretary of state", "Y named X as chief executive" (of Y)
        if q + 1 < end && matches!(lower(doc, q).as_str(), "for" | "as") {
            let naming = preceded_by_naming(doc, c.tokens.start);
            if lower(doc, q) == "for" || naming.is_some() {
                if let Some(mut h) = title_phrase(
                    doc,
                    rules,
                    candidates,
                    resolved,
                    &entity_at,
                    holder,
                    q + 1,
                    end,
                    HoldingStatus::Designate,
                    "post.selection",
                    c.tokens.start,
                ) {
                    if h.of.is_none() {
                        h.of = naming.and_then(|v| {
                            let (ci, _) = candidates
                                .iter()
                                .enumerate()
                                .filter(|(_, c)| c.tokens.end == v)
                                .max_by_key(|(_, c)| c.tokens.len())?;
                            resolved.of_candidate[ci]
                                .filter(|&e| resolved.entities[e].class.base() == EntityClass::Organization)
                        });
                    }
                    out.push(h);
                }
            }
        }
    }
    out.sort_by(|a, b| a.evidence.cmp(&b.evidence));
    out.dedup_by(|a, b| a.holder == b.holder && a.title == b.title && a.of == b.of);
    out
}

fn lower(doc: &Doc, i: usize) -> String {
    doc.tok(i).to_lowercase()
}

/// "named", "nominated", "picked", "chose", "tapped", "appointed" a few words before:
/// the verb's token index.
fn preceded_by_naming(doc: &Doc, start: usize) -> Option<usize> {
    (start.saturating_sub(3)..start).rev().find(|&t| {
        matches!(
            lower(doc, t).as_str(),
            "named"
                | "nominated"
                | "picked"
                | "chose"
                | "chosen"
                | "tapped"
                | "appointed"
                | "selected"
                | "names"
                | "nominates"
                | "picks"
                | "appoints"
        )
    })
}

/// The entity that owns a title starting at token `t`: "Iran's" (possessive), "Iranian"
/// (demonym), "AP" (an organisation or place name right before). Returns the entity and
/// the first token of its mention.
fn owner_before(doc: &Doc, candidates: &[Candidate], resolved: &Resolved, t: usize) -> Option<(usize, usize)> {
    let mut end = t;
    if end > 0 && doc.tokens[end - 1].kind == TokenKind::Possessive {
        end -= 1;
    }
    let (ci, c) = candidates
        .iter()
        .enumerate()
        .filter(|(_, c)| c.tokens.end == end && !matches!(c.kind, Kind::Described { .. }))
        .max_by_key(|(_, c)| c.tokens.len())?;
    let e = resolved.of_candidate[ci]?;
    (resolved.entities[e].class.base() != EntityClass::Person).then_some((e, c.tokens.start))
}

/// A title phrase at `p` (adjectives allowed before it), then optionally "of/for/at (the) Y".
#[allow(clippy::too_many_arguments)]
fn title_phrase(
    doc: &Doc,
    rules: &Rules,
    candidates: &[Candidate],
    resolved: &Resolved,
    entity_at: &dyn Fn(&Range<usize>) -> Option<usize>,
    holder: usize,
    mut p: usize,
    end: usize,
    mut status: HoldingStatus,
    rule: &'static str,
    start: usize,
) -> Option<Holding> {
    let lex = &rules.lexicons;
    // Up to three modifiers before the title ("longtime", "former", "senior").
    let mut found = None;
    for skip in 0..=3 {
        let s = p + skip;
        if s >= end {
            break;
        }
        let max = lex.title_max_tokens.min(end - s);
        if let Some((k, t)) = (1..=max).rev().find_map(|k| {
            let words: Vec<String> = (s..s + k).map(|i| lower(doc, i)).collect();
            lex.titles.get(&words.join(" ")).map(|t| (k, t.clone()))
        }) {
            if let Some(m) = (p..s).find_map(|i| lex.status_markers.get(&lower(doc, i))) {
                status = HoldingStatus::from_name(&m.status);
            }
            found = Some((s, s + k, t));
            break;
        }
        // Only plain lower-case words may stand before the title.
        if !doc.tok(s).chars().all(|c| c.is_lowercase() || c == '-') {
            break;
        }
    }
    let (_, t_end, title) = found?;
    if matches!(title.kind, TitleKind::Honorific) {
        return None;
    }
    p = t_end;
    let mut of = None;
    let mut stop = t_end;
    if p + 1 < end && matches!(lower(doc, p).as_str(), "of" | "for" | "at" | "to" | "with") {
        let mut o = p + 1;
        if lower(doc, o) == "the" && o + 1 < end {
            o += 1;
        }
        // The longest candidate starting at `o`.
        if let Some(c) = candidates.iter().filter(|c| c.tokens.start == o).max_by_key(|c| c.tokens.end) {
            if let Some(e) = entity_at(&c.tokens).filter(|&e| resolved.entities[e].class != EntityClass::Person) {
                of = Some(e);
                stop = c.tokens.end;
            }
        }
    }
    Some(Holding { holder, title: title.title, of, status, evidence: Evidence { span: doc.span(start, stop), rule } })
}
