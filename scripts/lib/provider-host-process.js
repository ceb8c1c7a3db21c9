"use strict";
/**
 * Plays Pulumi's Node.js dynamic provider host (@pulumi/pulumi/cmd/dynamic-provider/index.js at
 * 3.248.0) for one serialized provider (the `__provider` text of the state), in a plain Node.js
 * process (no TypeScript loader) started in the program's folder, as the engine starts it:
 *   - the text is loaded with require-from-string and no file name, then `.handler()`;
 *   - configure({ config }) gets the host's own Config class over the raw stack config, first;
 *   - every argument and result crosses a protobuf Struct, as on the wire;
 *   - check's news and the outputs of create, read and update carry `__provider`, as the host
 *     adds it; diff, update and delete get the resource's last outputs as `olds`;
 *   - resources run at most `parallelism` at a time (the engine's step executor), each one's
 *     steps in order; a check that reports failures leaves the resource's inputs as they were.
 * A fresh process per job, so that the provider's per-process caches start empty as in a new
 * `pulumi` run. provider-host.ts starts it and types its job and result; the bench and the
 * tests use it through there.
 *
 *   node provider-host-process.js <job.json> <result.json>
 */
const fs = require("fs");
const requireFromString = require("require-from-string");
const { dynamicHostConfig } = require("./dynamic-host-config");
const structproto = require("google-protobuf/google/protobuf/struct_pb");

const providerKey = "__provider";

/** The provider object a serialized provider text stands for, loaded as the host loads it. */
function loadProvider(providerText) {
  return requireFromString(providerText).handler();
}

/** A value as it arrives through gRPC: plain JSON in a protobuf Struct. */
function wire(value) {
  if (value === undefined) return undefined;
  return structproto.Struct.fromJavaScript(JSON.parse(JSON.stringify(value))).toJavaScript();
}

function errorOf(error) {
  return { message: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined };
}

/** One step of one resource; `state` is the resource as the engine knows it: { id, inputs, outs }. */
async function runStep(provider, providerText, step, state) {
  const withProvider = (props) => Object.assign(wire(props) || {}, { [providerKey]: providerText });
  switch (step.op) {
    case "check": {
      const result = await provider.check(state.inputs || {}, wire({ ...step.args, [providerKey]: providerText }));
      const checked = { inputs: withProvider(result.inputs), failures: result.failures };
      if (!result.failures || result.failures.length === 0) state.inputs = checked.inputs;
      return checked;
    }
    case "create": {
      const result = await provider.create(state.inputs);
      state.id = result.id;
      state.outs = withProvider(result.outs);
      return { id: state.id, outs: state.outs };
    }
    case "read": {
      const result = await provider.read(state.id, state.outs);
      // No id: the resource is gone; the engine would drop it, so its last state stays for the steps that follow.
      if (result.id === undefined) return result;
      state.id = result.id;
      state.outs = withProvider(result.props);
      return { id: state.id, props: state.outs, inputs: result.inputs && withProvider(result.inputs) };
    }
    case "diff":
      return provider.diff(state.id, state.outs, state.inputs);
    case "update": {
      const result = await provider.update(state.id, state.outs, state.inputs);
      state.outs = withProvider(result.outs);
      return { outs: state.outs };
    }
    case "delete":
      return provider.delete(state.id, state.outs);
    default:
      throw new Error(`unknown step ${JSON.stringify(step.op)}`);
  }
}

async function pool(items, limit, work) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

async function runJob(job) {
  const logs = [];
  // pulumi.log.warn falls back to console.warn when no engine is attached.
  for (const method of ["log", "info", "warn", "error"]) {
    console[method] = (...args) => logs.push(`${method}: ${args.map(String).join(" ")}`);
  }
  // Outside the configure below: a missing Config class is this tool's failure, not the provider's.
  const Config = dynamicHostConfig();
  const setupStarted = performance.now();
  const provider = loadProvider(job.providerText);
  let configure = { ok: true };
  try {
    await provider.configure({ config: new Config(job.config, job.project) });
  } catch (error) {
    configure = { error: errorOf(error) };
  }
  const setupMs = performance.now() - setupStarted;

  const resources = job.resources.map((resource) => ({ name: resource.name, id: resource.id, outs: resource.outs, steps: [] }));
  const started = performance.now();
  await pool(
    job.resources.map((resource, index) => ({ resource, into: resources[index] })),
    job.parallelism || 1,
    async ({ resource, into }) => {
      const state = { id: resource.id, inputs: resource.inputs, outs: resource.outs };
      for (const step of resource.steps) {
        const name = step.name || step.op;
        try {
          const result = await runStep(provider, job.providerText, step, state);
          into.steps.push({ name, result: result === undefined ? null : result });
        } catch (error) {
          into.steps.push({ name, error: errorOf(error) });
        }
      }
      into.id = state.id;
      into.outs = state.outs;
    },
  );
  return { configure, setupMs, wallMs: performance.now() - started, resources, logs };
}

module.exports = { loadProvider, runJob };

if (require.main === module) {
  const [jobPath, resultPath] = process.argv.slice(2);
  if (!jobPath || !resultPath) {
    process.stderr.write("usage: node provider-host-process.js <job.json> <result.json>\n");
    process.exit(2);
  }
  runJob(JSON.parse(fs.readFileSync(jobPath, "utf8"))).then(
    (result) => {
      fs.writeFileSync(resultPath, JSON.stringify(result));
      // The runtime keeps a connection pool open; the host would too. This run is over.
      process.exit(0);
    },
    (error) => {
      process.stderr.write(`provider host failed: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
}
