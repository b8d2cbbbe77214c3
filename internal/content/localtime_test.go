package content

import (
	"reflect"
	"testing"
	"time"
)

// TestParseLocalTimesAroundDST: a date written without an offset is read
// in the site's zone; one that the clocks skip, or pass twice, is an
// error at its key that suggests the offsets to write.
func TestParseLocalTimesAroundDST(t *testing.T) {
	const x = "content/briefs/x.md"
	london := mustLoad("Europe/London")
	tests := []struct {
		name string
		loc  *time.Location
		src  string
		want []string
	}{
		{"toml, in the gap", london, "+++\ntitle = \"x\"\ndate = 2038-03-28T01:30:05\n+++\n",
			[]string{x + `:3:1: date 2038-03-28T01:30:05 does not exist in Europe/London (the clocks skip that hour): write it with the offset meant, 2038-03-28T01:30:05+00:00 or 2038-03-28T01:30:05+01:00`}},
		{"toml, in the repeated hour", newYork, "+++\ntitle = \"x\"\ndate = 2026-11-01T01:30:00\n+++\n",
			[]string{x + `:3:1: date 2026-11-01T01:30:00 happens twice in America/New_York (the clocks go back): write it with the offset meant, 2026-11-01T01:30:00-04:00 or, later, 2026-11-01T01:30:00-05:00`}},
		{"toml, a correction in the gap", newYork, "+++\ntitle = \"x\"\ndate = 2026-03-01T09:00:00-05:00\n[[corrections]]\ndate = 2026-03-08T02:15:00\ntext = \"fixed\"\n+++\n",
			[]string{x + `:5:1: date 2026-03-08T02:15:00 does not exist in America/New_York (the clocks skip that hour): write it with the offset meant, 2026-03-08T02:15:00-05:00 or 2026-03-08T02:15:00-04:00`}},
		{"toml, updated in the gap, written the toml package's way", newYork, "+++\ntitle = \"x\"\ndate = 2026-03-01\nupdated = 2026-03-08 02:15:00\n+++\n",
			[]string{x + `:4:1: updated 2026-03-08T02:15:00 does not exist in America/New_York (the clocks skip that hour): write it with the offset meant, 2026-03-08T02:15:00-05:00 or 2026-03-08T02:15:00-04:00`}},
		{"yaml, in the gap", london, "---\ntitle: x\ndate: 2038-03-28T01:30:05\n---\n",
			[]string{x + `:3:7: date: 2038-03-28T01:30:05 does not exist in Europe/London (the clocks skip that hour): write it with the offset meant, 2038-03-28T01:30:05+00:00 or 2038-03-28T01:30:05+01:00`}},
		{"yaml, in the repeated hour", london, "---\ntitle: x\ndate: 2038-10-31 01:30\n---\n",
			[]string{x + `:3:7: date: 2038-10-31T01:30:00 happens twice in Europe/London (the clocks go back): write it with the offset meant, 2038-10-31T01:30:00+01:00 or, later, 2038-10-31T01:30:00+00:00`}},
		{"an hour before the gap", london, "+++\ntitle = \"x\"\ndate = 2038-03-28T00:30:05\n+++\n", nil},
		{"with its offset", london, "+++\ntitle = \"x\"\ndate = 2038-03-28T01:30:05+01:00\n+++\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(x, []byte(tt.src), Options{Location: tt.loc})
			if got := errorLines(err); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Parse errors:\n%q\nwant:\n%q", got, tt.want)
			}
		})
	}
}

func TestInZone(t *testing.T) {
	tests := []struct {
		zone, wall string
		want       string // RFC 3339, or the start of the error
	}{
		{"America/New_York", "2026-06-07T09:30:00", "2026-06-07T09:30:00-04:00"},
		{"America/New_York", "2026-03-08T01:59:59", "2026-03-08T01:59:59-05:00"},
		{"America/New_York", "2026-03-08T03:00:00", "2026-03-08T03:00:00-04:00"},
		{"America/New_York", "2026-03-08T02:00:00", "2026-03-08T02:00:00 does not exist"},
		{"America/New_York", "2026-11-01T00:59:59", "2026-11-01T00:59:59-04:00"},
		{"America/New_York", "2026-11-01T01:00:00", "2026-11-01T01:00:00 happens twice"},
		{"America/New_York", "2026-11-01T02:00:00", "2026-11-01T02:00:00-05:00"},
		{"Australia/Lord_Howe", "2026-10-04T02:15:00", "2026-10-04T02:15:00 does not exist in Australia/Lord_Howe (the clocks skip that hour): write it with the offset meant, 2026-10-04T02:15:00+10:30 or 2026-10-04T02:15:00+11:00"},
		{"UTC", "2026-03-29T01:30:00", "2026-03-29T01:30:00Z"},
		{"Asia/Kolkata", "2026-03-29T01:30:00", "2026-03-29T01:30:00+05:30"},
	}
	for _, tt := range tests {
		wall, err := time.Parse("2006-01-02T15:04:05", tt.wall)
		if err != nil {
			t.Fatal(err)
		}
		got, err := inZone(wall, mustLoad(tt.zone))
		text := ""
		if err != nil {
			text = err.Error()
		} else {
			text = got.Format(time.RFC3339)
		}
		if len(text) < len(tt.want) || text[:len(tt.want)] != tt.want {
			t.Errorf("inZone(%s, %s) = %s, want %s", tt.wall, tt.zone, text, tt.want)
		}
	}
}
