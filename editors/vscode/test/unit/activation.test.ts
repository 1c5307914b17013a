// Loads the bundled extension (dist/extension.js) with a stand-in `vscode` module and checks the
// "server not found" path (an error naming the fix, with a button that opens the setting) and
// the glue beside Make Apps Editor (the one-time offer, the settings written and undone).
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import Module from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";

const bundle = path.resolve(__dirname, "..", "..", "..", "dist", "extension.js");

interface Recorded {
  errors: Array<{ message: string; items: string[] }>;
  infos: Array<{ message: string; items: string[] }>;
  executed: Array<{ command: string; args: unknown[] }>;
  commands: string[];
  handlers: Map<string, (...args: unknown[]) => unknown>;
  lines: string[];
  controllers: string[];
  /** `files.associations` in the user settings, as the extension wrote it. */
  userAssociations: unknown;
  updates: Array<{ section: string; key: string; value: unknown; target: unknown }>;
  relabelled: Array<{ path: string; language: string }>;
}

interface World {
  /** `imlLs.*` settings. */
  settings: Record<string, unknown>;
  /** What `extensions.getExtension("Integromat.apps-sdk")` returns. */
  make?: { packageJSON: { version: string } };
  /** The button the user picks in an information message. */
  infoChoice?: string;
  documents?: Array<{ path: string; languageId: string }>;
}

function newRecorded(userAssociations: unknown = undefined): Recorded {
  return {
    errors: [],
    infos: [],
    executed: [],
    commands: [],
    handlers: new Map(),
    lines: [],
    controllers: [],
    userAssociations,
    updates: [],
    relabelled: [],
  };
}

function fakeVscode(recorded: Recorded, world: World): unknown {
  const settings = world.settings;
  class Disposable {
    constructor(private readonly onDispose?: () => void) {}
    static from(...items: Array<{ dispose(): void }>) {
      return new Disposable(() => items.forEach((item) => item.dispose()));
    }
    dispose() {
      this.onDispose?.();
    }
  }
  class EventEmitter {
    event = () => new Disposable();
    fire() {}
    dispose() {}
  }
  const channel = {
    appendLine: (line: string) => recorded.lines.push(line),
    append: () => undefined,
    info: (line: string) => recorded.lines.push(line),
    show: () => undefined,
    dispose: () => undefined,
  };
  const base: Record<string, unknown> = {
    Disposable,
    EventEmitter,
    Uri: { parse: (value: string) => ({ toString: () => value }), file: (value: string) => ({ fsPath: value }) },
    window: {
      createOutputChannel: () => channel,
      showErrorMessage: async (message: string, ...items: string[]) => {
        recorded.errors.push({ message, items });
        return items[0];
      },
      showInformationMessage: async (message: string, ...items: string[]) => {
        recorded.infos.push({ message, items });
        return world.infoChoice;
      },
    },
    extensions: {
      getExtension: (id: string) => (id === "Integromat.apps-sdk" ? world.make : undefined),
      onDidChange: () => new Disposable(),
    },
    languages: {
      setTextDocumentLanguage: async (document: { uri: { path: string } }, language: string) => {
        recorded.relabelled.push({ path: document.uri.path, language });
      },
    },
    ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
    commands: {
      registerCommand: (command: string, handler: (...args: unknown[]) => unknown) => {
        recorded.commands.push(command);
        recorded.handlers.set(command, handler);
        return new Disposable();
      },
      executeCommand: async (command: string, ...args: unknown[]) => {
        recorded.executed.push({ command, args });
      },
    },
    tests: {
      createTestController: (id: string) => {
        recorded.controllers.push(id);
        return {
          items: { get: () => undefined, add: () => undefined, delete: () => undefined, forEach: () => undefined },
          createRunProfile: () => new Disposable(),
          dispose: () => undefined,
        };
      },
    },
    TestRunProfileKind: { Run: 1 },
    workspace: {
      createFileSystemWatcher: () => ({
        onDidCreate: () => new Disposable(),
        onDidDelete: () => new Disposable(),
        onDidChange: () => new Disposable(),
        dispose: () => undefined,
      }),
      workspaceFolders: undefined,
      textDocuments: (world.documents ?? []).map((d) => ({ uri: { path: d.path }, languageId: d.languageId })),
      getConfiguration: (section?: string) => ({
        get: (key: string) => (section === "files" && key === "associations" ? recorded.userAssociations : settings[key]),
        inspect: (key: string) =>
          section === "files" && key === "associations" ? { globalValue: recorded.userAssociations } : undefined,
        update: async (key: string, value: unknown, target: unknown) => {
          recorded.updates.push({ section: section ?? "", key, value, target });
          if (section === "files" && key === "associations") recorded.userAssociations = value;
        },
      }),
      onDidChangeConfiguration: () => new Disposable(),
    },
  };
  // Anything else the language client touches while loading (some of its classes extend VS Code
  // classes) gets an empty class.
  return new Proxy(base, {
    get: (target, key: string) => {
      if (!(key in target)) target[key] = class {};
      return target[key];
    },
  });
}

