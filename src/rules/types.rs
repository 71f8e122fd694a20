//! The closed sets of values that rule files name (event types, statuses, positions, word
//! classes): each is an enum, parsed from its file's spelling once at load time, so a bad
//! value is a `rules/FILE:LINE:` error and the stages compare enums, never strings.
//!
//! **Invariant:** `name()` gives back exactly the spelling `from_name` reads, and that
//! spelling is what the output writes where a value reaches RDF (event types, modalities).

/// An enum whose variants are spelt by fixed names in rule files: `ALL`, `name()` and
/// `from_name()` come from one list.
macro_rules! named_enum {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The value's spelling in rule files (and in the output, where it is written).
            pub fn name(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }

            /// The value a rule file spells so, if any.
            pub fn from_name(s: &str) -> Option<Self> {
                match s {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $name {
            /// The value's spelling, as `name()`.
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.name())
            }
        }
    };
}

named_enum! {
    /// The contract's ten event types (`event-triggers.tsv`); `name()` is the ontology
    /// class's local name (`nkg:Meeting`).
    pub enum EventType {
        Meeting = "Meeting",
        Communication = "Communication",
        Statement = "Statement",
        Accusation = "Accusation",
        LegalAction = "LegalAction",
        Appointment = "Appointment",
        Attack = "Attack",
        Sanction = "Sanction",
        Agreement = "Agreement",
        Election = "Election",
    }
}

named_enum! {
    /// How an event trigger is written (`event-triggers.tsv`).
    pub enum TriggerForm {
        Verb = "verb",
        /// A nominalisation ("meeting", "talks").
        Noun = "noun",
    }
}

impl EventType {
    /// The rule id of an event read from a trigger of this type and form
    /// (`event.Meeting.verb`).
    pub fn trigger_rule(self, form: TriggerForm) -> &'static str {
        use EventType::*;
        match (self, form) {
            (Meeting, TriggerForm::Verb) => "event.Meeting.verb",
            (Meeting, TriggerForm::Noun) => "event.Meeting.noun",
            (Communication, TriggerForm::Verb) => "event.Communication.verb",
            (Communication, TriggerForm::Noun) => "event.Communication.noun",
            (Statement, TriggerForm::Verb) => "event.Statement.verb",
            (Statement, TriggerForm::Noun) => "event.Statement.noun",
            (Accusation, TriggerForm::Verb) => "event.Accusation.verb",
            (Accusation, TriggerForm::Noun) => "event.Accusation.noun",
            (LegalAction, TriggerForm::Verb) => "event.LegalAction.verb",
            (LegalAction, TriggerForm::Noun) => "event.LegalAction.noun",
            (Appointment, TriggerForm::Verb) => "event.Appointment.verb",
            (Appointment, TriggerForm::Noun) => "event.Appointment.noun",
            (Attack, TriggerForm::Verb) => "event.Attack.verb",
            (Attack, TriggerForm::Noun) => "event.Attack.noun",
            (Sanction, TriggerForm::Verb) => "event.Sanction.verb",
            (Sanction, TriggerForm::Noun) => "event.Sanction.noun",
            (Agreement, TriggerForm::Verb) => "event.Agreement.verb",
            (Agreement, TriggerForm::Noun) => "event.Agreement.noun",
            (Election, TriggerForm::Verb) => "event.Election.verb",
            (Election, TriggerForm::Noun) => "event.Election.noun",
        }
    }
}

named_enum! {
    /// An event that is not simply asserted (`modality-cues.tsv`); written as
    /// `nkg:modality`. The order is the precedence when cues of several modalities occur:
    /// negated, then future, then hypothetical.
    pub enum Modality {
        Negated = "negated",
        Future = "future",
        Hypothetical = "hypothetical",
    }
}

named_enum! {
    /// The status of a post held (the contract's four values; `status-markers.tsv`).
    pub enum HoldingStatus {
        Incumbent = "incumbent",
        Designate = "designate",
        Former = "former",
        Acting = "acting",
    }
}

named_enum! {
    /// What kind of title a title word is (`titles.tsv`); honorific and religious titles
    /// make no post.
    pub enum TitleKind {
        Office = "office",
        Honorific = "honorific",
        Occupation = "occupation",
        Religious = "religious",
        Military = "military",
        Royal = "royal",
    }
}

