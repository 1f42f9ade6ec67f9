package assets

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"styrka/model"
)

// builtins loads every built-in language or stops the test.
func builtins(t *testing.T) map[string]*Content {
	t.Helper()
	out := map[string]*Content{}
	for _, lang := range Languages {
		c, err := Builtin(lang)
		if err != nil {
			t.Fatalf("Builtin(%q): %v", lang, err)
		}
		out[lang] = c
	}
	return out
}

func TestBuiltinLoads(t *testing.T) {
	for _, lang := range Languages {
		t.Run(lang, func(t *testing.T) {
			c, err := Builtin(lang)
			if err != nil {
				t.Fatalf("Builtin(%q): %v", lang, err)
			}
			if c.Lang != lang {
				t.Errorf("lang = %q, want %q", c.Lang, lang)
			}
		})
	}
	if _, err := Builtin("de"); err == nil {
		t.Error("Builtin(\"de\") succeeded, want an error")
	}
}

func sortedKeys[K ~string, V any](m map[K]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, string(k))
	}
	slices.Sort(out)
	return out
}

func TestBuiltinSameStructure(t *testing.T) {
	all := builtins(t)
	en, sv := all["en"], all["sv"]

	setIDs := func(c *Content) []model.SetID {
		var out []model.SetID
		for _, s := range c.Sets {
			out = append(out, s.ID)
		}
		return out
	}
	if got, want := setIDs(sv), setIDs(en); !slices.Equal(got, want) {
		t.Fatalf("sv sets %v, en sets %v", got, want)
	}
	if got, want := setIDs(en), model.Sets; !slices.Equal(got, want) {
		t.Errorf("sets %v, want %v in that order", got, want)
	}

	type shape struct {
		ID        string
		Dimension model.Dimension
		Weight    float64
		Quick     bool
		Anchors   int
	}
	shapes := func(s SetDoc) []shape {
		var out []shape
		for _, q := range s.Questions {
			out = append(out, shape{q.ID, q.Dimension, q.Weight, q.Quick, len(q.Anchors)})
		}
		return out
	}
	for i := range en.Sets {
		e, s := shapes(en.Sets[i]), shapes(sv.Sets[i])
		if len(e) != len(s) {
			t.Errorf("set %s: %d questions in en, %d in sv", en.Sets[i].ID, len(e), len(s))
			continue
		}
		for j := range e {
			if e[j] != s[j] {
				t.Errorf("set %s question %d: en %+v, sv %+v", en.Sets[i].ID, j, e[j], s[j])
			}
		}
	}

	tests := []struct {
		section string
		en, sv  []string
	}{
		{"dimensions", sortedKeys(en.Dimensions), sortedKeys(sv.Dimensions)},
		{"kraljic", sortedKeys(en.Kraljic), sortedKeys(sv.Kraljic)},
		{"preferencing", sortedKeys(en.Preferencing), sortedKeys(sv.Preferencing)},
		{"regimes", sortedKeys(en.Regimes), sortedKeys(sv.Regimes)},
		{"cells", sortedKeys(en.Cells), sortedKeys(sv.Cells)},
		{"stances", sortedKeys(en.Stances), sortedKeys(sv.Stances)},
		{"rooms", sortedKeys(en.Rooms), sortedKeys(sv.Rooms)},
		{"warnings", sortedKeys(en.Warnings), sortedKeys(sv.Warnings)},
		{"ui", sortedKeys(en.UI), sortedKeys(sv.UI)},
	}
	for _, tt := range tests {
		t.Run(tt.section, func(t *testing.T) {
			if !slices.Equal(tt.en, tt.sv) {
				t.Errorf("keys differ:\n en %v\n sv %v", tt.en, tt.sv)
			}
		})
	}

	// The advice lists are not keyed, but they should be parallel too.
	for _, lang := range []string{"en", "sv"} {
		if n := len(all[lang].Cells); n != 16 {
			t.Errorf("%s: %d cells, want 16", lang, n)
		}
	}
	for k, e := range en.Cells {
		s := sv.Cells[k]
		if len(e.Develop) != len(s.Develop) || len(e.Stop) != len(s.Stop) || len(e.Start) != len(s.Start) {
			t.Errorf("cells.%s: advice lengths differ between en and sv", k)
		}
	}
	for k, e := range en.Regimes {
		s := sv.Regimes[k]
		if len(e.Develop) != len(s.Develop) || len(e.Stop) != len(s.Stop) || len(e.Start) != len(s.Start) {
			t.Errorf("regimes.%s: advice lengths differ between en and sv", k)
		}
	}
}

