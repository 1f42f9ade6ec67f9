// Package report turns a workshop into documents that leave the room — a
// JSON export that imports back losslessly, a Markdown summary and the
// one-page customer brief — and reads the JSON back in.
package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"styrka/model"
)

// Format and FormatVersion identify a styrka JSON export. Version 2 added
// the actions and rounds, version 3 the team scoring (participants, silent
// rounds and votes), version 4 the account planning (stakeholders,
// worksheets, targets) and each answer's source and confirmation; files of
// versions 1 to 3 are read as before. The
// workshop's base currency, rates and on-the-line band, and for readers the
// on-the-line cases and the smallest change, are optional fields within
// version 3: a file without them reads as before (default band, no base
// currency).
const (
	Format        = "styrka-workshop"
	FormatVersion = 4
)

// Document is the JSON export of one workshop.
type Document struct {
	Format    string           `json:"format"`
	Version   int              `json:"version"`
	Workshop  model.Workshop   `json:"workshop"`
	Customers []CustomerRecord `json:"customers"`
	// Actions are the customers' action plans, in the order they were made.
	Actions []model.Action `json:"actions"`
	// Rounds are the closed rounds, the first one first.
	Rounds []model.Round `json:"rounds"`
	// Participants, SilentRounds and Votes are the team scoring: the
	// people, the silent rounds in the order they were opened, and every
	// individual vote.
	Participants []model.Participant `json:"participants"`
	SilentRounds []model.SilentRound `json:"silent_rounds"`
	Votes        []model.Vote        `json:"votes"`
	// Stakeholders, Worksheets and Targets are the account planning: the
	// buying centres, the negotiation worksheets and the target positions.
	Stakeholders []model.Stakeholder `json:"stakeholders"`
	Worksheets   []model.Worksheet   `json:"worksheets"`
	Targets      []model.Target      `json:"targets"`
}

// CustomerRecord is one customer with its answers and, for readers of the
// export, its assessment (on the line and what it could also be included)
// and the smallest change that moves it; importing ignores both and scores
// the answers again. The stability figure is left out: 1,000 weight draws
// per customer would make exporting a large workshop several times slower,
// and the report and the brief show it.
type CustomerRecord struct {
	model.Customer
	Answers    []model.Answer    `json:"answers"`
	Assessment *model.Assessment `json:"assessment,omitempty"`
	Smallest   *model.Change     `json:"smallest_change,omitempty"`
}

// NewDocument builds the export of a dataset. Customers keep their order;
// answers follow the order of the questions, then unknown question IDs in
// sorted order, so the same data always gives the same document.
func NewDocument(d model.Dataset, questions []model.Question) Document {
	doc := documentHead(d)
	record := customerRecords(d, questions)
	for i := range d.Customers {
		doc.Customers = append(doc.Customers, record(i))
	}
	return doc
}

// documentHead is the export of a dataset without its customers' records.
func documentHead(d model.Dataset) Document {
	doc := Document{Format: Format, Version: FormatVersion, Workshop: d.Workshop, Customers: []CustomerRecord{}}
	doc.Actions, doc.Rounds = documentPlans(d)
	doc.Participants, doc.SilentRounds, doc.Votes = documentTeam(d)
	doc.Stakeholders, doc.Worksheets, doc.Targets = documentPlanning(d)
	return doc
}

// customerRecords gives the record of the dataset's customer i, for the
// customers in any order; the assessments are made for all at once.
func customerRecords(d model.Dataset, questions []model.Question) func(i int) CustomerRecord {
	order := make(map[string]int, len(questions))
	for i, q := range questions {
		order[q.ID] = i
	}
	assessments := d.Assess(questions)
	return func(i int) CustomerRecord {
		c := d.Customers[i]
		answers := d.Answers[c.ID]
		rec := CustomerRecord{Customer: c, Answers: make([]model.Answer, 0, len(answers)), Assessment: &assessments[i]}
		if ch := model.Sensitivity(d.Workshop.Thresholds, questions, answers); len(ch) > 0 {
			rec.Smallest = &ch[0]
		}
		for _, a := range answers {
			rec.Answers = append(rec.Answers, a)
		}
		slices.SortFunc(rec.Answers, func(x, y model.Answer) int {
			ox, okx := order[x.QuestionID]
			oy, oky := order[y.QuestionID]
			switch {
			case okx && oky:
				return ox - oy
			case okx:
				return -1
			case oky:
				return 1
			}
			return strings.Compare(x.QuestionID, y.QuestionID)
		})
		return rec
	}
}