named_enum! {
    /// Where a status marker stands relative to the title it qualifies.
    pub enum MarkerPosition {
        /// Before the title ("former", "ex-").
        Prefix = "prefix",
        /// After it ("-elect").
        Suffix = "suffix",
        /// A noun naming the person for a post ("nominee").
        Noun = "noun",
    }
}

named_enum! {
    /// What a speech verb reports (`speech-verbs.tsv`).
    pub enum SpeechKind {
        /// Speech: attributes quotations and sources ("said").
        Say = "say",
        /// News: attributes sources only ("reported").
        Report = "report",
    }
}

named_enum! {
    /// The gender a given name clearly signals (`first-name-genders.tsv`; for resolving
    /// "he" and "she").
    pub enum Gender {
        Male = "male",
        Female = "female",
    }
}

named_enum! {
    /// What a title implies the post belongs to when the text names no owner
    /// (`titles.tsv`, column `org_hint`).
    pub enum OrgHint {
        Country = "country",
        Company = "company",
        Party = "party",
    }
}

named_enum! {
    /// What kind of non-entity a name with an other-head names (`other-heads.tsv`;
    /// documentation only: all are skipped alike).
    pub enum OtherKind {
        Event = "event",
        Index = "index",
        Law = "law",
        Product = "product",
    }
}

