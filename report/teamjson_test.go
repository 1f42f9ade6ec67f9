package report_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"styrka/model"
	"styrka/report"
)

// teamInput is the demo with three participants and two silent rounds on
// its first customer: a closed one with an agreed score and a re-vote, and
// an open one.
func teamInput(t testing.TB, lang string) report.Input {
	t.Helper()
	in := demoInput(t, lang)
	ds := &in.Dataset
	at := time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)
	wid, cid := ds.Workshop.ID, ds.Customers[0].ID
	qs := in.Content.Questions()
	for i, name := range []string{"Anna Berg", "Bo Ek", "Cia Öst"} {
		ds.Participants = append(ds.Participants, model.Participant{ID: "p" + string(rune('1'+i)), WorkshopID: wid,
			Name: name, Role: "KAM", Created: at.Add(time.Duration(i) * time.Second)})
	}
	closed := model.SilentRound{ID: "r1", WorkshopID: wid, CustomerID: cid, Questions: []string{qs[0].ID, qs[1].ID},
		Participants: []string{"p1", "p2", "p3"}, Opened: at, TimeboxSeconds: 600, State: model.SilentOpen}
	for i, p := range closed.Participants {
		ds.Votes = append(ds.Votes,
			model.Vote{RoundID: "r1", ParticipantID: p, QuestionID: qs[0].ID, Score: model.Score(1 + 2*i), Note: "noted by " + p, At: at},
			model.Vote{RoundID: "r1", ParticipantID: p, QuestionID: qs[1].ID, Score: model.DontKnow, At: at})
	}
	closed.Reveal(at.Add(10 * time.Minute))
	closed.OpenRevote(qs[0].ID)
	ds.Votes = append(ds.Votes, model.Vote{RoundID: "r1", ParticipantID: "p1", QuestionID: qs[0].ID, Revote: 1, Score: 3, At: at.Add(11 * time.Minute)})
	closed.Reveal(at.Add(12 * time.Minute))
	closed.Agree(qs[0].ID, 3)
	closed.Close(at.Add(15 * time.Minute))
	open := model.SilentRound{ID: "r2", WorkshopID: wid, CustomerID: cid, Questions: []string{qs[2].ID},
		Participants: []string{"p1"}, Opened: at.Add(time.Hour), State: model.SilentOpen}
	ds.SilentRounds = []model.SilentRound{closed, open}
	model.SortVotes(ds.Votes)
	return in
}

func TestJSONRoundTripWithTeam(t *testing.T) {
	for _, lang := range langs {
		t.Run(lang, func(t *testing.T) {
			in := teamInput(t, lang)
			qs := in.Content.Questions()
			data := writeJSON(t, in.Dataset, qs)
			got, err := report.ReadJSON(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("ReadJSON: %v", err)
			}
			if !reflect.DeepEqual(got.Participants, in.Dataset.Participants) {
				t.Errorf("participants\n%+v\nwant\n%+v", got.Participants, in.Dataset.Participants)
			}
			if !reflect.DeepEqual(got.SilentRounds, in.Dataset.SilentRounds) {
				t.Errorf("silent rounds\n%+v\nwant\n%+v", got.SilentRounds, in.Dataset.SilentRounds)
			}
			if !reflect.DeepEqual(got.Votes, in.Dataset.Votes) {
				t.Errorf("votes\n%+v\nwant\n%+v", got.Votes, in.Dataset.Votes)
			}
			if !reflect.DeepEqual(got, in.Dataset) {
				t.Error("ReadJSON(WriteJSON(team)) differs from the dataset")
			}
			if again := writeJSON(t, got, qs); !bytes.Equal(again, data) {
				t.Error("export → import → export is not identical")
			}
		})
	}
}

// TestReadJSONVersion2 reads an export written before team scoring.
func TestReadJSONVersion2(t *testing.T) {
	in := planInput(t, "en")
	var doc map[string]any
	if err := json.Unmarshal(writeJSON(t, in.Dataset, in.Content.Questions()), &doc); err != nil {
		t.Fatal(err)
	}
	doc["version"] = 2
	delete(doc, "participants")
	delete(doc, "silent_rounds")
	delete(doc, "votes")
	got, err := report.ReadJSON(bytes.NewReader(mustMarshal(t, doc)))
	if err != nil {
		t.Fatalf("a version 2 export does not import: %v", err)
	}
	if !reflect.DeepEqual(got, in.Dataset) || got.Participants != nil || got.SilentRounds != nil || got.Votes != nil {
		t.Errorf("a version 2 export imports differently")
	}
}

