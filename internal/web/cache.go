package web

import (
	"container/list"
	"sync"
	"sync/atomic"
	"time"
)

// pageCache keeps rendered pages, plain and compressed, keyed by the
// language and the URL, up to a total size. A page stays until a change of
// the archive touches what it shows (see invalidator) or the LRU needs its
// room, so that a crawl importing beside the site leaves the pages of
// other documents cached.
type pageCache struct {
	mu       sync.Mutex
	max, n   int
	ll       *list.List
	items    map[string]*list.Element
	disabled bool

	hits, misses, dropped atomic.Int64
}

type cachedPage struct {
	key         string
	body, gzip  []byte
	contentType string
	status      int
	// etag and modified validate the page for conditional requests as long
	// as it is cached: nothing it shows has changed since.
	etag     string
	modified time.Time
	deps     *deps
}

func newPageCache(maxBytes int, enabled bool) *pageCache {
	return &pageCache{max: maxBytes, ll: list.New(), items: map[string]*list.Element{}, disabled: !enabled}
}

func (c *pageCache) get(key string) (*cachedPage, bool) {
	if c.disabled {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.items[key]
	if !ok {
		c.misses.Add(1)
		return nil, false
	}
	c.hits.Add(1)
	c.ll.MoveToFront(e)
	return e.Value.(*cachedPage), true
}

func (c *pageCache) put(p *cachedPage) {
	if c.disabled {
		return
	}
	size := len(p.body) + len(p.gzip)
	if size > c.max/8 {
		return // one page must not take the cache
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[p.key]; ok {
		old := e.Value.(*cachedPage)
		c.n -= len(old.body) + len(old.gzip)
		e.Value = p
		c.ll.MoveToFront(e)
	} else {
		c.items[p.key] = c.ll.PushFront(p)
	}
	c.n += size
	for c.n > c.max {
		c.remove(c.ll.Back())
	}
}

func (c *pageCache) remove(e *list.Element) {
	old := e.Value.(*cachedPage)
	c.n -= len(old.body) + len(old.gzip)
	delete(c.items, old.key)
	c.ll.Remove(e)
}

// drop removes the pages stale says are stale.
func (c *pageCache) drop(stale func(*cachedPage) bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for e := c.ll.Front(); e != nil; {
		next := e.Next()
		if stale(e.Value.(*cachedPage)) {
			c.remove(e)
			c.dropped.Add(1)
		}
		e = next
	}
}

// clear removes every page.
func (c *pageCache) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.dropped.Add(int64(len(c.items)))
	c.ll.Init()
	c.items = map[string]*list.Element{}
	c.n = 0
}
