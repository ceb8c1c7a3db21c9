/**
 * The connector definition in Pulumi's camelCase, as zod schemas: the single source of the
 * definition types. The shapes carry the rules Scalekit's server enforces; the rules of
 * Scalekit's connector guidance (guidance-rules.ts) are attached to the whole definition as a
 * refinement, so that one parse checks every rule.
 */
import { z } from "zod";
import { guidanceFailures } from "./guidance-rules";

export const displayNamePattern = /^[a-zA-Z0-9 ]*[a-zA-Z0-9][a-zA-Z0-9 ]*$/;
/** Scalekit advises display names under 200 characters. */
export const displayNameMaxLength = 199;
export const metadataLimits = { maxPairs: 20, keyMin: 3, keyMax: 25, valueMin: 1, valueMax: 256 } as const;

export const authTypes = ["OAUTH", "BASIC", "BEARER", "API_KEY", "NO_AUTH"] as const;
export const inputTypes = ["text", "password", "select"] as const;

const httpsUrl = z.string().refine((value) => value.startsWith("https://"), "must start with https://");

export const authFieldSchema = z.strictObject({
  fieldName: z.string().min(1, "must not be empty"),
  label: z.string().optional(),
  inputType: z.enum(inputTypes, { error: `must be one of ${inputTypes.join(", ")}` }).optional(),
  hint: z.string().optional(),
  required: z.boolean().optional(),
  isPathParam: z.boolean().optional(),
});

export const oauthScopeSchema = z.strictObject({
  scope: z.string().min(1, "must not be empty"),
  displayName: z.string().optional(),
  description: z.string().optional(),
  required: z.boolean().optional(),
});

export const oauthConfigSchema = z.strictObject({
  authorizeUri: httpsUrl.optional(),
  tokenUri: httpsUrl.optional(),
  userInfoUri: httpsUrl.optional(),
  availableScopes: z.array(oauthScopeSchema).optional(),
  pkceEnabled: z.boolean().optional(),
  allowUseScalekitCredentials: z.boolean().optional(),
  customScopeName: z.string().optional(),
});

export const fieldMutationSchema = z.strictObject({
  prefix: z.string().optional(),
  suffix: z.string().optional(),
  default: z.string().optional(),
});

/** Mutations apply to the credential fields the proxy sends: api_key, token, username, password. */
export const authFieldMutationsSchema = z.strictObject({
  apiKey: fieldMutationSchema.optional(),
  token: fieldMutationSchema.optional(),
  username: fieldMutationSchema.optional(),
  password: fieldMutationSchema.optional(),
});

export const authPatternSchema = z.strictObject({
  type: z.enum(authTypes, { error: `must be one of ${authTypes.join(", ")}` }),
  displayName: z.string().optional(),
  description: z.string().optional(),
  fields: z.array(authFieldSchema).optional(),
  accountFields: z.array(authFieldSchema).optional(),
  oauthConfig: oauthConfigSchema.optional(),
  isMcp: z.boolean().optional(),
  authHeaderKeyOverride: z.string().optional(),
  authFieldMutations: authFieldMutationsSchema.optional(),
});

export const metadataSchema = z
  .record(
    z
      .string()
      .min(metadataLimits.keyMin, `the key must be ${metadataLimits.keyMin} to ${metadataLimits.keyMax} characters long`)
      .max(metadataLimits.keyMax, `the key must be ${metadataLimits.keyMin} to ${metadataLimits.keyMax} characters long`),
    z
      .string()
      .min(metadataLimits.valueMin, `the value must be ${metadataLimits.valueMin} to ${metadataLimits.valueMax} characters long`)
      .max(metadataLimits.valueMax, `the value must be ${metadataLimits.valueMin} to ${metadataLimits.valueMax} characters long`),
  )
  .refine((map) => Object.keys(map).length <= metadataLimits.maxPairs, `must hold at most ${metadataLimits.maxPairs} pairs`);

/** The definition's shape and the server's rules, without the guidance rules. */
export const connectorDefinitionShapeSchema = z.strictObject({
  displayName: z
    .string()
    .regex(displayNamePattern, "must hold letters, digits and spaces only, with at least one letter or digit")
    .max(displayNameMaxLength, `must be under ${displayNameMaxLength + 1} characters`),
  description: z.string().optional(),
  authPatterns: z.array(authPatternSchema).min(1, "must hold at least one auth pattern (NO_AUTH for a public MCP server)"),
  proxyUrl: z
    .string()
    .min(1, "must not be empty: tool calling only works through Scalekit's proxy, which needs an https:// URL")
    .pipe(httpsUrl),
  proxyEnabled: z.boolean().default(true),
  iconSrc: z
    .string()
    .refine((value) => value === "" || value.startsWith("https://"), "must be empty or start with https://")
    .optional(),
  metadata: metadataSchema.optional(),
});

/** A connector definition as declared (defaults not yet applied). */
export type ConnectorDefinitionInput = z.input<typeof connectorDefinitionShapeSchema>;
/** A validated connector definition (defaults applied). */
export type ConnectorDefinition = z.output<typeof connectorDefinitionShapeSchema>;

/**
 * Every rule: the server's (in the shape) and the guidance rules. Zod runs the refinement only
 * when the shape is valid, so a guidance rule never reports on a malformed definition.
 */
export const connectorDefinitionSchema = connectorDefinitionShapeSchema.superRefine((definition, context) => {
  for (const failure of guidanceFailures(definition)) {
    context.addIssue({ code: "custom", path: failure.path, message: failure.rule, input: definition });
  }
});
export type AuthPattern = z.output<typeof authPatternSchema>;
export type AuthField = z.output<typeof authFieldSchema>;
export type OAuthConfig = z.output<typeof oauthConfigSchema>;
export type OAuthScope = z.output<typeof oauthScopeSchema>;
export type AuthType = (typeof authTypes)[number];
