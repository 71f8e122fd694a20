//! Typing and in-article coreference: turns candidate mentions into one [`Entity`] per
//! real entity.
//!
//! Policy, in order: gazetteer entries and demonyms are their entry; described
//! organisations with the same owner and a shared head word are one ("Trump transition",
//! "Trump transition team"); names with the same normalised form are one; a short name
//! that is the surname or given name of a longer person name is that person ("Musk" →
//! "Elon Musk"), also across middle initials and generational suffixes ("John Q. Doe Jr." =
//! "John Doe" = "Doe") and when the longer name is untyped but reads as a full name; an acronym introduced in brackets after a name, or whose letters are the
//! initials of a name in the article, is that name ("KCNA"). Untyped names take the type of
//! the cluster they join, else a context hint, else a default (two or more name-like words:
//! a person); an untyped lone word that nothing supports is dropped.

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap;

mod class;
mod cues;
mod labels;

use class::cluster_class;
use labels::{alt_labels, case_variant_to_show, identity_of};

use super::index::CandidatesAt;
use super::mentions::{name_span, Candidate, Kind};
use super::{Entity, EntityId, Evidence};
use crate::rules::{token_key, EntityClass, Rules, WordClass};
use crate::text::{is_all_caps, Doc};

/// The entities of a document, and which entity each candidate became.
#[derive(Debug, Clone, Default)]
pub struct Resolved {
    pub entities: Vec<Entity>,
    /// Per candidate (same order as the input): its entity, if it was kept.
    pub of_candidate: Vec<Option<EntityId>>,
}

/// Normalised form of a name for identity within an article: lower case, letters and
/// digits only, single spaces, no leading "the".
pub fn name_key(s: &str) -> String {
    let mut out = String::new();
    let s = s.replace('.', "").replace('\u{2019}', "'").replace("'s ", " ");
    let s = s.strip_suffix("'s").unwrap_or(&s);
    for w in s.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}') {
        let w: String = w.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
        if w.is_empty() || (out.is_empty() && w == "the") {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&w);
    }
    out
}

struct Sets(Vec<usize>);

impl Sets {
    fn find(&mut self, x: usize) -> usize {
        let mut r = x;
        while self.0[r] != r {
            r = self.0[r];
        }
        let mut y = x;
        while self.0[y] != r {
            let n = self.0[y];
            self.0[y] = r;
            y = n;
        }
        r
    }
    /// Joins the sets of `a` and `b`; the smaller index stays the root (first mention).
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.0[hi] = lo;
        }
    }
}

/// The candidates of a document with their names, classes and the sets they are joined
/// into, while the linking passes run.
struct Linking<'a> {
    doc: &'a Doc<'a>,
    rules: &'a Rules,
    candidates: &'a [Candidate],
    /// Each candidate's name as written.
    surface: &'a [String],
    /// Each candidate's name key (`name_key`) and its words.
    keys: &'a [String],
    words: &'a [Vec<&'a str>],
    /// Each candidate's words without middle initials and generational suffixes
    /// (`core_words`: "John Q. Doe Jr." → "john doe").
    cores: &'a [Vec<&'a str>],
    /// Each candidate's class, where known so far.
    class: Vec<Option<EntityClass>>,
    sets: Sets,
    /// Where each candidate starts and ends: the passes look up their neighbours here
    /// instead of scanning every candidate (long articles have tens of thousands).
    at: &'a CandidatesAt,
}

