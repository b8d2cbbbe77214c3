package images

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// Processor makes the variants of photos and the cards of briefs without
// one, and keeps them in a cache folder on disk, keyed by the source's
// bytes, the settings and the encoders' version: an unchanged photo is
// processed once, whatever the builds and previews that follow. Its
// methods may be called from several goroutines at once; at most one
// photo per CPU is decoded at a time, which bounds memory.
type Processor struct {
	dir      string
	settings Settings
	slots    chan struct{}
	fonts    func() (*fonts, error)

	processed atomic.Int64 // photos processed, not read from the cache

	mu    sync.Mutex
	sums  map[string]string // the sums of originals, by Source.Stat
	memo  map[string]*Photo // by key: photos made or read from the cache
	cards map[string]*Photo
}

// Source is the original of a photo, whose bytes are read only when they
// are needed: to make its variants, or to learn their sum.
type Source struct {
	// Read returns the original's bytes.
	Read func() ([]byte, error)
	// Stat identifies the original's bytes by its file's status (device,
	// inode, size, times: see fingerprint.StatKey), or is "" when the
	// system gives no status that can be trusted. The Processor keeps the
	// sum of the bytes under it in its cache folder, so that a later build
	// knows an unchanged original without reading it.
	Stat string
}

// Bytes returns the source of a photo whose bytes are data.
func Bytes(data []byte) Source {
	return Source{Read: func() ([]byte, error) { return data, nil }}
}

// NewProcessor returns a Processor with settings s whose cache is the
// folder dir, made if missing.
func NewProcessor(dir string, s Settings) (*Processor, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("image cache: %w", err)
	}
	return &Processor{
		dir: dir, settings: s.withDefaults(),
		slots: make(chan struct{}, runtime.GOMAXPROCS(0)),
		fonts: sync.OnceValues(parseFonts),
		sums:  map[string]string{}, memo: map[string]*Photo{}, cards: map[string]*Photo{},
	}, nil
}

// DefaultCacheDir is the cache folder of a build that names none: in the
// user's cache folder, else (no home, or one that cannot be written) in
// the system's temporary folder.
func DefaultCacheDir() string {
	if dir, err := os.UserCacheDir(); err == nil {
		dir = filepath.Join(dir, "briefs", "images")
		if os.MkdirAll(dir, 0o755) == nil {
			return dir
		}
	}
	return filepath.Join(os.TempDir(), "briefs-images")
}

// Processed returns how many photos the Processor has processed rather
// than found in its cache.
func (p *Processor) Processed() int { return int(p.processed.Load()) }

// Settings returns the processor's settings, with their defaults.
func (p *Processor) Settings() Settings { return p.settings }

// Photo is a processed photo: what pages need to know of its variants,
// whose bytes are in the cache.
type Photo struct {
	Width, Height int // of the upright original
	GPS           bool
	Responsive    []Variant // as Result.Responsive
	Social        Variant
	Crops         []Variant
	Mail          *Variant `json:",omitempty"`
	// Key sums up the variants' names and bytes: a page that shows them
	// changes when it changes.
	Key uint64

	dir string
}

// Variant is one file made from a photo.
type Variant struct {
	Name          string // "800w.webp": the original's name without its extension, a dash and Name is its file name
	Width, Height int
	Type          string
	Bytes         int
}

// Data reads the bytes of the variant named name from the cache.
func (ph *Photo) Data(name string) ([]byte, error) {
	data, err := os.ReadFile(filepath.Join(ph.dir, name))
	if err != nil {
		return nil, fmt.Errorf("image cache: %w", err)
	}
	return data, nil
}

