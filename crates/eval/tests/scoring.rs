//! Scoring rules of SCHEMA.md, each checked on hand-made gold and claims.

use borderwatch_eval::{
    ErrorKind, GoldEvent, GoldRecord, ScoredItem, Scores, score, score_parts, score_refs,
};
use borderwatch_extract::{
    Attribution, Change, Claim, CrossingRef, Effective, Evidence, Modality, Span, Status,
};
use jiff::civil::date;

fn event(crossing: Option<&str>, mention: &str, a: Option<&str>, b: Option<&str>) -> GoldEvent {
    GoldEvent {
        crossing: crossing.map(String::from),
        mention: Some(mention.to_string()),
        country_a: a.map(String::from),
        country_b: b.map(String::from),
        status: Status::Closed,
        change: Change::Closed,
        effective_date: None,
        scope: None,
        attributed_to: None,
        cause: None,
        background: false,
        group: false,
    }
}

fn crossing(name: &str, id: Option<&str>, mention: &str) -> Claim {
    Claim {
        crossing: Some(CrossingRef {
            id: id.map(String::from),
            name: name.to_string(),
            countries: vec![],
        }),
        border: None,
        mention: mention.to_string(),
        change: Change::Closed,
        status: Status::Closed,
        modality: Modality::Asserted,
        effective: Effective::default(),
        scope: None,
        attribution: Attribution::default(),
        cause: None,
        evidence: Evidence::default(),
        confidence: 0.9,
    }
}

fn border(countries: &[&str], mention: &str) -> Claim {
    Claim {
        crossing: None,
        border: Some(countries.iter().map(|c| c.to_string()).collect()),
        ..crossing("", None, mention)
    }
}

fn with(mut c: Claim, change: Change, status: Status) -> Claim {
    c.change = change;
    c.status = status;
    c
}

fn ev_with(mut e: GoldEvent, change: Change, status: Status) -> GoldEvent {
    e.change = change;
    e.status = status;
    e
}

fn item(id: &str, text: &str, events: Vec<GoldEvent>, claims: Vec<Claim>) -> ScoredItem {
    ScoredItem {
        gold: GoldRecord {
            id: id.to_string(),
            events,
        },
        text: text.to_string(),
        result: Ok(claims),
    }
}

fn one(events: Vec<GoldEvent>, claims: Vec<Claim>) -> Scores {
    score(&[item("r1", "Some report text.", events, claims)])
}

fn tp_fp_fn(s: &Scores) -> (usize, usize, usize) {
    (s.change.tp, s.change.fp, s.change.fn_)
}

#[test]
fn transliteration_variants_match() {
    // kh / q / gh all fold to the same letters.
    let s = one(
        vec![event(
            Some("Bashmaq crossing"),
            "Bashmaq",
            Some("IR"),
            Some("IQ"),
        )],
        vec![crossing("Bashmakh", None, "the Bashmagh border")],
    );
    assert_eq!(tp_fp_fn(&s), (1, 0, 0));
}

#[test]
fn leading_article_and_doubled_letters_match() {
    let s = one(
        vec![event(
            Some("Bab al-Hawa crossing"),
            "Bab al-Hawa",
            Some("TR"),
            Some("SY"),
        )],
        vec![crossing("Bab el-Hava", None, "Bab el-Hawa")],
    );
    assert_eq!(tp_fp_fn(&s), (1, 0, 0));
    let s = one(
        vec![event(
            Some("Raja-Jooseppi"),
            "Raja-Jooseppi",
            Some("FI"),
            Some("RU"),
        )],
        vec![crossing("Raja-Joseppi", None, "Raja Joseppi")],
    );
    assert_eq!(tp_fp_fn(&s), (1, 0, 0));
}

#[test]
fn generic_words_are_ignored() {
    let s = one(
        vec![event(
            Some("San Ysidro Port of Entry"),
            "The San Ysidro Port of Entry",
            Some("US"),
            Some("MX"),
        )],
        vec![crossing(
            "San Ysidro border crossing",
            None,
            "San Ysidro checkpoint",
        )],
    );
    assert_eq!(tp_fp_fn(&s), (1, 0, 0));
}

