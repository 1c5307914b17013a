"""What the server must never do, checked on the real binary: run the app's
custom-function JavaScript, touch the network, read files outside the
workspace, get lost in symlink loops, or write to disk. Where the kernel can
tell (`strace`), the syscalls are the evidence; the dependency tree and the
sources are audited as well."""

from __future__ import annotations

import hashlib
import json
import os
import pathlib
import re
import shutil
import time

import pytest

from conftest import REPO, SERVER
from test_abuse_raw import RawServer, still_serving

STRACE = shutil.which("strace")
needs_strace = pytest.mark.skipif(STRACE is None, reason="strace is not installed (apt-get install strace)")

# Crates that embed or bind a JavaScript engine.
JS_ENGINES = {
    "boa_engine", "boa_runtime", "deno_core", "deno_runtime", "v8", "rusty_v8", "rquickjs",
    "rquickjs-core", "quickjs-rs", "quick-js", "qjs", "mozjs", "mozjs_sys", "ducc", "duktape",
    "duktape-sys", "js-sandbox", "nova_vm", "javascriptcore-rs", "chakracore", "starlark",
}
# Crates whose job is talking over a network.
NETWORK_CLIENTS = {
    "reqwest", "hyper", "hyper-util", "ureq", "curl", "curl-sys", "isahc", "surf", "attohttpc",
    "h2", "quinn", "tungstenite", "tokio-tungstenite", "native-tls", "rustls", "openssl",
    "openssl-sys", "socket2", "trust-dns-resolver", "hickory-resolver",
}


def locked_packages() -> set[str]:
    text = (REPO / "Cargo.lock").read_text()
    return set(re.findall(r'^name = "([^"]+)"$', text, flags=re.M))


def test_no_javascript_engine_in_the_dependency_tree():
    packages = locked_packages()
    assert "tower-lsp-server" in packages, "the lock file was not the workspace's"
    assert not packages & JS_ENGINES, f"JavaScript engine crates: {sorted(packages & JS_ENGINES)}"


def test_no_network_client_in_the_dependency_tree():
    packages = locked_packages()
    assert not packages & NETWORK_CLIENTS, f"network crates: {sorted(packages & NETWORK_CLIENTS)}"


def test_sources_open_no_sockets_and_spawn_no_processes():
    offenders = []
    pattern = re.compile(r"\b(TcpStream|TcpListener|UdpSocket|UnixStream|std::net|tokio::net|process::Command|Command::new)\b")
    for source in (REPO / "server").rglob("*.rs"):
        if "/tests/" in str(source) or source.name.endswith("tests.rs"):
            continue
        for number, line in enumerate(source.read_text().splitlines(), 1):
            if pattern.search(line) and not line.lstrip().startswith("//"):
                offenders.append(f"{source.relative_to(REPO)}:{number}: {line.strip()}")
    # The CLI may run its own binary in tests only; nothing in a server crate.
    offenders = [o for o in offenders if not o.startswith("server/cli/")]
    assert not offenders, "\n".join(offenders)


# -- traced sessions -----------------------------------------------------------------


class Traced:
    """A server run under `strace -f`, with the syscalls it made."""

    def __init__(self, tmp: pathlib.Path, root: pathlib.Path):
        self.log = tmp / "strace.log"
        self.server = RawServer(
            [STRACE, "-f", "-qq", "-s", "256", "-o", str(self.log), "-e", "trace=%network,%file,execve", SERVER, "--stdio"],
        )
        self.root = root
        self.server.initialize(root)
        self.indexed()

    def indexed(self) -> None:
        def done(message: dict) -> bool:
            value = message.get("params", {}).get("value", {})
            return message.get("method") == "$/progress" and isinstance(value, dict) and value.get("kind") == "end"

        self.server.wait_for(done, timeout=30)

    def finish(self) -> list[str]:
        assert self.server.close() == 0, "".join(self.server.stderr_lines)[-2000:]
        return self.log.read_text(errors="replace").splitlines()


def syscalls(lines: list[str], *names: str) -> list[str]:
    pattern = re.compile(r"^\d+\s+(" + "|".join(map(re.escape, names)) + r")\(")
    return [line for line in lines if pattern.search(line)]


def exercise(server: RawServer, uri: str, line: int = 1, character: int = 10) -> None:
    """Every request a client might send about one spot, whether announced or not."""
    doc = {"textDocument": {"uri": uri}}
    here = {**doc, "position": {"line": line, "character": character}}
    everything = {"start": {"line": 0, "character": 0}, "end": {"line": 1000, "character": 0}}
    for method, params in [
        ("textDocument/hover", here),
        ("textDocument/completion", here),
        ("textDocument/signatureHelp", here),
        ("textDocument/definition", here),
        ("textDocument/references", {**here, "context": {"includeDeclaration": True}}),
        ("textDocument/prepareRename", here),
        ("textDocument/rename", {**here, "newName": "renamed"}),
        ("textDocument/documentSymbol", doc),
        ("textDocument/foldingRange", doc),
        ("textDocument/selectionRange", {**doc, "positions": [here["position"]]}),
        ("textDocument/semanticTokens/full", doc),
        ("textDocument/inlayHint", {**doc, "range": everything}),
        ("textDocument/documentLink", doc),
        ("textDocument/codeAction", {**doc, "range": everything, "context": {"diagnostics": []}}),
        ("textDocument/formatting", {**doc, "options": {"tabSize": 2, "insertSpaces": True}}),
        ("workspace/symbol", {"query": "a"}),
    ]:
        response = server.request(method, params)
        if "error" in response:
            assert response["error"]["code"] != -32603, (method, response)


