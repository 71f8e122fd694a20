//! Mention detection: finds the names in each sentence and what the text around them says
//! about their type.
//!
//! A `Scanner` reads each sentence once, left to right. A paragraph that opens with an
//! all-capitals place and a colon or dash gives that place (`dateline.caps`, `edges.rs`); a
//! paragraph of one short all-capitals sentence is a subheading, whose only mentions are
//! known names (`name.caps-heading`, `edges.rs`). A market code after a dot (".HSI") and a
//! common word after a lower-case prefix ("mid-July") start no name (`acronyms.rs`).
//! At a word that starts no name it tries one rule: a lower-case prefix glued to a known
//! name ("anti-Israel", `name.hyphen-prefixed`). At a capitalised word it takes the *chunk*
//! that starts there (capitalised words joined by connectors: of, the, for, particles); a
//! chunk of one host name is an organisation ("Polygraph.info", `name.web-domain`, `edges.rs`); a
//! chunk of one token of two known names around a hyphen is two mentions ("US-China",
//! `name.hyphen-compound`, `edges.rs`); a chunk goes on over "and/&/in/on" when the whole is
//! one organisation name ("Office of Management and Budget", `name.joined`, `joined.rs`).
//! Then it applies, in this order, the first chunk rule that fits:
//! 0. a dictionary word and one capital letter ("Pool B") is a label: skipped;
//! 1. a name of something that is no entity, by its head ("Paris Air Show", "the Hang Seng
//!    index"): skipped whole, with any place inside it;
//! 2. an airline before "Flight" and a number ("Adam Air Flight 574",
//!    `name.flight-operator`);
//! 3. else the chunk is split into parts (`chunk.rs`). A lower-case title right before it
//!    ("AP reporter X") is kept for its first name. Then at each position, in this order of
//!    preference: a title before a name ("Sen.", "Chief Executive of GM"), unless a longer
//!    gazetteer name starts there or only organisation heads follow it ("General
//!    Assembly"); a gazetteer name (longest match; it may reach past the chunk, and may
//!    start a longer body: `name.outlet-section` "NBC Sports", `name.org-head`,
//!    `name.place-led`, `name.place-head`, `name.place-direction` "Kowloon West",
//!    `org.metonym`; a place that is a given name before a surname is a person,
//!    `name.place-given-name`; a maker before a model code is a product and no mention); a demonym
//!    ("Iranian"); a title that ends the chunk names nobody and ends it, unless a known
//!    body before it and an "of/for" field after it name an office ("UN Special Envoy for
//!    Youth Affairs", `name.office`); a connector left over after a title is skipped; a
//!    common word opening the sentence, a capitalised article, a status marker ("Former"),
//!    a common noun before a given name ("Employee Jane Roe") or a dictionary word opening
//!    the sentence before a known name ("Key Security Council") is skipped; else the rest
//!    is one name up to the next title or gazetteer name that ends the chunk (`name.title`
//!    when titled, `name.group-for` for a group's members and cause "Doctors for Fair
//!    Pay", `name.typed-chunk` when its words show its class, else `name.chunk`; a
//!    capitalised noun and a country ending the chunk name a body: `name.word-country`).
//!
//! Titles are stripped off the names that follow them and recorded with those names.
//! After the chunk, when "(ACRONYM)" follows and the initials of its last words spell it,
//! those words are one name whatever parts they were split into ("Northern Ireland Railways
//! (NIR)", `name.acronym-expansion`, `acronyms.rs`).
//! After the chunk, a lower-case organisation head after a name, a country or a demonym
//! ("Biden administration", "Iran's U.N. mission", "Iranian foreign ministry") gives a
//! described organisation (`described.rs`).
//!
//! Overlap policy: within one chunk the parts are disjoint, except that an organisation
//! name may take in the demonym before it ("Korean Central News Agency") and an office the
//! body before its title, whose own mentions stay; described organisations and the chunks
//! inside them may nest; the two parts of a hyphenated token share the token and are told
//! apart by `NamePart` (their byte spans, `name_span`, are disjoint).

mod acronyms;
mod chunk;
mod described;
mod edges;
mod joined;
mod titles;

use std::ops::Range;

use crate::rules::{
    token_key, EntityClass, EntryId, Gazetteer, HeadClass, HoldingStatus, Lexicons, RuleId, Rules, Title, WordClass,
};
use crate::text::{is_all_caps, is_capitalized, Doc, TokenKind};

