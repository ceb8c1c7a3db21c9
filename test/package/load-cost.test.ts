/**
 * What each entry loads. A program imports the main entry and Pulumi's provider host the runtime
 * entry on every command, a preview included; neither needs the HTTP stack until an API call is
 * made, so neither loads undici up front (about 40 to 50 ms each, measured when this was cut).
 * Each case runs in a fresh Node.js process, so that nothing loaded by Jest or another test counts.
 */
import { execFileSync } from "child_process";

/** The modules under node_modules/<name>/ that requiring `entry` loads, by package name. */
function packagesLoadedBy(entry: string): string[] {
  const script = `
    require(${JSON.stringify(entry)});
    const names = new Set();
    for (const file of Object.keys(require.cache)) {
      const match = /node_modules[\\\\/]((?:@[^\\\\/]+[\\\\/])?[^\\\\/]+)/.exec(file);
      if (match) names.add(match[1].replace(/\\\\/g, "/"));
    }
    process.stdout.write(JSON.stringify([...names].sort()));
  `;
  return JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" })) as string[];
}

test.each(["pulumi-scalekit-connectors", "pulumi-scalekit-connectors/runtime"])("requiring %s does not load undici", (entry) => {
  const loaded = packagesLoadedBy(entry);
  expect(loaded).toContain("@pulumi/pulumi"); // the probe sees packages at all
  expect(loaded).not.toContain("undici");
});

test("the client, which makes the API calls, does load it (the probe can see it)", () => {
  expect(packagesLoadedBy("pulumi-scalekit-connectors/internal")).toContain("undici");
});
