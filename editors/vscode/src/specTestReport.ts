// Reads the report of `iml-ls test --format json` (docs/testing.md, "Reports") into what the
// Testing view shows: each case with its place, its status and, when it failed, one message per
// failed expectation with the expected and actual values and where the expectation is written.
// Free of the `vscode` module so it is tested on its own.

/** A zero-based place in a file. */
export interface Place {
  path: string;
  line: number;
  column: number;
}

export interface CaseMessage {
  text: string;
  expected?: string;
  actual?: string;
  /** Where to show the message: the expectation, else the case. */
  at: Place;
  /** The expression that produced the value, when known. */
  origin?: Place;
}

export interface CaseReport {
  name: string;
  at: Place;
  status: "passed" | "failed" | "stopped";
  messages: CaseMessage[];
}

export interface FileReport {
  path: string;
  /** What is wrong with the test file itself. */
  problems: CaseMessage[];
  cases: CaseReport[];
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Reads a report place (1-based line and column); paths are taken relative to `cwd`. */
function place(value: unknown, resolve: (path: string) => string): Place | undefined {
  if (!isObject(value) || typeof value.path !== "string") {
    return undefined;
  }
  const count = (n: unknown) => (typeof n === "number" && n >= 1 ? n - 1 : 0);
  return { path: resolve(value.path), line: count(value.line), column: count(value.column) };
}

function shown(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : JSON.stringify(value, null, 2);
}

function caseReport(value: Json, resolve: (path: string) => string): CaseReport | undefined {
  const at = place(value.at, resolve);
  const status = value.status;
  if (typeof value.name !== "string" || !at || (status !== "passed" && status !== "failed" && status !== "stopped")) {
    return undefined;
  }
  const messages: CaseMessage[] = [];
  for (const failure of Array.isArray(value.failures) ? value.failures : []) {
    if (!isObject(failure)) continue;
    const path = typeof failure.path === "string" && failure.path !== "" ? `${failure.path}: ` : "";
    messages.push({
      text: `${path}${String(failure.message ?? "failed")}`,
      expected: shown(failure.expected),
      actual: failure.expected === undefined ? undefined : (shown(failure.actual) ?? "(nothing)"),
      at: place(failure.expectedAt, resolve) ?? at,
      origin: place(failure.origin, resolve),
    });
  }
  if (isObject(value.stop)) {
    messages.push({
      text: `could not run: ${String(value.stop.message ?? "")}`,
      at: place(value.stop.origin, resolve) ?? at,
    });
  }
  return { name: value.name, at, status, messages };
}

/** The files of a report; `resolve` turns a reported path into an absolute one. */
export function readReport(text: string, resolve: (path: string) => string): FileReport[] {
  let report: unknown;
  try {
    report = JSON.parse(text);
  } catch {
    return [];
  }
  if (!isObject(report) || !Array.isArray(report.files)) {
    return [];
  }
  const files: FileReport[] = [];
  for (const file of report.files) {
    if (!isObject(file) || typeof file.path !== "string") continue;
    const path = resolve(file.path);
    const problems: CaseMessage[] = [];
    for (const problem of Array.isArray(file.problems) ? file.problems : []) {
      if (!isObject(problem)) continue;
      problems.push({
        text: String(problem.message ?? "problem"),
        at: place(problem.at, resolve) ?? { path, line: 0, column: 0 },
      });
    }
    const cases = (Array.isArray(file.cases) ? file.cases : [])
      .filter(isObject)
      .map((value) => caseReport(value, resolve))
      .filter((value): value is CaseReport => value !== undefined);
    files.push({ path, problems, cases });
  }
  return files;
}
