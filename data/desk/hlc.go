package desk

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Clock is a hybrid logical clock. Its stamps sort as strings in causal order across desks:
// "<wall ms, 13 digits>-<counter, 4 hex>-<desk>". Team sync (later) compares them for last-writer-wins
// per field; a desk whose wall clock runs behind still stamps after anything it has seen.
type Clock struct {
	mu      sync.Mutex
	desk    string
	now     func() time.Time
	wall    int64
	counter int
}

// NewClock starts a clock for desk that never goes below last (the newest stamp already stored).
func NewClock(desk, last string, now func() time.Time) *Clock {
	c := &Clock{desk: desk, now: now}
	c.Observe(last)
	return c
}

// Now returns a new stamp, greater than every stamp returned or observed before.
func (c *Clock) Now() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	ms := c.now().UnixMilli()
	if ms > c.wall {
		c.wall, c.counter = ms, 0
	} else {
		c.counter++
	}
	return fmt.Sprintf("%013d-%04x-%s", c.wall, c.counter, c.desk)
}

// Observe moves the clock past a stamp seen from another desk (or read back from storage).
func (c *Clock) Observe(stamp string) {
	wall, counter, ok := parseHLC(stamp)
	if !ok {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if wall > c.wall || (wall == c.wall && counter > c.counter) {
		c.wall, c.counter = wall, counter
	}
}

func parseHLC(s string) (wall int64, counter int, ok bool) {
	parts := strings.SplitN(s, "-", 3)
	if len(parts) < 2 {
		return 0, 0, false
	}
	w, err1 := strconv.ParseInt(parts[0], 10, 64)
	n, err2 := strconv.ParseInt(parts[1], 16, 32)
	if err1 != nil || err2 != nil {
		return 0, 0, false
	}
	return w, int(n), true
}

// ParseHLC is the wall time a stamp carries.
func ParseHLC(stamp string) (time.Time, bool) {
	wall, _, ok := parseHLC(stamp)
	if !ok {
		return time.Time{}, false
	}
	return time.UnixMilli(wall), true
}

// StampDesk is the desk a stamp comes from.
func StampDesk(stamp string) string {
	parts := strings.SplitN(stamp, "-", 3)
	if len(parts) < 3 {
		return ""
	}
	return parts[2]
}
