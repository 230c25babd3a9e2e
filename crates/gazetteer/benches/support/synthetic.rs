//! Deterministic synthetic crossings, shared by the matching bench and the memory example: a large
//! imported gazetteer without shipping one.

use borderwatch_gazetteer::{Alias, Crossing};

/// A small deterministic generator (64-bit LCG), so every run measures the same text.
pub struct Lcg(pub u64);

impl Lcg {
    pub fn next_index(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as usize
    }
}

const SYLLABLES: &[&str] = &[
    "ka", "ro", "mi", "zan", "tel", "bur", "qa", "shi", "vo", "len", "dra", "gha", "mur", "sa",
    "pe", "khan", "ti", "ol", "nu", "ber", "ja", "rek", "fo", "lin", "da", "wes", "tor", "yu",
    "zim", "hal",
];

fn synthetic_name(rng: &mut Lcg) -> String {
    let n = 2 + rng.next_index() % 3;
    let mut s: String = (0..n)
        .map(|_| SYLLABLES[rng.next_index() % SYLLABLES.len()])
        .collect();
    if let Some(first) = s.get(..1).map(str::to_ascii_uppercase) {
        s.replace_range(..1, &first);
    }
    s
}

/// `n` crossings with generated names (two or three aliases each); ids are unique by construction.
pub fn synthetic(n: usize) -> Vec<Crossing> {
    let mut rng = Lcg(7);
    (0..n)
        .map(|i| {
            let name = format!("{} {}", synthetic_name(&mut rng), synthetic_name(&mut rng));
            let mut aliases = vec![Alias {
                text: name.clone(),
                lang: "en".into(),
                weak: false,
                shared: true,
            }];
            for _ in 0..1 + rng.next_index() % 2 {
                aliases.push(Alias {
                    text: synthetic_name(&mut rng),
                    lang: "en".into(),
                    weak: rng.next_index().is_multiple_of(5),
                    shared: true,
                });
            }
            Crossing {
                id: format!("xa-xb-{i}"),
                name,
                countries: ["XA".into(), "XB".into()],
                regions: Vec::new(),
                lat: None,
                lon: None,
                modes: Vec::new(),
                aliases,
                sources: vec!["synthetic".into()],
                coord_source: None,
                official: true,
            }
        })
        .collect()
}

pub const TEXT_BYTES: usize = 1 << 20;

pub const WORDS: &[&str] = &[
    "the",
    "of",
    "and",
    "to",
    "a",
    "in",
    "trucks",
    "border",
    "said",
    "on",
    "was",
    "for",
    "officials",
    "trade",
    "that",
    "with",
    "customs",
    "reopened",
    "after",
    "week",
    "by",
    "government",
    "goods",
    "closed",
    "from",
    "drivers",
    "at",
    "local",
    "traffic",
    "ministry",
    "it",
    "road",
    "queue",
    "has",
    "Monday",
    "crossing",
    "reported",
    "fuel",
    "were",
    "spokesman",
    "security",
    "passengers",
    "would",
    "not",
    "between",
    "markets",
    "statement",
    "agency",
    "an",
    "province",
    "travellers",
    "be",
    "also",
];

/// About `TEXT_BYTES` of filler sentences with one of `names` every ~150 words.
pub fn filler(names: &[String], seed: u64) -> String {
    let mut rng = Lcg(seed);
    let mut text = String::with_capacity(TEXT_BYTES + 64);
    let mut in_sentence = 0;
    while text.len() < TEXT_BYTES {
        let word = if !names.is_empty() && rng.next_index().is_multiple_of(150) {
            names[rng.next_index() % names.len()].as_str()
        } else {
            WORDS[rng.next_index() % WORDS.len()]
        };
        if in_sentence == 0 {
            let mut cs = word.chars();
            if let Some(first) = cs.next() {
                text.extend(first.to_uppercase());
                text.push_str(cs.as_str());
            }
        } else {
            text.push_str(word);
        }
        in_sentence += 1;
        if in_sentence > 8 && rng.next_index().is_multiple_of(10) {
            text.push_str(if rng.next_index().is_multiple_of(4) {
                ", "
            } else {
                ". "
            });
            in_sentence = usize::from(text.ends_with(", "));
        } else {
            text.push(' ');
        }
    }
    text
}
