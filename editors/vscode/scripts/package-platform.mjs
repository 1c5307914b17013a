// Builds the .vsix for the platform this runs on, with the server bundled in its server/ folder:
// the stripped `dist` build of iml-ls (or IML_LS_DIST_BIN when given), packaged with
// `vsce package --target`. Writes iml-ls-<target>.vsix; the generic iml-ls.vsix stays binary-free.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const extension = path.resolve(here, "..");
const repo = path.resolve(extension, "..", "..");

// vsce's target names for the platforms the release workflow builds.
const TARGETS = {
  "linux-x64": "linux-x64",
  "linux-arm64": "linux-arm64",
  "darwin-x64": "darwin-x64",
  "darwin-arm64": "darwin-arm64",
  "win32-x64": "win32-x64",
};
const target = TARGETS[`${process.platform}-${process.arch}`];
if (!target) {
  console.error(`no .vsix target for ${process.platform}-${process.arch}`);
  process.exit(2);
}
const exe = process.platform === "win32" ? "iml-ls.exe" : "iml-ls";

let binary = process.env.IML_LS_DIST_BIN;
if (!binary) {
  execFileSync("cargo", ["build", "--profile", "dist", "--locked", "-p", "iml-ls"], { cwd: repo, stdio: "inherit" });
  const targetDir = process.env.CARGO_TARGET_DIR ?? path.join(repo, "target");
  binary = path.join(targetDir, "dist", exe);
}

const serverDir = path.join(extension, "server");
fs.rmSync(serverDir, { recursive: true, force: true });
fs.mkdirSync(serverDir);
fs.copyFileSync(binary, path.join(serverDir, exe));
fs.chmodSync(path.join(serverDir, exe), 0o755);
const out = `iml-ls-${target}.vsix`;
try {
  execFileSync(
    "npx",
    ["--no-install", "vsce", "package", "--target", target, "--no-dependencies", "--skip-license", "--out", out],
    // npx is a .cmd script on Windows, which only a shell runs.
    { cwd: extension, stdio: "inherit", shell: process.platform === "win32" },
  );
} finally {
  // The folder is only for this package; the generic one must not pick the binary up.
  fs.rmSync(serverDir, { recursive: true, force: true });
}
console.log(`wrote ${out} (server: ${(fs.statSync(binary).size / 1e6).toFixed(1)} MB)`);
