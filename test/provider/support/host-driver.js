/**
 * Plays Pulumi's Node.js dynamic provider host (@pulumi/pulumi/cmd/dynamic-provider/index.js at
 * 3.248.0) for one serialized provider, in a plain Node process (no TypeScript loader), started
 * in the program's directory:
 *   - the provider text is loaded with require-from-string and no file name, then `.handler()`;
 *   - configure({ config }) gets the host's own Config class over the raw stack config;
 *   - every argument and result crosses a protobuf Struct, as on the wire;
 *   - check's inputs, create's and read's and update's properties carry `__provider`, as the host
 *     adds it; diff and update get the old outputs as `olds`.
 *
 * Usage: node host-driver.js <job.json> <result.json>
 * job: { providerText, project, config, args, changedArgs, invalidArgs }
 * result: { steps: [{ name, result } | { name, error }], logs: [string] }
 */
"use strict";
const fs = require("fs");
const requireFromString = require("require-from-string");
const { Config } = require("@pulumi/pulumi/cmd/dynamic-provider/config");
const structproto = require("google-protobuf/google/protobuf/struct_pb");

const [jobPath, resultPath] = process.argv.slice(2);
const job = JSON.parse(fs.readFileSync(jobPath, "utf8"));
const logs = [];
const steps = [];

// pulumi.log.warn falls back to console.warn when no engine is attached.
for (const method of ["log", "info", "warn", "error"]) {
  console[method] = (...args) => logs.push(`${method}: ${args.map(String).join(" ")}`);
}

/** A value as it arrives through gRPC: plain JSON in a protobuf Struct. */
function wire(value) {
  if (value === undefined) return undefined;
  return structproto.Struct.fromJavaScript(JSON.parse(JSON.stringify(value))).toJavaScript();
}

async function step(name, run) {
  try {
    const result = await run();
    steps.push({ name, result: result === undefined ? null : result });
    return result;
  } catch (error) {
    steps.push({ name, error: { message: error.message, stack: error.stack } });
    return undefined;
  }
}

async function main() {
  const providerKey = "__provider";
  const provider = requireFromString(job.providerText).handler();
  await step("configure", () => provider.configure({ config: new Config(job.config, job.project) }));

  const withProvider = (props) => Object.assign(wire(props) || {}, { [providerKey]: job.providerText });

  const checked = await step("check", async () => {
    const result = await provider.check({}, wire({ ...job.args, [providerKey]: job.providerText }));
    return { inputs: withProvider(result.inputs), failures: result.failures };
  });
  const created = await step("create", async () => {
    const result = await provider.create(checked.inputs);
    return { id: result.id, outs: withProvider(result.outs) };
  });
  const readBack = await step("read", async () => {
    const result = await provider.read(created.id, created.outs);
    return { id: result.id, props: withProvider(result.props), inputs: result.inputs && withProvider(result.inputs) };
  });
  await step("diff-unchanged", async () => provider.diff(created.id, readBack.props, checked.inputs));

  const changed = await step("check-changed", async () => {
    const result = await provider.check(checked.inputs, wire({ ...job.changedArgs, [providerKey]: job.providerText }));
    return { inputs: withProvider(result.inputs), failures: result.failures };
  });
  await step("diff-changed", async () => provider.diff(created.id, readBack.props, changed.inputs));
  const updated = await step("update", async () => {
    const result = await provider.update(created.id, readBack.props, changed.inputs);
    return { outs: withProvider(result.outs) };
  });
  await step("diff-after-update", async () => provider.diff(created.id, updated.outs, changed.inputs));

  await step("check-invalid", async () => provider.check(changed.inputs, wire({ ...job.invalidArgs, [providerKey]: job.providerText })));

  await step("delete", async () => provider.delete(created.id, updated.outs));
  await step("read-after-delete", async () => provider.read(created.id, updated.outs));
  await step("delete-again", async () => provider.delete(created.id, updated.outs));
}

main()
  .catch((error) => steps.push({ name: "driver", error: { message: error.message, stack: error.stack } }))
  .finally(() => {
    fs.writeFileSync(resultPath, JSON.stringify({ steps, logs }, null, 2));
    // The runtime keeps a connection pool open; the host would too. This run is over.
    process.exit(0);
  });
