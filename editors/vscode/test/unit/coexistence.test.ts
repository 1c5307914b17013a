// The decisions taken beside Make Apps Editor: detection, the mode, the settings proposed and
// undone, who serves which feature, and that package.json, the server and the README agree.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import {
  type Associations,
  associationPatterns,
  currentMode,
  describeMode,
  detectMake,
  FEATURES,
  featureTableMarkdown,
  HAND_OVER_COMMAND,
  IML_JSON_SUFFIXES,
  makeNewFileSuffix,
  OWN_LANGUAGE_ID,
  proposeHandOver,
  restoreAssociations,
  SHARE_COMMAND,
  SHARED_LANGUAGE_ID,
  shouldOffer,
} from "../../src/coexistence";

const extensionRoot = path.resolve(__dirname, "..", "..", "..");
const repoRoot = path.resolve(extensionRoot, "..", "..");
const manifest = JSON.parse(fs.readFileSync(path.join(extensionRoot, "package.json"), "utf8"));

const MAKE = { installed: true, version: "2.8.0" };
const ALL_OWN: Associations = Object.fromEntries(associationPatterns().map((p) => [p, OWN_LANGUAGE_ID]));

describe("detecting Make Apps Editor", () => {
  it("reads presence and version from the extension object", () => {
    assert.deepEqual(detectMake(undefined), { installed: false });
    assert.deepEqual(detectMake({ packageJSON: { version: "2.8.0" } }), MAKE);
    assert.deepEqual(detectMake({ packageJSON: { version: 3 } }), { installed: true, version: undefined });
    assert.deepEqual(detectMake({}), { installed: true, version: undefined });
  });
});

describe("the mode", () => {
  it("is alone without Make's extension, whatever the associations", () => {
    assert.equal(currentMode({ installed: false }, {}), "alone");
    assert.equal(currentMode({ installed: false }, ALL_OWN), "alone");
  });

  it("is shared until every suffix is mapped to iml-ls's language", () => {
    assert.equal(currentMode(MAKE, {}), "shared");
    assert.equal(currentMode(MAKE, { "*.iml.json": OWN_LANGUAGE_ID, "*.imljson": OWN_LANGUAGE_ID }), "shared");
    assert.equal(currentMode(MAKE, ALL_OWN), "handedOver");
    assert.equal(currentMode(MAKE, { ...ALL_OWN, "*.imljson": SHARED_LANGUAGE_ID }), "shared");
  });

  it("offers the hand-over once, and only while both serve the files", () => {
    assert.equal(shouldOffer("shared", undefined), true);
    assert.equal(shouldOffer("shared", "declined"), false);
    assert.equal(shouldOffer("shared", "accepted"), false);
    assert.equal(shouldOffer("alone", undefined), false);
    assert.equal(shouldOffer("handedOver", undefined), false);
  });

  it("describes each mode with the command that changes it", () => {
    assert.match(describeMode("alone", { installed: false }), /not installed/);
    assert.match(describeMode("shared", MAKE), /Make Apps Editor 2\.8\.0 .*second set.*Let iml-ls handle IML JSON files/);
    assert.match(describeMode("handedOver", MAKE), /iml-ls-imljson.*Share IML JSON files with Make Apps Editor again/);
  });
});

