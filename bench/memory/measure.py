#!/usr/bin/env python3
"""Memory of `iml-ls` against large or many documents, read from /proc.

Each case starts a fresh server (so VmHWM is the case's own peak), speaks
LSP over its stdin and stdout, and reads VmRSS and VmHWM from
/proc/<pid>/status at each step. Python 3 standard library only.

    cargo build --release -p iml-ls
    python3 bench/memory/measure.py [--bin target/release/iml-ls] [--only NAME]

Cases:
  iml-1m, iml-2m     a communication file whose `response.output` is an array
                     of short IML strings ("{{item.a.b}}", "{{body.x}}", ...)
  plain-1m           the same array of plain strings ("abcdefgh")
  mixed-1m           an object of many keys whose values are IML strings with
                     text around them ("id {{item.id}}/{{lower(item.n)}}")
  garbage-200m       one frame of 200 MiB that is not JSON, then RSS
  rounds             100 documents opened and closed, 30 rounds, RSS per round
  open-40m           a 40 MiB didOpen (over the 10 MiB limit: F003)
  cli-9m             `iml-ls check` of a 9 MiB file of ~1.2 M expressions,
                     peak from /usr/bin/time -f %M
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import threading
import time

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE.parent))
import lsp_stdio  # noqa: E402

SAMPLE = REPO / "examples" / "acme-tasks"
COMMUNICATION = pathlib.Path("modules/list-tasks/list-tasks.communication.iml.json")
MIB = 1024 * 1024


def proc_status(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM in KiB."""
    found = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            name, _, value = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                found[name] = int(value.split()[0])
    return found


class Server(lsp_stdio.Server):
    """The server with its memory figures."""

    def status(self) -> dict[str, int]:
        return proc_status(self.proc.pid)


def workspace() -> pathlib.Path:
    root = pathlib.Path(tempfile.mkdtemp(prefix="iml-mem-"))
    shutil.copytree(SAMPLE, root / "app")
    return root


def settle(server: Server, seconds: float = 1.0) -> dict[str, int]:
    time.sleep(seconds)
    return server.status()


def document_row(case: str, size: int, baseline: dict, open_rss: dict, after: dict, note: str) -> dict:
    """One table row for a document opened, then closed: sizes in MiB."""
    return {
        "case": case,
        "text": f"{size / MIB:.1f} MiB",
        "baseline": f"{baseline['VmRSS'] / 1024:.0f}",
        "peak": f"{after['VmHWM'] / 1024:.0f}",
        "peak/text": f"{(after['VmHWM'] - baseline['VmRSS']) * 1024 / size:.1f}x",
        "open": f"{open_rss['VmRSS'] / 1024:.0f}",
        "after close": f"{after['VmRSS'] / 1024:.0f}",
        "close vs base": f"{(after['VmRSS'] - baseline['VmRSS']) / baseline['VmRSS'] * 100:+.0f}%",
        "note": note,
    }


# -- documents ---------------------------------------------------------------


def communication(output) -> str:
    # No whitespace: as many strings per byte as JSON allows.
    return json.dumps(
        {"url": "/x", "method": "GET", "response": {"output": output}}, separators=(",", ":")
    )


def fill(size: int, make) -> list | dict:
    """Items from `make(index)` until the JSON text is about `size` bytes."""
    items, total, index = [], 0, 0
    while total < size:
        item = make(index)
        total += len(json.dumps(item, separators=(",", ":"))) + 1
        items.append(item)
        index += 1
    return items


def iml_strings(size: int) -> str:
    shapes = ["{{a.b}}", "{{body.x}}", "{{item.id}}", "{{a}}"]
    return communication(fill(size, lambda i: shapes[i % len(shapes)]))


def plain_strings(size: int) -> str:
    return communication(fill(size, lambda i: "abcdef"))


def mixed(size: int) -> str:
    pairs = fill(size, lambda i: [f"k{i}", f"id {{{{item.id}}}}/{{{{lower(item.n{i % 10})}}}}"])
    return communication(dict(pairs))


