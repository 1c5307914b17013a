import { strict as assert } from "node:assert";
import { describe, it } from "node:test";
import {
  answerConfiguration,
  initializationOptions,
  normalizeRules,
  readServerSettings,
  type SettingGetter,
} from "../../src/settings";

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
    assert.deepEqual(options, { rules: { C002: "off" } });
  });

  it("sends an empty rules map by default", () => {
    assert.deepEqual(initializationOptions(getter({})), { rules: {} });
  });
});

describe("answerConfiguration", () => {
  const byScope: Record<string, Record<string, unknown>> = {
    "": { rules: { C002: "off" } },
    "file:///app/b": { rules: { C002: "error", I012: "hint" } },
  };
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
        { section: "editor.tabSize" },
      ],
      getterFor,
      (item) => `fallback:${item.section}`,
    );
    assert.deepEqual(answers, [
      { rules: { C002: "off" } },
      { rules: { C002: "error", I012: "hint" } },
      { C002: "off" },
      "hint",
      null,
      { rules: { C002: "off" } },
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
