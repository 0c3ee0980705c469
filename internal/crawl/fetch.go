package crawl

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/ingest"
	"github.com/temoto/robotstxt"
	"golang.org/x/time/rate"
)

// defaultMaxBytes bounds one response: the largest file import takes.
const defaultMaxBytes = ingest.MaxBytes

// maxRobotsBytes bounds a robots.txt (Google reads 500 KiB of one).
const maxRobotsBytes = 512 << 10

// response is a fetched URL.
type response struct {
	url, finalURL string
	status        int
	contentType   string
	etag, lastMod string
	location      string // of a redirect
	body          []byte
	fetchedAt     time.Time
}

// fetchError is a fetch that did not give a page, with what to do next.
type fetchError struct {
	outcome    string // baogao.CrawlSkipped, CrawlFailed or CrawlRetry
	reason     string
	status     int
	retryAfter time.Duration // for CrawlRetry: the server's Retry-After, if any
}

func (e *fetchError) Error() string { return e.reason }

func skip(format string, args ...any) *fetchError {
	return &fetchError{outcome: baogao.CrawlSkipped, reason: fmt.Sprintf(format, args...)}
}

// host is the politeness state of one host: its rate limit and its
// robots.txt rules, fetched once per crawl.
type host struct {
	name    string
	limiter *rate.Limiter

	mu     sync.Mutex
	robots *robotstxt.Group // nil until fetched
	until  time.Time        // when to try robots.txt again after a failure
}

// hosts returns the politeness state of a host, made on first use.
func (c *Crawler) host(name string) *host {
	c.mu.Lock()
	defer c.mu.Unlock()
	h, ok := c.hosts[name]
	if !ok {
		r := c.cfg.Rate
		if s := c.cfg.site(name); s != nil && s.Rate > 0 {
			r = s.Rate
		}
		h = &host{name: name, limiter: rate.NewLimiter(rate.Limit(r), 1)}
		c.hosts[name] = h
	}
	return h
}

// allowed tells whether robots.txt lets the crawler fetch u, fetching
// robots.txt first when it has not been. A robots.txt that cannot be
// fetched (a network failure or a 5xx) leaves the URL to be retried later.
func (c *Crawler) allowed(ctx context.Context, h *host, u *url.URL) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.robots == nil {
		if time.Now().Before(h.until) {
			return &fetchError{outcome: baogao.CrawlRetry, reason: "robots.txt could not be fetched"}
		}
		group, sitemaps, err := c.fetchRobots(ctx, h, u)
		if refused(err) {
			return c.transportError(err)
		}
		if err != nil {
			h.until = time.Now().Add(c.cfg.Backoff.Duration)
			return &fetchError{outcome: baogao.CrawlRetry, reason: "robots.txt could not be fetched: " + err.Error()}
		}
		h.robots = group
		if d := group.CrawlDelay; d > 0 && rate.Every(d) < h.limiter.Limit() {
			h.limiter.SetLimit(rate.Every(d))
		}
		c.robotsFound(ctx, h.name, u, sitemaps)
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	if !h.robots.Test(path) {
		return skip("forbidden by robots.txt")
	}
	return nil
}

// fetchRobots fetches and parses a host's robots.txt: a 4xx means no
// rules, a 5xx or a network failure is an error.
func (c *Crawler) fetchRobots(ctx context.Context, h *host, u *url.URL) (*robotstxt.Group, []string, error) {
	ru := &url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/robots.txt"}
	if err := h.limiter.Wait(ctx); err != nil {
		return nil, nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout.Duration)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, ru.String(), nil)
	if err != nil {
		return nil, nil, err
	}
	req.Header.Set("User-Agent", c.ua)
	resp, err := c.client.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	c.count(func(s *Summary) { s.Requests++ })
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxRobotsBytes))
	if err != nil {
		return nil, nil, err
	}
	if resp.StatusCode >= 300 && resp.StatusCode < 400 {
		// A redirected robots.txt is not followed: no rules.
		return (&robotstxt.RobotsData{}).FindGroup(c.cfg.UserAgent), nil, nil
	}
	if resp.StatusCode >= 500 || resp.StatusCode == http.StatusTooManyRequests {
		return nil, nil, fmt.Errorf("HTTP %d", resp.StatusCode)
	}
	data, err := robotstxt.FromStatusAndBytes(resp.StatusCode, body)
	if err != nil {
		data, _ = robotstxt.FromStatusAndBytes(http.StatusNotFound, nil) // unreadable: no rules
	}
	return data.FindGroup(c.cfg.UserAgent), data.Sitemaps, nil
}

