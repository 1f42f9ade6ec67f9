package report_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"
	"github.com/xuri/excelize/v2"

	"styrka/model"
	"styrka/report"
)

// planToday is the day the plan fixtures are looked at.
var planToday = time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)

// planInput is the demo with an action plan and one closed round, taken
// before two customers' answers changed: Rydéns had low supply risk
// (independence then, we dominate now), and Mälarö a lower
// attractiveness.
func planInput(t testing.TB, lang string) report.Input {
	t.Helper()
	in := demoInput(t, lang)
	in.Today = planToday
	ds := &in.Dataset
	rydens, malaro := customerID(t, *ds, "Rydéns Mekaniska AB"), customerID(t, *ds, "Mälarö Lyftteknik AB")

	old := *ds
	old.Answers = maps.Clone(ds.Answers)
	old.Answers[rydens] = maps.Clone(ds.Answers[rydens])
	old.Answers[malaro] = maps.Clone(ds.Answers[malaro])
	for _, q := range in.Content.Questions() {
		switch {
		case q.Dimension == model.SupplyRisk:
			old.Answers[rydens][q.ID] = model.Answer{CustomerID: rydens, QuestionID: q.ID, Score: 1}
		case q.Dimension == model.Attractiveness && q.Quick:
			a := old.Answers[malaro][q.ID]
			a.Score = 2
			old.Answers[malaro][q.ID] = a
		}
	}
	r := model.Snapshot(old, in.Content.Questions(), time.Date(2026, 11, 2, 16, 0, 0, 0, time.UTC))
	r.ID, r.Name = "round-1", "Höstens workshop"
	ds.Rounds = []model.Round{r}

	at := time.Date(2026, 11, 3, 9, 0, 0, 0, time.UTC)
	text := map[string][3]string{
		"en": {"Joint business plan with their COO", "Stop free expedited freight", "Quarterly review | with *their* buyer"},
		"sv": {"Gemensam affärsplan med deras COO", "Sluta med gratis expressfrakt", "Kvartalsgenomgång | med *deras* inköpare"},
	}[lang]
	ds.Actions = []model.Action{
		{ID: "a1", WorkshopID: ds.Workshop.ID, CustomerID: malaro, Kind: model.Develop, Text: text[0], Owner: "Anna", Due: "2026-11-20",
			Status: model.StatusOpen, Source: "cell:strategic-core", Created: at, Updated: at},
		{ID: "a2", WorkshopID: ds.Workshop.ID, CustomerID: rydens, Kind: model.Stop, Text: text[1], Owner: "Bo", Due: "2026-12-15",
			Status: model.StatusOpen, Source: "regime:supplier_dominance", Created: at.Add(time.Minute), Updated: at.Add(time.Minute)},
		{ID: "a3", WorkshopID: ds.Workshop.ID, CustomerID: malaro, Kind: model.Start, Text: text[2], Owner: "Anna",
			Status: model.StatusDone, Created: at.Add(2 * time.Minute), Updated: at.Add(time.Hour)},
		{ID: "a4", WorkshopID: ds.Workshop.ID, CustomerID: rydens, Kind: model.Develop, Text: text[0], Due: "2026-10-01",
			Status: model.StatusDropped, Created: at.Add(3 * time.Minute), Updated: at.Add(3 * time.Minute)},
	}
	return in
}

func TestPlansMarkdownGolden(t *testing.T) {
	for _, lang := range langs {
		t.Run(lang, func(t *testing.T) {
			in := planInput(t, lang)
			md := markdown(t, in)
			checkEscaped(t, md)
			golden.RequireEqual(t, md)
		})
	}
}

func TestPlansBriefGolden(t *testing.T) {
	for _, lang := range langs {
		for _, name := range []string{"Rydéns Mekaniska AB", "Mälarö Lyftteknik AB"} {
			t.Run(lang+"/"+strings.Fields(name)[0], func(t *testing.T) {
				in := planInput(t, lang)
				md := brief(t, in, customerID(t, in.Dataset, name))
				checkEscaped(t, md)
				golden.RequireEqual(t, md)
			})
		}
	}
}

