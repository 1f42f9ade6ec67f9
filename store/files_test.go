package store_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"image"
	"image/png"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"styrka/model"
	"styrka/store"
)

// checkMode checks a file's permission bits (not on Windows, which has no
// such bits).
func checkMode(t *testing.T, path string, want os.FileMode) {
	t.Helper()
	info, err := os.Stat(path)
	mustNoErr(t, err)
	if m := info.Mode().Perm(); m != want && runtime.GOOS != "windows" {
		t.Errorf("%s: mode %o, want %o", path, m, want)
	}
}

func TestModes(t *testing.T) {
	root := t.TempDir()
	path := filepath.Join(root, "a", "b", "styrka.db")
	db := openTest(t, path, store.Options{})
	if db.Path() != path {
		t.Errorf("Path() = %q, want %q", db.Path(), path)
	}
	for _, dir := range []string{filepath.Join(root, "a"), filepath.Join(root, "a", "b")} {
		checkMode(t, dir, 0o700)
	}
	checkMode(t, path, 0o600)
	// The side file naming the holder is written a moment after Open.
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		if _, err := os.Stat(path + ".lock"); err == nil || time.Now().After(deadline) {
			break
		}
	}
	checkMode(t, path+".lock", 0o600)
	mustNoErr(t, db.Close())
	if _, err := os.Stat(path + ".lock"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("lock file after Close: %v", err)
	}

	// A 0-byte file is initialised as a new database.
	empty := filepath.Join(root, "empty.db")
	mustNoErr(t, os.WriteFile(empty, nil, 0o600))
	db = openTest(t, empty, store.Options{})
	mustNoErr(t, db.PutWorkshop(model.Workshop{Name: "x"}))
}

func TestLockedInProcess(t *testing.T) {
	path := dbPath(t)
	db := openTest(t, path, store.Options{})
	_ = db
	start := time.Now()
	_, err := store.Open(path, store.Options{})
	var le *store.LockedError
	if !errors.As(err, &le) {
		t.Fatalf("second Open = %v, want *LockedError", err)
	}
	if le.PID != os.Getpid() || le.Path != path || le.Started.IsZero() {
		t.Errorf("LockedError %+v, want pid %d", le, os.Getpid())
	}
	if d := time.Since(start); d > 2500*time.Millisecond {
		t.Errorf("second Open took %v", d)
	}
	t.Log(err)

	// Without a readable side file the PID is unknown.
	mustNoErr(t, os.WriteFile(path+".lock", []byte("garbage"), 0o600))
	_, err = store.Open(path, store.Options{})
	if !errors.As(err, &le) || le.PID != 0 {
		t.Errorf("Open with unreadable side file = %v, want *LockedError with PID 0", err)
	}
}

// hostile files: each must be refused with the right error and left
// byte-for-byte untouched.

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	mustNoErr(t, os.WriteFile(path, data, 0o600))
	return path
}

// realDB is a styrka database with a workshop of 40 customers and their
// answers, so that the customers and answers span several pages.
func realDB(t *testing.T) []byte {
	t.Helper()
	path := dbPath(t)
	makeDB(t, path, dataset(40, 18))
	data, err := os.ReadFile(path)
	mustNoErr(t, err)
	return data
}

// leafPageWith finds a leaf page holding the marker and returns its
// offset in the file.
func leafPageWith(t *testing.T, data []byte, marker string) int {
	t.Helper()
	ps := int(binary.NativeEndian.Uint32(data[16+8:]))
	for off := 2 * ps; off+ps <= len(data); off += ps {
		page := data[off : off+ps]
		if binary.NativeEndian.Uint16(page[8:])&0x02 != 0 && bytes.Contains(page, []byte(marker)) {
			return off
		}
	}
	t.Fatalf("no leaf page with %q", marker)
	return 0
}

