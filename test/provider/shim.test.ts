/**
 * The provider as Pulumi stores and runs it: serialized exactly the way dynamic.Resource does it,
 * then loaded and driven the way the Node.js dynamic provider host does (scripts/lib/provider-host.ts:
 * a separate plain Node process started in the program's directory), against the emulator.
 */
import * as pulumi from "@pulumi/pulumi";
import { CustomConnector } from "pulumi-scalekit-connectors";
import { connectionsNote, customConnectorProvider } from "pulumi-scalekit-connectors/internal";
import { runProviderHost, type HostResult, type HostStepResult } from "../../scripts/lib/provider-host";
import { Captured } from "../support/capture";
import type { CountersBody, Provider, RequestRecord } from "scalekit-emulator";
import { routes, TestEnvironment } from "../support/test-environment";
import { bearerArgs, bearerPayload } from "../support/payloads";

let env: TestEnvironment;
let providerText: string;
/** The inputs each CustomConnector registered with Pulumi, by resource name. */
const registeredInputs = new Map<string, Record<string, any>>();
/** The two host runs: check and create; then the rest of the resource's life, from the state the first left. */
let firstRun: HostResult;
let secondRun: HostResult;
/** configure, then every step of the one resource the hosts drove. */
let steps: HostStepResult[];
/** What the emulator held, had counted and had been asked once the first run (check, create) was over. */
let afterCreate: { connectors: Provider[]; counters: CountersBody; requests: RequestRecord[] };
const captured = new Captured();

function step(name: string): HostStepResult {
  const found = steps.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`the host did not reach ${name}: ${JSON.stringify(steps.map((s) => s.name))}`);
  return found;
}

/** Declares connectors in a mocked Pulumi program; resolves once Pulumi has registered each of them. */
async function declareConnectors(): Promise<void> {
  const names = ["typed", "pasted"];
  const markRegistered: Record<string, () => void> = {};
  const registrations = names.map((name) => new Promise<void>((resolve) => (markRegistered[name] = resolve)));
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registeredInputs.set(args.name, args.inputs);
        markRegistered[args.name]?.();
        return { id: `${args.name}-id`, state: {} };
      },
      call: () => ({}),
    },
    "connectors",
    "dev",
  );
  // Typed arguments take a pulumi.Input at any depth.
  new CustomConnector("typed", {
    displayName: "Typed One",
    description: pulumi.output("from an Output"),
    authPatterns: [
      {
        type: "BEARER",
        displayName: Promise.resolve("Token"),
        fields: [{ fieldName: "token", label: pulumi.output("Token"), inputType: "password", required: true }],
      },
    ],
    proxyUrl: "https://api.example.com/v1",
  });
  new CustomConnector("pasted", { scalekitPayload: bearerPayload("Pasted One") });
  await Promise.all(registrations);
}

beforeAll(async () => {
  // Identifiers in a form the provider cannot guess: it must use the one Scalekit returns.
  env = await TestEnvironment.start({ identifierStyle: "suffixed" });
  // The provider text exactly as dynamic.Resource serializes it for the state.
  await declareConnectors();
  providerText = registeredInputs.get("typed")?.__provider;
  captured.add("serialized provider", providerText);
  captured.add("registered inputs", [...registeredInputs.values()]);

  // The host gets the credentials from the stack config only: no SCALEKIT_* variables.
  const hostEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("SCALEKIT_")));
  const job = {
    providerText,
    project: "connectors",
    config: {
      "scalekit:environmentUrl": env.url,
      "scalekit:clientId": env.emulator.clientId,
      "scalekit:clientSecret": env.emulator.clientSecret,
    },
  };
  firstRun = await runProviderHost(
    { ...job, resources: [{ steps: [{ op: "check", args: { scalekitPayload: bearerPayload("Hosted Connector", { proxy_enabled: true }) } }, { op: "create" }] }] },
    { env: hostEnv },
  );
  captured.add("host output (check, create)", firstRun);
  afterCreate = { connectors: await env.connectors(), counters: await env.counters(), requests: [...env.emulator.requests.entries] };
  await env.resetCounters();

  // A later command: a new host, from the state the first one left.
  const [created] = firstRun.resources;
  secondRun = await runProviderHost(
    {
      ...job,
      resources: [
        {
          id: created!.id,
          outs: created!.outs,
          inputs: created!.steps[0]!.result?.inputs,
          steps: [
            { op: "read" },
            { op: "diff", name: "diff-unchanged" },
            { op: "check", name: "check-changed", args: bearerArgs("Hosted Connector", { description: "changed through the host", proxyEnabled: false }) },
            { op: "diff", name: "diff-changed" },
            { op: "update" },
            { op: "diff", name: "diff-after-update" },
            { op: "check", name: "check-invalid", args: bearerArgs("Hosted Connector", { proxyUrl: "http://api.example.com" }) },
            { op: "delete" },
            { op: "read", name: "read-after-delete" },
            { op: "delete", name: "delete-again" },
          ],
        },
      ],
    },
    { env: hostEnv },
  );
  captured.add("host output (the rest)", secondRun);
  const configured: HostStepResult = { name: "configure", ...("error" in firstRun.configure ? { error: firstRun.configure.error } : { result: null }) };
  steps = [configured, ...firstRun.resources[0]!.steps, ...secondRun.resources[0]!.steps];
});

afterAll(async () => {
  await env.close();
});

