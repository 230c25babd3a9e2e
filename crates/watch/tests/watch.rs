//! `Watcher` end to end against a local site on 127.0.0.1 and a real SQLite store: new items become
//! reports and claims in one poll, the 304 path, every failure mode costing only its source, a restart
//! that ingests nothing twice, copies, languages, sitemaps, listing pages and GDELT.

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use borderwatch_fetch::{FetchOptions, Fetcher, Guard, SystemResolver};
use borderwatch_gazetteer::Gazetteer;
use borderwatch_store::{SourceLog, SqliteStore, Store};
use borderwatch_watch::{PollReport, Source, StoreSink, Watcher, parse_sources};
use common::{Shared, article, hits, put, rss};

const HTML: &str = "text/html; charset=utf-8";

fn fetcher() -> Arc<Fetcher> {
    let opts = FetchOptions {
        per_host_interval: Duration::ZERO,
        timeout: Duration::from_secs(2),
        max_body: 256 * 1024,
        retries: 1,
        backoff: Duration::from_millis(10),
        ..FetchOptions::default()
    };
    let guard = Guard::new(vec!["127.0.0.0/8".parse().expect("range")]);
    Arc::new(Fetcher::new(opts, guard, Arc::new(SystemResolver)).expect("fetcher"))
}

fn sources(text: &str) -> Vec<Source> {
    parse_sources(text, "test.toml")
        .expect("valid sources")
        .sources
}

fn source_block(name: &str, kind: &str, url: &str, extra: &str) -> String {
    format!("[[source]]\nname = \"{name}\"\nkind = \"{kind}\"\nurl = \"{url}\"\n{extra}\n")
}

type TestWatcher = Watcher<StoreSink<SqliteStore>>;

fn watcher(db: &std::path::Path) -> (TestWatcher, Arc<StoreSink<SqliteStore>>) {
    let store = SqliteStore::open(db).expect("store");
    let sink = Arc::new(StoreSink::new(store, Gazetteer::builtin()));
    (Watcher::new(fetcher(), sink.clone()), sink)
}

fn report_of<'a>(reports: &'a [PollReport], name: &str) -> &'a PollReport {
    reports
        .iter()
        .find(|r| r.source == name)
        .expect("a report per source")
}

fn site() -> Shared {
    Arc::new(Mutex::new(common::Site::default()))
}

