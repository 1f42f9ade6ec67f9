package report

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"styrka/model"
)

// Formats are the formats Write knows, in the order they are offered.
var Formats = []string{"md", "json", "csv", "xlsx", "svg", "handout"}

// CustomerFormats are the formats that make sense for one customer: the
// brief in Markdown, and the workshop holding only that customer.
var CustomerFormats = []string{"md", "json", "csv", "xlsx", "svg"}

// ErrFormat is returned by Write for a format it does not know.
var ErrFormat = errors.New("unknown report format")

// Binary reports whether a format cannot be shown on a terminal.
func Binary(format string) bool { return format == "xlsx" }

// Extension is the file extension a format is written with.
func Extension(format string) string {
	if format == "handout" {
		return ".md"
	}
	return "." + format
}

// WriteOptions choose what Write puts in a report.
type WriteOptions struct {
	// CustomerID makes the report about one customer: md is that
	// customer's brief, handout names the customer, and json, csv, xlsx and
	// svg hold the workshop with that one customer.
	CustomerID string
	// CSV is how csv is written.
	CSV CSVOptions
}

// Write writes the workshop in one of Formats. It is the one place the
// command line and the terminal UI choose a renderer.
func Write(w io.Writer, format string, in Input, o WriteOptions) error {
	if !slices.Contains(Formats, format) {
		return fmt.Errorf("%w: %q", ErrFormat, format)
	}
	var c model.Customer
	if o.CustomerID != "" {
		i := slices.IndexFunc(in.Dataset.Customers, func(x model.Customer) bool { return x.ID == o.CustomerID })
		if i < 0 {
			return fmt.Errorf("customer %s: %w", o.CustomerID, ErrNoCustomer)
		}
		c = in.Dataset.Customers[i]
		if format != "md" && format != "handout" {
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
		return WriteJSON(w, in.Dataset, in.Content.Questions())
	case "csv":
		return WriteCSV(w, in, o.CSV)
	case "xlsx":
		return WriteXLSX(w, in)
	case "svg":
		return WriteSVG(w, in)
	default: // handout
		return WriteHandout(w, in, c.Name)
	}
}

// WriteFileAtomic writes data to path through a temporary file in the
// same folder, renamed over path at the end, so a failure never leaves
// half a file. A file it replaces keeps its permissions; a new one gets
// the temporary file's, readable by the owner only.
func WriteFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".styrka-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
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
	if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() {
		_ = os.Chmod(tmp.Name(), fi.Mode().Perm())
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
