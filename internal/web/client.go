package web

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net"
	"net/http"
	"net/netip"
	"strings"

	"github.com/baogao/baogao"
)

// ParseTrustedProxies reads a comma-separated list of addresses and CIDR
// prefixes ("10.0.0.0/8, 127.0.0.1, ::1"); an empty list trusts no proxy.
func ParseTrustedProxies(list string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, f := range strings.FieldsFunc(list, func(r rune) bool { return r == ',' || r == ' ' || r == '\n' }) {
		if p, err := netip.ParsePrefix(f); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(f)
		if err != nil {
			return nil, baogao.Errorf(baogao.EINVALID, "trusted proxy %q is neither an address nor a CIDR prefix", f)
		}
		out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
	}
	return out, nil
}

// clientIP returns the reader's address: the socket's peer, unless that
// peer is a trusted proxy; then the rightmost address of X-Forwarded-For
// that is not a trusted proxy (the hops to its right were added by our
// proxies; those to its left were written by the client and prove
// nothing), or X-Real-IP when there is no X-Forwarded-For. A header that
// cannot be read leaves the last trusted hop as the client.
func clientIP(r *http.Request, trusted []netip.Prefix) netip.Addr {
	peer := socketAddr(r)
	if !isTrusted(peer, trusted) {
		return peer
	}
	hops := r.Header.Values("X-Forwarded-For")
	if len(hops) == 0 {
		if a, err := netip.ParseAddr(strings.TrimSpace(r.Header.Get("X-Real-IP"))); err == nil {
			return a.Unmap()
		}
		return peer
	}
	list := strings.Split(strings.Join(hops, ","), ",")
	client := peer
	for i := len(list) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(strings.TrimSpace(list[i]))
		if err != nil {
			return client
		}
		client = a.Unmap()
		if !isTrusted(client, trusted) {
			return client
		}
	}
	return client
}

func socketAddr(r *http.Request) netip.Addr {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	a, _ := netip.ParseAddr(host)
	return a.Unmap()
}

func isTrusted(a netip.Addr, trusted []netip.Prefix) bool {
	for _, p := range trusted {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// clientGroup is what rate limits and blocks count as one client: an IPv4
// address, or an IPv6 address's /64 (one household or server usually holds
// a whole /64 and could otherwise walk through it).
func clientGroup(a netip.Addr) string {
	if a.Is6() {
		p, _ := a.Prefix(64)
		return p.String()
	}
	return a.String()
}

// clientHash is the keyed hash of a client group: what the database keeps
// instead of an address.
func clientHash(key []byte, group string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(group))
	return hex.EncodeToString(m.Sum(nil)[:16])
}
