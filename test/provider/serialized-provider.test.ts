/**
 * The serialized provider is stored twice in every connector's state and rewritten with every
 * checkpoint, so its size is part of the state footprint the benchmark measures. Here: its size
 * as dynamic.Resource stores it, and that it still works as Pulumi's host uses it (deserialized,
 * configured first, then every operation), both for this version's text and for the text of
 * version 0.1.0 that existing stacks hold.
 */
import { customConnectorProvider } from "pulumi-scalekit-connectors/internal";
import { loadSerializedProvider } from "../../scripts/lib/provider-host";
import { currentShimText as serialized, legacyShimText as legacyText } from "../support/stored-shims";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const runtime = require("pulumi-scalekit-connectors/runtime") as Record<string, unknown>;

const operations = ["check", "diff", "create", "read", "update"];

test("the text is about 600 bytes, where 0.1.0 stored 2026, and requires the runtime by package name", async () => {
  const text = await serialized();
  expect(Buffer.byteLength(text)).toBeLessThanOrEqual(640);
  expect(Buffer.byteLength(legacyText())).toBe(2026);
  expect(text).toContain('require("pulumi-scalekit-connectors/runtime")');
  expect(text.match(/function __f\d+\(/g)).toHaveLength(2);
});

test("deserialized, it has only configure; configured as the host does first, it hands every operation to the runtime", async () => {
  const provider = loadSerializedProvider(await serialized());
  expect(Object.keys(provider)).toEqual(["configure"]);
  expect(operations.map((name) => typeof provider[name])).toEqual(operations.map(() => "undefined"));
  await (provider.configure as (request: unknown) => Promise<void>)({ config: { get: () => undefined } });
  // The runtime's own functions (Jest keeps its own copy of the module, so compared by name and text).
  const same = (value: unknown, name: string): boolean => typeof value === "function" && value.name === name && String(value) === String(runtime[name]);
  expect(Object.fromEntries(operations.map((name) => [name, same(provider[name], name)]))).toEqual(Object.fromEntries(operations.map((name) => [name, true])));
  expect(same(provider.delete, "remove")).toBe(true);
  // Serializing again (as the next resource does) gives the same text: the program's own object is untouched.
  expect(Object.keys(customConnectorProvider)).toEqual(["configure"]);
});

test("the text of version 0.1.0 still reaches the same runtime functions", async () => {
  const legacy = loadSerializedProvider(legacyText());
  expect(Object.keys(legacy).sort()).toEqual(["check", "configure", "create", "delete", "diff", "read", "update"]);
  // Each 0.1.0 method calls the runtime function of its name (delete calls remove); a read of an
  // unknown id through it reaches the runtime and asks for credentials.
  await (legacy.configure as (request: unknown) => Promise<void>)({ config: { get: () => undefined } });
  const saved = { ...process.env };
  try {
    delete process.env.SCALEKIT_ENVIRONMENT_URL;
    delete process.env.SCALEKIT_CLIENT_ID;
    delete process.env.SCALEKIT_CLIENT_SECRET;
    await expect((legacy.read as (id: string, props: unknown) => Promise<unknown>)("x", {})).rejects.toThrow(/environmentUrl|SCALEKIT_ENVIRONMENT_URL/);
  } finally {
    process.env = saved;
  }
});
