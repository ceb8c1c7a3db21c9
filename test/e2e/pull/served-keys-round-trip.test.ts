/**
 * Every key Scalekit serves survives the promotion, with the real Pulumi CLI: two connectors made
 * "in the Dev dashboard" (straight through the Dev emulator's API) carry the keys Scalekit is known
 * to serve beyond its documented pattern (a `select` field's `options`, a field's `header_name`, a
 * pattern's `allowed_proxy_domains`, a `textarea` field, `fields` on an OAUTH pattern;
 * shared/scalekit-api.md, "Keys Scalekit serves beyond the documented pattern") and keys no
 * document lists, at several depths and in odd spellings, with a few JSON `null`s. Then, as the
 * README's "Starting from an existing environment" tells a user:
 * `npm run pull -- --stack dev` writes each one's file, `pulumi up --stack dev --config
 * adoptExisting=true` takes them over with no write, and `pulumi up --stack production` creates
 * them there; Production must then store what Dev stores, key for key. Finally a change made in
 * the Dev dashboard to one option must be seen by `pulumi preview --refresh` and by the review.
 *
 * The emulators run under modes other than their defaults (identifiers opaque in Dev, suffixed in
 * Production; names taken accepted and updates partial in Dev; strict vocabularies in Production),
 * which none of these steps may depend on.
 */
import * as fs from "fs";
import * as path from "path";
import type { Provider } from "scalekit-emulator";
import { validateDefinitionFiles, readDefinitionFiles } from "pulumi-scalekit-connectors";
import { emulatorControl, type CallCounts } from "../../../scripts/lib/emulator-control";
import { startEmulators, type Emulators } from "../../../scripts/lib/emulators";
import { runPulumi, runPulumiOk, type PulumiRunResult, type PulumiSession } from "../../../scripts/lib/pulumi-process";
import { EmulatorClient } from "../../support/emulator-api";
import { connectorsByName } from "../../support/review-output";
import { runTool, type ToolRun } from "../../support/run-tool";
import { openWorkProject, setStackCredentials, shellEnv, type WorkProject } from "../../support/work-project";

// A pull, two ups, two previews and two reviews; the first run on a machine may build the CLI.
jest.setTimeout(10 * 60 * 1000);

type Json = Record<string, any>;

/**
 * An API key connector as someone might build it in the dashboard: a key sent in a header of its
 * own, a region picker, a notes box, the hosts the proxy may reach, and keys of Scalekit's that no
 * document names yet (`someFutureKey`, `x_flag`, `Nested-Spelling`, `deep_1x`) on the pattern, in
 * an unknown object, on a field and on an option. `null` on a known key (`hint`), on an unknown one
 * (`x_flag` of an option) and inside an unknown object (`dropped`).
 */
const regionDesk: Json = {
  display_name: "Region Desk",
  description: "Support tickets per region",
  auth_patterns: [
    {
      type: "API_KEY",
      display_name: "API key",
      description: "A key from the Region Desk console",
      fields: [
        { field_name: "api_key", label: "API key", input_type: "password", hint: null, required: true, header_name: "X-Region-Desk-Key" },
        {
          field_name: "region",
          label: "Region",
          input_type: "select",
          hint: "Where your account lives",
          required: true,
          options: [
            { value: "eu", display_name: "Europe", description: "Frankfurt", default: true, someFutureKey: "kept as served" },
            { value: "us", display_name: "United States", description: "Virginia", default: false, x_flag: null },
          ],
        },
        { field_name: "notes", label: "Notes", input_type: "textarea", required: false, x_flag: true },
      ],
      allowed_proxy_domains: ["api.regiondesk.example", "eu.regiondesk.example"],
      someFutureKey: { x_flag: true, "Nested-Spelling": [1, "two", { deep_1x: false, limit: 0 }], dropped: null },
      x_flag: "pattern level",
    },
  ],
  proxy_url: "https://api.regiondesk.example/v2",
  proxy_enabled: true,
  icon_src: "https://cdn.regiondesk.example/icon.png",
  metadata: { owner: "support-eng", "cost-centre": "42" },
};

