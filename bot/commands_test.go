package bot

import (
	"strings"
	"testing"
)

// Every command is registered, listed in /help and answered, from its one
// entry: a searching command or a settings command, never both or neither.
func TestSlashCommandsTable(t *testing.T) {
	help := helpText()
	names := map[string]bool{}
	for _, c := range slashCommands() {
		name := c.definition.Name
		if names[name] {
			t.Errorf("/%s is in the table twice", name)
		}
		names[name] = true
		if (c.search == nil) == (c.respond == nil) {
			t.Errorf("/%s: want exactly one of search and respond", name)
		}
		if !strings.Contains(help, "**/"+name+"** "+c.help) || c.help == "" {
			t.Errorf("/help has no line for /%s", name)
		}
		if found, ok := findCommand(name); !ok || found.definition.Name != name {
			t.Errorf("/%s is not routed", name)
		}
	}
	if len(definitions()) != len(names) {
		t.Errorf("%d commands registered; want the %d of the table", len(definitions()), len(names))
	}
	if _, ok := findCommand("weather"); ok {
		t.Error("an unknown command is routed")
	}
}
