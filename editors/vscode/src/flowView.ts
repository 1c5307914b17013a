// "IML: Show flow": the picture of the current component (a connection's flow, or the flow of the
// connection a module uses) from `iml-ls graph --format svg`, in a webview whose nodes open the
// place they stand for.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as path from "node:path";
import * as vscode from "vscode";
import { flowPage, nodeTarget } from "./flowPage";

const GRAPH_TIMEOUT_MS = 20_000;

function graphSvg(server: string, file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      server,
      ["graph", "--format", "svg", file],
      { timeout: GRAPH_TIMEOUT_MS, maxBuffer: 32 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(stderr.trim() || error.message));
        } else {
          resolve(stdout);
        }
      },
    );
  });
}

export async function showFlow(server: string | undefined): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.uri.scheme !== "file") {
    await vscode.window.showWarningMessage("IML: Show flow needs a saved app file open in the editor.");
    return;
  }
  if (!server) {
    await vscode.window.showErrorMessage("IML: Show flow needs the iml-ls binary; see the IML output.");
    return;
  }
  const file = editor.document.uri.fsPath;
  let svg: string;
  try {
    svg = await graphSvg(server, file);
  } catch (error) {
    await vscode.window.showErrorMessage(`IML: Show flow: ${(error as Error).message}`);
    return;
  }
  const title = `Flow: ${path.basename(file)}`;
  const panel = vscode.window.createWebviewPanel("imlLs.flow", title, vscode.ViewColumn.Beside, {
    enableScripts: true,
    localResourceRoots: [],
  });
  panel.webview.html = flowPage(svg, {
    title,
    nonce: randomBytes(16).toString("base64"),
    cspSource: panel.webview.cspSource,
  });
  panel.webview.onDidReceiveMessage(async (message) => {
    const target = nodeTarget(message);
    if (!target) {
      return;
    }
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(target.file));
    const at = new vscode.Position(target.line, target.column);
    await vscode.window.showTextDocument(document, {
      viewColumn: vscode.ViewColumn.One,
      selection: new vscode.Range(at, at),
    });
  });
}
