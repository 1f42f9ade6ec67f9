package serve

import (
	"sync"
	"time"
)

// Limit is how wrong join codes are rate-limited per address: after
// Attempts wrong codes in a row the address is locked out for Lockout,
// and each further lockout lasts twice as long as the one before, up to
// MaxLockout. A right code clears the count.
type Limit struct {
	Attempts   int
	Lockout    time.Duration
	MaxLockout time.Duration
}

// DefaultLimit allows five wrong codes, then a minute's wait, then two,
// four… up to an hour. Six characters from 31 give about 887 million
// codes: guessing one this way takes longer than any workshop.
var DefaultLimit = Limit{Attempts: 5, Lockout: time.Minute, MaxLockout: time.Hour}

// limiter counts wrong join codes per remote IP address.
type limiter struct {
	l   Limit
	now func() time.Time

	mu sync.Mutex
	m  map[string]*strikes
}

type strikes struct {
	wrong    int       // wrong codes since the last lockout or right code
	lockouts int       // lockouts so far
	until    time.Time // locked out until then
}

func newLimiter(l Limit, now func() time.Time) *limiter {
	if l.Attempts <= 0 {
		l.Attempts = DefaultLimit.Attempts
	}
	if l.Lockout <= 0 {
		l.Lockout = DefaultLimit.Lockout
	}
	if l.MaxLockout < l.Lockout {
		l.MaxLockout = l.Lockout
	}
	return &limiter{l: l, now: now, m: map[string]*strikes{}}
}

// wait is how long addr must wait before it may try a code; 0 when it may
// try now.
func (l *limiter) wait(addr string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	st, ok := l.m[addr]
	if !ok {
		return 0
	}
	return max(st.until.Sub(l.now()), 0)
}

// wrong counts a wrong code from addr. It returns how many tries are left
// before a lockout, or the lockout it started.
func (l *limiter) wrong(addr string) (left int, lockout time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.prune()
	st := l.m[addr]
	if st == nil {
		st = &strikes{}
		l.m[addr] = st
	}
	st.wrong++
	if st.wrong < l.l.Attempts {
		return l.l.Attempts - st.wrong, 0
	}
	st.wrong = 0
	lockout = l.l.Lockout
	for i := 0; i < st.lockouts && lockout < l.l.MaxLockout; i++ {
		lockout *= 2
	}
	lockout = min(lockout, l.l.MaxLockout)
	st.lockouts++
	st.until = l.now().Add(lockout)
	return 0, lockout
}

// right clears addr's record after a right code.
func (l *limiter) right(addr string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.m, addr)
}

// prune forgets addresses whose lockout has passed with no wrong code
// since, once there are many, so a scan of addresses cannot grow the map
// without bound. Called with mu held.
func (l *limiter) prune() {
	if len(l.m) < 1024 {
		return
	}
	now := l.now()
	for a, st := range l.m {
		if st.wrong == 0 && !st.until.After(now.Add(-l.l.MaxLockout)) {
			delete(l.m, a)
		}
	}
}
