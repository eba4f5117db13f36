//! Tables of cases for the calendar: the data file, the rules, the worked examples of the
//! reference notes (B.1), and a property test over 2015–2035.

use std::collections::BTreeSet;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use proptest::prelude::*;

use super::*;
use crate::jurisdiction::tests::{foia as act_foia, foisa as act_foisa};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The common mistake: counting England and Wales bank holidays only.
const ENGLAND_ONLY: WorkingDays =
    WorkingDays { nations: [true, false, false], good_friday: true, section: "England only" };

fn due_on(received: &str, jurisdiction: Jurisdiction) -> NaiveDate {
    due(d(received), 20, jurisdiction, &[]).unwrap().due
}

fn england_only(received: &str) -> NaiveDate {
    count(d(received), 20, act_foia(), ENGLAND_ONLY, &[]).unwrap().due
}

#[test]
fn the_worked_examples_of_the_reference_notes() {
    // Received, FOIA (any part of the UK), FOISA (Scotland), England and Wales only (wrong).
    let table = [
        ("2025-03-10", "2025-04-08", "2025-04-07", "2025-04-07"), // St Patrick's Day, 17 March
        ("2025-04-01", "2025-05-01", "2025-04-30", "2025-05-01"), // Easter Monday: not Scottish
        ("2025-12-22", "2026-01-23", "2026-01-23", "2026-01-22"), // 2 January (Scotland)
        ("2026-06-01", "2026-06-30", "2026-06-30", "2026-06-29"), // 15 June 2026 (Scotland)
        ("2026-06-12", "2026-07-14", "2026-07-13", "2026-07-10"), // 15 June + Boyne substitute
        ("2026-06-13", "2026-07-14", "2026-07-13", "2026-07-10"), // received on a Saturday
        ("2022-08-22", "2022-09-21", "2022-09-20", "2022-09-21"), // 29 Aug (E&W, NI), 19 Sep
        ("2022-11-25", "2022-12-28", "2022-12-28", "2022-12-23"), // the issue's example
    ];
    for (received, foia, foisa, wrong) in table {
        assert_eq!(due_on(received, act_foia()), d(foia), "FOIA, received {received}");
        assert_eq!(due_on(received, act_foisa()), d(foisa), "FOISA, received {received}");
        assert_eq!(england_only(received), d(wrong), "England only, received {received}");
    }
}

#[test]
fn the_issue_example_is_explained_day_by_day() {
    let deadline = due(d("2022-11-25"), 20, act_foia(), &[]).unwrap();
    let text = deadline.to_text(true);
    assert!(text.starts_with("2022-12-28 (Wed 28 Dec 2022): working day 20 after Fri 25 Nov 2022"), "{text}");
    for line in [
        "Fri 25 Nov 2022: received (day 0); the count starts with the next working day",
        "Sat 26 Nov 2022: Saturday — not a working day under FOIA s.10(6)",
        "Mon 28 Nov 2022: working day 1",
        "Wed 30 Nov 2022: St Andrew's Day (Scotland) — not a working day under FOIA s.10(6)",
        "Sun 25 Dec 2022: Sunday and Christmas Day — not a working day under FOIA s.10(6)",
        "Mon 26 Dec 2022: Boxing Day (all of the UK) — not a working day under FOIA s.10(6)",
        "Tue 27 Dec 2022: Christmas Day (substitute day; all of the UK) — not a working day under FOIA s.10(6)",
        "Wed 28 Dec 2022: working day 20, the due date",
    ] {
        assert!(text.lines().any(|l| l == line), "missing {line:?} in\n{text}");
    }
    let counted: Vec<u32> = deadline.trace.iter().filter_map(|t| t.working_day).collect();
    assert_eq!(counted, (1..=20).collect::<Vec<_>>());
    assert!(deadline.notes.is_empty(), "2022 is in the data file: {:?}", deadline.notes);
    assert_eq!(
        deadline.to_text(false),
        "2022-12-28 (Wed 28 Dec 2022): working day 20 after Fri 25 Nov 2022, under FOIA\n"
    );
}

#[test]
fn foisa_says_which_holidays_it_does_not_count() {
    let text = due(d("2025-03-10"), 20, act_foisa(), &[]).unwrap().to_text(true);
    assert!(
        text.contains("Mon 17 Mar 2025: working day 5 — St Patrick's Day (Northern Ireland) is not a bank holiday that FOISA s.73 counts"),
        "{text}"
    );
    let text = due(d("2025-11-20"), 20, act_foisa(), &[]).unwrap().to_text(true);
    assert!(
        text.contains(
            "Mon 1 Dec 2025: St Andrew's Day (substitute day; Scotland) — not a working day under FOISA s.73"
        ),
        "{text}"
    );
}

