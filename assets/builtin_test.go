package assets

import (
	"fmt"
	"reflect"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestBuiltinMatchesYAML holds the precompiled content (builtin_gen.go)
// equal to the YAML it was made from: editing en.yaml or sv.yaml without
// regenerating fails here and says what to run.
func TestBuiltinMatchesYAML(t *testing.T) {
	for _, lang := range Languages {
		t.Run(lang, func(t *testing.T) {
			data, err := Raw(lang)
			if err != nil {
				t.Fatal(err)
			}
			want, err := parse(lang+".yaml", data, nil)
			if err != nil {
				t.Fatalf("%s.yaml: %v", lang, err)
			}
			got := builtinContent(lang)
			if got == nil {
				t.Fatalf("builtin_gen.go has no content for %q: run `go generate ./assets` and commit assets/builtin_gen.go", lang)
			}
			if where := firstDifference(reflect.ValueOf(*got), reflect.ValueOf(*want), "content"); where != "" {
				t.Fatalf("assets/builtin_gen.go is out of date with assets/%s.yaml (first difference: %s): run `go generate ./assets` and commit assets/builtin_gen.go", lang, where)
			}
		})
	}
}

// TestBuiltinIsFresh: every call builds its own value, so a caller that
// changes its content (as Load's overlay may) changes no one else's.
func TestBuiltinIsFresh(t *testing.T) {
	a, b := MustBuiltin("en"), MustBuiltin("en")
	a.UI["quote"] = "changed"
	a.Sets[0].Title = "changed"
	if b.UI["quote"] == "changed" || b.Sets[0].Title == "changed" {
		t.Fatal("two calls of Builtin share their content")
	}
}

// firstDifference names the first field path where got and want differ,
// or "" when they are deeply equal.
func firstDifference(got, want reflect.Value, path string) string {
	if reflect.DeepEqual(got.Interface(), want.Interface()) {
		return ""
	}
	switch got.Kind() {
	case reflect.Struct:
		for i := range got.NumField() {
			name := got.Type().Field(i).Name
			if d := firstDifference(got.Field(i), want.Field(i), path+"."+name); d != "" {
				return d
			}
		}
	case reflect.Slice:
		if got.IsNil() != want.IsNil() || got.Len() != want.Len() {
			return fmt.Sprintf("%s: %d items generated, %d in the YAML", path, got.Len(), want.Len())
		}
		for i := range got.Len() {
			if d := firstDifference(got.Index(i), want.Index(i), fmt.Sprintf("%s[%d]", path, i)); d != "" {
				return d
			}
		}
	case reflect.Map:
		for _, k := range want.MapKeys() {
			g := got.MapIndex(k)
			if !g.IsValid() {
				return fmt.Sprintf("%s[%v]: in the YAML, not generated", path, k)
			}
			if d := firstDifference(g, want.MapIndex(k), fmt.Sprintf("%s[%v]", path, k)); d != "" {
				return d
			}
		}
		for _, k := range got.MapKeys() {
			if !want.MapIndex(k).IsValid() {
				return fmt.Sprintf("%s[%v]: generated, not in the YAML", path, k)
			}
		}
		if got.IsNil() != want.IsNil() {
			return path + ": nil on one side only"
		}
	}
	return fmt.Sprintf("%s: %v generated, %v in the YAML", path, got.Interface(), want.Interface())
}

func BenchmarkBuiltin(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if builtinContent("sv") == nil {
			b.Fatal("no content")
		}
	}
}

// BenchmarkParseBuiltinYAML is what every run paid before the content was
// precompiled.
func BenchmarkParseBuiltinYAML(b *testing.B) {
	data, err := Raw("sv")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parse("sv.yaml", data, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// TestBuiltinDemoMatchesYAML does the same for the demo workshop.
func TestBuiltinDemoMatchesYAML(t *testing.T) {
	var want Demo
	if err := yaml.Unmarshal(demoYAML, &want); err != nil {
		t.Fatalf("demo.yaml: %v", err)
	}
	got := builtinDemo()
	if got == nil {
		t.Fatal("builtin_gen.go has no demo: run `go generate ./assets` and commit assets/builtin_gen.go")
	}
	if where := firstDifference(reflect.ValueOf(*got), reflect.ValueOf(want), "demo"); where != "" {
		t.Fatalf("assets/builtin_gen.go is out of date with assets/demo.yaml (first difference: %s): run `go generate ./assets` and commit assets/builtin_gen.go", where)
	}
}
