#!/usr/bin/env python3
"""Regenerate the X12 dictionaries (<version>.json) from two permissively licensed sources.

Sources (read straight out of bare git mirrors, nothing is built or run from them):

  * olmelabs/EdiEngine (MIT) -- EdiStandards/X12_004010/{DataElements,Segments,Maps}/*.cs
    generated C# map classes for the complete X12 004010 standard: every transaction set
    (Maps/M_<set>.cs: segment order, loops, M/O requirement, max use), every segment
    (Segments/Segments.cs: element order, M/O, syntax notes), every simple element
    (DataElements.cs: type, min/max length, code list) and composite (CompositeDataElements.cs).
    -> 004010.json.  EdiEngine carries no names, so names are filled from stupidedi (below):
    set names from stupidedi's code list of element 143, functional groups from element 479,
    element/segment/composite names from stupidedi's element/segment defs (004010 first,
    then the other stupidedi versions as fallback; see "name_source").

  * kputnam/stupidedi (BSD-3-Clause) -- lib/stupidedi/versions/<v>/{element_defs.rb,segment_defs/*.rb}
    and lib/stupidedi/transaction_sets/<v>/standards/*.rb (Ruby DSL, parsed here as text).
    -> 005010.json, 003010.json, 003050.json, 002001.json, 003040.json.
    stupidedi only defines the sets (and only the segments/elements) it needed, and code lists
    only for some elements; see README.md.

Run:
    # fetch the two mirrors first (bare git dirs), then:
    python3 convert.py \
        --ediengine /work/.mirror/olmelabs+EdiEngine/repo \
        --stupidedi /work/.mirror/kputnam+stupidedi/repo \
        --out /work/x12dict
  Reads HEAD of each mirror via `git show` / `git ls-tree` (pass --ediengine-rev/--stupidedi-rev
  to pin another commit).  Pure Python 3 standard library; takes a few seconds.

Output format: see README.md.  Element usage "X" (conditional/relational) is derived:
EdiEngine only says Mandatory/Optional, so an optional element that appears in any syntax note of
its segment (or composite) is written "X"; stupidedi's r::Relational is written "X".
"""
import argparse
import json
import os
import re
import subprocess
import sys
from collections import OrderedDict

UNBOUNDED = None  # JSON null = ">1" / unbounded


# ----------------------------------------------------------------------------------------------
# git helpers

class Git:
    def __init__(self, gitdir, rev="HEAD"):
        self.gitdir = gitdir
        self.rev = subprocess.check_output(["git", "--git-dir", gitdir, "rev-parse", rev], text=True).strip()

    def show(self, path):
        return subprocess.check_output(["git", "--git-dir", self.gitdir, "show", f"{self.rev}:{path}"]).decode("utf-8", "replace")

    def ls(self, prefix):
        out = subprocess.check_output(["git", "--git-dir", self.gitdir, "ls-tree", "-r", "--name-only", self.rev, prefix], text=True)
        return [l for l in out.splitlines() if l]


# ----------------------------------------------------------------------------------------------
# Syntax notes

def norm_syntax(letter, positions):
    return letter + "".join("%02d" % p for p in positions)


def syntax_positions(note):
    s = note[1:]
    return [int(s[i:i + 2]) for i in range(0, len(s), 2)]


def mark_relational(items, notes):
    """O -> X for elements named in a syntax note (X12's 'X' = relational condition)."""
    involved = set()
    for n in notes:
        involved.update(syntax_positions(n))
    for i, it in enumerate(items, 1):
        if it["usage"] == "O" and i in involved:
            it["usage"] = "X"


def norm_type(t):
    t = t.strip()
    if t in ("AN", "ID", "DT", "TM", "B"):
        return t
    if re.fullmatch(r"N\d", t):
        return t
    if t == "N":
        return "N0"
    if re.fullmatch(r"R\d*", t):  # EdiEngine emits R2..R9 for a few elements; X12 only has R
        return "R"
    raise ValueError("unknown type %r" % t)


# ----------------------------------------------------------------------------------------------
# EdiEngine (C#) parsing

