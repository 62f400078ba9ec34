"""What the analyzer knows about Dutch words: how common a word is, which names the language
model knows, and where a word may be hyphenated.

Three well-kept sources, none of them a hand list of compounds:

* **Word frequencies** from `wordfreq` (a project dependency): its large Dutch list, about
  300,000 words with their frequency on the Zipf scale (3 is once per million words). The list
  is read straight from the package's data file (a quarter of a second with the table built
  from it); importing `wordfreq` itself would add another quarter of a second, for
  tokenizers this code never uses.
* **Names** from the language model's gazetteers (`models.gazetteer`: CBS municipalities,
  places, regions, organisations, roles): a name is a known word and is never taken apart
  ("Dinkelland" is no "dinkel" + "land").
* **Hyphenation points** from the Dutch hyphenation patterns that `pyphen` ships (the patterns
  LibreOffice uses), to judge a split between two weak parts; read with Liang's algorithm
  here, as pyphen would, in less than half the time pyphen takes to load them.

Everything here is static data: the analysis stays a pure function of the text. Words are
looked up *folded* (lowercased, accents folded the way the index folds them).
"""

from __future__ import annotations

import bisect
import contextlib
import gzip
import hashlib
import importlib.util
import marshal
import os
import re
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

# Separable-verb particles and inseparable prefixes, plus the articles and prepositions the stop
# list lacks: a closed grammatical class, not a list of compounds. A word starting with one is a
# derivation ("opvang", "overleg", "aanbod", "verslag"), not a compound of "op" + "vang".
PARTICLES: frozenset[str] = frozenset(
    """
    aan af achter bij binnen buiten door heen in langs mee mede na neer om onder op open over
    rond samen tegen terug toe uit vast voor voorbij weg los dicht
    be ge er her ont ver mis
    ten ter des den het een
    per via vanaf sinds tijdens volgens circa
    """.split()
)

# Derivational suffixes that are words too ("lijk", "baar", "loos"): "zorgelijk" and
# "haalbaar" are derivations, not compounds with a head "lijk" or "baar". Also a closed class.
SUFFIXES: frozenset[str] = frozenset(
    """
    lijk lijke lijks lijker baar bare baars loos loze zaam zame achtig achtige matig matige
    waardig waardige vol volle
    """.split()
)

_LETTERS = re.compile(r"[^\W\d_]+")
_WORDFREQ_FILE = "large_nl.msgpack.gz"


def _normal(word: str) -> str:
    from archive.index.analysis import _normal as normal

    return normal(word)


def _wordfreq_path() -> Path | None:
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / "data" / _WORDFREQ_FILE
    return path if path.is_file() else None


def _read_buckets() -> list[list[str]]:
    """wordfreq's cBpack: a header, then word lists by frequency, bucket i at -i centibel."""
    path = _wordfreq_path()
    if path is None:  # a layout we do not know: ask the package itself
        from wordfreq import get_frequency_list

        return get_frequency_list("nl", wordlist="large")
    import msgpack

    with gzip.open(path, "rb") as stream:
        data = msgpack.load(stream, raw=False)
    header = data[0]
    if not isinstance(header, dict) or header.get("format") != "cB":
        raise ValueError(f"unexpected wordfreq data in {path}")
    return data[1:]


# Words rarer than this are kept in a set, not a table of frequencies: building the table is
# the slow part of loading, and below Zipf 2 the analysis only asks whether a word is known.
_TABLED_ZIPF = 2.0
RARE_ZIPF = 1.5  # what a known word rarer than _TABLED_ZIPF counts as


# The tables below are derived from files that change only with an upgrade; building them
# costs most of a second, reading them back a tenth of that, so every search and every worker
# after the first reads them from a cache of their own, keyed by what they are built from.
_CACHE_FORMAT = 1


def _cache_dir() -> Path:
    home = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(home) / "minutes-archive"


