//! Coordinated names: the other members of a list "A, B and C" that ends with the mention
//! found as an event's subject ("Egypt and Jordan criticised the plan" is said by both;
//! "Acme, Initech and Globex were selected" names three companies).
//!
//! A list is read leftwards from its last member: the separator right before that member
//! must be "and" or "or" (with or without a comma before it), so that "Paris, France" or an
//! apposition "Roe, a senator," is no list; the members before it may be separated by
//! commas alone, and may carry its acronym in brackets. A member after a preposition ("talks with X and Y") belongs to that
//! preposition, not to a subject, and ends the list.

use super::super::index::MentionIndex;
use super::super::EntityId;
use crate::rules::{Rules, WordClass};
use crate::text::{Doc, TokenKind};

/// At most this many members are gathered before a subject (bounds the walk).
const MAX_MEMBERS: usize = 16;

/// The entities listed before the mention starting at token `start` and coordinated with
/// it, nearest first; empty when that mention ends no list.
pub(super) fn members_before(doc: &Doc, rules: &Rules, index: &MentionIndex, start: usize) -> Vec<EntityId> {
    let mut out = Vec::new();
    let mut k = start;
    let mut saw_conjunction = false;
    while out.len() < MAX_MEMBERS {
        // The separator before token `k`: ", and", "and", "or" or (after the first) ",".
        let Some(last) = k.checked_sub(1) else { break };
        let sep_start = if matches!(doc.lower(last), "and" | "or") {
            saw_conjunction = true;
            if last > 0 && doc.tok(last - 1) == "," {
                last - 1
            } else {
                last
            }
        } else if saw_conjunction && doc.tok(last) == "," {
            last
        } else {
            break;
        };
        // A member may be followed by its acronym in brackets: "Sierra Nevada Corp. (SNC),".
        let member_end = if sep_start >= 3 && doc.tok(sep_start - 1) == ")" && doc.tok(sep_start - 3) == "(" {
            sep_start - 3
        } else {
            sep_start
        };
        let Some(m) = index.ending_at(member_end) else { break };
        if m.tokens.start >= member_end {
            break;
        }
        let attached = m.tokens.start > 0 && {
            let at = |k: usize| if k > 0 { doc.lower(k - 1) } else { "" };
            let before = if at(m.tokens.start) == "the" { at(m.tokens.start - 1) } else { at(m.tokens.start) };
            rules.lexicons.is(WordClass::AttachmentPreposition, before)
                || rules.lexicons.is(WordClass::PlacePreposition, before)
                || doc.tokens[m.tokens.start - 1].kind == TokenKind::Possessive
        };
        if attached {
            break;
        }
        if !out.contains(&m.entity) {
            out.push(m.entity);
        }
        k = m.tokens.start;
        // "the US and China": a determiner may open a member.
        if k > 0 && doc.lower(k - 1) == "the" {
            k -= 1;
        }
    }
    out
}
