//! Names of crossings in the scripts and spellings of their neighbours (Persian, Arabic, Sorani and
//! Kurmanji Kurdish, Pashto, Urdu, Turkish, Russian, Ukrainian, Central Asian languages): which variants
//! folding makes meet, which it keeps apart (so the data must list both), and that no name that stands
//! alone collides with a country's or region's name.
//!
//! The spellings below were written for this test from the crossings' well-known names; none is taken
//! from an article.

use std::collections::HashMap;

use borderwatch_gazetteer::{CountryTable, Gazetteer, builtin_countries_file, fold};

/// Variants that differ only in ways writers of these languages treat as the same word.
#[test]
fn folding_makes_script_variants_meet() {
    let same = [
        // Arabic yeh and Persian yeh; Arabic kaf and Persian keheh.
        ("مندلي", "مندلی"),
        ("كسب", "کسب"),
        // Teh marbuta written as heh; hamza on alef dropped.
        ("الشلامجة", "الشلامجه"),
        ("إبراهيم", "ابراهيم"),
        // Tatweel (stretching) and the zero-width non-joiner inside a Persian word.
        ("باشـماق", "باشماق"),
        ("بیله\u{200c}سوار", "بیلهسوار"),
        // Turkish dotted capital and dotless i; Kurmanji and Turkish diacritics.
        ("İpsala", "Ipsala"),
        ("Kapıköy", "Kapikoy"),
        ("Serêkaniyê", "Serekaniye"),
        // Russian yo written as ye.
        ("Соловьёвск", "Соловьевск"),
        // Uzbek Latin apostrophes (modifier letter turned comma, ASCII apostrophe, none).
        ("Doʻstlik", "Do'stlik"),
        ("Doʻstlik", "Dostlik"),
        ("Gʻishtkoʻprik", "Gishtkoprik"),
        // Turkmen y with acute.
        ("Akýaýla", "Akyayla"),
    ];
    for (a, b) in same {
        assert_eq!(fold(a), fold(b), "{a:?} and {b:?} should fold alike");
    }
}

/// Letters that are different letters (or a different transliteration), which folding keeps apart on
/// purpose: the data lists each spelling, and every one must find its crossing.
#[test]
fn spellings_folding_keeps_apart_are_each_listed() {
    let apart = [
        // Pashto gaf with ring and ddal vs Urdu gaf, ddal and heh goal.
        ("انګور اډه", "انگور اڈہ"),
        // Turkish/Turkmen s-cedilla vs the English "sh" of a Russian transliteration.
        ("Daşoguz", "Dashoguz"),
        // Ukrainian i vs Russian i.
        ("Шебекине", "Шебекино"),
        // Kurmanji c vs English j.
        ("Hacî Omeran", "Haji Omeran"),
        // Sorani letters (ە, ێ) vs Arabic/Persian spelling.
        ("سەیرانبەند", "سیرانبند"),
        // Azerbaijani schwa vs the a or e of an English spelling.
        ("Biləsuvar", "Bilasuvar"),
    ];
    for (a, b) in apart {
        assert_ne!(fold(a), fold(b), "{a:?} and {b:?} now fold alike");
    }

    let g = Gazetteer::builtin();
    let listed = [
        ("انګور اډه", "af-pk-angoor-adda"),
        ("انگور اڈہ", "af-pk-angoor-adda"),
        ("باب دوستی", "af-pk-chaman"),
        ("Daşoguz", "tm-uz-shavat"),
        ("Dashoguz", "tm-uz-shavat"),
        ("Шебекине", "ru-ua-shebekino"),
        ("Шебекино", "ru-ua-shebekino"),
        ("Hacî Omeran", "ir-iq-haji-omaran"),
        ("Haji Omeran", "ir-iq-haji-omaran"),
        ("حاجی ئۆمەران", "ir-iq-haji-omaran"),
        ("سەیرانبەند", "ir-iq-sayran-ban"),
        ("سیرانبند", "ir-iq-sayran-ban"),
        ("Biləsuvar", "ir-az-bilasuvar"),
        ("Bilasuvar", "ir-az-bilasuvar"),
        ("Sədərək", "tr-az-dilucu"),
        ("Sadarak", "tr-az-dilucu"),
        ("جريشان", "iq-kw-jurayshan"),
        ("مەندەلی", "ir-iq-mandali"),
        ("مندلی", "ir-iq-mandali"),
        ("Nisêbîn", "tr-sy-nusaybin"),
        ("Hayraton", "af-uz-hairatan"),
        ("Маргара", "tr-am-alican"),
        ("Садахло", "ge-am-sadakhlo"),
        ("Лагодехи", "ge-az-lagodekhi"),
        ("Малый Березный", "sk-ua-ubla"),
        ("Мамалыга", "md-ua-criva"),
        ("Грушев", "pl-ua-budomierz"),
        ("Злынка", "ru-by-zlynka"),
        ("Schirnding", "cz-de-pomezi-nad-ohri"),
        ("Cieszyn", "cz-pl-cesky-tesin"),
    ];
    let mut problems = Vec::new();
    for (name, id) in listed {
        let got: Vec<&str> = g
            .lookup(name)
            .into_iter()
            .map(|i| g.crossings()[i].id.as_str())
            .collect();
        if got != [id] {
            problems.push(format!("lookup({name:?}) = {got:?}, want [{id:?}]"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A strong alias stands alone in text; if it folded onto a country's or region's name, a report about
/// the country would be read as one about the crossing. Such names must be weak (they then need a
/// border word beside them) or left out.
#[test]
fn no_strong_alias_is_a_country_or_region_name() {
    let (file, text) = builtin_countries_file();
    let table: CountryTable = match toml::from_str(text) {
        Ok(t) => t,
        Err(e) => panic!("{file}: {e}"),
    };
    let mut names: HashMap<String, String> = HashMap::new();
    for c in &table.countries {
        for n in std::iter::once(&c.name).chain(&c.aliases) {
            names.insert(fold(n), format!("country {} ({n})", c.code));
        }
    }
    for r in &table.regions {
        for n in std::iter::once(&r.name).chain(&r.aliases) {
            names.insert(fold(n), format!("region {} ({n})", r.name));
        }
    }
    // The table was read: a country, a capital and a region are among the names checked against.
    for probe in ["Iran", "Kabul", "Kurdistan Region"] {
        assert!(names.contains_key(&fold(probe)), "{probe} not in {file}");
    }
    let mut problems = Vec::new();
    for c in Gazetteer::builtin().crossings() {
        for a in c.aliases.iter().filter(|a| !a.weak) {
            if let Some(what) = names.get(&fold(&a.text)) {
                problems.push(format!(
                    "{}: strong alias {:?} folds like {what}",
                    c.id, a.text
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} strong aliases are country or region names:\n  {}",
        problems.len(),
        problems.join("\n  ")
    );
}