func TestReadJSONTeamErrors(t *testing.T) {
	at := func(d map[string]any, list string, i int) map[string]any { return d[list].([]any)[i].(map[string]any) }
	tests := []struct {
		name   string
		edit   func(doc map[string]any)
		detail string
	}{
		{"participant without a name", func(d map[string]any) { at(d, "participants", 0)["name"] = " " }, "participants[0]: id and name"},
		{"duplicate participant", func(d map[string]any) { at(d, "participants", 1)["id"] = "p1" }, "participants[1]: duplicate id p1"},
		{"participant of another workshop", func(d map[string]any) { at(d, "participants", 2)["workshop_id"] = "w2" }, `participants[2]: workshop_id "w2"`},
		{"round of an unknown customer", func(d map[string]any) { at(d, "silent_rounds", 0)["customer_id"] = "nobody" }, `silent_rounds[0]: customer_id "nobody"`},
		{"round in a strange state", func(d map[string]any) { at(d, "silent_rounds", 1)["state"] = "paused" }, `silent_rounds[1]: state "paused"`},
		{"round of a stranger", func(d map[string]any) { at(d, "silent_rounds", 1)["participants"] = []any{"p9"} }, `silent_rounds[1].participants[0]: "p9"`},
		{"round without questions", func(d map[string]any) { at(d, "silent_rounds", 1)["questions"] = []any{} }, "silent_rounds[1]: questions are required"},
		{"duplicate round", func(d map[string]any) { at(d, "silent_rounds", 1)["id"] = "r1" }, "silent_rounds[1]: duplicate id r1"},
		{"vote of no round", func(d map[string]any) { at(d, "votes", 0)["round_id"] = "r9" }, `votes[0]: round_id "r9"`},
		{"vote of a stranger", func(d map[string]any) { at(d, "votes", 0)["participant_id"] = "p9" }, `votes[0]: participant_id "p9"`},
		{"bad vote score", func(d map[string]any) { at(d, "votes", 1)["score"] = 7 }, "votes[1]: score 7"},
	}
	in := teamInput(t, "en")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var doc map[string]any
			if err := json.Unmarshal(writeJSON(t, in.Dataset, in.Content.Questions()), &doc); err != nil {
				t.Fatal(err)
			}
			tt.edit(doc)
			_, err := report.ReadJSON(bytes.NewReader(mustMarshal(t, doc)))
			var ie *report.ImportError
			if !errors.As(err, &ie) || ie.Problem != "invalid" || !strings.Contains(ie.Detail, tt.detail) {
				t.Errorf("ReadJSON = %v, want invalid: …%s…", err, tt.detail)
			}
		})
	}
}

// Texts of actions, participants and votes have the same limits in a JSON
// import as when typed.
func TestReadJSONLimitsPlanAndTeamTexts(t *testing.T) {
	long := func(n int) string { return strings.Repeat("å", n) }
	for _, tc := range []struct {
		field string
		edit  func(d *model.Dataset)
	}{
		{"actions[0].text", func(d *model.Dataset) { d.Actions[0].Text = long(model.MaxActionTextLen + 1) }},
		{"actions[0].owner", func(d *model.Dataset) { d.Actions[0].Owner = long(model.MaxActionOwnerLen + 1) }},
		{"participants[0].name", func(d *model.Dataset) { d.Participants[0].Name = long(model.MaxParticipantNameLen + 1) }},
		{"votes[0].note", func(d *model.Dataset) { d.Votes[0].Note = long(model.MaxAnswerNoteLen + 1) }},
	} {
		t.Run(tc.field, func(t *testing.T) {
			in := teamInput(t, "en")
			d := &in.Dataset
			d.Actions = []model.Action{{ID: "a1", WorkshopID: d.Workshop.ID, CustomerID: d.Customers[0].ID, Kind: model.Develop,
				Text: "Call the buyer", Status: model.StatusOpen, Created: time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)}}
			tc.edit(d)
			data := writeJSON(t, *d, in.Content.Questions())
			_, err := report.ReadJSON(bytes.NewReader(data))
			if err == nil || !strings.Contains(err.Error(), tc.field) || !strings.Contains(err.Error(), "characters, at most") {
				t.Fatalf("err = %v", err)
			}
		})
	}
}
