package report

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	utf16 "golang.org/x/text/encoding/unicode"

	"styrka/model"
)

// A customer list from a CRM or a spreadsheet, read as CSV: the parser is
// pure (bytes in, customers and per-line problems out); comparing with
// the workshop and writing are the caller's.

// Field is a customer field a CSV column can hold.
type Field string

const (
	FieldName     Field = "name"
	FieldOffering Field = "offering"
	FieldRevenue  Field = "revenue"
	FieldCurrency Field = "currency"
	FieldNotes    Field = "notes"
)

// headerNames are the headers each field is recognised by, normalised
// (lower case, single spaces, no trailing colon, unit in parentheses or
// year). This is the one table of them; a synonym a tool writes says
// which.
var headerNames = map[string]Field{
	// styrka's own CSV export, and the plain words in both languages.
	"namn": FieldName, "name": FieldName, "kund": FieldName, "customer": FieldName,
	"företag": FieldName, "company": FieldName, "kundnamn": FieldName, "customer name": FieldName,
	"företagsnamn": FieldName, "company name": FieldName,
	"bolag": FieldName, "organisation": FieldName, "kundens namn": FieldName, // Swedish ERP and Excel lists
	"account": FieldName, "account name": FieldName, // Salesforce (ACCOUNT NAME in reports)
	"organization": FieldName, "organization - name": FieldName, "organisation - namn": FieldName, // Pipedrive
	"erbjudande": FieldOffering, "offering": FieldOffering, "bedömt erbjudande": FieldOffering, "offering assessed": FieldOffering,
	"omsättning": FieldRevenue, "revenue": FieldRevenue, "årsomsättning": FieldRevenue, "annual revenue": FieldRevenue,
	"annualrevenue":                 FieldRevenue,                                                  // Salesforce's API field name
	"organization - annual revenue": FieldRevenue, "organisation - årlig omsättning": FieldRevenue, // Pipedrive
	"oms.": FieldRevenue, "oms": FieldRevenue, "oms. i år": FieldRevenue, "omsättning i år": FieldRevenue, // Swedish ERPs (Fortnox, Visma) and Excel
	"försäljning": FieldRevenue, "sales": FieldRevenue, // sales reports, often with a year: "Sales 2024"
	"valuta": FieldCurrency, "currency": FieldCurrency,
	"anteckningar": FieldNotes, "notes": FieldNotes, "anteckning": FieldNotes, "note": FieldNotes,
	"kommentar": FieldNotes, "kommentarer": FieldNotes, "comment": FieldNotes, "comments": FieldNotes,
}

// headerYear splits a trailing year off a normalised header: "omsättning
// 2024" is revenue of 2024. It returns the header without the year, and
// the year or 0.
func headerYear(n string) (string, int) {
	if len(n) < 6 || n[len(n)-5] != ' ' {
		return n, 0
	}
	y, err := strconv.Atoi(n[len(n)-4:])
	if err != nil || y < 1900 || y > 2200 {
		return n, 0
	}
	return strings.TrimSpace(n[:len(n)-5]), y
}

// Encoding names how a CSV file was encoded.
type Encoding string

const (
	UTF8        Encoding = "UTF-8"
	UTF16       Encoding = "UTF-16"
	Windows1252 Encoding = "Windows-1252"
	// EncodingXLSX: not text at all, an Excel workbook.
	EncodingXLSX Encoding = "Excel"
)

// CustomerRow is one customer read from a line of the file.
type CustomerRow struct {
	// Line is where the row starts (1-based, the header is line 1).
	Line     int
	Customer model.Customer
}

// RowProblem says why a row cannot be imported.
type RowProblem struct {
	Line int
	// Problem is a stable code: "fields" (Detail "found/expected"),
	// "name" (no name), "revenue" (Detail the value), "currency" (Detail
	// "in the value/in the column"), "quote" (a stray or missing quote),
	// "toolong" (Detail "column/characters/limit": a text longer than the
	// TUI takes, model.Max…Len).
	Problem string
	Detail  string
	// Name is the row's customer name when it could be read.
	Name string
}

