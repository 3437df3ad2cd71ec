"""The Jinja2 environment for the partials that a page repeats many times (ADR 0015).

Most pages are Django templates. A widget that a page shows dozens of times (the answer form
of an indicator, a comparison table's row) is a Jinja2 partial in an app's `jinja2/` folder,
rendered through Django's own Jinja2 backend, as Zulip does: the same markup in a template,
at a fraction of the Django template language's cost per variable. Partials get the same
translations as Django templates (`{% trans %}` / `_()`), `url()` and `static()`, and
autoescaping, and the filters of the Django templates they replace: `date` and `time` (in the
current time zone, as Django's), `linebreaksbr`, `localize` and `markdown`.
"""

from collections.abc import Callable
from datetime import datetime
from functools import lru_cache
from typing import Any

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.defaultfilters import linebreaksbr
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.dateformat import format as date_format
from django.utils.dateformat import time_format
from django.utils.formats import localize
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]
from jinja2 import Environment
from markupsafe import Markup

from werkset.core.markdown import markdown_to_html


def _url(name: str, *args: Any, **kwargs: Any) -> str:
    """reverse() with positional or keyword arguments, as {% url %} takes them."""
    return reverse(name, args=args or None, kwargs=kwargs or None)


@lru_cache(maxsize=2048)
def _translated(language: str | None, message: str) -> Markup:
    # Markup, as the i18n extension's newstyle gettext returns it: the translation is the
    # template's own text (it may hold markup); values put into it are escaped by `%`.
    return Markup(translation.gettext(message))  # noqa: S704 (our own catalogue)


def _gettext(message: str) -> str:
    """gettext, kept per language and message: a theme page's forms look up the same dozen
    texts once per indicator, and each lookup through Django's thread-local state costs
    more than the rest of the variable (the catalogues do not change while a process runs)."""
    return _translated(translation.get_language(), message)


@lru_cache(maxsize=32)
def translator(language: str | None) -> Callable[..., Markup]:
    """`_("...")` of a partial in one language: what the i18n extension's newstyle `_` gives
    (the translation as markup, values escaped into it), called directly. The extension's
    `_` goes through three context calls and asks for the current language each time; a theme
    page has some 400 texts (a third of its time). {% partial %} passes the translator of the
    request's language; the global `_` asks for the language itself."""

    def underscore(message: str, **variables: Any) -> Markup:
        text = _translated(language, message)
        return text % variables if variables else text

    return underscore


def _underscore(message: str, **variables: Any) -> Markup:
    return translator(translation.get_language())(message, **variables)


@receiver(setting_changed)
def _translations_changed(*, setting: str, **kwargs: Any) -> None:
    if setting in ("LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS"):
        _translated.cache_clear()
        translator.cache_clear()


def _date(value: datetime | None, format_string: str) -> str:
    """|date:"j F" of a Django template: in the current time zone and language."""
    return date_format(template_localtime(value), format_string) if value else ""


def _time(value: datetime | None, format_string: str) -> str:
    """|time:"H:i" of a Django template."""
    return time_format(template_localtime(value), format_string) if value else ""


def _linebreaksbr(text: Any) -> Markup:
    """|linebreaksbr: the text escaped, its line breaks as <br>."""
    return Markup(linebreaksbr(text, autoescape=True))  # noqa: S704 (escaped by linebreaksbr)


def _markdown(text: str) -> Markup:
    """|markdown: Markdown rendered and sanitised by nh3 (core.markdown)."""
    return Markup(markdown_to_html(text))  # noqa: S704 (sanitised)


def environment(**options: Any) -> Environment:
    env = Environment(**options)  # noqa: S701 (Django's backend turns autoescape on)
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=_gettext,
        ngettext=translation.ngettext,
        pgettext=translation.pgettext,
        npgettext=translation.npgettext,
        newstyle=True,
    )
    env.globals.update(url=_url, static=static, _=_underscore)
    env.filters.update(
        date=_date,
        time=_time,
        linebreaksbr=_linebreaksbr,
        localize=localize,
        markdown=_markdown,
    )
    return env
