package search

import "github.com/baogao/baogao"

// Plan is a validated search, ready for a store to run.
type Plan struct {
	Query  *Query
	Filter Filter
	Sort   baogao.SearchSort // never ""
	Limit  int               // hits per page, 1 to baogao.MaxSearchLimit
	Offset int
}

// NewPlan validates a search and parses its query. It fails with EINVALID,
// with a message for readers, for a bad sort, page or filter and for a
// query Parse refuses.
func NewPlan(sq baogao.SearchQuery) (*Plan, error) {
	p := &Plan{Sort: sq.Sort, Limit: sq.Limit, Offset: sq.Offset}
	switch p.Sort {
	case "":
		p.Sort = baogao.SortRelevance
	case baogao.SortRelevance, baogao.SortDate:
	default:
		return nil, baogao.Errorf(baogao.EINVALID, "排序方式只能是 relevance（相关度）或 date（日期）")
	}
	if p.Limit == 0 {
		p.Limit = baogao.DefaultSearchLimit
	}
	if p.Limit < 0 || p.Limit > baogao.MaxSearchLimit {
		return nil, baogao.Errorf(baogao.EINVALID, "每页结果数应在 1 到 %d 之间", baogao.MaxSearchLimit)
	}
	if p.Offset < 0 || p.Offset+p.Limit > baogao.MaxSearchDepth {
		return nil, baogao.Errorf(baogao.EINVALID, "只能翻看前 %d 条结果，请缩小搜索范围", baogao.MaxSearchDepth)
	}
	var err error
	if p.Filter, err = NewFilter(sq.Filter); err != nil {
		return nil, err
	}
	if p.Query, err = Parse(sq.Text, DefaultSynonyms()); err != nil {
		return nil, err
	}
	return p, nil
}

// Hit returns the search hit of a document found, with its URL; the
// snippet is the store's to make.
func Hit(id int64, kind baogao.Kind, placeCode string, region baogao.Region, year int, date, title string, score float64) baogao.SearchHit {
	d := baogao.Document{ID: id, Meta: baogao.Meta{Kind: kind, Region: region, PlaceCode: placeCode}}
	return baogao.SearchHit{ID: id, URL: d.URL(), Title: title, Kind: kind, PlaceCode: placeCode, Year: year, Date: date,
		Region: region, Score: score}
}
