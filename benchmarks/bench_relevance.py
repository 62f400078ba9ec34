"""Search relevance on drawn minutes: judged queries written from the gold by rules.

    python benchmarks/bench_relevance.py [--docs 20] [--seed S] [--backend whoosh ...]
                                         [--per-type 20] [--misses] [--keep DIR]

Draws `--docs` documents from fresh seeds (printed; `--seed S` replays a run), renders them
with LibreOffice (`samples.docgen`), ingests the PDFs with the real ingest (worker processes,
OCR where needed, the language model's tagging) and searches the archive with judged queries.

The queries are written by rules from the gold of the drawn documents, so every draw gives new
ones: for a randomly chosen entry, two of its rarer words (*keyword*), a run of its words in
quotes (*phrase*), the keyword query with one word mistyped (*misspelling*) or damaged as OCR
damages it (*ocr*), a word with diacritics typed without them (*accents*), one part of one of
its compounds with another of its words (*compound*), a word with `soort:` or `onderwerp:`
(*field*), a word with `datum:` and the meeting day (*date*), a word with `eigenaar:` and its
owner (*owner*). Each query is judged by the same rule over everything the archive holds: an
entry is relevant when it holds the words meant (as words, in the same Snowball stem, or for
a compound part as a part of a compound), and meets the field, date or owner asked for. The
rules are this file's own, not the search's: a compound part counts when the rest of the word
is a word of wordfreq's Dutch list, and relevance is read from the entries as indexed, so a
reader mistake does not count against the search.

Prints recall@10, MRR (of the first relevant hit in the top 10) and nDCG@10 per query type and
backend, side by side. Targets: recall@10 ≥ 0.95 and MRR ≥ 0.85 on every type. `--backend`
names the search backends to compare (default: every one that loads: `whoosh`, and `tantivy`
once it exists); each reads the same records, so one ingest serves them all.
"""

from __future__ import annotations

import argparse
import math
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archive.index import Archive
from archive.index.backend import backend_class
from pipeline.errors import IndexUnavailableError

# Tests draw seeds below 10,000 and the accuracy benchmark far above; this one as well.
SEED_RANGE = (1_000_000, 9_999_999)
KNOWN_BACKENDS = ("whoosh", "tantivy")
TYPES = (
    "keyword", "phrase", "misspelling", "ocr", "accents", "compound", "field", "date", "owner",
)
TOP = 10
TARGET_RECALL, TARGET_MRR = 0.95, 0.85

# --- the judge's own normal form of text -------------------------------------------------------

_WORD = re.compile(r"\w+")
_LETTERS = re.compile(r"^[^\W\d_]+$")


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _stemmer() -> Callable[[str], str]:
    from whoosh.lang import stemmer_for_language

    return stemmer_for_language("nl")


def _stops() -> frozenset[str]:
    from whoosh.lang import stopwords_for_language

    return frozenset(fold(w) for w in stopwords_for_language("nl"))


STEM = _stemmer()
STOPS = _stops()


def words(text: str) -> list[str]:
    """Folded words, stop words left out (as the query language leaves them out)."""
    return [w for w in (fold(m) for m in _WORD.findall(text or "")) if w not in STOPS]


def stems(text: str) -> list[str]:
    return [STEM(w) for w in words(text)]


def zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "nl")


# Separable-verb particles: "vastgesteld" and "opvang" are a verb with its particle, not a
# compound of "vast" and "gesteld" (the judge's own knowledge of what a compound is).
PARTICLES = frozenset(
    "aan af achter bij binnen buiten door heen in langs mee mede na neer om onder op open over "
    "rond samen tegen terug toe uit vast voor voorbij weg".split()
)
# Derivational suffixes that are words too: "waterschap" is no "water" + "schap" (shelf).
SUFFIXES = ("schap", "schappen", "heid", "heden", "lijk", "lijke", "baar", "bare", "loos")


def compound_parts(word: str) -> list[str]:
    """The judge's compounds: a word of ten letters or more, not itself very common, that is
    a common word (four
    letters or more, no particle) glued to another, perhaps with a linking s, e or en; a past
    participle ("ge…d", "ge…t") is a verb, not a head."""
    if len(word) < 10 or not _LETTERS.match(word) or zipf(word) >= 4.0:
        return []  # a word as common as "burgemeester" is a word to a searcher
    for cut in range(4, len(word) - 3):
        head, tail = word[:cut], word[cut:]
        if zipf(tail) < 3.0 or tail in SUFFIXES:
            continue
        if tail.startswith("ge") and tail.endswith(("d", "t")):
            continue
        for link in ("", "s", "e", "en"):
            base = head[: len(head) - len(link)] if link else head
            if (
                head.endswith(link)
                and len(base) >= 4
                and base not in PARTICLES
                and zipf(base) >= 3.0
            ):
                return [base, tail]
    return []


