//! The language of an article: detected from its text with whatlang, or as the input
//! declares it (a JSON `language` field, a page's `<html lang>`).
//!
//! **Invariant:** a language is a BCP 47 tag: the ISO 639-1 code when the language has one
//! (`en`, `pt`), else the ISO 639-3 code (`cmn`); a declared tag is kept as given when the
//! detection agrees with its primary subtag or is not reliable.

/// How much of a text the detection reads: enough for a reliable answer, bounded for
/// multi-megabyte articles.
const SAMPLE_BYTES: usize = 20_000;

/// The language of `text`, when whatlang is sure of it.
pub fn detect(text: &str) -> Option<String> {
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let info = whatlang::detect(&text[..end])?;
    if !info.is_reliable() {
        return None;
    }
    let code = info.lang().code();
    Some(match isolang::Language::from_639_3(code).and_then(|l| l.to_639_1()) {
        Some(two) => two.to_owned(),
        None => code.to_owned(),
    })
}

/// The article's language: the detected one, unless the declared one agrees with it (or
/// nothing reliable was detected).
pub fn resolve(text: &str, declared: Option<String>) -> Option<String> {
    let declared = declared.map(|d| canonical(d.trim())).filter(|d| is_tag(d));
    match (detect(text), declared) {
        (Some(found), Some(d)) if primary(&d).eq_ignore_ascii_case(&found) => Some(d),
        (Some(found), _) => Some(found),
        (None, d) => d,
    }
}

/// Whether a language tag says English (`en`, `en-GB`, `eng`).
pub fn is_english(tag: &str) -> bool {
    let p = primary(tag);
    p.eq_ignore_ascii_case("en") || p.eq_ignore_ascii_case("eng")
}

/// Whether `tag` has the shape of a BCP 47 language tag: a 2- or 3-letter language, then
/// subtags of 1 to 8 letters or digits (what the SHACL shape checks).
fn is_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let lang = parts.next().unwrap_or("");
    (2..=3).contains(&lang.len())
        && lang.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// A tag in its conventional case: `en-GB`, `zh-Hant-TW`, `pt-BR` (`en_us` becomes `en-US`).
fn canonical(tag: &str) -> String {
    let parts: Vec<String> = tag
        .split(['-', '_'])
        .enumerate()
        .map(|(i, p)| match (i, p.len()) {
            _ if !p.is_ascii() => p.to_owned(),
            (0, _) => p.to_ascii_lowercase(),
            (_, 2) => p.to_ascii_uppercase(),
            (_, 4) => p[..1].to_ascii_uppercase() + &p[1..].to_ascii_lowercase(),
            _ => p.to_ascii_lowercase(),
        })
        .collect();
    parts.join("-")
}

fn primary(tag: &str) -> &str {
    tag.split(['-', '_']).next().unwrap_or(tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_languages_and_keeps_agreeing_declarations() {
        let en = "The court charged the former mayor on Tuesday with taking bribes from builders, \
                  prosecutors said, and the trial is expected to start next spring.";
        let de = "Das Gericht hat den früheren Bürgermeister am Dienstag wegen Bestechlichkeit angeklagt, \
                  teilte die Staatsanwaltschaft mit, und der Prozess soll im Frühjahr beginnen.";
        assert_eq!(detect(en).as_deref(), Some("en"));
        assert_eq!(detect(de).as_deref(), Some("de"));
        assert_eq!(resolve(en, Some("en-GB".into())).as_deref(), Some("en-GB"));
        assert_eq!(resolve(en, Some("EN_us".into())).as_deref(), Some("en-US"));
        assert_eq!(resolve("Ok.", Some("zh_hant_tw".into())).as_deref(), Some("zh-Hant-TW"));
        assert_eq!(resolve("Ok.", Some("é-ßxyz".into())), None, "not a language tag");
        assert_eq!(resolve("Ok.", Some("english".into())), None);
        assert_eq!(resolve(de, Some("en".into())).as_deref(), Some("de"), "the text wins");
        assert_eq!(resolve("Ok.", Some("fr".into())).as_deref(), Some("fr"), "too short to tell");
        assert_eq!(resolve("Ok.", None), None);
        assert!(is_english("en-US") && is_english("eng") && !is_english("de"));
    }
}
