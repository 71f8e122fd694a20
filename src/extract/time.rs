//! Time expressions and their resolution against the article's date.
//!
//! Recognised: relative days ("today", "yesterday", "last night": `time-words.tsv`);
//! weekdays ("on Monday", "Thursday afternoon", "last Tuesday", "next Friday": the shift
//! words of `time-words.tsv`); month and day with or without a year ("October 14", "Aug. 10", "June 9, 2008", "9 June 2008"). A weekday or a
//! day without a year is resolved to the latest such day on or before the article date
//! ("next ..." and "tomorrow" look forward); nothing is resolved without an article date,
//! and nothing is ever dated from the clock.

use std::ops::Range;

use chrono::{Datelike, Duration, NaiveDate};

use crate::dates::{day_number, month_number, WEEKDAYS};
use crate::rules::Rules;
use crate::text::{Doc, TokenKind};

/// A time expression found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeExpr {
    /// Token range of the expression.
    pub tokens: Range<usize>,
    /// The calendar day, when the article date (or the expression) fixes it.
    pub date: Option<NaiveDate>,
    /// For a bare weekday, the day it names when it lies ahead ("will meet on Friday").
    pub ahead: Option<NaiveDate>,
}

/// Every time expression in sentence token range `sentence`.
pub fn find(doc: &Doc, rules: &Rules, sentence: Range<usize>, article_date: Option<NaiveDate>) -> Vec<TimeExpr> {
    let lex = &rules.lexicons;
    let mut out = Vec::new();
    let mut i = sentence.start;
    while i < sentence.end {
        if doc.tokens[i].kind != TokenKind::Word {
            i += 1;
            continue;
        }
        let w = doc.lower(i);
        let prev = if i > sentence.start { doc.lower(i - 1) } else { "" };
        let (start, shift) = match lex.weekday_shifts.get(prev) {
            Some(&shift) => (i - 1, shift),
            None => (i, 0),
        };
        // The longest relative day phrase ending at this word ("last night", "today").
        let earlier = |k: usize| (i >= sentence.start + k).then(|| doc.lower(i - k));
        if let Some((words, days)) = lex.relative_day(w, earlier) {
            let start = i + 1 - words;
            out.push(TimeExpr {
                tokens: start..i + 1,
                date: article_date.map(|d| d + Duration::days(days)),
                ahead: None,
            });
            i += 1;
            continue;
        }
        if let Some(wd) = WEEKDAYS.iter().position(|d| *d == w) {
            let date = article_date.map(|d| weekday_near(d, wd as u32, shift));
            let ahead = if shift == 0 { article_date.map(|d| weekday_near(d, wd as u32, 1)) } else { None };
            out.push(TimeExpr { tokens: start..i + 1, date, ahead });
            i += 1;
            continue;
        }
        let month = month_number(doc.tok(i))
            .filter(|_| doc.tok(i).starts_with(char::is_uppercase))
            .filter(|_| w != "may" || next_is_day(doc, i, sentence.end));
        if let Some(month) = month {
            // "October 14", "October 14, 2024"
            if i + 1 < sentence.end && doc.tokens[i + 1].kind == TokenKind::Number {
                if let Some(day) = day_number(doc.tok(i + 1)) {
                    let mut end = i + 2;
                    let mut year = None;
                    let mut k = i + 2;
                    if k < sentence.end && doc.tok(k) == "," {
                        k += 1;
                    }
                    if k < sentence.end {
                        if let Ok(y) = doc.tok(k).parse::<i32>() {
                            if (1000..=2999).contains(&y) {
                                year = Some(y);
                                end = k + 1;
                            }
                        }
                    }
                    let date = resolve_day(year, month, day, article_date);
                    out.push(TimeExpr { tokens: i..end, date, ahead: None });
                    i = end;
                    continue;
                }
            }
            // "14 October (2024)"
            if i > sentence.start && doc.tokens[i - 1].kind == TokenKind::Number {
                if let Some(day) = day_number(doc.tok(i - 1)) {
                    let mut end = i + 1;
                    let mut year = None;
                    if end < sentence.end {
                        if let Ok(y) = doc.tok(end).parse::<i32>() {
                            if (1000..=2999).contains(&y) {
                                year = Some(y);
                                end += 1;
                            }
                        }
                    }
                    out.push(TimeExpr {
                        tokens: i - 1..end,
                        date: resolve_day(year, month, day, article_date),
                        ahead: None,
                    });
                    i = end;
                    continue;
                }
            }
        }
        i += 1;
    }
    out
}

fn next_is_day(doc: &Doc, i: usize, end: usize) -> bool {
    i + 1 < end && doc.tokens[i + 1].kind == TokenKind::Number && day_number(doc.tok(i + 1)).is_some()
}

/// The weekday `wd` (0 = Monday) nearest the article date: the latest on or before it,
/// strictly before with "last", strictly after with "next".
fn weekday_near(d: NaiveDate, wd: u32, shift: i32) -> NaiveDate {
    let today = d.weekday().num_days_from_monday();
    match shift {
        1 => d + Duration::days(((wd + 7 - today - 1) % 7 + 1) as i64),
        -1 => d - Duration::days(((today + 7 - wd - 1) % 7 + 1) as i64),
        _ => d - Duration::days(((today + 7 - wd) % 7) as i64),
    }
}

/// A day without a year takes the article's year, or the year before when that would put
/// it after the article date.
fn resolve_day(year: Option<i32>, month: u32, day: u32, article_date: Option<NaiveDate>) -> Option<NaiveDate> {
    if let Some(y) = year {
        return NaiveDate::from_ymd_opt(y, month, day);
    }
    let a = article_date?;
    let d = NaiveDate::from_ymd_opt(a.year(), month, day)?;
    if d > a {
        NaiveDate::from_ymd_opt(a.year() - 1, month, day)
    } else {
        Some(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn weekdays_resolve_to_the_latest_such_day() {
        let fri = d(2015, 8, 21);
        assert_eq!(weekday_near(fri, 3, 0), d(2015, 8, 20)); // Thursday
        assert_eq!(weekday_near(fri, 4, 0), fri); // Friday: the same day
        assert_eq!(weekday_near(fri, 4, -1), d(2015, 8, 14)); // last Friday
        assert_eq!(weekday_near(fri, 0, 1), d(2015, 8, 24)); // next Monday
    }

    #[test]
    fn days_without_a_year_never_land_after_the_article() {
        assert_eq!(resolve_day(None, 10, 14, Some(d(2024, 11, 13))), Some(d(2024, 10, 14)));
        assert_eq!(resolve_day(None, 12, 24, Some(d(2024, 1, 5))), Some(d(2023, 12, 24)));
        assert_eq!(resolve_day(None, 12, 24, None), None);
        assert_eq!(resolve_day(Some(2008), 6, 9, None), Some(d(2008, 6, 9)));
    }
}
