package store

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"math"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"styrka/model"
)

// Every stored record (since schema 4) is an envelope:
//
//	[format byte][payload][CRC-32C, 4 bytes little-endian]
//
// The checksum covers the record's key, the format byte and the payload,
// so a change of any byte of a record, key included, is found when the
// record is read. The formats:
//
//   - recBinary: the record's fields, each a uvarint header (field number
//     << 2 | wire type) and a value: a varint, a uvarint length and bytes,
//     or 8 bytes little-endian. Zero fields are left out and unknown
//     fields skipped, so a field can be added without a migration. The IDs
//     that are in the key are not repeated in the payload. Workshops,
//     customers and answers, the bulk of a file, are stored like this.
//   - recJSON: the record as JSON, for the smaller kinds (actions, rounds
//     and the team scoring), whose decoding does not matter for speed.
const (
	recBinary byte = 0x01
	recJSON   byte = 0x02
)

// Wire types of the binary format.
const (
	wireVarint  = 0
	wireBytes   = 1
	wireFixed64 = 2
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

func recordSum(key, body []byte) uint32 {
	return crc32.Update(crc32.Checksum(key, castagnoli), castagnoli, body)
}

// seal appends the checksum to body, which starts with the format byte.
func seal(key, body []byte) []byte {
	return binary.LittleEndian.AppendUint32(body, recordSum(key, body))
}

// unseal checks a record's checksum and returns its format and payload.
func unseal(key, v []byte) (format byte, payload []byte, ok bool) {
	if len(v) < 5 {
		return 0, nil, false
	}
	body := v[:len(v)-4]
	if recordSum(key, body) != binary.LittleEndian.Uint32(v[len(v)-4:]) {
		return 0, nil, false
	}
	return body[0], body[1:], true
}

// RecordError is a stored record that fails its checksum or does not
// decode: the file is damaged there. It wraps ErrDamaged and names the
// record as far as its key and the records around it tell.
type RecordError struct {
	// Kind is "workshop", "customer", "answer", "action", "round",
	// "participant", "silent round" or "vote".
	Kind string
	// Key is the record's key; WorkshopID, CustomerID and QuestionID
	// are the IDs it holds (empty where the kind has none).
	Key                                string
	WorkshopID, CustomerID, QuestionID string
	// CustomerName is the name of the customer the record is, or belongs
	// to, when it could be read (for a damaged customer record, from the
	// damaged record itself); empty otherwise.
	CustomerName string
	// Detail says what is wrong, for logs.
	Detail string
}

func (e *RecordError) Error() string {
	who := ""
	if e.CustomerName != "" {
		who = fmt.Sprintf(" (customer %q)", e.CustomerName)
	}
	return fmt.Sprintf("%v: %s record %q%s: %s", ErrDamaged, e.Kind, e.Key, who, e.Detail)
}

// Unwrap makes a RecordError an ErrDamaged.
func (e *RecordError) Unwrap() error { return ErrDamaged }

// recordError describes a damaged record from its kind and key.
func recordError(kind string, key []byte, detail string) *RecordError {
	e := &RecordError{Kind: kind, Key: printableKey(key), Detail: detail}
	parts := strings.Split(string(key), sep)
	switch kind {
	case "workshop":
		e.WorkshopID = parts[0]
	case "customer":
		if len(parts) == 2 {
			e.WorkshopID, e.CustomerID = parts[0], parts[1]
		}
	case "answer":
		if len(parts) == 3 {
			e.WorkshopID, e.CustomerID, e.QuestionID = parts[0], parts[1], parts[2]
		}
	default:
		e.WorkshopID = parts[0]
	}
	for _, p := range []*string{&e.WorkshopID, &e.CustomerID, &e.QuestionID} {
		if validID("", *p) != nil {
			*p = ""
		}
	}
	return e
}

// printableKey is a key for a message: control bytes and invalid UTF-8
// from a damaged key never reach a terminal.
func printableKey(k []byte) string {
	s := strings.ToValidUTF8(string(k), "?")
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return '?'
		}
		return r
	}, s)
}

