//! Titles before names: the longest title at a position (with a status glued to it:
//! "President-elect"), a lower-case title right before a chunk ("AP reporter X"), and what
//! completes a title or owns the post after "of/for/to" ("Chief Executive of GM X",
//! "Minister of Education X", "Ambassador to the United States X").

use std::ops::Range;

use super::chunk::Chunk;
use super::{Kind, Scanner, TitleMention};
use crate::rules::{EntityClass, HoldingStatus, MarkerPosition, Title, TitleKind};

impl Scanner<'_> {
    /// The longest title starting at token `p` within `p..end`, as (end, title, status).
    /// A status suffix glued to the title ("President-elect") is split off.
    pub(super) fn title_at(&self, p: usize, end: usize) -> Option<(usize, Title, Option<HoldingStatus>)> {
        let (doc, lex) = (self.doc, self.lex);
        let max = lex.title_max_tokens.min(end - p);
        for k in (1..=max).rev() {
            let mut words: Vec<&str> = (p..p + k).map(|t| doc.lower(t)).collect();
            let mut status = None;
            if let Some(last) = words.last_mut() {
                if let Some((head, suffix)) = last.rsplit_once('-') {
                    if let Some(m) = lex.status_markers.get(&format!("-{suffix}")) {
                        status = Some(m.status);
                        *last = head;
                    }
                }
            }
            if let Some(t) = lex.titles.get(&words.join(" ")) {
                return Some((p + k, t.clone(), status));
            }
        }
        None
    }

    /// A status marker word right before token `i` ("former", "incoming").
    pub(super) fn marker_before(&self, i: usize) -> Option<HoldingStatus> {
        let prev = i.checked_sub(1)?;
        if !self.is_word(prev) {
            return None;
        }
        let marker = self.lex.status_markers.get(self.doc.lower(prev))?;
        (marker.position == MarkerPosition::Prefix).then_some(marker.status)
    }

    /// A lower-case title right before the chunk: "AP reporter Michelle L. Price", "trade
    /// envoy Mark Dunn". Lower-case words before it complete it ("France's interior and
    /// overseas minister X"), and an untyped name right before it owns the post ("Uralsib
    /// analyst X", "Tesla founder X": an organisation).
    pub(super) fn title_before_chunk(&mut self, c: &mut Chunk) {
        let (doc, lex) = (self.doc, self.lex);
        let (i, sentence_start) = (c.start, self.sentence.start);
        let Some(a0) = self.lowercase_title_start(i) else { return };
        let Some((t, mut title, status)) = self.title_at(a0, i) else { return };
        if t != i {
            return;
        }
        let mut a = a0;
        while a > sentence_start
            && a0 - a < 3
            && self.is_word(a - 1)
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
        if let Some(owner) = self.out.iter_mut().rev().find(|o| o.tokens.end == a) {
            if owner.kind == Kind::Name(None) {
                owner.context = Some(EntityClass::Organization);
            }
        }
        let marker = self.marker_before(a);
        let prefix = c.status_prefix.take();
        let status = status.or(marker).or(prefix);
        c.titles.push(TitleMention { tokens: a..i, title, status, of: None });
    }

    /// The start of the longest lower-case title (no honorific) ending right before token
    /// `i` in the current sentence.
    fn lowercase_title_start(&self, i: usize) -> Option<usize> {
        let (doc, lex) = (self.doc, self.lex);
        let max = lex.title_max_tokens.min(i - self.sentence.start);
        (1..=max).rev().map(|k| i - k).find(|&a| {
            (a..i).all(|t| self.is_word(t) && doc.tok(t).chars().all(|c| c.is_lowercase() || c == '-'))
                && lex.titles.get(&self.words(a, i).join(" ")).is_some_and(|t| t.kind != TitleKind::Honorific)
        })
    }

    /// After a title ending at `t` in a chunk ending at `j`: "of/for X" naming what the
    /// post belongs to ("Chief Executive of GM Rick Wagoner") or completing the title
    /// ("Minister of Education Stefania Giannini"). Returns the title's end, the title, and
    /// the owner's tokens (its candidate is pushed).
    pub(super) fn title_of(&mut self, t: usize, j: usize, mut title: Title) -> (usize, Title, Option<Range<usize>>) {
        let (doc, lex, gaz) = (self.doc, self.lex, self.gaz);
        let end = self.sentence.end;
        if t + 2 >= j || !matches!(doc.lower(t), "of" | "for" | "to") {
            return (t, title, None);
        }
        let o = if doc.lower(t + 1) == "the" { t + 2 } else { t + 1 };
        // "Ambassador to the United States X": the place completes the title.
        if doc.lower(t) == "to" {
            if let Some((k, e)) = gaz.longest_match(self.words(o, end)).filter(|(k, _)| o + k < j) {
                self.push(o..o + k, Kind::Gazetteer(e), gaz.entry(e).rule);
                title.title = format!("{} {}", title.title, doc.slice(t, o + k));
                return (o + k, title, None);
            }
            return (t, title, None);
        }
        // A known organisation or place, then the name: the post's owner.
        if let Some((k, e)) = gaz.longest_match(self.words(o, end)) {
            if o + k < j {
                self.push(o..o + k, Kind::Gazetteer(e), gaz.entry(e).rule);
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
                self.push(o..x, Kind::Name(Some(h.class)), "name.org-head");
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
}
