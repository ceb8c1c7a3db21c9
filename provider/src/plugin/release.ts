/**
 * Where the `scalekit` plugin is published, and what its release archives are called: the
 * package schema names the download URL (so that the engine installs the plugin by itself, as it
 * does a native provider's), and scripts/release-artifacts.ts builds one archive per platform
 * under these names.
 *
 * The URL is Pulumi's `github://` form: the engine asks GitHub's API for the release tagged
 * `v<version>` of the repository and downloads its asset
 * `pulumi-resource-scalekit-v<version>-<os>-<arch>.tar.gz` (GITHUB_TOKEN, when set, raises the API's
 * rate limit). Not an https URL with `${VERSION}`: `pulumi import` (3.276) writes the provider's
 * download URL into a PCL package block, where `${VERSION}` reads as an interpolation and the
 * generated code fails to bind. `PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES` can point it at a mirror.
 */
import { pluginExecutable } from "./package-names";

/** The GitHub repository whose releases carry the plugin's archives (tag `v<version>`). */
export const releaseRepository = "scalekit-connectors-as-code/scalekit-connectors-as-code";

/** The schema's `pluginDownloadURL`: the repository's GitHub releases, through GitHub's API. */
export const pluginDownloadURL = `github://api.github.com/${releaseRepository}`;

/** An operating system and architecture, spelled as Pulumi spells them in archive names (Go's GOOS and GOARCH). */
export interface PluginPlatform {
  os: "linux" | "darwin" | "windows";
  arch: "amd64" | "arm64";
}

/**
 * Every platform the engine downloads plugins for (Pulumi knows no other os/arch pair). The
 * plugin is JavaScript with no native module, so the archives differ only in the launcher: a
 * script run by `node` from PATH, or a `.cmd` file on Windows. Node.js is a prerequisite, not
 * bundled (see provider/README.md).
 */
export const pluginPlatforms: readonly PluginPlatform[] = [
  { os: "linux", arch: "amd64" },
  { os: "linux", arch: "arm64" },
  { os: "darwin", arch: "amd64" },
  { os: "darwin", arch: "arm64" },
  { os: "windows", arch: "amd64" },
  { os: "windows", arch: "arm64" },
];

/** The archive's name, as the engine asks for it. */
export function pluginArchiveName(version: string, platform: PluginPlatform): string {
  return `${pluginExecutable}-v${version}-${platform.os}-${platform.arch}.tar.gz`;
}

/** The platform of the running process, as Pulumi spells it; undefined where Pulumi downloads no plugin. */
export function currentPluginPlatform(): PluginPlatform | undefined {
  const os = ({ linux: "linux", darwin: "darwin", win32: "windows" } as const)[process.platform as "linux" | "darwin" | "win32"];
  const arch = ({ x64: "amd64", arm64: "arm64" } as const)[process.arch as "x64" | "arm64"];
  return os && arch ? { os, arch } : undefined;
}
