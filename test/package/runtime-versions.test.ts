/**
 * One Pulumi version across the SDK, the CLI and our language hosts, and the Node.js releases the
 * repository says it runs on, read from the files that decide them: package.json and its lock
 * (@pulumi/pulumi), tools/pulumi-cli/go.mod (the CLI and, built in the same `go build` with the
 * same version stamp, our Node.js and Go language hosts), go.old.mod (the previous pair of the
 * compatibility run), the packages' engines and peer range, and .node-version.
 */
import * as fs from "fs";
import * as path from "path";
import { repoRoot } from "../../scripts/lib/paths";
import { majorOf, runtimeVersions } from "../../tools/runtimes/runtimes";

function json(file: string): any {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, file), "utf8"));
}

/** The versions of pulumi/pkg/v3 and pulumi/sdk/v3 a go.mod of tools/pulumi-cli requires. */
function pulumiModules(modFile: string): { pkg: string | undefined; sdk: string | undefined; tool: boolean } {
  const text = fs.readFileSync(path.join(repoRoot, "tools", "pulumi-cli", modFile), "utf8");
  const version = (module: string) => new RegExp(`^\\s*github\\.com/pulumi/pulumi/${module}/v3 v(\\S+)`, "m").exec(text)?.[1];
  return { pkg: version("pkg"), sdk: version("sdk"), tool: /^tool github\.com\/pulumi\/pulumi\/pkg\/v3\/cmd\/pulumi$/m.test(text) };
}

const sdkInLock: string = json("package-lock.json").packages["node_modules/@pulumi/pulumi"].version;

test("package.json asks for exactly the @pulumi/pulumi the lock holds", () => {
  expect(json("package.json").dependencies["@pulumi/pulumi"]).toBe(sdkInLock);
});

test("the CLI and our language hosts are built at the SDK's version (tools/pulumi-cli/go.mod)", () => {
  expect(pulumiModules("go.mod")).toEqual({ pkg: sdkInLock, sdk: sdkInLock, tool: true });
});

test("the compatibility run's previous CLI is built at the previous SDK's version (go.old.mod), older than the default", () => {
  expect(pulumiModules(runtimeVersions.previous.cliModFile)).toEqual({ pkg: runtimeVersions.previous.pulumi, sdk: runtimeVersions.previous.pulumi, tool: true });
  const [previousMajor, previousMinor] = runtimeVersions.previous.pulumi.split(".").map(Number);
  const [major, minor] = sdkInLock.split(".").map(Number);
  expect(major).toBe(previousMajor);
  expect(minor!).toBeGreaterThan(previousMinor!);
});

test("the provider's peer range starts at the oldest tested SDK and, being a caret range on major 3, takes in the default", () => {
  expect(json("provider/package.json").peerDependencies["@pulumi/pulumi"]).toBe(`^${runtimeVersions.previous.pulumi}`);
  expect(majorOf(sdkInLock)).toBe(majorOf(runtimeVersions.previous.pulumi));
});

test("the root, provider and emulator need Node.js 22 or later, the oldest release tested", () => {
  for (const file of ["package.json", "provider/package.json", "emulator/package.json"]) expect([file, json(file).engines.node]).toEqual([file, ">=22"]);
  expect(majorOf(runtimeVersions.maintenanceNode)).toBe(22);
});

test(".node-version names Node.js 24 LTS, the default runtime, and the previous pair's Node.js is 20", () => {
  expect(fs.readFileSync(path.join(repoRoot, ".node-version"), "utf8").trim()).toBe(runtimeVersions.node);
  expect(majorOf(runtimeVersions.node)).toBe(24);
  expect(majorOf(runtimeVersions.previous.node)).toBe(20);
});
