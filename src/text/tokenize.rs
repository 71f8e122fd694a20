//! The tokenizer and sentence splitter for one paragraph of news text.
//!
//! Words keep inner hyphens and apostrophes ("Jong-un", "O'Brien", "re-elected"); a
//! possessive ending is its own token; abbreviations and initials keep their periods
//! ("U.S.", "Sen.", "L."); a web address's host name ending in a known top-level domain is
//! one word ("Polygraph.info", "BBC.co.uk"); every other symbol is a one-character token. A sentence ends at
//! `.`, `!` or `?` (with any closing quotes and brackets after it) before a capital, a digit
//! or an opening quote, unless the period belongs to an abbreviation that never ends a
//! sentence (titles such as "Sen.", initials).

use rustc_hash::FxHashSet;
use std::ops::Range;

use super::{Token, TokenKind};

/// Abbreviations known to the tokenizer, lower-cased, with their final period.
#[derive(Debug, Clone, Default)]
pub struct Abbreviations {
    /// May end a sentence ("U.S.", "Inc.", "a.m.").
    pub terminal: FxHashSet<String>,
    /// Never end a sentence: titles and the like ("Sen.", "Dr.", "St.").
    pub inner: FxHashSet<String>,
    /// Lower-case suffixes split off a capitalised word at its hyphen ("Chicago-based").
    pub split_suffixes: FxHashSet<String>,
    /// Top-level domains kept inside a word ("Polygraph.info", "BBC.co.uk").
    pub web_domains: FxHashSet<String>,
}

impl Abbreviations {
    fn known(&self, lower: &str) -> bool {
        self.terminal.contains(lower) || self.inner.contains(lower)
    }
}

pub fn is_opening_quote(c: char) -> bool {
    matches!(c, '"' | '\u{201C}' | '\u{2018}' | '\u{00AB}' | '\u{201E}')
}

pub fn is_closing_quote(c: char) -> bool {
    matches!(c, '"' | '\u{201D}' | '\u{2019}' | '\u{00BB}' | '\'')
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\u{00B7}'
}

/// Tokenizes `text[range]`; returns the tokens and the sentences as token index ranges
/// relative to the returned tokens.
pub fn tokenize_paragraph(
    text: &str,
    range: Range<usize>,
    abbreviations: &Abbreviations,
) -> (Vec<Token>, Vec<Range<usize>>) {
    let tokens = tokens(text, range, abbreviations);
    let sentences = cap_sentences(sentences(text, &tokens, abbreviations));
    (tokens, sentences)
}

/// The most tokens a sentence may have. Real sentences stay far below it (news sentences
/// rarely pass 80 tokens); text without sentence ends (lists, junk, a paragraph of many
/// megabytes) is cut into pieces of this size, so that the per-sentence stages, which
/// compare the words of a sentence with each other, take linear time on such input.
pub const MAX_SENTENCE_TOKENS: usize = 400;

/// Cuts sentences longer than [`MAX_SENTENCE_TOKENS`] into pieces of at most that size.
fn cap_sentences(sentences: Vec<Range<usize>>) -> Vec<Range<usize>> {
    if sentences.iter().all(|s| s.len() <= MAX_SENTENCE_TOKENS) {
        return sentences;
    }
    let mut out = Vec::with_capacity(sentences.len());
    for s in sentences {
        let mut start = s.start;
        while s.end - start > MAX_SENTENCE_TOKENS {
            out.push(start..start + MAX_SENTENCE_TOKENS);
            start += MAX_SENTENCE_TOKENS;
        }
        out.push(start..s.end);
    }
    out
}

