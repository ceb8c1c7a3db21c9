/**
 * The arguments of a connector as a TypeScript program declares it, the same through either door
 * (the dynamic provider's CustomConnector, the plugin SDK's): typed from the zod schema, so the
 * schema stays their one source. The package schema's descriptions are the zod schema's `.meta`
 * (schema/resource.ts); the TSDoc here is what an editor shows.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ConnectorDefinitionInput } from "./schema/definition";

/** A value, or at any depth of objects and lists, a `pulumi.Input` of it. */
export type DeepInput<T> = T extends readonly (infer Item)[]
  ? pulumi.Input<DeepInput<Item>[]>
  : T extends object
    ? pulumi.Input<{ [K in keyof T]: DeepInput<T[K]> }>
    : pulumi.Input<T>;

type AuthPatternInput = ConnectorDefinitionInput["authPatterns"][number];

/**
 * One auth pattern: `type`, `displayName`, `description`, `isMcp`, `fields`, `accountFields`,
 * `oauthConfig`, `authHeaderKeyOverride`, `authFieldMutations`, `allowedProxyDomains`. Any other
 * key is carried to Scalekit as written (Scalekit stores patterns as free-form JSON), at any depth.
 */
export type AuthPatternArgs = DeepInput<AuthPatternInput>;
/** An input collected from the user: `fieldName`, `label`, `inputType`, `hint`, `required`, `isPathParam`, `options`, `headerName`. */
export type AuthFieldArgs = DeepInput<NonNullable<AuthPatternInput["fields"]>[number]>;
/** One choice of a `select` field: `value`, `displayName`, `description`, `default`. */
export type AuthFieldOptionArgs = DeepInput<NonNullable<NonNullable<AuthPatternInput["fields"]>[number]["options"]>[number]>;
/** OAuth settings: `authorizeUri`, `tokenUri`, `userInfoUri`, `availableScopes`, `pkceEnabled`, `allowUseScalekitCredentials`, `customScopeName`. */
export type OAuthConfigArgs = DeepInput<NonNullable<AuthPatternInput["oauthConfig"]>>;
/** One OAuth scope: `scope`, `displayName`, `description`, `required`. */
export type OAuthScopeArgs = DeepInput<NonNullable<NonNullable<AuthPatternInput["oauthConfig"]>["availableScopes"]>[number]>;
/** Per credential field (`apiKey`, `token`, `username`, `password`): `prefix`, `suffix`, `default`. */
export type AuthFieldMutationsArgs = DeepInput<NonNullable<AuthPatternInput["authFieldMutations"]>>;

/** A connector declared with typed camelCase arguments that mirror Scalekit's payload. */
export interface CustomConnectorArgs {
  /** Letters, digits and spaces; 1 to 200 characters. Connectors are found by this name (ignoring case and spaces). */
  displayName: pulumi.Input<string>;
  /** What the connector is for, shown to users in Scalekit; empty when left out. */
  description?: pulumi.Input<string>;
  /** How users authenticate; at least one pattern. */
  authPatterns: pulumi.Input<AuthPatternArgs[]>;
  /** https:// URL Scalekit's proxy calls; may hold {{domain}}, {{version}} or {{name}} placeholders. */
  proxyUrl: pulumi.Input<string>;
  /** Default true: tool calling only works through the proxy. */
  proxyEnabled?: pulumi.Input<boolean>;
  /** Empty, or an https:// URL. */
  iconSrc?: pulumi.Input<string>;
  /** At most 20 pairs; keys 3 to 25 characters, values 1 to 256. */
  metadata?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Take over a connector that already exists under the same name instead of failing. */
  adopt?: pulumi.Input<boolean>;
}

/** A connector declared from Scalekit's own snake_case JSON payload, pasted unchanged. */
export interface ScalekitPayloadConnectorArgs {
  /** The create payload as in Scalekit's docs: `display_name`, `auth_patterns`, `proxy_url`, ... */
  scalekitPayload: pulumi.Input<Record<string, unknown>>;
  /** Take over a connector that already exists under the same name instead of failing. */
  adopt?: pulumi.Input<boolean>;
}
