//! The data model of one crossing, as stored in `data/crossings/*.toml`.

use serde::{Deserialize, Serialize};

/// A stable slug such as `ir-iq-bashmagh`. Never reused for another place.
pub type CrossingId = String;

/// How a crossing can be crossed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    Road,
    Rail,
    Pedestrian,
}

/// One name of a crossing in one language or script.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alias {
    pub text: String,
    /// BCP-47 language code (`en`, `fa`, `ar`, `ckb`, …).
    pub lang: String,
    /// A weak alias (a town's name, a common word) names the crossing only beside a border word.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub weak: bool,
    /// Knowingly shared with another crossing; the linker resolves it by context.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub shared: bool,
}

/// A land border crossing (or port of entry).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Crossing {
    pub id: CrossingId,
    pub name: String,
    /// ISO 3166-1 alpha-2 codes of the two sides.
    pub countries: [String; 2],
    /// Province or region on each side, in the order of `countries`; empty when not known.
    #[serde(default)]
    pub regions: Vec<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    #[serde(default)]
    pub modes: Vec<Mode>,
    /// Every name, the canonical one included.
    pub aliases: Vec<Alias>,
    /// Where the facts came from: `wikidata:Q…`, `unlocode:XXYYY`, `curated`, `import:<file>`.
    pub sources: Vec<String>,
    #[serde(default)]
    pub coord_source: Option<String>,
}

impl Crossing {
    /// True when this crossing lies on the border between `a` and `b` (in either order).
    pub fn on_border(&self, a: &str, b: &str) -> bool {
        (self.countries[0] == a && self.countries[1] == b)
            || (self.countries[0] == b && self.countries[1] == a)
    }

    /// True when one side of this crossing is `country`.
    pub fn touches(&self, country: &str) -> bool {
        self.countries.iter().any(|c| c == country)
    }
}
