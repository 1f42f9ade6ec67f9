package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"os"
	"runtime/debug"
	"strings"

	"go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// verified is what the read-only verification of an existing file found.
type verified struct {
	version int
	// empty: a valid bbolt file without a single bucket (a styrka that
	// stopped between creating the file and its buckets); it holds no data
	// and is initialised like a new file.
	empty bool
	// trusted: the file is as its clean-close marker records (checked.go),
	// so only the cheap checks were needed.
	trusted bool
}

// verify opens an existing, non-empty file read-only and checks that it is
// an intact styrka database that this styrka can open. It never writes.
// A file that matches its clean-close marker gets only the cheap checks
// (meta pages, length, schema); any other gets the full verification.
func verify(path string) (v verified, err error) {
	if err := preflight(path); err != nil {
		return v, err
	}

	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: %s: %v", ErrDamaged, path, r)
		}
	}()

	bdb, err := bbolt.Open(path, 0o600, &bbolt.Options{
		ReadOnly:        true,
		Timeout:         lockTimeout,
		PreLoadFreelist: true, // load it here, where a fault is recovered
	})
	if err != nil {
		if errors.Is(err, berrors.ErrTimeout) {
			return v, lockedError(path)
		}
		return v, fmt.Errorf("%w: %s: %v", ErrDamaged, path, err)
	}
	defer func() { _ = bdb.Close() }()

	// Under bbolt's shared lock: no styrka writes the file meanwhile.
	trusted := markerMatches(path)
	err = bdb.View(func(tx *bbolt.Tx) error {
		if trusted {
			return checkSchema(tx, &v)
		}
		// Touch every page from this goroutine first: a bad page reference
		// then panics here, where it is recovered, and not in the goroutine
		// tx.Check runs in.
		keys := 0
		if err := walk(tx.Cursor(), 0, &keys); err != nil {
			return err
		}
		if keys == 0 {
			v.empty = true
			return nil
		}
		var bad []string
		for err := range tx.Check() { // drain it: the checker blocks on sends
			if len(bad) < 3 {
				bad = append(bad, err.Error())
			}
		}
		if len(bad) > 0 {
			return fmt.Errorf("%w: %s: %s", ErrDamaged, path, strings.Join(bad, "; "))
		}

		if err := checkSchema(tx, &v); err != nil {
			return err
		}
		// Every record must decode (as JSON in a file before schema 4,
		// which is then upgraded).
		var damage []string
		var first error // the first damaged record, to name it
		checkRecords(tx, v.version < sealedSince, v.version < SchemaVersion, func(p problem) {
			if p.damage && first == nil {
				first = p.err
			}
			if p.damage && len(damage) < 3 {
				damage = append(damage, p.msg)
			}
		})
		switch {
		case first != nil: // a *RecordError, which is ErrDamaged
			return fmt.Errorf("%s: %w (%s)", path, first, strings.Join(damage, "; "))
		case len(damage) > 0:
			return fmt.Errorf("%w: %s: %s", ErrDamaged, path, strings.Join(damage, "; "))
		}
		return nil
	})
	v.trusted = trusted && err == nil
	return v, err
}

// checkSchema reads the schema version into v and checks that this styrka
// can open it: not newer, and with a migration from every older version.
func checkSchema(tx *bbolt.Tx, v *verified) error {
	var err error
	if v.version, err = readSchema(tx); err != nil {
		return err
	}
	switch {
	case v.version > SchemaVersion:
		return &SchemaError{Found: v.version, Supported: SchemaVersion}
	case v.version < SchemaVersion:
		for from := v.version; from < SchemaVersion; from++ {
			if migrations[from] == nil {
				return fmt.Errorf("the database has schema version %d and this styrka cannot upgrade it (no migration from version %d)", v.version, from)
			}
		}
	}
	return nil
}

