"""Every write to a report leaves a row in the audit log; running texts, which autosave,
one row per editing session rather than one per keystroke."""

from datetime import timedelta

import pytest

from werkset.core.models import AuditEvent
from werkset.reports.audit import ReportAuditAction
from werkset.reports.comment_services import comment_add, comment_resolve
from werkset.reports.models import PracticeItem, SectionText
from werkset.reports.services import HISTORY_FOLD_WINDOW
from werkset.reports.text_services import report_item_delete, report_item_save, section_text_save
from werkset.reports.workflow import report_transition

pytestmark = pytest.mark.django_db


def rows(action: str):
    return AuditEvent.objects.filter(action=action)


@pytest.fixture
def theme(report):
    return report.catalogue_version.themes.get(key="actieoverleg")


def save_text(report, theme, user, text: str):
    section = SectionText.objects.filter(report=report, theme=theme, element=None).first()
    return section_text_save(
        report=report,
        theme=theme,
        element=None,
        text=text,
        base_revision=section.revision if section else 0,
        user=user,
    )


def test_lopende_tekst_opslaan_komt_in_het_logboek(report, theme, rapporteur_friesland):
    section, _changed = save_text(report, theme, rapporteur_friesland, "Eerste versie.")
    event = rows(ReportAuditAction.SECTION_TEXT_SAVED).get()
    assert event.actor == rapporteur_friesland
    assert event.target_id == str(section.pk)
    assert event.action_label == "Lopende tekst bewerkt"


def test_doortypen_geeft_geen_regel_per_toetsaanslag(report, theme, rapporteur_friesland):
    for text in ("E", "Ee", "Een", "Een zin."):
        save_text(report, theme, rapporteur_friesland, text)
    assert rows(ReportAuditAction.SECTION_TEXT_SAVED).count() == 1


def test_na_een_pauze_begint_een_nieuwe_regel(report, theme, rapporteur_friesland):
    section, _changed = save_text(report, theme, rapporteur_friesland, "Eerste versie.")
    SectionText.objects.filter(pk=section.pk).update(
        updated_at=section.updated_at - HISTORY_FOLD_WINDOW - timedelta(seconds=1)
    )
    save_text(report, theme, rapporteur_friesland, "Tweede versie.")
    assert rows(ReportAuditAction.SECTION_TEXT_SAVED).count() == 2


def test_een_ander_die_verder_schrijft_krijgt_een_eigen_regel(
    report, theme, rapporteur_friesland, second_rapporteur
):
    save_text(report, theme, rapporteur_friesland, "Eerste versie.")
    save_text(report, theme, second_rapporteur, "Aangevuld.")
    actors = set(rows(ReportAuditAction.SECTION_TEXT_SAVED).values_list("actor", flat=True))
    assert actors == {rapporteur_friesland.pk, second_rapporteur.pk}


def test_dezelfde_tekst_opnieuw_opslaan_schrijft_niets(report, theme, rapporteur_friesland):
    save_text(report, theme, rapporteur_friesland, "Eerste versie.")
    AuditEvent.objects.all().delete()
    save_text(report, theme, rapporteur_friesland, "Eerste versie.")
    assert not rows(ReportAuditAction.SECTION_TEXT_SAVED).exists()


def test_commentaar_komt_in_het_logboek(report, rapporteur_friesland, netwerklid_noord):
    report_transition(report=report, name="submit", user=rapporteur_friesland)
    comment = comment_add(report=report, user=netwerklid_noord, text="Klopt dit?")
    event = rows(ReportAuditAction.COMMENT_ADDED).get()
    assert (event.actor, event.target_id) == (netwerklid_noord, str(comment.pk))


def test_afhandelen_van_commentaar_komt_in_het_logboek(
    report, rapporteur_friesland, netwerklid_noord
):
    report_transition(report=report, name="submit", user=rapporteur_friesland)
    comment = comment_add(report=report, user=netwerklid_noord, text="Klopt dit?")
    comment_resolve(comment=comment, user=rapporteur_friesland, resolution="Ja.")
    event = rows(ReportAuditAction.COMMENT_RESOLVED).get()
    assert (event.actor, event.target_id) == (rapporteur_friesland, str(comment.pk))


def practice_item(report, user, theme, title="Casusbespreking (fictief)"):
    return report_item_save(
        report=report,
        user=user,
        kind="praktijk",
        values={"theme": theme, "kind": "casusreview", "title": title, "text": "Tekst."},
    )


def test_praktijkvoorbeeld_opslaan_komt_in_het_logboek(report, theme, rapporteur_friesland):
    item = practice_item(report, rapporteur_friesland, theme)
    report_item_save(
        report=report,
        user=rapporteur_friesland,
        kind="praktijk",
        values={"title": "Nieuwe titel"},
        item_id=item.pk,
    )
    events = rows(ReportAuditAction.REPORT_ITEM_SAVED).order_by("id")
    assert [(e.target_id, e.detail["new"]) for e in events] == [
        (str(item.pk), True),
        (str(item.pk), False),
    ]


def test_praktijkvoorbeeld_verwijderen_komt_in_het_logboek(report, theme, rapporteur_friesland):
    item = practice_item(report, rapporteur_friesland, theme)
    report_item_delete(report=report, user=rapporteur_friesland, kind="praktijk", item_id=item.pk)
    assert not PracticeItem.objects.exists()
    event = rows(ReportAuditAction.REPORT_ITEM_DELETED).get()
    assert (event.actor, event.detail["item"]) == (rapporteur_friesland, item.pk)
