"""Who may do what with reporting rounds (issue 19). Who a user is, is accounts.scope's.

The national network (landelijk) opens, closes and reopens rounds and changes their
deadlines, and reads the status matrix: which networks and regions have reported in which
round, how far they are. The matrix names statuses and dates only, never a report's content.
"""

from werkset.accounts.scope import Scope


def round_may_manage(scope: Scope) -> bool:
    return scope.is_national


def rounds_may_see_matrix(scope: Scope) -> bool:
    """The matrix spans every network: for who sees them all, the national network."""
    return scope.is_national
