"""A corpus of hostile strings for the XSS tests (written for this project).

Every payload that could run code sets `window.__xss` or calls `alert`, so the browser
test can tell whether anything ran. Payloads are grouped only for readability; tests use
`PAYLOADS`, the flat list.
"""

MARK = "window.__xss=1"

SCRIPT_TAGS = [
    "<script>window.__xss=1</script>",
    "<SCRIPT>window.__xss=1</SCRIPT>",
    "<ScRiPt>alert(1)</sCrIpT>",
    "<script src=//evil.example/x.js></script>",
    "<script src=data:text/javascript,window.__xss=1></script>",
    "<scr<script>ipt>window.__xss=1</scr</script>ipt>",
    "<<script>script>alert(1)<</script>/script>",
    "<script >alert(1)</script >",
    "<script\n>alert(1)</script>",
    "<script/src=//evil.example/x.js>",
    "<script type=module>window.__xss=1</script>",
    "<script>/*</script><script>*/window.__xss=1</script>",
    "</title><script>window.__xss=1</script>",
    "</textarea><script>window.__xss=1</script>",
    "</style><script>window.__xss=1</script>",
    "</noscript><script>window.__xss=1</script>",
    "<script\x00>alert(1)</script>",
    "<scri\x00pt>alert(1)</scri\x00pt>",
    "<script>alert(String.fromCharCode(88,83,83))</script>",
    "<!--<script>-->window.__xss=1<!--</script>-->",
]

EVENT_HANDLERS = [
    '<img src=x onerror="window.__xss=1">',
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=x ONERROR=alert(1)>",
    "<img/src=x/onerror=alert(1)>",
    "<img src=x onerror\n=alert(1)>",
    "<img src=x onerror=&#97;lert(1)>",
    '<img src="x" onerror="&#x77;indow.__xss=1">',
    "<svg onload=window.__xss=1>",
    "<svg/onload=alert(1)>",
    "<body onload=window.__xss=1>",
    "<details open ontoggle=window.__xss=1>",
    "<video src=x onerror=window.__xss=1></video>",
    "<video><source onerror=window.__xss=1></video>",
    "<audio src=x onerror=window.__xss=1>",
    "<input autofocus onfocus=window.__xss=1>",
    "<select autofocus onfocus=window.__xss=1>",
    "<textarea autofocus onfocus=window.__xss=1>",
    "<marquee onstart=window.__xss=1>x</marquee>",
    "<div onmouseover=window.__xss=1>di chuột vào đây</div>",
    "<a onclick=window.__xss=1 href=#>bấm</a>",
    "<p onpointerenter=window.__xss=1>x</p>",
    "<iframe onload=window.__xss=1></iframe>",
    "<object onerror=window.__xss=1>",
    "<form><button formaction=javascript:window.__xss=1>gửi</button></form>",
    "<isindex type=image src=1 onerror=alert(1)>",
    "<x onanimationstart=window.__xss=1 style=animation-name:x>",
    "<img src=x onerror=window['__xss']=1//",
    "<img src=`x` onerror=alert(1)>",
    "<image src=x onerror=alert(1)>",
    "<table background=javascript:alert(1)><td onmouseover=alert(1)>",
]

DANGEROUS_URLS = [
    "<a href=javascript:window.__xss=1>bấm</a>",
    '<a href="JaVaScRiPt:alert(1)">bấm</a>',
    '<a href="  javascript:alert(1)">bấm</a>',
    '<a href="java\tscript:alert(1)">bấm</a>',
    '<a href="java\nscript:alert(1)">bấm</a>',
    '<a href="java&#x09;script:alert(1)">bấm</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">bấm</a>',
    '<a href="&#x6A;avascript&#x3A;alert(1)">bấm</a>',
    '<a href="javascript&colon;alert(1)">bấm</a>',
    '<a href="%6A%61%76%61%73%63%72%69%70%74:alert(1)">bấm</a>',
    '<a href="\x01javascript:alert(1)">bấm</a>',
    '<a href="vbscript:msgbox(1)">bấm</a>',
    '<a href="VBScript:msgbox(1)">bấm</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">bấm</a>',
    '<a href="data:text/html,<script>alert(1)</script>">bấm</a>',
    '<img src="javascript:alert(1)">',
    '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
    '<img srcset="javascript:alert(1) 1x">',
    '<form action="javascript:window.__xss=1"><input type=submit></form>',
    '<input type=image formaction="javascript:alert(1)" src=x>',
    '<svg><a xlink:href="javascript:window.__xss=1"><text y=20>bấm</text></a></svg>',
    '<svg><a href="javascript:alert(1)"><text y=20>bấm</text></a></svg>',
    '<iframe src="javascript:window.__xss=1"></iframe>',
    '<embed src="javascript:alert(1)">',
    '<object data="javascript:alert(1)"></object>',
    "javascript:window.__xss=1",
    "JAVASCRIPT:alert(1)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    '<a href="jav&#x0A;ascript:alert(1)">bấm</a>',
    '<area href="javascript:alert(1)">',
    '<link rel=stylesheet href="javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
]

