/**
 * `pulumi up` killed the way a dead CI runner or `kill -9` kills it: SIGKILL to the pulumi process
 * once the emulator has answered a given number of creates. Its helper processes (language host,
 * program, dynamic provider host) are left running, as they are in real life, and finish their
 * calls in flight; then they are ended by process id.
 */
import type { WatchedEmulator } from "../../scripts/lib/emulators";
import { pulumiCommand, runPulumi } from "../../scripts/lib/pulumi-process";
import type { Project } from "./fault-harness";
import { childrenRunning, descendants, killAll } from "./process-tree";

export interface KilledRun {
  killedAfterCreates: number;
  signal: NodeJS.Signals | null;
  leftovers: number[];
  /** The end of what the run printed, for failure messages. */
  tail: string;
}

/**
 * Runs `pulumi up` and sends SIGKILL to the pulumi process as soon as the emulator has answered
 * `creates` more successful creates. Returns once the helpers it left behind have gone quiet and
 * have been ended.
 */
export async function upKilledAfter(watched: WatchedEmulator, project: Project, creates: number): Promise<KilledRun> {
  const { pulumiPath } = await pulumiCommand();
  let seen = 0;
  let leftovers: number[] = [];
  let killed = false;
  watched.requests.onRequest = (request) => {
    if (killed || request.method !== "POST" || request.path !== "/api/v1/custom-providers" || request.outcome !== 201) return;
    seen += 1;
    if (seen < creates) return;
    killed = true;
    for (const pid of childrenRunning(pulumiPath)) {
      leftovers = descendants(pid);
      process.kill(pid, "SIGKILL");
    }
  };
  const result = await runPulumi(project.session, ["up", "--yes", "--skip-preview", "--stack", "dev"]);
  watched.requests.onRequest = undefined;
  // The dynamic provider host outlives pulumi and finishes the calls it had started.
  await watched.requests.quiet(1500);
  killAll(leftovers);
  return { killedAfterCreates: seen, signal: result.signal, leftovers, tail: result.output.slice(-3000) };
}
