package report

import (
	"encoding/csv"
	"io"
	"iter"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"styrka/assets"
	"styrka/model"
)

// The spreadsheet exports (CSV and Excel) share one description of their
// tables: a sheet is a header and rows of typed values, so the CSV writes
// machine-readable text and the workbook stores numbers as numbers.

// colKind says how a column's values are written.
type colKind int

const (
	colText    colKind = iota // string
	colInt                    // int: ranks and counts
	colMoney                  // float64: revenue, no fixed decimals
	colScore                  // float64: a 1–5 score, two decimals
	colSigned                 // float64: the room to move, two decimals
	colFlag                   // bool
	colTime                   // time.Time, written in UTC
	colDate                   // dateValue: a day
	colWrapped                // string: long text such as notes
)

type column struct {
	Header string
	Kind   colKind
}

// sheet is one table of an export. A nil value is an empty cell: unknown,
// not placed or not answered.
type sheet struct {
	Name    string
	Columns []column
	// Rows yields the rows in order, as often as it is ranged over. A
	// row may be reused for the next: a writer uses it before asking for
	// the next and keeps none. The large sheets (customers, answers,
	// rounds) make their rows as they are asked for, so an export of
	// 10,000 customers never holds its 200,000 answer rows at once.
	Rows iter.Seq[[]any]
}

// hasRows reports whether a sheet has a row below its header.
func (s sheet) hasRows() bool {
	for range s.Rows {
		return true
	}
	return false
}

// round2 rounds a score to the two decimals the exports show.
func round2(v float64) float64 { return math.Round(v*100) / 100 }

// customerSheet is one row per customer in priority order: scores,
// answers known per dimension, classes, regime, priority, room to move,
// warnings and notes.
func customerSheet(in Input) sheet {
	c := in.Content
	qs := c.Questions()
	perDim := map[model.Dimension]int{}
	for _, q := range qs {
		perDim[q.Dimension]++
	}
	cols := []column{
		{in.t("export.rank"), colInt},
		{in.t("col.customer"), colText},
		{in.t("export.offering"), colText},
		{in.t("col.revenue"), colMoney},
		{in.t("export.currency"), colText},
	}
	for _, d := range model.Dimensions {
		cols = append(cols, column{c.Dimensions[d].Name, colScore})
	}
	// Coverage as a count with the number of questions in the header:
	// "3/5" in a cell is a date to Excel.
	for _, d := range model.Dimensions {
		cols = append(cols, column{in.t("export.known", c.Dimensions[d].Name, perDim[d]), colInt})
	}
	cols = append(cols,
		column{in.t("view.kraljic"), colText},
		column{in.t("view.preferencing"), colText},
		column{in.t("col.regime"), colText},
		column{in.t("col.priority"), colText},
		column{in.t("col.room"), colSigned},
		column{in.t("export.roomlevel"), colText},
		column{in.t("export.stance"), colText},
		column{in.t("export.online"), colText},
		column{in.t("export.other"), colWrapped},
		column{in.t("export.diverged"), colText},
		column{in.t("brief.warnings"), colWrapped},
		column{in.t("export.notes"), colWrapped},
	)
	// Revenue in several currencies gets a column in the base currency,
	// the figure the ranking compares.
	basis := in.Dataset.Workshop.Basis(in.Dataset.Customers)
	converted := basis.Mixed() && basis.Base != ""
	if converted {
		cols = slices.Insert(cols, 5, column{in.t("export.baserevenue", basis.Base), colMoney})
	}
	div := diverged(in.Dataset)
	ranked := in.ranked()
	return sheet{Name: in.t("export.sheet.customers"), Columns: cols, Rows: func(yield func([]any) bool) {
		row := make([]any, 0, len(cols))
		for i, a := range ranked {
			row = customerRow(in, row[:0], i+1, a, converted, div)
			if !yield(row) {
				return
			}
		}
	}}
}

