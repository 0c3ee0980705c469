package crawl

import (
	"fmt"
	"net/netip"
	"net/url"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/baogao/baogao"
)

// Config is how to crawl: politeness, limits, and per-site rules. The zero
// value of a field means its default; LoadConfig reads it from TOML:
//
//	user_agent = "baogao"                       # the product token
//	contact = "https://archive.example.org/crawler"  # shown in the User-Agent
//	rate = 1.0            # requests per second per host
//	concurrency = 2       # requests at once per host
//	timeout = "30s"       # per response, headers and body
//	max_bytes = 33554432  # per response
//	retries = 3           # tries after the first for 5xx, 429 and timeouts
//	backoff = "2s"        # before the first retry; doubled each time
//	max_redirects = 5
//	max_depth = 3         # links followed from a start URL
//	min_length = 200      # characters of text a document has at least
//	allow_private = false # or --allow-private
//	allow_networks = ["10.8.0.0/16"]  # intranet archives, without allow_private
//
//	[[site]]
//	hosts = ["www.jinxiang.gov.cn"]
//	start = ["http://www.jinxiang.gov.cn/col/col2714/index.html"]
//	documents = ['/art/\d{4}/\d+/\d+/art_\d+_\d+\.html$', '\.(pdf|docx?)$']
//	listings = ['/col/col\d+/index(_\d+)?\.html$']
//	skip = ['/search', '\?share=']
//	max_depth = 4
//	rate = 0.5
type Config struct {
	UserAgent     string         `toml:"user_agent"`
	Contact       string         `toml:"contact"`
	Rate          float64        `toml:"rate"`
	Concurrency   int            `toml:"concurrency"`
	Timeout       Duration       `toml:"timeout"`
	MaxBytes      int64          `toml:"max_bytes"`
	Retries       int            `toml:"retries"`
	Backoff       Duration       `toml:"backoff"`
	MaxRedirects  int            `toml:"max_redirects"`
	MaxDepth      int            `toml:"max_depth"`
	MinLength     int            `toml:"min_length"`
	AllowPrivate  bool           `toml:"allow_private"`
	AllowNetworks []string       `toml:"allow_networks"`
	Sites         []Site         `toml:"site"`
	allowed       []netip.Prefix // AllowNetworks parsed
}

// Site is the rules for a set of hosts. A URL is a document candidate when
// it matches Documents (every page, when Documents is empty) and a listing
// whose links are followed when it matches Listings (every page that is
// not stored as a document, when Listings is empty); a URL matching Skip is
// never fetched. Patterns are Go regular expressions matched against the
// URL's path and query ("/art/2023/1/5/art_1.html?id=2").
type Site struct {
	Hosts       []string `toml:"hosts"`
	Start       []string `toml:"start"`
	Documents   []string `toml:"documents"`
	Listings    []string `toml:"listings"`
	Skip        []string `toml:"skip"`
	MaxDepth    int      `toml:"max_depth"`
	Rate        float64  `toml:"rate"`
	Concurrency int      `toml:"concurrency"`

	documents, listings, skip []*regexp.Regexp
}

// Duration is a time.Duration written as "30s" or "1m30s".
type Duration struct{ time.Duration }

// UnmarshalText reads a duration.
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(string(b))
	if err != nil {
		return err
	}
	if v < 0 {
		return fmt.Errorf("negative duration %s", b)
	}
	d.Duration = v
	return nil
}

// Defaults.
const (
	DefaultRate         = 1.0
	DefaultConcurrency  = 2
	DefaultTimeout      = 30 * time.Second
	DefaultRetries      = 3
	DefaultBackoff      = 2 * time.Second
	DefaultMaxRedirects = 5
	DefaultMaxDepth     = 3
	DefaultMinLength    = 200
)

// LoadConfig reads a TOML config file. Unknown settings, bad patterns and
// bad values are EINVALID, naming the file.
func LoadConfig(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, baogao.Errorf(baogao.EINVALID, "crawl config: %v", err)
	}
	var c Config
	md, err := toml.Decode(string(data), &c)
	if err != nil {
		return nil, baogao.Errorf(baogao.EINVALID, "crawl config %s: %s", path, strings.Join(strings.Fields(err.Error()), " "))
	}
	if und := md.Undecoded(); len(und) > 0 {
		return nil, baogao.Errorf(baogao.EINVALID, "crawl config %s: unknown setting %q", path, und[0].String())
	}
	if err := c.check(); err != nil {
		return nil, baogao.Errorf(baogao.EINVALID, "crawl config %s: %s", path, baogao.ErrorMessage(err))
	}
	return &c, nil
}

