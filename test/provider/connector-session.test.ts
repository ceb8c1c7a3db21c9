/**
 * The connector session (core/session): one per provider configuration, for both doors. It says
 * each warning once per resource, knows the secrets of its configuration and of every value its
 * calls carried, and answers in the core's own terms (a diff with structured paths). Offline:
 * check and diff never reach Scalekit.
 */
import { ConnectorSession } from "pulumi-scalekit-connectors/internal";
import { basicWithDefaultPassword, bearerArgs } from "../support/payloads";

function configOf(values: Record<string, string>) {
  return { get: (key: string) => values[key] };
}

function newSession(warnings: { message: string; resource?: string }[], values: Record<string, string> = {}): ConnectorSession {
  return new ConnectorSession(configOf(values), { warn: (message, resource) => warnings.push({ message, resource }) });
}

test("a warning is said once per resource, and again for another resource", async () => {
  const warnings: { message: string; resource?: string }[] = [];
  const session = newSession(warnings);
  const news = bearerArgs("Typo Warned", { descripton: "a typo of description" });
  await session.check(undefined, news, "urn:a");
  const once = warnings.length;
  expect(once).toBeGreaterThan(0);
  await session.check(undefined, news, "urn:a");
  expect(warnings).toHaveLength(once);
  await session.check(undefined, news, "urn:b");
  expect(warnings).toHaveLength(2 * once);
  expect(new Set(warnings.map((warning) => warning.resource))).toEqual(new Set(["urn:a", "urn:b"]));
});

test("the session redacts the configured client secret and every credential its calls carried", async () => {
  const session = newSession([], { "scalekit:clientSecret": "configured-secret-value" });
  const password = "declared-default-password";
  const checked = await session.check(undefined, { scalekitPayload: basicWithDefaultPassword("Basic Default", password) });
  expect(checked.failures).toBeUndefined();
  expect(session.redact(`sent configured-secret-value and ${password}`)).not.toMatch(/configured-secret-value|declared-default-password/);
  expect(session.knownSecrets()).toEqual(expect.arrayContaining(["configured-secret-value", password]));
});

test("a diff answers with structured paths, in the declared shape", async () => {
  const session = newSession([]);
  const before = (await session.check(undefined, bearerArgs("Structured", { metadata: { "team.owner": "a" } }))).inputs!;
  const after = (await session.check(undefined, bearerArgs("Structured", { metadata: { "team.owner": "b" } }))).inputs!;
  const outputs = { ...before, identifier: "structured", scalekitId: "prov_1", isCustomMcp: false };
  const result = await session.diff(outputs as never, after as never);
  expect(result).toEqual({
    changes: true,
    replaces: [],
    stables: ["identifier", "scalekitId"],
    detailedDiff: [{ path: ["metadata", "team.owner"], kind: "update" }],
  });
});