CLASS_RE = re.compile(r"public class (\w+) : (MapSimpleDataElement|MapCompositeDataElement|MapSegment|MapLoop)\b")


def split_classes(text):
    """Yield (name, kind, body, preceding_comment) for each generated class (they are not nested in
    practice except the map's loop classes, which are siblings inside the M_ class)."""
    ms = list(CLASS_RE.finditer(text))
    for i, m in enumerate(ms):
        end = ms[i + 1].start() if i + 1 < len(ms) else len(text)
        before = text[ms[i - 1].end() if i else 0:m.start()]
        cm = re.findall(r"//\s*(\S+)\s*$", before, re.M)
        yield m.group(1), m.group(2), text[m.end():end], (cm[-1] if cm else None)


def eref(cls):  # E_0353 -> "353"
    s = cls[2:]
    return str(int(s)) if s.isdigit() else s.lstrip("0")


REQ = {"Mandatory": "M", "Optional": "O", "Conditional": "X"}


def parse_ediengine(git):
    base = "EdiStandards/X12_004010"
    elements, composites, segments, sets = {}, {}, {}, {}
    paths = []

    p = base + "/DataElements/DataElements.cs"; paths.append(p)
    for name, kind, body, _ in split_classes(git.show(p)):
        if kind != "MapSimpleDataElement":
            continue
        d = OrderedDict()
        d["type"] = norm_type(re.search(r"DataType = DataType\.(\w+)", body).group(1))
        d["min"] = int(re.search(r"MinLength = (\d+)", body).group(1))
        d["max"] = int(re.search(r"MaxLength = (\d+)", body).group(1))
        cm = re.search(r"AllowedValues\.AddRange\(new\[\] \{(.*?)\}\);", body, re.S)
        if cm:
            d["codes"] = re.findall(r'"((?:[^"\\]|\\.)*)"', cm.group(1))
        elements[eref(name)] = d

    def content(body):
        out = []
        for m in re.finditer(r"new\s+(E_\d+|C\d+)\s*\{\s*ReqDes = RequirementDesignator\.(\w+)\s*\}", body):
            ref, req = m.group(1), REQ[m.group(2)]
            if ref.startswith("E_"):
                out.append(OrderedDict([("ref", eref(ref)), ("usage", req)]))
            else:
                out.append(OrderedDict([("composite", ref), ("usage", req)]))
        return out

    def notes(body):
        m = re.search(r"SyntaxNotes\.AddRange\(new\[\] \{(.*?)\}\);", body, re.S)
        return re.findall(r'"(\w+)"', m.group(1)) if m else []

    p = base + "/DataElements/CompositeDataElements.cs"; paths.append(p)
    for name, kind, body, _ in split_classes(git.show(p)):
        if kind == "MapCompositeDataElement":
            comps = content(body)
            sn = notes(body)
            mark_relational(comps, sn)
            c = OrderedDict([("components", comps)])
            if sn:
                c["syntax"] = sn
            composites[name] = c

    p = base + "/Segments/Segments.cs"; paths.append(p)
    for name, kind, body, _ in split_classes(git.show(p)):
        if kind != "MapSegment":
            continue
        items = content(body)
        sn = notes(body)
        mark_relational(items, sn)
        segments[name] = OrderedDict([("elements", items), ("syntax", sn)])

    maps = sorted(x for x in git.ls(base + "/Maps") if re.search(r"/M_\w+\.cs$", x))
    paths.append(base + "/Maps/M_*.cs")
    for p in maps:
        setid = re.search(r"M_(\w+)\.cs$", p).group(1)
        classes = {}
        top = None
        for name, kind, body, comment in split_classes(git.show(p)):
            if kind != "MapLoop":
                continue
            entries = []
            for m in re.finditer(r"new\s+(\w+)\((this)?\)\s*\{\s*ReqDes = RequirementDesignator\.(\w+),\s*MaxOccurs = (\d+)\s*\}", body):
                cls, isloop, req, mx = m.group(1), m.group(2), REQ[m.group(3)], int(m.group(4))
                entries.append((cls, bool(isloop), req, mx))
            classes[name] = (entries, comment)
            if name == "M_" + setid:
                top = name

        def build(clsname, depth=0):
            if depth > 20:
                raise RuntimeError("loop nesting too deep in " + p)
            out = []
            for cls, isloop, req, mx in classes[clsname][0]:
                if isloop:
                    loop = OrderedDict()
                    loop["loop"] = re.sub(r"^L_", "", re.sub(r"_\d+$", "", cls))
                    if classes[cls][1] and re.fullmatch(r"\d+", classes[cls][1]):
                        loop["loop_id"] = classes[cls][1]
                    loop["usage"] = req
                    loop["max"] = UNBOUNDED if mx >= 999999 else mx
                    loop["body"] = build(cls, depth + 1)
                    out.append(loop)
                else:
                    out.append(OrderedDict([("segment", cls), ("usage", req), ("max", UNBOUNDED if mx >= 999999 else mx)]))
            return out

        body = build(top)
        # EdiEngine's runtime handles ST/SE itself; the standard has them as M/1 first and last.
        body.insert(0, OrderedDict([("segment", "ST"), ("usage", "M"), ("max", 1)]))
        body.append(OrderedDict([("segment", "SE"), ("usage", "M"), ("max", 1)]))
        sets[setid] = OrderedDict([("body", body)])
    return elements, composites, segments, sets, paths


