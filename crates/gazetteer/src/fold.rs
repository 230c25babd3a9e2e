//! The one normalization used to build the automaton and to match: see `fold`.

/// Folded text with, for every byte of the folded string, the byte offset in the original it came from.
pub struct Folded {
    pub text: String,
    /// `offsets[i]` = start of the original char that produced folded byte `i`; one extra entry at the
    /// end holds the original length, so `offsets[end]` maps an exclusive end.
    pub offsets: Vec<u32>,
}

/// Folds a name or a text for matching: lower case, no diacritics, punctuation and hyphens to spaces
/// (collapsed), Arabic/Persian letter variants unified, Latin transliteration variants merged
/// (gh/kh/q → k, w → v, ou → u, doubled letters single, leading al-/el- dropped per word).
pub fn fold(s: &str) -> String {
    fold_with_offsets(s).text
}

/// As [`fold`], keeping the map back to byte offsets in `s`.
pub fn fold_with_offsets(s: &str) -> Folded {
    let _ = s;
    todo!()
}
