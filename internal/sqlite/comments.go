package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/baogao/baogao"
)

// stamp formats times that are compared in SQL: fixed width, so that text
// order is time order.
const stamp = "2006-01-02T15:04:05.000000Z"

func fmtTime(t time.Time) string { return t.UTC().Format(stamp) }

func parseTime(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, _ := time.Parse(time.RFC3339Nano, s)
	return t
}

const commentColumns = `id, document_id, parent_id, name, text, status, held, client_hash, created_at, moderated_at, moderated_by`

func scanComment(sc scanner) (baogao.Comment, error) {
	var c baogao.Comment
	var created, moderated string
	err := sc.Scan(&c.ID, &c.DocumentID, &c.ParentID, &c.Name, &c.Text, (*string)(&c.Status), &c.Held, &c.ClientHash,
		&created, &moderated, &c.ModeratedBy)
	c.CreatedAt, c.ModeratedAt = parseTime(created), parseTime(moderated)
	return c, err
}

// AddComment stores a new comment.
func (s *Store) AddComment(ctx context.Context, c *baogao.Comment) error {
	if !c.Status.Valid() {
		return baogao.Errorf(baogao.EINVALID, "unknown comment status %q", c.Status)
	}
	if c.CreatedAt.IsZero() {
		c.CreatedAt = s.now()
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM documents WHERE id = ?`, c.DocumentID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return baogao.Errorf(baogao.ENOTFOUND, "document %d not found", c.DocumentID)
		}
		if c.ParentID != 0 {
			err := tx.QueryRowContext(ctx, `SELECT count(*) FROM comments WHERE id = ? AND document_id = ? AND parent_id = 0
				AND status = 'published'`, c.ParentID, c.DocumentID).Scan(&n)
			if err != nil {
				return err
			}
			if n == 0 {
				return baogao.Errorf(baogao.EINVALID, "comment %d is not a published comment of document %d", c.ParentID, c.DocumentID)
			}
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO comments (document_id, parent_id, name, text, status, held, client_hash, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, c.DocumentID, c.ParentID, c.Name, c.Text, string(c.Status), c.Held, c.ClientHash,
			fmtTime(c.CreatedAt))
		if err != nil {
			return fmt.Errorf("add comment: %w", err)
		}
		c.ID, err = res.LastInsertId()
		return err
	})
}

// Comment returns one comment.
func (s *Store) Comment(ctx context.Context, id int64) (baogao.Comment, error) {
	c, err := scanComment(s.queryRow(ctx, `SELECT `+commentColumns+` FROM comments WHERE id = ?`, id))
	if err != nil {
		return c, notFound(err, "comment %d not found", id)
	}
	return c, nil
}

// Comments returns a page of comments.
func (s *Store) Comments(ctx context.Context, f baogao.CommentFilter) (baogao.CommentPage, error) {
	var conds []string
	var args []any
	if f.DocumentID != 0 {
		conds, args = append(conds, "document_id = ?"), append(args, f.DocumentID)
	}
	if f.Status != "" {
		conds, args = append(conds, "status = ?"), append(args, string(f.Status))
	}
	if f.ClientHash != "" {
		conds, args = append(conds, "client_hash = ?"), append(args, f.ClientHash)
	}
	where := ""
	if len(conds) > 0 {
		where = " WHERE " + strings.Join(conds, " AND ")
	}
	page := baogao.CommentPage{Comments: []baogao.Comment{}}
	if err := s.queryRow(ctx, `SELECT count(*) FROM comments`+where, args...).Scan(&page.Total); err != nil {
		return page, fmt.Errorf("count comments: %w", err)
	}
	if page.Total == 0 {
		return page, nil
	}
	order := " ORDER BY id"
	if f.Newest {
		order = " ORDER BY id DESC"
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 100
	}
	rows, err := s.query(ctx, `SELECT `+commentColumns+` FROM comments`+where+order+` LIMIT ? OFFSET ?`,
		append(args, limit, max(f.Offset, 0))...)
	if err != nil {
		return page, fmt.Errorf("comments: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		c, err := scanComment(rows)
		if err != nil {
			return page, err
		}
		page.Comments = append(page.Comments, c)
	}
	return page, rows.Err()
}

// ModerateComments sets the status of comments.
func (s *Store) ModerateComments(ctx context.Context, ids []int64, status baogao.CommentStatus, by string) (int, error) {
	if !status.Valid() {
		return 0, baogao.Errorf(baogao.EINVALID, "unknown comment status %q", status)
	}
	n := 0
	err := s.tx(ctx, func(tx *sql.Tx) error {
		now := fmtTime(s.now())
		for _, id := range ids {
			res, err := tx.ExecContext(ctx, `UPDATE comments SET status = ?, moderated_at = ?, moderated_by = ? WHERE id = ?`,
				string(status), now, by, id)
			if err != nil {
				return fmt.Errorf("moderate comment %d: %w", id, err)
			}
			k, _ := res.RowsAffected()
			n += int(k)
		}
		return nil
	})
	return n, err
}

// ImportComments stores exported comments under their ids.
func (s *Store) ImportComments(ctx context.Context, cs []baogao.Comment) (int, error) {
	for _, c := range cs {
		if strings.TrimSpace(c.Text) == "" || !c.Status.Valid() || c.DocumentID <= 0 {
			return 0, baogao.Errorf(baogao.EINVALID, "comment %d: a comment needs a document, text and a known status", c.ID)
		}
	}
	n := 0
	err := s.tx(ctx, func(tx *sql.Tx) error {
		for _, c := range cs {
			created := c.CreatedAt
			if created.IsZero() {
				created = s.now()
			}
			moderated := ""
			if !c.ModeratedAt.IsZero() {
				moderated = fmtTime(c.ModeratedAt)
			}
			var id any
			if c.ID > 0 {
				id = c.ID
			}
			res, err := tx.ExecContext(ctx, `INSERT INTO comments (id, document_id, parent_id, name, text, status, held, client_hash,
				created_at, moderated_at, moderated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
				id, c.DocumentID, c.ParentID, c.Name, c.Text, string(c.Status), c.Held, c.ClientHash, fmtTime(created), moderated, c.ModeratedBy)
			if err != nil {
				return fmt.Errorf("import comment %d: %w", c.ID, err)
			}
			k, _ := res.RowsAffected()
			n += int(k)
		}
		return nil
	})
	return n, err
}