func foreignBolt(t *testing.T, buckets map[string]map[string]string) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "foreign.db")
	bdb, err := bbolt.Open(path, 0o600, nil)
	mustNoErr(t, err)
	mustNoErr(t, bdb.Update(func(tx *bbolt.Tx) error {
		for name, kvs := range buckets {
			b, err := tx.CreateBucket([]byte(name))
			if err != nil {
				return err
			}
			for k, v := range kvs {
				if err := b.Put([]byte(k), []byte(v)); err != nil {
					return err
				}
			}
		}
		return nil
	}))
	mustNoErr(t, bdb.Close())
	data, err := os.ReadFile(path)
	mustNoErr(t, err)
	return data
}

func TestHostileFiles(t *testing.T) {
	real := realDB(t)
	random := make([]byte, 64<<10)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range random {
		random[i] = byte(r.Uint32())
	}
	var pngBuf bytes.Buffer
	mustNoErr(t, png.Encode(&pngBuf, image.NewGray(image.Rect(0, 0, 64, 64))))

	flipped := func(marker string, at int, n int) []byte {
		data := slices.Clone(real)
		off := leafPageWith(t, data, marker) + at
		if at < 0 { // at the marker itself
			off = leafPageWith(t, data, marker)
			off += bytes.Index(data[off:], []byte(marker))
		}
		for i := range n {
			data[off+i] ^= 0xFF
		}
		return data
	}

	cases := []struct {
		name string
		data []byte
		want error
	}{
		{"random bytes", random, store.ErrNotStyrka},
		{"text file", []byte("Kunder:\n- Volvo\n- Scania\n"), store.ErrNotStyrka},
		{"png", pngBuf.Bytes(), store.ErrNotStyrka},
		{"one byte", []byte{0}, store.ErrNotStyrka},
		{"truncated at half", real[:len(real)/2], store.ErrDamaged},
		{"truncated at 4096", real[:4096], store.ErrDamaged},
		{"truncated at 100", real[:100], store.ErrDamaged},
		{"flipped element header", flipped("Hydraulic components", 16, 8), store.ErrDamaged},
		{"flipped page header", flipped("From the account plan", 0, 4), store.ErrDamaged},
		{"flipped bytes in a record", flipped("Hydraulic components", -1, 3), store.ErrDamaged},
		{"flipped meta pages", func() []byte {
			d := slices.Clone(real)
			ps := int(binary.NativeEndian.Uint32(d[16+8:]))
			d[16+40] ^= 0xFF
			d[ps+16+40] ^= 0xFF
			return d
		}(), store.ErrDamaged},
		{"foreign bbolt file", foreignBolt(t, map[string]map[string]string{
			"users": {"alice": "x"}, "sessions": {"1": "y"}}), store.ErrNotStyrka},
		{"foreign bbolt file with a meta bucket", foreignBolt(t, map[string]map[string]string{
			"meta": {"version": "3"}, "workshops": {}}), store.ErrNotStyrka},
		{"styrka meta without schema", foreignBolt(t, map[string]map[string]string{
			"meta": {"app": "styrka"}}), store.ErrDamaged},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := writeFile(t, "styrka.db", c.data)
			dir := filepath.Dir(path)
			before := fileSHA(t, path)
			entries, _ := os.ReadDir(dir)

			start := time.Now()
			db, err := store.Open(path, store.Options{})
			if err == nil {
				db.Close()
				t.Fatalf("Open succeeded, want %v", c.want)
			}
			if !errors.Is(err, c.want) {
				t.Fatalf("Open error = %v, want %v", err, c.want)
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("Open took %v", d)
			}
			t.Log(err)
			if fileSHA(t, path) != before {
				t.Errorf("the file was changed")
			}
			after, _ := os.ReadDir(dir)
			if len(after) != len(entries) {
				t.Errorf("Open left files behind: %v", after)
			}
		})
	}
}

