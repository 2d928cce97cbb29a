package discordtest_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"newsbot/bot/discordtest"
)

// testToken is the token every test session logs in with.
const testToken = "Bot test-token"

// newSession returns a discordgo session that talks to srv, not yet open.
func newSession(t *testing.T, srv *discordtest.Server) *discordgo.Session {
	t.Helper()
	s, err := discordgo.New(testToken)
	if err != nil {
		t.Fatalf("new session: %v", err)
	}
	s.Client = srv.Client()
	s.Identify.Intents = discordgo.IntentsGuilds | discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages
	return s
}

// mustOpen opens s and closes it when the test ends, before srv closes.
// It closes only after the socket's first heartbeat: discordgo v0.29.0
// starts its heartbeat loop after Open returns, and a loop whose first
// heartbeat comes after Close reconnects the closed session.
func mustOpen(t *testing.T, srv *discordtest.Server, s *discordgo.Session) {
	t.Helper()
	if err := s.Open(); err != nil {
		t.Fatalf("open session: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := srv.WaitHeartbeat(ctx); err != nil {
			t.Errorf("before closing the session: %v", err)
		}
		if err := s.Close(); err != nil {
			t.Errorf("close session: %v", err)
		}
	})
}

// collect returns a channel that gets every event of type T the session
// handles. Register it before Open to see READY-time events.
func collect[T any](s *discordgo.Session) <-chan T {
	ch := make(chan T, 64)
	s.AddHandler(func(_ *discordgo.Session, e T) { ch <- e })
	return ch
}

// mustReceive returns the next event from ch, failing after 5s.
func mustReceive[T any](t *testing.T, ch <-chan T) T {
	t.Helper()
	select {
	case e := <-ch:
		return e
	case <-time.After(5 * time.Second):
		var zero T
		t.Fatalf("no %T within 5s", zero)
		return zero
	}
}

// ctx returns a context that ends with the test or after 10s.
func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	t.Cleanup(cancel)
	return c
}

// interactionOf is what the bot knows of an interaction it answers.
func interactionOf(sent discordtest.Sent) *discordgo.Interaction {
	return &discordgo.Interaction{ID: sent.ID, Token: sent.Token, AppID: discordtest.AppID}
}

// restCode returns the Discord error code and HTTP status of err, or
// zeros when err is no REST error.
func restCode(err error) (code, status int) {
	var re *discordgo.RESTError
	if !errors.As(err, &re) {
		return 0, 0
	}
	if re.Message != nil {
		code = re.Message.Code
	}
	return code, re.Response.StatusCode
}
