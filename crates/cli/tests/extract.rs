//! End-to-end tests of `borderwatch extract`: the built binary runs as a real process on real temp files.
//!
//! Covers the seed case of DESIGN.md (skipped, with a note, when `shared/` is not beside the workspace),
//! the team's sample report, bad input of every kind DESIGN.md names, and the `--jsonl` batch mode.

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};
use unicode_normalization::UnicodeNormalization;

const SEED: &str = "seeds/000_955540bc62cec1cb.txt";

fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_borderwatch"));
    // A user gazetteer on this machine must not change what the built-in one gives.
    cmd.env("XDG_DATA_HOME", no_user_data());
    cmd.stdin(Stdio::null());
    cmd
}

/// A data directory with no user gazetteer in it.
fn no_user_data() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("clitests-empty-data-home")
}

fn run(args: &[&str]) -> Output {
    match bin().args(args).output() {
        Ok(o) => o,
        Err(e) => panic!("cannot start borderwatch {args:?}: {e}"),
    }
}

fn run_with_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = match bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(e) => panic!("cannot start borderwatch {args:?}: {e}"),
    };
    if let Some(mut stdin) = child.stdin.take() {
        // The process may refuse early and close its end: a broken pipe here is its answer, not ours.
        let _ = stdin.write_all(input);
    }
    match child.wait_with_output() {
        Ok(o) => o,
        Err(e) => panic!("waiting for borderwatch {args:?}: {e}"),
    }
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json_of(o: &Output, what: &str) -> Value {
    assert!(
        o.status.success(),
        "{what}: exit {:?}, stderr:\n{}",
        o.status.code(),
        stderr(o)
    );
    match serde_json::from_slice(&o.stdout) {
        Ok(v) => v,
        Err(e) => panic!("{what}: stdout is not JSON ({e}):\n{}", stdout(o)),
    }
}

/// Lower case, no diacritics, no punctuation or spaces: "Hājī ʿOmarān" and "haji omaran" meet.
fn fold(s: &str) -> String {
    s.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ı' { 'i' } else { c })
        .filter(|c| c.is_alphanumeric())
        .collect()
}

fn claims(v: &Value) -> Vec<&Value> {
    v["claims"]
        .as_array()
        .map(|a| a.iter().collect())
        .unwrap_or_default()
}

fn crossing_id(c: &Value) -> &str {
    c["crossing"]["id"].as_str().unwrap_or("")
}

/// Every name a claim is tied to: crossing name and id, the mention, border codes.
fn claim_names(c: &Value) -> String {
    format!(
        "{} {} {} {}",
        c["crossing"]["name"].as_str().unwrap_or(""),
        crossing_id(c),
        c["mention"].as_str().unwrap_or(""),
        c["border"]
    )
}

fn describe(cs: &[&Value]) -> String {
    cs.iter()
        .map(|c| {
            format!(
                "{} [{}] {} → {} ({}), date {}, speaker {}, via {}, cause {}",
                c["crossing"]["name"].as_str().unwrap_or("-"),
                crossing_id(c),
                c["change"],
                c["status"],
                c["modality"],
                c["effective"]["date"],
                c["attribution"]["speaker"],
                c["attribution"]["via"],
                c["cause"]
            )
        })
        .collect::<Vec<_>>()
        .join("\n  ")
}

/// `<workspace>/../shared`, or None (with a note on stderr) when this checkout has no shared/ beside it.
fn shared_dir() -> Option<PathBuf> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = manifest.parent()?.parent()?.parent()?.join("shared");
    if shared.join(SEED).is_file() {
        Some(shared)
    } else {
        eprintln!(
            "SKIPPED: {} not found; the seed-case test needs shared/ beside the workspace",
            shared.join(SEED).display()
        );
        None
    }
}

fn sample_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples/bashmagh-reopens.txt")
}

fn temp_file(bytes: &[u8]) -> tempfile::NamedTempFile {
    let mut f = match tempfile::NamedTempFile::new() {
        Ok(f) => f,
        Err(e) => panic!("cannot make a temp file: {e}"),
    };
    if let Err(e) = f.write_all(bytes).and_then(|()| f.flush()) {
        panic!("cannot write temp file: {e}");
    }
    f
}