def holds_part(word: str, part: str) -> bool:
    """Whether a folded word is `part` (in its stem) or a compound with `part` as a part."""
    if STEM(word) == STEM(part):
        return True
    if len(word) <= len(part) + 2:
        return False
    if word.startswith(part):
        rest = word[len(part) :]
        for link in ("", "s", "e", "en"):
            tail = rest[len(link) :]
            if rest.startswith(link) and len(tail) >= 3 and zipf(tail) >= 2.5:
                return True
    if word.endswith(part) or STEM(word).endswith(STEM(part)):
        head = word[: len(word) - len(part)] if word.endswith(part) else ""
        for link in ("", "s", "e", "en"):
            base = head[: len(head) - len(link)] if link else head
            if head.endswith(link) and len(base) >= 3 and zipf(base) >= 2.5:
                return True
    return False


# --- the archive's entries, as the judge reads them ------------------------------------------


@dataclass
class Doc:
    """An indexed entry as the judge reads it."""

    id: str
    record: dict[str, Any]
    words: list[str]
    stems: list[str]
    title_stems: set[str]
    days: list[tuple[str, str]]

    def about(self, day: str) -> bool:
        return any(first <= day <= last for first, last in self.days)

    @property
    def stem_set(self) -> set[str]:
        return set(self.stems)


def _days(record: dict[str, Any]) -> list[tuple[str, str]]:
    """The days an entry is about, as (first, last) ISO days: its meeting, its due date and
    the dates it mentions ("begin juni": a range)."""
    out = [(d, d) for d in (record.get("meeting_date"), record.get("due_date")) if d]
    item_dates = (record.get("item_entities") or {}).get("dates") or []
    for mention in [*(record.get("dates") or []), *item_dates]:
        value = str(mention.get("value") or "")
        first, _, last = value.partition("/")
        if len(first) >= 10:
            out.append((first[:10], (last or first)[:10]))
    return out


def key(record: dict[str, Any]) -> str:
    """An indexed entry's key. Not its id alone: minutes that repeat an item number (or number
    none) give two entries one id."""
    return f"{record['id']}|{record['item_title']}|{record['text']}"


# What plain words search in an entry (the index's `all` field).
_SEARCHED = ("item_title", "text", "toelichting", "owner", "section", "meeting_title")


def read_docs(archive: Archive) -> dict[str, Doc]:
    docs = {}
    for hit in archive.search("*", limit=None, snippets=False).hits:
        record = hit.record
        text = "\n".join(str(record.get(name) or "") for name in _SEARCHED)
        found = words(text)
        docs[key(record)] = Doc(
            key(record), record, found, [STEM(w) for w in found],
            set(stems(record.get("item_title") or "")), _days(record),
        )
    return docs


# --- queries from the gold ----------------------------------------------------------------------


@dataclass
class Query:
    kind: str
    text: str
    relevant: set[str]
    why: str


@dataclass
class Gold:
    """One entry of the gold: what a query is written from."""

    text: str
    kind: str
    owner: str
    item_title: str
    date: str
    source: str


def gold_entries(rendered: Iterable[Any]) -> list[Gold]:
    out = []
    for doc in rendered:
        gold = doc.gold
        day = gold["meeting"]["date"]
        for item in gold["items"]:
            for entry in item["entries"]:
                out.append(Gold(entry["text"], entry["kind"], entry["owner"] or "",
                                item["title"], day, doc.pdf.name))
        for row in gold.get("action_list") or []:
            out.append(Gold(row["text"], "actie", row["owner"] or "", "", day, doc.pdf.name))
    return out


