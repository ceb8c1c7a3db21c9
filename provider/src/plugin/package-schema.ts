/**
 * The package schema of the `scalekit` plugin, generated from the definition's zod schema
 * (schema/definition.ts) through schema-tree.ts, never written out by hand: its properties,
 * which are required, defaults, and an object type per zod object (one type per schema object,
 * however many places use it). Descriptions come from a DescriptionSource: the TSDoc of the
 * package's declarations (scripts/lib/tsdoc-descriptions.ts reads them), so that a
 * TypeScript user and a schema reader see the same words.
 *
 * Scalekit stores auth patterns as free-form JSON; the dynamic door carries unknown keys
 * verbatim. A schema object type cannot say "and any other key", so the resource takes the
 * same two forms as the dynamic door: typed properties (the schema's types), or `scalekitPayload`
 * (any JSON, Scalekit's snake_case payload), which carries every key as written.
 */
import { z } from "zod";
import { credentialSettings } from "../core/client/credentials";
import { requestBudgetSetting } from "../core/client/request-budget";
import { connectorDefinitionShapeSchema } from "../core/schema/definition";
import { arrayElement, objectShape, recordValue, unwrap, type SchemaNode } from "../core/schema/schema-tree";
import { customConnectorToken, packageName } from "./identity";
import { pluginDownloadURL } from "./release";

/** A property or type spec of Pulumi's package schema (the parts this package uses). */
export interface PropertySpec {
  type?: "string" | "boolean" | "number" | "integer" | "array" | "object";
  $ref?: string;
  items?: PropertySpec;
  additionalProperties?: PropertySpec;
  description?: string;
  default?: unknown;
  secret?: boolean;
}

export interface ObjectTypeSpec {
  type: "object";
  description?: string;
  properties: Record<string, PropertySpec>;
  required?: string[];
}

export interface PackageSchema {
  name: string;
  displayName: string;
  version: string;
  /** Where the engine downloads the plugin when it is not installed (release.ts). */
  pluginDownloadURL: string;
  description: string;
  keywords: string[];
  license: string;
  config: { variables: Record<string, PropertySpec> };
  provider: { description?: string; inputProperties: Record<string, PropertySpec>; properties: Record<string, PropertySpec> };
  resources: Record<string, { description?: string; inputProperties: Record<string, PropertySpec>; properties: Record<string, PropertySpec>; required: string[] }>;
  types: Record<string, ObjectTypeSpec>;
}

/**
 * Where the words come from. `owner` is an object type's name (`AuthPattern`, ...), or
 * `CustomConnector`, or `Provider`; `keys` are all the properties of the owner's zod object
 * (empty for the resource and the provider), which is how a source finds that object's TSDoc.
 */
export interface DescriptionSource {
  property(owner: string, key: string, keys: readonly string[]): string | undefined;
  type(name: string, keys: readonly string[]): string | undefined;
}

export const noDescriptions: DescriptionSource = { property: () => undefined, type: () => undefined };

/** The resource's own name (owner of its top-level properties' descriptions). */
export const resourceOwner = "CustomConnector";
export const providerOwner = "Provider";

/**
 * Type names by the path where the object first appears (`authPatterns[]`: an element of
 * authPatterns). Scalekit's words, where the property's own name would read badly as a type.
 * An object found elsewhere is named after its property (PascalCase; a list's element singular).
 */
const typeNames: Readonly<Record<string, string>> = {
  "authPatterns[]": "AuthPattern",
  "authPatterns[].fields[]": "AuthField",
  "authPatterns[].fields[].options[]": "AuthFieldOption",
  "authPatterns[].oauthConfig": "OAuthConfig",
  "authPatterns[].oauthConfig.availableScopes[]": "OAuthScope",
  "authPatterns[].authFieldMutations": "AuthFieldMutations",
  "authPatterns[].authFieldMutations.apiKey": "AuthFieldMutation",
};

function pascal(key: string, element: boolean): string {
  const name = key.charAt(0).toUpperCase() + key.slice(1);
  return element && name.endsWith("s") ? name.slice(0, -1) : name;
}

/** Required: the schema does not accept the property left out. */
function isRequired(node: SchemaNode): boolean {
  return !node.safeParse(undefined).success;
}

function defaultOf(node: SchemaNode): unknown {
  return node instanceof z.ZodDefault ? node.parse(undefined) : undefined;
}

class SchemaBuilder {
  readonly types: Record<string, ObjectTypeSpec> = {};
  private readonly named = new Map<SchemaNode, string>();

  constructor(private readonly descriptions: DescriptionSource) {}

