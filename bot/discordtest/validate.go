package discordtest

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
)

// Discord's limits on what a message and a command may hold. A reply that
// breaks one fails in production, so the fake refuses it too.
const (
	maxContent        = 2000
	maxEmbeds         = 10
	maxEmbedTotal     = 6000
	maxEmbedTitle     = 256
	maxEmbedDesc      = 4096
	maxEmbedFields    = 25
	maxFieldName      = 256
	maxFieldValue     = 1024
	maxFooter         = 2048
	maxAuthorName     = 256
	maxActionRows     = 5
	maxRowComponents  = 5
	maxCustomID       = 100
	maxCommands       = 100
	maxOptions        = 25
	maxCommandDesc    = 100
	maxCommandChoices = 25
	maxCommandName    = 32
)

// commandName is the shape Discord requires of chat command and option
// names (it also requires them lowercase).
var commandName = regexp.MustCompile(`^[-_\p{L}\p{N}]{1,32}$`)

// length checks a string's length in characters against a maximum.
func length(errs []formError, path, s string, max int, required bool) []formError {
	n := utf8.RuneCountInString(s)
	switch {
	case required && n == 0:
		return append(errs, formError{path, "BASE_TYPE_REQUIRED", "This field is required"})
	case n > max:
		return append(errs, formError{path, "BASE_TYPE_MAX_LENGTH", fmt.Sprintf("Must be %d or fewer in length.", max)})
	}
	return errs
}

func count(errs []formError, path string, n, max int) []formError {
	if n > max {
		return append(errs, formError{path, "BASE_TYPE_MAX_LENGTH", fmt.Sprintf("Must be %d or fewer in length.", max)})
	}
	return errs
}

// checkMessage enforces the limits on content, embeds and components.
func checkMessage(m *Message) []formError {
	errs := length(nil, "content", m.Content, maxContent, false)
	errs = count(errs, "embeds", len(m.Embeds), maxEmbeds)
	total := 0
	for i, e := range m.Embeds {
		p := "embeds." + strconv.Itoa(i) + "."
		errs = length(errs, p+"title", e.Title, maxEmbedTitle, false)
		errs = length(errs, p+"description", e.Description, maxEmbedDesc, false)
		errs = count(errs, p+"fields", len(e.Fields), maxEmbedFields)
		total += utf8.RuneCountInString(e.Title) + utf8.RuneCountInString(e.Description)
		for j, f := range e.Fields {
			fp := p + "fields." + strconv.Itoa(j) + "."
			errs = length(errs, fp+"name", f.Name, maxFieldName, true)
			errs = length(errs, fp+"value", f.Value, maxFieldValue, true)
			total += utf8.RuneCountInString(f.Name) + utf8.RuneCountInString(f.Value)
		}
		if e.Footer != nil {
			errs = length(errs, p+"footer.text", e.Footer.Text, maxFooter, false)
			total += utf8.RuneCountInString(e.Footer.Text)
		}
		if e.Author != nil {
			errs = length(errs, p+"author.name", e.Author.Name, maxAuthorName, false)
			total += utf8.RuneCountInString(e.Author.Name)
		}
	}
	if total > maxEmbedTotal {
		errs = append(errs, formError{"embeds", "MAX_EMBED_SIZE_EXCEEDED", fmt.Sprintf("Embed size exceeds maximum size of %d", maxEmbedTotal)})
	}
	if m.Flags&discordgo.MessageFlagsIsComponentsV2 != 0 {
		return errs // the newer layout components have rules of their own, not faked
	}
	errs = count(errs, "components", len(m.Components), maxActionRows)
	for i, c := range m.Components {
		p := "components." + strconv.Itoa(i)
		row, ok := c.(*discordgo.ActionsRow)
		if !ok {
			errs = append(errs, formError{p, "COMPONENT_LAYOUT_WIDTH_EXCEEDED", "Top-level components must be action rows"})
			continue
		}
		errs = count(errs, p+".components", len(row.Components), maxRowComponents)
		for j, rc := range row.Components {
			errs = checkCustomID(errs, p+".components."+strconv.Itoa(j)+".custom_id", rc)
		}
	}
	return errs
}

// checkCustomID requires the 1-100 character custom_id that interactive
// components carry; link buttons have a URL instead.
func checkCustomID(errs []formError, path string, c discordgo.MessageComponent) []formError {
	switch c := c.(type) {
	case *discordgo.Button:
		if c.Style == discordgo.LinkButton {
			return errs
		}
		return length(errs, path, c.CustomID, maxCustomID, true)
	case *discordgo.SelectMenu:
		return length(errs, path, c.CustomID, maxCustomID, true)
	}
	return errs
}

// checkCommands enforces the limits of a bulk command overwrite.
func checkCommands(cmds []*discordgo.ApplicationCommand) []formError {
	errs := count(nil, "", len(cmds), maxCommands)
	seen := map[string]bool{}
	for i, c := range cmds {
		p := strconv.Itoa(i) + "."
		chat := c.Type == discordgo.ChatApplicationCommand
		key := commandKey(c)
		if seen[key] {
			errs = append(errs, formError{p + "name", "APPLICATION_COMMANDS_DUPLICATE_NAME", "Application command names must be unique"})
		}
		seen[key] = true
		if chat {
			errs = checkName(errs, p+"name", c.Name)
			errs = length(errs, p+"description", c.Description, maxCommandDesc, true)
		} else {
			errs = length(errs, p+"name", c.Name, maxCommandName, true)
		}
		errs = checkOptions(errs, p+"options", c.Options)
	}
	return errs
}

func checkOptions(errs []formError, path string, opts []*discordgo.ApplicationCommandOption) []formError {
	errs = count(errs, path, len(opts), maxOptions)
	for i, o := range opts {
		p := path + "." + strconv.Itoa(i) + "."
		errs = checkName(errs, p+"name", o.Name)
		errs = length(errs, p+"description", o.Description, maxCommandDesc, true)
		errs = count(errs, p+"choices", len(o.Choices), maxCommandChoices)
		errs = checkOptions(errs, p+"options", o.Options)
	}
	return errs
}

func checkName(errs []formError, path, name string) []formError {
	if !commandName.MatchString(name) || strings.ToLower(name) != name {
		return append(errs, formError{path, "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid"})
	}
	return errs
}
