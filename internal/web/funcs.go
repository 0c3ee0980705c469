package web

import (
	"fmt"
	"html/template"
	"net/url"
	"strconv"
	"strings"

	"github.com/baogao/baogao"
)

// funcs returns the template functions for one interface language.
func (s *Server) funcs(lang string) template.FuncMap {
	return template.FuncMap{
		"t":     func(key string) string { return message(lang, key) },
		"tf":    func(key string, args ...any) string { return fmt.Sprintf(message(lang, key), args...) },
		"asset": s.assets.url,
		"kindName": func(k baogao.Kind) string {
			if lang == langEN {
				return kindNamesEN[k]
			}
			return k.Name()
		},
		"regionName": func(r baogao.Region) string {
			if lang == langEN {
				return regionNamesEN[r]
			}
			return r.Name()
		},
		"completeness": func(c baogao.Completeness) string { return message(lang, "completeness."+string(c)) },
		"quality":      func(q baogao.QualityFlag) string { return message(lang, "quality."+string(q)) },
		"levelName":    func(l baogao.Level) string { return message(lang, "level."+string(l)) },
		"kindURL":      func(k baogao.Kind) string { return "/" + k.Segment() + "/" },
		"regionURL":    func(k baogao.Kind, r baogao.Region) string { return "/" + k.Segment() + "/" + string(r) + "/" },
		"placeURL":     func(code string) string { return "/place/" + code },
		"vintage":      func(v baogao.Vintage) string { return message(lang, "vintage."+string(v)) },
		"indicator":    func(code, label string) string { return indicatorName(lang, code, label) },
		"langURL":      func(path, to string) string { return path + "?lang=" + url.QueryEscape(to) },
		"abs":          s.abs,
		"absLang":      s.absLang,
		"otherLang":    func() string { return otherLang(lang) },
		"regions":      func() []baogao.Region { return baogao.Regions },
		"kinds":        func() []baogao.Kind { return baogao.Kinds },
		"doclist":      func(docs []*baogao.Document) template.HTML { return docList(lang, docs) },
		"charted":      charted,
		"percent":      func(share float64) float64 { return share * 100 },
		"valueForm": func(p deskPage, field, key string, value float64, corrected bool) valueForm {
			return valueForm{DocID: p.Doc.ID, CSRF: p.CSRF, Field: field, Key: key, Value: formatNumber(value), Corrected: corrected}
		},
	}
}

// absLang returns the absolute URL of a page in a language: Chinese at
// the plain URL, English with lang=en.
func (s *Server) absLang(path, lang string) string {
	if lang != langEN {
		return s.abs(path)
	}
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	return s.abs(path + sep + "lang=en")
}

func otherLang(lang string) string {
	if lang == langEN {
		return langZH
	}
	return langEN
}

// indicatorName names an indicator in the language; "other" keeps the
// text's own label.
func indicatorName(lang, code, label string) string {
	ind, ok := baogao.IndicatorByCode(code)
	if !ok {
		if label != "" {
			return label
		}
		return code
	}
	if lang == langEN {
		return ind.Title
	}
	return ind.Name
}

// formatNumber writes a value without float noise: 7, 8.5, 261.6611.
func formatNumber(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// valueForm is the data of the form that corrects one extracted value.
type valueForm struct {
	DocID            int64
	CSRF, Field, Key string
	Value            string
	Corrected        bool
}
