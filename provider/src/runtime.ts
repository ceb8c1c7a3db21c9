/**
 * What the serialized provider shim loads at run time, by package name, inside Pulumi's provider
 * host. It holds the process-wide state the shim must never capture: the stack's config (with
 * the client secret), one Scalekit client and one listing per environment.
 */
import * as pulumi from "@pulumi/pulumi";
import { resolveCredentials, type ConfigSource } from "./client/credentials";
import { redact } from "./client/errors";
import { ScalekitClient } from "./client/scalekit-client";
import { ListingCache } from "./provider/listing-cache";
import * as operations from "./provider/operations";
import type { CheckedInputs, ConnectorOutputs } from "./provider/state";

let stackConfig: ConfigSource | undefined;
const environments = new Map<string, operations.Environment>();

function environment(): operations.Environment {
  const credentials = resolveCredentials(stackConfig);
  const key = `${credentials.environmentUrl}\u0000${credentials.clientId}`;
  let found = environments.get(key);
  if (!found) {
    const client = new ScalekitClient(credentials);
    found = { client, listing: new ListingCache(client) };
    environments.set(key, found);
  }
  return found;
}

/** Every secret this process knows of, so that no message carries one. */
function knownSecrets(): string[] {
  return [...environments.values()].flatMap((env) => env.client.secrets());
}

const context: operations.OperationContext = {
  environment,
  warn: (message) => void pulumi.log.warn(message),
};

async function guarded<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Error) {
      error.message = redact(error.message, knownSecrets());
      if (error.stack) error.stack = redact(error.stack, knownSecrets());
    }
    throw error;
  }
}

export async function configure(request: { config: ConfigSource }): Promise<void> {
  stackConfig = request.config;
}

export function check(_olds: unknown, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult> {
  return guarded(() => operations.check(context, news));
}

export function diff(_id: string, olds: ConnectorOutputs, news: CheckedInputs): Promise<pulumi.dynamic.DiffResult> {
  return guarded(() => operations.diff(context, olds, news));
}

export function create(inputs: CheckedInputs): Promise<pulumi.dynamic.CreateResult> {
  return guarded(() => operations.create(context, inputs));
}

export function read(id: string, props?: Partial<ConnectorOutputs>): Promise<pulumi.dynamic.ReadResult> {
  return guarded(() => operations.read(context, id, props));
}

export function update(id: string, olds: ConnectorOutputs, news: CheckedInputs): Promise<pulumi.dynamic.UpdateResult> {
  return guarded(() => operations.update(context, id, olds, news));
}

export function remove(id: string, props: ConnectorOutputs): Promise<void> {
  return guarded(() => operations.remove(context, id));
}

/** For tests: forget the configured stack and the clients. */
export async function resetRuntime(): Promise<void> {
  stackConfig = undefined;
  const all = [...environments.values()];
  environments.clear();
  await Promise.all(all.map((env) => env.client.close()));
}
