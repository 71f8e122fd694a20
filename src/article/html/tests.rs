//! Unit tests of the HTML reader on small pages.

use super::*;

const PAGE: &str = r#"<!DOCTYPE html>
<html><head>
<title>Ignored title | Example News</title>
<meta property="og:title" content="Meta headline">
<link rel="canonical" href="https://news.example.org/2024/11/summit">
<script type="application/ld+json">
{"@context":"https://schema.org","@graph":[{"@type":"WebPage","name":"x"},
 {"@type":"NewsArticle","headline":"Leaders meet in  Geneva","datePublished":"2024-11-12T09:30:00+01:00",
  "author":[{"@type":"Person","name":"Lena Frost"},{"@type":"Person","name":"Omar Haddad"}],
  "publisher":{"@type":"Organization","name":"Example News"}}]}
</script>
</head><body>
<nav><p>Home | World | Politics</p></nav>
<article>
  <header><h1>Leaders meet in Geneva</h1><p class="byline">By Lena Frost</p></header>
  <p>GENEVA — Chancellor Olaf Scholz met President
 Emmanuel Macron in Geneva on Monday.</p>
  <figure><img src="x.jpg"><figcaption><p>Photo: Someone</p></figcaption></figure>
  <p>“We agreed on a plan,” Scholz <em>said</em>.</p>
  <aside class="related"><p>Related: other news</p></aside>
</article>
<footer><p>© Example News</p></footer>
</body></html>"#;

#[test]
fn json_ld_metadata_and_article_paragraphs() {
    let a = read_html("page.html", PAGE).unwrap();
    assert_eq!(
        a.text,
        "GENEVA — Chancellor Olaf Scholz met President Emmanuel Macron in Geneva on Monday.\n“We agreed on a plan,” Scholz said."
    );
    let m = &a.metadata;
    assert_eq!(m.headline.as_ref().unwrap().value, "Leaders meet in Geneva");
    assert_eq!(m.date.unwrap().to_string(), "2024-11-12");
    let authors: Vec<&str> = m.authors.iter().map(|f| f.value.as_str()).collect();
    assert_eq!(authors, ["Lena Frost", "Omar Haddad"]);
    assert_eq!(m.source.as_ref().unwrap().value, "Example News");
    assert_eq!(m.url.as_deref(), Some("https://news.example.org/2024/11/summit"));
    assert_eq!(a.id, "https://news.example.org/2024/11/summit");
    assert_eq!(m.prose, vec![0..a.text.len()]);
    assert_eq!(m.layout, Layout::Html);
}

#[test]
fn meta_tags_and_the_densest_block_without_article_or_json_ld() {
    let page = r#"<html><head><title>T</title>
<meta property="og:title" content="Court charges former mayor">
<meta property="article:published_time" content="2014-03-12">
<meta name="author" content="Ana Ruiz">
<meta property="og:site_name" content="Daily Example">
</head><body>
<div id="menu"><p>Sections</p><p>Search</p><p>Log in to read more and more and more</p></div>
<div class="content"><p>The court charged the former mayor on Tuesday.</p>
<p>Prosecutors said the contracts were rigged.</p></div>
<div class="share"><p>Share this on every social network you can think of, please, now</p></div>
</body></html>"#;
    let a = read_html("p.htm", page).unwrap();
    assert_eq!(a.text, "The court charged the former mayor on Tuesday.\nProsecutors said the contracts were rigged.");
    assert_eq!(a.metadata.headline.as_ref().unwrap().value, "Court charges former mayor");
    assert_eq!(a.metadata.date.unwrap().to_string(), "2014-03-12");
    assert_eq!(a.metadata.authors[0].value, "Ana Ruiz");
    assert_eq!(a.metadata.source.as_ref().unwrap().value, "Daily Example");
    assert!(a.id.starts_with("sha256:"), "no URL: the id is a hash of the text");
}

#[test]
fn a_page_without_body_text_is_empty() {
    let e = read_html("e.html", "<html><body><nav><p>Menu</p></nav></body></html>").unwrap_err();
    assert!(matches!(e, Error::Empty { .. }), "{e}");
}

#[test]
fn article_body_json_ld_replaces_an_extraction_that_found_far_less() {
    let page = r#"<html><head><script type="application/ld+json">{"@type":"NewsArticle","headline":"H","articleBody":"The first line of the story.\nThe second   line of the story."}</script></head><body><div>Photo: AP</div></body></html>"#;
    let a = read_html("f.html", page).unwrap();
    assert_eq!(a.text, "The first line of the story.\nThe second line of the story.");
    assert!(a.metadata.warnings.is_empty());
}

#[test]
fn the_headline_is_not_repeated_as_the_first_line() {
    let page = r#"<html><head><meta property="og:title" content="Mayor charged"></head><body><article>
<h1>Mayor  charged!</h1><p>The court charged the former mayor on Tuesday with taking bribes from builders.</p>
<p>Prosecutors said the contracts were rigged, and the trial is expected to start next spring.</p>
</article></body></html>"#;
    let a = read_html("h.html", page).unwrap();
    assert!(a.text.starts_with("The court charged"), "{}", a.text);
    assert_eq!(drop_headline("Only line", Some("Only line")), "Only line", "never the whole text");
}

#[test]
fn without_an_article_body_the_densest_block_is_read_with_a_warning() {
    // trafilatura takes a block classed as a sidebar for page furniture.
    let page = "<html><body><div class=\"sidebar\">Short note: the court charged the mayor.</div></body></html>";
    let a = read_html("d.html", page).unwrap();
    assert_eq!(a.text, "Short note: the court charged the mayor.");
    assert_eq!(a.metadata.warnings, ["no article body found; read the densest block of text on the page"]);
}

#[test]
fn deep_nesting_is_flattened_with_a_warning_and_the_text_kept() {
    let n = 2 * MAX_DEPTH;
    let page = format!(
        "<html><body>{}<p>The court charged the former mayor on Tuesday with taking bribes.</p>{}</body></html>",
        "<div>".repeat(n),
        "</div>".repeat(n)
    );
    let a = read_html("deep.html", &page).unwrap();
    assert_eq!(a.text, "The court charged the former mayor on Tuesday with taking bribes.");
    assert!(a.metadata.warnings[0].contains(&format!("nested deeper than {MAX_DEPTH}")), "{:?}", a.metadata.warnings);
}

#[test]
fn a_placeholder_json_ld_date_gives_way_to_the_meta_tags() {
    let page = r#"<html><head><title>T</title>
<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"0001-01-01T00:00:00Z"}</script>
<meta property="article:published_time" content="2021-06-03T08:00:00Z">
</head><body><article><p>The county council voted on Thursday to close the bridge for repairs.</p>
<p>Engineers said the work would take a month.</p></article></body></html>"#;
    let a = read_html("page.html", page).unwrap();
    assert_eq!(a.metadata.date.unwrap().to_string(), "2021-06-03");
    let only_placeholder =
        page.replace(r#"<meta property="article:published_time" content="2021-06-03T08:00:00Z">"#, "");
    let b = read_html("page.html", &only_placeholder).unwrap();
    assert_eq!(b.metadata.date, None, "a year-1 placeholder is no publication date");
}
