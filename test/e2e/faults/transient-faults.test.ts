/**
 * Fault survival through the real Pulumi CLI: with the emulator answering about 20% of all
 * requests (the token included) with 429 or 503, and dropping the connection after storing
 * some creates, `pulumi up` of 100 connectors completes with exactly 100 connectors, and the
 * state matches the emulator one to one. Refresh and destroy survive the same faults.
 */
import { emulatorControl } from "../../../scripts/lib/emulator-control";
import { startWatchedEmulator, type WatchedEmulator } from "../../../scripts/lib/emulators";
import { runPulumiOk } from "../../../scripts/lib/pulumi-process";
import { compareStateWithEmulator, expectStateMatchesEmulator, newProject, type Project } from "../../support/fault-harness";

jest.setTimeout(10 * 60 * 1000);

const n = 100;
const seed = 20240611;
/**
 * 429 with probability 0.1, else 503 with probability 1/9: 0.1 + 0.9 × 1/9 = 0.2 of all requests.
 * The first token request of a run always gets a 503, so that surviving a failed token request
 * never depends on the seed's luck.
 */
const faults = {
  seed,
  rules: [
    { route: "POST /oauth/token" as const, rate503: 1, limit: 1 },
    { route: "*" as const, rate429: 0.1, retryAfterSeconds: 1, rate503: 1 / 9 },
    { route: "POST /api/v1/custom-providers" as const, dropAfterStoreRate: 0.1, limit: 5 },
  ],
};

let watched: WatchedEmulator;
let project: Project;

beforeAll(async () => {
  // Dropped creates are settled by name: against opaque identifiers and a server that accepts a taken name.
  watched = await startWatchedEmulator({ seed: seed, identifierStyle: "opaque", duplicateNames: "accept" });
  project = await newProject(watched, n, "flaky");
  await emulatorControl.setFaults(watched.url, faults);
});

afterAll(async () => {
  await watched?.close();
  project?.cleanup();
});

function outcomes(from: number): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const request of watched.requests.entries.slice(from)) counts[request.outcome] = (counts[request.outcome] ?? 0) + 1;
  return counts;
}

test(`pulumi up of ${n} connectors completes through 429s, 503s and dropped creates`, async () => {
  const before = watched.requests.entries.length;
  await runPulumiOk(project.session, ["up", "--yes", "--skip-preview", "--stack", "dev"]);

  const seen = outcomes(before);
  const total = watched.requests.entries.length - before;
  expect(watched.requests.entries[before]).toMatchObject({ path: "/oauth/token", outcome: 503 });
  // The faults really happened: about a fifth of the requests failed, and creates were dropped.
  expect((seen["429"] ?? 0) + (seen["503"] ?? 0)).toBeGreaterThan(total * 0.1);
  expect(seen.dropped ?? 0).toBeGreaterThanOrEqual(1);

  await expectStateMatchesEmulator(project, watched.url, n);
});

test("a refresh under the same faults (its first token request refused too) changes nothing, and a preview then finds no change", async () => {
  await emulatorControl.setFaults(watched.url, faults);
  await runPulumiOk(project.session, ["refresh", "--yes", "--skip-preview", "--stack", "dev"]);
  await runPulumiOk(project.session, ["preview", "--expect-no-changes", "--stack", "dev"]);
  const comparison = await compareStateWithEmulator(project.session, watched.url);
  expect(comparison.stateIds).toHaveLength(n);
  expect(comparison.inEmulatorOnly.concat(comparison.inStateOnly)).toEqual([]);
});

test("a destroy under the same faults removes every connector", async () => {
  await emulatorControl.setFaults(watched.url, faults);
  await runPulumiOk(project.session, ["destroy", "--yes", "--skip-preview", "--stack", "dev"]);
  expect(await emulatorControl.connectors(watched.url)).toEqual([]);
  const comparison = await compareStateWithEmulator(project.session, watched.url);
  expect(comparison.stateIds).toEqual([]);
});