func TestPlansMarkdownSections(t *testing.T) {
	in := planInput(t, "en")
	md := markdown(t, in)
	plan, ok := section(md, "Action plan")
	if !ok {
		t.Fatal("no action plan")
	}
	// By due date, the one without a date last; the overdue one stands out.
	i1, i2, i4, i3 := strings.Index(plan, "2026-11-20"), strings.Index(plan, "2026-12-15"), strings.Index(plan, "2026-10-01"), strings.Index(plan, "| – |")
	if !(i4 < i1 && i1 < i2 && i2 < i3) {
		t.Errorf("actions out of due order:\n%s", plan)
	}
	if !strings.Contains(plan, "**⚠ open, overdue**") || strings.Count(plan, "overdue**") != 1 {
		t.Errorf("exactly the open action due before today should be overdue:\n%s", plan)
	}
	if !strings.Contains(plan, "open: 2 (overdue: 1), done: 1, dropped: 1") {
		t.Errorf("no count line:\n%s", plan)
	}
	since, ok := section(md, "Since round 1, “Höstens workshop” (2026-11-02)")
	if !ok {
		t.Fatalf("no since-round section:\n%s", md)
	}
	if !strings.Contains(since, "| Rydéns Mekaniska AB | Independence → We dominate |") {
		t.Errorf("Rydéns' move is missing:\n%s", since)
	}
	if strings.Contains(since, "Mälarö") {
		t.Errorf("Mälarö did not move between classes but is listed:\n%s", since)
	}
	if !strings.Contains(since, "Customers whose answers changed without moving them: 1.") {
		t.Errorf("the customer whose answers changed is not counted:\n%s", since)
	}
	// Without a day to compare with, nothing is overdue.
	in.Today = time.Time{}
	if md := markdown(t, in); strings.Contains(md, "open, overdue") || !strings.Contains(md, "(overdue: 0)") {
		t.Error("overdue without a today")
	}
	// Without plans, the report is as before.
	in.Dataset.Actions, in.Dataset.Rounds = nil, nil
	if md := markdown(t, in); md != markdown(t, demoInput(t, "en")) {
		t.Error("a report without actions or rounds changed")
	}
}

func TestPlansBriefSections(t *testing.T) {
	in := planInput(t, "en")
	md := brief(t, in, customerID(t, in.Dataset, "Rydéns Mekaniska AB"))
	since, ok := section(md, "Since round 1, “Höstens workshop” (2026-11-02)")
	if !ok {
		t.Fatalf("no since-round section:\n%s", md)
	}
	for _, want := range []string{"- **Power balance:** Independence → We dominate", "- **Supply risk:** 1.0 → ", "- **Changed answers:**", ": 1 → "} {
		if !strings.Contains(since, want) {
			t.Errorf("since-round section lacks %q:\n%s", want, since)
		}
	}
	plan, ok := section(md, "Action plan")
	if !ok || strings.Contains(plan, "Mälarö") || !strings.Contains(plan, "Stop free expedited freight") {
		t.Errorf("the brief's plan should hold Rydéns' actions only:\n%s", plan)
	}
	// A customer added after the round says so.
	in, id := withUnplaced(t, "en", "Nyköpings Nya AB")
	in.Dataset.Rounds = planInput(t, "en").Dataset.Rounds
	if md := brief(t, in, id); !strings.Contains(md, "added after round 1") {
		t.Errorf("a customer new since the round:\n%s", md)
	}
}

func TestCompareGolden(t *testing.T) {
	for _, lang := range langs {
		t.Run(lang+"/md", func(t *testing.T) {
			in := planInput(t, lang)
			var b bytes.Buffer
			if err := report.WriteCompare(&b, in, in.Dataset.Rounds[0]); err != nil {
				t.Fatal(err)
			}
			checkEscaped(t, b.String())
			golden.RequireEqual(t, b.String())
		})
	}
	t.Run("json", func(t *testing.T) {
		in := planInput(t, "en")
		var b bytes.Buffer
		if err := report.WriteCompareJSON(&b, in, in.Dataset.Rounds[0]); err != nil {
			t.Fatal(err)
		}
		var doc report.CompareDocument
		if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		if doc.Format != report.CompareFormat || doc.Round.Number != 1 || doc.Customers != len(in.Dataset.Customers) || len(doc.Changes) != 2 {
			t.Errorf("compare document: %+v", doc)
		}
		golden.RequireEqual(t, b.String())
	})
}

func TestCompareNothingChanged(t *testing.T) {
	in := demoInput(t, "sv")
	r := model.Snapshot(in.Dataset, in.Content.Questions(), time.Date(2026, 11, 2, 16, 0, 0, 0, time.UTC))
	var b bytes.Buffer
	if err := report.WriteCompare(&b, in, r); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{fmt.Sprintf("0 av %d kunder", len(in.Dataset.Customers)), "Ingen kund bytte styrkeförhållande.", "Ingen kund bytte klass eller prioritet.", "Inget svar har ändrats."} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("comparison lacks %q:\n%s", want, b.String())
		}
	}
}