// cleanName is a name read from a damaged record, or "" when it is not
// plain text.
func cleanName(s string) string {
	if s == "" || !utf8.ValidString(s) || len(s) > 400 {
		return ""
	}
	for _, r := range s {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return ""
		}
	}
	return s
}

// encode turns a record into its stored form under key.
func encode(key []byte, x any) ([]byte, error) {
	var body []byte
	var err error
	switch r := x.(type) {
	case model.Workshop:
		body, err = appendWorkshop([]byte{recBinary}, &r)
	case model.Customer:
		body, err = appendCustomer([]byte{recBinary}, &r)
	case model.Answer:
		body, err = appendAnswer([]byte{recBinary}, &r)
	default:
		var js []byte
		js, err = json.Marshal(x)
		body = append([]byte{recJSON}, js...)
	}
	if err != nil {
		return nil, err
	}
	return seal(key, body), nil
}

// decode reads a stored record into dst (a *model.Workshop, *Customer,
// *Answer, or any of the JSON kinds); kind names the record in errors,
// which are *RecordError. in shares the strings of IDs and authors; it
// may be nil.
func decode(kind string, key, v []byte, dst any) error {
	return decodeIn(kind, key, v, dst, nil)
}

func decodeIn(kind string, key, v []byte, dst any, in *interner) error {
	format, payload, ok := unseal(key, v)
	if !ok {
		e := recordError(kind, key, "checksum mismatch")
		if c, isCustomer := dst.(*model.Customer); isCustomer && len(v) > 5 && v[0] == recBinary {
			// The name may still be readable: it tells the user which
			// customer it was.
			var guess model.Customer
			if decodeCustomerFields(key, v[1:len(v)-4], &guess, nil) == nil {
				e.CustomerName = cleanName(guess.Name)
			}
			*c = model.Customer{}
		}
		return e
	}
	var err error
	switch format {
	case recBinary:
		switch x := dst.(type) {
		case *model.Workshop:
			err = decodeWorkshopFields(key, payload, x)
		case *model.Customer:
			err = decodeCustomerFields(key, payload, x, in)
		case *model.Answer:
			err = decodeAnswerFields(key, payload, x, in)
		default:
			err = fmt.Errorf("binary record for %T", dst)
		}
	case recJSON:
		err = json.Unmarshal(payload, dst)
	default:
		err = fmt.Errorf("unknown record format %d", format)
	}
	if err != nil {
		return recordError(kind, key, fmt.Sprintf("does not decode: %v", err))
	}
	return nil
}

// decodeLegacy reads a record of a file before schema 4: plain JSON.
func decodeLegacy(v []byte, dst any) error {
	if a, ok := dst.(*model.Answer); ok {
		var r answerRecord
		if err := json.Unmarshal(v, &r); err != nil {
			return err
		}
		*a = r.Answer
		return nil
	}
	return json.Unmarshal(v, dst)
}

// The binary fields of each kind. Numbers are never reused.
const (
	fWorkshopName           = 1
	fWorkshopDate           = 2
	fWorkshopOurCompany     = 3
	fWorkshopHorizon        = 4
	fWorkshopImpact         = 5
	fWorkshopRisk           = 6
	fWorkshopValue          = 7
	fWorkshopAttractiveness = 8
	fWorkshopCreated        = 9
	fWorkshopUpdated        = 10
	fWorkshopBand           = 11 // written when set, 0 included: 0 is "off", not "default"
	fWorkshopCurrency       = 12
	fWorkshopRate           = 13 // once per rate: the currency's code, then the rate (8 bytes)

	fCustomerName     = 1
	fCustomerOffering = 2
	fCustomerRevenue  = 3
	fCustomerCurrency = 4
	fCustomerNotes    = 5
	fCustomerTag      = 6 // once per tag, in order
	fCustomerCreated  = 7
	fCustomerUpdated  = 8

	fAnswerScore  = 1
	fAnswerNote   = 2
	fAnswerAuthor = 3
	fAnswerAt     = 4
	// Since schema 5; an older file's answers have none of them.
	fAnswerSource      = 5
	fAnswerSourceRef   = 6
	fAnswerConfirmedBy = 7
	fAnswerConfirmedAt = 8
)

