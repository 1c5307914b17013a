#!/usr/bin/env node
// Side-by-side latency race: iml-ls against vscode-json-language-server.
//
// Both servers get the same workspace (the sample app with its module
// communication scaled to 10 KB and 1 MB), the same JSON Schemas (exported by
// `iml-ls schema`) and the same typing: 200 one-character insertions inside a
// string. Measured per server: spawn → `initialize` reply, keystroke →
// diagnostics of that version, completion and hover latency, peak RSS.
//
// The workspaces are not generated here: the `bench_workspace` example of
// iml-analysis writes them (`WORKSPACES/SIZE/acme-tasks`), from the same
// generator the criterion benches use, so both measure the same bytes.
// run.sh prepares them.
//
// Usage: node race.js --iml-ls BIN --schemas DIR --out DIR --workspaces DIR
//                     [--corpus DIR] [--sizes 10KB,1MB] [--edits 200]

'use strict';

const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');
const { pathToFileURL } = require('url');
const rpc = require('vscode-languageserver-protocol/node');

const HERE = __dirname;
// The file typed into, relative to a workspace's app root.
const COMMUNICATION = 'modules/list-tasks/list-tasks.communication.iml.json';
const DEFAULT_SIZES = ['10KB', '1MB'];
// Generous ceilings so a server that never answers ends the run instead of hanging it.
const REPLY_TIMEOUT_MS = 30_000;
// Untimed rounds before each timed series (keystrokes, completion, hover).
const WARM_UP = 30;
const INDEX_TIMEOUT_MS = 300_000;

function parseArgs(argv) {
  const args = { edits: 200, sizes: DEFAULT_SIZES };
  for (let i = 2; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    const value = argv[i + 1];
    if (key === 'edits') args.edits = Number(value);
    else if (key === 'sizes') {
      // `none` races no file, leaving only the corpus figure.
      args.sizes = value.split(',').filter((label) => label && label !== 'none');
    }
    else args[key.replace(/-(\w)/g, (_, c) => c.toUpperCase())] = value;
  }
  const required = ['imlLs', 'schemas', 'out'];
  if (args.sizes.length) required.push('workspaces');
  for (const name of required) {
    if (!args[name]) throw new Error(`missing --${name.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}`);
  }
  const missing = args.sizes.filter((label) => !fs.existsSync(path.join(workspaceRoot(args.workspaces, label), COMMUNICATION)));
  if (missing.length) {
    throw new Error(`no workspace for ${missing.join(', ')} under ${args.workspaces}; write it with ` +
      `\`cargo run -p iml-analysis --example bench_workspace -- --out ${args.workspaces} ${missing.join(' ')}\``);
  }
  return args;
}

/// The app root of the prepared workspace for one size label.
function workspaceRoot(workspaces, label) {
  return path.resolve(workspaces, label, 'acme-tasks');
}

// ---- positions in the workload ----

/// Offset just after the `"/projects` of the request URL nearest the middle.
function keystrokeOffset(text) {
  const needle = '"/projects';
  const middle = text.length / 2;
  let best = -1;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
    if (best < 0 || Math.abs(i - middle) < Math.abs(best - middle)) best = i;
  }
  return Math.max(0, best) + needle.length;
}

/// Nearest occurrence of `needle` to the middle of `text`, as an offset `delta` into it.
function offsetNearMiddle(text, needle, delta) {
  const middle = text.length / 2;
  let best = -1;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
    if (best < 0 || Math.abs(i - middle) < Math.abs(best - middle)) best = i;
  }
  return best < 0 ? 0 : best + delta;
}

function positionAt(text, offset) {
  // Files here are ASCII, so UTF-16 columns equal byte columns.
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: offset - lineStart };
}

// ---- statistics ----

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

function summary(samples) {
  const sorted = samples.filter((x) => x !== null).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  // The samples in request order stay in results.json, to see where outliers fall.
  return { n: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted[sorted.length - 1], samples };
}

