//! The rules of a correct response (SPEC §5), through the library: exemptions and their
//! public interest test, s.40(2) for junior staff, grouping in the requester's numbering,
//! house policy, outcome classes and whole-request refusals.

mod common;

use common::{CONTACT_CENTRE_REQUEST, Casebook, FOIA_PROFILE, FOISA_PROFILE, OPEN_CONTRACT};
use foi::Audience;
use foi::exemptions::ExemptionKind;
use foi::response::{Outcome, Status};

/// A contract like `OPEN_CONTRACT` with the supplier answer replaced.
fn contract_with_supplier(answer: &str) -> String {
    OPEN_CONTRACT.replace("supplier: Example Supplier Ltd", &format!("supplier: {answer}"))
}

#[test]
fn a_qualified_exemption_always_carries_its_public_interest_test_and_an_absolute_one_never() {
    let (library, _) = foi::exemption_library(None);
    for exemption in library.all() {
        let published = ["s21", "s25"].contains(&exemption.id.as_str());
        if exemption.kind == ExemptionKind::Procedural || published {
            continue;
        }
        let profile = match exemption.act.as_str() {
            "foia" => FOIA_PROFILE,
            "foisa" => FOISA_PROFILE,
            other => panic!("no test profile for the Act `{other}`"),
        };
        let casebook = Casebook::new(profile);
        casebook.contract(
            "cc",
            &contract_with_supplier(&format!("{{withhold: [{}], value: Hidden Ltd}}", exemption.id)),
        );
        let request = casebook.request("r", CONTACT_CENTRE_REQUEST);
        let response = casebook.respond(&request, Audience::Requester);
        let notice = response
            .notices
            .iter()
            .find(|n| n.exemption.id == exemption.id)
            .unwrap_or_else(|| panic!("no notice for {}", exemption.id));
        let qualified = exemption.kind == ExemptionKind::Qualified;
        assert_eq!(notice.public_interest.is_some(), qualified, "{:?} {}", exemption.act, exemption.id);
        let text = casebook.markdown(&request, Audience::Requester);
        assert_eq!(
            text.contains("#### The public interest test"),
            qualified,
            "{:?} {}",
            exemption.act,
            exemption.id
        );
        assert!(!text.contains("Hidden Ltd"), "a withheld value was printed for {}", exemption.id);
        assert!(text.contains(&format!("### {}: {}", exemption.citation, exemption.title)));
    }
}

#[test]
fn a_junior_owners_name_phone_and_email_appear_nowhere() {
    let casebook = Casebook::new(FOIA_PROFILE);
    let junior = OPEN_CONTRACT.replace(
        "  name: Pat Senior\n  job-title: Head of Customer Services\n  phone: 01632 960001\n  email: head.cs@example.gov.uk\n  seniority: senior\n",
        "  name: Jo Junior\n  job-title: Telephony Officer\n  phone: 01632 960999\n  email: jo.junior@example.gov.uk\n  seniority: junior\n  senior-officer: {name: Lee Boss, job-title: Head of ICT}\n",
    );
    casebook.contract("cc", &junior);
    let request = casebook.request("r", CONTACT_CENTRE_REQUEST);
    for audience in [Audience::Requester, Audience::Public] {
        let response = casebook.respond(&request, audience);
        let json = serde_json::to_string(&response).expect("json");
        for layout in [foi::model::Layout::Inline, foi::model::Layout::Annex] {
            let mut response = response.clone();
            response.layout = layout;
            let (loaded, _, _) = foi::respond(&request, audience, common::TODAY).expect("loads");
            let text = foi::markdown(&loaded, &response).expect("renders");
            for secret in ["Jo Junior", "01632 960999", "jo.junior@example.gov.uk"] {
                assert!(!text.contains(secret), "{secret} printed in {layout:?}");
                assert!(!json.contains(secret), "{secret} in the resolved response");
            }
            assert!(text.contains("Telephony Officer"), "job title is given");
            assert!(text.contains("Lee Boss, Head of ICT"), "senior officer named instead");
            assert!(text.contains("### Section 40(2): Personal information"));
        }
    }
    let response = casebook.respond(&request, Audience::Requester);
    let contact =
        response.parts[0].sections[0].answers.iter().find(|a| a.label == "Contact details").expect("asked");
    assert_eq!(contact.status, Status::PartlyWithheld);
    assert_eq!(contact.withheld[0].items, ["name", "telephone number", "email address"]);
    assert_eq!(response.outcome, Outcome::PartiallyWithheld);
}