// CustomerList is what a CSV file holds.
type CustomerList struct {
	// Rows are the rows that can be imported, in file order.
	Rows []CustomerRow
	// Bad are the rows that cannot, in file order.
	Bad []RowProblem
	// Ignored are the headers of columns that are not read: unknown ones,
	// and a second column for a field already found. Columns of styrka's
	// own exports are skipped without being listed.
	Ignored []string
	// Columns maps each field found to its column.
	Columns map[Field]int
	// Delimiter is the one detected, or 0 for a file of one column.
	Delimiter rune
	Encoding  Encoding
	// Footer counts the lines of a report's footer at the end (totals,
	// confidentiality, copyright, who generated it), skipped.
	Footer int
	// Sheet is the workbook's sheet read, for an Excel file.
	Sheet string
}

// CSVError is a problem with a CSV file as a whole; nothing can be read
// from it.
type CSVError struct {
	// Problem is a stable code: "empty" (no header), "header" (the
	// header line has a stray or missing quote), "noname" (no column holds
	// the customer's name; Detail lists the headers found).
	Problem string
	Detail  string
	// File is filled in by the caller that knows it.
	File string
}

func (e *CSVError) Error() string {
	s := e.Problem
	if e.Detail != "" {
		s += ": " + e.Detail
	}
	if e.File != "" {
		s = e.File + ": " + s
	}
	return s
}

// BadRowsError is returned with a list that has bad rows: the list is
// incomplete, and importing it takes a deliberate choice to skip them.
type BadRowsError struct{ Rows []RowProblem }

func (e *BadRowsError) Error() string {
	var lines []string
	for _, r := range e.Rows {
		lines = append(lines, strconv.Itoa(r.Line))
	}
	return fmt.Sprintf("%d bad rows (lines %s)", len(e.Rows), strings.Join(lines, ", "))
}

// ParseCSV reads a customer list. The encoding (UTF-8 with or without a
// byte order mark, UTF-16 with one, else Windows-1252) and the delimiter
// (comma, semicolon or tab, whichever the header line has most of outside
// quotes; or an Excel "sep=" line) are detected. Headers are matched in
// Swedish or English whatever their case and spacing. Every text is
// cleaned with model.CleanText (model.CleanNote for notes).
//
// The error is nil only when every row could be read. With bad rows the
// list holds the good rows and the bad ones, and the error is a
// *BadRowsError; when the file cannot be read at all the list is empty and
// the error a *CSVError.
func ParseCSV(data []byte) (CustomerList, error) {
	text, enc := decodeText(data)
	if !strings.Contains(text, "\n") && strings.Contains(text, "\r") {
		// Classic Mac line endings: carriage returns alone.
		text = strings.ReplaceAll(text, "\r", "\n")
	}
	list := CustomerList{Encoding: enc, Columns: map[Field]int{}}
	offset := 0 // lines taken off the top before the CSV reader sees it
	if rest, d, ok := sepLine(text); ok {
		text, list.Delimiter, offset = rest, d, 1
	} else {
		list.Delimiter = detectDelimiter(text)
	}
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = list.Delimiter
	if r.Comma == 0 {
		// One column: a line is one field, commas and all.
		r.Comma = noDelimiter
	}
	r.FieldsPerRecord = -1
	r.LazyQuotes = false
	r.TrimLeadingSpace = list.Delimiter != '\t'
	r.ReuseRecord = true

	header, err := r.Read()
	if err != nil && !errors.Is(err, io.EOF) {
		return CustomerList{}, &CSVError{Problem: "header"}
	}
	if len(header) == 0 || allBlank(header) {
		return CustomerList{}, &CSVError{Problem: "empty"}
	}
	header = append([]string(nil), header...)
	if err := list.mapHeader(header); err != nil {
		return CustomerList{}, err
	}
	unit := revenueUnit(header, list.Columns)

	blank := false // the row before was blank
	prevEnd, _ := r.FieldPos(len(header) - 1)
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			line := 0
			if errors.As(err, &pe) {
				line = pe.StartLine
			}
			list.Bad = append(list.Bad, RowProblem{Line: line + offset, Problem: "quote"})
			if pe == nil {
				break // not a syntax error: the reader cannot go on
			}
			continue
		}
		line, _ := r.FieldPos(0)
		if line > prevEnd+1 {
			blank = true // empty lines, which the reader skips, came before
		}
		prevEnd, _ = r.FieldPos(len(rec) - 1)
		line += offset
		blank = list.addRecord(rec, header, unit, line, blank)
	}
	if len(list.Bad) > 0 {
		return list, &BadRowsError{Rows: list.Bad}
	}
	return list, nil
}

