"""Assessments in the report's flow (issue 19): the writer assesses maturity, toetsingskader
and bottlenecks on the theme page; "niet beoordeeld" needs a reason; missing assessments
block the network's decision; the documents show them."""

import pytest
from django.urls import reverse
from django.utils import timezone

from werkset.comparison.models import BottleneckCode, CriterionAnswer, ThemeMaturity
from werkset.comparison.selectors.report_assessment import report_assessments
from werkset.comparison.vocabulary import CRITERIA
from werkset.core.models import AuditEvent
from werkset.reports.models import Answer, ReportStatus
from werkset.reports.tests.decide import (
    assessed_via_theme_pages,
    assessments_completed,
    network_chair,
    report_decided,
)
from werkset.reports.workflow import report_transition

pytestmark = pytest.mark.django_db


def url(report, theme_key="acuut"):
    return reverse("comparison:theme_assessment", args=[report.pk, theme_key])


def theme_url(report, theme_key="acuut"):
    return reverse("reports:theme", args=[report.pk, theme_key])


def test_de_themapagina_eindigt_met_de_beoordeling_en_haar_formulier(
    client_for, rapporteur_friesland, report
):
    html = client_for(rapporteur_friesland).get(theme_url(report)).content.decode()
    assert html.index('id="beoordeling"') > html.index('id="items"')
    assert "Beoordeling van dit thema" in html
    assert f'action="{url(report)}"' in html
    assert 'name="m-acuut-level"' in html
    # The toetsingskader belongs to the Actieoverleg's theme, not to this one.
    assert 'name="c-mandaat-verdict"' not in html


def test_het_toetsingskader_staat_op_de_themapagina_van_het_actieoverleg(
    client_for, rapporteur_friesland, report
):
    html = client_for(rapporteur_friesland).get(theme_url(report, "actieoverleg")).content.decode()
    for criterion in CRITERIA:
        assert f'name="c-{criterion.key}-verdict"' in html