// textField is one string found by walking a decoded Content.
type textField struct {
	path  string
	value string
	// optional is true for a field tagged omitempty, such as Named.Short
	// outside the dimensions.
	optional bool
	// key is true for identifiers (IDs, dimensions, the language), which
	// are the same in every language.
	key bool
}

// walkText collects every string of v with its path, independently of the
// validation code.
func walkText(v reflect.Value, path string, optional, key bool, out *[]textField, t *testing.T) {
	switch v.Kind() {
	case reflect.String:
		*out = append(*out, textField{path, v.String(), optional, key})
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			walkText(v.Elem(), path, optional, key, out, t)
		}
	case reflect.Struct:
		typ := v.Type()
		for i := range typ.NumField() {
			f := typ.Field(i)
			tag := f.Tag.Get("yaml")
			name, opts, _ := strings.Cut(tag, ",")
			p := path
			if name != "" && name != "-" {
				p = path + "." + name
			}
			isKey := key || f.Name == "ID" || f.Name == "Dimension" || f.Name == "Lang" || f.Name == "ReplacedBy"
			walkText(v.Field(i), p, strings.Contains(opts, "omitempty"), isKey, out, t)
		}
	case reflect.Slice, reflect.Array:
		if v.Len() == 0 {
			t.Errorf("%s: empty list", path)
		}
		for i := range v.Len() {
			walkText(v.Index(i), fmt.Sprintf("%s[%d]", path, i), false, key, out, t)
		}
	case reflect.Map:
		keys := v.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(a.String(), b.String()) })
		for _, k := range keys {
			walkText(v.MapIndex(k), path+"."+k.String(), false, key, out, t)
		}
	}
}

func texts(t *testing.T, c *Content) []textField {
	t.Helper()
	var out []textField
	walkText(reflect.ValueOf(c).Elem(), c.Lang, false, false, &out, t)
	return out
}

func TestBuiltinNoEmptyText(t *testing.T) {
	for lang, c := range builtins(t) {
		t.Run(lang, func(t *testing.T) {
			fields := texts(t, c)
			if len(fields) < 300 {
				t.Fatalf("only %d strings found; the walk is broken", len(fields))
			}
			for _, f := range fields {
				isShort := strings.HasSuffix(f.path, ".short") && !strings.Contains(f.path, ".ui.")
				if f.optional && !(isShort && strings.Contains(f.path, ".dimensions.")) {
					continue
				}
				if strings.TrimSpace(f.value) == "" {
					t.Errorf("%s is empty", f.path)
					continue
				}
				if f.value != strings.TrimSpace(f.value) {
					t.Errorf("%s has leading or trailing space: %q", f.path, f.value)
				}
				if strings.ContainsAny(f.value, "\t\n\r") {
					t.Errorf("%s spans lines or holds a tab: %q", f.path, f.value)
				}
				if strings.Contains(f.value, "**") || strings.Contains(f.value, "`") || strings.HasPrefix(f.value, "#") {
					t.Errorf("%s looks like markdown: %q", f.path, f.value)
				}
				if isShort && utf8.RuneCountInString(f.value) > 34 {
					t.Errorf("%s is too long for an axis label: %q", f.path, f.value)
				}
			}
		})
	}
}

