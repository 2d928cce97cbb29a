package discordtest

import (
	"encoding/json"
	"net/http"
	"slices"
	"time"

	"github.com/bwmarrin/discordgo"
)

// interaction is what the fake remembers of a dispatched interaction, to
// enforce the callback rules and resolve its webhook token.
type interaction struct {
	id, token          string
	kind               discordgo.InteractionType
	channelID, guildID string
	messageID          string // for components: the message clicked on
	sentAt             time.Time

	acked      bool
	originalID string          // the message @original names once answered
	followups  map[string]bool // IDs of followups sent with the token
}

// Callback is an accepted answer to an interaction.
type Callback struct {
	InteractionID string
	Type          discordgo.InteractionResponseType
	Choices       []*discordgo.ApplicationCommandOptionChoice // for autocomplete results
	At            time.Time
}

// allowedResponses are the callback types Discord accepts per interaction
// type: autocomplete takes only results, a command cannot update a message.
var allowedResponses = map[discordgo.InteractionType][]discordgo.InteractionResponseType{
	discordgo.InteractionApplicationCommand: {
		discordgo.InteractionResponseChannelMessageWithSource, discordgo.InteractionResponseDeferredChannelMessageWithSource,
		discordgo.InteractionResponseModal,
	},
	discordgo.InteractionMessageComponent: {
		discordgo.InteractionResponseChannelMessageWithSource, discordgo.InteractionResponseDeferredChannelMessageWithSource,
		discordgo.InteractionResponseDeferredMessageUpdate, discordgo.InteractionResponseUpdateMessage, discordgo.InteractionResponseModal,
	},
	discordgo.InteractionApplicationCommandAutocomplete: {discordgo.InteractionApplicationCommandAutocompleteResult},
}

func unknownInteraction() reply {
	return errReply(http.StatusNotFound, 10062, "Unknown interaction")
}