// mapHeader finds the fields' columns in a header line, the same for CSV
// and Excel: known headers, the latest year's revenue, the rest left out.
func (list *CustomerList) mapHeader(header []string) error {
	ours := exportHeaderSet()
	var seen []string
	revenueYear := -1
	for i, h := range header {
		n := normHeader(h)
		shown := model.CleanText(h)
		if n == "" {
			continue
		}
		seen = append(seen, shown)
		base, year := headerYear(n)
		f, ok := headerNames[base]
		if !ok {
			if !ours[n] {
				list.Ignored = append(list.Ignored, shown)
			}
			continue
		}
		if prev, dup := list.Columns[f]; dup {
			// Revenue of several years: the latest counts, and the others
			// are listed as left out, which says which was taken.
			if f == FieldRevenue && year > revenueYear {
				list.Ignored = append(list.Ignored, model.CleanText(header[prev]))
				list.Columns[f], revenueYear = i, year
				continue
			}
			list.Ignored = append(list.Ignored, shown)
			continue
		}
		list.Columns[f] = i
		if f == FieldRevenue {
			revenueYear = year
		}
	}
	if _, ok := list.Columns[FieldName]; !ok {
		return &CSVError{Problem: "noname", Detail: strings.Join(seen, ", ")}
	}
	return nil
}

// addRecord takes one record of the list at line: a customer, a bad row,
// or a blank or footer line skipped. blank says the line before was
// blank; it returns whether this one was.
func (list *CustomerList) addRecord(rec, header []string, unit amountUnit, line int, blank bool) bool {
	if allBlank(rec) {
		return true // Excel writes ";;;;" for rows that once held something
	}
	if blank && isFooter(rec) {
		// A report's footer after a blank line (Salesforce: "Grand
		// Totals (12 records)", confidentiality, copyright, "Generated
		// By …"): not customers.
		list.Footer++
		return true
	}
	row, problem := readRow(rec, header, list.Columns, unit)
	if problem != nil {
		problem.Line = line
		list.Bad = append(list.Bad, *problem)
		return false
	}
	list.Rows = append(list.Rows, CustomerRow{Line: line, Customer: row})
	return false
}

