//! Mention detection: finds the names in each sentence and what the text around them says
//! about their type.
//!
//! Candidates come from, in this order of preference at one position: the gazetteer
//! (longest match), demonyms ("Iranian"), titles ("Sen.", "Supreme Leader"), which are
//! stripped off the name that follows and recorded, and capitalised chunks (capitalised
//! words with connectors: of, the, for, particles). A chunk opening a sentence loses any
//! leading common word ("However", "The"). A name, a country or a demonym followed by a
//! lower-case organisation head ("foreign ministry", "administration", "U.N. mission")
//! also gives a described organisation. Overlap policy: within one chunk the parts are
//! disjoint; described organisations and the chunks inside them may nest.

use std::ops::Range;

use crate::rules::token_key;
use crate::rules::{EntityClass, RuleId, Rules, Title};
use crate::text::{is_all_caps, is_capitalized, Doc, TokenKind};

/// The words of one sentence's tokens from some index on, addressed by token index.
struct Words<'a> {
    offset: usize,
    words: Vec<&'a str>,
}

impl<'a> Words<'a> {
    /// The words of tokens `a..b` (which must lie at or after the offset).
    fn range(&self, a: usize, b: usize) -> &[&'a str] {
        &self.words[a - self.offset..b - self.offset]
    }
}

/// What a candidate is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// A gazetteer entry.
    Gazetteer(usize),
    /// A demonym standing for a gazetteer entry ("Iranian" → Iran).
    Demonym(usize),
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
    pub status: Option<String>,
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
    pub rule: RuleId,
    /// Titles right before the name (for people).
    pub titles: Vec<TitleMention>,
    /// A type hint from the words around the name.
    pub context: Option<EntityClass>,
}

impl Candidate {
    fn new(tokens: Range<usize>, kind: Kind, rule: RuleId) -> Self {
        Candidate { tokens, kind, rule, titles: Vec::new(), context: None }
    }
}

/// Words that make a place name more precise rather than naming a body ("Northern Canada").
const DIRECTIONS: &[&str] = &[
    "North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Central", "Upper", "Lower",
    "Greater", "New", "Old", "Mainland", "Rural", "Coastal",
];
const CONNECTORS: &[&str] = &[
    "of", "for", "de", "du", "des", "van", "von", "der", "den", "bin", "ibn", "al", "el", "la", "le", "da", "di",
    "del", "y", "&",
];
/// Lower-case heads that may be followed by "to X" / "in X" as part of the name.
const PLACED_HEADS: &[&str] = &["mission", "embassy", "consulate", "delegation"];

/// Finds every candidate mention in the document, in text order.
pub fn find(doc: &Doc, rules: &Rules) -> Vec<Candidate> {
    let mut out = Vec::new();
    for s in &doc.sentences {
        let mut i = s.start;
        while i < s.end {
            if !starts_name(doc, i) {
                hyphen_prefixed(doc, rules, i, &mut out);
                i += 1;
                continue;
            }
            let j = chunk_end(doc, rules, i, s.end);
            // "Paris Air Show", "the Hang Seng index": no entity, and no name inside it.
            if let Some(k) = other_name_end(doc, rules, i, j, s.end) {
                i = k;
                continue;
            }
            // "Adam Air Flight 574": the name before "Flight" and a number is an airline.
            if j - i >= 2
                && doc.tok(j - 1) == "Flight"
                && doc.tokens.get(j).is_some_and(|t| t.kind == TokenKind::Number)
            {
                let a = past_article(doc, i);
                if a < j - 1 {
                    out.push(Candidate::new(
                        a..j - 1,
                        Kind::Name(Some(EntityClass::Organization)),
                        "name.flight-operator",
                    ));
                }
                i = j + 1;
                continue;
            }
            let j = analyze_chunk(doc, rules, s.start, i, j, s.end, &mut out);
            i = j.max(i + 1);
        }
    }
    out.sort_by_key(|c| (c.tokens.start, std::cmp::Reverse(c.tokens.end)));
    out
}

/// Token `i`, or the one after it when `i` is a capitalised article ("The Paris Air Show").
fn past_article(doc: &Doc, i: usize) -> usize {
    if matches!(doc.tok(i), "The" | "A" | "An") {
        i + 1
    } else {
        i
    }
}