describe("the settings proposed", () => {
  it("maps every IML JSON suffix to iml-ls's language in empty settings", () => {
    const proposal = proposeHandOver({});
    assert.deepEqual(proposal.next, ALL_OWN);
    assert.deepEqual(proposal.changed, { "*.iml.json": null, "*.imljson": null, "*.iml.jsonc": null });
    assert.deepEqual(proposal.keptByUser, []);
  });

  it("keeps the user's other entries and their deliberate choices", () => {
    const before = { "*.imljson": SHARED_LANGUAGE_ID, "*.iml.json": "jsonc", "**/general/common.json": "imljson" };
    const proposal = proposeHandOver(before);
    assert.deepEqual(proposal.next, {
      "*.imljson": OWN_LANGUAGE_ID,
      "*.iml.json": "jsonc",
      "**/general/common.json": "imljson",
      "*.iml.jsonc": OWN_LANGUAGE_ID,
    });
    assert.deepEqual(proposal.changed, { "*.imljson": SHARED_LANGUAGE_ID, "*.iml.jsonc": null });
    assert.deepEqual(proposal.keptByUser, [{ pattern: "*.iml.json", language: "jsonc" }]);
  });

  it("changes nothing when the hand-over is already in place", () => {
    const proposal = proposeHandOver(ALL_OWN);
    assert.deepEqual(proposal.next, ALL_OWN);
    assert.deepEqual(proposal.changed, {});
  });

  it("is undone exactly, back to the settings the user had", () => {
    const cases: Associations[] = [
      {},
      { "*.imljson": SHARED_LANGUAGE_ID },
      { "*.iml.json": "jsonc", "*.md": "markdown" },
      { "*.iml.jsonc": SHARED_LANGUAGE_ID, "**/general/common.json": "imljson" },
    ];
    for (const before of cases) {
      const proposal = proposeHandOver(before);
      const restored = restoreAssociations(proposal.next, proposal.changed);
      assert.deepEqual(restored ?? {}, before, JSON.stringify(before));
      if (Object.keys(before).length === 0) assert.equal(restored, undefined);
    }
  });

  it("leaves a pattern the user remapped after the hand-over", () => {
    const proposal = proposeHandOver({});
    const edited = { ...proposal.next, "*.imljson": "json" };
    assert.deepEqual(restoreAssociations(edited, proposal.changed), { "*.imljson": "json" });
  });

  it("follows Make's suffix setting for the files it creates", () => {
    assert.equal(makeNewFileSuffix(undefined), ".iml.json");
    assert.equal(makeNewFileSuffix("json"), ".iml.json");
    assert.equal(makeNewFileSuffix("jsonc"), ".iml.jsonc");
    assert.ok(IML_JSON_SUFFIXES.includes(makeNewFileSuffix("jsonc")));
  });
});

describe("who serves what", () => {
  it("leaves one owner of every editing feature after the hand-over", () => {
    for (const feature of FEATURES) {
      assert.notEqual(feature.handedOver, "both", feature.name);
      if (feature.alone === "iml-ls") assert.equal(feature.handedOver, "iml-ls", feature.name);
    }
  });

  it("keeps Make's commands and views Make's in both modes", () => {
    const makeOnly = FEATURES.filter((feature) => feature.shared === "Make Apps Editor");
    assert.ok(makeOnly.some((feature) => feature.name.includes("Deploy, pull, compare")));
    for (const feature of makeOnly) assert.equal(feature.handedOver, "Make Apps Editor", feature.name);
  });

  it("is the table editors/README.md shows", () => {
    const readme = fs.readFileSync(path.join(repoRoot, "editors", "README.md"), "utf8");
    assert.ok(readme.includes(featureTableMarkdown()), `editors/README.md lacks:\n${featureTableMarkdown()}`);
  });
});

describe("package.json and the server agree", () => {
  const languages: Array<{ id: string; extensions?: string[] }> = manifest.contributes.languages;
  const grammars: Array<{ language?: string; scopeName: string; injectTo?: string[] }> = manifest.contributes.grammars;

  it("registers the shared language for every suffix the server reads", () => {
    const rust = fs.readFileSync(path.join(repoRoot, "server", "analysis", "src", "app_files.rs"), "utf8");
    const line = rust.match(/pub const IML_JSON_SUFFIXES: \[&str; \d+\] = \[([^\]]*)\]/);
    assert.ok(line, "IML_JSON_SUFFIXES in app_files.rs");
    const serverSuffixes = [...line[1].matchAll(/"([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(serverSuffixes, [...IML_JSON_SUFFIXES]);
    assert.deepEqual(languages.find((l) => l.id === SHARED_LANGUAGE_ID)?.extensions, [...IML_JSON_SUFFIXES]);
  });

  it("gives iml-ls's own language no suffix, so only the association selects it", () => {
    const own = languages.find((l) => l.id === OWN_LANGUAGE_ID);
    assert.ok(own, "own language registered");
    assert.equal(own.extensions, undefined);
  });

  it("colours both languages with a grammar scope Make's extension does not claim", () => {
    const scopes = new Set(
      grammars.filter((g) => g.language === SHARED_LANGUAGE_ID || g.language === OWN_LANGUAGE_ID).map((g) => g.scopeName),
    );
    assert.equal(scopes.size, 1);
    const [scope] = scopes;
    assert.notEqual(scope, "source.imljson");
    const injection = grammars.find((g) => g.scopeName === "iml.injection");
    assert.deepEqual(injection?.injectTo, [scope, "source.imljson"]);
  });

  it("names the two commands as the messages do", () => {
    const commands: Array<{ command: string; title: string }> = manifest.contributes.commands;
    for (const expected of [HAND_OVER_COMMAND, SHARE_COMMAND]) {
      assert.equal(commands.find((c) => c.command === expected.command)?.title, expected.title);
    }
  });
});
