package discordtest

import (
	"errors"
	"slices"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// descriptionErrorCode marks the entries of an Invalid Form Body answer
// that come from Discord's API description rather than from the fake's
// own checks of Discord's limits.
const descriptionErrorCode = "API_DESCRIPTION"

// english prints the validator's messages.
var english = message.NewPrinter(language.English)

// formErrors turns a validation error into the entries of an Invalid Form
// Body answer: one per broken rule, at the field that broke it.
func formErrors(e *jsonschema.ValidationError) []formError {
	var errs []formError
	for _, leaf := range leaves(e) {
		errs = append(errs, formError{strings.Join(leaf.InstanceLocation, "."), descriptionErrorCode, leaf.ErrorKind.LocalizedString(english)})
	}
	return errs
}

// brokenRules says which fields of a body broke which rules, for a test's log.
func brokenRules(errs []formError) error {
	rules := make([]string, len(errs))
	for i, e := range errs {
		rules[i] = "/" + strings.ReplaceAll(e.path, ".", "/") + ": " + e.message
	}
	return errors.New(strings.Join(rules, "; "))
}

// leaves returns the broken rules at the leaves of e. Of the alternatives
// of a union (oneOf, anyOf), it keeps those closest to the value: a button
// breaks every other component's schema too, and saying so would bury what
// is wrong with it as a button.
func leaves(e *jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(e.Causes) == 0 {
		return []*jsonschema.ValidationError{e}
	}
	var alternatives [][]*jsonschema.ValidationError
	for _, c := range e.Causes {
		alternatives = append(alternatives, leaves(c))
	}
	switch e.ErrorKind.(type) {
	case *kind.OneOf, *kind.AnyOf:
		alternatives = closest(e.InstanceLocation, alternatives)
	}
	return slices.Concat(alternatives...)
}

// closest keeps the alternatives of a union at loc that the value is a kind
// of, and of those the ones it breaks the fewest rules of.
func closest(loc []string, alternatives [][]*jsonschema.ValidationError) [][]*jsonschema.ValidationError {
	ofKind := slices.DeleteFunc(slices.Clone(alternatives), func(broken []*jsonschema.ValidationError) bool {
		return slices.ContainsFunc(broken, func(leaf *jsonschema.ValidationError) bool { return otherKind(loc, leaf) })
	})
	if len(ofKind) == 0 {
		return alternatives
	}
	fewest := len(slices.MinFunc(ofKind, func(a, b []*jsonschema.ValidationError) int { return len(a) - len(b) }))
	return slices.DeleteFunc(ofKind, func(broken []*jsonschema.ValidationError) bool { return len(broken) > fewest })
}

// otherKind reports whether a rule broken in an alternative of a union at
// loc says the value is another kind of thing: another JSON type, or
// another value of the "type" field by which Discord tells objects apart.
func otherKind(loc []string, leaf *jsonschema.ValidationError) bool {
	_, wrongType := leaf.ErrorKind.(*kind.Type)
	return wrongType && slices.Equal(leaf.InstanceLocation, loc) || slices.Equal(leaf.InstanceLocation, append(slices.Clone(loc), "type"))
}
