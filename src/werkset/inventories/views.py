"""The pages of national inventories: the list, the national picture (with its export and,
for the national network, appointing a researcher) and one region's record, which the
national network or a researcher records and the region's people correct."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from werkset.accounts.models import User
from werkset.accounts.scope import request_user, scope_for_request
from werkset.comparison.exports import csv_download, xlsx_download
from werkset.regions.models import Region

from .exports import codes_table, export_meta, regions_table
from .forms import RecordForm, ResearcherForm, initial_of
from .models import CharacteristicVerdict, Inventory, Participation
from .policy import (
    inventory_may_edit_region,
    inventory_may_manage,
    inventory_may_record,
    inventory_may_see,
)
from .selectors import (
    RegionPicture,
    inventories_all,
    inventory_picture,
    inventory_region_picture,
)
from .services import InventoryError, inventory_record_save, inventory_researcher_appoint


def _visible(request: HttpRequest, slug: str) -> Inventory:
    inventory = inventories_all().filter(slug=slug).first()
    if inventory is None:
        raise Http404
    if not inventory_may_see(
        scope_for_request(request), user=request_user(request), inventory=inventory
    ):
        raise PermissionDenied
    return inventory


@login_required
@require_GET
def inventory_index(request: HttpRequest) -> HttpResponse:
    scope, user = scope_for_request(request), request_user(request)
    visible = [i for i in inventories_all() if inventory_may_see(scope, user=user, inventory=i)]
    if not visible and not scope.can_compare:
        raise PermissionDenied
    return render(request, "inventories/index.html", {"inventories": visible})


@login_required
@require_GET
def inventory_detail(request: HttpRequest, slug: str) -> HttpResponse:
    inventory = _visible(request, slug)
    scope, user = scope_for_request(request), request_user(request)
    return render(
        request,
        "inventories/picture.html",
        {
            "inventory": inventory,
            "picture": inventory_picture(inventory=inventory),
            "may_record": inventory_may_record(scope, user=user, inventory=inventory),
            "researcher_form": ResearcherForm() if inventory_may_manage(scope) else None,
        },
    )


@login_required
@require_GET
def inventory_export(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    inventory = _visible(request, slug)
    picture = inventory_picture(inventory=inventory)
    if fmt == "xlsx":
        return xlsx_download(
            inventory.slug, [regions_table(picture), codes_table(picture)], export_meta(picture)
        )
    if fmt == "csv":
        return csv_download(f"{inventory.slug}-regios", regions_table(picture))
    if fmt == "codes.csv":
        return csv_download(f"{inventory.slug}-codes", codes_table(picture))
    raise Http404


@login_required
@require_POST
def inventory_researcher(request: HttpRequest, slug: str) -> HttpResponse:
    inventory = _visible(request, slug)
    scope = scope_for_request(request)
    if not inventory_may_manage(scope):
        raise PermissionDenied
    form = ResearcherForm(request.POST)
    researcher = (
        User.objects.filter(username=form.cleaned_data["username"], is_active=True).first()
        if form.is_valid()
        else None
    )
    if researcher is None:
        messages.error(request, _("There is no active account with that user name."))
    else:
        inventory_researcher_appoint(
            inventory=inventory, researcher=researcher, user=request_user(request), scope=scope
        )
        messages.success(
            request,
            _("%(user)s may now record this inventory.") % {"user": researcher.get_username()},
        )
    return redirect("inventories:detail", slug=inventory.slug)


def _readable(inventory: Inventory, picture: RegionPicture) -> dict[str, Any]:
    """The region's record as text rows, for those who read it without the form."""
    instrument = inventory.instrument
    verdicts = dict(CharacteristicVerdict.choices)
    participation = dict(Participation.choices)
    return {
        "characteristic_rows": [
            (
                c.title,
                verdicts.get(picture.characteristics.get(c.key, ("", ""))[0], ""),
                picture.characteristics.get(c.key, ("", ""))[1],
            )
            for c in instrument.characteristics
        ],
        "participant_rows": [
            (p.title, participation.get(picture.participants.get(p.key, ""), ""))
            for p in instrument.partners
        ],
        "frequency": {f.key: f.title for f in instrument.frequencies}.get(picture.frequency, ""),
        "code_titles": [
            code.title
            for category in instrument.categories
            for code in category.codes
            if code.key in picture.codes
        ],
    }


@login_required
@require_http_methods(["GET", "POST"])
def inventory_region(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    """What the inventory says about one region; a form for those who may record or correct."""
    inventory = inventories_all().filter(slug=slug).first()
    region = Region.objects.select_related("network").filter(code=code).first()
    if inventory is None or region is None:
        raise Http404
    scope, user = scope_for_request(request), request_user(request)
    may_edit = inventory_may_edit_region(scope, user=user, inventory=inventory, region=region)
    if not may_edit and not inventory_may_see(scope, user=user, inventory=inventory):
        raise PermissionDenied
    picture = inventory_region_picture(inventory=inventory, region=region)
    form = RecordForm(inventory=inventory, initial=initial_of(picture, inventory))
    status = 200
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied
        form = RecordForm(request.POST, inventory=inventory)
        if form.is_valid():
            try:
                inventory_record_save(
                    inventory=inventory,
                    region=region,
                    data=form.record_input(),
                    user=user,
                    scope=scope,
                )
            except InventoryError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request, _("The inventory of %(region)s is saved.") % {"region": region.name}
                )
                return redirect("inventories:region", slug=inventory.slug, code=region.code)
        status = 400
    return render(
        request,
        "inventories/region.html",
        {
            "inventory": inventory,
            "region": region,
            "picture": picture,
            "form": form if may_edit else None,
            "correcting": may_edit
            and not inventory_may_record(scope, user=user, inventory=inventory),
            **_readable(inventory, picture),
        },
        status=status,
    )
