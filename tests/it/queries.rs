//! Rows of each ready-made query over the fixtures (one store, ingested once).

use std::path::PathBuf;
use std::sync::OnceLock;

use newskg::article::text_id;
use newskg::rdf::Minter;

use super::{fixture, newskg};

/// The store with every fixture ingested (records.jsonl has two bad lines: exit 1).
fn store() -> &'static PathBuf {
    static STORE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, path) = STORE.get_or_init(|| {
        let (dir, store) = super::temp_store();
        newskg().args(["ingest", "--store", store.to_str().unwrap()]).arg(fixture("")).assert().code(1);
        (dir, store)
    });
    path
}

/// The rows of a query as CSV lines (header first), with article IRIs shortened to the
/// fixture file name or record id.
fn rows(query: &str, params: &[&str]) -> Vec<String> {
    let mut cmd = newskg();
    cmd.args(["query", query, "--format", "csv", "--store", store().to_str().unwrap()]);
    for p in params {
        cmd.args(["--param", p]);
    }
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{query}: {}", String::from_utf8_lossy(&out.stderr));
    let mut text = String::from_utf8(out.stdout).unwrap();
    let minter = Minter::default();
    for f in ["wire-summit.txt", "wikinews-court.txt"] {
        let id = text_id(&std::fs::read_to_string(fixture(f)).unwrap());
        text = text.replace(minter.article(&id).unwrap().as_str(), f);
    }
    text = text.replace(&format!("{}article/", newskg::rdf::mint::DEFAULT_BASE), "");
    text.lines().map(str::to_owned).collect()
}

#[test]
fn who_met_whom() {
    assert_eq!(
        rows("who-met-whom", &[]),
        [
            "a,b,place,date,article",
            "Abiy Ahmed,William Ruto,Nairobi,2022-09-29,rec-3",
            "Anna Keller,Mark Dunn,Geneva,,wire-summit.txt",
            "Anna Keller,Xi Jinping,Geneva,,wire-summit.txt",
            "Mark Dunn,Xi Jinping,Geneva,,wire-summit.txt",
        ]
    );
    assert_eq!(rows("who-met-whom", &["name=ruto"]).len(), 2);
}

#[test]
fn quotes_by_speaker() {
    assert_eq!(
        rows("quotes-by-speaker", &[]),
        [
            // Newest article first; wire-summit.txt gives no date, so it comes last.
            "speaker,quote,article",
            "Henrik Lund,\"I have never taken a single krone that was not mine, and I will prove it in court\",wikinews-court.txt",
            "Anna Keller,\"Nothing is settled yet, and nobody should pretend otherwise.\",wire-summit.txt",
            "Anna Keller,We agreed to keep talking,wire-summit.txt",
        ]
    );
    assert_eq!(rows("quotes-by-speaker", &["speaker_filter=lund"]).len(), 2);
}

#[test]
fn posts_held() {
    let r = rows("posts-held", &[]);
    for want in [
        "Abiy Ahmed,prime minister,Ethiopia,incumbent,2022-09-30,rec-3",
        "Henrik Lund,mayor,,former,2014-03-12,wikinews-court.txt",
        "Laura Bishop,senator,,incumbent,,wire-summit.txt",
        "Laura Bishop,spokesperson,Senate Foreign Relations Committee,incumbent,,wire-summit.txt",
        "Sara Holm,chief executive,Nordic Air,designate,2023-05-04,rec-1",
        "Tim Oakes,reporter,Associated Press,incumbent,,wire-summit.txt",
        "William Ruto,president,Kenya,incumbent,2022-09-30,rec-3",
        "Xi Jinping,president,China,incumbent,,wire-summit.txt",
    ] {
        assert!(r.contains(&want.to_owned()), "{want} missing from {r:#?}");
    }
    assert_eq!(rows("posts-held", &["holder=bishop"]).len(), 3);
}

#[test]
fn events_by_type_place_and_date() {
    let r = rows("events", &["type=meeting"]);
    assert_eq!(
        r,
        [
            "event_type,participants,where,when,modality,article",
            "Meeting,Abiy Ahmed; William Ruto,Nairobi,2022-09-29,,rec-3",
            "Meeting,Anna Keller; Mark Dunn; Xi Jinping,Geneva,,,wire-summit.txt",
        ]
    );
    assert_eq!(rows("events", &["place=nairobi"]).len(), 2);
    assert_eq!(
        rows("events", &["date=2014-03-11", "type=LegalAction"]),
        [
            "event_type,participants,where,when,modality,article",
            "LegalAction,Henrik Lund,Oslo,2014-03-11,,wikinews-court.txt",
        ]
    );
    let all = rows("events", &[]);
    // GROUP_CONCAT has no order: look for both participants.
    assert!(
        all.iter().any(|l| l.starts_with("Statement,")
            && l.contains("Marit Berg")
            && l.contains("NTB")
            && l.contains(",,,wikinews-court.txt")),
        "{all:#?}"
    );
}

#[test]
fn sources_cited() {
    let r = rows("sources-cited", &[]);
    for want in [
        "a Swiss official,anonymous,2,wire-summit.txt",
        "Reuters,named,2,wire-summit.txt",
        "NTB,named,2,wikinews-court.txt",
        "Reuters,named,1,single-1",
    ] {
        assert!(r.contains(&want.to_owned()), "{want} missing from {r:#?}");
    }
    assert!(!r.iter().any(|l| l.starts_with("Jo Brand")), "a byline is no source: {r:#?}");
}

