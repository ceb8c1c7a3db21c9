/**
 * What the operations answer, in the core's own terms: paths stay structured, a diff always says
 * where it differs when it can, and outputs are the state's shapes (state.ts). Each door translates
 * these into its protocol: the dynamic runtime into `pulumi.dynamic` results, the plugin server
 * into protobuf.
 */
import type { PropertyPath } from "../schema/property-path";
import type { PropertyChange } from "./detailed-diff";
import type { CheckedInputs, ConnectorOutputs } from "./state";

/** A rule the declaration breaks: the property as the user declared it, and Scalekit's rule. */
export interface CheckFailure {
  property: string;
  reason: string;
}

/** The checked inputs, or the rules the declaration breaks (never both). */
export interface CheckResult {
  inputs?: CheckedInputs | Record<string, unknown>;
  failures?: CheckFailure[];
}

/** One changed leaf of a definition, at its path in the user's own properties. */
export interface PathChange {
  path: PropertyPath;
  kind: PropertyChange;
}

export interface DiffResult {
  changes: boolean;
  /** Properties whose change needs a replacement (none do: the identifier survives every update). */
  replaces: string[];
  /** Outputs an update leaves as they are. */
  stables: string[];
  /** Where the definition changed; absent when that cannot be told (unknown values, no earlier definition). */
  detailedDiff?: PathChange[];
}

export interface CreateResult {
  id: string;
  outputs: ConnectorOutputs;
}

export interface UpdateResult {
  outputs: ConnectorOutputs;
}

/** What a read found: the connector as stored and as declared, or nothing at all (Scalekit no longer has it). */
export interface ReadResult {
  id?: string;
  outputs?: ConnectorOutputs;
  inputs?: CheckedInputs;
}
