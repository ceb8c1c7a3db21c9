/**
 * What pull does with each live connector, decided before anything is written: write a new
 * definition file, or skip it (declared already, several live connectors with its name, or a
 * definition the provider's validation would refuse).
 */
import * as path from "path";
import { checkDefinitionFiles, type NormalizedDefinition } from "pulumi-scalekit-connectors";
import {
  changedProperties,
  connectorNameKey,
  connectorsNamed,
  formatPropertyPath,
  storedToDefinition,
  validateScalekitPayload,
  withSecretConfigPlaceholders,
  type StoredProvider,
} from "pulumi-scalekit-connectors/internal";
import { chooseFileName, declaredName, filesDeclaring, type DeclaringFile } from "./naming";
import { definitionText, payloadFor } from "./payload";

/** A live connector, as the report names it. */
export interface LiveRef {
  displayName: string;
  identifier: string;
}

export type Decision =
  | {
      kind: "write";
      connector: LiveRef;
      /** Base name of the new file, e.g. `acme-crm.json`. */
      fileName: string;
      /** The new file's path as shown (relative to the current folder), e.g. `connectors/acme-crm.json`. */
      file: string;
      /** The file's exact text. */
      text: string;
      /** When the file name had to change because an existing file holds a different connector: that file. */
      nameTakenBy?: { file: string; displayName?: string };
      /** The provider's advice for this definition (`file: property: rule`); it is still applied. */
      warnings: string[];
      /** Properties adoption would still change (none expected: the file is the live connector's canonical form). */
      adoptionChanges: string[];
      /** Credentials the file holds a placeholder for instead of the live value: the property and the config key it names. */
      placeholders: { property: string; configKey: string }[];
    }
  | { kind: "declared"; connector: LiveRef; files: string[] }
  | { kind: "ambiguous"; connectors: LiveRef[] }
  | { kind: "invalid"; connector: LiveRef; file: string; failures: string[] };

export interface PlanInput {
  /** The definitions folder, absolute. */
  dir: string;
  /** Every `*.json` definition already in the folder (path as shown, payload). */
  existing: readonly DeclaringFile[];
  /** Every entry name in the folder (files of any kind), so that no new file replaces one. */
  entries: readonly string[];
  /** Every custom connector live in the environment. */
  live: readonly StoredProvider[];
  /** How a path is shown; default relative to the current folder. */
  show?: (absolute: string) => string;
}

function refOf(provider: StoredProvider): LiveRef {
  return { displayName: provider.displayName, identifier: provider.identifier };
}

/** Display-name order (as names are compared: ignoring case and spaces), then identifier order. */
function byName(a: StoredProvider, b: StoredProvider): number {
  const x = connectorNameKey(a.displayName);
  const y = connectorNameKey(b.displayName);
  return x < y ? -1 : x > y ? 1 : a.identifier < b.identifier ? -1 : a.identifier > b.identifier ? 1 : 0;
}

export function showRelative(absolute: string): string {
  return path.relative(process.cwd(), absolute) || absolute;
}

/** Decides, connector by connector (sorted by display name), what pull does. Pure: reads and writes nothing. */
export function planPull(input: PlanInput): Decision[] {
  const show = input.show ?? showRelative;
  const taken = new Set(input.entries);
  const decisions: Decision[] = [];
  const settled = new Set<string>();
  for (const provider of [...input.live].sort(byName)) {
    if (settled.has(provider.identifier)) continue;
    const declaring = filesDeclaring(provider.displayName, input.existing);
    if (declaring.length > 0) {
      decisions.push({ kind: "declared", connector: refOf(provider), files: declaring.map((entry) => entry.file) });
      settled.add(provider.identifier);
      continue;
    }
    const twins = connectorsNamed(input.live, provider.displayName);
    if (twins.length > 1) {
      decisions.push({ kind: "ambiguous", connectors: [...twins].sort(byName).map(refOf) });
      for (const twin of twins) settled.add(twin.identifier);
      continue;
    }
    settled.add(provider.identifier);
    decisions.push(decide(provider, input, taken, show));
  }
  return decisions;
}

function decide(provider: StoredProvider, input: PlanInput, taken: Set<string>, show: (absolute: string) => string): Decision {
  const fileName = chooseFileName(provider.displayName, taken);
  const file = show(path.join(input.dir, fileName));
  const live = payloadFor(provider);
  // No credential is written: each is a placeholder naming a secret config value of the stack.
  const withPlaceholders = withSecretConfigPlaceholders(live, fileName.slice(0, -".json".length));
  const text = definitionText(withPlaceholders.payload);
  // Checked as written: the text parsed back, through the same check the program runs on every file.
  const payload: unknown = JSON.parse(text);
  const report = checkDefinitionFiles([{ name: fileName.slice(0, -".json".length), file, payload }]);
  if (report.errors.length > 0) return { kind: "invalid", connector: refOf(provider), file, failures: report.errors };
  // A file without placeholders was read whole by the check; one with them is read again with the live credentials.
  const read = report.definitions.get(file);
  taken.add(fileName);
  const firstChoice = chooseFileName(provider.displayName, []);
  const holder = fileName === firstChoice ? undefined : input.existing.find((entry) => path.basename(entry.file).toLowerCase() === firstChoice);
  return {
    kind: "write",
    connector: refOf(provider),
    fileName,
    file,
    text,
    ...(fileName === firstChoice ? {} : { nameTakenBy: { file: holder?.file ?? show(path.join(input.dir, firstChoice)), displayName: holder && declaredName(holder.payload) } }),
    warnings: report.warnings,
    // Compared with the live values the placeholders stand for (as the stack's config will hold them).
    adoptionChanges: adoptionChanges(provider, live, read),
    placeholders: withPlaceholders.sites.map((site) => ({ property: formatPropertyPath(site.path, "payload"), configKey: site.configKey })),
  };
}

/**
 * What `pulumi up --config adoptExisting=true` would still change on the live connector, given
 * the file's definition: as the check read it, or, for a file with placeholders, read here from
 * the live payload (the credentials the placeholders stand for).
 */
function adoptionChanges(provider: StoredProvider, payload: unknown, read: NormalizedDefinition | undefined): string[] {
  let declared = read;
  if (!declared) {
    const result = validateScalekitPayload(payload);
    if (!result.ok) return [];
    declared = result.definition;
  }
  return changedProperties(storedToDefinition(provider), declared);
}
