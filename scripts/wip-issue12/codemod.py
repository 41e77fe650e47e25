import re, sys
# Adds awaits to calls that became async. Patterns passed as regexes of the callee (before the '(').
def find_call_end(s, i):
    # s[i] == '(' ; return index after matching ')'
    depth = 0; j = i; instr = None
    while j < len(s):
        c = s[j]
        if instr:
            if c == '\\': j += 2; continue
            if c == instr: instr = None
        elif c in '\'"`': instr = c
        elif c == '(': depth += 1
        elif c == ')':
            depth -= 1
            if depth == 0: return j + 1
        j += 1
    return -1

def transform(s, callee_res):
    out = s
    for cre in callee_res:
        pat = re.compile(cre + r'\(')
        pos = 0
        while True:
            m = pat.search(out, pos)
            if not m: break
            start = m.start()
            # find start of the receiver expression: walk back over identifier chars, dots, brackets-free
            k = start
            while k > 0 and (out[k-1].isalnum() or out[k-1] in '_$' or (out[k-1] in '.?' and out[k-2:k] not in ('..',) and not (out[k-1]=='.' and k>1 and out[k-2]=='.'))): k -= 1
            # handle `(await ...)` already or `await ` preceding
            pre = out[max(0,k-6):k]
            paren_open = out.index('(', m.end()-1)
            end = find_call_end(out, paren_open)
            if end < 0: pos = m.end(); continue
            if pre == 'await ' or out[max(0,k-7):k] == '(await ' or out[max(0,k-9):k] == 'function ' or out[max(0,k-6):k] == 'async ':
                pos = end; continue
            after = out[end:end+1]
            expr = out[k:end]
            if after in ('.', '['):
                new = '(await ' + expr + ')'
            else:
                new = 'await ' + expr
            out = out[:k] + new + out[end:]
            pos = k + len(new)
    return out

if __name__ == '__main__':
    callees = sys.argv[1].split('|||')
    for f in sys.argv[2:]:
        s = open(f).read()
        t = transform(s, callees)
        if t != s:
            open(f, 'w').write(t); print('changed', f)
