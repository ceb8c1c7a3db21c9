/**
 * A client's abort signal ends its calls at once: a create waiting out a Retry-After of a minute,
 * one whose request is open with no answer, or one waiting to be sent again after a 503 that
 * stored nothing (operations.create), fails within seconds with an OperationCancelledError
 * saying it was cancelled (and why), and a call made after the cancel fails without sending
 * anything.
 */
import { OperationCancelledError, ScalekitClient, type ScalekitPayload } from "pulumi-scalekit-connectors/internal";
import { createThroughOperations } from "../support/create-operation";
import { ScriptedScalekit } from "../support/scripted-scalekit";

const payload = { display_name: "Cancelled", description: "", auth_patterns: [{ type: "BEARER" }], proxy_url: "https://api.example.com", proxy_enabled: true, icon_src: "", metadata: {} } as unknown as ScalekitPayload;
const minuteRetryAfter = { status: 429, contentType: "application/json", body: JSON.stringify({ code: 8, message: "rate limited" }), headers: { "retry-after": "60" } };

let scripted: ScriptedScalekit | undefined;
let client: ScalekitClient | undefined;
afterEach(async () => {
  await client?.close();
  await scripted?.close();
  client = scripted = undefined;
});

/** Starts a create, waits until Scalekit has its request, cancels, and measures how long the create takes to fail. */
async function cancelledCreate(answer: Parameters<typeof ScriptedScalekit.start>[0]): Promise<{ error: unknown; afterCancelMs: number }> {
  scripted = await ScriptedScalekit.start(answer);
  const controller = new AbortController();
  client = new ScalekitClient(scripted.credentials, { signal: controller.signal });
  const written = scripted.nextWrite();
  const pending = client.create(payload).then(
    () => undefined,
    (error: unknown) => error,
  );
  await written;
  const cancelledAt = Date.now();
  controller.abort("Pulumi cancelled the operation");
  const error = await pending;
  return { error, afterCancelMs: Date.now() - cancelledAt };
}

test("a cancel during a Retry-After wait of 60 s ends the call at once", async () => {
  const { error, afterCancelMs } = await cancelledCreate(() => minuteRetryAfter);
  expect(error).toBeInstanceOf(OperationCancelledError);
  expect((error as Error).message).toMatch(/^Creating connector "Cancelled" was cancelled \(Pulumi cancelled the operation\) before Scalekit answered\./);
  // Far below the minute the retry would have waited (no timing target: only that it did not wait).
  expect(afterCancelMs).toBeLessThan(30_000);
  expect(scripted!.writes).toBe(1);
});

test("a cancel ends a request that is open with no answer", async () => {
  const { error, afterCancelMs } = await cancelledCreate(() => "hold");
  expect(error).toBeInstanceOf(OperationCancelledError);
  expect((error as Error).message).toMatch(/was cancelled/);
  expect(afterCancelMs).toBeLessThan(30_000);
});

test("after a cancel, a call fails without reaching Scalekit", async () => {
  scripted = await ScriptedScalekit.start(() => minuteRetryAfter);
  const controller = new AbortController();
  controller.abort("the Pulumi engine went away");
  client = new ScalekitClient(scripted.credentials, { signal: controller.signal });
  await expect(client.create(payload)).rejects.toThrow(/^Creating connector "Cancelled" was cancelled \(the Pulumi engine went away\)/);
  expect(scripted.writes).toBe(0);
});

test("a cancel during the wait before a create is sent again (a 503, absent from the listing) ends it at once", async () => {
  scripted = await ScriptedScalekit.start(() => ({ status: 503, contentType: "application/json", body: JSON.stringify({ code: 14, message: "unavailable" }) }));
  const controller = new AbortController();
  // Without the cancel, the wait before the second POST would last at least a minute.
  client = new ScalekitClient(scripted.credentials, { signal: controller.signal, retry: { minDelayMs: 120_000, maxDelayMs: 120_000 } });
  let listings = 0;
  let cancelledAt = 0;
  const pending = createThroughOperations(client, "Cancelled", {
    // The run's listing, then the one after the 503 that finds no such connector; the wait begins
    // as soon as that listing is read (promise callbacks only), so it is under way at the next turn.
    afterListing: () => {
      listings += 1;
      if (listings !== 2) return;
      setImmediate(() => {
        cancelledAt = Date.now();
        controller.abort("Pulumi cancelled the operation");
      });
    },
  }).then(
    () => undefined,
    (error: unknown) => error,
  );
  const error = await pending;
  expect(error).toBeInstanceOf(OperationCancelledError);
  expect((error as Error).message).toMatch(/^Creating connector "Cancelled" was cancelled \(Pulumi cancelled the operation\) before Scalekit answered\./);
  expect(Date.now() - cancelledAt).toBeLessThan(30_000);
  expect(listings).toBe(2);
  expect(scripted.writes).toBe(1);
});
