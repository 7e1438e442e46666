"""Content-Security-Policy for every page, as a <meta> tag (static hosting sets no headers).

The theme needs a few inline scripts; rather than allowing all inline code, each page's policy
lists the SHA-256 hash of exactly the inline scripts it contains.
"""

import base64
import hashlib
import re

# Executable inline scripts: no src attribute and no data type (JSON blocks do not run).
INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*\btype=\"application/(?:ld\+)?json\")[^>]*>(.*?)</script>", re.S
)
CHARSET = '<meta charset="utf-8">'

POLICY = {
    "default-src": ["'self'"],
    # Pagefind's search runs WebAssembly (no eval of scripts, no inline code).
    "script-src": ["'self'", "'wasm-unsafe-eval'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],  # the theme's icons are data: SVGs in its CSS
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}


def script_hashes(html: str) -> list[str]:
    digests = {
        base64.b64encode(hashlib.sha256(m.group(1).encode("utf-8")).digest()).decode()
        for m in INLINE_SCRIPT.finditer(html)
    }
    return [f"'sha256-{d}'" for d in sorted(digests)]


def policy(html: str, live_reload: bool = False) -> str:
    """`live_reload`: the page is served by `mkdocs serve`, whose server adds an inline script
    of its own to every page it serves, new at each request, which no hash can name: the
    preview allows inline scripts (a hash would make the browser ignore 'unsafe-inline'). A
    built site never does."""
    inline = ["'unsafe-inline'"] if live_reload else script_hashes(html)
    parts = {**POLICY, "script-src": POLICY["script-src"] + inline}
    return "; ".join(f"{name} {' '.join(values)}" for name, values in parts.items())


def add_csp(html: str, live_reload: bool = False) -> str:
    """Insert the page's policy right after <meta charset>, before any script."""
    if CHARSET not in html or 'http-equiv="Content-Security-Policy"' in html:
        return html
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html, live_reload)}">'
    return html.replace(CHARSET, f"{CHARSET}\n  {meta}", 1)
