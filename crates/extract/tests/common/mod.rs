//! Shared helpers for the end-to-end extraction tests: run a report written for the test through the
//! whole pipeline (normalize → … → attach) against the built-in gazetteer, look claims up by target,
//! and check the evidence invariants every claim must keep.
//!
//! Helpers panic with a summary of every claim of the report, so a failing test says what the extractor
//! did instead of only what it did not do.

use borderwatch_extract::{
    Change, Claim, NormalizeOptions, Report, ReportMeta, Span, extract, read_report,
};
use borderwatch_gazetteer::Gazetteer;
use jiff::civil::Date;

/// The publication date most tests use: a Wednesday.
pub const PUB: &str = "2017-10-25";

/// Parses an ISO date written in a test.
pub fn date(s: &str) -> Date {
    s.parse()
        .unwrap_or_else(|e| panic!("bad test date {s:?}: {e}"))
}

/// One report and what the extractor made of it.
pub struct Run {
    pub report: Report,
    pub claims: Vec<Claim>,
}

/// Reads `text` as a report (with `published` as its publication date) and extracts its claims.
/// Checks the structural invariants of every claim before returning.
pub fn run(text: &str, published: Option<&str>) -> Run {
    let meta = ReportMeta {
        published: published.map(date),
        ..ReportMeta::default()
    };
    run_meta(text, meta)
}

/// As [`run`], for a report with a title (a headline, or a notice's "Travel advice: Chad – …").
pub fn run_titled(text: &str, title: &str, published: Option<&str>) -> Run {
    let meta = ReportMeta {
        published: published.map(date),
        title: Some(title.to_string()),
        ..ReportMeta::default()
    };
    run_meta(text, meta)
}

fn run_meta(text: &str, meta: ReportMeta) -> Run {
    let report = read_report(text.as_bytes(), meta, &NormalizeOptions::default())
        .unwrap_or_else(|e| panic!("cannot read test report {text:?}: {e}"));
    let claims = extract(&report, Gazetteer::builtin());
    let r = Run { report, claims };
    r.check_invariants();
    r
}

/// The gazetteer id of a claim's crossing, if it has one.
pub fn id_of(c: &Claim) -> Option<&str> {
    c.crossing.as_ref().and_then(|x| x.id.as_deref())
}

/// A border as a sorted list of codes, so order in the claim does not matter.
pub fn sorted(codes: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = codes.iter().map(|c| c.to_string()).collect();
    v.sort();
    v
}

fn within(inner: Span, outer: Span) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

impl Run {
    pub fn text(&self) -> &str {
        &self.report.text
    }

    /// One line per claim: what a failing assertion prints.
    pub fn summary(&self) -> String {
        let mut out = String::new();
        for c in &self.claims {
            let target = match (&c.crossing, &c.border) {
                (Some(x), _) => x.id.clone().unwrap_or_else(|| format!("?{}", x.name)),
                (None, Some(b)) => format!("border {}", b.join("-")),
                (None, None) => "(no target)".into(),
            };
            out.push_str(&format!(
                "\n  {target} [{}] {:?} {:?} {:?} eff={:?}/{:?} scope={:?} who={:?}/{:?}/{:?} cause={:?} trigger={:?}",
                c.mention,
                c.change,
                c.status,
                c.modality,
                c.effective.text,
                c.effective.date.map(|d| d.to_string()),
                c.scope,
                c.attribution.speaker,
                c.attribution.role,
                c.attribution.via,
                c.cause,
                c.evidence.trigger.of(self.text()),
            ));
        }
        if out.is_empty() {
            out.push_str(" (none)");
        }
        out
    }

    /// Claims about the gazetteer crossing `id`.
    pub fn about(&self, id: &str) -> Vec<&Claim> {
        self.claims
            .iter()
            .filter(|c| id_of(c) == Some(id))
            .collect()
    }

    /// The single claim about `id` with `change`; panics (listing all claims) unless there is exactly one.
    pub fn one(&self, id: &str, change: Change) -> &Claim {
        let found: Vec<&Claim> = self
            .about(id)
            .into_iter()
            .filter(|c| c.change == change)
            .collect();
        match found.as_slice() {
            [c] => c,
            _ => panic!(
                "expected exactly one {change:?} claim about {id}, found {}; claims:{}\ntext: {:?}",
                found.len(),
                self.summary(),
                self.text()
            ),
        }
    }

