package ingest

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"syscall"

	"github.com/baogao/baogao"
)

// Statuses of an imported file (SPEC §3).
const (
	StatusImported  = "imported"
	StatusDuplicate = "duplicate"
	StatusFailed    = "failed"
	StatusSkipped   = "skipped"
)

// Extensions are the file types an import takes from folders. Files named
// on the command line are tried whatever their extension.
var Extensions = []string{".html", ".htm", ".shtml", ".xhtml", ".txt", ".text", ".md", ".pdf", ".docx", ".doc"}

// Result is what became of one file: the JSON line of `baogao import --json`.
type Result struct {
	File    string `json:"file"`
	Status  string `json:"status"`
	ID      int64  `json:"id,omitempty"`
	URL     string `json:"url,omitempty"`
	Flagged bool   `json:"flagged"`
	Reason  string `json:"reason,omitempty"`
	// Environmental marks a failure that was the archive's, not the
	// file's (see Environmental): the run stops after it.
	Environmental bool `json:"-"`
}

// Near-duplicate thresholds. Two texts are one document when the shorter's
// shingles are nearly all in the longer and either their simhashes are a
// few bits apart (mirrors with other furniture or script) or they are the
// same kind, place and year (a truncated copy).
const (
	nearHamming     = 6
	nearContainment = 0.9
)

// Importer stores parsed files, recognising exact and near duplicates.
type Importer struct {
	Store  baogao.Store
	Parser *Parser
	// Workers parse files in parallel; 0 means GOMAXPROCS. Files are stored
	// in input order whatever the number of workers.
	Workers int
	// Origin, when set, tells where a file was fetched from (baogao import
	// --url, or an index of a batch): its source gets the URL and time.
	Origin func(file string) (Origin, bool)
}

// Import reads one file's bytes and stores it.
func (im *Importer) Import(ctx context.Context, raw []byte, in Input) Result {
	var w waiting
	var out Result
	im.add(ctx, im.parse(raw, in), &w)
	im.flush(ctx, &w, func(r Result) { out = r })
	return out
}

// parsed is one file between parsing and storing.
type parsed struct {
	in  Input
	doc *baogao.Document
	src baogao.Source
	err error
}

func (im *Importer) parse(raw []byte, in Input) parsed {
	doc, src, err := im.Parser.Parse(raw, in)
	return parsed{in: in, doc: doc, src: src, err: err}
}

// batchSize is how many new documents are stored in one transaction. A
// store that keeps a full-text index pays a flush of the index per
// transaction, so storing documents together is several times faster; a
// killed import loses at most one batch, never half a document.
const batchSize = 64

// waiting holds files parsed and judged but not yet stored, with their
// results, in input order.
type waiting struct {
	// err is the first failure of the store itself (EUNAVAILABLE: the disk
	// full, a read-only database …), which ends an import: no further file
	// could be stored either.
	err   error
	docs  []*baogao.Document // new documents
	srcs  []baogao.Source    // their first sources
	res   []*Result          // and their results
	extra []extraSource      // further sources of waiting documents
	out   []*Result          // every result since the last flush
	fill  []func()           // completes results once the documents have ids
	// copied marks the new documents that another process stored first
	// (a concurrent import): their files are duplicates of its document.
	copied map[int]bool
}

// extraSource is a source found to be a copy of a waiting document.
type extraSource struct {
	doc int
	src baogao.Source
	res *Result
}