// sameInBoth are UI texts that are rightly the same in Swedish and English:
// loan words and pure formats.
var sameInBoth = map[string]bool{
	"Workshop": true, "Dimension": true, "Workshop %s, %s": true, "%s: %s": true, "%s: %s: %s": true,
}

func TestBuiltinQuestionCounts(t *testing.T) {
	for lang, c := range builtins(t) {
		t.Run(lang, func(t *testing.T) {
			qs := c.Questions()
			if len(qs) < 16 {
				t.Errorf("%d questions, want at least 16", len(qs))
			}
			for _, d := range model.Dimensions {
				var n, quick int
				for _, q := range qs {
					if q.Dimension != d {
						continue
					}
					n++
					if q.Quick {
						quick++
					}
					if q.Set != d.Set() {
						t.Errorf("%s: dimension %s in set %s", q.ID, d, q.Set)
					}
					if want := string(q.Set) + "." + string(d) + "."; !strings.HasPrefix(q.ID, want) {
						t.Errorf("%s: ID should start with %q", q.ID, want)
					}
					for i, a := range q.Anchors {
						if strings.TrimSpace(a) == "" {
							t.Errorf("%s: anchor %d empty", q.ID, i+1)
						}
					}
				}
				if n < 4 {
					t.Errorf("dimension %s: %d questions, want at least 4", d, n)
				}
				if quick != 1 {
					t.Errorf("dimension %s: %d quick questions, want exactly 1", d, quick)
				}
			}
		})
	}
}

func TestSwedishIsTranslated(t *testing.T) {
	all := builtins(t)
	en, sv := all["en"], all["sv"]
	enQ, svQ := en.Questions(), sv.Questions()
	for i := range enQ {
		if enQ[i].Text == svQ[i].Text {
			t.Errorf("%s: same text in sv and en: %q", enQ[i].ID, enQ[i].Text)
		}
		if enQ[i].Help == svQ[i].Help {
			t.Errorf("%s: same help in sv and en", enQ[i].ID)
		}
	}
	// Every text at the same place should differ, apart from identifiers.
	enText := map[string]string{}
	for _, f := range texts(t, en) {
		if !f.key {
			enText[strings.TrimPrefix(f.path, "en")] = f.value
		}
	}
	var compared int
	for _, f := range texts(t, sv) {
		if f.key || f.value == "" {
			continue
		}
		p := strings.TrimPrefix(f.path, "sv")
		if e, ok := enText[p]; ok {
			compared++
			if e == f.value && !sameInBoth[e] && utf8.RuneCountInString(e) > 3 {
				t.Errorf("%s: same in sv and en: %q", p, e)
			}
		}
	}
	if compared < 250 {
		t.Errorf("only %d texts compared", compared)
	}
	// A few Swedish terms of the method must be there.
	for _, term := range []string{"Strategisk", "Hävstång", "Flaskhals", "Icke-kritisk", "Kärnkund", "Utvecklingskund", "Oidentifierad potential", "Lågvärdeskund", "Vi dominerar", "Ömsesidigt beroende", "Kunden dominerar", "Oberoende", "Exploatering", "Balans", "Diversifiering", "Resultatpåverkan", "Försörjningsrisk", "Ekonomiskt värde", "Attraktivitet"} {
		found := false
		for _, f := range texts(t, sv) {
			if strings.Contains(f.value, term) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("sv: term %q not used", term)
		}
	}
}

