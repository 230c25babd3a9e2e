//! Consistency of the built-in data (`data/crossings/*.toml`, `data/countries.toml`).
//!
//! Every check collects all offending entries, with file and id, before failing, so the data can be
//! fixed in one pass.

use std::collections::{BTreeMap, HashMap};

use borderwatch_gazetteer::{
    Country, CountryTable, Crossing, Gazetteer, builtin_countries_file, builtin_crossing_files,
    fold, parse_crossings_toml,
};

/// Every built-in crossing with the file it comes from. Parse errors are returned, not panicked on,
/// so that one broken file does not hide the others.
fn load() -> (Vec<(&'static str, Crossing)>, Vec<String>) {
    let mut all = Vec::new();
    let mut errors = Vec::new();
    for &(file, text) in builtin_crossing_files() {
        match parse_crossings_toml(file, text) {
            Ok(cs) => all.extend(cs.into_iter().map(|c| (file, c))),
            Err(e) => errors.push(e.to_string()),
        }
    }
    (all, errors)
}

fn countries() -> CountryTable {
    let (file, text) = builtin_countries_file();
    match toml::from_str(text) {
        Ok(t) => t,
        Err(e) => panic!("{file}: {e}"),
    }
}

fn fail_if_any(what: &str, problems: &[String]) {
    if !problems.is_empty() {
        panic!("{} {what}:\n  {}", problems.len(), problems.join("\n  "));
    }
}

/// A bounding box that says something: all zeros means "not filled in".
fn bbox(c: &Country) -> Option<[f64; 4]> {
    (c.bbox != [0.0; 4]).then_some(c.bbox)
}

#[test]
fn every_file_parses_and_the_builtin_gazetteer_builds() {
    let (all, errors) = load();
    fail_if_any("malformed built-in files", &errors);
    assert!(!all.is_empty(), "no built-in crossings at all");
    if let Err(e) = Gazetteer::try_builtin() {
        panic!("built-in gazetteer: {e}");
    }
    assert_eq!(Gazetteer::builtin().crossings().len(), all.len());
}

#[test]
fn ids_are_unique_and_well_formed() {
    let (all, _) = load();
    let mut problems = Vec::new();
    let mut first_seen: HashMap<&str, &str> = HashMap::new();
    for (file, c) in &all {
        if let Some(other) = first_seen.insert(c.id.as_str(), file) {
            problems.push(format!("{file}: {}: id also used in {other}", c.id));
        }
        if c.id.is_empty()
            || !c
                .id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            problems.push(format!(
                "{file}: {:?}: id must be lower-case [a-z0-9-]",
                c.id
            ));
        }
        let prefix = format!(
            "{}-{}-",
            c.countries[0].to_ascii_lowercase(),
            c.countries[1].to_ascii_lowercase()
        );
        if !c.id.starts_with(&prefix) || c.id.len() == prefix.len() {
            problems.push(format!(
                "{file}: {}: id must start with {prefix:?} (countries in order) and go on with a name",
                c.id
            ));
        }
    }
    fail_if_any("id problems", &problems);
}

#[test]
fn countries_are_known_and_coordinates_lie_near_their_border() {
    let (all, _) = load();
    let table = countries();
    let mut problems = Vec::new();
    let mut no_bbox: BTreeMap<String, usize> = BTreeMap::new();
    let mut no_coords = Vec::new();
    for (file, c) in &all {
        let known: Vec<Option<&Country>> = c.countries.iter().map(|cc| table.get(cc)).collect();
        for (cc, k) in c.countries.iter().zip(&known) {
            if k.is_none() {
                problems.push(format!(
                    "{file}: {}: country {cc:?} not in countries.toml",
                    c.id
                ));
            }
        }
        if c.countries[0] == c.countries[1] {
            problems.push(format!(
                "{file}: {}: both sides are {}",
                c.id, c.countries[0]
            ));
        }
        let (Some(lat), Some(lon)) = (c.lat, c.lon) else {
            no_coords.push(format!("{file}: {}", c.id));
            continue;
        };
        if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
            problems.push(format!(
                "{file}: {}: lat/lon {lat},{lon} out of range",
                c.id
            ));
            continue;
        }
        let boxes: Vec<[f64; 4]> = known.iter().flatten().filter_map(|k| bbox(k)).collect();
        for (cc, k) in c.countries.iter().zip(&known) {
            if k.is_some_and(|k| bbox(k).is_none()) {
                *no_bbox.entry(cc.clone()).or_default() += 1;
            }
        }
        if boxes.len() < known.iter().flatten().count() || boxes.is_empty() {
            continue; // a side without a box: cannot judge
        }
        let pad = 1.0;
        let inside = boxes.iter().any(|b| {
            lon >= b[0] - pad && lat >= b[1] - pad && lon <= b[2] + pad && lat <= b[3] + pad
        });
        if !inside {
            problems.push(format!(
                "{file}: {}: lat {lat}, lon {lon} is outside the boxes of {} and {} (padded 1°)",
                c.id, c.countries[0], c.countries[1]
            ));
        }
    }
    if !no_bbox.is_empty() {
        println!("countries without a bbox (coordinates not checked): {no_bbox:?}");
    }
    if !no_coords.is_empty() {
        println!(
            "{} crossings without coordinates: {}",
            no_coords.len(),
            no_coords.join(", ")
        );
    }
    fail_if_any("country/coordinate problems", &problems);
}

