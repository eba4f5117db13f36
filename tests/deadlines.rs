//! Deadlines in the casebook (SPEC §5, time limit): the due date of each request, the clock
//! restarted by a clarification, the FOIA public interest extension and its absence under
//! FOISA, late responses, and bank holidays a casebook adds.

mod common;

use common::{
    CONTACT_CENTRE_REQUEST, Casebook, FOIA_PROFILE, FOISA_PROFILE, OPEN_CONTRACT, PROCLAIMED_HOLIDAY_2029,
};
use foi::Audience;
use foi::report::Severity;

/// The standard contact-centre request with its dates replaced.
fn request_with(dates: &str) -> String {
    CONTACT_CENTRE_REQUEST.replace("received: 2024-01-10\nresponded: 2024-01-20\n", dates)
}

fn casebook(profile: &str) -> Casebook {
    let casebook = Casebook::new(profile);
    casebook.contract("cc", OPEN_CONTRACT);
    casebook
}

/// A casebook whose contract withholds the spend under the Act's commercial-interests
/// exemption: a qualified exemption, so a public interest extension has a test to weigh.
fn qualified(profile: &str, id: &str) -> Casebook {
    let casebook = Casebook::new(profile);
    casebook.contract(
        "cc",
        &OPEN_CONTRACT.replace("annual-spend: 10000", &format!("annual-spend: {{withhold: [{id}]}}")),
    );
    casebook
}

/// The warnings of a request that loads (those about foi.yaml included).
fn warnings(request: &std::path::Path) -> Vec<foi::report::Finding> {
    match foi::respond(request, Audience::Requester, common::TODAY) {
        Ok((_, _, warnings)) => warnings,
        Err(err) => panic!("casebook has problems:\n{err:#}"),
    }
}

#[test]
fn the_due_date_is_computed_and_shown_in_the_letter() {
    let casebook = casebook(FOIA_PROFILE);
    let request = casebook.request("r", &request_with("received: 2022-11-25\nresponded: 2022-12-09\n"));
    let response = casebook.respond(&request, Audience::Requester);
    assert_eq!(response.due.to_string(), "2022-12-28");
    let text = casebook.markdown(&request, Audience::Requester);
    assert!(
        text.contains("- **Request received:** 25 November 2022\n- **Response due:** 28 December 2022\n- **Date of this response:** 9 December 2022\n"),
        "{text}"
    );
    assert!(warnings(&request).is_empty());
}

#[test]
fn foisa_counts_scottish_bank_holidays_only() {
    // Easter Monday 2025 is a bank holiday in England, Wales and Northern Ireland only.
    let foisa = casebook(FOISA_PROFILE);
    let request = foisa.request("r", &request_with("received: 2025-04-01\n"));
    assert_eq!(foisa.respond(&request, Audience::Requester).due.to_string(), "2025-04-30");
    let foia = casebook(FOIA_PROFILE);
    let request = foia.request("r", &request_with("received: 2025-04-01\n"));
    assert_eq!(foia.respond(&request, Audience::Requester).due.to_string(), "2025-05-01");
}

#[test]
fn a_clarification_restarts_the_clock() {
    let casebook = casebook(FOIA_PROFILE);
    let request = casebook.request(
        "r",
        &request_with("received: 2022-11-01\nclarification: 2022-11-25\nresponded: 2022-12-20\n"),
    );
    let response = casebook.respond(&request, Audience::Requester);
    assert_eq!(response.due.to_string(), "2022-12-28");
    assert!(warnings(&request).is_empty(), "not late: the clock restarted on 25 November");
    let text = casebook.markdown(&request, Audience::Requester);
    assert!(text.contains("- **Request received:** 1 November 2022\n- **Clarification received:** 25 November 2022\n- **Response due:** 28 December 2022\n"), "{text}");

    let before = casebook.request("b", &request_with("received: 2022-11-25\nclarification: 2022-11-01\n"));
    let errors = casebook.errors(&before);
    assert!(errors.contains("requests/b.yaml:3:16"), "{errors}");
    assert!(
        errors
            .contains("the clarification (2022-11-01) is dated before the request was received (2022-11-25)")
    );
}

