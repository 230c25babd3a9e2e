//! Ordinary English words that some crossing names become after folding.
//!
//! Folding merges spellings on purpose (ph → f, doubled letters single, ou → u), so a place name can
//! land on an everyday word: "Pharr" folds to "far", "Coutts" to "cuts". Matched as a plain word, such a
//! name turns "in the far north" into a claim about a bridge in Texas. An alias whose folded form is one
//! of these words is therefore treated as weak (see `data/README.md`): it names its crossing only with a
//! border word beside it ("the Pharr crossing"). The list holds words that English news text uses
//! constantly; it is a guard for every gazetteer, the built-in one and imported ones alike, not a list
//! of known collisions.

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::fold::fold;

/// Common English words (and a few common nouns of news text), as written; folded before use.
#[rustfmt::skip]
const WORDS: &[&str] = &[
    // Function words.
    "a", "about", "above", "across", "after", "again", "against", "all", "almost", "along",
    "already", "also", "although", "always", "among", "an", "and", "another", "any", "are",
    "around", "as", "at", "away", "back", "be", "because", "been", "before", "behind", "being",
    "below", "beside", "besides", "between", "beyond", "both", "but", "by", "can", "could", "did",
    "do", "does", "down", "during", "each", "either", "else", "enough", "even", "ever", "every",
    "few", "for", "from", "had", "has", "have", "he", "her", "here", "him", "his", "how", "however",
    "if", "in", "inside", "into", "is", "it", "its", "just", "least", "less", "like", "many", "may",
    "me", "might", "more", "most", "much", "must", "my", "near", "neither", "never", "next", "no",
    "nor", "not", "now", "of", "off", "often", "on", "once", "only", "onto", "or", "other", "our",
    "out", "outside", "over", "own", "past", "per", "quite", "rather", "same", "she", "should",
    "since", "so", "some", "soon", "still", "such", "than", "that", "the", "their", "them", "then",
    "there", "these", "they", "this", "those", "though", "through", "thus", "to", "too", "toward",
    "towards", "under", "until", "up", "upon", "us", "very", "via", "was", "we", "well", "were",
    "what", "when", "where", "whether", "which", "while", "who", "whom", "whose", "why", "will",
    "with", "within", "without", "would", "yet", "you", "your",
    // Directions, places and distances.
    "far", "farther", "further", "north", "south", "east", "west", "northern", "southern",
    "eastern", "western", "central", "upper", "lower", "left", "right", "top", "bottom", "side",
    "sides", "middle", "front", "rear", "high", "low", "long", "short", "wide", "deep", "close",
    "open", "end", "edge", "line", "lines", "point", "points", "road", "roads", "route", "bridge",
    "port", "portal", "gate", "gates", "pass", "hill", "hills", "valley", "river", "lake", "sea",
    "coast", "bay", "island", "field", "fields", "mountain", "forest", "desert", "plain", "spring",
    "springs", "rock", "stone", "sand", "water", "town", "city", "village", "camp", "market",
    "station", "home", "house", "land", "area", "zone", "region", "state", "states", "country",
    "world", "place",
    // Time.
    "day", "days", "night", "week", "weeks", "month", "months", "year", "years", "hour", "hours",
    "today", "tonight", "morning", "evening", "noon", "early", "late", "later", "last", "first",
    "new", "old", "young", "may", "march", "june", "july", "august", "summer", "winter", "autumn",
    "fall",
    // Frequent verbs of news text.
    "say", "says", "said", "tell", "told", "make", "made", "take", "took", "taken", "give", "gave",
    "get", "got", "go", "goes", "went", "gone", "come", "came", "see", "saw", "seen", "know",
    "knew", "think", "find", "found", "keep", "kept", "let", "put", "run", "ran", "set", "cut",
    "cuts", "hit", "hits", "held", "hold", "holds", "call", "calls", "called", "ask", "asked",
    "try", "use", "used", "move", "moved", "stop", "stops", "stopped", "turn", "turned", "leave",
    "left", "bring", "brought", "send", "sent", "meet", "met", "lead", "led", "help", "show",
    "shows", "shot", "fire", "fired", "kill", "killed", "ban", "banned", "fight", "fought", "flee",
    "fled", "cross", "crossed", "enter", "entered", "reach", "reached", "wait", "waited", "plan",
    "plans", "deal", "deals", "talk", "talks", "pay", "paid", "rule", "ruled", "won", "lost", "win",
    "lose",
    // Frequent nouns and adjectives of news text.
    "man", "men", "woman", "women", "people", "child", "children", "family", "friend", "group",
    "army", "police", "guard", "guards", "troops", "forces", "force", "war", "peace", "attack",
    "power", "party", "court", "law", "trade", "aid", "food", "fuel", "oil", "gas", "cars", "car",
    "truck", "trucks", "bus", "train", "ship", "boat", "plane", "air", "flight", "goods", "tax",
    "news", "report", "reports", "case", "cases", "fact", "part", "parts", "way", "ways", "time",
    "times", "life", "lives", "work", "job", "jobs", "money", "price", "prices", "cost", "rate",
    "level", "number", "deal", "order", "orders", "head", "hand", "hands", "eye", "face", "name",
    "word", "words", "door", "wall", "fence", "bank", "banks", "union", "council", "office",
    "chief", "minister", "leader", "leaders", "official", "officials", "general", "major", "king",
    "queen", "prince", "saint", "good", "bad", "big", "small", "great", "little", "main", "full",
    "free", "fair", "fine", "real", "sure", "safe", "clear", "dark", "light", "black", "white",
    "red", "green", "blue", "gold", "silver", "iron", "salt", "cotton", "wine", "tea", "rice",
    "fish", "bear", "wolf", "fox", "bird", "horse", "cattle", "sheep", "tiger", "lion", "eagle",
    "crane", "swan", "rose", "palm", "oak", "pine", "ash", "elm", "mill", "farm", "hall", "tower",
    "castle", "church", "temple", "cross", "star", "sun", "moon", "rain", "snow", "ice", "wind",
    "storm", "flood", "fire", "heat", "cold", "hot", "warm", "dry", "wet", "rich", "poor", "strong",
    "weak", "hard", "soft", "fast", "slow", "quiet", "loud", "sweet", "bitter", "plenty", "mass",
    "roma", "gypsy", "tourist", "tourists", "visitor", "visitors", "migrant", "migrants", "refugee",
    "refugees", "traffic", "transit", "entry", "exit", "customs", "visa", "passport", "terminal",
    "crossing", "crossings", "checkpoint", "checkpoints", "border", "borders", "frontier", "post",
    "posts", "bridge", "bridges", "tunnel", "corridor", "highway", "junction", "square", "centre",
    "center", "union", "unity", "freedom", "liberty", "victory", "hope", "glory", "harmony",
    "friendship", "independence",
];

/// The folded forms of [`WORDS`], built once.
fn folded_words() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        WORDS
            .iter()
            .map(|w| fold(w))
            .filter(|w| !w.is_empty())
            .collect()
    })
}

/// True when `folded` (an alias already folded) is an ordinary English word: such a name names its
/// crossing only beside a border word.
pub(crate) fn is_common_word(folded: &str) -> bool {
    folded_words().contains(folded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_fold_onto_everyday_words_are_recognised() {
        // Folding merges ph with f and doubled letters: these place names become plain words.
        assert!(is_common_word(&fold("Pharr")));
        assert!(is_common_word(&fold("Coutts")));
        assert!(is_common_word(&fold("Portal")));
        // Ordinary place names are not.
        assert!(!is_common_word(&fold("Torkham")));
        assert!(!is_common_word(&fold("Bashmagh")));
        assert!(!is_common_word(&fold("Salla")));
        // Only whole names: a longer alias that starts with a common word is its own name.
        assert!(!is_common_word(&fold("Pharr International Bridge")));
    }
}
