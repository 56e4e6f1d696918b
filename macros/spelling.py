"""British and American spellings, so that search finds a topic whichever a learner types.

The prose uses Oxford spelling: -ize and -ization, as the field's papers and every library's API do
(`Tokenizer`, `normalize`, `StandardScaler`), and British spelling otherwise (behaviour, modelling,
neighbour). Search matches the start of indexed words, so `regularisation` finds nothing in
"regularization" and `neighbor` nothing in "neighbour". `variants(text)` lists the other spelling
of every word of `text` that has one; the search view adds them to each section's index entry
(render.search_view), so this holds for any text added later without anyone remembering a rule.
`non_oxford(text)` finds -ise spellings, which a test keeps out of the prose.
"""

from __future__ import annotations

import functools
import re

_WORD = re.compile(r"[A-Za-z]+")
_ENDINGS = r"(e|es|ed|ing|ation|ations|ational|er|ers|able)"
_IZE = re.compile(rf"^([a-z]{{2,}})iz{_ENDINGS}$")
_ISE = re.compile(rf"^([a-z]{{2,}})is{_ENDINGS}$")

# Roots whose -ise is the only spelling, or that merely end in "is": never -ize (supervise, noise,
# exercise, practise...). A word is exempt when it is one of these, after an optional prefix.
_ISE_ONLY = re.compile(
    r"^(un|de|re|pre|over|under|super|self|pg|counter)?"
    r"(advis|appris|aris|chastis|circumcis|compris|compromis|concis|cruis|bruis|demis|despis|devis|disguis|"
    r"enterpris|excis|exercis|expertis|franchis|improvis|incis|kais|merchandis|nois|paradis|pois|prais|"
    r"practis|precis|premis|promis|rais|revis|ris|supervis|surmis|surpris|televis|treatis|wis|analys|paralys)"
    r"(e|es|ed|ing|er|ers|ory|ion|ions|able|ly|en)?$"
)


def _ise_only(word: str) -> bool:
    return word.endswith("wise") or bool(_ISE_ONLY.match(word))


# -ize words whose -ise form is not English either: give them no variant.
IZE_ONLY = frozenset("size sized sizes sizing prize prizes seize seized seizes seizing capsize resize resized resizing".split())

# British word starts with their American counterparts (prefix match, so plurals and -ed forms follow).
BRITISH_AMERICAN = (
    ("neighbour", "neighbor"), ("behaviour", "behavior"), ("colour", "color"), ("favour", "favor"),
    ("labour", "labor"), ("honour", "honor"), ("flavour", "flavor"), ("rumour", "rumor"), ("humour", "humor"),
    ("endeavour", "endeavor"), ("vapour", "vapor"), ("tumour", "tumor"), ("harbour", "harbor"),
    ("catalogue", "catalog"), ("dialogue", "dialog"), ("analogue", "analog"),
    ("analyse", "analyze"), ("analysed", "analyzed"), ("analysing", "analyzing"), ("analyser", "analyzer"),
    ("paralyse", "paralyze"), ("artefact", "artifact"), ("centre", "center"), ("metre", "meter"),
    ("licence", "license"), ("defence", "defense"), ("offence", "offense"), ("programme", "program"),
    ("grey", "gray"), ("judgement", "judgment"), ("ageing", "aging"), ("sceptic", "skeptic"),
    ("modelling", "modeling"), ("modelled", "modeled"), ("modeller", "modeler"), ("labelling", "labeling"),
    ("labelled", "labeled"), ("labeller", "labeler"), ("travelling", "traveling"), ("cancelled", "canceled"),
    ("signalling", "signaling"), ("levelling", "leveling"), ("fuelled", "fueled"), ("tunnelling", "tunneling"),
    ("channelled", "channeled"), ("totalled", "totaled"), ("marshalling", "marshaling"),
    ("fulfil", "fulfill"), ("enrol", "enroll"), ("practise", "practice"), ("enquir", "inquir"),
    ("paediatric", "pediatric"), ("haemo", "hemo"), ("anaemi", "anemi"), ("oestrogen", "estrogen"),
    ("oesophag", "esophag"), ("foetus", "fetus"), ("manoeuvr", "maneuver"), ("aluminium", "aluminum"),
)


def _other_spellings(word: str) -> tuple[str, ...]:
    return _other_spellings_of(word.lower())


# A page repeats a few thousand distinct words hundreds of thousands of times (the resource tables
# at tenfold data): each is looked up once. Without this, this step took 12 of a 14 s build.
@functools.lru_cache(maxsize=None)
def _other_spellings_of(lower: str) -> tuple[str, ...]:
    found = []
    if lower not in IZE_ONLY and (match := _IZE.match(lower)):
        found.append(f"{match.group(1)}is{match.group(2)}")
    if not _ise_only(lower) and (match := _ISE.match(lower)):
        found.append(f"{match.group(1)}iz{match.group(2)}")
    for british, american in BRITISH_AMERICAN:
        if lower.startswith(british):
            found.append(american + lower[len(british):])
        elif lower.startswith(american) and not lower.startswith(british):
            found.append(british + lower[len(american):])
    return tuple(found)


def variants(text: str, every_time: bool = False) -> list[str]:
    """The other spellings of the words in `text` that are not in it already, once each, in
    first-seen order; or, with `every_time`, the other spelling of every word that has one, so
    that each spelling occurs as often as the other and search ranks the text the same for both."""
    words = {w.lower() for w in _WORD.findall(text)}
    out: list[str] = []
    seen: set[str] = set()
    for word in _WORD.findall(text):
        for other in _other_spellings(word):
            if every_time or (other not in words and other not in seen):
                out.append(other)
                seen.add(other)
    return out


def non_oxford(text: str) -> list[str]:
    """The -ise/-isation spellings in `text` that Oxford spelling writes with z."""
    return [w for w in _WORD.findall(text) if not _ise_only(w.lower()) and _ISE.match(w.lower())]
