/**
 * `pulumi up` killed the way a dead CI runner or `kill -9` kills it: SIGKILL to the pulumi process
 * once the emulator has answered a given number of creates. Its helper processes (language host,
 * program, dynamic provider host) are left running, as they are in real life, until the API
 * requests they had in flight are answered; then they are ended by process id, and what they had
 * sent meanwhile is answered too, so that Scalekit (the emulator) holds still from then on.
 */
import { emulatorControl } from "../../scripts/lib/emulator-control";
import type { WatchedEmulator } from "../../scripts/lib/emulators";
import { pulumiCommand, runPulumi } from "../../scripts/lib/pulumi-process";
import type { Project } from "./fault-harness";
import { childrenRunning, descendants, exited, killAll } from "./process-tree";

export interface KilledRun {
  killedAfterCreates: number;
  signal: NodeJS.Signals | null;
  leftovers: number[];
  /** The end of what the run printed, for failure messages. */
  tail: string;
}

/**
 * Runs `pulumi up` and sends SIGKILL to the pulumi process as soon as the emulator has answered
 * `creates` more successful creates. Returns once the helpers it left behind have been ended and
 * the emulator has no request of theirs in flight.
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
  // The dynamic provider host outlives pulumi: the requests it has in flight are answered first.
  await emulatorControl.idle(watched.url);
  killAll(leftovers);
  // Gone, they send nothing more; what they sent before is answered before this returns.
  await exited(leftovers);
  await emulatorControl.idle(watched.url);
  return { killedAfterCreates: seen, signal: result.signal, leftovers, tail: result.output.slice(-3000) };
}