// WriteJSON writes the export of a dataset, indented, ending in a newline.
// It makes each customer's record as it writes it: the whole document
// held every record at once (242 MiB at its peak for 10,000 customers).
func WriteJSON(w io.Writer, d model.Dataset, questions []model.Question) error {
	return writeCustomers(w, documentHead(d), len(d.Customers), customerRecords(d, questions))
}

// writeDocument writes a document as json.Encoder with a two-space indent
// does, byte for byte (a test holds them equal), but field by field and
// customer by customer: encoding the whole document at once and then
// indenting it held the export three times in memory (536 MiB for 10,000
// customers) and spent most of its time growing those buffers.
func writeDocument(w io.Writer, doc Document) error {
	return writeCustomers(w, doc, len(doc.Customers), func(i int) CustomerRecord { return doc.Customers[i] })
}

// writeCustomers is writeDocument of doc with n customers, record(i) the
// record of customer i, in place of doc.Customers (which are written as
// they are when n is 0).
func writeCustomers(w io.Writer, doc Document, n int, record func(i int) CustomerRecord) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	v := reflect.ValueOf(doc)
	var buf []byte
	bw.WriteString("{")
	for i := range v.NumField() {
		name, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("json"), ",")
		if i > 0 {
			bw.WriteString(",")
		}
		key, err := json.Marshal(name)
		if err != nil {
			return err
		}
		bw.WriteString("\n  ")
		bw.Write(key)
		bw.WriteString(": ")
		if _, ok := v.Field(i).Interface().([]CustomerRecord); ok && n > 0 {
			bw.WriteString("[")
			if err := encodeInParts(bw, n, record); err != nil {
				return err
			}
			bw.WriteString("\n  ]")
			continue
		}
		b, err := json.Marshal(v.Field(i).Interface())
		if err != nil {
			return err
		}
		buf = indentJSON(buf[:0], b, "  ")
		bw.Write(buf)
	}
	bw.WriteString("\n}\n")
	return bw.Flush()
}

