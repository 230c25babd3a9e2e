//! The demo's sample reports (samples/kurdistan-2017 and samples/demo, written by the team) give the
//! statuses samples/demo/README.md promises. The demo map is what people see first: if a change to
//! extraction or fusion moves one of these, this test says which, before a visitor does. Also checks
//! `borderwatch export` over the same store.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn run(dir: &Path, db: &Path, args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_borderwatch"))
        .env("XDG_DATA_HOME", dir)
        .env("HOME", dir)
        .stdin(Stdio::null())
        .arg("--db")
        .arg(db)
        .args(args)
        .output();
    match out {
        Ok(o) => o,
        Err(e) => panic!("cannot start borderwatch {args:?}: {e}"),
    }
}

/// (crossing id, status on the latest date of the set, since) as samples/demo/README.md lists them.
const EXPECTED: &[(&str, &str, &str)] = &[
    ("af-pk-torkham", "open", "2023-09-15"),
    // 2017-11-05 says Mehran stays open "for pilgrims": open for some only, so restricted (issue 10's
    // limited openings); the 2023 report that it "remains open around the clock" makes it open again.
    ("ir-iq-mehran", "open", "2023-08-28"),
    // Two outlets agreed on the 2018 reopening; the Arabic sample of samples/languages closes it on
    // 2024-09-19 and reopens it on 2024-09-22.
    ("sy-jo-nasib", "open", "2024-09-22"),
    ("lb-sy-masnaa", "open", "2024-09-24"),
    ("co-ve-simon-bolivar-bridge", "open", "2022-09-26"),
    ("ug-rw-gatuna", "open", "2022-01-31"),
    ("us-ca-ambassador-bridge", "open", "2022-02-13"),
    ("pl-by-kuznica", "closed", "2021-11-09"),
    ("pl-by-bobrowniki", "closed", "2023-02-10"),
    ("fi-ru-vaalimaa", "closed", "2023-11-18"),
    ("fi-ru-salla", "closed", "2023-11-24"),
    ("fi-ru-raja-jooseppi", "closed", "2023-11-30"),
    ("fi-ru-vainikkala", "closed", "2024-04-11"),
    ("af-pk-chaman", "closed", "2024-06-10"),
    ("tr-sy-bab-al-hawa", "restricted", "2022-07-13"),
    ("tr-sy-bab-al-salama", "restricted", "2023-02-14"),
    ("sd-td-adre", "restricted", "2024-08-15"),
    ("tn-ly-ras-ajdir", "restricted", "2024-07-01"),
    ("ir-iq-bashmagh", "open", "2017-10-25"),
    ("ir-iq-parviz-khan", "closed", "2017-10-15"),
    ("ir-iq-haji-omaran", "closed", "2017-10-15"),
    ("tr-iq-habur", "open", "2017-10-20"),
    // samples/languages: one article per language read natively.
    ("tr-bg-kapikule", "open", "2024-03-04"),
    ("tr-bg-hamzabeyli", "restricted", "2024-03-06"),
    ("ru-ge-upper-lars", "closed", "2024-03-06"),
    ("iq-sy-semalka", "open", "2024-09-18"),
    ("ir-iq-chazabeh", "open", "2024-10-28"),
    ("ir-iq-tawilah", "closed", "2024-11-19"),
    ("pl-ua-korczowa", "closed", "2024-02-20"),
    ("ar-cl-cristo-redentor", "open", "2024-07-16"),
    ("cd-zm-kasumbalesa", "open", "2024-07-09"),
    ("br-py-ponte-da-amizade", "closed", "2024-08-27"),
];

