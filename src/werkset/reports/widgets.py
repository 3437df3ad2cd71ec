"""The answer form of one indicator and the running-text form, rendered in Python (ADR 0011).

A theme page holds one answer form per indicator, each with its choices, typed fields and
partner perspectives, and a running-text form per element: rendered with the template
engine they took half of the page's time (every variable lookup and tag costs a few
microseconds, and an answer form has about 150 of them). This module writes the same HTML
directly. The markup, labels, ids and texts are exactly what the templates
reports/_answer_form.html and reports/_section_text.html produced before (escaped the same
way, translated with the same message ids), so the page's accessibility is unchanged;
change the markup here, with the same care as in a template.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from html import escape
from typing import Any

from django.template.defaultfilters import linebreaksbr
from django.utils.dateformat import format as date_format
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from werkset.core.markdown import markdown_to_html
from werkset.core.urls import kept_reverse

from .forms import AnswerFormState, FieldState
from .limits import COMMENT_MAX, EXPLANATION_MAX, SECTION_TEXT_MAX

ERROR_CLASS = "utrecht-form-field-error-message form-field__error"


@dataclass(frozen=True)
class _Texts:
    """The theme page's fixed texts in one language: escaped as {% translate %} shows
    them, or (with a placeholder) as the translation that {% blocktranslate %} fills in."""

    fill_in: str
    number_of_times: str
    per: str
    explanation: str
    explanation_hint: str
    perspectives: str
    what_says: str  # %(organisation)s
    only_with: str  # %(choices)s
    save: str
    history: str
    not_answered: str
    saved_on: str  # %(date)s, %(time)s
    carried_over: str
    element_text: str
    theme_text: str
    save_text: str
    preview: str
    # the read view and the comments
    answer: str
    comments: str
    resolved: str
    resolution: str
    how_resolved: str
    mark_resolved: str
    add_answer_comment: str
    add_theme_comment: str
    kind: str
    remark: str
    correction: str
    comment: str
    add_comment: str
    # practice items and quotes
    from_practice: str
    source: str
    change: str
    anonymous: str
    quote: str


@lru_cache(maxsize=8)
def _texts(language: str | None) -> _Texts:
    """Translated once per language and process (a form alone has a dozen of them)."""
    return _Texts(
        fill_in=escape(_("Fill in")),
        number_of_times=escape(_("Number of times")),
        per=escape(_("per")),
        explanation=escape(_("Explanation")),
        explanation_hint=escape(_("explain the answer and give examples where useful")),
        perspectives=escape(_("Perspectives of partner organisations (optional)")),
        what_says=_("What %(organisation)s says"),
        only_with=_("Only with the answer: %(choices)s"),
        save=escape(_("Save")),
        history=escape(_("History")),
        not_answered=escape(_("Not answered yet")),
        saved_on=_("Saved on %(date)s at %(time)s"),
        carried_over=escape(
            _("Carried over from the previous report as a starting point: check and adjust it.")
        ),
        element_text=escape(_("Running text of this element (Markdown)")),
        theme_text=escape(_("Introduction to this theme (Markdown)")),
        save_text=escape(_("Save text")),
        preview=escape(_("Preview")),
        answer=escape(_("Answer")),
        comments=escape(_("Comments")),
        resolved=escape(_("resolved")),
        resolution=escape(_("Resolution")),
        how_resolved=escape(_("How was this resolved? (optional)")),
        mark_resolved=escape(_("Mark as resolved")),
        add_answer_comment=escape(_("Add a comment or factual correction")),
        add_theme_comment=escape(_("Add a comment on this theme")),
        kind=escape(_("Kind")),
        remark=escape(_("Remark")),
        correction=escape(_("Factual correction")),
        comment=escape(_("Comment")),
        add_comment=escape(_("Add comment")),
        from_practice=escape(_("From practice")),
        source=escape(_("Source")),
        change=escape(_("change")),
        anonymous=escape(_("Network member (anonymous)")),
        quote=escape(_("quote")),
    )


# The form's two links differ per answer only in its id: each is reversed once per report
# with a stand-in id, which is then replaced (the id is an <int:...> path segment).
_STAND_IN = 987654321987


@lru_cache(maxsize=512)
def _url_parts(url: str) -> tuple[str, str]:
    head, _stand_in, tail = url.rpartition(str(_STAND_IN))
    return escape(head), escape(tail)


@lru_cache(maxsize=512)
def _day_and_month(day: int, month: int, language: str | None) -> str:
    """|date:"j F": the day and the month's name in the language (2000 has every day)."""
    return escape(date_format(date(2000, month, day), "j F"))