class Writer:
    """Writes queries of each type from the gold, judged over the archive's entries."""

    def __init__(self, docs: dict[str, Doc], gold: list[Gold], rng: random.Random) -> None:
        self.docs = docs
        self.gold = gold
        self.rng = rng
        self.df = Counter(s for d in docs.values() for s in d.stem_set)

    def judged(self, test: Callable[[Doc], bool]) -> set[str]:
        return {doc_id for doc_id, doc in self.docs.items() if test(doc)}

    def holding(self, *wanted: str) -> Callable[[Doc], bool]:
        need = {STEM(fold(w)) for w in wanted}
        return lambda d: need <= d.stem_set

    def rare_words(self, text: str, n: int) -> list[str] | None:
        """`n` distinct rarer words of `text` as written (found in few entries)."""
        candidates = []
        for m in _WORD.finditer(text):
            word = m.group()
            folded = fold(word)
            if len(folded) < 5 or not _LETTERS.match(folded) or folded in STOPS:
                continue
            if 1 <= self.df[STEM(folded)] <= 8 and word not in candidates:
                candidates.append(word)
        if len(candidates) < n:
            return None
        return self.rng.sample(candidates, n)

    def entries(self) -> list[Gold]:
        return self.rng.sample(self.gold, len(self.gold))

    # One method per type: a query or None for an entry that does not lend itself to it.

    def keyword(self, g: Gold) -> Query | None:
        chosen = self.rare_words(g.text, 2)
        if not chosen:
            return None
        return Query("keyword", " ".join(chosen), self.judged(self.holding(*chosen)), g.text)

    def phrase(self, g: Gold) -> Query | None:
        # Words as written between spaces, so that a run never ends inside "Z.s.m.".
        tokens = [t.strip(".,;:!?()\"'") for t in g.text.split()]
        for _ in range(6):
            if len(tokens) < 3:
                return None
            size = self.rng.choice((2, 3))
            start = self.rng.randrange(0, max(1, len(tokens) - size))
            run = tokens[start : start + size]
            wanted = stems(" ".join(run))
            if len(wanted) < 2 or not any(1 <= self.df[s] <= 8 for s in wanted):
                continue
            if any(not _LETTERS.match(fold(t)) for t in run):
                continue  # a run of plain words: no codes, numbers or abbreviations

            def inside(d: Doc, wanted: list[str] = wanted) -> bool:
                n = len(wanted)
                return any(d.stems[i : i + n] == wanted for i in range(len(d.stems) - n + 1))

            return Query("phrase", f'"{" ".join(run)}"', self.judged(inside), g.text)
        return None

    def misspelling(self, g: Gold) -> Query | None:
        base = self.keyword(g)
        if base is None:
            return None
        return self._damaged(base, "misspelling", self._typo)

    def ocr(self, g: Gold) -> Query | None:
        base = self.keyword(g)
        if base is None:
            return None
        return self._damaged(base, "ocr", self._ocr_damage)

    def _damaged(self, base: Query, kind: str, damage: Callable[[str], str | None]) -> Query | None:
        parts = base.text.split()
        long = [i for i, w in enumerate(parts) if len(w) >= 6]
        if not long:
            return None
        i = self.rng.choice(long)
        damaged = damage(parts[i])
        if not damaged or damaged == parts[i]:
            return None
        parts[i] = damaged
        return Query(kind, " ".join(parts), base.relevant, base.why)

    def _typo(self, word: str) -> str | None:
        i = self.rng.randrange(1, len(word) - 1)
        op = self.rng.choice(("drop", "swap", "double", "change"))
        if op == "drop":
            return word[:i] + word[i + 1 :]
        if op == "swap":
            return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        if op == "double":
            return word[:i] + word[i] + word[i:]
        near = {"a": "s", "e": "r", "i": "o", "o": "i", "n": "m", "t": "r", "s": "a", "r": "t"}
        return word[:i] + near.get(word[i], "e") + word[i + 1 :]

    def _ocr_damage(self, word: str) -> str | None:
        swaps = [("l", "I"), ("rn", "m"), ("m", "rn"), ("e", "c"), ("i", "l"), ("o", "0"),
                 ("h", "b")]
        self.rng.shuffle(swaps)
        for a, b in swaps:
            at = word.find(a, 1)
            if at > 0:
                return word[:at] + b + word[at + len(a) :]
        return None

    def accents(self, g: Gold) -> Query | None:
        marked = [w for w in _WORD.findall(g.text) if fold(w) != w.lower() and len(w) >= 4]
        if not marked:
            return None
        word = self.rng.choice(marked)
        plain = "".join(c for c in unicodedata.normalize("NFKD", word)
                        if not unicodedata.combining(c))
        others = self.rare_words(g.text.replace(word, ""), 1) or []
        query = " ".join([plain, *others])
        return Query("accents", query, self.judged(self.holding(word, *others)), g.text)

    def compound(self, g: Gold) -> Query | None:
        for m in _WORD.finditer(g.text):
            if not m.group().islower():  # a name ("Vechtstromen") is not searched by its parts
                continue
            word = fold(m.group())
            parts = compound_parts(word)
            if not parts:
                continue
            part = self.rng.choice(parts)
            others = self.rare_words(g.text.replace(m.group(), ""), 1)
            if not others:
                continue
            other = STEM(fold(others[0]))

            def test(d: Doc, part: str = part, other: str = other) -> bool:
                return other in d.stem_set and any(holds_part(w, part) for w in d.words)

            return Query("compound", f"{part} {others[0]}", self.judged(test), g.text)
        return None

    def field(self, g: Gold) -> Query | None:
        if self.rng.random() < 0.5 and g.kind in ("besluit", "actie", "knelpunt"):
            chosen = self.rare_words(g.text, 1)
            if not chosen:
                return None
            holds = self.holding(*chosen)
            relevant = self.judged(lambda d: d.record["kind"] == g.kind and holds(d))
            return Query("field", f"soort:{g.kind} {chosen[0]}", relevant, g.text)
        title = [w for w in _WORD.findall(g.item_title)
                 if len(w) >= 5 and _LETTERS.match(fold(w)) and fold(w) not in STOPS]
        if not title:
            return None
        word = self.rng.choice(title)
        want = STEM(fold(word))
        relevant = self.judged(lambda d: want in d.title_stems)
        return Query("field", f"onderwerp:{word}", relevant, g.item_title)

    def date(self, g: Gold) -> Query | None:
        chosen = self.rare_words(g.text, 1)
        if not chosen or not g.date:
            return None
        holds = self.holding(*chosen)
        relevant = self.judged(lambda d: d.about(g.date) and holds(d))
        return Query("date", f"datum:{g.date} {chosen[0]}", relevant, g.text)

    def owner(self, g: Gold) -> Query | None:
        owner = " ".join(g.owner.split())
        if not owner or '"' in owner:
            return None
        chosen = self.rare_words(g.text, 1)
        if not chosen:
            return None
        wanted = fold(owner)
        holds = self.holding(*chosen)

        def test(d: Doc) -> bool:
            cells = [d.record.get("owner") or "", *(d.record.get("owners") or [])]
            return holds(d) and any(
                re.search(rf"(?<!\w){re.escape(wanted)}(?!\w)", fold(c)) for c in cells
            )

        return Query("owner", f'eigenaar:"{owner}" {chosen[0]}', self.judged(test), g.text)

    def write(self, per_type: int) -> list[Query]:
        out: list[Query] = []
        for kind in TYPES:
            made: list[Query] = []
            seen: set[str] = set()
            for g in self.entries():
                if len(made) >= per_type:
                    break
                query = getattr(self, kind)(g)
                if query is None or not query.relevant or query.text in seen:
                    continue
                seen.add(query.text)
                made.append(query)
            out += made
        return out


