/**
 * The review never shows a credential. Dev and Production (two emulators) hold live default
 * passwords and a metadata value the stacks' state keeps secret; the review prints the table, the
 * JSON document and the Markdown comment, and none of them holds a value in plain or JSON-escaped
 * form, while each row still says whether Dev and Production hold the proposed value, and the
 * exit code and marks still count a changed secret as a change. A definition's placeholder takes
 * its value from the target stack's secret config, compared the same way.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulators, type Emulators } from "../../scripts/lib/emulators";
import type { ReviewFormat, ReviewOptions } from "../../scripts/review/args";
import type { StackConfigResult } from "../../scripts/review/credentials";
import { listLiveConnectors } from "../../scripts/review/live";
import type { FieldRow } from "../../scripts/review/model";
import { runReview, type ReviewResult } from "../../scripts/review/review";
import { secretPathsInState, type StackState } from "../../scripts/review/state";
import { EmulatorClient } from "../support/emulator-api";
import { basicWithDefaultPassword } from "../support/payloads";

type Payload = Record<string, any>;

/** Quote and backslash included, so that the JSON-escaped form differs from the plain one. */
const secrets = {
  devPassword: 'dev-Pa55"word\\Basic-7f3a',
  prodPassword: 'prod-Pa55"word\\Basic-91c2',
  sharedPassword: "shared-Pa55word-4d1e",
  devTicketKey: "tk_dev_live_5be8a1",
  prodTicketKey: "tk_prod_live_0c77d3",
  configPassword: "config-Pa55word-e6b0",
};

function basic(displayName: string, password: string | Payload, metadata?: Payload): Payload {
  return basicWithDefaultPassword(displayName, password, {
    description: `${displayName} through Basic auth`,
    proxy_url: `https://api.${displayName.toLowerCase().replace(/\W/g, "")}.example`,
    proxy_enabled: true,
    ...(metadata ? { metadata } : {}),
  });
}

let emulators: Emulators<"dev" | "production">;
let dir: string;
const env = (): NodeJS.ProcessEnv => ({
  SCALEKIT_DEV_ENVIRONMENT_URL: emulators.dev.credentials.environmentUrl,
  SCALEKIT_DEV_CLIENT_ID: emulators.dev.credentials.clientId,
  SCALEKIT_DEV_CLIENT_SECRET: emulators.dev.credentials.clientSecret,
  SCALEKIT_PRODUCTION_ENVIRONMENT_URL: emulators.production.credentials.environmentUrl,
  SCALEKIT_PRODUCTION_CLIENT_ID: emulators.production.credentials.clientId,
  SCALEKIT_PRODUCTION_CLIENT_SECRET: emulators.production.credentials.clientSecret,
});

/**
 * The state of both stacks as `pulumi stack export` writes it: `ticket-desk`'s metadata value is
 * a secret (ciphertext under Pulumi's secret signature), as a program that declared it secret left it.
 */
function exportedState(stack: string): unknown {
  const secret = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", ciphertext: "v1:c2VjcmV0LWNpcGhlcnRleHQ=" };
  return {
    version: 3,
    deployment: {
      resources: [
        {
          urn: `urn:pulumi:${stack}::connectors::pulumi-nodejs:dynamic/scalekit:CustomConnector::ticket-desk`,
          type: "pulumi-nodejs:dynamic/scalekit:CustomConnector",
          inputs: { displayName: "Ticket Desk", metadata: { team: "support", ticketKey: secret } },
          outputs: { identifier: "not-used", metadata: { team: "support", ticketKey: secret } },
        },
      ],
    },
  };
}

async function readState(stack: string): Promise<StackState> {
  // Identifiers are left to display-name matching; the state says where its secrets are.
  return { status: "read", connectors: new Map(), secretPaths: secretPathsInState(exportedState(stack)) };
}

/** The production stack's config: the placeholder's secret value, and no Scalekit credentials (they come from the environment). */
async function readConfig(stack: string): Promise<StackConfigResult> {
  return { available: true, projectName: "connectors", values: stack === "production" ? { "connectors:from-config-password": secrets.configPassword } : {} };
}

function options(format: ReviewFormat): ReviewOptions {
  return { from: "dev", to: "production", connectorsDir: dir, projectDir: dir, format, usePulumiConfig: true, useState: true };
}

function review(format: ReviewFormat): Promise<ReviewResult> {
  return runReview(options(format), { env: env(), readConfig, listConnectors: listLiveConnectors, readState });
}

/** Fails naming the value (its first characters) and the format that printed it. */
function expectNoSecret(text: string, where: string): void {
  for (const value of Object.values(secrets)) {
    const forms = [value, JSON.stringify(value).slice(1, -1)];
    for (const form of forms) if (text.includes(form)) throw new Error(`${where} holds the secret ${value.slice(0, 6)}… (as ${JSON.stringify(form)})`);
  }
}

async function created(client: EmulatorClient, payload: Payload): Promise<void> {
  const answer = await client.create(payload);
  expect({ name: payload.display_name, status: answer.status }).toEqual({ name: payload.display_name, status: 201 });
}

