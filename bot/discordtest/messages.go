package discordtest

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Source says how a message came to be, so tests can tell a channel post
// from an interaction response.
type Source int

// The ways a message reaches the fake.
const (
	SourceChannel  Source = iota + 1 // posted with POST /channels/{id}/messages
	SourceResponse                   // an interaction's original response (@original)
	SourceFollowup                   // an interaction followup
	SourceTest                       // posted by the test: SendMessage, or the message a component sits on
)

// Message is a message as the fake holds it, decoded into discordgo's types
// so tests can inspect what the bot sent. It is a snapshot: an edit makes a
// new one. Treat its slices as read-only.
type Message struct {
	ID            string
	ChannelID     string
	GuildID       string
	Source        Source
	InteractionID string // for responses and followups
	Author        User

	Content         string
	Embeds          []*discordgo.MessageEmbed
	Components      []discordgo.MessageComponent
	AllowedMentions *discordgo.MessageAllowedMentions // as sent; Discord does not echo it
	Reference       *discordgo.MessageReference
	Flags           discordgo.MessageFlags
	TTS             bool
	Files           []Part

	Created time.Time
	Edited  time.Time // zero until edited
	Deleted bool

	mentions []User // for messages a test posts
	nonce    string // as sent with enforce_nonce
}

// nonceWindow is how long the fake remembers an enforced nonce. Discord
// says "the past few minutes"; the fake takes the short end of that.
const nonceWindow = 2 * time.Minute

// messageBody is the part of a create or edit body the fake keeps. Absent
// fields leave a message unchanged, as an edit expects.
type messageBody struct {
	Content         *string                           `json:"content"`
	Embeds          *[]*discordgo.MessageEmbed        `json:"embeds"`
	Components      *[]json.RawMessage                `json:"components"`
	AllowedMentions *discordgo.MessageAllowedMentions `json:"allowed_mentions"`
	Reference       *discordgo.MessageReference       `json:"message_reference"`
	Flags           *discordgo.MessageFlags           `json:"flags"`
	TTS             *bool                             `json:"tts"`
}

// apply copies the fields a body sets onto m.
func (m *Message) apply(b messageBody) []formError {
	var errs []formError
	if b.Content != nil {
		m.Content = *b.Content
	}
	if b.Embeds != nil {
		m.Embeds = *b.Embeds
	}
	if b.Components != nil {
		m.Components = make([]discordgo.MessageComponent, 0, len(*b.Components))
		for i, raw := range *b.Components {
			c, err := discordgo.MessageComponentFromJSON(raw)
			if err != nil {
				errs = append(errs, formError{"components." + strconv.Itoa(i), "UNION_TYPE_CHOICES", err.Error()})
				continue
			}
			m.Components = append(m.Components, c)
		}
	}
	if b.AllowedMentions != nil {
		m.AllowedMentions = b.AllowedMentions
	}
	if b.Reference != nil {
		m.Reference = b.Reference
	}
	if b.Flags != nil {
		m.Flags = *b.Flags
	}
	if b.TTS != nil {
		m.TTS = *b.TTS
	}
	return errs
}

// empty reports a message Discord refuses to create.
func (m *Message) empty() bool {
	return m.Content == "" && len(m.Embeds) == 0 && len(m.Components) == 0 && len(m.Files) == 0
}

// wireMessage is a message as Discord returns it from REST.
func wireMessage(m *Message) map[string]any {
	mentions := []any{}
	for _, u := range m.mentions {
		mentions = append(mentions, u.wire())
	}
	attachments := []any{}
	for i, f := range m.Files {
		id := m.ID + strconv.Itoa(i)
		url := "https://cdn.discordapp.com/attachments/" + m.ChannelID + "/" + id + "/" + f.Filename
		attachments = append(attachments, map[string]any{
			"id": id, "filename": f.Filename, "size": len(f.Data), "url": url, "proxy_url": url, "content_type": f.ContentType,
		})
	}
	w := map[string]any{
		"id": m.ID, "channel_id": m.ChannelID, "type": discordgo.MessageTypeDefault, "content": m.Content,
		"author": m.Author.wire(), "timestamp": stamp(m.Created), "edited_timestamp": nil,
		"tts": m.TTS, "mention_everyone": false, "mentions": mentions, "mention_roles": []string{},
		"attachments": attachments, "embeds": m.Embeds, "components": m.Components, "pinned": false, "flags": m.Flags,
	}
	if m.Embeds == nil {
		w["embeds"] = []any{}
	}
	if m.Components == nil {
		w["components"] = []any{}
	}
	if !m.Edited.IsZero() {
		w["edited_timestamp"] = stamp(m.Edited)
	}
	if m.Reference != nil {
		w["message_reference"] = m.Reference
		w["type"] = discordgo.MessageTypeReply
	}
	if m.InteractionID != "" {
		w["webhook_id"] = AppID
		w["application_id"] = AppID
	}
	if m.Source == SourceResponse {
		w["type"] = discordgo.MessageTypeChatInputCommand
	}
	return w
}

