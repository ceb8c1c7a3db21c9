/**
 * The provider's settings are one core list (core/client/provider-settings.ts): the plugin's
 * config schema, its CheckConfig and DiffConfig, and the SDK's Provider all follow it, so each
 * setting has the same name, kind and secrecy everywhere.
 */
import * as pulumi from "@pulumi/pulumi";
import { changedConfig, checkConfig, packageSchema, pluginVersion, providerSettings, specialSignatureKey } from "pulumi-scalekit-connectors/internal";
import { Provider, providerInputs } from "pulumi-scalekit-connectors/plugin";

const schema = packageSchema(pluginVersion);
const jsonType = { text: "string", "whole number": "integer" } as const;
const valueOf = { text: "a-value", "whole number": 300 } as const;
const wrongValueOf = { text: 42, "whole number": "many" } as const;

test.each(providerSettings.map((setting) => [setting.field, setting] as const))("%s: the schema's config and provider inputs take it with its kind and secrecy", (field, setting) => {
  const expected = { type: jsonType[setting.kind], description: setting.description, ...(setting.secret ? { secret: true } : {}) };
  expect(schema.config.variables[field]).toEqual(expected);
  expect(schema.provider.inputProperties[field]).toEqual(expected);
});

test("the schema, CheckConfig's checks, DiffConfig and the SDK list the same settings, in the list's order", () => {
  const fields = providerSettings.map((setting) => setting.field);
  expect(Object.keys(schema.config.variables)).toEqual(fields);
  expect([...providerInputs]).toEqual(fields);
  const olds = Object.fromEntries(providerSettings.map((setting) => [setting.field, valueOf[setting.kind]]));
  const news = Object.fromEntries(providerSettings.map((setting) => [setting.field, setting.kind === "text" ? "changed" : 301]));
  expect(changedConfig(olds, news)).toEqual(fields);
});

test.each(providerSettings.map((setting) => [setting.field, setting] as const))("%s: CheckConfig refuses a value of another kind, and keeps a secret one secret", (field, setting) => {
  const refused = checkConfig({ [field]: wrongValueOf[setting.kind] });
  expect(refused.failures.map((failure) => failure.property)).toEqual([field]);
  const accepted = checkConfig({ [field]: valueOf[setting.kind] });
  expect(accepted.failures).toEqual([]);
  const kept = accepted.inputs[field] as Record<string, unknown>;
  expect(typeof kept === "object" && kept !== null && specialSignatureKey in kept).toBe(setting.secret);
});

test("the SDK's Provider passes every setting to the engine under its field", async () => {
  let markRegistered: (inputs: Record<string, unknown>) => void = () => undefined;
  const registered = new Promise<Record<string, unknown>>((resolve) => (markRegistered = resolve));
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        markRegistered(args.inputs);
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call: () => ({}),
    },
    "settings",
    "dev",
  );
  const args = Object.fromEntries(providerSettings.map((setting) => [setting.field, valueOf[setting.kind]]));
  new Provider("environment", args);
  const inputs = await registered;
  expect(Object.keys(inputs).sort()).toEqual(Object.keys(args).sort());
  for (const setting of providerSettings) {
    const input = inputs[setting.field];
    // A secret setting reaches the engine wrapped as a secret; the others as written.
    if (setting.secret) expect(input).toEqual({ [specialSignatureKey]: expect.any(String), value: args[setting.field] });
    else expect(input).toEqual(args[setting.field]);
  }
});
