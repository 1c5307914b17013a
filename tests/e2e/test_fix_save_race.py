"""`iml-ls check --fix` must never write over a save that an editor made
after the fixer read the file. The real binary fixes a large app; the moment
it has read the file to fix (inotify reports the read handle closed), the
test saves new text into it, as an editor would. The fixer is still
analysing the rest of the app then, so its write comes later and must see
the save, leave the file alone and say so."""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import os
import pathlib
import select
import shutil
import struct
import subprocess
import sys
import threading

import pytest

from conftest import EXAMPLE_APP, SERVER

# From <sys/inotify.h>.
IN_CLOSE_NOWRITE = 0x10
EVENT_HEADER = struct.Struct("iIII")

# Enough modules that the fixer spends a good part of a second between
# reading the target file and writing it back.
CLONES = 1500

TARGET = "modules/list-tasks/list-tasks.communication.iml.json"


def build_app(root: pathlib.Path) -> pathlib.Path:
    shutil.copytree(EXAMPLE_APP, root)
    manifest_path = root / "makecomapp.json"
    manifest = json.loads(manifest_path.read_text())
    modules = manifest["components"]["module"]
    template = modules["listTasks"]
    for index in range(CLONES):
        code_files = {}
        for key, relative in template["codeFiles"].items():
            copy = f"modules/clone-{index}/{pathlib.Path(relative).name}"
            (root / copy).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(root / relative, root / copy)
            code_files[key] = copy
        modules[f"listTasks{index}"] = {
            **template,
            "label": f"List Tasks {index}",
            "codeFiles": code_files,
        }
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n")
    target = root / TARGET
    text = target.read_text()
    assert "{{parameters.projectId}}" in text
    # A misspelt root variable is one of the safe fixes `--fix` applies.
    target.write_text(text.replace("{{parameters.projectId}}", "{{paramters.projectId}}", 1))
    return target


class FirstRead:
    """Waits, on its own thread, for the first read handle on `path` to
    close, then writes `saved` into the file."""

    def __init__(self, path: pathlib.Path, saved: str):
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        self.fd = libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        if self.fd < 0:
            pytest.skip("inotify is not available here")
        watch = libc.inotify_add_watch(self.fd, str(path).encode(), IN_CLOSE_NOWRITE)
        if watch < 0:
            os.close(self.fd)
            pytest.skip("inotify could not watch the file")
        self.path = path
        self.saved = saved
        self.wrote = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self) -> None:
        while True:
            ready, _, _ = select.select([self.fd], [], [], 60)
            if not ready:
                return
            data = os.read(self.fd, 4096)
            masks = []
            offset = 0
            while offset + EVENT_HEADER.size <= len(data):
                _, mask, _, length = EVENT_HEADER.unpack_from(data, offset)
                masks.append(mask)
                offset += EVENT_HEADER.size + length
            if any(mask & IN_CLOSE_NOWRITE for mask in masks):
                # In place, as most editors save: same inode, new bytes.
                with open(self.path, "w") as file:
                    file.write(self.saved)
                self.wrote.set()
                return

    def close(self) -> None:
        self.thread.join(timeout=5)
        os.close(self.fd)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses inotify")
def test_a_save_made_while_fix_runs_is_kept(tmp_path: pathlib.Path) -> None:
    app = tmp_path / "app"
    target = build_app(app)
    saved = "// saved by the editor while the fixer ran\n" + target.read_text()
    watcher = FirstRead(target, saved)
    try:
        run = subprocess.run(
            [SERVER, "check", "--fix", "--format", "json", str(app)],
            capture_output=True,
            text=True,
            timeout=300,
        )
    finally:
        watcher.close()
    assert watcher.wrote.is_set(), "the fixer never read the file"
    # The save is what the file holds: the fixer's text did not replace it.
    assert target.read_text() == saved
    # A file left unwritten fails the run (exit 2), and stderr says which
    # and why, without claiming there was nothing to fix.
    assert run.returncode == 2, run.stderr
    refusals = [line for line in run.stderr.splitlines() if line.startswith("error:")]
    assert len(refusals) == 1, run.stderr
    assert TARGET in refusals[0]
    assert "changed on disk during the check" in refusals[0]
    assert run.stderr.endswith("fixed nothing: 1 file with fixes could not be written\n")
