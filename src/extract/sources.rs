//! Cited sources: who the article says a fact comes from.
//!
//! Patterns [rule ids]: "according to X" (a name, "a report by X", or a description such
//! as "a U.S. official") [`source.according-to`]; "reported by X", "a report by X"
//! [`source.reported-by`]; "X reported" [`source.reported`]; "quoting X"
//! [`source.quoting`]; "via X" (and "via X of Y") [`source.via`]; reported speech, "X
//! said", "X told", "officials say", "…, said X", and with the subjects of
//! `quotes::speech_subject` ("X, a spokesperson, said", "X has said", "she said")
//! [`source.said`]; a quotation's speaker [`source.quote`]. Descriptions become anonymous
//! sources labelled as written ("a U.S. official"), affiliated with the entity named in
//! them. What is attributed: the sentence (as a claim), the events read from it, and
//! quotations.

use super::index::MentionIndex;
use super::quotes::{description, speech_subject};
use super::speakers::quoted_tokens;
use super::{AnonymousSource, Attribution, Event, Evidence, Fact, Quote, Source, Speaker};
use crate::extract::entities::name_key;
use crate::rules::{EntityClass, Rules};
use crate::text::{Doc, TokenKind};

struct Found {
    sentence: usize,
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
            return Source::Anonymous(i);
        }
        let affiliation = index.outermost_in(a..b).first().map(|m| m.entity);
        anonymous.push(AnonymousSource { label, affiliation, evidence: Evidence { span, rule } });
        Source::Anonymous(anonymous.len() - 1)
    };
    let mut found: Vec<Found> = Vec::new();
    let quoted = quoted_tokens(doc);
    let speaks = |e: usize| index.class(e).base() != EntityClass::Place || index.class(e) == EntityClass::Country;
    for (si, s) in doc.sentences.iter().enumerate() {
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
                } else if let Some(e) = report_by(doc, index, x, s.end) {
                    found.push(Found { sentence: si, source: Source::Entity(e), rule: "source.reported-by" });
                } else if let Some(e) = evidence_from(doc, index, x, s.end) {
                    found.push(Found { sentence: si, source: Source::Entity(e), rule: "source.according-to" });
                } else if let Some((d_end, _)) = description(doc, rules, x, s.end) {
                    let d_end = familiar_with(doc, d_end, s.end);
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
            if let Some(e) = report_by(doc, index, t, s.end) {
                found.push(Found { sentence: si, source: Source::Entity(e), rule: "source.reported-by" });
            }
            // via X ("said, via Jane Roe of the Daily Example"): X and the outlet of X.
            if w == "via" && t + 1 < s.end {
                if let Some(m) = index.starting_at(t + 1).filter(|m| speaks(m.entity)) {
                    found.push(Found { sentence: si, source: Source::Entity(m.entity), rule: "source.via" });
                    let of = m.tokens.end;
                    if of + 1 < s.end && doc.lower(of) == "of" {
                        let outlet = index
                            .starting_at(of + 1)
                            .or_else(|| (doc.lower(of + 1) == "the").then(|| index.starting_at(of + 2)).flatten());
                        if let Some(o) = outlet.filter(|o| speaks(o.entity)) {
                            found.push(Found { sentence: si, source: Source::Entity(o.entity), rule: "source.via" });
                        }
                    }
                }
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
            if let Some(&say) = lex.speech_verbs.get(w) {
                let in_quote = quotes
                    .iter()
                    .any(|q| q.evidence.span.start <= doc.tokens[t].start && doc.tokens[t].end <= q.evidence.span.end);
                // "X reported from Geneva" is a byline, not a source.
                let byline = t + 1 < s.end && doc.lower(t + 1) == "from";
                if !in_quote && !byline && !w.ends_with("ing") {
                    let rule = if say { "source.said" } else { "source.reported" };
                    // "…, said Jane Roe, a spokesperson": the name after an inverted verb.
                    let inverted = (t > s.start && doc.tok(t - 1) == ",")
                        .then(|| {
                            (t + 1..(t + 4).min(s.end))
                                .take_while(|&k| doc.tokens[k].kind == TokenKind::Word)
                                .find_map(|k| index.starting_at(k))
                        })
                        .flatten()
                        .filter(|m| speaks(m.entity) && !matches!(w, "told" | "tells" | "tell"));
                    if let Some(m) = inverted {
                        found.push(Found { sentence: si, source: Source::Entity(m.entity), rule });
                    } else if let Some(m) = index.ending_at(t).filter(|m| speaks(m.entity)) {
                        found.push(Found { sentence: si, source: Source::Entity(m.entity), rule });
                    } else if let Some(a) = description_ending_at(doc, rules, s.start, t) {
                        let source = anon(doc, a, t, rule);
                        found.push(Found { sentence: si, source, rule });
                    } else if let Some((e, _)) = speech_subject(doc, rules, index, &quoted, t) {
                        // Auxiliaries, appositions, pronouns, "the company said".
                        found.push(Found { sentence: si, source: Source::Entity(e), rule });
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
        let sentence = doc.span(doc.sentences[f.sentence].start, doc.sentences[f.sentence].end);
        let quoted = quotes.iter().any(|q| {
            matches!((&q.speaker, &f.source), (Some(Speaker::Entity(a)), Source::Entity(b)) if a == b)
                && sentence.contains(&q.evidence.span.start)
        });
        if !quoted {
            attributions.push(Attribution { fact: Fact::Sentence(f.sentence), source: f.source.clone(), rule: f.rule });
        }
        for (ei, e) in events.iter().enumerate() {
            let own_statement =
                e.kind == "Statement" && matches!(f.source, Source::Entity(x) if e.participants.contains(&x));
            if e.sentence == f.sentence && !own_statement {
                attributions.push(Attribution { fact: Fact::Event(ei), source: f.source.clone(), rule: f.rule });
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
        attributions.push(Attribution { fact: Fact::Quote(qi), source, rule: "source.quote" });
    }
    attributions.sort();
    attributions.dedup();
    (anonymous, attributions)
}

/// "a report by X", "reports by X", "a statement from X": the entity X.
fn report_by(doc: &Doc, index: &MentionIndex, t: usize, end: usize) -> Option<usize> {
    let mut p = t;
    if p < end && matches!(doc.lower(p), "a" | "an" | "the") {
        p += 1;
    }
    if p + 2 < end
        && matches!(doc.lower(p), "report" | "reports" | "statement" | "story" | "investigation" | "survey")
        && matches!(doc.lower(p + 1), "by" | "from" | "in")
    {
        return index.starting_at(p + 2).map(|m| m.entity);
    }
    None
}

/// "according to data from X", "according to guidance by the X": a few lower-case words,
/// then "from", "by" or "of", then a name.
fn evidence_from(doc: &Doc, index: &MentionIndex, x: usize, end: usize) -> Option<usize> {
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

/// Extends a description over "familiar with the matter" / "close to the talks".
fn familiar_with(doc: &Doc, d_end: usize, end: usize) -> usize {
    if d_end + 1 < end && matches!(doc.lower(d_end), "familiar" | "close" | "briefed") {
        let mut k = d_end + 1;
        while k < end && doc.tokens[k].kind == TokenKind::Word && k < d_end + 6 {
            k += 1;
        }
        return k;
    }
    d_end
}

/// Words that end a clause before a description ("oil fell after sources said").
const CLAUSE_WORDS: &[&str] = &[
    "and", "or", "but", "after", "before", "as", "when", "while", "because", "since", "that", "if", "though",
    "although", "where", "than", "until",
];

/// A description ending right before token `t` ("a spokesman", "police", "U.S. officials").
fn description_ending_at(doc: &Doc, rules: &Rules, from: usize, t: usize) -> Option<usize> {
    let head = t.checked_sub(1)?;
    if head < from || !rules.lexicons.source_nouns.contains(doc.lower(head)) {
        return None;
    }
    let mut a = head;
    // Words, and hyphens inside a compound ("Washington-based").
    let joined = |k: usize| doc.tok(k) == "-" && k > 0 && doc.tokens[k - 1].end == doc.tokens[k].start;
    while a > from && a + 6 > head && (doc.tokens[a - 1].kind == TokenKind::Word || joined(a - 1)) {
        let w = doc.lower(a - 1);
        if matches!(w, "a" | "an" | "the" | "one" | "two" | "three" | "several" | "some" | "many") {
            a -= 1;
            break;
        }
        if rules.lexicons.speech_verbs.contains_key(w) || CLAUSE_WORDS.contains(&w) {
            break;
        }
        a -= 1;
    }
    // A description does not start inside a word ("PG&E officials").
    if a > from && doc.tokens[a - 1].end == doc.tokens[a].start && doc.tokens[a - 1].kind != TokenKind::Word {
        return None;
    }
    Some(a)
}
