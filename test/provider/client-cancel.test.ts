/**
 * A client's abort signal ends its calls at once: a create waiting out a Retry-After of a minute,
 * or one whose request is open with no answer, fails within seconds with an
 * OperationCancelledError saying it was cancelled (and why), and a call made after the cancel
 * fails without sending anything.
 */
import { OperationCancelledError, ScalekitClient, type ScalekitPayload } from "pulumi-scalekit-connectors/internal";
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
