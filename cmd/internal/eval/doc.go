// Package eval measures newsbot's answers on real news: ROUGE of the
// single-article summarizer against reference summaries, how well person
// answers stick to the person, how chat questions are answered (scored by the
// Reuters editors' topic tags, beside a plain query), and how the digests
// read. Its figures come out one per line, so that two versions can be
// compared with diff.
package eval
