package report

import (
	"bytes"
	"strings"

	"github.com/xuri/excelize/v2"

	"styrka/model"
)

// IsXLSX reports whether data is an Excel workbook (a zip file), whatever
// the file is called: pointing styrka at the workbook itself is the first
// thing an Excel user tries.
func IsXLSX(data []byte) bool { return bytes.HasPrefix(data, []byte("PK\x03\x04")) }

// ParseXLSX reads a customer list from a workbook's first sheet, or the
// sheet named: the same header rules, problems and all-or-nothing as
// ParseCSV. A row's line is its row number in the sheet.
func ParseXLSX(data []byte, sheet string) (CustomerList, error) {
	list := CustomerList{Encoding: EncodingXLSX, Columns: map[Field]int{}}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return CustomerList{}, &CSVError{Problem: "xlsx"}
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return CustomerList{}, &CSVError{Problem: "empty"}
	}
	name := sheets[0]
	if sheet != "" {
		name = ""
		for _, s := range sheets {
			if strings.EqualFold(s, strings.TrimSpace(sheet)) {
				name = s
			}
		}
		if name == "" {
			safe := make([]string, len(sheets))
			for i, s := range sheets {
				safe[i] = model.SafeLine(s)
			}
			return CustomerList{}, &CSVError{Problem: "nosheet", Detail: model.SafeLine(sheet) + "/" + strings.Join(safe, ", ")}
		}
	}
	list.Sheet = name
	rows, err := f.Rows(name)
	if err != nil {
		return CustomerList{}, &CSVError{Problem: "xlsx"}
	}
	defer rows.Close()
	var header []string
	line := 0
	for header == nil && rows.Next() {
		line++
		rec, err := rows.Columns()
		if err != nil {
			return CustomerList{}, &CSVError{Problem: "xlsx"}
		}
		if !allBlank(rec) {
			header = rec
		}
	}
	if header == nil {
		return CustomerList{}, &CSVError{Problem: "empty"}
	}
	if err := list.mapHeader(header); err != nil {
		return CustomerList{}, err
	}
	unit := revenueUnit(header, list.Columns)
	blank := false
	for rows.Next() {
		line++
		rec, err := rows.Columns()
		if err != nil {
			return CustomerList{}, &CSVError{Problem: "xlsx"}
		}
		// A row shorter than the header is one whose last cells are empty.
		for len(rec) < len(header) {
			rec = append(rec, "")
		}
		blank = list.addRecord(rec, header, unit, line, blank)
	}
	if len(list.Bad) > 0 {
		return list, &BadRowsError{Rows: list.Bad}
	}
	return list, nil
}
