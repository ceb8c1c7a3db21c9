/**
 * pulumi-scalekit-connectors/plugin: the TypeScript SDK of the resource plugin
 * `pulumi-resource-scalekit` (package `scalekit`). Its property lists, output types and version
 * come from where schema.json does (the zod schema, package.json), so it cannot fall behind. A
 * program chooses a door: `pulumi-scalekit-connectors` (the dynamic provider, no plugin to
 * install) or this entry (the plugin: `pulumi import`, secrets exactly where declared, known
 * outputs in a preview, an explicit provider per environment). The arguments are the same types.
 *
 * @packageDocumentation
 */
import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { providerSettings, type ProviderSetting } from "../../core/client/provider-settings";
import { reservedKeysInArguments } from "../../core/schema/reserved-keys";
import { customConnectorInputsSchema, customConnectorOutputsSchema } from "../../core/schema/resource";
import { pluginVersion as packageVersion } from "../package-names";
import type { CustomConnectorArgs, ScalekitPayloadConnectorArgs } from "../../core/arguments";

/** Every argument type of the core (core/arguments.ts), as the dynamic door's entry exports them. */
export type * from "../../core/arguments";

/** The plugin version this SDK asks the engine for: the npm package's (package.json), as the plugin's own. */
export const pluginVersion: string = packageVersion;

/** The resource's input properties: the zod schema's (core/schema/resource.ts), which schema.json is generated from. */
export const customConnectorInputs = Object.keys(customConnectorInputsSchema.shape) as readonly (keyof typeof customConnectorInputsSchema.shape)[];
/** Its output properties: the inputs, and what Scalekit decides. */
export const customConnectorOutputs = Object.keys(customConnectorOutputsSchema.shape) as readonly (keyof typeof customConnectorOutputsSchema.shape)[];
/** The provider's configuration: one property per setting of the provider (core/client/provider-settings.ts). */
export const providerInputs: readonly ProviderSetting["field"][] = providerSettings.map((setting) => setting.field);

/**
 * A Scalekit environment for the connectors given it as `provider`: `environmentUrl` (e.g.
 * `https://acme.scalekit.dev`), `clientId` and `clientSecret` of an API client of the environment
 * (always kept secret in state), and `maxRequestsPerMinute`: at most this many requests to
 * Scalekit a minute, spread evenly, for every call of the plugin process (no limit when unset).
 * Each setting left out falls back to its `SCALEKIT_*` variable.
 */
export type ProviderArgs = {
  [Setting in ProviderSetting as Setting["field"]]?: pulumi.Input<Setting["kind"] extends "text" ? string : number>;
};

/** What a connector holds once registered: each output of the schema as a `pulumi.Output`. */
export type CustomConnectorOutputs = {
  readonly [Key in keyof z.output<typeof customConnectorOutputsSchema>]-?: pulumi.Output<z.output<typeof customConnectorOutputsSchema>[Key]>;
};

/**
 * The plugin's provider: one Scalekit environment. Without one, connectors use the stack's
 * `scalekit:environmentUrl`, `scalekit:clientId` and `scalekit:clientSecret` config.
 */
export class Provider extends pulumi.ProviderResource {
  constructor(name: string, args: ProviderArgs = {}, opts: pulumi.ResourceOptions = {}) {
    const inputs: pulumi.Inputs = Object.fromEntries(
      providerSettings.map(({ field, secret }) => {
        const value = args[field];
        return [field, secret && value !== undefined ? pulumi.secret(value) : value];
      }),
    );
    super("scalekit", name, inputs, { version: pluginVersion, ...opts });
  }
}

/**
 * One Scalekit custom connector, served by the `scalekit` plugin. Declared with the typed
 * arguments or with `scalekitPayload`, as the dynamic door's `CustomConnector`; take an existing
 * connector over with the `import` option (its identifier) or `pulumi import
 * scalekit:index:CustomConnector <name> <identifier>`.
 */
// The outputs (identifier, scalekitId, isCustomMcp, keptByScalekit and the inputs) are typed by CustomConnectorOutputs, merged in below.
export class CustomConnector extends pulumi.CustomResource {
  /** The resource type token. */
  static readonly __pulumiType = "scalekit:index:CustomConnector";

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

/** The connector's outputs, typed from the zod schema (CustomConnectorOutputs); the engine fills them in. */
export interface CustomConnector extends CustomConnectorOutputs {}
