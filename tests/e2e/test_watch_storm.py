"""A storm of file events, through the real binary: hundreds of
`didChangeWatchedFiles` notifications, one per file, sent at once. The
server reloads them in batches on one worker, so its thread count stays
small, every file is loaded, and it keeps answering."""

from __future__ import annotations

import json
import os
import pathlib
import threading
import time

from test_abuse_raw import RawServer, frame

EVENTS = 300
CHANGED = 2  # FileChangeType.Changed


def threads_of(pid: int) -> int:
    for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("Threads:"):
            return int(line.split()[1])
    raise AssertionError("no thread count in /proc")


def test_a_storm_of_file_events_is_read_by_one_worker(tmp_path: pathlib.Path):
    server = RawServer()
    try:
        server.initialize(tmp_path)
        server.request("workspace/symbol", {"query": "x"})
        paths = []
        for index in range(EVENTS):
            folder = tmp_path / "modules" / f"storm{index}"
            folder.mkdir(parents=True)
            path = folder / f"storm{index}.communication.iml.json"
            # Big enough that each reload takes a while: a waiting event
            # then finds no idle thread.
            filler = ", ".join(f'"{{{{item.f{n}}}}}"' for n in range(4000))
            path.write_text(f'{{"url": "/storm/{index}", "method": "GET", "body": [{filler}]}}\n')
            paths.append(path)
        # A few FIFOs named like app files too: opened without blocking, skipped.
        folder = tmp_path / "modules" / "fifos"
        folder.mkdir()
        for index in range(5):
            os.mkfifo(folder / f"fifo{index}.communication.iml.json")
            paths.append(folder / f"fifo{index}.communication.iml.json")
        before = threads_of(server.proc.pid)
        peak = before
        sampling = True

        def sample() -> None:
            nonlocal peak
            while sampling:
                peak = max(peak, threads_of(server.proc.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        # Every event in one write, as a client flushes a burst.
        server.write(
            b"".join(
                frame(
                    json.dumps(
                        {
                            "jsonrpc": "2.0",
                            "method": "workspace/didChangeWatchedFiles",
                            "params": {"changes": [{"uri": path.as_uri(), "type": CHANGED}]},
                        }
                    ).encode()
                )
                for path in paths
            )
        )
        # The storm is read once the last file's symbols are known.
        last = paths[EVENTS - 1].as_uri()
        deadline = time.monotonic() + 30
        while True:
            peak = max(peak, threads_of(server.proc.pid))
            found = server.request("workspace/symbol", {"query": f"storm{EVENTS - 1}"})
            if last in str(found.get("result")):
                break
            assert time.monotonic() < deadline, f"the last file of the storm was never loaded: {found}"
            time.sleep(0.2)
        # One worker reads the storm; a thread per waiting event would show here.
        sampling = False
        sampler.join()
        assert peak - before < 16, f"{peak - before} threads more during the storm"
        assert "result" in server.request("workspace/symbol", {"query": "storm"})
    finally:
        assert server.close() == 0