/**
 * An OAuth connector whose pattern carries `fields` (a `select` with options, as the Python SDK's
 * served pattern does), an unknown key in its oauth_config and on a scope, and no icon or
 * metadata at all (Scalekit serves them empty).
 */
const choiceSignIn: Json = {
  display_name: "Choice Sign In",
  description: "Sign in, then pick a workspace",
  auth_patterns: [
    {
      type: "OAUTH",
      display_name: "OAuth 2.0",
      description: "",
      oauth_config: {
        authorize_uri: "https://login.choice.example/authorize",
        token_uri: "https://login.choice.example/token",
        available_scopes: [{ scope: "workspace.read", display_name: "Read workspaces", description: "List and read workspaces", required: true, x_flag: "scope level" }],
        pkce_enabled: true,
        someFutureKey: 7,
      },
      fields: [
        {
          field_name: "example_choice",
          label: "Example Choice",
          hint: "Pick one of the two example values",
          input_type: "select",
          required: false,
          options: [
            { value: "first", display_name: "First", description: "The first example value", default: true },
            { value: "second", display_name: "Second", description: "The second example value", default: false },
          ],
        },
      ],
    },
  ],
  proxy_url: "https://api.choice.example",
  proxy_enabled: true,
};

/** A JSON value with every `null` left out, at every depth: how `null` from Scalekit reads (proto3 JSON). */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).filter(([, child]) => child !== null).map(([key, child]) => [key, withoutNulls(child)]));
}

/** The fields Scalekit owns and chooses per environment (shared/scalekit-api.md: the Provider object); everything else a connector stores comes from its payload. */
const environmentOwned = ["id", "identifier", "display_priority", "categories", "coming_soon"] as const;

/** A stored connector without what its environment chose for it. */
function definitionPart(provider: Provider): Json {
  const part: Json = { ...provider };
  for (const key of environmentOwned) delete part[key];
  return part;
}

let emulators: Emulators<"dev" | "production">;
let dev: EmulatorClient;
let project: WorkProject;
let session: PulumiSession;
let connectorsDir: string;

const files = { regionDesk: "region-desk.json", choiceSignIn: "choice-sign-in.json" } as const;

function pulumi(args: string[]): Promise<PulumiRunResult> {
  return runPulumi(session, args);
}

function review(): Promise<ToolRun> {
  return runTool("review", ["--from", "dev", "--to", "production", "--json"], shellEnv(session), session.cwd);
}

/** What each stage of the round trip left behind, for the tests to read. */
const seen = {} as {
  pull: ToolRun;
  pulledText: Record<string, string>;
  devStoredBefore: Provider[];
  devWritesByAdoption: Pick<CallCounts, "create" | "update" | "remove">;
  adoption: PulumiRunResult;
  previewAfterAdoption: PulumiRunResult;
  promotion: PulumiRunResult;
  productionWrites: Pick<CallCounts, "create" | "update" | "remove">;
  devStoredAfter: Provider[];
  productionStored: Provider[];
};

async function writeCounts(url: string): Promise<Pick<CallCounts, "create" | "update" | "remove">> {
  const { create, update, remove } = await emulatorControl.counters(url);
  return { create, update, remove };
}

