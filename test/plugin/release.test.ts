/**
 * Where the engine finds the plugin when it is not installed: the package schema's
 * pluginDownloadURL is Pulumi's `github://api.github.com/<owner>/<repository>` source for this
 * project's repository, whose releases (tag `v<version>`) carry an archive per platform under the
 * name Pulumi's plugin sources ask for. It holds no `${...}` placeholder: `pulumi import` writes it
 * into PCL, where one reads as an interpolation.
 */
import * as fs from "fs";
import { pluginArchiveName, pluginPlatforms, pluginVersion, releaseRepository, schemaPath } from "pulumi-scalekit-connectors/internal";

test("the schema names the version and this repository's GitHub releases as the plugin's source, with no placeholder", () => {
  const schema = JSON.parse(fs.readFileSync(schemaPath, "utf8"));
  expect(schema.version).toBe(pluginVersion);
  expect(schema.pluginDownloadURL).toBe(`github://api.github.com/${releaseRepository}`);
  expect(releaseRepository).toMatch(/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/);
  expect(schema.pluginDownloadURL).not.toContain("${");
});

test("an archive per os/arch pair the engine downloads plugins for, named as Pulumi's plugin sources ask for it", () => {
  expect(pluginPlatforms.map((platform) => `${platform.os}-${platform.arch}`).sort()).toEqual(["darwin-amd64", "darwin-arm64", "linux-amd64", "linux-arm64", "windows-amd64", "windows-arm64"]);
  // pulumi-<kind>-<name>-v<version>-<os>-<arch>.tar.gz (standardAssetName in Pulumi's sdk/go/common/workspace/plugins.go).
  expect(pluginArchiveName("1.2.3", { os: "linux", arch: "arm64" })).toBe("pulumi-resource-scalekit-v1.2.3-linux-arm64.tar.gz");
});
