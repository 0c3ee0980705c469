package export

import (
	"strings"
	"unicode/utf8"
)

// A spreadsheet runs a cell that begins with = + - @ (or a tab or carriage
// return before one) as a formula: text from documents and readers must
// never do that ("CSV injection"). Escape puts an apostrophe before such
// a text, as a spreadsheet user would type it; the full-width forms ＝＋－＠
// count too, since spreadsheets in East Asian locales may read them as
// their ASCII forms. Numbers are written as numbers and never escaped.
//
// So that the escape can be undone exactly, a text that already begins
// with apostrophes followed by such a character gets one more: Unescape
// removes the first apostrophe of exactly the texts Escape changes.

// formulaStart reports whether r makes a cell that begins with it a formula.
func formulaStart(r rune) bool {
	switch r {
	case '=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠':
		return true
	}
	return false
}

// needsEscape reports whether s is apostrophes (perhaps none) followed by
// a character that starts a formula.
func needsEscape(s string) bool {
	r, _ := utf8.DecodeRuneInString(strings.TrimLeft(s, "'"))
	return formulaStart(r)
}

// Escape returns the text as a spreadsheet cell that is never a formula:
// s itself, or "'" + s when s begins with = + - @ ＝ ＋ － ＠, a tab or a
// carriage return, after any apostrophes.
func Escape(s string) string {
	if needsEscape(s) {
		return "'" + s
	}
	return s
}

// Unescape undoes Escape: for every string s, Unescape(Escape(s)) == s.
func Unescape(s string) string {
	if strings.HasPrefix(s, "'") && needsEscape(s[1:]) {
		return s[1:]
	}
	return s
}
