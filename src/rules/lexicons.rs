//! Word lists: given names, name particles, common words, titles, status markers, the
//! head words that make a name an organisation or a place, speech verbs, event triggers,
//! modality cues, time words, pronouns and the word classes of the extraction patterns.
//!
//! **Invariant:** every value a row names (a status, an event type, a word class) is parsed
//! into its enum here, at load time; a bad one is a `rules/FILE:LINE:` error.

use rustc_hash::{FxHashMap, FxHashSet};

use super::morphology::{inflect, Inflection};
use super::types::{
    EventType, Gender, HoldingStatus, MarkerPosition, Modality, OrgHint, OtherKind, SpeechKind, TitleKind, TriggerForm,
    WordClass, WordClasses,
};
use super::{EntityClass, Rows};
use crate::error::Result;

/// A row of `speaker-nouns.tsv`: a noun that after "the" stands for an organisation of a
/// kind ("the utility said").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeakerNoun {
    /// The row's stable id ("sn.utility").
    pub id: String,
    /// The entity classes the noun can stand for.
    pub classes: Vec<EntityClass>,
    /// Words that name an organisation of that kind ("Electric"), lower case; may be empty.
    pub name_heads: Vec<String>,
    /// Whether, when no name has a head word, the noun stands for the latest entity of its
    /// classes (`latest`; else `none`: no one).
    pub otherwise_latest: bool,
}

/// A title from `titles.tsv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title {
    /// The normalised title ("senator" for "Sen.").
    pub title: String,
    pub kind: TitleKind,
    /// What the post belongs to when implied.
    pub org_hint: Option<OrgHint>,
}

/// A status marker from `status-markers.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusMarker {
    pub status: HoldingStatus,
    pub position: MarkerPosition,
}

/// An event trigger from `event-triggers.tsv`, or a form generated from a row of
/// `event-lemmas.tsv` (which may constrain its use).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TriggerWord {
    pub kind: EventType,
    pub form: TriggerForm,
    /// Index into [`Lexicons::trigger_constraints`], for a form made from a lemma row.
    pub constraint: Option<u32>,
}

/// What a lemma row of `event-lemmas.tsv` asks of the context of its forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TriggerConstraint {
    /// The row's stable id (`ev.charge`).
    pub id: String,
    /// An active use needs a named or pronoun object right after the verb.
    pub needs_object: bool,
    /// Lower-case next words that make the form no trigger ("fired up").
    pub not_before: Vec<String>,
    /// A numeral next makes the form no trigger ("added 25 points").
    pub not_before_number: bool,
}

/// A relative day phrase from `time-words.tsv`: the words before its last one (nearest
/// first) and its distance from the article date.
#[derive(Debug, Clone, PartialEq, Eq)]
struct RelativeDay {
    earlier: Vec<String>,
    days: i64,
}

/// A modality cue from `modality-cues.tsv`: all its words must occur near the trigger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModalityCue {
    pub words: Vec<String>,
    pub modality: Modality,
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
    /// Places that are also common given names ("Chad", "Jordan"), as written.
    pub place_given_names: FxHashSet<String>,
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
    /// One-token titles matched with their exact case (`titles-exact.tsv`): "DL", "F",
    /// lower-case "center", which as "DE", "F." or "Center" are something else.
    pub titles_exact: FxHashMap<String, Title>,
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
    pub other_heads: FxHashMap<String, OtherKind>,
    /// Lower-case words right after such a name ("index") → kind.
    pub other_after: FxHashMap<String, OtherKind>,
    /// Lower-case word right before an unknown name → the base type it hints.
    pub cue_before: FxHashMap<String, EntityClass>,
    /// Lower-case word right after an unknown name → the base type it hints.
    pub cue_after: FxHashMap<String, EntityClass>,
    /// Speech verbs (lower case) → what they report.
    pub speech_verbs: FxHashMap<String, SpeechKind>,
    /// Nouns that after "the" stand for an organisation named before ("the company") → its
    /// possible classes and the words that name one of that kind.
    pub speaker_nouns: FxHashMap<String, SpeakerNoun>,
    /// Head nouns of anonymous sources (lower case).
    pub source_nouns: FxHashSet<String>,
    /// Event triggers (lower case, words joined by one space) → type and form.
    pub event_triggers: FxHashMap<String, TriggerWord>,
    pub trigger_max_tokens: usize,
    /// The constraints of the lemma rows (`event-lemmas.tsv`), indexed by
    /// [`TriggerWord::constraint`].
    pub trigger_constraints: Vec<TriggerConstraint>,
    /// Modality cues, by precedence of their modality (negated first).
    pub modality_cues: Vec<ModalityCue>,
    /// Lower-case pronoun → the classes it can stand for.
    pub pronouns: FxHashMap<String, Vec<EntityClass>>,
    /// Relative day phrases ("yesterday" → -1, "last night" → -1) by their last word
    /// (lower case), longest first.
    relative_days: FxHashMap<String, Vec<RelativeDay>>,
    /// Words that move the weekday after them (lower case) → -1 (before) or 1 (after).
    pub weekday_shifts: FxHashMap<String, i32>,
    /// Word (as written in `word-classes.tsv`) → its classes.
    word_classes: FxHashMap<String, WordClasses>,
}

