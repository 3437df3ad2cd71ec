"""The answer forms of a theme page, kept once rendered (issue 16, ADR 15).

A theme page repeats one answer form per indicator (about 30; in a network's report one more
set of widgets per region), and rendering them was most of the page's time. What one answer's
form shows depends only on: the answer's stored content, what the viewer may do on the page,
the report's regions, the partner organisations register, the catalogue version (published,
so unchanging), the language, and the templates and translations themselves. Its HTML is kept
in the cache under a digest of all of those: a change to any of them gives a new key, so
nothing has to be invalidated and a stale form cannot be served. The form token differs per
visitor; the kept HTML holds a stand-in that is replaced on the way out. A form shown again
with the errors or the conflict of a post is never kept.
"""

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from django.core.cache import cache as django_cache
from django.template import engines
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from werkset.core.fragments import release
from werkset.core.jinja2env import translator

from .forms import AnswerFormState
from .models import Answer
from .theme_page import ThemePage

TEMPLATE = "reports/_answer.html"
# What the kept HTML holds where the visitor's form token goes (letters only: escaping
# leaves it as it is, and no answer text can make the page's token appear elsewhere, since
# the stand-in is replaced only in the template's own token fields).
CSRF_STAND_IN = "werksetcsrfstandin"
# A day: a form not asked for in a day is rendered again (the cache is not a store).
TIMEOUT = 24 * 60 * 60
# The partials an answer form is made of: a change to any of them is a new release.
_PARTIALS = (
    TEMPLATE,
    "reports/_answer_form.html",
    "reports/_answer_read.html",
    "reports/_answer_widgets.html",
)


def page_fingerprint(
    *, page: ThemePage, organisations: Sequence[Any], regions: Sequence[Any]
) -> str:
    """What every answer form of the page shares and may differ between pages or viewers."""
    parts = [
        release(*_PARTIALS),
        get_language(),
        page.catalogue_version.pk,
        page.can_edit,
        page.show_discussion,
        [(o.pk, o.code, o.name, o.core_partner) for o in organisations],
        [(r.pk, r.code, r.name) for r in regions],
    ]
    return _digest(parts)


def answer_key(answer: Answer, fingerprint: str) -> str:
    """The cache key of one answer's form: its stored content and the page's fingerprint."""
    parts = [
        fingerprint,
        answer.pk,
        answer.indicator_id,
        answer.revision,
        answer.updated_at.isoformat() if answer.updated_at else None,
        answer.carried_over,
        answer.choice,
        answer.explanation,
        answer.figures,
        answer.perspectives,
        answer.regional,
    ]
    return f"werkset:antwoordformulier:{_digest(parts)}"


def _digest(parts: Any) -> str:
    encoded = json.dumps(parts, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.blake2b(encoded.encode(), digest_size=20).hexdigest()


def answer_fragments(
    *,
    page: ThemePage,
    answers: Iterable[Answer],
    fingerprint: str,
    state_of: Callable[[Answer], AnswerFormState],
    shown_again: int | None = None,
) -> Mapping[int, SafeString]:
    """Per answer its form's (or, for a reader, its answer's) HTML, from the cache where
    kept; `state_of` builds the form's state of an answer that has to be rendered;
    `shown_again`: the answer whose post is shown again (never kept)."""
    answers = list(answers)
    keys = {answer.pk: answer_key(answer, fingerprint) for answer in answers}
    kept: dict[str, str] = django_cache.get_many(list(keys.values()))
    template = engines["jinja2"].get_template(TEMPLATE)
    translate = translator(get_language())
    stand_in_page = replace(page, csrf_token=CSRF_STAND_IN)
    new: dict[str, str] = {}
    html: dict[int, SafeString] = {}
    for answer in answers:
        key = keys[answer.pk]
        rendered = kept.get(key)
        if rendered is None or answer.pk == shown_again:
            rendered = template.render(
                {"state": state_of(answer), "page": stand_in_page, "_": translate}
            )
            if answer.pk != shown_again:
                new[key] = rendered
        token = f'value="{page.csrf_token}"'
        html[answer.pk] = mark_safe(  # noqa: S308 (Jinja2 escaped every value in the partial)
            rendered.replace(f'value="{CSRF_STAND_IN}"', token)
        )
    if new:
        django_cache.set_many(new, timeout=TIMEOUT)
    return html
