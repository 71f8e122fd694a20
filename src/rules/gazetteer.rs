//! The gazetteer: known places and organisations with their aliases, demonyms and Wikidata
//! ids, looked up by token sequence.

use rustc_hash::{FxHashMap, FxHashSet};

use super::Rows;
use crate::error::Result;
use crate::text::{tokenize_paragraph, Abbreviations};

/// The entity classes of the ontology that newskg assigns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityClass {
    Person,
    Organization,
    NewsOrganization,
    GovernmentOrganization,
    InternationalOrganization,
    Company,
    Place,
    Country,
    AdministrativeArea,
    City,
    /// A named thing that is none of the contract's classes: a product ("Airbus A380"), a
    /// market index ("Hang Seng Index"), a named event ("Olympic Games"), a programme. Such
    /// names are recognised so that their words are not read as people, organisations or
    /// places; they are not emitted as entities.
    Other,
}

impl EntityClass {
    /// The contract's base type: Person, Organization or Place.
    pub fn base(self) -> EntityClass {
        use EntityClass::*;
        match self {
            Person => Person,
            Organization | NewsOrganization | GovernmentOrganization | InternationalOrganization | Company => {
                Organization
            }
            Place | Country | AdministrativeArea | City => Place,
            Other => Other,
        }
    }

    /// The class's local name in the ontology (`nkg:Country`).
    pub fn local_name(self) -> &'static str {
        use EntityClass::*;
        match self {
            Person => "Person",
            Organization => "Organization",
            NewsOrganization => "NewsOrganization",
            GovernmentOrganization => "GovernmentOrganization",
            InternationalOrganization => "InternationalOrganization",
            Company => "Company",
            Place => "Place",
            Country => "Country",
            AdministrativeArea => "AdministrativeArea",
            City => "City",
            Other => "Other",
        }
    }

    pub fn from_name(s: &str) -> Option<EntityClass> {
        use EntityClass::*;
        Some(match s {
            "Person" => Person,
            "Organization" => Organization,
            "NewsOrganization" => NewsOrganization,
            "GovernmentOrganization" => GovernmentOrganization,
            "InternationalOrganization" => InternationalOrganization,
            "Company" => Company,
            "Place" => Place,
            "Country" => Country,
            "AdministrativeArea" => AdministrativeArea,
            "City" => City,
            "Other" => Other,
            _ => return None,
        })
    }

    /// Which reading wins when one name is in several entries: countries, then cities
    /// ("New York", "Washington"), then other places, then organisations.
    fn priority(self) -> u8 {
        use EntityClass::*;
        match self {
            Country => 0,
            City => 1,
            AdministrativeArea => 2,
            Place => 3,
            InternationalOrganization | GovernmentOrganization => 4,
            NewsOrganization => 5,
            Company | Organization => 6,
            Person => 7,
            Other => 8,
        }
    }
}

/// A gazetteer entry: its position in the gazetteer's rows, in load order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntryId(u32);

impl EntryId {
    /// The entry's position in the gazetteer's rows.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// One gazetteer row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GazEntry {
    pub name: String,
    pub class: EntityClass,
    pub wikidata: Option<String>,
    /// The rule id: `gazetteer:` and the file stem.
    pub rule: &'static str,
}

/// Lookup tables over the gazetteer rows.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    entries: Vec<GazEntry>,
    /// Token key of a name or alias → entries, best reading first.
    by_key: FxHashMap<String, Vec<EntryId>>,
    /// Token key of a demonym → entry.
    demonyms: FxHashMap<String, EntryId>,
    /// First token of a name or alias → the most tokens of a name starting with it, so
    /// that a word that starts no name costs one look-up.
    first_tokens: FxHashMap<String, usize>,
}

/// The key under which a sequence of token texts is looked up: the tokens joined by one
/// space, with typographic apostrophes made straight.
pub fn token_key<'a>(tokens: impl IntoIterator<Item = &'a str>) -> String {
    let mut key = String::new();
    for (i, t) in tokens.into_iter().enumerate() {
        if i > 0 {
            key.push(' ');
        }
        key.extend(t.chars().map(|c| if c == '\u{2019}' { '\'' } else { c }));
    }
    key
}

impl Gazetteer {
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn entry(&self, id: EntryId) -> &GazEntry {
        &self.entries[id.index()]
    }

