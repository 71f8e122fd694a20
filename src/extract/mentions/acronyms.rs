//! Acronyms and codes at the edges of a chunk: a name introduced with its acronym in
//! brackets is one name whatever its parts ("Northern Ireland Railways (NIR)": not a place and
//! a name, `name.acronym-expansion`); a market code written after a dot (".FTSE", ".HSI")
//! is no name, even when it spells a known one; a lower-case prefix glued to a common word
//! ("mid-July", "pre-Christmas") starts no name; a dictionary word and one capital
//! letter ("Pool B", "Plan B") is a label, no name.
//!
//! **Invariant:** the expansion replaces only candidates of the chunk just read, and only
//! when the initials of its last words spell the bracketed acronym exactly.

use super::{Kind, Scanner};
use crate::rules::{EntityClass, WordClass};
use crate::text::{is_all_caps, TokenKind};

impl Scanner<'_> {
    /// After the chunk `start..end` (its candidates from `first` in `out`): when "(ACRONYM)"
    /// follows and the initials of the chunk's last two or more words spell it, those words
    /// are one name, an organisation unless their head says otherwise.
    pub(super) fn acronym_expansion(&mut self, first: usize, start: usize, end: usize) {
        let doc = self.doc;
        let bracketed = end + 2 < self.sentence.end
            && doc.tok(end) == "("
            && doc.tok(end + 2) == ")"
            && self.is_word(end + 1)
            && is_all_caps(doc.tok(end + 1));
        if !bracketed {
            return;
        }
        let letters: String =
            doc.tok(end + 1).chars().filter(|c| c.is_alphabetic()).flat_map(char::to_lowercase).collect();
        let opening = |k: usize| self.starts_name(k) && !matches!(doc.tok(k), "The" | "A" | "An");
        let Some(k) = (start..end.saturating_sub(1)).find(|&k| opening(k) && self.initials(k, end) == letters) else {
            return;
        };
        // Already one name over exactly these words: nothing to mend.
        let ours = |c: &super::Candidate| c.tokens.start < end && c.tokens.end > k;
        let parts: Vec<usize> = (first..self.out.len()).filter(|&x| ours(&self.out[x])).collect();
        if parts.len() == 1 && self.out[parts[0]].tokens == (k..end) {
            return;
        }
        let class = self.org_head(doc.tok(end - 1)).map_or(EntityClass::Organization, |h| h.class);
        let mut x = first;
        self.out.retain(|c| {
            let keep = x < first || !ours(c);
            x += 1;
            keep
        });
        self.push(k..end, Kind::Name(Some(class)), "name.acronym-expansion");
    }

    /// The initials of the words `k..end`, lower case, skipping function words ("of",
    /// "and") and reading each capitalised part of a hyphenated word ("Asia-Pacific").
    fn initials(&self, k: usize, end: usize) -> String {
        let doc = self.doc;
        let mut out = String::new();
        for t in k..end {
            if doc.tokens[t].kind != TokenKind::Word || self.lex.is(WordClass::InitialsSkip, doc.lower(t)) {
                continue;
            }
            for part in doc.tok(t).split('-') {
                if let Some(c) = part.chars().next().filter(|c| c.is_uppercase()) {
                    out.extend(c.to_lowercase());
                }
            }
        }
        out
    }

    /// A market code after a dot that opens a word (".HSI", ".DJI", ".SPX").
    pub(super) fn market_code(&self, i: usize) -> bool {
        let doc = self.doc;
        let dot = i >= 1 && doc.tok(i - 1) == "." && !doc.space_after(i - 1);
        let opens_word = i < 2 || doc.space_after(i - 2) || doc.tok(i - 2) == "(";
        dot && opens_word && self.is_word(i) && is_all_caps(doc.tok(i))
    }

    /// "mid-July", "pre-Christmas": a lower-case prefix glued to a common word.
    pub(super) fn prefixed_common_word(&self, i: usize) -> bool {
        let Some((prefix, rest)) = self.doc.tok(i).split_once('-') else { return false };
        self.lex.is(WordClass::HyphenPrefix, prefix) && self.lex.is_common(rest)
    }
}

impl Scanner<'_> {
    /// "Pool B", "Pool C", "Plan B": a chunk `i..j` of one dictionary word (no given name)
    /// and one capital letter names no entity.
    pub(super) fn lettered_label(&self, i: usize, j: usize) -> bool {
        let (doc, lex) = (self.doc, self.lex);
        let letter = |t: usize| {
            let w = doc.tok(t);
            w.chars().count() == 1 && w.chars().all(char::is_uppercase)
        };
        j == i + 2
            && letter(i + 1)
            && lex.is_english(doc.tok(i))
            && !lex.first_names.contains(doc.tok(i))
            && self.gaz.longest_match(self.words(i, j)).is_none()
    }
}