// add judges a parsed file — already imported, a copy of a stored or a
// waiting document, new, or failed — and queues it.
func (im *Importer) add(ctx context.Context, p parsed, w *waiting) {
	res := &Result{File: p.in.Name}
	w.out = append(w.out, res)
	if p.src.SHA256 != "" {
		if src, err := im.Store.SourceBySHA256(ctx, p.src.SHA256); err == nil {
			*res = im.duplicate(ctx, *res, src.DocumentID, "already imported")
			return
		} else if baogao.ErrorCode(err) != baogao.ENOTFOUND {
			w.fail(res, err)
			return
		}
		if k := w.sourceOf(p.src.SHA256); k >= 0 {
			w.copyOf(k, res, "already imported")
			return
		}
	}
	if p.err != nil {
		*res = failed(*res, p.err)
		return
	}
	if id, err := im.Store.DocumentIDBySHA256(ctx, p.doc.SHA256); err == nil {
		if err := im.Store.AddSource(ctx, id, p.src); err != nil {
			w.fail(res, err)
			return
		}
		*res = im.duplicate(ctx, *res, id, fmt.Sprintf("same text as document %d", id))
		return
	} else if baogao.ErrorCode(err) != baogao.ENOTFOUND {
		w.fail(res, err)
		return
	}
	cands, err := im.Store.NearDuplicateCandidates(ctx, p.doc)
	if err != nil {
		w.fail(res, err)
		return
	}
	for _, c := range cands {
		if nearDuplicate(p.doc, c) {
			if err := im.Store.AddSource(ctx, c.ID, p.src); err != nil {
				w.fail(res, err)
				return
			}
			*res = im.duplicate(ctx, *res, c.ID, fmt.Sprintf("near-duplicate of document %d", c.ID))
			return
		}
	}
	for k, d := range w.docs {
		switch {
		case d.SHA256 == p.doc.SHA256:
			w.extra = append(w.extra, extraSource{k, p.src, res})
			w.copyOf(k, res, "same text as document %d")
			return
		case nearCandidate(p.doc, d) && nearDuplicate(p.doc, d):
			w.extra = append(w.extra, extraSource{k, p.src, res})
			w.copyOf(k, res, "near-duplicate of document %d")
			return
		}
	}
	k := len(w.docs)
	w.docs = append(w.docs, p.doc)
	w.srcs = append(w.srcs, p.src)
	w.res = append(w.res, res)
	w.fill = append(w.fill, func() {
		if res.Status == StatusFailed {
			return
		}
		d := w.docs[k]
		res.Status, res.ID, res.URL, res.Flagged = StatusImported, d.ID, d.URL(), d.Meta.Flagged
		if d.Meta.Flagged {
			res.Reason = "text decoded badly; stored with a warning"
		}
		if w.copied[k] {
			res.Status, res.Reason = StatusDuplicate, fmt.Sprintf("same text as document %d", d.ID)
		}
	})
}

// fail makes res failed with err, and keeps err as the batch's error when
// it is a failure of the store itself.
func (w *waiting) fail(res *Result, err error) {
	*res = failed(*res, err)
	if w.err == nil && Environmental(err) {
		w.err = err
	}
}

