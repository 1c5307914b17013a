// The "IML: Show flow" page and the bare SVG in a real browser (headless Chromium): the picture
// of the sample connection and of the sample app must draw every node and edge, keep each label
// inside its node and everything inside the page, and a click on a node must post its place.
// A screenshot of each page is kept in out/artifacts/ (IML_LS_ARTIFACTS overrides).
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import { type Browser, chromium, type Page } from "playwright-core";
import { flowPage } from "../../src/flowPage";

const repo = path.resolve(__dirname, "..", "..", "..", "..", "..");
const server = process.env.IML_LS_BIN ?? path.join(repo, "target", "release", "iml-ls");
const app = path.join(repo, "examples", "acme-tasks");
const connection = path.join(app, "connections", "acme-oauth", "acme-oauth.oauth-communication.iml.json");
const artifacts = process.env.IML_LS_ARTIFACTS ?? path.resolve(__dirname, "..", "..", "artifacts");
const browserPath = process.env.CHROMIUM ?? "/usr/bin/chromium";

function graph(target: string): string {
  return execFileSync(server, ["graph", "--format", "svg", target], { encoding: "utf8" });
}

interface Drawn {
  nodes: Array<{ id: string; kind: string; file: string; line: number; column: number; labelInside: boolean; width: number }>;
  edges: Array<{ from: string; to: string; drawn: boolean }>;
  outsideSvg: number;
  scrollWidth: number;
  innerWidth: number;
}

/** What the page drew, measured by the browser's own layout. */
async function measure(page: Page): Promise<Drawn> {
  return page.evaluate(() => {
    const svg = document.querySelector("svg")!.getBoundingClientRect();
    const inside = (box: DOMRect, outer: DOMRect, slack = 1) =>
      box.left >= outer.left - slack &&
      box.right <= outer.right + slack &&
      box.top >= outer.top - slack &&
      box.bottom <= outer.bottom + slack;
    const nodes = [...document.querySelectorAll<SVGGElement>("g.iml-node")].map((node) => {
      const box = node.getBoundingClientRect();
      // Each node's label is the text element drawn right after it.
      const label = node.nextElementSibling;
      const labelBox = label?.tagName === "text" ? label.getBoundingClientRect() : undefined;
      return {
        id: node.dataset.node ?? "",
        kind: node.dataset.kind ?? "",
        file: node.dataset.file ?? "",
        line: Number(node.dataset.line),
        column: Number(node.dataset.column),
        labelInside: labelBox !== undefined && labelBox.width > 0 && inside(labelBox, box, 2),
        width: box.width,
      };
    });
    const edges = [...document.querySelectorAll<SVGGElement>("g.iml-edge")].map((edge) => {
      const box = edge.getBoundingClientRect();
      return {
        from: edge.dataset.from ?? "",
        to: edge.dataset.to ?? "",
        drawn: edge.querySelector("path, line, polyline") !== null && box.width + box.height > 0,
      };
    });
    const outsideSvg = [...document.querySelectorAll("svg g, svg text")].filter(
      (element) => !inside(element.getBoundingClientRect(), svg),
    ).length;
    return {
      nodes,
      edges,
      outsideSvg,
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    };
  });
}

function assertWellDrawn(drawn: Drawn, atLeast: { nodes: number; edges: number }): void {
  assert.ok(drawn.nodes.length >= atLeast.nodes, `${drawn.nodes.length} nodes`);
  assert.ok(drawn.edges.length >= atLeast.edges, `${drawn.edges.length} edges`);
  const ids = new Set(drawn.nodes.map((node) => node.id));
  for (const node of drawn.nodes) {
    assert.ok(node.width > 0, `node ${node.id} has no width`);
    assert.ok(node.labelInside, `the label of ${node.id} leaves its node`);
  }
  for (const edge of drawn.edges) {
    assert.ok(edge.drawn, `edge ${edge.from} -> ${edge.to} is not drawn`);
    assert.ok(ids.has(edge.from) && ids.has(edge.to), `edge ${edge.from} -> ${edge.to} misses a node`);
  }
  assert.equal(drawn.outsideSvg, 0, "elements drawn outside the picture");
  assert.ok(drawn.scrollWidth <= drawn.innerWidth, `page scrolls sideways: ${drawn.scrollWidth} > ${drawn.innerWidth}`);
}

describe("the flow picture in headless Chromium", () => {
  let browser: Browser;

  before(async () => {
    fs.mkdirSync(artifacts, { recursive: true });
    browser = await chromium.launch({
      executablePath: browserPath,
      // No sandbox as root in CI; no background traffic on a closed network.
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
  });

  after(async () => {
    await browser?.close();
  });

  async function webview(svg: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 900, height: 700 } });
    // The webview's host API, recording what the page posts.
    await page.addInitScript(() => {
      const posted: unknown[] = [];
      (window as unknown as { posted: unknown[] }).posted = posted;
      (window as unknown as { acquireVsCodeApi: unknown }).acquireVsCodeApi = () => ({
        postMessage: (message: unknown) => posted.push(message),
      });
    });
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    // Served at a made-up address (no network is involved): init scripts run on navigation.
    const html = flowPage(svg, { title: "Flow", nonce: "bm9uY2U=", cspSource: "vscode-resource:" });
    await page.route("http://flow.invalid/", (route) => route.fulfill({ contentType: "text/html", body: html }));
    await page.goto("http://flow.invalid/");
    assert.deepEqual(errors, [], "the page logged errors (a blocked script or resource)");
    return page;
  }

  it("draws the sample connection's sections and data edges, and a click opens the section", async () => {
    const page = await webview(graph(connection));
    const drawn = await measure(page);
    assertWellDrawn(drawn, { nodes: 5, edges: 8 });
    const sections = drawn.nodes.filter((node) => node.kind === "section").map((node) => node.id);
    for (const section of ["authorize", "token", "info", "refresh"]) {
      assert.ok(sections.includes(section), `no ${section} node: ${sections}`);
    }
    await page.screenshot({ path: path.join(artifacts, "flow-connection.png"), fullPage: true });

    const token = page.locator('g.iml-node[data-node="token"]');
    await token.click();
    const posted = await page.evaluate(() => (window as unknown as { posted: unknown[] }).posted);
    const expected = drawn.nodes.find((node) => node.id === "token")!;
    assert.deepEqual(posted, [{ type: "open", file: expected.file, line: expected.line, column: expected.column }]);
    assert.ok(fs.existsSync(expected.file), expected.file);
    const lines = fs.readFileSync(expected.file, "utf8").split("\n");
    assert.match(lines[expected.line], /"token"/);
    await page.close();
  });

  it("draws the sample app's components", async () => {
    const page = await webview(graph(app));
    assertWellDrawn(await measure(page), { nodes: 4, edges: 4 });
    await page.screenshot({ path: path.join(artifacts, "flow-app.png"), fullPage: true });
    await page.close();
  });

  it("renders the bare SVG file on its own", async () => {
    const file = path.join(artifacts, "flow-connection.svg");
    fs.writeFileSync(file, graph(connection));
    const page = await browser.newPage({ viewport: { width: 1800, height: 1100 } });
    await page.goto(`file://${file}`);
    const counts = await page.evaluate(() => ({
      nodes: document.querySelectorAll("g.iml-node rect").length,
      edges: document.querySelectorAll("g.iml-edge path").length,
      labels: document.querySelectorAll("text").length,
    }));
    assert.ok(counts.nodes >= 5 && counts.edges >= 8 && counts.labels >= counts.nodes, JSON.stringify(counts));
    await page.close();
  });
});
