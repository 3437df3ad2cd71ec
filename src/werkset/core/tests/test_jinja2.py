"""Jinja2 partials: escaped, translated, with url() and static() (ADR 0015)."""

from django.template import Context, Template, engines
from django.utils import translation


def test_een_partial_escapet_wat_erin_komt():
    template = engines["jinja2"].from_string("<p>{{ text }}</p>")
    assert template.render({"text": "<script>"}) == "<p>&lt;script&gt;</p>"


def test_een_partial_vertaalt_zoals_een_django_template():
    template = engines["jinja2"].from_string("{{ _('Save') }}")
    with translation.override("nl"):
        assert template.render({}) == "Opslaan"


def test_een_partial_kent_url_en_static():
    template = engines["jinja2"].from_string("{{ url('catalogue:index') }} {{ static('x.css') }}")
    assert template.render({}) == "/catalogus/ /static/x.css"


def test_de_partial_tag_zet_een_jinja2_partial_in_een_django_template(tmp_path, settings):
    (tmp_path / "_groet.html").write_text("<p>{{ who }}</p>")
    jinja = {**settings.TEMPLATES[1], "DIRS": [tmp_path]}
    settings.TEMPLATES = [settings.TEMPLATES[0], jinja]
    page = Template('{% load partials %}{% partial "_groet.html" who=name %}')
    assert page.render(Context({"name": "<b>"})) == "<p>&lt;b&gt;</p>"
