/**
 * The connector definition in Pulumi's camelCase, as zod schemas: the single source of the
 * definition's types, of every list of its properties (the codec, ../codec, and diff.ts read them
 * from here), of the order a payload's keys are written in (Scalekit's documented order: a
 * pattern reads `type`, `display_name`, `description`, `is_mcp`, then what it collects and how;
 * codec/definition-forms.ts), and of the limits Scalekit's server
 * enforces (the proto's buf.validate rules, scalekit-api.md). The canonical form sorts nested
 * keys, so that order never changes a comparison.
 *
 * The schemas check the shape and the server's limits only. The rules of Scalekit's guidance and
 * this provider's advice (rules.ts) run on the parsed definition, in declaration.ts: one
 * pipeline, declaration → parse → rules → normalized definition.
 *
 * Each property's `.meta({ description })` and each object's `.meta({ id, description })` are the
 * plugin's package schema (plugin/package-schema.ts turns them into schema.json with
 * `z.toJSONSchema`): `id` is the object's type name there (one type however many places use it).
 */
import { z } from "zod";

const displayNamePattern = /^[a-zA-Z0-9 ]*[a-zA-Z0-9][a-zA-Z0-9 ]*$/;
/** Scalekit's proto: `display_name` is 1 to 200 characters. */
const displayNameMaxLength = 200;
/** Scalekit's proto: `proxy_url` and `icon_src` are at most 2048 characters. */
const urlMaxLength = 2048;
const metadataLimits = { maxPairs: 20, keyMin: 3, keyMax: 25, valueMin: 1, valueMax: 256 } as const;

/** The auth types Scalekit's proxy documents (docs: OAUTH, BASIC, BEARER, API_KEY, and NO_AUTH for public MCP servers). */
const authTypes = ["OAUTH", "BASIC", "BEARER", "API_KEY", "NO_AUTH"] as const;
/**
 * The input types Scalekit is known to use: text and password (docs), select (skill), textarea
 * (the SDK's catalogue). Scalekit owns the list: another one is a warning, not an error.
 */
export const inputTypes = ["text", "password", "select", "textarea"] as const;
type InputType = (typeof inputTypes)[number];

/**
 * Any string: Scalekit stores auth patterns as free-form JSON and owns the vocabulary of input
 * types (its SDK accepts any). Typed as the known ones, so editors still suggest them.
 */
const inputTypeSchema = z.string() as unknown as z.ZodType<InputType | (string & {}), InputType | (string & {})>;

/*
 * Every object inside an auth pattern is loose: Scalekit stores patterns as free-form JSON and
 * serves keys no document lists (scalekit-api.md, "Keys Scalekit serves"), so a key this schema
 * does not know is carried as it is, compared and sent back, never dropped. The keys below are
 * the ones Scalekit is known to use; their values are checked.
 */

const fieldOptionSchema = z.looseObject({
  value: z.string().optional().meta({ description: "The value stored when this option is chosen." }),
  displayName: z.string().optional().meta({ description: "What the user sees." }),
  description: z.string().optional().meta({ description: "A longer explanation of the option." }),
  default: z.boolean().optional().meta({ description: "True for the option chosen when the user picks none." }),
}).meta({ id: "AuthFieldOption", description: "One choice of a `select` field (served by Scalekit; SDK tests)." });

const authFieldSchema = z.looseObject({
  fieldName: z.string().min(1, "must not be empty").meta({ description: "Where the value is stored, and the placeholder name in `proxyUrl` (`{{fieldName}}`)." }),
  label: z.string().optional().meta({ description: "The field's label in Scalekit's forms." }),
  inputType: inputTypeSchema.optional().meta({ description: "`text`, `password`, `select` or `textarea` (Scalekit owns the list)." }),
  hint: z.string().optional().meta({ description: "Help shown under the field." }),
  required: z.boolean().optional().meta({ description: "The user must fill it in." }),
  isPathParam: z.boolean().optional().meta({ description: "The value fills a `{{fieldName}}` placeholder of `proxyUrl`." }),
  options: z.array(fieldOptionSchema).optional().meta({ description: "The choices of a `select` field." }),
  headerName: z.string().optional().meta({ description: "The header this field's value is sent in (Scalekit's multi-header API key mode)." }),
}).meta({ id: "AuthField", description: "An input collected from the user when they connect (`fields`), or for the account (`accountFields`)." });

