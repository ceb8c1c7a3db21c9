/** The CustomConnector resource: one Scalekit custom connector owned by a Pulumi stack. */
import * as pulumi from "@pulumi/pulumi";
import type { NormalizedDefinition } from "./normalize";
import type { AuthPattern, ConnectorDefinitionInput } from "./schema/definition";
import { createProviderShim } from "./shim";

/** A connector declared with typed camelCase arguments that mirror Scalekit's payload. */
export interface CustomConnectorArgs {
  /** Letters, digits and spaces; under 200 characters. Scalekit derives the identifier from it at creation. */
  displayName: pulumi.Input<string>;
  description?: pulumi.Input<string>;
  /** How users authenticate; at least one pattern. */
  authPatterns: pulumi.Input<pulumi.Input<ConnectorDefinitionInput["authPatterns"][number]>[]>;
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
  scalekitPayload: pulumi.Input<Record<string, unknown>>;
  adopt?: pulumi.Input<boolean>;
}

export type { AuthPattern };

const providerShim = createProviderShim();

export class CustomConnector extends pulumi.dynamic.Resource {
  /** Scalekit's identifier, chosen by Scalekit at creation; also the resource's id. */
  declare public readonly identifier: pulumi.Output<string>;
  /** The API's `id` of the connector. */
  declare public readonly scalekitId: pulumi.Output<string>;
  /** True when the connector's patterns are MCP. */
  declare public readonly isCustomMcp: pulumi.Output<boolean>;
  /** The definition as Scalekit stored it, in canonical camelCase form. */
  declare public readonly definition: pulumi.Output<NormalizedDefinition>;

  constructor(name: string, args: CustomConnectorArgs | ScalekitPayloadConnectorArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      providerShim,
      name,
      { ...args, identifier: undefined, scalekitId: undefined, isCustomMcp: undefined, definition: undefined },
      opts,
      "scalekit",
      "CustomConnector",
    );
  }
}
