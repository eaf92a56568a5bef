"""Who may use each route of the officer interface: the one table the access tests walk.

Each area keeps its own block (so people working on different areas do not edit the same lines).
``{reference}`` in a URL is replaced by a case whose threshold was met (``tests.application.cases.threshold_met``).

* PAGES: GET routes → the roles that see them (200); other roles get 403, signed-out visitors go to sign in.
* ACTIONS: POST routes → the roles that may use them. Posting an empty form (with a CSRF token) as an allowed
  role must not be refused for lack of permission (a 400 with the form's errors is the usual answer) and must
  record nothing; other roles get 403; signed-out visitors go to sign in.
"""

from __future__ import annotations

from domain.user import Role

READERS = frozenset({Role.OFFICER, Role.MANAGER, Role.AUDITOR})
CASEWORKERS = frozenset({Role.OFFICER, Role.MANAGER})
MANAGERS = frozenset({Role.MANAGER})
AGENCY_FORMS = CASEWORKERS | {Role.AGENCY_CONTACT}
ADMINISTRATORS = frozenset({Role.ADMINISTRATOR})
EVERYONE = frozenset(Role)

# ------------------------------------------------------------------ the foundation (sign-in, dashboard, case)
CORE_PAGES: dict[str, tuple[str, frozenset[Role]]] = {
    "dashboard.home": ("/", EVERYONE),
    "dashboard.open_cases": ("/cases", READERS),
    "cases.show_case": ("/cases/{reference}", READERS),
    "users.list_users": ("/users", ADMINISTRATORS),
    "agency.requests": ("/agency", frozenset({Role.AGENCY_CONTACT})),
}
# ------------------------------------------------------------------ the review body (domain/review_body.py)
# The matrix's case is referred to no body, so a review-body user is refused its papers and its decisions (the
# "review" user acts for route (a)'s body); tests/web/test_review_body.py covers the cases referred to it.
REVIEW_BODY_PAGES: dict[str, tuple[str, frozenset[Role]]] = {
    "review_body.referred_cases": ("/review-body", frozenset({Role.REVIEW_BODY})),
    "review_body.papers": ("/review-body/cases/{reference}", frozenset()),
}
REVIEW_BODY_ACTIONS: dict[str, tuple[str, frozenset[Role]]] = {
    "users.assign_review_body": ("/users/officer/review-body", ADMINISTRATORS),
}
CORE_ACTIONS: dict[str, tuple[str, frozenset[Role]]] = {}

