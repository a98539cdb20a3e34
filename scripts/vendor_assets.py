"""Copy the front-end files Dangvu serves from node_modules (installed by `npm ci` from package-lock.json)
into src/dangvu/static/vendor/, where WhiteNoise serves them: no CDN, works on closed networks."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILES = {
    "bootstrap/dist/css/bootstrap.min.css": "bootstrap.min.css",
    "bootstrap/dist/js/bootstrap.bundle.min.js": "bootstrap.bundle.min.js",
    "htmx.org/dist/htmx.min.js": "htmx.min.js",
    "echarts/dist/echarts.min.js": "echarts.min.js",
}


def main() -> int:
    target = ROOT / "src/dangvu/static/vendor"
    target.mkdir(parents=True, exist_ok=True)
    for source, name in FILES.items():
        path = ROOT / "node_modules" / source
        if not path.exists():
            print(f"thiếu {path}: hãy chạy `npm ci` trước", file=sys.stderr)
            return 1
        shutil.copyfile(path, target / name)
    print(f"đã chép {len(FILES)} tệp vào {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
