/**
 * A definition file holds no credential. Where a connector has one (a credential path: an auth
 * field mutation's `default`), the file may hold a placeholder instead:
 *
 *     "default": { "$secretConfig": "acme-crm-password" }
 *
 * which stands for the secret config value `acme-crm-password` of the stack being applied. It is
 * an object where Scalekit takes a string, so it cannot be mistaken for a password or for
 * Scalekit's own `{{param}}` syntax, and `$` starts no key Scalekit serves.
 */
import { credentialPaths, isSecretConfigPlaceholder, SECRET_CONFIG_KEY, type SecretConfigPlaceholder } from "./operations/credential-paths";
import type { DefinitionFile } from "./definition-files";
import { formatPropertyPath } from "./codec";
import { isPlainObject } from "./schema/schema-tree";
import { valueAtPath, type PropertyPath } from "./schema/property-path";

/** What a config key may be: a letter, then letters, digits, `-`, `_` or `.` (Pulumi's config names, without a namespace). */
const configKeyPattern = /^[A-Za-z][A-Za-z0-9_.-]*$/;

export { isSecretConfigPlaceholder, SECRET_CONFIG_KEY, type SecretConfigPlaceholder };

/** The placeholder for a config key. */
export function secretConfigPlaceholder(configKey: string): SecretConfigPlaceholder {
  return { [SECRET_CONFIG_KEY]: configKey };
}

/** Where a payload holds a placeholder: the path from the payload's root, and the config key it names. */
export interface PlaceholderSite {
  path: PropertyPath;
  configKey: string;
}

/** A copy of `root` with the value at each path replaced (only along the paths is anything copied). */
function replacedAt(root: Record<string, unknown>, replacements: readonly { path: PropertyPath; value: unknown }[]): Record<string, unknown> {
  const copy = (node: unknown, path: PropertyPath, value: unknown): unknown => {
    if (path.length === 0) return value;
    const [head, ...rest] = path;
    const clone = (Array.isArray(node) ? [...(node as unknown[])] : { ...(node as Record<string, unknown>) }) as Record<string | number, unknown>;
    clone[head] = copy(clone[head], rest, value);
    return clone;
  };
  return replacements.reduce<Record<string, unknown>>((node, { path, value }) => copy(node, path, value) as Record<string, unknown>, root);
}

/** The credential paths of a Scalekit payload, from its root (credentialPaths of the payload form, its prefix dropped). */
export function payloadCredentialPaths(payload: unknown): PropertyPath[] {
  if (!isPlainObject(payload)) return [];
  return credentialPaths({ scalekitPayload: payload } as never).map((path) => path.slice(1));
}

/** Every placeholder of a payload (only credential paths may hold one). */
export function placeholderSites(payload: unknown): PlaceholderSite[] {
  return payloadCredentialPaths(payload).flatMap((path) => {
    const value = valueAtPath(payload, path);
    return isSecretConfigPlaceholder(value) && typeof value[SECRET_CONFIG_KEY] === "string" ? [{ path, configKey: value[SECRET_CONFIG_KEY] }] : [];
  });
}

/** Problems with the placeholders of one file: a bad config key, or a placeholder where no credential goes. `file: property: rule`. */
export function placeholderProblems(file: string, payload: unknown): string[] {
  const allowed = new Set(payloadCredentialPaths(payload).map((path) => JSON.stringify(path)));
  const problems: string[] = [];
  const visit = (node: unknown, path: PropertyPath): void => {
    if (isSecretConfigPlaceholder(node)) {
      const where = `${file}: ${formatPropertyPath(path, "payload")}`;
      const key = node[SECRET_CONFIG_KEY];
      if (!allowed.has(JSON.stringify(path))) {
        problems.push(`${where}: a {"${SECRET_CONFIG_KEY}": ...} placeholder stands only for a credential, the default of an auth field mutation (auth_patterns[i].auth_field_mutations.<field>.default)`);
      } else if (typeof key !== "string" || !configKeyPattern.test(key)) {
        problems.push(`${where}: ${SECRET_CONFIG_KEY} must name a config key: a letter, then letters, digits, "-", "_" or "." (e.g. "acme-crm-password"), not ${JSON.stringify(key)}`);
      }
      return;
    }
    if (Array.isArray(node)) node.forEach((item, index) => visit(item, [...path, index]));
    else if (isPlainObject(node)) for (const [key, item] of Object.entries(node)) visit(item, [...path, key]);
  };
  visit(payload, []);
  return problems;
}

