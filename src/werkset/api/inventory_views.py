"""National inventories in the API (issue 22): `/inventarisaties` and
`/inventarisaties/{slug}`, for whoever may see them (inventories/policy.py)."""

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from werkset.accounts.scope import request_user, scope_for_request
from werkset.inventories.document import inventory_document
from werkset.inventories.models import Inventory
from werkset.inventories.policy import inventory_may_see
from werkset.inventories.selectors import inventories_all

from .inventory_serializers import InventoryListSerializer, InventorySerializer


class InventoryViewSet(viewsets.ReadOnlyModelViewSet):
    """National inventories: the picture per region (toetsingskader verdict, participants,
    frequency) and the coded questions with their n."""

    serializer_class = InventoryListSerializer
    permission_classes = [permissions.IsAuthenticated]
    lookup_field = "slug"
    pagination_class = None

    def get_queryset(self) -> QuerySet[Inventory]:
        if getattr(self, "swagger_fake_view", False):  # the schema generator
            return Inventory.objects.none()
        scope, user = scope_for_request(self.request), request_user(self.request)
        visible = [
            i.pk for i in inventories_all() if inventory_may_see(scope, user=user, inventory=i)
        ]
        return inventories_all().filter(pk__in=visible)

    @extend_schema(responses={200: InventorySerializer})
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return Response(inventory_document(self.get_object()))
