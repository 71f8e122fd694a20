//! Cited sources: who the article says a fact comes from.
//!
//! Patterns (rule ids in brackets): "according to X" (a name, "a report by X", or a description such
//! as "a U.S. official") (`source.according-to`); "reported by X", "a report by X"
//! (`source.reported-by`); "X reported" (`source.reported`); "quoting X"
//! (`source.quoting`); "via X" (and "via X of Y") (`source.via`); reported speech, "X
//! said", "X told", "officials say", "…, said X", and with the subjects of
//! `quotes::speech_subject` ("X, a spokesperson, said", "X has said", "she said")
//! (`source.said`); a quotation's speaker (`source.quote`); a source description before
//! a finding verb, "researchers found" (`source.finding`, `findings.rs`). Descriptions become anonymous
//! sources labelled as written ("a U.S. official"), affiliated with the entity named in
//! them. What is attributed: the sentence (as a claim), the events read from it, and
//! quotations.

mod findings;
pub(crate) mod subjects;

use super::index::MentionIndex;
use super::quotes::{description, relative_clause_opening, skip_auxiliaries, speech_subject};
use super::speakers::{named_group, quoted_tokens};
use super::{
    AnonymousSource, Attribution, EntityId, Event, EventId, Evidence, Fact, Quote, QuoteId, SentenceId, Source,
    SourceId, Speaker,
};
use rustc_hash::FxHashMap;

use crate::extract::entities::name_key;
use crate::rules::{EntityClass, EventType, Rules, SpeechKind, WordClass};
use crate::text::{Doc, TokenKind};

struct Found {
    sentence: SentenceId,
    source: Source,
    rule: &'static str,
}

/// The patterns over one document: the sources found so far, and the anonymous sources
/// they name.
struct Finder<'a> {
    doc: &'a Doc<'a>,
    rules: &'a Rules,
    index: &'a MentionIndex<'a>,
    quotes: &'a [Quote],
    /// Which tokens lie inside quotation marks (`speakers::quoted_tokens`).
    quoted: Vec<bool>,
    anonymous: Vec<AnonymousSource>,
    /// The anonymous source of each name key, so that finding one is a lookup, not a scan
    /// of every earlier source (which made long articles quadratic).
    anonymous_by_key: FxHashMap<String, SourceId>,
    found: Vec<Found>,
}

/// Finds anonymous sources and attributions.
pub fn find(
    doc: &Doc,
    rules: &Rules,
    index: &MentionIndex,
    quotes: &[Quote],
    events: &[Event],
) -> (Vec<AnonymousSource>, Vec<Attribution>) {
    let mut f = Finder {
        doc,
        rules,
        index,
        quotes,
        quoted: quoted_tokens(doc),
        anonymous: Vec::new(),
        anonymous_by_key: FxHashMap::default(),
        found: Vec::new(),
    };
    for (si, s) in doc.sentences.iter().enumerate() {
        let (si, end) = (SentenceId::new(si), s.end);
        let mut t = s.start;
        while t < end {
            if doc.tokens[t].kind != TokenKind::Word {
                t += 1;
                continue;
            }
            if f.according_to(si, t, end) {
                t += 2;
                continue;
            }
            f.reported_by(si, t, end);
            f.via(si, s.start, t, end);
            f.quoting(si, t, end);
            f.said(si, s.start, t, end);
            f.finding(si, s.start, t, end);
            t += 1;
        }
    }
    let attributions = f.attributions(events);
    (f.anonymous, attributions)
}

