/**
 * Where the engine finds the plugin when it is not installed: the package schema's
 * pluginDownloadURL, filled in as Pulumi's HTTP plugin source does (`${VERSION}` replaced, the
 * archive's standard name appended), is the download URL of the archive on the GitHub release of
 * the version's tag, under the name the release script gives it.
 */
import * as fs from "fs";
import { pluginArchiveName, pluginPlatforms, pluginVersion, releaseRepository, schemaPath } from "pulumi-scalekit-connectors/internal";

/** What the engine asks for, given a pluginDownloadURL (Pulumi's httpSource: placeholders filled, then `/pulumi-resource-<name>-v<version>-<os>-<arch>.tar.gz`). */
function engineRequest(downloadUrl: string, version: string, os: string, arch: string): string {
  const filled = downloadUrl.replaceAll("${NAME}", "scalekit").replaceAll("${VERSION}", version).replaceAll("${OS}", os).replaceAll("${ARCH}", arch);
  return `${filled.replace(/\/$/, "")}/pulumi-resource-scalekit-v${version}-${os}-${arch}.tar.gz`;
}

test("the schema's pluginDownloadURL leads the engine to each platform's archive on the release of the version's tag", () => {
  const schema = JSON.parse(fs.readFileSync(schemaPath, "utf8"));
  expect(schema.version).toBe(pluginVersion);
  expect(schema.pluginDownloadURL).toMatch(/^https:\/\//);
  for (const platform of pluginPlatforms) {
    expect(engineRequest(schema.pluginDownloadURL, pluginVersion, platform.os, platform.arch)).toBe(
      `https://github.com/${releaseRepository}/releases/download/v${pluginVersion}/${pluginArchiveName(pluginVersion, platform)}`,
    );
  }
});

test("an archive per os/arch pair the engine downloads plugins for, named as Pulumi names plugin archives", () => {
  expect(pluginPlatforms.map((platform) => `${platform.os}-${platform.arch}`).sort()).toEqual(["darwin-amd64", "darwin-arm64", "linux-amd64", "linux-arm64", "windows-amd64", "windows-arm64"]);
  expect(pluginArchiveName("1.2.3", { os: "linux", arch: "arm64" })).toBe("pulumi-resource-scalekit-v1.2.3-linux-arm64.tar.gz");
});