# ------------------------------------------------------------------ forms for each step of the process
STEP_PAGES: dict[str, tuple[str, frozenset[Role]]] = {
    "steps.new_application": ("/applications/new", CASEWORKERS),
    "steps.assign_officer": ("/cases/{reference}/officer", CASEWORKERS),
    "steps.log_incident": ("/cases/{reference}/incidents/new", CASEWORKERS),
    "steps.correct_incident": ("/cases/{reference}/incidents/1/correction", CASEWORKERS),
    "steps.strike_out_incident": ("/cases/{reference}/incidents/1/strike-out", CASEWORKERS),
    "steps.give_consent": ("/cases/{reference}/consent/new", CASEWORKERS),
    "steps.withdraw_consent": ("/cases/{reference}/consent/withdraw", CASEWORKERS),
    "steps.request_verification": ("/cases/{reference}/verification-requests/new", CASEWORKERS),
    "steps.answer_verification": ("/cases/{reference}/verification-answers/new", AGENCY_FORMS),
    "steps.threshold_decision": ("/cases/{reference}/threshold", CASEWORKERS),
    "steps.lodge_appeal": ("/cases/{reference}/appeal", CASEWORKERS),
    "steps.decide_appeal": ("/cases/{reference}/appeal/decision", CASEWORKERS),
    "steps.lodge_challenge": ("/cases/{reference}/rejection/challenge", CASEWORKERS),
    "steps.decide_challenge": ("/cases/{reference}/rejection/challenge/decision", CASEWORKERS),
    "steps.withdraw_application": ("/cases/{reference}/withdrawal", CASEWORKERS),
    "steps.reject_application": ("/cases/{reference}/rejection", CASEWORKERS),
    "steps.close_application": ("/cases/{reference}/closure", CASEWORKERS),
    "steps.request_agency_information": ("/cases/{reference}/review/agency-requests/new", CASEWORKERS),
    "steps.record_agency_information": ("/cases/{reference}/review/agency-information/new", AGENCY_FORMS),
    "steps.schedule_panel": ("/cases/{reference}/review/panel/schedule", CASEWORKERS),
    "steps.invite_victim": ("/cases/{reference}/review/victim-invitation", CASEWORKERS),
    "steps.choose_involvement": ("/cases/{reference}/review/victim-involvement", CASEWORKERS),
    "steps.victim_not_invited": ("/cases/{reference}/review/victim-not-invited", CASEWORKERS),
    "steps.draft_action_plan": ("/cases/{reference}/review/action-plan/draft", CASEWORKERS),
    "steps.share_action_plan": ("/cases/{reference}/review/action-plan/shared", CASEWORKERS),
    "steps.action_plan_response": ("/cases/{reference}/review/action-plan/response", CASEWORKERS),
    "steps.finalise_action_plan": ("/cases/{reference}/review/action-plan/final", CASEWORKERS),
    "steps.impact_statement": ("/cases/{reference}/review/impact-statement", CASEWORKERS),
    "steps.hold_panel": ("/cases/{reference}/review/panel", CASEWORKERS),
    "steps.issue_recommendation": ("/cases/{reference}/review/recommendations/new", CASEWORKERS),
    "steps.agency_response": ("/cases/{reference}/review/recommendations/1/response", AGENCY_FORMS),
    "steps.delay_notice": ("/cases/{reference}/review/delay-letter", CASEWORKERS),
    "steps.request_secondary_review": ("/cases/{reference}/review/secondary-review/request", CASEWORKERS),
    "steps.hold_secondary_review": ("/cases/{reference}/review/secondary-review/held", CASEWORKERS),
    "steps.conclude_secondary_review": ("/cases/{reference}/review/secondary-review/conclusion", CASEWORKERS),
    "steps.close_review": ("/cases/{reference}/review/closure", CASEWORKERS),
}
STEP_ACTIONS: dict[str, tuple[str, frozenset[Role]]] = {
    "steps.new_application": ("/applications/new", CASEWORKERS),
    "steps.assign_officer": ("/cases/{reference}/officer", CASEWORKERS),
    "steps.log_incident": ("/cases/{reference}/incidents/new", CASEWORKERS),
    "steps.correct_incident": ("/cases/{reference}/incidents/1/correction", CASEWORKERS),
    "steps.strike_out_incident": ("/cases/{reference}/incidents/1/strike-out", CASEWORKERS),
    "steps.give_consent": ("/cases/{reference}/consent/new", CASEWORKERS),
    "steps.withdraw_consent": ("/cases/{reference}/consent/withdraw", CASEWORKERS),
    "steps.request_verification": ("/cases/{reference}/verification-requests/new", CASEWORKERS),
    "steps.answer_verification": ("/cases/{reference}/verification-answers/new", AGENCY_FORMS),
    "steps.threshold_decision": ("/cases/{reference}/threshold", MANAGERS),
    "steps.lodge_appeal": ("/cases/{reference}/appeal", CASEWORKERS),
    "steps.decide_appeal": ("/cases/{reference}/appeal/decision", MANAGERS),
    "steps.lodge_challenge": ("/cases/{reference}/rejection/challenge", CASEWORKERS),
    "steps.decide_challenge": ("/cases/{reference}/rejection/challenge/decision", MANAGERS),
    "steps.withdraw_application": ("/cases/{reference}/withdrawal", CASEWORKERS),
    "steps.reject_application": ("/cases/{reference}/rejection", MANAGERS),
    "steps.close_application": ("/cases/{reference}/closure", CASEWORKERS),
    "steps.request_agency_information": ("/cases/{reference}/review/agency-requests/new", CASEWORKERS),
    "steps.record_agency_information": ("/cases/{reference}/review/agency-information/new", AGENCY_FORMS),
    "steps.schedule_panel": ("/cases/{reference}/review/panel/schedule", CASEWORKERS),
    "steps.invite_victim": ("/cases/{reference}/review/victim-invitation", CASEWORKERS),
    "steps.choose_involvement": ("/cases/{reference}/review/victim-involvement", CASEWORKERS),
    "steps.victim_not_invited": ("/cases/{reference}/review/victim-not-invited", CASEWORKERS),
    "steps.draft_action_plan": ("/cases/{reference}/review/action-plan/draft", CASEWORKERS),
    "steps.share_action_plan": ("/cases/{reference}/review/action-plan/shared", CASEWORKERS),
    "steps.action_plan_response": ("/cases/{reference}/review/action-plan/response", CASEWORKERS),
    "steps.finalise_action_plan": ("/cases/{reference}/review/action-plan/final", CASEWORKERS),
    "steps.impact_statement": ("/cases/{reference}/review/impact-statement", CASEWORKERS),
    "steps.hold_panel": ("/cases/{reference}/review/panel", CASEWORKERS),
    "steps.issue_recommendation": ("/cases/{reference}/review/recommendations/new", CASEWORKERS),
    "steps.agency_response": ("/cases/{reference}/review/recommendations/1/response", AGENCY_FORMS),
    "steps.delay_notice": ("/cases/{reference}/review/delay-letter", CASEWORKERS),
    "steps.request_secondary_review": ("/cases/{reference}/review/secondary-review/request", CASEWORKERS),
    "steps.hold_secondary_review": ("/cases/{reference}/review/secondary-review/held", CASEWORKERS),
    "steps.conclude_secondary_review": ("/cases/{reference}/review/secondary-review/conclusion", CASEWORKERS),
    "steps.close_review": ("/cases/{reference}/review/closure", CASEWORKERS),
}

