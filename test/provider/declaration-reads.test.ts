/**
 * A declaration is validated once per process. Every validation runs the zod parse of the
 * definition's shape exactly once (schema/declaration.ts `readDeclaration`, the one entry point),
 * so a spy on that parse counts validations, whichever name a caller reached the entry point by.
 *
 * Two programs of this repository read a folder of definition files: the root Pulumi program
 * (index.ts, here under Pulumi's mocks, through both doors' resource classes) and the review. Each
 * must read every file once; only a file whose credential placeholders take the stack's secret
 * config is read again, with those values, which is another declaration.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { connectorDefinitionShapeSchema } from "pulumi-scalekit-connectors/internal";
import { loadDefinitions } from "../../scripts/review/definitions";
import { basicWithDefaultPassword, bearerPayload, mcpPayload, oauthPayload } from "../support/payloads";

const project = "scalekit-connectors";
let dir: string;
/** The display name of each file's connector, by file base name. */
const declared: Record<string, Record<string, unknown>> = {
  "acme-crm": bearerPayload("Acme CRM"),
  "ticket-desk": oauthPayload("Ticket Desk"),
  "notes-mcp": mcpPayload("Notes MCP"),
};

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "declaration-reads-"));
  for (const [name, payload] of Object.entries(declared)) fs.writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(payload, null, 2));
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

afterEach(() => jest.restoreAllMocks());

/** The display names of the declarations the parse was run on, one entry per validation. */
function countValidations(): () => string[] {
  const spy = jest.spyOn(connectorDefinitionShapeSchema, "safeParse");
  return () => spy.mock.calls.map(([input]) => String((input as { displayName?: unknown }).displayName));
}

/** Runs the root program (index.ts) under Pulumi's mocks; resolves once every connector is registered. */
async function runRootProgram(door: "dynamic" | "plugin"): Promise<string[]> {
  const registered: string[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered.push(args.name);
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call: () => ({}),
    },
    project,
    "dev",
  );
  pulumi.runtime.setAllConfig({ [`${project}:connectorsDir`]: dir, [`${project}:door`]: door });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const program = require("../../index") as () => Promise<{ connectors: Record<string, pulumi.Output<string>> }>;
  const { connectors } = await program();
  // Every connector's identifier resolves once it is registered.
  await Promise.all(Object.values(connectors).map((identifier) => new Promise((resolve) => identifier.apply(resolve))));
  return registered;
}

test.each(["dynamic", "plugin"] as const)("the root program with the %s door validates each definition file once", async (door) => {
  const validations = countValidations();
  const registered = await runRootProgram(door);
  expect(registered.sort()).toEqual(Object.keys(declared).sort());
  expect(validations().sort()).toEqual(["Acme CRM", "Notes MCP", "Ticket Desk"]);
});

test("the review reads each definition file once", () => {
  const validations = countValidations();
  const definitions = loadDefinitions(dir, "dev", { readable: true, get: () => undefined });
  expect(definitions.map((definition) => definition.definition.displayName).sort()).toEqual(["Acme CRM", "Notes MCP", "Ticket Desk"]);
  expect(validations().sort()).toEqual(["Acme CRM", "Notes MCP", "Ticket Desk"]);
});

test("the review reads a file with a credential's placeholder again with the stack's value, once", () => {
  const withSecret = fs.mkdtempSync(path.join(os.tmpdir(), "declaration-reads-secret-"));
  try {
    fs.writeFileSync(path.join(withSecret, "helpdesk.json"), JSON.stringify(basicWithDefaultPassword("Helpdesk", { $secretConfig: "helpdesk-password" })));
    fs.writeFileSync(path.join(withSecret, "acme-crm.json"), JSON.stringify(bearerPayload("Acme CRM")));
    const validations = countValidations();
    const definitions = loadDefinitions(withSecret, "dev", { readable: true, get: (key) => (key === "helpdesk-password" ? "from-config" : undefined) });
    expect(definitions.map((definition) => definition.name)).toEqual(["acme-crm", "helpdesk"]);
    // The placeholder's file: once with a stand-in (the program's check), once with the stack's value.
    expect(validations().sort()).toEqual(["Acme CRM", "Helpdesk", "Helpdesk"]);
  } finally {
    fs.rmSync(withSecret, { recursive: true, force: true });
  }
});
