/**
 * The root Pulumi program: one Scalekit custom connector per JSON file in `connectorsDir`
 * (Scalekit's own payload format). The stack `dev` applies them to the Scalekit Dev environment,
 * `production` to Production; credentials come from the stack's `scalekit:` config or the
 * SCALEKIT_* environment variables. The stack's `door` config chooses how they are served: the
 * dynamic provider (`dynamic`, the default) or the resource plugin `pulumi-resource-scalekit`
 * (`plugin`, found through `plugins.providers` in Pulumi.yaml); `npm run migrate` moves a stack
 * from the first to the second with no write to Scalekit.
 */
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { CustomConnector, MissingSecretConfigError, readDefinitionFiles, resolveSecretConfigPlaceholders, validateDefinitionFiles } from "pulumi-scalekit-connectors";

export = async (): Promise<{ connectors: Record<string, pulumi.Output<string>> }> => {
  const config = new pulumi.Config();
  const connectorsDir = path.resolve(config.get("connectorsDir") ?? "connectors");
  const protect = config.getBoolean("protect") ?? false;
  const adoptExisting = config.getBoolean("adoptExisting") ?? false;
  const door = config.get("door") ?? "dynamic";
  if (door !== "dynamic" && door !== "plugin") {
    throw new pulumi.RunError(`Pulumi.${pulumi.getStack()}.yaml: door: must be "dynamic" or "plugin", not ${JSON.stringify(door)}`);
  }
  // Loaded only when chosen: a dynamic stack never loads the plugin's SDK.
  const Connector: typeof CustomConnector | typeof import("pulumi-scalekit-connectors/plugin").CustomConnector =
    door === "plugin" ? (await import("pulumi-scalekit-connectors/plugin")).CustomConnector : CustomConnector;

  // Pulumi stores in state the call stack each resource was registered from, and rewrites it with
  // every checkpoint. Registered after an await, a connector's stack is this function and Pulumi's
  // runner (5 frames); from the module's top level it also held the module loader's (13): about
  // 200 bytes more per connector in compact JSON (bench: "State footprint").
  await Promise.resolve();

  const files = readDefinitionFiles(connectorsDir);
  const problems = validateDefinitionFiles(files);
  if (problems.length > 0) {
    // Nothing is registered, so nothing is sent to Scalekit.
    throw new pulumi.RunError(problems.join("\n"));
  }

  // A credential's placeholder takes the stack's secret config value; one not set stops the run here.
  let resolved;
  try {
    resolved = resolveSecretConfigPlaceholders(files, pulumi.getStack(), (key) => config.getSecret(key));
  } catch (error) {
    if (error instanceof MissingSecretConfigError) throw new pulumi.RunError(error.message);
    throw error;
  }

  const identifiers: Record<string, pulumi.Output<string>> = {};
  for (const file of resolved) {
    const connector = new Connector(
      file.name,
      { scalekitPayload: file.sites.length > 0 ? pulumi.output(file.payload) : file.payload, adopt: adoptExisting },
      { protect },
    );
    identifiers[file.name] = connector.identifier;
  }
  /** Each definition file's base name mapped to the connector's Scalekit identifier (a stack output). */
  return { connectors: identifiers };
};
