"""HTML pages: the article body, its title and the publication time from the page's metadata.

trafilatura finds the main text; the publication time is read first from the page's own
metadata (``article:published_time``, ``<time datetime>``, JSON-LD ``datePublished``) because
trafilatura keeps only the day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import html as lxml_html

from livedesk.errors import NoArticleFound

META_TIME_KEYS = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "date",
    "dc.date",
    "dc.date.issued",
    "sailthru.date",
)
# Fewer words than this is a menu or a stub, not an article.
MIN_ARTICLE_WORDS = 5
_JSONLD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')


@dataclass(frozen=True)
class Article:
    title: str | None
    text: str
    published: str | None


def _meta_published(tree: lxml_html.HtmlElement) -> str | None:
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in META_TIME_KEYS and meta.get("content"):
            return str(meta.get("content")).strip()
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json" and script.text:
            found = _JSONLD_DATE.search(script.text)
            if found:
                return found.group(1)
    for time in tree.iter("time"):
        if time.get("datetime"):
            return str(time.get("datetime")).strip()
    return None


def _meta_title(tree: lxml_html.HtmlElement) -> str | None:
    for meta in tree.iter("meta"):
        if (meta.get("property") or "").lower() == "og:title" and meta.get("content"):
            return str(meta.get("content")).strip()
    for heading in tree.iter("h1"):
        text = heading.text_content().strip()
        if text:
            return text
    title = tree.find(".//title")
    return title.text_content().strip() if title is not None else None


def extract_article(page: str, origin: str) -> Article:
    """The main text of a page; raises NoArticleFound when there is none."""
    import trafilatura  # heavy (~0.3 s): loaded on the first page, not on import

    try:
        tree = lxml_html.fromstring(page)
    except (ValueError, lxml_html.etree.ParserError) as error:
        raise NoArticleFound(f"{origin}: the HTML cannot be parsed ({error}).") from error
    extracted = trafilatura.bare_extraction(
        page, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
    )
    text = (getattr(extracted, "text", None) or "").strip() if extracted else ""
    if len(text.split()) < MIN_ARTICLE_WORDS:
        raise NoArticleFound(
            f"{origin}: no article text found in the HTML (navigation, scripts or an empty page); "
            "give the article's page or its text."
        )
    title = _meta_title(tree) or (getattr(extracted, "title", None) if extracted else None)
    lines = text.split("\n")
    if title and lines and lines[0].strip() == title.strip():
        text = "\n".join(lines[1:]).strip()
    published = _meta_published(tree) or (getattr(extracted, "date", None) if extracted else None)
    return Article(title=title, text=text, published=published)
