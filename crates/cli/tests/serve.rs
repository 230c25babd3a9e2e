//! `borderwatch serve` refuses what it should, saying why, before it listens: an address beyond
//! loopback without a token, a bad token, a config file that is missing or wrong.

use std::path::Path;
use std::process::{Command, Output, Stdio};

fn serve(dir: &Path, args: &[&str], token: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_borderwatch"));
    cmd.env("HOME", dir)
        .env("XDG_DATA_HOME", dir)
        .env("XDG_CONFIG_HOME", dir)
        .env_remove("BORDERWATCH_TOKEN")
        .stdin(Stdio::null())
        .arg("--db")
        .arg(dir.join("s.db"))
        .arg("serve")
        .args(args);
    if let Some(t) = token {
        cmd.env("BORDERWATCH_TOKEN", t);
    }
    match cmd.output() {
        Ok(o) => o,
        Err(e) => panic!("cannot start borderwatch serve: {e}"),
    }
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn serve_refuses_a_public_address_without_a_token() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = serve(dir.path(), &["--bind", "0.0.0.0:0"], None);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(e.contains("refusing to listen on 0.0.0.0:0"), "{e}");
    assert!(
        e.contains("BORDERWATCH_TOKEN") && e.contains("--insecure-public"),
        "{e}"
    );
}

#[test]
fn serve_refuses_a_short_token_and_bad_config_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = serve(dir.path(), &["--bind", "127.0.0.1:0"], Some("short"));
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("at least 16 characters"),
        "{}",
        stderr(&o)
    );

    let missing = dir.path().join("nope.toml");
    let o = serve(
        dir.path(),
        &[
            "--bind",
            "127.0.0.1:0",
            "--config",
            &missing.to_string_lossy(),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("nope.toml"),
        "names the file: {}",
        stderr(&o)
    );

    let bad = dir.path().join("bad.toml");
    std::fs::write(
        &bad,
        "[[webhook]]\nname = \"ops\"\nurl = \"gopher://x\"\nsecret = \"long-enough\"\n",
    )
    .expect("write");
    let o = serve(
        dir.path(),
        &["--bind", "127.0.0.1:0", "--config", &bad.to_string_lossy()],
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(e.contains("bad.toml") && e.contains("http://"), "{e}");
}

/// `demo` on a port that is taken says so before it loads its samples: the store it was told to
/// keep is never created.
#[test]
fn demo_reports_a_busy_port_before_loading_the_samples() {
    let dir = tempfile::tempdir().expect("tempdir");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("a port to take");
    let addr = taken.local_addr().expect("address").to_string();
    let keep = dir.path().join("demo.db");
    let o = Command::new(env!("CARGO_BIN_EXE_borderwatch"))
        .env("HOME", dir.path())
        .env("XDG_DATA_HOME", dir.path())
        .env("XDG_CONFIG_HOME", dir.path())
        .env_remove("BORDERWATCH_TOKEN")
        .stdin(Stdio::null())
        .args(["demo", "--bind", &addr, "--keep"])
        .arg(&keep)
        .output()
        .expect("runs borderwatch demo");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(&format!("cannot listen on {addr}")),
        "{}",
        stderr(&o)
    );
    assert!(
        !keep.exists(),
        "the samples were loaded before the port was tried"
    );
    drop(taken);
}
