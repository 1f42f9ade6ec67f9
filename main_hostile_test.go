package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"styrka/assets"
	"styrka/model"
	"styrka/store"
)

// payloads are what an attacker puts where styrka shows text: each would
// do something on a terminal if it reached one. The SGR ones use
// attributes styrka never draws with (blink, concealed, crossed out, a
// 24-bit colour), so one that got through is told from styrka's own bold
// and colour.
var payloads = []struct{ name, text string }{
	{"osc8-link", "\x1b]8;;https://evil.invalid/\x1b\\Click\x1b]8;;\x1b\\"},
	{"osc0-title", "\x1b]0;pwned\x07Title"},
	{"osc52-clipboard", "\x1b]52;c;cm0gLXJmIH4K\x07Clip"},
	{"csi-clear", "\x1b[2J\x1b[3;1HClear"},
	{"csi-query", "\x1b[6n\x1b[21tQuery"},
	{"dcs", "\x1bP$q\"p\x1b\\Dcs"},
	{"sgr-conceal", "\x1b[8;5mHidden\x1b[38;2;255;0;0m"},
	{"c1-csi", "C1\u009b2J\u009d0;x\u0007"},
	{"raw-c1-byte", "Raw\x9b2J"},
	{"bidi", "Bidi\u202egnp.exe\u202c"},
	{"unterminated-osc", "\x1b]8;;https://evil.invalid/Open"},
}

// hostileCase is one place of the fixture that holds a payload.
type hostileCase struct{ where, payload string }

// sgrOwn matches the SGR sequences styrka itself writes: bold, faint,
// reverse and the basic colours.
var sgrOwn = regexp.MustCompile(`\x1b\[(?:(?:0|1|2|7|22|27|3[0-79]|9[0-7])(?:;(?:0|1|2|7|22|27|3[0-79]|9[0-7]))*)?m`)

// leak names the first byte of an escape sequence or control character in
// out that styrka did not write itself, or "".
func leak(out string, ownStyling bool) string {
	if ownStyling {
		out = sgrOwn.ReplaceAllString(out, "")
	}
	for i := 0; i < len(out); {
		r, size := rune(out[i]), 1
		if out[i] >= 0x80 {
			r, size = utf8.DecodeRuneInString(out[i:])
		}
		switch {
		case r == '\n' || r == '\t' || r == '\r':
		case r == 0x1b || r == 0x07 || r == 0x9b || r == 0x9d || unicode.IsControl(r) || r == 0x202e || r == 0x202c || r == utf8.RuneError && size == 1:
			from := max(i-30, 0)
			return fmt.Sprintf("%U at byte %d: %q", r, i, out[from:min(i+30, len(out))])
		}
		i += size
	}
	return ""
}

