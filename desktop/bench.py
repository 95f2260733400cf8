"""Search benchmark: ``python -m desktop.bench [--sizes 1000,10000,50000] [--quick]``.

Builds synthetic KBs from the starter cards (phrases shuffled, words swapped for synonyms,
names, products and numbers filled in, so no two cards are the same), then measures for
Kalma's engine and, on the same files and keystrokes, a SQLite FTS5 baseline:

* full index time, and the time to re-index one changed card;
* Kalma's warm-up (``Engine.warm``: the posting lists short prefixes and frequent words
  need, decoded ahead; the app runs it in the background after the first results);
* per-keystroke latency: every prefix of every query in QUERIES, p50/p95/max, each
  keystroke timed on both engines in turn so a busy machine slows both alike (the result
  cache is cleared before every keystroke; decoded lists stay, as FTS5's pages stay in
  its page cache);
* Kalma's cold start (a fresh process: import, open the index, first results) and its
  resident memory then.

Results are a list of dicts (one per engine and KB size); ``print_table`` shows them and
the last line printed is the whole list as JSON. Other benchmarks (the GUI's, say) can
append their own rows with ``add_result`` and reuse ``print_table``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from desktop.core import analysis
from desktop.core.cards import Card
from desktop.core.kb import load_kb
from desktop.core.resources import bundled_kb_dir

# Realistic agent queries: English, Filipino, Taglish, typos, partial words.
QUERIES = [
    "customer swearing", "nagmumura", "pano i-transfer", "irrate custmer",
    "sorry for the wait", "hold", "supervisor", "refund", "ibalik ang pera",
    "galit na customer", "follow up email", "wrong charge", "auto pay",
    "pinahold ng matagal", "paulit ulit tumatawag", "kakasuhan daw", "end call abusive",
    "stress after call", "caller is shouting", "sumisigaw", "threatens to sue",
    "talk to manager", "gusto ng supervisor", "long hold time", "thank you for waiting",
    "callback", "ticket number", "double charge", "nagbabanta", "bastos na customer",
    "how to say no", "hindi ko alam", "pasensya na po", "warm transfer",
    "customer is wrong", "mali ang customer", "chat closing", "repeat caller",
    "calm down", "vent", "empathy statement", "apologize for the delay",
    "checking your account", "after call work", "sinisigawan ako", "cancel subscription",
    "late payment fee", "escalate", "paki hintay", "salamat sa paghihintay",
]

NAMES = """Maria Jose Ana Juan Liza Mark Grace Paolo Carla Miguel Rhea Nico Joy Ramon Tess
Aileen Bong Cris Dina Edwin Faye Gino Hazel Ivan Jen Karl Lea Mon Nina Oscar Pia Quin Rey
Sheila Tonyo Ursula Vic Wena Xandra Yeng Zaldy""".split()
PRODUCTS = """postpaid prepaid fiber broadband router modem subscription insurance loan
credit-card debit-card e-wallet remittance airline booking hotel delivery parcel
warranty gadget laptop phone tablet appliance aircon refrigerator cable streaming
telco water electricity gas utility mortgage savings payroll rewards points voucher
coupon membership gym clinic pharmacy grocery courier shipping installment""".split()
PLACES = """Manila Cebu Davao Quezon Makati Pasig Taguig Iloilo Baguio Cavite Laguna
Bulacan Pampanga Batangas Bacolod Cagayan Zamboanga Tacloban Naga Legazpi""".split()
SWAPS = {
    "en": {"angry": "upset", "upset": "angry", "sorry": "apologies", "check": "look into",
           "customer": "caller", "caller": "customer", "quickly": "right away",
           "problem": "issue", "issue": "concern", "help": "assist", "wait": "hold on"},
    "fil": {"galit": "inis", "pasensya": "paumanhin", "tingnan": "i-check",
            "problema": "concern", "tulungan": "asikasuhin", "sandali": "saglit",
            "agad": "kaagad", "customer": "caller"},
}

# One example line per card, so synthetic cards differ in names, products and numbers.
EXAMPLES = {
    "en": ["Example: {customer} from {place} called about a {product} account, "
           "reference {number}.",
           "Seen on a {product} line: {customer} had waited {minutes} minutes (ticket {number}).",
           "Case {number}: a {product} customer in {place} asked for this twice.",
           "Works well for {product} calls from {place}; {customer} said thanks."],
    "fil": ["Halimbawa: tumawag si {customer} mula {place} tungkol sa {product} account, "
            "reference {number}.",
            "Sa {product} line: {minutes} minuto nang naghintay si {customer} (ticket {number}).",
            "Kaso {number}: dalawang beses nang nagtanong ang {product} customer sa {place}.",
            "Epektibo sa mga tawag tungkol sa {product} mula {place}; nagpasalamat si {customer}."],
}

_PLACEHOLDER_RE = re.compile(r"\{(customer|issue|agent|minutes)\}")
_results: list[dict[str, Any]] = []


# --- synthetic KBs ---------------------------------------------------------------------------

def make_synthetic_kb(dest: Path, cards: int, source: Path | None = None, seed: int = 7
                      ) -> Path:
    """Write ``cards`` card files (English/Filipino twin pairs) built from the starter KB."""
    source = source or bundled_kb_dir()
    snapshot = load_kb(source)
    rng = random.Random(seed)
    pairs = _twin_pairs(snapshot.cards)
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("taxonomy.md", "glossary.md"):
        if (source / name).is_file():
            shutil.copy(source / name, dest / name)
    if (source / "guides").is_dir():
        shutil.copytree(source / "guides", dest / "guides", dirs_exist_ok=True)
    for folder in ("en", "fil"):
        (dest / folder).mkdir(exist_ok=True)
    for n in range(max(1, cards // 2)):
        en, fil = pairs[n % len(pairs)]
        flavor = _flavor(rng)
        slug = f"{en.id}-s{n}"
        for card in (en, fil):
            path = dest / card.lang / f"{slug}.md"
            path.write_text(_card_text(card, slug, flavor, rng), encoding="utf-8")
    return dest


def _twin_pairs(cards: list[Card]) -> list[tuple[Card, Card]]:
    by_key = {(c.id, c.lang): c for c in cards}
    pairs = [(c, by_key[(c.id, "fil")]) for c in cards
             if c.lang == "en" and (c.id, "fil") in by_key]
    if not pairs:
        raise SystemExit("the source KB has no English/Filipino card pairs")
    return pairs


def _flavor(rng: random.Random) -> dict[str, str]:
    return {"customer": rng.choice(NAMES), "product": rng.choice(PRODUCTS),
            "place": rng.choice(PLACES), "number": str(rng.randint(10000, 99999)),
            "minutes": str(rng.randint(2, 15))}


def _card_text(card: Card, slug: str, flavor: dict[str, str], rng: random.Random) -> str:
    say = list(card.say)
    rng.shuffle(say)
    say = [_vary(p, card.lang, flavor, rng) for p in say[: max(2, len(say) - rng.randint(0, 1))]]
    product = flavor["product"].replace("-", " ")
    title = f"{card.title} ({product}, {flavor['place']})"
    lines = ["---", f"id: {slug}", f"title: {title}", f"lang: {card.lang}",
             f"stage: {card.stage}", f"tags: {', '.join(card.tags)}",
             f"channel: {card.channel}", "owner: Synthetic", "---", "",
             "## Say" if card.lang == "en" else "## Sabihin", *[f"- {p}" for p in say]]
    if card.avoid:
        lines += ["", "## Avoid" if card.lang == "en" else "## Iwasan",
                  *[f"- {_vary(p, card.lang, flavor, rng)}" for p in card.avoid]]
    if card.why:
        lines += ["", "## Why" if card.lang == "en" else "## Bakit",
                  _vary(card.why, card.lang, flavor, rng)]
    example = rng.choice(EXAMPLES[card.lang]).format(**{**flavor, "product": product})
    return "\n".join([*lines, "", example, ""])


def _vary(text: str, lang: str, flavor: dict[str, str], rng: random.Random) -> str:
    swaps = SWAPS[lang]
    words = text.split(" ")
    for i, word in enumerate(words):
        bare = word.strip(".,!?").lower()
        if bare in swaps and rng.random() < 0.5:
            words[i] = word.lower().replace(bare, swaps[bare])
    text = " ".join(words)
    if rng.random() < 0.5:
        text = _PLACEHOLDER_RE.sub(lambda m: flavor.get(m.group(1), m.group(0)), text)
    return text


# --- timing helpers --------------------------------------------------------------------------

def keystrokes(queries: Iterable[str]) -> list[str]:
    """Every prefix of every query, as typed one key at a time."""
    return [query[:n] for query in queries for n in range(1, len(query) + 1)]


def percentiles(samples_ms: list[float]) -> dict[str, float]:
    ordered = sorted(samples_ms)
    if not ordered:
        return {"p50_ms": 0.0, "p95_ms": 0.0, "max_ms": 0.0}
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"p50_ms": round(statistics.median(ordered), 3), "p95_ms": round(p95, 3),
            "max_ms": round(ordered[-1], 3)}


def add_result(**row: Any) -> dict[str, Any]:
    """Record one result row (engine, kb, cards, and any measured numbers)."""
    _results.append(row)
    return row


def results() -> list[dict[str, Any]]:
    return list(_results)


# --- Kalma's engine --------------------------------------------------------------------------

def index_kalma(kb_dir: Path, label: str, cache_dir: Path) -> tuple[Any, dict[str, Any]]:
    """An engine with a freshly built index, and its index and one-card update times."""
    from desktop.core.search import Engine

    engine = Engine(kb_dir, cache_dir)
    stats = engine.ensure_index(rebuild=True)
    update_ms = _time_one_card_update(kb_dir, lambda: engine.ensure_index())
    # What the app does in the background once the first results are shown (Engine.warm);
    # timed on its own, so the keystrokes after it are what an agent types into.
    started = time.perf_counter()
    engine.warm()
    warm_s = time.perf_counter() - started
    return engine, {"engine": "kalma", "kb": label, "cards": stats.cards,
                    "documents": stats.documents, "index_s": round(stats.seconds, 3),
                    "update_ms": round(update_ms, 1), "warm_s": round(warm_s, 3)}


def kalma_search(engine: Any) -> Callable[[str], object]:
    def search(text: str) -> object:
        engine.clear_cache()  # every keystroke pays in full, as if never typed before
        return engine.search(text, limit=20)

    return search


COLD_START = """
import json, sys, time
from pathlib import Path
started = time.perf_counter()
from desktop.core.search import Engine
engine = Engine(Path(sys.argv[1]), Path(sys.argv[2]))
engine.ensure_index()
engine.search(sys.argv[3], limit=20)
took = time.perf_counter() - started
rss = 0.0  # peak resident KB where the platform says (resource is POSIX-only)
try:
    import resource
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
except ImportError:
    pass