impl Finder<'_> {
    /// Whether entity `e` may speak: anything but a place, save a country.
    fn speaks(&self, e: EntityId) -> bool {
        let class = self.index.class(e);
        class.base() != EntityClass::Place || class == EntityClass::Country
    }

    fn push(&mut self, sentence: SentenceId, source: Source, rule: &'static str) {
        self.found.push(Found { sentence, source, rule });
    }

    /// The anonymous source described by tokens `a..b` (one per label, by name key),
    /// affiliated with the first entity named in it.
    fn anonymous(&mut self, a: usize, b: usize, rule: &'static str) -> Source {
        let span = self.doc.span(a, b);
        let label = self.doc.text[span.clone()].to_owned();
        let key = name_key(&label);
        if let Some(&id) = self.anonymous_by_key.get(&key) {
            return Source::Anonymous(id);
        }
        let affiliation = self.index.outermost_in(a..b).first().map(|m| m.entity);
        self.anonymous.push(AnonymousSource { label, affiliation, evidence: Evidence { span, rule } });
        let id = SourceId::new(self.anonymous.len() - 1);
        self.anonymous_by_key.insert(key, id);
        Source::Anonymous(id)
    }

    /// "according to X" at token `t` of a sentence ending at `end`: a name, "a report by X",
    /// or a description ("a U.S. official familiar with the matter"). Whether the words
    /// are there (found or not, the two words are read).
    fn according_to(&mut self, si: SentenceId, t: usize, end: usize) -> bool {
        let (doc, rules, index) = (self.doc, self.rules, self.index);
        if doc.lower(t) != "according" || t + 2 >= end || doc.lower(t + 1) != "to" {
            return false;
        }
        let x = t + 2;
        // "according to the Pentagon": an organisation's name that is the whole noun phrase
        // after "the" ("according to the Jordanian government" is a description, not Jordan).
        let after_the = (doc.lower(x) == "the" && x + 1 < end)
            .then(|| index.starting_at(x + 1))
            .flatten()
            .filter(|m| index.class(m.entity).base() == EntityClass::Organization)
            .filter(|m| {
                let e = m.tokens.end;
                e >= end || !matches!(doc.tokens[e].kind, TokenKind::Word | TokenKind::Possessive)
            });
        if let Some(m) = index.starting_at(x).or(after_the) {
            // "according to Afghan Ambassador X": the titled person.
            let m = findings::titled_person(doc, rules, index, m, end).unwrap_or(m);
            self.push(si, Source::Entity(m.entity), "source.according-to");
        } else if let Some(e) = report_by(doc, rules, index, x, end) {
            self.push(si, Source::Entity(e), "source.reported-by");
        } else if let Some(e) = evidence_from(doc, index, x, end) {
            self.push(si, Source::Entity(e), "source.according-to");
        } else if let Some((d_end, _)) = description(doc, rules, x, end) {
            let d_end = familiar_with(doc, rules, d_end, end);
            let source = self.anonymous(x, d_end, "source.according-to");
            self.push(si, source, "source.according-to");
        } else if let Some(d_end) = unnamed_body(doc, rules, x, end) {
            let source = self.anonymous(x, d_end, "source.according-to");
            self.push(si, source, "source.according-to");
        }
        true
    }

    /// "reported by X", "a report by X".
    fn reported_by(&mut self, si: SentenceId, t: usize, end: usize) {
        let (doc, index) = (self.doc, self.index);
        if doc.lower(t) == "reported" && t + 2 < end && doc.lower(t + 1) == "by" {
            if let Some(m) = index.starting_at(t + 2) {
                self.push(si, Source::Entity(m.entity), "source.reported-by");
            }
        }
        if let Some(e) = report_by(doc, self.rules, index, t, end) {
            self.push(si, Source::Entity(e), "source.reported-by");
        }
    }

    /// "via X" ("said, via Jane Roe of the Daily Example"): X, and the outlet of X, in a
    /// sentence of a sentence `start..end` that reports speech (not a route: "flew to
    /// India via Bangladesh").
    fn via(&mut self, si: SentenceId, start: usize, t: usize, end: usize) {
        let (doc, index) = (self.doc, self.index);
        if doc.lower(t) != "via" || t + 1 >= end {
            return;
        }
        if !(start..end).any(|k| self.rules.lexicons.speech_verbs.contains_key(doc.lower(k))) {
            return;
        }
        let Some(m) = index.starting_at(t + 1).filter(|m| self.speaks(m.entity)) else { return };
        self.push(si, Source::Entity(m.entity), "source.via");
        let of = m.tokens.end;
        if of + 1 < end && doc.lower(of) == "of" {
            let outlet = index
                .starting_at(of + 1)
                .or_else(|| (doc.lower(of + 1) == "the").then(|| index.starting_at(of + 2)).flatten());
            if let Some(o) = outlet.filter(|o| self.speaks(o.entity)) {
                self.push(si, Source::Entity(o.entity), "source.via");
            }
        }
    }

    /// "quoting X": the last name of the phrase ("quoting North Korea's main news agency
    /// KCNA").
    fn quoting(&mut self, si: SentenceId, t: usize, end: usize) {
        let (doc, index) = (self.doc, self.index);
        if doc.lower(t) != "quoting" || t + 1 >= end {
            return;
        }
        let mut x = t + 1;
        while x < end
            && doc.tokens[x].kind == TokenKind::Word
            && doc.tok(x).chars().all(char::is_lowercase)
            && index.starting_at(x).is_none()
        {
            x += 1;
        }
        let names: Vec<_> = index
            .outermost_in(x..end)
            .into_iter()
            .take_while(|m| !(x..m.tokens.start).any(|k| doc.tok(k) == ","))
            .collect();
        if let Some(m) = names.last() {
            self.push(si, Source::Entity(m.entity), "source.quoting");
        }
    }

    /// "X said", "X reported", "officials say", "…, said X" at the speech verb `t` of a
    /// sentence `start..end`, else the subject `quotes::speech_subject` finds ("X has
    /// said", "X, a spokesperson, said", "she said", "the company said"); not inside a
    /// quotation (the quote stage attributes those), not a byline ("X reported from Geneva").
    fn said(&mut self, si: SentenceId, start: usize, t: usize, end: usize) {
        let (doc, rules, index) = (self.doc, self.rules, self.index);
        let w = doc.lower(t);
        let Some(&speech) = rules.lexicons.speech_verbs.get(w) else { return };
        let in_quote = self
            .quotes
            .iter()
            .any(|q| q.evidence.span.start <= doc.tokens[t].start && doc.tokens[t].end <= q.evidence.span.end);
        let byline = t + 1 < end && doc.lower(t + 1) == "from";
        if in_quote || byline || w.ends_with("ing") || subjects::not_speech(doc, rules, index, t, end) {
            return;
        }
        let rule = match speech {
            SpeechKind::Say => "source.said",
            SpeechKind::Report => "source.reported",
        };
        // "…, said Jane Roe, a spokesperson": the name after an inverted verb, ending its
        // clause ("…, said the US policy change ..." has the name in its object; "told X"
        // names the one spoken to).
        let inverted = (t > start && doc.tok(t - 1) == ",")
            .then(|| {
                (t + 1..(t + 4).min(end))
                    .take_while(|&k| {
                        doc.tokens[k].kind == TokenKind::Word
                            && !rules.lexicons.is(WordClass::SourceClauseBreak, doc.lower(k))
                    })
                    .find_map(|k| index.starting_at(k))
            })
            .flatten()
            .filter(|m| self.speaks(m.entity) && !matches!(w, "told" | "tells" | "tell"))
            .filter(|m| ends_clause(doc, rules, m.tokens.end, end));
        if let Some(m) = inverted {
            self.push(si, Source::Entity(m.entity), rule);
        } else if let Some((a, b)) = subjects::name_in_description(doc, rules, index, start, t) {
            let source = self.anonymous(a, b, rule);
            self.push(si, source, rule);
        } else if let Some(m) = index
            .ending_at(t)
            .filter(|m| self.speaks(m.entity) && relative_clause_opening(doc, rules, start, t).is_none())
        {
            self.push(si, Source::Entity(m.entity), rule);
        } else if let Some(e) = (t >= start + 2 && doc.lower(t - 2) == "the")
            .then(|| named_group(doc, rules, index, t - 2, t - 1))
            .flatten()
        {
            // "the doctors said", of a group the article names ("Doctors for X").
            self.push(si, Source::Entity(e), rule);
        } else if let Some((a, e)) = {
            // "police said", "Scientology officials have stated": a description, perhaps
            // before speech auxiliaries.
            let e = skip_auxiliaries(doc, rules, start, t);
            description_ending_at(doc, rules, start, e).map(|a| (a, e))
        } {
            let source = self.anonymous(a, e, rule);
            self.push(si, source, rule);
            self.coordinated(si, start, a, rule);
        } else if let Some((e, _)) = speech_subject(doc, rules, index, &self.quoted, t) {
            // Auxiliaries, appositions, pronouns, "the company said".
            self.push(si, Source::Entity(e), rule);
        } else if let Some((a, b)) = subjects::described_subject(doc, rules, start, t) {
            // "two people briefed on the talks said", "a spokesperson who ... said".
            let source = self.anonymous(a, b, rule);
            self.push(si, source, rule);
            self.coordinated(si, start, a, rule);
        }
    }

    /// What rests on the sources found: each one's sentence (unless a quotation of the
    /// sentence is attributed to the same speaker already: the sentence as a claim adds
    /// nothing, and would cost a sentence node) and the events read from it (but not a
    /// speaker's own statement); and each quotation rests on its speaker.
    fn attributions(&mut self, events: &[Event]) -> Vec<Attribution> {
        let (doc, quotes) = (self.doc, self.quotes);
        let mut attributions = Vec::new();
        let mut events_in: FxHashMap<SentenceId, Vec<usize>> = FxHashMap::default();
        for (ei, e) in events.iter().enumerate() {
            events_in.entry(e.sentence).or_default().push(ei);
        }
        // The quotations by where they start, so each sentence finds its own.
        let mut quote_starts: Vec<(usize, usize)> =
            quotes.iter().enumerate().map(|(qi, q)| (q.evidence.span.start, qi)).collect();
        quote_starts.sort_unstable();
        for f in &self.found {
            let s = &doc.sentences[f.sentence.index()];
            let sentence = doc.span(s.start, s.end);
            let from = quote_starts.partition_point(|&(start, _)| start < sentence.start);
            let to = quote_starts.partition_point(|&(start, _)| start < sentence.end);
            let quoted = quote_starts[from..to].iter().any(|&(_, qi)| {
                matches!((&quotes[qi].speaker, &f.source), (Some(Speaker::Entity(a)), Source::Entity(b)) if a == b)
            });
            if !quoted {
                attributions.push(Attribution { fact: Fact::Sentence(f.sentence), source: f.source, rule: f.rule });
            }
            for &ei in events_in.get(&f.sentence).into_iter().flatten() {
                let e = &events[ei];
                let own_statement = e.kind == EventType::Statement
                    && matches!(f.source, Source::Entity(x) if e.participants.contains(&x));
                if !own_statement {
                    attributions.push(Attribution {
                        fact: Fact::Event(EventId::new(ei)),
                        source: f.source,
                        rule: f.rule,
                    });
                }
            }
        }
        for (qi, q) in quotes.iter().enumerate() {
            let source = match &q.speaker {
                Some(Speaker::Entity(e)) => Source::Entity(*e),
                Some(Speaker::Anonymous(span)) => {
                    let a = doc.tokens.partition_point(|t| t.end <= span.start);
                    let b = doc.tokens.partition_point(|t| t.start < span.end);
                    self.anonymous(a, b, "source.quote")
                }
                None => continue,
            };
            attributions.push(Attribution { fact: Fact::Quote(QuoteId::new(qi)), source, rule: "source.quote" });
        }
        attributions.sort();
        attributions.dedup();
        attributions
    }
}