SVG_MATHML = [
    "<svg><script>window.__xss=1</script></svg>",
    "<svg><script href=data:,window.__xss=1 />",
    "<svg><animate onbegin=window.__xss=1 attributeName=x dur=1s>",
    "<svg><set attributeName=onmouseover to=alert(1)>",
    '<svg><use href="data:image/svg+xml,<svg id=x><script>alert(1)</script></svg>#x"/>',
    "<svg><foreignObject><img src=x onerror=window.__xss=1></foreignObject></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>",
    '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">bấm</maction></math>',
    "<math href=javascript:alert(1)>bấm</math>",
    "<svg><style>@import'//evil.example/x.css';</style></svg>",
    "<svg><desc><![CDATA[</desc><script>window.__xss=1</script>]]></svg>",
    "<svg><title><img src=x onerror=window.__xss=1></title></svg>",
]

CDATA_COMMENTS = [
    "<![CDATA[<script>window.__xss=1</script>]]>",
    "]]><script>window.__xss=1</script>",
    "<!--><img src=x onerror=window.__xss=1>-->",
    "<!-- --!><img src=x onerror=window.__xss=1>",
    "<!--[if IE]><script>alert(1)</script><![endif]-->",
    '<?xml version="1.0"?><x:script xmlns:x="http://www.w3.org/1999/xhtml">alert(1)</x:script>',
    '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
    '<noscript><p title="</noscript><img src=x onerror=window.__xss=1>">',
    '<? foo="><script>alert(1)</script>">',
    "<!--",
]

EMBEDDING = [
    '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
    '<iframe srcdoc="&lt;img src=x onerror=parent.__xss=1&gt;"></iframe>',
    '<iframe src="https://evil.example/"></iframe>',
    '<object data="https://evil.example/x.swf" type="application/x-shockwave-flash"></object>',
    '<embed src="https://evil.example/x.swf">',
    '<embed src="data:text/html,<script>alert(1)</script>">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<meta http-equiv="Content-Security-Policy" content="script-src *">',
    '<base href="https://evil.example/">',
    '<link rel="import" href="https://evil.example/x.html">',
    '<portal src="https://evil.example/"></portal>',
    '<frameset><frame src="javascript:alert(1)"></frameset>',
    '<applet code="x.class"></applet>',
]

STYLES = [
    "<style>body{background:url(javascript:alert(1))}</style>",
    "<style>*{x:expression(alert(1))}</style>",
    "<style>@import 'https://evil.example/x.css';</style>",
    '<div style="width:expression(alert(1))">x</div>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<div style="background-image:url(&#106;avascript:alert(1))">x</div>',
    '<p style="behavior:url(x.htc)">x</p>',
    '<span style="position:fixed;top:0;left:0;width:100%;height:100%">che trang</span>',
    "<style>@keyframes x{}</style><p style=animation-name:x onanimationstart=window.__xss=1>",
]

ATTRIBUTE_BREAKERS = [
    '"><script>window.__xss=1</script>',
    "'><script>window.__xss=1</script>",
    '" onmouseover="window.__xss=1',
    "' onmouseover='window.__xss=1",
    "'onmouseover='alert(1)'",
    '" autofocus onfocus="window.__xss=1',
    '"/><img src=x onerror=window.__xss=1>',
    "` onmouseover=alert(1) `",
    '" style="position:fixed;inset:0" onclick="window.__xss=1',
    '"><svg onload=window.__xss=1>',
    "');window.__xss=1;//",
    '";window.__xss=1;//',
    '\\";window.__xss=1;//',
    '"></a><a href="javascript:alert(1)">bấm',
    '" href="javascript:alert(1)',
    'x" src=x onerror="window.__xss=1',
]

