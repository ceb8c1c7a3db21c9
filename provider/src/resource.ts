/** The CustomConnector resource: one Scalekit custom connector owned by a Pulumi stack. */
import * as pulumi from "@pulumi/pulumi";
import { definitionProperties } from "./diff";
import { normalizeDefinition, type NormalizedDefinition } from "./normalize";
import type { ConnectorDefinitionInput } from "./schema/definition";
import { fromPayloadSpelling } from "./schema/spelling";
import { customConnectorProvider } from "./shim";

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

/**
 * One Scalekit custom connector (a "custom provider" in Scalekit's API), owned by a Pulumi stack.
 *
 * Declare it with typed camelCase arguments ({@link CustomConnectorArgs}) or with Scalekit's own
 * JSON payload ({@link ScalekitPayloadConnectorArgs}); both are checked against Scalekit's rules
 * before anything is sent. The stack's Scalekit environment comes from its config
 * (`scalekit:environmentUrl`, `scalekit:clientId`, `scalekit:clientSecret`) or from the
 * `SCALEKIT_*` environment variables.
 *
 * @example
 * ```ts
 * const crm = new CustomConnector("acme-crm", {
 *   displayName: "Acme CRM",
 *   authPatterns: [{ type: "BEARER", fields: [{ fieldName: "token", inputType: "password", required: true }] }],
 *   proxyUrl: "https://api.acmecrm.com/v3",
 * });
 * export const identifier = crm.identifier;
 * ```
 */
export class CustomConnector extends pulumi.dynamic.Resource {
  /** Scalekit's identifier, chosen by Scalekit at creation; also the resource's id. It never changes, a rename included. */
  declare public readonly identifier: pulumi.Output<string>;
  /** The API's `id` of the connector (a Pulumi resource cannot have an output named `id`). */
  declare public readonly scalekitId: pulumi.Output<string>;
  /** True when the connector's patterns are MCP. */
  declare public readonly isCustomMcp: pulumi.Output<boolean>;
  /**
   * The definition as Scalekit stored it, in canonical camelCase form. Secret when any part of
   * the declaration is: it is assembled in the program from the outputs, which keep the
   * declaration's shape (and so its secrets), and never stored in state on its own.
   */
  public readonly definition: pulumi.Output<NormalizedDefinition>;

  /**
   * @param name - The Pulumi resource name (not sent to Scalekit).
   * @param args - The connector, typed or as Scalekit's payload; giving both forms fails the check.
   * @param opts - Pulumi resource options (`protect`, `retainOnDelete`, `dependsOn`, ...).
   */
  constructor(name: string, args: CustomConnectorArgs | ScalekitPayloadConnectorArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      customConnectorProvider,
      name,
      {
        // Every property of a typed definition is an output too, declared or not, so that a
        // refresh that finds one set outside Pulumi shows it in `definition`.
        ...("scalekitPayload" in args ? {} : Object.fromEntries(definitionProperties.map((property) => [property, undefined]))),
        ...args,
        identifier: undefined,
        scalekitId: undefined,
        isCustomMcp: undefined,
      },
      // Version 0.1.0 kept a `definition` output in state, in plain text even when it held a
      // secret; marking it secret re-encrypts it on the next up, with no change to Scalekit.
      { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), "definition"] },
      "scalekit",
      "CustomConnector",
    );
    const outputs = this as unknown as Record<string, pulumi.Input<unknown>>;
    const declared: pulumi.Output<unknown> =
      "scalekitPayload" in args
        ? pulumi.output(outputs.scalekitPayload as pulumi.Input<Record<string, unknown>>).apply((payload) => fromPayloadSpelling(payload ?? {}))
        : pulumi.all(Object.fromEntries(definitionProperties.map((property) => [property, outputs[property]])));
    this.definition = declared.apply((definition) => normalizeDefinition(definition as Parameters<typeof normalizeDefinition>[0]));
  }
}
