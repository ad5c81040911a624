"""Human-readable summaries of readings (``--format text``)."""

from __future__ import annotations

from livedesk.models import Event, Figure, Participant, Quote, Reading


def _who(participants: tuple[Participant, ...]) -> str:
    if not participants:
        return "?"
    return " + ".join(
        f"{p.name} [{'/'.join(x for x in (p.country, p.sector) if x) or '-'}]" for p in participants
    )


def _figure(figure: Figure) -> str:
    if figure.qualifier == "range":
        value = f"{figure.low}–{figure.high}"
    elif figure.approx is not None:
        value = f"~{figure.approx}"
    elif figure.low is not None and figure.low == figure.high:
        value = str(figure.low)
    elif figure.low is not None:
        value = f"≥{figure.low}"
    elif figure.high is not None:
        value = f"≤{figure.high}"
    else:
        value = "some"
    source = f" (per {figure.attribution.speaker})" if figure.attribution else ""
    who = f" {figure.who}" if figure.who else ""
    return f"{figure.kind}: {value}{who} [{figure.qualifier}]{source}"


def _event(event: Event, places: dict[str, str]) -> str:
    where = f" @ {places.get(event.place, event.place)}" if event.place else ""
    when = f" on {event.date.value or event.date.text}" if event.date else ""
    mode = f"/{event.mode}" if event.mode else ""
    modality = "" if event.modality == "reported" else f" ({event.modality})"
    source = f" — per {event.attribution.speaker}" if event.attribution else ""
    arrow = f"{_who(event.actors)} → {_who(event.recipients)}"
    return f"{event.type}{mode}: {arrow}{where}{when}{modality}{source}"


def _quote(quote: Quote) -> str:
    """A quotation in its marks; an attribution of another kind (speech, belief, evidence,
    stance) plain, with its kind and cue."""
    who = f"{quote.speaker or '?'}{' (anonymous)' if quote.anonymous else ''}"
    if quote.direct:
        return f"[{quote.kind}] “{quote.text}” — {who}"
    return f"[{quote.kind}] {quote.text} — {who} ({quote.cue or '-'})"


def render_text(reading: Reading) -> str:
    places = {place.id: place.name for place in reading.places}
    published = reading.published
    lines = [
        f"# {reading.title or '(untitled)'}",
        f"id: {reading.id}   language: {reading.language}   "
        f"published: {published.value or '?'} ({published.precision}, {published.source or '-'})",
    ]
    sections = [
        ("What to know", [point.text for point in reading.key_points]),
        ("Events", [_event(event, places) for event in reading.events]),
        ("Figures", [_figure(figure) for figure in reading.figures]),
        ("Quotes", [_quote(q) for q in reading.quotes]),
        (
            "Places",
            [f"{p.name} ({p.country or '?'}, {p.feature}) {p.lat},{p.lon}" for p in reading.places],
        ),
        (
            "Entities",
            [
                f"{e.name} <{e.type}>" + (f" aka {', '.join(e.aliases)}" if e.aliases else "")
                for e in reading.entities
            ],
        ),
        ("Notes", list(reading.notes)),
    ]
    for heading, items in sections:
        if items:
            lines.append(f"\n## {heading}")
            lines.extend(f"- {item}" for item in items)
    return "\n".join(lines) + "\n"