#[test]
fn either_side_of_a_two_sided_name_matches() {
    for claim_name in ["Nasib", "Jaber"] {
        let s = one(
            vec![event(
                Some("Jaber–Nasib crossing"),
                "the only trade crossing with Syria",
                Some("JO"),
                Some("SY"),
            )],
            vec![crossing(claim_name, None, claim_name)],
        );
        assert_eq!(tp_fp_fn(&s), (1, 0, 0), "{claim_name}");
    }
    // Sides split on " - " and "/" too.
    let s = one(
        vec![event(
            Some("Tamu / Moreh"),
            "the post",
            Some("MM"),
            Some("IN"),
        )],
        vec![crossing("Moreh", None, "Moreh")],
    );
    assert_eq!(tp_fp_fn(&s), (1, 0, 0));
}

#[test]
fn claim_id_and_mention_count_as_names() {
    // Name is off but the id carries the crossing name.
    let s = one(
        vec![event(Some("Torkham"), "Torkham", Some("PK"), Some("AF"))],
        vec![crossing(
            "Khyber",
            Some("af-pk-torkham"),
            "the Khyber route",
        )],
    );
    assert_eq!(tp_fp_fn(&s), (1, 0, 0));
    // Claim's mention contains the gold mention.
    let s = one(
        vec![event(
            Some("Reihan crossing"),
            "the Reihan checkpoint",
            Some("IL"),
            Some("PS"),
        )],
        vec![crossing(
            "Unknown place",
            None,
            "the Reihan checkpoint near Jenin",
        )],
    );
    assert_eq!(tp_fp_fn(&s), (1, 0, 0));
}

#[test]
fn containment_needs_four_letters() {
    // "Rafah" (5 letters) inside the longer mention: a match.
    let s = one(
        vec![event(
            Some("Rafah crossing"),
            "the Rafah border crossing",
            Some("EG"),
            Some("PS"),
        )],
        vec![crossing("Rafah", Some("eg-ps-rafah"), "Rafah")],
    );
    assert_eq!(tp_fp_fn(&s), (1, 0, 0));
    // "Ras" has three letters: containment is not enough.
    let s = one(
        vec![event(
            Some("Ras Ajdir crossing"),
            "Ras Ajdir",
            Some("TN"),
            Some("LY"),
        )],
        vec![crossing("Ras", None, "Ras")],
    );
    assert_eq!(tp_fp_fn(&s), (0, 1, 1));
    // Two mentions that fold to almost nothing ("the") do not meet.
    let s = one(
        vec![event(
            Some("Reihan crossing"),
            "the checkpoint",
            Some("IL"),
            Some("PS"),
        )],
        vec![crossing("Salem", None, "the crossing")],
    );
    assert_eq!(tp_fp_fn(&s), (0, 1, 1));
}

#[test]
fn border_wide_needs_the_same_country_set() {
    let gold = || {
        vec![event(
            None,
            "its borders with Syria",
            Some("IQ"),
            Some("SY"),
        )]
    };
    // Order does not matter.
    assert_eq!(
        tp_fp_fn(&one(gold(), vec![border(&["SY", "IQ"], "x")])),
        (1, 0, 0)
    );
    // One country is not the pair.
    assert_eq!(
        tp_fp_fn(&one(gold(), vec![border(&["IQ"], "x")])),
        (0, 1, 1)
    );
    // A crossing claim never matches a border-wide event, even with a similar mention.
    assert_eq!(
        tp_fp_fn(&one(
            gold(),
            vec![crossing("Syria", None, "its borders with Syria")]
        )),
        (0, 1, 1)
    );
    // Gold naming one country ("closes all its land borders") wants exactly that one country.
    let gold1 = || vec![event(None, "all its land borders", Some("PE"), None)];
    assert_eq!(
        tp_fp_fn(&one(gold1(), vec![border(&["PE"], "x")])),
        (1, 0, 0)
    );
    assert_eq!(
        tp_fp_fn(&one(gold1(), vec![border(&["PE", "EC"], "x")])),
        (0, 1, 1)
    );
    // Case of the codes does not matter.
    assert_eq!(
        tp_fp_fn(&one(gold1(), vec![border(&["pe"], "x")])),
        (1, 0, 0)
    );
}

