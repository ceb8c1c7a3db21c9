/**
 * The floor answers like the connector provider: the same program (generated definitions of
 * every auth shape) driven through the same lifecycle (up creating them, a preview with no
 * change, the update of one, a refresh, a destroy) by a stand-in for the engine that, like the
 * engine, decides its next calls from the provider's answers (a create for a new resource, an
 * update only where diff found a change). The connector provider runs against the emulator; both
 * doors are compared with their floor: the dynamic runtime with the floor's dynamic provider, the
 * resource plugin's gRPC server with the floor's, through the same gRPC client.
 *
 * Same calls: the same kinds, the same number, for the same resources. Same sizes: each
 * resource's checked inputs, created outputs and read outputs, as compact JSON, within
 * `sizeTolerance` of the connector's (the floor's identifiers are made up, the connector's come
 * from the emulator).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { EngineLog, startProviderServer, type RunningServer } from "pulumi-scalekit-connectors/internal";
import { credentialsEnv } from "../../../scripts/lib/credentials";
import { startWatchedEmulator, type WatchedEmulator } from "../../../scripts/lib/emulators";
import { definition, definitionName } from "../../../scripts/lib/generated-definitions";
import { connectorUrn, PluginDriver } from "../../../test/support/plugin-driver";
import { floorDynamicProvider } from "../lib/floor/dynamic-runtime";
import { floorCallLogVariable } from "../lib/floor/noop-provider";
import { startFloorServer } from "../lib/floor/plugin-server";

type Properties = Record<string, unknown>;

/** Each resource's sizes may differ from the connector's by this share at most. */
const sizeTolerance = 0.02;
/** Six definitions: one of each auth shape the generator cycles through. */
const resourceCount = 6;

/** A provider as the lifecycle calls it, whichever door it is behind. */
interface LifecycleProvider {
  check(name: string, news: Properties): Promise<Properties>;
  diff(name: string, id: string, olds: Properties, news: Properties): Promise<boolean>;
  create(name: string, inputs: Properties): Promise<{ id: string; outs: Properties }>;
  read(name: string, id: string, outs: Properties, inputs: Properties): Promise<{ id: string; outs: Properties }>;
  update(name: string, id: string, olds: Properties, news: Properties): Promise<Properties>;
  delete(name: string, id: string, outs: Properties): Promise<void>;
}

interface Lifecycle {
  /** Every call, `kind name` in the order made (commands in order, resources in order within each). */
  calls: string[];
  /** Per resource: bytes of the checked inputs, of the created outputs, of the read outputs. */
  sizes: Record<string, { inputs: number; created: number; read: number }>;
}

const bytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value));

/** The program's arguments for each definition, as the root program gives them (no undefined: the engine drops those). */
function declarations(edited = false): { name: string; news: Properties }[] {
  return Array.from({ length: resourceCount }, (_, index) => {
    const payload = definition(index, "Floor Likeness");
    if (edited && index === 0) payload.description = `${String(payload.description)} (updated)`;
    return { name: definitionName(index, "likeness"), news: { scalekitPayload: payload, adopt: false } };
  });
}

/** Up, no-change preview, update of the first, refresh, destroy; the next call always from the last answer. */
async function runLifecycle(provider: LifecycleProvider): Promise<Lifecycle> {
  const calls: string[] = [];
  const sizes: Lifecycle["sizes"] = {};
  const state = new Map<string, { id: string; outs: Properties; inputs: Properties }>();
  const call = <T>(kind: string, name: string, run: () => Promise<T>): Promise<T> => {
    calls.push(`${kind} ${name}`);
    return run();
  };
  // up, and the update of one: check each; create what has no state, diff the rest and update where changed.
  const up = async (edited: boolean): Promise<void> => {
    for (const { name, news } of declarations(edited)) {
      const inputs = await call("check", name, () => provider.check(name, news));
      const old = state.get(name);
      if (!old) {
        const created = await call("create", name, () => provider.create(name, inputs));
        state.set(name, { ...created, inputs });
        sizes[name] = { inputs: bytes(inputs), created: bytes(created.outs), read: 0 };
        continue;
      }
      if (await call("diff", name, () => provider.diff(name, old.id, old.outs, inputs))) {
        const outs = await call("update", name, () => provider.update(name, old.id, old.outs, inputs));
        state.set(name, { id: old.id, outs, inputs });
      }
    }
  };
  await up(false);
  // The preview with no change: check and diff each; a change found would be a planned update.
  for (const { name, news } of declarations()) {
    const inputs = await call("check", name, () => provider.check(name, news));
    const old = state.get(name)!;
    if (await call("diff", name, () => provider.diff(name, old.id, old.outs, inputs))) calls.push(`planned-update ${name}`);
  }
  await up(true);
  for (const [name, old] of state) {
    const read = await call("read", name, () => provider.read(name, old.id, old.outs, old.inputs));
    sizes[name]!.read = bytes(read.outs);
    state.set(name, { ...old, ...read });
  }
  for (const [name, old] of state) await call("delete", name, () => provider.delete(name, old.id, old.outs));
  return { calls, sizes };
}

