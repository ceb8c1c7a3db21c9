import { dynamicConnectorUrns, importFile, MigrationPlanError, planMigration, pluginUrnsHolding, withoutResources, withRetainedRecords, type ExportedStack, type StateResource } from "../../scripts/migrate/plan";

const stackUrn = "urn:pulumi:dev::scalekit-connectors::pulumi:pulumi:Stack::scalekit-connectors-dev";
const nodejsProvider: StateResource = { urn: "urn:pulumi:dev::scalekit-connectors::pulumi:providers:pulumi-nodejs::default", id: "p-1", type: "pulumi:providers:pulumi-nodejs" };
const pluginProvider: StateResource = { urn: "urn:pulumi:dev::scalekit-connectors::pulumi:providers:scalekit::default_0_1_0", id: "p-2", type: "pulumi:providers:scalekit" };

function dynamic(name: string, id: string, extra: Partial<StateResource> = {}): StateResource {
  return {
    urn: `urn:pulumi:dev::scalekit-connectors::pulumi-nodejs:dynamic/scalekit:CustomConnector::${name}`,
    type: "pulumi-nodejs:dynamic/scalekit:CustomConnector",
    id,
    parent: stackUrn,
    provider: `${nodejsProvider.urn}::${nodejsProvider.id}`,
    inputs: { __provider: "serialized" },
    ...extra,
  };
}

function plugin(name: string, id: string): StateResource {
  return { urn: `urn:pulumi:dev::scalekit-connectors::scalekit:index:CustomConnector::${name}`, type: "scalekit:index:CustomConnector", id, provider: `${pluginProvider.urn}::${pluginProvider.id}` };
}

function exported(resources: StateResource[], extra: Partial<ExportedStack["deployment"]> = {}): ExportedStack {
  return { version: 3, deployment: { manifest: { time: "t" }, secrets_providers: { type: "passphrase" }, resources, ...extra } };
}

const stack: StateResource = { urn: stackUrn, type: "pulumi:pulumi:Stack" };

describe("planMigration", () => {
  test("every dynamic connector is imported by its name and identifier, with its protect flag", () => {
    const plan = planMigration(exported([stack, nodejsProvider, dynamic("acme-crm", "prov_1"), dynamic("ticket-desk", "prov_2", { protect: true })]));
    expect(plan.toImport).toEqual([
      { name: "acme-crm", urn: dynamic("acme-crm", "x").urn, id: "prov_1", protect: false },
      { name: "ticket-desk", urn: dynamic("ticket-desk", "x").urn, id: "prov_2", protect: true },
    ]);
    expect(plan.alreadyImported).toEqual([]);
  });

  test("a connector the plugin already holds under the same name (a migration stopped half-way) is not imported twice", () => {
    const plan = planMigration(exported([stack, dynamic("a", "prov_1"), dynamic("b", "prov_2"), pluginProvider, plugin("a", "prov_1")]));
    expect(plan.toImport.map((connector) => connector.name)).toEqual(["b"]);
    expect(plan.alreadyImported.map((connector) => connector.name)).toEqual(["a"]);
  });

  test("a resource waiting for deletion is not moved", () => {
    expect(planMigration(exported([dynamic("a", "prov_1", { delete: true })])).toImport).toEqual([]);
  });

  test("a stack with pending operations is refused, saying what to run first", () => {
    expect(() => planMigration(exported([dynamic("a", "prov_1")], { pending_operations: [{ type: "creating" }] }))).toThrow(MigrationPlanError);
    expect(() => planMigration(exported([dynamic("a", "prov_1")], { pending_operations: [{ type: "creating" }] }))).toThrow(/pulumi refresh/);
  });

  test("a connector without an identifier is refused", () => {
    expect(() => planMigration(exported([dynamic("a", "")]))).toThrow(/without a name or an identifier/);
  });
});

describe("importFile", () => {
  test("names the plugin's type, the resource name and Scalekit's identifier", () => {
    expect(importFile([{ name: "a", urn: "u", id: "prov_1", protect: true }])).toEqual({ resources: [{ type: "scalekit:index:CustomConnector", name: "a", id: "prov_1" }] });
  });
});

