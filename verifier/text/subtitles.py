"""The spoken words of a subtitle file (SubRip .srt, WebVTT .vtt), served as text.

A video's subtitles are cited as the record of what was said; between the words they hold cue
numbers or identifiers, "00:00:03,200 --> 00:00:06,450" times with cue settings, WebVTT's
header and NOTE blocks, markup (<v Speaker>, <i>, <c.yellow>), speaker dashes and sound
descriptions ("[sighs]"). None of it was said: read as words, it breaks every sentence that
runs over a cue. The cues' text is kept, one line per cue.
"""

from __future__ import annotations

import html
import re

_TIME = r"(?:\d{1,3}:)?\d{1,2}:\d{2}[.,]\d{1,3}"
_TIMING_LINE = re.compile(rf"^[ \t]*{_TIME}[ \t]+-->[ \t]+{_TIME}(?:[ \t].*)?$", re.M)
# A file is read as subtitles only with this many timing lines: one arrow in a text is prose.
MIN_CUES = 2
_MARKUP = re.compile(r"</?[A-Za-z][^<>\n]{0,80}>|<\d[\d:.]*>")
_SPEAKER_DASH = re.compile(r"^[ \t]*[-‐–—][ \t]+")
# Subtitles for the deaf describe sounds in square brackets: "[sighs]", "[door slams]".
_SOUND = re.compile(r"\[[^\[\]\n]{1,40}\]")
_VTT_BLOCKS = ("NOTE", "STYLE", "REGION", "WEBVTT")


def is_subtitles(text: str) -> bool:
    """Whether a plain text is a SubRip or WebVTT file (a header, or timed cues)."""
    if "-->" not in text:
        return False
    return text.lstrip("\ufeff \t\n").startswith("WEBVTT") or \
        len(_TIMING_LINE.findall(text, 0, 20_000)) >= MIN_CUES


def subtitle_text(text: str) -> str:
    """The cues' words, one line per cue, without numbers, times, markup or sound notes."""
    cues: list[str] = []
    for block in re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n")):
        lines = block.strip("\ufeff\n").split("\n")
        timing = next((i for i, line in enumerate(lines) if _TIMING_LINE.match(line)), None)
        if timing is None:
            if not lines[0].startswith(_VTT_BLOCKS) and cues:
                cues.append(_cue_words(lines))  # a cue whose text had a blank line in it
            continue
        cues.append(_cue_words(lines[timing + 1:]))
    return "\n".join(cue for cue in cues if cue)


def _cue_words(lines: list[str]) -> str:
    words = []
    for line in lines:
        line = _SOUND.sub("", _MARKUP.sub("", line))
        line = _SPEAKER_DASH.sub("", html.unescape(line)).strip()
        if line:
            words.append(line)
    return " ".join(words)
