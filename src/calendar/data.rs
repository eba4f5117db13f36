//! The built-in bank holiday list, `src/data/bank-holidays.tsv`, parsed.
//!
//! The file is part of the binary and checked by the tests, so a row that does not parse is
//! a defect in the build, not bad input: parsing reports it as an error message and the
//! caller treats it as such.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use super::{Holiday, Nation, Origin};

/// The data file, embedded.
pub const TEXT: &str = include_str!("../data/bank-holidays.tsv");

/// The parsed data file.
#[derive(Debug, Clone)]
pub struct Data {
    /// The date the data was taken from the source (the `taken:` header line).
    pub taken: NaiveDate,
    /// First and last year the file covers in full (the `covers:` header line).
    pub first_year: i32,
    /// Last year covered.
    pub last_year: i32,
    /// The holidays, by year, each year in date order.
    pub years: BTreeMap<i32, Vec<Holiday>>,
}

/// Parses the data file's text.
pub fn parse(text: &str) -> Result<Data, String> {
    let mut taken = None;
    let mut covers = None;
    let mut years: BTreeMap<i32, Vec<Holiday>> = BTreeMap::new();
    for (index, line) in text.lines().enumerate() {
        let at = |message: String| format!("bank-holidays.tsv line {}: {message}", index + 1);
        if let Some(comment) = line.strip_prefix('#') {
            let comment = comment.trim();
            if let Some(date) = comment.strip_prefix("taken:") {
                taken = Some(parse_date(date.trim()).map_err(at)?);
            } else if let Some(range) = comment.strip_prefix("covers:") {
                let (first, last) =
                    range.trim().split_once('-').ok_or_else(|| at("`covers:` needs FIRST-LAST".into()))?;
                let year = |s: &str| s.trim().parse::<i32>().map_err(|_| at(format!("`{s}` is not a year")));
                covers = Some((year(first)?, year(last)?));
            }
            continue;
        }
        if line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let [date, nations, name] = fields.as_slice() else {
            return Err(at(format!("expected 3 tab-separated fields, found {}", fields.len())));
        };
        let date = parse_date(date).map_err(at)?;
        let mut parsed = Vec::new();
        for code in nations.split(',') {
            let nation = Nation::ALL
                .into_iter()
                .find(|n| n.code() == code.trim())
                .ok_or_else(|| at(format!("unknown nation `{code}`")))?;
            if parsed.contains(&nation) {
                return Err(at(format!("nation `{code}` listed twice")));
            }
            parsed.push(nation);
        }
        parsed.sort();
        if name.trim().is_empty() {
            return Err(at("the holiday has no name".into()));
        }
        years.entry(date.year()).or_default().push(Holiday {
            date,
            name: name.trim().to_owned(),
            nations: parsed,
            origin: Origin::Data,
        });
    }
    let taken = taken.ok_or("bank-holidays.tsv has no `# taken:` line")?;
    let (first_year, last_year) = covers.ok_or("bank-holidays.tsv has no `# covers:` line")?;
    for year in first_year..=last_year {
        if !years.contains_key(&year) {
            return Err(format!(
                "bank-holidays.tsv covers {first_year}-{last_year} but has no rows for {year}"
            ));
        }
    }
    if let Some(year) = years.keys().find(|y| !(first_year..=last_year).contains(*y)) {
        return Err(format!("bank-holidays.tsv has rows for {year}, outside {first_year}-{last_year}"));
    }
    Ok(Data { taken, first_year, last_year, years })
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("`{text}` is not a YYYY-MM-DD date"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_rows_are_reported_with_their_line() {
        let head = "# taken: 2026-01-01\n# covers: 2020-2020\n";
        let err = parse(&format!("{head}2020-01-01\tew,xx\tNew Year's Day\n")).unwrap_err();
        assert_eq!(err, "bank-holidays.tsv line 3: unknown nation `xx`");
        let err = parse(&format!("{head}2020-13-01\tew\tX\n")).unwrap_err();
        assert!(err.contains("line 3") && err.contains("not a YYYY-MM-DD date"), "{err}");
        let err = parse(&format!("{head}2020-01-01 ew New Year\n")).unwrap_err();
        assert!(err.contains("expected 3 tab-separated fields"), "{err}");
        let err = parse("# covers: 2020-2021\n# taken: 2026-01-01\n2020-01-01\tew\tX\n").unwrap_err();
        assert!(err.contains("no rows for 2021"), "{err}");
    }
}
