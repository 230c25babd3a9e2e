//! Time expressions: find them in a sentence, then resolve them against the publication date.
//!
//! Finding and resolving are separate because the direction depends on the claim: "Wednesday" in
//! "reopened on Wednesday" is the last Wednesday on or before publication, in "will reopen on Wednesday"
//! the next one. Without a publication date, only expressions that carry their own year resolve; the rest
//! keep their text and a null date. Nothing is ever resolved against the clock.

use crate::Precision;
use crate::Span;
use crate::words::{Word, words};
use jiff::ToSpan;
use jiff::civil::{Date, Weekday};

/// How an expression bounds the change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeRole {
    /// "on Wednesday", "October 15": the day it happened / will happen.
    At,
    /// "since October 15": the start of a state that still holds.
    Since,
    /// "until Friday": the end of a state.
    Until,
    /// "from Monday", "starting next Saturday", "as of midnight": when a planned change starts.
    From,
}

/// What the expression says, before resolution.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeValue {
    /// A full date (ISO, or month-day-year).
    Date(Date),
    /// Month and day without a year.
    MonthDay {
        month: i8,
        day: i8,
    },
    /// A month, with its year when given ("in March", "October 2017").
    Month {
        month: i8,
        year: Option<i16>,
    },
    Year(i16),
    /// A weekday, with "last"/"next" when given.
    Weekday {
        day: Weekday,
        shift: Shift,
    },
    /// today (0), yesterday (-1), tomorrow (1), "N days ago" (-N).
    DayOffset(i32),
    /// last week (-1), this week (0), next week (1).
    WeekOffset(i32),
    /// last month (-1), this month (0), next month (1).
    MonthOffset(i32),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shift {
    None,
    Last,
    Next,
    This,
}

/// A time expression found in text; `span` indexes the text given to [`find_times`].
#[derive(Clone, Debug, PartialEq)]
pub struct TimeExpr {
    pub span: Span,
    pub value: TimeValue,
    pub role: TimeRole,
}

/// Which way an under-specified expression points: past for reported changes, future for plans.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Past,
    Future,
}

