/**
 * examples/team-layout with the real Pulumi CLI: the same definitions on the dev and production
 * stacks (each its own emulator), production's connectors protected.
 */
import { credentialsEnv } from "../../../scripts/lib/credentials";
import { emulatorControl } from "../../../scripts/lib/emulator-control";
import { startWatchedEmulator, type WatchedEmulator } from "../../../scripts/lib/emulators";
import { runPulumi, runPulumiOk } from "../../../scripts/lib/pulumi-process";
import { createdConnectors, useExample } from "../../support/example-project";

jest.setTimeout(10 * 60 * 1000);

const names = ["metrics-api", "runbook-mcp", "support-inbox"];

const example = useExample("team-layout", ["dev", "production"]);
let production: WatchedEmulator;

/** Runs against the production emulator instead of the example's own (dev) one. */
const productionEnv = () => ({ env: credentialsEnv(production.credentials) });

beforeAll(async () => {
  production = await startWatchedEmulator({ clientSecret: "team-layout-production-secret" });
});

afterAll(async () => {
  await production?.close();
});

test("both stacks plan the same connectors from definitions.ts", async () => {
  const dev = await example().ok(["preview", "--stack", "dev"]);
  expect(createdConnectors(dev.output)).toEqual(names);
  const prod = await runPulumiOk(example().session, ["preview", "--stack", "production"], productionEnv());
  expect(createdConnectors(prod.output)).toEqual(names);
});

test("production protects its connectors; dev does not", async () => {
  await example().ok(["up", "--yes", "--skip-preview", "--stack", "dev"]);
  await runPulumiOk(example().session, ["up", "--yes", "--skip-preview", "--stack", "production"], productionEnv());

  const protectedBy = async (stack: string, env?: { env: NodeJS.ProcessEnv }) => {
    const state = JSON.parse((await runPulumiOk(example().session, ["stack", "export", "--stack", stack], env)).stdout);
    const connectors = state.deployment.resources.filter((r: { type: string }) => r.type.endsWith("CustomConnector"));
    return Object.fromEntries(connectors.map((r: { urn: string; protect?: boolean }) => [r.urn.split("::").pop(), r.protect === true]));
  };
  expect(await protectedBy("dev")).toEqual({ "metrics-api": false, "runbook-mcp": false, "support-inbox": false });
  expect(await protectedBy("production", productionEnv())).toEqual({ "metrics-api": true, "runbook-mcp": true, "support-inbox": true });

  // Pulumi refuses to destroy production; the connectors stay in Scalekit.
  const destroy = await runPulumi(example().session, ["destroy", "--yes", "--stack", "production"], productionEnv());
  expect(destroy.code).not.toBe(0);
  expect(destroy.output).toMatch(/protected/);
  expect(await emulatorControl.connectors(production.url)).toHaveLength(3);

  // Dev is not protected: destroy removes its connectors.
  await example().ok(["destroy", "--yes", "--stack", "dev"]);
  expect(await example().connectors()).toEqual([]);
});
