package baogao

// Place is a province, prefecture or county-level place of GB/T 2260.
type Place struct {
	Code   string `json:"code"`             // six digits: "370828"
	Name   string `json:"name"`             // full name: "金乡县"
	Short  string `json:"short"`            // short name: "金乡"
	Level  Level  `json:"level"`            // province, prefecture or county
	Parent string `json:"parent,omitempty"` // code of the parent place; empty for a province
	Region Region `json:"region"`           // macro-region slug
	Slug   string `json:"slug"`             // ASCII pinyin slug: "jinxiang"
}

// Gazetteer answers questions about places. The implementation embedded in
// the binary is internal/place.
type Gazetteer interface {
	// Place returns the place with the code, or an error with code ENOTFOUND.
	Place(code string) (Place, error)
	// Path returns the place and its ancestors, province first; nil for an
	// unknown code.
	Path(code string) []Place
	// FullName joins the names of Path: "山东省济宁市金乡县"; "" for an unknown code.
	FullName(code string) string
	// Children returns the places whose parent is code, ordered by code.
	Children(code string) []Place
	// All returns every place, ordered by code.
	All() []Place
	// Lookup returns every place a code or name (full, short, former, or
	// the full path) can mean, ordered by code; nil when none.
	Lookup(name string) []Place
}

// CodePrefix returns the significant prefix of a place code: 37 for a
// province (370000), 3708 for a prefecture (370800), all six digits for a
// county. A code's places are those whose codes start with it; a two- or
// four-digit prefix is already one.
func CodePrefix(code string) string {
	switch {
	case len(code) != 6:
		return code
	case code[2:] == "0000":
		return code[:2]
	case code[4:] == "00":
		return code[:4]
	}
	return code
}
