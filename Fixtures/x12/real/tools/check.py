"""Independent X12 envelope / SE-count reader (written for this corpus, from the X12.5/X12.6 rules, without
reading Inkstream's code). `python3 check.py` prints each corpus file's interchanges and the errors found."""
import re, json, sys, glob, os
VALID_VERS={'00200','00201','00204','00300','00301','00302','00303','00304','00305','00306','00307','00400','00401','00402','00403','00404','00405','00406','00500','00501','00502','00503','00504','00505','00600','00601','00602','00603','00604','00605','00700','00701'}
SEGID=re.compile(r'^[A-Z][A-Z0-9]{1,2}$')
def analyse(data):
    issues=[]
    s=data.decode('latin1')
    if s.startswith('\xef\xbb\xbf'):
        issues.append('UTF-8 BOM before ISA'); s=s[3:]
    if not s.startswith('ISA'):
        k=s.find('ISA')
        return dict(fatal='file does not start with ISA' + (f' (ISA at offset {k})' if k>=0 else ' (no ISA at all)'),issues=issues,interchanges=[])
    es=s[3]
    fixed = len(s)>=106 and all(s[p]==es for p in (3,6,17,20,31,34,50,53,69,76,81,83,89,99,101,103))
    if fixed:
        sub=s[104]; term=s[105]
    else:
        parts=s.split(es,16)
        if len(parts)<17: return dict(fatal='ISA has fewer than 16 elements',issues=issues,interchanges=[])
        sub=parts[16][0]; term=parts[16][1]
        issues.append('ISA is not fixed-length (106 chars); separators located by counting elements')
    rep=None
    info=dict(element_sep=es,component_sep=sub,segment_term=term)
    segs_raw=s.split(term)
    segs=[]; ws=False; nl=False
    for r in segs_raw:
        t=r
        if t.startswith(('\r','\n')): nl=True
        t=t.lstrip('\r\n')
        if t!=t.lstrip(' \t'): ws=True
        t2=t.lstrip(' \t\r\n')
        if t2!=t and t2: ws=True
        t=t2
        if term in '\r\n': t=t.rstrip('\r\n')
        segs.append(t)
    while segs and segs[-1].strip()=='' : segs.pop()
    if nl: info['line_breaks_after_terminator']=True
    if ws: issues.append('leading spaces/indentation before segment IDs (not allowed by X12; tolerated by lenient readers)')
    inter=[]; cur=None; grp=None; st=None
    isa_ctrls=set()
    for idx,seg in enumerate(segs):
        if '\n' in seg or '\r' in seg:
            issues.append(f'segment {idx+1} contains a line break inside it: {seg[:40]!r}')
            seg=seg.replace('\r','').replace('\n','')
        el=seg.split(es)
        sid=el[0]
        if not SEGID.match(sid):
            if st is not None: st['errors'].append(f'invalid segment ID {sid!r} (segment {idx+1})'); st['count']+=1
            else: issues.append(f'invalid segment ID {sid!r} outside a transaction set')
            continue
        if sid=='ISA':
            if cur and not cur.get('closed'): cur['errors'].append('023 no IEA before next ISA')
            cur=dict(isa13=el[13] if len(el)>13 else None,sender=(el[6].strip() if len(el)>6 else None),version=el[12] if len(el)>12 else None,test=(el[15]=='T') if len(el)>15 else None,rep_sep=(el[11] if len(el)>11 and el[12]>='00402' else None),groups=[],errors=[],closed=False)
            if len(el)!=17: cur['errors'].append(f'ISA has {len(el)-1} elements')
            if cur['version'] not in VALID_VERS: cur['errors'].append(f"017 ISA12 {cur['version']!r} not a known version")
            if not re.fullmatch(r'\d{9}',cur['isa13'] or ''): cur['errors'].append(f"018 ISA13 {cur['isa13']!r} not 9 digits")
            if len(el)>15 and el[15] not in ('P','T'): cur['errors'].append(f"020 ISA15 {el[15]!r}")
            if len(el)>14 and el[14] not in ('0','1'): cur['errors'].append(f"019 ISA14 {el[14]!r}")
            if cur['isa13'] in isa_ctrls: cur['errors'].append('025 duplicate ISA13 in file')
            isa_ctrls.add(cur['isa13'])
            if len(el)>2 and len(el[2])!=10: cur['errors'].append(f'011 ISA02 length {len(el[2])} (must be 10)')
            if len(el)>6 and len(el[6])!=15: cur['errors'].append(f'006 ISA06 length {len(el[6])} (must be 15)')
            if len(el)>8 and len(el[8])!=15: cur['errors'].append(f'008 ISA08 length {len(el[8])} (must be 15)')
            inter.append(cur); continue
        if cur is None: issues.append(f'{sid} before any ISA'); continue
        if sid=='IEA':
            if grp and not grp.get('closed'): grp['errors'].append('no GE'); 
            if len(el)<3 or el[2]!=cur['isa13']: cur['errors'].append(f"001 IEA02 {el[2] if len(el)>2 else None!r} != ISA13 {cur['isa13']!r}")
            if len(el)<2 or el[1]!=str(len(cur['groups'])) and el[1].lstrip('0')!=str(len(cur['groups'])).lstrip('0'): cur['errors'].append(f"021 IEA01 {el[1] if len(el)>1 else None!r}, actual groups {len(cur['groups'])}")
            cur['closed']=True; grp=None; continue
        if sid=='TA1':
            cur.setdefault('ta1',0); cur['ta1']+=1; continue
        if sid=='GS':
            if st is not None: st['errors'].append('no SE before GS')
            grp=dict(gs06=el[6] if len(el)>6 else None,functional_id=el[1],version=el[8] if len(el)>8 else None,sets=[],errors=[],closed=False)
            if len(el)!=9: grp['errors'].append(f'GS has {len(el)-1} elements')
            if any(g['gs06']==grp['gs06'] for g in cur['groups']): grp['errors'].append('duplicate GS06 in interchange')
            cur['groups'].append(grp); st=None; continue
        if sid=='GE':
            if grp is None: cur['errors'].append('024 GE without GS'); continue
            if st is not None: st['errors'].append('no SE before GE'); st=None
            if len(el)<3 or el[2]!=grp['gs06']: grp['errors'].append(f"AK9 code 4: GE02 {el[2] if len(el)>2 else None!r} != GS06 {grp['gs06']!r}")
            if len(el)<2 or not el[1].isdigit() or int(el[1])!=len(grp['sets']): grp['errors'].append(f"AK9 code 5: GE01 {el[1] if len(el)>1 else None!r}, actual sets {len(grp['sets'])}")
            grp['closed']=True; continue
        if sid=='ST':
            if grp is None: cur['errors'].append('024 ST outside a group'); grp=dict(gs06=None,functional_id=None,version=None,sets=[],errors=['missing GS'],closed=False); cur['groups'].append(grp)
            if st is not None: st['errors'].append('no SE before next ST')
            st=dict(st01=el[1] if len(el)>1 else None,st02=el[2] if len(el)>2 else None,count=1,errors=[])
            if any(x['st02']==st['st02'] for x in grp['sets']): st['errors'].append('AK5 code 23: duplicate ST02 in group')
            grp['sets'].append(st); continue
        if sid=='SE':
            if st is None: (grp or cur)['errors'].append('SE without ST'); continue
            st['count']+=1
            if len(el)<2 or not el[1].isdigit() or int(el[1])!=st['count']: st['errors'].append(f"AK5 code 4: SE01 {el[1] if len(el)>1 else None!r}, actual {st['count']}")
            if len(el)<3 or el[2]!=st['st02']: st['errors'].append(f"AK5 code 3: SE02 {el[2] if len(el)>2 else None!r} != ST02 {st['st02']!r}")
            st['seg_count']=st.pop('count'); st=None; continue
        if st is not None: st['count']+=1
        else: (grp or cur)['errors'].append(f'segment {sid} outside a transaction set')
    if st is not None: st['errors'].append('AK5 code 2: missing SE (end of data)'); st['seg_count']=st.pop('count')
    if grp is not None and not grp.get('closed'): grp['errors'].append('missing GE')
    if cur is not None and not cur.get('closed'): cur['errors'].append('023 missing IEA (premature end of file)')
    return dict(info=info,issues=issues,interchanges=inter)
if __name__=='__main__':
    res={}
    here=os.path.dirname(os.path.abspath(__file__))
    for f in sorted(glob.glob(os.path.join(here,'..','*.x12'))):
        r=analyse(open(f,'rb').read()); res[os.path.basename(f)]=r
    for k,r in res.items():
        errs=[]
        for i in r['interchanges']:
            errs+=i['errors']
            for g in i['groups']:
                errs+=g['errors']
                for t in g['sets']: errs+=[t['st01']+':'+e for e in t['errors']]
        print(k, len(r['interchanges']),'ISA', r.get('fatal',''), r['issues'] if r['issues'] else '', errs if errs else 'OK')