#[test]
fn every_crossing_has_a_source() {
    let (all, _) = load();
    let problems: Vec<String> = all
        .iter()
        .filter(|(_, c)| c.sources.is_empty() || c.sources.iter().any(|s| s.trim().is_empty()))
        .map(|(file, c)| format!("{file}: {}: no source (or an empty one)", c.id))
        .collect();
    fail_if_any("crossings without a source", &problems);
}

#[test]
fn no_folded_alias_names_two_crossings_unless_shared() {
    let (all, _) = load();
    // folded alias → (file, id, original text, declared shared), one entry per crossing.
    let mut by_folded: BTreeMap<String, Vec<(&str, &str, &str, bool)>> = BTreeMap::new();
    let mut problems = Vec::new();
    for (file, c) in &all {
        for a in &c.aliases {
            let f = fold(&a.text);
            if f.is_empty() {
                problems.push(format!(
                    "{file}: {}: alias {:?} folds to nothing",
                    c.id, a.text
                ));
                continue;
            }
            let list = by_folded.entry(f).or_default();
            match list.iter_mut().find(|e| e.1 == c.id) {
                // The same crossing reaching a name twice is fine; shared if any spelling says so.
                Some(e) => e.3 |= a.shared,
                None => list.push((file, &c.id, &a.text, a.shared)),
            }
        }
    }
    for (folded, list) in &by_folded {
        if list.len() > 1 && list.iter().any(|e| !e.3) {
            let who: Vec<String> = list
                .iter()
                .map(|(file, id, text, shared)| {
                    format!(
                        "{file}: {id} ({text:?}{})",
                        if *shared { ", shared" } else { "" }
                    )
                })
                .collect();
            problems.push(format!(
                "{folded:?} names {} crossings, not all declare it in shared_aliases: {}",
                list.len(),
                who.join("; ")
            ));
        }
    }
    fail_if_any("alias clashes", &problems);
}

/// English function words, which stand next to border words in almost every sentence ("the crossing
/// was closed", "at the border"). A name that folds onto one ("Vas" → "was") would name its crossing
/// there even as a weak alias, because the border word is always beside it; such a name is left out.
/// "au" is here too: French "to the", and the African Union's initials in English text.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "nor", "of", "at", "on", "in", "to", "by", "for", "from",
    "via", "into", "onto", "with", "near", "past", "over", "off", "out", "up", "as", "is", "are",
    "was", "were", "be", "been", "has", "had", "have", "will", "would", "can", "could", "may",
    "might", "must", "shall", "should", "do", "did", "does", "not", "no", "it", "its", "he", "she",
    "we", "they", "his", "her", "our", "their", "this", "that", "these", "those", "which", "who",
    "where", "when", "after", "before", "since", "until", "so", "if", "than", "then", "also", "au",
];

#[test]
fn no_alias_folds_onto_an_english_function_word() {
    let (all, _) = load();
    let words: std::collections::HashSet<String> = FUNCTION_WORDS.iter().map(|w| fold(w)).collect();
    let problems: Vec<String> = all
        .iter()
        .flat_map(|(file, c)| {
            c.aliases
                .iter()
                .filter(|a| words.contains(&fold(&a.text)))
                .map(move |a| {
                    format!(
                        "{file}: {}: alias {:?} folds to {:?}",
                        c.id,
                        a.text,
                        fold(&a.text)
                    )
                })
        })
        .collect();
    fail_if_any("aliases that are function words", &problems);
}