function peakRssMb(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = status.match(/VmHWM:\s+(\d+)\s+kB/);
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// ---- one server session ----

class Session {
  constructor(name, command, args, options = {}) {
    this.name = name;
    this.spawnedAt = performance.now();
    this.child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...(options.env || {}) } });
    this.stderr = '';
    this.child.stderr.on('data', (chunk) => {
      if (this.stderr.length < 64 * 1024) this.stderr += chunk;
    });
    // A server that dies must fail its figures, not the whole race.
    this.child.stdin.on('error', (e) => {
      this.stderr += `stdin: ${e.message}\n`;
    });
    this.child.on('error', (e) => {
      this.stderr += `spawn: ${e.message}\n`;
    });
    // A server that exits early must end the waits on it, not leave them
    // to their time-outs.
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => resolve(`${this.name} exited early (code ${code}, signal ${signal})`));
    });
    this.connection = rpc.createProtocolConnection(
      new rpc.StreamMessageReader(this.child.stdout),
      new rpc.StreamMessageWriter(this.child.stdin),
    );
    this.diagnosticWaiters = [];
    this.progressDone = new Set();
    this.progressWaiters = [];
    this.connection.onNotification('textDocument/publishDiagnostics', (params) => {
      const now = performance.now();
      this.diagnosticWaiters = this.diagnosticWaiters.filter((w) => {
        if (w.uri === params.uri && (params.version === undefined || params.version === null || params.version >= w.version)) {
          w.resolve({ at: now, count: params.diagnostics.length, versioned: params.version != null });
          return false;
        }
        return true;
      });
    });
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('workspace/configuration', (params) => params.items.map(() => options.configuration || null));
    this.connection.onNotification('$/progress', (params) => {
      if (params.value && params.value.kind === 'end') {
        this.progressDone.add(params.token);
        this.progressWaiters.forEach((resolve) => resolve(params.token));
      }
    });
    this.connection.onNotification('window/logMessage', () => {});
    this.connection.onError(() => {});
    this.connection.listen();
  }

  waitForDiagnostics(uri, version) {
    return new Promise((resolve) => this.diagnosticWaiters.push({ uri, version, resolve }));
  }

  waitForProgressEnd() {
    const ended = new Promise((resolve) => this.progressWaiters.push(resolve));
    const died = this.exited.then((reason) => {
      throw new Error(`${reason}; stderr: ${this.stderr.slice(-2000)}`);
    });
    return Promise.race([ended, died]);
  }

  async initialize(rootUri, capabilities) {
    const reply = withTimeout(
      this.connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri,
        workspaceFolders: [{ uri: rootUri, name: path.basename(rootUri) }],
        capabilities,
        initializationOptions: { provideFormatter: false },
      }),
      REPLY_TIMEOUT_MS,
      `${this.name} initialize`,
    );
    this.initializeResult = await reply;
    this.initializeMs = performance.now() - this.spawnedAt;
    this.connection.sendNotification('initialized', {});
    return this.initializeResult;
  }

  async shutdown() {
    const rss = peakRssMb(this.child.pid);
    try {
      await withTimeout(this.connection.sendRequest('shutdown'), 5_000, `${this.name} shutdown`);
      this.connection.sendNotification('exit');
    } catch {
      // A server that does not shut down in time is ended below.
    }
    await new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.child.kill('SIGKILL');
        resolve();
      }, 2_000);
      this.child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    this.connection.dispose();
    return rss;
  }
}

function clientCapabilities({ pullDiagnostics }) {
  const textDocument = {
    synchronization: { dynamicRegistration: false, didSave: false },
    publishDiagnostics: { versionSupport: true, relatedInformation: true },
    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
  };
  if (pullDiagnostics) textDocument.diagnostic = { dynamicRegistration: false, relatedDocumentSupport: false };
  return {
    general: { positionEncodings: ['utf-16'] },
    window: { workDoneProgress: true },
    workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: false } },
    textDocument,
  };
}