/** Activates a fresh copy of the bundle in `world`, with no server to be found. */
async function activateIn(
  t: { after(fn: () => void): void },
  world: World,
  recorded: Recorded,
  globalState = new Map<string, unknown>(),
): Promise<{ emptyDir: string; globalState: Map<string, unknown> }> {
  if (!fs.existsSync(bundle)) {
    assert.fail(`${bundle} is missing: run npm run build first`);
  }
  const emptyDir = fs.mkdtempSync(path.join(os.tmpdir(), "iml-ls-activate-"));
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const originalLoad = loader._load;
  const vscode = fakeVscode(recorded, world);
  loader._load = (request: string, ...rest: unknown[]) => (request === "vscode" ? vscode : originalLoad(request, ...rest));
  const savedPath = process.env.PATH;
  process.env.PATH = emptyDir;
  t.after(() => {
    loader._load = originalLoad;
    process.env.PATH = savedPath;
    fs.rmSync(emptyDir, { recursive: true, force: true });
  });
  delete require.cache[bundle];
  const extension = require(bundle) as { activate(context: unknown): Promise<void> };
  const context = {
    subscriptions: [],
    extensionPath: emptyDir,
    globalState: {
      get: (key: string) => globalState.get(key),
      update: async (key: string, value: unknown) => {
        if (value === undefined) globalState.delete(key);
        else globalState.set(key, value);
      },
    },
  };
  await extension.activate(context);
  // The offer runs beside activation; let its promises settle.
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
  return { emptyDir, globalState };
}

const OWN = "iml-ls-imljson";
const HANDED_OVER = { "*.iml.json": OWN, "*.imljson": OWN, "*.iml.jsonc": OWN };

describe("bundled extension", () => {
  it("reports a missing server with the fix and an Open Settings button", async (t) => {
    const recorded = newRecorded();
    const { emptyDir } = await activateIn(t, { settings: { "server.path": null, rules: { C002: "off" } } }, recorded);

    assert.deepEqual(recorded.commands.sort(), [
      "imlLs.makeAppsEditor.handOver",
      "imlLs.makeAppsEditor.share",
      "imlLs.restartServer",
      "imlLs.showFlow",
      "imlLs.showOutput",
    ]);
    // The Testing view's controller for spec tests.
    assert.deepEqual(recorded.controllers, ["imlLs.specTests"]);
    assert.equal(recorded.errors.length, 1);
    assert.match(recorded.errors[0].message, /not found/);
    assert.match(recorded.errors[0].message, /cargo install --path server\/iml-ls/);
    assert.deepEqual(recorded.errors[0].items, ["Open Settings"]);
    assert.deepEqual(recorded.executed, [{ command: "workbench.action.openSettings", args: ["imlLs.server.path"] }]);
    assert.ok(recorded.lines.some((line) => line.includes(path.join(emptyDir, "server", "iml-ls"))));
    // Without Make Apps Editor nothing is offered and no setting is touched.
    assert.deepEqual(recorded.infos, []);
    assert.deepEqual(recorded.updates, []);
    assert.ok(recorded.lines.some((line) => /Make Apps Editor is not installed/.test(line)));
  });
});

