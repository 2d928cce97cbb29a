package eval

import (
	"math"
	"testing"
)

// Weighed to a target the baseline can reach, the baseline's weighted mean is
// the target and newsbot's is worked out by hand; a target no question's
// baseline reaches has no weights.
func TestAsIfBaselineScored(t *testing.T) {
	tests := []struct {
		name          string
		questions     []scored
		target        float64
		want, wantEff float64
		wantOK        bool
	}{{
		// exp(λ·0) : exp(λ·1) = 1 : 3 for a weighted baseline of 0.75.
		name:      "one easy question and one hard",
		questions: []scored{{newsbot: 0.5, baseline: 0}, {newsbot: 1, baseline: 1}},
		target:    0.75,
		want:      0.25*0.5 + 0.75*1, wantEff: 1 / (0.25*0.25 + 0.75*0.75), wantOK: true,
	}, {
		name:      "the plain mean already",
		questions: []scored{{newsbot: 0.6, baseline: 0.4}, {newsbot: 0.8, baseline: 0.8}},
		target:    0.6,
		want:      0.7, wantEff: 2, wantOK: true,
	}, {
		name:      "harder than every question",
		questions: []scored{{newsbot: 0.6, baseline: 0.4}, {newsbot: 0.8, baseline: 0.8}},
		target:    0.2,
	}, {
		name:      "easier than every question",
		questions: []scored{{newsbot: 0.6, baseline: 0.4}, {newsbot: 0.8, baseline: 0.8}},
		target:    0.83,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, effective, ok := asIfBaselineScored(tt.questions, tt.target)
			if ok != tt.wantOK {
				t.Fatalf("ok %v; want %v", ok, tt.wantOK)
			}
			if math.Abs(got-tt.want) > 1e-9 || math.Abs(effective-tt.wantEff) > 1e-9 {
				t.Errorf("newsbot %.6f worth %.6f questions; want %.6f worth %.6f", got, effective, tt.want, tt.wantEff)
			}
		})
	}
}
