//! The reader on pages written for these tests in the shape of real news pages: heavy navigation,
//! scripts, related links, comments, metadata in each of the places outlets put it.

use borderwatch_reader::{Origin, page_meta, page_text, read_page};

/// A news page of our own: the article is four paragraphs among a menu, a cookie banner, related
/// links, share buttons and a comment thread.
fn news_page(head_extra: &str) -> String {
    let mut menu = String::new();
    for i in 0..60 {
        menu.push_str(&format!(
            "<li><a href=\"/section/{i}\">Section MENULEAK {i}</a></li>"
        ));
    }
    let mut related = String::new();
    for i in 0..12 {
        related.push_str(&format!(
            "<li><a href=\"/story/{i}\">Another story RELATEDLEAK number {i} you may like</a></li>"
        ));
    }
    format!(
        r##"<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">
<title>Gate closes to lorries | The Valley Courier</title>
{head_extra}
<script>window.dataLayer = [{{"event": "SCRIPTLEAK"}}];</script>
<style>.x{{content:"STYLELEAK"}}</style></head>
<body>
<div class="cookie-banner">We use cookies COOKIELEAK. <button>Accept</button></div>
<header><nav><ul>{menu}</ul></nav></header>
<div class="page"><main>
<article>
<h1>Valley gate closes to lorries</h1>
<div class="share-buttons"><a href="#">Share SHARELEAK</a><a href="#">Tweet SHARELEAK</a></div>
<p>The Northgate crossing between the two valleys closed to lorries on Tuesday morning, the customs
office said in a statement read out at the gate by its deputy director.</p>
<p>Cars and buses are still let through in both directions, but freight traffic has been turned back
since dawn, and drivers were told to use the river crossing fifty kilometres to the south instead.</p>
<p>"The closure will last at least until the inspection of the bridge is over," the deputy director
said, adding that no date had been set for the end of that inspection.</p>
<p>Drivers waiting on the approach road said the queue stretched for several kilometres and that
nobody had warned them before they set off from the depots in the lowland towns.</p>
</article>
<section class="related-stories"><h2>Related</h2><ul>{related}</ul></section>
<div id="comments"><h3>Comments</h3><p>COMMENTLEAK first!</p><p>COMMENTLEAK this is outrageous</p></div>
</main></div>
<footer><p>Copyright FOOTERLEAK</p></footer>
</body></html>"##
    )
}

#[test]
fn main_text_of_a_news_page_drops_the_furniture() {
    let page = page_text(&news_page(""));
    assert!(
        page.text
            .contains("The Northgate crossing between the two valleys closed")
    );
    assert!(page.text.contains("no date had been set"));
    assert!(page.text.contains("lowland towns."));
    assert!(
        !page.text.contains("LEAK"),
        "furniture leaked: {}",
        page.text
    );
    assert_eq!(
        page.title.as_deref(),
        Some("Gate closes to lorries | The Valley Courier")
    );
    assert!(page.main_content, "readability should find the article");
    // Paragraphs stay paragraphs.
    assert!(page.text.contains("deputy director.\n"), "{:?}", page.text);
}

#[test]
fn metadata_from_json_ld_meta_tags_time_and_url() {
    let ld = r#"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
        {"@type":"NewsArticle","datePublished":"2023-05-09T07:30:00+02:00",
         "publisher":{"@type":"Organization","name":"Valley Courier Ltd"}}]}</script>"#;
    let meta = page_meta(&news_page(ld), Some("https://news.example/2020/01/01/x"));
    assert_eq!(
        meta.published.map(|(d, o)| (d.to_string(), o)),
        Some(("2023-05-09".into(), Origin::JsonLd))
    );
    assert_eq!(meta.outlet.as_deref(), Some("Valley Courier Ltd"));
    assert_eq!(meta.language, Some(("en".into(), Origin::HtmlLang)));

    let tags = r#"<meta property="og:site_name" content="The Valley Courier">
        <meta property="article:published_time" content="2023-05-08T22:10:00Z">"#;
    let meta = page_meta(&news_page(tags), None);
    assert_eq!(meta.outlet.as_deref(), Some("The Valley Courier"));
    assert_eq!(
        meta.published.map(|(d, o)| (d.to_string(), o)),
        Some(("2023-05-08".into(), Origin::MetaTag))
    );

    let time = r#"<p>Posted <time datetime="2023-05-07">Sunday</time></p>"#;
    let meta = page_meta(time, Some("https://www.courier.example/a/b"));
    assert_eq!(
        meta.published.map(|(d, o)| (d.to_string(), o)),
        Some(("2023-05-07".into(), Origin::TimeElement))
    );
    assert_eq!(meta.outlet.as_deref(), Some("courier.example"));

    let meta = page_meta(
        "<p>No date here.</p>",
        Some("https://courier.example/news/2023/05/06/gate"),
    );
    assert_eq!(
        meta.published.map(|(d, o)| (d.to_string(), o)),
        Some(("2023-05-06".into(), Origin::Url))
    );
    // Nothing to go on: no date, never today.
    let meta = page_meta("<p>No date here.</p>", Some("https://courier.example/gate"));
    assert_eq!(meta.published, None);
    assert_eq!(meta.language, None);
}

#[test]
fn broken_json_ld_costs_only_itself() {
    let head = r#"<script type="application/ld+json">{"datePublished": </script>
        <meta name="pubdate" content="2022-11-30">"#;
    let meta = page_meta(&news_page(head), None);
    assert_eq!(
        meta.published.map(|(d, _)| d.to_string()),
        Some("2022-11-30".into())
    );
}

#[test]
fn read_page_gives_text_and_meta_from_one_parse() {
    let page = read_page(
        &news_page(""),
        Some("https://courier.example/2023/05/09/gate"),
    );
    assert!(page.text.text.contains("Northgate crossing"));
    assert_eq!(
        page.meta.published.map(|(d, _)| d.to_string()),
        Some("2023-05-09".into())
    );
}

#[test]
fn hostile_nesting_does_not_overflow_the_stack() {
    let depth = 200_000;
    let mut html = String::with_capacity(depth * 11);
    for _ in 0..depth {
        html.push_str("<div>");
    }
    html.push_str("deep text");
    // Read up to the nesting cap; the text beyond it is not read, and nothing panics.
    let page = page_text(&html);
    assert!(!page.text.contains("deep text"));
    // Pages that leave paragraphs and list items unclosed are not cut.
    let mut loose = String::from("<html><body>");
    for i in 0..5000 {
        loose.push_str(&format!("<p>paragraph {i}<li>item {i}"));
    }
    let page = page_text(&loose);
    assert!(page.text.contains("paragraph 4999"), "cut too early");
}
