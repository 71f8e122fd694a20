//! Where a name starts and ends at the edges of a chunk: an all-capitals dateline opening a
//! paragraph ("NEW DELHI:", "LONDON —", `dateline.caps`), a token of two known names
//! joined by a hyphen ("US-China", "Israeli-Palestinian": two mentions,
//! `name.hyphen-compound`), a capitalised common noun before a given name ("Employee Jane
//! Roe": not part of the name), and an outlet's section after its name ("NBC Sports",
//! `name.outlet-section`).
//!
//! Overlap policy: the two parts of a hyphenated token are two candidates on the same token,
//! told apart by `NamePart` (their byte spans are disjoint).

use super::{Candidate, Kind, NamePart, Scanner};
use crate::rules::{token_key, EntityClass, EntryId, WordClass};
use crate::text::is_all_caps;

/// The dashes and the colon that end a dateline.
fn ends_dateline(token: &str) -> bool {
    matches!(token, ":" | "\u{2014}" | "\u{2013}" | "-" | "--")
}

impl Scanner<'_> {
    /// At the start `s` of a sentence that opens a paragraph: up to four all-capitals words
    /// and a colon or a dash naming a known place ("NEW DELHI:") give that place. Returns
    /// where scanning goes on.
    pub(super) fn caps_dateline(&mut self, s: usize) -> usize {
        let doc = self.doc;
        let end = self.sentence.end;
        if doc.paragraphs.binary_search_by_key(&s, |p| p.start).is_err() {
            return s;
        }
        let mut t = s;
        while t < end && t < s + 4 && self.is_word(t) && is_all_caps(doc.tok(t)) {
            t += 1;
        }
        if t == s || t >= end || !ends_dateline(doc.tok(t)) {
            return s;
        }
        let words: Vec<String> = (s..t).map(|x| super::title_case(doc.tok(x))).collect();
        let key = token_key(words.iter().map(String::as_str));
        let place =
            self.gaz.lookup(&key).iter().copied().find(|&e| self.gaz.entry(e).class.base() == EntityClass::Place);
        let Some(e) = place else { return s };
        self.push(s..t, Kind::Gazetteer(e), "dateline.caps");
        t
    }

    /// A chunk of one token made of two capitalised parts around one hyphen, each a known
    /// name or demonym, and not a known name whole ("Bosnia-Herzegovina"): each part is a
    /// mention ("US-China", "Israeli-Palestinian"). When one part is known and the other
    /// one letter (an abbreviation cut by the tokenizer: "Jordanian-U.S."), the token is
    /// no name. A hyphenated surname ("Ocasio-Cortez") is neither. Returns whether the token
    /// was read.
    pub(super) fn hyphen_compound(&mut self, i: usize) -> bool {
        let gaz = self.gaz;
        let w = self.doc.tok(i);
        let Some((left, right)) = w.split_once('-') else { return false };
        let capital = |part: &str| part.starts_with(char::is_uppercase);
        if right.contains('-') || !capital(left) || !capital(right) || !gaz.lookup(&token_key([w])).is_empty() {
            return false;
        }
        let known = |part: &str| {
            let key = token_key([part]);
            gaz.lookup(&key).first().map(|&e| Kind::Gazetteer(e)).or_else(|| gaz.demonym(&key).map(Kind::Demonym))
        };
        let letter = |part: &str| part.chars().count() == 1;
        match (known(left), known(right)) {
            (Some(l), Some(r)) => {
                for (kind, part) in [(l, NamePart::BeforeHyphen), (r, NamePart::AfterHyphen)] {
                    let mut candidate = Candidate::new(i..i + 1, kind, "name.hyphen-compound");
                    candidate.part = part;
                    self.out.push(candidate);
                }
                true
            }
            (Some(_), None) => letter(right),
            (None, Some(_)) => letter(left),
            (None, None) => false,
        }
    }

    /// Whether token `p` of a chunk ending at `end` is a capitalised common noun before a
    /// given name and a surname ("Employee Jane Roe", "Teacher John Doe"): a dictionary
    /// word that is no given name, title, organisation head, demonym or start of a known
    /// name.
    pub(super) fn common_noun_before_name(&self, p: usize, end: usize) -> bool {
        let (doc, lex, gaz) = (self.doc, self.lex, self.gaz);
        let w = doc.tok(p);
        p + 3 <= end
            && !is_all_caps(w)
            && lex.is_english(w)
            && !lex.first_names.contains(w)
            && lex.first_names.contains(doc.tok(p + 1))
            && self.starts_name(p + 2)
            && !self.is_org_word(p)
            && self.title_at(p, end).is_none()
            && gaz.longest_match(self.words(p, end)).is_none()
            && gaz.demonym(&token_key([w])).is_none()
    }

    /// Whether token `p`, opening the sentence in a chunk ending at `end`, is a dictionary
    /// word before a known name that ends the chunk ("Key Security Council members",
    /// "Senior Hamas officials"): no given name, title, head or demonym, and not before a
    /// country ("Air Canada" is a body, `name.word-country`).
    pub(super) fn adjective_before_known_name(&self, p: usize, end: usize) -> bool {
        let (doc, lex, gaz) = (self.doc, self.lex, self.gaz);
        let w = doc.tok(p);
        let known = gaz
            .longest_match(self.words(p + 1, end))
            .filter(|&(k, e)| p + 1 + k == end && gaz.entry(e).class != EntityClass::Country);
        doc.is_sentence_start(p)
            && p + 1 < end
            && known.is_some()
            && lex.is_english(w)
            && !lex.first_names.contains(w)
            && !self.is_org_word(p)
            && !lex.place_prefixes.contains_key(w)
            && !lex.is(WordClass::Direction, w)
            && self.title_at(p, end).is_none()
            && gaz.demonym(&token_key([w])).is_none()
    }

    /// Whether a one-word place at `p` (`k` words, entry `e`) that is also a given name,
    /// and one capitalised word ending the name at `name_end`, are a person ("Florence
    /// Whitcombe"): the word is no dictionary word, known name, demonym, head or title
    /// ("Houston Chronicle", "Victoria Falls" stay as they were).
    pub(super) fn given_name_like_place(&self, p: usize, k: usize, name_end: usize, e: EntryId) -> bool {
        let (doc, lex, gaz) = (self.doc, self.lex, self.gaz);
        let s = p + 1;
        if k != 1 || name_end != s + 1 || gaz.entry(e).class.base() != EntityClass::Place {
            return false;
        }
        let w = doc.tok(s);
        lex.first_names.contains(doc.tok(p))
            && self.starts_name(s)
            && !is_all_caps(w)
            && !w.split('-').any(|part| lex.is_english(part))
            && gaz.longest_match(&[w]).is_none()
            && gaz.demonym(&token_key([w])).is_none()
            && !self.is_org_word(s)
            && !lex.place_heads.contains_key(w)
            && self.title_at(s, name_end).is_none()
    }

    /// After a news outlet's name ending at `after`, within a chunk ending at `end`: the end
    /// of a section of the outlet ("NBC Sports", "CNN Business"; a word of the
    /// `outlet-section` class, then any organisation heads: "Fox Sports Network").
    pub(super) fn outlet_section_end(&self, after: usize, end: usize) -> Option<usize> {
        if after >= end || !self.starts_name(after) || !self.lex.is(WordClass::OutletSection, self.doc.lower(after)) {
            return None;
        }
        let mut u = after + 1;
        while u < end && self.starts_name(u) && self.is_org_word(u) {
            u += 1;
        }
        Some(u)
    }
}
