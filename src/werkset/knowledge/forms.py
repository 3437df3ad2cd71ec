"""The kennisbank's search form: the query (limited in length and words) and the filters,
whose choices are what exists (themes by key across catalogue versions, networks, regions,
the periods in the index)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from werkset.catalogue.selectors import catalogue_theme_titles
from werkset.regions.selectors import networks_in_order, regions_in_order

from .fts_sqlite import query_words
from .models import PassageKind
from .search import SearchFilters, passage_periods

QUERY_MAX = 200
QUERY_MAX_WORDS = 12
QUERY_MIN_LETTERS = 2


def _theme_choices() -> list[tuple[str, Any]]:
    """One choice per theme key, named by its newest catalogue version."""
    return [("", _("All themes")), *catalogue_theme_titles()]


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search for"),
        max_length=QUERY_MAX,
        required=False,
        help_text=_("Words from practice items, quotes, sources and running texts."),
    )
    thema = forms.ChoiceField(label=_("Theme"), required=False)
    soort = forms.ChoiceField(
        label=_("Kind of item"),
        required=False,
        choices=[("", _("All kinds")), *PassageKind.choices],
    )
    # The networks and regions by code, from the kept lists (regions.selectors).
    netwerk = forms.ChoiceField(label=_("Regional network"), required=False)
    regio = forms.ChoiceField(label=_("Region"), required=False)
    periode = forms.ChoiceField(label=_("Period"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["thema"].choices = _theme_choices()  # type: ignore[attr-defined]
        self._networks = {network.code: network for network in networks_in_order()}
        self._regions = {region.code: region for region in regions_in_order()}
        self.fields["netwerk"].choices = [  # type: ignore[attr-defined]
            ("", _("All networks")),
            *((code, network.name) for code, network in self._networks.items()),
        ]
        self.fields["regio"].choices = [  # type: ignore[attr-defined]
            ("", _("All regions")),
            *((code, region.name) for code, region in self._regions.items()),
        ]
        self.fields["periode"].choices = [  # type: ignore[attr-defined]
            ("", _("All periods")),
            *((period, period) for period in passage_periods()),
        ]
        self.fields["q"].widget.attrs.update({"maxlength": QUERY_MAX, "type": "search"})

    def clean_q(self) -> str:
        text = self.cleaned_data["q"].strip()
        if not text:
            return ""
        words = query_words(text)
        if not any(len(word) >= QUERY_MIN_LETTERS for word in words):
            raise forms.ValidationError(
                _("Enter a word of at least %(count)s letters.") % {"count": QUERY_MIN_LETTERS}
            )
        if len(words) > QUERY_MAX_WORDS:
            raise forms.ValidationError(
                _("Search for at most %(count)s words.") % {"count": QUERY_MAX_WORDS}
            )
        return text

    @property
    def words(self) -> list[str]:
        return [w for w in query_words(self.cleaned_data.get("q", "")) if len(w) >= 1]

    @property
    def filters(self) -> SearchFilters:
        data = self.cleaned_data
        return SearchFilters(
            theme_key=data.get("thema") or "",
            kind=data.get("soort") or "",
            network_id=self._networks[data["netwerk"]].pk if data.get("netwerk") else None,
            region_id=self._regions[data["regio"]].pk if data.get("regio") else None,
            period=data.get("periode") or "",
        )
