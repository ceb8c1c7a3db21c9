/**
 * The provider's operations against the emulator, under every combination of the answers
 * Scalekit leaves undocumented (identifier style, a taken name, a refused delete, an update that
 * keeps what it was asked to clear): create (the refusal of a taken name, adoption, a create whose
 * answer was lost or that Scalekit answered 503 without storing it), read (present, gone, one shared listing, own writes applied), update (whole
 * definition, what Scalekit kept, rename, 404), delete (gone, in use), and that check sends
 * nothing. The outcome is the same in every mode: no twin, no orphan, no change sent forever.
 */
import * as fs from "fs";
import * as path from "path";
import {
  connectionsNote,
  ListingCache,
  operations,
  ScalekitClient,
  toSnakeCase,
  type CheckedInputs,
  type ConnectorOutputs,
  type OperationContext,
  type ScalekitClientOptions,
  type ScalekitPayload,
} from "pulumi-scalekit-connectors/internal";
import { emulatorControl } from "../../scripts/lib/emulator-control";
import { testFixturesDir } from "../../scripts/lib/paths";
import { describeModes, emulatorModeMatrix, type EmulatorModes } from "../support/emulator-modes";
import { Captured, expectFailure, scanAfterEachTest } from "../support/capture";
import { routes, TestEnvironment } from "../support/test-environment";
import { bearerArgs, bearerPayload, mcpPayload, oauthArgs } from "../support/payloads";

/** A payload sent to Scalekit as it is, bypassing the provider's checks (as a dashboard user would). */
const raw = (payload: Record<string, any>) => payload as ScalekitPayload;

const fastRetries: ScalekitClientOptions = { retry: { minDelayMs: 5, maxDelayMs: 20 } };
const captured = new Captured();
const clients: ScalekitClient[] = [];
const environments: TestEnvironment[] = [];
// Every test answers for what it captured: no client secret and no token, in any result, error or warning.
scanAfterEachTest(captured, () => environments.flatMap((each) => each.secrets()));

afterAll(async () => {
  await Promise.all(clients.map((each) => each.close()));
  await Promise.all(environments.map((each) => each.close()));
});

