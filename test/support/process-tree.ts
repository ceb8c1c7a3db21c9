/**
 * Finding the processes a test started, by reading /proc (Linux): the pulumi child of this
 * process, and every process below it (language host, program, dynamic provider host). Killing
 * pulumi with SIGKILL leaves its own children running, re-parented; the test ends them by id.
 */
import * as fs from "fs";

interface ProcessInfo {
  pid: number;
  ppid: number;
}

function readProcesses(): ProcessInfo[] {
  const found: ProcessInfo[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      // "pid (comm) state ppid ..."; comm may hold spaces and parentheses, so cut at the last ")".
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      found.push({ pid: Number(entry), ppid: Number(fields[1]) });
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}

function executable(pid: number): string | undefined {
  try {
    return fs.readlinkSync(`/proc/${pid}/exe`);
  } catch {
    return undefined;
  }
}

/** Direct children of `parent` whose executable is `exe` (symbolic links followed). */
export function childrenRunning(exe: string, parent = process.pid): number[] {
  const target = fs.realpathSync(exe);
  return readProcesses()
    .filter((p) => p.ppid === parent && executable(p.pid) === target)
    .map((p) => p.pid);
}

/** Every process below `root` (not `root` itself). */
export function descendants(root: number): number[] {
  const all = readProcesses();
  const result: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for (const child of all.filter((p) => p.ppid === parent)) {
      result.push(child.pid);
      queue.push(child.pid);
    }
  }
  return result;
}

export function isAlive(pid: number): boolean {
  try {
    const state = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return state.slice(state.lastIndexOf(")") + 2, state.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}

/** Sends SIGKILL to each of `pids` that is still alive (by id only). */
export function killAll(pids: number[]): void {
  for (const pid of pids) {
    if (!isAlive(pid)) continue;
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

/**
 * Resolves once none of `pids` is alive. A process that is not this one's child sends no event
 * when it ends, so /proc is read again every 10 ms; rejects after `timeoutMs`.
 */
export async function exited(pids: number[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const alive = pids.filter(isAlive);
    if (alive.length === 0) return;
    if (Date.now() > deadline) throw new Error(`processes ${alive.join(", ")} still alive ${timeoutMs} ms after SIGKILL`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
