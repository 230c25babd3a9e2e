//! Reading the texts and gold files, and joining them.

use borderwatch_eval::{EvalError, join, parse_gold, parse_texts};
use borderwatch_extract::{Change, Status};
use jiff::civil::date;

#[test]
fn texts_accept_date_for_published_and_ignore_unknown_fields() {
    let content = concat!(
        r#"{"id": "a", "text": "The gate shut.", "date": "2020-03-16", "topic_hint": "x", "source_row": {"n": 1}}"#,
        "\n\n",
        r#"{"id": "b", "text": "Quiet day.", "title": null, "published": "2021-01-02", "date": "1999-01-01", "outlet": "Wire"}"#,
        "\n",
        r#"{"id": "c", "text": "No date.", "date": null, "url": "https://example.org/c"}"#,
    );
    let t = parse_texts("texts.jsonl", content).expect("valid texts");
    assert_eq!(t.len(), 3);
    assert_eq!(t[0].published.as_deref(), Some("2020-03-16"));
    assert_eq!(t[0].published_date(), Some(date(2020, 3, 16)));
    // `published` wins over `date` when both are there.
    assert_eq!(t[1].published_date(), Some(date(2021, 1, 2)));
    assert_eq!(t[1].title, None);
    assert_eq!(t[1].outlet.as_deref(), Some("Wire"));
    assert_eq!(t[2].published_date(), None);
    assert_eq!(t[2].url.as_deref(), Some("https://example.org/c"));
}

#[test]
fn gold_tolerates_field_variants() {
    let content = concat!(
        r#"{"id": "g1", "events": [], "note": "negative"}"#,
        "\n",
        r#"{"id": "g2", "events": [{"crossing": "Rafah crossing", "crossing_as_written": "the Rafah gate", "country_a": "eg", "country_b": "PS", "status": "closed", "change": "closed", "effective_date": "2010-06-01", "scope": null, "background": true}]}"#,
        "\n",
        r#"{"id": "g3", "events": [{"crossing": null, "mention": "its borders", "country_a": "PE", "country_b": null, "status": "closed", "change": "planned_closure", "group": "true", "extra": 5}]}"#,
    );
    let g = parse_gold("gold.jsonl", content).expect("valid gold");
    assert_eq!(g.len(), 3);
    assert!(g[0].events.is_empty());
    let e = &g[1].events[0];
    assert_eq!(e.mention.as_deref(), Some("the Rafah gate"));
    assert_eq!(e.country_a.as_deref(), Some("EG"));
    assert!(e.background && !e.group);
    assert_eq!(e.iso_effective_date(), Some(date(2010, 6, 1)));
    let e = &g[2].events[0];
    assert!(e.is_border_wide());
    assert_eq!(e.countries(), vec!["PE".to_string()]);
    assert_eq!(e.change, Change::PlannedClosure);
    assert_eq!(e.status, Status::Closed);
    assert!(e.group && !e.background);
    assert_eq!(e.iso_effective_date(), None);
}

#[test]
fn errors_name_the_source_and_line() {
    let bad_json = "{\"id\": \"a\", \"text\": \"ok\"}\n\n{not json";
    let err = parse_texts("t.jsonl", bad_json).expect_err("line 3 is broken");
    assert!(matches!(err, EvalError::Json { line: 3, .. }), "{err}");
    assert!(err.to_string().starts_with("t.jsonl line 3"), "{err}");

    let no_text = r#"{"id": "a"}"#;
    let err = parse_texts("t.jsonl", no_text).expect_err("no text");
    assert!(
        err.to_string().contains("line 1") && err.to_string().contains("text"),
        "{err}"
    );

    let bad_change = concat!(
        r#"{"id": "g", "events": []}"#,
        "\n",
        r#"{"id": "h", "events": [{"crossing": "X", "status": "closed", "change": "blockaded"}]}"#
    );
    let err = parse_gold("g.jsonl", bad_change).expect_err("unknown change");
    let msg = err.to_string();
    assert!(
        msg.contains("g.jsonl line 2") && msg.contains("blockaded") && msg.contains("event 1"),
        "{msg}"
    );

    let no_status = r#"{"id": "h", "events": [{"crossing": "X", "change": "closed"}]}"#;
    assert!(parse_gold("g.jsonl", no_status).is_err());
    let no_id = r#"{"events": []}"#;
    assert!(parse_gold("g.jsonl", no_id).is_err());
}

#[test]
fn join_reports_what_does_not_pair() {
    let texts = parse_texts(
        "t",
        concat!(
            r#"{"id": "a", "text": "A"}"#,
            "\n",
            r#"{"id": "b", "text": "B"}"#,
            "\n",
            r#"{"id": "a", "text": "A again"}"#,
        ),
    )
    .expect("texts");
    let gold = parse_gold(
        "g",
        concat!(
            r#"{"id": "c", "events": []}"#,
            "\n",
            r#"{"id": "a", "events": []}"#,
        ),
    )
    .expect("gold");
    let j = join(texts, gold);
    assert_eq!(j.items.len(), 1);
    assert_eq!(j.items[0].0.text, "A");
    assert_eq!(j.gold_without_text, vec!["c".to_string()]);
    assert_eq!(j.text_without_gold, vec!["b".to_string()]);
    assert_eq!(j.duplicate_ids, vec!["a".to_string()]);
}
