package report_test

import (
	"encoding/csv"
	"slices"
	"strings"
	"testing"
	"time"

	"styrka/model"
	"styrka/report"
	"styrka/ui/mapview"
)

// divergedName is the demo customer withDivergence marks.
const divergedName = "Gränsö Marin AB"

// withDivergence adds to the demo a revealed silent round on
// divergedName in which the team's scores spread from 1 to 5 on the
// first question of set A, with no agreed score, and agreed on the
// second; it returns the first question's reference ("A 1/10").
func withDivergence(t testing.TB, lang string) (report.Input, string) {
	t.Helper()
	in := demoInput(t, lang)
	id := customerID(t, in.Dataset, divergedName)
	set := in.Content.QuestionSets()[0]
	q1, q2 := set.Questions[0].ID, set.Questions[1].ID
	at := time.Date(2026, 11, 2, 13, 0, 0, 0, time.UTC)
	in.Dataset.SilentRounds = append(in.Dataset.SilentRounds, model.SilentRound{
		ID: "round-1", WorkshopID: in.Dataset.Workshop.ID, CustomerID: id, Questions: []string{q1, q2},
		Participants: []string{"anna", "bo"}, Opened: at, State: model.SilentRevealed, Revealed: at,
	})
	for _, v := range []struct {
		p, q string
		s    model.Score
	}{{"anna", q1, 1}, {"bo", q1, 5}, {"anna", q2, 3}, {"bo", q2, 3}} {
		in.Dataset.Votes = append(in.Dataset.Votes, model.Vote{RoundID: "round-1", ParticipantID: v.p, QuestionID: v.q, Score: v.s, At: at})
	}
	return in, report.QuestionRefs(in.Content, []string{q1})
}

// TestMarkdownMarksDivergence: the report marks the customer on its map
// and in its priority list with the TUI's !, and says what it means;
// the brief names the questions. Without a divergence there is no mark.
func TestMarkdownMarksDivergence(t *testing.T) {
	for _, lang := range langs {
		t.Run(lang, func(t *testing.T) {
			in, ref := withDivergence(t, lang)
			md := markdown(t, in)
			marked := divergedName + " " + mapview.DivergedMarker
			inside, outside := fenced(md)
			if !strings.Contains(strings.Join(inside, "\n"), marked) {
				t.Errorf("the map does not mark %q", marked)
			}
			if !strings.Contains(strings.Join(outside, "\n"), "| "+marked+" |") {
				t.Errorf("the priority list does not mark %q", marked)
			}
			if n := strings.Count(md, mapview.LegendDiverged(in.Content)); n != 2 {
				t.Errorf("the meaning of ! is said %d times, want under the map and under the list", n)
			}
			if strings.Count(md, " "+mapview.DivergedMarker+" ") > strings.Count(md, marked+" ")+2 {
				t.Errorf("other customers are marked")
			}
			b := brief(t, in, customerID(t, in.Dataset, divergedName))
			if want := "- " + mapview.DivergedMarker + " " + in.Content.T("report.diverged", ref); !strings.Contains(b, want) {
				t.Errorf("the brief lacks %q", want)
			}
			if !strings.HasPrefix(ref, "A 1/") {
				t.Errorf("question named %q", ref)
			}
			if plain := markdown(t, demoInput(t, lang)); strings.Contains(plain, mapview.LegendDiverged(in.Content)) {
				t.Error("a workshop with no divergence explains the mark")
			}
		})
	}
}

// TestSVGMarksDivergence: the SVG writes the ! after the name and says
// in a note what it means.
func TestSVGMarksDivergence(t *testing.T) {
	for _, lang := range langs {
		t.Run(lang, func(t *testing.T) {
			in, _ := withDivergence(t, lang)
			doc := parseSVG(t, writeSVG(t, in))
			// Notes wrap onto lines of their own.
			all := strings.Join(strings.Fields(strings.Join(doc.texts, " ")), " ")
			if !strings.Contains(all, divergedName+" "+mapview.DivergedMarker) {
				t.Errorf("the SVG does not mark %q", divergedName)
			}
			if !strings.Contains(all, in.Content.T("export.svg.diverged")) {
				t.Error("the SVG does not say what ! means")
			}
		})
	}
}

// TestSpreadsheetsMarkDivergence: the customers' sheet of the CSV and the
// workbook has a column naming the questions the team diverged on, filled
// for the diverged customer only; on the line has its columns already.
func TestSpreadsheetsMarkDivergence(t *testing.T) {
	for _, lang := range langs {
		t.Run(lang, func(t *testing.T) {
			in, ref := withDivergence(t, lang)
			header := in.Content.T("export.diverged")
			var b strings.Builder
			if err := report.WriteCSV(&b, in, report.CSVOptions{}); err != nil {
				t.Fatal(err)
			}
			r := csv.NewReader(strings.NewReader(strings.TrimPrefix(b.String(), report.BOM)))
			r.Comma = report.DefaultDelimiter(lang)
			recs, err := r.ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			col := slices.Index(recs[0], header)
			if col < 0 {
				t.Fatalf("no column %q in %q", header, recs[0])
			}
			for _, rec := range recs[1:] {
				want := ""
				if rec[1] == divergedName {
					want = ref
				}
				if rec[col] != want {
					t.Errorf("%s: %q, want %q", rec[1], rec[col], want)
				}
			}
			f := openXLSX(t, in)
			rows, err := f.GetRows(in.Content.T("export.sheet.customers"))
			if err != nil {
				t.Fatal(err)
			}
			xcol := slices.Index(rows[0], header)
			for _, r := range rows[1:] {
				if r[1] == divergedName && (xcol < 0 || r[xcol] != ref) {
					t.Errorf("the workbook does not name %q for %s: %q", ref, divergedName, r)
				}
			}
		})
	}
}
