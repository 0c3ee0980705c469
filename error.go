package baogao

import (
	"errors"
	"fmt"
)

// Error codes. They serve the user (a page or status), the operator (logs)
// and programs (the "code" of the API's JSON errors, SPEC §4) alike.
const (
	ECONFLICT       = "ECONFLICT"       // the change conflicts with what is stored
	EINTERNAL       = "EINTERNAL"       // a failure of ours; details go to the log only
	EINVALID        = "EINVALID"        // the input is not acceptable
	ENOTFOUND       = "ENOTFOUND"       // nothing matches
	EUNAUTHORIZED   = "EUNAUTHORIZED"   // not logged in
	EFORBIDDEN      = "EFORBIDDEN"      // logged in, but not allowed
	EMETHOD         = "EMETHOD"         // the resource does not take this request method
	ETOOLARGE       = "ETOOLARGE"       // input over a size limit
	EUNAVAILABLE    = "EUNAVAILABLE"    // a dependency (database) is down
	ERATELIMITED    = "ERATELIMITED"    // too many requests
	ENOTIMPLEMENTED = "ENOTIMPLEMENTED" // a feature this build does not have
)

// Error is an error with a code and a message fit to show a user.
type Error struct {
	Code    string // one of the E* codes
	Message string // one line, for the user
	Err     error  // the underlying cause, for operators; may be nil
}

// Error returns the message, followed by the cause when there is one.
func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %v", e.Message, e.Err)
	}
	return e.Message
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-facing message of the first *Error in err's
// chain, or a generic message for other errors.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}
