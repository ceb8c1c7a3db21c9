/**
 * The refresh's drop gate (DropGate) on its own, with reads the test starts and ends by hand and
 * Jest's clock: an absence is held while another read is in flight and until the process stays
 * without one for the quiet time; one absence alone is let through; several together, or one
 * while the listing holds no connector, fail every held read with one error naming them all,
 * unless each is confirmed; held reads occupying every slot are decided without waiting for
 * anything else; what this process decided earlier counts for later absences; the longest hold
 * is bounded.
 */
import { confirmedDrops, DropGate, DropsNeedConfirmationError, type Absence, type DropVerdict } from "pulumi-scalekit-connectors/internal";

const quietMs = 1_000;
const maxHoldMs = 60_000;
const environment = "https://acme.scalekit.dev";

function absence(identifier: string, displayName: string | undefined = `Connector ${identifier}`, listingEmpty = false): Absence {
  return { identifier, displayName, environment, listingEmpty };
}

/** A promise's outcome so far, without waiting for it. */
function watch<T>(promise: Promise<T>): { readonly state: "pending" | "resolved" | "rejected"; readonly value?: T; readonly error?: Error } {
  const seen: { state: "pending" | "resolved" | "rejected"; value?: T; error?: Error } = { state: "pending" };
  promise.then(
    (value) => Object.assign(seen, { state: "resolved", value }),
    (error: Error) => Object.assign(seen, { state: "rejected", error }),
  );
  return seen;
}

let confirmed: Set<string>;
let gate: DropGate;

beforeEach(() => {
  jest.useFakeTimers();
  confirmed = new Set();
  gate = new DropGate({ quietMs, maxHoldMs, confirmed: () => confirmed });
});

afterEach(() => {
  jest.useRealTimers();
});

test("an absence is held while another read is in flight, then let through alone once the process stays quiet", async () => {
  const other = gate.enter();
  const gone = watch(gate.enter().absent(absence("billing")));
  await jest.advanceTimersByTimeAsync(quietMs * 5);
  expect(gone.state).toBe("pending");
  other.end();
  await jest.advanceTimersByTimeAsync(quietMs - 1);
  expect(gone.state).toBe("pending");
  await jest.advanceTimersByTimeAsync(1);
  expect(gone).toMatchObject({ state: "resolved", value: "single" });
});

test("a read that starts during the quiet time keeps the absence held, and a second absence found then is judged with it", async () => {
  const first = watch(gate.enter().absent(absence("billing", "Billing")));
  await jest.advanceTimersByTimeAsync(quietMs - 10);
  // The engine started a queued read just before the quiet time ran out.
  const late = gate.enter();
  await jest.advanceTimersByTimeAsync(quietMs * 3);
  expect(first.state).toBe("pending");
  const second = watch(late.absent(absence("crm", "Acme CRM")));
  await jest.advanceTimersByTimeAsync(quietMs);
  expect(first.state).toBe("rejected");
  expect(second.state).toBe("rejected");
  expect(second.error).toBe(first.error);
  expect(first.error).toBeInstanceOf(DropsNeedConfirmationError);
  expect(first.error!.message).toContain('  "Billing" (billing)\n  "Acme CRM" (crm)\n');
  expect(first.error!.message).toContain("2 connectors of this stack are gone in one run");
  expect(first.error!.message).toContain("  SCALEKIT_CONFIRM_DROPS=billing,crm pulumi refresh\n");
});

test("held reads occupying every engine slot are decided without any other read ending", async () => {
  const held = Array.from({ length: 8 }, (_, i) => watch(gate.enter().absent(absence(`c${i}`))));
  await jest.advanceTimersByTimeAsync(quietMs);
  expect(held.map((outcome) => outcome.state)).toEqual(Array(8).fill("rejected"));
  const error = held[0]!.error as DropsNeedConfirmationError;
  expect(error.refused.map((gone) => gone.identifier)).toEqual(["c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7"]);
  expect(error.message).toMatch(/^The refresh stopped instead of dropping these connectors from the stack: 8 connectors of this stack are gone in one run/);
  expect(error.message).toContain(`Each was looked up by its identifier in ${environment} and Scalekit's answer did not hold it; they stay in the stack.`);
});

test("several absences confirmed one by one are let through, each as confirmed", async () => {
  confirmed = new Set(["billing", "crm"]);
  const outcomes = [watch(gate.enter().absent(absence("billing"))), watch(gate.enter().absent(absence("crm")))];
  await jest.advanceTimersByTimeAsync(quietMs);
  expect(outcomes.map((outcome) => outcome.value)).toEqual<DropVerdict[]>(["confirmed", "confirmed"]);
});

