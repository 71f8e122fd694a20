//! Word lists: given names, name particles, common words, titles, status markers, and the
//! head words that make a name an organisation or a place.

use rustc_hash::{FxHashMap, FxHashSet};

use super::{EntityClass, Rows};
use crate::error::Result;

/// What kind of title a title word is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleKind {
    Office,
    Honorific,
    Occupation,
    Religious,
    Military,
    Royal,
}

/// A title from `titles.tsv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title {
    /// The normalised title ("senator" for "Sen.").
    pub title: String,
    pub kind: TitleKind,
    /// What the post belongs to when implied: `country`, `company`, `party`, or empty.
    pub org_hint: String,
}

/// The gender a given name clearly signals (for resolving "he" and "she").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

/// A status marker from `status-markers.tsv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusMarker {
    /// incumbent, designate, former or acting.
    pub status: String,
    /// prefix, suffix or noun.
    pub position: String,
}

/// The class a head word gives, with whether it is a capitalised head, a suffix, or a
/// lower-case head after a country or name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeadClass {
    pub class: EntityClass,
}

/// All word lists, ready for lookup.
#[derive(Debug, Clone, Default)]
pub struct Lexicons {
    pub first_names: FxHashSet<String>,
    /// Given name (as capitalised in text) → its clear majority gender.
    pub first_name_genders: FxHashMap<String, Gender>,
    /// Lower case.
    pub particles: FxHashSet<String>,
    /// Lower case.
    pub common_words: FxHashSet<String>,
    /// Lower-case English dictionary words.
    pub english_words: FxHashSet<String>,
    /// Lower-cased surface (tokens joined by one space) → title.
    pub titles: FxHashMap<String, Title>,
    pub title_max_tokens: usize,
    /// Lower-cased surface → marker.
    pub status_markers: FxHashMap<String, StatusMarker>,
    /// Capitalised org head words ("Department", "Times") → class.
    pub org_heads: FxHashMap<String, HeadClass>,
    /// Org suffixes ("Inc.", "Ltd") → class.
    pub org_suffixes: FxHashMap<String, HeadClass>,
    /// Lower-case heads after a country or a name ("foreign ministry") → class.
    pub org_lower_heads: FxHashMap<String, HeadClass>,
    pub lower_head_max_tokens: usize,
    /// Capitalised place head words ("County", "River") → class.
    pub place_heads: FxHashMap<String, HeadClass>,
    /// Place prefixes ("Mount", "Lake") → class.
    pub place_prefixes: FxHashMap<String, HeadClass>,
    /// Capitalised last words of names of things that are no entity ("Show", "Index") → kind.
    pub other_heads: FxHashMap<String, String>,
    /// Lower-case words right after such a name ("index") → kind.
    pub other_after: FxHashMap<String, String>,
    /// Lower-case word right before an unknown name → the base type it hints.
    pub cue_before: FxHashMap<String, EntityClass>,
    /// Lower-case word right after an unknown name → the base type it hints.
    pub cue_after: FxHashMap<String, EntityClass>,
    /// Speech verbs (lower case) → true for verbs of saying, false for verbs of reporting.
    pub speech_verbs: FxHashMap<String, bool>,
    /// Nouns that after "the" stand for an organisation named before ("the company") → its
    /// possible classes.
    pub speaker_nouns: FxHashMap<String, Vec<EntityClass>>,
    /// Head nouns of anonymous sources (lower case).
    pub source_nouns: FxHashSet<String>,
    /// Event triggers (lower case, words joined by one space) → (type name, is a noun).
    pub event_triggers: FxHashMap<String, (String, bool)>,
    pub trigger_max_tokens: usize,
}

impl Lexicons {
    /// Whether a word (any case) is a common word that is not a name.
    pub fn is_common(&self, word: &str) -> bool {
        self.common_words.contains(&word.to_lowercase())
    }

    /// Whether a word (any case) is an English dictionary word.
    pub fn is_english(&self, word: &str) -> bool {
        self.english_words.contains(&word.to_lowercase())
    }
}

#[derive(Default)]
pub(super) struct LexiconsBuilder {
    lex: Lexicons,
}

/// The event types of the contract.
pub const EVENT_TYPES: &[&str] = &[
    "Meeting",
    "Communication",
    "Statement",
    "Accusation",
    "LegalAction",
    "Appointment",
    "Attack",
    "Sanction",
    "Agreement",
    "Election",
];

fn words(s: &str) -> usize {
    s.split(' ').count()
}

