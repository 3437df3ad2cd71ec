"""Report pages. Every view checks the scope on the server; services check it again."""

from dataclasses import replace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from werkset.accounts.models import User
from werkset.accounts.scope import request_user, scope_for_request
from werkset.catalogue.models import Element, Theme
from werkset.catalogue.structure import catalogue_structure
from werkset.comparison.theme_section import assessment_section
from werkset.core.markdown import markdown_to_html
from werkset.core.problems import is_autosave_request
from werkset.privacy.detectors import privacy_warnings
from werkset.privacy.feedback import privacy_warn, text_values
from werkset.privacy.selectors import report_privacy_hits
from werkset.register.proposals import register_section

from .answer_fragments import answer_fragments, page_fingerprint
from .answers import (
    AnswerInvalid,
    answer_input_clean,
    answer_is_complete,
    answer_texts,
    content_of,
)
from .differences import report_differences
from .forms import (
    FREQUENCY_LABELS,
    ITEM_FORMS,
    AnswerFormState,
    answer_form_state,
    revision_posted,
)
from .limits import PROPOSAL_TEXT_MAX
from .models import Answer, ChangeSource, Report
from .policy import (
    perspective_codes,
    perspective_organisations,
    perspectives_mentioned,
    report_may_comment,
    report_may_decide_proposals,
    report_may_edit,
    report_may_remove,
    report_may_write,
    report_shows_discussion,
)
from .proposal_selectors import report_proposals
from .selectors import (
    answer_history,
    network_regions,
    report_answer_visible,
    report_correction,
    report_is_latest,
    report_progress,
    report_theme,
    report_versions,
    report_visible,
)
from .services import EditConflict, InputTooLong, ReportError, answer_save
from .story_forms import PracticeImageForm, add_place_field, place_values
from .story_selectors import theme_text_blocks
from .text_services import ITEM_MODELS, report_item_delete, report_item_save, section_text_save
from .theme_page import ThemePage, UrlPerId
from .workflow import transitions_for

# Practice items and quotes stand at a place in the running text; sources do not.
PLACED_KINDS = ("praktijk", "quote")


def report_or_404(request: HttpRequest, report_id: int, *, with_stamp: bool = False) -> Report:
    """The report if this user may see it; a 404 otherwise (not a 403: no hint it exists).
    `with_stamp`: with its content stamp, for a page that keeps the rows it reads (ADR 33)."""
    try:
        return report_visible(
            scope=scope_for_request(request), report_id=report_id, with_stamp=with_stamp
        )
    except Report.DoesNotExist as exc:
        raise Http404 from exc


def _user(request: HttpRequest) -> User:
    return request_user(request)


def _conflict_json(exc: EditConflict) -> JsonResponse:
    return JsonResponse(
        {
            "status": "conflict",
            "current": exc.current,
            "revision": exc.revision,
            "changed_by": exc.changed_by,
        },
        status=409,
    )


def _refused_json(exc: ReportError) -> JsonResponse:
    """A text over its limit is invalid input (400); a report that refuses the change, 409."""
    if isinstance(exc, InputTooLong):
        return JsonResponse({"status": "invalid", "message": str(exc)}, status=400)
    return JsonResponse({"status": "refused", "message": str(exc)}, status=409)


def _saved_at() -> str:
    return time_format(timezone.localtime(), "H:i")


@login_required
def report_detail(request: HttpRequest, report_id: int) -> HttpResponse:
    report = report_or_404(request, report_id)
    scope = scope_for_request(request)
    can_write = report_may_write(scope, report)
    show_discussion = report_shows_discussion(scope, report)
    return render(
        request,
        "reports/report_detail.html",
        {
            "report": report,
            "network_regions": network_regions(report),
            "can_write": can_write,
            "show_discussion": show_discussion,
            "progress": report_progress(report=report),
            "transitions": transitions_for(scope, report),
            "can_correct": can_write and report.is_final and report_is_latest(report),
            "can_remove": report_may_remove(scope, report),
            "correction": report_correction(report),
            "can_upload": report_may_edit(scope, report),
            "versions": report_versions(report=report),
            "status_changes": report.status_changes.all(),
            "privacy_hits": report_privacy_hits(report=report) if show_discussion else [],
            "open_comments": report.comments.filter(resolved_at__isnull=True).select_related(
                "answer__indicator", "theme"
            )
            if show_discussion
            else [],
            # Correction proposals (ADR 21): the writer accepts or declines the open ones.
            "proposals": report_proposals(report=report) if show_discussion else None,
            "can_decide_proposals": report_may_decide_proposals(scope, report),
            "proposal_text_max": PROPOSAL_TEXT_MAX,
        },
    )