try:
    with open("/proc/self/status", encoding="ascii") as status:
        rss = next(int(line.split()[1]) for line in status if line.startswith("VmRSS")) / 1024
except (OSError, StopIteration):
    pass
print(json.dumps({"cold_ms": round(took * 1000, 1), "rss_mb": round(rss, 1)}))
"""


def cold_start(kb_dir: Path, cache_dir: Path, query: str = "customer swearing"
               ) -> dict[str, float]:
    """A fresh process: import the engine, open the (already built) index, first results;
    and its resident memory then."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(root), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)}
    done = subprocess.run([sys.executable, "-c", COLD_START, str(kb_dir), str(cache_dir), query],
                          capture_output=True, text=True, env=env, check=True, timeout=600)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _time_one_card_update(kb_dir: Path, reindex: Callable[[], object]) -> float:
    """Edit one card (append a line, as an editor save would) and time the re-index."""
    card = next(iter(sorted((kb_dir / "en").glob("*.md"))))
    original = card.read_text(encoding="utf-8")
    card.write_text(original + "\nEdited during the benchmark.\n", encoding="utf-8")
    try:
        started = time.perf_counter()
        reindex()
        return (time.perf_counter() - started) * 1000
    finally:
        card.write_text(original, encoding="utf-8")
        reindex()


