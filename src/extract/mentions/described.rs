//! What follows a chunk or a maker's name: a described organisation ("Biden
//! administration", "Iran's U.N. mission", "the Iranian foreign ministry", `org.described`;
//! a country's government is the country, `org.metonym`), and a product named by a maker
//! and a model code ("Airbus A380"), which is no mention.

use super::{Candidate, Kind, Scanner};
use crate::rules::{EntityClass, WordClass};
use crate::text::{is_all_caps, TokenKind};

impl Scanner<'_> {
    /// After the candidates `out[first..]` of one chunk ending at `j`: a lower-case
    /// organisation head, perhaps after a possessive and capitalised modifiers, makes a
    /// described organisation owned by the chunk's country, demonym or name.
    pub(super) fn described_org(&mut self, first: usize, j: usize) {
        let (doc, lex, gaz) = (self.doc, self.lex, self.gaz);
        let end = self.sentence.end;
        let parts = &self.out[first..];
        let countryish = |c: &Candidate| match c.kind {
            Kind::Demonym(_) => true,
            Kind::Gazetteer(e) => gaz.entry(e).class.base() == EntityClass::Place,
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
            && !(owner.tokens.start..owner.tokens.end).all(|t| lex.is_common(doc.tok(t)));
        if !owner.titles.is_empty() || !(countryish(&owner) || plain_name) {
            return;
        }
        let mut q = j;
        if q < end && doc.tokens[q].kind == TokenKind::Possessive {
            q += 1;
            // Capitalised modifiers after a possessive: "Iran's U.N. mission".
            let mut m = q;
            while m < end && m < q + 2 && self.is_word(m) && is_all_caps(doc.tok(m)) {
                m += 1;
            }
            q = m;
        }
        let max = lex.lower_head_max_tokens.min(end.saturating_sub(q));
        let found = (1..=max).rev().find_map(|k| {
            let words = self.words(q, q + k);
            if words.iter().any(|w| w.chars().any(char::is_uppercase)) {
                return None;
            }
            lex.org_lower_heads.get(&words.join(" ")).map(|h| (k, h.class))
        });
        let Some((k, class)) = found else { return };
        let mut stop = q + k;
        let head = doc.lower(stop - 1);
        // "mission to the United Nations", "embassy in Kabul"
        if lex.is(WordClass::PlacedHead, head) && stop + 1 < end && matches!(doc.lower(stop), "to" | "in") {
            let mut t = stop + 1;
            if doc.lower(t) == "the" {
                t += 1;
            }
            if let Some((k2, _)) = gaz.longest_match(self.words(t, end)) {
                stop = t + k2;
            }
        }
        let start = owner.tokens.start;
        let kind = if class.base() != EntityClass::Place {
            Kind::Described { owner: owner.tokens.clone(), head: head.to_owned(), class }
        } else if countryish(&owner) {
            // A metonym: "the US government" is the country itself.
            self.push(start..stop, owner.kind.clone(), "org.metonym");
            return;
        } else {
            // "the Monti government": a government body.
            Kind::Described {
                owner: owner.tokens.clone(),
                head: head.to_owned(),
                class: EntityClass::GovernmentOrganization,
            }
        };
        self.push(start..stop, kind, "org.described");
    }

    /// Where a product named by a maker and a model code ends ("Airbus A380", "Boeing 787
    /// Dreamliner", "Rolls-Royce Trent 900"), when one starts at `t` right after the maker.
    pub(super) fn product_end(&self, t: usize) -> Option<usize> {
        let (doc, gaz) = (self.doc, self.gaz);
        let end = self.sentence.end;
        if t >= end || t == 0 || !doc.space_after(t - 1) {
            return None;
        }
        // One capitalised model name may come before the code ("Trent 900").
        let code_at = if is_model_code(doc.tok(t)) {
            t
        } else if self.starts_name(t)
            && t + 1 < end
            && is_model_code(doc.tok(t + 1))
            && gaz.longest_match(&[doc.tok(t)]).is_none()
        {
            t + 1
        } else {
            return None;
        };
        // And up to two capitalised words after it ("Dreamliner", "XWB").
        let mut u = code_at + 1;
        while u < end && u < code_at + 3 && self.starts_name(u) && gaz.longest_match(&[doc.tok(u)]).is_none() {
            u += 1;
        }
        Some(u)
    }
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
