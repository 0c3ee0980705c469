package postgres

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
)

// The archive's version keys every cached page and every conditional
// request, so Version is called for every page. Each process keeps it in
// memory, current by the notifications the database sends whenever it
// changes (migration 0004: LISTEN baogao_version), and reads it from the
// database only when it cannot trust its copy: before the listener is
// connected, after it lost its connection, and after this process's own
// writes (until the next read), so that a process always sees its own
// changes at once, and after a version is announced until the reads see
// it. Another process's change is seen as soon as its notification
// arrives, a few milliseconds after the commit. With a read replica, the
// version is the replica's, read until the replica has replayed as far as
// the announced version: a page cached under a version never shows older
// data, and a lagging replica costs one read per page until it catches up.

// versionWatch is a process's copy of the archive version.
type versionWatch struct {
	mu        sync.Mutex
	listening bool  // a listener is connected and follows the notifications
	v         int64 // the version last read, and when it changed
	at        time.Time
	announced int64     // the greatest version announced
	writes    int64     // this process's writes: the copy is stale after each
	read      int64     // the writes before the last read
	start     sync.Once // the listener starts with the first Version
	stop      context.CancelFunc
	done      chan struct{}
}

// close stops the listener, if it was started.
func (w *versionWatch) close() {
	w.start.Do(func() {}) // none starts after this
	if w.stop != nil {
		w.stop()
		<-w.done
	}
}

// Version returns the archive's change counter and the time of the last
// change: the copy in memory when it is current — the listener follows the
// notifications, this process has not written since it was read, and the
// reads have caught up with the last version announced — else read where
// pages read.
func (s *Store) Version(ctx context.Context) (int64, time.Time, error) {
	w := &s.version
	w.start.Do(s.listen)
	w.mu.Lock()
	if w.listening && w.read == w.writes && w.v >= w.announced {
		v, at := w.v, w.at
		w.mu.Unlock()
		return v, at, nil
	}
	writes := w.writes
	w.mu.Unlock()
	v, at, err := s.readVersion(ctx)
	if err != nil {
		return 0, time.Time{}, err
	}
	w.mu.Lock()
	if v >= w.v {
		w.v, w.at = v, at
	}
	w.read = max(w.read, writes)
	w.mu.Unlock()
	return v, at, nil
}

// readVersion reads the version where pages read.
func (s *Store) readVersion(ctx context.Context) (int64, time.Time, error) {
	var v int64
	var at time.Time
	if err := s.read.QueryRow(ctx, `SELECT version, changed_at FROM archive_version WHERE id = 1`).Scan(&v, &at); err != nil {
		return 0, time.Time{}, fmt.Errorf("version: %w", err)
	}
	return v, at.UTC(), nil
}

// changed marks the copy stale: this process wrote.
func (w *versionWatch) changed() {
	w.mu.Lock()
	w.writes++
	w.mu.Unlock()
}

// listen starts the listener, which runs until Close.
func (s *Store) listen() {
	ctx, cancel := context.WithCancel(context.Background())
	s.version.stop, s.version.done = cancel, make(chan struct{})
	go func() {
		defer close(s.version.done)
		backoff := 100 * time.Millisecond
		for ctx.Err() == nil {
			err := s.listenOnce(ctx)
			s.version.mu.Lock()
			s.version.listening = false
			s.version.mu.Unlock()
			if ctx.Err() != nil {
				return
			}
			slog.Warn("postgres: the version listener stopped; reconnecting", "err", err)
			select {
			case <-ctx.Done():
				return
			case <-time.After(backoff):
			}
			backoff = min(2*backoff, 10*time.Second)
		}
	}()
}

// listenOnce connects, listens and follows the notifications until the
// connection fails or ctx ends.
func (s *Store) listenOnce(ctx context.Context) error {
	cfg := s.db.Config().ConnConfig.Copy()
	cfg.RuntimeParams["application_name"] = "baogao version listener"
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	var schema string
	if err := conn.QueryRow(ctx, `SELECT current_schema()`).Scan(&schema); err != nil {
		return err
	}
	if _, err := conn.Exec(ctx, `SELECT set_config('application_name', 'baogao version listener ' || current_schema(), false)`); err != nil {
		return err
	}
	if _, err := conn.Exec(ctx, `LISTEN baogao_version`); err != nil {
		return err
	}
	// Changes before LISTEN were not announced: the primary's version is
	// the one to reach.
	var primary int64
	if err := conn.QueryRow(ctx, `SELECT version FROM archive_version WHERE id = 1`).Scan(&primary); err != nil {
		return err
	}
	w := &s.version
	w.mu.Lock()
	w.announced, w.listening = max(w.announced, primary), true
	w.mu.Unlock()
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return err
		}
		sch, ver, ok := strings.Cut(n.Payload, " ")
		if !ok || sch != schema {
			continue
		}
		v, err := strconv.ParseInt(ver, 10, 64)
		if err != nil {
			continue
		}
		w.mu.Lock()
		w.announced = max(w.announced, v)
		w.mu.Unlock()
	}
}