// errNotFinite: JSON cannot hold NaN or infinity either; a record with one
// is refused as before.
var errNotFinite = fmt.Errorf("%w: a number is not finite", ErrInvalid)

func appendWorkshop(b []byte, w *model.Workshop) ([]byte, error) {
	t := w.Thresholds
	for _, f := range []float64{t.Impact, t.Risk, t.Value, t.Attractiveness} {
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return nil, errNotFinite
		}
	}
	b = appendString(b, fWorkshopName, w.Name)
	b = appendString(b, fWorkshopDate, w.Date)
	b = appendString(b, fWorkshopOurCompany, w.OurCompany)
	b = appendInt(b, fWorkshopHorizon, int64(w.HorizonMonths))
	b = appendFloat(b, fWorkshopImpact, t.Impact)
	b = appendFloat(b, fWorkshopRisk, t.Risk)
	b = appendFloat(b, fWorkshopValue, t.Value)
	b = appendFloat(b, fWorkshopAttractiveness, t.Attractiveness)
	b = appendTime(b, fWorkshopCreated, w.Created)
	b = appendTime(b, fWorkshopUpdated, w.Updated)
	if t.Band != nil {
		if math.IsNaN(*t.Band) || math.IsInf(*t.Band, 0) {
			return nil, errNotFinite
		}
		b = binary.AppendUvarint(b, fWorkshopBand<<2|wireFixed64)
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(*t.Band))
	}
	b = appendString(b, fWorkshopCurrency, w.Currency)
	codes := make([]string, 0, len(w.Rates))
	for code := range w.Rates {
		codes = append(codes, code)
	}
	slices.Sort(codes)
	for _, code := range codes {
		r := w.Rates[code]
		if math.IsNaN(r) || math.IsInf(r, 0) {
			return nil, errNotFinite
		}
		b = appendString(b, fWorkshopRate, string(binary.LittleEndian.AppendUint64([]byte(code), math.Float64bits(r))))
	}
	return b, nil
}

func decodeWorkshopFields(key, p []byte, w *model.Workshop) error {
	*w = model.Workshop{ID: string(key)}
	d := fieldReader{b: p}
	for d.next() {
		switch d.field {
		case fWorkshopName:
			w.Name = d.string(nil)
		case fWorkshopDate:
			w.Date = d.string(nil)
		case fWorkshopOurCompany:
			w.OurCompany = d.string(nil)
		case fWorkshopHorizon:
			w.HorizonMonths = int(d.int())
		case fWorkshopImpact:
			w.Thresholds.Impact = d.float()
		case fWorkshopRisk:
			w.Thresholds.Risk = d.float()
		case fWorkshopValue:
			w.Thresholds.Value = d.float()
		case fWorkshopAttractiveness:
			w.Thresholds.Attractiveness = d.float()
		case fWorkshopCreated:
			w.Created = d.time()
		case fWorkshopUpdated:
			w.Updated = d.time()
		case fWorkshopBand:
			band := d.float()
			w.Thresholds.Band = &band
		case fWorkshopCurrency:
			w.Currency = d.string(nil)
		case fWorkshopRate:
			v := d.bytes()
			if len(v) < 8 {
				d.fail(errTruncated)
				continue
			}
			if w.Rates == nil {
				w.Rates = map[string]float64{}
			}
			w.Rates[string(v[:len(v)-8])] = math.Float64frombits(binary.LittleEndian.Uint64(v[len(v)-8:]))
		default:
			d.skip()
		}
	}
	return d.err
}

func appendCustomer(b []byte, c *model.Customer) ([]byte, error) {
	b = appendString(b, fCustomerName, c.Name)
	b = appendString(b, fCustomerOffering, c.Offering)
	if c.Revenue != nil {
		if math.IsNaN(*c.Revenue) || math.IsInf(*c.Revenue, 0) {
			return nil, errNotFinite
		}
		// Written even when 0: a known revenue of 0 is not an unknown one.
		b = binary.AppendUvarint(b, fCustomerRevenue<<2|wireFixed64)
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(*c.Revenue))
	}
	b = appendString(b, fCustomerCurrency, c.Currency)
	b = appendString(b, fCustomerNotes, c.Notes)
	for _, t := range c.Tags {
		b = binary.AppendUvarint(b, fCustomerTag<<2|wireBytes)
		b = binary.AppendUvarint(b, uint64(len(t)))
		b = append(b, t...)
	}
	b = appendTime(b, fCustomerCreated, c.Created)
	b = appendTime(b, fCustomerUpdated, c.Updated)
	return b, nil
}

