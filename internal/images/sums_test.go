package images

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// counted returns a source of data with status stat that counts its reads.
func counted(data []byte, stat string, reads *int) Source {
	return Source{Stat: stat, Read: func() ([]byte, error) {
		*reads++
		return data, nil
	}}
}

// TestUnchangedOriginalNotRead: once a processor has made a photo, a
// later one over the same cache folder finds it by the original's status
// without reading the original; an original without a status is read and
// hashed, and found by its bytes.
func TestUnchangedOriginalNotRead(t *testing.T) {
	dir := t.TempDir()
	data := jpegOf(t, quadrants(300, 200))
	s := Settings{Widths: []int{100}}
	tests := []struct {
		name      string
		stat      string
		wantReads int
		processed int
	}{
		{"first build", "stat 1", 1, 1},
		{"next build, same status", "stat 1", 0, 0},
		{"next build, no status", "", 1, 0},
		{"next build, new status (touched)", "stat 2", 1, 0},
		{"touched, then again", "stat 2", 0, 0},
	}
	var first *Photo
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := NewProcessor(dir, s)
			if err != nil {
				t.Fatal(err)
			}
			reads := 0
			ph, err := p.Photo(context.Background(), counted(data, tt.stat, &reads), Centre)
			if err != nil {
				t.Fatal(err)
			}
			if reads != tt.wantReads || p.Processed() != tt.processed {
				t.Errorf("read the original %d times and processed %d; want %d and %d", reads, p.Processed(), tt.wantReads, tt.processed)
			}
			if first == nil {
				first = ph
			} else if ph.Key != first.Key || ph.dir != first.dir {
				t.Errorf("photo %+v, want the first build's %+v", ph, first)
			}
			// The same processor asked again reads an original with a
			// status no more; one without is read to be hashed.
			again, wantAgain := 0, 0
			if tt.stat == "" {
				wantAgain = 1
			}
			if _, err := p.Photo(context.Background(), counted(data, tt.stat, &again), Centre); err != nil || again != wantAgain {
				t.Errorf("asked again: %d reads, %v; want %d", again, err, wantAgain)
			}
		})
	}
}

// TestWrongKeptSum: a sum kept under a status that does not match the
// bytes (a cache copied from another machine) is put right when the photo
// must be made, and the photo is that of the bytes read.
func TestWrongKeptSum(t *testing.T) {
	dir := t.TempDir()
	a, b := jpegOf(t, quadrants(300, 200)), jpegOf(t, sceneForTest(200, 300))
	s := Settings{Widths: []int{100}}
	p1, _ := NewProcessor(dir, s)
	reads := 0
	if _, err := p1.Photo(context.Background(), counted(a, "stat A", &reads), Centre); err != nil {
		t.Fatal(err)
	}
	// The kept sum of "stat A" now names a's bytes; b's file claims it.
	p2, _ := NewProcessor(dir, s)
	ph, err := p2.Photo(context.Background(), counted(b, "stat A", &reads), Focus{0.2, 0.2})
	if err != nil {
		t.Fatal(err)
	}
	if ph.Width != 200 || ph.Height != 300 {
		t.Errorf("photo of %dx%d, want b's 200x300", ph.Width, ph.Height)
	}
	kept, _ := os.ReadFile(p2.sumPath("stat A"))
	if string(kept) != hexSum(b) {
		t.Errorf("kept sum %s, want b's %s", kept, hexSum(b))
	}
}

func TestSourceErrors(t *testing.T) {
	boom := errors.New("disk on fire")
	failing := Source{Stat: "stat X", Read: func() ([]byte, error) { return nil, boom }}
	p, _ := NewProcessor(t.TempDir(), Settings{})
	if _, err := p.Photo(context.Background(), failing, Centre); !errors.Is(err, boom) {
		t.Errorf("unreadable original, unknown sum: %v", err)
	}

	// A sum known, the photo not in the cache: the read for processing fails.
	dir := t.TempDir()
	data := jpegOf(t, quadrants(30, 20))
	p1, _ := NewProcessor(dir, Settings{Widths: []int{10}})
	reads := 0
	if _, err := p1.Photo(context.Background(), counted(data, "stat X", &reads), Centre); err != nil {
		t.Fatal(err)
	}
	p2, _ := NewProcessor(dir, Settings{Widths: []int{10}})
	if _, err := p2.Photo(context.Background(), failing, Focus{0.9, 0.9}); !errors.Is(err, boom) {
		t.Errorf("unreadable original, known sum, another focus: %v", err)
	}

	// A cache whose sums cannot be written.
	dir = t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "sums"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	p3, _ := NewProcessor(dir, Settings{Widths: []int{10}})
	if _, err := p3.Photo(context.Background(), counted(data, "stat Y", &reads), Centre); err == nil || !strings.Contains(err.Error(), "image cache") {
		t.Errorf("sums folder is a file: %v", err)
	}
	// A damaged kept sum is not trusted: the original is read again.
	dir = t.TempDir()
	p4, _ := NewProcessor(dir, Settings{Widths: []int{10}})
	if err := os.MkdirAll(filepath.Dir(p4.sumPath("stat Z")), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p4.sumPath("stat Z"), []byte("not a sum"), 0o644); err != nil {
		t.Fatal(err)
	}
	reads = 0
	if _, err := p4.Photo(context.Background(), counted(data, "stat Z", &reads), Centre); err != nil || reads != 1 {
		t.Errorf("damaged kept sum: %d reads, %v; want 1", reads, err)
	}
}