# --- SQLite FTS5 baseline --------------------------------------------------------------------

def index_fts5(kb_dir: Path, label: str, work_dir: Path
               ) -> tuple[sqlite3.Connection, dict[str, Any]]:
    db_path = work_dir / f"fts5-{label}.sqlite"
    db_path.unlink(missing_ok=True)
    started = time.perf_counter()
    db = sqlite3.connect(db_path)
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(key UNINDEXED, title, say, body, "
               "tokenize='porter unicode61 remove_diacritics 2', prefix='1 2 3')")
    snapshot = load_kb(kb_dir)
    with db:
        db.executemany("INSERT INTO docs VALUES (?, ?, ?, ?)", _fts_rows(snapshot))
    index_s = time.perf_counter() - started
    update_ms = _time_one_card_update(kb_dir, lambda: _fts_update(db, kb_dir))
    return db, {"engine": "fts5", "kb": label, "cards": len(snapshot.cards),
                "documents": len(snapshot.passages), "index_s": round(index_s, 3),
                "update_ms": round(update_ms, 1)}


def fts5_search(db: sqlite3.Connection) -> Callable[[str], object]:
    def search(text: str) -> object:
        match = _fts_query(text)
        if not match:
            return []
        return db.execute("SELECT key, title FROM docs WHERE docs MATCH ? "
                          "ORDER BY bm25(docs, 0, 3, 2, 1) LIMIT 20", (match,)).fetchall()

    return search


