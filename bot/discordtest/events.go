package discordtest

import (
	"encoding/json"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"
)

// everyonePermissions is what a plain member may do in a text channel: a
// spec that sets no permissions gets this, as a user without roles would.
const everyonePermissions = discordgo.PermissionViewChannel | discordgo.PermissionSendMessages |
	discordgo.PermissionEmbedLinks | discordgo.PermissionAttachFiles | discordgo.PermissionReadMessageHistory |
	discordgo.PermissionAddReactions | discordgo.PermissionUseExternalEmojis | discordgo.PermissionUseApplicationCommands

// botRoleID is the managed role Discord gives the bot when it joins.
const botRoleID = "800000000000000002"

// User is a Discord user as the fake sends it in events.
type User struct {
	ID       string
	Username string
	Bot      bool
}

func (u User) wire() map[string]any {
	w := map[string]any{
		"id": u.ID, "username": u.Username, "global_name": u.Username,
		"discriminator": "0", "avatar": nil, "public_flags": 0,
	}
	if u.Bot {
		w["bot"] = true
	}
	return w
}

// CommandOption is one option of an application command as the user
// filled it in; it marshals to the shape Discord sends.
type CommandOption struct {
	Name    string                                 `json:"name"`
	Type    discordgo.ApplicationCommandOptionType `json:"type"`
	Value   any                                    `json:"value,omitempty"`
	Focused bool                                   `json:"focused,omitempty"` // the option being typed, in autocomplete
	Options []CommandOption                        `json:"options,omitempty"` // for subcommands
}

// InteractionSpec describes an interaction a user triggers. Zero fields
// get Discord-like defaults: an application command by alice in ChannelID
// of GuildID, with the permissions of a plain member.
type InteractionSpec struct {
	Type    discordgo.InteractionType // application command (2), component (3) or autocomplete (4)
	Name    string                    // command name, for commands and autocomplete
	Options []CommandOption

	CustomID      string                  // for components
	ComponentType discordgo.ComponentType // for components; a button unless set
	Values        []string                // chosen values, for select menus
	MessageID     string                  // the message the component is on; a bot message the fake knows is sent whole

	GuildID   string
	ChannelID string
	DM        bool // sent in the user's DM with the bot: no guild, no member
	User      User

	Permissions    int64 // the member's permissions; a plain member's when zero
	AppPermissions int64 // the bot's permissions in the channel; all when zero
}

// MessageSpec describes a message a user posts. Zero fields get the same
// defaults as InteractionSpec.
type MessageSpec struct {
	Content   string
	Author    User
	Mentions  []User // users mentioned; include BotUser() for a mention of the bot
	GuildID   string
	ChannelID string
	DM        bool
}

// Sent identifies what SendInteraction or SendMessage dispatched.
type Sent struct {
	ID    string
	Token string // the interaction token; empty for messages
}

// SendInteraction dispatches INTERACTION_CREATE with every field discordgo
// needs to decode it, and starts the callback deadline.
func (s *Server) SendInteraction(spec InteractionSpec) Sent {
	switch spec.Type {
	case 0, discordgo.InteractionApplicationCommand, discordgo.InteractionMessageComponent,
		discordgo.InteractionApplicationCommandAutocomplete:
	default:
		s.t.Errorf("discordtest: SendInteraction: type %d is not faked (use 2, 3 or 4)", spec.Type)
		return Sent{}
	}
	payload, in := s.newInteraction(spec)
	s.dispatch("INTERACTION_CREATE", payload, in.guildID)
	return Sent{ID: in.id, Token: in.token}
}

// NewInteraction builds an interaction as SendInteraction does, and starts its
// callback deadline, without sending it over the gateway: for a bot that takes
// interactions as HTTP requests. The test POSTs the payload to the bot and
// relays the bot's HTTP response to the callback endpoint, as Discord does.
func (s *Server) NewInteraction(spec InteractionSpec) ([]byte, Sent) {
	payload, in := s.newInteraction(spec)
	return payload, Sent{ID: in.id, Token: in.token}
}

