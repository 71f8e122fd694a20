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
        EXTRACTION_FINGERPRINT = "extractionFingerprint",
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

/// SHACL: the terms `validate` reads in shapes and writes in reports. Not declared in our
/// ontology (only `nkg::ALL` is checked against it); `scripts/test-rdf-tools.sh` checks
/// that each is a term of the W3C SHACL vocabulary.
pub mod sh {
    namespace!("http://www.w3.org/ns/shacl#";
        // Targets, shapes and their parameters.
        TARGET_CLASS = "targetClass", TARGET_SUBJECTS_OF = "targetSubjectsOf", PROPERTY = "property",
        PATH = "path", DEACTIVATED = "deactivated", NAME = "name", DESCRIPTION = "description",
        ORDER = "order", GROUP = "group", MESSAGE = "message", SEVERITY = "severity", SPARQL = "sparql",
        SELECT = "select",
        // Constraint parameters.
        MIN_COUNT = "minCount", MAX_COUNT = "maxCount", DATATYPE = "datatype", CLASS = "class",
        NODE_KIND = "nodeKind", IN = "in", HAS_VALUE = "hasValue", PATTERN = "pattern",
        MIN_INCLUSIVE = "minInclusive", MAX_INCLUSIVE = "maxInclusive", MIN_EXCLUSIVE = "minExclusive",
        MAX_EXCLUSIVE = "maxExclusive", LESS_THAN_OR_EQUALS = "lessThanOrEquals", OR = "or",
        QUALIFIED_VALUE_SHAPE = "qualifiedValueShape", QUALIFIED_MIN_COUNT = "qualifiedMinCount",
        QUALIFIED_MAX_COUNT = "qualifiedMaxCount",
        // Node kinds.
        IRI = "IRI", LITERAL = "Literal", BLANK_NODE = "BlankNode", BLANK_NODE_OR_IRI = "BlankNodeOrIRI",
        BLANK_NODE_OR_LITERAL = "BlankNodeOrLiteral", IRI_OR_LITERAL = "IRIOrLiteral",
        // Severities.
        VIOLATION = "Violation", WARNING = "Warning", INFO = "Info",
        // Constraint components.
        MIN_COUNT_CONSTRAINT_COMPONENT = "MinCountConstraintComponent",
        MAX_COUNT_CONSTRAINT_COMPONENT = "MaxCountConstraintComponent",
        DATATYPE_CONSTRAINT_COMPONENT = "DatatypeConstraintComponent",
        CLASS_CONSTRAINT_COMPONENT = "ClassConstraintComponent",
        NODE_KIND_CONSTRAINT_COMPONENT = "NodeKindConstraintComponent",
        IN_CONSTRAINT_COMPONENT = "InConstraintComponent",
        HAS_VALUE_CONSTRAINT_COMPONENT = "HasValueConstraintComponent",
        PATTERN_CONSTRAINT_COMPONENT = "PatternConstraintComponent",
        MIN_INCLUSIVE_CONSTRAINT_COMPONENT = "MinInclusiveConstraintComponent",
        MAX_INCLUSIVE_CONSTRAINT_COMPONENT = "MaxInclusiveConstraintComponent",
        MIN_EXCLUSIVE_CONSTRAINT_COMPONENT = "MinExclusiveConstraintComponent",
        MAX_EXCLUSIVE_CONSTRAINT_COMPONENT = "MaxExclusiveConstraintComponent",
        LESS_THAN_OR_EQUALS_CONSTRAINT_COMPONENT = "LessThanOrEqualsConstraintComponent",
        OR_CONSTRAINT_COMPONENT = "OrConstraintComponent",
        QUALIFIED_MIN_COUNT_CONSTRAINT_COMPONENT = "QualifiedMinCountConstraintComponent",
        QUALIFIED_MAX_COUNT_CONSTRAINT_COMPONENT = "QualifiedMaxCountConstraintComponent",
        SPARQL_CONSTRAINT_COMPONENT = "SPARQLConstraintComponent",
        // The validation report.
        VALIDATION_REPORT = "ValidationReport", CONFORMS = "conforms", RESULT = "result",
        VALIDATION_RESULT = "ValidationResult", FOCUS_NODE = "focusNode", RESULT_PATH = "resultPath",
        VALUE = "value", SOURCE_CONSTRAINT_COMPONENT = "sourceConstraintComponent",
        SOURCE_SHAPE = "sourceShape", RESULT_SEVERITY = "resultSeverity", RESULT_MESSAGE = "resultMessage",
    );
}

/// The built-in SHACL shapes (`ontologies/newskg-shapes.ttl`).
pub mod nkgsh {
    /// The namespace IRI.
    pub const NS: &str = "https://w3id.org/newskg/shapes#";
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
use crate::rules::{EntityClass, EventType};

/// The ontology class of an event type.
pub fn event_class_iri(kind: EventType) -> NamedNodeRef<'static> {
    match kind {
        EventType::Meeting => nkg::MEETING,
        EventType::Communication => nkg::COMMUNICATION,
        EventType::Statement => nkg::STATEMENT,
        EventType::Accusation => nkg::ACCUSATION,
        EventType::LegalAction => nkg::LEGAL_ACTION,
        EventType::Appointment => nkg::APPOINTMENT,
        EventType::Attack => nkg::ATTACK,
        EventType::Sanction => nkg::SANCTION,
        EventType::Agreement => nkg::AGREEMENT,
        EventType::Election => nkg::ELECTION,
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