// Environmental reports whether err is a failure of the archive rather
// than of the file: the store unavailable (EUNAVAILABLE — the disk full,
// an I/O error, a read-only database, the write lock held too long) or
// the run interrupted. An import stops at the first.
func Environmental(err error) bool {
	return baogao.ErrorCode(err) == baogao.EUNAVAILABLE || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// sourceOf returns the waiting document that has a source with the hash, or -1.
func (w *waiting) sourceOf(sha string) int {
	for k, s := range w.srcs {
		if s.SHA256 == sha {
			return k
		}
	}
	for _, x := range w.extra {
		if x.src.SHA256 == sha {
			return x.doc
		}
	}
	return -1
}

// copyOf makes res, once stored, a duplicate of waiting document k; reason
// may hold a %d for its id.
func (w *waiting) copyOf(k int, res *Result, reason string) {
	w.fill = append(w.fill, func() {
		if res.Status == StatusFailed {
			return
		}
		d := w.docs[k]
		if d.ID == 0 {
			*res = failed(*res, baogao.Errorf(baogao.ECONFLICT, "the document it copies could not be stored"))
			return
		}
		res.Status, res.ID, res.URL, res.Flagged = StatusDuplicate, d.ID, d.URL(), d.Meta.Flagged
		res.Reason = reason
		if strings.Contains(reason, "%d") {
			res.Reason = fmt.Sprintf(reason, d.ID)
		}
	})
}

// flush stores the waiting documents in one transaction (one by one when
// that fails, so that one conflict costs one file — unless the store
// itself failed, which fails them all), then their further sources, and
// reports every waiting result in order. It returns the store's own
// failure (Environmental), if there was one since the last flush: the
// caller stops.
func (im *Importer) flush(ctx context.Context, w *waiting, report func(Result)) error {
	if len(w.docs) > 0 {
		failedDoc := map[int]error{}
		if err := im.Store.AddDocuments(ctx, w.docs, w.srcs); Environmental(err) {
			for k, d := range w.docs {
				d.ID = 0
				failedDoc[k] = err
			}
		} else if err != nil {
			for k, d := range w.docs {
				d.ID = 0
				if err := im.Store.AddDocument(ctx, d, w.srcs[k]); err != nil {
					if im.storedMeanwhile(ctx, d, w.srcs[k], err) {
						if w.copied == nil {
							w.copied = map[int]bool{}
						}
						w.copied[k] = true
						continue
					}
					failedDoc[k] = err
				}
			}
		}
		for _, x := range w.extra {
			err, bad := failedDoc[x.doc]
			if !bad {
				err = im.Store.AddSource(ctx, w.docs[x.doc].ID, x.src)
			}
			if err != nil {
				w.fail(x.res, err)
			}
		}
		for k, err := range failedDoc {
			w.fail(w.res[k], err)
		}
	}
	for _, f := range w.fill {
		f()
	}
	for _, r := range w.out {
		report(*r)
	}
	err := w.err
	*w = waiting{}
	return err
}

// storedMeanwhile reports whether err, from storing doc, says that
// another process (a concurrent import) stored the same text or the same
// file since doc was judged new; then doc.ID is set to that document,
// which gets src as a further source.
func (im *Importer) storedMeanwhile(ctx context.Context, doc *baogao.Document, src baogao.Source, err error) bool {
	if baogao.ErrorCode(err) != baogao.ECONFLICT {
		return false
	}
	if s, err := im.Store.SourceBySHA256(ctx, src.SHA256); err == nil {
		doc.ID = s.DocumentID
		return true
	}
	id, err := im.Store.DocumentIDBySHA256(ctx, doc.SHA256)
	if err != nil || im.Store.AddSource(ctx, id, src) != nil {
		return false
	}
	doc.ID = id
	return true
}

// Batch stores documents parsed elsewhere (the crawler's pages), judged
// like the files of an import: against the archive and against each other,
// the new ones stored together by Flush. A Batch is used by one goroutine.
type Batch struct {
	im *Importer
	w  waiting
}

// NewBatch returns an empty batch.
func (im *Importer) NewBatch() *Batch { return &Batch{im: im} }

// Add judges a parsed document and its source; name is the Result's File.
// Documents and sources already stored are judged at once; new ones wait
// for Flush.
func (b *Batch) Add(ctx context.Context, name string, doc *baogao.Document, src baogao.Source) {
	b.im.add(ctx, parsed{in: Input{Name: name}, doc: doc, src: src}, &b.w)
}

// Len returns the number of results waiting for Flush.
func (b *Batch) Len() int { return len(b.w.out) }

// Flush stores the new documents in one transaction and reports every
// result added since the last Flush, in the order added. It returns the
// store's own failure (Environmental) when there was one: the documents
// it concerns are reported failed, and storing more would fail too.
func (b *Batch) Flush(ctx context.Context, report func(Result)) error {
	return b.im.flush(ctx, &b.w, report)
}

// nearCandidate is the cheap test that comes before nearDuplicate: a shared
// simhash band, or the same kind, place and year.
func nearCandidate(a, b *baogao.Document) bool {
	for i := 0; i < 4; i++ {
		if (a.Simhash>>(16*i))&0xFFFF == (b.Simhash>>(16*i))&0xFFFF {
			return true
		}
	}
	return a.Meta.Kind == b.Meta.Kind && a.Meta.PlaceCode != "" && a.Meta.PlaceCode == b.Meta.PlaceCode && a.Meta.Year == b.Meta.Year
}

// nearDuplicate reports whether two documents are copies of one text.
func nearDuplicate(a, b *baogao.Document) bool {
	sameMeta := a.Meta.Kind == b.Meta.Kind && a.Meta.PlaceCode != "" && a.Meta.PlaceCode == b.Meta.PlaceCode && a.Meta.Year == b.Meta.Year
	close := HammingDistance(a.Simhash, b.Simhash) <= nearHamming
	if !sameMeta && !close {
		return false
	}
	return Containment(a.Body, b.Body) >= nearContainment
}

func (im *Importer) duplicate(ctx context.Context, res Result, id int64, reason string) Result {
	res.Status, res.ID, res.Reason = StatusDuplicate, id, reason
	if d, err := im.Store.Document(ctx, id); err == nil {
		res.URL, res.Flagged = d.URL(), d.Meta.Flagged
	}
	return res
}

func failed(res Result, err error) Result {
	res.Status = StatusFailed
	res.Environmental = Environmental(err)
	res.Reason = baogao.ErrorMessage(err)
	if baogao.ErrorCode(err) == baogao.EINTERNAL {
		res.Reason = err.Error()
	}
	return res
}

// Files expands paths into the files to import, in a stable order: files as
// given, folders walked for files with one of Extensions (others are
// reported as skipped, hidden files and folders are passed over; a
// symbolic link to a file is followed, one to a folder is reported and
// not followed). A path that is missing or unreadable, or is not a regular
// file or folder (a named pipe, a device such as /dev/zero), is reported as
// failed with the reason; the others are imported all the same.
func Files(paths []string) (files []string, skipped []Result) {
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			skipped = append(skipped, Result{File: p, Status: StatusFailed, Reason: statReason(err)})
			continue
		}
		if !info.IsDir() {
			if reason := notRegular(info); reason != "" {
				skipped = append(skipped, Result{File: p, Status: StatusFailed, Reason: reason})
				continue
			}
			files = append(files, p)
			continue
		}
		var found []string
		filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				skipped = append(skipped, Result{File: path, Status: StatusFailed, Reason: statReason(err)})
				return nil
			}
			name := d.Name()
			if path != p && strings.HasPrefix(name, ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				info, err := os.Stat(path)
				switch {
				case err != nil:
					skipped = append(skipped, Result{File: path, Status: StatusSkipped, Reason: "broken symbolic link"})
					return nil
				case info.IsDir():
					skipped = append(skipped, Result{File: path, Status: StatusSkipped, Reason: "symbolic link to a folder: not followed"})
					return nil
				case notRegular(info) != "":
					skipped = append(skipped, Result{File: path, Status: StatusSkipped, Reason: notRegular(info)})
					return nil
				}
			} else if !d.Type().IsRegular() {
				skipped = append(skipped, Result{File: path, Status: StatusSkipped, Reason: "not a regular file"})
				return nil
			}
			if hasExtension(name) {
				found = append(found, path)
			} else {
				skipped = append(skipped, Result{File: path, Status: StatusSkipped, Reason: "not a document file type"})
			}
			return nil
		})
		sort.Strings(found)
		files = append(files, found...)
	}
	return files, skipped
}