function jsonSettings(schemasDir) {
  const index = JSON.parse(fs.readFileSync(path.join(schemasDir, 'index.json'), 'utf8'));
  return {
    json: {
      validate: { enable: true },
      format: { enable: false },
      schemas: index
        .filter((entry) => entry.fileMatch.length > 0)
        .map((entry) => ({ fileMatch: entry.fileMatch, url: pathToFileURL(path.join(schemasDir, entry.file)).href })),
      resultLimit: 5000,
    },
    http: { proxyStrictSSL: false },
  };
}

/// Runs the typing workload against one server on one workspace.
async function raceOne(server, root, edits) {
  const file = path.join(root, COMMUNICATION);
  const uri = pathToFileURL(file).href;
  const rootUri = pathToFileURL(root).href;
  let text = fs.readFileSync(file, 'utf8');
  const session = new Session(server.name, server.command, server.args);
  const result = { server: server.name, bytes: text.length };
  try {
    await session.initialize(rootUri, clientCapabilities({ pullDiagnostics: server.pull }));
    result.initializeMs = session.initializeMs;
    const caps = session.initializeResult.capabilities || {};
    if (server.settings) {
      session.connection.sendNotification('workspace/didChangeConfiguration', { settings: server.settings });
    }
    let version = 1;
    const firstDiagnostics = server.pull ? null : session.waitForDiagnostics(uri, version);
    const openedAt = performance.now();
    session.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: server.languageId, version, text },
    });
    if (server.pull) {
      await withTimeout(pull(session, uri), REPLY_TIMEOUT_MS, `${server.name} first diagnostics`);
    } else {
      await withTimeout(firstDiagnostics, REPLY_TIMEOUT_MS, `${server.name} first diagnostics`);
    }
    result.openToDiagnosticsMs = performance.now() - openedAt;

    // Typing: each keystroke inserts one letter after the previous one. The
    // first WARM_UP keystrokes are not timed (see timeRequests).
    let offset = keystrokeOffset(text);
    const keystroke = [];
    for (let i = 0; i < WARM_UP + edits; i++) {
      const position = positionAt(text, offset);
      text = text.slice(0, offset) + 'x' + text.slice(offset);
      offset += 1;
      version += 1;
      const waiter = server.pull ? null : session.waitForDiagnostics(uri, version);
      const sentAt = performance.now();
      session.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: position, end: position }, text: 'x' }],
      });
      const answer = server.pull
        ? await withTimeout(pull(session, uri), REPLY_TIMEOUT_MS, `${server.name} diagnostics v${version}`)
        : await withTimeout(waiter, REPLY_TIMEOUT_MS, `${server.name} diagnostics v${version}`);
      if (i >= WARM_UP) keystroke.push(performance.now() - sentAt);
      // Both servers should agree the typed file is clean; a count shows they checked it.
      result.lastDiagnosticCount = server.pull ? (answer.items || []).length : answer.count;
    }
    result.keystroke = summary(keystroke);

    // Completion of a directive key and hover over a directive key, both near the middle.
    const keyPosition = positionAt(text, offsetNearMiddle(text, '"method"', 2));
    const hoverPosition = positionAt(text, offsetNearMiddle(text, '"qs"', 2));
    result.completion = caps.completionProvider
      ? summary(await timeRequests(session, 'textDocument/completion', { textDocument: { uri }, position: keyPosition }, edits))
      : null;
    result.hover = caps.hoverProvider
      ? summary(await timeRequests(session, 'textDocument/hover', { textDocument: { uri }, position: hoverPosition }, edits))
      : null;
  } catch (error) {
    result.error = String(error.message || error);
  }
  result.peakRssMb = await session.shutdown();
  if (result.error) result.stderr = session.stderr.slice(-2000);
  return result;
}

async function pull(session, uri) {
  return session.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
}

async function timeRequests(session, method, params, count) {
  // Untimed first rounds: the first requests of a kind also time this
  // client's own warm-up (its JIT compiling the reply path), which showed as
  // a fixed outlier around the 20th request for both servers alike.
  for (let i = 0; i < WARM_UP; i++) {
    await withTimeout(session.connection.sendRequest(method, params), REPLY_TIMEOUT_MS, method);
  }
  const samples = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await withTimeout(session.connection.sendRequest(method, params), REPLY_TIMEOUT_MS, method);
    samples.push(performance.now() - start);
  }
  return samples;
}