# ----------------------------------------------------------------------------------------------
# stupidedi (Ruby DSL) parsing: a tiny tokenizer + expression parser good enough for the
# generated definition files (calls, constant paths, strings, numbers, symbols, hash pairs).

TOK_RE = re.compile(r"""
    (?P<ws>\s+) |
    (?P<comment>\#[^\n]*) |
    (?P<str>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*') |
    (?P<sym>:[A-Za-z_]\w*[?!]?) |
    (?P<num>-?\d+(?:\.\d+)?) |
    (?P<arrow>=>) |
    (?P<ident>[A-Za-z_]\w*[?!]?) |
    (?P<dcolon>::) |
    (?P<punct>[().,=\[\]{}|&*+<>-])
""", re.X | re.S)


def tokenize(text):
    out = []
    pos = 0
    while pos < len(text):
        m = TOK_RE.match(text, pos)
        if not m:
            out.append(("other", text[pos]))
            pos += 1
            continue
        pos = m.end()
        k = m.lastgroup
        if k in ("ws", "comment"):
            continue
        v = m.group(k)
        if k == "str":
            q = v[0]
            v = v[1:-1]
            v = re.sub(r"\\(.)", r"\1", v) if q == '"' else v.replace("\\'", "'")
        out.append((k, v))
    return out


class Call:
    """name: dotted/`::` path of the callee, e.g. 't::ID.new' or 's::SegmentDef.build'."""
    __slots__ = ("name", "args", "recv")

    def __init__(self, name, args, recv=None):
        self.name, self.args, self.recv = name, args, recv

    def __repr__(self):
        return "Call(%s,%r)" % (self.name, self.args)


class Parser:
    def __init__(self, toks):
        self.t, self.i = toks, 0

    def peek(self, k=0):
        return self.t[self.i + k] if self.i + k < len(self.t) else (None, None)

    def expr(self):
        k, v = self.peek()
        if k in ("str", "num", "sym"):
            self.i += 1
            val = int(v) if k == "num" and re.fullmatch(r"-?\d+", v) else v
            node = ("lit", val)
            if self.peek() == ("punct", "."):
                node = Call(str(val), None)
        elif k == "ident":
            self.i += 1
            name = v
            while self.peek()[0] == "dcolon":
                self.i += 1
                name += "::" + self.peek()[1]
                self.i += 1
            node = self.maybe_call(name)
        else:
            raise SyntaxError("unexpected %r at %d" % (self.peek(), self.i))
        while self.peek() == ("punct", "."):
            self.i += 1
            meth = self.peek()[1]
            self.i += 1
            inner = self.maybe_call(meth)
            node = Call(node.name + "." + meth, inner.args, recv=node)
        # hash pair
        if self.peek()[0] == "arrow":
            self.i += 1
            return ("pair", node, self.expr())
        return node

    def maybe_call(self, name):
        if self.peek() == ("punct", "("):
            self.i += 1
            args = []
            while self.peek() != ("punct", ")"):
                args.append(self.expr())
                if self.peek() == ("punct", ","):
                    self.i += 1
            self.i += 1
            return Call(name, args)
        return Call(name, None)  # bare constant / method without parens


