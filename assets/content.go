// Package assets holds styrka's embedded content — the two question sets,
// the names and descriptions of classes, regimes and cells, the recommended
// activities and the user interface's texts, in Swedish and English — and
// the code that loads and validates it into model types.
package assets

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"styrka/model"
)

//go:embed sv.yaml en.yaml
var files embed.FS

// Languages lists the built-in languages; the first is the fallback.
var Languages = []string{"en", "sv"}

// Named is a name with a short form and a description.
type Named struct {
	Name        string `yaml:"name"`
	Short       string `yaml:"short,omitempty"`
	Description string `yaml:"description"`
}

// Advice is a recommendation in the develop / stop / start frame: what we do
// today that we should develop, what we should stop, what new to start.
// Each activity may have a first step, the concrete thing to do this week;
// the built-in content gives every activity one.
type Advice struct {
	Develop []string `yaml:"develop"`
	Stop    []string `yaml:"stop"`
	Start   []string `yaml:"start"`
	// Steps maps an activity's text to its first step.
	Steps map[string]string `yaml:"-"`
}

// FirstStep is the first step of an activity, or "" when it has none.
func (a Advice) FirstStep(activity string) string { return a.Steps[activity] }

// adviceDoc is Advice as written: each activity either a plain text or a
// mapping with the activity ("do") and its first step ("first").
type adviceDoc struct {
	Develop []activityDoc `yaml:"develop"`
	Stop    []activityDoc `yaml:"stop"`
	Start   []activityDoc `yaml:"start"`
}

type activityDoc struct {
	Do    string `yaml:"do"`
	First string `yaml:"first"`
}

// UnmarshalYAML accepts a plain text or a {do, first} mapping. It uses the
// decoder's own unmarshal function, so unknown fields are still refused.
func (a *activityDoc) UnmarshalYAML(unmarshal func(any) error) error {
	var text string
	if err := unmarshal(&text); err == nil {
		*a = activityDoc{Do: text}
		return nil
	}
	type plain activityDoc
	return unmarshal((*plain)(a))
}

func (d adviceDoc) advice() Advice {
	var a Advice
	conv := func(in []activityDoc) []string {
		out := make([]string, 0, len(in))
		for _, x := range in {
			out = append(out, x.Do)
			if x.First != "" {
				if a.Steps == nil {
					a.Steps = map[string]string{}
				}
				a.Steps[x.Do] = x.First
			}
		}
		if in == nil {
			return nil
		}
		return out
	}
	a.Develop, a.Stop, a.Start = conv(d.Develop), conv(d.Stop), conv(d.Start)
	return a
}

// Class is a Kraljic or preferencing class.
type Class struct {
	Name        string `yaml:"name"`
	Description string `yaml:"description"`
	// Behaviour is what the side that classifies typically does with
	// partners in this class.
	Behaviour string `yaml:"behaviour"`
}

// RegimeText is a power regime with its playbook.
type RegimeText struct {
	Name        string `yaml:"name"`
	Description string `yaml:"description"`
	Advice      `yaml:"-"`
	// Message is how to package the message for customers in the regime.
	Message string `yaml:"message"`
	// Negotiation is the negotiation guidance.
	Negotiation string `yaml:"negotiation"`
}

// UnmarshalYAML reads the activities with their first steps.
func (r *RegimeText) UnmarshalYAML(unmarshal func(any) error) error {
	var doc struct {
		Name        string `yaml:"name"`
		Description string `yaml:"description"`
		adviceDoc   `yaml:",inline"`
		Message     string `yaml:"message"`
		Negotiation string `yaml:"negotiation"`
	}
	if err := unmarshal(&doc); err != nil {
		return err
	}
	*r = RegimeText{Name: doc.Name, Description: doc.Description, Advice: doc.advice(), Message: doc.Message, Negotiation: doc.Negotiation}
	return nil
}

// CellText is the advice of one of the 16 cells of the grid: its own
// message and negotiation advice, since the four cells of a regime call
// for different conversations.
type CellText struct {
	Description string `yaml:"description"`
	Advice      `yaml:"-"`
	// Message is how to package the message for a customer in the cell.
	Message string `yaml:"message"`
	// Negotiation is the negotiation guidance for the cell.
	Negotiation string `yaml:"negotiation"`
}