describe("the serialized provider", () => {
  test("is small: under 2 KB", () => {
    expect(Buffer.byteLength(providerText, "utf8")).toBeLessThan(2048);
  });

  test("captures nothing but the package name: no credentials, no schema, no HTTP client", () => {
    expect(providerText).toContain('require("pulumi-scalekit-connectors/runtime")');
    for (const absent of [env.emulator.clientSecret, env.emulator.clientId, env.url, "zod", "undici", "Agent", "clientSecret"]) {
      expect({ absent, found: providerText.includes(absent) }).toEqual({ absent, found: false });
    }
  });

  test("is what dynamic.Resource stores for every connector: one text, the same on every run", async () => {
    expect(typeof providerText).toBe("string");
    expect(registeredInputs.get("pasted")?.__provider).toBe(providerText);
    // dynamic.Resource serializes `() => provider` with secrets allowed; doing it again gives the same text.
    const provider = customConnectorProvider;
    const again = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
    expect(again.text).toBe(providerText);
    expect(again.containsSecrets).toBe(false);
  });

  test("the registered inputs are the declaration (Outputs resolved) and no credential", () => {
    const { __provider: _provider, ...typedInputs } = registeredInputs.get("typed") ?? {};
    expect(typedInputs).toEqual({ ...bearerArgs("Typed One"), description: "from an Output" });
    const { __provider: _also, ...pastedInputs } = registeredInputs.get("pasted") ?? {};
    expect(pastedInputs).toEqual({ scalekitPayload: bearerPayload("Pasted One") });
  });
});

describe("driven the way Pulumi's provider host drives it", () => {
  test("the run completed every step", () => {
    expect(steps.map((s) => s.name)).toEqual([
      "configure",
      "check",
      "create",
      "read",
      "diff-unchanged",
      "check-changed",
      "diff-changed",
      "update",
      "diff-after-update",
      "check-invalid",
      "delete",
      "read-after-delete",
      "delete-again",
    ]);
  });

  test("configure takes the credentials from the stack config: Scalekit granted the token asked for with them", () => {
    expect(step("configure").error).toBeUndefined();
    expect(secondRun.configure).toEqual({ ok: true });
    // The host had no SCALEKIT_* variable, so the stack config was its only way to this environment and its random secret.
    const tokenRequests = afterCreate.requests.filter((request) => `${request.method} ${request.path}` === routes.token);
    expect(tokenRequests.map((request) => request.outcome)).toEqual([200]);
    expect(env.issuedTokens.size).toBe(2); // one per host run
  });

  test("check validates the pasted payload into canonical inputs", () => {
    const { inputs, failures } = step("check").result;
    expect(failures).toBeUndefined();
    expect(inputs).toMatchObject({ scalekitPayload: { display_name: "Hosted Connector", proxy_enabled: true } });
    expect(Object.keys(inputs).sort()).toEqual(["__provider", "scalekitPayload"]);
  });

  test("create stores it in the emulator; the identifier is the id", () => {
    const { id, outs } = step("create").result;
    expect(id).toMatch(/^HOSTEDCONNECTOR:\d+$/);
    expect(afterCreate.connectors.map((provider) => ({ id: provider.id, identifier: provider.identifier, name: provider.display_name, proxy: provider.proxy_enabled }))).toEqual([
      { id: outs.scalekitId, identifier: id, name: "Hosted Connector", proxy: true },
    ]);
    expect(outs).toMatchObject({ identifier: id, isCustomMcp: false, scalekitPayload: { display_name: "Hosted Connector" } });
  });

  test("read finds it, and diff against the same declaration finds nothing", () => {
    const id = step("create").result.id;
    expect(step("read").result).toMatchObject({ id, props: { identifier: id } });
    expect(step("diff-unchanged").result).toEqual({ changes: false });
  });

  test("a changed declaration is an update, not a replacement, with the connections note", () => {
    expect(step("diff-changed").result).toEqual({ changes: true, replaces: [], stables: ["identifier", "scalekitId"] });
    const id = step("create").result.id;
    expect(step("update").result.outs).toMatchObject({ identifier: id, description: "changed through the host", proxyEnabled: false });
    expect(step("diff-after-update").result).toEqual({ changes: false });
    expect(secondRun.logs).toEqual(expect.arrayContaining([`warn: warning: [runtime] ${connectionsNote(`"Hosted Connector" (${id})`)}`]));
  });

  test("check warns that tool calling needs the proxy when it is turned off", () => {
    expect(secondRun.logs.some((line) => line.includes(`Connector "Hosted Connector": proxyEnabled: is false, so tool calling will not work`))).toBe(true);
    expect(firstRun.logs.some((line) => line.includes("tool calling will not work"))).toBe(false);
  });

  test("an invalid declaration fails check with the property and the rule", () => {
    expect(step("check-invalid").result.failures).toEqual([{ property: "proxyUrl", reason: "must start with https://" }]);
  });

  test("delete removes it; afterwards read finds nothing and a second delete is fine", async () => {
    expect(step("delete").error).toBeUndefined();
    expect(step("read-after-delete").result).toEqual({});
    expect(step("delete-again").error).toBeUndefined();
    expect(await env.connectors()).toEqual([]);
  });

  test("each host run asked for one token; the emulator saw one create, then one update and two deletes", async () => {
    expect([afterCreate.counters.routes[routes.token], afterCreate.counters.routes[routes.create]]).toEqual([1, 1]);
    const counters = await env.counters();
    expect([counters.routes[routes.token], counters.routes[routes.create], counters.routes[routes.update], counters.routes[routes.remove]]).toEqual([1, 0, 1, 2]);
  });
});

describe("secrets", () => {
  test("the scan finds a secret where there is one", () => {
    const probe = new Captured();
    probe.add("an error", new Error(`refused ${env.emulator.clientSecret}`));
    expect(probe.leaks(env.secrets())).toEqual(["an error"]);
  });

  test("nothing the host run produced (results, errors, logs, stdout, stderr) holds the secret or a token", () => {
    expect(env.issuedTokens.size).toBe(2);
    expect(captured.leaks(env.secrets())).toEqual([]);
  });
});
