//! Importers on small samples written for these tests (no text here comes from a dump).

use borderwatch_gazetteer::import::{
    self, Format, ImportError, RejectReason, csv, geojson, unlocode, wikidata,
};
use borderwatch_gazetteer::{Alias, Crossing, Gazetteer, Mode};

fn alias(text: &str, lang: &str) -> Alias {
    Alias {
        text: text.into(),
        lang: lang.into(),
        weak: false,
        shared: false,
    }
}

fn crossing(id: &str, name: &str, cc: [&str; 2], lat: f64, lon: f64, extra: &[&str]) -> Crossing {
    let mut aliases = vec![alias(name, "en")];
    aliases.extend(extra.iter().map(|a| alias(a, "en")));
    Crossing {
        id: id.into(),
        name: name.into(),
        countries: [cc[0].into(), cc[1].into()],
        regions: vec![],
        lat: Some(lat),
        lon: Some(lon),
        modes: vec![Mode::Road],
        aliases,
        sources: vec!["curated".into()],
        coord_source: Some("curated".into()),
        official: true,
    }
}

/// A small gazetteer of our own: the real country table, a handful of crossings.
fn gazetteer() -> Gazetteer {
    let crossings = vec![
        crossing(
            "ir-iq-bashmagh",
            "Bashmagh",
            ["IR", "IQ"],
            35.612,
            46.016,
            &["Bashmakh"],
        ),
        crossing(
            "tr-ir-gurbulak",
            "Gürbulak",
            ["TR", "IR"],
            39.42,
            44.40,
            &["Bazargan"],
        ),
        crossing(
            "at-hu-nickelsdorf",
            "Nickelsdorf",
            ["AT", "HU"],
            47.94,
            17.07,
            &[],
        ),
        crossing(
            "fi-ru-vaalimaa",
            "Vaalimaa",
            ["FI", "RU"],
            60.58,
            27.83,
            &["Torfyanovka"],
        ),
    ];
    Gazetteer::new(crossings, Gazetteer::builtin().countries().clone())
        .unwrap_or_else(|e| panic!("test gazetteer: {e}"))
}

fn reasons(p: &import::Parsed) -> Vec<(String, RejectReason)> {
    p.rejected
        .iter()
        .map(|r| (r.record.clone(), r.reason.clone()))
        .collect()
}

// ---------------------------------------------------------------- UN/LOCODE

const LOCODE_ROWS: &str = r#","AD",,".ANDORRA",,,,,,,,
,"AD","PDC","Pas de la Casa","Pas de la Casa",,"--3----B","RL","0307",,"4233N 00144E",
,"AD","INL","Somewhere Inland","Somewhere Inland",,"--3-----","RL","0307",,"4230N 00131E",
,"FI","NUI","Nuijamaa","Nuijamaa","08","-23----B","AI","0101",,"6058N 02832E",
,"FI","XNC","Kaukana","Kaukana",,"--3----B","RL","0101",,,
,"FI","BAD","Huono","Huono",,"--3----B","RL","0101",,"6099N 02832E",
,"FI","SEA","Meri","Meri",,"--3----B","RL","0101",,"4000N 02000W",
this line is not a row
"#;

const SUBDIVISIONS: &[u8] = b"\"FI\",\"08\",\"Etel\xe4-Karjala (fi)\",\"Region\"\n";

