//! Words: maximal runs of letters and digits, any script, with their byte spans and a lower-case form.
//! Hyphens and apostrophes split words ("re-open" is "re" + "open"); rules that need them look at the
//! text between words.

use crate::Span;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word<'t> {
    pub span: Span,
    pub text: &'t str,
    pub lower: String,
}

/// The words of `text`, in order; spans index `text`.
pub fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start.take() {
            out.push(make(text, s, i));
        }
    }
    if let Some(s) = start {
        out.push(make(text, s, text.len()));
    }
    out
}

/// The words of the stretch `span` of `text`, with spans into the whole of `text`.
pub fn words_in(text: &str, span: Span) -> Vec<Word<'_>> {
    words(span.of(text))
        .into_iter()
        .map(|mut w| {
            w.span = Span::new(w.span.start + span.start, w.span.end + span.start);
            w
        })
        .collect()
}

/// The lower-case form of word `i`, or "" past either end.
pub fn lower_at<'a>(ws: &'a [Word], i: usize) -> &'a str {
    ws.get(i).map(|w| w.lower.as_str()).unwrap_or("")
}

fn make(text: &str, start: usize, end: usize) -> Word<'_> {
    let t = &text[start..end];
    Word {
        span: Span::new(start, end),
        text: t,
        lower: t.to_lowercase(),
    }
}

/// True when the text between two words breaks a clause: ";", ":", a quote mark, a bracket, an ellipsis.
fn breaks_clause(gap: &str) -> bool {
    gap.contains([';', ':', '“', '”', '"', '(', ')', '…']) || gap.contains("...")
}

fn is_clause_word(w: &str) -> bool {
    matches!(w, "but" | "while" | "whereas" | "however")
}

/// The clause around word `i`: `[start, end)` in word indices. Clauses end at ";", ":", quote marks,
/// brackets, ellipses, and before "but"/"while"/"whereas"/"however".
pub fn clause_bounds(text: &str, ws: &[Word], i: usize) -> (usize, usize) {
    let gap = |a: usize| text.get(ws[a].span.end..ws[a + 1].span.start).unwrap_or("");
    let mut start = i.min(ws.len());
    while start > 0
        && start < ws.len()
        && !breaks_clause(gap(start - 1))
        && !is_clause_word(&ws[start - 1].lower)
    {
        start -= 1;
    }
    let mut end = i;
    while end + 1 < ws.len() && !breaks_clause(gap(end)) && !is_clause_word(&ws[end + 1].lower) {
        end += 1;
    }
    (start, (end + 1).min(ws.len()))
}

/// The relative clauses set off by commas: ", which usually closes in December," is `(k, e)`, from
/// "which" to the last word before the closing comma; a participle of a change after the comma
/// (", closed since September,") opens one too. A clause that runs to the end of the sentence (no
/// closing comma) is left out: no main verb follows it.
pub fn relative_clauses(text: &str, ws: &[Word]) -> Vec<(usize, usize)> {
    let gap = |a: usize| text.get(ws[a].span.end..ws[a + 1].span.start).unwrap_or("");
    let mut out = Vec::new();
    let mut k = 1;
    while k < ws.len() {
        let opener = matches!(
            ws[k].lower.as_str(),
            "which"
                | "who"
                | "closed"
                | "shut"
                | "sealed"
                | "reopened"
                | "opened"
                | "open"
                | "blocked"
        );
        if !(opener && gap(k - 1).contains(',')) {
            k += 1;
            continue;
        }
        let close = (k..ws.len().saturating_sub(1)).find(|&e| {
            let g = gap(e);
            g.contains(',') || breaks_clause(g)
        });
        match close {
            Some(e) if gap(e).contains(',') => {
                out.push((k, e));
                k = e + 1;
            }
            _ => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_punctuation_and_keeps_spans() {
        let text = "Iran re-opened باشماق, today.";
        let ws = words(text);
        let got: Vec<_> = ws.iter().map(|w| w.span.of(text)).collect();
        assert_eq!(got, ["Iran", "re", "opened", "باشماق", "today"]);
        assert_eq!(ws[0].lower, "iran");
    }

    #[test]
    fn relative_clauses_between_commas() {
        let text = "The pass, which shuts in winter, stays open; the bridge, which was rebuilt";
        let ws = words(text);
        let at = |w: &str| ws.iter().position(|x| x.text == w).unwrap();
        assert_eq!(relative_clauses(text, &ws), [(at("which"), at("winter"))]);
        assert!(
            relative_clauses(
                "Trucks, lorries and cars",
                &words("Trucks, lorries and cars")
            )
            .is_empty()
        );
        let text = "The pass, closed since May, reopened";
        let ws = words(text);
        assert_eq!(relative_clauses(text, &ws), [(2, 4)]);
    }

    #[test]
    fn clauses_break_at_quotes_ellipses_and_but() {
        let text = "the borders were closed... today the border is open, but trade is slow";
        let ws = words(text);
        let at = |w: &str| ws.iter().position(|x| x.text == w).unwrap();
        assert_eq!(
            clause_bounds(text, &ws, at("closed")),
            (0, at("closed") + 1)
        );
        assert_eq!(
            clause_bounds(text, &ws, at("open")),
            (at("today"), at("open") + 1)
        );
        assert_eq!(
            clause_bounds(text, &ws, at("slow")),
            (at("trade"), ws.len())
        );
    }
}
