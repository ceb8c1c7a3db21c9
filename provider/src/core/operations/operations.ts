/**
 * check, diff, create, read, update and delete of a CustomConnector, against one environment.
 * The serialized shim reaches these through runtime.ts.
 *
 * The provider never computes an identifier: Scalekit chooses it, in a way it does not document.
 * "The connector with this name" is found by display name in the environment's listing (for the
 * duplicate check, adoption, and a create whose answer was lost); read, update and delete use
 * only identifiers Scalekit returned.
 */
import { IncompleteListingError } from "../client/answer-reading";
import { AmbiguousConnectorNameError, connectorInUseMessage, CreateOutcomeUnknownError, isConnectorInUseRefusal, ScalekitApiError } from "../client/errors";
import type { ScalekitClient } from "../client/scalekit-client";
import { formatPropertyPath, storedToDefinition, toScalekitPayload, type NormalizedDefinition } from "../codec";
import { changedProperties, comparisonJson } from "../diff";
import { readDeclaration, type DeclaredForm } from "../schema/declaration";
import type { StoredProvider } from "../schema/provider-object";
import { declarationWarning, updateWarnings } from "../warnings";
import { detailedChanges } from "./detailed-diff";
import { confirmDropsVariable, dropGateOf, type GateTicket } from "./drop-gate";
import { differsWarning, keptByScalekitOutput, keptWarning, notResentWarning, readBack, stillKept } from "./update-read-back";
import type { ListingCache } from "./listing-cache";
import type { CheckResult, CreateResult, DiffResult, ReadResult, UpdateResult } from "./results";
import {
  connectorOutputs,
  declarationInputs,
  declarationOfOutputs,
  readInputs,
  storedDefinition,
  type CheckedInputs,
  type ConnectorOutputs,
  type Declaration,
  type LegacyConnectorOutputs,
} from "./state";

/**
 * The value Pulumi puts where an input is not known yet (during preview): the SDK's public
 * constant `pulumi.runtime.unknownValue`, written out (test/provider/normalize-diff.test.ts checks
 * that a value the SDK marks unknown is recognised).
 */
export const unknownValue: string = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

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

/** Outputs for what Scalekit stored, with the properties it kept when an update asked to clear them (update-read-back.ts). */
function outputsOf(stored: StoredProvider, declaration: Declaration, kept: readonly string[] = []): ConnectorOutputs {
  const outputs = connectorOutputs({ identifier: stored.identifier, scalekitId: stored.id, isCustomMcp: stored.isCustomMcp }, storedToDefinition(stored), declaration);
  return kept.length > 0 ? { ...outputs, [keptByScalekitOutput]: [...kept] } : outputs;
}

/** An update as Scalekit answered it: what it stores, and the properties it kept although asked to clear them (each said once). */
interface UpdateOutcome {
  stored: StoredProvider;
  kept: string[];
}

async function updateAndReadBack(context: OperationContext, identifier: string, desired: NormalizedDefinition, declaration: Declaration): Promise<UpdateOutcome> {
  const { client, listing } = context.environment();
  const stored = await client.update(identifier, toScalekitPayload(desired));
  listing.remember(stored);
  const label = connectorLabel(desired.displayName, identifier);
  const { kept, differ } = readBack(desired, storedToDefinition(stored));
  for (const property of kept) context.warn(keptWarning(label, property, declaration.form));
  for (const property of differ) context.warn(differsWarning(label, property, declaration.form));
  return { stored, kept };
}

/** How messages name a connector: its display name, and Scalekit's identifier once there is one. */
export function connectorLabel(displayName: string, identifier?: string): string {
  return identifier && identifier !== displayName ? `"${displayName}" (${identifier})` : `"${displayName}"`;
}

export async function check(context: OperationContext, news: Record<string, unknown>): Promise<CheckResult> {
  if (containsUnknown(news)) return { inputs: news };
  // Everything else is the typed definition: an unknown argument is reported (a warning) by the pipeline.
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
  // One pipeline (schema/declaration.ts): Scalekit's rules fail the check, advice is a warning.
  const form: DeclaredForm = hasPayload ? "payload" : "typed";
  const result = readDeclaration(hasPayload ? news.scalekitPayload : typed, form);
  const displayName = result.ok ? result.definition.displayName : result.displayName;
  for (const warning of result.warnings) context.warn(declarationWarning(displayName, formatPropertyPath(warning.path, form), warning.rule));
  if (!result.ok) {
    return { failures: result.failures.map((failure) => ({ property: formatPropertyPath(failure.path, form), reason: failure.rule })) };
  }
  const inputs = declarationInputs(result.definition, { form, adopt: news.adopt === true });
  return { inputs };
}

