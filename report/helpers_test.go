package report_test

import (
	"strings"
	"testing"

	"styrka/assets"
	"styrka/model"
	"styrka/report"
)

// langs are the built-in languages the report is written in.
var langs = []string{"sv", "en"}

// demoInput builds the demo workshop with the built-in content of lang.
func demoInput(t testing.TB, lang string) report.Input {
	t.Helper()
	ds, err := assets.DemoDataset(lang)
	if err != nil {
		t.Fatalf("DemoDataset(%q): %v", lang, err)
	}
	return report.Input{Dataset: ds, Content: assets.MustBuiltin(lang), Lang: lang}
}

// customerID finds a demo customer by name.
func customerID(t testing.TB, ds model.Dataset, name string) string {
	t.Helper()
	for _, c := range ds.Customers {
		if c.Name == name {
			return c.ID
		}
	}
	t.Fatalf("no customer %q in the dataset", name)
	return ""
}

// assessmentOf scores one customer of an input.
func assessmentOf(t testing.TB, in report.Input, id string) model.Assessment {
	t.Helper()
	for _, a := range in.Dataset.Assess(in.Content.Questions()) {
		if a.Customer.ID == id {
			return a
		}
	}
	t.Fatalf("no customer %s", id)
	return model.Assessment{}
}

func markdown(t testing.TB, in report.Input) string {
	t.Helper()
	var b strings.Builder
	if err := report.WriteMarkdown(&b, in); err != nil {
		t.Fatalf("WriteMarkdown: %v", err)
	}
	return b.String()
}

func brief(t testing.TB, in report.Input, id string) string {
	t.Helper()
	var b strings.Builder
	if err := report.WriteBrief(&b, in, id); err != nil {
		t.Fatalf("WriteBrief(%s): %v", id, err)
	}
	return b.String()
}

// fenced splits Markdown into the lines inside ``` fences and the lines
// outside them.
func fenced(md string) (inside, outside []string) {
	in := false
	for _, l := range strings.Split(md, "\n") {
		if strings.HasPrefix(l, "```") {
			in = !in
			continue
		}
		if in {
			inside = append(inside, l)
		} else {
			outside = append(outside, l)
		}
	}
	return inside, outside
}

// section returns the text under the "## heading" up to the next "## ".
func section(md, heading string) (string, bool) {
	start := strings.Index(md, "\n## "+heading+"\n")
	if start < 0 {
		return "", false
	}
	rest := md[start+len("\n## "+heading+"\n"):]
	if end := strings.Index(rest, "\n## "); end >= 0 {
		rest = rest[:end]
	}
	return rest, true
}
