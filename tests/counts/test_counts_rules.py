"""Counts: quantity conventions, categories from the parse, non-counts, attachment to triggers."""
import pytest

from chronicle.counts import counts_for_events, find_counts
from chronicle.records import Counts


def _one(nlp, text):
    doc = nlp(text)
    found = find_counts(doc[:])
    assert len(found) == 1, [(m.category, m.count.text) for m in found]
    m = found[0]
    return m.category, (m.count.low, m.count.best, m.count.high)


@pytest.mark.parametrize("text, category, values", [
    ("At least 12 people were killed.", "killed", (12, 12, None)),
    ("More than 100 people were injured.", "injured", (101, 101, None)),
    ("Nearly 50 people died.", "killed", (None, 50, 50)),
    ("Fewer than 40 protesters marched.", "participants", (None, 39, 39)),
    ("About 500,000 people fled.", "displaced", (None, 500000, None)),
    ("An estimated 1.2 million people were displaced.", "displaced", (None, 1200000, None)),
    ("Up to 20 villagers were abducted.", "abducted", (None, 20, 20)),
    ("Between 5 and 7 soldiers were wounded.", "injured", (5, 5, 7)),
    ("Police detained 5 to 7 students.", "arrested", (5, 5, 7)),
    ("Police detained 5-7 students.", "arrested", (5, 5, 7)),
    ("Twenty-five people died.", "killed", (25, 25, 25)),
    ("A dozen activists were arrested.", "arrested", (12, 12, 12)),
    ("Two dozen people were hurt.", "injured", (24, 24, 24)),
    ("Dozens of people were killed.", "killed", (24, 36, 99)),
    ("Hundreds of people were arrested.", "arrested", (200, 300, 999)),
    ("Thousands of people fled their homes.", "displaced", (2000, 3000, 9999)),
    ("Tens of thousands of protesters marched.", "participants", (20000, 30000, 99999)),
    ("Scores of people were wounded.", "injured", (40, 60, 199)),
    ("A handful of protesters were detained.", "arrested", (3, 4, 6)),
    ("Several people were injured.", "injured", (3, 5, 9)),
    ("Several dozen people were hurt.", "injured", (36, 60, 108)),
    ("A few hundred people fled.", "displaced", (200, 300, 500)),
    ("Three hundred families fled.", "displaced", (300, 300, 300)),
])
def test_quantity_conventions(nlp, text, category, values):
    assert _one(nlp, text) == (category, values)


@pytest.mark.parametrize("text, category", [
    ("The death toll rose to 30.", "killed"),
    ("The blast left 5 dead.", "killed"),
    ("Gunmen killed 12 soldiers.", "killed"),
    ("The attack killed 12.", "killed"),
    ("12 killed in market blast", "killed"),
    ("Some 40 people lost their lives.", "killed"),
    ("Officials reported 9 deaths.", "killed"),
    ("Rescuers recovered 19 bodies.", "killed"),
    ("Hospitals treated 130 people for injuries.", "injured"),
    ("The fighting forced 10,000 people to flee.", "displaced"),
    ("Some 300 people sought refuge in a church.", "displaced"),
    ("The raid led to 30 arrests.", "arrested"),
    ("Police took 23 people into custody.", "arrested"),
    ("Police rounded up 40 people.", "arrested"),
    ("Kidnappers abducted 30 schoolgirls.", "abducted"),
    ("Gunmen seized 20 hostages.", "abducted"),
    ("3 were taken hostage.", "abducted"),
    ("About 20,000 people gathered in the square.", "participants"),
    ("A crowd of 2,000 rallied in the capital.", "participants"),
    ("Up to 5,000 people joined the march.", "participants"),
])
def test_category_from_context(nlp, text, category):
    assert _one(nlp, text)[0] == category


@pytest.mark.parametrize("text", [
    "The group was founded in 1998.",
    "Police named the 25-year-old suspect.",
    "Ahmed, 34, was detained.",
    "The rebels demanded $5 million.",
    "Turnout was 60 percent.",
    "Gunmen fired 7.62mm rounds at the car.",
    "The convoy travelled 40 km before the attack.",
    "Militants destroyed 12 vehicles.",
    "The curfew lasts 48 hours.",
    "The attack happened at 10:30 on 3 March.",
    "The militia released 14 hostages.",
    "The court sentenced 12 men to prison.",
    "Two meetings were held on Thursday.",
    "Eight other Muslim bodies petitioned the court.",
])
def test_non_counts_are_ignored(nlp, text):
    doc = nlp(text)
    assert find_counts(doc[:]) == []


def test_count_offsets_point_into_the_doc(nlp):
    doc = nlp("Officials said that at least 12 people were killed and dozens wounded.")
    found = find_counts(doc[:])
    assert [m.count.text for m in found] == ["at least 12", "dozens"]
    for m in found:
        assert doc.text[m.count.start:m.count.end] == m.count.text


def _counts(nlp, text, triggers):
    doc = nlp(text)
    sent = doc[:]
    toks = [next(t for t in sent if t.text == w) for w in triggers]
    return dict(zip(triggers, counts_for_events(sent, toks)))


def test_counts_go_to_their_own_event(nlp):
    got = _counts(nlp, "Gunmen attacked a market, killing 12, while a separate raid in the north led to 30 arrests.",
                  ["attacked", "raid"])
    assert got["attacked"].killed.best == 12 and got["attacked"].arrested is None
    assert got["raid"].arrested.best == 30 and got["raid"].killed is None


def test_one_trigger_takes_the_sentence_counts(nlp):
    got = _counts(nlp, "The clashes left 7 dead and 23 wounded.", ["clashes"])
    assert (got["clashes"].killed.best, got["clashes"].injured.best) == (7, 23)


def test_count_of_an_earlier_event_is_not_attached(nlp):
    got = _counts(nlp, "Last year's attack killed 40 soldiers, and on Sunday gunmen stormed the base.", ["stormed"])
    assert got["stormed"] == Counts()


def test_conjoined_counts_add_up(nlp):
    got = _counts(nlp, "Between 5 and 7 soldiers and 3 civilians were killed in the ambush.", ["ambush"])
    c = got["ambush"].killed
    assert (c.low, c.best, c.high) == (8, 8, 10)


def test_subcounts_after_including_are_not_added(nlp):
    got = _counts(nlp, "The strikes killed at least 23 people, including 9 children.", ["strikes"])
    assert got["strikes"].killed.best == 23


def test_a_breakdown_of_a_count_is_not_added_to_it(nlp):
    got = _counts(nlp, "On Sunday, police arrested 12 people, seven women and five men, in the old town.", ["arrested"])
    assert got["arrested"].arrested.best == 12


def test_conjoined_counts_that_are_no_breakdown_still_add_up(nlp):
    got = _counts(nlp, "Police arrested 12 soldiers, 3 students and 2 civilians on Friday.", ["arrested"])
    assert got["arrested"].arrested.best == 17


def test_ages_in_a_list_are_not_counts(nlp):
    got = _counts(nlp, "The spokeswoman said the two aged 30 and 45 were detained on Saturday after they were seen "
                       "breaking windows.", ["detained"])
    assert got["detained"].arrested.best == 2


def test_one_counts_record_per_trigger_even_without_numbers(nlp):
    got = _counts(nlp, "Protesters blocked the road.", ["blocked"])
    assert got == {"blocked": Counts()}