// readRow turns one record into a customer, or says what is wrong.
func readRow(rec, header []string, cols map[Field]int, unit amountUnit) (model.Customer, *RowProblem) {
	get := func(f Field) string {
		i, ok := cols[f]
		if !ok || i >= len(rec) {
			return ""
		}
		return unguard(strings.TrimSpace(rec[i]))
	}
	var c model.Customer
	c.Name = model.CleanText(get(FieldName))
	// Columns without a header at the end of the header line may be
	// missing from a row, and a row may have empty fields past the header.
	width := len(header)
	for width > 0 && strings.TrimSpace(header[width-1]) == "" {
		width--
	}
	switch {
	case len(rec) < width, len(rec) > len(header) && !allBlank(rec[len(header):]):
		return c, &RowProblem{Problem: "fields", Detail: fmt.Sprintf("%d/%d", len(rec), width), Name: c.Name}
	case c.Name == "":
		return c, &RowProblem{Problem: "name"}
	case errorCell().MatchString(c.Name):
		// A spreadsheet's error (#NAME?, #REF!) is not a customer's name.
		return c, &RowProblem{Problem: "errorcell", Detail: c.Name}
	}
	c.Offering = model.CleanText(get(FieldOffering))
	c.Notes = model.CleanNote(get(FieldNotes))
	c.Currency = cleanCurrency(get(FieldCurrency))
	raw := model.CleanText(get(FieldRevenue))
	v, cur, ok := parseAmount(raw, unit)
	if !ok {
		return c, &RowProblem{Problem: "revenue", Detail: raw, Name: c.Name}
	}
	c.Revenue = v
	// The same limits as the TUI's fields.
	for _, l := range []struct {
		f     Field
		text  string
		limit int
	}{
		{FieldName, c.Name, model.MaxCustomerNameLen},
		{FieldOffering, c.Offering, model.MaxOfferingLen},
		{FieldCurrency, c.Currency, model.MaxCurrencyLen},
		{FieldNotes, c.Notes, model.MaxCustomerNoteLen},
	} {
		if n := utf8.RuneCountInString(l.text); n > l.limit {
			name := c.Name
			if l.f == FieldName {
				name = string([]rune(c.Name)[:40]) + "…"
			}
			return c, &RowProblem{Problem: "toolong", Detail: fmt.Sprintf("%s/%d/%d", model.CleanText(header[cols[l.f]]), n, l.limit), Name: name}
		}
	}
	switch {
	case cur == "":
	case c.Currency == "":
		c.Currency = cur
	case !strings.EqualFold(cur, c.Currency) && !(cur == "SEK" && strings.EqualFold(c.Currency, "kr")):
		return c, &RowProblem{Problem: "currency", Detail: cur + "/" + c.Currency, Name: c.Name}
	}
	return c, nil
}

// errorCell matches the error values spreadsheets write into a cell.
// It and footerLine are compiled on first use: only an import reads
// them, and compiling them at start-up cost every command.
var errorCell = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^#(NAME\?|REF!|VALUE!|DIV/0!|N/A|NULL!|NUM!|SPILL!|CALC!|FIELD!|GETTING_DATA)$`)
})

