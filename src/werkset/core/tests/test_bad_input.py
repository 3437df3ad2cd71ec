"""Bad input, tried: property tests, hostile payloads and crashes half-way.

Every importer and form must end in a clear Dutch error or a safely stored text, never a
500 and never a partial write.
"""

import io
import json

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from werkset.catalogue.validation import CatalogueFileError, parse_catalogue_text
from werkset.outputs.archive_import import report_json_import
from werkset.outputs.excel_import import report_workbook_import
from werkset.outputs.problems import ImportRefused
from werkset.reports.answers import AnswerContent, AnswerInvalid, answer_clean, parse_dutch_decimal
from werkset.reports.models import Answer, AnswerChange, Report, ReportStatus, StatusChange
from werkset.reports.services import answer_save
from werkset.reports.workflow import report_transition

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "[klik](javascript:alert(1))",
    "<svg/onload=alert(1)>",
    "'; DROP TABLE reports_report; --",
    '" OR 1=1 --',
    "{{ settings.SECRET_KEY }}",
    "{% debug %}",
    "\u202eevil\u202c",
    "\x00nul",
    "😀" * 50,
    "A" * 5000,
]

FIELD_KINDS = ["euro", "uren", "aantal", "frequentie", "keuze", "meerkeuze"]


class AnyType:
    choices = [{"key": "ja", "label": "Ja"}, {"key": "nee", "label": "Nee"}]
    fields = [
        {"key": "kosten", "label": "Kosten", "kind": "euro"},
        {"key": "uren", "label": "Uren", "kind": "uren"},
        {"key": "aantal", "label": "Aantal", "kind": "aantal"},
        {"key": "freq", "label": "Freq", "kind": "frequentie"},
        {
            "key": "vorm",
            "label": "Vorm",
            "kind": "keuze",
            "options": [{"key": "a", "label": "A"}, {"key": "b", "label": "B"}],
        },
        {
            "key": "orgs",
            "label": "Orgs",
            "kind": "meerkeuze",
            "options": [{"key": "vt", "label": "VT"}, {"key": "om", "label": "OM"}],
        },
    ]
    explanation_required = False


@given(st.text(max_size=40))
def test_getallen_lezen_geeft_een_getal_of_een_nette_fout(text):
    try:
        value = parse_dutch_decimal(text, decimals=2)
    except ValueError as exc:
        assert str(exc)  # noqa: PT017 (valid, or a clear error: both are fine)
    else:
        assert value >= 0


@given(
    st.dictionaries(
        st.sampled_from(
            [
                "choice",
                "explanation",
                "field-kosten",
                "field-uren",
                "field-aantal",
                "field-freq-aantal",
                "field-freq-per",
                "field-vorm",
                "field-orgs",
                "perspective-om",
                "perspective-xx",
            ]
        ),
        st.one_of(st.text(max_size=30), st.lists(st.text(max_size=5), max_size=3)),
    )
)
def test_elk_antwoord_geeft_inhoud_of_nederlandse_fouten(raw):
    try:
        content = answer_clean(answer_type=AnyType(), raw=raw, organisation_codes=frozenset({"om"}))
    except AnswerInvalid as exc:
        assert exc.errors  # noqa: PT017
        assert all(messages for messages in exc.errors.values())  # noqa: PT017
    else:
        json.dumps(content.as_dict())


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_catalogusbestand_met_rommel_geeft_een_nette_fout(text):
    with pytest.raises(CatalogueFileError) as caught:
        parse_catalogue_text(text, file_name="rommel.yaml")
    assert "er is niets gewijzigd" in str(caught.value)


@pytest.mark.django_db
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=2000))
def test_werkmap_import_van_willekeurige_bytes_schrijft_niets(report, data):
    changes = AnswerChange.objects.count()
    with pytest.raises(ImportRefused):
        report_workbook_import(data=data, user=None, report=report)
    assert AnswerChange.objects.count() == changes


