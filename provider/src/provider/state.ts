/** The shapes the provider keeps in Pulumi state: checked inputs and outputs. */
import type { NormalizedDefinition } from "../normalize";

/** Inputs after check: the canonical desired definition and the adoption switch. */
export interface CheckedInputs {
  desired: NormalizedDefinition;
  adopt: boolean;
  /** How the definition was declared: property paths in messages follow it. */
  declaredAs: "typed" | "payload";
}

/** Outputs: what Scalekit stored, and its identifiers. No credential or token is ever here. */
export interface ConnectorOutputs {
  identifier: string;
  scalekitId: string;
  isCustomMcp: boolean;
  definition: NormalizedDefinition;
  /** The declaration's switches, kept so that a refresh can hand them back as inputs unchanged. */
  adopt?: boolean;
  declaredAs?: CheckedInputs["declaredAs"];
}