// check fills the defaults and compiles the patterns.
func (c *Config) check() error {
	if c.UserAgent == "" {
		c.UserAgent = "baogao"
	}
	if c.Contact != "" {
		if u, err := url.Parse(c.Contact); err != nil || (u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "mailto") {
			return baogao.Errorf(baogao.EINVALID, "contact %q is not an http(s) or mailto URL", c.Contact)
		}
	}
	if c.Rate < 0 || c.Concurrency < 0 || c.MaxBytes < 0 || c.Retries < 0 || c.MaxRedirects < 0 || c.MaxDepth < 0 || c.MinLength < 0 {
		return baogao.Errorf(baogao.EINVALID, "negative limit")
	}
	def := func(v *float64, d float64) {
		if *v == 0 {
			*v = d
		}
	}
	defInt := func(v *int, d int) {
		if *v == 0 {
			*v = d
		}
	}
	def(&c.Rate, DefaultRate)
	defInt(&c.Concurrency, DefaultConcurrency)
	defInt(&c.MaxRedirects, DefaultMaxRedirects)
	defInt(&c.MaxDepth, DefaultMaxDepth)
	defInt(&c.MinLength, DefaultMinLength)
	if c.Retries == 0 {
		c.Retries = DefaultRetries
	}
	if c.Timeout.Duration == 0 {
		c.Timeout.Duration = DefaultTimeout
	}
	if c.Backoff.Duration == 0 {
		c.Backoff.Duration = DefaultBackoff
	}
	if c.MaxBytes == 0 {
		c.MaxBytes = defaultMaxBytes
	}
	c.allowed = nil
	for _, n := range c.AllowNetworks {
		p, err := netip.ParsePrefix(n)
		if err != nil {
			a, err2 := netip.ParseAddr(n)
			if err2 != nil {
				return baogao.Errorf(baogao.EINVALID, "allow_networks: %q is not a network (10.8.0.0/16) or an address", n)
			}
			p = netip.PrefixFrom(a, a.BitLen())
		}
		c.allowed = append(c.allowed, p.Masked())
	}
	for i := range c.Sites {
		s := &c.Sites[i]
		if len(s.Hosts) == 0 {
			for _, u := range s.Start {
				if pu, err := url.Parse(u); err == nil && pu.Host != "" {
					s.Hosts = append(s.Hosts, strings.ToLower(pu.Host))
				}
			}
		}
		if len(s.Hosts) == 0 {
			return baogao.Errorf(baogao.EINVALID, "site %d has neither hosts nor start URLs", i+1)
		}
		for j, h := range s.Hosts {
			s.Hosts[j] = strings.ToLower(h)
		}
		var err error
		for _, p := range []struct {
			src []string
			dst *[]*regexp.Regexp
		}{{s.Documents, &s.documents}, {s.Listings, &s.listings}, {s.Skip, &s.skip}} {
			if *p.dst, err = compile(p.src); err != nil {
				return err
			}
		}
		if s.Rate < 0 || s.Concurrency < 0 || s.MaxDepth < 0 {
			return baogao.Errorf(baogao.EINVALID, "site %d: negative limit", i+1)
		}
	}
	return nil
}

func compile(patterns []string) ([]*regexp.Regexp, error) {
	var out []*regexp.Regexp
	for _, p := range patterns {
		re, err := regexp.Compile(p)
		if err != nil {
			return nil, baogao.Errorf(baogao.EINVALID, "pattern %q: %v", p, err)
		}
		out = append(out, re)
	}
	return out, nil
}

// site returns the rules for a host: its configured site, or rules that
// take every page (for the hosts of start URLs given on the command line).
func (c *Config) site(host string) *Site {
	for i := range c.Sites {
		for _, h := range c.Sites[i].Hosts {
			if h == host {
				return &c.Sites[i]
			}
		}
	}
	return nil
}

// userAgent is the User-Agent header: the product, its version and where to
// read about the crawler or write to its operator.
func (c *Config) userAgent(version string) string {
	ua := c.UserAgent
	if version != "" && !strings.Contains(ua, "/") {
		ua += "/" + version
	}
	if c.Contact != "" {
		ua += " (+" + c.Contact + ")"
	}
	return ua
}

func matchAny(res []*regexp.Regexp, s string) bool {
	for _, re := range res {
		if re.MatchString(s) {
			return true
		}
	}
	return false
}
