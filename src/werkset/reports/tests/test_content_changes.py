"""The report's content stamp (ADR 33): every write to what a theme page keeps gives the
report a new stamp, whatever the path (a row saved or deleted, a bulk write), a write that is
rolled back gives none, and the theme page shows what was written since it was kept."""

import pickle

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from werkset.comparison.models import BottleneckCode, CriterionAnswer, ThemeMaturity
from werkset.reports.content_changes import (
    ReportContentChange,
    ReportContentQuerySet,
    content_models,
    content_stamp,
)
from werkset.reports.models import (
    Answer,
    Comment,
    PracticeItem,
    PracticeKind,
    Quote,
    Report,
    ReportSection,
    SectionText,
    SourceDocument,
)
from werkset.reports.selectors import ThemeRows
from werkset.reports.tasks import prune_content_changes

pytestmark = pytest.mark.django_db


def stamp(report: Report) -> int:
    return int(Report.objects.annotate(stamp=content_stamp()).get(pk=report.pk).stamp)


def first_theme(report: Report):
    return report.catalogue_version.themes.order_by("position").first()


def practice_item(report: Report, title: str = "Casus") -> PracticeItem:
    return PracticeItem.objects.create(
        report=report,
        theme=first_theme(report),
        kind=PracticeKind.CASE_REVIEW,
        title=title,
        text="Het overleg liep.",
    )


def test_every_model_a_theme_page_keeps_is_report_content():
    kept = {
        Answer,
        Comment,
        SectionText,
        PracticeItem,
        Quote,
        SourceDocument,
        ReportSection,
        ThemeMaturity,
        CriterionAnswer,
        BottleneckCode,
    }
    assert set(content_models()) == kept
    for model in kept:
        assert isinstance(model.objects.all(), ReportContentQuerySet), model


def test_a_row_saved_gives_a_new_stamp(report):
    before = stamp(report)
    item = practice_item(report)
    created = stamp(report)
    item.title = "Andere casus"
    item.save()
    assert before < created < stamp(report)


def test_a_row_deleted_gives_a_new_stamp(report):
    item = practice_item(report)
    before = stamp(report)
    item.delete()
    assert stamp(report) > before


def test_a_bulk_update_gives_a_new_stamp(report):
    before = stamp(report)
    Answer.objects.filter(report=report).update(explanation="Bijgewerkt")
    assert stamp(report) > before


def test_an_update_of_no_rows_keeps_the_stamp(report):
    before = stamp(report)
    Answer.objects.filter(report=report, explanation="bestaat niet").update(explanation="x")
    assert stamp(report) == before


def test_a_bulk_create_gives_a_new_stamp(report):
    before = stamp(report)
    Quote.objects.bulk_create([Quote(report=report, theme=first_theme(report), text="Goed.")])
    assert stamp(report) > before


def test_a_bulk_update_of_rows_gives_a_new_stamp(report):
    answers = list(Answer.objects.filter(report=report)[:2])
    for answer in answers:
        answer.explanation = "Samen"
    before = stamp(report)
    Answer.objects.bulk_update(answers, ["explanation"])
    assert stamp(report) > before


def test_a_bottleneck_code_gives_its_answers_report_a_new_stamp(report):
    answer = Answer.objects.filter(report=report).first()
    before = stamp(report)
    code = BottleneckCode.objects.create(answer=answer, code="capaciteit")
    added = stamp(report)
    code.delete()
    assert before < added < stamp(report)


def test_a_bulk_created_bottleneck_code_gives_a_new_stamp(report):
    answer = Answer.objects.filter(report=report).first()
    before = stamp(report)
    BottleneckCode.objects.bulk_create([BottleneckCode(answer=answer, code="capaciteit")])
    assert stamp(report) > before


def test_a_write_rolled_back_keeps_the_stamp(report):
    def write_then_fail() -> None:
        with transaction.atomic():
            practice_item(report)
            raise RuntimeError

    before = stamp(report)
    with pytest.raises(RuntimeError):
        write_then_fail()
    assert stamp(report) == before


