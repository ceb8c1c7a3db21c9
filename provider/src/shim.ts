/**
 * The object Pulumi serializes into every CustomConnector's state. It must stay tiny and capture
 * nothing but a package name: each method loads the implementation when it runs, inside the
 * provider host, so state written by one version of this package works with the next.
 */
import type * as pulumi from "@pulumi/pulumi";

/** Creates the shim. Plain function expressions only: they serialize as they are written. */
export function createProviderShim(): pulumi.dynamic.ResourceProvider {
  return {
    configure: function (request) {
      return require("pulumi-scalekit-connectors/runtime").configure(request);
    },
    check: function (olds, news) {
      return require("pulumi-scalekit-connectors/runtime").check(olds, news);
    },
    diff: function (id, olds, news) {
      return require("pulumi-scalekit-connectors/runtime").diff(id, olds, news);
    },
    create: function (inputs) {
      return require("pulumi-scalekit-connectors/runtime").create(inputs);
    },
    read: function (id, props) {
      return require("pulumi-scalekit-connectors/runtime").read(id, props);
    },
    update: function (id, olds, news) {
      return require("pulumi-scalekit-connectors/runtime").update(id, olds, news);
    },
    delete: function (id, props) {
      return require("pulumi-scalekit-connectors/runtime").remove(id, props);
    },
  };
}
