//! Behaviour of `segment`: paragraph and sentence boundaries. Every text here was written for these tests.

use borderwatch_extract::segment::segment;

fn sentences(text: &str) -> Vec<&str> {
    segment(text).iter().map(|s| s.span.of(text)).collect()
}

#[test]
fn splits_at_terminators_before_capitals() {
    assert_eq!(
        sentences("The gate opened. Trucks crossed! Was it safe? Nobody knew."),
        [
            "The gate opened.",
            "Trucks crossed!",
            "Was it safe?",
            "Nobody knew."
        ]
    );
}

#[test]
fn paragraphs_at_blank_lines_and_single_newlines() {
    let text = "First para one. First para two.\n\nSecond para\nThird para.";
    let segs = segment(text);
    let got: Vec<(&str, usize)> = segs
        .iter()
        .map(|s| (s.span.of(text), s.paragraph))
        .collect();
    assert_eq!(
        got,
        [
            ("First para one.", 0),
            ("First para two.", 0),
            ("Second para", 1),
            ("Third para.", 2)
        ]
    );
}

#[test]
fn military_titles_do_not_split() {
    assert_eq!(
        sentences("Maj. Gen. Qassem Soleimani visited the area. Lt. Col. Ahmed stayed."),
        [
            "Maj. Gen. Qassem Soleimani visited the area.",
            "Lt. Col. Ahmed stayed."
        ]
    );
}

#[test]
fn dotted_country_abbreviations_do_not_split() {
    assert_eq!(
        sentences("U.S. officials said the U.N. team left. E.U. monitors stayed."),
        [
            "U.S. officials said the U.N. team left.",
            "E.U. monitors stayed."
        ]
    );
}

#[test]
fn month_abbreviations_do_not_split() {
    assert_eq!(
        sentences("The gate shut on Sept. 25 and reopened Oct. 3. Traffic resumed."),
        [
            "The gate shut on Sept. 25 and reopened Oct. 3.",
            "Traffic resumed."
        ]
    );
}

#[test]
fn quote_with_ellipsis_and_closing_quote() {
    let text = "\"The crossing was closed... today the border is open,\" he said. Trade resumed.";
    assert_eq!(
        sentences(text),
        [
            "\"The crossing was closed... today the border is open,\" he said.",
            "Trade resumed."
        ]
    );
}

#[test]
fn sentence_ending_inside_quotes_splits_after_the_quote() {
    assert_eq!(
        sentences("He said: “The gate is open.” Then he left. “Why?” she asked."),
        [
            "He said: “The gate is open.”",
            "Then he left.",
            "“Why?” she asked."
        ]
    );
}

#[test]
fn question_inside_quote_before_lowercase_does_not_split() {
    assert_eq!(
        sentences("\"Is it open?\" he asked. Yes."),
        ["\"Is it open?\" he asked.", "Yes."]
    );
}

#[test]
fn decimals_and_numbers_do_not_split() {
    assert_eq!(
        sentences("About 1.5 million people crossed. Trade was 20.3 bn. 2017 was different."),
        [
            "About 1.5 million people crossed.",
            "Trade was 20.3 bn.",
            "2017 was different."
        ]
    );
}

#[test]
fn initials_and_other_abbreviations_do_not_split() {
    assert_eq!(
        sentences("J. Smith of Acme Inc. met Dr. Lee at 5 p.m. Monday in Washington. Talks ended."),
        [
            "J. Smith of Acme Inc. met Dr. Lee at 5 p.m. Monday in Washington.",
            "Talks ended."
        ]
    );
}

#[test]
fn lowercase_after_period_does_not_split() {
    assert_eq!(
        sentences("The gate, i.e. the main one, was shut. It stays shut."),
        ["The gate, i.e. the main one, was shut.", "It stays shut."]
    );
}

#[test]
fn arabic_and_persian_terminators_split() {
    assert_eq!(
        sentences("المعبر مفتوح اليوم؟ نعم، المعبر مفتوح۔ انتهى الأمر."),
        ["المعبر مفتوح اليوم؟", "نعم، المعبر مفتوح۔", "انتهى الأمر."]
    );
    // A Latin full stop before an uncased letter splits too.
    assert_eq!(
        sentences("مرز باز است. کامیون‌ها عبور کردند."),
        ["مرز باز است.", "کامیون‌ها عبور کردند."]
    );
}