/**
 * Compares what Scalekit stored at the last operation (the old outputs, of this version or of
 * 0.1.0) with the desired definition, both in this version's canonical form, so that state
 * written by an older version shows no change, and says where a changed definition differs
 * (paths in the user's own properties, detailed-diff.ts). The warnings are emitted here because
 * diff runs before every update, in the preview as well as in `pulumi up`.
 */
export async function diff(
  context: OperationContext,
  olds: Partial<ConnectorOutputs> | Partial<LegacyConnectorOutputs>,
  news: CheckedInputs,
): Promise<DiffResult> {
  if (containsUnknown(news)) return { changes: true, replaces: [], stables: [] };
  const before = storedDefinition(olds);
  if (!before) return { changes: true, replaces: [], stables: [] };
  const { definition: after, declaration } = readInputs(news);
  const label = connectorLabel(after.displayName, olds.identifier);
  // A clear Scalekit refused at the last update (recorded in the outputs) is not sent again while the declaration still asks for it.
  const refused = stillKept((olds as Partial<ConnectorOutputs>).keptByScalekit, before);
  const changed = changedProperties(before, after).filter((property) => {
    if (!refused.includes(property) || comparisonJson(after[property]) !== "null") return true;
    context.warn(notResentWarning(label, property, declaration.form));
    return false;
  });
  if (changed.length === 0) return { changes: false, replaces: [], stables: [] };
  for (const warning of updateWarnings(label, before, after)) context.warn(warning);
  // The identifier survives every update (a new displayName included), so nothing needs a replacement.
  return { changes: true, replaces: [], stables: ["identifier", "scalekitId"], detailedDiff: detailedChanges(before, after, changed, declaration.form) };
}

export async function create(context: OperationContext, inputs: CheckedInputs): Promise<CreateResult> {
  const { client, listing } = context.environment();
  const { definition, declaration } = readInputs(inputs);
  // The shared listing answers for every create of the run. It may be some seconds old, so its
  // hits are confirmed by an exact look-up (by the identifiers it returned) before anything is
  // refused or adopted, and a connector created elsewhere since the listing is caught by a 409
  // where Scalekit answers one.
  const existing = await confirmed(client, await listing.findByName(definition.displayName));
  const outcome = existing.length > 0 ? await adoptOrRefuse(context, existing, definition, declaration) : await createSettled(context, definition, declaration);
  listing.remember(outcome.stored);
  return { id: outcome.stored.identifier, outputs: outputsOf(outcome.stored, declaration, outcome.kept) };
}

/**
 * POSTs the definition; where Scalekit's answer leaves open what it holds, a fresh listing
 * settles it, and the create is never sent again blindly. The one place a create is settled:
 * - a 409 to the first POST: a connector with the name arrived since the listing; it is adopted
 *   or refused (adoptOrRefuse), or the 409 stands when the listing has none.
 * - no definite answer (createOutcomeUnknown: connection lost, timeout, 500/502/503/504, a 2xx
 *   that is not Scalekit's JSON), or a 409 to a POST sent again: the connector with the name, if
 *   the listing holds it, is the one this create stored. Absent from the listing (which the
 *   client reads strictly: whole, as Scalekit's JSON), the POST is sent again after the
 *   transport's backoff, at most its maxRetries times; a listing that fails leaves the outcome
 *   unknown (CreateOutcomeUnknownError), and several connectors with the name are not chosen
 *   between (AmbiguousConnectorNameError).
 */
async function createSettled(context: OperationContext, desired: NormalizedDefinition, declaration: Declaration): Promise<UpdateOutcome> {
  const { client, listing } = context.environment();
  const name = desired.displayName;
  const payload = toScalekitPayload(desired);
  for (let resent = 0; ; resent++) {
    let failure: unknown;
    try {
      return { stored: await client.create(payload), kept: [] };
    } catch (error) {
      failure = error;
    }
    if (failure instanceof ScalekitApiError && failure.status === 409) {
      if (resent > 0) {
        // An earlier POST's outcome was unknown: the connector that took the name is the one it stored.
        const stored = await storedByThisCreate(context, name, failure);
        if (stored) return { stored, kept: [] };
        throw failure;
      }
      const arrived = await listedNow(listing, name);
      // A 409 with no connector of this name is about something else: Scalekit's words say what.
      if (arrived.length === 0) throw failure;
      return adoptOrRefuse(context, arrived, desired, declaration);
    }
    if (!client.createOutcomeUnknown(failure, name)) throw failure;
    const stored = await storedByThisCreate(context, name, failure);
    if (stored) return { stored, kept: [] };
    const delay = client.resendDelay(resent + 1, failure);
    if (delay === undefined) throw failure;
    await client.pause(failure.operation, delay);
  }
}

