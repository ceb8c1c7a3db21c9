import type { ScopeChange } from "pulumi-scalekit-connectors/internal";
import type { Leaf } from "./leaves";

export type { ScopeChange };

/**
 * What `pulumi up --stack <to>` would do to a connector in the target environment. `ambiguous`:
 * the target's state does not record the connector and several live connectors have its name, so
 * the review cannot tell (and `pulumi up` would refuse to pick one).
 */
export type ProductionAction = "create" | "update" | "unchanged" | "ambiguous";

/**
 * How a definition was matched in one environment, as the review reports it (see match.ts):
 * through the stack's state, by display name, a state entry whose connector is gone (`stale`),
 * several candidates of that name (`ambiguous`), or nothing.
 */
export type MatchInfo =
  | { kind: "state" | "name" | "stale"; identifier: string }
  | { kind: "ambiguous"; identifiers: string[] }
  | { kind: "none" };

/** What the review read of a stack's state: so many connectors, no such stack, or not read (--no-state). */
export type StateInfo = { status: "read"; connectors: number } | { status: "no-stack" } | { status: "off" };

/**
 * A credential in one environment, compared with the proposed one by a keyed hash: the same
 * value, another value, or none. The review never holds the value in a row.
 */
export type SecretCell = "absent" | "same" | "differs";

/** A row whose value is a credential: what each place holds, never the value. */
export interface SecretRow {
  source: SecretCell;
  target: SecretCell;
  /** Whether the definitions propose a value. */
  proposed: "absent" | "set";
  /** The stack config key the proposed value comes from, when the definition holds a placeholder for it. */
  configKey?: string;
}

/** One leaf of one compared field, in the three places the review looks. Absent = undefined. */
export interface FieldRow {
  /** e.g. `display_name`, `auth_patterns[0].oauth_config.available_scopes[1].scope`. */
  path: string;
  /** Live in the source environment (Dev). */
  source?: Leaf;
  /** Live in the target environment now (current Production). */
  target?: Leaf;
  /** What the definitions would put in the target environment. */
  proposed?: Leaf;
  /** Set when the value is a credential: then `source`, `target` and `proposed` are left out. */
  secret?: SecretRow;
  /** The target environment's value would change (target ≠ proposed). */
  targetChanges: boolean;
  /** The source environment differs from the definitions here (drift). */
  sourceDiffers: boolean;
}

/**
 * Whether the source environment (Dev) holds what the definitions say; `ambiguous`: several live
 * connectors have the definition's name and Dev's state does not say which one is it.
 */
export type Drift = { kind: "none" } | { kind: "missing" } | { kind: "differs"; paths: string[] } | { kind: "ambiguous"; identifiers: string[] };

export interface ConnectorReview {
  /** The Pulumi resource name: the definition file's base name, e.g. `acme-crm`. */
  name: string;
  /** The definition file, relative to the definitions folder. */
  file: string;
  /** The display name the definition proposes. */
  displayName: string;
  /** How it was matched in the source environment (Dev), with Dev's identifier. */
  source: MatchInfo;
  /** How it was matched in the target environment (Production), with Production's identifier. */
  target: MatchInfo;
  action: ProductionAction;
  drift: Drift;
  rows: FieldRow[];
  /** OAuth scopes added and removed per OAuth pattern, current target → proposed (updates only). */
  scopeChanges: ScopeChange[];
  /** The provider's warnings: OAuth scope changes, proxy off or without URL. */
  warnings: string[];
  /** The provider's note for every update: new connections, re-authorised connected accounts. */
  notes: string[];
}

/** A connector live in an environment that no definition matched. */
export interface UnmanagedConnector {
  identifier: string;
  displayName: string;
  /**
   * The resource of that stack's state that still records it (its definition file is gone):
   * `pulumi up` on that stack would delete it.
   */
  stateResource?: string;
  /** The other live connectors of the environment with the same display name (ignoring case and spaces). */
  sharesNameWith: string[];
  /** The definition file for which it was one of several connectors of the same name. */
  ambiguousFor?: string;
}

export interface Review {
  /** Source stack name, e.g. `dev`. */
  source: string;
  /** Target stack name, e.g. `production`. */
  target: string;
  sourceEnvironmentUrl: string;
  targetEnvironmentUrl: string;
  sourceState: StateInfo;
  targetState: StateInfo;
  definitionsDir: string;
  connectors: ConnectorReview[];
  /** In the target environment, not in the definitions: the review leaves them alone. */
  onlyInTarget: UnmanagedConnector[];
  /** In the source environment, not in the definitions: they will not be promoted. */
  onlyInSource: UnmanagedConnector[];
}

/** Exit code of the review as a CI gate. */
export const EXIT_NO_CHANGES = 0;
export const EXIT_ERROR = 1;
export const EXIT_CHANGES = 2;

/**
 * True when applying the definitions would (or may) change the target environment: a create, an
 * update, a connector the review cannot match for sure, or a connector the target's state holds
 * without a definition (pulumi up would delete it).
 */
export function targetWouldChange(review: Review): boolean {
  return review.connectors.some((connector) => connector.action !== "unchanged") || review.onlyInTarget.some((connector) => connector.stateResource !== undefined);
}
