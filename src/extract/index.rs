//! Lookups from token positions to the entities mentioned there, shared by the stages
//! after coreference (posts, quotations, events, sources).

use std::ops::Range;

use rustc_hash::FxHashMap;

use super::entities::Resolved;
use super::mentions::{Candidate, Kind};
use super::{Entity, EntityId};
use crate::rules::{EntityClass, Rules};
use crate::text::Doc;

/// One kept mention: its tokens and its entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub tokens: Range<usize>,
    pub entity: EntityId,
    /// A described organisation ("Iran's U.N. mission"), which contains other mentions.
    pub described: bool,
}

/// The kept mentions of a document, in text order.
pub struct MentionIndex<'a> {
    pub mentions: Vec<Mention>,
    pub entities: &'a [Entity],
    /// Indices into `mentions`, sorted by end token (then by index).
    by_end: Vec<usize>,
    /// Per entity, indices into `mentions` in text order.
    by_entity: Vec<Vec<usize>>,
    /// The last word of each person's label of two words or more, and that person (`None`
    /// when two people share it).
    by_surname: FxHashMap<&'a str, Option<EntityId>>,
}

impl<'a> MentionIndex<'a> {
    pub fn new(candidates: &[Candidate], resolved: &'a Resolved) -> Self {
        let mut mentions: Vec<Mention> = candidates
            .iter()
            .zip(&resolved.of_candidate)
            .filter_map(|(c, e)| {
                e.map(|entity| Mention {
                    tokens: c.tokens.clone(),
                    entity,
                    described: matches!(c.kind, Kind::Described { .. }),
                })
            })
            .collect();
        mentions.sort_by_key(|m| (m.tokens.start, std::cmp::Reverse(m.tokens.end)));
        let mut by_end: Vec<usize> = (0..mentions.len()).collect();
        by_end.sort_by_key(|&i| (mentions[i].tokens.end, i));
        let mut by_entity = vec![Vec::new(); resolved.entities.len()];
        for (i, m) in mentions.iter().enumerate() {
            by_entity[m.entity.index()].push(i);
        }
        let mut by_surname: FxHashMap<&str, Option<EntityId>> = FxHashMap::default();
        for (i, e) in resolved.entities.iter().enumerate() {
            let mut words = e.label.split(' ');
            let last = words.next_back();
            if let (EntityClass::Person, Some(last), Some(_)) = (e.class, last, words.next()) {
                by_surname.entry(last).and_modify(|found| *found = None).or_insert(Some(EntityId::new(i)));
            }
        }
        MentionIndex { mentions, entities: &resolved.entities, by_end, by_entity, by_surname }
    }

    /// The one person whose label (of two words or more) ends in `surname`, if exactly one
    /// does.
    pub fn person_by_surname(&self, surname: &str) -> Option<EntityId> {
        self.by_surname.get(surname).copied().flatten()
    }

    /// The mentions of `entity`, in text order.
    pub fn mentions_of(&self, entity: EntityId) -> impl Iterator<Item = &Mention> + '_ {
        self.by_entity.get(entity.index()).into_iter().flatten().map(|&i| &self.mentions[i])
    }

    /// The mentions that start at a token in `first..=last`, in index order (found by
    /// binary search, so lookups cost the size of the window, not of the article).
    pub fn starting_within(&self, first: usize, last: usize) -> &[Mention] {
        let lo = self.mentions.partition_point(|m| m.tokens.start < first);
        let hi = self.mentions.partition_point(|m| m.tokens.start <= last).max(lo);
        &self.mentions[lo..hi]
    }

    pub fn class(&self, entity: EntityId) -> EntityClass {
        self.entities[entity].class
    }

    /// The longest mention ending just before token `end`.
    pub fn ending_at(&self, end: usize) -> Option<&Mention> {
        let lo = self.by_end.partition_point(|&i| self.mentions[i].tokens.end < end);
        let hi = self.by_end.partition_point(|&i| self.mentions[i].tokens.end <= end);
        self.by_end[lo..hi].iter().map(|&i| &self.mentions[i]).max_by_key(|m| m.tokens.len())
    }

    /// The longest mention starting at token `start`.
    pub fn starting_at(&self, start: usize) -> Option<&Mention> {
        self.starting_within(start, start).iter().filter(|m| m.tokens.start == start).max_by_key(|m| m.tokens.len())
    }

    /// Outermost mentions lying inside `range` (a described organisation hides the mentions
    /// within it).
    pub fn outermost_in(&self, range: Range<usize>) -> Vec<&Mention> {
        let inside: Vec<&Mention> =
            self.starting_within(range.start, range.end).iter().filter(|m| m.tokens.end <= range.end).collect();
        inside
            .iter()
            .copied()
            .filter(|m| {
                !inside
                    .iter()
                    .any(|o| o.tokens != m.tokens && o.tokens.start <= m.tokens.start && o.tokens.end >= m.tokens.end)
            })
            .collect()
    }

    /// The latest mention before token `before` (within `from..before`) whose entity passes
    /// `ok`.
    pub fn latest_before(&self, from: usize, before: usize, ok: impl Fn(EntityClass) -> bool) -> Option<&Mention> {
        self.starting_within(from, before)
            .iter()
            .filter(|m| m.tokens.end <= before && ok(self.class(m.entity)))
            .max_by_key(|m| (m.tokens.end, m.tokens.len()))
    }
}

/// The candidates starting and ending at each token (indices into the candidate list, in
/// index order), for the stages before the mention index exists (linking, typing, posts):
/// a look-up costs the candidates at that token, not the article's.
#[derive(Debug, Default)]
pub struct CandidatesAt {
    by_start: FxHashMap<usize, Vec<usize>>,
    by_end: FxHashMap<usize, Vec<usize>>,
}

impl CandidatesAt {
    pub fn new(candidates: &[Candidate]) -> Self {
        let mut at = CandidatesAt::default();
        for (i, c) in candidates.iter().enumerate() {
            at.by_start.entry(c.tokens.start).or_default().push(i);
            at.by_end.entry(c.tokens.end).or_default().push(i);
        }
        at
    }

    /// The candidates whose first token is `t`, in index order.
    pub fn starting_at(&self, t: usize) -> &[usize] {
        self.by_start.get(&t).map_or(&[], Vec::as_slice)
    }

    /// The candidates that end just before token `t`, in index order.
    pub fn ending_at(&self, t: usize) -> &[usize] {
        self.by_end.get(&t).map_or(&[], Vec::as_slice)
    }
}

/// Whether token `t` is a personal pronoun, and which classes it can stand for
/// (`pronouns.tsv`).
pub fn pronoun_classes<'r>(doc: &Doc, rules: &'r Rules, t: usize) -> Option<&'r [EntityClass]> {
    rules.lexicons.pronoun(doc.lower(t))
}
