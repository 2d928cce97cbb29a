package discordtest

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// descriptionFile is Discord's own OpenAPI description of its HTTP API,
// relative to the module root. It lives beside the repository, shared by
// its worktrees, and is not part of the module.
const descriptionFile = "../shared/docs/discord-openapi.json"

// errNoDescription means the description is not on this machine: the fake
// then answers requests without checking them against it.
var errNoDescription = errors.New("Discord's API description not found")

// apiDescription loads and compiles the description once per process: it
// is 1.2 MB, and every fake in a test binary checks requests against it.
var apiDescription = sync.OnceValues(loadDescription)

// description is Discord's API description, compiled to check requests:
// every documented route with the JSON body schema of each operation.
type description struct {
	routes []route // most specific first: see byLiteralsFirst
}

// route is one documented path, like /channels/{channel_id}/messages,
// with its operations by method.
type route struct {
	segments   []string // a segment in braces stands for any one segment
	operations map[string]operation
}

// operation is one method on a route and what its body must be.
type operation struct {
	body         *jsonschema.Schema // nil when it takes no JSON body
	bodyRequired bool
}

func loadDescription() (*description, error) {
	path, err := findDescription()
	if err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open Discord's API description: %w", err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if err := followDocs(doc); err != nil {
		return nil, fmt.Errorf("adjust %s to Discord's docs: %w", path, err)
	}
	d, err := compileDescription(path, doc)
	if err != nil {
		return nil, fmt.Errorf("compile %s: %w", path, err)
	}
	return d, nil
}

// findDescription looks for descriptionFile beside the module that holds
// the working directory. Tests run in their package's directory, which may
// be anywhere in the module, so the module root is found by its go.mod.
func findDescription() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("find Discord's API description: %w", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("%w: no go.mod above the working directory", errNoDescription)
		}
		dir = parent
	}
	path := filepath.Join(dir, filepath.FromSlash(descriptionFile))
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("%w at %s", errNoDescription, path)
	} else if err != nil {
		return "", fmt.Errorf("find Discord's API description: %w", err)
	}
	return path, nil
}

// pathItemMethods are the keys of an OpenAPI path item that are operations.
var pathItemMethods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

// compileDescription compiles the JSON body schema of every operation in
// doc. The whole document is one resource, so the schemas' $refs into
// #/components/schemas resolve; each body schema is compiled by its JSON
// pointer, like #/paths/~1channels~1{channel_id}~1messages/post/....
func compileDescription(path string, doc any) (*description, error) {
	c := jsonschema.NewCompiler()
	if err := c.AddResource(path, doc); err != nil {
		return nil, err
	}
	d := &description{}
	for p, item := range member(doc, "paths") {
		r := route{segments: strings.Split(strings.Trim(p, "/"), "/"), operations: map[string]operation{}}
		for method := range member(item) {
			if !slices.Contains(pathItemMethods, method) {
				continue
			}
			o, err := compileOperation(c, path+"#"+pointer("paths", p, method), member(item, method))
			if err != nil {
				return nil, fmt.Errorf("%s %s: %w", strings.ToUpper(method), p, err)
			}
			r.operations[strings.ToUpper(method)] = o
		}
		d.routes = append(d.routes, r)
	}
	slices.SortFunc(d.routes, byLiteralsFirst)
	return d, nil
}

// compileOperation compiles the JSON body schema of op, found at loc.
func compileOperation(c *jsonschema.Compiler, loc string, op map[string]any) (operation, error) {
	if member(op, "requestBody", "content", "application/json") == nil {
		return operation{}, nil
	}
	body, err := c.Compile(loc + pointer("requestBody", "content", "application/json", "schema"))
	if err != nil {
		return operation{}, err
	}
	required, _ := member(op, "requestBody")["required"].(bool)
	return operation{body: body, bodyRequired: required}, nil
}

// member returns the object at the end of keys in a decoded JSON document,
// or nil if there is none.
func member(v any, keys ...string) map[string]any {
	for _, k := range keys {
		obj, _ := v.(map[string]any)
		v = obj[k]
	}
	obj, _ := v.(map[string]any)
	return obj
}

// pointer joins keys into a JSON pointer (RFC 6901), escaping the slashes
// of paths and media types.
func pointer(keys ...string) string {
	escape := strings.NewReplacer("~", "~0", "/", "~1")
	var b strings.Builder
	for _, k := range keys {
		b.WriteString("/" + escape.Replace(k))
	}
	return b.String()
}

// byLiteralsFirst orders routes so that where two could match one path,
// the one with a literal segment first comes first, as Discord routes
// DELETE /channels/1/messages/pins/2 to the pins route, not to
// /channels/{channel_id}/messages/{message_id}/....
func byLiteralsFirst(a, b route) int {
	for i := range min(len(a.segments), len(b.segments)) {
		if pa, pb := isParam(a.segments[i]), isParam(b.segments[i]); pa != pb {
			if pb {
				return -1
			}
			return 1
		}
	}
	return len(a.segments) - len(b.segments)
}

func isParam(segment string) bool {
	return strings.HasPrefix(segment, "{") && strings.HasSuffix(segment, "}")
}
