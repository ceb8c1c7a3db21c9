/**
 * What each entry loads. A program imports the main entry and Pulumi's provider host the runtime
 * entry on every command, a preview included; neither needs the HTTP stack until an API call is
 * made, so neither loads undici up front (about 40 to 50 ms each, measured when this was cut).
 * The resource plugin's executable, which the engine starts on every command, takes only the gRPC
 * definitions from @pulumi/pulumi, not the SDK itself (its index, runtime, resources, automation).
 * Each case runs in a fresh Node.js process, so that nothing loaded by Jest or another test counts.
 */
import { execFileSync } from "child_process";
import * as path from "path";
import { packageRoot, pluginExecutable } from "pulumi-scalekit-connectors/internal";

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

/** What a fresh plugin process had loaded when it printed its port: @pulumi/pulumi's files, every package's name, and the package's own compiled files (relative to dist/). */
interface PluginStartLoad {
  port: string;
  pulumiFiles: string[];
  packages: string[];
  ownFiles: string[];
}

/**
 * Starts the plugin's executable as the engine does (the engine's address as its argument) in a
 * fresh Node.js process, and answers, once it has printed its port, what that process's module
 * cache holds.
 */
function loadedByPluginStart(): PluginStartLoad {
  const executable = path.join(packageRoot, "bin", pluginExecutable);
  const dist = path.join(packageRoot, "dist") + path.sep;
  const script = `
    process.argv = [process.execPath, ${JSON.stringify(executable)}, "127.0.0.1:1"];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = (chunk) => {
      const pulumiFiles = [], packages = new Set(), ownFiles = [];
      for (const file of Object.keys(require.cache)) {
        const match = /node_modules[\\\\/]@pulumi[\\\\/]pulumi[\\\\/](.+)$/.exec(file);
        if (match) pulumiFiles.push(match[1].replace(/\\\\/g, "/"));
        const name = /node_modules[\\\\/]((?:@[^\\\\/]+[\\\\/])?[^\\\\/]+)/.exec(file);
        if (name) packages.add(name[1].replace(/\\\\/g, "/"));
        else if (file.startsWith(${JSON.stringify(dist)})) ownFiles.push(file.slice(${dist.length}).replace(/\\\\/g, "/"));
      }
      write(JSON.stringify({ port: String(chunk).trim(), pulumiFiles: pulumiFiles.sort(), packages: [...packages].sort(), ownFiles: ownFiles.sort() }));
      process.exit(0);
    };
    require(${JSON.stringify(executable)});
  `;
  return JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8", timeout: 30_000 })) as PluginStartLoad;
}

test("starting the resource plugin loads only @pulumi/pulumi's gRPC definitions, not the SDK", () => {
  const { port, pulumiFiles } = loadedByPluginStart();
  expect(port).toMatch(/^\d+$/); // it started: the port line is what was printed
  expect(pulumiFiles).toContain("proto/provider_grpc_pb.js"); // the probe sees the package's files at all
  expect(pulumiFiles.filter((file) => !file.startsWith("proto/"))).toEqual([]);
});

/**
 * The engine waits for the port before it sends anything; zod, the connector's schema and rules,
 * the operations and the Scalekit client are needed from Configure on, so the plugin loads them
 * then (plugin/calls-on-demand.ts) and prints its port with the gRPC server alone.
 */
test("the resource plugin prints its port before loading zod, the schema, the operations or the client", () => {
  const { port, packages, ownFiles } = loadedByPluginStart();
  expect(port).toMatch(/^\d+$/);
  expect(packages).toContain("@grpc/grpc-js"); // the probe sees packages at all
  expect(ownFiles).toContain("plugin/server.js"); // and the package's own files
  expect(packages).not.toContain("zod");
  expect(packages).not.toContain("undici");
  expect(ownFiles.filter((file) => /^core\/(schema|operations|session|client\/scalekit-client)/.test(file))).toEqual([]);
});
