package baogao_test

import (
	"strings"
	"testing"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/place"
)

func TestParseFilter(t *testing.T) {
	g := place.Default()
	tests := []struct {
		name   string
		params map[string]string
		want   baogao.DocumentFilter
		err    bool
	}{
		{"nothing", nil, baogao.DocumentFilter{}, false},
		{"kind name", map[string]string{"kind": "work_report"}, baogao.DocumentFilter{Kind: baogao.KindWorkReport}, false},
		{"kind segment", map[string]string{"kind": "gongbao"}, baogao.DocumentFilter{Kind: baogao.KindStatsBulletin}, false},
		{"unknown kind", map[string]string{"kind": "novel"}, baogao.DocumentFilter{}, true},
		{"region slug", map[string]string{"region": "huadong"}, baogao.DocumentFilter{Region: baogao.RegionHuadong}, false},
		{"region name", map[string]string{"region": "华东"}, baogao.DocumentFilter{Region: baogao.RegionHuadong}, false},
		{"unknown region", map[string]string{"region": "mars"}, baogao.DocumentFilter{}, true},
		{"province prefix", map[string]string{"province": "37"}, baogao.DocumentFilter{Province: "37"}, false},
		{"province code", map[string]string{"province": "370000"}, baogao.DocumentFilter{Province: "37"}, false},
		{"province name", map[string]string{"province": "山东省"}, baogao.DocumentFilter{Province: "37"}, false},
		{"province short name", map[string]string{"province": "山东"}, baogao.DocumentFilter{Province: "37"}, false},
		{"province that is a city", map[string]string{"province": "济宁市"}, baogao.DocumentFilter{}, true},
		{"province code of a county", map[string]string{"province": "370828"}, baogao.DocumentFilter{}, true},
		{"prefecture prefix", map[string]string{"prefecture": "3708"}, baogao.DocumentFilter{Prefecture: "3708"}, false},
		{"prefecture name", map[string]string{"prefecture": "济宁市"}, baogao.DocumentFilter{Prefecture: "3708"}, false},
		{"prefecture that is a county", map[string]string{"prefecture": "金乡县"}, baogao.DocumentFilter{}, true},
		{"place code", map[string]string{"place": "370828"}, baogao.DocumentFilter{PlaceCode: "370828"}, false},
		{"place name", map[string]string{"place": "金乡县"}, baogao.DocumentFilter{PlaceCode: "370828"}, false},
		{"ambiguous place", map[string]string{"place": "鼓楼区"}, baogao.DocumentFilter{}, true},
		{"unknown place", map[string]string{"place": "不存在县"}, baogao.DocumentFilter{}, true},
		{"level", map[string]string{"level": "county"}, baogao.DocumentFilter{Level: baogao.LevelCounty}, false},
		{"level in Chinese", map[string]string{"level": "地级"}, baogao.DocumentFilter{Level: baogao.LevelPrefecture}, false},
		{"unknown level", map[string]string{"level": "village"}, baogao.DocumentFilter{}, true},
		{"year", map[string]string{"year": "2023"}, baogao.DocumentFilter{YearFrom: 2023, YearTo: 2023}, false},
		{"years", map[string]string{"year": "2019-2023"}, baogao.DocumentFilter{YearFrom: 2019, YearTo: 2023}, false},
		{"years reversed", map[string]string{"year": "2023-2019"}, baogao.DocumentFilter{}, true},
		{"year not a number", map[string]string{"year": "去年"}, baogao.DocumentFilter{}, true},
		{"year out of range", map[string]string{"year": "1066"}, baogao.DocumentFilter{}, true},
		{"all at once", map[string]string{"kind": "baogao", "province": "山东", "prefecture": "3708", "level": "县", "year": "2022-2023"},
			baogao.DocumentFilter{Kind: baogao.KindWorkReport, Province: "37", Prefecture: "3708", Level: baogao.LevelCounty, YearFrom: 2022, YearTo: 2023}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, err := baogao.ParseFilter(func(k string) string { return tc.params[k] }, g)
			if tc.err {
				if baogao.ErrorCode(err) != baogao.EINVALID {
					t.Fatalf("err = %v, want EINVALID", err)
				}
				for k, v := range tc.params {
					if !strings.Contains(err.Error(), k) || !strings.Contains(err.Error(), v) {
						t.Errorf("message %q does not name %s=%s", err, k, v)
					}
				}
				return
			}
			if err != nil || f != tc.want {
				t.Errorf("= %+v, %v; want %+v", f, err, tc.want)
			}
		})
	}
}

func TestParseFigureFilter(t *testing.T) {
	g := place.Default()
	for _, tc := range []struct {
		name   string
		params map[string]string
		want   baogao.FigureFilter
		err    string
	}{
		{"nothing", nil, baogao.FigureFilter{}, ""},
		{"all", map[string]string{"indicator": "gdp_growth", "kind": "baogao", "place": "金乡县", "level": "县", "year": "2019-2024"},
			baogao.FigureFilter{Indicator: "gdp_growth", Kind: baogao.KindWorkReport, PlaceCode: "370828", Level: baogao.LevelCounty, YearFrom: 2019, YearTo: 2024}, ""},
		{"other", map[string]string{"indicator": "other"}, baogao.FigureFilter{Indicator: "other"}, ""},
		{"unknown indicator", map[string]string{"indicator": "gdp_grwth"}, baogao.FigureFilter{}, "indicator"},
		{"province", map[string]string{"province": "37"}, baogao.FigureFilter{PlaceCode: "370000"}, ""},
		{"prefecture", map[string]string{"prefecture": "济宁市"}, baogao.FigureFilter{PlaceCode: "370800"}, ""},
		{"narrowest", map[string]string{"province": "山东", "prefecture": "3708", "place": "370828"}, baogao.FigureFilter{PlaceCode: "370828"}, ""},
		{"outside", map[string]string{"province": "山东", "place": "110101"}, baogao.FigureFilter{}, "place"},
		{"region", map[string]string{"region": "huadong"}, baogao.FigureFilter{}, "region"},
		{"bad year", map[string]string{"year": "2024-2019"}, baogao.FigureFilter{}, "year"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := baogao.ParseFigureFilter(func(n string) string { return tc.params[n] }, g)
			if tc.err != "" {
				if baogao.ErrorCode(err) != baogao.EINVALID || !strings.HasPrefix(baogao.ErrorMessage(err), tc.err) {
					t.Fatalf("err = %v, want EINVALID naming %s", err, tc.err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("got %+v, %v; want %+v", got, err, tc.want)
			}
		})
	}
}
