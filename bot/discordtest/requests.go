package discordtest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"
)

// apiPrefix is where discordgo v0.29.0 sends REST calls.
const apiPrefix = "/api/v9"

// Request is one REST call the fake received, kept with the status it got,
// so tests can assert what the bot sent, how often and when.
type Request struct {
	Method string
	Path   string // without the /api/v9 prefix, like /channels/1/messages
	Query  url.Values
	Header http.Header // includes Authorization
	Body   []byte      // the JSON body; for multipart, the payload_json part
	Parts  []Part      // multipart parts other than payload_json
	Status int         // the status the fake answered with
	At     time.Time   // when it arrived
}

// Part is one part of a multipart body, usually an attached file.
type Part struct {
	Name        string
	Filename    string
	ContentType string
	Data        []byte
}

// Decode unmarshals the JSON body into v.
func (r Request) Decode(v any) error {
	if err := json.Unmarshal(r.Body, v); err != nil {
		return fmt.Errorf("decode %s %s body: %w", r.Method, r.Path, err)
	}
	return nil
}

// Matches returns a predicate for requests like "POST /channels/*/messages":
// a method, then a path under /api/v9 in path.Match syntax, where * stands
// for one path segment. It panics on a malformed pattern, as
// regexp.MustCompile does, since the pattern is part of the test.
func Matches(pattern string) func(Request) bool {
	method, pathPattern, ok := strings.Cut(pattern, " ")
	if _, err := path.Match(pathPattern, ""); !ok || err != nil {
		panic(fmt.Sprintf("discordtest: bad request pattern %q: want \"METHOD /path/*\"", pattern))
	}
	return func(r Request) bool {
		matched, _ := path.Match(pathPattern, r.Path) // the pattern was checked above
		return matched && r.Method == method
	}
}

// Requests returns every REST call received so far, oldest first.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// WaitRequest returns the first request, already received or still to
// come, for which match is true. Without a deadline on ctx it waits 10s.
func (s *Server) WaitRequest(ctx context.Context, match func(Request) bool) (Request, error) {
	var found Request
	err := s.waitUntil(ctx, func() bool {
		s.mu.Lock()
		defer s.mu.Unlock()
		for _, r := range s.requests {
			if match(r) {
				found = r
				return true
			}
		}
		return false
	})
	if err != nil {
		return Request{}, fmt.Errorf("wait for request: %w", err)
	}
	return found, nil
}

// readRequest turns an incoming call into a Request, splitting multipart
// bodies the way discordgo builds them.
func readRequest(r *http.Request, at time.Time) (*Request, error) {
	req := &Request{
		Method: r.Method,
		Path:   strings.TrimPrefix(r.URL.Path, apiPrefix),
		Query:  r.URL.Query(),
		Header: r.Header.Clone(),
		At:     at,
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return req, fmt.Errorf("read body: %w", err)
	}
	mediaType, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mediaType != "multipart/form-data" {
		req.Body = body
		return req, nil
	}
	mr := multipart.NewReader(bytes.NewReader(body), params["boundary"])
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return req, nil
		}
		if err != nil {
			return req, fmt.Errorf("read multipart body: %w", err)
		}
		data, err := io.ReadAll(p)
		if err != nil {
			return req, fmt.Errorf("read part %q: %w", p.FormName(), err)
		}
		if p.FormName() == "payload_json" {
			req.Body = data
			continue
		}
		req.Parts = append(req.Parts, Part{Name: p.FormName(), Filename: p.FileName(), ContentType: p.Header.Get("Content-Type"), Data: data})
	}
}

// files keeps the parts that are attachments.
func files(parts []Part) []Part {
	var out []Part
	for _, p := range parts {
		if p.Filename != "" {
			out = append(out, p)
		}
	}
	return out
}
