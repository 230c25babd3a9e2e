//! Countries and the sub-national regions the press names as if they were sides of a border.
//! Data: `data/countries.toml`.

use serde::{Deserialize, Serialize};

/// One country (ISO 3166-1 alpha-2), with every form the press uses for it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Country {
    /// ISO 3166-1 alpha-2 (`XK` for Kosovo, `PS` for Palestine).
    pub code: String,
    /// The short English name ("Iran").
    pub name: String,
    /// Other names and forms: official names, demonyms and adjectives ("Iranian", "Persian"),
    /// names in the country's own scripts ("ایران"). Matched after folding.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Countries it shares a land border with (ISO codes).
    #[serde(default)]
    pub neighbours: Vec<String>,
    /// Rough bounding box `[min_lon, min_lat, max_lon, max_lat]`, for the consistency check.
    pub bbox: [f64; 4],
}

/// A region that news treats as one side of a border ("the Kurdistan region of Iraq", "Gaza").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegionName {
    /// The name used in `Crossing::regions` ("Kurdistan Region").
    pub name: String,
    /// The ISO code of the country it belongs to.
    pub country: String,
    /// Other forms ("Iraqi Kurdistan", "Kurdish region", "KRG", "هەرێمی کوردستان").
    #[serde(default)]
    pub aliases: Vec<String>,
    /// True when news about "the border with" this region means the region's own crossings, so that a
    /// claim about that border becomes one claim per crossing (the Kurdistan Region's three with Iran).
    /// False for regions that are a whole side in their own right (Gaza: claims stay border-wide).
    #[serde(default)]
    pub group_of_crossings: bool,
}

/// The parsed `countries.toml`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CountryTable {
    #[serde(default, rename = "country")]
    pub countries: Vec<Country>,
    #[serde(default, rename = "region")]
    pub regions: Vec<RegionName>,
}

impl CountryTable {
    pub fn get(&self, code: &str) -> Option<&Country> {
        self.countries.iter().find(|c| c.code == code)
    }
}
