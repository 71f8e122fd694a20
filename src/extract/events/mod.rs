//! Events: triggers from the lexicon, arguments from local patterns, dates from the
//! sentence, and one node per real event.
//!
//! A trigger is a verb form or a nominalisation (`rules/lexicons/event-triggers.tsv`, and
//! the forms generated from the lemmas of `event-lemmas.tsv`, whose rows may need an object
//! after an active verb or be blocked by the next word: "charged X" but not "charged
//! batteries", no "fired up"); a noun in -ing ("meeting", "killing") counts only after a
//! determiner (word class `determiner`) or a possessive, so "meeting expectations" is no
//! meeting, and a generated verb form in -ing after one is a noun ("a warning"); triggers
//! inside quotations are the speaker's words, not the article's, and are skipped.
//! Arguments: a verb's subject is the latest mention before the trigger in its clause
//! (clauses end at the word class `clause-break`; a pronoun resolves to the latest
//! compatible mention), a noun's must end within `NOUN_SUBJECT_WINDOW` tokens of it; a
//! statement verb's is its speaker as `quotes::speech_subject` finds one ("X, a
//! spokesperson, said", "she said" by gender; a description such as "one expert said"
//! names no one), a participle's the name right before it ("with X warning"), or "said X"
//! after a quotation or comma; objects are the mentions after it up to the clause's end
//! ("with X", "between X and Y", "which included X and Y"); a place mention after a
//! `place-preposition` ("in", "at", "near") is the place, not a participant; a mention that
//! only owns a post ("Iran's" in "Iran's U.N. ambassador X") is not a participant, nor is
//! a place used attributively ("on a Bay Area train"). A subject that ends a list "A, B and
//! C" brings its other members (`lists.rs`). `args.rs` adds cues beyond the nearest name:
//! no plural demonym ("Indians") is a participant, "X's ruling" has X as subject even
//! after a preposition, ", saying" speaks for the sentence's subject, "announced by X" for
//! X, "sued the company" names the company named before, and time words inside a name
//! ("USA Today") date nothing. A nominal trigger's objects follow a linking
//! word of its own phrase (within `NOUN_LINK_GAP` words); an accusation's or legal
//! action's objects end at its charge ("accused X of helping Y").
//! Statements take only the speaker (and the addressee of "told", only with a speaker); a
//! speaker after a preposition ("a letter seen by X says") is none; "in a statement" is the
//! medium of its verb's statement, no second one. `filters.rs` says what the participants
//! allow: an appointment needs a person (organisations selected together made an
//! agreement); a contact with news outlets alone is none. The date is the
//! sentence's time expression nearest the trigger; a statement with none takes the day of
//! the lede (the first paragraph's first dated time expression). Modality (`modality-cues.tsv`): "will",
//! "plans to" → future; "would", "could", "may", "if" → hypothetical; "not", "never" →
//! negated, and a negated event is dropped; written as `nkg:modality`. Selections for a
//! post and resignations are appointments (`event.Appointment.post`); a quotation's named
//! speaker made a statement (`event.Statement.quote`). Merging (`merge.rs`): events of one
//! type that share a participant and have compatible dates are one; statements are one per
//! speaker and addressee, and events told in other sentences that share one party but name
//! different others are two occasions.

use rustc_hash::FxHashSet;
use std::ops::Range;

use chrono::NaiveDate;

mod args;
mod derived;
mod filters;
mod lists;
mod merge;
mod voice;
use derived::{appointments, quote_statements};
use merge::merge;

use super::index::{pronoun_classes, Mention, MentionIndex};
use super::{quotes, speakers};
use super::{time, EntityId, Event, Evidence, Holding, Quote, SentenceId};
use crate::rules::{EntityClass, EventType, Modality, Rules, TriggerForm, WordClass};
use crate::text::{Doc, TokenKind};

/// How many tokens before a nominal trigger its subject may end in ("Iran has initiated
/// contact"; "X's deal"). Chosen on the dev sets: 3 to 6 score alike, the whole clause
/// takes names the noun phrase does not govern ("Beijing wants to let supply and demand
/// dictate deals").
const NOUN_SUBJECT_WINDOW: usize = 4;

