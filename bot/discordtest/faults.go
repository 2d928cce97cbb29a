package discordtest

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"time"
)

// fault answers the next matching requests in place of the real handler.
type fault struct {
	match func(Request) bool
	left  int
	reply func(at time.Time) reply
	// carriedOut: the request takes effect before the fault's answer
	// replaces Discord's, as when an answer is lost on its way back.
	carriedOut bool
}

// APIError is an error answer for Fail. A zero Message becomes the usual
// "500: Internal Server Error" text; Code 0 is what Discord sends for
// errors that are not its own, like a 502 from its proxy.
type APIError struct {
	Status  int
	Code    int
	Message string
}

// RateLimit makes the next n requests matching pattern (see Matches)
// answer 429 with retry_after and the X-RateLimit headers, as a bucket
// that ran out does. discordgo sleeps and retries them.
func (s *Server) RateLimit(pattern string, n int, retryAfter time.Duration) {
	s.addFault(pattern, n, func(at time.Time) reply {
		secs := retryAfter.Seconds()
		h := http.Header{}
		h.Set("Retry-After", strconv.Itoa(int(math.Ceil(secs))))
		h.Set("X-RateLimit-Limit", "5")
		h.Set("X-RateLimit-Remaining", "0")
		h.Set("X-RateLimit-Reset", strconv.FormatFloat(float64(at.Add(retryAfter).UnixMilli())/1000, 'f', 3, 64))
		h.Set("X-RateLimit-Reset-After", strconv.FormatFloat(secs, 'f', 3, 64))
		h.Set("X-RateLimit-Bucket", "discordtest")
		h.Set("X-RateLimit-Scope", "user")
		body := map[string]any{"message": "You are being rate limited.", "retry_after": secs, "global": false}
		return reply{status: http.StatusTooManyRequests, body: body, header: h}
	})
}

// Fail makes the next n requests matching pattern (see Matches) answer
// with e, for outages (500, 502: discordgo retries a 502 three times) and
// refusals like 403 Missing Permissions (code 50013).
func (s *Server) Fail(pattern string, n int, e APIError) {
	if e.Message == "" {
		e.Message = fmt.Sprintf("%d: %s", e.Status, http.StatusText(e.Status))
	}
	s.addFault(pattern, n, func(time.Time) reply { return errReply(e.Status, e.Code, e.Message) })
}

// LoseReplies makes the next n requests matching pattern (see Matches) take
// effect, but answer with e instead of Discord's answer: a proxy that timed
// out after Discord had made the message, or a connection that dropped on
// the way back. The bot cannot tell whether its request was carried out.
func (s *Server) LoseReplies(pattern string, n int, e APIError) {
	s.Fail(pattern, n, e)
	s.mu.Lock()
	s.faults[len(s.faults)-1].carriedOut = true
	s.mu.Unlock()
}

func (s *Server) addFault(pattern string, n int, r func(time.Time) reply) {
	f := &fault{match: Matches(pattern), left: n, reply: r}
	s.mu.Lock()
	s.faults = append(s.faults, f)
	s.mu.Unlock()
}

// takeFault spends one turn of the first fault that matches req, and
// returns it.
func (s *Server) takeFault(req Request) *fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, f := range s.faults {
		if f.left > 0 && f.match(req) {
			f.left--
			return f
		}
	}
	return nil
}

// DropConnections cuts every gateway socket without a close frame, as a
// network failure does; the bot should Resume and get the events it missed.
// It first waits for WaitHeartbeat, since discordgo v0.29.0 churns when a
// socket drops before its first heartbeat.
func (s *Server) DropConnections(ctx context.Context) error {
	return s.disturb(ctx, "drop connections", func(c *gatewayConn) {
		c.ws.Close()
		s.unbindLocked(c)
	})
}

// SendReconnect sends op 7 Reconnect on every socket, as Discord does
// before it moves a bot to another gateway server; the bot should close
// the socket and Resume. It first waits for WaitHeartbeat.
func (s *Server) SendReconnect(ctx context.Context) error {
	return s.disturb(ctx, "send reconnect", func(c *gatewayConn) {
		c.send(frame{Op: opReconnect}) // a failed write closes the socket: a drop instead
		s.unbindLocked(c)
	})
}

// InvalidateSession sends op 9 Invalid Session on every socket; discordgo
// answers with a fresh Identify on the same socket. A session that is not
// resumable is forgotten, so its missed events are lost as on Discord.
// It first waits for WaitHeartbeat.
func (s *Server) InvalidateSession(ctx context.Context, resumable bool) error {
	return s.disturb(ctx, "invalidate session", func(c *gatewayConn) {
		if !resumable && c.sess != nil {
			delete(s.sessions, c.sess.id)
		}
		c.send(frame{Op: opInvalidSession, D: resumable})
		s.unbindLocked(c)
		s.conns[c] = true // the socket stays live and identifies again
	})
}

// disturb applies f to every live socket once the gateway has settled.
func (s *Server) disturb(ctx context.Context, what string, f func(*gatewayConn)) error {
	if err := s.WaitHeartbeat(ctx); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	s.gw.Lock()
	for c, live := range s.conns {
		if live {
			f(c)
		}
	}
	s.gw.Unlock()
	s.notify()
	return nil
}