// Photo returns the processed photo of the original src, with its crops
// around focus, making it unless the cache has it. The original is read
// only when the cache does not know its sum or lacks the photo, and is
// decoded only in one of the Processor's slots: a caller that asks for many
// photos at once holds at most one original per goroutine.
func (p *Processor) Photo(ctx context.Context, src Source, focus Focus) (*Photo, error) {
	sum, data, err := p.sum(src)
	if err != nil {
		return nil, err
	}
	key := p.key(sum, focus)
	p.mu.Lock()
	ph := p.memo[key]
	p.mu.Unlock()
	if ph != nil {
		return ph, nil
	}
	dir := filepath.Join(p.dir, key[:2], key)
	if ph, err := readPhoto(dir); err == nil {
		return p.remember(key, ph), nil
	}
	select {
	case p.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-p.slots }()
	if data == nil {
		if data, err = src.Read(); err != nil {
			return nil, err
		}
		if real := hexSum(data); real != sum {
			// The sum kept under the original's status was wrong (a cache
			// copied from elsewhere): right it, and make the photo of the
			// bytes read.
			if err := p.storeSum(src.Stat, real); err != nil {
				return nil, err
			}
			key = p.key(real, focus)
			dir = filepath.Join(p.dir, key[:2], key)
		}
	}
	p.processed.Add(1)
	res, err := Process(data, p.settings, focus)
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	ph = &Photo{Width: res.Width, Height: res.Height, GPS: res.Metadata.GPS}
	add := func(e Encoded) Variant {
		files[e.Name] = e.Data
		return Variant{Name: e.Name, Width: e.Width, Height: e.Height, Type: e.Type, Bytes: len(e.Data)}
	}
	for _, e := range res.Responsive {
		ph.Responsive = append(ph.Responsive, add(e))
	}
	ph.Social = add(res.Social)
	for _, e := range res.Crops {
		ph.Crops = append(ph.Crops, add(e))
	}
	if res.Mail != nil {
		v := add(*res.Mail)
		ph.Mail = &v
	}
	if err := store(dir, ph, files); err != nil {
		return nil, err
	}
	return p.remember(key, ph), nil
}

// Card returns the drawn social card c, making it unless the cache has
// it. Its one variant is Social.
func (p *Processor) Card(c Card) (*Photo, error) {
	sum := sha256.Sum256([]byte(EncoderVersion + "|" + c.Key()))
	key := hex.EncodeToString(sum[:])
	p.mu.Lock()
	ph := p.cards[key]
	p.mu.Unlock()
	if ph != nil {
		return ph, nil
	}
	dir := filepath.Join(p.dir, key[:2], key)
	if ph, err := readPhoto(dir); err == nil {
		return p.rememberCard(key, ph), nil
	}
	fonts, err := p.fonts()
	if c.Font != nil {
		fonts, err = parseFont(c.Font)
	}
	if err != nil {
		return nil, err
	}
	e, err := c.draw(fonts)
	if err != nil {
		return nil, err
	}
	ph = &Photo{Width: e.Width, Height: e.Height, Social: Variant{Name: e.Name, Width: e.Width, Height: e.Height, Type: e.Type, Bytes: len(e.Data)}}
	files := map[string][]byte{e.Name: e.Data}
	if err := store(dir, ph, files); err != nil {
		return nil, err
	}
	return p.rememberCard(key, ph), nil
}

// store writes the files of ph into its cache folder dir, with its
// metadata, and records the folder in ph.
func store(dir string, ph *Photo, files map[string][]byte) error {
	ph.Key = sumFiles(files)
	meta, err := json.Marshal(ph)
	if err != nil {
		return err
	}
	files[metaName] = meta
	if err := writeDir(dir, files); err != nil {
		return err
	}
	ph.dir = dir
	return nil
}

func (p *Processor) remember(key string, ph *Photo) *Photo {
	p.mu.Lock()
	defer p.mu.Unlock()
	if old := p.memo[key]; old != nil {
		return old
	}
	p.memo[key] = ph
	return ph
}

func (p *Processor) rememberCard(key string, ph *Photo) *Photo {
	p.mu.Lock()
	defer p.mu.Unlock()
	if old := p.cards[key]; old != nil {
		return old
	}
	p.cards[key] = ph
	return ph
}

// key returns the cache key of a photo whose original's sum is sum: a
// SHA-256 of that, the settings, the focus and the encoders' version.
func (p *Processor) key(sum string, focus Focus) string {
	k := sha256.Sum256(fmt.Appendf(nil, "%s|%s|%s|%g,%g", sum, p.settings, EncoderVersion, focus.X, focus.Y))
	return hex.EncodeToString(k[:])
}