def _saved_on(moment: Any, texts: _Texts) -> str:
    """As {% blocktranslate %} with |date:"j F" and |time:"H:i" (in the current time zone).

    The month names are looked up once per day and language: formatting them through
    Django's date format for every answer took a fifth of the answer forms' time."""
    local = template_localtime(moment)
    return texts.saved_on % {
        "date": _day_and_month(local.day, local.month, get_language()),
        "time": f"{local.hour:02d}:{local.minute:02d}",
    }


def _csrf_input(csrf_token: str) -> str:
    """As {% csrf_token %}."""
    if not csrf_token or csrf_token == "NOTPROVIDED":  # noqa: S105 (Django's marker)
        return ""
    return f'<input type="hidden" name="csrfmiddlewaretoken" value="{_e(csrf_token)}">'


def _url(name: str, *args: Any) -> str:
    """reverse(), escaped, kept per process (URLs do not change while it runs)."""
    return escape(kept_reverse(name, args))


def _answer_url(name: str, report_id: int, answer_id: int) -> str:
    head, tail = _url_parts(kept_reverse(name, (report_id, _STAND_IN)))
    return f"{head}{int(answer_id)}{tail}"


def _e(value: Any) -> str:
    """A value as {{ value }} shows it: localised (numbers, dates) and escaped."""
    if value.__class__ is str:  # the common case, as django.utils.html.escape does it
        return escape(value)
    if value.__class__ is int and -1000 < value < 1000:  # no thousands to separate
        return str(value)
    return str(conditional_escape(localize(template_localtime(value))))


def _join(values: Iterable[Any], separator: str) -> str:
    """{{ values|join:separator }}: every item escaped."""
    return conditional_escape(separator).join(_e(value) for value in values)


def _attr(condition: Any, text: str) -> str:
    return text if condition else ""


def _conflict(state: AnswerFormState) -> str:
    conflict = state.conflict or {}
    current = conflict.get("current") or {}
    name = conflict.get("changed_by") or _("someone else")
    choice = current.get("choice")
    return (
        '\n  <div class="conflict" role="alert" tabindex="-1" data-focus-on-load>\n'
        "    <h4>"
        + _("%(name)s changed this answer in the meantime") % {"name": _e(name)}
        + "</h4>\n    <p>"
        + _e(_("Your text is below and has not been saved. The stored answer now reads:"))
        + '</p>\n    <blockquote class="conflict__theirs">'
        + (f"<p><strong>{_e(choice)}</strong></p>" if choice else "")
        + f"<p>{linebreaksbr(current.get('explanation') or '—', autoescape=True)}</p>"
        + "</blockquote>\n    <p>"
        + _e(
            _(
                "Merge what you need and save again to keep your version, or reload the page "
                "to keep theirs."
            )
        )
        + "</p>\n  </div>\n  "
    )


def _choices(state: AnswerFormState, sid: str, texts: _Texts) -> str:
    parts = []
    if not state.indicator.answer_type.choices:
        checked = _attr(not state.choice, " checked")
        parts.append(
            f'\n      <div class="choice"><input type="radio" name="choice" value="" '
            f'id="{sid}-choice-none"{checked}><label for="{sid}-choice-none">'
            f"{texts.fill_in}</label></div>\n      "
        )
    parts.append("\n      ")
    for choice in state.choices:
        key = _e(choice["key"])
        checked = _attr(choice["key"] == state.choice, " checked")
        parts.append(
            f'\n      <div class="choice"><input type="radio" name="choice" value="{key}" '
            f'id="{sid}-choice-{key}"{checked}><label for="{sid}-choice-{key}">'
            f"{_e(choice['label'])}</label></div>\n      "
        )
    return "".join(parts)


def _contains(values: Any, key: Any) -> bool:
    try:
        return key in values
    except TypeError:
        return False


def _item(value: Any, key: str) -> Any:
    return value.get(key) if isinstance(value, dict) else None


def _field_error(field: FieldState, sid: str, suffix: str) -> str:
    if not field.error:
        return ""
    return f'<p class="{ERROR_CLASS}" id="{sid}-{_e(field.name)}{suffix}">{_e(field.error)}</p>'


