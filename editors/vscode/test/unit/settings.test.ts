import { strict as assert } from "node:assert";
import { describe, it } from "node:test";
import * as fs from "node:fs";
import * as path from "node:path";
import {
  answerConfiguration,
  DEFAULT_INLAY_PARAMETER_NAMES,
  initializationOptions,
  normalizeRules,
  readServerSettings,
  SECTION,
  SERVER_SETTING_KEYS,
  type SettingGetter,
} from "../../src/settings";

const packageJson = path.resolve(__dirname, "..", "..", "..", "package.json");

function getter(values: Record<string, unknown>): SettingGetter {
  return (key) => values[key];
}

describe("normalizeRules", () => {
  it("keeps valid codes and severities, normalising case", () => {
    assert.deepEqual(normalizeRules({ C002: "off", i012: "Hint", "rules.J003": "error" }), {
      rules: { C002: "off", I012: "hint", J003: "error" },
      problems: [],
    });
  });

  it("drops bad entries and says why", () => {
    const { rules, problems } = normalizeRules({ C002: "loud", nonsense: "off", R001: 3 });
    assert.deepEqual(rules, {});
    assert.equal(problems.length, 3);
    assert.match(problems[0], /C002: "loud" is not a severity/);
    assert.match(problems[1], /"nonsense" is not a rule code/);
    assert.match(problems[2], /R001: 3 is not a severity/);
  });

  it("treats a missing setting as no overrides and rejects a non-object", () => {
    assert.deepEqual(normalizeRules(undefined), { rules: {}, problems: [] });
    const { rules, problems } = normalizeRules(["C002"]);
    assert.deepEqual(rules, {});
    assert.match(problems[0], /must be an object/);
  });
});

describe("initializationOptions", () => {
  it("sends the rule overrides and nothing client-only", () => {
    const options = initializationOptions(
      getter({ rules: { C002: "off" }, "server.path": "/x/iml-ls", "trace.server": "verbose" }),
    );
    assert.deepEqual(options, { rules: { C002: "off" }, inlayHints: { parameterNames: true } });
  });

  it("sends an empty rules map and parameter name hints on by default", () => {
    assert.deepEqual(initializationOptions(getter({})), { rules: {}, inlayHints: { parameterNames: true } });
  });

  it("forwards parameter name hints switched off", () => {
    const options = initializationOptions(getter({ "inlayHints.parameterNames": false }));
    assert.deepEqual(options.inlayHints, { parameterNames: false });
  });

  it("falls back to the default for a non-boolean switch and says why", () => {
    const { settings, problems } = readServerSettings(getter({ "inlayHints.parameterNames": "no" }));
    assert.equal(settings.inlayHints.parameterNames, true);
    assert.equal(problems.length, 1);
    assert.match(problems[0], /imlLs\.inlayHints\.parameterNames must be true or false; got "no"/);
  });
});

describe("package.json contributions", () => {
  const properties: Record<string, { type?: unknown; default?: unknown }> = JSON.parse(
    fs.readFileSync(packageJson, "utf8"),
  ).contributes.configuration.properties;

  it("declares the parameter name switch as a boolean with the default the extension assumes", () => {
    const declared = properties[`${SECTION}.inlayHints.parameterNames`];
    assert.ok(declared, "imlLs.inlayHints.parameterNames is not contributed");
    assert.equal(declared.type, "boolean");
    assert.equal(declared.default, DEFAULT_INLAY_PARAMETER_NAMES);
  });

  it("declares a setting under every key forwarded to the server", () => {
    for (const key of SERVER_SETTING_KEYS) {
      const declared = Object.keys(properties).some(
        (name) => name === `${SECTION}.${key}` || name.startsWith(`${SECTION}.${key}.`),
      );
      assert.ok(declared, `no setting declared for ${SECTION}.${key}`);
    }
  });
});

describe("answerConfiguration", () => {
  const byScope: Record<string, Record<string, unknown>> = {
    "": { rules: { C002: "off" } },
    "file:///app/b": { rules: { C002: "error", I012: "hint" }, "inlayHints.parameterNames": false },
  };
  const hintsOn = { parameterNames: true };
  const hintsOff = { parameterNames: false };
  const getterFor = (scopeUri: string | undefined) => getter(byScope[scopeUri ?? ""] ?? {});

  it("answers our sections per scope and defers others to the fallback", () => {
    const answers = answerConfiguration(
      [
        { section: "imlLs" },
        { section: "imlLs", scopeUri: "file:///app/b" },
        { section: "imlLs.rules" },
        { section: "imlLs.rules.I012", scopeUri: "file:///app/b" },
        { section: "imlLs.rules.X999" },
        { section: "iml-ls" },
        { section: "imlLs.inlayHints" },
        { section: "imlLs.inlayHints.parameterNames", scopeUri: "file:///app/b" },
        { section: "editor.tabSize" },
      ],
      getterFor,
      (item) => `fallback:${item.section}`,
    );
    assert.deepEqual(answers, [
      { rules: { C002: "off" }, inlayHints: hintsOn },
      { rules: { C002: "error", I012: "hint" }, inlayHints: hintsOff },
      { C002: "off" },
      "hint",
      null,
      { rules: { C002: "off" }, inlayHints: hintsOn },
      hintsOn,
      false,
      "fallback:editor.tabSize",
    ]);
  });

  it("matches the initialization options for the same settings", () => {
    const [answer] = answerConfiguration([{ section: "imlLs" }], getterFor);
    assert.deepEqual(answer, initializationOptions(getterFor(undefined)));
    assert.deepEqual(readServerSettings(getterFor(undefined)).problems, []);
  });

  it("does not claim a section that merely starts with our name", () => {
    const [answer] = answerConfiguration([{ section: "imlLsOther" }], getterFor, () => "theirs");
    assert.equal(answer, "theirs");
  });
});