impl Lexicons {
    /// Whether a word (any case) is a common word that is not a name.
    pub fn is_common(&self, word: &str) -> bool {
        self.common_words.contains(&word.to_lowercase())
    }

    /// The title a single token is by its exact case (`titles-exact.tsv`).
    pub fn exact_title(&self, token: &str) -> Option<&Title> {
        self.titles_exact.get(token)
    }

    /// Whether a word (any case) is an English dictionary word.
    pub fn is_english(&self, word: &str) -> bool {
        self.english_words.contains(&word.to_lowercase())
    }

    /// Whether `word`, exactly as given, is in a word class (`word-classes.tsv`).
    pub fn is(&self, class: WordClass, word: &str) -> bool {
        self.word_classes.get(word).is_some_and(|c| c.contains(class))
    }

    /// The relative day phrase that ends in the word `last` (lower case), whose earlier
    /// words are `earlier(1)`, `earlier(2)`, ... (nearest first; `None` past the sentence
    /// start): its word count and its distance in days from the article date. The longest
    /// phrase wins.
    pub fn relative_day<'w>(&self, last: &str, earlier: impl Fn(usize) -> Option<&'w str>) -> Option<(usize, i64)> {
        let phrases = self.relative_days.get(last)?;
        phrases
            .iter()
            .find(|p| p.earlier.iter().enumerate().all(|(k, w)| earlier(k + 1) == Some(w.as_str())))
            .map(|p| (p.earlier.len() + 1, p.days))
    }

    /// The classes a pronoun (lower case) can stand for.
    pub fn pronoun(&self, word: &str) -> Option<&[EntityClass]> {
        self.pronouns.get(word).map(Vec::as_slice)
    }

    /// The modality that the words before a trigger give it: the first cue (by
    /// precedence) whose words all occur among them.
    pub fn modality(&self, before: &[&str]) -> Option<Modality> {
        self.modality_cues.iter().find(|c| c.words.iter().all(|w| before.contains(&w.as_str()))).map(|c| c.modality)
    }
}

#[derive(Default)]
pub(super) struct LexiconsBuilder {
    lex: Lexicons,
}

/// A value parsed by `from_name`, or an error naming the row.
fn parse<T>(rows: &Rows, line: usize, what: &str, value: &str, from_name: impl Fn(&str) -> Option<T>) -> Result<T> {
    from_name(value).ok_or_else(|| rows.error(line, format!("unknown {what} {value:?}")))
}

fn words(s: &str) -> usize {
    s.split(' ').count()
}