#[test]
fn a_senior_owner_is_named() {
    let casebook = Casebook::new(FOIA_PROFILE);
    casebook.contract("cc", OPEN_CONTRACT);
    let request = casebook.request("r", CONTACT_CENTRE_REQUEST);
    let text = casebook.markdown(&request, Audience::Requester);
    assert!(text.contains("Pat Senior, Head of Customer Services, 01632 960001, head.cs@example.gov.uk"));
    assert!(!text.contains("Refusal notice"));
    assert_eq!(casebook.respond(&request, Audience::Requester).outcome, Outcome::GrantedInFull);
}

#[test]
fn the_refusal_notice_groups_questions_in_the_requesters_numbering() {
    let casebook = Casebook::example("hastings");
    let request = casebook.root().join("requests/FOIR-467737865.yaml");
    let response = casebook.respond(&request, Audience::Requester);
    let ids: Vec<&str> = response.notices.iter().map(|n| n.exemption.id.as_str()).collect();
    assert_eq!(ids, ["s43-2", "s31-1-a"], "in order of first use");
    let text = casebook.markdown(&request, Audience::Requester);
    assert!(text.contains("### Section 43(2): Commercial interests\n\nThis applies to questions 1 and 2 in both parts, and question 10 in part 1."));
    assert!(text.contains("This applies to question 10 in part 1."));
}

#[test]
fn letters_and_roman_numerals_are_kept_in_the_notice() {
    let casebook = Casebook::new(FOIA_PROFILE);
    casebook.contract(
        "cc",
        &contract_with_supplier("{withhold: [s43-2]}")
            .replace("annual-spend: 10000", "annual-spend: {withhold: [s43-2]}"),
    );
    let request = casebook.request(
        "r",
        "reference: R\nreceived: 2024-01-10\nparts:\n  - part: contact-centre\n    questions:\n      - {number: iv, id: supplier}\n      - {number: v, id: annual-spend}\n      - {number: vi, id: expiry}\n",
    );
    let text = casebook.markdown(&request, Audience::Requester);
    assert!(text.contains("This applies to questions iv and v."), "{text}");
    assert!(text.contains("**iv. Incumbent supplier:** Withheld under section 43(2)"));
}

#[test]
fn house_policy_withholds_held_information_but_not_a_requests_own_answer() {
    let profile = format!("{FOIA_PROFILE}  policy:\n    manufacturer: {{withhold: [s31-1-a]}}\n");
    let casebook = Casebook::new(&profile);
    casebook.contract("cc", OPEN_CONTRACT);
    let request = casebook.request("r", CONTACT_CENTRE_REQUEST);
    let text = casebook.markdown(&request, Audience::Requester);
    assert!(!text.contains("Example Systems"), "the manufacturer is withheld by policy");
    assert!(text.contains("**10. Manufacturer:** Withheld under section 31(1)(a)"));

    let overridden = casebook.request(
        "o",
        "reference: O\nreceived: 2024-01-10\nparts:\n  - part: contact-centre\n    questions:\n      - {number: 1, id: manufacturer, answer: Example Systems}\n",
    );
    let text = casebook.markdown(&overridden, Audience::Requester);
    assert!(text.contains("**1. Manufacturer:** Example Systems"), "{text}");
}

#[test]
fn a_decision_in_the_register_beats_house_policy() {
    let profile = format!("{FOIA_PROFILE}  policy:\n    manufacturer: {{withhold: [s31-1-a]}}\n");
    let casebook = Casebook::new(&profile);
    casebook.contract(
        "cc",
        &OPEN_CONTRACT
            .replace("manufacturer: Example Systems", "manufacturer: {not-held: We have no record of it.}"),
    );
    let request = casebook.request("r", CONTACT_CENTRE_REQUEST);
    let text = casebook.markdown(&request, Audience::Requester);
    assert!(text.contains("**10. Manufacturer:** Not held. We have no record of it."), "{text}");
}