impl LexiconsBuilder {
    pub fn add(&mut self, rows: &Rows) -> Result<()> {
        let lex = &mut self.lex;
        match rows.name {
            "lexicons/first-names.txt" => lex.first_names.extend(rows.lines().map(|(_, l)| l.trim().to_owned())),
            "lexicons/first-name-genders.tsv" => {
                for (line, c) in rows.tsv(&["name", "gender"])? {
                    let gender = match c[1] {
                        "male" => Gender::Male,
                        "female" => Gender::Female,
                        g => return Err(rows.error(line, format!("unknown gender {g:?}"))),
                    };
                    lex.first_name_genders.insert(c[0].to_owned(), gender);
                }
            }
            "lexicons/surname-particles.txt" => {
                lex.particles.extend(rows.lines().map(|(_, l)| l.trim().to_lowercase()))
            }
            "lexicons/common-words.txt" => lex.common_words.extend(rows.lines().map(|(_, l)| l.trim().to_lowercase())),
            "lexicons/english-words.txt" => {
                lex.english_words.extend(rows.lines().map(|(_, l)| l.trim().to_lowercase()))
            }
            "lexicons/titles.tsv" => {
                for (line, c) in rows.tsv(&["surface", "title", "kind", "org_hint"])? {
                    let kind = match c[2] {
                        "office" => TitleKind::Office,
                        "honorific" => TitleKind::Honorific,
                        "occupation" => TitleKind::Occupation,
                        "religious" => TitleKind::Religious,
                        "military" => TitleKind::Military,
                        "royal" => TitleKind::Royal,
                        k => return Err(rows.error(line, format!("unknown title kind {k:?}"))),
                    };
                    let key = c[0].to_lowercase();
                    lex.title_max_tokens = lex.title_max_tokens.max(words(&key));
                    lex.titles.insert(key, Title { title: c[1].to_owned(), kind, org_hint: c[3].to_owned() });
                }
            }
            "lexicons/status-markers.tsv" => {
                for (line, c) in rows.tsv(&["surface", "status", "position"])? {
                    if !matches!(c[1], "incumbent" | "designate" | "former" | "acting") {
                        return Err(rows.error(line, format!("unknown status {:?}", c[1])));
                    }
                    lex.status_markers.insert(
                        c[0].to_lowercase(),
                        StatusMarker { status: c[1].to_owned(), position: c[2].to_owned() },
                    );
                }
            }
            "lexicons/org-heads.tsv" | "lexicons/place-cues.tsv" => {
                let places = rows.name.ends_with("place-cues.tsv");
                for (line, c) in rows.tsv(&["word", "position", "class"])? {
                    let class = EntityClass::from_name(c[2])
                        .ok_or_else(|| rows.error(line, format!("unknown class {:?}", c[2])))?;
                    let head = HeadClass { class };
                    let table = match (places, c[1]) {
                        (false, "head") => &mut lex.org_heads,
                        (false, "suffix") => &mut lex.org_suffixes,
                        (false, "lower-head") => {
                            lex.lower_head_max_tokens = lex.lower_head_max_tokens.max(words(c[0]));
                            &mut lex.org_lower_heads
                        }
                        (true, "head") => &mut lex.place_heads,
                        (true, "prefix") => &mut lex.place_prefixes,
                        (_, p) => return Err(rows.error(line, format!("unknown position {p:?}"))),
                    };
                    table.insert(c[0].to_owned(), head);
                }
            }
            "lexicons/other-heads.tsv" => {
                for (line, c) in rows.tsv(&["word", "position", "kind"])? {
                    if !matches!(c[2], "event" | "index" | "law" | "product") {
                        return Err(rows.error(line, format!("unknown kind {:?}", c[2])));
                    }
                    let table = match c[1] {
                        "head" => &mut lex.other_heads,
                        "after" => &mut lex.other_after,
                        p => return Err(rows.error(line, format!("unknown position {p:?}"))),
                    };
                    table.insert(c[0].to_owned(), c[2].to_owned());
                }
            }
            "lexicons/context-cues.tsv" => {
                for (line, c) in rows.tsv(&["word", "position", "class"])? {
                    let class = EntityClass::from_name(c[2])
                        .ok_or_else(|| rows.error(line, format!("unknown class {:?}", c[2])))?;
                    let table = match c[1] {
                        "before" => &mut lex.cue_before,
                        "after" => &mut lex.cue_after,
                        p => return Err(rows.error(line, format!("unknown position {p:?}"))),
                    };
                    table.insert(c[0].to_lowercase(), class);
                }
            }
            "lexicons/speech-verbs.tsv" => {
                for (line, c) in rows.tsv(&["word", "kind"])? {
                    let say = match c[1] {
                        "say" => true,
                        "report" => false,
                        k => return Err(rows.error(line, format!("unknown kind {k:?}"))),
                    };
                    lex.speech_verbs.insert(c[0].to_lowercase(), say);
                }
            }
            "lexicons/speaker-nouns.tsv" => {
                for (line, c) in rows.tsv(&["noun", "classes"])? {
                    let classes = c[1]
                        .split('|')
                        .map(|n| {
                            EntityClass::from_name(n).ok_or_else(|| rows.error(line, format!("unknown class {n:?}")))
                        })
                        .collect::<Result<Vec<_>>>()?;
                    lex.speaker_nouns.insert(c[0].to_lowercase(), classes);
                }
            }
            "lexicons/source-nouns.tsv" => {
                for (_, c) in rows.tsv(&["noun"])? {
                    lex.source_nouns.insert(c[0].to_lowercase());
                }
            }
            "lexicons/event-triggers.tsv" => {
                for (line, c) in rows.tsv(&["trigger", "type", "form"])? {
                    if !EVENT_TYPES.contains(&c[1]) {
                        return Err(rows.error(line, format!("unknown event type {:?}", c[1])));
                    }
                    let noun = match c[2] {
                        "noun" => true,
                        "verb" => false,
                        f => return Err(rows.error(line, format!("unknown form {f:?}"))),
                    };
                    let key = c[0].to_lowercase();
                    lex.trigger_max_tokens = lex.trigger_max_tokens.max(words(&key));
                    lex.event_triggers.insert(key, (c[1].to_owned(), noun));
                }
            }
            other => return Err(rows.error(0, format!("unknown rule file {other:?}"))),
        }
        Ok(())
    }

    pub fn finish(self) -> Lexicons {
        self.lex
    }
}
