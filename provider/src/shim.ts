/**
 * The object Pulumi serializes into every CustomConnector's state (the `__provider` property).
 * It captures nothing: each method loads the implementation by package name when it runs inside
 * the provider host (plain Node, cwd = the Pulumi program) and hands its arguments over
 * unchanged, so state written by one version of this package keeps working with the next.
 *
 * Each method is a separate function in the serialized text, with a wrapper of about 175
 * characters around it, so the methods are kept to one short expression each: the whole text
 * stays under 2 KB.
 */
import type * as pulumi from "@pulumi/pulumi";

/** Creates the shim. Arrow functions with no captured variables: they serialize as written. */
export function createProviderShim(): pulumi.dynamic.ResourceProvider {
  // The runtime's function names are a contract with every stack's state; see runtime.ts.
  return {
    configure: (...a) => require("pulumi-scalekit-connectors/runtime").configure(...a),
    check: (...a) => require("pulumi-scalekit-connectors/runtime").check(...a),
    diff: (...a) => require("pulumi-scalekit-connectors/runtime").diff(...a),
    create: (...a) => require("pulumi-scalekit-connectors/runtime").create(...a),
    read: (...a) => require("pulumi-scalekit-connectors/runtime").read(...a),
    update: (...a) => require("pulumi-scalekit-connectors/runtime").update(...a),
    delete: (...a) => require("pulumi-scalekit-connectors/runtime").remove(...a),
  };
}

/** The one shim every CustomConnector passes as its provider (Pulumi serializes it once per process). */
export const customConnectorProvider: pulumi.dynamic.ResourceProvider = createProviderShim();