#[test]
fn change_must_match() {
    let s = one(
        vec![event(Some("Erez crossing"), "Erez", Some("IL"), Some("PS"))],
        vec![with(
            crossing("Erez", None, "Erez"),
            Change::Reopened,
            Status::Open,
        )],
    );
    assert_eq!(tp_fp_fn(&s), (0, 1, 1));
}

#[test]
fn matching_is_one_to_one_and_greedy_in_gold_order() {
    // Gold 1 could take either claim; gold 2 only the first. Greedy in gold order gives gold 1 the
    // first claim, so gold 2 is missed and the second claim is a false alarm.
    let gold = vec![
        event(Some("Rafah crossing"), "Rafah", Some("EG"), Some("PS")),
        event(
            Some("Salah al-Din Gate"),
            "Salah al-Din Gate",
            Some("EG"),
            Some("PS"),
        ),
    ];
    let claims = vec![
        crossing(
            "Rafah",
            Some("eg-ps-rafah"),
            "the Salah al-Din gate at Rafah",
        ),
        crossing("Rafah", Some("eg-ps-rafah-2"), "Rafah"),
    ];
    assert_eq!(tp_fp_fn(&one(gold, claims)), (1, 1, 1));
    // Two gold events, one claim: one of them is missed.
    let gold = vec![
        event(Some("Rafah crossing"), "Rafah", Some("EG"), Some("PS")),
        event(
            Some("Rafah crossing"),
            "the Rafah crossing",
            Some("EG"),
            Some("PS"),
        ),
    ];
    assert_eq!(
        tp_fp_fn(&one(
            gold,
            vec![crossing("Rafah", Some("eg-ps-rafah"), "Rafah")]
        )),
        (1, 0, 1)
    );
}

#[test]
fn duplicate_claims_count_once() {
    let c = || crossing("Rafah", Some("eg-ps-rafah"), "Rafah");
    let gold = || {
        vec![event(
            Some("Rafah crossing"),
            "Rafah",
            Some("EG"),
            Some("PS"),
        )]
    };
    let s = one(gold(), vec![c(), c(), c()]);
    assert_eq!(tp_fp_fn(&s), (1, 0, 0));
    assert_eq!(s.claims, 1);
    // On a negative report, repeats are one false positive; another change is another one.
    let s = one(
        vec![],
        vec![c(), c(), with(c(), Change::Reopened, Status::Open)],
    );
    assert_eq!(tp_fp_fn(&s), (0, 2, 0));
    // Border-wide claims with the same set (any order) are one claim.
    let s = one(
        vec![],
        vec![border(&["IQ", "SY"], "a"), border(&["SY", "IQ"], "b")],
    );
    assert_eq!(tp_fp_fn(&s), (0, 1, 0));
}

#[test]
fn every_distinct_claim_on_a_negative_report_is_a_false_positive() {
    let s = score(&[
        item(
            "neg1",
            "Nothing here.",
            vec![],
            vec![crossing("Erez", None, "Erez")],
        ),
        item("neg2", "Nor here.", vec![], vec![]),
        item(
            "neg3",
            "Nor here.",
            vec![],
            vec![
                border(&["PL", "BY"], "b"),
                crossing("Kuznica", None, "Kuznica"),
            ],
        ),
    ]);
    assert_eq!(tp_fp_fn(&s), (0, 3, 0));
    assert_eq!(s.change.precision, Some(0.0));
    assert_eq!(s.change.recall, None);
    assert_eq!(s.change.f1, Some(0.0));
}