# ------------------------------------------------------ history, decisions, pack, report, audit, letters, users
VIEW_PAGES: dict[str, tuple[str, frozenset[Role]]] = {
    "views.case_history": ("/cases/{reference}/history", READERS),
    "views.case_after_event": ("/cases/{reference}/history/2", READERS),
    "views.case_as_at": ("/cases/{reference}/as-at", READERS),
    "views.case_decisions": ("/cases/{reference}/decisions", READERS),
    "views.pack_download": ("/cases/{reference}/pack", READERS),
    "views.pack_json_download": ("/cases/{reference}/pack.json", READERS),
    "views.pack_view": ("/cases/{reference}/pack/view", READERS),
    "views.annual_report": ("/report", READERS),
    "views.annual_report_csv": ("/report.csv", READERS),
    "views.audit_trail": ("/audit", READERS),
    "views.case_letters": ("/cases/{reference}/letters", READERS),
    "views.print_letter": ("/cases/{reference}/letters/acknowledgement/print", READERS),
    "views.letter_page": ("/cases/{reference}/letters/acknowledgement", READERS),
    "views.letter_pdf": ("/cases/{reference}/letters/acknowledgement/pdf", READERS),
    "search.find_case": ("/search", READERS),
    "notes.add_note": ("/cases/{reference}/notes/new", CASEWORKERS),
    "users.add_user": ("/users/new", ADMINISTRATORS),
    "users.show_user": ("/users/officer", ADMINISTRATORS),
}
VIEW_ACTIONS: dict[str, tuple[str, frozenset[Role]]] = {
    "views.produce_letter": ("/cases/{reference}/letters/produce", CASEWORKERS),
    "views.letter_page": ("/cases/{reference}/letters/acknowledgement", CASEWORKERS),
    "notes.add_note": ("/cases/{reference}/notes/new", CASEWORKERS),
    "users.add_user": ("/users/new", ADMINISTRATORS),
    "users.change_roles": ("/users/officer/roles", ADMINISTRATORS),
    "users.change_status": ("/users/officer/status", ADMINISTRATORS),
    "users.set_password": ("/users/officer/password", ADMINISTRATORS),
    "users.assign_agency": ("/users/officer/agency", ADMINISTRATORS),
}