fn check_locode(p: &import::Parsed, first_line: usize) {
    assert_eq!(p.format, Format::Unlocode);
    // Five B rows and one unreadable row; the country header row and the non-B row are not counted.
    assert_eq!(p.rows, 6);
    assert_eq!(p.records.len(), 2);
    let pas = &p.records[0].crossing;
    assert_eq!(pas.name, "Pas de la Casa");
    // Andorra borders France and Spain; the point is in both boxes, France's centre is nearer.
    assert_eq!(pas.countries, ["AD".to_string(), "FR".to_string()]);
    assert!((pas.lat.unwrap_or_default() - 42.55).abs() < 1e-9);
    assert_eq!(pas.sources, ["unlocode:ADPDC"]);
    assert_eq!(
        p.records[0].origins,
        [format!("line {} (AD PDC)", first_line + 1)]
    );
    let nui = &p.records[1].crossing;
    // Russia's box covers all of Finland and Norway's does too: the known Vaalimaa crossing decides.
    assert_eq!(nui.countries, ["FI".to_string(), "RU".to_string()]);
    assert_eq!(nui.modes, [Mode::Rail, Mode::Road]);
    assert_eq!(nui.regions, ["Etelä-Karjala".to_string(), String::new()]);
    let r = reasons(p);
    assert_eq!(r.len(), 4);
    assert_eq!(r[0].1, RejectReason::NoCoordinates);
    assert!(matches!(r[1].1, RejectReason::Malformed(ref m) if m.contains("6099N")));
    assert_eq!(r[2].1, RejectReason::OutsideCountry("FI".into()));
    assert!(matches!(r[3].1, RejectReason::Malformed(_)));
    assert_eq!(r[3].0, format!("line {}", first_line + 7));
}

#[test]
fn unlocode_code_list_rows() {
    let g = gazetteer();
    let subs = unlocode::Subdivisions::parse(&import::decode_latin1(SUBDIVISIONS));
    let p = unlocode::parse(LOCODE_ROWS, &g, Some(&subs)).unwrap_or_else(|e| panic!("{e}"));
    check_locode(&p, 1);
}

#[test]
fn unlocode_derived_file_with_header_reads_the_same() {
    let g = gazetteer();
    let subs = unlocode::Subdivisions::parse(&import::decode_latin1(SUBDIVISIONS));
    let text = format!(
        "change,country,location,name,name_wo_diacritics,subdivision,function,status,date,iata,coordinates,remarks\n{LOCODE_ROWS}"
    );
    let p = unlocode::parse(&text, &g, Some(&subs)).unwrap_or_else(|e| panic!("{e}"));
    check_locode(&p, 2);
}

#[test]
fn unlocode_without_subdivisions_has_no_regions() {
    let p = unlocode::parse(LOCODE_ROWS, &gazetteer(), None).unwrap_or_else(|e| panic!("{e}"));
    assert!(p.records[1].crossing.regions.is_empty());
}

#[test]
fn not_unlocode_is_a_format_error() {
    let err = unlocode::parse("{\"points\": []}\n", &gazetteer(), None);
    assert!(
        matches!(
            err,
            Err(ImportError::WrongFormat {
                expected: Format::Unlocode,
                ..
            })
        ),
        "{err:?}"
    );
    let msg = err.map(|_| ()).unwrap_err().to_string();
    assert!(msg.contains("unlocode"), "{msg}");
}

// ---------------------------------------------------------------- Wikidata

const WIKIDATA: &str = r#"{
  "retrieved": "2026-01-01",
  "source": "test sample written for borderwatch",
  "points": [
    {"id": "Q901", "label": "Three Borders Point", "lon": 44.78, "lat": 37.14, "kind": "international tripoint",
     "countries": ["Iran", "Iraq", "Turkey"], "bulk": false},
    {"id": "Q902", "label": "Inland Customs", "lon": 47.07, "lat": 34.32, "kind": "custom house",
     "countries": ["Iran"], "bulk": false},
    {"id": "Q903", "label": "Old Post", "lon": 42.0, "lat": 37.0, "kind": "border checkpoint",
     "countries": ["Ottoman Empire", "Syria"], "bulk": false},
    {"id": "Q904", "label": "Parviz Khan border post", "lon": 45.590, "lat": 34.555, "kind": "border checkpoint",
     "countries": ["Iran"], "bulk": false},
    {"id": "Q905", "label": "Iran Iraq border crossing #1", "lon": 45.600, "lat": 34.560, "kind": "border checkpoint",
     "countries": ["Iran", "Iraq"], "bulk": true},
    {"id": "Q906", "label": "Qalandia", "lon": 35.22, "lat": 31.86, "kind": "border checkpoint",
     "countries": ["Israel", "West Bank"], "bulk": false},
    {"id": "Q907", "label": "Q907", "lon": 47.70, "lat": 30.10, "kind": "border checkpoint",
     "countries": ["Iraq"], "bulk": false},
    {"id": "Q908", "label": "Bashmaq", "lon": 46.02, "lat": 35.61, "kind": "border checkpoint",
     "countries": ["Iraq"], "bulk": false},
    {"id": "Q909", "label": "No Coordinates", "kind": "border checkpoint", "countries": ["Iraq"]}
  ]
}"#;

