package main

import (
	"context"
	"fmt"

	"github.com/scalekit-connectors-as-code/tools/pulumi-cli/internal/pclbind"

	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/pcl"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// goGenerators are Pulumi's own Go code generators.
var goGenerators = pclbind.Generators{
	Language: "Go",
	Program:  gogen.GenerateProgram,
	Project: func(dir string, project workspace.Project, program *pcl.Program, localDependencies map[string]string) error {
		return gogen.GenerateProject(dir, project, program, localDependencies)
	},
	Package: func(pkg *schema.Package, req *pulumirpc.GeneratePackageRequest, _ schema.ReferenceLoader) (map[string][]byte, error) {
		if len(req.GetExtraFiles()) > 0 {
			return nil, fmt.Errorf("overlay files are not supported for Go SDKs")
		}
		return gogen.GeneratePackage("pulumi-language-go", pkg, req.GetLocalDependencies())
	},
}

// GeneratePackage: `pulumi package gen-sdk <schema> --language go`.
func (h *goHost) GeneratePackage(_ context.Context, req *pulumirpc.GeneratePackageRequest) (*pulumirpc.GeneratePackageResponse, error) {
	return goGenerators.GeneratePackage(req)
}

// GenerateProgram: the Go `pulumi import` prints for the resources it imported.
func (h *goHost) GenerateProgram(_ context.Context, req *pulumirpc.GenerateProgramRequest) (*pulumirpc.GenerateProgramResponse, error) {
	return goGenerators.GenerateProgram(req)
}

// GenerateProject: a whole Go project (main.go, go.mod, Pulumi.yaml), for `pulumi convert --language go`.
func (h *goHost) GenerateProject(_ context.Context, req *pulumirpc.GenerateProjectRequest) (*pulumirpc.GenerateProjectResponse, error) {
	return goGenerators.GenerateProject(req)
}
