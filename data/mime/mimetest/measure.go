package mimetest

import (
	"runtime"
	"runtime/metrics"
	"time"
)

// Memory is what a function held and allocated while it ran.
type Memory struct {
	BaseHeap  uint64 // heap in use when it started (what the caller holds, the message included)
	PeakHeap  uint64 // the most heap in use while it ran, sampled every half millisecond
	Allocated uint64 // bytes it allocated in all: a bound on its heap growth that sampling cannot miss
	Seconds   float64
}

// Measure runs fn after a garbage collection and follows the heap while it runs, from the
// runtime's metrics (no stop-the-world), so a peak between two collections is seen.
func Measure(fn func()) Memory {
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(sample)
	m := Memory{BaseHeap: sample[0].Value.Uint64()}
	stop, done := make(chan struct{}), make(chan uint64)
	go func() {
		peak := m.BaseHeap
		tick := time.NewTicker(500 * time.Microsecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				metrics.Read(sample)
				done <- max(peak, sample[0].Value.Uint64())
				return
			case <-tick.C:
				metrics.Read(sample)
				peak = max(peak, sample[0].Value.Uint64())
			}
		}
	}()
	start := time.Now()
	fn()
	m.Seconds = time.Since(start).Seconds()
	close(stop)
	m.PeakHeap = <-done
	runtime.ReadMemStats(&after)
	m.Allocated = after.TotalAlloc - before.TotalAlloc
	return m
}
