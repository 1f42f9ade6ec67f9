package store

import (
	"errors"
	"math"
	"reflect"
	"testing"
	"time"

	"styrka/model"
)

// fill sets every field of the struct v points to a value that is not
// zero, so that a field the binary codec forgets shows up as a
// difference. A field of a type it does not know fails the test: teach
// fill and the codec about it.
func fill(t *testing.T, v reflect.Value, n *int) {
	t.Helper()
	*n++
	switch v.Kind() {
	case reflect.String:
		v.SetString("text " + string(rune('a'+*n%26)) + " åäö")
	case reflect.Int, reflect.Int64:
		v.SetInt(int64(*n%5 + 1))
	case reflect.Float64:
		v.SetFloat(float64(*n) + 0.25)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		fill(t, p.Elem(), n)
		v.Set(p)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		fill(t, s.Index(0), n)
		fill(t, s.Index(1), n)
		v.Set(s)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		for range 2 {
			k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
			fill(t, k, n)
			fill(t, e, n)
			m.SetMapIndex(k, e)
		}
		v.Set(m)
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			v.Set(reflect.ValueOf(time.Date(2026, 11, 27, 9, 0, *n, 123456789, time.UTC)))
			return
		}
		for i := range v.NumField() {
			fill(t, v.Field(i), n)
		}
	default:
		t.Fatalf("fill: field of kind %s (%s): add it to fill and to the record codec", v.Kind(), v.Type())
	}
}

// TestBinaryRecordsKeepEveryField round-trips fully filled workshops,
// customers and answers through the binary format: a field added to the
// model and not to codec.go fails here.
func TestBinaryRecordsKeepEveryField(t *testing.T) {
	n := 0
	var w model.Workshop
	fill(t, reflect.ValueOf(&w).Elem(), &n)
	w.ID = "w1"
	var c model.Customer
	fill(t, reflect.ValueOf(&c).Elem(), &n)
	c.ID, c.WorkshopID = "c1", "w1"
	var a model.Answer
	fill(t, reflect.ValueOf(&a).Elem(), &n)
	a.CustomerID, a.QuestionID = "c1", "q1"

	cases := []struct {
		kind string
		key  []byte
		in   any
		out  any
	}{
		{"workshop", []byte("w1"), w, &model.Workshop{}},
		{"customer", customerKey("w1", "c1"), c, &model.Customer{}},
		{"answer", answerKey("w1", "c1", "q1"), a, &model.Answer{}},
	}
	for _, tc := range cases {
		v, err := encode(tc.key, tc.in)
		if err != nil {
			t.Fatalf("%s: %v", tc.kind, err)
		}
		if v[0] != recBinary {
			t.Errorf("%s is stored in format %d, want binary", tc.kind, v[0])
		}
		if err := decode(tc.kind, tc.key, v, tc.out); err != nil {
			t.Fatalf("%s: %v", tc.kind, err)
		}
		if got := reflect.ValueOf(tc.out).Elem().Interface(); !reflect.DeepEqual(got, tc.in) {
			t.Errorf("%s round trip:\n got %+v\nwant %+v", tc.kind, got, tc.in)
		}
	}
}

func TestBinaryRecordEdges(t *testing.T) {
	key := customerKey("w", "c")
	zero := 0.0
	local := time.FixedZone("", 2*3600)
	for _, c := range []model.Customer{
		{ID: "c", WorkshopID: "w"},                 // every field empty
		{ID: "c", WorkshopID: "w", Revenue: &zero}, // a known revenue of 0 stays known
		{ID: "c", WorkshopID: "w", Name: "Åhléns Möbel AB", Created: time.Date(2026, 1, 2, 3, 4, 5, 6, local)},
		{ID: "c", WorkshopID: "w", Created: time.Date(1, 1, 1, 0, 0, 0, 1, time.UTC)},
	} {
		v, err := encode(key, c)
		if err != nil {
			t.Fatal(err)
		}
		var got model.Customer
		if err := decode("customer", key, v, &got); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, c) {
			_, off := got.Created.Zone()
			t.Errorf("round trip:\n got %+v (offset %d)\nwant %+v", got, off, c)
		}
	}
	nan := math.NaN()
	if _, err := encode(key, model.Customer{Revenue: &nan}); !errors.Is(err, ErrInvalid) {
		t.Errorf("NaN revenue: %v, want ErrInvalid", err)
	}
}

// TestEveryByteOfARecordIsChecked changes every byte of sealed records in
// turn: each change must be refused with a *RecordError, never decode to
// other data.
func TestEveryByteOfARecordIsChecked(t *testing.T) {
	rev := 2.5e6
	recs := []struct {
		kind string
		key  []byte
		x    any
		dst  func() any
	}{
		{"customer", customerKey("w", "c"), model.Customer{Name: "Volvo AB", Revenue: &rev, Tags: []string{"oem"}, Created: time.Now()}, func() any { return &model.Customer{} }},
		{"answer", answerKey("w", "c", "q"), model.Answer{Score: 4, Note: "From the plan", At: time.Now()}, func() any { return &model.Answer{} }},
		{"action", actionKey("w", "a"), model.Action{ID: "a", WorkshopID: "w", Text: "Call"}, func() any { return &model.Action{} }},
	}
	for _, r := range recs {
		v, err := encode(r.key, r.x)
		if err != nil {
			t.Fatal(err)
		}
		whole := append(append([]byte{}, r.key...), v...)
		for i := range whole {
			for _, flip := range []byte{0x01, 0x80, 0xFF} {
				d := append([]byte{}, whole...)
				d[i] ^= flip
				k, val := d[:len(r.key)], d[len(r.key):]
				err := decode(r.kind, k, val, r.dst())
				var re *RecordError
				if !errors.As(err, &re) || !errors.Is(err, ErrDamaged) {
					t.Fatalf("%s: byte %d ^ %#x: decode = %v, want a *RecordError", r.kind, i, flip, err)
				}
			}
		}
	}
}
