// Turns the user's `imlLs.*` settings into what the server receives, both as
// `initializationOptions` and as answers to `workspace/configuration`. No `vscode` import here.

export const SECTION = "imlLs";
/** The server also accepts its settings under the binary's name. */
const SECTION_ALIASES = [SECTION, "iml-ls"];

export const RULE_SEVERITIES = ["off", "hint", "info", "warning", "error"] as const;
export type RuleSeverity = (typeof RULE_SEVERITIES)[number];

/** What the server is sent: the rule overrides keyed by rule code, and the inlay hint switches. */
export interface ServerSettings {
  rules: Record<string, RuleSeverity>;
  inlayHints: InlayHintSettings;
}

export interface InlayHintSettings {
  /** Parameter names before the arguments of IML function calls. */
  parameterNames: boolean;
}

/**
 * The top-level keys of `ServerSettings`, below `imlLs`: a change to one of them is forwarded to
 * the running server instead of restarting it.
 */
export const SERVER_SETTING_KEYS: readonly (keyof ServerSettings)[] = ["rules", "inlayHints"];

/** Matches the default declared in package.json and the server's own default. */
export const DEFAULT_INLAY_PARAMETER_NAMES = true;

export interface NormalizedSettings {
  settings: ServerSettings;
  /** Entries that were ignored, each explained in a sentence for the output channel. */
  problems: string[];
}

const RULE_CODE = /^[A-Z][0-9]{3}$/;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Accepts `{ "C002": "off" }` (the `imlLs.rules` object). VS Code folds a dotted key such as
 * `"imlLs.rules.C002": "off"` into the same object; a flat `"rules.C002"` key is accepted too, in
 * case a settings source hands the dotted form through unchanged.
 */
export function normalizeRules(raw: unknown): { rules: Record<string, RuleSeverity>; problems: string[] } {
  const rules: Record<string, RuleSeverity> = {};
  const problems: string[] = [];
  if (raw === undefined || raw === null) {
    return { rules, problems };
  }
  if (!isPlainObject(raw)) {
    problems.push(`imlLs.rules must be an object mapping rule codes to severities; got ${JSON.stringify(raw)}.`);
    return { rules, problems };
  }
  for (const [rawKey, rawValue] of Object.entries(raw)) {
    const code = rawKey.replace(/^rules\./, "").trim().toUpperCase();
    if (!RULE_CODE.test(code)) {
      problems.push(`imlLs.rules: "${rawKey}" is not a rule code (expected a letter and three digits, e.g. C002).`);
      continue;
    }
    const severity = typeof rawValue === "string" ? rawValue.trim().toLowerCase() : undefined;
    if (!severity || !(RULE_SEVERITIES as readonly string[]).includes(severity)) {
      problems.push(
        `imlLs.rules.${code}: ${JSON.stringify(rawValue)} is not a severity (use one of ${RULE_SEVERITIES.join(", ")}).`,
      );
      continue;
    }
    rules[code] = severity as RuleSeverity;
  }
  return { rules, problems };
}

/** Reads a setting below `imlLs`, e.g. `get("rules")`; matches `WorkspaceConfiguration.get`. */
export type SettingGetter = (key: string) => unknown;

/** A boolean setting; anything but `true`/`false` falls back to the default and is reported. */
function readBoolean(get: SettingGetter, key: string, fallback: boolean, problems: string[]): boolean {
  const value = get(key);
  if (value === undefined || value === null) {
    return fallback;
  }
  if (typeof value !== "boolean") {
    problems.push(`${SECTION}.${key} must be true or false; got ${JSON.stringify(value)}, using ${fallback}.`);
    return fallback;
  }
  return value;
}

export function readServerSettings(get: SettingGetter): NormalizedSettings {
  const { rules, problems } = normalizeRules(get("rules"));
  const parameterNames = readBoolean(get, "inlayHints.parameterNames", DEFAULT_INLAY_PARAMETER_NAMES, problems);
  return { settings: { rules, inlayHints: { parameterNames } }, problems };
}

export function initializationOptions(get: SettingGetter): ServerSettings {
  return readServerSettings(get).settings;
}

export interface ConfigurationItem {
  scopeUri?: string;
  section?: string;
}

/** Marks an item that belongs to another section and should be answered by the default handler. */
export const NOT_OURS = Symbol("not-ours");

/**
 * Answers one `workspace/configuration` item. `imlLs` (or `iml-ls`) yields the whole `ServerSettings` object;
 * `imlLs.rules` yields the rules map, `imlLs.rules.C002` a single severity (or null),
 * `imlLs.inlayHints.parameterNames` the boolean.
 */
export function answerConfigurationItem(
  item: ConfigurationItem,
  getterFor: (scopeUri: string | undefined) => SettingGetter,
): unknown {
  const section = item.section ?? "";
  const root = SECTION_ALIASES.find((name) => section === name || section.startsWith(`${name}.`));
  if (root === undefined) {
    return NOT_OURS;
  }
  const settings = readServerSettings(getterFor(item.scopeUri ?? undefined)).settings;
  const path = section.slice(root.length).split(".").filter((key) => key.length > 0);
  let value: unknown = settings;
  for (const key of path) {
    if (!isPlainObject(value) || !(key in value)) {
      return null;
    }
    value = value[key];
  }
  return value;
}

/**
 * Answers a whole `workspace/configuration` request. Items of other sections are passed to
 * `fallback` (VS Code's default handler in the extension).
 */
export function answerConfiguration(
  items: readonly ConfigurationItem[],
  getterFor: (scopeUri: string | undefined) => SettingGetter,
  fallback: (item: ConfigurationItem) => unknown = () => null,
): unknown[] {
  return items.map((item) => {
    const answer = answerConfigurationItem(item, getterFor);
    return answer === NOT_OURS ? fallback(item) : answer;
  });
}
