// The flow page as text: a policy that lets only its own script run, the SVG inlined without its
// XML prolog, and only well-formed "open" messages taken from the page.
import { strict as assert } from "node:assert";
import { describe, it } from "node:test";
import { flowPage, nodeTarget } from "../../src/flowPage";

const svg = '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><g class="iml-node"></g></svg>';

describe("flow page", () => {
  it("allows only the nonced script and loads nothing from elsewhere", () => {
    const html = flowPage(svg, { title: "Flow <x>", nonce: "abc123", cspSource: "vscode-resource:" });
    const policy = /Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1] ?? "";
    assert.match(policy, /default-src 'none'/);
    assert.match(policy, /script-src 'nonce-abc123'/);
    assert.doesNotMatch(policy, /https?:/);
    assert.equal((html.match(/<script/g) ?? []).length, 1);
    assert.match(html, /<script nonce="abc123">/);
    assert.match(html, /<title>Flow &#60;x&#62;<\/title>/);
  });

  it("inlines the SVG without its XML prolog", () => {
    const html = flowPage(svg, { title: "t", nonce: "n", cspSource: "s" });
    assert.doesNotMatch(html, /<\?xml/);
    assert.match(html, /<main><svg xmlns/);
  });

  it("takes only open messages with a file and zero-based counts", () => {
    assert.deepEqual(nodeTarget({ type: "open", file: "/a.iml.json", line: 3, column: 2 }), {
      file: "/a.iml.json",
      line: 3,
      column: 2,
    });
    for (const bad of [
      null,
      "open",
      { type: "open", file: "", line: 0, column: 0 },
      { type: "open", file: "/a", line: -1, column: 0 },
      { type: "open", file: "/a", line: 1.5, column: 0 },
      { type: "open", file: "/a", line: Number.NaN, column: 0 },
      { type: "other", file: "/a", line: 0, column: 0 },
    ]) {
      assert.equal(nodeTarget(bad), undefined, JSON.stringify(bad));
    }
  });
});
