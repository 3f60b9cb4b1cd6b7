import json,os,sys,collections
HERE=os.path.dirname(os.path.abspath(__file__)); A=HERE; B=os.path.join(HERE,'second')
def norm(s): return s.lower().replace('the ','').strip()
def jac(a,b):
    i=max(0,min(a[1],b[1])-max(a[0],b[0])); u=max(a[1],b[1])-min(a[0],b[0]); return i/u if u else 0
tot=collections.Counter(); pairs=[]; spk=[]
for f in sorted(os.listdir(B)):
    if not f.endswith('.json'): continue
    a=json.load(open(os.path.join(A,f))); b=json.load(open(os.path.join(B,f)))
    qa=a['quotes']+a.get('acts',[]); qb=b['quotes']+b.get('acts',[])
    tot['a_quotes']+=len(a['quotes']); tot['b_quotes']+=len(b['quotes'])
    cand=sorted(((jac((x['start'],x['end']),(y['start'],y['end'])),i,j) for i,x in enumerate(qa) for j,y in enumerate(qb)),reverse=True)
    ua=set(); ub=set()
    for jv,i,j in cand:
        if jv<0.5: break
        if i in ua or j in ub: continue
        ua.add(i); ub.add(j)
        x,y=qa[i],qb[j]
        both_q = i<len(a['quotes']) and j<len(b['quotes'])
        tot['matched']+=1; tot['matched_quotes']+=both_q
        tot['speaker_same']+= norm(x['speaker'])==norm(y['speaker'])
        pairs.append((x['stance'],y['stance'],x['sentiment'],y['sentiment']))
    tot['a_quote_matched']+=sum(1 for i in ua if i<len(a['quotes']))
    sa={norm(s['speaker']):s['stance'] for s in a['speakers']}; sb={norm(s['speaker']):s['stance'] for s in b['speakers']}
    for k in sa:
        if k in sb: spk.append((sa[k],sb[k]))
def kappa(pp):
    n=len(pp); po=sum(x==y for x,y in pp)/n
    ca=collections.Counter(x for x,_ in pp); cb=collections.Counter(y for _,y in pp)
    pe=sum(ca[k]*cb[k] for k in set(ca)|set(cb))/n/n
    return po,(po-pe)/(1-pe) if pe<1 else float('nan')
print(dict(tot))
print('quote span agreement: A quotes found by B (any quote/act) %.3f'%(tot['a_quote_matched']/tot['a_quotes']))
print('speaker agreement on matched %.3f'%(tot['speaker_same']/tot['matched']))
st=[(p[0],p[1]) for p in pairs]; se=[(p[2],p[3]) for p in pairs]
print('stance: n=%d agreement %.3f kappa %.3f'%((len(st),)+kappa(st)))
print('stance confusion', collections.Counter(st))
print('sentiment: agreement %.3f kappa %.3f'%kappa(se))
print('speaker stance: n=%d agreement %.3f kappa %.3f'%((len(spk),)+kappa(spk)))
print(collections.Counter(spk))