@pytest.mark.django_db
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=10),
        lambda children: (
            st.lists(children, max_size=3)
            | st.dictionaries(st.text(max_size=8), children, max_size=4)
        ),
        max_leaves=15,
    )
)
def test_json_import_van_willekeurige_structuren_schrijft_niets(catalogue_2021, regions, data):
    reports = Report.objects.count()
    with pytest.raises(ImportRefused):
        report_json_import(data=json.dumps(data), user=None)
    assert Report.objects.count() == reports


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_aanvalsteksten_worden_veilig_bewaard_en_getoond(
    client_for, rapporteur_friesland, report, payload
):
    client = client_for(rapporteur_friesland)
    answer = Answer.objects.get(
        report=report, indicator__key="acuut.ontwikkel.voorlichting-politie"
    )
    response = client.post(
        reverse("reports:answer_save", args=[report.pk, answer.pk]),
        {"base_revision": "0", "choice": "ja", "explanation": payload, "perspective-om": payload},
    )
    assert response.status_code in (302, 400)
    client.post(
        reverse("reports:item_add", args=[report.pk, "acuut", "praktijk"]),
        {"kind": "anders", "title": payload[:300], "text": payload, "source": payload[:500]},
    )
    client.post(
        reverse("reports:theme_text", args=[report.pk, "acuut"]),
        {"base_revision": "0", "text": payload},
    )
    for url in (
        reverse("reports:theme", args=[report.pk, "acuut"]),
        reverse("reports:detail", args=[report.pk]),
        reverse("outputs:print", args=[report.pk]),
    ):
        page = client.get(url)
        assert page.status_code == 200
        html = page.content.decode()
        assert "<script>alert(1)</script>" not in html
        assert "onerror=alert(1)>" not in html
        assert 'href="javascript:' not in html
        assert "<svg/onload" not in html


@pytest.mark.django_db
def test_crash_halverwege_een_import_laat_alles_zoals_het_was(
    report, rapporteur_friesland, monkeypatch
):
    from openpyxl import load_workbook

    from werkset.outputs.excel_writer import report_workbook

    workbook = load_workbook(io.BytesIO(report_workbook(report=report)))
    sheet = workbook["Samen op in Acuut"]
    answer_column = next(c.column for c in sheet[1] if c.value == "Antwoord")
    filled = 0
    for row in range(2, sheet.max_row + 1):
        if sheet.cell(row, 1).value and "." in str(sheet.cell(row, 1).value):
            sheet.cell(row, answer_column).value = "Onbekend"
            filled += 1
    buffer = io.BytesIO()
    workbook.save(buffer)
    calls = {"n": 0}
    real_save = answer_save

    def failing_save(**kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("stroomstoring")
        return real_save(**kwargs)

    monkeypatch.setattr("werkset.outputs.excel_import.answer_save", failing_save)
    with pytest.raises(RuntimeError):
        report_workbook_import(data=buffer.getvalue(), user=None, report=report)
    assert filled > 3
    assert not Answer.objects.filter(report=report).exclude(choice="").exists()
    assert not AnswerChange.objects.filter(answer__report=report).exists()


@pytest.mark.django_db
def test_crash_tijdens_een_statusovergang_laat_de_status_zoals_hij_was(
    report, rapporteur_friesland, monkeypatch
):
    def failing_audit(**kwargs):
        raise RuntimeError("schijf vol")

    monkeypatch.setattr("werkset.reports.workflow.audit_record", failing_audit)
    with pytest.raises(RuntimeError):
        report_transition(report=report, name="submit", user=rapporteur_friesland)
    report.refresh_from_db()
    assert report.status == ReportStatus.CONCEPT
    assert StatusChange.objects.filter(report=report).count() == 1


@pytest.mark.django_db
def test_crash_tijdens_opslaan_laat_het_antwoord_en_de_geschiedenis_heel(
    report, rapporteur_friesland, monkeypatch
):
    answer = Answer.objects.get(
        report=report, indicator__key="acuut.ontwikkel.voorlichting-politie"
    )

    def failing_change(**kwargs):
        raise RuntimeError("verbinding weg")

    # The history entry is written after the answer's own row.
    monkeypatch.setattr("werkset.reports.services.answer_change", failing_change)
    with pytest.raises(RuntimeError):
        answer_save(
            answer=answer,
            content=AnswerContent(choice="ja"),
            base_revision=0,
            user=rapporteur_friesland,
        )
    answer.refresh_from_db()
    assert (answer.choice, answer.revision) == ("", 0)
