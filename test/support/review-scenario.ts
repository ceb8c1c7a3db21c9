/**
 * A promotion scenario for the review tests: definitions in a temporary folder, a Dev and a
 * Production emulator whose connectors (created through the API) differ from them in every way
 * the review reports.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulators, type WatchedEmulator } from "../../scripts/lib/emulators";
import { EmulatorClient } from "./emulator-api";

type Payload = Record<string, any>;

function scope(name: string, required = false): Payload {
  return { scope: name, display_name: `Scope ${name}`, description: `Grants ${name}`, required };
}

/** OAuth connector whose Production copy has an old description and one scope different. */
export const updated: Payload = {
  display_name: "Scoped CRM",
  description: "Contacts and deals, now with invoices",
  auth_patterns: [
    {
      type: "OAUTH",
      display_name: "OAuth 2.0",
      description: "Sign in to Scoped CRM",
      oauth_config: {
        authorize_uri: "https://login.scopedcrm.example/authorize",
        token_uri: "https://login.scopedcrm.example/token",
        available_scopes: [scope("contacts.read", true), scope("invoices.read")],
        pkce_enabled: true,
      },
    },
  ],
  proxy_url: "https://api.scopedcrm.example/v1",
  proxy_enabled: true,
};

/** What Production holds for `updated`: the scope `deals.write` instead of `invoices.read`, and an older description. */
export const updatedInProduction: Payload = {
  ...updated,
  description: "Contacts and deals",
  auth_patterns: [
    {
      ...updated.auth_patterns[0],
      oauth_config: { ...updated.auth_patterns[0].oauth_config, available_scopes: [scope("contacts.read", true), scope("deals.write")] },
    },
  ],
};

/** New connector: in Dev, not yet in Production. */
export const created: Payload = {
  display_name: "Fresh Tickets",
  description: "Tickets from the new help desk",
  auth_patterns: [
    {
      type: "BEARER",
      display_name: "API token",
      fields: [{ field_name: "token", label: "Token", input_type: "password", required: true }],
    },
  ],
  proxy_url: "https://api.freshtickets.example",
  proxy_enabled: true,
};

/** Same everywhere. */
export const unchanged: Payload = {
  display_name: "Steady Docs MCP",
  description: "Docs over MCP",
  auth_patterns: [{ type: "NO_AUTH", display_name: "None", is_mcp: true }],
  proxy_url: "https://mcp.steadydocs.example/mcp",
  proxy_enabled: true,
};

/** Production matches the definition; Dev was changed by hand (its proxy_url). */
export const drifted: Payload = {
  display_name: "Drifty Billing",
  description: "Billing API",
  auth_patterns: [{ type: "API_KEY", display_name: "Key", fields: [{ field_name: "api_key", label: "Key", input_type: "password", required: true }] }],
  proxy_url: "https://api.driftybilling.example/v2",
  proxy_enabled: true,
};
export const driftedInDev: Payload = { ...drifted, proxy_url: "https://api.driftybilling.example/v3-beta" };

/** Only in Production, in no definition. */
export const legacy: Payload = {
  display_name: "Legacy Fax",
  description: "Still used by one team",
  auth_patterns: [{ type: "BASIC", display_name: "Fax login", fields: [{ field_name: "username", label: "User", input_type: "text", required: true }] }],
  proxy_url: "https://fax.legacy.example",
  proxy_enabled: true,
};

export interface Scenario {
  dev: WatchedEmulator;
  production: WatchedEmulator;
  devClient: EmulatorClient;
  productionClient: EmulatorClient;
  definitionsDir: string;
  /** SCALEKIT_DEV_* and SCALEKIT_PRODUCTION_* pointing at the two emulators. */
  env: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

async function createAll(client: EmulatorClient, payloads: Payload[]): Promise<void> {
  for (const payload of payloads) {
    const answer = await client.create(payload);
    if (answer.status !== 201) throw new Error(`creating ${payload.display_name} failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
}

export async function startScenario(): Promise<Scenario> {
  const emulators = await startEmulators({
    dev: { clientId: "dev-client", clientSecret: "dev-secret-must-not-show" },
    production: { clientId: "prod-client", clientSecret: "prod-secret-must-not-show" },
  });
  const { dev, production } = emulators;
  const devClient = new EmulatorClient(dev);
  const productionClient = new EmulatorClient(production);
  await createAll(devClient, [updated, created, unchanged, driftedInDev]);
  await createAll(productionClient, [updatedInProduction, unchanged, drifted, legacy]);

  const definitionsDir = fs.mkdtempSync(path.join(os.tmpdir(), "review-definitions-"));
  const files: Record<string, Payload> = {
    "scoped-crm.json": updated,
    "fresh-tickets.json": created,
    "steady-docs-mcp.json": unchanged,
    "drifty-billing.json": drifted,
  };
  for (const [file, payload] of Object.entries(files)) {
    fs.writeFileSync(path.join(definitionsDir, file), JSON.stringify(payload, null, 2));
  }
  return {
    dev,
    production,
    devClient,
    productionClient,
    definitionsDir,
    env: {
      SCALEKIT_DEV_ENVIRONMENT_URL: dev.url,
      SCALEKIT_DEV_CLIENT_ID: dev.clientId,
      SCALEKIT_DEV_CLIENT_SECRET: dev.clientSecret,
      SCALEKIT_PRODUCTION_ENVIRONMENT_URL: production.url,
      SCALEKIT_PRODUCTION_CLIENT_ID: production.clientId,
      SCALEKIT_PRODUCTION_CLIENT_SECRET: production.clientSecret,
    },
    async close() {
      await emulators.close();
      fs.rmSync(definitionsDir, { recursive: true, force: true });
    },
  };
}
