package discordtest

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// conform checks req against Discord's API description. A request that
// breaks it is a bug in the bot under test, so the test fails, and the bot
// gets the refusal Discord would send. Without a description it passes all.
func (s *Server) conform(req *Request) (reply, bool) {
	if s.api == nil {
		return reply{}, true
	}
	rep, err := s.api.check(req)
	if err != nil {
		s.t.Errorf("discordtest: %s %s breaks Discord's API description: %v", req.Method, req.Path, err)
		return rep, false
	}
	return reply{}, true
}

// check returns why req breaks the description, with the answer Discord
// gives such a request, or nil if it conforms. The body checked is the
// JSON one, or for an upload its payload_json part, which holds the same.
func (d *description) check(req *Request) (reply, error) {
	r, ok := d.route(req.Path)
	if !ok {
		return errReply(http.StatusNotFound, 0, "404: Not Found"), errors.New("no such route")
	}
	op, ok := r.operations[req.Method]
	if !ok {
		return errReply(http.StatusMethodNotAllowed, 0, "405: Method Not Allowed"), fmt.Errorf("no %s on /%s", req.Method, strings.Join(r.segments, "/"))
	}
	switch {
	case op.body == nil:
		return reply{}, nil
	case len(req.Body) == 0 && !op.bodyRequired:
		return reply{}, nil
	}
	body, err := jsonschema.UnmarshalJSON(bytes.NewReader(req.Body))
	if err != nil {
		return errReply(http.StatusBadRequest, 50109, "The request body contains invalid JSON."), fmt.Errorf("body is not JSON: %w", err)
	}
	if err := op.body.Validate(body); err != nil {
		errs := formErrors(err.(*jsonschema.ValidationError)) // its only error type
		return invalidForm("", errs), brokenRules(errs)
	}
	return reply{}, nil
}

// route finds the documented route of a path under /api/v9.
func (d *description) route(path string) (route, bool) {
	segments := strings.Split(strings.Trim(path, "/"), "/")
	for _, r := range d.routes {
		if r.matches(segments) {
			return r, true
		}
	}
	return route{}, false
}

func (r route) matches(segments []string) bool {
	if len(segments) != len(r.segments) {
		return false
	}
	for i, s := range segments {
		if s == "" || !isParam(r.segments[i]) && s != r.segments[i] {
			return false
		}
	}
	return true
}
