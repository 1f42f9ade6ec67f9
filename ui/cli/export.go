package cli

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"

	"styrka/model"
	"styrka/report"
)

// reportFormats are the formats of `styrka report`; xlsx is the binary
// one, written only to a file.
var reportFormats = []string{"md", "json", "csv", "xlsx", "svg", "handout"}

// reportFlags are the flags of `styrka report`.
type reportFlags struct {
	name, customer, format, out string
	answers                     bool
	delimiter                   string
	delimiterSet                bool
}

// delimiters are the names --delimiter takes.
var delimiters = map[string]rune{
	",": ',', "comma": ',', ";": ';', "semicolon": ';', "tab": '\t', `\t`: '\t', "\t": '\t', "|": '|',
}

// parseDelimiter reads the value of --delimiter.
func parseDelimiter(s string) (rune, bool) {
	r, ok := delimiters[strings.ToLower(s)]
	return r, ok
}

// delimiterName is how a delimiter is written as a flag value.
func delimiterName(r rune) string {
	if r == '\t' {
		return "tab"
	}
	return string(r)
}

// runReport writes a workshop in one of the report formats; the renderers
// are in package report, this only wires the flags.
func (a *App) runReport(f reportFlags) error {
	if !slices.Contains(reportFormats, f.format) {
		return &usageError{a.T("err.format", f.format, strings.Join(reportFormats, ", "))}
	}
	toStdout := f.out == "" || f.out == "-"
	if f.format == "xlsx" && toStdout {
		return &usageError{a.T("err.format.binary")}
	}
	if (f.answers || f.delimiterSet) && f.format != "csv" {
		return &usageError{a.T("err.flag.csvonly", f.format)}
	}
	delim, ok := parseDelimiter(f.delimiter)
	if !ok {
		return &usageError{a.T("err.delimiter", f.delimiter)}
	}

	ds, err := a.reportDataset(f)
	if err != nil {
		return err
	}
	in := report.Input{Dataset: ds, Content: a.Content, Lang: a.Lang}
	var c model.Customer
	if f.customer != "" {
		if c, err = a.findCustomer(ds, f.customer); err != nil {
			return err
		}
		if f.format != "md" && f.format != "handout" {
			// The other formats are of the workshop; with -c, of the
			// workshop with that one customer.
			in.Dataset.Customers = []model.Customer{c}
			in.Dataset.Answers = map[string]map[string]model.Answer{c.ID: ds.Answers[c.ID]}
		}
	}

	var buf bytes.Buffer
	switch f.format {
	case "md":
		if f.customer != "" {
			err = report.WriteBrief(&buf, in, c.ID)
		} else {
			err = report.WriteMarkdown(&buf, in)
		}
	case "json":
		err = report.WriteJSON(&buf, in.Dataset, a.Content.Questions())
	case "csv":
		err = report.WriteCSV(&buf, in, report.CSVOptions{Answers: f.answers, Delimiter: delim})
	case "xlsx":
		err = report.WriteXLSX(&buf, in)
	case "svg":
		err = report.WriteSVG(&buf, in)
	case "handout":
		err = report.WriteHandout(&buf, in, c.Name)
	}
	if err != nil {
		return err
	}
	if toStdout {
		_, err := a.Stdout.Write(buf.Bytes())
		return err
	}
	if err := writeFileAtomic(f.out, buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintln(a.Stderr, a.T("report.written", f.out))
	return nil
}

// reportDataset loads the workshop a report is about. A handout needs no
// workshop: without -w and without a single workshop to take, it is
// written from the questions alone.
func (a *App) reportDataset(f reportFlags) (model.Dataset, error) {
	if f.format != "handout" || f.name != "" || f.customer != "" {
		return a.loadWorkshop(f.name)
	}
	w, err := a.findWorkshop("")
	var msg *messageError
	if errors.As(err, &msg) {
		return model.Dataset{}, nil
	}
	if err != nil {
		return model.Dataset{}, err
	}
	db, err := a.DB()
	if err != nil {
		return model.Dataset{}, err
	}
	return db.Load(w.ID)
}