/// How many words may stand between a nominal trigger and the linking word of its
/// participants ("talks last week with X").
const NOUN_LINK_GAP: usize = 2;

/// A trigger found in the text.
struct Trigger {
    tokens: Range<usize>,
    kind: EventType,
    form: TriggerForm,
    /// "the meeting", "the talks": refers back to an event already told.
    definite: bool,
}

fn find_triggers(doc: &Doc, rules: &Rules, index: &MentionIndex, quoted: &[bool]) -> Vec<Trigger> {
    let lex = &rules.lexicons;
    let mut out = Vec::new();
    for s in &doc.sentences {
        let mut t = s.start;
        while t < s.end {
            if doc.tokens[t].kind != TokenKind::Word || quoted[t] {
                t += 1;
                continue;
            }
            let max = lex.trigger_max_tokens.min(s.end - t);
            let hit = (1..=max).rev().find_map(|k| {
                let key: Vec<&str> = (t..t + k).map(|i| doc.lower(i)).collect();
                lex.event_triggers.get(&key.join(" ")).map(|trigger| (k, *trigger))
            });
            let Some((k, trigger)) = hit else {
                t += 1;
                continue;
            };
            let noun = trigger.form == TriggerForm::Noun;
            // Capitalised mid-sentence: part of a name ("Justice Department"), not a trigger.
            let capital = doc.tok(t).starts_with(char::is_uppercase) && !doc.is_sentence_start(t);
            let prev = if t > s.start { doc.lower(t - 1) } else { "" };
            let det_before = lex.is(WordClass::Determiner, prev)
                || (t > s.start && doc.tokens[t - 1].kind == TokenKind::Possessive)
                || (t > s.start + 1
                    && lex.is(WordClass::Determiner, doc.lower(t - 2))
                    && doc.tokens[t - 1].kind == TokenKind::Word);
            let ing = doc.tok(t + k - 1).ends_with("ing");
            // "had been denied visas", "was announced": a statement verb in the passive
            // names no speaker as its subject.
            let passive_statement =
                trigger.kind == EventType::Statement && !noun && lex.is(WordClass::PassiveAuxiliary, prev);
            let fits = trigger.constraint.is_none_or(|c| fits_constraint(doc, rules, index, t..t + k, c))
                // "a warning", "the signing": a generated verb form in -ing after a
                // determiner is a noun.
                && !(trigger.constraint.is_some() && !noun && ing && det_before);
            let ok = !capital && (!noun || !ing || det_before) && !passive_statement && fits;
            if ok {
                out.push(Trigger {
                    tokens: t..t + k,
                    kind: trigger.kind,
                    form: trigger.form,
                    definite: noun && lex.is(WordClass::Definite, prev),
                });
            }
            t += k;
        }
    }
    out
}

/// Whether the trigger form at `tokens` meets the constraint `c` of its lemma row
/// (`event-lemmas.tsv`): no blocking word or numeral next ("fired up", "added 25
/// points"), and, where the row needs one, a named or pronoun object right after an active
/// verb ("charged X", not "charged batteries"; "was charged" always counts).
fn fits_constraint(doc: &Doc, rules: &Rules, index: &MentionIndex, tokens: Range<usize>, c: u32) -> bool {
    let lex = &rules.lexicons;
    let Some(constraint) = lex.trigger_constraints.get(c as usize) else { return true };
    let next = tokens.end;
    let next_word = if next < doc.tokens.len() { doc.lower(next) } else { "" };
    if constraint.not_before.iter().any(|w| w == next_word)
        || (constraint.not_before_number && next_word.starts_with(|ch: char| ch.is_ascii_digit()))
    {
        return false;
    }
    if !constraint.needs_object {
        return true;
    }
    let passive = tokens.start > 0 && lex.is(WordClass::PassiveAuxiliary, doc.lower(tokens.start - 1));
    // Words that may open the object's noun phrase before its name: "the", "former",
    // titles ("charged former Mayor X").
    let opener = |k: usize| {
        let w = doc.lower(k);
        doc.tokens[k].kind == TokenKind::Word
            && (lex.is(WordClass::Determiner, w)
                || lex.status_markers.contains_key(w)
                || lex.titles.contains_key(w)
                || doc.tok(k).starts_with(char::is_uppercase))
    };
    let end = doc.tokens.len().min(next + OBJECT_OPENER_WORDS + 1);
    let object = (next..end)
        .find(|&k| index.starting_at(k).is_some() || !opener(k))
        .is_some_and(|k| index.starting_at(k).is_some());
    passive
        || object
        || (next < doc.tokens.len() && pronoun_classes(doc, rules, next).is_some())
        || args::described_at(doc, rules, index, next).is_some()
}

