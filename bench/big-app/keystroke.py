#!/usr/bin/env python3
"""Keystrokes in the manifest of a small and a large app, through the server.

For each size it generates an app (generate.py), starts `iml-ls --stdio` on
it, opens `makecomapp.json`, waits until indexing is over, and then types:
single keystrokes, each waiting for the diagnostics of its version, and a
burst of keystrokes sent at once, waiting for the diagnostics of the last.
It prints the median single-keystroke latency, the burst's time to final
diagnostics and the server CPU the burst cost, and the large-to-small ratios.
It exits 1 when the single-keystroke ratio is over --max-ratio (default 4).

    python3 bench/big-app/keystroke.py [--small 40] [--large 4000] [--bin target/release/iml-ls]
"""

import argparse
import os
import pathlib
import statistics
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
import generate  # noqa: E402
import lsp_stdio  # noqa: E402

TIMEOUT = 300.0


class Server(lsp_stdio.Server):
    """The server, with the arrival time of a message and its CPU time."""

    def __init__(self, binary: str, root: pathlib.Path):
        super().__init__(binary, root)
        self.initialize(root)

    def wait(self, predicate):
        """The first message `predicate` accepts, with when it arrived."""
        message = self.wait_for(predicate, TIMEOUT)
        index = next(i for i in range(len(self.messages) - 1, -1, -1) if self.messages[i] is message)
        return self.arrived[index], message

    def cpu_seconds(self) -> float:
        fields = pathlib.Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def wait_idle(self, quiet: float = 1.0) -> None:
        """Until the server used no CPU for `quiet` seconds: indexing is over."""
        last = self.cpu_seconds()
        while True:
            time.sleep(quiet)
            now = self.cpu_seconds()
            if now - last < 0.01:
                return
            last = now


def diagnostics_of(uri: str, version: int):
    def matches(message: dict) -> bool:
        params = message.get("params") or {}
        return (message.get("method") == "textDocument/publishDiagnostics"
                and params.get("uri") == uri and params.get("version") == version)
    return matches


def measure(binary: str, count: int, singles: int, burst: int) -> dict:
    with tempfile.TemporaryDirectory() as temp:
        root = pathlib.Path(temp) / "app"
        generate.generate(count, root, fixable=False)
        manifest = root / "makecomapp.json"
        text = manifest.read_text()
        # Keystrokes go into the first module's description, a plain string.
        anchor = text.index("Lists tasks, variant 0.") + len("Lists tasks")
        line = text.count("\n", 0, anchor)
        column = anchor - (text.rfind("\n", 0, anchor) + 1)
        server = Server(binary, root)
        uri = manifest.as_uri()
        server.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "imljson", "version": 1, "text": text}})
        server.wait(diagnostics_of(uri, 1))
        server.wait_idle()
        version = 1

        def type_one() -> None:
            nonlocal version, column
            version += 1
            position = {"line": line, "character": column}
            server.notify("textDocument/didChange", {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"range": {"start": position, "end": position}, "text": "x"}]})
            column += 1

        latencies = []
        for _ in range(singles):
            start = time.monotonic()
            type_one()
            at, _ = server.wait(diagnostics_of(uri, version))
            latencies.append(at - start)
        server.wait_idle(0.5)
        cpu_before = server.cpu_seconds()
        start = time.monotonic()
        for _ in range(burst):
            type_one()
        at, _ = server.wait(diagnostics_of(uri, version))
        burst_seconds = at - start
        server.wait_idle(0.5)
        burst_cpu = server.cpu_seconds() - cpu_before
        server.quit()
    return {"modules": count, "keystroke": statistics.median(latencies),
            "burst": burst_seconds, "burst_cpu": burst_cpu}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=40)
    parser.add_argument("--large", type=int, default=4000)
    parser.add_argument("--singles", type=int, default=9)
    parser.add_argument("--burst", type=int, default=20)
    parser.add_argument("--max-ratio", type=float, default=4.0)
    parser.add_argument("--bin", default=str(HERE.parent.parent / "target" / "release" / "iml-ls"))
    args = parser.parse_args()
    results = [measure(args.bin, count, args.singles, args.burst) for count in (args.small, args.large)]
    print(f"{'modules':>8} {'keystroke (median)':>19} {'burst of ' + str(args.burst):>12} {'burst CPU':>10}")
    for result in results:
        print(f"{result['modules']:>8} {result['keystroke'] * 1000:>16.1f} ms {result['burst']:>10.2f} s"
              f" {result['burst_cpu']:>8.2f} s")
    small, large = results
    ratio = large["keystroke"] / small["keystroke"]
    print(f"ratio large/small: keystroke {ratio:.1f}x, burst {large['burst'] / small['burst']:.1f}x")
    if ratio > args.max_ratio:
        print(f"FAIL: keystroke ratio {ratio:.1f} is over {args.max_ratio}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
