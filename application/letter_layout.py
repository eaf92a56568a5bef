"""The printable HTML layout of the letters (Jinja2, autoescaped): one page layout shared by every
letter, and one body per letter kind. Every value put into them is escaped, the partnership's
wording as well as the case's text, so a letter shows what was written and never runs it."""

from __future__ import annotations

from jinja2 import DictLoader, Environment, StrictUndefined, Template

from domain.text import shown_value
from domain.values import LetterKind

PAGE = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>{{ subject }}</title>
<style>
  @page { size: A4; margin: 20mm 20mm 22mm 20mm; }
  @media print {
    body { margin: 0; max-width: none; }
    h2, li { break-after: avoid-page; }
    p, li { orphans: 3; widows: 3; }
  }
  body { font-family: Arial, Helvetica, sans-serif; font-size: 11pt; line-height: 1.45; color: #0b0c0c;
         max-width: 170mm; margin: 12mm auto; }
  .letterhead { display: flex; justify-content: space-between; gap: 10mm; border-bottom: 1pt solid #0b0c0c;
                padding-bottom: 4mm; margin-bottom: 10mm; }
  .letterhead .partnership { font-size: 13pt; font-weight: bold; }
  .addressee { min-height: 30mm; margin-bottom: 8mm; }
  .meta { margin-bottom: 8mm; }
  h1 { font-size: 13pt; margin: 6mm 0 4mm; }
  h2 { font-size: 11.5pt; margin: 6mm 0 2mm; }
  .quoted { border-left: 3pt solid #b1b4b6; padding-left: 4mm; white-space: pre-line; }
  ol, ul { padding-left: 6mm; }
  li { margin-bottom: 2mm; }
  .signature { white-space: pre-line; margin-top: 12mm; }
</style>
</head>
<body>
<header class="letterhead">
  <div><div class="partnership">{{ partnership }}</div>
    <address>{% for line in partnership_address %}{{ line }}<br>{% endfor %}</address></div>
  <div class="contact">{{ contact }}</div>
</header>
<section class="addressee">
  <address>{{ addressee }}{% for line in addressee_address %}<br>{{ line }}{% endfor %}</address>
</section>
<p class="meta">Date: {{ letter_date }}<br>Our reference: {{ reference }}</p>
<p>Dear {{ salutation }},</p>
<h1>{{ subject }}</h1>
{% block body %}{% endblock %}
<p>{{ sign_off }},</p>
<p class="signature">{{ signature }}</p>
</body>
</html>
"""

PARAGRAPHS = """{% macro paragraphs(texts) %}{% for text in texts %}<p>{{ text }}</p>
{% endfor %}{% endmacro %}"""

RECOMMENDATIONS = """{% macro recommendations(items, show_agency) %}<ol>
{% for item in items %}  <li value="{{ item.number }}">
    {%- if show_agency %}<strong>{{ item.agency }}:</strong> {% endif %}
    {{- item.text }} (response due by {{ item.response_due_on }})</li>
{% endfor %}</ol>{% endmacro %}"""

BODIES = {
    LetterKind.ACKNOWLEDGEMENT: """{{ paragraphs(text.body) }}""",
    LetterKind.THRESHOLD_DECISION: """{% if met %}{{ paragraphs(text.met) }}{% else %}{{ paragraphs(text.not_met) }}
<h2>Our reasons</h2>
<p class="quoted">{{ decision_reason }}</p>
{% if verdicts %}<p>How each incident was assessed against the partnership's threshold:</p>
<ul>
{% for verdict in verdicts %}  <li>Incident {{ verdict.number }}: {{ verdict.reason }}</li>
{% endfor %}</ul>{% endif %}
<h2>What will be done instead</h2>
<p class="quoted">{{ alternative_action }}</p>
<h2>How to appeal</h2>
{{ paragraphs(text.appeal) }}{% endif %}
{{ paragraphs(text.closing) }}""",
    LetterKind.DELAY: """{{ paragraphs(text.body) }}""",
    LetterKind.OUTCOME: """{{ paragraphs(text.opening) }}
<h2>What the panel found</h2>
<p class="quoted">{{ findings }}</p>
<h2>The panel's recommendations</h2>
{% if recommendations %}{{ recommendations_list(recommendations, True) }}
{% else %}<p>The panel made no recommendations.</p>{% endif %}
<h2>If you are not satisfied</h2>
{{ paragraphs(text.secondary_review) }}
{{ paragraphs(text.closing) }}""",
    LetterKind.AGENCY_RECOMMENDATIONS: """{{ paragraphs(text.opening) }}
<h2>Recommendations to {{ agency }}</h2>
{{ recommendations_list(recommendations, False) }}
{{ paragraphs(text.closing) }}""",
    LetterKind.SECONDARY_REVIEW_OUTCOME: """{{ paragraphs(text.body) }}
<h2>The independent panel's reasons</h2>
<p class="quoted">{{ secondary_review_reason }}</p>
{% if recommendations %}<h2>Further recommendations</h2>
{{ recommendations_list(recommendations, True) }}{% endif %}
{{ paragraphs(text.closing) }}""",
}

_HEADER = ('{% extends "page.html" %}{% from "macros.html" import paragraphs %}'
           '{% from "recommendations.html" import recommendations as recommendations_list %}'
           "{% block body %}")
_FOOTER = "{% endblock %}"

SOURCES = {
    "page.html": PAGE,
    "macros.html": PARAGRAPHS,
    "recommendations.html": RECOMMENDATIONS,
    **{f"{kind.value}.html": _HEADER + body + _FOOTER for kind, body in BODIES.items()},
}

_environment = Environment(loader=DictLoader(SOURCES), autoescape=True, undefined=StrictUndefined,
                           trim_blocks=True, lstrip_blocks=True, finalize=shown_value)


def layout_source(kind: LetterKind) -> str:
    """Everything the layout of a ``kind`` letter is made of, for its template version."""
    return "\n".join((PAGE, PARAGRAPHS, RECOMMENDATIONS, SOURCES[f"{kind.value}.html"]))


def template_for(kind: LetterKind) -> Template:
    return _environment.get_template(f"{kind.value}.html")