TEMPLATE_INJECTION = [
    "{{ 7*7 }}",
    "{% debug %}",
    "{% load static %}{% static 'x' %}",
    "{{ request.user.password }}",
    "{{ settings.SECRET_KEY }}",
    "{% include 'base.html' %}",
    "{{constructor.constructor('window.__xss=1')()}}",
    "${alert(1)}",
    "#{alert(1)}",
    "{nam} {can_chi} {0} {__class__} {x.__init__}",
    "{{ '<script>alert(1)</script>'|safe }}",
    "%s%s%s%n",
]

JSON_LD_BREAKERS = [
    "</script><script>window.__xss=1</script>",
    "</SCRIPT><script>alert(1)</script>",
    "</script ><img src=x onerror=window.__xss=1>",
    '"}</script><script>window.__xss=1</script>',
    "\\u003c/script\\u003e<script>alert(1)</script>",
    "<!--<script>",
    "\u2028\u2029</script><script>alert(1)</script>",
    '{"@context":"https://schema.org","@type":"x"}',
]

UNICODE_TRICKS = [
    "\u202e>tpircs/<)1(trela>tpircs<",
    "\u202e<script>window.__xss=1</script>",
    "<scr\u200bipt>alert(1)</scr\u200bipt>",
    "\u200b<img src=x onerror=window.__xss=1>",
    "\ufeff<svg onload=alert(1)>",
    "＜script＞alert(1)＜/script＞",
    "\uff1cimg src=x onerror=alert(1)\uff1e",
    '<a href="java\u200bscript:alert(1)">bấm</a>',
    '<a href="\u00a0javascript:alert(1)">bấm</a>',
    "Tiêu\u0301 đề dựng sẵn<script>alert(1)</script>",
    "\U0001f600<img src=x onerror=alert(1)>",
    "\ud7ff\ue000\uffff",
    "\u0000<script>alert(1)</script>",
    "<img src=x one\u0000rror=alert(1)>",
    "\x00\x01\x02\x1f\x7f",
    '<a href="javas\x00cript:alert(1)">bấm</a>',
]

MALFORMED = [
    "<img src=x onerror=window.__xss=1",
    "<svg onload=window.__xss=1 ",
    "<a href='javascript:alert(1)'",
    "<",
    "<<<>>>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&amp;lt;script&amp;gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "<b><i><u>không đóng thẻ",
    "</div></div></main></body></html><script>window.__xss=1</script>",
    "<plaintext>",
    "<xmp><script>alert(1)</script></xmp>",
    "<template><script>alert(1)</script></template>",
    "<listing><img src=x onerror=alert(1)></listing>",
]

LONG = [
    "<script>alert(1)</script>" * 200,
    "A" * 6000,
    "<b>" * 500 + "sâu" + "</b>" * 500,
    ("<img src=x onerror=window.__xss=1>" + "Đoàn viên " * 50) * 4,
]

GROUPS = {
    "script": SCRIPT_TAGS,
    "event": EVENT_HANDLERS,
    "url": DANGEROUS_URLS,
    "svg": SVG_MATHML,
    "cdata": CDATA_COMMENTS,
    "embed": EMBEDDING,
    "style": STYLES,
    "attribute": ATTRIBUTE_BREAKERS,
    "template": TEMPLATE_INJECTION,
    "jsonld": JSON_LD_BREAKERS,
    "unicode": UNICODE_TRICKS,
    "malformed": MALFORMED,
    "long": LONG,
}

PAYLOADS: list[str] = [payload for group in GROUPS.values() for payload in group]

# The ones the browser test stores in every field: each would run if not neutralised.
NASTIEST: list[str] = [
    '<img src=x onerror="window.__xss=1">',
    "<script>window.__xss=1</script>",
    "</script><script>window.__xss=1</script>",
    '"><svg onload=window.__xss=1>',
    "' onmouseover='window.__xss=1",
    "<details open ontoggle=window.__xss=1>",
    "<input autofocus onfocus=window.__xss=1>",
    '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
    "<a href=javascript:window.__xss=1>bấm</a>",
    "<scr<script>ipt>window.__xss=1</scr</script>ipt>",
    "<svg><foreignObject><img src=x onerror=window.__xss=1></foreignObject></svg>",
    "<!--><img src=x onerror=window.__xss=1>-->",
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>",
    "\u202e<script>window.__xss=1</script>",
    '<meta http-equiv="refresh" content="0;url=javascript:window.__xss=1">',
]
