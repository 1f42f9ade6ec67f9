// Package report turns a workshop into documents that leave the room — a
// JSON export that imports back losslessly, a Markdown summary and the
// one-page customer brief — and reads the JSON back in.
package report

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"styrka/model"
)

// Format and FormatVersion identify a styrka JSON export. Version 2 added
// the actions and rounds, version 3 the team scoring (participants, silent
// rounds and votes); files of versions 1 and 2 are read as before. The
// workshop's base currency, rates and on-the-line band, and for readers the
// on-the-line cases and the smallest change, are optional fields within
// version 3: a file without them reads as before (default band, no base
// currency).
const (
	Format        = "styrka-workshop"
	FormatVersion = 3
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
	doc := Document{Format: Format, Version: FormatVersion, Workshop: d.Workshop, Customers: []CustomerRecord{}}
	order := make(map[string]int, len(questions))
	for i, q := range questions {
		order[q.ID] = i
	}
	assessments := d.Assess(questions)
	for i, c := range d.Customers {
		rec := CustomerRecord{Customer: c, Answers: []model.Answer{}, Assessment: &assessments[i]}
		if ch := model.Sensitivity(d.Workshop.Thresholds, questions, d.Answers[c.ID]); len(ch) > 0 {
			rec.Smallest = &ch[0]
		}
		for _, a := range d.Answers[c.ID] {
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
		doc.Customers = append(doc.Customers, rec)
	}
	doc.Actions, doc.Rounds = documentPlans(d)
	doc.Participants, doc.SilentRounds, doc.Votes = documentTeam(d)
	return doc
}

// WriteJSON writes the export of a dataset, indented, ending in a newline.
func WriteJSON(w io.Writer, d model.Dataset, questions []model.Question) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(NewDocument(d, questions))
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
// with a valid score and every action to a customer of the workshop, and
// cleans names of control characters and escape sequences.
func ReadJSON(r io.Reader) (model.Dataset, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return model.Dataset{}, err
	}
	var doc Document
	if err := json.Unmarshal(data, &doc); err != nil {
		ie := &ImportError{Problem: "syntax", Detail: err.Error()}
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			ie.Line = lineAt(data, se.Offset)
		case errors.As(err, &te):
			ie.Line = lineAt(data, te.Offset)
			ie.Detail = te.Field
		}
		return model.Dataset{}, ie
	}
	if doc.Format != Format {
		return model.Dataset{}, &ImportError{Problem: "format", Detail: doc.Format}
	}
	if doc.Version > FormatVersion || doc.Version < 1 {
		return model.Dataset{}, &ImportError{Problem: "version", Detail: fmt.Sprint(doc.Version)}
	}
	invalid := func(format string, args ...any) (model.Dataset, error) {
		return model.Dataset{}, &ImportError{Problem: "invalid", Detail: fmt.Sprintf(format, args...)}
	}
	w := doc.Workshop
	w.Name = model.CleanText(w.Name)
	w.OurCompany = model.CleanText(w.OurCompany)
	if w.ID == "" || w.Name == "" {
		return invalid("workshop: id and name are required")
	}
	if w.Date != "" {
		if _, err := time.Parse(time.DateOnly, w.Date); err != nil {
			return invalid("workshop: date %q is not YYYY-MM-DD", model.CleanText(w.Date))
		}
	}
	ds := model.Dataset{Workshop: w, Answers: map[string]map[string]model.Answer{}}
	seen := map[string]bool{}
	for i, rec := range doc.Customers {
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
			return invalid("customers[%d]: duplicate id %s", i, c.ID)
		}
		seen[c.ID] = true
		if c.WorkshopID != w.ID {
			return invalid("customers[%d]: workshop_id %q is not the workshop's id", i, c.WorkshopID)
		}
		ds.Customers = append(ds.Customers, c)
		answers := make(map[string]model.Answer, len(rec.Answers))
		for j, a := range rec.Answers {
			switch {
			case a.QuestionID == "":
				return invalid("customers[%d].answers[%d]: question_id is required", i, j)
			case a.CustomerID != c.ID:
				return invalid("customers[%d].answers[%d]: customer_id %q is not the customer's id", i, j, a.CustomerID)
			case !a.Score.Valid():
				return invalid("customers[%d].answers[%d]: score %d is not 0–5", i, j, a.Score)
			}
			if _, dup := answers[a.QuestionID]; dup {
				return invalid("customers[%d].answers[%d]: a second answer to %s", i, j, a.QuestionID)
			}
			a.Note = model.CleanNote(a.Note)
			a.Author = model.CleanText(a.Author)
			answers[a.QuestionID] = a
		}
		ds.Answers[c.ID] = answers
	}
	var bad string
	if ds.Actions, ds.Rounds, bad = readPlans(doc, w.ID, seen); bad != "" {
		return invalid("%s", bad)
	}
	if ds.Participants, ds.SilentRounds, ds.Votes, bad = readTeam(doc, w.ID, seen); bad != "" {
		return invalid("%s", bad)
	}
	return ds, nil
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