/// A refusal: non-zero exit, no panic, stderr naming the input and containing each of `reasons`
/// (case-insensitive).
fn assert_refused(o: &Output, input: &str, reasons: &[&str]) {
    let err = stderr(o);
    assert!(
        !o.status.success(),
        "{input}: expected a refusal, got exit 0; stdout:\n{}",
        stdout(o)
    );
    assert!(
        !err.contains("panicked"),
        "{input}: the process panicked:\n{err}"
    );
    assert_ne!(
        o.status.code(),
        Some(101),
        "{input}: exit 101 is a Rust panic:\n{err}"
    );
    assert!(
        o.status.code().is_some(),
        "{input}: killed by a signal:\n{err}"
    );
    assert!(
        err.contains(input),
        "{input}: stderr does not name the input:\n{err}"
    );
    let lower = err.to_lowercase();
    for r in reasons {
        assert!(
            lower.contains(&r.to_lowercase()),
            "{input}: stderr does not give the reason {r:?}:\n{err}"
        );
    }
}

/// Either a valid JSON result, or a refusal that names the input and gives some reason beyond it.
fn assert_result_or_clear_error(o: &Output, input: &str) -> Option<Value> {
    let err = stderr(o);
    assert!(
        !err.contains("panicked"),
        "{input}: the process panicked:\n{err}"
    );
    if o.status.success() {
        let v = json_of(o, input);
        assert!(
            v["report"]["text"].is_string(),
            "{input}: JSON has no report text:\n{v}"
        );
        assert!(
            v["claims"].is_array(),
            "{input}: JSON has no claims array:\n{v}"
        );
        Some(v)
    } else {
        assert_eq!(
            o.status.code(),
            Some(1),
            "{input}: an error should exit 1:\n{err}"
        );
        assert!(
            err.contains(input),
            "{input}: stderr does not name the input:\n{err}"
        );
        let after = err.rsplit(':').next().unwrap_or("").trim();
        assert!(after.len() > 5, "{input}: stderr gives no reason:\n{err}");
        None
    }
}

/// Deterministic pseudo-random bytes (xorshift64*), so a failure can be replayed.
fn noise(len: usize, mut seed: u64) -> Vec<u8> {
    let mut out = Vec::with_capacity(len);
    while out.len() < len {
        seed ^= seed >> 12;
        seed ^= seed << 25;
        seed ^= seed >> 27;
        out.extend_from_slice(&seed.wrapping_mul(0x2545_F491_4F6C_DD1D).to_le_bytes());
    }
    out.truncate(len);
    out
}

// ---------------------------------------------------------------------------------------------------
// The seed case (DESIGN.md)