/// Resolves candidates into entities (`at` says where each starts and ends): the linking
/// passes of the module comment, in order, then one entity per set.
pub fn resolve(doc: &Doc, rules: &Rules, candidates: &[Candidate], at: &CandidatesAt) -> Resolved {
    let surface: Vec<String> = candidates.iter().map(|c| doc.text[name_span(doc, c)].to_owned()).collect();
    let keys: Vec<String> = surface.iter().map(|s| name_key(s)).collect();
    let words: Vec<Vec<&str>> = keys.iter().map(|k| k.split(' ').collect()).collect();
    let class = candidates
        .iter()
        .map(|c| match &c.kind {
            Kind::Gazetteer(e) | Kind::Demonym(e) => Some(rules.gazetteer.entry(*e).class),
            Kind::Name(cl) => *cl,
            Kind::Described { class, .. } => Some(*class),
        })
        .collect();
    let cores: Vec<Vec<&str>> = words.iter().map(|w| core_words(rules, w)).collect();
    let sets = Sets((0..candidates.len()).collect());
    let mut l = Linking {
        doc,
        rules,
        candidates,
        surface: &surface,
        keys: &keys,
        words: &words,
        cores: &cores,
        class,
        sets,
        at,
    };
    l.same_names();
    l.same_person_cores();
    l.same_owner_descriptions();
    l.description_before_name();
    l.names_explained_in_brackets();
    l.acronyms_in_brackets();
    l.acronyms_of_initials();
    l.partial_person_names();
    l.surnames_of_untyped_full_names();
    l.lone_words_inside_names();
    l.into_entities()
}

