package ingest

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/baogao/baogao"
)

// Headings as reports number them: 一、 (level 1), （一） (level 2), 1. or 1、
// (level 3). 第一部分 and 第一章 count as level 1.
var (
	heading1 = regexp.MustCompile(`^(?:[一二三四五六七八九十]{1,3}[、.．]|第[一二三四五六七八九十]{1,3}(?:部分|章|篇)\s*)`)
	heading2 = regexp.MustCompile(`^[(（][一二三四五六七八九十]{1,3}[)）]`)
	heading3 = regexp.MustCompile(`^(?:\d{1,2}[、.．](?:[^\d]|$)|[(（]\d{1,2}[)）])`)
)

// maxHeading bounds a heading's length: a numbered line longer than this is
// cut at its first full stop, as reports often run a heading into its
// paragraph ("（一）聚力产业升级，打造新引擎。坚持把…").
const maxHeading = 60

// outline finds the numbered headings of a body whose paragraphs are
// separated by "\n". Offsets are rune offsets of the heading's first rune.
func outline(body string) []baogao.Heading {
	out := []baogao.Heading{}
	offset := 0
	for _, para := range strings.Split(body, "\n") {
		if h, ok := headingOf(para); ok {
			h.Offset = offset
			out = append(out, h)
		}
		offset += utf8.RuneCountInString(para) + 1
	}
	return out
}

func headingOf(para string) (baogao.Heading, bool) {
	level := 0
	switch {
	case heading1.MatchString(para):
		level = 1
	case heading2.MatchString(para):
		level = 2
	case heading3.MatchString(para):
		level = 3
	default:
		return baogao.Heading{}, false
	}
	title := para
	if utf8.RuneCountInString(title) > maxHeading {
		i := strings.IndexAny(title, "。；;!！?？")
		if i < 0 {
			return baogao.Heading{}, false
		}
		_, size := utf8.DecodeRuneInString(title[i:])
		title = title[:i+size]
		if utf8.RuneCountInString(title) > maxHeading {
			return baogao.Heading{}, false
		}
	}
	// A level-3 item that is a whole sentence with figures is a list item of
	// a bulletin, not a heading.
	if level == 3 && utf8.RuneCountInString(title) > 40 {
		return baogao.Heading{}, false
	}
	return baogao.Heading{Level: level, Title: title}, true
}