#[test]
fn wikidata_points_are_filtered_mapped_and_clustered() {
    let g = gazetteer();
    let p = wikidata::parse(WIKIDATA, &g).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(p.rows, 9);
    let r = reasons(&p);
    assert!(
        r.contains(&("Q901 (Three Borders Point)".into(), RejectReason::Tripoint)),
        "{r:?}"
    );
    assert!(r.contains(&(
        "Q902 (Inland Customs)".into(),
        RejectReason::InlandCustomHouse
    )));
    assert!(r.contains(&(
        "Q903 (Old Post)".into(),
        RejectReason::HistoricalState("Ottoman Empire".into())
    )));
    assert!(
        r.iter()
            .any(|(rec, why)| rec == "point 9" && matches!(why, RejectReason::Malformed(_)))
    );
    assert_eq!(r.len(), 4);

    // Q904 and Q905 are 1 km apart: one crossing, one real alias, both QIDs as sources.
    let parviz = p
        .records
        .iter()
        .find(|r| r.crossing.name == "Parviz Khan border post");
    let parviz = parviz.unwrap_or_else(|| panic!("no Parviz Khan record: {:?}", p.records));
    assert_eq!(
        parviz.crossing.countries,
        ["IR".to_string(), "IQ".to_string()]
    );
    assert_eq!(parviz.crossing.sources, ["wikidata:Q904", "wikidata:Q905"]);
    let texts: Vec<&str> = parviz
        .crossing
        .aliases
        .iter()
        .map(|a| a.text.as_str())
        .collect();
    assert_eq!(texts, ["Parviz Khan border post"]);
    assert_eq!(parviz.origins.len(), 2);

    let qalandia = p
        .records
        .iter()
        .find(|r| r.crossing.name == "Qalandia")
        .map(|r| &r.crossing);
    assert_eq!(
        qalandia.map(|c| c.countries.clone()),
        Some(["IL".to_string(), "PS".to_string()])
    );

    // A bare QID is a name of last resort, never an alias; the other side is inferred (Kuwait).
    let q907 = p
        .records
        .iter()
        .find(|r| r.crossing.sources == ["wikidata:Q907"])
        .map(|r| &r.crossing);
    let q907 = q907.unwrap_or_else(|| panic!("Q907 missing"));
    assert_eq!(q907.countries, ["IQ".to_string(), "KW".to_string()]);
    assert!(q907.aliases.is_empty());

    let outcome = import::merge_parsed(&g, p);
    assert_eq!(outcome.rows(), 9);
    // Bashmaq (Q908) is 0.4 km from the known Bashmagh: merged, with its spelling kept only if new.
    let m = outcome.merged.iter().find(|m| m.id == "ir-iq-bashmagh");
    let m = m.unwrap_or_else(|| panic!("Bashmaq not merged: {outcome:?}"));
    assert_eq!(m.new_sources, ["wikidata:Q908"]);
    assert!(
        outcome
            .added
            .iter()
            .any(|a| a.id == "ir-iq-parviz-khan-border-post")
    );
}

