// The VS Code side of living beside Make Apps Editor: detect it, offer the hand-over once, apply
// or undo it in the user's settings with their consent. The decisions are in coexistence.ts.
import * as vscode from "vscode";
import {
  type Answer,
  associationPatterns,
  currentMode,
  describeMode,
  detectMake,
  HAND_OVER_COMMAND,
  IML_JSON_SUFFIXES,
  MAKE_DISPLAY_NAME,
  MAKE_EXTENSION_ID,
  MAKE_JSONC_SETTING,
  makeNewFileSuffix,
  OWN_LANGUAGE_ID,
  proposeHandOver,
  readAssociations,
  restoreAssociations,
  SHARE_COMMAND,
  SHARED_LANGUAGE_ID,
  shouldOffer,
} from "./coexistence";

const ANSWER_KEY = "imlLs.makeAppsEditor.answer";
const CHANGED_KEY = "imlLs.makeAppsEditor.changed";
const ACCEPT = "Let iml-ls handle them";
const DECLINE = "Keep both";

type Log = (line: string) => void;

function make() {
  return detectMake(vscode.extensions.getExtension(MAKE_EXTENSION_ID));
}

function userAssociations() {
  return readAssociations(vscode.workspace.getConfiguration("files").inspect("associations")?.globalValue);
}

function effectiveMode() {
  return currentMode(make(), readAssociations(vscode.workspace.getConfiguration("files").get("associations")));
}

/** Open IML JSON documents move to `language` now rather than when they are next opened. */
async function relabelOpenDocuments(from: string, to: string): Promise<void> {
  for (const document of vscode.workspace.textDocuments) {
    if (document.languageId === from && IML_JSON_SUFFIXES.some((suffix) => document.uri.path.endsWith(suffix))) {
      await vscode.languages.setTextDocumentLanguage(document, to);
    }
  }
}

async function handOver(context: vscode.ExtensionContext, log: Log): Promise<void> {
  const proposal = proposeHandOver(userAssociations());
  for (const kept of proposal.keptByUser) {
    log(`[make] left "${kept.pattern}": "${kept.language}" in files.associations as you set it`);
  }
  const earlier = context.globalState.get<Record<string, string | null>>(CHANGED_KEY) ?? {};
  await vscode.workspace
    .getConfiguration("files")
    .update("associations", proposal.next, vscode.ConfigurationTarget.Global);
  await context.globalState.update(CHANGED_KEY, { ...proposal.changed, ...earlier });
  await context.globalState.update(ANSWER_KEY, "accepted" satisfies Answer);
  await relabelOpenDocuments(SHARED_LANGUAGE_ID, OWN_LANGUAGE_ID);
  const mode = effectiveMode();
  log(`[make] ${describeMode(mode, make())}`);
  // Not the user's own mappings (logged above), so a workspace setting overrides the user one.
  if (mode !== "handedOver" && make().installed && proposal.keptByUser.length === 0) {
    log("[make] a workspace files.associations entry still maps IML JSON files to imljson and wins over the user setting");
  }
}

async function share(context: vscode.ExtensionContext, log: Log): Promise<void> {
  const changed = context.globalState.get<Record<string, string | null>>(CHANGED_KEY) ?? {};
  const next = restoreAssociations(userAssociations(), changed);
  await vscode.workspace.getConfiguration("files").update("associations", next, vscode.ConfigurationTarget.Global);
  await context.globalState.update(CHANGED_KEY, undefined);
  await context.globalState.update(ANSWER_KEY, "declined" satisfies Answer);
  await relabelOpenDocuments(OWN_LANGUAGE_ID, SHARED_LANGUAGE_ID);
  log(`[make] ${describeMode(effectiveMode(), make())}`);
}

async function offerOnce(context: vscode.ExtensionContext, log: Log): Promise<void> {
  const mode = effectiveMode();
  log(`[make] ${describeMode(mode, make())}`);
  if (make().installed) {
    const suffix = makeNewFileSuffix(vscode.workspace.getConfiguration().get(MAKE_JSONC_SETTING));
    log(`[make] ${MAKE_DISPLAY_NAME} creates new code files as *${suffix} (${MAKE_JSONC_SETTING}); iml-ls reads every IML JSON suffix`);
  }
  if (!shouldOffer(mode, context.globalState.get<Answer>(ANSWER_KEY))) {
    return;
  }
  // Remembered before the question is answered, so a dismissed message is not shown again.
  await context.globalState.update(ANSWER_KEY, "declined" satisfies Answer);
  const choice = await vscode.window.showInformationMessage(
    `${MAKE_DISPLAY_NAME} is installed too, and both extensions serve IML JSON files: you get two sets ` +
      `of diagnostics, completions and hovers. Let iml-ls handle them? This maps ${associationPatterns().join(", ")} ` +
      `to "IML JSON (iml-ls)" in your user settings (files.associations). Make's deploy, pull, compare and ` +
      `views keep working. "IML: ${SHARE_COMMAND.title}" undoes it.`,
    ACCEPT,
    DECLINE,
  );
  if (choice === ACCEPT) {
    await handOver(context, log);
  }
}

/** Registers the two commands and checks now and whenever extensions are installed or removed. */
export function registerMakeAppsEditor(context: vscode.ExtensionContext, log: Log): vscode.Disposable {
  let installed = make().installed;
  void offerOnce(context, log);
  return vscode.Disposable.from(
    vscode.commands.registerCommand(HAND_OVER_COMMAND.command, () => handOver(context, log)),
    vscode.commands.registerCommand(SHARE_COMMAND.command, () => share(context, log)),
    vscode.extensions.onDidChange(() => {
      const now = make().installed;
      if (now !== installed) {
        installed = now;
        void offerOnce(context, log);
      }
    }),
  );
}
