package report_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"styrka/assets"
	"styrka/model"
	"styrka/report"
)

func writeJSON(t testing.TB, ds model.Dataset, qs []model.Question) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := report.WriteJSON(&b, ds, qs); err != nil {
		t.Fatalf("WriteJSON: %v", err)
	}
	return b.Bytes()
}

func TestJSONRoundTrip(t *testing.T) {
	for _, lang := range langs {
		t.Run(lang, func(t *testing.T) {
			in := demoInput(t, lang)
			qs := in.Content.Questions()
			data := writeJSON(t, in.Dataset, qs)
			got, err := report.ReadJSON(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("ReadJSON: %v", err)
			}
			if !reflect.DeepEqual(got, in.Dataset) {
				t.Errorf("ReadJSON(WriteJSON(demo)) differs from the demo")
				if !reflect.DeepEqual(got.Workshop, in.Dataset.Workshop) {
					t.Errorf("workshop: got %+v, want %+v", got.Workshop, in.Dataset.Workshop)
				}
				for i := range min(len(got.Customers), len(in.Dataset.Customers)) {
					if !reflect.DeepEqual(got.Customers[i], in.Dataset.Customers[i]) {
						t.Errorf("customer %d: got %+v, want %+v", i, got.Customers[i], in.Dataset.Customers[i])
					}
				}
			}
			if again := writeJSON(t, got, qs); !bytes.Equal(again, data) {
				t.Errorf("re-encoded document differs from the first export")
			}
			// The reports are the same from the imported data.
			if a, b := markdown(t, in), markdown(t, report.Input{Dataset: got, Content: in.Content, Lang: lang}); a != b {
				t.Errorf("report of the imported workshop differs")
			}
		})
	}
}

// TestJSONWorkshopMethodFields: the band, the base currency and the rates
// come back from an export, and a file written before they existed reads
// with the default band and no base currency.
func TestJSONWorkshopMethodFields(t *testing.T) {
	qs := assets.MustBuiltin("en").Questions()
	at := time.Date(2026, 3, 1, 10, 30, 0, 0, time.UTC)
	w := model.Workshop{ID: "w1", Name: "Rates", Date: "2026-03-01", HorizonMonths: 36,
		Thresholds: model.DefaultThresholds().WithBand(0), Currency: "SEK", Rates: map[string]float64{"EUR": 11.5, "NOK": 1.02},
		Created: at, Updated: at}
	got, err := report.ReadJSON(bytes.NewReader(writeJSON(t, model.Dataset{Workshop: w}, qs)))
	if err != nil {
		t.Fatal(err)
	}
	if got.Workshop.Thresholds.Band == nil || *got.Workshop.Thresholds.Band != 0 || got.Workshop.Currency != "SEK" || !reflect.DeepEqual(got.Workshop.Rates, w.Rates) {
		t.Errorf("workshop came back as %+v (band %v)", got.Workshop, got.Workshop.Thresholds.Band)
	}
	old := `{"format":"styrka-workshop","version":3,"workshop":{"id":"w1","name":"Old","date":"2026-03-01","our_company":"","horizon_months":36,` +
		`"thresholds":{"impact":3,"risk":3,"value":3,"attractiveness":3},"created":"2026-03-01T10:30:00Z","updated":"2026-03-01T10:30:00Z"},` +
		`"customers":[],"actions":[],"rounds":[],"participants":[],"silent_rounds":[],"votes":[]}`
	got, err = report.ReadJSON(strings.NewReader(old))
	if err != nil {
		t.Fatalf("a file without the new fields: %v", err)
	}
	if got.Workshop.Thresholds.Band != nil || got.Workshop.Thresholds.BandWidth() != model.DefaultBand || got.Workshop.Currency != "" || got.Workshop.Rates != nil {
		t.Errorf("old file read as %+v", got.Workshop)
	}
}

