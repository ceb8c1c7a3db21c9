/** What differs between two canonical definitions, property by property. */
import { comparisonJson, type NormalizedDefinition } from "./normalize";
import { connectorDefinitionShapeSchema } from "./schema/definition";

export type DefinitionProperty = keyof NormalizedDefinition;

/** The definition's top-level properties, in the schema's order (read from the schema, never listed again). */
export const definitionProperties: readonly DefinitionProperty[] = Object.keys(connectorDefinitionShapeSchema.shape) as DefinitionProperty[];

/** The top-level properties whose values differ, compared as normalize.ts's comparisonJson compares them. */
export function changedProperties(before: NormalizedDefinition, after: NormalizedDefinition): DefinitionProperty[] {
  return definitionProperties.filter((property) => comparisonJson(before[property]) !== comparisonJson(after[property]));
}
