package feeds

import (
	"net/url"
	"slices"
	"strings"
)

// trackingParams are query parameters that say how a reader reached a link,
// not what it links to: campaign tags (utm_* is matched by its prefix, mc_cid
// and mc_eid from Mailchimp, cmpid, ocid, spm, _ga), click IDs of ad and
// social networks (fbclid, gclid, dclid, msclkid, yclid, igshid) and referrer
// tags (ref, ref_src). Dropping them makes the links of one story agree. A site
// that used one of these names for content would see two of its pages share a
// link; for news links that risk is smaller than the duplicates the tags cause.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "msclkid": true, "yclid": true, "igshid": true,
	"mc_cid": true, "mc_eid": true, "cmpid": true, "ocid": true, "spm": true, "_ga": true,
	"ref": true, "ref_src": true,
}

// WebURL parses raw, spaces around it aside, as an absolute http or https
// URL with a host: the only links newsbot fetches, stores or shows. It is
// false for anything else (javascript:, mailto:, a relative link).
func WebURL(raw string) (*url.URL, bool) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return nil, false
	}
	return u, true
}

// CanonicalURL returns the form of a link that newsbot stores and compares,
// so that the same story linked from a newsletter, a social network and a feed
// is one article: the scheme and host in lower case, without a default port,
// a fragment or tracking parameters (see trackingParams), with the remaining
// query parameters sorted by name and an empty path written "/". It returns ""
// for anything but an absolute http or https URL: newsbot neither stores nor
// fetches other links.
func CanonicalURL(raw string) string {
	u, ok := WebURL(raw)
	host := ""
	if ok {
		host = strings.TrimRight(strings.ToLower(u.Hostname()), ".")
	}
	if host == "" {
		return ""
	}
	if strings.Contains(host, ":") {
		host = "[" + host + "]" // IPv6
	}
	if port := u.Port(); port != "" && !(u.Scheme == "http" && port == "80" || u.Scheme == "https" && port == "443") {
		host += ":" + port
	}
	u.Host = host
	u.Fragment, u.RawFragment = "", ""
	if u.Path == "" {
		u.Path = "/"
	}
	u.RawQuery, u.ForceQuery = canonicalQuery(u.RawQuery), false
	return u.String()
}

// canonicalQuery drops tracking parameters and empty ones from a raw query
// and sorts the rest by name, keeping the order of repeated names and each
// value's encoding as it was.
func canonicalQuery(raw string) string {
	var kept []string
	raw = strings.ReplaceAll(strings.TrimSpace(raw), " ", "%20") // as a browser sends it
	for pair := range strings.SplitSeq(raw, "&") {
		key, _, _ := strings.Cut(pair, "=")
		if k, err := url.QueryUnescape(key); err == nil {
			key = k
		}
		key = strings.ToLower(key)
		if pair == "" || trackingParams[key] || strings.HasPrefix(key, "utm_") {
			continue
		}
		kept = append(kept, pair)
	}
	slices.SortStableFunc(kept, func(a, b string) int {
		ka, _, _ := strings.Cut(a, "=")
		kb, _, _ := strings.Cut(b, "=")
		return strings.Compare(ka, kb)
	})
	return strings.Join(kept, "&")
}
