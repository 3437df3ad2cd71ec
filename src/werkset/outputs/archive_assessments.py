"""A report's assessments in its JSON archive (format version 2, ADR 22): maturity per
theme, the toetsingskader and the bottleneck codes of its answers, "niet beoordeeld" with
its reason. Optional when read: an archive of version 1 has none, and imports as before.

The shape (ASSESSMENTS_SCHEMA) is part of archive_format.ARCHIVE_SCHEMA; export, check and
write are here, called from archive_export, archive_reader and archive_import."""

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from django.utils.translation import gettext as _

from werkset.accounts.models import User
from werkset.catalogue.models import Theme
from werkset.comparison.models import BottleneckCode, CriterionAnswer, ThemeMaturity
from werkset.comparison.vocabulary import BOTTLENECK_CHOICES, CRITERIA
from werkset.reports.limits import COMMENT_MAX, EXPLANATION_MAX
from werkset.reports.models import Answer, Report

from .problems import ImportProblem

# The web form does not limit these texts yet (finding M5): bounded as an answer's
# explanation is, so no imported assessment carries more than an answer may.
# As the assessment's services allow: a motivation as long as an answer's explanation, the
# reason for "niet beoordeeld" as long as a comment.
_TEXT = {"type": "string", "maxLength": EXPLANATION_MAX}
_REASON = {"type": "string", "maxLength": COMMENT_MAX}
_TIME = {"type": ["string", "null"], "maxLength": 64}
_USER = {"type": ["string", "null"], "maxLength": 150}


