// VS Code's Testing view for spec tests: every `*.tests.iml.json` of the workspace with its cases,
// run by `iml-ls test --format json` (the same runner as the CLI and the editor's Run lens).
// Cases are listed from a run of their file: the runner is offline and writes nothing, so listing
// by running costs milliseconds and needs no second parser of the format.
import { execFile } from "node:child_process";
import * as path from "node:path";
import * as vscode from "vscode";
import { type CaseMessage, type FileReport, type Place, readReport } from "./specTestReport";

const TEST_FILES = "**/*.{tests.iml.json,tests.imljson,tests.iml.jsonc}";
const RUN_TIMEOUT_MS = 60_000;

function runTests(server: string, file: string): Promise<FileReport | undefined> {
  const cwd = path.dirname(file);
  return new Promise((resolve) => {
    execFile(
      server,
      ["test", "--format", "json", file],
      { cwd, timeout: RUN_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 },
      // Exit code 1 means a case failed; the report is on stdout all the same.
      (_error, stdout) => {
        const files = readReport(stdout, (reported) => path.resolve(cwd, reported));
        resolve(files.find((report) => report.path === file) ?? files[0]);
      },
    );
  });
}

function location(at: Place): vscode.Location {
  return new vscode.Location(vscode.Uri.file(at.path), new vscode.Position(at.line, at.column));
}

function testMessage(message: CaseMessage): vscode.TestMessage {
  const text = message.origin
    ? `${message.text}\nproduced by ${message.origin.path}:${message.origin.line + 1}:${message.origin.column + 1}`
    : message.text;
  const shown =
    message.expected !== undefined && message.actual !== undefined
      ? vscode.TestMessage.diff(text, message.expected, message.actual)
      : new vscode.TestMessage(text);
  shown.location = location(message.at);
  return shown;
}

export function registerSpecTests(server: () => string | undefined): vscode.Disposable {
  const controller = vscode.tests.createTestController("imlLs.specTests", "IML spec tests");

  function fileItem(uri: vscode.Uri): vscode.TestItem {
    const existing = controller.items.get(uri.toString());
    if (existing) return existing;
    const item = controller.createTestItem(uri.toString(), vscode.workspace.asRelativePath(uri), uri);
    item.canResolveChildren = true;
    controller.items.add(item);
    return item;
  }

  /** Lists a file's cases from a report; returns the case items by name. */
  function listCases(file: vscode.TestItem, report: FileReport): Map<string, vscode.TestItem> {
    const byName = new Map<string, vscode.TestItem>();
    const items = report.cases.map((entry) => {
      const item = controller.createTestItem(`${file.id}#${entry.name}`, entry.name, file.uri);
      const at = new vscode.Position(entry.at.line, entry.at.column);
      item.range = new vscode.Range(at, at);
      byName.set(entry.name, item);
      return item;
    });
    file.children.replace(items);
    file.error = report.problems.length ? report.problems.map((p) => p.text).join("\n") : undefined;
    return byName;
  }

  async function resolveFile(file: vscode.TestItem): Promise<FileReport | undefined> {
    const binary = server();
    if (!binary || !file.uri) return undefined;
    const report = await runTests(binary, file.uri.fsPath);
    if (report) listCases(file, report);
    return report;
  }

  controller.resolveHandler = async (item) => {
    if (item) {
      await resolveFile(item);
      return;
    }
    for (const uri of await vscode.workspace.findFiles(TEST_FILES, "**/node_modules/**")) {
      fileItem(uri);
    }
  };

  const watcher = vscode.workspace.createFileSystemWatcher(TEST_FILES);
  watcher.onDidCreate((uri) => fileItem(uri));
  watcher.onDidDelete((uri) => controller.items.delete(uri.toString()));
  watcher.onDidChange((uri) => {
    const item = controller.items.get(uri.toString());
    if (item) void resolveFile(item);
  });

  controller.createRunProfile(
    "Run",
    vscode.TestRunProfileKind.Run,
    async (request, token) => {
      const run = controller.createTestRun(request);
      // A case runs with its file; group what was asked for by file.
      const asked = new Map<vscode.TestItem, Set<string> | "all">();
      const roots = request.include ?? [...iterate(controller.items)];
      for (const item of roots) {
        const file = item.parent ?? item;
        const names = asked.get(file);
        if (!item.parent) asked.set(file, "all");
        else if (names !== "all") asked.set(file, (names ?? new Set()).add(item.label));
      }
      for (const [file, names] of asked) {
        if (token.isCancellationRequested) break;
        const report = await resolveFile(file);
        if (!report) {
          run.errored(file, new vscode.TestMessage("iml-ls test gave no report; see the IML output."));
          continue;
        }
        for (const problem of report.problems) {
          run.errored(file, testMessage(problem));
        }
        for (const entry of report.cases) {
          if (names !== "all" && !names.has(entry.name)) continue;
          const item = file.children.get(`${file.id}#${entry.name}`);
          if (!item) continue;
          if (request.exclude?.includes(item)) continue;
          if (entry.status === "passed") run.passed(item);
          else if (entry.status === "failed") run.failed(item, entry.messages.map(testMessage));
          else run.errored(item, entry.messages.map(testMessage));
        }
      }
      run.end();
    },
    true,
  );

  return vscode.Disposable.from(controller, watcher);
}

function* iterate(collection: vscode.TestItemCollection): Generator<vscode.TestItem> {
  const items: vscode.TestItem[] = [];
  collection.forEach((item) => items.push(item));
  yield* items;
}
