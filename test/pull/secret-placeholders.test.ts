/**
 * Pull never writes a credential. Dev and Production (two emulators) each hold a connector with a
 * live default password (and a second pattern's default API key); pulling from each stack writes
 * a placeholder naming a secret config value instead, warns naming the file and the property, and
 * says how to supply the value. No byte of the report or of any file holds a secret, plain or
 * JSON-escaped; the file passes the program's check, and with the config value in place of the
 * placeholder it is the live connector exactly (adopting it changes nothing).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { checkDefinitionFiles, readDefinitionFiles, resolveSecretConfigPlaceholders } from "pulumi-scalekit-connectors";
import { changedProperties, normalizeDefinition, storedToDefinition, validateScalekitPayload } from "pulumi-scalekit-connectors/internal";
import { startEmulators, type Emulators } from "../../scripts/lib/emulators";
import { listCustomConnectors, runPull, type PullResult } from "../../scripts/pull/pull";
import { EmulatorClient } from "../support/emulator-api";
import { basicWithDefaultPassword } from "../support/payloads";

type Payload = Record<string, any>;

const secrets = {
  dev: { password: 'dev-Pa55"word\\live-a81f', apiKey: "dev_key_live_77c0e2" },
  production: { password: 'prod-Pa55"word\\live-3be4', apiKey: "prod_key_live_19ad5f" },
};
const allSecrets = [...Object.values(secrets.dev), ...Object.values(secrets.production)];

function helpdesk(values: { password: string; apiKey: string }): Payload {
  return basicWithDefaultPassword("Helpdesk Basic", values.password, { description: "Tickets through Basic auth", proxy_enabled: true });
}

function keyDesk(values: { password: string; apiKey: string }): Payload {
  return {
    display_name: "Key Desk",
    description: "Tickets through a shared API key",
    auth_patterns: [
      {
        type: "API_KEY",
        display_name: "API key",
        fields: [{ field_name: "api_key", label: "Key", input_type: "password" }],
        auth_field_mutations: { api_key: { default: values.apiKey, prefix: "Key " } },
      },
    ],
    proxy_url: "https://keydesk.example/api",
    proxy_enabled: true,
  };
}

let emulators: Emulators<"dev" | "production">;
let tmp: string;

function expectNoSecret(text: string, where: string): void {
  for (const value of allSecrets) {
    for (const form of [value, JSON.stringify(value).slice(1, -1)]) {
      if (text.includes(form)) throw new Error(`${where} holds the secret ${value.slice(0, 6)}… (as ${JSON.stringify(form)})`);
    }
  }
}

async function pull(stack: "dev" | "production"): Promise<{ result: PullResult; dir: string }> {
  const dir = path.join(tmp, stack);
  const { credentials } = emulators[stack];
  const values = { "scalekit:environmentUrl": credentials.environmentUrl, "scalekit:clientId": credentials.clientId, "scalekit:clientSecret": credentials.clientSecret };
  const result = await runPull({ stack, dir, projectDir: tmp }, { readConfig: async () => ({ projectName: "connectors", values }), env: {}, listConnectors: listCustomConnectors });
  return { result, dir };
}

beforeAll(async () => {
  emulators = await startEmulators({ dev: { clientSecret: "dev-client-secret" }, production: { clientSecret: "prod-client-secret" } });
  for (const stack of ["dev", "production"] as const) {
    for (const payload of [helpdesk(secrets[stack]), keyDesk(secrets[stack])]) {
      const answer = await new EmulatorClient(emulators[stack]).create(payload);
      expect(answer.status).toBe(201);
    }
  }
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pull-secrets-"));
});

afterAll(async () => {
  await emulators?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe.each(["dev", "production"] as const)("pulling from %s", (stack) => {
  let result: PullResult;
  let dir: string;
  let text: string;

  beforeAll(async () => {
    ({ result, dir } = await pull(stack));
    if (!fs.existsSync(path.join(dir, "helpdesk-basic.json"))) throw new Error(result.output);
    text = fs.readFileSync(path.join(dir, "helpdesk-basic.json"), "utf8");
  });

  test("writes no credential: not in the report, not in any file, plain or JSON-escaped", () => {
    expectNoSecret(result.output, "the report");
    for (const file of fs.readdirSync(dir)) expectNoSecret(fs.readFileSync(path.join(dir, file), "utf8"), file);
  });

  test("writes a placeholder naming a secret config value where each credential was", () => {
    expect(JSON.parse(text).auth_patterns[0].auth_field_mutations).toEqual({ password: { default: { $secretConfig: "helpdesk-basic-password" } } });
    const key = JSON.parse(fs.readFileSync(path.join(dir, "key-desk.json"), "utf8"));
    expect(key.auth_patterns[0].auth_field_mutations).toEqual({ api_key: { default: { $secretConfig: "key-desk-api_key" }, prefix: "Key " } });
  });

  test("warns naming the file and the property, and says how to supply the value", () => {
    const file = path.relative(process.cwd(), path.join(dir, "helpdesk-basic.json"));
    expect(result.output).toContain(
      `    warning: ${file}: auth_patterns[0].auth_field_mutations.password.default is a credential; the file holds the placeholder {"$secretConfig": "helpdesk-basic-password"} instead of its value. ` +
        `Supply the value as a secret config value of each stack that applies this file: npm run pulumi -- config set --secret helpdesk-basic-password --stack ${stack}`,
    );
    expect(result.output).toContain(`key-desk.json: auth_patterns[0].auth_field_mutations.api_key.default is a credential`);
    expect(result.output).toContain(`  npm run pulumi -- config set --secret helpdesk-basic-password --stack ${stack}   # asks for the value\n`);
    expect(result.output).toContain(`  npm run pulumi -- config set --secret key-desk-api_key --stack ${stack}   # asks for the value\n`);
  });

  test("the file passes the program's check; with the stack's config values it is the live connector, so adopting it changes nothing", async () => {
    const files = readDefinitionFiles(dir);
    expect(checkDefinitionFiles(files).errors).toEqual([]);
    const config: Record<string, string> = { "helpdesk-basic-password": secrets[stack].password, "key-desk-api_key": secrets[stack].apiKey };
    const resolved = resolveSecretConfigPlaceholders(files, stack, (key) => config[key]);
    const live = await listCustomConnectors(emulators[stack].credentials);
    expect(resolved.map((file) => file.name)).toEqual(["helpdesk-basic", "key-desk"]);
    for (const file of resolved) {
      const parsed = validateScalekitPayload(file.payload);
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.failures));
      const connector = live.find((entry) => entry.displayName === parsed.definition.displayName)!;
      expect(changedProperties(storedToDefinition(connector), normalizeDefinition(parsed.definition))).toEqual([]);
    }
    expect(result.decisions.map((entry) => entry.kind === "write" && entry.adoptionChanges)).toEqual([[], []]);
  });
});