// TestJSONRoundTripEdges covers what the demo lacks: a customer without
// answers or revenue, an unknown question, local time zones and text
// that needs JSON escaping.
func TestJSONRoundTripEdges(t *testing.T) {
	qs := assets.MustBuiltin("en").Questions()
	stockholm := time.FixedZone("CET", 3600)
	at := time.Date(2026, 3, 1, 10, 30, 0, 123456789, stockholm)
	w := model.Workshop{ID: "w1", Name: `Q1 "review" <&> ✓`, Date: "2026-03-01", OurCompany: "Ekelunda", HorizonMonths: 12,
		Thresholds: model.Thresholds{Impact: 2.5, Risk: 3.5, Value: 3, Attractiveness: 4}, Created: at, Updated: at}
	ds := model.Dataset{
		Workshop: w,
		Customers: []model.Customer{
			{ID: "c1", WorkshopID: "w1", Name: "Ett AB", Notes: "line one\nline two", Tags: []string{"a", "b"}, Created: at, Updated: at},
			{ID: "c2", WorkshopID: "w1", Name: "Två AB", Created: at, Updated: at},
		},
		Answers: map[string]map[string]model.Answer{
			"c1": {
				qs[0].ID:     {CustomerID: "c1", QuestionID: qs[0].ID, Score: 3, Note: "evidence", Author: "Anna", At: at},
				qs[1].ID:     {CustomerID: "c1", QuestionID: qs[1].ID, Score: model.DontKnow, At: at},
				"old.gone.q": {CustomerID: "c1", QuestionID: "old.gone.q", Score: 5, At: at},
			},
			"c2": {},
		},
	}
	data := writeJSON(t, ds, qs)
	got, err := report.ReadJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("ReadJSON: %v", err)
	}
	if again := writeJSON(t, got, qs); !bytes.Equal(again, data) {
		t.Errorf("re-encoded document differs:\n%s\nwant\n%s", again, data)
	}
	// Times come back as the same instants.
	if !got.Workshop.Created.Equal(at) || !got.Answers["c1"][qs[0].ID].At.Equal(at) {
		t.Errorf("times changed: %v, %v", got.Workshop.Created, got.Answers["c1"][qs[0].ID].At)
	}
	if !reflect.DeepEqual(got.Workshop.Thresholds, w.Thresholds) {
		t.Errorf("thresholds = %+v, want %+v", got.Workshop.Thresholds, w.Thresholds)
	}
	if got.Customers[1].Revenue != nil {
		t.Errorf("unknown revenue came back as %v", *got.Customers[1].Revenue)
	}
	if a, ok := got.Answers["c1"]["old.gone.q"]; !ok || a.Score != 5 {
		t.Errorf("answer to an unknown question is lost: %+v", a)
	}
	if a := got.Answers["c1"][qs[1].ID]; a.Score != model.DontKnow {
		t.Errorf("don't know came back as %d", a.Score)
	}
	if got.Customers[0].Notes != "line one\nline two" {
		t.Errorf("notes = %q", got.Customers[0].Notes)
	}
}

func TestJSONDeterministic(t *testing.T) {
	in := demoInput(t, "sv")
	qs := in.Content.Questions()
	cu := in.Dataset.Customers[0]
	for _, id := range []string{"zz.extra", "aa.extra", "mm.extra"} {
		in.Dataset.Answers[cu.ID][id] = model.Answer{CustomerID: cu.ID, QuestionID: id, Score: 2}
	}
	first := writeJSON(t, in.Dataset, qs)
	for range 20 {
		if again := writeJSON(t, in.Dataset, qs); !bytes.Equal(again, first) {
			t.Fatal("two exports of the same dataset differ")
		}
	}
	doc := report.NewDocument(in.Dataset, qs)
	var ids []string
	for _, a := range doc.Customers[0].Answers {
		ids = append(ids, a.QuestionID)
	}
	var want []string
	for _, q := range qs {
		if _, ok := in.Dataset.Answers[cu.ID][q.ID]; ok {
			want = append(want, q.ID)
		}
	}
	want = append(want, "aa.extra", "mm.extra", "zz.extra")
	if !slices.Equal(ids, want) {
		t.Errorf("answer order = %v\nwant %v", ids, want)
	}
	if !bytes.HasSuffix(first, []byte("}\n")) || bytes.HasSuffix(first, []byte("\n\n")) {
		t.Error("export should end in a single newline")
	}
}