const oauthScopeSchema = z.looseObject({
  scope: z.string().min(1, "must not be empty").meta({ description: "The scope as the OAuth server names it." }),
  displayName: z.string().optional().meta({ description: "The scope's name shown to users." }),
  description: z.string().optional().meta({ description: "What the scope allows, shown to users." }),
  required: z.boolean().optional().meta({ description: "Always requested." }),
}).meta({ id: "OAuthScope", description: "One OAuth scope a user may grant." });

const oauthConfigSchema = z
  .looseObject({
    authorizeUri: z.string().meta({ description: "The OAuth server's authorization endpoint." }),
    tokenUri: z.string().meta({ description: "The OAuth server's token endpoint." }),
    userInfoUri: z.string().meta({ description: "The OAuth server's user info endpoint." }),
    availableScopes: z.array(oauthScopeSchema).meta({ description: "The scopes users may grant." }),
    pkceEnabled: z.boolean().meta({ description: "True for MCP servers that register clients dynamically (DCR)." }),
    allowUseScalekitCredentials: z.boolean().meta({ description: "Scalekit's `allow_use_scalekit_credentials` switch." }),
    customScopeName: z.string().meta({ description: "Scalekit's `custom_scope_name` setting." }),
  })
  .partial()
  .meta({ id: "OAuthConfig", description: "Every property optional. OAuth endpoints are plain strings here: that they use https is advice (a warning, rules.ts)." });

const fieldMutationSchema = z
  .looseObject({
    prefix: z.string().meta({ description: "Put before the value." }),
    suffix: z.string().meta({ description: "Put after the value." }),
    default: z.string().meta({ description: "Used when the stored value is empty (a credential: declare it secret)." }),
  })
  .partial()
  .meta({ id: "AuthFieldMutation", description: "Every property optional. Applied in this order: `default` when the stored value is empty, then `prefix`, then `suffix`." });

export const authFieldMutationsSchema = z
  .looseObject({
    apiKey: fieldMutationSchema.meta({ description: "Applied to the `api_key` field." }),
    token: fieldMutationSchema.meta({ description: "Applied to the `token` field." }),
    username: fieldMutationSchema.meta({ description: "Applied to the `username` field." }),
    password: fieldMutationSchema.meta({ description: "Applied to the `password` field." }),
  })
  .partial()
  .meta({ id: "AuthFieldMutations", description: "Mutations apply to the credential fields the proxy sends: api_key, token, username, password, each optional. The keys are those fields' names (camelCase here, `api_key` in a payload); a mutation of another field is carried, with a warning (rules.ts)." });

export const authPatternSchema = z.looseObject({
  type: z.enum(authTypes, { error: `must be one of ${authTypes.join(", ")}` }).meta({ description: "`OAUTH`, `BASIC`, `BEARER`, `API_KEY`, or `NO_AUTH` (public MCP servers only)." }),
  displayName: z.string().optional().meta({ description: "The pattern's name shown to users." }),
  description: z.string().optional().meta({ description: "The pattern's description shown to users." }),
  isMcp: z.boolean().optional().meta({ description: "True when the upstream is an MCP server (then true in every pattern of the connector)." }),
  fields: z.array(authFieldSchema).optional().meta({ description: "Inputs collected from the user (any auth type; OAUTH patterns may have them too)." }),
  accountFields: z.array(authFieldSchema).optional().meta({ description: "Account-scoped inputs of an OAUTH pattern (its path parameters go here)." }),
  oauthConfig: oauthConfigSchema.optional().meta({ description: "OAuth settings; `{ pkceEnabled: true }` alone for MCP servers (dynamic client registration)." }),
  authHeaderKeyOverride: z.string().optional().meta({ description: "The header credentials are sent in instead of `Authorization`." }),
  authFieldMutations: authFieldMutationsSchema.optional().meta({ description: "Per credential field, a `prefix`, `suffix` and `default` applied before the proxy sends it." }),
  allowedProxyDomains: z.array(z.string()).optional().meta({ description: "Host names the proxy may call for this pattern, besides the proxy URL's." }),
}).meta({ id: "AuthPattern", description: "One way users authenticate to the connector's upstream." });

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