// statReason says in a few words why a path cannot be read.
func statReason(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file or folder"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return "cannot read: " + pe.Err.Error()
	}
	return "cannot read: " + err.Error()
}

// notRegular says what a path is when it is not a regular file or a
// folder ("" when it is one).
func notRegular(info fs.FileInfo) string {
	m := info.Mode()
	switch {
	case m.IsRegular(), m.IsDir():
		return ""
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe, not a file"
	case m&fs.ModeSocket != 0:
		return "a socket, not a file"
	case m&fs.ModeDevice != 0:
		return "a device, not a file"
	}
	return "not a regular file"
}

func hasExtension(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	for _, e := range Extensions {
		if ext == e {
			return true
		}
	}
	return false
}

// ImportFiles imports files in order, parsing in parallel and storing new
// documents in batches, and calls report for each file in order (from one
// goroutine). It stops early when ctx is done, after storing what it has
// judged, and when the store itself fails (Environmental: the disk full, a
// read-only database …), after reporting the files that failed with it;
// it returns that error. A file's own failures never stop it.
func (im *Importer) ImportFiles(ctx context.Context, files []string, report func(Result)) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	workers := im.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	type job struct {
		i    int
		name string
	}
	jobs := make(chan job)
	slots := make([]chan parsed, len(files))
	for i := range slots {
		slots[i] = make(chan parsed, 1)
	}
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				slots[j.i] <- im.parseFile(j.name)
			}
		}()
	}
	// Feed at most a few files ahead of the writer, so memory stays bounded.
	ahead := make(chan struct{}, workers*2)
	go func() {
		defer close(jobs)
		for i, f := range files {
			select {
			case ahead <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- job{i, f}:
			case <-ctx.Done():
				return
			}
		}
	}()
	var err error
	var w waiting
	for i := range files {
		var p parsed
		select {
		case p = <-slots[i]:
		case <-ctx.Done():
			err = ctx.Err()
		}
		if err != nil {
			break
		}
		<-ahead
		im.add(ctx, p, &w)
		if w.err != nil || len(w.docs) >= batchSize || len(w.out) >= 4*batchSize {
			if err = im.flush(context.WithoutCancel(ctx), &w, report); err != nil {
				break
			}
		}
	}
	if ferr := im.flush(context.WithoutCancel(ctx), &w, report); err == nil {
		err = ferr
	}
	cancel(err)
	wg.Wait()
	return err
}

