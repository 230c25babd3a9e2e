//! One sentence of a report, read once: its words, its clauses and relative clauses, and its time
//! expressions. The stages after segmentation — `link`, the question check in `safety`, `detect`,
//! the pairing of triggers with mentions, and the building of claims — read this one value instead of
//! re-deriving words and clauses from the text.
//!
//! Clauses and times are computed on first use: most sentences worth reading have no trigger, and
//! then no clause bound or time is ever asked for.

use crate::Span;
use crate::timex::{TimeExpr, find_times};
use crate::words::{Word, clause_bounds, relative_clauses, words_in};
use std::cell::OnceCell;

/// A sentence of the report text, with what every stage reads of it.
#[derive(Debug)]
pub struct Sentence<'t> {
    /// The whole report's text: every span here indexes it.
    pub text: &'t str,
    /// The sentence's span in `text`.
    pub span: Span,
    /// The sentence's words (spans into `text`), without the words of any web address in it.
    pub words: Vec<Word<'t>>,
    /// The relative and participle clauses set off by commas, as word ranges (see
    /// [`crate::words::relative_clauses`]).
    pub relatives: Vec<(usize, usize)>,
    /// Each word's clause, `[start, end)` in word indices (see [`crate::words::clause_bounds`]).
    clauses: Vec<OnceCell<(usize, usize)>>,
    times: OnceCell<Vec<TimeExpr>>,
}

impl<'t> Sentence<'t> {
    /// Reads the sentence at `span` of `text`; words inside one of `skip` (web addresses) are left out.
    pub fn read(text: &'t str, span: Span, skip: &[Span]) -> Sentence<'t> {
        let mut ws: Vec<Word<'t>> = words_in(text, span);
        if !skip.is_empty() {
            ws.retain(|w| {
                !skip
                    .iter()
                    .any(|s| s.start <= w.span.start && w.span.start < s.end)
            });
        }
        let relatives = relative_clauses(text, &ws);
        let clauses = (0..ws.len()).map(|_| OnceCell::new()).collect();
        Sentence {
            text,
            span,
            words: ws,
            relatives,
            clauses,
            times: OnceCell::new(),
        }
    }

    /// The whole of `text` as one sentence (for tests and single-sentence callers).
    pub fn whole(text: &'t str) -> Sentence<'t> {
        Sentence::read(text, Span::new(0, text.len()), &[])
    }

    /// The clause around word `i`: `[start, end)` in word indices.
    pub fn clause(&self, i: usize) -> (usize, usize) {
        match self.clauses.get(i) {
            Some(cell) => *cell.get_or_init(|| clause_bounds(self.text, &self.words, i)),
            None => clause_bounds(self.text, &self.words, i),
        }
    }

    /// The time expressions of the sentence, spans into `text`.
    pub fn times(&self) -> &[TimeExpr] {
        self.times.get_or_init(|| {
            find_times(self.span.of(self.text))
                .into_iter()
                .map(|mut t| {
                    t.span =
                        Span::new(t.span.start + self.span.start, t.span.end + self.span.start);
                    t
                })
                .collect()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_times_index_the_whole_text() {
        let text = "Intro line. The Torkham crossing closed on Monday, officials said.";
        let start = text.find("The").unwrap_or(0);
        let s = Sentence::read(text, Span::new(start, text.len()), &[]);
        assert_eq!(s.words[1].span.of(text), "Torkham");
        let times = s.times();
        assert_eq!(times.len(), 1);
        assert_eq!(times[0].span.of(text), "on Monday");
    }

    #[test]
    fn clauses_end_at_semicolons_and_before_but() {
        // The(0) gate(1) reopened(2) ; the(3) bridge(4) stayed(5) shut(6) but(7) the(8) port(9) worked(10)
        let s = Sentence::whole("The gate reopened; the bridge stayed shut but the port worked");
        assert_eq!(s.clause(4), (3, 7));
        // Asked again: the remembered bound.
        assert_eq!(s.clause(4), (3, 7));
        assert_eq!(s.clause(2), (0, 3));
        assert_eq!(s.clause(9), (8, 11));
        // Past the last word: the same bound the free function gives.
        assert_eq!(s.clause(99), clause_bounds(s.text, &s.words, 99));
    }

    #[test]
    fn words_of_a_web_address_are_left_out() {
        let text = "See https://example.org/crossing-closed for the Rafah crossing.";
        let url = Span::new(4, 4 + "https://example.org/crossing-closed".len());
        let s = Sentence::read(text, Span::new(0, text.len()), &[url]);
        assert!(s.words.iter().all(|w| w.lower != "closed"));
        assert!(s.words.iter().any(|w| w.lower == "rafah"));
    }
}