func TestJSONRoundTripWithPlans(t *testing.T) {
	for _, lang := range langs {
		t.Run(lang, func(t *testing.T) {
			in := planInput(t, lang)
			qs := in.Content.Questions()
			data := writeJSON(t, in.Dataset, qs)
			got, err := report.ReadJSON(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("ReadJSON: %v", err)
			}
			if !reflect.DeepEqual(got.Actions, in.Dataset.Actions) {
				t.Errorf("actions\n%+v\nwant\n%+v", got.Actions, in.Dataset.Actions)
			}
			if !reflect.DeepEqual(got.Rounds, in.Dataset.Rounds) {
				t.Errorf("rounds differ:\n%+v\nwant\n%+v", got.Rounds, in.Dataset.Rounds)
			}
			if !reflect.DeepEqual(got, in.Dataset) {
				t.Error("ReadJSON(WriteJSON(plans)) differs from the dataset")
			}
			if again := writeJSON(t, got, qs); !bytes.Equal(again, data) {
				t.Error("export → import → export is not identical")
			}
		})
	}
}

// TestReadJSONVersion1 reads an export written before actions and rounds.
func TestReadJSONVersion1(t *testing.T) {
	in := demoInput(t, "en")
	var doc map[string]any
	if err := json.Unmarshal(writeJSON(t, in.Dataset, in.Content.Questions()), &doc); err != nil {
		t.Fatal(err)
	}
	doc["version"] = 1
	delete(doc, "actions")
	delete(doc, "rounds")
	got, err := report.ReadJSON(bytes.NewReader(mustMarshal(t, doc)))
	if err != nil {
		t.Fatalf("a version 1 export does not import: %v", err)
	}
	if !reflect.DeepEqual(got, in.Dataset) || got.Actions != nil || got.Rounds != nil {
		t.Errorf("a version 1 export imports differently")
	}
}

func TestReadJSONPlanErrors(t *testing.T) {
	action := func(d map[string]any, i int) map[string]any { return d["actions"].([]any)[i].(map[string]any) }
	round := func(d map[string]any, i int) map[string]any { return d["rounds"].([]any)[i].(map[string]any) }
	tests := []struct {
		name   string
		edit   func(doc map[string]any)
		detail string
	}{
		{"action without id", func(d map[string]any) { action(d, 0)["id"] = "" }, "actions[0]: id"},
		{"duplicate action", func(d map[string]any) { action(d, 1)["id"] = "a1" }, "actions[1]: duplicate id a1"},
		{"action of an unknown customer", func(d map[string]any) { action(d, 2)["customer_id"] = "nobody" }, `actions[2]: customer_id "nobody"`},
		{"action of another workshop", func(d map[string]any) { action(d, 0)["workshop_id"] = "w2" }, `actions[0]: workshop_id "w2"`},
		{"bad kind", func(d map[string]any) { action(d, 0)["kind"] = "grow" }, `actions[0]: action kind "grow"`},
		{"bad status", func(d map[string]any) { action(d, 0)["status"] = "" }, "actions[0]: action status"},
		{"bad due date", func(d map[string]any) { action(d, 1)["due"] = "15/12/2026" }, "actions[1]: due date"},
		{"action text only escapes", func(d map[string]any) { action(d, 0)["text"] = "\x1b[2J" }, "actions[0]: action without text"},
		{"round without id", func(d map[string]any) { round(d, 0)["id"] = "" }, "rounds[0]: id"},
		{"round number 0", func(d map[string]any) { round(d, 0)["number"] = 0 }, "rounds[0]: number 0"},
		{"round of another workshop", func(d map[string]any) { round(d, 0)["workshop_id"] = "w2" }, `rounds[0]: workshop_id "w2"`},
		{"round answer out of range", func(d map[string]any) {
			e := round(d, 0)["customers"].([]any)[0].(map[string]any)
			for q := range e["answers"].(map[string]any) {
				e["answers"].(map[string]any)[q] = 9
				break
			}
		}, "rounds[0].customers[0]: score 9"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := planInput(t, "en")
			var doc map[string]any
			if err := json.Unmarshal(writeJSON(t, in.Dataset, in.Content.Questions()), &doc); err != nil {
				t.Fatal(err)
			}
			tt.edit(doc)
			_, err := report.ReadJSON(bytes.NewReader(mustMarshal(t, doc)))
			var ie *report.ImportError
			if !errors.As(err, &ie) || ie.Problem != "invalid" || !strings.Contains(ie.Detail, tt.detail) {
				t.Errorf("err = %v, want invalid: …%s…", err, tt.detail)
			}
		})
	}
}

func TestCSVPlansGolden(t *testing.T) {
	for _, lang := range langs {
		for _, kind := range []struct {
			name string
			opts report.CSVOptions
		}{{"actions", report.CSVOptions{Actions: true}}, {"rounds", report.CSVOptions{Rounds: true}}} {
			t.Run(lang+"/"+kind.name, func(t *testing.T) {
				golden.RequireEqual(t, readableCSV(writeCSV(t, planInput(t, lang), kind.opts)))
			})
		}
	}
}

