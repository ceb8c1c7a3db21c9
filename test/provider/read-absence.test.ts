/**
 * A refresh drops a connector only on Scalekit's word: `read` takes a connector missing from the
 * shared listing (or from a listing that came back short of its total_size) for gone only when
 * the exact look-up by identifier does not find it either; found, the look-up's answer is the
 * connector and the stale listing is dropped. An answer that is not Scalekit's JSON fails the
 * read instead of emptying it. Against the emulator and its faults.
 */
import {
  DropGate,
  DropsNeedConfirmationError,
  IncompleteListingError,
  ListingCache,
  operations,
  ScalekitClient,
  UnreadableAnswerError,
  useDropGate,
  type OperationContext,
  type ScalekitClientOptions,
  type ScalekitPayload,
} from "pulumi-scalekit-connectors/internal";
import { routes, TestEnvironment } from "../support/test-environment";
import { bearerPayload } from "../support/payloads";

const fastRetries: ScalekitClientOptions = { retry: { minDelayMs: 5, maxDelayMs: 20 } };
const clients: ScalekitClient[] = [];
let env: TestEnvironment;
/** A client of its own, as the dashboard or another run would be. */
let elsewhere: ScalekitClient;

function newClient(): ScalekitClient {
  const client = new ScalekitClient(env.credentials, fastRetries);
  clients.push(client);
  return client;
}

/** One refresh's context: one client and one shared listing, as the runtime keeps per environment. */
function newContext(): OperationContext & { listing: ListingCache } {
  const client = newClient();
  const listing = new ListingCache(client);
  return { environment: () => ({ client, listing }), warn: () => undefined, listing };
}

/** A refresh's context whose drop gate decides without a quiet time, confirming `confirmed`; its warnings collected. */
function gatedContext(confirmed: string[] = []): OperationContext & { warnings: string[] } {
  const context = newContext();
  useDropGate(context.listing, new DropGate({ quietMs: 0, confirmed: () => new Set(confirmed) }));
  const warnings: string[] = [];
  return { ...context, warn: (message) => warnings.push(message), warnings };
}

/** What a refresh is given for each connector: the outputs the stack stored, as a read returns them. */
async function storedOutputs(identifiers: string[]): Promise<Record<string, unknown>[]> {
  const context = newContext();
  return Promise.all(identifiers.map(async (id) => (await operations.read(context, id)).outputs as unknown as Record<string, unknown>));
}

/** Every read of a refresh at once, each settled: its id, or its error. */
async function refreshAll(context: OperationContext, identifiers: string[], outputs: Record<string, unknown>[]): Promise<(string | Error | undefined)[]> {
  return Promise.all(
    identifiers.map((id, index) =>
      operations.read(context, id, outputs[index]).then(
        (result) => result.id,
        (error: Error) => error,
      ),
    ),
  );
}

async function createConnectors(names: string[]): Promise<string[]> {
  const identifiers: string[] = [];
  for (const name of names) identifiers.push((await elsewhere.create(bearerPayload(name) as ScalekitPayload)).identifier);
  return identifiers;
}

async function listCalls(): Promise<number> {
  return (await env.counters()).routes[routes.list] ?? 0;
}

beforeAll(async () => {
  env = await TestEnvironment.start();
  elsewhere = newClient();
});

beforeEach(async () => {
  await env.reset();
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await env.close();
});

test("a refresh of connectors the listing holds costs the one listing, no look-up", async () => {
  const identifiers = await createConnectors(["Held 1", "Held 2", "Held 3", "Held 4"]);
  const refresh = newContext();
  await env.resetCounters();
  const results = await Promise.all(identifiers.map((id) => operations.read(refresh, id)));
  expect(results.map((result) => result.id)).toEqual(identifiers);
  expect(await listCalls()).toBe(1);
});

test("with listing pages short of their total_size, every connector missing from them is confirmed by the exact look-up and stays", async () => {
  const identifiers = await createConnectors(["Short 1", "Short 2", "Short 3", "Short 4", "Short 5", "Short 6"]);
  // Every page of two or more loses every second connector; a look-up's page of one is whole.
  await env.faults([{ route: routes.list, shortPageRate: 1 }]);
  await expect(newClient().listCustomProviders()).rejects.toThrow(IncompleteListingError);
  const refresh = newContext();
  const results = await Promise.all(identifiers.map((id) => operations.read(refresh, id)));
  expect(results.map((result) => result.id)).toEqual(identifiers);
  expect(results.map((result) => (result.outputs as { displayName: string }).displayName)).toEqual(["Short 1", "Short 2", "Short 3", "Short 4", "Short 5", "Short 6"]);
});

