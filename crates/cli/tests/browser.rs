//! `borderwatch demo` seen through a real browser: Debian's headless Chromium driven over WebDriver
//! (chromedriver) with fantoccini. The unit and HTTP tests check the HTML the server writes; only a
//! browser shows that the stylesheet colours a marker, that `app.js` zooms to the view in the URL
//! hash and shows a tooltip on hover, that a marker is a link a person can click at that zoom, and
//! that a search typed in Persian script reaches the crossing, and that a Persian report's evidence
//! reads right to left, with its trigger marked, on an English page.
//!
//! Each step saves a screenshot under `target/browser-screenshots/` in the workspace, so a person
//! (or a reviewer) can look at what the test saw.
//!
//! Chromium and chromedriver come from Debian (`apt-get install chromium chromium-driver`). Without
//! them the test fails, saying so, unless `BORDERWATCH_SKIP_BROWSER=1` asks it to skip.

use std::fs::File;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, MouseActions, PointerAction};
use fantoccini::error::CmdError;
use fantoccini::key::Key;
use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// How long any one thing may take before the test gives up. Generous on purpose: CI has two cores
/// and builds other crates' tests at the same time.
const DEADLINE: Duration = Duration::from_secs(20);
/// The demo ingests its samples before it listens; a debug build on a busy machine is slow at it.
const DEMO_START: Duration = Duration::from_secs(90);
const POLL: Duration = Duration::from_millis(100);
const BASHMAGH: &str = "ir-iq-bashmagh";
const MARKER: &str = r#"a.marker[data-id="ir-iq-bashmagh"]"#;
/// The view the map's URL hash describes: zoom 16 centred on Bashmagh, where its marker stands clear
/// of the neighbouring crossings that cover it at world scale.
const ZOOMED_HASH: &str = "#16/35.6/46.0";
/// Every screenshot this test writes, so a new run first removes what an older run left.
const SHOTS: [&str; 8] = [
    "01-map",
    "02-zoomed",
    "03-crossing",
    "04-search",
    "05-map-today",
    "06-contested",
    "07-rtl-evidence",
    "99-failure",
];
/// A crossing whose status the demo's samples contest (a closure and its denial).
const CONTESTED: &str = "af-pk-chaman";

type R<T> = Result<T, String>;

/// Adds what the test was doing to a WebDriver error.
trait Context<T> {
    fn ctx(self, what: &str) -> R<T>;
}

impl<T> Context<T> for Result<T, CmdError> {
    fn ctx(self, what: &str) -> R<T> {
        self.map_err(|e| format!("{what}: {e}"))
    }
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A child process that dies with the test, passing or failing. It leads its own process group,
/// so killing the group also ends what it started (chromedriver starts Chromium and its helpers).
struct Proc {
    name: &'static str,
    child: Child,
}

impl Proc {
    fn spawn(name: &'static str, cmd: &mut Command) -> R<Proc> {
        cmd.process_group(0);
        let child = cmd
            .spawn()
            .map_err(|e| format!("cannot start {name}: {e}"))?;
        Ok(Proc { name, child })
    }

