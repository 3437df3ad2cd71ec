"""Pages of a list with `Link` headers (RFC 8288), as the Dutch API Design Rules advise.

The body keeps DRF's shape (`count`, `next`, `previous`, `results`) for existing clients; the
headers give the same links plus the first and last page.
"""

from typing import Any

from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param


class LinkHeaderPagination(PageNumberPagination):
    def get_link_header(self) -> str:
        url = self.request.build_absolute_uri()
        number_of_pages = self.page.paginator.num_pages
        links = [("first", remove_query_param(url, self.page_query_param))]
        if self.page.has_previous():
            links.append(("prev", self.get_previous_link()))
        if self.page.has_next():
            links.append(("next", self.get_next_link()))
        last = (
            replace_query_param(url, self.page_query_param, number_of_pages)
            if number_of_pages > 1
            else remove_query_param(url, self.page_query_param)
        )
        links.append(("last", last))
        return ", ".join(f'<{target}>; rel="{rel}"' for rel, target in links if target)

    def get_paginated_response(self, data: Any) -> Response:
        response = super().get_paginated_response(data)
        response["Link"] = self.get_link_header()
        return response
