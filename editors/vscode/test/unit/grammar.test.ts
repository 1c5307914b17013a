// Tokenizes IML JSON with the shipped grammars, the way VS Code does (vscode-textmate + Oniguruma).
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { before, describe, it } from "node:test";
import * as oniguruma from "vscode-oniguruma";
import * as textmate from "vscode-textmate";

const extensionRoot = path.resolve(__dirname, "..", "..", "..");
const syntaxes = path.join(extensionRoot, "syntaxes");

interface Token {
  text: string;
  scopes: string[];
}

let grammar: textmate.IGrammar;

function tokenize(source: string): Token[][] {
  let state = textmate.INITIAL;
  return source.split("\n").map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((token) => ({
      text: line.slice(token.startIndex, token.endIndex),
      scopes: token.scopes,
    }));
  });
}

/** The innermost scope of the first token whose text is exactly `text`. */
function scopeOf(lines: Token[][], text: string): string {
  for (const tokens of lines) {
    const token = tokens.find((candidate) => candidate.text === text);
    if (token) {
      return token.scopes[token.scopes.length - 1];
    }
  }
  throw new Error(`no token "${text}" in ${JSON.stringify(lines.map((l) => l.map((t) => t.text)))}`);
}

function scopesOf(lines: Token[][], text: string): string[] {
  for (const tokens of lines) {
    const token = tokens.find((candidate) => candidate.text === text);
    if (token) return token.scopes;
  }
  throw new Error(`no token "${text}"`);
}

const OWN_SCOPE = "source.iml-ls.imljson";

/**
 * A stand-in for another extension's `source.imljson` grammar (Make Apps Editor ships one): plain
 * JSON whose strings are `string.quoted.double.json`. Written for this test.
 */
const OTHER_IMLJSON_GRAMMAR = JSON.stringify({
  scopeName: "source.imljson",
  patterns: [{ include: "#string" }, { match: "[{}:,\\[\\]]", name: "punctuation.json" }],
  repository: {
    string: {
      name: "string.quoted.double.json",
      begin: '"',
      end: '"',
      patterns: [{ match: "\\\\.", name: "constant.character.escape.json" }],
    },
  },
});

async function loadGrammar(scopeName: string): Promise<textmate.IGrammar> {
  const files: Record<string, string> = {
    [OWN_SCOPE]: "imljson.tmLanguage.json",
    "iml.injection": "iml.injection.tmLanguage.json",
  };
  const manifest = JSON.parse(fs.readFileSync(path.join(extensionRoot, "package.json"), "utf8"));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scope) => {
      if (scope === "source.imljson") return textmate.parseRawGrammar(OTHER_IMLJSON_GRAMMAR, "other.json");
      const file = files[scope];
      if (!file) return null;
      const text = fs.readFileSync(path.join(syntaxes, file), "utf8");
      return textmate.parseRawGrammar(text, path.join(syntaxes, file));
    },
    // Mirrors `contributes.grammars[].injectTo` in package.json.
    getInjections: (scope) =>
      manifest.contributes.grammars
        .filter((g: { injectTo?: string[] }) => g.injectTo?.includes(scope))
        .map((g: { scopeName: string }) => g.scopeName),
  });
  const loaded = await registry.loadGrammar(scopeName);
  assert.ok(loaded, `grammar ${scopeName} loads`);
  return loaded;
}

before(async () => {
  const wasm = fs.readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm"));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
});

describe("IML injection grammar in another source.imljson grammar", () => {
  it("still colours IML when the other grammar wins the language", async () => {
    grammar = await loadGrammar("source.imljson");
    const lines = tokenize('{ "url": "Bearer {{ifempty(connection.accessToken, 1)}}" }');
    assert.equal(scopeOf(lines, "Bearer "), "string.quoted.double.json");
    assert.equal(scopeOf(lines, "{{"), "punctuation.section.embedded.begin.iml");
    assert.equal(scopeOf(lines, "ifempty"), "entity.name.function.iml");
    assert.equal(scopeOf(lines, "accessToken"), "variable.other.property.iml");
  });
});

