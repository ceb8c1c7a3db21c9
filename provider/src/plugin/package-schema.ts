/**
 * The package schema of the `scalekit` plugin, generated from the zod schemas of the resource and
 * its provider (core/schema/resource.ts, built on schema/definition.ts), never written out by
 * hand: `z.toJSONSchema` gives their properties, which are required, defaults, descriptions
 * (`.meta({ description })`), the secret marker (`.meta({ secret: true })`) and one `$defs` entry
 * per object named with `.meta({ id })`; this module maps that JSON Schema into Pulumi's package
 * schema (`$defs` → `types`, `$ref` → a type token, a map's values → `additionalProperties`).
 *
 * Scalekit stores auth patterns as free-form JSON; the dynamic door carries unknown keys
 * verbatim. A schema object type cannot say "and any other key", so the resource takes the
 * same two forms as the dynamic door: typed properties (the schema's types), or `scalekitPayload`
 * (any JSON, Scalekit's snake_case payload), which carries every key as written.
 */
import { z } from "zod";
import { customConnectorInputsSchema, customConnectorOutputsSchema, providerConfigSchema } from "../core/schema/resource";
import { customConnectorToken, goSdkModule, nodejsSdkImport, packageName } from "./package-names";
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
  /** Where each language's SDK is: what code printed by `pulumi import` (or converted) imports. */
  language: { nodejs: { packageName: string }; go: { importBasePath: string } };
}

/** The parts of the JSON Schema `z.toJSONSchema` writes that the mapping reads. */
interface JsonSchema {
  type?: string;
  $ref?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  description?: string;
  default?: unknown;
  secret?: boolean;
  $defs?: Record<string, JsonSchema>;
}

const anyValue: PropertySpec = { $ref: "pulumi.json#/Any" };
const definitionsPrefix = "#/$defs/";

/** A zod schema as JSON Schema, as a program declares it (defaults not applied, so defaulted properties are optional). */
function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: "input" }) as JsonSchema;
}

function typeToken(name: string): string {
  return `${packageName}:index:${name}`;
}

/** The shape of a value: a scalar type, a list, a map, a reference to an object type, or any JSON. */
function shapeSpec(json: JsonSchema, where: string): PropertySpec {
  if (json.$ref !== undefined) {
    if (!json.$ref.startsWith(definitionsPrefix)) throw new Error(`${where}: unexpected reference ${json.$ref}`);
    return { $ref: `#/types/${typeToken(json.$ref.slice(definitionsPrefix.length))}` };
  }
  switch (json.type) {
    case "string":
    case "boolean":
    case "number":
    case "integer":
      return { type: json.type };
    case "array":
      return { type: "array", items: json.items ? shapeSpec(json.items, `${where}[]`) : anyValue };
    case "object":
      if (json.properties) throw new Error(`${where}: an object in the zod schema needs .meta({ id }) to name its type in the package schema`);
      return { type: "object", additionalProperties: typeof json.additionalProperties === "object" ? shapeSpec(json.additionalProperties, `${where}.*`) : anyValue };
    default:
      return anyValue;
  }
}

/** A property: its shape, then the secret marker, description and default the zod schema gives it. */
function propertySpec(json: JsonSchema, where: string): PropertySpec {
  return {
    ...shapeSpec(json, where),
    ...(json.secret === true ? { secret: true } : {}),
    ...(json.description !== undefined ? { description: json.description } : {}),
    ...(json.default !== undefined ? { default: json.default } : {}),
  };
}

function propertySpecs(json: JsonSchema, where: string): Record<string, PropertySpec> {
  return Object.fromEntries(Object.entries(json.properties ?? {}).map(([key, child]) => [key, propertySpec(child, `${where}.${key}`)]));
}

/** The object types: one per `$defs` entry, named by its zod `.meta({ id })`. */
function objectTypes(definitions: Record<string, JsonSchema>): Record<string, ObjectTypeSpec> {
  return Object.fromEntries(
    Object.entries(definitions).map(([name, json]) => [
      typeToken(name),
      {
        type: "object" as const,
        ...(json.description !== undefined ? { description: json.description } : {}),
        properties: propertySpecs(json, name),
        ...(json.required && json.required.length > 0 ? { required: json.required } : {}),
      },
    ]),
  );
}

function optionalDescription(description: string | undefined): { description?: string } {
  return description ? { description } : {};
}

/** The package schema, generated. */
export function packageSchema(version: string): PackageSchema {
  const inputs = jsonSchemaOf(customConnectorInputsSchema);
  const outputs = jsonSchemaOf(customConnectorOutputsSchema);
  const provider = jsonSchemaOf(providerConfigSchema);
  const config = propertySpecs(provider, "Provider");
  return {
    name: packageName,
    displayName: "Scalekit",
    version,
    pluginDownloadURL,
    description: "Scalekit custom connectors (custom providers) as Pulumi resources.",
    keywords: ["pulumi", "scalekit", "connectors", "category/utility", "kind/native"],
    license: "Apache-2.0",
    config: { variables: config },
    provider: { ...optionalDescription(provider.description), inputProperties: config, properties: config },
    resources: {
      [customConnectorToken]: {
        ...optionalDescription(outputs.description),
        // No requiredInputs: two forms, the typed properties (displayName, authPatterns and proxyUrl required) or scalekitPayload. Check says what is missing.
        inputProperties: propertySpecs(inputs, "CustomConnector"),
        properties: propertySpecs(outputs, "CustomConnector"),
        required: outputs.required ?? [],
      },
    },
    types: objectTypes({ ...inputs.$defs, ...outputs.$defs }),
    // The SDKs a user has: `import * as scalekit from "pulumi-scalekit-connectors/plugin"` and the generated Go SDK's package.
    language: {
      nodejs: { packageName: nodejsSdkImport },
      go: { importBasePath: `${goSdkModule}/${packageName}` },
    },
  };
}

/** The schema as written to schema.json: 2-space JSON and a final newline. */
export function schemaText(schema: PackageSchema): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