def _frequency(
    field: FieldState, sid: str, periods: Sequence[tuple[str, Any]], texts: _Texts
) -> str:
    name = _e(field.name)
    amount = _item(field.value, "aantal")
    per = _item(field.value, "per")
    invalid = _attr(field.error, f' aria-invalid="true" aria-describedby="{sid}-{name}"')
    options = "".join(
        f'<option value="{_e(key)}"{_attr(per == key, " selected")}>{_e(label)}</option>'
        for key, label in periods
    )
    return (
        "\n    <fieldset>\n"
        f"      <legend>{_e(field.label)}</legend>\n"
        f"      {_field_error(field, sid, '')}\n"
        '      <div class="inline-fields">\n'
        f'        <label for="{sid}-{name}-aantal">{texts.number_of_times}</label>\n'
        f'        <input type="text" inputmode="numeric" size="5" name="{name}-aantal" '
        f'id="{sid}-{name}-aantal" value="{_e("" if amount is None else amount)}"{invalid}>\n'
        f'        <label for="{sid}-{name}-per">{texts.per}</label>\n'
        f'        <select name="{name}-per" id="{sid}-{name}-per">\n'
        '          <option value="">—</option>\n'
        f"          {options}\n"
        "        </select>\n"
        "      </div>\n"
        "    </fieldset>\n    "
    )


def _multiple(field: FieldState, sid: str) -> str:
    name = _e(field.name)
    options = "".join(
        f'<div class="choice"><input type="checkbox" name="{name}" value="{_e(option["key"])}" '
        f'id="{sid}-{name}-{_e(option["key"])}"'
        f"{_attr(_contains(field.value, option['key']), ' checked')}>"
        f'<label for="{sid}-{name}-{_e(option["key"])}">{_e(option["label"])}</label></div>'
        for option in field.options
    )
    return (
        "\n    <fieldset>\n"
        f"      <legend>{_e(field.label)}</legend>\n"
        f"      {_field_error(field, sid, '')}\n"
        '      <div class="choices choices--wrap">\n'
        f"      {options}\n"
        "      </div>\n"
        "    </fieldset>\n    "
    )


def _select(field: FieldState, sid: str) -> str:
    name = _e(field.name)
    options = "".join(
        f'<option value="{_e(option["key"])}"'
        f"{_attr(option['key'] == field.value, ' selected')}>{_e(option['label'])}</option>"
        for option in field.options
    )
    return (
        f'\n    <label for="{sid}-{name}">{_e(field.label)}</label>\n'
        f"    {_field_error(field, sid, '-error')}\n"
        f'    <select name="{name}" id="{sid}-{name}">\n'
        '      <option value="">—</option>\n'
        f"      {options}\n"
        "    </select>\n    "
    )


def _number(field: FieldState, sid: str) -> str:
    name = _e(field.name)
    unit = f' <span class="subtle">({_e(field.unit)})</span>' if field.unit else ""
    invalid = _attr(field.error, f' aria-invalid="true" aria-describedby="{sid}-{name}-error"')
    return (
        f'\n    <label for="{sid}-{name}">{_e(field.label)}{unit}</label>\n'
        f"    {_field_error(field, sid, '-error')}\n"
        f'    <input type="text" inputmode="decimal" class="input--number" name="{name}" '
        f'id="{sid}-{name}" value="{_e(field.value)}"{invalid}>\n    '
    )


def _field(field: FieldState, sid: str, periods: Sequence[tuple[str, Any]], texts: _Texts) -> str:
    if field.kind == "frequentie":
        body = _frequency(field, sid, periods, texts)
    elif field.kind == "meerkeuze":
        body = _multiple(field, sid)
    elif field.kind == "keuze":
        body = _select(field, sid)
    else:
        body = _number(field, sid)
    asked = ""
    if field.asked_when:
        asked = (
            '<p class="utrecht-form-field-description form-field__help">'
            + texts.only_with % {"choices": _join(field.asked_when, ", ")}
            + "</p>"
        )
    invalid = _attr(field.error, " utrecht-form-field--invalid form-field--invalid")
    return (
        f'\n  <div class="utrecht-form-field form-field answer__field{invalid}" '
        f'data-asked-when="{_join(field.asked_when, " ")}">\n    {body}\n    {asked}\n  </div>\n  '
    )


