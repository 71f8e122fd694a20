//! Organisation names that run over a glue word the chunk does not cross: "and", "&",
//! "in", "on" before an organisation head ("Refugees in Towns Project", "Health and Human
//! Services") or after an organisation head and "of/for" ("Office of Management and
//! Budget"), `name.joined`; a group named by its members and a cause ("Doctors for Fair
//! Pay", `name.group-for`); an office named by a body, a title and its field ("United
//! Nations High Commissioner for Refugees", `name.office`).
//!
//! Overlap policy: a joined name is one part of its chunk (the chunk rules split the longer
//! chunk as usual); an office nests the body's own mention, which is kept.

use super::chunk::Chunk;
use super::{past_article, Candidate, Kind, NamePart, Scanner};
use crate::rules::{token_key, EntityClass, WordClass};
use crate::text::is_all_caps;

/// Glue words a joined organisation name may run over (lower case, as written).
fn is_glue(word: &str) -> bool {
    matches!(word, "and" | "&" | "in" | "on")
}

impl Scanner<'_> {
    /// When the chunk `i..j` and a glue word at `j` start one organisation name, its end
    /// and the glue word's position. The left part (past an article) holds no given name,
    /// known name or demonym and is no common word opening the sentence; the right part
    /// is capitalised dictionary words or heads, up to a title, a given name or the end of
    /// its chunk. Either the right part ends in an organisation head ("Refugees in Towns
    /// Project"; over "in"/"on" the left part is dictionary words too, over "and"/"&" its
    /// last word is no plural: "Democrats and Senate Judiciary Committee" is two names), or
    /// the left part has an organisation head before "of/for" and "and" joins at most
    /// three words ("Office of Management and Budget").
    pub(super) fn joined_end(&self, i: usize, j: usize) -> Option<(usize, usize)> {
        let (doc, lex, gaz) = (self.doc, self.lex, self.gaz);
        let end = self.sentence.end;
        let g = j;
        if g + 1 >= end || !is_glue(doc.tok(g)) || !self.starts_name(g + 1) || is_all_caps(doc.tok(g + 1)) {
            return None;
        }
        let a = past_article(doc, i);
        if a >= j || (doc.is_sentence_start(a) && lex.is_common(doc.tok(a))) {
            return None;
        }
        let plain = |t: usize| {
            let w = doc.tok(t);
            !lex.first_names.contains(w)
                && gaz.longest_match(self.words(t, end)).is_none()
                && gaz.demonym(&token_key([w])).is_none()
        };
        if !(a..j).all(plain) {
            return None;
        }
        let k = self.chunk_end(g + 1);
        let word_ok = |t: usize| {
            let w = doc.tok(t);
            self.starts_name(t)
                && (lex.is_english(w) || self.is_org_word(t))
                && plain(t)
                && self.title_at(t, k).is_none()
        };
        let b = (g + 1..k).find(|&t| !word_ok(t)).unwrap_or(k);
        let stops_well = b == k || self.title_at(b, k).is_some() || lex.first_names.contains(doc.tok(b));
        if b == g + 1 || !stops_well {
            return None;
        }
        let headed = self.is_org_word(b - 1);
        let joined = match doc.tok(g) {
            "in" | "on" => headed && (a..j).all(|t| !self.starts_name(t) || lex.is_english(doc.tok(t))),
            _ => {
                let last = doc.tok(j - 1);
                let plural = last.ends_with('s') && !last.ends_with("ss");
                let of_head = (a + 1..j).any(|t| matches!(doc.lower(t), "of" | "for") && self.is_org_word(t - 1));
                (headed && !plural) || (of_head && doc.tok(g) == "and" && b - (g + 1) <= 3)
            }
        };
        joined.then_some((b, g))
    }

    /// After a joined chunk was split into parts (`out[first..]`): the name across the glue
    /// word at `g` gets the rule `name.joined` and is an organisation unless its words
    /// showed a class.
    pub(super) fn mark_joined(&mut self, first: usize, g: usize) {
        for c in &mut self.out[first..] {
            if c.tokens.start < g && c.tokens.end > g + 1 {
                if let Kind::Name(class) = &mut c.kind {
                    if class.is_none_or(|cl| cl == EntityClass::Person) {
                        *class = Some(EntityClass::Organization);
                    }
                    c.rule = "name.joined";
                }
            }
        }
    }

    /// Whether the name `p..q` is a group named by its members and a cause: a plural noun
    /// of the `group-noun` class, "for", and capitalised dictionary words that hold no given
    /// name or known name ("Doctors for Fair Pay"; not "Lawyers for Smith").
    pub(super) fn group_for(&self, p: usize, q: usize) -> bool {
        let (doc, lex, gaz) = (self.doc, self.lex, self.gaz);
        q >= p + 3
            && doc.lower(p + 1) == "for"
            && lex.is(WordClass::GroupNoun, doc.lower(p))
            && (p + 2..q).all(|t| {
                self.starts_name(t)
                    && lex.is_english(doc.tok(t))
                    && !lex.first_names.contains(doc.tok(t))
                    && gaz.longest_match(self.words(t, q)).is_none()
            })
    }

    /// A title after a known organisation, then "of/for" and a field of capitalised
    /// dictionary words ending the chunk, with no name after ("UN High Commissioner for
    /// Refugees"): the whole names an office, an organisation (`name.office`); the body's
    /// own mention stays. `t` is where the title's complement starts.
    pub(super) fn office(&mut self, c: &mut Chunk, t: usize) -> bool {
        let (doc, lex, gaz) = (self.doc, self.lex, self.gaz);
        let body = self.out[c.first..].last().filter(|o| {
            o.tokens.end == c.p
                && o.part == NamePart::Whole
                && matches!(o.kind, Kind::Gazetteer(e) if gaz.entry(e).class.base() == EntityClass::Organization)
        });
        let Some(start) = body.map(|o| o.tokens.start) else { return false };
        let o = if t + 1 < c.end && doc.lower(t + 1) == "the" { t + 2 } else { t + 1 };
        let field = o < c.end
            && matches!(doc.lower(t), "of" | "for")
            && (o..c.end).all(|x| {
                self.starts_name(x)
                    && lex.is_english(doc.tok(x))
                    && !lex.first_names.contains(doc.tok(x))
                    && gaz.longest_match(self.words(x, c.end)).is_none()
            });
        if !field {
            return false;
        }
        self.out.push(Candidate::new(start..c.end, Kind::Name(Some(EntityClass::Organization)), "name.office"));
        c.titles.clear();
        c.p = c.end;
        true
    }
}
