/**
 * Pull without Pulumi or Scalekit: file names, the "already declared" matching, what is written
 * for a live connector (canonical, readable, valid as written), what is skipped and why, the
 * command line and the report.
 */
import * as fs from "fs";
import * as path from "path";
import { validateDefinitionFiles } from "pulumi-scalekit-connectors";
import {
  canonicalJson,
  normalizeDefinition,
  schemaOrderedPayload,
  storedProviderSchema,
  storedToDefinition,
  fromApiSpelling,
  validateScalekitPayload,
  type StoredProvider,
} from "pulumi-scalekit-connectors/internal";
import { EXIT_USAGE, parsePullArgs, PullError } from "../../scripts/pull/args";
import { chooseFileName, fileBaseName, filesDeclaring } from "../../scripts/pull/naming";
import { definitionText, payloadFor } from "../../scripts/pull/payload";
import { planPull, type Decision } from "../../scripts/pull/plan";
import { renderReport } from "../../scripts/pull/report";
import { repoRoot } from "../../scripts/lib/paths";

const repoPayload = (file: string): Record<string, unknown> => JSON.parse(fs.readFileSync(path.join(repoRoot, "connectors", file), "utf8"));

let serial = 0;
/** A connector as the client returns it from the listing (camelCase, Scalekit's extra fields included). */
function live(payload: Record<string, unknown>, identifier = `prov_${(++serial).toString(16).padStart(6, "0")}`): StoredProvider {
  return storedProviderSchema.parse(
    fromApiSpelling({ ...payload, id: `id_${identifier}`, identifier, is_custom: true, is_custom_mcp: false, categories: [], display_priority: 0, coming_soon: false }),
  );
}

describe("file names", () => {
  test.each([
    ["Acme CRM", "acme-crm"],
    ["  Pager  Relay MCP ", "pager-relay-mcp"],
    ["Docs Hub MCP 2", "docs-hub-mcp-2"],
    ["ledgerly", "ledgerly"],
    ["!!!", "connector"],
  ])("%j -> %s.json", (displayName, base) => {
    expect(fileBaseName(displayName)).toBe(base);
  });

  test("a taken name gets the first free numeric suffix, names compared ignoring case", () => {
    expect(chooseFileName("Acme CRM", [])).toBe("acme-crm.json");
    expect(chooseFileName("Acme CRM", ["acme-crm.json"])).toBe("acme-crm-2.json");
    expect(chooseFileName("Acme CRM", ["Acme-CRM.json", "acme-crm-2.json", "notes.txt"])).toBe("acme-crm-3.json");
    expect(chooseFileName("Acme CRM", ["acme-crm-2.json"])).toBe("acme-crm.json");
  });
});

describe("already declared", () => {
  const files = [
    { file: "connectors/crm.json", payload: { display_name: "ACME  crm" } },
    { file: "connectors/list.json", payload: [] },
    { file: "connectors/number.json", payload: { display_name: 5 } },
    { file: "connectors/ledger.json", payload: { display_name: "Ledgerly" } },
  ];

  test("a file declares a connector when its display_name names it ignoring case and spaces, whatever the file is called", () => {
    expect(filesDeclaring("Acme CRM", files).map((f) => f.file)).toEqual(["connectors/crm.json"]);
    expect(filesDeclaring("AcmeCRM", files).map((f) => f.file)).toEqual(["connectors/crm.json"]);
    expect(filesDeclaring("acme crm", files).map((f) => f.file)).toEqual(["connectors/crm.json"]);
    expect(filesDeclaring("LEDGERLY", files).map((f) => f.file)).toEqual(["connectors/ledger.json"]);
  });

  test("other names, and files without a string display_name, declare nothing", () => {
    expect(filesDeclaring("Acme CRMs", files)).toEqual([]);
    expect(filesDeclaring("Acme", files)).toEqual([]);
    expect(filesDeclaring("5", files)).toEqual([]);
  });
});