#[test]
fn not_wikidata_is_a_format_error() {
    let err = wikidata::parse("id,name\n", &gazetteer());
    assert!(matches!(
        err,
        Err(ImportError::WrongFormat {
            expected: Format::Wikidata,
            ..
        })
    ));
    let err = wikidata::parse("{\"type\": \"FeatureCollection\"}", &gazetteer());
    assert!(matches!(
        err,
        Err(ImportError::WrongFormat {
            expected: Format::Wikidata,
            ..
        })
    ));
}

// ---------------------------------------------------------------- GeoJSON

fn sample_geojson() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/osm-border-control-sample.geojson"
    );
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn geojson_features_become_crossings() {
    let g = gazetteer();
    let text = sample_geojson();
    assert_eq!(
        Format::guess("sample.geojson", &text),
        Some(Format::Geojson)
    );
    let p = geojson::parse(&text, &g, "sample.geojson").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(p.rows, 7);
    let kap = &p.records[0].crossing;
    assert_eq!(kap.name, "Kapıköy");
    // Armenia's box is nearer by centre, but the known Gürbulak crossing puts this on the Iran border.
    assert_eq!(kap.countries, ["TR".to_string(), "IR".to_string()]);
    assert_eq!(kap.sources, ["osm:node/9000000001"]);
    let langs: Vec<(&str, &str)> = kap
        .aliases
        .iter()
        .map(|a| (a.lang.as_str(), a.text.as_str()))
        .collect();
    assert!(langs.contains(&("fa", "مرز رازی")), "{langs:?}");
    assert!(langs.contains(&("tr", "Kapıköy Sınır Kapısı")));
    assert!(langs.contains(&("en", "Kapikoy-Razi")));
    assert_eq!(
        p.records[1].crossing.countries,
        ["IR".to_string(), "IQ".to_string()]
    );
    // No country tags: the nearby known crossing gives the border.
    assert_eq!(
        p.records[2].crossing.countries,
        ["AT".to_string(), "HU".to_string()]
    );

    let r = reasons(&p);
    assert_eq!(r.len(), 4, "{r:?}");
    assert_eq!(
        r[0],
        ("feature 4 (node/9000000004)".into(), RejectReason::NoName)
    );
    assert!(matches!(r[1].1, RejectReason::Malformed(ref m) if m.contains("not a Point")));
    assert_eq!(r[2].1, RejectReason::NoCountry);
    assert_eq!(r[3].1, RejectReason::UnknownCountry("ZZ".into()));

    let outcome = import::merge_parsed(&g, p);
    assert_eq!(outcome.rows(), 7);
    assert_eq!(outcome.added.len(), 1);
    assert_eq!(outcome.added[0].id, "tr-ir-kapikoy");
    let merged: Vec<&str> = outcome.merged.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(merged, ["ir-iq-bashmagh", "at-hu-nickelsdorf"]);
    let nick = &outcome.merged[1];
    assert!(
        nick.new_aliases.contains(&"und:Hegyeshalom".to_string()),
        "{nick:?}"
    );
    assert!(nick.new_aliases.contains(&"de:Straßsommerein".to_string()));
}

#[test]
fn not_geojson_is_a_format_error() {
    let err = geojson::parse("{\"points\": []}", &gazetteer(), "x");
    assert!(matches!(
        err,
        Err(ImportError::WrongFormat {
            expected: Format::Geojson,
            ..
        })
    ));
    let err = geojson::parse("not json", &gazetteer(), "x");
    assert!(matches!(
        err,
        Err(ImportError::WrongFormat {
            expected: Format::Geojson,
            ..
        })
    ));
}

// ---------------------------------------------------------------- borderwatch CSV

