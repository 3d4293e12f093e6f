"""Notes a page shows beside or over its text rather than at its foot: HTML popover notes
(`<button popovertarget="fn-2">2</button>` opening `<div popover id="fn-2">`) and sidenotes as
Tufte CSS and the R Markdown / Quarto templates built on it write them (a `<label
class="sidenote-number">` toggle, then `<span class="sidenote">` set inside the sentence it
annotates). Each is a note body with its marker, so the quotation before the marker rests on
the note's link and a sidenote's words are read as a note, not as part of the sentence."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lxml.html import HtmlElement


@dataclass(frozen=True)
class PlacedNote:
    """A note's marker element, its body, the marker's label, and whether the body sits
    inside the running text (and must be read apart from it)."""

    marker_element: HtmlElement
    body: HtmlElement
    marker: str
    moved: bool = False


def popover_notes(root: HtmlElement, targets: dict[str, HtmlElement],
                  label_of: Callable[[HtmlElement], str | None]) -> list[PlacedNote]:
    """Buttons opening a popover by id, labelled like a note marker ('2', '[2]', '*')."""
    notes: list[PlacedNote] = []
    for button in root.iter("button"):
        target = targets.get(button.get("popovertarget") or "")
        marker = label_of(button)
        if marker is not None and target is not None and target.get("popover") is not None:
            notes.append(PlacedNote(button, target, marker))
    return notes


def sidenotes(root: HtmlElement, label_of: Callable[[HtmlElement], str | None]) -> list[PlacedNote]:
    """Tufte-style sidenotes, numbered in page order as the stylesheet's counter numbers them
    unless the label writes its own number."""
    notes: list[PlacedNote] = []
    for body in root.iter("span", "aside", "small", "div"):
        if "sidenote" not in (body.get("class") or "").split():
            continue
        label = _toggle_before(body)
        if label is None:
            continue
        written = label_of(label) if label.text_content().strip() else None
        notes.append(PlacedNote(label, body, written or str(len(notes) + 1), moved=True))
    return notes


def _toggle_before(body: HtmlElement) -> HtmlElement | None:
    """The sidenote's numbered toggle: a <label class="… sidenote-number"> just before it
    (only the checkbox it toggles may come between)."""
    node = body.getprevious()
    for _ in range(2):
        if node is None or not isinstance(node.tag, str):
            return None
        if node.tag == "label" and "sidenote-number" in (node.get("class") or "").split():
            return node
        if node.tag != "input":
            return None
        node = node.getprevious()
    return None
