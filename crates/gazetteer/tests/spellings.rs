//! The spellings of one crossing meet through folding, in look-ups and in running text.

use borderwatch_gazetteer::{Gazetteer, NameHit, NameKind};

const BASHMAGH: &str = "ir-iq-bashmagh";

fn bashmagh() -> usize {
    match Gazetteer::builtin().index_of(BASHMAGH) {
        Some(i) => i,
        None => panic!("{BASHMAGH} missing from the built-in data"),
    }
}

/// The substrings of `text` that `find_names` reports as naming Bashmagh.
fn bashmagh_mentions(text: &str) -> Vec<&str> {
    let g = Gazetteer::builtin();
    let want = bashmagh();
    g.find_names(text)
        .iter()
        .filter(|h| matches!(&h.kind, NameKind::Crossing(v) if v.contains(&want)))
        .filter_map(|h: &NameHit| text.get(h.start..h.end))
        .collect()
}

#[test]
fn spelling_variants_look_up_to_bashmagh() {
    let g = Gazetteer::builtin();
    let want = vec![bashmagh()];
    for name in [
        "Bashmagh",
        "Bashmaq",
        "Bashmakh",
        "BASHMAGH",
        "bash-magh ",
        "باشماق",
        "باشـماق",
        BASHMAGH,
    ] {
        let got = g.lookup(name);
        if name == "bash-magh " {
            assert!(got.is_empty(), "a split word is another name: {got:?}");
        } else {
            assert_eq!(got, want, "lookup({name:?})");
        }
    }
    for query in ["bashmaq", "باشماق", "ir-iq-bash", "ashma"] {
        assert_eq!(
            g.search(query).first(),
            Some(&bashmagh()),
            "search({query:?})"
        );
    }
}

#[test]
fn finds_every_spelling_with_its_span() {
    let text = "Lorries crossed at Bashmaq on Monday; the BASHMAKH post (also written Bashmagh's gate) \
                reopened, said an official at Bashmagh.";
    assert_eq!(
        bashmagh_mentions(text),
        vec!["Bashmaq", "BASHMAKH", "Bashmagh", "Bashmagh"]
    );
}

#[test]
fn finds_names_inside_arabic_script_text() {
    let text = "أعادت إيران فتح منفذ باشماق الحدودي، وقال مسؤول إن «باشماخ» مفتوح.";
    assert_eq!(bashmagh_mentions(text), vec!["باشماق", "باشماخ"]);
    // With harakat and tatweel in the text, the span still covers the whole written word.
    let text = "معبر بَاشْمـاق اليوم";
    assert_eq!(bashmagh_mentions(text), vec!["بَاشْمـاق"]);
}

#[test]
fn names_inside_longer_words_are_not_found() {
    assert!(bashmagh_mentions("The Bashmaghi family and xBashmaq, Bashmakhan.").is_empty());
    // An apostrophe inside a word joins it: this is one longer word.
    assert!(bashmagh_mentions("Bashmag'hi").is_empty());
}

#[test]
fn country_and_region_names_come_with_the_crossing() {
    let g = Gazetteer::builtin();
    let text = "Iran's customs chief said the Bashmagh border with Iraqi Kurdistan is open.";
    let hits = g.find_names(text);
    let kinds: Vec<(&str, &NameKind)> = hits
        .iter()
        .filter_map(|h| Some((text.get(h.start..h.end)?, &h.kind)))
        .collect();
    let texts: Vec<&str> = kinds.iter().map(|(s, _)| *s).collect();
    assert_eq!(texts, vec!["Iran", "Bashmagh border", "Iraqi Kurdistan"]);
    assert_eq!(kinds[0].1, &NameKind::Country("IR".into()));
    assert!(matches!(kinds[2].1, NameKind::Region { country, .. } if country == "IQ"));
}

/// Hits naming the built-in crossing `id` in `text`, as (matched text, weak).
fn hits_for<'t>(text: &'t str, id: &str) -> Vec<(&'t str, bool)> {
    let g = Gazetteer::builtin();
    let Some(want) = g.index_of(id) else {
        panic!("{id} missing from the built-in data");
    };
    g.find_names(text)
        .iter()
        .filter(|h| matches!(&h.kind, NameKind::Crossing(v) if v.contains(&want)))
        .filter_map(|h| Some((text.get(h.start..h.end)?, h.weak)))
        .collect()
}

#[test]
fn a_name_that_folds_onto_an_everyday_word_is_weak() {
    // "Pharr" folds to "far" and "Coutts" to "cuts": as plain words they must not name the crossings
    // on their own (the linker needs a border word beside a weak hit).
    let text = "Snow fell in the far north, and the budget cuts hit Portal schools.";
    for id in ["us-mx-pharr", "us-ca-coutts", "us-ca-portal"] {
        assert!(
            hits_for(text, id).iter().all(|&(_, weak)| weak),
            "{id}: {:?}",
            hits_for(text, id)
        );
    }
    // Longer aliases that are not everyday words stay strong.
    assert_eq!(
        hits_for(
            "Trucks waited at the Pharr International Bridge.",
            "us-mx-pharr"
        ),
        [("Pharr International Bridge", false)]
    );
    // Lookups by name are not affected: a user asking for Pharr gets Pharr.
    let g = Gazetteer::builtin();
    assert_eq!(
        g.lookup("Pharr"),
        g.index_of("us-mx-pharr").into_iter().collect::<Vec<_>>()
    );
}
