//! Finding the crossings a user names (on the command line, in a search box): an id, an alias in any script, a part of
//! one — and, failing those, the same without the generic words people add ("the Rafah gate",
//! "Torkham border", "Bashmagh crossing").

use borderwatch_gazetteer::{Gazetteer, fold};

/// Words that describe a crossing rather than name it.
const GENERIC: &[&str] = &[
    "the",
    "border",
    "crossing",
    "gate",
    "point",
    "post",
    "checkpoint",
    "terminal",
    "port",
    "of",
    "entry",
];

/// Exact names first (id or alias), then partial matches; then both again without generic words.
pub fn find(gaz: &Gazetteer, query: &str) -> Vec<usize> {
    let found = exact_or_partial(gaz, query);
    if !found.is_empty() {
        return found;
    }
    let folded = fold(query);
    let bare: Vec<&str> = folded
        .split(' ')
        .filter(|w| !w.is_empty() && !GENERIC.contains(w))
        .collect();
    if bare.is_empty() || bare.len() == folded.split(' ').count() {
        return found;
    }
    exact_or_partial(gaz, &bare.join(" "))
}

fn exact_or_partial(gaz: &Gazetteer, query: &str) -> Vec<usize> {
    let exact = gaz.lookup(query);
    if exact.is_empty() {
        gaz.search(query)
    } else {
        exact
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(q: &str) -> Vec<String> {
        let gaz = Gazetteer::builtin();
        find(gaz, q)
            .into_iter()
            .map(|k| gaz.crossings()[k].id.clone())
            .collect()
    }

    #[test]
    fn generic_words_are_dropped_only_when_needed() {
        assert_eq!(
            ids("the Rafah gate").first().map(String::as_str),
            Some("eg-ps-rafah")
        );
        assert_eq!(
            ids("Torkham border").first().map(String::as_str),
            Some("af-pk-torkham")
        );
        // "Bridge" is part of this name, and the name is found as written.
        assert_eq!(
            ids("Allenby Bridge").first().map(String::as_str),
            Some("jo-ps-allenby")
        );
        // Nothing but generic words names nothing.
        assert!(ids("the border gate").is_empty());
    }
}
