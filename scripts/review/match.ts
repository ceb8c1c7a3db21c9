import { connectorNameKey, sameConnectorName } from "pulumi-scalekit-connectors/internal";
import type { LiveConnector } from "./live";
import type { StackState } from "./state";

/**
 * How a definition was matched to a live connector in one environment:
 * - `state`: the stack's state records the definition's resource, with this identifier, and the
 *   environment has it (a renamed connector is found this way: its identifier never changes);
 * - `name`: the state has no such resource (not applied there yet, or the state was not read), and
 *   exactly one live connector that no state resource claims has the definition's display name
 *   (equal ignoring case and spaces);
 * - `stale`: the state records this identifier but the environment no longer has it;
 * - `ambiguous`: no state resource, and several unclaimed live connectors have the name; the
 *   review does not guess which one `pulumi up` would meet;
 * - `none`: no state resource and no live connector of that name.
 */
export type Match =
  | { kind: "state"; identifier: string; live: LiveConnector }
  | { kind: "name"; identifier: string; live: LiveConnector }
  | { kind: "stale"; identifier: string }
  | { kind: "ambiguous"; identifiers: string[] }
  | { kind: "none" };

/** What the matching needs of a definition. */
export interface DefinitionKey {
  /** The Pulumi resource name: the definition file's base name. */
  name: string;
  displayName: string;
}

/** A live connector that no definition matched. */
export interface UnmatchedLive {
  live: LiveConnector;
  /** The resource of the stack's state that records it, when one does (its definition file is gone). */
  stateResource?: string;
  /** Identifiers of the other live connectors of this environment with the same display name. */
  sharesNameWith: string[];
  /** The definition (resource name) for which it was one of several candidates. */
  ambiguousFor?: string;
}

export interface EnvironmentMatching {
  /** One match per definition, by resource name. */
  matches: Map<string, Match>;
  /** Live connectors no definition matched, in listing order. */
  unmatched: UnmatchedLive[];
}

/**
 * Matches the definitions to the live connectors of one environment: through the stack's state
 * first (resource name → identifier), then by display name for definitions the state does not
 * record, among live connectors the state does not claim. Identifiers are only ever taken from
 * the state or the listing, never computed.
 */
export function matchEnvironment(definitions: readonly DefinitionKey[], state: StackState, live: readonly LiveConnector[]): EnvironmentMatching {
  const stateConnectors: ReadonlyMap<string, string> = state.status === "read" ? state.connectors : new Map();
  const liveById = new Map(live.map((connector) => [connector.identifier, connector]));
  const claimedBy = new Map<string, string>();
  for (const [resource, identifier] of stateConnectors) if (!claimedBy.has(identifier)) claimedBy.set(identifier, resource);
  const used = new Set<string>();
  const matches = new Map<string, Match>();

  for (const definition of definitions) {
    const identifier = stateConnectors.get(definition.name);
    if (identifier === undefined) continue;
    const connector = liveById.get(identifier);
    if (connector && !used.has(identifier)) {
      matches.set(definition.name, { kind: "state", identifier, live: connector });
      used.add(identifier);
    } else {
      matches.set(definition.name, { kind: "stale", identifier });
    }
  }

  const ambiguousFor = new Map<string, string>();
  for (const definition of definitions) {
    if (matches.has(definition.name)) continue;
    const candidates = live.filter(
      (connector) =>
        !claimedBy.has(connector.identifier) && !used.has(connector.identifier) && sameConnectorName(connector.definition.displayName, definition.displayName),
    );
    if (candidates.length === 1) {
      matches.set(definition.name, { kind: "name", identifier: candidates[0].identifier, live: candidates[0] });
      used.add(candidates[0].identifier);
    } else if (candidates.length > 1) {
      matches.set(definition.name, { kind: "ambiguous", identifiers: candidates.map((connector) => connector.identifier) });
      for (const connector of candidates) ambiguousFor.set(connector.identifier, definition.name);
    } else {
      matches.set(definition.name, { kind: "none" });
    }
  }

  const byNameKey = new Map<string, string[]>();
  for (const connector of live) {
    const key = connectorNameKey(connector.definition.displayName);
    byNameKey.set(key, [...(byNameKey.get(key) ?? []), connector.identifier]);
  }
  const unmatched = live
    .filter((connector) => !used.has(connector.identifier))
    .map((connector): UnmatchedLive => {
      const sharesNameWith = byNameKey.get(connectorNameKey(connector.definition.displayName))!.filter((identifier) => identifier !== connector.identifier);
      return {
        live: connector,
        ...(claimedBy.has(connector.identifier) ? { stateResource: claimedBy.get(connector.identifier) } : {}),
        sharesNameWith,
        ...(ambiguousFor.has(connector.identifier) ? { ambiguousFor: ambiguousFor.get(connector.identifier) } : {}),
      };
    });
  return { matches, unmatched };
}

/** The live connector a match found, if it found one. */
export function matchedLive(match: Match): LiveConnector | undefined {
  return match.kind === "state" || match.kind === "name" ? match.live : undefined;
}