test("a connector missing from a short listing that the exact look-up does not find either is gone", async () => {
  const [kept, deleted] = await createConnectors(["Stays", "Deleted Elsewhere", "Third"]);
  await elsewhere.delete(deleted!);
  await env.faults([{ route: routes.list, shortPageRate: 1 }]);
  const refresh = newContext();
  expect(await operations.read(refresh, deleted!)).toEqual({});
  expect((await operations.read(refresh, kept!)).id).toBe(kept);
});

test("a connector created after the listing is found by the look-up, and the stale listing is listed again", async () => {
  const [first] = await createConnectors(["Listed First"]);
  const refresh = newContext();
  await env.resetCounters();
  expect((await operations.read(refresh, first!)).id).toBe(first);
  const [late] = await createConnectors(["Created Later"]);
  const result = await operations.read(refresh, late!);
  expect(result.id).toBe(late);
  expect(result.outputs).toMatchObject({ displayName: "Created Later" });
  // One listing, one look-up; then the dropped listing is listed again once, and holds both
  // (were it kept, each read of the late one would cost another look-up).
  expect(await listCalls()).toBe(2);
  for (let i = 0; i < 2; i++) expect((await operations.read(refresh, late!)).id).toBe(late);
  expect((await operations.read(refresh, first!)).id).toBe(first);
  expect(await listCalls()).toBe(3);
});

test("a connector this process deleted is gone without a look-up: Scalekit answered the delete", async () => {
  const [doomed] = await createConnectors(["Deleted Here"]);
  const context = newContext();
  await operations.read(context, doomed!);
  await operations.remove(context, doomed!);
  await env.resetCounters();
  expect(await operations.read(context, doomed!)).toEqual({});
  expect(await listCalls()).toBe(0);
});

