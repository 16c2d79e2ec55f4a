package data

import (
	"fmt"
	"slices"
)

// ValidationError says which field of which entity is wrong and why, as a code the GUI and CLI
// translate ("required", "before_arrival", "min_one", "unknown_value"…).
type ValidationError struct {
	Entity string // "guest", "stay", "request", "vendor", "contact", "template", "note", "account"
	Field  string // the Go field name, e.g. "LastName"
	Code   string
	Value  string // the offending value, when it helps the message
}

func (e *ValidationError) Error() string {
	if e.Value != "" {
		return fmt.Sprintf("%s.%s: %s (%q)", e.Entity, e.Field, e.Code, e.Value)
	}
	return fmt.Sprintf("%s.%s: %s", e.Entity, e.Field, e.Code)
}

// Validation codes.
const (
	CodeRequired      = "required"
	CodeBeforeArrival = "before_arrival"
	CodeMinOne        = "min_one"
	CodeUnknown       = "unknown_value"
	CodeRange         = "out_of_range"
	CodeNegative      = "negative"
	CodeNoSuchRef     = "no_such_ref"
)

func required(entity, field, v string) error {
	if trimmed(v) == "" {
		return &ValidationError{Entity: entity, Field: field, Code: CodeRequired}
	}
	return nil
}

func oneOf(entity, field, v string, allowed []string) error {
	if !slices.Contains(allowed, v) {
		return &ValidationError{Entity: entity, Field: field, Code: CodeUnknown, Value: v}
	}
	return nil
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}