describe("the file written for a live connector", () => {
  test("is the payload as served: the seven payload fields in Scalekit's order, patterns reading type, display_name, description first, every key kept", () => {
    const provider = live({ ...repoPayload("acme-crm.json"), unknown_extra: "kept out" });
    const payload = payloadFor(provider);
    expect(Object.keys(payload)).toEqual(["display_name", "description", "auth_patterns", "proxy_url", "proxy_enabled", "icon_src", "metadata"]);
    const pattern = (payload.auth_patterns as Record<string, unknown>[])[0]!;
    expect(Object.keys(pattern)).toEqual(["type", "display_name", "description", "account_fields", "oauth_config"]);
    expect(Object.keys((pattern.account_fields as Record<string, unknown>[])[0]!)).toEqual(["field_name", "label", "input_type", "hint", "required", "is_path_param"]);
    const oauth = pattern.oauth_config as Record<string, unknown>;
    expect(Object.keys(oauth)).toEqual(["authorize_uri", "token_uri", "user_info_uri", "available_scopes", "pkce_enabled", "allow_use_scalekit_credentials"]);
    expect(Object.keys((oauth.available_scopes as Record<string, unknown>[])[0]!)).toEqual(["scope", "display_name", "description", "required"]);
    // Key for key what Scalekit serves (the repository's file), the empty top-level fields spelled out.
    const { unknown_extra: _extra, ...served } = { ...repoPayload("acme-crm.json"), unknown_extra: "" };
    expect(canonicalJson(payload)).toBe(canonicalJson({ description: "", icon_src: "", metadata: {}, ...served }));
    const valid = validateScalekitPayload(payload);
    expect(valid.ok).toBe(true);
    if (valid.ok) expect(canonicalJson(normalizeDefinition(valid.definition))).toBe(canonicalJson(storedToDefinition(provider)));
  });

  test("keeps empty and false fields, so that the file means what Scalekit holds (proxy off stays off)", () => {
    const payload = payloadFor(live({ ...repoPayload("ledgerly.json"), description: undefined, icon_src: undefined, metadata: undefined, proxy_enabled: false }));
    expect(payload).toMatchObject({ description: "", icon_src: "", metadata: {}, proxy_enabled: false });
  });

  test("is 2-space JSON with a trailing newline", () => {
    const text = definitionText(payloadFor(live(repoPayload("docs-hub-mcp.json"))));
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    expect(text.startsWith('{\n  "display_name": "Docs Hub MCP",\n')).toBe(true);
  });

  test("auth_field_mutations and header overrides keep a readable order too", () => {
    const payload = payloadFor(
      live({
        ...repoPayload("ledgerly.json"),
        auth_patterns: [
          {
            type: "BASIC",
            display_name: "Basic",
            auth_header_key_override: "X-Auth",
            auth_field_mutations: { password: { suffix: "!", default: "x", prefix: "p" }, username: { prefix: "u" } },
            fields: [{ required: true, field_name: "username", input_type: "text", label: "User" }],
          },
        ],
      }),
    );
    const pattern = (payload.auth_patterns as Record<string, any>[])[0]!;
    expect(Object.keys(pattern)).toEqual(["type", "display_name", "fields", "auth_header_key_override", "auth_field_mutations"]);
    expect(Object.keys(pattern.auth_field_mutations)).toEqual(["username", "password"]);
    expect(Object.keys(pattern.auth_field_mutations.password)).toEqual(["prefix", "suffix", "default"]);
    expect(Object.keys(pattern.fields[0])).toEqual(["field_name", "label", "input_type", "required"]);
  });
});

