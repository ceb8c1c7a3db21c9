/**
 * One recent listing of an environment's custom connectors, shared by every read and create
 * look-up of this process: a refresh of N connectors costs one list page per 1000 connectors,
 * not N look-ups. The process's own writes are applied to it, so it never hides them.
 */
import type { ScalekitClient } from "../client/scalekit-client";
import type { StoredProvider } from "../schema/provider-object";

/** How long a listing stays fresh: long enough for one Pulumi operation's burst of reads. */
export const listingFreshMs = 60_000;

export class ListingCache {
  private listing: Promise<Map<string, StoredProvider>> | undefined;
  private fetchedAt = 0;

  constructor(private readonly client: Pick<ScalekitClient, "listCustomProviders">, private readonly freshMs = listingFreshMs) {}

  /** The connector with this identifier in a recent listing, or undefined. */
  async find(identifier: string): Promise<StoredProvider | undefined> {
    return (await this.current()).get(identifier);
  }

  /** Records a connector this process created or updated. */
  remember(provider: StoredProvider): void {
    void this.listing?.then((map) => map.set(provider.identifier, provider)).catch(() => undefined);
  }

  /** Records a connector this process deleted. */
  forget(identifier: string): void {
    void this.listing?.then((map) => map.delete(identifier)).catch(() => undefined);
  }

  /** Drops the listing; the next look-up lists again. */
  invalidate(): void {
    this.listing = undefined;
  }

  private current(): Promise<Map<string, StoredProvider>> {
    if (!this.listing || Date.now() - this.fetchedAt > this.freshMs) {
      this.fetchedAt = Date.now();
      const listing = this.client.listCustomProviders().then((providers) => new Map(providers.map((p) => [p.identifier, p])));
      listing.catch(() => {
        if (this.listing === listing) this.listing = undefined;
      });
      this.listing = listing;
    }
    return this.listing;
  }
}