/// Peak RSS of iml-ls with a whole corpus as its workspace, after indexing.
async function corpusRss(imlLs, corpus) {
  const session = new Session('iml-ls', imlLs, ['--stdio']);
  const rootUri = pathToFileURL(path.resolve(corpus)).href;
  const started = performance.now();
  const result = {};
  try {
    const ended = session.waitForProgressEnd();
    ended.catch(() => {}); // awaited below; a rejection before then is not unhandled
    await session.initialize(rootUri, clientCapabilities({ pullDiagnostics: false }));
    // Indexing reports its end through `$/progress`; a server that reports
    // nothing is given a fixed settle time instead.
    const settled = await Promise.race([
      ended.then(() => 'progress end'),
      new Promise((resolve) => setTimeout(() => resolve('timeout'), INDEX_TIMEOUT_MS)),
    ]);
    result.indexedBy = settled;
    result.indexMs = performance.now() - started;
  } catch (error) {
    result.error = String(error.message || error);
  }
  result.peakRssMb = await session.shutdown();
  return result;
}

function fmt(x, digits = 2) {
  return x === null || x === undefined || Number.isNaN(x) ? 'n/a' : x.toFixed(digits);
}

function ratio(json, iml) {
  if (json == null || iml == null || iml === 0) return 'n/a';
  return `${(json / iml).toFixed(1)}×`;
}

function markdown(results, corpus) {
  const lines = [];
  lines.push('| file | figure | iml-ls | vscode-json-language-server | JSON ÷ iml-ls |');
  lines.push('|---|---|---:|---:|---:|');
  for (const [label, pair] of Object.entries(results)) {
    const [iml, json] = pair;
    const row = (figure, a, b) => lines.push(`| ${label} | ${figure} | ${fmt(a)} | ${fmt(b)} | ${ratio(b, a)} |`);
    row('initialize (ms)', iml.initializeMs, json.initializeMs);
    row('open → diagnostics (ms)', iml.openToDiagnosticsMs, json.openToDiagnosticsMs);
    for (const key of ['keystroke', 'completion', 'hover']) {
      for (const stat of ['p50', 'p95', 'max']) {
        row(`${key === 'keystroke' ? 'keystroke → diagnostics' : key} ${stat} (ms)`, iml[key]?.[stat], json[key]?.[stat]);
      }
    }
    row('peak RSS (MB)', iml.peakRssMb, json.peakRssMb);
    lines.push(`| ${label} | diagnostics on the typed file at the end | ${iml.lastDiagnosticCount ?? 'n/a'} | ${json.lastDiagnosticCount ?? 'n/a'} | |`);
    for (const r of pair) if (r.error) lines.push(`| ${label} | **${r.server} failed** | ${r.error.replace(/\|/g, '\\|')} | | |`);
  }
  if (corpus) {
    lines.push('');
    lines.push(`iml-ls with the corpus as its workspace: peak RSS ${fmt(corpus.peakRssMb)} MB, ` +
      `indexing ${fmt(corpus.indexMs, 0)} ms (ended by: ${corpus.indexedBy || corpus.error}).`);
  }
  lines.push('', ...targetLines(targets(results, corpus)));
  return lines.join('\n');
}