func (s *Server) newInteraction(spec InteractionSpec) (json.RawMessage, *interaction) {
	kind := spec.Type
	if kind == 0 {
		kind = discordgo.InteractionApplicationCommand
	}
	user := spec.User
	if user.ID == "" {
		user = alice
	}
	appPerms := spec.AppPermissions
	if appPerms == 0 {
		appPerms = discordgo.PermissionAll
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	ch := s.channelLocked(spec.GuildID, spec.ChannelID, spec.DM, user)
	in := &interaction{id: s.newID(), kind: kind, channelID: ch.id, guildID: ch.guildID, sentAt: time.Now()}
	in.token = "itoken-" + in.id
	d := map[string]any{
		"id": in.id, "application_id": AppID, "type": kind, "token": in.token, "version": 1,
		"channel_id": ch.id, "channel": ch.wire(), "locale": "en-US", "entitlements": []any{},
		"app_permissions": strconv.FormatInt(appPerms, 10),
	}
	if ch.guildID != "" {
		perms := spec.Permissions
		if perms == 0 {
			perms = everyonePermissions
		}
		d["guild_id"] = ch.guildID
		d["guild_locale"] = "en-US"
		d["member"] = memberWire(user, perms)
		d["context"] = 0
		d["authorizing_integration_owners"] = map[string]string{"0": ch.guildID}
	} else {
		d["user"] = user.wire()
		d["context"] = 1
		d["authorizing_integration_owners"] = map[string]string{"1": user.ID}
	}
	switch kind {
	case discordgo.InteractionApplicationCommand, discordgo.InteractionApplicationCommandAutocomplete:
		data := map[string]any{"id": s.commandIDLocked(spec.Name, ch.guildID), "name": spec.Name, "type": discordgo.ChatApplicationCommand}
		if len(spec.Options) > 0 {
			data["options"] = spec.Options
		}
		d["data"] = data
	case discordgo.InteractionMessageComponent:
		ct := spec.ComponentType
		if ct == 0 {
			ct = discordgo.ButtonComponent
		}
		data := map[string]any{"custom_id": spec.CustomID, "component_type": ct}
		if ct != discordgo.ButtonComponent {
			data["values"] = append([]string{}, spec.Values...)
		}
		d["data"] = data
		m := s.componentMessageLocked(spec.MessageID, ch)
		in.messageID = m.ID
		d["message"] = wireMessage(m)
	}
	s.interactions[in.id] = in
	s.byToken[in.token] = in
	return mustJSON(d), in
}

// componentMessageLocked finds the message a component was clicked on, or
// makes one up for a test that did not post it through the fake first.
func (s *Server) componentMessageLocked(id string, ch *channel) *Message {
	if m, ok := s.messages[id]; ok {
		return m
	}
	if id == "" {
		id = s.newID()
	}
	m := &Message{ID: id, ChannelID: ch.id, GuildID: ch.guildID, Source: SourceTest, Author: BotUser(), Created: time.Now()}
	s.storeLocked(m)
	return m
}

// SendMessage dispatches MESSAGE_CREATE for a message a user posts, and
// keeps it so the bot can reply to it.
func (s *Server) SendMessage(spec MessageSpec) Sent {
	author := spec.Author
	if author.ID == "" {
		author = alice
	}
	s.mu.Lock()
	ch := s.channelLocked(spec.GuildID, spec.ChannelID, spec.DM, author)
	m := &Message{
		ID: s.newID(), ChannelID: ch.id, GuildID: ch.guildID, Source: SourceTest,
		Author: author, Content: spec.Content, Created: time.Now(), mentions: spec.Mentions,
	}
	s.storeLocked(m)
	s.mu.Unlock()

	d := wireMessage(m)
	if m.GuildID != "" {
		d["guild_id"] = m.GuildID
		d["member"] = map[string]any{"roles": []string{}, "joined_at": stamp(m.Created), "deaf": false, "mute": false, "flags": 0}
	}
	s.dispatch("MESSAGE_CREATE", mustJSON(d), m.GuildID)
	return Sent{ID: m.ID}
}

// channelLocked returns the channel an event happens in, creating it the
// first time a test names it.
func (s *Server) channelLocked(guildID, channelID string, dm bool, user User) *channel {
	if dm {
		for _, c := range s.channels {
			if c.kind == discordgo.ChannelTypeDM && c.recipient.ID == user.ID && (channelID == "" || c.id == channelID) {
				return c
			}
		}
		if channelID == "" {
			channelID = s.newID()
		}
		c := &channel{id: channelID, kind: discordgo.ChannelTypeDM, recipient: user}
		s.channels[c.id] = c
		return c
	}
	if guildID == "" {
		guildID = GuildID
	}
	if channelID == "" {
		channelID = ChannelID
	}
	c, ok := s.channels[channelID]
	if !ok {
		c = &channel{id: channelID, guildID: guildID, name: "channel-" + channelID, kind: discordgo.ChannelTypeGuildText}
		s.channels[c.id] = c
	}
	return c
}

// channel is a channel the fake knows: the guild's, one a test named, or a
// user's DM with the bot.
type channel struct {
	id, guildID, name string
	kind              discordgo.ChannelType
	recipient         User  // for DMs
	botDenied         int64 // permissions the bot's role is denied here
}

func (c *channel) wire() map[string]any {
	w := map[string]any{"id": c.id, "type": c.kind, "last_message_id": nil, "flags": 0}
	if c.kind == discordgo.ChannelTypeDM {
		w["recipients"] = []any{c.recipient.wire()}
		return w
	}
	w["guild_id"] = c.guildID
	w["name"] = c.name
	w["position"] = 0
	w["permission_overwrites"] = []any{}
	if c.botDenied != 0 {
		w["permission_overwrites"] = []any{map[string]any{"id": botRoleID, "type": 0, "allow": "0", "deny": strconv.FormatInt(c.botDenied, 10)}}
	}
	w["nsfw"] = false
	w["parent_id"] = nil
	return w
}

func memberWire(u User, perms int64) map[string]any {
	return map[string]any{
		"user": u.wire(), "roles": []string{}, "permissions": strconv.FormatInt(perms, 10),
		"joined_at": "2024-01-01T00:00:00.000000+00:00", "nick": nil, "deaf": false, "mute": false, "flags": 0,
	}
}

// readyPayload is READY: the bot user, application and session; its guild
// is unavailable until the GUILD_CREATE that follows.
func (s *Server) readyPayload(sess *session) json.RawMessage {
	bot := BotUser().wire()
	bot["verified"] = true
	bot["mfa_enabled"] = false
	bot["flags"] = 0
	guilds := []any{}
	if shardOf(GuildID, sess.shard[1]) == sess.shard[0] {
		guilds = append(guilds, map[string]any{"id": GuildID, "unavailable": true})
	}
	return mustJSON(map[string]any{
		"v": 9, "user": bot, "session_id": sess.id, "session_type": "normal",
		"resume_gateway_url": s.gatewayURL(), "guilds": guilds, "shard": sess.shard,
		"application":      map[string]any{"id": AppID, "flags": 0},
		"private_channels": []any{}, "relationships": []any{}, "presences": []any{},
	})
}

// guildPayload is GUILD_CREATE for the bot's guild, with its channels, the
// @everyone role, and the bot as a member with its managed role.
func (s *Server) guildPayload() json.RawMessage {
	s.mu.Lock()
	channels := []any{}
	for _, c := range s.channels {
		if c.guildID == GuildID {
			channels = append(channels, c.wire())
		}
	}
	s.mu.Unlock()
	role := func(id, name string, perms int64, position int, managed bool) map[string]any {
		return map[string]any{
			"id": id, "name": name, "permissions": strconv.FormatInt(perms, 10), "position": position,
			"color": 0, "hoist": false, "managed": managed, "mentionable": false, "flags": 0,
		}
	}
	bot := memberWire(BotUser(), discordgo.PermissionAll)
	delete(bot, "permissions") // members in GUILD_CREATE carry roles, not permissions
	bot["roles"] = []string{botRoleID}
	return mustJSON(map[string]any{
		"id": GuildID, "name": "Newsroom", "owner_id": UserID, "unavailable": false,
		"joined_at": stamp(time.Now()), "member_count": 2, "large": false, "preferred_locale": "en-US",
		"roles": []any{
			role(GuildID, "@everyone", everyonePermissions, 0, false),
			// Not Administrator, which would override the channels' overwrites.
			role(botRoleID, "newsbot", discordgo.PermissionAll&^discordgo.PermissionAdministrator, 1, true),
		},
		"channels": channels, "members": []any{bot}, "emojis": []any{}, "stickers": []any{},
		"voice_states": []any{}, "presences": []any{}, "threads": []any{}, "stage_instances": []any{}, "features": []any{},
	})
}

// stamp formats a time as Discord does; discordgo rejects other formats.
func stamp(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05.000000-07:00")
}

// mustJSON marshals payloads the fake builds from strings, numbers, maps
// and discordgo types, which cannot fail to marshal.
func mustJSON(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic("discordtest: marshal own payload: " + err.Error())
	}
	return b
}