/// "a report by X", "reports by X", "a statement from X": the entity X.
pub(crate) fn report_by(doc: &Doc, rules: &Rules, index: &MentionIndex, t: usize, end: usize) -> Option<EntityId> {
    let mut p = t;
    if p < end && matches!(doc.lower(p), "a" | "an" | "the") {
        p += 1;
    }
    if p + 2 < end
        && rules.lexicons.is(WordClass::ReportNoun, doc.lower(p))
        && matches!(doc.lower(p + 1), "by" | "from" | "in")
    {
        return index.starting_at(p + 2).map(|m| m.entity);
    }
    None
}

/// "according to data from X", "according to guidance by the X": a few lower-case words,
/// then "from", "by" or "of", then a name.
fn evidence_from(doc: &Doc, index: &MentionIndex, x: usize, end: usize) -> Option<EntityId> {
    let mut p = x;
    while p < end && p < x + 3 && doc.tokens[p].kind == TokenKind::Word && doc.tok(p).chars().all(char::is_lowercase) {
        if matches!(doc.lower(p), "from" | "by" | "of") {
            break;
        }
        p += 1;
    }
    if p == x || p + 1 >= end || !matches!(doc.lower(p), "from" | "by" | "of") {
        return None;
    }
    let name = if doc.lower(p + 1) == "the" { p + 2 } else { p + 1 };
    index.starting_at(name).map(|m| m.entity)
}

