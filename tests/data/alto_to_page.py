#!/usr/bin/env python3
"""Write a PAGE XML page (2019 schema) from a Tesseract ALTO file, to measure the PAGE XML reader
on ../shared/devpages-ocr without copying the pages:

  python3 tests/data/alto_to_page.py IN.xml OUT.xml words   # lines with their words, boxes, confidences
  python3 tests/data/alto_to_page.py IN.xml OUT.xml lines   # each line's text alone, as line-level HTR writes

Regions (one per ALTO TextBlock) are written in the reverse of the order the ReadingOrder gives.
"""
import sys, xml.etree.ElementTree as ET
from xml.sax.saxutils import escape, quoteattr
src, dst, mode = sys.argv[1], sys.argv[2], sys.argv[3]  # mode: words | lines
ns={'a':'http://www.loc.gov/standards/alto/ns-v3#'}
t=ET.parse(src); r=t.getroot()
page=r.find('.//a:Page',ns)
W,H=page.get('WIDTH'),page.get('HEIGHT')
fn=r.find('.//a:fileName',ns).text
def box(e):
    x=int(float(e.get('HPOS')));y=int(float(e.get('VPOS')));w=int(float(e.get('WIDTH')));h=int(float(e.get('HEIGHT')))
    return f'{x},{y} {x+w},{y} {x+w},{y+h} {x},{y+h}'
out=['<?xml version="1.0" encoding="UTF-8"?>','<PcGts xmlns="http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15">','<Metadata><Creator>alto2page</Creator></Metadata>',f'<Page imageFilename={quoteattr(fn)} imageWidth="{W}" imageHeight="{H}">']
blocks=r.findall('.//a:TextBlock',ns)
# The ReadingOrder lists the regions in document order; they are written reversed below.
out.append('<ReadingOrder><OrderedGroup id="ro">'+''.join(f'<RegionRefIndexed index="{i}" regionRef="r{i}"/>' for i in range(len(blocks)))+'</OrderedGroup></ReadingOrder>')
regs=[]
for i,b in enumerate(blocks):
    s=[f'<TextRegion id="r{i}" type="paragraph"><Coords points="{box(b)}"/>']
    for j,l in enumerate(b.findall('a:TextLine',ns)):
        s.append(f'<TextLine id="r{i}l{j}"><Coords points="{box(l)}"/>')
        strings=l.findall('a:String',ns)
        if mode=='words':
            for k,w in enumerate(strings):
                wc=w.get('WC')
                # Tesseract's ALTO confidence 0.NN is NN percent.
                conf = int(wc.split('.')[1])/100 if wc else 1
                s.append(f'<Word id="r{i}l{j}w{k}"><Coords points="{box(w)}"/><TextEquiv conf="{conf:.2f}"><Unicode>{escape(w.get("CONTENT"))}</Unicode></TextEquiv></Word>')
        else:
            # The line's text: CJK words run together, a space where Latin or digits meet.
            def cjk(c): return '\u3000'<=c<='\u9fff' or '\uff00'<=c<='\uffef'
            txt=''
            for w in strings:
                c=w.get('CONTENT')
                if txt and not (cjk(txt[-1]) and cjk(c[0])): txt+=' '
                txt+=c
            s.append(f'<TextEquiv><Unicode>{escape(txt)}</Unicode></TextEquiv>')
        s.append('</TextLine>')
    s.append('</TextRegion>')
    regs.append(''.join(s))
out += regs[::-1]  # document order reversed: the ReadingOrder restores it
out.append('</Page></PcGts>')
open(dst,'w').write('\n'.join(out))
