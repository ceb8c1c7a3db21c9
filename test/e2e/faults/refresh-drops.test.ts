/**
 * No answer shape empties a stack, and no refresh drops several connectors unasked, through the
 * real Pulumi CLI in both doors: the root program served by the dynamic provider, and the same
 * program with `door: plugin` (the resource plugin). A stack of 7 connectors is refreshed while
 * Scalekit's listing and look-ups are answered `{}`, `{"providers": null}`, with `providers`
 * renamed `items`, or with a short listing whose look-ups come back `{}`: the refresh fails with a
 * message naming what arrived, the stack's state is exactly as before (stack export compared) and
 * nothing is deleted in Scalekit. Then two connectors really are deleted: the refresh stops,
 * naming both (display name and identifier) and how to confirm, and passes once
 * SCALEKIT_CONFIRM_DROPS names them. Every fault has rate 1, so no outcome depends on which of
 * the engine's parallel reads comes first.
 */
import type { FaultRule } from "scalekit-emulator";
import { ROUTES } from "scalekit-emulator";
import { ScalekitClient } from "pulumi-scalekit-connectors/internal";
import { DYNAMIC_CONNECTOR_TYPE, PLUGIN_CONNECTOR_TYPE } from "../../../scripts/lib/connector-state";
import { emulatorControl } from "../../../scripts/lib/emulator-control";
import { startWatchedEmulator, type WatchedEmulator } from "../../../scripts/lib/emulators";
import { runPulumi, runPulumiOk, type PulumiRunResult } from "../../../scripts/lib/pulumi-process";
import { newProject, type Project } from "../../support/fault-harness";

jest.setTimeout(10 * 60 * 1000);

const n = 7;

interface ExportedResource {
  urn: string;
  type: string;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

/** Each listing shape that is not Scalekit's, on every list request (listing and look-up), and what the refresh must say. */
const oddAnswers: [string, FaultRule[], RegExp][] = [
  [
    "{}",
    [{ route: ROUTES.listProviders, emptyObjectRate: 1 }],
    /Listing Scalekit connectors failed: Scalekit answered 200 with content type application\/json and JSON that is not the listing page Scalekit documents \(providers: [^)]*total_size: [^)]*\): "\{\}"/,
  ],
  [
    '{"providers": null}',
    [{ route: ROUTES.listProviders, nullProvidersRate: 1 }],
    /Listing Scalekit connectors failed: Scalekit answered 200 with content type application\/json and JSON that is not the listing page Scalekit documents \(providers: [^)]*\): "\{"providers":null\}"/,
  ],
  [
    "providers renamed items",
    [{ route: ROUTES.listProviders, renamedProvidersRate: 1 }],
    /Listing Scalekit connectors failed: Scalekit answered 200 with content type application\/json and JSON that is not the listing page Scalekit documents \(providers: [^)]*\): "\{"items":\[/,
  ],
  [
    "a short listing whose look-ups answer {}",
    [
      { route: ROUTES.listProviders, listRequests: "listings", shortPageRate: 1 },
      { route: ROUTES.listProviders, listRequests: "look-ups", emptyObjectRate: 1 },
    ],
    /Looking up connector \S+ failed: Scalekit answered 200 with content type application\/json and JSON that is not the listing page Scalekit documents/,
  ],
];

