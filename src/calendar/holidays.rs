//! The regular bank holidays of each nation, computed from the statutory rules.
//!
//! Used for years the data file does not cover, and by the tests to check the data file:
//! where no proclamation moved or added a day, the rules and the data must agree exactly.
//! Proclaimed one-off days (jubilees, funerals, coronations) cannot be computed, which is
//! why a deadline that relies on these rules says so.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::{Holiday, Nation, Origin};

/// First year St Andrew's Day was a Scottish bank holiday: the St Andrew's Day Bank Holiday
/// (Scotland) Act 2007 came into force in 2007.
const ST_ANDREWS_FROM: i32 = 2007;

/// Easter Sunday in the Gregorian calendar (the anonymous "Meeus/Jones/Butcher" computus).
/// `None` only for years chrono cannot represent.
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// Good Friday: two days before Easter Sunday.
pub fn good_friday(year: i32) -> Option<NaiveDate> {
    easter_sunday(year).map(|easter| easter - Duration::days(2))
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The `n`th (from 1) `weekday` of `month`.
fn nth_weekday(year: i32, month: u32, weekday: Weekday, n: u8) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(year, month, weekday, n)
}

/// The last `weekday` of `month`.
fn last_weekday(year: i32, month: u32, weekday: Weekday) -> Option<NaiveDate> {
    let first_of_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    }?;
    let mut day = first_of_next.pred_opt()?;
    while day.weekday() != weekday {
        day = day.pred_opt()?;
    }
    Some(day)
}

/// Fixed-date holidays that move to the next free weekday when they fall at a weekend.
///
/// `weekdays_first`: Schedule 1 keeps a holiday that falls on a weekday where it is and gives
/// the substitute to the one at the weekend (25 December on a Sunday: Boxing Day stays on
/// Monday 26th and 27 December is the substitute). For the Scottish New Year pair the
/// proclamations substitute in calendar order instead (1 January on a Sunday: Monday 2nd is
/// New Year's Day's substitute and Tuesday 3rd is 2 January's), which gov.uk follows.
fn with_substitutes(days: &[(NaiveDate, &str)], weekdays_first: bool) -> Vec<(NaiveDate, String)> {
    let mut taken: Vec<NaiveDate> = Vec::new();
    let mut out = Vec::new();
    if weekdays_first {
        for (date, name) in days.iter().filter(|(d, _)| !is_weekend(*d)) {
            taken.push(*date);
            out.push((*date, (*name).to_owned()));
        }
    }
    for (date, name) in days {
        if weekdays_first && !is_weekend(*date) {
            continue;
        }
        let mut day = *date;
        while is_weekend(day) || taken.contains(&day) {
            match day.succ_opt() {
                Some(next) => day = next,
                None => break,
            }
        }
        taken.push(day);
        let name = if day == *date { (*name).to_owned() } else { format!("{name} (substitute day)") };
        out.push((day, name));
    }
    out
}