    /// Fails if the process has already ended, with `log` (its captured output) in the message.
    fn check_alive(&mut self, log: &Path) -> R<()> {
        match self.child.try_wait() {
            Ok(None) => Ok(()),
            Ok(Some(status)) => Err(format!(
                "{} exited early ({status}); its output:\n{}",
                self.name,
                read_log(log)
            )),
            Err(e) => Err(format!("cannot watch {}: {e}", self.name)),
        }
    }
}

impl Drop for Proc {
    fn drop(&mut self) {
        if let Ok(pid) = i32::try_from(self.child.id()) {
            // SAFETY: kill(2) with a negative pid signals the process group this test created for
            // the child (process_group(0) above); it touches no memory.
            unsafe {
                libc::kill(-pid, libc::SIGKILL);
            }
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read_log(path: &Path) -> String {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| format!("({} unreadable: {e})", path.display()))
}

/// The demo server and chromedriver, each with its own temporary home so that neither reads nor
/// writes anything of the user's. Fields drop in order: the processes die before their
/// directories are removed.
struct Harness {
    _driver: Proc,
    demo: Proc,
    /// The demo's standard error, for the message when it dies.
    demo_err: PathBuf,
    /// The demo's address without the trailing slash, e.g. `http://127.0.0.1:41234`.
    base: String,
    driver_url: String,
    /// Chromium's profile, fresh for this run.
    profile: PathBuf,
    _dir: tempfile::TempDir,
}

/// Points HOME, the XDG directories and TMPDIR of `cmd` into `root`.
fn private_home(cmd: &mut Command, root: &Path) -> R<()> {
    for (var, sub) in [
        ("HOME", "home"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_RUNTIME_DIR", "runtime"),
        ("TMPDIR", "tmp"),
    ] {
        let dir = root.join(sub);
        std::fs::create_dir_all(&dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
        cmd.env(var, dir);
    }
    Ok(())
}

impl Harness {
    fn start() -> R<Harness> {
        let dir =
            tempfile::tempdir().map_err(|e| format!("creating a temporary directory: {e}"))?;

        let demo_root = dir.path().join("demo");
        let demo_err = dir.path().join("demo.stderr");
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_borderwatch"));
        private_home(&mut cmd, &demo_root)?;
        cmd.env_remove("BORDERWATCH_TOKEN")
            .args(["demo", "--bind", "127.0.0.1:0"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(log_file(&demo_err)?);
        let mut demo = Proc::spawn("borderwatch demo", &mut cmd)?;
        let stdout = demo
            .child
            .stdout
            .take()
            .ok_or("the demo's standard output was not captured")?;

        // chromedriver starts while the demo loads its samples.
        let port = free_port()?;
        let driver_root = dir.path().join("chromedriver");
        let driver_log = dir.path().join("chromedriver.log");
        let mut cmd = Command::new(CHROMEDRIVER);
        private_home(&mut cmd, &driver_root)?;
        cmd.arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(log_file(&driver_log)?)
            .stderr(log_file(&driver_log)?);
        let mut driver = Proc::spawn("chromedriver", &mut cmd)?;

        let base = demo_address(stdout, &mut demo, &demo_err)?;
        let driver_url = format!("http://127.0.0.1:{port}");
        wait_for_driver(port, &mut driver, &driver_log)?;

        let profile = dir.path().join("chromium-profile");
        std::fs::create_dir_all(&profile)
            .map_err(|e| format!("creating {}: {e}", profile.display()))?;
        Ok(Harness {
            _driver: driver,
            demo,
            demo_err,
            base,
            driver_url,
            profile,
            _dir: dir,
        })
    }
}

fn log_file(path: &Path) -> R<File> {
    File::options()
        .create(true)
        .append(true)
        .open(path)
        .map_err(|e| format!("creating {}: {e}", path.display()))
}

/// A port nobody listens on right now: bind to port 0, note what the system chose, let it go.
fn free_port() -> R<u16> {
    let l = TcpListener::bind("127.0.0.1:0").map_err(|e| format!("binding 127.0.0.1:0: {e}"))?;
    let port = l
        .local_addr()
        .map_err(|e| format!("reading the bound address: {e}"))?
        .port();
    Ok(port)
}

/// The first line the demo prints on standard output is its address. It is read on a thread so the
/// wait has a deadline; the thread then drains the pipe so the demo never blocks writing to it.
fn demo_address(stdout: std::process::ChildStdout, demo: &mut Proc, err_log: &Path) -> R<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut lines = BufReader::new(stdout).lines();
        let first = lines.next();
        let _ = tx.send(first);
        for _ in lines {}
    });
    let line = match rx.recv_timeout(DEMO_START) {
        Ok(Some(Ok(line))) => line,
        Ok(Some(Err(e))) => return Err(format!("reading the demo's standard output: {e}")),
        Ok(None) | Err(mpsc::RecvTimeoutError::Disconnected) => {
            demo.check_alive(err_log)?;
            return Err(format!(
                "the demo closed its standard output without printing an address; stderr:\n{}",
                read_log(err_log)
            ));
        }
        Err(mpsc::RecvTimeoutError::Timeout) => {
            return Err(format!(
                "the demo printed no address within {DEMO_START:?}; stderr:\n{}",
                read_log(err_log)
            ));
        }
    };
    let addr = line.trim();
    if !addr.starts_with("http://127.0.0.1:") {
        return Err(format!(
            "the demo's first line of standard output is not its address: {line:?}"
        ));
    }
    Ok(addr.trim_end_matches('/').to_string())
}

/// Polls chromedriver's `/status` until it says it is ready.
fn wait_for_driver(port: u16, driver: &mut Proc, log: &Path) -> R<()> {
    let start = Instant::now();
    let mut last = String::from("no answer yet");
    while start.elapsed() < DEADLINE {
        driver.check_alive(log)?;
        match status_of(port) {
            Ok(body) if body.contains("\"ready\":true") => return Ok(()),
            Ok(body) => last = body,
            Err(e) => last = e.to_string(),
        }
        std::thread::sleep(POLL);
    }
    Err(format!(
        "chromedriver on port {port} was not ready within {DEADLINE:?} ({last}); its log:\n{}",
        read_log(log)
    ))
}

/// One plain HTTP GET of `/status`, enough for a readiness probe. chromedriver refuses HTTP/1.0 and
/// keeps HTTP/1.1 connections open, so the body is read up to its Content-Length.
fn status_of(port: u16) -> std::io::Result<String> {
    let mut s = TcpStream::connect(("127.0.0.1", port))?;
    s.set_read_timeout(Some(Duration::from_secs(5)))?;
    s.write_all(b"GET /status HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")?;
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let n = s.read(&mut chunk)?;
        if n == 0 {
            break;
        }
        buf.extend_from_slice(&chunk[..n]);
        let text = String::from_utf8_lossy(&buf);
        let Some(head_end) = text.find("\r\n\r\n") else {
            continue;
        };
        let length = text[..head_end].lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.trim()
                .eq_ignore_ascii_case("content-length")
                .then(|| v.trim().parse::<usize>().ok())
                .flatten()
        });
        if length.is_some_and(|len| buf.len() >= head_end + 4 + len) {
            break;
        }
    }
    Ok(String::from_utf8_lossy(&buf).into_owned())
}

/// The browser's console log since the last read (chromedriver's `se/log` extension; fantoccini
/// has no command for it). Chromium puts uncaught exceptions, `console.error` and failed loads of
/// the page's resources there, all as `SEVERE`.
#[derive(Debug)]
struct BrowserLog;

impl WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/se/log",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(r#"{"type":"browser"}"#.into()))
    }
}

