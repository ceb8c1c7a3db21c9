package main

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/scalekit-connectors-as-code/tools/pulumi-cli/internal/pclbind"

	tsgen "github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// GenerateProgram turns a PCL program into TypeScript, for the code `pulumi import` prints for
// the resources it imported.
func (h *nodeHost) GenerateProgram(
	_ context.Context, req *pulumirpc.GenerateProgramRequest,
) (*pulumirpc.GenerateProgramResponse, error) {
	bound, err := pclbind.BindProgramSource(req.GetSource(), req.GetLoaderTarget(), req.GetStrict())
	if err != nil || bound.Program == nil {
		return &pulumirpc.GenerateProgramResponse{Diagnostics: bound.RPCDiagnostics()}, err
	}
	files, diags, err := tsgen.GenerateProgram(bound.Program)
	if err != nil {
		return nil, fmt.Errorf("could not generate TypeScript from the program: %w", err)
	}
	return &pulumirpc.GenerateProgramResponse{
		Source:      files,
		Diagnostics: append(bound.RPCDiagnostics(), plugin.HclDiagnosticsToRPCDiagnostics(diags)...),
	}, nil
}

// GenerateProject writes a whole TypeScript project (index.ts, package.json, tsconfig.json,
// Pulumi.yaml) for a PCL program, for `pulumi convert --language typescript`.
func (h *nodeHost) GenerateProject(
	_ context.Context, req *pulumirpc.GenerateProjectRequest,
) (*pulumirpc.GenerateProjectResponse, error) {
	bound, err := pclbind.BindProgramDirectory(req.GetSourceDirectory(), req.GetLoaderTarget(), req.GetStrict())
	if err != nil || bound.Program == nil {
		return &pulumirpc.GenerateProjectResponse{Diagnostics: bound.RPCDiagnostics()}, err
	}
	var project workspace.Project
	if err := json.Unmarshal([]byte(req.GetProject()), &project); err != nil {
		return nil, fmt.Errorf("could not read the project the engine sent: %w", err)
	}
	if err := tsgen.GenerateProject(req.GetTargetDirectory(), project, bound.Program, req.GetLocalDependencies(), false, "nodejs"); err != nil {
		return nil, fmt.Errorf("could not generate the TypeScript project: %w", err)
	}
	return &pulumirpc.GenerateProjectResponse{Diagnostics: bound.RPCDiagnostics()}, nil
}

// GeneratePackage writes a TypeScript SDK for a package schema into req.Directory, with Pulumi's
// own Node.js generator: `pulumi package gen-sdk <schema> --language nodejs`.
func (h *nodeHost) GeneratePackage(
	_ context.Context, req *pulumirpc.GeneratePackageRequest,
) (*pulumirpc.GeneratePackageResponse, error) {
	loader, closeLoader, err := pclbind.OpenLoader(req.GetLoaderTarget())
	if err != nil {
		return nil, err
	}
	defer closeLoader()
	pkg, diags, err := pclbind.BindPackageSchema(req.GetSchema(), loader)
	if err != nil {
		return nil, err
	}
	if diags.HasErrors() {
		return &pulumirpc.GeneratePackageResponse{Diagnostics: plugin.HclDiagnosticsToRPCDiagnostics(diags)}, nil
	}
	files, err := tsgen.GeneratePackage("pulumi-language-nodejs", pkg, req.GetExtraFiles(), req.GetLocalDependencies(), req.GetLocal(), loader)
	if err != nil {
		return nil, fmt.Errorf("could not generate the TypeScript SDK of %s: %w", pkg.Name, err)
	}
	if err := pclbind.WriteFiles(req.GetDirectory(), files); err != nil {
		return nil, err
	}
	return &pulumirpc.GeneratePackageResponse{Diagnostics: plugin.HclDiagnosticsToRPCDiagnostics(diags)}, nil
}
