"""URLs reversed once per process (ADR 0011).

`reverse()` looks a name up through the resolver's dictionaries, checks the arguments
against the pattern and quotes them: some twenty microseconds, and a page with its menus,
breadcrumb and theme navigation reverses twenty to thirty URLs. The URL configuration does
not change while a process runs, so a URL is kept under everything it is made of: the
name, the arguments, the current application (instance namespaces), the URL configuration
in use, the script prefix and the language.
"""

from collections.abc import Hashable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language


@lru_cache(maxsize=4096)
def _kept(
    name: str,
    args: tuple[Hashable, ...],
    kwargs: tuple[tuple[str, Hashable], ...],
    current_app: str | None,
    urlconf: str,
    prefix: str,
    language: str | None,
) -> str:
    return reverse(name, args=args, kwargs=dict(kwargs), current_app=current_app, urlconf=urlconf)


def _plain(value: Any) -> bool:
    # A string or an integer is its own key. Anything else (a model instance equals
    # another with the same id, whatever its name now) is reversed every time.
    return type(value) is int or isinstance(value, str)


def kept_reverse(
    name: str,
    args: Sequence[Any] = (),
    kwargs: Mapping[str, Any] | None = None,
    *,
    current_app: str | None = None,
) -> str:
    """reverse(), kept per process for arguments that are strings and integers."""
    kwargs = kwargs or {}
    if not (all(_plain(a) for a in args) and all(_plain(v) for v in kwargs.values())):
        return reverse(name, args=args, kwargs=dict(kwargs), current_app=current_app)
    return _kept(
        name,
        tuple(args),
        tuple(sorted(kwargs.items())),
        current_app,
        get_urlconf() or settings.ROOT_URLCONF,
        get_script_prefix(),
        get_language(),
    )
