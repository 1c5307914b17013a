// Living beside Make Apps Editor (Integromat.apps-sdk): what it does on the same files, what to
// propose to the user, and how to undo it. No `vscode` import here, so it is unit-tested in Node.
//
// Facts about Make's extension come from its source, version 2.8.0 (integromat/vscode-apps-sdk):
// - package.json registers the language `imljson` for `.imljson` and `.iml.json` and a TextMate
//   grammar `source.imljson` for it; VS Code keeps one grammar per language, the last loaded.
// - src/LanguageServersSettings.ts starts a JSON-schema language server with the document
//   selector `{ scheme: "file", language: "imljson" }`. It is sent no settings, so
//   `json.validate.enable` and friends cannot switch its diagnostics, completion or hover off.
// - src/extension.ts registers a key hover and a JSONC formatter for `language: "imljson"`.
// - Its explorer and editor menus (deploy, pull, compare, create component) test
//   `resourceFilename` and `resourcePath`, never the language; online mode uploads on save by
//   path. Those keep working whatever language a file has.
// So the one lever that leaves a single set of features is the language of the files: mapped to
// iml-ls's own language id, Make's server, hover and formatter no longer see them.

export const MAKE_EXTENSION_ID = "Integromat.apps-sdk";
export const MAKE_DISPLAY_NAME = "Make Apps Editor";
/** The language both extensions register for IML JSON files. */
export const SHARED_LANGUAGE_ID = "imljson";
/** A language only iml-ls registers, with no file extensions: files get it by association. */
export const OWN_LANGUAGE_ID = "iml-ls-imljson";
/** The file-name suffixes of IML JSON files, as the server recognises them. */
export const IML_JSON_SUFFIXES = [".iml.json", ".imljson", ".iml.jsonc"] as const;
/**
 * Make's setting for the suffix of the files it creates (its PR #373, after 2.8.0): `"json"`
 * gives `.iml.json`, `"jsonc"` gives `.iml.jsonc`. 2.8.0 declares no such setting.
 */
export const MAKE_JSONC_SETTING = "apps-sdk.localDev.defaultJsoncFileExtension";

/** The two commands, as package.json names them (a unit test keeps them equal). */
export const HAND_OVER_COMMAND = { command: "imlLs.makeAppsEditor.handOver", title: "Let iml-ls handle IML JSON files" };
export const SHARE_COMMAND = {
  command: "imlLs.makeAppsEditor.share",
  title: "Share IML JSON files with Make Apps Editor again",
};

export type Mode =
  /** Make's extension is not installed: iml-ls serves every feature. */
  | "alone"
  /** Both extensions serve the files of language `imljson`. */
  | "shared"
  /** Make's extension is installed and every IML JSON suffix is mapped to iml-ls's language. */
  | "handedOver";

export interface MakeExtension {
  installed: boolean;
  version?: string;
}

/** Reads what `vscode.extensions.getExtension(MAKE_EXTENSION_ID)` returned. */
export function detectMake(extension: { packageJSON?: { version?: unknown } } | undefined): MakeExtension {
  if (!extension) {
    return { installed: false };
  }
  const version = extension.packageJSON?.version;
  return { installed: true, version: typeof version === "string" ? version : undefined };
}

/** The `files.associations` patterns that move IML JSON files to iml-ls's language. */
export function associationPatterns(): string[] {
  return IML_JSON_SUFFIXES.map((suffix) => `*${suffix}`);
}

export type Associations = Record<string, string>;

export function readAssociations(raw: unknown): Associations {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return {};
  }
  const associations: Associations = {};
  for (const [pattern, language] of Object.entries(raw)) {
    if (typeof language === "string") {
      associations[pattern] = language;
    }
  }
  return associations;
}

export function currentMode(make: MakeExtension, associations: Associations): Mode {
  if (!make.installed) {
    return "alone";
  }
  const handedOver = associationPatterns().every((pattern) => associations[pattern] === OWN_LANGUAGE_ID);
  return handedOver ? "handedOver" : "shared";
}

/** What the user answered when offered the hand-over; remembered so the offer shows once. */
export type Answer = "accepted" | "declined";

/** Whether to offer the hand-over now: Make's extension is there, and the user was never asked. */
export function shouldOffer(mode: Mode, answer: Answer | undefined): boolean {
  return mode === "shared" && answer === undefined;
}

export interface HandOver {
  /** The user's `files.associations` with iml-ls's entries added. */
  next: Associations;
  /** Each pattern changed, with the value it had before (`null` when it had none), for the undo. */
  changed: Record<string, string | null>;
  /** Patterns the user had mapped to another language on purpose; those are left alone. */
  keptByUser: Array<{ pattern: string; language: string }>;
}

/**
 * The settings change to propose. A pattern already mapped to `imljson` or absent is moved to
 * iml-ls's language; one the user mapped to anything else (`jsonc`, say) is theirs and stays.
 */
export function proposeHandOver(associations: Associations): HandOver {
  const next: Associations = { ...associations };
  const changed: Record<string, string | null> = {};
  const keptByUser: Array<{ pattern: string; language: string }> = [];
  for (const pattern of associationPatterns()) {
    const before = associations[pattern];
    if (before === OWN_LANGUAGE_ID) {
      continue;
    }
    if (before !== undefined && before !== SHARED_LANGUAGE_ID) {
      keptByUser.push({ pattern, language: before });
      continue;
    }
    next[pattern] = OWN_LANGUAGE_ID;
    changed[pattern] = before ?? null;
  }
  return { next, changed, keptByUser };
}