beforeAll(async () => {
  emulators = await startEmulators({
    dev: { identifierStyle: "opaque", duplicateNames: "accept", updateSemantics: "partial", clientId: "dev-client", clientSecret: "dev-secret-round-trip" },
    production: { identifierStyle: "suffixed", vocabularies: "strict", deleteInUse: "failed-precondition", clientId: "prod-client", clientSecret: "prod-secret-round-trip" },
  });
  dev = new EmulatorClient(emulators.dev);
  project = await openWorkProject({ label: "served-keys", definitions: {}, passphrase: "served keys round trip", stacks: ["dev", "production"] });
  session = project.session;
  connectorsDir = path.join(project.dir, "connectors");
  await setStackCredentials(session, "dev", emulators.dev.credentials);
  await setStackCredentials(session, "production", emulators.production.credentials);

  // In the Dev dashboard, before Pulumi knows either connector.
  await dev.created(regionDesk);
  await dev.created(choiceSignIn);
  seen.devStoredBefore = await emulatorControl.connectors(emulators.dev.url);

  seen.pull = await runTool("pull", ["--stack", "dev"], shellEnv(session), session.cwd);
  seen.pulledText = Object.fromEntries(
    fs
      .readdirSync(connectorsDir)
      .sort()
      .map((file) => [file, fs.readFileSync(path.join(connectorsDir, file), "utf8")]),
  );

  await emulatorControl.clearCounters(emulators.dev.url);
  seen.adoption = await pulumi(["up", "--yes", "--stack", "dev", "--config", "adoptExisting=true"]);
  seen.devWritesByAdoption = await writeCounts(emulators.dev.url);
  await runPulumiOk(session, ["config", "rm", "adoptExisting", "--stack", "dev"]);
  seen.previewAfterAdoption = await pulumi(["preview", "--expect-no-changes", "--stack", "dev"]);

  seen.promotion = await pulumi(["up", "--yes", "--stack", "production"]);
  seen.productionWrites = await writeCounts(emulators.production.url);
  seen.devStoredAfter = await emulatorControl.connectors(emulators.dev.url);
  seen.productionStored = await emulatorControl.connectors(emulators.production.url);
});

afterAll(async () => {
  await emulators?.close();
  project?.cleanup();
});

describe("dashboard -> pull -> adopt in Dev -> up in Production", () => {
  test("Dev stores both connectors as sent, nulls included (what the rest starts from)", () => {
    expect(seen.devStoredBefore.map((provider) => provider.display_name)).toEqual(["Region Desk", "Choice Sign In"]);
    const [stored] = seen.devStoredBefore;
    expect(stored!.auth_patterns).toStrictEqual(regionDesk.auth_patterns);
  });

  test("pull writes one file per connector holding every key Scalekit served, as served, nulls left out", () => {
    expect({ code: seen.pull.code, stderr: seen.pull.stderr }).toEqual({ code: 0, stderr: "" });
    expect(seen.pull.stdout).toContain("Wrote 2 new definition files:");
    expect(Object.keys(seen.pulledText)).toEqual([files.choiceSignIn, files.regionDesk]);
    const pulled = (file: string): unknown => JSON.parse(seen.pulledText[file]!);
    expect(pulled(files.regionDesk)).toStrictEqual(withoutNulls(regionDesk));
    // Left out in the dashboard, served empty: the file says so.
    expect(pulled(files.choiceSignIn)).toStrictEqual({ ...choiceSignIn, icon_src: "", metadata: {} });
    for (const text of Object.values(seen.pulledText)) expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    // The files are definitions the program accepts as written.
    expect(validateDefinitionFiles(readDefinitionFiles(connectorsDir))).toEqual([]);
  });

  test("up --config adoptExisting=true takes both over with no write to Dev, and the next preview expects no changes", () => {
    expect(seen.adoption.code).toBe(0);
    expect(seen.adoption.output).toMatch(/\+ 3 created/); // the stack and two connectors, adopted
    expect(seen.devWritesByAdoption).toEqual({ create: 0, update: 0, remove: 0 });
    // No key of theirs is taken for a stray or mistyped one.
    expect(seen.adoption.output).not.toMatch(/left out|did you mean/i);
    expect(seen.previewAfterAdoption.code).toBe(0);
  });

  test("up --stack production creates both, and Production stores what Dev stores, key for key", () => {
    expect(seen.promotion.code).toBe(0);
    expect(seen.productionWrites).toEqual({ create: 2, update: 0, remove: 0 });
    expect(seen.devStoredAfter).toStrictEqual(seen.devStoredBefore);
    const byName = (providers: Provider[]) => Object.fromEntries(providers.map((provider) => [provider.display_name, definitionPart(provider)]));
    const production = byName(seen.productionStored);
    const devDefinitions = byName(seen.devStoredAfter);
    expect(Object.keys(production).sort()).toEqual(["Choice Sign In", "Region Desk"]);
    // Dev's nulls read as absent; Production was never sent one.
    expect(production).toStrictEqual(withoutNulls(devDefinitions));
    // The identifiers are each environment's own: nothing above compared them.
    const identifiers = seen.productionStored.map((provider) => provider.identifier);
    expect(identifiers).toEqual(expect.arrayContaining([expect.stringMatching(/^REGIONDESK:\d{5}$/), expect.stringMatching(/^CHOICESIGNIN:\d{5}$/)]));
  });
});

