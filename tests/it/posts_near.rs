//! Posts (brief h-posts3): owners named near a post but not right before its title, a
//! title in a list of names, and a second title with modifiers joined by "and"; on
//! sentences written for these tests, with negative cases.

use super::posts::{post, posts};

#[test]
fn an_organisation_noun_before_a_title_stands_for_the_organisation_named_last() {
    let all = posts(
        "Norvale Energy cut power to 9,000 homes on Monday. The outages will end soon, company CEO Rita Amsel said.",
    );
    assert_eq!(post(&all, "Rita Amsel", "CEO").2.as_deref(), Some("Norvale Energy"));
    // No organisation named before: no owner.
    let all = posts("The outages will end soon, company CEO Rita Amsel said.");
    assert_eq!(post(&all, "Rita Amsel", "CEO").2, None);
    // A capitalised word is a name, not the noun ("Company").
    let all = posts("Norvale Energy cut power. Company CEO Rita Amsel said so.");
    assert!(all.iter().all(|p| p.0 != "Rita Amsel" || p.2.as_deref() != Some("Norvale Energy")), "{all:?}");
}

#[test]
fn an_of_phrase_after_the_name_owns_a_title_before_it() {
    let all = posts("Senior lecturer Tomas Ekberg, of the University of Halden, said the data were sound.");
    assert_eq!(post(&all, "Tomas Ekberg", "lecturer").2.as_deref(), Some("University of Halden"));
    let all = posts("Analyst Dana Wirth of Corvane Bank said prices would fall.");
    assert_eq!(post(&all, "Dana Wirth", "analyst").2.as_deref(), Some("Corvane Bank"));
    // "of course" names nothing.
    let all = posts("Analyst Dana Wirth, of course, disagreed.");
    assert_eq!(post(&all, "Dana Wirth", "analyst").2, None);
}

#[test]
fn an_organisation_set_off_by_commas_after_a_title_owns_it() {
    let all = posts("Markets will recover next year, said Arjun Mehra, Director, Kestrel Securities.");
    assert_eq!(post(&all, "Arjun Mehra", "director").2.as_deref(), Some("Kestrel Securities"));
    // An organisation that goes on in the clause is no owner of the title.
    let all = posts("Arjun Mehra, director, Kestrel Securities and two banks met on Monday.");
    assert!(all.iter().all(|p| p.2.is_none()), "{all:?}");
}

#[test]
fn a_title_before_another_name_in_a_list_is_that_persons() {
    let all = posts("Ola Briggs, Senator Tom Vale and Senator Ann Moss went to court.");
    assert!(!all.iter().any(|p| p.0 == "Ola Briggs"), "{all:?}");
    post(&all, "Tom Vale", "senator");
    // An apposition without a name after the title is still one.
    let all = posts("Ola Briggs, a senator, went to court.");
    post(&all, "Ola Briggs", "senator");
}

#[test]
fn a_second_title_with_modifiers_joined_by_and_shares_the_owner() {
    let all = posts("On that stage Zentro founder and longtime CEO Mark Ellery unveiled the phone.");
    assert_eq!(post(&all, "Mark Ellery", "founder").2.as_deref(), Some("Zentro"));
    assert_eq!(post(&all, "Mark Ellery", "CEO").2.as_deref(), Some("Zentro"));
    // Without "and" the words before the title are no second title.
    let all = posts("On that stage the founder's longtime CEO Mark Ellery unveiled the phone.");
    assert!(!all.iter().any(|p| p.1 == "founder"), "{all:?}");
}

#[test]
fn a_news_outlet_before_a_reporters_beat_owns_the_post() {
    let all = posts("The base is safe, a colonel told BBC Pentagon correspondent Lina Ortiz on Monday.");
    assert_eq!(post(&all, "Lina Ortiz", "correspondent").2.as_deref(), Some("BBC"));
    // Without an outlet before it, the organisation before the title keeps the post.
    let all = posts("The base is safe, said Pentagon spokesperson Lina Ortiz on Monday.");
    assert_eq!(post(&all, "Lina Ortiz", "spokesperson").2.as_deref(), Some("Pentagon"));
}
