package search

import (
	"regexp"
	"strconv"

	"github.com/baogao/baogao"
)

// Filter is a baogao.DocumentFilter as tags of the index.
type Filter struct {
	// Tags must all be present.
	Tags []string
	// YearTags, when not nil, has the tags of the years of the filter, one
	// of which must be present; nil when the range is too wide to list
	// (then KeyLo and KeyHi still bound the sort keys).
	YearTags []string
	// KeyLo and KeyHi bound the sort keys of the documents of the years.
	KeyLo, KeyHi int64
}

// maxYearTags bounds the years a filter lists as tags.
const maxYearTags = 40

var placeCodeRE = regexp.MustCompile(`^[0-9]{2}([0-9]{2}([0-9]{2})?)?$`)

// NewFilter validates a filter (Limit and Offset are not its business) and
// returns its tags. It fails with EINVALID, with a message for readers.
func NewFilter(f baogao.DocumentFilter) (Filter, error) {
	var x Filter
	if f.Kind != "" {
		if !f.Kind.Valid() {
			return x, baogao.Errorf(baogao.EINVALID, "未知的文件类型 %q", f.Kind)
		}
		x.Tags = append(x.Tags, tagKind+f.Kind.Segment())
	}
	if f.Region != "" {
		if !f.Region.Valid() {
			return x, baogao.Errorf(baogao.EINVALID, "未知的地区 %q", f.Region)
		}
		x.Tags = append(x.Tags, tagRegion+string(f.Region))
	}
	if f.Level != "" {
		switch f.Level {
		case baogao.LevelProvince, baogao.LevelPrefecture, baogao.LevelCounty:
		default:
			return x, baogao.Errorf(baogao.EINVALID, "未知的行政级别 %q", f.Level)
		}
		x.Tags = append(x.Tags, tagLevel+string(f.Level))
	}
	if p := f.Province; p != "" {
		if !placeCodeRE.MatchString(p) || len(p) == 4 || (len(p) == 6 && p[2:] != "0000") {
			return x, baogao.Errorf(baogao.EINVALID, "省份代码应为 2 位数字，或以 0000 结尾的 6 位数字：%q", p)
		}
		x.Tags = append(x.Tags, tagPlace+p[:2])
	}
	if p := f.Prefecture; p != "" {
		if !placeCodeRE.MatchString(p) || len(p) == 2 || len(baogao.CodePrefix(p)) != 4 {
			return x, baogao.Errorf(baogao.EINVALID, "地级代码应为 4 位数字，或以 00 结尾的 6 位数字：%q", p)
		}
		x.Tags = append(x.Tags, tagPlace+baogao.CodePrefix(p))
	}
	if c := f.PlaceCode; c != "" {
		if !placeCodeRE.MatchString(c) {
			return x, baogao.Errorf(baogao.EINVALID, "地区代码应为 6 位数字：%q", c)
		}
		x.Tags = append(x.Tags, tagPlace+baogao.CodePrefix(c))
	}
	if f.YearFrom < 0 || f.YearTo < 0 || f.YearFrom > maxYear || f.YearTo > maxYear || (f.YearTo != 0 && f.YearFrom > f.YearTo) {
		return x, baogao.Errorf(baogao.EINVALID, "年份范围不正确：%d–%d", f.YearFrom, f.YearTo)
	}
	x.KeyLo, x.KeyHi = YearKeys(f.YearFrom, f.YearTo)
	if f.YearFrom != 0 || f.YearTo != 0 {
		from, to := f.YearFrom, f.YearTo
		if to == 0 {
			to = max(from, 2100)
		}
		if from == 0 {
			from = min(to, 1949)
		}
		if to-from < maxYearTags {
			if f.YearFrom == 0 {
				x.YearTags = append(x.YearTags, tagYear+"0")
			}
			for y := from; y <= to; y++ {
				x.YearTags = append(x.YearTags, tagYear+strconv.Itoa(y))
			}
		}
	}
	return x, nil
}