// userSets is a valid user content file holding only its own question sets;
// the cases of TestLoadErrors break it in one place each, marked "# here".
const userSets = `# Our own short question sets.
sets:
  - id: them
    title: Vilka är vi för kunden?
    intro: En kortare version för snabba möten.
    questions:
      - id: mine.impact
        dimension: impact
        weight: 1
        quick: true
        text: Hur mycket betyder det vi levererar för deras resultat?
        help: Tänk på deras inköpsbelopp.
        anchors: [Inget, Lite, Något, Mycket, Avgörande]
      - id: mine.risk
        dimension: risk
        weight: 2.5
        text: Hur svårt har de att ersätta oss?
        help: Räkna trovärdiga alternativ.
        anchors: [r1, r2, r3, r4, r5]
  - id: us
    title: Vem är kunden för oss?
    intro: Vår egen syn.
    questions:
      - id: mine.value
        dimension: value
        weight: 3
        text: Hur stor del av vår omsättning står de för?
        help: Tumregel 1–3 %.
        anchors: [v1, v2, v3, v4, v5]
      - id: mine.attr
        dimension: attractiveness
        weight: 0.5
        text: Hur attraktiva är de?
        help: Marginal och tillväxt.
        anchors: [a1, a2, a3, a4, a5]
`

func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestLoadUserSets(t *testing.T) {
	for _, lang := range Languages {
		t.Run(lang, func(t *testing.T) {
			path := writeFile(t, "mine.yaml", userSets)
			c, err := Load(path, lang)
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			qs := c.Questions()
			var ids []string
			weights := map[string]float64{}
			for _, q := range qs {
				ids = append(ids, q.ID)
				weights[q.ID] = q.Weight
			}
			if want := []string{"mine.impact", "mine.risk", "mine.value", "mine.attr"}; !slices.Equal(ids, want) {
				t.Errorf("questions %v, want %v", ids, want)
			}
			if weights["mine.risk"] != 2.5 || weights["mine.attr"] != 0.5 {
				t.Errorf("weights %v", weights)
			}
			if qs[1].Anchors[4] != "r5" {
				t.Errorf("anchor 5 of mine.risk = %q", qs[1].Anchors[4])
			}
			// Everything else comes from the built-in content.
			base := MustBuiltin(lang)
			if c.Lang != lang {
				t.Errorf("lang = %q, want %q", c.Lang, lang)
			}
			if c.Kraljic[model.Strategic] != base.Kraljic[model.Strategic] {
				t.Error("kraljic texts not taken from the built-in content")
			}
			if !maps.Equal(c.Warnings, base.Warnings) {
				t.Error("warnings not taken from the built-in content")
			}
			if len(c.Cells) != 16 {
				t.Errorf("%d cells after overlay, want 16", len(c.Cells))
			}
		})
	}
}

func TestLoadOverridesSectionsByKey(t *testing.T) {
	path := writeFile(t, "names.yaml", "kraljic:\n  strategic:\n    name: Partner\n    description: Vår egen text.\n    behaviour: Planerar tillsammans.\n")
	c, err := Load(path, "sv")
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if got := c.Kraljic[model.Strategic].Name; got != "Partner" {
		t.Errorf("strategic name = %q", got)
	}
	base := MustBuiltin("sv")
	if c.Kraljic[model.Leverage] != base.Kraljic[model.Leverage] {
		t.Error("other kraljic classes should stay built-in")
	}
	if len(c.Questions()) != len(base.Questions()) {
		t.Error("built-in questions should stay when the file has no sets")
	}
}