#[test]
fn spans_exclude_white_space_and_cover_all_text() {
    let text = "  Lead space.   Two  spaces inside.\t\n\n   Indented para!  \n";
    let segs = segment(text);
    assert_eq!(
        segs.iter().map(|s| s.span.of(text)).collect::<Vec<_>>(),
        ["Lead space.", "Two  spaces inside.", "Indented para!"]
    );
    let covered: usize = segs
        .iter()
        .map(|s| {
            s.span
                .of(text)
                .chars()
                .filter(|c| !c.is_whitespace())
                .count()
        })
        .sum();
    assert_eq!(covered, text.chars().filter(|c| !c.is_whitespace()).count());
}

#[test]
fn empty_and_blank_texts_have_no_sentences() {
    assert!(segment("").is_empty());
    assert!(segment(" \n\n \t ").is_empty());
}

#[test]
fn a_hard_wrapped_sentence_is_one_sentence() {
    // Transcripts and Markdown break lines inside sentences; a line that leaves the sentence open and a
    // next line in lower case are one paragraph. A headline line above a capitalised body stays apart.
    let text =
        "Officials intend to\nreopen the bridge today after\nsafety checks.\nTraffic is light.";
    let got: Vec<&str> = segment(text).iter().map(|s| s.span.of(text)).collect();
    assert_eq!(
        got,
        [
            "Officials intend to\nreopen the bridge today after\nsafety checks.",
            "Traffic is light."
        ]
    );
    let text = "Torkham stays shut\nThe crossing remained closed on Tuesday.";
    let s = segment(text);
    assert_eq!(s.len(), 2);
    assert_ne!(s[0].paragraph, s[1].paragraph);
}

/// A briefing written for this test, wrapped at 64 characters the way transcripts are: blank lines
/// between blocks, a speaker's label at the start of a turn.
const WRAPPED_BRIEFING: &str = "Press Briefing by the Spokesperson\n\
\n\
MS. LANE:  Good afternoon, everyone. A few words on the crossings\n\
before I take questions.\n\
\n\
Q  Thanks. On the bridge, is it open to all traffic now? Because\n\
Some shippers say the lanes are still limited and they are told\n\
to wait another week.\n\
MS. LANE:  It is open for commercial traffic. Passenger cars are\n\
still being turned back.\n";

#[test]
fn paragraphs_know_their_block_of_lines() {
    // A line that starts with a capital starts a paragraph, but the block (up to the next blank
    // line) goes on: the reporter's turn is one block of three paragraphs, the answer among them.
    let text = WRAPPED_BRIEFING;
    let got: Vec<(&str, usize, usize)> = segment(text)
        .iter()
        .map(|s| (s.span.of(text), s.paragraph, s.block))
        .collect();
    assert_eq!(got[0], ("Press Briefing by the Spokesperson", 0, 0));
    assert!(got.contains(&("MS. LANE:  Good afternoon, everyone.", 1, 1)));
    let q = got
        .iter()
        .find(|(s, _, _)| s.starts_with("Q  Thanks."))
        .expect("the question");
    let cut = got
        .iter()
        .find(|(s, _, _)| s.starts_with("Some shippers"))
        .expect("the line cut by the wrap");
    let answer = got
        .iter()
        .find(|(s, _, _)| s.starts_with("MS. LANE:  It is open"))
        .expect("the answer");
    assert_eq!((q.2, cut.2, answer.2), (2, 2, 2));
    assert!(q.1 < cut.1 && cut.1 < answer.1);
}

#[test]
fn speaker_labels_open_turns() {
    use borderwatch_extract::segment::opens_turn;
    for label in [
        "Q  Is the bridge open?",
        "Q: Is it open?",
        "MS. JEAN-PIERRE:  Good afternoon.",
        "SENIOR ADMINISTRATION OFFICIAL:  Thanks.",
        "A: It is.",
    ] {
        assert!(opens_turn(label), "{label}");
    }
    for line in [
        "Queues formed at the gate.",
        "Officials said: the gate is shut.",
        "In Gaza: aid trucks waited.",
        "Q",
    ] {
        assert!(!opens_turn(line), "{line}");
    }
}
