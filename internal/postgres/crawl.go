package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/original"
	"github.com/jackc/pgx/v5"
)

// StartCrawl continues the unfinished run or begins a new one.
func (s *Store) StartCrawl(ctx context.Context, start []baogao.CrawlURL) (int64, bool, error) {
	var run int64
	resumed := false
	err := s.tx(ctx, func(tx pgx.Tx) error {
		// One crawl state at a time: starting and continuing are serialised.
		if _, err := tx.Exec(ctx, `LOCK TABLE crawl_runs IN EXCLUSIVE MODE`); err != nil {
			return err
		}
		var startJSON string
		err := tx.QueryRow(ctx, `SELECT id, start FROM crawl_runs WHERE finished_at IS NULL ORDER BY id DESC LIMIT 1`).Scan(&run, &startJSON)
		switch {
		case err == nil:
			resumed = true
			if _, err := tx.Exec(ctx, `UPDATE crawl_frontier SET state = 'queued' WHERE run_id = $1 AND state = 'taken'`, run); err != nil {
				return err
			}
			var urls []string
			json.Unmarshal([]byte(startJSON), &urls)
			for _, u := range start {
				if !slices.Contains(urls, u.URL) {
					urls = append(urls, u.URL)
				}
			}
			js, _ := json.Marshal(urls)
			if _, err := tx.Exec(ctx, `UPDATE crawl_runs SET start = $1 WHERE id = $2`, string(js), run); err != nil {
				return err
			}
		case errors.Is(err, pgx.ErrNoRows):
			if _, err := tx.Exec(ctx, `DELETE FROM crawl_frontier`); err != nil {
				return err
			}
			urls := []string{}
			for _, u := range start {
				urls = append(urls, u.URL)
			}
			js, _ := json.Marshal(urls)
			if err := tx.QueryRow(ctx, `INSERT INTO crawl_runs (start, started_at) VALUES ($1, $2) RETURNING id`,
				string(js), s.now().UTC().Truncate(usec)).Scan(&run); err != nil {
				return err
			}
		default:
			return err
		}
		return queueURLs(ctx, tx, run, start)
	})
	if err != nil {
		return 0, false, fmt.Errorf("start crawl: %w", err)
	}
	return run, resumed, nil
}

// QueueURLs adds URLs the run does not have to its frontier.
func (s *Store) QueueURLs(ctx context.Context, run int64, urls []baogao.CrawlURL) error {
	return s.tx(ctx, func(tx pgx.Tx) error { return queueURLs(ctx, tx, run, urls) })
}

func queueURLs(ctx context.Context, tx pgx.Tx, run int64, urls []baogao.CrawlURL) error {
	if len(urls) == 0 {
		return nil
	}
	b := &pgx.Batch{}
	for _, u := range urls {
		b.Queue(`INSERT INTO crawl_frontier (run_id, url, host, depth, via, role, attempts, next_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (run_id, url) DO NOTHING`,
			run, u.URL, u.Host, u.Depth, u.Via, u.Role, u.Attempts, nullTime(u.NextAt))
	}
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return fmt.Errorf("queue urls: %w", err)
	}
	return nil
}

// NextURLs takes due URLs of the run, in order of depth and queueing.
func (s *Store) NextURLs(ctx context.Context, run int64, now time.Time, limit int, busy []string) ([]baogao.CrawlURL, error) {
	out := []baogao.CrawlURL{}
	err := s.tx(ctx, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `UPDATE crawl_frontier SET state = 'taken' WHERE id IN (
				SELECT id FROM crawl_frontier WHERE run_id = $1 AND state = 'queued' AND (next_at IS NULL OR next_at <= $2)
				AND NOT (host = ANY($3)) ORDER BY depth, id LIMIT $4 FOR UPDATE SKIP LOCKED)
			RETURNING id, url, host, depth, via, role, attempts, next_at`, run, now.UTC(), nonNil(busy), limit)
		if err != nil {
			return err
		}
		type row struct {
			id int64
			u  baogao.CrawlURL
		}
		got, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (row, error) {
			var x row
			var next *time.Time
			err := r.Scan(&x.id, &x.u.URL, &x.u.Host, &x.u.Depth, &x.u.Via, &x.u.Role, &x.u.Attempts, &next)
			x.u.NextAt = orZero(next)
			return x, err
		})
		if err != nil {
			return err
		}
		slices.SortFunc(got, func(a, b row) int {
			if a.u.Depth != b.u.Depth {
				return a.u.Depth - b.u.Depth
			}
			return int(a.id - b.id)
		})
		for _, x := range got {
			out = append(out, x.u)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("next urls: %w", err)
	}
	return out, nil
}

