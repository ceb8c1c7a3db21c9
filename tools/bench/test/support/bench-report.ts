/** The report the bench's table tests render: a fixed machine, load and timing around the sizes and sections a test gives. */
import type { BenchReport, SizeResult } from "../../lib/report";

export function benchReport(sizes: SizeResult[], sections: Partial<Pick<BenchReport, "fixedCost" | "previousPair">> = {}): BenchReport {
  return {
    machine: { cpuModel: "Test CPU", cores: 2, memoryGiB: 8, node: "v24.22.3", pulumi: "v3.276.0", platform: "Linux" },
    latencyMs: 50,
    parallelism: 8,
    transport: "the real curl",
    startedAt: "2026-01-01T00:00:00.000Z",
    durationMs: 1000,
    load: { threshold: 1, loadBefore: 0.4, loadAfter: 0.4, waitedMs: 0, idle: true },
    sizes,
    ...sections,
  };
}
