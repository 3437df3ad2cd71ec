"""The Jinja2 environment for the partials that a page repeats many times (ADR 0015).

Most pages are Django templates. A widget that a page shows dozens of times (the answer form
of an indicator, a comparison table's row) is a Jinja2 partial in an app's `jinja2/` folder,
rendered through Django's own Jinja2 backend, as Zulip does: the same markup in a template,
at a fraction of the Django template language's cost per variable. Partials get the same
translations as Django templates (`{% trans %}` / `_()`), `url()` and `static()`, and
autoescaping.
"""

from typing import Any

from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.formats import localize
from jinja2 import Environment


def _url(name: str, *args: Any, **kwargs: Any) -> str:
    """reverse() with positional or keyword arguments, as {% url %} takes them."""
    return reverse(name, args=args or None, kwargs=kwargs or None)


def environment(**options: Any) -> Environment:
    env = Environment(**options)  # noqa: S701 (Django's backend turns autoescape on)
    env.install_gettext_translations(translation, newstyle=True)  # type: ignore[attr-defined]
    env.globals.update(url=_url, static=static)
    env.filters["localize"] = localize
    return env
