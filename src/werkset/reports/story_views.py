"""Pages of the network's own story: the report's title, introduction and summary, its own
chapters and paragraphs, and the images of practice items. Every view checks the scope on
the server (reports/policy.py); the services check it again."""

import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from werkset.accounts.scope import request_user, scope_for_request
from werkset.catalogue.structure import catalogue_structure
from werkset.privacy.feedback import privacy_warn, text_values

from .forms import revision_posted
from .models import PracticeItem, Report, ReportSection
from .policy import report_may_edit
from .services import EditConflict, ReportError
from .story_forms import (
    OwnSectionForm,
    PracticeImageForm,
    StoryForm,
    section_place_value,
)
from .story_selectors import report_loose_references, report_story_outline
from .story_services import (
    practice_image_attach,
    practice_image_remove,
    report_section_create,
    report_section_delete,
    report_section_move,
    report_section_update,
    report_story_save,
)
from .views import report_or_404


def _editable_or_403(request: HttpRequest, report: Report) -> None:
    if not report_may_edit(scope_for_request(request), report):
        raise PermissionDenied


def _story_url(report: Report, anchor: str = "") -> str:
    return reverse("reports:story", args=[report.pk]) + (f"#{anchor}" if anchor else "")


@login_required
def report_story_view(request: HttpRequest, report_id: int) -> HttpResponse:
    """The network's story of a report: its own title, introduction and summary, and the
    list of its own chapters and paragraphs in the order of the document."""
    report = report_or_404(request, report_id)
    can_edit = report_may_edit(scope_for_request(request), report)
    initial = {
        "title": report.title,
        "introduction": report.introduction,
        "summary": report.summary,
    }
    form = StoryForm(initial=initial) if can_edit else None
    status = 200
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        form = StoryForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                report_story_save(
                    report=report,
                    user=request_user(request),
                    title=data["title"],
                    introduction=data["introduction"],
                    summary=data["summary"],
                    base_revision=revision_posted(request.POST, missing=-1),
                )
            except EditConflict:
                form.add_error(
                    None,
                    _(
                        "Someone else changed the title, introduction or summary in the "
                        "meantime; your text was not saved. Copy what you want to keep and "
                        "open this page again."
                    ),
                )
            except ReportError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The story of the network has been saved."))
                privacy_warn(request, *text_values(form.cleaned_data.values()))
                return redirect(_story_url(report))
        status = 400
    outline = report_story_outline(report=report)
    structure = catalogue_structure(version=report.catalogue_version)
    themes = {theme.pk: theme for theme in structure.themes}
    rows = [
        {
            "chapter": chapter,
            "theme": themes.get(chapter.theme_id) if chapter.theme_id else None,
            "own": next((s for s in outline.sections if s.pk == chapter.section_id), None),
            "paragraphs": [
                s
                for s in outline.sections
                if not s.is_chapter and chapter.theme_id and s.theme_id == chapter.theme_id
            ],
        }
        for chapter in outline.chapters
    ]
    return render(
        request,
        "reports/report_story.html",
        {
            "report": report,
            "form": form,
            "can_edit": can_edit,
            "rows": rows,
            "loose_references": report_loose_references(report=report, outline=outline)
            if can_edit
            else [],
        },
        status=status,
    )


def _section_form(report: Report, *args: object, **kwargs: object) -> OwnSectionForm:
    structure = catalogue_structure(version=report.catalogue_version)
    elements = {theme.pk: structure.theme_elements(theme) for theme in structure.themes}
    return OwnSectionForm(*args, themes=structure.themes, elements=elements, **kwargs)


