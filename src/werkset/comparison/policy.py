"""Who may do what with the national comparisons: the one rule for views and services."""

from werkset.accounts.scope import Scope


def synthesis_may_request(scope: Scope) -> bool:
    """The national synthesis is the national network's document: the national role asks
    for it, reads it and downloads it."""
    return scope.is_national


def synthesis_may_read(scope: Scope) -> bool:
    return scope.is_national
