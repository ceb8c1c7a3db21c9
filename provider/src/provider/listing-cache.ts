/**
 * One recent listing of an environment's custom connectors, shared by every read of this
 * process: a refresh of N connectors costs one list page per 1000 connectors, not N look-ups.
 * It is reused for a short time and dropped whenever this process writes to the environment, so
 * a read never shows a connector as it was before this process changed it.
 */
import type { ScalekitClient } from "../client/scalekit-client";
import type { StoredProvider } from "../schema/provider-object";

/** How long a listing is reused: long enough for the burst of reads of one Pulumi operation. */
export const listingFreshMs = 30_000;

export class ListingCache {
  private listing: Promise<Map<string, StoredProvider>> | undefined;
  private fetchedAt = 0;

  constructor(
    private readonly client: Pick<ScalekitClient, "listCustomProviders">,
    private readonly freshMs = listingFreshMs,
    private readonly now: () => number = Date.now,
  ) {}

  /** The connector with this identifier in a recent listing, or undefined. */
  async find(identifier: string): Promise<StoredProvider | undefined> {
    return (await this.current()).get(identifier);
  }

  /** Drops the listing (after a create, update or delete): the next read lists again. */
  invalidate(): void {
    this.listing = undefined;
  }

  private current(): Promise<Map<string, StoredProvider>> {
    if (!this.listing || this.now() - this.fetchedAt > this.freshMs) {
      this.fetchedAt = this.now();
      const listing = this.client.listCustomProviders().then((providers) => new Map(providers.map((p) => [p.identifier, p])));
      // A failed listing is not kept: the next read tries again.
      listing.catch(() => {
        if (this.listing === listing) this.listing = undefined;
      });
      this.listing = listing;
    }
    return this.listing;
  }
}
