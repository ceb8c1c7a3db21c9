/**
 * The plugin's names and where its files are: package `scalekit`, its one resource, its
 * executable, its version (the npm package's), what each SDK is imported as, the package root and
 * schema.json.
 */
import * as fs from "fs";
import * as path from "path";

export const packageName = "scalekit";
export const customConnectorToken = `${packageName}:index:CustomConnector`;
export const pluginExecutable = `pulumi-resource-${packageName}`;

/** The package's root folder (holding package.json, schema.json, bin/), from dist/plugin/ or src/plugin/. */
export const packageRoot = path.resolve(__dirname, "..", "..");

const npmPackage = JSON.parse(fs.readFileSync(path.join(packageRoot, "package.json"), "utf8")) as { name: string; version: string };

/** The plugin's version: the npm package's, so the plugin and the SDK in one package never disagree. */
export const pluginVersion: string = npmPackage.version;

/** What a TypeScript program imports the plugin's SDK from: the npm package's `/plugin` entry (sdk/index.ts). */
export const nodejsSdkImport = `${npmPackage.name}/plugin`;

/** The Go module of the Go SDK generated from the schema (scripts/go-sdk.js); its package `scalekit` is what a Go program imports. */
export const goSdkModule = "github.com/scalekit-connectors-as-code/sdk/go";

/** The package schema as checked in (schema.json at the package root; package-schema.ts generates it). */
export const schemaPath = path.join(packageRoot, "schema.json");
