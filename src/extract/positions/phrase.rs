//! A title phrase after a name or a verb: "a senior military analyst at Stratfor",
//! "PG&E's principal meteorologist", "the company's chief operating officer", "deputy
//! associate administrator for exploration", "president and chief operating officer of
//! SpaceX", "professor of international studies at the University of Miami".
//!
//! **Invariant:** every holding returned has the same holder and rule, and its evidence
//! starts at `start` and ends within the sentence bound `end`.

use super::{Ctx, Named};
use crate::extract::{EntityId, Holding, HoldingStatus, PostPattern};
use crate::rules::{EntityClass, Title, TitleKind, WordClass};
use crate::text::TokenKind;

/// The title phrases at `p`: the first title (with up to four modifiers before it, an
/// owner's possessive, a complement "of/for <lower-case words>", "to the prime minister"
/// or "of/for/at (the) Y"), then each title joined to it by "and", which shares the owner
/// named after the last ("president and chief operating officer of SpaceX").
pub(super) fn title_phrase(
    cx: &Ctx,
    name: &Named,
    p: usize,
    status: HoldingStatus,
    pattern: PostPattern,
) -> Vec<Holding> {
    let end = name.sentence.end;
    let mut out: Vec<Holding> = Vec::new();
    let mut p = p;
    while let Some(h) = one_title(cx, name, p, status, pattern) {
        let stop = cx.doc.tokens.partition_point(|t| t.start < h.evidence.span.end);
        out.push(h);
        // "... and chief operating officer", not "... and Rep. Mike Waltz for ...".
        let person_near = |from: usize| (from..(from + 6).min(end)).any(|t| person_starts_at(cx, t));
        if stop + 1 < end && cx.lower(stop) == "and" && out.len() < 3 && !person_near(stop + 1) {
            p = stop + 1;
        } else {
            break;
        }
    }
    // The owner named after the last title belongs to the joined ones too.
    let last_of = out.last().and_then(|h| h.of);
    for h in &mut out {
        h.of = h.of.or(last_of);
    }
    out
}

/// Whether token `t` is a lower-case word that can modify a title ("senior", "principal",
/// "equity"): no status marker, no connector.
pub(super) fn modifier(cx: &Ctx, t: usize) -> bool {
    let tok = cx.doc.tok(t);
    cx.doc.tokens[t].kind == TokenKind::Word
        && tok.chars().all(|c| c.is_lowercase() || c == '-')
        && !cx.rules.lexicons.status_markers.contains_key(tok)
        && !cx.rules.lexicons.is(WordClass::ComplementStop, tok)
}

