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
  ConfigurationRequest,
  createProtocolConnection,
  DiagnosticSeverity,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocumentSyncKind,
  WorkDoneProgressCreateRequest,
  type Diagnostic,
  type InitializeResult,
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
    connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
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

  it("publishes no diagnostics for the clean example", async () => {
    const file = findCleanExample();
    const uri = pathToFileURL(file).href;
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: "imljson", version: 1, text: fs.readFileSync(file, "utf8") },
    });
    const diagnostics = await inbox.next(uri);
    assert.deepEqual(diagnostics, [], `${path.relative(repoRoot, file)} should be clean`);
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
