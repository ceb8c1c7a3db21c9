/** The review's command line and where each stack's credentials come from. */
import { parseReviewArgs } from "../../scripts/review/args";
import { credentialEnvVars, resolveStackCredentials, stackEnvName, StackConfigReader } from "../../scripts/review/credentials";

describe("parseReviewArgs", () => {
  test("reads --from, --to, --connectors, --project, --json, --no-pulumi-config and --no-state", () => {
    expect(parseReviewArgs(["--from", "dev", "--to=production", "--connectors", "defs", "--json", "--no-pulumi-config", "--no-state"], "/repo")).toEqual({
      kind: "review",
      options: { from: "dev", to: "production", connectorsDir: "defs", projectDir: "/repo", format: "json", usePulumiConfig: false, useState: false },
    });
    expect(parseReviewArgs(["--to", "prod", "--from", "dev", "--project", "/elsewhere"], "/repo")).toMatchObject({
      options: { from: "dev", to: "prod", connectorsDir: undefined, projectDir: "/elsewhere", format: "table", usePulumiConfig: true, useState: true },
    });
    expect(parseReviewArgs(["--from", "dev", "--to", "production", "--no-pulumi-config"], "/repo")).toMatchObject({ options: { usePulumiConfig: false, useState: true } });
    expect(parseReviewArgs(["--help"], "/repo")).toEqual({ kind: "help" });
  });

  test("--format chooses table, json or markdown; --json is --format json; the table is the default", () => {
    const formatOf = (...extra: string[]) => {
      const parsed = parseReviewArgs(["--from", "dev", "--to", "production", ...extra], "/repo");
      return parsed.kind === "review" ? parsed.options.format : parsed.kind;
    };
    expect([formatOf(), formatOf("--format", "markdown"), formatOf("--format=json"), formatOf("--format", "table"), formatOf("--json"), formatOf("--json", "--format", "json")]).toEqual([
      "table",
      "markdown",
      "json",
      "table",
      "json",
      "json",
    ]);
  });

  test.each([
    [["--from", "dev"], "--to is required"],
    [[], "--from and --to are required"],
    [["--from", "dev", "--to"], "--to needs a value"],
    [["--from", "--to", "production"], "--from needs a value"],
    [["--from", "dev", "--to", "production", "--colour"], 'unknown argument "--colour"'],
    [["--from", "dev", "--to", "dev"], "--from and --to are both \"dev\""],
    [["--from", "dev", "--to", "production", "--no-state=yes"], 'unknown argument "--no-state=yes"'],
    [["--from", "dev", "--to", "production", "--format", "html"], '--format "html" is not a format of the review; use one of table, json, markdown'],
    [["--from", "dev", "--to", "production", "--format"], "--format needs a value, e.g. --format markdown"],
    [["--from", "dev", "--to", "production", "--json", "--format", "markdown"], "--json and --format markdown ask for two formats"],
  ])("%j is refused: %s", (argv, message) => {
    expect(() => parseReviewArgs(argv, "/repo")).toThrow(message);
  });
});

describe("stack credentials", () => {
  test("environment variable names use the stack's short name upper-cased", () => {
    expect(stackEnvName("dev")).toBe("DEV");
    expect(stackEnvName("acme/scalekit-connectors/eu-prod")).toBe("EU_PROD");
    expect(credentialEnvVars("production")).toEqual({
      environmentUrl: "SCALEKIT_PRODUCTION_ENVIRONMENT_URL",
      clientId: "SCALEKIT_PRODUCTION_CLIENT_ID",
      clientSecret: "SCALEKIT_PRODUCTION_CLIENT_SECRET",
    });
  });

  test("the stack's Pulumi config wins key by key; the environment fills the rest", async () => {
    const asked: string[] = [];
    const readConfig: StackConfigReader = async (stack) => {
      asked.push(stack);
      return { available: true, projectName: "scalekit-connectors", values: { "scalekit:environmentUrl": "https://dev.from-config.example", "scalekit:clientSecret": "from-config" } };
    };
    const env = {
      SCALEKIT_DEV_ENVIRONMENT_URL: "https://dev.from-env.example",
      SCALEKIT_DEV_CLIENT_ID: "id-from-env",
      SCALEKIT_DEV_CLIENT_SECRET: "secret-from-env",
    };
    await expect(resolveStackCredentials("dev", readConfig, env)).resolves.toEqual({
      environmentUrl: "https://dev.from-config.example",
      clientId: "id-from-env",
      clientSecret: "from-config",
    });
    expect(asked).toEqual(["dev"]);
  });

  test("without Pulumi config, only the stack's own variables count (not the unprefixed SCALEKIT_*)", async () => {
    const env = {
      SCALEKIT_ENVIRONMENT_URL: "https://unprefixed.example",
      SCALEKIT_CLIENT_ID: "x",
      SCALEKIT_CLIENT_SECRET: "unprefixed-secret",
      SCALEKIT_DEV_ENVIRONMENT_URL: "https://dev.example",
    };
    const failure = resolveStackCredentials("dev", undefined, env);
    await expect(failure).rejects.toThrow('missing Scalekit credentials for stack "dev": scalekit:clientId, scalekit:clientSecret');
    await expect(failure).rejects.toThrow("--no-pulumi-config");
    await expect(failure).rejects.toThrow(/SCALEKIT_DEV_CLIENT_ID\n  SCALEKIT_DEV_CLIENT_SECRET$/);
    await expect(failure).rejects.not.toThrow("unprefixed-secret");
  });
});