/// One title phrase at `p`; see [`title_phrase`].
fn one_title(cx: &Ctx, name: &Named, p: usize, mut status: HoldingStatus, pattern: PostPattern) -> Option<Holding> {
    let lex = &cx.rules.lexicons;
    let doc = cx.doc;
    let (holder, start, end) = (name.holder, name.tokens.start, name.sentence.end);
    let mut p = p;
    let mut of = None;
    // "PG&E's principal meteorologist", "the company's chief operating officer"
    let owner_first = p;
    if let Some((e, e_end)) = cx.organisation_at(p).filter(|&(_, e_end)| possessive(cx, e_end, end)) {
        of = Some(e);
        p = e_end + 1;
    } else if p + 1 < end && lex.is(WordClass::OrgNoun, cx.lower(p)) && possessive(cx, p + 1, end) {
        of = Some(last_organisation_before(cx, p)?);
        p += 2;
    } else if let Some((t_end, _)) = cx.title_at(p, end).filter(|&(t_end, _)| possessive(cx, t_end, end)) {
        // "the mayor's physician": the post of one who serves a title holder.
        p = t_end + 1;
    } else if let Some(o_end) = unknown_owner(cx, p, end) {
        // "X, Norvex's principal meteorologist" where "Norvex" was not recognised: the post
        // stands without its owner.
        p = o_end + 1;
    }
    let possessed = p > owner_first;
    let mut found = None;
    for skip in 0..=4 {
        let s = p + skip;
        if s >= end {
            break;
        }
        if let Some((t_end, t)) = cx.title_at(s, end) {
            // A marker sets the status, save a past copula's ("X was the acting director").
            if let Some(m) = (p..s).find_map(|i| lex.status_markers.get(cx.lower(i))) {
                if status != HoldingStatus::Former || pattern != PostPattern::Copular {
                    status = m.status;
                }
            }
            found = Some((s, t_end, t));
            break;
        }
        // Only words may stand before the title, and no person ("X, a friend of Y"); "and"
        // only inside a capitalised name ("the Health and Human Services secretary"); no
        // pronoun or preposition ("X, hitting him in the head"), save a determiner ("X, his
        // editor", "X, then the president").
        let inside_name = cx.lower(s) == "and"
            && s > p
            && s + 1 < end
            && doc.tok(s - 1).starts_with(char::is_uppercase)
            && doc.tok(s + 1).starts_with(char::is_uppercase);
        let opener = lex.is(WordClass::TitleOpener, cx.lower(s));
        let stop = lex.is(WordClass::TitlePhraseBreak, cx.lower(s))
            || (lex.is(WordClass::ComplementStop, cx.lower(s)) && !opener);
        if doc.tokens[s].kind != TokenKind::Word || (stop && !inside_name) {
            break;
        }
    }
    let (t_start, mut t_end, mut title) = found?;
    if matches!(title.kind, TitleKind::Honorific) {
        return None;
    }
    // "X, Senator Y and Senator Z": a title right before another person's name is that
    // person's, in a list of names, not an apposition to X.
    if pattern == PostPattern::Apposition && person_starts_at(cx, t_end) {
        return None;
    }
    // A title word that only modifies the head title after it: "deputy associate
    // administrator", "principal deputy White House press secretary" (White House owns it).
    let mut inner: Vec<String> = Vec::new();
    let mut k = t_end;
    while k < end && k - t_end < 4 {
        if let Some((k_end, head)) = cx.title_at(k, end).filter(|(_, h)| !matches!(h.kind, TitleKind::Honorific)) {
            inner.insert(0, title.title.clone());
            title = Title { title: format!("{} {}", inner.join(" "), head.title), ..head };
            inner.clear();
            t_end = k_end;
            k = k_end;
            continue;
        }
        if let Some((e, e_end)) = cx.organisation_at(k).filter(|_| of.is_none() && k == t_end) {
            if cx.title_at(e_end, end).is_some() {
                of = Some(e);
                k = e_end;
                continue;
            }
            break;
        }
        if !modifier(cx, k) {
            break;
        }
        inner.push(doc.tok(k).to_lowercase());
        k += 1;
    }
    // Modifiers before the title complete it: capitalised ones that name nothing ("Foreign
    // Affairs minister") when all before it are such, else the lower-case run right before
    // it ("a senior military analyst"); names ("an Ottawa New Democrat MP") do not.
    let named = |t: usize| cx.named[t];
    let mut m = t_start;
    while m > p && doc.tok(m - 1).starts_with(char::is_uppercase) && !named(m - 1) {
        m -= 1;
    }
    if m == t_start || m > p {
        m = t_start;
        while m > p && modifier(cx, m - 1) {
            m -= 1;
        }
    }
    if m < t_start && (m == p || !doc.tok(m).starts_with(char::is_uppercase)) {
        title.title = format!("{} {}", doc.slice(m, t_start).to_lowercase(), title.title);
    }
    // An organisation named among the words before the title owns it ("the Health and
    // Human Services secretary", "new DHS acting secretary").
    if of.is_none() {
        of = last_organisation_within(cx, p, t_start);
    }
    let mut stop = t_end;
    // "undersecretary to the prime minister": a title completed by another title.
    if t_end + 1 < end && cx.lower(t_end) == "to" {
        let o = if cx.lower(t_end + 1) == "the" { t_end + 2 } else { t_end + 1 };
        if let Some((e2, t2)) = cx.title_at(o, end) {
            title.title = format!("{} to the {}", title.title, t2.title);
            stop = e2;
        }
    }
    // "head of fundamental research", "administrator for exploration": a lower-case
    // complement up to a boundary.
    if stop == t_end {
        let capitalised = doc.tok(t_start).starts_with(char::is_uppercase);
        if let Some(c_end) = complement(cx, t_end, end, capitalised) {
            title.title = format!("{} {}", title.title, doc.slice(t_end, c_end).to_lowercase());
            stop = c_end;
        }
    }
    if of.is_none() && stop + 1 < end && matches!(cx.lower(stop), "of" | "for" | "at" | "to" | "with") {
        let o = if cx.lower(stop + 1) == "the" && stop + 2 < end { stop + 2 } else { stop + 1 };
        if let Some((e, e_end)) = cx.organisation_at(o) {
            of = Some(e);
            stop = e_end;
        }
    }
    // "X, Director, Y Securities.": an organisation set off by commas after the title.
    if of.is_none() && pattern == PostPattern::Apposition {
        if let Some((e, e_end)) = super::owner_near::org_after_comma(cx, stop, end) {
            of = Some(e);
            stop = e_end;
        }
    }
    // A possessive phrase after a comma is an apposition only when it closes there
    // ("X, PG&E's meteorologist, said"), not when it opens a clause ("... for X, Iran's
    // president has said").
    let closed = stop == end
        || doc.tokens[stop].kind == TokenKind::Punct
        || matches!(cx.lower(stop), "said" | "says" | "told" | "who" | "and");
    if possessed && !closed {
        return None;
    }
    Some(Holding { holder, title: title.title, of, status, pattern, evidence: pattern.evidence(doc.span(start, stop)) })
}

