/**
 * One recent listing of an environment's custom connectors, shared by every read and every
 * create of this process. Reads find a connector by the identifier Scalekit returned; creates
 * find "the connector with this name" by display name: a refresh of N connectors costs one list page per 1000 connectors, and
 * an up creating N costs one listing plus the N creates, not N look-ups. It is reused for a short
 * time, and this process's own writes are applied to it as they land (a create or update replaces
 * the entry, a delete removes it), so it never shows a connector as it was before this process
 * changed it.
 */
import type { ScalekitClient } from "../client/scalekit-client";
import { sameConnectorName } from "../connector-name";
import type { StoredProvider } from "../schema/provider-object";

/** How long a listing is reused: long enough for the burst of reads of one Pulumi operation. */
const listingFreshMs = 30_000;

export class ListingCache {
  private listing: Promise<Map<string, StoredProvider>> | undefined;
  private fetchedAt = 0;
  /** Identifiers this process deleted (Scalekit answered the delete), until it creates them again. */
  private readonly deleted = new Set<string>();

  constructor(
    private readonly client: Pick<ScalekitClient, "listCustomProviders">,
    private readonly freshMs = listingFreshMs,
    private readonly now: () => number = Date.now,
  ) {}

  /** The connector with this identifier in a recent listing, or undefined. */
  async find(identifier: string): Promise<StoredProvider | undefined> {
    return (await this.current()).get(identifier);
  }

  /**
   * Every connector of a recent listing whose display name names the same connector as this one
   * (equal ignoring case and spaces), in listing order. Usually none or one; a server that
   * accepts a taken name can hold several.
   */
  async findByName(displayName: string): Promise<StoredProvider[]> {
    return [...(await this.current()).values()].filter((provider) => sameConnectorName(provider.displayName, displayName));
  }

  /** How many connectors a recent listing holds (0: the environment has none, as far as Scalekit's listing says). */
  async size(): Promise<number> {
    return (await this.current()).size;
  }

  /** Applies a create or update of this process to the listing (if one is held). */
  remember(provider: StoredProvider): void {
    this.deleted.delete(provider.identifier);
    this.apply((map) => map.set(provider.identifier, provider));
  }

  /** Applies a delete of this process to the listing (if one is held). */
  forget(identifier: string): void {
    this.deleted.add(identifier);
    this.apply((map) => map.delete(identifier));
  }

  /** True when this process deleted the connector (forget): Scalekit's answer to the delete says it is gone. */
  deletedHere(identifier: string): boolean {
    return this.deleted.has(identifier);
  }

  /** Drops the listing: the next look-up lists again. */
  invalidate(): void {
    this.listing = undefined;
  }

  /** Changes the held listing in place, once it has arrived; a listing still in flight gets the change too. */
  private apply(change: (map: Map<string, StoredProvider>) => void): void {
    const held = this.listing;
    if (!held) return;
    const changed = held.then((map) => {
      change(map);
      return map;
    });
    this.listing = changed;
    // A failed listing is not kept, but only this one: a newer listing started meanwhile stays.
    changed.catch(() => {
      if (this.listing === changed) this.listing = undefined;
    });
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