#[test]
fn good_friday_and_christmas_day_stand_even_without_the_data() {
    // Both are named in the Acts themselves; the rule years have no data file behind them.
    let good_friday = holidays::good_friday(2031).unwrap();
    assert!(!is_working_day(good_friday, act_foia(), &[]));
    assert!(!is_working_day(good_friday, act_foisa(), &[]), "a Scottish bank holiday by Schedule 1");
    assert!(!is_working_day(d("2031-12-25"), act_foisa(), &[]));
    assert!(is_working_day(good_friday + Duration::days(3), act_foisa(), &[]), "Easter Monday, under FOISA");
    assert!(!is_working_day(good_friday + Duration::days(3), act_foia(), &[]));
}

#[test]
fn years_past_the_data_are_computed_by_rule_and_say_so() {
    let deadline = due(d("2027-12-20"), 20, act_foia(), &[]).unwrap();
    assert_eq!(deadline.due, d("2028-01-21"));
    assert!(
        deadline.notes.iter().any(|n| n.starts_with("2028 is outside the built-in calendar (2015 to 2027)"))
    );
    assert!(deadline.notes.iter().any(|n| n.contains("proclaimed one-off days may be missing")));
    assert!(
        deadline
            .notes
            .iter()
            .any(|n| n.starts_with("2027's bank holidays are those announced by 2026-11-24"))
    );
    let text = deadline.to_text(true);
    assert!(
        text.contains("Mon 3 Jan 2028: New Year's Day (substitute day; all of the UK; computed by rule)"),
        "{text}"
    );
    assert!(text.ends_with("proclaimed one-off days may be missing\n"), "{text}");
}

#[test]
fn a_casebook_can_add_a_proclaimed_day() {
    let extra = [Holiday {
        date: d("2029-06-18"),
        name: "Example proclaimed holiday".into(),
        nations: vec![Nation::NorthernIreland],
        origin: Origin::Casebook,
    }];
    let without = due(d("2029-06-15"), 20, act_foia(), &[]).unwrap();
    let with = due(d("2029-06-15"), 20, act_foia(), &extra).unwrap();
    assert_eq!(with.due, without.due.succ_opt().unwrap());
    assert!(with.to_text(true).contains("Example proclaimed holiday (Northern Ireland; added in foi.yaml)"));
    assert_eq!(
        due(d("2029-06-15"), 20, act_foisa(), &extra).unwrap().due,
        due(d("2029-06-15"), 20, act_foisa(), &[]).unwrap().due
    );
}

#[test]
fn out_of_range_dates_and_zero_days_are_errors() {
    assert_eq!(due(d("2004-12-31"), 20, act_foia(), &[]), Err(DeadlineError::OutOfRange(d("2004-12-31"))));
    // Regression (issue 11): said "2100-12-31 is outside (2005 to 2100)", a date inside.
    let past = due(d("2100-12-20"), 20, act_foia(), &[]);
    assert_eq!(past, Err(DeadlineError::RunsPast { received: d("2100-12-20"), days: 20 }));
    assert_eq!(
        past.map(|_| ()).unwrap_err().to_string(),
        "20 working days from 2100-12-20 would end after 31 December 2100, the last day foi computes \
         deadlines for (the years 2005 to 2100)"
    );
    assert_eq!(due(d("2022-11-25"), 0, act_foia(), &[]), Err(DeadlineError::NoDays));
    assert!(due(d("2005-01-01"), 20, act_foisa(), &[]).is_ok());
}

/// Expected bank holidays per nation (England and Wales, Scotland, Northern Ireland) each
/// year: 8, 9 and 10 in a year without proclaimed changes. 2022: the Platinum Jubilee and
/// the State Funeral added a day each; 2023: the coronation; 2026: 15 June in Scotland.
const COUNTS: [(i32, [usize; 3]); 13] = [
    (2015, [8, 9, 10]),
    (2016, [8, 9, 10]),
    (2017, [8, 9, 10]),
    (2018, [8, 9, 10]),
    (2019, [8, 9, 10]),
    (2020, [8, 9, 10]),
    (2021, [8, 9, 10]),
    (2022, [10, 11, 12]),
    (2023, [9, 10, 11]),
    (2024, [8, 9, 10]),
    (2025, [8, 9, 10]),
    (2026, [8, 10, 10]),
    (2027, [8, 9, 10]),
];