/// How many words may open a needed object's noun phrase before its name.
const OBJECT_OPENER_WORDS: usize = 3;

/// The modality of a trigger from the four words before it (`modality-cues.tsv`).
fn modality(doc: &Doc, rules: &Rules, sentence_start: usize, t: usize) -> Option<Modality> {
    let from = t.saturating_sub(4).max(sentence_start);
    let words: Vec<&str> = (from..t).map(|i| doc.lower(i)).collect();
    rules.lexicons.modality(&words)
}

/// What the event patterns of one document look at.
struct Ctx<'a> {
    doc: &'a Doc<'a>,
    rules: &'a Rules,
    index: &'a MentionIndex<'a>,
    /// Whether each token is inside a quotation (a table, so that look-ups do not grow
    /// with the number of quotations).
    quoted: Vec<bool>,
    /// Whether each token is inside quotation marks (`speakers::quoted_tokens`), as the
    /// speaker search of `quotes::speech_subject` expects.
    speech_quoted: Vec<bool>,
    /// The mentions that only own a post ("Iran's" in "Iran's U.N. ambassador X"): no
    /// participants.
    owners: FxHashSet<Range<usize>>,
    /// Every trigger, in text order.
    triggers: Vec<Trigger>,
    article_date: Option<NaiveDate>,
}

/// Finds events.
pub fn find(
    doc: &Doc,
    rules: &Rules,
    index: &MentionIndex,
    holdings: &[Holding],
    quotes: &[Quote],
    article_date: Option<NaiveDate>,
) -> Vec<Event> {
    let mut quoted = vec![false; doc.tokens.len()];
    for q in quotes {
        let a = doc.tokens.partition_point(|t| t.end <= q.evidence.span.start);
        let b = doc.tokens.partition_point(|t| t.start < q.evidence.span.end);
        quoted[a..b.max(a)].fill(true);
    }
    let owners = holdings
        .iter()
        .flat_map(|h| {
            let a = doc.tokens.partition_point(|t| t.start < h.evidence.span.start);
            let b = doc.tokens.partition_point(|t| t.start < h.evidence.span.end);
            index
                .starting_within(a, b)
                .iter()
                .filter(move |m| {
                    let span = doc.span(m.tokens.start, m.tokens.end);
                    m.entity != h.holder && span.start >= h.evidence.span.start && span.end <= h.evidence.span.end
                })
                .map(|m| m.tokens.clone())
        })
        .collect();
    let triggers = find_triggers(doc, rules, index, &quoted);
    let speech_quoted = speakers::quoted_tokens(doc);
    let cx = Ctx { doc, rules, index, quoted, speech_quoted, owners, triggers, article_date };
    let mut events: Vec<Event> = (0..cx.triggers.len()).filter_map(|ti| cx.trigger_event(ti)).collect();
    events.extend(appointments(doc, index, holdings));
    events.extend(quote_statements(doc, rules, quotes));
    let mut events = merge(index, events);
    // A statement that gives no time of its own was made on the day the lede tells of
    // ("Hours before the win Tuesday, coach X said ..."; later "X said" is that day's).
    if let Some(day) = lede_date(doc, rules, index, article_date) {
        for e in events.iter_mut().filter(|e| e.kind == EventType::Statement && e.date.is_none()) {
            e.date = Some(day);
        }
    }
    events
}

/// The day of the first dated time expression in the article's first paragraph.
fn lede_date(doc: &Doc, rules: &Rules, index: &MentionIndex, article_date: Option<NaiveDate>) -> Option<NaiveDate> {
    let first = doc.paragraphs.first()?;
    doc.sentences.iter().filter(|s| s.start >= first.start && s.end <= first.end).find_map(|s| {
        let times = time::find(doc, rules, s.clone(), article_date).into_iter();
        times.filter(|x| !args::inside_mention(index, &x.tokens)).find_map(|x| x.date)
    })
}

