package web

import (
	"container/list"
	"sync"
)

// pageCache keeps rendered pages, plain and compressed, keyed by the
// archive version, the language and the URL, up to a total size. A change
// of the archive changes the version, so stale pages are never served; they
// age out of the LRU.
type pageCache struct {
	mu       sync.Mutex
	max, n   int
	ll       *list.List
	items    map[string]*list.Element
	disabled bool
}

type cachedPage struct {
	key         string
	body, gzip  []byte
	contentType string
	status      int
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
		return nil, false
	}
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
		e := c.ll.Back()
		old := e.Value.(*cachedPage)
		c.n -= len(old.body) + len(old.gzip)
		delete(c.items, old.key)
		c.ll.Remove(e)
	}
}