#[test]
fn the_data_file_has_the_expected_holidays_each_year() {
    let calendar = builtin();
    assert_eq!(calendar.covers(), (2015, 2027));
    for (year, expected) in COUNTS {
        let holidays = calendar.holidays(year);
        let per_nation = Nation::ALL.map(|n| holidays.iter().filter(|h| h.nations.contains(&n)).count());
        assert_eq!(per_nation, expected, "{year}: England and Wales, Scotland, Northern Ireland");
    }
}

#[test]
fn the_calendar_agrees_with_every_row_of_the_data_file() {
    let calendar = builtin();
    let mut seen = BTreeSet::new();
    for year in 2015..=2027 {
        let holidays = calendar.holidays(year);
        assert!(holidays.windows(2).all(|w| w[0].date <= w[1].date), "{year} is in date order");
        for holiday in holidays {
            let date = holiday.date;
            assert!(seen.insert((date, holiday.name.clone())), "{date} listed twice");
            assert_eq!(holiday.origin, Origin::Data);
            assert!(!matches!(date.weekday(), Weekday::Sat | Weekday::Sun), "{date} is a weekend day");
            assert!(
                !is_working_day(date, act_foia(), &[]),
                "{date} is a bank holiday somewhere: FOIA skips it"
            );
            let scottish = holiday.nations.contains(&Nation::Scotland);
            assert_eq!(is_working_day(date, act_foisa(), &[]), !scottish, "{date} under FOISA");
            let trace = due(date - Duration::days(1), 1, act_foia(), &[]).unwrap().trace;
            assert!(
                trace[1].reasons.iter().any(|r| r.name == holiday.name),
                "{date}: {} is given as the reason",
                holiday.name
            );
        }
    }
}

type Row = (NaiveDate, Vec<Nation>, String);

fn rows(holidays: Vec<Holiday>) -> BTreeSet<Row> {
    holidays.into_iter().map(|h| (h.date, h.nations, h.name)).collect()
}

#[test]
fn the_rules_and_the_data_file_check_each_other() {
    let calendar = builtin();
    // Days proclamations moved or added, per year: (only in the data, only by the rules).
    let proclaimed: [(i32, &[&str], &[&str]); 4] = [
        (2020, &["2020-05-08"], &["2020-05-04"]), // early May moved for VE Day
        (2022, &["2022-06-02", "2022-06-03", "2022-09-19"], &["2022-05-30"]),
        (2023, &["2023-05-08"], &[]), // the coronation
        (2026, &["2026-06-15"], &[]), // Scotland only
    ];
    for year in 2015..=2027 {
        let data = rows(calendar.holidays(year));
        let rule = rows(holidays::regular(year));
        let only_data: Vec<NaiveDate> = data.difference(&rule).map(|r| r.0).collect();
        let only_rule: Vec<NaiveDate> = rule.difference(&data).map(|r| r.0).collect();
        let (expect_data, expect_rule) = proclaimed
            .iter()
            .find(|(y, _, _)| *y == year)
            .map(|(_, a, b)| (a.iter().map(|s| d(s)).collect(), b.iter().map(|s| d(s)).collect()))
            .unwrap_or((Vec::new(), Vec::new()));
        assert_eq!(only_data, expect_data, "{year}: in the data file but not computed by rule");
        assert_eq!(only_rule, expect_rule, "{year}: computed by rule but not in the data file");
    }
}

fn any_date() -> impl Strategy<Value = NaiveDate> {
    let first = d("2015-01-01");
    let span = (d("2035-12-31") - first).num_days();
    (0..=span).prop_map(move |offset| first + Duration::days(offset))
}

proptest! {
    #[test]
    fn due_is_a_working_day_at_least_26_days_later(received in any_date(), foisa in any::<bool>()) {
        let jurisdiction = if foisa { act_foisa() } else { act_foia() };
        let deadline = due(received, 20, jurisdiction, &[]).unwrap();
        prop_assert!(deadline.due > received);
        prop_assert!(is_working_day(deadline.due, jurisdiction, &[]));
        // Twenty working days span at least four weekends: receipt on a Sunday is quickest.
        prop_assert!(deadline.due >= received + Duration::days(26), "{} -> {}", received, deadline.due);
        let counted = deadline.trace.iter().filter(|t| t.status == DayStatus::WorkingDay).count();
        prop_assert_eq!(counted, 20);
        prop_assert_eq!(deadline.trace.len() as i64, (deadline.due - received).num_days() + 1);
    }
}