#[test]
fn entity_profile() {
    let r = rows("entity-profile", &["name=keller"]);
    for want in [
        "person/anna-keller,event,Meeting,",
        "person/anna-keller,name,Keller,",
        "person/anna-keller,post,foreign minister,",
        "person/anna-keller,quote,We agreed to keep talking,",
        "person/anna-keller,type,Person,",
    ] {
        assert!(r.iter().any(|l| l.contains(want)), "{want} missing from {r:#?}");
    }
    assert_eq!(rows("entity-profile", &["name=nobody at all"]).len(), 1);
}

#[test]
fn articles_mentioning() {
    assert_eq!(
        rows("articles-mentioning", &["name=Reuters"]),
        [
            "article,headline,published,label,mentions",
            "single-1,Lawmakers back climate accord,2021-04-22,Reuters,1",
            "wire-summit.txt,,,Reuters,1",
        ]
    );
}

#[test]
fn names_are_found_in_any_case_through_their_keys() {
    let want = rows("articles-mentioning", &["name=Reuters"]);
    assert_eq!(rows("articles-mentioning", &["name=REUTERS"]), want);
    assert_eq!(rows("articles-mentioning", &["name=reuters"]), want);
    let profile = rows("entity-profile", &["name=Anna Keller"]);
    assert!(profile.len() > 5, "{profile:#?}");
    assert_eq!(rows("entity-profile", &["name=aNNA kELLER"]), profile);
    // An other name (skos:altLabel) is a name too.
    assert_eq!(rows("entity-profile", &["name=KELLER"]), profile);
    // Exact names only: part of a name is no name.
    assert_eq!(rows("entity-profile", &["name=anna kel"]).len(), 1);
}

#[test]
fn a_bound_article_gives_the_rows_of_the_filter() {
    let all = rows("sources-cited", &[]);
    let article = format!("{}article/single-1", newskg::rdf::mint::DEFAULT_BASE);
    let one = rows("sources-cited", &[&format!("article_filter=<{article}>")]);
    assert_eq!(one[0], all[0]);
    let want: Vec<&String> = all.iter().filter(|l| l.ends_with(",single-1")).collect();
    assert!(!want.is_empty());
    assert_eq!(one[1..].iter().collect::<Vec<_>>(), want);
}

#[test]
fn ready_made_queries_print_at_most_limit_rows_and_say_so() {
    let store = store().to_str().unwrap();
    let out = newskg().args(["query", "events", "--format", "csv", "--limit", "2", "--store", store]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 3, "{text}");
    let note = String::from_utf8(out.stderr).unwrap();
    assert!(note.contains("showing the first 2 rows") && note.contains("--limit 0"), "{note}");
    let all = newskg().args(["query", "events", "--format", "csv", "--limit", "0", "--store", store]).output().unwrap();
    let all_text = String::from_utf8(all.stdout).unwrap();
    assert!(all_text.lines().count() > 3);
    assert!(all_text.starts_with(&text), "the first rows are the same rows");
    assert!(all.stderr.is_empty());
    // Exactly as many rows as the limit: nothing left out, no note.
    let n = all_text.lines().count() - 1;
    let exact = newskg()
        .args(["query", "events", "--format", "csv", "--limit", &n.to_string(), "--store", store])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(exact.stdout).unwrap(), all_text);
    assert!(exact.stderr.is_empty());
}

#[test]
fn article_ordered_queries_found_article_by_article_give_the_whole_querys_first_rows() {
    // Queries with `# order: article` are evaluated one article at a time when a limit
    // applies and no parameter is given; every prefix must be the whole query's.
    let store = store().to_str().unwrap();
    let run = |q: &str, limit: &str| {
        let out = newskg().args(["query", q, "--format", "csv", "--limit", limit, "--store", store]).output().unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let ordered: Vec<String> = newskg::queries::all().into_iter().filter(|q| q.by_article).map(|q| q.name).collect();
    for q in ["events", "posts-held", "quotes-by-speaker", "sources-cited", "who-met-whom"] {
        assert!(ordered.iter().any(|o| o == q), "{q} is not ordered by article");
    }
    for q in &ordered {
        let all = run(q, "0");
        let lines: Vec<&str> = all.lines().collect();
        assert!(lines.len() > 3, "{q}: {all}");
        for k in 1..lines.len() {
            let first = run(q, &k.to_string());
            assert_eq!(first.lines().collect::<Vec<_>>(), lines[..=k], "{q} --limit {k}");
        }
    }
}

#[test]
fn both_ways_of_finding_an_article_ordered_querys_first_rows_give_its_rows() {
    // With parameters, the walk over article graphs and the whole query race; each way,
    // forced, must give every prefix of the whole query's rows.
    let store = store().to_str().unwrap();
    let run = |q: &str, param: &str, limit: &str, way: Option<&str>| {
        let mut cmd = newskg();
        cmd.args(["query", q, "--param", param, "--format", "csv", "--limit", limit, "--store", store]);
        if let Some(way) = way {
            cmd.env("NEWSKG_ORDERED_QUERY", way);
        }
        let out = cmd.output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let court = text_id(&std::fs::read_to_string(fixture("wikinews-court.txt")).unwrap());
    let court = format!("article_filter=<{}>", Minter::default().article(&court).unwrap().as_str());
    for (q, param) in [
        ("events", "type=statement"),
        // Name filters match words through the word index (and run the whole query).
        ("posts-held", "holder=holm"),
        ("quotes-by-speaker", "speaker_filter=keller"),
        ("sources-cited", court.as_str()),
        ("who-met-whom", "name=keller"),
    ] {
        let all = run(q, param, "0", None);
        let lines: Vec<&str> = all.lines().collect();
        assert!(lines.len() > 2, "{q} {param}: {all}");
        for k in 1..lines.len() {
            for way in ["walk", "whole"] {
                let first = run(q, param, &k.to_string(), Some(way));
                assert_eq!(first.lines().collect::<Vec<_>>(), lines[..=k], "{q} {param} --limit {k} ({way})");
            }
        }
    }
}