def _autosave_messages() -> dict[str, str]:
    """The autosave script's texts, translated here so the script has no strings of its own."""
    return {
        "saving": _("Saving…"),
        "savedAt": _("Saved at"),
        "unsaved": _("Changes not saved yet; kept in this browser."),
        "restored": _("Text that was not saved has been put back from this browser, typed at"),
        "loggedOut": _(
            "Not saved: your session has ended. Your text is kept in this browser; log in "
            "again and open this page to save it."
        ),
        "offline": _(
            "Not saved: no connection. Your text is kept in this browser; trying again shortly."
        ),
        "conflict": _("Not saved: someone else changed this in the meantime."),
        "invalid": _("Not saved:"),
        "failed": _("Not saved."),
        "someone": _("Someone else"),
        "changedMeanwhile": _("changed this in the meantime. Their text:"),
        "theirText": _("Your text has not been saved. The stored text now reads:"),
        "keepMine": _("Save my version"),
        "takeTheirs": _("Take their version"),
    }


def _theme_or_404(report: Report, theme_key: str) -> Theme:
    """A theme of the report's catalogue version (from the catalogue structure this process
    keeps: a shared instance, read it, do not change it)."""
    theme = catalogue_structure(version=report.catalogue_version).theme(theme_key)
    if theme is None:
        raise Http404
    return theme


def _render_theme(
    request: HttpRequest,
    report: Report,
    theme: Theme,
    *,
    override: AnswerFormState | None = None,
    status: int = 200,
) -> HttpResponse:
    scope = scope_for_request(request)
    view = report_theme(report=report, theme=theme)
    regions = network_regions(report)

    def state_of(answer: Answer) -> AnswerFormState:
        if override is not None and override.answer.pk == answer.pk:
            return override
        organisations = perspective_organisations(
            stored=answer.perspectives, organisations=view.organisations
        )
        return answer_form_state(answer=answer, organisations=organisations, regions=regions)

    page = ThemePage(
        report_id=report.pk,
        theme_key=theme.key,
        csrf_token=get_token(request),
        catalogue_version=report.catalogue_version,
        can_edit=report_may_edit(scope, report),
        can_comment=report_may_comment(scope, report),
        show_discussion=report_shows_discussion(scope, report),
        answer_comments=view.answer_comments,
        frequency_periods=list(FREQUENCY_LABELS.items()),
        answer_save_url=UrlPerId.of("reports:answer_save", report.pk),
        answer_history_url=UrlPerId.of("reports:answer_history", report.pk),
        comment_resolve_url=UrlPerId.of("reports:comment_resolve", report.pk),
        comment_add_url=reverse("reports:comment_add", args=[report.pk]),
        practice_item_url=UrlPerId.of("reports:item_edit", report.pk, theme.key, "praktijk"),
        quote_url=UrlPerId.of("reports:item_edit", report.pk, theme.key, "quote"),
        numbers=view.numbers,
        image_url=UrlPerId.of("reports:practice_image", report.pk),
        section_url=UrlPerId.of("reports:section_edit", report.pk),
    )
    page = replace(
        page,
        answer_html=answer_fragments(
            page=page,
            answers=(answer for element in view.elements for answer in element.answers),
            fingerprint=page_fingerprint(
                page=page, organisations=view.organisations, regions=regions
            ),
            state_of=state_of,
            shown_again=override.answer.pk if override is not None else None,
        ),
    )
    return render(
        request,
        "reports/report_theme.html",
        {
            "report": report,
            "theme": theme,
            "view": view,
            "page": page,
            "themes": catalogue_structure(version=report.catalogue_version).themes,
            "can_edit": page.can_edit,
            "show_discussion": page.show_discussion,
            "override": override,
            "autosave_messages": _autosave_messages(),
            # The Actieoverleg's figures proposed from its register (register/proposals.py).
            "register_section": register_section(
                report=report, theme_key=theme.key, may_edit=page.can_edit
            ),
            # The section "Beoordeling van dit thema" (comparison/_theme_assessment.html).
            "assessment": assessment_section(
                report=report,
                theme=theme,
                scope=scope,
                answers=[answer for element in view.elements for answer in element.answers],
            ),
        },
        status=status,
    )