/** A dynamic provider (pulumi.dynamic.ResourceProvider's methods) as the lifecycle calls it. */
function dynamicDoor(provider: typeof floorDynamicProvider): LifecycleProvider {
  return {
    check: async (_name, news) => (await provider.check({}, news)).inputs,
    diff: async (_name, id, olds, news) => (await provider.diff(id, olds, news)).changes !== false,
    create: (_name, inputs) => provider.create(inputs),
    read: async (_name, id, outs) => {
      const read = await provider.read(id, outs);
      return { id: read.id, outs: read.props };
    },
    update: async (_name, id, olds, news) => (await provider.update(id, olds, news)).outs,
    delete: (_name, id, outs) => (provider.delete as (id: string, props: Properties) => Promise<void>)(id, outs),
  };
}

/** A resource plugin behind its gRPC address, driven by the tests' engine stand-in client. */
function pluginDoor(driver: PluginDriver): LifecycleProvider {
  return {
    check: async (name, news) => {
      const { inputs, failures } = await driver.check(connectorUrn(name), news);
      expect(failures).toEqual([]);
      return inputs;
    },
    diff: async (name, id, olds, news) => (await driver.diff(connectorUrn(name), id, olds, news)).changes !== "none",
    create: async (name, inputs) => {
      const created = await driver.create(connectorUrn(name), inputs);
      return { id: created.id, outs: created.properties };
    },
    read: async (name, id, outs, inputs) => {
      const read = await driver.read(connectorUrn(name), id, outs, inputs);
      return { id: read.id, outs: read.properties };
    },
    update: (name, id, olds, news) => driver.update(connectorUrn(name), id, olds, news),
    delete: (name, id, outs) => driver.delete(connectorUrn(name), id, outs),
  };
}

function expectAlike(floor: Lifecycle, real: Lifecycle): void {
  expect(floor.calls).toEqual(real.calls);
  expect(Object.keys(floor.sizes)).toEqual(Object.keys(real.sizes));
  for (const [name, sizes] of Object.entries(real.sizes)) {
    for (const part of ["inputs", "created", "read"] as const) {
      const share = Math.abs(floor.sizes[name]![part] - sizes[part]) / sizes[part];
      if (share > sizeTolerance) throw new Error(`${name}: the floor's ${part} take ${floor.sizes[name]![part]} B, the connector's ${sizes[part]} B (${(share * 100).toFixed(1)} % apart, ${sizeTolerance * 100} % allowed)`);
    }
  }
}

let emulator: WatchedEmulator;
const servers: RunningServer[] = [];
const drivers: PluginDriver[] = [];
const savedEnv = { ...process.env };

beforeAll(async () => {
  emulator = await startWatchedEmulator();
  Object.assign(process.env, credentialsEnv(emulator.credentials));
});

afterAll(async () => {
  for (const driver of drivers) driver.close();
  await Promise.all(servers.map((server) => server.stop()));
  await emulator?.close();
  process.env = savedEnv;
});

test("the floor's dynamic provider makes the engine call what the connector's dynamic runtime does, with the same sizes", async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const runtime = require("pulumi-scalekit-connectors/runtime") as Record<string, (...args: unknown[]) => Promise<unknown>>;
  await runtime.configure!({ config: { get: () => undefined } });
  const real = await runLifecycle(dynamicDoor({ ...runtime, delete: runtime.remove } as unknown as typeof floorDynamicProvider));
  const floor = await runLifecycle(dynamicDoor(floorDynamicProvider));
  expect(real.calls.filter((entry) => entry.startsWith("update"))).toEqual([`update ${definitionName(0, "likeness")}`]);
  expectAlike(floor, real);
});

test("the floor's plugin makes the engine call what the connector's plugin does, with the same sizes", async () => {
  const server = await startProviderServer({ engineLog: new EngineLog() });
  servers.push(server);
  const realDriver = new PluginDriver(`127.0.0.1:${server.port}`);
  drivers.push(realDriver);
  await realDriver.configure({}, {});
  const floorServer = await startFloorServer();
  servers.push({ port: floorServer.port, stop: floorServer.stop } as RunningServer);
  const floorDriver = new PluginDriver(`127.0.0.1:${floorServer.port}`);
  drivers.push(floorDriver);
  await floorDriver.configure({}, {});
  const real = await runLifecycle(pluginDoor(realDriver));
  const floor = await runLifecycle(pluginDoor(floorDriver));
  expect(real.calls.filter((entry) => entry.startsWith("update"))).toEqual([`update ${definitionName(0, "likeness")}`]);
  expectAlike(floor, real);
});

test("the floor's calls are counted in the file the bench names, one kind a line", async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "floor-calls-")), "calls.log");
  process.env[floorCallLogVariable] = file;
  try {
    await runLifecycle(dynamicDoor(floorDynamicProvider));
  } finally {
    delete process.env[floorCallLogVariable];
  }
  const counted = fs.readFileSync(file, "utf8").trim().split("\n");
  const kinds = (kind: string) => counted.filter((line) => line === kind).length;
  // up: 6 checks and creates; preview: 6 checks and diffs; update: 6 checks and diffs, 1 update; refresh: 6 reads; destroy: 6 deletes.
  expect({ check: kinds("check"), create: kinds("create"), diff: kinds("diff"), update: kinds("update"), read: kinds("read"), delete: kinds("delete") }).toEqual({
    check: 18,
    create: 6,
    diff: 12,
    update: 1,
    read: 6,
    delete: 6,
  });
});