fn outcome_of(supplier: &str, rest: &[(&str, &str)]) -> Outcome {
    let casebook = Casebook::new(FOIA_PROFILE);
    let mut contract = contract_with_supplier(supplier);
    for (from, to) in rest {
        contract = contract.replace(from, to);
    }
    casebook.contract("cc", &contract);
    let request = casebook.request(
        "r",
        "reference: R\nreceived: 2024-01-10\nparts:\n  - part: contact-centre\n    questions:\n      - {number: 1, id: supplier}\n      - {number: 2, id: annual-spend}\n",
    );
    casebook.respond(&request, Audience::Requester).outcome
}

#[test]
fn each_outcome_class() {
    let spend = "annual-spend: 10000";
    assert_eq!(outcome_of("Acme", &[]), Outcome::GrantedInFull);
    assert_eq!(outcome_of("{not-held: true}", &[]), Outcome::GrantedInFull, "all held information given");
    assert_eq!(outcome_of("{withhold: [s43-2]}", &[]), Outcome::PartiallyWithheld);
    assert_eq!(
        outcome_of("{withhold: [s43-2]}", &[(spend, "annual-spend: {withhold: [s43-2]}")]),
        Outcome::WithheldInFull
    );
    assert_eq!(
        outcome_of("{not-held: true}", &[(spend, "annual-spend: {not-held: true}")]),
        Outcome::NotHeld
    );
    assert_eq!(
        outcome_of(
            "{neither-confirm-nor-deny: [s43-2]}",
            &[(spend, "annual-spend: {neither-confirm-nor-deny: [s43-2]}")]
        ),
        Outcome::NeitherConfirmNorDeny
    );
    let published =
        "{published: {title: Contracts Finder, url: 'https://www.contractsfinder.service.gov.uk/'}}";
    assert_eq!(outcome_of(published, &[]), Outcome::PartiallyWithheld, "s.21 counts as an exemption");
}

