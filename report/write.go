package report

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"syscall"
	"unicode/utf16"
	"unicode/utf8"

	"styrka/model"
)

// Formats are the formats the terminal UI's export offers, in order.
var Formats = []string{"md", "json", "csv", "xlsx", "svg", "handout"}

// PDFFormats are the PDF documents: the workshop report (with a
// customer, the one-page brief) and the handout.
var PDFFormats = []string{"pdf", "handout-pdf"}

// AllFormats are the formats Write knows, in the order the command line
// offers them: Formats, then PDFFormats, then the portfolio chart.
var AllFormats = append(append(slices.Clone(Formats), PDFFormats...), "portfolio-svg")

// CustomerFormats are the formats the terminal UI offers for one
// customer: the brief in Markdown, and the workshop holding only that
// customer. "pdf" makes sense for one customer too (the one-page brief).
var CustomerFormats = []string{"md", "json", "csv", "xlsx", "svg"}

// ErrFormat is returned by Write for a format it does not know.
var ErrFormat = errors.New("unknown report format")

// Binary reports whether a format cannot be shown on a terminal.
func Binary(format string) bool { return format == "xlsx" || PDF(format) }

// PDF reports whether a format is a PDF document.
func PDF(format string) bool { return slices.Contains(PDFFormats, format) }

// Extension is the file extension a format is written with.
func Extension(format string) string {
	switch format {
	case "handout":
		return ".md"
	case "handout-pdf":
		return ".pdf"
	case "portfolio-svg":
		return ".svg"
	}
	return "." + format
}

// WriteOptions choose what Write puts in a report.
type WriteOptions struct {
	// CustomerID makes the report about one customer: md is that
	// customer's brief and pdf its one-page brief, handout and handout-pdf
	// name the customer, and json, csv, xlsx and svg hold the workshop with
	// that one customer.
	CustomerID string
	// CSV is how csv is written.
	CSV CSVOptions
}

// Write writes the workshop in one of AllFormats. It is the one place the
// command line and the terminal UI choose a renderer.
func Write(w io.Writer, format string, in Input, o WriteOptions) error {
	if !slices.Contains(AllFormats, format) {
		return fmt.Errorf("%w: %q", ErrFormat, format)
	}
	var c model.Customer
	if o.CustomerID != "" {
		i := slices.IndexFunc(in.Dataset.Customers, func(x model.Customer) bool { return x.ID == o.CustomerID })
		if i < 0 {
			return fmt.Errorf("customer %s: %w", o.CustomerID, ErrNoCustomer)
		}
		c = in.Dataset.Customers[i]
		if format != "md" && format != "handout" && format != "pdf" && format != "handout-pdf" {
			in.Dataset.Customers = []model.Customer{c}
			in.Dataset.Answers = map[string]map[string]model.Answer{c.ID: in.Dataset.Answers[c.ID]}
			in.Dataset = ForCustomer(in.Dataset, c.ID) // and its actions, and what the rounds saw of it
		}
	}
	switch format {
	case "md":
		if o.CustomerID != "" {
			return WriteBrief(w, in, c.ID)
		}
		return WriteMarkdown(w, in)
	case "json":
		return writeJSON(w, func(w io.Writer) error { return WriteJSON(w, in.Dataset, in.Content.Questions()) })
	case "csv":
		return WriteCSV(w, in, o.CSV)
	case "xlsx":
		return WriteXLSX(w, in)
	case "svg":
		return WriteSVG(w, in)
	case "pdf":
		if o.CustomerID != "" {
			return WritePDFBrief(w, in, c.ID)
		}
		return WritePDFReport(w, in)
	case "handout-pdf":
		return WritePDFHandout(w, in, c.Name)
	case "portfolio-svg":
		return WritePortfolioSVG(w, in)
	default: // handout
		return WriteHandout(w, in, c.Name)
	}
}

