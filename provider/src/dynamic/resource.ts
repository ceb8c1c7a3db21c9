/** The CustomConnector resource: one Scalekit custom connector owned by a Pulumi stack. */
import * as pulumi from "@pulumi/pulumi";
import { reservedKeysInArguments } from "../core/schema/reserved-keys";
import { definitionFrom, definitionProperties, type NormalizedDefinition } from "../core/codec";
import { customConnectorProvider } from "./shim";
import type { CustomConnectorArgs, ScalekitPayloadConnectorArgs } from "../core/arguments";


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
   * declaration's shape (and so its secrets), and never stored in state on its own. Made the
   * first time it is read: a program that never reads it spends nothing on it per connector.
   */
  public get definition(): pulumi.Output<NormalizedDefinition> {
    let definition = definitions.get(this);
    if (!definition) {
      definition = definitionOutput(this, declaredForms.get(this) ?? "typed");
      definitions.set(this, definition);
    }
    return definition;
  }

  /**
   * @param name - The Pulumi resource name (not sent to Scalekit).
   * @param args - The connector, typed or as Scalekit's payload; giving both forms fails the check.
   * @param opts - Pulumi resource options (`protect`, `retainOnDelete`, `dependsOn`, ...).
   */
  constructor(name: string, args: CustomConnectorArgs | ScalekitPayloadConnectorArgs, opts?: pulumi.CustomResourceOptions) {
    const reserved = reservedKeysInArguments(args);
    if (reserved.length > 0) throw new pulumi.RunError(`CustomConnector "${name}": ${reserved.join("\n")}`);
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
    declaredForms.set(this, "scalekitPayload" in args ? "payload" : "typed");
  }
}

/** Each connector's definition output, once read (kept beside the resource, not on it: Pulumi owns the resource's properties). */
const definitions = new WeakMap<CustomConnector, pulumi.Output<NormalizedDefinition>>();
/** How each connector was declared: with `scalekitPayload`, or with the typed arguments. */
const declaredForms = new WeakMap<CustomConnector, "payload" | "typed">();

/** What Scalekit stored, read from the connector's outputs by the codec (as the provider reads its state): never the declaration again. */
function definitionOutput(connector: CustomConnector, form: "payload" | "typed"): pulumi.Output<NormalizedDefinition> {
  const outputs = connector as unknown as Record<string, pulumi.Input<unknown>>;
  return form === "payload"
    ? pulumi.output(outputs.scalekitPayload as pulumi.Input<Record<string, unknown>>).apply((payload) => definitionFrom(payload ?? {}, "payload"))
    : pulumi.all(Object.fromEntries(definitionProperties.map((property) => [property, outputs[property]]))).apply((typed) => definitionFrom(typed, "typed"));
}