def ruby_assignments(text):
    """{NAME: expr} for top-level `NAME = expr` in a stupidedi definitions file."""
    toks = tokenize(text)
    p = Parser(toks)
    out = OrderedDict()
    while p.i < len(toks):
        k, v = p.peek()
        if k == "ident" and p.peek(1) == ("punct", "=") and p.peek(2)[0] != "punct":
            p.i += 2
            try:
                out[v] = p.expr()
            except SyntaxError as e:
                raise SyntaxError("%s: %s" % (v, e))
        else:
            p.i += 1
    return out


def lit(n):
    return n[1] if isinstance(n, tuple) and n[0] == "lit" else None


def tail(name):
    return re.split(r"::|\.", name)[-1]


def repeat_count(node):
    # s::RepeatCount.bounded(1) / d::RepeatCount.unbounded
    if node.name.endswith(".unbounded"):
        return UNBOUNDED
    return lit(node.args[0])


def req_of(node):
    t = tail(node.name)
    return {"Mandatory": "M", "Optional": "O", "Relational": "X", "Situational": "O", "Required": "M",
            "NotUsed": "O"}.get(t, t)


def syntax_of(node):
    m = re.search(r"SyntaxNotes::(\w)\.build$", node.name)
    if not m:
        return None
    return norm_syntax(m.group(1), [lit(a) for a in node.args])


def codes_of(node):
    """CodeList.build({...}) -> list of codes; CodeList.external(..) -> None (+ external id)."""
    if node.name.endswith("CodeList.build"):
        codes = []
        for a in node.args:
            if isinstance(a, tuple) and a[0] == "pair":
                codes.append(str(lit(a[1])))
        return codes, None
    if node.name.endswith("CodeList.external"):
        return None, str(lit(node.args[0]))
    return None, None


TYPE_MAP = {"AN": "AN", "ID": "ID", "DT": "DT", "TM": "TM", "R": "R", "Nn": "N", "BinaryVal": "B", "B": "B"}


def parse_stupidedi_elements(text):
    elements, composites = OrderedDict(), OrderedDict()
    for name, node in ruby_assignments(text).items():
        if not isinstance(node, Call):
            continue
        m = re.match(r"t::(\w+)\.new$", node.name)
        if m and re.fullmatch(r"E\d+", name):
            args = node.args
            ty = TYPE_MAP.get(m.group(1), m.group(1))
            d = OrderedDict([("name", lit(args[1]))])
            if ty == "N":
                dec = lit(args[4]) if len(args) > 4 and lit(args[4]) is not None else 0
                ty = "N%d" % dec
                rest = args[5:]
            else:
                rest = args[4:]
            d["type"] = ty
            d["min"], d["max"] = lit(args[2]), lit(args[3])
            for r in rest:
                if isinstance(r, Call):
                    codes, ext = codes_of(r)
                    if codes is not None:
                        d["codes"] = codes
                    if ext is not None:
                        d["external_code_source"] = ext
            elements[name[1:]] = d
        elif node.name.endswith("CompositeElementDef.build"):
            args = node.args
            comps = []
            uses, notes = uses_and_notes(args[3:])
            for a in uses:
                if a.name.endswith(".component_use"):
                    ref = tail(a.recv.name)
                    comps.append(OrderedDict([("ref", ref[1:]), ("usage", req_of(a.args[0]))]))
            c = OrderedDict([("name", lit(args[1])), ("components", comps)])
            if notes:
                c["syntax"] = notes
            composites[name] = c
    return elements, composites


