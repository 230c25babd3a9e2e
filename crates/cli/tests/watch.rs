//! `borderwatch watch --once` and `borderwatch sources` on the real binary, against a small HTTP
//! server on 127.0.0.1 serving a feed and an article written for this test.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Output};

const ARTICLE: &str = "<!DOCTYPE html><html lang=\"en\"><head><title>Gate shut</title>\
    <meta property=\"og:site_name\" content=\"The Test Courier\"></head><body>\
    <nav><a href=\"/\">Home</a></nav><article><p>SULAIMANIYA: Iran closed the Bashmagh border \
    crossing with Iraq's Kurdistan Region on Monday, a provincial customs official told reporters.</p>\
    <p>Written for the borderwatch tests; not a real news article.</p></article></body></html>";

/// Serves `/feed.xml` and `/news/2017/10/23/shut.html` (everything else 404) until the test ends.
fn serve() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(&stream);
            let mut request = String::new();
            if reader.read_line(&mut request).is_err() {
                continue;
            }
            // Drain the headers.
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let path = request.split_whitespace().nth(1).unwrap_or("/").to_owned();
            let feed = format!(
                "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Courier</title>\
                 <item><title>Gate shut</title><link>http://127.0.0.1:{port}/news/2017/10/23/shut.html</link>\
                 </item></channel></rss>"
            );
            let (status, ct, body) = match path.as_str() {
                "/feed.xml" => ("200 OK", "application/rss+xml", feed),
                "/news/2017/10/23/shut.html" => ("200 OK", "text/html", ARTICLE.to_owned()),
                _ => ("404 Not Found", "text/plain", "no".to_owned()),
            };
            let mut s = &stream;
            let _ = write!(
                s,
                "HTTP/1.1 {status}\r\nContent-Type: {ct}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    port
}

fn borderwatch(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_borderwatch"))
        .env("XDG_DATA_HOME", dir)
        .env("XDG_CONFIG_HOME", dir)
        .env("HOME", dir)
        .arg("--db")
        .arg(dir.join("w.db"))
        .args(args)
        .output()
        .expect("run borderwatch")
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn watch_once_ingests_a_feed_and_sources_reports_it() {
    let port = serve();
    let dir = tempfile::tempdir().expect("tempdir");
    let feed = format!("http://127.0.0.1:{port}/feed.xml");

    // Without --allow the guard refuses loopback: the source fails, exit code 3.
    let out = borderwatch(dir.path(), &["watch", "--feed", &feed, "--once"]);
    assert_eq!(out.status.code(), Some(3), "{}", text(&out));
    assert!(text(&out).contains("address guard"), "{}", text(&out));

    let out = borderwatch(
        dir.path(),
        &["watch", "--feed", &feed, "--allow", "127.0.0.0/8", "--once"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(text(&out).contains("1 report(s)"), "{}", text(&out));

    let out = borderwatch(dir.path(), &["status", "bashmagh", "--at", "2017-10-24"]);
    assert!(
        text(&out).contains("closed since 2017-10-23"),
        "{}",
        text(&out)
    );

    // A second run reads nothing twice.
    let out = borderwatch(
        dir.path(),
        &[
            "watch",
            "--feed",
            &feed,
            "--allow",
            "127.0.0.0/8",
            "--once",
            "--json",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let polls: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(polls[0]["new"], 0, "{polls}");

    let out = borderwatch(dir.path(), &["sources", "--json"]);
    let sources: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(sources[0]["reports_made"], 1, "{sources}");
    assert_eq!(sources[0]["items_seen"], 1, "{sources}");
    assert!(
        sources[0]["claims_found"].as_u64().unwrap_or(0) >= 1,
        "{sources}"
    );
    let out = borderwatch(dir.path(), &["sources"]);
    assert!(text(&out).contains("reports made 1"), "{}", text(&out));
}

#[test]
fn a_bad_sources_file_is_refused_naming_the_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("sources.toml");
    std::fs::write(
        &file,
        "[[source]]\nname = \"a\"\nkind = \"feed\"\nurl = \"gopher://x/\"\n",
    )
    .expect("write");
    let out = borderwatch(
        dir.path(),
        &[
            "watch",
            "--sources",
            file.to_str().expect("utf-8 path"),
            "--once",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("sources.toml:4:"), "{}", text(&out));
    let out = borderwatch(dir.path(), &["watch", "--once"]);
    assert_ne!(out.status.code(), Some(0));
    assert!(text(&out).contains("nothing to watch"), "{}", text(&out));
}
