//! Hand-built claims and reports for the October 2017 Iran–Kurdistan Region story, plus distractors.
//! Every text here is written for these tests.

#![allow(dead_code)]

use borderwatch_extract::{
    Attribution, Change, Claim, CrossingRef, Effective, Evidence, Modality, Precision, Status,
};
use borderwatch_fusion::{Fusion, FusionInput, Signature};
use jiff::civil::{Date, date};

pub const BASHMAGH: &str = "ir-iq-bashmagh";
pub const PARVIZ: &str = "ir-iq-parviz-khan";
pub const HAJI: &str = "ir-iq-haji-omaran";
pub const MEHRAN: &str = "ir-iq-mehran";
pub const GURBULAK: &str = "tr-ir-gurbulak";
pub const ALQAIM: &str = "iq-sy-al-qaim";

pub fn crossings() -> Vec<(&'static str, Vec<String>)> {
    let pair = |a: &str, b: &str| vec![a.to_string(), b.to_string()];
    vec![
        (BASHMAGH, pair("IR", "IQ")),
        (PARVIZ, pair("IR", "IQ")),
        (HAJI, pair("IR", "IQ")),
        (MEHRAN, pair("IR", "IQ")),
        (GURBULAK, pair("TR", "IR")),
        (ALQAIM, pair("IQ", "SY")),
    ]
}

/// A claim about one crossing.
pub fn at(
    id: &str,
    change: Change,
    status: Status,
    modality: Modality,
    when: Option<Date>,
) -> Claim {
    let countries: Vec<String> = id.split('-').take(2).map(str::to_uppercase).collect();
    Claim {
        crossing: Some(CrossingRef {
            id: Some(id.to_string()),
            name: id.to_string(),
            countries,
        }),
        border: None,
        mention: id.to_string(),
        change,
        status,
        modality,
        effective: Effective {
            text: when.map(|d| d.to_string()),
            date: when,
            precision: when.map(|_| Precision::Day),
        },
        scope: None,
        attribution: Attribution::default(),
        cause: None,
        evidence: Evidence::default(),
        confidence: 0.9,
    }
}

/// A claim about a whole border.
pub fn border(
    codes: &[&str],
    change: Change,
    status: Status,
    modality: Modality,
    when: Option<Date>,
) -> Claim {
    let mut c = at("xx-xx-border", change, status, modality, when);
    c.crossing = None;
    c.border = Some(codes.iter().map(|s| s.to_string()).collect());
    c.mention = codes.join("-");
    c
}

pub fn report(
    id: &str,
    published: Option<Date>,
    outlet: &str,
    text: &str,
    claims: Vec<Claim>,
) -> FusionInput {
    FusionInput {
        report: id.to_string(),
        published,
        url: Some(format!("https://{outlet}.example/{id}")),
        outlet: Some(outlet.to_string()),
        signature: Signature::of(text),
        claims,
    }
}

const CLOSURE_A: &str = "Iran shut its three official land crossings with the Kurdistan Region of Iraq on \
    Sunday, acting on a request from the central government in Baghdad after the region voted for \
    independence last month. Lorry drivers at Bashmagh, Parviz Khan and Haji Omaran were told to turn back.";
const CLOSURE_B: &str = "Kurdish traders said the gates at Bashmagh, Parviz Khan and Haji Omaran stayed \
    shut from the weekend, leaving fuel tankers queued on the Iranian side while Tehran and Baghdad \
    coordinated their response to the September vote.";
const DENIAL: &str = "A spokesman for Iran's foreign ministry rejected reports that the border with the \
    Kurdistan Region had been closed, saying only flights had been halted at Baghdad's request.";
const WIRE: &str = "Iran reopened the Bashmagh crossing with Iraqi Kurdistan on Wednesday, the head of \
    the customs office in Kurdistan province told state television, weeks after shutting it over the \
    independence referendum. He said it was not yet known when the other crossings between Iran and \
    the region would open again. Trade through Bashmagh is worth about twenty billion dollars a year, \
    he added, and the crossing lies some fifty kilometres east of Sulaimaniya. Officials in Erbil \
    welcomed the decision and said they hoped the remaining posts would follow soon.";
const INDEPENDENT: &str = "Traffic resumed at Bashmagh this week, a local trader told our correspondent \
    by telephone, describing the first trucks of tomatoes and cement rolling across since mid-month. \
    Parviz Khan and Haji Omaran remain shut, he said.";