#[test]
fn whole_request_refusals_state_the_estimate_and_advice() {
    let casebook = Casebook::new(FOIA_PROFILE);
    casebook.contract("cc", OPEN_CONTRACT);
    let request = casebook.request(
        "r",
        &format!("{CONTACT_CENTRE_REQUEST}refuse:\n  under: s12\n  hours: 31\n  basis: Each of 14 service areas keeps its own records.\n  advice: Ask about contracts awarded since 2023 and we can answer.\n"),
    );
    let response = casebook.respond(&request, Audience::Requester);
    assert_eq!(response.outcome, Outcome::RefusedCost);
    assert!(response.notices.is_empty() && response.parts.is_empty());
    let text = casebook.markdown(&request, Audience::Requester);
    assert!(text.contains("about 31 hours of work"), "{text}");
    assert!(
        text.contains("At £25 an hour that would cost £775, more than the appropriate limit of £450 that applies to Example Borough Council, which is 18 hours at that rate"),
        "{text}"
    );
    assert!(text.contains("This is our notice under section 17(5) of the Act."), "FOIA s.17(5): {text}");
    assert!(
        text.contains(
            "### What you asked for\n\n**Contact centre contracts**\n\n- Incumbent supplier (question 1)\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("guidance on section 12(1)](https://ico.org.uk/"),
        "links the ICO's s.12 guidance: {text}"
    );
    assert!(text.contains("### How you could narrow your request\n\nAsk about contracts awarded since 2023"));
    assert!(!text.contains("Example Supplier Ltd"), "a refused request discloses nothing");

    let within = casebook.request(
        "w",
        &format!("{CONTACT_CENTRE_REQUEST}refuse: {{under: s12, hours: 12, advice: x}}\n")
            .replace("REQ-1", "REQ-2"),
    );
    let errors = casebook.errors(&within);
    assert!(errors.contains("12 hours is within the limit of 18 hours"), "{errors}");

    let vexatious = casebook.request(
        "v",
        &format!(
            "{CONTACT_CENTRE_REQUEST}refuse: {{under: s14-1, reason: The burden is grossly excessive.}}\n"
        )
        .replace("REQ-1", "REQ-3"),
    );
    assert_eq!(casebook.respond(&vexatious, Audience::Requester).outcome, Outcome::RefusedVexatious);
    let text = casebook.markdown(&vexatious, Audience::Requester);
    assert!(
        !text.contains("same question is not vexatious"),
        "not a round robin: no round-robin paragraph: {text}"
    );
    let round_robin = casebook.request(
        "o",
        &format!(
            "{CONTACT_CENTRE_REQUEST}round-robin: true\nrefuse: {{under: s14-1, reason: The burden is grossly excessive.}}\n"
        ),
    );
    let text = casebook.markdown(&round_robin, Audience::Requester);
    assert!(
        text.contains("Asking many public authorities the same question is not vexatious on its own."),
        "{text}"
    );
}

#[test]
fn a_refused_request_needs_no_answers_even_for_questions_outside_the_questionnaire() {
    let casebook = Casebook::new(FOIA_PROFILE);
    casebook.contract("cc", OPEN_CONTRACT);
    let request = casebook.request(
        "r",
        "reference: R\nreceived: 2024-01-10\nparts:\n  - part: contact-centre\n    questions:\n      - {number: 1, id: supplier}\n      - {number: 2, label: IT staff, text: How many IT staff do you employ?}\nrefuse: {under: s12, hours: 40, advice: Ask one question.}\n",
    );
    let text = casebook.markdown(&request, Audience::Requester);
    assert!(text.contains("- IT staff (question 2)"), "what was asked is shown: {text}");
}

#[test]
fn foisa_casebooks_use_the_scottish_act_regulator_and_limits() {
    let casebook = Casebook::new(FOISA_PROFILE);
    casebook.contract("cc", &contract_with_supplier("{withhold: [s33-1-b]}"));
    let request = casebook.request("r", CONTACT_CENTRE_REQUEST);
    let text = casebook.markdown(&request, Audience::Requester);
    assert!(text.contains("under the Freedom of Information (Scotland) Act 2002"));
    assert!(text.contains("notice under section 16 of"));
    assert!(text.contains("## Your right to require a review"));
    assert!(text.contains("Scottish Information Commissioner"));
    assert!(text.contains("Court of Session"));
    assert!(!text.contains("Information Commissioner's Office"));

    casebook.contract("cc", &contract_with_supplier("{withhold: [s43-2]}"));
    let errors = casebook.errors(&request);
    assert!(errors.contains("unknown exemption `s43-2` under FOISA"), "{errors}");
    assert!(errors.contains("under FOISA use `s33-1-b`"), "{errors}");
}

#[test]
fn published_answers_need_a_web_address_and_print_the_link() {
    let casebook = Casebook::new(FOIA_PROFILE);
    casebook.contract(
        "cc",
        &contract_with_supplier("{published: {title: Contracts Finder, url: www.example.com}}"),
    );
    let request = casebook.request("r", CONTACT_CENTRE_REQUEST);
    assert!(casebook.errors(&request).contains("`www.example.com` is not a web address"));
    casebook.contract(
        "cc",
        &contract_with_supplier(
            "{published: {title: Contracts_Finder (notice), url: 'https://example.gov.uk/a_b(1)'}}",
        ),
    );
    let text = casebook.markdown(&request, Audience::Requester);
    assert!(text.contains("[Contracts\\_Finder (notice)](https://example.gov.uk/a\\_b(1))"), "{text}");
    assert!(text.contains("### Section 21: Information accessible to the applicant by other means"));
}

#[test]
fn a_part_without_contracts_needs_a_reason_and_is_not_held() {
    let casebook = Casebook::new(FOIA_PROFILE);
    let request = casebook.request("r", CONTACT_CENTRE_REQUEST);
    let errors = casebook.errors(&request);
    assert!(errors.contains("holds no `contact-centre` contracts"), "{errors}");
    let profile = format!("{FOIA_PROFILE}  no-contracts:\n    contact-centre: We have no contact centre.\n");
    let casebook = Casebook::new(&profile);
    let request = casebook.request("r", CONTACT_CENTRE_REQUEST);
    let response = casebook.respond(&request, Audience::Requester);
    assert_eq!(response.outcome, Outcome::GrantedInFull, "email facts are given; the rest is not held");
    let text = casebook.markdown(&request, Audience::Requester);
    assert!(text.contains("Not held (questions 1 to 11). We have no contact centre."), "{text}");
    assert!(text.contains("**12. Email server:** Microsoft Exchange Online"));
}

#[test]
fn the_public_version_has_no_requester() {
    let casebook = Casebook::new(FOIA_PROFILE);
    casebook.contract("cc", OPEN_CONTRACT);
    let request = casebook.request("r", CONTACT_CENTRE_REQUEST);
    let letter = casebook.markdown(&request, Audience::Requester);
    assert!(letter.contains("Dear Rosa Requester,") && letter.contains("1 Private Lane"));
    let public = casebook.markdown(&request, Audience::Public);
    for private in ["Rosa", "rosa@example.com", "Private Lane"] {
        assert!(!public.contains(private), "{private} in the public version");
    }
    assert!(public.contains("Dear requester,"));
}

#[test]
fn casebook_text_prints_literally() {
    let casebook = Casebook::new(FOIA_PROFILE);
    casebook.contract(
        "cc",
        &OPEN_CONTRACT.replace(
            "description: Call handling software",
            "description: \"<script>alert(1)</script> *not bold* & [x](y)\"",
        ),
    );
    let request = casebook.request("r", CONTACT_CENTRE_REQUEST);
    let text = casebook.markdown(&request, Audience::Requester);
    assert!(text.contains("\\<script\\>alert(1)\\</script\\> \\*not bold\\* \\& \\[x\\](y)"), "{text}");
}

/// Regression: one NCND use of an exemption marked every question under it as neither
/// confirmed nor denied, so a notice said it neither confirmed nor denied information it had
/// just confirmed it held (issue 13).
#[test]
fn neither_confirm_nor_deny_is_decided_question_by_question() {
    let casebook = Casebook::new(FOIA_PROFILE);
    casebook.contract(
        "cc",
        &contract_with_supplier("{withhold: [s43-2]}")
            .replace("annual-spend: 10000", "annual-spend: {neither-confirm-nor-deny: [s43-2]}"),
    );
    let request = casebook.request(
        "r",
        "reference: R\nreceived: 2024-01-10\nparts:\n  - part: contact-centre\n    questions:\n      - {number: 1, id: supplier}\n      - {number: 2, id: annual-spend}\n",
    );
    let response = casebook.respond(&request, Audience::Requester);
    let notices: Vec<(&str, bool, usize)> = response
        .notices
        .iter()
        .map(|n| (n.exemption.id.as_str(), n.neither_confirm_nor_deny, n.applies_to.len()))
        .collect();
    assert_eq!(notices, [("s43-2", false, 1), ("s43-2", true, 1)], "one notice each way");
    let text = casebook.markdown(&request, Audience::Requester);
    assert!(text.contains("### Section 43(2): Commercial interests\n\nThis applies to question 1. We hold information that this question asks for"), "{text}");
    assert!(text.contains("### Section 43(2): Commercial interests (neither confirm nor deny)\n\nThis applies to question 2. For this question we neither confirm nor deny whether we hold information of the kind asked for, relying on section 43(3) of the Act."), "{text}");
    // The NCND notice gives its own reasons and its own public interest test, and nothing
    // that assumes the information exists.
    let ncnd = &text[text.find("(neither confirm nor deny)").expect("ncnd notice")..];
    let ncnd = &ncnd[..ncnd.find("Read more").expect("end of notice")];
    assert!(ncnd.contains("maintaining the exclusion of the duty to confirm or deny"), "{ncnd}");
    assert!(ncnd.contains("In favour of saying whether we hold the information"), "{ncnd}");
    for assumes in ["The information withheld", "What we pay each year", "these particular details"] {
        assert!(!ncnd.contains(assumes), "`{assumes}` assumes the information exists: {ncnd}");
    }
}

#[test]
fn foisa_neither_confirm_nor_deny_always_weighs_the_public_interest_even_for_personal_data() {
    let casebook = Casebook::new(FOISA_PROFILE);
    casebook.contract("cc", OPEN_CONTRACT);
    let request = casebook.request(
        "r",
        "reference: R\nreceived: 2024-01-10\nparts:\n  - part: contact-centre\n    questions:\n      - number: 1\n        label: Discipline\n        text: Has anyone been disciplined?\n        answer: {neither-confirm-nor-deny: [s38-1-b]}\n",
    );
    let response = casebook.respond(&request, Audience::Requester);
    let notice = &response.notices[0];
    assert!(notice.neither_confirm_nor_deny && notice.public_interest.is_some(), "FOISA s.18(1)");
    let text = casebook.markdown(&request, Audience::Requester);
    assert!(text.contains("relying on section 18(1) of the Act"), "{text}");
    assert!(text.contains("Section 18(1) allows us to refuse to reveal whether we hold information only where we consider that revealing it would be contrary to the public interest."), "{text}");
    assert!(text.contains("(and under section 18(1) where we neither confirm nor deny)"), "{text}");
    assert!(!text.contains("is an absolute exemption, so no public interest test applies"), "{text}");
}

/// Regression: the s.43(2) text spoke of "who supplies a service to us, and what we pay"
/// when the supplier had been named in the same letter (issue 13).
#[test]
fn the_reasons_speak_only_of_what_is_withheld() {
    let casebook = Casebook::new(FOIA_PROFILE);
    casebook
        .contract("cc", &OPEN_CONTRACT.replace("annual-spend: 10000", "annual-spend: {withhold: [s43-2]}"));
    let request = casebook.request("r", CONTACT_CENTRE_REQUEST);
    let text = casebook.markdown(&request, Audience::Requester);
    assert!(text.contains("**1. Incumbent supplier:** Example Supplier Ltd"), "{text}");
    let notice = &text[text.find("### Section 43(2)").expect("notice")..];
    assert!(notice.contains("What we pay each year under a contract"), "{notice}");
    assert!(!notice.contains("Naming the company"), "the supplier was given: {notice}");

    casebook.contract("cc", &contract_with_supplier("{withhold: [s43-2]}"));
    let text = casebook.markdown(&request, Audience::Requester);
    let notice = &text[text.find("### Section 43(2)").expect("notice")..];
    assert!(notice.contains("Naming the company"), "{notice}");
    assert!(!notice.contains("What we pay each year"), "the spend was given: {notice}");
}

#[test]
fn a_case_reason_names_its_questions_when_it_is_not_given_for_all_of_them() {
    let casebook = Casebook::new(FOIA_PROFILE);
    casebook.contract(
        "cc",
        &contract_with_supplier("{withhold: [s43-2]}")
            .replace("agents: 20", "agents: {withhold: [s43-2], reason: The supplier prices per agent.}"),
    );
    let request = casebook.request("r", CONTACT_CENTRE_REQUEST);
    let text = casebook.markdown(&request, Audience::Requester);
    assert!(text.contains("\n\nQuestion 8: The supplier prices per agent.\n\n"), "{text}");
    let response = casebook.respond(&request, Audience::Requester);
    let reason = &response.notices[0].case_reasons[0];
    assert!(!reason.all && reason.applies_to.len() == 1 && reason.applies_to[0].label == "Number of agents");
}

/// Regression: the s.40(2) text said the legitimate interest "is met by giving the job title
/// and a senior or team contact" when neither was given (issue 13).
#[test]
fn the_legitimate_interest_sentences_are_printed_only_for_what_was_given() {
    let junior = |extra: &str| {
        OPEN_CONTRACT.replace(
            "  name: Pat Senior\n  job-title: Head of Customer Services\n  phone: 01632 960001\n  email: head.cs@example.gov.uk\n  seniority: senior\n",
            &format!("  name: Jo Junior\n  job-title: Telephony Officer\n  email: jo@example.gov.uk\n  seniority: junior\n{extra}"),
        )
    };
    let casebook = Casebook::new(FOIA_PROFILE);
    let request = casebook.request("r", CONTACT_CENTRE_REQUEST);
    let given_title = "We have given the job title of the post";
    let named_officer = "We have named the senior officer";
    let title_withheld = "so we have withheld the job title as well";

    casebook.contract("cc", &junior("  unique-post: false\n"));
    let text = casebook.markdown(&request, Audience::Requester);
    assert!(
        text.contains(given_title) && !text.contains(named_officer) && !text.contains(title_withheld),
        "{text}"
    );

    casebook.contract(
        "cc",
        &junior("  unique-post: true\n  senior-officer: {name: Lee Boss, job-title: Head of ICT}\n"),
    );
    let text = casebook.markdown(&request, Audience::Requester);
    assert!(!text.contains("Telephony Officer"), "one person holds the post: the title identifies them");
    assert!(
        text.contains("The job title, name and email address are withheld")
            || text.contains("Their job title, name and email address are withheld"),
        "{text}"
    );
    assert!(
        !text.contains(given_title) && text.contains(named_officer) && text.contains(title_withheld),
        "{text}"
    );
}

#[test]
fn refusals_under_section_12_and_14_are_not_counted_as_exemptions() {
    let casebook = Casebook::new(FOIA_PROFILE);
    casebook.contract("cc", &contract_with_supplier("{withhold: [s43-2]}"));
    casebook.request("a", CONTACT_CENTRE_REQUEST);
    casebook.request(
        "b",
        &(CONTACT_CENTRE_REQUEST.replace("REQ-1", "REQ-2")
            + "refuse: {under: s12, hours: 30, advice: Ask less.}\n"),
    );
    let (stats, _) =
        foi::site::statistics(&[casebook.root().to_path_buf()], common::TODAY, foi::site::Period::default())
            .expect("stats");
    let labels: Vec<&str> = stats.overall.exemptions.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels, ["Section 43(2): Commercial interests"], "s.12 is a refusal, not an exemption");
    let refused = stats.overall.outcomes.iter().find(|o| o.label == "Refused: cost limit").expect("category");
    assert_eq!(refused.count, 1);
}

