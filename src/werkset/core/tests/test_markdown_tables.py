"""Pipe tables in running text (issue 18: seed 001's running text has tables)."""

from werkset.core.markdown import markdown_to_html

TABLE = """| Regio | Meldingen |
|---|---:|
| Groningen | 120 |
| Friesland | 95 |
"""


def test_a_pipe_table_becomes_a_table_with_a_header_row():
    html = markdown_to_html(TABLE)
    assert "<thead>" in html
    assert '<th scope="col">Regio</th>' in html
    assert "<td>Friesland</td>" in html


def test_a_header_cell_loses_the_alignment_style():
    assert 'style="' not in markdown_to_html(TABLE)


def test_a_table_cell_is_sanitised():
    html = markdown_to_html("| a |\n|---|\n| <script>x</script> [k](javascript:alert(1)) |\n")
    assert "<script>" not in html
    assert 'href="javascript:' not in html


def test_a_line_with_pipes_and_no_separator_stays_text():
    assert "<table>" not in markdown_to_html("a | b\nc | d")