fn tokens(text: &str, range: Range<usize>, abbreviations: &Abbreviations) -> Vec<Token> {
    let s = &text[range.clone()];
    let chars: Vec<(usize, char)> = s.char_indices().map(|(i, c)| (i + range.start, c)).collect();
    let end_of = |k: usize| chars.get(k).map_or(range.end, |(i, _)| *i);
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let (start, c) = chars[k];
        if c.is_whitespace() {
            k += 1;
            continue;
        }
        if !is_word_char(c) {
            // A possessive apostrophe after a plural ("the Smiths’ house").
            let kind = if is_apostrophe(c)
                && out.last().is_some_and(|t: &Token| t.end == start && text[t.start..t.end].ends_with(['s', 'S']))
                && chars.get(k + 1).is_none_or(|(_, n)| !is_word_char(*n))
            {
                TokenKind::Possessive
            } else {
                TokenKind::Punct
            };
            out.push(Token { start, end: end_of(k + 1), kind });
            k += 1;
            continue;
        }
        // A run of word characters with inner hyphens, apostrophes, periods and commas
        // between digits.
        let numeric = c.is_ascii_digit();
        let mut j = k + 1;
        while j < chars.len() {
            let c = chars[j].1;
            if is_word_char(c) {
                j += 1;
                continue;
            }
            let next_is_word = chars.get(j + 1).is_some_and(|(_, n)| is_word_char(*n));
            let split_suffix = || {
                let rest: String = chars[j + 1..].iter().map(|(_, c)| *c).take_while(|c| is_word_char(*c)).collect();
                chars[k].1.is_uppercase() && abbreviations.split_suffixes.contains(&rest.to_lowercase())
            };
            // A party-state tag after a comma or bracket, "X, R-Ohio", "(D-N.Y.)", splits into
            // "R" "-" "Ohio" so the state is found.
            let party_tag = || {
                j == k + 1
                    && matches!(chars[k].1, 'R' | 'D' | 'I')
                    && chars.get(j + 1).is_some_and(|(_, n)| n.is_uppercase())
                    && chars[..k]
                        .iter()
                        .rev()
                        .find(|(_, p)| !p.is_whitespace())
                        .is_some_and(|(_, p)| matches!(p, ',' | '('))
            };
            // "Polygraph.info", "BBC.co.uk": a host name ends the word.
            if c == '.' && !numeric && j - k >= 2 {
                if let Some(m) = domain_end(&chars, j, abbreviations) {
                    j = m;
                    break;
                }
            }
            let joins = match c {
                '-' | '\u{2010}' | '\u{2011}' => next_is_word && !split_suffix() && !party_tag(),
                '.' | ',' if numeric => chars.get(j + 1).is_some_and(|(_, n)| n.is_ascii_digit()),
                '&' => next_is_word && chars[j - 1].1.is_uppercase() && j - k == 1, // AT&T
                _ => false,
            };
            if !joins {
                break;
            }
            j += 1;
        }
        // Possessive: the word ends in 's after an apostrophe ("Iran’s", "Trump's").
        let word_end = end_of(j);
        let mut word = Token { start, end: word_end, kind: if numeric { TokenKind::Number } else { TokenKind::Word } };
        let mut possessive = None;
        if j + 1 < chars.len()
            && is_apostrophe(chars[j].1)
            && matches!(chars[j + 1].1, 's' | 'S')
            && chars.get(j + 2).is_none_or(|(_, n)| !is_word_char(*n))
        {
            possessive = Some(Token { start: chars[j].0, end: end_of(j + 2), kind: TokenKind::Possessive });
            j += 2;
        } else if j < chars.len()
            && is_apostrophe(chars[j].1)
            && chars.get(j + 1).is_some_and(|(_, n)| n.is_alphabetic())
        {
            // Contractions and names with apostrophes: O'Brien, don't, Côte d'Ivoire.
            let mut m = j + 1;
            while m < chars.len()
                && (is_word_char(chars[m].1)
                    || (chars[m].1 == '-' && chars.get(m + 1).is_some_and(|(_, n)| is_word_char(*n))))
            {
                m += 1;
            }
            word.end = end_of(m);
            j = m;
        }
        // Abbreviations and initials take their period: U.S., Sen., L., a.m.
        if possessive.is_none() && j < chars.len() && chars[j].1 == '.' && !numeric {
            let with_dot = &text[word.start..end_of(j + 1)];
            let lower = with_dot.to_lowercase();
            let single_capital = j - k == 1 && c.is_uppercase();
            let dotted = is_dotted_initialism(text, &chars, k, j, range.end);
            if let Some(m) = dotted {
                word.end = end_of(m);
                j = m;
            } else if single_capital || abbreviations.known(&lower) {
                word.end = end_of(j + 1);
                j += 1;
            }
        }
        out.push(word);
        if let Some(p) = possessive {
            out.push(p);
        }
        k = j;
    }
    out
}