/// "a group representing rural counties", "an association of local farmers": an unnamed
/// body (an indefinite organisation noun of `speaker-nouns.tsv`) with a post-modifier that
/// says which, starting at token `x`: the description's end. Without the post-modifier ("a
/// group") it says too little to be a source.
fn unnamed_body(doc: &Doc, rules: &Rules, x: usize, end: usize) -> Option<usize> {
    let lex = &rules.lexicons;
    let ok = x + 3 < end
        && matches!(doc.lower(x), "a" | "an")
        && lex.speaker_nouns.contains_key(doc.lower(x + 1))
        && lex.is(WordClass::Familiarity, doc.lower(x + 2));
    ok.then(|| familiar_with(doc, rules, x + 2, end)).filter(|&e| e > x + 3)
}

/// Extends a description over "familiar with the matter" / "close to the talks" /
/// "representing rural counties", up to a clause break or a relative clause.
fn familiar_with(doc: &Doc, rules: &Rules, d_end: usize, end: usize) -> usize {
    if d_end + 1 < end && rules.lexicons.is(WordClass::Familiarity, doc.lower(d_end)) {
        let mut k = d_end + 1;
        let goes_on = |k: usize| {
            let w = doc.lower(k);
            doc.tokens[k].kind == TokenKind::Word && !rules.lexicons.is(WordClass::SourceClauseBreak, w) && w != "who"
        };
        while k < end && goes_on(k) && k < d_end + 6 {
            k += 1;
        }
        return k;
    }
    d_end
}

