//! English inflection by rule, for the lemma lexicons: a verb's third person, past and -ing
//! forms, a noun's plural. Regular spelling rules only (e-drop, y → i, consonant doubling
//! of one-syllable lemmas); irregular forms come from the rule file.
//!
//! **Invariant:** every form is lower case and built from the lemma's first word; the rest
//! of a multiword lemma ("impose sanctions") is kept as written.

/// The inflections of a verb or noun that a lemma row can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inflection {
    /// The verb's base form ("charge").
    Base,
    /// Third person singular ("charges").
    Third,
    /// Past tense and past participle ("charged").
    Past,
    /// Present participle ("charging").
    Ing,
    /// A noun's singular ("summit").
    Singular,
    /// A noun's plural ("summits").
    Plural,
}

impl Inflection {
    /// The inflection a rule file spells `name` (`base`, `s`, `ed`, `ing`, `sg`, `pl`).
    pub fn from_name(name: &str) -> Option<Inflection> {
        Some(match name {
            "base" => Inflection::Base,
            "s" => Inflection::Third,
            "ed" => Inflection::Past,
            "ing" => Inflection::Ing,
            "sg" => Inflection::Singular,
            "pl" => Inflection::Plural,
            _ => return None,
        })
    }

    /// The verb inflections, for `*` in a verb row.
    pub const VERB: [Inflection; 4] = [Inflection::Base, Inflection::Third, Inflection::Past, Inflection::Ing];
    /// The noun inflections, for `*` in a noun row.
    pub const NOUN: [Inflection; 2] = [Inflection::Singular, Inflection::Plural];
}

/// The form of `lemma` (lower case; a multiword lemma inflects its first word) for
/// `inflection`; `irregular` replaces the regular past (verbs) or plural (nouns).
pub fn inflect(lemma: &str, inflection: Inflection, irregular: Option<&str>) -> String {
    let (head, rest) = match lemma.split_once(' ') {
        Some((h, r)) => (h, Some(r)),
        None => (lemma, None),
    };
    let form = match inflection {
        Inflection::Base | Inflection::Singular => head.to_owned(),
        Inflection::Third | Inflection::Plural if inflection == Inflection::Plural && irregular.is_some() => {
            irregular.unwrap_or(head).to_owned()
        }
        Inflection::Third | Inflection::Plural => with_s(head),
        Inflection::Past => irregular.map_or_else(|| with_ed(head), str::to_owned),
        Inflection::Ing => with_ing(head, irregular),
    };
    match rest {
        Some(r) => format!("{form} {r}"),
        None => form,
    }
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// "charge" → "charges", "ratify" → "ratifies", "stress" → "stresses".
fn with_s(w: &str) -> String {
    if let Some(stem) = consonant_y(w) {
        return format!("{stem}ies");
    }
    if ["s", "x", "z", "ch", "sh", "o"].iter().any(|end| w.ends_with(end)) {
        return format!("{w}es");
    }
    format!("{w}s")
}

/// "charge" → "charged", "ratify" → "ratified", "ban" → "banned".
fn with_ed(w: &str) -> String {
    if let Some(stem) = consonant_y(w) {
        return format!("{stem}ied");
    }
    if w.ends_with('e') {
        return format!("{w}d");
    }
    if doubles(w) {
        let last = w.chars().last().unwrap_or_default();
        return format!("{w}{last}ed");
    }
    format!("{w}ed")
}

/// "charge" → "charging", "agree" → "agreeing", "ban" → "banning"; an irregular past that
/// doubles ("admitted") doubles here too ("admitting").
fn with_ing(w: &str, irregular_past: Option<&str>) -> String {
    if let Some(stem) = w.strip_suffix("ie") {
        return format!("{stem}ying");
    }
    if w.ends_with('e') && !w.ends_with("ee") && !w.ends_with("ye") && !w.ends_with("oe") && w.len() > 2 {
        return format!("{}ing", &w[..w.len() - 1]);
    }
    let last = w.chars().last().unwrap_or_default();
    let doubled_past = irregular_past.is_some_and(|p| p == format!("{w}{last}ed"));
    if doubles(w) || doubled_past {
        return format!("{w}{last}ing");
    }
    format!("{w}ing")
}

/// The stem before a final "y" that follows a consonant ("ratif" of "ratify").
fn consonant_y(w: &str) -> Option<&str> {
    let stem = w.strip_suffix('y')?;
    let before = stem.chars().last()?;
    (!is_vowel(before)).then_some(stem)
}

/// Whether a one-syllable lemma ends consonant-vowel-consonant and doubles its last
/// consonant ("ban", "stop"; not "meet", "sign", "vow").
fn doubles(w: &str) -> bool {
    let chars: Vec<char> = w.chars().collect();
    let syllables =
        chars.iter().enumerate().filter(|&(i, &c)| is_vowel(c) && (i == 0 || !is_vowel(chars[i - 1]))).count();
    let n = chars.len();
    syllables == 1
        && n >= 3
        && !is_vowel(chars[n - 1])
        && !matches!(chars[n - 1], 'w' | 'x' | 'y')
        && is_vowel(chars[n - 2])
        && !is_vowel(chars[n - 3])
}

#[cfg(test)]
mod tests {
    use super::Inflection::*;
    use super::*;

    #[test]
    fn regular_verbs() {
        let forms = |l: &str| [Base, Third, Past, Ing].map(|i| inflect(l, i, None));
        assert_eq!(forms("charge"), ["charge", "charges", "charged", "charging"]);
        assert_eq!(forms("ratify"), ["ratify", "ratifies", "ratified", "ratifying"]);
        assert_eq!(forms("sue"), ["sue", "sues", "sued", "suing"]);
        assert_eq!(forms("ban"), ["ban", "bans", "banned", "banning"]);
        assert_eq!(forms("sign"), ["sign", "signs", "signed", "signing"]);
        assert_eq!(forms("stress"), ["stress", "stresses", "stressed", "stressing"]);
        assert_eq!(forms("vow"), ["vow", "vows", "vowed", "vowing"]);
        assert_eq!(forms("agree"), ["agree", "agrees", "agreed", "agreeing"]);
        assert_eq!(forms("convict"), ["convict", "convicts", "convicted", "convicting"]);
    }

    #[test]
    fn irregular_forms_and_multiword_lemmas() {
        assert_eq!(inflect("admit", Past, Some("admitted")), "admitted");
        assert_eq!(inflect("admit", Ing, Some("admitted")), "admitting");
        assert_eq!(inflect("tell", Past, Some("told")), "told");
        assert_eq!(inflect("tell", Ing, Some("told")), "telling");
        assert_eq!(inflect("impose sanctions", Past, None), "imposed sanctions");
        assert_eq!(inflect("summit", Plural, None), "summits");
        assert_eq!(inflect("talk", Plural, None), "talks");
        assert_eq!(inflect("crisis", Plural, Some("crises")), "crises");
    }
}