/**
 * After a create of unknown outcome: the connector with its name in a listing taken now, or
 * undefined when that listing, whole, has none. A failed listing leaves the outcome unknown.
 */
async function storedByThisCreate(context: OperationContext, displayName: string, failure: Error): Promise<StoredProvider | undefined> {
  const { client, listing } = context.environment();
  let named: StoredProvider[];
  try {
    named = await listedNow(listing, displayName);
  } catch (lookUpError) {
    throw new CreateOutcomeUnknownError(displayName, failure, lookUpError as Error);
  }
  if (named.length > 1) throw new AmbiguousConnectorNameError(displayName, client.base.origin, named);
  return named[0];
}

/** The connectors with this name in a listing taken now (the one held may predate what is being settled). */
function listedNow(listing: ListingCache, displayName: string): Promise<StoredProvider[]> {
  listing.invalidate();
  return listing.findByName(displayName);
}

/** The listed connectors that an exact look-up still finds, as Scalekit holds them now. */
async function confirmed(client: ScalekitClient, listed: StoredProvider[]): Promise<StoredProvider[]> {
  const found = await Promise.all(listed.map((provider) => client.findByIdentifier(provider.identifier)));
  return found.filter((provider): provider is StoredProvider => provider !== undefined);
}

/** Connectors with the declared name exist: take the one over when adopting (writing only when it differs), else refuse. */
async function adoptOrRefuse(
  context: OperationContext,
  existing: StoredProvider[],
  desired: NormalizedDefinition,
  declaration: Declaration,
): Promise<UpdateOutcome> {
  const { client, listing } = context.environment();
  if (!declaration.adopt) throw alreadyExists(existing, client.base.origin, declaration);
  if (existing.length > 1) throw new AmbiguousConnectorNameError(desired.displayName, client.base.origin, existing);
  const [connector] = existing as [StoredProvider];
  const live = storedToDefinition(connector);
  if (comparisonJson(live) === comparisonJson(desired)) return { stored: connector, kept: [] };
  // Taking over a live connector and changing it is an update for its users.
  for (const warning of updateWarnings(connectorLabel(desired.displayName, connector.identifier), live, desired)) context.warn(warning);
  try {
    return await updateAndReadBack(context, connector.identifier, desired, declaration);
  } catch (error) {
    listing.invalidate(); // what Scalekit holds now is not known: list again next time
    throw error;
  }
}

function nameProperty(declaration: Declaration): string {
  return declaration.form === "payload" ? "display_name" : "displayName";
}

function alreadyExists(existing: StoredProvider[], environment: string, declaration: Declaration): Error {
  const [first] = existing as [StoredProvider];
  const howToAdopt =
    declaration.form === "payload"
      ? "set `adopt: true` on the CustomConnector (in the connectors/*.json program: `pulumi config set adoptExisting true`)"
      : "add `adopt: true` to its arguments";
  return new Error(
    `A connector named "${first.displayName}" already exists in ${environment} (identifier ${existing.map((p) => p.identifier).join(", ")}), so creating another would make a twin. ` +
      `To manage the existing one with Pulumi, ${howToAdopt} and run pulumi up again: it is taken over and given this definition. ` +
      `To keep both, give this connector another ${nameProperty(declaration)} (names that differ only in case or spaces count as the same).`,
  );
}

/**
 * Looks the connector up in the environment's shared listing by the identifier Scalekit
 * returned. Nothing leaves state unless Scalekit says it is gone: a connector the listing lacks
 * (or every connector, when the listing came back incomplete) is looked up exactly by its
 * identifier, and only a look-up that does not find it returns no id, so that a refresh drops
 * it, once the process's drop gate lets it (drop-gate.ts: several absences in one run, or one
 * while the listing holds no connector, need the user's confirmation). A refresh of N connectors
 * the listing holds costs the one listing, no look-up. (Adoption
 * and pull find connectors by name, which has no exact look-up: what protects them is the
 * client's strict listing, which fails rather than come back short.) The inputs returned are
 * the live definition in the declaration's shape, so that the same declaration shows no diff
 * after a refresh, and a drift shows as the user's own properties.
 */
export async function read(
  context: OperationContext,
  id: string,
  props: Partial<ConnectorOutputs> | Partial<LegacyConnectorOutputs> = {},
): Promise<ReadResult> {
  const ticket = dropGateOf(context.environment().listing).enter();
  try {
    return await readAtGate(context, id, props, ticket);
  } finally {
    ticket.end();
  }
}

