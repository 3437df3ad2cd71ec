"""The network's discussion of a report: adding a comment and resolving it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from werkset.accounts.scope import request_user
from werkset.privacy.feedback import privacy_warn

from .comment_services import comment_add, comment_resolve
from .forms import (
    CommentForm,
)
from .models import Answer, Comment
from .services import (
    ReportError,
)
from .views import report_or_404


@login_required
@require_POST
def comment_add_view(request: HttpRequest, report_id: int) -> HttpResponse:
    report = report_or_404(request, report_id)
    form = CommentForm(request.POST)
    answer = None
    answer_id = request.POST.get("answer", "")
    if answer_id:
        if answer_id.isdigit():
            answer = (
                Answer.objects.select_related("indicator__theme")
                .filter(pk=int(answer_id), report=report)
                .first()
            )
        if answer is None:
            messages.error(request, _("This answer is not part of the report."))
            return redirect("reports:detail", report_id=report.pk)
    theme_key = answer.indicator.theme.key if answer else request.POST.get("theme", "")
    theme = report.catalogue_version.themes.filter(key=theme_key).first()
    if not form.is_valid():
        messages.error(request, _("Write a comment first."))
    else:
        try:
            comment_add(
                report=report,
                user=request_user(request),
                text=form.cleaned_data["text"],
                kind=form.cleaned_data["kind"],
                answer=answer,
                theme=theme,
            )
        except ReportError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Your comment has been added."))
            privacy_warn(request, form.cleaned_data["text"])
    if theme is None:
        return redirect("reports:detail", report_id=report.pk)
    anchor = f"#antwoord-{answer.pk}" if answer else "#thema-commentaar"
    return redirect(reverse("reports:theme", args=[report.pk, theme.key]) + anchor)


@login_required
@require_POST
def comment_resolve_view(request: HttpRequest, report_id: int, comment_id: int) -> HttpResponse:
    report = report_or_404(request, report_id)
    try:
        comment = Comment.objects.select_related("theme", "answer").get(
            pk=comment_id, report=report
        )
    except Comment.DoesNotExist as exc:
        raise Http404 from exc
    try:
        comment_resolve(
            comment=comment,
            user=request_user(request),
            resolution=request.POST.get("resolution", ""),
        )
    except ReportError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The comment has been resolved."))
        privacy_warn(request, request.POST.get("resolution", ""))
    if request.POST.get("next") == "detail" or comment.theme is None:
        return redirect("reports:detail", report_id=report.pk)
    anchor = f"#antwoord-{comment.answer_id}" if comment.answer_id else ""
    return redirect(reverse("reports:theme", args=[report.pk, comment.theme.key]) + anchor)
