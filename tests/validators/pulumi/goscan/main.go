// Command goscan reads a generated Pulumi Go program with the standard
// library's go/parser and prints, as JSON, what the SDK names check and the
// IAM policy check need: every package member the program uses (functions,
// resource constructors, types with the fields of their composite literals
// and the kind of value each field gets, attributes of resources and invoke
// results, methods), and every IAM policy document (the arguments of
// iam.GetPolicyDocumentOutput), with values that are not literals written
// as ${expression}.
//
// Usage: go run . path/to/main.go
package main

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"os"
	"strconv"
	"strings"
)

// Use is one name the program takes from a package.
type Use struct {
	Kind  string `json:"kind"` // func, type, field, attr, result, method
	Pkg   string `json:"pkg"`  // import path
	Name  string `json:"name"`
	Owner string `json:"owner,omitempty"` // the type or function the name belongs to
	Value string `json:"value,omitempty"` // for fields: how the value is built
	Line  int    `json:"line"`
	Sub   string `json:"sub,omitempty"` // for attr/result: the member read from it (x.VpcConfig.Sub)
}

type scan struct {
	fset    *token.FileSet
	imports map[string]string // local name → path
	vars    map[string][2]string
	uses    []Use
	docs    []map[string]interface{}
	types   map[string]string // variable → pkg.Type of the resource it holds
}

func (s *scan) src(e ast.Node) string {
	var b strings.Builder
	printer.Fprint(&b, s.fset, e)
	return b.String()
}

func (s *scan) line(e ast.Node) int { return s.fset.Position(e.Pos()).Line }

// pkgSel returns the package path and member of `pkg.Name`.
func (s *scan) pkgSel(e ast.Expr) (string, string, bool) {
	sel, ok := e.(*ast.SelectorExpr)
	if !ok {
		return "", "", false
	}
	id, ok := sel.X.(*ast.Ident)
	if !ok {
		return "", "", false
	}
	path, ok := s.imports[id.Name]
	return path, sel.Sel.Name, ok
}

// valueKind says how a field's value is built: the wrapper or literal type.
func (s *scan) valueKind(e ast.Expr) string {
	switch v := e.(type) {
	case *ast.UnaryExpr:
		if lit, ok := v.X.(*ast.CompositeLit); ok && v.Op == token.AND {
			return "&" + s.src(lit.Type)
		}
	case *ast.CompositeLit:
		if v.Type != nil {
			return s.src(v.Type)
		}
		return "{}"
	case *ast.CallExpr:
		if path, name, ok := s.pkgSel(v.Fun); ok && strings.HasSuffix(path, "/go/pulumi") {
			return "pulumi." + name
		}
	case *ast.BasicLit:
		return "literal"
	}
	return "expr"
}

func (s *scan) compositeType(t ast.Expr) (string, string, bool) {
	switch tt := t.(type) {
	case *ast.ArrayType:
		return s.compositeType(tt.Elt)
	case *ast.StarExpr:
		return s.compositeType(tt.X)
	}
	return s.pkgSel(t)
}

func (s *scan) walk(n ast.Node, elem ast.Expr) {
	ast.Inspect(n, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.CompositeLit:
			t := x.Type
			if t == nil {
				t = elem
			}
			if path, name, ok := s.compositeType(t); ok {
				s.uses = append(s.uses, Use{Kind: "type", Pkg: path, Name: name, Line: s.line(x)})
				for _, el := range x.Elts {
					if kv, ok := el.(*ast.KeyValueExpr); ok {
						if key, ok := kv.Key.(*ast.Ident); ok {
							s.uses = append(s.uses, Use{Kind: "field", Pkg: path, Owner: name, Name: key.Name, Value: s.valueKind(kv.Value), Line: s.line(kv)})
						}
					}
				}
			}
			if at, ok := x.Type.(*ast.ArrayType); ok {
				for _, el := range x.Elts {
					if cl, ok := el.(*ast.CompositeLit); ok && cl.Type == nil {
						s.walk(cl, at.Elt)
					} else {
						s.walk(el, nil)
					}
				}
				return false
			}
		case *ast.CallExpr:
			if path, name, ok := s.pkgSel(x.Fun); ok {
				s.uses = append(s.uses, Use{Kind: "func", Pkg: path, Name: name, Line: s.line(x)})
				if name == "GetPolicyDocumentOutput" && len(x.Args) > 1 {
					s.docs = append(s.docs, map[string]interface{}{"line": s.line(x), "document": s.value(x.Args[1])})
				}
			}
		case *ast.SelectorExpr:
			if inner, ok := x.X.(*ast.SelectorExpr); ok {
				if id, ok := inner.X.(*ast.Ident); ok {
					if origin, ok := s.vars[id.Name]; ok {
						s.uses = append(s.uses, Use{Kind: "attr", Pkg: origin[0], Owner: origin[1], Name: inner.Sel.Name, Sub: x.Sel.Name, Line: s.line(x)})
						return false
					}
				}
			}
			if id, ok := x.X.(*ast.Ident); ok {
				if origin, ok := s.vars[id.Name]; ok {
					kind := "attr"
					if strings.HasPrefix(origin[1], "Get") || strings.HasPrefix(origin[1], "Lookup") {
						kind = "result"
					}
					s.uses = append(s.uses, Use{Kind: kind, Pkg: origin[0], Owner: origin[1], Name: x.Sel.Name, Line: s.line(x)})
				}
			}
		}
		return true
	})
}

