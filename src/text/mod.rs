//! The text layer: tokens, sentences and paragraphs as byte ranges into the untouched
//! article text (standoff annotation; nothing is ever copied or normalised in place).
//!
//! Invariant: every `Token`, sentence and paragraph range lies inside one prose range of
//! the article and on `char` boundaries; tokens are in text order and do not overlap.

mod tokenize;

use std::ops::Range;

pub use tokenize::{is_closing_quote, is_opening_quote, tokenize_paragraph, Abbreviations};

use crate::article::Article;

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters, with inner hyphens and apostrophes ("Jong-un", "O'Brien"), or an
    /// abbreviation with its periods ("U.S.", "Sen.", "L.").
    Word,
    /// Digits, with inner separators ("1,200", "3.5", "1990s").
    Number,
    /// A possessive ending split off its word ("'s", "’s", or a lone "’" after "s").
    Possessive,
    /// One punctuation or symbol character (quotes, dashes, brackets, commas...).
    Punct,
}

/// One token: a byte range and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
}

impl Token {
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// An article cut into paragraphs, sentences and tokens.
#[derive(Debug, Clone)]
pub struct Doc<'a> {
    pub text: &'a str,
    pub tokens: Vec<Token>,
    /// Token index ranges, in order.
    pub sentences: Vec<Range<usize>>,
    /// Token index ranges, in order; each paragraph holds whole sentences.
    pub paragraphs: Vec<Range<usize>>,
    /// The lower-case forms of the tokens, one after the other (see [`Doc::lower`]).
    lowered: String,
    /// Per token, its end in `lowered` (it starts where the previous one ends).
    lowered_ends: Vec<usize>,
}

impl<'a> Doc<'a> {
    /// Cuts every prose range of the article (each line a paragraph) into sentences and
    /// tokens.
    pub fn analyze(article: &'a Article, abbreviations: &Abbreviations) -> Doc<'a> {
        let text = article.text.as_str();
        let mut doc = Doc {
            text,
            tokens: Vec::new(),
            sentences: Vec::new(),
            paragraphs: Vec::new(),
            lowered: String::new(),
            lowered_ends: Vec::new(),
        };
        for range in &article.metadata.prose {
            for line in crate::article::lines_in(text, range.clone()) {
                let first = doc.tokens.len();
                let (tokens, sentences) = tokenize_paragraph(text, line, abbreviations);
                if tokens.is_empty() {
                    continue;
                }
                doc.tokens.extend(tokens);
                doc.sentences.extend(sentences.into_iter().map(|s| s.start + first..s.end + first));
                doc.paragraphs.push(first..doc.tokens.len());
            }
        }
        doc.lower_tokens();
        doc
    }

    /// The text of token `i`.
    pub fn tok(&self, i: usize) -> &'a str {
        let t = self.tokens[i];
        &self.text[t.start..t.end]
    }

    /// The lower-case form of token `i` (computed once per document: the stages compare
    /// lower-cased words against the lexicons all the time).
    pub fn lower(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.lowered_ends[i - 1] };
        &self.lowered[start..self.lowered_ends[i]]
    }

    fn lower_tokens(&mut self) {
        self.lowered.reserve(self.tokens.last().map_or(0, |t| t.end));
        for t in &self.tokens {
            let w = &self.text[t.start..t.end];
            if w.is_ascii() {
                self.lowered.extend(w.bytes().map(|b| char::from(b.to_ascii_lowercase())));
            } else {
                self.lowered.push_str(&w.to_lowercase());
            }
            self.lowered_ends.push(self.lowered.len());
        }
    }

    /// The text from the start of token `a` to the end of token `b - 1`.
    pub fn slice(&self, a: usize, b: usize) -> &'a str {
        &self.text[self.tokens[a].start..self.tokens[b - 1].end]
    }

    /// Byte range covering tokens `a..b`.
    pub fn span(&self, a: usize, b: usize) -> Range<usize> {
        self.tokens[a].start..self.tokens[b - 1].end
    }

    /// The index of the sentence holding token `i`.
    pub fn sentence_of(&self, i: usize) -> usize {
        self.sentences.partition_point(|s| s.end <= i)
    }

    /// The paragraph holding token `i`, if any (found by binary search: paragraphs are in
    /// text order and do not overlap).
    pub fn paragraph_of(&self, i: usize) -> Option<&Range<usize>> {
        self.paragraphs.get(self.paragraphs.partition_point(|p| p.end <= i)).filter(|p| p.contains(&i))
    }

    /// Whether token `i` exists and is a word (not punctuation, a number or a possessive).
    pub fn is_word(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.kind == TokenKind::Word)
    }

    /// Whether token `i` is the first word of its sentence (after any opening quotes or
    /// brackets).
    pub fn is_sentence_start(&self, i: usize) -> bool {
        let s = &self.sentences[self.sentence_of(i)];
        (s.start..i).all(|j| self.tokens[j].kind == TokenKind::Punct)
    }

    /// Whether there is white space between tokens `i` and `i + 1`.
    pub fn space_after(&self, i: usize) -> bool {
        i + 1 < self.tokens.len() && self.tokens[i].end < self.tokens[i + 1].start
    }
}

/// Whether a word starts with an upper-case letter (or is a particle-prefixed name such as
/// "al-Assad").
pub fn is_capitalized(word: &str) -> bool {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) if c.is_uppercase() => true,
        Some(_) => {
            // al-Assad, el-Sisi, bin-Laden: a short lowercase particle, a hyphen, a capital.
            match word.split_once('-') {
                Some((p, rest)) => {
                    p.len() <= 3 && p.chars().all(|c| c.is_lowercase()) && rest.starts_with(char::is_uppercase)
                }
                None => false,
            }
        }
        None => false,
    }
}

/// Whether every letter of a word is upper case and it has at least two ("NATO", "U.S.").
pub fn is_all_caps(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2 && word.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase)
}