// indentJSON appends src, compact JSON as json.Marshal writes it, indented
// by two spaces after prefix on every new line, as json.Indent does. It
// skips through strings at once instead of feeding json's scanner every
// byte, which was most of an export's time.
func indentJSON(dst, src []byte, prefix string) []byte {
	depth := 0
	newline := func() {
		dst = append(dst, '\n')
		dst = append(dst, prefix...)
		for range depth {
			dst = append(dst, "  "...)
		}
	}
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch c {
		case '"':
			// To the closing quote, past escaped characters.
			j := i + 1
			for j < len(src) {
				k := bytes.IndexAny(src[j:], "\"\\")
				if k < 0 {
					j = len(src)
					break
				}
				j += k
				if src[j] == '\\' {
					j += 2
					continue
				}
				break
			}
			end := min(j+1, len(src))
			dst = append(dst, src[i:end]...)
			i = end - 1
		case '{', '[':
			if i+1 < len(src) && (src[i+1] == '}' || src[i+1] == ']') {
				dst = append(dst, c, src[i+1])
				i++
				continue
			}
			dst = append(dst, c)
			depth++
			newline()
		case '}', ']':
			depth--
			newline()
			dst = append(dst, c)
		case ',':
			dst = append(dst, c)
			newline()
		case ':':
			dst = append(dst, c, ' ')
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// ImportError says why a JSON document cannot be imported.
type ImportError struct {
	// Problem is a stable code: "syntax", "format", "version", "invalid".
	Problem string
	Detail  string
	// Line is the line of a syntax error, or 0.
	Line int
}

func (e *ImportError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s at line %d: %s", e.Problem, e.Line, e.Detail)
	}
	return e.Problem + ": " + e.Detail
}

// ReadJSON reads an export back into a dataset. It checks the format and
// version, that every ID is present, every answer belongs to its customer
// with a valid score and every action to a customer of the workshop, what
// the TUI checks when the same things are typed (cut-offs 1–5, a revenue
// of at least 0, a horizon in range, no text longer than its limit in
// package model), and, when questions are given, that every answer is to
// one of them; it cleans names of control characters and escape
// sequences. A UTF-8 byte order mark is skipped. Problems name the field:
// "customers[3].answers[2].score: 3.5 is not a whole number 0–5".
func ReadJSON(r io.Reader, questions ...model.Question) (model.Dataset, error) {
	data, err := readAll(r)
	if err != nil {
		return model.Dataset{}, err
	}
	return ParseJSON(data, questions...)
}

// ParseJSON is ReadJSON of an export already in memory, which it reads
// without copying it.
func ParseJSON(data []byte, questions ...model.Question) (model.Dataset, error) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	in, err := decodeDocument(data)
	if err != nil {
		return model.Dataset{}, decodeProblem(data, err)
	}
	doc := in.Document
	if doc.Format != Format {
		return model.Dataset{}, &ImportError{Problem: "format", Detail: doc.Format}
	}
	if doc.Version > FormatVersion || doc.Version < 1 {
		return model.Dataset{}, &ImportError{Problem: "version", Detail: fmt.Sprint(doc.Version)}
	}
	invalid := func(format string, args ...any) (model.Dataset, error) {
		return model.Dataset{}, &ImportError{Problem: "invalid", Detail: fmt.Sprintf(format, args...)}
	}
	known := make(map[string]bool, len(questions))
	for _, q := range questions {
		known[q.ID] = true
	}
	w := doc.Workshop
	w.Name = model.CleanText(w.Name)
	w.OurCompany = model.CleanText(w.OurCompany)
	if w.ID == "" || w.Name == "" {
		return invalid("workshop: id and name are required")
	}
	if bad := tooLong(w.Name, model.MaxWorkshopNameLen); bad != "" {
		return invalid("workshop.name: %s", bad)
	}
	if bad := tooLong(w.OurCompany, model.MaxCompanyLen); bad != "" {
		return invalid("workshop.our_company: %s", bad)
	}
	if w.Date != "" {
		if _, err := time.Parse(time.DateOnly, w.Date); err != nil {
			return invalid("workshop.date: %q is not YYYY-MM-DD", model.CleanText(w.Date))
		}
	}
	if h := w.HorizonMonths; h != 0 && (h < model.MinHorizonMonths || h > model.MaxHorizonMonths) {
		return invalid("workshop.horizon_months: %d is not %d–%d", h, model.MinHorizonMonths, model.MaxHorizonMonths)
	}
	t := w.Thresholds
	for _, c := range []struct {
		name string
		v    float64
	}{{"impact", t.Impact}, {"risk", t.Risk}, {"value", t.Value}, {"attractiveness", t.Attractiveness}} {
		// 0 is a cut-off not set (older exports): the default applies.
		if c.v != 0 && (c.v < 1 || c.v > model.Levels) {
			return invalid("workshop.thresholds.%s: %v is not 1–%d", c.name, c.v, model.Levels)
		}
	}
	ds := model.Dataset{Workshop: w, Answers: make(map[string]map[string]model.Answer, len(in.Customers))}
	ds.Customers = make([]model.Customer, 0, len(in.Customers))
	seen := make(map[string]bool, len(in.Customers))
	for i, rec := range in.Customers {
		c := rec.Customer
		c.Name = model.CleanText(c.Name)
		c.Offering = model.CleanText(c.Offering)
		c.Currency = model.CleanText(c.Currency)
		c.Notes = model.CleanNote(c.Notes)
		c.Tags = cleanTags(c.Tags)
		if c.ID == "" || c.Name == "" {
			return invalid("customers[%d]: id and name are required", i)
		}
		if seen[c.ID] {
			return invalid("customers[%d].id: %s twice", i, c.ID)
		}
		seen[c.ID] = true
		if c.WorkshopID != w.ID {
			return invalid("customers[%d].workshop_id: %q is not the workshop's id", i, model.CleanText(c.WorkshopID))
		}
		for _, l := range []struct {
			field string
			text  string
			limit int
		}{{"name", c.Name, model.MaxCustomerNameLen}, {"offering", c.Offering, model.MaxOfferingLen},
			{"currency", c.Currency, model.MaxCurrencyLen}, {"notes", c.Notes, model.MaxCustomerNoteLen}} {
			if bad := tooLong(l.text, l.limit); bad != "" {
				return invalid("customers[%d].%s: %s", i, l.field, bad)
			}
		}
		for k, tag := range c.Tags {
			if bad := tooLong(tag, model.MaxTagLen); bad != "" {
				return invalid("customers[%d].tags[%d]: %s", i, k, bad)
			}
		}
		if c.Revenue != nil && *c.Revenue < 0 {
			return invalid("customers[%d].revenue: %v is less than 0", i, *c.Revenue)
		}
		ds.Customers = append(ds.Customers, c)
		answers := make(map[string]model.Answer, len(rec.Answers))
		for j, a := range rec.Answers {
			// Only a problem spells out the path: there are many answers.
			at := func(field string) string { return fmt.Sprintf("customers[%d].answers[%d].%s", i, j, field) }
			switch {
			case a.QuestionID == "":
				return invalid("%s is required", at("question_id"))
			case len(known) > 0 && !known[a.QuestionID]:
				return invalid("%s: %q is not a question of the question sets in use", at("question_id"), model.CleanText(a.QuestionID))
			case a.CustomerID != c.ID:
				return invalid("%s: %q is not the customer's id", at("customer_id"), model.CleanText(a.CustomerID))
			case !a.Score.Valid():
				return invalid("%s: %d is not a whole number 0–%d", at("score"), a.Score, model.Levels)
			}
			if _, dup := answers[a.QuestionID]; dup {
				return invalid("%s: a second answer to %s", at("question_id"), a.QuestionID)
			}
			a.Note = model.CleanNote(a.Note)
			a.Author = model.CleanText(a.Author)
			a.SourceRef = model.CleanText(a.SourceRef)
			a.ConfirmedBy = model.CleanText(a.ConfirmedBy)
			if err := a.ValidateSource(); err != nil {
				return invalid("%s: %v", at("source"), err)
			}
			if bad := tooLong(a.Note, model.MaxAnswerNoteLen); bad != "" {
				return invalid("%s: %s", at("note"), bad)
			}
			if bad := tooLong(a.Author, model.MaxAuthorLen); bad != "" {
				return invalid("%s: %s", at("author"), bad)
			}
			answers[a.QuestionID] = a
		}
		ds.Answers[c.ID] = answers
	}
	var bad string
	if ds.Actions, ds.Rounds, bad = readPlans(doc, w.ID, seen); bad != "" {
		return invalid("%s", bad)
	}
	if ds.Participants, ds.SilentRounds, ds.Votes, bad = readTeam(doc, w.ID, seen, known); bad != "" {
		return invalid("%s", bad)
	}
	if ds.Stakeholders, ds.Worksheets, ds.Targets, bad = readPlanning(doc, w.ID, seen); bad != "" {
		return invalid("%s", bad)
	}
	return ds, nil
}