func TestCSVActionsRows(t *testing.T) {
	in := planInput(t, "sv")
	recs := parseCSV(t, writeCSV(t, in, report.CSVOptions{Actions: true}), ';')
	if len(recs) != 5 {
		t.Fatalf("%d records, want a header and 4 actions", len(recs))
	}
	want := []string{"2026-10-01", "Rydéns Mekaniska AB", "Utveckla", "Gemensam affärsplan med deras COO", "", "struken", "0"}
	if got := recs[1][:7]; !reflect.DeepEqual(got, want) {
		t.Errorf("first row %q, want %q", got, want)
	}
	if recs[2][6] != "1" {
		t.Errorf("the overdue action's flag is %q", recs[2][6])
	}
}

func TestXLSXPlanSheets(t *testing.T) {
	for _, lang := range langs {
		t.Run(lang, func(t *testing.T) {
			in := planInput(t, lang)
			c := in.Content
			f := openXLSX(t, in)
			want := []string{c.T("export.sheet.customers"), c.T("export.sheet.answers"), c.T("export.sheet.actions"), c.T("export.sheet.rounds"), c.T("report.portfolio")}
			if got := f.GetSheetList(); !reflect.DeepEqual(got, want) {
				t.Fatalf("sheets %q, want %q", got, want)
			}
			rows, err := f.GetRows(want[2])
			if err != nil || len(rows) != 5 || rows[0][0] != c.T("col.due") {
				t.Fatalf("actions sheet: %v, %v", rows, err)
			}
			// Due dates are dates, and the source is named as a reader
			// knows it, not by its key.
			if typ, _ := f.GetCellType(want[2], "A2"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeDate && typ != excelize.CellTypeUnset {
				t.Errorf("the due date is stored as %v", typ)
			}
			if raw, _ := f.GetCellValue(want[2], "A2", excelize.Options{RawCellValue: true}); strings.Contains(raw, "-") {
				t.Errorf("the due date is text %q, not a date", raw)
			}
			if v, _ := f.GetCellValue(want[2], "A2"); len(v) != len("2026-11-20") || !strings.HasPrefix(v, "20") {
				t.Errorf("the due date shows as %q", v)
			}
			for _, r := range rows[1:] {
				if len(r) > 7 && strings.Contains(r[7], ":") {
					t.Errorf("the source is a key: %q", r[7])
				}
			}
			if app, err := f.GetAppProps(); err != nil || app.Application != "styrka" {
				t.Errorf("application %+v, %v", app, err)
			}
			if props, err := f.GetDocProps(); err != nil || props.Creator != "styrka" || !strings.HasPrefix(props.Created, in.Today.UTC().Format("2006-01-02")) {
				t.Errorf("document properties %+v, %v", props, err)
			}
			rows, err = f.GetRows(want[3])
			if err != nil || len(rows) != 1+len(in.Dataset.Customers) || rows[1][1] != "Höstens workshop" {
				t.Fatalf("rounds sheet: %d rows, %v", len(rows), err)
			}
			// Without plans, no such sheets.
			in.Dataset.Actions, in.Dataset.Rounds = nil, nil
			if got := openXLSX(t, in).GetSheetList(); len(got) != 3 {
				t.Errorf("sheets without plans: %q", got)
			}
		})
	}
}

func TestForCustomer(t *testing.T) {
	in := planInput(t, "en")
	id := customerID(t, in.Dataset, "Rydéns Mekaniska AB")
	ds := report.ForCustomer(in.Dataset, id)
	if len(ds.Customers) != 1 || len(ds.Answers) != 1 || len(ds.Actions) != 2 {
		t.Fatalf("%d customers, %d answer sets, %d actions", len(ds.Customers), len(ds.Answers), len(ds.Actions))
	}
	if len(ds.Rounds) != 1 || len(ds.Rounds[0].Customers) != 1 || ds.Rounds[0].Customers[0].CustomerID != id {
		t.Errorf("rounds %+v", ds.Rounds)
	}
	if len(in.Dataset.Rounds[0].Customers) != len(in.Dataset.Customers) {
		t.Error("ForCustomer changed the dataset it was given")
	}
	// The one-customer JSON export imports again.
	var b bytes.Buffer
	if err := report.Write(&b, "json", in, report.WriteOptions{CustomerID: id}); err != nil {
		t.Fatal(err)
	}
	got, err := report.ReadJSON(&b)
	if err != nil {
		t.Fatalf("the one-customer export does not import: %v", err)
	}
	if len(got.Actions) != 2 || len(got.Rounds[0].Customers) != 1 {
		t.Errorf("imported %d actions, %d round entries", len(got.Actions), len(got.Rounds[0].Customers))
	}
}
