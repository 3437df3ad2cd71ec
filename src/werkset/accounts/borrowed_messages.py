"""Messages of Django itself that its Dutch catalogue does not translate yet, written here so
that makemessages keeps their translation in ours. Not imported: only read by makemessages.

Django 5.2's MinimumLengthValidator asks "%d character(s)", its nl catalogue still holds the
older "%(min_length)d" message, so a new user would read English.
"""

from django.utils.translation import ngettext

ngettext(
    "This password is too short. It must contain at least %d character.",
    "This password is too short. It must contain at least %d characters.",
    12,
)
