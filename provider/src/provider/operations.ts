/**
 * check, diff, create, read, update and delete of a CustomConnector, against one environment.
 * The serialized shim reaches these through runtime.ts.
 */
import type * as pulumi from "@pulumi/pulumi";
import { ScalekitApiError } from "../client/errors";
import type { ScalekitClient } from "../client/scalekit-client";
import { changedProperties } from "../diff";
import { deriveIdentifier } from "../identifier";
import { storedToDefinition, toScalekitPayload } from "../mapping";
import { canonicalJson, normalizeDefinition } from "../normalize";
import type { StoredProvider } from "../schema/provider-object";
import { validateDefinition, validateScalekitPayload } from "../schema/validate";
import { proxyWarnings, updateWarnings } from "../warnings";
import type { ListingCache } from "./listing-cache";
import type { CheckedInputs, ConnectorOutputs } from "./state";

/** The value Pulumi puts where an input is not known yet (during preview). */
export const unknownValue = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Arguments that are not part of the definition: the switches, the outputs, the serialized provider. */
const nonDefinitionKeys = new Set(["scalekitPayload", "adopt", "__provider", "identifier", "scalekitId", "isCustomMcp", "definition"]);

export interface Environment {
  client: ScalekitClient;
  listing: ListingCache;
}

export interface OperationContext {
  /** The environment, resolved lazily: check and diff never need it. */
  environment(): Environment;
  warn(message: string): void;
}

function containsUnknown(value: unknown): boolean {
  if (value === unknownValue) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value !== null && typeof value === "object") return Object.values(value).some(containsUnknown);
  return false;
}

function outputsOf(stored: StoredProvider, declaration: Pick<CheckedInputs, "adopt" | "declaredAs">): ConnectorOutputs {
  return {
    identifier: stored.identifier,
    scalekitId: stored.id,
    isCustomMcp: stored.isCustomMcp,
    definition: storedToDefinition(stored),
    adopt: declaration.adopt,
    declaredAs: declaration.declaredAs,
  };
}

