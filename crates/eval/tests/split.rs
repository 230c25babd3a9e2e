//! The dev/held split: fixed by the id alone, as documented in `split.rs`.

use borderwatch_eval::Half;

#[test]
fn the_half_is_the_parity_of_the_first_sha256_byte_of_the_id() {
    // Expected halves from `printf '%s' ID | sha256sum` (first byte in the comment), not from the
    // code under test.
    for (id, half) in [
        ("r1", Half::Dev),        // 82
        ("r2", Half::Held),       // db
        ("r3", Half::Dev),        // e4
        ("report-7", Half::Held), // b5
        ("x", Half::Held),        // 2d
        ("", Half::Held),         // e3
    ] {
        assert_eq!(Half::of(id), half, "id {id:?}");
    }
}

#[test]
fn the_split_cuts_a_corpus_roughly_in_two() {
    let ids: Vec<String> = (0..1000).map(|i| format!("report-{i}")).collect();
    let dev = ids.iter().filter(|id| Half::of(id) == Half::Dev).count();
    // A fair coin gives 500 ± 16 (one standard deviation); 100 either way would mean a broken hash.
    assert!((400..=600).contains(&dev), "{dev} of 1000 in dev");
}

#[test]
fn halves_have_the_names_of_the_command_line_and_json() {
    assert_eq!(Half::Dev.name(), "dev");
    assert_eq!(Half::Held.name(), "held");
    assert_eq!(
        serde_json::to_string(&Half::Held).ok().as_deref(),
        Some("\"held\"")
    );
}
