//! HTTP content negotiation: picks the best of the media types a response can have for a
//! request's `Accept` header (RFC 9110, section 12.5.1: quality values and wildcards).

/// The best offer for `accept`, or `None` when the client accepts none of them. Offers
/// are in order of preference: with no `Accept` header (or `*/*`) the first one wins, and
/// among equally acceptable offers the earlier one.
pub fn best<'a, T: Copy>(accept: Option<&str>, offers: &'a [(&'a str, T)]) -> Option<T> {
    let ranges = match accept.map(str::trim).filter(|a| !a.is_empty()) {
        None => return offers.first().map(|(_, t)| *t),
        Some(a) => parse(a),
    };
    let mut best: Option<(f32, usize, T)> = None;
    for (i, (media, value)) in offers.iter().enumerate() {
        let Some(q) = quality(&ranges, media) else { continue };
        if q <= 0.0 {
            continue;
        }
        // Higher quality wins; on a tie the earlier offer.
        if best.is_none_or(|(bq, bi, _)| q > bq || (q == bq && i < bi)) {
            best = Some((q, i, *value));
        }
    }
    best.map(|(_, _, t)| t)
}

/// A media range of an `Accept` header: type, subtype, quality.
struct Range {
    kind: String,
    sub: String,
    q: f32,
}

fn parse(accept: &str) -> Vec<Range> {
    accept
        .split(',')
        .filter_map(|item| {
            let mut parts = item.split(';');
            let media = parts.next()?.trim().to_ascii_lowercase();
            let (kind, sub) = media.split_once('/')?;
            let mut q = 1.0;
            for p in parts {
                if let Some((k, v)) = p.split_once('=') {
                    if k.trim().eq_ignore_ascii_case("q") {
                        q = v.trim().parse().unwrap_or(0.0);
                    }
                }
            }
            Some(Range { kind: kind.trim().to_owned(), sub: sub.trim().to_owned(), q })
        })
        .collect()
}

/// The quality the client gives `media`: from its most specific matching range.
fn quality(ranges: &[Range], media: &str) -> Option<f32> {
    let (kind, sub) = media.split_once('/')?;
    let mut found: Option<(u8, f32)> = None;
    for r in ranges {
        let specificity = if r.kind == kind && r.sub == sub {
            2
        } else if r.kind == kind && r.sub == "*" {
            1
        } else if r.kind == "*" && r.sub == "*" {
            0
        } else {
            continue;
        };
        if found.is_none_or(|(s, _)| specificity > s) {
            found = Some((specificity, r.q));
        }
    }
    found.map(|(_, q)| q)
}

/// The media type of a `Content-Type` header, without parameters, lowercase.
pub fn media_type(content_type: &str) -> String {
    content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    const OFFERS: &[(&str, u8)] = &[("application/sparql-results+json", 1), ("text/csv", 2), ("text/html", 3)];

    #[test]
    fn no_header_or_any_gives_the_first_offer() {
        assert_eq!(best(None, OFFERS), Some(1));
        assert_eq!(best(Some("*/*"), OFFERS), Some(1));
    }

    #[test]
    fn quality_values_and_specificity_decide() {
        assert_eq!(best(Some("text/csv"), OFFERS), Some(2));
        assert_eq!(best(Some("text/*;q=0.9, text/csv;q=0.1"), OFFERS), Some(3));
        assert_eq!(best(Some("application/json;q=0.5, text/csv; q=0.8"), OFFERS), Some(2));
        assert_eq!(best(Some("*/*;q=0.1, text/csv;q=0"), OFFERS), Some(1));
        assert_eq!(best(Some("image/png"), OFFERS), None);
    }

    #[test]
    fn content_types_lose_their_parameters() {
        assert_eq!(media_type("Text/Turtle; charset=utf-8"), "text/turtle");
    }
}
