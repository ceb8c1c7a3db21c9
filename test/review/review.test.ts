/**
 * The promotion review against two in-process emulators (Dev and Production) whose connectors
 * differ from the definitions: one to create, one to update (scope added, scope removed,
 * description changed), one unchanged, one drifted in Dev, one only in Production.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runReview, ReviewResult } from "../../scripts/review/review";
import { listLiveConnectors } from "../../scripts/review/live";
import type { ReviewOptions } from "../../scripts/review/args";
import { runTool } from "../support/run-tool";
import { created, startScenario, updated, updatedInProduction, Scenario } from "../support/review-scenario";
import { connectorsByName, section } from "../support/review-output";

let scenario: Scenario;

beforeAll(async () => {
  scenario = await startScenario();
});

afterAll(async () => {
  await scenario?.close();
});

function options(overrides: Partial<ReviewOptions> = {}): ReviewOptions {
  return {
    from: "dev",
    to: "production",
    connectorsDir: scenario.definitionsDir,
    projectDir: process.cwd(),
    format: "table",
    usePulumiConfig: false,
    useState: false,
    ...overrides,
  };
}

function review(overrides: Partial<ReviewOptions> = {}): Promise<ReviewResult> {
  return runReview(options(overrides), { env: scenario.env, listConnectors: listLiveConnectors });
}

/** The first line of a table row: marks column, path, then the three value columns. */
function rowLine(text: string, path: string): string {
  const line = text.split("\n").find((candidate) => candidate.slice(7).startsWith(`${path} `) || candidate.slice(7) === path);
  expect({ path, found: line !== undefined }).toEqual({ path, found: true });
  return line!;
}

/** The two mark characters of a row (`*` Production changes, `!` Dev drift), spaces kept. */
function marks(line: string): string {
  return line.slice(3, 5);
}

describe("review table", () => {
  let table: string;

  beforeAll(async () => {
    table = (await review()).output;
  });

  test("says per connector whether Production gets a create, an update or nothing", () => {
    expect(table).toContain("== scoped-crm.json (Scoped CRM): UPDATE in production");
    expect(table).toContain("== fresh-tickets.json (Fresh Tickets): CREATE in production");
    expect(table).toContain("== steady-docs-mcp.json (Steady Docs MCP): unchanged in production");
    expect(table).toContain("== drifty-billing.json (Drifty Billing): unchanged in production");
    expect(table).toMatch(/Summary: 1 to create, 1 to update, 2 unchanged in production; 1 drifted in dev; 1 only in production; 0 only in dev\./);
  });

  test("says where each environment's connector was found: by display name, the state not being read", () => {
    expect(table).toContain("Matching: by display name only (ignoring case and spaces); the stacks' state was not read (--no-state).");
    const lines = section(table, "scoped-crm.json").split("\n");
    expect(lines.slice(1, 3)).toEqual(["   Dev: scopedcrm (by display name)", "   Production: scopedcrm (by display name)"]);
    expect(section(table, "fresh-tickets.json").split("\n")[2]).toBe("   Production: none (no live connector has this name)");
  });

  test("has the columns Dev, Current Production and Proposed", () => {
    const header = section(table, "scoped-crm.json").split("\n")[4];
    expect(header).toMatch(/^ {7}field +Dev +Current Production +Proposed$/);
  });

  test("marks the changed rows of the update and leaves the others unmarked", () => {
    const text = section(table, "scoped-crm.json");
    const description = rowLine(text, "description");
    expect(marks(description)).toBe("* ");
    expect(description).toMatch(/ "Contacts and deals, now with invoices" +"Contacts and deals" +"Contacts and deals, now with invoices"$/);

    const secondScope = rowLine(text, "auth_patterns[0].oauth_config.available_scopes[1].scope");
    expect(marks(secondScope)).toBe("* ");
    expect(secondScope).toMatch(/"invoices.read" +"deals.write" +"invoices.read"$/);

    for (const path of ["display_name", "auth_patterns[0].oauth_config.available_scopes[0].scope", "proxy_url", "proxy_enabled"]) {
      expect({ path, marks: marks(rowLine(text, path)) }).toEqual({ path, marks: "  " });
    }
  });

  test("expands auth_patterns to one row per leaf", () => {
    const text = section(table, "scoped-crm.json");
    for (const path of [
      "auth_patterns[0].type",
      "auth_patterns[0].oauth_config.authorize_uri",
      "auth_patterns[0].oauth_config.available_scopes[0].required",
      "auth_patterns[0].oauth_config.available_scopes[1].display_name",
      "auth_patterns[0].oauth_config.pkce_enabled",
    ]) {
      rowLine(text, path);
    }
    expect(text).not.toContain("auth_patterns[0].oauth_config.available_scopes[2]");
  });

  test("flags the OAuth scopes added and removed, and adds the connections note to the update", () => {
    const text = section(table, "scoped-crm.json");
    expect(text).toContain('WARNING: Connector "Scoped CRM" (scopedcrm): OAuth scopes change in auth pattern 0 (added invoices.read; removed deals.write).');
    expect(text).toMatch(/NOTE: Connector "Scoped CRM" \(scopedcrm\) is updated: existing connections keep their old settings\..*connected accounts to re-authorise/);
    for (const other of ["fresh-tickets.json", "steady-docs-mcp.json", "drifty-billing.json"]) {
      expect({ other, text: section(table, other) }).toEqual({ other, text: expect.not.stringMatching(/NOTE:|WARNING:/) });
    }
  });

  test("marks every row of a create, with Current Production absent", () => {
    const text = section(table, "fresh-tickets.json");
    const rows = text.split("\n").slice(6).filter((line) => /^ {3}[* ][! ] {2}[a-z_]/.test(line));
    expect(rows.length).toBeGreaterThan(5);
    for (const line of rows) expect({ line, marks: marks(line) }).toEqual({ line, marks: "* " });
    expect(rowLine(text, "display_name")).toMatch(/"Fresh Tickets" +\(absent\) +"Fresh Tickets"$/);
  });

  test("flags drift in Dev on the differing row without counting it as a Production change", () => {
    const text = section(table, "drifty-billing.json");
    expect(text).toContain("DRIFT: Dev differs from the definitions in 1 field (marked !)");
    const proxy = rowLine(text, "proxy_url");
    expect(marks(proxy)).toBe(" !");
    expect(proxy).toContain('"https://api.driftybilling.example/v3-beta"');
    expect(section(table, "steady-docs-mcp.json")).toContain("Dev matches the definitions.");
  });

  test("lists the connector that exists only in Production", () => {
    expect(table).toMatch(/Only in production, matched by no definition:\n  - legacyfax \(Legacy Fax\)\n/);
    expect(table).not.toContain("(Legacy Fax): ");
  });

  test("never shows a client secret", () => {
    expect(table).not.toContain(scenario.dev.clientSecret);
    expect(table).not.toContain(scenario.production.clientSecret);
  });
});