/// Where the chunk `i..j` ends when it names something that is no entity by its head:
/// its last word is an other-head ("Paris Air Show", "Clean Air Act") or a lower-case
/// other-word follows it ("the Hang Seng index"; not after a lone country or demonym: "the
/// Russian index" still mentions Russia).
fn other_name_end(doc: &Doc, rules: &Rules, i: usize, j: usize, end: usize) -> Option<usize> {
    let lex = &rules.lexicons;
    if j - i >= 2 && lex.other_heads.contains_key(doc.tok(j - 1)) {
        return Some(j);
    }
    if j < end && is_word(doc, j) && lex.other_after.contains_key(doc.tok(j)) {
        let a = past_article(doc, i);
        let key = token_key((a..j).map(|t| doc.tok(t)));
        let gaz = &rules.gazetteer;
        let place = gaz.lookup(&key).first().is_some_and(|&e| gaz.entry(e).class.base() == EntityClass::Place);
        if a < j && !place && gaz.demonym(&key).is_none() {
            return Some(j + 1);
        }
    }
    None
}

/// A model designation after a maker's name: "A380", "787", "737-800", "A350s", "MD-80"
/// (letters in capitals, at least one digit; a lone year is none).
fn is_model_code(w: &str) -> bool {
    let w = w.strip_suffix('s').unwrap_or(w);
    let digits = w.chars().filter(char::is_ascii_digit).count();
    let letters_ok = w.chars().all(|c| c.is_ascii_digit() || c.is_ascii_uppercase() || c == '-');
    let year = w.len() == 4 && digits == 4 && w.parse::<u32>().is_ok_and(|y| (1800..=2100).contains(&y));
    let short_number = digits == w.len() && w.len() < 3;
    !w.is_empty() && w.len() <= 12 && digits > 0 && letters_ok && !w.starts_with('-') && !year && !short_number
}

