"""Plain helpers for the browser tests: axe, keyboard focus, layout checks."""

from pathlib import Path

AXE_SCRIPT = Path(__file__).parent / "vendor" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}


def axe_violations(page, *, exclude: list[str] | None = None) -> list[dict]:
    """axe-core's WCAG 2.1 A/AA violations on the page as it is now."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol, which the page's Content-Security-Policy does
        # not cover; add_script_tag would insert an inline <script>, which it refuses.
        page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8") + "\n;undefined")
    context = {"exclude": [[selector] for selector in exclude]} if exclude else None
    return page.evaluate(
        # preload: false, or axe copies some pages' stylesheets into inline <style> elements,
        # which the Content-Security-Policy refuses (and the tests count as a violation).
        "([context, tags]) => axe.run(context || document,"
        " {runOnly: {type: 'tag', values: tags}, preload: false})"
        ".then(results => results.violations)",
        [context, WCAG_TAGS],
    )


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"[{violation['impact']}] {violation['id']}: {violation['help']}"
            f" ({violation['helpUrl']})"
        )
        for node in violation["nodes"][:10]:
            lines.append(f"    at {' '.join(map(str, node['target']))}")
            lines.append(f"       {node['html'][:160]}")
            lines.extend(
                f"       {line}" for line in (node.get("failureSummary") or "").splitlines()
            )
    return "\n".join(lines)


def blocking(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in BLOCKING_IMPACTS]


def focused(page) -> dict:
    """What has keyboard focus: tag, id, name, value, and for radios whether it is checked."""
    return page.evaluate(
        """() => { const e = document.activeElement;
        return {tag: e.tagName.toLowerCase(), id: e.id, name: e.getAttribute('name'),
                value: e.value, checked: !!e.checked, text: (e.innerText || '').trim()}; }"""
    )


def tab_until(page, matches, *, limit: int = 40, key: str = "Tab") -> dict:
    """Presses Tab until the focused element satisfies `matches`; fails after `limit` presses."""
    seen = []
    for _ in range(limit):
        page.keyboard.press(key)
        now = focused(page)
        if matches(now):
            return now
        seen.append(now.get("id") or now.get("name") or now.get("tag"))
    raise AssertionError(f"never reached the element with {key}; focus went through {seen}")


def no_horizontal_scroll(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def hidden_under_progress_bar(page) -> bool:
    """Whether the focused answer sits under the sticky progress bar (WCAG 2.2 "focus not
    obscured"): scroll-padding-top must keep it clear."""
    return page.evaluate(
        """() => {
        const bar = document.querySelector('[data-cx-progress]');
        if (!bar || bar.hidden) return false;
        const e = document.activeElement;
        const box = (e.closest('.cx-option') || e).getBoundingClientRect();
        const stuck = bar.getBoundingClientRect();
        return stuck.top <= 1 && box.top < stuck.bottom; }"""
    )