#[test]
fn wording_is_chosen_by_the_day_the_request_was_received() {
    let casebook = Casebook::new(FOIA_PROFILE);
    casebook.contract(
        "cc",
        &OPEN_CONTRACT.replace("  seniority: senior\n", "  seniority: junior\n  unique-post: false\n"),
    );
    let request = casebook.request("r", &CONTACT_CENTRE_REQUEST.replace("2024-01-", "2019-01-"));
    let errors = casebook.errors(&request);
    assert!(errors.contains("the wording of Section 40(2) in (built in) exemptions/foia/s40-2.yaml is good from 2021-01-01, but this request was received on 2019-01-10"), "{errors}");
    casebook.write(
        "exemptions/foia/s40-2.dpa-1998.yaml",
        "citation: Section 40(2)\ntitle: Personal information\nkind: absolute\ntest: class\ngood-from: 2005-01-01\nexplanation:\n  - Section 40(2) of {act}, with section 40(3)(a)(i), exempts personal data whose release would breach the principles of the Data Protection Act 1998.\nguidance: https://ico.org.uk/\n",
    );
    let text = casebook.markdown(&request, Audience::Requester);
    assert!(
        text.contains("the principles of the Data Protection Act 1998"),
        "the casebook's wording of that time: {text}"
    );
    assert!(!text.contains("UK GDPR"), "{text}");
    let now = casebook.request("n", CONTACT_CENTRE_REQUEST);
    assert!(
        casebook.markdown(&now, Audience::Requester).contains("UK GDPR"),
        "later requests get the later wording"
    );
}

