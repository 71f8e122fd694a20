//! The extraction model: the facts one article yields, as standoff annotations (byte
//! ranges into the article's text) that point to one another by typed ids.
//!
//! **Invariant:** an id is the position of its item in the list of [`Extraction`] it names
//! (`EntityId` in `entities`, `SentenceId` in `sentences`, ...), and every id a fact holds
//! is in range. Ids are `u32`: [`super::extract`] reads no text over 1 GiB, which has far
//! fewer than 2^32 items of any kind.

use std::collections::BTreeSet;
use std::ops::Range;

use chrono::NaiveDate;

use crate::rules::{EntityClass, EventType, HoldingStatus, Modality, RuleId};

/// A typed index into one list of [`Extraction`].
macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident indexes $item:ty) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(u32);

        impl $name {
            /// The id of the item at this position of its list.
            pub fn new(index: usize) -> Self {
                $name(u32::try_from(index).expect("fewer than 2^32 items: extract reads no text over 1 GiB"))
            }

            /// The item's position in its list.
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }

        impl std::ops::Index<$name> for [$item] {
            type Output = $item;
            fn index(&self, id: $name) -> &$item {
                &self[id.index()]
            }
        }

        impl std::ops::Index<$name> for Vec<$item> {
            type Output = $item;
            fn index(&self, id: $name) -> &$item {
                &self[id.index()]
            }
        }
    };
}

id_type! {
    /// An entity: its position in [`Extraction::entities`].
    EntityId indexes Entity
}
id_type! {
    /// A sentence: its position in [`Extraction::sentences`] (and in the analysed
    /// document's sentences).
    SentenceId indexes Range<usize>
}
id_type! {
    /// An event: its position in [`Extraction::events`].
    EventId indexes Event
}
id_type! {
    /// A quotation: its position in [`Extraction::quotes`].
    QuoteId indexes Quote
}
id_type! {
    /// An anonymous source: its position in [`Extraction::anonymous_sources`].
    SourceId indexes AnonymousSource
}

/// The pattern a post held was read from (see `positions`); its rule id is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PostPattern {
    /// A title before the name: "Sen. Marco Rubio".
    Prenominal,
    /// An apposition: "X, a spokesperson for Y".
    Apposition,
    /// A copula: "X is the chief executive of Y".
    Copular,
    /// A selection for a post: "X for secretary of state", "named X as Y".
    Selection,
    /// A resignation: "X resigned as minister".
    Resignation,
}

impl PostPattern {
    /// The rule id written with a holding read by this pattern.
    pub fn rule(self) -> RuleId {
        match self {
            PostPattern::Prenominal => "post.prenominal",
            PostPattern::Apposition => "post.apposition",
            PostPattern::Copular => "post.copular",
            PostPattern::Selection => "post.selection",
            PostPattern::Resignation => "post.resignation",
        }
    }

    /// The evidence of a holding read by this pattern from `span`.
    pub fn evidence(self, span: Range<usize>) -> Evidence {
        Evidence { span, rule: self.rule() }
    }
}

/// A stretch of article text that a fact was read from (byte offsets).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Evidence {
    pub span: Range<usize>,
    pub rule: RuleId,
}

impl Ord for Evidence {
    /// Text order: by start, then end, then rule id.
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.span.start, self.span.end, self.rule).cmp(&(other.span.start, other.span.end, other.rule))
    }
}

impl PartialOrd for Evidence {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// Whether an entity's IRI names it in every article or in its own article only.
///
/// **Invariant:** an entity is `Global` only when its name identifies one real entity
/// wherever it is used: a gazetteer entry (or its demonym), a person named by at least two
/// name words ("Jane Roe"), an organisation or place named by more than an unknown acronym.
/// A person known only by one word ("Liu") and an acronym that neither the gazetteer nor
/// the article expands ("PUC") are `Article`: the same word in two articles may name two
/// strangers, so their IRIs must not merge them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Identity {
    /// The IRI is the same in every article that names the entity alike.
    Global,
    /// The IRI is scoped to the article (minted under the article's IRI).
    Article,
}

/// One real-world entity as the article names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    pub class: EntityClass,
    /// The fullest name the article uses (or the gazetteer's canonical name).
    pub label: String,
    /// Every other form the article uses.
    pub alt_labels: BTreeSet<String>,
    /// One per mention, in text order.
    pub mentions: Vec<Evidence>,
    pub wikidata: Option<String>,
    /// The rule that decided the entity's type.
    pub rule: RuleId,
    /// Whether the entity's IRI is global or scoped to the article.
    pub identity: Identity,
}

/// A post held by a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holding {
    /// The person.
    pub holder: EntityId,
    /// The normalised title ("senator", "U.N. ambassador").
    pub title: String,
    /// The organisation or place the post belongs to.
    pub of: Option<EntityId>,
    pub status: HoldingStatus,
    pub pattern: PostPattern,
    /// **Invariant:** `evidence.rule` is `pattern.rule()`.
    pub evidence: Evidence,
}

/// Who spoke a quotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Speaker {
    /// A named entity.
    Entity(EntityId),
    /// An unnamed speaker described in the text ("a spokesman"), by its span.
    Anonymous(Range<usize>),
}

/// A direct quotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// The quoted words, without the quote marks.
    pub text: Range<usize>,
    pub speaker: Option<Speaker>,
    /// The words that attribute it ("said KCNA").
    pub attribution: Option<Range<usize>>,
    /// The quotation with its marks.
    pub evidence: Evidence,
}

/// An event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub kind: EventType,
    /// Subject first.
    pub participants: Vec<EntityId>,
    pub place: Option<EntityId>,
    pub date: Option<NaiveDate>,
    /// The time words the date was read from.
    pub time_text: Option<Range<usize>>,
    /// `None` for an asserted event (a negated one is never kept).
    pub modality: Option<Modality>,
    /// One per mention of the event (its trigger or attribution), sorted.
    pub evidence: Vec<Evidence>,
    /// The sentence of its first mention.
    pub sentence: SentenceId,
    /// Whether its first mention is a definite nominal one ("the meeting").
    pub definite: bool,
}

/// An unnamed source the article cites ("a U.S. official").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnonymousSource {
    /// The description as written.
    pub label: String,
    /// The entity the source belongs to ("U.S." → United States).
    pub affiliation: Option<EntityId>,
    pub evidence: Evidence,
}

/// A source: a named entity or an anonymous source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    Entity(EntityId),
    Anonymous(SourceId),
}

/// A fact that can be attributed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fact {
    /// A sentence, as a claim.
    Sentence(SentenceId),
    Event(EventId),
    Quote(QuoteId),
}

/// "fact rests on source's word".
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Attribution {
    pub fact: Fact,
    pub source: Source,
    pub rule: RuleId,
}

/// Everything extracted from one article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extraction {
    /// Paragraph byte ranges.
    pub paragraphs: Vec<Range<usize>>,
    /// Sentence byte ranges.
    pub sentences: Vec<Range<usize>>,
    /// Entities, ordered by first mention.
    pub entities: Vec<Entity>,
    /// Posts held, in text order.
    pub holdings: Vec<Holding>,
    pub quotes: Vec<Quote>,
    pub events: Vec<Event>,
    pub anonymous_sources: Vec<AnonymousSource>,
    pub attributions: Vec<Attribution>,
    /// The dateline place, when the dateline names a known entity.
    pub dateline_place: Option<EntityId>,
    /// The people named in the contributor lines.
    pub contributors: Vec<EntityId>,
}

impl Extraction {
    /// The entity with this id.
    pub fn entity(&self, id: EntityId) -> &Entity {
        &self.entities[id]
    }
}