const CSV: &str = "id,name,country_a,country_b,lat,lon,modes,aliases,source
,Ibrahim Khalil,IQ,TR,37.116,42.369,road,en:Habur|tr:Habur Sınır Kapısı|ar:إبراهيم الخليل,wikidata:Q5984616
tr-sy-oncupinar,Öncüpınar,TR,SY,36.64,37.08,road|pedestrian,\"en:Bab al-Salama|~en:Kilis, gate\",
,Nuijamaa,FI,,60.97,28.53,rail,,
,Bad Mode,IQ,TR,37.0,42.0,hovercraft,,
,Bad Alias,IQ,TR,37.0,42.0,road,Habur,
,,IQ,TR,37.0,42.0,road,,
,Bad Id,IQ,TR,37.0,42.0,road,,Q1
Bad-Id,Bad Id,IQ,TR,37.0,42.0,road,,
,Too,Few
";

#[test]
fn csv_rows_parse_with_aliases_modes_and_inferred_sides() {
    let g = gazetteer();
    let p = csv::parse(CSV, &g, "mine.csv").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(p.rows, 9);
    assert_eq!(p.records.len(), 4, "{:?}", reasons(&p));
    let ik = &p.records[0].crossing;
    assert_eq!(ik.countries, ["IQ".to_string(), "TR".to_string()]);
    assert_eq!(ik.aliases.len(), 4);
    assert_eq!(ik.aliases[3].lang, "ar");
    assert_eq!(ik.sources, ["wikidata:Q5984616"]);
    let onc = &p.records[1].crossing;
    assert_eq!(onc.id, "tr-sy-oncupinar");
    assert_eq!(onc.modes, [Mode::Road, Mode::Pedestrian]);
    let weak = onc.aliases.iter().find(|a| a.text == "Kilis, gate");
    assert!(weak.is_some_and(|a| a.weak), "{:?}", onc.aliases);
    assert_eq!(onc.sources, ["import:mine.csv"]);
    assert_eq!(
        p.records[2].crossing.countries,
        ["FI".to_string(), "RU".to_string()]
    );
    // "Bad Id" with an empty id and a source is fine.
    assert_eq!(p.records[3].crossing.sources, ["Q1"]);

    let r = reasons(&p);
    assert_eq!(r.len(), 5);
    assert!(matches!(r[0].1, RejectReason::Malformed(ref m) if m.contains("hovercraft")));
    assert!(matches!(r[1].1, RejectReason::Malformed(ref m) if m.contains("lang:text")));
    assert_eq!(r[2].1, RejectReason::NoName);
    assert_eq!(r[3].1, RejectReason::BadId("Bad-Id".into()));
    assert_eq!(r[4].0, "line 10");

    let outcome = import::merge_parsed(&g, p);
    assert_eq!(outcome.rows(), 9);
    assert!(outcome.added.iter().any(|a| a.id == "tr-sy-oncupinar"));
    assert!(outcome.added.iter().any(|a| a.id == "iq-tr-ibrahim-khalil"));
    // Nuijamaa is 45 km from Vaalimaa: a different crossing on the same border.
    assert!(outcome.added.iter().any(|a| a.id == "fi-ru-nuijamaa"));
}

#[test]
fn csv_needs_its_header() {
    let err = csv::parse("name,lat,lon\nX,1,2\n", &gazetteer(), "x.csv");
    let err = err.map(|_| ()).unwrap_err();
    assert!(matches!(
        err,
        ImportError::WrongFormat {
            expected: Format::Csv,
            ..
        }
    ));
    assert!(err.to_string().contains(csv::HEADER));
}

// ---------------------------------------------------------------- merge