def _cache_key(name: str, sources: list[Path | None]) -> str:
    """A name for the cached table that changes with any of its sources (path, size, time)."""
    digest = hashlib.sha256(f"{name}:{_CACHE_FORMAT}:{_TABLED_ZIPF}".encode())
    for path in sources:
        with contextlib.suppress(OSError, AttributeError):
            stat = path.stat()  # type: ignore[union-attr]
            digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return f"{name}-{digest.hexdigest()[:20]}.marshal"


def _cached(name: str, sources: list[Path | None], build: Any) -> Any:
    """`build()`, or what an earlier call stored for the same sources. A cache that cannot be
    read or written (a read-only home, a damaged file) only costs the time of building."""
    path = _cache_dir() / _cache_key(name, sources)
    with contextlib.suppress(OSError, ValueError, EOFError, TypeError):
        return marshal.loads(path.read_bytes())
    value = build()
    with contextlib.suppress(OSError, ValueError):
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{name}-")
        try:
            with os.fdopen(fd, "wb") as stream:
                stream.write(marshal.dumps(value))
            os.replace(tmp, path)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    return value


def _data_files() -> list[Path | None]:
    """What the word table is built from: wordfreq's list and the gazetteers' files."""
    from models.gazetteer import DATA_DIR

    data = sorted(DATA_DIR.iterdir()) if DATA_DIR.is_dir() else []
    return [_wordfreq_path(), *data]


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, float], frozenset[str]]:
    """(folded word → Zipf frequency for the common words and the words of names, the rarer
    known words)."""
    return _cached("words", _data_files(), _build_table)


def _build_table() -> tuple[dict[str, float], frozenset[str]]:
    common: dict[str, float] = {}
    rare: set[str] = set()
    buckets = _read_buckets()
    tabled = round((9 - _TABLED_ZIPF) * 100)
    # Rarest first, so a more frequent word overwrites a rarer one folding to the same form.
    for index in range(min(tabled, len(buckets) - 1), -1, -1):
        words = buckets[index]
        if words:
            zipf = (900 - index) / 100  # bucket i: frequency 10^(-i/100), Zipf 9 - i/100
            common.update(dict.fromkeys(words, zipf))
            common.update({_normal(w): zipf for w in words if not w.isascii()})
    for words in buckets[tabled + 1 :]:
        rare.update(words)
        rare.update(_normal(w) for w in words if not w.isascii())
    # A word of a name the model knows counts as common: "markelo", "apel", "twente".
    for word in _names()[1]:
        common[word] = max(4.0, common.get(word, 0.0))
    return common, frozenset(rare)


@lru_cache(maxsize=1)
def _names() -> tuple[frozenset[str], frozenset[str]]:
    """(one-word names of places, regions and organisations; words of any name or role),
    folded; both empty without the language model."""
    try:
        from models.gazetteer import gazetteer

        g = gazetteer()
        names = {*g.municipalities, *g.former, *g.places, *g.regions, *g.orgs}
        for label, by_form in g.forms.items():
            if label != "ROLE":
                names.update(by_form)
        roles = {*g.roles, *g.forms.get("ROLE", {})}
    except Exception:  # no model: words are judged by their frequency alone
        return frozenset(), frozenset()
    whole: set[str] = set()
    words: set[str] = set()
    for form in names | roles:
        parts = _LETTERS.findall(_normal(form))
        words.update(p for p in parts if len(p) > 1)
        # A role ("gemeentesecretaris") is a word like any other; a name is not taken apart.
        if len(parts) == 1 and form in names:
            whole.add(parts[0])
    return frozenset(whole), frozenset(words)


def zipf(word: str) -> float:
    """How common a folded Dutch word is on the Zipf scale (0 when wordfreq has never seen it);
    a word of a name the model knows counts as common (at least 4)."""
    common, rare = _table()
    value = common.get(word)
    if value is not None:
        return value
    return RARE_ZIPF if word in rare else 0.0


def common_words() -> dict[str, float]:
    """Folded word → Zipf frequency of every word of Zipf 2 or more (and of names)."""
    return _table()[0]


