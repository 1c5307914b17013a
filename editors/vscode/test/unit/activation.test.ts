// Loads the bundled extension (dist/extension.js) with a stand-in `vscode` module and checks the
// "server not found" path: an error naming the fix, with a button that opens the setting.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import Module from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";

const bundle = path.resolve(__dirname, "..", "..", "..", "dist", "extension.js");

interface Recorded {
  errors: Array<{ message: string; items: string[] }>;
  executed: Array<{ command: string; args: unknown[] }>;
  commands: string[];
  lines: string[];
  controllers: string[];
}

function fakeVscode(recorded: Recorded, settings: Record<string, unknown>): unknown {
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
    },
    commands: {
      registerCommand: (command: string) => {
        recorded.commands.push(command);
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
      getConfiguration: () => ({ get: (key: string) => settings[key] }),
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

describe("bundled extension", () => {
  it("reports a missing server with the fix and an Open Settings button", async (t) => {
    if (!fs.existsSync(bundle)) {
      assert.fail(`${bundle} is missing: run npm run build first`);
    }
    const recorded: Recorded = { errors: [], executed: [], commands: [], lines: [], controllers: [] };
    const emptyDir = fs.mkdtempSync(path.join(os.tmpdir(), "iml-ls-activate-"));
    const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
    const originalLoad = loader._load;
    const vscode = fakeVscode(recorded, { "server.path": null, rules: { C002: "off" } });
    loader._load = (request: string, ...rest: unknown[]) => (request === "vscode" ? vscode : originalLoad(request, ...rest));
    const savedPath = process.env.PATH;
    process.env.PATH = emptyDir;
    t.after(() => {
      loader._load = originalLoad;
      process.env.PATH = savedPath;
      fs.rmSync(emptyDir, { recursive: true, force: true });
    });

    const extension = require(bundle) as { activate(context: unknown): Promise<void> };
    await extension.activate({ subscriptions: [], extensionPath: emptyDir });

    assert.deepEqual(recorded.commands.sort(), ["imlLs.restartServer", "imlLs.showFlow", "imlLs.showOutput"]);
    // The Testing view's controller for spec tests.
    assert.deepEqual(recorded.controllers, ["imlLs.specTests"]);
    assert.equal(recorded.errors.length, 1);
    assert.match(recorded.errors[0].message, /not found/);
    assert.match(recorded.errors[0].message, /cargo install --path server\/iml-ls/);
    assert.deepEqual(recorded.errors[0].items, ["Open Settings"]);
    assert.deepEqual(recorded.executed, [{ command: "workbench.action.openSettings", args: ["imlLs.server.path"] }]);
    assert.ok(recorded.lines.some((line) => line.includes(path.join(emptyDir, "server", "iml-ls"))));
  });
});