// lineOfMarker is the 1-based line of text that holds "# here".
func lineOfMarker(t *testing.T, text string) int {
	t.Helper()
	for i, l := range strings.Split(text, "\n") {
		if strings.Contains(l, "# here") {
			return i + 1
		}
	}
	t.Fatal("no # here marker")
	return 0
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name        string
		old, new    string
		field       string
		problem     Problem
		detailPart  string
		markerCount int
	}{
		{
			name:    "weight zero",
			old:     "weight: 2.5",
			new:     "weight: 0 # here",
			field:   "sets[0].questions[1].weight",
			problem: ProblemWeight,
		},
		{
			name:    "negative weight",
			old:     "weight: 3",
			new:     "weight: -1 # here",
			field:   "sets[1].questions[0].weight",
			problem: ProblemWeight,
		},
		{
			name:    "missing weight",
			old:     "      - id: mine.risk\n        dimension: risk\n        weight: 2.5\n",
			new:     "      - id: mine.risk # here\n        dimension: risk\n",
			field:   "sets[0].questions[1].weight",
			problem: ProblemWeight,
		},
		{
			name:       "four anchors",
			old:        "anchors: [r1, r2, r3, r4, r5]",
			new:        "anchors: [r1, r2, r3, r4] # here",
			field:      "sets[0].questions[1].anchors",
			problem:    ProblemAnchors,
			detailPart: "4",
		},
		{
			name:    "empty anchor",
			old:     "anchors: [v1, v2, v3, v4, v5]",
			new:     "anchors: [v1, v2, '', v4, v5] # here",
			field:   "sets[1].questions[0].anchors[2]",
			problem: ProblemEmpty,
		},
		{
			name:    "unknown key",
			old:     "weight: 2.5",
			new:     "wieght: 2.5 # here",
			field:   "wieght",
			problem: ProblemUnknown,
		},
		{
			name:       "syntax error",
			old:        "text: Hur svårt har de att ersätta oss?",
			new:        "text: Svårt: har de alternativ? # here",
			problem:    ProblemSyntax,
			detailPart: "mapping values",
		},
		{
			name:       "duplicate question id",
			old:        "- id: mine.attr",
			new:        "- id: mine.impact # here",
			field:      "sets[1].questions[1].id",
			problem:    ProblemDuplicate,
			detailPart: "mine.impact",
		},
		{
			name:       "dimension not of the set",
			old:        "dimension: risk",
			new:        "dimension: value # here",
			field:      "sets[0].questions[1].dimension",
			problem:    ProblemInvalid,
			detailPart: "impact, risk",
		},
		{
			name:    "unknown dimension",
			old:     "dimension: attractiveness",
			new:     "dimension: attraction # here",
			field:   "sets[1].questions[1].dimension",
			problem: ProblemInvalid,
		},
		{
			name:    "second quick question",
			old:     "        dimension: risk\n        weight: 2.5\n",
			new:     "        dimension: impact\n        weight: 2.5\n        quick: true # here\n",
			field:   "sets[0].questions[1].quick",
			problem: ProblemDuplicate,
		},
		{
			name:    "empty text",
			old:     "text: Hur attraktiva är de?",
			new:     "text: '' # here",
			field:   "sets[1].questions[1].text",
			problem: ProblemEmpty,
		},
		{
			name:    "unknown set",
			old:     "- id: us",
			new:     "- id: ours # here",
			field:   "sets[1].id",
			problem: ProblemInvalid,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if strings.Count(userSets, tt.old) != 1 {
				t.Fatalf("%q is not unique in userSets", tt.old)
			}
			text := strings.Replace(userSets, tt.old, tt.new, 1)
			path := writeFile(t, "broken.yaml", text)
			_, err := Load(path, "sv")
			if err == nil {
				t.Fatal("Load succeeded, want an error")
			}
			var fe *FileError
			if !errors.As(err, &fe) {
				t.Fatalf("error %T %v, want *FileError", err, err)
			}
			if fe.File != path {
				t.Errorf("File = %q, want %q", fe.File, path)
			}
			if want := lineOfMarker(t, text); fe.Line != want {
				t.Errorf("Line = %d, want %d (%v)", fe.Line, want, err)
			}
			if tt.field != "" && fe.Field != tt.field {
				t.Errorf("Field = %q, want %q (%v)", fe.Field, tt.field, err)
			}
			if fe.Problem != tt.problem {
				t.Errorf("Problem = %q, want %q (%v)", fe.Problem, tt.problem, err)
			}
			if !strings.Contains(fe.Detail, tt.detailPart) {
				t.Errorf("Detail = %q, want it to hold %q", fe.Detail, tt.detailPart)
			}
			if want := fmt.Sprintf("%s:%d: ", path, fe.Line); !strings.HasPrefix(err.Error(), want) {
				t.Errorf("Error() = %q, want prefix %q", err.Error(), want)
			}
		})
	}
}