/// Where the top-level domains starting with the period at char index `j` end ("Polygraph|.info",
/// "BBC|.co.uk"): one or more known domains of lower-case letters, the last followed by no
/// word character; `None` if there is none.
fn domain_end(chars: &[(usize, char)], j: usize, abbreviations: &Abbreviations) -> Option<usize> {
    let mut dot = j;
    let mut end = None;
    while dot < chars.len() && chars[dot].1 == '.' {
        let mut m = dot + 1;
        while m < chars.len() && chars[m].1.is_ascii_lowercase() {
            m += 1;
        }
        let label: String = chars[dot + 1..m].iter().map(|(_, c)| *c).collect();
        if !abbreviations.web_domains.contains(&label) {
            break;
        }
        if chars.get(m).is_some_and(|(_, n)| is_word_char(*n)) {
            return None;
        }
        end = Some(m);
        dot = m;
    }
    end
}

/// "U.S.", "a.m.", "U.N.", "D.C.": single letters each followed by a period. Returns the
/// char index just past the last period.
fn is_dotted_initialism(_text: &str, chars: &[(usize, char)], k: usize, j: usize, _end: usize) -> Option<usize> {
    if j - k != 1 {
        return None;
    }
    let mut m = k;
    let mut letters = 0;
    while m + 1 < chars.len() && chars[m].1.is_alphabetic() && chars[m + 1].1 == '.' {
        letters += 1;
        m += 2;
        if m < chars.len() && !chars[m].1.is_alphabetic() {
            break;
        }
        if m + 1 < chars.len() && chars[m + 1].1.is_alphabetic() {
            return (letters >= 2).then_some(m); // "U.S.based" would be odd; stop here
        }
    }
    (letters >= 2).then_some(m)
}

fn sentences(text: &str, tokens: &[Token], abbreviations: &Abbreviations) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let tok = |i: usize| &text[tokens[i].start..tokens[i].end];
    let mut i = 0;
    while i < tokens.len() {
        let t = tok(i);
        let terminal_punct = matches!(t, "." | "!" | "?" | "\u{2026}");
        let abbrev_end = tokens[i].kind == TokenKind::Word && t.ends_with('.') && t.len() > 1 && {
            let lower = t.to_lowercase();
            // An abbreviation that may end a sentence does so before a capitalised common
            // sentence opener; titles and initials never do.
            let initial = t.chars().count() == 2 && t.starts_with(char::is_uppercase);
            !(abbreviations.inner.contains(&lower) || initial) && next_opens_sentence(text, tokens, i + 1, true)
        };
        if terminal_punct || abbrev_end {
            // Closing quotes and brackets stay with the sentence they close.
            let mut e = i + 1;
            while e < tokens.len() && tokens[e].kind == TokenKind::Punct && {
                let c = tok(e).chars().next().unwrap_or(' ');
                (is_closing_quote(c) && !(e + 1 < tokens.len() && tokens[e + 1].start == tokens[e].end && c == '\''))
                    || matches!(c, ')' | ']')
            } {
                e += 1;
            }
            if e >= tokens.len()
                || (terminal_punct && next_opens_sentence(text, tokens, e, false))
                || (abbrev_end && e > i)
            {
                out.push(start..e);
                start = e;
                i = e;
                continue;
            }
            if abbrev_end {
                out.push(start..i + 1);
                start = i + 1;
            }
        }
        i += 1;
    }
    if start < tokens.len() {
        out.push(start..tokens.len());
    }
    out
}

/// Whether token `i` can open a sentence: a capital letter, a digit or an opening quote,
/// after white space. With `strict`, only a capitalised function word counts (used after
/// abbreviations, where "U.S. Senate" must not be split but "U.S. The" may be).
fn next_opens_sentence(text: &str, tokens: &[Token], i: usize, strict: bool) -> bool {
    let Some(t) = tokens.get(i) else { return false };
    if i > 0 && tokens[i - 1].end == t.start {
        return false;
    }
    let s = &text[t.start..t.end];
    let c = s.chars().next().unwrap_or(' ');
    if strict {
        return SENTENCE_OPENERS.contains(&s);
    }
    c.is_uppercase() || c.is_ascii_digit() || is_opening_quote(c) || c == '(' || c == '['
}