// UnmarshalYAML reads the activities with their first steps.
func (c *CellText) UnmarshalYAML(unmarshal func(any) error) error {
	var doc struct {
		Description string `yaml:"description"`
		adviceDoc   `yaml:",inline"`
		Message     string `yaml:"message"`
		Negotiation string `yaml:"negotiation"`
	}
	if err := unmarshal(&doc); err != nil {
		return err
	}
	*c = CellText{Description: doc.Description, Advice: doc.advice(), Message: doc.Message, Negotiation: doc.Negotiation}
	return nil
}

// RetiredQuestion is a question that is no longer asked, or whose meaning
// changed so that it got a new ID. Answers to it are kept and shown as
// history with this text; they are never re-read as answers to the
// question that replaced it.
type RetiredQuestion struct {
	ID   string `yaml:"id"`
	Text string `yaml:"text"`
	// ReplacedBy names the questions that now ask what it asked, if any.
	ReplacedBy []string `yaml:"replaced_by,omitempty"`
	// Why says in one sentence why the question was retired.
	Why string `yaml:"why"`
}

// QuestionDoc is a question as written in a content file.
type QuestionDoc struct {
	ID        string          `yaml:"id"`
	Dimension model.Dimension `yaml:"dimension"`
	Weight    float64         `yaml:"weight"`
	Quick     bool            `yaml:"quick,omitempty"`
	Text      string          `yaml:"text"`
	Help      string          `yaml:"help"`
	Anchors   []string        `yaml:"anchors"`
}

// SetDoc is a question set as written in a content file.
type SetDoc struct {
	ID        model.SetID   `yaml:"id"`
	Title     string        `yaml:"title"`
	Intro     string        `yaml:"intro"`
	Questions []QuestionDoc `yaml:"questions"`
}

// Content is everything styrka says, in one language.
type Content struct {
	Lang         string                       `yaml:"lang"`
	Sets         []SetDoc                     `yaml:"sets"`
	Dimensions   map[model.Dimension]Named    `yaml:"dimensions"`
	Kraljic      map[model.Kraljic]Class      `yaml:"kraljic"`
	Preferencing map[model.Preferencing]Class `yaml:"preferencing"`
	Regimes      map[model.Regime]RegimeText  `yaml:"regimes"`
	Cells        map[string]CellText          `yaml:"cells"`
	Stances      map[model.Stance]Named       `yaml:"stances"`
	Rooms        map[model.RoomLevel]Named    `yaml:"rooms"`
	Warnings     map[model.WarningKind]string `yaml:"warnings"`
	// Retired lists the questions no longer asked, for showing answers to
	// them as history.
	Retired []RetiredQuestion `yaml:"retired,omitempty"`
	UI      map[string]string `yaml:"ui"`
}

// RetiredQuestion finds a retired question by ID.
func (c *Content) RetiredQuestion(id string) (RetiredQuestion, bool) {
	for _, r := range c.Retired {
		if r.ID == id {
			return r, true
		}
	}
	return RetiredQuestion{}, false
}

// QuestionSets converts the sets to model types, in file order.
func (c *Content) QuestionSets() []model.QuestionSet {
	out := make([]model.QuestionSet, 0, len(c.Sets))
	for _, s := range c.Sets {
		qs := model.QuestionSet{ID: s.ID, Title: s.Title, Intro: s.Intro}
		for _, q := range s.Questions {
			mq := model.Question{ID: q.ID, Set: s.ID, Dimension: q.Dimension, Weight: q.Weight, Quick: q.Quick, Text: q.Text, Help: q.Help}
			copy(mq.Anchors[:], q.Anchors)
			qs.Questions = append(qs.Questions, mq)
		}
		out = append(out, qs)
	}
	return out
}

// Questions lists every question of both sets, set A first.
func (c *Content) Questions() []model.Question {
	var out []model.Question
	for _, s := range c.QuestionSets() {
		out = append(out, s.Questions...)
	}
	return out
}

// Set returns the question set with the given ID.
func (c *Content) Set(id model.SetID) (model.QuestionSet, bool) {
	for _, s := range c.QuestionSets() {
		if s.ID == id {
			return s, true
		}
	}
	return model.QuestionSet{}, false
}