test("a confirmation that leaves one of them out refuses them all, and says which were confirmed", async () => {
  confirmed = new Set(["billing"]);
  const outcomes = [watch(gate.enter().absent(absence("billing", "Billing"))), watch(gate.enter().absent(absence("crm", "Acme CRM")))];
  await jest.advanceTimersByTimeAsync(quietMs);
  expect(outcomes.map((outcome) => outcome.state)).toEqual(["rejected", "rejected"]);
  expect(outcomes[0]!.error!.message).toContain('  "Billing" (billing) (confirmed)\n  "Acme CRM" (crm)\n');
});

test("one absence while Scalekit's listing holds no connector at all needs a confirmation too", async () => {
  const alone = watch(gate.enter().absent(absence("billing", "Billing", true)));
  await jest.advanceTimersByTimeAsync(quietMs);
  expect(alone.state).toBe("rejected");
  expect(alone.error!.message).toMatch(
    /^The refresh stopped instead of dropping this connector from the stack: Scalekit's listing of https:\/\/acme\.scalekit\.dev holds no connector at all, /,
  );
  expect(alone.error!.message).toContain("it stays in the stack");
  confirmed = new Set(["billing"]);
  const again = new DropGate({ quietMs, maxHoldMs, confirmed: () => confirmed });
  const confirmedAlone = watch(again.enter().absent(absence("billing", "Billing", true)));
  await jest.advanceTimersByTimeAsync(quietMs);
  expect(confirmedAlone).toMatchObject({ state: "resolved", value: "confirmed" });
});

test("a state without a display name is named by the identifier alone", async () => {
  const outcomes = [watch(gate.enter().absent(absence("a1", ""))), watch(gate.enter().absent(absence("a2", "")))];
  await jest.advanceTimersByTimeAsync(quietMs);
  expect(outcomes[0]!.error!.message).toContain("\n  a1\n  a2\n");
});

test("an absence found after one was let through alone is refused, and the message names the one already dropped", async () => {
  const first = watch(gate.enter().absent(absence("billing", "Billing")));
  await jest.advanceTimersByTimeAsync(quietMs);
  expect(first.value).toBe("single");
  const second = watch(gate.enter().absent(absence("crm", "Acme CRM")));
  await jest.advanceTimersByTimeAsync(quietMs);
  expect(second.state).toBe("rejected");
  expect(second.error!.message).toContain("2 connectors of this stack are gone in one run");
  expect(second.error!.message).toContain('This run had already dropped "Billing" (billing) before the others were found');
  expect(second.error!.message).toContain("SCALEKIT_CONFIRM_DROPS=crm pulumi refresh");
});

test("after a refusal, a later absence alone is refused too", async () => {
  const together = [watch(gate.enter().absent(absence("a"))), watch(gate.enter().absent(absence("b")))];
  await jest.advanceTimersByTimeAsync(quietMs);
  expect(together.map((outcome) => outcome.state)).toEqual(["rejected", "rejected"]);
  const later = watch(gate.enter().absent(absence("c", "Third")));
  await jest.advanceTimersByTimeAsync(quietMs);
  expect(later.state).toBe("rejected");
  expect(later.error!.message).toContain("3 connectors of this stack are gone in one run");
  expect(later.error!.message).toContain("Also refused earlier in this run: \"Connector a\" (a), \"Connector b\" (b).");
  expect(later.error!.message).toContain("SCALEKIT_CONFIRM_DROPS=a,b,c pulumi refresh");
});

test("reads that end without an absence never hold anything, and end() twice counts once", async () => {
  const first = gate.enter();
  const second = gate.enter();
  first.end();
  first.end();
  const gone = watch(gate.enter().absent(absence("billing")));
  await jest.advanceTimersByTimeAsync(quietMs * 3);
  // `second` is still in flight: had the double end() counted twice, the absence would be decided.
  expect(gone.state).toBe("pending");
  second.end();
  await jest.advanceTimersByTimeAsync(quietMs);
  expect(gone.value).toBe("single");
});

test("an absence is held at most maxHoldMs while other reads stay in flight", async () => {
  gate.enter();
  const gone = watch(gate.enter().absent(absence("billing")));
  await jest.advanceTimersByTimeAsync(maxHoldMs - 1);
  expect(gone.state).toBe("pending");
  await jest.advanceTimersByTimeAsync(1);
  expect(gone.value).toBe("single");
});

test("SCALEKIT_CONFIRM_DROPS names identifiers separated by commas or spaces", () => {
  expect(confirmedDrops({ SCALEKIT_CONFIRM_DROPS: " acmecrm, billing  GOOGLEWORKSPACE:12345,," })).toEqual(new Set(["acmecrm", "billing", "GOOGLEWORKSPACE:12345"]));
  expect(confirmedDrops({})).toEqual(new Set());
});