// readAll is io.ReadAll, reading into one buffer of the right size when
// the reader knows its length (the import reads from memory), instead of
// doubling a buffer up to a large file's size.
func readAll(r io.Reader) ([]byte, error) {
	l, ok := r.(interface{ Len() int })
	if !ok {
		return io.ReadAll(r)
	}
	var b bytes.Buffer
	b.Grow(l.Len() + bytes.MinRead)
	_, err := b.ReadFrom(r)
	return b.Bytes(), err
}

// tooLong says that a text is longer than its limit, or is "".
func tooLong(s string, limit int) string {
	if len(s) <= limit { // no more runes than bytes
		return ""
	}
	if n := utf8.RuneCountInString(s); n > limit {
		return fmt.Sprintf("%d characters, at most %d", n, limit)
	}
	return ""
}

// importDocument is a Document as ReadJSON reads it: the assessments are
// skipped (the import scores the answers again), which saves building
// them for every customer.
type importDocument struct {
	Document
	Customers []importCustomer `json:"customers"`
}

type importCustomer struct {
	model.Customer
	Answers    []model.Answer `json:"answers"`
	Assessment skipped        `json:"assessment"`
}

// decodeDocument decodes an export as json.Unmarshal does into an
// importDocument. It reads the customers one at a time into one record
// whose answers it copies into a slice of their number: decoding the
// whole list at once grew every customer's answers by doubling, which
// allocated three times what they hold. A large export is read in
// parts at once (decodeInParts). Anything that streamDocument does not
// read as exactly as json.Unmarshal (a key not spelled as its field is, a
// key twice, an error) is decoded again with json.Unmarshal, which then
// says where the problem is.
func decodeDocument(data []byte) (importDocument, error) {
	var in importDocument
	if workers := min(runtime.GOMAXPROCS(0), 4); len(data) >= minPartsSize && workers > 1 {
		if in, ok := decodeInParts(data, workers); ok {
			return in, nil
		}
	}
	if _, ok := streamDocument(data, &in); ok {
		return in, nil
	}
	in = importDocument{}
	err := json.Unmarshal(data, &in)
	return in, err
}