async fn connect(h: &Harness) -> R<Client> {
    let args = [
        "--headless=new".to_string(),
        "--no-sandbox".into(),
        "--disable-gpu".into(),
        "--disable-dev-shm-usage".into(),
        "--disable-quic".into(),
        "--no-first-run".into(),
        "--disable-background-networking".into(),
        "--disable-component-update".into(),
        "--disable-sync".into(),
        "--window-size=1280,900".into(),
        format!("--user-data-dir={}", h.profile.display()),
    ];
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({ "binary": CHROMIUM, "args": args }),
    );
    caps.insert("goog:loggingPrefs".into(), json!({ "browser": "ALL" }));
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector)
        .capabilities(caps)
        .connect(&h.driver_url)
        .await
        .map_err(|e| {
            format!(
                "starting Chromium through chromedriver at {}: {e}",
                h.driver_url
            )
        })
}

fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|x| x != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(_) | Value::Object(_) => true,
    }
}

/// Runs `script` (a function body; `arguments` holds `args`) until it returns something truthy,
/// and returns that. Waiting on a condition the page itself reports avoids fixed sleeps.
async fn wait_js(c: &Client, what: &str, script: &str, args: Vec<Value>) -> R<Value> {
    let start = Instant::now();
    loop {
        let v = c
            .execute(script, args.clone())
            .await
            .ctx(&format!("checking whether {what}"))?;
        if truthy(&v) {
            return Ok(v);
        }
        if start.elapsed() > DEADLINE {
            return Err(format!(
                "waited {DEADLINE:?} for {what}; the last check returned {v}"
            ));
        }
        tokio::time::sleep(POLL).await;
    }
}

async fn wait_for(c: &Client, css: &str) -> R<fantoccini::elements::Element> {
    c.wait()
        .at_most(DEADLINE)
        .every(POLL)
        .for_element(Locator::Css(css))
        .await
        .ctx(&format!("waiting for `{css}`"))
}

async fn wait_for_path(c: &Client, path: &str) -> R<url::Url> {
    let start = Instant::now();
    loop {
        let url = c.current_url().await.ctx("reading the current URL")?;
        if url.path().ends_with(path) {
            return Ok(url);
        }
        if start.elapsed() > DEADLINE {
            return Err(format!(
                "waited {DEADLINE:?} for the URL to end with {path}; it is {url}"
            ));
        }
        tokio::time::sleep(POLL).await;
    }
}

async fn screenshot(c: &Client, dir: &Path, name: &str) -> R<()> {
    let png = c
        .screenshot()
        .await
        .ctx(&format!("taking screenshot {name}"))?;
    let path = dir.join(format!("{name}.png"));
    std::fs::write(&path, png).map_err(|e| format!("writing {}: {e}", path.display()))
}

/// What every page must satisfy: its only script is the map script, loaded from its file (the
/// pages promise to work without JavaScript and carry no inline code), and the browser logged no
/// error (no exception in app.js, no missing stylesheet or script).
async fn check_page(c: &Client, page: &str) -> R<()> {
    let srcs = c
        .execute(
            "return Array.from(document.querySelectorAll('script'), s => s.getAttribute('src'));",
            vec![],
        )
        .await
        .ctx(&format!("listing the scripts of {page}"))?;
    let srcs = srcs.as_array().cloned().unwrap_or_default();
    if srcs.is_empty() || srcs.iter().any(|s| s.as_str() != Some("/assets/app.js")) {
        return Err(format!(
            "{page}: expected only <script src=\"/assets/app.js\">, found sources {srcs:?} (null = inline)"
        ));
    }
    let log = c
        .issue_cmd(BrowserLog)
        .await
        .ctx(&format!("reading the browser log on {page}"))?;
    let entries = log.as_array().cloned().unwrap_or_default();
    let severe: Vec<&Value> = entries
        .iter()
        .filter(|e| e.get("level").and_then(Value::as_str) == Some("SEVERE"))
        .collect();
    for e in &entries {
        eprintln!("browser log on {page}: {e}");
    }
    if !severe.is_empty() {
        return Err(format!("{page}: the browser logged errors: {severe:?}"));
    }
    Ok(())
}