impl LexiconsBuilder {
    /// Adds the rows of one lexicon file.
    pub fn add(&mut self, rows: &Rows) -> Result<()> {
        let lex = &mut self.lex;
        match rows.name {
            "lexicons/first-names.txt" => lex.first_names.extend(rows.lines().map(|(_, l)| l.trim().to_owned())),
            "lexicons/place-given-names.txt" => {
                lex.place_given_names.extend(rows.lines().map(|(_, l)| l.trim().to_owned()));
            }
            "lexicons/first-name-genders.tsv" => {
                for (line, c) in rows.tsv(&["name", "gender"])? {
                    lex.first_name_genders
                        .insert(c[0].to_owned(), parse(rows, line, "gender", c[1], Gender::from_name)?);
                }
            }
            "lexicons/surname-particles.txt" => lex.particles.extend(lower_lines(rows)),
            "lexicons/common-words.txt" => lex.common_words.extend(lower_lines(rows)),
            "lexicons/english-words.txt" => lex.english_words.extend(lower_lines(rows)),
            "lexicons/titles.tsv" => lex.add_titles(rows)?,
            "lexicons/titles-exact.tsv" => lex.add_exact_titles(rows)?,
            "lexicons/status-markers.tsv" => lex.add_status_markers(rows)?,
            "lexicons/org-heads.tsv" => lex.add_heads(rows, Heads::Organization)?,
            "lexicons/place-cues.tsv" => lex.add_heads(rows, Heads::Place)?,
            "lexicons/other-heads.tsv" => lex.add_other_heads(rows)?,
            "lexicons/context-cues.tsv" => lex.add_context_cues(rows)?,
            "lexicons/speech-verbs.tsv" => {
                for (line, c) in rows.tsv(&["word", "kind"])? {
                    lex.speech_verbs
                        .insert(c[0].to_lowercase(), parse(rows, line, "kind", c[1], SpeechKind::from_name)?);
                }
            }
            "lexicons/speaker-nouns.tsv" => lex.add_speaker_nouns(rows)?,
            "lexicons/source-nouns.tsv" => {
                lex.source_nouns.extend(rows.tsv(&["noun"])?.into_iter().map(|(_, c)| c[0].to_lowercase()));
            }
            "lexicons/event-triggers.tsv" => lex.add_event_triggers(rows)?,
            "lexicons/event-lemmas.tsv" => lex.add_event_lemmas(rows)?,
            "lexicons/modality-cues.tsv" => lex.add_modality_cues(rows)?,
            "lexicons/pronouns.tsv" => lex.pronouns.extend(word_classes_table(rows, "pronoun")?),
            "lexicons/time-words.tsv" => lex.add_time_words(rows)?,
            "lexicons/word-classes.tsv" => {
                for (line, c) in rows.tsv(&["word", "class"])? {
                    let class = parse(rows, line, "word class", c[1], WordClass::from_name)?;
                    lex.word_classes.entry(c[0].to_owned()).or_default().insert(class);
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

/// The rows of a table of words and the entity classes each can stand for (`pronouns.tsv`): the lower-cased word in column `word`, then `classes`,
/// |-separated class names.
fn word_classes_table(rows: &Rows, word: &str) -> Result<Vec<(String, Vec<EntityClass>)>> {
    rows.tsv(&[word, "classes"])?
        .into_iter()
        .map(|(line, c)| {
            let classes = c[1]
                .split('|')
                .map(|n| parse(rows, line, "class", n.trim(), EntityClass::from_name))
                .collect::<Result<Vec<_>>>()?;
            Ok((c[0].to_lowercase(), classes))
        })
        .collect()
}

/// The lines of a word list, trimmed and lower-cased.
fn lower_lines<'a>(rows: &'a Rows) -> impl Iterator<Item = String> + 'a {
    rows.lines().map(|(_, l)| l.trim().to_lowercase())
}

/// Which head words a heads file gives.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Heads {
    /// `org-heads.tsv`: positions head, suffix, lower-head.
    Organization,
    /// `place-cues.tsv`: positions head, prefix.
    Place,
}

/// The loaders of the table files, one per file.
impl Lexicons {
    fn add_titles(&mut self, rows: &Rows) -> Result<()> {
        for (line, c) in rows.tsv(&["surface", "title", "kind", "org_hint"])? {
            let kind = parse(rows, line, "title kind", c[2], TitleKind::from_name)?;
            let org_hint = match c[3] {
                "" => None,
                h => Some(parse(rows, line, "org_hint", h, OrgHint::from_name)?),
            };
            let key = c[0].to_lowercase();
            self.title_max_tokens = self.title_max_tokens.max(words(&key));
            self.titles.insert(key, Title { title: c[1].to_owned(), kind, org_hint });
        }
        Ok(())
    }

    /// One-token titles matched with their exact case (`titles-exact.tsv`).
    fn add_exact_titles(&mut self, rows: &Rows) -> Result<()> {
        for (line, c) in rows.tsv(&["surface", "title", "kind", "org_hint"])? {
            if c[0].contains(' ') {
                return Err(rows.error(line, format!("an exact-case title is one token: {:?}", c[0])));
            }
            let kind = parse(rows, line, "title kind", c[2], TitleKind::from_name)?;
            let org_hint = match c[3] {
                "" => None,
                h => Some(parse(rows, line, "org_hint", h, OrgHint::from_name)?),
            };
            self.titles_exact.insert(c[0].to_owned(), Title { title: c[1].to_owned(), kind, org_hint });
        }
        Ok(())
    }

    /// `speaker-nouns.tsv`: one row per noun, with a unique id.
    fn add_speaker_nouns(&mut self, rows: &Rows) -> Result<()> {
        let mut ids = FxHashSet::default();
        for (line, c) in rows.tsv(&["id", "noun", "classes", "name_heads", "otherwise"])? {
            if !ids.insert(c[0]) {
                return Err(rows.error(line, format!("duplicate id {:?}", c[0])));
            }
            let classes = c[2]
                .split('|')
                .map(|n| parse(rows, line, "class", n.trim(), EntityClass::from_name))
                .collect::<Result<Vec<_>>>()?;
            let name_heads = match c[3] {
                "-" | "" => Vec::new(),
                heads => heads.split('|').map(|h| h.trim().to_lowercase()).collect(),
            };
            let otherwise_latest = match c[4] {
                "latest" => true,
                "none" => false,
                other => return Err(rows.error(line, format!("otherwise should be latest or none, found {other:?}"))),
            };
            let noun = SpeakerNoun { id: c[0].to_owned(), classes, name_heads, otherwise_latest };
            self.speaker_nouns.insert(c[1].to_lowercase(), noun);
        }
        Ok(())
    }

    fn add_status_markers(&mut self, rows: &Rows) -> Result<()> {
        for (line, c) in rows.tsv(&["surface", "status", "position"])? {
            let status = parse(rows, line, "status", c[1], HoldingStatus::from_name)?;
            let position = parse(rows, line, "position", c[2], MarkerPosition::from_name)?;
            self.status_markers.insert(c[0].to_lowercase(), StatusMarker { status, position });
        }
        Ok(())
    }

    fn add_heads(&mut self, rows: &Rows, heads: Heads) -> Result<()> {
        for (line, c) in rows.tsv(&["word", "position", "class"])? {
            let class = parse(rows, line, "class", c[2], EntityClass::from_name)?;
            let table = match (heads, c[1]) {
                (Heads::Organization, "head") => &mut self.org_heads,
                (Heads::Organization, "suffix") => &mut self.org_suffixes,
                (Heads::Organization, "lower-head") => {
                    self.lower_head_max_tokens = self.lower_head_max_tokens.max(words(c[0]));
                    &mut self.org_lower_heads
                }
                (Heads::Place, "head") => &mut self.place_heads,
                (Heads::Place, "prefix") => &mut self.place_prefixes,
                (_, p) => return Err(rows.error(line, format!("unknown position {p:?}"))),
            };
            table.insert(c[0].to_owned(), HeadClass { class });
        }
        Ok(())
    }

    fn add_other_heads(&mut self, rows: &Rows) -> Result<()> {
        for (line, c) in rows.tsv(&["word", "position", "kind"])? {
            let kind = parse(rows, line, "kind", c[2], OtherKind::from_name)?;
            let table = match c[1] {
                "head" => &mut self.other_heads,
                "after" => &mut self.other_after,
                p => return Err(rows.error(line, format!("unknown position {p:?}"))),
            };
            table.insert(c[0].to_owned(), kind);
        }
        Ok(())
    }

    fn add_context_cues(&mut self, rows: &Rows) -> Result<()> {
        for (line, c) in rows.tsv(&["word", "position", "class"])? {
            let class = parse(rows, line, "class", c[2], EntityClass::from_name)?;
            let table = match c[1] {
                "before" => &mut self.cue_before,
                "after" => &mut self.cue_after,
                p => return Err(rows.error(line, format!("unknown position {p:?}"))),
            };
            table.insert(c[0].to_lowercase(), class);
        }
        Ok(())
    }

    fn add_event_triggers(&mut self, rows: &Rows) -> Result<()> {
        for (line, c) in rows.tsv(&["trigger", "type", "form"])? {
            let kind = parse(rows, line, "event type", c[1], EventType::from_name)?;
            let form = parse(rows, line, "form", c[2], TriggerForm::from_name)?;
            let key = c[0].to_lowercase();
            self.trigger_max_tokens = self.trigger_max_tokens.max(words(&key));
            self.event_triggers.insert(key, TriggerWord { kind, form, constraint: None });
        }
        Ok(())
    }

    /// Expands each lemma row into its inflections (`morphology::inflect`); a form that
    /// `event-triggers.tsv` lists keeps that row.
    fn add_event_lemmas(&mut self, rows: &Rows) -> Result<()> {
        let columns = ["id", "lemma", "pos", "type", "forms", "irregular", "needs", "not_before"];
        for (line, c) in rows.tsv(&columns)? {
            if self.trigger_constraints.iter().any(|k| k.id == c[0]) {
                return Err(rows.error(line, format!("duplicate id {:?}", c[0])));
            }
            let kind = parse(rows, line, "event type", c[3], EventType::from_name)?;
            let form = parse(rows, line, "pos", c[2], TriggerForm::from_name)?;
            let all: &[Inflection] = if form == TriggerForm::Verb { &Inflection::VERB } else { &Inflection::NOUN };
            let inflections = match c[4] {
                "*" => all.to_vec(),
                list => list
                    .split('|')
                    .map(|n| {
                        parse(rows, line, "inflection", n, |n| Inflection::from_name(n).filter(|i| all.contains(i)))
                    })
                    .collect::<Result<Vec<_>>>()?,
            };
            let irregular = Some(c[5]).filter(|x| !x.is_empty() && *x != "-");
            let needs_object = match c[6] {
                "object" => true,
                "-" | "" => false,
                n => return Err(rows.error(line, format!("unknown need {n:?}"))),
            };
            let next: Vec<&str> = c[7].split('|').filter(|w| !w.is_empty() && *w != "-").collect();
            let constraint = u32::try_from(self.trigger_constraints.len()).ok();
            self.trigger_constraints.push(TriggerConstraint {
                id: c[0].to_owned(),
                needs_object,
                not_before: next.iter().filter(|w| **w != "#number").map(|w| w.to_lowercase()).collect(),
                not_before_number: next.contains(&"#number"),
            });
            let lemma = c[1].to_lowercase();
            for inflection in inflections {
                let key = inflect(&lemma, inflection, irregular);
                self.trigger_max_tokens = self.trigger_max_tokens.max(words(&key));
                self.event_triggers.entry(key).or_insert(TriggerWord { kind, form, constraint });
            }
        }
        Ok(())
    }

    fn add_modality_cues(&mut self, rows: &Rows) -> Result<()> {
        for (line, c) in rows.tsv(&["cue", "modality"])? {
            let modality = parse(rows, line, "modality", c[1], Modality::from_name)?;
            let words = c[0].to_lowercase().split_whitespace().map(str::to_owned).collect();
            self.modality_cues.push(ModalityCue { words, modality });
        }
        // By precedence; rows of one modality keep their order.
        self.modality_cues.sort_by_key(|c| c.modality);
        Ok(())
    }

    fn add_time_words(&mut self, rows: &Rows) -> Result<()> {
        for (line, c) in rows.tsv(&["words", "kind", "offset"])? {
            let key = c[0].to_lowercase();
            let offset: i64 =
                c[2].parse().map_err(|_| rows.error(line, format!("offset {:?} is no whole number", c[2])))?;
            match (c[1], offset) {
                ("day", _) => {
                    let mut earlier: Vec<String> = key.split_whitespace().map(str::to_owned).collect();
                    let Some(last) = earlier.pop() else { return Err(rows.error(line, "no words".into())) };
                    earlier.reverse();
                    let phrases = self.relative_days.entry(last).or_default();
                    phrases.retain(|p| p.earlier != earlier);
                    phrases.push(RelativeDay { earlier, days: offset });
                    phrases.sort_by_key(|p| std::cmp::Reverse(p.earlier.len()));
                }
                ("shift", -1 | 1) => {
                    self.weekday_shifts.insert(key, offset as i32);
                }
                ("shift", _) => return Err(rows.error(line, "a shift is -1 or 1".into())),
                (k, _) => return Err(rows.error(line, format!("unknown kind {k:?}"))),
            }
        }
        Ok(())
    }
}
