package report_test

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"styrka/report"
)

// workbook makes an .xlsx whose sheets hold the given rows.
func workbook(t *testing.T, sheets map[string][][]any, order ...string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, name := range order {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		for r, row := range sheets[name] {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := f.SetSheetRow(name, cell, &row); err != nil {
				t.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestParseXLSX(t *testing.T) {
	data := workbook(t, map[string][][]any{
		"Översikt": {{"Not a list"}},
		"Kunder": {
			{"Organization - Name", "Organization - Annual revenue", "Phone"},
			{"Acme AB", 2500000, "08-1"},
			{"Beta AB", nil, ""},
			{},
			{"#REF!", 3, ""},
		},
	}, "Översikt", "Kunder")
	if !report.IsXLSX(data) {
		t.Fatal("a workbook is not recognised")
	}
	// The first sheet has no names: it says so, as for a CSV file.
	var ce *report.CSVError
	if _, err := report.ParseXLSX(data, ""); !errors.As(err, &ce) || ce.Problem != "noname" {
		t.Fatalf("first sheet: %v", err)
	}
	if _, err := report.ParseXLSX(data, "Nope"); !errors.As(err, &ce) || ce.Problem != "nosheet" || !strings.Contains(ce.Detail, "Kunder") {
		t.Fatalf("unknown sheet: %v", err)
	}
	list, err := report.ParseXLSX(data, "kunder")
	var bad *report.BadRowsError
	if !errors.As(err, &bad) || len(list.Bad) != 1 || list.Bad[0].Problem != "errorcell" || list.Bad[0].Line != 5 {
		t.Fatalf("bad rows %+v, %v", list.Bad, err)
	}
	var names []string
	for _, r := range list.Rows {
		names = append(names, r.Customer.Name)
	}
	if !slices.Equal(names, []string{"Acme AB", "Beta AB"}) || *list.Rows[0].Customer.Revenue != 2500000 || list.Rows[1].Customer.Revenue != nil {
		t.Fatalf("rows %+v", list.Rows)
	}
	if list.Sheet != "Kunder" || !slices.Equal(list.Ignored, []string{"Phone"}) || list.Encoding != report.EncodingXLSX {
		t.Fatalf("list %+v", list)
	}
}

// A workbook styrka exported imports back.
func TestXLSXExportImportsBack(t *testing.T) {
	for _, lang := range langs {
		in := demoInput(t, lang)
		var buf bytes.Buffer
		if err := report.WriteXLSX(&buf, in); err != nil {
			t.Fatal(err)
		}
		list, err := report.ParseXLSX(buf.Bytes(), "")
		if err != nil || len(list.Rows) != len(in.Dataset.Customers) {
			t.Fatalf("%s: %d rows of %d, %v", lang, len(list.Rows), len(in.Dataset.Customers), err)
		}
	}
}