describe("review JSON", () => {
  test("holds the same content in the documented shape", async () => {
    const result = await review({ format: "json" });
    expect(result.output).not.toContain(scenario.production.clientSecret);
    expect(result.output).not.toContain(scenario.dev.clientSecret);
    const doc = JSON.parse(result.output);
    expect(doc).toMatchObject({
      version: 3,
      source: { stack: "dev", environmentUrl: scenario.dev.url, state: { status: "off" } },
      target: { stack: "production", environmentUrl: scenario.production.url, state: { status: "off" } },
      definitionsDir: scenario.definitionsDir,
      targetChanges: true,
      exitCode: 2,
      summary: { create: 1, update: 1, unchanged: 2, ambiguous: 0, drifted: 1, onlyInTarget: 1, onlyInSource: 0, deleteInTarget: 0 },
      onlyInTarget: [{ identifier: "legacyfax", displayName: "Legacy Fax", stateResource: null, sharesNameWith: [], ambiguousFor: null }],
      onlyInSource: [],
    });
    const byName = connectorsByName(doc);
    expect(Object.keys(byName).sort()).toEqual(["drifty-billing", "fresh-tickets", "scoped-crm", "steady-docs-mcp"]);
    expect(byName["scoped-crm"]).toMatchObject({
      file: "scoped-crm.json",
      displayName: "Scoped CRM",
      source: { kind: "name", identifier: "scopedcrm" },
      target: { kind: "name", identifier: "scopedcrm" },
      action: "update",
      drift: { kind: "none" },
      scopeChanges: [{ pattern: 0, type: "OAUTH", added: ["invoices.read"], removed: ["deals.write"] }],
      warnings: [expect.stringContaining("OAuth scopes change in auth pattern 0 (added invoices.read; removed deals.write)")],
      notes: [expect.stringContaining("existing connections keep their old settings")],
    });
    expect(byName["scoped-crm"].rows).toContainEqual({
      path: "auth_patterns[0].oauth_config.available_scopes[1].scope",
      source: "invoices.read",
      target: "deals.write",
      proposed: "invoices.read",
      targetChanges: true,
      sourceDiffers: false,
    });
    const changedPaths = byName["scoped-crm"].rows.filter((row: { targetChanges: boolean }) => row.targetChanges).map((row: { path: string }) => row.path);
    expect(changedPaths).toEqual([
      "description",
      "auth_patterns[0].oauth_config.available_scopes[1].scope",
      "auth_patterns[0].oauth_config.available_scopes[1].display_name",
      "auth_patterns[0].oauth_config.available_scopes[1].description",
    ]);
    expect(byName["fresh-tickets"]).toMatchObject({ action: "create", target: { kind: "none" }, source: { kind: "name", identifier: "freshtickets" } });
    expect(byName["fresh-tickets"].rows).toContainEqual({
      path: "display_name",
      source: "Fresh Tickets",
      target: null,
      proposed: "Fresh Tickets",
      targetChanges: true,
      sourceDiffers: false,
    });
    expect(byName["fresh-tickets"]).toMatchObject({ scopeChanges: [], warnings: [], notes: [] });
    expect(byName["drifty-billing"]).toMatchObject({ action: "unchanged", drift: { kind: "differs", paths: ["proxy_url"] }, warnings: [], notes: [] });
    expect(byName["steady-docs-mcp"]).toMatchObject({ action: "unchanged", drift: { kind: "none" }, scopeChanges: [], warnings: [], notes: [] });
  });
});

