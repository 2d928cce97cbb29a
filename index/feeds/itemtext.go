package feeds

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	jsonfeed "github.com/mmcdole/gofeed/json"
)

// textFormat says how to read one of an item's texts.
type textFormat struct {
	// plain text is shown as it is: "<b>" in it is a less-than sign and a b,
	// not a tag (Atom's type="text", JSON Feed's content_text and titles).
	plain bool
	// base64 text is encoded (Atom 0.3's mode="base64"), which gofeed
	// decodes only for some types.
	base64 bool
}

// itemMarkup is what gofeed's universal items lose of an item's markup:
// the formats of its title, content and description, where its feed says
// them (the zero value reads all three as HTML, which is what RSS puts in
// them), and the XHTML <body> of an RSS item, whose elements gofeed keeps
// grouped by name, out of their order.
type itemMarkup struct {
	title, content, description textFormat
	body                        string
}

// read turns one of an item's texts into paragraphs as its format says.
func (f textFormat) read(s string) []string {
	if f.base64 {
		if decoded, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(s), "")); err == nil && utf8.Valid(decoded) {
			s = string(decoded)
		}
	}
	if f.plain {
		return textParagraphs(s)
	}
	return htmlParagraphs(s)
}

// itemMarkupOf finds the formats of each item's texts, in the feed's
// order: gofeed's universal items do not keep them. text is the feed as
// gofeed read it.
func itemMarkupOf(gf *gofeed.Feed, text []byte) []itemMarkup {
	switch gf.FeedType {
	case "atom":
		return atomFormats(text)
	case "rss":
		return rssBodies(text)
	case "json":
		jf, ok := gf.OriginalFeed().(*jsonfeed.Feed)
		if !ok {
			return nil
		}
		formats := make([]itemMarkup, len(jf.Items))
		for i, it := range jf.Items {
			formats[i].title.plain = true // JSON Feed titles are plain text
			formats[i].content.plain = it.ContentHTML == ""
			formats[i].description.plain = true // summary is plain text too
		}
		return formats
	}
	return nil
}

// atomFormats reads the type and mode attributes of each entry's title,
// summary and content. Atom's default type is plain text ("text" in 1.0,
// "text/plain" in 0.3), but elements inside one (Atom 0.3 feeds put
// <b> in titles unescaped) make it markup.
func atomFormats(text []byte) []itemMarkup {
	d := xml.NewDecoder(bytes.NewReader(text))
	d.Strict = false
	var formats []itemMarkup
	var field *textFormat // the text construct being read
	depth, entryDepth := 0, -1
	for {
		tok, err := d.Token()
		if err != nil {
			return formats
		}
		switch el := tok.(type) {
		case xml.StartElement:
			depth++
			if el.Name.Local == "entry" && entryDepth < 0 {
				entryDepth = depth
				formats = append(formats, itemMarkup{})
				continue
			}
			if entryDepth < 0 {
				continue
			}
			if depth == entryDepth+2 && field != nil {
				field.plain = false // elements inside: markup, whatever the type says
			}
			if depth != entryDepth+1 {
				continue
			}
			entry := &formats[len(formats)-1]
			field = map[string]*textFormat{"title": &entry.title, "content": &entry.content, "summary": &entry.description}[el.Name.Local]
			if field != nil {
				*field = atomFormat(el.Attr)
			}
		case xml.EndElement:
			if depth == entryDepth {
				entryDepth = -1
			}
			depth--
		}
	}
}

// rssBodies finds the <body> of each RSS item, XHTML or without a
// namespace, as the markup it holds.
func rssBodies(text []byte) []itemMarkup {
	d := xml.NewDecoder(bytes.NewReader(text))
	d.Strict = false
	var items []itemMarkup
	depth, itemDepth := 0, -1
	for {
		tok, err := d.Token()
		if err != nil {
			return items
		}
		switch el := tok.(type) {
		case xml.StartElement:
			depth++
			switch {
			case el.Name.Local == "item" && itemDepth < 0:
				itemDepth = depth
				items = append(items, itemMarkup{})
			case el.Name.Local == "body" && depth == itemDepth+1:
				var body struct {
					Inner string `xml:",innerxml"`
				}
				if d.DecodeElement(&body, &el) == nil {
					items[len(items)-1].body = body.Inner
				}
				depth--
			}
		case xml.EndElement:
			if depth == itemDepth {
				itemDepth = -1
			}
			depth--
		}
	}
}

// atomFormat reads an Atom text construct's attributes.
func atomFormat(attrs []xml.Attr) textFormat {
	var typ, mode string
	for _, a := range attrs {
		switch a.Name.Local {
		case "type":
			typ = strings.ToLower(strings.TrimSpace(a.Value))
		case "mode":
			mode = strings.ToLower(strings.TrimSpace(a.Value))
		}
	}
	return textFormat{
		plain:  typ == "" || typ == "text" || typ == "text/plain",
		base64: mode == "base64",
	}
}

// extensionTitle is the title of an item that gives none of its own, from
// the extensions gofeed reads: Media RSS's title (also inside a
// media:group), else Dublin Core's.
func extensionTitle(it *gofeed.Item) string {
	if t := mediaText(it, "title"); t != "" {
		return t
	}
	if it.DublinCoreExt != nil && len(it.DublinCoreExt.Title) > 0 {
		return htmlInline(it.DublinCoreExt.Title[0])
	}
	return ""
}

// extensionParagraphs is the text of an item that gives none in its content
// or description, from the other places feeds put it, the fullest first: an
// XHTML <body>, a <fullitem>, Media RSS's description (also inside a
// media:group), iTunes' summary and subtitle, Dublin Core's description.
func extensionParagraphs(it *gofeed.Item, markup itemMarkup) []string {
	if p := htmlParagraphs(markup.body); len(p) > 0 {
		return p
	}
	if p := htmlParagraphs(it.Custom["fullitem"]); len(p) > 0 {
		return p
	}
	if t := mediaText(it, "description"); t != "" {
		return []string{t}
	}
	if it.ITunesExt != nil {
		for _, s := range []string{it.ITunesExt.Summary, it.ITunesExt.Subtitle} {
			if p := textParagraphs(s); len(p) > 0 {
				return p
			}
		}
	}
	if it.DublinCoreExt != nil && len(it.DublinCoreExt.Description) > 0 {
		return htmlParagraphs(it.DublinCoreExt.Description[0])
	}
	return nil
}

// mediaText is the text of the item's first Media RSS element of the given
// name, directly in the item or in a media:group: plain text unless its
// type says "html", as Media RSS has it.
func mediaText(it *gofeed.Item, name string) string {
	media := it.Extensions["media"]
	candidates := slices.Clone(media[name])
	for _, g := range media["group"] {
		candidates = append(candidates, g.Children[name]...)
	}
	for _, e := range candidates {
		var text string
		if strings.EqualFold(e.Attrs["type"], "html") {
			text = htmlInline(e.Value)
		} else {
			text = strings.Join(textParagraphs(e.Value), " ")
		}
		if text != "" {
			return text
		}
	}
	return ""
}
