package report_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"styrka/assets"
	"styrka/model"
	"styrka/report"
)

func TestWriteEveryFormat(t *testing.T) {
	ds, err := assets.DemoDataset("en")
	if err != nil {
		t.Fatal(err)
	}
	in := report.Input{Dataset: ds, Content: assets.MustBuiltin("en"), Lang: "en"}
	for _, f := range report.AllFormats {
		var b bytes.Buffer
		if err := report.Write(&b, f, in, report.WriteOptions{}); err != nil || b.Len() == 0 {
			t.Errorf("%s: %d bytes, %v", f, b.Len(), err)
		}
	}
	var b bytes.Buffer
	if err := report.Write(&b, "docx", in, report.WriteOptions{}); !errors.Is(err, report.ErrFormat) {
		t.Errorf("docx: %v", err)
	}
	if err := report.Write(&b, "md", in, report.WriteOptions{CustomerID: "nobody"}); !errors.Is(err, report.ErrNoCustomer) {
		t.Errorf("an unknown customer: %v", err)
	}
}

func TestWriteOneCustomer(t *testing.T) {
	ds, err := assets.DemoDataset("en")
	if err != nil {
		t.Fatal(err)
	}
	c := ds.Customers[3]
	ds.Actions = []model.Action{{ID: "a1", CustomerID: c.ID, Text: "ours"}, {ID: "a2", CustomerID: ds.Customers[0].ID, Text: "theirs"}}
	in := report.Input{Dataset: ds, Content: assets.MustBuiltin("en"), Lang: "en"}
	var b bytes.Buffer
	if err := report.Write(&b, "json", in, report.WriteOptions{CustomerID: c.ID}); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Customers []json.RawMessage `json:"customers"`
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Customers) != 1 || !strings.Contains(b.String(), c.Name) || strings.Contains(b.String(), ds.Customers[0].Name) || strings.Contains(b.String(), "theirs") {
		t.Fatalf("the export of %s holds %d customers or another's data", c.Name, len(doc.Customers))
	}
	b.Reset()
	if err := report.Write(&b, "md", in, report.WriteOptions{CustomerID: c.ID}); err != nil || !strings.Contains(b.String(), c.Name) {
		t.Fatalf("the brief: %v", err)
	}
	if len(in.Dataset.Customers) != len(ds.Customers) {
		t.Fatal("Write changed its input")
	}
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.csv")
	if err := report.WriteFileAtomic(path, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o640); err != nil {
		t.Fatal(err)
	}
	if err := report.WriteFileAtomic(path, []byte("newer")); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	fi, _ := os.Stat(path)
	if string(data) != "newer" || fi.Mode().Perm() != 0o640 {
		t.Fatalf("%q, mode %v", data, fi.Mode().Perm())
	}
	if err := report.WriteFileAtomic(filepath.Join(dir, "no", "a.csv"), []byte("x")); err == nil {
		t.Fatal("a missing folder: no error")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Fatalf("left behind: %v", entries)
	}
}

// TestWriteFileAtomicNamesOnlyThePathAsked: a failure names the file the
// caller asked for, never styrka's temporary file.
func TestWriteFileAtomicNamesOnlyThePathAsked(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for name, path := range map[string]string{
		"missing folder":   filepath.Join(dir, "no", "a.md"),
		"a file as folder": filepath.Join(file, "a.md"),
		"a folder as file": dir,
	} {
		t.Run(name, func(t *testing.T) {
			err := report.WriteFileAtomic(path, []byte("x"))
			var pe *fs.PathError
			if !errors.As(err, &pe) || pe.Path != path {
				t.Fatalf("err = %v, want a PathError for %s", err, path)
			}
			if strings.Contains(err.Error(), ".styrka-") {
				t.Errorf("err names the temporary file: %v", err)
			}
		})
	}
}
