/**
 * The plugin's package schema: the checked-in provider/schema.json is what the generator gives
 * (the zod schema through z.toJSONSchema), it says what the zod schema says (every property,
 * which are required, defaults, the secret client secret, the descriptions of `.meta`), every
 * property is described, and the TypeScript SDK's property names are the schema's.
 */
import * as fs from "fs";
import { z } from "zod";
import { authPatternSchema, connectorDefinitionShapeSchema, pluginVersion, schemaPath } from "pulumi-scalekit-connectors/internal";
import type * as pulumi from "@pulumi/pulumi";
import * as sdk from "pulumi-scalekit-connectors/plugin";
import { customConnectorInputs, customConnectorOutputs, providerInputs } from "pulumi-scalekit-connectors/plugin";
import { generatedSchemaText } from "../../scripts/plugin-schema";

const checkedIn = JSON.parse(fs.readFileSync(schemaPath, "utf8"));
const resource = checkedIn.resources["scalekit:index:CustomConnector"];

test("provider/schema.json is what the generator gives (run npm run plugin:schema after changing the zod schema or a description)", () => {
  expect(fs.readFileSync(schemaPath, "utf8")).toBe(generatedSchemaText());
});

test("the SDK's input and output property names are the schema's, and the provider's are its config", () => {
  expect([...customConnectorInputs].sort()).toEqual(Object.keys(resource.inputProperties).sort());
  expect([...customConnectorOutputs].sort()).toEqual(Object.keys(resource.properties).sort());
  expect([...providerInputs].sort()).toEqual(Object.keys(checkedIn.config.variables).sort());
  expect(Object.keys(checkedIn.provider.inputProperties).sort()).toEqual([...providerInputs].sort());
});

test("the SDK asks the engine for the plugin at the npm package's version, the schema's", () => {
  const packageJson = JSON.parse(fs.readFileSync(require.resolve("pulumi-scalekit-connectors/package.json"), "utf8"));
  expect(sdk.pluginVersion).toBe(packageJson.version);
  expect(sdk.pluginVersion).toBe(checkedIn.version);
});

// Type-checked by tsc: the SDK's outputs are typed from the zod schema (a property missing there fails to compile here).
export const readsOutputs = (connector: sdk.CustomConnector): [pulumi.Output<string>, pulumi.Output<boolean>, pulumi.Output<string[] | undefined>, pulumi.Output<string | undefined>] => [
  connector.identifier,
  connector.isCustomMcp,
  connector.keptByScalekit,
  connector.proxyUrl,
];

test("the resource takes every property of the zod schema, both declaration forms, and nothing is required of either form", () => {
  const definitionKeys = Object.keys(connectorDefinitionShapeSchema.shape);
  expect(Object.keys(resource.inputProperties)).toEqual([...definitionKeys, "scalekitPayload", "adopt"]);
  expect(resource.requiredInputs).toBeUndefined();
  expect(resource.required).toEqual(["identifier", "scalekitId", "isCustomMcp"]);
  // The payload form carries any JSON, every key as written.
  expect(resource.inputProperties.scalekitPayload).toMatchObject({ type: "object", additionalProperties: { $ref: "pulumi.json#/Any" } });
});

test("types follow the zod objects: required keys, a list's elements, defaults; one type for one zod object used twice", () => {
  const types = checkedIn.types;
  expect(types["scalekit:index:AuthPattern"].required).toEqual(["type"]);
  expect(types["scalekit:index:AuthField"].required).toEqual(["fieldName"]);
  expect(types["scalekit:index:OAuthScope"].required).toEqual(["scope"]);
  expect(types["scalekit:index:OAuthConfig"].required).toBeUndefined();
  const pattern = types["scalekit:index:AuthPattern"].properties;
  expect(pattern.fields).toEqual(expect.objectContaining({ type: "array", items: { $ref: "#/types/scalekit:index:AuthField" } }));
  expect(pattern.accountFields.items).toEqual({ $ref: "#/types/scalekit:index:AuthField" });
  expect(types["scalekit:index:AuthFieldMutations"].properties.password.$ref).toBe("#/types/scalekit:index:AuthFieldMutation");
  expect(resource.inputProperties.proxyEnabled.default).toBe(true);
  expect(resource.inputProperties.metadata).toMatchObject({ type: "object", additionalProperties: { type: "string" } });
});

test("the provider's config is environmentUrl, clientId and clientSecret, the secret marked secret", () => {
  expect(checkedIn.config.variables.clientSecret.secret).toBe(true);
  expect(checkedIn.config.variables.environmentUrl.secret).toBeUndefined();
  expect(checkedIn.name).toBe("scalekit");
  expect(checkedIn.version).toBe(pluginVersion);
});

test("every property and every type is described", () => {
  const undescribed: string[] = [];
  const walk = (owner: string, properties: Record<string, { description?: string }>) => {
    for (const [key, spec] of Object.entries(properties)) if (!spec.description) undescribed.push(`${owner}.${key}`);
  };
  walk("CustomConnector", resource.properties);
  walk("config", checkedIn.config.variables);
  for (const [name, type] of Object.entries(checkedIn.types as Record<string, { description?: string; properties: Record<string, { description?: string }> }>)) {
    if (!type.description) undescribed.push(name);
    walk(name, type.properties);
  }
  expect(undescribed).toEqual([]);
});

test("the descriptions and type names are the zod schema's .meta: a property's, an object's, and a type named by its id", () => {
  const metaOf = (schema: z.ZodType) => z.globalRegistry.get(schema);
  const pattern = checkedIn.types["scalekit:index:AuthPattern"];
  expect(metaOf(authPatternSchema)?.id).toBe("AuthPattern");
  expect(pattern.description).toBe(metaOf(authPatternSchema)?.description);
  expect(pattern.properties.type.description).toBe(metaOf(authPatternSchema.shape.type)?.description);
  expect(resource.inputProperties.proxyUrl.description).toBe(metaOf(connectorDefinitionShapeSchema.shape.proxyUrl)?.description);
  // A property holding an object keeps its own words; the type keeps the object's.
  expect(pattern.properties.oauthConfig.description).toBe(metaOf(authPatternSchema.shape.oauthConfig)?.description);
  expect(pattern.properties.oauthConfig.description).not.toBe(checkedIn.types["scalekit:index:OAuthConfig"].description);
});