/**
 * The way back: every pattern the hand-over changed gets its earlier value again, unless the user
 * has since mapped it to something else, which is then theirs. Returns `undefined` for
 * `files.associations` when nothing is left in it.
 */
export function restoreAssociations(
  associations: Associations,
  changed: Record<string, string | null>,
): Associations | undefined {
  const next: Associations = { ...associations };
  for (const [pattern, before] of Object.entries(changed)) {
    if (next[pattern] !== OWN_LANGUAGE_ID) {
      continue;
    }
    if (before === null) {
      delete next[pattern];
    } else {
      next[pattern] = before;
    }
  }
  return Object.keys(next).length === 0 ? undefined : next;
}

/** The suffix Make's extension gives the IML JSON files it creates, following its setting. */
export function makeNewFileSuffix(setting: unknown): ".iml.json" | ".iml.jsonc" {
  return setting === "jsonc" ? ".iml.jsonc" : ".iml.json";
}

export type Owner = "iml-ls" | "Make Apps Editor" | "both" | "nobody";

export interface Feature {
  name: string;
  alone: Owner;
  shared: Owner;
  handedOver: Owner;
  /** What the user sees in the shared mode, or why the owner is who it is. */
  note: string;
}

/** Who serves what on IML JSON files, in each mode: the table in editors/README.md. */
export const FEATURES: readonly Feature[] = [
  {
    name: "Diagnostics",
    alone: "iml-ls",
    shared: "both",
    handedOver: "iml-ls",
    note: "shared: Make's JSON-schema server adds its own set, which no setting turns off",
  },
  {
    name: "Completion",
    alone: "iml-ls",
    shared: "both",
    handedOver: "iml-ls",
    note: "shared: one list holding both servers' items, keys twice",
  },
  {
    name: "Hover",
    alone: "iml-ls",
    shared: "both",
    handedOver: "iml-ls",
    note: "shared: iml-ls's hover stacked with the schema server's, and Make's key help once you are logged in",
  },
  {
    name: "Formatting",
    alone: "iml-ls",
    shared: "both",
    handedOver: "iml-ls",
    note: "shared, once you are logged in to Make: two formatters, VS Code asks which is the default",
  },
  {
    name: "Colouring (TextMate grammar)",
    alone: "iml-ls",
    shared: "both",
    handedOver: "iml-ls",
    note: "shared: the grammar loaded last wins; iml-ls's IML injection and semantic tokens colour IML in either",
  },
  {
    name: "Outline, folding, selection ranges",
    alone: "iml-ls",
    shared: "both",
    handedOver: "iml-ls",
    note: "shared: both servers answer",
  },
  {
    name: "Deploy, pull, compare, clone, create component",
    alone: "nobody",
    shared: "Make Apps Editor",
    handedOver: "Make Apps Editor",
    note: "Make's menus test file names and paths, not the language",
  },
  {
    name: "Apps and Open source views, environments",
    alone: "nobody",
    shared: "Make Apps Editor",
    handedOver: "Make Apps Editor",
    note: "independent of the files' language",
  },
  {
    name: "Online mode (upload on save)",
    alone: "nobody",
    shared: "Make Apps Editor",
    handedOver: "Make Apps Editor",
    note: "Make uploads by path",
  },
  {
    name: "Schemas of makecomapp.json, common.json, groups.json",
    alone: "nobody",
    shared: "Make Apps Editor",
    handedOver: "Make Apps Editor",
    note: "those files keep the JSON language, which the hand-over does not touch",
  },
];

export function ownerOf(feature: Feature, mode: Mode): Owner {
  return feature[mode];
}

/** The features table as Markdown, for editors/README.md (a test keeps the two equal). */
export function featureTableMarkdown(): string {
  const cell = (owner: Owner) => (owner === "nobody" ? "—" : owner);
  const rows = FEATURES.map(
    (feature) =>
      `| ${feature.name} | ${cell(feature.alone)} | ${cell(feature.shared)} | ${cell(feature.handedOver)} | ${feature.note} |`,
  );
  return [
    "| Feature | Without Make Apps Editor | With it, both serving the files | With it, after the hand-over | Notes |",
    "|---|---|---|---|---|",
    ...rows,
  ].join("\n");
}

/** One line for the output channel describing the mode. */
export function describeMode(mode: Mode, make: MakeExtension): string {
  const name = `${MAKE_DISPLAY_NAME}${make.version ? ` ${make.version}` : ""}`;
  switch (mode) {
    case "alone":
      return `${MAKE_DISPLAY_NAME} is not installed: iml-ls serves IML JSON files alone.`;
    case "shared":
      return `${name} is installed and serves IML JSON files too: expect a second set of diagnostics, completions and hovers. Run "IML: ${HAND_OVER_COMMAND.title}" to keep one.`;
    case "handedOver":
      return `${name} is installed; IML JSON files have the language ${OWN_LANGUAGE_ID}, so only iml-ls serves their editing features. Make's commands and views work as before. Run "IML: ${SHARE_COMMAND.title}" to undo.`;
  }
}
