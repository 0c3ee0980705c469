package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"net/netip"
	"strconv"
	"sync"
	"time"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/moderate"
)

// The settings operators change at /admin/settings, kept in the database so
// that every server process follows them.
const (
	settingModeration     = "moderation"      // "pre" (default) or "post"
	settingWords          = "words"           // the sensitive-word list, one a line
	settingRetentionDays  = "retention_days"  // days comments keep their client hashes; rejected and spam ones are then deleted
	settingTrustedProxies = "trusted_proxies" // used when serve has no --trusted-proxy
	settingClientKey      = "client_key"      // the key of client hashes, made on first use
)

// defaultRetentionDays is the retention when none is set.
const defaultRetentionDays = 90

// siteSettings is a snapshot of the settings and what is built from them.
type siteSettings struct {
	PostModeration bool
	Words          string
	filter         *moderate.Filter
	RetentionDays  int
	TrustedProxies string
	trusted        []netip.Prefix
	clientKey      []byte
	operators      []string // operators' names, which readers may not take
	loaded         time.Time
}

// settingsCache keeps the settings for a few seconds: a change made by one
// process reaches the others that soon.
type settingsCache struct {
	mu      sync.Mutex
	current *siteSettings
}

const settingsTTL = 5 * time.Second

// settings returns the current settings, reading them again when the
// snapshot is older than settingsTTL.
func (s *Server) settings(ctx context.Context) (*siteSettings, error) {
	s.setc.mu.Lock()
	defer s.setc.mu.Unlock()
	if c := s.setc.current; c != nil && time.Since(c.loaded) < settingsTTL {
		return c, nil
	}
	c, err := s.loadSettings(ctx)
	if err != nil {
		if s.setc.current != nil {
			s.log.Error("reading settings; keeping the last ones", "err", err)
			return s.setc.current, nil
		}
		return nil, err
	}
	s.setc.current = c
	return c, nil
}

// forgetSettings makes the next request read the settings again.
func (s *Server) forgetSettings() {
	s.setc.mu.Lock()
	s.setc.current = nil
	s.setc.mu.Unlock()
}

func (s *Server) loadSettings(ctx context.Context) (*siteSettings, error) {
	c := &siteSettings{RetentionDays: defaultRetentionDays, loaded: time.Now()}
	get := func(name string) (string, bool, error) {
		v, err := s.store.Setting(ctx, name)
		if baogao.ErrorCode(err) == baogao.ENOTFOUND {
			return "", false, nil
		}
		return v, err == nil, err
	}
	v, _, err := get(settingModeration)
	if err != nil {
		return nil, err
	}
	c.PostModeration = v == "post"
	if c.Words, _, err = get(settingWords); err != nil {
		return nil, err
	}
	if c.filter, err = moderate.NewFilter(c.Words); err != nil {
		return nil, err
	}
	if v, ok, err := get(settingRetentionDays); err != nil {
		return nil, err
	} else if ok {
		c.RetentionDays, _ = strconv.Atoi(v)
	}
	if s.trustedFlag != nil {
		c.trusted = s.trustedFlag
	} else {
		if c.TrustedProxies, _, err = get(settingTrustedProxies); err != nil {
			return nil, err
		}
		if c.trusted, err = ParseTrustedProxies(c.TrustedProxies); err != nil {
			s.log.Error("ignoring the trusted_proxies setting", "err", err)
		}
	}
	if s.secret != nil {
		c.clientKey = s.secret
	} else {
		key, ok, err := get(settingClientKey)
		if err != nil {
			return nil, err
		}
		if !ok {
			b := make([]byte, 32)
			rand.Read(b)
			if err := s.store.SetSetting(ctx, settingClientKey, hex.EncodeToString(b)); err != nil {
				return nil, err
			}
			if key, _, err = get(settingClientKey); err != nil { // another process may have won
				return nil, err
			}
		}
		c.clientKey, _ = hex.DecodeString(key)
	}
	users, err := s.store.Users(ctx)
	if err != nil {
		return nil, err
	}
	for _, u := range users {
		c.operators = append(c.operators, u.Name)
	}
	return c, nil
}

// client returns the keyed hash of the request's client group, what rate
// limits, blocks and comments know of a reader.
func (s *Server) client(r *http.Request) (string, error) {
	c, err := s.settings(r.Context())
	if err != nil {
		return "", err
	}
	return clientHash(c.clientKey, clientGroup(clientIP(r, c.trusted))), nil
}

// secureRequest reports whether the reader reached us over TLS, directly or
// through a trusted proxy that says so.
func (s *Server) secureRequest(r *http.Request) bool {
	if r.TLS != nil {
		return true
	}
	c, err := s.settings(r.Context())
	return err == nil && isTrusted(socketAddr(r), c.trusted) && r.Header.Get("X-Forwarded-Proto") == "https"
}

// Housekeep deletes expired captchas, sessions, rate counters and blocks,
// and applies the retention setting, every interval until ctx ends. Every
// server process may run it: the deletions are idempotent.
func (s *Server) Housekeep(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		c, err := s.settings(ctx)
		if err == nil {
			var n int
			n, err = s.store.Expire(ctx, time.Now(), time.Duration(c.RetentionDays)*24*time.Hour)
			if n > 0 {
				s.log.Info("expired old rows", "rows", n)
			}
		}
		if err != nil && ctx.Err() == nil {
			s.log.Error("housekeeping", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