// T returns the UI text for key, formatted with args as fmt does. A
// missing key returns the key itself, so a gap shows instead of vanishing;
// a test proves no key is missing.
func (c *Content) T(key string, args ...any) string {
	s, ok := c.UI[key]
	if !ok {
		s = key
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}

//go:generate go run -tags styrkagen ./gen

// Builtin loads the embedded content of one language ("sv" or "en"), a new
// value on every call. It is precompiled from the YAML at build time
// (builtin_gen.go, made by `go generate ./assets`; a test holds it equal
// to the YAML), since parsing the YAML took most of a short command's
// run. Only the generator itself, built with the tag styrkagen, parses it.
func Builtin(lang string) (*Content, error) {
	if !slices.Contains(Languages, lang) {
		return nil, fmt.Errorf("no built-in content for language %q", lang)
	}
	if c := builtinContent(lang); c != nil {
		return c, nil
	}
	data, err := files.ReadFile(lang + ".yaml")
	if err != nil {
		return nil, err
	}
	return parse(lang+".yaml", data, nil)
}

// MustBuiltin is Builtin for the embedded files, whose validity a test
// proves.
func MustBuiltin(lang string) *Content {
	c, err := Builtin(lang)
	if err != nil {
		panic(err)
	}
	return c
}

// Load reads a user's own content file and lays it over the built-in
// content of lang: every section the file has replaces the built-in one
// (the question sets as a whole, the other sections key by key), so a file
// may hold only its own questions and weights. The result is validated; an
// error is a *FileError naming the file, the line and the field.
func Load(path, lang string) (*Content, error) {
	base, err := Builtin(lang)
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	c, err := parse(path, data, base)
	if err != nil {
		return nil, err
	}
	// A user's file may hold anything: its texts are shown on terminals,
	// so they lose every control character and escape sequence here, once.
	cleanStrings(reflect.ValueOf(c).Elem())
	return c, nil
}

// cleanStrings runs model.Safe over every string reachable from v.
func cleanStrings(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		if v.CanSet() {
			v.SetString(model.Safe(v.String()))
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			cleanStrings(v.Elem())
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				cleanStrings(v.Field(i))
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			cleanStrings(v.Index(i))
		}
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			val := reflect.New(v.Type().Elem()).Elem()
			val.Set(iter.Value())
			cleanStrings(val)
			v.SetMapIndex(iter.Key(), val)
		}
	}
}

// FileError is a problem in a content file.
type FileError struct {
	File  string
	Line  int
	Field string
	// Problem is a stable code; Detail adds what the code needs, such as a
	// duplicate ID or the parser's own words.
	Problem Problem
	Detail  string
}

// Problem names what is wrong with a field of a content file.
type Problem string

const (
	ProblemSyntax     Problem = "syntax"
	ProblemUnknown    Problem = "unknown"
	ProblemMissing    Problem = "missing"
	ProblemEmpty      Problem = "empty"
	ProblemWeight     Problem = "weight"
	ProblemAnchors    Problem = "anchors"
	ProblemDuplicate  Problem = "duplicate"
	ProblemInvalid    Problem = "invalid"
	ProblemNoQuestion Problem = "no_question"
	// ProblemReused: a retired question's ID is used by a current one.
	ProblemReused Problem = "reused"
)

func (e *FileError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.Field != "" {
		fmt.Fprintf(&b, ": %s", e.Field)
	}
	fmt.Fprintf(&b, ": %s", e.Problem)
	if e.Detail != "" {
		fmt.Fprintf(&b, " (%s)", e.Detail)
	}
	return b.String()
}

func parse(name string, data []byte, base *Content) (*Content, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, syntaxError(name, err)
	}
	var c Content
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil && !errors.Is(err, io.EOF) {
		return nil, syntaxError(name, err)
	}
	if base != nil {
		c = overlay(*base, c)
	}
	if errs := validate(&c); len(errs) > 0 {
		fe := errs[0]
		fe.File = name
		fe.Line = lineOf(&root, fe.Field)
		return nil, fe
	}
	return &c, nil
}

// syntaxError turns a YAML parser error into a FileError with its line.
func syntaxError(name string, err error) *FileError {
	msg := err.Error()
	fe := &FileError{File: name, Problem: ProblemSyntax, Detail: msg}
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	if n, rest, ok := cutLine(msg); ok {
		fe.Line, msg = n, rest
	}
	if strings.Contains(msg, "not found in type") {
		fe.Problem = ProblemUnknown
		if f := strings.Fields(msg); len(f) > 1 {
			fe.Field = f[1]
		}
		msg = ""
	}
	fe.Detail = msg
	return fe
}

