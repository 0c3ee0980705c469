package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/original"
)

// crawlTime formats a time as the crawl tables keep it (fmtTime), and the
// zero time as "", which sorts first: a URL due at once.
func crawlTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return fmtTime(t)
}

// StartCrawl continues the unfinished run or begins a new one.
func (s *Store) StartCrawl(ctx context.Context, start []baogao.CrawlURL) (int64, bool, error) {
	var run int64
	resumed := false
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var startJSON string
		err := tx.QueryRowContext(ctx, `SELECT id, start FROM crawl_runs WHERE finished_at = '' ORDER BY id DESC LIMIT 1`).Scan(&run, &startJSON)
		switch {
		case err == nil:
			resumed = true
			if _, err := tx.ExecContext(ctx, `UPDATE crawl_frontier SET state = 'queued' WHERE run_id = ? AND state = 'taken'`, run); err != nil {
				return err
			}
			var urls []string
			json.Unmarshal([]byte(startJSON), &urls)
			for _, u := range start {
				if !contains(urls, u.URL) {
					urls = append(urls, u.URL)
				}
			}
			js, _ := json.Marshal(urls)
			if _, err := tx.ExecContext(ctx, `UPDATE crawl_runs SET start = ? WHERE id = ?`, string(js), run); err != nil {
				return err
			}
		case errors.Is(err, sql.ErrNoRows):
			if _, err := tx.ExecContext(ctx, `DELETE FROM crawl_frontier`); err != nil {
				return err
			}
			urls := []string{}
			for _, u := range start {
				urls = append(urls, u.URL)
			}
			js, _ := json.Marshal(urls)
			res, err := tx.ExecContext(ctx, `INSERT INTO crawl_runs (start, started_at) VALUES (?, ?)`, string(js), crawlTime(s.now()))
			if err != nil {
				return err
			}
			if run, err = res.LastInsertId(); err != nil {
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

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// QueueURLs adds URLs the run does not have to its frontier.
func (s *Store) QueueURLs(ctx context.Context, run int64, urls []baogao.CrawlURL) error {
	return s.tx(ctx, func(tx *sql.Tx) error { return queueURLs(ctx, tx, run, urls) })
}

func queueURLs(ctx context.Context, tx *sql.Tx, run int64, urls []baogao.CrawlURL) error {
	if len(urls) == 0 {
		return nil
	}
	st, err := tx.PrepareContext(ctx, `INSERT OR IGNORE INTO crawl_frontier (run_id, url, host, depth, via, role, attempts, next_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer st.Close()
	for _, u := range urls {
		if _, err := st.ExecContext(ctx, run, u.URL, u.Host, u.Depth, u.Via, u.Role, u.Attempts, crawlTime(u.NextAt)); err != nil {
			return fmt.Errorf("queue %s: %w", u.URL, err)
		}
	}
	return nil
}

// NextURLs takes due URLs of the run, in order of depth and queueing.
func (s *Store) NextURLs(ctx context.Context, run int64, now time.Time, limit int, busy []string) ([]baogao.CrawlURL, error) {
	out := []baogao.CrawlURL{}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		q := `SELECT id, url, host, depth, via, role, attempts, next_at FROM crawl_frontier
			WHERE run_id = ? AND state = 'queued' AND next_at <= ?`
		args := []any{run, crawlTime(now)}
		if len(busy) > 0 {
			q += ` AND host NOT IN (?` + strings.Repeat(`, ?`, len(busy)-1) + `)`
			for _, h := range busy {
				args = append(args, h)
			}
		}
		q += ` ORDER BY depth, id LIMIT ?`
		rows, err := tx.QueryContext(ctx, q, append(args, limit)...)
		if err != nil {
			return err
		}
		var ids []int64
		for rows.Next() {
			var u baogao.CrawlURL
			var id int64
			var next string
			if err := rows.Scan(&id, &u.URL, &u.Host, &u.Depth, &u.Via, &u.Role, &u.Attempts, &next); err != nil {
				rows.Close()
				return err
			}
			u.NextAt = parseTime(next)
			ids = append(ids, id)
			out = append(out, u)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, id := range ids {
			if _, err := tx.ExecContext(ctx, `UPDATE crawl_frontier SET state = 'taken' WHERE id = ?`, id); err != nil {
				return err
			}
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
	now := crawlTime(s.now())
	err := s.tx(ctx, func(tx *sql.Tx) error {
		for _, r := range results {
			f := r.Fetch
			var err error
			if f.Outcome == baogao.CrawlRetry {
				_, err = tx.ExecContext(ctx, `UPDATE crawl_frontier SET state = 'queued', attempts = ?, next_at = ?, reason = ?, status = ?
					WHERE run_id = ? AND url = ?`, r.Retry.Attempts, crawlTime(r.Retry.NextAt), f.Reason, f.Status, run, f.URL)
			} else {
				_, err = tx.ExecContext(ctx, `UPDATE crawl_frontier SET state = 'done', outcome = ?, reason = ?, status = ?, document_id = ?,
					finished_at = ? WHERE run_id = ? AND url = ?`, f.Outcome, f.Reason, f.Status, f.DocumentID, now, run, f.URL)
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
func putFetch(ctx context.Context, tx *sql.Tx, f baogao.CrawlFetch) error {
	var body any
	if f.Body != nil {
		body = original.Compress(f.Body)
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO crawl_fetches (url, final_url, status, content_type, etag, last_modified, sha256, size,
		fetched_at, outcome, reason, document_id, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (url) DO UPDATE SET final_url = excluded.final_url, status = excluded.status,
			etag = CASE WHEN excluded.etag <> '' OR excluded.status <> 304 THEN excluded.etag ELSE etag END,
			last_modified = CASE WHEN excluded.last_modified <> '' OR excluded.status <> 304 THEN excluded.last_modified ELSE last_modified END,
			content_type = CASE WHEN excluded.status = 304 THEN content_type ELSE excluded.content_type END,
			sha256 = CASE WHEN excluded.status = 304 THEN sha256 ELSE excluded.sha256 END,
			size = CASE WHEN excluded.status = 304 THEN size ELSE excluded.size END,
			fetched_at = excluded.fetched_at, outcome = excluded.outcome, reason = excluded.reason,
			document_id = CASE WHEN excluded.status = 304 THEN document_id ELSE excluded.document_id END,
			body = CASE WHEN excluded.status = 304 THEN body ELSE excluded.body END`,
		f.URL, f.FinalURL, f.Status, f.ContentType, f.ETag, f.LastModified, f.SHA256, f.Size, crawlTime(f.FetchedAt),
		f.Outcome, f.Reason, f.DocumentID, body)
	return err
}

// LastFetch returns the URL's latest fetch with a response.
func (s *Store) LastFetch(ctx context.Context, url string) (baogao.CrawlFetch, error) {
	var f baogao.CrawlFetch
	var fetched string
	var body []byte
	err := s.queryRow(ctx, `SELECT url, final_url, status, content_type, etag, last_modified, sha256, size, fetched_at, outcome, reason,
		document_id, body FROM crawl_fetches WHERE url = ?`, url).Scan(&f.URL, &f.FinalURL, &f.Status, &f.ContentType, &f.ETag,
		&f.LastModified, &f.SHA256, &f.Size, &fetched, &f.Outcome, &f.Reason, &f.DocumentID, &body)
	if err != nil {
		return f, notFound(err, "%s was never fetched", url)
	}
	f.FetchedAt = parseTime(fetched)
	if body != nil {
		if f.Body, err = original.Expand(original.Codec, body); err != nil {
			return f, fmt.Errorf("last fetch of %s: %w", url, err)
		}
	}
	return f, nil
}

// FinishCrawl marks the run finished.
func (s *Store) FinishCrawl(ctx context.Context, run int64) error {
	res, err := s.db.ExecContext(ctx, `UPDATE crawl_runs SET finished_at = ? WHERE id = ?`, crawlTime(s.now()), run)
	if err != nil {
		return fmt.Errorf("finish crawl: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return baogao.Errorf(baogao.ENOTFOUND, "no crawl run %d", run)
	}
	return nil
}

// CrawlStatus returns the state of the latest run.
func (s *Store) CrawlStatus(ctx context.Context) (baogao.CrawlStatus, error) {
	st := baogao.CrawlStatus{Outcomes: map[string]int{}}
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return st, fmt.Errorf("crawl status: %w", err)
	}
	defer tx.Rollback()
	var start, started, finished string
	err = tx.QueryRowContext(ctx, `SELECT id, start, started_at, finished_at FROM crawl_runs ORDER BY id DESC LIMIT 1`).
		Scan(&st.Run, &start, &started, &finished)
	if err != nil {
		return st, notFound(err, "no crawl was ever started")
	}
	json.Unmarshal([]byte(start), &st.Start)
	st.Started, st.Finished = parseTime(started), parseTime(finished)
	rows, err := tx.QueryContext(ctx, `SELECT state, outcome, count(*), min(next_at), max(finished_at) FROM crawl_frontier
		WHERE run_id = ? GROUP BY state, outcome`, st.Run)
	if err != nil {
		return st, fmt.Errorf("crawl status: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var state, outcome, next, last string
		var n int
		if err := rows.Scan(&state, &outcome, &n, &next, &last); err != nil {
			return st, fmt.Errorf("crawl status: %w", err)
		}
		switch state {
		case "queued":
			st.Queued += n
			if t := parseTime(next); st.NextDue.IsZero() || t.Before(st.NextDue) {
				st.NextDue = t
				if next == "" {
					st.NextDue = st.Started // due at once
				}
			}
		case "taken":
			st.Taken += n
		case "done":
			st.Done += n
			st.Outcomes[outcome] += n
			if t := parseTime(last); t.After(st.LastFetch) {
				st.LastFetch = t
			}
		}
	}
	return st, rows.Err()
}
