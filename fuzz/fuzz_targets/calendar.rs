//! Arbitrary fields and words through every public function of `extract::calendar`: nothing may
//! panic, a converted date converts back, and a parsed number has no more digits than the word.
#![no_main]

use borderwatch_extract::calendar::{
    Calendar, date_to_hijri, date_to_solar_hijri, from_date, hijri_to_date, parse_number,
    resolve_month, solar_hijri_to_date, to_date,
};
use borderwatch_extract::timex::Direction;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((head, rest)) = data.split_at_checked(12) else {
        return;
    };
    let int = |b: &[u8]| i32::from_le_bytes([b[0], b[1], b[2], b[3]]);
    let (year, month, day, flags) = (int(&head[0..4]), head[4], head[5], head[6]);
    let published = jiff::civil::Date::MIN
        .checked_add(jiff::Span::new().days(i64::from(int(&head[8..12]).rem_euclid(7_304_484))))
        .ok();
    let dir = if flags & 1 == 0 {
        Direction::Past
    } else {
        Direction::Future
    };
    for cal in [Calendar::Gregorian, Calendar::SolarHijri, Calendar::Hijri] {
        if let Some(d) = to_date(cal, year, month, day) {
            assert_eq!(from_date(cal, d), (year, month, day), "{cal:?}");
        }
        let day_opt = (flags & 2 != 0).then_some(day);
        let year_opt = (flags & 4 != 0).then_some(year);
        let _ = resolve_month(cal, month, day_opt, year_opt, published, dir);
    }
    let _ = (
        solar_hijri_to_date(year, month, day),
        hijri_to_date(year, month, day),
    );
    if let Some(p) = published {
        let _ = (date_to_solar_hijri(p), date_to_hijri(p));
    }
    if let Ok(word) = std::str::from_utf8(rest)
        && let Some(n) = parse_number(word)
    {
        assert!(n.to_string().len() <= word.chars().count());
    }
});
