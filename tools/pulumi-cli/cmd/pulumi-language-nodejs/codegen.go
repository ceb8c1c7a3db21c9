package main

import (
	"context"

	"github.com/scalekit-connectors-as-code/tools/pulumi-cli/internal/pclbind"

	tsgen "github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/pcl"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// typeScriptGenerators are Pulumi's own Node.js code generators, writing TypeScript.
var typeScriptGenerators = pclbind.Generators{
	Language: "TypeScript",
	Program:  tsgen.GenerateProgram,
	Project: func(dir string, project workspace.Project, program *pcl.Program, localDependencies map[string]string) error {
		return tsgen.GenerateProject(dir, project, program, localDependencies, false, "nodejs")
	},
	Package: func(pkg *schema.Package, req *pulumirpc.GeneratePackageRequest, loader schema.ReferenceLoader) (map[string][]byte, error) {
		return tsgen.GeneratePackage("pulumi-language-nodejs", pkg, req.GetExtraFiles(), req.GetLocalDependencies(), req.GetLocal(), loader)
	},
}

// GenerateProgram: the TypeScript `pulumi import` prints for the resources it imported.
func (h *nodeHost) GenerateProgram(_ context.Context, req *pulumirpc.GenerateProgramRequest) (*pulumirpc.GenerateProgramResponse, error) {
	return typeScriptGenerators.GenerateProgram(req)
}

// GenerateProject: a whole TypeScript project (index.ts, package.json, tsconfig.json, Pulumi.yaml), for `pulumi convert --language typescript`.
func (h *nodeHost) GenerateProject(_ context.Context, req *pulumirpc.GenerateProjectRequest) (*pulumirpc.GenerateProjectResponse, error) {
	return typeScriptGenerators.GenerateProject(req)
}

// GeneratePackage: `pulumi package gen-sdk <schema> --language nodejs`.
func (h *nodeHost) GeneratePackage(_ context.Context, req *pulumirpc.GeneratePackageRequest) (*pulumirpc.GeneratePackageResponse, error) {
	return typeScriptGenerators.GeneratePackage(req)
}