@lru_cache(maxsize=1)
def common_set() -> frozenset[str]:
    """The words of :func:`common_words` as a set: intersecting hundreds of candidate
    spellings with it runs in C."""
    return frozenset(_table()[0])


@lru_cache(maxsize=1)
def _sorted_common() -> tuple[str, ...]:
    return tuple(sorted(_table()[0]))


def has_prefix(prefix: str) -> bool:
    """Whether some word of :func:`common_words` starts with `prefix`: lets the compound
    splitter and the misspelling reader stop extending a piece of a word that no common word
    begins with. (The sorted list is made on the first call, not by :func:`warm_up`: a search
    seldom needs it.)"""
    words = _sorted_common()
    at = bisect.bisect_left(words, prefix)
    return at < len(words) and words[at].startswith(prefix)


def is_name(word: str) -> bool:
    """A folded word that is a whole name of the gazetteers ("dinkelland", "markelo")."""
    return word in _names()[0]


# Pronominal adverbs: "erop", "daarvoor", "hiermee", "waarover" …
_FUNCTION_WORDS: frozenset[str] = PARTICLES | {
    head + particle for head in ("er", "daar", "hier", "waar") for particle in PARTICLES
}


def function_word(word: str) -> bool:
    """A particle, a prefix or a pronominal adverb ("erop", "daarvoor"): never a part."""
    return word in _FUNCTION_WORDS


def _hyphenation_file() -> Path:
    spec = importlib.util.find_spec("pyphen")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("pyphen (its Dutch hyphenation patterns) is not installed")
    return Path(spec.origin).parent / "dictionaries" / "hyph_nl_NL.dic"


@lru_cache(maxsize=1)
def _patterns() -> tuple[dict[str, tuple[int, ...]], int]:
    """Liang's hyphenation patterns of the Dutch dictionary pyphen ships: letters → the
    values between them. Read here rather than through `pyphen.Pyphen`, whose parsing of the
    same file takes more than twice as long."""
    return _cached("hyphenation", [_hyphenation_file()], _build_patterns)


def _build_patterns() -> tuple[dict[str, tuple[int, ...]], int]:
    raw = _hyphenation_file().read_bytes()
    head, _, body = raw.partition(b"\n")
    encoding = head.decode("ascii").strip().lower().replace("iso8859", "iso-8859")
    table: dict[str, tuple[int, ...]] = {}
    for line in body.decode(encoding).split():
        if line.startswith("%") or line.isupper():  # comments and keywords
            continue
        letters = "".join(c for c in line if not c.isdigit())
        values = [0] * (len(letters) + 1)
        at = 0
        for char in line:
            if char.isdigit():
                values[at] = int(char)
            else:
                at += 1
        table[letters] = tuple(values)
    return table, max(map(len, table), default=0)


@lru_cache(maxsize=65536)
def hyphen_points(word: str) -> frozenset[int]:
    """Where the Dutch hyphenation patterns allow a break in `word` (offsets into it, at least
    two letters from either end, as hyphenation does)."""
    table, longest = _patterns()
    padded = f".{word}."
    values = [0] * (len(padded) + 1)
    for i in range(len(padded)):
        for j in range(i + 1, min(len(padded), i + longest) + 1):
            if found := table.get(padded[i:j]):
                for k, value in enumerate(found):
                    values[i + k] = max(values[i + k], value)
    # The gap before padded[p + 1] is the break after `p` letters of the word.
    return frozenset(p for p in range(2, len(word) - 1) if values[p + 1] % 2)


def warm_up() -> None:
    """Load the word list, the names and the hyphenation patterns now, not in the middle of
    the first document or search."""
    _table()
    _names()  # the table may come from its cache on disk, which leaves the names unread
    _patterns()


__all__ = [
    "PARTICLES",
    "SUFFIXES",
    "common_set",
    "common_words",
    "RARE_ZIPF",
    "function_word",
    "has_prefix",
    "hyphen_points",
    "is_name",
    "warm_up",
    "zipf",
]
