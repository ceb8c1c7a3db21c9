/**
 * The provider texts stored in stacks' state (the `__provider` of every connector): this
 * version's, serialized the way dynamic.Resource does it, and version 0.1.0's, as its state
 * fixture holds it. Both call the runtime entry, whose exports are their contract.
 */
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { customConnectorProvider } from "pulumi-scalekit-connectors/internal";
import { testFixturesDir } from "../../scripts/lib/paths";

/** This version's text, as dynamic.Resource stores it. */
export async function currentShimText(): Promise<string> {
  // What dynamic.Resource does with the provider it is given.
  const provider = customConnectorProvider;
  return (await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true })).text;
}

/** The text version 0.1.0 stored (test/fixtures/state-0.1.0). */
export function legacyShimText(): string {
  const exported = JSON.parse(fs.readFileSync(path.join(testFixturesDir, "state-0.1.0", "state-export.json"), "utf8")) as {
    deployment: { resources: { inputs?: { __provider?: string } }[] };
  };
  const text = exported.deployment.resources.map((resource) => resource.inputs?.__provider).find((value) => typeof value === "string");
  if (!text) throw new Error("no serialized provider in the 0.1.0 state fixture");
  return text;
}