// BlockClient blocks a client hash until a time.
func (s *Store) BlockClient(ctx context.Context, clientHash string, until time.Time, by string) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO blocked_clients (client_hash, until, blocked_by, blocked_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (client_hash) DO UPDATE SET until = excluded.until, blocked_by = excluded.blocked_by, blocked_at = excluded.blocked_at`,
		clientHash, fmtTime(until), by, fmtTime(s.now()))
	if err != nil {
		return fmt.Errorf("block client: %w", err)
	}
	return nil
}

// ClientBlocked reports whether a client hash is blocked.
func (s *Store) ClientBlocked(ctx context.Context, clientHash string, now time.Time) (bool, error) {
	var n int
	err := s.queryRow(ctx, `SELECT count(*) FROM blocked_clients WHERE client_hash = ? AND until > ?`, clientHash, fmtTime(now)).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("client blocked: %w", err)
	}
	return n > 0, nil
}

// Hit counts hits in fixed windows.
func (s *Store) Hit(ctx context.Context, key string, window time.Duration, now time.Time, n int) (baogao.RateCount, error) {
	if window < time.Second {
		return baogao.RateCount{}, baogao.Errorf(baogao.EINVALID, "a rate window must be at least a second")
	}
	w := int64(window / time.Second)
	start := now.Unix() / w * w
	rc := baogao.RateCount{Start: time.Unix(start, 0)}
	var err error
	if n > 0 {
		err = s.tx(ctx, func(tx *sql.Tx) error {
			return tx.QueryRowContext(ctx, `INSERT INTO rate_counters (key, window_start, hits, expires_at) VALUES (?, ?, ?, ?)
				ON CONFLICT (key, window_start) DO UPDATE SET hits = hits + excluded.hits RETURNING hits`,
				key, start, n, start+2*w).Scan(&rc.Current)
		})
	} else {
		err = s.queryRow(ctx, `SELECT hits FROM rate_counters WHERE key = ? AND window_start = ?`, key, start).Scan(&rc.Current)
		if errors.Is(err, sql.ErrNoRows) {
			err = nil
		}
	}
	if err != nil {
		return rc, fmt.Errorf("rate counter %s: %w", key, err)
	}
	err = s.queryRow(ctx, `SELECT hits FROM rate_counters WHERE key = ? AND window_start = ?`, key, start-w).Scan(&rc.Previous)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return rc, fmt.Errorf("rate counter %s: %w", key, err)
	}
	return rc, nil
}

// PutCaptcha stores a captcha's answer.
func (s *Store) PutCaptcha(ctx context.Context, id, answer string, expires time.Time) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO captchas (id, answer, expires_at) VALUES (?, ?, ?)`, id, answer, fmtTime(expires))
	if err != nil {
		return fmt.Errorf("put captcha: %w", err)
	}
	return nil
}

// Captcha returns a captcha's answer without using it up.
func (s *Store) Captcha(ctx context.Context, id string, now time.Time) (string, error) {
	var answer string
	err := s.queryRow(ctx, `SELECT answer FROM captchas WHERE id = ? AND expires_at > ?`, id, fmtTime(now)).Scan(&answer)
	if err != nil {
		return "", notFound(err, "no captcha %q", id)
	}
	return answer, nil
}

// TakeCaptcha returns a captcha's answer and deletes it.
func (s *Store) TakeCaptcha(ctx context.Context, id string, now time.Time) (string, error) {
	var answer, expires string
	err := s.tx(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `DELETE FROM captchas WHERE id = ? RETURNING answer, expires_at`, id).Scan(&answer, &expires)
	})
	if err != nil {
		return "", notFound(err, "no captcha %q", id)
	}
	if expires <= fmtTime(now) {
		return "", baogao.Errorf(baogao.ENOTFOUND, "captcha %q expired", id)
	}
	return answer, nil
}