// customerRow appends the values of one row of customerSheet to row.
func customerRow(in Input, row []any, rank int, a model.Assessment, converted bool, div map[string][]string) []any {
	c := in.Content
	cu := a.Customer
	var revenue any
	if cu.Revenue != nil {
		revenue = *cu.Revenue
	}
	row = append(row, rank, cu.Name, cu.Offering, revenue, cu.Currency)
	if converted {
		var base any
		if a.BaseRevenue != nil {
			base = *a.BaseRevenue
		}
		row = append(row, base)
	}
	for _, d := range model.Dimensions {
		if sc := a.Scores[d]; sc.Placed {
			row = append(row, round2(sc.Value))
		} else {
			row = append(row, nil)
		}
	}
	for _, d := range model.Dimensions {
		row = append(row, a.Scores[d].Known)
	}
	named := func(ok bool, name string) any {
		if !ok {
			return nil
		}
		return name
	}
	row = append(row,
		named(a.Kraljic != "", c.Kraljic[a.Kraljic].Name),
		named(a.Pref != "", c.Preferencing[a.Pref].Name),
		named(a.Regime != "", c.Regimes[a.Regime].Name),
		named(a.Priority != model.NoPriority, a.Priority.String()),
	)
	if a.Room.Placed {
		row = append(row, round2(a.Room.Value), c.Rooms[a.Room.Level].Name, StanceName(c, a.Room))
	} else {
		row = append(row, nil, nil, nil)
	}
	row = append(row, named(len(a.OnLine) > 0, LineDimensions(c, a)), named(len(a.OnLine) > 0, OtherPlacements(c, a)))
	// The TUI's !: questions the team's scores diverged on.
	row = append(row, named(len(div[cu.ID]) > 0, QuestionRefs(c, div[cu.ID])))
	var warns []string
	for _, w := range a.Warnings {
		warns = append(warns, in.t("export.warn."+string(w)))
	}
	row = append(row, named(len(warns) > 0, strings.Join(warns, ", ")), cu.Notes)
	return row
}

// answerSheet is one row per answer: customers in the workshop's order,
// answers in the order of the questions, then answers to questions the
// content no longer has, by ID.
func answerSheet(in Input) sheet {
	c := in.Content
	s := sheet{Name: in.t("export.sheet.answers"), Columns: []column{
		{in.t("col.customer"), colText},
		{in.t("export.set"), colText},
		{in.t("col.dimension"), colText},
		{in.t("export.questionid"), colText},
		{in.t("export.question"), colWrapped},
		{in.t("col.score"), colInt},
		{in.t("answer.dontknow"), colFlag},
		{in.t("label.evidence"), colWrapped},
		{in.t("export.author"), colText},
		{in.t("export.time"), colTime},
	}}
	s.Columns = append(s.Columns, validationColumns(in)...)
	sets := map[model.SetID]string{}
	for _, set := range c.QuestionSets() {
		sets[set.ID] = set.Title
	}
	qs := c.Questions()
	known := make(map[string]bool, len(qs))
	// A question's cells, the same on every customer's row: made values
	// once, not once a row.
	asked := make([][4]any, len(qs))
	for i, q := range qs {
		known[q.ID] = true
		asked[i] = [4]any{sets[q.Set], c.Dimensions[q.Dimension].Name, q.ID, q.Text}
	}
	s.Rows = func(yield func([]any) bool) {
		row := make([]any, 0, len(s.Columns))
		for _, cu := range in.Dataset.Customers {
			answers := in.Dataset.Answers[cu.ID]
			name := any(cu.Name)
			for i, q := range qs {
				if a, ok := answers[q.ID]; ok {
					row = answerRow(in, row[:0], name, asked[i], a)
					if !yield(row) {
						return
					}
				}
			}
			var other []string
			for id := range answers {
				if !known[id] {
					other = append(other, id)
				}
			}
			slices.Sort(other)
			for _, id := range other {
				// History: the retired question's own words, marked as no
				// longer asked.
				text := in.t("export.retired")
				if r, ok := c.RetiredQuestion(id); ok {
					text = r.Text + " " + text
				}
				row = answerRow(in, row[:0], name, [4]any{"", "", id, text}, answers[id])
				if !yield(row) {
					return
				}
			}
		}
	}
	return s
}

// answerRow appends the values of one row of answerSheet to row: the
// customer, the question's set, dimension, ID and text, and the answer.
func answerRow(in Input, row []any, customer any, question [4]any, a model.Answer) []any {
	var score any
	if a.Score.Known() {
		score = int(a.Score)
	}
	var at any
	if !a.At.IsZero() {
		at = a.At.UTC()
	}
	row = append(row, customer)
	row = append(row, question[:]...)
	row = append(row, score, !a.Score.Known(), a.Note, a.Author, at)
	return appendValidation(row, in, a)
}

