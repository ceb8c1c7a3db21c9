/** Moved to tools/runtimes/runtimes.js; this re-export stays until the bench imports it from there. */
export * from "../../tools/runtimes/runtimes";
