/**
 * The one private path of @pulumi/pulumi the tooling uses (scripts/lib/dynamic-host-config.js):
 * the Config class Pulumi's Node.js dynamic provider host gives to configure(). These tests fail
 * when a release of @pulumi/pulumi moves it, or when the host stops taking it from there.
 */
import * as fs from "fs";
import * as path from "path";
import { configPath, dynamicHostConfig, dynamicHostFiles } from "../../scripts/lib/dynamic-host-config";

test("the installed @pulumi/pulumi has the Config class where the tooling takes it, beside the host that loads it", () => {
  const files = dynamicHostFiles();
  expect(path.dirname(files.config)).toBe(files.dir);
  // The host's own entry takes its Config from that file: the stand-in uses what the host uses.
  expect(fs.readFileSync(files.host, "utf8")).toMatch(/require\("\.\/config"\)/);
});

test("it reads a bare key in the project's namespace and a full key as given, as the host's does", () => {
  const Config = dynamicHostConfig();
  const config = new Config({ "demo:clientId": "skc_1", "scalekit:environmentUrl": "https://acme.scalekit.dev" }, "demo");
  expect(config.get("clientId")).toBe("skc_1");
  expect(config.get("scalekit:environmentUrl")).toBe("https://acme.scalekit.dev");
  expect(config.get("missing")).toBeUndefined();
  expect(() => config.require("missing")).toThrow(/missing/);
});

test("a release without it stops the tooling with a message saying where to look", () => {
  jest.isolateModules(() => {
    jest.doMock("@pulumi/pulumi/cmd/dynamic-provider/config", () => {
      throw new Error("Cannot find module '@pulumi/pulumi/cmd/dynamic-provider/config'");
    }, { virtual: true });
    const isolated = require("../../scripts/lib/dynamic-host-config") as typeof import("../../scripts/lib/dynamic-host-config");
    expect(() => isolated.dynamicHostConfig()).toThrow(
      new RegExp(`^@pulumi/pulumi \\S+ has no ${configPath} \\(Cannot find module .*\\)\\. .*find where @pulumi/pulumi/cmd/dynamic-provider/index\\.js now gets it`),
    );
  });
  jest.dontMock("@pulumi/pulumi/cmd/dynamic-provider/config");
});
