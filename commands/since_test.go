package commands

import (
	"testing"
	"time"
)

func TestParseSince(t *testing.T) {
	now := time.Date(2025, 4, 20, 15, 30, 0, 0, time.UTC)
	tests := []struct {
		in      string
		want    string
		wantErr bool
	}{
		{"", "0001-01-01T00:00:00Z", false},
		{"7d", "2025-04-13T00:00:00Z", false},
		{"2w", "2025-04-06T00:00:00Z", false},
		{"24h", "2025-04-19T15:30:00Z", false},
		{"2025-04-01", "2025-04-01T00:00:00Z", false},
		{"0d", "", true},
		{"-3d", "", true},
		{"7", "", true},
		{"7y", "", true},
		{"yesterday", "", true},
		{"2025-13-01", "", true},
		{"99999999d", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseSince(tt.in, now)
			if (err != nil) != tt.wantErr {
				t.Fatalf("ParseSince(%q) error = %v; want error %v", tt.in, err, tt.wantErr)
			}
			if err == nil && got.Format(time.RFC3339) != tt.want {
				t.Errorf("ParseSince(%q) = %s; want %s", tt.in, got.Format(time.RFC3339), tt.want)
			}
		})
	}
}
