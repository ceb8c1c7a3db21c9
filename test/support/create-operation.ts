/**
 * operations.create as a provider process runs it, for the suites that script Scalekit's answers
 * to a create: the given client, a shared listing of its own (ListingCache), and a bearer
 * connector declared with the typed arguments. Where the create's answer leaves open whether
 * Scalekit stored it, this is where it is settled, so these suites drive it through here.
 */
import { ListingCache, operations, type CheckedInputs, type ConnectorOutputs, type OperationContext, type ScalekitClient, type StoredProvider } from "pulumi-scalekit-connectors/internal";
import { bearerArgs } from "./payloads";

export interface CreateOperationOptions {
  /** Called after each listing the create's shared listing has received (whole or not). */
  afterListing?: () => void;
  /** Where the operation's warnings go. */
  warn?: (message: string) => void;
}

/** Creates the connector `displayName` through operations.create with this client; resolves to the resource's id and outputs. */
export async function createThroughOperations(client: ScalekitClient, displayName: string, options: CreateOperationOptions = {}): Promise<{ id: string; outputs: ConnectorOutputs }> {
  const listed: Pick<ScalekitClient, "listCustomProviders"> = {
    listCustomProviders: async (): Promise<StoredProvider[]> => {
      try {
        return await client.listCustomProviders();
      } finally {
        options.afterListing?.();
      }
    },
  };
  const environment = { client, listing: new ListingCache(listed) };
  const context: OperationContext = { environment: () => environment, warn: options.warn ?? (() => undefined) };
  const checked = await operations.check(context, bearerArgs(displayName));
  if (checked.failures) throw new Error(`the declaration of "${displayName}" failed its check: ${JSON.stringify(checked.failures)}`);
  return operations.create(context, checked.inputs as CheckedInputs);
}