beforeAll(async () => {
  emulators = await startEmulators({ dev: { clientSecret: "dev-client-secret-not-shown" }, production: { clientSecret: "prod-client-secret-not-shown" } });
  const dev = new EmulatorClient(emulators.dev);
  const production = new EmulatorClient(emulators.production);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "review-secrets-"));
  const write = (file: string, payload: Payload) => fs.writeFileSync(path.join(dir, file), JSON.stringify(payload, null, 2));
  // Promoted: Dev holds the definition's password, Production another.
  write("promoted-desk.json", basic("Promoted Desk", secrets.devPassword));
  await created(dev, basic("Promoted Desk", secrets.devPassword));
  await created(production, basic("Promoted Desk", secrets.prodPassword));
  // Settled: the same password everywhere.
  write("settled-desk.json", basic("Settled Desk", secrets.sharedPassword));
  await created(dev, basic("Settled Desk", secrets.sharedPassword));
  await created(production, basic("Settled Desk", secrets.sharedPassword));
  // From config: the file holds a placeholder; Dev holds the config's value, Production none yet.
  write("from-config.json", basic("From Config", { $secretConfig: "from-config-password" }));
  await created(dev, basic("From Config", secrets.configPassword));
  const { auth_patterns: [pattern], ...rest } = basic("From Config", "");
  const { auth_field_mutations: _none, ...noMutation } = pattern;
  await created(production, { ...rest, auth_patterns: [noMutation] });
  // A metadata value the state keeps secret; Dev and Production each hold their own.
  write("ticket-desk.json", basic("Ticket Desk", secrets.sharedPassword, { team: "support", ticketKey: secrets.devTicketKey }));
  await created(dev, basic("Ticket Desk", secrets.sharedPassword, { team: "support", ticketKey: secrets.devTicketKey }));
  await created(production, basic("Ticket Desk", secrets.sharedPassword, { team: "support", ticketKey: secrets.prodTicketKey }));
});

afterAll(async () => {
  await emulators?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe.each(["table", "json", "markdown"] as const)("the %s format", (format) => {
  let result: ReviewResult;

  beforeAll(async () => {
    result = await review(format);
  });

  test("holds no credential, in plain or JSON-escaped form", () => {
    expectNoSecret(result.output, `the ${format} review`);
  });

  test("still counts a changed secret as a change (exit code 2)", () => {
    expect(result.exitCode).toBe(2);
  });

  test("says secret, same / secret, differs", () => {
    const [same, differs] = format === "json" ? ['"secret": "same"', '"secret": "differs"'] : ["(secret, same)", "(secret, differs)"];
    // The rows only: the legend names both forms.
    const rows = result.output
      .split("\n")
      .filter((line) => line.includes("auth_patterns[0].auth_field_mutations.password.default") || format === "json")
      .join("\n");
    expect(rows).toContain(same);
    expect(rows).toContain(differs);
  });
});

describe("the rows", () => {
  let rows: Record<string, Record<string, FieldRow>>;
  let actions: Record<string, string>;

  beforeAll(async () => {
    const { review: model } = await review("json");
    rows = Object.fromEntries(model.connectors.map((connector) => [connector.name, Object.fromEntries(connector.rows.map((row) => [row.path, row]))]));
    actions = Object.fromEntries(model.connectors.map((connector) => [connector.name, connector.action]));
  });

  const password = "auth_patterns[0].auth_field_mutations.password.default";

  test("a password Dev shares with the definition and Production does not: Dev same, Production differs, marked as a change", () => {
    expect(rows["promoted-desk"][password]).toEqual({
      path: password,
      secret: { source: "same", target: "differs", proposed: "set" },
      targetChanges: true,
      sourceDiffers: false,
    });
    expect(actions["promoted-desk"]).toBe("update");
  });

  test("a password equal everywhere: same and same, no mark", () => {
    expect(rows["settled-desk"][password]).toEqual({ path: password, secret: { source: "same", target: "same", proposed: "set" }, targetChanges: false, sourceDiffers: false });
    expect(actions["settled-desk"]).toBe("unchanged");
  });

  test("a placeholder's value comes from the target stack's secret config, compared masked; absent in Production", () => {
    expect(rows["from-config"][password]).toEqual({
      path: password,
      secret: { source: "same", target: "absent", proposed: "set", configKey: "from-config-password" },
      targetChanges: true,
      sourceDiffers: false,
    });
  });

  test("a value the state keeps secret is masked too: Dev holds the definition's, Production another", () => {
    expect(rows["ticket-desk"]["metadata.ticketKey"]).toEqual({
      path: "metadata.ticketKey",
      secret: { source: "same", target: "differs", proposed: "set" },
      targetChanges: true,
      sourceDiffers: false,
    });
    // What is not secret stays readable.
    expect(rows["ticket-desk"]["metadata.team"]).toMatchObject({ source: "support", target: "support", proposed: "support" });
  });
});

test("the Markdown row reads secret, same / secret, differs, the config key named", async () => {
  const { output } = await review("markdown");
  expect(output).toContain("| `*` | `auth_patterns[0].auth_field_mutations.password.default` | (secret, same) | (secret, differs) | (secret) |");
  expect(output).toContain("| (secret, same) | (absent) | (secret, from config from-config-password) |");
});

test("a placeholder whose config value the target stack does not set stops the review, naming the file, the property and the command", async () => {
  const noValue = async (): Promise<StackConfigResult> => ({ available: true, projectName: "connectors", values: {} });
  const run = runReview(options("table"), { env: env(), readConfig: noValue, listConnectors: listLiveConnectors, readState });
  await expect(run).rejects.toThrow(
    `from-config.json: auth_patterns[0].auth_field_mutations.password.default: takes its value from the secret config value "from-config-password", which stack "production" does not set.`,
  );
  await expect(run).rejects.toThrow("npm run pulumi -- config set --secret from-config-password --stack production");
});