func decodeCustomerFields(key, p []byte, c *model.Customer, in *interner) error {
	wid, cid, ok := splitCustomerKey(key)
	if !ok {
		return fmt.Errorf("invalid customer key")
	}
	*c = model.Customer{ID: in.get(cid), WorkshopID: in.get(wid)}
	d := fieldReader{b: p}
	for d.next() {
		switch d.field {
		case fCustomerName:
			c.Name = d.string(nil)
		case fCustomerOffering:
			c.Offering = d.string(in)
		case fCustomerRevenue:
			v := d.float()
			c.Revenue = &v
		case fCustomerCurrency:
			c.Currency = d.string(in)
		case fCustomerNotes:
			c.Notes = d.string(nil)
		case fCustomerTag:
			c.Tags = append(c.Tags, d.string(in))
		case fCustomerCreated:
			c.Created = d.time()
		case fCustomerUpdated:
			c.Updated = d.time()
		default:
			d.skip()
		}
	}
	return d.err
}

// splitCustomerKey splits workshopID/customerID.
func splitCustomerKey(k []byte) (wid, cid []byte, ok bool) {
	i := indexSep(k)
	if i <= 0 || i == len(k)-1 || indexSep(k[i+1:]) >= 0 {
		return nil, nil, false
	}
	return k[:i], k[i+1:], true
}

func indexSep(k []byte) int {
	for i, c := range k {
		if c == sep[0] {
			return i
		}
	}
	return -1
}

func appendAnswer(b []byte, a *model.Answer) ([]byte, error) {
	b = appendInt(b, fAnswerScore, int64(a.Score))
	b = appendString(b, fAnswerNote, a.Note)
	b = appendString(b, fAnswerAuthor, a.Author)
	b = appendTime(b, fAnswerAt, a.At)
	b = appendString(b, fAnswerSource, string(a.Source))
	b = appendString(b, fAnswerSourceRef, a.SourceRef)
	b = appendString(b, fAnswerConfirmedBy, a.ConfirmedBy)
	b = appendTime(b, fAnswerConfirmedAt, a.ConfirmedAt)
	return b, nil
}

func decodeAnswerFields(key, p []byte, a *model.Answer, in *interner) error {
	_, cid, qid, ok := splitAnswerKey(key)
	if !ok {
		return fmt.Errorf("invalid answer key")
	}
	*a = model.Answer{CustomerID: in.customer(cid), QuestionID: in.get(qid)}
	d := fieldReader{b: p}
	for d.next() {
		switch d.field {
		case fAnswerScore:
			a.Score = model.Score(d.int())
		case fAnswerNote:
			a.Note = d.string(nil) // notes differ: sharing them would only cost
		case fAnswerAuthor:
			a.Author = d.string(in)
		case fAnswerAt:
			a.At = d.time()
		case fAnswerSource:
			a.Source = model.AnswerSource(d.string(in))
		case fAnswerSourceRef:
			a.SourceRef = d.string(in)
		case fAnswerConfirmedBy:
			a.ConfirmedBy = d.string(in)
		case fAnswerConfirmedAt:
			a.ConfirmedAt = d.time()
		default:
			d.skip()
		}
	}
	return d.err
}

