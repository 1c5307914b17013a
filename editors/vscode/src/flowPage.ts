// The page of the "IML: Show flow" webview, as plain text: `iml-ls graph --format svg` inside a
// document that loads nothing (a strict content security policy, no network, no fonts), scales
// the picture to the panel's width, and posts the place of a clicked node to the extension.
// Kept free of the `vscode` module so a browser test can render the very same page.

/** Where a node of the picture stands in the app, zero-based as the SVG's data attributes. */
export interface NodeTarget {
  file: string;
  line: number;
  column: number;
}

export interface FlowPageOptions {
  title: string;
  /** The script's nonce; the policy lets no other script run. */
  nonce: string;
  /** The webview's own source (`webview.cspSource`), for nothing but images it may show. */
  cspSource: string;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The SVG without its XML prolog, which is not allowed inside HTML. */
function inlineSvg(svg: string): string {
  return svg.replace(/^\s*<\?xml[^>]*\?>\s*/, "");
}

export function flowPage(svg: string, options: FlowPageOptions): string {
  const nonce = escapeHtml(options.nonce);
  const policy = [
    "default-src 'none'",
    `img-src ${options.cspSource} data:`,
    "style-src 'unsafe-inline'",
    `script-src 'nonce-${nonce}'`,
  ].join("; ");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${policy.replace(/"/g, "&quot;")}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title>
<style>
  html, body { margin: 0; padding: 0; }
  body { background: #ffffff; overflow-x: hidden; }
  main { padding: 8px; box-sizing: border-box; width: 100%; }
  main > svg { display: block; max-width: 100%; height: auto; }
  .iml-node { cursor: pointer; }
  .iml-node:hover rect, .iml-node:focus rect { stroke-width: 3; }
  /* Labels are drawn after their node; clicks on them reach the node below. */
  text { pointer-events: none; }
</style>
</head>
<body>
<main>${inlineSvg(svg)}</main>
<script nonce="${nonce}">
  const host = acquireVsCodeApi();
  for (const node of document.querySelectorAll("g.iml-node")) {
    node.setAttribute("tabindex", "0");
    node.setAttribute("role", "link");
  }
  function open(node) {
    host.postMessage({
      type: "open",
      file: node.dataset.file,
      line: Number(node.dataset.line),
      column: Number(node.dataset.column),
    });
  }
  document.addEventListener("click", (event) => {
    const node = event.target.closest && event.target.closest("g.iml-node");
    if (node && node.dataset.file) open(node);
  });
  document.addEventListener("keydown", (event) => {
    const node = event.target.closest && event.target.closest("g.iml-node");
    if (node && node.dataset.file && (event.key === "Enter" || event.key === " ")) open(node);
  });
</script>
</body>
</html>
`;
}

/** The place a message from the page names, or `undefined` for anything else. */
export function nodeTarget(message: unknown): NodeTarget | undefined {
  if (typeof message !== "object" || message === null) {
    return undefined;
  }
  const { type, file, line, column } = message as Record<string, unknown>;
  const isCount = (value: unknown) => typeof value === "number" && Number.isInteger(value) && value >= 0;
  if (type !== "open" || typeof file !== "string" || file === "" || !isCount(line) || !isCount(column)) {
    return undefined;
  }
  return { file, line: line as number, column: column as number };
}
