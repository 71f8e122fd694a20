//! A partial quotation after a describing verb (`describing-verb` in `word-classes.tsv`):
//! "X called it “…”", "X introduced Y to the audience as “…”", "privacy, which X views as
//! “…”", "…, calling it “…”": the verb's subject speaks the quoted words
//! (`quote.described`). A verb with no named subject ("critics called it “…”", "he was
//! called “…”" with no antecedent) gives no speaker.

use super::{first_speaker_before, speaker_class, Ctx, Found, Marks};
use crate::extract::speakers::{person_by_surname, resolve_pronoun};
use crate::extract::Speaker;
use crate::rules::WordClass;
use crate::text::TokenKind;

/// How many words may stand between the verb and the quotation ("introduced Y to the
/// Dreamforce audience as").
const GAP: usize = 8;

/// The speaker of a quotation opened at `m.open` right after a describing verb's object:
/// the words before the quote mark end with "as", or the object is at most two words
/// ("called it", "called the plan").
pub(super) fn described(ctx: &Ctx, m: &Marks) -> Option<Found> {
    let (doc, rules, index) = (ctx.doc, ctx.rules, ctx.index);
    let sentence = doc.sentences[doc.sentence_of(m.open)].clone();
    let from = sentence.start.max(m.open.saturating_sub(GAP + 1));
    let mut verb = m.open;
    loop {
        if verb <= from {
            return None;
        }
        verb -= 1;
        if doc.tokens[verb].kind != TokenKind::Word || ctx.quoted[verb] {
            return None;
        }
        if rules.lexicons.is(WordClass::DescribingVerb, doc.lower(verb)) {
            break;
        }
    }
    // The verb's object stands between: a pronoun, a determiner's noun or a name ("called
    // it", "called the plan", "introduced Y ... as"), not a preposition ("call for").
    let gap = m.open - verb - 1;
    let o = verb + 1;
    let object = gap > 0
        && (rules.lexicons.pronoun(doc.lower(o)).is_some()
            || matches!(doc.lower(o), "them" | "this" | "that")
            || rules.lexicons.is(WordClass::TitleOpener, doc.lower(o))
            || index.starting_at(o).is_some());
    if !object || !(doc.lower(m.open - 1) == "as" || gap <= 2) {
        return None;
    }
    let speaks = |e| speaker_class(index.class(e));
    let span = |a: usize| Some(doc.span(a, verb + 1));
    if doc.tok(verb).ends_with("ing") {
        // "X rejected the plan, calling it “…”": the sentence's first speaker.
        let first = first_speaker_before(index, &ctx.quoted, sentence.start, verb)?;
        return Some((Speaker::Entity(first.entity), span(first.tokens.start), "quote.described"));
    }
    if verb == sentence.start {
        return None;
    }
    if let Some(mention) = index.ending_at(verb).filter(|mm| speaks(mm.entity) && !ctx.quoted[mm.tokens.start]) {
        return Some((Speaker::Entity(mention.entity), span(mention.tokens.start), "quote.described"));
    }
    let s = verb - 1;
    if let Some(e) = person_by_surname(doc, index, s) {
        return Some((Speaker::Entity(e), span(s), "quote.described"));
    }
    let e = resolve_pronoun(doc, rules, index, &ctx.quoted, s, s)?;
    Some((Speaker::Entity(e), span(s), "quote.described"))
}