func TestEmptyBoltFileIsInitialised(t *testing.T) {
	// A styrka stopped between creating the file and its buckets leaves a
	// bbolt file without any bucket: it holds nothing and is initialised.
	path := writeFile(t, "styrka.db", foreignBolt(t, nil))
	db := openTest(t, path, store.Options{})
	mustNoErr(t, db.PutWorkshop(model.Workshop{Name: "x"}))
}

func writeSchema(t *testing.T, path string, version string) {
	t.Helper()
	bdb, err := bbolt.Open(path, 0o600, nil)
	mustNoErr(t, err)
	mustNoErr(t, bdb.Update(func(tx *bbolt.Tx) error {
		return tx.Bucket([]byte("meta")).Put([]byte("schema"), []byte(version))
	}))
	mustNoErr(t, bdb.Close())
}

func TestNewerSchemaRefused(t *testing.T) {
	path := dbPath(t)
	makeDB(t, path, dataset(3, 3))
	newer := store.SchemaVersion + 1
	writeSchema(t, path, strconv.Itoa(newer))
	before := fileSHA(t, path)

	_, err := store.Open(path, store.Options{})
	var se *store.SchemaError
	if !errors.As(err, &se) || se.Found != newer || se.Supported != store.SchemaVersion {
		t.Fatalf("Open = %v, want *SchemaError{%d, %d}", err, newer, store.SchemaVersion)
	}
	t.Log(err)
	if fileSHA(t, path) != before {
		t.Error("the file was changed")
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(path), "backups")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("backups folder: %v", err)
	}
}

// TestDamagedWhileOpen damages the file under an open database: the
// methods return ErrDamaged instead of crashing the program.
func TestDamagedWhileOpen(t *testing.T) {
	path := dbPath(t)
	d := dataset(40, 18)
	makeDB(t, path, d)
	data, err := os.ReadFile(path)
	mustNoErr(t, err)
	off := leafPageWith(t, data, "From the account plan") // a page of answers

	db, err := store.Open(path, store.Options{NoAutoBackup: true})
	mustNoErr(t, err)
	defer db.Close()
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	mustNoErr(t, err)
	_, err = f.WriteAt(bytes.Repeat([]byte{0xFF}, 16), int64(off)) // bbolt maps the file shared: it sees this
	mustNoErr(t, err)
	mustNoErr(t, f.Close())
	if _, err := db.Load(d.Workshop.ID); !errors.Is(err, store.ErrDamaged) {
		t.Errorf("Load of a damaged page = %v, want ErrDamaged", err)
	}
	if errs := db.Check(); len(errs) == 0 {
		t.Error("Check found nothing")
	} else {
		t.Log(errs[0])
	}

	// Truncated under the open database: reading past the end of the
	// mapped file is a memory fault, recovered as ErrDamaged.
	mustNoErr(t, os.Truncate(path, 8192))
	if _, err := db.Load(d.Workshop.ID); !errors.Is(err, store.ErrDamaged) {
		t.Errorf("Load of a truncated file = %v, want ErrDamaged", err)
	} else {
		t.Log(err)
	}
	if _, err := db.Workshops(); !errors.Is(err, store.ErrDamaged) {
		t.Errorf("Workshops of a truncated file = %v, want ErrDamaged", err)
	}
	if errs := db.Check(); len(errs) == 0 || !errors.Is(errs[len(errs)-1], store.ErrDamaged) {
		t.Errorf("Check of a truncated file = %v, want ErrDamaged", errs)
	}
}

func TestIsBoltFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "styrka.db")
	db := openTest(t, path, store.Options{})
	mustNoErr(t, db.Close())
	data, err := os.ReadFile(path)
	mustNoErr(t, err)
	if !store.IsBoltFile(data) {
		t.Error("a styrka database is not recognised as a bbolt file")
	}
	for _, head := range [][]byte{nil, []byte("{\"format\": 3}"), []byte("name;offering\nVolvo;trucks\n"), []byte("PK\x03\x04"), data[:10]} {
		if store.IsBoltFile(head) {
			t.Errorf("IsBoltFile(%q) = true", head)
		}
	}
}
