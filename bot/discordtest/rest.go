package discordtest

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"time"
)

// reply is a REST answer. Handlers return one instead of writing, so the
// request is recorded before the bot can see the answer and act on it.
type reply struct {
	status int
	body   any // nil for no body
	header http.Header
}

// handler answers one REST call; req holds the body already read.
type handler func(r *http.Request, req *Request) reply

// endpoint is one method on a path. bot marks calls that need a bot token;
// interaction callbacks and webhooks are authorised by the token in the URL.
type endpoint struct {
	method string
	bot    bool
	h      handler
}

func (s *Server) routes() http.Handler {
	commands := []endpoint{{"GET", true, s.getCommands}, {"PUT", true, s.putCommands}}
	api := map[string][]endpoint{
		"/gateway":                            {{"GET", false, s.getGateway}},
		"/gateway/bot":                        {{"GET", true, s.getGatewayBot}},
		"/users/@me":                          {{"GET", true, s.getMe}},
		"/users/@me/channels":                 {{"POST", true, s.createDM}},
		"/channels/{channel}":                 {{"GET", true, s.getChannel}},
		"/channels/{channel}/messages":        {{"POST", true, s.postChannelMessage}},
		"/interactions/{id}/{token}/callback": {{"POST", false, s.interactionCallback}},
		"/webhooks/{app}/{token}":             {{"POST", false, s.executeWebhook}},
		"/webhooks/{app}/{token}/messages/{message}": {
			{"GET", false, s.getWebhookMessage}, {"PATCH", false, s.editWebhookMessage}, {"DELETE", false, s.deleteWebhookMessage},
		},
		"/applications/{app}/commands":                commands,
		"/applications/{app}/guilds/{guild}/commands": commands,
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/gateway", s.serveGateway)
	mux.HandleFunc("/gateway/", s.serveGateway) // discordgo adds a slash before ?v=9
	for p, eps := range api {
		mux.Handle(apiPrefix+p, s.rest(eps))
	}
	mux.Handle("/", s.rest(nil))
	return mux
}

// rest records every call with the answer it gets: a refusal if it breaks
// Discord's API description, else after any injected fault had its turn.
func (s *Server) rest(eps []endpoint) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		req, err := readRequest(r, time.Now())
		rep := errReply(http.StatusBadRequest, 0, "400: Bad Request")
		if err == nil {
			rep = s.answer(r, req, eps)
		}
		req.Status = rep.status
		s.mu.Lock()
		s.requests = append(s.requests, *req)
		s.mu.Unlock()
		s.notify()
		writeReply(w, rep)
	}
}

func (s *Server) answer(r *http.Request, req *Request, eps []endpoint) reply {
	if rep, ok := s.conform(req); !ok {
		return rep
	}
	if f := s.takeFault(*req); f != nil {
		if f.carriedOut {
			s.route(r, req, eps)
		}
		return f.reply(req.At)
	}
	return s.route(r, req, eps)
}

// route answers req with the endpoint for its method.
func (s *Server) route(r *http.Request, req *Request, eps []endpoint) reply {
	if eps == nil {
		return errReply(http.StatusNotFound, 0, "404: Not Found")
	}
	for _, ep := range eps {
		if ep.method != r.Method {
			continue
		}
		if token, ok := strings.CutPrefix(req.Header.Get("Authorization"), "Bot "); ep.bot && (!ok || token == "") {
			return errReply(http.StatusUnauthorized, 0, "401: Unauthorized")
		}
		return ep.h(r, req)
	}
	return errReply(http.StatusMethodNotAllowed, 0, "405: Method Not Allowed")
}

func writeReply(w http.ResponseWriter, rep reply) {
	for k, v := range rep.header {
		w.Header()[k] = v
	}
	if rep.body == nil {
		w.WriteHeader(rep.status)
		return
	}
	body := mustJSON(rep.body)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(rep.status)
	w.Write(body)
}

// errReply is Discord's error body: a message and a JSON error code.
func errReply(status, code int, message string) reply {
	return reply{status: status, body: map[string]any{"message": message, "code": code}}
}

// formError is one entry of an Invalid Form Body error; path is dotted,
// like embeds.0.title.
type formError struct {
	path, code, message string
}

// invalidForm is Discord's 50035 answer, with errors nested by path under
// prefix, the place of the checked value in the request body.
func invalidForm(prefix string, errs []formError) reply {
	root := map[string]any{}
	for _, e := range errs {
		node := root
		for _, key := range strings.Split(prefix+e.path, ".") {
			if key == "" {
				continue
			}
			child, ok := node[key].(map[string]any)
			if !ok {
				child = map[string]any{}
				node[key] = child
			}
			node = child
		}
		list, _ := node["_errors"].([]any)
		node["_errors"] = append(list, map[string]any{"code": e.code, "message": e.message})
	}
	return reply{status: http.StatusBadRequest, body: map[string]any{"message": "Invalid Form Body", "code": 50035, "errors": root}}
}

// decodeJSON decodes a body as Discord would: bad JSON is 50109, a wrong
// type is an Invalid Form Body.
func decodeJSON(raw []byte, v any, prefix string) (reply, bool) {
	err := json.Unmarshal(raw, v)
	var typeErr *json.UnmarshalTypeError
	switch {
	case err == nil:
		return reply{}, true
	case errors.As(err, &typeErr):
		return invalidForm(prefix, []formError{{typeErr.Field, "BASE_TYPE_BAD_TYPE", err.Error()}}), false
	default:
		return errReply(http.StatusBadRequest, 50109, "The request body contains invalid JSON."), false
	}
}

// getGateway answers GET /gateway, where discordgo's Open starts.
func (s *Server) getGateway(*http.Request, *Request) reply {
	return reply{status: http.StatusOK, body: map[string]any{"url": s.gatewayURL()}}
}

// getGatewayBot answers GET /gateway/bot, which sharded bots ask first.
func (s *Server) getGatewayBot(*http.Request, *Request) reply {
	return reply{status: http.StatusOK, body: map[string]any{
		"url": s.gatewayURL(), "shards": 1,
		"session_start_limit": map[string]any{
			"total": 1000, "remaining": 1000 - s.Stats().Identifies, "reset_after": 86_400_000, "max_concurrency": 1,
		},
	}}
}

// getMe answers GET /users/@me with the bot user.
func (s *Server) getMe(*http.Request, *Request) reply {
	me := BotUser().wire()
	me["verified"] = true
	me["mfa_enabled"] = false
	return reply{status: http.StatusOK, body: me}
}