describe.each(["dynamic", "plugin"] as const)("door %s", (door) => {
  let watched: WatchedEmulator;
  let project: Project;

  /** The stack's connector resources as exported, secrets shown so that a new encryption of the same value compares equal. */
  async function connectorState(): Promise<ExportedResource[]> {
    const exported = JSON.parse((await runPulumiOk(project.session, ["stack", "export", "--show-secrets", "--stack", "dev"])).stdout) as { deployment: { resources?: ExportedResource[] } };
    return (exported.deployment.resources ?? []).filter((resource) => resource.type.endsWith("CustomConnector")).map(({ urn, type, id, inputs, outputs }) => ({ urn, type, id, inputs, outputs }));
  }

  function refresh(env: NodeJS.ProcessEnv = {}): Promise<PulumiRunResult> {
    return runPulumi(project.session, ["refresh", "--yes", "--skip-preview", "--stack", "dev"], { env });
  }

  /** A refresh that fails with `message`, leaves the state exactly as it was and deletes nothing in Scalekit. */
  async function expectRefused(message: RegExp, env: NodeJS.ProcessEnv = {}): Promise<PulumiRunResult> {
    const before = await connectorState();
    const heldBefore = (await emulatorControl.connectors(watched.url)).map((provider) => provider.identifier);
    watched.requests.clear();
    const result = await refresh(env);
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(message);
    expect(result.output).not.toMatch(/\d+ deleted/);
    expect(await connectorState()).toEqual(before);
    expect(watched.requests.entries.filter((request) => request.method === "DELETE")).toEqual([]);
    expect((await emulatorControl.connectors(watched.url)).map((provider) => provider.identifier)).toEqual(heldBefore);
    return result;
  }

  beforeAll(async () => {
    watched = await startWatchedEmulator({ seed: 20261205 });
    project = await newProject(watched, n, `drops-${door}`);
    if (door === "plugin") await runPulumiOk(project.session, ["config", "set", "door", "plugin", "--stack", "dev"]);
    await runPulumiOk(project.session, ["up", "--yes", "--skip-preview", "--stack", "dev"]);
    const state = await connectorState();
    expect(state).toHaveLength(n);
    expect(state.every((resource) => resource.type === (door === "plugin" ? PLUGIN_CONNECTOR_TYPE : DYNAMIC_CONNECTOR_TYPE))).toBe(true);
  });

  afterEach(async () => {
    await emulatorControl.clearFaults(watched.url);
  });

  afterAll(async () => {
    await watched?.close();
    project?.cleanup();
  });

  test.each(oddAnswers)("a listing answered %s fails the refresh with a message naming what arrived; state and Scalekit unchanged", async (_shape, rules, message) => {
    await emulatorControl.setFaults(watched.url, { rules });
    await expectRefused(message);
  });

  test("a short listing alone: each connector it left out is confirmed by the exact look-up, nothing leaves the state", async () => {
    const before = await connectorState();
    await emulatorControl.setFaults(watched.url, { rules: [{ route: ROUTES.listProviders, listRequests: "listings", shortPageRate: 1, limit: 1000 }] });
    const result = await refresh();
    expect(result.code).toBe(0);
    expect((await emulatorControl.faults(watched.url)).rules[0]!.limit).toBeLessThan(1000);
    expect(result.output).not.toMatch(/\d+ deleted/);
    expect(await connectorState()).toEqual(before);
  });

  test("two connectors deleted in Scalekit: the refresh stops naming both, then drops them once SCALEKIT_CONFIRM_DROPS names them", async () => {
    const held = await emulatorControl.connectors(watched.url);
    const [first, second] = [held[1]!, held[4]!];
    const client = new ScalekitClient(watched.credentials);
    try {
      for (const gone of [first, second]) await client.delete(gone.identifier);
    } finally {
      await client.close();
    }
    const refused = await expectRefused(/The refresh stopped instead of dropping these connectors from the stack: 2 connectors of this stack are gone in one run/);
    for (const gone of [first, second]) expect(refused.output).toContain(`"${gone.display_name}" (${gone.identifier})`);
    const confirmation = refused.output.match(/SCALEKIT_CONFIRM_DROPS=(\S+) pulumi refresh/)?.[1];
    expect(confirmation?.split(",").sort()).toEqual([first.identifier, second.identifier].sort());

    // A confirmation naming only one of them confirms nothing.
    await expectRefused(/2 connectors of this stack are gone in one run/, { SCALEKIT_CONFIRM_DROPS: first.identifier });

    const confirmed = await refresh({ SCALEKIT_CONFIRM_DROPS: confirmation });
    expect(confirmed.code).toBe(0);
    expect(confirmed.output).toMatch(/2 deleted/);
    expect(confirmed.output).toContain(`is dropped from the stack as SCALEKIT_CONFIRM_DROPS confirms`);
    const ids = (await connectorState()).map((resource) => resource.id).sort();
    expect(ids).toEqual(held.map((provider) => provider.identifier).filter((id) => id !== first.identifier && id !== second.identifier).sort());
  });
});
