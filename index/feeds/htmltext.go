package feeds

import (
	"strings"

	"newsbot/index/news"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/unicode/norm"
)

// htmlParagraphs turns the HTML of a feed item into the paragraphs of an
// article body, each one line of plain text. Feeds also send plain text in
// the same fields (Atom's type="text", JSON Feed's content_text, many RSS
// descriptions); text without a single tag is read as plain text, where a
// blank line ends a paragraph.
func htmlParagraphs(s string) []string {
	if !hasMarkup(s) {
		return textParagraphs(html.UnescapeString(s))
	}
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil { // only a failing reader makes html.Parse fail
		return textParagraphs(s)
	}
	return nodeParagraphs(doc)
}

// htmlInline turns HTML meant to be one line (a title, an author's name) into
// plain text: tags stripped, entities decoded, white space folded.
func htmlInline(s string) string {
	return strings.Join(htmlParagraphs(s), " ")
}

// hasMarkup reports whether s holds a tag or a comment: "a < b" or "AT&T"
// are text, "<p>" is markup.
func hasMarkup(s string) bool {
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return false
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken, html.CommentToken, html.DoctypeToken:
			return true
		}
	}
}

// textParagraphs splits plain text at blank lines, each paragraph folded to
// one line.
func textParagraphs(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var out []string
	for _, p := range news.SplitParagraphs(strings.ReplaceAll(s, "\r", "\n")) {
		if p = foldLine(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// foldLine folds runs of white space to one space, reads C1 controls as the
// Windows-1252 characters they stand for, drops other control and invisible
// characters, which could do harm quoted in a terminal or a chat message, and
// composes accents as article files are.
func foldLine(s string) string {
	s = strings.Map(news.DropControl, strings.Map(windows1252Controls, s))
	return norm.NFC.String(strings.Join(strings.Fields(s), " "))
}

// nodeParagraphs collects the text under n as paragraphs: block elements
// and two <br> in a row end a paragraph, a single <br> or a table cell is a
// space, and what a reader never sees as text (scripts, styles, forms,
// embedded media) is dropped.
func nodeParagraphs(n *html.Node) []string {
	var w textWalker
	w.walk(n)
	w.flush()
	return w.paragraphs
}

// skipped are the elements whose content is not article text.
var skipped = map[atom.Atom]bool{
	atom.Head: true, atom.Title: true, atom.Script: true, atom.Style: true,
	atom.Noscript: true, atom.Template: true, atom.Svg: true, atom.Math: true,
	atom.Iframe: true, atom.Object: true, atom.Embed: true, atom.Canvas: true,
	atom.Audio: true, atom.Video: true, atom.Form: true, atom.Button: true,
	atom.Select: true, atom.Textarea: true, atom.Nav: true,
}

// blocks are the elements that stand apart from the text around them.
var blocks = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Caption: true, atom.Center: true, atom.Dd: true, atom.Details: true,
	atom.Dialog: true, atom.Div: true, atom.Dl: true, atom.Dt: true,
	atom.Fieldset: true, atom.Figcaption: true, atom.Figure: true, atom.Footer: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Header: true, atom.Hgroup: true, atom.Hr: true, atom.Li: true, atom.Main: true,
	atom.Ol: true, atom.P: true, atom.Pre: true, atom.Section: true, atom.Summary: true,
	atom.Table: true, atom.Tr: true, atom.Ul: true,
}

// textWalker gathers paragraphs while walking a parsed HTML tree.
type textWalker struct {
	paragraphs []string
	current    strings.Builder
	breaks     int // <br> elements since the last text
}

// walk adds the text under n, depth first.
func (w *textWalker) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		if strings.TrimSpace(n.Data) != "" {
			w.breaks = 0
		}
		w.current.WriteString(n.Data)
		return
	case html.ElementNode:
		if skipped[n.DataAtom] {
			return
		}
		if n.DataAtom == atom.Br {
			if w.breaks++; w.breaks == 2 {
				w.flush()
			}
			w.current.WriteByte(' ')
			return
		}
	case html.DocumentNode:
	default: // comments, doctypes
		return
	}
	block := blocks[n.DataAtom]
	if block {
		w.flush()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
	switch {
	case block:
		w.flush()
	case n.DataAtom == atom.Td || n.DataAtom == atom.Th:
		w.current.WriteByte(' ')
	}
}

// flush ends the current paragraph, keeping it if it has any text.
func (w *textWalker) flush() {
	if p := foldLine(w.current.String()); p != "" {
		w.paragraphs = append(w.paragraphs, p)
	}
	w.current.Reset()
	w.breaks = 0
}