named_enum! {
    /// The word classes of `word-classes.tsv`: short lists the patterns of `src/extract/`
    /// consult, each named for its use there. A word may be in several classes.
    pub enum WordClass {
        /// Capitalised words that make a place name more precise ("Northern Canada").
        Direction = "direction",
        /// Lower-case words that may join capitalised words into one name ("Bank of X").
        Connector = "connector",
        /// Organisation heads that may go on with "to X" / "in X" ("mission to the U.N.").
        PlacedHead = "placed-head",
        /// Lower-case prefixes glued to a name by a hyphen ("anti-Israel").
        HyphenPrefix = "hyphen-prefix",
        /// Words after a country's name that make it a currency ("US dollars").
        Currency = "currency",
        /// Words skipped when reading an acronym off a name's initials.
        InitialsSkip = "initials-skip",
        /// Source nouns for people who speak for no state ("Irish analysts").
        PrivateSource = "private-source",
        /// Words that make the -ing noun after them an event ("the meeting").
        Determiner = "determiner",
        /// Determiners that make a nominal trigger refer back ("the meeting").
        Definite = "definite",
        /// Words that end an event trigger's clause.
        ClauseBreak = "clause-break",
        /// Words after a nominal trigger that introduce its participants ("talks with X").
        NounLink = "noun-link",
        /// Links after which a definite nominal trigger names its own participants ("the
        /// assassination of X"), so it is a new event, not a reference back.
        OwnArgumentLink = "own-argument-link",
        /// Auxiliaries that make a statement verb passive ("was announced").
        PassiveAuxiliary = "passive-auxiliary",
        /// Verbs after which "it" is no subject ("it was noted").
        ExpletiveVerb = "expletive-verb",
        /// Prepositions that attach a name to the word before ("ties to Iran").
        AttachmentPreposition = "attachment-preposition",
        /// Prepositions that make the name after them a place ("in Oslo").
        PlacePreposition = "place-preposition",
        /// Words that make "X ... as TITLE" a resignation ("resigned", "down").
        Resignation = "resignation",
        /// Verbs that make "VERB X as TITLE" a selection for a post ("named").
        Naming = "naming",
        /// Words that end the modifiers before a title in an apposition ("and", "who").
        TitlePhraseBreak = "title-phrase-break",
        /// Words that may open the noun phrase of a title before a name ("the", "its").
        TitleOpener = "title-opener",
        /// Determiners and numbers that may open a source description ("two officials").
        DescriptionDeterminer = "description-determiner",
        /// Words that open a source description read backwards from its head noun.
        DescriptionOpener = "description-opener",
        /// Nouns of "a report by X" ("report", "statement").
        ReportNoun = "report-noun",
        /// Words that extend a source description ("familiar with the matter").
        Familiarity = "familiarity",
        /// Lower-case nouns that with a possessive stand for the organisation last named
        /// ("the company's chief operating officer").
        OrgNoun = "org-noun",
        /// Words that may not be in a title's modifiers or complement ("the", "who", "of").
        ComplementStop = "complement-stop",
        /// Words a title's complement may end before ("head of research at X").
        ComplementBoundary = "complement-boundary",
        /// Words that may stand between a speaker and the speech verb ("X has said", "X
        /// also told").
        SpeechAuxiliary = "speech-auxiliary",
        /// Words that end a clause before a source description read backwards ("oil fell
        /// after sources said").
        SourceClauseBreak = "source-clause-break",
        /// Verbs that describe someone or something in the subject's words, before a
        /// partial quotation ("X called it “…”", "X views privacy as “…”").
        DescribingVerb = "describing-verb",
        /// Plural nouns of members that open a group's name before "for" ("Doctors for
        /// Fair Pay").
        GroupNoun = "group-noun",
        /// Words that after a news outlet's name name a section of it ("NBC Sports").
        OutletSection = "outlet-section",
        /// Lower-case nouns that make a name they govern an organisation ("X's founder", "the
        /// founder of X", "X shareholders").
        OrgCueNoun = "org-cue-noun",
        /// Lower-case nouns after a name that make it a place ("the X settlement").
        PlaceCueNoun = "place-cue-noun",
        /// Last words that make a name a venue, a place ("X Stadium", "X Statehouse").
        VenueHead = "venue-head",
        /// Last words that make a name a venue where a place preposition comes before it
        /// ("at the X Center"); else the name keeps its class ("the X Center said").
        CuedVenueHead = "cued-venue-head",
        /// Words after a person's name that are no part of who they are ("Jr.", "III").
        NameSuffix = "name-suffix",
        /// Words naming a political party as an affiliation ("Republican", "GOP").
        PartyWord = "party-word",
        /// Last words of elected offices, whose holder's party is no owner of the post
        /// ("Republican Gov. X").
        ElectedOffice = "elected-office",
        /// Last words of occupations that serve no state: a country before them gives the
        /// holder's nationality, not the post's owner ("Nigerian actress X").
        PrivateOccupation = "private-occupation",
        /// Words that after a comma open a clause with a subject of its own ("…, where he
        /// was arrested"): an event's subject after them is looked for inside that clause.
        ClauseOpener = "clause-opener",
        /// Verbs that report what a study or its authors found, a source's claim when a
        /// source description is their subject ("researchers found", "recent reports have
        /// revealed", "advocacy groups estimated").
        FindingVerb = "finding-verb",
        /// Nouns of figures a body publishes: "data from X", "figures by X" make X an
        /// organisation, not a place.
        DataNoun = "data-noun",
        /// Nouns for someone who speaks for an organisation ("a X spokesperson said"): the
        /// statement is the organisation's.
        VoiceNoun = "voice-noun",
        /// Words after a nominal statement trigger that introduce who made it ("a statement
        /// from X").
        IssuerLink = "issuer-link",
        /// Possessive pronouns for a person before a nominal trigger ("his re-election bid").
        PossessivePerson = "possessive-person",
        /// Possessive pronouns for an organisation or country before a nominal trigger
        /// ("its trade deal").
        PossessiveGroup = "possessive-group",
    }
}

/// A set of word classes (one bit per class; room for 64).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordClasses(u64);

impl WordClasses {
    pub fn insert(&mut self, class: WordClass) {
        self.0 |= 1 << class as u64;
    }

    pub fn contains(self, class: WordClass) -> bool {
        self.0 & (1 << class as u64) != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_word_classes_fit_the_bit_set() {
        for &t in EventType::ALL {
            assert_eq!(EventType::from_name(t.name()), Some(t));
            assert_eq!(t.trigger_rule(TriggerForm::Noun), format!("event.{}.noun", t.name()));
            assert_eq!(t.trigger_rule(TriggerForm::Verb), format!("event.{}.verb", t.name()));
        }
        assert_eq!(EventType::ALL.len(), 10);
        assert!(WordClass::ALL.len() <= 64);
        let mut set = WordClasses::default();
        set.insert(WordClass::Familiarity);
        assert!(set.contains(WordClass::Familiarity) && !set.contains(WordClass::Direction));
        assert_eq!(HoldingStatus::from_name("acting"), Some(HoldingStatus::Acting));
        assert_eq!(Modality::from_name("likely"), None);
    }
}