describe("a change to one option in the Dev dashboard", () => {
  test("is seen by preview --refresh and by the review, naming the changed leaf", async () => {
    const before = await review();
    expect({ code: before.code, stderr: before.stderr }).toEqual({ code: 0, stderr: "" });
    const regionBefore = connectorsByName(JSON.parse(before.stdout))["region-desk"];
    expect(regionBefore).toMatchObject({ action: "unchanged", drift: { kind: "none" } });
    // The review shows the keys no document lists, like any other.
    expect(regionBefore.rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: "auth_patterns[0].someFutureKey.Nested-Spelling[2].deep_1x", source: false, target: false, proposed: false }),
        expect.objectContaining({ path: "auth_patterns[0].fields[1].options[0].someFutureKey", source: "kept as served", target: "kept as served" }),
      ]),
    );

    // In the Dev dashboard: Europe becomes "European Union", and the unknown key of that option changes.
    const identifier = await dev.identifierOf("Region Desk");
    const edited = structuredClone(regionDesk);
    edited.auth_patterns[0].fields[1].options[0].display_name = "European Union";
    edited.auth_patterns[0].fields[1].options[0].someFutureKey = "changed in the dashboard";
    const answer = await dev.update(identifier, edited);
    expect(answer.status).toBe(200);

    const preview = await pulumi(["preview", "--refresh", "--diff", "--expect-no-changes", "--stack", "dev"]);
    expect(preview.code).not.toBe(0);
    expect(preview.output).toMatch(/~ 1 to update/);
    expect(preview.output).toMatch(/display_name\s*: "European Union" => "Europe"/);
    expect(preview.output).toMatch(/someFutureKey\s*: "changed in the dashboard" => "kept as served"/);

    const after = await review();
    expect({ code: after.code, stderr: after.stderr }).toEqual({ code: 0, stderr: "" }); // Production would not change; Dev drifted
    const region = connectorsByName(JSON.parse(after.stdout))["region-desk"];
    const changed = ["auth_patterns[0].fields[1].options[0].display_name", "auth_patterns[0].fields[1].options[0].someFutureKey"];
    expect(region.action).toBe("unchanged");
    expect(region.drift).toEqual({ kind: "differs", paths: changed });
    const rows = Object.fromEntries(region.rows.map((row: Json) => [row.path, row]));
    expect(rows[changed[0]!]).toEqual({ path: changed[0], source: "European Union", target: "Europe", proposed: "Europe", targetChanges: false, sourceDiffers: true });
    expect(rows[changed[1]!]).toEqual({
      path: changed[1],
      source: "changed in the dashboard",
      target: "kept as served",
      proposed: "kept as served",
      targetChanges: false,
      sourceDiffers: true,
    });
    expect(connectorsByName(JSON.parse(after.stdout))["choice-sign-in"]).toMatchObject({ action: "unchanged", drift: { kind: "none" } });
  });
});