def test_another_reports_write_keeps_the_stamp(report, utrecht, make_user, catalogue_2021):
    from werkset.accounts.models import Role
    from werkset.reports.services import report_start

    other = report_start(
        region=utrecht,
        period="2025",
        catalogue_version=catalogue_2021,
        user=make_user(Role.RAPPORTEUR, region=utrecht),
    )
    before = stamp(report)
    practice_item(other)
    assert stamp(report) == before


def test_pruning_keeps_each_reports_newest_record(report):
    for title in ("Een", "Twee", "Drie"):
        practice_item(report, title)
    before = stamp(report)
    ReportContentChange.objects.create(report_id=report.pk + 1000)  # a deleted report's
    assert prune_content_changes() > 0  # the daily task
    assert stamp(report) == before
    assert list(ReportContentChange.objects.values_list("id", flat=True)) == [before]


def test_pruning_runs_daily():
    schedule = settings.CELERY_BEAT_SCHEDULE.values()
    assert {"task": "werkset.reports.content_changes_prune", "schedule": 86400} in schedule


def theme_url(report: Report) -> str:
    return reverse("reports:theme", args=[report.pk, first_theme(report).key])


def test_the_theme_page_shows_a_bulk_write_made_after_it_was_kept(
    client_for, report, rapporteur_friesland
):
    item = practice_item(report, "Casus vooraf")
    client = client_for(rapporteur_friesland)
    assert "Casus vooraf" in client.get(theme_url(report)).content.decode()
    PracticeItem.objects.filter(pk=item.pk).update(title="Casus achteraf")
    page = client.get(theme_url(report)).content.decode()
    assert "Casus achteraf" in page
    assert "Casus vooraf" not in page


def test_rows_are_read_again_only_after_a_write(client_for, report, rapporteur_friesland):
    client = client_for(rapporteur_friesland)
    client.get(theme_url(report))
    with CaptureQueriesContext(connection) as kept:
        client.get(theme_url(report))
    kept_count = len(kept.captured_queries)
    practice_item(report, "Nieuw")
    with CaptureQueriesContext(connection) as after_write:
        page = client.get(theme_url(report))
    after_write_count = len(after_write.captured_queries)
    with CaptureQueriesContext(connection) as kept_again:
        client.get(theme_url(report))
    assert "Nieuw" in page.content.decode()
    assert after_write_count > kept_count
    assert len(kept_again.captured_queries) == kept_count


def test_the_kept_rows_hold_no_password_hash(client_for, report, rapporteur_friesland):
    ReportSection.objects.create(
        report=report,
        theme=first_theme(report),
        title="Ex-partnerstalking",
        text="Eigen paragraaf.",
        updated_by=rapporteur_friesland,
    )
    client_for(rapporteur_friesland).get(theme_url(report))
    cache = caches["default"]
    kept = [
        pickle.loads(value)  # noqa: S301 (this test's own cache)
        for key, value in cache._cache.items()  # type: ignore[attr-defined]
        if "report-rows" in key
    ]
    assert kept
    rows = [row for value in kept if isinstance(value, ThemeRows) for row in value.sections]
    assert rows
    assert all("password" not in row.updated_by.__dict__ for row in rows)


def test_rows_kept_by_an_earlier_release_with_other_fields_are_read_again(
    client_for, report, rapporteur_friesland
):
    practice_item(report, "Casus van nu")
    client = client_for(rapporteur_friesland)
    client.get(theme_url(report))
    cache = caches["default"]
    (key,) = [key for key in cache._cache if "report-rows" in key and "theme:" in key]  # type: ignore[attr-defined]
    older = object.__new__(ThemeRows)
    object.__setattr__(older, "answers", [])  # an older ThemeRows, without the other fields
    cache._cache[key] = pickle.dumps(older)  # type: ignore[attr-defined]
    assert "Casus van nu" in client.get(theme_url(report)).content.decode()
