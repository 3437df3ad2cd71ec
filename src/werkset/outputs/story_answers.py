"""The questionnaire's answers as the report (the `rapport` variant) shows them: in brief
under each element and, for every indicator, in Bijlage 2.

Both read the questionnaire's read model (document_model.py) and write an answer the same
way (`_answer_text`), hence one module.
"""

from .document_model import IndicatorEntry, ReportDocument
from .story_model import AnswerElement, AnswerRow, AnswerTheme, SummaryRow


def _answer_text(entry: IndicatorEntry) -> str:
    values = ([entry.choice_label] if entry.choice_label else []) + [
        f"{label}: {value}" for label, value in entry.figures
    ]
    return " · ".join(values)


def _summary(entries: list[IndicatorEntry]) -> list[SummaryRow]:
    return [
        SummaryRow(
            label=entry.label,
            answer=_answer_text(entry),
            explanation=entry.explanation,
            perspectives=entry.perspectives,
            regions=entry.regions,
        )
        for entry in entries
        if entry.has_content
    ]


def _answers(questionnaire: ReportDocument, words: dict[str, str]) -> list[AnswerTheme]:
    """Bijlage 2: every indicator with its answer, or "niet beantwoord"."""
    themes = []
    for chapter in questionnaire.chapters:
        elements = []
        for element in chapter.elements:
            rows = []
            for entry in element.indicators:
                answer = _answer_text(entry) or (
                    words["answered_see_text"] if entry.has_content else words["not_answered"]
                )
                rows.append(AnswerRow(entry.label, answer, entry.has_content, entry.regions))
            elements.append(AnswerElement(title=f"{element.number} {element.title}", rows=rows))
        themes.append(AnswerTheme(number=chapter.number, title=chapter.title, elements=elements))
    return themes