async fn class_list(e: &fantoccini::elements::Element, what: &str) -> R<Vec<String>> {
    let class = e
        .attr("class")
        .await
        .ctx(&format!("reading the class of {what}"))?;
    Ok(class
        .unwrap_or_default()
        .split_whitespace()
        .map(str::to_string)
        .collect())
}

/// Step a: the world map, its legend, and Bashmagh's marker: open since 2017, so on the demo's
/// latest date (2024) unconfirmed — faded as the legend's unconfirmed entry, never the open green.
/// Returns the width of the whole-world view box, to recognise the zoomed view later.
async fn map_page(c: &Client, base: &str, shots: &Path) -> R<f64> {
    c.goto(&format!("{base}/")).await.ctx("opening the map")?;
    let map = wait_for(c, "svg#map").await?;
    if !map.is_displayed().await.ctx("looking at the map")? {
        return Err("the map svg is not displayed".into());
    }
    wait_for(c, "svg#map g.markers a.marker").await?;

    let legend = wait_for(c, "ul.legend").await?;
    if !legend.is_displayed().await.ctx("looking at the legend")? {
        return Err("the legend is not displayed".into());
    }
    let text = legend
        .text()
        .await
        .ctx("reading the legend")?
        .to_lowercase();
    for word in ["open", "restricted", "closed", "unknown", "unconfirmed"] {
        if !text.contains(word) {
            return Err(format!("the legend does not name {word:?}: {text:?}"));
        }
    }

    let marker = wait_for(c, MARKER).await?;
    let classes = class_list(&marker, "Bashmagh's marker").await?;
    if !classes.iter().any(|k| k == "open") || !classes.iter().any(|k| k == "stale") {
        return Err(format!(
            "Bashmagh's marker is not classed open and stale: {classes:?}"
        ));
    }

    let colours = c
        .execute(
            r#"const circle = document.querySelector(arguments[0] + " circle");
               const dot = s => {
                 const d = document.querySelector(".legend .dot." + s);
                 return d ? getComputedStyle(d).backgroundColor : null;
               };
               return {
                 fill: circle ? getComputedStyle(circle).fill : null,
                 open: dot("open"), restricted: dot("restricted"),
                 closed: dot("closed"), unknown: dot("unknown"),
                 unconfirmed: dot("unconfirmed"),
               };"#,
            vec![json!(MARKER)],
        )
        .await
        .ctx("reading the marker's and the legend's colours")?;
    let get = |k: &str| colours.get(k).and_then(Value::as_str).unwrap_or("");
    let fill = get("fill");
    if fill.is_empty() || fill == get("open") {
        return Err(format!(
            "Bashmagh's stale open marker is painted the open green: {colours}"
        ));
    }
    if fill != get("unconfirmed") {
        return Err(format!(
            "Bashmagh's stale marker is not painted the legend's unconfirmed colour: {colours}"
        ));
    }
    // The comparison means something only if the statuses have colours of their own.
    for other in ["open", "restricted", "closed", "unknown"] {
        if get(other) == fill {
            return Err(format!(
                "the legend gives open and {other} the same colour: {colours}"
            ));
        }
    }

    let width = c
        .execute(
            "return document.getElementById('map').viewBox.baseVal.width;",
            vec![],
        )
        .await
        .ctx("reading the map's view box")?
        .as_f64()
        .filter(|w| *w > 0.0)
        .ok_or("the map has no view box width")?;
    check_page(c, "the map").await?;
    screenshot(c, shots, "01-map").await?;
    Ok(width)
}

