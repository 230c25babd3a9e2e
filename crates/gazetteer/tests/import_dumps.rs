//! Imports the real dumps in `<workspace>/../shared/data/gazetteer` into the built-in gazetteer and
//! checks that the import accounts for every row. Skips (with a message) where the dumps are absent.

use borderwatch_gazetteer::Gazetteer;
use borderwatch_gazetteer::import::{self, RejectReason, unlocode, wikidata};
use std::path::PathBuf;

fn dumps() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/gazetteer");
    if dir.is_dir() {
        Some(dir)
    } else {
        println!("SKIPPED: no dumps at {}", dir.display());
        None
    }
}

fn read(path: PathBuf) -> String {
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    import::decode_utf8_or_latin1(&bytes)
}

#[test]
fn wikidata_dump_accounts_for_every_point_and_merges_the_seed_crossings() {
    let Some(dir) = dumps() else { return };
    let g = Gazetteer::builtin();
    let text = read(dir.join("wikidata-meast/border-reference-points.json"));
    let parsed = wikidata::parse(&text, g).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(parsed.rows, 280);
    let outcome = import::merge_parsed(g, parsed);
    assert_eq!(
        outcome.rows(),
        280,
        "added + merged + rejected must cover every point"
    );
    let tripoints = outcome
        .rejected
        .iter()
        .filter(|r| r.reason == RejectReason::Tripoint)
        .count();
    assert_eq!(tripoints, 22);
    let custom = outcome
        .rejected
        .iter()
        .filter(|r| r.reason == RejectReason::InlandCustomHouse)
        .count();
    assert_eq!(custom, 7);
    assert!(
        outcome
            .rejected
            .iter()
            .any(|r| r.reason == RejectReason::HistoricalState("Ottoman Empire".into()))
    );

    for (name, qids) in [
        ("Bashmagh", &["Q112042366", "Q67892971"][..]),
        ("Parviz Khan", &["Q7141400", "Q67892976", "Q112042439"][..]),
        (
            "Haji Omaran",
            &["Q67892967", "Q68036967", "Q112040540", "Q129562117"][..],
        ),
    ] {
        let hits = g.lookup(name);
        assert_eq!(hits.len(), 1, "{name} in the built-in gazetteer");
        let id = &g.crossings()[hits[0]].id;
        let merged = outcome.merged.iter().find(|m| &m.id == id);
        let merged = merged.unwrap_or_else(|| panic!("nothing merged into {id}"));
        for q in qids {
            assert!(
                merged
                    .origins
                    .iter()
                    .any(|o| o.starts_with(&format!("{q} ")) || o == q),
                "{q} not merged into {id}: {merged:?}"
            );
        }
    }
    println!(
        "wikidata: {} added ({} rows), {} merged into {} crossings, {} rejected",
        outcome.added.len(),
        outcome.added_rows(),
        outcome.merged_rows(),
        outcome.merged.len(),
        outcome.rejected.len()
    );
    // The result must be loadable as a gazetteer.
    g.extended(outcome.crossings)
        .unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn unlocode_dump_accounts_for_every_border_row() {
    let Some(dir) = dumps() else { return };
    let g = Gazetteer::builtin();
    let subs_bytes = std::fs::read(dir.join("unlocode-2018-1/unece-subdivision-codes-2018-1.csv"));
    let subs =
        unlocode::Subdivisions::parse(&import::decode_latin1(&subs_bytes.unwrap_or_default()));
    assert!(subs.len() > 1000, "{} subdivisions", subs.len());
    let text = read(dir.join("unlocode-2018-1/border-crossings-2018-1.csv"));
    let parsed = unlocode::parse(&text, g, Some(&subs)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(parsed.rows, 485);
    let no_coords = parsed
        .rejected
        .iter()
        .filter(|r| r.reason == RejectReason::NoCoordinates)
        .count();
    assert_eq!(no_coords, 485 - 310, "rows without coordinates");
    let outcome = import::merge_parsed(g, parsed.clone());
    assert_eq!(outcome.rows(), 485);
    println!(
        "unlocode: {} added ({} rows), {} rows merged into {} crossings, {} rejected",
        outcome.added.len(),
        outcome.added_rows(),
        outcome.merged_rows(),
        outcome.merged.len(),
        outcome.rejected.len()
    );
    g.extended(outcome.crossings)
        .unwrap_or_else(|e| panic!("{e}"));

    // The original code list (bz2) holds the same border rows; read it when bzcat is at hand.
    let bz = dir.join("unlocode-2018-1/unlocode-code-list-2018-1.csv.bz2");
    match std::process::Command::new("bzcat").arg(&bz).output() {
        Ok(out) if out.status.success() => {
            let full = import::decode_utf8_or_latin1(&out.stdout);
            let all = unlocode::parse(&full, g, Some(&subs)).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(all.rows, 485);
            assert_eq!(all.records.len(), parsed.records.len());
        }
        _ => println!("SKIPPED: bzcat not available for {}", bz.display()),
    }
}
