"""The public form asks how to contact the applicant (and the victim) and whether there is anything to know to
keep them safe or help them take part (issue 14, items 1 and 3): the answers are shown to check and recorded
with the person; a wrong or unsupported choice, or a control character, is refused on the field and kept nowhere."""

from __future__ import annotations

from flask.testing import FlaskClient

from application.backoffice import BackOffice
from domain.personal import ContactMethod
from tests.web.test_public_journey import ME, VICTIM, answer, fill_in, get, reference_on, send
from tests.web.test_public_validation import refused, summary

NEEDS = "Hearing impaired: prefers email or text.\nNo phone calls."


def test_the_preferred_contact_and_support_needs_are_checked_then_recorded_with_each_person(
        client: FlaskClient, back_office: BackOffice) -> None:
    fill_in(client, basis="behalf")
    answer(client, "/apply/your-details?change=1", {**ME, "support_needs": NEEDS})
    answer(client, "/apply/victim?change=1", {**VICTIM, "support_needs": "Lives alone; frail."})

    check = get(client, "/apply/check")
    reference = reference_on(send(client))

    assert "How we should contact you Email" in check.text()
    assert "How we should contact them Letter by post" in check.text()
    assert "Hearing impaired: prefers email or text." in check.text()
    applicant = back_office.cases.get_case(reference).application.applicant
    assert (applicant.person.preferred_contact, applicant.person.support_needs) == (ContactMethod.EMAIL, NEEDS)
    assert (applicant.victims[0].preferred_contact, applicant.victims[0].support_needs) == (
        ContactMethod.POST, "Lives alone; frail.")


def test_the_page_asks_how_to_contact_you_and_what_to_know_to_keep_you_safe(client: FlaskClient) -> None:
    answer(client, "/apply/who", {"basis": "self"})

    page = get(client, "/apply/your-details")

    legend = page.soup.find("input", attrs={"name": "preferred_contact"}).find_parent("fieldset").legend
    assert legend.get_text(strip=True) == "How should we contact you?"
    assert [radio["value"] for radio in page.soup.find_all("input", attrs={"name": "preferred_contact"})] == [
        "email", "telephone", "post"]
    label = page.soup.find("label", attrs={"for": "support_needs"}).get_text(strip=True)
    assert label == "Is there anything we should know to keep you safe or to help you take part? (optional)"


def test_a_missing_or_unknown_contact_choice_is_refused_on_the_field_and_nothing_is_kept(
        client: FlaskClient) -> None:
    answer(client, "/apply/who", {"basis": "self"})
    without = {key: value for key, value in ME.items() if key != "preferred_contact"}

    assert summary(refused(client, "/apply/your-details", without)) == {
        "#preferred_contact": "Select how we should contact you"}
    assert summary(refused(client, "/apply/your-details", {**ME, "preferred_contact": "pigeon"})) == {
        "#preferred_contact": "Select how we should contact you"}
    assert get(client, "/apply/your-details").soup.find("input", attrs={"name": "name"}).get("value", "") == ""


def test_a_contact_choice_without_its_detail_is_refused_on_the_field(client: FlaskClient) -> None:
    answer(client, "/apply/who", {"basis": "self"})
    no_email = {**ME, "email": "", "preferred_contact": "email"}
    no_phone = {**ME, "phone": "", "preferred_contact": "telephone"}

    assert summary(refused(client, "/apply/your-details", no_email)) == {
        "#preferred_contact": "Give an email address, or choose another way to be contacted"}
    assert summary(refused(client, "/apply/your-details", no_phone)) == {
        "#preferred_contact": "Give a telephone number, or choose another way to be contacted"}


def test_a_support_need_with_a_control_character_is_refused_on_the_field_and_not_kept(client: FlaskClient) -> None:
    answer(client, "/apply/who", {"basis": "self"})

    page = refused(client, "/apply/your-details", {**ME, "support_needs": "Uses a wheelchair\u202e"})

    assert list(summary(page)) == ["#support_needs"]
    assert "control characters" in summary(page)["#support_needs"]
    assert get(client, "/apply/your-details").soup.find("textarea", attrs={"name": "support_needs"}).get_text() \
        .strip() == ""