    /// The longest phrase that tokens `words[0..]` start with, as (token count, entry).
    pub fn longest_match(&self, words: &[&str]) -> Option<(usize, EntryId)> {
        let first = words.first()?;
        let first: std::borrow::Cow<str> =
            if first.contains('\u{2019}') { token_key([*first]).into() } else { (*first).into() };
        let n = words.len().min(*self.first_tokens.get(first.as_ref())?);
        (1..=n).rev().find_map(|k| self.by_key.get(&token_key(words[..k].iter().copied())).map(|e| (k, e[0])))
    }

    /// The entries whose name or alias is exactly this token key.
    pub fn lookup(&self, key: &str) -> &[EntryId] {
        self.by_key.get(key).map_or(&[], Vec::as_slice)
    }

    /// The entry a demonym ("Iranian", "North Koreans") stands for.
    pub fn demonym(&self, key: &str) -> Option<EntryId> {
        self.demonyms.get(key).copied()
    }

    /// The entry with this canonical name and class, if any.
    pub fn find(&self, name: &str, class: EntityClass) -> Option<EntryId> {
        self.entries.iter().position(|e| e.name == name && e.class == class).and_then(entry_id)
    }
}

fn entry_id(index: usize) -> Option<EntryId> {
    u32::try_from(index).ok().map(EntryId)
}

#[derive(Default)]
pub(super) struct GazetteerBuilder {
    rows: Vec<(GazEntry, Vec<String>, Vec<String>)>,
}

impl GazetteerBuilder {
    pub fn add(&mut self, rows: &Rows) -> Result<()> {
        let rule: &'static str = Box::leak(format!("gazetteer:{}", rows.stem()).into_boxed_str());
        for (line, cols) in rows.tsv(&["name", "class", "aliases", "demonyms", "wikidata"])? {
            let class = EntityClass::from_name(cols[1])
                .ok_or_else(|| rows.error(line, format!("unknown class {:?}", cols[1])))?;
            if cols[0].is_empty() {
                return Err(rows.error(line, "empty name".into()));
            }
            let wikidata = match cols[4] {
                "" => None,
                q if q.starts_with('Q') && q.len() > 1 && q[1..].bytes().all(|b| b.is_ascii_digit()) => {
                    Some(q.to_owned())
                }
                q => return Err(rows.error(line, format!("not a Wikidata id: {q:?}"))),
            };
            let split =
                |s: &str| s.split('|').map(str::trim).filter(|a| !a.is_empty()).map(str::to_owned).collect::<Vec<_>>();
            self.rows.push((
                GazEntry { name: cols[0].to_owned(), class, wikidata, rule },
                split(cols[2]),
                split(cols[3]),
            ));
        }
        Ok(())
    }

    pub fn finish(self, abbreviations: &Abbreviations) -> Gazetteer {
        let mut g = Gazetteer::default();
        let key_of = |s: &str| {
            let (toks, _) = tokenize_paragraph(s, 0..s.len(), abbreviations);
            (token_key(toks.iter().map(|t| &s[t.start..t.end])), toks.len())
        };
        // Every demonym, so that "The Australian" (a newspaper) does not take "Australian".
        let all_demonyms: FxHashSet<String> = self.rows.iter().flat_map(|(_, _, d)| d.iter().cloned()).collect();
        for (entry, aliases, demonyms) in self.rows {
            // Rows past 2^32 (never met: the built-in gazetteer has thousands) are not loaded.
            let Some(i) = entry_id(g.entries.len()) else { break };
            let mut names = vec![entry.name.clone()];
            names.extend(aliases);
            // "The New York Times" is also found as "New York Times".
            let extra: Vec<String> = names
                .iter()
                .filter_map(|n| n.strip_prefix("The ").map(str::to_owned))
                .filter(|n| !all_demonyms.contains(n))
                .collect();
            names.extend(extra);
            for n in names {
                let (key, len) = key_of(&n);
                let first = key.split(' ').next().unwrap_or_default().to_owned();
                let longest = g.first_tokens.entry(first).or_default();
                *longest = (*longest).max(len);
                let list = g.by_key.entry(key).or_default();
                if !list.contains(&i) {
                    list.push(i);
                }
            }
            for d in demonyms {
                let (key, _) = key_of(&d);
                g.demonyms.entry(key).or_insert(i);
            }
            g.entries.push(entry);
        }
        let entries = &g.entries;
        for list in g.by_key.values_mut() {
            list.sort_by_key(|&i| (entries[i.index()].class.priority(), i));
        }
        g
    }
}