#[test]
fn seed_case_with_publication_date() {
    let Some(shared) = shared_dir() else { return };
    let seed = shared.join(SEED);
    let seed = seed.to_string_lossy();
    let v = json_of(
        &run(&["extract", &seed, "--published", "2017-10-25", "--json"]),
        "seed",
    );
    let cs = claims(&v);
    let all = describe(&cs);
    let mut problems = Vec::new();

    let place = v["report"]["dateline"]["place"].as_str().unwrap_or("");
    if !place.eq_ignore_ascii_case("BEIRUT") {
        problems.push(format!(
            "dateline should be BEIRUT, is {:?}",
            v["report"]["dateline"]
        ));
    }

    let bashmagh: Vec<&Value> = cs
        .iter()
        .copied()
        .filter(|c| crossing_id(c) == "ir-iq-bashmagh")
        .collect();
    // Claim 1: reopened on Wednesday = 2017-10-25, on Bakhshi's word via IRIB.
    match bashmagh.iter().find(|c| c["change"] == "reopened") {
        None => problems.push("no `reopened` claim on ir-iq-bashmagh".into()),
        Some(c) => {
            if c["status"] != "open" {
                problems.push(format!(
                    "Bashmagh reopened: status {} (want open)",
                    c["status"]
                ));
            }
            if c["modality"] != "asserted" {
                problems.push(format!(
                    "Bashmagh reopened: modality {} (want asserted)",
                    c["modality"]
                ));
            }
            if c["effective"]["date"] != "2017-10-25" {
                problems.push(format!(
                    "Bashmagh reopened: effective.date {} (want 2017-10-25)",
                    c["effective"]["date"]
                ));
            }
            if c["attribution"]["speaker"] != "Jahangir Bakhshi" {
                problems.push(format!(
                    "Bashmagh reopened: speaker {} (want Jahangir Bakhshi)",
                    c["attribution"]["speaker"]
                ));
            }
            let via = c["attribution"]["via"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            if !via
                .iter()
                .any(|x| x.as_str().is_some_and(|s| s.contains("IRIB")))
            {
                problems.push(format!("Bashmagh reopened: via {:?} has no IRIB", via));
            }
        }
    }
    // Claim 2: closed after the referendum, no date invented.
    match bashmagh.iter().find(|c| c["change"] == "closed") {
        None => problems.push("no `closed` claim on ir-iq-bashmagh".into()),
        Some(c) => {
            if c["status"] != "closed" {
                problems.push(format!(
                    "Bashmagh closed: status {} (want closed)",
                    c["status"]
                ));
            }
            if !c["effective"]["date"].is_null() {
                problems.push(format!(
                    "Bashmagh closed: effective.date {} (want null)",
                    c["effective"]["date"]
                ));
            }
            let cause = c["cause"].as_str().unwrap_or("").to_lowercase();
            // The seed names the cause twice: "the referendum" and "last month's vote in favor of
            // independence". Either wording names the independence referendum.
            if !cause.contains("referendum") && !cause.contains("independence") {
                problems.push(format!(
                    "Bashmagh closed: cause {} names neither the referendum nor the independence vote",
                    c["cause"]
                ));
            }
        }
    }
    // Claim 3: "the other border points" → Parviz Khan and Haji Omaran, closure goes on, reopening uncertain.
    for (name, key) in [("Parviz Khan", "parvizkhan"), ("Haji Omaran", "omaran")] {
        let found = cs.iter().find(|c| {
            fold(c["crossing"]["name"].as_str().unwrap_or("")).contains(key)
                && c["change"] == "extended_closure"
        });
        match found {
            None => problems.push(format!("no `extended_closure` claim on {name}")),
            Some(c) => {
                if !crossing_id(c).starts_with("ir-iq-") {
                    problems.push(format!(
                        "{name}: crossing id {:?} is not an ir-iq- gazetteer id",
                        crossing_id(c)
                    ));
                }
                if c["status"] != "closed" {
                    problems.push(format!("{name}: status {} (want closed)", c["status"]));
                }
                if c["modality"] != "uncertain" {
                    problems.push(format!(
                        "{name}: modality {} (want uncertain)",
                        c["modality"]
                    ));
                }
            }
        }
    }
    // Places the article names that are not crossings must give no claim.
    for (place, keys) in [
        ("Kirkuk", &["kirkuk"][..]),
        ("Sulaimaniya", &["sulaim", "sulaym", "slemani"][..]),
        ("Baghdad", &["baghdad"][..]),
        ("Beirut", &["beirut"][..]),
    ] {
        for c in &cs {
            let names = fold(&claim_names(c));
            if keys.iter().any(|k| names.contains(k)) {
                problems.push(format!("a claim is about {place}: {}", describe(&[c])));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "seed case:\n- {}\nclaims:\n  {all}",
        problems.join("\n- ")
    );
}

#[test]
fn seed_case_without_publication_date_invents_no_date() {
    let Some(shared) = shared_dir() else { return };
    let seed = shared.join(SEED);
    let v = json_of(
        &run(&["extract", &seed.to_string_lossy(), "--json"]),
        "seed without --published",
    );
    let cs = claims(&v);
    assert!(
        !cs.is_empty(),
        "the seed gives no claim at all without --published"
    );
    assert!(v["report"]["published"].is_null());
    for c in &cs {
        assert!(
            c["effective"]["date"].is_null(),
            "a date was invented without a publication date: {}",
            describe(&[c])
        );
    }
    // "Wednesday" stays as words, unresolved.
    let reopened = cs
        .iter()
        .find(|c| crossing_id(c) == "ir-iq-bashmagh" && c["change"] == "reopened");
    let Some(reopened) = reopened else {
        panic!(
            "no Bashmagh reopening without --published:\n  {}",
            describe(&cs)
        )
    };
    let text = reopened["effective"]["text"].as_str().unwrap_or("");
    assert!(
        text.to_lowercase().contains("wednesday"),
        "effective.text {text:?} lost \"Wednesday\""
    );
}

#[test]
fn seed_case_summary_is_readable() {
    let Some(shared) = shared_dir() else { return };
    let seed = shared.join(SEED);
    let seed = seed.to_string_lossy();
    let o = run(&["extract", &seed, "--published", "2017-10-25"]);
    assert!(
        o.status.success(),
        "exit {:?}: {}",
        o.status.code(),
        stderr(&o)
    );
    let out = stdout(&o);
    assert!(
        out.contains(&*seed),
        "the summary does not name the file:\n{out}"
    );
    assert!(out.contains("published 2017-10-25"), "{out}");
    assert!(out.contains("ir-iq-bashmagh"), "{out}");
    assert!(
        out.contains("BEIRUT"),
        "the summary shows no dateline:\n{out}"
    );
}

// ---------------------------------------------------------------------------------------------------
// The team's sample report

#[test]
fn sample_report_gives_a_bashmagh_reopening() {
    let path = sample_path();
    assert!(path.is_file(), "{} is missing", path.display());
    let v = json_of(
        &run(&[
            "extract",
            &path.to_string_lossy(),
            "--published",
            "2017-10-25",
            "--json",
        ]),
        "sample",
    );
    let cs = claims(&v);
    let reopened = cs
        .iter()
        .find(|c| crossing_id(c) == "ir-iq-bashmagh" && c["change"] == "reopened");
    let Some(c) = reopened else {
        panic!("no Bashmagh reopening in the sample:\n  {}", describe(&cs))
    };
    assert_eq!(c["status"], "open");
    assert_eq!(
        c["effective"]["date"], "2017-10-25",
        "Wednesday of the week of 2017-10-25"
    );
    for c in &cs {
        assert!(
            !fold(&claim_names(c)).contains("sulaim"),
            "the dateline became a claim: {}",
            describe(&[c])
        );
    }
}

#[test]
fn stdin_is_read_with_dash() {
    let text = "Iran reopened the Bashmagh border crossing with Iraqi Kurdistan on Wednesday, a customs official said.\n";
    let o = run_with_stdin(
        &["extract", "-", "--published", "2017-10-25", "--json"],
        text.as_bytes(),
    );
    let v = json_of(&o, "stdin");
    assert!(
        claims(&v)
            .iter()
            .any(|c| crossing_id(c) == "ir-iq-bashmagh" && c["status"] == "open"),
        "no open Bashmagh claim from stdin:\n  {}",
        describe(&claims(&v))
    );
    let o = run_with_stdin(&["extract", "-"], text.as_bytes());
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("standard input"),
        "the summary does not name standard input:\n{}",
        stdout(&o)
    );
}

#[test]
fn stdin_over_the_limit_is_refused() {
    let o = run_with_stdin(
        &["extract", "-", "--max-bytes", "10"],
        b"Iran reopened the Bashmagh crossing today.\n",
    );
    assert_refused(&o, "standard input", &["--max-bytes"]);
}

// ---------------------------------------------------------------------------------------------------
// Bad input

#[test]
fn empty_file_is_refused() {
    let f = temp_file(b"");
    let name = f.path().to_string_lossy().into_owned();
    assert_refused(&run(&["extract", &name, "--json"]), &name, &["empty"]);
}

#[test]
fn whitespace_only_file_is_refused() {
    let f = temp_file(b" \n\t\r\n   \n\xC2\xA0\n");
    let name = f.path().to_string_lossy().into_owned();
    assert_refused(&run(&["extract", &name, "--json"]), &name, &["empty"]);
}

#[test]
fn binary_garbage_with_nuls_gives_error_or_result() {
    let mut bytes = noise(64 * 1024, 0x9E37_79B9_7F4A_7C15);
    for i in (0..bytes.len()).step_by(97) {
        bytes[i] = 0;
    }
    let f = temp_file(&bytes);
    let name = f.path().to_string_lossy().into_owned();
    let o = run(&["extract", &name, "--json"]);
    if let Some(v) = assert_result_or_clear_error(&o, &name) {
        eprintln!(
            "note: binary garbage was accepted as text ({} claims)",
            claims(&v).len()
        );
        assert!(
            claims(&v).is_empty(),
            "random bytes gave claims:\n  {}",
            describe(&claims(&v))
        );
    } else {
        eprintln!("note: binary garbage refused: {}", stderr(&o).trim());
    }
}

#[test]
fn invalid_utf8_of_no_known_charset_gives_error_or_result() {
    // Broken UTF-8 (lone continuation bytes, truncated sequences, overlongs, 0xFF) around ASCII words.
    let mut bytes = Vec::new();
    for k in 0..200u32 {
        bytes.extend_from_slice(b"border ");
        bytes.extend_from_slice(&[0x80, 0xBF, 0xE2, 0x82, 0xC0, 0xAF, 0xFF, 0xFE, 0xF8, 0x88]);
        bytes.push(b'0' + (k % 10) as u8);
        bytes.push(b'\n');
    }
    let f = temp_file(&bytes);
    let name = f.path().to_string_lossy().into_owned();
    let o = run(&["extract", &name, "--json"]);
    match assert_result_or_clear_error(&o, &name) {
        Some(v) => eprintln!(
            "note: invalid UTF-8 decoded ({} chars of text)",
            v["report"]["text"]
                .as_str()
                .map_or(0, |t| t.chars().count())
        ),
        None => eprintln!("note: invalid UTF-8 refused: {}", stderr(&o).trim()),
    }
}

#[test]
fn windows_1256_arabic_file_is_decoded() {
    // My own sentences: Iran reopened the Bashmagh crossing with the Kurdistan Region of Iraq on Wednesday.
    let arabic = "أعادت إيران يوم الأربعاء فتح منفذ باشماق الحدودي مع إقليم كردستان العراق، بحسب مسؤول في الجمارك.\n\
                  وقال المسؤول إن الشاحنات عادت إلى العبور صباح اليوم.\n";
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1256.encode(arabic);
    assert!(!unmappable, "the test text does not fit windows-1256");
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the encoded test file should not be valid UTF-8"
    );
    let f = temp_file(&bytes);
    let name = f.path().to_string_lossy().into_owned();
    let v = json_of(
        &run(&["extract", &name, "--published", "2017-10-25", "--json"]),
        "windows-1256",
    );
    let text = v["report"]["text"].as_str().unwrap_or("");
    assert!(
        text.contains("باشماق"),
        "windows-1256 was not decoded to Arabic; text: {text:?}"
    );
    assert!(text.contains("كردستان"), "text: {text:?}");
    let found = claims(&v)
        .iter()
        .any(|c| crossing_id(c) == "ir-iq-bashmagh");
    eprintln!("note: windows-1256 Arabic report gives a Bashmagh claim: {found}");
}

#[test]
fn a_200_mb_file_is_refused_without_reading_it() {
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => panic!("tempdir: {e}"),
    };
    let path = dir.path().join("huge.txt");
    let size: u64 = 200 * 1024 * 1024;
    {
        let f = match std::fs::File::create(&path) {
            Ok(f) => f,
            Err(e) => panic!("create {}: {e}", path.display()),
        };
        // Sparse: the file reports 200 MB but takes no disk; its first bytes are text.
        let mut w = std::io::BufWriter::new(&f);
        if let Err(e) = w
            .write_all(b"Iran closed the Bashmagh crossing.\n")
            .and_then(|()| w.flush())
        {
            panic!("write: {e}");
        }
        drop(w);
        if let Err(e) = f.set_len(size) {
            panic!("set_len: {e}");
        }
    }
    let name = path.to_string_lossy().into_owned();
    let started = Instant::now();
    let o = run(&["extract", &name, "--json"]);
    let took = started.elapsed();
    assert_refused(&o, &name, &["--max-bytes"]);
    eprintln!("note: 200 MB file refused in {took:?}");
    // Not a benchmark: only catches a run that read the whole file (seconds, not milliseconds).
    assert!(
        took < Duration::from_secs(20),
        "refusing a 200 MB file took {took:?}"
    );

    // Peak memory, where GNU time is installed: reading the file would cost over 200 MB.
    let time = Path::new("/usr/bin/time");
    if !time.is_file() {
        eprintln!("note: /usr/bin/time absent; peak RSS not measured");
        return;
    }
    let o = Command::new(time)
        .arg("-v")
        .arg(env!("CARGO_BIN_EXE_borderwatch"))
        .env("XDG_DATA_HOME", no_user_data())
        .args(["extract", &name, "--json"])
        .stdin(Stdio::null())
        .output();
    let Ok(o) = o else { return };
    let err = stderr(&o);
    let rss_kb = err
        .lines()
        .find_map(|l| l.trim().strip_prefix("Maximum resident set size (kbytes):"))
        .and_then(|n| n.trim().parse::<u64>().ok());
    match rss_kb {
        Some(kb) => {
            eprintln!("note: peak RSS refusing a 200 MB file: {} MB", kb / 1024);
            assert!(
                kb < 150 * 1024,
                "peak RSS {kb} kB: the 200 MB file seems to have been read"
            );
        }
        None => eprintln!("note: could not read peak RSS from /usr/bin/time:\n{err}"),
    }
}

