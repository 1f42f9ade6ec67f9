package postgres_test

import (
	"strings"
	"testing"

	"styrka/store/postgres"
	"styrka/store/storetest"
)

// Check finds what the schema's constraints would have kept out, once
// someone has loaded data around them.
func TestCheck(t *testing.T) {
	url := storetest.FreshPostgres(t)
	db := openDB(t, url, postgres.Options{})
	d := storetest.Dataset(3, 2)
	if err := db.Import(d, false); err != nil {
		t.Fatal(err)
	}
	if errs := db.Check(); len(errs) > 0 {
		t.Fatalf("Check of a sound database: %v", errs)
	}
	exec(t, url, "ALTER TABLE answers DROP CONSTRAINT answers_workshop_id_customer_id_fkey")
	exec(t, url, "ALTER TABLE answers DROP CONSTRAINT answers_score_check")
	exec(t, url, "INSERT INTO answers VALUES ($1, 'ghost', 'q1', 3, '', '', now())", d.Workshop.ID)
	exec(t, url, "UPDATE answers SET score = 9 WHERE customer_id = $1 AND question_id = 'q00'", d.Customers[1].ID)
	exec(t, url, "UPDATE actions SET kind = 'dance' WHERE id = $1", d.Actions[0].ID)
	exec(t, url, "UPDATE silent_rounds SET participants = array_append(participants, 'nobody')")
	exec(t, url, "UPDATE styrka_schema SET version = 0")
	// The account planning's rules and references too.
	exec(t, url, "ALTER TABLE stakeholders DROP CONSTRAINT stakeholders_workshop_id_customer_id_fkey")
	exec(t, url, "INSERT INTO stakeholders VALUES ($1, 'phantom', 's', 'Eva', '', '', '', '', '', '', '', now(), now())", d.Workshop.ID)
	exec(t, url, "UPDATE stakeholders SET role = 'boss' WHERE name = 'Per Ek'")
	exec(t, url, "UPDATE targets SET kraljic = 'gold'")
	exec(t, url, "UPDATE answers SET source = 'rumour' WHERE customer_id = $1 AND question_id = 'q01'", d.Customers[0].ID)
	errs := db.Check()
	var all []string
	for _, err := range errs {
		all = append(all, err.Error())
	}
	got := strings.Join(all, "\n")
	for _, want := range []string{"schema version 0", `customer "ghost"`, "invalid score 9", `action kind "dance"`, `participant "nobody" does not exist`,
		`stakeholder "` + d.Workshop.ID + `/phantom/s": customer "phantom"`, `role "boss"`, `Kraljic class "gold"`, `answer source "rumour"`} {
		if !strings.Contains(got, want) {
			t.Errorf("Check does not report %q:\n%s", want, got)
		}
	}
	if len(errs) != 9 {
		t.Errorf("Check found %d problems, want 9:\n%s", len(errs), got)
	}
}
