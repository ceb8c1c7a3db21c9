/**
 * What the serialized provider shim loads at run time, by package name, inside Pulumi's provider
 * host. It holds the process-wide state the shim must never capture: the stack's config (with
 * the client secret), and one Scalekit client and one shared listing per environment.
 *
 * The exported functions are the contract with every shim ever written into a stack's state, and
 * nothing else is exported: configure, check, diff, create, read, update and remove (this
 * version's shim calls configure and remove by name and lends the others to the host through its
 * prototype; 0.1.0's shim calls each of the seven by name). Keep their names and arguments as they
 * are (test/package/exports.test.ts reads the list from both shims).
 */
import * as pulumi from "@pulumi/pulumi";
import { resolveCredentials, type ConfigSource } from "../core/client/credentials";
import { redact } from "../core/client/errors";
import { debugRequested, failureText } from "../core/failure-report";
import { resolveRequestBudget } from "../core/client/request-budget";
import { warn } from "./engine-log";
import { failureForHost } from "./host-error-echo";
import type { ScalekitClient } from "../core/client/scalekit-client";
import { ListingCache } from "../core/operations/listing-cache";
import * as operations from "../core/operations/operations";
import { SecretValues } from "../core/operations/secret-values";
import type { CheckedInputs, ConnectorOutputs, LegacyConnectorOutputs } from "../core/operations/state";

let stackConfig: ConfigSource | undefined;
const environments = new Map<string, operations.Environment>();
/** The credentials declarations hold (credential paths of every call's inputs and outputs): secrets whether or not the program marked them. */
const declaredSecrets = new SecretValues();

function environment(): operations.Environment {
  const credentials = resolveCredentials(stackConfig);
  const key = `${credentials.environmentUrl}\u0000${credentials.clientId}\u0000${credentials.clientSecret}`;
  let found = environments.get(key);
  if (!found) {
    // Loaded on first use: the HTTP stack (undici) is not needed by a preview that calls no API.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { ScalekitClient: Client } = require("../core/client/scalekit-client") as { ScalekitClient: typeof ScalekitClient };
    const client = new Client(credentials, { knownSecrets: () => declaredSecrets.list(), maxRequestsPerMinute: resolveRequestBudget(stackConfig) });
    found = { client, listing: new ListingCache(client) };
    environments.set(key, found);
  }
  return found;
}

/**
 * Every secret this process knows of (client secrets, tokens issued, the credentials declarations
 * hold), so that no message carries one. Not exported: no stored shim calls it, so it is not part
 * of the contract below.
 */
function knownSecrets(): string[] {
  const configured = [stackConfig?.get("scalekit:clientSecret"), process.env.SCALEKIT_CLIENT_SECRET];
  const fromClients = [...environments.values()].flatMap((env) => env.client.secrets());
  return [...configured, ...fromClients, ...declaredSecrets.list()].filter((value): value is string => typeof value === "string" && value !== "");
}

/** Warnings already sent: one provider host serves one command, and each warning is said once in it. */
const warned = new Set<string>();

const context: operations.OperationContext = {
  environment,
  warn: (message) => {
    const text = redact(message, knownSecrets());
    if (warned.has(text)) return;
    warned.add(text);
    warn(text);
  },
};

/** Runs an operation on these inputs and outputs (their credentials remembered first); an error leaves as the one line the user reads (core/failure-report.ts). */
async function guarded<T>(values: unknown[], run: () => Promise<T>): Promise<T> {
  try {
    declaredSecrets.addCredentialsOf(...values);
    return await run();
  } catch (error) {
    throw failureForHost(failureText(error, { secrets: knownSecrets(), debug: debugRequested() }));
  }
}

export async function configure(request: { config: ConfigSource }): Promise<void> {
  stackConfig = request.config;
}

export function check(_olds: unknown, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult> {
  return guarded([_olds, news], () => operations.check(context, news));
}

type StoredOutputs = Partial<ConnectorOutputs> | Partial<LegacyConnectorOutputs>;

export function diff(_id: string, olds: StoredOutputs, news: CheckedInputs): Promise<pulumi.dynamic.DiffResult> {
  return guarded([olds, news], () => operations.diff(context, olds, news));
}

export function create(inputs: CheckedInputs): Promise<pulumi.dynamic.CreateResult> {
  return guarded([inputs], () => operations.create(context, inputs));
}

export function read(id: string, props?: StoredOutputs): Promise<pulumi.dynamic.ReadResult> {
  return guarded([props], () => operations.read(context, id, props));
}

export function update(id: string, olds: StoredOutputs, news: CheckedInputs): Promise<pulumi.dynamic.UpdateResult> {
  return guarded([olds, news], () => operations.update(context, id, olds, news));
}

export function remove(id: string, props?: StoredOutputs): Promise<void> {
  return guarded([props], () => operations.remove(context, id, props));
}
