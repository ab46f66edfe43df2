"""Document-level PLOVER contexts from keywords (lemmas): a context is set when the article uses
at least two of its words, or one of its strong words."""
from __future__ import annotations

# context: (strong words, ordinary words)
_CONTEXTS: dict[str, tuple[set, set]] = {
    "military": ({"airstrike", "troops", "army", "artillery"}, {"soldier", "military", "force", "battalion",
                                                               "brigade", "offensive", "shelling", "commander"}),
    "terrorism": ({"terrorist", "terrorism", "isis", "isil", "daesh", "al-qaeda", "jihadist", "suicide"},
                  {"militant", "bomb", "bombing", "ied", "extremist", "insurgent"}),
    "election": ({"election", "ballot", "polling", "vote"}, {"candidate", "campaign", "voter", "poll"}),
    "legislative": ({"parliament", "legislature", "congress", "senate", "lawmaker"}, {"bill", "mp", "law"}),
    "executive": ({"president", "prime", "cabinet"}, {"minister", "government", "governor"}),
    "legal": ({"court", "trial", "judge", "convict", "indict"}, {"lawyer", "sentence", "charge", "verdict"}),
    "human_rights": ({"torture", "extrajudicial", "rights"}, {"abuse", "detainee", "disappearance"}),
    "repression": ({"crackdown", "teargas", "tear"}, {"disperse", "baton", "repression", "detain"}),
    "migration": ({"refugee", "displace", "displaced", "idp", "migrant", "iom", "unhcr"}, {"flee", "camp", "asylum"}),
    "territory": ({"overrun", "overran", "territory", "recapture", "retake"}, {"control", "border", "seize"}),
    "diplomatic": ({"diplomat", "embassy", "ambassador", "diplomatic"}, {"foreign", "bilateral", "summit", "talks"}),
    "peacekeeping": ({"peacekeeper", "peacekeeping", "unmiss", "monusco", "amisom", "minusma"}, {"mission"}),
    "health": ({"hospital", "epidemic", "vaccine", "cholera", "covid-19"}, {"health", "medical", "doctor"}),
    "disasters": ({"earthquake", "flood", "cyclone", "hurricane", "drought"}, {"disaster", "storm"}),
    "economic": ({"economy", "inflation", "tariff"}, {"price", "trade", "wage", "economic", "market"}),
    "religion_ethnicity": ({"mosque", "church", "sectarian", "ethnic", "communal"}, {"muslim", "christian",
                                                                                   "hindu", "tribe", "tribal"}),
    "crime": ({"gang", "robbery", "smuggling", "criminal"}, {"police", "suspect", "theft", "murder"}),
    "cbrn": ({"chemical", "chlorine", "sarin", "nuclear"}, {"radiological", "toxic"}),
    "gender": ({"rape", "sexual", "women's"}, {"woman", "girl", "gender"}),
    "cyber": ({"cyberattack", "hacker", "malware", "ransomware"}, {"cyber", "hack"}),
    "illegal_drugs": ({"narcotic", "cocaine", "heroin", "cartel"}, {"drug", "trafficker"}),
    "corruption": ({"corruption", "bribery", "embezzlement"}, {"bribe", "graft"}),
    "natural_resource": ({"oilfield", "mining", "pipeline"}, {"oil", "gas", "mine", "water"}),
}


def contexts_for(doc) -> tuple[str, ...]:
    """PLOVER contexts for a whole document (sorted)."""
    lemmas: dict[str, int] = {}
    for t in doc:
        if t.is_alpha or "-" in t.text:
            for k in {t.lemma_.lower(), t.lower_}:
                lemmas[k] = lemmas.get(k, 0) + 1
    out = []
    for name, (strong, ordinary) in _CONTEXTS.items():
        if any(w in lemmas for w in strong) or sum(1 for w in ordinary if w in lemmas) >= 2:
            out.append(name)
    return tuple(sorted(out))