def _explanation(state: AnswerFormState, sid: str, texts: _Texts) -> str:
    hint = ""
    if not state.indicator.answer_type.explanation_required:
        hint = f' <span class="subtle">({texts.explanation_hint})</span>'
    errors = state.errors.get("explanation")
    error = (
        f'<p class="{ERROR_CLASS}" id="{sid}-explanation-error">{_join(errors, " ")}</p>'
        if errors
        else ""
    )
    invalid = _attr(errors, f' aria-invalid="true" aria-describedby="{sid}-explanation-error"')
    return (
        '  <div class="utrecht-form-field form-field">\n'
        f'    <label for="{sid}-explanation">{texts.explanation}{hint}</label>\n'
        f"    {error}\n"
        f'    <textarea name="explanation" id="{sid}-explanation" rows="4" '
        f'maxlength="{EXPLANATION_MAX}"{invalid}>'
        f"{_e(state.explanation)}</textarea>\n"
        "  </div>\n"
    )


def _perspectives(state: AnswerFormState, sid: str, texts: _Texts) -> str:
    opened = "".join(" open" for _organisation, text in state.perspectives if text)
    parts = [
        f'  <details class="perspectives"{opened}>\n'
        f"    <summary>{texts.perspectives}</summary>\n    "
    ]
    for organisation, text in state.perspectives:
        code = _e(organisation.code)
        label = texts.what_says % {"organisation": _e(organisation.name)}
        parts.append(
            '\n    <div class="utrecht-form-field form-field">\n'
            f'      <label for="{sid}-perspective-{code}">{label}</label>\n'
            f'      <textarea name="perspective-{code}" id="{sid}-perspective-{code}" rows="2" '
            f'maxlength="{EXPLANATION_MAX}">'
            f"{_e(text)}</textarea>\n"
            "    </div>\n    "
        )
    parts.append("\n  </details>\n")
    return "".join(parts)


def _footer(state: AnswerFormState, report_id: int, texts: _Texts) -> str:
    answer = state.answer
    label = _e(state.indicator.label)
    saved = _saved_on(answer.updated_at, texts) if answer.updated_at else texts.not_answered
    history = ""
    if answer.revision:
        url = _answer_url("reports:answer_history", report_id, answer.pk)
        history = (
            f'<a href="{url}">{texts.history}<span class="visually-hidden"> {label}</span></a>'
        )
    return (
        '  <div class="answer__footer">\n'
        '    <button type="submit" class="utrecht-button utrecht-button--primary-action">'
        f'{texts.save}<span class="visually-hidden"> {label}</span></button>\n'
        '    <span class="save-status" role="status" aria-live="polite" data-save-status>'
        f"{saved}</span>\n"
        f"    {history}\n"
        "  </div>\n"
    )


def answer_form_html(
    *,
    state: AnswerFormState,
    report_id: int,
    csrf_token: str,
    frequency_periods: Sequence[tuple[str, Any]],
) -> SafeString:
    """The answer form of one indicator: what the autosave script and a plain post use."""
    answer = state.answer
    indicator = state.indicator
    texts = _texts(get_language())
    sid = _e(state.html_id)
    action = _answer_url("reports:answer_save", report_id, answer.pk)
    csrf = _csrf_input(csrf_token)
    carried = ""
    if answer.carried_over:
        carried = (
            '<p class="utrecht-alert utrecht-alert--warning notice notice--small">'
            f"{texts.carried_over}</p>"
        )
    help_html = (
        f'<div class="indicator__help">{markdown_to_html(indicator.help)}</div>'
        if indicator.help
        else ""
    )
    choice_errors = state.errors.get("choice")
    choice_error = (
        f'<p class="{ERROR_CLASS}" id="{sid}-choice">{_join(choice_errors, " ")}</p>'
        if choice_errors
        else ""
    )
    fields = "".join(_field(field, sid, frequency_periods, texts) for field in state.fields)
    html = (
        f'\n<form id="{sid}" class="answer{_attr(state.has_errors, " answer--invalid")}" '
        f'method="post" action="{action}" data-autosave '
        # The draft key keeps the form it always had (with a thousands separator, as the
        # template localised the number), so texts kept in browsers are found again.
        f'data-draft-key="werkset-antwoord-{_e(answer.pk)}" novalidate>\n'
        f"  {csrf}\n"
        # A plain number: "1.000" would not read back as a revision.
        f'  <input type="hidden" name="base_revision" value="{int(state.base_revision)}" '
        "data-revision>\n"
        f"  {_conflict(state) if state.conflict else ''}\n"
        f"  {carried}\n"
        '  <fieldset class="answer__choice">\n'
        f'    <legend><span class="indicator__label">{_e(indicator.label)}</span>'
        f'<span class="indicator__question">{_e(indicator.question)}</span></legend>\n'
        f"    {help_html}\n"
        f"    {choice_error}\n"
        '    <div class="choices">\n'
        f"      {_choices(state, sid, texts)}\n"
        "    </div>\n"
        "  </fieldset>\n"
        f"  {fields}\n"
        + _explanation(state, sid, texts)
        + _perspectives(state, sid, texts)
        + _footer(state, report_id, texts)
        + "</form>\n\n"
    )
    return mark_safe(html)  # noqa: S308 (every value above is escaped)