/// What a candidate is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// A gazetteer entry.
    Gazetteer(EntryId),
    /// A demonym standing for a gazetteer entry ("Iranian" → Iran).
    Demonym(EntryId),
    /// A capitalised name; the class when the name itself shows it.
    Name(Option<EntityClass>),
    /// An organisation described by an owner and a lower-case head ("Iranian foreign
    /// ministry"): the owner's token range and the head word.
    Described { owner: Range<usize>, head: String, class: EntityClass },
}

/// A title found before a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TitleMention {
    pub tokens: Range<usize>,
    pub title: Title,
    /// A status from a marker in or before the title ("-elect", "former").
    pub status: Option<HoldingStatus>,
    /// The tokens of what the post belongs to, when the title names it ("Chief Executive
    /// of GM").
    pub of: Option<Range<usize>>,
}

/// One candidate mention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Token range (end exclusive).
    pub tokens: Range<usize>,
    pub kind: Kind,
    /// The rule that found it (output only: code branches on `kind` and the fields below).
    pub rule: RuleId,
    /// Titles right before the name (for people).
    pub titles: Vec<TitleMention>,
    /// A type hint from the words around the name.
    pub context: Option<EntityClass>,
    /// Which part of its one token the name is, when a hyphen cuts the token ("anti-Israel",
    /// "US-China"); `Whole` for every other candidate.
    pub part: NamePart,
}

/// The part of a hyphenated token a candidate names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamePart {
    /// All of its tokens.
    Whole,
    /// The part before the token's first hyphen ("US" of "US-China").
    BeforeHyphen,
    /// The part after the token's first hyphen ("Israel" of "anti-Israel").
    AfterHyphen,
}

impl Candidate {
    fn new(tokens: Range<usize>, kind: Kind, rule: RuleId) -> Self {
        Candidate { tokens, kind, rule, titles: Vec::new(), context: None, part: NamePart::Whole }
    }
}

/// Finds every candidate mention in the document, in text order.
pub fn find(doc: &Doc, rules: &Rules) -> Vec<Candidate> {
    let mut scanner = Scanner::new(doc, rules);
    for s in &doc.sentences {
        scanner.sentence(s.clone());
    }
    let mut out = scanner.out;
    sort(&mut out);
    out
}

/// Text order: by start, the longest first (a stable sort: ties keep the order found).
fn sort(candidates: &mut [Candidate]) {
    candidates.sort_by_key(|c| (c.tokens.start, std::cmp::Reverse(c.tokens.end)));
}

/// Reads the candidates of a document sentence by sentence, one method per rule.
struct Scanner<'a> {
    doc: &'a Doc<'a>,
    lex: &'a Lexicons,
    gaz: &'a Gazetteer,
    /// The token range of the sentence being read.
    sentence: Range<usize>,
    /// Its words, by token index from `sentence.start` (so the work of a look-up stays
    /// proportional to the sentence, not to the article).
    words: Vec<&'a str>,
    /// Every candidate so far, in the order found.
    out: Vec<Candidate>,
}

impl<'a> Scanner<'a> {
    fn new(doc: &'a Doc<'a>, rules: &'a Rules) -> Self {
        Scanner { doc, lex: &rules.lexicons, gaz: &rules.gazetteer, sentence: 0..0, words: Vec::new(), out: Vec::new() }
    }

    /// Reads one sentence (see the module comment for the rules and their order).
    fn sentence(&mut self, s: Range<usize>) {
        let doc = self.doc;
        self.words.clear();
        self.words.extend(s.clone().map(|t| doc.tok(t)));
        self.sentence = s.clone();
        let mut i = self.caps_dateline(s.start);
        if self.caps_heading(i) {
            return;
        }
        while i < s.end {
            if !self.starts_name(i) {
                self.hyphen_prefixed(i);
                i += 1;
                continue;
            }
            let j = self.chunk_end(i);
            if j == i + 1 && self.web_domain(i) {
                i = j;
                continue;
            }
            if j == past_article(doc, i) + 1 && self.hyphen_compound(j - 1) {
                i = j;
                continue;
            }
            let (j, glue) = match self.joined_end(i, j) {
                Some((k, glue)) => (k, Some(glue)),
                None => (j, None),
            };
            if self.lettered_label(i, j) {
                i = j;
                continue;
            }
            if let Some(k) = self.other_name_end(i, j) {
                i = k;
                continue;
            }
            if let Some(k) = self.flight_operator(i, j) {
                i = k;
                continue;
            }
            let first = self.out.len();
            let start = i;
            i = self.chunk(i, j).max(i + 1);
            if let Some(g) = glue {
                self.mark_joined(first, g);
            }
            self.acronym_expansion(first, start, i);
        }
    }