// interactionCallback answers POST /interactions/{id}/{token}/callback:
// once, within the deadline, with a type that fits the interaction.
func (s *Server) interactionCallback(r *http.Request, req *Request) reply {
	var body struct {
		Type discordgo.InteractionResponseType `json:"type"`
		Data json.RawMessage                   `json:"data"`
	}
	if rep, ok := decodeJSON(req.Body, &body, ""); !ok {
		return rep
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	in := s.interactions[r.PathValue("id")]
	switch {
	case in == nil || in.token != r.PathValue("token"):
		return unknownInteraction()
	case in.acked:
		return errReply(http.StatusBadRequest, 40060, "Interaction has already been acknowledged.")
	case req.At.Sub(in.sentAt) > s.cfg.deadline:
		return unknownInteraction()
	case !slices.Contains(allowedResponses[in.kind], body.Type):
		return invalidForm("", []formError{{"type", "INTERACTION_RESPONSE_TYPE_INVALID", "Invalid interaction response type for this interaction"}})
	}
	if len(body.Data) == 0 || string(body.Data) == "null" {
		body.Data = json.RawMessage(`{}`)
	}

	cb := Callback{InteractionID: in.id, Type: body.Type, At: req.At}
	switch body.Type {
	case discordgo.InteractionResponseChannelMessageWithSource:
		m := s.responseMessage(in, req.At)
		if rep := s.createLocked(m, body.Data, req.Parts, "data."); rep.status != http.StatusOK {
			return rep
		}
		in.originalID = m.ID
	case discordgo.InteractionResponseDeferredChannelMessageWithSource:
		var d struct {
			Flags discordgo.MessageFlags `json:"flags"`
		}
		if rep, ok := decodeJSON(body.Data, &d, "data."); !ok {
			return rep
		}
		m := s.responseMessage(in, req.At)
		m.Flags = discordgo.MessageFlagsLoading | d.Flags&discordgo.MessageFlagsEphemeral
		s.storeLocked(m)
		in.originalID = m.ID
	case discordgo.InteractionResponseDeferredMessageUpdate:
		in.originalID = in.messageID
	case discordgo.InteractionResponseUpdateMessage:
		if rep := s.editLocked(s.messages[in.messageID], body.Data, req.Parts, req.At, "data."); rep.status != http.StatusOK {
			return rep
		}
		in.originalID = in.messageID
	case discordgo.InteractionApplicationCommandAutocompleteResult:
		var d struct {
			Choices []*discordgo.ApplicationCommandOptionChoice `json:"choices"`
		}
		if rep, ok := decodeJSON(body.Data, &d, "data."); !ok {
			return rep
		}
		if len(d.Choices) > 25 {
			return invalidForm("data.", []formError{{"choices", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length."}})
		}
		cb.Choices = d.Choices
	}
	in.acked = true
	s.callbacks = append(s.callbacks, cb)
	s.notify()
	return reply{status: http.StatusNoContent}
}

// responseMessage starts an interaction's original response.
func (s *Server) responseMessage(in *interaction, at time.Time) *Message {
	return &Message{
		ID: s.newID(), ChannelID: in.channelID, GuildID: in.guildID, Source: SourceResponse,
		InteractionID: in.id, Author: BotUser(), Created: at,
	}
}

// webhookLocked resolves /webhooks/{app}/{token} to an answered
// interaction: its webhook exists only once the interaction is answered.
func (s *Server) webhookLocked(r *http.Request) (*interaction, reply, bool) {
	if r.PathValue("app") != AppID {
		return nil, errReply(http.StatusNotFound, 10015, "Unknown Webhook"), false
	}
	in := s.byToken[r.PathValue("token")]
	if in == nil {
		return nil, errReply(http.StatusUnauthorized, 50027, "Invalid Webhook Token"), false
	}
	if !in.acked {
		return nil, errReply(http.StatusNotFound, 10015, "Unknown Webhook"), false
	}
	return in, reply{}, true
}

// webhookMessageLocked resolves {message}, @original or a followup ID, to
// a message sent with the interaction's token.
func (s *Server) webhookMessageLocked(r *http.Request) (*Message, reply, bool) {
	in, rep, ok := s.webhookLocked(r)
	if !ok {
		return nil, rep, false
	}
	id := r.PathValue("message")
	if id == "@original" {
		id = in.originalID
	}
	m := s.messages[id]
	if id == "" || m == nil || m.Deleted || (id != in.originalID && !in.followups[id]) {
		return nil, errReply(http.StatusNotFound, 10008, "Unknown Message"), false
	}
	return m, reply{}, true
}

// executeWebhook answers POST /webhooks/{app}/{token}: a followup, whose
// body comes back only with ?wait=true.
func (s *Server) executeWebhook(r *http.Request, req *Request) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	in, rep, ok := s.webhookLocked(r)
	if !ok {
		return rep
	}
	m := &Message{
		ID: s.newID(), ChannelID: in.channelID, GuildID: in.guildID, Source: SourceFollowup,
		InteractionID: in.id, Author: BotUser(), Created: req.At,
	}
	rep = s.createLocked(m, req.Body, req.Parts, "")
	if rep.status != http.StatusOK {
		return rep
	}
	if in.followups == nil {
		in.followups = map[string]bool{}
	}
	in.followups[m.ID] = true
	if req.Query.Get("wait") != "true" {
		return reply{status: http.StatusNoContent}
	}
	return rep
}

// getWebhookMessage answers GET /webhooks/{app}/{token}/messages/{message}.
func (s *Server) getWebhookMessage(r *http.Request, _ *Request) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, rep, ok := s.webhookMessageLocked(r)
	if !ok {
		return rep
	}
	return reply{status: http.StatusOK, body: wireMessage(m)}
}

// editWebhookMessage answers PATCH /webhooks/{app}/{token}/messages/{message},
// which is how a deferred response gets its content.
func (s *Server) editWebhookMessage(r *http.Request, req *Request) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, rep, ok := s.webhookMessageLocked(r)
	if !ok {
		return rep
	}
	return s.editLocked(m, req.Body, req.Parts, req.At, "")
}

// deleteWebhookMessage answers DELETE /webhooks/{app}/{token}/messages/{message}.
func (s *Server) deleteWebhookMessage(r *http.Request, _ *Request) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, rep, ok := s.webhookMessageLocked(r)
	if !ok {
		return rep
	}
	gone := *m
	gone.Deleted = true
	s.storeLocked(&gone)
	return reply{status: http.StatusNoContent}
}

// Callbacks returns the accepted interaction callbacks, oldest first.
func (s *Server) Callbacks() []Callback {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Callback(nil), s.callbacks...)
}