    /// Asserts that no claim is about `id`.
    pub fn none_about(&self, id: &str) {
        assert!(
            self.about(id).is_empty(),
            "expected no claim about {id}; claims:{}",
            self.summary()
        );
    }

    /// Asserts that the report yields no claim at all.
    pub fn no_claims(&self) {
        assert!(
            self.claims.is_empty(),
            "expected no claims; claims:{}\ntext: {:?}",
            self.summary(),
            self.text()
        );
    }

    /// Border-wide claims (no crossing) whose border is exactly `codes`, in any order.
    pub fn border(&self, codes: &[&str]) -> Vec<&Claim> {
        let want = sorted(codes);
        self.claims
            .iter()
            .filter(|c| c.crossing.is_none())
            .filter(|c| {
                c.border.as_ref().is_some_and(|b| {
                    let mut b = b.clone();
                    b.sort();
                    b == want
                })
            })
            .collect()
    }

    /// The single border-wide claim on `codes`; panics (listing all claims) unless there is exactly one.
    pub fn one_border(&self, codes: &[&str]) -> &Claim {
        match self.border(codes).as_slice() {
            [c] => c,
            other => panic!(
                "expected exactly one border-wide claim on {codes:?}, found {}; claims:{}",
                other.len(),
                self.summary()
            ),
        }
    }

    /// The evidence of `c` reads as expected: its trigger span is exactly `trigger`, its mention span
    /// contains `mention`, and both lie inside its sentence, which contains them as text too.
    pub fn evidence(&self, c: &Claim, trigger: &str, mention: &str) {
        let text = self.text();
        let sentence = c.evidence.sentence.of(text);
        assert_eq!(
            c.evidence.trigger.of(text),
            trigger,
            "trigger span; claims:{}",
            self.summary()
        );
        let m = c
            .evidence
            .mention
            .unwrap_or_else(|| panic!("claim without a mention span:{}", self.summary()));
        assert!(
            m.of(text).contains(mention),
            "mention span {:?} should contain {mention:?}; claims:{}",
            m.of(text),
            self.summary()
        );
        assert!(
            within(c.evidence.trigger, c.evidence.sentence),
            "trigger outside its sentence {sentence:?}"
        );
        assert!(
            within(m, c.evidence.sentence),
            "mention outside its sentence {sentence:?}"
        );
        assert!(
            sentence.contains(trigger) && sentence.contains(mention),
            "sentence {sentence:?}"
        );
    }

    /// What every claim of every report must satisfy, whatever the report says.
    fn check_invariants(&self) {
        let text = self.text();
        let ok = |s: Span| {
            s.start <= s.end
                && s.end <= text.len()
                && text.is_char_boundary(s.start)
                && text.is_char_boundary(s.end)
        };
        for c in &self.claims {
            let e = &c.evidence;
            assert!(
                ok(e.sentence) && !e.sentence.is_empty(),
                "bad sentence span in{}",
                self.summary()
            );
            assert!(
                ok(e.trigger) && !e.trigger.is_empty(),
                "bad trigger span in{}",
                self.summary()
            );
            assert!(
                within(e.trigger, e.sentence),
                "trigger outside its sentence in{}",
                self.summary()
            );
            if let Some(m) = e.mention {
                assert!(
                    ok(m) && within(m, e.sentence),
                    "mention outside its sentence in{}",
                    self.summary()
                );
                assert_eq!(
                    c.mention,
                    m.of(text),
                    "claim.mention differs from its span in{}",
                    self.summary()
                );
            }
            if let Some(d) = e.date {
                assert!(ok(d), "bad date span in{}", self.summary());
                assert_eq!(
                    c.effective.text.as_deref(),
                    Some(d.of(text)),
                    "effective.text differs from its span"
                );
            }
            if let Some(s) = e.speaker {
                assert!(ok(s), "bad speaker span in{}", self.summary());
            }
            assert!(
                (0.0..=1.0).contains(&c.confidence),
                "confidence out of range in{}",
                self.summary()
            );
            assert!(
                c.crossing.is_some() != c.border.is_some(),
                "a claim is about a crossing or a border, not both or neither:{}",
                self.summary()
            );
            // A dateline is a place the report was filed from: never the thing a claim is about.
            if let (Some(d), Some(m)) = (&self.report.dateline, e.mention) {
                assert!(
                    m.end <= d.span.start || m.start >= d.span.end,
                    "a claim's mention overlaps the dateline:{}",
                    self.summary()
                );
            }
        }
    }
}
