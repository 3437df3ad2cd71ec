from typing import Any

from django.conf import settings
from django.http import HttpRequest

from werkset.accounts.policy import may_manage_accounts
from werkset.accounts.scope import scope_for_request

# The account pages of the beheerder and the coordinators (the menu's "People").
PEOPLE_PAGES = ("people", "person", "invite", "invite_bulk")


def environment(request: HttpRequest) -> dict[str, Any]:
    """Tell every page whether it runs outside production, so demo pages say so, and what
    the menu may offer (the views check access again on the server)."""
    return {
        "werkset_environment": settings.ENVIRONMENT,
        "werkset_can_compare": scope_for_request(request).can_compare,
        "werkset_can_improve": scope_for_request(request).can_improve,
        "werkset_can_manage_people": may_manage_accounts(scope_for_request(request)),
        "werkset_people_pages": PEOPLE_PAGES,
    }