@login_required
def report_theme_view(request: HttpRequest, report_id: int, theme_key: str) -> HttpResponse:
    report = report_or_404(request, report_id, with_stamp=True)
    return _render_theme(request, report, _theme_or_404(report, theme_key))


@login_required
@require_POST
def answer_save_view(request: HttpRequest, report_id: int, answer_id: int) -> HttpResponse:
    """Explicit save (a normal form post) and autosave (X-Werkset-Autosave: JSON back)."""
    autosave = is_autosave_request(request)
    scope = scope_for_request(request)
    try:
        report, answer, register = report_answer_visible(
            scope=scope, report_id=report_id, answer_id=answer_id
        )
    except (Report.DoesNotExist, Answer.DoesNotExist) as exc:
        raise Http404 from exc
    # The indicator, its answer type and theme: from the catalogue structure (no joins).
    structure = catalogue_structure(version=report.catalogue_version)
    answer.indicator = structure.indicator_by_id[answer.indicator_id]
    if not report_may_edit(scope, report):
        raise PermissionDenied
    # The form asked for these perspectives; an error page shows them again.
    partners = perspective_organisations(stored=answer.perspectives, organisations=register)
    base_revision = revision_posted(request.POST, missing=-1)
    regions = network_regions(report)
    try:
        content, regions_mentioned = answer_input_clean(
            answer=answer,
            raw=request.POST,
            organisation_codes=perspective_codes(register),
            regions=regions,
        )
        saved, _changed = answer_save(
            answer=answer,
            content=content,
            base_revision=base_revision,
            user=_user(request),
            source=ChangeSource.AUTOSAVE if autosave else ChangeSource.EDIT,
            mentioned=perspectives_mentioned(request.POST),
            regions_mentioned=regions_mentioned,
        )
    except AnswerInvalid as exc:
        if autosave:
            return JsonResponse({"status": "invalid", "errors": exc.errors}, status=400)
        state = answer_form_state(
            answer=answer,
            organisations=partners,
            submitted=request.POST,
            errors=exc.errors,
            regions=regions,
        )
        return _render_theme(request, report, answer.indicator.theme, override=state, status=400)
    except EditConflict as exc:
        if autosave:
            return _conflict_json(exc)
        answer.refresh_from_db()
        state = answer_form_state(
            answer=answer,
            organisations=partners,
            submitted=request.POST,
            conflict={"current": exc.current, "changed_by": exc.changed_by},
            regions=regions,
        )
        return _render_theme(request, report, answer.indicator.theme, override=state, status=409)
    except ReportError as exc:
        if autosave:
            return _refused_json(exc)
        messages.error(request, str(exc))
        return redirect("reports:detail", report_id=report.pk)

    complete = answer_is_complete(answer.indicator.answer_type, content_of(saved))
    if autosave:
        return JsonResponse(
            {
                "status": "saved",
                "revision": saved.revision,
                "saved_at": _saved_at(),
                "complete": complete,
                "privacy": privacy_warnings(*answer_texts(saved)),
            }
        )
    messages.success(request, _("Saved at %(time)s.") % {"time": _saved_at()})
    privacy_warn(request, *answer_texts(saved))
    url = reverse("reports:theme", args=[report.pk, answer.indicator.theme.key])
    return redirect(f"{url}#antwoord-{answer.pk}")


@login_required
@require_POST
def section_text_view(
    request: HttpRequest, report_id: int, theme_key: str, element_key: str | None = None
) -> HttpResponse:
    report = report_or_404(request, report_id)
    theme = _theme_or_404(report, theme_key)
    element = None
    if element_key is not None:
        try:
            element = theme.elements.get(key=element_key)
        except Element.DoesNotExist as exc:
            raise Http404 from exc
    autosave = is_autosave_request(request)
    try:
        section, _changed = section_text_save(
            report=report,
            theme=theme,
            element=element,
            text=request.POST.get("text", ""),
            base_revision=revision_posted(request.POST, missing=0),
            user=_user(request),
        )
    except EditConflict as exc:
        if autosave:
            return _conflict_json(exc)
        messages.error(
            request,
            _(
                "Someone else changed this text in the meantime; your text was not saved. "
                "Their text: %(text)s"
            )
            % {"text": exc.current["text"][:500]},
        )
    except ReportError as exc:
        if autosave:
            return _refused_json(exc)
        messages.error(request, str(exc))
    else:
        if autosave:
            return JsonResponse(
                {
                    "status": "saved",
                    "revision": section.revision,
                    "saved_at": _saved_at(),
                    "privacy": privacy_warnings(section.text),
                }
            )
        messages.success(request, _("Saved at %(time)s.") % {"time": _saved_at()})
        privacy_warn(request, section.text)
    anchor = f"#tekst-{element_key or 'thema'}"
    return redirect(reverse("reports:theme", args=[report.pk, theme.key]) + anchor)