describe("IML injection grammar", () => {
  before(async () => {
    grammar = await loadGrammar(OWN_SCOPE);
  });

  it("highlights JSONC structure and comments", () => {
    const lines = tokenize(['{', '  // line comment', '  /* block */ "url": "/v1", "n": 2, "b": true', "}"].join("\n"));
    assert.equal(scopeOf(lines, "// line comment".slice(2)), "comment.line.double-slash.imljson");
    assert.equal(scopeOf(lines, " block "), "comment.block.imljson");
    assert.equal(scopeOf(lines, "url"), "support.type.property-name.imljson");
    assert.equal(scopeOf(lines, "/v1"), "string.quoted.double.imljson");
    assert.equal(scopeOf(lines, "2"), "constant.numeric.imljson");
    assert.equal(scopeOf(lines, "true"), "constant.language.imljson");
  });

  it("highlights an expression inside a string value", () => {
    const source =
      '{ "url": "Bearer {{ifempty(parameters.`First Name`, connection.accessToken) + \'x\' == 1.5 && !undefined}}" }';
    const lines = tokenize(source);
    assert.equal(scopeOf(lines, "Bearer "), "string.quoted.double.imljson");
    assert.equal(scopeOf(lines, "{{"), "punctuation.section.embedded.begin.iml");
    assert.equal(scopeOf(lines, "}}"), "punctuation.section.embedded.end.iml");
    assert.equal(scopeOf(lines, "ifempty"), "entity.name.function.iml");
    assert.equal(scopeOf(lines, "parameters"), "variable.other.iml");
    assert.equal(scopeOf(lines, "First Name"), "variable.other.property.quoted.iml");
    assert.equal(scopeOf(lines, "`"), "punctuation.definition.quoted-name.begin.iml");
    assert.equal(scopeOf(lines, "accessToken"), "variable.other.property.iml");
    assert.equal(scopeOf(lines, "+"), "keyword.operator.arithmetic.iml");
    assert.equal(scopeOf(lines, "=="), "keyword.operator.comparison.iml");
    assert.equal(scopeOf(lines, "&&"), "keyword.operator.logical.iml");
    assert.equal(scopeOf(lines, "!"), "keyword.operator.logical.iml");
    assert.equal(scopeOf(lines, "1.5"), "constant.numeric.iml");
    assert.equal(scopeOf(lines, "undefined"), "constant.language.iml");
    assert.equal(scopeOf(lines, "'x'".slice(1, 2)), "string.quoted.single.iml");
    assert.ok(scopesOf(lines, "ifempty").includes("meta.embedded.expression.iml"));
  });

  it("reads an escaped double quote as an IML string", () => {
    const lines = tokenize('{ "a": "{{join(x, \\", \\")}}" }');
    assert.equal(scopeOf(lines, ", "), "string.quoted.double.iml");
    assert.equal(scopeOf(lines, "join"), "entity.name.function.iml");
  });

  it("highlights the spread key", () => {
    const lines = tokenize('{ "{{...}}": "{{omit(parameters, \'date\')}}" }');
    assert.equal(scopeOf(lines, "..."), "keyword.operator.spread.iml");
    assert.equal(scopeOf(lines, "omit"), "entity.name.function.iml");
  });

  it("stops an unclosed expression at the end of its string", () => {
    const lines = tokenize(['{', '  "a": "{{ get(body, ",', '  "b": "plain"', "}"].join("\n"));
    assert.equal(scopeOf(lines, "b"), "support.type.property-name.imljson");
    assert.equal(scopeOf(lines, "plain"), "string.quoted.double.imljson");
    assert.ok(!scopesOf(lines, "plain").includes("meta.embedded.expression.iml"));
  });

  it("leaves comments and text outside braces alone", () => {
    const lines = tokenize('{ "a": "no {expression} here" // {{not}}\n}');
    assert.equal(scopeOf(lines, "no {expression} here"), "string.quoted.double.imljson");
    assert.equal(scopeOf(lines, " {{not}}"), "comment.line.double-slash.imljson");
  });
});