func (s *Server) storeLocked(m *Message) {
	if _, ok := s.messages[m.ID]; !ok {
		s.order = append(s.order, m.ID)
	}
	s.messages[m.ID] = m
	s.notify()
}

// createLocked finishes m from a create body, checks it as Discord would
// and stores it. prefix locates the body in the request for errors.
func (s *Server) createLocked(m *Message, raw json.RawMessage, parts []Part, prefix string) reply {
	var b messageBody
	if rep, ok := decodeJSON(raw, &b, prefix); !ok {
		return rep
	}
	if errs := m.apply(b); len(errs) > 0 {
		return invalidForm(prefix, errs)
	}
	m.Files = files(parts)
	if m.empty() {
		return errReply(http.StatusBadRequest, 50006, "Cannot send an empty message")
	}
	errs := checkMessage(m)
	if ref := m.Reference; ref != nil && (ref.FailIfNotExists == nil || *ref.FailIfNotExists) {
		if target, ok := s.messages[ref.MessageID]; !ok || target.Deleted {
			errs = append(errs, formError{"message_reference", "MESSAGE_REFERENCE_UNKNOWN_MESSAGE", "Unknown message"})
		}
	}
	if len(errs) > 0 {
		return invalidForm(prefix, errs)
	}
	s.storeLocked(m)
	return reply{status: http.StatusOK, body: wireMessage(m)}
}

// editLocked applies an edit body to a stored message and keeps the result
// as a new snapshot. Editing ends a deferred response's loading state.
func (s *Server) editLocked(old *Message, raw json.RawMessage, parts []Part, at time.Time, prefix string) reply {
	var b messageBody
	if rep, ok := decodeJSON(raw, &b, prefix); !ok {
		return rep
	}
	m := *old
	errs := m.apply(b)
	m.Files = append(old.Files[:len(old.Files):len(old.Files)], files(parts)...)
	m.Flags &^= discordgo.MessageFlagsLoading
	m.Edited = at
	errs = append(errs, checkMessage(&m)...)
	if len(errs) > 0 {
		return invalidForm(prefix, errs)
	}
	s.storeLocked(&m)
	return reply{status: http.StatusOK, body: wireMessage(&m)}
}

// postChannelMessage answers POST /channels/{id}/messages.
func (s *Server) postChannelMessage(r *http.Request, req *Request) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	ch, ok := s.channels[r.PathValue("channel")]
	if !ok {
		return errReply(http.StatusNotFound, 10003, "Unknown Channel")
	}
	if ch.botDenied&discordgo.PermissionSendMessages != 0 {
		return errReply(http.StatusForbidden, 50013, "Missing Permissions")
	}
	if ch.kind == discordgo.ChannelTypeDM && s.dmsClosed[ch.recipient.ID] {
		return errReply(http.StatusForbidden, discordgo.ErrCodeCannotSendMessagesToThisUser, "Cannot send messages to this user")
	}
	var nonce struct {
		Nonce   json.RawMessage `json:"nonce"`
		Enforce bool            `json:"enforce_nonce"`
	}
	json.Unmarshal(req.Body, &nonce) // a malformed body is answered by createLocked
	if nonce.Enforce && len(nonce.Nonce) > 0 {
		if earlier := s.nonceLocked(string(nonce.Nonce), req.At); earlier != nil {
			return reply{status: http.StatusOK, body: wireMessage(earlier)}
		}
	}
	m := &Message{ID: s.newID(), ChannelID: ch.id, GuildID: ch.guildID, Source: SourceChannel, Author: BotUser(), Created: req.At}
	if nonce.Enforce {
		m.nonce = string(nonce.Nonce)
	}
	return s.createLocked(m, req.Body, req.Parts, "")
}

// nonceLocked finds the message the bot made with nonce within nonceWindow
// of at: Discord returns that message instead of making the same one again.
func (s *Server) nonceLocked(nonce string, at time.Time) *Message {
	for _, id := range slices.Backward(s.order) {
		m := s.messages[id]
		if at.Sub(m.Created) > nonceWindow {
			return nil
		}
		if m.nonce == nonce && m.Source == SourceChannel {
			return m
		}
	}
	return nil
}

// getChannel answers GET /channels/{id}.
func (s *Server) getChannel(r *http.Request, _ *Request) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	ch, ok := s.channels[r.PathValue("channel")]
	if !ok {
		return errReply(http.StatusNotFound, 10003, "Unknown Channel")
	}
	return reply{status: http.StatusOK, body: ch.wire()}
}

// Messages returns the messages the bot posted, responses and followups
// included, oldest first, each as last edited.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Message
	for _, id := range s.order {
		if m := s.messages[id]; m.Source != SourceTest {
			out = append(out, *m)
		}
	}
	return out
}
