"""parallel.Forked: work done on a forked process while the build goes on (the search index)."""

from __future__ import annotations

import os
import sys

import pytest

from site_builder.parallel import Forked

linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Forked forks on Linux only")


@linux
def test_the_answer_comes_from_another_process() -> None:
    here = os.getpid()
    assert Forked(lambda: ("第1条", os.getpid())).result()[0] == "第1条"
    assert Forked(os.getpid).result() != here


@linux
def test_an_exception_in_the_process_is_raised_by_result() -> None:
    def fail() -> None:
        raise ValueError("第2条がありません")

    with pytest.raises(ValueError, match="第2条がありません"):
        Forked(fail).result()


@linux
def test_a_process_that_dies_unanswered_leaves_the_work_to_result() -> None:
    here = os.getpid()

    def die_there() -> int:
        if os.getpid() != here:
            os._exit(9)  # killed for memory, say
        return 7

    assert Forked(die_there).result() == 7


@linux
def test_cancel_stops_the_process() -> None:
    import time

    job = Forked(lambda: time.sleep(60))
    process = job._process
    t0 = time.monotonic()
    job.cancel()
    assert time.monotonic() - t0 < 10 and not process.is_alive()