impl Linking<'_> {
    fn n(&self) -> usize {
        self.candidates.len()
    }

    /// The first candidate (by index) starting at token `t` that passes `ok`.
    fn first_starting_at(&self, t: usize, ok: impl Fn(usize) -> bool) -> Option<usize> {
        self.at.starting_at(t).iter().copied().find(|&j| ok(j))
    }

    /// Same entry, same normalised name; a name that is also a gazetteer form joins that
    /// entry ("New York Times").
    fn same_names(&mut self) {
        let mut by_key: FxHashMap<String, usize> = FxHashMap::default();
        for (i, c) in self.candidates.iter().enumerate() {
            let key = match &c.kind {
                Kind::Gazetteer(e) | Kind::Demonym(e) => format!("g{}", e.index()),
                Kind::Name(_) => match self.rules.gazetteer.lookup(&token_key(self.surface[i].split(' '))).first() {
                    Some(e) => format!("g{}", e.index()),
                    None => format!("n{}", self.keys[i]),
                },
                Kind::Described { .. } => continue,
            };
            match by_key.get(&key) {
                Some(&j) => self.sets.union(i, j),
                None => {
                    by_key.insert(key, i);
                }
            }
        }
    }

    /// Person names that differ only by middle initials or a generational suffix: "John Q.
    /// Doe Jr." is "John Doe". Two names that both have such words and differ in them are two
    /// people ("John Doe Jr." and "John Doe Sr."); names of another class are left alone.
    fn same_person_cores(&mut self) {
        let (words, cores) = (self.words, self.cores);
        // The words a name has beyond its core, in order.
        let extra = |i: usize| -> Vec<&str> {
            let mut core = cores[i].iter().peekable();
            words[i].iter().copied().filter(|w| core.next_if(|c| *c == w).is_none()).collect()
        };
        let mut by_core: FxHashMap<&[&str], Vec<usize>> = FxHashMap::default();
        for (i, core) in cores.iter().enumerate() {
            let core: &[&str] = core;
            if core.len() < 2
                || !matches!(self.candidates[i].kind, Kind::Name(_))
                || self.class[i].is_some_and(|c| c != EntityClass::Person)
            {
                continue;
            }
            let extra_i = extra(i);
            let same = by_core.entry(core).or_default();
            let found = same.iter().copied().find(|&j| {
                let extra_j = extra(j);
                extra_i.is_empty() || extra_j.is_empty() || extra_i == extra_j
            });
            match found {
                Some(j) => {
                    self.sets.union(i, j);
                    let person = self.class[i].or(self.class[j]);
                    self.class[i] = person;
                    self.class[j] = person;
                }
                None => same.push(i),
            }
        }
    }

    /// Described organisations: same owner entity and a shared head word ("Trump
    /// transition", "Trump transition team"). Owners are looked up once per description, not
    /// once per pair: the pairs are quadratic already.
    fn same_owner_descriptions(&mut self) {
        let candidates = self.candidates;
        let owner_of: Vec<Option<usize>> = candidates
            .iter()
            .map(|c| match &c.kind {
                Kind::Described { owner, .. } => self.first_starting_at(owner.start, |o| {
                    candidates[o].tokens == *owner && !matches!(candidates[o].kind, Kind::Described { .. })
                }),
                _ => None,
            })
            .collect();
        // Owners' sets hold no descriptions, so these unions do not change the owners'
        // roots: descriptions are grouped by owner root and compared within their group.
        let mut by_owner: BTreeMap<usize, Vec<(usize, BTreeSet<&str>)>> = BTreeMap::new();
        for (i, owner) in owner_of.iter().enumerate() {
            let Some(oi) = *owner else { continue };
            let heads_i: BTreeSet<&str> = head_words(&self.keys[i], &self.keys[oi]);
            let group = by_owner.entry(self.sets.find(oi)).or_default();
            for (j, heads_j) in group.iter() {
                if !heads_i.is_disjoint(heads_j) {
                    self.sets.union(i, *j);
                }
            }
            group.push((i, heads_i));
        }
    }

    /// A description right before a name is that name: "the Norwegian news agency NTB".
    fn description_before_name(&mut self) {
        let candidates = self.candidates;
        for i in 0..self.n() {
            if !matches!(candidates[i].kind, Kind::Described { .. }) {
                continue;
            }
            let next =
                self.first_starting_at(candidates[i].tokens.end, |j| !matches!(candidates[j].kind, Kind::Demonym(_)));
            if let Some(j) = next {
                if self.class[j].is_none_or(|c| c.base() == EntityClass::Organization) {
                    self.sets.union(i, j);
                    self.class[j] = self.class[j].or(self.class[i]);
                }
            }
        }
    }

    /// A name explained in brackets: "CEI (Italian Episcopal Conference)".
    fn names_explained_in_brackets(&mut self) {
        let (doc, candidates) = (self.doc, self.candidates);
        for i in 0..self.n() {
            let t = candidates[i].tokens.end;
            if t + 3 >= doc.tokens.len() || doc.tok(t) != "(" {
                continue;
            }
            let Some(j) = self.first_starting_at(t + 1, |j| {
                candidates[j].tokens.end < doc.tokens.len() && doc.tok(candidates[j].tokens.end) == ")"
            }) else {
                continue;
            };
            let acronym = |k: usize| candidates[k].tokens.len() == 1 && is_all_caps(&self.surface[k]);
            if acronym(i) != acronym(j)
                && !matches!(candidates[j].kind, Kind::Demonym(_))
                && !matches!(candidates[i].kind, Kind::Demonym(_))
                && !self.other_entry_in_brackets(i, j)
            {
                self.sets.union(i, j);
                let c = self.class[i].or(self.class[j]);
                self.class[i] = c;
                self.class[j] = c;
            }
        }
    }

    /// Acronyms introduced in brackets: "Korean Central News Agency (KCNA)".
    fn acronyms_in_brackets(&mut self) {
        let (doc, candidates) = (self.doc, self.candidates);
        let bracketed = |a: &str, b: &str| matches!((a, b), ("(", ")") | ("[", "]"));
        for i in 0..self.n() {
            let t = candidates[i].tokens.end;
            if t + 2 >= doc.tokens.len() || !bracketed(doc.tok(t), doc.tok(t + 2)) {
                continue;
            }
            if let Some(j) = self.first_starting_at(t + 1, |j| candidates[j].tokens == (t + 1..t + 2)) {
                if !matches!(candidates[i].kind, Kind::Demonym(_)) && !self.other_entry_in_brackets(i, j) {
                    self.sets.union(i, j);
                    if self.class[j].is_none() || self.class[j] == Some(EntityClass::Organization) {
                        self.class[j] = self.class[i].or(self.class[j]);
                    }
                }
            }
        }
    }

    /// Whether the bracketed name `j` after name `i` is another entity, not an explanation
    /// of `i`: two different gazetteer entries ("LOS ANGELES (AP)"), a known place and an
    /// acronym that does not start with its first letter (the outlet of a dateline,
    /// "SPRINGFIELD, Ill. (XNS)"; "Democratic Republic of Congo (DRC)" still joins), or a
    /// known acronym after a name whose initials do not start with it and that does not
    /// hold it ("HOLLOWAY FALLS (AP)").
    fn other_entry_in_brackets(&self, i: usize, j: usize) -> bool {
        let (candidates, gaz) = (self.candidates, &self.rules.gazetteer);
        let place = |k: usize| match candidates[k].kind {
            Kind::Gazetteer(e) => gaz.entry(e).class.base() == EntityClass::Place,
            _ => false,
        };
        let acronym = |k: usize| candidates[k].tokens.len() == 1 && is_all_caps(&self.surface[k]);
        let first_letter = |k: usize| self.keys[k].chars().next();
        let unrelated_acronym = |a: usize, b: usize| place(a) && acronym(b) && first_letter(a) != first_letter(b);
        // A known acronym explains only a name whose initials it spells.
        let known_acronym = |k: usize| acronym(k) && matches!(candidates[k].kind, Kind::Gazetteer(_));
        // "General Motors Corporation (GM)", "Acme Group AG (AG)": the initials may go on
        // past the acronym, or the name may hold it whole.
        let unspelled = |a: usize, b: usize| {
            matches!(candidates[a].kind, Kind::Name(_))
                && known_acronym(b)
                && !initials(self.rules, &self.words[a]).starts_with(self.keys[b].as_str())
                && !self.words[a].contains(&self.keys[b].as_str())
        };
        match (&candidates[i].kind, &candidates[j].kind) {
            (Kind::Gazetteer(a), Kind::Gazetteer(b)) if a != b => true,
            _ => unrelated_acronym(i, j) || unrelated_acronym(j, i) || unspelled(i, j) || unspelled(j, i),
        }
    }

    /// Acronyms whose letters are the initials of a name in the article ("KCNA").
    fn acronyms_of_initials(&mut self) {
        // The first name (by index) with each string of initials; no class changes here.
        let mut by_initials: FxHashMap<String, usize> = FxHashMap::default();
        for j in 0..self.n() {
            if self.words[j].len() >= 2 && self.class[j].is_none_or(|c| c.base() == EntityClass::Organization) {
                by_initials.entry(initials(self.rules, &self.words[j])).or_insert(j);
            }
        }
        for i in 0..self.n() {
            let s = self.surface[i].replace('.', "");
            if !is_all_caps(&s) || s.contains(' ') || !matches!(self.candidates[i].kind, Kind::Name(_)) {
                continue;
            }
            if let Some(&j) = by_initials.get(&s.to_lowercase()) {
                self.sets.union(i, j);
            }
        }
    }

    /// Partial person names: "Musk" → "Elon Musk", "Kim" → "Kim Jong-un". A surname match
    /// first, then the nearest earlier mention, then the first later one. The people are
    /// indexed by the proper prefixes and suffixes of their names, so each look-up costs
    /// the matches, not the article (a name that becomes a person's joins the index).
    fn partial_person_names(&mut self) {
        let (words, cores) = (self.words, self.cores);
        let mut affixes: FxHashMap<(bool, &[&str]), Vec<usize>> = FxHashMap::default();
        for j in (0..self.n()).filter(|&j| self.class[j] == Some(EntityClass::Person)) {
            index_affixes(&mut affixes, &words[j], j);
            index_affixes(&mut affixes, &cores[j], j);
        }
        let nearest = |list: Option<&Vec<usize>>, i: usize, skip: &dyn Fn(usize) -> bool| -> Option<usize> {
            let list = list?;
            let at = list.partition_point(|&x| x < i);
            list[..at].iter().rev().chain(&list[at..]).copied().find(|&j| j != i && !skip(j))
        };
        for i in 0..self.n() {
            if !matches!(self.candidates[i].kind, Kind::Name(_))
                || self.class[i].is_some_and(|c| c != EntityClass::Person)
            {
                continue;
            }
            let wi: &[&str] = &words[i];
            let ci: &[&str] = &cores[i];
            let best = nearest(affixes.get(&(true, wi)), i, &|_| false)
                .or_else(|| nearest(affixes.get(&(false, wi)), i, &|j| words[j].ends_with(wi)))
                .or_else(|| nearest(affixes.get(&(true, ci)), i, &|_| ci.is_empty()));
            if let Some(j) = best {
                self.sets.union(i, j);
                if self.class[i] != Some(EntityClass::Person) {
                    self.class[i] = Some(EntityClass::Person);
                    index_affixes(&mut affixes, &words[i], i);
                    index_affixes(&mut affixes, &cores[i], i);
                }
            }
        }
    }

    /// A one-word name that is the last word of an untyped name reading as a person's full
    /// name (`class::person_like`: "Gwynne Shotwell", whose given name no list has) is that
    /// name, the nearest earlier one first. Classes are left to the joined cluster's votes.
    fn surnames_of_untyped_full_names(&mut self) {
        let (doc, rules, candidates, words) = (self.doc, self.rules, self.candidates, self.words);
        let mut by_last: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
        for j in 0..self.n() {
            if self.class[j].is_none()
                && matches!(candidates[j].kind, Kind::Name(_))
                && class::person_like(doc, rules, &candidates[j], words[j].len())
            {
                if let Some(last) = self.cores[j].last() {
                    by_last.entry(last).or_default().push(j);
                }
            }
        }
        for i in 0..self.n() {
            if words[i].len() != 1
                || !matches!(candidates[i].kind, Kind::Name(_))
                || self.class[i].is_some_and(|c| c != EntityClass::Person)
            {
                continue;
            }
            let Some(list) = by_last.get(words[i][0]) else { continue };
            let at = list.partition_point(|&j| j < i);
            if let Some(&j) = list[..at].iter().rev().chain(&list[at..]).next() {
                self.sets.union(i, j);
            }
        }
    }

    /// A lone untyped word inside a longer organisation or place name is that entity
    /// ("Scientology" after "Church of Scientology").
    fn lone_words_inside_names(&mut self) {
        // The first longer organisation or place name (by index) with each word; no class
        // changes here.
        let mut by_word: FxHashMap<&str, usize> = FxHashMap::default();
        for j in 0..self.n() {
            if self.words[j].len() > 1
                && self.class[j].is_some_and(|c| c.base() != EntityClass::Person)
                && !matches!(self.candidates[j].kind, Kind::Described { .. })
            {
                for w in &self.words[j] {
                    by_word.entry(w).or_insert(j);
                }
            }
        }
        for i in 0..self.n() {
            if self.class[i].is_some() || self.words[i].len() != 1 {
                continue;
            }
            if let Some(&j) = by_word.get(self.words[i][0]) {
                self.sets.union(i, j);
            }
        }
    }

    /// One entity per set, in order of first mention: its class (the first explicit
    /// class, else context, else defaults; or dropped), label, other names and mentions.
    fn into_entities(mut self) -> Resolved {
        let (doc, rules, candidates, surface, words) =
            (self.doc, self.rules, self.candidates, self.surface, self.words);
        let n = self.n();
        let mut clusters: Vec<Vec<usize>> = Vec::new();
        let mut index: FxHashMap<usize, usize> = FxHashMap::default();
        for i in 0..n {
            let r = self.sets.find(i);
            let k = *index.entry(r).or_insert_with(|| {
                clusters.push(Vec::new());
                clusters.len() - 1
            });
            clusters[k].push(i);
        }
        let mut resolved = Resolved { entities: Vec::new(), of_candidate: vec![None; n] };
        for members in clusters {
            let Some((cls, rule)) = cluster_class(doc, rules, candidates, &self.class, words, self.at, &members) else {
                continue;
            };
            let label_of = members
                .iter()
                .copied()
                .find_map(|i| match candidates[i].kind {
                    Kind::Gazetteer(e) | Kind::Demonym(e) => Some(rules.gazetteer.entry(e).name.clone()),
                    _ => None,
                })
                .unwrap_or_else(|| {
                    // A proper name beats a description ("NTB" over "the Norwegian news agency").
                    let named = members.iter().any(|&i| matches!(candidates[i].kind, Kind::Name(_)));
                    let best = members
                        .iter()
                        .copied()
                        .filter(|&i| !matches!(candidates[i].kind, Kind::Demonym(_)))
                        .filter(|&i| !named || matches!(candidates[i].kind, Kind::Name(_)))
                        .max_by_key(|&i| (words[i].len(), surface[i].len(), std::cmp::Reverse(i)))
                        .unwrap_or(members[0]);
                    case_variant_to_show(members.iter().map(|&i| surface[i].as_str()), &surface[best]).to_owned()
                });
            let wikidata = members.iter().find_map(|&i| match candidates[i].kind {
                Kind::Gazetteer(e) | Kind::Demonym(e) => rules.gazetteer.entry(e).wikidata.clone(),
                _ => None,
            });
            let alt_labels = alt_labels(members.iter().map(|&i| surface[i].as_str()), &label_of);
            let mut mentions = Vec::new();
            for &i in &members {
                mentions.push(Evidence { span: name_span(doc, &candidates[i]), rule: candidates[i].rule });
            }
            mentions.sort();
            mentions.dedup_by(|a, b| a.span == b.span);
            let identity = identity_of(candidates, cls, &label_of, &members);
            let e = EntityId::new(resolved.entities.len());
            for &i in &members {
                resolved.of_candidate[i] = Some(e);
            }
            resolved.entities.push(Entity {
                class: cls,
                label: label_of,
                alt_labels,
                mentions,
                wikidata,
                rule,
                identity,
            });
        }
        resolved
    }
}

