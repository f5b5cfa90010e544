"""Screenshot the HTML report of the bundled example: docs/report-screenshot.png.

    python scripts/screenshot.py [--output docs/report-screenshot.png] [--width 1280]

Runs ``sourcecheck check --format html`` on the repository, opens the report in
Debian's headless chromium (through /usr/bin/chromedriver and Selenium), clicks the
first number that has a source so that its card shows, and saves the window.
Needs ``apt-get install chromium chromium-driver`` and the test extras.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

ROOT = Path(__file__).resolve().parents[1]
CHROMEDRIVER = "/usr/bin/chromedriver"
CHROMIUM = "/usr/bin/chromium"


def chrome(profile: str, width: int, height: int) -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 f"--user-data-dir={profile}", f"--window-size={width},{height}"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "report-screenshot.png")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=900)
    args = parser.parse_args(argv)

    from sourcecheck.cli import main as sourcecheck

    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "report.html"
        code = sourcecheck(["check", str(ROOT), "--format", "html", "--output", str(report)])
        if code == 2:
            print("sourcecheck could not check the example", file=sys.stderr)
            return 2
        driver = chrome(str(Path(scratch) / "profile"), args.width, args.height)
        try:
            driver.get(report.as_uri())
            linked = driver.find_elements(By.CSS_SELECTOR, ".text a.num[data-claim]")
            if linked:
                driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", linked[0])
                linked[0].click()
            args.output.parent.mkdir(parents=True, exist_ok=True)
            if not driver.save_screenshot(str(args.output)):
                print("chromium did not save the screenshot", file=sys.stderr)
                return 2
        finally:
            driver.quit()
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
