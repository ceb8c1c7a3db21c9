/**
 * Child process entry: drives a serialized dynamic provider (the `__provider` string of the
 * state) the way Pulumi's Node.js dynamic provider host does for the engine: deserialize it once
 * with require-from-string, call `configure` with the stack config, then for each resource
 * `check` + `create` (an up creating resources) or `read` (a refresh), at most `parallelism`
 * resources at a time, as the engine's step executor does. A fresh process per job, so that the
 * provider's per-process caches (token, listing) start empty as in a new `pulumi` run.
 *
 *   node -r ts-node/register/transpile-only provider-driver.ts <job.json> <result.json>
 */
import * as fs from "fs";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const requireFromString: (code: string) => { handler(): DynamicProvider } = require("require-from-string");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Config } = require("@pulumi/pulumi/cmd/dynamic-provider/config") as {
  Config: new (raw: Record<string, string>, project: string) => unknown;
};

type Props = Record<string, unknown>;

interface DynamicProvider {
  configure?(req: { config: unknown }): Promise<void>;
  check?(olds: Props, news: Props): Promise<{ inputs?: Props; failures?: { property: string; reason: string }[] }>;
  create(inputs: Props): Promise<{ id: string; outs?: Props }>;
  read?(id: string, props: Props): Promise<{ id: string; props?: Props }>;
}

export interface DriverJob {
  operation: "create" | "read";
  parallelism: number;
  project: string;
  config: Record<string, string>;
  providerString: string;
  /** create: the inputs of each resource; read: its id and its current outputs. */
  items: { id?: string; props: Props }[];
}

export interface DriverResult {
  /** From the first call to the last answer, after deserializing and configuring. */
  wallMs: number;
  /** Time to deserialize and configure the provider. */
  setupMs: number;
  done: { id: string; props: Props }[];
  errors: string[];
}

const providerKey = "__provider";

async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++]!;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

async function main(jobPath: string, resultPath: string): Promise<void> {
  const job = JSON.parse(fs.readFileSync(jobPath, "utf8")) as DriverJob;
  const setupStart = performance.now();
  const provider = requireFromString(job.providerString).handler();
  if (provider.configure) await provider.configure({ config: new Config(job.config, job.project) });
  const setupMs = performance.now() - setupStart;

  const done: DriverResult["done"] = [];
  const errors: string[] = [];
  const started = performance.now();
  await pool(job.items, job.parallelism, async (item) => {
    try {
      if (job.operation === "create") {
        let inputs = item.props;
        if (provider.check) {
          const checked = await provider.check({}, item.props);
          if (checked.failures && checked.failures.length > 0) {
            throw new Error(checked.failures.map((f) => `${f.property}: ${f.reason}`).join("; "));
          }
          inputs = { ...(checked.inputs ?? item.props), [providerKey]: job.providerString };
        }
        const created = await provider.create(inputs);
        done.push({ id: created.id, props: { ...(created.outs ?? {}), [providerKey]: job.providerString } });
      } else {
        if (!provider.read) throw new Error("the provider has no read");
        const read = await provider.read(item.id!, item.props);
        done.push({ id: read.id, props: { ...(read.props ?? {}), [providerKey]: job.providerString } });
      }
    } catch (error) {
      errors.push(error instanceof Error ? error.message : String(error));
    }
  });
  const result: DriverResult = { wallMs: performance.now() - started, setupMs, done, errors };
  fs.writeFileSync(resultPath, JSON.stringify(result));
}

const [jobPath, resultPath] = process.argv.slice(2);
if (!jobPath || !resultPath) {
  process.stderr.write("usage: provider-driver <job.json> <result.json>\n");
  process.exit(2);
}
main(jobPath, resultPath).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`provider driver failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
