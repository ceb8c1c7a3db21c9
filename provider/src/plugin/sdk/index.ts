/**
 * pulumi-scalekit-connectors/plugin: the TypeScript SDK of the resource plugin
 * `pulumi-resource-scalekit` (package `scalekit`), written against its schema (schema.json). A
 * program chooses a door: `pulumi-scalekit-connectors` (the dynamic provider, no plugin to
 * install) or this entry (the plugin: `pulumi import`, secrets exactly where declared, known
 * outputs in a preview, an explicit provider per environment). The arguments are the same types.
 *
 * @packageDocumentation
 */
import * as pulumi from "@pulumi/pulumi";
import { reservedKeysInArguments } from "../../core/schema/reserved-keys";
import type { CustomConnectorArgs, ScalekitPayloadConnectorArgs } from "../../core/arguments";

export type {
  CustomConnectorArgs,
  ScalekitPayloadConnectorArgs,
  AuthPatternArgs,
  AuthFieldArgs,
  AuthFieldOptionArgs,
  OAuthConfigArgs,
  OAuthScopeArgs,
  AuthFieldMutationsArgs,
  DeepInput,
} from "../../core/arguments";

/** The plugin version this SDK asks the engine for (the package's own). */
export const pluginVersion = "0.1.0";

/** The resource's input properties, as in the schema (test/plugin/sdk-schema.test.ts compares). */
export const customConnectorInputs = ["displayName", "description", "authPatterns", "proxyUrl", "proxyEnabled", "iconSrc", "metadata", "scalekitPayload", "adopt"] as const;
/** Its output properties: the inputs, and what Scalekit decides. */
export const customConnectorOutputs = [...customConnectorInputs, "identifier", "scalekitId", "isCustomMcp", "keptByScalekit"] as const;
/** The provider's configuration. */
export const providerInputs = ["environmentUrl", "clientId", "clientSecret", "maxRequestsPerMinute"] as const;

/** A Scalekit environment for the connectors given it as `provider`; each setting left out falls back to its `SCALEKIT_*` variable. */
export interface ProviderArgs {
  /** The environment's URL, e.g. `https://acme.scalekit.dev`. */
  environmentUrl?: pulumi.Input<string>;
  /** The client id of an API client of the environment. */
  clientId?: pulumi.Input<string>;
  /** Its client secret: always kept secret in state. */
  clientSecret?: pulumi.Input<string>;
  /** At most this many requests to Scalekit a minute, spread evenly, for every call of the plugin process; no limit when unset. */
  maxRequestsPerMinute?: pulumi.Input<number>;
}

/**
 * The plugin's provider: one Scalekit environment. Without one, connectors use the stack's
 * `scalekit:environmentUrl`, `scalekit:clientId` and `scalekit:clientSecret` config.
 */
export class Provider extends pulumi.ProviderResource {
  constructor(name: string, args: ProviderArgs = {}, opts: pulumi.ResourceOptions = {}) {
    const inputs: Record<string, pulumi.Input<string> | pulumi.Input<number> | undefined> = {
      environmentUrl: args.environmentUrl,
      clientId: args.clientId,
      clientSecret: args.clientSecret === undefined ? undefined : pulumi.secret(args.clientSecret),
      maxRequestsPerMinute: args.maxRequestsPerMinute,
    };
    super("scalekit", name, inputs, { version: pluginVersion, ...opts });
  }
}

/**
 * One Scalekit custom connector, served by the `scalekit` plugin. Declared with the typed
 * arguments or with `scalekitPayload`, as the dynamic door's `CustomConnector`; take an existing
 * connector over with the `import` option (its identifier) or `pulumi import
 * scalekit:index:CustomConnector <name> <identifier>`.
 */
export class CustomConnector extends pulumi.CustomResource {
  /** The resource type token. */
  static readonly __pulumiType = "scalekit:index:CustomConnector";

  /** Scalekit's identifier, chosen by Scalekit at creation; also the resource's id. */
  declare public readonly identifier: pulumi.Output<string>;
  /** The API's `id` of the connector. */
  declare public readonly scalekitId: pulumi.Output<string>;
  /** True when the connector's patterns are MCP. */
  declare public readonly isCustomMcp: pulumi.Output<boolean>;
  /** Properties Scalekit kept when the last update asked to clear them. */
  declare public readonly keptByScalekit: pulumi.Output<string[] | undefined>;
  declare public readonly displayName: pulumi.Output<string | undefined>;
  declare public readonly description: pulumi.Output<string | undefined>;
  declare public readonly authPatterns: pulumi.Output<Record<string, unknown>[] | undefined>;
  declare public readonly proxyUrl: pulumi.Output<string | undefined>;
  declare public readonly proxyEnabled: pulumi.Output<boolean | undefined>;
  declare public readonly iconSrc: pulumi.Output<string | undefined>;
  declare public readonly metadata: pulumi.Output<Record<string, string> | undefined>;
  declare public readonly scalekitPayload: pulumi.Output<Record<string, unknown> | undefined>;
  declare public readonly adopt: pulumi.Output<boolean | undefined>;

  /** An existing connector of the stack's state, by its identifier (no write to Scalekit). */
  static get(name: string, identifier: pulumi.Input<string>, opts?: pulumi.CustomResourceOptions): CustomConnector {
    return new CustomConnector(name, undefined, { ...opts, id: identifier });
  }

  constructor(name: string, args: CustomConnectorArgs | ScalekitPayloadConnectorArgs | undefined, opts: pulumi.CustomResourceOptions = {}) {
    const reserved = reservedKeysInArguments(args ?? {});
    if (reserved.length > 0) throw new pulumi.RunError(`CustomConnector "${name}": ${reserved.join("\n")}`);
    const props: Record<string, unknown> = Object.fromEntries(customConnectorOutputs.map((key) => [key, undefined]));
    Object.assign(props, args ?? {});
    super(CustomConnector.__pulumiType, name, props, { version: pluginVersion, ...opts });
  }
}