describe("review warnings", () => {
  test("a definition that turns the proxy off is warned about, as pulumi preview does", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "review-proxy-"));
    try {
      fs.writeFileSync(path.join(dir, "scoped-crm.json"), JSON.stringify({ ...updated, proxy_enabled: false }));
      const result = await review({ connectorsDir: dir });
      const text = section(result.output, "scoped-crm.json");
      expect(marks(rowLine(text, "proxy_enabled"))).toBe("*!");
      expect(text).toContain('WARNING: Connector "Scoped CRM" (scopedcrm): proxyEnabled is false, so tool calling will not work');
      expect(result.output).toMatch(/Only in dev, matched by no definition \(they will not be promoted\):\n(  - \w+ \([^)]*\)\n){3}/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("review command", () => {
  test("exits with 2 when Production would change, 0 once it matches", async () => {
    const args = ["--from", "dev", "--to", "production", "--connectors", scenario.definitionsDir, "--no-pulumi-config", "--no-state"];
    const before = await runTool("review", args, scenario.env);
    expect({ code: before.code, stderr: before.stderr }).toEqual({ code: 2, stderr: "" });
    expect(before.stdout).toContain("Production would change");

    // Apply the definitions to Production the way `pulumi up --stack production` would.
    expect((await scenario.productionClient.update("scopedcrm", updated)).status).toBe(200);
    expect((await scenario.productionClient.create(created)).status).toBe(201);
    try {
      const after = await runTool("review", args, scenario.env);
      expect({ code: after.code, stderr: after.stderr }).toEqual({ code: 0, stderr: "" });
      expect(after.stdout).toContain("Production would not change. (exit code 0)");
      expect(after.stdout).toContain("== scoped-crm.json (Scoped CRM): unchanged in production");
      const json = await runTool("review", [...args, "--json"], scenario.env);
      expect(json.code).toBe(0);
      expect(JSON.parse(json.stdout)).toMatchObject({ targetChanges: false, exitCode: 0, summary: { create: 0, update: 0, unchanged: 4 } });
    } finally {
      expect((await scenario.productionClient.remove("freshtickets")).status).toBe(200);
      expect((await scenario.productionClient.update("scopedcrm", updatedInProduction)).status).toBe(200);
    }
  });

  test("a definition missing in Dev is drift", async () => {
    expect((await scenario.devClient.remove("freshtickets")).status).toBe(200);
    try {
      const result = await review({ format: "json" });
      const fresh = JSON.parse(result.output).connectors.find((connector: { name: string }) => connector.name === "fresh-tickets");
      expect(fresh.drift).toEqual({ kind: "missing" });
      expect(fresh.rows.every((row: { source: unknown; sourceDiffers: boolean }) => row.source === null && row.sourceDiffers)).toBe(true);
      const table = (await review()).output;
      expect(section(table, "fresh-tickets.json")).toContain("DRIFT: missing in Dev; apply the definitions there first (pulumi up --stack dev)");
    } finally {
      expect((await scenario.devClient.create(created)).status).toBe(201);
    }
  });

  test("a missing credential is one error that names the Pulumi config key and the environment variable", async () => {
    const env = { ...scenario.env };
    delete env.SCALEKIT_PRODUCTION_CLIENT_SECRET;
    const result = await runTool("review", ["--from", "dev", "--to", "production", "--connectors", scenario.definitionsDir, "--no-pulumi-config", "--no-state"], env);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain('review: missing Scalekit credentials for stack "production": scalekit:clientSecret');
    expect(result.stderr).toContain("npm run pulumi -- config set --secret scalekit:clientSecret --stack production");
    expect(result.stderr).toContain("SCALEKIT_PRODUCTION_CLIENT_SECRET");
    expect(result.stderr).not.toContain("SCALEKIT_PRODUCTION_CLIENT_ID");
    expect(result.stderr).not.toContain(scenario.dev.clientSecret);
  });

  test("an unreachable environment is an error that says which stack and what to check", async () => {
    const env = { ...scenario.env, SCALEKIT_DEV_ENVIRONMENT_URL: "http://127.0.0.1:9" };
    const result = await runTool("review", ["--from", "dev", "--to", "production", "--connectors", scenario.definitionsDir, "--no-pulumi-config", "--no-state"], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('review: cannot list the connectors of stack "dev" at http://127.0.0.1:9');
    expect(result.stderr).toContain("Check that the environment URL and the client credentials");
  });

  test("wrong client credentials are reported as such", async () => {
    const env = { ...scenario.env, SCALEKIT_PRODUCTION_CLIENT_SECRET: "not-the-secret" };
    const result = await runTool("review", ["--from", "dev", "--to", "production", "--connectors", scenario.definitionsDir, "--no-pulumi-config", "--no-state"], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/stack "production".*401 Unauthenticated/);
    expect(result.stderr).toContain("SCALEKIT_PRODUCTION_CLIENT_SECRET");
    expect(result.stderr).not.toContain("not-the-secret");
  });
});
