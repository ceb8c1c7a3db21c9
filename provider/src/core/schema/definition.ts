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

/** One choice of a `select` field (served by Scalekit; SDK tests). */
const fieldOptionSchema = z.looseObject({
  /** The value stored when this option is chosen. */
  value: z.string().optional(),
  /** What the user sees. */
  displayName: z.string().optional(),
  /** A longer explanation of the option. */
  description: z.string().optional(),
  /** True for the option chosen when the user picks none. */
  default: z.boolean().optional(),
});

/** An input collected from the user when they connect (`fields`), or for the account (`accountFields`). */
const authFieldSchema = z.looseObject({
  /** Where the value is stored, and the placeholder name in `proxyUrl` (`{{fieldName}}`). */
  fieldName: z.string().min(1, "must not be empty"),
  /** The field's label in Scalekit's forms. */
  label: z.string().optional(),
  /** `text`, `password`, `select` or `textarea` (Scalekit owns the list). */
  inputType: inputTypeSchema.optional(),
  /** Help shown under the field. */
  hint: z.string().optional(),
  /** The user must fill it in. */
  required: z.boolean().optional(),
  /** The value fills a `{{fieldName}}` placeholder of `proxyUrl`. */
  isPathParam: z.boolean().optional(),
  /** The choices of a `select` field. */
  options: z.array(fieldOptionSchema).optional(),
  /** The header this field's value is sent in (Scalekit's multi-header API key mode). */
  headerName: z.string().optional(),
});

/** One OAuth scope a user may grant. */
const oauthScopeSchema = z.looseObject({
  /** The scope as the OAuth server names it. */
  scope: z.string().min(1, "must not be empty"),
  /** The scope's name shown to users. */
  displayName: z.string().optional(),
  /** What the scope allows, shown to users. */
  description: z.string().optional(),
  /** Always requested. */
  required: z.boolean().optional(),
});

/** Every property optional. OAuth endpoints are plain strings here: that they use https is advice (a warning, rules.ts). */
const oauthConfigSchema = z
  .looseObject({
    /** The OAuth server's authorization endpoint. */
    authorizeUri: z.string(),
    /** The OAuth server's token endpoint. */
    tokenUri: z.string(),
    /** The OAuth server's user info endpoint. */
    userInfoUri: z.string(),
    /** The scopes users may grant. */
    availableScopes: z.array(oauthScopeSchema),
    /** True for MCP servers that register clients dynamically (DCR). */
    pkceEnabled: z.boolean(),
    /** Scalekit's `allow_use_scalekit_credentials` switch. */
    allowUseScalekitCredentials: z.boolean(),
    /** Scalekit's `custom_scope_name` setting. */
    customScopeName: z.string(),
  })
  .partial();

/** Every property optional. Applied in this order: `default` when the stored value is empty, then `prefix`, then `suffix`. */
const fieldMutationSchema = z
  .looseObject({
    /** Put before the value. */
    prefix: z.string(),
    /** Put after the value. */
    suffix: z.string(),
    /** Used when the stored value is empty (a credential: declare it secret). */
    default: z.string(),
  })
  .partial();

/**
 * Mutations apply to the credential fields the proxy sends: api_key, token, username, password,
 * each optional. The keys are those fields' names (camelCase here, `api_key` in a payload); a
 * mutation of another field is carried, with a warning (rules.ts).
 */
export const authFieldMutationsSchema = z
  .looseObject({
    /** Applied to the `api_key` field. */
    apiKey: fieldMutationSchema,
    /** Applied to the `token` field. */
    token: fieldMutationSchema,
    /** Applied to the `username` field. */
    username: fieldMutationSchema,
    /** Applied to the `password` field. */
    password: fieldMutationSchema,
  })
  .partial();

/** One way users authenticate to the connector's upstream. */
export const authPatternSchema = z.looseObject({
  /** `OAUTH`, `BASIC`, `BEARER`, `API_KEY`, or `NO_AUTH` (public MCP servers only). */
  type: z.enum(authTypes, { error: `must be one of ${authTypes.join(", ")}` }),
  /** The pattern's name shown to users. */
  displayName: z.string().optional(),
  /** The pattern's description shown to users. */
  description: z.string().optional(),
  /** True when the upstream is an MCP server (then true in every pattern of the connector). */
  isMcp: z.boolean().optional(),
  /** Inputs collected from the user (any auth type; OAUTH patterns may have them too). */
  fields: z.array(authFieldSchema).optional(),
  /** Account-scoped inputs of an OAUTH pattern (its path parameters go here). */
  accountFields: z.array(authFieldSchema).optional(),
  /** OAuth settings; `{ pkceEnabled: true }` alone for MCP servers (dynamic client registration). */
  oauthConfig: oauthConfigSchema.optional(),
  /** The header credentials are sent in instead of `Authorization`. */
  authHeaderKeyOverride: z.string().optional(),
  /** Per credential field, a `prefix`, `suffix` and `default` applied before the proxy sends it. */
  authFieldMutations: authFieldMutationsSchema.optional(),
  /** Host names the proxy may call for this pattern, besides the proxy URL's. */
  allowedProxyDomains: z.array(z.string()).optional(),
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

/**
 * The definition's shape and the server's limits. How many auth patterns a connector may have is a
 * rule (rules.ts). The top level is strict: Scalekit's create and update take exactly these seven
 * fields (the proto), so another key there would not reach Scalekit (declaration.ts warns).
 */
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
