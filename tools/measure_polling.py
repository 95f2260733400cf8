"""Count the file-system calls one seat's KB watcher makes, with strace (docs/IT.md).

    python tools/measure_polling.py            # 173-file bundled KB and a 10,000-file KB

Each scan kind runs REPEAT times under `strace -f -c`; a run with zero scans is
subtracted (Python start-up), which leaves the calls per scan. Per minute:
  before (issue 13)   a full fingerprint every 3 s
  local, watched      a folder digest per interval (30 s default), no per-file calls
  network share       a folder digest per interval, a full fingerprint every 10th
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
REPEAT = 20
CHILD = """
import sys
from pathlib import Path
from desktop.ui.kb_watcher import take_fingerprint, take_folder_digest
root, kind, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
scan = take_fingerprint if kind == "full" else take_folder_digest
for _ in range(count):
    scan(root)
"""


def make_kb(target: Path, files: int) -> Path:
    shutil.copytree(REPO / "kb", target)
    have = sum(1 for _ in target.rglob("*.md"))
    for n in range(max(0, files - have)):
        folder = target / "en" / f"bulk{n // 500:03d}"
        folder.mkdir(exist_ok=True)
        (folder / f"card{n}.md").write_text(f"---\nid: bulk-{n}\n---\n\nBody {n}\n",
                                            encoding="utf-8")
    return target


def syscalls(root: Path, kind: str, count: int) -> int:
    with tempfile.NamedTemporaryFile(suffix=".strace") as out:
        env = {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"}
        subprocess.run(["strace", "-f", "-c", "-o", out.name, sys.executable, "-c", CHILD,
                        str(root), kind, str(count)], check=True, env=env,
                       stdout=subprocess.DEVNULL)
        text = Path(out.name).read_text(encoding="utf-8")
    total = re.search(r"^\s*100\.00\s+\S+\s+\S+\s+(\d+)\s.*total$", text, re.M)
    assert total, text
    return int(total.group(1))


def per_scan(root: Path, kind: str) -> float:
    return (syscalls(root, kind, REPEAT) - syscalls(root, kind, 0)) / REPEAT


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        rows = []
        for files in (173, 10_000):
            root = make_kb(Path(tmp) / f"kb{files}", files)
            n = sum(1 for p in root.rglob("*") if p.suffix in (".md", ".txt"))
            full, folders = per_scan(root, "full"), per_scan(root, "folders")
            before = full * 20  # every 3 s
            watched = folders * 2  # every 30 s
            network = 2 * (folders * 9 + full) / 10
            rows.append((n, full, folders, before, watched, network))
        print("| KB files | calls per full scan | calls per folder digest | before: calls/min "
              "| local, watched: calls/min | network share: calls/min |")
        print("|---|---|---|---|---|---|")
        for n, full, folders, before, watched, network in rows:
            print(f"| {n} | {full:.0f} | {folders:.0f} | {before:,.0f} | {watched:,.0f} "
                  f"| {network:,.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
