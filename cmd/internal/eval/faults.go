package eval

import (
	"fmt"
	"io"
	"strings"

	"newsbot/commands"
)

// Faults are what a reader of an answer must never meet.
type Faults struct {
	// Unverified counts summary sentences not found verbatim in a source
	// they cite.
	Unverified int
	// Repeated counts source excerpts that say again a sentence the summary
	// above them already quoted.
	Repeated int
	// OutOfOrder counts answers whose citations do not first appear as [1],
	// then [2], and so on.
	OutOfOrder int
}

// faultsOf checks an answer against the articles it cites.
func faultsOf(ans commands.Answer) Faults {
	var f Faults
	next := 1 // the number the next newly cited source must have
	for _, st := range ans.Summary {
		for _, n := range st.Sources {
			if n < 1 || n > len(ans.Sources) || !strings.Contains(ans.Sources[n-1].Article.Body, st.Text) {
				f.Unverified++
			}
			switch {
			case n == next:
				next++
			case n > next:
				f.OutOfOrder = 1
			}
		}
	}
	for _, src := range ans.Sources {
		excerpt := excerptText(src.Excerpt)
		for _, st := range ans.Summary {
			if excerpt != "" && (strings.Contains(excerpt, st.Text) || strings.Contains(st.Text, excerpt)) {
				f.Repeated++
				break
			}
		}
	}
	return f
}

// excerptText is an excerpt as read, without the ellipses that mark where
// it was cut.
func excerptText(excerpt []commands.Fragment) string {
	var b strings.Builder
	for _, fr := range excerpt {
		b.WriteString(fr.Text)
	}
	return strings.TrimSpace(strings.Trim(strings.TrimSpace(b.String()), "…"))
}

func (f *Faults) add(g Faults) {
	f.Unverified += g.Unverified
	f.Repeated += g.Repeated
	f.OutOfOrder += g.OutOfOrder
}

// writeFaults prints the repeats and the misordered citations of a part's
// answers.
func writeFaults(w io.Writer, part string, f Faults, answers int) {
	fmt.Fprintf(w, "%s source excerpts repeating a summary sentence: %d\n", part, f.Repeated)
	fmt.Fprintf(w, "%s answers citing sources out of order: %d of %d\n", part, f.OutOfOrder, answers)
}