/// The targets, each checked against this run: a bound on an iml-ls
/// figure, or iml-ls ahead of the JSON server on every figure of the run.
function targets(results, corpus) {
  const checks = [];
  const bound = (what, value, limit) =>
    checks.push({ what, measured: value == null ? 'n/a' : fmt(value), met: value != null && value <= limit });
  const iml = (label) => results[label]?.[0];
  if (iml('10KB')) {
    bound('10 KB keystroke → diagnostics p95 ≤ 5 ms', iml('10KB').keystroke?.p95, 5);
    bound('10 KB completion p95 ≤ 2 ms', iml('10KB').completion?.p95, 2);
    bound('10 KB hover p95 ≤ 2 ms', iml('10KB').hover?.p95, 2);
  }
  if (iml('1MB')) bound('1 MB keystroke → diagnostics p95 ≤ 50 ms', iml('1MB').keystroke?.p95, 50);
  for (const [label, [a]] of Object.entries(results)) bound(`${label} initialize ≤ 20 ms`, a.initializeMs, 20);
  if (corpus) bound('peak RSS with the corpus as workspace < 50 MB', corpus.peakRssMb, 49.999);
  const behind = [];
  for (const [label, [a, b]] of Object.entries(results)) {
    const figures = [['initialize', a.initializeMs, b.initializeMs], ['open → diagnostics', a.openToDiagnosticsMs, b.openToDiagnosticsMs], ['peak RSS', a.peakRssMb, b.peakRssMb]];
    for (const key of ['keystroke', 'completion', 'hover']) {
      for (const stat of ['p50', 'p95', 'max']) figures.push([`${key} ${stat}`, a[key]?.[stat], b[key]?.[stat]]);
    }
    for (const [figure, ours, theirs] of figures) {
      if (ours == null || theirs == null || ours >= theirs) behind.push(`${label} ${figure}`);
    }
  }
  if (Object.keys(results).length) {
    checks.push({ what: 'ahead of the JSON server on every figure', measured: behind.length ? `not on: ${behind.join(', ')}` : 'yes', met: behind.length === 0 });
  }
  return checks;
}

function targetLines(checks) {
  return ['| target | this run | |', '|---|---|---|', ...checks.map((c) => `| ${c.what} | ${c.measured} | ${c.met ? 'met' : '**missed**'} |`)];
}

async function main() {
  // Writing to a server that already exited surfaces here; its session
  // then fails by time-out and is reported, the race goes on.
  process.on('uncaughtException', (error) => {
    if (error && (error.code === 'ERR_STREAM_DESTROYED' || error.code === 'EPIPE')) return;
    throw error;
  });
  const args = parseArgs(process.argv);
  fs.mkdirSync(args.out, { recursive: true });
  const jsonServer = args.jsonServer || path.join(HERE, 'node_modules/.bin/vscode-json-language-server');
  const servers = [
    { name: 'iml-ls', command: args.imlLs, args: ['--stdio'], languageId: 'iml-json', pull: false },
    {
      name: 'vscode-json-language-server',
      command: process.execPath,
      args: [fs.realpathSync(jsonServer), '--stdio'],
      languageId: 'jsonc',
      // Push diagnostics wait a fixed 500 ms debounce inside that server; the
      // pull request measures its validation itself, the fairer figure.
      pull: true,
      settings: jsonSettings(args.schemas),
    },
  ];
  const results = {};
  for (const label of args.sizes) {
    const root = workspaceRoot(args.workspaces, label);
    results[label] = [];
    for (const server of servers) {
      process.stderr.write(`race: ${server.name} on ${label} …\n`);
      results[label].push(await raceOne(server, root, args.edits));
    }
  }
  let corpus = null;
  if (args.corpus && fs.existsSync(args.corpus)) {
    process.stderr.write(`race: iml-ls with ${args.corpus} as workspace …\n`);
    corpus = await corpusRss(args.imlLs, args.corpus);
  } else if (args.corpus) {
    process.stderr.write(`race: no folder at ${args.corpus}, so no corpus figure\n`);
  }
  const report = { date: new Date().toISOString(), edits: args.edits, results, corpus, targets: targets(results, corpus) };
  fs.writeFileSync(path.join(args.out, 'results.json'), JSON.stringify(report, null, 2));
  const table = markdown(results, corpus);
  fs.writeFileSync(path.join(args.out, 'results.md'), table + '\n');
  process.stdout.write(table + '\n');
}

main().catch((error) => {
  process.stderr.write(`race: ${error.stack || error}\n`);
  process.exit(1);
});
