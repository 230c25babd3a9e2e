//! Deterministic synthetic reports, for the crash test and the benchmarks: many small reports whose
//! claims the extractor reads reliably, shaped like a news stream.
//!
//! Half the reports name no crossing (most news does not); the rest close, reopen or restrict one of a
//! few dozen well-known crossings on an explicit date, and every tenth of those is a near-copy of the
//! one before it (one wire story on another site). The same `(count, seed)` always gives the same
//! reports, so two runs can be compared row for row.

use jiff::civil::Date;
use serde::Serialize;

/// Crossing names the built-in gazetteer resolves to one crossing each.
const CROSSINGS: &[&str] = &[
    "Bashmagh",
    "Parviz Khan",
    "Haji Omaran",
    "Mehran",
    "Habur",
    "Torkham",
    "Kapikule",
    "Sunauli",
    "Raxaul",
    "Petrapole",
    "Phuentsholing",
    "Erenhot",
    "Khorgos",
    "Torugart",
    "Irkeshtam",
    "Manzhouli",
    "Suifenhe",
    "Lao Cai",
    "Mong Cai",
    "Boten",
    "Ruili",
    "Dandong",
    "Kodari",
    "Moreh",
];

const OUTLETS: &[&str] = &[
    "North Wire",
    "Valley Herald",
    "Frontier Daily",
    "Caravan News",
    "Crossroads Post",
];

const FILLER: &[&str] = &[
    "Markets in the capital were busy as traders prepared for the holiday season.",
    "The central bank left its main interest rate unchanged, citing steady prices.",
    "Heavy rain flooded several streets in the old town and closed two schools.",
    "The football league announced a new schedule for the spring season.",
    "A new bridge over the river was opened to traffic after three years of work.",
    "Farmers reported a good wheat harvest thanks to a mild winter.",
];

/// One synthetic report, in the JSONL shape `borderwatch ingest` reads.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SyntheticReport {
    pub id: String,
    pub title: String,
    pub text: String,
    pub published: Date,
    pub url: String,
    pub outlet: String,
}

/// SplitMix64: small, fast, and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// `count` reports from `seed`; the same arguments give the same reports.
pub fn reports(count: usize, seed: u64) -> Vec<SyntheticReport> {
    let mut rng = Rng(seed);
    let start = Date::constant(2016, 1, 1);
    let mut out: Vec<SyntheticReport> = Vec::with_capacity(count);
    let mut last_claim: Option<usize> = None;
    for k in 0..count {
        let outlet = OUTLETS[rng.below(OUTLETS.len())].to_string();
        let url = format!(
            "https://{}.example/{k}",
            outlet.to_lowercase().replace(' ', "-")
        );
        let day = i64::try_from(rng.below(900)).unwrap_or(0);
        let published = start
            .checked_add(jiff::Span::new().days(day))
            .unwrap_or(start);
        let kind = rng.below(10);
        let text = if kind < 5 {
            format!(
                "{} {} (Synthetic report {k} for borderwatch tests.)",
                FILLER[rng.below(FILLER.len())],
                FILLER[rng.below(FILLER.len())]
            )
        } else if kind == 9
            && let Some(prev) = last_claim.and_then(|p| out.get(p))
        {
            // A copy of the previous story on another site: same body, another footer.
            let body = prev
                .text
                .rsplit_once(" (Synthetic")
                .map(|(b, _)| b)
                .unwrap_or(&prev.text);
            let copy = format!("{body} (Synthetic copy {k} for borderwatch tests.)");
            out.push(SyntheticReport {
                id: format!("syn-{k}"),
                title: format!("Copy of {}", prev.title),
                text: copy,
                published: prev.published,
                url,
                outlet,
            });
            continue;
        } else {
            let name = CROSSINGS[rng.below(CROSSINGS.len())];
            let back = i64::try_from(rng.below(4)).unwrap_or(0);
            let when = published
                .checked_sub(jiff::Span::new().days(back))
                .unwrap_or(published);
            let when_text = when.strftime("%-d %B %Y").to_string();
            let sentence = match rng.below(3) {
                0 => {
                    format!("Officials said the {name} border crossing was closed on {when_text}.")
                }
                1 => {
                    format!("The {name} crossing reopened on {when_text}, customs officials said.")
                }
                _ => format!(
                    "Authorities closed the {name} border crossing on {when_text} to all traffic, a governor said."
                ),
            };
            last_claim = Some(out.len());
            format!(
                "{sentence} {} (Synthetic report {k} for borderwatch tests.)",
                FILLER[rng.below(FILLER.len())]
            )
        };
        out.push(SyntheticReport {
            id: format!("syn-{k}"),
            title: format!("Synthetic report {k}"),
            text,
            published,
            url,
            outlet,
        });
    }
    out
}

/// The reports as JSON Lines, one object per line.
pub fn jsonl(reports: &[SyntheticReport]) -> String {
    let mut s = String::new();
    for r in reports {
        if let Ok(line) = serde_json::to_string(r) {
            s.push_str(&line);
            s.push('\n');
        }
    }
    s
}