// FinishFetches records what became of taken URLs, in one transaction.
func (s *Store) FinishFetches(ctx context.Context, run int64, results []baogao.CrawlResult) error {
	now := s.now().UTC().Truncate(usec)
	err := s.tx(ctx, func(tx pgx.Tx) error {
		for _, r := range results {
			f := r.Fetch
			var err error
			if f.Outcome == baogao.CrawlRetry {
				_, err = tx.Exec(ctx, `UPDATE crawl_frontier SET state = 'queued', attempts = $1, next_at = $2, reason = $3, status = $4
					WHERE run_id = $5 AND url = $6`, r.Retry.Attempts, nullTime(r.Retry.NextAt), f.Reason, f.Status, run, f.URL)
			} else {
				_, err = tx.Exec(ctx, `UPDATE crawl_frontier SET state = 'done', outcome = $1, reason = $2, status = $3, document_id = $4,
					finished_at = $5 WHERE run_id = $6 AND url = $7`, f.Outcome, f.Reason, f.Status, f.DocumentID, now, run, f.URL)
			}
			if err != nil {
				return fmt.Errorf("finish %s: %w", f.URL, err)
			}
			if f.Outcome != baogao.CrawlRetry && f.Outcome != baogao.CrawlFailed && f.Status != 0 {
				if err := putFetch(ctx, tx, f); err != nil {
					return fmt.Errorf("finish %s: %w", f.URL, err)
				}
			}
			if err := queueURLs(ctx, tx, run, r.Found); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("finish fetches: %w", err)
	}
	return nil
}

// putFetch makes f the URL's latest fetch; a 304 keeps the body and the
// hash of the fetch it confirmed.
func putFetch(ctx context.Context, tx pgx.Tx, f baogao.CrawlFetch) error {
	var body []byte
	if f.Body != nil {
		body = original.Compress(f.Body)
	}
	fetched := f.FetchedAt.UTC().Truncate(usec)
	_, err := tx.Exec(ctx, `INSERT INTO crawl_fetches AS c (url, final_url, status, content_type, etag, last_modified, sha256, size,
		fetched_at, outcome, reason, document_id, body) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
		ON CONFLICT (url) DO UPDATE SET final_url = excluded.final_url, status = excluded.status,
			etag = CASE WHEN excluded.etag <> '' OR excluded.status <> 304 THEN excluded.etag ELSE c.etag END,
			last_modified = CASE WHEN excluded.last_modified <> '' OR excluded.status <> 304 THEN excluded.last_modified ELSE c.last_modified END,
			content_type = CASE WHEN excluded.status = 304 THEN c.content_type ELSE excluded.content_type END,
			sha256 = CASE WHEN excluded.status = 304 THEN c.sha256 ELSE excluded.sha256 END,
			size = CASE WHEN excluded.status = 304 THEN c.size ELSE excluded.size END,
			fetched_at = excluded.fetched_at, outcome = excluded.outcome, reason = excluded.reason,
			document_id = CASE WHEN excluded.status = 304 THEN c.document_id ELSE excluded.document_id END,
			body = CASE WHEN excluded.status = 304 THEN c.body ELSE excluded.body END`,
		f.URL, f.FinalURL, f.Status, f.ContentType, f.ETag, f.LastModified, f.SHA256, f.Size, fetched,
		f.Outcome, f.Reason, f.DocumentID, body)
	return err
}

// LastFetch returns the URL's latest fetch with a response.
func (s *Store) LastFetch(ctx context.Context, url string) (baogao.CrawlFetch, error) {
	var f baogao.CrawlFetch
	var body []byte
	err := s.db.QueryRow(ctx, `SELECT url, final_url, status, content_type, etag, last_modified, sha256, size, fetched_at, outcome, reason,
		document_id, body FROM crawl_fetches WHERE url = $1`, url).Scan(&f.URL, &f.FinalURL, &f.Status, &f.ContentType, &f.ETag,
		&f.LastModified, &f.SHA256, &f.Size, &f.FetchedAt, &f.Outcome, &f.Reason, &f.DocumentID, &body)
	if err != nil {
		return f, notFound(err, "%s was never fetched", url)
	}
	f.FetchedAt = f.FetchedAt.UTC()
	if body != nil {
		if f.Body, err = original.Expand(original.Codec, body); err != nil {
			return f, fmt.Errorf("last fetch of %s: %w", url, err)
		}
	}
	return f, nil
}

// FinishCrawl marks the run finished.
func (s *Store) FinishCrawl(ctx context.Context, run int64) error {
	tag, err := s.db.Exec(ctx, `UPDATE crawl_runs SET finished_at = $1 WHERE id = $2`, s.now().UTC().Truncate(usec), run)
	if err != nil {
		return fmt.Errorf("finish crawl: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return baogao.Errorf(baogao.ENOTFOUND, "no crawl run %d", run)
	}
	return nil
}

// CrawlStatus returns the state of the latest run.
func (s *Store) CrawlStatus(ctx context.Context) (baogao.CrawlStatus, error) {
	st := baogao.CrawlStatus{Outcomes: map[string]int{}}
	err := pgx.BeginTxFunc(ctx, s.db, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		var start string
		var finished *time.Time
		err := tx.QueryRow(ctx, `SELECT id, start, started_at, finished_at FROM crawl_runs ORDER BY id DESC LIMIT 1`).
			Scan(&st.Run, &start, &st.Started, &finished)
		if err != nil {
			return notFound(err, "no crawl was ever started")
		}
		json.Unmarshal([]byte(start), &st.Start)
		st.Started, st.Finished = st.Started.UTC(), orZero(finished)
		rows, err := tx.Query(ctx, `SELECT state, outcome, count(*), bool_or(next_at IS NULL), min(next_at), max(finished_at)
			FROM crawl_frontier WHERE run_id = $1 GROUP BY state, outcome`, st.Run)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var state, outcome string
			var n int
			var dueNow bool
			var next, last *time.Time
			if err := rows.Scan(&state, &outcome, &n, &dueNow, &next, &last); err != nil {
				return err
			}
			switch state {
			case "queued":
				st.Queued += n
				due := orZero(next)
				if dueNow {
					due = st.Started
				}
				if st.NextDue.IsZero() || due.Before(st.NextDue) {
					st.NextDue = due
				}
			case "taken":
				st.Taken += n
			case "done":
				st.Done += n
				st.Outcomes[outcome] += n
				if t := orZero(last); t.After(st.LastFetch) {
					st.LastFetch = t
				}
			}
		}
		return rows.Err()
	})
	if err != nil && baogao.ErrorCode(err) != baogao.ENOTFOUND {
		err = fmt.Errorf("crawl status: %w", err)
	}
	return st, err
}
