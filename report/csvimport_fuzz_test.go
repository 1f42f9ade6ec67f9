package report_test

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"styrka/model"
	"styrka/report"
)

// FuzzParseCSV feeds the customer-list parser anything: it must never
// panic, and never hand over part of a file as if it were all of it. A nil
// error means every row was read; rows that were not make the error a
// *BadRowsError, and then the import refuses unless told to skip them.
// The seed corpus is in testdata/fuzz/FuzzParseCSV.
func FuzzParseCSV(f *testing.F) {
	f.Add([]byte("Namn;Omsättning\nAcme;2,5\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		list, err := report.ParseCSV(data)
		var ce *report.CSVError
		var be *report.BadRowsError
		switch {
		case err == nil:
			if len(list.Bad) > 0 {
				t.Fatalf("nil error with %d bad rows", len(list.Bad))
			}
		case errors.As(err, &ce):
			if len(list.Rows) > 0 || len(list.Bad) > 0 {
				t.Fatalf("a file that cannot be read (%v) with %d rows", err, len(list.Rows))
			}
			return
		case errors.As(err, &be):
			if len(list.Bad) == 0 || !slices.Equal(be.Rows, list.Bad) {
				t.Fatalf("BadRowsError %v does not match the list's bad rows %v", be.Rows, list.Bad)
			}
		default:
			t.Fatalf("unexpected error %T: %v", err, err)
		}

		last := 0
		for _, r := range list.Rows {
			name := r.Customer.Name
			if name == "" || name != model.CleanText(name) || !norm.NFC.IsNormalString(name) {
				t.Fatalf("line %d: name %q is empty or not clean", r.Line, name)
			}
			for _, s := range []string{name, r.Customer.Offering, r.Customer.Currency, r.Customer.Notes} {
				if strings.ContainsFunc(s, func(r rune) bool { return r != '\n' && unicode.IsControl(r) }) {
					t.Fatalf("line %d: control characters left in %q", r.Line, s)
				}
			}
			if v := r.Customer.Revenue; v != nil && !(*v >= 0) {
				t.Fatalf("line %d: revenue %v", r.Line, *v)
			}
			if r.Line <= last {
				t.Fatalf("rows out of order: line %d after %d", r.Line, last)
			}
			last = r.Line
		}

		plan := report.PlanImport(list, nil)
		if plan.New+plan.Duplicates+plan.Bad != len(plan.Rows) || len(plan.Rows) != len(list.Rows)+len(list.Bad) {
			t.Fatalf("plan of %d rows for %d good and %d bad", len(plan.Rows), len(list.Rows), len(list.Bad))
		}
		cs, aerr := plan.Accept(false)
		if len(list.Bad) > 0 {
			if !errors.Is(aerr, report.ErrBadRows) || cs != nil {
				t.Fatalf("an import with bad rows went ahead: %d customers, %v", len(cs), aerr)
			}
			if cs, aerr = plan.Accept(true); aerr != nil {
				t.Fatalf("Accept(true): %v", aerr)
			}
		} else if aerr != nil {
			t.Fatalf("Accept(false) of a clean file: %v", aerr)
		}
		if len(cs) != plan.New {
			t.Fatalf("%d customers accepted, %d new", len(cs), plan.New)
		}
		seen := map[string]bool{}
		for _, c := range cs {
			k := report.NameKey(c.Name)
			if seen[k] {
				t.Fatalf("%q accepted twice", c.Name)
			}
			seen[k] = true
		}
	})
}
