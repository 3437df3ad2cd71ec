"""The report's life: start, answer, discuss, finalise, correct; nothing lost or overwritten."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from werkset.accounts.scope import scope_for_user
from werkset.core.models import AuditAction, AuditEvent
from werkset.reports.answers import AnswerContent
from werkset.reports.comment_services import comment_add, comment_resolve
from werkset.reports.differences import report_differences
from werkset.reports.models import Answer, AnswerChange, ChangeSource, Report, ReportStatus
from werkset.reports.selectors import report_progress, reports_visible
from werkset.reports.services import (
    HISTORY_FOLD_WINDOW,
    EditConflict,
    ReportError,
    answer_save,
    report_start,
)
from werkset.reports.tests.decide import report_decided
from werkset.reports.workflow import report_correct, report_transition

pytestmark = pytest.mark.django_db


def answer_for(report, key):
    return Answer.objects.get(report=report, indicator__key=key)


def test_start_maakt_een_leeg_concept_met_elke_vraag(report):
    assert report.status == ReportStatus.CONCEPT
    assert report.answers.count() == 114
    assert report_progress(report=report).total.answered == 0
    assert AuditEvent.objects.filter(action=AuditAction.REPORT_STARTED).count() == 1


def test_alleen_de_eigen_rapporteur_start(
    netwerklid_noord, rapporteur_friesland, utrecht, catalogue_2021
):
    with pytest.raises(PermissionDenied):
        report_start(
            region=utrecht,
            period="2025",
            catalogue_version=catalogue_2021,
            user=rapporteur_friesland,
        )
    from werkset.regions.models import Region

    with pytest.raises(PermissionDenied):
        report_start(
            region=Region.objects.get(code="friesland"),
            period="2025",
            catalogue_version=catalogue_2021,
            user=netwerklid_noord,
        )


def test_een_rapportage_per_regio_periode_en_versie(report, rapporteur_friesland):
    with pytest.raises(ReportError, match="al een rapportage"):
        report_start(
            region=report.region,
            period="2025",
            catalogue_version=report.catalogue_version,
            user=rapporteur_friesland,
        )


@pytest.mark.parametrize("period", ["25", "2025-H3", "2025-Q1", "volgend jaar"])
def test_ongeldige_periode(rapporteur_friesland, friesland, catalogue_2021, period):
    with pytest.raises(ReportError, match="halfjaar"):
        report_start(
            region=friesland,
            period=period,
            catalogue_version=catalogue_2021,
            user=rapporteur_friesland,
        )
    assert not Report.objects.exists()


def test_opslaan_houdt_de_geschiedenis_bij(report, rapporteur_friesland):
    answer = answer_for(report, "acuut.uitvoering.crisismeldingen")
    saved, changed = answer_save(
        answer=answer,
        content=AnswerContent(figures={"aantal": 640}),
        base_revision=0,
        user=rapporteur_friesland,
    )
    assert changed
    assert saved.revision == 1
    [change] = AnswerChange.objects.filter(answer=answer)
    assert change.before["figures"] == {}
    assert change.after["figures"] == {"aantal": 640}
    assert change.changed_by_name == rapporteur_friesland.username


def test_dezelfde_inhoud_nogmaals_opslaan_verandert_niets(report, rapporteur_friesland):
    answer = answer_for(report, "acuut.ontwikkel.voorlichting-politie")
    content = AnswerContent(choice="ja", explanation="Training basisteams.")
    answer_save(answer=answer, content=content, base_revision=0, user=rapporteur_friesland)
    saved, changed = answer_save(
        answer=answer, content=content, base_revision=0, user=rapporteur_friesland
    )
    assert not changed
    assert saved.revision == 1


def test_gelijktijdig_bewerken_overschrijft_niet_stil(
    report, rapporteur_friesland, second_rapporteur
):
    answer = answer_for(report, "acuut.ontwikkel.voorlichting-politie")
    answer_save(
        answer=answer,
        content=AnswerContent(choice="ja", explanation="Tekst van de eerste"),
        base_revision=0,
        user=rapporteur_friesland,
    )
    with pytest.raises(EditConflict) as caught:
        answer_save(
            answer=answer,
            content=AnswerContent(choice="nee", explanation="Tekst van de tweede"),
            base_revision=0,
            user=second_rapporteur,
        )
    assert caught.value.current["explanation"] == "Tekst van de eerste"
    assert caught.value.revision == 1
    answer.refresh_from_db()
    assert answer.explanation == "Tekst van de eerste"

    saved, changed = answer_save(
        answer=answer,
        content=AnswerContent(choice="nee", explanation="Tekst van de tweede"),
        base_revision=caught.value.revision,
        user=second_rapporteur,
    )
    assert changed
    assert saved.explanation == "Tekst van de tweede"
    assert AnswerChange.objects.filter(answer=answer).count() == 2


def test_snel_achter_elkaar_opslaan_wordt_een_regel_in_de_geschiedenis(
    report, rapporteur_friesland
):
    answer = answer_for(report, "acuut.ontwikkel.voorlichting-politie")
    for revision, text in enumerate(["Eer", "Eerste", "Eerste versie"]):
        answer_save(
            answer=answer,
            content=AnswerContent(explanation=text),
            base_revision=revision,
            user=rapporteur_friesland,
            source=ChangeSource.AUTOSAVE,
        )
    [change] = AnswerChange.objects.filter(answer=answer)
    assert change.before["explanation"] == ""
    assert change.after["explanation"] == "Eerste versie"
    assert change.revision == 3


def test_na_tien_minuten_begint_een_nieuwe_regel_in_de_geschiedenis(report, rapporteur_friesland):
    answer = answer_for(report, "acuut.ontwikkel.voorlichting-politie")
    answer_save(
        answer=answer,
        content=AnswerContent(explanation="Eerste"),
        base_revision=0,
        user=rapporteur_friesland,
        source=ChangeSource.AUTOSAVE,
    )
    AnswerChange.objects.filter(answer=answer).update(
        changed_at=timezone.now() - HISTORY_FOLD_WINDOW - timedelta(seconds=1)
    )
    answer_save(
        answer=answer,
        content=AnswerContent(explanation="Later"),
        base_revision=1,
        user=rapporteur_friesland,
        source=ChangeSource.AUTOSAVE,
    )
    afters = [c.after["explanation"] for c in AnswerChange.objects.filter(answer=answer)]
    assert afters == ["Later", "Eerste"]


def test_een_import_wordt_niet_samengevoegd_met_typen(report, rapporteur_friesland):
    answer = answer_for(report, "acuut.ontwikkel.voorlichting-politie")
    for revision, (text, source) in enumerate(
        [("Getypt", ChangeSource.AUTOSAVE), ("Uit Excel", ChangeSource.IMPORT)]
    ):
        answer_save(
            answer=answer,
            content=AnswerContent(explanation=text),
            base_revision=revision,
            user=rapporteur_friesland,
            source=source,
        )
    sources = list(AnswerChange.objects.filter(answer=answer).values_list("source", flat=True))
    assert sources == [ChangeSource.IMPORT, ChangeSource.AUTOSAVE]


def test_de_hele_weg_van_concept_naar_vastgesteld(report, rapporteur_friesland, netwerklid_noord):
    report_transition(report=report, name="submit", user=rapporteur_friesland)
    answer = answer_for(report, "actieoverleg.uitvoering.frequentie")
    comment = comment_add(
        report=report,
        user=netwerklid_noord,
        text="Het is tweewekelijks, niet wekelijks.",
        answer=answer,
        kind="correctie",
    )
    with pytest.raises(ReportError, match="1 openstaande"):
        report_decided(report, rapporteur_friesland)
    comment_resolve(comment=comment, user=rapporteur_friesland, resolution="Aangepast.")
    finalised = report_decided(report, rapporteur_friesland)

    assert finalised.status == ReportStatus.VASTGESTELD
    assert finalised.finalised_at is not None
    steps = list(
        finalised.status_changes.values_list("from_status", "to_status", "changed_by_name")
    )
    chair = finalised.decision_recorded_by
    assert steps == [
        ("", "concept", rapporteur_friesland.username),
        ("concept", "ter_bespreking", rapporteur_friesland.username),
        ("ter_bespreking", "voorgelegd", rapporteur_friesland.username),
        ("voorgelegd", "vastgesteld", chair.username),
    ]


def test_een_vastgestelde_rapportage_verandert_nooit(report, rapporteur_friesland):
    report_transition(report=report, name="submit", user=rapporteur_friesland)
    report_decided(report, rapporteur_friesland)
    answer = answer_for(report, "acuut.ontwikkel.voorlichting-politie")
    with pytest.raises(ReportError, match="vastgesteld"):
        answer_save(
            answer=answer,
            content=AnswerContent(choice="ja"),
            base_revision=0,
            user=rapporteur_friesland,
        )
    answer.refresh_from_db()
    assert answer.choice == ""


def test_stap_die_niet_past_bij_de_status(report, rapporteur_friesland):
    with pytest.raises(ReportError, match="niet mogelijk"):
        report_decided(report, rapporteur_friesland)
    assert Report.objects.get(pk=report.pk).status == ReportStatus.CONCEPT


def test_netwerklid_mag_geen_status_wijzigen(report, netwerklid_noord):
    with pytest.raises(PermissionDenied):
        report_transition(report=report, name="submit", user=netwerklid_noord)


def test_commentaar_alleen_tijdens_bespreking_en_van_het_eigen_netwerk(
    report, rapporteur_friesland, netwerklid_noord, netwerklid_oost
):
    with pytest.raises(ReportError, match="ter bespreking"):
        comment_add(report=report, user=netwerklid_noord, text="Te vroeg")
    report_transition(report=report, name="submit", user=rapporteur_friesland)
    with pytest.raises(PermissionDenied):
        comment_add(report=report, user=netwerklid_oost, text="Niet mijn regio")


def test_zichtbaarheid_per_rol(
    report, rapporteur_friesland, netwerklid_noord, netwerklid_oost, landelijk
):
    def visible(user):
        return list(reports_visible(scope=scope_for_user(user)))

    assert visible(rapporteur_friesland) == [report]
    assert visible(netwerklid_noord) == [report]
    assert visible(netwerklid_oost) == []
    assert visible(landelijk) == []
    report_transition(report=report, name="submit", user=rapporteur_friesland)
    report_decided(report, rapporteur_friesland)
    assert visible(netwerklid_oost) == [report]
    assert visible(landelijk) == [report]


def test_correctie_maakt_een_nieuwe_versie_en_beide_blijven_leesbaar(
    report, rapporteur_friesland, django_capture_on_commit_callbacks
):
    answer = answer_for(report, "acuut.uitvoering.crisismeldingen")
    answer_save(
        answer=answer,
        content=AnswerContent(figures={"aantal": 600}),
        base_revision=0,
        user=rapporteur_friesland,
    )
    report_transition(report=report, name="submit", user=rapporteur_friesland)
    report_decided(report, rapporteur_friesland)

    # The new version takes over the assessments after the commit (comparison/receivers.py).
    with django_capture_on_commit_callbacks(execute=True):
        new = report_correct(report=report, user=rapporteur_friesland, reason="Cijfers aangevuld")
    assert (new.number, new.status, new.corrects_id) == (2, ReportStatus.CONCEPT, report.pk)
    new_answer = answer_for(new, "acuut.uitvoering.crisismeldingen")
    assert new_answer.figures == {"aantal": 600}
    assert all(not section.differences for section in report_differences(old=report, new=new))

    answer_save(
        answer=new_answer,
        content=AnswerContent(figures={"aantal": 640}),
        base_revision=1,
        user=rapporteur_friesland,
    )
    answers = report_differences(old=report, new=new)[0]
    [difference] = answers.differences
    assert [line.value for line in difference.before] == ["600 per jaar"]
    assert [line.value for line in difference.after] == ["640 per jaar"]
    assert answer_for(report, "acuut.uitvoering.crisismeldingen").figures == {"aantal": 600}
    with pytest.raises(ReportError, match="nieuwere versie"):
        report_correct(report=report, user=rapporteur_friesland, reason="Cijfers aangevuld")


def test_starten_vanuit_de_vorige_rapportage(report, rapporteur_friesland, open_round):
    open_round("2026", report.catalogue_version)
    answer = answer_for(report, "actieoverleg.uitvoering.vorm")
    answer_save(
        answer=answer,
        content=AnswerContent(choice="hybride"),
        base_revision=0,
        user=rapporteur_friesland,
    )
    following = report_start(
        region=report.region,
        period="2026",
        catalogue_version=report.catalogue_version,
        user=rapporteur_friesland,
        start_from=report,
    )
    copied = answer_for(following, "actieoverleg.uitvoering.vorm")
    assert copied.choice == "hybride"
    assert copied.carried_over
    assert copied.changes.get().source == ChangeSource.CARRIED_OVER
    assert answer_for(following, "acuut.ontwikkel.voorlichting-politie").carried_over is False

    answer_save(
        answer=copied,
        content=AnswerContent(choice="fysiek"),
        base_revision=1,
        user=rapporteur_friesland,
    )
    copied.refresh_from_db()
    assert copied.carried_over is False


def test_voortgang_per_element_en_thema(report, rapporteur_friesland):
    answer_save(
        answer=answer_for(
            report, "samenhang.ontwikkel.afspraken-over-afstemmen-en-delen-van-informatie"
        ),
        content=AnswerContent(choice="onbekend"),
        base_revision=0,
        user=rapporteur_friesland,
    )
    progress = report_progress(report=report)
    samenhang = progress.themes[0]
    assert samenhang.progress.answered == 1
    assert samenhang.progress.total == 14
    assert samenhang.elements[0].progress.total == 2
    assert len(samenhang.elements[0].open_indicators) == 1
    assert progress.total.answered == 1
    assert progress.total.total == 114
