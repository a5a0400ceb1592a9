"""HTML allow-list for everything that reaches a card, a PDF or a page."""
from __future__ import annotations

import nh3

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "code", "pre", "span", "div", "sub", "sup",
    "ul", "ol", "li", "blockquote", "table", "thead", "tbody", "tr", "th", "td",
    "h1", "h2", "h3", "h4", "h5", "h6", "a", "img", "figure", "figcaption",
}
ALLOWED_ATTRIBUTES = {
    "span": {"class"}, "div": {"class"}, "code": {"class"}, "pre": {"class"},
    "td": {"align"}, "th": {"align"},
    "a": {"href", "title"}, "img": {"src", "alt", "class"}, "figure": {"class"},
}


def clean_html(html: str) -> str:
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes={"http", "https"}, link_rel="noopener noreferrer")