#[test]
fn merge_matches_by_distance_or_alias_on_the_same_border_only() {
    let g = gazetteer();
    let mut near = crossing("", "Penjwen Gate", ["IQ", "IR"], 35.62, 46.03, &[]);
    near.sources = vec!["test:1".into()];
    let mut by_alias = crossing("", "Bazargan", ["IR", "TR"], 39.0, 44.0, &[]);
    by_alias.lat = None;
    by_alias.lon = None;
    by_alias.sources = vec!["test:2".into()];
    // Same name as a known crossing but on another border: a new crossing.
    let other_border = crossing("", "Bashmagh", ["IR", "TR"], 38.0, 44.5, &[]);
    let first_gate = crossing("", "Gate", ["IR", "TR"], 38.2, 44.4, &[]);
    let second_gate = crossing("", "Gate", ["IR", "AM"], 38.9, 46.0, &[]);
    let third_gate = crossing("", "Gate!", ["IR", "AM"], 38.95, 46.5, &[]);
    let unknown = crossing("", "Nowhere", ["IR", "ZZ"], 38.0, 44.5, &[]);
    let same = crossing("", "Inside", ["IR", "IR"], 38.0, 44.5, &[]);
    let outcome = import::merge(
        &g,
        vec![
            near,
            by_alias,
            other_border,
            first_gate,
            second_gate,
            third_gate,
            unknown,
            same,
        ],
    );
    assert_eq!(outcome.rows(), 8);
    let merged: Vec<(&str, usize)> = outcome
        .merged
        .iter()
        .map(|m| (m.id.as_str(), m.origins.len()))
        .collect();
    assert_eq!(merged, [("ir-iq-bashmagh", 1), ("tr-ir-gurbulak", 1)]);
    assert_eq!(outcome.merged[0].new_aliases, ["en:Penjwen Gate"]);
    assert_eq!(outcome.merged[1].new_sources, ["test:2"]);
    let ids: Vec<&str> = outcome.added.iter().map(|a| a.id.as_str()).collect();
    // "Gate!" folds like "Gate" and is on the same border as the second gate: it joins it.
    assert_eq!(ids, ["ir-tr-bashmagh", "ir-tr-gate", "ir-am-gate"]);
    assert_eq!(outcome.added[2].origins.len(), 2);
    assert_eq!(outcome.rejected.len(), 2);
    assert_eq!(
        outcome.rejected[0].reason,
        RejectReason::UnknownCountry("ZZ".into())
    );
    assert_eq!(
        outcome.rejected[1].reason,
        RejectReason::SameCountry("IR".into())
    );
    // The changed built-in crossings and the new ones are what the user file keeps.
    let changed: Vec<&str> = outcome.crossings.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        changed,
        [
            "ir-iq-bashmagh",
            "tr-ir-gurbulak",
            "ir-tr-bashmagh",
            "ir-tr-gate",
            "ir-am-gate"
        ]
    );
    // Merging what the user file keeps into a gazetteer that has it changes nothing more.
    let g2 = g
        .extended(outcome.crossings.clone())
        .unwrap_or_else(|e| panic!("{e}"));
    let again = import::merge(&g2, outcome.crossings.clone());
    assert!(again.added.is_empty());
    assert!(again.crossings.is_empty(), "{:?}", again.crossings);
}

#[test]
fn generated_ids_stay_unique() {
    let g = gazetteer();
    let a = crossing("", "Gate", ["IR", "TR"], 38.0, 44.3, &[]);
    let b = crossing("", "Gate", ["TR", "IR"], 39.9, 44.6, &[]);
    let mut b = b;
    b.aliases = vec![alias("Other Gate", "en")];
    let outcome = import::merge(&g, vec![a, b]);
    let ids: Vec<&str> = outcome.added.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["ir-tr-gate", "tr-ir-gate"]);
    let c = crossing("ir-tr-gate", "Gate", ["IR", "TR"], 38.0, 44.3, &[]);
    let g2 = g
        .extended(outcome.crossings)
        .unwrap_or_else(|e| panic!("{e}"));
    let mut d = crossing("", "Gate", ["IR", "TR"], 37.5, 44.6, &[]);
    d.aliases = vec![alias("Third", "en")];
    let out2 = import::merge(&g2, vec![c, d]);
    assert_eq!(out2.merged.len(), 1);
    assert_eq!(
        out2.added.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(),
        ["ir-tr-gate-2"]
    );
}

