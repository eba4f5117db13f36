//! The rules of a correct response (SPEC §5), through the library: exemptions and their
//! public interest test, s.40(2) for junior staff, grouping in the requester's numbering,
//! house policy, outcome classes and whole-request refusals.

mod common;

use common::{CONTACT_CENTRE_REQUEST, Casebook, FOIA_PROFILE, FOISA_PROFILE, OPEN_CONTRACT};
use foi::Audience;
use foi::exemptions::{ExemptionKind, Library};
use foi::model::Jurisdiction;
use foi::response::{Outcome, Status};

/// A contract like `OPEN_CONTRACT` with the supplier answer replaced.
fn contract_with_supplier(answer: &str) -> String {
    OPEN_CONTRACT.replace("supplier: Example Supplier Ltd", &format!("supplier: {answer}"))
}

#[test]
fn a_qualified_exemption_always_carries_its_public_interest_test_and_an_absolute_one_never() {
    let (library, _) = Library::load(None);
    for exemption in library.all() {
        let published = ["s21", "s25"].contains(&exemption.id.as_str());
        if exemption.kind == ExemptionKind::Procedural || published {
            continue;
        }
        let profile = match exemption.act {
            Jurisdiction::Foia => FOIA_PROFILE,
            Jurisdiction::Foisa => FOISA_PROFILE,
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

    let within = casebook
        .request("w", &format!("{CONTACT_CENTRE_REQUEST}refuse: {{under: s12, hours: 12, advice: x}}\n"));
    let errors = casebook.errors(&within);
    assert!(errors.contains("12 hours is within the limit of 18 hours"), "{errors}");

    let vexatious = casebook.request(
        "v",
        &format!(
            "{CONTACT_CENTRE_REQUEST}refuse: {{under: s14-1, reason: The burden is grossly excessive.}}\n"
        ),
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