# ------------------------------------------------------ subject access, rectification, the access log
# ``{request}`` is a subject access request for the case's applicant (``tests.web.test_access.case_seen_as``).
AUDITORS_AND_MANAGERS = frozenset({Role.AUDITOR, Role.MANAGER})
PRIVACY_PAGES: dict[str, tuple[str, frozenset[Role]]] = {
    "privacy.subject_access_list": ("/subject-access", READERS),
    "privacy.new_subject_access_request": ("/subject-access/new", CASEWORKERS),
    "privacy.subject_access_request": ("/subject-access/{request}", READERS),
    "privacy.export_page": ("/subject-access/{request}/export", READERS),
    "privacy.export_json": ("/subject-access/{request}/export.json", READERS),
    "privacy.export_pdf": ("/subject-access/{request}/export.pdf", READERS),
    "privacy.correct_person": ("/cases/{reference}/people/p-1/correct", CASEWORKERS),
    "privacy.access_log": ("/access-log", AUDITORS_AND_MANAGERS),
}
PRIVACY_ACTIONS: dict[str, tuple[str, frozenset[Role]]] = {
    "privacy.new_subject_access_request": ("/subject-access/new", CASEWORKERS),
    "privacy.confirm_records": ("/subject-access/{request}/records", CASEWORKERS),
    "privacy.answer_request": ("/subject-access/{request}/answer", CASEWORKERS),
    "privacy.correct_person": ("/cases/{reference}/people/p-1/correct", CASEWORKERS),
}
# ------------------------------------------------------ relevant bodies, recommendations, statistics, retention
RECS_PAGES: dict[str, tuple[str, frozenset[Role]]] = {
    "dashboard.retention_list": ("/retention", frozenset({Role.MANAGER, Role.ADMINISTRATOR})),
    "views.onward_return_download": ("/report/return.csv", READERS),
}
RECS_ACTIONS: dict[str, tuple[str, frozenset[Role]]] = {}
# ------------------------------------------------------------------ erasing personal data (docs/PERSONAL-DATA.md)
ERASURE_PAGES: dict[str, tuple[str, frozenset[Role]]] = {
    "erasure.erase_personal_data": ("/cases/{reference}/erasure", MANAGERS),
}
ERASURE_ACTIONS: dict[str, tuple[str, frozenset[Role]]] = {
    "erasure.erase_personal_data": ("/cases/{reference}/erasure", MANAGERS),
}
# ------------------------------------------------ the application passed to the relevant bodies (s.104(3)(b))
BODIES_PAGES: dict[str, tuple[str, frozenset[Role]]] = {
    "steps.pass_to_relevant_bodies": ("/cases/{reference}/relevant-bodies", CASEWORKERS),
}
BODIES_ACTIONS: dict[str, tuple[str, frozenset[Role]]] = {
    "steps.pass_to_relevant_bodies": ("/cases/{reference}/relevant-bodies", CASEWORKERS),
}


# ------------------------------------------------------ agency contacts' and panel members' scopes
# (tests/web/test_agency_scopes.py: which case and agency each sees; here a contact whose agency is not set yet)
SCOPES_PAGES: dict[str, tuple[str, frozenset[Role]]] = {
    "agency.panel": ("/agency/panels/{reference}", frozenset({Role.AGENCY_CONTACT})),
}
SCOPES_ACTIONS: dict[str, tuple[str, frozenset[Role]]] = {}



PAGES = {**CORE_PAGES, **REVIEW_BODY_PAGES, **STEP_PAGES, **VIEW_PAGES, **PRIVACY_PAGES, **RECS_PAGES, **ERASURE_PAGES,
         **BODIES_PAGES, **SCOPES_PAGES}
ACTIONS = {**CORE_ACTIONS, **REVIEW_BODY_ACTIONS, **STEP_ACTIONS, **VIEW_ACTIONS, **PRIVACY_ACTIONS, **RECS_ACTIONS,
           **ERASURE_ACTIONS, **BODIES_ACTIONS, **SCOPES_ACTIONS}

# Routes with their own access tests: signing in and out (with a password, or with the identity provider:
# tests/browser/test_provider_sign_in.py), the public application form (no sign-in), the JSON API (token
# authentication), static files and the health and metrics endpoints (tests/web/test_health.py; no sign-in).
NOT_IN_MATRIX_PREFIXES = ("static", "auth.", "oidc.", "public.", "api.", "health.")
