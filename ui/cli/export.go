package cli

import (
	"bytes"
	"errors"
	"io"
	"slices"
	"strings"
	"time"

	"styrka/model"
	"styrka/report"
)

// reportFlags are the flags of `styrka report`.
type reportFlags struct {
	name, customer, format, out string
	answers                     bool
	delimiter                   string
	delimiterSet                bool
	actions, rounds             bool   // csv: one row per action, per customer per round
	compare                     string // a round to compare the workshop with
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
	if !slices.Contains(report.AllFormats, f.format) {
		return &usageError{a.T("err.format", f.format, strings.Join(report.AllFormats, ", "))}
	}
	toStdout := f.out == "" || f.out == "-"
	if report.PDF(f.format) && toStdout {
		return &usageError{a.T("err.format.pdf")}
	}
	if report.Binary(f.format) && toStdout {
		return &usageError{a.T("err.format.binary")}
	}
	if (f.answers || f.actions || f.rounds || f.delimiterSet) && f.format != "csv" {
		return &usageError{a.T("err.flag.csvonly", f.format)}
	}
	if (f.answers && f.actions) || (f.answers && f.rounds) || (f.actions && f.rounds) {
		return &usageError{a.T("err.flag.onetable")}
	}
	if f.compare != "" {
		return a.runCompare(f)
	}
	delim, ok := parseDelimiter(f.delimiter)
	if !ok {
		return &usageError{a.T("err.delimiter", f.delimiter)}
	}

	ds, err := a.reportDataset(f)
	if err != nil {
		return err
	}
	// The report is made from what was loaded: the database is closed
	// first, so that its file's pages are not held while a large report
	// is written (50 MiB of a 10,000-customer workbook's peak).
	if err := a.closeDB(); err != nil {
		return err
	}
	in := report.Input{Dataset: ds, Content: a.Content, Lang: a.Lang, Today: time.Now()}
	opts := report.WriteOptions{CSV: report.CSVOptions{Answers: f.answers, Actions: f.actions, Rounds: f.rounds, Delimiter: delim}}
	if f.customer != "" {
		c, err := a.findCustomer(ds, f.customer)
		if err != nil {
			return err
		}
		opts.CustomerID = c.ID
	}
	if toStdout {
		// Whole or not at all: a report that fails half-way prints nothing.
		var buf bytes.Buffer
		if err := report.Write(&buf, f.format, in, opts); err != nil {
			return err
		}
		_, err := a.Stdout.Write(buf.Bytes())
		return err
	}
	var failed error // the report's own error, not the file's
	err = report.WriteFileAtomicFunc(f.out, func(w io.Writer) error {
		failed = report.Write(w, f.format, in, opts)
		return failed
	})
	switch {
	case failed != nil:
		return failed
	case err != nil:
		return a.notWritten(f.out, err)
	}
	a.eprintln(a.T("report.written", f.out))
	return nil
}

// reportDataset loads the workshop a report is about. A handout needs no
// workshop: without -w and without a single workshop to take, it is
// written from the questions alone.
func (a *App) reportDataset(f reportFlags) (model.Dataset, error) {
	if (f.format != "handout" && f.format != "handout-pdf") || f.name != "" || f.customer != "" {
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