func TestLoadMissingFile(t *testing.T) {
	if _, err := Load(filepath.Join(t.TempDir(), "none.yaml"), "sv"); err == nil {
		t.Error("Load of a missing file succeeded")
	}
	path := writeFile(t, "mine.yaml", userSets)
	if _, err := Load(path, "fi"); err == nil {
		t.Error("Load with an unknown language succeeded")
	}
}

func TestDemoDecodesStrictly(t *testing.T) {
	dec := yaml.NewDecoder(bytes.NewReader(demoYAML))
	dec.KnownFields(true)
	var d Demo
	if err := dec.Decode(&d); err != nil {
		t.Fatalf("demo.yaml: %v", err)
	}
}

// demoAssessments scores the demo customers against the questions of lang.
func demoAssessments(t *testing.T, d *Demo, lang string) []model.Assessment {
	t.Helper()
	qs := MustBuiltin(lang).Questions()
	var out []model.Assessment
	for i, c := range d.Customers {
		rev := c.Revenue
		cust := model.Customer{ID: fmt.Sprint(i), Name: c.Name, Offering: c.Offering.In(lang), Revenue: &rev, Currency: c.Currency}
		answers := map[string]model.Answer{}
		for _, a := range c.Answers {
			answers[a.Question] = model.Answer{CustomerID: cust.ID, QuestionID: a.Question, Score: model.Score(a.Score), Note: a.Note.In(lang)}
		}
		out = append(out, model.Assess(model.DefaultThresholds(), qs, cust, answers))
	}
	return out
}

