"use strict";
/**
 * Finding a program on PATH, as a shell would: the first folder of PATH holding an executable
 * file of that name. Plain CommonJS, so that tools/pulumi-cli/index.js uses it too; find-program.d.ts
 * types it.
 */
const fs = require("fs");
const path = require("path");

/**
 * The absolute path of `name` on PATH, or undefined. `skip` leaves folders out (given as
 * absolute paths); `pathValue` replaces process.env.PATH.
 */
function findOnPath(name, options = {}) {
  const pathValue = options.pathValue ?? process.env.PATH ?? "";
  for (const dir of pathValue.split(path.delimiter)) {
    if (!dir || (options.skip && options.skip(path.resolve(dir)))) continue;
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

module.exports = { findOnPath };
