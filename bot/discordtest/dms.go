package discordtest

import (
	"net/http"

	"github.com/bwmarrin/discordgo"
)

// createDM answers POST /users/@me/channels: the DM channel between the bot
// and a user, made the first time and the same one after that, as Discord
// does. A user whose DMs are closed still gets a channel; posting in it is
// what Discord refuses (see CloseDMs). A recipient that is no snowflake is
// refused by the check against Discord's API description.
func (s *Server) createDM(_ *http.Request, req *Request) reply {
	var body struct {
		RecipientID string `json:"recipient_id"`
	}
	if rep, ok := decodeJSON(req.Body, &body, ""); !ok {
		return rep
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	user := User{ID: body.RecipientID, Username: "user-" + body.RecipientID}
	if body.RecipientID == alice.ID {
		user = alice
	}
	return reply{status: http.StatusOK, body: s.channelLocked("", "", true, user).wire()}
}

// CloseDMs makes the user take no direct messages from the bot, as a user
// does who turned off DMs from server members or blocked the bot: creating
// the DM channel works, posting in it is refused with 403 and code 50007,
// "Cannot send messages to this user".
func (s *Server) CloseDMs(userID string) {
	s.mu.Lock()
	s.dmsClosed[userID] = true
	s.mu.Unlock()
}

// DMChannel returns the ID of the DM channel between the bot and a user, or
// "" when there is none yet: where to look for the messages sent to them.
func (s *Server) DMChannel(userID string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range s.channels {
		if c.kind == discordgo.ChannelTypeDM && c.recipient.ID == userID {
			return c.id
		}
	}
	return ""
}
