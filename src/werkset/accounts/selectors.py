from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from .models import RoleAssignment, User


def role_assignments_for_user(*, user: User | AnonymousUser) -> QuerySet[RoleAssignment]:
    if not user.is_authenticated:
        return RoleAssignment.objects.none()
    return (
        RoleAssignment.objects.filter(user=user)
        .select_related("region__network", "network")
        .prefetch_related("network__regions")
    )