    fn push(&mut self, tokens: Range<usize>, kind: Kind, rule: RuleId) {
        self.out.push(Candidate::new(tokens, kind, rule));
    }

    /// The words of tokens `a..b` of the current sentence.
    fn words(&self, a: usize, b: usize) -> &[&'a str] {
        &self.words[a - self.sentence.start..b - self.sentence.start]
    }

    fn is_word(&self, i: usize) -> bool {
        self.doc.is_word(i)
    }

    /// A capitalised word that can start a name (`starts_name`), not a market code
    /// (".HSI") nor a common word after a prefix ("mid-July"; `acronyms.rs`).
    fn starts_name(&self, i: usize) -> bool {
        starts_name(self.doc, i) && !self.market_code(i) && !self.prefixed_common_word(i)
    }

    /// Whether token `t` is an organisation head or suffix ("Council", "Inc.").
    fn is_org_word(&self, t: usize) -> bool {
        self.org_head(self.doc.tok(t)).is_some()
    }

    /// The class a word gives as an organisation head or suffix ("Council", "Inc."), or a
    /// hyphenated pair of capitalised words whose last is a head ("Post-Gazette").
    fn org_head(&self, w: &str) -> Option<&'a HeadClass> {
        let lex = self.lex;
        lex.org_heads.get(w).or_else(|| lex.org_suffixes.get(w)).or_else(|| {
            let (left, right) = w.rsplit_once('-')?;
            let capital = left.starts_with(char::is_uppercase) && right.starts_with(char::is_uppercase);
            lex.org_heads.get(right).filter(|_| capital)
        })
    }

    /// "anti-Israel", "pro-Russian": a lower-case prefix glued to a known name or demonym.
    fn hyphen_prefixed(&mut self, i: usize) {
        if !self.is_word(i) {
            return;
        }
        let Some((prefix, rest)) = self.doc.tok(i).split_once('-') else { return };
        if !self.lex.is(WordClass::HyphenPrefix, prefix) || !rest.starts_with(char::is_uppercase) {
            return;
        }
        let key = token_key([rest]);
        let kind = if let Some(&e) = self.gaz.lookup(&key).first() {
            Kind::Gazetteer(e)
        } else if let Some(e) = self.gaz.demonym(&key) {
            Kind::Demonym(e)
        } else {
            return;
        };
        // The candidate covers the whole token; `name_span` narrows it to the name.
        let mut candidate = Candidate::new(i..i + 1, kind, "name.hyphen-prefixed");
        candidate.part = NamePart::AfterHyphen;
        self.out.push(candidate);
    }

    /// The end of the capitalised chunk starting at `i`.
    fn chunk_end(&self, i: usize) -> usize {
        let doc = self.doc;
        let end = self.sentence.end;
        let mut j = i + 1;
        while j < end {
            if self.starts_name(j) || (self.is_word(j) && is_all_caps(doc.tok(j))) {
                j += 1;
                continue;
            }
            let w = doc.lower(j);
            let connector = self.lex.is(WordClass::Connector, w) || self.lex.particles.contains(w);
            let the_name = |k: usize| k + 1 < end && doc.lower(k) == "the" && self.starts_name(k + 1);
            if connector && j + 1 < end && (self.starts_name(j + 1) || (matches!(w, "of" | "for") && the_name(j + 1))) {
                j += 1;
                continue;
            }
            // "Ambassador to the United States X": "to" after a title.
            if w == "to"
                && j > i
                && self.lex.titles.contains_key(doc.lower(j - 1))
                && j + 1 < end
                && (self.starts_name(j + 1) || the_name(j + 1))
            {
                j += 1;
                continue;
            }
            // "of the", "for the": Church of the Holy Sepulchre, Council for the Welfare of X
            if w == "the"
                && j > i
                && matches!(doc.lower(j - 1), "of" | "for" | "to")
                && j + 1 < end
                && self.starts_name(j + 1)
            {
                j += 1;
                continue;
            }
            break;
        }
        // Never end on a connector.
        while j > i + 1 && !self.starts_name(j - 1) && !is_all_caps(doc.tok(j - 1)) {
            j -= 1;
        }
        j
    }

    /// Where the chunk `i..j` ends when it names something that is no entity by its head:
    /// its last word is an other-head ("Paris Air Show", "Clean Air Act") or a lower-case
    /// other-word follows it ("the Hang Seng index"; not after a lone country or demonym:
    /// "the Russian index" still mentions Russia).
    fn other_name_end(&self, i: usize, j: usize) -> Option<usize> {
        let (doc, lex, gaz) = (self.doc, self.lex, self.gaz);
        if j - i >= 2 && lex.other_heads.contains_key(doc.tok(j - 1)) {
            return Some(j);
        }
        if j < self.sentence.end && self.is_word(j) && lex.other_after.contains_key(doc.tok(j)) {
            let a = past_article(doc, i);
            let key = token_key(self.words(a, j).iter().copied());
            let place = gaz.lookup(&key).first().is_some_and(|&e| gaz.entry(e).class.base() == EntityClass::Place);
            if a < j && !place && gaz.demonym(&key).is_none() {
                return Some(j + 1);
            }
        }
        None
    }

    /// "Adam Air Flight 574": the name before "Flight" and a number is an airline. Returns
    /// where scanning goes on.
    fn flight_operator(&mut self, i: usize, j: usize) -> Option<usize> {
        let doc = self.doc;
        let flight =
            j - i >= 2 && doc.tok(j - 1) == "Flight" && doc.tokens.get(j).is_some_and(|t| t.kind == TokenKind::Number);
        if !flight {
            return None;
        }
        let a = past_article(doc, i);
        if a < j - 1 {
            self.push(a..j - 1, Kind::Name(Some(EntityClass::Organization)), "name.flight-operator");
        }
        Some(j + 1)
    }
}

