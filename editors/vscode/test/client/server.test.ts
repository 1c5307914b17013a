// Drives the real iml-ls binary with the protocol stack VS Code uses (vscode-languageserver-protocol),
// launched exactly as the extension launches it and initialized with the same options.
import { strict as assert } from "node:assert";
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { after, before, describe, it } from "node:test";
import {
  CompletionRequest,
  ConfigurationRequest,
  createProtocolConnection,
  DiagnosticSeverity,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InlayHintKind,
  InlayHintRequest,
  MarkupContent,
  InitializeRequest,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocumentSyncKind,
  WorkDoneProgress,
  WorkDoneProgressCreateRequest,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type Hover,
  type InitializeResult,
  type MarkedString,
  type Position,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from "vscode-languageserver-protocol/node";
import { SERVER_ARGS } from "../../src/serverPath";
import { answerConfiguration, initializationOptions, type SettingGetter } from "../../src/settings";
import { vscodeClientCapabilities } from "./vscodeCapabilities";

const extensionRoot = path.resolve(__dirname, "..", "..", "..");
const repoRoot = path.resolve(extensionRoot, "..", "..");
const serverBinary = process.env.IML_LS_BIN ?? path.join(repoRoot, "target", "release", "iml-ls");
const exampleApp = path.join(repoRoot, "examples", "acme-tasks");
const preferredExample = path.join(exampleApp, "connections", "acme-oauth", "acme-oauth.oauth-communication.iml.json");
const DIAGNOSTICS_TIMEOUT_MS = 15_000;

// The user settings the test pretends to have, read the way the extension reads them.
const userSettings: Record<string, unknown> = { rules: { C002: "off" } };
const getSetting: SettingGetter = (key) => userSettings[key];

// Two astral characters before the error: in UTF-16 each counts 2, in UTF-8 4 and in UTF-32 1,
// so only a server that honours utf-16 lands on the expected column.
const BROKEN_LINE = '  "label": "😀😀✓", "method": "GET" "url": "/v1/tasks"';
const BROKEN_TEXT = `{\n${BROKEN_LINE}\n}\n`;
const GET_END_UTF16 = 35; // column just after "GET"
const URL_START_UTF16 = 36; // column of the opening quote of "url"

function findCleanExample(): string {
  if (process.env.IML_CLEAN_EXAMPLE) return process.env.IML_CLEAN_EXAMPLE;
  if (fs.existsSync(preferredExample)) return preferredExample;
  const stack = [exampleApp];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    if (!fs.existsSync(dir)) continue;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) stack.push(full);
      else if (entry.name.endsWith(".iml.json")) return full;
    }
  }
  throw new Error(`no *.iml.json example under ${exampleApp}`);
}

/**
 * The UTF-16 position just after the first occurrence of `marker` in `text`, as VS Code addresses it.
 * JavaScript strings are UTF-16, so string indices are already UTF-16 columns.
 */
function positionAfter(text: string, marker: string): Position {
  const index = text.indexOf(marker);
  assert.ok(index >= 0, `the example does not contain ${JSON.stringify(marker)}`);
  const end = index + marker.length;
  const line = text.slice(0, end).split("\n").length - 1;
  const character = end - (text.lastIndexOf("\n", end - 1) + 1);
  return { line, character };
}

function completionLabels(result: CompletionItem[] | CompletionList | null): string[] {
  const items = result === null ? [] : Array.isArray(result) ? result : result.items;
  return items.map((item) => item.label);
}

function hoverText(hover: Hover | null): string {
  if (hover === null) return "";
  const parts: Array<MarkupContent | MarkedString> = Array.isArray(hover.contents) ? hover.contents : [hover.contents];
  return parts.map((part) => (typeof part === "string" ? part : part.value)).join("\n");
}

class DiagnosticsInbox {
  private readonly received: PublishDiagnosticsParams[] = [];
  private readonly waiters: Array<() => void> = [];