@login_required
def answer_history_view(request: HttpRequest, report_id: int, answer_id: int) -> HttpResponse:
    report = report_or_404(request, report_id)
    if not report_shows_discussion(scope_for_request(request), report):
        raise PermissionDenied
    try:
        answer = Answer.objects.select_related("indicator__answer_type", "indicator__theme").get(
            pk=answer_id, report=report
        )
    except Answer.DoesNotExist as exc:
        raise Http404 from exc
    return render(
        request,
        "reports/answer_history.html",
        {"report": report, "answer": answer, "changes": answer_history(answer=answer)},
    )


@login_required
def report_differences_view(request: HttpRequest, report_id: int) -> HttpResponse:
    report = report_or_404(request, report_id)
    if report.corrects is None:
        raise Http404
    previous = report_or_404(request, report.corrects_id)  # type: ignore[arg-type]
    return render(
        request,
        "reports/report_differences.html",
        {
            "report": report,
            "previous": previous,
            "sections": report_differences(old=previous, new=report),
        },
    )


@login_required
def report_item_view(
    request: HttpRequest, report_id: int, theme_key: str, kind: str, item_id: int | None = None
) -> HttpResponse:
    """Add or change an 'Uit de praktijk' item, a quote or a source of a theme."""
    report = report_or_404(request, report_id)
    theme = _theme_or_404(report, theme_key)
    if kind not in ITEM_FORMS:
        raise Http404
    if not report_may_edit(scope_for_request(request), report):
        raise PermissionDenied
    model = ITEM_MODELS[kind]
    instance = None
    if item_id is not None:
        instance = model.objects.filter(pk=item_id, report=report, theme=theme).first()
        if instance is None:
            raise Http404
    form_class = ITEM_FORMS[kind]
    form = form_class(request.POST or None, instance=instance)
    placed = kind in PLACED_KINDS
    if placed:
        add_place_field(form, theme_text_blocks(report=report, theme=theme))
    if kind == "praktijk":
        form.fields["text"].widget.attrs.update(
            {
                "data-markdown-preview": "item-preview",
                "data-preview-url": reverse("reports:preview"),
            }
        )
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.fields if name != "place"}
        values["theme"] = theme
        if placed:
            values |= place_values(form)
        try:
            item = report_item_save(
                report=report, user=_user(request), kind=kind, values=values, item_id=item_id
            )
        except ReportError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Saved at %(time)s.") % {"time": _saved_at()})
            privacy_warn(request, *text_values(values.values()))
            anchor = {"praktijk": "praktijk", "quote": "citaat"}.get(kind)
            anchor = f"#{anchor}-{item.pk}" if anchor else "#items"
            return redirect(reverse("reports:theme", args=[report.pk, theme.key]) + anchor)
    return render(
        request,
        "reports/report_item_form.html",
        {
            "report": report,
            "theme": theme,
            "form": form,
            "kind": kind,
            "instance": instance,
            "image_form": PracticeImageForm() if kind == "praktijk" and instance else None,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def report_item_delete_view(
    request: HttpRequest, report_id: int, theme_key: str, kind: str, item_id: int
) -> HttpResponse:
    report = report_or_404(request, report_id)
    theme = _theme_or_404(report, theme_key)
    if kind not in ITEM_MODELS:
        raise Http404
    try:
        report_item_delete(report=report, user=_user(request), kind=kind, item_id=item_id)
    except ReportError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Removed."))
    return redirect(reverse("reports:theme", args=[report.pk, theme.key]) + "#items")


@login_required
@require_POST
def markdown_preview(request: HttpRequest) -> HttpResponse:
    """The preview of a Markdown text, sanitised exactly as it will be shown."""
    return HttpResponse(markdown_to_html(request.POST.get("text", "")[:50_000]))