/// Step b: the view in the URL hash zooms onto Bashmagh; hovering its marker shows the tooltip and
/// clicking it opens the crossing's page.
async fn zoom_hover_click(c: &Client, base: &str, world_width: f64, shots: &Path) -> R<()> {
    c.goto(&format!("{base}/{ZOOMED_HASH}"))
        .await
        .ctx("opening the zoomed map")?;
    wait_js(
        c,
        "the map zooms in to the view in the URL hash",
        "const m = document.getElementById('map');
         return m && m.viewBox.baseVal.width <= arguments[0] / 15;",
        vec![json!(world_width)],
    )
    .await?;
    // The marker must be on screen and the topmost thing at its centre, or no person could hover
    // or click it.
    wait_js(
        c,
        "Bashmagh's marker is on screen and uncovered",
        "const a = document.querySelector(arguments[0]);
         if (!a) return false;
         a.scrollIntoView({block: 'center'});
         const r = a.getBoundingClientRect();
         const x = r.left + r.width / 2, y = r.top + r.height / 2;
         if (r.width <= 0 || x < 0 || y < 0 || x > innerWidth || y > innerHeight) return false;
         const top = document.elementFromPoint(x, y);
         return !!top && top.closest('a.marker') === a;",
        vec![json!(MARKER)],
    )
    .await?;

    let marker = wait_for(c, MARKER).await?;
    let hover = MouseActions::new("mouse".into()).then(PointerAction::MoveToElement {
        element: marker.clone(),
        duration: Some(Duration::from_millis(100)),
        x: 0.0,
        y: 0.0,
    });
    c.perform_actions(hover)
        .await
        .ctx("moving the pointer onto Bashmagh's marker")?;
    let tip = wait_js(
        c,
        "the tooltip shows after hovering the marker",
        "const t = document.getElementById('tip');
         if (!t || t.hidden || getComputedStyle(t).display === 'none') return null;
         return t.textContent;",
        vec![],
    )
    .await?;
    let tip_text = tip.as_str().unwrap_or_default();
    if !tip_text.contains("Bashmagh") {
        return Err(format!("the tooltip does not name Bashmagh: {tip_text:?}"));
    }
    let tip_el = c.find(Locator::Id("tip")).await.ctx("finding #tip")?;
    if !tip_el.is_displayed().await.ctx("looking at #tip")? {
        return Err("#tip has text but is not displayed".into());
    }
    check_page(c, "the zoomed map").await?;
    screenshot(c, shots, "02-zoomed").await?;

    marker
        .click()
        .await
        .ctx("clicking Bashmagh's marker on the zoomed map")?;
    wait_for_path(c, &format!("/crossings/{BASHMAGH}")).await?;
    Ok(())
}

/// Step c: the crossing page shows the status, marked unconfirmed with its age, the timeline with
/// both colours, and the evidence with its trigger word highlighted.
async fn crossing_page(c: &Client, shots: &Path) -> R<()> {
    let article = wait_for(c, "article.crossing").await?;
    let status_attr = article
        .attr("data-status")
        .await
        .ctx("reading the article's status")?;
    if status_attr.as_deref() != Some("open") {
        return Err(format!(
            "the crossing page's article says data-status={status_attr:?}, not open"
        ));
    }
    let status = c
        .find(Locator::Id("status"))
        .await
        .ctx("finding #status")?
        .text()
        .await
        .ctx("reading #status")?;
    if !status.trim().eq_ignore_ascii_case("open") {
        return Err(format!("#status reads {status:?}, not open"));
    }
    let headline = text_of(c, "headline").await?;
    if !(headline.contains("last confirmed 2017-10-26") && headline.contains("unconfirmed")) {
        return Err(format!(
            "the headline does not say the status is unconfirmed: {headline:?}"
        ));
    }
    text_of(c, "unconfirmed").await?;

    for bar in ["open", "closed"] {
        let css = format!("#timeline svg.chart rect.bar.{bar}");
        let n = c
            .find_all(Locator::Css(&css))
            .await
            .ctx(&format!("finding `{css}`"))?
            .len();
        if n == 0 {
            return Err(format!("the timeline has no {bar} bar (`{css}`)"));
        }
    }

    // Open since 2017, asked in 2024: the bar fades where the horizon ran out.
    let faded = c
        .find_all(Locator::Css("#timeline svg.chart rect.bar.stale"))
        .await
        .ctx("finding the faded part of the timeline")?;
    if faded.is_empty() {
        return Err("the timeline draws the unconfirmed years as plain open".into());
    }
    let events = text_of_css(c, "ul.events").await?;
    if events.contains("(not asserted)") || events.contains("ir-iq-") {
        return Err(format!(
            "recent events are listed in identifiers: {events:?}"
        ));
    }

    let quotes = c
        .find_all(Locator::Css("#evidence blockquote"))
        .await
        .ctx("finding the evidence quotes")?;
    let mut seen = Vec::new();
    let mut found = false;
    for q in &quotes {
        let text = q.text().await.ctx("reading an evidence quote")?;
        let triggers = q
            .find_all(Locator::Css("mark.trigger"))
            .await
            .ctx("finding the trigger in a quote")?;
        if text.contains("reopened") && !triggers.is_empty() {
            found = true;
            break;
        }
        seen.push(text);
    }
    if !found {
        return Err(format!(
            "no evidence quote says \"reopened\" with a highlighted trigger; quotes: {seen:?}"
        ));
    }
    check_page(c, "Bashmagh's page").await?;
    // Evidence and timeline together on the screenshot.
    c.execute(
        "document.getElementById('evidence').scrollIntoView({block: 'start'});",
        vec![],
    )
    .await
    .ctx("scrolling to the evidence")?;
    screenshot(c, shots, "03-crossing").await?;
    Ok(())
}

async fn text_of(c: &Client, id: &str) -> R<String> {
    c.find(Locator::Id(id))
        .await
        .ctx(&format!("finding #{id}"))?
        .text()
        .await
        .ctx(&format!("reading #{id}"))
}

/// Today's date (UTC) as the browser's clock has it: the demo's pages asked for today.
async fn today(c: &Client) -> R<String> {
    let v = c
        .execute("return new Date().toISOString().slice(0, 10);", vec![])
        .await
        .ctx("reading today's date")?;
    v.as_str()
        .map(str::to_string)
        .ok_or_else(|| format!("no date from the browser: {v}"))
}

