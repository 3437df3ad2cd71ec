"""Perspectives of partner organisations: one rule (reports.policy) for the web form and the
API, and a save never drops a perspective that its form did not show (issue 16)."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from werkset.api.services import api_token_create
from werkset.reports.models import Answer

pytestmark = pytest.mark.django_db

KEY = "acuut.ontwikkel.voorlichting-politie"
AUTOSAVE = {"HTTP_X_WERKSET_AUTOSAVE": "1"}


class FormData(HTMLParser):
    """What `new FormData(form)` holds for the form with this id (autosave.js sends it)."""

    def __init__(self, html: str, form_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.fields: list[tuple[str, str]] = []
        self._textarea: str | None = None
        self._select: str | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.inside = values.get("id") == self.form_id
        if not self.inside:
            return
        name = values.get("name", "")
        if tag == "input" and name:
            if values.get("type") not in ("radio", "checkbox") or "checked" in values:
                self.fields.append((name, values.get("value", "")))
        elif tag == "textarea":
            self._textarea = name
            self.fields.append((name, ""))
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in values:
            self.fields.append((self._select, values.get("value", "")))

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            name, text = self.fields[-1]
            self.fields[-1] = (name, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def as_post(self, **changed: str) -> dict[str, list[str]]:
        post: dict[str, list[str]] = {}
        for name, value in self.fields:
            post.setdefault(name, []).append(value)
        post.update({name: [value] for name, value in changed.items()})
        return post


def api_put(user, report, **body):
    client = APIClient()
    _token, key = api_token_create(user=user, name="script")
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    url = f"/api/v1/rapportages/{report.pk}/antwoorden/{KEY}"
    return client.put(url, body, format="json")


def answer_form(client, report, answer) -> FormData:
    page = client.get(reverse("reports:theme", args=[report.pk, "acuut"])).content.decode()
    return FormData(page, f"antwoord-{answer.pk}")


def autosave(client, report, answer, post):
    url = reverse("reports:answer_save", args=[report.pk, answer.pk])
    return client.post(url, post, **AUTOSAVE)


def test_een_perspectief_uit_de_api_overleeft_de_volgende_autosave(
    client_for, rapporteur_friesland, report
):
    put = api_put(
        rapporteur_friesland,
        report,
        explanation="Via het script",
        perspectives={"zvh": "Het ZVH sluit aan."},
        revision=0,
    )
    assert put.status_code == 200
    answer = Answer.objects.get(report=report, indicator__key=KEY)
    client = client_for(rapporteur_friesland)
    form = answer_form(client, report, answer)
    response = autosave(client, report, answer, form.as_post(explanation="Aangevuld in de browser"))
    assert response.json()["status"] == "saved"
    answer.refresh_from_db()
    assert answer.explanation == "Aangevuld in de browser"
    assert answer.perspectives == {"zvh": "Het ZVH sluit aan."}


def test_het_formulier_toont_een_opgeslagen_perspectief_van_een_andere_organisatie(
    client_for, rapporteur_friesland, report
):
    Answer.objects.filter(report=report, indicator__key=KEY).update(
        perspectives={"zvh": "Het ZVH sluit aan."}
    )
    answer = Answer.objects.get(report=report, indicator__key=KEY)
    form = answer_form(client_for(rapporteur_friesland), report, answer)
    names = [name for name, _value in form.fields if name.startswith("perspective-")]
    assert names == [
        "perspective-vt",
        "perspective-politie",
        "perspective-om",
        "perspective-rvdk",
        "perspective-3ro",
        "perspective-zvh",
    ]
    assert ("perspective-zvh", "Het ZVH sluit aan.") in form.fields


def test_een_formulier_van_voor_het_perspectief_laat_het_staan(
    client_for, rapporteur_friesland, report
):
    """A page opened before the API stored the perspective does not post its field."""
    client = client_for(rapporteur_friesland)
    answer = Answer.objects.get(report=report, indicator__key=KEY)
    stale = answer_form(client, report, answer)
    assert not [name for name, _v in stale.fields if name == "perspective-zvh"]
    Answer.objects.filter(pk=answer.pk).update(perspectives={"zvh": "Het ZVH sluit aan."})
    response = autosave(client, report, answer, stale.as_post(explanation="Nieuw"))
    assert response.json()["status"] == "saved"
    answer.refresh_from_db()
    assert answer.perspectives == {"zvh": "Het ZVH sluit aan."}


def test_een_geleegd_perspectief_wordt_verwijderd(client_for, rapporteur_friesland, report):
    Answer.objects.filter(report=report, indicator__key=KEY).update(
        perspectives={"zvh": "Het ZVH sluit aan.", "vt": "VT ook."}
    )
    answer = Answer.objects.get(report=report, indicator__key=KEY)
    client = client_for(rapporteur_friesland)
    post = answer_form(client, report, answer).as_post(**{"perspective-zvh": ""})
    assert autosave(client, report, answer, post).json()["status"] == "saved"
    answer.refresh_from_db()
    assert answer.perspectives == {"vt": "VT ook."}


def test_de_api_laat_niet_genoemde_perspectieven_staan_en_verwijdert_lege(
    rapporteur_friesland, report
):
    Answer.objects.filter(report=report, indicator__key=KEY).update(
        perspectives={"zvh": "Het ZVH sluit aan.", "vt": "VT ook."}
    )
    first = api_put(rapporteur_friesland, report, explanation="Alleen de toelichting", revision=0)
    assert first.json()["perspectives"] == {"zvh": "Het ZVH sluit aan.", "vt": "VT ook."}
    second = api_put(rapporteur_friesland, report, perspectives={"vt": ""}, revision=1)
    assert second.json()["perspectives"] == {"zvh": "Het ZVH sluit aan."}


def test_een_onbekende_organisatie_wordt_geweigerd(client_for, rapporteur_friesland, report):
    answer = Answer.objects.get(report=report, indicator__key=KEY)
    client = client_for(rapporteur_friesland)
    post = answer_form(client, report, answer).as_post(**{"perspective-onbekend": "x"})
    response = autosave(client, report, answer, post)
    assert response.status_code == 400
    assert "perspective-onbekend" in response.json()["errors"]


def test_de_werkmap_vraagt_dezelfde_organisaties_en_houdt_het_perspectief(
    rapporteur_friesland, report
):
    """One rule for the Excel round trip too: a column for every organisation the web form
    asks, and an import keeps what it has no column for."""
    from io import BytesIO

    from openpyxl import load_workbook

    from werkset.outputs.excel_import import report_workbook_import
    from werkset.outputs.excel_writer import report_workbook

    assert (
        api_put(
            rapporteur_friesland, report, perspectives={"zvh": "Het ZVH sluit aan."}, revision=0
        ).status_code
        == 200
    )
    workbook = load_workbook(BytesIO(report_workbook(report=report)))
    sheet = next(ws for ws in workbook.worksheets if any(c.value == KEY for c in ws["A"]))
    headers = [cell.value for cell in sheet[1]]
    assert any(
        "ZVH" in str(header) or "Zorg- en Veiligheidshuis" in str(header) for header in headers
    )
    row = next(cell.row for cell in sheet["A"] if cell.value == KEY)
    column = next(cell.column_letter for cell in sheet[1] if cell.value == "Toelichting")
    sheet[f"{column}{row}"] = "Aangevuld in Excel"
    buffer = BytesIO()
    workbook.save(buffer)

    result = report_workbook_import(
        data=buffer.getvalue(), user=rapporteur_friesland, report=report
    )

    assert result.changed == 1
    answer = Answer.objects.get(report=report, indicator__key=KEY)
    assert answer.explanation == "Aangevuld in Excel"
    assert answer.perspectives == {"zvh": "Het ZVH sluit aan."}
