/**
 * The shared listing of an environment's connectors (ListingCache) on its own, with a client whose
 * every listing the test answers or fails by hand and a clock the test moves: a listing is reused
 * while fresh, this process's writes are applied to it, and a failed listing is dropped, but never
 * a newer one started after it.
 */
import { ListingCache, type StoredProvider } from "pulumi-scalekit-connectors/internal";

const freshMs = 1_000;

/** A connector as the client returns it; the cache reads only the identifier and the display name. */
function stored(identifier: string, displayName = identifier): StoredProvider {
  return { id: `prv_${identifier}`, identifier, displayName } as StoredProvider;
}

/** A client whose listings stay pending until the test settles them, one at a time, in order. */
class HandListedClient {
  readonly pending: { resolve(providers: StoredProvider[]): void; reject(error: Error): void }[] = [];
  calls = 0;

  listCustomProviders(): Promise<StoredProvider[]> {
    this.calls++;
    return new Promise((resolve, reject) => this.pending.push({ resolve, reject }));
  }

  /** Settles the listing number `call` (1-based). */
  answer(call: number, providers: StoredProvider[]): void {
    this.pending[call - 1]!.resolve(providers);
  }

  fail(call: number): void {
    this.pending[call - 1]!.reject(new Error(`listing ${call} failed`));
  }
}

/** Resolves once every promise reaction queued so far has run (the microtask queue drains before the next macrotask). */
function everyReactionRun(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

let client: HandListedClient;
let now: number;
let cache: ListingCache;

beforeEach(() => {
  client = new HandListedClient();
  now = 0;
  cache = new ListingCache(client, freshMs, () => now);
});

test("a fresh listing is shared: two look-ups, one listing", async () => {
  const first = cache.find("acme");
  const second = cache.findByName("ACME crm");
  client.answer(1, [stored("acme", "Acme CRM")]);
  expect((await first)?.identifier).toBe("acme");
  expect((await second).map((provider) => provider.identifier)).toEqual(["acme"]);
  expect(client.calls).toBe(1);
});

test("a stale listing is listed again", async () => {
  const first = cache.find("acme");
  client.answer(1, []);
  await first;
  now += freshMs + 1;
  const second = cache.find("acme");
  client.answer(2, [stored("acme")]);
  expect((await second)?.identifier).toBe("acme");
  expect(client.calls).toBe(2);
});

test("a write of this process is applied to the listing, also to one still in flight", async () => {
  const started = cache.find("deleted");
  cache.remember(stored("created"));
  cache.forget("deleted");
  const afterWrites = cache.find("created");
  client.answer(1, [stored("deleted")]);
  await started;
  expect((await afterWrites)?.identifier).toBe("created");
  expect(await cache.find("deleted")).toBeUndefined();
  expect(client.calls).toBe(1);
});

test("a failed listing is dropped: the next look-up lists again", async () => {
  const failed = cache.find("acme");
  client.fail(1);
  await expect(failed).rejects.toThrow("listing 1 failed");
  const retried = cache.find("acme");
  client.answer(2, [stored("acme")]);
  expect((await retried)?.identifier).toBe("acme");
  expect(client.calls).toBe(2);
});

test("a write applied to a listing that then fails drops that listing, not a newer one started since", async () => {
  const old = cache.find("acme");
  cache.remember(stored("acme"));
  // The first listing is still in flight when it goes stale: a newer one starts, and arrives.
  now += freshMs + 1;
  const newer = cache.find("acme");
  client.answer(2, [stored("acme", "Acme CRM")]);
  expect((await newer)?.displayName).toBe("Acme CRM");
  // Now the old one fails; the newer listing must stay in use.
  client.fail(1);
  await expect(old).rejects.toThrow("listing 1 failed");
  await everyReactionRun();
  const afterFailure = cache.find("acme");
  expect(client.calls).toBe(2);
  expect((await afterFailure)?.displayName).toBe("Acme CRM");
});
