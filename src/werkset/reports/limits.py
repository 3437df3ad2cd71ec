"""How long a report's free texts may be: one place for the limits that the forms, the API
and the services enforce.

Every text is scanned by the privacy guard and rendered into documents; without a limit one
text of 150,000 characters took the report down for everyone (issue 17). The limits leave
room for the longest texts of a real report: in the finished Noord-Nederland report the
product is built from, a chapter's running text is under 12,000 characters and the longest
"Uit de praktijk" (an interview) 16,000.
"""

from django.utils.formats import number_format
from django.utils.translation import gettext as _

SECTION_TEXT_MAX = 50_000
COMMENT_MAX = 5_000
# An answer's explanation and each organisation's perspective. It was 20,000 before the
# other limits were set; a lower one would refuse stored answers and archives made before.
EXPLANATION_MAX = 20_000
PRACTICE_ITEM_MAX = 20_000
QUOTE_MAX = 2_000
SOURCE_DESCRIPTION_MAX = 5_000
# A correction proposal's explanation and the writer's reason for declining it (ADR 21); the
# proposed answer itself has the answer's limits.
PROPOSAL_TEXT_MAX = COMMENT_MAX

# The free texts of a practice item, quote or source by the services' kind; their short
# fields (title, source, attribution) have a column length that the model checks.
ITEM_TEXT_LIMITS: dict[str, dict[str, int]] = {
    "praktijk": {"text": PRACTICE_ITEM_MAX},
    "quote": {"text": QUOTE_MAX},
    "bron": {"description": SOURCE_DESCRIPTION_MAX},
}


def text_too_long(*texts: str, limit: int) -> str:
    """The message (in Dutch) for the first of `texts` longer than `limit`; empty if none is."""
    for text in texts:
        if len(text) > limit:
            return _(
                "This text is too long: at most %(limit)s characters, this one has %(length)s. "
                "Nothing has been saved."
            ) % {
                "limit": number_format(limit, force_grouping=True),
                "length": number_format(len(text), force_grouping=True),
            }
    return ""


def item_too_long(*, kind: str, values: dict[str, object]) -> str:
    """As text_too_long, for the values of a practice item, quote or source."""
    for name, limit in ITEM_TEXT_LIMITS.get(kind, {}).items():
        if message := text_too_long(str(values.get(name) or ""), limit=limit):
            return message
    return ""


# The network's own story (issue 18): its title, introduction and summary, own sections.
REPORT_TITLE_MAX = 300
STORY_TEXT_MAX = SECTION_TEXT_MAX
OWN_SECTION_TITLE_MAX = 300
# "After paragraph N": no running text within the limits has more paragraphs than this.
PARAGRAPH_MAX = 1_000

# An image of a practice item: its file is refused past these before it is decoded (a small
# file can unpack to a huge bitmap); its alternative text is required and at most this long.
IMAGE_MAX_BYTES = 5 * 1024 * 1024
IMAGE_MAX_PIXELS = 25_000_000
IMAGE_ALT_MAX = 500
