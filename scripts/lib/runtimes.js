"use strict";
/** Moved to tools/runtimes/runtimes.js; this re-export stays until the bench imports it from there. */
module.exports = require("../../tools/runtimes/runtimes");
