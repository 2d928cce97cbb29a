package bot

import (
	"fmt"
	"strings"
	"testing"
)

// /timeline lists the topic's stories, a dated line each, oldest first,
// with their coverage, and ends with how many there are.
func TestTimelineCommand(t *testing.T) {
	h := startBot(t, nil, nil)
	m := h.response(t, h.command("timeline", map[string]any{"topic": "Witkoff"}))
	if len(m.Embeds) != 1 {
		t.Fatalf("%d embeds", len(m.Embeds))
	}
	e := m.Embeds[0]
	lines := strings.Split(e.Description, "\n")
	if e.Title != "Timeline: Witkoff" || e.Footer == nil || !strings.HasPrefix(e.Footer.Text, fmt.Sprintf("%d of %d stories, from 7 articles", len(lines), len(lines))) {
		t.Fatalf("timeline embed %s", mustJSON(t, e))
	}
	for i, line := range lines {
		if !strings.HasPrefix(line, "**2025-04-") || !strings.Contains(line, "outlet") || i > 0 && line[:14] < lines[i-1][:14] {
			t.Errorf("line %d %q: want a date no earlier than the line above, a headline and its coverage", i, line)
		}
	}
}