/// Capitalised words that, after an abbreviation such as "U.S.", show a new sentence.
const SENTENCE_OPENERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "This",
    "That",
    "These",
    "Those",
    "But",
    "And",
    "In",
    "On",
    "At",
    "As",
    "If",
    "When",
    "While",
    "However",
    "There",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
    "After",
    "Before",
    "Since",
    "Meanwhile",
    "Yet",
    "So",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn abbr() -> Abbreviations {
        let mut a = Abbreviations::default();
        for t in ["sen.", "rep.", "gen.", "dr.", "mr.", "lt.", "st."] {
            a.inner.insert(t.into());
        }
        for t in ["inc.", "corp.", "jr.", "no."] {
            a.terminal.insert(t.into());
        }
        a.split_suffixes.insert("based".into());
        for d in ["com", "info", "co", "uk"] {
            a.web_domains.insert(d.into());
        }
        a
    }

    fn toks(s: &str) -> Vec<&str> {
        let (t, _) = tokenize_paragraph(s, 0..s.len(), &abbr());
        t.iter().map(|t| &s[t.start..t.end]).collect()
    }

    fn sents(s: &str) -> Vec<&str> {
        let (t, ss) = tokenize_paragraph(s, 0..s.len(), &abbr());
        ss.iter().map(|r| &s[t[r.start].start..t[r.end - 1].end]).collect()
    }

    #[test]
    fn words_keep_hyphens_apostrophes_and_abbreviation_periods() {
        assert_eq!(toks("Kim Jong-un met al-Assad."), ["Kim", "Jong-un", "met", "al-Assad", "."]);
        assert_eq!(toks("Iran’s U.N. envoy"), ["Iran", "’s", "U.N.", "envoy"]);
        assert_eq!(toks("Sen. Marco Rubio"), ["Sen.", "Marco", "Rubio"]);
        assert_eq!(toks("Michelle L. Price"), ["Michelle", "L.", "Price"]);
        assert_eq!(toks("O'Brien didn't"), ["O'Brien", "didn't"]);
        assert_eq!(toks("Musk—who"), ["Musk", "—", "who"]);
        assert_eq!(toks("$1,200.50 at 3 a.m."), ["$", "1,200.50", "at", "3", "a.m."]);
        assert_eq!(toks("the Smiths’ house"), ["the", "Smiths", "’", "house"]);
        assert_eq!(toks("a Chicago-based firm, anti-war"), ["a", "Chicago", "-", "based", "firm", ",", "anti-war"]);
    }

    #[test]
    fn a_host_name_with_a_known_top_level_domain_is_one_word() {
        assert_eq!(toks("told Polygraph.info the"), ["told", "Polygraph.info", "the"]);
        assert_eq!(toks("via Detik.com's site"), ["via", "Detik.com", "'s", "site"]);
        assert_eq!(toks("at BBC.co.uk."), ["at", "BBC.co.uk", "."]);
        assert_eq!(sents("He wrote to Ostrava.com. It replied."), ["He wrote to Ostrava.com.", "It replied."]);
        // Negative: an unknown domain, a capitalised word after the period, a longer word.
        assert_eq!(toks("the Vortex.xyz site"), ["the", "Vortex", ".", "xyz", "site"]);
        assert_eq!(toks("in Boston.Com"), ["in", "Boston", ".", "Com"]);
        assert_eq!(toks("at Ostrava.comets"), ["at", "Ostrava", ".", "comets"]);
    }

    #[test]
    fn sentences_split_at_terminal_punctuation_but_not_after_titles_or_initials() {
        assert_eq!(sents("Sen. Marco Rubio spoke. He left."), ["Sen. Marco Rubio spoke.", "He left."]);
        assert_eq!(sents("AP reporter Michelle L. Price wrote it."), ["AP reporter Michelle L. Price wrote it."]);
        assert_eq!(sents("He said, \"We won.\" Then he left."), ["He said, \"We won.\"", "Then he left."]);
        assert_eq!(sents("Ties with the U.S. The talks ended."), ["Ties with the U.S.", "The talks ended."]);
        assert_eq!(sents("The U.S. Senate voted."), ["The U.S. Senate voted."]);
        assert_eq!(sents("Is it? Yes!"), ["Is it?", "Yes!"]);
    }

    #[test]
    fn a_paragraph_without_sentence_ends_is_cut_into_bounded_sentences() {
        let t = "word ".repeat(MAX_SENTENCE_TOKENS * 2 + 7);
        let (tokens, sentences) = tokenize_paragraph(&t, 0..t.len(), &abbr());
        assert_eq!(
            sentences,
            [
                0..MAX_SENTENCE_TOKENS,
                MAX_SENTENCE_TOKENS..2 * MAX_SENTENCE_TOKENS,
                2 * MAX_SENTENCE_TOKENS..tokens.len()
            ]
        );
    }
}