#[test]
fn a_foia_public_interest_extension_adds_working_days() {
    let casebook = qualified(FOIA_PROFILE, "s43-2");
    let request = casebook.request(
        "r",
        &request_with(
            "received: 2022-11-25\nextension: {notice-sent: 2022-12-20, days: 20, reason: The supplier is being consulted.}\nresponded: 2023-01-20\n",
        ),
    );
    let response = casebook.respond(&request, Audience::Requester);
    let extension = response.extension.as_ref().expect("extension");
    assert_eq!(
        (response.due.to_string(), extension.due.to_string()),
        ("2022-12-28".into(), "2023-01-27".into())
    );
    assert_eq!(extension.reason, "The supplier is being consulted.");
    assert!(warnings(&request).is_empty(), "within the extended deadline");
    let text = casebook.markdown(&request, Audience::Requester);
    assert!(text.contains("- **Response due:** 28 December 2022\n- **Extended for the public interest test to:** 27 January 2023\n"), "{text}");
    assert!(
        text.contains("On 20 December 2022 we wrote to tell you that we needed more time to consider the public interest test, as section 10(3) of the Act allows, and that we expected to reach a decision by 27 January 2023. The reason we gave was this:\n\nThe supplier is being consulted."),
        "the s.17(2) notice and the reason are in the letter: {text}"
    );
    assert!(!text.contains("We are sorry"), "in time: {text}");

    let estimated = casebook.request(
        "d",
        &request_with(
            "received: 2022-11-25\nextension: {notice-sent: 2022-12-28, estimate: 2023-01-16, reason: x}\n",
        ),
    );
    let extension = casebook.respond(&estimated, Audience::Requester).extension.expect("extension");
    assert_eq!(
        (extension.due.to_string(), extension.days),
        ("2023-01-16".into(), 11),
        "the estimate as a date: working day 11 of the extension"
    );

    let too_long = casebook.request(
        "l",
        &request_with("received: 2022-11-25\nextension: {notice-sent: 2022-12-20, days: 21, reason: x}\n"),
    );
    let errors = casebook.errors(&too_long);
    assert!(errors.contains("requests/l.yaml:3:44"), "{errors}");
    // The schema's range says it now (maximum is read since issue 11), with the ICO's reason.
    assert!(
        errors.contains("`21` is outside the range allowed here: give a whole number from 1 to 20"),
        "{errors}"
    );
    assert!(errors.contains("the ICO expects an extension of no more than 20 working days"), "{errors}");
}

#[test]
fn an_extension_needs_a_qualified_exemption_and_a_notice_sent_by_day_20() {
    let open = casebook(FOIA_PROFILE);
    let request = open.request(
        "r",
        &request_with(
            "received: 2022-11-25\nextension: {notice-sent: 2022-12-20, days: 5, reason: Consulting.}\n",
        ),
    );
    let errors = open.errors(&request);
    assert!(errors.contains("no answer of this request relies on a qualified exemption"), "{errors}");
    // The casebook is not inside the tests' current folder: its files are named in full.
    let shown = request.canonicalize().expect("canonical");
    assert!(errors.contains(&format!("--> {}:3:1 (extension)", shown.display())), "{errors}");

    let absolute = Casebook::new(FOIA_PROFILE);
    absolute.contract(
        "cc",
        &OPEN_CONTRACT.replace(
            "supplier: Example Supplier Ltd",
            "supplier: {published: {title: Notice, url: 'https://example.gov.uk/n/1'}}",
        ),
    );
    let request = absolute.request(
        "r",
        &request_with(
            "received: 2022-11-25\nextension: {notice-sent: 2022-12-20, days: 5, reason: Consulting.}\n",
        ),
    );
    assert!(
        absolute.errors(&request).contains("no answer of this request relies on a qualified exemption"),
        "s.21 is absolute"
    );

    let refused = qualified(FOIA_PROFILE, "s43-2");
    let request = refused.request(
        "r",
        &format!(
            "{}refuse: {{under: s14-1, reason: Grossly burdensome.}}\n",
            request_with(
                "received: 2022-11-25\nextension: {notice-sent: 2022-12-20, days: 5, reason: Consulting.}\n"
            )
        ),
    );
    assert!(refused.errors(&request).contains("a request refused as a whole has no public interest test"));

    let late_notice = qualified(FOIA_PROFILE, "s43-2");
    let request = late_notice.request(
        "r",
        &request_with(
            "received: 2022-11-25\nextension: {notice-sent: 2022-12-29, days: 5, reason: Consulting.}\n",
        ),
    );
    let errors = late_notice.errors(&request);
    assert!(
        errors.contains("the s.17(2) notice is dated 2022-12-29, but it was due between receipt (2022-11-25) and working day 20 (2022-12-28)"),
        "{errors}"
    );
    let missing = late_notice.request(
        "m",
        &request_with("received: 2022-11-25\nextension: {notice-sent: 2022-12-20, reason: Consulting.}\n"),
    );
    assert!(
        late_notice
            .errors(&missing)
            .contains("the s.17(2) notice must estimate when the decision will be made")
    );
}

#[test]
fn foisa_has_no_public_interest_extension() {
    let casebook = casebook(FOISA_PROFILE);
    let request = casebook
        .request("r", &request_with("received: 2025-04-01\nextension:\n  notice-sent: 2025-04-20\n  days: 10\n  reason: Consulting.\n"));
    let errors = casebook.errors(&request);
    assert!(errors.contains("error: FOISA has no public interest extension"), "{errors}");
    // The casebook is not inside the tests' current folder: its files are named in full.
    let shown = request.canonicalize().expect("canonical");
    assert!(errors.contains(&format!("--> {}:3:1 (extension)", shown.display())), "{errors}");
    assert!(errors.contains("help: remove `extension:`"), "{errors}");
}

