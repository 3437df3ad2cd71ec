"""{% url %} with URLs kept per process: the same URLs as Django's tag, reversed once."""

import pytest
from django.template import Context, Template
from django.urls import NoReverseMatch, reverse

from werkset.core import urls as kept


def render(text: str, **values: object) -> str:
    return Template(text).render(Context(values))


def test_dezelfde_url_als_reverse_met_argumenten():
    html = render("{% url 'reports:theme' report_id 'acuut' %}", report_id=7)
    assert html == reverse("reports:theme", args=[7, "acuut"])


def test_as_variabele_en_onbekende_naam_zoals_django():
    assert render("{% url 'nergens' as link %}[{{ link }}]") == "[]"
    with pytest.raises(NoReverseMatch):
        render("{% url 'nergens' %}")


def test_een_url_wordt_een_keer_opgezocht(monkeypatch):
    kept._kept.cache_clear()
    calls = []
    original = kept.reverse
    monkeypatch.setattr(kept, "reverse", lambda *a, **k: calls.append(a) or original(*a, **k))
    first = render("{% url 'reports:detail' 3 %}")
    assert render("{% url 'reports:detail' 3 %}") == first
    assert render("{% url 'reports:detail' 4 %}") != first
    assert len(calls) == 2


def test_benoemde_argumenten_zoals_reverse():
    assert kept.kept_reverse("reports:detail", kwargs={"report_id": 5}) == reverse(
        "reports:detail", kwargs={"report_id": 5}
    )


def test_andere_argumenten_worden_steeds_opnieuw_opgezocht(monkeypatch):
    kept._kept.cache_clear()

    class Named:  # converted with str(), as reverse() does, and equal by identity only
        def __init__(self, name: str) -> None:
            self.name = name

        def __str__(self) -> str:
            return self.name

    calls = []
    original = kept.reverse
    monkeypatch.setattr(kept, "reverse", lambda *a, **k: calls.append(a) or original(*a, **k))
    region = Named("friesland")
    first = kept.kept_reverse("region_workspace", [region])
    region.name = "fryslan"
    assert kept.kept_reverse("region_workspace", [region]) != first
    assert len(calls) == 2
    assert kept._kept.cache_info().currsize == 0