# --- scoring -----------------------------------------------------------------------------------


@dataclass
class Scores:
    recall: list[float] = field(default_factory=list)
    rr: list[float] = field(default_factory=list)
    ndcg: list[float] = field(default_factory=list)

    def add(self, ranked: list[str], relevant: set[str]) -> None:
        top = ranked[:TOP]
        hits = [doc_id in relevant for doc_id in top]
        self.recall.append(sum(hits) / min(len(relevant), TOP))
        self.rr.append(next((1 / (i + 1) for i, h in enumerate(hits) if h), 0.0))
        dcg = sum(1 / math.log2(i + 2) for i, h in enumerate(hits) if h)
        ideal = sum(1 / math.log2(i + 2) for i in range(min(len(relevant), TOP)))
        self.ndcg.append(dcg / ideal)

    def figures(self) -> tuple[float, float, float]:
        return statistics.mean(self.recall), statistics.mean(self.rr), statistics.mean(self.ndcg)


def run_queries(archive: Archive, queries: list[Query], misses: bool) -> dict[str, Scores]:
    scores: dict[str, Scores] = defaultdict(Scores)
    for q in queries:
        result = archive.search(q.text, limit=TOP, snippets=False)
        ranked = [key(h.record) for h in result.hits]
        scores[q.kind].add(ranked, q.relevant)
        scores["all"].add(ranked, q.relevant)
        if misses and (scores[q.kind].recall[-1] < 1.0 or scores[q.kind].rr[-1] < 1.0):
            found = sum(r in q.relevant for r in ranked)
            print(f"  miss [{q.kind}] {q.text!r}: {found}/{min(len(q.relevant), TOP)} "
                  f"of {len(q.relevant)} relevant in the top {TOP} (from: {q.why[:70]!r})")
            for hit in result.hits[:5]:
                mark = "+" if key(hit.record) in q.relevant else "-"
                print(f"      {mark} {hit.score} {hit.record['text'][:90]!r}")
    return scores


