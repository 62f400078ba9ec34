"""Actions over time: series of meetings, and each action followed from the meeting that set
it to the one that closed it.

    threads = threads_of(index_directory)          # stored beside the records, or computed
    thread = threads.thread_of(record["id"])       # the thread of an entry
    thread.status, thread.first_seen, thread.last_seen, thread.mentions

Pure functions over records (:mod:`~archive.threads.series`, :mod:`~archive.threads.mentions`,
:mod:`~archive.threads.match`, :mod:`~archive.threads.build`) and a small store
(:mod:`~archive.threads.store`). Nothing here searches: the command line and the web page
select actions with the search's own filters (:mod:`~archive.threads.select`).
"""

from archive.threads.build import MeetingFacts, build
from archive.threads.model import CLOSED, Gap, Link, Mention, Series, Thread, ThreadSet
from archive.threads.store import THREADS_FILE, compute, load, rebuild, refresh, threads_of

__all__ = [
    "CLOSED",
    "THREADS_FILE",
    "Gap",
    "Link",
    "MeetingFacts",
    "Mention",
    "Series",
    "Thread",
    "ThreadSet",
    "build",
    "compute",
    "load",
    "rebuild",
    "refresh",
    "threads_of",
]
