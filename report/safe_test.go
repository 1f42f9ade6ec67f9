package report_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"
	"unicode"

	"styrka/model"
	"styrka/report"
)

// escapes are texts an attacker puts in a crafted database or content
// file: a link, a window title, a cleared screen, a clipboard write, a
// C1 CSI, a bidi override and a zero-width space.
var escapes = []string{
	"\x1b]8;;https://example.invalid/\x1b\\Link AB\x1b]8;;\x1b\\",
	"\x1b]0;pwned\x07Title AB",
	"\x1b[2J\x1b[HClear AB",
	"\x1b]52;c;cm0gLXJmIH4=\x07Clip AB",
	"C1\u009b2J AB",
	"Bidi\u202eBA",
	"Exist\u200bing AB\x1b[8m",
}

// escapeInput is the demo workshop with escapes names, notes, actions,
// rounds and content.
func escapeInput(t *testing.T, lang string) report.Input {
	in := demoInput(t, lang)
	ds := in.Dataset
	ds.Workshop.Name = escapes[0]
	ds.Workshop.OurCompany = escapes[1]
	for i := range ds.Customers {
		c := &ds.Customers[i]
		c.Name = escapes[i%len(escapes)] + " " + c.Name
		c.Offering = escapes[(i+1)%len(escapes)]
		c.Notes = escapes[(i+2)%len(escapes)] + "\nline two\x1b]0;x\x07"
		c.Tags = []string{escapes[(i+3)%len(escapes)]}
		for q, a := range ds.Answers[c.ID] {
			a.Note = escapes[(i+4)%len(escapes)]
			a.Author = escapes[(i+5)%len(escapes)]
			ds.Answers[c.ID][q] = a
		}
	}
	ds.Actions = append(ds.Actions, model.Action{ID: "a1", WorkshopID: ds.Workshop.ID, CustomerID: ds.Customers[0].ID,
		Kind: model.ActionKind("meeting"), Text: escapes[2], Owner: escapes[3], Status: model.ActionStatus("open")})
	ds.Rounds = append(ds.Rounds, model.Snapshot(ds, in.Content.Questions(), time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)))
	ds.Rounds[len(ds.Rounds)-1].Name = escapes[4]
	in.Dataset = ds
	q := &in.Content.Sets[0].Questions[0]
	q.Text = escapes[5] + q.Text
	q.Anchors[0] = escapes[0] + q.Anchors[0]
	in.Content.UI["report.title"] = "\x1b]0;ui\x07" + in.Content.UI["report.title"]
	return in
}

// unsafeIn names the first thing in out a terminal would act on.
func unsafeIn(out string) string {
	for i, r := range out {
		switch {
		case r == '\n' || r == '\t' || r == '\r' || r == '\ufeff' && i == 0: // the CSV's byte order mark
		case r == 0x1b:
			return "ESC at " + strings.ReplaceAll(out[max(i-20, 0):min(i+20, len(out))], "\x1b", "␛")
		case unicode.IsControl(r), r == 0x202e, r == 0x200b:
			return string(r) + " at " + out[max(i-20, 0):i]
		}
	}
	return ""
}

func TestTextReportsCarryNoEscapes(t *testing.T) {
	for _, lang := range langs {
		in := escapeInput(t, lang)
		cid := in.Dataset.Customers[0].ID
		cases := []struct {
			name, format string
			o            report.WriteOptions
		}{
			{"md", "md", report.WriteOptions{}},
			{"brief", "md", report.WriteOptions{CustomerID: cid}},
			{"csv", "csv", report.WriteOptions{}},
			{"csv answers", "csv", report.WriteOptions{CSV: report.CSVOptions{Answers: true}}},
			{"csv actions", "csv", report.WriteOptions{CSV: report.CSVOptions{Actions: true}}},
			{"csv rounds", "csv", report.WriteOptions{CSV: report.CSVOptions{Rounds: true}}},
			{"svg", "svg", report.WriteOptions{}},
			{"handout", "handout", report.WriteOptions{}},
			{"handout for a customer", "handout", report.WriteOptions{CustomerID: cid}},
			{"json", "json", report.WriteOptions{}},
		}
		for _, c := range cases {
			t.Run(lang+"/"+c.name, func(t *testing.T) {
				var b bytes.Buffer
				if err := report.Write(&b, c.format, in, c.o); err != nil {
					t.Fatal(err)
				}
				if bad := unsafeIn(b.String()); bad != "" {
					t.Fatalf("%s report holds %s", c.name, bad)
				}
				if c.format != "json" && !strings.Contains(b.String(), "Link AB") {
					t.Errorf("%s report lost the name itself", c.name)
				}
			})
		}
		t.Run(lang+"/compare", func(t *testing.T) {
			for _, write := range []func(*bytes.Buffer) error{
				func(b *bytes.Buffer) error {
					return report.WriteCompare(b, in, in.Dataset.Rounds[len(in.Dataset.Rounds)-1])
				},
				func(b *bytes.Buffer) error {
					return report.WriteCompareJSON(b, in, in.Dataset.Rounds[len(in.Dataset.Rounds)-1])
				},
			} {
				var b bytes.Buffer
				if err := write(&b); err != nil {
					t.Fatal(err)
				}
				if bad := unsafeIn(b.String()); bad != "" {
					t.Fatalf("comparison holds %s", bad)
				}
			}
		})
	}
}

// TestJSONKeepsHostileTextExactly: JSON escapes what a terminal would act
// on instead of dropping it, so an export holds the data to the byte.
func TestJSONKeepsHostileTextExactly(t *testing.T) {
	in := escapeInput(t, "en")
	var b bytes.Buffer
	if err := report.Write(&b, "json", in, report.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Workshop  struct{ Name string }
		Customers []struct{ Name, Notes string }
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Workshop.Name != in.Dataset.Workshop.Name {
		t.Errorf("workshop name %q, want %q", doc.Workshop.Name, in.Dataset.Workshop.Name)
	}
	for i, c := range doc.Customers {
		if want := in.Dataset.Customers[i]; c.Name != want.Name || c.Notes != want.Notes {
			t.Errorf("customer %d: %q / %q, want %q / %q", i, c.Name, c.Notes, want.Name, want.Notes)
		}
	}
}

// TestJSONEscapingAcrossWrites: a rune split between two writes of the
// encoder is escaped whole.
func TestJSONEscapingAcrossWrites(t *testing.T) {
	in := escapeInput(t, "en")
	var whole bytes.Buffer
	if err := report.Write(&whole, "json", in, report.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(whole.String(), `\u202e`) || !strings.Contains(whole.String(), `\u009b`) {
		t.Fatalf("the JSON does not escape the bidi override and the C1 CSI:\n%.400s", whole.String())
	}
}

// BenchmarkWriteJSONSafe measures what the escaping of writeJSON costs:
// the demo through Write (escaped) and through WriteJSON alone.
func BenchmarkWriteJSONSafe(b *testing.B) {
	in := demoInput(b, "sv")
	b.Run("escaped", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var buf bytes.Buffer
			if err := report.Write(&buf, "json", in, report.WriteOptions{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("plain", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var buf bytes.Buffer
			if err := report.WriteJSON(&buf, in.Dataset, in.Content.Questions()); err != nil {
				b.Fatal(err)
			}
		}
	})
}
