"""People coded from how a report introduces them: "Israeli Prime Minister Ehud Barak",
"Ukraine's President Volodymyr Zelensky", "King Hassan of Morocco" give a country and a
sector (GOV, MIL, …) the way CAMEO actor dictionaries code titled officials."""

from __future__ import annotations

from typing import Any

from livedesk.resolve.actors import country_code, demonym, sector_of

# How far before a name its title phrase may start ("British Defence Secretary Tom King").
TITLE_WINDOW = 5
# Capitalised words inside titles that are not themselves titles ("Defence", "Foreign").
TITLE_PARTS = {"defence", "defense", "foreign", "prime", "deputy", "vice", "interior",
               "finance", "home", "state", "chief", "acting", "former", "ousted", "top",
               "senior", "supreme", "first", "economy", "health", "justice", "trade"}  # fmt: skip


def _country_of(token: Any) -> str | None:
    text = token.text.removesuffix("'s").removesuffix("’s")
    return demonym(text) or country_code(text) or None


def title_code(doc: Any, start: int, end: int) -> tuple[str | None, str | None]:
    """(country, sector) from the title phrase before a name, or "of COUNTRY" after it."""
    country = sector = None
    index = start - 1
    while index >= max(0, start - TITLE_WINDOW):
        token = doc[index]
        lower = token.lower_
        if token.tag_ == "POS":
            index -= 1
            continue
        title_sector = sector_of(token.lemma_)
        if title_sector is not None and token.pos_ in {"NOUN", "PROPN"}:
            sector = sector or title_sector
        elif (found := _country_of(token)) is not None:
            country = found
            break
        elif lower not in TITLE_PARTS:
            break
        index -= 1
    after_of = end + 1 < len(doc) and doc[end].lower_ == "of"
    if sector is not None and country is None and after_of:
        country = _country_of(doc[end + 1])
    if sector is None:
        return None, None
    return country, sector
