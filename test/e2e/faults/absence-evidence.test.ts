/**
 * Nothing leaves state unless Scalekit says it is gone, through the real Pulumi CLI. A stack of
 * several connectors is refreshed while the listing is answered by something other than
 * Scalekit's whole JSON: a 200 HTML maintenance page (a proxy in between) and JSON cut in the
 * middle fail the refresh with a message naming what arrived, and the state keeps every
 * connector as it was; listing pages that leave half the connectors out (total_size kept) make
 * the provider confirm each missing connector by the exact look-up, so the refresh keeps them
 * all and reports no delete. Every fault has rate 1 on the list route, so no outcome depends on
 * luck or on the order of the engine's parallel reads.
 */
import { ROUTES } from "scalekit-emulator";
import { emulatorControl } from "../../../scripts/lib/emulator-control";
import { startWatchedEmulator, type WatchedEmulator } from "../../../scripts/lib/emulators";
import { runPulumi, runPulumiOk, type PulumiRunResult } from "../../../scripts/lib/pulumi-process";
import { compareStateWithEmulator, newProject, type Project } from "../../support/fault-harness";

jest.setTimeout(10 * 60 * 1000);

const n = 6;

let watched: WatchedEmulator;
let project: Project;

interface ExportedResource {
  urn: string;
  id?: string;
  outputs?: Record<string, unknown>;
  inputs?: Record<string, unknown>;
}

/** The connector resources of stack dev as stored: urn, id and outputs. */
async function connectorState(): Promise<{ urn: string; id?: string; outputs?: Record<string, unknown> }[]> {
  const exported = JSON.parse((await runPulumiOk(project.session, ["stack", "export", "--stack", "dev"])).stdout) as { deployment: { resources?: ExportedResource[] } };
  return (exported.deployment.resources ?? []).filter((r) => typeof r.inputs?.__provider === "string").map(({ urn, id, outputs }) => ({ urn, id, outputs }));
}

async function refresh(): Promise<PulumiRunResult> {
  return runPulumi(project.session, ["refresh", "--yes", "--skip-preview", "--stack", "dev"]);
}

/** A refresh that fails because of an answer it could not read, and leaves every connector in the state as it was. */
async function expectRefreshRefused(message: RegExp): Promise<void> {
  const before = await connectorState();
  expect(before).toHaveLength(n);
  const result = await refresh();
  expect(result.code).not.toBe(0);
  expect(result.output).toMatch(message);
  expect(result.output).not.toMatch(/\d+ deleted/);
  expect(await connectorState()).toEqual(before);
}

beforeAll(async () => {
  watched = await startWatchedEmulator({ seed: 20251203 });
  project = await newProject(watched, n, "evidence");
  await runPulumiOk(project.session, ["up", "--yes", "--skip-preview", "--stack", "dev"]);
  const comparison = await compareStateWithEmulator(project.session, watched.url);
  expect(comparison.stateIds).toHaveLength(n);
  expect(comparison.inEmulatorOnly.concat(comparison.inStateOnly)).toEqual([]);
});

afterEach(async () => {
  await emulatorControl.clearFaults(watched.url);
});

afterAll(async () => {
  await watched?.close();
  project?.cleanup();
});

test("a listing answered by a 200 HTML maintenance page fails the refresh, naming what arrived; every connector stays in the state", async () => {
  await emulatorControl.setFaults(watched.url, { rules: [{ route: ROUTES.listProviders, htmlPageRate: 1 }] });
  await expectRefreshRefused(/Listing Scalekit connectors failed: Scalekit answered 200 with content type text\/html; charset=utf-8 and a body that is not JSON: "<!DOCTYPE html> <html> <head><title>Down for maintenance/);
});

test("a listing cut in the middle fails the refresh, naming what arrived; every connector stays in the state", async () => {
  await emulatorControl.setFaults(watched.url, { rules: [{ route: ROUTES.listProviders, truncatedJsonRate: 1 }] });
  await expectRefreshRefused(/Listing Scalekit connectors failed: Scalekit answered 200 with content type application\/json and JSON that breaks off or does not parse/);
});

test("listing pages that leave half the connectors out: each is confirmed by the exact look-up, the refresh keeps all and deletes none", async () => {
  const before = await connectorState();
  // A limit far above what a refresh uses: what is left of it shows that short pages were served.
  const cap = 1000;
  await emulatorControl.setFaults(watched.url, { rules: [{ route: ROUTES.listProviders, shortPageRate: 1, limit: cap }] });
  const result = await runPulumiOk(project.session, ["refresh", "--yes", "--skip-preview", "--stack", "dev"]);
  const [rule] = (await emulatorControl.faults(watched.url)).rules;
  expect(rule!.limit).toBeLessThan(cap);
  expect(result.output).not.toMatch(/\d+ deleted/);
  expect(await connectorState()).toEqual(before);
  const comparison = await compareStateWithEmulator(project.session, watched.url);
  expect(comparison.inEmulatorOnly.concat(comparison.inStateOnly)).toEqual([]);
});

test("once Scalekit answers whole again, a preview finds nothing to change", async () => {
  await runPulumiOk(project.session, ["refresh", "--yes", "--skip-preview", "--stack", "dev"]);
  await runPulumiOk(project.session, ["preview", "--expect-no-changes", "--stack", "dev"]);
  expect(await connectorState()).toHaveLength(n);
});