/// Step e: the map dated today shows the 2017 statuses as unconfirmed, with their age: no marker of
/// a crossing last confirmed in 2017 is drawn as current, and Bashmagh's says how old its word is.
async fn map_today(c: &Client, base: &str, shots: &Path) -> R<()> {
    let day = today(c).await?;
    c.goto(&format!("{base}/?at={day}"))
        .await
        .ctx("opening the map dated today")?;
    wait_for(c, "svg#map g.markers a.marker").await?;
    let asof = text_of_css(c, "p.asof").await?;
    if !asof.contains(&day) {
        return Err(format!("the map is not dated {day}: {asof:?}"));
    }
    let fresh_2017 = c
        .execute(
            r#"return Array.from(document.querySelectorAll("svg#map a.marker"))
                 .filter(a => a.dataset.status !== "unknown" && a.dataset.stale !== "true")
                 .map(a => a.dataset.id);"#,
            vec![],
        )
        .await
        .ctx("listing markers drawn as current")?;
    if fresh_2017.as_array().is_none_or(|a| !a.is_empty()) {
        return Err(format!(
            "on {day} these markers are still drawn as current: {fresh_2017}"
        ));
    }
    let title = c
        .execute(
            "const t = document.querySelector(arguments[0] + ' title'); return t ? t.textContent : null;",
            vec![json!(MARKER)],
        )
        .await
        .ctx("reading Bashmagh's marker title")?;
    let title = title.as_str().unwrap_or_default();
    if !(title.contains("unconfirmed")
        && title.contains("last confirmed 2017-10-26")
        && title.contains("days ago"))
    {
        return Err(format!(
            "Bashmagh's marker does not give its age: {title:?}"
        ));
    }
    check_page(c, "the map dated today").await?;
    screenshot(c, shots, "05-map-today").await?;
    Ok(())
}

async fn text_of_css(c: &Client, css: &str) -> R<String> {
    wait_for(c, css)
        .await?
        .text()
        .await
        .ctx(&format!("reading `{css}`"))
}

/// Step f: a contested crossing's page says in sentences who said what, and why the status is what
/// it is.
async fn contested_page(c: &Client, base: &str, shots: &Path) -> R<()> {
    c.goto(&format!("{base}/crossings/{CONTESTED}"))
        .await
        .ctx("opening the contested crossing's page")?;
    let conflicts = text_of(c, "conflicts").await?;
    if !conflicts.contains("denied it the same day") {
        return Err(format!(
            "the disagreement is not told in words: {conflicts:?}"
        ));
    }
    let why = text_of(c, "why").await?;
    if !(why.contains("Why this status") && why.contains("Set aside")) {
        return Err(format!(
            "no 'why this status' with what was set aside: {why:?}"
        ));
    }
    check_page(c, "the contested crossing's page").await?;
    screenshot(c, shots, "06-contested").await?;
    Ok(())
}

/// A Persian report written for this test, in our own words (not news). English gloss: "The Parviz
/// Khan border crossing was closed on Tuesday, 10 Mehr, because of a flood. Truck and passenger
/// traffic is halted until further notice." Its outlet ("Border News Agency") is named in Persian.
const PERSIAN_REPORT: &str = r#"{"published":"2024-10-02","outlet":"خبرگزاری مرز","url":"https://example.org/fa/1","title":"بسته شدن گذرگاه پرویزخان","text":"گذرگاه مرزی پرویزخان روز سه‌شنبه ۱۰ مهر به دلیل سیل بسته شد. تردد کامیون‌ها و مسافران تا اطلاع ثانوی متوقف است."}"#;
const PARVIZ_KHAN: &str = "ir-iq-parviz-khan";

/// The demo's fresh token for POST /api/reports, from the line it writes to standard error before
/// it prints its address.
fn demo_token(demo_err: &Path) -> R<String> {
    let log = read_log(demo_err);
    log.lines()
        .find_map(|l| l.trim().strip_prefix("token for POST /api/reports: "))
        .map(|t| t.trim().to_string())
        .ok_or_else(|| format!("the demo gave no token on standard error:\n{log}"))
}

/// Sends `method path` to the demo with plain HTTP/1.1, the bearer `token` and `body` (JSON);
/// returns the status code and body.
fn request(base: &str, method: &str, path: &str, token: &str, body: &str) -> R<(u16, String)> {
    let host = base
        .strip_prefix("http://")
        .ok_or_else(|| format!("not an http address: {base}"))?;
    let mut s = TcpStream::connect(host).map_err(|e| format!("connecting to {host}: {e}"))?;
    s.set_read_timeout(Some(DEADLINE))
        .map_err(|e| format!("setting a read timeout: {e}"))?;
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nAuthorization: Bearer {token}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    s.write_all(request.as_bytes())
        .map_err(|e| format!("sending {method} {path}: {e}"))?;
    let mut answer = String::new();
    s.read_to_string(&mut answer)
        .map_err(|e| format!("reading the answer to {method} {path}: {e}"))?;
    let code = answer
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .ok_or_else(|| format!("no status line in the answer to {method} {path}: {answer:?}"))?;
    let body = answer
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    Ok((code, body))
}