/// Whether a name ending before token `k` ends the clause of an inverted speech verb: the
/// sentence or clause ends, or a preposition or relative word goes on ("said X on Monday",
/// "said X of Example Corp.", "said X, who ...").
fn ends_clause(doc: &Doc, rules: &Rules, k: usize, end: usize) -> bool {
    k >= end
        || doc.tokens[k].kind != TokenKind::Word
        || rules.lexicons.is(WordClass::Familiarity, doc.lower(k))
        || rules.lexicons.is(WordClass::SourceClauseBreak, doc.lower(k))
        || rules.lexicons.is(WordClass::PlacePreposition, doc.lower(k))
        || matches!(doc.lower(k), "on" | "last" | "this" | "earlier")
}

/// A description ending right before token `t` ("a spokesman", "police", "U.S. officials",
/// "the report's authors").
pub(super) fn description_ending_at(doc: &Doc, rules: &Rules, from: usize, t: usize) -> Option<usize> {
    let head = t.checked_sub(1)?;
    if head < from || !rules.lexicons.source_nouns.contains(doc.lower(head)) {
        return None;
    }
    let mut a = head;
    // Words, hyphens inside a compound ("Washington-based") and a possessive after a word
    // ("the report's authors").
    let joined = |k: usize| doc.tok(k) == "-" && k > 0 && doc.tokens[k - 1].end == doc.tokens[k].start;
    let possessive = |k: usize| doc.tokens[k].kind == TokenKind::Possessive && k > from;
    while a > from && a + 6 > head && (doc.tokens[a - 1].kind == TokenKind::Word || joined(a - 1) || possessive(a - 1))
    {
        let w = doc.lower(a - 1);
        if rules.lexicons.is(WordClass::DescriptionOpener, w) {
            a -= 1;
            break;
        }
        // A speech word before a possessive is a noun ("the report's authors").
        let noun = doc.tokens[a].kind == TokenKind::Possessive;
        if (rules.lexicons.speech_verbs.contains_key(w) && !noun) || rules.lexicons.is(WordClass::SourceClauseBreak, w)
        {
            break;
        }
        a -= 1;
    }
    if doc.tokens[a].kind == TokenKind::Possessive {
        a += 1;
    }
    // A description does not start inside a word ("PG&E officials").
    if a > from && doc.tokens[a - 1].end == doc.tokens[a].start && doc.tokens[a - 1].kind != TokenKind::Word {
        return None;
    }
    Some(a)
}