// value turns a composite literal of policy document arguments into JSON.
func (s *scan) value(e ast.Expr) interface{} {
	switch v := e.(type) {
	case *ast.UnaryExpr:
		return s.value(v.X)
	case *ast.CompositeLit:
		fields := map[string]interface{}{}
		var items []interface{}
		for _, el := range v.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				if key, ok := kv.Key.(*ast.Ident); ok {
					fields[key.Name] = s.value(kv.Value)
					continue
				}
			}
			items = append(items, s.value(el))
		}
		if len(fields) == 0 {
			if items == nil {
				items = []interface{}{}
			}
			return items
		}
		return fields
	case *ast.BasicLit:
		if v.Kind == token.STRING {
			text, err := strconv.Unquote(v.Value)
			if err == nil {
				return text
			}
		}
		return v.Value
	case *ast.CallExpr:
		if _, name, ok := s.pkgSel(v.Fun); ok && (name == "String" || name == "StringRef") && len(v.Args) == 1 {
			return s.value(v.Args[0])
		}
		if _, name, ok := s.pkgSel(v.Fun); ok && name == "Sprintf" && len(v.Args) > 0 {
			format, _ := s.value(v.Args[0]).(string)
			var b strings.Builder
			arg := 1
			for i := 0; i < len(format); i++ {
				if format[i] == '%' && i+1 < len(format) {
					i++
					if format[i] == '%' {
						b.WriteByte('%')
					} else if arg < len(v.Args) {
						b.WriteString(s.placeholder(v.Args[arg]))
						arg++
					}
					continue
				}
				b.WriteByte(format[i])
			}
			return b.String()
		}
	}
	return s.placeholder(e)
}

func (s *scan) placeholder(e ast.Expr) string {
	text := s.src(e)
	if id, ok := e.(*ast.SelectorExpr); ok {
		if x, ok := id.X.(*ast.Ident); ok {
			if t, ok := s.types[x.Name]; ok {
				return fmt.Sprintf("${%s.%s}", t, id.Sel.Name)
			}
		}
	}
	return "${" + text + "}"
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: goscan main.go")
		os.Exit(2)
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, os.Args[1], nil, parser.ParseComments)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	s := &scan{fset: fset, imports: map[string]string{}, vars: map[string][2]string{}, types: map[string]string{}}
	for _, imp := range f.Imports {
		path, _ := strconv.Unquote(imp.Path.Value)
		name := path[strings.LastIndex(path, "/")+1:]
		if imp.Name != nil {
			name = imp.Name.Name
		}
		s.imports[name] = path
	}
	// Variables that hold resources or invoke results: `x, err := pkg.NewX(...)`.
	ast.Inspect(f, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || len(as.Rhs) != 1 || len(as.Lhs) == 0 {
			return true
		}
		call, ok := as.Rhs[0].(*ast.CallExpr)
		if !ok {
			return true
		}
		path, name, ok := s.pkgSel(call.Fun)
		id, isIdent := as.Lhs[0].(*ast.Ident)
		if ok && isIdent && id.Name != "_" && strings.Contains(path, "/pulumi-aws/") {
			s.vars[id.Name] = [2]string{path, name}
			if strings.HasPrefix(name, "New") {
				s.types[id.Name] = path[strings.LastIndex(path, "/")+1:] + "." + strings.TrimPrefix(name, "New")
			}
		}
		return true
	})
	s.walk(f, nil)
	out := map[string]interface{}{"imports": s.imports, "uses": s.uses, "documents": s.docs, "types": s.types}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", " ")
	if err := enc.Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