def time_side_by_side(searches: dict[str, Callable[[str], object]], typed: list[str]
                      ) -> dict[str, dict[str, float]]:
    """Per-keystroke latency of several engines, each keystroke timed on every engine in
    turn, so a busy machine slows them all alike."""
    samples: dict[str, list[float]] = {name: [] for name in searches}
    cpu: dict[str, list[float]] = {name: [] for name in searches}
    for text in typed:
        for name, search in searches.items():
            started, started_cpu = time.perf_counter(), time.thread_time()
            search(text)
            cpu[name].append((time.thread_time() - started_cpu) * 1000)
            samples[name].append((time.perf_counter() - started) * 1000)
    # The CPU time of the searching thread: what the engine costs, without the waits a
    # busy machine adds to the wall-clock numbers.
    return {name: {**percentiles(found), "p95_cpu_ms": percentiles(cpu[name])["p95_ms"]}
            for name, found in samples.items()}


def _fts_rows(snapshot: Any) -> list[tuple[str, str, str, str]]:
    rows = [(str(c.path), c.title, " ".join(c.say), f"{' '.join(c.avoid)} {c.why} {c.other_text}")
            for c in snapshot.cards]
    rows += [(f"{p.path}#{p.index}", p.heading, "", p.text) for p in snapshot.passages]
    return rows


def _fts_update(db: sqlite3.Connection, kb_dir: Path) -> None:
    """Re-read the edited card and replace its row (what an incremental FTS5 indexer does)."""
    from desktop.core.cards import parse_card
    from desktop.core.kbfs import read_kb_text

    card_path = next(iter(sorted((kb_dir / "en").glob("*.md"))))
    card = parse_card(card_path, read_kb_text(card_path))
    with db:
        db.execute("DELETE FROM docs WHERE key = ?", (str(card.path),))
        db.execute("INSERT INTO docs VALUES (?, ?, ?, ?)",
                   (str(card.path), card.title, " ".join(card.say),
                    f"{' '.join(card.avoid)} {card.why} {card.other_text}"))