/// Adds name `j` (its words `w`) under each proper suffix (`true`) and prefix (`false`)
/// of its words, keeping each list sorted.
fn index_affixes<'a, 'k>(affixes: &mut FxHashMap<(bool, &'a [&'k str]), Vec<usize>>, w: &'a [&'k str], j: usize) {
    for k in 1..w.len() {
        for key in [(true, &w[k..]), (false, &w[..w.len() - k])] {
            let list = affixes.entry(key).or_default();
            let at = list.partition_point(|&x| x < j);
            if list.get(at) != Some(&j) {
                list.insert(at, j);
            }
        }
    }
}

/// A name's words without its generational suffixes ("Jr.", "III") and one-letter middle
/// initials: the words that tell people apart within an article. A name made only of such
/// words keeps them.
fn core_words<'k>(rules: &Rules, words: &[&'k str]) -> Vec<&'k str> {
    let mut end = words.len();
    while end > 1 && rules.lexicons.is(WordClass::NameSuffix, words[end - 1]) {
        end -= 1;
    }
    let core = &words[..end];
    let initial = |k: usize| k > 0 && k + 1 < core.len() && core[k].chars().count() == 1;
    core.iter().enumerate().filter(|&(k, _)| !initial(k)).map(|(_, w)| *w).collect()
}

fn head_words<'a>(described: &'a str, owner: &str) -> BTreeSet<&'a str> {
    let owner: BTreeSet<&str> = owner.split(' ').collect();
    described.split(' ').filter(|w| !owner.contains(w) && w.chars().all(char::is_lowercase)).collect()
}

/// The initials of a normalised name's words, skipping function words ("of", "the").
fn initials(rules: &Rules, words: &[&str]) -> String {
    words.iter().filter(|w| !rules.lexicons.is(WordClass::InitialsSkip, w)).filter_map(|w| w.chars().next()).collect()
}
#[cfg(test)]
mod tests {
    use super::name_key;

    #[test]
    fn name_keys_ignore_case_punctuation_and_a_leading_the() {
        assert_eq!(name_key("The New York Times"), "new york times");
        assert_eq!(name_key("U.N."), "un");
        assert_eq!(name_key("Kim Jong-un"), "kim jong un");
    }
}