def write_function_app(root: pathlib.Path, marker: pathlib.Path) -> tuple[pathlib.Path, pathlib.Path]:
    (root / "functions" / "write-marker").mkdir(parents=True)
    (root / "modules" / "list").mkdir(parents=True)
    manifest = {
        "fileVersion": 1,
        "generalCodeFiles": {},
        "components": {
            "connection": {},
            "webhook": {},
            "module": {"list": {"label": "List", "moduleType": "search", "codeFiles": {"communication": "modules/list/list.communication.iml.json"}}},
            "rpc": {},
            "function": {"writeMarker": {"codeFiles": {"code": "functions/write-marker/write-marker.code.js", "test": "functions/write-marker/write-marker.test.js"}}},
            "endpoint": {},
        },
    }
    (root / "makecomapp.json").write_text(json.dumps(manifest, indent=2))
    script = (
        "function writeMarker() {\n"
        f"  require('fs').writeFileSync({json.dumps(str(marker))}, 'executed');\n"
        "  return 'x';\n"
        "}\n"
        f"require('fs').writeFileSync({json.dumps(str(marker))}, 'loaded');\n"
    )
    code = root / "functions" / "write-marker" / "write-marker.code.js"
    code.write_text(script)
    (root / "functions" / "write-marker" / "write-marker.test.js").write_text(script)
    communication = root / "modules" / "list" / "list.communication.iml.json"
    communication.write_text('{\n  "url": "/items/{{writeMarker(parameters.id)}}",\n  "response": {"output": "{{writeMarker(body)}}"}\n}\n')
    return code, communication


@needs_strace
def test_custom_function_javascript_is_never_executed(tmp_path: pathlib.Path):
    root, marker = tmp_path / "app", tmp_path / "MARKER"
    code, communication = write_function_app(root, marker)
    traced = Traced(tmp_path, root)
    server = traced.server
    uri = server.open(communication, communication.read_text())
    js_uri = server.open(code, code.read_text())
    server.notify("textDocument/didSave", {"textDocument": {"uri": js_uri}})
    exercise(server, uri, 1, 25)
    exercise(server, js_uri, 1, 5)
    server.diagnostics(uri)
    still_serving(server, root)
    lines = traced.finish()
    assert not marker.exists(), f"the JavaScript ran: {marker.read_text()}"
    execs = syscalls(lines, "execve", "execveat")
    assert len(execs) == 1 and SERVER in execs[0], "the server started other programs:\n" + "\n".join(execs)


@needs_strace
def test_no_network_syscalls_during_a_session(tmp_path: pathlib.Path):
    root = tmp_path / "app"
    shutil.copytree(REPO / "examples" / "acme-tasks", root)
    traced = Traced(tmp_path, root)
    server = traced.server
    communication = root / "modules" / "list-tasks" / "list-tasks.communication.iml.json"
    uri = server.open(communication, communication.read_text())
    exercise(server, uri, 3, 12)
    server.diagnostics(uri)
    lines = traced.finish()
    network = syscalls(lines, "socket", "socketpair", "connect", "bind", "listen", "accept", "accept4", "sendto", "sendmsg", "recvfrom", "recvmsg", "getaddrinfo")
    assert not network, "network syscalls:\n" + "\n".join(network[:20])


def write_escaping_app(root: pathlib.Path, outside: pathlib.Path, secret: str) -> None:
    (root / "general").mkdir(parents=True)
    outside.mkdir(parents=True)
    for name in ["relative.iml.json", "absolute.iml.json", "linked.iml.json"]:
        (outside / name).write_text('{"baseUrl": "' + secret + '"}\n')
    manifest = {
        "fileVersion": 1,
        "generalCodeFiles": {
            "base": f"../{outside.name}/relative.iml.json",
            "common": str(outside / "absolute.iml.json"),
        },
        "components": {},
    }
    (root / "makecomapp.json").write_text(json.dumps(manifest, indent=2) + "\n")


