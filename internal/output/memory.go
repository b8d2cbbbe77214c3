package output

import (
	"bytes"
	"slices"
	"sync"
)

// Memory is an output held in memory, as the preview server serves it:
// each build makes a new Memory over the last good one, which takes the
// files whose keys did not change from it, and the last good one stays
// whole until the new one has every file. Its methods may be called from
// several goroutines at once.
type Memory struct {
	prev  *Memory
	mu    sync.Mutex
	files map[string]memoryFile
}

type memoryFile struct {
	key  uint64
	data []byte
}

// NewMemory returns an empty output that can reuse the files of prev,
// which may be nil.
func NewMemory(prev *Memory) *Memory {
	m := &Memory{prev: prev, files: map[string]memoryFile{}}
	if prev != nil {
		m.files = make(map[string]memoryFile, len(prev.files))
	}
	return m
}

// Reuse reports whether the previous output has the file path under key,
// and takes it if so. Key 0 is no key: such a file is never reused.
func (m *Memory) Reuse(path string, key uint64) bool {
	if m.prev == nil || key == 0 {
		return false
	}
	f, ok := m.prev.file(path)
	if !ok || f.key != key {
		return false
	}
	m.mu.Lock()
	m.files[path] = f
	m.mu.Unlock()
	return true
}

// Keep takes the previous output's file path as it is, whatever its key:
// the preview serves a slow file as it was until it is rendered anew.
func (m *Memory) Keep(path string) {
	if m.prev == nil {
		return
	}
	if f, ok := m.prev.file(path); ok {
		m.mu.Lock()
		m.files[path] = f
		m.mu.Unlock()
	}
}

// Add puts a copy of data in the output under path.
func (m *Memory) Add(path string, key uint64, data []byte) error {
	f := memoryFile{key: key, data: bytes.Clone(data)}
	if f.data == nil {
		f.data = []byte{}
	}
	m.mu.Lock()
	m.files[path] = f
	m.mu.Unlock()
	return nil
}

// Files returns the output as a new map of path to bytes. The bytes are
// shared, and never changed.
func (m *Memory) Files() map[string][]byte {
	m.mu.Lock()
	defer m.mu.Unlock()
	files := make(map[string][]byte, len(m.files))
	for p, f := range m.files {
		files[p] = f.data
	}
	return files
}

// File returns the bytes of the file path.
func (m *Memory) File(path string) ([]byte, bool) {
	f, ok := m.file(path)
	return f.data, ok
}

// Release drops the previous output once this one is complete, so that
// a chain of builds holds two outputs at most.
func (m *Memory) Release() { m.prev = nil }

func (m *Memory) file(path string) (memoryFile, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	f, ok := m.files[path]
	return f, ok
}

// Memo returns "": an output in memory leaves no memo for another process.
func (m *Memory) Memo() string { return "" }

// SetMemo does nothing: see Memo.
func (m *Memory) SetMemo(string) {}

// KeepAll reports false: a build in memory keeps files one by one.
func (m *Memory) KeepAll() bool { return false }

// Diff returns the paths of files whose bytes differ from old's, and
// those of old that files no longer has, sorted.
func Diff(old, files map[string][]byte) (changed, removed []string) {
	for p, data := range files {
		if prev, ok := old[p]; !ok || !bytes.Equal(prev, data) {
			changed = append(changed, p)
		}
	}
	for p := range old {
		if _, ok := files[p]; !ok {
			removed = append(removed, p)
		}
	}
	slices.Sort(changed)
	slices.Sort(removed)
	return changed, removed
}