#[test]
fn max_bytes_refuses_a_normal_file() {
    let path = sample_path();
    let name = path.to_string_lossy().into_owned();
    assert_refused(
        &run(&["extract", &name, "--max-bytes", "10"]),
        &name,
        &["--max-bytes", "10"],
    );
    // The same file passes under the default limit.
    let o = run(&["extract", &name, "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn html_scripts_and_styles_do_not_leak() {
    let html = r#"<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Bashmagh reopens</title>
<script>var tracker = "LEAKED"; document.write("<p>LEAKED</p>");</script>
<style>p::after { content: "LEAKED"; }</style>
<script type="application/ld+json">{"headline": "LEAKED", "text": "LEAKED </p> LEAKED"}</script>
</head><body>
<p>Iran reopened the Bashmagh border crossing with Iraqi Kurdistan on Wednesday, a customs official said.</p>
<SCRIPT type="text/javascript">if (a < b && c > d) { console.log('LEAKED'); }</SCRIPT>
<p>Trucks were moving again by the afternoon.</p>
<script>
  // a script that never closes its string "</div>
  LEAKED
</script>
<noscript>Please enable JavaScript.</noscript>
</body></html>
"#;
    let f = temp_file(html.as_bytes());
    let name = f.path().to_string_lossy().into_owned();
    let o = run(&["extract", &name, "--published", "2017-10-25", "--json"]);
    let v = json_of(&o, "html");
    let out = stdout(&o);
    assert!(
        !out.contains("LEAKED"),
        "script or style text leaked into the JSON:\n{out}"
    );
    assert!(
        !out.contains("console.log"),
        "script text leaked into the JSON:\n{out}"
    );
    let text = v["report"]["text"].as_str().unwrap_or("");
    assert!(
        text.contains("Trucks were moving again"),
        "body text lost: {text:?}"
    );
    assert!(!text.contains("<p>"), "markup left in the text: {text:?}");
    assert_eq!(v["report"]["title"], "Bashmagh reopens");
    assert!(
        claims(&v)
            .iter()
            .any(|c| crossing_id(c) == "ir-iq-bashmagh" && c["change"] == "reopened"),
        "no Bashmagh reopening from the HTML body:\n  {}",
        describe(&claims(&v))
    );
}

#[test]
fn a_directory_is_refused() {
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => panic!("tempdir: {e}"),
    };
    let name = dir.path().to_string_lossy().into_owned();
    assert_refused(&run(&["extract", &name, "--json"]), &name, &["directory"]);
}

#[test]
fn a_missing_file_is_refused() {
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => panic!("tempdir: {e}"),
    };
    let name = dir
        .path()
        .join("no-such-report.txt")
        .to_string_lossy()
        .into_owned();
    let o = run(&["extract", &name, "--json"]);
    // The reason is the OS's: "No such file or directory" on Linux.
    assert_refused(&o, &name, &["no such file"]);
}

