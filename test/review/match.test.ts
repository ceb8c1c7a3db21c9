/**
 * How the review pairs definitions with live connectors, on its own: the stack's state first
 * (resource name → identifier, whatever the identifier looks like), then the display name
 * ignoring case and spaces, and several connectors of one name reported instead of guessed.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { NormalizedDefinition } from "pulumi-scalekit-connectors";
import { normalizeDefinition } from "pulumi-scalekit-connectors/internal";
import type { LiveConnector } from "../../scripts/review/live";
import { matchEnvironment, type DefinitionKey } from "../../scripts/review/match";
import { connectorsInState, resourceNameOf, type StackState } from "../../scripts/review/state";
import { runReview } from "../../scripts/review/review";
import type { ScalekitCredentials } from "../../scripts/lib/credentials";
import { testFixturesDir } from "../../scripts/lib/paths";
import { connectorsByName } from "../support/review-output";

function definition(displayName: string, description = `About ${displayName}`): NormalizedDefinition {
  return normalizeDefinition({
    displayName,
    description,
    authPatterns: [{ type: "BEARER", displayName: "Token", fields: [{ fieldName: "token", label: "Token", inputType: "password", required: true }] }],
    proxyUrl: `https://api.${displayName.toLowerCase().replace(/\s+/g, "")}.example`,
    proxyEnabled: true,
  } as Parameters<typeof normalizeDefinition>[0]);
}

function live(identifier: string, displayName: string): LiveConnector {
  return { identifier, definition: definition(displayName) };
}

function state(entries: Record<string, string>): StackState {
  return { status: "read", connectors: new Map(Object.entries(entries)) };
}

const off: StackState = { status: "off" };

describe("matchEnvironment", () => {
  const acme: DefinitionKey = { name: "acme-crm", displayName: "Acme Sales" };

  test("the state's identifier wins over the name: a renamed connector is found under its old name", () => {
    const connectors = [live("prov_9f2c", "Acme CRM"), live("prov_0001", "Acme Sales")];
    const { matches, unmatched } = matchEnvironment([acme], state({ "acme-crm": "prov_9f2c" }), connectors);
    expect(matches.get("acme-crm")).toMatchObject({ kind: "state", identifier: "prov_9f2c" });
    // The connector that merely carries the new name is not taken; it stays unmatched.
    expect(unmatched.map((entry) => entry.live.identifier)).toEqual(["prov_0001"]);
  });

  test("without a state entry, the one live connector of that name matches, ignoring case and spaces", () => {
    const connectors = [live("ACMESALES:48213", "ACME sales"), live("OTHER:1", "Other")];
    const { matches, unmatched } = matchEnvironment([acme], state({}), connectors);
    expect(matches.get("acme-crm")).toMatchObject({ kind: "name", identifier: "ACMESALES:48213" });
    expect(unmatched).toEqual([{ live: connectors[1], sharesNameWith: [] }]);
  });

  test("with the state not read, every definition is matched by name", () => {
    const { matches } = matchEnvironment([acme, { name: "b", displayName: "B" }], off, [live("x", "Acme Sales"), live("y", "b")]);
    expect(matches.get("acme-crm")).toMatchObject({ kind: "name", identifier: "x" });
    expect(matches.get("b")).toMatchObject({ kind: "name", identifier: "y" });
  });

  test("a live connector another state resource records is never taken by name; it is reported with that resource", () => {
    const connectors = [live("prov_old", "Acme Sales")];
    const { matches, unmatched } = matchEnvironment([acme], state({ "legacy-acme": "prov_old" }), connectors);
    expect(matches.get("acme-crm")).toEqual({ kind: "none" });
    expect(unmatched).toEqual([{ live: connectors[0], stateResource: "legacy-acme", sharesNameWith: [] }]);
  });

  test("several live connectors of the name and no state entry: ambiguous, nothing guessed, each one reported", () => {
    const connectors = [live("ACMESALES:1", "Acme Sales"), live("ACMESALES:2", "acme  sales"), live("z", "Zed")];
    const { matches, unmatched } = matchEnvironment([acme], state({}), connectors);
    expect(matches.get("acme-crm")).toEqual({ kind: "ambiguous", identifiers: ["ACMESALES:1", "ACMESALES:2"] });
    expect(unmatched).toEqual([
      { live: connectors[0], sharesNameWith: ["ACMESALES:2"], ambiguousFor: "acme-crm" },
      { live: connectors[1], sharesNameWith: ["ACMESALES:1"], ambiguousFor: "acme-crm" },
      { live: connectors[2], sharesNameWith: [] },
    ]);
  });

  test("two connectors of one name are not ambiguous when the state says which one is the definition's", () => {
    const connectors = [live("ACMESALES:1", "Acme Sales"), live("ACMESALES:2", "Acme Sales")];
    const { matches, unmatched } = matchEnvironment([acme], state({ "acme-crm": "ACMESALES:2" }), connectors);
    expect(matches.get("acme-crm")).toMatchObject({ kind: "state", identifier: "ACMESALES:2" });
    expect(unmatched).toEqual([{ live: connectors[0], sharesNameWith: ["ACMESALES:2"] }]);
  });

  test("a state entry whose connector is gone is stale, and a same-named connector is not silently taken instead", () => {
    const connectors = [live("prov_new", "Acme Sales")];
    const { matches, unmatched } = matchEnvironment([acme], state({ "acme-crm": "prov_gone" }), connectors);
    expect(matches.get("acme-crm")).toEqual({ kind: "stale", identifier: "prov_gone" });
    expect(unmatched.map((entry) => entry.live.identifier)).toEqual(["prov_new"]);
  });
});

describe("connectorsInState", () => {
  test("reads resource name → id from a real export, whatever the ids look like", () => {
    const exported = JSON.parse(fs.readFileSync(path.join(testFixturesDir, "state-0.1.0", "state-export.json"), "utf8"));
    expect([...connectorsInState(exported)]).toEqual([
      ["plain", "legacyplain"],
      ["payload-built", "legacypayloaddesk"],
      ["helpdesk", "legacyhelpdesk"],
    ]);
  });

  test("keeps only connector resources that are not pending deletion; an empty stack has none", () => {
    const urn = (type: string, name: string) => `urn:pulumi:production::scalekit-connectors::${type}::${name}`;
    const type = "pulumi-nodejs:dynamic/scalekit:CustomConnector";
    const exported = {
      deployment: {
        resources: [
          { urn: urn("pulumi:pulumi:Stack", "scalekit-connectors-production"), type: "pulumi:pulumi:Stack" },
          { urn: urn("pulumi:providers:pulumi-nodejs", "default"), type: "pulumi:providers:pulumi-nodejs", id: "abc" },
          { urn: urn(type, "acme-crm"), type, id: "GOOGLEWORKSPACE:12345" },
          { urn: urn(type, "ledgerly"), type, id: "prov_old", delete: true },
          { urn: urn(type, "ledgerly"), type, id: "prov_new" },
          { urn: urn("scalekit:index:CustomConnector", "packaged"), type: "scalekit:index:CustomConnector", id: "", outputs: { identifier: "from-outputs" } },
        ],
      },
    };
    expect([...connectorsInState(exported)]).toEqual([
      ["acme-crm", "GOOGLEWORKSPACE:12345"],
      ["ledgerly", "prov_new"],
      ["packaged", "from-outputs"],
    ]);
    expect(connectorsInState({ version: 3, deployment: { manifest: {} } }).size).toBe(0);
    expect(() => connectorsInState({ deployment: { resources: {} } })).toThrow("not a list");
    expect(resourceNameOf("urn:pulumi:dev::p::pulumi-nodejs:dynamic/scalekit:CustomConnector::a-b")).toBe("a-b");
  });
});

describe("runReview with states and odd identifiers", () => {
  const credentials = (url: string) => ({ environmentUrl: url, clientId: "id", clientSecret: "secret-never-shown" });
  const env = {
    SCALEKIT_DEV_ENVIRONMENT_URL: "https://dev.example",
    SCALEKIT_DEV_CLIENT_ID: "id",
    SCALEKIT_DEV_CLIENT_SECRET: "secret-never-shown",
    SCALEKIT_PRODUCTION_ENVIRONMENT_URL: "https://production.example",
    SCALEKIT_PRODUCTION_CLIENT_ID: "id",
    SCALEKIT_PRODUCTION_CLIENT_SECRET: "secret-never-shown",
  };
  let dir: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "review-match-"));
    const write = (file: string, displayName: string) =>
      fs.writeFileSync(
        path.join(dir, file),
        JSON.stringify({
          display_name: displayName,
          description: `About ${displayName}`,
          auth_patterns: [{ type: "BEARER", display_name: "Token", fields: [{ field_name: "token", label: "Token", input_type: "password", required: true }] }],
          proxy_url: `https://api.${displayName.toLowerCase().replace(/\s+/g, "")}.example`,
          proxy_enabled: true,
        }),
      );
    write("acme-crm.json", "Acme Sales"); // renamed from "Acme CRM", applied to Dev only
    write("ledgerly.json", "Ledgerly");
    write("twin.json", "Twin");
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function reviewOf(states: Record<string, StackState>, lives: Record<string, LiveConnector[]>) {
    return runReview(
      { from: "dev", to: "production", connectorsDir: dir, projectDir: dir, format: "json", usePulumiConfig: false, useState: true },
      {
        env,
        readState: async (stack) => states[stack],
        listConnectors: async (given: ScalekitCredentials) => lives[given.environmentUrl === credentials("https://dev.example").environmentUrl ? "dev" : "production"],
      },
    );
  }

  test("a rename is an update of the connector each state points to; twins are ambiguous; a leftover in state is to be deleted", async () => {
    const result = await reviewOf(
      {
        dev: state({ "acme-crm": "prov_a1", ledgerly: "prov_l1", twin: "prov_t1" }),
        production: state({ "acme-crm": "ACMECRM:48213", ledgerly: "LEDGERLY:11111", "old-fax": "LEGACYFAX:22222" }),
      },
      {
        dev: [live("prov_a1", "Acme Sales"), live("prov_l1", "Ledgerly"), live("prov_t1", "Twin")],
        production: [
          live("ACMECRM:48213", "Acme CRM"),
          live("LEDGERLY:11111", "Ledgerly"),
          live("TWIN:1", "Twin"),
          live("TWIN:2", "twin"),
          live("LEGACYFAX:22222", "Legacy Fax"),
        ],
      },
    );
    const doc = JSON.parse(result.output);
    const byName = connectorsByName(doc);
    expect(byName["acme-crm"]).toMatchObject({
      file: "acme-crm.json",
      displayName: "Acme Sales",
      source: { kind: "state", identifier: "prov_a1" },
      target: { kind: "state", identifier: "ACMECRM:48213" },
      action: "update",
      drift: { kind: "none" },
      notes: [expect.stringContaining('Connector "Acme Sales" (ACMECRM:48213) is updated')],
    });
    expect(byName["acme-crm"].rows.find((row: { path: string }) => row.path === "display_name")).toEqual({
      path: "display_name",
      source: "Acme Sales",
      target: "Acme CRM",
      proposed: "Acme Sales",
      targetChanges: true,
      sourceDiffers: false,
    });
    expect(byName.ledgerly).toMatchObject({ action: "unchanged", target: { kind: "state", identifier: "LEDGERLY:11111" } });
    expect(byName.twin).toMatchObject({ action: "ambiguous", target: { kind: "ambiguous", identifiers: ["TWIN:1", "TWIN:2"] }, source: { kind: "state" } });
    expect(doc.summary).toMatchObject({ create: 0, update: 1, unchanged: 1, ambiguous: 1, onlyInTarget: 3, deleteInTarget: 1, onlyInSource: 0 });
    expect(doc.onlyInTarget).toEqual([
      { identifier: "TWIN:1", displayName: "Twin", stateResource: null, sharesNameWith: ["TWIN:2"], ambiguousFor: "twin.json" },
      { identifier: "TWIN:2", displayName: "twin", stateResource: null, sharesNameWith: ["TWIN:1"], ambiguousFor: "twin.json" },
      { identifier: "LEGACYFAX:22222", displayName: "Legacy Fax", stateResource: "old-fax", sharesNameWith: [], ambiguousFor: null },
    ]);
    expect(doc.target.state).toEqual({ status: "read", connectors: 3 });
    expect(result.exitCode).toBe(2);
  });

  test("the table says where each connector was found and spells out ambiguity and leftovers", async () => {
    const result = await runReview(
      { from: "dev", to: "production", connectorsDir: dir, projectDir: dir, format: "table", usePulumiConfig: false, useState: true },
      {
        env,
        readState: async (stack) => (stack === "dev" ? state({ "acme-crm": "prov_a1" }) : { status: "no-stack", reason: "error: no stack named 'production' found" }),
        listConnectors: async (given) =>
          given.environmentUrl === "https://dev.example"
            ? [live("prov_a1", "Acme Sales"), live("prov_l1", "Ledgerly"), live("prov_t1", "Twin")]
            : [live("TWIN:1", "Twin"), live("TWIN:2", "Twin"), live("ACME:1", "acme sales")],
      },
    );
    const table = result.output;
    expect(table).toContain(`Matching: through each stack's state, then by display name (ignoring case and spaces). dev state: 1 connector; production state: no stack "production" (nothing applied there yet).`);
    expect(table).toContain(
      "== acme-crm.json (Acme Sales): UPDATE in production\n   Dev: prov_a1 (from the dev stack's state)\n   Production: ACME:1 (by display name; not in the production stack's state, so pulumi up --stack production adopts it only with adoptExisting set)\n",
    );
    expect(table).toContain("== ledgerly.json (Ledgerly): CREATE in production (it does not exist there yet)\n   Dev: prov_l1 (by display name; not in the dev stack's state, so pulumi up --stack dev adopts it only with adoptExisting set)\n   Production: none (no live connector has this name)\n");
    expect(table).toContain("== twin.json (Twin): AMBIGUOUS in production (several connectors there have this name; not compared)");
    expect(table).toContain('   Production: AMBIGUOUS: 2 live connectors are named "Twin" (TWIN:1, TWIN:2) and the production stack\'s state records none of them');
    expect(table).toContain('  - TWIN:1 (Twin): one of 2 connectors in production named "Twin" (also TWIN:2); so twin.json could not be matched\n');
    expect(table).toMatch(/Summary: 1 to create, 1 to update, 0 unchanged, 1 ambiguous in production; 0 drifted in dev; 2 only in production; 0 only in dev\./);
    expect(table).toContain("Production would change: review the rows marked *, the warnings and the AMBIGUOUS lines above, then run pulumi up --stack production.");
    expect(table).not.toContain("secret-never-shown");
  });

  test("the table names a state entry whose connector is gone, and a leftover that pulumi up would delete", async () => {
    const result = await runReview(
      { from: "dev", to: "production", connectorsDir: dir, projectDir: dir, format: "table", usePulumiConfig: false, useState: true },
      {
        env,
        readState: async (stack) =>
          stack === "dev"
            ? state({ "acme-crm": "prov_gone", ledgerly: "prov_l1", twin: "prov_t1" })
            : state({ "acme-crm": "A:1", ledgerly: "L:1", twin: "T:1", "old-fax": "F:1" }),
        listConnectors: async (given) =>
          given.environmentUrl === "https://dev.example"
            ? [live("prov_l1", "Ledgerly"), live("prov_t1", "Twin"), live("prov_other", "Acme Sales")]
            : [live("A:1", "Acme Sales"), live("L:1", "Ledgerly"), live("T:1", "Twin"), live("F:1", "Legacy Fax")],
      },
    );
    const table = result.output;
    expect(table).toContain(
      "   Dev: none live. The dev stack's state records prov_gone, which dev no longer has (deleted outside Pulumi?); run pulumi refresh --stack dev.\n" +
        "   Production: A:1 (from the production stack's state)\n" +
        "   DRIFT: missing in Dev;",
    );
    expect(table).toContain('  - prov_other (Acme Sales)\n');
    expect(table).toContain('  - F:1 (Legacy Fax): still in the production stack\'s state as "old-fax", so pulumi up --stack production would delete it\n');
    expect(table).toContain("Summary: 0 to create, 0 to update, 3 unchanged in production; 1 drifted in dev; 1 only in production (1 of them to delete: still in its state); 1 only in dev.");
    expect(table).toContain("Production would change: review the rows marked *, the warnings and the connectors to delete above, then run pulumi up --stack production. (exit code 2)");
    expect(result.exitCode).toBe(2);
  });
});