export async function check(context: OperationContext, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult> {
  if (containsUnknown(news)) return { inputs: news };
  // Everything else is the typed definition: an unknown argument is reported by the schema.
  const typed = Object.fromEntries(Object.entries(news).filter(([key, value]) => !nonDefinitionKeys.has(key) && value !== undefined));
  const hasPayload = news.scalekitPayload !== undefined;
  if (hasPayload && Object.keys(typed).length > 0) {
    return {
      failures: [{ property: "scalekitPayload", reason: `declare a connector either with scalekitPayload or with the typed arguments, not both (also given: ${Object.keys(typed).join(", ")})` }],
    };
  }
  if (news.adopt !== undefined && typeof news.adopt !== "boolean") {
    return { failures: [{ property: "adopt", reason: "must be true or false" }] };
  }
  const result = hasPayload ? validateScalekitPayload(news.scalekitPayload) : validateDefinition(typed, "typed");
  if (!result.ok) {
    return { failures: result.failures.map((failure) => ({ property: failure.property, reason: failure.rule })) };
  }
  const desired = normalizeDefinition(result.definition);
  for (const warning of proxyWarnings(deriveIdentifier(desired.displayName), desired)) context.warn(warning);
  const inputs: CheckedInputs = { desired, adopt: news.adopt === true, declaredAs: hasPayload ? "payload" : "typed" };
  return { inputs };
}

/**
 * Compares the last known definition (the old outputs) with the desired one. Both are brought
 * to this version's canonical form first, so state written by an older version of this package
 * shows no change. The warnings are emitted here because diff runs before every update, in the
 * preview as well as in `pulumi up`.
 */
export async function diff(context: OperationContext, olds: Partial<ConnectorOutputs>, news: CheckedInputs): Promise<pulumi.dynamic.DiffResult> {
  if (containsUnknown(news) || !news.desired) return { changes: true, replaces: [] };
  if (!olds.definition) return { changes: true, replaces: [] };
  const before = normalizeDefinition(olds.definition);
  const after = normalizeDefinition(news.desired);
  const changed = changedProperties(before, after);
  if (changed.length === 0) return { changes: false };
  for (const warning of updateWarnings(olds.identifier ?? deriveIdentifier(before.displayName), before, after)) context.warn(warning);
  // The identifier survives every update (a new displayName included), so nothing needs a replacement.
  return { changes: true, replaces: [], stables: ["identifier", "scalekitId"] };
}

export async function create(context: OperationContext, inputs: CheckedInputs): Promise<pulumi.dynamic.CreateResult> {
  const { client, listing } = context.environment();
  const identifier = deriveIdentifier(inputs.desired.displayName);
  // The shared listing answers for every create of the run. It may be some seconds old, so a hit
  // is confirmed by an exact look-up before anything is refused or adopted, and a connector created
  // elsewhere since the listing is caught by Scalekit's 409 below: never a twin.
  const listed = await listing.find(identifier);
  const existing = listed ? await client.findByIdentifier(identifier) : undefined;
  let stored: StoredProvider;
  if (existing) {
    stored = await adoptOrRefuse(context, existing, inputs);
  } else {
    try {
      stored = await client.create(toScalekitPayload(inputs.desired));
    } catch (error) {
      if (!(error instanceof ScalekitApiError && error.status === 409)) throw error;
      // Created by someone else since the listing.
      const arrived = inputs.adopt ? await client.findByIdentifier(identifier) : undefined;
      if (!arrived) throw alreadyExists(identifier, client.base.origin, inputs.declaredAs);
      stored = await adoptOrRefuse(context, arrived, inputs);
    }
  }
  listing.remember(stored);
  return { id: stored.identifier, outs: outputsOf(stored, inputs) };
}

/** A connector exists under the identifier: take it over when adopting (writing only when it differs), else refuse. */
async function adoptOrRefuse(context: OperationContext, existing: StoredProvider, inputs: CheckedInputs): Promise<StoredProvider> {
  const { client, listing } = context.environment();
  if (!inputs.adopt) throw alreadyExists(existing.identifier, client.base.origin, inputs.declaredAs);
  const live = storedToDefinition(existing);
  if (canonicalJson(live) === canonicalJson(inputs.desired)) return existing;
  // Taking over a live connector and changing it is an update for its users.
  for (const warning of updateWarnings(existing.identifier, live, inputs.desired)) context.warn(warning);
  try {
    return await client.update(existing.identifier, toScalekitPayload(inputs.desired));
  } catch (error) {
    listing.invalidate(); // what Scalekit holds now is not known: list again next time
    throw error;
  }
}

function alreadyExists(identifier: string, environment: string, declaredAs: CheckedInputs["declaredAs"]): Error {
  const howToAdopt =
    declaredAs === "payload"
      ? "set `adopt: true` on the CustomConnector (in the connectors/*.json program: `pulumi config set adoptExisting true`)"
      : "add `adopt: true` to its arguments";
  return new Error(
    `A connector with the identifier "${identifier}" already exists in ${environment}, so creating another would make a twin. ` +
      `To manage the existing one with Pulumi, ${howToAdopt} and run pulumi up again: it is taken over and given this definition. ` +
      `To keep both, give this connector another ${declaredAs === "payload" ? "display_name" : "displayName"}.`,
  );
}

/**
 * Looks the connector up in the environment's shared listing. A connector that is gone returns
 * no id, so a refresh drops it. The inputs returned are the live definition, so that the same
 * declaration shows no diff after a refresh.
 */
export async function read(context: OperationContext, id: string, props: Partial<ConnectorOutputs> = {}): Promise<pulumi.dynamic.ReadResult> {
  const { listing } = context.environment();
  const stored = await listing.find(id);
  if (!stored) return {};
  // The declaration's switches come back as they were, so a refresh changes no input but the definition.
  const declaration = { adopt: props.adopt === true, declaredAs: props.declaredAs ?? "typed" } as const;
  const outputs = outputsOf(stored, declaration);
  const inputs: CheckedInputs = { desired: outputs.definition, ...declaration };
  return { id: stored.identifier, props: outputs, inputs };
}

export async function update(context: OperationContext, id: string, _olds: ConnectorOutputs, news: CheckedInputs): Promise<pulumi.dynamic.UpdateResult> {
  const { client, listing } = context.environment();
  try {
    const stored = await client.update(id, toScalekitPayload(news.desired));
    listing.remember(stored);
    return { outs: outputsOf(stored, news) };
  } catch (error) {
    listing.invalidate(); // what Scalekit holds now is not known: list again next time
    if (error instanceof ScalekitApiError && error.status === 404) {
      throw new Error(
        `Connector "${id}" no longer exists in ${client.base.origin} (deleted outside Pulumi?), so it cannot be updated. ` +
          `Run \`pulumi refresh\` to drop it from the stack, then \`pulumi up\` to create it again.`,
      );
    }
    throw error;
  }
}

export async function remove(context: OperationContext, id: string): Promise<void> {
  const { client, listing } = context.environment();
  try {
    await client.delete(id);
    listing.forget(id);
  } catch (error) {
    listing.invalidate(); // what Scalekit holds now is not known: list again next time
    if (error instanceof ScalekitApiError && error.status === 400 && error.grpcCode === 9) {
      throw new Error(
        `Connector "${id}" is still in use, so Scalekit refused to delete it (${error.serverMessage}). ` +
          `Remove its connections and connected accounts in the Scalekit dashboard first, then run the command again. ` +
          `It stays in the stack until then.`,
      );
    }
    throw error;
  }
}

