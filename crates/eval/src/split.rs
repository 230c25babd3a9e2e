//! The split of any corpus in two halves by report id: one developers may look at, one measured only
//! when a change is finished (issue 10, "tune phenomena, not items").
//!
//! The rule, fixed so that a report never changes half: take the SHA-256 of the report id (its UTF-8
//! bytes as the record gives them, surrounding white space removed, as every id is parsed); the
//! report is in the `dev` half when the first byte of the digest is even, in the `held` half when it
//! is odd. It depends on the id alone, so it is the same for every corpus, file order and run, and a
//! report added to a corpus never moves another one. `printf '%s' ID | sha256sum` shows the byte.

use serde::Serialize;
use sha2::{Digest, Sha256};

/// One half of a corpus.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Half {
    /// First digest byte even: the half developers read and tune on.
    Dev,
    /// First digest byte odd: the half measured only when a change is finished.
    Held,
}

impl Half {
    /// The half the report with this id belongs to.
    pub fn of(id: &str) -> Half {
        let digest = Sha256::digest(id.as_bytes());
        if digest[0] % 2 == 0 {
            Half::Dev
        } else {
            Half::Held
        }
    }

    /// The name used on the command line and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Half::Dev => "dev",
            Half::Held => "held",
        }
    }
}
