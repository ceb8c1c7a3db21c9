/**
 * What the serialized provider shim loads at run time, by package name, inside Pulumi's provider
 * host. It holds what the shim must never capture: the session of the stack's configuration
 * (core/session: the client secret, the Scalekit client, the shared listing), and translates the
 * session's results into `pulumi.dynamic` ones.
 *
 * The exported functions are the contract with every shim ever written into a stack's state, and
 * nothing else is exported: configure, check, diff, create, read, update and remove (the current
 * shim calls configure and remove by name and lends the others to the host through its
 * prototype; the shim version 0.1.0 stored calls each of the seven by name). Keep their names and
 * arguments as they are (test/package/exports.test.ts reads the list from both shims).
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ConfigSource } from "../core/client/credentials";
import { ConnectorSession, type StoredOutputs } from "../core/session/connector-session";
import type { CheckedInputs } from "../core/operations/state";
import { warn } from "./host-warnings";
import { failureForHost } from "./host-error-echo";

/** The session of this provider host: made by configure, which the host calls first (one made without config reads the environment variables). */
let session: ConnectorSession | undefined;

/** Warnings go to the engine; a failure leaves as one line, which the host does not echo with its stack (host-error-echo.ts). */
const sessionOptions = { warn: (message: string) => warn(message), failure: failureForHost };

function current(): ConnectorSession {
  return (session ??= new ConnectorSession(undefined, sessionOptions));
}

export async function configure(request: { config: ConfigSource }): Promise<void> {
  session = new ConnectorSession(request.config, sessionOptions);
}

export function check(olds: unknown, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult> {
  return current().check(olds, news);
}

export async function diff(_id: string, olds: StoredOutputs, news: CheckedInputs): Promise<pulumi.dynamic.DiffResult> {
  const { changes, replaces, stables } = await current().diff(olds, news);
  // The host's shape: no replacement list when nothing changes, no stables when there are none.
  return { changes, ...(changes ? { replaces } : {}), ...(stables.length > 0 ? { stables } : {}) };
}

export async function create(inputs: CheckedInputs): Promise<pulumi.dynamic.CreateResult> {
  const { id, outputs } = await current().create(inputs);
  return { id, outs: outputs };
}

export async function read(id: string, props?: StoredOutputs): Promise<pulumi.dynamic.ReadResult> {
  const found = await current().read(id, props);
  return found.id === undefined ? {} : { id: found.id, props: found.outputs, inputs: found.inputs };
}

export async function update(id: string, olds: StoredOutputs, news: CheckedInputs): Promise<pulumi.dynamic.UpdateResult> {
  return { outs: (await current().update(id, olds, news)).outputs };
}

export function remove(id: string, props?: StoredOutputs): Promise<void> {
  return current().remove(id, props);
}