@needs_strace
def test_a_manifest_pointing_outside_gets_a_diagnostic_and_nothing_outside_is_opened(tmp_path: pathlib.Path):
    root, outside = tmp_path / "app", tmp_path / "outside"
    secret = "SECRET-" + hashlib.sha1(str(tmp_path).encode()).hexdigest()
    write_escaping_app(root, outside, secret)
    traced = Traced(tmp_path, root)
    server = traced.server
    manifest = root / "makecomapp.json"
    manifest_uri = server.open(manifest, manifest.read_text())
    published = server.diagnostics(manifest_uri)
    exercise(server, manifest_uri, 3, 20)
    exercise(server, manifest_uri, 4, 20)
    still_serving(server, root)
    lines = traced.finish()
    opened = [line for line in syscalls(lines, "openat", "open", "openat2") if str(outside) in line]
    assert not opened, "files outside the workspace were opened:\n" + "\n".join(opened)
    everything_sent = json.dumps(server.messages)
    assert secret not in everything_sent, "content from outside the workspace reached the client"
    messages = [d["message"] for d in published["diagnostics"]]
    manifest_lines = manifest.read_text().splitlines()
    for line_number, needle in [(3, "relative.iml.json"), (4, "absolute.iml.json")]:
        assert needle in manifest_lines[line_number]
        on_line = [d for d in published["diagnostics"] if d["range"]["start"]["line"] == line_number]
        assert on_line, f"no diagnostic on the path to {needle}; got {messages}"


@needs_strace
def test_a_symlink_inside_the_workspace_to_a_file_outside_is_not_followed(tmp_path: pathlib.Path):
    root, outside = tmp_path / "app", tmp_path / "outside"
    secret = "SECRET-LINK-" + hashlib.sha1(str(tmp_path).encode()).hexdigest()
    write_escaping_app(root, outside, secret)
    (root / "general" / "base.iml.json").symlink_to(outside / "linked.iml.json")
    (root / "shared").symlink_to(outside, target_is_directory=True)
    traced = Traced(tmp_path, root)
    still_serving(traced.server, root)
    lines = traced.finish()
    opened = [line for line in syscalls(lines, "openat", "open", "openat2") if "linked.iml.json" in line or "/shared/" in line]
    assert not opened, "a symlink led indexing out of the workspace:\n" + "\n".join(opened[:5])
    assert secret not in json.dumps(traced.server.messages), "content behind a symlink reached the client"


def test_symlink_loops_do_not_hang_indexing(tmp_path: pathlib.Path):
    root = tmp_path / "app"
    shutil.copytree(REPO / "examples" / "acme-tasks", root)
    (root / "loop").symlink_to(root, target_is_directory=True)
    (root / "modules" / "up").symlink_to(root / "modules", target_is_directory=True)
    (root / "a").mkdir()
    (root / "a" / "b").symlink_to(root / "c", target_is_directory=True)
    (root / "c").symlink_to(root / "a", target_is_directory=True)
    (root / "self.iml.json").symlink_to(root / "self.iml.json")
    server = RawServer()
    started = time.monotonic()
    server.initialize(root)

    def progress_end(message: dict) -> bool:
        value = message.get("params", {}).get("value", {})
        return message.get("method") == "$/progress" and isinstance(value, dict) and value.get("kind") == "end"

    end = server.wait_for(progress_end, timeout=30)
    elapsed = time.monotonic() - started
    assert elapsed < 30
    still_serving(server, root)
    assert server.close() == 0
    print(f"indexing with symlink loops: {elapsed:.2f}s, {end['params']['value'].get('message')}")


def tree_state(root: pathlib.Path) -> dict[str, tuple]:
    state = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = pathlib.Path(dirpath) / name
            info = path.lstat()
            digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() and not path.is_symlink() else None
            state[str(path.relative_to(root))] = (info.st_mode, info.st_size, info.st_mtime_ns, digest)
    return state


@needs_strace
def test_the_server_never_writes_to_disk(tmp_path: pathlib.Path):
    root = tmp_path / "app"
    shutil.copytree(REPO / "examples" / "acme-tasks", root)
    # A badly formatted file with problems to fix, so formatting and quick
    # fixes have edits to propose.
    messy = root / "general" / "base.iml.json"
    messy.write_text('{"baseUrl":"https://api.acme.test",\n\n      "headers":{"a":1,},}\n')
    time.sleep(0.05)
    before = tree_state(root)
    traced = Traced(tmp_path, root)
    server = traced.server
    for path in [messy, root / "modules" / "list-tasks" / "list-tasks.communication.iml.json", root / "makecomapp.json"]:
        uri = server.open(path, path.read_text())
        exercise(server, uri, 1, 6)
        server.notify("textDocument/didSave", {"textDocument": {"uri": uri}, "text": path.read_text()})
        server.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    server.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": messy.as_uri(), "type": 2}]})
    still_serving(server, root)
    (root / "general" / "probe.iml.json").unlink(missing_ok=True)  # never on disk; guard anyway
    lines = traced.finish()
    after = tree_state(root)
    assert after == before, "the workspace changed on disk"
    writes = [
        line
        for line in syscalls(lines, "openat", "open", "creat", "openat2")
        if re.search(r"O_WRONLY|O_RDWR|O_CREAT|O_TRUNC", line) and "/dev/" not in line
    ]
    changes = syscalls(lines, "rename", "renameat", "renameat2", "unlink", "unlinkat", "mkdir", "mkdirat", "rmdir", "truncate", "symlink", "symlinkat", "link", "linkat")
    assert not writes and not changes, "\n".join((writes + changes)[:20])
