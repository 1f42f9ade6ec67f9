package store

import (
	"bufio"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
)

// The clean-close marker <db>.checked records the size and CRC-32C of the
// database file as a styrka left it after a full verification or a clean
// close. When the file still matches it, Open needs only the cheap
// checks (bbolt's meta pages, the schema): the full verification
// (bbolt's tx.Check and decoding every record) is for `styrka check`, for
// a file without a marker, and for one that changed since (a write by
// another program, damage, a styrka that was killed while writing: the
// marker is removed before the first write of a session and written
// again by Close). Every record also carries its own checksum, verified
// whenever it is read.
//
// The marker is best effort, like the lock side file: without it (a
// read-only folder, say) every open verifies in full.

func checkedPath(path string) string { return path + ".checked" }

const checkedMagic = "styrka-checked 1"

// sumBuffer is how much of the file fileSum reads at a time.
const sumBuffer = 64 << 10

// fileSum is the size and CRC-32C of a file. It reads the file itself:
// io.Copy would hand the copy to os.File's WriteTo, which allocates a
// buffer of its own, and a larger buffer only adds memory to every open
// (page faults, and a garbage collection in a short command) for no
// measurable gain in reading even a large file from the page cache.
func fileSum(path string) (size int64, sum uint32, err error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, err
	}
	defer func() { _ = f.Close() }()
	buf := make([]byte, sumBuffer)
	for {
		n, err := f.Read(buf)
		sum = crc32.Update(sum, castagnoli, buf[:n])
		size += int64(n)
		if err == io.EOF {
			return size, sum, nil
		}
		if err != nil {
			return size, sum, err
		}
	}
}

// markerMatches reports whether the file is as its marker records.
func markerMatches(path string) bool {
	f, err := os.Open(checkedPath(path))
	if err != nil {
		return false
	}
	defer func() { _ = f.Close() }()
	var magic, ver string
	var size int64
	var sum uint32
	if _, err := fmt.Fscanf(bufio.NewReader(io.LimitReader(f, 256)), "%s %s\nsize %d\ncrc32c %x\n", &magic, &ver, &size, &sum); err != nil ||
		magic+" "+ver != checkedMagic {
		return false
	}
	if info, err := os.Stat(path); err != nil || info.Size() != size {
		return false
	}
	gotSize, gotSum, err := fileSum(path)
	return err == nil && gotSize == size && gotSum == sum
}

// writeMarker records the file as it is now (temporary file, rename).
func writeMarker(path string) {
	size, sum, err := fileSum(path)
	if err != nil {
		return
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".styrka-checked-*")
	if err != nil {
		return
	}
	_, err = fmt.Fprintf(f, "%s\nsize %d\ncrc32c %08x\n", checkedMagic, size, sum)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), checkedPath(path))
	}
	if err != nil {
		_ = os.Remove(f.Name())
	}
}

func removeMarker(path string) { _ = os.Remove(checkedPath(path)) }
