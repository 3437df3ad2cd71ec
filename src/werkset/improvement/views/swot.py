"""A network's SWOT of a theme: its entries, added and removed; an entry can become an
improvement point (cycle.point_add)."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from werkset.accounts.scope import request_user, scope_for_request

from .. import selectors as s
from ..forms import SwotEntryForm
from ..models import SwotEntry
from ..rules import can_read_network, can_work_in_network
from ..swot_services import swot_entry_add, swot_entry_delete
from ..vocabulary import MAX_OPEN_POINTS, Quadrant
from .common import form_saved, improving, network_or_404, require_worker, step_done, theme_or_404


@improving
def swot_view(request: HttpRequest, network: str, theme_key: str) -> HttpResponse:
    """The network's SWOT of a theme with the guiding questions; its entries can become
    improvement points."""
    found = network_or_404(request, network)
    theme = theme_or_404(theme_key)
    can_work = can_work_in_network(scope_for_request(request), found)
    forms = {q: SwotEntryForm(prefix=q, quadrant=q) for q in Quadrant.values}
    status = 200
    if request.method == "POST":
        require_worker(request, found)
        quadrant = request.POST.get("quadrant", "")
        form = SwotEntryForm(
            request.POST,
            prefix=quadrant if quadrant in forms else None,
            quadrant=quadrant if quadrant in forms else None,
        )
        if form_saved(
            request,
            form,
            lambda data: swot_entry_add(
                network=found,
                theme=theme,
                quadrant=quadrant,
                text=data["text"],
                user=request_user(request),
            ),
            success=_("Added to the SWOT."),
            texts=lambda entry: (entry.text,),
        ):
            return redirect(
                reverse("improvement:swot", args=[found.code, theme.key]) + f"#swot-{quadrant}"
            )
        if quadrant in forms:
            forms[quadrant] = form
        else:
            messages.error(request, _("Choose strengths, weaknesses, opportunities or threats."))
        status = 400
    return render(
        request,
        "improvement/swot.html",
        {
            "network": found,
            "theme": theme,
            "quadrants": [
                (view, forms[view.quadrant.key] if can_work else None)
                for view in s.swot_of(network=found, theme=theme)
            ],
            "can_work": can_work,
            "room": s.open_points_count(network=found, theme_key=theme.key) < MAX_OPEN_POINTS,
            "max_open": MAX_OPEN_POINTS,
        },
        status=status,
    )


@improving
@require_POST
def swot_delete(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = SwotEntry.objects.select_related("network", "theme").filter(pk=entry_id).first()
    if entry is None or not can_read_network(scope_for_request(request), entry.network):
        raise Http404
    require_worker(request, entry.network)
    step_done(
        request,
        lambda: swot_entry_delete(entry=entry, user=request_user(request)),
        success=_("Removed."),
    )
    return redirect("improvement:swot", network=entry.network.code, theme_key=entry.theme.key)