#[test]
fn required_events_are_matched_before_optional_ones() {
    // SCHEMA: an optional event (background, group, border-wide without countries) never takes the
    // claim a required event needs, whatever the gold order. Here an optional event comes first and
    // could take the only claim; matched in plain gold order it would, and the required event behind
    // it would be a miss (tp 1, fn 1) instead of a hit with the optional event excused (tp 1, fn 0).
    let required = event(Some("Torkham"), "Torkham", Some("AF"), Some("PK"));
    let mut background = required.clone();
    background.background = true;
    let mut group = event(
        Some("Torkham"),
        "all three crossings",
        Some("AF"),
        Some("PK"),
    );
    group.group = true;
    let claim = || vec![crossing("Torkham", Some("af-pk-torkham"), "Torkham")];
    for optional in [background, group] {
        let s = one(vec![optional.clone(), required.clone()], claim());
        assert_eq!(tp_fp_fn(&s), (1, 0, 0), "optional first: {optional:?}");
        assert_eq!(s.excluded.background + s.excluded.group, 1);
        assert_eq!(
            (s.status.tp, s.status.fp, s.status.fn_),
            (1, 0, 0),
            "status matching follows the same order"
        );
        assert!(s.errors.iter().all(|e| e.kind != ErrorKind::Miss));
        // The order of the gold does not change the figures.
        let s = one(vec![required.clone(), optional], claim());
        assert_eq!(tp_fp_fn(&s), (1, 0, 0));
    }
    // A border-wide event with no country can match nothing, but it is still listed after the
    // required ones.
    let s = one(
        vec![event(None, "the border", None, None), required.clone()],
        claim(),
    );
    assert_eq!(tp_fp_fn(&s), (1, 0, 0));
    assert_eq!(s.excluded.no_countries, 1);
}

#[test]
fn background_misses_are_not_counted_but_hits_are() {
    let mut bg = event(None, "closed its borders in March", Some("AU"), None);
    bg.background = true;
    let s = one(vec![bg.clone()], vec![]);
    assert_eq!(tp_fp_fn(&s), (0, 0, 0));
    assert_eq!(s.excluded.background, 1);
    let s = one(vec![bg], vec![border(&["AU"], "its borders")]);
    assert_eq!(tp_fp_fn(&s), (1, 0, 0));
    assert_eq!(s.excluded.background, 0);
}

#[test]
fn border_wide_event_without_countries_is_not_a_miss() {
    let s = one(vec![event(None, "the border", None, None)], vec![]);
    assert_eq!(tp_fp_fn(&s), (0, 0, 0));
    assert_eq!(s.excluded.no_countries, 1);
    // Nothing can match it, so a claim there is a false positive.
    let s = one(
        vec![event(None, "the border", None, None)],
        vec![border(&["ES"], "the border")],
    );
    assert_eq!(tp_fp_fn(&s), (0, 1, 0));
}

#[test]
fn group_event_counts_only_when_found() {
    let mut g = event(
        Some("all three crossings"),
        "the three crossings",
        Some("KG"),
        Some("UZ"),
    );
    g.group = true;
    let s = one(vec![g.clone()], vec![]);
    assert_eq!(tp_fp_fn(&s), (0, 0, 0));
    assert_eq!(s.excluded.group, 1);
    let s = one(
        vec![g],
        vec![crossing("Dostuk", None, "the three crossings")],
    );
    assert_eq!(tp_fp_fn(&s), (1, 0, 0));
}

#[test]
fn status_f1_matches_on_status() {
    // Wrong change, right status: a status hit and a change miss.
    let gold = vec![ev_with(
        event(Some("Erez crossing"), "Erez", Some("IL"), Some("PS")),
        Change::ExtendedClosure,
        Status::Closed,
    )];
    let s = one(gold, vec![crossing("Erez", None, "Erez")]);
    assert_eq!(tp_fp_fn(&s), (0, 1, 1));
    assert_eq!((s.status.tp, s.status.fp, s.status.fn_), (1, 0, 0));
}

#[test]
fn per_change_breakdown() {
    let gold = vec![
        event(Some("Erez crossing"), "Erez", Some("IL"), Some("PS")),
        ev_with(
            event(Some("Allenby Bridge"), "Allenby", Some("JO"), Some("PS")),
            Change::Reopened,
            Status::Open,
        ),
    ];
    let claims = vec![
        crossing("Erez", None, "Erez"),
        with(
            crossing("Karni", None, "Karni"),
            Change::Opened,
            Status::Open,
        ),
    ];
    let s = one(gold, claims);
    let closed = s.by_change[&Change::Closed];
    let reopened = s.by_change[&Change::Reopened];
    let opened = s.by_change[&Change::Opened];
    assert_eq!((closed.tp, closed.fp, closed.fn_), (1, 0, 0));
    assert_eq!((reopened.tp, reopened.fp, reopened.fn_), (0, 0, 1));
    assert_eq!((opened.tp, opened.fp, opened.fn_), (0, 1, 0));
    assert_eq!(s.by_target["crossing"].tp, 1);
}

