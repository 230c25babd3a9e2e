//! HTML → report throughput on pages written in the shape of real news pages: a long menu, scripts
//! and styles in the head, share buttons, related links, a comment thread, a footer, and an article
//! of a dozen paragraphs. The texts are generated here; they are not real articles.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

fn news_page(seed: usize) -> String {
    let mut head = String::new();
    for i in 0..12 {
        head.push_str(&format!(
            "<script>(function(){{var a{i}=[{seed},{i}];window.track{i}=function(x){{return a{i}.concat(x);}};}})();</script>\n"
        ));
        head.push_str(&format!(".c{i}{{margin:{i}px;padding:{seed}px}}\n"));
    }
    let mut menu = String::new();
    for i in 0..150 {
        menu.push_str(&format!(
            "<li class=\"menu-item\"><a href=\"/section/{i}\">Section {i}</a><ul><li><a href=\"/section/{i}/a\">Sub A</a></li><li><a href=\"/section/{i}/b\">Sub B</a></li></ul></li>"
        ));
    }
    let mut article = String::new();
    for p in 0..12 {
        article.push_str(&format!(
            "<p>Paragraph {p} of story {seed}: officials at the northern crossing said on Tuesday that lorries \
             carrying fuel and grain would be turned back until the inspection of the bridge is finished, \
             while buses and private cars could still pass in both directions after the usual checks.</p>\n"
        ));
    }
    let mut related = String::new();
    for i in 0..30 {
        related.push_str(&format!(
            "<li><a href=\"/story/{i}\"><img src=\"/img/{i}.jpg\" alt=\"\">Another headline number {i}</a></li>"
        ));
    }
    let mut comments = String::new();
    for i in 0..40 {
        comments.push_str(&format!(
            "<div class=\"comment\"><span class=\"author\">reader{i}</span><p>Comment {i} about the story.</p></div>"
        ));
    }
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Crossing news {seed}</title>\
         <meta property=\"og:site_name\" content=\"Bench Courier\">\
         <meta property=\"article:published_time\" content=\"2024-03-15T08:00:00Z\">\
         <script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",\"datePublished\":\"2024-03-15\"}}</script>\
         <style>{head}</style></head><body><div class=\"cookie-banner\">Cookies</div>\
         <header><nav><ul>{menu}</ul></nav></header><main><article><h1>Crossing news {seed}</h1>\
         <div class=\"share\"><a href=\"#\">Share</a></div>{article}</article>\
         <section class=\"related\"><ul>{related}</ul></section><div id=\"comments\">{comments}</div></main>\
         <footer><p>Footer</p></footer></body></html>"
    )
}

fn bench(c: &mut Criterion) {
    let pages: Vec<String> = (0..20).map(news_page).collect();
    let bytes: usize = pages.iter().map(String::len).sum();
    let mut g = c.benchmark_group("reader");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("read_page_20_news_pages", |b| {
        b.iter(|| {
            for p in &pages {
                black_box(borderwatch_reader::read_page(
                    black_box(p),
                    Some("https://bench.example/2024/03/15/story"),
                ));
            }
        })
    });
    g.bench_function("page_text_20_news_pages", |b| {
        b.iter(|| {
            for p in &pages {
                black_box(borderwatch_reader::page_text(black_box(p)));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
