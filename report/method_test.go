package report_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"styrka/model"
	"styrka/report"
)

// TestReportsSayOnTheLine: the report, the brief, the CSV and the JSON all
// say that Fjällvind is on the line in profit impact and what it could
// also be.
func TestReportsSayOnTheLine(t *testing.T) {
	for _, lang := range langs {
		t.Run(lang, func(t *testing.T) {
			in := demoInput(t, lang)
			c := in.Content
			id := customerID(t, in.Dataset, "Fjällvind Service AB")
			other := report.PlacementName(c, model.Placement{Kraljic: model.NonCritical, Pref: model.Development, Regime: model.Independence, Priority: model.P3})
			if md := markdown(t, in); !strings.Contains(md, other) || !strings.Contains(md, c.T("col.online")) {
				t.Errorf("report does not name %q", other)
			}
			br := brief(t, in, id)
			want := c.T("line.case", strings.ToLower(c.Dimensions[model.ProfitImpact].Name), report.Number(lang, 3.2, 2), report.Number(lang, 3, 1), other)
			if !strings.Contains(br, want) {
				t.Errorf("brief lacks %q", want)
			}
			if !strings.Contains(br, c.T("brief.sensitivity")) {
				t.Error("brief has no sensitivity section")
			}
			var csv bytes.Buffer
			if err := report.WriteCSV(&csv, in, report.CSVOptions{}); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(csv.String(), other) {
				t.Errorf("CSV does not name %q", other)
			}
			var js bytes.Buffer
			if err := report.WriteJSON(&js, in.Dataset, c.Questions()); err != nil {
				t.Fatal(err)
			}
			var doc report.Document
			if err := json.Unmarshal(js.Bytes(), &doc); err != nil {
				t.Fatal(err)
			}
			for _, rec := range doc.Customers {
				if rec.ID != id {
					continue
				}
				if rec.Assessment == nil || len(rec.Assessment.OnLine) != 1 || rec.Assessment.OnLine[0].Other.Kraljic != model.NonCritical {
					t.Errorf("JSON assessment: %+v", rec.Assessment)
				}
				if rec.Smallest == nil || !rec.Smallest.Result.Moved(rec.Assessment.Placement()) {
					t.Errorf("JSON smallest change %+v", rec.Smallest)
				}
			}
		})
	}
}

// TestReportSaysHowRevenueIsCompared: with revenue in EUR and a rate, the
// ranking converts and the report says so; without a rate it says which
// revenue is left out.
func TestReportSaysHowRevenueIsCompared(t *testing.T) {
	in := demoInput(t, "en")
	// Åkerlunds' 400 000 in EUR instead of SEK.
	for i, cu := range in.Dataset.Customers {
		if cu.Name == "Åkerlunds Järnhandel AB" {
			in.Dataset.Customers[i].Currency = "EUR"
		}
	}
	in.Dataset.Workshop.Currency = "SEK"
	in.Dataset.Workshop.Rates = map[string]float64{"EUR": 11.5}
	md := markdown(t, in)
	if !strings.Contains(md, "Revenue is compared in SEK. Converted at 1 EUR = 11.5 SEK.") {
		t.Errorf("report does not say how revenue is compared:\n%s", md[:min(len(md), 800)])
	}
	// Åkerlunds, 0.4 M EUR = 4.6 MSEK, now ranks above Bergkvist (2.8 MSEK)
	// among the P4 customers.
	if a, b := strings.Index(md, "| Åkerlunds Järnhandel AB | P4"), strings.Index(md, "| Bergkvist Entreprenad AB | P4"); a < 0 || b < 0 || a > b {
		t.Errorf("converted revenue did not rank Åkerlunds above Bergkvist (%d, %d)", a, b)
	}
	in.Dataset.Workshop.Rates = nil
	if md := markdown(t, in); !strings.Contains(md, "No rate to SEK for EUR") {
		t.Error("report does not say that EUR has no rate")
	}
	var csv bytes.Buffer
	if err := report.WriteCSV(&csv, in, report.CSVOptions{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.SplitN(csv.String(), "\n", 2)[0], "Revenue in SEK") {
		t.Error("CSV has no column in the base currency")
	}
}

// TestBriefShowsHistory: an answer to a retired question is shown with the
// old question's text and what replaced it, and is not scored.
func TestBriefShowsHistory(t *testing.T) {
	for _, lang := range langs {
		in := demoInput(t, lang)
		c := in.Content
		id := customerID(t, in.Dataset, "Mälarö Lyftteknik AB")
		before := assessmentOf(t, in, id)
		in.Dataset.Answers[id]["them.risk.alternatives"] = model.Answer{CustomerID: id, QuestionID: "them.risk.alternatives", Score: 1, Note: "from 2025"}
		if after := assessmentOf(t, in, id); after.Scores[model.SupplyRisk] != before.Scores[model.SupplyRisk] {
			t.Errorf("%s: a retired answer changed the risk score", lang)
		}
		br := brief(t, in, id)
		r, _ := c.RetiredQuestion("them.risk.alternatives")
		for _, want := range []string{c.T("brief.history"), r.Text, "from 2025"} {
			if !strings.Contains(br, want) {
				t.Errorf("%s: brief lacks %q", lang, want)
			}
		}
		var csv bytes.Buffer
		if err := report.WriteCSV(&csv, in, report.CSVOptions{Answers: true}); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(csv.String(), c.T("export.retired")) {
			t.Errorf("%s: answer sheet does not mark the retired question", lang)
		}
	}
}

// TestBriefFirstStepsAndCellTexts: the brief gives every activity its
// first step and the cell's own message and negotiation.
func TestBriefFirstStepsAndCellTexts(t *testing.T) {
	in := demoInput(t, "sv")
	c := in.Content
	id := customerID(t, in.Dataset, "Fjällvind Service AB")
	br := brief(t, in, id)
	cell := c.Cells["leverage-development"]
	for _, want := range []string{cell.Message, cell.Negotiation, cell.FirstStep(cell.Develop[0]), c.T("label.firststep")} {
		if !strings.Contains(br, want) {
			t.Errorf("brief lacks %q", want)
		}
	}
	if strings.Contains(br, c.Regimes[model.Independence].Negotiation) {
		t.Error("brief gives the regime's negotiation, not the cell's")
	}
	// The stance outside strategic items is indicative.
	if !strings.Contains(br, c.T("stance.indicative", c.Stances[model.Balance].Name)) {
		t.Error("brief does not mark the stance as indicative")
	}
}