describe("withoutResources", () => {
  test("drops the given resources and the dynamic provider once nothing refers to it; keeps every other key as exported", () => {
    const a = dynamic("a", "prov_1");
    const b = dynamic("b", "prov_2");
    const before = exported([stack, nodejsProvider, a, b, pluginProvider, plugin("a", "prov_1"), plugin("b", "prov_2")]);
    const after = withoutResources(before, new Set([a.urn, b.urn]));
    expect(after.deployment.resources).toEqual([stack, pluginProvider, plugin("a", "prov_1"), plugin("b", "prov_2")]);
    expect(after.deployment.manifest).toEqual(before.deployment.manifest);
    expect(after.deployment.secrets_providers).toEqual(before.deployment.secrets_providers);
    expect(before.deployment.resources).toHaveLength(7);
  });

  test("keeps a provider that a resource left behind still refers to", () => {
    const a = dynamic("a", "prov_1");
    const b = dynamic("b", "prov_2");
    const after = withoutResources(exported([stack, nodejsProvider, a, b]), new Set([a.urn]));
    expect(after.deployment.resources).toEqual([stack, nodejsProvider, b]);
  });

  test("never drops a provider the removed resources did not use", () => {
    const a = dynamic("a", "prov_1");
    const after = withoutResources(exported([stack, nodejsProvider, pluginProvider, a]), new Set([a.urn]));
    expect(after.deployment.resources).toEqual([stack, pluginProvider]);
  });
});

describe("planMigration matches records by identifier", () => {
  test("a plugin record of the same name but another identifier is a different connector: refused, nothing planned", () => {
    expect(() => planMigration(exported([stack, dynamic("a", "prov_1"), pluginProvider, plugin("a", "prov_9")]))).toThrow(/named "a", but with identifier prov_9.*holds prov_1/);
  });

  test("a plugin record holding the same identifier under another name is refused (the program would delete it with the connector)", () => {
    expect(() => planMigration(exported([stack, dynamic("a", "prov_1"), pluginProvider, plugin("old-a", "prov_1")]))).toThrow(/prov_1 is held by the dynamic provider as "a" and by the plugin as "old-a"/);
  });

  test("two dynamic records holding one identifier are refused", () => {
    expect(() => planMigration(exported([stack, dynamic("a", "prov_1"), dynamic("b", "prov_1")]))).toThrow(/"a" and "b" both hold Scalekit connector prov_1/);
  });

  test("a connector counts as already imported only when the plugin holds it by the same name and identifier", () => {
    const plan = planMigration(exported([stack, dynamic("a", "prov_1"), dynamic("b", "prov_2"), pluginProvider, plugin("a", "prov_1")]));
    expect(plan.alreadyImported.map((connector) => [connector.name, connector.id])).toEqual([["a", "prov_1"]]);
    expect(plan.toImport.map((connector) => [connector.name, connector.id])).toEqual([["b", "prov_2"]]);
  });
});

describe("withRetainedRecords", () => {
  test("sets retainOnDelete on the given records only, keeping every other key", () => {
    const a = dynamic("a", "prov_1");
    const b = dynamic("b", "prov_2");
    const after = withRetainedRecords(exported([stack, nodejsProvider, a, b]), new Set([a.urn]));
    expect(after.deployment.resources).toEqual([stack, nodejsProvider, { ...a, retainOnDelete: true }, b]);
  });
});

describe("dynamicConnectorUrns and pluginUrnsHolding", () => {
  test("name the dynamic records to move and the plugin records holding given identifiers", () => {
    const state = exported([stack, nodejsProvider, dynamic("a", "prov_1"), dynamic("gone", "prov_3", { delete: true }), pluginProvider, plugin("a", "prov_1"), plugin("c", "prov_5")]);
    expect(dynamicConnectorUrns(state)).toEqual(new Set([dynamic("a", "x").urn]));
    expect(pluginUrnsHolding(state, new Set(["prov_1"]))).toEqual(new Set([plugin("a", "prov_1").urn]));
  });
});
