package crawl

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"syscall"
	"time"
)

// guard decides which addresses the crawler may connect to. It is checked
// on the address a connection is about to be made to — after DNS — by the
// dialer's Control function, so that neither a name that resolves to a
// private address (DNS rebinding) nor a redirect can reach one.
type guard struct {
	allowPrivate bool
	allowed      []netip.Prefix // allowed whatever else holds
}

// Addresses of cloud metadata services: refused even with allowPrivate,
// unless listed in allowed. 100.100.100.200 is Alibaba Cloud's, where a
// crawler of Chinese sites may well run.
var metadata = []netip.Prefix{
	netip.MustParsePrefix("169.254.169.254/32"),
	netip.MustParsePrefix("169.254.170.2/32"),
	netip.MustParsePrefix("100.100.100.200/32"),
	netip.MustParsePrefix("fd00:ec2::254/128"),
}

// Ranges refused by default besides loopback, private (RFC 1918, fc00::/7)
// and link-local addresses.
var special = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),     // "this network"
	netip.MustParsePrefix("100.64.0.0/10"), // shared address space (carrier NAT)
	netip.MustParsePrefix("192.0.0.0/24"),  // IETF protocol assignments
	netip.MustParsePrefix("198.18.0.0/15"), // benchmarking
	netip.MustParsePrefix("240.0.0.0/4"),   // reserved, and broadcast
}

// check returns nil when the crawler may connect to a, or an error saying
// why not.
func (g guard) check(a netip.Addr) error {
	a = a.Unmap()
	for _, p := range g.allowed {
		if p.Contains(a) {
			return nil
		}
	}
	for _, p := range metadata {
		if p.Contains(a) {
			return fmt.Errorf("address %s is a cloud metadata service", a)
		}
	}
	if a.IsUnspecified() || a.IsMulticast() {
		return fmt.Errorf("address %s cannot be fetched from", a)
	}
	// An IPv6 address that embeds an IPv4 one (NAT64, 6to4) is judged by it.
	if a.Is6() {
		b := a.As16()
		switch {
		case netip.MustParsePrefix("64:ff9b::/96").Contains(a):
			return g.check(netip.AddrFrom4([4]byte(b[12:16])))
		case netip.MustParsePrefix("2002::/16").Contains(a):
			return g.check(netip.AddrFrom4([4]byte(b[2:6])))
		}
	}
	if g.allowPrivate {
		return nil
	}
	switch {
	case a.IsLoopback():
		return fmt.Errorf("address %s is loopback", a)
	case a.IsPrivate():
		return fmt.Errorf("address %s is private", a)
	case a.IsLinkLocalUnicast() || a.IsLinkLocalMulticast():
		return fmt.Errorf("address %s is link-local", a)
	}
	for _, p := range special {
		if p.Contains(a) {
			return fmt.Errorf("address %s is reserved", a)
		}
	}
	return nil
}

// errRefused marks a connection the guard refused: not retried.
type errRefused struct{ err error }

func (e errRefused) Error() string {
	return "refused: " + e.err.Error() + " (allow with --allow-private)"
}

// control is the dialer's Control: it runs after name resolution, on the
// address about to be connected to.
func (g guard) control(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return errRefused{fmt.Errorf("address %q", address)}
	}
	if err := g.check(ap.Addr()); err != nil {
		return errRefused{err}
	}
	return nil
}

// dialer returns a dialer that only connects where the guard allows.
func (g guard) dialer() func(ctx context.Context, network, addr string) (net.Conn, error) {
	d := &net.Dialer{Timeout: 15 * time.Second, KeepAlive: 30 * time.Second, Control: g.control}
	return d.DialContext
}

// refused reports whether err is, or wraps, a refusal of the guard.
func refused(err error) bool {
	var r errRefused
	return errors.As(err, &r)
}
