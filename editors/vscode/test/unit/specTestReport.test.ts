// Reading `iml-ls test --format json` for the Testing view: against a report the real binary
// writes for the sample app with one expectation broken, and against reports that are not one.
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";
import { readReport } from "../../src/specTestReport";

const repo = path.resolve(__dirname, "..", "..", "..", "..", "..");
const server = process.env.IML_LS_BIN ?? path.join(repo, "target", "release", "iml-ls");
const tests = path.join("connections", "acme-oauth", "acme-oauth.tests.iml.json");

function report(app: string): string {
  try {
    return execFileSync(server, ["test", "--format", "json", tests], { cwd: app, encoding: "utf8" });
  } catch (error) {
    // Exit code 1: a case failed; the report is on stdout.
    return (error as { stdout: string }).stdout;
  }
}

describe("spec-test report", () => {
  it("lists the sample cases as passed, and a broken expectation as a diff at its place", () => {
    const app = fs.mkdtempSync(path.join(os.tmpdir(), "iml-ls-report-"));
    fs.cpSync(path.join(repo, "examples", "acme-tasks"), app, { recursive: true });
    const resolve = (reported: string) => path.resolve(app, reported);
    const [clean] = readReport(report(app), resolve);
    assert.equal(clean.path, path.join(app, tests));
    assert.equal(clean.cases.length, 4);
    assert.deepEqual(new Set(clean.cases.map((c) => c.status)), new Set(["passed"]));

    const file = path.join(app, tests);
    const text = fs.readFileSync(file, "utf8");
    fs.writeFileSync(file, text.replace('"accessToken": "at-1"', '"accessToken": "at-0"'));
    const [broken] = readReport(report(app), resolve);
    const failed = broken.cases.filter((c) => c.status === "failed");
    assert.equal(failed.length, 1);
    const [message] = failed[0].messages.filter((m) => m.text.startsWith("/data/accessToken"));
    assert.equal(message.expected, '"at-0"');
    assert.equal(message.actual, '"at-1"');
    // Zero-based, at the expectation in the test file.
    const line = fs.readFileSync(file, "utf8").split("\n")[message.at.line];
    assert.equal(line.slice(message.at.column, message.at.column + 6), '"at-0"');
    assert.match(message.origin?.path ?? "", /acme-oauth\.oauth-communication\.iml\.json$/);
    fs.rmSync(app, { recursive: true, force: true });
  });

  it("reads nothing from text that is no report", () => {
    for (const text of ["", "not json", "[]", '{"files": 3}', '{"files": [{"cases": []}]}']) {
      assert.deepEqual(readReport(text, (p) => p), [], text);
    }
    const [file] = readReport('{"files": [{"path": "t", "cases": [{"name": 1}, {"name": "x", "status": "odd"}]}]}', (p) => p);
    assert.deepEqual(file.cases, []);
  });
});