#[test]
fn dangerous_errors() {
    let closed = || event(Some("Rafah crossing"), "Rafah", Some("EG"), Some("PS"));
    let open_claim = || {
        with(
            crossing("Rafah", Some("eg-ps-rafah"), "Rafah"),
            Change::Reopened,
            Status::Open,
        )
    };
    // Asserted open where the gold says closed: dangerous (and counted once for repeats).
    let s = one(vec![closed()], vec![open_claim(), open_claim()]);
    assert_eq!(s.dangerous, 1);
    assert!(s.errors.iter().any(|e| e.kind == ErrorKind::Dangerous));
    // Planned, not asserted: not dangerous.
    let mut planned = open_claim();
    planned.modality = Modality::Planned;
    assert_eq!(one(vec![closed()], vec![planned]).dangerous, 0);
    // Some gold event on that crossing says open: not dangerous.
    let open_ev = ev_with(closed(), Change::Reopened, Status::Open);
    assert_eq!(
        one(vec![closed(), open_ev], vec![open_claim()]).dangerous,
        0
    );
    // No gold event about that crossing: a false positive, not a dangerous error.
    let s = one(
        vec![event(Some("Erez crossing"), "Erez", Some("IL"), Some("PS"))],
        vec![open_claim()],
    );
    assert_eq!(s.dangerous, 0);
    // Negative report: nothing to contradict.
    assert_eq!(one(vec![], vec![open_claim()]).dangerous, 0);
    // Border-wide: same set of countries.
    let b = || {
        with(
            border(&["US", "CA"], "the border"),
            Change::Reopened,
            Status::Open,
        )
    };
    let gold = || vec![event(None, "the border", Some("CA"), Some("US"))];
    assert_eq!(one(gold(), vec![b()]).dangerous, 1);
    assert_eq!(
        one(
            gold(),
            vec![with(border(&["US"], "x"), Change::Reopened, Status::Open)]
        )
        .dangerous,
        0
    );
}

#[test]
fn failures_count_and_their_events_are_misses() {
    let items = vec![
        ScoredItem {
            gold: GoldRecord {
                id: "bad".into(),
                events: vec![event(Some("Erez crossing"), "Erez", Some("IL"), Some("PS"))],
            },
            text: "Erez was closed.".into(),
            result: Err("charset not decodable".into()),
        },
        item("ok", "Quiet.", vec![], vec![]),
    ];
    let s = score(&items);
    assert_eq!(s.failures, 1);
    assert_eq!(s.reports, 2);
    assert_eq!(tp_fp_fn(&s), (0, 0, 1));
    assert!(
        s.errors
            .iter()
            .any(|e| e.kind == ErrorKind::Failure && e.detail.contains("charset"))
    );
}

#[test]
fn date_accuracy_over_matched_iso_dates() {
    let mut iso = event(Some("Erez crossing"), "Erez", Some("IL"), Some("PS"));
    iso.effective_date = Some("2010-06-01".into());
    let mut iso2 = event(Some("Karni crossing"), "Karni", Some("IL"), Some("PS"));
    iso2.effective_date = Some("2010-06-02".into());
    let mut phrase = event(Some("Rafah crossing"), "Rafah", Some("EG"), Some("PS"));
    phrase.effective_date = Some("Wednesday".into());
    let mut unmatched = event(Some("Allenby Bridge"), "Allenby", Some("JO"), Some("PS"));
    unmatched.effective_date = Some("2010-06-03".into());

    let mut right = crossing("Erez", None, "Erez");
    right.effective.date = Some(date(2010, 6, 1));
    let mut wrong = crossing("Karni", None, "Karni");
    wrong.effective.date = Some(date(2010, 6, 5));
    let mut any = crossing("Rafah", None, "Rafah");
    any.effective.date = Some(date(2010, 6, 9));

    let s = one(vec![iso, iso2, phrase, unmatched], vec![right, wrong, any]);
    assert_eq!(s.date.eligible, 2);
    assert_eq!(s.date.correct, 1);
    assert_eq!(s.date.accuracy, Some(0.5));
    // The one wrong date is listed, naming both dates; the right one and the phrase are not.
    let wrong: Vec<_> = s
        .errors
        .iter()
        .filter(|e| e.kind == ErrorKind::WrongDate)
        .collect();
    assert_eq!(wrong.len(), 1, "{wrong:?}");
    assert!(
        wrong[0]
            .detail
            .starts_with("gold 2010-06-02, claim 2010-06-05"),
        "{}",
        wrong[0].detail
    );
}