// ReadFile reads a regular file of at most MaxBytes. It opens it without
// blocking and checks what it opened, so that a named pipe or a device put
// in a file's place is refused rather than waited on or read for ever.
func ReadFile(name string) ([]byte, error) {
	f, err := os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, baogao.Errorf(baogao.EINVALID, "%s", statReason(err))
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, baogao.Errorf(baogao.EINVALID, "%s", statReason(err))
	}
	if !info.Mode().IsRegular() {
		return nil, baogao.Errorf(baogao.EINVALID, "%s", cmp.Or(notRegular(info), "a folder, not a file"))
	}
	if info.Size() > MaxBytes {
		return nil, baogao.Errorf(baogao.ETOOLARGE, "file of %d MB is over the %d MB limit", info.Size()>>20, MaxBytes>>20)
	}
	raw, err := ReadLimited(f, info.Size(), MaxBytes)
	if err != nil {
		return nil, baogao.Errorf(baogao.EINVALID, "%s", statReason(err))
	}
	if len(raw) > MaxBytes { // it grew while read
		return nil, baogao.Errorf(baogao.ETOOLARGE, "file over the %d MB limit", MaxBytes>>20)
	}
	return raw, nil
}

// ReadLimited reads r to its end into a buffer of the size it is expected
// to have (size, when known: a file's, a response's Content-Length; -1
// when not), or up to limit+1 bytes — more than limit says it was too
// large. Grown by io.ReadAll, the buffer of a 30 MB file would cost 70 MB.
func ReadLimited(r io.Reader, size, limit int64) ([]byte, error) {
	initial := int64(64 << 10)
	if size >= 0 {
		initial = size
	}
	buf := make([]byte, 0, min(initial, limit)+1)
	for int64(len(buf)) <= limit {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)] // it grew since it was measured
		}
		n, err := r.Read(buf[len(buf):min(int64(cap(buf)), limit+1)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
	return buf, nil
}

func (im *Importer) parseFile(name string) parsed {
	in := Input{Name: name}
	if im.Origin != nil {
		if or, ok := im.Origin(name); ok {
			in.URL, in.FetchedAt = or.URL, or.FetchedAt
		}
	}
	raw, err := ReadFile(name)
	if err != nil {
		return parsed{in: in, err: err}
	}
	return im.parse(raw, in)
}