/// Step g: a report in Persian, posted to the demo like any report (read, extracted by the Persian
/// rules, stored, fused), shows on the crossing page as evidence that is right to left — the
/// browser computes `direction: rtl` for it, its language is Persian, and its words are laid out
/// from the right: the trigger, later in the sentence, stands left of the crossing's name — with
/// the trigger marked inside it.
async fn rtl_evidence(c: &Client, base: &str, shots: &Path, demo_err: &Path) -> R<()> {
    let token = demo_token(demo_err)?;
    let (code, answer) = request(base, "POST", "/api/reports", &token, PERSIAN_REPORT)?;
    if !(200..300).contains(&code) || !answer.contains(PARVIZ_KHAN) {
        return Err(format!(
            "POSTing the Persian report: {code}, no claim about {PARVIZ_KHAN}: {answer}"
        ));
    }
    // The page's JSON twin carries the evidence's language and direction.
    let twin = format!("/crossings/{PARVIZ_KHAN}.json?at=2024-10-02");
    let (code, body) = request(base, "GET", &twin, &token, "")?;
    let v: Value =
        serde_json::from_str(&body).map_err(|e| format!("{twin} ({code}): {e}: {body}"))?;
    let persian = v["evidence"].as_array().and_then(|list| {
        list.iter().find(|e| {
            e["sentence"]
                .as_str()
                .is_some_and(|s| s.contains("پرویزخان"))
        })
    });
    match persian {
        Some(e) if e["language"] == "fa" && e["dir"] == "rtl" => {}
        _ => {
            return Err(format!(
                "{twin} does not give the Persian evidence's language and direction: {}",
                v["evidence"]
            ));
        }
    }
    c.goto(&format!("{base}/crossings/{PARVIZ_KHAN}?at=2024-10-02"))
        .await
        .ctx("opening Parviz Khan's page")?;
    wait_for(c, "#evidence blockquote").await?;
    let seen = c
        .execute(
            r##"const q = Array.from(document.querySelectorAll("#evidence blockquote"))
                 .find(b => b.textContent.includes("پرویزخان"));
               if (!q) return {found: false};
               const rect = e => e ? e.getBoundingClientRect().toJSON() : null;
               const trigger = q.querySelector("mark.trigger");
               const mention = q.querySelector("mark.mention");
               const runs = q.closest("figure").querySelectorAll("figcaption bdi");
               const outlet = runs[0];
               const title = runs[1];
               return {
                 found: true,
                 lang: q.getAttribute("lang"),
                 dir: q.getAttribute("dir"),
                 direction: getComputedStyle(q).direction,
                 quoteDirection: getComputedStyle(q.querySelector("q")).direction,
                 trigger: trigger ? trigger.textContent : null,
                 triggerRect: rect(trigger),
                 mentionRect: rect(mention),
                 outlet: outlet ? outlet.textContent : null,
                 outletRect: rect(outlet),
                 title: title ? title.textContent : null,
                 titleDir: title ? getComputedStyle(title).direction : null,
                 titleRect: rect(title),
                 pageDirection: getComputedStyle(document.body).direction,
               };"##,
            vec![],
        )
        .await
        .ctx("reading the Persian evidence")?;
    let field = |k: &str| seen.get(k).cloned().unwrap_or(Value::Null);
    if field("found") != json!(true) {
        let all = text_of(c, "evidence").await?;
        return Err(format!(
            "no evidence quote holds the Persian report: {all:?}"
        ));
    }
    let want = [
        ("lang", json!("fa")),
        ("dir", json!("rtl")),
        ("direction", json!("rtl")),
        ("quoteDirection", json!("rtl")),
        ("pageDirection", json!("ltr")),
        ("outlet", json!("خبرگزاری مرز")),
        ("title", json!("بسته شدن گذرگاه پرویزخان")),
        ("titleDir", json!("rtl")),
    ];
    for (k, v) in want {
        if field(k) != v {
            return Err(format!(
                "the Persian evidence has {k} = {}, not {v}: {seen}",
                field(k)
            ));
        }
    }
    if !field("trigger")
        .as_str()
        .is_some_and(|t| t.contains("بسته"))
    {
        return Err(format!(
            "the trigger (بسته شد, closed) is not marked inside the quote: {seen}"
        ));
    }
    // Right to left: the name comes first in the sentence, so it stands to the right of the
    // trigger, which comes later. On one line (they are short and close) that is a comparison of
    // their edges.
    let edge = |r: &str, side: &str| {
        seen.get(r)
            .and_then(|v| v.get(side))
            .and_then(Value::as_f64)
    };
    match (edge("mentionRect", "left"), edge("triggerRect", "right")) {
        (Some(name_left), Some(trigger_right)) if trigger_right <= name_left => {}
        (Some(_), Some(_)) => {
            return Err(format!(
                "the trigger is not left of the crossing's name: {seen}"
            ));
        }
        _ => {
            return Err(format!(
                "the crossing's name or the trigger is not marked: {seen}"
            ));
        }
    }
    // The caption is English: "OUTLET “TITLE” · date", left to right. Isolated in <bdi>, the two
    // Persian runs keep that order; as plain text they would merge into one right-to-left run
    // and swap.
    match (edge("outletRect", "right"), edge("titleRect", "left")) {
        (Some(outlet_right), Some(title_left)) if outlet_right <= title_left => {}
        _ => {
            return Err(format!(
                "the caption's outlet is not left of the report's title: {seen}"
            ));
        }
    }
    check_page(c, "Parviz Khan's page with Persian evidence").await?;
    c.execute(
        "document.getElementById('evidence').scrollIntoView({block: 'start'});",
        vec![],
    )
    .await
    .ctx("scrolling to the evidence")?;
    screenshot(c, shots, "07-rtl-evidence").await?;
    Ok(())
}

