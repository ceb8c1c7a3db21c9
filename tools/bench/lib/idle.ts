/**
 * Waiting for a quiet machine before measuring: other work on a 2-core machine (another test
 * suite, a build) changes every wall time. The benchmark waits, up to a bound, until the 1-minute
 * load average is below a threshold, and the report says whether it was.
 */
import * as fs from "fs";
import * as os from "os";

export interface IdleOptions {
  /** The 1-minute load average to get below. */
  threshold: number;
  /** Give up after this long and measure anyway. */
  maxWaitMs: number;
  pollMs: number;
  loadAverage?: () => number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  log?: (line: string) => void;
}

export interface IdleWait {
  threshold: number;
  /** The 1-minute load average when the wait began and when it ended. */
  loadBefore: number;
  loadAfter: number;
  waitedMs: number;
  /** True when the load went below the threshold within the bound. */
  idle: boolean;
}

export async function waitForIdle(options: IdleOptions): Promise<IdleWait> {
  const loadAverage = options.loadAverage ?? (() => os.loadavg()[0]!);
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? (() => Date.now());
  const started = now();
  const loadBefore = loadAverage();
  let load = loadBefore;
  let reported = false;
  while (load >= options.threshold && now() - started < options.maxWaitMs) {
    if (!reported) {
      options.log?.(`bench: 1-minute load average ${load.toFixed(2)}; waiting (at most ${Math.round(options.maxWaitMs / 1000)} s) until it is below ${options.threshold}`);
      reported = true;
    }
    await sleep(options.pollMs);
    load = loadAverage();
  }
  return { threshold: options.threshold, loadBefore, loadAfter: load, waitedMs: now() - started, idle: load < options.threshold };
}

/** One line for the report. */
export function describeIdleWait(wait: IdleWait): string {
  const waited = wait.waitedMs >= 1000 ? ` after waiting ${Math.round(wait.waitedMs / 1000)} s` : "";
  if (wait.idle) return `1-minute load average ${wait.loadAfter.toFixed(2)} when measuring began${waited} (below ${wait.threshold}).`;
  return `**The machine was busy**: 1-minute load average still ${wait.loadAfter.toFixed(2)}${waited} (not below ${wait.threshold}); wall times are higher than on a quiet machine.`;
}

/**
 * CPU time the machine spent on other work than this process and the processes it waited for
 * (the pulumi commands, curl, the provider hosts they reaped): a benchmark's own work raises the
 * load average, so that cannot tell whether someone else was busy. Linux only (/proc); elsewhere
 * undefined.
 */
export interface CpuSnapshot {
  /** Busy time of all CPUs, in clock ticks. */
  busy: number;
  /** This process's time and its waited-for children's, in clock ticks. */
  own: number;
  atMs: number;
}

/** Linux's USER_HZ, the unit of /proc/stat and /proc/<pid>/stat. */
const ticksPerSecond = 100;

export function cpuSnapshot(read: (file: string) => string = (file) => fs.readFileSync(file, "utf8")): CpuSnapshot | undefined {
  try {
    const cpu = read("/proc/stat").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal ...: busy is all but idle and iowait.
    const busy = cpu.reduce((sum, value, index) => (index === 3 || index === 4 ? sum : sum + value), 0);
    const stat = read("/proc/self/stat");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ").map(Number);
    // After "pid (comm) ", field 0 is state; utime, stime, cutime, cstime are fields 11 to 14.
    const own = fields[11]! + fields[12]! + fields[13]! + fields[14]!;
    return { busy, own, atMs: Date.now() };
  } catch {
    return undefined;
  }
}

/** Mean number of cores other work kept busy between two snapshots. */
export function otherCores(before: CpuSnapshot | undefined, after: CpuSnapshot | undefined): number | undefined {
  if (!before || !after || after.atMs <= before.atMs) return undefined;
  const otherTicks = Math.max(0, after.busy - before.busy - (after.own - before.own));
  return otherTicks / ticksPerSecond / ((after.atMs - before.atMs) / 1000);
}