/// One nation's regular bank holidays in `year`, weekdays only (weekend days appear as their
/// substitutes), computed from the Banking and Financial Dealings Act 1971 Schedule 1, the
/// St Andrew's Day Act 2007 and the annual proclamations' usual pattern.
fn nation(year: i32, nation: Nation) -> Vec<(NaiveDate, String)> {
    let date = |m, d| NaiveDate::from_ymd_opt(year, m, d);
    let mut out: Vec<(NaiveDate, String)> = Vec::new();
    let mut push = |day: Option<NaiveDate>, name: &str| {
        if let Some(day) = day {
            out.push((day, name.to_owned()));
        }
    };
    let easter = easter_sunday(year);
    push(good_friday(year), "Good Friday");
    if nation != Nation::Scotland {
        push(easter.map(|e| e + Duration::days(1)), "Easter Monday");
    }
    push(nth_weekday(year, 5, Weekday::Mon, 1), "Early May bank holiday");
    push(last_weekday(year, 5, Weekday::Mon), "Spring bank holiday");
    match nation {
        Nation::Scotland => push(nth_weekday(year, 8, Weekday::Mon, 1), "Summer bank holiday"),
        _ => push(last_weekday(year, 8, Weekday::Mon), "Summer bank holiday"),
    }
    let mut fixed: Vec<(NaiveDate, String)> = Vec::new();
    let mut substitute = |days: &[(Option<NaiveDate>, &str)], weekdays_first: bool| {
        let days: Vec<(NaiveDate, &str)> = days.iter().filter_map(|(d, n)| d.map(|d| (d, *n))).collect();
        fixed.extend(with_substitutes(&days, weekdays_first));
    };
    match nation {
        Nation::Scotland => substitute(&[(date(1, 1), "New Year's Day"), (date(1, 2), "2nd January")], false),
        _ => substitute(&[(date(1, 1), "New Year's Day")], false),
    }
    if nation == Nation::NorthernIreland {
        substitute(&[(date(3, 17), "St Patrick's Day")], false);
        substitute(&[(date(7, 12), "Battle of the Boyne (Orangemen's Day)")], false);
    }
    if nation == Nation::Scotland && year >= ST_ANDREWS_FROM {
        substitute(&[(date(11, 30), "St Andrew's Day")], false);
    }
    substitute(&[(date(12, 25), "Christmas Day"), (date(12, 26), "Boxing Day")], true);
    out.extend(fixed);
    out.sort();
    out
}

/// Every nation's regular bank holidays in `year`, one entry per (date, name) with the
/// nations that keep it, in date order.
pub fn regular(year: i32) -> Vec<Holiday> {
    let mut out: Vec<Holiday> = Vec::new();
    for n in Nation::ALL {
        for (date, name) in nation(year, n) {
            match out.iter_mut().find(|h| h.date == date && h.name == name) {
                Some(holiday) => holiday.nations.push(n),
                None => out.push(Holiday { date, name, nations: vec![n], origin: Origin::Rule }),
            }
        }
    }
    out.sort_by(|a, b| (a.date, &a.name).cmp(&(b.date, &b.name)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn easter_matches_published_dates() {
        for (year, easter) in [
            (2015, "2015-04-05"),
            (2016, "2016-03-27"),
            (2019, "2019-04-21"),
            (2022, "2022-04-17"),
            (2024, "2024-03-31"),
            (2025, "2025-04-20"),
            (2027, "2027-03-28"),
            (2038, "2038-04-25"),
            (2285, "2285-03-22"),
        ] {
            assert_eq!(easter_sunday(year), Some(d(easter)), "{year}");
        }
    }

    #[test]
    fn substitutes_follow_schedule_1() {
        // 25 December 2022 was a Sunday: Boxing Day keeps Monday, Christmas moves to Tuesday.
        let names = |year| -> Vec<(String, String)> {
            regular(year)
                .into_iter()
                .filter(|h| h.date.month() == 12 && h.date.day() > 20)
                .map(|h| (h.date.to_string(), h.name))
                .collect()
        };
        assert_eq!(
            names(2022),
            [
                ("2022-12-26".into(), "Boxing Day".into()),
                ("2022-12-27".into(), "Christmas Day (substitute day)".into())
            ]
        );
        // Both at the weekend in 2021: Monday and Tuesday, in order.
        assert_eq!(
            names(2021),
            [
                ("2021-12-27".into(), "Christmas Day (substitute day)".into()),
                ("2021-12-28".into(), "Boxing Day (substitute day)".into())
            ]
        );
    }

    #[test]
    fn st_andrews_day_is_computed_only_from_2007() {
        let scottish = |year| regular(year).into_iter().filter(|h| h.name.starts_with("St Andrew")).count();
        assert_eq!(scottish(2006), 0);
        assert_eq!(scottish(2007), 1);
        assert_eq!(scottish(2030), 1);
    }
}