const GURBULAK_TEXT: &str = "Turkey and Iran agreed to keep the Gurbulak gate open around the clock \
    after a row over queue times at the customs yard eased on Friday.";
const SYRIA_TEXT: &str = "Iraq closed its border with Syria on Thursday citing security operations in \
    the desert, a spokesman for the joint operations command said.";
const PLAN_TEXT: &str = "Officials said the Mehran crossing would open next month for pilgrims heading \
    to Karbala, if preparations are finished in time.";

/// The story in eight reports: two independent closure reports, a denial, one wire story on two sites,
/// an independent report of the reopening, and three distractors.
pub fn story() -> Vec<FusionInput> {
    use Change::*;
    use Modality::*;
    use Status as St;
    let mid = date(2017, 10, 15);
    let wed = date(2017, 10, 25);
    let closure_a = report(
        "r1-closure-a",
        Some(mid),
        "kurdnews",
        CLOSURE_A,
        vec![
            at(BASHMAGH, Closed, St::Closed, Asserted, Some(mid)),
            at(PARVIZ, Closed, St::Closed, Asserted, Some(mid)),
            at(HAJI, Closed, St::Closed, Asserted, Some(mid)),
        ],
    );
    // Published a day later; one claim gives no date and joins the closure by publication date.
    let closure_b = report(
        "r2-closure-b",
        Some(date(2017, 10, 16)),
        "tradewire",
        CLOSURE_B,
        vec![
            at(
                BASHMAGH,
                Closed,
                St::Closed,
                Asserted,
                Some(date(2017, 10, 16)),
            ),
            at(PARVIZ, Closed, St::Closed, Asserted, None),
            at(HAJI, Closed, St::Closed, Asserted, Some(mid)),
        ],
    );
    let denial = report(
        "r3-denial",
        Some(mid),
        "capitaldaily",
        DENIAL,
        vec![border(
            &["IR", "IQ"],
            DeniedClosure,
            St::Open,
            Denied,
            Some(mid),
        )],
    );
    let wire_claims = vec![
        at(BASHMAGH, Reopened, St::Open, Asserted, Some(wed)),
        // "closed after the referendum": undated background of the reopening.
        at(BASHMAGH, Closed, St::Closed, Asserted, None),
        at(PARVIZ, ExtendedClosure, St::Closed, Uncertain, Some(wed)),
        at(HAJI, ExtendedClosure, St::Closed, Uncertain, Some(wed)),
    ];
    let wire_a = report(
        "r4-wire-a",
        Some(wed),
        "gulfpost",
        &format!("Iran reopens Kurdistan border post\n{WIRE}\nCopyright the agency."),
        wire_claims.clone(),
    );
    let wire_b = report(
        "r5-wire-b",
        Some(wed),
        "levantherald",
        &format!("Bashmagh gate open again, says customs chief\n{WIRE}\nRead more on our site."),
        wire_claims,
    );
    let independent = report(
        "r6-independent",
        Some(date(2017, 10, 26)),
        "borderlines",
        INDEPENDENT,
        vec![
            at(BASHMAGH, Reopened, St::Open, Asserted, Some(wed)),
            at(PARVIZ, NoChange, St::Closed, Asserted, None),
            at(HAJI, NoChange, St::Closed, Asserted, None),
        ],
    );
    let gurbulak = report(
        "r7-gurbulak",
        Some(date(2017, 10, 20)),
        "anatolianotes",
        GURBULAK_TEXT,
        vec![at(
            GURBULAK,
            NoChange,
            St::Open,
            Asserted,
            Some(date(2017, 10, 20)),
        )],
    );
    let syria = report(
        "r8-iq-sy",
        Some(date(2017, 10, 19)),
        "desertdispatch",
        SYRIA_TEXT,
        vec![border(
            &["IQ", "SY"],
            Closed,
            St::Closed,
            Asserted,
            Some(date(2017, 10, 19)),
        )],
    );
    let plan = report(
        "r9-mehran-plan",
        Some(date(2017, 10, 22)),
        "pilgrimpost",
        PLAN_TEXT,
        vec![at(
            MEHRAN,
            PlannedOpening,
            St::Closed,
            Planned,
            Some(date(2017, 11, 1)),
        )],
    );
    vec![
        closure_a,
        closure_b,
        denial,
        wire_a,
        wire_b,
        independent,
        gurbulak,
        syria,
        plan,
    ]
}

pub fn fused(inputs: Vec<FusionInput>) -> Fusion {
    Fusion::fuse_all(Fusion::with_crossings(crossings()), inputs)
}
