package discordtest_test

import (
	"errors"
	"net/http"
	"testing"

	"github.com/bwmarrin/discordgo"

	"newsbot/bot/discordtest"
)

// A DM channel is made once per user; a user whose DMs are closed gets one
// too, and posting in it is refused with 50007.
func TestDirectMessages(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	s := newSession(t, srv)
	const bob = "600000000000000002"
	srv.CloseDMs(bob)

	first, err := s.UserChannelCreate(discordtest.UserID)
	if err != nil {
		t.Fatal(err)
	}
	again, err := s.UserChannelCreate(discordtest.UserID)
	if err != nil {
		t.Fatal(err)
	}
	if first.ID != again.ID || srv.DMChannel(discordtest.UserID) != first.ID || first.Type != discordgo.ChannelTypeDM || len(first.Recipients) != 1 || first.Recipients[0].ID != discordtest.UserID {
		t.Errorf("DM channels %+v and %+v; want one DM with alice", first, again)
	}
	if _, err := s.ChannelMessageSend(first.ID, "hello"); err != nil {
		t.Errorf("posting to alice: %v", err)
	}

	closed, err := s.UserChannelCreate(bob)
	if err != nil {
		t.Fatalf("a DM channel with a user whose DMs are closed: %v", err)
	}
	_, err = s.ChannelMessageSend(closed.ID, "hello")
	var rest *discordgo.RESTError
	if !errors.As(err, &rest) || rest.Response.StatusCode != http.StatusForbidden || rest.Message == nil || rest.Message.Code != discordgo.ErrCodeCannotSendMessagesToThisUser {
		t.Errorf("posting to a user whose DMs are closed: %v; want 403 with code 50007", err)
	}
}
