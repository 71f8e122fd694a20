//! Cited sources: who the article says a fact comes from.
//!
//! Patterns [rule ids]: "according to X" (a name, "a report by X", or a description such
//! as "a U.S. official") [`source.according-to`]; "reported by X", "a report by X"
//! [`source.reported-by`]; "X reported" [`source.reported`]; "quoting X"
//! [`source.quoting`]; reported speech, "X said", "X told", "officials say"
//! [`source.said`]; a quotation's speaker [`source.quote`]. Descriptions become anonymous
//! sources labelled as written ("a U.S. official"), affiliated with the entity named in
//! them. What is attributed: the sentence (as a claim), the events read from it, and
//! quotations.

use super::index::{pronoun_classes, MentionIndex};
use super::quotes::description;
use super::{
    AnonymousSource, Attribution, EntityId, Event, EventId, Evidence, Fact, Quote, QuoteId, SentenceId, Source,
    SourceId, Speaker,
};
use crate::extract::entities::name_key;
use crate::rules::{EntityClass, EventType, Rules, SpeechKind, WordClass};
use crate::text::{Doc, TokenKind};

struct Found {
    sentence: SentenceId,
    source: Source,
    rule: &'static str,
}

/// Finds anonymous sources and attributions.
pub fn find(
    doc: &Doc,
    rules: &Rules,
    index: &MentionIndex,
    quotes: &[Quote],
    events: &[Event],
) -> (Vec<AnonymousSource>, Vec<Attribution>) {
    let lex = &rules.lexicons;
    let mut anonymous: Vec<AnonymousSource> = Vec::new();
    let mut anon = |doc: &Doc, a: usize, b: usize, rule: &'static str| -> Source {
        let span = doc.span(a, b);
        let label = doc.text[span.clone()].to_owned();
        let key = name_key(&label);
        if let Some(i) = anonymous.iter().position(|s| name_key(&s.label) == key) {
            return Source::Anonymous(SourceId::new(i));
        }
        let affiliation = index.outermost_in(a..b).first().map(|m| m.entity);
        anonymous.push(AnonymousSource { label, affiliation, evidence: Evidence { span, rule } });
        Source::Anonymous(SourceId::new(anonymous.len() - 1))
    };
    let mut found: Vec<Found> = Vec::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        let si = SentenceId::new(si);
        let mut t = s.start;
        while t < s.end {
            if doc.tokens[t].kind != TokenKind::Word {
                t += 1;
                continue;
            }
            let w = doc.lower(t);
            // according to X
            if w == "according" && t + 2 < s.end && doc.lower(t + 1) == "to" {
                let x = t + 2;
                if let Some(m) = index.starting_at(x) {
                    found.push(Found { sentence: si, source: Source::Entity(m.entity), rule: "source.according-to" });
                } else if let Some(e) = report_by(doc, rules, index, x, s.end) {
                    found.push(Found { sentence: si, source: Source::Entity(e), rule: "source.reported-by" });
                } else if let Some((d_end, _)) = description(doc, rules, x, s.end) {
                    let d_end = familiar_with(doc, rules, d_end, s.end);
                    let source = anon(doc, x, d_end, "source.according-to");
                    found.push(Found { sentence: si, source, rule: "source.according-to" });
                }
                t += 2;
                continue;
            }
            // reported by X
            if w == "reported" && t + 2 < s.end && doc.lower(t + 1) == "by" {
                if let Some(m) = index.starting_at(t + 2) {
                    found.push(Found { sentence: si, source: Source::Entity(m.entity), rule: "source.reported-by" });
                }
            }
            // a report by X
            if let Some(e) = report_by(doc, rules, index, t, s.end) {
                found.push(Found { sentence: si, source: Source::Entity(e), rule: "source.reported-by" });
            }
            // quoting X
            if w == "quoting" && t + 1 < s.end {
                let mut x = t + 1;
                while x < s.end
                    && doc.tokens[x].kind == TokenKind::Word
                    && doc.tok(x).chars().all(char::is_lowercase)
                    && index.starting_at(x).is_none()
                {
                    x += 1;
                }
                // "quoting North Korea's main news agency KCNA": the last name of the phrase.
                let names: Vec<_> = index
                    .outermost_in(x..s.end)
                    .into_iter()
                    .take_while(|m| !(x..m.tokens.start).any(|k| doc.tok(k) == ","))
                    .collect();
                if let Some(m) = names.last() {
                    found.push(Found { sentence: si, source: Source::Entity(m.entity), rule: "source.quoting" });
                }
            }
            // X said / X reported / officials say (not inside a quotation: the quote stage
            // attributes those).
            if let Some(&speech) = lex.speech_verbs.get(w) {
                let in_quote = quotes
                    .iter()
                    .any(|q| q.evidence.span.start <= doc.tokens[t].start && doc.tokens[t].end <= q.evidence.span.end);
                // "X reported from Geneva" is a byline, not a source.
                let byline = t + 1 < s.end && doc.lower(t + 1) == "from";
                if !in_quote && !byline && !w.ends_with("ing") {
                    let rule = match speech {
                        SpeechKind::Say => "source.said",
                        SpeechKind::Report => "source.reported",
                    };
                    if let Some(m) = index.ending_at(t).filter(|m| {
                        index.class(m.entity).base() != EntityClass::Place
                            || index.class(m.entity) == EntityClass::Country
                    }) {
                        found.push(Found { sentence: si, source: Source::Entity(m.entity), rule });
                    } else if let Some(a) = description_ending_at(doc, rules, s.start, t) {
                        let source = anon(doc, a, t, rule);
                        found.push(Found { sentence: si, source, rule });
                    } else if t > s.start {
                        if let Some(classes) = pronoun_classes(doc, rules, t - 1) {
                            if let Some(m) =
                                index.latest_before(s.start.saturating_sub(60), t - 1, |c| classes.contains(&c))
                            {
                                found.push(Found { sentence: si, source: Source::Entity(m.entity), rule });
                            }
                        }
                    }
                }
            }
            t += 1;
        }
    }
    let mut attributions = Vec::new();
    for f in &found {
        // "“…,” Ivanova said": a quotation of the sentence is attributed to its speaker
        // already, so the sentence as a claim adds nothing (and would cost a sentence node).
        let s = &doc.sentences[f.sentence.index()];
        let sentence = doc.span(s.start, s.end);
        let quoted = quotes.iter().any(|q| {
            matches!((&q.speaker, &f.source), (Some(Speaker::Entity(a)), Source::Entity(b)) if a == b)
                && sentence.contains(&q.evidence.span.start)
        });
        if !quoted {
            attributions.push(Attribution { fact: Fact::Sentence(f.sentence), source: f.source, rule: f.rule });
        }
        for (ei, e) in events.iter().enumerate() {
            let own_statement =
                e.kind == EventType::Statement && matches!(f.source, Source::Entity(x) if e.participants.contains(&x));
            if e.sentence == f.sentence && !own_statement {
                attributions.push(Attribution { fact: Fact::Event(EventId::new(ei)), source: f.source, rule: f.rule });
            }
        }
    }
    for (qi, q) in quotes.iter().enumerate() {
        let source = match &q.speaker {
            Some(Speaker::Entity(e)) => Source::Entity(*e),
            Some(Speaker::Anonymous(span)) => {
                let a = doc.tokens.partition_point(|t| t.end <= span.start);
                let b = doc.tokens.partition_point(|t| t.start < span.end);
                anon(doc, a, b, "source.quote")
            }
            None => continue,
        };
        attributions.push(Attribution { fact: Fact::Quote(QuoteId::new(qi)), source, rule: "source.quote" });
    }
    attributions.sort();
    attributions.dedup();
    (anonymous, attributions)
}

