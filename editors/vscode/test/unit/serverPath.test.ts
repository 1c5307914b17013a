import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, beforeEach, describe, it } from "node:test";
import { binaryPlatform } from "../../src/binaryPlatform";
import { binaryName, resolveServerPath, type ResolveInput } from "../../src/serverPath";

/** The first bytes of a little-endian ELF executable for `machine` (0x3e x86-64, 0xb7 AArch64). */
function elfHeader(machine: number): Uint8Array {
  const header = Buffer.alloc(64);
  header.writeUInt32BE(0x7f454c46, 0);
  header[4] = 2;
  header[5] = 1;
  header.writeUInt16LE(machine, 18);
  return header;
}

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
      arch: "x64",
      pathEnv: pathDir,
      homeDir: path.join(root, "home"),
      readHeader: () => elfHeader(0x3e),
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
      notes: [],
    });
  });

  it("uses the bundled binary before PATH", () => {
    const bundled = makeExecutable(path.join(extensionPath, "server", "iml-ls"));
    makeExecutable(path.join(pathDir, "iml-ls"));
    assert.deepEqual(resolveServerPath(input()), { kind: "found", path: bundled, source: "bundled", notes: [] });
  });

  it("falls back to PATH, searching its folders in order", () => {
    const emptyDir = path.join(root, "empty");
    fs.mkdirSync(emptyDir);
    const onPath = makeExecutable(path.join(pathDir, "iml-ls"));
    const result = resolveServerPath(input({ pathEnv: `${emptyDir}:${pathDir}`, configuredPath: "  " }));
    assert.deepEqual(result, { kind: "found", path: onPath, source: "path", notes: [] });
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
      notes: [],
    });
    const workspace = path.join(root, "ws");
    const relative = makeExecutable(path.join(workspace, "target", "release", "iml-ls"));
    assert.deepEqual(
      resolveServerPath(input({ configuredPath: "target/release/iml-ls", workspaceFolder: workspace })),
      { kind: "found", path: relative, source: "setting", notes: [] },
    );
  });

  it("looks for iml-ls.exe on Windows, bundled and on PATH with PATHEXT", () => {
    const seen: string[] = [];
    const result = resolveServerPath({
      configuredPath: null,
      extensionPath: "C:\\ext",
      platform: "win32",
      arch: "x64",
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
    assert.deepEqual(result, { kind: "found", path: "C:\\cargo\\bin\\iml-ls.exe", source: "path", notes: [] });
  });

  it("skips a bundled binary built for another platform, and says so", () => {
    makeExecutable(path.join(extensionPath, "server", "iml-ls"));
    const onPath = makeExecutable(path.join(pathDir, "iml-ls"));
    const result = resolveServerPath(input({ readHeader: () => elfHeader(0xb7) }));
    assert.equal(result.kind, "found");
    if (result.kind !== "found") return;
    assert.equal(result.path, onPath);
    assert.equal(result.source, "path");
    assert.equal(result.notes.length, 1);
    assert.match(result.notes[0], /built for linux-arm64, not for linux-x64/);
  });

  it("names the mismatch when nothing else is found either", () => {
    makeExecutable(path.join(extensionPath, "server", "iml-ls"));
    const result = resolveServerPath(input({ arch: "arm64" }));
    assert.equal(result.kind, "error");
    if (result.kind !== "error") return;
    assert.match(result.message, /built for linux-x64, not for linux-arm64/);
  });
});

describe("binaryPlatform", () => {
  it("reads ELF, Mach-O and PE headers", () => {
    assert.deepEqual(binaryPlatform(elfHeader(0x3e)), { platform: "linux", arch: "x64" });
    assert.deepEqual(binaryPlatform(elfHeader(0xb7)), { platform: "linux", arch: "arm64" });
    const macho = Buffer.alloc(32);
    macho.writeUInt32LE(0xfeedfacf, 0);
    macho.writeUInt32LE(0x0100000c, 4);
    assert.deepEqual(binaryPlatform(macho), { platform: "darwin", arch: "arm64" });
    const pe = Buffer.alloc(0x100);
    pe.write("MZ", 0, "latin1");
    pe.writeUInt32LE(0x80, 0x3c);
    pe.writeUInt32BE(0x50450000, 0x80);
    pe.writeUInt16LE(0x8664, 0x84);
    assert.deepEqual(binaryPlatform(pe), { platform: "win32", arch: "x64" });
  });

  it("knows nothing of scripts, truncated files or other machines", () => {
    assert.equal(binaryPlatform(Buffer.from("#!/bin/sh\n")), undefined);
    assert.equal(binaryPlatform(Buffer.alloc(0)), undefined);
    assert.equal(binaryPlatform(elfHeader(0x28)), undefined);
  });
});