// cutLine splits "line 12: rest" into 12 and "rest".
func cutLine(s string) (int, string, bool) {
	rest, ok := strings.CutPrefix(s, "line ")
	if !ok {
		return 0, s, false
	}
	num, after, ok := strings.Cut(rest, ":")
	if !ok {
		return 0, s, false
	}
	var n int
	if _, err := fmt.Sscanf(num, "%d", &n); err != nil {
		return 0, s, false
	}
	return n, strings.TrimSpace(after), true
}

func overlay(base, user Content) Content {
	out := base
	if user.Lang != "" {
		out.Lang = user.Lang
	}
	if user.Sets != nil {
		out.Sets = user.Sets
		out.Retired = retiredFor(base.Retired, user.Sets)
	}
	out.Dimensions = mergeMap(base.Dimensions, user.Dimensions)
	out.Kraljic = mergeMap(base.Kraljic, user.Kraljic)
	out.Preferencing = mergeMap(base.Preferencing, user.Preferencing)
	out.Regimes = mergeMap(base.Regimes, user.Regimes)
	out.Cells = mergeMap(base.Cells, user.Cells)
	// A content file written before cells had their own message and
	// negotiation keeps the built-in ones for what it leaves out.
	for k, uc := range user.Cells {
		bc := base.Cells[k]
		if strings.TrimSpace(uc.Message) == "" {
			uc.Message = bc.Message
		}
		if strings.TrimSpace(uc.Negotiation) == "" {
			uc.Negotiation = bc.Negotiation
		}
		out.Cells[k] = uc
	}
	out.Stances = mergeMap(base.Stances, user.Stances)
	out.Rooms = mergeMap(base.Rooms, user.Rooms)
	out.Warnings = mergeMap(base.Warnings, user.Warnings)
	if user.Retired != nil {
		// The file's own entry for an ID replaces the built-in one: a copy
		// of `styrka content` lists every built-in retired question again.
		mine := map[string]bool{}
		for _, r := range user.Retired {
			mine[r.ID] = true
		}
		kept := slices.DeleteFunc(slices.Clone(out.Retired), func(r RetiredQuestion) bool { return mine[r.ID] })
		out.Retired = append(kept, user.Retired...)
	}
	out.UI = mergeMap(base.UI, user.UI)
	return out
}

// retiredFor keeps the built-in retired questions that still make sense
// beside a user's own sets: one whose ID the user asks again is current for
// that user (an older content file may still ask it), and a replacement the
// user's sets do not have is dropped.
func retiredFor(retired []RetiredQuestion, sets []SetDoc) []RetiredQuestion {
	current := map[string]bool{}
	for _, s := range sets {
		for _, q := range s.Questions {
			current[q.ID] = true
		}
	}
	var out []RetiredQuestion
	for _, r := range retired {
		if current[r.ID] {
			continue
		}
		r.ReplacedBy = slices.DeleteFunc(slices.Clone(r.ReplacedBy), func(id string) bool { return !current[id] })
		out = append(out, r)
	}
	return out
}

func mergeMap[K comparable, V any](base, over map[K]V) map[K]V {
	out := make(map[K]V, len(base)+len(over))
	for k, v := range base {
		out[k] = v
	}
	for k, v := range over {
		out[k] = v
	}
	return out
}

// lineOf finds the line of a dotted field path such as
// "sets[0].questions[3].weight" in a parsed YAML document; it returns the
// line of the deepest part of the path that exists.
func lineOf(root *yaml.Node, field string) int {
	n := root
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	line := n.Line
	for _, part := range splitPath(field) {
		var next *yaml.Node
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == part {
					line = n.Content[i].Line
					next = n.Content[i+1]
					break
				}
			}
		case yaml.SequenceNode:
			var idx int
			if _, err := fmt.Sscanf(part, "%d", &idx); err == nil && idx >= 0 && idx < len(n.Content) {
				next = n.Content[idx]
				line = next.Line
			}
		}
		if next == nil {
			return line
		}
		n = next
	}
	return line
}

// splitPath turns "sets[0].questions[3].weight" into
// ["sets","0","questions","3","weight"].
func splitPath(field string) []string {
	field = strings.ReplaceAll(field, "[", ".")
	field = strings.ReplaceAll(field, "]", "")
	var out []string
	for _, p := range strings.Split(field, ".") {
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// Raw is the embedded content file of a language, as written, for users
// to start their own content from.
func Raw(lang string) ([]byte, error) {
	if !slices.Contains(Languages, lang) {
		return nil, fmt.Errorf("no built-in content for language %q", lang)
	}
	return files.ReadFile(lang + ".yaml")
}