// ---------------------------------------------------------------- user file

#[test]
fn user_file_round_trips() {
    let mut c = crossing(
        "ir-iq-bashmagh",
        "Bashmagh",
        ["IR", "IQ"],
        35.612,
        46.016,
        &[],
    );
    c.aliases.push(Alias {
        text: "Penjwen".into(),
        lang: "en".into(),
        weak: true,
        shared: false,
    });
    c.aliases.push(alias("باشماق", "fa"));
    c.regions = vec!["Kurdistan Province".into(), "Kurdistan Region".into()];
    let mut d = crossing(
        "fi-ru-nuijamaa",
        "Nuijamaa",
        ["FI", "RU"],
        60.97,
        28.53,
        &[],
    );
    d.lat = None;
    d.lon = None;
    d.coord_source = None;
    d.modes = vec![];
    let text = import::to_toml(&[c.clone(), d.clone()]);
    assert!(text.contains("weak_aliases = [\"en:Penjwen\"]"), "{text}");
    let back = import::from_toml(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(back, vec![c, d]);
    // The same text reads as a built-in data file too.
    let as_data = borderwatch_gazetteer::parse_crossings_toml("user.toml", &text);
    assert_eq!(as_data.map(|v| v.len()).ok(), Some(2));
    assert!(matches!(
        import::from_toml("[[crossing]]\nid = 3"),
        Err(ImportError::UserFile(_))
    ));
    assert_eq!(import::from_toml("").map(|v| v.len()).ok(), Some(0));
}

// ---------------------------------------------------------------- no panics on any input

mod no_panic {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn parsers_never_panic(text in ".{0,300}", seed in prop::sample::select(vec![
            "", ",\"AD\",\"PDC\",\"x\",\"x\",,\"--3----B\",,,,\"", "{\"points\":[{\"id\":\"Q1\",\"lat\":",
            "{\"type\":\"FeatureCollection\",\"features\":[{\"geometry\":", "id,name,country_a,country_b,lat,lon,modes,aliases,source\n",
        ])) {
            let g = Gazetteer::builtin();
            let input = format!("{seed}{text}");
            for format in Format::ALL {
                if let Ok(parsed) = import::parse(format, &input, g, "fuzz", None) {
                    let rows = parsed.rows;
                    let outcome = import::merge_parsed(g, parsed);
                    prop_assert_eq!(outcome.rows(), rows);
                }
            }
            let _ = import::from_toml(&input);
            let _ = unlocode::Subdivisions::parse(&input);
            let _ = unlocode::parse_coordinates(&text);
        }
    }
}

#[test]
fn wikidata_clusters_never_span_three_countries() {
    // Two checkpoints 1 km apart near the Iran–Iraq–Turkey tripoint, on different borders.
    let text = r#"{"points": [
      {"id": "Q1", "label": "East Post", "lon": 44.780, "lat": 37.140, "kind": "border checkpoint", "countries": ["Iran", "Iraq"]},
      {"id": "Q2", "label": "West Post", "lon": 44.770, "lat": 37.146, "kind": "border checkpoint", "countries": ["Turkey", "Iran"]},
      {"id": "Q3", "label": "Q3", "lon": 44.775, "lat": 37.141, "kind": "border checkpoint", "countries": ["Iran"]}
    ]}"#;
    let p = wikidata::parse(text, &gazetteer()).unwrap_or_else(|e| panic!("{e}"));
    assert!(p.rejected.is_empty(), "{:?}", reasons(&p));
    assert_eq!(p.records.len(), 2);
    assert_eq!(
        p.records[0].crossing.countries,
        ["IR".to_string(), "IQ".to_string()]
    );
    assert_eq!(
        p.records[0].origins.len(),
        2,
        "Q3 (Iran only) joins the first cluster"
    );
    assert_eq!(
        p.records[1].crossing.countries,
        ["TR".to_string(), "IR".to_string()]
    );
}
