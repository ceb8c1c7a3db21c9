/**
 * Runs a provider-level job (see provider-driver.ts) in a fresh Node.js process started in the
 * repository root, so that the serialized provider resolves `pulumi-scalekit-connectors` there.
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { DriverJob, DriverResult } from "./provider-driver";

const repoRoot = path.resolve(__dirname, "..", "..");
const driver = path.join(__dirname, "provider-driver.ts");

/** The engine's default parallelism: PULUMI_PARALLEL, else GOMAXPROCS (the CPU count) × 4. */
export function engineDefaultParallelism(): number {
  const fromEnv = Number(process.env.PULUMI_PARALLEL);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  return os.availableParallelism() * 4;
}

export async function runProviderJob(job: DriverJob, env: NodeJS.ProcessEnv): Promise<DriverResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "provider-job-"));
  try {
    const jobPath = path.join(dir, "job.json");
    const resultPath = path.join(dir, "result.json");
    fs.writeFileSync(jobPath, JSON.stringify(job));
    await new Promise<void>((resolve, reject) => {
      execFile(
        process.execPath,
        ["-r", "ts-node/register/transpile-only", driver, jobPath, resultPath],
        { cwd: repoRoot, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 },
        (error, _stdout, stderr) => (error ? reject(new Error(`provider driver failed: ${error.message}\n${stderr}`)) : resolve()),
      );
    });
    return JSON.parse(fs.readFileSync(resultPath, "utf8")) as DriverResult;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
