package schedule

import (
	"strings"
	"testing"
)

func TestParseClock(t *testing.T) {
	tests := []struct {
		in   string
		want Clock
		ok   bool
	}{
		{"07:30", Clock{7, 30}, true},
		{"7:30", Clock{7, 30}, true},
		{"00:00", Clock{0, 0}, true},
		{"23:59", Clock{23, 59}, true},
		{" 18:05 ", Clock{18, 5}, true},
		{"24:00", Clock{}, false},
		{"25:00", Clock{}, false},
		{"07:60", Clock{}, false},
		{"7:5", Clock{}, false},
		{"007:30", Clock{}, false},
		{"0730", Clock{}, false},
		{"07:30:00", Clock{}, false},
		{"7h30", Clock{}, false},
		{"+7:30", Clock{}, false},
		{"-1:30", Clock{}, false},
		{"7:30pm", Clock{}, false},
		{"٠٧:٣٠", Clock{}, false}, // Arabic-Indic digits
		{"", Clock{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseClock(tt.in)
			if !tt.ok {
				want := "want HH:MM on a 24-hour clock, like 07:30"
				if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), `"`+tt.in+`"`) {
					t.Errorf("ParseClock(%q): got %v, %v; want an error quoting it and saying %q", tt.in, got, err, want)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("ParseClock(%q): got %v, %v; want %v", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestClockString(t *testing.T) {
	for _, c := range []Clock{{7, 30}, {0, 0}, {23, 5}} {
		got, err := ParseClock(c.String())
		if err != nil || got != c {
			t.Errorf("ParseClock(%q): got %v, %v; want %v", c.String(), got, err, c)
		}
	}
	if got := (Clock{7, 5}).String(); got != "07:05" {
		t.Errorf("got %q; want %q", got, "07:05")
	}
}

func TestLoadZone(t *testing.T) {
	tests := []struct {
		in   string
		want string // the zone's name; "" for an error
	}{
		{"Europe/Paris", "Europe/Paris"},
		{"America/New_York", "America/New_York"},
		{"Asia/Kolkata", "Asia/Kolkata"},
		{"Pacific/Chatham", "Pacific/Chatham"},
		{" Europe/Paris ", "Europe/Paris"},
		{"UTC", "UTC"},
		{"Paris", ""},
		{"europe/paris", ""},
		{"CEST", ""},
		{"+02:00", ""},
		{"Local", ""},
		{"", ""},
		{"../../etc/passwd", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			loc, err := LoadZone(tt.in)
			if tt.want == "" {
				want := `timezone "` + tt.in + `": want an IANA name like Europe/Paris or America/New_York`
				if err == nil || err.Error() != want {
					t.Errorf("LoadZone(%q): got %v, %v; want error %q", tt.in, loc, err, want)
				}
				return
			}
			if err != nil || loc.String() != tt.want {
				t.Errorf("LoadZone(%q): got %v, %v; want %s", tt.in, loc, err, tt.want)
			}
		})
	}
}
