"""Words that say a name is a news outlet's or a publication's, and country names (a dateline
inside a citation is no outlet)."""

from __future__ import annotations

import re
from functools import lru_cache

from .wordlists import words

OUTLET_WORDS = words("""
news agency press tv television radio times post journal daily herald tribune gazette guardian
telegraph chronicle observer reuters ap afp bbc cnn upi bloomberg network channel website site
media magazine newspaper wire online broadcaster broadcasting weekly monthly bulletin mail
express mirror independent economist jazeera aljazeera al-jazeera irna isna ilna tasnim fars mehr
kayhan ynet haaretz axios politico twitter facebook youtube telegram instagram x.com nytimes
washingtonpost wsj cbs nbc abc fox sky dpa efe ansa xinhua tass ria sputnik anadolu yonhap
kyodo report reports survey census yearbook almanac bulletin gazette lbc itv npr pbs rte
cnbc msnbc
""")


def is_outlet(phrase: str) -> bool:
    """Whether a name reads as a news outlet or publication rather than a person."""
    low = phrase.lower()
    words = set(re.findall(r"[\w.\-]+", low))
    if words & OUTLET_WORDS:
        return True
    return bool(re.search(r"\.(com|net|org|ir|co|uk|info|news|tv)\b", low))


def is_place(name: str) -> bool:
    """Whether a name is a country (a dateline inside a citation, not an outlet)."""
    return name.lower() in _country_names()


@lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    import pycountry

    names: set[str] = set()
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                names.add(value.lower())
    return frozenset(names)