func appendString(b []byte, field uint64, s string) []byte {
	if s == "" {
		return b
	}
	b = binary.AppendUvarint(b, field<<2|wireBytes)
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func appendInt(b []byte, field uint64, v int64) []byte {
	if v == 0 {
		return b
	}
	b = binary.AppendUvarint(b, field<<2|wireVarint)
	return binary.AppendVarint(b, v)
}

func appendFloat(b []byte, field uint64, f float64) []byte {
	if f == 0 && !math.Signbit(f) {
		return b
	}
	b = binary.AppendUvarint(b, field<<2|wireFixed64)
	return binary.LittleEndian.AppendUint64(b, math.Float64bits(f))
}

// appendTime writes a time as its Unix seconds, nanoseconds and zone
// offset in seconds (a bytes value of three varints); the zero time is
// left out. Like JSON, it keeps the instant and the offset, not the name
// of the zone.
func appendTime(b []byte, field uint64, t time.Time) []byte {
	if t.IsZero() {
		return b
	}
	var buf [3 * binary.MaxVarintLen64]byte
	v := binary.AppendVarint(buf[:0], t.Unix())
	v = binary.AppendUvarint(v, uint64(t.Nanosecond()))
	_, off := t.Zone()
	v = binary.AppendVarint(v, int64(off))
	b = binary.AppendUvarint(b, field<<2|wireBytes)
	b = binary.AppendUvarint(b, uint64(len(v)))
	return append(b, v...)
}

// fieldReader reads binary fields; the first problem stops it and stays
// in err.
type fieldReader struct {
	b     []byte
	field uint64
	wire  uint64
	err   error
}

var errTruncated = errors.New("truncated field")

func (d *fieldReader) fail(err error) {
	if d.err == nil {
		d.err = err
	}
	d.b = nil
}

// next reads the next field's header.
func (d *fieldReader) next() bool {
	if d.err != nil || len(d.b) == 0 {
		return false
	}
	h, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail(errTruncated)
		return false
	}
	d.b = d.b[n:]
	d.field, d.wire = h>>2, h&3
	return true
}

func (d *fieldReader) want(wire uint64) bool {
	if d.wire != wire {
		d.fail(fmt.Errorf("field %d has wire type %d, want %d", d.field, d.wire, wire))
		return false
	}
	return true
}

func (d *fieldReader) int() int64 {
	if !d.want(wireVarint) {
		return 0
	}
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail(errTruncated)
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *fieldReader) bytes() []byte {
	if !d.want(wireBytes) {
		return nil
	}
	l, n := binary.Uvarint(d.b)
	if n <= 0 || l > uint64(len(d.b)-n) {
		d.fail(errTruncated)
		return nil
	}
	v := d.b[n : n+int(l)]
	d.b = d.b[n+int(l):]
	return v
}

func (d *fieldReader) string(in *interner) string {
	v := d.bytes()
	if in != nil {
		return in.get(v)
	}
	return string(v)
}

func (d *fieldReader) float() float64 {
	if !d.want(wireFixed64) {
		return 0
	}
	if len(d.b) < 8 {
		d.fail(errTruncated)
		return 0
	}
	v := math.Float64frombits(binary.LittleEndian.Uint64(d.b))
	d.b = d.b[8:]
	return v
}

func (d *fieldReader) time() time.Time {
	v := d.bytes()
	if d.err != nil {
		return time.Time{}
	}
	sec, n1 := binary.Varint(v)
	if n1 <= 0 {
		d.fail(errTruncated)
		return time.Time{}
	}
	nsec, n2 := binary.Uvarint(v[n1:])
	if n2 <= 0 || nsec >= 1e9 {
		d.fail(errTruncated)
		return time.Time{}
	}
	off, n3 := binary.Varint(v[n1+n2:])
	if n3 <= 0 || off < -18*3600 || off > 18*3600 {
		d.fail(errTruncated)
		return time.Time{}
	}
	t := time.Unix(sec, int64(nsec))
	if off == 0 {
		return t.UTC()
	}
	// As encoding/json reads an offset: the local zone when it has that
	// offset then, otherwise a fixed zone.
	if _, local := t.Zone(); local == int(off) {
		return t
	}
	return t.In(time.FixedZone("", int(off)))
}

func (d *fieldReader) skip() {
	switch d.wire {
	case wireVarint:
		_, n := binary.Uvarint(d.b)
		if n <= 0 {
			d.fail(errTruncated)
			return
		}
		d.b = d.b[n:]
	case wireBytes:
		d.bytes()
	case wireFixed64:
		if len(d.b) < 8 {
			d.fail(errTruncated)
			return
		}
		d.b = d.b[8:]
	default:
		d.fail(fmt.Errorf("field %d has unknown wire type %d", d.field, d.wire))
	}
}
