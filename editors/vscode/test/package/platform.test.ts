// The platform .vsix (npm run package:platform): it holds extension/server/iml-ls of at most
// 15 MB, and the extension's own lookup (resolveServerPath) picks that bundled binary over PATH,
// which then answers --version.
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";
import { resolveServerPath } from "../../src/serverPath";

const extensionRoot = path.resolve(__dirname, "..", "..", "..");
const target = `${process.platform}-${process.arch}`;
const vsix = path.join(extensionRoot, `iml-ls-${target}.vsix`);
const exe = process.platform === "win32" ? "iml-ls.exe" : "iml-ls";
const MAX_BYTES = 15 * 1024 * 1024;

describe("platform .vsix", () => {
  it("bundles a small server that the extension's lookup starts", () => {
    assert.ok(fs.existsSync(vsix), `${vsix} is missing: run npm run package:platform first`);
    const unpacked = fs.mkdtempSync(path.join(os.tmpdir(), "iml-ls-vsix-"));
    // A .vsix is a zip file; Python's zipfile reads it without another npm package.
    execFileSync("python3", ["-m", "zipfile", "-e", vsix, unpacked]);
    const bundled = path.join(unpacked, "extension", "server", exe);
    assert.ok(fs.existsSync(bundled), "extension/server/iml-ls is not in the package");
    const size = fs.statSync(bundled).size;
    assert.ok(size <= MAX_BYTES, `the bundled server is ${size} bytes`);
    // zipfile does not keep the executable bit; the installed extension has it.
    fs.chmodSync(bundled, 0o755);

    const found = resolveServerPath({
      configuredPath: null,
      extensionPath: path.join(unpacked, "extension"),
      workspaceFolder: undefined,
      platform: process.platform,
      arch: process.arch,
      // An iml-ls on PATH must not win over the bundled one.
      pathEnv: process.env.PATH,
      pathExtEnv: process.env.PATHEXT,
    });
    assert.equal(found.kind, "found");
    assert.ok(found.kind === "found" && found.source === "bundled" && found.path === bundled, JSON.stringify(found));
    const version = execFileSync(bundled, ["--version"], { encoding: "utf8" });
    assert.match(version, /^iml-ls \d+\.\d+\.\d+/);
    fs.rmSync(unpacked, { recursive: true, force: true });
  });
});
