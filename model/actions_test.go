package model_test

import (
	"slices"
	"testing"
	"time"

	. "styrka/model"
)

func TestActionOverdue(t *testing.T) {
	stockholm := time.FixedZone("CET", 3600)
	today := time.Date(2026, 11, 27, 0, 30, 0, 0, stockholm) // still the 26th in UTC
	tests := []struct {
		name   string
		due    string
		status ActionStatus
		want   bool
	}{
		{"yesterday, open", "2026-11-26", StatusOpen, true},
		{"long ago, open", "2020-01-01", StatusOpen, true},
		{"today, open", "2026-11-27", StatusOpen, false},
		{"tomorrow, open", "2026-11-28", StatusOpen, false},
		{"no date, open", "", StatusOpen, false},
		{"yesterday, done", "2026-11-26", StatusDone, false},
		{"yesterday, dropped", "2026-11-26", StatusDropped, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := Action{Due: tt.due, Status: tt.status}
			if got := a.Overdue(today); got != tt.want {
				t.Errorf("Overdue(%s) = %v, want %v", tt.due, got, tt.want)
			}
		})
	}
}

func TestSortByDue(t *testing.T) {
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	in := []Action{
		{ID: "none-late", Created: at.Add(2 * time.Hour)},
		{ID: "dec", Due: "2026-12-01", Created: at},
		{ID: "none-early", Created: at},
		{ID: "jan-b", Due: "2026-01-15", Created: at.Add(time.Hour)},
		{ID: "jan-a", Due: "2026-01-15", Created: at},
		{ID: "feb", Due: "2026-02-01", Created: at},
	}
	orig := slices.Clone(in)
	got := SortByDue(in)
	var ids []string
	for _, a := range got {
		ids = append(ids, a.ID)
	}
	want := []string{"jan-a", "jan-b", "feb", "dec", "none-early", "none-late"}
	if !slices.Equal(ids, want) {
		t.Errorf("SortByDue = %v, want %v", ids, want)
	}
	if !slices.EqualFunc(in, orig, func(a, b Action) bool { return a.ID == b.ID }) {
		t.Error("SortByDue changed its input")
	}
}

func TestFilterActions(t *testing.T) {
	as := []Action{
		{ID: "1", CustomerID: "c1", Owner: "Anna", Status: StatusOpen},
		{ID: "2", CustomerID: "c1", Owner: "anna ", Status: StatusDone},
		{ID: "3", CustomerID: "c2", Owner: "Bo", Status: StatusOpen},
		{ID: "4", CustomerID: "c2", Status: StatusDropped},
	}
	tests := []struct {
		name string
		f    ActionFilter
		want []string
	}{
		{"all", ActionFilter{}, []string{"1", "2", "3", "4"}},
		{"owner regardless of case and spaces", ActionFilter{Owner: "ANNA"}, []string{"1", "2"}},
		{"no owner", ActionFilter{Owner: NoOwner}, []string{"4"}},
		{"status", ActionFilter{Status: StatusOpen}, []string{"1", "3"}},
		{"owner and status", ActionFilter{Owner: "anna", Status: StatusDone}, []string{"2"}},
		{"customer", ActionFilter{CustomerID: "c2"}, []string{"3", "4"}},
		{"nobody", ActionFilter{Owner: "Cecilia"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ids []string
			for _, a := range FilterActions(as, tt.f) {
				ids = append(ids, a.ID)
			}
			if !slices.Equal(ids, tt.want) {
				t.Errorf("FilterActions = %v, want %v", ids, tt.want)
			}
		})
	}
	if got, want := Owners(as), []string{"Anna", "Bo"}; !slices.Equal(got, want) {
		t.Errorf("Owners = %q, want %q", got, want)
	}
}

func TestLastOwner(t *testing.T) {
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	as := []Action{
		{Owner: "Anna", Updated: at},
		{Owner: "Bo", Updated: at.Add(time.Hour)},
		{Owner: "", Updated: at.Add(2 * time.Hour)},
	}
	if got := LastOwner(as); got != "Bo" {
		t.Errorf("LastOwner = %q, want Bo", got)
	}
	if got := LastOwner(nil); got != "" {
		t.Errorf("LastOwner(nil) = %q", got)
	}
}

func TestActionValidate(t *testing.T) {
	ok := Action{Kind: Develop, Status: StatusOpen, Text: "Joint business plan", Due: "2026-12-01"}
	if err := ok.Validate(); err != nil {
		t.Fatalf("valid action: %v", err)
	}
	tests := []struct {
		name string
		edit func(*Action)
	}{
		{"kind", func(a *Action) { a.Kind = "grow" }},
		{"status", func(a *Action) { a.Status = "" }},
		{"text", func(a *Action) { a.Text = "  " }},
		{"due", func(a *Action) { a.Due = "1/12/2026" }},
		{"impossible due", func(a *Action) { a.Due = "2026-02-30" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := ok
			tt.edit(&a)
			if a.Validate() == nil {
				t.Errorf("Validate(%+v) = nil, want an error", a)
			}
		})
	}
	for _, d := range []string{"", "2026-01-31"} {
		if !ValidDue(d) {
			t.Errorf("ValidDue(%q) = false", d)
		}
	}
}

func TestActionSources(t *testing.T) {
	if got := SourceCell(Cell{Strategic, Core}); got != "cell:strategic-core" {
		t.Errorf("SourceCell = %q", got)
	}
	if got := SourceRegime(BuyerDominance); got != "regime:buyer_dominance" {
		t.Errorf("SourceRegime = %q", got)
	}
}