test("a listing answered by an HTML page fails the read, naming what arrived, instead of dropping the connector", async () => {
  const [present] = await createConnectors(["Behind The Proxy"]);
  await env.faults([{ route: routes.list, htmlPageRate: 1 }]);
  const error = await operations.read(newContext(), present!).then(
    () => undefined,
    (failure: Error) => failure,
  );
  expect(error).toBeInstanceOf(UnreadableAnswerError);
  expect(error!.message).toMatch(/^Listing Scalekit connectors failed: Scalekit answered 200 with content type text\/html; charset=utf-8 and a body that is not JSON: "<!DOCTYPE html> <html> <head><title>Down for maintenance/);
  expect((await env.connectors()).map((provider) => provider.identifier)).toEqual([present]);
});

test("a listing cut short fails the read too", async () => {
  const [present] = await createConnectors(["Cut Listing", "Another"]);
  await env.faults([{ route: routes.list, truncatedJsonRate: 1 }]);
  const error = await operations.read(newContext(), present!).then(
    () => undefined,
    (failure: Error) => failure,
  );
  expect(error).toBeInstanceOf(UnreadableAnswerError);
  expect(error!.message).toMatch(/^Listing Scalekit connectors failed: Scalekit answered 200 with content type application\/json and JSON that breaks off or does not parse/);
});

describe("the drop gate of a refresh", () => {
  test("one connector deleted elsewhere is dropped as before", async () => {
    const identifiers = await createConnectors(["Gate One", "Gate Two", "Gate Three"]);
    const outputs = await storedOutputs(identifiers);
    await elsewhere.delete(identifiers[1]!);
    expect(await refreshAll(gatedContext(), identifiers, outputs)).toEqual([identifiers[0], undefined, identifiers[2]]);
  });

  test("two connectors deleted elsewhere: both reads fail with one error naming both, the others read as usual", async () => {
    const identifiers = await createConnectors(["Gate Kept", "Gate Gone A", "Gate Gone B", "Gate Also Kept"]);
    const outputs = await storedOutputs(identifiers);
    await elsewhere.delete(identifiers[1]!);
    await elsewhere.delete(identifiers[2]!);
    const results = await refreshAll(gatedContext(), identifiers, outputs);
    expect([results[0], results[3]]).toEqual([identifiers[0], identifiers[3]]);
    expect(results[1]).toBeInstanceOf(DropsNeedConfirmationError);
    expect(results[2]).toBe(results[1]);
    const message = (results[1] as Error).message;
    expect(message).toContain(`  "Gate Gone A" (${identifiers[1]})\n  "Gate Gone B" (${identifiers[2]})\n`);
    expect(message).toContain(`SCALEKIT_CONFIRM_DROPS=${identifiers[1]},${identifiers[2]} pulumi refresh`);
  });

  test("two connectors deleted elsewhere and named in the confirmation are dropped, each with a warning", async () => {
    const identifiers = await createConnectors(["Gate Stays", "Gate Meant A", "Gate Meant B"]);
    const outputs = await storedOutputs(identifiers);
    await elsewhere.delete(identifiers[1]!);
    await elsewhere.delete(identifiers[2]!);
    const context = gatedContext([identifiers[1]!, identifiers[2]!]);
    expect(await refreshAll(context, identifiers, outputs)).toEqual([identifiers[0], undefined, undefined]);
    expect(context.warnings).toEqual([
      `"Gate Meant A" (${identifiers[1]}) is dropped from the stack as SCALEKIT_CONFIRM_DROPS confirms; unset SCALEKIT_CONFIRM_DROPS now.`,
      `"Gate Meant B" (${identifiers[2]}) is dropped from the stack as SCALEKIT_CONFIRM_DROPS confirms; unset SCALEKIT_CONFIRM_DROPS now.`,
    ]);
  });

  test("the stack's only connector gone while the listing holds none at all needs a confirmation", async () => {
    const identifiers = await createConnectors(["Gate Last One"]);
    const outputs = await storedOutputs(identifiers);
    await elsewhere.delete(identifiers[0]!);
    const [result] = await refreshAll(gatedContext(), identifiers, outputs);
    expect(result).toBeInstanceOf(DropsNeedConfirmationError);
    expect((result as Error).message).toContain(`Scalekit's listing of ${env.url} holds no connector at all`);
    expect(await refreshAll(gatedContext(identifiers), identifiers, outputs)).toEqual([undefined]);
  });

  test("an import (no stored outputs) of a connector that does not exist is not held: the engine reports it", async () => {
    const [kept, gone] = await createConnectors(["Gate Import Kept", "Gate Import Gone"]);
    await elsewhere.delete(gone!);
    const context = gatedContext();
    expect(await Promise.all([operations.read(context, gone!), operations.read(context, `${gone}x`)])).toEqual([{}, {}]);
    expect((await operations.read(context, kept!)).id).toBe(kept);
  });

  test.each<[string, Record<string, unknown>]>([
    ["{}", { emptyObjectRate: 1 }],
    ['{"providers": null}', { nullProvidersRate: 1 }],
    ["providers renamed items", { renamedProvidersRate: 1 }],
  ])("a listing answered %s fails every read; nothing is dropped", async (_shape, rate) => {
    const identifiers = await createConnectors(["Shape One", "Shape Two"]);
    const outputs = await storedOutputs(identifiers);
    await env.faults([{ route: routes.list, listRequests: "listings", ...rate }]);
    const results = await refreshAll(gatedContext(), identifiers, outputs);
    for (const result of results) {
      expect(result).toBeInstanceOf(UnreadableAnswerError);
      expect((result as Error).message).toMatch(/^Listing Scalekit connectors failed: Scalekit answered 200 with content type application\/json and JSON that is not the listing page Scalekit documents/);
    }
  });

  test.each<[string, Record<string, unknown>]>([
    ["{}", { emptyObjectRate: 1 }],
    ['{"providers": null}', { nullProvidersRate: 1 }],
    ["providers renamed items", { renamedProvidersRate: 1 }],
  ])("a short listing whose exact look-ups are answered %s fails the reads of the connectors it left out", async (_shape, rate) => {
    const identifiers = await createConnectors(["Odd One", "Odd Two", "Odd Three", "Odd Four"]);
    const outputs = await storedOutputs(identifiers);
    await env.faults([
      { route: routes.list, listRequests: "listings", shortPageRate: 1 },
      { route: routes.list, listRequests: "look-ups", ...rate },
    ]);
    const results = await refreshAll(gatedContext(), identifiers, outputs);
    for (const [index, result] of results.entries()) {
      expect(result).toBeInstanceOf(UnreadableAnswerError);
      expect((result as Error).message).toMatch(new RegExp(`^Looking up connector ${identifiers[index]} failed: Scalekit answered 200 .*JSON that is not the listing page Scalekit documents`));
    }
  });
});