/// Whether a kept candidate naming a person starts at token `t`.
fn person_starts_at(cx: &Ctx, t: usize) -> bool {
    cx.at
        .starting_at(t)
        .iter()
        .any(|&i| cx.resolved.of_candidate[i].is_some_and(|e| cx.resolved.entities[e].class == EntityClass::Person))
}

/// Whether token `t` (before `end`) is a possessive ending.
fn possessive(cx: &Ctx, t: usize, end: usize) -> bool {
    t < end && cx.doc.tokens[t].kind == TokenKind::Possessive
}

/// "of/for" at `t` then one to five lower-case words ("emergency preparedness and
/// response") that end at punctuation, the sentence end or a word that opens what follows
/// ("at X", "who ..."): the end of the complement. After a capitalised title the words may
/// be capitalised too, when they name nothing ("Head of Fundamental Research at X").
fn complement(cx: &Ctx, t: usize, end: usize, capitalised: bool) -> Option<usize> {
    if !matches!(cx.lower(t), "of" | "for") {
        return None;
    }
    let word = |k: usize| modifier(cx, k) || (capitalised && capitalised_unnamed(cx, k));
    let mut k = t + 1;
    while k < end && k - t <= 5 {
        let joined = cx.lower(k) == "and" && k > t + 1 && k + 1 < end && word(k + 1);
        if !(word(k) || joined) {
            break;
        }
        k += 1;
    }
    let boundary = k == end
        || cx.doc.tokens[k].kind == TokenKind::Punct
        || cx.rules.lexicons.is(WordClass::ComplementBoundary, cx.lower(k));
    (k > t + 1 && boundary).then_some(k)
}

/// Whether token `t` is a capitalised word that no kept name covers and no title or
/// status word is ("Fundamental", "Research").
fn capitalised_unnamed(cx: &Ctx, t: usize) -> bool {
    let tok = cx.doc.tok(t);
    cx.doc.tokens[t].kind == TokenKind::Word
        && tok.starts_with(char::is_uppercase)
        && tok.chars().skip(1).all(char::is_lowercase)
        && !cx.rules.lexicons.status_markers.contains_key(cx.lower(t))
        && !cx.rules.lexicons.is(WordClass::ComplementStop, cx.lower(t))
        && !cx.rules.lexicons.is(WordClass::ComplementBoundary, cx.lower(t))
        && !cx.named[t]
}

/// A possessive owner at `p` that names nothing kept ("Norvex's", "PG&E's"): one to four
/// capitalised tokens, joined words or "&", right before a possessive ending. Returns the
/// possessive's index.
fn unknown_owner(cx: &Ctx, p: usize, end: usize) -> Option<usize> {
    let doc = cx.doc;
    let part = |k: usize| match doc.tokens[k].kind {
        TokenKind::Word => doc.tok(k).starts_with(char::is_uppercase),
        TokenKind::Punct => doc.tok(k) == "&" && k > 0 && doc.tokens[k - 1].end == doc.tokens[k].start,
        _ => false,
    };
    let o_end = (p..(p + 4).min(end)).find(|&k| !part(k))?;
    (o_end > p && possessive(cx, o_end, end)).then_some(o_end)
}

/// The organisation named last within tokens `a..b` (its whole name inside).
fn last_organisation_within(cx: &Ctx, a: usize, b: usize) -> Option<EntityId> {
    let upto = cx.organisations.partition_point(|&(end, _, _)| end <= b);
    cx.organisations[..upto]
        .iter()
        .rev()
        .take_while(|&&(end, _, _)| end > a)
        .find(|&&(end, start, _)| start >= a && start < end)
        .map(|&(_, _, e)| e)
}

/// The organisation named last before token `t`.
pub(super) fn last_organisation_before(cx: &Ctx, t: usize) -> Option<EntityId> {
    let upto = cx.organisations.partition_point(|&(end, _, _)| end <= t);
    cx.organisations[..upto].last().map(|&(_, _, e)| e)
}