func TestJSONDocumentShape(t *testing.T) {
	in, _ := withUnplaced(t, "en", "Nyköpings Nya AB")
	qs := in.Content.Questions()
	var doc map[string]any
	if err := json.Unmarshal(writeJSON(t, in.Dataset, qs), &doc); err != nil {
		t.Fatal(err)
	}
	if report.Format != "styrka-workshop" || report.FormatVersion != 4 {
		t.Errorf("format %q version %d: a changed format breaks files people keep", report.Format, report.FormatVersion)
	}
	if doc["format"] != report.Format {
		t.Errorf("format = %v", doc["format"])
	}
	if doc["version"] != float64(report.FormatVersion) {
		t.Errorf("version = %v", doc["version"])
	}
	ws, _ := doc["workshop"].(map[string]any)
	for _, k := range []string{"id", "name", "date", "our_company", "horizon_months", "thresholds", "created", "updated"} {
		if _, ok := ws[k]; !ok {
			t.Errorf("workshop has no %q", k)
		}
	}
	for _, k := range []string{"actions", "rounds", "participants", "silent_rounds", "votes", "stakeholders", "worksheets", "targets"} {
		if _, ok := doc[k].([]any); !ok {
			t.Errorf("%s is %T, want an array (never null)", k, doc[k])
		}
	}
	customers, _ := doc["customers"].([]any)
	if len(customers) != len(in.Dataset.Customers) {
		t.Fatalf("%d customers, want %d", len(customers), len(in.Dataset.Customers))
	}
	for i, x := range customers {
		c := x.(map[string]any)
		if c["id"] != in.Dataset.Customers[i].ID {
			t.Errorf("customer %d is %v, want %v (customers keep their order)", i, c["id"], in.Dataset.Customers[i].ID)
		}
		for _, k := range []string{"id", "workshop_id", "name", "answers", "assessment", "created", "updated"} {
			if _, ok := c[k]; !ok {
				t.Errorf("customer %d has no %q", i, k)
			}
		}
		answers, ok := c["answers"].([]any)
		if !ok {
			t.Errorf("customer %d: answers is %T, want an array (never null)", i, c["answers"])
		}
		if n := len(in.Dataset.Answers[in.Dataset.Customers[i].ID]); len(answers) != n {
			t.Errorf("customer %d has %d answers, want %d", i, len(answers), n)
		}
		as, _ := c["assessment"].(map[string]any)
		for _, k := range []string{"scores", "progress", "priority", "room"} {
			if _, ok := as[k]; !ok {
				t.Errorf("customer %d: assessment has no %q", i, k)
			}
		}
	}
	// The first (top ranked in the demo) customer is fully placed.
	as := customers[0].(map[string]any)["assessment"].(map[string]any)
	if as["kraljic"] != "strategic" || as["preferencing"] != "core" || as["regime"] != "interdependence" || as["priority"] != 1.0 {
		t.Errorf("assessment of %v = %v", in.Dataset.Customers[0].Name, as)
	}
	// The customer without answers has no classes in its assessment.
	as = customers[len(customers)-1].(map[string]any)["assessment"].(map[string]any)
	for _, k := range []string{"kraljic", "preferencing", "regime", "warnings", "validate"} {
		if _, ok := as[k]; ok {
			t.Errorf("unplaced customer's assessment has %q = %v", k, as[k])
		}
	}
}

func TestJSONEmptyWorkshop(t *testing.T) {
	ds := model.Dataset{Workshop: model.Workshop{ID: "w", Name: "Tom"}}
	data := writeJSON(t, ds, nil)
	if !bytes.Contains(data, []byte(`"customers": []`)) {
		t.Errorf("no customers should be an empty array:\n%s", data)
	}
	got, err := report.ReadJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Customers) != 0 || got.Workshop.Name != "Tom" {
		t.Errorf("got %+v", got)
	}
}