#[test]
fn a_repeated_request_names_the_earlier_one_and_warns_when_a_contract_changed_since() {
    let casebook = Casebook::new(FOIA_PROFILE);
    casebook.contract("cc", &OPEN_CONTRACT.replace("review: 2029-07-31", "review: 2024-03-01"));
    casebook.request("a", CONTACT_CENTRE_REQUEST);
    let repeat = casebook.request(
        "b",
        &(CONTACT_CENTRE_REQUEST.replace("REQ-1", "REQ-2").replace(
            "received: 2024-01-10\nresponded: 2024-01-20",
            "received: 2024-04-02\nresponded: 2024-04-05",
        ) + "refuse: {under: s14-2, previous: req-1}\n"),
    );
    let (_, response, warnings) = foi::respond(&repeat, Audience::Requester, common::TODAY).expect("loads");
    let earlier = response.refusal.as_ref().and_then(|r| r.earlier.as_ref()).expect("earlier request");
    assert_eq!((earlier.reference.as_str(), earlier.responded.to_string()), ("REQ-1", "2024-01-20".into()));
    assert!(
        warnings.iter().any(|w| w.message == "contract `cc` was due for review on 2024-03-01, after the answer of REQ-1: the information may have changed"),
        "{warnings:?}"
    );
    let text = casebook.markdown(&repeat, Audience::Requester);
    assert!(text.contains("Your request repeats your earlier request REQ-1, which we received on 10 January 2024 and answered on 20 January 2024. A reasonable interval has not passed since we answered it."), "{text}");
}

