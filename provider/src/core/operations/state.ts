/**
 * The shapes the provider keeps in Pulumi state, and the conversions between them and the
 * canonical definition.
 *
 * Inputs (what check returns) keep the shape the user declared: a typed connector's properties
 * at the top level (`description`, `authPatterns[0].fields[0].label`), a payload-declared one
 * under `scalekitPayload` in Scalekit's snake_case. That is what `pulumi preview --diff` shows,
 * and it is also how secrets survive: Pulumi's provider host cannot hand secrets to a dynamic
 * provider, so the engine re-applies the secret mark to whatever the provider returns under the
 * same property path as a secret input. Outputs therefore mirror the inputs' shape too, with
 * what Scalekit stored, next to the identifiers.
 *
 * State written by version 0.1.0 holds another shape, `{desired, adopt, declaredAs}` as inputs
 * and a `definition` output: `storedDefinition` and `declarationOfOutputs` read both, so that such
 * a stack previews with no change.
 */
import { definitionFrom, definitionProperties, spelledAs, type NormalizedDefinition, type ScalekitPayload } from "../codec";

type DeclaredForm = "typed" | "payload";

/** A typed connector's inputs: the canonical definition's properties that say something, and `adopt` when set. */
type TypedInputs = Partial<NormalizedDefinition> & { displayName: string; adopt?: true };
/** A payload-declared connector's inputs: the canonical payload in Scalekit's shape, and `adopt` when set. */
interface PayloadInputs {
  scalekitPayload: Partial<ScalekitPayload>;
  adopt?: true;
}
/** Inputs after check, in the shape the user declared. */
export type CheckedInputs = TypedInputs | PayloadInputs;

/** The identifiers Scalekit returned; never computed by the provider. */
interface ConnectorIdentity {
  /** Scalekit's identifier: the resource's id, used for update and delete. */
  identifier: string;
  /** The API's `id`. */
  scalekitId: string;
  isCustomMcp: boolean;
}

/**
 * Outputs: the identifiers, and what Scalekit stored, in the declaration's shape; and, when an
 * update asked to clear a property and Scalekit kept its value, that property's name
 * (camelCase; update-read-back.ts). No credential or token is ever here.
 */
export type ConnectorOutputs = ConnectorIdentity & CheckedInputs & { keptByScalekit?: string[] };

/** Outputs in the shape version 0.1.0 wrote: the definition whole, and how it was declared. */
export interface LegacyConnectorOutputs extends ConnectorIdentity {
  definition: NormalizedDefinition;
  adopt?: boolean;
  declaredAs?: DeclaredForm;
}

/** How a connector was declared, and its adoption switch. */
export interface Declaration {
  form: DeclaredForm;
  adopt: boolean;
}

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === "") return true;
  if (Array.isArray(value)) return value.length === 0;
  if (value !== null && typeof value === "object") return Object.keys(value).length === 0;
  return false;
}

/** The definition's properties that say something (empty description, icon or metadata left out). */
function meaningful(definition: NormalizedDefinition): Partial<NormalizedDefinition> & { displayName: string } {
  const kept: Record<string, unknown> = {};
  for (const property of definitionProperties) {
    if (!isEmpty(definition[property])) kept[property] = definition[property];
  }
  return kept as Partial<NormalizedDefinition> & { displayName: string };
}

/** The inputs check returns for a definition declared in `form`. */
export function declarationInputs(definition: NormalizedDefinition, declaration: Declaration): CheckedInputs {
  const adopt = declaration.adopt ? ({ adopt: true } as const) : {};
  if (declaration.form === "payload") {
    return { scalekitPayload: spelledAs(meaningful(definition), "payload") as Partial<ScalekitPayload>, ...adopt };
  }
  return { ...meaningful(definition), ...adopt };
}

function isPayloadShaped(value: object): value is { scalekitPayload: Record<string, unknown> } {
  const payload = (value as { scalekitPayload?: unknown }).scalekitPayload;
  return payload !== null && typeof payload === "object";
}

/**
 * The canonical definition held by inputs or outputs in the declaration's shape: under
 * `scalekitPayload` in Scalekit's spelling, or at the top level in camelCase (the switches and
 * identifiers beside it are not definition properties, and normalizing leaves them out).
 */
function definitionOfShape(value: Partial<CheckedInputs>): NormalizedDefinition {
  if (isPayloadShaped(value)) return definitionFrom(value.scalekitPayload, "payload");
  return definitionFrom(value as Record<string, unknown>, "typed");
}

/** The desired definition and the declaration, from checked inputs. */
export function readInputs(inputs: CheckedInputs): { definition: NormalizedDefinition; declaration: Declaration } {
  return {
    definition: definitionOfShape(inputs),
    declaration: { form: isPayloadShaped(inputs) ? "payload" : "typed", adopt: inputs.adopt === true },
  };
}

function isLegacy(outputs: object): outputs is LegacyConnectorOutputs {
  return "definition" in outputs && !("displayName" in outputs) && !isPayloadShaped(outputs);
}

/** What Scalekit stored when the outputs were written (this version's outputs or 0.1.0's), or undefined when there is none. */
export function storedDefinition(outputs: Partial<ConnectorOutputs> | Partial<LegacyConnectorOutputs>): NormalizedDefinition | undefined {
  if (isLegacy(outputs)) return definitionFrom(outputs.definition, "typed");
  if (!("displayName" in outputs) && !isPayloadShaped(outputs)) return undefined;
  return definitionOfShape(outputs as Partial<CheckedInputs>);
}

/** How the connector whose outputs these are was declared (0.1.0 kept `declaredAs`). */
export function declarationOfOutputs(outputs: Partial<ConnectorOutputs> | Partial<LegacyConnectorOutputs>): Declaration {
  if (isLegacy(outputs)) return { form: outputs.declaredAs ?? "typed", adopt: outputs.adopt === true };
  return { form: isPayloadShaped(outputs) ? "payload" : "typed", adopt: (outputs as Partial<ConnectorOutputs>).adopt === true };
}

/** Outputs for what Scalekit stored, in the declaration's shape. */
export function connectorOutputs(identity: ConnectorIdentity, stored: NormalizedDefinition, declaration: Declaration): ConnectorOutputs {
  return { ...identity, ...declarationInputs(stored, declaration) };
}