/// Step d: the header's search box finds the crossing by its Persian name.
async fn search(c: &Client, shots: &Path) -> R<()> {
    let name = "باشماق";
    let input = wait_for(c, "form.search input[name=q]").await?;
    input
        .send_keys(&format!("{name}{}", char::from(Key::Enter)))
        .await
        .ctx("typing into the header's search box")?;
    let url = wait_for_path(c, "/crossings").await?;
    let asked: Vec<String> = url
        .query_pairs()
        .filter(|(k, _)| k == "q")
        .map(|(_, v)| v.into_owned())
        .collect();
    if asked != [name] {
        return Err(format!("the search went to {url}, not a query for {name}"));
    }
    wait_for(c, &format!(r#"table#crossings tr[data-id="{BASHMAGH}"]"#)).await?;
    check_page(c, "the search results").await?;
    screenshot(c, shots, "04-search").await?;
    Ok(())
}

async fn steps(c: &Client, base: &str, shots: &Path, demo_err: &Path) -> R<()> {
    let world_width = map_page(c, base, shots).await?;
    zoom_hover_click(c, base, world_width, shots).await?;
    crossing_page(c, shots).await?;
    search(c, shots).await?;
    map_today(c, base, shots).await?;
    contested_page(c, base, shots).await?;
    // Last: it adds a report to the demo's store.
    rtl_evidence(c, base, shots, demo_err).await
}

/// `Some` when the browser test can run; `None` when it is to be skipped. Panics when the browser
/// is missing and nobody asked to skip: a silent skip would hide that the pages went untested.
fn browser_available() -> Option<()> {
    let missing: Vec<&str> = [CHROMIUM, CHROMEDRIVER]
        .into_iter()
        .filter(|p| !Path::new(p).exists())
        .collect();
    if missing.is_empty() {
        return Some(());
    }
    if std::env::var("BORDERWATCH_SKIP_BROWSER").as_deref() == Ok("1") {
        println!(
            "browser test skipped: {} missing and BORDERWATCH_SKIP_BROWSER=1",
            missing.join(" and ")
        );
        return None;
    }
    panic!(
        "the browser test needs {} (missing): install Chromium and its driver with \
         `apt-get install chromium chromium-driver` (.ci/run does), or set \
         BORDERWATCH_SKIP_BROWSER=1 to skip this test",
        missing.join(" and ")
    );
}

#[tokio::test(flavor = "current_thread")]
async fn demo_pages_work_in_a_real_browser() {
    if browser_available().is_none() {
        return;
    }
    let shots = workspace().join("target/browser-screenshots");
    if let Err(e) = std::fs::create_dir_all(&shots) {
        panic!("creating {}: {e}", shots.display());
    }
    let shots = shots.canonicalize().unwrap_or(shots);
    for name in SHOTS {
        let _ = std::fs::remove_file(shots.join(format!("{name}.png")));
    }

    let mut harness = match Harness::start() {
        Ok(h) => h,
        Err(e) => panic!("{e}"),
    };
    let client = match connect(&harness).await {
        Ok(c) => c,
        Err(e) => panic!("{e}"),
    };
    let result = steps(&client, &harness.base, &shots, &harness.demo_err).await;
    if result.is_err() {
        let _ = screenshot(&client, &shots, "99-failure").await;
    }
    // Quit the browser politely; the harness kills whatever is left either way.
    let _ = tokio::time::timeout(DEADLINE, client.close()).await;
    let demo_err = harness.demo_err.clone();
    let demo_alive = harness.demo.check_alive(&demo_err);
    drop(harness);
    if let Err(e) = result {
        panic!("{e}\n(screenshots in {})", shots.display());
    }
    if let Err(e) = demo_alive {
        panic!("the demo server did not survive the test: {e}");
    }
}