def section_text_html(
    *,
    section: Any,
    report_id: int,
    theme_key: str,
    element_key: str | None,
    can_edit: bool,
    csrf_token: str,
) -> SafeString:
    """The running text of a theme (element_key None) or of one of its elements: a form for
    its rapporteur, the rendered Markdown for a reader."""
    texts = _texts(get_language())
    heading_id = _e(f"tekst-{element_key}" if element_key else "tekst-thema")
    text = section.text if section is not None else ""
    if can_edit:
        if element_key:
            action = _url("reports:element_text", report_id, theme_key, element_key)
            label = texts.element_text
        else:
            action = _url("reports:theme_text", report_id, theme_key)
            label = texts.theme_text
        # The draft key as the template wrote it (the report id with a thousands separator).
        draft_key = f"werkset-tekst-{_e(report_id)}-{_e(theme_key)}-{_e(element_key or 'thema')}"
        revision = int(section.revision or 0) if section is not None else 0
        saved = _saved_on(section.updated_at, texts) if section and section.updated_at else ""
        body = (
            f'\n  <form method="post" action="{action}" data-autosave '
            f'data-draft-key="{draft_key}">\n'
            f"    {_csrf_input(csrf_token)}\n"
            f'    <input type="hidden" name="base_revision" value="{revision}" data-revision>\n'
            '    <div class="utrecht-form-field form-field">\n'
            f'      <label for="{heading_id}-text">{label}</label>\n'
            f'      <textarea name="text" id="{heading_id}-text" rows="5" '
            f'maxlength="{SECTION_TEXT_MAX}" '
            f'data-markdown-preview="{heading_id}-preview" '
            f'data-preview-url="{_url("reports:preview")}">{_e(text)}</textarea>\n'
            "    </div>\n"
            '    <div class="answer__footer">\n'
            '      <button type="submit" class="utrecht-button utrecht-button--primary-action '
            f'button--small">{texts.save_text}</button>\n'
            '      <span class="save-status" role="status" aria-live="polite" data-save-status>'
            f"{saved}</span>\n"
            "    </div>\n"
            f'    <details class="preview"><summary>{texts.preview}</summary>'
            f'<div id="{heading_id}-preview" class="preview__body">{markdown_to_html(text)}'
            "</div></details>\n"
            "  </form>\n  "
        )
    elif text:
        body = f'\n  <div class="running-text">{markdown_to_html(text)}</div>\n  '
    else:
        body = ""
    html = f'\n<div class="section-text" id="{heading_id}">\n  {body}\n</div>\n'
    return mark_safe(html)  # noqa: S308 (every value above is escaped)


def _lines(text: str) -> str:
    """{{ text|linebreaksbr }}."""
    return str(linebreaksbr(text, autoescape=True))


@dataclass(frozen=True)
class Discussion:
    """Who may do what with a report's comments on this page, and the form token."""

    report_id: int
    theme_key: str
    can_edit: bool
    can_comment: bool
    csrf_token: str