describe("planPull", () => {
  const dir = path.join(repoRoot, "connectors-under-test");
  const show = (absolute: string) => path.relative(repoRoot, absolute);
  const existing = [
    { file: "connectors-under-test/acme.json", payload: { ...repoPayload("acme-crm.json"), display_name: "acme  CRM" } },
    { file: "connectors-under-test/ticket-desk.json", payload: { ...repoPayload("ledgerly.json"), display_name: "Ticket Desk Classic" } },
  ];
  const entries = ["acme.json", "ticket-desk.json", "ledgerly.json.bak", "forecastly-weather.json"];
  const liveConnectors = [
    live(repoPayload("acme-crm.json"), "prov_acme"),
    live({ ...repoPayload("ledgerly.json"), display_name: "Ticket Desk Classic" }, "prov_classic"),
    live({ ...repoPayload("ledgerly.json"), display_name: "Ticket Desk" }, "prov_desk"),
    live(repoPayload("ledgerly.json"), "prov_ledgerly"),
    live(repoPayload("forecastly.json"), "prov_forecastly"),
    live({ ...repoPayload("pager-relay-mcp.json"), display_name: "Status Board" }, "prov_board1"),
    live({ ...repoPayload("pager-relay-mcp.json"), display_name: "status  board" }, "prov_board2"),
    live({ ...repoPayload("statuspage-pro.json"), display_name: "Broken Proxy", proxy_url: "https://{{domain}}/api" }, "prov_broken"),
  ];
  let decisions: Decision[];
  beforeAll(() => {
    decisions = planPull({ dir, existing, entries, live: liveConnectors, show });
  });
  const decisionFor = (identifier: string) =>
    decisions.find((d) => (d.kind === "ambiguous" ? d.connectors.some((c) => c.identifier === identifier) : d.connector.identifier === identifier));

  test("one decision per connector (twins together), in display-name order", () => {
    expect(decisions.map((d) => d.kind)).toEqual(["declared", "invalid", "write", "write", "ambiguous", "write", "declared"]);
  });

  test("a connector some file names is declared already, by that file, whatever the file is called", () => {
    expect(decisionFor("prov_acme")).toEqual({ kind: "declared", connector: { displayName: "Acme CRM", identifier: "prov_acme" }, files: ["connectors-under-test/acme.json"] });
    expect(decisionFor("prov_classic")).toMatchObject({ kind: "declared", files: ["connectors-under-test/ticket-desk.json"] });
  });

  test("a file name held by another connector's file, or by any entry of the folder, gets a numeric suffix", () => {
    expect(decisionFor("prov_desk")).toMatchObject({
      kind: "write",
      fileName: "ticket-desk-2.json",
      file: "connectors-under-test/ticket-desk-2.json",
      nameTakenBy: { file: "connectors-under-test/ticket-desk.json", displayName: "Ticket Desk Classic" },
    });
    expect(decisionFor("prov_forecastly")).toMatchObject({ kind: "write", fileName: "forecastly-weather-2.json", nameTakenBy: { file: "connectors-under-test/forecastly-weather.json" } });
    expect(decisionFor("prov_ledgerly")).toMatchObject({ kind: "write", fileName: "ledgerly.json" });
    expect(decisionFor("prov_ledgerly")).not.toHaveProperty("nameTakenBy");
  });

  test("live connectors that share a name are skipped together", () => {
    expect(decisionFor("prov_board1")).toEqual({
      kind: "ambiguous",
      connectors: [
        { displayName: "Status Board", identifier: "prov_board1" },
        { displayName: "status  board", identifier: "prov_board2" },
      ],
    });
  });

  test("a connector the provider's validation would refuse is skipped with the file, the property and the rule", () => {
    const broken = decisionFor("prov_broken");
    expect(broken).toMatchObject({ kind: "invalid", file: "connectors-under-test/broken-proxy.json" });
    if (broken?.kind !== "invalid") throw new Error("expected invalid");
    expect(broken.failures.length).toBeGreaterThan(0);
    for (const failure of broken.failures) expect(failure).toMatch(/^connectors-under-test\/broken-proxy\.json: \S+: .+/);
    expect(broken.failures.join("\n")).toMatch(/proxy_url.*domain/);
  });

  test("every file to write passes the program's own check as written, and adoption would change nothing", () => {
    const written = decisions.filter((d): d is Extract<Decision, { kind: "write" }> => d.kind === "write");
    expect(written).toHaveLength(3);
    for (const d of written) {
      expect(validateDefinitionFiles([{ name: d.fileName.slice(0, -5), file: d.file, payload: JSON.parse(d.text) }])).toEqual([]);
      expect(d.adoptionChanges).toEqual([]);
    }
  });

  test("the report lists what was written and skipped and why, then the adoption commands", () => {
    const text = renderReport({
      stack: "dev",
      environmentUrl: "https://example.scalekit.dev",
      credentialsFrom: "the stack's config",
      dir: "connectors-under-test",
      existingFiles: 2,
      liveCount: liveConnectors.length,
      decisions,
    });
    expect(text).toContain("Wrote 3 new definition files:\n");
    expect(text).toMatch(/connectors-under-test\/ticket-desk-2\.json\s+"Ticket Desk" \(prov_desk\); connectors-under-test\/ticket-desk\.json holds "Ticket Desk Classic"/);
    expect(text).toMatch(/forecastly-weather-2\.json\s+"Forecastly Weather" \(prov_forecastly\); connectors-under-test\/forecastly-weather\.json exists already/);
    expect(text).toContain("Skipped (4):\n");
    expect(text).toContain(`"Acme CRM" (prov_acme): already declared by connectors-under-test/acme.json`);
    expect(text).toContain(`"Status Board" (prov_board1), "status  board" (prov_board2): 2 live connectors have this name`);
    expect(text).toContain(`"Broken Proxy" (prov_broken): invalid`);
    expect(text).toContain("Summary: 3 written, 2 already declared, 1 with several live connectors of one name, 1 invalid.");
    expect(text).toContain("  npm run pulumi -- up --stack dev --config adoptExisting=true\n  npm run pulumi -- config rm adoptExisting --stack dev\n");
  });

  test("with nothing new, nothing is planned to be written and the report says so without a next step", () => {
    const none = planPull({ dir, existing, entries, live: liveConnectors.slice(0, 2), show });
    expect(none.every((d) => d.kind === "declared")).toBe(true);
    const text = renderReport({ stack: "dev", environmentUrl: "u", credentialsFrom: "c", dir: "d", existingFiles: 2, liveCount: 2, decisions: none });
    expect(text).toContain("Wrote nothing");
    expect(text).not.toContain("adoptExisting");
  });
});

