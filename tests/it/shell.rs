//! The command line as documentation: help with examples for the new commands, shell
//! completions and the man page generated from the clap definitions.

use predicates::prelude::*;

use super::newskg;

#[test]
fn new_commands_have_help_with_examples() {
    for cmd in ["serve", "push", "validate", "completions", "man"] {
        newskg().args([cmd, "--help"]).assert().success().stdout(predicate::str::contains("Example"));
    }
}

#[test]
fn completions_are_generated_for_each_shell() {
    for (shell, marker) in [
        ("bash", "_newskg()"),
        ("zsh", "#compdef newskg"),
        ("fish", "complete -c newskg"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion"),
    ] {
        newskg()
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(predicate::str::contains(marker).and(predicate::str::contains("serve")));
    }
    newskg().args(["completions", "tcsh"]).assert().code(2).stderr(predicate::str::contains("invalid value"));
}

#[test]
fn the_man_page_is_roff_listing_the_commands() {
    newskg().arg("man").assert().success().stdout(
        predicate::str::starts_with(".ie")
            .or(predicate::str::contains(".TH newskg 1"))
            .and(predicate::str::contains(".TH newskg"))
            .and(predicate::str::contains("serve"))
            .and(predicate::str::contains("validate")),
    );
}
