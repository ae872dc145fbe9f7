"""Work shared out over the machine's cores: forked processes, each running the same job on its
share of the items.

A build's CPU-bound steps (rendering pages, converting them to HTML) are pure functions of a
model that is already in memory, so a forked worker inherits it as it is, with nothing copied
or pickled but the items (paths) going in and the results coming out. The job is a function
given to the pool as its workers start (fork passes it by inheritance, not by pickling), kept
in the worker process only, and never changed there.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")
Job = Callable[[Sequence[Any]], Any]

# The job of this process when it is a worker: set once as it starts, by `_start`.
_worker_job: Job | None = None


def cores() -> int:
    """The processors this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def in_chunks(job: Callable[[Sequence[Item]], Result], items: Sequence[Item], size: int) -> Iterator[Result]:
    """`job` of each chunk of `size` items, in order: in forked workers when there are several
    cores and several chunks, else here."""
    chunks = [items[start : start + size] for start in range(0, len(items), size)]
    workers = min(cores(), len(chunks))
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        for chunk in chunks:
            yield job(chunk)
        return
    with multiprocessing.get_context("fork").Pool(workers, initializer=_start, initargs=(job,)) as pool:
        yield from pool.imap(_run, chunks)


def _start(job: Job) -> None:
    global _worker_job
    _worker_job = job


def _run(chunk: Sequence[Any]) -> Any:
    assert _worker_job is not None, "a worker's job is set as it starts"
    return _worker_job(chunk)


class _Failed:
    """An exception a background job raised, carried back to be raised again here."""

    def __init__(self, error: BaseException) -> None:
        self.error = error


def in_background(job: Callable[[], Result]) -> Callable[[], Result]:
    """Start `job()` in a forked process while this one goes on; the function returned gives
    its result (waiting for it, and raising what it raised). Where there is one core or no fork,
    the job runs here, when its result is first asked for."""
    if cores() < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return functools.cache(job)
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    process = context.Process(target=_send, args=(job, sending), daemon=True)
    process.start()
    sending.close()

    @functools.cache
    def result() -> Result:
        try:
            value = receiving.recv()
        except EOFError:  # the process died without a word (killed, out of memory): do it here
            value = job()
        finally:
            receiving.close()
            process.join()
        if isinstance(value, _Failed):
            raise value.error
        return value  # type: ignore[no-any-return]

    return result


def _send(job: Callable[[], Any], sending: Connection) -> None:
    try:
        value: Any = job()
    except BaseException as error:  # raised again in the parent
        value = _Failed(error)
    sending.send(value)
    sending.close()
