package report_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"styrka/report"
)

func TestJSONCarriesPlanning(t *testing.T) {
	for _, lang := range langs {
		t.Run(lang, func(t *testing.T) {
			in, cid := plannedInput(t, lang)
			qs := in.Content.Questions()
			data := writeJSON(t, in.Dataset, qs)
			got, err := report.ReadJSON(bytes.NewReader(data), qs...)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range []struct {
				name      string
				got, want any
			}{
				{"stakeholders", got.Stakeholders, in.Dataset.Stakeholders},
				{"worksheets", got.Worksheets, in.Dataset.Worksheets},
				{"targets", got.Targets, in.Dataset.Targets},
				{"answers", got.Answers[cid], in.Dataset.Answers[cid]},
			} {
				if !reflect.DeepEqual(f.got, f.want) {
					t.Errorf("%s:\n%+v\nwant\n%+v", f.name, f.got, f.want)
				}
			}
			if !bytes.Equal(writeJSON(t, got, qs), data) {
				t.Error("re-encoded document differs")
			}
			for _, s := range []string{`"confirmed_by": "Eva Ek"`, `"source": "estimate"`, `"source_ref": "Åsa Lind, inköpschef"`, `"role": "gatekeeper"`, `"walk_away"`} {
				if !strings.Contains(string(data), s) {
					t.Errorf("the export has no %s", s)
				}
			}
		})
	}
}

// TestJSONVersion3Imports: a file written before the account planning
// reads as before, with none.
func TestJSONVersion3Imports(t *testing.T) {
	in := demoInput(t, "en")
	var doc map[string]any
	if err := json.Unmarshal(writeJSON(t, in.Dataset, in.Content.Questions()), &doc); err != nil {
		t.Fatal(err)
	}
	doc["version"] = 3
	delete(doc, "stakeholders")
	delete(doc, "worksheets")
	delete(doc, "targets")
	data, _ := json.Marshal(doc)
	got, err := report.ReadJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Customers) != len(in.Dataset.Customers) || got.Stakeholders != nil || got.Targets != nil {
		t.Errorf("version 3: %d customers, %v, %v", len(got.Customers), got.Stakeholders, got.Targets)
	}
}

func TestReadJSONPlanningErrors(t *testing.T) {
	in, _ := plannedInput(t, "en")
	base := writeJSON(t, in.Dataset, in.Content.Questions())
	for _, c := range []struct {
		name, want string
		edit       func(d map[string]any)
	}{
		{"stakeholder of nobody", "stakeholders[0]: customer_id", func(d map[string]any) {
			d["stakeholders"].([]any)[0].(map[string]any)["customer_id"] = "ghost"
		}},
		{"bad role", "stakeholders[1]: role", func(d map[string]any) { d["stakeholders"].([]any)[1].(map[string]any)["role"] = "boss" }},
		{"two targets", "targets[1]: a second target", func(d map[string]any) { d["targets"] = append(d["targets"].([]any), d["targets"].([]any)[0]) }},
		{"bad class", "targets[0]: target Kraljic class", func(d map[string]any) { d["targets"].([]any)[0].(map[string]any)["kraljic"] = "best" }},
		{"bad source", "answers[0].source", func(d map[string]any) { answerAt(d, 0, 0)["source"] = "rumour" }},
	} {
		t.Run(c.name, func(t *testing.T) {
			var d map[string]any
			if err := json.Unmarshal(base, &d); err != nil {
				t.Fatal(err)
			}
			c.edit(d)
			data, _ := json.Marshal(d)
			_, err := report.ReadJSON(bytes.NewReader(data))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want one with %q", err, c.want)
			}
		})
	}
}

// TestReadJSONCleansPlanning: names and notes of the account planning
// lose escape sequences and control characters on import, as every other
// text does, and a text over its limit is refused.
func TestReadJSONCleansPlanning(t *testing.T) {
	in, _ := plannedInput(t, "en")
	var d map[string]any
	if err := json.Unmarshal(writeJSON(t, in.Dataset, in.Content.Questions()), &d); err != nil {
		t.Fatal(err)
	}
	d["stakeholders"].([]any)[0].(map[string]any)["name"] = "Åsa\x1b[31m Lind\u200b"
	d["worksheets"].([]any)[0].(map[string]any)["give"] = []any{" ", "Lager\x07 i Östervik"}
	data, _ := json.Marshal(d)
	got, err := report.ReadJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if n := got.Stakeholders[0].Name; n != "Åsa Lind" {
		t.Errorf("name %q", n)
	}
	if g := got.Worksheets[0].Give; len(g) != 1 || g[0] != "Lager i Östervik" {
		t.Errorf("give %q", g)
	}
	d["stakeholders"].([]any)[0].(map[string]any)["name"] = strings.Repeat("ö", 81)
	data, _ = json.Marshal(d)
	if _, err := report.ReadJSON(bytes.NewReader(data)); err == nil || !strings.Contains(err.Error(), "stakeholders[0]") {
		t.Errorf("a name of 81 characters: %v", err)
	}
}
