"""Who may do what in the kennisbank. Searching: every signed-in user with a role, over the
reports that reports.policy lets them see (the index holds only finalised ones). Linking
inspiration to an improvement point: whoever works in the point's network's cycle
(improvement.rules), with a practice item of another network's finalised report."""

from werkset.accounts.scope import Scope
from werkset.improvement.models import ImprovementPoint
from werkset.improvement.rules import can_work_in_network

# At most this many practice items per improvement point (every input has a limit).
INSPIRATIONS_MAX = 20


def knowledge_may_search(scope: Scope) -> bool:
    return bool(scope.roles)


def inspiration_may_link(scope: Scope, point: ImprovementPoint) -> bool:
    return can_work_in_network(scope, point.network) and point.is_open