// fetch gets a URL, following redirects within the allowed hosts, each hop
// allowed by robots.txt and waiting for its host's rate limit. prev, when
// set, is the URL's last fetch: its validators make the request
// conditional.
func (c *Crawler) fetch(ctx context.Context, raw string, prev *baogao.CrawlFetch) (*response, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, &fetchError{outcome: baogao.CrawlFailed, reason: "bad URL"}
	}
	for hop := 0; ; hop++ {
		if hop > c.cfg.MaxRedirects {
			return nil, &fetchError{outcome: baogao.CrawlFailed, reason: fmt.Sprintf("more than %d redirects", c.cfg.MaxRedirects)}
		}
		if !c.inScope(u.Host) {
			return nil, skip("redirected to %s, outside the allowed hosts", u.Host)
		}
		h := c.host(u.Host)
		if err := c.allowed(ctx, h, u); err != nil {
			return nil, err
		}
		if err := h.limiter.Wait(ctx); err != nil {
			return nil, err
		}
		resp, err := c.request(ctx, u, prev)
		if err != nil {
			return nil, err
		}
		resp.url = raw
		if resp.status >= 300 && resp.status < 400 && resp.status != http.StatusNotModified {
			loc, err := u.Parse(resp.location)
			if err != nil || resp.location == "" || (loc.Scheme != "http" && loc.Scheme != "https") {
				return nil, &fetchError{outcome: baogao.CrawlFailed, reason: fmt.Sprintf("HTTP %d without a usable Location", resp.status), status: resp.status}
			}
			loc.Fragment = ""
			u = loc
			continue
		}
		return resp, nil
	}
}

// request makes one HTTP request and reads the response within the limits.
func (c *Crawler) request(ctx context.Context, u *url.URL, prev *baogao.CrawlFetch) (*response, error) {
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout.Duration)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, &fetchError{outcome: baogao.CrawlFailed, reason: "bad URL"}
	}
	req.Header.Set("User-Agent", c.ua)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/pdf,application/msword,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/xml;q=0.9,*/*;q=0.8")
	req.Header.Set("Accept-Language", "zh-CN,zh;q=0.9")
	if prev != nil {
		if prev.ETag != "" {
			req.Header.Set("If-None-Match", prev.ETag)
		}
		if prev.LastModified != "" {
			req.Header.Set("If-Modified-Since", prev.LastModified)
		}
	}
	start := time.Now()
	resp, err := c.client.Do(req)
	c.count(func(s *Summary) { s.Requests++ })
	if err != nil {
		return nil, c.transportError(err)
	}
	defer resp.Body.Close()
	r := &response{finalURL: u.String(), status: resp.StatusCode, contentType: resp.Header.Get("Content-Type"),
		etag: resp.Header.Get("ETag"), lastMod: resp.Header.Get("Last-Modified"), fetchedAt: start.UTC()}
	if resp.StatusCode >= 300 && resp.StatusCode < 400 {
		r.location = resp.Header.Get("Location")
		return r, nil
	}
	switch {
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
		return nil, &fetchError{outcome: baogao.CrawlRetry, reason: fmt.Sprintf("HTTP %d", resp.StatusCode), status: resp.StatusCode,
			retryAfter: retryAfter(resp.Header.Get("Retry-After"), time.Now())}
	case resp.StatusCode >= 400:
		return nil, &fetchError{outcome: baogao.CrawlFailed, reason: fmt.Sprintf("HTTP %d", resp.StatusCode), status: resp.StatusCode}
	case resp.StatusCode != http.StatusOK:
		return nil, &fetchError{outcome: baogao.CrawlFailed, reason: fmt.Sprintf("HTTP %d", resp.StatusCode), status: resp.StatusCode}
	}
	if resp.ContentLength > c.cfg.MaxBytes {
		return nil, &fetchError{outcome: baogao.CrawlFailed, reason: fmt.Sprintf("response of %d MB is over the %d MB limit", resp.ContentLength>>20, c.cfg.MaxBytes>>20), status: resp.StatusCode}
	}
	body, err := ingest.ReadLimited(resp.Body, resp.ContentLength, c.cfg.MaxBytes)
	if err != nil {
		return nil, c.transportError(err)
	}
	if int64(len(body)) > c.cfg.MaxBytes {
		return nil, &fetchError{outcome: baogao.CrawlFailed, reason: fmt.Sprintf("response over the %d MB limit", c.cfg.MaxBytes>>20), status: resp.StatusCode}
	}
	r.body = body
	return r, nil
}

// transportError classifies an error of the transport: the guard's
// refusals fail at once; timeouts and network failures are retried.
func (c *Crawler) transportError(err error) error {
	if refused(err) {
		var r errRefused
		errors.As(err, &r)
		return &fetchError{outcome: baogao.CrawlFailed, reason: r.Error()}
	}
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()) {
		return &fetchError{outcome: baogao.CrawlRetry, reason: fmt.Sprintf("no complete response within %s", c.cfg.Timeout.Duration)}
	}
	if errors.Is(err, context.Canceled) {
		return err
	}
	msg := err.Error()
	if i := strings.LastIndex(msg, ": "); i >= 0 {
		msg = msg[i+2:]
	}
	return &fetchError{outcome: baogao.CrawlRetry, reason: msg}
}

// retryAfter reads a Retry-After header: seconds or an HTTP date; 0 when
// absent or unreadable. It is capped at an hour.
func retryAfter(v string, now time.Time) time.Duration {
	var d time.Duration
	if s, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && s >= 0 {
		d = time.Duration(s) * time.Second
	} else if t, err := http.ParseTime(v); err == nil {
		d = t.Sub(now)
	}
	return min(max(d, 0), time.Hour)
}
