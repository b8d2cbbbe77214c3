package i18n

import (
	"strconv"
	"strings"
	"time"
)

// The keys of the date formats, and what each writes: a day ("July 12,
// 2017"), a time of day ("1:05 p.m. CEST") and a month ("July 2017").
var formats = map[string]string{
	"date_format":       "{MMMM} {d}, {y}",
	"time_format":       "{h}:{mm} {a} {z}",
	"month_year_format": "{MMMM} {y}",
}

// dateFields are the fields a date format may hold, as CLDR's patterns
// name them: d the day of the month, MMMM the month's name (from months),
// y the year, H the hour 0 to 23 and HH the same in two digits, h the hour
// 1 to 12, mm the minutes, a "am" or "pm" (from those keys), z the time
// zone's abbreviation.
var dateFields = []string{"d", "MMMM", "y", "H", "HH", "h", "mm", "a", "z"}

// dateFormats are a language's date formats, read once.
type dateFormats struct {
	date, clock, monthYear string
	months                 []string
	am, pm                 string
}

func (t *Translator) compileDates() dateFormats {
	text := func(key string) string {
		if m, ok := t.Lookup(key); ok {
			return m.Forms["other"]
		}
		return formats[key]
	}
	d := dateFormats{date: text("date_format"), clock: text("time_format"), monthYear: text("month_year_format"),
		am: text("am"), pm: text("pm")}
	if m, ok := t.Lookup("months"); ok {
		d.months = m.List
	}
	return d
}

// Date writes the day of tm as the language does: "July 12, 2017", "12 de
// julio de 2017". tm is written in its own location: pass it in the
// site's time zone.
func (t *Translator) Date(tm time.Time) string { return t.format(t.dates.date, tm) }

// Time writes the time of day of tm with its zone: "1:05 p.m. CEST",
// "13:05 CEST".
func (t *Translator) Time(tm time.Time) string { return t.format(t.dates.clock, tm) }

// MonthYear writes the month of tm: "July 2017", "julio de 2017".
func (t *Translator) MonthYear(tm time.Time) string { return t.format(t.dates.monthYear, tm) }

// format writes tm by the date format layout, whose fields were checked
// when its file was read.
func (t *Translator) format(layout string, tm time.Time) string {
	var buf [64]byte // most dates fit: one allocation, the string's
	b := buf[:0]
	for {
		i := strings.IndexByte(layout, '{')
		j := strings.IndexByte(layout, '}')
		if i < 0 || j < i {
			return string(append(b, layout...))
		}
		b = append(b, layout[:i]...)
		b = t.appendField(b, layout[i+1:j], tm)
		layout = layout[j+1:]
	}
}

func (t *Translator) appendField(b []byte, name string, tm time.Time) []byte {
	switch name {
	case "d":
		return strconv.AppendInt(b, int64(tm.Day()), 10)
	case "MMMM":
		if len(t.dates.months) == 12 {
			return append(b, t.dates.months[tm.Month()-1]...)
		}
		return append(b, tm.Month().String()...)
	case "y":
		return strconv.AppendInt(b, int64(tm.Year()), 10)
	case "H":
		return strconv.AppendInt(b, int64(tm.Hour()), 10)
	case "HH":
		return tm.AppendFormat(b, "15")
	case "h":
		return tm.AppendFormat(b, "3")
	case "mm":
		return tm.AppendFormat(b, "04")
	case "a":
		if tm.Hour() < 12 {
			return append(b, t.dates.am...)
		}
		return append(b, t.dates.pm...)
	case "z":
		return tm.AppendFormat(b, "MST")
	}
	return append(append(append(b, '{'), name...), '}')
}
