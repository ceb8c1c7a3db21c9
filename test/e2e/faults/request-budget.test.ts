/**
 * The request budget through the real Pulumi CLI (the dynamic door, the budget in the stack's
 * config as a user sets it): 500 creates against an emulator that enforces Scalekit's rate limit.
 *
 * Scalekit counts its budget per minute; a test cannot wait minutes. The emulator's window is
 * therefore shortened (its `rateLimit.windowMs`, a test control) at the same rate, which is a
 * stricter limit than a minute's, and the provider's budget stays in real minutes: the pacer
 * spreads the requests evenly (one every 60 000 / budget ms), so it keeps any window at its rate.
 *
 * - With `scalekit:maxRequestsPerMinute` 480 (one request every 125 ms) against 50 requests in
 *   any 5 s (600 a minute): no 429, and the up takes at least the time the budget implies for
 *   its requests (a token, listings, 500 creates: about 63 s).
 * - Without a budget, against 8 requests in any second (480 a minute, the same budget enforced by
 *   the server alone, with no Retry-After as Scalekit publishes none): the up goes through 429s
 *   and retries, and ends with every connector created once and nothing lost.
 */
import { startWatchedEmulator, type WatchedEmulator } from "../../../scripts/lib/emulators";
import { runPulumiOk } from "../../../scripts/lib/pulumi-process";
import { expectStateMatchesEmulator, newProject, type Project } from "../../support/fault-harness";

jest.setTimeout(20 * 60 * 1000);

const n = 500;
/** Dropped or refused creates are never taken for stored ones: opaque identifiers, and a server that would accept a twin. */
const twinsPossible = { identifierStyle: "opaque", duplicateNames: "accept" } as const;

let watched: WatchedEmulator | undefined;
let project: Project | undefined;

afterEach(async () => {
  await watched?.close();
  project?.cleanup();
  watched = undefined;
  project = undefined;
});

function outcomes(emulator: WatchedEmulator): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const request of emulator.requests.entries) counts[request.outcome] = (counts[request.outcome] ?? 0) + 1;
  return counts;
}

test(`${n} creates under scalekit:maxRequestsPerMinute get no 429 and take the time the budget implies`, async () => {
  watched = await startWatchedEmulator({ ...twinsPossible, rateLimit: { requests: 50, windowMs: 5000 } });
  project = await newProject(watched, n, "budget");
  const budget = 480;
  await runPulumiOk(project.session, ["config", "set", "scalekit:maxRequestsPerMinute", String(budget), "--stack", "dev"]);

  const started = Date.now();
  await runPulumiOk(project.session, ["up", "--yes", "--skip-preview", "--stack", "dev"]);
  const elapsedMs = Date.now() - started;

  const seen = outcomes(watched);
  const requests = watched.requests.entries.length;
  const byRoute: Record<string, number> = {};
  for (const request of watched.requests.entries) byRoute[`${request.method} ${request.path}`] = (byRoute[`${request.method} ${request.path}`] ?? 0) + 1;
  const impliedMs = ((requests - 1) * 60_000) / budget;
  console.info(
    `request budget ${budget}/min: ${requests} requests (${JSON.stringify(byRoute)}) in ${(elapsedMs / 1000).toFixed(1)} s; the budget implies at least ${(impliedMs / 1000).toFixed(1)} s`,
  );
  expect(seen["429"]).toBeUndefined();
  expect(seen["201"]).toBe(n);
  expect(elapsedMs).toBeGreaterThanOrEqual(impliedMs);
  await expectStateMatchesEmulator(project, watched.url, n);
});

test(`without a budget, ${n} creates against the same rate enforced by the server finish through 429 retries, with no twin and nothing lost`, async () => {
  watched = await startWatchedEmulator({ ...twinsPossible, rateLimit: { requests: 8, windowMs: 1000 } });
  project = await newProject(watched, n, "nobudget");

  const started = Date.now();
  await runPulumiOk(project.session, ["up", "--yes", "--skip-preview", "--stack", "dev"]);
  const elapsedMs = Date.now() - started;

  const seen = outcomes(watched);
  console.info(`no budget: ${watched.requests.entries.length} requests, ${seen["429"] ?? 0} answered 429, in ${(elapsedMs / 1000).toFixed(1)} s`);
  expect(seen["429"] ?? 0).toBeGreaterThan(0);
  expect(seen["201"]).toBe(n);
  await expectStateMatchesEmulator(project, watched.url, n);
});