/// Where a product named by a maker and a model code ends ("Airbus A380", "Boeing 787
/// Dreamliner", "Rolls-Royce Trent 900"), when one starts at `t` right after the maker.
fn product_end(doc: &Doc, rules: &Rules, t: usize, end: usize) -> Option<usize> {
    if t >= end || t == 0 || !doc.space_after(t - 1) {
        return None;
    }
    // One capitalised model name may come before the code ("Trent 900").
    let code_at = if is_model_code(doc.tok(t)) {
        t
    } else if starts_name(doc, t)
        && t + 1 < end
        && is_model_code(doc.tok(t + 1))
        && rules.gazetteer.longest_match(&[doc.tok(t)]).is_none()
    {
        t + 1
    } else {
        return None;
    };
    // And up to two capitalised words after it ("Dreamliner", "XWB").
    let mut u = code_at + 1;
    while u < end && u < code_at + 3 && starts_name(doc, u) && rules.gazetteer.longest_match(&[doc.tok(u)]).is_none() {
        u += 1;
    }
    Some(u)
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
    out.sort_by_key(|c| (c.tokens.start, std::cmp::Reverse(c.tokens.end)));
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

fn is_word(doc: &Doc, i: usize) -> bool {
    doc.tokens.get(i).is_some_and(|t| t.kind == TokenKind::Word)
}

/// A capitalised word that can start a name (not "I", not a lone capital letter of a list).
fn starts_name(doc: &Doc, i: usize) -> bool {
    if !is_word(doc, i) {
        return false;
    }
    let w = doc.tok(i);
    // "US$40": a currency prefix, not a name.
    let currency = i + 1 < doc.tokens.len() && doc.tok(i + 1).starts_with('$') && !doc.space_after(i);
    is_capitalized(w) && w != "I" && !currency
}

/// The end of the capitalised chunk starting at `i`.
fn chunk_end(doc: &Doc, rules: &Rules, i: usize, end: usize) -> usize {
    let mut j = i + 1;
    while j < end {
        if starts_name(doc, j) || (is_word(doc, j) && is_all_caps(doc.tok(j))) {
            j += 1;
            continue;
        }
        let w = doc.lower(j);
        let connector = CONNECTORS.contains(&w) || rules.lexicons.particles.contains(w);
        let the_name = |k: usize| k + 1 < end && doc.lower(k) == "the" && starts_name(doc, k + 1);
        if connector && j + 1 < end && (starts_name(doc, j + 1) || (matches!(w, "of" | "for") && the_name(j + 1))) {
            j += 1;
            continue;
        }
        // "Ambassador to the United States X": "to" after a title.
        if w == "to"
            && j > i
            && rules.lexicons.titles.contains_key(doc.lower(j - 1))
            && j + 1 < end
            && (starts_name(doc, j + 1) || the_name(j + 1))
        {
            j += 1;
            continue;
        }
        // "of the", "for the": Church of the Holy Sepulchre, Council for the Welfare of X
        if w == "the"
            && j > i
            && matches!(doc.lower(j - 1), "of" | "for" | "to")
            && j + 1 < end
            && starts_name(doc, j + 1)
        {
            j += 1;
            continue;
        }
        break;
    }
    // Never end on a connector.
    while j > i + 1 && !starts_name(doc, j - 1) && !is_all_caps(doc.tok(j - 1)) {
        j -= 1;
    }
    j
}

/// The longest title starting at token `p` within `p..end`, as (end, title, status).
/// A status suffix or prefix glued to the title ("President-elect", "ex-President",
/// "then-Secretary") is split off.
fn title_at(doc: &Doc, rules: &Rules, p: usize, end: usize) -> Option<(usize, Title, Option<String>)> {
    let lex = &rules.lexicons;
    if let Some(t) = lex.exact_title(doc.tok(p)).filter(|_| p < end) {
        return Some((p + 1, t.clone(), None));
    }
    let max = lex.title_max_tokens.min(end - p);
    for k in (1..=max).rev() {
        let mut words: Vec<&str> = (p..p + k).map(|t| doc.lower(t)).collect();
        let mut status = None;
        if let Some(last) = words.last_mut() {
            if let Some((head, suffix)) = last.rsplit_once('-') {
                if let Some(m) = lex.status_markers.get(&format!("-{suffix}")) {
                    status = Some(m.status.clone());
                    *last = head;
                }
            }
        }
        if let Some(first) = words.first_mut() {
            if let Some((prefix, head)) = first.split_once('-') {
                if let Some(m) = lex.status_markers.get(&format!("{prefix}-")).filter(|m| m.position == "prefix") {
                    status = status.or(Some(m.status.clone()));
                    *first = head;
                }
            }
        }
        if let Some(t) = lex.titles.get(&words.join(" ")) {
            return Some((p + k, t.clone(), status));
        }
    }
    None
}

/// Analyses the chunk `i..j` and pushes its parts; returns where scanning goes on.
fn analyze_chunk(
    doc: &Doc,
    rules: &Rules,
    sentence_start: usize,
    i: usize,
    mut j: usize,
    end: usize,
    out: &mut Vec<Candidate>,
) -> usize {
    let gaz = &rules.gazetteer;
    let lex = &rules.lexicons;
    // The words of tokens i..end, by token index (only this sentence's, so the work stays
    // proportional to the sentence, not to the article).
    let words = Words { offset: i, words: (i..end).map(|t| doc.tok(t)).collect() };
    let first = out.len();
    let mut p = i;
    let mut titles: Vec<TitleMention> = Vec::new();
    let mut status_prefix: Option<String> = marker_before(doc, rules, i);
    // A lower-case title right before the chunk: "AP reporter Michelle L. Price",
    // "trade envoy Mark Dunn".
    if let Some(a0) = lowercase_title_before(doc, rules, sentence_start, i) {
        if let Some((t, mut title, status)) = title_at(doc, rules, a0, i) {
            if t == i {
                // Lower-case words before it complete the title ("France's interior and
                // overseas minister X").
                let lex = &rules.lexicons;
                let mut a = a0;
                while a > sentence_start
                    && a0 - a < 3
                    && is_word(doc, a - 1)
                    && doc.tok(a - 1).chars().all(char::is_lowercase)
                    && (doc.tok(a - 1) == "and" || !lex.is_common(doc.tok(a - 1)))
                    && !lex.status_markers.contains_key(doc.tok(a - 1))
                {
                    a -= 1;
                }
                while a < a0 && doc.tok(a) == "and" {
                    a += 1;
                }
                if a < a0 {
                    title.title = format!("{} {}", doc.slice(a, a0), title.title);
                }
                // "Uralsib analyst X", "Tesla founder X": the name before owns the post.
                if let Some(owner) = out.iter_mut().rev().find(|c| c.tokens.end == a) {
                    if owner.kind == Kind::Name(None) {
                        owner.context = Some(EntityClass::Organization);
                    }
                }
                let status = status.or_else(|| marker_before(doc, rules, a)).or(status_prefix.take());
                titles.push(TitleMention { tokens: a..i, title, status, of: None });
            }
        }
    }
    while p < j {
        // A title longer than any gazetteer name here wins ("U.N. Ambassador" over "U.N.").
        let gaz_here = gaz.longest_match(words.range(p, end));
        if let Some((t, title, status)) = title_at(doc, rules, p, j) {
            if t < j && gaz_here.is_none_or(|(k, _)| t - p > k) {
                let (t, title, of) = title_of(doc, rules, &words, t, j, end, title, out);
                // A title followed by "of ..." and no name ("Director of the X study") is no
                // title of a person here.
                if !matches!(doc.lower(t), "of" | "for" | "to") {
                    titles.push(TitleMention { tokens: p..t, title, status: status.or(status_prefix.take()), of });
                }
                p = t;
                continue;
            }
        }
        // The gazetteer, which may reach past the chunk ("Korean People's Army").
        if let Some((k, e)) = gaz_here {
            // A maker and a model code name a product, not the maker ("Airbus A380").
            if gaz.entry(e).class.base() == EntityClass::Organization {
                if let Some(u) = product_end(doc, rules, p + k, end) {
                    p = u;
                    j = j.max(p);
                    continue;
                }
            }
            // The name the entry starts: up to a connector, or to a given name after an
            // organisation word ("Chrysler LLC Jim Press").
            let head_word =
                |t: usize| lex.org_heads.contains_key(doc.tok(t)) || lex.org_suffixes.contains_key(doc.tok(t));
            let mut e_end = p + k;
            while e_end < j {
                let t = e_end;
                let capital = starts_name(doc, t) || is_all_caps(doc.tok(t));
                if capital && !(t > p + k && head_word(t - 1) && lex.first_names.contains(doc.tok(t))) {
                    e_end += 1;
                    continue;
                }
                // "Massachusetts Institute of Technology": a connector after a head word.
                let of = matches!(doc.lower(t), "of" | "for") && t > p + k && head_word(t - 1);
                if of {
                    let next = if t + 1 < j && doc.lower(t + 1) == "the" { t + 2 } else { t + 1 };
                    if next < j && starts_name(doc, next) {
                        e_end = next;
                        continue;
                    }
                }
                break;
            }
            // "US Government": a country's government is the country.
            let metonym = e_end == p + k + 1
                && gaz.entry(e).class == EntityClass::Country
                && lex.org_lower_heads.get(doc.lower(p + k)).is_some_and(|h| h.class.base() == EntityClass::Place);
            if metonym {
                out.push(Candidate::new(p..e_end, Kind::Gazetteer(e), "org.metonym"));
                p = e_end;
                continue;
            }
            let rest_is_org_name = p + k < e_end
                && head_word(e_end - 1)
                && gaz.longest_match(words.range(p + k, e_end)).is_none_or(|(k2, _)| p + k + k2 < e_end)
                && title_at(doc, rules, p + k, e_end).is_none();
            // "Washington Mutual", "Texas Instruments", "Manchester United": a place and
            // dictionary words that are no title, given name or common word name a body.
            let place_led = !rest_is_org_name
                && p + k < e_end
                && gaz.entry(e).class.base() == EntityClass::Place
                && (p + k..e_end).all(|t| {
                    let w = doc.tok(t);
                    lex.english_words.contains(doc.lower(t))
                        && !lex.common_words.contains(doc.lower(t))
                        && !lex.first_names.contains(w)
                        && !lex.titles.contains_key(doc.lower(t))
                        && !DIRECTIONS.contains(&w)
                        && gaz.longest_match(&[w]).is_none()
                        && gaz.demonym(&token_key([w])).is_none()
                })
                && title_at(doc, rules, p + k, e_end).is_none();
            if place_led {
                out.push(Candidate::new(p..e_end, Kind::Name(Some(EntityClass::Organization)), "name.place-led"));
                p = e_end;
                continue;
            }
            if rest_is_org_name {
                let last = doc.tok(e_end - 1);
                let class = lex
                    .org_heads
                    .get(last)
                    .or_else(|| lex.org_suffixes.get(last))
                    .map_or(EntityClass::Organization, |h| h.class);
                out.push(Candidate::new(p..e_end, Kind::Name(Some(class)), "name.org-head"));
                p = e_end;
                continue;
            }
            // "US$40 billion", "US dollars": a currency, not the country.
            let after = p + k;
            let currency = after < doc.tokens.len()
                && ((doc.tok(after).starts_with('$') && !doc.space_after(after - 1))
                    || matches!(doc.lower(after), "dollar" | "dollars"));
            if !currency {
                out.push(Candidate::new(p..p + k, Kind::Gazetteer(e), gaz.entry(e).rule));
            }
            p += k;
            j = j.max(p);
            continue;
        }
        // A demonym ("Iranian", "North Korean").
        if let Some(k) =
            (1..=2.min(j - p)).rev().find(|&k| gaz.demonym(&token_key(words.range(p, p + k).iter().copied())).is_some())
        {
            let e = gaz.demonym(&token_key(words.range(p, p + k).iter().copied())).unwrap_or_default();
            out.push(Candidate::new(p..p + k, Kind::Demonym(e), "demonym"));
            p += k;
            continue;
        }
        // A title before a name.
        if let Some((t, title, status)) = title_at(doc, rules, p, j) {
            if t < j {
                let (t, title, of) = title_of(doc, rules, &words, t, j, end, title, out);
                // A title followed by "of ..." and no name ("Director of the X study") is no
                // title of a person here.
                if !matches!(doc.lower(t), "of" | "for" | "to") {
                    titles.push(TitleMention { tokens: p..t, title, status: status.or(status_prefix.take()), of });
                }
                p = t;
                continue;
            }
            // A title with no name after it is no mention.
            p = t;
            break;
        }
        // A connector left over after a title ("CEO of GM").
        if !starts_name(doc, p) && !is_all_caps(doc.tok(p)) {
            p += 1;
            continue;
        }
        // A common word opening a sentence ("However", "Former", "Monday"), or an article.
        let w = doc.tok(p);
        let marker = lex.status_markers.get(doc.lower(p)).filter(|m| m.position == "prefix");
        if titles.is_empty()
            && !is_all_caps(w)
            && (matches!(w, "The" | "A" | "An") || marker.is_some() || (doc.is_sentence_start(p) && lex.is_common(w)))
        {
            if let Some(m) = marker {
                status_prefix = Some(m.status.clone());
            }
            p += 1;
            continue;
        }
        // The rest is one name, up to the next gazetteer entry that ends the chunk, unless
        // given names come first ("George Washington", "Michael Jordan").
        let given = |a: usize, b: usize| {
            (a..b).all(|t| lex.first_names.contains(doc.tok(t)) || (doc.tok(t).len() == 2 && doc.tok(t).ends_with('.')))
        };
        let mut q = p + 1;
        let connector = |t: usize| CONNECTORS.contains(&doc.lower(t));
        while q < j
            && (given(p, q)
                || connector(q - 1)
                || gaz
                    .longest_match(words.range(q, j))
                    .is_none_or(|(k, _)| q + k < j || lex.org_heads.contains_key(doc.tok(j - 1))))
        {
            // A title inside the chunk starts a new part ("Shadow Home Secretary Yvette Cooper"),
            // and so does a given name after an organisation head ("Refugee Council Enver Solomon").
            let title_here = title_at(doc, rules, q, j).is_some_and(|(t, _, _)| t < j) && !connector(q - 1);
            let org_word = lex.org_heads.contains_key(doc.tok(q - 1)) || lex.org_suffixes.contains_key(doc.tok(q - 1));
            let person_after_org = org_word && lex.first_names.contains(doc.tok(q));
            if title_here || person_after_org {
                break;
            }
            q += 1;
        }
        // A name never ends on a connector or an article ("University of Sheffield of the UK").
        while q > p + 1 && !starts_name(doc, q - 1) && !is_all_caps(doc.tok(q - 1)) {
            q -= 1;
        }
        // "Environment Canada", "Statistics Canada", "Air Canada": a capitalised common noun
        // and a country ending the chunk name a body, not the country.
        if q == p + 1 && titles.is_empty() && !lex.is_common(doc.tok(p)) {
            let country_end = gaz
                .longest_match(words.range(q, j))
                .filter(|&(k, e)| q + k == j && gaz.entry(e).class == EntityClass::Country)
                .map(|(k, _)| q + k);
            let noun = lex.is_english(doc.tok(p))
                && !DIRECTIONS.contains(&doc.tok(p))
                && gaz.demonym(&token_key([doc.tok(p)])).is_none();
            if let (Some(e), true) = (country_end, noun) {
                out.push(Candidate::new(
                    p..e,
                    Kind::Name(Some(EntityClass::GovernmentOrganization)),
                    "name.word-country",
                ));
                p = e;
                continue;
            }
        }
        // Split "X of Y" / "X for Y" when X is no organisation or place head ("Kim of North
        // Korea", "Lydia Buchtmann for Food Standards Australia").
        if let Some(of) = (p + 1..q).find(|&t| matches!(doc.lower(t), "of" | "for")) {
            let head = doc.tok(of - 1);
            let keeps = lex.org_heads.contains_key(head)
                || lex.place_heads.contains_key(head)
                || (p..of).any(|t| lex.org_heads.contains_key(doc.tok(t)));
            if !keeps {
                q = of;
            }
        }
        let class = name_class(doc, rules, p, q, !titles.is_empty());
        // A demonym right before an organisation's name is part of it ("Korean Central News
        // Agency", "Australian Centre for ..."); the demonym stays a mention of its country.
        let demonym_before = out[first..]
            .last()
            .filter(|d| d.tokens.end == p && matches!(d.kind, Kind::Demonym(_)))
            .map(|d| d.tokens.start);
        let name_start = match (class, demonym_before) {
            (Some(c), Some(d)) if c.base() == EntityClass::Organization && titles.is_empty() => d,
            _ => p,
        };
        let mut c = Candidate::new(name_start..q, Kind::Name(class), "name.chunk");
        if !titles.is_empty() {
            c.rule = "name.title";
            c.titles = std::mem::take(&mut titles);
        }
        c.context = context_class(doc, rules, p, q);
        if let Kind::Name(Some(_)) = c.kind {
            if c.rule == "name.chunk" {
                c.rule = "name.typed-chunk";
            }
        }
        out.push(c);
        p = q;
        // Skip a connector between two names.
        while p < j && !starts_name(doc, p) {
            p += 1;
        }
    }
    // A described organisation after the chunk: "Biden administration", "Iran's U.N.
    // mission", "Iranian foreign ministry".
    if out.len() > first {
        described_org(doc, rules, first, j, end, out);
    }
    j.max(p)
}

/// The class a name shows by itself: organisation or place heads and suffixes, a title, a
/// given name, an acronym.
fn name_class(doc: &Doc, rules: &Rules, p: usize, q: usize, titled: bool) -> Option<EntityClass> {
    let lex = &rules.lexicons;
    let last = doc.tok(q - 1);
    // "Jim Press": a given name and one more word is a person, whatever the last word.
    let company =
        lex.org_suffixes.contains_key(last) || lex.org_heads.get(last).is_some_and(|h| h.class == EntityClass::Company);
    if q - p == 2 && lex.first_names.contains(doc.tok(p)) && !company {
        return Some(EntityClass::Person);
    }
    // A head word alone ("Court", "Police") is a common noun, not a name.
    if let Some(h) = lex.org_suffixes.get(last).or_else(|| lex.org_heads.get(last)).filter(|_| q - p >= 2) {
        return Some(h.class);
    }
    let of_head = |t: usize| matches!(doc.lower(t), "of" | "for") && t > p;
    if let Some(h) = (p..q).find_map(|t| if of_head(t) { lex.org_heads.get(doc.tok(t - 1)) } else { None }) {
        return Some(h.class);
    }
    if titled || (q - p >= 2 && lex.first_names.contains(doc.tok(p))) {
        return Some(EntityClass::Person);
    }
    if let Some(h) = lex.place_heads.get(last).or_else(|| lex.place_prefixes.get(doc.tok(p))) {
        if q - p >= 2 {
            return Some(h.class);
        }
    }
    None
}

/// A type hint from the word right before or right after the name.
fn context_class(doc: &Doc, rules: &Rules, p: usize, q: usize) -> Option<EntityClass> {
    let lex = &rules.lexicons;
    if q < doc.tokens.len() && is_word(doc, q) {
        if let Some(c) = lex.cue_after.get(doc.lower(q)) {
            return Some(*c);
        }
        // One modifier may stand between a name and an organisation cue ("Old Mutual
        // insurance company").
        let modifier = doc.tok(q).chars().all(char::is_lowercase);
        if modifier && q + 1 < doc.tokens.len() && is_word(doc, q + 1) {
            if let Some(EntityClass::Organization) = lex.cue_after.get(doc.lower(q + 1)) {
                return Some(EntityClass::Organization);
            }
        }
    }
    if p > 0 && is_word(doc, p - 1) && doc.sentence_of(p - 1) == doc.sentence_of(p) {
        let before = doc.lower(p - 1);
        // "according to X" is a source, not a place.
        if let Some(c) = lex.cue_before.get(before) {
            return Some(*c);
        }
    }
    // "X, a spokesperson for Y" / "X, 45, ..."
    if q + 2 < doc.tokens.len() && doc.tok(q) == "," && matches!(doc.lower(q + 1), "a" | "an" | "the") {
        let next = doc.lower(q + 2);
        if rules.lexicons.titles.contains_key(next) {
            return Some(EntityClass::Person);
        }
    }
    None
}

/// The start of the longest lower-case title ending right before token `i`.
fn lowercase_title_before(doc: &Doc, rules: &Rules, sentence_start: usize, i: usize) -> Option<usize> {
    let lex = &rules.lexicons;
    let max = lex.title_max_tokens.min(i - sentence_start);
    (1..=max).rev().map(|k| i - k).find(|&a| {
        (a..i).all(|t| is_word(doc, t) && doc.tok(t).chars().all(|c| c.is_lowercase() || c == '-'))
            && lex
                .titles
                .get(&(a..i).map(|t| doc.tok(t)).collect::<Vec<_>>().join(" "))
                .or_else(|| lex.exact_title(doc.tok(a)).filter(|_| a + 1 == i))
                .is_some_and(|t| !matches!(t.kind, crate::rules::TitleKind::Honorific))
    })
}

/// A status marker word right before a chunk ("former", "incoming").
fn marker_before(doc: &Doc, rules: &Rules, i: usize) -> Option<String> {
    let prev = i.checked_sub(1)?;
    if !is_word(doc, prev) {
        return None;
    }
    rules.lexicons.status_markers.get(doc.lower(prev)).filter(|m| m.position == "prefix").map(|m| m.status.clone())
}

/// After the candidates `out[first..]` of one chunk ending at `j`: a lower-case
/// organisation head, perhaps after a possessive and capitalised modifiers, makes a
/// described organisation owned by the chunk's country, demonym or name.
fn described_org(doc: &Doc, rules: &Rules, first: usize, j: usize, end: usize, out: &mut Vec<Candidate>) {
    let lex = &rules.lexicons;
    let parts = &out[first..];
    let countryish = |c: &Candidate| match c.kind {
        Kind::Demonym(_) => true,
        Kind::Gazetteer(e) => rules.gazetteer.entry(e).class.base() == EntityClass::Place,
        _ => false,
    };
    // The owner: a country or demonym followed only by capitalised modifiers ("Iranian
    // U.N. mission"), else the last part ("Biden administration").
    let owner = parts
        .iter()
        .position(countryish)
        .filter(|&k| parts[k + 1..].iter().all(|c| c.tokens.len() == 1 && is_all_caps(doc.tok(c.tokens.start))))
        .map(|k| &parts[k])
        .or(parts.last())
        .cloned();
    let Some(owner) = owner else { return };
    // Only places and plain names own such bodies: not titled people, not organisations
    // ("Airbus A400M military"), not names with digits.
    let plain_name = matches!(owner.kind, Kind::Name(None) | Kind::Name(Some(EntityClass::Person)))
        && !doc.slice(owner.tokens.start, owner.tokens.end).chars().any(|c| c.is_ascii_digit())
        && !(owner.tokens.start..owner.tokens.end).all(|t| rules.lexicons.is_common(doc.tok(t)));
    if !owner.titles.is_empty() || !(countryish(&owner) || plain_name) {
        return;
    }
    let mut q = j;
    if q < end && doc.tokens[q].kind == TokenKind::Possessive {
        q += 1;
        // Capitalised modifiers after a possessive: "Iran's U.N. mission".
        let mut m = q;
        while m < end && m < q + 2 && is_word(doc, m) && is_all_caps(doc.tok(m)) {
            m += 1;
        }
        q = m;
    }
    let max = lex.lower_head_max_tokens.min(end.saturating_sub(q));
    let found = (1..=max).rev().find_map(|k| {
        let words: Vec<&str> = (q..q + k).map(|t| doc.tok(t)).collect();
        if words.iter().any(|w| w.chars().any(char::is_uppercase)) {
            return None;
        }
        lex.org_lower_heads.get(&words.join(" ")).map(|h| (k, h.class))
    });
    let Some((k, class)) = found else { return };
    let mut stop = q + k;
    let head = doc.lower(stop - 1);
    // "mission to the United Nations", "embassy in Kabul"
    if PLACED_HEADS.contains(&head) && stop + 1 < end && matches!(doc.lower(stop), "to" | "in") {
        let mut t = stop + 1;
        if doc.lower(t) == "the" {
            t += 1;
        }
        let words: Vec<&str> = (t..end).map(|x| doc.tok(x)).collect();
        if let Some((k2, _)) = rules.gazetteer.longest_match(&words) {
            stop = t + k2;
        }
    }
    let start = owner.tokens.start;
    if class.base() == EntityClass::Place {
        // A metonym: "the US government" is the country itself; "the Monti government" a
        // government body.
        if countryish(&owner) {
            out.push(Candidate::new(start..stop, owner.kind.clone(), "org.metonym"));
        } else {
            let kind = Kind::Described {
                owner: owner.tokens.clone(),
                head: head.to_owned(),
                class: EntityClass::GovernmentOrganization,
            };
            out.push(Candidate::new(start..stop, kind, "org.described"));
        }
        return;
    }
    out.push(Candidate::new(
        start..stop,
        Kind::Described { owner: owner.tokens.clone(), head: head.to_owned(), class },
        "org.described",
    ));
}

/// After a title ending at `t`: "of/for X" naming what the post belongs to ("Chief
/// Executive of GM Rick Wagoner") or completing the title ("Minister of Education
/// Stefania Giannini"). Returns the title's end, the title, and the owner's tokens (its
/// gazetteer candidate is pushed to `out`).
#[allow(clippy::too_many_arguments)]
fn title_of(
    doc: &Doc,
    rules: &Rules,
    words: &Words,
    t: usize,
    j: usize,
    end: usize,
    mut title: Title,
    out: &mut Vec<Candidate>,
) -> (usize, Title, Option<Range<usize>>) {
    if t + 2 >= j || !matches!(doc.lower(t), "of" | "for" | "to") {
        return (t, title, None);
    }
    let lex = &rules.lexicons;
    let o = if doc.lower(t + 1) == "the" { t + 2 } else { t + 1 };
    // "Ambassador to the United States X": the place completes the title.
    if doc.lower(t) == "to" {
        if let Some((k, e)) = rules.gazetteer.longest_match(words.range(o, end)).filter(|(k, _)| o + k < j) {
            out.push(Candidate::new(o..o + k, Kind::Gazetteer(e), rules.gazetteer.entry(e).rule));
            title.title = format!("{} {}", title.title, doc.slice(t, o + k));
            return (o + k, title, None);
        }
        return (t, title, None);
    }
    // A known organisation or place, then the name: the post's owner.
    if let Some((k, e)) = rules.gazetteer.longest_match(words.range(o, end)) {
        if o + k < j {
            out.push(Candidate::new(o..o + k, Kind::Gazetteer(e), rules.gazetteer.entry(e).rule));
            return (o + k, title, Some(o..o + k));
        }
    }
    // Where the name starts: the first given name that still leaves a surname, else the
    // last two words.
    let speech_after = j < end && lex.speech_verbs.contains_key(doc.lower(j));
    let stop = (o..j.saturating_sub(1))
        .find(|&x| lex.first_names.contains(doc.tok(x)))
        .or((j >= o + 3 && speech_after).then(|| j - 2));
    // An organisation name up to the given name: the post's owner ("CEO of the Refugee
    // Council Enver Solomon").
    if let Some(x) = stop.filter(|&x| x > o) {
        if let Some(h) = lex.org_heads.get(doc.tok(x - 1)) {
            out.push(Candidate::new(o..x, Kind::Name(Some(h.class)), "name.org-head"));
            return (x, title, Some(o..x));
        }
    }
    // Otherwise the words up to the given name complete the title.
    match stop {
        Some(x) if x > t + 1 => {
            let extra: Vec<&str> = (t..x).map(|i| doc.lower(i)).collect();
            title.title = format!("{} {}", title.title, extra.join(" "));
            (x, title, None)
        }
        _ => (t, title, None),
    }
}

/// "anti-Israel", "pro-Russian": a lower-case prefix glued to a known name or demonym.
fn hyphen_prefixed(doc: &Doc, rules: &Rules, i: usize, out: &mut Vec<Candidate>) {
    if !is_word(doc, i) {
        return;
    }
    let w = doc.tok(i);
    let Some((prefix, rest)) = w.split_once('-') else { return };
    if !matches!(prefix, "anti" | "pro" | "non" | "ex" | "post" | "pre" | "mid")
        || !rest.starts_with(char::is_uppercase)
    {
        return;
    }
    let key = token_key([rest]);
    let kind = if let Some(&e) = rules.gazetteer.lookup(&key).first() {
        Kind::Gazetteer(e)
    } else if let Some(e) = rules.gazetteer.demonym(&key) {
        Kind::Demonym(e)
    } else {
        return;
    };
    // The candidate covers the whole token; `entities` narrows the span to the name.
    out.push(Candidate::new(i..i + 1, kind, "name.hyphen-prefixed"));
}

/// The byte range of a candidate's name proper (for hyphen-prefixed tokens, the part after
/// the hyphen).
pub fn name_span(doc: &Doc, c: &Candidate) -> Range<usize> {
    let span = doc.span(c.tokens.start, c.tokens.end);
    if c.rule == "name.hyphen-prefixed" {
        let w = &doc.text[span.clone()];
        if let Some(h) = w.find('-') {
            return span.start + h + 1..span.end;
        }
    }
    span
}