// ---------------------------------------------------------------------------------------------------
// JSONL batch

#[test]
fn jsonl_batch_keeps_order_and_names_failures() {
    let lines = [
        r#"{"id": "a-reopen", "text": "Iran reopened the Bashmagh border crossing with Iraqi Kurdistan on Wednesday.", "published": "2017-10-25"}"#,
        r#"{"id": "b-broken", "text": "Iran closed the crossing"#,
        r#"{"id": "c-nothing", "text": "The weather in Tehran was mild this week, with light rain expected.", "date": "2017-10-20T08:00:00Z"}"#,
        r#"{"id": "d-baddate", "text": "Iran closed the Bashmagh crossing.", "published": "2017-13-45"}"#,
        r#"{"id": "e-close", "text": "Iran closed the Bashmagh crossing on Monday after the referendum.", "published": "2017-10-02"}"#,
    ];
    let f = temp_file(format!("{}\n", lines.join("\n")).as_bytes());
    let name = f.path().to_string_lossy().into_owned();
    let o = run(&["extract", "--jsonl", &name]);
    let err = stderr(&o);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(
        o.status.code(),
        Some(3),
        "a batch with failures should exit 3; stderr:\n{err}"
    );
    let out = stdout(&o);
    let rows: Vec<Value> = out
        .lines()
        .map(|l| match serde_json::from_str(l) {
            Ok(v) => v,
            Err(e) => panic!("output line is not JSON ({e}): {l}"),
        })
        .collect();
    assert_eq!(rows.len(), 5, "one output line per input line:\n{out}");

    let ids: Vec<&str> = rows
        .iter()
        .map(|r| r["id"].as_str().unwrap_or("?"))
        .collect();
    assert_eq!(ids[0], "a-reopen");
    assert!(
        ids[1].contains('2'),
        "the malformed line's id should name line 2, is {:?}",
        ids[1]
    );
    assert_eq!(&ids[2..], &["c-nothing", "d-baddate", "e-close"]);

    for k in [0, 2, 4] {
        assert!(
            rows[k].get("error").is_none(),
            "line {} failed: {}",
            k + 1,
            rows[k]
        );
        assert!(
            rows[k]["claims"].is_array() && rows[k]["report"].is_object(),
            "line {}: {}",
            k + 1,
            rows[k]
        );
    }
    let first: Vec<&Value> = rows[0]["claims"]
        .as_array()
        .map(|a| a.iter().collect())
        .unwrap_or_default();
    assert!(
        first
            .iter()
            .any(|c| crossing_id(c) == "ir-iq-bashmagh" && c["effective"]["date"] == "2017-10-25"),
        "line 1: no dated Bashmagh claim:\n  {}",
        describe(&first)
    );
    assert_eq!(
        rows[2]["report"]["published"], "2017-10-20",
        "`date` timestamp should give the day"
    );
    assert_eq!(
        rows[2]["claims"].as_array().map(Vec::len),
        Some(0),
        "weather gave claims: {}",
        rows[2]
    );
    let last: Vec<&Value> = rows[4]["claims"]
        .as_array()
        .map(|a| a.iter().collect())
        .unwrap_or_default();
    assert!(
        last.iter()
            .any(|c| crossing_id(c) == "ir-iq-bashmagh" && c["status"] == "closed"),
        "line 5: no Bashmagh closure:\n  {}",
        describe(&last)
    );

    let malformed = rows[1]["error"].as_str().unwrap_or("");
    assert!(
        malformed.contains(&*name),
        "the error should name the batch file: {malformed}"
    );
    assert!(
        malformed.contains("line 2") && malformed.contains("not a report object"),
        "{malformed}"
    );
    let baddate = rows[3]["error"].as_str().unwrap_or("");
    assert!(
        baddate.contains("d-baddate")
            && baddate.contains("2017-13-45")
            && baddate.contains("not a date"),
        "{baddate}"
    );
    assert!(
        err.contains("2 report(s)") && err.contains(&*name),
        "stderr should count the failures: {err}"
    );
}

#[test]
fn jsonl_batch_of_good_lines_exits_zero() {
    let body = "{\"id\": \"one\", \"text\": \"Turkey closed the Kapıköy crossing with Iran on Friday.\"}\n\n\
                {\"id\": \"two\", \"text\": \"Nothing about borders here at all.\"}\n";
    let f = temp_file(body.as_bytes());
    let name = f.path().to_string_lossy().into_owned();
    let o = run(&["extract", "--jsonl", &name]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let n = stdout(&o).lines().count();
    assert_eq!(
        n,
        2,
        "blank lines are skipped, each report gives one line:\n{}",
        stdout(&o)
    );
}

#[test]
fn jsonl_missing_batch_file_is_refused() {
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => panic!("tempdir: {e}"),
    };
    let name = dir
        .path()
        .join("absent.jsonl")
        .to_string_lossy()
        .into_owned();
    assert_refused(
        &run(&["extract", "--jsonl", &name]),
        &name,
        &["no such file"],
    );
}
