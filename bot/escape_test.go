package bot

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text, nothing to do.", "plain text, nothing to do."},
		{"@everyone look", "@" + zwsp + "everyone look"},
		{"[click](http://evil)", `\[click\](http:` + zwsp + `//evil)`},
		{"**bold** _it_ ~~s~~ `c` ||spoiler||", `\*\*bold\*\* \_it\_ \~\~s\~\~ \` + "`c\\`" + ` \|\|spoiler\|\|`},
		{"<@123> <#456> <t:1:R>", `\<@` + zwsp + `123> \<#456> \<t:1:R>`},
		{"# header\n> quote\n- item\n-# small\n1. first", "\\# header\n\\> quote\n\\- item\n\\-# small\n1\\. first"},
		{"well-known 3-2 win, 2.5% and a > b", "well-known 3-2 win, 2.5% and a > b"},
		{`back\slash`, `back\\slash`},
	}
	for _, tt := range tests {
		if got := escape(tt.in); got != tt.want {
			t.Errorf("escape(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestTruncate(t *testing.T) {
	tests := []struct {
		in   string
		max  int
		want string
	}{
		{"short", 10, "short"},
		{"First sentence here. Second sentence is longer.", 30, "First sentence here. …"},
		{"one two three four five six", 18, "one two three…"},
		{"ééééééééééé", 6, "éééé…"},
		{"😀😀😀😀😀", 6, "😀😀…"}, // each counts 2, as in UTF-16
		{`escaped \*\*`, 11, `escaped…`},
		{"anything", 1, ""},
	}
	for _, tt := range tests {
		got := truncate(tt.in, tt.max)
		if got != tt.want {
			t.Errorf("truncate(%q, %d) = %q; want %q", tt.in, tt.max, got, tt.want)
		}
		if length(got) > tt.max || !utf8.ValidString(got) {
			t.Errorf("truncate(%q, %d) = %q: %d long or invalid UTF-8", tt.in, tt.max, got, length(got))
		}
		if strings.HasSuffix(strings.TrimSuffix(got, ellipsis), `\`) {
			t.Errorf("truncate(%q, %d) = %q ends in a lone backslash", tt.in, tt.max, got)
		}
	}
}

func TestCode(t *testing.T) {
	if got, want := code("https://x.example/a`b\n@everyone"), "`https://x.example/aˋb @everyone`"; got != want {
		t.Errorf("code = %q; want %q", got, want)
	}
}
