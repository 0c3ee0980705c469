package baogao

import "strings"

// FacetRow is what facets count of one document.
type FacetRow struct {
	Kind      Kind
	Region    Region
	PlaceCode string
	Level     Level
	Year      int
}

// Matches reports whether a document with these facets passes the filter's
// kind, region, province, prefecture, place, level and years, as the
// stores' listings filter (Limit, Offset, Added and SkipTotal aside).
func (f DocumentFilter) Matches(r FacetRow) bool {
	switch {
	case f.Kind != "" && r.Kind != f.Kind,
		f.Region != "" && r.Region != f.Region,
		f.Province != "" && provinceOf(r.PlaceCode) != provinceOf(f.Province),
		f.Prefecture != "" && !strings.HasPrefix(r.PlaceCode, CodePrefix(f.Prefecture)),
		f.PlaceCode != "" && !strings.HasPrefix(r.PlaceCode, CodePrefix(f.PlaceCode)),
		f.Level != "" && r.Level != f.Level,
		f.YearFrom != 0 && r.Year < f.YearFrom,
		f.YearTo != 0 && r.Year > f.YearTo:
		return false
	}
	return true
}

// CountFacets counts the rows as Store.Facets counts documents: each facet
// crossed with the filter's other choices (see Facets), ByPrefecture when
// the filter names a province, prefecture or place, ByPlace when it has a
// place code. A store that has the matching documents of a search in hand
// counts them with it.
func CountFacets(f DocumentFilter, rows []FacetRow) Facets {
	fc := Facets{ByKind: map[Kind]int{}, ByYear: map[int]int{}, ByProvince: map[string]int{}, ByLevel: map[Level]int{}}
	noKind, noYear, noPlace, noLevel := f, f, f, f
	noKind.Kind = ""
	noYear.YearFrom, noYear.YearTo = 0, 0
	noPlace.Province, noPlace.Prefecture, noPlace.PlaceCode = "", "", ""
	noLevel.Level = ""
	var inProvince DocumentFilter
	province := provinceOf(f.Province + f.Prefecture + f.PlaceCode)
	if province != "" {
		fc.ByPrefecture = map[string]int{}
		inProvince = noPlace
		inProvince.Province = province
	}
	if f.PlaceCode != "" {
		fc.ByPlace = map[string]int{}
	}
	for _, r := range rows {
		if noKind.Matches(r) {
			fc.ByKind[r.Kind]++
		}
		if noYear.Matches(r) {
			fc.ByYear[r.Year]++
		}
		if noPlace.Matches(r) {
			fc.ByProvince[provinceOf(r.PlaceCode)]++
		}
		if noLevel.Matches(r) {
			fc.ByLevel[r.Level]++
		}
		if province != "" && inProvince.Matches(r) {
			fc.ByPrefecture[prefectureOf(r.PlaceCode)]++
		}
		if f.PlaceCode != "" && f.Matches(r) {
			fc.ByPlace[r.PlaceCode]++
		}
	}
	return fc
}

// provinceOf returns the two-digit province prefix of a code, "" for none.
func provinceOf(code string) string {
	if len(code) < 2 {
		return ""
	}
	return code[:2]
}

// prefectureOf returns the four-digit prefecture of a code below a
// province, "" for a province or no place.
func prefectureOf(code string) string {
	if len(code) == 6 && code[2:] != "0000" {
		return code[:4]
	}
	return ""
}
