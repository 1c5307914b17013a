import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, beforeEach, describe, it } from "node:test";
import { binaryName, resolveServerPath, type ResolveInput } from "../../src/serverPath";

describe("resolveServerPath", () => {
  let root: string;
  let extensionPath: string;
  let pathDir: string;

  function makeExecutable(file: string): string {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, "#!/bin/sh\n");
    fs.chmodSync(file, 0o755);
    return file;
  }

  function input(overrides: Partial<ResolveInput> = {}): ResolveInput {
    return {
      configuredPath: undefined,
      extensionPath,
      platform: "linux",
      pathEnv: pathDir,
      homeDir: path.join(root, "home"),
      ...overrides,
    };
  }

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "iml-ls-resolve-"));
    extensionPath = path.join(root, "extension");
    pathDir = path.join(root, "bin");
    fs.mkdirSync(extensionPath, { recursive: true });
    fs.mkdirSync(pathDir, { recursive: true });
  });

  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it("prefers the setting over a bundled binary and PATH", () => {
    const configured = makeExecutable(path.join(root, "custom", "iml-ls"));
    makeExecutable(path.join(extensionPath, "server", "iml-ls"));
    makeExecutable(path.join(pathDir, "iml-ls"));
    assert.deepEqual(resolveServerPath(input({ configuredPath: configured })), {
      kind: "found",
      path: configured,
      source: "setting",
    });
  });

  it("uses the bundled binary before PATH", () => {
    const bundled = makeExecutable(path.join(extensionPath, "server", "iml-ls"));
    makeExecutable(path.join(pathDir, "iml-ls"));
    assert.deepEqual(resolveServerPath(input()), { kind: "found", path: bundled, source: "bundled" });
  });

  it("falls back to PATH, searching its folders in order", () => {
    const emptyDir = path.join(root, "empty");
    fs.mkdirSync(emptyDir);
    const onPath = makeExecutable(path.join(pathDir, "iml-ls"));
    const result = resolveServerPath(input({ pathEnv: `${emptyDir}:${pathDir}`, configuredPath: "  " }));
    assert.deepEqual(result, { kind: "found", path: onPath, source: "path" });
  });

  it("skips a file that is not executable", () => {
    const notExecutable = path.join(pathDir, "iml-ls");
    fs.writeFileSync(notExecutable, "");
    fs.chmodSync(notExecutable, 0o644);
    const result = resolveServerPath(input());
    assert.equal(result.kind, "error");
  });

  it("explains how to fix a missing binary and lists where it looked", () => {
    const result = resolveServerPath(input());
    assert.equal(result.kind, "error");
    if (result.kind !== "error") return;
    assert.match(result.message, /not found/);
    assert.match(result.message, /cargo install --path server\/iml-ls/);
    assert.match(result.message, /imlLs\.server\.path/);
    assert.deepEqual(result.tried, [path.join(extensionPath, "server", "iml-ls"), path.join(pathDir, "iml-ls")]);
  });

  it("reports a setting that points nowhere instead of silently using another binary", () => {
    makeExecutable(path.join(pathDir, "iml-ls"));
    const result = resolveServerPath(input({ configuredPath: "/does/not/exist/iml-ls" }));
    assert.equal(result.kind, "error");
    if (result.kind !== "error") return;
    assert.match(result.message, /imlLs\.server\.path is "\/does\/not\/exist\/iml-ls"/);
    assert.deepEqual(result.tried, ["/does/not/exist/iml-ls"]);
  });

  it("expands ~ and resolves a relative setting against the workspace folder", () => {
    const inHome = makeExecutable(path.join(root, "home", "bin", "iml-ls"));
    assert.deepEqual(resolveServerPath(input({ configuredPath: "~/bin/iml-ls" })), {
      kind: "found",
      path: inHome,
      source: "setting",
    });
    const workspace = path.join(root, "ws");
    const relative = makeExecutable(path.join(workspace, "target", "release", "iml-ls"));
    assert.deepEqual(
      resolveServerPath(input({ configuredPath: "target/release/iml-ls", workspaceFolder: workspace })),
      { kind: "found", path: relative, source: "setting" },
    );
  });

  it("looks for iml-ls.exe on Windows, bundled and on PATH with PATHEXT", () => {
    const seen: string[] = [];
    const result = resolveServerPath({
      configuredPath: null,
      extensionPath: "C:\\ext",
      platform: "win32",
      pathEnv: "C:\\tools;C:\\cargo\\bin",
      pathExtEnv: ".COM;.EXE",
      isExecutableFile: (candidate) => {
        seen.push(candidate);
        return candidate === "C:\\cargo\\bin\\iml-ls.exe";
      },
    });
    assert.equal(binaryName("win32"), "iml-ls.exe");
    assert.deepEqual(seen, [
      "C:\\ext\\server\\iml-ls.exe",
      "C:\\tools\\iml-ls.com",
      "C:\\tools\\iml-ls.exe",
      "C:\\cargo\\bin\\iml-ls.com",
      "C:\\cargo\\bin\\iml-ls.exe",
    ]);
    assert.deepEqual(result, { kind: "found", path: "C:\\cargo\\bin\\iml-ls.exe", source: "path" });
  });
});
