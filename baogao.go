// Package baogao holds the domain of the archive — places, documents, the data
// extracted from them — and the interfaces of the services that keep them.
// It depends on the standard library only.
package baogao

import "strings"

// Kind is what a document is. Its URL segment is given by Segment.
type Kind string

// The document kinds of SPEC §2.
const (
	KindWorkReport    Kind = "work_report"    // 政府工作报告
	KindStatsBulletin Kind = "stats_bulletin" // 统计公报
	KindPlan          Kind = "plan"           // 规划, 计划
	KindOther         Kind = "other"          // anything else
)

// Kinds lists every kind, in the order the site shows them.
var Kinds = []Kind{KindWorkReport, KindStatsBulletin, KindPlan, KindOther}

var kindSegments = map[Kind]string{
	KindWorkReport:    "baogao",
	KindStatsBulletin: "gongbao",
	KindPlan:          "guihua",
	KindOther:         "wenjian",
}

// Segment returns the URL segment of the kind ("baogao" for work reports);
// an unknown kind gives the segment of KindOther.
func (k Kind) Segment() string {
	if s, ok := kindSegments[k]; ok {
		return s
	}
	return kindSegments[KindOther]
}

// Valid reports whether k is one of Kinds.
func (k Kind) Valid() bool {
	_, ok := kindSegments[k]
	return ok
}

// Name returns the Chinese name of the kind.
func (k Kind) Name() string {
	switch k {
	case KindWorkReport:
		return "政府工作报告"
	case KindStatsBulletin:
		return "统计公报"
	case KindPlan:
		return "规划计划"
	}
	return "其他文件"
}

// KindBySegment returns the kind whose URL segment is seg.
func KindBySegment(seg string) (Kind, bool) {
	for k, s := range kindSegments {
		if s == seg {
			return k, true
		}
	}
	return "", false
}

// Level is the administrative level of a place. Districts and county-level
// cities count as counties.
type Level string

// The place levels of SPEC §2.
const (
	LevelProvince   Level = "province"
	LevelPrefecture Level = "prefecture"
	LevelCounty     Level = "county"
)

// Region is a macro-region slug as used in URLs ("huadong").
type Region string

// The macro-regions of SPEC §2; RegionOther (qita) holds documents whose place
// is unknown, national, or outside the seven regions.
const (
	RegionHuabei   Region = "huabei"
	RegionDongbei  Region = "dongbei"
	RegionHuadong  Region = "huadong"
	RegionHuazhong Region = "huazhong"
	RegionHuanan   Region = "huanan"
	RegionXinan    Region = "xinan"
	RegionXibei    Region = "xibei"
	RegionOther    Region = "qita"
)

// Regions lists every region slug, in the order the site shows them.
var Regions = []Region{RegionHuabei, RegionDongbei, RegionHuadong, RegionHuazhong,
	RegionHuanan, RegionXinan, RegionXibei, RegionOther}

var regionNames = map[Region]string{
	RegionHuabei: "华北", RegionDongbei: "东北", RegionHuadong: "华东", RegionHuazhong: "华中",
	RegionHuanan: "华南", RegionXinan: "西南", RegionXibei: "西北", RegionOther: "其他",
}

// Name returns the Chinese name of the region ("华东").
func (r Region) Name() string { return regionNames[r] }

// Valid reports whether r is one of Regions.
func (r Region) Valid() bool {
	_, ok := regionNames[r]
	return ok
}

// regionOfProvince maps the first two digits of a GB/T 2260 code to its region.
var regionOfProvince = map[string]Region{
	"11": RegionHuabei, "12": RegionHuabei, "13": RegionHuabei, "14": RegionHuabei, "15": RegionHuabei,
	"21": RegionDongbei, "22": RegionDongbei, "23": RegionDongbei,
	"31": RegionHuadong, "32": RegionHuadong, "33": RegionHuadong, "34": RegionHuadong,
	"35": RegionHuadong, "36": RegionHuadong, "37": RegionHuadong,
	"41": RegionHuazhong, "42": RegionHuazhong, "43": RegionHuazhong,
	"44": RegionHuanan, "45": RegionHuanan, "46": RegionHuanan,
	"50": RegionXinan, "51": RegionXinan, "52": RegionXinan, "53": RegionXinan, "54": RegionXinan,
	"61": RegionXibei, "62": RegionXibei, "63": RegionXibei, "64": RegionXibei, "65": RegionXibei,
}

// RegionOf returns the macro-region of a place code; RegionOther for an empty
// code, a national one, or 港澳台.
func RegionOf(placeCode string) Region {
	if len(placeCode) < 2 {
		return RegionOther
	}
	if r, ok := regionOfProvince[placeCode[:2]]; ok {
		return r
	}
	return RegionOther
}

// ParseRegion returns the region for a slug or a Chinese name ("huadong", "华东").
func ParseRegion(s string) (Region, bool) {
	s = strings.TrimSpace(strings.ToLower(s))
	for r, name := range regionNames {
		if string(r) == s || name == s {
			return r, true
		}
	}
	return "", false
}
