//go:build styrkagen

package assets

// builtinContent and builtinDemo have nothing precompiled when assets/gen
// builds the package (tag styrkagen): Builtin and LoadDemo then parse the
// embedded YAML, which is what the generator writes out.
func builtinContent(string) *Content { return nil }

func builtinDemo() *Demo { return nil }