#[test]
fn error_listing_quotes_the_sentences() {
    let text =
        "Talks went on in Cairo. Egypt kept the Rafah crossing shut on Monday. Trade was slow.";
    let mut fa = with(crossing("Erez", None, "Erez"), Change::Opened, Status::Open);
    let start = text.find("Trade").unwrap_or(0);
    fa.evidence.sentence = Span::new(start, text.len());
    let s = score(&[item(
        "r9",
        text,
        vec![event(
            Some("Rafah crossing"),
            "the Rafah crossing",
            Some("EG"),
            Some("PS"),
        )],
        vec![fa],
    )]);
    let miss = s.errors.iter().find(|e| e.kind == ErrorKind::Miss);
    assert_eq!(
        miss.map(|e| e.detail.as_str()),
        Some("Egypt kept the Rafah crossing shut on Monday.")
    );
    let fa = s.errors.iter().find(|e| e.kind == ErrorKind::FalseAlarm);
    assert_eq!(fa.map(|e| e.detail.as_str()), Some("Trade was slow."));
    let listing = borderwatch_eval::render_errors(&s);
    assert!(listing.contains("r9"));
    assert!(listing.contains("Egypt kept the Rafah crossing shut"));
}

#[test]
fn bad_spans_and_empty_inputs_do_not_panic() {
    let mut c = crossing("", None, "");
    c.evidence.sentence = Span::new(50, 10_000);
    let mut g = event(Some(""), "", None, None);
    g.effective_date = Some("2020-13-45".into());
    let s = score(&[item("x", "é", vec![g], vec![c])]);
    assert_eq!(
        s.errors
            .iter()
            .filter(|e| e.kind == ErrorKind::Miss)
            .count(),
        1
    );
    assert_eq!(s.date.eligible, 0);
    let table = borderwatch_eval::render_table(&score(&[]));
    assert!(table.contains("n/a"));
}

#[test]
fn shifted_evidence_span_falls_back_to_the_mention() {
    // The span points at the wrong sentence (as when extraction's normalized text differs from the
    // text scored here); the listing quotes the sentence that holds the claim's mention instead.
    let text = "Rain fell all day. Karni was opened to trucks. Prices rose.";
    let mut c = with(
        crossing("Karni", None, "Karni"),
        Change::Opened,
        Status::Open,
    );
    c.evidence.sentence = Span::new(0, 18);
    let s = score(&[item("r10", text, vec![], vec![c])]);
    let fa = s.errors.iter().find(|e| e.kind == ErrorKind::FalseAlarm);
    assert_eq!(
        fa.map(|e| e.detail.as_str()),
        Some("Karni was opened to trucks.")
    );
}

#[test]
fn parts_are_scored_apart_in_order_of_first_appearance() {
    let torkham = || event(Some("Torkham"), "Torkham", Some("AF"), Some("PK"));
    let claim = || crossing("Torkham", Some("af-pk-torkham"), "Torkham");
    let opened = || with(claim(), Change::Opened, Status::Open);
    let items = vec![
        item("b1", "text", vec![torkham()], vec![claim()]), // tp
        item("a1", "text", vec![torkham()], vec![]),        // fn
        item("b2", "text", vec![], vec![opened()]),         // fp
        item("a2", "text", vec![torkham()], vec![claim()]), // tp
    ];
    let parts = score_parts(&items, |i| i.gold.id[..1].to_string());
    let names: Vec<&str> = parts.iter().map(|p| p.part.as_str()).collect();
    assert_eq!(names, ["b", "a"]);
    assert_eq!(parts[0].scores.reports, 2);
    assert_eq!(tp_fp_fn(&parts[0].scores), (1, 1, 0));
    assert_eq!(tp_fp_fn(&parts[1].scores), (1, 0, 1));
    // A part is scored exactly as its reports alone are.
    assert_eq!(
        parts[1].scores,
        score(&[items[1].clone(), items[3].clone()])
    );
    assert_eq!(score_refs(&items), score(&items));
    assert_eq!(tp_fp_fn(&score(&items)), (2, 1, 1));
}
