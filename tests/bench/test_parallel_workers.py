"""Worker processes give the same items, in the same order, as one process; memory stays bounded."""
import io
from pathlib import Path

import pytest

from chronicle.config import Settings
from chronicle.errors import ResourceError, UsageError
from chronicle.parallel import WorkerPool, analyse_inputs, analyse_parallel, with_progress
from chronicle.pipeline import Analysis
from chronicle.run import Resources, analyse, read_articles

EXAMPLES = str(Path(__file__).resolve().parents[2] / "examples")


def _key(item):
    if isinstance(item, Analysis):
        return ("analysis", item.article, item.events, item.toponyms, item.notes)
    return ("rejected", item)


@pytest.fixture(scope="module")
def pool(settings):
    with WorkerPool(settings, 2, chunk_size=2, in_flight=3) as p:
        yield p


def test_two_workers_give_what_one_process_gives(pool, settings, nlp):
    articles = list(read_articles([EXAMPLES], settings=settings))
    one = [_key(i) for i in analyse(articles, resources=Resources(settings=settings, nlp=nlp))]
    two = list(pool.analyse(articles))
    assert [_key(i) for i in two] == one and len(one) >= 12
    assert all(i.doc is None for i in two if isinstance(i, Analysis))


def test_workers_pull_input_lazily(pool, settings):
    articles = [a for a in read_articles([EXAMPLES], settings=settings) if not hasattr(a, "reason")]
    pulled = []

    def source():
        for n in range(40):
            pulled.append(n)
            yield articles[n % len(articles)]

    stream = pool.analyse(source())
    next(stream)
    # at most `in_flight` chunks of 2 are read ahead of the consumer, never the whole input
    assert len(pulled) <= 2 * 3 + 2
    assert sum(1 for _ in stream) == 39


def test_worker_that_cannot_load_its_model_raises_instead_of_hanging(settings):
    bad = Settings(model="no_such_spacy_model", data_dir=settings.data_dir)
    articles = read_articles([EXAMPLES], settings=settings)
    with pytest.raises(ResourceError, match="no_such_spacy_model"), WorkerPool(bad, 2) as pool:
        list(pool.analyse(articles))


def test_small_inputs_run_in_process_with_the_same_items(settings, nlp):
    articles = list(read_articles([EXAMPLES], settings=settings))
    one = [_key(i) for i in analyse(articles, resources=Resources(settings=settings, nlp=nlp))]
    assert [_key(i) for i in analyse_parallel(iter(articles), settings, workers=2)] == one


def test_analyse_inputs_refuses_an_unknown_engine(settings):
    with pytest.raises(UsageError, match="local or ray"):
        list(analyse_inputs([EXAMPLES], settings=settings, engine="spark"))


class _Tty(io.StringIO):
    def isatty(self):
        return True


def test_progress_is_quiet_in_pipes_and_drawn_on_a_terminal():
    pipe, tty = io.StringIO(), _Tty()
    assert list(with_progress(range(5), total=5, stream=pipe)) == list(range(5))
    assert list(with_progress(range(5), total=5, stream=tty, every=0)) == list(range(5))
    assert pipe.getvalue() == "" and "articles/s" in tty.getvalue() and "ETA" in tty.getvalue()