const MONTHS: [(&str, i8); 24] = [
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

const WEEKDAYS: [(&str, Weekday); 7] = [
    ("monday", Weekday::Monday),
    ("tuesday", Weekday::Tuesday),
    ("wednesday", Weekday::Wednesday),
    ("thursday", Weekday::Thursday),
    ("friday", Weekday::Friday),
    ("saturday", Weekday::Saturday),
    ("sunday", Weekday::Sunday),
];

/// True when a lower-case word can open a time expression: a month, a weekday, a number.
pub fn starts_time(word: &str) -> bool {
    month_of(word).is_some()
        || weekday_of(word).is_some()
        || word.chars().next().is_some_and(|c| c.is_ascii_digit())
        || matches!(word, "today" | "yesterday" | "tomorrow" | "midnight")
}

/// True when a lower-case word names a weekday or a month ("may" included: callers that meet the
/// modal must tell the two apart).
pub fn names_day_or_month(word: &str) -> bool {
    month_of(word).is_some() || weekday_of(word).is_some()
}

fn month_of(word: &str) -> Option<i8> {
    MONTHS.iter().find(|(n, _)| *n == word).map(|&(_, m)| m)
}

fn weekday_of(word: &str) -> Option<Weekday> {
    WEEKDAYS.iter().find(|(n, _)| *n == word).map(|&(_, d)| d)
}

/// True when a lower-case word names a day of the week or a part of a day ("friday", "evening",
/// "tonight", "weekend").
pub fn is_day_word(word: &str) -> bool {
    weekday_of(word).is_some()
        || matches!(
            word,
            "morning" | "afternoon" | "evening" | "night" | "tonight" | "weekend"
        )
}

/// The words right before word `k` (an "after", "following" or "since") measure a stretch of time back
/// from the change the sentence tells: "three years after", "a week after", "days after", "shortly
/// after". A duration of the change itself ("shut for hours after an exchange of fire") or a time named as a
/// day ("that same day after") does not: then the phrase after `k` may well be a cause.
pub fn measured_back(ws: &[Word], k: usize) -> bool {
    let lower = |i: usize| ws.get(i).map(|w| w.lower.as_str()).unwrap_or("");
    let Some(unit_at) = k.checked_sub(1) else {
        return false;
    };
    let unit = lower(unit_at);
    if matches!(unit, "shortly" | "soon" | "immediately" | "just") {
        return true;
    }
    let plural = matches!(
        unit,
        "hours" | "days" | "weeks" | "months" | "years" | "decades"
    );
    let singular = matches!(unit, "hour" | "day" | "week" | "month" | "year" | "decade");
    if !(plural || singular) {
        return false;
    }
    // The count before the unit: "three years", "a week", "several days", or none ("days after").
    let before_unit = unit_at.checked_sub(1).map(lower).unwrap_or("");
    let counted = number_word(before_unit).is_some()
        || matches!(
            before_unit,
            "few" | "several" | "many" | "some" | "couple" | "of"
        );
    // "for three days after …", "for hours after …": how long the change lasted.
    let duration = (unit_at.saturating_sub(3)..unit_at).any(|i| lower(i) == "for");
    !duration && (counted || plural)
}

fn number_word(word: &str) -> Option<i32> {
    let n = match word {
        "a" | "an" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        _ => return word.parse().ok().filter(|n| (1..=400).contains(n)),
    };
    Some(n)
}

/// True when the word is directly followed by a possessive 's: "last month's vote" names a vote, not a time.
fn possessive_after(text: &str, w: &Word) -> bool {
    let rest = &text[w.span.end..];
    rest.starts_with("'s") || rest.starts_with("’s")
}

/// Finds time expressions in `text`, in order, not overlapping.
pub fn find_times(text: &str) -> Vec<TimeExpr> {
    let ws = words(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        if let Some((value, first, last)) = match_value(text, &ws, i) {
            if !possessive_after(text, &ws[last]) {
                let (role, start) = role_before(&ws, first);
                let span = Span::new(ws[start].span.start, ws[last].span.end);
                out.push(TimeExpr { span, value, role });
            }
            i = last + 1;
        } else {
            i += 1;
        }
    }
    out
}

/// The preposition before an expression decides its role; the span grows to include it.
fn role_before(ws: &[Word], first: usize) -> (TimeRole, usize) {
    let prev = |k: usize| first.checked_sub(k).map(|j| ws[j].lower.as_str());
    // "beginning from 6 a.m. on April 2", "from noon on Monday": a start, however it is phrased.
    for k in 2..=4 {
        let between_ok = (1..k).all(|j| {
            matches!(
                prev(j),
                Some(
                    "midnight"
                        | "noon"
                        | "on"
                        | "at"
                        | "the"
                        | "next"
                        | "this"
                        | "morning"
                        | "tomorrow"
                )
            )
        });
        if between_ok
            && matches!(
                prev(k),
                Some("from" | "starting" | "beginning" | "effective")
            )
        {
            return (TimeRole::From, first - k);
        }
    }
    // "until at least 30 November", "until no later than Friday": an end, hedged by its limit words.
    if prev(1) == Some("least")
        && prev(2) == Some("at")
        && matches!(prev(3), Some("until" | "till"))
    {
        return (TimeRole::Until, first - 3);
    }
    let role = match prev(1) {
        Some("since") => TimeRole::Since,
        Some("until") | Some("till") | Some("through") => TimeRole::Until,
        Some("from") | Some("starting") | Some("beginning") | Some("effective") => TimeRole::From,
        Some("of") if prev(2) == Some("as") => return (TimeRole::From, first - 2),
        Some("on") | Some("by") | Some("in") => TimeRole::At,
        _ => return (TimeRole::At, first),
    };
    (role, first - 1)
}

/// Tries to read one time value starting at word `i`: (value, first word, last word).
fn match_value(text: &str, ws: &[Word], i: usize) -> Option<(TimeValue, usize, usize)> {
    let w = ws[i].lower.as_str();
    let next = |k: usize| ws.get(i + k).map(|x| x.lower.as_str());
    let adjacent = |a: usize, b: usize| -> bool {
        // Two words belong to one expression when only spaces, a comma or a period lie between them.
        match (ws.get(a), ws.get(b)) {
            (Some(x), Some(y)) => text[x.span.end..y.span.start]
                .chars()
                .all(|c| c == ' ' || c == ',' || c == '.'),
            _ => false,
        }
    };

    // ISO date: 2017-10-25 arrives as three number words joined by hyphens.
    if let (Some(y), true) = (
        w.parse::<i16>().ok().filter(|y| (1900..=2100).contains(y)),
        i + 2 < ws.len(),
    ) {
        let sep1 = &text[ws[i].span.end..ws[i + 1].span.start];
        let sep2 = &text[ws[i + 1].span.end..ws[i + 2].span.start];
        if sep1 == "-"
            && sep2 == "-"
            && let (Ok(m), Ok(d)) = (ws[i + 1].lower.parse::<i8>(), ws[i + 2].lower.parse::<i8>())
            && let Ok(date) = Date::new(y, m, d)
        {
            return Some((TimeValue::Date(date), i, i + 2));
        }
    }

    // Month first: "October 15", "Oct. 15, 2017", "October 2017", "March" (after "in"/"mid").
    if let Some(m) = month_of(w) {
        // "may" is a modal verb far more often than a month: only take it capitalised, and alone only
        // after a preposition ("in May"), where no modal can stand.
        if ws[i].text.chars().next().is_some_and(|c| c.is_uppercase()) {
            if let Some(day) = next(1).and_then(parse_day).filter(|_| adjacent(i, i + 1)) {
                if let Some(y) = next(2)
                    .and_then(parse_year)
                    .filter(|_| adjacent(i + 1, i + 2))
                    && let Ok(date) = Date::new(y, m, day)
                {
                    return Some((TimeValue::Date(date), i, i + 2));
                }
                return Some((TimeValue::MonthDay { month: m, day }, i, i + 1));
            }
            if let Some(y) = next(1).and_then(parse_year).filter(|_| adjacent(i, i + 1)) {
                return Some((
                    TimeValue::Month {
                        month: m,
                        year: Some(y),
                    },
                    i,
                    i + 1,
                ));
            }
            let prev = i.checked_sub(1).map(|j| ws[j].lower.as_str());
            if matches!(
                prev,
                Some("in")
                    | Some("mid")
                    | Some("early")
                    | Some("late")
                    | Some("since")
                    | Some("until")
                    | Some("from")
            ) {
                return Some((
                    TimeValue::Month {
                        month: m,
                        year: None,
                    },
                    i,
                    i,
                ));
            }
        }
        return None;
    }

    // Day first: "25 October", "1 June 2010".
    if let Some(day) = parse_day(w)
        && let Some(m) = next(1).and_then(month_of).filter(|_| adjacent(i, i + 1))
        && (next(1) != Some("may") || ws[i + 1].text.starts_with('M'))
    {
        if let Some(y) = next(2)
            .and_then(parse_year)
            .filter(|_| adjacent(i + 1, i + 2))
            && let Ok(date) = Date::new(y, m, day)
        {
            return Some((TimeValue::Date(date), i, i + 2));
        }
        return Some((TimeValue::MonthDay { month: m, day }, i, i + 1));
    }

    // A bare year after "in": "in 2015".
    if let Some(y) = parse_year(w) {
        let prev = i.checked_sub(1).map(|j| ws[j].lower.as_str());
        if prev == Some("in") {
            return Some((TimeValue::Year(y), i, i));
        }
        return None;
    }

    // Weekdays, with last/next/this before them.
    if let Some(day) = weekday_of(w) {
        let prev = i.checked_sub(1).map(|j| ws[j].lower.as_str());
        let (shift, first) = match prev {
            Some("last") => (Shift::Last, i - 1),
            Some("next") => (Shift::Next, i - 1),
            Some("this") => (Shift::This, i - 1),
            _ => (Shift::None, i),
        };
        let last = match next(1) {
            Some("morning") | Some("afternoon") | Some("evening") | Some("night") => i + 1,
            _ => i,
        };
        return Some((TimeValue::Weekday { day, shift }, first, last));
    }

    match w {
        "today" | "tonight" => return Some((TimeValue::DayOffset(0), i, i)),
        "yesterday" => return Some((TimeValue::DayOffset(-1), i, i)),
        "tomorrow" => {
            let last = match next(1) {
                Some("morning") | Some("afternoon") | Some("evening") | Some("night") => i + 1,
                _ => i,
            };
            return Some((TimeValue::DayOffset(1), i, last));
        }
        "last" | "this" | "next" => {
            let k = match w {
                "last" => -1,
                "this" => 0,
                _ => 1,
            };
            match next(1) {
                Some("week") => return Some((TimeValue::WeekOffset(k), i, i + 1)),
                Some("month") => return Some((TimeValue::MonthOffset(k), i, i + 1)),
                _ => {}
            }
        }
        _ => {}
    }

    // "three days ago", "a week ago".
    if let Some(n) = number_word(w)
        && next(2) == Some("ago")
    {
        match next(1) {
            Some("day") | Some("days") => return Some((TimeValue::DayOffset(-n), i, i + 2)),
            Some("week") | Some("weeks") => {
                return Some((TimeValue::DayOffset(-7 * n), i, i + 2));
            }
            _ => {}
        }
    }
    None
}

fn parse_day(w: &str) -> Option<i8> {
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[digits.len()..];
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") || digits.is_empty() || digits.len() > 2 {
        return None;
    }
    digits.parse::<i8>().ok().filter(|d| (1..=31).contains(d))
}

