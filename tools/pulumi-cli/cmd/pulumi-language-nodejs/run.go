package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/scalekit-connectors-as-code/tools/pulumi-cli/internal/langhost"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// runModule is the Node.js SDK's program launcher.
const runModule = "@pulumi/pulumi/cmd/run"

// Run executes the Pulumi program once, for a preview or an update.
func (h *nodeHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	info := req.GetInfo()
	programDir, entryPoint, rootDir := req.GetPwd(), req.GetProgram(), ""
	var rawOptions map[string]any
	if info != nil {
		programDir, entryPoint, rootDir = info.GetProgramDirectory(), info.GetEntryPoint(), info.GetRootDirectory()
		rawOptions = info.GetOptions().AsMap()
	}
	if entryPoint == "" {
		// "." lets the launcher use package.json's main/exports or index.
		entryPoint = "."
	}

	opts, err := parseRuntimeOptions(rawOptions)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	nodeBin, err := exec.LookPath("node")
	if err != nil {
		return &pulumirpc.RunResponse{Error: errNodeNotFound(err).Error()}, nil
	}
	launcher, err := resolveLauncher(ctx, nodeBin, programDir)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	env, err := programEnv(req, opts)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}

	args := append(append([]string{}, opts.nodeargs...), launcher)
	args = append(args, h.launcherFlags(req, programDir, rootDir)...)
	args = append(args, entryPoint)
	args = append(args, req.GetArgs()...)
	h.logf("running %s %s in %s", nodeBin, strings.Join(args, " "), programDir)

	cmd := exec.CommandContext(ctx, nodeBin, args...)
	cmd.Dir = programDir
	cmd.Env = env
	// Give node pipes of its own (the wrappers make os/exec copy through
	// goroutines): node may switch the blocking mode of the descriptors it
	// gets, and ours are the pipes the engine reads the program's output from.
	cmd.Stdout = struct{ io.Writer }{os.Stdout}
	cmd.Stderr = struct{ io.Writer }{os.Stderr}
	return langhost.RunResult("the Node.js program", cmd.Run()), nil
}

// launcherFlags builds the flags @pulumi/pulumi/cmd/run understands.
func (h *nodeHost) launcherFlags(req *pulumirpc.RunRequest, programDir, rootDir string) []string {
	var flags []string
	add := func(name, value string) {
		if value != "" {
			flags = append(flags, "--"+name+"="+value)
		}
	}
	add("monitor", req.GetMonitorAddress())
	add("engine", h.Address())
	add("organization", req.GetOrganization())
	add("project", req.GetProject())
	add("stack", req.GetStack())
	add("root-directory", rootDir)
	add("pwd", programDir)
	if req.GetDryRun() {
		flags = append(flags, "--dry-run")
	}
	if p := req.GetParallel(); p > 0 {
		add("parallel", strconv.Itoa(int(p)))
	}
	add("tracing", h.tracing)
	return flags
}

// programEnv is our environment plus the stack configuration and the
// TypeScript switches, in the variables the Node.js SDK reads.
func programEnv(req *pulumirpc.RunRequest, opts runtimeOptions) ([]string, error) {
	config, err := langhost.ConfigVariables(req)
	if err != nil {
		return nil, err
	}
	// Later entries win over inherited ones with the same name.
	env := append(os.Environ(), config...)
	if opts.typescript {
		env = append(env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}
	if opts.tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+opts.tsconfig)
	}
	return env, nil
}

// resolveLauncher finds @pulumi/pulumi/cmd/run the way the program itself
// would find @pulumi/pulumi: with node's resolution from the program
// directory. PULUMI_LANGUAGE_NODEJS_RUN_PATH overrides it.
func resolveLauncher(ctx context.Context, nodeBin, programDir string) (string, error) {
	if override := os.Getenv("PULUMI_LANGUAGE_NODEJS_RUN_PATH"); override != "" {
		return override, nil
	}
	script := "try { process.stdout.write(require.resolve(process.argv[1], {paths: [process.argv[2]]})) }" +
		" catch (e) { process.stderr.write(String(e.message).split('\\n')[0]); process.exit(1) }"
	cmd := exec.CommandContext(ctx, nodeBin, "-e", script, runModule, programDir)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		detail := strings.TrimSpace(firstLine(stderr.String()))
		if detail == "" {
			detail = err.Error()
		}
		return "", fmt.Errorf(
			"could not find the Pulumi Node.js SDK (%s) from %s: %s; "+
				"run `npm install` for the program so that node_modules/@pulumi/pulumi exists",
			runModule, programDir, detail)
	}
	return filepath.Clean(string(out)), nil
}

func firstLine(s string) string {
	for _, line := range strings.Split(s, "\n") {
		if strings.TrimSpace(line) != "" {
			return line
		}
	}
	return ""
}
