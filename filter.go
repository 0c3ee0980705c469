package baogao

import (
	"strconv"
	"strings"
)

// FilterParams are the names of the filter parameters of ParseFilter, in
// the order they are written: the flags of `baogao search` (and of every
// command that filters documents) and the query parameters of the API,
// the feed and the site's listings.
var FilterParams = []string{"kind", "region", "province", "prefecture", "place", "level", "year"}

// ParseFilter reads a document filter from named values — a command's
// flags or a request's query parameters, get returning "" for one not
// given — with the same rules wherever they come from:
//
//   - kind: work_report, stats_bulletin, plan, other, or the URL segment
//     (baogao, gongbao, guihua, wenjian);
//   - region: a slug (huadong) or its name (华东);
//   - province: a province's code (37 or 370000) or name (山东省, 山东);
//   - prefecture: a prefecture's code (3708 or 370800) or name (济宁市);
//   - place: any place's code or unambiguous name, meaning the place and
//     everything under it;
//   - level: province, prefecture or county, or 省, 地 (市), 县;
//   - year: Y or Y1-Y2, from 1949 to 2100.
//
// A value that names nothing, an ambiguous name, or a place of the wrong
// level fails with EINVALID; the message names the parameter and the value.
func ParseFilter(get func(name string) string, places Gazetteer) (DocumentFilter, error) {
	var f DocumentFilter
	if v := strings.TrimSpace(get("kind")); v != "" {
		k, ok := KindBySegment(v)
		if !ok {
			k = Kind(v)
		}
		if !k.Valid() {
			return f, Errorf(EINVALID, "kind %q: 没有这个类别（work_report, stats_bulletin, plan, other）", v)
		}
		f.Kind = k
	}
	if v := strings.TrimSpace(get("region")); v != "" {
		r, ok := ParseRegion(v)
		if !ok {
			return f, Errorf(EINVALID, "region %q: 没有这个地区（huabei, dongbei, huadong, huazhong, huanan, xinan, xibei, qita）", v)
		}
		f.Region = r
	}
	if v := strings.TrimSpace(get("province")); v != "" {
		p, err := findPlace(places, "province", v, LevelProvince)
		if err != nil {
			return f, err
		}
		f.Province = CodePrefix(p.Code)
	}
	if v := strings.TrimSpace(get("prefecture")); v != "" {
		p, err := findPlace(places, "prefecture", v, LevelPrefecture)
		if err != nil {
			return f, err
		}
		f.Prefecture = CodePrefix(p.Code)
	}
	if v := strings.TrimSpace(get("place")); v != "" {
		p, err := findPlace(places, "place", v, "")
		if err != nil {
			return f, err
		}
		f.PlaceCode = p.Code
	}
	if v := strings.TrimSpace(get("level")); v != "" {
		l, ok := ParseLevel(v)
		if !ok {
			return f, Errorf(EINVALID, "level %q: 级别只能是 province（省）、prefecture（地）或 county（县）", v)
		}
		f.Level = l
	}
	if v := strings.TrimSpace(get("year")); v != "" {
		from, to, err := ParseYears(v)
		if err != nil {
			return f, err
		}
		f.YearFrom, f.YearTo = from, to
	}
	return f, nil
}

// ParseYears reads "2023" or "2019-2023" (years from 1949 to 2100, the
// first not after the second), failing with EINVALID.
func ParseYears(v string) (from, to int, err error) {
	a, b, found := strings.Cut(strings.TrimSpace(v), "-")
	from, err1 := strconv.Atoi(strings.TrimSpace(a))
	to = from
	var err2 error
	if found {
		to, err2 = strconv.Atoi(strings.TrimSpace(b))
	}
	if err1 != nil || err2 != nil || from > to || from < 1949 || to > 2100 {
		return 0, 0, Errorf(EINVALID, "year %q: 年份应写作 Y 或 Y1-Y2，例如 2023 或 2019-2023", v)
	}
	return from, to, nil
}

