//! Where a name starts and ends at the edges of a chunk: an all-capitals dateline opening a
//! paragraph ("NEW DELHI:", "LONDON —", `dateline.caps`), a token of two known names
//! joined by a hyphen ("US-China", "Israeli-Palestinian": two mentions,
//! `name.hyphen-compound`), a capitalised common noun before a given name ("Employee Jane
//! Roe": not part of the name), an outlet's section after its name ("NBC Sports",
//! `name.outlet-section`), and a website's host name as a name of its own ("Polygraph.info",
//! `name.web-domain`).
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

    /// A paragraph of one short sentence all in capitals ("RIVALS CRUISE", "CHILE FALTERS"): a
    /// subheading, whose words are no names except the known ones, read as written or in
    /// title case (`name.caps-heading`). Returns whether the sentence starting at `s` was
    /// such a heading (and was read).
    pub(super) fn caps_heading(&mut self, s: usize) -> bool {
        let doc = self.doc;
        let end = self.sentence.end;
        let whole_paragraph = doc
            .paragraphs
            .binary_search_by_key(&self.sentence.start, |p| p.start)
            .is_ok_and(|k| doc.paragraphs[k].end == end);
        let caps = (s..end).all(|t| !self.is_word(t) || is_all_caps(doc.tok(t)));
        let words = (s..end).filter(|&t| self.is_word(t)).count();
        if s >= end || !whole_paragraph || !caps || !(1..=6).contains(&words) {
            return false;
        }
        let titled: Vec<String> = (s..end).map(|t| super::title_case(doc.tok(t))).collect();
        let mut t = s;
        while t < end {
            let as_written = self.gaz.longest_match(self.words(t, end));
            let title_case = self.gaz.longest_match(&titled[t - s..].iter().map(String::as_str).collect::<Vec<_>>());
            match as_written.or(title_case) {
                Some((k, e)) if self.is_word(t) => {
                    self.push(t..t + k, Kind::Gazetteer(e), "name.caps-heading");
                    t += k;
                }
                _ => t += 1,
            }
        }
        true
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

    /// Whether a one-word place at `p` (`k` words, entry `e`) that is also a given name
    /// (`first-names.txt`, or `place-given-names.txt`: "Chad", "Jordan", "Georgia"), and one
    /// capitalised word ending the name at `name_end`, are a person: the word is no known
    /// name, demonym, head or title, and no dictionary word ("Florence Whitcombe", "Jordan
    /// Okafor"; "Houston Chronicle", "Victoria Falls" stay as they were) unless a person cue
    /// backs the name (`titled`: a title before it, "Sen. Jordan Black"; or
    /// `person_cue_after`: "Chad Wolf has been named", "Georgia Field, 34,").
    pub(super) fn given_name_like_place(&self, p: usize, k: usize, name_end: usize, e: EntryId, titled: bool) -> bool {
        let (doc, lex, gaz) = (self.doc, self.lex, self.gaz);
        let s = p + 1;
        if k != 1 || name_end != s + 1 || gaz.entry(e).class.base() != EntityClass::Place {
            return false;
        }
        let w = doc.tok(s);
        let given = lex.first_names.contains(doc.tok(p)) || lex.place_given_names.contains(doc.tok(p));
        let surname_like = given
            && self.starts_name(s)
            && !is_all_caps(w)
            && gaz.longest_match(&[w]).is_none()
            && gaz.demonym(&token_key([w])).is_none()
            && !self.is_org_word(s)
            && !lex.place_heads.contains_key(w)
            && !lex.is(WordClass::Direction, w)
            && self.title_at(s, name_end).is_none();
        if !surname_like {
            return false;
        }
        let dictionary_word = w.split('-').any(|part| lex.is_english(part));
        !dictionary_word || titled || self.person_cue_after(name_end)
    }

    /// A person cue right after a name ending at `q`: an age or a title in apposition
    /// ("X, 34,", "X, the acting secretary,"), or a naming verb after at most three
    /// auxiliaries (`passive-auxiliary`, `speech-auxiliary`) ("X has been named", "X was appointed").
    fn person_cue_after(&self, q: usize) -> bool {
        let (doc, lex) = (self.doc, self.lex);
        let end = self.sentence.end;
        let word = |t: usize| (t < end && doc.is_word(t)).then(|| doc.lower(t));
        let age = q + 2 < end
            && doc.tok(q) == ","
            && doc.tok(q + 1).parse::<u32>().is_ok_and(|n| (1..=120).contains(&n))
            && doc.tok(q + 2) == ",";
        let apposition = q + 2 < end
            && doc.tok(q) == ","
            && matches!(word(q + 1), Some("a" | "an" | "the"))
            && word(q + 2).is_some_and(|w| lex.titles.contains_key(w));
        let mut t = q;
        while t < q + 3
            && word(t).is_some_and(|w| lex.is(WordClass::PassiveAuxiliary, w) || lex.is(WordClass::SpeechAuxiliary, w))
        {
            t += 1;
        }
        age || apposition || word(t).is_some_and(|w| lex.is(WordClass::Naming, w))
    }

    /// "Polygraph.info", "CBC.ca": a capitalised host name (one token: the tokenizer keeps a
    /// known top-level domain inside the word) is an organisation, the gazetteer's when its
    /// first label names one ("CBC.ca" is CBC; "Boston.com" is no mention of the city).
    /// Returns whether it pushed one.
    pub(super) fn web_domain(&mut self, t: usize) -> bool {
        let w = self.doc.tok(t);
        let Some((stem, _)) = w.split_once('.').filter(|(stem, rest)| {
            !stem.is_empty() && !rest.is_empty() && rest.chars().all(|c| c.is_ascii_lowercase() || c == '.')
        }) else {
            return false;
        };
        if w.ends_with('.') {
            return false;
        }
        let gaz = self.gaz;
        let org = gaz
            .lookup(&token_key([stem]))
            .iter()
            .copied()
            .find(|&e| gaz.entry(e).class.base() == EntityClass::Organization);
        let kind = match org {
            Some(e) => Kind::Gazetteer(e),
            None => Kind::Name(Some(EntityClass::Organization)),
        };
        self.push(t..t + 1, kind, "name.web-domain");
        true
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