#[test]
fn a_late_response_is_a_warning_at_responded() {
    let casebook = casebook(FOIA_PROFILE);
    let request = casebook.request("r", &request_with("received: 2022-11-25\nresponded: 2022-12-29\n"));
    let found = warnings(&request);
    assert_eq!(found.len(), 1, "{found:?}");
    let warning = &found[0];
    assert_eq!(warning.severity, Severity::Warning);
    assert_eq!(warning.path, "responded");
    assert_eq!((warning.location.line, warning.location.column), (3, 12));
    assert_eq!(
        warning.message,
        "responded 2022-12-29, after the deadline of 2022-12-28 counted from receipt on 2022-11-25: the response was late"
    );
    assert!(
        warning
            .hint
            .as_deref()
            .unwrap_or_default()
            .contains("foi due 2022-11-25 --jurisdiction foia --explain")
    );
}

#[test]
fn a_late_response_counted_with_added_days_points_foi_due_at_the_casebook() {
    let profile = format!("{FOIA_PROFILE}{PROCLAIMED_HOLIDAY_2029}");
    let casebook = casebook(&profile);
    let request = casebook.request("r", &request_with("received: 2029-06-15\nresponded: 2029-07-18\n"));
    let found = warnings(&request);
    let late: Vec<_> = found.iter().filter(|w| w.path == "responded").collect();
    assert_eq!(late.len(), 1, "{found:?}");
    assert!(late[0].message.contains("after the deadline of 2029-07-17"), "{}", late[0].message);
    let hint = late[0].hint.as_deref().unwrap_or_default();
    assert!(hint.contains("foi due 2029-06-15 --jurisdiction foia --casebook . --explain"), "{hint}");
}

#[test]
fn a_casebook_adds_proclaimed_bank_holidays() {
    let profile = format!("{FOIA_PROFILE}{PROCLAIMED_HOLIDAY_2029}");
    let with = casebook(&profile);
    let request = with.request("r", &request_with("received: 2029-06-15\n"));
    let without = casebook(FOIA_PROFILE);
    let plain = without.request("r", &request_with("received: 2029-06-15\n"));
    let (a, b) =
        (with.respond(&request, Audience::Requester).due, without.respond(&plain, Audience::Requester).due);
    assert_eq!(a.0, b.0.succ_opt().expect("next day"), "one more day skipped");
    let found = warnings(&request);
    assert!(found.iter().any(|w| w.message.contains("computed by rule")), "2029 is past the data: {found:?}");

    let unknown = casebook(&format!(
        "{FOIA_PROFILE}bank-holidays:\n  - {{date: 2029-06-18, name: X, nations: [wales]}}\n"
    ));
    let request = unknown.request("r", &request_with("received: 2029-06-15\n"));
    let errors = unknown.errors(&request);
    assert!(errors.contains("unknown value `wales`"), "{errors}");
    assert!(errors.contains("england-and-wales"), "{errors}");
}

#[test]
fn an_added_day_that_changes_nothing_is_pointed_out() {
    let profile = format!(
        "{FOIA_PROFILE}bank-holidays:\n  - {{date: 2022-12-26, name: Boxing Day, nations: [scotland]}}\n  - {{date: 2029-06-16, name: A Saturday, nations: [scotland]}}\n"
    );
    let casebook = casebook(&profile);
    let request = casebook.request("r", &request_with("received: 2022-11-25\n"));
    let found = warnings(&request);
    let messages: Vec<&str> = found.iter().map(|w| w.message.as_str()).collect();
    assert!(
        messages.contains(&"2022-12-26 is already a bank holiday there in the built-in calendar"),
        "{messages:?}"
    );
    assert!(
        messages.contains(
            &"2029-06-16 is a Saturday: weekends are never working days, so this changes no deadline"
        ),
        "{messages:?}"
    );
}

#[test]
fn lateness_is_measured_against_the_clarification_and_the_extension() {
    let casebook = qualified(FOIA_PROFILE, "s43-2");
    let request = casebook.request(
        "r",
        &request_with("received: 2022-11-01\nclarification: 2022-11-25\nresponded: 2023-01-03\n"),
    );
    let found = warnings(&request);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        found[0].message,
        "responded 2023-01-03, after the deadline of 2022-12-28 counted from the clarification on 2022-11-25: the response was late"
    );

    let request = casebook.request(
        "e",
        // A reference of its own: two files with one reference are an error of the casebook.
        &request_with("received: 2022-11-25\nextension: {notice-sent: 2022-12-28, days: 5, reason: Consulting the supplier.}\nresponded: 2023-01-09\n")
            .replace("reference: REQ-1", "reference: REQ-2"),
    );
    let found = warnings(&request);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        found[0].message,
        "responded 2023-01-09, after the extended deadline of 2023-01-06 counted from receipt on 2022-11-25: the response was late"
    );
    let hint = found[0].hint.as_deref().unwrap_or_default();
    assert!(hint.contains("foi due 2022-11-25 --jurisdiction foia --days 25 --explain"), "{hint}");
}
