"""Markdown to safe HTML: markdown-it renders, nh3 removes anything not on the allow-list."""

from functools import lru_cache
from typing import Any

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "blockquote", "code", "pre",
    "h3", "h4", "h5", "h6", "a", "table", "thead", "tbody", "tr", "th", "td", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}, "ol": {"start"}}

_renderer = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
# Pipe tables (| a | b | with a |---| row under the header), as seed 001's running text has.
_renderer.enable("table")


def _header_cell(self: Any, tokens: Any, index: int, options: Any, env: Any) -> str:
    """A table's header cell names its column for screen readers (scope="col"); the
    alignment markdown-it writes as a style attribute is dropped by nh3."""
    tokens[index].attrSet("scope", "col")
    return str(self.renderToken(tokens, index, options, env))


_renderer.add_render_rule("th_open", _header_cell)


# The same texts come back on every page view (the catalogue's context and help texts, a
# report's running texts): their HTML is kept per process. Rendering is a pure function of
# the text, so a cached result is always the right one; long texts are not kept.
CACHED_TEXT_LENGTH = 4000


def markdown_to_html(text: str) -> str:
    """Render Markdown and sanitise it; raw HTML in the source is shown as text."""
    text = text or ""
    if len(text) <= CACHED_TEXT_LENGTH:
        return _markdown_cached(text)
    return _markdown(text)


@lru_cache(maxsize=1024)
def _markdown_cached(text: str) -> str:
    return _markdown(text)


def _markdown(text: str) -> str:
    html = _renderer.render(text)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
