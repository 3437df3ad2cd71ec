"""Markdown is kept per text (ADR 0011): the same HTML, sanitised, for short and long texts."""

from werkset.core.markdown import CACHED_TEXT_LENGTH, markdown_to_html


def test_tweede_keer_dezelfde_veilige_html():
    text = "**Vet** <script>alert(1)</script>"
    first = markdown_to_html(text)
    assert markdown_to_html(text) == first
    assert "<strong>Vet</strong>" in first
    assert "<script>" not in first


def test_lange_tekst_wordt_ook_omgezet():
    text = "a" * CACHED_TEXT_LENGTH + " **b**"
    assert "<strong>b</strong>" in markdown_to_html(text)
