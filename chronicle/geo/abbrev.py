"""US state abbreviations (postal-style and AP style), folded: used as qualifiers and alone with a dot."""

# US postal codes and AP abbreviations, used only as qualifiers ("Long Beach, CA", "Salem, Ore.")
US_ABBR = {
    "ala": "AL", "ariz": "AZ", "ark": "AR", "calif": "CA", "cal": "CA", "colo": "CO", "conn": "CT",
    "del": "DE", "fla": "FL", "ga": "GA", "ill": "IL", "ind": "IN", "kan": "KS", "kans": "KS", "ky": "KY",
    "la": "LA", "md": "MD", "mass": "MA", "mich": "MI", "minn": "MN", "miss": "MS", "mo": "MO",
    "mont": "MT", "neb": "NE", "nebr": "NE", "nev": "NV", "n h": "NH", "n j": "NJ", "n m": "NM",
    "n y": "NY", "n c": "NC", "n d": "ND", "okla": "OK", "ore": "OR", "pa": "PA", "r i": "RI",
    "s c": "SC", "s d": "SD", "tenn": "TN", "tex": "TX", "vt": "VT", "va": "VA", "wash": "WA",
    "w va": "WV", "wis": "WI", "wisc": "WI", "wyo": "WY", "d c": "DC",
}
