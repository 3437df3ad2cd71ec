"""DRF's own messages that werkset's catalogue translates (finding L1).

The API does run in Dutch (LocaleMiddleware, LANGUAGE_CODE "nl", the only language), but
DRF's Dutch catalogue lacks some of the messages its fields give ("Not a valid string.",
"Surrogate characters are not allowed ...") and has others half in English ("Verwachtte een
dictionary van items ..."). Listing DRF's exact msgids here puts them in werkset's catalogue
(makemessages), and LOCALE_PATHS comes before an app's catalogue, so werkset's Dutch wins for
every field and serializer, without overriding messages one by one.

Keep each msgid exactly as DRF writes it, placeholders included; test_drf_messages checks
that every DRF message an API field can give without Dutch is listed.
"""

from django.utils.translation import gettext_noop

DRF_MESSAGES = (
    # Without Dutch in DRF's catalogue.
    gettext_noop("Not a valid string."),
    gettext_noop("Must be a valid boolean."),
    gettext_noop("This dictionary may not be empty."),
    gettext_noop("Ensure this field has at least {min_length} elements."),
    gettext_noop("Ensure this field has no more than {max_length} elements."),
    gettext_noop("Surrogate characters are not allowed: U+{code_point:X}."),
    gettext_noop("Invalid input."),
    gettext_noop('Invalid datetime for the timezone "{timezone}".'),
    gettext_noop("Datetime value out of range."),
    gettext_noop(
        'Enter a valid "slug" consisting of Unicode letters, numbers, underscores, or hyphens.'
    ),
    # DRF's Dutch says "dictionary", "date", "datetime" or "Object met slug=...".
    gettext_noop('Expected a dictionary of items but got type "{input_type}".'),
    gettext_noop("Invalid data. Expected a dictionary, but got {datatype}."),
    gettext_noop("Date has wrong format. Use one of these formats instead: {format}."),
    gettext_noop("Expected a date but got a datetime."),
    gettext_noop("Object with {slug_name}={value} does not exist."),
)