/// "a report by X", "reports by X", "a statement from X": the entity X.
fn report_by(doc: &Doc, rules: &Rules, index: &MentionIndex, t: usize, end: usize) -> Option<EntityId> {
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

/// Extends a description over "familiar with the matter" / "close to the talks".
fn familiar_with(doc: &Doc, rules: &Rules, d_end: usize, end: usize) -> usize {
    if d_end + 1 < end && rules.lexicons.is(WordClass::Familiarity, doc.lower(d_end)) {
        let mut k = d_end + 1;
        while k < end && doc.tokens[k].kind == TokenKind::Word && k < d_end + 6 {
            k += 1;
        }
        return k;
    }
    d_end
}

/// A description ending right before token `t` ("a spokesman", "police", "U.S. officials").
fn description_ending_at(doc: &Doc, rules: &Rules, from: usize, t: usize) -> Option<usize> {
    let head = t.checked_sub(1)?;
    if head < from || !rules.lexicons.source_nouns.contains(doc.lower(head)) {
        return None;
    }
    let mut a = head;
    while a > from && a + 4 > head && doc.tokens[a - 1].kind == TokenKind::Word {
        let w = doc.lower(a - 1);
        if rules.lexicons.is(WordClass::DescriptionOpener, w) {
            a -= 1;
            break;
        }
        if rules.lexicons.speech_verbs.contains_key(w) || w == "and" {
            break;
        }
        a -= 1;
    }
    Some(a)
}
