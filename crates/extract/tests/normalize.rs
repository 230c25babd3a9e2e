//! Behaviour of `normalize`: limits, binary refusal, charsets, HTML, cleanup and datelines.
//! Every text here was written for these tests.

use borderwatch_extract::normalize::{Normalized, normalize};
use borderwatch_extract::{NormalizeError, NormalizeOptions};

fn norm(input: &[u8]) -> Normalized {
    match normalize(input, &NormalizeOptions::default()) {
        Ok(n) => n,
        Err(e) => panic!(
            "normalize failed on {:?}: {e}",
            String::from_utf8_lossy(input)
        ),
    }
}

fn norm_err(input: &[u8]) -> NormalizeError {
    match normalize(input, &NormalizeOptions::default()) {
        Ok(n) => panic!("expected an error, got {n:?}"),
        Err(e) => e,
    }
}

// ----- limits and refusals -------------------------------------------------------------------

#[test]
fn oversized_input_is_refused_with_how_to_raise_the_limit() {
    let input = vec![b'a'; 1001];
    let opts = NormalizeOptions { max_bytes: 1000 };
    let err = normalize(&input, &opts).expect_err("over the limit");
    assert!(
        matches!(
            err,
            NormalizeError::TooLarge {
                size: 1001,
                limit: 1000
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("--max-bytes"), "{err}");
    // At the limit exactly it is accepted.
    assert!(normalize(&input[..1000], &opts).is_ok());
}

#[test]
fn oversized_input_is_refused_before_any_work() {
    // Garbage that would otherwise be a Binary error: the size check must come first.
    let input = vec![0u8; 64];
    let err = normalize(&input, &NormalizeOptions { max_bytes: 10 }).expect_err("too large");
    assert!(matches!(err, NormalizeError::TooLarge { .. }), "{err:?}");
}

#[test]
fn empty_and_whitespace_only_inputs_are_empty_errors() {
    assert!(matches!(norm_err(b""), NormalizeError::Empty));
    assert!(matches!(
        norm_err(b"  \n\t\r\n   \n"),
        NormalizeError::Empty
    ));
    // Invisible characters only, and markup only.
    assert!(matches!(
        norm_err("\u{200b}\u{feff}\u{200e} ".as_bytes()),
        NormalizeError::Empty
    ));
    assert!(matches!(
        norm_err(b"<html><body><script>var a = 1;</script></body></html>"),
        NormalizeError::Empty
    ));
}

#[test]
fn nul_laden_garbage_is_binary() {
    let mut input = b"The crossing is open".to_vec();
    input.extend_from_slice(&[0, 0, 1, 0, 0xff, 0x00, 0x13]);
    let err = norm_err(&input);
    match &err {
        NormalizeError::Binary { reason } => assert!(reason.contains("NUL"), "{reason}"),
        other => panic!("expected Binary, got {other:?}"),
    }
}

#[test]
fn control_heavy_input_is_binary() {
    let input: Vec<u8> = (0..400u32)
        .map(|i| if i % 3 == 0 { 0x01 } else { b'x' })
        .collect();
    let err = norm_err(&input);
    match &err {
        NormalizeError::Binary { reason } => assert!(reason.contains("control"), "{reason}"),
        other => panic!("expected Binary, got {other:?}"),
    }
    // A stray control character in real text is dropped, not a refusal.
    let n = norm(b"The gate\x07 is shut today.");
    assert_eq!(n.text, "The gate is shut today.");
}

// ----- charsets ------------------------------------------------------------------------------

#[test]
fn utf8_is_taken_as_is_and_named() {
    let n = norm("Le poste de Réhanlı est fermé.".as_bytes());
    assert_eq!(n.charset, "UTF-8");
    assert_eq!(n.text, "Le poste de Réhanlı est fermé.");
}

#[test]
fn utf8_bom_is_dropped() {
    let n = norm("\u{feff}Crossing open.".as_bytes());
    assert_eq!(n.text, "Crossing open.");
    assert_eq!(n.charset, "UTF-8");
}

#[test]
fn utf16_with_bom_is_decoded() {
    let mut input = vec![0xFF, 0xFE];
    for unit in "Gate closed at dawn.".encode_utf16() {
        input.extend_from_slice(&unit.to_le_bytes());
    }
    let n = norm(&input);
    assert_eq!(n.text, "Gate closed at dawn.");
    assert_eq!(n.charset, "UTF-16LE");
}

#[test]
fn windows_1256_arabic_is_detected_and_decoded() {
    let sentence = "أعلنت السلطات الإيرانية اليوم إعادة فتح معبر باشماق الحدودي مع إقليم كردستان بعد إغلاقه لمدة أسبوعين.";
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1256.encode(sentence);
    assert!(!unmappable);
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the test input must not be UTF-8"
    );
    let n = norm(&bytes);
    assert_eq!(n.charset, "windows-1256");
    assert_eq!(n.text, sentence);
}

#[test]
fn windows_1251_cyrillic_is_detected_and_decoded() {
    let sentence = "Пограничный пункт пропуска на границе с Казахстаном снова открыт для грузовиков и легковых машин.";
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1251.encode(sentence);
    assert!(!unmappable);
    let n = norm(&bytes);
    assert_eq!(n.charset, "windows-1251");
    assert_eq!(n.text, sentence);
}

#[test]
fn invalid_utf8_latin1_is_decoded_not_refused() {
    // "Poste frontière fermé à Genève." in Latin-1: é, è and à are single high bytes.
    let bytes =
        b"Poste fronti\xe8re ferm\xe9 \xe0 Gen\xe8ve depuis le matin, a d\xe9clar\xe9 la douane.";
    let n = norm(bytes);
    assert_eq!(
        n.text,
        "Poste frontière fermé à Genève depuis le matin, a déclaré la douane."
    );
    assert_eq!(n.charset, "windows-1252");
}

#[test]
fn declared_html_charset_is_used_for_non_utf8_pages() {
    let page = "<html><head><meta charset=\"windows-1251\"><title>Граница</title></head>\
                <body><p>Пункт пропуска закрыт.</p></body></html>";
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(page);
    let n = norm(&bytes);
    assert_eq!(n.charset, "windows-1251");
    assert_eq!(n.text, "Пункт пропуска закрыт.");
    assert_eq!(n.title.as_deref(), Some("Граница"));
}

// ----- HTML ----------------------------------------------------------------------------------

const PAGE: &str = r#"<!DOCTYPE html>
<html lang="en">
<head>
  <title>Border crossing reopens &amp; trucks return</title>
  <style>body { color: red; } .secret::after { content: "STYLELEAK"; }</style>
  <script>var leak = "SCRIPTLEAK"; if (a < b && c > d) { document.write("</p>"); }</script>
  <script type="application/ld+json">{"headline": "JSONLEAK"}</script>
</head>
<body>
  <header><div class="logo">HEADERLEAK</div><nav><a href="/">Home NAVLEAK</a></nav></header>
  <article>
    <h1>Crossing reopens</h1>
    <p>The  gate reopened on
       Wednesday, officials said.</p>
    <p>Trucks queued for 3&nbsp;km &mdash; &#8220;a long wait,&#8221; one driver said.<br>Another line follows.</p>
    <ul><li>First item</li><li>Second item</li></ul>
    <aside>Related: ASIDELEAK</aside>
    <form><input name="q" value="FORMVALUE"><label>FORMLEAK</label></form>
    <svg viewBox="0 0 10 10"><title>SVGTITLE</title><text>SVGLEAK</text></svg>
    <iframe src="x">IFRAMELEAK</iframe>
    <noscript>NOSCRIPTLEAK</noscript>
    <!-- COMMENTLEAK -->
  </article>
  <footer>FOOTERLEAK</footer>
  <script>trackLEAK();</script>
</body>
</html>"#;

#[test]
fn html_page_keeps_article_text_and_block_structure() {
    let n = norm(PAGE.as_bytes());
    assert_eq!(
        n.text,
        "Crossing reopens\n\n\
         The gate reopened on Wednesday, officials said.\n\n\
         Trucks queued for 3 km — “a long wait,” one driver said.\nAnother line follows.\n\n\
         First item\n\nSecond item"
    );
    assert_eq!(
        n.title.as_deref(),
        Some("Border crossing reopens & trucks return")
    );
}

#[test]
fn html_page_leaks_no_script_style_or_chrome() {
    let n = norm(PAGE.as_bytes());
    assert!(!n.text.contains("LEAK"), "leaked: {}", n.text);
    assert!(
        !n.text.contains('<') && !n.text.contains('>'),
        "markup left: {}",
        n.text
    );
    assert!(!n.text.contains("FORMVALUE") && !n.text.contains("SVGTITLE"));
}

#[test]
fn html_fragment_without_doctype_is_detected_by_tag_density() {
    let n = norm(b"<p>First paragraph.</p><p>Second &lt;one&gt;.</p>");
    assert_eq!(n.text, "First paragraph.\n\nSecond <one>.");
    assert_eq!(n.title, None);
}

#[test]
fn plain_text_with_a_less_than_sign_is_not_html() {
    let n = norm(b"Fewer than 5 trucks <10 tonnes passed; a < b.");
    assert_eq!(n.text, "Fewer than 5 trucks <10 tonnes passed; a < b.");
}

#[test]
fn unclosed_script_drops_the_rest_rather_than_leaking() {
    let n = norm(b"<html><body><p>Kept text.</p><script>var x = 'SCRIPTLEAK'; ");
    assert_eq!(n.text, "Kept text.");
}

#[test]
fn html_with_quoted_gt_in_attributes_and_numeric_entities() {
    let n = norm(
        br#"<html><body><p title="a > b">Caf&#xE9; &#233; &#150; x &unknown; y</p></body></html>"#,
    );
    assert_eq!(n.text, "Café é – x &unknown; y");
}

// ----- cleanup -------------------------------------------------------------------------------

#[test]
fn newlines_spaces_and_blank_lines_are_normalized() {
    let n = norm("  First  line\t\twith   gaps  \r\nSecond line\r\r\n\r\n\n\nThird\u{a0}line\x0cFourth   \n\n\n".as_bytes());
    assert_eq!(
        n.text,
        "First line with gaps\nSecond line\n\nThird line\nFourth"
    );
    let n = norm("A\u{2028}B\u{2029}C\u{85}D".as_bytes());
    assert_eq!(n.text, "A\nB\nC\nD");
}

#[test]
fn zero_width_and_bidi_controls_are_stripped() {
    let n = norm(
        "Bash\u{200b}magh \u{202b}border\u{202c} \u{200e}open\u{2066}ed\u{2069}\u{feff}".as_bytes(),
    );
    assert_eq!(n.text, "Bashmagh border opened");
}

#[test]
fn text_is_nfc() {
    // "é" as e + combining acute, and "Å" as A + combining ring.
    let n = norm("Re\u{301}hanli and A\u{30a}land".as_bytes());
    assert_eq!(n.text, "R\u{e9}hanli and \u{c5}land");
}

#[test]
fn clean_plain_text_passes_unchanged() {
    let text =
        "BEIRUT: A clean line.\nAnother one, with “curly quotes” — and dashes.\n\nA new paragraph.";
    assert_eq!(norm(text.as_bytes()).text, text);
}

// ----- datelines -----------------------------------------------------------------------------

fn dateline_of(text: &str) -> Option<String> {
    let n = norm(text.as_bytes());
    n.dateline.map(|d| {
        // The span indexes the normalized text and the text is kept whole.
        assert_eq!(d.span.of(&n.text), d.place);
        assert!(n.text.starts_with(text.trim()));
        d.place
    })
}

#[test]
fn dateline_colon_form() {
    assert_eq!(
        dateline_of("BEIRUT: Iran reopened a crossing.").as_deref(),
        Some("BEIRUT")
    );
    assert_eq!(
        dateline_of("Beirut: the crossing reopened.").as_deref(),
        Some("Beirut")
    );
}

#[test]
fn dateline_agency_form() {
    assert_eq!(
        dateline_of("BEIRUT (Reuters) - The gate opened.").as_deref(),
        Some("BEIRUT")
    );
    assert_eq!(
        dateline_of("NEW DELHI (AP) — Trucks waited.").as_deref(),
        Some("NEW DELHI")
    );
}

#[test]
fn dateline_with_country_and_agency() {
    assert_eq!(
        dateline_of("KABUL, Afghanistan (CNN) -- Fighting closed the road.").as_deref(),
        Some("KABUL")
    );
    assert_eq!(
        dateline_of("Osh, Kyrgyzstan (CNN) -- Aid arrived.").as_deref(),
        Some("Osh")
    );
}

#[test]
fn dateline_dash_form() {
    assert_eq!(
        dateline_of("ISTANBUL — Turkey shut the gate.").as_deref(),
        Some("ISTANBUL")
    );
    assert_eq!(
        dateline_of("ABU DHABI – Flights resumed.").as_deref(),
        Some("ABU DHABI")
    );
}

#[test]
fn dateline_with_date_and_agency() {
    assert_eq!(
        dateline_of("Beirut, Oct 25 (AFP) - The border reopened.").as_deref(),
        Some("Beirut")
    );
    assert_eq!(
        dateline_of("Rio de Janeiro, Oct. 3 (AFP) - Rain.").as_deref(),
        Some("Rio de Janeiro")
    );
}

#[test]
fn agency_marker_alone_is_no_dateline() {
    assert_eq!(dateline_of("(CNN) -- The Torkham crossing opened."), None);
    assert_eq!(dateline_of("AP - Smugglers avoided the checkpoints."), None);
    assert_eq!(dateline_of("Reuters: the gate opened."), None);
}

#[test]
fn ordinary_openings_are_no_dateline() {
    assert_eq!(
        dateline_of("Iran reopened the crossing on Wednesday."),
        None
    );
    assert_eq!(dateline_of("Update: the gate is shut."), None);
    assert_eq!(
        dateline_of("The Torkham Crossing Reopens For Trade Today — officials"),
        None
    );
    assert_eq!(
        dateline_of("Hungary's borders were shut: officials cited the virus."),
        None
    );
    // A dateline is only at the very start.
    assert_eq!(dateline_of("Reports say.\nBEIRUT: later line."), None);
}