// CSVOptions choose what a CSV export holds and how it is written.
type CSVOptions struct {
	// Answers gives one row per answer instead of one row per customer.
	Answers bool
	// Actions gives one row per action, Rounds one row per customer per
	// closed round.
	Actions, Rounds bool
	// Delimiter separates the fields; 0 means DefaultDelimiter(lang).
	Delimiter rune
}

// DefaultDelimiter is what a spreadsheet in lang expects: a semicolon in
// Swedish, where the comma is the decimal mark, a comma otherwise.
func DefaultDelimiter(lang string) rune {
	if lang == "sv" {
		return ';'
	}
	return ','
}

// BOM is the UTF-8 byte order mark. Excel reads a CSV file without it in
// the machine's legacy code page (Windows-1252 in Sweden), which turns
// "Å" into "Ã…"; with it, Excel reads UTF-8.
const BOM = "\ufeff"

// TimeLayout is how the exports write a time, in UTC: a form Excel reads
// as a date and time in every locale.
const TimeLayout = "2006-01-02 15:04:05"

// WriteCSV writes the workshop as CSV, UTF-8 with a byte order mark, with
// CRLF line ends as RFC 4180 and Excel have them, and headers in the
// content's language. Numbers have no digit grouping; the decimal mark
// is a point, except when the delimiter is a semicolon: that is the
// dialect of Excel in locales with a decimal comma (Swedish among them),
// and there the decimal mark is a comma, so Excel reads the numbers as
// numbers.
func WriteCSV(w io.Writer, in Input, opts CSVOptions) error {
	delim := opts.Delimiter
	if delim == 0 {
		delim = DefaultDelimiter(in.Lang)
	}
	s := customerSheet
	if opts.Answers {
		s = answerSheet
	}
	if opts.Actions {
		s = actionSheet
	}
	if opts.Rounds {
		s = roundSheet
	}
	return writeCSVSheet(w, s(in), delim)
}

func writeCSVSheet(w io.Writer, s sheet, delim rune) error {
	if _, err := io.WriteString(w, BOM); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Comma = delim
	cw.UseCRLF = true
	decimal := "."
	if delim == ';' {
		decimal = ","
	}
	rec := make([]string, len(s.Columns))
	for i, col := range s.Columns {
		rec[i] = csvText(col.Header)
	}
	if err := cw.Write(rec); err != nil {
		return err
	}
	for row := range s.Rows {
		for i, v := range row {
			rec[i] = csvValue(v, decimal)
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvValue writes one value as text.
func csvValue(v any, decimal string) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return csvText(v)
	case int:
		return strconv.Itoa(v)
	case float64:
		s := strconv.FormatFloat(v, 'f', -1, 64)
		if decimal != "." {
			s = strings.Replace(s, ".", decimal, 1)
		}
		return s
	case bool:
		if v {
			return "1"
		}
		return "0"
	case time.Time:
		return v.UTC().Format(TimeLayout)
	case dateValue:
		return time.Time(v).Format(time.DateOnly)
	}
	return ""
}

// dateValue is a day without a time (an action's due date): a date cell
// in a workbook, YYYY-MM-DD in a CSV file.
type dateValue time.Time

// formulaGuard is put before text that a spreadsheet would otherwise run
// as a formula (a customer named "=HYPERLINK(…)" from a CRM); the CSV
// import takes it off again.
const formulaGuard = "'"

// csvText guards text that starts like a formula. The text is kept
// whole but for escape sequences and control characters (model.Safe): a
// CSV file is read in terminals too, and the CSV import would drop them
// anyway.
func csvText(s string) string {
	s = model.Safe(s)
	if s != "" && strings.ContainsRune("=+-@", rune(s[0])) {
		return formulaGuard + s
	}
	return s
}

// unguard takes off the guard csvText puts on.
func unguard(s string) string {
	if rest, ok := strings.CutPrefix(s, formulaGuard); ok && rest != "" && strings.ContainsRune("=+-@", rune(rest[0])) {
		return rest
	}
	return s
}

// exportHeaders are the headers of every column styrka's own exports
// write, in both built-in languages, normalised as the CSV import reads
// headers: importing an export does not report them as unknown.
func exportHeaders() map[string]bool {
	out := map[string]bool{}
	for _, lang := range assets.Languages {
		c, err := assets.Builtin(lang)
		if err != nil {
			continue
		}
		in := Input{Content: c, Lang: lang}
		for _, s := range []sheet{customerSheet(in), answerSheet(in)} {
			for _, col := range s.Columns {
				out[normHeader(col.Header)] = true
			}
		}
	}
	return out
}