/**
 * The definition's shape and the server's limits, and what each property means (`.meta`, the plugin's
 * package schema's descriptions). How many auth patterns a connector may have is a
 * rule (rules.ts). The top level is strict: Scalekit's create and update take exactly these seven
 * fields (the proto), so another key there would not reach Scalekit (declaration.ts warns).
 */
export const connectorDefinitionShapeSchema = z.strictObject({
  displayName: z
    .string()
    .regex(displayNamePattern, "must hold letters, digits and spaces only, with at least one letter or digit")
    .max(displayNameMaxLength, `must be at most ${displayNameMaxLength} characters long`)
    .meta({ description: "Letters, digits and spaces; 1 to 200 characters. Connectors are found by this name (ignoring case and spaces)." }),
  description: z.string().optional().meta({ description: "What the connector is for, shown to users in Scalekit; empty when left out." }),
  authPatterns: z.array(authPatternSchema).meta({ description: "How users authenticate; at least one pattern." }),
  proxyUrl: z
    .string()
    .min(1, { message: "must not be empty: tool calling only works through Scalekit's proxy, which needs an https:// URL", abort: true })
    .max(urlMaxLength, `must be at most ${urlMaxLength} characters long`)
    .refine((value) => value.startsWith(httpsPrefix), `must start with ${httpsPrefix}`)
    .meta({ description: "https:// URL Scalekit's proxy calls; may hold {{domain}}, {{version}} or {{name}} placeholders." }),
  proxyEnabled: z.boolean().default(true).meta({ description: "Default true: tool calling only works through the proxy." }),
  iconSrc: z
    .string()
    .max(urlMaxLength, `must be at most ${urlMaxLength} characters long`)
    .refine((value) => value === "" || value.startsWith(httpsPrefix), `must be empty or start with ${httpsPrefix}`)
    .optional()
    .meta({ description: "Empty, or an https:// URL." }),
  metadata: metadataSchema.optional().meta({ description: "At most 20 pairs; keys 3 to 25 characters, values 1 to 256." }),
});

/** A connector definition as declared (defaults not yet applied). */
export type ConnectorDefinitionInput = z.input<typeof connectorDefinitionShapeSchema>;
/** A parsed connector definition (defaults applied). */
export type ConnectorDefinition = z.output<typeof connectorDefinitionShapeSchema>;
export type AuthPattern = z.output<typeof authPatternSchema>;
export type AuthField = z.output<typeof authFieldSchema>;

/** The property names an object schema declares (its index signature for carried keys left out). */
type DeclaredKey<T extends { shape: object }> = Extract<keyof T["shape"], string>;

/** Every property name the schema knows, at any depth (rule texts may name only these). */
export type SchemaKey =
  | DeclaredKey<typeof connectorDefinitionShapeSchema>
  | DeclaredKey<typeof authPatternSchema>
  | DeclaredKey<typeof authFieldSchema>
  | DeclaredKey<typeof oauthConfigSchema>
  | DeclaredKey<typeof oauthScopeSchema>
  | DeclaredKey<typeof authFieldMutationsSchema>
  | DeclaredKey<typeof fieldMutationSchema>
  | DeclaredKey<typeof fieldOptionSchema>;