def comments_html(*, comments: Sequence[Any], answer: Any, discussion: Discussion) -> SafeString:
    """The comments on an answer (or, with answer None, on the theme) and the form to add
    one: its rapporteur resolves them, network members add them while under discussion."""
    if not comments and not discussion.can_comment:
        return mark_safe("")
    texts = _texts(get_language())
    csrf = _csrf_input(discussion.csrf_token)
    parts = ['<div class="comments">']
    if comments:
        parts.append(f'<h5 class="comments__title">{texts.comments}</h5><ul class="comment-list">')
        for comment in comments:
            is_open = comment.resolved_at is None
            moment = escape(date_format(template_localtime(comment.created_at), "j F Y H:i"))
            parts.append(
                f'<li class="comment{"" if is_open else " comment--resolved"}">'
                f'<p class="comment__meta">{escape(str(comment.get_kind_display()))} · '
                f"{_e(comment.author_name)} · {moment}"
                f"{'' if is_open else f' · {texts.resolved}'}</p>"
                f"<p>{_lines(comment.text)}</p>"
            )
            if comment.resolution:
                parts.append(
                    f'<p class="comment__resolution"><strong>{texts.resolution}:</strong> '
                    f"{_lines(comment.resolution)}</p>"
                )
            if is_open and discussion.can_edit:
                pk = int(comment.pk)
                action = _url("reports:comment_resolve", discussion.report_id, pk)
                parts.append(
                    f'<form method="post" action="{action}" class="comment__resolve">{csrf}'
                    f'<label for="resolution-{pk}">{texts.how_resolved}</label>'
                    f'<input type="text" name="resolution" id="resolution-{pk}" '
                    f'maxlength="{COMMENT_MAX}">'
                    '<button type="submit" class="utrecht-button utrecht-button--primary-action '
                    f'button--small">{texts.mark_resolved}</button></form>'
                )
            parts.append("</li>")
        parts.append("</ul>")
    if discussion.can_comment:
        if answer is not None:
            # A plain number: "1.152" would not read back as the answer's id.
            target = str(int(answer.pk))
            summary = (
                f'{texts.add_answer_comment}<span class="visually-hidden"> — '
                f"{_e(answer.indicator.label)}</span>"
            )
            hidden = f'<input type="hidden" name="answer" value="{target}">'
        else:
            target = _e(discussion.theme_key)
            summary = texts.add_theme_comment
            hidden = f'<input type="hidden" name="theme" value="{target}">'
        action = _url("reports:comment_add", discussion.report_id)
        parts.append(
            f'<details class="comment-add"><summary>{summary}</summary>'
            f'<form method="post" action="{action}">{csrf}{hidden}'
            '<div class="utrecht-form-field form-field">'
            f'<label for="comment-kind-{target}">{texts.kind}</label>'
            f'<select name="kind" id="comment-kind-{target}">'
            f'<option value="opmerking">{texts.remark}</option>'
            f'<option value="correctie">{texts.correction}</option></select></div>'
            '<div class="utrecht-form-field form-field">'
            f'<label for="comment-text-{target}">{texts.comment}</label>'
            f'<textarea name="text" id="comment-text-{target}" rows="3" '
            f'maxlength="{COMMENT_MAX}" required></textarea>'
            "</div>"
            '<button type="submit" class="utrecht-button utrecht-button--primary-action '
            f'button--small">{texts.add_comment}</button></form></details>'
        )
    parts.append("</div>")
    return mark_safe("".join(parts))  # noqa: S308 (every value above is escaped)


def answer_read_html(*, state: AnswerFormState, report_id: int, show_history: bool) -> str:
    """An answer as a reader sees it (no form): the choice, figures, explanation and what
    the partner organisations say."""
    texts = _texts(get_language())
    label = _e(state.indicator.label)
    parts = [
        f'<div class="answer answer--read" id="{_e(state.html_id)}">'
        f'<h4 class="indicator__label">{label}</h4>'
        f'<p class="indicator__question">{_e(state.indicator.question)}</p>'
    ]
    if state.complete or state.choice or state.explanation or state.figures_display:
        parts.append('<dl class="answer__values">')
        if state.choice_label:
            parts.append(
                f"<dt>{texts.answer}</dt><dd><strong>{_e(state.choice_label)}</strong></dd>"
            )
        for figure_label, value in state.figures_display:
            parts.append(f"<dt>{_e(figure_label)}</dt><dd>{_e(value)}</dd>")
        if state.explanation:
            parts.append(f"<dt>{texts.explanation}</dt><dd>{_lines(state.explanation)}</dd>")
        for organisation, text in state.perspectives:
            if text:
                says = texts.what_says % {"organisation": _e(organisation.name)}
                parts.append(f"<dt>{says}</dt><dd>{_lines(text)}</dd>")
        parts.append("</dl>")
    else:
        parts.append(f'<p class="subtle">{texts.not_answered}</p>')
    if show_history and state.answer.revision:
        url = _answer_url("reports:answer_history", report_id, state.answer.pk)
        parts.append(
            f'<p><a href="{url}">{texts.history}<span class="visually-hidden"> {label}</span>'
            "</a></p>"
        )
    parts.append("</div>")
    return "".join(parts)


