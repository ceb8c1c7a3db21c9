/** What differs between two canonical definitions, property by property. */
import { canonicalJson, type NormalizedDefinition } from "./normalize";
import { connectorDefinitionShapeSchema } from "./schema/definition";

type DefinitionProperty = keyof NormalizedDefinition;

/** The definition's top-level properties, in the schema's order (read from the schema, never listed again). */
export const definitionProperties: readonly DefinitionProperty[] = Object.keys(connectorDefinitionShapeSchema.shape) as DefinitionProperty[];

/** The top-level properties whose canonical values differ. */
export function changedProperties(before: NormalizedDefinition, after: NormalizedDefinition): DefinitionProperty[] {
  return definitionProperties.filter((property) => canonicalJson(before[property]) !== canonicalJson(after[property]));
}