def _object(properties: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


ASSESSMENTS_SCHEMA: dict[str, Any] = _object(
    {
        "maturity": {
            "type": "array",
            "items": _object(
                {
                    "theme": {"type": "string", "minLength": 1, "maxLength": 150},
                    # null: consciously not assessed, with the reason
                    "level": {"type": ["integer", "null"], "minimum": 1, "maximum": 5},
                    "motivation": _TEXT,
                    "not_assessed_reason": _REASON,
                    "updated_at": _TIME,
                    "updated_by": _USER,
                }
            ),
        },
        "criteria": {
            "type": "array",
            "items": _object(
                {
                    "criterion": {"enum": [c.key for c in CRITERIA]},
                    # "": consciously not assessed, with the reason
                    "verdict": {"enum": ["", "ja", "deels", "nee"]},
                    "explanation": _TEXT,
                    "not_assessed_reason": _REASON,
                    "updated_at": _TIME,
                    "updated_by": _USER,
                }
            ),
        },
        "bottleneck_codes": {
            "type": "array",
            "items": _object(
                {
                    "indicator": {"type": "string", "minLength": 1, "maxLength": 150},
                    "code": {"enum": [key for key, _title in BOTTLENECK_CHOICES]},
                    "coded_at": _TIME,
                    "coded_by": _USER,
                }
            ),
        },
    }
)


def _time(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat() if value is not None else None


def _username(user: User | None) -> str | None:
    return user.get_username() if user is not None else None


def assessments_json(*, report: Report) -> dict[str, Any]:
    """The report's assessments, JSON-ready, in a fixed order; three queries."""
    return {
        "maturity": [
            {
                "theme": m.theme.key,
                "level": m.level,
                "motivation": m.motivation,
                "not_assessed_reason": m.not_assessed_reason,
                "updated_at": _time(m.updated_at),
                "updated_by": _username(m.updated_by),
            }
            for m in ThemeMaturity.objects.filter(report=report)
            .select_related("theme", "updated_by")
            .order_by("theme__position", "id")
        ],
        "criteria": [
            {
                "criterion": c.criterion,
                "verdict": c.verdict,
                "explanation": c.explanation,
                "not_assessed_reason": c.not_assessed_reason,
                "updated_at": _time(c.updated_at),
                "updated_by": _username(c.updated_by),
            }
            for c in sorted(
                CriterionAnswer.objects.filter(report=report).select_related("updated_by"),
                key=lambda c: [x.key for x in CRITERIA].index(c.criterion),
            )
        ],
        "bottleneck_codes": [
            {
                "indicator": b.answer.indicator.key,
                "code": b.code,
                "coded_at": _time(b.coded_at),
                "coded_by": _username(b.coded_by),
            }
            for b in BottleneckCode.objects.filter(answer__report=report)
            .select_related("answer__indicator", "coded_by")
            .order_by("answer__indicator__position", "code")
        ],
    }


def assessment_problems(
    *, document: dict[str, Any], themes: dict[str, Theme], indicators: dict[str, Any]
) -> tuple[list[ImportProblem], set[str | None]]:
    """What the archive's assessments name and say, checked as the forms and the
    database's constraints would; with the user names they record."""
    data = document.get("assessments")
    problems: list[ImportProblem] = []
    usernames: set[str | None] = set()
    if data is None:
        return problems, usernames

    def problem(path: str, message: str) -> None:
        problems.append(ImportProblem(None, path, message))

    reason_needed = _('"Niet beoordeeld" needs its reason.')
    seen: set[Any] = set()
    for index, item in enumerate(data["maturity"]):
        path = f"assessments/maturity/{index}"
        if item["theme"] not in themes:
            problem(f"{path}/theme", _("Unknown theme: %(key)s.") % {"key": item["theme"]})
        if item["level"] is None and not item["not_assessed_reason"].strip():
            problem(f"{path}/not_assessed_reason", reason_needed)
        if ("m", item["theme"]) in seen:
            problem(path, _("A second assessment of the same theme."))
        seen.add(("m", item["theme"]))
        usernames.add(item["updated_by"])
    for index, item in enumerate(data["criteria"]):
        path = f"assessments/criteria/{index}"
        if not item["verdict"] and not item["not_assessed_reason"].strip():
            problem(f"{path}/not_assessed_reason", reason_needed)
        if ("c", item["criterion"]) in seen:
            problem(path, _("A second assessment of the same characteristic."))
        seen.add(("c", item["criterion"]))
        usernames.add(item["updated_by"])
    for index, item in enumerate(data["bottleneck_codes"]):
        path = f"assessments/bottleneck_codes/{index}"
        if item["indicator"] not in indicators:
            problem(
                f"{path}/indicator",
                _("Unknown question (indicator key) in this catalogue: %(key)s.")
                % {"key": item["indicator"]},
            )
        if ("b", item["indicator"], item["code"]) in seen:
            problem(path, _("The same bottleneck code twice on one answer."))
        seen.add(("b", item["indicator"], item["code"]))
        usernames.add(item["coded_by"])
    return problems, usernames


def assessments_write(
    *,
    document: dict[str, Any],
    report: Report,
    themes: dict[str, Theme],
    answers: dict[str, Answer],
    user: Callable[[str | None], User | None],
    time: Callable[[str | None], Any],
) -> None:
    """Write the archive's assessments (checked by assessment_problems), with their times."""
    data = document.get("assessments")
    if data is None:
        return
    maturities = ThemeMaturity.objects.bulk_create(
        ThemeMaturity(
            report=report,
            theme=themes[m["theme"]],
            level=m["level"],
            motivation=m["motivation"],
            not_assessed_reason=m["not_assessed_reason"],
            updated_by=user(m["updated_by"]),
        )
        for m in data["maturity"]
    )
    criteria = CriterionAnswer.objects.bulk_create(
        CriterionAnswer(
            report=report,
            criterion=c["criterion"],
            verdict=c["verdict"],
            explanation=c["explanation"],
            not_assessed_reason=c["not_assessed_reason"],
            updated_by=user(c["updated_by"]),
        )
        for c in data["criteria"]
    )
    codes = BottleneckCode.objects.bulk_create(
        BottleneckCode(answer=answers[b["indicator"]], code=b["code"], coded_by=user(b["coded_by"]))
        for b in data["bottleneck_codes"]
    )
    # auto_now and auto_now_add set the times on insert: put back the archive's
    # (bulk_update writes the values as given).
    for objects, items, name in (
        (maturities, data["maturity"], "updated_at"),
        (criteria, data["criteria"], "updated_at"),
        (codes, data["bottleneck_codes"], "coded_at"),
    ):
        stamped = [obj for obj, item in zip(objects, items, strict=True) if item[name]]
        for obj, item in zip(objects, items, strict=True):
            if item[name]:
                setattr(obj, name, time(item[name]))
        if stamped:
            type(stamped[0])._default_manager.bulk_update(stamped, [name])