// footerLine matches the first cell of a line in a report's footer.
var footerLine = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)^(grand totals?\b|totals?\b|total\s*\(|totalt\b|summa\b|confidential|konfidentiell|copyright|©|\(c\)|generated by|genererad av|skapad av)`)
})

// isFooter reports whether a record is a line of a report's footer.
func isFooter(rec []string) bool {
	for _, f := range rec {
		if f = strings.TrimSpace(f); f != "" {
			return footerLine().MatchString(f)
		}
	}
	return false
}

// cleanCurrency writes a three-letter code in capitals.
func cleanCurrency(s string) string {
	s = model.CleanText(s)
	if len(s) == 3 && isLetters(s) {
		return strings.ToUpper(s)
	}
	return s
}

func isLetters(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return s != ""
}

func allBlank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// normHeader normalises a header for matching: cleaned, lower case, a
// trailing colon and a unit in parentheses ("Omsättning (tkr)") dropped.
func normHeader(h string) string {
	h = strings.ToLower(model.CleanText(h))
	h = strings.TrimSpace(strings.TrimRight(h, ":"))
	if i := strings.LastIndex(h, "("); i > 0 && strings.HasSuffix(h, ")") {
		h = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(h[:i]), ":,"))
	}
	return h
}

// revenueUnit reads a unit from the revenue column's header, such as
// "Omsättning (tkr)" or "Revenue (EUR)".
func revenueUnit(header []string, cols map[Field]int) amountUnit {
	i, ok := cols[FieldRevenue]
	if !ok {
		return amountUnit{factor: 1}
	}
	h := strings.ToLower(model.CleanText(header[i]))
	open, end := strings.LastIndex(h, "("), strings.LastIndex(h, ")")
	if open < 0 || end < open {
		return amountUnit{factor: 1}
	}
	if u, ok := parseUnit(strings.TrimSpace(h[open+1 : end])); ok {
		return u
	}
	return amountUnit{factor: 1}
}

var (
	exportHeadersOnce sync.Once
	exportHeaderCache map[string]bool
)

func exportHeaderSet() map[string]bool {
	exportHeadersOnce.Do(func() { exportHeaderCache = exportHeaders() })
	return exportHeaderCache
}

// decodeText turns the file's bytes into text: UTF-8 (a byte order mark
// is dropped), UTF-16 with a byte order mark (Excel's "Unicode text"),
// and the lines of anything else that are not valid UTF-8 as
// Windows-1252, which is what Excel writes as "CSV" on a Swedish Windows.
func decodeText(data []byte) (string, Encoding) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		dec := utf16.UTF16(utf16.LittleEndian, utf16.ExpectBOM).NewDecoder()
		if out, err := dec.Bytes(data); err == nil {
			return string(out), UTF16
		}
	}
	if utf8.Valid(data) {
		return string(data), UTF8
	}
	// Line by line: a list put together from two sources may hold lines
	// of both, and a line that is valid UTF-8 is UTF-8 (Windows-1252 text
	// would have to hold pairs such as "Ã¤" to look like it).
	dec := charmap.Windows1252.NewDecoder()
	var b strings.Builder
	b.Grow(len(data) + len(data)/8)
	for line := range bytes.SplitAfterSeq(data, []byte("\n")) {
		if utf8.Valid(line) {
			b.Write(line)
			continue
		}
		out, err := dec.Bytes(line)
		if err != nil {
			out = []byte(strings.ToValidUTF8(string(line), "\uFFFD"))
		}
		b.Write(out)
	}
	return b.String(), Windows1252
}

// sepLine reads Excel's "sep=;" first line, which names the delimiter.
func sepLine(text string) (rest string, delim rune, ok bool) {
	first, rest, _ := strings.Cut(text, "\n")
	first = strings.TrimRight(first, "\r")
	v, found := strings.CutPrefix(strings.ToLower(first), "sep=")
	if !found || utf8.RuneCountInString(v) != 1 {
		return text, 0, false
	}
	d, _ := utf8.DecodeRuneInString(v)
	if d != ',' && d != ';' && d != '\t' && d != '|' {
		return text, 0, false
	}
	return rest, d, true
}

// noDelimiter is the delimiter of a file of one column: a noncharacter
// that no text holds.
const noDelimiter = '\uFFFF'

// detectDelimiter counts commas, semicolons and tabs in the header line
// (the first record, which may span lines inside quotes) outside quotes;
// the most frequent wins, a semicolon before a tab before a comma on a
// tie. A header without any is a file of one column: 0, so a name list
// with "Acme, Inc" on a line is read as it was meant.
func detectDelimiter(text string) rune {
	counts := map[rune]int{}
	quoted := false
	for _, r := range text {
		if r == '"' {
			quoted = !quoted
			continue
		}
		if quoted {
			continue
		}
		if r == '\n' {
			break
		}
		switch r {
		case ',', ';', '\t':
			counts[r]++
		}
	}
	best, n := rune(0), 0
	for _, d := range []rune{';', '\t', ','} {
		if counts[d] > n {
			best, n = d, counts[d]
		}
	}
	return best
}

// amountUnit is what a unit in an amount stands for: a factor ("tkr" is
// a thousand kronor) and a currency code when it names one.
type amountUnit struct {
	factor   float64
	currency string
}

// units are the units an amount may carry, before or after the number.
var units = map[string]amountUnit{
	"kr": {1, "SEK"}, "kr.": {1, "SEK"}, ":-": {1, "SEK"}, "kronor": {1, "SEK"}, "sek": {1, "SEK"},
	"tkr": {1e3, "SEK"}, "ksek": {1e3, "SEK"}, "tsek": {1e3, "SEK"},
	"mkr": {1e6, "SEK"}, "msek": {1e6, "SEK"}, "mnkr": {1e6, "SEK"}, "mn kr": {1e6, "SEK"},
	"€": {1, "EUR"}, "$": {1, "USD"}, "£": {1, "GBP"},
	"keur": {1e3, "EUR"}, "teur": {1e3, "EUR"}, "meur": {1e6, "EUR"},
	"kusd": {1e3, "USD"}, "musd": {1e6, "USD"},
}

// parseUnit reads a unit: one of units, or any three-letter currency code.
func parseUnit(s string) (amountUnit, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if u, ok := units[s]; ok {
		return u, true
	}
	if len(s) == 3 && isLetters(s) && s[0] < utf8.RuneSelf && s[1] < utf8.RuneSelf && s[2] < utf8.RuneSelf {
		return amountUnit{1, strings.ToUpper(s)}, true
	}
	return amountUnit{}, false
}

// ParseAmount reads an annual revenue the way people write it: "2 500
// 000", "2,5" (a Swedish decimal comma), "2,500,000.00", "1.234.567,89",
// with "kr", "SEK", "tkr", "Mkr", "€" and the like before or after it. A
// single separator followed by exactly three digits groups thousands
// ("2,500" is 2500), unless the unit is thousands or millions ("2,500
// Mkr" is 2.5 million), or the number starts with 0 ("0,500").
// Empty, "-" and "–" are unknown (nil). It returns the value, the
// currency a unit names (or ""), and false when s is not an amount or is
// below zero.
func ParseAmount(s string) (*float64, string, bool) {
	return parseAmount(s, amountUnit{factor: 1})
}

// parseAmount is ParseAmount in a column whose header gives the unit def.
func parseAmount(s string, def amountUnit) (*float64, string, bool) {
	s = strings.TrimSpace(s)
	switch s {
	case "", "-", "–", "—", "?", "n/a", "N/A":
		return nil, "", true
	}
	if def.factor == 0 {
		def.factor = 1
	}
	// Split into a unit before, the number, and a unit after.
	start := strings.IndexFunc(s, func(r rune) bool { return r >= '0' && r <= '9' })
	if start < 0 {
		return nil, "", false
	}
	end := strings.LastIndexFunc(s, func(r rune) bool { return r >= '0' && r <= '9' }) + 1
	before, number, after := strings.TrimSpace(s[:start]), s[start:end], strings.TrimSpace(s[end:])
	if strings.HasSuffix(before, "-") || strings.HasSuffix(before, "−") {
		return nil, "", false // below zero
	}
	before = strings.TrimSpace(strings.TrimRight(before, "+"))
	u := def
	for _, part := range []string{before, after} {
		if part == "" {
			continue
		}
		pu, ok := parseUnit(part)
		if !ok {
			// "2 500 000,-" and "2 500 000:-" are how Swedes write kronor.
			if part == ",-" || part == ".-" {
				continue
			}
			return nil, "", false
		}
		// One unit wins: the header's and the value's agree, or one of
		// them gives no scale ("Omsättning (tkr)" with "2,5 Mkr" is not
		// 2,500,000,000 but a conflict).
		factor := pu.factor
		switch {
		case def.factor != 1 && pu.factor != 1 && def.factor != pu.factor:
			return nil, "", false
		case def.factor != 1:
			factor = def.factor
		}
		u = amountUnit{factor, pu.currency}
		if u.currency == "" {
			u.currency = def.currency
		}
	}
	// The number: digits, spaces and apostrophes between groups, and the
	// separators "," and ".".
	var digits strings.Builder
	var seps []byte
	var groups []int // digits between separators
	n := 0
	for _, r := range number {
		switch {
		case r >= '0' && r <= '9':
			digits.WriteRune(r)
			n++
		case r == ',' || r == '.':
			seps = append(seps, byte(r))
			groups = append(groups, n)
			digits.WriteByte(byte(r))
			n = 0
		case unicode.IsSpace(r) || r == '\'' || r == '’' || r == '\u202f':
			// A space groups digits.
		default:
			return nil, "", false
		}
	}
	groups = append(groups, n)
	raw := digits.String()
	decimal := byte(0)
	switch {
	case len(seps) == 0:
	case seps[0] != seps[len(seps)-1]:
		// Both kinds: the last one is the decimal mark, and it comes once.
		decimal = seps[len(seps)-1]
		if strings.Count(string(seps), string(decimal)) != 1 {
			return nil, "", false
		}
	case len(seps) == 1:
		// One separator: a decimal mark, unless three digits follow a
		// group of one to three and no unit makes it thousands or millions.
		if !(groups[1] == 3 && groups[0] >= 1 && groups[0] <= 3 && u.factor == 1 && !strings.HasPrefix(number, "0")) {
			decimal = seps[0]
		}
	default:
		// The same separator more than once groups thousands; two kinds
		// that are not a decimal mark at the end are not a number.
		if strings.Count(string(seps), string(seps[0])) != len(seps) {
			return nil, "", false
		}
	}
	// Every separator but the decimal mark groups thousands: check the
	// groups.
	var grouping []int
	for i, s := range seps {
		if s != decimal {
			grouping = append(grouping, i)
		}
	}
	for k, i := range grouping {
		if (k == 0 && (groups[i] < 1 || groups[i] > 3)) || groups[i+1] != 3 {
			return nil, "", false
		}
	}
	clean := strings.Map(func(r rune) rune {
		switch {
		case r == rune(decimal):
			return '.'
		case r == ',' || r == '.':
			return -1
		}
		return r
	}, raw)
	v, err := strconv.ParseFloat(clean, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return nil, "", false
	}
	v *= u.factor
	if math.IsInf(v, 0) {
		return nil, "", false
	}
	return &v, u.currency, true
}

// ImportStatus is what importing does with a row.
type ImportStatus string

const (
	// StatusNew: the customer is added.
	StatusNew ImportStatus = "new"
	// StatusExists: a customer of that name is in the workshop already.
	StatusExists ImportStatus = "exists"
	// StatusDuplicate: the name came earlier in the file.
	StatusDuplicate ImportStatus = "duplicate"
	// StatusBad: the row cannot be read.
	StatusBad ImportStatus = "bad"
	// StatusUpdate: a customer of that name is in the workshop, and the
	// file fills in or changes some of its fields (PlanUpdate).
	StatusUpdate ImportStatus = "update"
)

// FieldChange is one field an update fills in or changes, as text.
type FieldChange struct {
	Field         Field
	Before, After string
}

// PlannedRow is one row of the file and what importing does with it.
type PlannedRow struct {
	Line   int
	Name   string
	Status ImportStatus
	// Problem is set for a bad row.
	Problem *RowProblem
	// First is the line the name first came on, for a duplicate.
	First    int
	Customer model.Customer
	// Changes are what an update changes, in field order.
	Changes []FieldChange
}

// ImportPlan is what importing a customer list into a workshop does.
type ImportPlan struct {
	// Rows are every row of the file, good and bad, in file order.
	Rows                           []PlannedRow
	New, Existing, Duplicates, Bad int
	// Updated counts the customers an update changes (they are not in
	// Existing).
	Updated int
}

// NameKey is the form of a name that two customers share when they are
// the same: cleaned, normalised and in lower case.
func NameKey(name string) string {
	return strings.ToLower(model.CleanText(name))
}

// PlanImport compares a customer list with a workshop's customers: a name
// already in the workshop is not added again, nor a name that came
// earlier in the file.
func PlanImport(list CustomerList, existing []model.Customer) ImportPlan {
	return planImport(list, existing, false)
}

// PlanUpdate is PlanImport that also fills in or changes the offering,
// revenue, currency and notes of the customers already in the workshop
// (matched by name as PlanImport matches them). An empty field in the
// file changes nothing: an update never erases.
func PlanUpdate(list CustomerList, existing []model.Customer) ImportPlan {
	return planImport(list, existing, true)
}

func planImport(list CustomerList, existing []model.Customer, update bool) ImportPlan {
	p := ImportPlan{Rows: make([]PlannedRow, 0, len(list.Rows)+len(list.Bad))}
	there := make(map[string]bool, len(existing))
	byKey := make(map[string]model.Customer, len(existing))
	for _, c := range existing {
		there[NameKey(c.Name)] = true
		byKey[NameKey(c.Name)] = c
	}
	first := make(map[string]int, len(list.Rows))
	bad := list.Bad
	for _, r := range list.Rows {
		for len(bad) > 0 && bad[0].Line < r.Line {
			p.addBad(bad[0])
			bad = bad[1:]
		}
		pr := PlannedRow{Line: r.Line, Name: r.Customer.Name, Customer: r.Customer, Status: StatusNew}
		key := NameKey(r.Customer.Name)
		switch line, dup := first[key]; {
		case update && dup:
			// A second row for a customer being updated: one row updates.
			pr.Status, pr.First = StatusDuplicate, line
			p.Duplicates++
		case there[key] && update:
			first[key] = r.Line
			merged, changes := mergeCustomer(byKey[key], r.Customer)
			if len(changes) == 0 {
				pr.Status = StatusExists
				p.Existing++
				break
			}
			pr.Status, pr.Customer, pr.Changes = StatusUpdate, merged, changes
			p.Updated++
		case there[key]:
			pr.Status = StatusExists
			p.Existing++
		case dup:
			pr.Status, pr.First = StatusDuplicate, line
			p.Duplicates++
		default:
			first[key] = r.Line
			p.New++
		}
		p.Rows = append(p.Rows, pr)
	}
	for _, b := range bad {
		p.addBad(b)
	}
	return p
}

func (p *ImportPlan) addBad(b RowProblem) {
	p.Bad++
	p.Rows = append(p.Rows, PlannedRow{Line: b.Line, Name: b.Name, Status: StatusBad, Problem: &b})
}

// mergeCustomer lays the file's fields over a stored customer: what the
// file fills in or changes, and the list of changes.
func mergeCustomer(old, file model.Customer) (model.Customer, []FieldChange) {
	merged := old
	var changes []FieldChange
	set := func(f Field, before *string, after string) {
		if after != "" && after != *before {
			changes = append(changes, FieldChange{Field: f, Before: *before, After: after})
			*before = after
		}
	}
	set(FieldOffering, &merged.Offering, file.Offering)
	if file.Revenue != nil && (old.Revenue == nil || *old.Revenue != *file.Revenue) {
		before := ""
		if old.Revenue != nil {
			before = strconv.FormatFloat(*old.Revenue, 'f', -1, 64)
		}
		v := *file.Revenue
		merged.Revenue = &v
		changes = append(changes, FieldChange{Field: FieldRevenue, Before: before, After: strconv.FormatFloat(v, 'f', -1, 64)})
	}
	set(FieldCurrency, &merged.Currency, file.Currency)
	set(FieldNotes, &merged.Notes, file.Notes)
	return merged, changes
}

// ErrBadRows refuses an import with bad rows that were not to be skipped.
var ErrBadRows = errors.New("the file has bad rows")

// Accept gives the customers to add. A plan with bad rows is refused with
// ErrBadRows unless skipBad: never half a file without asking for it.
func (p ImportPlan) Accept(skipBad bool) ([]model.Customer, error) {
	if p.Bad > 0 && !skipBad {
		return nil, fmt.Errorf("%w: %d", ErrBadRows, p.Bad)
	}
	out := make([]model.Customer, 0, p.New+p.Updated)
	for _, r := range p.Rows {
		if r.Status == StatusNew || r.Status == StatusUpdate {
			out = append(out, r.Customer)
		}
	}
	return out, nil
}