describe("beside Make Apps Editor", () => {
  const make = { packageJSON: { version: "2.8.0" } };

  it("offers the hand-over once and, accepted, writes the user's associations", async (t) => {
    const recorded = newRecorded({ "*.md": "markdown", "*.iml.json": "imljson" });
    const { globalState } = await activateIn(
      t,
      {
        settings: {},
        make,
        infoChoice: "Let iml-ls handle them",
        documents: [
          { path: "/app/connections/acme/acme.oauth-communication.iml.json", languageId: "imljson" },
          { path: "/app/makecomapp.json", languageId: "json" },
        ],
      },
      recorded,
    );
    assert.equal(recorded.infos.length, 1);
    assert.match(recorded.infos[0].message, /Make Apps Editor is installed too/);
    assert.match(recorded.infos[0].message, /user settings \(files\.associations\)/);
    assert.deepEqual(recorded.infos[0].items, ["Let iml-ls handle them", "Keep both"]);
    assert.deepEqual(recorded.updates, [
      { section: "files", key: "associations", value: { "*.md": "markdown", ...HANDED_OVER }, target: 1 },
    ]);
    assert.deepEqual(recorded.relabelled, [{ path: "/app/connections/acme/acme.oauth-communication.iml.json", language: OWN }]);
    assert.equal(globalState.get("imlLs.makeAppsEditor.answer"), "accepted");
    assert.ok(recorded.lines.some((line) => /Make Apps Editor 2\.8\.0 is installed; IML JSON files have the language/.test(line)));
    assert.ok(recorded.lines.some((line) => /creates new code files as \*\.iml\.json/.test(line)));

    // The way back restores exactly what was there.
    await recorded.handlers.get("imlLs.makeAppsEditor.share")?.();
    assert.deepEqual(recorded.userAssociations, { "*.md": "markdown", "*.iml.json": "imljson" });
    assert.equal(globalState.get("imlLs.makeAppsEditor.changed"), undefined);
    assert.equal(globalState.get("imlLs.makeAppsEditor.answer"), "declined");
  });

  it("changes nothing when the user keeps both, and does not ask again", async (t) => {
    const recorded = newRecorded();
    const { globalState } = await activateIn(t, { settings: {}, make, infoChoice: "Keep both" }, recorded);
    assert.equal(recorded.infos.length, 1);
    assert.deepEqual(recorded.updates, []);
    assert.equal(globalState.get("imlLs.makeAppsEditor.answer"), "declined");
    assert.ok(recorded.lines.some((line) => /serves IML JSON files too/.test(line)));

    const again = newRecorded();
    await activateIn(t, { settings: {}, make, infoChoice: "Let iml-ls handle them" }, again, globalState);
    assert.deepEqual(again.infos, []);
    assert.deepEqual(again.updates, []);

    // The command still hands over on request, and reads Make's suffix setting.
    await again.handlers.get("imlLs.makeAppsEditor.handOver")?.();
    assert.deepEqual(again.userAssociations, HANDED_OVER);
  });

  it("names the suffix Make's setting gives new files", async (t) => {
    const recorded = newRecorded(HANDED_OVER);
    await activateIn(
      t,
      { settings: { "apps-sdk.localDev.defaultJsoncFileExtension": "jsonc" }, make },
      recorded,
    );
    assert.deepEqual(recorded.infos, [], "already handed over: nothing to offer");
    assert.ok(recorded.lines.some((line) => /creates new code files as \*\.iml\.jsonc/.test(line)));
  });
});
