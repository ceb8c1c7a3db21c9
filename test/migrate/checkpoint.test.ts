import { changesBeyond, sameCheckpoint } from "../../scripts/migrate/checkpoint";
import type { ExportedStack, StateResource } from "../../scripts/migrate/plan";

const stackUrn = "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev";
const stack: StateResource = { urn: stackUrn, type: "pulumi:pulumi:Stack", outputs: { connectors: { a: "prov_1" } } };
const nodejsProvider: StateResource = { urn: "urn:pulumi:dev::p::pulumi:providers:pulumi-nodejs::default", id: "p-1", type: "pulumi:providers:pulumi-nodejs" };
const pluginProvider: StateResource = { urn: "urn:pulumi:dev::p::pulumi:providers:scalekit::default_0_1_0", id: "p-2", type: "pulumi:providers:scalekit" };
const dynamicA: StateResource = { urn: "urn:pulumi:dev::p::pulumi-nodejs:dynamic/scalekit:CustomConnector::a", type: "pulumi-nodejs:dynamic/scalekit:CustomConnector", id: "prov_1", provider: `${nodejsProvider.urn}::p-1`, outputs: { description: "one" } };
const pluginA: StateResource = { urn: "urn:pulumi:dev::p::scalekit:index:CustomConnector::a", type: "scalekit:index:CustomConnector", id: "prov_1", provider: `${pluginProvider.urn}::p-2` };

function exported(resources: StateResource[], extra: Record<string, unknown> = {}): ExportedStack {
  return { version: 3, deployment: { manifest: { time: "t1" }, resources, ...extra } };
}

describe("sameCheckpoint", () => {
  test("two exports of one checkpoint are the same; a rewritten manifest or a changed output is not", () => {
    const before = exported([stack, nodejsProvider, dynamicA]);
    expect(sameCheckpoint(before, JSON.parse(JSON.stringify(before)))).toBe(true);
    expect(sameCheckpoint(before, { ...before, deployment: { ...before.deployment, manifest: { time: "t2" } } })).toBe(false);
    expect(sameCheckpoint(before, exported([stack, nodejsProvider, { ...dynamicA, outputs: { description: "two" } }]))).toBe(false);
  });
});

describe("changesBeyond", () => {
  const before = exported([stack, nodejsProvider, dynamicA]);

  test("the migration's own records, and the provider only they use, are not a change by another run", () => {
    expect(changesBeyond(before, exported([stack, nodejsProvider, dynamicA, pluginProvider, pluginA], { manifest: { time: "t2" } }), new Set([pluginA.urn]))).toEqual([]);
  });

  test("a record another run changed, added or removed is named", () => {
    const edited = { ...dynamicA, outputs: { description: "edited elsewhere" } };
    expect(changesBeyond(before, exported([stack, nodejsProvider, edited, pluginProvider, pluginA]), new Set([pluginA.urn]))).toEqual([dynamicA.urn]);
    expect(changesBeyond(before, exported([stack, nodejsProvider]), new Set())).toEqual([dynamicA.urn]);
    const other: StateResource = { ...dynamicA, urn: dynamicA.urn.replace("::a", "::b"), id: "prov_2" };
    expect(changesBeyond(before, exported([stack, nodejsProvider, dynamicA, other]), new Set())).toEqual([other.urn]);
  });

  test("a pending operation of another run is a change; one on the migration's own record is not", () => {
    expect(changesBeyond(before, exported([stack, nodejsProvider, dynamicA], { pending_operations: [{ resource: { urn: pluginA.urn }, type: "importing" }] }), new Set([pluginA.urn]))).toEqual([]);
    expect(changesBeyond(before, exported([stack, nodejsProvider, dynamicA], { pending_operations: [{ resource: { urn: dynamicA.urn }, type: "updating" }] }), new Set([pluginA.urn]))).toEqual([dynamicA.urn]);
  });
});
