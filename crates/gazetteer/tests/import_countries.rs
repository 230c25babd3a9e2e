//! Consistency of `data/countries.toml`: codes, neighbours, boxes, and aliases that name one place only.

use borderwatch_gazetteer::{CountryTable, fold};
use std::collections::{HashMap, HashSet};

fn table() -> CountryTable {
    toml::from_str(include_str!("../data/countries.toml"))
        .unwrap_or_else(|e| panic!("countries.toml: {e}"))
}

#[test]
fn every_code_is_two_uppercase_letters_and_unique() {
    let t = table();
    let mut seen = HashSet::new();
    for c in &t.countries {
        assert!(
            c.code.len() == 2 && c.code.bytes().all(|b| b.is_ascii_uppercase()),
            "{:?}",
            c.code
        );
        assert!(seen.insert(c.code.clone()), "duplicate code {}", c.code);
        assert!(!c.name.trim().is_empty(), "{} has no name", c.code);
    }
    // ISO 3166-1 has 249 alpha-2 codes; XK is added.
    assert_eq!(t.countries.len(), 250);
    for code in [
        "IR", "IQ", "TR", "SY", "AF", "PK", "XK", "PS", "HK", "MO", "GI", "EH", "SS", "US",
    ] {
        assert!(t.get(code).is_some(), "{code} missing");
    }
}

#[test]
fn neighbour_relations_are_symmetric_and_known() {
    let t = table();
    for c in &t.countries {
        for n in &c.neighbours {
            assert_ne!(n, &c.code, "{} borders itself", c.code);
            let other = t
                .get(n)
                .unwrap_or_else(|| panic!("{} lists unknown neighbour {n}", c.code));
            assert!(
                other.neighbours.contains(&c.code),
                "{} lists {n} but not the other way",
                c.code
            );
        }
    }
    let iq = t
        .get("IQ")
        .map(|c| c.neighbours.clone())
        .unwrap_or_default();
    for n in ["IR", "TR", "SY", "JO", "SA", "KW"] {
        assert!(iq.contains(&n.to_string()), "IQ should border {n}");
    }
}

#[test]
fn boxes_are_well_formed() {
    for c in &table().countries {
        let [min_lon, min_lat, max_lon, max_lat] = c.bbox;
        assert!(
            min_lon < max_lon && min_lat < max_lat,
            "{} box {:?}",
            c.code,
            c.bbox
        );
        assert!(
            (-180.0..=180.0).contains(&min_lon) && (-180.0..=180.0).contains(&max_lon),
            "{}",
            c.code
        );
        assert!(
            (-90.0..=90.0).contains(&min_lat) && (-90.0..=90.0).contains(&max_lat),
            "{}",
            c.code
        );
    }
}

#[test]
fn neighbours_boxes_touch() {
    // Boxes are rough, but two land neighbours' boxes must at least overlap.
    let t = table();
    for c in &t.countries {
        for n in c.neighbours.iter().filter_map(|n| t.get(n)) {
            let (a, b) = (c.bbox, n.bbox);
            let overlap = a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
            assert!(
                overlap,
                "{} and {} are neighbours but their boxes do not touch",
                c.code, n.code
            );
        }
    }
}

#[test]
fn no_folded_alias_names_two_places() {
    let t = table();
    let mut owner: HashMap<String, String> = HashMap::new();
    let mut claim = |name: &str, who: &str| {
        let key = fold(name);
        assert!(!key.is_empty(), "{who}: alias {name:?} folds to nothing");
        if let Some(prev) = owner.insert(key.clone(), who.to_string()) {
            assert_eq!(
                prev, who,
                "{name:?} (folded {key:?}) names both {prev} and {who}"
            );
        }
    };
    for c in &t.countries {
        for a in std::iter::once(&c.name).chain(&c.aliases) {
            claim(a, &c.code);
        }
    }
    for r in &t.regions {
        assert!(
            t.get(&r.country).is_some(),
            "region {} in unknown country {}",
            r.name,
            r.country
        );
        for a in std::iter::once(&r.name).chain(&r.aliases) {
            claim(a, &format!("region {}", r.name));
        }
    }
    // Shared adjectives are on neither country.
    for shared in ["Congolese", "Korean", "Dominican", "Congo", "Korea"] {
        assert!(
            !owner.contains_key(&fold(shared)),
            "{shared} should name no country"
        );
    }
}

#[test]
fn common_forms_resolve_to_the_right_country() {
    let t = table();
    let code_of = |name: &str| {
        let key = fold(name);
        t.countries
            .iter()
            .find(|c| fold(&c.name) == key || c.aliases.iter().any(|a| fold(a) == key))
            .map(|c| c.code.as_str())
    };
    let cases = [
        ("Iranian", "IR"),
        ("ایران", "IR"),
        ("العراق", "IQ"),
        ("Türkiye", "TR"),
        ("Turkish", "TR"),
        ("Syrian", "SY"),
        ("Afghan", "AF"),
        ("Emirati", "AE"),
        ("UAE", "AE"),
        ("Britain", "GB"),
        ("the US", "US"),
        ("America", "US"),
        ("DR Congo", "CD"),
        ("the DRC", "CD"),
        ("Россия", "RU"),
        ("Україна", "UA"),
        ("中国", "CN"),
        ("ישראל", "IL"),
        ("Palestinian", "PS"),
        ("Kosovar", "XK"),
        ("South Sudanese", "SS"),
        ("Guinea-Bissau", "GW"),
        ("Guinea", "GN"),
    ];
    for (name, code) in cases {
        assert_eq!(code_of(name), Some(code), "{name}");
    }
    let region = |name: &str| {
        t.regions
            .iter()
            .find(|r| {
                fold(&r.name) == fold(name) || r.aliases.iter().any(|a| fold(a) == fold(name))
            })
            .map(|r| r.country.as_str())
    };
    for (name, code) in [
        ("Gaza", "PS"),
        ("غزة", "PS"),
        ("الضفة الغربية", "PS"),
        ("Nakhchivan", "AZ"),
        ("Crimea", "UA"),
        ("Iraqi Kurdistan", "IQ"),
    ] {
        assert_eq!(region(name), Some(code), "{name}");
    }
}
