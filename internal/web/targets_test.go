package web

import (
	"context"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/ingest"
	"github.com/baogao/baogao/internal/place"
	"github.com/baogao/baogao/internal/sqlite"
)

// busiestPlace returns the place with targets in the most years, its own
// (a place's own figures, not those of the places under it).
func busiestPlace(t testing.TB, st baogao.Store) baogao.DocRef {
	t.Helper()
	years := map[string]map[int]bool{}
	refs := map[string]baogao.DocRef{}
	err := st.EachTarget(context.Background(), baogao.FigureFilter{Indicator: "gdp_growth"}, func(r baogao.TargetRecord) error {
		if r.Target.Year == nil || r.Doc.PlaceCode == "" {
			return nil
		}
		if years[r.Doc.PlaceCode] == nil {
			years[r.Doc.PlaceCode] = map[int]bool{}
		}
		years[r.Doc.PlaceCode][*r.Target.Year] = true
		refs[r.Doc.PlaceCode] = r.Doc
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	best := ""
	for code, ys := range years {
		if best == "" || len(ys) > len(years[best]) || len(ys) == len(years[best]) && code < best {
			best = code
		}
	}
	if best == "" || len(years[best]) < 2 {
		t.Fatalf("the demo archive has no place with targets in two years")
	}
	return refs[best]
}

var (
	cellLink  = regexp.MustCompile(`<a class="(tv|ov)" href="([^"]+)"[^>]*>([^<]+)</a>`)
	tableLink = regexp.MustCompile(`<td class="num"><a href="([^"]+)"[^>]*>([^<]+)</a>`)
)

// checkSentenceLinks fetches the document of every link and checks that
// the anchor it names is on the page, in a mark (a highlighted sentence).
func checkSentenceLinks(t *testing.T, base string, hrefs []string) {
	t.Helper()
	t.Logf("checking %d links to sentences", len(hrefs))
	pages := map[string]string{}
	for _, h := range hrefs {
		u, err := url.Parse(h)
		if err != nil || !regexp.MustCompile(`^[to]-\d+$`).MatchString(u.Fragment) || !strings.HasSuffix(u.Path, ".html") {
			t.Errorf("%s does not name a sentence", h)
			continue
		}
		body, ok := pages[u.Path]
		if !ok {
			code, b, _ := get(t, base+u.Path)
			if code != 200 {
				t.Errorf("%s: %d", u.Path, code)
				continue
			}
			pages[u.Path], body = b, b
		}
		if !regexp.MustCompile(`<mark class="m-[a-z]" id="` + u.Fragment + `">|<mark class="m-[a-z]"[^>]*>(<span id="[^"]+"></span>)*<span id="` + u.Fragment + `"></span>`).MatchString(body) {
			t.Errorf("%s: no highlighted sentence #%s", u.Path, u.Fragment)
		}
	}
}

func TestTargetsPage(t *testing.T) {
	ts, _, st, _ := demoSite(t, 600)
	ref := busiestPlace(t, st)
	province := ref.PlaceCode[:2] + "0000"

	t.Run("default", func(t *testing.T) {
		code, body, _ := get(t, ts.URL+"/targets")
		if code != 200 {
			t.Fatalf("/targets: %d", code)
		}
		for _, want := range []string{"<h1>目标完成情况</h1>", `<option value="gdp_growth" selected>`, `<option value="province" selected>`,
			`class="attainment"`, "完成率"} {
			if !strings.Contains(body, want) {
				t.Errorf("/targets lacks %s", want)
			}
		}
	})

	t.Run("province counties", func(t *testing.T) {
		q := "/targets?indicator=gdp_growth&place=" + province + "&level=" + string(ref.Level)
		code, body, h := get(t, ts.URL+q)
		if code != 200 {
			t.Fatalf("%s: %d", q, code)
		}
		if !strings.Contains(h.Get("Content-Security-Policy"), "script-src 'self'") {
			t.Errorf("CSP is %q", h.Get("Content-Security-Policy"))
		}
		// ECharts and chart.js from the site, the data as JSON, no inline script.
		for _, want := range []string{`src="/static/echarts.common.min.`, `src="/static/chart.`, `<script type="application/json" id="chart-places">`,
			`<script type="application/json" id="chart-years">`, `<a href="/place/` + ref.PlaceCode + `">`} {
			if !strings.Contains(body, want) {
				t.Errorf("%s lacks %s", q, want)
			}
		}
		// the same comparison from the API: a spreadsheet, or JSON
		api := regexp.MustCompile(`<a href="(/api/v1/comparison\?[^"]+)" rel="nofollow"[^>]*>([A-Z]+)</a>`).FindAllStringSubmatch(body, -1)
		if len(api) != 3 {
			t.Errorf("%d links to the comparison in the API, want CSV, XLSX and JSON", len(api))
		}
		for _, a := range api {
			code, got, h := get(t, ts.URL+strings.ReplaceAll(a[1], "&amp;", "&"))
			ok := code == 200
			switch a[2] {
			case "CSV":
				ok = ok && strings.HasPrefix(h.Get("Content-Type"), "text/csv") && strings.Contains(got, ref.PlaceCode)
			case "XLSX":
				ok = ok && strings.HasPrefix(got, "PK")
			case "JSON":
				ok = ok && strings.Contains(got, `"rows"`)
			}
			if !ok {
				t.Errorf("%s %s: %d %s", a[2], a[1], code, h.Get("Content-Type"))
			}
		}
		if n := len(regexp.MustCompile(`<script>`).FindAllString(body, -1)); n > 0 {
			t.Errorf("%d inline scripts", n)
		}
		links := cellLink.FindAllStringSubmatch(body, -1)
		if len(links) == 0 {
			t.Fatal("no target or outcome in the table")
		}
		var hrefs []string
		for _, l := range links {
			if regexp.MustCompile(`\d[eE][+-]?\d|\d{7}`).MatchString(l[3]) {
				t.Errorf("value %q is not written for readers", l[3])
			}
			hrefs = append(hrefs, l[2])
		}
		// every number of a cell is a link: no bare number outside them
		cells := regexp.MustCompile(`(?s)<td class="cell s-[a-z_]+">(.*?)</td>`).FindAllStringSubmatch(body, -1)
		for _, c := range cells {
			rest := cellLink.ReplaceAllString(c[1], "")
			rest = regexp.MustCompile(`<span class="st">[^<]*</span>|<span class="esc"[^>]*>[^<]*</span>|<abbr[^>]*>[^<]*</abbr>`).ReplaceAllString(rest, "")
			if regexp.MustCompile(`\d`).MatchString(rest) {
				t.Errorf("a number outside a link: %q", c[1])
			}
		}
		checkSentenceLinks(t, ts.URL, hrefs)
	})

	t.Run("english", func(t *testing.T) {
		code, body, _ := get(t, ts.URL+"/targets?lang=en&place="+province)
		if code != 200 || !strings.Contains(body, "Targets met or missed") || !strings.Contains(body, `<input type="hidden" name="lang" value="en">`) {
			t.Errorf("English /targets: %d", code)
		}
		if strings.Contains(body, "完成率") {
			t.Error("English page shows Chinese labels")
		}
	})

	t.Run("pages", func(t *testing.T) {
		// Every county of the country, a few to a page: the pages list
		// each place once, in order, and link each other.
		defer func(n int) { maxTargetRows = n }(maxTargetRows)
		maxTargetRows = 7
		q := "/targets?indicator=gdp_growth&level=county"
		_, first, _ := get(t, ts.URL+q)
		pages := regexp.MustCompile(`第 1 页，共 (\d+) 页`).FindStringSubmatch(first)
		if pages == nil || pages[1] == "1" {
			t.Fatalf("no pager on %s", q)
		}
		n, _ := strconv.Atoi(pages[1])
		rowRe := regexp.MustCompile(`<tr><th scope="row"><a href="/place/(\d+)">`)
		summaryRe := regexp.MustCompile(`共 \d+ 个目标[^<]*`)
		var codes []string
		for p := 1; p <= n; p++ {
			u := q
			if p > 1 {
				u += "&page=" + strconv.Itoa(p)
			}
			code, body, _ := get(t, ts.URL+u)
			rows := rowRe.FindAllStringSubmatch(body, -1)
			if code != 200 || len(rows) == 0 || len(rows) > 7 || p < n && len(rows) != 7 {
				t.Fatalf("%s: %d, %d rows", u, code, len(rows))
			}
			for _, r := range rows {
				codes = append(codes, r[1])
			}
			// The summary counts the places of every page.
			if got, want := summaryRe.FindString(body), summaryRe.FindString(first); want == "" || got != want {
				t.Errorf("%s: summary %q, first page's %q", u, got, want)
			}
			if p < n && !strings.Contains(body, `rel="next" href="/targets?indicator=gdp_growth&amp;level=county&amp;page=`+strconv.Itoa(p+1)+`"`) {
				t.Errorf("%s: no link to the next page", u)
			}
			if p > 1 && !strings.Contains(body, `<link rel="canonical" href="`) {
				t.Errorf("%s: no canonical link", u)
			}
		}
		if !slices.IsSorted(codes) || len(slices.Compact(slices.Clone(codes))) != len(codes) {
			t.Errorf("the pages list %d places, not each once in order: %v", len(codes), codes)
		}
		t.Logf("%d places on %d pages", len(codes), n)
		if code, _, _ := get(t, ts.URL+q+"&page="+strconv.Itoa(n+1)); code != 404 {
			t.Errorf("the page after the last: %d, want 404", code)
		}
	})

	t.Run("bad input", func(t *testing.T) {
		for _, q := range []string{"?indicator=nonsense", "?place=没有这个地方", "?year=20x", "?level=city"} {
			if code, _, _ := get(t, ts.URL+"/targets"+q); code != 400 {
				t.Errorf("/targets%s: %d, want 400", q, code)
			}
		}
	})

	t.Run("place page", func(t *testing.T) {
		code, body, _ := get(t, ts.URL+"/place/"+ref.PlaceCode)
		if code != 200 {
			t.Fatalf("place: %d", code)
		}
		for _, want := range []string{`<h2 id="figures-title">目标与实际</h2>`, `<script type="application/json" id="chart-gdp_growth">`,
			`src="/static/echarts.common.min.`, `<h3 id="ind-gdp_growth">地区生产总值增长（%）`} {
			if !strings.Contains(body, want) {
				t.Errorf("place page lacks %s", want)
			}
		}
		var hrefs []string
		for _, l := range tableLink.FindAllStringSubmatch(body, -1) {
			hrefs = append(hrefs, l[1])
		}
		if len(hrefs) < 2 {
			t.Fatalf("place page links %d numbers", len(hrefs))
		}
		checkSentenceLinks(t, ts.URL, hrefs)
	})

	t.Run("charts only where charted", func(t *testing.T) {
		for _, p := range []string{"/", "/place/", "/baogao/"} {
			if _, body, _ := get(t, ts.URL+p); strings.Contains(body, "echarts") {
				t.Errorf("%s loads ECharts", p)
			}
		}
		_, body, _ := get(t, ts.URL+"/targets?indicator=gdp_growth&year=1990")
		if strings.Contains(body, "echarts") || !strings.Contains(body, "没有符合条件的目标") {
			t.Error("/targets with no rows loads ECharts or says nothing")
		}
	})
}

// TestTargetsEscalation: on invented figures of 济宁市 and two of its
// counties, /targets shows the city's row first, a county's higher target
// as escalation, met and missed with their gaps, and the summary.
func TestTargetsEscalation(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "web.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	im := &ingest.Importer{Store: st, Parser: ingest.NewParser(place.Default())}
	y := 2024
	for _, c := range []struct {
		name, code, text string
		target, outcome  float64
		qual             baogao.Qualifier
	}{
		{"济宁市", "370800", "运河之都文化繁荣，港航物流枢纽加快建设，孔孟之乡文旅融合。", 6, 6.2, baogao.QualAbout},
		{"金乡县", "370828", "大蒜产业提质增效，冷链物流园区投入运营，农产品出口稳定增长。", 7, 6.8, baogao.QualAbout},
		{"汶上县", "370830", "宝相寺景区提档升级，纺织服装集群壮大，黄河流域生态保护扎实推进。", 5.5, 5, baogao.QualExact},
	} {
		r := im.Import(ctx, []byte("2024年"+c.name+"人民政府工作报告\n各位代表：\n今年地区生产总值预期增长。\n"+c.text+"\n"), ingest.Input{Name: c.code + ".txt"})
		if r.Status != ingest.StatusImported {
			t.Fatalf("import %s: %+v", c.name, r)
		}
		doc, err := st.Document(ctx, r.ID)
		if err != nil || doc.Meta.PlaceCode != c.code {
			t.Fatalf("%s: place %q (%v)", c.name, doc.Meta.PlaceCode, err)
		}
		ex := baogao.Extraction{
			Targets:  []baogao.Target{{Indicator: "gdp_growth", Value: c.target, Unit: "%", Qualifier: c.qual, Year: &y, Text: "预期增长", Span: baogao.Span{8, 12}}},
			Outcomes: []baogao.Outcome{{Indicator: "gdp_growth", Value: c.outcome, Unit: "%", Year: &y, Vintage: baogao.VintageEstimated, Text: "地区生产总值", Span: baogao.Span{2, 8}}},
		}
		if err := st.SetExtraction(ctx, r.ID, ex); err != nil {
			t.Fatal(err)
		}
	}
	srv, err := New(Config{Store: st, Places: place.Default(), RateLimit: -1})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	code, body, _ := get(t, ts.URL+"/targets?indicator=gdp_growth&place=济宁市")
	if code != 200 {
		t.Fatalf("/targets: %d", code)
	}
	rows := regexp.MustCompile(`(?s)<tr( class="parent")?><th scope="row"><a href="/place/(\d+)">([^<]+)</a></th>(.*?)</tr>`).FindAllStringSubmatch(body, -1)
	if len(rows) != 3 || rows[0][1] == "" || rows[0][2] != "370800" || rows[1][3] != "金乡县" || rows[2][3] != "汶上县" {
		var got []string
		for _, r := range rows {
			got = append(got, r[2]+r[1])
		}
		t.Fatalf("rows %v, want the city (parent) then 金乡县, 汶上县", got)
	}
	for _, c := range []struct {
		row  int
		want []string
	}{
		{1, []string{`class="cell s-met"`, ">7%左右</a>", `<span class="esc" title="高于上级目标">↑+1个百分点</span>`, ">6.8%</a>", "完成 -0.2个百分点"}},
		{2, []string{`class="cell s-missed"`, ">5.5%</a>", ">5%</a>", "未完成 -0.5个百分点"}},
		{0, []string{">6%左右</a>", ">6.2%</a>", "完成 +0.2个百分点"}},
	} {
		for _, w := range c.want {
			if !strings.Contains(rows[c.row][4], w) {
				t.Errorf("row %s lacks %s:\n%s", rows[c.row][3], w, rows[c.row][4])
			}
		}
	}
	if strings.Contains(rows[2][4], `class="esc"`) {
		t.Error("汶上县's lower target is marked as escalation")
	}
	if !strings.Contains(body, "共 2 个目标：完成 1，未完成 1，无数据 0；完成率 <strong>50%</strong>") {
		t.Error("summary line wrong")
	}
	_, en, _ := get(t, ts.URL+"/targets?indicator=gdp_growth&place=370800&lang=en")
	for _, w := range []string{"↑+1 pp", ">about 7%</a>", "missed -0.5 pp", "2 targets: 1 met, 1 missed"} {
		if !strings.Contains(en, w) {
			t.Errorf("English page lacks %s", w)
		}
	}
}

// TestPlaceOutcomesWithoutTarget: a place's page keeps the years and
// indicators with an outcome but no target (a bulletin's year without a
// report), marked 无目标, beside the targets met or missed.
func TestPlaceOutcomesWithoutTarget(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "web.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	im := &ingest.Importer{Store: st, Parser: ingest.NewParser(place.Default())}
	y2023, y2024 := 2023, 2024
	for _, c := range []struct {
		text string
		ex   baogao.Extraction
	}{
		{"2024年金乡县人民政府工作报告\n各位代表：\n今年地区生产总值预期增长。\n大蒜产业提质增效，冷链物流园区投入运营。\n", baogao.Extraction{
			Targets:  []baogao.Target{{Indicator: "gdp_growth", Value: 7, Unit: "%", Qualifier: baogao.QualAbout, Year: &y2024, Text: "预期增长", Span: baogao.Span{8, 12}}},
			Outcomes: []baogao.Outcome{{Indicator: "gdp_growth", Value: 6.8, Unit: "%", Year: &y2024, Vintage: baogao.VintageEstimated, Text: "地区生产总值", Span: baogao.Span{2, 8}}},
		}},
		{"金乡县2023年国民经济和社会发展统计公报\n全年地区生产总值增长，居民消费价格上涨。\n大蒜出口稳定，冷链物流发展。\n", baogao.Extraction{
			Outcomes: []baogao.Outcome{
				{Indicator: "gdp_growth", Value: 6.5, Unit: "%", Year: &y2023, Vintage: baogao.VintageFinal, Text: "地区生产总值增长", Span: baogao.Span{2, 10}},
				{Indicator: "cpi", Value: 2.1, Unit: "%", Year: &y2023, Vintage: baogao.VintageFinal, Text: "居民消费价格上涨", Span: baogao.Span{11, 19}},
			},
		}},
	} {
		r := im.Import(ctx, []byte(c.text), ingest.Input{Name: c.text[:12] + ".txt"})
		if r.Status != ingest.StatusImported {
			t.Fatalf("import: %+v", r)
		}
		if err := st.SetExtraction(ctx, r.ID, c.ex); err != nil {
			t.Fatal(err)
		}
	}
	srv, err := New(Config{Store: st, Places: place.Default(), RateLimit: -1})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	code, body, _ := get(t, ts.URL+"/place/370828")
	if code != 200 {
		t.Fatalf("place: %d", code)
	}
	rows := regexp.MustCompile(`(?s)<tr class="s-([a-z_]+)"><th scope="row">(\d+)</th>(.*?)</tr>`).FindAllStringSubmatch(body, -1)
	var got []string
	for _, r := range rows {
		got = append(got, r[2]+" "+r[1])
	}
	if strings.Join(got, ", ") != "2023 no_target, 2024 met, 2023 no_target" {
		t.Fatalf("rows %v, want gdp_growth 2023 (no target) and 2024 (met), then cpi 2023 (no target)", got)
	}
	for _, w := range []string{"<td class=\"num\">—</td>", ">6.5%</a>", "无目标", `<h3 id="ind-cpi">`, `<script type="application/json" id="chart-gdp_growth">`} {
		if !strings.Contains(rows[0][3]+body, w) {
			t.Errorf("place page lacks %s", w)
		}
	}
	if !strings.Contains(rows[0][3], "<td class=\"num\">—</td>") || strings.Contains(rows[0][3], "无数据") {
		t.Errorf("the 2023 row has a target or says no data:\n%s", rows[0][3])
	}
	checkSentenceLinks(t, ts.URL, []string{regexp.MustCompile(`href="([^"]+)"[^>]*>6.5%</a>`).FindStringSubmatch(rows[0][3])[1]})
	if _, en, _ := get(t, ts.URL+"/place/370828?lang=en"); !strings.Contains(en, "no target") {
		t.Error("the English page does not say no target")
	}
}
