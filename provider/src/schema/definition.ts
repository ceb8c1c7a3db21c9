/**
 * The connector definition in Pulumi's camelCase, as zod schemas: the single source of the
 * definition's types, of every list of its properties (normalize.ts, diff.ts and the key
 * translation of declaration.ts read them from here), of the order a payload's keys are written
 * in (Scalekit's documented order: a pattern reads `type`, `display_name`, `description`,
 * `is_mcp`, then what it collects and how; mapping.ts), and of the limits Scalekit's server
 * enforces (the proto's buf.validate rules, scalekit-api.md). The canonical form sorts nested
 * keys, so that order never changes a comparison.
 *
 * The schemas check the shape and the server's limits only. The rules of Scalekit's guidance and
 * this provider's advice (rules.ts) run on the parsed definition, in declaration.ts: one
 * pipeline, declaration → parse → rules → normalized definition.
 */
import { z } from "zod";

const displayNamePattern = /^[a-zA-Z0-9 ]*[a-zA-Z0-9][a-zA-Z0-9 ]*$/;
/** Scalekit's proto: `display_name` is 1 to 200 characters. */
const displayNameMaxLength = 200;
/** Scalekit's proto: `proxy_url` and `icon_src` are at most 2048 characters. */
const urlMaxLength = 2048;
const metadataLimits = { maxPairs: 20, keyMin: 3, keyMax: 25, valueMin: 1, valueMax: 256 } as const;

const authTypes = ["OAUTH", "BASIC", "BEARER", "API_KEY", "NO_AUTH"] as const;
/** The input types Scalekit documents (docs and SDK: text, password; skill: select). Others are a warning, not an error. */
export const inputTypes = ["text", "password", "select"] as const;
type InputType = (typeof inputTypes)[number];

/**
 * Any string: Scalekit stores auth patterns as free-form JSON and owns the vocabulary of input
 * types (its SDK accepts any). Typed as the documented ones, so editors still suggest them.
 */
const inputTypeSchema = z.string() as unknown as z.ZodType<InputType | (string & {}), InputType | (string & {})>;

const authFieldSchema = z.strictObject({
  fieldName: z.string().min(1, "must not be empty"),
  label: z.string().optional(),
  inputType: inputTypeSchema.optional(),
  hint: z.string().optional(),
  required: z.boolean().optional(),
  isPathParam: z.boolean().optional(),
});

const oauthScopeSchema = z.strictObject({
  scope: z.string().min(1, "must not be empty"),
  displayName: z.string().optional(),
  description: z.string().optional(),
  required: z.boolean().optional(),
});

/** Every property optional. OAuth endpoints are plain strings here: that they use https is advice (a warning, rules.ts). */
const oauthConfigSchema = z
  .strictObject({
    authorizeUri: z.string(),
    tokenUri: z.string(),
    userInfoUri: z.string(),
    availableScopes: z.array(oauthScopeSchema),
    pkceEnabled: z.boolean(),
    allowUseScalekitCredentials: z.boolean(),
    customScopeName: z.string(),
  })
  .partial();

/** Every property optional. */
const fieldMutationSchema = z.strictObject({ prefix: z.string(), suffix: z.string(), default: z.string() }).partial();

/**
 * Mutations apply to the credential fields the proxy sends: api_key, token, username, password,
 * each optional. The keys are those fields' names (camelCase here, `api_key` in a payload).
 */
export const authFieldMutationsSchema = z
  .strictObject({ apiKey: fieldMutationSchema, token: fieldMutationSchema, username: fieldMutationSchema, password: fieldMutationSchema })
  .partial();

export const authPatternSchema = z.strictObject({
  type: z.enum(authTypes, { error: `must be one of ${authTypes.join(", ")}` }),
  displayName: z.string().optional(),
  description: z.string().optional(),
  isMcp: z.boolean().optional(),
  fields: z.array(authFieldSchema).optional(),
  accountFields: z.array(authFieldSchema).optional(),
  oauthConfig: oauthConfigSchema.optional(),
  authHeaderKeyOverride: z.string().optional(),
  authFieldMutations: authFieldMutationsSchema.optional(),
});

const metadataSchema = z
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

const httpsPrefix = "https://";

/** The definition's shape and the server's limits. How many auth patterns a connector may have is a rule (rules.ts). */
export const connectorDefinitionShapeSchema = z.strictObject({
  displayName: z
    .string()
    .regex(displayNamePattern, "must hold letters, digits and spaces only, with at least one letter or digit")
    .max(displayNameMaxLength, `must be at most ${displayNameMaxLength} characters long`),
  description: z.string().optional(),
  authPatterns: z.array(authPatternSchema),
  proxyUrl: z
    .string()
    .min(1, { message: "must not be empty: tool calling only works through Scalekit's proxy, which needs an https:// URL", abort: true })
    .max(urlMaxLength, `must be at most ${urlMaxLength} characters long`)
    .refine((value) => value.startsWith(httpsPrefix), `must start with ${httpsPrefix}`),
  proxyEnabled: z.boolean().default(true),
  iconSrc: z
    .string()
    .max(urlMaxLength, `must be at most ${urlMaxLength} characters long`)
    .refine((value) => value === "" || value.startsWith(httpsPrefix), `must be empty or start with ${httpsPrefix}`)
    .optional(),
  metadata: metadataSchema.optional(),
});

/** A connector definition as declared (defaults not yet applied). */
export type ConnectorDefinitionInput = z.input<typeof connectorDefinitionShapeSchema>;
/** A parsed connector definition (defaults applied). */
export type ConnectorDefinition = z.output<typeof connectorDefinitionShapeSchema>;
export type AuthPattern = z.output<typeof authPatternSchema>;
export type AuthField = z.output<typeof authFieldSchema>;
type OAuthConfig = z.output<typeof oauthConfigSchema>;
type OAuthScope = z.output<typeof oauthScopeSchema>;
type AuthFieldMutations = z.output<typeof authFieldMutationsSchema>;
type FieldMutation = z.output<typeof fieldMutationSchema>;

/** Every property name the schema knows, at any depth (rule texts may name only these). */
export type SchemaKey =
  | keyof ConnectorDefinition
  | keyof AuthPattern
  | keyof AuthField
  | keyof OAuthConfig
  | keyof OAuthScope
  | keyof AuthFieldMutations
  | keyof FieldMutation;