def indicator_list_html(
    *,
    answers: Sequence[Any],
    states: Mapping[int, AnswerFormState],
    catalogue_version: Any,
    answer_comments: Mapping[int, Sequence[Any]],
    discussion: Discussion,
    show_discussion: bool,
    frequency_periods: Sequence[tuple[str, Any]],
) -> SafeString:
    """The items of an element's indicator list: a heading wherever the group or value
    category changes, then per indicator its form (or, for a reader, its answer) and its
    comments."""
    parts = []
    previous: tuple[Any, Any] | None = None
    for answer in answers:
        indicator = answer.indicator
        heading = (indicator.group, indicator.value_category)
        if heading != previous and (indicator.group or indicator.value_category):
            title = indicator.group or catalogue_version.value_category_title(
                indicator.value_category
            )
            parts.append(f'<li class="indicator-list__group"><h3>{_e(title)}</h3></li>')
        previous = heading
        state = states[answer.pk]
        parts.append(f'<li class="indicator" id="indicator-{_e(indicator.key)}">')
        if discussion.can_edit:
            parts.append(
                answer_form_html(
                    state=state,
                    report_id=discussion.report_id,
                    csrf_token=discussion.csrf_token,
                    frequency_periods=frequency_periods,
                )
            )
        else:
            parts.append(
                answer_read_html(
                    state=state, report_id=discussion.report_id, show_history=show_discussion
                )
            )
        if show_discussion:
            parts.append(
                comments_html(
                    comments=answer_comments.get(answer.pk, ()),
                    answer=answer,
                    discussion=discussion,
                )
            )
        parts.append("</li>")
    return mark_safe("".join(parts))  # noqa: S308 (every value above is escaped)


def practice_items_html(
    *, items: Sequence[Any], report_id: int, theme_key: str, can_edit: bool
) -> SafeString:
    """The "From practice" boxes of a theme or element, each an aside named by its title
    (the markup of the former template reports/_practice_item.html)."""
    texts = _texts(get_language())
    parts = []
    for item in items:
        pk = int(item.pk)
        parts.append(
            f'<aside class="practice" aria-labelledby="praktijk-{pk}">'
            f'<p class="practice__kind">{texts.from_practice} · '
            f"{escape(str(item.get_kind_display()))}</p>"
            f'<h4 id="praktijk-{pk}">{_e(item.title)}</h4>'
            f"{markdown_to_html(item.text)}"
        )
        if item.source:
            parts.append(f'<p class="practice__source">{texts.source}: {_e(item.source)}</p>')
        if can_edit:
            url = _url("reports:item_edit", report_id, theme_key, "praktijk", pk)
            parts.append(
                f'<p><a href="{url}">{texts.change}'
                f'<span class="visually-hidden"> {_e(item.title)}</span></a></p>'
            )
        parts.append("</aside>")
    return mark_safe("".join(parts))  # noqa: S308 (every value escaped above)


def quotes_html(
    *, quotes: Sequence[Any], report_id: int, theme_key: str, can_edit: bool
) -> SafeString:
    """The quotes of a theme or element, anonymous unless attributed (as
    the former template reports/_quote.html)."""
    texts = _texts(get_language())
    parts = []
    for quote in quotes:
        attribution = _e(quote.attribution) if quote.attribution else texts.anonymous
        change = ""
        if can_edit:
            url = _url("reports:item_edit", report_id, theme_key, "quote", int(quote.pk))
            change = (
                f' · <a href="{url}">{texts.change}'
                f'<span class="visually-hidden"> {texts.quote}</span></a>'
            )
        parts.append(
            f'<figure class="quote"><blockquote>{_lines(quote.text)}</blockquote>'
            f"<figcaption>{attribution}{change}</figcaption></figure>"
        )
    return mark_safe("".join(parts))  # noqa: S308 (every value escaped above)
