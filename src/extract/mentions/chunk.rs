//! One capitalised chunk split into its parts: the rules at one position of a chunk, in
//! the order of preference of the module comment (`mentions`), each a method that reads
//! words and pushes candidates, or passes.

use super::{Candidate, Kind, Scanner, TitleMention};
use crate::rules::{token_key, EntityClass, EntryId, HoldingStatus, MarkerPosition, RuleId, Title, WordClass};
use crate::text::is_all_caps;

/// A chunk being read.
pub(super) struct Chunk {
    /// Its first token.
    pub start: usize,
    /// Its end (exclusive); a gazetteer name may reach past it and move it on.
    pub end: usize,
    /// The next token to read.
    pub p: usize,
    /// Where the chunk's candidates start in `Scanner::out`.
    pub first: usize,
    /// Titles read, waiting for the name they belong to.
    pub titles: Vec<TitleMention>,
    /// A status marker read before the next title ("former").
    pub status_prefix: Option<HoldingStatus>,
}

/// What starts at the current position, looked up once for all the rules.
struct Here {
    /// The longest gazetteer name: (token count, entry).
    gazetteer: Option<(usize, EntryId)>,
    /// The longest title within the chunk: (end, title, a status glued to it).
    title: Option<(usize, Title, Option<HoldingStatus>)>,
    /// A demonym of one or two words (looked up only where no gazetteer name starts).
    demonym: Option<(usize, EntryId)>,
}

/// What a rule did at the current position.
enum Step {
    /// It does not apply here: the next rule is tried.
    Pass,
    /// It read words (and moved the position on).
    Read,
    /// The chunk ends here.
    End,
}

type Rule<'a> = fn(&mut Scanner<'a>, &mut Chunk, &Here) -> Step;

impl<'a> Scanner<'a> {
    /// Splits the chunk `i..j` into its parts; returns where scanning goes on.
    pub(super) fn chunk(&mut self, i: usize, j: usize) -> usize {
        let mut c = Chunk {
            start: i,
            end: j,
            p: i,
            first: self.out.len(),
            titles: Vec::new(),
            status_prefix: self.marker_before(i),
        };
        self.title_before_chunk(&mut c);
        while c.p < c.end {
            if let Step::End = self.step(&mut c) {
                break;
            }
        }
        if self.out.len() > c.first {
            self.described_org(c.first, c.end);
        }
        c.end.max(c.p)
    }