def uses_and_notes(args):
    """A stupidedi definition's trailing arguments split into element uses and X12 syntax notes."""
    uses, notes = [], []
    for a in args:
        if not isinstance(a, Call):
            continue
        sn = syntax_of(a)
        if sn:
            notes.append(sn)
        else:
            uses.append(a)
    return uses, notes


def parse_stupidedi_segment(text):
    for name, node in ruby_assignments(text).items():
        if isinstance(node, Call) and node.name.endswith("SegmentDef.build"):
            args = node.args
            items = []
            uses, notes = uses_and_notes(args[3:])
            for a in uses:
                if a.name.endswith(".simple_use"):
                    ref = tail(a.recv.name)
                    it = OrderedDict()
                    if ref.startswith("C"):
                        it["composite"] = ref
                    else:
                        it["ref"] = ref[1:]
                    it["usage"] = req_of(a.args[0])
                    rc = repeat_count(a.args[1]) if len(a.args) > 1 else 1
                    if rc != 1:
                        it["repeat"] = rc
                    items.append(it)
            return str(lit(args[0])).lstrip(":"), OrderedDict([("name", lit(args[1])), ("elements", items), ("syntax", notes)])
    return None, None


def parse_stupidedi_standard(text):
    for name, node in ruby_assignments(text).items():
        if isinstance(node, Call) and re.search(r"(^|\W)b\.build$|Builder\.build$", node.name):
            fg, setid, title = lit(node.args[0]), lit(node.args[1]), lit(node.args[2])

            def walk(args):
                out = []
                for a in args:
                    if not isinstance(a, Call):
                        continue
                    if re.search(r"TableDef\.(header|detail|summary)$", a.name):
                        out.extend(walk(a.args[1:]))
                    elif a.name.endswith("LoopDef.build"):
                        body = walk(a.args[2:])
                        first = next((b for b in body if "segment" in b), None)
                        loop = OrderedDict([("loop", lit(a.args[0]))])
                        loop["usage"] = first["usage"] if first else "O"
                        loop["max"] = repeat_count(a.args[1])
                        loop["body"] = body
                        out.append(loop)
                    elif a.name.endswith(".use"):
                        seg = tail(a.recv.name)
                        out.append(OrderedDict([("segment", seg), ("usage", req_of(a.args[1])),
                                                ("max", repeat_count(a.args[2]))]))
                return out

            return setid, OrderedDict([("name", title), ("functional_group", fg), ("body", walk(node.args[3:]))])
    return None, None


def load_stupidedi(git, version):
    vdir = f"lib/stupidedi/versions/{version}"
    paths = [vdir + "/element_defs.rb"]
    elements, composites = parse_stupidedi_elements(git.show(vdir + "/element_defs.rb"))
    segments = OrderedDict()
    for p in sorted(git.ls(vdir + "/segment_defs/")):
        sid, seg = parse_stupidedi_segment(git.show(p))
        if sid:
            segments[sid] = seg
    paths.append(vdir + "/segment_defs/*.rb")
    sets = OrderedDict()
    sdir = f"lib/stupidedi/transaction_sets/{version}/standards/"
    for p in sorted(git.ls(sdir)):
        sid, st = parse_stupidedi_standard(git.show(p))
        if sid:
            sets[sid] = st
    paths.append(sdir + "*.rb")
    return elements, composites, segments, sets, paths


# ----------------------------------------------------------------------------------------------
# assembly

def walk_segments(body):
    for b in body:
        if "segment" in b:
            yield b["segment"]
        else:
            yield from walk_segments(b["body"])


def ekey(x):
    return (0, int(x), "") if x.isdigit() else (1, 0, x)


