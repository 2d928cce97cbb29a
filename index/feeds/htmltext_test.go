package feeds

import (
	"slices"
	"testing"
)

func TestHTMLParagraphs(t *testing.T) {
	tests := []struct {
		name, html string
		want       []string
	}{
		{"paragraphs", "<p>One.</p><p>Two.</p>", []string{"One.", "Two."}},
		{"nested inline tags", "<p>A <b>bold <i>and <a href='/x'>linked</a></i></b> word.</p>", []string{"A bold and linked word."}},
		{"nested blocks", "<div><div><p>Deep.</p></div>After the inner block.</div>", []string{"Deep.", "After the inner block."}},
		{"text between blocks", "Lead text<p>Para.</p>Tail text", []string{"Lead text", "Para.", "Tail text"}},
		{"one br is a space", "Line one<br>line two", []string{"Line one line two"}},
		{"two br end a paragraph", "First.<br><br>Second.<br/> <br />Third.", []string{"First.", "Second.", "Third."}},
		{"three br", "First.<br><br><br>Second.", []string{"First.", "Second."}},
		{"entities", "<p>Caf&eacute; &amp; bar &lt;3 &#8212; &ldquo;quoted&rdquo;&nbsp;here</p>", []string{"Café & bar <3 — “quoted” here"}},
		{"white space folded", "<p>  Many\n\t spaces\r\n  and\u00a0lines  </p>", []string{"Many spaces and lines"}},
		{"script and style dropped", "<script>var x = '<p>no</p>';</script><style>p{color:red}</style><p>Kept.</p><noscript>Enable JavaScript</noscript>", []string{"Kept."}},
		{"lists", "<p>Routes:</p><ul><li>North</li><li>South <em>and</em> east</li></ul><ol><li>First</li></ol>", []string{"Routes:", "North", "South and east", "First"}},
		{"headings and quotes", "<h2>Heading</h2><blockquote><p>Quoted.</p></blockquote>", []string{"Heading", "Quoted."}},
		{"table cells", "<table><tr><th>Team</th><th>Points</th></tr><tr><td>Rovers</td><td>12</td></tr></table>", []string{"Team Points", "Rovers 12"}},
		{"images and forms dropped", `<p>Text<img src="x.jpg" alt="A photo"></p><form><label>Email</label><button>Sign up</button></form>`, []string{"Text"}},
		{"empty paragraphs dropped", "<p></p><p> &nbsp; </p><div><br></div><p>Only.</p>", []string{"Only."}},
		{"comments dropped", "<p>Before<!-- hidden --> after</p>", []string{"Before after"}},
		{"control characters dropped", "<p>Bell\x07 and escape\x1b[31m</p>", []string{"Bell and escape[31m"}},
		{"plain text", "First line\nwrapped.\n\nSecond paragraph.", []string{"First line wrapped.", "Second paragraph."}},
		{"plain text with CRLF", "One.\r\n\r\nTwo.", []string{"One.", "Two."}},
		{"plain text with entities", "Fish &amp; chips &pound;5, AT&T, 3 < 4", []string{"Fish & chips £5, AT&T, 3 < 4"}},
		{"empty", "", nil},
		{"only white space", " \n\t ", nil},
		{"only markup", "<p><img src=x></p>", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := htmlParagraphs(tt.html); !slices.Equal(got, tt.want) {
				t.Errorf("htmlParagraphs(%q) = %q; want %q", tt.html, got, tt.want)
			}
		})
	}
}

func TestHTMLInline(t *testing.T) {
	tests := []struct{ html, want string }{
		{"Markets <em>calm</em> after the decision", "Markets calm after the decision"},
		{"Caf&eacute; opens &amp; closes", "Café opens & closes"},
		{"  A title\n  on two lines ", "A title on two lines"},
		{"<p>Two</p><p>blocks</p>", "Two blocks"},
		{"Q&A: rates", "Q&A: rates"},
	}
	for _, tt := range tests {
		t.Run(tt.html, func(t *testing.T) {
			if got := htmlInline(tt.html); got != tt.want {
				t.Errorf("htmlInline(%q) = %q; want %q", tt.html, got, tt.want)
			}
		})
	}
}
