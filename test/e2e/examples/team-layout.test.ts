/**
 * examples/team-layout with the real Pulumi CLI: the same definitions on the dev and production
 * stacks (each its own emulator), production's connectors protected.
 */
import { startEmulator, type RunningEmulator } from "scalekit-emulator";
import { credentialsEnv } from "../../../scripts/lib/credentials";
import { runPulumi, runPulumiOk } from "../../../scripts/lib/pulumi-process";
import { createdConnectors, openExample, type ExampleProject } from "../../support/example-project";

jest.setTimeout(10 * 60 * 1000);

const names = ["metrics-api", "runbook-mcp", "support-inbox"];

let example: ExampleProject;
let production: RunningEmulator;

/** Runs against the production emulator instead of the example's own (dev) one. */
const productionEnv = () => ({ env: credentialsEnv(production.credentials) });

beforeAll(async () => {
  example = await openExample("team-layout");
  production = await startEmulator({ port: 0, clientSecret: "team-layout-production-secret" });
  await example.ok(["stack", "init", "dev"]);
  await example.ok(["stack", "init", "production"]);
});

afterAll(async () => {
  await production?.close();
  await example?.close();
});

test("both stacks plan the same connectors from definitions.ts", async () => {
  const dev = await example.ok(["preview", "--stack", "dev"]);
  expect(createdConnectors(dev.output)).toEqual(names);
  const prod = await runPulumiOk(example.session, ["preview", "--stack", "production"], productionEnv());
  expect(createdConnectors(prod.output)).toEqual(names);
});

test("production protects its connectors; dev does not", async () => {
  await example.ok(["up", "--yes", "--skip-preview", "--stack", "dev"]);
  await runPulumiOk(example.session, ["up", "--yes", "--skip-preview", "--stack", "production"], productionEnv());

  const protectedBy = async (stack: string, env?: { env: NodeJS.ProcessEnv }) => {
    const state = JSON.parse((await runPulumiOk(example.session, ["stack", "export", "--stack", stack], env)).stdout);
    const connectors = state.deployment.resources.filter((r: { type: string }) => r.type.endsWith("CustomConnector"));
    return Object.fromEntries(connectors.map((r: { urn: string; protect?: boolean }) => [r.urn.split("::").pop(), r.protect === true]));
  };
  expect(await protectedBy("dev")).toEqual({ "metrics-api": false, "runbook-mcp": false, "support-inbox": false });
  expect(await protectedBy("production", productionEnv())).toEqual({ "metrics-api": true, "runbook-mcp": true, "support-inbox": true });

  // Pulumi refuses to destroy production; the connectors stay in Scalekit.
  const destroy = await runPulumi(example.session, ["destroy", "--yes", "--stack", "production"], productionEnv());
  expect(destroy.code).not.toBe(0);
  expect(destroy.output).toMatch(/protected/);
  const left = (await (await fetch(`${production.url}/_emulator/connectors`)).json()) as { providers: unknown[] };
  expect(left.providers).toHaveLength(3);

  // Dev is not protected: destroy removes its connectors.
  await example.ok(["destroy", "--yes", "--stack", "dev"]);
  expect(await example.connectors()).toEqual([]);
});