impl Ctx<'_> {
    /// The event of trigger `ti`: none when it has no participant (unless it refers back:
    /// "the meeting") or is negated.
    fn trigger_event(&self, ti: usize) -> Option<Event> {
        let (doc, lex) = (self.doc, &self.rules.lexicons);
        let tr = &self.triggers[ti];
        let si = doc.sentence_of(tr.tokens.start);
        let s = doc.sentences[si].clone();
        let (left, right) = self.clause(ti, &s);
        // A statement verb's subject is its speaker, found as the quotes stage finds one
        // ("X said", "X, a spokesperson, said", "he said"); a description ("one expert
        // said") names no one.
        // "X told Y in a statement": the noun names how the verb's statement was made.
        let medium = tr.kind == EventType::Statement
            && tr.form == TriggerForm::Noun
            && tr.tokens.start >= 2
            && doc.lower(tr.tokens.start - 2) == "in"
            && lex.is(WordClass::Determiner, doc.lower(tr.tokens.start - 1));
        if medium {
            return None;
        }
        let subject = if tr.kind == EventType::Statement && tr.form == TriggerForm::Verb {
            let v = tr.tokens.start;
            if doc.tok(v).ends_with("ing") {
                // A participle speaks for the name right before it ("with X warning of ...").
                self.index.ending_at(v).filter(|m| self.usable(m)).map(|m| (m.entity, Some(m.tokens.start))).or_else(
                    || {
                        args::sentence_subject(doc, self.rules, self.index, |m| self.usable(m), s.start, v)
                            .map(|e| (e, None))
                    },
                )
            } else {
                // "the move announced on Monday by X": the agent of a participle.
                self.speaker(v).or_else(|| {
                    args::passive_agent(doc, self.rules, self.index, v + tr.tokens.len(), right)
                        .filter(|m| self.usable(m))
                        .map(|m| (m.entity, Some(m.tokens.start)))
                })
            }
        } else {
            self.subject(tr, left, &s)
        };
        let subject = subject.or_else(|| self.voice(tr));
        let mut participants: Vec<EntityId> = subject.map(|(e, _)| e).into_iter().collect();
        // "A and B criticised the plan": every member of a list that ends with the subject.
        if let Some((_, Some(start))) = subject {
            for e in lists::members_before(doc, self.rules, self.index, start) {
                if !participants.contains(&e) {
                    participants.push(e);
                }
            }
        }
        // A nominal trigger takes objects only after a linking word of its own noun phrase
        // ("talks with X", "a deal, which included X"), not one further on ("a deal expected
        // within weeks of a summit between X and Y").
        let first_link = if tr.form == TriggerForm::Noun {
            (tr.tokens.end..right)
                .find(|&k| lex.is(WordClass::NounLink, doc.lower(k)))
                .filter(|&k| self.links_own_phrase(tr.tokens.end, k))
                .unwrap_or(right)
        } else {
            tr.tokens.end
        };
        // ("X said the army was deployed in Y, warning ...": what a participle follows is
        // what was said, not where.)
        let participle = tr.kind == EventType::Statement && doc.tok(tr.tokens.end - 1).ends_with("ing");
        let before = if participle { None } else { self.place_before(left, tr) };
        let place = self.objects(tr, first_link..right, &mut participants, before);
        if participants.is_empty() && !tr.definite {
            return None;
        }
        let kind = filters::kind_for(self.index, tr.kind, &participants)?;
        let place = voice::election_place(self.index, kind, &participants).or(place);
        let modality = modality(doc, self.rules, s.start, tr.tokens.start);
        // A negated event did not happen ("has not confirmed"): it is no event.
        if modality == Some(Modality::Negated) {
            return None;
        }
        let nearest = self.nearest_time(ti, &s).or_else(|| self.occasion_time(ti, &s));
        // A future event's weekday lies ahead of the article date.
        let date =
            nearest.as_ref().and_then(|x| if modality == Some(Modality::Future) { x.ahead.or(x.date) } else { x.date });
        Some(Event {
            kind,
            participants,
            place,
            date,
            time_text: nearest.map(|x| doc.span(x.tokens.start, x.tokens.end)),
            modality,
            evidence: vec![Evidence {
                span: doc.span(tr.tokens.start, tr.tokens.end),
                rule: kind.trigger_rule(tr.form),
            }],
            sentence: SentenceId::new(si),
            // "the assassination of X" names its own victim: a new event, not a reference
            // back (while "the meeting, which included X" adds to the one told before).
            definite: tr.definite && !(first_link < right && lex.is(WordClass::OwnArgumentLink, doc.lower(first_link))),
        })
    }

    /// The speaker of the statement verb at `v`, found as the quotes stage finds one, and
    /// the speaker's first token; adverbs between subject and verb are skipped ("X and Y
    /// also sharply criticised").
    fn speaker(&self, v: usize) -> Option<(EntityId, Option<usize>)> {
        let (doc, rules) = (self.doc, self.rules);
        let adverbs = (0..v)
            .rev()
            .take_while(|&k| doc.tokens[k].kind == TokenKind::Word && args::ly_adverb(doc.lower(k)))
            .count();
        [v, v - adverbs]
            .into_iter()
            .find_map(|at| quotes::speech_subject(doc, rules, self.index, &self.speech_quoted, at))
            // "a letter seen by X says": a name after a preposition is no subject.
            .filter(|&(_, start)| !after_preposition(doc, rules, start))
            .map(|(e, start)| (e, Some(start)))
    }

    /// Whether the linking word at `link` belongs to the noun phrase of a nominal trigger
    /// ending before `end`: at most `NOUN_LINK_GAP` words lie between them, or ", which"
    /// ("the meeting, which included X").
    fn links_own_phrase(&self, end: usize, link: usize) -> bool {
        let doc = self.doc;
        let words = (end..link).all(|k| doc.tokens[k].kind == TokenKind::Word);
        (words && link - end <= NOUN_LINK_GAP)
            || (link == end + 2 && doc.tok(end) == "," && doc.lower(end + 1) == "which")
    }

    /// The clause of trigger `ti` in sentence `s`: from the previous trigger or ";" to the
    /// next trigger, clause break, quotation or speech tail ("..., council leader X told
    /// NTB" ends at its comma).
    fn clause(&self, ti: usize, s: &Range<usize>) -> (usize, usize) {
        let (doc, lex, index) = (self.doc, &self.rules.lexicons, self.index);
        let tr = &self.triggers[ti];
        let prev_trigger = self.triggers[..ti].iter().rev().find(|p| p.tokens.start >= s.start).map(|p| p.tokens.end);
        let next_trigger = self.triggers[ti + 1..].iter().find(|p| p.tokens.start < s.end).map(|p| p.tokens.start);
        let left = prev_trigger
            .unwrap_or(s.start)
            .max((s.start..tr.tokens.start).rev().find(|&i| doc.lower(i) == ";").map_or(s.start, |i| i + 1));
        let mut right = next_trigger.unwrap_or(s.end).min(s.end);
        // (A capitalised word mid-sentence is part of a name: "Secretary of State".)
        let speech_verb =
            |v: usize| lex.speech_verbs.contains_key(doc.lower(v)) && !doc.tok(v).starts_with(char::is_uppercase);
        if let Some(v) = (tr.tokens.end..s.end).find(|&v| speech_verb(v)) {
            let cut = (tr.tokens.end..v)
                .rev()
                .find(|&c| doc.tok(c) == ",")
                .unwrap_or_else(|| index.ending_at(v).map_or(v, |m| m.tokens.start));
            right = right.min(cut);
        }
        let mut k = tr.tokens.end;
        let charged = matches!(tr.kind, EventType::Accusation | EventType::LegalAction);
        while k < right {
            let w = doc.lower(k);
            // "accused X of creating ...", "charged X with stealing ...": what follows is
            // the charge, not a participant.
            if charged && matches!(w, "of" | "for" | "with") && k + 1 < right && doc.lower(k + 1).ends_with("ing") {
                right = k;
                break;
            }
            if lex.is(WordClass::ClauseBreak, w) && !(w == "and" && next_is_mention(index, k)) {
                // "the meeting, which included X and Y" belongs to the noun.
                let includes = w == "which" && k + 1 < right && doc.lower(k + 1).starts_with("includ");
                if tr.form == TriggerForm::Noun && includes {
                    k += 2;
                    continue;
                }
                right = k;
                break;
            }
            if self.quoted[k] {
                right = k;
                break;
            }
            k += 1;
        }
        (left, right)
    }

    /// Whether a mention can be a participant: it owns no post and is not quoted.
    fn usable(&self, m: &Mention) -> bool {
        !self.owners.contains(&m.tokens)
            && !self.quoted[m.tokens.start]
            && !args::plural_demonym(self.doc, self.rules, m)
    }

    /// The subject: the latest mention before the trigger in its clause that is no
    /// prepositional attachment ("ties to Iran"), place ("in Oslo") or source description
    /// ("a U.S. official"); else a pronoun right before the trigger (within two words; not
    /// the "it" of "it was noted"), resolved to the latest compatible mention.
    /// Returns the entity and, when a name (no pronoun) is the subject, its first token.
    fn subject(&self, tr: &Trigger, left: usize, s: &Range<usize>) -> Option<(EntityId, Option<usize>)> {
        let (doc, rules, index) = (self.doc, self.rules, self.index);
        let lex = &rules.lexicons;
        let in_description =
            |m: &Mention| m.tokens.end < doc.tokens.len() && lex.source_nouns.contains(doc.lower(m.tokens.end));
        // A nominal trigger's subject stands near its noun phrase ("Iran has initiated
        // contact", "the U.S.-China trade deal"), not anywhere in the clause.
        let from = if tr.form == TriggerForm::Noun {
            left.max(tr.tokens.start.saturating_sub(NOUN_SUBJECT_WINDOW))
        } else {
            left
        };
        let from = args::subject_clause_start(doc, rules, from, tr.tokens.start);
        index
            .outermost_in(from..tr.tokens.start)
            .into_iter()
            .rev()
            .filter(|m| self.usable(m))
            .filter(|m| {
                let possessive = tr.form == TriggerForm::Noun && args::modifies(doc, rules, m, tr.tokens.start);
                possessive || (!after_preposition(doc, rules, m.tokens.start) && !in_description(m))
            })
            .find(|m| !after_place_word(doc, rules, m.tokens.start) || index.class(m.entity) == EntityClass::Country)
            .map(|m| (m.entity, Some(m.tokens.start)))
            .or_else(|| {
                (tr.tokens.start.saturating_sub(3).max(s.start)..tr.tokens.start)
                    .find_map(|p| pronoun_classes(doc, rules, p).map(|c| (p, c)))
                    .filter(|&(p, _)| !(doc.lower(p) == "it" && lex.is(WordClass::ExpletiveVerb, doc.lower(p + 1))))
                    .and_then(|(p, classes)| args::antecedent(index, p, classes))
                    .map(|m| (m.entity, None))
            })
    }

    /// "Prosecutors in Oslo charged ...": a place (no country) before the trigger.
    fn place_before(&self, left: usize, tr: &Trigger) -> Option<EntityId> {
        let index = self.index;
        let m = index.outermost_in(left..tr.tokens.start).into_iter().rev().find(|m| {
            after_place_word(self.doc, self.rules, m.tokens.start)
                && index.class(m.entity).base() == EntityClass::Place
                && index.class(m.entity) != EntityClass::Country
        })?;
        Some(m.entity)
    }

    /// The mentions after the trigger in `range` (from its first link to the clause's end):
    /// participants, and a place after "in", "at" or "near" when `place` is none yet.
    /// Statements take only the addressee of "told X", or "said X" when no subject came
    /// before. Returns the place.
    fn objects(
        &self,
        tr: &Trigger,
        range: Range<usize>,
        participants: &mut Vec<EntityId>,
        mut place: Option<EntityId>,
    ) -> Option<EntityId> {
        let (doc, index) = (self.doc, self.index);
        // "sued the company", "talks with the firm", "told the broadcaster" (a statement
        // only names its addressee when it has a speaker).
        let at = range.start + usize::from(tr.form == TriggerForm::Noun);
        let told = doc.lower(tr.tokens.start).starts_with("tol") || doc.lower(tr.tokens.start) == "tells";
        if at < range.end && (tr.kind != EventType::Statement || (told && !participants.is_empty())) {
            if let Some(e) = args::described_at(doc, self.rules, index, at).filter(|e| !participants.contains(e)) {
                participants.push(e);
            }
        }
        for m in index.outermost_in(range).into_iter().filter(|m| self.usable(m)) {
            let class = index.class(m.entity);
            if attributive_place(doc, self.rules, m, class) {
                continue;
            }
            if after_place_word(doc, self.rules, m.tokens.start) {
                // "in New York" is the place; "at the Iranian U.N. mission" neither place nor
                // participant.
                if place.is_none() && class.base() == EntityClass::Place {
                    place = Some(m.entity);
                }
                continue;
            }
            if tr.kind == EventType::Statement {
                // "said X" names its speaker only after a quotation or a comma ("“...,” said
                // X"), not in "but said X would ...".
                let inverted = tr.tokens.start > 0 && {
                    let before = doc.tok(tr.tokens.start - 1);
                    before == "," || before.starts_with(|c: char| quotes::is_quote_mark(c) || c == '\'')
                };
                let adjacent = m.tokens.start == tr.tokens.end;
                // A statement has a speaker: "told X" with none ("sources told Reuters")
                // names only its addressee.
                if adjacent && ((told && !participants.is_empty()) || (participants.is_empty() && inverted)) {
                    participants.push(m.entity);
                }
                continue;
            }
            if !participants.contains(&m.entity) {
                participants.push(m.entity);
            }
        }
        place
    }

    /// The time expression of sentence `s` that belongs to trigger `ti`: the nearest to it,
    /// among those no other trigger of the sentence is nearer to.
    fn nearest_time(&self, ti: usize, s: &Range<usize>) -> Option<time::TimeExpr> {
        let tr = &self.triggers[ti];
        let times = time::find(self.doc, self.rules, s.clone(), self.article_date);
        let distance = |x: &time::TimeExpr, t: &Trigger| x.tokens.start.abs_diff(t.tokens.start);
        // (Triggers are in text order: those of this sentence are a slice.)
        let triggers = &self.triggers;
        let in_sentence = &triggers[triggers.partition_point(|o| o.tokens.start < s.start)
            ..triggers.partition_point(|o| o.tokens.start < s.end)];
        times
            .into_iter()
            // "USA Today": time words inside a name tell no time.
            .filter(|x| !args::inside_mention(self.index, &x.tokens))
            .filter(|x| in_sentence.iter().all(|o| distance(x, o) >= distance(x, tr)))
            .min_by_key(|x| distance(x, tr))
    }
}