def test_de_rapporteur_beoordeelt_op_de_themapagina(client_for, rapporteur_friesland, report):
    response = client_for(rapporteur_friesland).post(
        url(report, "actieoverleg"),
        {
            "m-actieoverleg-level": "3",
            "m-actieoverleg-motivation": "Wekelijks overleg, nog niet geëvalueerd.",
            "c-mandaat-verdict": "deels",
            "c-mandaat-explanation": "Het OM heeft geen mandaat.",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == theme_url(report, "actieoverleg") + "#beoordeling"
    maturity = ThemeMaturity.objects.get(report=report, theme__key="actieoverleg")
    assert (maturity.level, maturity.updated_by) == (3, rapporteur_friesland)
    criterion = CriterionAnswer.objects.get(report=report, criterion="mandaat")
    assert (criterion.verdict, criterion.explanation) == ("deels", "Het OM heeft geen mandaat.")


def test_de_beoordeling_wordt_in_het_auditlog_vastgelegd(client_for, rapporteur_friesland, report):
    client_for(rapporteur_friesland).post(
        url(report, "actieoverleg"),
        {"m-actieoverleg-level": "2", "c-partijen-verdict": "ja"},
    )
    maturity = AuditEvent.objects.get(action="maturity_saved")
    assert maturity.actor == rapporteur_friesland
    assert maturity.target_id == str(report.pk)
    assert maturity.detail["after"]["value"] == 2
    assert AuditEvent.objects.filter(action="criterion_saved").count() == 1


def test_opnieuw_opslaan_zonder_wijziging_schrijft_niets_in_het_auditlog(
    client_for, rapporteur_friesland, report
):
    client = client_for(rapporteur_friesland)
    client.post(url(report), {"m-acuut-level": "4"})
    client.post(url(report), {"m-acuut-level": "4"})
    assert AuditEvent.objects.filter(action="maturity_saved").count() == 1


def test_niet_beoordeeld_vraagt_een_reden_en_verandert_dan_niets(
    client_for, rapporteur_friesland, report
):
    client = client_for(rapporteur_friesland)
    client.post(url(report), {"m-acuut-level": "4"})
    response = client.post(url(report), {"m-acuut-level": "niet-beoordeeld"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Geef de reden waarom dit niet beoordeeld is" in html
    assert "De beoordeling is niet opgeslagen" in html
    assert ThemeMaturity.objects.get(report=report, theme__key="acuut").level == 4
    assert AuditEvent.objects.filter(action="maturity_saved").count() == 1


def test_niet_beoordeeld_met_een_reden_wordt_bewaard(client_for, rapporteur_friesland, report):
    client_for(rapporteur_friesland).post(
        url(report, "actieoverleg"),
        {
            "m-actieoverleg-level": "niet-beoordeeld",
            "m-actieoverleg-reason": "Het overleg is net gestart.",
            "c-binnen-een-week-verdict": "niet-beoordeeld",
            "c-binnen-een-week-reason": "Doorlooptijd wordt niet geregistreerd.",
        },
    )
    maturity = ThemeMaturity.objects.get(report=report, theme__key="actieoverleg")
    assert (maturity.level, maturity.not_assessed_reason) == (None, "Het overleg is net gestart.")
    criterion = CriterionAnswer.objects.get(report=report, criterion="binnen-een-week")
    assert (criterion.verdict, criterion.not_assessed_reason) == (
        "",
        "Doorlooptijd wordt niet geregistreerd.",
    )


def test_een_kenmerk_niet_beoordeeld_zonder_reden_wordt_geweigerd(
    client_for, rapporteur_friesland, report
):
    response = client_for(rapporteur_friesland).post(
        url(report, "actieoverleg"),
        {"m-actieoverleg-level": "3", "c-mandaat-verdict": "niet-beoordeeld"},
    )
    assert response.status_code == 400
    assert not ThemeMaturity.objects.filter(report=report).exists()
    assert not CriterionAnswer.objects.filter(report=report).exists()


def test_knelpunten_coderen_op_de_themapagina(client_for, rapporteur_friesland, report):
    answer = Answer.objects.get(
        report=report, indicator__key="acuut.ontwikkel.voorlichting-politie"
    )
    answer.explanation = "Het OM schuift niet aan."
    answer.save()
    client = client_for(rapporteur_friesland)
    assert f'name="a-{answer.pk}-codes"' in client.get(theme_url(report)).content.decode()
    client.post(url(report), {f"a-{answer.pk}-codes": ["capaciteit-om"]})
    assert list(BottleneckCode.objects.values_list("code", flat=True)) == ["capaciteit-om"]
    assert AuditEvent.objects.filter(action="bottlenecks_coded").count() == 1


@pytest.mark.parametrize("who", ["netwerklid_noord", "netwerklid_oost", "landelijk"])
def test_alleen_de_schrijver_beoordeelt(client_for, request, report, who):
    user = request.getfixturevalue(who)
    response = client_for(user).post(url(report), {"m-acuut-level": "3"})
    assert response.status_code in (403, 404)
    assert not ThemeMaturity.objects.exists()


def test_een_netwerklid_leest_de_beoordeling_zonder_formulier(
    client_for, rapporteur_friesland, netwerklid_noord, report
):
    client_for(rapporteur_friesland).post(
        url(report), {"m-acuut-level": "niet-beoordeeld", "m-acuut-reason": "Geen gegevens."}
    )
    html = client_for(netwerklid_noord).get(theme_url(report)).content.decode()
    assert "Beoordeling van dit thema" in html
    assert "Geen gegevens." in html
    assert 'name="m-acuut-level"' not in html


def test_na_voorleggen_ligt_de_beoordeling_vast(client_for, rapporteur_friesland, report):
    report_transition(report=report, name="submit", user=rapporteur_friesland)
    report_transition(report=report, name="put_forward", user=rapporteur_friesland)
    client = client_for(rapporteur_friesland)
    assert client.post(url(report), {"m-acuut-level": "3"}).status_code == 403
    assert 'name="m-acuut-level"' not in client.get(theme_url(report)).content.decode()
    assert not ThemeMaturity.objects.exists()


def test_vaststellen_wacht_op_de_beoordelingen(client_for, rapporteur_friesland, report):
    report_transition(report=report, name="submit", user=rapporteur_friesland)
    # Putting forward only warns.
    report_transition(report=report, name="put_forward", user=rapporteur_friesland)
    chair = client_for(network_chair(report))
    finalise = reverse("reports:transition", args=[report.pk, "finalise"])
    page = chair.get(finalise).content.decode()
    assert "Los eerst dit op" in page
    assert "Nog niet alles is beoordeeld" in page
    assert f'href="{theme_url(report, "actieoverleg")}#beoordeling"' in page
    assert "Actie-overleg: de volwassenheid en 5 van de 5 kenmerken van het toetsingskader" in page
    assert 'name="decided_on"' not in page
    response = chair.post(
        finalise, {"decided_on": timezone.localdate().isoformat(), "decided_by": "Het RNZS"}
    )
    assert response.status_code == 400
    report.refresh_from_db()
    assert report.status == ReportStatus.VOORGELEGD


def test_voorleggen_waarschuwt_voor_open_beoordelingen(client_for, rapporteur_friesland, report):
    report_transition(report=report, name="submit", user=rapporteur_friesland)
    page = client_for(rapporteur_friesland).get(
        reverse("reports:transition", args=[report.pk, "put_forward"])
    )
    html = page.content.decode()
    assert "Controleer dit voordat u verdergaat" in html
    assert "Nog niet alles is beoordeeld" in html
    assert 'stap/put_forward/"' in html


def test_vaststellen_kan_als_alles_beoordeeld_is(client_for, rapporteur_friesland, report):
    rapporteur = client_for(rapporteur_friesland)
    report_transition(report=report, name="submit", user=rapporteur_friesland)
    assessed_via_theme_pages(rapporteur, report)
    report_transition(report=report, name="put_forward", user=rapporteur_friesland)
    chair = client_for(network_chair(report))
    chair.post(
        reverse("reports:transition", args=[report.pk, "finalise"]),
        {"decided_on": timezone.localdate().isoformat(), "decided_by": "Het RNZS"},
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.VASTGESTELD


def test_de_documenten_tonen_de_beoordeling_per_thema(rapporteur_friesland, report):
    from werkset.outputs.story import report_html

    report_transition(report=report, name="submit", user=rapporteur_friesland)
    maturity = ThemeMaturity.objects.create(
        report=report,
        theme=report.catalogue_version.themes.get(key="actieoverleg"),
        level=3,
        motivation="Wekelijks overleg.",
    )
    CriterionAnswer.objects.create(
        report=report, criterion="mandaat", verdict="", not_assessed_reason="Nog onbekend."
    )
    assessments_completed(report, rapporteur_friesland)
    assert maturity.pk
    for variant in ("rapport", "vragenlijst"):
        html = report_html(report=report, variant=variant)
        chapter = html[html.index('id="h-actieoverleg"') :]
        assert "Beoordeling van dit thema" in chapter
        assert "3. Uitvoering in volle gang" in chapter
        assert "Wekelijks overleg." in chapter
        assert "niet beoordeeld: Nog onbekend." in chapter


def test_het_worddocument_toont_de_beoordeling(rapporteur_friesland, report):
    from io import BytesIO

    import docx

    from werkset.outputs.word import report_docx

    report_transition(report=report, name="submit", user=rapporteur_friesland)
    report_decided(report, rapporteur_friesland)
    document = docx.Document(BytesIO(report_docx(report=report)))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "Beoordeling van dit thema" in text
    assert "Volwassenheid: niet beoordeeld: Niet beoordeeld in deze test." in text
    assert "niet beoordeeld: Niet beoordeeld in deze test." in cells


def test_de_oude_beoordelingspagina_kent_niet_beoordeeld_met_reden(
    client_for, rapporteur_friesland, report
):
    client = client_for(rapporteur_friesland)
    page = reverse("comparison:report_assessment", args=[report.pk])
    refused = client.post(page, {"m-acuut-level": "niet-beoordeeld"})
    assert refused.status_code == 200
    assert "Geef de reden waarom dit niet beoordeeld is" in refused.content.decode()
    assert not ThemeMaturity.objects.exists()
    client.post(page, {"m-acuut-level": "niet-beoordeeld", "m-acuut-reason": "Geen zicht."})
    assert ThemeMaturity.objects.get().not_assessed_reason == "Geen zicht."


def test_een_nieuwe_versie_neemt_de_beoordelingen_mee(
    django_capture_on_commit_callbacks, client_for, rapporteur_friesland, report
):
    from werkset.reports.workflow import report_correct

    client_for(rapporteur_friesland).post(
        url(report, "actieoverleg"),
        {"m-actieoverleg-level": "4", "c-mandaat-verdict": "nee"},
    )
    report_transition(report=report, name="submit", user=rapporteur_friesland)
    report_decided(report, rapporteur_friesland)
    with django_capture_on_commit_callbacks(execute=True):
        new = report_correct(report=report, user=rapporteur_friesland, reason="Aangevuld")
    maturity = ThemeMaturity.objects.get(report=new, theme__key="actieoverleg")
    assert maturity.level == 4
    assert CriterionAnswer.objects.get(report=new, criterion="mandaat").verdict == "nee"
    assert ThemeMaturity.objects.filter(report=new).count() == 5
    # The finalised version keeps its own.
    assert ThemeMaturity.objects.filter(report=report).count() == 5


def test_een_nieuwe_versie_neemt_de_knelpuntcodes_mee(
    django_capture_on_commit_callbacks, client_for, rapporteur_friesland, report
):
    from werkset.reports.workflow import report_correct

    key = "acuut.ontwikkel.voorlichting-politie"
    answer = Answer.objects.get(report=report, indicator__key=key)
    answer.explanation = "Het OM schuift niet aan."
    answer.save()
    client_for(rapporteur_friesland).post(url(report), {f"a-{answer.pk}-codes": ["mandaat"]})
    report_transition(report=report, name="submit", user=rapporteur_friesland)
    report_decided(report, rapporteur_friesland)
    with django_capture_on_commit_callbacks(execute=True):
        new = report_correct(report=report, user=rapporteur_friesland, reason="Aangevuld")
    codes = BottleneckCode.objects.filter(answer__report=new)
    assert [(c.answer.indicator.key, c.code) for c in codes] == [(key, "mandaat")]


def test_werkset_2_0_vraagt_de_volwassenheid_in_de_rapportage_zelf(
    client_for, rapporteur_friesland, friesland, catalogue_2_0, open_round
):
    from werkset.reports.services import report_start

    open_round("2026", catalogue_2_0)
    report = report_start(
        region=friesland, period="2026", catalogue_version=catalogue_2_0, user=rapporteur_friesland
    )
    html = client_for(rapporteur_friesland).get(theme_url(report)).content.decode()
    assert "vraagt de volwassenheid van dit thema in de rapportage zelf" in html
    assert 'name="m-acuut-level"' not in html
    gaps = [a for a in report_assessments(report=report) if not a.complete]
    assert [a.theme.key for a in gaps] == ["actieoverleg"]
