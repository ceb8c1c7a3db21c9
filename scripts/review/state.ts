import { runPulumiCommand, type PulumiRunResult } from "../lib/pulumi-process";
import { CONNECTOR_RESOURCE_TYPES, resourceNameOf } from "../lib/connector-state";
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
  | { status: "read"; connectors: ReadonlyMap<string, string> }
  | { status: "no-stack"; reason: string }
  | { status: "off" };

/** Reads one stack's state; throws a ReviewError when the stack exists but its state cannot be read. */
export type StackStateReader = (stack: string) => Promise<StackState>;

interface StateResource {
  urn?: unknown;
  type?: unknown;
  id?: unknown;
  delete?: unknown;
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

/** Pulumi's answer for a stack the backend does not have, from the file backend and Pulumi Cloud alike. */
const noSuchStack = /no stack named ['"]?[^'"\s]+['"]? found/i;

/** The last lines of a command's output on one line, for messages. */
function lastLines(text: string, count: number): string {
  return text.trim().split("\n").slice(-count).join(" ").trim();
}

/**
 * Reads stacks' state with `pulumi stack export --stack <stack>`, through this project's Pulumi
 * CLI, in the user's own backend (whatever PULUMI_BACKEND_URL / `pulumi login` say). Secrets
 * stay encrypted (no `--show-secrets`, so no passphrase is needed): the review only needs each
 * connector's id. A stack that does not exist is `no-stack`; any other failure (not logged in,
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
      return { status: "read", connectors: connectorsInState(JSON.parse(result.stdout)) };
    } catch (err) {
      throw new ReviewError(`cannot read the state of stack "${stack}": \`pulumi stack export\` printed something the review does not understand (${(err as Error).message}).`);
    }
  };
}
