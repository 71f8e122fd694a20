//! An entity's labels and identity: which of its names to show, which are other names,
//! and whether its IRI is global or scoped to its article.

use std::collections::BTreeSet;

use rustc_hash::FxHashSet;

use super::name_key;
use crate::extract::mentions::{Candidate, Kind};
use crate::extract::Identity;
use crate::rules::EntityClass;
use crate::text::is_all_caps;

/// The other names of an entity: its names that differ from the label other than in case,
/// one form per spelling in any case (the one [`case_variant_to_show`] picks).
pub(super) fn alt_labels<'a>(names: impl Iterator<Item = &'a str> + Clone, label: &str) -> BTreeSet<String> {
    let label_key = label.to_lowercase();
    let mut keys = FxHashSet::default();
    let mut alts = BTreeSet::new();
    for name in names.clone() {
        let key = name.to_lowercase();
        if key != label_key && keys.insert(key) {
            alts.insert(case_variant_to_show(names.clone(), name).to_owned());
        }
    }
    alts
}

/// Of the names that equal `name` ignoring case, the one to show: `name` itself unless it is
/// in capitals and another form is not (a dateline's "WASHINGTON", a headline's
/// "ZENTROVA TRADING"), then the first such form in the sorted order.
pub(super) fn case_variant_to_show<'a>(names: impl Iterator<Item = &'a str>, name: &'a str) -> &'a str {
    if !is_all_caps(name) {
        return name;
    }
    let key = name.to_lowercase();
    names.filter(|n| !is_all_caps(n) && n.to_lowercase() == key).min().unwrap_or(name)
}

/// Whether a cluster's name identifies one entity in every article (see [`Identity`]): a
/// gazetteer entry does; a person needs two name words in the label; an organisation or
/// place named only by one all-capitals word (an acronym nobody expanded) does not.
pub(super) fn identity_of(candidates: &[Candidate], class: EntityClass, label: &str, members: &[usize]) -> Identity {
    if members.iter().any(|&i| matches!(candidates[i].kind, Kind::Gazetteer(_) | Kind::Demonym(_))) {
        return Identity::Global;
    }
    // The label is the fullest name the article uses, so a one-word label means no fuller
    // name was found.
    let one_word = name_key(label).split(' ').filter(|w| !w.is_empty()).count() < 2;
    let scoped = match class.base() {
        EntityClass::Person => one_word,
        _ => one_word && is_all_caps(label),
    };
    if scoped {
        Identity::Article
    } else {
        Identity::Global
    }
}