def expressions_file(count: int) -> str:
    """`count` expressions, eight to a string ("{{v0}} {{v1}} ..."): about
    7.5 bytes each, so 1.2 M of them make a file of some 9 MiB."""
    per = 8
    strings = [" ".join(f"{{{{v{j}}}}}" for j in range(per))] * (count // per)
    return communication(strings)


# -- cases -------------------------------------------------------------------


def document_with_baseline(binary: str, name: str, text: str) -> dict:
    """Baseline before the open, peak while open, RSS after the close."""
    root = workspace()
    server = Server(binary, root)
    try:
        server.initialize(root)
        path = root / "app" / COMMUNICATION
        # Open and close the small disk version first, so the baseline holds
        # what any open allocates once (caches, thread stacks).
        start = server.mark()
        uri = server.open(path, path.read_text(), 1)
        server.published(uri, 1, start)
        start = server.mark()
        server.close_doc(uri)
        server.published(uri, None, start)
        baseline = settle(server)
        start = server.mark()
        began = time.monotonic()
        server.open(path, text, 2)
        server.published(uri, 2, start)
        analysed = time.monotonic() - began
        open_rss = settle(server, 0.5)
        start = server.mark()
        server.close_doc(uri)
        server.published(uri, None, start)
        after = settle(server)
        size = len(text.encode())
        return document_row(name, size, baseline, open_rss, after, f"analysed in {analysed:.1f}s")
    finally:
        server.quit()
        shutil.rmtree(root, ignore_errors=True)


def case_garbage(binary: str) -> dict:
    root = workspace()
    server = Server(binary, root)
    try:
        server.initialize(root)
        baseline = settle(server, 0.5)
        size = 200 * MIB
        start = server.mark()
        server.write(b"Content-Length: %d\r\n\r\n" % size)
        block = b"\x01garbage" * (MIB // 8)
        for _ in range(size // len(block)):
            server.write(block)
        server.wait_for(lambda m: "error" in m, start=start)
        after = settle(server)
        return {
            "case": "garbage-200m",
            "text": "200 MiB",
            "baseline": f"{baseline['VmRSS'] / 1024:.0f}",
            "peak": f"{after['VmHWM'] / 1024:.0f}",
            "peak/text": "",
            "open": "",
            "after close": f"{after['VmRSS'] / 1024:.0f}",
            "close vs base": f"{(after['VmRSS'] - baseline['VmRSS']) / baseline['VmRSS'] * 100:+.0f}%",
            "note": "RSS after the error reply",
        }
    finally:
        server.quit()
        shutil.rmtree(root, ignore_errors=True)


def case_rounds(binary: str, rounds: int = 30, documents: int = 100) -> dict:
    root = workspace()
    server = Server(binary, root)
    try:
        server.initialize(root)
        folder = root / "app" / "modules" / "list-tasks"
        text = (root / "app" / COMMUNICATION).read_text()
        paths = [folder / f"m{i}.communication.iml.json" for i in range(documents)]
        series = []
        for round_ in range(rounds):
            start = server.mark()
            uris = [server.open(p, text, round_ + 1) for p in paths]
            for uri in uris:
                server.published(uri, round_ + 1, start)
            start = server.mark()
            for uri in uris:
                server.close_doc(uri)
            for uri in uris:
                server.published(uri, None, start)
            time.sleep(0.2)
            series.append(server.status()["VmRSS"])
        # The slope over the second half, once caches have filled.
        half = series[len(series) // 2 :]
        slope = (half[-1] - half[0]) / (len(half) - 1)
        return {
            "case": f"rounds {documents}x{rounds}",
            "text": "",
            "baseline": f"{series[0] / 1024:.1f}",
            "peak": f"{max(series) / 1024:.1f}",
            "peak/text": "",
            "open": "",
            "after close": f"{series[-1] / 1024:.1f}",
            "close vs base": f"{(series[-1] - series[0]) / series[0] * 100:+.0f}%",
            "note": f"slope {slope:.0f} KiB/round (2nd half); per round: "
            + " ".join(f"{s / 1024:.1f}" for s in series),
        }
    finally:
        server.quit()
        shutil.rmtree(root, ignore_errors=True)


def case_huge_open(binary: str) -> dict:
    root = workspace()
    server = Server(binary, root)
    try:
        server.initialize(root)
        baseline = settle(server, 0.5)
        text = iml_strings(40 * MIB)
        path = root / "app" / COMMUNICATION
        start = server.mark()
        began = time.monotonic()
        uri = server.open(path, text, 1)
        diagnostics = server.published(uri, 1, start)
        server.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 1}})
        answered = time.monotonic() - began
        codes = sorted({d.get("code") for d in diagnostics["diagnostics"]})
        open_rss = settle(server, 0.5)
        start = server.mark()
        server.close_doc(uri)
        server.published(uri, None, start)
        after = settle(server)
        size = len(text.encode())
        return document_row("open-40m", size, baseline, open_rss, after, f"hover answered {answered:.1f}s after didOpen; codes {codes}")
    finally:
        server.quit()
        shutil.rmtree(root, ignore_errors=True)


def case_cli(binary: str) -> dict:
    root = workspace()
    try:
        text = expressions_file(1_200_000)
        (root / "app" / COMMUNICATION).write_text(text)
        began = time.monotonic()
        run = subprocess.run(
            ["/usr/bin/time", "-f", "%M", binary, "check", str(root / "app")],
            capture_output=True,
            text=True,
        )
        took = time.monotonic() - began
        peak_kib = int(run.stderr.strip().splitlines()[-1])
        size = len(text.encode())
        return {
            "case": "cli-9m",
            "text": f"{size / MIB:.1f} MiB",
            "baseline": "",
            "peak": f"{peak_kib / 1024:.0f}",
            "peak/text": f"{peak_kib * 1024 / size:.1f}x",
            "open": "",
            "after close": "",
            "close vs base": "",
            "note": f"iml-ls check, exit {run.returncode}, {took:.1f}s",
        }
    finally:
        shutil.rmtree(root, ignore_errors=True)


CASES = {
    "iml-1m": lambda b: document_with_baseline(b, "iml-1m", iml_strings(MIB)),
    "iml-2m": lambda b: document_with_baseline(b, "iml-2m", iml_strings(2 * MIB)),
    "plain-1m": lambda b: document_with_baseline(b, "plain-1m", plain_strings(MIB)),
    "mixed-1m": lambda b: document_with_baseline(b, "mixed-1m", mixed(MIB)),
    "garbage-200m": case_garbage,
    "rounds": case_rounds,
    "open-40m": case_huge_open,
    "cli-9m": case_cli,
}

COLUMNS = ["case", "text", "baseline", "peak", "peak/text", "open", "after close", "close vs base", "note"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin", default=str(REPO / "target" / "release" / "iml-ls"))
    parser.add_argument("--only", action="append", choices=sorted(CASES))
    args = parser.parse_args()
    rows = []
    for name in args.only or CASES:
        row = CASES[name](args.bin)
        rows.append(row)
        print(json.dumps(row), file=sys.stderr, flush=True)
    print("RSS and peak in MiB; peak/text = (VmHWM - baseline VmRSS) / text size.")
    print("| " + " | ".join(COLUMNS) + " |")
    print("|" + "---|" * len(COLUMNS))
    for row in rows:
        print("| " + " | ".join(str(row.get(c, "")) for c in COLUMNS) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
