//! Lexicons and gazetteers as data: the files under `rules/` are compiled into the binary
//! and parsed once at start; `--rules DIR` adds the rows of same-named files in DIR.
//!
//! **Invariant:** nothing outside this module knows the file formats; stages see only the
//! lookup tables of [`Rules`] and the enums of `types.rs`, into which every closed value
//! of a row (event type, status, word class, ...) is parsed at load time. Every
//! gazetteer-made fact names its file as a rule id (`gazetteer:countries`), see [`RuleId`].

mod gazetteer;
mod lexicons;
mod morphology;
mod types;

use std::path::Path;

use sha2::{Digest, Sha256};

pub use gazetteer::{token_key, EntityClass, EntryId, GazEntry, Gazetteer};
pub use lexicons::{HeadClass, Lexicons, ModalityCue, StatusMarker, Title, TriggerConstraint, TriggerWord};
pub use types::{
    EventType, Gender, HoldingStatus, MarkerPosition, Modality, OrgHint, OtherKind, SpeechKind, TitleKind, TriggerForm,
    WordClass,
};

use crate::error::{Error, Result};
use crate::text::Abbreviations;

/// A stable rule identifier, written with every fact as `nkg:rule`.
pub type RuleId = &'static str;

/// The built-in rule files: (path under `rules/`, contents).
pub const BUILTIN: &[(&str, &str)] = &[
    ("gazetteer/countries.tsv", include_str!("../../rules/gazetteer/countries.tsv")),
    ("gazetteer/us-states.tsv", include_str!("../../rules/gazetteer/us-states.tsv")),
    ("gazetteer/cities.tsv", include_str!("../../rules/gazetteer/cities.tsv")),
    ("gazetteer/geonames-cities.tsv", include_str!("../../rules/gazetteer/geonames-cities.tsv")),
    ("gazetteer/places.tsv", include_str!("../../rules/gazetteer/places.tsv")),
    ("gazetteer/organizations.tsv", include_str!("../../rules/gazetteer/organizations.tsv")),
    ("gazetteer/sports-clubs.tsv", include_str!("../../rules/gazetteer/sports-clubs.tsv")),
    ("gazetteer/news-outlets.tsv", include_str!("../../rules/gazetteer/news-outlets.tsv")),
    ("gazetteer/other-names.tsv", include_str!("../../rules/gazetteer/other-names.tsv")),
    ("lexicons/abbreviations.tsv", include_str!("../../rules/lexicons/abbreviations.tsv")),
    ("lexicons/hyphen-suffixes.txt", include_str!("../../rules/lexicons/hyphen-suffixes.txt")),
    ("lexicons/web-domains.txt", include_str!("../../rules/lexicons/web-domains.txt")),
    ("lexicons/first-names.txt", include_str!("../../rules/lexicons/first-names.txt")),
    ("lexicons/place-given-names.txt", include_str!("../../rules/lexicons/place-given-names.txt")),
    ("lexicons/first-name-genders.tsv", include_str!("../../rules/lexicons/first-name-genders.tsv")),
    ("lexicons/surname-particles.txt", include_str!("../../rules/lexicons/surname-particles.txt")),
    ("lexicons/common-words.txt", include_str!("../../rules/lexicons/common-words.txt")),
    ("lexicons/english-words.txt", include_str!("../../rules/lexicons/english-words.txt")),
    ("lexicons/titles.tsv", include_str!("../../rules/lexicons/titles.tsv")),
    ("lexicons/titles-exact.tsv", include_str!("../../rules/lexicons/titles-exact.tsv")),
    ("lexicons/status-markers.tsv", include_str!("../../rules/lexicons/status-markers.tsv")),
    ("lexicons/org-heads.tsv", include_str!("../../rules/lexicons/org-heads.tsv")),
    ("lexicons/place-cues.tsv", include_str!("../../rules/lexicons/place-cues.tsv")),
    ("lexicons/other-heads.tsv", include_str!("../../rules/lexicons/other-heads.tsv")),
    ("lexicons/context-cues.tsv", include_str!("../../rules/lexicons/context-cues.tsv")),
    ("lexicons/speech-verbs.tsv", include_str!("../../rules/lexicons/speech-verbs.tsv")),
    ("lexicons/speaker-nouns.tsv", include_str!("../../rules/lexicons/speaker-nouns.tsv")),
    ("lexicons/source-nouns.tsv", include_str!("../../rules/lexicons/source-nouns.tsv")),
    ("lexicons/event-triggers.tsv", include_str!("../../rules/lexicons/event-triggers.tsv")),
    ("lexicons/event-lemmas.tsv", include_str!("../../rules/lexicons/event-lemmas.tsv")),
    ("lexicons/modality-cues.tsv", include_str!("../../rules/lexicons/modality-cues.tsv")),
    ("lexicons/pronouns.tsv", include_str!("../../rules/lexicons/pronouns.tsv")),
    ("lexicons/time-words.tsv", include_str!("../../rules/lexicons/time-words.tsv")),
    ("lexicons/word-classes.tsv", include_str!("../../rules/lexicons/word-classes.tsv")),
];

