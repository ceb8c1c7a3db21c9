package langhost

import (
	"context"
	"sync"

	"google.golang.org/protobuf/types/known/emptypb"

	"github.com/pulumi/pulumi/sdk/v3/go/common/version"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// Base is what every language host of this project answers the same way: the engine's address
// (given on the command line, or by Handshake when the engine attaches to a running host), the
// host's version (the CLI's), and Unimplemented for what a host does not serve. A host embeds a
// *Base and adds its own methods.
type Base struct {
	pulumirpc.UnimplementedLanguageRuntimeServer

	mu      sync.Mutex
	address string
}

// NewBase starts with the address the engine passed on the command line.
func NewBase(address string) *Base {
	return &Base{address: address}
}

// Address is the engine's gRPC address, for the programs a host runs.
func (b *Base) Address() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.address
}

// Handshake is only used when the engine attaches to an already running host; it tells the
// host the engine's address then.
func (b *Base) Handshake(
	_ context.Context, req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	if addr := req.GetEngineAddress(); addr != "" {
		b.mu.Lock()
		b.address = addr
		b.mu.Unlock()
	}
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

// GetPluginInfo answers the CLI's own version: the hosts are built with it.
func (b *Base) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version.Version}, nil
}
