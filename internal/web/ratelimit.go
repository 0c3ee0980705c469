package web

import (
	"context"
	"net/http"
	"sync"
	"time"

	"github.com/baogao/baogao"
)

// rateLimit is a number of requests allowed in a sliding window.
type rateLimit struct {
	name   string // part of the counter's key: "api", "comment" …
	n      int
	window time.Duration
	// batch lets the process count up to this long between trips to the
	// database: for limits of many cheap requests (search, API), where a
	// write per request would cost more than the request. Limits of rare
	// requests (comments, logins) go to the database every time.
	batch time.Duration
}

// limiter enforces rate limits with counters kept in the database, shared
// by every server process, and a small cache in front of them for batched
// limits.
type limiter struct {
	store baogao.Store
	mu    sync.Mutex
	local map[string]*localCount
	sweep time.Time
}

// localCount is a process's view of one counter: the counts the database
// last returned and the hits counted here since.
type localCount struct {
	rc      baogao.RateCount
	pending int
	synced  time.Time
}

func newLimiter(st baogao.Store) *limiter {
	return &limiter{store: st, local: map[string]*localCount{}}
}

// allow counts a request of client against lim and reports whether it is
// within the limit. Refused requests count too: a client that keeps
// hammering stays refused.
func (l *limiter) allow(ctx context.Context, lim rateLimit, client string, now time.Time) (bool, error) {
	key := lim.name + ":" + client
	if lim.batch > 0 {
		l.mu.Lock()
		l.sweepOld(now)
		lc := l.local[key]
		if lc != nil && now.Sub(lc.synced) < lim.batch && now.Before(lc.rc.Start.Add(lim.window)) {
			lc.pending++
			ok := lc.rc.Sliding(now, lim.window)+float64(lc.pending) <= float64(lim.n)
			l.mu.Unlock()
			return ok, nil
		}
		n := 1
		if lc != nil {
			n += lc.pending
			lc.pending = 0
			lc.synced = now // others batch meanwhile
		}
		l.mu.Unlock()
		rc, err := l.store.Hit(ctx, key, lim.window, now, n)
		if err != nil {
			return true, err
		}
		l.mu.Lock()
		if lc = l.local[key]; lc == nil {
			lc = &localCount{}
			l.local[key] = lc
		}
		lc.rc, lc.synced = rc, now
		l.mu.Unlock()
		return rc.Sliding(now, lim.window) <= float64(lim.n), nil
	}
	rc, err := l.store.Hit(ctx, key, lim.window, now, 1)
	if err != nil {
		return false, err
	}
	return rc.Sliding(now, lim.window) <= float64(lim.n), nil
}

// sweepOld forgets counters not seen for a while; l.mu is held.
func (l *limiter) sweepOld(now time.Time) {
	if now.Sub(l.sweep) < time.Minute {
		return
	}
	for k, lc := range l.local {
		if now.Sub(lc.synced) > 5*time.Minute {
			delete(l.local, k)
		}
	}
	l.sweep = now
}

// Limits bound what one client may do; each counts over ten minutes.
type Limits struct {
	CommentsPerClient   int // comments one client may post
	CommentsPerDocument int // comments all clients together may post on one document
	CaptchasPerClient   int // captchas one client may ask for
	// LoginFailures is how many failed logins lock a name, or a client, out
	// for LoginLockout.
	LoginFailures int
	LoginLockout  time.Duration
}

// DefaultLimits suit a public site.
var DefaultLimits = Limits{CommentsPerClient: 5, CommentsPerDocument: 60, CaptchasPerClient: 60, LoginFailures: 5,
	LoginLockout: 15 * time.Minute}

func (l Limits) withDefaults() Limits {
	d := DefaultLimits
	if l.CommentsPerClient > 0 {
		d.CommentsPerClient = l.CommentsPerClient
	}
	if l.CommentsPerDocument > 0 {
		d.CommentsPerDocument = l.CommentsPerDocument
	}
	if l.CaptchasPerClient > 0 {
		d.CaptchasPerClient = l.CaptchasPerClient
	}
	if l.LoginFailures > 0 {
		d.LoginFailures = l.LoginFailures
	}
	if l.LoginLockout > 0 {
		d.LoginLockout = l.LoginLockout
	}
	return d
}

// allowAPI counts a search or API request of r's client; true when the
// limit is off. A database failure lets the request through (and is
// logged): a limit must not take the site down with it.
func (s *Server) allowAPI(r *http.Request) bool {
	if s.apiLimit.n == 0 {
		return true
	}
	client, err := s.client(r)
	if err == nil {
		var ok bool
		ok, err = s.limiter.allow(r.Context(), s.apiLimit, client, time.Now())
		if err == nil {
			return ok
		}
	}
	s.log.Error("rate limit unavailable", "err", err)
	return true
}
