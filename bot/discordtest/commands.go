package discordtest

import (
	"fmt"
	"net/http"

	"github.com/bwmarrin/discordgo"
)

// checkApp refuses command calls for another application or a guild
// the bot is not in, as Discord does.
func checkApp(r *http.Request) (reply, bool) {
	if r.PathValue("app") != AppID || (r.PathValue("guild") != "" && r.PathValue("guild") != GuildID) {
		return errReply(http.StatusForbidden, 50001, "Missing Access"), false
	}
	return reply{}, true
}

// putCommands answers a bulk overwrite, global or for the guild: it
// replaces the set, keeps the ID of a command that keeps its name, and
// echoes the set with IDs filled in.
func (s *Server) putCommands(r *http.Request, req *Request) reply {
	if rep, ok := checkApp(r); !ok {
		return rep
	}
	var cmds []*discordgo.ApplicationCommand
	if rep, ok := decodeJSON(req.Body, &cmds, ""); !ok {
		return rep
	}
	for _, c := range cmds {
		if c.Type == 0 {
			c.Type = discordgo.ChatApplicationCommand
		}
	}
	if errs := checkCommands(cmds); len(errs) > 0 {
		return invalidForm("", errs)
	}
	guild := r.PathValue("guild")
	s.mu.Lock()
	defer s.mu.Unlock()
	ids := map[string]string{}
	for _, c := range s.commands[guild] {
		ids[commandKey(c)] = c.ID
	}
	for _, c := range cmds {
		c.ID = ids[commandKey(c)]
		if c.ID == "" {
			c.ID = s.newID()
		}
		c.ApplicationID = AppID
		c.GuildID = guild
		c.Version = s.newID()
	}
	if cmds == nil {
		cmds = []*discordgo.ApplicationCommand{}
	}
	s.commands[guild] = cmds
	s.notify()
	return reply{status: http.StatusOK, body: cmds}
}

// getCommands answers GET with the set last registered.
func (s *Server) getCommands(r *http.Request, _ *Request) reply {
	if rep, ok := checkApp(r); !ok {
		return rep
	}
	return reply{status: http.StatusOK, body: s.Commands(r.PathValue("guild"))}
}

// Commands returns the commands registered for a guild, or the global ones
// for "". Treat them as read-only.
func (s *Server) Commands(guildID string) []*discordgo.ApplicationCommand {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*discordgo.ApplicationCommand{}, s.commands[guildID]...)
}

// commandIDLocked is the ID an interaction carries for a command: the
// registered one, guild first, or a fresh one for a test that registers none.
func (s *Server) commandIDLocked(name, guildID string) string {
	for _, g := range []string{guildID, ""} {
		for _, c := range s.commands[g] {
			if c.Name == name && c.Type == discordgo.ChatApplicationCommand {
				return c.ID
			}
		}
	}
	return s.newID()
}

// commandKey identifies a command within a set: names are unique per type.
func commandKey(c *discordgo.ApplicationCommand) string {
	return fmt.Sprint(c.Type, "/", c.Name)
}
