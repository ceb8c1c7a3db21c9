/**
 * Where the credentials come from (stack config first, key by key, then SCALEKIT_* variables),
 * the one message when they are missing, and which environment URLs are accepted.
 */
import { MissingCredentialsError } from "pulumi-scalekit-connectors";
import { resolveCredentials, ScalekitClient, type ConfigSource } from "pulumi-scalekit-connectors/internal";

function config(values: Record<string, string>): ConfigSource {
  return { get: (key) => values[key] };
}

const fullConfig = {
  "scalekit:environmentUrl": "https://config.scalekit.dev",
  "scalekit:clientId": "skc_config",
  "scalekit:clientSecret": "config-secret",
};
const fullEnv = {
  SCALEKIT_ENVIRONMENT_URL: "https://env.scalekit.dev",
  SCALEKIT_CLIENT_ID: "skc_env",
  SCALEKIT_CLIENT_SECRET: "env-secret",
};

describe("resolveCredentials", () => {
  test("the stack config is used when it has every key", () => {
    expect(resolveCredentials(config(fullConfig), fullEnv)).toEqual({
      environmentUrl: "https://config.scalekit.dev",
      clientId: "skc_config",
      clientSecret: "config-secret",
    });
  });

  test("the environment variables are the fallback", () => {
    expect(resolveCredentials(undefined, fullEnv)).toEqual({ environmentUrl: "https://env.scalekit.dev", clientId: "skc_env", clientSecret: "env-secret" });
  });

  test("config wins key by key; the rest comes from the environment", () => {
    const partial = config({ "scalekit:clientSecret": "config-secret" });
    expect(resolveCredentials(partial, fullEnv)).toEqual({ environmentUrl: "https://env.scalekit.dev", clientId: "skc_env", clientSecret: "config-secret" });
  });

  test("an empty value counts as missing", () => {
    const blank = config({ ...fullConfig, "scalekit:clientId": "" });
    expect(resolveCredentials(blank, { SCALEKIT_CLIENT_ID: "skc_env" }).clientId).toBe("skc_env");
    expect(() => resolveCredentials(blank, {})).toThrow(MissingCredentialsError);
  });

  test("missing credentials: one error naming both ways to set each missing key", () => {
    let message = "";
    try {
      resolveCredentials(config({ "scalekit:environmentUrl": "https://config.scalekit.dev" }), {});
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(
      "Scalekit credentials are missing: scalekit:clientId, scalekit:clientSecret.\n" +
        "Set them in the stack's config:\n" +
        "  pulumi config set scalekit:clientId <value>\n" +
        "  pulumi config set --secret scalekit:clientSecret <value>\n" +
        "or export the environment variables SCALEKIT_CLIENT_ID, SCALEKIT_CLIENT_SECRET before running Pulumi.",
    );
  });

  test("with nothing set, all three are named", () => {
    expect(() => resolveCredentials(undefined, {})).toThrow(
      /scalekit:environmentUrl, scalekit:clientId, scalekit:clientSecret[\s\S]*pulumi config set scalekit:environmentUrl <value>[\s\S]*SCALEKIT_ENVIRONMENT_URL, SCALEKIT_CLIENT_ID, SCALEKIT_CLIENT_SECRET/,
    );
  });
});

describe("environment URLs", () => {
  const clients: ScalekitClient[] = [];
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
  });

  function clientFor(environmentUrl: string): ScalekitClient {
    const client = new ScalekitClient({ environmentUrl, clientId: "skc_x", clientSecret: "never-shown-secret" });
    clients.push(client);
    return client;
  }

  test.each(["http://scalekit.example.com", "http://10.0.0.5:8080", "http://[2001:db8::1]/"])("plain http to %s is refused", (url) => {
    expect(() => clientFor(url)).toThrow(/uses plain http, which would send the client secret unencrypted\. Use https:\/\//);
  });

  test.each(["http://127.0.0.1:8080", "http://127.10.20.30", "http://localhost:9000", "http://[::1]:7000", "https://acme.scalekit.dev"])("%s is accepted", (url) => {
    expect(clientFor(url).base.protocol).toMatch(/^https?:$/);
  });

  test("a path prefix is kept, without a trailing slash", () => {
    expect(clientFor("https://gateway.example.com/tenants/acme/").base.href).toBe("https://gateway.example.com/tenants/acme");
  });

  test("something that is not a URL is refused with the expected form", () => {
    expect(() => clientFor("acme.scalekit.dev")).toThrow('The Scalekit environment URL "acme.scalekit.dev" is not a URL. Use the environment\'s URL from the Scalekit dashboard, like https://yourcompany.scalekit.dev.');
  });

  test("other schemes are refused", () => {
    expect(() => clientFor("ftp://acme.scalekit.dev")).toThrow("The Scalekit environment URL must start with https:// (got ftp:).");
  });
});