// WriteFileAtomic writes data to path through a temporary file in the
// same folder, renamed over path at the end, so a failure never leaves
// half a file. A file it replaces keeps its permissions; a new one gets
// the temporary file's, readable by the owner only.
func WriteFileAtomic(path string, data []byte) error {
	return WriteFileAtomicFunc(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// WriteFileAtomicFunc is WriteFileAtomic with the content written by
// write, straight into the temporary file: a large report is never held
// in memory whole. An error from write leaves the file as it was.
func WriteFileAtomicFunc(path string, write func(w io.Writer) error) (err error) {
	// Errors name the file the caller asked for, never the temporary
	// one, which the user did not type and which is gone afterwards.
	defer func() {
		var pe *fs.PathError
		var le *os.LinkError
		switch {
		case errors.As(err, &pe):
			err = &fs.PathError{Op: pe.Op, Path: path, Err: pe.Err}
		case errors.As(err, &le):
			err = &fs.PathError{Op: "write", Path: path, Err: le.Err}
		}
	}()
	// A link is followed, so that the file it names is replaced and the
	// link stays; a path that is not a regular file (/dev/null, a named
	// pipe, /dev/stdout) is written to as it is: renaming over it would
	// replace the device with a file.
	target := path
	if real, err := filepath.EvalSymlinks(path); err == nil {
		target = real
	}
	if fi, err := os.Stat(target); err == nil {
		if fi.IsDir() {
			return &fs.PathError{Op: "write", Path: path, Err: syscall.EISDIR}
		}
		if !fi.Mode().IsRegular() {
			return writeInPlace(target, write)
		}
	}
	tmp, err := createTemp(filepath.Dir(target))
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	bw := bufio.NewWriterSize(tmp, 1<<16)
	if err := write(bw); err != nil {
		tmp.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if fi, err := os.Stat(target); err == nil && fi.Mode().IsRegular() {
		_ = os.Chmod(tmp.Name(), fi.Mode().Perm())
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return os.Rename(tmp.Name(), target)
}

// writeInPlace writes to a path that is not a regular file (a device, a
// named pipe) by opening it: there is no half a file to guard against.
func writeInPlace(path string, write func(w io.Writer) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 1<<16)
	if err := write(bw); err != nil {
		f.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// createTemp makes the temporary file a report is written to, beside the
// file it will replace. It is made with the mode the user's umask gives a
// new file (os.CreateTemp's would be private, 0600): an exported report
// is the user's to share; the database and its folder stay private.
func createTemp(dir string) (*os.File, error) {
	for range 100 {
		name := filepath.Join(dir, ".styrka-"+strconv.FormatUint(rand.Uint64(), 36))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return f, err
	}
	return nil, &fs.PathError{Op: "write", Path: dir, Err: fs.ErrExist}
}

// writeText writes a text report (Markdown, SVG) made safe for a
// terminal: the report is styrka's own text around names, notes, paths
// and content from outside, and no escape sequence or control character
// of theirs may reach whoever prints the file (model.Safe). It is the one
// place every text report passes on its way out.
func writeText(w io.Writer, s string) error {
	_, err := io.WriteString(w, model.Safe(s))
	return err
}

// writeJSON runs write with a writer that escapes, as JSON's \uXXXX, the
// characters model.Safe would take out of text (C1 controls, DEL,
// bidirectional overrides, zero-width characters); encoding/json escapes
// the C0 controls itself. They can only stand inside JSON strings, so the
// data is kept to the byte, and a terminal shown the file sees none of
// them.
func writeJSON(w io.Writer, write func(io.Writer) error) error {
	j := &jsonSafe{w: w}
	if err := write(j); err != nil {
		return err
	}
	return j.flush()
}

// jsonSafe is the writer of writeJSON. A rune split between two writes
// is held until the rest of it arrives.
type jsonSafe struct {
	w    io.Writer
	rest []byte
	out  []byte
}

func (j *jsonSafe) Write(p []byte) (int, error) {
	data := p
	if len(j.rest) > 0 {
		data = append(j.rest, p...)
		j.rest = nil
	}
	end := len(data)
	for k := 1; k <= utf8.UTFMax && k <= len(data); k++ {
		if utf8.RuneStart(data[len(data)-k]) {
			if !utf8.FullRune(data[len(data)-k:]) {
				end = len(data) - k
			}
			break
		}
	}
	if err := j.write(data[:end]); err != nil {
		return 0, err
	}
	if end < len(data) {
		j.rest = append([]byte(nil), data[end:]...)
	}
	return len(p), nil
}

func (j *jsonSafe) flush() error {
	rest := j.rest
	j.rest = nil
	return j.write(rest)
}

func (j *jsonSafe) write(data []byte) error {
	start := 0 // data[start:i] is to be written as it is
	j.out = j.out[:0]
	for i := 0; i < len(data); {
		if data[i] < 0x7f {
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if !(r == utf8.RuneError && size == 1) && !model.UnsafeRune(r) {
			i += size
			continue
		}
		j.out = append(j.out, data[start:i]...)
		if r == utf8.RuneError && size == 1 {
			r = utf8.RuneError // a stray byte: as encoding/json writes it
		}
		if r1, r2 := utf16.EncodeRune(r); r1 != utf8.RuneError {
			j.out = fmt.Appendf(j.out, `\u%04x\u%04x`, r1, r2)
		} else {
			j.out = fmt.Appendf(j.out, `\u%04x`, r)
		}
		i += size
		start = i
	}
	if start == 0 {
		_, err := j.w.Write(data)
		return err
	}
	j.out = append(j.out, data[start:]...)
	_, err := j.w.Write(j.out)
	return err
}
