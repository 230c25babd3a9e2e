//! Human-readable output of [`Scores`]: the summary table and the error listing.

use std::fmt::Write;

use crate::parts::PartScores;
use crate::score::{Counts, ErrorKind, Prf, Scores};

fn pct(x: Option<f64>) -> String {
    match x {
        Some(v) => format!("{:.1}", v * 100.0),
        None => "n/a".to_string(),
    }
}

fn snake<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => "?".to_string(),
    }
}

fn prf_row(out: &mut String, label: &str, p: &Prf) {
    let _ = writeln!(
        out,
        "{label:<18} {:>5} {:>5} {:>5} {:>7} {:>7} {:>7}",
        p.tp,
        p.fp,
        p.fn_,
        pct(p.precision),
        pct(p.recall),
        pct(p.f1)
    );
}

fn counts_row(out: &mut String, label: &str, c: &Counts) {
    prf_row(out, label, &c.prf());
}

/// The summary table: headline scores, then (crossing, change) counts by change and by target.
pub fn render_table(s: &Scores) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "reports {}  failures {}  gold events {}  distinct claims {}",
        s.reports, s.failures, s.gold_events, s.claims
    );
    let _ = writeln!(
        out,
        "unmatched but not counted: background {}, border without countries {}, group {}",
        s.excluded.background, s.excluded.no_countries, s.excluded.group
    );
    let _ = writeln!(out);
    let header = format!(
        "{:<18} {:>5} {:>5} {:>5} {:>7} {:>7} {:>7}",
        "", "tp", "fp", "fn", "P%", "R%", "F1%"
    );
    let _ = writeln!(out, "{header}");
    prf_row(&mut out, "crossing+change", &s.change);
    prf_row(&mut out, "crossing+status", &s.status);
    let _ = writeln!(
        out,
        "date accuracy      {}/{}  {}%",
        s.date.correct,
        s.date.eligible,
        pct(s.date.accuracy)
    );
    let _ = writeln!(out, "dangerous errors   {}", s.dangerous);
    let _ = writeln!(out);
    let _ = writeln!(out, "by change\n{header}");
    for (change, c) in &s.by_change {
        counts_row(&mut out, &snake(change), c);
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "by target\n{header}");
    for (target, c) in &s.by_target {
        counts_row(&mut out, target, c);
    }
    out
}

/// The error listing: failures, dangerous errors, misses, false alarms, wrong dates, each with its report id and
/// the sentence concerned.
pub fn render_errors(s: &Scores) -> String {
    let mut out = String::new();
    for (kind, title) in [
        (ErrorKind::Failure, "FAILURES"),
        (
            ErrorKind::Dangerous,
            "DANGEROUS (asserted open, gold not open)",
        ),
        (ErrorKind::Miss, "MISSES (gold event not found)"),
        (ErrorKind::FalseAlarm, "FALSE ALARMS (claim not in gold)"),
        (
            ErrorKind::WrongDate,
            "WRONG DATES (matched, but not the gold's ISO date)",
        ),
    ] {
        let entries: Vec<_> = s.errors.iter().filter(|e| e.kind == kind).collect();
        let _ = writeln!(out, "== {title}: {}", entries.len());
        for e in entries {
            let what = [
                e.target.clone(),
                e.change.as_ref().map(snake),
                e.status.as_ref().map(|st| format!("→ {}", snake(st))),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join("  ");
            let _ = writeln!(out, "{}  {what}", e.id);
            let _ = writeln!(out, "    {}", e.detail.replace('\n', " "));
        }
        let _ = writeln!(out);
    }
    out
}

/// One headline row per part, then the whole run: reports, (crossing, change) tp fp fn P R F1,
/// status F1, dangerous errors and failures. `title` names what the parts are.
pub fn render_parts(title: &str, parts: &[PartScores], whole: &Scores) -> String {
    let width = parts
        .iter()
        .map(|p| p.part.chars().count())
        .chain([title.chars().count(), "all".len()])
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{title:<width$} {:>7} {:>5} {:>5} {:>5} {:>7} {:>7} {:>7} {:>10} {:>9} {:>8}",
        "reports", "tp", "fp", "fn", "P%", "R%", "F1%", "status F1%", "dangerous", "failures"
    );
    let rows = parts
        .iter()
        .map(|p| (p.part.as_str(), &p.scores))
        .chain([("all", whole)]);
    for (label, s) in rows {
        let c = &s.change;
        let _ = writeln!(
            out,
            "{label:<width$} {:>7} {:>5} {:>5} {:>5} {:>7} {:>7} {:>7} {:>10} {:>9} {:>8}",
            s.reports,
            c.tp,
            c.fp,
            c.fn_,
            pct(c.precision),
            pct(c.recall),
            pct(c.f1),
            pct(s.status.f1),
            s.dangerous,
            s.failures
        );
    }
    out
}
