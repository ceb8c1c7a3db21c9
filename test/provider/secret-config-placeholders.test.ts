/**
 * The core's placeholder for a credential in a definition file, `{"$secretConfig": "<key>"}`:
 * allowed only where a credential goes, with a key Pulumi config can hold; the rest of the file
 * checked as usual; resolved from the stack's config, or refused naming file, property and command.
 */
import { checkDefinitionFiles, MissingSecretConfigError, resolveSecretConfigPlaceholders, type DefinitionFile } from "pulumi-scalekit-connectors";
import { withSecretConfigPlaceholders } from "pulumi-scalekit-connectors/internal";
import { basicWithDefaultPassword } from "../support/payloads";

function basic(defaultValue: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return basicWithDefaultPassword("Helpdesk", defaultValue, extra);
}

const file = (payload: unknown): DefinitionFile => ({ name: "helpdesk", file: "connectors/helpdesk.json", payload });

test("a placeholder at a credential path passes the program's check", () => {
  expect(checkDefinitionFiles([file(basic({ $secretConfig: "helpdesk-password" }))]).errors).toEqual([]);
});

test("a placeholder elsewhere, or naming no usable key, is an error naming the file and the property", () => {
  const elsewhere = checkDefinitionFiles([file(basic("plain", { description: { $secretConfig: "helpdesk-description" } }))]).errors;
  expect(elsewhere).toEqual([expect.stringMatching(/^connectors\/helpdesk\.json: description: a \{"\$secretConfig": \.\.\.\} placeholder stands only for a credential/)]);
  const badKey = checkDefinitionFiles([file(basic({ $secretConfig: "has space" }))]).errors;
  expect(badKey).toEqual([expect.stringMatching(/^connectors\/helpdesk\.json: auth_patterns\[0\]\.auth_field_mutations\.password\.default: \$secretConfig must name a config key/)]);
});

test("the rest of a file with a placeholder is still checked", () => {
  const errors = checkDefinitionFiles([file(basic({ $secretConfig: "helpdesk-password" }, { proxy_url: "http://helpdesk.example/api" }))]).errors;
  expect(errors).toEqual([expect.stringContaining("connectors/helpdesk.json: proxy_url:")]);
});

test("resolving puts the config value in place; one missing is an error with the command, listing every missing key", () => {
  const [resolved] = resolveSecretConfigPlaceholders([file(basic({ $secretConfig: "helpdesk-password" }))], "dev", (key) => (key === "helpdesk-password" ? "the-value" : undefined));
  expect((resolved.payload.auth_patterns as any)[0].auth_field_mutations.password.default).toBe("the-value");
  expect(resolved.sites).toEqual([{ path: ["auth_patterns", 0, "auth_field_mutations", "password", "default"], configKey: "helpdesk-password" }]);
  const missing = () => resolveSecretConfigPlaceholders([file(basic({ $secretConfig: "helpdesk-password" }))], "production", () => undefined);
  expect(missing).toThrow(MissingSecretConfigError);
  expect(missing).toThrow(
    'connectors/helpdesk.json: auth_patterns[0].auth_field_mutations.password.default: takes its value from the secret config value "helpdesk-password", which stack "production" does not set.\n' +
      "Set it as secret config of the stack (Pulumi asks for the value and stores it encrypted), then run the command again:\n" +
      "  npm run pulumi -- config set --secret helpdesk-password --stack production",
  );
});

test("pull's replacement keeps everything but the credential, and returns no value", () => {
  const { payload, sites } = withSecretConfigPlaceholders(basic("live-password-123"), "helpdesk");
  expect(payload).toEqual(basic({ $secretConfig: "helpdesk-password" }));
  expect(JSON.stringify({ payload, sites })).not.toContain("live-password-123");
});
