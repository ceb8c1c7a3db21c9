import { runPulumiCommand, type PulumiRunResult } from "../lib/pulumi-process";
import { CONNECTOR_RESOURCE_TYPES, resourceNameOf } from "../lib/connector-state";
import { formatPropertyPath, isSecretWrapper, payloadProperties, type PropertyPath } from "pulumi-scalekit-connectors/internal";
import { ReviewError } from "./errors";

export { CONNECTOR_RESOURCE_TYPES, resourceNameOf } from "../lib/connector-state";

/**
 * What the review knows of one stack's state:
 * - `read`: the state was read; `connectors` maps each connector resource's name (the definition
 *   file's base name, e.g. `acme-crm`) to its id, Scalekit's identifier in that environment;
 * - `no-stack`: the stack does not exist in the backend, so nothing was ever applied there;
 * - `off`: the state was not read (`--no-state`): every connector is matched by display name.
 */
export type StackState =
  | {
      status: "read";
      connectors: ReadonlyMap<string, string>;
      /** Resource name → the row paths (payload spelling) its inputs or outputs hold as secrets. */
      secretPaths?: ReadonlyMap<string, readonly string[]>;
    }
  | { status: "no-stack"; reason: string }
  | { status: "off" };

/** Reads one stack's state; throws a ReviewError when the stack exists but its state cannot be read. */
export type StackStateReader = (stack: string) => Promise<StackState>;

interface StateResource {
  urn?: unknown;
  type?: unknown;
  id?: unknown;
  delete?: unknown;
  inputs?: unknown;
  outputs?: { identifier?: unknown };
}

/**
 * The connectors a `pulumi stack export` document records: resource name → identifier. Resources
 * waiting to be deleted (`delete: true`, the old half of a replacement) are left out; so are
 * resources without an id (a create that never finished is not in `resources` at all).
 */
export function connectorsInState(exported: unknown): Map<string, string> {
  const deployment = (exported as { deployment?: { resources?: unknown } } | null)?.deployment;
  const resources = deployment?.resources;
  if (resources !== undefined && resources !== null && !Array.isArray(resources)) {
    throw new Error("its deployment.resources is not a list");
  }
  const connectors = new Map<string, string>();
  for (const resource of (resources ?? []) as StateResource[]) {
    if (typeof resource?.type !== "string" || !CONNECTOR_RESOURCE_TYPES.includes(resource.type)) continue;
    if (resource.delete === true || typeof resource.urn !== "string") continue;
    const name = resourceNameOf(resource.urn);
    const identifier = typeof resource.id === "string" && resource.id !== "" ? resource.id : resource.outputs?.identifier;
    if (name === undefined || typeof identifier !== "string" || identifier === "") continue;
    connectors.set(name, identifier);
  }
  return connectors;
}

/** The paths under `value` where exported state holds a secret (an object with Pulumi's secret signature). */
function secretsUnder(value: unknown, path: PropertyPath, into: PropertyPath[]): PropertyPath[] {
  if (isSecretWrapper(value)) into.push(path);
  else if (Array.isArray(value)) value.forEach((item, index) => secretsUnder(item, [...path, index], into));
  else if (value !== null && typeof value === "object") for (const [key, item] of Object.entries(value)) secretsUnder(item, [...path, key], into);
  return into;
}

/**
 * A secret's place in a resource's inputs or outputs as a review row path: typed arguments
 * (`metadata.ticketKey`) respelled as the payload, `scalekitPayload.<path>` as it is. A property
 * that is not a connector field (the identifier, `adopt`), or a whole `scalekitPayload` (which
 * Pulumi marks when any value inside it is secret, without saying which), gives none.
 */
function rowPathOf(path: PropertyPath): string | undefined {
  const inPayload = path[0] === "scalekitPayload" ? path.slice(1) : path;
  if (inPayload.length === 0) return undefined;
  const printed = path[0] === "scalekitPayload" ? formatPropertyPath(inPayload, "payload") : formatPropertyPath(path, "payload");
  const field = printed.split(/[.[]/)[0];
  return (payloadProperties as readonly string[]).includes(field) ? printed : undefined;
}

/** Each connector resource's secret row paths, from a `pulumi stack export` document. */
export function secretPathsInState(exported: unknown): Map<string, string[]> {
  const resources = (exported as { deployment?: { resources?: unknown } } | null)?.deployment?.resources;
  const secrets = new Map<string, string[]>();
  for (const resource of (Array.isArray(resources) ? resources : []) as StateResource[]) {
    if (typeof resource?.type !== "string" || !CONNECTOR_RESOURCE_TYPES.includes(resource.type) || typeof resource.urn !== "string") continue;
    const name = resourceNameOf(resource.urn);
    if (name === undefined) continue;
    const paths = [...secretsUnder(resource.inputs, [], []), ...secretsUnder(resource.outputs, [], [])].flatMap((path) => rowPathOf(path) ?? []);
    if (paths.length > 0) secrets.set(name, [...new Set([...(secrets.get(name) ?? []), ...paths])]);
  }
  return secrets;
}

/** Pulumi's answer for a stack the backend does not have, from the file backend and Pulumi Cloud alike. */
const noSuchStack = /no stack named ['"]?[^'"\s]+['"]? found/i;

/** The last lines of a command's output on one line, for messages. */
function lastLines(text: string, count: number): string {
  return text.trim().split("\n").slice(-count).join(" ").trim();
}

/**
 * Reads stacks' state with `pulumi stack export --stack <stack>`, through this project's Pulumi
 * CLI, in the user's own backend (whatever PULUMI_BACKEND_URL / `pulumi login` say). Secrets
 * stay encrypted (no `--show-secrets`, so no passphrase is needed): the review needs each
 * connector's id, and where its state holds secrets (those values it never shows). A stack that does not exist is `no-stack`; any other failure (not logged in,
 * no CLI) is an error that says how to go on.
 */
export function pulumiStackStateReader(projectDir: string, baseEnv: NodeJS.ProcessEnv = process.env): StackStateReader {
  return async (stack: string): Promise<StackState> => {
    const args = ["stack", "export", "--stack", stack];
    let result: PulumiRunResult | undefined;
    let failure: string | undefined;
    try {
      result = await runPulumiCommand(args, { cwd: projectDir, baseEnv });
      if (result.code !== 0) {
        if (noSuchStack.test(result.output)) return { status: "no-stack", reason: lastLines(result.output, 1) };
        failure = `\`pulumi ${args.join(" ")}\` failed: ${lastLines(result.stderr || result.stdout, 2)}`;
      }
    } catch (err) {
      failure = `no Pulumi CLI (${(err as Error).message})`;
    }
    if (failure !== undefined || result === undefined) {
      throw new ReviewError(
        `cannot read the state of stack "${stack}": ${failure}\n` +
          `The review matches each definition to its connector through the stack's state. Check that you are logged in to the ` +
          `stack's backend (pulumi login, or PULUMI_BACKEND_URL) and run the review from the project folder (or pass --project DIR); ` +
          `or pass --no-state to match connectors by display name only.`,
      );
    }
    try {
      const exported: unknown = JSON.parse(result.stdout);
      return { status: "read", connectors: connectorsInState(exported), secretPaths: secretPathsInState(exported) };
    } catch (err) {
      throw new ReviewError(`cannot read the state of stack "${stack}": \`pulumi stack export\` printed something the review does not understand (${(err as Error).message}).`);
    }
  };
}