  /** The property spec of a schema node found at `path` (a property named `key`). */
  property(node: SchemaNode, path: string, key: string, element = false): PropertySpec {
    const schema = unwrap(node);
    const item = arrayElement(schema);
    if (item) return { type: "array", items: this.property(item, `${path}[]`, key, true) };
    const value = recordValue(schema);
    if (value) return { type: "object", additionalProperties: this.property(value, `${path}.*`, key) };
    if (objectShape(schema)) return { $ref: `#/types/${packageName}:index:${this.objectType(schema, path, key, element)}` };
    if (schema instanceof z.ZodString || schema instanceof z.ZodEnum) return { type: "string" };
    if (schema instanceof z.ZodBoolean) return { type: "boolean" };
    if (schema instanceof z.ZodNumber) return { type: "number" };
    return { $ref: "pulumi.json#/Any" };
  }

  /** The properties of an object schema, each with its description and default. */
  properties(shape: Readonly<Record<string, SchemaNode>>, owner: string, path: string): Record<string, PropertySpec> {
    return Object.fromEntries(
      Object.entries(shape).map(([key, child]) => {
        const spec = this.property(child, path === "" ? key : `${path}.${key}`, key);
        const description = this.descriptions.property(owner, key, path === "" ? [] : Object.keys(shape));
        const fallback = defaultOf(child);
        return [key, { ...spec, ...(description ? { description } : {}), ...(fallback !== undefined ? { default: fallback } : {}) }];
      }),
    );
  }

  private objectType(schema: SchemaNode, path: string, key: string, element: boolean): string {
    const known = this.named.get(schema);
    if (known) return known;
    const name = typeNames[path] ?? pascal(key, element);
    this.named.set(schema, name);
    const shape = objectShape(schema)!;
    const required = Object.entries(shape).filter(([, child]) => isRequired(child)).map(([child]) => child);
    const description = this.descriptions.type(name, Object.keys(shape));
    this.types[`${packageName}:index:${name}`] = {
      type: "object",
      ...(description ? { description } : {}),
      properties: this.properties(shape, name, path),
      ...(required.length > 0 ? { required } : {}),
    };
    return name;
  }
}

function described(spec: PropertySpec, owner: string, key: string, descriptions: DescriptionSource): PropertySpec {
  const description = descriptions.property(owner, key, []);
  return description ? { ...spec, description } : spec;
}

function optionalDescription(description: string | undefined): { description?: string } {
  return description ? { description } : {};
}

/** The package schema, generated. */
export function packageSchema(version: string, descriptions: DescriptionSource = noDescriptions): PackageSchema {
  const builder = new SchemaBuilder(descriptions);
  const definition = builder.properties(connectorDefinitionShapeSchema.shape as Record<string, SchemaNode>, resourceOwner, "");
  const declaration: Record<string, PropertySpec> = {
    ...definition,
    scalekitPayload: described({ type: "object", additionalProperties: { $ref: "pulumi.json#/Any" } }, resourceOwner, "scalekitPayload", descriptions),
    adopt: described({ type: "boolean" }, resourceOwner, "adopt", descriptions),
  };
  const outputs: Record<string, PropertySpec> = {
    ...declaration,
    identifier: described({ type: "string" }, resourceOwner, "identifier", descriptions),
    scalekitId: described({ type: "string" }, resourceOwner, "scalekitId", descriptions),
    isCustomMcp: described({ type: "boolean" }, resourceOwner, "isCustomMcp", descriptions),
    keptByScalekit: described({ type: "array", items: { type: "string" } }, resourceOwner, "keptByScalekit", descriptions),
  };
  const config: Record<string, PropertySpec> = {
    ...Object.fromEntries(
      credentialSettings.map((setting) => [setting.field, described({ type: "string", ...(setting.secret ? { secret: true } : {}) }, providerOwner, setting.field, descriptions)]),
    ),
    [requestBudgetSetting.field]: described({ type: "integer" }, providerOwner, requestBudgetSetting.field, descriptions),
  };
  return {
    name: packageName,
    displayName: "Scalekit",
    version,
    pluginDownloadURL,
    description: "Scalekit custom connectors (custom providers) as Pulumi resources.",
    keywords: ["pulumi", "scalekit", "connectors", "category/utility", "kind/native"],
    license: "Apache-2.0",
    config: { variables: config },
    provider: { ...optionalDescription(descriptions.type(providerOwner, [])), inputProperties: config, properties: config },
    resources: {
      [customConnectorToken]: {
        ...optionalDescription(descriptions.type(resourceOwner, [])),
        // No requiredInputs: two forms, the typed properties (displayName, authPatterns and proxyUrl required) or scalekitPayload. Check says what is missing.
        inputProperties: declaration,
        properties: outputs,
        required: ["identifier", "scalekitId", "isCustomMcp"],
      },
    },
    types: builder.types,
  };
}

/** The schema as written to schema.json: 2-space JSON and a final newline. */
export function schemaText(schema: PackageSchema): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