def available_backends() -> list[str]:
    out = []
    for name in KNOWN_BACKENDS:
        try:
            backend_class(name)
        except IndexUnavailableError:
            continue
        out.append(name)
    return out


def table(results: dict[str, dict[str, Scores]], counts: Counter[str]) -> str:
    backends = list(results)
    head = f"| type | queries | {' | '.join(f'{b} recall@10 | MRR | nDCG@10' for b in backends)} |"
    rule = "|---|---:|" + "---:|---:|---:|" * len(backends)
    lines = [head, rule]
    for kind in (*TYPES, "all"):
        if kind not in counts:
            continue
        cells = []
        for b in backends:
            recall, mrr, ndcg = results[b][kind].figures()
            cells += [f"{recall:.2f}", f"{mrr:.2f}", f"{ndcg:.2f}"]
        lines.append(f"| {kind} | {counts[kind]} | {' | '.join(cells)} |")
    return "\n".join(lines)


def ingest(pdfs: Path, index: Path, workers: int) -> None:
    from archive.ingest import IngestOptions, run_ingest

    with Archive(index) as archive:
        result = run_ingest([pdfs], archive, IngestOptions(workers=workers))
    for failure in result.failures:
        print(f"  ingest failed: {failure.path}: {failure.reason}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=20, help="documents to draw (default 20)")
    parser.add_argument("--seed", type=int, help="first seed (default: fresh each run)")
    parser.add_argument("--per-type", type=int, default=20, help="queries per type (20)")
    parser.add_argument("--backend", action="append", help="backend(s) to compare")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--misses", action="store_true", help="list the queries that missed")
    parser.add_argument("--keep", type=Path, help="render and index here (reused if there)")
    args = parser.parse_args(argv)

    first = args.seed if args.seed is not None else random.SystemRandom().randint(*SEED_RANGE)
    seeds = list(range(first, first + args.docs))
    backends = args.backend or available_backends()
    print(f"seeds {first}..{seeds[-1]} ({args.docs} documents); backends {', '.join(backends)}")
    root = args.keep or Path(tempfile.mkdtemp(prefix="bench-relevance-"))
    try:
        from samples.docgen import render_draws

        started = time.perf_counter()
        rendered = render_draws(seeds, root / "pdf", workers=args.workers)
        for stale in (root / "pdf").glob("*.pdf"):
            if stale.name not in {r.pdf.name for r in rendered}:
                stale.unlink()
        print(f"rendered in {time.perf_counter() - started:.0f} s")
        started = time.perf_counter()
        ingest(root / "pdf", root / "index", args.workers)
        print(f"ingested in {time.perf_counter() - started:.0f} s")

        results: dict[str, dict[str, Scores]] = {}
        counts: Counter[str] = Counter()
        for name in backends:
            with Archive(root / "index", backend=name) as archive:
                docs = read_docs(archive)
                queries = Writer(docs, gold_entries(rendered), random.Random(first)).write(
                    args.per_type
                )
                counts = Counter(q.kind for q in queries) + Counter(all=len(queries))
                print(f"\n{name}: {len(queries)} queries over {len(docs)} indexed entries")
                results[name] = run_queries(archive, queries, args.misses)
        print()
        print(table(results, counts))
        failing = [
            (b, kind)
            for b, by_kind in results.items()
            for kind, s in by_kind.items()
            if s.figures()[0] < TARGET_RECALL or s.figures()[1] < TARGET_MRR
        ]
        verdict = "all types meet" if not failing else f"below target: {failing}"
        print(f"\ntargets recall@10 ≥ {TARGET_RECALL}, MRR ≥ {TARGET_MRR}: {verdict}")
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
