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
            let j = analyze_chunk(doc, rules, s.start, i, j, s.end, &mut out);
            i = j.max(i + 1);
        }
    }
    out.sort_by_key(|c| (c.tokens.start, std::cmp::Reverse(c.tokens.end)));
    out
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
    is_capitalized(w) && w != "I"
}

fn lower(doc: &Doc, i: usize) -> String {
    doc.tok(i).to_lowercase()
}

/// The end of the capitalised chunk starting at `i`.
fn chunk_end(doc: &Doc, rules: &Rules, i: usize, end: usize) -> usize {
    let mut j = i + 1;
    while j < end {
        if starts_name(doc, j) || (is_word(doc, j) && is_all_caps(doc.tok(j))) {
            j += 1;
            continue;
        }
        let w = lower(doc, j);
        let connector = CONNECTORS.contains(&w.as_str()) || rules.lexicons.particles.contains(&w);
        if connector && j + 1 < end && starts_name(doc, j + 1) {
            j += 1;
            continue;
        }
        // "of the": Church of the Holy Sepulchre
        if w == "the" && j > i && lower(doc, j - 1) == "of" && j + 1 < end && starts_name(doc, j + 1) {
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
/// A status suffix glued to the title ("President-elect") is split off.
fn title_at(doc: &Doc, rules: &Rules, p: usize, end: usize) -> Option<(usize, Title, Option<String>)> {
    let lex = &rules.lexicons;
    let max = lex.title_max_tokens.min(end - p);
    for k in (1..=max).rev() {
        let mut words: Vec<String> = (p..p + k).map(|t| lower(doc, t)).collect();
        let mut status = None;
        if let Some(last) = words.last_mut() {
            if let Some((head, suffix)) = last.rsplit_once('-') {
                if let Some(m) = lex.status_markers.get(&format!("-{suffix}")) {
                    status = Some(m.status.clone());
                    *last = head.to_owned();
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
    let chunk_words: Vec<&str> = (i..end).map(|t| doc.tok(t)).collect();
    let words = |a: usize, b: usize| &chunk_words[a - i..b - i];
    let first = out.len();
    let mut p = i;
    let mut titles: Vec<TitleMention> = Vec::new();
    let mut status_prefix: Option<String> = marker_before(doc, rules, i);
    // A lower-case title right before the chunk: "AP reporter Michelle L. Price",
    // "trade envoy Mark Dunn".
    if let Some(a) = lowercase_title_before(doc, rules, sentence_start, i) {
        if let Some((t, title, status)) = title_at(doc, rules, a, i) {
            if t == i {
                let status = status.or_else(|| marker_before(doc, rules, a)).or(status_prefix.take());
                titles.push(TitleMention { tokens: a..i, title, status });
            }
        }
    }
    while p < j {
        // A title longer than any gazetteer name here wins ("U.N. Ambassador" over "U.N.").
        let gaz_here = gaz.longest_match(words(p, end));
        if let Some((t, title, status)) = title_at(doc, rules, p, j) {
            if t < j && gaz_here.is_none_or(|(k, _)| t - p > k) {
                titles.push(TitleMention { tokens: p..t, title, status: status.or(status_prefix.take()) });
                p = t;
                continue;
            }
        }
        // The gazetteer, which may reach past the chunk ("Korean People's Army").
        if let Some((k, e)) = gaz_here {
            let rest_is_org_name = p + k < j
                && lex.org_heads.contains_key(doc.tok(j - 1))
                && gaz.longest_match(words(p + k, j)).is_none_or(|(k2, _)| p + k + k2 < j)
                && title_at(doc, rules, p + k, j).is_none();
            if rest_is_org_name {
                let class = lex.org_heads[doc.tok(j - 1)].class;
                out.push(Candidate::new(p..j, Kind::Name(Some(class)), "name.org-head"));
                p = j;
                break;
            }
            out.push(Candidate::new(p..p + k, Kind::Gazetteer(e), gaz.entry(e).rule));
            p += k;
            j = j.max(p);
            continue;
        }
        // A demonym ("Iranian", "North Korean").
        if let Some(k) =
            (1..=2.min(j - p)).rev().find(|&k| gaz.demonym(&token_key(words(p, p + k).iter().copied())).is_some())
        {
            let e = gaz.demonym(&token_key(words(p, p + k).iter().copied())).unwrap_or_default();
            out.push(Candidate::new(p..p + k, Kind::Demonym(e), "demonym"));
            p += k;
            continue;
        }
        // A title before a name.
        if let Some((t, title, status)) = title_at(doc, rules, p, j) {
            if t < j {
                titles.push(TitleMention { tokens: p..t, title, status: status.or(status_prefix.take()) });
                p = t;
                continue;
            }
            // A title with no name after it is no mention.
            p = t;
            break;
        }
        // A common word opening a sentence ("However", "Former", "Monday"), or an article.
        let w = doc.tok(p);
        let marker = lex.status_markers.get(&w.to_lowercase()).is_some_and(|m| m.position == "prefix");
        if titles.is_empty()
            && !is_all_caps(w)
            && (matches!(w, "The" | "A" | "An") || marker || (doc.is_sentence_start(p) && lex.is_common(w)))
        {
            if let Some(m) = lex.status_markers.get(&w.to_lowercase()).filter(|m| m.position == "prefix") {
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
        let connector = |t: usize| CONNECTORS.contains(&lower(doc, t).as_str());
        while q < j
            && (given(p, q)
                || connector(q - 1)
                || gaz
                    .longest_match(words(q, j))
                    .is_none_or(|(k, _)| q + k < j || lex.org_heads.contains_key(doc.tok(j - 1))))
        {
            q += 1;
        }
        // Split "X of Y" when X is no organisation or place head ("Kim of North Korea").
        if let Some(of) = (p + 1..q).find(|&t| lower(doc, t) == "of") {
            let head = doc.tok(of - 1);
            let keeps = lex.org_heads.contains_key(head)
                || lex.place_heads.contains_key(head)
                || (p..of).any(|t| lex.org_heads.contains_key(doc.tok(t)));
            if !keeps {
                q = of;
            }
        }
        let mut c = Candidate::new(p..q, Kind::Name(name_class(doc, rules, p, q, !titles.is_empty())), "name.chunk");
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
    // A head word alone ("Court", "Police") is a common noun, not a name.
    if let Some(h) = lex.org_suffixes.get(last).or_else(|| lex.org_heads.get(last)).filter(|_| q - p >= 2) {
        return Some(h.class);
    }
    if let Some(h) =
        (p..q).find_map(|t| if lower(doc, t) == "of" && t > p { lex.org_heads.get(doc.tok(t - 1)) } else { None })
    {
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
    if q - p == 1 && is_all_caps(last) && last.chars().filter(|c| c.is_alphabetic()).count() <= 6 {
        return Some(EntityClass::Organization);
    }
    None
}

/// A type hint from the word right before or right after the name.
fn context_class(doc: &Doc, rules: &Rules, p: usize, q: usize) -> Option<EntityClass> {
    let lex = &rules.lexicons;
    if q < doc.tokens.len() && is_word(doc, q) {
        if let Some(c) = lex.cue_after.get(&lower(doc, q)) {
            return Some(*c);
        }
    }
    if p > 0 && is_word(doc, p - 1) && doc.sentence_of(p - 1) == doc.sentence_of(p) {
        let before = lower(doc, p - 1);
        // "according to X" is a source, not a place.
        if let Some(c) = lex.cue_before.get(&before) {
            return Some(*c);
        }
    }
    // "X, a spokesperson for Y" / "X, 45, ..."
    if q + 2 < doc.tokens.len() && doc.tok(q) == "," && matches!(lower(doc, q + 1).as_str(), "a" | "an" | "the") {
        let next = lower(doc, q + 2);
        if rules.lexicons.titles.contains_key(&next) {
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
                .is_some_and(|t| !matches!(t.kind, crate::rules::TitleKind::Honorific))
    })
}

/// A status marker word right before a chunk ("former", "incoming").
fn marker_before(doc: &Doc, rules: &Rules, i: usize) -> Option<String> {
    let prev = i.checked_sub(1)?;
    if !is_word(doc, prev) {
        return None;
    }
    rules.lexicons.status_markers.get(&lower(doc, prev)).filter(|m| m.position == "prefix").map(|m| m.status.clone())
}

/// After the candidates `out[first..]` of one chunk ending at `j`: a lower-case
/// organisation head, perhaps after a possessive and capitalised modifiers, makes a
/// described organisation owned by the chunk's country, demonym or name.
fn described_org(doc: &Doc, rules: &Rules, first: usize, j: usize, end: usize, out: &mut Vec<Candidate>) {
    let lex = &rules.lexicons;
    let parts = &out[first..];
    // The owner: a country or demonym in the chunk, else the last part.
    let owner = parts
        .iter()
        .find(|c| {
            matches!(c.kind, Kind::Demonym(_))
                || matches!(c.kind, Kind::Gazetteer(e) if rules.gazetteer.entry(e).class == EntityClass::Country)
        })
        .or(parts.last())
        .cloned();
    let Some(owner) = owner else { return };
    if !owner.titles.is_empty() {
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
    let head = lower(doc, stop - 1);
    // "mission to the United Nations", "embassy in Kabul"
    if PLACED_HEADS.contains(&head.as_str()) && stop + 1 < end && matches!(lower(doc, stop).as_str(), "to" | "in") {
        let mut t = stop + 1;
        if lower(doc, t) == "the" {
            t += 1;
        }
        let words: Vec<&str> = (t..end).map(|x| doc.tok(x)).collect();
        if let Some((k2, _)) = rules.gazetteer.longest_match(&words) {
            stop = t + k2;
        }
    }
    let start = out[first].tokens.start.min(owner.tokens.start);
    let mut c =
        Candidate::new(start..stop, Kind::Described { owner: owner.tokens.clone(), head, class }, "org.described");
    c.context = None;
    out.push(c);
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
