"""The first draft of a memo, written from the startup's own facts and its scorecard."""
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from apps.startups.models import Startup
from apps.theses.models import Layer

RISK_CRITERIA = ("ux_arbitrage_risk", "fm_dependency")


def _money(startup: Startup, amount) -> str:
    return f"{startup.currency} {number_format(amount, decimal_pos=0, force_grouping=True)}".strip() if amount is not None else "—"


def _reasons(criterion: dict, limit: int = 4) -> list[str]:
    lines = []
    for reason in sorted(criterion["reasons"], key=lambda r: -abs(r.get("points", 0)))[:limit]:
        evidence = reason.get("evidence") if reason.get("source") == "text" else ""
        cite = f" — “{evidence}”" if evidence and evidence not in reason["text"] else ""
        lines.append(f"- {reason['text']}{cite}")
    return lines


def _recommendation(startup: Startup, card: dict | None, labels: dict[str, str]) -> str:
    if not card or not card.get("criteria"):
        return _("No scorecard yet: score the profile before recommending a next step.")
    total = card["total"]
    effective = {
        c["key"]: (100 - c["score"]) if c["direction"] == "higher_is_worse" else c["score"] for c in card["criteria"]
    }
    weakest = min(effective, key=effective.get)
    better = {c["key"]: c["score"] for c in card["criteria"] if c["direction"] != "higher_is_worse"} or effective
    strongest = max(better, key=better.get)
    facts = {"name": startup.name, "total": f"{total:.0f}", "weak": labels.get(weakest, weakest), "strong": labels.get(strongest, strongest)}
    if total >= 60:
        return _("Proceed to diligence on %(name)s (total %(total)s). Its strength is %(strong)s; test %(weak)s first.") % facts
    if total >= 40:
        return _("Keep %(name)s in screening (total %(total)s): gather evidence on %(weak)s before a meeting; %(strong)s is promising.") % facts
    return _("Pass on %(name)s for now (total %(total)s): %(weak)s is too weak for this thesis, unless new evidence changes it.") % facts


def _incumbent_risk(layer: str | None) -> str:
    if layer in ("foundation_model", "ai_hardware"):
        return _("Big Tech and well-funded incumbents compete here with far larger budgets; only a defensible niche or an unsolved frontier leaves room.")
    if layer == "middle_layer":
        return _("Model providers and cloud platforms can bundle similar tooling; it must become infrastructure that builders choose on its own merits.")
    return _("Incumbents with customers and distribution can ship similar AI features; the moat has to come from data and workflow, not the model.")


def draft_markdown(*, startup: Startup, card: dict | None, criteria_labels: dict[str, str], lang: str) -> str:
    """A complete memo in Markdown, in `lang`; `card` is the scorecard already worded in `lang`."""
    with translation.override(lang):
        layers = dict(Layer.choices)
        criteria = {c["key"]: c for c in (card or {}).get("criteria", [])}
        lines = [f"# {startup.name}", ""]
        lines += ["## " + _("Summary"), ""]
        if startup.one_liner:
            lines += [startup.one_liner, ""]
        if card and card.get("layer"):
            lines += [_("Scored %(total)s / 100 against %(thesis)s v%(version)s, as %(layer)s; evidence covers %(coverage)s%% of the criteria.") % {
                "total": f"{card['total']:.0f}", "thesis": card["thesis"]["name"], "version": card["thesis"]["version"],
                "layer": layers.get(card["layer"]["key"], card["layer"]["key"]), "coverage": f"{card['coverage'] * 100:.0f}",
            }, ""]
        lines += ["## " + _("Company and team"), ""]
        facts = [
            (_("Country"), startup.country or "—"), (_("Funding stage"), startup.get_stage_display() or "—"),
            (_("Sector"), startup.sector or "—"), (_("Website"), startup.domain or "—"),
        ]
        lines += [f"- **{label}**: {value}" for label, value in facts] + [""]
        if startup.description:
            lines += [startup.description, ""]
        founders = list(startup.founders.all())
        if founders:
            lines += ["**" + _("Founders") + "**", ""]
            lines += [f"- {founder.name}" + (f", {founder.role}" if founder.role else "") for founder in founders] + [""]
        lines += ["## " + _("Market and layer"), ""]
        if card and card.get("layer"):
            layer = card["layer"]
            source = _("confirmed by the analyst") if layer["source"] == "analyst" else _("suggested by the engine")
            lines += [_("Layer: **%(layer)s** (%(source)s).") % {"layer": layers.get(layer["key"], layer["key"]), "source": source}, ""]
            lines += _reasons(layer, 3) + [""]
        else:
            lines += [_("Not scored yet."), ""]
        lines += ["## " + _("Thesis scorecard"), ""]
        if criteria:
            lines += ["| " + " | ".join([_("Criterion"), _("Score"), _("Confidence")]) + " |", "|---|---:|---:|"]
            lines += [f"| {criteria_labels.get(key, key)} | {c['score']:.0f} | {c['confidence'] * 100:.0f}% |" for key, c in criteria.items()]
            lines.append("")
            for key, criterion in criteria.items():
                if key in RISK_CRITERIA:
                    continue
                lines += [f"### {criteria_labels.get(key, key)}", ""] + _reasons(criterion) + [""]
        else:
            lines += [_("Not scored yet."), ""]
        lines += ["## " + _("Key risks"), ""]
        for key in RISK_CRITERIA:
            if key in criteria:
                lines += [f"### {criteria_labels.get(key, key)} ({criteria[key]['score']:.0f} / 100)", ""] + _reasons(criteria[key]) + [""]
        lines += ["### " + _("Competition from incumbents"), "", _incumbent_risk((card or {}).get("layer", {}).get("key")), ""]
        lines += ["## " + _("Deal terms"), ""]
        lines += [
            "- **" + _("Round size") + "**: " + _money(startup, startup.round_size),
            "- **" + _("Pre-money valuation") + "**: " + _money(startup, startup.pre_money_valuation),
            "- **" + _("Pipeline stage") + "**: " + str(startup.get_pipeline_stage_display()),
            "- **" + _("Source") + "**: " + (startup.source or "—"),
            "",
        ]
        lines += ["## " + _("Recommendation"), "", _recommendation(startup, card, criteria_labels), ""]
        return "\n".join(lines)
