"""The kennisbank's pages: the search (GET, with filters), and linking or unlinking a
practice item as inspiration for an improvement point (POST, back to where it came from)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from werkset.accounts.scope import request_user, scope_for_request
from werkset.improvement.models import ImprovementPoint
from werkset.improvement.rules import can_read_network
from werkset.regions.selectors import networks_in_order, regions_in_order

from .forms import SearchForm
from .policy import inspiration_may_link, knowledge_may_search
from .search import Hit, found_page
from .selectors import inspiration_item_ids
from .services import KnowledgeError, inspiration_add, inspiration_remove


def _point_for(request: HttpRequest, value: str | None) -> ImprovementPoint | None:
    """The improvement point the search looks for inspiration for (?verbeterpunt=), when
    this user may link to it; None otherwise."""
    if not value or not value.isdigit() or len(value) > 10:
        return None
    point = ImprovementPoint.objects.select_related("network").filter(pk=int(value)).first()
    if point is None or not inspiration_may_link(scope_for_request(request), point):
        return None
    return point


@login_required
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    scope = scope_for_request(request)
    if not knowledge_may_search(scope):
        raise PermissionDenied
    form = SearchForm(request.GET or None)
    page = None
    hits: tuple[Hit, ...] = ()
    point = _point_for(request, request.GET.get("verbeterpunt"))
    if form.is_bound and form.is_valid() and form.words:
        page, hits = found_page(
            scope=scope, words=form.words, filters=form.filters, number=request.GET.get("pagina")
        )
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "knowledge/search.html",
        {
            "form": form,
            "page": page,
            # A page without hits is falsy (Page has a length): the template asks this.
            "searched": page is not None,
            "hits": hits,
            "places": _place_names(),
            "query": query.urlencode(),
            "point": point,
            "linked": inspiration_item_ids(point=point) if point else set(),
        },
        status=400 if form.errors else 200,
    )


def _place_names() -> dict[tuple[str, int], str]:
    """The names of the regions and networks a result names (from their kept lists)."""
    return {
        **{("regio", region.pk): region.name for region in regions_in_order()},
        **{("netwerk", network.pk): network.name for network in networks_in_order()},
    }


def _point_or_404(request: HttpRequest, point_id: int) -> ImprovementPoint:
    """The point whose inspiration this user may change: 404 when the point cannot be read
    (no hint it exists), 403 when it can but not be changed (policy.inspiration_may_link)."""
    point = ImprovementPoint.objects.select_related("network").filter(pk=point_id).first()
    scope = scope_for_request(request)
    if point is None or not can_read_network(scope, point.network):
        raise Http404
    if not inspiration_may_link(scope, point):
        raise PermissionDenied
    return point


def _back(request: HttpRequest, point: ImprovementPoint) -> HttpResponse:
    back = request.POST.get("terug", "")
    if back.startswith(reverse("knowledge:search")) and len(back) < 2000:
        return redirect(back)
    return redirect(reverse("improvement:point", args=[point.pk]) + "#inspiratie")


@login_required
@require_POST
def inspiration_add_view(request: HttpRequest, point_id: int) -> HttpResponse:
    point = _point_or_404(request, point_id)
    value = request.POST.get("praktijk", "")
    if not value.isdigit() or len(value) > 10:
        messages.error(request, _("Choose a practice item from the knowledge base."))
        return _back(request, point)
    try:
        inspiration = inspiration_add(
            point=point, practice_item_id=int(value), user=request_user(request)
        )
    except KnowledgeError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("“%(item)s” is linked as inspiration.") % {"item": inspiration.practice_item.title},
        )
    return _back(request, point)


@login_required
@require_POST
def inspiration_remove_view(
    request: HttpRequest, point_id: int, inspiration_id: int
) -> HttpResponse:
    point = _point_or_404(request, point_id)
    try:
        inspiration_remove(point=point, inspiration_id=inspiration_id, user=request_user(request))
    except KnowledgeError as exc:
        messages.error(request, str(exc))
    return _back(request, point)