// ParseLevel reads a level: its name (county) or 省, 地, 市, 县 with or
// without 级.
func ParseLevel(v string) (Level, bool) {
	switch strings.TrimSuffix(strings.TrimSpace(strings.ToLower(v)), "级") {
	case "province", "省":
		return LevelProvince, true
	case "prefecture", "地", "市", "地市":
		return LevelPrefecture, true
	case "county", "县", "区县":
		return LevelCounty, true
	}
	return "", false
}

// findPlace resolves a code (two, four or six digits) or a name to one
// place, of the level wanted unless want is "".
func findPlace(g Gazetteer, param, v string, want Level) (Place, error) {
	code := v
	if n := len(v); (n == 2 || n == 4) && strings.Trim(v, "0123456789") == "" {
		code = v + "000000"[:6-n]
	}
	var cands []Place
	if p, err := g.Place(code); err == nil {
		cands = []Place{p}
	} else {
		cands = g.Lookup(v)
	}
	if want != "" {
		var right []Place
		for _, p := range cands {
			if p.Level == want {
				right = append(right, p)
			}
		}
		if len(right) == 0 && len(cands) > 0 {
			return Place{}, Errorf(EINVALID, "%s %q: %s不是%s", param, v, g.FullName(cands[0].Code), levelNames[want])
		}
		cands = right
	}
	switch len(cands) {
	case 0:
		return Place{}, Errorf(EINVALID, "%s %q: 没有这个地方", param, v)
	case 1:
		return cands[0], nil
	}
	var names []string
	for _, p := range cands {
		names = append(names, p.Code+" "+g.FullName(p.Code))
	}
	return Place{}, Errorf(EINVALID, "%s %q: 有多个同名地方，请给出代码（%s）", param, v, strings.Join(names, "，"))
}

var levelNames = map[Level]string{LevelProvince: "省级", LevelPrefecture: "地级", LevelCounty: "县级"}

// FigureFilterParams are the names of the parameters of ParseFigureFilter:
// those of ParseFilter but region, and indicator.
var FigureFilterParams = []string{"indicator", "kind", "province", "prefecture", "place", "level", "year"}

// ParseFigureFilter reads a filter of targets or outcomes from named
// values with the rules of ParseFilter (`baogao export`, `baogao targets`,
// the API's figure routes), plus indicator: a code of Indicators or
// "other". The narrowest of province, prefecture and place is the place
// (it and everything under it); one outside another given fails. Region
// is not a filter of figures. Errors are EINVALID, naming the parameter.
func ParseFigureFilter(get func(name string) string, places Gazetteer) (FigureFilter, error) {
	var ff FigureFilter
	if v := strings.TrimSpace(get("region")); v != "" {
		return ff, Errorf(EINVALID, "region %q: 目标与实际值不按大区筛选，请用 province、prefecture 或 place", v)
	}
	df, err := ParseFilter(get, places)
	if err != nil {
		return ff, err
	}
	if v := strings.TrimSpace(get("indicator")); v != "" {
		if _, ok := IndicatorByCode(v); !ok && v != IndicatorOther {
			return ff, Errorf(EINVALID, "indicator %q: 没有这个指标（gdp_growth, cpi …, other）", v)
		}
		ff.Indicator = v
	}
	ff.Kind, ff.Level, ff.YearFrom, ff.YearTo = df.Kind, df.Level, df.YearFrom, df.YearTo
	// Widest first: each narrower one given must lie within the last.
	for _, p := range []struct{ param, code string }{
		{"province", df.Province}, {"prefecture", df.Prefecture}, {"place", df.PlaceCode},
	} {
		if p.code == "" {
			continue
		}
		code := p.code + "000000"[:6-min(len(p.code), 6)]
		if ff.PlaceCode != "" && !strings.HasPrefix(code, CodePrefix(ff.PlaceCode)) {
			return ff, Errorf(EINVALID, "%s %q: 不在所选的 %s 之内", p.param, get(p.param), ff.PlaceCode)
		}
		ff.PlaceCode = code
	}
	return ff, nil
}
