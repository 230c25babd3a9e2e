//! The status in plain words, said the same way by `borderwatch status --explain` and by the crossing
//! page of `borderwatch serve`: a conflict, a plan, a denial and a border-wide event overridden by
//! the crossing's own news, each as a sentence, byte for byte the same in both.
//!
//! The reports are written for this test, in our own words; they are not news.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::Value;

const REPORTS: &str = r#"{"published":"2020-06-01","outlet":"Test Wire","url":"https://t.example/1","text":"TEHRAN: Iran closed its border with Iraq on Monday, the interior ministry said."}
{"published":"2020-06-01","outlet":"Border Post","url":"https://t.example/2","text":"PENJWEN: The Bashmagh crossing stayed open on Monday despite the closure of the border, a customs officer said."}
{"published":"2020-06-03","outlet":"Kurdistan Daily","url":"https://t.example/3","text":"SULAIMANIYA: Iran will close the Bashmagh crossing on Friday, the governor of Kurdistan province announced."}
{"published":"2020-06-02","outlet":"Trade Times","url":"https://t.example/4","text":"MARIWAN: Iran closed the Parviz Khan crossing on Tuesday, traders said."}
{"published":"2020-06-02","outlet":"Capital News","url":"https://t.example/5","text":"TEHRAN: Iran's customs administration denied on Tuesday that the Parviz Khan crossing had been closed."}
"#;

fn bw(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_borderwatch"));
    cmd.env("HOME", dir)
        .env("XDG_DATA_HOME", dir)
        .env("XDG_CONFIG_HOME", dir)
        .env_remove("BORDERWATCH_TOKEN")
        .stdin(Stdio::null())
        .arg("--db")
        .arg(dir.join("p.db"));
    cmd
}

fn run(dir: &Path, args: &[&str]) -> String {
    let o = bw(dir).args(args).output().expect("runs borderwatch");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).expect("UTF-8 output")
}

/// A server that dies with the test.
struct Served(Child);

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `serve` on a free port; returns it with its address ("127.0.0.1:PORT").
fn serve(dir: &Path) -> (Served, String) {
    let mut child = bw(dir)
        .args(["serve", "--bind", "127.0.0.1:0"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starts borderwatch serve");
    let err = child.stderr.take().expect("stderr");
    let served = Served(child);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(err).lines().map_while(Result::ok) {
            if let Some(at) = line.split(" at http://").nth(1) {
                let _ = tx.send(at.trim_end_matches('/').to_string());
            }
        }
    });
    let addr = rx
        .recv_timeout(Duration::from_secs(60))
        .expect("serve prints its address");
    (served, addr)
}

fn get(addr: &str, path: &str) -> String {
    let mut s = TcpStream::connect(addr).expect("connects");
    s.set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nAccept: text/html\r\nConnection: close\r\n\r\n"
    )
    .expect("request");
    let mut buf = String::new();
    s.read_to_string(&mut buf).expect("response");
    let (head, body) = buf.split_once("\r\n\r\n").expect("a head and a body");
    assert!(head.starts_with("HTTP/1.1 200"), "{path}: {head}");
    body.to_string()
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The text of every element of class `plain` on a page, unescaped, in page order.
fn plain_sentences(html: &str) -> Vec<String> {
    html.split("class=\"plain")
        .skip(1)
        .filter_map(|part| {
            let start = part.find('>')? + 1;
            let end = part[start..].find('<')? + start;
            Some(unescape(&part[start..end]))
        })
        .collect()
}

/// Every sentence of an explanation, as `status --explain --json` gives it.
fn sentences(why: &Value) -> Vec<String> {
    let mut out = vec![why["headline"].as_str().expect("headline").to_string()];
    out.extend(why["support"].as_str().map(str::to_string));
    for k in ["conflicts", "pending"] {
        out.extend(
            why[k]
                .as_array()
                .expect("list")
                .iter()
                .filter_map(|s| s.as_str().map(str::to_string)),
        );
    }
    for k in ["decided", "set_aside"] {
        out.extend(
            why[k]
                .as_array()
                .expect("list")
                .iter()
                .filter_map(|s| s["sentence"].as_str().map(str::to_string)),
        );
    }
    out
}

#[test]
fn cli_and_page_say_the_same_sentences() {
    let dir = tempfile::tempdir().expect("tempdir");
    let reports = dir.path().join("reports.jsonl");
    std::fs::write(&reports, REPORTS).expect("writes the reports");
    run(dir.path(), &["ingest", reports.to_str().expect("path")]);

    let (_server, addr) = serve(dir.path());
    let mut seen = Vec::new();
    for (id, name) in [
        ("ir-iq-bashmagh", "bashmagh"),
        ("ir-iq-parviz-khan", "parviz khan"),
    ] {
        let args = ["status", name, "--at", "2020-06-04", "--explain"];
        let text = run(dir.path(), &args);
        let json: Value =
            serde_json::from_str(&run(dir.path(), &[&args[..], &["--json"]].concat()))
                .expect("JSON");
        let said = sentences(&json["explanation"]);
        let page = plain_sentences(&get(&addr, &format!("/crossings/{id}?at=2020-06-04")));
        for s in &said {
            assert!(
                text.lines().any(|l| l.trim_start().ends_with(s.as_str())),
                "the CLI does not print {s:?}:\n{text}"
            );
            assert!(page.contains(s), "the page does not say {s:?}: {page:#?}");
        }
        for s in &page {
            assert!(said.contains(s), "the page says {s:?}, the CLI does not");
        }
        seen.extend(said);
    }
    for expected in [
        // A border-wide closure overridden by the crossing's own news that day.
        "On 1 Jun 2020 the interior ministry said every crossing between Iraq and Iran closed (1 source).",
        // A plan.
        "Planned: the crossing to close on 5 Jun 2020, announced by the governor of Kurdistan province on 3 Jun 2020 (1 source).",
        // A denial.
        "Denied: a report in Capital News said on 2 Jun 2020 that the crossing was not closed (1 source).",
        // A conflict.
        "On 2 Jun 2020 a report in Trade Times said the crossing closed; a report in Capital News denied it the same day (1 source each).",
        // Fresh: confirmed within the horizon.
        "open since 2020-06-01 — last confirmed 2020-06-01, 3 days ago",
    ] {
        assert!(
            seen.iter().any(|s| s == expected),
            "missing {expected:?} in {seen:#?}"
        );
    }
}

#[test]
fn stale_after_marks_an_old_status_unconfirmed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let reports = dir.path().join("reports.jsonl");
    std::fs::write(&reports, REPORTS).expect("writes the reports");
    run(dir.path(), &["ingest", reports.to_str().expect("path")]);
    let text = run(
        dir.path(),
        &[
            "status",
            "bashmagh",
            "--at",
            "2020-06-04",
            "--stale-after",
            "2",
        ],
    );
    assert!(
        text.contains("open since 2020-06-01 — last confirmed 2020-06-01, 3 days ago; unconfirmed: no report has supported it within 2 days"),
        "{text}"
    );
    let v: Value = serde_json::from_str(&run(
        dir.path(),
        &["status", "bashmagh", "--at", "2020-06-04", "--json"],
    ))
    .expect("JSON");
    assert_eq!(v["last_confirmed"], "2020-06-01");
    assert_eq!(v["age_days"], 3);
    assert_eq!(v["stale"], false);
    let o = bw(dir.path())
        .args(["status", "bashmagh", "--stale-after", "0"])
        .output()
        .expect("runs");
    assert_eq!(
        o.status.code(),
        Some(2),
        "0 days is refused as a usage error"
    );
}
