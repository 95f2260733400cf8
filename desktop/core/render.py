"""The one place that turns KB text into HTML or plain text.

Everything from a KB file is untrusted: markdown is rendered, then sanitized with an
allow-list (nh3/Ammonia). Scripts, styles, event handlers, iframes, images and every
link scheme other than http, https and mailto are removed.
"""

from __future__ import annotations

import html
import re
import threading
from collections.abc import Mapping

import markdown
import nh3

from desktop.core.cards import PLACEHOLDER_RE, Card

ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "code", "div", "em", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "i", "li", "ol", "p", "pre", "s", "small", "span", "strong", "sub", "sup",
    "table", "tbody", "td", "th", "thead", "tr", "u", "ul",
})
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "span": {"class"}, "div": {"class"},
                      "td": {"align"}, "th": {"align"}, "li": {"class"}, "ol": {"class"},
                      "ul": {"class"}}
# Lists keep only the section classes, so Avoid items look like Avoid in the handbook and
# the trainer preview, never like Say.
LIST_CLASSES = frozenset({"say", "avoid"})
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})

SECTION_TITLES = {
    "en": {"say": "Say", "avoid": "Avoid", "why": "Why"},
    "fil": {"say": "Sabihin", "avoid": "Iwasan", "why": "Bakit"},
}


def sanitize_html(raw_html: str) -> str:
    return nh3.clean(
        raw_html,
        tags=set(ALLOWED_TAGS),
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_SCHEMES),
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
        attribute_filter=_drop_unsafe_href,
    )


def _drop_unsafe_href(tag: str, attribute: str, value: str) -> str | None:
    # nh3's scheme list only checks absolute URLs; relative ones would resolve to files.
    if attribute == "href" and not is_allowed_link(value):
        return None
    if attribute == "class" and tag in ("li", "ol", "ul"):
        kept = [name for name in value.split() if name in LIST_CLASSES]
        return " ".join(kept) or None
    return value


def plain_text_html(text: str) -> str:
    """KB text for a Qt tooltip or label, which guesses "rich text" from any tag: escaped
    and wrapped so it always shows as the words written (an <img> there can crash Qt)."""
    if "<" not in text:
        return text  # Qt shows it as plain text already
    return f"<p>{html.escape(text)}</p>"


# Building a Markdown parser costs more than converting one phrase with it, and a card
# shows a dozen phrases per keystroke: one converter per kind and thread, reset per use
# (the search worker and the GUI thread both render).
_converters = threading.local()


# A phrase with none of these is plain words to Markdown: it converts to itself.
_PLAIN_PHRASE_RE = re.compile(r"[^*_`\[\]<>&\\!#|~\n]*")
_BLOCK_START_RE = re.compile(r"\s|\d+[.)]|[>+=-]")


def _inline_markdown(text: str) -> str:
    """Inline Markdown of one phrase, without the parser when there is nothing to parse."""
    if _PLAIN_PHRASE_RE.fullmatch(text) and not _BLOCK_START_RE.match(text) \
            and not text.endswith(" "):
        return text
    return re.sub(r"^<p>(.*)</p>$", r"\1", _convert(text, "inline").strip(), flags=re.S)


def _convert(text: str, kind: str) -> str:
    converter = getattr(_converters, kind, None)
    if converter is None:
        extensions = ["tables", "sane_lists"] if kind == "block" else []
        converter = markdown.Markdown(extensions=extensions, output_format="html")
        setattr(_converters, kind, converter)
    return str(converter.reset().convert(text))


def render_markdown(text: str) -> str:
    """Markdown → sanitized HTML."""
    return sanitize_html(_convert(text, "block"))


def is_allowed_link(url: str) -> bool:
    scheme = url.split(":", 1)[0].strip().lower() if ":" in url else ""
    return scheme in ALLOWED_SCHEMES


def fill_placeholders(text: str, values: Mapping[str, str]) -> str:
    """Replace {customer}, {issue}, {agent}, {minutes} that have a value; leave the rest."""

    def replace(match: re.Match[str]) -> str:
        value = (values.get(match.group(1)) or "").strip()
        return value if value else match.group(0)

    return PLACEHOLDER_RE.sub(replace, text)


def unfilled_placeholders(text: str) -> list[str]:
    return PLACEHOLDER_RE.findall(text)


def phrase_html(phrase: str, values: Mapping[str, str] | None = None) -> str:
    """One phrase as HTML: inline markdown rendered, unfilled placeholders marked."""
    filled = fill_placeholders(phrase, values or {})
    inline = _inline_markdown(filled)
    marked = PLACEHOLDER_RE.sub(r'<span class="placeholder">{\1}</span>', inline)
    return sanitize_html(marked)


def card_to_html(card: Card, values: Mapping[str, str] | None = None) -> str:
    """A whole card as a sanitized HTML fragment (used by `kalma show --html` and the UI)."""
    titles = SECTION_TITLES.get(card.lang, SECTION_TITLES["en"])
    parts = [f"<h2>{html.escape(card.title)}</h2>"]
    if card.say:
        items = "".join(f'<li class="say">{phrase_html(p, values)}</li>' for p in card.say)
        parts.append(f'<h3>{titles["say"]}</h3><ol class="say">{items}</ol>')
    if card.avoid:
        items = "".join(f'<li class="avoid">{phrase_html(p)}</li>' for p in card.avoid)
        parts.append(f'<h3>{titles["avoid"]}</h3><ul class="avoid">{items}</ul>')
    if card.why:
        parts.append(f'<h3>{titles["why"]}</h3><p><small>{phrase_html(card.why)}</small></p>')
    if card.other_text:
        parts.append(render_markdown(card.other_text))
    return sanitize_html("\n".join(parts))


def card_to_text(card: Card) -> str:
    titles = SECTION_TITLES.get(card.lang, SECTION_TITLES["en"])
    lines = [card.title, f"[{card.id}] stage: {card.stage}  tags: {', '.join(card.tags) or '-'}"
             f"  channel: {card.channel}  lang: {card.lang}", ""]
    if card.say:
        lines.append(f"{titles['say']}:")
        lines.extend(f"  {n}. {phrase}" for n, phrase in enumerate(card.say, start=1))
    if card.avoid:
        lines.append(f"{titles['avoid']}:")
        lines.extend(f"  x {phrase}" for phrase in card.avoid)
    if card.why:
        lines.append(f"{titles['why']}: {card.why}")
    if card.other_text:
        lines.extend(["", card.other_text])
    return "\n".join(lines)
