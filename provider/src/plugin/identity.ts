/** The plugin's names: package `scalekit`, its one resource, and the version (the npm package's). */
import * as fs from "fs";
import * as path from "path";

export const packageName = "scalekit";
export const customConnectorToken = `${packageName}:index:CustomConnector`;
export const pluginExecutable = `pulumi-resource-${packageName}`;

/** The package's root folder (holding package.json, schema.json, bin/), from dist/plugin/ or src/plugin/. */
export const packageRoot = path.resolve(__dirname, "..", "..");

/** The plugin's version: the npm package's, so the plugin and the SDK in one package never disagree. */
export const pluginVersion: string = (JSON.parse(fs.readFileSync(path.join(packageRoot, "package.json"), "utf8")) as { version: string }).version;

/** The package schema as checked in (schema.json at the package root; package-schema.ts generates it). */
export const schemaPath = path.join(packageRoot, "schema.json");