@login_required
def own_section_view(
    request: HttpRequest, report_id: int, section_id: int | None = None
) -> HttpResponse:
    """Add or change an own chapter or paragraph of a report."""
    report = report_or_404(request, report_id)
    _editable_or_403(request, report)
    section = None
    if section_id is not None:
        section = ReportSection.objects.filter(pk=section_id, report=report).first()
        if section is None:
            raise Http404
    if section is None:
        initial = {"place": request.GET.get("plaats", "hoofdstuk:")}
    else:
        initial = {
            "title": section.title,
            "text": section.text,
            "place": section_place_value(section),
        }
    form = _section_form(report, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        place = data["place"]
        try:
            if section is None:
                saved = report_section_create(
                    report=report,
                    user=request_user(request),
                    is_chapter=place.is_chapter,
                    theme=place.theme,
                    element=place.element,
                    title=data["title"],
                    text=data["text"],
                )
            else:
                if place.is_chapter != section.is_chapter:
                    raise ReportError(
                        _(
                            "A chapter stays a chapter and a paragraph a paragraph; choose a "
                            "place of the same kind, or make a new one."
                        )
                    )
                saved, _changed = report_section_update(
                    report=report,
                    user=request_user(request),
                    section_id=section.pk,
                    title=data["title"],
                    text=data["text"],
                    base_revision=revision_posted(request.POST, missing=-1),
                    theme=place.theme,
                    element=place.element,
                    move_place=True,
                )
        except EditConflict as exc:
            form.add_error(
                None,
                _(
                    "Someone else changed this in the meantime; your text was not saved. "
                    "Their text: %(text)s"
                )
                % {"text": str(exc.current.get("text", ""))[:500]},
            )
        except ReportError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Saved."))
            privacy_warn(request, saved.title, saved.text)
            return redirect(_story_url(report, f"eigen-{saved.pk}"))
    return render(
        request,
        "reports/own_section_form.html",
        {"report": report, "form": form, "section": section},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def own_section_move_view(request: HttpRequest, report_id: int, section_id: int) -> HttpResponse:
    report = report_or_404(request, report_id)
    _editable_or_403(request, report)
    try:
        report_section_move(
            report=report,
            user=request_user(request),
            section_id=section_id,
            direction=request.POST.get("direction", ""),
        )
    except ReportError as exc:
        messages.error(request, str(exc))
    return redirect(_story_url(report, f"eigen-{section_id}"))


@login_required
@require_POST
def own_section_delete_view(request: HttpRequest, report_id: int, section_id: int) -> HttpResponse:
    report = report_or_404(request, report_id)
    _editable_or_403(request, report)
    try:
        report_section_delete(report=report, user=request_user(request), section_id=section_id)
    except ReportError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Removed."))
    return redirect(_story_url(report))


def _practice_item_or_404(report: Report, item_id: int) -> PracticeItem:
    item = PracticeItem.objects.filter(pk=item_id, report=report).select_related("theme").first()
    if item is None:
        raise Http404
    return item


@login_required
def practice_image_view(request: HttpRequest, report_id: int, item_id: int) -> FileResponse:
    """A practice item's image, to those who may see the report (never a public URL)."""
    report = report_or_404(request, report_id)
    item = _practice_item_or_404(report, item_id)
    if not item.image.name:
        raise Http404
    try:
        handle = default_storage.open(item.image.name, "rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404 from exc
    content_type = mimetypes.guess_type(item.image.name)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = "private, max-age=3600"
    response["Content-Security-Policy"] = "default-src 'none'"
    return response


def _item_edit_url(report: Report, item: PracticeItem) -> str:
    theme_key = item.theme.key if item.theme else ""
    return reverse("reports:item_edit", args=[report.pk, theme_key, "praktijk", item.pk])


@login_required
@require_POST
def practice_image_upload_view(request: HttpRequest, report_id: int, item_id: int) -> HttpResponse:
    """Attach an image to a practice item; a refused file changes nothing and says why."""
    report = report_or_404(request, report_id)
    _editable_or_403(request, report)
    item = _practice_item_or_404(report, item_id)
    form = PracticeImageForm(request.POST, request.FILES)
    upload = request.FILES.get("image")
    if upload is None:
        messages.error(request, _("Choose an image file (PNG or JPEG). Nothing has been saved."))
    else:
        try:
            practice_image_attach(
                report=report,
                user=request_user(request),
                item_id=item.pk,
                upload=upload,
                size=upload.size or 0,
                alt=form.data.get("image_alt", ""),
            )
        except ReportError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The image has been saved."))
    return redirect(_item_edit_url(report, item) + "#afbeelding")


@login_required
@require_POST
def practice_image_remove_view(request: HttpRequest, report_id: int, item_id: int) -> HttpResponse:
    report = report_or_404(request, report_id)
    _editable_or_403(request, report)
    item = _practice_item_or_404(report, item_id)
    try:
        practice_image_remove(report=report, user=request_user(request), item_id=item.pk)
    except ReportError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The image has been removed."))
    return redirect(_item_edit_url(report, item) + "#afbeelding")