/// Token `i`, or the one after it when `i` is a capitalised article ("The Paris Air Show").
fn past_article(doc: &Doc, i: usize) -> usize {
    if matches!(doc.tok(i), "The" | "A" | "An") {
        i + 1
    } else {
        i
    }
}

/// A capitalised word that can start a name (not "I", not a currency prefix).
fn starts_name(doc: &Doc, i: usize) -> bool {
    if !doc.is_word(i) {
        return false;
    }
    let w = doc.tok(i);
    // "US$40": a currency prefix, not a name.
    let currency = i + 1 < doc.tokens.len() && doc.tok(i + 1).starts_with('$') && !doc.space_after(i);
    is_capitalized(w) && w != "I" && !currency
}

/// Replaces what was found inside an all-capitals dateline ("WASHINGTON —") by the
/// gazetteer entry it names, read in title case.
pub fn add_dateline(doc: &Doc, rules: &Rules, span: Range<usize>, out: &mut Vec<Candidate>) {
    let toks: Vec<usize> =
        (0..doc.tokens.len()).filter(|&t| doc.tokens[t].start >= span.start && doc.tokens[t].end <= span.end).collect();
    let (Some(&a), Some(&b)) = (toks.first(), toks.last()) else { return };
    let words: Vec<String> = (a..=b).map(|t| title_case(doc.tok(t))).collect();
    let key = token_key(words.iter().map(String::as_str));
    let Some(&entry) = rules.gazetteer.lookup(&key).first() else { return };
    out.retain(|c| c.tokens.end <= a || c.tokens.start > b);
    out.push(Candidate::new(a..b + 1, Kind::Gazetteer(entry), "dateline.gazetteer"));
    sort(out);
}

fn title_case(w: &str) -> String {
    let mut out = String::new();
    let mut start = true;
    for c in w.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphanumeric();
    }
    out
}

/// The byte range of a candidate's name proper (for a part of a hyphenated token, the part
/// before or after its first hyphen).
pub fn name_span(doc: &Doc, c: &Candidate) -> Range<usize> {
    let span = doc.span(c.tokens.start, c.tokens.end);
    let hyphen = doc.text[span.clone()].find('-');
    match (c.part, hyphen) {
        (NamePart::AfterHyphen, Some(h)) => span.start + h + 1..span.end,
        (NamePart::BeforeHyphen, Some(h)) => span.start..span.start + h,
        _ => span,
    }
}