/// Every table the extraction stages consult.
#[derive(Debug, Clone)]
pub struct Rules {
    pub abbreviations: Abbreviations,
    pub gazetteer: Gazetteer,
    pub lexicons: Lexicons,
    /// SHA-256 (hex) of the rule files in use, see [`Rules::digest`].
    digest: String,
}

impl Rules {
    /// The rules compiled into the binary.
    pub fn builtin() -> Result<Rules> {
        RulesBuilder::default().with_files(BUILTIN.iter().map(|(p, c)| (p.to_string(), c.to_string())))?.finish()
    }

    /// The built-in rules plus the rows of the same-named files found in `dir`
    /// (`dir/gazetteer/countries.tsv`, `dir/lexicons/titles.tsv`, ...).
    pub fn builtin_with_dir(dir: &Path) -> Result<Rules> {
        let mut files: Vec<(String, String)> = BUILTIN.iter().map(|(p, c)| (p.to_string(), c.to_string())).collect();
        let mut found = 0;
        for (name, _) in BUILTIN {
            let path = dir.join(name);
            if path.is_file() {
                let extra =
                    std::fs::read_to_string(&path).map_err(|source| Error::Io { path: path.clone(), source })?;
                files.push((name.to_string(), extra));
                found += 1;
            }
        }
        if found == 0 {
            return Err(Error::Rules {
                file: dir.display().to_string(),
                line: 0,
                reason: "no rule file found (expected e.g. gazetteer/countries.tsv or lexicons/titles.tsv)".into(),
            });
        }
        RulesBuilder::default().with_files(files)?.finish()
    }

    /// The SHA-256 (lowercase hex) of the rule files in use: each file's name and bytes,
    /// length-prefixed, in load order (the built-in files in [`BUILTIN`] order, then the
    /// same-named files of `--rules DIR` in that order). Computed once at load.
    /// **Invariant:** the same rule files give the same digest on every platform; any
    /// change of a byte, a name or the order gives another.
    pub fn digest(&self) -> &str {
        &self.digest
    }
}

/// Accumulates rule files, then builds the lookup tables.
#[derive(Default)]
struct RulesBuilder {
    abbreviations: Abbreviations,
    gazetteer: gazetteer::GazetteerBuilder,
    lexicons: lexicons::LexiconsBuilder,
    /// The hash of the files added so far (see [`Rules::digest`]).
    digest: Sha256,
}

impl RulesBuilder {
    fn with_files(mut self, files: impl IntoIterator<Item = (String, String)>) -> Result<Self> {
        for (name, content) in files {
            for part in [name.as_bytes(), content.as_bytes()] {
                self.digest.update((part.len() as u64).to_le_bytes());
                self.digest.update(part);
            }
            self.add(&name, &content)?;
        }
        Ok(self)
    }

    fn add(&mut self, name: &str, content: &str) -> Result<()> {
        let rows = Rows::new(name, content);
        match name {
            "lexicons/abbreviations.tsv" => {
                for row in rows.tsv(&["abbreviation", "kind"])? {
                    let (line, cols) = row;
                    let lower = cols[0].to_lowercase();
                    match cols[1] {
                        "inner" => self.abbreviations.inner.insert(lower),
                        "terminal" => self.abbreviations.terminal.insert(lower),
                        other => return Err(rows.error(line, format!("unknown kind {other:?}"))),
                    };
                }
                Ok(())
            }
            "lexicons/hyphen-suffixes.txt" => {
                self.abbreviations.split_suffixes.extend(rows.lines().map(|(_, l)| l.trim().to_lowercase()));
                Ok(())
            }
            "lexicons/web-domains.txt" => {
                self.abbreviations.web_domains.extend(rows.lines().map(|(_, l)| l.trim().to_lowercase()));
                Ok(())
            }
            n if n.starts_with("gazetteer/") => self.gazetteer.add(&rows),
            _ => self.lexicons.add(&rows),
        }
    }