describe.each(emulatorModeMatrix)("under $identifierStyle identifiers, taken names: $duplicateNames, in-use delete: $deleteInUse, updates: $updateSemantics", (modes: EmulatorModes) => {
  let env: TestEnvironment;
  let client: ScalekitClient;
  let context: OperationContext;
  let warnings: string[];

  /** A fresh context: one client and one shared listing, as the runtime keeps per environment. */
  function newContext(options: ScalekitClientOptions = fastRetries): OperationContext {
    const contextClient = new ScalekitClient(env.credentials, options);
    clients.push(contextClient);
    const environment = { client: contextClient, listing: new ListingCache(contextClient) };
    return {
      environment: () => environment,
      warn: (message) => {
        warnings.push(message);
        captured.add("warning", message);
      },
    };
  }

  async function checked(news: Record<string, unknown>): Promise<CheckedInputs> {
    const result = await captured.record("check", () => operations.check(context, news));
    if (result.failures) throw new Error(`unexpected failures: ${JSON.stringify(result.failures)}`);
    return result.inputs as CheckedInputs;
  }

  async function create(news: Record<string, unknown>): Promise<{ id: string; outputs: ConnectorOutputs }> {
    const result = await captured.record("create", async () => operations.create(context, await checked(news)));
    return result as { id: string; outputs: ConnectorOutputs };
  }

  function failure(label: string, run: () => Promise<unknown>): Promise<Error> {
    return expectFailure(captured, label, run);
  }

  /** What the emulator holds, as [identifier, display name] pairs. */
  async function held(): Promise<[string, string][]> {
    return (await env.connectors()).map((provider) => [provider.identifier, provider.display_name]);
  }

  beforeAll(async () => {
    env = await TestEnvironment.start(modes);
    environments.push(env);
    client = new ScalekitClient(env.credentials, fastRetries);
    clients.push(client);
  });

  beforeEach(async () => {
    await env.reset();
    warnings = [];
    context = newContext();
  });

  test(`the emulator plays ${describeModes(modes)}`, async () => {
    const created = await client.create(raw(bearerPayload("Mode Probe")));
    const expected = { lowercase: /^modeprobe$/, suffixed: /^MODEPROBE:\d+$/, opaque: /^prov_[0-9a-f]+$/ }[modes.identifierStyle];
    expect(created.identifier).toMatch(expected);
    expect(await emulatorControl.modes(env.emulator.url)).toMatchObject(modes);
  });

  describe("check", () => {
    test("sends nothing to Scalekit, valid or not", async () => {
      await checked(oauthArgs());
      await operations.check(context, bearerArgs("Not-Valid"));
      expect((await env.counters()).total).toBe(0);
    });
  });

  describe("create", () => {
    test("creates the connector; the identifier Scalekit chose becomes the id", async () => {
      const { id, outputs: outs } = await create(oauthArgs());
      const [stored] = await env.connectors();
      expect(id).toBe(stored!.identifier);
      expect(outs).toEqual({ identifier: stored!.identifier, scalekitId: stored!.id, isCustomMcp: false, ...(await checked(oauthArgs())) });
      const counters = await env.counters();
      expect(counters.routes[routes.list]).toBe(1);
      expect(counters.routes[routes.create]).toBe(1);
    });

    test("an MCP connector says so in isCustomMcp", async () => {
      const { outputs: outs } = await create({ scalekitPayload: mcpPayload() });
      expect(outs.isCustomMcp).toBe(true);
    });

    test("a connector with the same name (ignoring case and spaces) is refused, naming it and how to adopt it, and nothing is created", async () => {
      const existing = await client.create(raw(bearerPayload("TICKET desk")));
      await env.resetCounters();
      const error = await failure("create over an existing connector", () => create(oauthArgs("Ticket Desk")));
      expect(error.message).toBe(
        `A connector named "TICKET desk" already exists in ${new URL(env.url).origin} (identifier ${existing.identifier}), so creating another would make a twin. ` +
          "To manage the existing one with Pulumi, add `adopt: true` to its arguments and run pulumi up again: it is taken over and given this definition. " +
          "To keep both, give this connector another displayName (names that differ only in case or spaces count as the same).",
      );
      expect((await env.counters()).routes[routes.create]).toBe(0);
      expect((await env.connectors()).map((provider) => provider.id)).toEqual([existing.id]);
    });

    test("for a connector declared from a payload, the advice uses the payload's words", async () => {
      await client.create(raw(bearerPayload("Example MCP")));
      const error = await failure("create a payload over an existing connector", () => create({ scalekitPayload: mcpPayload() }));
      expect(error.message).toContain("set `adopt: true` on the CustomConnector (in the connectors/*.json program: `pulumi config set adoptExisting true`)");
      expect(error.message).toContain("give this connector another display_name");
    });

    test("adopt: an existing connector equal to the declaration is taken over without a write", async () => {
      const existing = await client.create(raw(bearerPayload("Adopted As Is", { description: "already right", proxy_enabled: true })));
      await env.resetCounters();
      const { id, outputs: outs } = await create({ ...bearerArgs("Adopted As Is", { description: "already right" }), adopt: true });
      expect(id).toBe(existing.identifier);
      expect(outs.scalekitId).toBe(existing.id);
      const counters = await env.counters();
      expect(counters.routes[routes.update]).toBe(0);
      expect(counters.routes[routes.create]).toBe(0);
      expect(warnings).toEqual([]);
    });

    test("adopt: a different existing connector gets the declared definition by an update, with the update's warnings", async () => {
      const existing = await client.create(raw(bearerPayload("Adopted Changed", { description: "old words", metadata: { owner: "nobody" } })));
      await env.resetCounters();
      const { outputs: outs } = await create({ ...bearerArgs("Adopted Changed", { description: "new words" }), adopt: true });
      expect(outs.scalekitId).toBe(existing.id);
      expect(outs).toMatchObject({ description: "new words" });
      const [stored] = await env.connectors();
      expect(stored).toMatchObject({ id: existing.id, description: "new words", metadata: {} });
      const counters = await env.counters();
      expect(counters.routes[routes.update]).toBe(1);
      expect(counters.routes[routes.create]).toBe(0);
      expect(warnings).toEqual([connectionsNote(`"Adopted Changed" (${existing.identifier})`)]);
    });

    test("a create whose answer was lost is reconciled by name: one connector, the one Scalekit stored, never sent again", async () => {
      await env.faults([{ route: routes.create, dropAfterStoreRate: 1, limit: 1 }]);
      const { id, outputs: outs } = await create(bearerArgs("Answer Lost"));
      expect(await held()).toEqual([[id, "Answer Lost"]]);
      expect(outs.identifier).toBe(id);
      const counters = await env.counters();
      // The run's listing, the one POST, and the listing taken after it.
      expect(counters.routes[routes.create]).toBe(1);
      expect(counters.routes[routes.list]).toBe(2);
    });

    test("a create answered 503 twice, having stored nothing: looked for after each, absent, sent again; one connector", async () => {
      await env.faults([{ route: routes.create, rate503: 1, limit: 2 }]);
      const { id } = await create(bearerArgs("Unavailable Twice"));
      expect(await held()).toEqual([[id, "Unavailable Twice"]]);
      const counters = await env.counters();
      expect(counters.routes[routes.create]).toBe(3);
      expect(counters.routes[routes.list]).toBe(3);
    });

    test("a connector created elsewhere after the listing is adopted with adopt and refused without", async () => {
      const adopting = newContext();
      const refusing = newContext();
      // Both take their listing before the connector exists, as a run that started earlier would.
      expect(await adopting.environment().listing.findByName("Just Arrived")).toEqual([]);
      expect(await refusing.environment().listing.findByName("Just Arrived")).toEqual([]);
      const existing = await client.create(raw(bearerPayload("Just Arrived", { proxy_enabled: true })));
      await env.resetCounters();
      if (modes.duplicateNames === "conflict") {
        // Scalekit's 409 tells; a fresh listing then finds the connector by name.
        const adopted = await operations.create(adopting, await checked({ ...bearerArgs("Just Arrived"), adopt: true }));
        expect(adopted.outputs.scalekitId).toBe(existing.id);
        const error = await failure("create racing someone else", async () => operations.create(refusing, await checked(bearerArgs("Just Arrived"))));
        expect(error.message).toMatch(/^A connector named "Just Arrived" already exists/);
        const counters = await env.counters();
        expect(counters.routes[routes.create]).toBe(2);
        expect(counters.routes[routes.list]).toBe(2);
        expect(counters.routes[routes.update]).toBe(0);
        expect(await env.connectors()).toHaveLength(1);
      } else {
        // A server that accepts a taken name gives no sign: a connector made by someone else in
        // the seconds between the run's listing and its create ends up beside ours (README, limits).
        const created = await operations.create(refusing, await checked(bearerArgs("Just Arrived")));
        expect(created.outputs.scalekitId).not.toBe(existing.id);
        expect(await env.connectors()).toHaveLength(2);
      }
    });

    test("a listed connector deleted elsewhere since the listing is confirmed gone by an exact look-up, then created", async () => {
      const gone = await client.create(raw(bearerPayload("Soon Gone")));
      const run = newContext();
      expect((await run.environment().listing.find(gone.identifier))?.id).toBe(gone.id);
      await client.delete(gone.identifier);
      await env.resetCounters();
      const { outputs: outs } = await operations.create(run, await checked(bearerArgs("Soon Gone")));
      expect(outs.scalekitId).not.toBe(gone.id);
      const counters = await env.counters();
      expect(counters.routes[routes.list]).toBe(1); // the exact look-up; the stale listing was not trusted
      expect(counters.routes[routes.create]).toBe(1);
      expect(await env.connectors()).toHaveLength(1);
    });

    test("creates of one run share one listing: N creates cost one list call and N posts", async () => {
      const run = newContext();
      const results = await Promise.all([0, 1, 2, 3, 4, 5].map(async (i) => operations.create(run, await checked(bearerArgs(`Batch ${i}`)))));
      expect(results.map((r) => r.id).sort()).toEqual((await env.connectors()).map((provider) => provider.identifier).sort());
      expect(new Set(results.map((r) => r.id)).size).toBe(6);
      const counters = await env.counters();
      expect(counters.routes[routes.list]).toBe(1);
      expect(counters.routes[routes.create]).toBe(6);
      // The listing holds what this run created: a read of each needs no new listing.
      for (const result of results) expect((await operations.read(run, result.id, result.outputs)).id).toBe(result.id);
      expect((await env.counters()).routes[routes.list]).toBe(1);
    });

    test("adopt with nothing to adopt simply creates", async () => {
      const { id } = await create({ ...bearerArgs("Fresh Adopt"), adopt: true });
      expect(await held()).toEqual([[id, "Fresh Adopt"]]);
      expect((await env.counters()).routes[routes.create]).toBe(1);
    });

    if (modes.duplicateNames === "accept") {
      test("adopt does not guess between several connectors of the same name", async () => {
        const first = await client.create(raw(bearerPayload("Twice Named")));
        const second = await client.create(raw(bearerPayload("Twice Named")));
        const error = await failure("adopt among twins", () => create({ ...bearerArgs("Twice Named"), adopt: true }));
        expect(error.message).toContain(`2 connectors in ${new URL(env.url).origin} are named like "Twice Named"`);
        expect(error.message).toContain(`"Twice Named" (${first.identifier}), "Twice Named" (${second.identifier})`);
        expect(await env.connectors()).toHaveLength(2);
      });
    }
  });

  describe("read", () => {
    test("a present connector: props and inputs in the declaration's shape, and the same declaration then shows no diff", async () => {
      const { id, outputs: outs } = await create(oauthArgs());
      const fresh = newContext();
      const result = await captured.record("read", () => operations.read(fresh, id, outs));
      expect(result.id).toBe(id);
      expect(result.outputs).toEqual(outs);
      expect(result.inputs).toEqual(await checked(oauthArgs()));
      expect(await operations.diff(fresh, result.outputs!, result.inputs as CheckedInputs)).toEqual({ changes: false, replaces: [], stables: [] });
    });

    test("a refresh hands back the declaration's shape and switches, so the refreshed inputs equal what check produces", async () => {
      const declared = await checked({ scalekitPayload: raw(bearerPayload("Switches Kept")), adopt: true });
      expect(Object.keys(declared).sort()).toEqual(["adopt", "scalekitPayload"]);
      const created = await operations.create(context, declared);
      expect(created.outputs).toMatchObject({ adopt: true, scalekitPayload: { display_name: "Switches Kept" } });
      const result = await operations.read(newContext(), created.id, created.outputs);
      expect(result.inputs).toEqual(declared);
      expect(result.outputs).toEqual(created.outputs);
    });

    test("a connector changed outside Pulumi is read as it is now", async () => {
      const { id, outputs: outs } = await create(bearerArgs("Drifted"));
      await client.update(id, raw({ ...bearerPayload("Drifted"), description: "edited in the dashboard", metadata: {} }));
      const result = await operations.read(newContext(), id, outs);
      expect(result.outputs).toMatchObject({ description: "edited in the dashboard" });
      const diff = await operations.diff(context, result.outputs!, await checked(bearerArgs("Drifted")));
      expect(diff.changes).toBe(true);
    });

    test("a connector that is gone returns no id, so a refresh drops it", async () => {
      // Another connector stays: with none left at all, the drop would need a confirmation (drop-gate.ts).
      await create(bearerArgs("Stays Put"));
      const { id, outputs: outs } = await create(bearerArgs("Gone Soon"));
      await client.delete(id);
      expect(await operations.read(newContext(), id, outs)).toEqual({});
    });

    test("N reads share one listing: one list call for all of them", async () => {
      const identifiers: string[] = [];
      for (let i = 0; i < 8; i++) identifiers.push((await client.create(raw(bearerPayload(`Shared ${i}`)))).identifier);
      const refresh = newContext();
      await env.resetCounters();
      const concurrent = await Promise.all(identifiers.slice(0, 4).map((id) => operations.read(refresh, id)));
      const sequential = [];
      for (const id of identifiers.slice(4)) sequential.push(await operations.read(refresh, id));
      expect([...concurrent, ...sequential].map((result) => result.id)).toEqual(identifiers);
      expect((await env.counters()).routes[routes.list]).toBe(1);
    });

    test("a write by this process is applied to the listing: the next read sees it without listing again", async () => {
      const { id, outputs: outs } = await create(bearerArgs("Written"));
      await operations.read(context, id, outs);
      await env.resetCounters();
      await operations.read(context, id, outs);
      expect((await env.counters()).routes[routes.list]).toBe(0);
      await operations.update(context, id, outs, await checked(bearerArgs("Written", { description: "after the write" })));
      const after = await operations.read(context, id, outs);
      expect(after.outputs).toMatchObject({ description: "after the write" });
      expect((await env.counters()).routes[routes.list]).toBe(0);
      await operations.remove(context, id, outs);
      expect(await operations.read(context, id, outs)).toEqual({});
      expect((await env.counters()).routes[routes.list]).toBe(0);
    });

    test("a listing that failed is not kept: the next read tries again", async () => {
      const { id } = await create(bearerArgs("Flaky Listing"));
      const flaky = newContext({ retry: { minDelayMs: 5, maxDelayMs: 20, maxRetries: 1 } });
      await env.faults([{ route: routes.list, rate503: 1, limit: 2 }]);
      const error = await failure("read during an outage", () => operations.read(flaky, id));
      expect(error.message).toMatch(/^Listing Scalekit connectors failed: Scalekit answered 503/);
      expect((await operations.read(flaky, id)).id).toBe(id);
    });
  });

  describe("update", () => {
    test(`sends the whole definition: fields left out are ${modes.updateSemantics === "replace" ? "cleared" : "sent empty, and what Scalekit kept is recorded and said"}`, async () => {
      const icon = "https://cdn.example.com/i.png";
      const { id, outputs: outs } = await create(bearerArgs("Whole", { description: "to be removed", iconSrc: icon, metadata: { owner: "team" } }));
      await env.resetCounters();
      warnings = [];
      const declared = await checked(bearerArgs("Whole"));
      const result = await captured.record("update", async () => operations.update(context, id, outs, declared));
      expect((await env.counters()).routes[routes.update]).toBe(1);
      const [stored] = await env.connectors();
      const identity = { identifier: id, scalekitId: outs.scalekitId, isCustomMcp: false };
      if (modes.updateSemantics === "replace") {
        expect(stored).toMatchObject({ description: "", icon_src: "", metadata: {}, proxy_enabled: true });
        expect(result.outputs).toEqual({ ...identity, ...declared });
        expect(warnings).toEqual([]);
      } else {
        // An empty description or icon looks like none given, so Scalekit keeps them; metadata left out still clears.
        expect(stored).toMatchObject({ description: "to be removed", icon_src: icon, metadata: {}, proxy_enabled: true });
        const { keptByScalekit, ...outputs } = result.outputs as ConnectorOutputs;
        expect(outputs).toEqual({ ...identity, ...declared, description: "to be removed", iconSrc: icon });
        expect([...(keptByScalekit ?? [])].sort()).toEqual(["description", "iconSrc"]);
        expect(warnings).toEqual([
          expect.stringMatching(new RegExp(`^Connector "Whole" \\(${id.replace(/[^\w]/g, "\\$&")}\\): Scalekit kept the description it had although this update asked to clear it\\.`)),
          expect.stringContaining("Scalekit kept the iconSrc it had although this update asked to clear it."),
        ]);
      }
      // The next diff of the same declaration sends nothing in either reading (under partial, it says why).
      warnings = [];
      expect(await operations.diff(context, result.outputs!, declared)).toEqual({ changes: false, replaces: [], stables: [] });
      expect(warnings.map((warning) => /^Connector .*?: (\w+) is declared empty, but Scalekit kept/.exec(warning)?.[1])).toEqual(modes.updateSemantics === "partial" ? ["description", "iconSrc"] : []);
    });

    test("a new display name is applied and the identifier stays", async () => {
      const { id, outputs: outs } = await create(bearerArgs("First Name"));
      const result = await operations.update(context, id, outs, await checked(bearerArgs("Second Name")));
      expect(result.outputs).toMatchObject({ identifier: id, displayName: "Second Name" });
      expect(await held()).toEqual([[id, "Second Name"]]);
    });

    test("a connector deleted outside Pulumi: the error suggests pulumi refresh", async () => {
      const { id, outputs: outs } = await create(bearerArgs("Vanished"));
      await client.delete(id);
      const error = await failure("update of a deleted connector", async () => operations.update(context, id, outs, await checked(bearerArgs("Vanished", { description: "x" }))));
      expect(error.message).toBe(
        `Connector "Vanished" (${id}) no longer exists in ${new URL(env.url).origin} (deleted outside Pulumi?), so it cannot be updated. ` +
          "Run `pulumi refresh` to drop it from the stack, then `pulumi up` to create it again.",
      );
    });
  });

  describe("delete", () => {
    test("deletes the connector", async () => {
      const { id, outputs: outs } = await create(bearerArgs("To Delete"));
      await operations.remove(context, id, outs);
      expect(await env.connectors()).toEqual([]);
    });

    test("a connector already gone counts as deleted", async () => {
      const { id, outputs: outs } = await create(bearerArgs("Already Gone"));
      await client.delete(id);
      await env.resetCounters();
      await expect(operations.remove(context, id, outs)).resolves.toBeUndefined();
      expect((await env.counters()).routes[routes.remove]).toBe(1);
    });

    test("a connector still in use is refused with Scalekit's words and both causes, and stays", async () => {
      const { id, outputs: outs } = await create(bearerArgs("In Use"));
      await env.setUsage(id, 2, 1);
      const error = await failure("delete of a connector in use", () => operations.remove(context, id, outs));
      const status = modes.deleteInUse === "permission-denied" ? "403 PermissionDenied" : "400 FailedPrecondition";
      expect(error.message).toContain(`Scalekit refused to delete connector "In Use" (identifier ${id}) (${status}: "`);
      expect(error.message).toContain("connections or connected accounts are still attached to it; remove them in the Scalekit dashboard first");
      expect(error.message).toContain("not allowed to delete connectors; check its permissions");
      expect(error.message).toContain("The connector stays in the Pulumi stack until it is deleted.");
      expect(await held()).toEqual([[id, "In Use"]]);
    });
  });
});

describe("state written by version 0.1.0", () => {
  const legacy = JSON.parse(fs.readFileSync(path.join(testFixturesDir, "state-0.1.0", "state-export.json"), "utf8"));
  const connectors: Record<string, any>[] = legacy.deployment.resources.filter((resource: any) => resource.type.endsWith("CustomConnector"));
  const offline: OperationContext = {
    environment: () => {
      throw new Error("diff must not reach Scalekit");
    },
    // Offline: no credentials and no token here, so nothing to scan for.
    warn: () => undefined,
  };

  test.each(connectors.map((resource) => [resource.urn.split("::").pop(), resource]))("%s: the same declaration in this version's shape shows no change", async (_name, resource) => {
    const { desired, adopt, declaredAs } = resource.inputs;
    const declaration = declaredAs === "payload" ? { scalekitPayload: toSnakeCase(desired), adopt } : { ...desired, adopt };
    const checkedNow = await operations.check(offline, declaration);
    expect(checkedNow.failures).toBeUndefined();
    expect(await operations.diff(offline, resource.outputs, checkedNow.inputs as CheckedInputs)).toEqual({ changes: false, replaces: [], stables: [] });
  });
});
