"""Issue 24, "from register to report": a comparison says which figures were measured in the
Actieoverleg register (the answer as it stands was taken from it), not recalled."""

import pytest
from django.urls import reverse
from django.utils import timezone

from werkset.reports.models import Answer, AnswerChange, ChangeSource

pytestmark = pytest.mark.django_db

FREQUENCY = "actieoverleg.uitvoering.frequentie"
MEASURED = "gemeten in het Actieoverleg-register"


def _change(answer, source, revision):
    AnswerChange.objects.create(
        answer=answer,
        revision=revision,
        changed_at=timezone.now(),
        changed_by_name="x",
        source=source,
        before={},
        after={},
    )


@pytest.fixture
def two_regions(make_report):
    figures = {"frequentie": {"aantal": 26, "per": "jaar"}}
    friesland = make_report("friesland", answers={FREQUENCY: {"figures": figures}})
    utrecht = make_report("utrecht", answers={FREQUENCY: {"figures": figures}})
    measured = Answer.objects.get(report=friesland, indicator__key=FREQUENCY)
    Answer.objects.filter(pk=measured.pk).update(revision=1)
    _change(measured, ChangeSource.REGISTER, 1)
    return measured, utrecht


def _side_by_side(client) -> str:
    response = client.get(
        reverse("comparison:side_by_side"), {"periode": "2024", "thema": "actieoverleg"}
    )
    assert response.status_code == 200
    return response.content.decode()


def test_a_figure_taken_from_the_register_is_marked_measured(client_for, landelijk, two_regions):
    assert _side_by_side(client_for(landelijk)).count(MEASURED) == 1


def test_a_later_change_by_hand_is_no_longer_measured(client_for, landelijk, two_regions):
    measured, _utrecht = two_regions
    Answer.objects.filter(pk=measured.pk).update(revision=2)
    _change(measured, ChangeSource.EDIT, 2)
    assert MEASURED not in _side_by_side(client_for(landelijk))
