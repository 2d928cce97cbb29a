package eval

import (
	"math"
	"testing"
)

// The worked examples are small enough to count by hand.
func TestRouge(t *testing.T) {
	ref := Tokens("The cat sat on the mat.")
	tests := []struct {
		name      string
		candidate string
		measure   func(c, r []string) Score
		want      Score
	}{
		// Unigrams: candidate "the cat lay on the mat" (6) shares the, cat,
		// on, the, mat (5) with the reference (6): P = R = 5/6.
		{"rouge-1", "The cat lay on the mat", func(c, r []string) Score { return RougeN(c, r, 1) }, Score{5.0 / 6, 5.0 / 6, 5.0 / 6}},
		// Bigrams: candidate (5) shares "the cat", "on the", "the mat" (3)
		// with the reference (5): P = R = 3/5.
		{"rouge-2", "The cat lay on the mat", func(c, r []string) Score { return RougeN(c, r, 2) }, Score{0.6, 0.6, 0.6}},
		// Clipped counts: "the the the" matches "the" only twice.
		{"rouge-1 clipped", "the the the", func(c, r []string) Score { return RougeN(c, r, 1) }, Score{2.0 / 3, 2.0 / 6, 2 * (2.0 / 3) * (2.0 / 6) / (2.0/3 + 2.0/6)}},
		// LCS of "the mat sat on the cat" and the reference: the, sat, on,
		// the (4): P = R = 4/6.
		{"rouge-l", "the mat sat on the cat", RougeL, Score{4.0 / 6, 4.0 / 6, 4.0 / 6}},
		{"nothing shared", "dogs bark", RougeL, Score{}},
		{"empty candidate", "", func(c, r []string) Score { return RougeN(c, r, 2) }, Score{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.measure(Tokens(tt.candidate), ref)
			if math.Abs(got.P-tt.want.P) > 1e-9 || math.Abs(got.R-tt.want.R) > 1e-9 || math.Abs(got.F-tt.want.F) > 1e-9 {
				t.Errorf("got %+v; want %+v", got, tt.want)
			}
		})
	}
}

func TestTokens(t *testing.T) {
	got := Tokens("Profits rose 76% to $1.13bn (£600m), TimeWarner's best.")
	want := []string{"profits", "rose", "76", "to", "1", "13bn", "600m", "timewarner", "s", "best"}
	if len(got) != len(want) {
		t.Fatalf("got %q; want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got %q; want %q", got, want)
		}
	}
}
