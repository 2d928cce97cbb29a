// Package names finds the people named in an article: runs of capitalised
// words judged by the words around them (titles, companies, places), full
// names and the surnames that stand for them. It runs for every article at
// ingest, so it scans text by hand, without regular expressions.
package names