// sum returns the SHA-256 of src's bytes, in hex, and the bytes when it
// had to read them: a sum kept under src.Stat, by this Processor or by
// one before it over the same cache folder, spares the reading.
func (p *Processor) sum(src Source) (string, []byte, error) {
	if src.Stat != "" {
		p.mu.Lock()
		sum, ok := p.sums[src.Stat]
		p.mu.Unlock()
		if ok {
			return sum, nil, nil
		}
		if kept, err := os.ReadFile(p.sumPath(src.Stat)); err == nil && isHexSum(kept) {
			p.mu.Lock()
			p.sums[src.Stat] = string(kept)
			p.mu.Unlock()
			return string(kept), nil, nil
		}
	}
	data, err := src.Read()
	if err != nil {
		return "", nil, err
	}
	sum := hexSum(data)
	if err := p.storeSum(src.Stat, sum); err != nil {
		return "", nil, err
	}
	return sum, data, nil
}

// storeSum keeps sum as that of the bytes of the original whose status is
// stat, in memory and in the cache folder; nothing for an empty stat.
func (p *Processor) storeSum(stat, sum string) error {
	if stat == "" {
		return nil
	}
	if err := writeFile(p.sumPath(stat), []byte(sum)); err != nil {
		return err
	}
	p.mu.Lock()
	p.sums[stat] = sum
	p.mu.Unlock()
	return nil
}

// sumPath returns the file in the cache folder that keeps the sum of the
// original whose status is stat.
func (p *Processor) sumPath(stat string) string {
	k := hexSum([]byte(stat))
	return filepath.Join(p.dir, "sums", k[:2], k)
}

// hexSum returns the SHA-256 of data in hex.
func hexSum(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// isHexSum reports whether data is a SHA-256 in hex, as hexSum writes it.
func isHexSum(data []byte) bool {
	if len(data) != 2*sha256.Size {
		return false
	}
	_, err := hex.DecodeString(string(data))
	return err == nil
}

// metaName is the file in each cache folder that describes its variants.
const metaName = "photo.json"

// readPhoto reads a processed photo from its cache folder.
func readPhoto(dir string) (*Photo, error) {
	data, err := os.ReadFile(filepath.Join(dir, metaName))
	if err != nil {
		return nil, err
	}
	ph := &Photo{dir: dir}
	if err := json.Unmarshal(data, ph); err != nil {
		return nil, err
	}
	return ph, nil
}

// writeDir writes files into a new folder dir, whole or not at all: they
// go into a temporary folder beside it, renamed into place. A folder that
// another build put there first is as good.
func writeDir(dir string, files map[string][]byte) error {
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("image cache: %w", err)
	}
	tmp, err := os.MkdirTemp(parent, ".tmp-")
	if err != nil {
		return fmt.Errorf("image cache: %w", err)
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(tmp, name), data, 0o644); err != nil {
			os.RemoveAll(tmp)
			return fmt.Errorf("image cache: %w", err)
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		os.RemoveAll(tmp)
		if _, statErr := os.Stat(filepath.Join(dir, metaName)); statErr == nil {
			return nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("image cache: %w", err)
		}
	}
	return nil
}

// writeFile writes data into the file name, whole or not at all: into a
// temporary file beside it, renamed into place.
func writeFile(name string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return fmt.Errorf("image cache: %w", err)
	}
	f, err := os.CreateTemp(filepath.Dir(name), ".tmp-")
	if err != nil {
		return fmt.Errorf("image cache: %w", err)
	}
	_, err = f.Write(data)
	if closeErr := f.Close(); err == nil {
		err = closeErr
	}
	if err == nil {
		err = os.Rename(f.Name(), name)
	}
	if err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("image cache: %w", err)
	}
	return nil
}

// sumFiles returns an FNV-1a hash of files' names and bytes, in the order
// of their names.
func sumFiles(files map[string][]byte) uint64 {
	h := fnv.New64a()
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		fmt.Fprintf(h, "%s|%d|", n, len(files[n]))
		h.Write(files[n])
	}
	return h.Sum64()
}

// Variants returns every file made from the photo: the responsive
// variants, the social card, the crops and the mail image.
func (ph *Photo) Variants() []Variant {
	vs := append(slices.Clone(ph.Responsive), ph.Social)
	vs = append(vs, ph.Crops...)
	if ph.Mail != nil {
		vs = append(vs, *ph.Mail)
	}
	return vs
}