async function readAtGate(
  context: OperationContext,
  id: string,
  props: Partial<ConnectorOutputs> | Partial<LegacyConnectorOutputs>,
  ticket: GateTicket,
): Promise<ReadResult> {
  const { client, listing } = context.environment();
  let stored: StoredProvider | undefined;
  let listed = false;
  let listingEmpty = false;
  try {
    stored = await listing.find(id);
    listed = true;
    listingEmpty = (await listing.size()) === 0;
  } catch (error) {
    if (!(error instanceof IncompleteListingError)) throw error;
  }
  if (!stored && !listing.deletedHere(id)) {
    stored = await client.findByIdentifier(id);
    // Present, yet missing from a listing that arrived whole: that listing is out of date.
    if (stored && listed) listing.invalidate();
    // A refresh (the state's outputs given; an import has none, and the engine reports its absence) drops it only through the gate.
    if (!stored && Object.keys(props).length > 0) {
      const displayName = storedDefinition(props)?.displayName;
      const verdict = await ticket.absent({ identifier: id, displayName, environment: client.base.origin, listingEmpty });
      if (verdict === "confirmed") context.warn(`${connectorLabel(displayName ?? id, id)} is dropped from the stack as ${confirmDropsVariable} confirms; unset ${confirmDropsVariable} now.`);
    }
  }
  if (!stored) return {};
  const declaration = declarationOfOutputs(props);
  const live = storedToDefinition(stored);
  // A kept value recorded at the last update still counts while Scalekit still holds one.
  const kept = stillKept((props as Partial<ConnectorOutputs>).keptByScalekit, live);
  return { id: stored.identifier, outputs: outputsOf(stored, declaration, kept), inputs: declarationInputs(live, declaration) };
}

/**
 * Sends the whole definition, empty fields included, and records what Scalekit answered: its
 * docs call the update a full replacement, its OpenAPI and SDK a partial one, so a cleared field
 * may come back kept (update-read-back.ts says so and records it).
 */
export async function update(
  context: OperationContext,
  id: string,
  _olds: Partial<ConnectorOutputs> | Partial<LegacyConnectorOutputs>,
  news: CheckedInputs,
): Promise<UpdateResult> {
  const { client, listing } = context.environment();
  const { definition, declaration } = readInputs(news);
  try {
    const { stored, kept } = await updateAndReadBack(context, id, definition, declaration);
    return { outputs: outputsOf(stored, declaration, kept) };
  } catch (error) {
    listing.invalidate(); // what Scalekit holds now is not known: list again next time
    if (error instanceof ScalekitApiError && error.status === 404) {
      throw new Error(
        `Connector ${connectorLabel(definition.displayName, id)} no longer exists in ${client.base.origin} (deleted outside Pulumi?), so it cannot be updated. ` +
          `Run \`pulumi refresh\` to drop it from the stack, then \`pulumi up\` to create it again.`,
      );
    }
    throw error;
  }
}

export async function remove(context: OperationContext, id: string, props: Partial<ConnectorOutputs> | Partial<LegacyConnectorOutputs> = {}): Promise<void> {
  const { client, listing } = context.environment();
  try {
    await client.delete(id);
    listing.forget(id);
  } catch (error) {
    listing.invalidate(); // what Scalekit holds now is not known: list again next time
    if (isConnectorInUseRefusal(error)) {
      throw new Error(connectorInUseMessage({ identifier: id, displayName: storedDefinition(props)?.displayName }, error));
    }
    throw error;
  }
}

/** The MCP switches of a definition's patterns, compared to tell whether Scalekit's `isCustomMcp` may change. */
function mcpSwitches(definition: NormalizedDefinition): string {
  return comparisonJson(definition.authPatterns.map((pattern) => pattern.isMcp === true));
}

/**
 * The outputs a create or an update would give, as far as the declaration decides them, for a
 * preview that writes nothing: the definition in the declaration's shape; the identifiers
 * Scalekit returned before (an update keeps them), or `unknownValue` for a create; `isCustomMcp`
 * as before unless the patterns' MCP switches change (Scalekit decides it).
 */
export function plannedOutputs(news: CheckedInputs, olds?: Partial<ConnectorOutputs> | Partial<LegacyConnectorOutputs>): Record<string, unknown> {
  const before = olds ? storedDefinition(olds) : undefined;
  const identity = {
    identifier: olds?.identifier ?? unknownValue,
    scalekitId: olds?.scalekitId ?? unknownValue,
    isCustomMcp: olds?.isCustomMcp ?? unknownValue,
  };
  if (containsUnknown(news)) return { ...news, ...identity };
  const { definition, declaration } = readInputs(news);
  if (before && mcpSwitches(before) !== mcpSwitches(definition)) identity.isCustomMcp = unknownValue;
  return { ...identity, ...declarationInputs(definition, declaration) };
}
