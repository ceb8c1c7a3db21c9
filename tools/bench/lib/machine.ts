/** What the benchmark ran on, printed with every table. */
import * as os from "os";
import { runPulumiOk, type PulumiSession } from "../../../scripts/lib/pulumi-process";

export interface Machine {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  node: string;
  pulumi: string;
  platform: string;
}

export async function describeMachine(session: PulumiSession): Promise<Machine> {
  const cpus = os.cpus();
  const version = await runPulumiOk(session, ["version"]);
  return {
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    cores: os.availableParallelism(),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    pulumi: version.stdout.trim(),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}