    fn finish(self) -> Result<Rules> {
        Ok(Rules {
            gazetteer: self.gazetteer.finish(&self.abbreviations),
            lexicons: self.lexicons.finish(),
            abbreviations: self.abbreviations,
            digest: self.digest.finalize().iter().map(|b| format!("{b:02x}")).collect(),
        })
    }
}

/// The data lines of one rule file: `#` comments and blank lines skipped.
pub(crate) struct Rows<'a> {
    pub name: &'a str,
    content: &'a str,
}

impl<'a> Rows<'a> {
    fn new(name: &'a str, content: &'a str) -> Self {
        Rows { name, content }
    }

    /// The file stem, used in rule ids (`countries` for `gazetteer/countries.tsv`).
    pub fn stem(&self) -> &'a str {
        let base = self.name.rsplit('/').next().unwrap_or(self.name);
        base.split('.').next().unwrap_or(base)
    }

    pub fn error(&self, line: usize, reason: String) -> Error {
        Error::Rules { file: format!("rules/{}", self.name), line, reason }
    }

    /// Non-comment, non-blank lines with their line numbers.
    pub fn lines(&self) -> impl Iterator<Item = (usize, &'a str)> {
        self.content
            .lines()
            .enumerate()
            .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
            .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
    }

    /// TSV rows after a header that must equal `columns`; each row has that many fields.
    pub fn tsv(&self, columns: &[&str]) -> Result<Vec<(usize, Vec<&'a str>)>> {
        let mut lines = self.lines();
        let Some((hl, header)) = lines.next() else { return Ok(Vec::new()) };
        let got: Vec<&str> = header.split('\t').collect();
        if got != columns {
            return Err(self.error(hl, format!("header should be {:?}, found {:?}", columns.join("\t"), header)));
        }
        lines
            .map(|(n, l)| {
                let cols: Vec<&str> = l.split('\t').map(str::trim).collect();
                if cols.len() != columns.len() {
                    return Err(
                        self.error(n, format!("expected {} tab-separated fields, found {}", columns.len(), cols.len()))
                    );
                }
                Ok((n, cols))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_rules_load() {
        let r = Rules::builtin().expect("built-in rules parse");
        assert!(r.abbreviations.inner.contains("sen."));
        assert!(r.gazetteer.len() > 500);
        assert!(r.lexicons.first_names.contains("Michelle"));
    }

    #[test]
    fn the_digest_is_stable_and_changes_with_any_rule_file() {
        let builtin = Rules::builtin().unwrap();
        assert_eq!(builtin.digest(), Rules::builtin().unwrap().digest());
        assert_eq!(builtin.digest().len(), 64);
        let build = |files: &[(&str, &str)]| {
            let files = files.iter().map(|(n, c)| (n.to_string(), c.to_string()));
            RulesBuilder::default().with_files(files).unwrap().finish().unwrap().digest().to_owned()
        };
        let one = build(&[("lexicons/hyphen-suffixes.txt", "elect\n")]);
        assert_eq!(one, build(&[("lexicons/hyphen-suffixes.txt", "elect\n")]));
        assert_ne!(one, build(&[("lexicons/hyphen-suffixes.txt", "elect\n\n")]), "a byte more");
        assert_ne!(one, build(&[("lexicons/hyphen-suffixes.txt", "elect\n"), ("lexicons/hyphen-suffixes.txt", "")]));
        // Length prefixes: moving a line from one file to the next changes the digest.
        assert_ne!(
            build(&[("lexicons/common-words.txt", "ab\n"), ("lexicons/first-names.txt", "")]),
            build(&[("lexicons/common-words.txt", ""), ("lexicons/first-names.txt", "ab\n")])
        );
    }

    #[test]
    fn a_bad_row_names_file_and_line() {
        let mut b = RulesBuilder::default();
        let e = b.add("lexicons/abbreviations.tsv", "abbreviation\tkind\nSen.\n").unwrap_err().to_string();
        assert_eq!(e, "rules/lexicons/abbreviations.tsv:2: expected 2 tab-separated fields, found 1");
    }
}