func TestDemo(t *testing.T) {
	d, err := LoadDemo()
	if err != nil {
		t.Fatalf("LoadDemo: %v", err)
	}
	if d.Workshop.Name == "" || d.Workshop.OurCompany == "" || d.Workshop.Author == "" {
		t.Errorf("workshop incomplete: %+v", d.Workshop)
	}
	if len(d.Workshop.Date) != len("2026-11-02") || d.Workshop.Date[4] != '-' || d.Workshop.Date[7] != '-' {
		t.Errorf("workshop date %q is not YYYY-MM-DD", d.Workshop.Date)
	}
	if n := len(d.Customers); n != 16 {
		t.Fatalf("%d demo customers, want 16, one per cell", n)
	}

	questions := MustBuiltin("en").Questions()
	known := map[string]bool{}
	for _, q := range questions {
		known[q.ID] = true
	}
	names := map[string]bool{}
	nordic := 0
	for _, c := range d.Customers {
		t.Run(c.Name, func(t *testing.T) {
			if names[c.Name] {
				t.Error("duplicate name")
			}
			names[c.Name] = true
			for _, txt := range []Text{c.Offering, c.Notes} {
				if strings.TrimSpace(txt.SV) == "" || strings.TrimSpace(txt.EN) == "" || txt.SV == txt.EN {
					t.Errorf("offering or notes missing or untranslated: %+v", txt)
				}
			}
			if c.Currency != "SEK" {
				t.Errorf("currency %q", c.Currency)
			}
			if c.Revenue < 400_000 || c.Revenue > 40_000_000 {
				t.Errorf("revenue %v outside 0.4–40 MSEK", c.Revenue)
			}
			if len(c.Tags) == 0 {
				t.Error("no tags")
			}
			seen := map[string]bool{}
			for _, a := range c.Answers {
				if !known[a.Question] {
					t.Errorf("answer to unknown question %q", a.Question)
				}
				if seen[a.Question] {
					t.Errorf("two answers to %q", a.Question)
				}
				seen[a.Question] = true
				if !model.Score(a.Score).Valid() {
					t.Errorf("%s: score %d outside 0–5", a.Question, a.Score)
				}
				if strings.TrimSpace(a.Note.SV) == "" || strings.TrimSpace(a.Note.EN) == "" {
					t.Errorf("%s: note missing in a language: %+v", a.Question, a.Note)
				}
				if a.Note.SV == a.Note.EN {
					t.Errorf("%s: note not translated: %q", a.Question, a.Note.SV)
				}
			}
			for _, q := range questions {
				if !seen[q.ID] {
					t.Errorf("no answer to %s", q.ID)
				}
			}
		})
		if strings.ContainsAny(c.Name, "åäöÅÄÖ") {
			nordic++
		}
	}
	if nordic < 4 {
		t.Errorf("%d names with å, ä or ö, want at least 4", nordic)
	}

	for _, lang := range Languages {
		t.Run("assess-"+lang, func(t *testing.T) {
			as := demoAssessments(t, d, lang)
			regimes := map[model.Regime]int{}
			cells := map[string]bool{}
			warns := map[model.WarningKind]int{}
			points := map[[2]float64]string{}
			validate, onLine := 0, 0
			for _, a := range as {
				name := a.Customer.Name
				cell, ok := a.Cell()
				if !a.Placed() || !ok {
					t.Errorf("%s is not placed", name)
					continue
				}
				regimes[a.Regime]++
				cells[cell.Key()] = true
				if cell.Regime() != a.Regime {
					t.Errorf("%s: cell %s lies in %s, regime is %s", name, cell.Key(), cell.Regime(), a.Regime)
				}
				for _, w := range a.Warnings {
					warns[w]++
				}
				if len(a.Validate) > 0 {
					validate++
				}
				if len(a.OnLine) > 0 {
					onLine++
				}
				p := [2]float64{a.Scores[model.RelativeValue].Value, a.Scores[model.SupplyRisk].Value}
				if other, dup := points[p]; dup {
					t.Errorf("%s and %s share the point (value %.2f, risk %.2f)", name, other, p[0], p[1])
				}
				points[p] = name
				if a.Coverage() < 0.8 {
					t.Errorf("%s: coverage %.2f", name, a.Coverage())
				}
				t.Logf("%-30s %-20s %-24s %s value %.2f risk %.2f impact %.2f attr %.2f %v",
					name, a.Regime, cell.Key(), a.Priority, p[0], p[1],
					a.Scores[model.ProfitImpact].Value, a.Scores[model.Attractiveness].Value, a.Warnings)
			}
			for _, r := range model.Regimes {
				if regimes[r] < 2 {
					t.Errorf("regime %s holds %d customers, want at least 2", r, regimes[r])
				}
			}
			if len(cells) != 16 {
				t.Errorf("%d distinct cells, want all 16", len(cells))
			}
			if onLine < 2 {
				t.Errorf("%d customers on the line, want at least 2", onLine)
			}
			for _, w := range []model.WarningKind{model.WarnOnLine, model.WarnExposed, model.WarnReplace, model.WarnBottleneck, model.WarnValidate} {
				if warns[w] == 0 {
					t.Errorf("no customer with warning %s", w)
				}
			}
			if warns[model.WarnLowCoverage] > 0 {
				t.Error("a demo customer has low coverage")
			}
			if validate == 0 {
				t.Error("no customer has answers to validate with the customer")
			}
			// The ranking puts a P1 customer first.
			if top := model.Rank(as)[0]; top.Priority != model.P1 {
				t.Errorf("top ranked %s has priority %s", top.Customer.Name, top.Priority)
			}
		})
	}
}

// A content file's texts reach the terminal, so they lose every escape
// sequence and control character when loaded: an OSC 8 link in a question
// is plain text.
func TestLoadCleansEscapes(t *testing.T) {
	hostile := strings.Replace(userSets, "r5", `"r5 \u001b]8;;https://example.invalid\u0007click\u001b]8;;\u0007 \u001b[31mred"`, 1)
	path := writeFile(t, "hostile.yaml", hostile)
	c, err := Load(path, "en")
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	got := c.Questions()[1].Anchors[4]
	if strings.ContainsAny(got, "\x1b\x07") || !strings.Contains(got, "click") {
		t.Fatalf("anchor 5 = %q", got)
	}
}
