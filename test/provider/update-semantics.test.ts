/**
 * An update under both readings of Scalekit's update that its sources disagree on
 * (scalekit-api.md, "Update semantics"): `replace` (the docs: every field replaced) and `partial`
 * (the OpenAPI and the SDK: an empty string, `false` or an absent key keeps the stored value).
 * The provider sends every field, reads the answer back, says once what Scalekit kept, records it,
 * and does not send the same impossible change again without saying why.
 */
import { ListingCache, operations, ScalekitClient, type CheckedInputs, type ConnectorOutputs, type OperationContext } from "pulumi-scalekit-connectors/internal";
import { emulatorControl } from "../../scripts/lib/emulator-control";
import { bearerArgs, bearerPayload } from "../support/payloads";
import { routes, TestEnvironment } from "../support/test-environment";

const clients: ScalekitClient[] = [];
const environments: TestEnvironment[] = [];

afterAll(async () => {
  await Promise.all(clients.map((each) => each.close()));
  await Promise.all(environments.map((each) => each.close()));
});

const described = { displayName: "Kept Fields", description: "Tickets and alerts", iconSrc: "https://cdn.example.com/kept.png", proxyEnabled: true };

describe.each(["replace", "partial"] as const)("updateSemantics %s", (updateSemantics) => {
  let env: TestEnvironment;
  let context: OperationContext;
  let warnings: string[];

  function newContext(): OperationContext {
    const client = new ScalekitClient(env.credentials);
    clients.push(client);
    const environment = { client, listing: new ListingCache(client) };
    return { environment: () => environment, warn: (message) => warnings.push(message) };
  }

  async function checked(news: Record<string, unknown>): Promise<CheckedInputs> {
    const result = await operations.check(context, news);
    if (result.failures) throw new Error(`unexpected failures: ${JSON.stringify(result.failures)}`);
    return result.inputs as CheckedInputs;
  }

  async function stored(identifier: string): Promise<Record<string, unknown>> {
    const found = (await env.connectors()).find((provider) => provider.identifier === identifier);
    if (!found) throw new Error(`${identifier} is not in the emulator`);
    return found as unknown as Record<string, unknown>;
  }

  /** Creates the connector with every clearable field set, then updates it to `next`. */
  async function createThenUpdate(next: Record<string, unknown>): Promise<{ id: string; outputs: ConnectorOutputs }> {
    const created = await operations.create(context, await checked(bearerArgs(described.displayName, described)));
    const updated = await operations.update(context, created.id, created.outputs, await checked(next));
    return { id: created.id, outputs: updated.outputs as ConnectorOutputs };
  }

  beforeAll(async () => {
    env = await TestEnvironment.start({ updateSemantics });
    environments.push(env);
  });

  beforeEach(async () => {
    await env.reset();
    warnings = [];
    context = newContext();
  });

  test("the emulator plays this reading", async () => {
    expect((await emulatorControl.modes(env.emulator.url)).updateSemantics).toBe(updateSemantics);
  });

  test("clearing the description, the icon and the proxy: what Scalekit holds is recorded, and what it kept is said once", async () => {
    const { id, outputs: outs } = await createThenUpdate(bearerArgs(described.displayName, { proxyEnabled: false }));
    const held = await stored(id);
    const keptWords = (property: string) => warnings.filter((warning) => warning.includes(`Scalekit kept`) && warning.includes(property));
    if (updateSemantics === "replace") {
      expect(held).toMatchObject({ description: "", icon_src: "", proxy_enabled: false });
      expect(outs).toMatchObject({ proxyEnabled: false });
      expect(outs).not.toHaveProperty("description");
      expect(outs.keptByScalekit).toBeUndefined();
      expect(warnings.filter((warning) => warning.includes("Scalekit kept"))).toEqual([]);
    } else {
      expect(held).toMatchObject({ description: described.description, icon_src: described.iconSrc, proxy_enabled: true });
      expect(outs).toMatchObject({ description: described.description, iconSrc: described.iconSrc, proxyEnabled: true });
      expect([...(outs.keptByScalekit ?? [])].sort()).toEqual(["description", "iconSrc", "proxyEnabled"]);
      expect(keptWords("the description it had")).toHaveLength(1);
      expect(keptWords("the iconSrc it had")).toHaveLength(1);
      expect(keptWords("proxyEnabled: true (the proxy on)")).toHaveLength(1);
      expect(keptWords("description")[0]).toMatch(/clear it in the Scalekit dashboard, then run `pulumi refresh`; or give description a value/);
      // No value is printed: a description may be secret.
      expect(warnings.join("\n")).not.toContain(described.description);
    }
  });

  test("the next diff of the same declaration: no change under replace; under partial, no change either, and it says why", async () => {
    const next = bearerArgs(described.displayName);
    const { id, outputs: outs } = await createThenUpdate(next);
    warnings = [];
    const result = await operations.diff(context, outs, await checked(next));
    expect(result).toEqual({ changes: false, replaces: [], stables: [] });
    if (updateSemantics === "replace") {
      expect(warnings).toEqual([]);
    } else {
      expect(warnings).toEqual([
        expect.stringMatching(/^Connector "Kept Fields" \([^)]+\): description is declared empty, but Scalekit kept the description it had when the last update asked to clear it, so the change is not sent again\./),
        expect.stringMatching(/: iconSrc is declared empty, but Scalekit kept the iconSrc it had /),
      ]);
      expect(warnings.join("\n")).toContain(id);
    }
  });

  test("another change still goes through, and the clear Scalekit refused is sent with it (and said again)", async () => {
    const { id, outputs: outs } = await createThenUpdate(bearerArgs(described.displayName));
    warnings = [];
    const renamed = await checked(bearerArgs("Kept Fields Two"));
    expect((await operations.diff(context, outs, renamed)).changes).toBe(true);
    await env.resetCounters();
    const putsBefore = env.sentBodies("PUT", `/api/v1/custom-providers/${id}`).length;
    warnings = [];
    const updated = (await operations.update(context, id, outs, renamed)).outputs as ConnectorOutputs;
    expect((await env.counters()).routes[routes.update]).toBe(1);
    // The one PUT carried the new name and the clears the declaration still asks for.
    const puts = env.sentBodies("PUT", `/api/v1/custom-providers/${id}`).slice(putsBefore);
    expect(puts).toEqual([expect.objectContaining({ display_name: "Kept Fields Two", description: "", icon_src: "" })]);
    expect((updated as { displayName?: string }).displayName).toBe("Kept Fields Two");
    expect(updated.keptByScalekit ?? []).toEqual(updateSemantics === "partial" ? ["description", "iconSrc"] : []);
    // Said again after this update, under partial; nothing to say under replace (the clear took).
    const kept = warnings.filter((warning) => warning.includes("Scalekit kept"));
    if (updateSemantics === "partial") {
      expect(kept).toEqual([
        expect.stringMatching(/^Connector "Kept Fields Two" \([^)]+\): Scalekit kept the description it had although this update asked to clear it\./),
        expect.stringMatching(/^Connector "Kept Fields Two" \([^)]+\): Scalekit kept the iconSrc it had although this update asked to clear it\./),
      ]);
    } else {
      expect(kept).toEqual([]);
    }
  });

  test("a payload-declared connector is told in its own words", async () => {
    const created = await operations.create(context, await checked({ scalekitPayload: bearerPayload("Kept Payload", { description: "x", icon_src: "https://cdn.example.com/p.png" }) }));
    await operations.update(context, created.id, created.outputs, await checked({ scalekitPayload: bearerPayload("Kept Payload") }));
    const kept = warnings.filter((warning) => warning.includes("Scalekit kept"));
    expect(kept.map((warning) => /kept (the \w+ it had)/.exec(warning)?.[1])).toEqual(updateSemantics === "partial" ? ["the description it had", "the icon_src it had"] : []);
  });

  test("a refresh keeps the record while Scalekit still holds the value, and drops it once the value is gone", async () => {
    const { id, outputs: outs } = await createThenUpdate(bearerArgs(described.displayName));
    const read = await newContextRead(id, outs);
    expect(read.keptByScalekit ?? []).toEqual(updateSemantics === "partial" ? ["description", "iconSrc"] : []);
    // Cleared in the dashboard (which can clear what an update cannot).
    await emulatorControl.setModes(env.emulator.url, { updateSemantics: "replace" });
    const client = new ScalekitClient(env.credentials);
    clients.push(client);
    await client.update(id, { ...(await stored(id)), description: "", icon_src: "" } as never);
    await emulatorControl.setModes(env.emulator.url, { updateSemantics });
    const again = await newContextRead(id, read);
    expect(again.keptByScalekit).toBeUndefined();
    expect(again).not.toHaveProperty("description");
  });

  /** A refresh's read in a fresh process (a new context, so a new listing). */
  async function newContextRead(id: string, props: ConnectorOutputs): Promise<ConnectorOutputs> {
    context = newContext();
    const result = await operations.read(context, id, props);
    return result.outputs as ConnectorOutputs;
  }
});
