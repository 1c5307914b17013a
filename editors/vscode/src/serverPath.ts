// Finds the iml-ls binary. Kept free of the `vscode` module so the lookup order can be tested
// under plain Node.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import { binaryPlatform, describePlatform, readHeader } from "./binaryPlatform";

export type ServerSource = "setting" | "bundled" | "path";

export type ServerResolution =
  | { kind: "found"; path: string; source: ServerSource; notes: string[] }
  | { kind: "error"; message: string; tried: string[] };

export interface ResolveInput {
  /** Value of `imlLs.server.path`; empty or missing means "not set". */
  configuredPath: string | null | undefined;
  /** Folder the extension is installed in; its `server/` folder may hold a bundled binary. */
  extensionPath: string;
  /** First workspace folder, used to resolve a relative `imlLs.server.path`. */
  workspaceFolder?: string;
  platform: NodeJS.Platform;
  /** `process.arch` of the running editor; the bundled binary must be built for it. */
  arch: string;
  /** The `PATH` environment variable. */
  pathEnv: string | undefined;
  /** The `PATHEXT` environment variable (Windows only). */
  pathExtEnv?: string;
  homeDir?: string;
  isExecutableFile?: (candidate: string) => boolean;
  /** The first bytes of a file (tests pass their own). */
  readHeader?: (candidate: string) => Uint8Array | undefined;
}

export const SERVER_ARGS: readonly string[] = ["--stdio"];

export const INSTALL_HINT =
  "Build it from the iml-ls repository with `cargo install --path server/iml-ls` " +
  "(puts `iml-ls` on PATH) or `cargo build --release -p iml-ls`, then set `imlLs.server.path` " +
  "to the binary (for example `<repo>/target/release/iml-ls`).";

export function binaryName(platform: NodeJS.Platform): string {
  return platform === "win32" ? "iml-ls.exe" : "iml-ls";
}

export function defaultIsExecutableFile(candidate: string): boolean {
  try {
    if (!fs.statSync(candidate).isFile()) {
      return false;
    }
    if (process.platform !== "win32") {
      fs.accessSync(candidate, fs.constants.X_OK);
    }
    return true;
  } catch {
    return false;
  }
}

function expandConfiguredPath(raw: string, input: ResolveInput, pathApi: path.PlatformPath): string {
  let expanded = raw;
  const home = input.homeDir ?? os.homedir();
  if (expanded === "~") {
    expanded = home;
  } else if (expanded.startsWith("~/") || expanded.startsWith("~\\")) {
    expanded = pathApi.join(home, expanded.slice(2));
  }
  if (!pathApi.isAbsolute(expanded) && input.workspaceFolder) {
    expanded = pathApi.resolve(input.workspaceFolder, expanded);
  }
  return expanded;
}

function pathCandidates(input: ResolveInput, pathApi: path.PlatformPath): string[] {
  const separator = input.platform === "win32" ? ";" : ":";
  const dirs = (input.pathEnv ?? "").split(separator).filter((dir) => dir.length > 0);
  const names =
    input.platform === "win32"
      ? (input.pathExtEnv ?? ".EXE;.CMD;.BAT")
          .split(";")
          .filter((ext) => ext.length > 0)
          .map((ext) => `iml-ls${ext.toLowerCase()}`)
      : ["iml-ls"];
  return dirs.flatMap((dir) => names.map((name) => pathApi.join(dir, name)));
}

/**
 * Order: (1) the `imlLs.server.path` setting, (2) the binary bundled in the extension's
 * `server/` folder, (3) `iml-ls` on PATH. A setting that points nowhere is an error rather than
 * a silent fall-back, so a typo never ends up running some other binary.
 */
export function resolveServerPath(input: ResolveInput): ServerResolution {
  const pathApi = input.platform === "win32" ? path.win32 : path.posix;
  const isExecutable = input.isExecutableFile ?? defaultIsExecutableFile;
  const configured = input.configuredPath?.trim();

  if (configured) {
    const candidate = expandConfiguredPath(configured, input, pathApi);
    if (isExecutable(candidate)) {
      return { kind: "found", path: candidate, source: "setting", notes: [] };
    }
    return {
      kind: "error",
      tried: [candidate],
      message:
        `The setting imlLs.server.path is "${configured}", but ${candidate} is not an executable file. ` +
        `Fix the setting or clear it to use a bundled or PATH binary. ${INSTALL_HINT}`,
    };
  }

  const tried: string[] = [];
  const bundled = pathApi.join(input.extensionPath, "server", binaryName(input.platform));
  tried.push(bundled);
  const notes: string[] = [];
  if (isExecutable(bundled)) {
    const header = (input.readHeader ?? readHeader)(bundled);
    const built = header ? binaryPlatform(header) : undefined;
    if (built?.platform === input.platform && built.arch === input.arch) {
      return { kind: "found", path: bundled, source: "bundled", notes };
    }
    notes.push(
      `The bundled server ${bundled} is built for ${describePlatform(built)}, not for ` +
        `${input.platform}-${input.arch}, so it is not used; looking for iml-ls on PATH instead.`,
    );
  }

  for (const candidate of pathCandidates(input, pathApi)) {
    tried.push(candidate);
    if (isExecutable(candidate)) {
      return { kind: "found", path: candidate, source: "path", notes };
    }
  }

  return {
    kind: "error",
    tried,
    message:
      `${notes.join(" ")}${notes.length ? " " : ""}The iml-ls language server was not found ` +
      `(no imlLs.server.path setting, no bundled binary for this platform, not on PATH). ${INSTALL_HINT}`,
  };
}
