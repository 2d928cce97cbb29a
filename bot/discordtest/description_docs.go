package discordtest

import (
	"fmt"
	"slices"
	"strings"
)

// numbersAsStrings are the properties of Discord's API description that
// its documentation says are numbers sent as strings, while the
// description says integer. Discord accepts both; discordgo sends strings.
// Only properties of requests the bot sends are listed: the rest of the
// description is checked as written.
var numbersAsStrings = []string{
	// The docs' application command: "default_member_permissions ?string:
	// Set of permissions represented as a bit set". discordgo sends it so.
	"ApplicationCommandUpdateRequest/properties/default_member_permissions",
}

// followDocs makes the description accept what Discord's documentation
// says requests carry, where the two disagree. It is the one place where
// the fake departs from the description.
func followDocs(doc any) error {
	for _, p := range numbersAsStrings {
		schema := member(doc, append([]string{"components", "schemas"}, strings.Split(p, "/")...)...)
		types, _ := schema["type"].([]any)
		if !slices.Contains(types, any("integer")) {
			return fmt.Errorf("%s: want an integer schema, got %v", p, schema)
		}
		// pattern constrains only strings, minimum and maximum only numbers.
		schema["type"] = append(types, "string")
		schema["pattern"] = "^(0|[1-9][0-9]*)$"
	}
	return nil
}