/** A stand-in for every placeholder, so that the rest of the payload can be checked before the secrets are known. */
export function withPlaceholderStandIns(payload: unknown): unknown {
  if (!isPlainObject(payload)) return payload;
  return replacedAt(payload, placeholderSites(payload).map((site) => ({ path: site.path, value: `placeholder-for-${site.configKey}` })));
}

/** A placeholder whose config value the stack does not set. */
export interface MissingSecretConfig {
  file: string;
  site: PlaceholderSite;
}

/** Raised before anything is registered or sent when a placeholder has no config value. */
export class MissingSecretConfigError extends Error {
  override readonly name = "MissingSecretConfigError";
  constructor(
    readonly stackName: string,
    readonly missing: readonly MissingSecretConfig[],
  ) {
    const keys = [...new Set(missing.map((entry) => entry.site.configKey))];
    super(
      [
        ...missing.map(
          (entry) =>
            `${entry.file}: ${formatPropertyPath(entry.site.path, "payload")}: takes its value from the secret config value "${entry.site.configKey}", which stack "${stackName}" does not set.`,
        ),
        `Set ${keys.length === 1 ? "it" : "them"} as secret config of the stack (Pulumi asks for the value and stores it encrypted), then run the command again:`,
        ...keys.map((key) => `  npm run pulumi -- config set --secret ${key} --stack ${stackName}`),
      ].join("\n"),
    );
  }
}

/** A definition file with every placeholder replaced by its config value (of type T: a string, or a secret Output). */
export interface ResolvedDefinitionFile<T> {
  name: string;
  file: string;
  payload: Record<string, unknown>;
  /** The placeholders that were replaced, with the keys they named. */
  sites: PlaceholderSite[];
  /** The value each placeholder took, in the order of `sites`. */
  values: T[];
}

/**
 * Replaces every placeholder of every file with `lookup(configKey)`. When any has no value, one
 * MissingSecretConfigError names every file, property and key, and the commands that set them.
 */
export function resolveSecretConfigPlaceholders<T>(files: readonly DefinitionFile[], stack: string, lookup: (configKey: string) => T | undefined): ResolvedDefinitionFile<T>[] {
  const missing: MissingSecretConfig[] = [];
  const resolved = files.map((entry) => {
    const payload = entry.payload as Record<string, unknown>;
    const sites = placeholderSites(payload);
    const values = sites.map((site) => lookup(site.configKey));
    sites.forEach((site, index) => {
      if (values[index] === undefined) missing.push({ file: entry.file, site });
    });
    const replaced = sites.length === 0 ? payload : replacedAt(payload, sites.map((site, index) => ({ path: site.path, value: values[index] })));
    return { name: entry.name, file: entry.file, payload: replaced, sites, values: values as T[] };
  });
  if (missing.length > 0) throw new MissingSecretConfigError(stack, missing);
  return resolved;
}

/**
 * The config key pull gives a credential of a new file: the file's base name and the field
 * (`acme-crm-password`), with the pattern's number after it past the first pattern
 * (`acme-crm-password-2`).
 */
export function placeholderConfigKey(fileBase: string, path: PropertyPath): string {
  const field = String(path[path.length - 2]);
  const pattern = Number(path[1]);
  const key = `${fileBase}-${field}${pattern > 0 ? `-${pattern + 1}` : ""}`;
  return configKeyPattern.test(key) ? key : `connector-${key}`.replace(/[^A-Za-z0-9_.-]/g, "-");
}

/**
 * A payload with every credential replaced by a placeholder (for a file pull writes): the new
 * payload and where each placeholder went. The credentials themselves are not returned.
 */
export function withSecretConfigPlaceholders(payload: Record<string, unknown>, fileBase: string): { payload: Record<string, unknown>; sites: PlaceholderSite[] } {
  const sites = payloadCredentialPaths(payload)
    .filter((path) => !isSecretConfigPlaceholder(valueAtPath(payload, path)))
    .map((path) => ({ path, configKey: placeholderConfigKey(fileBase, path) }));
  return { payload: replacedAt(payload, sites.map((site) => ({ path: site.path, value: secretConfigPlaceholder(site.configKey) }))), sites };
}