describe("command line", () => {
  const usageError = (argv: string[]) => {
    try {
      parsePullArgs(argv, "/project");
    } catch (err) {
      expect(err).toBeInstanceOf(PullError);
      expect((err as PullError).exitCode).toBe(EXIT_USAGE);
      return (err as PullError).message;
    }
    throw new Error(`expected a usage error for ${argv.join(" ")}`);
  };

  test("--stack and --dir, in both spellings", () => {
    expect(parsePullArgs(["--stack", "dev"], "/project")).toEqual({ kind: "pull", options: { stack: "dev", dir: undefined, projectDir: "/project" } });
    expect(parsePullArgs(["--stack=production", "--dir=defs"], "/project")).toEqual({ kind: "pull", options: { stack: "production", dir: "defs", projectDir: "/project" } });
    expect(parsePullArgs(["--help"], "/project")).toEqual({ kind: "help" });
    expect(parsePullArgs(["-h", "--stack", "dev"], "/project")).toEqual({ kind: "help" });
  });

  test("usage errors exit with 2 and show the usage", () => {
    expect(usageError([])).toMatch(/--stack is required.*\nUsage: npm run connectors -- pull --stack <stack> \[--dir <connectorsDir>\]  \(--help for details\)$/);
    expect(usageError(["--stack"])).toMatch(/--stack/);
    expect(usageError(["--stack", "dev", "--force"])).toMatch(/unknown argument "--force"/);
    expect(usageError(["--stack", "dev", "extra"])).toMatch(/extra/);
    expect(usageError(["--stack", "dev", "--dir", ""])).toMatch(/--dir needs a folder/);
  });
});