#[test]
fn the_authority_is_named_mid_sentence_with_its_article() {
    let profile = FOIA_PROFILE.replace("name: Example Borough Council", "name: The Example Trust");
    let casebook = Casebook::new(&profile);
    casebook.contract("cc", &contract_with_supplier("{withhold: [s43-2]}"));
    let request = casebook.request("r", CONTACT_CENTRE_REQUEST);
    let text = casebook.markdown(&request, Audience::Requester);
    assert!(text.contains("including a supplier we contract with and the Example Trust itself"), "{text}");
    assert!(text.starts_with("# The Example Trust"), "the letterhead keeps the name as written");
    let profile = FOIA_PROFILE.replace(
        "  name: Example Borough Council\n",
        "  name: London Borough of Example\n  in-text: the London Borough of Example\n",
    );
    let casebook = Casebook::new(&profile);
    casebook.contract("cc", &contract_with_supplier("{withhold: [s43-2]}"));
    let request = casebook.request("r", CONTACT_CENTRE_REQUEST);
    let text = casebook.markdown(&request, Audience::Requester);
    assert!(text.contains("and the London Borough of Example itself"), "{text}");
    assert!(text.contains("### Across the London Borough of Example"), "{text}");
}

#[test]
fn foisa_letters_say_the_information_is_held_and_give_the_not_held_notice() {
    let casebook = Casebook::new(FOISA_PROFILE);
    casebook.contract(
        "cc",
        &contract_with_supplier("{withhold: [s33-1-b]}").replace("sites: 1", "sites: {not-held: true}"),
    );
    let request = casebook.request("r", CONTACT_CENTRE_REQUEST);
    let text = casebook.markdown(&request, Audience::Requester);
    assert!(
        text.contains("This applies to question 1. We hold information that this question asks for"),
        "s.16(1)(a): {text}"
    );
    assert!(
        text.contains("this letter is our notice under section 17(1) of the Act that we do not hold it"),
        "{text}"
    );
    assert!(text.contains("under section 47(1)(b) of the Act"), "{text}");
    let foia = Casebook::new(FOIA_PROFILE);
    foia.contract("cc", &OPEN_CONTRACT.replace("sites: 1", "sites: {not-held: true}"));
    let request = foia.request("r", CONTACT_CENTRE_REQUEST);
    let text = foia.markdown(&request, Audience::Requester);
    assert!(
        !text.contains("section 17(1) of the Act that we do not hold it"),
        "FOIA has no such notice: {text}"
    );
    assert!(text.contains("Telephone: 0303 123 1113"), "{text}");
    assert!(text.contains("If we have not completed the review within 40 working days"), "{text}");
}
