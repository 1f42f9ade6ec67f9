package cli

import "testing"

func TestIsJSONFile(t *testing.T) {
	tests := []struct {
		path, data string
		want       bool
	}{
		{"demo.json", "Name\nAcme\n", true}, // the extension decides
		{"DEMO.JSON", "", true},
		{"list.csv", "{\"format\":1}", false},
		{"list.TXT", "{", false},
		{"list.tsv", "{", false},
		{"export", "  \n{\"format\": \"styrka-workshop\"}", true},
		{"export", "\ufeff{}", true},
		{"export", "Namn;Omsättning\n", false},
		{"export", "", false},
	}
	for _, tt := range tests {
		if got := isJSONFile(tt.path, []byte(tt.data)); got != tt.want {
			t.Errorf("isJSONFile(%q, %q) = %v, want %v", tt.path, tt.data, got, tt.want)
		}
	}
}

func TestParseDelimiter(t *testing.T) {
	tests := []struct {
		in   string
		want rune
		ok   bool
	}{
		{";", ';', true}, {",", ',', true}, {"tab", '\t', true}, {"TAB", '\t', true}, {`\t`, '\t', true},
		{"\t", '\t', true}, {"semicolon", ';', true}, {"comma", ',', true}, {"|", '|', true},
		{"x", 0, false}, {"", 0, false}, {";;", 0, false},
	}
	for _, tt := range tests {
		if got, ok := parseDelimiter(tt.in); got != tt.want || ok != tt.ok {
			t.Errorf("parseDelimiter(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
	// The default shown in the help reads back.
	for _, r := range []rune{';', ',', '\t', '|'} {
		if got, ok := parseDelimiter(delimiterName(r)); !ok || got != r {
			t.Errorf("delimiterName(%q) = %q reads back as %q", r, delimiterName(r), got)
		}
	}
}