def _fts_query(text: str) -> str:
    """Every word quoted (FTS5 syntax can't leak in); the word being typed as a prefix."""
    found = re.findall(r"[^\W_]+", analysis.fold(text))
    if not found:
        return ""
    terms = [f'"{w}"' for w in found]
    if not text[-1:].isspace():
        terms[-1] += "*"
    return " ".join(terms)


# --- report ----------------------------------------------------------------------------------

COLUMNS = ("kb", "engine", "cards", "documents", "index_s", "update_ms", "warm_s",
           "keystrokes", "p50_ms", "p95_ms", "max_ms", "p95_cpu_ms", "p95_vs_fts5", "cold_ms",
           "rss_mb")


def print_table(rows: list[dict[str, Any]] | None = None) -> None:
    rows = _results if rows is None else rows
    columns = list(COLUMNS) + sorted({k for r in rows for k in r} - set(COLUMNS))
    widths = {c: max(len(c), *(len(str(r.get(c, ""))) for r in rows)) for c in columns}
    print("  ".join(c.ljust(widths[c]) for c in columns))
    for row in rows:
        print("  ".join(str(row.get(c, "")).ljust(widths[c]) for c in columns))


def run(sizes: list[int], queries: list[str] | None = None, source: Path | None = None
        ) -> list[dict[str, Any]]:
    typed = keystrokes(queries or QUERIES)
    with tempfile.TemporaryDirectory(prefix="kalma-bench-") as temp:
        work = Path(temp)
        previous = os.environ.get("KALMA_CACHE_DIR")
        os.environ["KALMA_CACHE_DIR"] = str(work / "cache")
        try:
            shipped = work / "shipped"
            shutil.copytree(source or bundled_kb_dir(), shipped)
            kbs = [(shipped, "shipped")]
            kbs += [(make_synthetic_kb(work / f"kb-{size}", size, source), f"synthetic-{size}")
                    for size in sizes]
            for kb_dir, label in kbs:
                bench_pair(kb_dir, label, work, typed)
        finally:
            if previous is None:
                os.environ.pop("KALMA_CACHE_DIR", None)
            else:
                os.environ["KALMA_CACHE_DIR"] = previous
    return results()


def bench_pair(kb_dir: Path, label: str, work: Path, typed: list[str]) -> None:
    """Kalma and FTS5 on one KB: index, one-card update, then the keystrokes side by side;
    Kalma's cold start and memory in a fresh process."""
    engine, kalma = index_kalma(kb_dir, label, work / "cache")
    db, fts5 = index_fts5(kb_dir, label, work)
    try:
        latency = time_side_by_side({"kalma": kalma_search(engine), "fts5": fts5_search(db)},
                                    typed)
    finally:
        engine.close()
        db.close()
    kalma.update(keystrokes=len(typed), **latency["kalma"])
    fts5.update(keystrokes=len(typed), **latency["fts5"])
    kalma.update(cold_start(kb_dir, work / "cache"))
    kalma["p95_vs_fts5"] = round(kalma["p95_ms"] / max(fts5["p95_ms"], 1e-3), 2)
    add_result(**kalma)
    add_result(**fts5)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m desktop.bench", description=__doc__.split(
        "\n")[0])
    parser.add_argument("--sizes", default="1000,10000,50000",
                        help="synthetic KB sizes in cards, comma-separated "
                             "(default 1000,10000,50000)")
    parser.add_argument("--quick", action="store_true",
                        help="a fast smoke run: one synthetic KB of 300 cards")
    args = parser.parse_args(argv)
    sizes = [300] if args.quick else [int(s) for s in args.sizes.split(",") if s.strip()]
    rows = run(sizes)
    print_table(rows)
    print(json.dumps({"bench": rows}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
