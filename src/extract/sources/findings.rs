//! Findings as cited sources: a source description that is the subject of a finding verb
//! ("researchers found", "the scientists found", "recent reports have revealed", "education
//! advocacy groups estimated") is cited for its sentence, as the subject of a speech verb
//! is. The verb may follow a speech auxiliary ("have revealed"); a determiner right after
//! it makes it no finding ("police found the body").
//! A titled person after "according to" is the source, not the country or organisation
//! that opens the title ("according to Afghan Ambassador to the United States X").
//! Coordinated descriptions: a description joined by "and" before another that is a
//! subject ("both independent analysts and sources in the camp told X") is cited too.
//!
//! **Invariant:** only descriptions ending in a source noun of `source-nouns.tsv` are cited
//! here, never a name, and never inside quotation marks.

use super::{description_ending_at, Finder};
use crate::extract::index::{Mention, MentionIndex};
use crate::extract::quotes::skip_auxiliaries;
use crate::extract::SentenceId;
use crate::rules::{EntityClass, Rules, WordClass};
use crate::text::Doc;

impl Finder<'_> {
    /// "researchers found", "recent reports have revealed" at the finding verb `t` of a
    /// sentence `start..end`: the description is an anonymous source of the sentence.
    pub(super) fn finding(&mut self, si: SentenceId, start: usize, t: usize, end: usize) {
        let (doc, rules) = (self.doc, self.rules);
        if !rules.lexicons.is(WordClass::FindingVerb, doc.lower(t)) || self.quoted[t] {
            return;
        }
        if t + 1 < end && rules.lexicons.is(WordClass::TitleOpener, doc.lower(t + 1)) {
            return;
        }
        let e = skip_auxiliaries(doc, rules, start, t);
        if let Some(a) = description_ending_at(doc, rules, start, e) {
            let source = self.anonymous(a, e, "source.finding");
            self.push(si, source, "source.finding");
            self.coordinated(si, start, a, "source.finding");
        }
    }

    /// A description joined by "and" before the description starting at token `a` ("both
    /// independent analysts and sources in the camp said"): cited for the same sentence.
    pub(super) fn coordinated(&mut self, si: SentenceId, start: usize, a: usize, rule: &'static str) {
        let (doc, rules) = (self.doc, self.rules);
        if a < start + 2 || doc.lower(a - 1) != "and" {
            return;
        }
        let Some(mut b) = description_ending_at(doc, rules, start, a - 1) else { return };
        if doc.lower(b) == "both" {
            b += 1;
        }
        if b + 1 < a {
            let source = self.anonymous(b, a - 1, rule);
            self.push(si, source, rule);
        }
    }
}

/// How many tokens a title phrase may span between the name opening it and the person
/// ("Afghan Ambassador to the United States X").
const TITLE_PHRASE: usize = 10;

/// The person a title opened by the mention `m` belongs to ("Afghan Ambassador to the
/// United States Hamdullah X", "Acme CEO Jane Roe"): the first person named after a title
/// word right after `m`, before any punctuation, within a few tokens; none when no title
/// follows `m`.
pub(super) fn titled_person<'i>(
    doc: &Doc,
    rules: &Rules,
    index: &'i MentionIndex,
    m: &Mention,
    end: usize,
) -> Option<&'i Mention> {
    let lex = &rules.lexicons;
    let t = m.tokens.end;
    if index.class(m.entity) == EntityClass::Person || t >= end {
        return None;
    }
    let title = (1..=lex.title_max_tokens.min(end - t)).any(|k| {
        let words: Vec<&str> = (t..t + k).map(|i| doc.lower(i)).collect();
        lex.titles.contains_key(&words.join(" "))
    });
    if !title {
        return None;
    }
    let stop = (t..(t + TITLE_PHRASE).min(end))
        .find(|&k| doc.tokens[k].kind != crate::text::TokenKind::Word)
        .unwrap_or((t + TITLE_PHRASE).min(end));
    index.outermost_in(t..stop).into_iter().find(|p| index.class(p.entity) == EntityClass::Person)
}
