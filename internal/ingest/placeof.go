package ingest

import (
	"regexp"
	"slices"
	"unicode/utf8"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/place"
)

// placeIndex is what the recogniser needs of the gazetteer.
type placeIndex interface {
	Find(text string) []place.Mention
	Place(code string) (baogao.Place, error)
	Path(code string) []baogao.Place
	FullName(code string) string
}

// Evidence weights. A place named in the title, as the host of the
// congress session, as a government or by its head's title is what the
// document is about; a place merely mentioned in the text is not.
const (
	wTitle      = 10
	wTitleShort = 4
	wSession    = 8
	wGovernment = 6
	wHead       = 5
	wMention    = 1
	wShort      = 0.3
	wDateline   = 0.2
	capMention  = 5 // plain mentions of one place add up to at most this
	eligible    = 0.4
)

var (
	afterSession    = regexp.MustCompile(`^\s*(?:第?[〇一二三四五六七八九十]{1,3}届人民代表大会|[〇一二三四五六七八九十]{1,3}届人大)`)
	afterGovernment = regexp.MustCompile(`^(?:人民政府|政府|人大常委会)`)
	afterHead       = regexp.MustCompile(`^(?:代?(?:省长|市长|县长|区长|旗长|州长|盟长)|自治区主席)`)
	afterDate       = regexp.MustCompile(`^\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:电|讯)`)
	personBefore    = regexp.MustCompile(`(?:省长|市长|县长|区长|旗长|州长|主席|书记|代表|记者|通讯员)\s*[\p{Han}]?$`)
)

// placeOf finds the place a document is about. Every mention in the title,
// the header and the first part of the body is evidence, weighed by where
// it stands and what follows it; a place's own evidence is added to its
// ancestors' (a title "(山东省)金乡县…" supports 金乡县 twice over). The most
// specific place with enough evidence of its own wins. When names stay
// ambiguous (鼓楼区 with no city) it returns "" and the candidates.
func (r *recogniser) placeOf(d docText) (string, []string) {
	own := map[string]float64{}
	mentioned := map[string]float64{}
	for _, m := range r.places.Find(d.Title) {
		w := float64(wTitle)
		if m.Form == place.ShortName {
			w = wTitleShort
		}
		for _, c := range r.broadest(m) {
			own[c] += w
		}
	}
	for _, h := range d.Header {
		r.weigh(h, own, mentioned)
	}
	r.weigh(prefixRunes(d.Body, 3000), own, mentioned)
	for c, w := range mentioned {
		if w > capMention {
			w = capMention
		}
		own[c] += w
	}
	if len(own) == 0 {
		return "", nil
	}
	maxOwn := 0.0
	for _, w := range own {
		maxOwn = max(maxOwn, w)
	}
	type cand struct {
		code  string
		total float64
		depth int
	}
	var best []cand
	for _, code := range sortedKeys(own) {
		if own[code] < eligible*maxOwn {
			continue
		}
		path := r.places.Path(code)
		total := 0.0
		for _, p := range path {
			total += own[p.Code]
		}
		c := cand{code, total, len(path)}
		switch {
		case len(best) == 0 || c.total > best[0].total+1e-9 || (abs(c.total-best[0].total) < 1e-9 && c.depth > best[0].depth):
			best = []cand{c}
		case abs(c.total-best[0].total) < 1e-9 && c.depth == best[0].depth:
			best = append(best, c)
		}
	}
	if len(best) == 1 {
		return best[0].code, nil
	}
	codes := make([]string, len(best))
	for i, c := range best {
		codes[i] = c.code
	}
	// Several places tied under one place that is itself named (a table
	// of a city's districts): the document is about that place.
	if anc := r.commonAncestor(codes); anc != "" && own[anc] > 0 {
		return anc, nil
	}
	return "", codes
}

// commonAncestor returns the nearest place above all the codes, or "".
func (r *recogniser) commonAncestor(codes []string) string {
	var common []baogao.Place
	for i, c := range codes {
		path := r.places.Path(c)
		if len(path) > 0 {
			path = path[:len(path)-1] // ancestors only
		}
		if i == 0 {
			common = path
			continue
		}
		n := 0
		for n < len(common) && n < len(path) && common[n].Code == path[n].Code {
			n++
		}
		common = common[:n]
	}
	if len(common) == 0 {
		return ""
	}
	return common[len(common)-1].Code
}

// aboveCounty reports whether all codes are provinces or prefectures.
func (r *recogniser) aboveCounty(codes []string) bool {
	for _, c := range codes {
		if p, err := r.places.Place(c); err != nil || p.Level == baogao.LevelCounty {
			return false
		}
	}
	return len(codes) > 0
}

// weigh adds the evidence of one text's mentions: strong mentions (session
// host, government, head of government) to own, plain ones to mentioned.
func (r *recogniser) weigh(text string, own, mentioned map[string]float64) {
	for _, m := range r.places.Find(text) {
		start := byteOffset(text, m.Start)
		end := byteOffset(text, m.End)
		// The patterns look a few characters either side; give them no more.
		after := text[end:min(len(text), end+48)]
		before := text[max(0, start-24):start]
		if m.Form == place.ShortName && personBefore.MatchString(before) {
			continue // 市长曲福田: a name, not 福田区
		}
		w, strong := float64(wMention), false
		switch {
		case afterSession.MatchString(after):
			w, strong = wSession, true
		case afterGovernment.MatchString(after):
			w, strong = wGovernment, true
		case afterHead.MatchString(after):
			w, strong = wHead, true
		case afterDate.MatchString(after):
			w = wDateline
		case m.Form == place.ShortName:
			w = wShort
		}
		codes := r.broadest(m)
		if m.Form == place.ShortName && !strong {
			switch {
			case !m.Strong() && !r.aboveCounty(codes):
				// A county's short name inside running text is most often part
				// of a word (创新和 is not 新和县) unless it names a government.
				continue
			case m.Strong() && utf8.RuneCountInString(m.Text) >= 3:
				w = wMention
			}
		}
		for _, c := range codes {
			if strong {
				own[c] += w
			} else {
				mentioned[c] += w
			}
		}
	}
}

// broadest narrows what a mention may mean. Codes that lie under another
// of the codes are dropped (长沙: 长沙市, not 长沙县); a short name shared by
// places of different levels means the highest (河南: 河南省, not 河南蒙古族
// 自治县). Full names shared by places of one level (鼓楼区) stay ambiguous.
func (r *recogniser) broadest(m place.Mention) []string {
	codes := m.Codes
	if len(codes) < 2 {
		return codes
	}
	rank := map[baogao.Level]int{baogao.LevelProvince: 3, baogao.LevelPrefecture: 2, baogao.LevelCounty: 1}
	top := 0
	levels := map[string]int{}
	for _, c := range codes {
		if p, err := r.places.Place(c); err == nil {
			levels[c] = rank[p.Level]
			top = max(top, levels[c])
		}
	}
	var out []string
	for _, c := range codes {
		if m.Form == place.ShortName && levels[c] < top {
			continue
		}
		under := false
		for _, p := range r.places.Path(c) {
			if p.Code != c && slices.Contains(codes, p.Code) {
				under = true
				break
			}
		}
		if !under {
			out = append(out, c)
		}
	}
	return out
}

// byteOffset converts a rune offset into a byte offset of s.
func byteOffset(s string, runes int) int {
	i := 0
	for j := range s {
		if i == runes {
			return j
		}
		i++
	}
	return len(s)
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}