fn next_is_mention(index: &MentionIndex, k: usize) -> bool {
    index.starting_at(k + 1).is_some() || index.starting_at(k + 2).is_some()
}

/// Whether a mention hangs off a preposition ("ties to Iran", "a spokesperson for X").
fn after_preposition(doc: &Doc, rules: &Rules, t: usize) -> bool {
    let prev = |k: usize| if t >= k { doc.lower(t - k) } else { "" };
    let p = if prev(1) == "the" { prev(2) } else { prev(1) };
    rules.lexicons.is(WordClass::AttachmentPreposition, p)
}

/// Whether a place mention only describes the noun after it ("a passenger on a Bay Area
/// train", "an Oslo court"): after "a"/"an" and before a lower-case word, it names
/// neither a participant nor the event's place.
fn attributive_place(doc: &Doc, rules: &Rules, m: &Mention, class: EntityClass) -> bool {
    let (start, end) = (m.tokens.start, m.tokens.end);
    class.base() == EntityClass::Place
        && start > 0
        && matches!(doc.lower(start - 1), "a" | "an")
        && end < doc.tokens.len()
        && doc.tokens[end].kind == TokenKind::Word
        && doc.tok(end).starts_with(char::is_lowercase)
        && !rules.lexicons.is(WordClass::ClauseBreak, doc.lower(end))
}

/// Whether a mention follows a place preposition ("in Oslo", "at the Kremlin").
fn after_place_word(doc: &Doc, rules: &Rules, t: usize) -> bool {
    let prev = |k: usize| if t >= k { doc.lower(t - k) } else { "" };
    let place = |w: &str| rules.lexicons.is(WordClass::PlacePreposition, w);
    place(prev(1)) || (prev(1) == "the" && place(prev(2)))
}
