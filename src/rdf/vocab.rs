//! Vocabulary constants, one module per namespace (like `oxrdf::vocab`). Every `nkg`
//! constant is declared in `ontologies/newskg.ttl` (checked by a test).

/// Declares IRI constants under one namespace.
macro_rules! namespace {
    ($ns:literal; $($name:ident = $local:literal),* $(,)?) => {
        /// The namespace IRI.
        pub const NS: &str = $ns;
        $(
            #[doc = concat!("`", $ns, $local, "`")]
            pub const $name: oxigraph::model::NamedNodeRef<'static> =
                oxigraph::model::NamedNodeRef::new_unchecked(concat!($ns, $local));
        )*
        /// Every constant of this namespace (for tests).
        pub const ALL: &[oxigraph::model::NamedNodeRef<'static>] = &[$($name),*];
    };
}

/// The newskg ontology.
pub mod nkg {
    namespace!("https://w3id.org/newskg/ontology#";
        ARTICLE = "Article", SPAN = "Span", PARAGRAPH = "Paragraph", SENTENCE = "Sentence",
        ENTITY = "Entity", PERSON = "Person", ORGANIZATION = "Organization",
        NEWS_ORGANIZATION = "NewsOrganization", GOVERNMENT_ORGANIZATION = "GovernmentOrganization",
        INTERNATIONAL_ORGANIZATION = "InternationalOrganization", COMPANY = "Company",
        PLACE = "Place", COUNTRY = "Country", ADMINISTRATIVE_AREA = "AdministrativeArea", CITY = "City",
        EVIDENCE = "evidence", MENTIONS = "mentions", RULE = "rule",
        DATELINE = "dateline", DATELINE_PLACE = "datelinePlace", PHOTO_CREDIT = "photoCredit",
        SOURCE_NAME = "sourceName", CONTRIBUTION_NOTE = "contributionNote",
        POSITION_HOLDING = "PositionHolding", HOLDER = "holder", ROLE_TITLE = "roleTitle",
        ROLE_OF = "roleOf", STATUS = "status", INCUMBENT = "Incumbent", DESIGNATE = "Designate",
        FORMER = "Former", ACTING = "Acting",
        EVENT = "Event", MEETING = "Meeting", COMMUNICATION = "Communication", STATEMENT = "Statement",
        ACCUSATION = "Accusation", LEGAL_ACTION = "LegalAction", APPOINTMENT = "Appointment",
        ATTACK = "Attack", SANCTION = "Sanction", AGREEMENT = "Agreement", ELECTION = "Election",
        PARTICIPANT = "participant", PLACE_OF = "place", DATE = "date", TIME_EXPRESSION = "timeExpression",
        MODALITY = "modality", QUOTATION = "Quotation", TEXT = "text", SPEAKER = "speaker",
        IN_STATEMENT = "inStatement", ATTRIBUTED_TO = "attributedTo", ANONYMOUS_SOURCE = "AnonymousSource",
        AFFILIATION = "affiliation", NAME_KEY = "nameKey",
    );
}

/// schema.org.
pub mod schema {
    namespace!("https://schema.org/";
        HEADLINE = "headline", DATE_PUBLISHED = "datePublished", AUTHOR = "author",
        CONTRIBUTOR = "contributor", PUBLISHER = "publisher", URL = "url", IDENTIFIER = "identifier",
        IN_LANGUAGE = "inLanguage",
    );
}

/// NIF 2.0 core.
pub mod nif {
    namespace!("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#";
        BEGIN_INDEX = "beginIndex", END_INDEX = "endIndex", ANCHOR_OF = "anchorOf",
        REFERENCE_CONTEXT = "referenceContext", IS_STRING = "isString",
    );
}

/// SKOS.
pub mod skos {
    namespace!("http://www.w3.org/2004/02/skos/core#"; ALT_LABEL = "altLabel");
}

/// OWL.
pub mod owl {
    namespace!("http://www.w3.org/2002/07/owl#"; SAME_AS = "sameAs");
}

/// Wikidata entities.
pub mod wd {
    /// The namespace IRI.
    pub const NS: &str = "http://www.wikidata.org/entity/";
}

/// The prefixes written in Turtle and TriG exports, in this order.
pub const PREFIXES: &[(&str, &str)] = &[
    ("nkg", nkg::NS),
    ("schema", schema::NS),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ("skos", skos::NS),
    ("nif", nif::NS),
    ("prov", "http://www.w3.org/ns/prov#"),
    ("org", "http://www.w3.org/ns/org#"),
    ("sem", "http://semanticweb.cs.vu.nl/2009/11/sem/"),
    ("owl", owl::NS),
    ("wd", wd::NS),
];

use crate::extract::HoldingStatus;
use crate::rules::EntityClass;

/// The ontology class of an event type name (one of `rules::EVENT_TYPES`).
pub fn event_class_iri(kind: &str) -> NamedNodeRef<'static> {
    match kind {
        "Meeting" => nkg::MEETING,
        "Communication" => nkg::COMMUNICATION,
        "Statement" => nkg::STATEMENT,
        "Accusation" => nkg::ACCUSATION,
        "LegalAction" => nkg::LEGAL_ACTION,
        "Appointment" => nkg::APPOINTMENT,
        "Attack" => nkg::ATTACK,
        "Sanction" => nkg::SANCTION,
        "Agreement" => nkg::AGREEMENT,
        "Election" => nkg::ELECTION,
        _ => nkg::EVENT,
    }
}

/// The ontology individual of a holding status.
pub fn status_iri(status: HoldingStatus) -> NamedNodeRef<'static> {
    match status {
        HoldingStatus::Incumbent => nkg::INCUMBENT,
        HoldingStatus::Designate => nkg::DESIGNATE,
        HoldingStatus::Former => nkg::FORMER,
        HoldingStatus::Acting => nkg::ACTING,
    }
}
use oxigraph::model::NamedNodeRef;

/// The ontology class of an entity class.
pub fn class_iri(class: EntityClass) -> NamedNodeRef<'static> {
    use EntityClass::*;
    match class {
        Person => nkg::PERSON,
        Organization => nkg::ORGANIZATION,
        NewsOrganization => nkg::NEWS_ORGANIZATION,
        GovernmentOrganization => nkg::GOVERNMENT_ORGANIZATION,
        InternationalOrganization => nkg::INTERNATIONAL_ORGANIZATION,
        Company => nkg::COMPANY,
        Place => nkg::PLACE,
        Country => nkg::COUNTRY,
        AdministrativeArea => nkg::ADMINISTRATIVE_AREA,
        City => nkg::CITY,
        // Never emitted (the extraction drops such names); the generic class if it were.
        Other => nkg::ENTITY,
    }
}