// documentFields are the JSON names of the fields of a Document, but for
// its customers, by their place in the struct.
var documentFields = func() map[string]int {
	t := reflect.TypeFor[Document]()
	fields := make(map[string]int, t.NumField())
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name != "customers" {
			fields[name] = i
		}
	}
	return fields
}()

// streamDocument decodes an export into in, customer by customer, and
// reports whether it read it as json.Unmarshal would, and the offset just
// after the first byte of the value of its customers (-1 without them).
func streamDocument(data []byte, in *importDocument) (customersAt int64, ok bool) {
	customersAt = -1
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return customersAt, false
	}
	doc := reflect.ValueOf(&in.Document).Elem()
	seen := make(map[string]bool, len(documentFields)+1)
	for dec.More() {
		tok, err := dec.Token()
		key, ok := tok.(string)
		if err != nil || !ok || seen[key] {
			return customersAt, false
		}
		seen[key] = true
		if key == "customers" {
			if customersAt, ok = streamCustomers(dec, &in.Customers); !ok {
				return customersAt, false
			}
			continue
		}
		i, ok := documentFields[key]
		if !ok {
			return customersAt, false
		}
		if err := dec.Decode(doc.Field(i).Addr().Interface()); err != nil {
			return customersAt, false
		}
	}
	if tok, err := dec.Token(); err != nil || tok != json.Delim('}') {
		return customersAt, false
	}
	_, err := dec.Token()
	return customersAt, err == io.EOF // nothing after the document
}

// streamCustomers decodes the list of customers that dec is at, and
// gives the offset after its first byte.
func streamCustomers(dec *json.Decoder, list *[]importCustomer) (opened int64, ok bool) {
	tok, err := dec.Token()
	opened = dec.InputOffset()
	switch {
	case err != nil:
		return opened, false
	case tok == nil: // null
		*list = nil
		return opened, true
	case tok != json.Delim('['):
		return opened, false
	}
	*list = []importCustomer{}
	var rec importCustomer
	for dec.More() {
		// json fills a slice's elements where they are: clear them, or
		// an answer without a field would get the last customer's.
		answers := rec.Answers[:cap(rec.Answers)]
		clear(answers)
		rec = importCustomer{Answers: answers[:0]}
		if err := dec.Decode(&rec); err != nil {
			return opened, false
		}
		c := rec
		c.Answers = slices.Clone(rec.Answers)
		*list = append(*list, c)
	}
	tok, err = dec.Token()
	return opened, err == nil && tok == json.Delim(']')
}

// skipped is a JSON value that is read past, not decoded.
type skipped struct{}