  push(params: PublishDiagnosticsParams): void {
    this.received.push(params);
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** Resolves with the first publication for `uri` after `fromIndex` that satisfies `accept`. */
  async next(uri: string, accept: (diagnostics: Diagnostic[]) => boolean = () => true): Promise<Diagnostic[]> {
    const deadline = Date.now() + DIAGNOSTICS_TIMEOUT_MS;
    let seen = 0;
    for (;;) {
      for (; seen < this.received.length; seen++) {
        const params = this.received[seen];
        if (params.uri === uri && accept(params.diagnostics)) return params.diagnostics;
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        const forUri = this.received.filter((p) => p.uri === uri).map((p) => p.diagnostics);
        throw new Error(`no matching publishDiagnostics for ${uri} within ${DIAGNOSTICS_TIMEOUT_MS} ms; got ${JSON.stringify(forUri)}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}

describe("iml-ls through the VS Code protocol stack", () => {
  let server: ChildProcess;
  let connection: ProtocolConnection;
  let initializeResult: InitializeResult;
  let stderr = "";
  const inbox = new DiagnosticsInbox();
  let scratch: string;
  const progressTitles = new Map<string | number, string>();
  let markIndexed: () => void = () => undefined;
  const indexed = new Promise<void>((resolve) => {
    markIndexed = resolve;
  });

  /**
   * Answers that need the rest of the app (the connection's parameters live in another file) are
   * complete once the server has indexed the workspace, which it reports as work-done progress.
   */
  async function workspaceIndexed(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("the server never ended its indexing progress")), DIAGNOSTICS_TIMEOUT_MS);
    });
    try {
      await Promise.race([indexed, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  before(async () => {
    assert.ok(
      fs.existsSync(serverBinary),
      `server binary ${serverBinary} does not exist: build it with cargo build --release -p iml-ls or set IML_LS_BIN`,
    );
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), "iml-ls-vscode-client-"));
    server = spawn(serverBinary, [...SERVER_ARGS], { stdio: ["pipe", "pipe", "pipe"] });
    server.stderr!.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    connection = createProtocolConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => inbox.push(params));
    connection.onRequest(ConfigurationRequest.type, (params) => {
      return answerConfiguration(params.items, () => getSetting);
    });
    connection.onRequest(RegistrationRequest.type, () => undefined);
    // VS Code shows the server's work-done progress; the indexing of the app ends with `end`.
    connection.onRequest(WorkDoneProgressCreateRequest.type, ({ token }) => {
      connection.onProgress(WorkDoneProgress.type, token, (value) => {
        if (value.kind === "begin") progressTitles.set(token, value.title);
        if (value.kind === "end" && /index/i.test(progressTitles.get(token) ?? "")) markIndexed();
      });
    });
    connection.listen();

    initializeResult = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      clientInfo: { name: "Visual Studio Code", version: "1.91.0" },
      locale: "en",
      rootUri: pathToFileURL(exampleApp).href,
      workspaceFolders: [{ uri: pathToFileURL(exampleApp).href, name: "acme-tasks" }],
      capabilities: vscodeClientCapabilities,
      initializationOptions: initializationOptions(getSetting),
      trace: "off",
    });
    await connection.sendNotification(InitializedNotification.type, {});
  });

  after(async () => {
    if (connection) {
      await connection.sendRequest(ShutdownRequest.type).catch(() => undefined);
      await connection.sendNotification(ExitNotification.type).catch(() => undefined);
    }
    if (server) {
      const exited = await new Promise<number | null>((resolve) => {
        if (server.exitCode !== null) return resolve(server.exitCode);
        const timer = setTimeout(() => {
          server.kill("SIGKILL");
          resolve(null);
        }, 5_000);
        server.on("exit", (code) => {
          clearTimeout(timer);
          resolve(code);
        });
      });
      connection?.dispose();
      assert.equal(exited, 0, `server should exit with 0 after shutdown/exit; stderr:\n${stderr}`);
    }
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  it("negotiates utf-16, the only encoding VS Code offers", () => {
    assert.equal(initializeResult.capabilities.positionEncoding, "utf-16");
    assert.equal(initializeResult.serverInfo?.name, "iml-ls");
    const sync = initializeResult.capabilities.textDocumentSync;
    assert.ok(sync !== undefined, "server declares textDocumentSync");
  });

  // The clean example, opened once and shared by the tests that read it.
  let cleanOpened: Promise<{ uri: string; text: string }> | undefined;
  function openCleanExample(): Promise<{ uri: string; text: string }> {
    cleanOpened ??= (async () => {
      const file = findCleanExample();
      const uri = pathToFileURL(file).href;
      const text = fs.readFileSync(file, "utf8");
      await connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId: "imljson", version: 1, text },
      });
      return { uri, text };
    })();
    return cleanOpened;
  }

  it("publishes no diagnostics for the clean example", async () => {
    const { uri } = await openCleanExample();
    const diagnostics = await inbox.next(uri);
    assert.deepEqual(diagnostics, [], `${path.relative(repoRoot, findCleanExample())} should be clean`);
  });

  it("completes root variables and functions just inside {{", async () => {
    const { uri, text } = await openCleanExample();
    assert.ok(initializeResult.capabilities.completionProvider, "server advertises completionProvider");
    const result = await connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: positionAfter(text, '"client_id": "{{'),
      context: { triggerKind: 1 },
    });
    const labels = completionLabels(result);
    for (const expected of ["parameters", "common", "ifempty"]) {
      assert.ok(labels.includes(expected), `"${expected}" not offered inside {{ }}; got ${JSON.stringify(labels)}`);
    }
  });

  it("completes the connection's own parameters after parameters.", async () => {
    const { uri, text } = await openCleanExample();
    await workspaceIndexed();
    const result = await connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: positionAfter(text, "{{ifempty(parameters."),
      context: { triggerKind: 2, triggerCharacter: "." },
    });
    const labels = completionLabels(result);
    assert.ok(labels.includes("clientId"), `"clientId" not offered after parameters.; got ${JSON.stringify(labels)}`);
    assert.ok(!labels.includes("ifempty"), `functions offered as members of parameters: ${JSON.stringify(labels)}`);
  });

  it("shows parameter name inlay hints, on by default", async () => {
    const { uri, text } = await openCleanExample();
    assert.ok(initializeResult.capabilities.inlayHintProvider, "server advertises inlayHintProvider");
    const lines = text.split("\n");
    const hints =
      (await connection.sendRequest(InlayHintRequest.type, {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } },
      })) ?? [];
    const parameterHints = hints.filter((hint) => hint.kind === InlayHintKind.Parameter);
    assert.ok(parameterHints.length > 0, `no parameter name hints: ${JSON.stringify(hints)}`);
    // The first ifempty call gets a hint in front of its first argument.
    const firstArgument = positionAfter(text, '"client_id": "{{ifempty(');
    assert.ok(
      parameterHints.some(
        (hint) => hint.position.line === firstArgument.line && hint.position.character === firstArgument.character,
      ),
      `no parameter hint before ifempty's first argument at ${JSON.stringify(firstArgument)}: ${JSON.stringify(parameterHints)}`,
    );
  });

  it("hovers an IML function with its documentation in markdown", async () => {
    const { uri, text } = await openCleanExample();
    assert.ok(initializeResult.capabilities.hoverProvider, "server advertises hoverProvider");
    // Inside the name "ifempty", two characters after "{{".
    const start = positionAfter(text, '"client_id": "{{');
    const hover = await connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: { line: start.line, character: start.character + 2 },
    });
    assert.ok(hover, "no hover on ifempty");
    const contents = hoverText(hover);
    assert.match(contents, /ifempty\(/, `hover does not show the function's signature: ${contents}`);
    // VS Code lists markdown first, so the server answers in markdown.
    assert.ok(MarkupContent.is(hover.contents), `hover is not MarkupContent: ${JSON.stringify(hover.contents)}`);
    assert.equal(hover.contents.kind, "markdown");
    // The range covers the function name, in UTF-16 columns.
    assert.deepEqual(hover.range, {
      start: start,
      end: { line: start.line, character: start.character + "ifempty".length },
    });
  });

  it("reports a syntax error at its UTF-16 position and clears it once fixed", async () => {
    const file = path.join(scratch, "broken.iml.json");
    fs.writeFileSync(file, BROKEN_TEXT);
    const uri = pathToFileURL(file).href;
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: "imljson", version: 1, text: BROKEN_TEXT },
    });
    const diagnostics = await inbox.next(uri, (list) => list.length > 0);
    const syntax = diagnostics.filter((d) => /^J\d{3}$/.test(String(d.code)));
    assert.equal(syntax.length, 1, `one syntax diagnostic expected, got ${JSON.stringify(diagnostics)}`);
    const [problem] = syntax;
    assert.equal(problem.severity, DiagnosticSeverity.Error);
    assert.equal(problem.source, "iml-ls");
    assert.equal(problem.range.start.line, 1);
    assert.equal(problem.range.end.line, 1);
    assert.ok(
      problem.range.start.character >= GET_END_UTF16 && problem.range.start.character <= URL_START_UTF16,
      `diagnostic should start between "GET" and "url" (UTF-16 columns ${GET_END_UTF16}..${URL_START_UTF16}), got ${JSON.stringify(problem.range)}`,
    );
    assert.ok(problem.range.end.character <= URL_START_UTF16 + '"url"'.length);
    assert.ok(String(problem.message).length > 0);

    // Insert the missing comma, addressed in UTF-16 columns as VS Code would.
    const sync = initializeResult.capabilities.textDocumentSync;
    const kind = typeof sync === "number" ? sync : sync?.change;
    const fixedText = BROKEN_TEXT.replace('"GET" "url"', '"GET", "url"');
    await connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges:
        kind === TextDocumentSyncKind.Incremental
          ? [{ range: { start: { line: 1, character: GET_END_UTF16 }, end: { line: 1, character: GET_END_UTF16 } }, text: "," }]
          : [{ text: fixedText }],
    });
    const afterFix = await inbox.next(uri, (list) => !list.some((d) => /^J\d{3}$/.test(String(d.code))));
    assert.deepEqual(afterFix.filter((d) => d.severity === DiagnosticSeverity.Error), []);
  });
});
