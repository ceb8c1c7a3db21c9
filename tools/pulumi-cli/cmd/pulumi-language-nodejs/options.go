package main

import (
	"fmt"
	"strings"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// runtimeOptions are the `runtime.options` of a nodejs project's Pulumi.yaml
// that this host understands.
type runtimeOptions struct {
	// typescript: run the program through ts-node (default true).
	typescript bool
	// tsconfig: path of the tsconfig file ts-node should use.
	tsconfig string
	// nodeargs: extra arguments for node, split on whitespace.
	nodeargs []string
	// packagemanager: npm (default), yarn, pnpm or bun, for InstallDependencies.
	packagemanager string
}

func parseRuntimeOptions(raw map[string]any) (runtimeOptions, error) {
	opts := runtimeOptions{typescript: true, packagemanager: "npm"}
	for key, value := range raw {
		switch key {
		case "typescript":
			b, ok := value.(bool)
			if !ok {
				return opts, invalidOption(key, value, "true or false")
			}
			opts.typescript = b
		case "tsconfig":
			s, ok := value.(string)
			if !ok {
				return opts, invalidOption(key, value, "a file path")
			}
			opts.tsconfig = s
		case "nodeargs":
			s, ok := value.(string)
			if !ok {
				return opts, invalidOption(key, value, "a string of node arguments")
			}
			opts.nodeargs = strings.Fields(s)
		case "packagemanager":
			s, ok := value.(string)
			if !ok {
				return opts, invalidOption(key, value, "npm, yarn, pnpm or bun")
			}
			switch s {
			case "npm", "yarn", "pnpm", "bun":
				opts.packagemanager = s
			default:
				return opts, invalidOption(key, value, "npm, yarn, pnpm or bun")
			}
		default:
			// Options of the full Pulumi host that this one does not need
			// (e.g. a pinned node version) are ignored rather than refused.
		}
	}
	return opts, nil
}

func invalidOption(key string, value any, want string) error {
	return fmt.Errorf("Pulumi.yaml runtime option %q is %v (%T); it must be %s", key, value, value, want)
}

func errNodeNotFound(cause error) error {
	return status.Errorf(codes.FailedPrecondition,
		"could not find `node` on PATH (%v); install Node.js or put it on PATH and retry", cause)
}
