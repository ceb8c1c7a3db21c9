/** Secrets on the plugin's wire: unwrapped with their paths, wrapped again at exactly those paths. */
import * as pulumi from "@pulumi/pulumi";
import { credentialPaths, detailedChanges, formatPulumiPath, normalizeDefinition, secretSignature, specialSignatureKey, unwrapSecrets, wrapSecret, wrapSecretsAt } from "pulumi-scalekit-connectors/internal";

/** A secret as Pulumi's SDK marks it on the wire: built from @pulumi/pulumi's constants, not the plugin's. */
function pulumiSecret(value: unknown): Record<string, unknown> {
  return { [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig, value };
}

test("the plugin's secret marker is Pulumi's: the signature key and the secret signature of @pulumi/pulumi's runtime", () => {
  expect({ specialSignatureKey, secretSignature }).toEqual({ specialSignatureKey: pulumi.runtime.specialSigKey, secretSignature: pulumi.runtime.specialSecretSig });
  expect(wrapSecret("x")).toStrictEqual(pulumiSecret("x"));
});

test("unwrap gives the plain value, each secret's path and its strings; a secret inside a secret counts once", () => {
  const value = { a: pulumiSecret("x"), list: [1, { b: pulumiSecret({ c: "y", d: pulumiSecret("z") }) }], plain: "p" };
  const { plain, secretPaths, secretStrings } = unwrapSecrets(value);
  expect(plain).toEqual({ a: "x", list: [1, { b: { c: "y", d: "z" } }], plain: "p" });
  expect(secretPaths).toEqual([["a"], ["list", 1, "b"]]);
  expect(secretStrings.sort()).toEqual(["x", "y", "z"]);
});

test("wrap marks exactly the paths given, shallowest first, and leaves everything else plain", () => {
  const plain = { patterns: [{ mutations: { password: { default: "pw" } }, fields: [{ name: "user" }] }], description: "d" };
  const wrapped = wrapSecretsAt(plain, [["patterns", 0, "mutations", "password", "default"]]);
  expect(wrapped).toEqual({ patterns: [{ mutations: { password: { default: pulumiSecret("pw") } }, fields: [{ name: "user" }] }], description: "d" });
  // A path inside one already wrapped is secret already: no secret inside a secret.
  expect(wrapSecretsAt(plain, [["patterns", 0, "mutations", "password", "default"], ["patterns"]])).toEqual({ patterns: pulumiSecret(plain.patterns), description: "d" });
});

test("a secret whose path is gone marks its longest existing ancestor, never less", () => {
  const plain = { scalekitPayload: { auth_patterns: [{ type: "BASIC" }] } };
  expect(wrapSecretsAt(plain, [["scalekitPayload", "authPatterns", 0, "x"]])).toEqual({ scalekitPayload: pulumiSecret(plain.scalekitPayload) });
  expect(wrapSecretsAt(plain, [["elsewhere"]])).toEqual(plain);
});

test("credential paths are every non-empty auth field mutation default, in either declaration form", () => {
  expect(credentialPaths({ displayName: "A", authPatterns: [{ type: "BASIC", authFieldMutations: { password: { default: "pw" }, username: { prefix: "u" } } }] })).toEqual([
    ["authPatterns", 0, "authFieldMutations", "password", "default"],
  ]);
  expect(credentialPaths({ scalekitPayload: { auth_patterns: [{}, { auth_field_mutations: { api_key: { default: "k" } } }] } })).toEqual([
    ["scalekitPayload", "auth_patterns", 1, "auth_field_mutations", "api_key", "default"],
  ]);
});

test("Pulumi property paths quote keys that are not plain names", () => {
  expect(formatPulumiPath(["metadata", "team.owner"])).toBe('metadata["team.owner"]');
  expect(formatPulumiPath(["authPatterns", 0, "fields", 1, "label"])).toBe("authPatterns[0].fields[1].label");
});

test("detailed changes name the changed leaves in the declared form; a value that says nothing counts as none", () => {
  const before = normalizeDefinition({ displayName: "A", authPatterns: [{ type: "BEARER", fields: [{ fieldName: "token", label: "Token" }] }], proxyUrl: "https://a.example.com" });
  const after = normalizeDefinition({ displayName: "A", description: "", authPatterns: [{ type: "BEARER", fields: [{ fieldName: "token", label: "API token" }, { fieldName: "x" }] }], proxyUrl: "https://a.example.com" });
  expect(detailedChanges(before, after, ["authPatterns", "description"], "typed")).toEqual([
    { path: ["authPatterns", 0, "fields", 0, "label"], kind: "update" },
    { path: ["authPatterns", 0, "fields", 1], kind: "add" },
  ]);
  expect(detailedChanges(before, after, ["authPatterns"], "payload")).toEqual([
    { path: ["scalekitPayload", "auth_patterns", 0, "fields", 0, "label"], kind: "update" },
    { path: ["scalekitPayload", "auth_patterns", 0, "fields", 1], kind: "add" },
  ]);
});