#[test]
fn demo_samples_give_the_promised_statuses() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("demo.db");
    let root = workspace();
    let k = root.join("samples/kurdistan-2017");
    let d = root.join("samples/demo");
    let l = root.join("samples/languages");
    let o = run(
        dir.path(),
        &db,
        &[
            "ingest",
            "-q",
            &k.to_string_lossy(),
            &d.to_string_lossy(),
            &l.to_string_lossy(),
        ],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );

    let o = run(dir.path(), &db, &["status", "--json"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let rows: Value = serde_json::from_slice(&o.stdout).expect("status --json prints JSON");
    let rows = rows.as_array().expect("a list");
    let mut wrong = Vec::new();
    for (id, status, since) in EXPECTED {
        let row = rows.iter().find(|r| r["id"] == *id);
        let got = row.map(|r| {
            (
                r["status"]["status"].as_str().unwrap_or("?").to_string(),
                r["status"]["since"].as_str().unwrap_or("-").to_string(),
            )
        });
        if got.as_ref().map(|(s, d)| (s.as_str(), d.as_str())) != Some((status, since)) {
            wrong.push(format!(
                "{id}: expected {status} since {since}, got {got:?}"
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "demo statuses moved:\n{}",
        wrong.join("\n")
    );
    // Nothing else has a status: the set names no other crossing.
    let extra: Vec<&str> = rows
        .iter()
        .filter(|r| r["status"]["status"] != "unknown")
        .filter_map(|r| r["id"].as_str())
        .filter(|id| !EXPECTED.iter().any(|(e, _, _)| e == id))
        .collect();
    assert!(
        extra.len() <= 8,
        "unexpected statuses (Finland's other crossings are expected): {extra:?}"
    );
    assert!(extra.iter().all(|id| id.starts_with("fi-ru-")), "{extra:?}");

    // "For whom": the aid-only crossing says so.
    let o = run(dir.path(), &db, &["status", "tr-sy-bab-al-hawa", "--json"]);
    let v: Value = serde_json::from_slice(&o.stdout).expect("status --json prints JSON");
    assert_eq!(v["for_whom"], "open only to humanitarian aid");

    // The same store exported: GeoJSON with every crossing, CSV with the HXL row.
    let o = run(
        dir.path(),
        &db,
        &["export", "--format", "geojson", "--country", "IQ"],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let geo: Value = serde_json::from_slice(&o.stdout).expect("GeoJSON");
    let bash = geo["features"]
        .as_array()
        .expect("features")
        .iter()
        .find(|f| f["id"] == "ir-iq-bashmagh")
        .expect("Bashmagh");
    assert_eq!(bash["properties"]["status"], "open");
    let out = dir.path().join("x.csv");
    let o = run(
        dir.path(),
        &db,
        &[
            "export",
            "--format",
            "csv",
            "--hxl",
            "-o",
            &out.to_string_lossy(),
        ],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let csv = std::fs::read_to_string(&out).expect("written");
    assert!(
        csv.lines()
            .nth(1)
            .is_some_and(|l| l.starts_with("#loc+id,"))
    );
    assert!(
        csv.lines()
            .any(|l| l.starts_with("tr-sy-bab-al-hawa,") && l.contains(",restricted,"))
    );
    let o = run(dir.path(), &db, &["export", "--format", "geojson", "--hxl"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--format csv"));
}

/// The demo's articles in other languages (samples/languages, written by the team in Arabic and
/// Kurmanji) are read in their own words: the reopening and the closure before it, with the evidence
/// in the original script, and the demo map shows both crossings open since their reopening.
#[test]
fn language_samples_are_read_in_their_own_script() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("languages.db");
    let root = workspace();
    let langs = root.join("samples/languages");
    let cases = [
        (
            "ar-nasib-reopens.jsonl",
            "ar",
            "sy-jo-nasib",
            ["2024-09-22", "2024-09-19"],
            "فتح",
        ),
        (
            "kmr-semalka-reopens.jsonl",
            "kmr",
            "iq-sy-semalka",
            ["2024-09-18", "2024-09-12"],
            "ji nû ve hate vekirin",
        ),
    ];
    for (file, lang, id, [reopened, closed], trigger) in cases {
        let path = langs.join(file);
        let o = run(
            dir.path(),
            &db,
            &["extract", "--jsonl", &path.to_string_lossy()],
        );
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        let v: Value = serde_json::from_slice(&o.stdout).expect("one JSON line");
        assert_eq!(v["report"]["language"], lang, "{file}");
        let claims = v["claims"].as_array().expect("claims");
        let got: Vec<[&str; 5]> = claims
            .iter()
            .map(|c| {
                [
                    c["crossing"]["id"].as_str().unwrap_or("?"),
                    c["change"].as_str().unwrap_or("?"),
                    c["status"].as_str().unwrap_or("?"),
                    c["modality"].as_str().unwrap_or("?"),
                    c["effective"]["date"].as_str().unwrap_or("-"),
                ]
            })
            .collect();
        assert_eq!(
            got,
            [
                [id, "reopened", "open", "asserted", reopened],
                [id, "closed", "closed", "asserted", closed],
            ],
            "{file}"
        );
        let text = v["report"]["text"].as_str().expect("text");
        let span = &claims[0]["evidence"]["trigger"];
        let at = |k: &str| usize::try_from(span[k].as_u64().unwrap_or(0)).unwrap_or(0);
        assert_eq!(text.get(at("start")..at("end")), Some(trigger), "{file}");
    }

    // Loaded with the rest of the demo, both crossings end open since their reopening.
    let o = run(
        dir.path(),
        &db,
        &[
            "ingest",
            "-q",
            &root.join("samples/kurdistan-2017").to_string_lossy(),
            &root.join("samples/demo").to_string_lossy(),
            &langs.to_string_lossy(),
        ],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let o = run(dir.path(), &db, &["status", "--json"]);
    let rows: Value = serde_json::from_slice(&o.stdout).expect("status --json prints JSON");
    for (id, since) in [
        ("sy-jo-nasib", "2024-09-22"),
        ("iq-sy-semalka", "2024-09-18"),
    ] {
        let row = rows
            .as_array()
            .and_then(|r| r.iter().find(|r| r["id"] == id))
            .unwrap_or_else(|| panic!("{id} has no status"));
        assert_eq!(row["status"]["status"], "open", "{id}");
        assert_eq!(row["status"]["since"], since, "{id}");
    }
}
