package web

import (
	"context"
	"net/http"
	"strings"
	"sync"

	"github.com/baogao/baogao"
)

// deps is what a cached page shows, so that a change of the archive drops
// the pages it touches and keeps the others: the documents it shows in
// full, and the lists (and counts) it shows, by the filter that selects
// them. A page whose handler records nothing depends on everything.
type deps struct {
	mu      sync.Mutex
	precise bool // the handler recorded what it shows
	docs    []int64
	lists   []baogao.DocumentFilter
}

type depsKey struct{}

// withDeps returns the request carrying a fresh record of dependencies.
func withDeps(r *http.Request) (*http.Request, *deps) {
	d := &deps{}
	return r.WithContext(context.WithValue(r.Context(), depsKey{}, d)), d
}

func depsOf(r *http.Request) *deps {
	d, _ := r.Context().Value(depsKey{}).(*deps)
	return d
}

// showsDocument records that the page being built shows a document in
// full: its text, meta, sources, data and comments.
func showsDocument(r *http.Request, id int64) {
	if d := depsOf(r); d != nil {
		d.mu.Lock()
		d.precise = true
		d.docs = append(d.docs, id)
		d.mu.Unlock()
	}
}

// showsList records that the page being built lists or counts the
// documents f selects (its Limit, Offset, order and Level are ignored: any
// document f selects may change the page).
func showsList(r *http.Request, f baogao.DocumentFilter) {
	if d := depsOf(r); d != nil {
		d.mu.Lock()
		d.precise = true
		d.lists = append(d.lists, baogao.DocumentFilter{Kind: f.Kind, Region: f.Region, Province: f.Province,
			PlaceCode: f.PlaceCode, YearFrom: f.YearFrom, YearTo: f.YearTo})
		d.mu.Unlock()
	}
}

// touchedBy reports whether a change may alter a page with these
// dependencies.
func (d *deps) touchedBy(c baogao.Change) bool {
	if d == nil || !d.precise || c.DocumentID == 0 {
		return true
	}
	for _, id := range d.docs {
		if id == c.DocumentID {
			return true
		}
	}
	for _, f := range d.lists {
		if selects(f, c) {
			return true
		}
	}
	return false
}

// selects reports whether the filter selects a document as the change
// records it.
func selects(f baogao.DocumentFilter, c baogao.Change) bool {
	switch {
	case f.Kind != "" && f.Kind != c.Kind,
		f.Region != "" && f.Region != c.Region,
		f.Province != "" && !strings.HasPrefix(c.PlaceCode, f.Province[:min(2, len(f.Province))]),
		f.PlaceCode != "" && !strings.HasPrefix(c.PlaceCode, baogao.CodePrefix(f.PlaceCode)),
		f.YearFrom != 0 && c.Year < f.YearFrom,
		f.YearTo != 0 && c.Year > f.YearTo:
		return false
	}
	return true
}

// invalidator keeps the page cache in step with the store's change log:
// before a request is answered from the cache, the changes recorded since
// the last look (by any process) drop the cached pages they touch.
type invalidator struct {
	store baogao.Store
	cache *pageCache

	mu      sync.Mutex
	version int64           // the archive version when the log was last read
	seq     int64           // the last change applied
	recent  []baogao.Change // the latest changes applied, for pages built meanwhile
}

// maxPending is how many changes are applied one by one; a server further
// behind empties its cache instead.
const maxPending = 1000

// keepRecent is how many applied changes are remembered for pages whose
// building began before them.
const keepRecent = 1024

// sync applies the changes recorded since the last call, when the archive
// version says there are any.
func (iv *invalidator) sync(ctx context.Context, version int64) error {
	iv.mu.Lock()
	defer iv.mu.Unlock()
	if version == iv.version {
		return nil
	}
	changes, latest, err := iv.store.Changes(ctx, iv.seq, maxPending)
	switch {
	case baogao.ErrorCode(err) == baogao.ENOTFOUND, err == nil && len(changes) == maxPending,
		err == nil && len(changes) == 0 && latest == iv.seq && iv.version != 0:
		// Too far behind, or a change the log does not tell: start afresh.
		iv.cache.clear()
		iv.recent = nil
		iv.recent = append(iv.recent, baogao.Change{Seq: latest}) // a change of anything, as far as pages built before know
	case err != nil:
		return err
	default:
		iv.cache.drop(func(p *cachedPage) bool {
			for _, c := range changes {
				if p.deps.touchedBy(c) {
					return true
				}
			}
			return false
		})
		iv.recent = append(iv.recent, changes...)
		if n := len(iv.recent) - keepRecent; n > 0 {
			iv.recent = append(iv.recent[:0:0], iv.recent[n:]...)
		}
	}
	iv.seq, iv.version = latest, version
	return nil
}

// seen returns the last change applied: a page built from here on may be
// cached as of it.
func (iv *invalidator) seen() int64 {
	iv.mu.Lock()
	defer iv.mu.Unlock()
	return iv.seq
}

// put caches a page built as of change seq, unless a change applied since
// then touches it (it may have been read before or after that change).
func (iv *invalidator) put(p *cachedPage, seq int64) {
	iv.mu.Lock()
	defer iv.mu.Unlock()
	if seq < iv.seq {
		if len(iv.recent) == 0 || iv.recent[0].Seq > seq+1 {
			return // changes since are no longer remembered
		}
		for _, c := range iv.recent {
			if c.Seq > seq && p.deps.touchedBy(c) {
				return
			}
		}
	}
	iv.cache.put(p)
}
