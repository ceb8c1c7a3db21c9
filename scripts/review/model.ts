import type { ScopeChange } from "pulumi-scalekit-connectors";
import type { Leaf } from "./leaves";

export type { ScopeChange };

/** What `pulumi up --stack <to>` would do to a connector in the target environment. */
export type ProductionAction = "create" | "update" | "unchanged";

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
  /** The target environment's value would change (target ≠ proposed). */
  targetChanges: boolean;
  /** The source environment differs from the definitions here (drift). */
  sourceDiffers: boolean;
}

/** Whether the source environment (Dev) holds what the definitions say. */
export type Drift = { kind: "none" } | { kind: "missing" } | { kind: "differs"; paths: string[] };

export interface ConnectorReview {
  identifier: string;
  /** The definition file, relative to the definitions folder. */
  file: string;
  displayName: string;
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

/** A connector live in an environment that no definition describes. */
export interface UnmanagedConnector {
  identifier: string;
  displayName: string;
}

export interface Review {
  /** Source stack name, e.g. `dev`. */
  source: string;
  /** Target stack name, e.g. `production`. */
  target: string;
  sourceEnvironmentUrl: string;
  targetEnvironmentUrl: string;
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

/** True when applying the definitions would change the target environment. */
export function targetWouldChange(review: Review): boolean {
  return review.connectors.some((connector) => connector.action !== "unchanged");
}
