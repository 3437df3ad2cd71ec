import pytest
from django.urls import reverse

from werkset.accounts.models import Role, User
from werkset.regions.models import Region, RegionalNetwork
from werkset.reports.models import Report
from werkset.reports.tests.decide import network_chair


@pytest.fixture
def chair(report: Report) -> User:
    """The chair (vaststeller) of Noord-Nederland."""
    return network_chair(report)


@pytest.fixture
def outsiders(make_user, utrecht, netwerklid_oost, landelijk, beheerder) -> list[User]:
    """People who may not see Friesland's work in progress, or are not its audience: a
    rapporteur of another region of the same network and of another network, a member of
    another network, the national network, the administrator, and an inactive member."""
    inactive = make_user(
        Role.NETWERKLID, network=RegionalNetwork.objects.get(code="noord-nederland")
    )
    inactive.is_active = False
    inactive.save(update_fields=["is_active"])
    return [
        make_user(Role.RAPPORTEUR, region=Region.objects.get(code="groningen")),
        make_user(Role.RAPPORTEUR, region=utrecht),
        netwerklid_oost,
        landelijk,
        beheerder,
        inactive,
    ]


@pytest.fixture
def post_committed(client_for, django_capture_on_commit_callbacks):
    """POST as a user; the request's transaction 'commits', so its events are delivered."""

    def post(user: User, name: str, *args: object, **data: object):
        with django_capture_on_commit_callbacks(execute=True):
            return client_for(user).post(reverse(name, args=args), data)

    return post
