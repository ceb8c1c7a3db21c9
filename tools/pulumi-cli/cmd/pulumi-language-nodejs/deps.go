package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// packageJSON holds the parts of a package.json this host reads.
type packageJSON struct {
	Version         string            `json:"version"`
	Dependencies    map[string]string `json:"dependencies"`
	DevDependencies map[string]string `json:"devDependencies"`
}

func readPackageJSON(path string) (packageJSON, error) {
	var pkg packageJSON
	data, err := os.ReadFile(path)
	if err != nil {
		return pkg, err
	}
	if err := json.Unmarshal(data, &pkg); err != nil {
		return pkg, fmt.Errorf("%s is not valid JSON: %w", path, err)
	}
	return pkg, nil
}

// GetProgramDependencies lists the program's direct dependencies (from its
// package.json) with the versions installed in node_modules, for
// `pulumi about`. Transitive dependencies are not listed.
func (h *nodeHost) GetProgramDependencies(
	_ context.Context, req *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	programDir := req.GetPwd()
	if info := req.GetInfo(); info != nil && info.GetProgramDirectory() != "" {
		programDir = info.GetProgramDirectory()
	}
	manifest := filepath.Join(programDir, "package.json")
	pkg, err := readPackageJSON(manifest)
	if err != nil {
		return nil, fmt.Errorf("could not read the program's package.json to list its dependencies: %w", err)
	}

	names := make([]string, 0, len(pkg.Dependencies)+len(pkg.DevDependencies))
	for name := range pkg.Dependencies {
		names = append(names, name)
	}
	for name := range pkg.DevDependencies {
		if _, dup := pkg.Dependencies[name]; !dup {
			names = append(names, name)
		}
	}
	sort.Strings(names)

	deps := make([]*pulumirpc.DependencyInfo, 0, len(names))
	for _, name := range names {
		deps = append(deps, &pulumirpc.DependencyInfo{Name: name, Version: installedVersion(programDir, name)})
	}
	return &pulumirpc.GetProgramDependenciesResponse{Dependencies: deps}, nil
}

// installedVersion finds node_modules/<name>/package.json from dir upwards,
// as node would, and returns its version ("not installed" if none is found).
func installedVersion(dir, name string) string {
	for {
		if pkg, err := readPackageJSON(filepath.Join(dir, "node_modules", name, "package.json")); err == nil {
			return pkg.Version
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "not installed"
		}
		dir = parent
	}
}

// InstallDependencies runs the project's package manager (`npm install` by
// default) in the program directory, for `pulumi install` and `pulumi new`.
func (h *nodeHost) InstallDependencies(
	req *pulumirpc.InstallDependenciesRequest, server pulumirpc.LanguageRuntime_InstallDependenciesServer,
) error {
	closer, stdout, stderr, err := rpcutil.MakeInstallDependenciesStreams(server, req.GetIsTerminal())
	if err != nil {
		return err
	}
	defer closer.Close()

	dir := req.GetDirectory()
	var rawOptions map[string]any
	if info := req.GetInfo(); info != nil {
		if info.GetProgramDirectory() != "" {
			dir = info.GetProgramDirectory()
		}
		rawOptions = info.GetOptions().AsMap()
	}
	opts, err := parseRuntimeOptions(rawOptions)
	if err != nil {
		return err
	}
	bin, err := exec.LookPath(opts.packagemanager)
	if err != nil {
		return fmt.Errorf("could not find %s on PATH to install the program's dependencies (%v); "+
			"install it or run the install yourself", opts.packagemanager, err)
	}

	fmt.Fprintf(stdout, "Installing dependencies with %s install in %s...\n", opts.packagemanager, dir)
	cmd := exec.CommandContext(server.Context(), bin, "install")
	cmd.Dir = dir
	cmd.Stdout = stdout
	cmd.Stderr = stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("`%s install` in %s failed: %w (its output above says why)", opts.packagemanager, dir, err)
	}
	fmt.Fprintln(stdout, "Finished installing dependencies")
	return closer.Close()
}