func (*skipped) UnmarshalJSON([]byte) error { return nil }

// decodeProblem turns an error of json.Unmarshal into an ImportError: a
// syntax error with its line, a value of the wrong type with the field it
// is in ("customers[3].answers[2].score: 3.5 is not a whole number 0–5").
func decodeProblem(data []byte, err error) *ImportError {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	var pe *time.ParseError
	switch {
	case errors.As(err, &se):
		return &ImportError{Problem: "syntax", Detail: se.Error(), Line: lineAt(data, se.Offset)}
	case errors.As(err, &te):
		path, value := valueAt(data, te.Offset)
		if path == "" {
			path = te.Field
		}
		return &ImportError{Problem: "invalid", Detail: fmt.Sprintf("%s: %s is not %s", path, value, wanted(te.Type))}
	case errors.As(err, &pe):
		return &ImportError{Problem: "invalid", Detail: fmt.Sprintf("%q is not a time such as 2026-11-27T09:00:00Z", model.CleanText(pe.Value))}
	}
	return &ImportError{Problem: "syntax", Detail: err.Error()}
}

var scoreType = reflect.TypeFor[model.Score]()

// wanted names what a field of type t holds.
func wanted(t reflect.Type) string {
	if t == scoreType {
		return fmt.Sprintf("a whole number 0–%d", model.Levels)
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.String:
		return "text"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Pointer:
		return wanted(t.Elem())
	}
	return "an object"
}

// valueAt finds the value that ends at offset (where encoding/json
// reports a value of the wrong type: after a literal, or after the
// opening bracket of an object or list) and returns its path with indices
// and the value as a message shows it.
func valueAt(data []byte, offset int64) (path, value string) {
	type frame struct {
		array   bool
		index   int
		key     string
		wantKey bool
	}
	var stack []*frame
	where := func() string {
		var b strings.Builder
		for i, f := range stack {
			switch {
			case f.array:
				fmt.Fprintf(&b, "[%d]", f.index)
			case i == 0:
				b.WriteString(f.key)
			default:
				b.WriteString("." + f.key)
			}
		}
		return b.String()
	}
	done := func() { // a value of the top frame is complete
		if len(stack) == 0 {
			return
		}
		if top := stack[len(stack)-1]; top.array {
			top.index++
		} else {
			top.wantKey = true
		}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	for {
		tok, err := dec.Token()
		if err != nil {
			return "", ""
		}
		if len(stack) > 0 {
			top := stack[len(stack)-1]
			if !top.array && top.wantKey {
				if key, ok := tok.(string); ok {
					top.key, top.wantKey = key, false
					continue
				}
			}
		}
		if d, ok := tok.(json.Delim); ok && (d == '}' || d == ']') {
			stack = stack[:len(stack)-1]
			done()
			continue
		}
		if dec.InputOffset() >= offset {
			return where(), shown(tok)
		}
		switch tok {
		case json.Delim('{'):
			stack = append(stack, &frame{wantKey: true})
		case json.Delim('['):
			stack = append(stack, &frame{array: true})
		default:
			done()
		}
	}
}

// shown is a JSON value as a message shows it.
func shown(tok json.Token) string {
	switch v := tok.(type) {
	case json.Delim:
		if v == '[' {
			return "a list"
		}
		return "an object"
	case string:
		if r := []rune(model.CleanText(v)); len(r) > 40 {
			v = string(r[:40]) + "…"
		}
		return fmt.Sprintf("%q", model.CleanText(v))
	case nil:
		return "null"
	}
	return fmt.Sprint(tok)
}

func lineAt(data []byte, offset int64) int {
	if offset > int64(len(data)) {
		offset = int64(len(data))
	}
	return 1 + strings.Count(string(data[:offset]), "\n")
}

// ErrNoCustomer is returned for a customer that is not in the workshop.
var ErrNoCustomer = errors.New("no such customer")

// cleanTags cleans every tag and drops the empty ones.
func cleanTags(tags []string) []string {
	var out []string
	for _, t := range tags {
		if t = model.CleanText(t); t != "" {
			out = append(out, t)
		}
	}
	return out
}
