//! Golden files: the exact N-Quads `extract` gives for each fixture. A change in
//! extraction shows up here as a diff; refresh with `UPDATE_GOLDEN=1 cargo test`.

use std::path::Path;

use super::{extract_nquads, fixture};

fn check(name: &str) {
    let got = extract_nquads(&[fixture(name).to_str().unwrap()]).join("\n") + "\n";
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(format!("{name}.nq"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden, &got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&golden)
        .unwrap_or_else(|_| panic!("{} missing: run with UPDATE_GOLDEN=1", golden.display()));
    if got != want {
        let want_lines: std::collections::BTreeSet<&str> = want.lines().collect();
        let got_lines: std::collections::BTreeSet<&str> = got.lines().collect();
        let missing: Vec<&&str> = want_lines.difference(&got_lines).take(10).collect();
        let extra: Vec<&&str> = got_lines.difference(&want_lines).take(10).collect();
        panic!(
            "{name}: output differs from {}\nmissing: {missing:#?}\nextra: {extra:#?}\n(UPDATE_GOLDEN=1 refreshes)",
            golden.display()
        );
    }
}

#[test]
fn golden_wire_summit() {
    check("wire-summit.txt");
}

#[test]
fn golden_wikinews_court() {
    check("wikinews-court.txt");
}

#[test]
fn golden_record_json() {
    check("record.json");
}
