//! Right-to-left evidence in the terminal: a Persian report, ingested and read back through the real
//! binary, prints its quote inside a right-to-left isolate (U+2067 … U+2069) and its outlet, named in
//! Persian script, inside a first-strong isolate (U+2068 … U+2069), so neither scrambles the
//! English line around it; English output carries no isolate.
//!
//! The report is written for this test, in our own words; it is not news. (English gloss: "The
//! Parviz Khan border crossing was closed on Tuesday, 10 Mehr, because of a flood. Truck and passenger
//! traffic is halted until further notice.")

use std::path::Path;
use std::process::{Command, Stdio};

const RLI: char = '\u{2067}';
const FSI: char = '\u{2068}';
const PDI: char = '\u{2069}';
/// The report's first sentence, as normalization leaves it (the zero-width non-joiner of
/// "سه‌شنبه" is dropped).
const SENTENCE: &str = "گذرگاه مرزی پرویزخان روز سهشنبه ۱۰ مهر به دلیل سیل بسته شد.";
const OUTLET: &str = "خبرگزاری مرز";

const REPORTS: &str = r#"{"id":"fa-1","published":"2024-10-02","outlet":"خبرگزاری مرز","url":"https://example.org/fa/1","title":"بسته شدن گذرگاه پرویزخان","text":"گذرگاه مرزی پرویزخان روز سه‌شنبه ۱۰ مهر به دلیل سیل بسته شد. تردد کامیون‌ها و مسافران تا اطلاع ثانوی متوقف است."}
{"id":"en-1","published":"2024-10-02","outlet":"Border Post","url":"https://example.org/en/1","text":"PENJWEN: The Bashmagh crossing was closed on Tuesday because of the flood, a customs officer said."}
"#;

fn bw(dir: &Path, args: &[&str]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_borderwatch"))
        .env("HOME", dir)
        .env("XDG_DATA_HOME", dir)
        .env("XDG_CONFIG_HOME", dir)
        .env_remove("BORDERWATCH_STORE")
        .stdin(Stdio::null())
        .arg("--db")
        .arg(dir.join("rtl.db"))
        .args(args)
        .output()
        .expect("runs borderwatch");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).expect("UTF-8 output")
}

#[test]
fn persian_evidence_is_isolated_in_terminal_lines() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let batch = dir.path().join("reports.jsonl");
    std::fs::write(&batch, REPORTS).expect("writing the reports");
    bw(dir.path(), &["ingest", "-q", &batch.to_string_lossy()]);

    let out = bw(
        dir.path(),
        &["status", "parviz-khan", "--explain", "--at", "2024-10-02"],
    );
    let quoted = format!("\"{RLI}{SENTENCE}{PDI}\" — {FSI}{OUTLET}{PDI}, 2024-10-02");
    let lines: Vec<&str> = out.lines().filter(|l| l.contains(&quoted)).collect();
    // Once under "evidence:", once under the event that decides the status.
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        out.contains(&format!(
            "1. On 1 Oct 2024 a report in {FSI}{OUTLET}{PDI} said the crossing closed (1 source)."
        )),
        "{out}"
    );
    // Every isolate is closed on its line.
    for line in out.lines() {
        let opened = line.chars().filter(|c| *c == RLI || *c == FSI).count();
        let closed = line.chars().filter(|c| *c == PDI).count();
        assert_eq!(opened, closed, "{line:?}");
    }

    // `extract` prints the quote the same way.
    let report = dir.path().join("fa.txt");
    std::fs::write(
        &report,
        "گذرگاه مرزی پرویزخان روز سه‌شنبه ۱۰ مهر به دلیل سیل بسته شد.",
    )
    .expect("writing the report");
    let out = bw(
        dir.path(),
        &[
            "extract",
            &report.to_string_lossy(),
            "--published",
            "2024-10-02",
        ],
    );
    assert!(
        out.contains(&format!("    \"{RLI}{SENTENCE}{PDI}\"")),
        "{out}"
    );

    // English evidence is printed as it always was: no isolate anywhere.
    let out = bw(
        dir.path(),
        &["status", "bashmagh", "--explain", "--at", "2024-10-02"],
    );
    assert!(
        out.contains("\"PENJWEN: The Bashmagh crossing was closed on Tuesday because of the flood, a customs officer said.\" — Border Post, 2024-10-02"),
        "{out}"
    );
    assert!(!out.contains([RLI, FSI, PDI]), "{out}");
}