def prune(elements, composites, segments, sets):
    """Keep only segments used by a set, and elements/composites used by a kept segment."""
    used_segs = set()
    for s in sets.values():
        used_segs.update(walk_segments(s["body"]))
    segs = OrderedDict((k, segments[k]) for k in sorted(segments) if k in used_segs)
    used_c, used_e = set(), set()
    for s in segs.values():
        for it in s["elements"]:
            if "composite" in it:
                used_c.add(it["composite"])
            else:
                used_e.add(it["ref"])
    comps = OrderedDict((k, composites[k]) for k in sorted(composites) if k in used_c)
    for c in comps.values():
        used_e.update(x["ref"] for x in c["components"])
    elems = OrderedDict((k, elements[k]) for k in sorted(elements, key=ekey) if k in used_e)
    missing = sorted(used_segs - set(segments)) + sorted(used_c - set(composites)) + sorted(used_e - set(elements), key=ekey)
    return elems, comps, segs, missing


def inline_composites(segments, composites):
    """Segment element lists carry the composite's components inline (as the output format asks);
    the composites table is also kept at top level."""
    for s in segments.values():
        for it in s["elements"]:
            if "composite" in it and it["composite"] in composites:
                it["components"] = [OrderedDict(x) for x in composites[it["composite"]]["components"]]


