//! Every spelling that issue 2 opens with names its crossing, found in running text by `find_names`:
//! Bashmagh, Bashmaq, Bashmakh, Başmax, باشماق; "the Rafah crossing", "Rafah gate", معبر رفح; "Torkham
//! border", طورخم; Habur and Ibrahim Khalil; Allenby Bridge and King Hussein Bridge. The sentences are
//! written for the test.

use borderwatch_gazetteer::{Gazetteer, NameKind};

/// The crossing ids `find_names` reports in `text`.
fn crossing_ids(text: &str) -> Vec<String> {
    let gaz = Gazetteer::builtin();
    gaz.find_names(text)
        .into_iter()
        .filter_map(|h| match h.kind {
            NameKind::Crossing(c) => c.first().map(|&k| gaz.crossings()[k].id.clone()),
            _ => None,
        })
        .collect()
}

fn assert_names(text: &str, id: &str) {
    let ids = crossing_ids(text);
    assert!(
        ids.iter().any(|x| x == id),
        "{text:?} should name {id}, found {ids:?}"
    );
}

#[test]
fn bashmagh_in_every_spelling() {
    for spelling in ["Bashmagh", "Bashmaq", "Bashmakh", "Başmax", "باشماق"] {
        assert_names(
            &format!("Trucks queued at {spelling} on Monday."),
            "ir-iq-bashmagh",
        );
    }
}

#[test]
fn rafah_as_crossing_gate_and_in_arabic() {
    assert_names("Egypt kept the Rafah crossing shut.", "eg-ps-rafah");
    assert_names("Aid lorries waited at the Rafah gate.", "eg-ps-rafah");
    assert_names("أعيد فتح معبر رفح صباح اليوم", "eg-ps-rafah");
}

#[test]
fn torkham_in_latin_and_arabic_script() {
    assert_names("Traffic resumed at the Torkham border.", "af-pk-torkham");
    assert_names("د طورخم لاره بیا پرانیستل شوه", "af-pk-torkham");
}

#[test]
fn one_crossing_under_each_side_s_name() {
    for text in ["Queues grew at Habur.", "Queues grew at Ibrahim Khalil."] {
        assert_names(text, "tr-iq-habur");
    }
    for text in [
        "The Allenby Bridge reopened.",
        "The King Hussein Bridge reopened.",
    ] {
        assert_names(text, "jo-ps-allenby");
    }
}
