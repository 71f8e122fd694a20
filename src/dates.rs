//! Calendar dates as news writes them: "Friday, August 21, 2015", "June 9, 2008",
//! "21 August 2015", "2015-08-21", "Aug. 21, 2015". Used by the readers (publication
//! dates) and by extraction (event dates).

use chrono::{Datelike, NaiveDate};

/// Month names and their AP-style abbreviations, with the month number.
pub const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

/// Weekday names, Monday first (index = days from Monday).
pub const WEEKDAYS: &[&str] = &["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// The month number of a month name or abbreviation (case-insensitive, trailing period ok).
pub fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    MONTHS.iter().find(|(name, _)| *name == w).map(|(_, n)| *n)
}

/// The years a publication date may have: pages and feeds fill an unknown date with a
/// placeholder ("0001-01-01T00:00:00Z", "9999-12-31"), which is no date of the article.
const PLAUSIBLE_YEARS: std::ops::RangeInclusive<i32> = 1000..=2999;

/// Reads a whole string as one calendar date, or gives `None`.
///
/// Accepts ISO dates (also with a time part: `2024-11-12T10:00:00Z`), "Month D, YYYY",
/// "D Month YYYY", each optionally after a weekday ("Friday, "). A year outside
/// [`PLAUSIBLE_YEARS`] is a placeholder: `None`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    parse_any_year(s).filter(|d| PLAUSIBLE_YEARS.contains(&d.year()))
}

/// [`parse_date`] for any year.
fn parse_any_year(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.len() >= 10 && s.is_char_boundary(10) {
        if let Ok(d) = NaiveDate::parse_from_str(&s[..10], "%Y-%m-%d") {
            let rest = &s[10..];
            if rest.is_empty()
                || rest.starts_with('T')
                || (rest.starts_with(' ') && rest[1..].starts_with(|c: char| c.is_ascii_digit()))
            {
                return Some(d);
            }
        }
    }
    let words: Vec<&str> = s.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    let words: &[&str] = match words.first() {
        Some(w) if WEEKDAYS.contains(&w.to_ascii_lowercase().as_str()) => &words[1..],
        _ => &words[..],
    };
    let (month, day, year) = match words {
        [m, d, y] if month_number(m).is_some() => (month_number(m)?, day_number(d)?, y.parse().ok()?),
        [d, m, y] if month_number(m).is_some() => (month_number(m)?, day_number(d)?, y.parse().ok()?),
        _ => return None,
    };
    NaiveDate::from_ymd_opt(year, month, day)
}

/// "21", "21st", "2nd" as a day of the month.
pub fn day_number(s: &str) -> Option<u32> {
    let digits = s.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let n: u32 = digits.parse().ok()?;
    (1..=31).contains(&n).then_some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn reads_the_usual_news_date_forms() {
        assert_eq!(parse_date("Friday, August 21, 2015"), d(2015, 8, 21));
        assert_eq!(parse_date("June 9, 2008"), d(2008, 6, 9));
        assert_eq!(parse_date("21 August 2015"), d(2015, 8, 21));
        assert_eq!(parse_date("Aug. 21, 2015"), d(2015, 8, 21));
        assert_eq!(parse_date("2015-08-21"), d(2015, 8, 21));
        assert_eq!(parse_date("2024-11-12T10:00:00Z"), d(2024, 11, 12));
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        assert_eq!(parse_date("North Korea puts military on alert"), None);
        assert_eq!(parse_date("February 30, 2015"), None);
        assert_eq!(parse_date(""), None);
        assert_eq!(parse_date("2015-08-21 and more"), None);
    }

    #[test]
    fn rejects_placeholder_years() {
        assert_eq!(parse_date("0001-01-01T00:00:00Z"), None);
        assert_eq!(parse_date("9999-12-31"), None);
        assert_eq!(parse_date("January 1, 0001"), None);
        assert_eq!(parse_date("1851-09-18"), d(1851, 9, 18));
    }
}