def write(out_dir, version, source, elements, composites, segments, sets, notes, missing):
    doc = OrderedDict()
    doc["version"] = version
    doc["source"] = source
    doc["notes"] = notes
    if missing:
        doc["unresolved_refs"] = missing
    doc["elements"] = elements
    doc["composites"] = composites
    doc["segments"] = segments
    doc["sets"] = OrderedDict((k, sets[k]) for k in sorted(sets, key=lambda x: (len(x), x)))
    path = os.path.join(out_dir, version + ".json")
    with open(path, "w") as f:
        json.dump(doc, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print("%s: %d sets, %d segments, %d composites, %d elements, %d unresolved -> %s" % (
        version, len(sets), len(segments), len(composites), len(elements), len(missing), path))


HL_NOTE = ("856 (and other HL sets): the hierarchy is represented as the standard does - one repeating "
           "loop 'HL' whose body is the union of all segments allowed at any level (shipment, order, "
           "tare, pack, item...). Parent/child structure is carried in the data by HL01 (id), HL02 (parent "
           "id) and HL03 (level code, element 735); which segments belong to which level is an "
           "implementation-guide matter and is not in this dictionary.")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ediengine", default="/work/.mirror/olmelabs+EdiEngine/repo")
    ap.add_argument("--ediengine-rev", default="HEAD")
    ap.add_argument("--stupidedi", default="/work/.mirror/kputnam+stupidedi/repo")
    ap.add_argument("--stupidedi-rev", default="HEAD")
    ap.add_argument("--out", default=os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument("--stupidedi-versions", default="005010,003010,003050,002001,003040")
    a = ap.parse_args()

    eg = Git(a.ediengine, a.ediengine_rev)
    sg = Git(a.stupidedi, a.stupidedi_rev)
    all_versions = ["004010", "005010", "003050", "003040", "003010", "002001"]
    stu = {v: load_stupidedi(sg, v) for v in all_versions}

    def name_lookup(kind, key, prefer):
        """kind 0=elements,1=composites,2=segments; returns (name, version it came from)."""
        order = [prefer] + [v for v in all_versions if v != prefer]
        for v in order:
            d = stu[v][kind]
            if key in d and d[key].get("name"):
                return d[key]["name"], v
        return None, None

    # ---- 004010 from EdiEngine
    elements, composites, segments, sets, epaths = parse_ediengine(eg)
    e143 = stu["004010"][0].get("143", {})
    set_names = {}
    e143_text = sg.show("lib/stupidedi/versions/004010/element_defs.rb")
    m = re.search(r"E143\s*=.*?CodeList\.build\((.*?)\)\)", e143_text, re.S)
    if m:
        for k, v in re.findall(r'"(\w+)"\s*=>\s*"([^"]*)"', m.group(1)):
            set_names[k] = v
    fg_of = {}
    m = re.search(r"E479\s*=.*?CodeList\.build\((.*?)\)\)", e143_text, re.S)
    if m:
        for k, v in re.findall(r'"(\w+)"\s*=>\s*"([^"]*)"', m.group(1)):
            for sid in re.findall(r"\((\d{3}(?:, *\d{3})*)\)", v):
                for s in re.split(r", *", sid):
                    fg_of.setdefault(s, k)
    for sid, s in sets.items():
        new = OrderedDict()
        new["name"] = set_names.get(sid)
        new["functional_group"] = fg_of.get(sid)
        new["body"] = s["body"]
        sets[sid] = new
    elems, comps, segs, missing = prune(elements, composites, segments, sets)
    for kind, table in ((0, elems), (1, comps), (2, segs)):
        for k, d in table.items():
            key = k if kind != 0 else k
            n, v = name_lookup(kind, key, "004010")
            new = OrderedDict([("name", n)])
            if n and v != "004010":
                new["name_source"] = v
            new.update(d)
            table[k] = new
    # Cross-check against stupidedi's 004010 element defs. EdiEngine types a number of ID elements
    # whose code list it did not carry (e.g. 98, 128, 150, 26) as AN; where stupidedi says ID with
    # the same lengths, write ID and mark it. Every other disagreement is only reported.
    s04 = stu["004010"][0]
    disagreements = []
    for k, d in elems.items():
        o = s04.get(k)
        if not o:
            continue
        if d["type"] == "AN" and o["type"] == "ID" and (d["min"], d["max"]) == (o["min"], o["max"]):
            d["type"] = "ID"
            d["type_source"] = "stupidedi (EdiEngine: AN)"
        elif (d["type"], d["min"], d["max"]) != (o["type"], o["min"], o["max"]):
            disagreements.append("%s: EdiEngine %s %d/%d, stupidedi %s %d/%d (kept EdiEngine)" % (
                k, d["type"], d["min"], d["max"], o["type"], o["min"], o["max"]))
    inline_composites(segs, comps)
    src = OrderedDict([
        ("repository", "olmelabs/EdiEngine"), ("commit", eg.rev), ("paths", epaths), ("licence", "MIT"),
        ("names_from", OrderedDict([("repository", "kputnam/stupidedi"), ("commit", sg.rev),
                                    ("paths", ["lib/stupidedi/versions/*/element_defs.rb",
                                               "lib/stupidedi/versions/*/segment_defs/*.rb"]),
                                    ("licence", "BSD-3-Clause")]))])
    notes = [
        "Element usage: M/O from EdiEngine; O elements named in a syntax note are written X.",
        "Element 'max'/'min' are lengths; set entries' 'max' is max use (null = unbounded, '>1').",
        "ST and SE are added as first/last M/1 entries of every set (EdiEngine's runtime handles them).",
        "Loop 'usage' is the loop's requirement in EdiEngine; 'loop_id' is EdiEngine's loop number (e.g. 1000).",
        "Names are not in EdiEngine: set names come from stupidedi's code list for element 143, functional "
        "groups from element 479, element/segment names from stupidedi's definitions (null where stupidedi has none).",
        HL_NOTE,
        "Element type/length disagreements with stupidedi's 004010 defs: " + "; ".join(disagreements),
    ]
    write(a.out, "004010", src, elems, comps, segs, sets, notes, missing)

    # ---- stupidedi versions
    for v in [x for x in a.stupidedi_versions.split(",") if x]:
        elements, composites, segments, sets, paths = stu[v]
        if not sets:
            continue
        elems, comps, segs, missing = prune(elements, composites, segments, sets)
        for k, c in comps.items():
            mark_relational(c["components"], c.get("syntax", []))
        inline_composites(segs, comps)
        src = OrderedDict([("repository", "kputnam/stupidedi"), ("commit", sg.rev), ("paths", paths),
                           ("licence", "BSD-3-Clause")])
        notes = [
            "Element usage: M/O/X as stupidedi declares it (r::Relational written X).",
            "stupidedi only defines the transaction sets it ships, and within them only the segments and "
            "elements it needed; code lists exist only for some ID elements (external code sources are "
            "named in 'external_code_source').",
            "Set entries' 'max' is max use (null = unbounded). Loop usage is its first segment's usage.",
            HL_NOTE,
        ]
        write(a.out, v, src, elems, comps, segs, sets, notes, missing)


if __name__ == "__main__":
    main()
