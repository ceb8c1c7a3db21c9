/** The CustomConnector resource: one Scalekit custom connector owned by a Pulumi stack. */
import * as pulumi from "@pulumi/pulumi";
import type { NormalizedDefinition } from "./normalize";
import type { ConnectorDefinitionInput } from "./schema/definition";
import { customConnectorProvider } from "./shim";

/** A value, or at any depth of objects and lists, a `pulumi.Input` of it. */
export type DeepInput<T> = T extends readonly (infer Item)[]
  ? pulumi.Input<DeepInput<Item>[]>
  : T extends object
    ? pulumi.Input<{ [K in keyof T]: DeepInput<T[K]> }>
    : pulumi.Input<T>;

type AuthPatternInput = ConnectorDefinitionInput["authPatterns"][number];

/** One auth pattern: `type`, `displayName`, `description`, `fields`, `accountFields`, `oauthConfig`, `isMcp`, `authHeaderKeyOverride`, `authFieldMutations`. */
export type AuthPatternArgs = DeepInput<AuthPatternInput>;
/** An input collected from the user: `fieldName`, `label`, `inputType`, `hint`, `required`, `isPathParam`. */
export type AuthFieldArgs = DeepInput<NonNullable<AuthPatternInput["fields"]>[number]>;
/** OAuth settings: `authorizeUri`, `tokenUri`, `userInfoUri`, `availableScopes`, `pkceEnabled`, `allowUseScalekitCredentials`, `customScopeName`. */
export type OAuthConfigArgs = DeepInput<NonNullable<AuthPatternInput["oauthConfig"]>>;
/** One OAuth scope: `scope`, `displayName`, `description`, `required`. */
export type OAuthScopeArgs = DeepInput<NonNullable<NonNullable<AuthPatternInput["oauthConfig"]>["availableScopes"]>[number]>;
/** Per credential field (`apiKey`, `token`, `username`, `password`): `prefix`, `suffix`, `default`. */
export type AuthFieldMutationsArgs = DeepInput<NonNullable<AuthPatternInput["authFieldMutations"]>>;

/** A connector declared with typed camelCase arguments that mirror Scalekit's payload. */
export interface CustomConnectorArgs {
  /** Letters, digits and spaces; under 200 characters. Scalekit derives the identifier from it at creation. */
  displayName: pulumi.Input<string>;
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
  /** Take over a connector that already exists under the same identifier instead of failing. */
  adopt?: pulumi.Input<boolean>;
}

/** A connector declared from Scalekit's own snake_case JSON payload, pasted unchanged. */
export interface ScalekitPayloadConnectorArgs {
  /** The create payload as in Scalekit's docs: `display_name`, `auth_patterns`, `proxy_url`, ... */
  scalekitPayload: pulumi.Input<Record<string, unknown>>;
  /** Take over a connector that already exists under the same identifier instead of failing. */
  adopt?: pulumi.Input<boolean>;
}

/** Earlier name of AuthPatternArgs' plain form. */
export type AuthPattern = AuthPatternInput;

export class CustomConnector extends pulumi.dynamic.Resource {
  /** Scalekit's identifier, derived by Scalekit from the display name at creation; also the resource's id. It never changes. */
  declare public readonly identifier: pulumi.Output<string>;
  /** The API's `id` of the connector (a Pulumi resource cannot have an output named `id`). */
  declare public readonly scalekitId: pulumi.Output<string>;
  /** True when the connector's patterns are MCP. */
  declare public readonly isCustomMcp: pulumi.Output<boolean>;
  /** The definition as Scalekit stored it, in canonical camelCase form. */
  declare public readonly definition: pulumi.Output<NormalizedDefinition>;

  constructor(name: string, args: CustomConnectorArgs | ScalekitPayloadConnectorArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      customConnectorProvider,
      name,
      { ...args, identifier: undefined, scalekitId: undefined, isCustomMcp: undefined, definition: undefined },
      opts,
      "scalekit",
      "CustomConnector",
    );
  }
}