// TestHostileFixtureReachesNoTerminal runs every command over a fixture
// of hostile names, ids, paths, flag values, content and a crafted
// database, in both languages, piped without colour (where styrka writes
// no escape at all) and forced to full colour (where it writes only its
// own SGR), and checks that nothing of the payloads reaches stdout or
// stderr.
func TestHostileFixtureReachesNoTerminal(t *testing.T) {
	dir := t.TempDir()
	var cases []hostileCase
	add := func(where string, p int) string {
		cases = append(cases, hostileCase{where, payloads[p%len(payloads)].name})
		return payloads[p%len(payloads)].text
	}

	// A crafted database: the demo, then every text styrka stores
	// rewritten with a payload through the store, which keeps what it is
	// given (the input side cleans text; a file can be made by anyone).
	db := filepath.Join(dir, "hostile.db")
	mustRun(t, db, "en_GB.UTF-8", "demo")
	s, err := store.Open(db, store.Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	ds, err := s.Load(assets.DemoID)
	if err != nil {
		t.Fatal(err)
	}
	w := ds.Workshop
	w.Name = add("workshop name", 0) + " Hostile " + add("workshop name", 1)
	w.OurCompany = add("our company", 2)
	const ws = "Click Hostile Title" // the name as the command line matches it
	if err := s.PutWorkshop(w); err != nil {
		t.Fatal(err)
	}
	for i, c := range ds.Customers {
		c.Name = add("customer name", i) + " " + c.Name
		c.Offering = add("offering", i+1)
		c.Notes = add("notes", i+2) + "\nline two " + add("notes", i+3)
		c.Tags = []string{add("tag", i+4)}
		if err := s.PutCustomer(c); err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, a := range ds.Answers[c.ID] {
			if n == 2 {
				break
			}
			a.Note = add("answer note", i+n)
			a.Author = add("answer author", i+n+5)
			if err := s.SaveAnswer(w.ID, a); err != nil {
				t.Fatal(err)
			}
			n++
		}
	}
	first := ds.Customers[0].ID
	var actions []model.Action
	for p := range payloads {
		actions = append(actions, model.Action{CustomerID: first, Kind: model.Start, Text: add("action text", p), Owner: add("action owner", p+1), Status: model.StatusOpen})
	}
	if err := s.PutActions(w.ID, actions); err != nil {
		t.Fatal(err)
	}
	for p := range 3 {
		if err := s.PutParticipant(model.Participant{ID: store.NewID(), WorkshopID: w.ID, Name: "P" + add("participant name", p), Role: add("participant role", p+3)}); err != nil {
			t.Fatal(err)
		}
	}
	ds, err = s.Load(w.ID)
	if err != nil {
		t.Fatal(err)
	}
	r := model.Snapshot(ds, assets.MustBuiltin("en").Questions(), time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC))
	r.Name = add("round name", 4)
	if _, err := s.AddRound(r); err != nil {
		t.Fatal(err)
	}
	check, err := s.Load(w.ID)
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(check.Customers[0].Name, "\x1b]8;;") || !strings.Contains(check.Rounds[0].Name, "\x1b") {
		t.Fatalf("the crafted database does not hold the payloads: %q", check.Customers[0].Name)
	}

	// Hostile files: a content file, CSV lists, JSON documents with
	// duplicate ids, and paths.
	content := filepath.Join(dir, "content.yaml")
	raw, err := assets.Raw("en")
	if err != nil {
		t.Fatal(err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	poisonContent(doc.Content[0], add)
	data, err := yaml.Marshal(&doc)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(content, data, 0o600); err != nil {
		t.Fatal(err)
	}
	badContent := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(badContent, []byte("sets:\n  - id: "+yamlQuoted(add("content set id", 5))+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}

	csvList := filepath.Join(dir, "list.csv")
	var csvb strings.Builder
	csvb.WriteString("Name;Revenue;Notes\n")
	for p := range payloads {
		fmt.Fprintf(&csvb, "%s AB;%d;%s\n", add("csv name", p), p+1, add("csv notes", p+1))
	}
	fmt.Fprintf(&csvb, "Bad AB;%s;x\n", add("csv bad revenue", 2))
	fmt.Fprintf(&csvb, "%s;1;x\n", add("csv duplicate name", 3))
	fmt.Fprintf(&csvb, "%s;1;x\n", payloads[3].text)
	if err := os.WriteFile(csvList, []byte(csvb.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	csvHeader := filepath.Join(dir, "header.csv")
	if err := os.WriteFile(csvHeader, []byte("Name;"+add("csv unknown header", 0)+"\nA AB;1\n"), 0o600); err != nil {
		t.Fatal(err)
	}

	exported := mustRun(t, db, "en_GB.UTF-8", "report", "-w", ws, "--format", "json").stdout
	var jsonFiles []string
	for _, key := range []string{"actions", "participants", "rounds"} {
		var doc map[string]any
		if err := json.Unmarshal([]byte(exported), &doc); err != nil {
			t.Fatal(err)
		}
		list, _ := doc[key].([]any)
		if len(list) == 0 {
			t.Fatalf("the export has no %s", key)
		}
		id := add("json duplicate "+key+" id", len(jsonFiles)*3)
		one := list[0].(map[string]any)
		one["id"] = id
		twin := map[string]any{}
		for k, v := range one {
			twin[k] = v
		}
		doc[key] = append(list, twin)
		doc["workshop"].(map[string]any)["id"] = "fresh" + key
		data, err := json.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, key+".json")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		jsonFiles = append(jsonFiles, path)
	}
	badJSON := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(badJSON, []byte(`{"format":"styrka-workshop","version":3,"workshop":{"id":"x","name":"X","date":"`+jsonEscape(add("json bad date", 1))+`"}}`), 0o600); err != nil {
		t.Fatal(err)
	}

	hostileDir := add("path folder", 0)
	hostileFile := add("path file", 1)
	if runtime.GOOS == "windows" {
		hostileFile = "plain" // Windows refuses control characters in names
	}
	written := filepath.Join(dir, hostileFile+".md")
	missing := filepath.Join(dir, hostileDir, "x.md")
	noFile := filepath.Join(dir, add("path missing file", 2)+".csv")
	isFile := filepath.Join(csvList, add("path under a file", 3)+".db")

	flag := func(where string, p int) string { return add("flag "+where, p) }
	commands := [][]string{
		{"demo"},
		{"workshops"},
		{"customers"},
		{"customers", "-w", ws},
		{"customers", "-w", flag("-w", 0)},
		{"map", "-w", ws},
		{"map", "-w", ws, "--view", "kraljic"},
		{"map", "-w", ws, "--view", "preferencing"},
		{"map", "-w", ws, "--width", "60", "--height", "16"},
		{"map", "-w", ws, "--view", flag("--view", 1)},
		{"report", "-w", ws},
		{"report", "-w", ws, "--format", "md", "-c", "Click"},
		{"report", "-w", ws, "--format", "md", "-c", flag("-c", 2)},
		{"report", "-w", ws, "--format", "csv"},
		{"report", "-w", ws, "--format", "csv", "--answers"},
		{"report", "-w", ws, "--format", "csv", "--actions"},
		{"report", "-w", ws, "--format", "csv", "--rounds"},
		{"report", "-w", ws, "--format", "csv", "--delimiter", flag("--delimiter", 3)},
		{"report", "-w", ws, "--format", "json"},
		{"report", "-w", ws, "--format", "svg"},
		{"report", "-w", ws, "--format", "handout"},
		{"report", "-w", ws, "--format", "handout", "-c", "Title"},
		{"report", "-w", ws, "--format", flag("--format", 4)},
		{"report", "-w", ws, "--compare", "1"},
		{"report", "-w", ws, "--compare", "1", "--format", "json"},
		{"report", "-w", ws, "--compare", flag("--compare", 5)},
		{"report", "-w", ws, "-o", written},
		{"report", "-w", ws, "-o", missing},
		{"report", "-w", ws, "--format", "xlsx", "-o", isFile},
		{"report", "--content", content, "-w", ws, "--format", "handout"},
		{"report", "--content", content, "-w", ws, "--format", "md", "-c", "Click"},
		{"report", "--content", content, "-w", ws, "--format", "csv", "--answers"},
		{"report", "--content", content, "-w", ws},
		{"customers", "--content", content, "-w", ws},
		{"map", "--content", content, "-w", ws},
		{"customers", "--content", badContent},
		{"customers", "--content", noFile},
		{"import", csvList, "-w", "Listed", "--dry-run"},
		{"import", csvList, "-w", "Listed"},
		{"import", csvList, "-w", "Listed", "--skip-bad"},
		{"import", csvHeader, "-w", "Headers"},
		{"import", jsonFiles[0]},
		{"import", jsonFiles[1]},
		{"import", jsonFiles[2]},
		{"import", badJSON},
		{"import", noFile},
		{"backup", filepath.Join(dir, "copy.db")},
		{"backup", missing},
		{"backup", isFile},
		{"check"},
		{"content"},
		{"rounds", "-w", ws},
		{"round", "close", "-w", ws, "--name", flag("--name", 6)},
		{"settings", "-w", ws},
		{"settings", "-w", ws, "--band", flag("--band", 7)},
		{"settings", "-w", ws, "--currency", flag("--currency", 8)},
		{"--db", missing, "workshops"},
		{"--lang", flag("--lang", 9), "workshops"},
		{"workshops", "--" + flag("unknown flag", 10)},
		{flag("unknown command", 0)},
		{"map", flag("argument", 1)},
		{"help", "report"},
		{"man"},
		{"--version"},
	}

	modes := []struct {
		name string
		env  []string
		own  bool
	}{
		{"piped", []string{"TERM=dumb", "NO_COLOR=1"}, false},
		{"colour", []string{"TERM=xterm-256color", "COLORTERM=truecolor", "CLICOLOR_FORCE=1"}, true},
	}
	runs := 0
	for _, l := range langs {
		for _, m := range modes {
			for _, args := range commands {
				env := append([]string{"STYRKA_DB=" + db, "LANG=" + l.locale}, m.env...)
				res := runEnv(t, env, args...)
				runs++
				for stream, out := range map[string]string{"stdout": res.stdout, "stderr": res.stderr} {
					if bad := leak(out, m.own); bad != "" {
						t.Errorf("%s %s: styrka %q: %s holds %s", l.name, m.name, args, stream, bad)
					}
					if strings.Contains(out, "goroutine ") || strings.Contains(out, "panic:") {
						t.Errorf("%s %s: styrka %q panicked:\n%s", l.name, m.name, args, out)
					}
					if strings.Contains(out, ".styrka-") {
						t.Errorf("%s %s: styrka %q names a temporary file: %s", l.name, m.name, args, out)
					}
				}
			}
		}
	}
	// The app's line mode (for screen readers and dumb terminals) shows
	// the workshops, a customer and its questions from the content.
	for _, l := range langs {
		for _, extra := range [][]string{nil, {"--content", content}} {
			args := append([]string{"--accessible"}, extra...)
			res := runInput(t, []string{"STYRKA_DB=" + db, "LANG=" + l.locale, "TERM=dumb"}, "1\n1\n1\n\n", args...)
			runs++
			if !strings.Contains(res.stdout, "Hostile") {
				t.Errorf("%s: the line mode did not show the workshops:\n%s", l.name, res.stdout)
			}
			for stream, out := range map[string]string{"stdout": res.stdout, "stderr": res.stderr} {
				if bad := leak(out, false); bad != "" {
					t.Errorf("%s: styrka %q: %s holds %s", l.name, args, stream, bad)
				}
			}
		}
	}
	// The colour mode must show styrka's own styling, or it proves
	// nothing about telling it apart.
	styled := runEnv(t, []string{"STYRKA_DB=" + db, "LANG=en_GB.UTF-8", "TERM=xterm-256color", "COLORTERM=truecolor", "CLICOLOR_FORCE=1"}, "workshops")
	if !sgrOwn.MatchString(styled.stdout) {
		t.Errorf("forced colour shows no styling: %q", styled.stdout)
	}
	places := map[string]bool{}
	for _, c := range cases {
		places[c.where] = true
	}
	t.Logf("%d injection cases in %d kinds of place, %d payloads, %d runs of styrka", len(cases), len(places), len(payloads), runs)
	if len(cases) < 100 {
		t.Errorf("the fixture holds %d injection cases; it should hold every kind of place", len(cases))
	}
}

// TestZeroWidthNameIsNoSecondCustomer: "Exist\u200bing AB" in a list is
// the "Existing AB" already there, not a new customer.
func TestZeroWidthNameIsNoSecondCustomer(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	first := writeFile(t, "a.csv", []byte("Name\nExisting AB\n"))
	mustRun(t, db, "en_GB.UTF-8", "import", first, "-w", "ZW")
	second := writeFile(t, "b.csv", []byte("Name\nExist\u200bing AB\nExisting\u2060 AB\n\ufeffNew AB\n"))
	out := mustRun(t, db, "en_GB.UTF-8", "import", second, "-w", "ZW", "--dry-run").stdout
	if !strings.Contains(out, "new 1, already in the workshop 2") {
		t.Fatalf("the zero-width names were not seen as the existing customer:\n%s", out)
	}
}

func yamlQuoted(s string) string {
	b, _ := json.Marshal(s) // a JSON string is a YAML double-quoted scalar
	return string(b)
}

func jsonEscape(s string) string {
	b, _ := json.Marshal(s)
	return string(b[1 : len(b)-1])
}

// poisonContent puts payloads in a content file's texts: the title and
// intro of each set, the text, help and anchors of its first question,
// and a few UI texts (which a content file may replace too).
func poisonContent(root *yaml.Node, add func(string, int) string) {
	prefix := func(where string, n *yaml.Node, p int) {
		if !utf8.ValidString(payloads[p%len(payloads)].text) {
			p++ // YAML holds only UTF-8
		}
		n.Value = add(where, p) + n.Value
		n.Style = yaml.DoubleQuotedStyle
	}
	value := func(m *yaml.Node, key string) *yaml.Node {
		for i := 0; i+1 < len(m.Content); i += 2 {
			if m.Content[i].Value == key {
				return m.Content[i+1]
			}
		}
		return nil
	}
	for si, set := range value(root, "sets").Content {
		prefix("content set title", value(set, "title"), si)
		prefix("content set intro", value(set, "intro"), si+1)
		q := value(set, "questions").Content[0]
		prefix("content question text", value(q, "text"), si+2)
		prefix("content question help", value(q, "help"), si+3)
		for ai, a := range value(q, "anchors").Content {
			prefix("content anchor", a, si+ai+4)
		}
	}
	ui := value(root, "ui")
	for i, key := range []string{"map.title", "report.written", "col.customer", "err.nofile", "customers.none"} {
		if n := value(ui, key); n != nil {
			prefix("content ui text", n, i)
		}
	}
}

// runInput is runEnv with stdin.
func runInput(t *testing.T, env []string, stdin string, args ...string) result {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = append([]string{"HOME=" + t.TempDir(), "PATH=" + os.Getenv("PATH")}, env...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("styrka %v hung", args)
	}
	return result{out.String(), errb.String(), cmd.ProcessState.ExitCode()}
}
