import type { NormalizedDefinition } from "pulumi-scalekit-connectors";
import { ScalekitClient, storedToDefinition } from "pulumi-scalekit-connectors/internal";
import type { ScalekitCredentials } from "../lib/credentials";

/** A connector live in an environment, in the provider's canonical form. */
export interface LiveConnector {
  identifier: string;
  definition: NormalizedDefinition;
}

/** Every custom connector of one Scalekit environment (all pages), read only, through the provider's client. */
export async function listLiveConnectors(credentials: ScalekitCredentials): Promise<LiveConnector[]> {
  const client = new ScalekitClient(credentials);
  try {
    const stored = await client.listCustomProviders();
    return stored.map((provider) => ({ identifier: provider.identifier, definition: storedToDefinition(provider) }));
  } finally {
    await client.close();
  }
}