// validDoc is a small valid export as a generic JSON value, for the error
// cases to break.
func validDoc(t *testing.T) map[string]any {
	t.Helper()
	at := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	ds := model.Dataset{
		Workshop: model.Workshop{ID: "w1", Name: "Höst", Date: "2026-11-02", Created: at, Updated: at},
		Customers: []model.Customer{
			{ID: "c1", WorkshopID: "w1", Name: "Ett AB", Created: at, Updated: at},
			{ID: "c2", WorkshopID: "w1", Name: "Två AB", Created: at, Updated: at},
		},
		Answers: map[string]map[string]model.Answer{
			"c1": {"q1": {CustomerID: "c1", QuestionID: "q1", Score: 4, At: at}},
			"c2": {"q1": {CustomerID: "c2", QuestionID: "q1", Score: 0, At: at}, "q2": {CustomerID: "c2", QuestionID: "q2", Score: 5, At: at}},
		},
	}
	var doc map[string]any
	if err := json.Unmarshal(writeJSON(t, ds, nil), &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

func customerAt(doc map[string]any, i int) map[string]any {
	return doc["customers"].([]any)[i].(map[string]any)
}

func answerAt(doc map[string]any, i, j int) map[string]any {
	return customerAt(doc, i)["answers"].([]any)[j].(map[string]any)
}

func TestReadJSONErrors(t *testing.T) {
	tests := []struct {
		name    string
		edit    func(doc map[string]any)
		problem string
		detail  string // a part of the detail
	}{
		{"wrong format", func(d map[string]any) { d["format"] = "other-app" }, "format", "other-app"},
		{"no format", func(d map[string]any) { delete(d, "format") }, "format", ""},
		{"newer version", func(d map[string]any) { d["version"] = report.FormatVersion + 1 }, "version", fmt.Sprint(report.FormatVersion + 1)},
		{"version 0", func(d map[string]any) { d["version"] = 0 }, "version", "0"},
		{"no version", func(d map[string]any) { delete(d, "version") }, "version", "0"},
		{"no workshop id", func(d map[string]any) { d["workshop"].(map[string]any)["id"] = "" }, "invalid", "workshop"},
		{"workshop name only escapes", func(d map[string]any) { d["workshop"].(map[string]any)["name"] = "\x1b[31m\x1b[0m " }, "invalid", "workshop"},
		{"other workshop", func(d map[string]any) { customerAt(d, 1)["workshop_id"] = "w2" }, "invalid", `customers[1].workshop_id: "w2" is not the workshop's id`},
		{"duplicate customer", func(d map[string]any) { customerAt(d, 1)["id"] = "c1" }, "invalid", "customers[1].id: c1 twice"},
		{"customer without id", func(d map[string]any) { delete(customerAt(d, 0), "id") }, "invalid", "customers[0]"},
		{"customer without name", func(d map[string]any) { customerAt(d, 1)["name"] = "\t\n" }, "invalid", "customers[1]"},
		{"score 7", func(d map[string]any) { answerAt(d, 1, 1)["score"] = 7 }, "invalid", "customers[1].answers[1].score: 7 is not a whole number 0–5"},
		{"score -1", func(d map[string]any) { answerAt(d, 0, 0)["score"] = -1 }, "invalid", "customers[0].answers[0].score: -1 is not"},
		{"answer of another customer", func(d map[string]any) { answerAt(d, 1, 0)["customer_id"] = "c1" }, "invalid", `customers[1].answers[0].customer_id: "c1" is not the customer's id`},
		{"answer without customer", func(d map[string]any) { delete(answerAt(d, 0, 0), "customer_id") }, "invalid", "customers[0].answers[0]"},
		{"answer without question", func(d map[string]any) { answerAt(d, 0, 0)["question_id"] = "" }, "invalid", "question_id"},
		{"two answers to one question", func(d map[string]any) { answerAt(d, 1, 1)["question_id"] = "q1" }, "invalid", "customers[1].answers[1].question_id: a second answer to q1"},
		{"score as text", func(d map[string]any) { answerAt(d, 0, 0)["score"] = "4" }, "invalid", `customers[0].answers[0].score: "4" is not a whole number 0–5`},
		{"score with decimals", func(d map[string]any) { answerAt(d, 1, 1)["score"] = 3.5 }, "invalid", "customers[1].answers[1].score: 3.5 is not a whole number 0–5"},
		{"score too large for a number", func(d map[string]any) { answerAt(d, 1, 0)["score"] = 1e300 }, "invalid", "customers[1].answers[0].score: 1e+300 is not a whole number 0–5"},
		{"customers not a list", func(d map[string]any) { d["customers"] = "none" }, "invalid", `customers: "none" is not a list`},
		{"customer an object", func(d map[string]any) { d["customers"] = map[string]any{"a": 1} }, "invalid", `customers: an object is not a list`},
		{"revenue as text", func(d map[string]any) { customerAt(d, 1)["revenue"] = "lots" }, "invalid", `customers[1].revenue: "lots" is not a number`},
		{"negative revenue", func(d map[string]any) { customerAt(d, 1)["revenue"] = -5 }, "invalid", "customers[1].revenue: -5 is less than 0"},
		{"cut-off 6", func(d map[string]any) { d["workshop"].(map[string]any)["thresholds"].(map[string]any)["risk"] = 6 }, "invalid", "workshop.thresholds.risk: 6 is not 1–5"},
		{"cut-off 0.5", func(d map[string]any) { d["workshop"].(map[string]any)["thresholds"].(map[string]any)["impact"] = 0.5 }, "invalid", "workshop.thresholds.impact: 0.5 is not 1–5"},
		{"horizon 1000", func(d map[string]any) { d["workshop"].(map[string]any)["horizon_months"] = 1000 }, "invalid", "workshop.horizon_months: 1000 is not 1–120"},
		{"horizon -1", func(d map[string]any) { d["workshop"].(map[string]any)["horizon_months"] = -1 }, "invalid", "workshop.horizon_months: -1"},
		{"horizon as text", func(d map[string]any) { d["workshop"].(map[string]any)["horizon_months"] = "3 years" }, "invalid", `workshop.horizon_months: "3 years" is not a whole number`},
		{"long workshop name", func(d map[string]any) { d["workshop"].(map[string]any)["name"] = strings.Repeat("å", 81) }, "invalid", "workshop.name: 81 characters, at most 80"},
		{"long customer name", func(d map[string]any) { customerAt(d, 1)["name"] = strings.Repeat("x", 1_000_000) }, "invalid", "customers[1].name: 1000000 characters, at most 100"},
		{"long offering", func(d map[string]any) { customerAt(d, 0)["offering"] = strings.Repeat("x", 121) }, "invalid", "customers[0].offering: 121 characters, at most 120"},
		{"long currency", func(d map[string]any) { customerAt(d, 0)["currency"] = "kronor" }, "invalid", "customers[0].currency: 6 characters, at most 3"},
		{"long notes", func(d map[string]any) { customerAt(d, 0)["notes"] = strings.Repeat("x", 2001) }, "invalid", "customers[0].notes: 2001 characters, at most 2000"},
		{"long tag", func(d map[string]any) { customerAt(d, 0)["tags"] = []any{"ok", strings.Repeat("x", 61)} }, "invalid", "customers[0].tags[1]: 61 characters"},
		{"long answer note", func(d map[string]any) { answerAt(d, 1, 1)["note"] = strings.Repeat("x", 501) }, "invalid", "customers[1].answers[1].note: 501 characters, at most 500"},
		{"long author", func(d map[string]any) { answerAt(d, 1, 1)["author"] = strings.Repeat("x", 61) }, "invalid", "customers[1].answers[1].author: 61 characters, at most 60"},
		{"a time that is not one", func(d map[string]any) { customerAt(d, 0)["created"] = "yesterday" }, "invalid", `"yesterday" is not a time`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := validDoc(t)
			if _, err := report.ReadJSON(bytes.NewReader(mustMarshal(t, doc))); err != nil {
				t.Fatalf("the unbroken document does not import: %v", err)
			}
			tt.edit(doc)
			_, err := report.ReadJSON(bytes.NewReader(mustMarshal(t, doc)))
			var ie *report.ImportError
			if !errors.As(err, &ie) {
				t.Fatalf("err = %v (%T), want *ImportError", err, err)
			}
			if ie.Problem != tt.problem {
				t.Errorf("Problem = %q, want %q (%v)", ie.Problem, tt.problem, err)
			}
			if !strings.Contains(ie.Detail, tt.detail) {
				t.Errorf("Detail = %q, want it to contain %q", ie.Detail, tt.detail)
			}
			if ie.Problem != "syntax" && ie.Line != 0 {
				t.Errorf("Line = %d for a %s problem", ie.Line, ie.Problem)
			}
		})
	}
}

func mustMarshal(t *testing.T, v any) []byte {
	t.Helper()
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestReadJSONSyntaxLine(t *testing.T) {
	in := demoInput(t, "en")
	good := string(writeJSON(t, in.Dataset, in.Content.Questions()))
	lines := strings.Split(good, "\n")
	// breakLine returns the document with line n (1-based) changed.
	breakLine := func(n int, f func(string) string) string {
		ls := slices.Clone(lines)
		ls[n-1] = f(ls[n-1])
		return strings.Join(ls, "\n")
	}
	lineOf := func(prefix string) int {
		for i, l := range lines {
			if strings.HasPrefix(l, prefix) {
				return i + 1
			}
		}
		t.Fatalf("no line starts %q", prefix)
		return 0
	}
	scoreLine := lineOf(`          "score": `)
	tests := []struct {
		name string
		doc  string
		line int
	}{
		{"empty", "", 1},
		{"not JSON", "hello", 1},
		{"extra comma on line 3", breakLine(3, func(l string) string { return l + "," }), 3},
		{"garbage on line 2", breakLine(2, func(l string) string { return "  @" + l }), 2},
		{"bad score on its line", breakLine(scoreLine, func(l string) string { return strings.Replace(l, `"score": `, `"score": x`, 1) }), scoreLine},
		{"truncated", "{\n  \"format\": \"styrka-workshop\",\n  \"version\": 1", 3},
		{"trailing data", good + "{}", len(lines)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := report.ReadJSON(strings.NewReader(tt.doc))
			var ie *report.ImportError
			if !errors.As(err, &ie) {
				t.Fatalf("err = %v, want *ImportError", err)
			}
			if ie.Problem != "syntax" {
				t.Errorf("Problem = %q, want syntax (%v)", ie.Problem, err)
			}
			if ie.Line != tt.line {
				t.Errorf("Line = %d, want %d (%v)", ie.Line, tt.line, err)
			}
			if want := fmt.Sprintf("syntax at line %d: ", ie.Line); ie.Line > 0 && !strings.HasPrefix(err.Error(), want) {
				t.Errorf("Error() = %q, want prefix %q", err.Error(), want)
			}
		})
	}
}

func TestImportErrorString(t *testing.T) {
	tests := []struct {
		err  report.ImportError
		want string
	}{
		{report.ImportError{Problem: "syntax", Detail: "bad", Line: 4}, "syntax at line 4: bad"},
		{report.ImportError{Problem: "version", Detail: "2"}, "version: 2"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("disk on fire") }

func TestReadJSONReadError(t *testing.T) {
	_, err := report.ReadJSON(failingReader{})
	var ie *report.ImportError
	if err == nil || errors.As(err, &ie) {
		t.Errorf("err = %v, want the reader's own error", err)
	}
}

func TestReadJSONCleansText(t *testing.T) {
	doc := validDoc(t)
	ws := doc["workshop"].(map[string]any)
	ws["name"] = "\x1b]8;;http://evil\x07Höst\x1b]8;;\x07 2026"
	ws["our_company"] = "Ekelunda\u202e AB"
	c := customerAt(doc, 0)
	c["name"] = "\x1b[31mRöd\x1b[0m AB"
	c["offering"] = "Cylindrar\toch\r\ndetaljer"
	c["currency"] = " SEK\x07"
	c["notes"] = "rad ett  \r\n\x1b[2Jrad två\n\n"
	a := answerAt(doc, 0, 0)
	a["note"] = "\x1b[1mfet\x1b[0m\nrad"
	a["author"] = "A\u030asa\x00" // decomposed Å, NUL
	ds, err := report.ReadJSON(bytes.NewReader(mustMarshal(t, doc)))
	if err != nil {
		t.Fatal(err)
	}
	cu := ds.Customers[0]
	ans := ds.Answers["c1"]["q1"]
	for _, tt := range []struct{ field, got, want string }{
		{"workshop name", ds.Workshop.Name, "Höst 2026"},
		{"our company", ds.Workshop.OurCompany, "Ekelunda AB"},
		{"customer name", cu.Name, "Röd AB"},
		{"offering", cu.Offering, "Cylindrar och detaljer"},
		{"currency", cu.Currency, "SEK"},
		{"notes", cu.Notes, "rad ett\nrad två"},
		{"answer note", ans.Note, "fet\nrad"},
		{"author", ans.Author, "Åsa"},
	} {
		if tt.got != tt.want {
			t.Errorf("%s = %q, want %q", tt.field, tt.got, tt.want)
		}
	}
}

// TestReadJSONCleansDate: the workshop date is text like the names and
// is printed as is by `styrka workshops` and in both Markdown documents.
func TestReadJSONCleansDate(t *testing.T) {

	doc := validDoc(t)
	doc["workshop"].(map[string]any)["date"] = "\x1b[2J\x1b]0;pwned\x072026-11-02"
	customerAt(doc, 0)["tags"] = []string{"\x1b[31mröd\x1b[0m"}
	ds, err := report.ReadJSON(bytes.NewReader(mustMarshal(t, doc)))
	var ie *report.ImportError
	if errors.As(err, &ie) {
		return // rejecting the date is as good as cleaning it
	}
	if err != nil {
		t.Fatal(err)
	}
	if strings.ContainsRune(ds.Workshop.Date, '\x1b') {
		t.Errorf("date keeps escape sequences: %q", ds.Workshop.Date)
	}
	if strings.ContainsRune(strings.Join(ds.Customers[0].Tags, ""), '\x1b') {
		t.Errorf("tags keep escape sequences: %q", ds.Customers[0].Tags)
	}
}

// TestReadJSONAcceptsWhatTheTUIAccepts: a byte order mark, texts exactly
// at their limits, cut-offs at the ends of the scale and a revenue of 0
// import; answers to questions outside the content in use do not.
func TestReadJSONAcceptsWhatTheTUIAccepts(t *testing.T) {
	doc := validDoc(t)
	w := doc["workshop"].(map[string]any)
	w["name"] = strings.Repeat("å", model.MaxWorkshopNameLen)
	w["thresholds"] = map[string]any{"impact": 1, "risk": 5, "value": 2.5, "attractiveness": 3}
	w["horizon_months"] = model.MaxHorizonMonths
	customerAt(doc, 0)["name"] = strings.Repeat("x", model.MaxCustomerNameLen)
	customerAt(doc, 0)["revenue"] = 0
	answerAt(doc, 1, 1)["note"] = strings.Repeat("n", model.MaxAnswerNoteLen)
	data := append([]byte("\uFEFF"), mustMarshal(t, doc)...)
	ds, err := report.ReadJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("ReadJSON: %v", err)
	}
	if c := ds.Customers[0]; c.Revenue == nil || *c.Revenue != 0 {
		t.Errorf("revenue 0 read as %v", c.Revenue)
	}

	qs := []model.Question{{ID: "q1"}, {ID: "q2"}}
	if _, err := report.ReadJSON(bytes.NewReader(data), qs...); err != nil {
		t.Errorf("ReadJSON with the questions answered: %v", err)
	}
	_, err = report.ReadJSON(bytes.NewReader(data), qs[:1]...)
	var ie *report.ImportError
	if !errors.As(err, &ie) || ie.Problem != "invalid" || !strings.Contains(ie.Detail, `customers[1].answers[1].question_id: "q2" is not a question`) {
		t.Errorf("an answer to an unknown question: %v", err)
	}
}

// TestJSONRoundTrip10000: an export of 10,000 customers of 20 answers
// each, read back, is the workshop it came from and writes the same file
// again. The import reads it customer by customer, reusing one record.
func TestJSONRoundTrip10000(t *testing.T) {
	if testing.Short() {
		t.Skip("10,000 customers")
	}
	qs := assets.MustBuiltin("sv").Questions()
	ds := syntheticDataset(10000, qs)
	// Some customers and answers without the fields others have, so a
	// record reused for the next one shows what it kept.
	for i := range ds.Customers {
		c := &ds.Customers[i]
		if i%3 == 1 {
			c.Revenue, c.Notes, c.Currency = nil, "", ""
		}
		if i%5 == 0 {
			c.Tags = []string{"nordic", fmt.Sprint(i)}
		}
		for qid, a := range ds.Answers[c.ID] {
			if (i+len(qid))%4 == 0 {
				a.Note, a.Author = "", ""
				ds.Answers[c.ID][qid] = a
			}
		}
	}
	data := writeJSON(t, ds, qs)
	got, err := report.ReadJSON(bytes.NewReader(data), qs...)
	if err != nil {
		t.Fatalf("ReadJSON: %v", err)
	}
	if !reflect.DeepEqual(got, ds) {
		for i := range min(len(got.Customers), len(ds.Customers)) {
			c := ds.Customers[i]
			if !reflect.DeepEqual(got.Customers[i], c) || !reflect.DeepEqual(got.Answers[c.ID], ds.Answers[c.ID]) {
				t.Fatalf("customer %d: got %+v with %+v, want %+v with %+v", i, got.Customers[i], got.Answers[c.ID], c, ds.Answers[c.ID])
			}
		}
		t.Fatalf("ReadJSON(WriteJSON(10,000 customers)) differs from them")
	}
	if again := writeJSON(t, got, qs); !bytes.Equal(again, data) {
		t.Errorf("re-encoded document differs from the first export")
	}
}