// walk visits every key and value under c, descending into nested
// buckets, and counts the keys.
func walk(c *bbolt.Cursor, depth int, keys *int) error {
	if depth > 16 {
		return fmt.Errorf("%w: buckets nested too deep", ErrDamaged)
	}
	for k, v := c.First(); k != nil; k, v = c.Next() {
		*keys++
		if v == nil {
			if b := c.Bucket().Bucket(k); b != nil {
				if err := walk(b.Cursor(), depth+1, keys); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// bbolt's on-disk format, as far as preflight needs it (go.etcd.io/bbolt
// internal/common: page header, meta page). Integers are in the machine's
// byte order, as bbolt writes them.
const (
	boltMagic        = 0xED0CDAED
	boltVersion      = 2
	pageHeaderSize   = 16
	metaChecksumAt   = 56 // offset of the checksum within the meta
	metaSize         = 64
	freelistPageFlag = 0x10
	branchPageFlag   = 0x01
	leafPageFlag     = 0x02
	noFreelist       = ^uint64(0)
)

type boltMeta struct {
	pageSize                   uint32
	root, freelist, pgid, txid uint64
}

// parseMeta reads the meta page at the start of buf. magic reports whether
// bbolt's marker is there (the file is, or was, a bbolt file); ok whether
// the meta is complete and its checksum right.
func parseMeta(buf []byte) (m boltMeta, magic, ok bool) {
	ne := binary.NativeEndian
	if len(buf) < pageHeaderSize+4 {
		return m, false, false
	}
	magic = ne.Uint32(buf[pageHeaderSize:]) == boltMagic
	if !magic || len(buf) < pageHeaderSize+metaSize {
		return m, magic, false
	}
	b := buf[pageHeaderSize : pageHeaderSize+metaSize]
	h := fnv.New64a()
	_, _ = h.Write(b[:metaChecksumAt])
	if ne.Uint32(b[4:]) != boltVersion || h.Sum64() != ne.Uint64(b[metaChecksumAt:]) {
		return m, magic, false
	}
	m = boltMeta{
		pageSize: ne.Uint32(b[8:]),
		root:     ne.Uint64(b[16:]),
		freelist: ne.Uint64(b[32:]),
		pgid:     ne.Uint64(b[40:]),
		txid:     ne.Uint64(b[48:]),
	}
	return m, magic, true
}

// IsBoltFile reports whether head, the start of a file, begins as a bbolt
// file does (bbolt's marker in its first meta page): a styrka database, or
// another program's bbolt file, which Open then tells apart
// (ErrNotStyrka). A JSON or CSV file never does. It reads head only.
func IsBoltFile(head []byte) bool {
	_, magic, _ := parseMeta(head)
	return magic
}

// preflight classifies a file from its bbolt meta pages with plain reads,
// before bbolt maps it into memory: a file without bbolt's marker is not a
// styrka database; a bbolt file whose meta pages are broken, or that is
// shorter than its meta says (truncated), is damaged. bbolt itself does
// not check the length, and reading a page past the end of a mapped file
// is a memory fault.
func preflight(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open database %s: %w", path, err)
	}
	defer func() { _ = f.Close() }()
	info, err := f.Stat()
	if err != nil {
		return fmt.Errorf("open database %s: %w", path, err)
	}
	size := info.Size()
	read := func(off int64, n int) []byte {
		buf := make([]byte, n)
		got, _ := f.ReadAt(buf, off)
		return buf[:got]
	}
	damaged := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s: %s", ErrDamaged, path, fmt.Sprintf(format, args...))
	}

	m0, magic0, ok0 := parseMeta(read(0, 4096))
	var m1 boltMeta
	var magic1, ok1 bool
	if ok0 {
		m1, magic1, ok1 = parseMeta(read(int64(m0.pageSize), 4096))
	} else {
		// Page 0 is unreadable: look for page 1 at every page size bbolt
		// supports, as bbolt does.
		for i := 0; i <= 14 && !ok1; i++ {
			var mg bool
			m1, mg, ok1 = parseMeta(read(int64(1024)<<i, 4096))
			magic1 = magic1 || mg
		}
	}
	if !magic0 && !magic1 {
		return fmt.Errorf("%w: %s", ErrNotStyrka, path)
	}
	var m boltMeta
	switch {
	case ok0 && ok1:
		m = m0
		if m1.txid > m0.txid {
			m = m1
		}
	case ok0:
		m = m0
	case ok1:
		m = m1
	default:
		return damaged("both bbolt meta pages are invalid")
	}

	ps := int64(m.pageSize)
	if ps < 1024 || ps > 1<<24 || ps&(ps-1) != 0 {
		return damaged("invalid page size %d", ps)
	}
	if size < 2*ps || m.pgid > uint64(size/ps) {
		return damaged("the file is truncated (%d bytes, %d expected)", size, max(2*ps, int64(min(m.pgid, 1<<40))*ps))
	}
	if m.root < 2 || m.root >= m.pgid {
		return damaged("root page %d out of range", m.root)
	}
	if p := read(int64(m.root)*ps, pageHeaderSize); len(p) < pageHeaderSize ||
		binary.NativeEndian.Uint64(p) != m.root ||
		binary.NativeEndian.Uint16(p[8:])&(branchPageFlag|leafPageFlag) == 0 {
		return damaged("root page %d is invalid", m.root)
	}
	if m.freelist != noFreelist {
		if m.freelist < 2 || m.freelist >= m.pgid {
			return damaged("freelist page %d out of range", m.freelist)
		}
		p := read(int64(m.freelist)*ps, pageHeaderSize+8)
		if len(p) < pageHeaderSize+8 {
			return damaged("freelist page %d is unreadable", m.freelist)
		}
		ne := binary.NativeEndian
		id, flags, count, overflow := ne.Uint64(p), ne.Uint16(p[8:]), uint64(ne.Uint16(p[10:])), uint64(ne.Uint32(p[12:]))
		if count == 0xFFFF {
			count = ne.Uint64(p[pageHeaderSize:]) + 1
		}
		if id != m.freelist || flags != freelistPageFlag || m.freelist+overflow >= m.pgid ||
			count > ((overflow+1)*uint64(ps)-pageHeaderSize)/8 {
			return damaged("freelist page %d is invalid", m.freelist)
		}
	}
	return nil
}