const CLOSED: &str = "SULAIMANIYA: Iran closed the Bashmagh border crossing with Iraq's Kurdistan Region on Monday, a provincial customs official told reporters.";
const REOPENED: &str = "Iran reopened the Haji Omaran border crossing with Iraq's Kurdistan Region on Tuesday, the border guard commander said.";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_feed_poll_ingests_new_items_then_304_then_nothing_twice_after_restart() {
    let site = site();
    let addr = common::start(site.clone()).await;
    let base = format!("http://{addr}");
    put(
        &site,
        "/feed.xml",
        "application/rss+xml",
        rss(&[
            ("Gate shut", &format!("{base}/news/2017/10/23/shut.html")),
            ("Gate open", &format!("{base}/news/2017/10/24/open.html")),
        ]),
    );
    site.lock()
        .expect("lock")
        .etags
        .insert("/feed.xml".into(), "\"feed-v1\"".into());
    put(
        &site,
        "/news/2017/10/23/shut.html",
        HTML,
        article("Bashmagh shut", "2017-10-23", CLOSED),
    );
    put(
        &site,
        "/news/2017/10/24/open.html",
        HTML,
        article("Haji Omaran open", "2017-10-24", REOPENED),
    );

    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("w.db");
    let list = sources(&source_block(
        "courier",
        "feed",
        &format!("{base}/feed.xml"),
        "",
    ));
    {
        let (w, sink) = watcher(&db);
        let first = w.poll_all(&list).await;
        let r = report_of(&first, "courier");
        assert_eq!(r.error, None);
        assert_eq!((r.listed, r.new, r.reports), (2, 2, 2), "{r:?}");
        assert!(r.claims >= 2, "each page makes a claim: {r:?}");
        sink.with_store(|s| {
            let status = s.timeline("ir-iq-bashmagh").expect("timeline");
            assert!(status.is_some(), "Bashmagh has a timeline after one poll");
            let stored = s.sources().expect("sources");
            assert_eq!(stored[0].reports_made, 2);
            assert_eq!(stored[0].etag.as_deref(), Some("\"feed-v1\""));
            // The page's metadata reached the report.
            let page = s
                .reports_page(None, 100)
                .expect("reports")
                .into_iter()
                .find(|r| r.title.as_deref() == Some("Gate shut"))
                .expect("report stored");
            assert_eq!(page.outlet.as_deref(), Some("The Test Courier"));
            assert_eq!(
                page.published.map(|d| d.to_string()).as_deref(),
                Some("2017-10-23")
            );
        });
        // Second poll: the feed answers 304; no page is fetched again.
        let second = w.poll_all(&list).await;
        let r = report_of(&second, "courier");
        assert!(r.not_modified, "{r:?}");
        assert_eq!(r.new, 0);
        assert_eq!(hits(&site, "/news/2017/10/23/shut.html"), 1);
    }
    // Restart, and the feed forgets its ETag: the items are listed again but nothing is fetched or
    // ingested twice.
    site.lock().expect("lock").etags.clear();
    let (w, sink) = watcher(&db);
    let again = w.poll_all(&list).await;
    let r = report_of(&again, "courier");
    assert!(!r.not_modified);
    assert_eq!((r.listed, r.new, r.reports), (2, 0, 0), "{r:?}");
    assert_eq!(hits(&site, "/news/2017/10/23/shut.html"), 1);
    sink.with_store(|s| assert_eq!(s.counts().expect("counts").reports, 2));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_failure_costs_only_its_source_or_item() {
    let site = site();
    let addr = common::start(site.clone()).await;
    let base = format!("http://{addr}");
    // A good feed whose second item is a 404 and third a binary file.
    put(
        &site,
        "/good.xml",
        "application/rss+xml",
        rss(&[
            ("Gate shut", &format!("{base}/a/shut.html")),
            ("Missing", &format!("{base}/a/missing.html")),
            ("Binary", &format!("{base}/a/image.bin")),
        ]),
    );
    put(
        &site,
        "/a/shut.html",
        HTML,
        article("Bashmagh shut", "2017-10-23", CLOSED),
    );
    put(
        &site,
        "/a/image.bin",
        "application/octet-stream",
        vec![0u8, 1, 2, 3],
    );
    put(
        &site,
        "/not-a-feed.xml",
        HTML,
        "<html><body><p>Hello</p></body></html>",
    );
    // An entity bomb: expanded, it would be gigabytes.
    let mut bomb = String::from("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
    for i in 1..10 {
        let prev = if i == 1 {
            "lol".to_string()
        } else {
            format!("lol{}", i - 1)
        };
        bomb.push_str(&format!(
            "<!ENTITY lol{i} \"&{prev};&{prev};&{prev};&{prev};&{prev};&{prev};&{prev};&{prev};&{prev};&{prev};\">"
        ));
    }
    bomb.push_str("]><rss version=\"2.0\"><channel><title>&lol9;</title><item><title>&lol9;</title><link>http://127.0.0.1/x</link></item></channel></rss>");
    put(&site, "/bomb.xml", "application/rss+xml", bomb);
    let external = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY ext SYSTEM \"file:///etc/passwd\">]>\
        <rss version=\"2.0\"><channel><title>&ext;</title></channel></rss>";
    put(&site, "/external.xml", "application/rss+xml", external);

    let mut text = String::new();
    text += &source_block("good", "feed", &format!("{base}/good.xml"), "");
    text += &source_block("broken", "feed", &format!("{base}/broken"), "");
    text += &source_block("timeout", "feed", &format!("{base}/slow"), "");
    text += &source_block("endless", "feed", &format!("{base}/endless"), "");
    text += &source_block("html", "feed", &format!("{base}/not-a-feed.xml"), "");
    text += &source_block("bomb", "feed", &format!("{base}/bomb.xml"), "");
    text += &source_block("external", "feed", &format!("{base}/external.xml"), "");
    text += &source_block("refused", "feed", "http://10.0.0.1/feed.xml", "");
    let list = sources(&text);
    let dir = tempfile::tempdir().expect("tempdir");
    let (w, sink) = watcher(&dir.path().join("w.db"));
    let reports = w.poll_all(&list).await;

    let good = report_of(&reports, "good");
    assert_eq!(good.error, None);
    assert_eq!((good.reports, good.failed), (1, 2), "{good:?}");
    for name in ["broken", "timeout", "endless", "html", "refused"] {
        let r = report_of(&reports, name);
        assert!(r.error.is_some(), "{name} should fail: {r:?}");
    }
    let e = report_of(&reports, "refused")
        .error
        .clone()
        .unwrap_or_default();
    assert!(e.contains("guard"), "{e}");
    // The bomb and the external entity are not expanded: either refused, or read with the entity
    // left out. Neither may list an item that came from an expansion.
    for name in ["bomb", "external"] {
        let r = report_of(&reports, name);
        assert_eq!(r.reports, 0, "{name}: {r:?}");
    }
    sink.with_store(|s| {
        let all = s.sources().expect("sources");
        assert_eq!(all.len(), list.len());
        let broken = all.iter().find(|x| x.name == "broken").expect("broken");
        assert!(
            broken
                .last_error
                .as_deref()
                .unwrap_or_default()
                .contains("500")
        );
        assert_eq!(broken.last_success, None);
        let good = all.iter().find(|x| x.name == "good").expect("good");
        assert_eq!(good.items_failed, 2);
    });
    // The failed items are tried again on the next poll (the feed has no ETag); the good one is not.
    let before = hits(&site, "/a/missing.html");
    let again = w.poll_all(&list[..1]).await;
    assert_eq!(report_of(&again, "good").new, 2);
    assert_eq!(hits(&site, "/a/missing.html"), before + 1);
    assert_eq!(hits(&site, "/a/shut.html"), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn copies_languages_sitemaps_listings_and_json_feeds() {
    let site = site();
    let addr = common::start(site.clone()).await;
    let base = format!("http://{addr}");
    put(
        &site,
        "/p/one.html",
        HTML,
        article("Bashmagh shut", "2017-10-23", CLOSED),
    );
    // The same page at a second URL: a copy.
    put(
        &site,
        "/p/copy.html",
        HTML,
        article("Bashmagh shut", "2017-10-23", CLOSED),
    );
    // A language borderwatch has no reading rules for (French, Spanish and others now have them).
    let german = r#"<html lang="de"><head><title>Grenze</title></head><body><article><p>Der Grenzübergang Bashmagh wurde am Montag von den iranischen Behörden geschlossen, sagte ein Zollbeamter der Provinz.</p></article></body></html>"#;
    put(&site, "/p/de.html", HTML, german);
    put(
        &site,
        "/p/open.html",
        HTML,
        article("Haji Omaran open", "2017-10-24", REOPENED),
    );
    let sitemap = format!(
        "<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
         xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\
         <url><loc>{base}/p/one.html</loc><news:news><news:publication_date>2017-10-23</news:publication_date>\
         <news:title>Gate shut</news:title></news:news></url>\
         <url><loc>{base}/p/copy.html?a=1&amp;b=2</loc></url>\
         <url><loc>{base}/p/de.html</loc></url></urlset>"
    );
    put(&site, "/sitemap.xml", "application/xml", sitemap);
    put(
        &site,
        "/p/copy.html?a=1&b=2",
        HTML,
        article("Bashmagh shut", "2017-10-23", CLOSED),
    );
    let listing = format!(
        "<html><body><nav><a href=\"/about\">About</a></nav><ul>\
         <li><a href=\"/p/open.html\">Haji Omaran open</a></li>\
         <li><a href=\"{base}/p/open.html#comments\">Comments</a></li>\
         <li><a href=\"/contact\">Contact</a></li></ul></body></html>"
    );
    put(&site, "/notices", HTML, listing);
    let json_feed = format!(
        r#"{{"version":"https://jsonfeed.org/version/1.1","title":"JSON courier","items":[
            {{"id":"1","url":"{base}/p/json-item","content_text":"{REOPENED}","date_published":"2017-10-24T08:00:00Z"}}]}}"#
    );
    put(&site, "/feed.json", "application/feed+json", json_feed);

    let mut text = String::new();
    text += &source_block("sitemap", "sitemap", &format!("{base}/sitemap.xml"), "");
    text += &source_block(
        "notices",
        "listing",
        &format!("{base}/notices"),
        "link_pattern = \"/p/\"",
    );
    text += &source_block(
        "json",
        "feed",
        &format!("{base}/feed.json"),
        "use_item_text = true",
    );
    let list = sources(&text);
    let dir = tempfile::tempdir().expect("tempdir");
    let (w, sink) = watcher(&dir.path().join("w.db"));
    let reports = w.poll_all(&list[..1]).await;
    let r = report_of(&reports, "sitemap");
    assert_eq!(r.error, None, "{r:?}");
    assert_eq!(
        (r.listed, r.reports, r.copies, r.other_language),
        (3, 1, 1, 1),
        "{r:?}"
    );
    let reports = w.poll_all(&list[1..]).await;
    let notices = report_of(&reports, "notices");
    // The fragment link is the same article; navigation links do not match the pattern.
    assert_eq!((notices.listed, notices.reports), (1, 1), "{notices:?}");
    // The JSON Feed item is taken from its own text, but it is the same text as the listed page
    // only if the page held exactly it; here it does not, so it is a new report.
    let json = report_of(&reports, "json");
    assert_eq!((json.listed, json.reports), (1, 1), "{json:?}");
    assert_eq!(
        hits(&site, "/p/json-item"),
        0,
        "use_item_text does not fetch the link"
    );
    sink.with_store(|s| {
        let all = s.sources().expect("sources");
        let sm = all.iter().find(|x| x.name == "sitemap").expect("sitemap");
        assert_eq!(
            (sm.items_seen, sm.reports_made, sm.other_language),
            (3, 1, 1)
        );
        // The German report is stored (unread) and the copy's URL kept.
        assert_eq!(s.counts().expect("counts").reports, 4);
    });
}

/// A GDELT export row of 61 tab-separated fields, with the given event code, place and URL.
fn gdelt_row(id: u32, code: &str, place: &str, url: &str) -> String {
    let mut f = vec![String::new(); 61];
    f[0] = id.to_string();
    f[1] = "20171023".into();
    f[26] = code.into();
    f[27] = code.get(..3).unwrap_or(code).into();
    f[28] = code.get(..2).unwrap_or(code).into();
    f[52] = place.into();
    f[59] = "20171023080000".into();
    f[60] = url.into();
    f.join("\t")
}

fn zip_of(name: &str, bytes: &[u8]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file(name, opts).expect("zip member");
    zip.write_all(bytes).expect("zip write");
    zip.finish().expect("zip finish");
    out.into_inner()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn gdelt_rows_that_concern_a_border_are_read_by_borderwatch() {
    let site = site();
    let addr = common::start(site.clone()).await;
    let base = format!("http://{addr}");
    let rows = [
        gdelt_row(
            1,
            "191",
            "Some Province, Iran",
            &format!("{base}/g/blockade.html"),
        ),
        gdelt_row(
            2,
            "042",
            "Capital, Country",
            &format!("{base}/g/visit.html"),
        ),
        gdelt_row(
            3,
            "043",
            "Bashmagh border, Iran",
            &format!("{base}/g/place.html"),
        ),
        gdelt_row(
            4,
            "051",
            "Capital",
            &format!("{base}/g/border-crossing-closed.html"),
        ),
        "too\tfew\tfields".to_string(),
    ];
    let csv = rows.join("\n") + "\n";
    let export = "/gdelt/20171023080000.export.CSV.zip";
    put(
        &site,
        export,
        "application/zip",
        zip_of("20171023080000.export.CSV", csv.as_bytes()),
    );
    let update = format!(
        "{} 0123456789abcdef0123456789abcdef {base}{export}\n\
         10 0123456789abcdef0123456789abcdef {base}/gdelt/20171023080000.mentions.CSV.zip\n",
        csv.len()
    );
    put(&site, "/gdelt/lastupdate.txt", "text/plain", update);
    for page in ["blockade", "place", "border-crossing-closed"] {
        // The same article at three addresses.
        put(
            &site,
            &format!("/g/{page}.html"),
            HTML,
            article("Bashmagh shut", "2017-10-23", CLOSED),
        );
    }
    put(
        &site,
        "/g/visit.html",
        HTML,
        article("visit", "2017-10-23", REOPENED),
    );
    // Mentions (16 fields): a web article about kept event 1, and one about event 2 (not kept).
    let mention = |event: u32, url: &str| {
        let mut f = vec![String::new(); 16];
        f[0] = event.to_string();
        f[3] = "1".into();
        f[5] = url.into();
        f.join("\t")
    };
    let mentions = [
        mention(1, &format!("{base}/g/mention.html")),
        mention(2, &format!("{base}/g/other-mention.html")),
    ]
    .join("\n");
    put(
        &site,
        "/gdelt/20171023080000.mentions.CSV.zip",
        "application/zip",
        zip_of("20171023080000.mentions.CSV", mentions.as_bytes()),
    );
    put(
        &site,
        "/g/mention.html",
        HTML,
        article("mention", "2017-10-23", REOPENED),
    );
    let list = sources(&source_block(
        "gdelt",
        "gdelt",
        &format!("{base}/gdelt/lastupdate.txt"),
        "mentions = true",
    ));
    let dir = tempfile::tempdir().expect("tempdir");
    let (w, _sink) = watcher(&dir.path().join("w.db"));
    let reports = w.poll_all(&list).await;
    let r = report_of(&reports, "gdelt");
    assert_eq!(r.error, None, "{r:?}");
    // Rows 1 (event code), 3 (place name) and 4 (URL words) are kept; 2 is not; 5 is malformed.
    // The mentions file adds the article about event 1 only.
    assert_eq!(r.listed, 4, "{r:?}");
    assert_eq!(hits(&site, "/g/visit.html"), 0);
    assert_eq!(hits(&site, "/g/other-mention.html"), 0);
    assert_eq!(hits(&site, "/g/mention.html"), 1);
    // The three row pages are one text (one report, two copies); the mention is a report of its own.
    assert_eq!((r.reports, r.copies), (2, 2), "{r:?}");
}

#[test]
fn the_genuine_gdelt_export_is_filtered() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/gdelt/20190121220000.export.CSV.zip");
    let Ok(bytes) = std::fs::read(&path) else {
        eprintln!("skipped: {} is absent", path.display());
        return;
    };
    let csv = borderwatch_watch::discover::unzip_first(&bytes).expect("unzip");
    let filter = borderwatch_watch::config::GdeltFilter::default();
    let rows = borderwatch_watch::discover::gdelt_export_rows(&csv, &filter);
    assert_eq!(rows.rows, 1629);
    assert_eq!(rows.malformed, 0);
    // 163 appears 15 times in the slice (README of the data); with the keywords more are kept.
    assert!(rows.events.len() >= 15, "{}", rows.events.len());
    assert!(
        rows.items.len() < rows.rows / 2,
        "the filter keeps a minority"
    );
    assert!(rows.items.iter().all(|i| i.url.starts_with("http")));
    let update = std::fs::read_to_string(path.with_file_name("lastupdate.txt")).expect("list");
    let u = borderwatch_watch::discover::gdelt_update_list(&update).expect("update list");
    assert!(
        u.export
            .is_some_and(|e| e.ends_with("20180328050000.export.CSV.zip"))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stopping_finishes_items_in_flight_and_leaves_the_rest_for_the_next_start() {
    let site = site();
    let addr = common::start(site.clone()).await;
    let base = format!("http://{addr}");
    // Twelve items whose pages never answer in time: each read ends in a timeout.
    let links: Vec<(String, String)> = (0..12)
        .map(|i| (format!("Slow {i}"), format!("{base}/slow?item={i}")))
        .collect();
    let refs: Vec<(&str, &str)> = links
        .iter()
        .map(|(t, l)| (t.as_str(), l.as_str()))
        .collect();
    put(&site, "/feed.xml", "application/rss+xml", rss(&refs));
    let list = sources(&source_block(
        "slow",
        "feed",
        &format!("{base}/feed.xml"),
        "",
    ));
    let dir = tempfile::tempdir().expect("tempdir");
    let (w, sink) = watcher(&dir.path().join("w.db"));
    let w = Arc::new(w);
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let running = tokio::spawn(w.clone().run(list, stop_rx, Arc::new(|_: &PollReport| {})));
    // Stop once the first items are in flight.
    while hits(&site, "/slow") == 0 {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    stop_tx.send(true).expect("watcher listens");
    running.await.expect("run ends");
    sink.with_store(|s| {
        let seen = s.sources().expect("sources")[0].items_seen;
        assert!(seen > 0 && seen < 12, "{seen} items recorded");
        // The last item was never started: nothing recorded, so the next start reads it.
        let last = &links[11].1;
        assert!(!s.item_done(last).expect("state"), "{last}");
    });
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_charset_of_the_content_type_header_decodes_the_page() {
    let site = site();
    let addr = common::start(site.clone()).await;
    let base = format!("http://{addr}");
    // A windows-1251 page that declares its charset only in the HTTP header.
    let page = "<html><head><title>Граница закрыта</title></head><body><article><p>Пограничный \
                пункт пропуска закрыт для грузовиков с понедельника, сообщила таможня области.</p>\
                </article></body></html>";
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1251.encode(page);
    assert!(!unmappable);
    put(
        &site,
        "/ru.html",
        "text/html; charset=windows-1251",
        bytes.into_owned(),
    );
    put(
        &site,
        "/feed.xml",
        "application/rss+xml",
        rss(&[("ru", &format!("{base}/ru.html"))]),
    );
    let list = sources(&source_block("ru", "feed", &format!("{base}/feed.xml"), ""));
    let dir = tempfile::tempdir().expect("tempdir");
    let (w, sink) = watcher(&dir.path().join("w.db"));
    let reports = w.poll_all(&list).await;
    let r = report_of(&reports, "ru");
    // Russian is read (crates/extract/lang/ru.toml): a report, not "other language"; it names no
    // crossing, so it makes no claim.
    assert_eq!((r.reports, r.other_language), (1, 0), "{r:?}");
    sink.with_store(|s| {
        let stored = s.reports_page(None, 10).expect("reports");
        let report = s.report(&stored[0].id).expect("report").expect("stored");
        assert!(
            report.text.contains("Пограничный пункт пропуска закрыт"),
            "{}",
            report.text
        );
        assert_eq!(stored[0].claims, 0);
    });
}