fn parse_year(w: &str) -> Option<i16> {
    if w.len() != 4 {
        return None;
    }
    w.parse::<i16>().ok().filter(|y| (1900..=2100).contains(y))
}

/// Resolves a value to a date and its precision; `None` when that would need a date the report does not give.
pub fn resolve(
    value: TimeValue,
    published: Option<Date>,
    dir: Direction,
) -> Option<(Date, Precision)> {
    match value {
        TimeValue::Date(d) => Some((d, Precision::Day)),
        TimeValue::Year(y) => Date::new(y, 1, 1).ok().map(|d| (d, Precision::Year)),
        TimeValue::Month {
            month,
            year: Some(y),
        } => Date::new(y, month, 1).ok().map(|d| (d, Precision::Month)),
        TimeValue::Month { month, year: None } => {
            let p = published?;
            let mut y = p.year();
            // "in March" read in a January report is last March when looking back, this March ahead.
            match dir {
                Direction::Past if month > p.month() => y -= 1,
                Direction::Future if month < p.month() => y += 1,
                _ => {}
            }
            Date::new(y, month, 1).ok().map(|d| (d, Precision::Month))
        }
        TimeValue::MonthDay { month, day } => {
            let p = published?;
            let mut d = Date::new(p.year(), month, day).ok()?;
            match dir {
                Direction::Past if d > p && (d - p).get_days() > 31 => {
                    d = d.checked_sub(1.year()).ok()?
                }
                Direction::Future if d < p && (p - d).get_days() > 31 => {
                    d = d.checked_add(1.year()).ok()?
                }
                _ => {}
            }
            Some((d, Precision::Day))
        }
        TimeValue::DayOffset(n) => {
            let p = published?;
            p.checked_add(n.days()).ok().map(|d| (d, Precision::Day))
        }
        TimeValue::Weekday { day, shift } => {
            let p = published?;
            let d = match (shift, dir) {
                (Shift::Last, _) => {
                    let back = p.weekday().since(day); // 0..6 days back to the same weekday
                    p.checked_sub(if back == 0 { 7 } else { back as i32 }.days())
                        .ok()?
                }
                (Shift::Next, _)
                | (Shift::None, Direction::Future)
                | (Shift::This, Direction::Future) => {
                    let ahead = day.since(p.weekday());
                    p.checked_add((ahead as i32).days()).ok()?
                }
                (Shift::None, Direction::Past) | (Shift::This, Direction::Past) => {
                    let back = p.weekday().since(day);
                    p.checked_sub((back as i32).days()).ok()?
                }
            };
            Some((d, Precision::Day))
        }
        TimeValue::WeekOffset(k) => {
            let p = published?;
            let monday = p
                .checked_sub((p.weekday().to_monday_zero_offset() as i32).days())
                .ok()?;
            monday
                .checked_add((7 * k).days())
                .ok()
                .map(|d| (d, Precision::Week))
        }
        TimeValue::MonthOffset(k) => {
            let p = published?;
            let first = p.first_of_month();
            first
                .checked_add(k.months())
                .ok()
                .map(|d| (d, Precision::Month))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn one(text: &str) -> TimeExpr {
        let t = find_times(text);
        assert_eq!(t.len(), 1, "{text:?} → {t:?}");
        t.into_iter().next().unwrap()
    }

    #[test]
    fn weekday_resolves_back_to_the_same_or_previous_day() {
        // 2017-10-25 was a Wednesday.
        let e = one("Iran opened the crossing Wednesday after a week.");
        assert_eq!(
            e.span
                .of("Iran opened the crossing Wednesday after a week."),
            "Wednesday"
        );
        let pub_ = Some(d("2017-10-25"));
        assert_eq!(
            resolve(e.value, pub_, Direction::Past),
            Some((d("2017-10-25"), Precision::Day))
        );
        let e = one("It closed on Sunday.");
        assert_eq!(e.role, TimeRole::At);
        assert_eq!(e.span.of("It closed on Sunday."), "on Sunday");
        assert_eq!(
            resolve(e.value, pub_, Direction::Past).unwrap().0,
            d("2017-10-22")
        );
        assert_eq!(
            resolve(e.value, pub_, Direction::Future).unwrap().0,
            d("2017-10-29")
        );
    }

    #[test]
    fn nothing_resolves_without_a_publication_date_unless_the_year_is_given() {
        for text in [
            "closed on Wednesday",
            "since October 15",
            "last week",
            "yesterday",
            "in March",
        ] {
            let e = one(text);
            assert_eq!(resolve(e.value, None, Direction::Past), None, "{text}");
        }
        let e = one("closed on Oct. 15, 2017 by decree");
        assert_eq!(
            resolve(e.value, None, Direction::Past),
            Some((d("2017-10-15"), Precision::Day))
        );
        let e = one("reopened 2017-10-25.");
        assert_eq!(
            resolve(e.value, None, Direction::Past).unwrap().0,
            d("2017-10-25")
        );
    }

    #[test]
    fn roles_come_from_prepositions() {
        let text =
            "closed since October 15 and shut until Friday, to reopen from Monday, as of 1 June";
        let t = find_times(text);
        let roles: Vec<_> = t.iter().map(|e| e.role).collect();
        assert_eq!(
            roles,
            [
                TimeRole::Since,
                TimeRole::Until,
                TimeRole::From,
                TimeRole::From
            ]
        );
        assert_eq!(t[0].span.of(text), "since October 15");
        assert_eq!(t[3].span.of(text), "as of 1 June");
        let u = find_times("closed until at least 30 November 2025");
        assert_eq!(u[0].role, TimeRole::Until);
        let text = "shut to visitors starting from midnight on April 2";
        let e = one(text);
        assert_eq!(e.role, TimeRole::From);
        assert_eq!(
            e.span.of(text),
            "starting from midnight on April 2".trim_start_matches("starting ")
        );
        let p = Some(d("2017-10-25"));
        assert_eq!(
            resolve(t[0].value, p, Direction::Past).unwrap().0,
            d("2017-10-15")
        );
        assert_eq!(
            resolve(t[1].value, p, Direction::Future).unwrap().0,
            d("2017-10-27")
        );
    }

    #[test]
    fn relative_weeks_months_and_days() {
        let p = Some(d("2017-10-25"));
        let e = one("the border closed last week");
        assert_eq!(
            resolve(e.value, p, Direction::Past),
            Some((d("2017-10-16"), Precision::Week))
        );
        let e = one("the border closed last month");
        assert_eq!(
            resolve(e.value, p, Direction::Past),
            Some((d("2017-09-01"), Precision::Month))
        );
        let e = one("it shut three days ago");
        assert_eq!(
            resolve(e.value, p, Direction::Past).unwrap().0,
            d("2017-10-22")
        );
        let e = one("It will reopen tomorrow morning");
        assert_eq!(
            e.span.of("It will reopen tomorrow morning"),
            "tomorrow morning"
        );
        assert_eq!(
            resolve(e.value, p, Direction::Future).unwrap().0,
            d("2017-10-26")
        );
        let e = one("on Sept. 25 the gate shut");
        assert_eq!(
            resolve(e.value, p, Direction::Past).unwrap().0,
            d("2017-09-25")
        );
    }

    #[test]
    fn possessives_and_modal_may_are_not_times() {
        assert!(find_times("following last month's vote on independence").is_empty());
        assert!(find_times("Wednesday's decision").is_empty());
        assert!(find_times("the crossing may reopen").is_empty());
        assert_eq!(find_times("on 3 May 2019 it shut").len(), 1);
    }

    #[test]
    fn month_without_day_needs_a_preposition() {
        assert!(find_times("March on the capital").is_empty());
        let e = one("closed in March");
        let p = Some(d("2020-09-10"));
        assert_eq!(
            resolve(e.value, p, Direction::Past),
            Some((d("2020-03-01"), Precision::Month))
        );
    }

    #[test]
    fn a_measure_before_after_looks_back_but_a_duration_does_not() {
        let at_after = |s: &str| {
            let ws = words(s);
            let k = ws.iter().position(|w| w.lower == "after").unwrap_or(0);
            measured_back(&ws, k)
        };
        assert!(at_after(
            "reopened it three years after fighting forced its closure"
        ));
        assert!(at_after("closed it a week after shutting four others"));
        assert!(at_after("closed it days after reopening it"));
        assert!(at_after("reopened shortly after the vote"));
        assert!(!at_after("shut for hours after an exchange of fire"));
        assert!(!at_after("closed for three days after an attack"));
        assert!(!at_after("closed that same day after a surge in cases"));
        assert!(!at_after("closed after a clash"));
    }
}
