// The VS Code side of iml-ls: start the server and pass settings through. Every language feature
// (diagnostics, completion, hover, semantic tokens, ...) comes from the server.
import * as vscode from "vscode";
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
} from "vscode-languageclient/node";
import { OWN_LANGUAGE_ID, SHARED_LANGUAGE_ID } from "./coexistence";
import { showFlow } from "./flowView";
import { registerMakeAppsEditor } from "./makeAppsEditor";
import { resolveServerPath, SERVER_ARGS } from "./serverPath";
import { registerSpecTests } from "./specTestView";
import {
  answerConfiguration,
  initializationOptions,
  readServerSettings,
  SECTION,
  SERVER_SETTING_KEYS,
  type SettingGetter,
} from "./settings";

const CLIENT_ID = "imlLs";
const CLIENT_NAME = "IML Language Server";
/** `imljson` is shared with Make Apps Editor; the other is iml-ls's alone, given by association. */
const LANGUAGE_IDS = [SHARED_LANGUAGE_ID, OWN_LANGUAGE_ID];

let client: LanguageClient | undefined;
/** The binary the client started, which the commands that run the CLI use too. */
let serverBinary: string | undefined;
let output: vscode.LogOutputChannel | undefined;

function getterFor(scopeUri: string | undefined): SettingGetter {
  const scope = scopeUri ? vscode.Uri.parse(scopeUri) : undefined;
  const configuration = vscode.workspace.getConfiguration(SECTION, scope);
  return (key) => configuration.get(key);
}

function reportSettingProblems(): void {
  for (const problem of readServerSettings(getterFor(undefined)).problems) {
    output?.appendLine(`[settings] ${problem}`);
  }
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  const resolution = resolveServerPath({
    configuredPath: vscode.workspace.getConfiguration(SECTION).get<string | null>("server.path"),
    extensionPath: context.extensionPath,
    workspaceFolder: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
    platform: process.platform,
    arch: process.arch,
    pathEnv: process.env.PATH,
    pathExtEnv: process.env.PATHEXT,
  });

  if (resolution.kind === "error") {
    output?.appendLine(`[start] ${resolution.message}`);
    output?.appendLine(`[start] looked at: ${resolution.tried.join(", ") || "(nothing)"}`);
    const openSettings = "Open Settings";
    const choice = await vscode.window.showErrorMessage(resolution.message, openSettings);
    if (choice === openSettings) {
      await vscode.commands.executeCommand("workbench.action.openSettings", `${SECTION}.server.path`);
    }
    return;
  }

  for (const note of resolution.notes) {
    output?.appendLine(`[start] ${note}`);
  }
  output?.appendLine(`[start] ${resolution.path} ${SERVER_ARGS.join(" ")} (from ${resolution.source})`);
  serverBinary = resolution.path;
  const executable = { command: resolution.path, args: [...SERVER_ARGS] };
  const serverOptions: ServerOptions = { run: executable, debug: executable };

  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGE_IDS.flatMap((language) => [
      { scheme: "file", language },
      { scheme: "untitled", language },
    ]),
    outputChannel: output,
    initializationOptions: initializationOptions(getterFor(undefined)),
    middleware: {
      workspace: {
        configuration: async (params, token, next) =>
          Promise.all(
            answerConfiguration(params.items, getterFor, async (item) => {
              // Sections that are not ours go to VS Code's default handler one by one.
              const values = await next({ items: [item] }, token);
              return Array.isArray(values) ? values[0] : null;
            }),
          ),
      },
    },
  };

  reportSettingProblems();
  client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  await client.start();
}

async function stopClient(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) {
    await running.stop();
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  context.subscriptions.push(output);

  context.subscriptions.push(
    vscode.commands.registerCommand("imlLs.restartServer", async () => {
      await stopClient();
      await startClient(context);
    }),
    vscode.commands.registerCommand("imlLs.showOutput", () => output?.show(true)),
    vscode.commands.registerCommand("imlLs.showFlow", () => showFlow(serverBinary)),
    registerSpecTests(() => serverBinary),
    registerMakeAppsEditor(context, (line) => output?.appendLine(line)),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration(`${SECTION}.server.path`)) {
        await stopClient();
        await startClient(context);
        return;
      }
      const forwarded = SERVER_SETTING_KEYS.some((key) => event.affectsConfiguration(`${SECTION}.${key}`));
      if (forwarded && client) {
        reportSettingProblems();
        // The server pulls the new values through workspace/configuration; the payload is
        // included for servers that read it directly.
        await client.sendNotification(DidChangeConfigurationNotification.type, {
          settings: { [SECTION]: readServerSettings(getterFor(undefined)).settings },
        });
      }
    }),
  );

  await startClient(context);
}

export async function deactivate(): Promise<void> {
  await stopClient();
}
