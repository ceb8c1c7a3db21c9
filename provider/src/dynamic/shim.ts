/**
 * The object Pulumi serializes into every CustomConnector's state, as the `__provider` property of
 * its inputs and again of its outputs. It captures nothing and has a single method:
 *
 * Pulumi's Node.js dynamic provider host deserializes a provider once per process and calls its
 * `configure` before anything else (`getProvider` in @pulumi/pulumi/cmd/dynamic-provider: every
 * check, diff, create, read, update and delete goes through it). That first call loads the
 * implementation by package name and makes this object delegate to it: the runtime module becomes
 * its prototype (check, diff, create, read, update) and `delete` is the runtime's `remove`. So the
 * serialized text is one function and an object holding it: every serialized function carries a
 * wrapper of its own, and this text is stored twice per connector and rewritten with every
 * checkpoint, so one function keeps it short.
 *
 * State written by version 0.1.0 holds a longer text, one method per operation, each calling a
 * runtime function by name (`delete` calls `remove`); those names are the contract with every
 * stack's state (see runtime.ts).
 *
 * Only the deserialized copy in the provider host is ever configured; a program must not call
 * `configure` on `customConnectorProvider` itself (it would then be serialized with the runtime
 * attached).
 */
import type * as pulumi from "@pulumi/pulumi";

interface ProviderShim {
  configure(request: pulumi.dynamic.ConfigureRequest): Promise<void>;
}

/** Creates the shim. It captures no variable: it serializes as written. */
export function createProviderShim(): pulumi.dynamic.ResourceProvider {
  const shim: ProviderShim = {
    // One line, short names and a function expression (a method would be serialized with its name
    // in a comment) on purpose: tsc keeps a one-line body on one line, and this text, as compiled,
    // is stored twice per connector. r is the runtime module.
    configure: function (req) { const r = require("pulumi-scalekit-connectors/runtime"); Object.setPrototypeOf(this, r).delete = r.remove; return r.configure(req); },
  };
  // The other methods appear once configure has run, which the host guarantees (see above).
  return shim as unknown as pulumi.dynamic.ResourceProvider;
}

/** The one shim every CustomConnector passes as its provider (Pulumi serializes it once per process). */
export const customConnectorProvider: pulumi.dynamic.ResourceProvider = createProviderShim();
