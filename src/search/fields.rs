//! The index's schema: its fields, the analyzer of the searched words, and the tantivy
//! document of one [`Document`].
//!
//! **Invariant:** words are cut at every character that is not a letter or digit,
//! lowercased and folded to ASCII ("Müller" matches "muller"), at indexing and at search
//! alike (one analyzer, registered under [`ANALYZER`] on every open).

use tantivy::schema::{Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, STORED, STRING};
use tantivy::tokenizer::{AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer};
use tantivy::{Index, TantivyDocument};

use super::documents::{ArticleInfo, Document};

/// The name the words analyzer is registered under.
pub const ANALYZER: &str = "newskg_words";

/// The fields of the schema.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// [`Kind::name`](super::Kind::name): names, quotes, text.
    pub kind: Field,
    pub graph: Field,
    pub article: Field,
    pub date: Field,
    pub node: Field,
    pub title: Field,
    pub speaker: Field,
    /// The searched words (names and quotations also stored, for their snippets).
    pub words: Field,
    /// The stored words of names and quotations (an article's text is read from the store).
    pub shown: Field,
    /// A name's roles (predicate IRIs, see [`Document::roles`]); `None` in an index built
    /// before names had roles.
    pub roles: Option<Field>,
}

/// The schema of a new index.
pub fn schema() -> Schema {
    let mut schema = Schema::builder();
    let words = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default().set_tokenizer(ANALYZER).set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    schema.add_text_field("kind", STRING | STORED);
    // Graph, node and date are also fast fields (columns), which the word filters read
    // for thousands of hits at a time (reading stored documents would take most of the
    // filter's time).
    schema.add_text_field("graph", STRING | STORED | FAST);
    schema.add_text_field("article", STORED);
    schema.add_text_field("date", STORED | FAST);
    schema.add_text_field("node", STRING | STORED | FAST);
    schema.add_text_field("title", STORED);
    schema.add_text_field("speaker", STRING | STORED);
    schema.add_text_field("words", words);
    schema.add_text_field("shown", STORED);
    schema.add_text_field("roles", STRING);
    schema.build()
}

/// The words analyzer.
pub fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(64))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

impl Fields {
    /// The fields of an open index; registers the words analyzer on it.
    pub fn of(index: &Index) -> tantivy::Result<Fields> {
        index.tokenizers().register(ANALYZER, analyzer());
        let schema = index.schema();
        let field = |name: &str| schema.get_field(name);
        Ok(Fields {
            kind: field("kind")?,
            graph: field("graph")?,
            article: field("article")?,
            date: field("date")?,
            node: field("node")?,
            title: field("title")?,
            speaker: field("speaker")?,
            words: field("words")?,
            shown: field("shown")?,
            roles: field("roles").ok(),
        })
    }

    /// The tantivy document of `doc`, an article's with `info`.
    pub fn document(&self, info: &ArticleInfo, doc: &Document) -> TantivyDocument {
        let mut d = TantivyDocument::new();
        d.add_text(self.kind, doc.kind.name());
        d.add_text(self.graph, &doc.graph);
        d.add_text(self.article, &info.id);
        d.add_text(self.date, &info.date);
        d.add_text(self.node, &doc.node);
        d.add_text(self.title, &doc.title);
        d.add_text(self.speaker, &doc.speaker);
        d.add_text(self.words, &doc.words);
        if doc.kind != super::Kind::Text {
            d.add_text(self.shown, &doc.words);
        }
        if let Some(roles) = self.roles {
            for role in &doc.roles {
                d.add_text(roles, role);
            }
        }
        d
    }
}