    /// Applies the first rule that fits at the current position.
    fn step(&mut self, c: &mut Chunk) -> Step {
        let here = self.here(c);
        let rules: [Rule<'a>; 5] =
            [Self::title, Self::gazetteer_name, Self::demonym, Self::leftover_connector, Self::opening_word];
        for rule in rules {
            match rule(self, c, &here) {
                Step::Pass => {}
                step => return step,
            }
        }
        self.name(c)
    }

    fn here(&self, c: &Chunk) -> Here {
        let p = c.p;
        let gazetteer = self.gaz.longest_match(self.words(p, self.sentence.end));
        let title = self.title_at(p, c.end);
        let demonym = match gazetteer {
            Some(_) => None,
            None => (1..=2.min(c.end - p))
                .rev()
                .find_map(|k| self.gaz.demonym(&token_key(self.words(p, p + k).iter().copied())).map(|e| (k, e))),
        };
        Here { gazetteer, title, demonym }
    }

    /// A title before a name ("Sen.", "Chief Executive of GM"), unless a longer gazetteer
    /// name starts here ("U.N. Ambassador" over "U.N."): kept for the name that follows. A
    /// title that ends the chunk names nobody and ends it (unless a gazetteer name or a
    /// demonym starts here).
    fn title(&mut self, c: &mut Chunk, here: &Here) -> Step {
        let Some((t, title, status)) = &here.title else { return Step::Pass };
        // "General Assembly": a title before nothing but organisation heads is part of the
        // body's name.
        if *t < c.end && (*t..c.end).all(|x| self.is_org_word(x)) {
            return Step::Pass;
        }
        if *t >= c.end {
            if here.gazetteer.is_none() && here.demonym.is_none() {
                c.p = *t;
                return Step::End;
            }
            return Step::Pass;
        }
        if here.gazetteer.is_some_and(|(k, _)| t - c.p <= k) {
            return Step::Pass;
        }
        let (t, title, of) = self.title_of(*t, c.end, title.clone());
        if self.office(c, t) {
            return Step::Read;
        }
        // A title followed by "of ..." and no name ("Director of the X study") is no title
        // of a person here.
        if !matches!(self.doc.lower(t), "of" | "for" | "to") {
            let prefix = c.status_prefix.take();
            c.titles.push(TitleMention { tokens: c.p..t, title, status: status.or(prefix), of });
        }
        c.p = t;
        Step::Read
    }

    /// A gazetteer name, which may reach past the chunk ("Korean People's Army"). A maker
    /// before a model code names a product, not the maker ("Airbus A380": no mention); the
    /// entry may start a longer name (`entry_name_end`): the entry and legal forms only is
    /// the entry ("Acme Group Corp"), a country and a government word
    /// is the country ("US Government", `org.metonym`), and see `body_led_by_entry`. A
    /// country before a currency word is no mention ("US dollars").
    fn gazetteer_name(&mut self, c: &mut Chunk, here: &Here) -> Step {
        let Some((k, e)) = here.gazetteer else { return Step::Pass };
        let (doc, lex, gaz) = (self.doc, self.lex, self.gaz);
        let entry = gaz.entry(e);
        let p = c.p;
        let after = p + k;
        if entry.class.base() == EntityClass::Organization {
            if let Some(u) = self.product_end(after) {
                c.p = u;
                c.end = c.end.max(u);
                return Step::Read;
            }
        }
        if entry.class == EntityClass::NewsOrganization {
            if let Some(u) = self.outlet_section_end(after, c.end) {
                self.push(p..u, Kind::Name(Some(EntityClass::NewsOrganization)), "name.outlet-section");
                c.p = u;
                return Step::Read;
            }
        }
        let name_end = self.entry_name_end(after, c.end);
        let metonym = name_end == after + 1
            && entry.class == EntityClass::Country
            && lex.org_lower_heads.get(doc.lower(after)).is_some_and(|h| h.class.base() == EntityClass::Place);
        if metonym {
            self.push(p..name_end, Kind::Gazetteer(e), "org.metonym");
            c.p = name_end;
            return Step::Read;
        }
        if self.given_name_like_place(p, k, name_end, e, !c.titles.is_empty()) {
            let mut person =
                Candidate::new(p..name_end, Kind::Name(Some(EntityClass::Person)), "name.place-given-name");
            person.titles = std::mem::take(&mut c.titles);
            self.out.push(person);
            c.p = name_end;
            return Step::Read;
        }
        // "Acme Group Corp": a known organisation and its legal form is that organisation
        // ("Lima Group" after a city is another body).
        let legal_form_only = name_end > after && (after..name_end).all(|t| lex.org_suffixes.contains_key(doc.tok(t)));
        if entry.class.base() == EntityClass::Organization && legal_form_only {
            self.push(p..name_end, Kind::Gazetteer(e), entry.rule);
            c.p = name_end;
            return Step::Read;
        }
        if let Some((class, rule)) = self.body_led_by_entry(after, name_end, e) {
            self.push(p..name_end, Kind::Name(Some(class)), rule);
            c.p = name_end;
            return Step::Read;
        }
        // "US$40 billion", "US dollars": a currency, not the country.
        let currency = after < doc.tokens.len()
            && ((doc.tok(after).starts_with('$') && !doc.space_after(after - 1))
                || lex.is(WordClass::Currency, doc.lower(after)));
        if !currency {
            self.push(p..after, Kind::Gazetteer(e), entry.rule);
        }
        c.p = after;
        c.end = c.end.max(after);
        Step::Read
    }

    /// Where the name that a gazetteer entry ending at `after` starts ends, within the chunk
    /// ending at `end`: capitalised words go on ("Chrysler Group"), and so do "of"/"for"
    /// after an organisation head ("Massachusetts Institute of Technology"; not before a
    /// country ending the chunk: "X University of the US"), but not a given name or a title
    /// after a head word ("Chrysler LLC Jim Press", "Ohio Teachers
    /// Association President Jane Roe").
    fn entry_name_end(&self, after: usize, end: usize) -> usize {
        let doc = self.doc;
        let mut e_end = after;
        while e_end < end {
            let t = e_end;
            let capital = self.starts_name(t) || is_all_caps(doc.tok(t));
            // After a head, a given name or a title starts another name ("Ohio Teachers
            // Association President Jane Roe"; not a head that opens the title: "White
            // House Press Secretary").
            let after_head = t > after
                && self.is_org_word(t - 1)
                && (self.lex.first_names.contains(doc.tok(t))
                    || (self.title_at(t, end).is_some() && self.title_at(t - 1, end).is_none()));
            if capital && !after_head {
                e_end += 1;
                continue;
            }
            // "Pacific Gas & Electric Co.": "&" or "and" inside a name that ends in a head.
            let glue = matches!(doc.tok(t), "&" | "and") && t > after && self.is_org_word(end - 1);
            if glue && t + 1 < end && self.starts_name(t + 1) {
                e_end = t + 1;
                continue;
            }
            let of = matches!(doc.lower(t), "of" | "for") && t > after && self.is_org_word(t - 1);
            if of {
                let next = if t + 1 < end && doc.lower(t + 1) == "the" { t + 2 } else { t + 1 };
                // "Colorado State University of the US": a country ending the chunk says
                // where the body is, it is no part of its name.
                let country = self
                    .gaz
                    .longest_match(self.words(next.min(end), end))
                    .is_some_and(|(k, e)| next + k == end && self.gaz.entry(e).class == EntityClass::Country);
                if next < end && self.starts_name(next) && !country {
                    e_end = next;
                    continue;
                }
            }
            break;
        }
        e_end
    }

    /// The body named by a gazetteer entry and the words after it up to `name_end`: an
    /// organisation head ending them or before their "of"/"for" ("Texas Instruments Inc.",
    /// "Nevada Institute of Marine Biology", `name.org-head`), or, after
    /// a place, dictionary words that are no title, given name, common word or direction
    /// ("Washington Mutual", "Manchester United", `name.place-led`).
    fn body_led_by_entry(&self, after: usize, name_end: usize, e: EntryId) -> Option<(EntityClass, RuleId)> {
        let (doc, lex, gaz) = (self.doc, self.lex, self.gaz);
        if after >= name_end {
            return None;
        }
        // The head: the last word, or one before "of"/"for" ("Nevada Institute of Marine
        // Biology").
        let head = Some(name_end - 1).filter(|&t| self.is_org_word(t)).or_else(|| {
            (after + 1..name_end)
                .find(|&t| matches!(doc.lower(t), "of" | "for") && self.is_org_word(t - 1))
                .map(|t| t - 1)
        });
        // A known body after a country is that body in that country ("US Federal Reserve":
        // two mentions); after a state or city it names that place's own body ("Texas
        // Department of Agriculture", "Ohio Supreme Court").
        let local = gaz.entry(e).class.base() == EntityClass::Place && gaz.entry(e).class != EntityClass::Country;
        let org_name = head.is_some()
            && gaz.longest_match(self.words(after, name_end)).is_none_or(|(k, o)| {
                after + k < name_end || (local && gaz.entry(o).class.base() == EntityClass::Organization)
            })
            && self.title_at(after, name_end).is_none();
        if let (true, Some(head)) = (org_name, head) {
            let class = self.org_head(doc.tok(head)).map_or(EntityClass::Organization, |h| h.class);
            return Some((class, "name.org-head"));
        }
        // "San Diego County": a place and an administrative area's head name an area ("City"
        // is left out: after a city it names clubs too, "Manchester City").
        if gaz.entry(e).class.base() == EntityClass::Place && name_end == after + 1 {
            if let Some(class) = self.area_head(doc.tok(after)).filter(|&c| c == EntityClass::AdministrativeArea) {
                return Some((class, "name.place-head"));
            }
            // "Harbin East": a place and a direction ending the chunk name a part of it.
            if lex.is(WordClass::Direction, doc.tok(after)) {
                return Some((EntityClass::Place, "name.place-direction"));
            }
        }
        let place_led = gaz.entry(e).class.base() == EntityClass::Place
            && (after..name_end).all(|t| {
                let w = doc.tok(t);
                lex.english_words.contains(doc.lower(t))
                    && !lex.common_words.contains(doc.lower(t))
                    && !lex.first_names.contains(w)
                    && !lex.titles.contains_key(doc.lower(t))
                    && !lex.is(WordClass::Direction, w)
                    && gaz.longest_match(&[w]).is_none()
                    && gaz.demonym(&token_key([w])).is_none()
            })
            && self.title_at(after, name_end).is_none();
        place_led.then_some((EntityClass::Organization, "name.place-led"))
    }

    /// The class of `word` as the head of an administrative area or a town ("County",
    /// "Province", "City" in `place-cues.tsv`); natural features ("Lake", "Bay") are not
    /// asked for, since they are also surnames.
    fn area_head(&self, word: &str) -> Option<EntityClass> {
        let class = self.lex.place_heads.get(word)?.class;
        matches!(class, EntityClass::AdministrativeArea | EntityClass::City).then_some(class)
    }

    /// A demonym ("Iranian", "North Korean").
    fn demonym(&mut self, c: &mut Chunk, here: &Here) -> Step {
        let Some((k, e)) = here.demonym else { return Step::Pass };
        self.push(c.p..c.p + k, Kind::Demonym(e), "demonym");
        c.p += k;
        Step::Read
    }

    /// A connector left over after a title ("CEO of GM"): skipped.
    fn leftover_connector(&mut self, c: &mut Chunk, _: &Here) -> Step {
        if self.starts_name(c.p) || is_all_caps(self.doc.tok(c.p)) {
            return Step::Pass;
        }
        c.p += 1;
        Step::Read
    }

    /// Before any title: a common word opening the sentence ("However", "Monday"; not the
    /// members opening a group's name, "Doctors for Fair Pay"), a capitalised article, a
    /// status marker ("Former", kept for the title that follows), a common noun before a
    /// given name ("Employee Jane Roe"), or a dictionary word opening the sentence before a
    /// known name ending the chunk ("Key Security Council members"): skipped.
    fn opening_word(&mut self, c: &mut Chunk, here: &Here) -> Step {
        let (doc, lex) = (self.doc, self.lex);
        let w = doc.tok(c.p);
        let marker = lex.status_markers.get(doc.lower(c.p)).filter(|m| m.position == MarkerPosition::Prefix);
        let skip = c.titles.is_empty()
            && !is_all_caps(w)
            && (matches!(w, "The" | "A" | "An")
                || marker.is_some()
                || (doc.is_sentence_start(c.p) && lex.is_common(w) && !self.group_for(c.p, c.end))
                || self.common_noun_before_name(c.p, c.end)
                || (here.gazetteer.is_none() && self.adjective_before_known_name(c.p, c.end)));
        if !skip {
            return Step::Pass;
        }
        if let Some(m) = marker {
            c.status_prefix = Some(m.status);
        }
        c.p += 1;
        Step::Read
    }

    /// The rest is one name, up to the next title or gazetteer name ending the chunk
    /// (`name_end`): a body named by a noun and a country (`name.word-country`), else a name
    /// with the chunk's titles (`name.title`), typed by its own words (`name.typed-chunk`)
    /// or not (`name.chunk`).
    fn name(&mut self, c: &mut Chunk) -> Step {
        let p = c.p;
        let q = self.name_end(p, c.end);
        if c.titles.is_empty() {
            if let Some(e) = self.word_country_end(p, q, c.end) {
                self.push(p..e, Kind::Name(Some(EntityClass::GovernmentOrganization)), "name.word-country");
                c.p = e;
                return Step::Read;
            }
        }
        let group = self.group_for(p, q);
        let q = if group { q } else { self.split_of(p, q) };
        let class = if group { Some(EntityClass::Organization) } else { self.name_class(p, q, !c.titles.is_empty()) };
        // A demonym right before an organisation's name is part of it ("Korean Central News
        // Agency", "Australian Centre for ..."); the demonym stays a mention of its country.
        let demonym_before = self.out[c.first..]
            .last()
            .filter(|d| d.tokens.end == p && matches!(d.kind, Kind::Demonym(_)))
            .map(|d| d.tokens.start);
        let name_start = match (class, demonym_before) {
            (Some(cl), Some(d)) if cl.base() == EntityClass::Organization && c.titles.is_empty() => d,
            _ => p,
        };
        let rule = match (c.titles.is_empty(), class) {
            _ if group => "name.group-for",
            (false, _) => "name.title",
            (true, Some(_)) => "name.typed-chunk",
            (true, None) => "name.chunk",
        };
        let mut candidate = Candidate::new(name_start..q, Kind::Name(class), rule);
        candidate.titles = std::mem::take(&mut c.titles);
        candidate.context = self.context_class(p, q);
        self.out.push(candidate);
        c.p = q;
        // Skip a connector between two names.
        while c.p < c.end && !self.starts_name(c.p) {
            c.p += 1;
        }
        Step::Read
    }

    /// Where a name starting at `p` ends in the chunk ending at `j`: before the next
    /// gazetteer name that ends the chunk (unless given names or a place prefix come first:
    /// "George Washington", "Mount Kenya"), a title inside the chunk ("Shadow Home Secretary Yvette Cooper"), or a
    /// given name after an organisation head ("Refugee Council Enver Solomon"); never on a
    /// connector or an article.
    fn name_end(&self, p: usize, j: usize) -> usize {
        let (doc, lex) = (self.doc, self.lex);
        let given = |a: usize, b: usize| {
            (a..b).all(|t| lex.first_names.contains(doc.tok(t)) || (doc.tok(t).len() == 2 && doc.tok(t).ends_with('.')))
        };
        let connector = |t: usize| lex.is(WordClass::Connector, doc.lower(t));
        // "Mount Kenya", "Lake Victoria", "Sierra Nevada": a place prefix takes the known
        // name after it.
        let prefix = |q: usize| q == p + 1 && lex.place_prefixes.contains_key(doc.tok(p));
        let mut q = p + 1;
        while q < j
            && (given(p, q)
                || prefix(q)
                || connector(q - 1)
                || self
                    .gaz
                    .longest_match(self.words(q, j))
                    .is_none_or(|(k, _)| q + k < j || lex.org_heads.contains_key(doc.tok(j - 1))))
        {
            let title_here = self.title_at(q, j).is_some_and(|(t, _, _)| t < j) && !connector(q - 1);
            let person_after_org = self.is_org_word(q - 1) && lex.first_names.contains(doc.tok(q));
            if title_here || person_after_org {
                break;
            }
            q += 1;
        }
        // "University of Sheffield of the UK": never end on a connector or an article.
        while q > p + 1 && !self.starts_name(q - 1) && !is_all_caps(doc.tok(q - 1)) {
            q -= 1;
        }
        q
    }

    /// "Environment Canada", "Statistics Canada", "Air Canada": a capitalised common noun
    /// (one word, the name `p..q`) and a country ending the chunk at `j` name a body, not
    /// the country. Returns the body's end.
    fn word_country_end(&self, p: usize, q: usize, j: usize) -> Option<usize> {
        let (doc, lex, gaz) = (self.doc, self.lex, self.gaz);
        if q != p + 1 || lex.is_common(doc.tok(p)) || lex.place_prefixes.contains_key(doc.tok(p)) {
            return None;
        }
        let country_end = gaz
            .longest_match(self.words(q, j))
            .filter(|&(k, e)| q + k == j && gaz.entry(e).class == EntityClass::Country)
            .map(|(k, _)| q + k);
        let noun = lex.is_english(doc.tok(p))
            && !lex.is(WordClass::Direction, doc.tok(p))
            && gaz.demonym(&token_key([doc.tok(p)])).is_none();
        country_end.filter(|_| noun)
    }

    /// The name `p..q` cut before "of"/"for" when what comes before is no organisation or
    /// place head ("Kim of North Korea", "Lydia Buchtmann for Food Standards Australia").
    fn split_of(&self, p: usize, q: usize) -> usize {
        let (doc, lex) = (self.doc, self.lex);
        let Some(of) = (p + 1..q).find(|&t| matches!(doc.lower(t), "of" | "for")) else { return q };
        let head = doc.tok(of - 1);
        let keeps = lex.org_heads.contains_key(head)
            || lex.place_heads.contains_key(head)
            || (p..of).any(|t| lex.org_heads.contains_key(doc.tok(t)));
        if keeps {
            q
        } else {
            of
        }
    }

    /// The class a name shows by itself: organisation or place heads and suffixes, a title,
    /// a given name.
    fn name_class(&self, p: usize, q: usize, titled: bool) -> Option<EntityClass> {
        let (doc, lex) = (self.doc, self.lex);
        let last = doc.tok(q - 1);
        // "Jim Press": a given name and one more word is a person, whatever the last word,
        // unless it is a company's or an administrative area's head ("Marin County").
        let company = lex.org_suffixes.contains_key(last)
            || lex.org_heads.get(last).is_some_and(|h| h.class == EntityClass::Company);
        if let Some(class) = self.area_head(last).filter(|_| q - p >= 2) {
            return Some(class);
        }
        if q - p == 2 && lex.first_names.contains(doc.tok(p)) && !company {
            return Some(EntityClass::Person);
        }
        // A head word alone ("Court", "Police") is a common noun, not a name.
        if let Some(h) = self.org_head(last).filter(|_| q - p >= 2 || last.contains('-')) {
            return Some(h.class);
        }
        let of_head = |t: usize| matches!(doc.lower(t), "of" | "for") && t > p;
        if let Some(h) = (p..q).find_map(|t| if of_head(t) { lex.org_heads.get(doc.tok(t - 1)) } else { None }) {
            return Some(h.class);
        }
        if titled || (q - p >= 2 && lex.first_names.contains(doc.tok(p))) {
            return Some(EntityClass::Person);
        }
        if let Some(h) = lex.place_heads.get(last).or_else(|| lex.place_prefixes.get(doc.tok(p))) {
            if q - p >= 2 {
                return Some(h.class);
            }
        }
        None
    }

    /// Whether the plural of an administrative area's head (`place-cues.tsv`: "counties",
    /// "provinces") follows a name ending at `q`, perhaps after "and" or "or" and one more
    /// name ("Orange and Riverside counties").
    fn before_area_plural(&self, q: usize) -> bool {
        let (doc, end) = (self.doc, self.sentence.end);
        let plural_area = |t: usize| {
            if t >= end || !self.is_word(t) {
                return false;
            }
            let w = doc.lower(t);
            let singular = match w.strip_suffix("ies") {
                Some(stem) => format!("{stem}y"),
                None => w.strip_suffix('s').unwrap_or("").to_owned(),
            };
            let mut head: String = singular.chars().take(1).flat_map(char::to_uppercase).collect();
            head.push_str(singular.get(1..).unwrap_or(""));
            !singular.is_empty() && self.area_head(&head) == Some(EntityClass::AdministrativeArea)
        };
        if plural_area(q) {
            return true;
        }
        if q + 1 >= end || !matches!(doc.lower(q), "and" | "or") || !self.starts_name(q + 1) {
            return false;
        }
        let mut t = q + 1;
        while t < end && t < q + 5 && self.starts_name(t) {
            t += 1;
        }
        plural_area(t)
    }

    /// A type hint from the word right before or right after the name `p..q`.
    fn context_class(&self, p: usize, q: usize) -> Option<EntityClass> {
        let (doc, lex) = (self.doc, self.lex);
        // "Orange and Riverside counties": names before the plural of an area's head.
        if self.before_area_plural(q) {
            return Some(EntityClass::Place);
        }
        if q < doc.tokens.len() && self.is_word(q) {
            if let Some(c) = lex.cue_after.get(doc.lower(q)) {
                return Some(*c);
            }
            // One modifier may stand between a name and an organisation cue ("Old Mutual
            // insurance company"), unless a name follows the cue, which it describes
            // ("Global investment firm Harwell Capital").
            let modifier = doc.tok(q).chars().all(char::is_lowercase);
            let name_after = q + 2 < doc.tokens.len() && self.starts_name(q + 2);
            if modifier && !name_after && q + 1 < doc.tokens.len() && self.is_word(q + 1) {
                if let Some(EntityClass::Organization) = lex.cue_after.get(doc.lower(q + 1)) {
                    return Some(EntityClass::Organization);
                }
            }
        }
        if p > 0 && self.is_word(p - 1) && doc.sentence_of(p - 1) == doc.sentence_of(p) {
            // "according to X" is a source, not a place.
            if let Some(c) = lex.cue_before.get(doc.lower(p - 1)) {
                return Some(*c);
            }
        }
        // "X, a spokesperson for Y" / "X, 45, ..."
        let apposition =
            q + 2 < doc.tokens.len() && doc.tok(q) == "," && matches!(doc.lower(q + 1), "a" | "an" | "the");
        (apposition && lex.titles.contains_key(doc.lower(q + 2))).then_some(EntityClass::Person)
    }
}
